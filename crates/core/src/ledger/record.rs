//! One step as the ledger keeps it.
use std::time::{SystemTime, UNIX_EPOCH};

/// Counts, cost and timings of one step; no prompt or output content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepRecord {
    /// When the step started (ms since the epoch).
    pub at_ms: i64,
    /// The provider's name (`openai`, `anthropic`, a custom provider's id).
    pub provider: String,
    pub model: String,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub reasoning_tokens: i64,
    pub cache_read_tokens: i64,
    pub cache_write_tokens: i64,
    /// From the catalogue prices; `None` when the model has none.
    pub cost_usd: Option<f64>,
    /// From the request to the step's end (its last event decoded, or its failure), not counting
    /// the app's reading of the last parts; an aborted step's, to when it was dropped.
    pub duration_ms: i64,
    /// From the request to the first text, reasoning or tool part (`None`: there was none).
    pub first_content_ms: Option<i64>,
    /// The AI SDK finish reason, `error` for a failed step, `aborted` for one the app stopped.
    pub finish_reason: String,
    /// `ErrorClass` of a failed step (`rate-limit`, `timeout`, …).
    pub error_class: Option<String>,
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
