//! Uploaded files (`liaison_domain::attachments`): recognition by content (`FileKind::sniff`),
//! the whole check an upload goes through (`check_file`), and the removal of metadata from
//! JPEG, PNG, WebP and GIF (`strip_metadata`), each format's walker also fed garbage behind
//! the right magic bytes.
//!
//! Checks: never panics or runs away; a stripped file is recognised as the same kind; it is
//! no larger than what came in, but for the orientation block a JPEG regains (at most the
//! 36 bytes of a minimal Exif block, minus the Exif block it came from); stripping it again
//! changes nothing; what `check_file` accepts is the stripped file of the kind its content
//! shows, under a safe name.
#![no_main]

use liaison_domain::attachments::{check_file, strip_metadata, Accept, FileKind};
use libfuzzer_sys::fuzz_target;

const MAGIC: [(FileKind, &[u8]); 4] = [
    (FileKind::Jpeg, b"\xFF\xD8\xFF"),
    (FileKind::Png, b"\x89PNG\r\n\x1a\n"),
    (FileKind::WebP, b"RIFF\0\0\0\0WEBP"),
    (FileKind::Gif, b"GIF89a"),
];

fn strip(kind: FileKind, bytes: &[u8]) {
    let Ok(out) = strip_metadata(kind, bytes) else {
        return;
    };
    assert_eq!(FileKind::sniff(&out), Some(kind), "no longer a {kind:?}");
    let limit = if kind == FileKind::Jpeg {
        bytes.len() + 6
    } else {
        bytes.len()
    };
    assert!(
        out.len() <= limit,
        "{kind:?} grew from {} to {}",
        bytes.len(),
        out.len()
    );
    assert_eq!(
        strip_metadata(kind, &out).as_ref(),
        Ok(&out),
        "stripping twice differs"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        // As uploaded: the content says what it is.
        0 => {
            if let Some(kind) = FileKind::sniff(rest) {
                strip(kind, rest);
            }
        }
        // Garbage behind the right magic, so every walker sees it.
        1 => {
            let (kind, magic) = MAGIC[usize::from(mode / 3) % MAGIC.len()];
            let mut bytes = magic.to_vec();
            if kind == FileKind::WebP {
                // A RIFF size that covers what follows, so the walk gets past the header.
                let size = u32::try_from(rest.len() + 4).unwrap_or(u32::MAX);
                bytes[4..8].copy_from_slice(&size.to_le_bytes());
            }
            bytes.extend_from_slice(rest);
            strip(kind, &bytes);
        }
        _ => {
            let kind = FileKind::sniff(rest);
            let declared = kind.map_or("text/plain", FileKind::content_type);
            let accept = if mode & 8 == 0 {
                Accept::Photos
            } else {
                Accept::PhotosAndDocuments
            };
            if let Ok(f) = check_file("../photo.JPG", declared, rest, 1 << 20, accept) {
                assert_eq!(Some(f.kind), kind);
                assert!(accept == Accept::PhotosAndDocuments || f.kind.is_image());
                assert_eq!(strip_metadata(f.kind, rest), Ok(f.bytes));
                assert!(!f.name.contains('/') && !f.name.starts_with('.'));
            }
        }
    }
});
