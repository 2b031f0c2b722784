//! PKCE (RFC 7636, S256) and the random `state` of an authorization request.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};

/// `bytes` random bytes as unpadded base64url (the character set PKCE and `state` allow).
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS random source failing is not recoverable; no login can be secure without it.
    SystemRandom::new()
        .fill(&mut buf)
        .expect("the OS random number generator failed");
    URL_SAFE_NO_PAD.encode(buf)
}

/// A code verifier: 32 random bytes, 43 characters (RFC 7636 §4.1 asks for 43–128).
pub fn verifier() -> String {
    random_token(32)
}

/// `BASE64URL(SHA256(verifier))`, the S256 code challenge.
pub fn challenge_s256(verifier: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// The anti-CSRF `state` sent with the authorization request and checked on the way back.
pub fn state() -> String {
    random_token(24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_the_rfc_7636_appendix_b_vector() {
        assert_eq!(
            challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_and_state_are_random_base64url() {
        let (a, b) = (verifier(), verifier());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(state().len(), 32);
    }
}
