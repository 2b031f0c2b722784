//! The waits a streaming call can get stuck in, each with its own limit and error: connecting,
//! waiting for the response head (first byte), the first content part, the gap between body
//! chunks (when the app set that limit, pings and SSE comments do not count), and the whole
//! step or the rest of a multi-step call. Connect / first-byte / idle defaults are Node's fetch
//! (undici) defaults, so an app sees what it saw with the AI SDK; the others are off by default.
use std::time::Duration;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeouts {
    pub connect_ms: Option<u64>,
    pub first_byte_ms: Option<u64>,
    pub idle_ms: Option<u64>,
    /// No text, reasoning or tool part within this long of the request (per attempt).
    pub first_content_ms: Option<u64>,
    /// The whole step: request, retries and the streamed answer.
    pub step_ms: Option<u64>,
    /// What is left of the whole call's `totalMs` when this step starts (the JS side counts it).
    pub total_ms: Option<u64>,
}

pub const DEFAULT_CONNECT: Duration = Duration::from_secs(10);
pub const DEFAULT_FIRST_BYTE: Duration = Duration::from_secs(300);
pub const DEFAULT_IDLE: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    Connect,
    FirstByte,
    Idle,
    /// A stall before the first content part (retryable: nothing reached the app yet).
    IdleBeforeContent,
    FirstContent,
    Step,
    Total,
}

impl TimeoutKind {
    /// The JS error name.
    pub fn error_name(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "AI_ConnectTimeoutError",
            TimeoutKind::FirstByte => "AI_FirstByteTimeoutError",
            TimeoutKind::Idle | TimeoutKind::IdleBeforeContent => "AI_IdleTimeoutError",
            TimeoutKind::FirstContent => "AI_FirstContentTimeoutError",
            TimeoutKind::Step => "AI_StepTimeoutError",
            TimeoutKind::Total => "AI_TotalTimeoutError",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "connecting to the provider",
            TimeoutKind::FirstByte => "waiting for the response to start",
            TimeoutKind::Idle => "waiting for the next chunk of the stream",
            TimeoutKind::IdleBeforeContent => "waiting for the stream's first content",
            TimeoutKind::FirstContent => "waiting for the first text, reasoning or tool part",
            TimeoutKind::Step => "for the step (stepMs)",
            TimeoutKind::Total => "for the call (totalMs)",
        }
    }

    /// Whether another attempt may succeed: the waits before the answer started. A step or
    /// total limit, or a stall mid-answer, is final.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            TimeoutKind::Connect
                | TimeoutKind::FirstByte
                | TimeoutKind::IdleBeforeContent
                | TimeoutKind::FirstContent
        )
    }
}

impl Timeouts {
    /// Per-call values win over the provider's (`stepMs` / `totalMs` are per call only).
    pub fn over(self, provider: Timeouts) -> Timeouts {
        Timeouts {
            connect_ms: self.connect_ms.or(provider.connect_ms),
            first_byte_ms: self.first_byte_ms.or(provider.first_byte_ms),
            idle_ms: self.idle_ms.or(provider.idle_ms),
            first_content_ms: self.first_content_ms.or(provider.first_content_ms),
            // Limits of one call's steps, never a provider's.
            step_ms: self.step_ms,
            total_ms: self.total_ms,
        }
    }

    pub fn connect(&self) -> Duration {
        self.connect_ms
            .map_or(DEFAULT_CONNECT, Duration::from_millis)
    }

    pub fn first_byte(&self) -> Duration {
        self.first_byte_ms
            .map_or(DEFAULT_FIRST_BYTE, Duration::from_millis)
    }

    pub fn idle(&self) -> Duration {
        self.idle_ms.map_or(DEFAULT_IDLE, Duration::from_millis)
    }

    pub fn first_content(&self) -> Option<Duration> {
        self.first_content_ms.map(Duration::from_millis)
    }

    /// The limit on this step as a whole: the sooner of `stepMs` and what is left of `totalMs`,
    /// with the kind of error it ends in.
    pub fn step_limit(&self) -> Option<(Duration, TimeoutKind)> {
        // On a tie the total wins (the first minimum): its error says the call ran out of time.
        [
            self.total_ms.map(|ms| (ms, TimeoutKind::Total)),
            self.step_ms.map(|ms| (ms, TimeoutKind::Step)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|&(ms, _)| ms)
        .map(|(ms, kind)| (Duration::from_millis(ms), kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sooner_of_step_and_total_limits_the_step() {
        let t = Timeouts {
            step_ms: Some(500),
            total_ms: Some(200),
            ..Timeouts::default()
        };
        assert_eq!(
            t.step_limit(),
            Some((Duration::from_millis(200), TimeoutKind::Total))
        );
        let t = Timeouts {
            step_ms: Some(100),
            ..t
        };
        assert_eq!(
            t.step_limit(),
            Some((Duration::from_millis(100), TimeoutKind::Step))
        );
        let tie = Timeouts {
            step_ms: Some(200),
            ..t
        };
        assert_eq!(
            tie.step_limit(),
            Some((Duration::from_millis(200), TimeoutKind::Total))
        );
        assert_eq!(Timeouts::default().step_limit(), None);
    }

    #[test]
    fn call_values_override_provider_values_and_defaults_fill_the_rest() {
        let provider = Timeouts {
            connect_ms: Some(1),
            first_byte_ms: Some(2),
            ..Timeouts::default()
        };
        let call = Timeouts {
            first_byte_ms: Some(20),
            ..Timeouts::default()
        };
        let t = call.over(provider);
        assert_eq!(t.connect(), Duration::from_millis(1));
        assert_eq!(t.first_byte(), Duration::from_millis(20));
        assert_eq!(t.idle(), DEFAULT_IDLE);
    }
}
