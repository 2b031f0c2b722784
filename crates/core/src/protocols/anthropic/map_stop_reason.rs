//! Messages `stop_reason` → AI SDK finish reason.
use crate::types::FinishReason;

pub fn map_stop_reason(reason: Option<&str>) -> FinishReason {
    match reason {
        Some("pause_turn" | "end_turn" | "stop_sequence") => FinishReason::Stop,
        Some("refusal") => FinishReason::ContentFilter,
        Some("tool_use") => FinishReason::ToolCalls,
        Some("max_tokens") => FinishReason::Length,
        Some("compaction") => FinishReason::Other,
        _ => FinishReason::Unknown,
    }
}
