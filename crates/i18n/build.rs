//! Lists the translation files (`locales/{language}/{feature}.ftl`) for `src/i18n.rs`, so a
//! feature's messages are a file of their own in each language and no list to edit.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs (see crates/store/build.rs).
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    for language in std::fs::read_dir(&dir).expect("the locales folder") {
        let language = language.expect("a language folder").path();
        if !language.is_dir() {
            continue;
        }
        // A file added to a language's folder changes the folder.
        println!("cargo:rerun-if-changed={}", language.display());
        for file in std::fs::read_dir(&language).expect("a language folder") {
            let path = file.expect("a translation file").path();
            if path.extension().is_some_and(|e| e == "ftl") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for path in files {
        let name = |p: &Path| {
            p.file_name()
                .and_then(|n| n.to_str())
                .expect("a name")
                .to_string()
        };
        let language = name(path.parent().expect("its language's folder"));
        writeln!(
            out,
            "    ({language:?}, {:?}, include_str!({:?})),",
            name(&path),
            path.display().to_string()
        )
        .expect("a string");
    }
    out.push(']');
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("locales.rs");
    std::fs::write(target, out).expect("writing the translation files' list");
}
