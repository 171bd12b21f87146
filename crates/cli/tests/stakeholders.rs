//! `liaison stakeholders import` as an operator runs it, on contacts files as Google
//! Contacts and an iPhone write them: a dry run writes nothing, a real run adds the people,
//! a second run finds them all as likely duplicates, and the audit trail still verifies.

mod common;

use std::path::PathBuf;

use common::{fresh_postgres, liaison};

/// One of the interchange fixtures of the domain crate.
fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../domain/tests/fixtures")
        .join(path)
        .display()
        .to_string()
}

/// The audit trail's entry count, from `liaison audit verify`, which must pass.
fn entries(run: &dyn Fn(&[&str]) -> (bool, String)) -> u64 {
    let (ok, out) = run(&["audit", "verify"]);
    assert!(ok, "{out}");
    let rest = out
        .split("intact: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    rest.split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count")
}

async fn import(postgres: bool) {
    let tag = format!("liaison_cli_import_{}_{}", postgres, std::process::id());
    let dir = std::env::temp_dir().join(&tag);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("data folder");
    let url = if postgres {
        match fresh_postgres(&tag).await {
            Some(url) => url,
            None => return,
        }
    } else {
        format!("sqlite://{}/liaison.db", dir.display())
    };
    let run = |args: &[&str]| liaison(&dir, &url, args);
    let google = fixture("csv/google-contacts.csv");
    let iphone = fixture("vcard/iphone-ios17.vcf");

    // A dry run says what it would add and writes nothing.
    let (ok, out) = run(&["stakeholders", "import", &google, "--dry-run"]);
    assert!(ok, "{out}");
    assert!(
        out.starts_with("4 rows read: 4 ready to add, 0 likely"),
        "{out}"
    );
    assert!(out.contains("Dry run: nothing was written."), "{out}");
    // Piped, the progress bar is not drawn: no carriage returns, no escape sequences.
    assert!(!out.contains('\r') && !out.contains('\x1b'), "{out:?}");
    assert_eq!(entries(&run), 0);

    let (ok, out) = run(&["stakeholders", "import", &google]);
    assert!(ok, "{out}");
    assert!(out.contains("Added 4 people."), "{out}");
    assert!(!out.contains('\r') && !out.contains('\x1b'), "{out:?}");
    let after_google = entries(&run);
    // Four people, the two organizations two of them belong to, and their memberships.
    assert_eq!(after_google, 8);

    // Again: every row is someone already in the register, and nothing is added.
    let (ok, out) = run(&["stakeholders", "import", &google]);
    assert!(ok, "{out}");
    assert!(
        out.starts_with("4 rows read: 0 ready to add, 4 likely already in the register"),
        "{out}"
    );
    assert!(out.contains("Added nobody."), "{out}");
    assert!(out.contains("--import-duplicates adds them too"), "{out}");
    for line in ["line 2: likely #", "line 5: likely #", "line 8: likely #"] {
        assert!(out.contains(line), "{line} in {out}");
    }
    assert_eq!(entries(&run), after_google);

    // An iPhone's vCard file: added, then found again.
    let (ok, out) = run(&["stakeholders", "import", &iphone]);
    assert!(ok, "{out}");
    assert!(
        out.contains("3 ready to add") && out.contains("Added 3 people."),
        "{out}"
    );
    let (ok, out) = run(&["stakeholders", "import", &iphone]);
    assert!(ok, "{out}");
    assert!(out.contains("0 ready to add, 3 likely already"), "{out}");
    assert!(out.contains("line 1: likely #"), "{out}");
    // Asked to, it adds the likely duplicates too.
    let (ok, out) = run(&["stakeholders", "import", &iphone, "--import-duplicates"]);
    assert!(ok, "{out}");
    assert!(out.contains("Added 3 people."), "{out}");
    assert!(!out.contains("left out"), "{out}");

    // Rows with mistakes are named with their line and field, and are not fatal.
    let mistakes = dir.join("mistakes.csv");
    std::fs::write(
        &mistakes,
        "Name,E-mail Address\nAna Reyes,not-an-email\nBen Okafor,ben@example.org\n\
         Ben Okafor,ben@example.org\n",
    )
    .expect("write");
    let path = mistakes.display().to_string();
    let (ok, out) = run(&["stakeholders", "import", &path]);
    assert!(ok, "{out}");
    assert!(
        out.contains("1 repeating an earlier row, 1 with mistakes"),
        "{out}"
    );
    assert!(
        out.contains("line 2: emails: Enter an email address like name@example.org."),
        "{out}"
    );
    assert!(out.contains("line 4: repeats line 3"), "{out}");
    assert!(out.contains("Added one person."), "{out}");
    let (ok, out) = run(&["audit", "verify"]);
    assert!(ok, "{out}");

    // A file that cannot be read is refused, and the command fails.
    let missing = dir.join("nowhere.csv").display().to_string();
    let (ok, out) = run(&["stakeholders", "import", &missing]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "error: FILE {missing:?} was not accepted. There is no file"
        )),
        "{out}"
    );
    let folder = dir.display().to_string();
    let (ok, out) = run(&["stakeholders", "import", &folder]);
    assert!(!ok && out.contains("This is a folder."), "{out}");
    let binary = dir.join("photo.csv");
    std::fs::write(&binary, [0_u8, 159, 146, 150, 0, 1, 2, 3].repeat(64)).expect("write");
    let (ok, out) = run(&["stakeholders", "import", &binary.display().to_string()]);
    assert!(!ok && out.contains("was not accepted."), "{out}");

    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn importing_contacts_files_on_sqlite() {
    import(false).await;
}

#[tokio::test]
async fn importing_contacts_files_on_postgres() {
    import(true).await;
}
