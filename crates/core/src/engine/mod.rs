//! The streaming engine: one call from options to part batches — credential, request, decoding,
//! the step record — and the handle hosts hold while it runs.
pub mod batch;
pub mod decoding;
pub mod embed;
pub mod fallback;
pub mod first_content;
pub mod handle;
pub mod request_body;
pub mod run;
pub mod sink;
pub mod step;

pub use handle::StreamHandle;
