//! The model catalogue: `models.json` compiled in (context window, output limit,
//! prices, capabilities, aliases per provider and model), a newer catalogue over it
//! (`updateCatalog`), and entries the app adds or overrides at run time (`addModels`).
pub mod cost;
pub mod entries;
pub mod models_dev;
pub mod store;
pub mod update;

pub use cost::{cost, TokenUsage};
pub use entries::{Capabilities, ModelEntry, Prices};
pub use store::Catalog;
