//! Concerns: taking them in (staff intake and the public portal), handling them through
//! the workflow, and finding them again.

use chrono::{DateTime, Datelike, Utc};
use liaison_domain::attachments::Accept;
use liaison_domain::categories::check_answers;
use liaison_domain::concerns::{
    available_actions, Action, Channel, Clock, Confidentiality, LineKind, Priority, Status,
    WorkflowError,
};
use liaison_domain::notifications::News;
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordRef;
use liaison_domain::values::{self, EmailAddress, GeoPoint};
use liaison_domain::FieldErrors;
use liaison_mail::Letter;
use liaison_store::concerns::{self, NewConcern, NewLine};
use liaison_store::users;
use liaison_store::{now, satisfaction, timeline, Conn, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::concerns::{Concern, Line, QueueFilter, Reporter, Sort, Summary};

pub mod export;

use crate::accounts::User;
use crate::attachments::{self, Attachment, Prepared, Rules, Upload};
use crate::door::{Caller, Change, Door};
use crate::notifications::notify;
use crate::office::Category;
use crate::outbox::{post, Posting};
use crate::secrets::random_bytes;
use crate::submissions::Submission;
use crate::{Answers, App, AppError, AppResult, Flag, Text};

/// Concerns: taking them in (staff intake, the portal, the JSON API; Open311's requests
/// come through [`crate::open311`]), handling them through the workflow, their files, and
/// finding them again. `app.concerns()`.
#[derive(Clone, Copy)]
pub struct Concerns<'a> {
    pub(crate) app: &'a App,
}

pub use liaison_domain::audit::ConcernAction;

/// What the person who raised a concern is given.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The concern's id.
    pub id: i64,
    /// The human reference, such as `C-2026-00042`.
    pub reference: String,
    /// The tracking code, shown once: only its hash is stored.
    pub tracking_code: String,
}

/// What is stored for a tracking code, and looked up by it (the store's rule, which the
/// demo generator's concerns follow too).
pub(crate) use liaison_store::concerns::tracking_key;

/// A concern as a staff member sees it.
#[derive(Debug, Clone)]
pub struct StaffView {
    /// The concern (reporter details emptied for roles that may not see them).
    pub concern: Concern,
    /// Its whole timeline.
    pub timeline: Vec<Line>,
    /// The workflow steps this user may take now.
    pub actions: Vec<Action>,
    /// Whether this user may assign it.
    pub can_assign: bool,
    /// Whether this user may add internal notes.
    pub can_note: bool,
    /// Whether this user may publish updates to the reporter.
    pub can_update: bool,
    /// Whether this user may mark it a duplicate.
    pub can_mark_duplicate: bool,
    /// Whether this user sees who reported it.
    pub sees_reporter: bool,
    /// Its photos and documents, oldest first.
    pub attachments: Vec<Attachment>,
    /// Whether this user may attach files to it.
    pub can_attach: bool,
    /// Until when its decision may be appealed, when this user may record an appeal now.
    pub appeal_until: Option<i64>,
    /// The engagement it was raised at (id, title), when this user may see that engagement.
    pub raised_at: Option<(i64, String)>,
}

/// Who wrote a timeline line or attached a file, as staff pages name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author<'a> {
    /// A staff member, by name.
    Staff(&'a str),
    /// A resident (never named).
    Resident,
    /// An Open311 client.
    Client,
    /// Liaison itself, or the command line.
    System,
}

impl<'a> Author<'a> {
    /// Who wrote a timeline line.
    pub fn of_line(line: &'a Line) -> Self {
        Self::from_parts(line.actor_name.as_deref(), &line.actor_kind)
    }

    /// Who attached a file.
    pub fn of_attachment(a: &'a Attachment) -> Self {
        Self::from_parts(a.uploaded_by_name.as_deref(), &a.uploaded_by_kind)
    }

    fn from_parts(name: Option<&'a str>, kind: &str) -> Self {
        match (name, kind) {
            (Some(n), _) => Author::Staff(n),
            (None, "resident") => Author::Resident,
            (None, "client") => Author::Client,
            _ => Author::System,
        }
    }
}

/// A concern as the resident who holds its tracking code sees it.
#[derive(Debug, Clone)]
pub struct PublicView {
    /// Reference.
    pub reference: String,
    /// The category's id (its name in other languages: `office().category_name`).
    pub category_id: i64,
    /// Category name.
    pub category_name: String,
    /// What they said.
    pub description: String,
    /// Where it stands.
    pub status: Status,
    /// Received.
    pub received_at: i64,
    /// When the office aims to have resolved it.
    pub resolve_due_at: i64,
    /// The clock is stopped: the office is waiting for the reporter.
    pub waiting_for_reporter: bool,
    /// The reference of the concern this one duplicates.
    pub duplicate_of: Option<String>,
    /// Status changes and public updates, oldest first (internal notes never appear).
    pub timeline: Vec<Line>,
    /// It is resolved and the reporter has not said since whether they are satisfied: the
    /// tracking page asks.
    pub asks_satisfaction: bool,
    /// Until when the reporter may appeal the decision, while they may.
    pub appeal_until: Option<i64>,
}

/// A concern recorded by staff, as it was received by phone, walk-in, email, letter, social
/// media, at a meeting or in the field: the staff intake form, and `POST /api/v1/concerns`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RecordConcern {
    /// The category's id (`GET /api/v1/categories`): an active one. It decides the
    /// questions asked.
    #[schema(required = true)]
    pub category: Text,
    /// What the reporter said: 1 to 4000 characters.
    #[schema(required = true)]
    pub description: Text,
    /// How it reached the office: `phone`, `walk_in`, `email`, `letter`, `social_media`,
    /// `meeting` or `field`.
    #[schema(required = true)]
    pub channel: Text,
    /// An active area's id (`GET /api/v1/areas`), or empty for none.
    pub area: Text,
    /// The address or place: at most 300 characters, or empty.
    pub address: Text,
    /// The map point's latitude, -90 to 90, given with `lng`; both empty for none.
    pub lat: Text,
    /// The map point's longitude, -180 to 180, given with `lat`.
    pub lng: Text,
    /// `low`, `normal`, `high` or `urgent`. The JSON API takes the category's default
    /// priority when it is empty; the form starts from it.
    pub priority: Text,
    /// Who may see it: `public`, `restricted` or `confidential`.
    #[schema(required = true)]
    pub confidentiality: Text,
    /// An anonymous report: whatever the reporter fields hold is dropped before anything is
    /// stored.
    pub anonymous: Flag,
    /// The reporter's name: 1 to 120 characters, unless anonymous.
    pub reporter_name: Text,
    /// The reporter's email address, or empty.
    pub reporter_email: Text,
    /// The reporter's phone number (5 to 20 digits; spaces, `+`, `-`, `(`, `)` and `.`
    /// allowed), or empty.
    pub reporter_phone: Text,
    /// The language the reporter prefers: `en`, `es` or `fr` (unless anonymous).
    pub reporter_language: Text,
    /// Answers to the category's questions (forms: `q_{code}`); a required question
    /// must be answered.
    pub answers: Answers,
}

/// A concern a resident reports on the public portal (`POST /report/{id}`); an Open311
/// client's service request is read onto it too (`liaison_app::open311::ServiceRequest`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReportConcern {
    /// The category's id: an active category offered on the portal (the portal takes it
    /// from the address).
    pub category: Text,
    /// What happened: 1 to 4000 characters.
    pub description: Text,
    /// An active area's id, or empty for none.
    pub area: Text,
    /// The address or place: at most 300 characters, or empty.
    pub address: Text,
    /// The map point's latitude, -90 to 90, given with `lng`; both empty for none.
    pub lat: Text,
    /// The map point's longitude, -180 to 180.
    pub lng: Text,
    /// `public` lets the concern be listed publicly (without the reporter); anything else
    /// keeps it for the office (restricted).
    pub visibility: Text,
    /// Stay anonymous: whatever the reporter fields hold is dropped before anything is
    /// stored.
    pub anonymous: Flag,
    /// The reporter's name: 1 to 120 characters, unless anonymous.
    pub reporter_name: Text,
    /// The reporter's email address, or empty.
    pub reporter_email: Text,
    /// The reporter's phone number, or empty.
    pub reporter_phone: Text,
    /// Answers to the category's questions (forms: `q_{code}`).
    pub answers: Answers,
}

/// A step of the workflow (`POST /staff/concerns/{id}/act`,
/// `POST /api/v1/concerns/{id}/transitions`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Transition {
    /// The step: `acknowledge`, `start`, `await_reporter`, `resume`, `escalate`,
    /// `return_to_handling`, `resolve`, `close`, `reopen`, `withdraw`, `reject`, `appeal`
    /// (the reporter's, within the category's window), `uphold` or `overturn` (an appeal's
    /// review, never by the person who took the decision appealed); one the concern's
    /// status and the caller's role allow (the concern's `actions`).
    #[schema(required = true)]
    pub action: Text,
    /// Why, at most 4000 characters: required to `escalate`, `reopen`, `reject`,
    /// `appeal` (the reporter's grounds), `uphold` and `overturn`. The reporter sees the
    /// reason of a rejection and of an appeal's outcome.
    pub note: Text,
    /// For `appeal`: how the reporter made it: `phone`, `visit`, `meeting` or `email`.
    pub via: Text,
}

/// Who handles a concern (`POST /staff/concerns/{id}/assign`,
/// `POST /api/v1/concerns/{id}/assignment`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Assignment {
    /// An active staff member's id (not a viewer), `me` for the caller, or empty (or
    /// `null`) to unassign.
    pub assignee: Text,
}

/// An internal note, or an update the reporter sees (`POST /staff/concerns/{id}/notes`,
/// `POST /api/v1/concerns/{id}/notes`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Note {
    /// The text: 1 to 4000 characters.
    #[schema(required = true)]
    pub body: Text,
    /// `true` for an update the reporter sees, which takes the right to publish updates;
    /// otherwise an internal note.
    pub public: Flag,
    /// The staff form's choice: `public` for an update the reporter sees, `internal` (or
    /// empty) for a note.
    pub visibility: Text,
}

impl Note {
    /// Whether it is an update the reporter sees.
    pub fn is_public(&self) -> bool {
        self.public.is_set() || self.visibility == "public"
    }
}

/// Whether the reporter is satisfied with how their concern was handled: their answer on
/// the tracking page (`POST /track/satisfaction`, with the code), or as an officer records
/// it from a call (`POST /staff/concerns/{id}/satisfaction`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Satisfaction {
    /// `yes` or `no`.
    #[schema(required = true)]
    pub satisfied: Text,
    /// Why, in their words: up to 2000 characters.
    pub reason: Text,
    /// Staff only: how the reporter said it: `phone`, `visit`, `meeting` or `email`.
    pub via: Text,
}

impl Satisfaction {
    /// The answer checked: satisfied or not, and why.
    fn checked(&self) -> AppResult<(bool, String)> {
        let mut errors = FieldErrors::new();
        let satisfied = match self.satisfied.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => errors.take("satisfied", Err("error-choice")),
        };
        let reason = errors.take("reason", values::text(&self.reason, 0, 2000));
        errors.into_result()?;
        match (satisfied, reason) {
            (Some(s), Some(r)) => Ok((s, r)),
            _ => Err(AppError::Internal("validated fields")),
        }
    }
}

/// The reporter's answer on the tracking page (`POST /track/reply`, with the code).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Reply {
    /// Their words: 1 to 4000 characters.
    #[schema(required = true)]
    pub message: Text,
}

/// The member of staff a concern is about (`POST /staff/concerns/{id}/about`), who never
/// sees it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AboutStaff {
    /// A staff member's id, or empty: it is about no one on staff.
    pub staff: Text,
}

/// Marks a concern a duplicate of another, or clears the mark
/// (`POST /staff/concerns/{id}/duplicate`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MarkDuplicate {
    /// The reference of the concern this one duplicates, such as `C-2026-00042` (one the
    /// caller may see), or empty to clear the mark.
    pub of: Text,
}

/// Files attached to a concern from its page (`POST /staff/concerns/{id}/attachments`); the
/// files themselves come as the form's `attachment` parts.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttachFiles {
    /// Show them with the concern when it is public (takes the right to publish updates).
    pub public: Flag,
}

/// The fields of a new concern as sent, whichever way it came in.
pub(crate) struct Sent<'a> {
    pub category: &'a str,
    pub description: &'a str,
    pub area: &'a str,
    pub address: &'a str,
    pub lat: &'a str,
    pub lng: &'a str,
    pub anonymous: bool,
    pub reporter_name: &'a str,
    pub reporter_email: &'a str,
    pub reporter_phone: &'a str,
    pub answers: &'a Answers,
    /// Staff intake only: channel, priority, confidentiality, the reporter's language.
    pub staff: Option<[&'a str; 4]>,
    /// The portal only: `public` to list it publicly.
    pub visibility: &'a str,
}

impl RecordConcern {
    fn sent(&self) -> Sent<'_> {
        Sent {
            category: &self.category,
            description: &self.description,
            area: &self.area,
            address: &self.address,
            lat: &self.lat,
            lng: &self.lng,
            anonymous: self.anonymous.is_set(),
            reporter_name: &self.reporter_name,
            reporter_email: &self.reporter_email,
            reporter_phone: &self.reporter_phone,
            answers: &self.answers,
            staff: Some([
                &self.channel,
                &self.priority,
                &self.confidentiality,
                &self.reporter_language,
            ]),
            visibility: "",
        }
    }
}

impl ReportConcern {
    pub(crate) fn sent(&self) -> Sent<'_> {
        Sent {
            category: &self.category,
            description: &self.description,
            area: &self.area,
            address: &self.address,
            lat: &self.lat,
            lng: &self.lng,
            anonymous: self.anonymous.is_set(),
            reporter_name: &self.reporter_name,
            reporter_email: &self.reporter_email,
            reporter_phone: &self.reporter_phone,
            answers: &self.answers,
            staff: None,
            visibility: &self.visibility,
        }
    }
}

/// The fields of a new concern, validated.
pub(crate) struct Intake {
    category: Category,
    description: String,
    channel: Channel,
    area_id: Option<i64>,
    address: Option<String>,
    point: Option<GeoPoint>,
    priority: Priority,
    confidentiality: Confidentiality,
    anonymous: bool,
    reporter: Reporter,
    answers: liaison_domain::categories::Answers,
    /// Files that came with it, checked and cleaned, not yet written.
    files: Vec<Prepared>,
}

/// Where a concern comes in, which decides what the submitter may set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    Staff,
    Portal,
    /// An Open311 client: public requests, as the standard means them.
    Open311,
    /// Mail to the office that answers no letter.
    Email,
}

impl Via {
    /// What files this way in accepts, under which field, and how they are named.
    pub(crate) fn attachment_rules(self, anonymous: bool) -> Rules {
        let (field, accept) = match self {
            Via::Staff => ("attachment", Accept::PhotosAndDocuments),
            Via::Portal => ("photo", Accept::Photos),
            Via::Open311 => ("media", Accept::Photos),
            Via::Email => ("attachment", Accept::PhotosAndDocuments),
        };
        Rules {
            field,
            accept,
            plain_names: anonymous,
            // Files taken in with a concern are part of the report: shown with it when the
            // concern is public.
            public: true,
        }
    }
}

impl Concerns<'_> {
    /// Records a concern received by phone, walk-in, email, letter, social media, at a
    /// meeting or in the field.
    pub async fn record(&self, by: &User, concern: &RecordConcern) -> AppResult<Receipt> {
        self.record_with(by, concern, &[]).await
    }

    /// [`Concerns::record`] with photos or PDF documents attached.
    pub async fn record_with(
        &self,
        by: &User,
        concern: &RecordConcern,
        uploads: &[Upload],
    ) -> AppResult<Receipt> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::RecordConcern))?;
        let intake = self
            .intake_with(&concern.sent(), uploads, Via::Staff, "")
            .await?;
        self.take_in(&door, intake, None).await
    }

    /// [`Concerns::record`] at most once for `submission`: a retry gets the first receipt,
    /// even after a crash between storing and answering.
    pub async fn record_once(
        &self,
        by: &User,
        concern: &RecordConcern,
        submission: &Submission,
    ) -> AppResult<Receipt> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::RecordConcern))?;
        if let Some(receipt) = self.stored_submission(submission).await? {
            return Ok(receipt);
        }
        let intake = self
            .intake_with(&concern.sent(), &[], Via::Staff, "")
            .await?;
        self.take_in(&door, intake, Some(submission)).await
    }

    /// Takes in a concern from the public portal. Nothing identifying is stored for an
    /// anonymous report; `language` is the portal language the resident used.
    pub async fn submit(&self, report: &ReportConcern, language: &str) -> AppResult<Receipt> {
        self.submit_with(report, &[], language, None).await
    }

    /// [`Concerns::submit`] with photos attached (photos only: a document's properties
    /// could name the resident). An anonymous report's photos get plain names. With a
    /// `submission` (the form's token), a form sent again gets the first receipt.
    pub async fn submit_with(
        &self,
        report: &ReportConcern,
        uploads: &[Upload],
        language: &str,
        submission: Option<&Submission>,
    ) -> AppResult<Receipt> {
        let door = self.app.door(Caller::Resident)?;
        if let Some(receipt) = self.stored_submission_of(submission).await? {
            return Ok(receipt);
        }
        let intake = self
            .intake_with(&report.sent(), uploads, Via::Portal, language)
            .await?;
        self.take_in(&door, intake, submission).await
    }

    /// The receipt of a submission already stored, if it was.
    async fn stored_submission(&self, submission: &Submission) -> AppResult<Option<Receipt>> {
        let mut c = self.app.store.read().await?;
        let stored = concerns::by_submission(&mut c, &submission.hash()).await?;
        drop(c);
        if stored.is_some() {
            // It may be committed by another request and not yet on disk.
            self.app.store.flush().await?;
        }
        stored
            .map(|(id, reference)| {
                let number = values::reference_number(&reference)
                    .ok_or(AppError::Internal("a stored reference"))?;
                let secret = submission.tracking_secret();
                Ok(Receipt {
                    id,
                    reference,
                    tracking_code: values::tracking_code_with_number(number, &secret),
                })
            })
            .transpose()
    }

    async fn stored_submission_of(
        &self,
        submission: Option<&Submission>,
    ) -> AppResult<Option<Receipt>> {
        match submission {
            Some(s) => self.stored_submission(s).await,
            None => Ok(None),
        }
    }

    /// Validates a new concern and the files that came with it, reporting every problem at
    /// once. Files are checked by content against the way in's rules (staff: photos and
    /// PDF under `attachment`; portal: photos under `photo`; Open311: photos under `media`)
    /// and cleaned of metadata; [`Concerns::take_in`] writes them before storing the
    /// concern.
    pub(crate) async fn intake_with(
        &self,
        input: &Sent<'_>,
        uploads: &[Upload],
        via: Via,
        language: &str,
    ) -> AppResult<Intake> {
        let mut errors = FieldErrors::new();
        let category = match input.category.trim().parse::<i64>() {
            Ok(id) => match self.app.office().category(id).await {
                Ok(k) => {
                    Some(k).filter(|k| k.fields.active && (via == Via::Staff || k.fields.public))
                }
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            },
            Err(_) => None,
        };
        if category.is_none() {
            errors.add("category", "error-category");
        }
        let area_id = match input.area.trim() {
            "" => None,
            a => match a.parse::<i64>() {
                Ok(id) => {
                    let mut c = self.app.store.read().await?;
                    match liaison_store::areas::get(&mut c, id).await? {
                        Some(area) if area.active => Some(id),
                        _ => errors.take("area", Err("error-choice")),
                    }
                }
                Err(_) => errors.take("area", Err("error-choice")),
            },
        };
        let description = errors.take("description", values::text(input.description, 1, 4000));
        let address = errors
            .take("address", values::optional_text(input.address, 300))
            .flatten();
        let point = errors
            .take("lat", GeoPoint::parse(input.lat, input.lng))
            .flatten();
        let anonymous = input.anonymous;
        let reporter = if anonymous {
            // Whatever was typed is dropped here, before anything is stored.
            Some(Reporter {
                language: if via != Via::Staff {
                    language.to_string()
                } else {
                    "en".into()
                },
                ..Reporter::default()
            })
        } else {
            let name = errors.take("reporter_name", values::text(input.reporter_name, 1, 120));
            let email = match input.reporter_email.trim() {
                "" => None,
                e => errors
                    .take("reporter_email", EmailAddress::parse(e))
                    .map(|e| e.as_str().to_string()),
            };
            let phone = errors
                .take("reporter_phone", values::phone(input.reporter_phone))
                .flatten();
            let lang = match input.staff {
                None => Some(language.to_string()),
                Some([.., reporter_language]) => {
                    errors.take("reporter_language", values::language(reporter_language))
                }
            };
            name.map(|name| Reporter {
                name: Some(name),
                email,
                phone,
                language: lang.unwrap_or_else(|| "en".into()),
            })
        };
        let (channel, priority, confidentiality) = match (via, input.staff) {
            (Via::Staff, Some([channel, priority, confidentiality, _])) => (
                errors.take("channel", Channel::parse(channel)),
                errors.take("priority", Priority::parse(priority)),
                errors.take("confidentiality", Confidentiality::parse(confidentiality)),
            ),
            (Via::Staff, None) => return Err(AppError::Internal("staff intake fields")),
            (Via::Open311, _) => (
                Some(Channel::Api),
                category.as_ref().map(|k| k.fields.default_priority),
                Some(Confidentiality::Public),
            ),
            (Via::Email, _) => (
                Some(Channel::Email),
                category.as_ref().map(|k| k.fields.default_priority),
                Some(Confidentiality::Restricted),
            ),
            (Via::Portal, _) => (
                Some(Channel::Portal),
                category.as_ref().map(|k| k.fields.default_priority),
                // Private unless the resident chose to let it be listed publicly.
                Some(if input.visibility == "public" {
                    Confidentiality::Public
                } else {
                    Confidentiality::Restricted
                }),
            ),
        };
        // A date and time answered without a zone is read in the office's.
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let answers = match &category {
            Some(k) => match check_answers(&k.questions, tz, |f| input.answers.of_field(f)) {
                Ok(a) => Some(a),
                // Mail answers no intake question: the officer asks what is needed.
                Err(_) if via == Via::Email => Some(Vec::new()),
                Err(e) => {
                    errors.0.extend(e.0);
                    None
                }
            },
            None => None,
        };
        let files = attachments::prepare(
            uploads,
            via.attachment_rules(anonymous),
            self.app.settings.attachment_max_bytes,
            &mut errors,
        );
        errors.into_result()?;
        let (
            Some(category),
            Some(description),
            Some(reporter),
            Some(channel),
            Some(priority),
            Some(confidentiality),
            Some(answers),
        ) = (
            category,
            description,
            reporter,
            channel,
            priority,
            confidentiality,
            answers,
        )
        else {
            return Err(AppError::Internal("validated fields"));
        };
        Ok(Intake {
            category,
            description,
            channel,
            area_id,
            address,
            point,
            priority,
            confidentiality,
            anonymous,
            reporter,
            answers,
            files,
        })
    }

    /// Stores a validated concern for the caller `door` let in: its files first, then the
    /// concern through the intake writer, which commits it in a group with others (the
    /// one kind of change that does not go through [`Door::change`]; see `intake.rs`).
    pub(crate) async fn take_in(
        &self,
        door: &Door<'_>,
        x: Intake,
        submission: Option<&Submission>,
    ) -> AppResult<Receipt> {
        let office = self.app.office().settings().await?;
        let t = now();
        let received = DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default();
        let calendar = &office.calendar;
        let secret = match submission {
            Some(s) => s.tracking_secret(),
            None => values::tracking_code_from_bytes(random_bytes::<10>()),
        };
        let targets = &x.category.fields;
        // A sensitive category's concerns are confidential whatever was asked: its team reads
        // them, and no public list ever shows them.
        let sensitive = {
            let mut c = self.app.store.read().await?;
            liaison_store::teams::of(&mut c, x.category.id).await?.0
        };
        let confidentiality = if sensitive {
            Confidentiality::Confidential
        } else {
            x.confidentiality
        };
        let new = NewConcern {
            // Numbered by the intake writer, inside the transaction that stores it; the
            // tracking code carries that number.
            reference: String::new(),
            tracking_hash: String::new(),
            category_id: x.category.id,
            description: x.description,
            channel: x.channel,
            area_id: x.area_id,
            address: x.address,
            point: x.point.map(|p| (p.lat, p.lng)),
            priority: x.priority,
            confidentiality,
            anonymous: x.anonymous,
            reporter: x.reporter,
            answers: x.answers,
            received_at: t,
            ack_due_at: targets.acknowledge.due(received, calendar).timestamp(),
            resolve_due_at: targets.resolve.due(received, calendar).timestamp(),
            recorded_by: door.user().map(|u| u.id),
        };
        // On disk before the concern's transaction, so a receipt means both are kept.
        let attachments = self.app.keep_files(x.files).await?;
        let job = crate::intake::Job {
            who: door.actor().clone(),
            year: i64::from(received.with_timezone(&calendar.time_zone).year()),
            category_code: x.category.fields.code.clone(),
            concern: new,
            tracking_secret: secret,
            attachments,
            submission: submission.map(Submission::hash),
            office: office.name.clone(),
        };
        match self.app.intake_writer().submit(job).await {
            Ok(receipt) => Ok(receipt),
            // The same submission, sent twice at once, was stored by the other sending.
            Err(AppError::Store(StoreError::Conflict)) if submission.is_some() => {
                let again = self.stored_submission_of(submission).await?;
                again.ok_or(AppError::Store(StoreError::Conflict))
            }
            Err(e) => Err(e),
        }
    }

    /// What the holder of a tracking code sees. A wrong code is simply not found.
    pub async fn track(&self, code: &str) -> AppResult<PublicView> {
        let code = values::normalize_tracking_code(code).ok_or(AppError::NotFound)?;
        let mut c = self.app.store.read().await?;
        let x = concerns::by_tracking_hash(&mut c, &tracking_key(&code))
            .await?
            .ok_or(AppError::NotFound)?;
        let timeline = concerns::timeline(&mut c, x.id, true).await?;
        let answered = satisfaction::last_at(&mut c, x.id).await?;
        let asks_satisfaction =
            matches!(x.status, Status::Resolved | Status::Closed) && answered < x.resolved_at;
        let appeal_until = self.appeal_until(&mut c, &x).await?;
        Ok(PublicView {
            asks_satisfaction,
            appeal_until,
            reference: x.reference,
            category_id: x.category_id,
            category_name: x.category_name,
            description: x.description,
            status: x.status,
            received_at: x.received_at,
            resolve_due_at: x.resolve_due_at,
            waiting_for_reporter: x.paused_at.is_some(),
            duplicate_of: x.duplicate_of_reference,
            timeline,
        })
    }

    /// The holder of a tracking code answers on the tracking page (anonymous reporters
    /// too: nothing about them is asked or kept).
    pub async fn reply(&self, code: &str, reply: &Reply) -> AppResult<()> {
        let door = self.app.door(Caller::Resident)?;
        let code = values::normalize_tracking_code(code).ok_or(AppError::NotFound)?;
        let body =
            values::text(&reply.message, 1, 4000).map_err(|c| AppError::field("message", c))?;
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let x = concerns::by_tracking_hash(tx, &tracking_key(&code))
                .await?
                .ok_or(AppError::NotFound)?;
            land_reply(self.app, tx, x, (&body, "portal"), &office.name).await
        })
        .await
    }

    /// The holder of a tracking code says whether they are satisfied, once the concern is
    /// resolved (and again after it is resolved anew).
    pub async fn satisfied_by_code(&self, code: &str, answer: &Satisfaction) -> AppResult<()> {
        let door = self.app.door(Caller::Resident)?;
        let code = values::normalize_tracking_code(code).ok_or(AppError::NotFound)?;
        let (satisfied, reason) = answer.checked()?;
        door.change(async |tx| {
            let x = concerns::by_tracking_hash(tx, &tracking_key(&code))
                .await?
                .ok_or(AppError::NotFound)?;
            let answered = satisfaction::last_at(tx, x.id).await?;
            if !matches!(x.status, Status::Resolved | Status::Closed) || answered >= x.resolved_at {
                return Err(AppError::field("satisfied", "error-not-now"));
            }
            land_satisfaction(tx, &x, satisfied, &reason, "portal", None).await
        })
        .await
    }

    /// An officer records what the reporter said about how their concern was handled
    /// (from a call, a visit or a meeting).
    pub async fn record_satisfaction(
        &self,
        by: &User,
        id: i64,
        answer: &Satisfaction,
    ) -> AppResult<()> {
        let door = self.app.door(Caller::Staff(by, Permission::AddNotes))?;
        let (satisfied, reason) = answer.checked()?;
        let via = match answer.via.trim() {
            v @ ("phone" | "visit" | "meeting" | "email") => v.to_string(),
            _ => return Err(AppError::field("via", "error-choice")),
        };
        door.change(async |tx| {
            let x = visible(tx, by, id).await?;
            land_satisfaction(tx, &x, satisfied, &reason, &via, Some(by.id)).await
        })
        .await
    }

    /// A concern for a staff member, or not found if they may not see it.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<StaffView> {
        let mut c = self.app.store.read().await?;
        let mut concern = visible(&mut c, by, id).await?;
        let timeline = concerns::timeline(&mut c, id, false).await?;
        let attachments = liaison_store::attachments::list(&mut c, RecordRef::concern(id)).await?;
        let sees_reporter = by.role.may(Permission::SeeReporterIdentity);
        if !sees_reporter {
            concern.reporter = Reporter {
                language: concern.reporter.language,
                ..Reporter::default()
            };
        }
        let mut actions = if by.role.may(Permission::WorkOnConcerns) {
            available_actions(concern.status, by.role)
        } else {
            Vec::new()
        };
        if concern.status == Status::Appealed
            && crate::appeals::under_review(&mut c, by, &concern)
                .await
                .is_err()
        {
            // They took the decision appealed: someone else reviews it.
            actions.retain(|a| !matches!(a, Action::Uphold | Action::Overturn));
        }
        let may_appeal = by.role.may(Permission::WorkOnConcerns)
            && liaison_domain::concerns::transition(Status::Resolved, Action::Appeal, by.role)
                .is_ok();
        let appeal_until = if may_appeal {
            self.appeal_until(&mut c, &concern).await?
        } else {
            None
        };
        // Engagements are read with the right to read concerns, each through its own rule.
        let raised_at = if by.role.may(Permission::ReadConcerns) {
            liaison_store::engagements::raised_at(&mut c, id, by.role.sight(by.id)).await?
        } else {
            None
        };
        Ok(StaffView {
            raised_at,
            concern,
            timeline,
            actions,
            can_assign: by.role.may(Permission::AssignConcerns),
            can_note: by.role.may(Permission::AddNotes),
            can_update: by.role.may(Permission::PublishUpdates),
            can_mark_duplicate: by.role.may(Permission::MarkDuplicates),
            sees_reporter,
            attachments,
            can_attach: by.role.may(Permission::AddNotes),
            appeal_until,
        })
    }

    /// Finds a visible concern by its reference (for "go to reference" and duplicates).
    pub async fn id_by_reference(&self, by: &User, reference: &str) -> AppResult<i64> {
        let mut c = self.app.store.read().await?;
        let r = reference.trim().to_uppercase();
        concerns::by_reference(&mut c, &r, by.role.sight(by.id))
            .await?
            .map(|x| x.id)
            .ok_or(AppError::NotFound)
    }

    /// Takes a workflow step with an optional or required note.
    pub async fn act(&self, by: &User, id: i64, step: &Transition) -> AppResult<Status> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::WorkOnConcerns))?;
        let action = Action::parse(&step.action).map_err(|c| AppError::field("action", c))?;
        if action == Action::Appeal {
            let appeal = crate::appeals::LodgeAppeal {
                grounds: step.note.clone(),
                via: step.via.clone(),
            };
            self.appeal(by, id, &appeal).await?;
            return Ok(Status::Appealed);
        }
        let note = values::text(&step.note, 0, 4000).map_err(|c| AppError::field("note", c))?;
        if action.needs_reason() && note.is_empty() {
            return Err(AppError::field("note", "error-reason-required"));
        }
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let (at, who, backend) = (tx.at, tx.actor(), tx.backend());
            let mut x = visible(tx, by, id).await?;
            let appeal = match action {
                Action::Uphold | Action::Overturn => {
                    Some(crate::appeals::under_review(tx, by, &x).await?)
                }
                _ => None,
            };
            let category = liaison_store::categories::get(tx, x.category_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let clock = Clock {
                acknowledge: category.fields.acknowledge,
                resolve: category.fields.resolve,
                calendar: &office.calendar,
            };
            let mut handling = x.handling();
            let from = handling
                .take(action, by.role, at, &clock)
                .map_err(|e| match e {
                    WorkflowError::NotFromStatus => AppError::field("action", "error-not-now"),
                    WorkflowError::RoleMayNot => AppError::Forbidden,
                })?;
            let to = handling.status;
            x.set_handling(handling);
            x.updated_at = at;
            // Someone acted: the reporter's answer is no longer waiting for a word.
            x.replied_at = None;
            concerns::update(tx, &x).await?;
            let line = NewLine {
                changed_from: Some(from),
                changed_to: Some(to),
                ..NewLine::new(
                    RecordRef::concern(id),
                    at,
                    who,
                    LineKind::Transition,
                    &note,
                    true,
                )
            };
            timeline::add_one(tx, &line).await?;
            if !note.is_empty() {
                concerns::reindex(tx, backend, id).await?;
            }
            if let Some(appeal) = &appeal {
                liaison_store::appeals::review(tx, appeal.id, action.as_str(), by.id, &note, at)
                    .await?;
            }
            let (reference, note) = (x.reference.as_str(), note.as_str());
            let appeal_days = if matches!(to, Status::Resolved | Status::Rejected) {
                liaison_store::appeals::window(tx, x.category_id)
                    .await?
                    .days
            } else {
                0
            };
            let letter = match (action, to) {
                (Action::Uphold | Action::Overturn, _) => Some(Letter::AppealDecided {
                    reference,
                    upheld: action == Action::Uphold,
                    note,
                }),
                (_, Status::AwaitingReporter) => Some(Letter::Waiting { reference, note }),
                (_, Status::Resolved) => Some(Letter::Resolved {
                    reference,
                    note,
                    appeal_days,
                }),
                (_, Status::Rejected) => Some(Letter::Rejected {
                    reference,
                    note,
                    appeal_days,
                }),
                _ => None,
            };
            if let Some(letter) = letter {
                tell_reporter(self.app, tx, &x, &office.name, letter).await?;
            }
            tx.record(
                ConcernAction::Transition,
                id,
                json!({"action": action.as_str(), "status": [from.as_str(), to.as_str()]}),
            );
            Ok(to)
        })
        .await
    }

    /// Assigns a concern to a staff member, or unassigns it when `assignee` is empty.
    pub async fn assign(&self, by: &User, id: i64, assignment: &Assignment) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AssignConcerns))?;
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            let mut x = visible(tx, by, id).await?;
            let assignee = match assignment.assignee.trim() {
                "" => None,
                "me" => Some(by.clone()),
                s => {
                    let id: i64 = s
                        .parse()
                        .map_err(|_| AppError::field("assignee", "error-choice"))?;
                    match users::get(tx, id).await? {
                        Some(u) if u.active && u.role != liaison_domain::Role::Viewer => Some(u),
                        _ => return Err(AppError::field("assignee", "error-choice")),
                    }
                }
            };
            if let Some(u) = &assignee {
                // Never to the person it is about; a sensitive category's, only to its team.
                let (sensitive, team) = liaison_store::teams::of(tx, x.category_id).await?;
                if x.about_staff_id == Some(u.id) || (sensitive && !team.contains(&u.id)) {
                    return Err(AppError::field("assignee", "error-choice"));
                }
            }
            let before = x.assignee_id;
            x.assignee_id = assignee.as_ref().map(|u| u.id);
            if before == x.assignee_id {
                // Already so: nothing to change, nothing recorded.
                return Ok(());
            }
            x.updated_at = at;
            concerns::update(tx, &x).await?;
            let line = NewLine::new(
                RecordRef::concern(id),
                at,
                who,
                if assignee.is_some() {
                    LineKind::Assigned
                } else {
                    LineKind::Unassigned
                },
                assignee.as_ref().map_or("", |u| u.name.as_str()),
                false,
            );
            timeline::add_one(tx, &line).await?;
            // The new holder hears of it, as they chose (not when they took it themselves).
            if let Some(u) = assignee.as_ref().filter(|u| u.id != by.id) {
                let path = format!("/staff/concerns/{id}");
                let letter = Letter::Assigned {
                    reference: &x.reference,
                    category: &x.category_name,
                    path: &path,
                };
                let about = RecordRef::concern(id);
                notify(
                    self.app,
                    tx,
                    u,
                    News::Assigned,
                    (letter, &path),
                    about,
                    &office.name,
                )
                .await?;
            }
            tx.record(
                ConcernAction::Assign,
                id,
                json!({"assignee": [before, x.assignee_id]}),
            );
            Ok(())
        })
        .await
    }

    /// Records the member of staff a concern is about (a complaint against staff), or none:
    /// from then on that person never sees it, and it is taken from them if they held it.
    pub async fn about_staff(&self, by: &User, id: i64, about: &AboutStaff) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AssignConcerns))?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            let mut x = visible(tx, by, id).await?;
            let staff = match about.staff.trim() {
                "" => None,
                s => {
                    let sid: i64 = s
                        .parse()
                        .map_err(|_| AppError::field("staff", "error-choice"))?;
                    users::get(tx, sid)
                        .await?
                        .ok_or(AppError::field("staff", "error-choice"))?;
                    Some(sid)
                }
            };
            if staff == x.about_staff_id {
                return Ok(());
            }
            concerns::set_about_staff(tx, id, staff).await?;
            if staff.is_some() && x.assignee_id == staff {
                x.assignee_id = None;
                x.updated_at = at;
                concerns::update(tx, &x).await?;
                let line = NewLine::new(
                    RecordRef::concern(id),
                    at,
                    who,
                    LineKind::Unassigned,
                    "",
                    false,
                );
                timeline::add_one(tx, &line).await?;
            }
            tx.record(ConcernAction::AboutStaff, id, json!({"staff": staff}));
            Ok(())
        })
        .await
    }

    /// Adds an internal note, or an update the reporter sees ([`Note::is_public`]).
    pub async fn add_note(&self, by: &User, id: i64, note: &Note) -> AppResult<()> {
        let public = note.is_public();
        let (permission, action, kind) = if public {
            (
                Permission::PublishUpdates,
                ConcernAction::Update,
                LineKind::Update,
            )
        } else {
            (Permission::AddNotes, ConcernAction::Note, LineKind::Note)
        };
        let door = self.app.door(Caller::Staff(by, permission))?;
        let body = values::text(&note.body, 1, 4000).map_err(|c| AppError::field("body", c))?;
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let (at, who, backend) = (tx.at, tx.actor(), tx.backend());
            let mut x = visible(tx, by, id).await?;
            x.updated_at = at;
            if public {
                x.replied_at = None;
            }
            concerns::update(tx, &x).await?;
            let line = NewLine::new(RecordRef::concern(id), at, who, kind, &body, public);
            timeline::add_one(tx, &line).await?;
            concerns::reindex(tx, backend, id).await?;
            if public {
                let letter = Letter::Update {
                    reference: &x.reference,
                    body: &body,
                };
                tell_reporter(self.app, tx, &x, &office.name, letter).await?;
            }
            tx.record(action, id, json!({"length": body.chars().count()}));
            Ok(())
        })
        .await
    }

    /// Marks a concern a duplicate of the concern with reference `of`, or clears the mark
    /// when `of` is empty.
    pub async fn mark_duplicate(
        &self,
        by: &User,
        id: i64,
        duplicate: &MarkDuplicate,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::MarkDuplicates))?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            let mut x = visible(tx, by, id).await?;
            let original = match duplicate.of.trim() {
                "" => None,
                r => {
                    let o = concerns::by_reference(tx, &r.to_uppercase(), by.role.sight(by.id))
                        .await?
                        .ok_or_else(|| AppError::field("of", "error-reference-unknown"))?;
                    if o.id == id || o.duplicate_of == Some(id) {
                        return Err(AppError::field("of", "error-duplicate-self"));
                    }
                    Some(o)
                }
            };
            let before = x.duplicate_of_reference.clone();
            x.duplicate_of = original.as_ref().map(|o| o.id);
            x.updated_at = at;
            concerns::update(tx, &x).await?;
            let reference = original
                .as_ref()
                .map_or(String::new(), |o| o.reference.clone());
            let line = NewLine::new(
                RecordRef::concern(id),
                at,
                who,
                LineKind::Duplicate,
                &reference,
                true,
            );
            timeline::add_one(tx, &line).await?;
            tx.record(
                ConcernAction::Duplicate,
                id,
                json!({"duplicate_of": [before, original.map(|o| o.reference)]}),
            );
            Ok(())
        })
        .await
    }

    /// One page of a queue, limited to what the user may see.
    pub async fn queue(
        &self,
        by: &User,
        filter: &QueueFilter,
    ) -> AppResult<(Vec<Summary>, Option<Vec<i64>>)> {
        crate::require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        let (mut rows, next) = concerns::queue(
            &mut c,
            self.app.store.backend(),
            by.role.sight(by.id),
            filter,
        )
        .await?;
        if !filter.search.is_empty() && !by.role.may(Permission::SeeReporterIdentity) {
            // The index holds reporters' names; those who may not see them must not find
            // a concern by one. The page may come up short; the next one follows on.
            let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
            let kept =
                liaison_store::search::matching_without_reporter(&mut c, &ids, &filter.search)
                    .await?;
            rows.retain(|s| kept.contains(&s.id));
        }
        Ok((rows, next))
    }
}

/// The concern if `by` may see it; otherwise the same answer as for a missing one.
pub(crate) async fn visible(c: &mut Conn, by: &User, id: i64) -> AppResult<Concern> {
    concerns::get(c, id, by.role.sight(by.id))
        .await?
        .ok_or(AppError::NotFound)
}

/// Lands the reporter's answer `body` on concern `x` (arrived `via` the portal or email): a
/// line they see with the updates, the concern flagged to its officer until someone
/// answers or acts.
pub(crate) async fn land_reply(
    app: &App,
    tx: &mut Change<'_>,
    mut x: Concern,
    (body, via): (&str, &str),
    office: &str,
) -> AppResult<()> {
    let (at, who, backend) = (tx.at, tx.actor(), tx.backend());
    x.updated_at = at;
    x.replied_at = Some(at);
    concerns::update(tx, &x).await?;
    let line = NewLine::new(
        RecordRef::concern(x.id),
        at,
        who,
        LineKind::Reply,
        body,
        true,
    );
    timeline::add_one(tx, &line).await?;
    concerns::reindex(tx, backend, x.id).await?;
    tx.record(
        ConcernAction::Reply,
        x.id,
        json!({"via": via, "length": body.chars().count()}),
    );
    // Its officer hears of it, as they chose.
    if let Some(holder) = x.assignee_id {
        if let Some(u) = users::get(tx, holder).await?.filter(|u| u.active) {
            let path = format!("/staff/concerns/{}", x.id);
            let letter = Letter::Replied {
                reference: &x.reference,
                path: &path,
            };
            let about = RecordRef::concern(x.id);
            notify(app, tx, &u, News::Reply, (letter, &path), about, office).await?;
        }
    }
    Ok(())
}

/// Records the reporter's satisfaction with concern `x`: its row, a line the reporter sees,
/// the audit entry (which names neither them nor their words).
async fn land_satisfaction(
    tx: &mut Change<'_>,
    x: &Concern,
    satisfied: bool,
    reason: &str,
    via: &str,
    recorded_by: Option<i64>,
) -> AppResult<()> {
    let (at, who) = (tx.at, tx.actor());
    let answer = satisfaction::Answer {
        concern_id: x.id,
        satisfied,
        reason: reason.to_string(),
        via: via.to_string(),
        recorded_by,
        at,
    };
    satisfaction::insert(tx, &answer).await?;
    let kind = if satisfied {
        LineKind::Satisfied
    } else {
        LineKind::Dissatisfied
    };
    let line = NewLine::new(RecordRef::concern(x.id), at, who, kind, reason, true);
    timeline::add_one(tx, &line).await?;
    tx.record(
        ConcernAction::Satisfaction,
        x.id,
        json!({"satisfied": satisfied, "via": via}),
    );
    Ok(())
}

/// Posts `letter` about concern `x` to its reporter, when they gave an email address (an
/// anonymous reporter never did), in the language they used.
pub(crate) async fn tell_reporter(
    app: &App,
    tx: &mut Change<'_>,
    x: &Concern,
    office: &str,
    letter: Letter<'_>,
) -> AppResult<()> {
    let Some(to) = x.reporter.email.as_deref().filter(|_| !x.anonymous) else {
        return Ok(());
    };
    let (at, backend) = (tx.at, tx.backend());
    let posting = Posting {
        to,
        language: &x.reporter.language,
        letter,
        about: Some(RecordRef::concern(x.id)),
        office,
    };
    post(app, tx, backend, &posting, at).await?;
    tx.posted();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::door::stored;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(ConcernAction::ALL),
            [
                ("concern.create", "concern"),
                ("concern.transition", "concern"),
                ("concern.assign", "concern"),
                ("concern.note", "concern"),
                ("concern.update", "concern"),
                ("concern.duplicate", "concern"),
                ("concern.attach", "concern"),
                ("concern.client_update", "concern"),
                ("concern.reply", "concern"),
                ("concern.escalation", "concern"),
                ("concern.satisfaction", "concern"),
                ("concern.about_staff", "concern"),
            ]
        );
    }
}
