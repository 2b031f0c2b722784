//! llm-native: LLM provider protocols and streaming, in Rust, for Node.
//!
//! The core (protocols, SSE, streaming) has no Node dependency; the N-API surface (`node.rs`,
//! feature `node`, on by default) is small on purpose: a provider handle (which keeps the API key on this side)
//! that starts streams, and a stream handle that hands parts over in JSON batches. The AI SDK shapes
//! (promises, async iterables, error classes) are put together by the thin JS layer in `lib/`.
#![deny(clippy::all)]

pub mod ascii_json;
pub mod auth;
pub mod catalog;
pub mod error;
pub mod http;
pub mod ids;
pub mod media;
pub mod model;
pub mod parts;
pub mod protocols;
pub mod providers;
pub mod ratelimit;
pub mod retry;
pub mod secret;
pub mod sse;
pub mod step;
pub mod stream;
pub mod timeouts;
pub mod types;

/// The addon's own allocations (a few small strings per streamed token) go to mimalloc: with
/// glibc malloc, allocation was about a third of the stream pipeline's time.
#[cfg(feature = "node")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc commits a whole arena up front on Linux, which (with transparent huge pages) showed as
/// ~40 MB more peak RSS than glibc; committing on demand keeps the addon's footprint at glibc's.
#[cfg(feature = "node")]
#[napi_derive::module_init]
fn allocator_init() {
    // `mi_option_arena_eager_commit` in `mi_option_e` (mimalloc.h, v2 and v3); libmimalloc-sys
    // names no constant for it.
    const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: setting an option is a plain store; mimalloc reads it when it reserves an arena.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

#[cfg(feature = "node")]
mod node;
// Registered with N-API only outside `cargo test`, where nothing else calls these functions.
#[cfg(feature = "node")]
#[cfg_attr(test, allow(dead_code))]
mod node_registry;

#[cfg(feature = "node")]
#[cfg_attr(test, allow(dead_code))]
mod node_auth;
#[cfg(test)]
mod test_support;
