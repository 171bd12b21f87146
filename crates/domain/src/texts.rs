//! Text per language: the public text of any record (a category's name, its questions and
//! their choices, an area's name; later engagements, services and articles) may carry a
//! version in each of the portal's other languages.
//!
//! A record's own columns hold its text in the office's language ([`OFFICE_LANGUAGE`]);
//! versions live beside it, named by the record, a field and a language. A visitor reads
//! each text in their language when it has a version there, and otherwise in the office's
//! language, flagged so that every interface can say so ([`choose`]). A kind of record
//! takes part by listing its texts ([`Texts`]); everything else here is shared.

use std::collections::BTreeMap;
use std::ops::Deref;

use serde::Serialize;

/// The language of the office: the one records are written in, and the one shown when a
/// text has no version in the visitor's language.
pub const OFFICE_LANGUAGE: &str = "en";

/// The portal's languages that versions are written in: every one but the office's.
pub fn version_languages() -> impl Iterator<Item = &'static str> {
    crate::values::LANGUAGES
        .iter()
        .copied()
        .filter(|l| *l != OFFICE_LANGUAGE)
}

/// One text as shown to a visitor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// The language it is in.
    pub language: String,
    /// True when the visitor asked for another language and this text had no version in
    /// it, so it is in the office's language: the interface says so.
    pub fallback: bool,
}

/// The rule: the text to show in `language`, given the text in the office's language and
/// the version in `language`, if there is one. A version that is only blanks counts as
/// none. A text empty in the office's language stays empty everywhere (there is nothing
/// to say in English either), so it never falls back.
pub fn choose(original: &str, version: Option<&str>, language: &str) -> Shown {
    if language == OFFICE_LANGUAGE || original.trim().is_empty() {
        return Shown {
            text: original.to_string(),
            language: if original.trim().is_empty() {
                language
            } else {
                OFFICE_LANGUAGE
            }
            .to_string(),
            fallback: false,
        };
    }
    match version.filter(|v| !v.trim().is_empty()) {
        Some(v) => Shown {
            text: v.to_string(),
            language: language.to_string(),
            fallback: false,
        },
        None => Shown {
            text: original.to_string(),
            language: OFFICE_LANGUAGE.to_string(),
            fallback: true,
        },
    }
}

/// The versions of one record: language → field → text. Serialized as that object of
/// objects (`{"es": {"name": "…"}}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Versions(pub BTreeMap<String, BTreeMap<String, String>>);

impl Versions {
    /// No versions.
    pub fn new() -> Self {
        Self::default()
    }

    /// The version of `field` in `language`.
    pub fn get(&self, field: &str, language: &str) -> Option<&str> {
        self.0
            .get(language)
            .and_then(|fields| fields.get(field))
            .map(String::as_str)
    }

    /// Sets the version of `field` in `language`; an empty (or blank) text removes it.
    pub fn set(&mut self, field: &str, language: &str, text: &str) {
        if text.trim().is_empty() {
            if let Some(fields) = self.0.get_mut(language) {
                fields.remove(field);
                if fields.is_empty() {
                    self.0.remove(language);
                }
            }
        } else {
            self.0
                .entry(language.to_string())
                .or_default()
                .insert(field.to_string(), text.to_string());
        }
    }

    /// Every version as (field, language, text), by language then field.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.0.iter().flat_map(|(language, fields)| {
            fields
                .iter()
                .map(move |(field, text)| (field.as_str(), language.as_str(), text.as_str()))
        })
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(BTreeMap::is_empty)
    }

    /// Only the versions of `fields`.
    pub fn only(&self, fields: &[String]) -> Versions {
        let mut out = Versions::new();
        for (field, language, text) in self.iter() {
            if fields.iter().any(|f| f == field) {
                out.set(field, language, text);
            }
        }
        out
    }
}

/// What one change of versions did to a text in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A version where there was none.
    Added,
    /// Another version.
    Changed,
    /// No version any more.
    Removed,
}

/// The differences from `before` to `after`, as (field, language, change), by language
/// then field: what an audit entry records (never the texts).
pub fn changes(before: &Versions, after: &Versions) -> Vec<(String, String, Change)> {
    let mut out = Vec::new();
    for (field, language, text) in after.iter() {
        match before.get(field, language) {
            None => out.push((field.into(), language.into(), Change::Added)),
            Some(old) if old != text => out.push((field.into(), language.into(), Change::Changed)),
            Some(_) => {}
        }
    }
    for (field, language, _) in before.iter() {
        if after.get(field, language).is_none() {
            out.push((field.into(), language.into(), Change::Removed));
        }
    }
    out.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out
}

/// What a text is, for the people who write its versions: a message key of the staff
/// application and its arguments (`texts-question-label` with `n` = 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The message key.
    pub key: &'static str,
    /// Its arguments, by name.
    pub args: Vec<(&'static str, String)>,
}

impl Label {
    /// A label without arguments.
    pub fn plain(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }
}

/// One public text of a record, reachable for reading and for putting a version in its
/// place.
#[derive(Debug)]
pub struct TextMut<'a> {
    /// Its field name, the same in every interface and in storage (`name`,
    /// `question.dust_source.label`).
    pub field: String,
    /// The text, in the office's language.
    pub text: &'a mut String,
    /// The most characters a version may have (as many as the text itself may).
    pub max: usize,
    /// Whether it runs to several lines (written in a text area).
    pub long: bool,
    /// What it is, for the people who write its versions.
    pub label: Label,
}

/// One public text of a record, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Its field name.
    pub field: String,
    /// The text, in the office's language.
    pub text: String,
    /// The most characters a version may have.
    pub max: usize,
    /// Whether it runs to several lines.
    pub long: bool,
    /// What it is.
    pub label: Label,
}

/// A record whose public text can have a version per language. A kind of record takes part
/// in text per language by listing its texts here, in the order staff see them.
pub trait Texts {
    /// Every public text of the record, each with its field name.
    fn texts_mut(&mut self) -> Vec<TextMut<'_>>;

    /// Every public text, read (a copy).
    fn texts(&self) -> Vec<Text>
    where
        Self: Clone,
    {
        let mut copy = self.clone();
        copy.texts_mut()
            .into_iter()
            .map(|t| Text {
                field: t.field,
                text: t.text.clone(),
                max: t.max,
                long: t.long,
                label: t.label,
            })
            .collect()
    }

    /// The fields of its texts that are not empty: the only ones versions are kept for.
    fn text_fields(&mut self) -> Vec<String> {
        self.texts_mut()
            .into_iter()
            .filter(|t| !t.text.trim().is_empty())
            .map(|t| t.field)
            .collect()
    }
}

/// A record with every text in one language, and which texts fell back to the office's.
/// It reads as the record itself (`Deref`), so code that shows a record shows it localized.
#[derive(Debug, Clone, PartialEq)]
pub struct Localized<T> {
    /// The record, each text replaced by what is shown.
    pub record: T,
    /// The language asked for.
    pub language: String,
    /// The fields shown in the office's language for want of a version, in the order of
    /// the record's texts.
    pub fallback: Vec<String>,
}

impl<T> Deref for Localized<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.record
    }
}

impl<T> Localized<T> {
    /// Whether the text of `field` is shown in the office's language for want of a version.
    pub fn fell_back(&self, field: &str) -> bool {
        self.fallback.iter().any(|f| f == field)
    }

    /// The languages the record's texts are in: the one asked for, and the office's when
    /// any text fell back.
    pub fn languages(&self) -> Vec<&str> {
        let mut out = vec![self.language.as_str()];
        if !self.fallback.is_empty() && self.language != OFFICE_LANGUAGE {
            out.push(OFFICE_LANGUAGE);
        }
        out
    }
}

/// The record as shown in `language`: each text by [`choose`].
pub fn localize<T: Texts>(mut record: T, versions: &Versions, language: &str) -> Localized<T> {
    let mut fallback = Vec::new();
    for t in record.texts_mut() {
        let shown = choose(t.text, versions.get(&t.field, language), language);
        if shown.fallback {
            fallback.push(t.field);
        }
        *t.text = shown.text;
    }
    Localized {
        record,
        language: language.to_string(),
        fallback,
    }
}

/// The languages a set of localized records is in together, for a `Content-Language`
/// header: the one asked for first, then the office's if any text fell back.
pub fn languages_of<'a, T: 'a>(
    language: &str,
    records: impl IntoIterator<Item = &'a Localized<T>>,
) -> Vec<String> {
    let mut out = vec![language.to_string()];
    for r in records {
        for l in r.languages() {
            if !out.iter().any(|o| o == l) {
                out.push(l.to_string());
            }
        }
    }
    out
}

/// The name of the form field that carries the version of `field` in `language`
/// (`es:question.dust_source.label`).
pub fn input_name(language: &str, field: &str) -> String {
    format!("{language}:{field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_office_language_is_the_text_itself() {
        let s = choose("Dust", Some("Polvo"), OFFICE_LANGUAGE);
        assert_eq!(s.text, "Dust");
        assert_eq!(s.language, "en");
        assert!(!s.fallback);
    }

    #[test]
    fn a_version_is_shown_in_its_language() {
        let s = choose("Dust", Some("Polvo"), "es");
        assert_eq!(
            s,
            Shown {
                text: "Polvo".into(),
                language: "es".into(),
                fallback: false
            }
        );
    }

    #[test]
    fn without_a_version_the_office_text_is_shown_and_flagged() {
        for missing in [None, Some(""), Some("  \n")] {
            let s = choose("Dust", missing, "fr");
            assert_eq!(s.text, "Dust");
            assert_eq!(s.language, OFFICE_LANGUAGE);
            assert!(s.fallback, "{missing:?}");
        }
    }

    #[test]
    fn an_empty_text_stays_empty_and_never_falls_back() {
        let s = choose("", Some("Ayuda"), "es");
        assert_eq!(s.text, "");
        assert!(!s.fallback);
        let s = choose(" ", None, "es");
        assert!(!s.fallback);
    }

    #[test]
    fn versions_set_get_and_remove() {
        let mut v = Versions::new();
        v.set("name", "es", "Polvo");
        v.set("name", "fr", "Poussière");
        v.set("description", "es", "Del camino");
        assert_eq!(v.get("name", "es"), Some("Polvo"));
        assert_eq!(v.get("name", "de"), None);
        v.set("name", "fr", "");
        assert_eq!(v.get("name", "fr"), None);
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            vec![("description", "es", "Del camino"), ("name", "es", "Polvo")]
        );
        assert_eq!(
            v.only(&["name".to_string()]).iter().collect::<Vec<_>>(),
            vec![("name", "es", "Polvo")]
        );
        assert_eq!(
            serde_json::to_value(&v).expect("json"),
            serde_json::json!({"es": {"description": "Del camino", "name": "Polvo"}})
        );
        v.set("name", "es", " ");
        v.set("description", "es", "");
        assert!(v.is_empty());
    }

    #[test]
    fn changes_name_fields_and_languages_only() {
        let mut before = Versions::new();
        before.set("name", "es", "Polvo");
        before.set("name", "fr", "Poussière");
        before.set("description", "fr", "Routes");
        let mut after = before.clone();
        after.set("name", "es", "Polvo y aire");
        after.set("name", "fr", "");
        after.set("description", "es", "Caminos");
        assert_eq!(
            changes(&before, &after),
            vec![
                ("description".into(), "es".into(), Change::Added),
                ("name".into(), "es".into(), Change::Changed),
                ("name".into(), "fr".into(), Change::Removed),
            ]
        );
        assert!(changes(&after, &after).is_empty());
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Thing {
        name: String,
        help: String,
    }

    impl Texts for Thing {
        fn texts_mut(&mut self) -> Vec<TextMut<'_>> {
            vec![
                TextMut {
                    field: "name".into(),
                    text: &mut self.name,
                    max: 10,
                    long: false,
                    label: Label::plain("texts-name"),
                },
                TextMut {
                    field: "help".into(),
                    text: &mut self.help,
                    max: 10,
                    long: true,
                    label: Label::plain("texts-help"),
                },
            ]
        }
    }

    #[test]
    fn a_record_is_localized_text_by_text() {
        let thing = Thing {
            name: "Dust".into(),
            help: "Where".into(),
        };
        let mut v = Versions::new();
        v.set("name", "es", "Polvo");
        v.set("gone", "es", "Orphan");
        let es = localize(thing.clone(), &v, "es");
        assert_eq!(es.name, "Polvo");
        assert_eq!(es.help, "Where");
        assert_eq!(es.fallback, vec!["help".to_string()]);
        assert!(es.fell_back("help") && !es.fell_back("name"));
        assert_eq!(es.languages(), vec!["es", "en"]);
        let en = localize(thing.clone(), &v, "en");
        assert_eq!(en.record, thing);
        assert!(en.fallback.is_empty());
        assert_eq!(en.languages(), vec!["en"]);
        let mut full = v.clone();
        full.set("help", "es", "Dónde");
        let es = localize(thing.clone(), &full, "es");
        assert_eq!(es.languages(), vec!["es"]);
        assert_eq!(
            languages_of("es", [&es, &localize(thing.clone(), &v, "es")]),
            vec!["es", "en"]
        );
        assert_eq!(thing.texts()[1].field, "help");
        let mut empty = thing.clone();
        empty.help.clear();
        assert_eq!(empty.text_fields(), vec!["name".to_string()]);
    }

    #[test]
    fn versions_are_written_in_the_other_portal_languages() {
        assert_eq!(version_languages().collect::<Vec<_>>(), vec!["es", "fr"]);
        assert_eq!(input_name("es", "question.a.label"), "es:question.a.label");
    }
}
