//! The writer: one thread per process that owns the database connection and inserts what the
//! calls send it, a batch per transaction. A call only hands its record over (`try_send`, never
//! waiting); a write that fails is reported once on stderr and in `last_error`, never reaches a
//! call; records that met a lock another process held too long, or a full disk, are kept and
//! tried again (others are dropped).
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use rusqlite::{params, Connection};

use super::record::StepRecord;
use super::schema;

/// Records waiting for the writer; past this (a disk that stalls for long) new ones are dropped.
const QUEUE: usize = 10_000;

enum Message {
    Record(PathBuf, Box<StepRecord>),
    /// Answered once everything sent before it is written (or failed).
    Flush(mpsc::Sender<()>),
}

static ENABLED: AtomicBool = AtomicBool::new(true);

/// `configure({ usageLedger })`: whether steps are recorded.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn sender() -> &'static SyncSender<Message> {
    static SENDER: OnceLock<SyncSender<Message>> = OnceLock::new();
    SENDER.get_or_init(|| {
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("llm-native-ledger".into())
            .spawn(move || write_all(rx))
            .expect("the ledger thread starts");
        tx
    })
}

/// Hands `record` to the writer for the ledger in `dir`.
pub fn record(dir: PathBuf, record: StepRecord) {
    match sender().try_send(Message::Record(dir, Box::new(record))) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => {
            report(None, "the write queue is full; a step was not recorded")
        }
        Err(TrySendError::Disconnected(_)) => report(None, "the writer stopped"),
    }
}

/// Waits until every record sent so far is written (a query then sees this process's steps).
pub fn flush() {
    let (tx, rx) = mpsc::channel();
    if sender().send(Message::Flush(tx)).is_ok() {
        let _ = rx.recv();
    }
}

/// Why the last write to the ledger in `dir` failed, if it did.
pub fn last_error(dir: &Path) -> Option<String> {
    failures().get(dir).cloned()
}

/// The last write failure per ledger directory (a write that succeeds clears its own).
fn failures() -> std::sync::MutexGuard<'static, HashMap<PathBuf, String>> {
    static FAILURES: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    FAILURES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

static REPORTED: AtomicBool = AtomicBool::new(false);

fn report(dir: Option<&Path>, message: &str) {
    if let Some(dir) = dir {
        failures().insert(dir.to_owned(), message.to_owned());
    }
    if !REPORTED.swap(true, Ordering::Relaxed) {
        eprintln!("llm-native: usage ledger: {message} (calls go on; this is reported once)");
    }
}

/// While some records could not be written, how often the writer tries them again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

fn write_all(rx: Receiver<Message>) {
    let mut open: Option<(PathBuf, Connection)> = None;
    // Records a write failed on (a lock held too long, a full disk): kept and tried again.
    let mut held: Vec<(PathBuf, Vec<StepRecord>)> = Vec::new();
    loop {
        let first = if held.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(RETRY_EVERY)
        };
        let first = match first {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Everything already queued goes in the same transaction.
        let mut waiting = Vec::new();
        let mut by_dir = std::mem::take(&mut held);
        for message in first.into_iter().chain(rx.try_iter()) {
            match message {
                Message::Flush(done) => waiting.push(done),
                Message::Record(dir, r) => match by_dir.iter_mut().find(|(d, _)| *d == dir) {
                    Some((_, rs)) => rs.push(*r),
                    None => by_dir.push((dir, vec![*r])),
                },
            }
        }
        for (dir, mut records) in by_dir {
            match insert(&mut open, &dir, &records) {
                Ok(()) => {
                    failures().remove(&dir);
                }
                Err(e) => {
                    open = None; // reopened next time (the file may come back)
                    report(
                        Some(&dir),
                        &format!("{}: {e}", dir.join(schema::FILE_NAME).display()),
                    );
                    // Another process's lock or a full disk passes: those records wait. A file
                    // that is no database, or cannot be opened, would fail them forever.
                    if is_transient(&e) {
                        if records.len() > QUEUE {
                            records.drain(..records.len() - QUEUE);
                        }
                        held.push((dir, records));
                    }
                }
            }
        }
        for done in waiting {
            let _ = done.send(());
        }
    }
}

/// A failure that passes: another process's lock, a full disk.
fn is_transient(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::DatabaseBusy
                | rusqlite::ErrorCode::DatabaseLocked
                | rusqlite::ErrorCode::DiskFull
        )
    )
}

fn insert(
    open: &mut Option<(PathBuf, Connection)>,
    dir: &Path,
    records: &[StepRecord],
) -> rusqlite::Result<()> {
    // The directory was removed after the step started (`LedgerEntry` creates it): writing
    // would bring it back.
    if !dir.is_dir() {
        return Ok(());
    }
    if open.as_ref().is_none_or(|(d, _)| d != dir) {
        *open = Some((dir.to_owned(), schema::open_for_writing(dir)?));
    }
    let (_, conn) = open.as_mut().expect("opened above");
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO steps (at_ms, provider, model, input_tokens, output_tokens, reasoning_tokens,
             cache_read_tokens, cache_write_tokens, cost_usd, duration_ms, first_content_ms,
             finish_reason, error_class) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for r in records {
            insert.execute(params![
                r.at_ms,
                r.provider,
                r.model,
                r.input_tokens,
                r.output_tokens,
                r.reasoning_tokens,
                r.cache_read_tokens,
                r.cache_write_tokens,
                r.cost_usd,
                r.duration_ms,
                r.first_content_ms,
                r.finish_reason,
                r.error_class,
            ])?;
        }
    }
    tx.commit()
}
