//! Credentials: keys and tokens go in, never out (see `llm_native_core::api::credentials`).
//! Options arrive as JSON text; results leave as JS objects.
use llm_native_core::api::credentials as creds;
use llm_native_core::api::json::parse;
use llm_native_core::secret::Secret;
use napi_derive::napi;
use serde_json::Value;

use crate::errors::to_napi;

fn object<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[napi]
pub fn configure_auth(options: String) -> napi::Result<()> {
    let options = parse("options", &options).map_err(to_napi)?;
    creds::configure_auth(options).map_err(to_napi)
}

/// Stores an API key in the keychain. The string is dropped from this side right after.
#[napi]
pub async fn set_api_key(provider_id: String, key: String) -> napi::Result<()> {
    creds::set_api_key(provider_id, Secret::new(key))
        .await
        .map_err(to_napi)
}

#[napi]
pub async fn has_api_key(provider_id: String) -> napi::Result<bool> {
    creds::has_api_key(provider_id).await.map_err(to_napi)
}

/// `true` when a key was deleted, `false` when there was none.
#[napi]
pub async fn delete_api_key(provider_id: String) -> napi::Result<bool> {
    creds::delete_api_key(provider_id).await.map_err(to_napi)
}

/// `{ providerId, apiKey, oauth, expiresAt? }`: what is stored; no secret.
#[napi]
pub async fn auth_status(provider_id: String) -> napi::Result<Value> {
    Ok(object(
        creds::auth_status(provider_id).await.map_err(to_napi)?,
    ))
}

#[napi]
pub async fn has_o_auth(provider_id: String) -> napi::Result<bool> {
    Ok(creds::auth_status(provider_id)
        .await
        .map_err(to_napi)?
        .oauth)
}

/// Forgets the OAuth session; `false` when there was none.
#[napi]
pub async fn logout(provider_id: String) -> napi::Result<bool> {
    creds::logout(provider_id).await.map_err(to_napi)
}

/// `{ url, state }`: the URL to open and the `state` to hand back to `completeOAuth`.
#[napi]
pub async fn start_o_auth(provider_id: String, options: String) -> napi::Result<Value> {
    let options = parse("options", &options).map_err(to_napi)?;
    Ok(object(
        creds::start_oauth(&provider_id, options)
            .await
            .map_err(to_napi)?,
    ))
}

#[napi]
pub async fn complete_o_auth(provider_id: String, options: String) -> napi::Result<Value> {
    let options = parse("options", &options).map_err(to_napi)?;
    Ok(object(
        creds::complete_oauth(provider_id, options)
            .await
            .map_err(to_napi)?,
    ))
}

/// `{ userCode, verificationUri, interval, expiresIn }`: what to show the user.
#[napi]
pub async fn start_device_flow(provider_id: String) -> napi::Result<Value> {
    Ok(object(
        creds::start_device_flow(&provider_id)
            .await
            .map_err(to_napi)?,
    ))
}

/// Polls until the user approved (then stores the session), denied, or the code expired.
#[napi]
pub async fn poll_device_flow(provider_id: String) -> napi::Result<Value> {
    Ok(object(
        creds::poll_device_flow(provider_id)
            .await
            .map_err(to_napi)?,
    ))
}
