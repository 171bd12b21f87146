//! Importing contacts files into the register: a CSV export of a spreadsheet or an address
//! book, or a vCard file from a phone. Nothing is written until the user confirms: the
//! file is kept and read, each row checked with the register's own rules (its line named
//! with what is wrong), and likely duplicates found — of people already in the register
//! (the same phone, email or name) and of rows earlier in the file. The confirmed import
//! writes in batches, each one transaction with its timeline lines, search entries and
//! audit entries and the count of rows done, so its progress can be shown from any server.
//! A person's organization is found by its name, or added, and the person made a member
//! with their title.

use std::collections::HashMap;

use liaison_domain::audit::StakeholderAction;
use liaison_domain::interchange::{csv, vcard, Card};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    self as rules, Assessed, OrganizationType, Profile, ProfileInput, RelationshipKind,
    RelationshipTerms, StakeholderLine,
};
use liaison_domain::{Confidentiality, FieldErrors, Sight};
use liaison_store::imports;

pub use liaison_store::imports::Import;
use liaison_store::search;
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{Details, Stakeholder, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{AppError, AppResult, Flag, List};

/// Rows written in one transaction: each commit writes and syncs every page it dirtied,
/// and twenty thousand rows share most of theirs (the indexes' pages, the audit trail's
/// last pages); a thousand to a commit wrote a third as many rows a second, ten thousand
/// a tenth fewer (docs/benchmarks.md). Other writers wait for a batch: about two seconds.
const BATCH: usize = 20_000;
/// The longest file added before the page answers; a longer one goes on in the background.
const AWAITED: i64 = 1_000;
/// The largest file an import takes.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Rows the preview page lists (its counts cover every row).
pub const PREVIEW_ROWS: usize = 50;

/// How the columns of an imported CSV file are read (`POST /staff/imports/{id}/mapping`):
/// one word per column, in the file's order.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MapColumns {
    /// For each column: `ignore`, `name`, `given_name`, `family_name`, `addressed_as`,
    /// `honorific`, `phone`, `email`, `address`, `address_part_0` (…`_2`), `organization`,
    /// `title`, `language`, `tags` or `notes`.
    pub columns: List,
}

/// An import confirmed (`POST /staff/imports/{id}/start`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StartImport {
    /// Import rows that look like people already in the register too (otherwise they are
    /// left out).
    pub import_duplicates: Flag,
}

/// What the check found of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Ready to add.
    Ready,
    /// Not valid: the fields at fault and why.
    Invalid(FieldErrors),
    /// Likely one already in the register: their ids.
    Known(Vec<i64>),
    /// The same person as a row earlier in the file: its line.
    Repeated(usize),
}

/// One row of the file, checked.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// The line of the file it starts on.
    pub line: usize,
    /// What was read.
    pub card: Card,
    /// What the check found.
    pub verdict: Verdict,
    /// The person it would add (when valid).
    profile: Option<(Profile, Details)>,
}

/// The counts of a checked file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows ready to add.
    pub ready: usize,
    /// Rows not valid.
    pub invalid: usize,
    /// Rows likely already in the register.
    pub known: usize,
    /// Rows repeating an earlier one.
    pub repeated: usize,
}

/// A file read and checked, nothing written: what the preview shows.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The import.
    pub import: Import,
    /// A CSV file's headers (empty for vCard).
    pub headers: Vec<String>,
    /// A CSV file's columns as they are read now.
    pub columns: Vec<csv::Column>,
    /// A CSV file's encoding and delimiter, as found.
    pub read_as: Option<(csv::Encoding, u8)>,
    /// Every row, checked.
    pub rows: Vec<CheckedRow>,
    /// Their counts.
    pub counts: Counts,
    /// Why the whole file could not be read, if so (a message key and the line).
    pub unreadable: Option<(&'static str, Option<usize>)>,
}

/// What an import from the command line did (or, dry, would do).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The counts.
    pub counts: Counts,
    /// Each row not valid, with its line and the fields at fault.
    pub invalid: Vec<(usize, FieldErrors)>,
    /// Each likely duplicate: its line, the ids of the people already in the register it
    /// is likely to be, or (ids empty) the earlier line it repeats.
    pub duplicates: Vec<(usize, Vec<i64>, Option<usize>)>,
    /// People added.
    pub imported: usize,
}

/// Whether bytes are a vCard file rather than CSV.
/// A line of its first few beginning `BEGIN:VCARD`: some programs write a line of their
/// own first (Thunderbird's "Exported from Thunderbird").
fn is_vcard(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text.split(|b| *b == b'\n').take(8).any(|line| {
        let line = line.trim_ascii_start();
        line.get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case(b"BEGIN:VCARD"))
    })
}

/// Common names of languages people write in a spreadsheet instead of a tag.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("espanol", "es"),
    ("french", "fr"),
    ("français", "fr"),
    ("francais", "fr"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("arabic", "ar"),
    ("somali", "so"),
    ("swahili", "sw"),
    ("kiswahili", "sw"),
    ("zulu", "zu"),
    ("isizulu", "zu"),
    ("xhosa", "xh"),
    ("isixhosa", "xh"),
    ("afrikaans", "af"),
    ("sesotho", "st"),
    ("setswana", "tn"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("vietnamese", "vi"),
    ("german", "de"),
    ("italian", "it"),
    ("russian", "ru"),
    ("hindi", "hi"),
    ("urdu", "ur"),
    ("amharic", "am"),
    ("tigrinya", "ti"),
    ("dari", "prs"),
    ("pashto", "ps"),
    ("farsi", "fa"),
    ("persian", "fa"),
    ("turkish", "tr"),
    ("polish", "pl"),
    ("ukrainian", "uk"),
    ("tagalog", "tl"),
];

/// A language as written in a file: a BCP 47 tag, or a language's common name.
fn language(written: &str) -> String {
    let w = written.trim();
    if rules::language_tag(w).is_ok() {
        return w.to_string();
    }
    let lower = w.to_lowercase();
    LANGUAGE_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map_or(w.to_string(), |(_, tag)| tag.to_string())
}

/// A card checked as a person: the profile and details to write, or the fields at fault.
fn person(card: &Card) -> Result<(Profile, Details), FieldErrors> {
    let mut errors = FieldErrors::new();
    // A title without an organization would be lost: kept in the notes.
    let notes = if !card.title.is_empty() && card.organization.is_empty() {
        format!("{}\n{}", card.title, card.notes).trim().to_string()
    } else {
        card.notes.clone()
    };
    let profile = rules::profile(
        ProfileInput {
            name: &card.name,
            phones: &card.phones,
            emails: &card.emails,
            addresses: &card.addresses,
            tags: &card.tags,
            notes: &notes,
            confidentiality: Confidentiality::Restricted.as_str(),
            influence: "",
            interest: "",
            attitude: "",
        },
        &mut errors,
    );
    let details = rules::person_details(
        &card.addressed_as,
        &language(&card.language),
        false,
        "",
        &mut errors,
    );
    if card.organization.chars().count() > rules::NAME_MAX {
        errors.add("organization", "error-too-long");
    }
    if card.title.chars().count() > rules::TITLE_MAX {
        errors.add("title", "error-too-long");
    }
    match (profile, details) {
        (Some(p), Some(d)) if errors.is_empty() => Ok((p, Details::Person(d))),
        _ => Err(errors),
    }
}

/// The cards of a file, each with its line, or why the file cannot be read at all.
type Read = (
    Vec<(usize, Result<Card, &'static str>)>,
    Vec<String>,
    Vec<csv::Column>,
    Option<(csv::Encoding, u8)>,
);

fn read_file(bytes: &[u8], mapping: &[String]) -> Result<Read, (&'static str, Option<usize>)> {
    if is_vcard(bytes) {
        let cards = vcard::read(bytes)
            .into_iter()
            .map(|e| (e.line, e.card))
            .collect();
        return Ok((cards, Vec::new(), Vec::new(), None));
    }
    let table = csv::read(bytes).map_err(|e| (e.key, e.line))?;
    let guessed = csv::guess(&table.headers);
    let columns: Vec<csv::Column> = if mapping.len() == table.headers.len() {
        mapping
            .iter()
            .zip(&guessed)
            .map(|(w, g)| csv::Column::parse(w).unwrap_or(*g))
            .collect()
    } else {
        guessed
    };
    let cards = table
        .rows
        .iter()
        .map(|r| (r.line, Ok(csv::card(r, &columns))))
        .collect();
    Ok((
        cards,
        table.headers,
        columns,
        Some((table.encoding, table.delimiter)),
    ))
}

impl Stakeholders<'_> {
    /// Keeps an uploaded contacts file for an import of people and answers the import's
    /// id; nothing is added to the register yet. A CSV file's columns are guessed from
    /// its headers.
    pub async fn upload_contacts(&self, by: &User, name: &str, bytes: Vec<u8>) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        if bytes.is_empty() {
            return Err(AppError::field("file", "error-required"));
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(AppError::field("file", "error-file-too-large"));
        }
        let (cards, _, columns, _) =
            read_file(&bytes, &[]).map_err(|(key, _)| AppError::field("file", key))?;
        let size = bytes.len();
        let hash = self.app.keep_bytes(bytes).await?;
        let import = Import {
            id: 0,
            user_id: Some(by.id),
            file_hash: hash,
            file_name: name.chars().take(200).collect(),
            format: if columns.is_empty() { "vcard" } else { "csv" }.into(),
            mapping: columns.iter().map(|c| c.word()).collect(),
            skip_duplicates: true,
            status: "preview".into(),
            total: cards.len() as i64,
            done: 0,
            imported: 0,
            skipped: 0,
            invalid: 0,
            created_at: 0,
            updated_at: 0,
        };
        door.change(async |tx| {
            let at = tx.at;
            let id = imports::create(tx, &import, at).await?;
            // The file's size and rows, never its contents: people may ask to be erased.
            tx.record(
                StakeholderAction::ImportUpload,
                id,
                json!({ "format": import.format, "bytes": size, "rows": import.total }),
            );
            Ok(id)
        })
        .await
    }

    /// An import as its preview shows it: every row read and checked, nothing written.
    pub async fn import_preview(&self, by: &User, id: i64) -> AppResult<Preview> {
        let import = self.import_of(by, id).await?;
        let bytes = self.app.bytes_kept(&import.file_hash).await?;
        let sight = by.role.sight(by.id);
        match read_file(&bytes, &import.mapping) {
            Ok((cards, headers, columns, read_as)) => {
                let (rows, counts) = self.check(cards, sight).await?;
                Ok(Preview {
                    import,
                    headers,
                    columns,
                    read_as,
                    rows,
                    counts,
                    unreadable: None,
                })
            }
            Err(e) => Ok(Preview {
                import,
                headers: Vec::new(),
                columns: Vec::new(),
                read_as: None,
                rows: Vec::new(),
                counts: Counts::default(),
                unreadable: Some(e),
            }),
        }
    }

    /// Reads an import's CSV columns as the user mapped them.
    pub async fn map_import(&self, by: &User, id: i64, cmd: &MapColumns) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let import = self.import_of(by, id).await?;
        if import.status != "preview" {
            return Err(AppError::field("columns", "error-import-started"));
        }
        if cmd.columns.0.len() != import.mapping.len() {
            return Err(AppError::field("columns", "error-choice"));
        }
        let mut words = Vec::new();
        for w in &cmd.columns.0 {
            match csv::Column::parse(w) {
                Some(c) => words.push(c.word()),
                None => return Err(AppError::field("columns", "error-choice")),
            }
        }
        if words == import.mapping {
            return Ok(());
        }
        door.change(async |tx| {
            let at = tx.at;
            imports::set_mapping(tx, id, &words, at).await?;
            tx.record(
                StakeholderAction::ImportColumns,
                id,
                json!({ "columns": words }),
            );
            Ok(())
        })
        .await
    }

    /// Starts a previewed import: the rows are written in the background, batch by batch;
    /// the import's page shows how far it has got.
    pub async fn start_import(&self, by: &User, id: i64, cmd: &StartImport) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let import = self.import_of(by, id).await?;
        let skip = !cmd.import_duplicates.is_set();
        door.change(async |tx| {
            let at = tx.at;
            if !imports::start(tx, id, skip, at).await? {
                return Err(AppError::field("import_duplicates", "error-import-started"));
            }
            tx.record(
                StakeholderAction::ImportStart,
                id,
                json!({ "skip_duplicates": skip }),
            );
            Ok(())
        })
        .await?;
        let awaited = import.total <= AWAITED;
        let (app, by) = (self.app.clone(), by.clone());
        let running = tokio::spawn(async move {
            let s = app.stakeholders();
            let result = s.run(Some(&by), &import, skip).await;
            let status = if result.is_ok() { "done" } else { "failed" };
            if let Err(e) = &result {
                tracing::error!(import = id, error = %e, "an import failed");
            }
            let _ = app
                .bookkeeping(async |c| Ok(imports::finish(c, id, status, crate::now()).await?))
                .await;
        });
        // A short file is added before the answer; a longer one goes on in the background
        // while its page shows how far it has got.
        if awaited {
            running
                .await
                .map_err(|_| AppError::Internal("the import stopped"))?;
        }
        Ok(())
    }

    /// An import's state, for its page while it runs.
    pub async fn import_state(&self, by: &User, id: i64) -> AppResult<Import> {
        self.import_of(by, id).await
    }

    /// Imports a contacts file from the command line (as a dry run: checks it and says
    /// what would be added); `progress` hears of each batch (rows done, rows in all).
    pub async fn import_file(
        &self,
        bytes: &[u8],
        dry_run: bool,
        skip_duplicates: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> AppResult<Report> {
        let (cards, ..) = read_file(bytes, &[]).map_err(|(key, _)| AppError::field("file", key))?;
        let (rows, counts) = self.check(cards, Sight::Everything).await?;
        let mut report = Report {
            counts,
            ..Report::default()
        };
        for r in &rows {
            match &r.verdict {
                Verdict::Invalid(e) => report.invalid.push((r.line, e.clone())),
                Verdict::Known(ids) => report.duplicates.push((r.line, ids.clone(), None)),
                Verdict::Repeated(l) => report.duplicates.push((r.line, Vec::new(), Some(*l))),
                Verdict::Ready => {}
            }
        }
        if !dry_run {
            report.imported = self
                .write(None, None, rows, skip_duplicates, progress)
                .await?;
        }
        Ok(report)
    }

    /// An import `by` may see: their own, or any for those who oversee.
    async fn import_of(&self, by: &User, id: i64) -> AppResult<Import> {
        crate::require(by, Permission::ManageStakeholders)?;
        let mut c = self.app.store.read().await?;
        match imports::get(&mut c, id).await? {
            Some(i) if i.user_id == Some(by.id) || by.role.oversees() => Ok(i),
            _ => Err(AppError::NotFound),
        }
    }

    /// Reads the import's file again and writes its rows.
    async fn run(&self, by: Option<&User>, import: &Import, skip: bool) -> AppResult<usize> {
        let bytes = self.app.bytes_kept(&import.file_hash).await?;
        let (cards, ..) =
            read_file(&bytes, &import.mapping).map_err(|(key, _)| AppError::field("file", key))?;
        let sight = by.map_or(Sight::Everything, |u| u.role.sight(u.id));
        let (rows, _) = self.check(cards, sight).await?;
        self.write(by, Some(import.id), rows, skip, &|_, _| {})
            .await
    }

    /// Checks every row: valid by the register's rules, and not likely someone already in
    /// the register (that `sight` sees) or earlier in the file.
    async fn check(
        &self,
        cards: Vec<(usize, Result<Card, &'static str>)>,
        sight: Sight,
    ) -> AppResult<(Vec<CheckedRow>, Counts)> {
        let mut rows: Vec<CheckedRow> = cards
            .into_iter()
            .map(|(line, card)| match card {
                Ok(card) => match person(&card) {
                    Ok(p) => CheckedRow {
                        line,
                        card,
                        verdict: Verdict::Ready,
                        profile: Some(p),
                    },
                    Err(e) => CheckedRow {
                        line,
                        card,
                        verdict: Verdict::Invalid(e),
                        profile: None,
                    },
                },
                Err(key) => {
                    let mut e = FieldErrors::new();
                    e.add("file", key);
                    CheckedRow {
                        line,
                        card: Card::default(),
                        verdict: Verdict::Invalid(e),
                        profile: None,
                    }
                }
            })
            .collect();
        // Every key of every valid row, looked up at once.
        let mut keys: Vec<(&'static str, String)> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let row_keys = |p: &Profile| -> Vec<(&'static str, String)> {
            let mut k: Vec<(&'static str, String)> = (p.contacts.phones.iter())
                .map(|v| ("phone", store::match_key("phone", v)))
                .collect();
            k.extend((p.contacts.emails.iter()).map(|v| ("email", store::match_key("email", v))));
            k
        };
        for r in &rows {
            if let Some((p, _)) = &r.profile {
                keys.extend(row_keys(p));
                names.push(store::sort_name(&p.name));
            }
        }
        keys.sort();
        keys.dedup();
        names.sort();
        names.dedup();
        let (held, named) = {
            let backend = self.app.store.backend();
            let mut c = self.app.store.read().await?;
            (
                store::holding_contacts(&mut c, backend, RecordKind::Person, &keys, sight).await?,
                store::bearing_names(&mut c, backend, RecordKind::Person, &names, sight).await?,
            )
        };
        let mut known: HashMap<(String, String), Vec<i64>> = HashMap::new();
        for (channel, key, id) in held {
            known.entry((channel, key)).or_default().push(id);
        }
        let mut known_names: HashMap<String, Vec<i64>> = HashMap::new();
        for (name, id) in named {
            known_names.entry(name).or_default().push(id);
        }
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        let mut counts = Counts::default();
        for r in &mut rows {
            if let Some((p, _)) = &r.profile {
                let mine = row_keys(p);
                let mut ids: Vec<i64> = (mine.iter())
                    .filter_map(|(ch, k)| known.get(&(ch.to_string(), k.clone())))
                    .flatten()
                    .copied()
                    .collect();
                ids.extend(
                    known_names
                        .get(&store::sort_name(&p.name))
                        .into_iter()
                        .flatten(),
                );
                ids.sort_unstable();
                ids.dedup();
                let name_key = ("name".to_string(), store::sort_name(&p.name));
                let earlier = (mine.iter())
                    .map(|(ch, k)| (ch.to_string(), k.clone()))
                    .chain([name_key])
                    .find_map(|k| seen.get(&k).copied());
                if !ids.is_empty() {
                    r.verdict = Verdict::Known(ids);
                } else if let Some(line) = earlier {
                    r.verdict = Verdict::Repeated(line);
                }
                for (ch, k) in mine {
                    seen.entry((ch.to_string(), k)).or_insert(r.line);
                }
                seen.entry(("name".into(), store::sort_name(&p.name)))
                    .or_insert(r.line);
            }
            match r.verdict {
                Verdict::Ready => counts.ready += 1,
                Verdict::Invalid(_) => counts.invalid += 1,
                Verdict::Known(_) => counts.known += 1,
                Verdict::Repeated(_) => counts.repeated += 1,
            }
        }
        Ok((rows, counts))
    }

    /// Writes the rows to add, a batch per transaction, each with its `created` line,
    /// search entry and audit entry, and its membership of its organization (found by
    /// name, or added); answers how many were added.
    async fn write(
        &self,
        by: Option<&User>,
        import: Option<i64>,
        rows: Vec<CheckedRow>,
        skip_duplicates: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> AppResult<usize> {
        let door = self.app.door(Caller::staff_or_command_line(
            by,
            Permission::ManageStakeholders,
        ))?;
        let total = rows.len();
        let mut added = 0;
        let mut done = 0;
        let mut organizations: HashMap<String, i64> = HashMap::new();
        for batch in rows.chunks(BATCH) {
            let adding: Vec<&CheckedRow> = (batch.iter())
                .filter(|r| match r.verdict {
                    Verdict::Ready => true,
                    Verdict::Known(_) | Verdict::Repeated(_) => !skip_duplicates,
                    Verdict::Invalid(_) => false,
                })
                .collect();
            let invalid = batch
                .iter()
                .filter(|r| matches!(r.verdict, Verdict::Invalid(_)))
                .count() as i64;
            let skipped = (batch.len() - adding.len()) as i64 - invalid;
            // Organizations named in this batch and not met yet: found by name, or added.
            let mut wanted: Vec<String> = (adding.iter())
                .map(|r| r.card.organization.trim().to_string())
                .filter(|o| !o.is_empty() && !organizations.contains_key(&store::sort_name(o)))
                .collect();
            // One organization per name however it is written ("ACME", "Acme").
            wanted.sort_by_key(|o| store::sort_name(o));
            wanted.dedup_by_key(|o| store::sort_name(o));
            {
                let sorted: Vec<String> = wanted.iter().map(|o| store::sort_name(o)).collect();
                let mut c = self.app.store.read().await?;
                let found = store::bearing_names(
                    &mut c,
                    self.app.store.backend(),
                    RecordKind::Organization,
                    &sorted,
                    Sight::Everything,
                )
                .await?;
                for (name, id) in found {
                    organizations.entry(name).or_insert(id);
                }
            }
            let missing: Vec<String> = wanted
                .into_iter()
                .filter(|o| !organizations.contains_key(&store::sort_name(o)))
                .collect();
            let actor = door.actor().clone();
            let new_organizations = door
                .change(async |tx| {
                    let (at, backend) = (tx.at, tx.backend());
                    // The batch's new organizations, then its people: one write each.
                    let organizations_added: Vec<(Profile, Details)> = (missing.iter())
                        .map(|name| {
                            let profile = Profile {
                                name: name.clone(),
                                contacts: Default::default(),
                                areas: Vec::new(),
                                tags: Vec::new(),
                                notes: String::new(),
                                confidentiality: Confidentiality::Restricted,
                                owner: None,
                                influence: None,
                                interest: None,
                                attitude: None,
                            };
                            (profile, Details::Organization(OrganizationType::Other))
                        })
                        .collect();
                    let people: Vec<&CheckedRow> = adding
                        .iter()
                        .copied()
                        .filter(|r| r.profile.is_some())
                        .collect();
                    let list: Vec<(&Profile, &Details)> = (organizations_added.iter())
                        .chain(people.iter().filter_map(|r| r.profile.as_ref()))
                        .map(|(p, d)| (p, d))
                        .collect();
                    let ids = store::insert_many(tx, backend, &list, at).await?;
                    let saved: Vec<Stakeholder> = (list.iter().zip(&ids))
                        .map(|((p, d), id)| new_record(*id, (*p).clone(), (*d).clone(), at))
                        .collect();
                    let made: Vec<(String, i64)> = (missing.iter().zip(&ids))
                        .map(|(name, id)| (store::sort_name(name), *id))
                        .collect();
                    // Each person added, with the row they came from.
                    let added: Vec<(i64, &CheckedRow)> =
                        ids[missing.len()..].iter().copied().zip(people).collect();
                    let mut lines: Vec<NewLine<'_, StakeholderLine, Assessed>> = saved
                        .iter()
                        .map(|s| {
                            NewLine::new(
                                s.record(),
                                at,
                                &actor,
                                StakeholderLine::Created,
                                "",
                                false,
                            )
                        })
                        .collect();
                    // Memberships: each person of this batch with an organization.
                    let mut memberships: Vec<(RecordRef, RecordRef, RelationshipTerms)> =
                        Vec::new();
                    for (id, r) in &added {
                        let o = store::sort_name(r.card.organization.trim());
                        if o.is_empty() {
                            continue;
                        }
                        let Some(org) = organizations
                            .get(&o)
                            .copied()
                            .or_else(|| made.iter().find(|(n, _)| *n == o).map(|(_, id)| *id))
                        else {
                            continue;
                        };
                        let terms = RelationshipTerms {
                            kind: RelationshipKind::Member,
                            title: r.card.title.trim().to_string(),
                            starts_on: None,
                            ends_on: None,
                        };
                        let person = RecordRef {
                            kind: RecordKind::Person,
                            id: *id,
                        };
                        let to = RecordRef {
                            kind: RecordKind::Organization,
                            id: org,
                        };
                        memberships.push((person, to, terms));
                    }
                    let related = store::relate_many(tx, backend, &memberships, at).await?;
                    let mut bodies: Vec<(RecordRef, RecordRef, String, String)> = Vec::new();
                    for ((person, to, _), rel) in memberships.iter().zip(related) {
                        tx.record(
                            StakeholderAction::RelationshipCreate,
                            rel,
                            json!({
                                "from": ["person", person.id], "to": ["organization", to.id],
                                "kind": "member",
                            }),
                        );
                        bodies.push((
                            *person,
                            *to,
                            format!("member organization {}", to.id),
                            format!("member person {}", person.id),
                        ));
                    }
                    for (from, to, a, b) in &bodies {
                        lines.push(NewLine::new(
                            *from,
                            at,
                            &actor,
                            StakeholderLine::Related,
                            a,
                            false,
                        ));
                        lines.push(NewLine::new(
                            *to,
                            at,
                            &actor,
                            StakeholderLine::Related,
                            b,
                            false,
                        ));
                    }
                    timeline::add(tx, backend, &lines).await?;
                    for kind in [RecordKind::Organization, RecordKind::Person] {
                        let texts: Vec<(i64, String)> = (saved.iter())
                            .filter(|s| s.record().kind == kind)
                            .map(|s| (s.id, s.search_text(true)))
                            .collect();
                        search::index_new(tx, backend, kind, &texts).await?;
                    }
                    for s in &saved {
                        let action = match s.record().kind {
                            RecordKind::Person => StakeholderAction::PersonCreate,
                            _ => StakeholderAction::OrganizationCreate,
                        };
                        tx.record(
                            action,
                            s.id,
                            json!({ "confidentiality": "restricted", "import": import }),
                        );
                    }
                    if let Some(id) = import {
                        let people = (saved.len() - made.len()) as i64;
                        imports::advance(tx, id, batch.len() as i64, people, skipped, invalid, at)
                            .await?;
                    }
                    Ok((made, (saved.len()) - missing.len()))
                })
                .await?;
            let (made, people) = new_organizations;
            organizations.extend(made);
            added += people;
            done += batch.len();
            progress(done, total);
            if adding.is_empty() && import.is_some() {
                // Nothing written, so nothing recorded and the count not moved: move it.
                let id = import.unwrap_or_default();
                self.app
                    .bookkeeping(async |c| {
                        Ok(imports::advance(
                            c,
                            id,
                            batch.len() as i64,
                            0,
                            skipped,
                            invalid,
                            crate::now(),
                        )
                        .await?)
                    })
                    .await?;
            }
        }
        Ok(added)
    }
}

fn new_record(id: i64, profile: Profile, details: Details, at: i64) -> Stakeholder {
    Stakeholder {
        id,
        profile,
        details,
        consent: Default::default(),
        erased_at: None,
        owner_name: None,
        created_at: at,
        updated_at: at,
    }
}
