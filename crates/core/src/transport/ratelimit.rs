//! Client-side limits per provider, so an app running many agents stays under the provider's
//! rate limits instead of collecting 429s: at most N requests per interval (sliding window) and
//! at most M streams open at once. Waiting is cancelled with the call (abort drops the task).
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

// Tokio's clock, so paused-time tests and `sleep` agree.
use tokio::time::Instant;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per `interval` (each retry attempt counts).
    pub max_requests: Option<u32>,
    pub interval: Duration,
    pub max_concurrent_streams: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Limiter {
    window: Option<(u32, Duration, Mutex<VecDeque<Instant>>)>,
    streams: Option<Arc<Semaphore>>,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Limiter {
        Limiter {
            window: limit
                .max_requests
                .map(|n| (n, limit.interval, Mutex::new(VecDeque::new()))),
            streams: limit
                .max_concurrent_streams
                .map(|n| Arc::new(Semaphore::new(n as usize))),
        }
    }

    /// Waits for a stream slot; the slot is held until the returned permit is dropped.
    pub async fn stream_slot(&self) -> Option<OwnedSemaphorePermit> {
        let semaphore = self.streams.clone()?;
        semaphore.acquire_owned().await.ok()
    }

    /// Waits until one more request fits in the window, and records it.
    pub async fn request_slot(&self) {
        let Some((max, interval, starts)) = &self.window else {
            return;
        };
        loop {
            let wait = {
                let mut starts = starts.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                while starts
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= *interval)
                {
                    starts.pop_front();
                }
                if starts.len() < *max as usize {
                    starts.push_back(now);
                    return;
                }
                *interval - now.duration_since(starts[0])
            };
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_beyond_the_window_wait_for_it_to_slide() {
        let limiter = Limiter::new(RateLimit {
            max_requests: Some(2),
            interval: Duration::from_secs(60),
            max_concurrent_streams: None,
        });
        let start = tokio::time::Instant::now();
        limiter.request_slot().await;
        limiter.request_slot().await;
        assert_eq!(start.elapsed(), Duration::ZERO);
        limiter.request_slot().await;
        assert_eq!(start.elapsed(), Duration::from_secs(60));
    }

    #[tokio::test]
    async fn stream_slots_are_bounded_and_released_on_drop() {
        let limiter = Limiter::new(RateLimit {
            max_concurrent_streams: Some(1),
            ..RateLimit::default()
        });
        let first = limiter.stream_slot().await;
        assert!(first.is_some());
        let second = tokio::time::timeout(Duration::from_millis(20), limiter.stream_slot()).await;
        assert!(second.is_err(), "a second stream must wait");
        drop(first);
        assert!(limiter.stream_slot().await.is_some());
        assert!(
            Limiter::default().stream_slot().await.is_none(),
            "no limit, no permit"
        );
    }
}
