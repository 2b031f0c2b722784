//! What GitHub Copilot's API reads from each request besides its login's editor headers: who
//! started it (`X-Initiator: agent` for a request that continues after an assistant or tool turn,
//! which Copilot does not bill as a new premium request; `user` for a user's turn), the intent,
//! and `Copilot-Vision-Request: true` when images go up (Copilot refuses them without it).
use crate::credential::Login;
use crate::protocols::target::Target;
use crate::types::{ModelMessage, UserPart};

/// The headers for `messages` when the request goes out with a Copilot login's token.
pub fn copilot_request_headers(model: &Target, messages: &[ModelMessage]) -> Vec<(String, String)> {
    if model.login() != Some(Login::Copilot) {
        return Vec::new();
    }
    let initiator = match messages.last() {
        Some(ModelMessage::User { .. }) | None => "user",
        Some(_) => "agent",
    };
    let mut headers = vec![
        ("x-initiator".to_owned(), initiator.to_owned()),
        ("openai-intent".to_owned(), "conversation-edits".to_owned()),
    ];
    if messages.iter().any(has_image) {
        headers.push(("copilot-vision-request".to_owned(), "true".to_owned()));
    }
    headers
}

fn has_image(message: &ModelMessage) -> bool {
    let ModelMessage::User {
        content: crate::types::Content::Parts(parts),
        ..
    } = message
    else {
        return false;
    };
    parts.iter().any(|p| match p {
        UserPart::Image { .. } => true,
        UserPart::File { media_type, .. } => media_type.starts_with("image/"),
        UserPart::Text { .. } => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{Backend, Credential};
    use crate::secret::Secret;

    fn copilot() -> Target {
        Target {
            credential: Some(Credential::OAuth {
                login: Login::Copilot,
                token: Secret::new("t".into()),
                backend: Backend::default(),
            }),
            ..Target::default()
        }
    }

    fn messages(json: serde_json::Value) -> Vec<ModelMessage> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn initiator_intent_and_vision() {
        let user = messages(serde_json::json!([{ "role": "user", "content": "hi" }]));
        assert_eq!(
            copilot_request_headers(&copilot(), &user),
            vec![
                ("x-initiator".to_owned(), "user".to_owned()),
                ("openai-intent".to_owned(), "conversation-edits".to_owned()),
            ]
        );
        let agent = messages(serde_json::json!([
            { "role": "user", "content": [{ "type": "image", "image": "iVBORw0KGgo=" }] },
            { "role": "assistant", "content": "ok" },
        ]));
        let h = copilot_request_headers(&copilot(), &agent);
        assert_eq!(h[0].1, "agent");
        assert!(h.contains(&("copilot-vision-request".to_owned(), "true".to_owned())));
        assert!(copilot_request_headers(&Target::default(), &agent).is_empty());
    }
}
