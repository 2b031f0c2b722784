//! Transport: pooled HTTP clients (proxy, extra CA roots), request headers, sending with
//! first-byte limits (or through the host's `fetch`), reading the body with an idle limit, retries and client-side rate limits.
pub mod body;
pub mod client;
pub mod headers;
pub mod host_fetch;
pub mod ratelimit;
pub mod response;
pub mod retry;
pub mod send;

pub use client::{client, error_chain, Transport, USER_AGENT};
pub use headers::header_map_to_btree;
pub use send::{send, HostRoute, Route};
