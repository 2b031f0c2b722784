//! The claims of a JWT the token endpoint issued (read, not verified: it came from that endpoint
//! over TLS, and only names the account the backend expects in a header).
use base64::Engine;
use serde_json::Value;

/// The payload of `token` as JSON, if it is a JWT.
pub fn claims(token: &str) -> Option<Value> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The ChatGPT account of an OpenAI id or access token (`chatgpt_account_id` in the
/// `https://api.openai.com/auth` claim), which the Codex backend wants as `chatgpt-account-id`.
pub fn chatgpt_account_id(token: &str) -> Option<String> {
    claims(token)?
        .get("https://api.openai.com/auth")?
        .get("chatgpt_account_id")?
        .as_str()
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &Value) -> String {
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.sig",
            e.encode(b"{\"alg\":\"none\"}"),
            e.encode(claims.to_string())
        )
    }

    #[test]
    fn the_account_id_claim_is_read_and_anything_else_is_none() {
        let token = jwt(
            &serde_json::json!({ "https://api.openai.com/auth": { "chatgpt_account_id": "acct-1" } }),
        );
        assert_eq!(chatgpt_account_id(&token).as_deref(), Some("acct-1"));
        assert_eq!(
            chatgpt_account_id(&jwt(&serde_json::json!({ "sub": "x" }))),
            None
        );
        assert_eq!(chatgpt_account_id("not-a-jwt"), None);
        assert_eq!(chatgpt_account_id("a.%%%.c"), None);
    }
}
