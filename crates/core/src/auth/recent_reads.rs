//! What requests read from the credential store, kept for a short while. A keychain read is a
//! round trip to the OS's secret store (over D-Bus, with a new session, on Linux: 5–12 ms with
//! gnome-keyring), as long as a whole agent step over a long history; without this every step
//! paid it, and concurrent requests each opened their own connection to the daemon.
//!
//! Writes made by this process replace the kept value at once. A change made by another process
//! (the CLI's `keys set`, another app) is seen once the kept value is older than [`KEEP_FOR`],
//! or, for an API key, at once after the server rejects the old one (a 401). Reads that must see
//! the store itself (`hasApiKey`, `authStatus`, an OAuth refresh under its lock) do not use it.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::secret::Secret;

/// How long a value read for requests is used without reading the store again.
pub const KEEP_FOR: Duration = Duration::from_secs(30);

struct Kept {
    value: Option<Secret>,
    read_at: Instant,
}

#[derive(Default)]
struct Reads {
    kept: HashMap<String, Kept>,
    /// Counts writes: a read that started before one finished must not keep what it found.
    writes: u64,
}

static READS: LazyLock<Mutex<Reads>> = LazyLock::new(Mutex::default);

fn reads() -> MutexGuard<'static, Reads> {
    READS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The value kept for `account` (`Some(None)`: the store had none) if it is recent enough.
pub fn recent(account: &str) -> Option<Option<Secret>> {
    let reads = reads();
    let kept = reads.kept.get(account)?;
    (kept.read_at.elapsed() < KEEP_FOR).then(|| kept.value.clone())
}

/// What a read about to start must hand back to [`keep_read`].
pub fn before_read() -> u64 {
    reads().writes
}

/// Keeps what a read found, unless a write happened while it ran (its value may be older).
pub fn keep_read(account: &str, value: &Option<Secret>, writes_before: u64) {
    let mut reads = reads();
    if reads.writes == writes_before {
        let kept = Kept {
            value: value.clone(),
            read_at: Instant::now(),
        };
        reads.kept.insert(account.to_owned(), kept);
    }
}

/// Keeps what this process just wrote (`None`: deleted).
pub fn keep_written(account: &str, value: Option<Secret>) {
    let mut reads = reads();
    reads.writes += 1;
    let kept = Kept {
        value,
        read_at: Instant::now(),
    };
    reads.kept.insert(account.to_owned(), kept);
}

/// Drops what is kept for `account` (the server rejected it).
pub fn forget(account: &str) {
    let mut reads = reads();
    reads.writes += 1;
    reads.kept.remove(account);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Option<Secret> {
        Some(Secret::new(s.to_owned()))
    }

    #[test]
    fn a_read_is_kept_unless_a_write_came_while_it_ran() {
        let before = before_read();
        keep_read("recent-reads:a", &secret("k1"), before);
        assert_eq!(recent("recent-reads:a"), Some(secret("k1")));

        // A write lands while a second read is under way: the read's (older) value is dropped.
        let before = before_read();
        keep_written("recent-reads:a", secret("k2"));
        keep_read("recent-reads:a", &secret("k1"), before);
        assert_eq!(recent("recent-reads:a"), Some(secret("k2")));

        keep_written("recent-reads:a", None);
        assert_eq!(recent("recent-reads:a"), Some(None));
        forget("recent-reads:a");
        assert_eq!(recent("recent-reads:a"), None);
    }

    #[test]
    fn an_old_read_is_not_used() {
        keep_written("recent-reads:old", secret("k"));
        let mut all = reads();
        let kept = all.kept.get_mut("recent-reads:old").unwrap();
        // (Only on a machine up for less than KEEP_FOR is there no earlier instant.)
        let Some(earlier) = kept.read_at.checked_sub(KEEP_FOR) else {
            return;
        };
        kept.read_at = earlier;
        drop(all);
        assert_eq!(recent("recent-reads:old"), None);
    }
}
