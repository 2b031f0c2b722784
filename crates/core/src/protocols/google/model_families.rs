//! What model id a request names and which Gemini generation it is (features differ by version).

use crate::error::CallError;

/// The segment after the last `/` (model ids may be `models/x` or `publishers/…/models/x`).
pub(crate) fn model_name(model_id: &str) -> String {
    model_id
        .rsplit('/')
        .next()
        .unwrap_or(model_id)
        .to_lowercase()
}

pub(crate) fn is_gemini(model_id: &str) -> bool {
    model_name(model_id).starts_with("gemini-")
}

/// `gemini-<prefix>` followed by the end, `.` or `-` (the AI SDK's version patterns).
pub(crate) fn is_gemini_version(model_id: &str, prefix: &str) -> bool {
    model_name(model_id)
        .strip_prefix("gemini-")
        .and_then(|rest| rest.strip_prefix(prefix))
        .is_some_and(|r| r.is_empty() || r.starts_with(['.', '-']))
}

/// Gemini 3 and later: signed function calls, function responses with media parts.
pub(crate) fn uses_gemini3_features(model_id: &str) -> bool {
    let name = model_name(model_id);
    let pre_gemini2 = is_gemini_version(model_id, "1")
        || name == "gemini-pro"
        || name == "gemini-pro-vision"
        || is_gemini_version(model_id, "robotics-er-1.5");
    is_gemini(model_id) && !pre_gemini2 && !is_gemini_version(model_id, "2")
}

/// The URL path of a model, `models/<id>` (or the id's own `tunedModels/…` path), each segment
/// percent-encoded: an id with `?`, `#` or `..` in it must not rewrite the URL the key is sent to.
pub(crate) fn model_path(model_id: &str) -> Result<String, CallError> {
    let path = if model_id.contains('/') {
        model_id.to_owned()
    } else {
        format!("models/{model_id}")
    };
    let mut out = Vec::new();
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(CallError::InvalidArgument {
                parameter: "modelId".into(),
                message: format!(
                    "{model_id:?} is not a model id (empty, `.` or `..` path segment)"
                ),
            });
        }
        out.push(
            segment
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>(),
        );
    }
    Ok(out.join("/"))
}
