//! `liaison stakeholders import`: bringing a contacts file — a CSV export of a spreadsheet
//! or an address book, or a vCard file from a phone — into the stakeholder register from
//! the command line, each row checked with the register's rules as the staff pages check
//! it, and written through the same door, audited as the command line.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use liaison_app::stakeholders::import::{Report, MAX_FILE_BYTES};
use liaison_domain::FieldErrors;

use crate::progress::Bar;
use crate::refusals::{self, os_reason, quoted, refused, tr, Arg};

/// The stakeholder register's commands.
#[derive(Subcommand)]
pub enum StakeholdersCommand {
    /// Add the people of a contacts file to the register: a CSV file (saved from Excel,
    /// LibreOffice, Numbers, Google Contacts or Outlook) or a vCard file (.vcf) from a
    /// phone or an address book, up to 50 MB. Rows with mistakes are listed with their
    /// line and left out; so are likely duplicates — of people already in the register
    /// (the same phone, email or name) or of earlier rows — unless --import-duplicates.
    Import {
        /// The contacts file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Check the file and say what would be added, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Add the likely duplicates too.
        #[arg(long)]
        import_duplicates: bool,
    },
}

/// Runs one command. The file is read before the database is opened, so a wrong one is
/// said at once.
pub async fn run(cli: &super::Cli, command: &StakeholdersCommand) -> Result<(), String> {
    let StakeholdersCommand::Import {
        file,
        dry_run,
        import_duplicates,
    } = command;
    let bytes = read(file)?;
    let (app, _) = super::open(cli).await?;
    let bar = Bar::new();
    bar.show("cli-progress-checking-file", 0, 0);
    let hear =
        |done: usize, total: usize| bar.show("cli-progress-import", done as u64, total as u64);
    let report = app
        .stakeholders()
        .import_file(&bytes, *dry_run, !*import_duplicates, &hear)
        .await
        .map_err(|e| {
            let given = Arg::text("file", "FILE", &file.display().to_string());
            refusals::explain(e, &[given])
        })?;
    bar.clear();
    for line in describe(&report, *dry_run, *import_duplicates) {
        println!("{line}");
    }
    Ok(())
}

/// The file's bytes, or why it cannot be imported: missing, a folder, unreadable, empty or
/// larger than an import takes.
fn read(file: &Path) -> Result<Vec<u8>, String> {
    let tr = tr();
    let too_large = || tr.t1("cli-file-too-large", "max", MAX_FILE_BYTES / (1024 * 1024));
    let why = match std::fs::metadata(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tr.t1("cli-file-missing", "reason", os_reason(&e))
        }
        Err(e) => tr.t1("cli-file-unreadable", "reason", os_reason(&e)),
        Ok(m) if m.is_dir() => tr.t("cli-file-folder"),
        Ok(m) if m.len() > MAX_FILE_BYTES as u64 => too_large(),
        Ok(_) => match std::fs::read(file) {
            // Checked again: the file may have grown since.
            Ok(bytes) if bytes.len() > MAX_FILE_BYTES => too_large(),
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => tr.t("cli-file-empty"),
            Ok(bytes) => return Ok(bytes),
            Err(e) => tr.t1("cli-file-unreadable", "reason", os_reason(&e)),
        },
    };
    Err(refused(&quoted("FILE", file.display()), &why))
}

/// What the import found and did, as lines: the counts, what was written, then each row
/// with mistakes (`line N: field: why`) and each likely duplicate (`line N: likely #ID`,
/// `line N: repeats line M`).
fn describe(report: &Report, dry_run: bool, import_duplicates: bool) -> Vec<String> {
    let tr = tr();
    let c = report.counts;
    let rows = c.ready + c.known + c.repeated + c.invalid;
    let counts = [
        tr.t1("cli-import-ready", "count", c.ready),
        tr.t1("cli-import-known", "count", c.known),
        tr.t1("cli-import-repeated", "count", c.repeated),
        tr.t1("cli-import-invalid", "count", c.invalid),
    ]
    .join(", ");
    let mut lines = vec![tr.t2(
        "cli-import-summary",
        ("rows", tr.t1("cli-import-rows", "count", rows)),
        ("counts", counts),
    )];
    let duplicates = c.known + c.repeated;
    if dry_run {
        lines.push(tr.t("cli-import-dry-run"));
    } else {
        lines.push(tr.t1("cli-import-added", "count", report.imported));
    }
    if duplicates > 0 && !import_duplicates {
        lines.push(tr.t("cli-import-duplicates-left-out"));
    }
    if !report.invalid.is_empty() {
        lines.push(tr.t("cli-import-mistakes"));
        for (line, errors) in &report.invalid {
            lines.extend(mistakes(*line, errors));
        }
    }
    if !report.duplicates.is_empty() {
        lines.push(tr.t("cli-import-duplicates"));
        for (line, ids, earlier) in &report.duplicates {
            let what = match earlier {
                Some(earlier) => tr.t1("cli-import-repeats", "line", *earlier),
                None => {
                    let ids: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
                    tr.t1("cli-import-likely", "ids", ids.join(", "))
                }
            };
            lines.push(format!(
                "{}: {what}",
                tr.t1("cli-import-line", "line", *line)
            ));
        }
    }
    lines
}

/// One line for each field at fault in a row: `line N: field: why`.
fn mistakes(line: usize, errors: &FieldErrors) -> impl Iterator<Item = String> + '_ {
    let at = tr().t1("cli-import-line", "line", line);
    errors
        .0
        .iter()
        .map(move |f| format!("{at}: {}: {}", f.field, tr().t(f.code)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_app::stakeholders::import::Counts;

    #[test]
    fn a_report_says_what_was_found_line_by_line() {
        let mut errors = FieldErrors::new();
        errors.add("emails", "error-email");
        let report = Report {
            counts: Counts {
                ready: 1,
                invalid: 1,
                known: 1,
                repeated: 1,
            },
            invalid: vec![(4, errors)],
            duplicates: vec![(3, vec![12, 15], None), (5, Vec::new(), Some(2))],
            imported: 1,
        };
        assert_eq!(
            describe(&report, false, false),
            [
                "4 rows read: 1 ready to add, 1 likely already in the register, \
                 1 repeating an earlier row, 1 with mistakes.",
                "Added one person.",
                "Likely duplicates were left out: --import-duplicates adds them too.",
                "Rows with mistakes, left out:",
                "line 4: emails: Enter an email address like name@example.org.",
                "Likely duplicates:",
                "line 3: likely #12, #15",
                "line 5: repeats line 2",
            ]
        );
        let none = Report::default();
        assert_eq!(
            describe(&none, true, false),
            [
                "No rows read: 0 ready to add, 0 likely already in the register, \
                 0 repeating an earlier row, 0 with mistakes.",
                "Dry run: nothing was written.",
            ]
        );
    }
}
