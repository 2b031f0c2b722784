//! Retries of the request phase (before any body byte is streamed), as the AI SDK does them:
//! `maxRetries` (default 2) more attempts for retryable `APICallError`s (connection errors,
//! 408/409/429/5xx) and connect / first-byte timeouts, exponential backoff from 2 s, and the server's `retry-after-ms` /
//! `retry-after` honoured when it asks for less than a minute. Unlike the AI SDK, the computed
//! backoff gets ±10% jitter so that many clients do not retry in lockstep.
use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{ApiCallError, CallError};

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub initial_delay: Duration,
    pub backoff_factor: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_secs(2),
            backoff_factor: 2,
        }
    }
}

/// A server-requested wait is used when below this, or below the computed backoff.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

/// The computed backoff stops growing here (the AI SDK's has no cap; with many retries it would
/// reach years, and overflow).
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Runs `attempt` until it succeeds, fails with a non-retryable error, or retries run out.
/// Every attempt's error is kept in the resulting `RetryError`.
pub async fn with_retries<T, F, Fut>(policy: RetryPolicy, attempt: F) -> Result<T, CallError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CallError>>,
{
    with_retries_unless(policy, attempt, |_| false).await
}

/// As `with_retries`, but an error `give_up` accepts is not retried however retryable (a
/// fallback chain hands it to the next model instead).
pub async fn with_retries_unless<T, F, Fut>(
    policy: RetryPolicy,
    mut attempt: F,
    give_up: impl Fn(&CallError) -> bool,
) -> Result<T, CallError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CallError>>,
{
    let mut errors: Vec<CallError> = Vec::new();
    let mut backoff = policy.initial_delay;
    loop {
        let error = match attempt().await {
            Ok(value) => return Ok(value),
            Err(e) => e,
        };
        if policy.max_retries == 0 {
            return Err(error);
        }
        let message = error.to_string();
        let retryable = error.is_retryable() && !give_up(&error);
        let delay = match &error {
            CallError::ApiCall(e) => retry_delay(e, backoff),
            _ => backoff,
        };
        errors.push(error);
        let tries = errors.len();
        if tries as u32 > policy.max_retries {
            return Err(CallError::Retry {
                message: format!("Failed after {tries} attempts. Last error: {message}"),
                reason: "maxRetriesExceeded",
                errors,
            });
        }
        if !retryable {
            if tries == 1 {
                return Err(errors.pop().expect("one error"));
            }
            return Err(CallError::Retry {
                message: format!(
                    "Failed after {tries} attempts with non-retryable error: '{message}'"
                ),
                reason: "errorNotRetryable",
                errors,
            });
        }
        // Dropping the task (abort) cancels this sleep at once.
        tokio::time::sleep(delay).await;
        backoff = backoff
            .saturating_mul(policy.backoff_factor)
            .min(MAX_BACKOFF);
    }
}

/// The wait before the next attempt: the server's `retry-after-ms` / `retry-after` (seconds or an
/// HTTP date) when sensible, else the backoff with jitter.
pub fn retry_delay(error: &ApiCallError, backoff: Duration) -> Duration {
    if let Some(requested) = requested_delay(error) {
        if requested < MAX_SERVER_DELAY || requested < backoff {
            return requested;
        }
    }
    let backoff = backoff.min(MAX_BACKOFF);
    Duration::try_from_secs_f64(backoff.as_secs_f64() * (0.9 + 0.2 * random_fraction()))
        .unwrap_or(backoff)
}

/// The wait the server asks for in `retry-after-ms` / `retry-after` (seconds or an HTTP date).
pub fn requested_delay(error: &ApiCallError) -> Option<Duration> {
    let header = |name: &str| {
        error
            .response_headers
            .as_ref()
            .and_then(|h| h.get(name))
            .map(|v| v.trim())
    };
    let requested_ms = header("retry-after-ms")
        .and_then(|v| v.parse::<f64>().ok())
        .or_else(|| {
            let v = header("retry-after")?;
            v.parse::<f64>().ok().map(|s| s * 1000.0).or_else(|| {
                let at = httpdate::parse_http_date(v).ok()?;
                // A date in the past asks for no particular wait: the backoff applies.
                let wait = at.duration_since(SystemTime::now()).ok()?;
                Some(wait.as_secs_f64() * 1000.0)
            })
        });
    // (`try_`: a hostile `retry-after-ms: 1e300` must not panic.)
    requested_ms.and_then(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok())
}

fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(status: u16, headers: &[(&str, &str)]) -> ApiCallError {
        crate::test_support::api_call_error(Some(status), headers, None)
    }

    #[test]
    fn retry_after_dates_in_all_three_http_forms() {
        // 30 s from now as IMF-fixdate, RFC 850 and asctime (RFC 9110 §5.6.7).
        let imf = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let p: Vec<&str> = imf.split([' ', ',']).filter(|x| !x.is_empty()).collect();
        let (wd, day, mon, year, time) = (p[0], p[1], p[2], p[3], p[4]);
        let weekday = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ]
        .into_iter()
        .find(|w| w.starts_with(wd))
        .unwrap();
        let rfc850 = format!("{weekday}, {day}-{mon}-{} {time} GMT", &year[2..]);
        let asctime = format!(
            "{wd} {mon} {:>2} {time} {year}",
            day.trim_start_matches('0')
        );
        for date in [imf.clone(), rfc850, asctime] {
            let d = retry_delay(
                &api_error(503, &[("retry-after", &date)]),
                Duration::from_secs(2),
            );
            assert!(
                d > Duration::from_secs(25) && d <= Duration::from_secs(30),
                "{date}: {d:?}"
            );
        }
    }

    #[test]
    fn hostile_delays_and_huge_backoffs_do_not_panic() {
        for v in ["1e300", "-5", "NaN", "inf", "18446744073709551616"] {
            let d = retry_delay(
                &api_error(429, &[("retry-after-ms", v)]),
                Duration::from_secs(2),
            );
            assert!(d <= MAX_BACKOFF, "{v}: {d:?}");
        }
        assert!(retry_delay(&api_error(429, &[]), Duration::MAX) <= MAX_BACKOFF.mul_f64(1.1));
        // 100 retries with `retry-after-ms: 0`: no overflow, no sleep of years, all attempts kept.
        let policy = RetryPolicy {
            max_retries: 100,
            ..RetryPolicy::default()
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let result: Result<(), CallError> = rt.block_on(with_retries(policy, || async {
            Err(CallError::ApiCall(Box::new(api_error(
                429,
                &[("retry-after-ms", "0")],
            ))))
        }));
        assert!(started.elapsed() < Duration::from_secs(5));
        match result {
            Err(CallError::Retry { errors, .. }) => assert_eq!(errors.len(), 101),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_delay_is_honoured_when_sensible() {
        let backoff = Duration::from_secs(2);
        assert_eq!(
            retry_delay(&api_error(429, &[("retry-after-ms", "150")]), backoff),
            Duration::from_millis(150)
        );
        assert_eq!(
            retry_delay(&api_error(429, &[("retry-after", "3")]), backoff),
            Duration::from_secs(3)
        );
        // Over a minute and over the backoff: ignored in favour of the (jittered) backoff.
        let d = retry_delay(&api_error(503, &[("retry-after", "600")]), backoff);
        assert!(
            d >= Duration::from_millis(1800) && d <= Duration::from_millis(2200),
            "{d:?}"
        );
        let d = retry_delay(
            &api_error(503, &[("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT")]),
            backoff,
        );
        assert!(
            d >= Duration::from_millis(1800),
            "a date in the past is not a delay: {d:?}"
        );
    }

    fn run(policy: RetryPolicy, statuses: &[u16]) -> (Result<u32, CallError>, usize) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let mut calls = 0usize;
        let result = rt.block_on(with_retries(policy, || {
            let status = statuses.get(calls).copied();
            calls += 1;
            async move {
                match status {
                    Some(s) => Err(CallError::ApiCall(Box::new(api_error(s, &[])))),
                    None => Ok(7),
                }
            }
        }));
        (result, calls)
    }

    #[test]
    fn retryable_errors_are_retried_then_succeed() {
        let (result, calls) = run(RetryPolicy::default(), &[500, 429]);
        assert_eq!((result.unwrap(), calls), (7, 3));
    }

    #[test]
    fn exhausted_retries_give_a_retry_error_with_every_attempt() {
        let (result, calls) = run(RetryPolicy::default(), &[500, 502, 503]);
        assert_eq!(calls, 3);
        let js = result.unwrap_err().to_json();
        assert_eq!(js["name"], "AI_RetryError");
        assert_eq!(js["reason"], "maxRetriesExceeded");
        assert_eq!(
            js["message"],
            "Failed after 3 attempts. Last error: status 503"
        );
        let statuses: Vec<u64> = js["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["statusCode"].as_u64().unwrap())
            .collect();
        assert_eq!(statuses, vec![500, 502, 503]);
        assert_eq!(js["lastError"]["statusCode"], 503);
    }

    #[test]
    fn non_retryable_errors_are_not_retried() {
        let (result, calls) = run(RetryPolicy::default(), &[401]);
        assert_eq!(calls, 1);
        assert_eq!(result.unwrap_err().to_json()["name"], "AI_APICallError");
        let (result, calls) = run(RetryPolicy::default(), &[500, 400]);
        assert_eq!(calls, 2);
        assert_eq!(result.unwrap_err().to_json()["reason"], "errorNotRetryable");
        let (result, calls) = run(
            RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            &[500],
        );
        assert_eq!(
            (calls, result.unwrap_err().to_json()["name"].as_str()),
            (1, Some("AI_APICallError"))
        );
    }
}
