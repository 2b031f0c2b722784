//! The provider registry: built-in providers, custom ones the app registers (persisted in
//! `<configDir>/providers.json`), and resolution of `provider/model` ids against the catalogue.
//! Secrets never enter this module: a provider names the environment variable of its key, and
//! the key is read when a request goes out (`KeySource`).
pub mod available;
pub mod builtin;
pub mod config;
pub mod custom;
pub mod error;
pub mod key_source;
pub mod live_models;
pub mod model;
pub mod registry;
pub mod resolve;
pub mod settings;
pub mod store;

pub use config::{ModelsList, ProviderConfig};
pub use error::RegistryError;
pub use key_source::KeySource;
pub use model::ModelConfig;
pub use registry::Registry;
pub use settings::ProviderSettings;
