//! Commands whose arguments carry bulk take them as the raw IPC body: the small arguments as a JSON
//! header line, a newline, then the bulk as it is (`lib/tauri-host.mjs` writes it). The bulk is a
//! stream start's call options (megabytes of history every agent step) or a body chunk the page's
//! `fetch` read. As JSON arguments, Tauri's IPC would escape it into a string with a replacer-based
//! `JSON.stringify` on the page's thread, and this process would parse it into a `Value` and copy
//! it out; as bytes it crosses as it is and is read in place.
use llm_native_core::api::HostError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tauri::ipc::{InvokeBody, Request};

use crate::error::{CommandError, Result};

/// `stream_start` / `embed_start`: the bulk is the call options' JSON text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartHeader {
    pub provider: u32,
    pub model_id: String,
}

/// `stream_fetch_chunk`: the bulk is the chunk's bytes.
#[derive(Deserialize)]
pub struct ChunkHeader {
    pub id: u32,
    pub fetch: u64,
}

fn invalid(message: impl Into<String>) -> CommandError {
    HostError::invalid("arguments", message).into()
}

/// The header and the bulk of `request`'s raw body.
pub fn read<'a, H: DeserializeOwned>(request: &'a Request<'_>) -> Result<(H, &'a [u8])> {
    let InvokeBody::Raw(body) = request.body() else {
        return Err(invalid(
            "this command takes a raw body: a JSON header line, then its data",
        ));
    };
    // (JSON text has no raw newline, so the first one ends the header.)
    let Some(end) = body.iter().position(|&b| b == b'\n') else {
        return Err(invalid("the body has no newline after its header"));
    };
    let header = serde_json::from_slice(&body[..end]).map_err(|e| invalid(e.to_string()))?;
    Ok((header, &body[end + 1..]))
}

/// A start's bulk as the options' text; the core parses it and reports what is wrong in it.
pub fn options_text(bulk: &[u8]) -> Result<&str> {
    std::str::from_utf8(bulk)
        .map_err(|e| HostError::invalid("options", format!("not UTF-8: {e}")).into())
}
