//! The ledger row of the step a call is running, filled in as it goes and handed to the writer
//! when it is dropped — so a step the app aborts (its task dropped mid-stream) is recorded too,
//! as `aborted`.
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

fn count(n: Option<u64>) -> i64 {
    n.map_or(0, |n| i64::try_from(n).unwrap_or(i64::MAX))
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

    /// The model that answered (a fallback chain's may not be its first).
    pub fn served(&mut self, provider: &str, model: &str) {
        if let Some((_, r)) = &mut self.open {
            r.provider = provider.to_owned();
            r.model = model.to_owned();
            r.first_content_ms = Some(self.started.elapsed().as_millis() as i64);
        }
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
    }

    pub fn failed(&mut self, class: ErrorClass) {
        self.ended = true;
        if let Some((_, r)) = &mut self.open {
            r.finish_reason = "error".into();
            r.error_class = Some(class.as_str().to_owned());
        }
    }
}

impl Drop for LedgerEntry {
    fn drop(&mut self) {
        let Some((dir, mut record)) = self.open.take() else {
            return;
        };
        record.duration_ms = self.started.elapsed().as_millis() as i64;
        if !self.ended {
            record.finish_reason = "aborted".into();
        }
        writer::record(dir, record);
    }
}
