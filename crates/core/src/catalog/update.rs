//! A catalogue newer than the compiled-in one: a file in `models.json`'s format or models.dev's,
//! checked (its SHA-256 when the app gives one, then every entry) before anything changes, kept
//! in `<configDir>/catalog.json` with its date and loaded from there after a restart.
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::entries::{builtin, ModelEntry};
use super::models_dev;
use crate::private_file::write_private;

pub const CACHE_FILE: &str = "catalog.json";

/// Why an update changed nothing.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CatalogError {
    #[error("Catalogue update refused: its SHA-256 is {actual}, not the expected {expected}")]
    Hash { expected: String, actual: String },
    #[error("Catalogue update refused: {0}")]
    Invalid(String),
    #[error("Catalogue update failed: {0}")]
    Io(String),
}

impl CatalogError {
    pub fn to_json(&self) -> Value {
        serde_json::json!({ "name": "AI_CatalogUpdateError", "message": self.to_string() })
    }
}

/// The catalogue as `<configDir>/catalog.json` keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cached {
    date: String,
    source: String,
    sha256: String,
    models: Vec<ModelEntry>,
}

/// What an update installed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Installed {
    pub date: String,
    pub source: String,
    pub sha256: String,
    pub models: usize,
    pub file: String,
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks `bytes` (against `sha256` when given), reads either format, and keeps it in `dir` for
/// later processes; returns what it installed and the entries, for `Catalog::set_base`.
/// `source` names where it came from; `today` dates a file that carries no date.
pub fn install(
    dir: &Path,
    bytes: &[u8],
    sha256: Option<&str>,
    source: &str,
    today: &str,
) -> Result<(Installed, Vec<ModelEntry>), CatalogError> {
    let actual = sha256_hex(bytes);
    if let Some(expected) = sha256 {
        let expected = expected.trim().to_ascii_lowercase();
        if expected != actual {
            return Err(CatalogError::Hash { expected, actual });
        }
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| CatalogError::Invalid(format!("not JSON: {e}")))?;
    let date = value
        .get("updated")
        .or_else(|| value.get("date"))
        .and_then(Value::as_str)
        .unwrap_or(today)
        .to_owned();
    let models = read_entries(value)?;
    let cached = Cached {
        date: date.clone(),
        source: source.to_owned(),
        sha256: actual.clone(),
        models,
    };
    let file = dir.join(CACHE_FILE);
    let text = serde_json::to_vec_pretty(&cached).map_err(|e| CatalogError::Io(e.to_string()))?;
    write_private(&file, &text)
        .map_err(|e| CatalogError::Io(format!("{}: {e}", file.display())))?;
    let installed = Installed {
        date,
        source: source.to_owned(),
        sha256: actual,
        models: cached.models.len(),
        file: file.display().to_string(),
    };
    Ok((installed, cached.models))
}

/// The catalogue cached in `dir` and its date, if there is a valid one.
pub fn read_cached(dir: &Path) -> Option<(Vec<ModelEntry>, String)> {
    let bytes = std::fs::read(dir.join(CACHE_FILE)).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    Some((checked(cached.models).ok()?, cached.date))
}

/// The entries of either format, checked, with the compiled-in aliases of the same models kept
/// (so dated ids that resolved before still do).
fn read_entries(value: Value) -> Result<Vec<ModelEntry>, CatalogError> {
    let entries = if models_dev::is_models_dev(&value) {
        let ours = |p: &str| builtin().iter().any(|e| e.provider == p);
        models_dev::entries(value, &ours).map_err(CatalogError::Invalid)?
    } else {
        #[derive(Deserialize)]
        struct File {
            models: Vec<ModelEntry>,
        }
        let file: File = serde_json::from_value(value).map_err(|e| {
            CatalogError::Invalid(format!(
                "neither models.json's format nor models.dev's: {e}"
            ))
        })?;
        file.models
    };
    if entries.is_empty() {
        return Err(CatalogError::Invalid("it has no models".into()));
    }
    checked(entries)
}

fn checked(mut entries: Vec<ModelEntry>) -> Result<Vec<ModelEntry>, CatalogError> {
    // An entry under a compiled-in alias (a dated snapshot id) is that model: the alias stays.
    entries.retain(|e| {
        !builtin()
            .iter()
            .any(|b| b.provider == e.provider && b.id != e.id && b.aliases.contains(&e.id))
    });
    let mut seen = std::collections::HashSet::new();
    for e in &mut entries {
        e.validate().map_err(CatalogError::Invalid)?;
        if !seen.insert((e.provider.clone(), e.id.clone())) {
            return Err(CatalogError::Invalid(format!(
                "{}/{} is listed twice",
                e.provider, e.id
            )));
        }
        if let Some(old) = builtin()
            .iter()
            .find(|b| b.provider == e.provider && b.id == e.id)
        {
            for alias in &old.aliases {
                if !e.aliases.contains(alias) {
                    e.aliases.push(alias.clone());
                }
            }
        }
    }
    Ok(entries)
}

/// Today's date (UTC) as `YYYY-MM-DD`, for a catalogue file that carries none.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dated_file_in_either_format_is_checked_and_keeps_compiled_in_aliases() {
        let entries = read_entries(serde_json::json!({ "models": [
            { "provider": "anthropic", "id": "claude-sonnet-4-5", "name": "Sonnet", "cost": { "input": 1, "output": 2 } },
            { "provider": "anthropic", "id": "claude-sonnet-4-5-20250929", "name": "Sonnet (dated)" },
        ] }))
        .unwrap();
        assert_eq!(
            entries.len(),
            1,
            "an entry under a compiled-in alias is that model"
        );
        assert!(entries[0]
            .aliases
            .contains(&"claude-sonnet-4-5-20250929".to_owned()));
        let twice = read_entries(serde_json::json!({ "models": [
            { "provider": "openai", "id": "x", "name": "x" }, { "provider": "openai", "id": "x", "name": "y" },
        ] }));
        assert!(twice.unwrap_err().to_string().contains("listed twice"));
        let dev = read_entries(serde_json::json!({ "moonshotai": { "id": "moonshotai", "models": {
            "kimi-k9": { "id": "kimi-k9", "name": "Kimi K9", "limit": { "context": 262144, "output": 0 },
                         "tool_call": true, "reasoning": false, "attachment": true,
                         "modalities": { "input": ["text", "pdf"], "output": ["text"] } },
        } } }))
        .unwrap();
        assert_eq!(dev[0].provider, "moonshot");
        assert_eq!(
            (dev[0].context_window, dev[0].max_output_tokens),
            (Some(262144), None)
        );
        assert!(
            !dev[0].capabilities.image_input,
            "a PDF attachment is not image input"
        );
    }

    #[test]
    fn the_hash_is_checked_before_anything_else_and_dates_are_civil() {
        let dir = std::env::temp_dir().join(format!("llm-native-catalog-{}", std::process::id()));
        let bytes = br#"{"models":[{"provider":"openai","id":"z","name":"z"}]}"#;
        let wrong = install(&dir, bytes, Some("00"), "test", "2026-01-01").unwrap_err();
        assert!(matches!(wrong, CatalogError::Hash { .. }));
        assert!(!dir.join(CACHE_FILE).exists());
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let today = today();
        assert_eq!(today.len(), 10);
        assert!(today.as_str() > "2026-01-01");
    }
}
