//! vCard (RFC 6350, and the 3.0 and 2.1 versions phones still write): reading and writing.
//!
//! Reading is lenient, because the files come from phones, mail programs and address-book
//! exports that each bend the standards their own way: any of the three versions in one
//! file, folded lines (and 2.1's quoted-printable soft breaks), property groups (Apple's
//! `item1.`), parameters with or without `TYPE=`, quoted or not, in any case, UTF-8 or
//! ISO-8859-1/windows-1252 text. What cannot be a contact (text outside `BEGIN:VCARD` …
//! `END:VCARD`, lines without a colon, pictures) is skipped, never refused.
//!
//! Every value read is normalized the same way (trimmed; line breaks kept only in notes), so
//! a card that was read, written and read again is the same card.
//!
//! Writing makes vCard 4.0 with CRLF line ends, lines folded at 75 octets and text escaped.

use super::Card;

/// A card larger than this (from `BEGIN` to `END`, pictures included) is refused: no phone
/// writes one, and reading it would let one entry take an import's memory.
pub const MAX_CARD_BYTES: usize = 1_000_000;

/// A card with more properties than this is refused, for the same reason.
pub const MAX_PROPERTIES: usize = 1000;

const NO_NAME: &str = "error-vcard-no-name";
const UNTERMINATED: &str = "error-vcard-unterminated";
const TOO_LARGE: &str = "error-vcard-too-large";

/// One contact read from a file, with the line its BEGIN:VCARD was on (1-based), or why it
/// could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The line of its `BEGIN:VCARD`, counting from 1.
    pub line: usize,
    /// The contact, or the message key saying why it could not be read.
    pub card: Result<Card, &'static str>,
}

/// Reads every vCard in `bytes` (a whole .vcf file, possibly many contacts).
///
/// Each `BEGIN:VCARD` gives one entry, in file order. A card that another `BEGIN:VCARD`
/// interrupts (a cut or badly joined file) is reported unterminated and the next one is
/// still read, except after an empty `AGENT` property, where vCard 2.1 nests a card.
pub fn read(bytes: &[u8]) -> Vec<Entry> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut entries = Vec::new();
    let mut open: Option<Open> = None;
    for (line, logical) in Lines::new(bytes) {
        let raw = RawLine::split(&logical);
        let marker = raw.as_ref().map_or(Marker::Other, RawLine::marker);
        let Some(card) = open.as_mut() else {
            if marker == Marker::Begin {
                open = Some(Open::new(line));
            }
            continue;
        };
        // The line's bytes and the CRLF it ended with, as a writer would count them.
        card.size = card.size.saturating_add(logical.len() + 2);
        match marker {
            Marker::Begin if card.nested > 0 || card.after_agent => {
                card.nested += 1;
                card.after_agent = false;
            }
            Marker::Begin => {
                entries.push(Entry {
                    line: card.line,
                    card: Err(UNTERMINATED),
                });
                open = Some(Open::new(line));
            }
            Marker::End if card.nested > 0 => card.nested -= 1,
            Marker::End => {
                if let Some(card) = open.take() {
                    entries.push(card.finish());
                }
            }
            Marker::Other if card.nested > 0 => {}
            Marker::Other => {
                let Some(raw) = raw else { continue };
                card.count += 1;
                card.after_agent =
                    raw.name == "AGENT" && raw.value.iter().all(u8::is_ascii_whitespace);
                if card.count <= MAX_PROPERTIES && card.size <= MAX_CARD_BYTES {
                    if let Some(p) = Property::decode(&raw) {
                        card.props.push(p);
                    }
                }
            }
        }
    }
    if let Some(card) = open {
        entries.push(Entry {
            line: card.line,
            card: Err(UNTERMINATED),
        });
    }
    entries
}

/// Writes one card as vCard 4.0 (RFC 6350): CRLF line ends, lines folded at 75 octets (never
/// inside a UTF-8 character), values escaped.
///
/// `N` holds the whole name as the given name (`N:;Amina Yusuf;;;`): splitting it would put
/// the wrong word in the family name for names written family first (Vietnamese) or without
/// a family name (Somali), while phones that show a contact from `N` rather than `FN` (iOS)
/// still show the name as written. Phones are text (`TEL;VALUE=text`, RFC 6350 §6.4.1) so they
/// stay as the person wrote them; a `tel:` URI would have to drop the spaces. The first phone,
/// email, address and language carry `PREF=1`. Empty fields are left out.
pub fn write(card: &Card, uid: &str, out: &mut String) {
    content_line(out, "BEGIN:VCARD");
    content_line(out, "VERSION:4.0");
    content_line(out, "PRODID:-//Liaison//Liaison//EN");
    let name = escape(&card.name);
    content_line(out, &format!("FN:{name}"));
    content_line(out, &format!("N:;{name};;;"));
    if !card.addressed_as.is_empty() {
        content_line(out, &format!("NICKNAME:{}", escape(&card.addressed_as)));
    }
    let preferred = |i: usize| if i == 0 { ";PREF=1" } else { "" };
    for (i, phone) in card.phones.iter().enumerate() {
        let line = format!("TEL;VALUE=text{}:{}", preferred(i), escape(phone));
        content_line(out, &line);
    }
    for (i, email) in card.emails.iter().enumerate() {
        content_line(out, &format!("EMAIL{}:{}", preferred(i), escape(email)));
    }
    for (i, address) in card.addresses.iter().enumerate() {
        // The one-line address is the street component: its parts are not known apart.
        let line = format!("ADR{}:;;{};;;;", preferred(i), escape(address));
        content_line(out, &line);
    }
    if !card.organization.is_empty() {
        content_line(out, &format!("ORG:{}", escape(&card.organization)));
    }
    if !card.title.is_empty() {
        content_line(out, &format!("TITLE:{}", escape(&card.title)));
    }
    if !card.language.is_empty() {
        content_line(out, &format!("LANG;PREF=1:{}", escape(&card.language)));
    }
    let tags: Vec<String> = card
        .tags
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| escape(t))
        .collect();
    if !tags.is_empty() {
        content_line(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    if !card.notes.is_empty() {
        content_line(out, &format!("NOTE:{}", escape(&card.notes)));
    }
    // A URI, not text: nothing to escape, but no line break may reach the file.
    let uid: String = uid.chars().filter(|c| !c.is_control()).collect();
    if !uid.is_empty() {
        content_line(out, &format!("UID:{uid}"));
    }
    content_line(out, "END:VCARD");
}

// ---------------------------------------------------------------------------------------
// Writing

/// Escapes a text value (RFC 6350 §3.4); line breaks become `\n`, other control characters,
/// which no content line may hold, are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line passes 75 octets: between characters, and
/// never between a backslash and the character it escapes, so simpler readers that unescape
/// before unfolding still read it right.
fn content_line(out: &mut String, line: &str) {
    let mut width = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let mut unit = [c, '\0'];
        let mut len = c.len_utf8();
        if c == '\\' {
            if let Some(next) = chars.next() {
                unit[1] = next;
                len += next.len_utf8();
            }
        }
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        if unit[1] != '\0' {
            out.push(unit[1]);
        }
        width += len;
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------------
// Reading: lines

/// Logical lines (unfolded) with the number of the physical line each began on.
struct Lines<'a> {
    physical: std::iter::Peekable<Physical<'a>>,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            physical: Physical {
                bytes,
                pos: 0,
                line: 0,
            }
            .peekable(),
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = (usize, Vec<u8>);

    fn next(&mut self) -> Option<Self::Item> {
        let (line, first) = self.physical.next()?;
        let mut buf = first.to_vec();
        // Whether the value is quoted-printable, known once the name part has been seen;
        // the colon is looked for only in what was added, so long lines stay linear.
        let mut scanned = 0;
        let mut qp = None;
        loop {
            if qp.is_none() {
                if let Some(i) = buf[scanned..].iter().position(|&b| b == b':') {
                    let colon = scanned + i;
                    qp = Some(contains_ignore_case(&buf[..colon], b"QUOTED-PRINTABLE"));
                } else {
                    scanned = buf.len();
                }
            }
            // A quoted-printable soft line break (2.1): `=` at the line's end joins the next
            // line as it is. A broken encoder's stray `=` must not swallow the card's end.
            if qp == Some(true) && buf.last() == Some(&b'=') {
                match self.physical.peek() {
                    Some((_, next)) if !is_end(next) => {
                        buf.pop();
                        buf.extend_from_slice(next);
                        self.physical.next();
                        continue;
                    }
                    _ => break,
                }
            }
            // Folding (all versions): a line that starts with a space or tab continues the
            // one before, without that one character.
            match self.physical.peek() {
                Some((_, next)) if matches!(next.first(), Some(b' ' | b'\t')) => {
                    buf.extend_from_slice(&next[1..]);
                    self.physical.next();
                }
                _ => break,
            }
        }
        Some((line, buf))
    }
}

fn is_end(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    t.len() == 9 && t.eq_ignore_ascii_case(b"END:VCARD")
}

/// Physical lines, ended by CRLF, LF or a lone CR (old Macintosh exports).
struct Physical<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> Iterator for Physical<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let rest = &self.bytes[self.pos..];
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let next = match rest.get(end) {
            Some(b'\r') if rest.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        self.pos += next;
        self.line += 1;
        Some((self.line, &rest[..end]))
    }
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

// ---------------------------------------------------------------------------------------
// Reading: properties

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Begin,
    End,
    Other,
}

/// One content line cut into its name (group left out, upper case), parameters and the
/// value's bytes, not yet decoded.
struct RawLine<'a> {
    name: String,
    params: Vec<(String, Vec<String>)>,
    value: &'a [u8],
}

impl<'a> RawLine<'a> {
    /// `None` for a line without a colon (a stray line of a picture, say).
    fn split(line: &'a [u8]) -> Option<Self> {
        // The first colon outside quotes (a quoted parameter may hold one); if quotes never
        // close, the first colon at all.
        let mut quoted = false;
        let mut colon = None;
        for (i, &b) in line.iter().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b':' if !quoted => {
                    colon = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let colon = colon.or_else(|| line.iter().position(|&b| b == b':'))?;
        let head = String::from_utf8_lossy(&line[..colon]);
        let mut parts = split_outside_quotes(&head, ';').into_iter();
        let full = parts.next().unwrap_or_default();
        let name = full
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_uppercase();
        let mut params = Vec::new();
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            match part.split_once('=') {
                Some((key, values)) => {
                    let values = split_outside_quotes(values, ',')
                        .iter()
                        .map(|v| param_value(v))
                        .collect();
                    params.push((key.trim().to_ascii_uppercase(), values));
                }
                // 2.1 writes a type or an encoding alone: `TEL;CELL;PREF:`,
                // `NOTE;QUOTED-PRINTABLE:`.
                None => {
                    let upper = part.to_ascii_uppercase();
                    let key = match upper.as_str() {
                        "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                        _ => "TYPE",
                    };
                    params.push((key.to_string(), vec![part.to_string()]));
                }
            }
        }
        Some(Self {
            name,
            params,
            value: &line[colon + 1..],
        })
    }

    fn marker(&self) -> Marker {
        let is_vcard = self.value.trim_ascii().eq_ignore_ascii_case(b"VCARD");
        match self.name.as_str() {
            "BEGIN" if is_vcard => Marker::Begin,
            "END" if is_vcard => Marker::End,
            _ => Marker::Other,
        }
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

/// Splits at `sep` where it is outside double quotes.
fn split_outside_quotes(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in s.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == sep && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// A parameter value without its quotes, with RFC 6868's `^n`, `^'` and `^^` decoded.
fn param_value(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .map(|v| v.strip_suffix('"').unwrap_or(v))
        .unwrap_or(v);
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('^', Some('n' | 'N')) => {
                out.push('\n');
                chars.next();
            }
            ('^', Some('\'')) => {
                out.push('"');
                chars.next();
            }
            ('^', Some('^')) => {
                out.push('^');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The properties a card is built from, read only when needed: the others are counted and
/// left alone.
const USED: [&str; 14] = [
    "FN",
    "N",
    "NICKNAME",
    "TEL",
    "EMAIL",
    "ADR",
    "LABEL",
    "ORG",
    "TITLE",
    "ROLE",
    "LANG",
    "CATEGORIES",
    "NOTE",
    "X-ANDROID-CUSTOM",
];

/// A property with its value decoded to text (still escaped).
struct Property {
    name: String,
    params: Vec<(String, Vec<String>)>,
    value: String,
    /// Lower is preferred: `PREF=n` (4.0), 1 for `TYPE=pref` (3.0, 2.1), else 101.
    pref: u32,
}

impl Property {
    fn decode(raw: &RawLine) -> Option<Self> {
        if !USED.contains(&raw.name.as_str()) {
            return None;
        }
        let encoding = raw.param("ENCODING").unwrap_or("").to_ascii_uppercase();
        let value = match encoding.as_str() {
            // Pictures and keys: nothing a contact's text needs.
            "B" | "BASE64" => return None,
            "QUOTED-PRINTABLE" => {
                decode_charset(&quoted_printable(raw.value), raw.param("CHARSET"))
            }
            _ => decode_charset(raw.value, raw.param("CHARSET")),
        };
        let has_pref_type = raw.params.iter().any(|(k, vs)| {
            k == "TYPE"
                && vs
                    .iter()
                    .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("pref")))
        });
        let pref = match raw.param("PREF").map(|p| p.trim().parse::<u32>()) {
            Some(Ok(n)) => n.min(100),
            _ if has_pref_type => 1,
            _ => 101,
        };
        Some(Self {
            name: raw.name.clone(),
            params: raw.params.clone(),
            value,
            pref,
        })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

/// Decodes `=XX` escapes; soft line breaks were joined with the lines. A `=` not followed by
/// two hex digits is kept, as decoders do.
fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
            if let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                // Two hex digits: at most 0xFF.
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Text in the property's `CHARSET`. Latin-1 is read as windows-1252, its superset (as
/// browsers do: Windows writes one and names the other). Without a charset, or when UTF-8
/// is claimed but the bytes are not, windows-1252 too: that is what Outlook and Windows
/// Contacts leave in 2.1 files.
fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let charset = charset.unwrap_or("").trim().to_ascii_uppercase();
    let latin = matches!(
        charset.as_str(),
        "ISO-8859-1"
            | "ISO8859-1"
            | "ISO_8859-1"
            | "LATIN1"
            | "LATIN-1"
            | "WINDOWS-1252"
            | "CP1252"
    );
    if latin {
        return windows_1252(bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) if matches!(charset.as_str(), "" | "UTF-8" | "UTF8" | "US-ASCII") => {
            windows_1252(bytes)
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn windows_1252(bytes: &[u8]) -> String {
    // 0x80..=0x9F; the five unassigned bytes stay the C1 controls they are in Latin-1.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

/// Splits at unescaped `sep` and unescapes each part (`\n`, `\N`, `\,`, `\;`, `\\`, and `\:`
/// some writers add). An unknown escape keeps its backslash: Windows paths in notes.
fn split_unescape(s: &str, sep: Option<char>) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(last) = parts.last_mut() else { break };
        if c == '\\' {
            match chars.peek().copied() {
                Some('n' | 'N') => last.push('\n'),
                Some(e @ (',' | ';' | '\\' | ':')) => last.push(e),
                _ => {
                    last.push('\\');
                    continue;
                }
            }
            chars.next();
        } else if Some(c) == sep {
            parts.push(String::new());
        } else {
            last.push(c);
        }
    }
    parts
}

fn unescape(s: &str) -> String {
    split_unescape(s, None).concat()
}

/// Splits a structured value at unescaped `;` into components, each a list split at `,`.
fn components(s: &str) -> Vec<Vec<String>> {
    // Split at `;` first without unescaping, then each component at `,` with unescaping.
    let mut raw = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        let Some(last) = raw.last_mut() else { break };
        match c {
            '\\' => {
                last.push(c);
                if let Some(n) = chars.next() {
                    last.push(n);
                }
            }
            ';' => raw.push(String::new()),
            c => last.push(c),
        }
    }
    raw.iter().map(|c| split_unescape(c, Some(','))).collect()
}

/// A one-line field: control characters (line breaks included) become spaces, then trimmed.
fn clean_line(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    s.trim().to_string()
}

/// Notes keep their line breaks (as `\n`) and tabs; other control characters go.
fn clean_note(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s: String = s
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    s.trim().to_string()
}

/// An address from components or lines: every non-empty part, in order, joined by ", ".
fn join_parts<'a>(parts: impl IntoIterator<Item = &'a String>) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        for line in part.split(['\n', '\r']) {
            let line = clean_line(line);
            if !line.is_empty() {
                out.push(line);
            }
        }
    }
    out.join(", ")
}

/// A phone: text, or a `tel:` URI (4.0) whose extension is kept and other parameters dropped.
/// A value marked `VALUE=text` is text even if it reads `tel:`, as RFC 6350 says.
fn phone(p: &Property) -> String {
    let v = p.value.trim();
    let text = p
        .param("VALUE")
        .is_some_and(|t| t.eq_ignore_ascii_case("text"));
    let Some(uri) = v
        .get(..4)
        .filter(|_| !text)
        .filter(|p| p.eq_ignore_ascii_case("tel:"))
        .and_then(|_| v.get(4..))
    else {
        return clean_line(&unescape(v));
    };
    let mut parts = uri.split(';');
    let number = clean_line(parts.next().unwrap_or_default());
    let ext = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("ext"))
        .map(|(_, e)| clean_line(e))
        .filter(|e| !e.is_empty());
    match ext {
        // Trimmed again: a URI may have an extension and no number.
        Some(ext) => format!("{number} ext. {ext}").trim().to_string(),
        None => number,
    }
}

// ---------------------------------------------------------------------------------------
// Reading: cards

/// A card being read.
struct Open {
    line: usize,
    props: Vec<Property>,
    count: usize,
    size: usize,
    /// Depth of 2.1 `AGENT` cards inside this one, whose lines are not this card's.
    nested: usize,
    after_agent: bool,
}

impl Open {
    fn new(line: usize) -> Self {
        Self {
            line,
            props: Vec::new(),
            count: 0,
            size: 0,
            nested: 0,
            after_agent: false,
        }
    }

    fn finish(self) -> Entry {
        let card = if self.count > MAX_PROPERTIES || self.size > MAX_CARD_BYTES {
            Err(TOO_LARGE)
        } else {
            build(self.props)
        };
        Entry {
            line: self.line,
            card,
        }
    }
}

fn build(props: Vec<Property>) -> Result<Card, &'static str> {
    // Preferred first; a stable sort keeps the file's order otherwise.
    let mut sorted: Vec<&Property> = props.iter().collect();
    sorted.sort_by_key(|p| p.pref);
    let named = |name: &'static str| sorted.iter().copied().filter(move |p| p.name == name);
    let first_line = |name: &'static str| {
        named(name)
            .map(|p| clean_line(&unescape(&p.value)))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    };
    let mut card = Card {
        name: first_line("FN"),
        ..Card::default()
    };
    if card.name.is_empty() {
        card.name = named("N")
            .map(|p| name_from_n(&p.value))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
    }
    if card.name.is_empty() {
        return Err(NO_NAME);
    }
    card.addressed_as = named("NICKNAME")
        .flat_map(|p| split_unescape(&p.value, Some(',')))
        .map(|v| clean_line(&v))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if card.addressed_as.is_empty() {
        // Android's 2.1 export has no NICKNAME: it writes
        // `X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Zo;1;;…`.
        card.addressed_as = named("X-ANDROID-CUSTOM")
            .map(|p| components(&p.value))
            .filter(|c| {
                c.first().map(|k| k.concat()).as_deref() == Some("vnd.android.cursor.item/nickname")
            })
            .filter_map(|c| c.get(1).map(|n| clean_line(&n.join(","))))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
    }
    card.phones = named("TEL").map(phone).filter(|v| !v.is_empty()).collect();
    card.emails = named("EMAIL")
        .map(|p| clean_line(&unescape(&p.value)))
        .filter(|v| !v.is_empty())
        .collect();
    card.addresses = named("ADR")
        .map(|p| {
            let parts = components(&p.value);
            let address = join_parts(parts.iter().flatten());
            if address.is_empty() {
                // 4.0 may give the whole address only as its LABEL parameter.
                p.param("LABEL")
                    .map(|l| join_parts([&l.to_string()]))
                    .unwrap_or_default()
            } else {
                address
            }
        })
        .filter(|v| !v.is_empty())
        .collect();
    if card.addresses.is_empty() {
        // 2.1 and 3.0 may give the address only as a formatted LABEL property.
        card.addresses = named("LABEL")
            .map(|p| join_parts([&unescape(&p.value)]))
            .filter(|v| !v.is_empty())
            .collect();
    }
    card.organization = named("ORG")
        .map(|p| join_parts(components(&p.value).iter().flatten()))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    card.title = first_line("TITLE");
    if card.title.is_empty() {
        card.title = first_line("ROLE");
    }
    card.language = first_line("LANG");
    // Tags and notes in the file's order: a preference means nothing for them.
    for p in props.iter().filter(|p| p.name == "CATEGORIES") {
        for tag in split_unescape(&p.value, Some(',')) {
            let tag = clean_line(&tag);
            // Google writes its own group of every contact, `myContacts`, into each card.
            if !tag.is_empty() && tag != "myContacts" && !card.tags.contains(&tag) {
                card.tags.push(tag);
            }
        }
    }
    let notes: Vec<String> = props
        .iter()
        .filter(|p| p.name == "NOTE")
        .map(|p| clean_note(&unescape(&p.value)))
        .filter(|v| !v.is_empty())
        .collect();
    card.notes = notes.join("\n");
    Ok(card)
}

/// The name in natural order from `N` (family; given; additional; prefixes; suffixes):
/// "Dr. Amina J. Yusuf, PhD". Only used without `FN`, which every exporter here writes.
fn name_from_n(value: &str) -> String {
    let parts = components(value);
    let part = |i: usize| {
        parts
            .get(i)
            .map(|list| {
                list.iter()
                    .map(|v| clean_line(v))
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let words: Vec<String> = [part(3), part(1), part(2), part(0)]
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect();
    let name = words.join(" ");
    match (part(4), name.is_empty()) {
        (suffix, _) if suffix.is_empty() => name,
        (suffix, true) => suffix,
        (suffix, false) => format!("{name}, {suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &str) -> Vec<(usize, Result<Card, &'static str>)> {
        read(text.as_bytes())
            .into_iter()
            .map(|e| (e.line, e.card))
            .collect()
    }

    fn named(name: &str) -> Card {
        Card {
            name: name.into(),
            ..Card::default()
        }
    }

    #[test]
    fn errors_name_the_line_and_the_next_card_is_still_read() {
        let file = "junk before\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n\
                    BEGIN:VCARD\nN:;;;;\nEND:VCARD\nEND:VCARD\n\
                    begin:vcard\nfn:Last\n";
        assert_eq!(
            cards(file),
            vec![
                (2, Err(UNTERMINATED)),
                (5, Err(NO_NAME)),
                (9, Err(UNTERMINATED)),
            ]
        );
        assert!(read(b"").is_empty());
        assert!(read(b"END:VCARD\nFN:nobody\n").is_empty());
    }

    #[test]
    fn a_2_1_agent_card_nests_and_is_not_the_contact() {
        let file = "BEGIN:VCARD\nVERSION:2.1\nFN:Amina Yusuf\nAGENT:\nBEGIN:VCARD\n\
                    VERSION:2.1\nFN:Her Assistant\nTEL:+254 700 000000\nEND:VCARD\n\
                    TEL:+254 712 345678\nEND:VCARD\n";
        let mut amina = named("Amina Yusuf");
        amina.phones = vec!["+254 712 345678".into()];
        assert_eq!(cards(file), vec![(1, Ok(amina))]);
    }

    #[test]
    fn too_large_cards_are_refused_and_the_file_goes_on() {
        let mut file = String::from("BEGIN:VCARD\r\nFN:Many\r\n");
        for _ in 0..MAX_PROPERTIES {
            file.push_str("X-A:1\r\n");
        }
        file.push_str("END:VCARD\r\nBEGIN:VCARD\r\nFN:Big\r\nNOTE:");
        file.push_str(&"a".repeat(MAX_CARD_BYTES));
        file.push_str("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Fine\r\nEND:VCARD\r\n");
        let line = MAX_PROPERTIES + 4;
        assert_eq!(
            cards(&file),
            vec![
                (1, Err(TOO_LARGE)),
                (line, Err(TOO_LARGE)),
                (line + 4, Ok(named("Fine"))),
            ]
        );
    }

    #[test]
    fn bom_line_ends_groups_and_parameters() {
        let file = "\u{FEFF}BEGIN:VCARD\rVERSION:4.0\rFN:Mac\r\n intosh\rEND:VCARD\r";
        assert_eq!(cards(file), vec![(1, Ok(named("Macintosh")))]);
        let file = "BEGIN:VCARD\n\
                    item1.Fn;Language=\"en\";X-NOTE=\"a:b;c\":Amina\n\
                    TEL;PREF=2;TYPE=\"cell,voice\":2\n\
                    tel;type=HOME,pref:1\n\
                    TEL;VALUE=uri;PREF=3:tel:+1-555-0100;phone-context=x;ext=7\n\
                    TEL;TYPE=cell:\n\
                    TEL;VALUE=TEXT:tel:typed\\;as text\n\
                    TEL;VALUE=uri:tel:;ext=9\n\
                    END:VCARD\n";
        let mut amina = named("Amina");
        amina.phones = [
            "1",
            "2",
            "+1-555-0100 ext. 7",
            "tel:typed;as text",
            "ext. 9",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(cards(file), vec![(1, Ok(amina))]);
    }

    #[test]
    fn quoted_printable_and_charsets() {
        // Bare `QUOTED-PRINTABLE`, a soft break inside a character, ISO-8859-1, and a broken
        // encoder's trailing `=` that must not eat the card's end.
        let file = b"BEGIN:VCARD\r\nVERSION:2.1\r\n\
                     FN;QUOTED-PRINTABLE;CHARSET=UTF-8:Zo=C3=\r\n=AB\r\n\
                     ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 =3D=\r\n Bar\r\n\
                     TITLE;CHARSET=ISO-8859-1:Ch\xe9f\r\n\
                     NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab=\r\nEND:VCARD\r\n";
        let card = Card {
            name: "Zoë".into(),
            organization: "Café = Bar".into(),
            title: "Chéf".into(),
            notes: "a\nb=".into(),
            ..Card::default()
        };
        assert_eq!(read(file)[0].card, Ok(card));
        // UTF-8 as the file claims, or windows-1252 when the bytes cannot be UTF-8.
        let file = b"BEGIN:VCARD\nFN:J\xfcrgen \x80\nEND:VCARD\nBEGIN:VCARD\nFN:J\xc3\xbcrgen\nEND:VCARD\n";
        let names: Vec<_> = read(file)
            .into_iter()
            .map(|e| e.card.map(|c| c.name))
            .collect();
        assert_eq!(names, vec![Ok("Jürgen €".into()), Ok("Jürgen".into())]);
    }

    #[test]
    fn base64_values_are_skipped() {
        let file = "BEGIN:VCARD\nFN:A\nNOTE;ENCODING=b:aGVsbG8=\nPHOTO;ENCODING=BASE64;JPEG:/9j/\n\
                    AAAA\n\nNOTE:kept\nEND:VCARD\n";
        let mut card = named("A");
        card.notes = "kept".into();
        assert_eq!(cards(file), vec![(1, Ok(card))]);
    }

    #[test]
    fn names_from_n_and_escapes() {
        let n = |v: &str| name_from_n(v);
        assert_eq!(
            n("Public;John;Quinlan;Mr.;Esq."),
            "Mr. John Quinlan Public, Esq."
        );
        assert_eq!(
            n("Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P."),
            "Dr. John Philip Paul Stevenson, Jr. M.D. A.C.P."
        );
        assert_eq!(n(";;;;PhD"), "PhD");
        assert_eq!(n("Yusuf"), "Yusuf");
        assert_eq!(unescape(r"a\,b\;c\\d\ne\Nf\:g\x\"), "a,b;c\\d\ne\nf:g\\x\\");
        assert_eq!(
            components(r"a\;b;c,d\,e;"),
            vec![
                vec!["a;b".to_string()],
                vec!["c".to_string(), "d,e".to_string()],
                vec![String::new()],
            ]
        );
    }

    #[test]
    fn folding_keeps_characters_and_escapes_whole() {
        let mut out = String::new();
        content_line(&mut out, &format!("NOTE:{}", "ü\\n".repeat(40)));
        for line in out.trim_end().split("\r\n") {
            assert!(line.len() <= 75);
            assert!(!line.ends_with('\\'), "{line}");
        }
        let mut out = String::new();
        write(&named("\u{0}Amina\u{7}"), "a\r\nb", &mut out);
        assert!(out.contains("\r\nFN:Amina\r\n") && out.contains("\r\nUID:ab\r\n"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd: [&[u8]; 10] = [
            b"BEGIN:VCARD\nFN",
            b"BEGIN:VCARD\nFN;\"::\"\nEND:VCARD",
            b"BEGIN:VCARD\n=\n \n\t\nEND:VCARD",
            b"BEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:=\n",
            b"BEGIN:VCARD\nN:\\\nFN:=F\nEND:VCARD\n",
            b"BEGIN:VCARD\nTEL:tel:\nTEL:TEL:;ext=\nADR;LABEL=^:;\nEND:VCARD",
            b"\xff\xfe\x00B\x00E",
            b"BEGIN:VCARD\r\r\n\n\rEND:VCARD",
            b"BEGIN:VCARD\nFN;CHARSET=SHIFT_JIS:\x82\xa0\nEND:VCARD",
            b"BEGIN:VCARD\nX-ANDROID-CUSTOM:vnd.android.cursor.item/nickname\nFN:a\nEND:VCARD",
        ];
        for bytes in odd {
            for entry in read(bytes) {
                if let Ok(card) = entry.card {
                    let mut out = String::new();
                    write(&card, "", &mut out);
                    assert_eq!(read(out.as_bytes())[0].card, Ok(card));
                }
            }
        }
    }
}
