//! What is kept instead of a secret: the SHA-256 of a token (sessions, API keys, access
//! tokens, tracking codes) and the Argon2id hash of a password. The secrets themselves are
//! never stored; these are the forms the tables hold, defined once for whoever writes them
//! (the operations, the demo generator).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// SHA-256 of a token as hex: what is stored instead of the token itself.
pub fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Hashes a password with Argon2id and `salt` (random for a real account), off the async
/// threads: the form `users.password_hash` keeps. `None` only if Argon2 refuses its own
/// parameters, which does not happen.
pub async fn hash_password(password: String, salt: [u8; 16]) -> Option<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt).ok()?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .ok()
    })
    .await
    .ok()
    .flatten()
}

/// Checks a password against a stored hash, off the async threads.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that timing does not
/// tell an attacker which emails have accounts.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3V0xVZ9vUxhUjz8mKiW1cJ0c5aV0o2t8sRrL1oXqK0Q";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[tokio::test]
    async fn a_password_hashed_with_a_salt_verifies() {
        let hash = hash_password("riverside-demo".into(), [7; 16])
            .await
            .expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert_eq!(
            hash_password("riverside-demo".into(), [7; 16]).await,
            Some(hash.clone())
        );
        assert!(verify_password("riverside-demo".into(), hash.clone()).await);
        assert!(!verify_password("riverside".into(), hash).await);
    }
}
