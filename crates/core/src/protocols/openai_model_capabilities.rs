//! What the AI SDK derives from an OpenAI model id (`getOpenAILanguageModelCapabilities`), for
//! both OpenAI protocols (Responses and `openai.chat`).

/// What the AI SDK derives from an OpenAI model id (`getOpenAILanguageModelCapabilities`).
pub(crate) struct Capabilities {
    pub(crate) reasoning: bool,
    pub(crate) supports_flex: bool,
    pub(crate) supports_priority: bool,
    pub(crate) supports_non_reasoning_parameters: bool,
    /// GPT-6 and later accept only these `reasoningEffort`s; `None`: any.
    pub(crate) supported_reasoning_efforts: Option<&'static [&'static str]>,
}

/// `o<N>` or `o<N>-…`.
fn o_series(model_id: &str) -> Option<u32> {
    let rest = model_id.strip_prefix('o')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    (!digits.is_empty() && (after.is_empty() || after.starts_with('-')))
        .then(|| digits.parse().ok())?
}

/// `gpt-<major>[.<minor>][-<variant>]`.
fn gpt_version(model_id: &str) -> Option<(u32, Option<u32>, Option<&str>)> {
    let rest = model_id.strip_prefix("gpt-")?;
    let (version, variant) = match rest.split_once('-') {
        Some((v, var)) => (v, Some(var)),
        None => (rest, None),
    };
    let (major, minor) = match version.split_once('.') {
        Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
        None => (version.parse().ok()?, None),
    };
    Some((major, minor, variant))
}

pub(crate) fn capabilities(model_id: &str) -> Capabilities {
    let o = o_series(model_id);
    let gpt = gpt_version(model_id);
    let chat = gpt.is_some_and(|(_, minor, variant)| {
        minor.is_none() && variant.is_some_and(|v| v.starts_with("chat"))
    });
    let nano = gpt.is_some_and(|(_, _, variant)| variant.is_some_and(|v| v.starts_with("nano")));
    let major = gpt.map(|(m, _, _)| m);
    let gpt5_plus = major.is_some_and(|m| m >= 5);
    let gpt6_plus = major.is_some_and(|m| m >= 6);
    Capabilities {
        reasoning: o.is_some()
            || (gpt5_plus && !chat)
            || model_id == "codex-mini-latest"
            || model_id == "computer-use-preview",
        supports_flex: o.is_some_and(|v| v >= 3) || (gpt5_plus && !chat),
        supports_priority: model_id.starts_with("gpt-4")
            || (gpt5_plus && !nano && !chat)
            || o.is_some_and(|v| v >= 3),
        supports_non_reasoning_parameters: gpt.is_some_and(|(major, minor, _)| {
            major < 6 && (major > 5 || (major == 5 && minor.unwrap_or(0) >= 1))
        }),
        supported_reasoning_efforts: if matches!(model_id, "gpt-6-sol" | "gpt-6-luna") {
            Some(&["none", "low", "medium", "high", "xhigh", "max"])
        } else if gpt6_plus {
            Some(&["low", "medium", "high", "xhigh", "max"])
        } else {
            None
        },
    }
}
