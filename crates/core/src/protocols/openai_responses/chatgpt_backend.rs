//! The rules of the ChatGPT subscription backend (the Codex Responses endpoint a ChatGPT login's
//! token is accepted by): nothing stored (`store: false`, encrypted reasoning carried in the
//! input instead), `instructions` always present, no item ids or `item_reference`s (nothing is
//! stored to refer to) and no `max_output_tokens`.
use serde_json::{json, Map, Value};

use crate::credential::Backend;

/// Adapts a Responses body built for the API to the ChatGPT backend.
pub(crate) fn adapt(body: &mut Map<String, Value>, backend: &Backend, warnings: &mut Vec<Value>) {
    body.insert("store".into(), json!(false));
    let include = body
        .entry("include")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(list) = include.as_array_mut() {
        let key = json!("reasoning.encrypted_content");
        if !list.contains(&key) {
            list.push(key);
        }
    }
    if body.remove("max_output_tokens").is_some() {
        warnings.push(json!({ "type": "unsupported-setting", "setting": "maxOutputTokens",
            "details": "the ChatGPT subscription backend does not accept max_output_tokens; it was left out" }));
    }
    let mut system = Vec::new();
    if let Some(Value::Array(input)) = body.get_mut("input") {
        input.retain(|item| item["type"] != "item_reference");
        // System and developer messages become the instructions (unless the call set them).
        input.retain(|item| match item["role"].as_str() {
            Some("system" | "developer") => {
                system.extend(item["content"].as_str().map(str::to_owned));
                false
            }
            _ => true,
        });
        for item in input.iter_mut() {
            if let Some(item) = item.as_object_mut() {
                item.remove("id");
            }
        }
    }
    if body.get("instructions").is_none_or(Value::is_null) {
        let instructions = match system.is_empty() {
            true => backend.instructions.clone().unwrap_or_default(),
            false => system.join("\n\n"),
        };
        body.insert("instructions".into(), json!(instructions));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_for_the_api_becomes_one_the_chatgpt_backend_accepts() {
        let mut body = json!({
            "model": "gpt-5", "max_output_tokens": 100, "include": ["file_search_call.results"],
            "input": [
                { "role": "developer", "content": "be brief" },
                { "role": "user", "content": [{ "type": "input_text", "text": "hi" }] },
                { "type": "item_reference", "id": "msg_1" },
                { "type": "reasoning", "id": "rs_1", "encrypted_content": "e", "summary": [] },
                { "type": "function_call", "id": "fc_1", "call_id": "c1", "name": "f", "arguments": "{}" },
            ],
        });
        let mut warnings = Vec::new();
        let backend = Backend {
            instructions: Some("default".into()),
            ..Backend::default()
        };
        adapt(body.as_object_mut().unwrap(), &backend, &mut warnings);
        assert_eq!(
            body,
            json!({
                "model": "gpt-5", "include": ["file_search_call.results", "reasoning.encrypted_content"],
                "input": [
                    { "role": "user", "content": [{ "type": "input_text", "text": "hi" }] },
                    { "type": "reasoning", "encrypted_content": "e", "summary": [] },
                    { "type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}" },
                ],
                "store": false, "instructions": "be brief",
            })
        );
        assert_eq!(warnings.len(), 1);

        let mut bare = json!({ "model": "gpt-5", "input": [] });
        adapt(bare.as_object_mut().unwrap(), &backend, &mut warnings);
        assert_eq!(bare["instructions"], "default");
        assert_eq!(bare["include"], json!(["reasoning.encrypted_content"]));
    }
}
