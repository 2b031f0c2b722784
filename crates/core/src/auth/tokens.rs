//! OAuth tokens as stored (`{"access","refresh","expiresAt"}` JSON in the keychain) and as the
//! token endpoints return them.
use serde_json::{json, Value};

use crate::secret::Secret;

use super::jwt::chatgpt_account_id;

/// A provider's stored OAuth session. `Debug` shows no token (`Secret` hides them).
#[derive(Debug, Clone, PartialEq)]
pub struct Tokens {
    pub access: Secret,
    /// Refresh token (for GitHub Copilot: the GitHub token the Copilot token is exchanged from).
    pub refresh: Option<Secret>,
    /// Unix milliseconds; `None` when the server gave no lifetime.
    pub expires_at: Option<u64>,
    /// The ChatGPT account the tokens belong to (from the id token's claims), which its backend
    /// expects in a header. Not secret; `None` for other logins.
    pub account_id: Option<String>,
    /// Qwen Code: the API host of the account (`resource_url`). Not secret.
    pub resource_url: Option<String>,
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Tokens {
    pub fn to_json(&self) -> String {
        let mut v = json!({
            "access": self.access.expose(),
            "refresh": self.refresh.as_ref().map(Secret::expose),
            "expiresAt": self.expires_at,
        });
        if let Some(account) = &self.account_id {
            v["accountId"] = json!(account);
        }
        v.to_string()
    }

    /// Parses the stored JSON. The error names no value: a corrupt entry may still hold a token.
    pub fn from_json(text: &str) -> Option<Tokens> {
        let v: Value = serde_json::from_str(text).ok()?;
        let secret = |k: &str| v.get(k)?.as_str().map(|s| Secret::new(s.to_owned()));
        Some(Tokens {
            access: secret("access")?,
            refresh: secret("refresh"),
            expires_at: v.get("expiresAt").and_then(Value::as_u64),
            account_id: v
                .get("accountId")
                .and_then(Value::as_str)
                .map(str::to_owned),
            resource_url: None,
        })
    }

    /// Whether the access token expires within `skew_ms` of `now` (refresh ahead of time, so a
    /// request does not go out with a token that dies in flight).
    pub fn needs_refresh(&self, now: u64, skew_ms: u64) -> bool {
        self.expires_at
            .is_some_and(|at| at <= now.saturating_add(skew_ms))
    }

    /// Tokens from a token endpoint's success body (RFC 6749 §5.1). A response without a new
    /// refresh token keeps the previous one (rotation is optional for the server).
    pub fn from_response(
        body: &Value,
        previous_refresh: Option<&Secret>,
        now: u64,
    ) -> Option<Tokens> {
        let access = body.get("access_token")?.as_str()?;
        let refresh = body
            .get("refresh_token")
            .and_then(Value::as_str)
            .map(|s| Secret::new(s.to_owned()))
            .or_else(|| previous_refresh.cloned());
        let expires_at = body
            .get("expires_in")
            .and_then(Value::as_u64)
            .map(|secs| now.saturating_add(secs.saturating_mul(1000)));
        // The id token names the account; an access token issued as a JWT does too.
        let account_id = body
            .get("id_token")
            .and_then(Value::as_str)
            .and_then(chatgpt_account_id)
            .or_else(|| chatgpt_account_id(access));
        Some(Tokens {
            access: Secret::new(access.to_owned()),
            refresh,
            expires_at,
            account_id,
            resource_url: body
                .get("resource_url")
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_shape() {
        let t = Tokens {
            access: Secret::new("acc-1".into()),
            refresh: Some(Secret::new("ref-1".into())),
            expires_at: Some(1_700_000_000_000),
            account_id: None,
            resource_url: None,
        };
        let text = t.to_json();
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            json!({ "access": "acc-1", "refresh": "ref-1", "expiresAt": 1_700_000_000_000u64 })
        );
        assert_eq!(Tokens::from_json(&text), Some(t.clone()));
        assert!(Tokens::from_json("{\"refresh\":\"x\"}").is_none());
        assert!(!format!("{t:?}").contains("acc-1"));
    }

    #[test]
    fn refresh_skew() {
        let t = Tokens {
            access: Secret::new("a".into()),
            refresh: None,
            expires_at: Some(100_000),
            account_id: None,
            resource_url: None,
        };
        assert!(!t.needs_refresh(39_999, 60_000));
        assert!(t.needs_refresh(40_000, 60_000));
        assert!(t.needs_refresh(200_000, 0));
        let forever = Tokens {
            expires_at: None,
            ..t
        };
        assert!(!forever.needs_refresh(u64::MAX, 60_000));
    }

    #[test]
    fn token_response_keeps_the_old_refresh_token_unless_rotated() {
        let old = Secret::new("r0".into());
        let t = Tokens::from_response(
            &json!({ "access_token": "a1", "expires_in": 3600 }),
            Some(&old),
            1000,
        )
        .unwrap();
        assert_eq!(
            (
                t.access.expose(),
                t.refresh.as_ref().unwrap().expose(),
                t.expires_at
            ),
            ("a1", "r0", Some(3_601_000))
        );
        let t = Tokens::from_response(
            &json!({ "access_token": "a2", "refresh_token": "r1" }),
            Some(&old),
            0,
        )
        .unwrap();
        assert_eq!((t.refresh.unwrap().expose(), t.expires_at), ("r1", None));
        assert!(Tokens::from_response(&json!({ "error": "x" }), None, 0).is_none());
    }
}
