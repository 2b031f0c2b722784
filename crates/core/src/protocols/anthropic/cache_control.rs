//! Prompt-caching breakpoints (`cache_control`) from `providerOptions.anthropic.cacheControl`
//! on messages, parts and tools.
use crate::error::CallError;
use serde_json::Value;

/// Anthropic accepts at most this many `cache_control` breakpoints per request.
pub const MAX_CACHE_BREAKPOINTS: usize = 4;

/// Counts `cache_control` breakpoints; past the API's limit the request is refused with a clear
/// error (the AI SDK drops the extra breakpoints with a warning — a silently uncached prompt is
/// worse than an error the app can fix).
#[derive(Default)]
pub(crate) struct CacheBreakpoints {
    count: usize,
}

impl CacheBreakpoints {
    pub(crate) fn get(
        &mut self,
        provider_options: Option<&Value>,
    ) -> Result<Option<Value>, CallError> {
        let Some(cc) = provider_options
            .and_then(|o| o.get("anthropic"))
            .and_then(cache_control_of)
        else {
            return Ok(None);
        };
        self.count += 1;
        if self.count > MAX_CACHE_BREAKPOINTS {
            return Err(CallError::InvalidArgument {
                parameter: "providerOptions.anthropic.cacheControl".into(),
                message: format!(
                    "Anthropic allows at most {MAX_CACHE_BREAKPOINTS} cache breakpoints per request; found {}.",
                    self.count
                ),
            });
        }
        Ok(Some(cc))
    }
}

fn cache_control_of(anthropic: &Value) -> Option<Value> {
    anthropic
        .get("cacheControl")
        .or_else(|| anthropic.get("cache_control"))
        .filter(|v| !v.is_null())
        .cloned()
}

pub(crate) fn with_cache(mut block: Value, cache: Option<Value>) -> Value {
    if let Some(c) = cache {
        block["cache_control"] = c;
    }
    block
}

/// `part` cache control, else the message's on its last part (AI SDK placement rules).
pub(crate) fn part_cache(
    cache: &mut CacheBreakpoints,
    part: Option<&Value>,
    message: Option<&Value>,
    is_last: bool,
) -> Result<Option<Value>, CallError> {
    match cache.get(part)? {
        Some(c) => Ok(Some(c)),
        None if is_last => cache.get(message),
        None => Ok(None),
    }
}
