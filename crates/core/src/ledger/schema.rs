//! The database file: opened in WAL mode (several processes write at once, readers never block
//! writers) with a busy timeout, its table created on first use.
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

pub const FILE_NAME: &str = "usage.sqlite";

/// How long a write or read waits for another process's lock before it gives up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS steps (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    cost_usd REAL,
    duration_ms INTEGER NOT NULL,
    first_content_ms INTEGER,
    finish_reason TEXT NOT NULL,
    error_class TEXT
);
CREATE INDEX IF NOT EXISTS steps_at_ms ON steps (at_ms);
";

/// Opens (creating when missing) the ledger in `dir`, which must exist, for writing.
pub fn open_for_writing(dir: &Path) -> rusqlite::Result<Connection> {
    let path = dir.join(FILE_NAME);
    create_owner_only(&path);
    let conn = Connection::open(&path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.execute_batch(SCHEMA)?;
    Ok(conn)
}

/// Opens an existing ledger for reading (`None`: there is none yet).
pub fn open_for_reading(dir: &Path) -> rusqlite::Result<Option<Connection>> {
    let path = dir.join(FILE_NAME);
    if !path.exists() {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(Some(conn))
}

/// Usage says which models an app used and when: the file is the user's alone (SQLite gives its
/// `-wal` / `-shm` files the same mode).
fn create_owner_only(path: &Path) {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let _ = options.open(path);
}
