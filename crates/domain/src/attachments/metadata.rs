//! Taking identifying metadata out of images: GPS positions, camera serial numbers, owner
//! names, dates and free-text comments. Residents may report anonymously, and a photo's
//! Exif block can say where they stood and with which phone.
//!
//! Each format is walked structure by structure and rebuilt from the parts that draw the
//! picture. Input comes from anyone: every length is checked against what is left, nothing
//! here indexes without a bound, and a file that does not parse is refused rather than
//! stored with its metadata.

use super::FileKind;

/// The message key for a file whose structure does not hold together.
const DAMAGED: &str = "error-file-damaged";

type Cleaned = Result<Vec<u8>, &'static str>;

/// The file without identifying metadata, or `error-file-damaged` when its structure is
/// broken. PDF documents are returned unchanged: their properties cannot be removed
/// without rewriting them, which is why residents may send photos only.
pub fn strip_metadata(kind: FileKind, bytes: &[u8]) -> Cleaned {
    match kind {
        FileKind::Jpeg => jpeg(bytes),
        FileKind::Png => png(bytes),
        FileKind::WebP => webp(bytes),
        FileKind::Gif => gif(bytes),
        FileKind::Pdf => Ok(bytes.to_vec()),
    }
}

/// `bytes[from..from + len]`, or damaged when it runs past the end.
fn slice(bytes: &[u8], from: usize, len: usize) -> Result<&[u8], &'static str> {
    let end = from.checked_add(len).ok_or(DAMAGED)?;
    bytes.get(from..end).ok_or(DAMAGED)
}

fn byte(bytes: &[u8], at: usize) -> Result<u8, &'static str> {
    bytes.get(at).copied().ok_or(DAMAGED)
}

// ---------------------------------------------------------------------------------------
// JPEG: a sequence of segments `FF code [length data]`; after a start-of-scan segment,
// compressed data runs until the next marker.

/// Keeps what draws the picture (tables, frames, scans), the JFIF header, colour profiles
/// (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14); drops Exif and XMP (APP1),
/// every other application segment (IPTC, maker notes…), comments, and anything after the
/// end of the image. The picture's orientation is the one Exif value kept, in a minimal
/// Exif block of its own, so photos taken sideways still show upright.
fn jpeg(b: &[u8]) -> Cleaned {
    if b.get(..2) != Some(&[0xFF, 0xD8][..]) {
        return Err(DAMAGED);
    }
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut orientation = None;
    let mut i = 2;
    loop {
        let at = marker(b, i)?;
        let code = b[at];
        // The segment, fill bytes included, so a clean file comes out byte for byte.
        let start = i;
        match code {
            0xD9 => {
                parts.push(&b[start..=at]);
                break;
            }
            0x01 | 0xD0..=0xD7 => {
                parts.push(&b[start..=at]);
                i = at + 1;
                continue;
            }
            0x00 | 0xD8 => return Err(DAMAGED),
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([byte(b, at + 1)?, byte(b, at + 2)?]));
        if len < 2 {
            return Err(DAMAGED);
        }
        let data = slice(b, at + 3, len - 2)?;
        let end = at + 1 + len;
        let keep = match code {
            0xE0 => data.starts_with(b"JFIF\0"),
            0xE1 => {
                if let Some(tiff) = data.strip_prefix(b"Exif\0\0") {
                    orientation = orientation.or_else(|| exif_orientation(tiff));
                }
                false
            }
            0xE2 => data.starts_with(b"ICC_PROFILE\0"),
            0xEE => data.starts_with(b"Adobe"),
            0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            parts.push(&b[start..end]);
        }
        i = end;
        if code == 0xDA {
            let scan_end = scan(b, i)?;
            parts.push(&b[i..scan_end]);
            i = scan_end;
        }
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    // The orientation block goes right after the JFIF header, where readers look for Exif.
    let jfif_first = parts
        .first()
        .is_some_and(|p| p.iter().find(|&&x| x != 0xFF) == Some(&0xE0));
    let split = usize::from(jfif_first);
    for p in &parts[..split] {
        out.extend_from_slice(p);
    }
    if let Some(o) = orientation.filter(|o| *o != 1) {
        out.extend_from_slice(&orientation_segment(o));
    }
    for p in &parts[split..] {
        out.extend_from_slice(p);
    }
    Ok(out)
}

/// The index of the code byte of the marker starting at `i` (after any fill bytes `FF`).
fn marker(b: &[u8], i: usize) -> Result<usize, &'static str> {
    if b.get(i) != Some(&0xFF) {
        return Err(DAMAGED);
    }
    let mut at = i;
    while b.get(at) == Some(&0xFF) {
        at += 1;
    }
    if at >= b.len() {
        return Err(DAMAGED);
    }
    Ok(at)
}

/// Where the compressed data that starts at `i` ends: at the first marker that is neither a
/// stuffed zero (`FF 00`) nor a restart marker (`FF D0`–`FF D7`).
fn scan(b: &[u8], i: usize) -> Result<usize, &'static str> {
    let mut j = i;
    loop {
        let ff = j + b
            .get(j..)
            .ok_or(DAMAGED)?
            .iter()
            .position(|&x| x == 0xFF)
            .ok_or(DAMAGED)?;
        let mut code = ff + 1;
        while b.get(code) == Some(&0xFF) {
            code += 1;
        }
        match b.get(code) {
            None => return Err(DAMAGED),
            Some(0x00 | 0xD0..=0xD7) => j = code + 1,
            Some(_) => return Ok(ff),
        }
    }
}

/// The orientation (1–8) in an Exif block's TIFF structure, if it has a valid one.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let s = tiff.get(at..at.checked_add(2)?)?;
        let pair = [s[0], s[1]];
        Some(if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s = tiff.get(at..at.checked_add(4)?)?;
        let quad = [s[0], s[1], s[2], s[3]];
        Some(if big_endian {
            u32::from_be_bytes(quad)
        } else {
            u32::from_le_bytes(quad)
        })
    };
    if u16_at(2)? != 42 {
        return None;
    }
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for n in 0..count {
        let entry = ifd.checked_add(2)?.checked_add(n.checked_mul(12)?)?;
        if u16_at(entry)? == 0x0112 {
            // Type 3 is SHORT; its value sits at the start of the entry's value field.
            let value = u16_at(entry.checked_add(8)?)?;
            let short = u16_at(entry.checked_add(2)?)? == 3;
            return (short && (1..=8).contains(&value)).then_some(value);
        }
    }
    None
}

/// An APP1 segment holding an Exif block with the orientation and nothing else.
fn orientation_segment(orientation: u16) -> Vec<u8> {
    let mut s = vec![0xFF, 0xE1, 0x00, 34];
    s.extend_from_slice(b"Exif\0\0");
    // Big-endian TIFF header, first directory at offset 8.
    s.extend_from_slice(b"MM\0\x2A\0\0\0\x08");
    // One entry: tag 0x0112, type SHORT, count 1, the value, then no next directory.
    s.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    s.extend_from_slice(&orientation.to_be_bytes());
    s.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    s
}

// ---------------------------------------------------------------------------------------
// PNG: a signature, then chunks `length type data crc` up to IEND.

/// Drops Exif (`eXIf`), text (`tEXt`, `zTXt`, `iTXt`) and the modification time (`tIME`),
/// and anything after `IEND`.
fn png(b: &[u8]) -> Cleaned {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !b.starts_with(SIGNATURE) {
        return Err(DAMAGED);
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = SIGNATURE.len();
    loop {
        let len = slice(b, i, 4)?;
        let len = usize::try_from(u32::from_be_bytes([len[0], len[1], len[2], len[3]]))
            .map_err(|_| DAMAGED)?;
        let kind = slice(b, i + 4, 4)?;
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(DAMAGED);
        }
        let total = len.checked_add(12).ok_or(DAMAGED)?;
        let chunk = slice(b, i, total)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i += total;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

// ---------------------------------------------------------------------------------------
// WebP: a RIFF container of chunks `fourcc size data [pad]`.

/// Drops the `EXIF` and `XMP ` chunks, clears their flags in the `VP8X` header, and
/// drops anything after the container.
fn webp(b: &[u8]) -> Cleaned {
    let header = slice(b, 0, 12)?;
    if &header[..4] != b"RIFF" || &header[8..] != b"WEBP" {
        return Err(DAMAGED);
    }
    let size = usize::try_from(u32::from_le_bytes([
        header[4], header[5], header[6], header[7],
    ]))
    .map_err(|_| DAMAGED)?;
    let end = size.checked_add(8).ok_or(DAMAGED)?;
    let body = b.get(..end).ok_or(DAMAGED)?;
    let mut out = Vec::with_capacity(end);
    out.extend_from_slice(header);
    let mut i = 12;
    while i < end {
        let head = slice(body, i, 8)?;
        let fourcc = &head[..4];
        let len = usize::try_from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]))
            .map_err(|_| DAMAGED)?;
        // Chunks are padded to an even length; the padding of the last may be missing.
        let padded = len.checked_add(len & 1).ok_or(DAMAGED)?;
        let data_end = (i + 8).checked_add(len).ok_or(DAMAGED)?;
        if data_end > end {
            return Err(DAMAGED);
        }
        let chunk_end = (i + 8 + padded).min(end);
        match fourcc {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let start = out.len();
                out.extend_from_slice(&body[i..chunk_end]);
                // Flags byte: ICC, alpha, Exif (0x08), XMP (0x04), animation.
                if let Some(flags) = out.get_mut(start + 8) {
                    *flags &= !0x0C;
                }
            }
            _ => out.extend_from_slice(&body[i..chunk_end]),
        }
        i = chunk_end;
    }
    let riff_size = u32::try_from(out.len() - 8).map_err(|_| DAMAGED)?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// GIF: a header and screen descriptor, then extension and image blocks up to the trailer.

/// Drops comment extensions and application extensions other than the animation loop
/// (`NETSCAPE2.0`, `ANIMEXTS1.0`): XMP travels in one of those. Anything after the trailer
/// goes too.
fn gif(b: &[u8]) -> Cleaned {
    let screen = slice(b, 0, 13)?;
    if !(screen.starts_with(b"GIF87a") || screen.starts_with(b"GIF89a")) {
        return Err(DAMAGED);
    }
    let mut i = 13 + color_table(screen[10]);
    slice(b, 0, i)?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..i]);
    loop {
        match byte(b, i)? {
            0x3B => {
                out.push(0x3B);
                return Ok(out);
            }
            0x21 => {
                let label = byte(b, i + 1)?;
                let end = sub_blocks(b, i + 2)?;
                let keep = match label {
                    0xFE => false,
                    0xFF => {
                        let first = slice(b, i + 2, 12)?;
                        first[0] == 11 && matches!(&first[1..], b"NETSCAPE2.0" | b"ANIMEXTS1.0")
                    }
                    _ => true,
                };
                if keep {
                    out.extend_from_slice(&b[i..end]);
                }
                i = end;
            }
            0x2C => {
                let descriptor = slice(b, i, 10)?;
                // The descriptor, its local colour table, the LZW code size, the data.
                let data = i + 10 + color_table(descriptor[9]) + 1;
                let end = sub_blocks(b, data)?;
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            _ => return Err(DAMAGED),
        }
    }
}

/// The size of the colour table a packed flags byte announces.
fn color_table(flags: u8) -> usize {
    if flags & 0x80 == 0 {
        0
    } else {
        3 << ((flags & 0x07) + 1)
    }
}

/// Where a run of data sub-blocks (`size data…`, ending with size 0) starting at `i` ends.
fn sub_blocks(b: &[u8], mut i: usize) -> Result<usize, &'static str> {
    loop {
        let size = usize::from(byte(b, i)?);
        i += 1;
        if size == 0 {
            return Ok(i);
        }
        slice(b, i, size)?;
        i += size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG segment with `code` and `data`.
    fn segment(code: u8, data: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, code];
        s.extend_from_slice(&u16::try_from(data.len() + 2).unwrap_or(0).to_be_bytes());
        s.extend_from_slice(data);
        s
    }

    /// An Exif block (little-endian TIFF) with an orientation and a GPS directory.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut t = b"Exif\0\0II\x2A\0\x08\0\0\0".to_vec();
        t.extend_from_slice(&[2, 0]);
        t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0]);
        t.extend_from_slice(&orientation.to_le_bytes());
        t.extend_from_slice(&[0, 0]);
        // GPS directory pointer, then the directory itself with a latitude reference.
        t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(&[1, 0, 1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0, 0, 0, 0, 0]);
        t.extend_from_slice(b"GPS 51.5N 0.12W");
        t
    }

    /// The parts of a small JPEG that draw it: tables, frame, one scan with stuffed and
    /// restart bytes, end of image.
    fn picture() -> Vec<u8> {
        let mut p = segment(0xDB, &[0; 65]);
        p.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        p.extend(segment(0xC4, &[0; 20]));
        p.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        p.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9]);
        p
    }

    fn jfif() -> Vec<u8> {
        segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")
    }

    #[test]
    fn jpeg_loses_exif_xmp_iptc_and_comments_but_keeps_the_picture() {
        let mut clean = vec![0xFF, 0xD8];
        clean.extend(jfif());
        clean.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01abc"));
        clean.extend(picture());
        let mut dirty = vec![0xFF, 0xD8];
        dirty.extend(jfif());
        dirty.extend(segment(0xE1, &exif(1)));
        dirty.extend(segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>",
        ));
        dirty.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01abc"));
        dirty.extend(segment(0xED, b"Photoshop 3.0\0IPTC byline: Jane"));
        dirty.extend(segment(0xFE, b"taken by Jane at home"));
        // The picture without its end (a fill byte and the end-of-image marker)…
        let pic = picture();
        dirty.extend_from_slice(&pic[..pic.len() - 3]);
        // …then metadata after the scan, the end, and a trailer some phones append.
        dirty.extend(segment(0xFE, b"late comment"));
        dirty.extend_from_slice(&[0xFF, 0xD9]);
        dirty.extend_from_slice(b"SEFH trailer with a serial number");
        let out = strip_metadata(FileKind::Jpeg, &dirty).expect("clean");
        let mut want = clean.clone();
        want.truncate(want.len() - 3);
        want.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(out, want);
        assert_eq!(strip_metadata(FileKind::Jpeg, &clean), Ok(clean));
    }

    #[test]
    fn jpeg_keeps_the_orientation_and_nothing_else_of_exif() {
        let mut dirty = vec![0xFF, 0xD8];
        dirty.extend(jfif());
        dirty.extend(segment(0xE1, &exif(6)));
        dirty.extend(picture());
        let out = strip_metadata(FileKind::Jpeg, &dirty).expect("clean");
        let mut want = vec![0xFF, 0xD8];
        want.extend(jfif());
        want.extend(orientation_segment(6));
        want.extend(picture());
        assert_eq!(out, want);
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert_eq!(exif_orientation(&orientation_segment(6)[10..]), Some(6));
        // Without a JFIF header the block comes first.
        let mut bare = vec![0xFF, 0xD8];
        bare.extend(segment(0xE1, &exif(3)));
        bare.extend(picture());
        let out = strip_metadata(FileKind::Jpeg, &bare).expect("clean");
        assert_eq!(&out[2..4], &[0xFF, 0xE1]);
        assert_eq!(exif_orientation(&out[12..]), Some(3));
    }

    #[test]
    fn broken_jpegs_are_refused_without_panicking() {
        let mut whole = vec![0xFF, 0xD8];
        whole.extend(jfif());
        whole.extend(segment(0xE1, &exif(6)));
        whole.extend(picture());
        assert!(strip_metadata(FileKind::Jpeg, &whole).is_ok());
        // Every truncation, and every single-byte change, ends in a result, never a panic.
        for n in 0..whole.len() {
            assert_eq!(strip_metadata(FileKind::Jpeg, &whole[..n]), Err(DAMAGED));
            for v in [0x00, 0x01, 0xD8, 0xD9, 0xDA, 0xE1, 0xFF] {
                let mut changed = whole.clone();
                changed[n] = v;
                let _ = strip_metadata(FileKind::Jpeg, &changed);
            }
        }
        assert_eq!(
            strip_metadata(FileKind::Jpeg, &[0xFF, 0xD8, 0xFF, 0xE1, 0, 1]),
            Err(DAMAGED)
        );
        // Exif directories pointing anywhere are read safely.
        for bad in [
            &b"MM\0\x2A\xFF\xFF\xFF\xFF"[..],
            b"II\x2A\0\x08\0\0\0\xFF\xFF",
            b"XX",
            b"",
        ] {
            assert_eq!(exif_orientation(bad), None);
        }
    }

    /// A PNG chunk (the checksum is not checked, so any will do).
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = u32::try_from(data.len())
            .unwrap_or(0)
            .to_be_bytes()
            .to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[1, 2, 3, 4]);
        c
    }

    #[test]
    fn png_loses_text_exif_and_time() {
        let sig = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut clean = sig.clone();
        clean.extend(chunk(b"IHDR", &[0; 13]));
        clean.extend(chunk(b"IDAT", b"pixels"));
        clean.extend(chunk(b"IEND", b""));
        let mut dirty = sig;
        dirty.extend(chunk(b"IHDR", &[0; 13]));
        dirty.extend(chunk(b"eXIf", b"MM\0*GPS"));
        dirty.extend(chunk(b"tEXt", b"Author\0Jane"));
        dirty.extend(chunk(b"zTXt", b"Comment\0\0x"));
        dirty.extend(chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x/>"));
        dirty.extend(chunk(b"tIME", &[7, 234, 1, 1, 0, 0, 0]));
        dirty.extend(chunk(b"IDAT", b"pixels"));
        dirty.extend(chunk(b"IEND", b""));
        dirty.extend_from_slice(b"appended");
        assert_eq!(strip_metadata(FileKind::Png, &dirty), Ok(clean.clone()));
        for n in 0..clean.len() {
            assert_eq!(strip_metadata(FileKind::Png, &clean[..n]), Err(DAMAGED));
        }
        let mut huge = clean[..8].to_vec();
        huge.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, b'I', b'D', b'A', b'T']);
        assert_eq!(strip_metadata(FileKind::Png, &huge), Err(DAMAGED));
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut r = b"RIFF".to_vec();
        r.extend_from_slice(&u32::try_from(body.len() + 4).unwrap_or(0).to_le_bytes());
        r.extend_from_slice(b"WEBP");
        r.extend(body);
        r
    }

    fn webp_chunk(fourcc: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = fourcc.to_vec();
        c.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    #[test]
    fn webp_loses_exif_and_xmp() {
        let vp8x = |flags: u8| webp_chunk(b"VP8X", &[flags, 0, 0, 0, 9, 0, 0, 9, 0, 0]);
        let image = webp_chunk(b"VP8 ", b"odd");
        let dirty = riff(&[
            vp8x(0x0C | 0x10),
            image.clone(),
            webp_chunk(b"EXIF", b"MM\0*GPS"),
            webp_chunk(b"XMP ", b"<x:xmpmeta/>"),
        ]);
        let clean = riff(&[vp8x(0x10), image]);
        assert_eq!(strip_metadata(FileKind::WebP, &dirty), Ok(clean.clone()));
        for n in 0..clean.len() {
            let _ = strip_metadata(FileKind::WebP, &clean[..n]);
        }
        assert_eq!(strip_metadata(FileKind::WebP, &clean[..20]), Err(DAMAGED));
    }

    #[test]
    fn gif_loses_comments_and_xmp_but_keeps_animation() {
        let head = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff".to_vec();
        let looping = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0".to_vec();
        let image = b"\x2c\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0".to_vec();
        let mut clean = head.clone();
        clean.extend(&looping);
        clean.extend(&image);
        clean.push(0x3B);
        let mut dirty = head;
        dirty.extend(b"\x21\xfe\x0dJane was here\0");
        dirty.extend(&looping);
        dirty.extend(b"\x21\xff\x0bXMP DataXMP\x04<x/>\0");
        dirty.extend(&image);
        dirty.extend(b"\x3Btrailing");
        assert_eq!(strip_metadata(FileKind::Gif, &dirty), Ok(clean.clone()));
        for n in 0..clean.len() {
            assert_eq!(strip_metadata(FileKind::Gif, &clean[..n]), Err(DAMAGED));
        }
    }

    #[test]
    fn documents_pass_unchanged_and_nothing_panics_on_noise() {
        assert_eq!(
            strip_metadata(FileKind::Pdf, b"%PDF-1.7 x"),
            Ok(b"%PDF-1.7 x".to_vec())
        );
        // A cheap deterministic noise generator: every kind meets garbage after its magic.
        let mut seed = 0x2545_F491_u32;
        for round in 0..2000 {
            let len = round % 97;
            let mut noise = Vec::with_capacity(len + 16);
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                noise.push((seed & 0xFF) as u8);
            }
            for (kind, magic) in [
                (FileKind::Jpeg, &b"\xFF\xD8\xFF"[..]),
                (FileKind::Png, b"\x89PNG\r\n\x1a\n"),
                (FileKind::WebP, b"RIFF\x40\0\0\0WEBP"),
                (FileKind::Gif, b"GIF89a"),
            ] {
                let mut b = magic.to_vec();
                b.extend_from_slice(&noise);
                let _ = strip_metadata(kind, &b);
            }
        }
    }
}
