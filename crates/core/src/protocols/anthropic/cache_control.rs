//! Prompt-caching breakpoints (`cache_control`) from `providerOptions.anthropic.cacheControl`
//! on messages, parts and tools.
use crate::error::CallError;
use serde_json::{json, Value};

/// Anthropic accepts at most this many `cache_control` breakpoints per request.
pub const MAX_CACHE_BREAKPOINTS: usize = 4;

/// Counts `cache_control` breakpoints. Past the API's limit a breakpoint is dropped with an
/// `unsupported-setting` warning, as `@ai-sdk/anthropic` does: agents add one per tool step, and
/// refusing the request would fail the fifth step of every loop. The warnings go after all others.
#[derive(Default)]
pub(crate) struct CacheBreakpoints {
    count: usize,
    pub(crate) warnings: Vec<Value>,
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
            self.warnings.push(json!({
                "type": "unsupported-setting",
                "setting": "cacheControl",
                "details": format!(
                    "Maximum {MAX_CACHE_BREAKPOINTS} cache breakpoints exceeded (found {}). This breakpoint will be ignored.",
                    self.count
                ),
            }));
            return Ok(None);
        }
        Ok(Some(cc))
    }

    /// A breakpoint on a block Anthropic cannot cache (a thinking block) is ignored, with a
    /// warning, and not counted.
    pub(crate) fn refuse(&mut self, provider_options: Option<&Value>, block: &str) {
        if has_cache_control(provider_options) {
            self.warnings.push(json!({
                "type": "unsupported-setting",
                "setting": "cacheControl",
                "details": format!("cache_control cannot be set on {block}. It will be ignored."),
            }));
        }
    }
}

/// Whether `provider_options` set a cache breakpoint (valid or not).
pub(crate) fn has_cache_control(provider_options: Option<&Value>) -> bool {
    provider_options
        .and_then(|o| o.get("anthropic"))
        .and_then(cache_control_of)
        .is_some()
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
