//! CSV files of contacts: reading what spreadsheets and address books export, and writing.
//!
//! [`read`] turns a file's bytes into a [`Table`] (encoding and delimiter found from the
//! bytes, RFC 4180 quoting), [`guess`] proposes a [`Column`] for each header for the
//! import's mapping step, and [`card`] turns one row into a [`Card`] by that mapping.
//! [`field`] and [`record`] write CSV that spreadsheets open safely.
//!
//! The reader is written here rather than taken from a crate: RFC 4180 is small, and what
//! a contacts import needs around it (encodings Excel and Outlook write, `;` from European
//! locales, the line each row began on) is most of the work anyway.

use super::Card;

/// The most columns a file may have: contact exports have at most about 90 (Outlook); a
/// line with more is not a contacts file, and the limit bounds what one line may cost.
pub const MAX_COLUMNS: usize = 200;

/// A file read as a table: its header names and rows, each with the line it started on
/// (1-based; a quoted field may span lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The first line's names, trimmed.
    pub headers: Vec<String>,
    /// The rows after it, none of them made only of empty fields.
    pub rows: Vec<Row>,
    /// What the file was found to be.
    pub encoding: Encoding,
    /// The byte between fields: `,`, `;` or tab.
    pub delimiter: u8,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line of the file it started on, counting from 1.
    pub line: usize,
    /// Its fields as written (not trimmed), at least as many as the headers: a shorter
    /// row is padded with empty fields, a longer one keeps its extra fields.
    pub fields: Vec<String>,
}

/// The character encoding a file was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode text", Outlook).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (Western Windows' "ANSI"): what a file that is not UTF-8 is taken for.
    Windows1252,
}

/// Why a file could not be read as a table. `key` is a message key for the translation
/// files; `line` names the line at fault when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError {
    /// `error-csv-empty`, `error-csv-not-text`, `error-csv-unterminated-quote` or
    /// `error-csv-too-many-columns`.
    pub key: &'static str,
    /// The line (1-based) where the quoted field that never ends began, or the line with
    /// too many columns; `None` for the whole file.
    pub line: Option<usize>,
}

impl ReadError {
    fn file(key: &'static str) -> Self {
        Self { key, line: None }
    }
}

impl From<ReadError> for &'static str {
    fn from(e: ReadError) -> Self {
        e.key
    }
}

/// Reads a CSV file.
///
/// - Encoding: UTF-8 with or without a BOM; UTF-16 with a BOM (Excel's "Unicode text",
///   Outlook), or without one when the file starts with an ASCII character; otherwise, if
///   not valid UTF-8, Windows-1252. Bad UTF-16 becomes U+FFFD rather than refusing the file.
/// - Delimiter: `,`, `;` or tab, whichever the header line has most of outside quotes (ties
///   go in that order); an Excel `sep=;` first line names it and is skipped.
/// - RFC 4180 quoting: quotes doubled inside quoted fields, fields spanning lines, CRLF, LF
///   or CR line ends. Leniently, spaces before an opening quote are dropped (`a, "b, c"`),
///   text after a closing quote is kept, and a quote inside an unquoted field is a quote.
/// - Lines that are blank or hold only empty fields (`;;;`, Excel's empty rows) are
///   skipped; the first other line is the header.
///
/// Errors: `error-csv-empty` (no header), `error-csv-not-text` (NUL bytes: a spreadsheet
/// or other binary file, not its CSV export), `error-csv-unterminated-quote` (with the line
/// the field began on), `error-csv-too-many-columns` (more than [`MAX_COLUMNS`] fields on a
/// line, with the line).
pub fn read(bytes: &[u8]) -> Result<Table, ReadError> {
    let (text, encoding) = decode(bytes)?;
    let text: &str = &text;
    let (text, first_line, sep) = match sep_line(text) {
        Some((delimiter, rest)) => (rest, 2, Some(delimiter)),
        None => (text, 1, None),
    };
    let mut parser = Parser {
        text,
        pos: 0,
        line: first_line,
        delimiter: sep.unwrap_or(b','),
    };
    // The header is the first line with something in it; the delimiter is found on it.
    let mut headers = Vec::new();
    loop {
        if parser.pos >= text.len() {
            return Err(ReadError::file("error-csv-empty"));
        }
        if sep.is_none() {
            parser.delimiter = delimiter(&text.as_bytes()[parser.pos..]);
        }
        parser.record(&mut headers)?;
        if !all_empty(&headers) {
            break;
        }
        headers.clear();
    }
    for h in &mut headers {
        let t = h.trim();
        if t.len() != h.len() {
            *h = t.to_owned();
        }
    }
    let mut rows = Vec::new();
    let width = headers.len();
    while parser.pos < text.len() {
        let line = parser.line;
        let mut fields = Vec::with_capacity(width);
        parser.record(&mut fields)?;
        if all_empty(&fields) {
            continue;
        }
        if fields.len() < width {
            fields.resize(width, String::new());
        }
        rows.push(Row { line, fields });
    }
    Ok(Table {
        headers,
        rows,
        encoding,
        delimiter: parser.delimiter,
    })
}

fn all_empty(fields: &[String]) -> bool {
    fields.iter().all(String::is_empty)
}

/// The file as text, borrowed when it is UTF-8 already (the common case costs one check).
fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, Encoding), ReadError> {
    use std::borrow::Cow;
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, &bytes[2..])),
        [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, &bytes[2..])),
        // No BOM, but an ASCII character and a zero byte: nothing but UTF-16 looks so.
        [a, 0, ..] if *a != 0 && a.is_ascii() => Some((Encoding::Utf16Le, bytes)),
        [0, a, ..] if *a != 0 && a.is_ascii() => Some((Encoding::Utf16Be, bytes)),
        _ => None,
    };
    // The byte order mark is taken off once, as bytes: a second one is text.
    let (text, encoding) = if let Some((encoding, body)) = utf16 {
        let units = body.chunks(2).map(|c| match (c, encoding) {
            ([a, b], Encoding::Utf16Le) => u16::from_le_bytes([*a, *b]),
            ([a, b], _) => u16::from_be_bytes([*a, *b]),
            // An odd byte at the end: not a character.
            _ => 0xFFFD,
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        (Cow::Owned(text), encoding)
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
            Err(_) => (Cow::Owned(windows_1252(body)), Encoding::Windows1252),
        }
    };
    // A text file has no NUL; a workbook (.xlsx, .numbers, .xls) does, and reading it as
    // text would only show the user garbage.
    if text.as_bytes().contains(&0) {
        return Err(ReadError::file("error-csv-not-text"));
    }
    Ok((text, encoding))
}

/// Windows-1252 as the WHATWG Encoding Standard decodes it: Latin-1 but for 0x80–0x9F.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Excel's `sep=;` first line: the delimiter it names and the text after the line.
fn sep_line(text: &str) -> Option<(u8, &str)> {
    let rest = text.strip_prefix("sep=")?;
    let d = *rest.as_bytes().first()?;
    if !matches!(d, b',' | b';' | b'\t') {
        return None;
    }
    let after = &rest[1..];
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .or_else(|| after.strip_prefix('\r'))
        .or_else(|| after.is_empty().then_some(after))?;
    Some((d, after))
}

/// The delimiter of the line starting `bytes`: the most frequent of `,` `;` tab outside
/// quotes, ties in that order (a comma when there is none: one column).
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    [b',', b';', b'\t'][best]
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

impl Parser<'_> {
    /// Reads the record at `pos` into `fields`, through its line end.
    fn record(&mut self, fields: &mut Vec<String>) -> Result<(), ReadError> {
        let bytes = self.text.as_bytes();
        let d = self.delimiter;
        loop {
            if fields.len() == MAX_COLUMNS {
                return Err(ReadError {
                    key: "error-csv-too-many-columns",
                    line: Some(self.line),
                });
            }
            let mut p = self.pos;
            while p < bytes.len() && (bytes[p] == b' ' || (bytes[p] == b'\t' && d != b'\t')) {
                p += 1;
            }
            if bytes.get(p) == Some(&b'"') {
                let started = self.line;
                let mut value = String::new();
                let mut from = p + 1;
                loop {
                    let Some(q) = bytes[from..].iter().position(|&b| b == b'"') else {
                        return Err(ReadError {
                            key: "error-csv-unterminated-quote",
                            line: Some(started),
                        });
                    };
                    let q = from + q;
                    self.line += line_ends(&bytes[from..q]);
                    value.push_str(&self.text[from..q]);
                    if bytes.get(q + 1) == Some(&b'"') {
                        value.push('"');
                        from = q + 2;
                    } else {
                        from = q + 1;
                        break;
                    }
                }
                // Text after the closing quote is kept, as spreadsheets do.
                let end = self.unquoted_end(from);
                value.push_str(&self.text[from..end]);
                fields.push(value);
                self.pos = end;
            } else {
                let end = self.unquoted_end(self.pos);
                fields.push(self.text[self.pos..end].to_owned());
                self.pos = end;
            }
            match bytes.get(self.pos) {
                None => return Ok(()),
                Some(&b) if b == d => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    return Ok(());
                }
                // Only a line feed is left: unquoted_end stops at nothing else.
                Some(_) => {
                    self.pos += 1;
                    self.line += 1;
                    return Ok(());
                }
            }
        }
    }

    /// Where the unquoted field from `from` ends: at the delimiter, a line end or the end.
    fn unquoted_end(&self, from: usize) -> usize {
        let d = self.delimiter;
        self.text.as_bytes()[from..]
            .iter()
            .position(|&b| b == d || b == b'\n' || b == b'\r')
            .map_or(self.text.len(), |i| from + i)
    }
}

/// Line ends in a quoted stretch: CRLF, LF and CR each count once. (A stretch ends at a
/// quote, so a CR at its end is never half of a CRLF.)
fn line_ends(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// What a column holds, for [`card`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Not imported.
    Ignore,
    /// The full name.
    Name,
    /// A given name; several (first, middle) join in column order.
    GivenName,
    /// A family name; several (two Spanish surnames) join in column order.
    FamilyName,
    /// How the person wants to be addressed (a nickname).
    AddressedAs,
    /// A title before the name ("Dr", Outlook's "Title"): with the family name it makes
    /// how the person is addressed ("Dr Okafor") when no `AddressedAs` column has a value.
    Honorific,
    /// A phone number, or several separated by ` ::: ` (Google), `;` or lines.
    Phone,
    /// An email address, or several separated by ` ::: `, `,`, `;` or spaces.
    Email,
    /// A whole address; its lines are joined with ", ".
    Address,
    /// A part of address number N (0 for the first): street, city, region, postcode and
    /// country parts of one number are joined in column order into one address. The number
    /// keeps Outlook's business, home and other addresses apart.
    AddressPart(u8),
    /// The organization.
    Organization,
    /// The title or position in the organization.
    Title,
    /// The preferred language.
    Language,
    /// Tags, separated by `,`, `;` or Google's ` ::: `.
    Tags,
    /// Notes; several columns join with a line break.
    Notes,
}

impl Column {
    /// The columns an import's mapping offers, in the order a page lists them (address
    /// parts of the first three addresses).
    pub const CHOICES: [Column; 17] = [
        Column::Ignore,
        Column::Name,
        Column::GivenName,
        Column::FamilyName,
        Column::AddressedAs,
        Column::Honorific,
        Column::Phone,
        Column::Email,
        Column::Address,
        Column::AddressPart(0),
        Column::AddressPart(1),
        Column::AddressPart(2),
        Column::Organization,
        Column::Title,
        Column::Language,
        Column::Tags,
        Column::Notes,
    ];

    /// The word a mapping is stored and sent as (`name`, `phone`, `address_part_1`).
    pub fn word(self) -> String {
        match self {
            Column::Ignore => "ignore".into(),
            Column::Name => "name".into(),
            Column::GivenName => "given_name".into(),
            Column::FamilyName => "family_name".into(),
            Column::AddressedAs => "addressed_as".into(),
            Column::Honorific => "honorific".into(),
            Column::Phone => "phone".into(),
            Column::Email => "email".into(),
            Column::Address => "address".into(),
            Column::AddressPart(n) => format!("address_part_{n}"),
            Column::Organization => "organization".into(),
            Column::Title => "title".into(),
            Column::Language => "language".into(),
            Column::Tags => "tags".into(),
            Column::Notes => "notes".into(),
        }
    }

    /// Reads a word of [`Column::word`].
    pub fn parse(word: &str) -> Option<Column> {
        let word = word.trim();
        if let Some(n) = word.strip_prefix("address_part_") {
            return n.parse().ok().filter(|n| *n < 10).map(Column::AddressPart);
        }
        Column::CHOICES.into_iter().find(|c| c.word() == word)
    }
}

/// The column each header most likely holds, for the import's mapping step (the user can
/// change it). Knows Google Contacts' exports (before and since 2023), Outlook's, and the
/// words hand-made sheets use in English, Spanish and French, case- and accent-insensitively.
///
/// Context decides a few words: French "Nom" is the family name beside "Prénom" and the
/// whole name alone, Spanish "Nombre" the given name beside "Apellidos"; "Title" is the
/// honorific when a "Job Title" column is there too (Outlook), else the position. The parts
/// of an address that also has a formatted column (Google) are ignored, and an "Address"
/// column beside "City" and "Postcode" is the street part of that address.
pub fn guess(headers: &[String]) -> Vec<Column> {
    let guesses: Vec<Guess> = headers.iter().map(|h| classify(h)).collect();
    let has = |c: Column| guesses.contains(&Guess::Is(c));
    let (has_given, has_family) = (has(Column::GivenName), has(Column::FamilyName));
    let has_position = has(Column::Title);
    let keys = |kind: AddressKind| -> Vec<&str> {
        guesses
            .iter()
            .filter_map(|g| match g {
                Guess::Address(k, key) if *k == kind => Some(key.as_str()),
                _ => None,
            })
            .collect()
    };
    let (formatted, with_parts) = (keys(AddressKind::Formatted), keys(AddressKind::Part));
    // Address groups, numbered in the order they first appear.
    let mut groups: Vec<&str> = Vec::new();
    let mut out = Vec::with_capacity(guesses.len());
    for g in &guesses {
        out.push(match g {
            Guess::Is(c) => *c,
            Guess::Nom if has_given => Column::FamilyName,
            Guess::Nombre if has_family => Column::GivenName,
            Guess::Nom | Guess::Nombre => Column::Name,
            Guess::TitleWord if has_position => Column::Honorific,
            Guess::TitleWord => Column::Title,
            Guess::Address(kind, key) => {
                let key = key.as_str();
                let part = match kind {
                    AddressKind::Formatted => false,
                    AddressKind::Whole => with_parts.contains(&key) && !formatted.contains(&key),
                    AddressKind::Part => true,
                };
                if *kind == AddressKind::Part && formatted.contains(&key) {
                    Column::Ignore
                } else if !part {
                    Column::Address
                } else {
                    let n = groups.iter().position(|k| *k == key).unwrap_or_else(|| {
                        groups.push(key);
                        groups.len() - 1
                    });
                    Column::AddressPart(u8::try_from(n).unwrap_or(u8::MAX))
                }
            }
        });
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Guess {
    Is(Column),
    /// French "Nom": family name or whole name.
    Nom,
    /// Spanish "Nombre": given name or whole name.
    Nombre,
    /// "Title": honorific or position.
    TitleWord,
    /// An address column, with its group's key (what precedes the part: "home", "1").
    Address(AddressKind, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressKind {
    Formatted,
    Whole,
    Part,
}

/// Lowercase, accents folded, `e-mail` as `email`, punctuation as spaces, single spaces.
fn normalize(header: &str) -> String {
    let lower = header.trim().to_lowercase().replace("e-mail", "email");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// Address group prefixes (Outlook's, Google's numbers are kept as they are).
const GROUPS: &[&str] = &[
    "home", "business", "work", "other", "primary", "mailing", "postal", "personal", "office",
];

/// The words of one address part, as normalized (digits of "Street 2" dropped first).
const PARTS: &[&str] = &[
    "street",
    "street address",
    "address line",
    "address street",
    "extended address",
    "po box",
    "address po box",
    "city",
    "town",
    "locality",
    "state",
    "region",
    "province",
    "county",
    "postal code",
    "postcode",
    "post code",
    "zip",
    "zip code",
    "zipcode",
    "country",
    "country region",
    "neighborhood",
    "neighbourhood",
    "district",
    "suburb",
    "calle",
    "ciudad",
    "localidad",
    "municipio",
    "provincia",
    "codigo postal",
    "cp",
    "pais",
    "colonia",
    "barrio",
    "rue",
    "ville",
    "commune",
    "departement",
    "code postal",
    "pays",
    "quartier",
];

fn classify(header: &str) -> Guess {
    use Column::*;
    let n = normalize(header);
    let words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    // Without numbers: "E-mail 2 Address" is "email address", "Phone 1 - Value" "phone value".
    let plain: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let p = plain.join(" ");
    let last = plain.last().copied().unwrap_or("");
    let has = |w: &str| plain.contains(&w);
    // What describes another column, or is read in another script, or is no one's own.
    if (plain.len() > 1 && matches!(last, "type" | "label"))
        || [
            "yomi",
            "phonetic",
            "fax",
            "pager",
            "telex",
            "isdn",
            "assistant",
            "callback",
        ]
        .iter()
        .any(|w| has(w))
        || p.contains("display name") && has("email")
        || p == "company main phone"
        || p == "radio phone"
        || p == "tty tdd phone"
    {
        return Guess::Is(Ignore);
    }
    // Google's "Address 1 - City" and Outlook's "Business Street 2": a group, then a part.
    if let Some(g) = address(&words) {
        return g;
    }
    let exact = match p.as_str() {
        "name" | "full name" | "display name" | "contact" | "contact name" | "person"
        | "nombre completo" | "nombre y apellidos" | "nom complet" | "nom et prenom"
        | "nom prenom" | "persona" => Some(Name),
        "first name" | "first" | "given name" | "given names" | "forename" | "forenames"
        | "middle name" | "additional name" | "prenom" | "prenoms" | "deuxieme prenom"
        | "second prenom" | "nombre de pila" | "segundo nombre" | "nombres" => Some(GivenName),
        "last name" | "last" | "family name" | "surname" | "surnames" | "apellido"
        | "apellidos" | "primer apellido" | "segundo apellido" | "nom de famille" => {
            Some(FamilyName)
        }
        "nickname" | "addressed as" | "preferred name" | "known as" | "apodo" | "sobrenombre"
        | "surnom" | "alias" => Some(AddressedAs),
        "name prefix" | "prefix" | "salutation" | "honorific" | "civilite" | "tratamiento" => {
            Some(Honorific)
        }
        "organization" | "organisation" | "organization name" | "organisation name" | "company"
        | "company name" | "employer" | "empresa" | "organizacion" | "institucion"
        | "institution" | "entreprise" | "societe" | "organisme" | "association" | "asociacion" => {
            Some(Organization)
        }
        "job title" | "position" | "role" | "organization title" | "organisation title" | "job"
        | "cargo" | "puesto" | "fonction" | "poste" => Some(Title),
        "language" | "languages" | "preferred language" | "spoken language" | "idioma"
        | "lengua" | "langue" | "langue preferee" => Some(Language),
        "tags" | "tag" | "labels" | "group membership" | "groups" | "group" | "categories"
        | "category" | "etiquetas" | "etiqueta" | "categorias" | "grupos" | "grupo"
        | "etiquettes" | "groupes" | "groupe" => Some(Tags),
        "notes" | "note" | "comments" | "comment" | "remarks" | "notas" | "nota"
        | "observaciones" | "comentarios" | "comentario" | "remarques" | "remarque"
        | "commentaires" | "commentaire" | "observations" => Some(Notes),
        _ => None,
    };
    if let Some(c) = exact {
        return Guess::Is(c);
    }
    match p.as_str() {
        "nom" => return Guess::Nom,
        "nombre" => return Guess::Nombre,
        "title" | "titre" | "titulo" => return Guess::TitleWord,
        _ => {}
    }
    if ["email", "mail", "correo", "courriel", "electronique"]
        .iter()
        .any(|w| has(w))
    {
        return Guess::Is(Email);
    }
    if [
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "cellphone",
        "movil",
        "celular",
        "telefono",
        "portable",
        "gsm",
        "whatsapp",
    ]
    .iter()
    .any(|w| has(w))
    {
        return Guess::Is(Phone);
    }
    // Anything else (birthdays, web pages, Google's "Organization 1 - Department") is not
    // part of a Card.
    Guess::Is(Ignore)
}

/// An address column: Google's "Address 1 - Formatted", a part ("Home City", "Address 1 -
/// Street", "Code postal"), or a whole address ("Address", "Home Address", "Dirección").
fn address(words: &[&str]) -> Option<Guess> {
    const WHOLE: &[&str] = &["address", "direccion", "domicilio", "adresse"];
    for i in 0..words.len() {
        let (prefix, rest) = words.split_at(i);
        if !prefix
            .iter()
            .all(|w| GROUPS.contains(w) || *w == "address" || w.bytes().all(|b| b.is_ascii_digit()))
        {
            break;
        }
        let rest: Vec<&str> = rest
            .iter()
            .copied()
            .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let rest = rest.join(" ");
        let kind = if rest == "formatted" && i > 0 {
            AddressKind::Formatted
        } else if PARTS.contains(&rest.as_str()) {
            AddressKind::Part
        } else if WHOLE.contains(&rest.as_str()) || (rest.is_empty() && prefix.contains(&"address"))
        {
            AddressKind::Whole
        } else {
            continue;
        };
        // The group: the prefix without the word "address" ("1", "home", or none).
        let key = prefix
            .iter()
            .copied()
            .filter(|w| *w != "address")
            .collect::<Vec<_>>()
            .join(" ");
        return Some(Guess::Address(kind, key));
    }
    None
}

/// One row as a card, by the mapping.
///
/// Values are trimmed; a leading `'` that [`field`] put before a formula character is
/// taken off again, so Liaison's own exports import back as they were. Several Phone,
/// Email and Address columns collect into the lists in column order (exact repeats
/// dropped); the first value of a single-valued column wins (Name, AddressedAs,
/// Honorific, Organization, Title, Language); given and family names build the name when
/// no Name column has a value (family first, unspaced, when both are written in Chinese,
/// Japanese or Korean script). Names and other one-line values have their whitespace,
/// line breaks included, collapsed to single spaces; notes keep their lines. Google's
/// `* myContacts` label (every contact has it) is dropped, and its `* ` mark taken off
/// other system labels (`* starred` is `starred`).
pub fn card(row: &Row, mapping: &[Column]) -> Card {
    let mut card = Card::default();
    let (mut given, mut family, mut honorific) = (Vec::new(), Vec::new(), String::new());
    // (address number, parts) in the order each address first has a value.
    let mut parts: Vec<(u8, String)> = Vec::new();
    // Where each composed address goes among the whole ones, to keep column order.
    let mut slots: Vec<Slot> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (column, value) in mapping.iter().zip(&row.fields) {
        let value = unguard(value.trim());
        if value.is_empty() {
            continue;
        }
        match *column {
            Column::Ignore => {}
            Column::Name => first(&mut card.name, value),
            Column::GivenName => given.push(one_line(value)),
            Column::FamilyName => family.push(one_line(value)),
            Column::AddressedAs => first(&mut card.addressed_as, value),
            Column::Honorific => first(&mut honorific, value),
            Column::Phone => {
                for p in value.split([';', '\n', '\r']).flat_map(|v| v.split(":::")) {
                    push_new(&mut card.phones, one_line(p));
                }
            }
            Column::Email => {
                for e in value
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .flat_map(|v| v.split(":::"))
                {
                    push_new(&mut card.emails, e.to_owned());
                }
            }
            Column::Address => {
                for a in value.split(":::") {
                    slots.push(Slot::Whole(lines_joined(a)));
                }
            }
            Column::AddressPart(n) => {
                let part = lines_joined(value);
                if part.is_empty() {
                    continue;
                }
                match parts.iter_mut().find(|(k, _)| *k == n) {
                    Some((_, a)) => {
                        a.push_str(", ");
                        a.push_str(&part);
                    }
                    None => {
                        slots.push(Slot::Parts(n));
                        parts.push((n, part));
                    }
                }
            }
            Column::Organization => first(&mut card.organization, value),
            Column::Title => first(&mut card.title, value),
            Column::Language => first(&mut card.language, value),
            Column::Tags => {
                for t in value.split([',', ';']).flat_map(|v| v.split(":::")) {
                    let t = one_line(t);
                    // Google's label of every contact ("* myContacts", once "* My Contacts").
                    if t.replace(' ', "").eq_ignore_ascii_case("*mycontacts") {
                        continue;
                    }
                    let t = t.strip_prefix("* ").map(str::to_owned).unwrap_or(t);
                    push_new(&mut card.tags, t);
                }
            }
            Column::Notes => notes.push(value.replace("\r\n", "\n").replace('\r', "\n")),
        }
    }
    for slot in slots {
        let address = match slot {
            Slot::Whole(a) => a,
            Slot::Parts(n) => parts
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, a)| a.clone())
                .unwrap_or_default(),
        };
        push_new(&mut card.addresses, address);
    }
    card.notes = notes.join("\n");
    let (given, family) = (given.join(" "), family.join(" "));
    if card.name.is_empty() {
        card.name = if !given.is_empty() && !family.is_empty() && cjk(&given) && cjk(&family) {
            format!("{family}{given}")
        } else {
            [given.as_str(), family.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
    }
    if card.addressed_as.is_empty() && !honorific.is_empty() {
        let whom = if family.is_empty() {
            &card.name
        } else {
            &family
        };
        if !whom.is_empty() {
            card.addressed_as = format!("{honorific} {whom}");
        }
    }
    card
}

enum Slot {
    Whole(String),
    Parts(u8),
}

/// Takes off the `'` that [`field`] puts before a value a spreadsheet would run.
fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => value,
    }
}

fn first(slot: &mut String, value: &str) {
    if slot.is_empty() {
        *slot = one_line(value);
    }
}

fn push_new(list: &mut Vec<String>, value: String) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

/// Whitespace runs, line breaks included, as one space.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An address's lines on one line, joined with ", ".
fn lines_joined(value: &str) -> String {
    value
        .split(['\n', '\r'])
        .map(one_line)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when every letter is Chinese, Japanese or Korean (names written family first).
fn cjk(s: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).all(|c| {
        matches!(c as u32,
            0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
    })
}

/// What makes a spreadsheet run a cell as a formula (OWASP, "CSV injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field for writing, appended to `out`: quoted when it holds a comma, a quote, a
/// line break, a `;` or tab, or space at either end (quotes doubled); a value beginning
/// with `=`, `+`, `-`, `@`, tab or CR gets a `'` before it so spreadsheets do not run it as
/// a formula (OWASP CSV injection). [`card`] takes that `'` off again.
pub fn field(value: &str, out: &mut String) {
    let guard = value.starts_with(FORMULA_START);
    // `;` and tab too, though the delimiter is a comma: a reader that guesses the
    // delimiter (this one included) must find only commas outside quotes.
    // And what would be taken for something else at the start of a file: Excel's `sep=`
    // line, a byte order mark.
    let quote = value.contains([',', '"', '\n', '\r', ';', '\t'])
        || value.starts_with([' ', '\u{feff}'])
        || value.ends_with(' ')
        || value.starts_with("sep=");
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        for (i, part) in value.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// One record: the fields separated by commas, CRLF at the end (RFC 4180). A record of
/// one empty field is written `""`, so it is not a blank line.
pub fn record<'a>(values: impl IntoIterator<Item = &'a str>, out: &mut String) {
    let start = out.len();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(v, out);
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<&str>> {
        t.rows
            .iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn quoting_and_line_ends() {
        let t = read(b"a,b\r\n\"x, \"\"y\"\"\",2\n\"multi\r\nline\rthree\",3\r4,5").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(
            cells(&t),
            [
                vec!["x, \"y\"", "2"],
                vec!["multi\r\nline\rthree", "3"],
                vec!["4", "5"]
            ]
        );
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 6]);
    }

    #[test]
    fn lenient_where_spreadsheets_are() {
        let t = read(b"a,b,c\nx, \"y, z\",a\"b\n\"q\"r,,\n").unwrap();
        assert_eq!(cells(&t), [vec!["x", "y, z", "a\"b"], vec!["qr", "", ""]]);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(read(b"").unwrap_err().key, "error-csv-empty");
        assert_eq!(read(b"\r\n\n;;;\n").unwrap_err().key, "error-csv-empty");
        assert_eq!(read(b"\xEF\xBB\xBF").unwrap_err().key, "error-csv-empty");
        let t = read("\u{feff}\u{feff}a".as_bytes()).unwrap();
        assert_eq!(t.headers, ["\u{feff}a"]);
        assert_eq!(
            read(b"a,b\n1,2\n\n3,\"open\n4,5\n").unwrap_err(),
            ReadError {
                key: "error-csv-unterminated-quote",
                line: Some(4)
            }
        );
        let wide = format!("a\n{}\n", ",".repeat(MAX_COLUMNS));
        assert_eq!(
            read(wide.as_bytes()).unwrap_err(),
            ReadError {
                key: "error-csv-too-many-columns",
                line: Some(2)
            }
        );
        assert!(read(vec!["h"; MAX_COLUMNS].join(",").as_bytes()).is_ok());
        assert_eq!(
            read(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err().key,
            "error-csv-not-text"
        );
        let s: &'static str = read(b"").unwrap_err().into();
        assert_eq!(s, "error-csv-empty");
    }

    #[test]
    fn delimiters_and_sep_line() {
        assert_eq!(read(b"a;b,c;d\n").unwrap().delimiter, b';');
        assert_eq!(read(b"a\tb\tc\n").unwrap().delimiter, b'\t');
        assert_eq!(read(b"\"x;y\",b\n").unwrap().delimiter, b',');
        assert_eq!(read(b"only\n1\n").unwrap().delimiter, b',');
        let t = read(b"sep=;\r\nName;Notes\r\nA, B;x\r\n").unwrap();
        assert_eq!((t.delimiter, t.headers.len()), (b';', 2));
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(cells(&t), [vec!["A, B", "x"]]);
    }

    #[test]
    fn encodings() {
        let t = read(b"Nom\n\xC9lodie\n").unwrap();
        assert_eq!(
            (t.encoding, t.rows[0].fields[0].as_str()),
            (Encoding::Windows1252, "Élodie")
        );
        let t = read(b"N\n\x80\x81\x9F\n").unwrap();
        assert_eq!(t.rows[0].fields[0], "€\u{81}Ÿ");
        let le: Vec<u8> = "\u{feff}a\tb\r\nأمينة\t2\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let t = read(&le).unwrap();
        assert_eq!((t.encoding, t.delimiter), (Encoding::Utf16Le, b'\t'));
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(cells(&t), [vec!["أمينة", "2"]]);
        let be: Vec<u8> = "\u{feff}a\n王\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let t = read(&be).unwrap();
        assert_eq!(
            (t.encoding, cells(&t)),
            (Encoding::Utf16Be, vec![vec!["王"]])
        );
        // Without a BOM, and with an odd byte at the end.
        let mut bare: Vec<u8> = "a\nb\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        bare.push(b'x');
        let t = read(&bare).unwrap();
        assert_eq!(t.encoding, Encoding::Utf16Le);
        assert_eq!(t.rows[0].fields[0], "b");
    }

    #[test]
    fn field_quotes_and_guards() {
        let w = |v: &str| {
            let mut s = String::new();
            field(v, &mut s);
            s
        };
        assert_eq!(w("plain"), "plain");
        assert_eq!(w(""), "");
        assert_eq!(w("a,b"), "\"a,b\"");
        assert_eq!(w("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(w("two\nlines"), "\"two\nlines\"");
        assert_eq!(w(" pad"), "\" pad\"");
        assert_eq!(w("=1+2"), "'=1+2");
        assert_eq!(w("+27 21 555 0100"), "'+27 21 555 0100");
        assert_eq!(w("-5"), "'-5");
        assert_eq!(w("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(w("\tx"), "\"'\tx\"");
        assert_eq!(w("a;b"), "\"a;b\"");
        assert_eq!(w("sep="), "\"sep=\"");
        assert_eq!(w("\rx"), "\"'\rx\"");
        assert_eq!(
            w("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(w("a=b"), "a=b");
        let mut s = String::new();
        record(["a", "", "b c"], &mut s);
        record([""], &mut s);
        record(Vec::<&str>::new(), &mut s);
        assert_eq!(s, "a,,b c\r\n\"\"\r\n\"\"\r\n");
    }

    #[test]
    fn hundred_thousand_rows() {
        let mut s = String::from("Name,Phone,Email,Notes\r\n");
        for i in 0..100_000 {
            s.push_str(&format!(
                "Person {i},+1 555 {i:04},p{i}@example.org,\"note, \"\"{i}\"\"\"\r\n"
            ));
        }
        let t = read(s.as_bytes()).unwrap();
        assert_eq!(t.rows.len(), 100_000);
        assert_eq!(t.rows[99_999].line, 100_001);
        assert_eq!(t.rows[99_999].fields[3], "note, \"99999\"");
        let mapping = guess(&t.headers);
        let last = card(&t.rows[99_999], &mapping);
        assert_eq!(last.emails, ["p99999@example.org"]);
    }
}
