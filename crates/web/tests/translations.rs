//! Every message a page can show exists in English, and every message of the public
//! portal exists in Spanish and French. Each language is a folder of files, one per
//! feature (`locales/en/concerns.ftl`), all compiled in, and no message is defined twice.

use std::path::Path;

use liaison_domain::categories::QuestionKind;
use liaison_domain::concerns::{Action, Channel, Confidentiality, Priority, Status};
use liaison_domain::deadlines::TargetUnit;
use liaison_domain::Role;
use std::collections::BTreeMap;

use liaison_web::i18n::{sources, Catalog};

/// Quoted keys that follow `marker` in `text`, such as `t("key")`.
fn keys_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        // `t("` must start a word, or `get("` and `current("` would count.
        .filter(|(i, _)| !text[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            let end = rest.find('"')?;
            let key = &rest[..end];
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                .then(|| key.to_string())
        })
        .filter(|k| !k.is_empty())
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn keys_in(paths: &[std::path::PathBuf]) -> Vec<String> {
    let mut keys = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).expect("read");
        for marker in ["t(\"", "t1(\"", "tr.t(\"", "label_key = \""] {
            keys.extend(keys_after(&text, marker));
        }
        keys.extend(
            keys_after(&text, "\"error-")
                .into_iter()
                .map(|k| format!("error-{k}")),
        );
    }
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn english_has_every_message_the_code_uses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in [
        "templates",
        "src",
        "../domain/src",
        "../app/src",
        "../mail/src",
    ] {
        files(&root.join(dir), &mut paths);
    }
    let catalog = Catalog::load();
    let mut keys = keys_in(&paths);
    let words: Vec<(&str, Vec<&str>)> = vec![
        ("status", Status::ALL.iter().map(|s| s.as_str()).collect()),
        (
            "priority",
            Priority::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        ("channel", Channel::ALL.iter().map(|s| s.as_str()).collect()),
        (
            "confidentiality",
            Confidentiality::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        ("action", Action::ALL.iter().map(|s| s.as_str()).collect()),
        (
            "kind",
            QuestionKind::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        ("unit", TargetUnit::ALL.iter().map(|s| s.as_str()).collect()),
        ("role", Role::ALL.iter().map(|s| s.as_str()).collect()),
        (
            "role-explain",
            Role::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        ("language", liaison_domain::values::LANGUAGES.to_vec()),
        (
            "sort",
            liaison_store::concerns::Sort::ALL
                .iter()
                .map(|s| s.as_str())
                .collect(),
        ),
        (
            "done",
            vec!["status", "assigned", "noted", "duplicate", "attached"],
        ),
        (
            "search-kind",
            liaison_domain::records::RecordKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        ),
        (
            "search-more",
            liaison_domain::records::RecordKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        ),
        (
            "search-none-recent",
            liaison_domain::records::RecordKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        ),
        (
            "search-recent-only",
            liaison_domain::records::RecordKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        ),
        (
            "search-older",
            liaison_domain::records::RecordKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect(),
        ),
        (
            "file-kind",
            liaison_domain::attachments::FileKind::ALL
                .iter()
                .map(|k| k.as_str())
                .chain(["other"])
                .collect(),
        ),
    ];
    for (prefix, values) in &words {
        keys.extend(values.iter().map(|v| format!("{prefix}-{v}")));
    }
    keys.extend(
        Status::ALL
            .iter()
            .map(|s| format!("status-{}-explain", s.as_str())),
    );
    let ignored = ["error-summary", "no-such-message"];
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !ignored.contains(&k.as_str()) && !catalog.has("en", k))
        .collect();
    assert!(missing.is_empty(), "missing from locales/en/: {missing:?}");
}

#[test]
fn the_public_portal_speaks_spanish_and_french() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut paths = Vec::new();
    files(&root.join("portal"), &mut paths);
    for f in [
        "base.html",
        "error.html",
        "questions.html",
        "text.html",
        "error_summary.html",
        "staff/sign_in.html",
    ] {
        paths.push(root.join(f));
    }
    let catalog = Catalog::load();
    let mut keys: Vec<String> = keys_in(&paths)
        .into_iter()
        // `error-summary` is an element id, not a message.
        .filter(|k| k != "error-summary")
        // The staff-only branch of the layout stays in English.
        .filter(|k| {
            ![
                "nav-concerns",
                "nav-search",
                "nav-record",
                "nav-admin",
                "sign-out",
            ]
            .contains(&k.as_str())
        })
        .collect();
    for s in Status::ALL {
        keys.push(format!("status-{}", s.as_str()));
        keys.push(format!("status-{}-explain", s.as_str()));
    }
    for code in [
        "error-required",
        "error-too-long",
        "error-email",
        "error-phone",
        "error-coordinates",
        "error-choice",
        "error-number",
        "error-date",
        "error-category",
        "error-sign-in",
        "error-not-found",
        "error-throttled",
        "error-file-empty",
        "error-file-too-large",
        "error-photo-type",
        "error-file-mismatch",
        "error-file-damaged",
        "error-too-many-files",
        "error-too-large-title",
        "error-too-large",
        "error-bad-form-title",
        "error-bad-form",
        // Refusals for the database's or the server's state (`errors::Refusal`).
        "error-unavailable-title",
        "error-unavailable",
        "error-storage-full-title",
        "error-storage-full",
        "error-overloaded-title",
        "error-overloaded",
        "error-timeout-title",
        "error-timeout",
        "portal-photo-hint",
        "size-bytes",
        "size-kb",
        "size-mb",
    ] {
        keys.push(code.to_string());
    }
    for lang in ["es", "fr"] {
        let missing: Vec<&String> = keys.iter().filter(|k| !catalog.has(lang, k)).collect();
        assert!(
            missing.is_empty(),
            "missing from locales/{lang}/: {missing:?}"
        );
    }
}

/// The messages (and terms) a Fluent file defines: each with its line.
fn defined(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let name = id.strip_prefix('-').unwrap_or(id);
            let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| (id.to_string(), n + 1))
        })
        .collect()
}

/// Each message defined a second time in a language, with where it was defined first.
fn defined_twice(files: &[(&str, &str, &str)]) -> Vec<String> {
    let mut seen: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut twice = Vec::new();
    for (language, file, text) in files {
        for (id, line) in defined(text) {
            let here = format!("{language}/{file}:{line}");
            if let Some(first) = seen.insert((language, id.clone()), here.clone()) {
                twice.push(format!("{id} in {first} and {here}"));
            }
        }
    }
    twice
}

#[test]
fn every_translation_file_is_compiled_in_and_no_message_is_defined_twice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../i18n/locales");
    let mut on_disk = Vec::new();
    files(&root, &mut on_disk);
    let mut on_disk: Vec<(String, String)> = on_disk
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .map(|p| {
            let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(String::from);
            let language = p.parent().and_then(name).expect("a language folder");
            (language, name(p).expect("a file name"))
        })
        .collect();
    on_disk.sort();
    let mut compiled: Vec<(String, String)> = sources()
        .iter()
        .map(|(language, file, _)| (language.to_string(), file.to_string()))
        .collect();
    compiled.sort();
    assert_eq!(
        compiled, on_disk,
        "every file in locales/LANGUAGE/ is compiled in"
    );
    for (language, _) in &on_disk {
        assert!(
            ["en", "es", "fr"].contains(&language.as_str()),
            "locales/{language}/ is a language Liaison speaks"
        );
    }
    let twice = defined_twice(sources());
    assert!(twice.is_empty(), "messages defined twice: {twice:#?}");
    // The check finds what Fluent would refuse: the same message in two files of a language.
    let copy = [
        (
            "en",
            "portal.ftl",
            "# a = comment\nportal-title = A\nspan = { $n ->\n   *[other] = b\n}\n",
        ),
        ("en", "concerns.ftl", "-brand = Liaison\nportal-title = B\n"),
        ("es", "portal.ftl", "portal-title = C\n"),
    ];
    assert_eq!(
        defined_twice(&copy),
        ["portal-title in en/portal.ftl:2 and en/concerns.ftl:2"]
    );
    // Every file parses, and the catalog loads (it refuses a message defined twice).
    let catalog = Catalog::load();
    assert!(catalog.has("es", "portal-title"));
}
