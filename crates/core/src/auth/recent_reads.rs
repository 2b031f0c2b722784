//! What requests read from the credential store, kept for a short while. A keychain read is a
//! round trip to the OS's secret store (over D-Bus, with a new session, on Linux: 5–12 ms with
//! gnome-keyring), as long as a whole agent step over a long history; without this every step
//! paid it, and concurrent requests each opened their own connection to the daemon.
//!
//! Writes made by this process replace the kept value at once. A change made by another process
//! (the CLI's `keys set`, another app) is seen once the kept value is older than [`KEEP_FOR`],
//! or, for an API key, at once after the server rejects the old one (a 401). Reads that must see
//! the store itself (`hasApiKey`, `authStatus`, an OAuth refresh under its lock) do not use it.
//!
//! Requests that find nothing kept while a read of the same value is under way wait for that read
//! and share its result, errors included ([`recent_or_read`]): twenty requests at an app's start
//! read the keychain once (one read took 8 ms here, twenty concurrent ones 72), and with a hung
//! store they all wait out that one read's timeout rather than each its own in turn.
use std::collections::HashMap;
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::error::AuthError;
use crate::secret::Secret;

/// How long a value read for requests is used without reading the store again.
pub const KEEP_FOR: Duration = Duration::from_secs(30);

struct Kept {
    value: Option<Secret>,
    read_at: Instant,
}

type ReadResult = Result<Option<Secret>, AuthError>;

/// A read of the store under way, whose result the requests that wait for it share.
#[derive(Default)]
struct Reading {
    result: Mutex<Option<ReadResult>>,
    done: Condvar,
}

impl Reading {
    fn finish(&self, result: ReadResult) {
        *self.result.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        self.done.notify_all();
    }

    fn wait(&self) -> ReadResult {
        let mut result = self.result.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(r) = result.as_ref() {
                return r.clone();
            }
            result = self.done.wait(result).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The read this request makes for the others: done, it is kept (if it may be), taken out of the
/// reads under way and handed to the waiters; dropped unfinished (a panic in the store call), the
/// waiters get an error instead of waiting forever and the next request reads again.
struct ReadUnderWay<'a> {
    account: &'a str,
    reading: Arc<Reading>,
    writes_before: u64,
    finished: bool,
}

impl ReadUnderWay<'_> {
    fn finish(mut self, result: &ReadResult) {
        self.finished = true;
        let mut reads = self.end();
        if let Ok(value) = result {
            reads.keep(self.account, value, self.writes_before);
        }
        drop(reads);
        self.reading.finish(result.clone());
    }

    /// Takes the read out of those under way (unless a later one replaced it).
    fn end(&self) -> MutexGuard<'static, Reads> {
        let mut reads = reads();
        let ours = |(_, r): &(u64, Arc<Reading>)| Arc::ptr_eq(r, &self.reading);
        if reads.reading.get(self.account).is_some_and(ours) {
            reads.reading.remove(self.account);
        }
        reads
    }
}

impl Drop for ReadUnderWay<'_> {
    fn drop(&mut self) {
        if !self.finished {
            drop(self.end());
            let failed = AuthError::Store("the credential store read failed".into());
            self.reading.finish(Err(failed));
        }
    }
}

#[derive(Default)]
struct Reads {
    kept: HashMap<String, Kept>,
    /// The reads under way, with the write count they started at.
    reading: HashMap<String, (u64, Arc<Reading>)>,
    /// Counts writes: a read that started before one finished must not keep what it found.
    writes: u64,
}

impl Reads {
    fn recent(&self, account: &str) -> Option<Option<Secret>> {
        let kept = self.kept.get(account)?;
        (kept.read_at.elapsed() < KEEP_FOR).then(|| kept.value.clone())
    }

    fn keep(&mut self, account: &str, value: &Option<Secret>, writes_before: u64) {
        if self.writes == writes_before {
            let kept = Kept {
                value: value.clone(),
                read_at: Instant::now(),
            };
            self.kept.insert(account.to_owned(), kept);
        }
    }
}

static READS: LazyLock<Mutex<Reads>> = LazyLock::new(Mutex::default);

fn reads() -> MutexGuard<'static, Reads> {
    READS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The value kept for `account` (`Some(None)`: the store had none) if it is recent enough.
pub fn recent(account: &str) -> Option<Option<Secret>> {
    reads().recent(account)
}

/// What a read about to start must hand back to [`keep_read`].
pub fn before_read() -> u64 {
    reads().writes
}

/// Keeps what a read found, unless a write happened while it ran (its value may be older).
pub fn keep_read(account: &str, value: &Option<Secret>, writes_before: u64) {
    reads().keep(account, value, writes_before);
}

/// `account`'s value for a request: the kept one if it is recent, else what `read` finds. While
/// one read runs, the requests asking for the same value wait for it and get its result; one that
/// asks after a write starts its own (the running read may have the older value). Blocking.
pub fn recent_or_read(account: &str, read: impl FnOnce() -> ReadResult) -> ReadResult {
    let under_way = {
        let mut reads = reads();
        if let Some(value) = reads.recent(account) {
            return Ok(value);
        }
        let writes = reads.writes;
        if let Some((started_at, reading)) = reads.reading.get(account) {
            if *started_at == writes {
                let reading = reading.clone();
                drop(reads);
                return reading.wait();
            }
        }
        let reading = Arc::new(Reading::default());
        reads
            .reading
            .insert(account.to_owned(), (writes, reading.clone()));
        ReadUnderWay {
            account,
            reading,
            writes_before: writes,
            finished: false,
        }
    };
    let result = read();
    under_way.finish(&result);
    result
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

    /// Starts `recent_or_read` of `account` on a thread, its read blocked until `release` sends
    /// its result; returns the thread once the read is under way.
    fn blocked_read(
        account: &'static str,
        reads_made: &Arc<std::sync::atomic::AtomicUsize>,
    ) -> (
        std::sync::mpsc::Sender<ReadResult>,
        std::thread::JoinHandle<ReadResult>,
    ) {
        let (release, result) = std::sync::mpsc::channel::<ReadResult>();
        let (started, is_started) = std::sync::mpsc::channel();
        let made = reads_made.clone();
        let leader = std::thread::spawn(move || {
            recent_or_read(account, move || {
                made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                started.send(()).unwrap();
                result.recv().unwrap()
            })
        });
        is_started.recv().unwrap();
        (release, leader)
    }

    /// How many hold the read under way for `account` (the map, its reader, its waiters).
    fn holders(account: &str) -> usize {
        reads()
            .reading
            .get(account)
            .map_or(0, |(_, r)| Arc::strong_count(r))
    }

    #[test]
    fn requests_asking_during_a_read_share_it_errors_included() {
        let account = "recent-reads:shared";
        let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (release, leader) = blocked_read(account, &made);
        let waiters: Vec<_> = (0..5)
            .map(|_| {
                let made = made.clone();
                std::thread::spawn(move || {
                    recent_or_read(account, move || {
                        made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        Ok(secret("theirs"))
                    })
                })
            })
            .collect();
        while holders(account) < 2 + waiters.len() {
            std::thread::yield_now();
        }
        // An error is not kept, so only a shared read gives it to all six.
        let down = Err(AuthError::Store("down".into()));
        release.send(down.clone()).unwrap();
        assert_eq!(leader.join().unwrap(), down);
        for w in waiters {
            assert_eq!(w.join().unwrap(), down);
        }
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(holders(account), 0);
        assert_eq!(recent(account), None);
    }

    #[test]
    fn a_request_after_a_write_does_not_wait_for_the_older_read() {
        let account = "recent-reads:after-write";
        let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (release, leader) = blocked_read(account, &made);
        forget(account); // a 401: the key changed elsewhere
        let fresh = recent_or_read(account, || Ok(secret("new")));
        assert_eq!(fresh, Ok(secret("new")));
        release.send(Ok(secret("old"))).unwrap();
        assert_eq!(leader.join().unwrap(), Ok(secret("old")));
        // The read that began before the write is not kept over the one after it.
        assert_eq!(recent(account), Some(secret("new")));
    }

    #[test]
    fn a_read_that_panics_ends_its_waiters_with_an_error() {
        let account = "recent-reads:panics";
        let (started, is_started) = std::sync::mpsc::channel();
        let (release, go) = std::sync::mpsc::channel::<()>();
        let leader = std::thread::spawn(move || {
            recent_or_read(account, move || {
                started.send(()).unwrap();
                go.recv().unwrap();
                panic!("the store call panicked")
            })
        });
        is_started.recv().unwrap();
        let waiter = std::thread::spawn(move || recent_or_read(account, || Ok(secret("k"))));
        while holders(account) < 3 {
            std::thread::yield_now();
        }
        release.send(()).unwrap();
        assert!(leader.join().is_err());
        assert!(matches!(waiter.join().unwrap(), Err(AuthError::Store(_))));
        // Nothing of it is left: the next request reads.
        assert_eq!(holders(account), 0);
        assert_eq!(recent_or_read(account, || Ok(secret("k"))), Ok(secret("k")));
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
