//! The API hosts call (the Node addon, the Tauri plugin, a Rust program): providers and their
//! streams, the registry and catalogue, credentials. Arguments and results are Rust values or
//! JSON values in the documented shapes; errors are `HostError`s, whose JSON form is the AI SDK
//! error object a host rebuilds into an error class.
pub mod catalog;
pub mod credentials;
pub mod error;
pub mod json;
pub mod provider;
pub mod registry;
pub mod usage;

pub use error::HostError;
pub use provider::{Provider, ProviderInit};
