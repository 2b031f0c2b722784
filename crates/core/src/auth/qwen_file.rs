//! Qwen Code's login: the Qwen Code CLI keeps its OAuth session in `~/.qwen/oauth_creds.json`
//! (`access_token`, `refresh_token`, `expiry_date` in ms, `resource_url`: the API host of the
//! account). llm-native reads that file instead of the keychain, refreshes through Qwen's token
//! endpoint when due, and writes the new tokens back (other fields kept) so the CLI and the app
//! share one session. The API base URL is `https://<resource_url>/v1`.
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::credential::{Backend, Login};
use crate::private_file::write_private;
use crate::secret::Secret;

use super::error::AuthError;
use super::tokens::Tokens;

const P: Login = Login::Qwen;

/// Where the file is, and Qwen's OAuth client.
#[derive(Debug, Clone, PartialEq)]
pub struct QwenClient {
    pub credentials_file: PathBuf,
    pub token_url: String,
    pub client_id: String,
    /// The API when the file names no `resource_url`.
    pub default_base_url: String,
}

impl Default for QwenClient {
    fn default() -> Self {
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map_or_else(|| PathBuf::from("."), PathBuf::from);
        QwenClient {
            credentials_file: home.join(".qwen").join("oauth_creds.json"),
            token_url: "https://chat.qwen.ai/api/v1/oauth2/token".into(),
            client_id: "f0304373b74a44d2b584a3fb70ca9e56".into(),
            default_base_url: "https://dashscope.aliyuncs.com/compatible-mode/v1".into(),
        }
    }
}

fn store_error(path: &Path, e: impl std::fmt::Display) -> AuthError {
    AuthError::Store(format!(
        "the Qwen Code credentials file {}: {e}",
        path.display()
    ))
}

fn read(path: &Path) -> Result<Option<Map<String, Value>>, AuthError> {
    match std::fs::read(path) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(Value::Object(o)) => Ok(Some(o)),
            // The error names no value: a corrupt file may still hold a token.
            _ => Err(store_error(path, "is not a JSON object")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(store_error(path, e)),
    }
}

/// The session in the file (`None`: no file, not logged in with Qwen Code).
pub fn load(cfg: &QwenClient) -> Result<Option<Tokens>, AuthError> {
    let Some(o) = read(&cfg.credentials_file)? else {
        return Ok(None);
    };
    let text = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    let Some(access) = text("access_token") else {
        return Err(store_error(&cfg.credentials_file, "has no access_token"));
    };
    Ok(Some(Tokens {
        access: Secret::new(access),
        refresh: text("refresh_token").map(Secret::new),
        expires_at: o.get("expiry_date").and_then(Value::as_u64),
        account_id: None,
        resource_url: text("resource_url"),
    }))
}

/// Writes refreshed `tokens` back into the file, keeping the fields it does not set.
pub fn save(cfg: &QwenClient, tokens: &Tokens) -> Result<(), AuthError> {
    let path = &cfg.credentials_file;
    let mut o = read(path)?.unwrap_or_default();
    o.insert("access_token".into(), json!(tokens.access.expose()));
    if let Some(r) = &tokens.refresh {
        o.insert("refresh_token".into(), json!(r.expose()));
    }
    if let Some(at) = tokens.expires_at {
        o.insert("expiry_date".into(), json!(at));
    }
    if let Some(url) = &tokens.resource_url {
        o.insert("resource_url".into(), json!(url));
    }
    o.entry("token_type").or_insert_with(|| json!("Bearer"));
    let bytes = serde_json::to_vec_pretty(&Value::Object(o)).map_err(|e| store_error(path, e))?;
    write_private(path, &bytes).map_err(|e| store_error(path, e))
}

/// Qwen's API for the account: `resource_url` as `https://<host>/v1`, else the default.
pub fn backend(cfg: &QwenClient, tokens: &Tokens) -> Backend {
    let base = match tokens.resource_url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => {
            let url = match url.starts_with("http://") || url.starts_with("https://") {
                true => url.to_owned(),
                false => format!("https://{url}"),
            };
            let url = url.trim_end_matches('/');
            match url.ends_with("/v1") {
                true => url.to_owned(),
                false => format!("{url}/v1"),
            }
        }
        _ => cfg.default_base_url.clone(),
    };
    Backend {
        base_url: Some(base),
        ..Backend::default()
    }
}

/// The login is the Qwen Code CLI's (`qwen`); llm-native only reads its file.
pub fn login_elsewhere() -> AuthError {
    AuthError::oauth(
        P,
        "log in with the Qwen Code CLI (`qwen`); llm-native uses the session in its credentials file",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_refreshes_back_and_keeps_other_fields() {
        let dir = std::env::temp_dir().join(format!("llm-native-qwen-{}", std::process::id()));
        let cfg = QwenClient {
            credentials_file: dir.join("oauth_creds.json"),
            ..QwenClient::default()
        };
        assert_eq!(load(&cfg).unwrap(), None);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            &cfg.credentials_file,
            r#"{"access_token":"a1","refresh_token":"r1","expiry_date":5,"resource_url":"portal.qwen.ai","token_type":"Bearer","other":1}"#,
        )
        .unwrap();
        let t = load(&cfg).unwrap().unwrap();
        assert_eq!((t.access.expose(), t.expires_at), ("a1", Some(5)));
        assert_eq!(
            backend(&cfg, &t).base_url.as_deref(),
            Some("https://portal.qwen.ai/v1")
        );
        let fresh = Tokens {
            access: Secret::new("a2".into()),
            expires_at: Some(9),
            ..t
        };
        save(&cfg, &fresh).unwrap();
        let v: Value =
            serde_json::from_slice(&std::fs::read(&cfg.credentials_file).unwrap()).unwrap();
        assert_eq!(v["access_token"], "a2");
        assert_eq!(v["expiry_date"], 9);
        assert_eq!(v["other"], 1);
        std::fs::write(&cfg.credentials_file, "not json").unwrap();
        let e = load(&cfg).unwrap_err().to_string();
        assert!(
            e.contains("not a JSON object") && !e.contains("not json"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_base_url_from_resource_url() {
        let cfg = QwenClient::default();
        let with = |url: Option<&str>| {
            let t = Tokens {
                access: Secret::new("a".into()),
                refresh: None,
                expires_at: None,
                account_id: None,
                resource_url: url.map(str::to_owned),
            };
            backend(&cfg, &t).base_url.unwrap()
        };
        assert_eq!(with(Some("https://x.test/v1/")), "https://x.test/v1");
        assert_eq!(with(Some("x.test")), "https://x.test/v1");
        assert_eq!(with(None), cfg.default_base_url);
    }
}
