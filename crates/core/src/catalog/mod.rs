//! The model catalogue: `models.json` compiled in (context window, output limit,
//! prices, capabilities, aliases per provider and model), plus entries the app adds or
//! overrides at run time (`addModels`).
pub mod cost;
pub mod entries;

pub use cost::{cost, TokenUsage};
pub use entries::{Capabilities, Catalog, ModelEntry, Prices};
