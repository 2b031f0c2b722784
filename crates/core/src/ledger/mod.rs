//! The usage ledger: every step a call ran (finished, failed or aborted) as one row of
//! `<configDir>/usage.sqlite` — counts, cost and timings, never prompt or output content —
//! written off the hot path, and queried for totals.
pub mod entry;
pub mod error;
pub mod query;
pub mod record;
pub mod schema;
pub mod writer;

pub use entry::LedgerEntry;
pub use error::LedgerError;
pub use query::{query, UsageQuery};
pub use record::StepRecord;
