//! `queryUsage`: totals over the ledger's rows, filtered by time, provider and model, optionally
//! grouped by provider, model and/or UTC day.
use std::path::Path;

use rusqlite::types::Value as SqlValue;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::LedgerError;
use super::{schema, writer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Provider,
    Model,
    Day,
}

impl GroupBy {
    /// The columns a group of this kind is told apart by (a model is named with its provider).
    fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            GroupBy::Provider => &[("provider", "provider")],
            GroupBy::Model => &[("provider", "provider"), ("model", "model")],
            GroupBy::Day => &[("day", "date(at_ms / 1000, 'unixepoch')")],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(GroupBy),
    Many(Vec<GroupBy>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UsageQuery {
    /// From this time on (ms since the epoch, inclusive).
    pub since: Option<i64>,
    /// Before this time (ms since the epoch, exclusive).
    pub until: Option<i64>,
    pub provider: Option<String>,
    pub model: Option<String>,
    group_by: Option<OneOrMany>,
}

impl UsageQuery {
    fn group_by(&self) -> Vec<GroupBy> {
        let mut kinds = match &self.group_by {
            None => vec![],
            Some(OneOrMany::One(g)) => vec![*g],
            Some(OneOrMany::Many(gs)) => gs.clone(),
        };
        kinds.dedup();
        // A model group already names its provider.
        if kinds.contains(&GroupBy::Model) {
            kinds.retain(|k| *k != GroupBy::Provider);
        }
        kinds
    }
}

const TOTALS: &str = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(reasoning_tokens),
    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd), SUM(duration_ms),
    SUM(error_class IS NOT NULL), SUM(finish_reason = 'aborted')";
const TOTAL_NAMES: [&str; 10] = [
    "steps",
    "inputTokens",
    "outputTokens",
    "reasoningTokens",
    "cacheReadTokens",
    "cacheWriteTokens",
    "costUsd",
    "durationMs",
    "errors",
    "aborted",
];

/// Totals of the ledger in `dir` (this process's pending writes first), as
/// `{ total, groups: [{ provider?, model?, day?, ...totals }] }`.
pub fn query(dir: &Path, q: &UsageQuery) -> Result<Value, LedgerError> {
    if let (Some(since), Some(until)) = (q.since, q.until) {
        if since > until {
            return Err(LedgerError::InvalidQuery {
                parameter: "since".into(),
                message: "since is after until".into(),
            });
        }
    }
    writer::flush();
    let path = dir.join(schema::FILE_NAME);
    let fail = |e: rusqlite::Error| LedgerError::database(&path, e);
    let Some(conn) = schema::open_for_reading(dir).map_err(fail)? else {
        return Ok(json!({ "total": totals(&[]), "groups": [] }));
    };
    let (filter, args) = filter(q);
    let group_by = q.group_by();
    let keys: Vec<(&str, &str)> = group_by
        .iter()
        .flat_map(|g| g.columns().iter().copied())
        .collect();
    let total_sql = format!("SELECT {TOTALS} FROM steps{filter}");
    let total = conn
        .query_row(&total_sql, rusqlite::params_from_iter(&args), |row| {
            row_values(row, TOTAL_NAMES.len())
        })
        .map_err(fail)?;
    let mut groups = Vec::new();
    if !keys.is_empty() {
        let exprs: Vec<&str> = keys.iter().map(|(_, e)| *e).collect();
        let list = exprs.join(", ");
        let sql =
            format!("SELECT {list}, {TOTALS} FROM steps{filter} GROUP BY {list} ORDER BY {list}");
        let mut stmt = conn.prepare(&sql).map_err(fail)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(&args), |row| {
                row_values(row, keys.len() + TOTAL_NAMES.len())
            })
            .map_err(fail)?;
        for row in rows {
            let row = row.map_err(fail)?;
            let mut group = totals(&row[keys.len()..]);
            for (i, (name, _)) in keys.iter().enumerate() {
                group[*name] = sql_to_json(&row[i]);
            }
            groups.push(group);
        }
    }
    Ok(json!({ "total": totals(&total), "groups": groups }))
}

fn filter(q: &UsageQuery) -> (String, Vec<SqlValue>) {
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    let mut add = |clause: &str, v: SqlValue| {
        clauses.push(format!("{clause} ?{}", args.len() + 1));
        args.push(v);
    };
    if let Some(s) = q.since {
        add("at_ms >=", SqlValue::Integer(s));
    }
    if let Some(u) = q.until {
        add("at_ms <", SqlValue::Integer(u));
    }
    if let Some(p) = &q.provider {
        add("provider =", SqlValue::Text(p.clone()));
    }
    if let Some(m) = &q.model {
        add("model =", SqlValue::Text(m.clone()));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

fn row_values(row: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<Vec<SqlValue>> {
    (0..n).map(|i| row.get::<_, SqlValue>(i)).collect()
}

/// The totals object from `TOTALS` values (empty: no rows); a cost stays `null` when no step had
/// a price.
fn totals(values: &[SqlValue]) -> Value {
    let mut out = Map::new();
    for (i, name) in TOTAL_NAMES.iter().enumerate() {
        let v = values.get(i).map_or(Value::Null, sql_to_json);
        let v = match (v, *name) {
            (Value::Null, "costUsd") => Value::Null,
            (Value::Null, _) => json!(0),
            (Value::Number(n), "costUsd") => json!((n.as_f64().unwrap_or(0.0) * 1e9).round() / 1e9),
            (v, _) => v,
        };
        out.insert((*name).to_owned(), v);
    }
    Value::Object(out)
}

fn sql_to_json(v: &SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Text(t) => json!(t),
        SqlValue::Blob(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::record::StepRecord;
    use std::time::{Duration, Instant};

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("llm-native-ledger-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn step(provider: &str, model: &str, at_ms: i64, cost: Option<f64>) -> StepRecord {
        StepRecord {
            at_ms,
            provider: provider.into(),
            model: model.into(),
            input_tokens: 10,
            output_tokens: 2,
            cost_usd: cost,
            finish_reason: "stop".into(),
            ..StepRecord::default()
        }
    }

    #[test]
    fn totals_filter_and_group_what_was_recorded() {
        let dir = temp_dir("query");
        let day = 86_400_000;
        writer::record(dir.clone(), step("openai", "a", day, Some(0.5)));
        writer::record(dir.clone(), step("openai", "b", day + 1, None));
        writer::record(dir.clone(), step("anthropic", "c", 3 * day, Some(0.25)));
        let all = query(&dir, &UsageQuery::default()).unwrap();
        assert_eq!(all["total"]["steps"], 3);
        assert_eq!(all["total"]["inputTokens"], 30);
        assert_eq!(all["total"]["costUsd"], 0.75);
        let q: UsageQuery =
            serde_json::from_value(json!({ "groupBy": ["day", "provider"], "until": 2 * day }))
                .unwrap();
        let grouped = query(&dir, &q).unwrap();
        assert_eq!(grouped["total"]["steps"], 2);
        assert_eq!(grouped["groups"].as_array().unwrap().len(), 1);
        assert_eq!(grouped["groups"][0]["day"], "1970-01-02");
        assert_eq!(grouped["groups"][0]["provider"], "openai");
        let unpriced: UsageQuery = serde_json::from_value(json!({ "model": "b" })).unwrap();
        assert_eq!(
            query(&dir, &unpriced).unwrap()["total"]["costUsd"],
            Value::Null
        );
        // No ledger yet: zero totals, not an error.
        let none = query(&temp_dir("none"), &UsageQuery::default()).unwrap();
        assert_eq!(none["total"]["steps"], 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_locked_database_never_blocks_the_caller_and_its_records_wait_for_the_lock() {
        let dir = temp_dir("locked");
        writer::record(dir.clone(), step("openai", "a", 1, None));
        writer::flush();
        // Another process holds the write lock for longer than the busy timeout.
        let holder = schema::open_for_writing(&dir).unwrap();
        holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let started = Instant::now();
        writer::record(dir.clone(), step("openai", "b", 2, None));
        assert!(
            started.elapsed() < Duration::from_millis(50),
            "recording waits for nothing"
        );
        writer::flush();
        assert!(
            writer::last_error(&dir).is_some_and(|e| e.contains("locked")),
            "{:?}",
            writer::last_error(&dir)
        );
        holder.execute_batch("ROLLBACK").unwrap();
        writer::record(dir.clone(), step("openai", "c", 3, None));
        let total = query(&dir, &UsageQuery::default()).unwrap();
        assert_eq!(
            total["total"]["steps"], 3,
            "the step that met the lock is written after it"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
