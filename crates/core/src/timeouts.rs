//! The three waits a streaming call can get stuck in, each with its own limit and error:
//! connecting, waiting for the response head (first byte), and the gap between body chunks.
//! Defaults are Node's fetch (undici) defaults, so an app sees what it saw with the AI SDK.
use std::time::Duration;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeouts {
    pub connect_ms: Option<u64>,
    pub first_byte_ms: Option<u64>,
    pub idle_ms: Option<u64>,
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
}

impl TimeoutKind {
    /// The JS error name.
    pub fn error_name(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "AI_ConnectTimeoutError",
            TimeoutKind::FirstByte => "AI_FirstByteTimeoutError",
            TimeoutKind::Idle | TimeoutKind::IdleBeforeContent => "AI_IdleTimeoutError",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "connecting to the provider",
            TimeoutKind::FirstByte => "waiting for the response to start",
            TimeoutKind::Idle => "waiting for the next chunk of the stream",
            TimeoutKind::IdleBeforeContent => "waiting for the stream's first content",
        }
    }
}

impl Timeouts {
    /// Per-call values win over the provider's.
    pub fn over(self, provider: Timeouts) -> Timeouts {
        Timeouts {
            connect_ms: self.connect_ms.or(provider.connect_ms),
            first_byte_ms: self.first_byte_ms.or(provider.first_byte_ms),
            idle_ms: self.idle_ms.or(provider.idle_ms),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_values_override_provider_values_and_defaults_fill_the_rest() {
        let provider = Timeouts {
            connect_ms: Some(1),
            first_byte_ms: Some(2),
            idle_ms: None,
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
