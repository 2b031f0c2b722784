//! A response with a 2xx status or not, from the network or from the host's `fetch`: the one
//! type the body readers and error paths read, so both transports decode the same way.
use std::collections::BTreeMap;

use bytes::Bytes;

use super::client::error_chain;
use super::headers::header_map_to_btree;
use super::host_fetch::HostResponse;

pub enum HttpResponse {
    Network(reqwest::Response),
    Host(HostResponse),
}

impl HttpResponse {
    pub fn status(&self) -> u16 {
        match self {
            HttpResponse::Network(r) => r.status().as_u16(),
            HttpResponse::Host(r) => r.status,
        }
    }

    /// The response headers, names lower-cased.
    pub fn headers(&self) -> BTreeMap<String, String> {
        match self {
            HttpResponse::Network(r) => header_map_to_btree(r.headers()),
            HttpResponse::Host(r) => r
                .headers
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect(),
        }
    }

    /// The media type of `content-type`, lower-cased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        let value = match self {
            HttpResponse::Network(r) => r
                .headers()
                .get(reqwest::header::CONTENT_TYPE)?
                .to_str()
                .ok()?
                .to_owned(),
            HttpResponse::Host(r) => r
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))?
                .1
                .clone(),
        };
        Some(value.split(';').next()?.trim().to_ascii_lowercase())
    }

    /// The next chunk of the body; `Ok(None)` at its end, `Err` (the cause, in one line) when the
    /// connection or the host's fetch failed.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, String> {
        match self {
            HttpResponse::Network(r) => r.chunk().await.map_err(|e| error_chain(&e)),
            HttpResponse::Host(r) => r.chunk().await.map_err(|f| f.message),
        }
    }
}
