//! Buffers for call options text, reused from call to call. A host copies a coding agent's call
//! options (megabytes of history, every step) out of its runtime on its own thread, a JS host's
//! main thread; into a fresh buffer that copy page-faults once per 4 KiB page it writes, which
//! costs about as much as the copy itself. A buffer given back after its options were parsed
//! keeps its pages mapped for the next call.
use std::sync::Mutex;

/// Buffers kept (calls whose options are copied at the same moment, each on its host thread).
const KEPT_BUFFERS: usize = 2;

/// Largest buffer kept: a bigger one (an outsized call) goes back to the allocator.
pub const MAX_KEPT_CAPACITY: usize = 64 << 20;

static KEPT: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// An empty buffer of at least `capacity` bytes: a kept one when one is large enough.
pub fn take(capacity: usize) -> Vec<u8> {
    let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match kept.iter().position(|b| b.capacity() >= capacity) {
        Some(i) => kept.swap_remove(i),
        None => Vec::with_capacity(capacity),
    }
}

/// Gives back a text whose call no longer needs it (its bytes are dropped, its memory kept).
pub fn give_back(text: String) {
    let mut buffer = text.into_bytes();
    if buffer.capacity() > MAX_KEPT_CAPACITY || buffer.capacity() == 0 {
        return;
    }
    buffer.clear();
    let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if kept.len() < KEPT_BUFFERS {
        kept.push(buffer);
    } else if let Some(smallest) = kept.iter_mut().min_by_key(|b| b.capacity()) {
        // The larger buffers are the ones worth keeping (a history only grows).
        if smallest.capacity() < buffer.capacity() {
            *smallest = buffer;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_and_outsized_ones_are_not_kept() {
        // (Other tests give back options texts too, all far smaller than these.)
        let text = String::from_utf8(take(3 << 20)).unwrap() + "options";
        let address = text.as_ptr();
        give_back(text);
        let again = take(3 << 20);
        assert_eq!(again.as_ptr(), address, "the kept buffer comes back");
        assert!(again.is_empty());
        give_back(String::from_utf8(take(MAX_KEPT_CAPACITY + 1)).unwrap());
        let kept = || KEPT.lock().unwrap();
        assert!(kept().iter().all(|b| b.capacity() <= MAX_KEPT_CAPACITY));
        for _ in 0..5 {
            give_back(String::with_capacity(4096));
        }
        assert!(kept().len() <= KEPT_BUFFERS);
    }
}
