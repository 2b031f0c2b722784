//! Random ids for things a provider did not name (tool calls without an id, responses without one).
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `prefix-` followed by 16 alphanumeric characters. Unique within the process (a counter is mixed
/// in); unpredictable enough for ids, not meant as a secret.
pub fn generate_id(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut bits = hasher.finish();
    let mut id = String::with_capacity(prefix.len() + 17);
    id.push_str(prefix);
    id.push('-');
    for i in 0..16 {
        if i == 10 {
            // 64 bits give ~10 base-62 digits; draw again for the rest.
            hasher.write_u64(bits);
            bits = hasher.finish();
        }
        id.push(ALPHABET[(bits % 62) as usize] as char);
        bits /= 62;
    }
    id
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_unique_and_shaped() {
        let a = super::generate_id("call");
        let b = super::generate_id("call");
        assert_ne!(a, b);
        assert_eq!(a.len(), "call-".len() + 16);
        assert!(a.starts_with("call-"));
    }
}
