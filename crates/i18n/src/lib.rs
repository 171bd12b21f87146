//! Translations: Fluent files compiled into the binary, one bundle per language.
//!
//! Each language has a folder of files, one per feature (`locales/en/concerns.ftl`,
//! `locales/es/portal.ftl`, …); `build.rs` finds them (the pages', the email's and the command line's), so a new feature adds its own files and
//! edits no list. A message is defined once across a language's files.
//!
//! The staff application is complete in English; the public portal also speaks Spanish
//! and French. A message missing from a language falls back to English, then to its key,
//! so a missing translation never breaks a page.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
/// An argument's value: text, or a number (which plural forms select on).
pub use fluent_bundle::FluentValue;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// The languages Liaison speaks, with their names in themselves.
pub const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("es", "Español"), ("fr", "Français")];

/// Every translation file: language, file name, text (listed by `build.rs`).
const SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Every translation file compiled in: its language, its name (`concerns.ftl`) and its text.
pub fn sources() -> &'static [(&'static str, &'static str, &'static str)] {
    SOURCES
}

/// The limits that rules in code set, as Fluent terms every language's messages use
/// (`{ -password-min }`), so no translation repeats a number that code decides.
fn limits() -> String {
    use liaison_domain::values::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
    format!("-password-min = {PASSWORD_MIN_CHARS}\n-password-max = {PASSWORD_MAX_CHARS}\n")
}

/// All bundles.
pub struct Catalog {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl Catalog {
    /// Parses the compiled-in translation files, each language's into one bundle. A syntax
    /// error or a message defined twice is a build defect, caught by the tests, so it fails
    /// loudly at start-up rather than hiding strings.
    pub fn load() -> Arc<Self> {
        let mut bundles: HashMap<&'static str, FluentBundle<FluentResource>> = HashMap::new();
        for (lang, file, source) in SOURCES {
            let bundle = bundles.entry(*lang).or_insert_with(|| {
                let id: LanguageIdentifier = lang.parse().expect("valid language tag");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                let limits = FluentResource::try_new(limits()).expect("valid limits");
                bundle.add_resource(limits).expect("limits defined once");
                bundle
            });
            let resource =
                FluentResource::try_new((*source).to_string()).unwrap_or_else(|(_, e)| {
                    panic!("translation file {lang}/{file} is invalid: {e:?}")
                });
            bundle.add_resource(resource).unwrap_or_else(|e| {
                panic!("translation file {lang}/{file} repeats a message of another file: {e:?}")
            });
        }
        Arc::new(Self { bundles })
    }

    /// Whether `lang` has a message `key` of its own (no fallback).
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }

    /// Formats `key` in `lang` with `args`, falling back to English and then the key.
    pub fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        for l in [lang, "en"] {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
        key.to_string()
    }
}

/// A language chosen for one request.
#[derive(Clone)]
pub struct Tr {
    catalog: Arc<Catalog>,
    /// The language code, such as `es`.
    pub lang: &'static str,
}

impl Tr {
    /// Translator for `lang` (unknown languages become English).
    pub fn new(catalog: Arc<Catalog>, lang: &str) -> Self {
        let lang = LANGUAGES
            .iter()
            .map(|(l, _)| *l)
            .find(|l| *l == lang)
            .unwrap_or("en");
        Self { catalog, lang }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.catalog.format(self.lang, key, None)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value.into());
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// The message `key` with two arguments.
    pub fn t2(&self, key: &str, (n1, v1): (&str, String), (n2, v2): (&str, String)) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_string(), FluentValue::from(v1));
        args.set(n2.to_string(), FluentValue::from(v2));
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// The message `key` with any arguments (numbers stay numbers, for plural forms).
    pub fn tn(&self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let mut a = FluentArgs::new();
        for (name, value) in args {
            a.set(name.to_string(), value.clone());
        }
        self.catalog.format(self.lang, key, Some(&a))
    }

    /// Whether `key` has a message in this language or in English.
    pub fn has(&self, key: &str) -> bool {
        self.catalog.has(self.lang, key) || self.catalog.has("en", key)
    }

    /// Picks the best supported language from an `Accept-Language` header.
    pub fn negotiate(header: &str) -> &'static str {
        let mut best = ("en", 0.0f32);
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some((l, _)) = LANGUAGES.iter().find(|(l, _)| *l == primary) {
                if q > best.1 {
                    best = (l, q);
                }
            }
        }
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records' texts have versions in the portal's languages (`liaison_domain::texts`),
    /// and the portal speaks the languages reporters may prefer: one list.
    #[test]
    fn the_portal_speaks_the_languages_records_are_written_in() {
        let codes: Vec<&str> = LANGUAGES.iter().map(|(l, _)| *l).collect();
        assert_eq!(codes, liaison_domain::values::LANGUAGES);
        assert_eq!(codes[0], liaison_domain::texts::OFFICE_LANGUAGE);
    }

    #[test]
    fn negotiates_and_falls_back() {
        assert_eq!(Tr::negotiate("fr-CA,fr;q=0.9,en;q=0.8"), "fr");
        assert_eq!(Tr::negotiate("de,es;q=0.5"), "es");
        assert_eq!(Tr::negotiate("garbage;;q=x"), "en");
        let c = Catalog::load();
        let es = Tr::new(c.clone(), "es");
        assert_eq!(es.t("no-such-message"), "no-such-message");
        assert_ne!(es.t("portal-title"), Tr::new(c, "en").t("portal-title"));
    }
}
