//! Custom providers: parsing and validating what the app passes to `registerProvider` /
//! `updateProvider` (and what is read back from the providers file, through the same path).
use serde_json::{Map, Value};

use crate::protocols;

use super::config::{ModelsList, ProviderConfig};
use super::error::RegistryError;

const PROTOCOLS: [&str; 5] = [
    "openai-chat",
    "openai-platform-chat",
    "anthropic-messages",
    "openai-responses",
    "google-generative-ai",
];

/// Ids appear in `provider/model` strings and file names: no `/`, no spaces.
pub fn validate_id(id: &str) -> Result<(), RegistryError> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "._-".contains(c);
    let starts_ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if id.len() > 64 || !starts_ok || !id.chars().all(ok_char) {
        return Err(RegistryError::invalid(
            "id",
            format!("provider id {id:?} must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        ));
    }
    Ok(())
}

pub fn validate_env_var(var: &str) -> Result<(), RegistryError> {
    let starts_ok = var
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if var.len() > 128 || !starts_ok || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(RegistryError::invalid(
            "apiKeyEnvVar",
            format!("{var:?} is not an environment variable name"),
        ));
    }
    Ok(())
}

/// A custom provider config from JSON: defaults filled in (`name` = id, `protocol` =
/// `openai-chat`, live model list by protocol), every field checked.
pub fn parse(value: Value) -> Result<ProviderConfig, RegistryError> {
    let Value::Object(mut obj) = value else {
        return Err(RegistryError::invalid(
            "config",
            "a provider config must be an object",
        ));
    };
    reject_builtin_only(&obj)?;
    let id = match obj.get("id") {
        Some(Value::String(id)) => id.clone(),
        _ => {
            return Err(RegistryError::invalid(
                "id",
                "a provider needs a string `id`",
            ))
        }
    };
    validate_id(&id)?;
    obj.entry("name")
        .or_insert_with(|| Value::String(id.clone()));
    let protocol = obj
        .entry("protocol")
        .or_insert_with(|| "openai-chat".into())
        .clone();
    match protocol.as_str() {
        Some(p) if protocols::by_name(p).is_some() => {}
        _ => {
            return Err(RegistryError::invalid(
                "protocol",
                format!(
                    "unknown protocol {protocol} (one of {})",
                    PROTOCOLS.join(", ")
                ),
            ))
        }
    }
    if !obj.contains_key("modelsList") {
        let list = match protocol.as_str() {
            Some("openai-chat" | "openai-platform-chat" | "openai-responses") => {
                Some(ModelsList::Openai)
            }
            Some("anthropic-messages") => Some(ModelsList::Anthropic),
            _ => None,
        };
        obj.insert(
            "modelsList".into(),
            serde_json::to_value(list).unwrap_or_default(),
        );
    }
    let mut config: ProviderConfig = serde_json::from_value(Value::Object(obj))
        .map_err(|e| RegistryError::invalid("config", e.to_string()))?;
    if config.name.trim().is_empty() {
        return Err(RegistryError::invalid("name", "the name must not be empty"));
    }
    if let Some(var) = &config.api_key_env_var {
        validate_env_var(var)?;
    }
    if config.default_models.iter().any(|m| m.trim().is_empty()) {
        return Err(RegistryError::invalid(
            "defaultModels",
            "model ids must not be empty",
        ));
    }
    reject_credentials(&config)?;
    // URL, scheme and header checks are the ones every provider gets.
    config.base_url = config.settings().validate()?.base_url;
    Ok(config)
}

/// Header names that carry credentials.
const CREDENTIAL_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "api-key",
    "x-goog-api-key",
    "cookie",
];

/// Query parameters that carry credentials.
const CREDENTIAL_PARAMS: &[&str] = &[
    "key",
    "api_key",
    "apikey",
    "api-key",
    "token",
    "access_token",
    "auth",
];

/// A registered provider is written to `providers.json` and listed to hosts: no credential may be
/// in it, neither in a header nor in the base URL. Keys go to the keychain or an env variable.
fn reject_credentials(config: &ProviderConfig) -> Result<(), RegistryError> {
    let where_keys_go = format!(
        "keys are not written to providers.json: set `apiKeyEnvVar` to the environment variable that holds the key, or store it with setApiKey('{}', key) (`llm-native keys set {}`)",
        config.id, config.id
    );
    if let Some(name) = config
        .headers
        .keys()
        .find(|h| CREDENTIAL_HEADERS.contains(&h.to_ascii_lowercase().as_str()))
    {
        return Err(RegistryError::invalid(
            "headers",
            format!("the {name:?} header carries a credential; {where_keys_go}"),
        ));
    }
    if let Ok(url) = reqwest::Url::parse(&config.base_url) {
        if !url.username().is_empty() || url.password().is_some() {
            return Err(RegistryError::invalid(
                "baseURL",
                format!("the base URL has a user name or password in it; {where_keys_go}"),
            ));
        }
        if let Some((name, _)) = url
            .query_pairs()
            .find(|(k, _)| CREDENTIAL_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
        {
            return Err(RegistryError::invalid(
                "baseURL",
                format!("the base URL's `{name}` parameter carries a credential; {where_keys_go}"),
            ));
        }
    }
    Ok(())
}

/// `patch` applied over `current`: fields given replace, `null` resets a field to its default.
pub fn apply_patch(
    current: &ProviderConfig,
    patch: Value,
) -> Result<ProviderConfig, RegistryError> {
    let Value::Object(patch) = patch else {
        return Err(RegistryError::invalid("patch", "a patch must be an object"));
    };
    let Value::Object(mut merged) = serde_json::to_value(current).unwrap_or_default() else {
        unreachable!("a config serializes to an object");
    };
    if patch.contains_key("protocol") && !patch.contains_key("modelsList") {
        merged.remove("modelsList"); // derived again from the new protocol
    }
    for (key, value) in patch {
        if key == "id" && value.as_str() != Some(current.id.as_str()) {
            return Err(RegistryError::invalid(
                "id",
                "a provider's id cannot be changed",
            ));
        }
        match value {
            Value::Null => merged.remove(&key),
            v => merged.insert(key, v),
        };
    }
    parse(Value::Object(merged))
}

/// Keys never go to the providers file, and OAuth / keychain settings belong to built-ins.
fn reject_builtin_only(obj: &Map<String, Value>) -> Result<(), RegistryError> {
    if obj.get("apiKey").is_some_and(|v| !v.is_null()) {
        return Err(RegistryError::invalid(
            "apiKey",
            "a registered provider does not take a key (it would be written to disk); set `apiKeyEnvVar` to the environment variable that holds it",
        ));
    }
    for (key, default) in [
        ("oauth", Value::Bool(false)),
        ("keychainKey", Value::Null),
        ("aggregator", Value::Bool(false)),
    ] {
        if obj.get(key).is_some_and(|v| *v != default) {
            return Err(RegistryError::invalid(
                key,
                format!("`{key}` is only for built-in providers"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(v: Value) -> (String, String) {
        match parse(v).unwrap_err() {
            RegistryError::Invalid { parameter, message } => (parameter, message),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn fills_defaults_and_normalizes() {
        let c = parse(json!({ "id": "acme", "baseURL": "http://127.0.0.1:9/v1/" })).unwrap();
        assert_eq!(c.name, "acme");
        assert_eq!(c.protocol, "openai-chat");
        assert_eq!(c.base_url, "http://127.0.0.1:9/v1");
        assert_eq!(c.models_list, Some(ModelsList::Openai));
        assert!(c.has_credentials(), "no key variable: no key needed");
        let a = parse(
            json!({ "id": "a", "protocol": "anthropic-messages", "baseURL": "https://x/v1" }),
        )
        .unwrap();
        assert_eq!(a.models_list, Some(ModelsList::Anthropic));
        // What is stored parses back to the same config.
        assert_eq!(parse(serde_json::to_value(&a).unwrap()).unwrap(), a);
    }

    #[test]
    fn each_invalid_field_gets_its_error() {
        let base = |extra: Value| {
            let mut v = json!({ "id": "acme", "baseURL": "http://127.0.0.1:9/v1" });
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            v
        };
        let (p, m) = err(base(json!({ "baseURL": "not a url" })));
        assert_eq!(p, "baseURL");
        assert!(m.contains("not a valid URL"), "{m}");
        assert_eq!(err(base(json!({ "baseURL": "ftp://x" }))).0, "baseURL");
        let (p, m) = err(base(json!({ "protocol": "grpc" })));
        assert_eq!(p, "protocol");
        assert!(m.contains("unknown protocol \"grpc\""), "{m}");
        let (p, m) = err(base(json!({ "headers": { "x-a": "1\r\nx-b: 2" } })));
        assert_eq!(p, "headers");
        assert!(m.contains("CR, LF"), "{m}");
        assert_eq!(
            err(base(json!({ "headers": { "bad name": "1" } }))).0,
            "headers"
        );
        assert_eq!(err(base(json!({ "id": "a/b" }))).0, "id");
        assert_eq!(err(base(json!({ "id": "" }))).0, "id");
        assert_eq!(err(json!({ "baseURL": "http://x" })).0, "id");
        assert_eq!(err(base(json!({ "apiKey": "sk-1" }))).0, "apiKey");
        assert_eq!(
            err(base(json!({ "apiKeyEnvVar": "MY KEY" }))).0,
            "apiKeyEnvVar"
        );
        assert_eq!(err(base(json!({ "oauth": true }))).0, "oauth");
        assert_eq!(err(base(json!({ "name": " " }))).0, "name");
        assert_eq!(
            err(base(json!({ "defaultModels": [""] }))).0,
            "defaultModels"
        );
        let (p, m) = err(base(json!({ "colour": "red" })));
        assert_eq!(p, "config");
        assert!(m.contains("unknown field `colour`"), "{m}");
        assert_eq!(err(json!("acme")).0, "config");
    }

    #[test]
    fn credentials_in_headers_or_urls_are_refused() {
        let base = |extra: Value| {
            let mut v = json!({ "id": "acme", "baseURL": "http://127.0.0.1:9/v1" });
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            v
        };
        for h in [
            "Authorization",
            "x-api-key",
            "API-Key",
            "x-goog-api-key",
            "Cookie",
        ] {
            let (p, m) = err(base(json!({ "headers": { h: "secret-value" } })));
            assert_eq!(p, "headers");
            assert!(
                m.contains("apiKeyEnvVar")
                    && m.contains("setApiKey('acme'")
                    && !m.contains("secret-value"),
                "{m}"
            );
        }
        for url in [
            "http://user:pass@127.0.0.1:9/v1",
            "http://user@127.0.0.1:9/v1",
            "http://127.0.0.1:9/v1?api_key=x",
            "http://127.0.0.1:9/v1?KEY=x",
        ] {
            let (p, m) = err(base(json!({ "baseURL": url })));
            assert_eq!(p, "baseURL", "{url}");
            assert!(!m.contains("pass") || m.contains("password"), "{m}");
        }
        // Ordinary headers and query parameters are fine.
        parse(base(json!({ "headers": { "x-org": "acme" }, "baseURL": "http://127.0.0.1:9/v1?api-version=2024" }))).unwrap();
    }

    #[test]
    fn patches_replace_and_reset_fields() {
        let c = parse(json!({
            "id": "acme", "baseURL": "http://127.0.0.1:9/v1", "apiKeyEnvVar": "ACME_KEY", "headers": { "x-a": "1" }
        }))
        .unwrap();
        let p = apply_patch(
            &c,
            json!({ "baseURL": "http://127.0.0.1:8", "apiKeyEnvVar": null }),
        )
        .unwrap();
        assert_eq!(p.base_url, "http://127.0.0.1:8");
        assert_eq!(p.api_key_env_var, None);
        assert_eq!(p.headers.get("x-a").map(String::as_str), Some("1"));
        let p = apply_patch(&c, json!({ "protocol": "anthropic-messages" })).unwrap();
        assert_eq!(p.models_list, Some(ModelsList::Anthropic));
        assert_eq!(
            apply_patch(&c, json!({ "id": "other" })).unwrap_err(),
            RegistryError::invalid("id", "a provider's id cannot be changed")
        );
        assert!(matches!(
            apply_patch(&c, json!({ "baseURL": "nope" })),
            Err(RegistryError::Invalid { parameter, .. }) if parameter == "baseURL"
        ));
    }
}
