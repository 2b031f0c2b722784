//! The providers file, `<configDir>/providers.json`: `{ "version": 1, "providers": [...] }`.
//! Written atomically (temp file in the same directory, fsync, rename), so a crash leaves either
//! the old or the new file. A file that does not parse, or has a version this build does not
//! know, is moved aside to `providers.json.corrupt-<ms>` and reported, never silently dropped.
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::private_file::{write_private, FileLock};

use super::config::ProviderConfig;
use super::custom;
use super::error::RegistryError;

pub const FILE_NAME: &str = "providers.json";
pub const VERSION: u64 = 1;

fn io_error(path: &Path, what: &str, e: std::io::Error) -> RegistryError {
    RegistryError::Store(format!("Cannot {what} {}: {e}", path.display()))
}

/// Reads the custom providers. No file = none. A bad file is moved aside and reported; the
/// caller goes on with no custom providers.
pub fn load(dir: &Path) -> Result<Vec<ProviderConfig>, RegistryError> {
    let path = dir.join(FILE_NAME);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(&path, "read", e)),
    };
    parse(&text).map_err(|reason| {
        let backup = backup_path(&path);
        match fs::rename(&path, &backup) {
            Ok(()) => RegistryError::Store(format!(
                "{} is not a valid providers file ({reason}); it was moved to {} and no custom providers were loaded",
                path.display(),
                backup.display()
            )),
            Err(e) => io_error(&path, &format!("move aside the invalid file ({reason})"), e),
        }
    })
}

fn parse(text: &str) -> Result<Vec<ProviderConfig>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("bad JSON: {e}"))?;
    match value.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) => {
            return Err(format!(
                "unknown version {v}, this build reads version {VERSION}"
            ))
        }
        None => return Err("no version field".into()),
    }
    let Some(Value::Array(entries)) = value.get("providers") else {
        return Err("no providers array".into());
    };
    let mut out: Vec<ProviderConfig> = Vec::with_capacity(entries.len());
    for entry in entries {
        let config = custom::parse(entry.clone()).map_err(|e| e.to_string())?;
        if out.iter().any(|c| c.id == config.id) {
            return Err(format!("provider {:?} appears twice", config.id));
        }
        out.push(config);
    }
    Ok(out)
}

fn backup_path(path: &Path) -> PathBuf {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let name = format!("{FILE_NAME}.corrupt-{ms}");
    let mut backup = path.with_file_name(&name);
    let mut n = 1;
    while backup.exists() {
        backup = path.with_file_name(format!("{name}-{n}"));
        n += 1;
    }
    backup
}

/// Writes the providers file atomically, 0600 (custom providers name endpoints and key
/// variables, not keys, but they are the user's), in a 0700 directory.
pub fn save(dir: &Path, providers: &[ProviderConfig]) -> Result<(), RegistryError> {
    let path = dir.join(FILE_NAME);
    let body = json!({ "version": VERSION, "providers": providers });
    let text = serde_json::to_string_pretty(&body).unwrap_or_default() + "\n";
    write_private(&path, text.as_bytes()).map_err(|e| io_error(&path, "write", e))
}

/// The lock a read-modify-write of the providers file holds, across processes.
pub fn lock(dir: &Path) -> Result<FileLock, RegistryError> {
    let path = dir.join(format!(".{FILE_NAME}.lock"));
    FileLock::exclusive(&path).map_err(|e| io_error(&path, "lock", e))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A fresh directory under the system temp dir, removed on drop.
    pub struct TempDir(pub PathBuf);
    impl TempDir {
        pub fn new(tag: &str) -> Self {
            static N: AtomicU64 = AtomicU64::new(0);
            let dir = std::env::temp_dir().join(format!(
                "llm-native-{tag}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
        pub fn files(&self) -> Vec<String> {
            let mut v: Vec<String> = fs::read_dir(&self.0)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn acme(id: &str) -> ProviderConfig {
        custom::parse(
            json!({ "id": id, "baseURL": "http://127.0.0.1:9/v1", "apiKeyEnvVar": "ACME_KEY" }),
        )
        .unwrap()
    }

    #[test]
    fn save_then_load_round_trips_without_leftovers() {
        let dir = TempDir::new("store");
        assert_eq!(load(&dir.0).unwrap(), vec![], "no file yet");
        let list = vec![acme("a"), acme("b")];
        save(&dir.0, &list).unwrap();
        assert_eq!(load(&dir.0).unwrap(), list);
        assert_eq!(
            dir.files(),
            vec![FILE_NAME.to_string()],
            "no temp file left"
        );
        let text = fs::read_to_string(dir.0.join(FILE_NAME)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["providers"][1]["id"], "b");
    }

    #[test]
    fn a_write_that_never_got_renamed_leaves_the_old_file() {
        let dir = TempDir::new("store-crash");
        save(&dir.0, &[acme("a")]).unwrap();
        // A crash between writing the temp file and the rename: the old file is intact.
        fs::write(
            dir.0.join(".providers.json.tmp-1-0"),
            b"{\"version\": 1, \"provi",
        )
        .unwrap();
        assert_eq!(load(&dir.0).unwrap(), vec![acme("a")]);
        // The next save replaces the file whole.
        save(&dir.0, &[acme("b")]).unwrap();
        assert_eq!(load(&dir.0).unwrap(), vec![acme("b")]);
    }

    #[test]
    fn corrupt_or_unknown_version_files_are_backed_up_and_reported() {
        for (content, reason) in [
            ("{ not json", "bad JSON"),
            (r#"{"version": 2, "providers": []}"#, "unknown version 2"),
            (r#"{"providers": []}"#, "no version field"),
            (
                r#"{"version": 1, "providers": [{"id": "x", "baseURL": "nope"}]}"#,
                "not a valid URL",
            ),
            (
                r#"{"version": 1, "providers": [{"id": "x", "baseURL": "http://a"}, {"id": "x", "baseURL": "http://b"}]}"#,
                "appears twice",
            ),
        ] {
            let dir = TempDir::new("store-corrupt");
            fs::write(dir.0.join(FILE_NAME), content).unwrap();
            let err = load(&dir.0).unwrap_err().to_string();
            assert!(err.contains(reason), "{err}");
            assert!(err.contains("was moved to"), "{err}");
            let files = dir.files();
            assert_eq!(files.len(), 1);
            assert!(files[0].starts_with("providers.json.corrupt-"), "{files:?}");
            assert_eq!(
                fs::read_to_string(dir.0.join(&files[0])).unwrap(),
                content,
                "backup kept byte for byte"
            );
            assert_eq!(load(&dir.0).unwrap(), vec![], "then starts empty");
        }
    }

    #[test]
    fn default_dir_ends_in_llm_native() {
        assert!(crate::config_dir::default_config_dir().ends_with("llm-native"));
    }
}
