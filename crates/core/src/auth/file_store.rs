//! The opt-in fallback store for machines without a keychain: one JSON file
//! (`{"version":1,"entries":{account: value}}`) readable by its owner only (0600), replaced
//! atomically (write a temp file beside it, fsync, rename) so a crash never leaves half a file,
//! changed under an OS file lock so processes sharing it never lose each other's updates.
use std::fs;
use std::path::Path;
use std::sync::Mutex;

use serde_json::{Map, Value};

use super::error::AuthError;
use crate::private_file::{write_private, FileLock};
use crate::secret::Secret;

pub const FILE_NAME: &str = "credentials.json";

/// Serializes read-modify-write cycles within the process.
static LOCK: Mutex<()> = Mutex::new(());

fn fail(path: &Path, what: &str, e: impl std::fmt::Display) -> AuthError {
    AuthError::Store(format!("{what} {}: {e}", path.display()))
}

fn read(path: &Path) -> Result<Map<String, Value>, AuthError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Map::new()),
        Err(e) => return Err(fail(path, "cannot read", e)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map_err(|e| fail(path, "cannot read", e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(fail(
                path,
                "refusing to use",
                format!("mode {:o} lets others read it; chmod 600 it", mode & 0o777),
            ));
        }
    }
    let v: Value =
        serde_json::from_str(&text).map_err(|_| fail(path, "cannot parse", "not valid JSON"))?;
    Ok(v.get("entries")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default())
}

fn write(path: &Path, entries: Map<String, Value>) -> Result<(), AuthError> {
    let text = serde_json::json!({ "version": 1, "entries": entries }).to_string();
    write_private(path, text.as_bytes()).map_err(|e| fail(path, "cannot write", e))
}

/// The in-process mutex, then the OS lock other processes sharing the file respect.
fn lock(path: &Path) -> Result<(std::sync::MutexGuard<'static, ()>, FileLock), AuthError> {
    let guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let lock_path = path.with_file_name(format!(".{FILE_NAME}.lock"));
    let file = FileLock::exclusive(&lock_path).map_err(|e| fail(&lock_path, "cannot lock", e))?;
    Ok((guard, file))
}

pub fn get(path: &Path, account: &str) -> Result<Option<Secret>, AuthError> {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    Ok(read(path)?
        .get(account)
        .and_then(Value::as_str)
        .map(|s| Secret::new(s.to_owned())))
}

pub fn set(path: &Path, account: &str, value: &str) -> Result<(), AuthError> {
    let _locks = lock(path)?;
    let mut entries = read(path)?;
    entries.insert(account.to_owned(), Value::String(value.to_owned()));
    write(path, entries)
}

pub fn delete(path: &Path, account: &str) -> Result<bool, AuthError> {
    let _locks = lock(path)?;
    let mut entries = read(path)?;
    let existed = entries.remove(account).is_some();
    if existed {
        write(path, entries)?;
    }
    Ok(existed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_owner_only_permissions() {
        let dir = std::env::temp_dir().join(format!(
            "llm-native-fs-{}",
            super::super::pkce::random_token(6)
        ));
        let path = dir.join(FILE_NAME);
        assert_eq!(get(&path, "api-key:x").unwrap(), None);
        set(&path, "api-key:x", "sk-file-1").unwrap();
        set(&path, "api-key:y", "sk-file-2").unwrap();
        assert_eq!(
            get(&path, "api-key:x").unwrap().unwrap().expose(),
            "sk-file-1"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
            let err = get(&path, "api-key:x").unwrap_err().to_string();
            assert!(
                err.contains("chmod 600") && !err.contains("sk-file"),
                "{err}"
            );
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert!(delete(&path, "api-key:x").unwrap());
        assert!(!delete(&path, "api-key:x").unwrap());
        assert_eq!(
            get(&path, "api-key:y").unwrap().unwrap().expose(),
            "sk-file-2"
        );
        // No temp files left behind (the lock file stays, empty).
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".credentials.json.lock", "credentials.json"]);
        fs::remove_dir_all(dir).unwrap();
    }
}
