//! Provider settings as hosts pass them (the JS factories' options, a registry entry), validated
//! once when a provider is created, and the model handles built from them.
use std::sync::Arc;

use crate::catalog::cost::Pricing;
use crate::catalog::Catalog;
use crate::error::CallError;
use crate::protocols::{self, Target};
use crate::timeouts::Timeouts;
use crate::transport::headers::validate_header;
use crate::transport::ratelimit::{Limiter, RateLimit};
use crate::transport::{self, Transport};

use super::key_source::KeySource;
use super::model::ModelConfig;

/// Provider settings as a host passes them.
#[derive(Debug, Clone, Default)]
pub struct ProviderSettings {
    pub protocol: String,
    /// Key of `providerOptions` / `providerMetadata` (e.g. `openai`, or the compatible provider's name).
    pub name: String,
    /// The AI SDK `provider` string of its models (e.g. `openai.chat`).
    pub provider_id: String,
    pub base_url: String,
    pub api_key: KeySource,
    pub headers: Vec<(String, String)>,
    pub include_usage: bool,
    /// `supportsStructuredOutputs` (Chat Completions).
    pub structured_outputs: bool,
    pub timeouts: Timeouts,
    pub rate_limit: RateLimit,
    pub transport: Transport,
    /// Built from `rate_limit` by `validate`; shared by every model of the provider.
    pub limiter: Arc<Limiter>,
}

fn invalid(parameter: &str, message: impl Into<String>) -> CallError {
    CallError::InvalidArgument {
        parameter: parameter.into(),
        message: message.into(),
    }
}

impl ProviderSettings {
    pub fn validate(mut self) -> Result<ProviderSettings, CallError> {
        if protocols::by_name(&self.protocol).is_none() {
            return Err(invalid(
                "protocol",
                format!("unknown protocol {:?}", self.protocol),
            ));
        }
        if self.name.trim().is_empty() {
            return Err(invalid("name", "provider name must not be empty"));
        }
        let url = reqwest::Url::parse(&self.base_url).map_err(|e| {
            invalid(
                "baseURL",
                format!("{:?} is not a valid URL: {e}", self.base_url),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(
                "baseURL",
                format!("{:?} must be an http or https URL", self.base_url),
            ));
        }
        // The AI SDK strips trailing slashes so paths join as `${baseURL}/chat/completions`.
        self.base_url = self.base_url.trim_end_matches('/').to_owned();
        for (name, value) in &self.headers {
            validate_header(name, value)?;
        }
        if self.rate_limit.max_requests == Some(0)
            || self.rate_limit.max_concurrent_streams == Some(0)
        {
            return Err(invalid("rateLimit", "limits must be at least 1"));
        }
        if self.rate_limit.max_requests.is_some() && self.rate_limit.interval.is_zero() {
            return Err(invalid(
                "rateLimit",
                "the interval must be longer than 0 ms",
            ));
        }
        self.limiter = Arc::new(Limiter::new(self.rate_limit));
        // Builds (and caches) the client now, so a bad proxy URL or certificate fails here.
        transport::client(self.timeouts.connect(), &self.transport)
            .map_err(|m| invalid("transport", m))?;
        if let KeySource::Stored { provider_id, .. } = &self.api_key {
            if provider_id.is_empty() {
                return Err(invalid("credentialProviderId", "must not be empty"));
            }
        }
        if let KeySource::Explicit(key) = &self.api_key {
            validate_header("authorization", key.expose()).map_err(|_| {
                invalid(
                    "apiKey",
                    "the API key has a CR, LF or NUL in it, or is longer than 16 KiB",
                )
            })?;
        }
        Ok(self)
    }

    pub fn model(&self, model_id: &str) -> Result<ModelConfig, CallError> {
        if model_id.trim().is_empty() {
            return Err(invalid("modelId", "model id must not be empty"));
        }
        let entry = Catalog::global().find(&self.name, model_id);
        // A model its provider serves through another protocol (per the catalogue) uses that one.
        let protocol = entry
            .as_ref()
            .and_then(|e| e.protocol.as_deref())
            .and_then(protocols::by_name)
            .unwrap_or_else(|| protocols::by_name(&self.protocol).expect("validated protocol"));
        Ok(ModelConfig {
            provider: self.provider_id.clone(),
            protocol,
            target: Target {
                provider_options_name: self.name.clone(),
                model_id: model_id.to_owned(),
                base_url: self.base_url.clone(),
                headers: self.headers.clone(),
                include_usage: self.include_usage,
                structured_outputs: self.structured_outputs,
                credential: None,
            },
            api_key: self.api_key.clone(),
            timeouts: self.timeouts,
            transport: self.transport.clone(),
            limiter: self.limiter.clone(),
            pricing: entry
                .as_ref()
                .and_then(|e| Pricing::of(e, &self.protocol))
                .map(Arc::new),
            context_window: entry.and_then(|e| e.context_window),
            embedding: protocols::embedding::for_protocol(&self.protocol),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_url: &str) -> ProviderSettings {
        ProviderSettings {
            protocol: "openai-chat".into(),
            name: "local".into(),
            provider_id: "local.chat".into(),
            base_url: base_url.into(),
            api_key: KeySource::None,
            headers: vec![],
            include_usage: false,
            ..ProviderSettings::default()
        }
    }

    #[test]
    fn validates_urls_headers_and_protocol() {
        assert_eq!(
            settings("http://127.0.0.1:1/v1/")
                .validate()
                .unwrap()
                .base_url,
            "http://127.0.0.1:1/v1"
        );
        assert!(settings("not a url").validate().is_err());
        assert!(settings("ftp://x").validate().is_err());
        let mut s = settings("http://x");
        s.headers.push(("x-a".into(), "v\r\ninjected: 1".into()));
        assert!(s.validate().unwrap_err().to_string().contains("CR, LF"));
        let mut s = settings("http://x");
        s.protocol = "nope".into();
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("unknown protocol"));
    }

    #[test]
    fn missing_env_key_names_provider_and_variable() {
        let mut s = settings("http://x");
        s.api_key = KeySource::Env {
            var: "LLM_NATIVE_TEST_UNSET_KEY".into(),
            description: "OpenAI".into(),
        };
        let err = futures::executor::block_on(s.model("m").unwrap().resolved())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("OpenAI API key is missing") && err.contains("LLM_NATIVE_TEST_UNSET_KEY")
        );
    }
}
