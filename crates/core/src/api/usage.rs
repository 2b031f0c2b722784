//! The usage ledger for hosts: `queryUsage` totals (blocking: hosts run it off their event loop)
//! and the flush a host does before its process exits.
use serde_json::Value;

use crate::ledger::{self, UsageQuery};
use crate::providers::Registry;

use super::error::HostError;
use super::json::from_value;

/// `queryUsage({ since, until, provider, model, groupBy })` over `<configDir>/usage.sqlite` →
/// `{ total, groups }` (see `ledger::query`).
pub fn query_usage(options: Value) -> Result<Value, HostError> {
    let query: UsageQuery = from_value("options", options)?;
    Ok(ledger::query(&Registry::global().config_dir(), &query)?)
}

/// Waits until every step recorded so far is written (a host calls it as its process exits).
pub fn flush_usage() {
    ledger::writer::flush();
}
