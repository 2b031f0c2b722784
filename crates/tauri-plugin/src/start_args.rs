//! The arguments of `stream_start` and `embed_start`, sent as the raw IPC body: a JSON header line
//! `{"provider":1,"modelId":"…"}`, a newline, then the call options' JSON text as it is
//! (`lib/tauri-host.mjs` writes it). As JSON arguments, megabytes of history would be escaped into
//! a string by Tauri's replacer-based `JSON.stringify` on the page's thread and parsed out of it
//! again here; as bytes they cross as they are, and the options are a view of the body (no scan
//! but the UTF-8 check, since they come after the header).
use llm_native_core::api::HostError;
use serde::Deserialize;
use tauri::ipc::{InvokeBody, Request};

use crate::error::{CommandError, Result};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    provider: u32,
    model_id: String,
}

pub struct StartArgs<'a> {
    pub provider: u32,
    pub model_id: String,
    /// The call options' JSON text (parsed by the core, which reports what is wrong in it).
    pub options: &'a str,
}

fn invalid(message: impl Into<String>) -> CommandError {
    HostError::invalid("arguments", message).into()
}

impl<'a> StartArgs<'a> {
    pub fn read(request: &'a Request<'_>) -> Result<Self> {
        let InvokeBody::Raw(body) = request.body() else {
            return Err(invalid(
                "a stream start takes its arguments as a raw body: a JSON header line, then the options",
            ));
        };
        // (JSON text has no raw newline, so the first one ends the header.)
        let Some(end) = body.iter().position(|&b| b == b'\n') else {
            return Err(invalid("the body has no newline after its header"));
        };
        let Header { provider, model_id } =
            serde_json::from_slice(&body[..end]).map_err(|e| invalid(e.to_string()))?;
        let options = std::str::from_utf8(&body[end + 1..])
            .map_err(|e| HostError::invalid("options", format!("not UTF-8: {e}")))?;
        Ok(StartArgs {
            provider,
            model_id,
            options,
        })
    }
}
