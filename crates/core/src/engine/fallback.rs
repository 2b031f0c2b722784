//! Fallback chains (`withFallbacks`): the models a call may be served by, in order. A model that
//! fails before its first content with an error of a class the policy names (rate limit, overload,
//! context overflow, auth, unavailability) hands the call to the next one; nothing of its attempt
//! reached the app, so the app sees one step from the model that served. A 429 puts the provider
//! and credential in a cooldown, shared by every chain of the process, that later calls skip.
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::CallError;
use crate::error_class::ErrorClass;
use crate::providers::ModelConfig;
use crate::transport::retry::requested_delay;

/// The classes a chain falls through on by default: all that say "another model may answer".
pub const FALLBACK_CLASSES: [ErrorClass; 5] = [
    ErrorClass::RateLimit,
    ErrorClass::Overloaded,
    ErrorClass::ContextLength,
    ErrorClass::Auth,
    ErrorClass::Unavailable,
];

/// Without a `retry-after`, how long a provider rests after a 429.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);

/// A server asking for more than this is taken at this (a hostile header cannot park a provider).
const MAX_COOLDOWN: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FallbackPolicy {
    /// Error classes that move the call on (default: `FALLBACK_CLASSES`).
    #[serde(default = "default_classes")]
    pub fallback_on: Vec<ErrorClass>,
    /// The rest after a 429 without `retry-after` (0: no cooldown).
    #[serde(default)]
    pub cooldown_ms: Option<u64>,
}

fn default_classes() -> Vec<ErrorClass> {
    FALLBACK_CLASSES.to_vec()
}

impl Default for FallbackPolicy {
    fn default() -> Self {
        FallbackPolicy {
            fallback_on: default_classes(),
            cooldown_ms: None,
        }
    }
}

impl FallbackPolicy {
    pub fn validate(&self) -> Result<(), String> {
        match self
            .fallback_on
            .iter()
            .find(|c| !FALLBACK_CLASSES.contains(c))
        {
            Some(c) => Err(format!(
                "'{}' is not a class a chain falls through on (use rate-limit, overloaded, context-length, auth, unavailable)",
                c.as_str()
            )),
            None => Ok(()),
        }
    }

    pub fn falls_through(&self, class: ErrorClass) -> bool {
        self.fallback_on.contains(&class)
    }

    fn cooldown(&self, error: &CallError) -> Duration {
        let default = self
            .cooldown_ms
            .map_or(DEFAULT_COOLDOWN, Duration::from_millis);
        if default.is_zero() {
            return default;
        }
        let asked = match error {
            CallError::ApiCall(e) => requested_delay(e),
            CallError::Retry { errors, .. } => match errors.last() {
                Some(CallError::ApiCall(e)) => requested_delay(e),
                _ => None,
            },
            _ => None,
        };
        asked.unwrap_or(default).min(MAX_COOLDOWN)
    }
}

/// The models a call may be served by. One model without a policy is a plain call.
#[derive(Debug, Clone)]
pub struct ModelChain {
    pub models: Vec<ModelConfig>,
    pub policy: Option<Arc<FallbackPolicy>>,
}

impl From<ModelConfig> for ModelChain {
    fn from(model: ModelConfig) -> Self {
        ModelChain {
            models: vec![model],
            policy: None,
        }
    }
}

impl ModelChain {
    /// The model whose settings stand for the chain before one answers (the first).
    pub fn first(&self) -> &ModelConfig {
        &self.models[0]
    }

    /// The order to try the models in: those not cooling down, in the chain's order; when every
    /// one is cooling down, all of them (a call is never refused without a request).
    pub fn order(&self) -> Vec<usize> {
        let now = Instant::now();
        let table = cooldowns().lock().unwrap_or_else(|e| e.into_inner());
        let ready: Vec<usize> = (0..self.models.len())
            .filter(|&i| {
                table
                    .get(&cooldown_key(&self.models[i]))
                    .is_none_or(|until| *until <= now)
            })
            .collect();
        if ready.is_empty() {
            (0..self.models.len()).collect()
        } else {
            ready
        }
    }

    /// After a 429 from `model`: its provider and credential rest for the server's
    /// `retry-after` (else the policy's cooldown).
    pub fn cool_down(&self, model: &ModelConfig, error: &CallError) {
        let Some(policy) = &self.policy else { return };
        let rest = policy.cooldown(error);
        if rest.is_zero() {
            return;
        }
        let mut table = cooldowns().lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        table.retain(|_, until| *until > now);
        table.insert(cooldown_key(model), now + rest);
    }
}

/// What a step reports in `providerMetadata.llmNative.fallback`: which model of the chain
/// served, and the ones that failed before it.
pub fn served_metadata(index: usize, model: &ModelConfig, failed: &[Value]) -> Value {
    json!({
        "index": index,
        "provider": model.provider,
        "modelId": model.target.model_id,
        "attempts": failed,
    })
}

/// One failed model of a chain, for `served_metadata` (no request body: it is the history).
pub fn failed_attempt(model: &ModelConfig, class: ErrorClass, error: &CallError) -> Value {
    let mut attempt = json!({
        "provider": model.provider,
        "modelId": model.target.model_id,
        "errorClass": class.as_str(),
        "message": error.to_string(),
    });
    let status = match error {
        CallError::ApiCall(e) => e.status_code,
        _ => None,
    };
    if let Some(s) = status {
        attempt["statusCode"] = json!(s);
    }
    attempt
}

fn cooldowns() -> &'static Mutex<HashMap<u64, Instant>> {
    static TABLE: OnceLock<Mutex<HashMap<u64, Instant>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// Provider and credential of a model, hashed (the table holds no key).
fn cooldown_key(model: &ModelConfig) -> u64 {
    let mut h = DefaultHasher::new();
    model.provider.hash(&mut h);
    model.target.base_url.hash(&mut h);
    model.api_key.fingerprint(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::api_call_error;

    fn too_many(headers: &[(&str, &str)]) -> CallError {
        CallError::ApiCall(Box::new(api_call_error(Some(429), headers, None)))
    }

    #[test]
    fn the_cooldown_is_the_servers_retry_after_capped_else_the_policys() {
        let policy = FallbackPolicy::default();
        assert_eq!(
            policy.cooldown(&too_many(&[("retry-after", "7")])),
            Duration::from_secs(7)
        );
        assert_eq!(
            policy.cooldown(&too_many(&[("retry-after", "99999")])),
            MAX_COOLDOWN
        );
        assert_eq!(policy.cooldown(&too_many(&[])), DEFAULT_COOLDOWN);
        let off = FallbackPolicy {
            cooldown_ms: Some(0),
            ..FallbackPolicy::default()
        };
        assert_eq!(
            off.cooldown(&too_many(&[("retry-after", "7")])),
            Duration::ZERO
        );
    }

    #[test]
    fn only_fallback_classes_are_accepted() {
        let bad: FallbackPolicy =
            serde_json::from_value(json!({ "fallbackOn": ["rate-limit", "invalid-request"] }))
                .unwrap();
        assert!(bad.validate().unwrap_err().contains("invalid-request"));
        assert!(FallbackPolicy::default().validate().is_ok());
        assert!(serde_json::from_value::<FallbackPolicy>(json!({ "retries": 1 })).is_err());
    }
}
