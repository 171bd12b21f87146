//! Submissions stored at most once: a portal form sent twice, an API request retried with
//! the same `Idempotency-Key`, a retry after the server crashed between storing a concern
//! and answering.
//!
//! Each such submission carries a secret: the random token in the portal form, or the
//! caller's bearer token with its idempotency key. From it come the hash that is stored with
//! the concern (in the concern's own transaction) and the concern's tracking code. A retry
//! presents the same secret, finds the stored concern by the hash and gets the same receipt,
//! tracking code included, though the code itself is never stored.

use liaison_domain::values;
use sha2::{Digest, Sha256};

use crate::secrets::{hex, random_bytes};

/// A submission that must be stored at most once.
#[derive(Clone)]
pub struct Submission {
    seed: [u8; 32],
}

impl Submission {
    /// A fresh token for a portal form's hidden field (128 random bits as hex).
    pub fn form_token() -> String {
        hex(&random_bytes::<16>())
    }

    /// The submission a portal form's token names, if the token is one Liaison could have
    /// made (32 lower-case hex characters).
    pub fn from_form(token: &str) -> Option<Self> {
        let well_formed = token.len() == 32
            && token
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then(|| Self::seeded(&[b"portal", token.as_bytes()]))
    }

    /// The submission an API request names: the caller's own bearer token and the
    /// request's idempotency key. Only the caller can name it again.
    pub fn from_api(bearer: &str, key: &str) -> Self {
        Self::seeded(&[b"api", bearer.as_bytes(), key.as_bytes()])
    }

    fn seeded(parts: &[&[u8]]) -> Self {
        let mut h = Sha256::new();
        for p in parts {
            // Lengths first, so no two lists of parts hash alike.
            h.update((p.len() as u64).to_be_bytes());
            h.update(p);
        }
        Self {
            seed: h.finalize().into(),
        }
    }

    /// What is stored: a hash of the secret, which gives neither the secret nor the code.
    pub(crate) fn hash(&self) -> String {
        hex(&Sha256::digest(self.seed))
    }

    /// The secret of the tracking code of the concern this submission becomes (the code is
    /// the concern's number, then this).
    pub(crate) fn tracking_secret(&self) -> String {
        let mut bytes = [0u8; 10];
        bytes.copy_from_slice(&self.seed[..10]);
        values::tracking_code_from_bytes(bytes)
    }

    /// The secret of the link that gives up the place this submission takes (a
    /// registration for an engagement): 128 bits of the seed as hex, apart from the
    /// tracking code's.
    pub(crate) fn link_secret(&self) -> String {
        hex(&self.seed[10..26])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_secret_gives_the_same_receipt_and_another_does_not() {
        let token = Submission::form_token();
        let a = Submission::from_form(&token).expect("a made token is accepted");
        let b = Submission::from_form(&token).expect("again");
        assert_eq!(a.hash(), b.hash());
        assert_eq!(a.tracking_secret(), b.tracking_secret());
        let other = Submission::from_form(&Submission::form_token()).expect("another");
        assert_ne!(a.hash(), other.hash());
        assert_ne!(a.tracking_secret(), other.tracking_secret());
        assert_ne!(
            Submission::from_api("liaison_pat_x", "k1").hash(),
            Submission::from_api("liaison_pat_y", "k1").hash(),
            "keys are per caller"
        );
        assert!(!a.hash().contains(&a.tracking_secret().to_lowercase()));
    }

    #[test]
    fn only_well_formed_form_tokens_name_a_submission() {
        for bad in [
            "",
            "0",
            "zz",
            &"A".repeat(32),
            &"0".repeat(31),
            &"0".repeat(33),
        ] {
            assert!(Submission::from_form(bad).is_none(), "{bad:?}");
        }
    }
}
