//! What the AI SDK knows about a Claude model id (its `getModelCapabilities`: the parts that
//! shape requests).

/// What the AI SDK knows about a model id (its `getModelCapabilities`, the parts that shape requests).
pub(crate) struct Capabilities {
    pub(crate) max_output_tokens: u64,
    pub(crate) rejects_sampling: bool,
    pub(crate) rejects_budget_thinking: bool,
    pub(crate) known: bool,
}

pub(crate) fn capabilities(model_id: &str) -> Capabilities {
    let has = |s: &str| model_id.contains(s);
    let caps = |max: u64, rejects_sampling: bool, rejects_budget_thinking: bool, known: bool| {
        Capabilities {
            max_output_tokens: max,
            rejects_sampling,
            rejects_budget_thinking,
            known,
        }
    };
    if has("claude-sonnet-5-5") || has("claude-opus-5-5") || has("claude-haiku-5-5") {
        caps(128_000, true, true, true)
    } else if has("claude-opus-5") {
        caps(128_000, true, false, true)
    } else if has("claude-fable-5") {
        caps(128_000, true, true, true)
    } else if has("claude-opus-4-8") || has("claude-opus-4-7") || has("claude-sonnet-5") {
        caps(128_000, true, false, true)
    } else if has("claude-sonnet-4-6") || has("claude-opus-4-6") {
        caps(128_000, false, false, true)
    } else if has("claude-sonnet-4-5") || has("claude-opus-4-5") || has("claude-haiku-4-5") {
        caps(64_000, false, false, true)
    } else if has("claude-opus-4-1") {
        caps(32_000, false, false, true)
    } else if has("claude-sonnet-4-") || has("claude-3-7-sonnet") {
        caps(64_000, false, false, true)
    } else if has("claude-opus-4-") {
        caps(32_000, false, false, true)
    } else if has("claude-3-haiku") {
        caps(4096, false, false, true)
    } else if is_legacy_claude(model_id) {
        caps(4096, false, false, false)
    } else if has("claude-") {
        caps(128_000, true, false, false)
    } else {
        caps(4096, false, false, false)
    }
}

/// `claude-instant…`, `claude-2…`, `claude-v2…`, `claude-3` / `claude-3-…` / `claude-3.…`.
pub(crate) fn is_legacy_claude(model_id: &str) -> bool {
    model_id.match_indices("claude-").any(|(i, _)| {
        let rest = &model_id[i + "claude-".len()..];
        let boundary = |s: &str, chars: &[char]| s.is_empty() || s.starts_with(chars);
        if let Some(r) = rest.strip_prefix("instant") {
            return boundary(r, &['-']);
        }
        let r = rest.strip_prefix('v').unwrap_or(rest);
        if let Some(r) = r.strip_prefix('2') {
            return boundary(r, &['-', '.', ':']);
        }
        rest.strip_prefix('3')
            .is_some_and(|r| boundary(r, &['-', '.']))
    })
}
