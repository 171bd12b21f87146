//! Attachments: the photos and documents that may come with a concern, recognised by their
//! content rather than by what the sender claims, and cleaned of identifying metadata.

mod metadata;

pub use metadata::strip_metadata;

/// Most files attached in one submission.
pub const MAX_FILES: usize = 3;

/// The largest file accepted unless the operator says otherwise (10 MiB).
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Longest stored file name, in characters.
const MAX_NAME: usize = 100;

/// A kind of file Liaison accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A JPEG photo.
    Jpeg,
    /// A PNG image.
    Png,
    /// A WebP image.
    WebP,
    /// A GIF image.
    Gif,
    /// A PDF document.
    Pdf,
}

impl FileKind {
    /// Every kind, in the order they are offered.
    pub const ALL: [FileKind; 5] = [
        FileKind::Jpeg,
        FileKind::Png,
        FileKind::WebP,
        FileKind::Gif,
        FileKind::Pdf,
    ];

    /// A short word for the kind (message keys, CSS classes).
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::WebP => "webp",
            FileKind::Gif => "gif",
            FileKind::Pdf => "pdf",
        }
    }

    /// The content type it is stored and served with.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::WebP => "image/webp",
            FileKind::Gif => "image/gif",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// The extension a stored name ends with.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::WebP => "webp",
            FileKind::Gif => "gif",
            FileKind::Pdf => "pdf",
        }
    }

    /// Whether browsers show it as a picture.
    pub fn is_image(self) -> bool {
        self != FileKind::Pdf
    }

    /// The kind a declared content type names, ignoring case and parameters
    /// (`image/JPEG; charset=x` is JPEG).
    pub fn from_content_type(declared: &str) -> Option<Self> {
        let essence = declared.split(';').next().unwrap_or("").trim();
        match essence.to_ascii_lowercase().as_str() {
            // Older browsers say `pjpeg` or `jpg` for the same files.
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(FileKind::Jpeg),
            "image/png" | "image/x-png" => Some(FileKind::Png),
            "image/webp" => Some(FileKind::WebP),
            "image/gif" => Some(FileKind::Gif),
            "application/pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }

    /// The kind the file's first bytes (its "magic number") show.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(FileKind::WebP)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(FileKind::Gif)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }
}

/// Which files a door accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Photos only (JPEG, PNG, WebP, GIF): what residents send. Their metadata can be
    /// stripped; a PDF's author and software fields cannot, so residents may not send one.
    Photos,
    /// Photos and PDF documents: what staff attach.
    PhotosAndDocuments,
}

impl Accept {
    /// The message key of the error for a kind this door refuses.
    fn refusal(self) -> &'static str {
        match self {
            Accept::Photos => "error-photo-type",
            Accept::PhotosAndDocuments => "error-file-type",
        }
    }
}

/// A file that passed every check, cleaned and named, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    /// What it is, from its content.
    pub kind: FileKind,
    /// The name to keep, made safe to show and to download.
    pub name: String,
    /// The content, without identifying metadata.
    pub bytes: Vec<u8>,
}

/// Checks one uploaded file: not empty, at most `max_bytes`, of a kind `accept` allows as
/// shown by its content, which must agree with the content type the sender declared; then
/// strips identifying metadata. Fails with a translatable message key.
pub fn check_file(
    file_name: &str,
    declared_type: &str,
    bytes: &[u8],
    max_bytes: usize,
    accept: Accept,
) -> Result<CheckedFile, &'static str> {
    if bytes.is_empty() {
        return Err("error-file-empty");
    }
    if bytes.len() > max_bytes {
        return Err("error-file-too-large");
    }
    let kind = FileKind::sniff(bytes).ok_or(accept.refusal())?;
    if accept == Accept::Photos && !kind.is_image() {
        return Err(accept.refusal());
    }
    if FileKind::from_content_type(declared_type) != Some(kind) {
        return Err("error-file-mismatch");
    }
    let bytes = strip_metadata(kind, bytes)?;
    Ok(CheckedFile {
        kind,
        name: safe_file_name(file_name, kind),
        bytes,
    })
}

/// A file name safe to store, show and offer for download: the last part of whatever
/// path was sent, letters, digits, spaces and `-_.()` only, at most 100 characters, never
/// starting with a dot, and always ending with the extension of what the file really is
/// (so a saved download never opens as something else).
pub fn safe_file_name(sent: &str, kind: FileKind) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if matches_kind(ext, kind) => (stem, ext.to_string()),
        _ => (cleaned, kind.extension().to_string()),
    };
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if stem.is_empty() {
        default_stem(kind)
    } else {
        stem
    };
    let room = MAX_NAME.saturating_sub(ext.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    // Cutting may leave a dot or a space at the end: `photo..jpg` would not be stable.
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    format!("{stem}.{ext}")
}

/// A name that says nothing about the sender: `photo-1.jpg`, `document-2.pdf`.
pub fn plain_file_name(kind: FileKind, number: usize) -> String {
    format!("{}-{number}.{}", default_stem(kind), kind.extension())
}

fn default_stem(kind: FileKind) -> &'static str {
    if kind.is_image() {
        "photo"
    } else {
        "document"
    }
}

fn matches_kind(ext: &str, kind: FileKind) -> bool {
    let ext = ext.to_ascii_lowercase();
    match kind {
        FileKind::Jpeg => ext == "jpg" || ext == "jpeg",
        other => ext == other.extension(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\0IEND\xaeB`\x82";

    #[test]
    fn kinds_are_recognised_by_content() {
        assert_eq!(
            FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(FileKind::sniff(PNG), Some(FileKind::Png));
        assert_eq!(
            FileKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(FileKind::WebP)
        );
        assert_eq!(FileKind::sniff(b"RIFF\0\0\0\0AVI "), None);
        assert_eq!(FileKind::sniff(b"GIF89a..."), Some(FileKind::Gif));
        assert_eq!(FileKind::sniff(b"%PDF-1.7"), Some(FileKind::Pdf));
        assert_eq!(FileKind::sniff(b"<html>"), None);
        assert_eq!(FileKind::sniff(b""), None);
        assert_eq!(FileKind::sniff(&[0xFF]), None);
    }

    #[test]
    fn declared_types_are_read_leniently() {
        assert_eq!(
            FileKind::from_content_type("Image/JPEG; q=1"),
            Some(FileKind::Jpeg)
        );
        assert_eq!(
            FileKind::from_content_type("image/jpg"),
            Some(FileKind::Jpeg)
        );
        assert_eq!(FileKind::from_content_type("text/html"), None);
        assert_eq!(FileKind::from_content_type(""), None);
        for k in FileKind::ALL {
            assert_eq!(FileKind::from_content_type(k.content_type()), Some(k));
        }
    }

    #[test]
    fn every_refusal_has_its_own_message() {
        let max = 100;
        let check = |name, declared, bytes: &[u8], accept| {
            check_file(name, declared, bytes, max, accept).map(|f| f.name)
        };
        let all = Accept::PhotosAndDocuments;
        assert_eq!(
            check("a.png", "image/png", b"", all),
            Err("error-file-empty")
        );
        assert_eq!(
            check("a.png", "image/png", &[0u8; 101], all),
            Err("error-file-too-large")
        );
        assert_eq!(
            check("a.txt", "text/plain", b"hello", all),
            Err("error-file-type")
        );
        assert_eq!(
            check("a.txt", "text/plain", b"hello", Accept::Photos),
            Err("error-photo-type")
        );
        assert_eq!(
            check("a.pdf", "application/pdf", b"%PDF-1.4", Accept::Photos),
            Err("error-photo-type")
        );
        assert_eq!(
            check("a.jpg", "image/jpeg", PNG, all),
            Err("error-file-mismatch")
        );
        assert_eq!(
            check("a.jpg", "image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0, 0], all),
            Err("error-file-damaged")
        );
        assert_eq!(check("a.png", "image/png", PNG, all), Ok("a.png".into()));
        assert_eq!(
            check("notes.pdf", "application/pdf", b"%PDF-1.4", all),
            Ok("notes.pdf".into())
        );
    }

    #[test]
    fn names_are_made_safe() {
        let jpeg = FileKind::Jpeg;
        assert_eq!(safe_file_name("IMG_0042.JPG", jpeg), "IMG_0042.JPG");
        assert_eq!(safe_file_name("C:\\Users\\me\\dog.jpeg", jpeg), "dog.jpeg");
        assert_eq!(safe_file_name("../../etc/passwd", jpeg), "passwd.jpg");
        assert_eq!(
            safe_file_name("road <script>\"x\".jpg", jpeg),
            "road _script__x_.jpg"
        );
        assert_eq!(safe_file_name(".hidden.jpg", jpeg), "hidden.jpg");
        assert_eq!(safe_file_name("page.html", FileKind::Png), "page.html.png");
        assert_eq!(safe_file_name("", FileKind::Pdf), "document.pdf");
        assert_eq!(safe_file_name(" .. ", jpeg), "photo.jpg");
        assert_eq!(safe_file_name("a\u{0}b\nc.gif", FileKind::Gif), "a_b_c.gif");
        assert_eq!(
            safe_file_name("Straße été.png", FileKind::Png),
            "Straße été.png"
        );
        let long = format!("{}.jpg", "x".repeat(300));
        let name = safe_file_name(&long, jpeg);
        assert_eq!(name.chars().count(), MAX_NAME);
        assert!(name.ends_with(".jpg"));
        assert_eq!(plain_file_name(jpeg, 2), "photo-2.jpg");
    }

    #[test]
    fn names_cut_to_length_end_cleanly_and_stay_the_same() {
        // Found by fuzzing (fuzz/fuzz_targets/values.rs): the cut fell just after a dot,
        // and the name became `aaa….png` with two dots, which a second pass changed again.
        let sent = format!("{}.b.png", "a".repeat(95));
        let name = safe_file_name(&sent, FileKind::Png);
        assert_eq!(name, format!("{}.png", "a".repeat(95)));
        assert_eq!(safe_file_name(&name, FileKind::Png), name);
        let spaced = format!("{} x.png", "a".repeat(95));
        assert_eq!(
            safe_file_name(&spaced, FileKind::Png),
            format!("{}.png", "a".repeat(95))
        );
        assert_eq!(plain_file_name(FileKind::Pdf, 1), "document-1.pdf");
    }
}
