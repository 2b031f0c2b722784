//! The ledger row of the step a call is running, filled in as it goes and handed to the writer
//! when the step finishes or fails — before the app sees its last part, so a `queryUsage` after
//! the call counts it — or when it is dropped unfinished, so a step the app aborts (its task
//! dropped mid-stream) is recorded too, as `aborted`.
use std::path::PathBuf;
use std::time::Instant;

use crate::error_class::ErrorClass;
use crate::private_file::create_private_dir;
use crate::types::{FinishReason, Usage};

use super::record::{now_ms, StepRecord};
use super::writer;

pub struct LedgerEntry {
    /// `None`: the ledger is off.
    open: Option<(PathBuf, StepRecord)>,
    started: Instant,
    ended: bool,
}

/// What a finished step adds to its row.
pub struct StepTotals<'a> {
    pub usage: &'a Usage,
    pub cache_write_tokens: Option<u64>,
    pub cost_usd: Option<f64>,
    pub finish_reason: FinishReason,
}

/// A count as stored: a hostile report (`prompt_tokens: 2^64-1`) is capped, so that the `SUM`s of
/// `queryUsage` cannot overflow.
const MAX_COUNT: u64 = 1 << 40;

fn count(n: Option<u64>) -> i64 {
    n.map_or(0, |n| n.min(MAX_COUNT) as i64)
}

impl LedgerEntry {
    /// A row for a step of `model` at `provider`, kept in `dir` (none when the ledger is off).
    pub fn start(dir: impl FnOnce() -> PathBuf, provider: &str, model: &str) -> LedgerEntry {
        let open = writer::enabled().then(|| {
            let record = StepRecord {
                at_ms: now_ms(),
                provider: provider.to_owned(),
                model: model.to_owned(),
                ..StepRecord::default()
            };
            let dir = dir();
            // A first run may have no config directory yet (the writer creates none itself).
            let _ = create_private_dir(&dir);
            (dir, record)
        });
        LedgerEntry {
            open,
            started: Instant::now(),
            ended: false,
        }
    }

    /// The model the step is sent to now (a fallback chain moves on from its first).
    pub fn sending_to(&mut self, provider: &str, model: &str) {
        if let Some((_, r)) = &mut self.open {
            r.provider = provider.to_owned();
            r.model = model.to_owned();
        }
    }

    /// The first content arrived.
    pub fn first_content(&mut self) {
        if let Some((_, r)) = &mut self.open {
            r.first_content_ms = Some(self.started.elapsed().as_millis() as i64);
        }
    }

    /// Whether the step finished (its row is final: a limit that runs out later changes nothing).
    pub fn is_finished(&self) -> bool {
        self.ended
    }

    pub fn finished(&mut self, totals: StepTotals<'_>) {
        self.ended = true;
        if let Some((_, r)) = &mut self.open {
            let u = totals.usage;
            r.input_tokens = count(u.input_tokens);
            r.output_tokens = count(u.output_tokens);
            r.reasoning_tokens = count(u.reasoning_tokens);
            r.cache_read_tokens = count(u.cached_input_tokens);
            r.cache_write_tokens = count(totals.cache_write_tokens);
            r.cost_usd = totals.cost_usd;
            r.finish_reason = totals.finish_reason.as_str().to_owned();
        }
        self.hand_over();
    }

    pub fn failed(&mut self, class: ErrorClass) {
        self.ended = true;
        if let Some((_, r)) = &mut self.open {
            r.finish_reason = "error".into();
            r.error_class = Some(class.as_str().to_owned());
        }
        self.hand_over();
    }

    /// The row, final, to the writer (once).
    fn hand_over(&mut self) {
        if let Some((dir, mut record)) = self.open.take() {
            record.duration_ms = self.started.elapsed().as_millis() as i64;
            writer::record(dir, record);
        }
    }
}

impl Drop for LedgerEntry {
    fn drop(&mut self) {
        if let Some((_, record)) = &mut self.open {
            if std::thread::panicking() {
                // A bug in the call (reported to the app as an `InternalError`).
                record.finish_reason = "error".into();
                record.error_class = Some(ErrorClass::Other.as_str().to_owned());
            } else {
                record.finish_reason = "aborted".into();
            }
        }
        self.hand_over();
    }
}
