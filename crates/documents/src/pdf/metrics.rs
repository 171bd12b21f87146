//! Text in the standard Helvetica fonts: characters to WinAnsiEncoding bytes, and their
//! widths from Adobe's font metrics (AFM) for Helvetica and Helvetica-Bold, so text is
//! measured as readers draw it.

/// A standard font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

/// The byte written for a character outside WinAnsiEncoding.
const MISSING: u8 = b'?';

/// The ellipsis, "…", in WinAnsiEncoding.
pub(crate) const ELLIPSIS: u8 = 0x85;

/// A character in WinAnsiEncoding (Windows code page 1252), or `?`.
pub(crate) fn encode_char(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
        '\t' | '\n' | '\r' => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201c}' => 0x93,
        '\u{201d}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => MISSING,
    }
}

/// A text in WinAnsiEncoding.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    text.chars().map(encode_char).collect()
}

/// The width of WinAnsi-encoded text at `size` points.
pub(crate) fn width(font: Font, bytes: &[u8], size: f32) -> f32 {
    let table = match font {
        Font::Regular => &REGULAR,
        Font::Bold => &BOLD,
    };
    let units: u32 = bytes
        .iter()
        .map(|&b| u32::from(table[usize::from(b.max(32) - 32)]))
        .sum();
    units as f32 * size / 1000.0
}

/// The text, encoded, cut short with "…" so that it is at most `max` points wide.
pub(crate) fn fit(font: Font, text: &str, size: f32, max: f32) -> Vec<u8> {
    let mut bytes = encode(text);
    if width(font, &bytes, size) <= max {
        return bytes;
    }
    let room = max - width(font, &[ELLIPSIS], size);
    let mut used = 0.0;
    let keep = bytes
        .iter()
        .take_while(|&&b| {
            used += width(font, &[b], size);
            used <= room
        })
        .count();
    bytes.truncate(keep);
    while bytes.last() == Some(&b' ') {
        bytes.pop();
    }
    if room >= 0.0 {
        bytes.push(ELLIPSIS);
    }
    bytes
}

/// The text broken into at most `limit` lines at most `max` points wide, at spaces; a word
/// longer than a line, or the text left for the last line, is cut short with "…".
pub(crate) fn wrap(font: Font, text: &str, size: f32, max: f32, limit: usize) -> Vec<Vec<u8>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if limit <= 1 {
        return vec![fit(font, &words.join(" "), size, max)];
    }
    let space = width(font, b" ", size);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut used = 0.0;
    for (i, word) in words.iter().enumerate() {
        let word = fit(font, word, size, max);
        let w = width(font, &word, size);
        if !line.is_empty() && used + space + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
            if lines.len() + 1 == limit {
                lines.push(fit(font, &words[i..].join(" "), size, max));
                return lines;
            }
        }
        if !line.is_empty() {
            line.push(b' ');
            used += space;
        }
        line.extend_from_slice(&word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Helvetica's advance widths, in thousandths of the font size, of WinAnsiEncoding's
/// codes 32 to 255 (Adobe's AFM metrics; the codes WinAnsiEncoding leaves undefined, never
/// written here, count as a space).
#[rustfmt::skip]
static REGULAR: [u16; 224] = [
    // 0x20
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 0x40
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    // 0x50
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 0x60
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    // 0x70
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 278,
    // 0x80
    556, 278, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278,
    // 0x90
    278, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 278, 500, 667,
    // 0xa0
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xb0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xc0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xd0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xe0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xf0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold's advance widths, as [`REGULAR`].
#[rustfmt::skip]
static BOLD: [u16; 224] = [
    // 0x20
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 0x40
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    // 0x50
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 0x60
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    // 0x70
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 278,
    // 0x80
    556, 278, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278,
    // 0x90
    278, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 278, 500, 667,
    // 0xa0
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xb0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xc0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xd0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xe0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xf0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_helveticas() {
        // "Hello": H 722, e 556, l 222, l 222, o 556 in Helvetica.
        assert_eq!(width(Font::Regular, b"Hello", 10.0), 22.78);
        // The same in Helvetica-Bold: 722 + 556 + 278 + 278 + 611.
        assert_eq!(width(Font::Bold, b"Hello", 10.0), 24.45);
        // Accented a, e, o, u are as wide as their base letters; í is dotless i's 278.
        assert_eq!(
            width(Font::Regular, &encode("Más né ó ú"), 1000.0),
            width(Font::Regular, b"Mas ne o u", 1000.0)
        );
        // C 722, a 556, t 278, e 556, g 556, o 556, r 333, í 278, a 556.
        assert_eq!(width(Font::Regular, &encode("Categoría"), 1000.0), 4391.0);
    }

    #[test]
    fn encodes_winansi() {
        assert_eq!(encode("Más née"), b"M\xe1s n\xe9e".to_vec());
        assert_eq!(
            encode("œuvre – “x” €"),
            b"\x9cuvre \x96 \x93x\x94 \x80".to_vec()
        );
        assert_eq!(encode("Ωжあ"), b"???".to_vec());
    }

    #[test]
    fn long_text_is_cut_short_to_fit() {
        let text = "A category with a very long name indeed";
        let cut = fit(Font::Regular, text, 10.0, 60.0);
        assert!(width(Font::Regular, &cut, 10.0) <= 60.0);
        assert_eq!(cut.last(), Some(&ELLIPSIS));
        assert_eq!(fit(Font::Regular, "Short", 10.0, 60.0), b"Short".to_vec());
        let lines = wrap(Font::Bold, "Acknowledged within target", 9.0, 60.0, 3);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(Font::Bold, l, 9.0) <= 60.0));
        let words = "one two three four five six seven eight nine ten";
        let two = wrap(Font::Regular, words, 9.0, 40.0, 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].last(), Some(&ELLIPSIS));
    }
}
