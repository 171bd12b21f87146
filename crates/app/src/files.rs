//! The files folder: attachment bytes, named by their SHA-256 under two levels of folders
//! (`ab/cd/abcd…`), so the same photo sent twice is kept once and no name comes from a user.
//!
//! A file is written to a temporary name, flushed to disk, renamed into place, and its
//! folder flushed too, all before the database row that refers to it commits: once a
//! receipt is given, both the row and the bytes survive a crash.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::secrets::{hex, random_bytes};

/// SHA-256 of `bytes` as 64 lower-case hex characters.
pub(crate) fn hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Where the file with `hash` lives, or `None` for something that is not a hash (a
/// damaged row must never lead outside the folder).
pub(crate) fn path(root: &Path, hash: &str) -> Option<PathBuf> {
    let ok = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    ok.then(|| root.join(&hash[..2]).join(&hash[2..4]).join(hash))
}

/// Stores `bytes` under `hash` durably. Already there (the same content) means done.
pub(crate) fn keep(root: &Path, hash: &str, bytes: &[u8]) -> io::Result<()> {
    let target = path(root, hash).ok_or_else(|| io::Error::other("not a file hash"))?;
    if target.is_file() {
        return Ok(());
    }
    let folder = target
        .parent()
        .ok_or_else(|| io::Error::other("no folder"))?;
    make_folder(folder)?;
    let temporary = folder.join(format!(".incoming-{}", hex(&random_bytes::<8>())));
    let written = (|| {
        let mut f = File::create_new(&temporary)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&temporary, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written?;
    sync_folder(folder)
}

/// The bytes stored under `hash`.
pub(crate) fn read(root: &Path, hash: &str) -> io::Result<Vec<u8>> {
    let target = path(root, hash).ok_or_else(|| io::Error::other("not a file hash"))?;
    fs::read(target)
}

/// Creates `folder` and any missing parents, flushing each new entry to disk.
fn make_folder(folder: &Path) -> io::Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    make_folder(parent)?;
    match fs::create_dir(folder) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    sync_folder(parent)
}

/// Flushes a folder's entries (a new name in it) to disk.
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

impl crate::App {
    /// Keeps bytes in the files folder, durably, off the async threads; answers their hash.
    pub(crate) async fn keep_bytes(&self, bytes: Vec<u8>) -> crate::AppResult<String> {
        let root = self.settings.files.clone();
        tokio::task::spawn_blocking(move || {
            let h = hash(&bytes);
            keep(&root, &h, &bytes)?;
            Ok(h)
        })
        .await
        .map_err(|_| crate::AppError::Internal("file writer stopped"))?
    }

    /// The bytes kept under `hash`.
    pub(crate) async fn bytes_kept(&self, hash: &str) -> crate::AppResult<Vec<u8>> {
        let (root, hash) = (self.settings.files.clone(), hash.to_string());
        Ok(tokio::task::spawn_blocking(move || read(&root, &hash))
            .await
            .map_err(|_| crate::AppError::Internal("file reader stopped"))??)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_kept_once_under_their_hash_and_read_back() {
        let root =
            std::env::temp_dir().join(format!("liaison-files-{}", hash(&random_bytes::<8>())));
        let bytes = b"a photo".to_vec();
        let h = hash(&bytes);
        keep(&root, &h, &bytes).expect("keep");
        keep(&root, &h, &bytes).expect("keep again");
        let stored = root.join(&h[..2]).join(&h[2..4]).join(&h);
        assert!(stored.is_file());
        assert_eq!(read(&root, &h).expect("read"), bytes);
        // Nothing but the file itself is left in its folder.
        let names: Vec<_> = fs::read_dir(stored.parent().expect("folder"))
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(path(&root, "../../etc/passwd").is_none());
        assert!(path(&root, &h.to_uppercase()).is_none());
        assert!(read(&root, "zz").is_err());
        let _ = fs::remove_dir_all(&root);
    }
}
