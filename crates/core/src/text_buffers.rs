//! Buffers for a call's megabytes, reused from call to call: the call options text a host copies
//! out of its runtime (a JS host's main thread), and the request body written from them. A coding
//! agent sends its whole history every step; written into fresh memory, each copy page-faults
//! once per 4 KiB page, which costs about as much as the copy itself (more in a VM). A buffer given
//! back keeps its pages mapped for the next call; mimalloc would return freed ones to the OS
//! within milliseconds, long before the next step of an agent comes.
//!
//! Options texts and request bodies are kept apart. An options buffer is sized for the worst
//! case (three UTF-8 bytes per UTF-16 unit: three times the text of an ASCII history), and a body
//! lives as long as its `request.body` can be read (on Node, until the stream object is collected):
//! a body that took the kept options buffer left the next step's options to a fresh allocation of
//! that size, which took 0.25 ms and, now and then, 5 ms of the JS main thread.
use std::sync::Mutex;

use bytes::Bytes;

/// Options buffers kept: a step's, and one for a call running at the same time (each is given
/// back once its text is parsed).
const KEPT_OPTIONS: usize = 2;

/// Body buffers kept: a step's request body, the previous step's (held while its `request.body`
/// can still be read), and two more for calls running at once.
const KEPT_BODIES: usize = 4;

/// Largest buffer kept: a bigger one (an outsized call) goes back to the allocator.
pub const MAX_KEPT_CAPACITY: usize = 64 << 20;

/// Kept buffers of one use, best fit first taken.
struct KeptBuffers {
    buffers: Mutex<Vec<Vec<u8>>>,
    limit: usize,
}

static OPTIONS: KeptBuffers = KeptBuffers::new(KEPT_OPTIONS);
static BODIES: KeptBuffers = KeptBuffers::new(KEPT_BODIES);

impl KeptBuffers {
    const fn new(limit: usize) -> Self {
        KeptBuffers {
            buffers: Mutex::new(Vec::new()),
            limit,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Vec<u8>>> {
        self.buffers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn take(&self, capacity: usize) -> Vec<u8> {
        let mut kept = self.lock();
        let fits = kept
            .iter()
            .enumerate()
            .filter(|(_, b)| b.capacity() >= capacity);
        match fits.min_by_key(|(_, b)| b.capacity()).map(|(i, _)| i) {
            Some(i) => kept.swap_remove(i),
            None => Vec::with_capacity(capacity),
        }
    }

    fn give_back(&self, mut buffer: Vec<u8>) {
        if buffer.capacity() > MAX_KEPT_CAPACITY || buffer.capacity() == 0 {
            return;
        }
        buffer.clear();
        let mut kept = self.lock();
        if kept.len() < self.limit {
            kept.push(buffer);
        } else if let Some(smallest) = kept.iter_mut().min_by_key(|b| b.capacity()) {
            // The larger buffers are the ones worth keeping (a history only grows).
            if smallest.capacity() < buffer.capacity() {
                *smallest = buffer;
            }
        }
    }
}

/// An empty buffer for a call options text of at least `capacity` bytes: the smallest kept one
/// that is large enough.
pub fn take_for_options(capacity: usize) -> Vec<u8> {
    OPTIONS.take(capacity)
}

/// Gives back an options text whose call parsed it (its bytes are dropped, its memory kept).
pub fn give_back(text: String) {
    OPTIONS.give_back(text.into_bytes());
}

/// An empty buffer for a request body of at least `capacity` bytes.
pub fn take_for_body(capacity: usize) -> Vec<u8> {
    BODIES.take(capacity)
}

/// The body `buffer` as `Bytes` that give it back once the last of them is dropped (the send, its
/// retries and the echo each hold one).
pub fn into_bytes(buffer: Vec<u8>) -> Bytes {
    Bytes::from_owner(GivenBackOnDrop(buffer, &BODIES))
}

struct GivenBackOnDrop(Vec<u8>, &'static KeptBuffers);

impl AsRef<[u8]> for GivenBackOnDrop {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for GivenBackOnDrop {
    fn drop(&mut self) {
        self.1.give_back(std::mem::take(&mut self.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // (Each test has its own buffers: the process's are shared with every other test's calls.)
    fn own_buffers() -> &'static KeptBuffers {
        Box::leak(Box::new(KeptBuffers::new(KEPT_BODIES)))
    }

    #[test]
    fn a_buffer_given_back_is_taken_again_and_outsized_ones_are_not_kept() {
        let kept = own_buffers();
        let mut buffer = kept.take(1 << 20);
        buffer.extend_from_slice(b"options");
        let address = buffer.as_ptr();
        kept.give_back(buffer);
        kept.give_back(Vec::with_capacity(4 << 20));
        let again = kept.take(1000);
        assert_eq!(again.as_ptr(), address, "the smallest that fits comes back");
        assert!(again.is_empty());
        kept.give_back(Vec::with_capacity(MAX_KEPT_CAPACITY + 1));
        assert!(kept
            .lock()
            .iter()
            .all(|b| b.capacity() <= MAX_KEPT_CAPACITY));
        for _ in 0..KEPT_BODIES + 2 {
            kept.give_back(Vec::with_capacity(4096));
        }
        assert_eq!(kept.lock().len(), KEPT_BODIES);
        // A full set keeps the larger buffers.
        assert!(kept.lock().iter().any(|b| b.capacity() >= 4 << 20));
    }

    #[test]
    fn a_body_never_takes_an_options_buffer() {
        // (The process's own pools: whatever other tests take, a body cannot get this one.)
        let options = take_for_options(8 << 20);
        let address = options.as_ptr();
        give_back(String::from_utf8(options).unwrap());
        let body = take_for_body(1 << 20);
        assert_ne!(body.as_ptr(), address);
        drop(into_bytes(body));
    }

    #[test]
    fn bytes_give_their_buffer_back_when_the_last_one_is_dropped() {
        let kept = own_buffers();
        let mut buffer = kept.take(1 << 20);
        buffer.extend_from_slice(br#"{"messages":[]}"#);
        let address = buffer.as_ptr();
        let body = Bytes::from_owner(GivenBackOnDrop(buffer, kept));
        let echo = body.clone();
        drop(body);
        assert_eq!(&echo[..], br#"{"messages":[]}"#);
        assert!(kept.lock().is_empty(), "still held by the echo");
        drop(echo);
        let again = kept.take(1);
        assert_eq!(again.as_ptr(), address);
    }
}
