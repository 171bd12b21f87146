//! Attachments: photos and documents that come with a concern when it is taken in, or that
//! staff add later; and the files of an engagement (slides, sign-in sheets). Each file is
//! checked by its content, cleaned of identifying metadata, written to the files folder,
//! and only then recorded in the same transaction as the change it belongs to.

use std::collections::HashMap;

use liaison_domain::attachments::{self as rules, Accept, FileKind};
use liaison_domain::audit::{Action, EngagementAction};
use liaison_domain::concerns::LineKind;
use liaison_domain::engagements::LineKind as EngagementLine;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef, Word};
use liaison_domain::FieldErrors;
use liaison_store::attachments::{self, NewAttachment};
use liaison_store::audit::NewEntry;
use liaison_store::concerns;
use liaison_store::engagements as engagement_store;
use liaison_store::timeline::NewLine;
use liaison_store::Conn;
use serde_json::json;

pub use liaison_store::attachments::Attachment;

use crate::accounts::User;
use crate::concerns::{visible, AttachFiles, ConcernAction, Concerns};
use crate::door::{entry, Caller};
use crate::engagements::{AttachFiles as AttachEngagementFiles, Engagements};
use crate::{files, require, Actor, App, AppError, AppResult};

/// A file as it arrived in a submission.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The name the sender's device gave it (never trusted, never used as a path).
    pub file_name: String,
    /// The content type the sender declared.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// What a form accepts and how it names what it keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// The form field errors are reported under.
    pub field: &'static str,
    /// Photos only, or photos and documents.
    pub accept: Accept,
    /// Replace the sent names with `photo-1.jpg`…: a name can identify its sender.
    pub plain_names: bool,
    /// May be shown with the concern when the concern is public.
    pub public: bool,
}

/// A file checked and cleaned, waiting to be written.
pub(crate) struct Prepared {
    kind: FileKind,
    name: String,
    bytes: Vec<u8>,
    public: bool,
}

/// A file written to the files folder, waiting for its row.
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    hash: String,
    name: String,
    kind: FileKind,
    size: i64,
    public: bool,
}

impl Kept {
    /// The row for this file on `record`.
    pub(crate) fn row<'a>(
        &'a self,
        record: RecordRef,
        at: i64,
        by: &'a Actor,
    ) -> NewAttachment<'a> {
        NewAttachment {
            record,
            file_hash: &self.hash,
            file_name: &self.name,
            content_type: self.kind.content_type(),
            size_bytes: self.size,
            public: self.public,
            created_at: at,
            actor: by,
        }
    }
}

/// Checks every upload against `rules`, recording each distinct problem under the form's
/// field, and returns the files that passed.
pub(crate) fn prepare(
    uploads: &[Upload],
    rules: Rules,
    max_bytes: usize,
    errors: &mut FieldErrors,
) -> Vec<Prepared> {
    let mut problem = |code: &'static str| {
        if !errors
            .0
            .iter()
            .any(|e| e.field == rules.field && e.code == code)
        {
            errors.add(rules.field, code);
        }
    };
    if uploads.len() > rules::MAX_FILES {
        problem("error-too-many-files");
        return Vec::new();
    }
    let mut prepared = Vec::with_capacity(uploads.len());
    for u in uploads {
        match rules::check_file(
            &u.file_name,
            &u.content_type,
            &u.bytes,
            max_bytes,
            rules.accept,
        ) {
            Ok(f) => {
                let name = if rules.plain_names {
                    rules::plain_file_name(f.kind, prepared.len() + 1)
                } else {
                    f.name
                };
                prepared.push(Prepared {
                    kind: f.kind,
                    name,
                    bytes: f.bytes,
                    public: rules.public,
                });
            }
            Err(code) => problem(code),
        }
    }
    prepared
}

/// What attaching a file to a concern records: its audit action and its timeline's line.
pub(crate) const CONCERN: (ConcernAction, LineKind) = (ConcernAction::Attach, LineKind::Attached);
/// What attaching a file to an engagement records.
pub(crate) const ENGAGEMENT: (EngagementAction, EngagementLine) =
    (EngagementAction::Attach, EngagementLine::Attached);

/// Records kept files on `on` inside `tx`: rows, and staff-only timeline lines of the kind
/// `filed` names. Answers their audit entries (`filed`'s action), one per file, for the
/// caller to append with the change.
pub(crate) async fn record<'a, A: Action, K: Word>(
    tx: &mut Conn,
    on: RecordRef,
    filed: (A, K),
    kept: &[Kept],
    by: &'a Actor,
    at: i64,
) -> AppResult<Vec<NewEntry<'a>>> {
    let (action, line) = filed;
    let mut entries = Vec::with_capacity(kept.len());
    for k in kept {
        let id = attachments::insert(tx, &k.row(on, at, by)).await?;
        // A line that records no change of value: its value type is never written.
        let l: NewLine<'_, K, K> = NewLine::new(on, at, by, line, &k.name, false);
        liaison_store::timeline::add_one(tx, &l).await?;
        let changes = json!({
            "attachment": id,
            "type": k.kind.content_type(),
            "size": k.size,
            "public": k.public,
        });
        entries.push(entry(by, action, on.id, changes, at));
    }
    Ok(entries)
}

impl App {
    /// Writes prepared files to the files folder, durably, off the async threads. Called
    /// before the transaction that records them, so a committed row always has its bytes.
    pub(crate) async fn keep_files(&self, prepared: Vec<Prepared>) -> AppResult<Vec<Kept>> {
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        let root = self.settings.files.clone();
        tokio::task::spawn_blocking(move || {
            prepared
                .into_iter()
                .map(|f| {
                    let hash = files::hash(&f.bytes);
                    files::keep(&root, &hash, &f.bytes)?;
                    Ok(Kept {
                        hash,
                        name: f.name,
                        kind: f.kind,
                        size: i64::try_from(f.bytes.len()).unwrap_or(i64::MAX),
                        public: f.public,
                    })
                })
                .collect::<AppResult<Vec<_>>>()
        })
        .await
        .map_err(|_| AppError::Internal("file writer stopped"))?
    }

    async fn read_file(&self, hash: &str) -> AppResult<Vec<u8>> {
        let (root, hash) = (self.settings.files.clone(), hash.to_string());
        Ok(
            tokio::task::spawn_blocking(move || files::read(&root, &hash))
                .await
                .map_err(|_| AppError::Internal("file reader stopped"))??,
        )
    }
}

impl Concerns<'_> {
    /// Attaches files to an existing concern. `public` ticked lets them be shown with the
    /// concern if it is public, which takes the right to publish updates.
    pub async fn attach(
        &self,
        by: &User,
        concern_id: i64,
        attach: &AttachFiles,
        uploads: &[Upload],
    ) -> AppResult<usize> {
        let public = attach.public.is_set();
        let door = self.app.door(Caller::Staff(by, Permission::AddNotes))?;
        if public {
            require(by, Permission::PublishUpdates)?;
        }
        // A concern the user may not see is not found before any byte is written.
        visible(&mut *self.app.store.read().await?, by, concern_id).await?;
        let rules = Rules {
            field: "attachment",
            accept: Accept::PhotosAndDocuments,
            plain_names: false,
            public,
        };
        let mut errors = FieldErrors::new();
        if uploads.is_empty() {
            errors.add(rules.field, "error-file-required");
        }
        let prepared = prepare(
            uploads,
            rules,
            self.app.settings.attachment_max_bytes,
            &mut errors,
        );
        errors.into_result()?;
        // On disk before the transaction that records them.
        let kept = self.app.keep_files(prepared).await?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            let mut x = visible(tx, by, concern_id).await?;
            x.updated_at = at;
            concerns::update(tx, &x).await?;
            let on = RecordRef::concern(concern_id);
            let entries = record(tx, on, CONCERN, &kept, who, at).await?;
            tx.record_all(entries);
            Ok(kept.len())
        })
        .await
    }

    /// One attachment of a concern with its bytes, for a staff member who may see the
    /// concern; otherwise not found, exactly as for a missing one.
    pub async fn attachment(
        &self,
        by: &User,
        concern_id: i64,
        attachment_id: i64,
    ) -> AppResult<(Attachment, Vec<u8>)> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        visible(&mut c, by, concern_id).await?;
        let a = attachments::get(&mut c, RecordRef::concern(concern_id), attachment_id)
            .await?
            .ok_or(AppError::NotFound)?;
        drop(c);
        let bytes = self.app.read_file(&a.file_hash).await?;
        Ok((a, bytes))
    }

    /// An attachment anyone may see (marked public, on a public concern of a category
    /// offered on the portal, or on a public engagement once published) with its bytes;
    /// otherwise not found.
    pub async fn public_attachment(&self, id: i64) -> AppResult<(Attachment, Vec<u8>)> {
        let a = attachments::get_public(&mut *self.app.store.read().await?, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let bytes = self.app.read_file(&a.file_hash).await?;
        Ok((a, bytes))
    }

    /// The first public attachment of each of `concern_ids` that has one, by concern id
    /// (for Open311's `media_url`; see `liaison_web::attachments::public_path`).
    pub async fn first_public_attachments(
        &self,
        concern_ids: &[i64],
    ) -> AppResult<HashMap<i64, Attachment>> {
        let list = attachments::first_public(
            &mut *self.app.store.read().await?,
            RecordKind::Concern,
            concern_ids,
        )
        .await?;
        Ok(list.into_iter().map(|a| (a.record.id, a)).collect())
    }
}

impl Engagements<'_> {
    /// Attaches files to an engagement: `public` ticked shows them on the portal's page of
    /// the engagement once it is public and published (slides); unticked, staff only (a
    /// sign-in sheet).
    pub async fn attach(
        &self,
        by: &User,
        id: i64,
        attach: &AttachEngagementFiles,
        uploads: &[Upload],
    ) -> AppResult<usize> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let sight = by.role.sight(by.id);
        // An engagement the user may not see is not found before any byte is written.
        engagement_store::get(&mut *self.app.store.read().await?, id, sight)
            .await?
            .ok_or(AppError::NotFound)?;
        let rules = Rules {
            field: "attachment",
            accept: Accept::PhotosAndDocuments,
            plain_names: false,
            public: attach.public.is_set(),
        };
        let mut errors = FieldErrors::new();
        if uploads.is_empty() {
            errors.add(rules.field, "error-file-required");
        }
        let prepared = prepare(
            uploads,
            rules,
            self.app.settings.attachment_max_bytes,
            &mut errors,
        );
        errors.into_result()?;
        // On disk before the transaction that records them.
        let kept = self.app.keep_files(prepared).await?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            engagement_store::get(tx, id, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            let on = RecordRef {
                kind: RecordKind::Engagement,
                id,
            };
            let entries = record(tx, on, ENGAGEMENT, &kept, who, at).await?;
            tx.record_all(entries);
            Ok(kept.len())
        })
        .await
    }

    /// One attachment of an engagement with its bytes, for a staff member who may see the
    /// engagement; otherwise not found, exactly as for a missing one.
    pub async fn attachment(
        &self,
        by: &User,
        id: i64,
        attachment_id: i64,
    ) -> AppResult<(Attachment, Vec<u8>)> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        engagement_store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        let on = RecordRef {
            kind: RecordKind::Engagement,
            id,
        };
        let a = attachments::get(&mut c, on, attachment_id)
            .await?
            .ok_or(AppError::NotFound)?;
        drop(c);
        let bytes = self.app.read_file(&a.file_hash).await?;
        Ok((a, bytes))
    }
}
