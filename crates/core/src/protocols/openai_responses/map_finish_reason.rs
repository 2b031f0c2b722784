//! Responses `incomplete_details.reason` → AI SDK finish reason.
use crate::types::FinishReason;

pub fn map_finish_reason(reason: Option<&str>, has_function_call: bool) -> FinishReason {
    match reason {
        None => {
            if has_function_call {
                FinishReason::ToolCalls
            } else {
                FinishReason::Stop
            }
        }
        Some("max_output_tokens") => FinishReason::Length,
        Some("content_filter") => FinishReason::ContentFilter,
        Some(_) if has_function_call => FinishReason::ToolCalls,
        Some(_) => FinishReason::Unknown,
    }
}
