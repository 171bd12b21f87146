//! Random tokens and salts; the stored forms of secrets (token hashes, Argon2id password
//! hashes) are the store's (`liaison_store::secrets`), given random salts here.

use crate::{AppError, AppResult};

pub use liaison_store::secrets::{digest, hex, verify_password, DUMMY_HASH};

/// `N` bytes from the operating system's secure generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // The OS generator failing means the machine cannot run anything securely.
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b
}

/// A 256-bit random token as 64 hex characters.
pub fn token() -> String {
    hex(&random_bytes::<32>())
}

/// Hashes a password with Argon2id and a random salt, off the async threads.
pub async fn hash_password(password: String) -> AppResult<String> {
    liaison_store::secrets::hash_password(password, random_bytes())
        .await
        .ok_or(AppError::Internal("password hashing"))
}
