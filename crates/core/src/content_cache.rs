//! Values kept by the content they were made from. The key is a 128-bit hash (xxh3) of the
//! source text, so the same text finds its value again whatever built it, and a changed text never
//! finds a stale one: nothing has to be invalidated, which an identity-keyed cache could not
//! promise against an app that edits a message in place.
//!
//! A coding agent sends the same long history again every step; what the core derives from each
//! message (its wire form per protocol, `protocols/message_segments.rs`) is kept here so step k
//! pays only for what is new. Bounded by bytes: two generations, the older dropped whole when the newer fills, and what
//! is used again moves to the newer, so a long-running app keeps what its current conversations
//! send (an LRU's behaviour without its per-hit bookkeeping).
use std::collections::HashMap;
use std::sync::Mutex;

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// The hash of a source text (a message's JSON, say), optionally narrowed to a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentKey(u128);

impl ContentKey {
    pub fn of(text: &str) -> ContentKey {
        ContentKey(xxh3_128(text.as_bytes()))
    }

    /// The key of the same text read in `context` (one protocol's conversion of it, say): values
    /// made in different contexts never meet.
    pub fn within(self, context: &str) -> ContentKey {
        let mut h = Xxh3::new();
        h.update(&self.0.to_le_bytes());
        h.update(context.as_bytes());
        ContentKey(h.digest128())
    }
}

/// A map from content keys to values, at most about twice `generation_bytes` of them.
pub struct ContentCache<V> {
    generation_bytes: usize,
    inner: Mutex<Generations<V>>,
}

struct Generations<V> {
    newer: HashMap<ContentKey, (V, usize)>,
    older: HashMap<ContentKey, (V, usize)>,
    newer_bytes: usize,
}

impl<V: Clone> ContentCache<V> {
    pub fn new(generation_bytes: usize) -> Self {
        ContentCache {
            generation_bytes,
            inner: Mutex::new(Generations {
                newer: HashMap::new(),
                older: HashMap::new(),
                newer_bytes: 0,
            }),
        }
    }

    /// The values of `keys` (one lock for all of them: a history is looked up at once).
    pub fn get_all(&self, keys: impl IntoIterator<Item = Option<ContentKey>>) -> Vec<Option<V>> {
        let mut g = self.lock();
        keys.into_iter()
            .map(|key| {
                let key = key?;
                if let Some((v, _)) = g.newer.get(&key) {
                    return Some(v.clone());
                }
                // Moved, not rotated: a rotation in the middle of a history's lookup would drop
                // the messages after this one. (Moving adds no bytes to the two generations.)
                let (v, bytes) = g.older.remove(&key)?;
                g.newer.insert(key, (v.clone(), bytes));
                g.newer_bytes += bytes;
                Some(v)
            })
            .collect()
    }

    /// Keeps `value`, made from `bytes` bytes of source (its share of the budget).
    pub fn insert_all(&self, entries: impl IntoIterator<Item = (ContentKey, V, usize)>) {
        let mut g = self.lock();
        for (key, value, bytes) in entries {
            // A value larger than a generation would only push everything else out.
            if bytes <= self.generation_bytes {
                g.put(key, value, bytes, self.generation_bytes);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations<V>> {
        // A panic elsewhere cannot leave the maps inconsistent: each change is one insert.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<V> Generations<V> {
    fn put(&mut self, key: ContentKey, value: V, bytes: usize, generation_bytes: usize) {
        if self.newer_bytes + bytes > generation_bytes {
            self.older = std::mem::take(&mut self.newer);
            self.newer_bytes = 0;
        }
        if self.newer.insert(key, (value, bytes)).is_none() {
            self.newer_bytes += bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Option<ContentKey> {
        Some(ContentKey::of(s))
    }

    #[test]
    fn same_text_same_key_and_contexts_apart() {
        assert_eq!(ContentKey::of("a"), ContentKey::of("a"));
        assert_ne!(ContentKey::of("a"), ContentKey::of("b"));
        let k = ContentKey::of("a");
        assert_eq!(k.within("x"), k.within("x"));
        assert_ne!(k.within("x"), k.within("y"));
        assert_ne!(k.within("x"), k);
    }

    #[test]
    fn finds_what_was_kept_and_nothing_else() {
        let cache = ContentCache::new(100);
        cache.insert_all([(ContentKey::of("a"), 1, 10), (ContentKey::of("b"), 2, 10)]);
        assert_eq!(
            cache.get_all([key("a"), key("c"), None, key("b")]),
            [Some(1), None, None, Some(2)]
        );
    }

    #[test]
    fn bounded_by_bytes_keeping_what_is_used() {
        let cache = ContentCache::new(30);
        cache.insert_all([(ContentKey::of("a"), 1, 10), (ContentKey::of("b"), 2, 10)]);
        // 20 more bytes overfill the generation: `a` and `b` become the older one.
        cache.insert_all([(ContentKey::of("c"), 3, 20)]);
        // `a` used again moves to the newer generation…
        assert_eq!(cache.get_all([key("a")]), [Some(1)]);
        // …so the next rotation drops `b`, not `a`.
        cache.insert_all([(ContentKey::of("d"), 4, 25)]);
        assert_eq!(
            cache.get_all([key("a"), key("b"), key("c"), key("d")]),
            [Some(1), None, Some(3), Some(4)]
        );
        // Too large for a generation: not kept at all.
        cache.insert_all([(ContentKey::of("e"), 5, 31)]);
        assert_eq!(cache.get_all([key("e")]), [None]);
    }
}
