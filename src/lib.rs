//! The Node addon: a thin N-API host over `llm-native-core`. It converts between JS values and
//! the core's API (`llm_native_core::api`), owns nothing but the handles JS holds, and runs the
//! core's futures on napi-rs's tokio runtime. The AI SDK shapes (promises, async iterables,
//! error classes) are put together by the JS layer in `lib/`.
#![deny(clippy::all)]
// Under `cargo test` napi-derive registers nothing, so the helpers of the exported functions look
// unused there.
#![cfg_attr(test, allow(dead_code))]

mod credentials;
mod errors;
mod js_text;
mod provider;
mod registry;

/// The addon's own allocations (a few small strings per streamed token) go to mimalloc: with
/// glibc malloc, allocation was about a third of the stream pipeline's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc commits a whole arena up front on Linux, which (with transparent huge pages) showed as
/// ~40 MB more peak RSS than glibc; committing on demand keeps the addon's footprint at glibc's.
#[napi_derive::module_init]
fn allocator_init() {
    // `mi_option_arena_eager_commit` in `mi_option_e` (mimalloc.h, v2 and v3); libmimalloc-sys
    // names no constant for it.
    const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    // SAFETY: setting an option is a plain store; mimalloc reads it when it reserves an arena.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}
