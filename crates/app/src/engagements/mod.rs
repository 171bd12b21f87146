//! Engagements: public meetings, forums, town halls, workshops and clinics, from the plan to
//! the last kept promise. Officers plan one (its venue and access, languages and
//! interpretation, officers and areas), publish it on the portal, take registrations with a
//! capacity and a waitlist that moves up by itself, check people in at the door (walk-ins
//! in seconds), record its agenda, minutes and decisions, the commitments made there and
//! the concerns raised. Residents find it on the portal, register without an account, add
//! it to their calendar (iCalendar) and give up their place by a link. `app.engagements()`.

use std::sync::{Arc, Mutex};

use liaison_domain::audit::EngagementAction;
use liaison_domain::commitments::Source;
use liaison_domain::engagements::{self as rules, LineKind, Place, Status};
use liaison_domain::interchange::icalendar::{self, Calendar, Event};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{Assessed, StakeholderLine};
use liaison_domain::FieldErrors;
use liaison_store::attachments::{self, Attachment};
use liaison_store::commitments::{self as commitment_store, Commitment, Origin};
use liaison_store::engagements::{self as store, FeedVersion, NewRegistration};
use liaison_store::timeline::{self, NewLine};
use liaison_store::{areas, concerns, interactions, now, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::engagements::{CalendarEntry, Engagement, Item, Registration, View};

use crate::accounts::User;
use crate::commitments::SaveCommitment;
use crate::door::{Caller, Change};
use crate::secrets::{digest, hex, random_bytes};
use crate::submissions::Submission;
use crate::{require, App, AppError, AppResult, Flag, List, Text};

mod invitations;
mod letters;

pub use invitations::{Answer, InvitationSummary, Invite};
pub use liaison_store::engagements::Invitation;

/// Engagements. `app.engagements()`.
#[derive(Clone, Copy)]
pub struct Engagements<'a> {
    pub(crate) app: &'a App,
}

/// An engagement's plan as a form or JSON body sends it (`POST /staff/engagements`,
/// `POST /api/v1/engagements`; to change one, `POST /staff/engagements/{id}/plan` and
/// `POST /api/v1/engagements/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveEngagement {
    /// `community_meeting`, `forum`, `town_hall`, `workshop`, `seminar`, `public_hearing`,
    /// `outreach_stall`, `festival` or `clinic`.
    #[schema(required = true)]
    pub kind: Text,
    /// 1 to 200 characters.
    #[schema(required = true)]
    pub title: Text,
    /// Why it is held and what it covers: at most 8000 characters.
    pub purpose: Text,
    /// When it starts: ISO 8601 (`2027-01-14T18:00`, read in `time_zone` without an offset).
    #[schema(required = true)]
    pub starts_at: Text,
    /// When it ends: after it starts, at most 14 days later.
    #[schema(required = true)]
    pub ends_at: Text,
    /// The IANA zone it is held in (`Africa/Johannesburg`); empty: the office's.
    pub time_zone: Text,
    /// The venue's name and address; required unless there is an online link.
    pub address: Text,
    /// The room.
    pub room: Text,
    /// The venue on a map: latitude and longitude (WGS 84), both or neither.
    pub lat: Text,
    pub lng: Text,
    /// Places offered (1 to 100000); empty: as many as come.
    pub capacity: Text,
    /// The venue has step-free access.
    pub step_free: Flag,
    /// The venue has a hearing loop.
    pub hearing_loop: Flag,
    /// The venue has parking.
    pub parking: Flag,
    /// How to get there by public transport.
    pub transit: Text,
    /// A link to join online (`https://…`).
    pub online_link: Text,
    /// Languages it is held in: BCP 47 tags separated by commas or spaces, the main first.
    pub languages: Text,
    /// Languages interpreted, sign languages included (`ase`, `bfi`): BCP 47 tags.
    pub interpretation: Text,
    /// The id of the staff member who organizes it; empty: the caller.
    pub organizer: Text,
    /// Ids of the other officers attending.
    pub officers: List,
    /// Ids of the areas it concerns.
    pub areas: List,
    /// Partner organizations, as written.
    pub partners: Text,
    /// Topics, one per line or separated by commas.
    pub topics: Text,
    /// `public` (default), `restricted` or `confidential`: who among staff sees it; only a
    /// public one can be published.
    pub confidentiality: Text,
    /// New ones only: `weekly`, `fortnightly` or `monthly` to plan a series (a weekly
    /// clinic), each occurrence its own engagement at the same local time; empty: one.
    pub repeat: Text,
    /// With `repeat`: how many occurrences, 2 to 52.
    pub occurrences: Text,
}

/// Publishing or calling off an engagement (`POST /staff/engagements/{id}/step`,
/// `POST /api/v1/engagements/{id}/step`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Step {
    /// `published` or `cancelled`.
    #[schema(required = true)]
    pub status: Text,
    /// Why it is called off (required to cancel; shown on the portal).
    pub reason: Text,
}

/// The minutes as a whole (`POST /staff/engagements/{id}/minutes`,
/// `POST /api/v1/engagements/{id}/minutes`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveMinutes {
    /// What happened: at most 8000 characters.
    pub minutes: Text,
}

/// An agenda item, new or changed, with what was said and decided
/// (`POST /staff/engagements/{id}/item`, `POST /api/v1/engagements/{id}/items`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveItem {
    /// The id of the item to change; empty: a new one at the end of the agenda.
    pub item: Text,
    /// 1 to 200 characters.
    #[schema(required = true)]
    pub title: Text,
    /// What was said.
    pub minutes: Text,
    /// What was decided.
    pub decision: Text,
}

/// A registration: on the portal (`POST /engagements/{id}/register`), or by an officer
/// (`POST /staff/engagements/{id}/register`, `POST /api/v1/engagements/{id}/registrations`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Register {
    /// The name to call at the door: 1 to 200 characters.
    #[schema(required = true)]
    pub name: Text,
    /// Where to tell them of changes (optional).
    pub email: Text,
    /// A phone number (optional).
    pub phone: Text,
    /// The language they prefer (a BCP 47 tag, optional).
    pub language: Text,
    /// Access needs: a wheelchair space, an interpreter, a hearing loop, childcare.
    pub needs: Text,
    /// The id of the area they live in (optional).
    pub area: Text,
    /// It is their first engagement with the office.
    pub first_time: Flag,
    /// The portal form's one-time token: a form sent twice takes one place.
    pub token: Text,
}

/// Someone checked in at the door (`POST /staff/engagements/{id}/door`,
/// `POST /api/v1/engagements/{id}/attendance`): a registration, or a walk-in by name.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CheckIn {
    /// The id of their registration (someone on the waitlist who came is given a place);
    /// empty: a walk-in, named below.
    pub registration: Text,
    /// A walk-in's name.
    pub name: Text,
    /// A walk-in's area id (optional).
    pub area: Text,
    /// A walk-in's first engagement with the office.
    pub first_time: Flag,
    /// A walk-in's email or phone (optional).
    pub email: Text,
    pub phone: Text,
}

/// A place given up by an officer (`POST /staff/engagements/{id}/unregister`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Unregister {
    /// The id of the registration.
    #[schema(required = true)]
    pub registration: Text,
}

/// Files attached to an engagement (`POST /staff/engagements/{id}/attachments`); the files
/// themselves come as the form's `attachment` parts.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttachFiles {
    /// Show them on the portal's page of the engagement when it is public and published
    /// (slides); unticked, staff only (a sign-in sheet).
    pub public: Flag,
}

/// A concern raised at the engagement, linked to it (`POST /staff/engagements/{id}/concern`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RaisedConcern {
    /// The concern's reference (`C-2026-00042`), one the caller may see.
    #[schema(required = true)]
    pub concern: Text,
}

/// What a registration answers: the place, and the secret of the link that gives it up
/// (shown once; only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub registration: i64,
    pub place: Place,
    pub secret: Option<String>,
}

/// An engagement as its staff page shows it.
#[derive(Debug, Clone)]
pub struct EngagementView {
    pub engagement: Engagement,
    pub officer_names: Vec<String>,
    pub area_names: Vec<String>,
    pub items: Vec<Item>,
    pub commitments: Vec<Commitment>,
    /// Concerns raised there: id, reference, category, status word.
    pub concerns: Vec<(i64, String, String, String)>,
    /// Who came by area (none: not said), and of them how many for the first time.
    pub attendance: Vec<(Option<String>, i64, i64)>,
    pub timeline: Vec<Line>,
    /// Its files (slides, sign-in sheets), oldest first.
    pub attachments: Vec<Attachment>,
    /// Whom it was sent to, or not and why, and their answers (for those who hold it).
    pub invitations: Vec<Invitation>,
    /// The occurrences of its series (none when it is on its own): id, start, status.
    pub series: Vec<(i64, i64, Status)>,
    /// Whether this user may plan, run and minute it.
    pub can_hold: bool,
}

/// An engagement as the portal shows it.
#[derive(Debug, Clone)]
pub struct PublicView {
    pub engagement: Engagement,
    pub area_names: Vec<String>,
    pub items: Vec<Item>,
    /// Its public commitments.
    pub commitments: Vec<Commitment>,
    /// Its files marked public (slides), oldest first.
    pub attachments: Vec<Attachment>,
}

/// One line of an engagement's timeline.
pub type Line = liaison_store::timeline::Line<LineKind, Status>;

/// An engagement's human reference: `E-00042`.
pub fn reference(id: i64) -> String {
    format!("E-{id:05}")
}

/// The calendar feed last written on this node, with what it was written from. Kept for
/// as long as the engagements' version and the office's name stay the same.
#[derive(Default)]
pub(crate) struct KeptFeed {
    kept: Mutex<Option<(FeedVersion, String, Arc<str>)>>,
    /// Held while the feed is written, so requests arriving together wait for one writer.
    writing: tokio::sync::Mutex<()>,
}

impl KeptFeed {
    /// The feed kept, if written from this version under this name.
    fn body(&self, version: &FeedVersion, office: &str) -> Option<Arc<str>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|(v, name, _)| v == version && name == office)
            .map(|(_, _, body)| body.clone())
    }

    fn keep(&self, version: FeedVersion, office: String, body: Arc<str>) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some((version, office, body));
    }
}

/// Where the calendar feed starts at `now`: a year back, from the start of that day (UTC),
/// so that the feed written stays the same all day unless an engagement changes.
fn feed_since(now: i64) -> i64 {
    (now - FEED_PAST).div_euclid(DAY) * DAY
}

/// How far back the calendar feed reaches (seconds): a year of past engagements.
const FEED_PAST: i64 = 366 * DAY;
const DAY: i64 = 24 * 3600;
/// The most engagements the calendar feed carries.
const FEED_MAX: i64 = 5000;
/// How far back the portal lists past engagements (seconds).
const PAST_SHOWN: i64 = 2 * 366 * 24 * 3600;

impl Engagements<'_> {
    /// A page of engagements, and where the next starts.
    pub async fn list(
        &self,
        by: &User,
        view: View,
        after: Option<(i64, i64)>,
        limit: i64,
    ) -> AppResult<(Vec<Engagement>, Option<(i64, i64)>)> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        Ok(store::list(&mut c, view, now(), after, limit, by.role.sight(by.id)).await?)
    }

    /// One engagement with everything recorded of it, or not found if `by` may not see it.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<EngagementView> {
        require(by, Permission::ReadConcerns)?;
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let engagement = store::get(&mut c, id, sight)
            .await?
            .ok_or(AppError::NotFound)?;
        let (officer_names, area_names) = store::names(&mut c, &engagement).await?;
        Ok(EngagementView {
            officer_names,
            area_names,
            items: store::items(&mut c, id).await?,
            commitments: commitment_store::of_engagement(&mut c, id, sight).await?,
            concerns: store::concerns_raised(&mut c, id, sight).await?,
            attendance: store::attendance(&mut c, id).await?,
            timeline: timeline::of(&mut c, record(id), false).await?,
            attachments: attachments::list(&mut c, record(id)).await?,
            series: match engagement.series_id {
                Some(s) => store::series(&mut c, s, sight).await?,
                None => Vec::new(),
            },
            invitations: if by.role.may(Permission::HoldEngagements) {
                store::invitations(&mut c, id).await?
            } else {
                Vec::new()
            },
            can_hold: by.role.may(Permission::HoldEngagements),
            engagement,
        })
    }

    /// Its registrations, waitlist and walk-ins, those matching `query` (name, email or
    /// phone), in the order they came: the door's list.
    pub async fn registrations(
        &self,
        by: &User,
        id: i64,
        query: &str,
    ) -> AppResult<(Engagement, Vec<Registration>)> {
        require(by, Permission::HoldEngagements)?;
        let mut c = self.app.store.read().await?;
        let e = store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        let found = store::registrations(&mut c, id, query, 500).await?;
        Ok((e, found))
    }

    /// Plans a new engagement, or a series of them (each occurrence its own engagement, to
    /// change or call off on its own); answers the (first one's) id.
    pub async fn plan(&self, by: &User, cmd: &SaveEngagement) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let checked = self.checked(by, cmd).await;
        let series = rules::series(&cmd.repeat, &cmd.occurrences);
        let (terms, series) = match (checked, series) {
            (Ok(t), Ok(s)) => (t, s),
            (Err(AppError::Invalid(mut errors)), Err((field, code))) => {
                errors.add(field, code);
                return Err(AppError::Invalid(errors));
            }
            (Err(e), _) => return Err(e),
            (_, Err((field, code))) => return Err(AppError::field(field, code)),
        };
        let times = match series {
            Some((repeat, n)) => {
                rules::occurrences((terms.starts_at, terms.ends_at), terms.time_zone, repeat, n)
            }
            None => vec![(terms.starts_at, terms.ends_at)],
        };
        door.change(async |tx| {
            let at = tx.at;
            let mut first: Option<i64> = None;
            for (starts_at, ends_at) in &times {
                let t = rules::Terms {
                    starts_at: *starts_at,
                    ends_at: *ends_at,
                    ..terms.clone()
                };
                let in_series = series.map(|_| first);
                let id = store::insert(tx, &t, in_series, Some(by.id), at).await?;
                line(tx, id, LineKind::Planned, &t.title).await?;
                tx.record(
                    EngagementAction::Create,
                    id,
                    json!({"kind": t.kind.as_str(), "starts_at": t.starts_at,
                           "organizer": t.organizer, "series": first.or(series.map(|_| id))}),
                );
                first.get_or_insert(id);
            }
            first.ok_or(AppError::Internal("an engagement planned"))
        })
        .await
    }

    /// Changes an engagement's plan. Capacity may not fall below the places given; more
    /// places move the waitlist up.
    pub async fn change(&self, by: &User, id: i64, cmd: &SaveEngagement) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let terms = self.checked(by, cmd).await?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let mut e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            rules::capacity_fits(terms.venue.capacity, e.registered)
                .map_err(|code| AppError::field("capacity", code))?;
            if e.status == Status::Published && terms.confidentiality != e.terms.confidentiality {
                return Err(AppError::field(
                    "confidentiality",
                    "error-publish-needs-public",
                ));
            }
            let changed = changes(&e.terms, &terms);
            if changed.is_empty() {
                return Ok(());
            }
            e.terms = terms;
            store::update(tx, &e, true, at).await?;
            let moved = match e.places_left() {
                Some(left) => store::move_up(tx, id, left.min(e.waitlisted)).await?,
                None => store::move_up(tx, id, e.waitlisted).await?,
            };
            letters::moved_up(self.app, tx, &e, &moved, &office).await?;
            line(tx, id, LineKind::Changed, &changed.join(", ")).await?;
            tx.record(
                EngagementAction::Update,
                id,
                json!({"changed": changed, "moved_up": moved.len()}),
            );
            Ok(())
        })
        .await
    }

    /// Publishes an engagement on the portal, or calls it off with the reason.
    pub async fn step(&self, by: &User, id: i64, cmd: &Step) -> AppResult<Status> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let to = Status::parse(cmd.status.trim()).map_err(|c| AppError::field("status", c))?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let mut e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let from = e.status;
            let reason = rules::step(from, to, e.terms.confidentiality, &cmd.reason)
                .map_err(|(field, code)| AppError::field(field, code))?;
            e.status = to;
            match to {
                Status::Published => e.published_at = Some(at),
                _ => e.cancel_reason = reason.clone(),
            }
            store::update(tx, &e, to == Status::Cancelled, at).await?;
            let kind = if to == Status::Published {
                LineKind::Published
            } else {
                LineKind::Cancelled
            };
            let l = NewLine {
                changed_from: Some(from),
                changed_to: Some(to),
                ..NewLine::new(record(id), at, tx.actor(), kind, &reason, false)
            };
            timeline::add_one(tx, &l).await?;
            let told = match to {
                Status::Cancelled => letters::called_off(self.app, tx, &e, &office).await?,
                _ => 0,
            };
            tx.record(
                EngagementAction::Step,
                id,
                json!({"status": [from.as_str(), to.as_str()], "told": told}),
            );
            Ok(to)
        })
        .await
    }

    /// Records the minutes as a whole.
    pub async fn minutes(&self, by: &User, id: i64, cmd: &SaveMinutes) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let minutes = liaison_domain::values::text(&cmd.minutes, 0, rules::TEXT_MAX)
            .map_err(|c| AppError::field("minutes", c))?;
        door.change(async |tx| {
            let at = tx.at;
            let mut e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if e.minutes == minutes {
                return Ok(());
            }
            e.minutes = minutes;
            store::update(tx, &e, false, at).await?;
            line(tx, id, LineKind::Minutes, "").await?;
            tx.record(EngagementAction::Minutes, id, json!({"item": null}));
            Ok(())
        })
        .await
    }

    /// Adds an agenda item, or records what was said and decided on one; answers its id.
    pub async fn item(&self, by: &User, id: i64, cmd: &SaveItem) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let mut errors = FieldErrors::new();
        let checked = rules::agenda_item(&cmd.title, &cmd.minutes, &cmd.decision, &mut errors);
        let item = match cmd.item.trim() {
            "" => None,
            i => match i.parse::<i64>() {
                Ok(i) => Some(i),
                Err(_) => {
                    errors.add("item", "error-choice");
                    None
                }
            },
        };
        errors.into_result()?;
        let (title, minutes, decision) = checked.ok_or(AppError::Internal("item checked"))?;
        door.change(async |tx| {
            let at = tx.at;
            store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let saved = store::save_item(tx, id, item, (&title, &minutes, &decision), at)
                .await?
                .ok_or(AppError::field("item", "error-choice"))?;
            line(tx, id, LineKind::Minutes, &title).await?;
            tx.record(EngagementAction::Minutes, id, json!({"item": saved}));
            Ok(saved)
        })
        .await
    }

    /// Records a commitment made at the engagement in the commitments register; answers
    /// its id.
    pub async fn commit(&self, by: &User, id: i64, cmd: &SaveCommitment) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::KeepCommitments))?;
        require(by, Permission::HoldEngagements)?;
        let terms = self.app.commitments().checked(by, cmd).await?;
        door.change(async |tx| {
            store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let origin = Origin {
                engagement: Some(id),
                ..Origin::default()
            };
            crate::commitments::land(tx, &terms, Source::Engagement, origin, Some(by.id)).await
        })
        .await
    }

    /// Links a concern raised at the engagement to it (both seen by `by`).
    pub async fn link_concern(&self, by: &User, id: i64, cmd: &RaisedConcern) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let sight = by.role.sight(by.id);
        door.change(async |tx| {
            store::get(tx, id, sight).await?.ok_or(AppError::NotFound)?;
            let reference = cmd.concern.trim().to_uppercase();
            let x = match liaison_domain::values::parse_reference(&reference) {
                Some(r) => concerns::by_reference(tx, &r, sight).await?,
                None => None,
            }
            .ok_or(AppError::field("concern", "error-choice"))?;
            if store::link_concern(tx, x.id, id).await? {
                tx.record(EngagementAction::Raised, id, json!({"concern": x.id}));
            }
            Ok(x.id)
        })
        .await
    }

    /// Registers someone on the portal: a place while any is left, else the waitlist. A
    /// form sent twice (the same token) answers the place it already took.
    pub async fn register_publicly(&self, id: i64, cmd: &Register) -> AppResult<Receipt> {
        let door = self.app.door(Caller::Resident)?;
        let person = registration(cmd)?;
        // Without the form's token (a client of its own), a place is taken each time.
        let secret = match Submission::from_form(cmd.token.trim()) {
            Some(submission) => submission.link_secret(),
            None => hex(&random_bytes::<16>()),
        };
        let hash = digest(&secret);
        let area = self.area(&cmd.area).await?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            if let Some(r) = store::by_token(tx, &hash).await? {
                return Ok(Receipt {
                    registration: r.id,
                    place: r.place,
                    secret: Some(secret.clone()),
                });
            }
            let e = store::get_public(tx, id).await?.ok_or(AppError::NotFound)?;
            rules::open_for_registration(e.status, e.terms.ends_at, at)
                .map_err(|code| AppError::field("name", code))?;
            let taking = Taking {
                person: &person,
                area,
                person_id: None,
                first_time: cmd.first_time.is_set(),
            };
            take_place(
                self.app,
                tx,
                &e,
                &taking,
                (&secret, &hash),
                ("portal", &office),
            )
            .await
        })
        .await
    }

    /// Registers someone on their behalf (by phone, at the office): any engagement not yet
    /// ended, published or not.
    pub async fn register(&self, by: &User, id: i64, cmd: &Register) -> AppResult<Receipt> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let person = registration(cmd)?;
        let area = self.area(&cmd.area).await?;
        let secret = hex(&random_bytes::<16>());
        let hash = digest(&secret);
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if e.status == Status::Cancelled {
                return Err(AppError::field("name", "error-engagement-cancelled"));
            }
            if at >= e.terms.ends_at {
                return Err(AppError::field("name", "error-engagement-over"));
            }
            let taking = Taking {
                person: &person,
                area,
                person_id: None,
                first_time: cmd.first_time.is_set(),
            };
            take_place(
                self.app,
                tx,
                &e,
                &taking,
                (&secret, &hash),
                ("staff", &office),
            )
            .await
        })
        .await
    }

    /// The engagement and place a cancel link names, for its page.
    pub async fn by_link(&self, secret: &str) -> AppResult<(Engagement, Registration)> {
        let mut c = self.app.store.read().await?;
        let r = store::by_token(&mut c, &digest(secret.trim()))
            .await?
            .ok_or(AppError::NotFound)?;
        let e = store::get(&mut c, r.engagement_id, liaison_domain::Sight::Everything)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((e, r))
    }

    /// Gives up the place a cancel link names; the first waiting moves up.
    pub async fn unregister_by_link(&self, secret: &str) -> AppResult<()> {
        let door = self.app.door(Caller::Resident)?;
        let hash = digest(secret.trim());
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let r = store::by_token(tx, &hash)
                .await?
                .ok_or(AppError::NotFound)?;
            give_up(self.app, tx, &r, ("portal", &office)).await
        })
        .await
    }

    /// Gives up a place on someone's behalf; the first waiting moves up.
    pub async fn unregister(&self, by: &User, id: i64, cmd: &Unregister) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let registration = cmd
            .registration
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::field("registration", "error-choice"))?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let r = store::registration_of(tx, id, registration)
                .await?
                .ok_or(AppError::field("registration", "error-choice"))?;
            give_up(self.app, tx, &r, ("staff", &office)).await
        })
        .await
    }

    /// Checks someone in at the door: a registration (once), or a walk-in added by name.
    /// Someone on the waitlist who came is given a place. Answers the registration's id.
    pub async fn check_in(&self, by: &User, id: i64, cmd: &CheckIn) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let walk_in = match cmd.registration.trim() {
            "" => {
                let mut errors = FieldErrors::new();
                let person =
                    rules::registration(&cmd.name, &cmd.email, &cmd.phone, "", "", &mut errors);
                errors.into_result()?;
                Some(person.ok_or(AppError::Internal("walk-in checked"))?)
            }
            _ => None,
        };
        let registration = match walk_in {
            Some(_) => None,
            None => Some(
                cmd.registration
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| AppError::field("registration", "error-choice"))?,
            ),
        };
        let area = self.area(&cmd.area).await?;
        door.change(async |tx| {
            let at = tx.at;
            let e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if e.status == Status::Cancelled {
                return Err(AppError::field("name", "error-engagement-cancelled"));
            }
            let (r, from_waitlist) = match (&walk_in, registration) {
                (Some(person), _) => {
                    let new = NewRegistration {
                        engagement_id: id,
                        person,
                        area_id: area,
                        person_id: None,
                        place: Place::Registered,
                        walk_in: true,
                        first_time: cmd.first_time.is_set(),
                        token_hash: None,
                        at,
                        attended: Some((at, attended_on(&e, at))),
                    };
                    (store::register(tx, &new).await?, false)
                }
                (None, Some(r)) => {
                    let r = store::registration_of(tx, id, r)
                        .await?
                        .ok_or(AppError::field("registration", "error-choice"))?;
                    if r.place == Place::Cancelled {
                        return Err(AppError::field("registration", "error-not-now"));
                    }
                    // Someone on the waitlist who came takes a place: they are in the room.
                    if !store::check_in(tx, &r, at, &attended_on(&e, at)).await? {
                        // Checked in already, or given up (perhaps by another change since).
                        let current = store::registration_of(tx, id, r.id).await?;
                        return Err(match current {
                            Some(n) if n.attended_at.is_some() => {
                                AppError::field("registration", "error-already-checked-in")
                            }
                            _ => AppError::field("registration", "error-not-now"),
                        });
                    }
                    if let Some(person) = r.person_id {
                        came(tx, &e, person).await?;
                    }
                    (r.id, r.place == Place::Waitlisted)
                }
                (None, None) => return Err(AppError::field("registration", "error-choice")),
            };
            tx.record(
                EngagementAction::CheckIn,
                id,
                json!({"registration": r, "walk_in": walk_in.is_some(),
                       "from_waitlist": from_waitlist}),
            );
            Ok(r)
        })
        .await
    }

    /// Published engagements not yet ended, soonest first, at most `limit`.
    pub async fn upcoming(&self, limit: i64) -> AppResult<Vec<Engagement>> {
        let mut c = self.app.store.read().await?;
        Ok(store::public(&mut c, true, now(), 0, limit).await?)
    }

    /// Published engagements ended in the last two years, latest first, at most `limit`.
    pub async fn past(&self, limit: i64) -> AppResult<Vec<Engagement>> {
        let at = now();
        let mut c = self.app.store.read().await?;
        Ok(store::public(&mut c, false, at, at - PAST_SHOWN, limit).await?)
    }

    /// A published engagement as the portal shows it, with its agenda and its public
    /// commitments.
    pub async fn public_view(&self, id: i64) -> AppResult<PublicView> {
        let mut c = self.app.store.read().await?;
        let engagement = store::get_public(&mut c, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (_, area_names) = store::names(&mut c, &engagement).await?;
        let commitments =
            commitment_store::of_engagement(&mut c, id, liaison_domain::Sight::Everything)
                .await?
                .into_iter()
                .filter(|k| k.terms.public)
                .collect();
        let attachments = attachments::list(&mut c, record(id))
            .await?
            .into_iter()
            .filter(|a| a.public)
            .collect();
        Ok(PublicView {
            area_names,
            attachments,
            items: store::items(&mut c, id).await?,
            commitments,
            engagement,
        })
    }

    /// The public commitments of the office, open ones first ("you said, we did"), with
    /// those kept or dropped in the last year.
    pub async fn public_commitments(&self) -> AppResult<Vec<Commitment>> {
        let mut c = self.app.store.read().await?;
        Ok(commitment_store::public(&mut c, now() - FEED_PAST, 500).await?)
    }

    /// A published engagement as an iCalendar file.
    pub async fn calendar(&self, id: i64) -> AppResult<String> {
        let e = {
            let mut c = self.app.store.read().await?;
            store::calendar(&mut c, id)
                .await?
                .ok_or(AppError::NotFound)?
        };
        let office = self.app.office().settings().await?;
        let mut out = String::with_capacity(4096);
        let events = [self.event(&e)];
        icalendar::write(
            &Calendar {
                name: &office.name,
                events: &events,
            },
            &mut out,
        );
        Ok(out)
    }

    /// Every published engagement from a year ago on (from the start of that day, UTC), as
    /// one iCalendar feed to subscribe to.
    ///
    /// The feed written is kept in memory with the version of the engagements it was
    /// written from ([`store::feed_version`], one cheap read each time) and the office's
    /// name, and is written again only when either differs: every node reads the version
    /// from the database, so a change made through any of them is in the next feed any of
    /// them serves.
    pub async fn feed(&self) -> AppResult<Arc<str>> {
        let since = feed_since(now());
        let office = self.app.office().settings().await?.name;
        let version = {
            let mut c = self.app.store.read().await?;
            store::feed_version(&mut c, since).await?
        };
        let kept = &self.app.feed;
        if let Some(body) = kept.body(&version, &office) {
            return Ok(body);
        }
        // One node writes the feed once for everyone asking at the same moment.
        let _writing = kept.writing.lock().await;
        // The version again: it may have moved while this waited, and the feed kept
        // under it must be written from rows read after it.
        let mut c = self.app.store.read().await?;
        let version = store::feed_version(&mut c, since).await?;
        if let Some(body) = kept.body(&version, &office) {
            return Ok(body);
        }
        let found = store::feed(&mut c, since, FEED_MAX).await?;
        drop(c);
        let events: Vec<Event> = found.iter().map(|e| self.event(e)).collect();
        let mut out = String::with_capacity(800 * events.len() + 1024);
        icalendar::write(
            &Calendar {
                name: &office,
                events: &events,
            },
            &mut out,
        );
        let body: Arc<str> = out.into();
        kept.keep(version, office, body.clone());
        Ok(body)
    }

    /// An engagement as a calendar event: its page on the portal as the URL, its revision
    /// as the sequence, so calendars take a changed plan for the same event.
    fn event(&self, e: &CalendarEntry) -> Event {
        let base = self.app.settings.public_url.trim_end_matches('/');
        let host = base
            .split("://")
            .nth(1)
            .unwrap_or(base)
            .split(['/', ':'])
            .next()
            .unwrap_or("liaison");
        let at = |s: i64| chrono::DateTime::from_timestamp(s, 0).unwrap_or_default();
        let mut location = e.address.clone();
        if !e.room.is_empty() {
            location = format!("{location}, {}", e.room);
        }
        if location.is_empty() {
            location = e.online_link.clone();
        }
        let mut description = e.purpose.clone();
        if !e.online_link.is_empty() {
            description = format!("{description}\n\n{}", e.online_link);
        }
        if e.status == Status::Cancelled && !e.cancel_reason.is_empty() {
            description = format!("{}\n\n{description}", e.cancel_reason);
        }
        Event {
            uid: format!("engagement-{}@{host}", e.id),
            sequence: u32::try_from(e.revision).unwrap_or(0),
            // With METHOD:PUBLISH, when this copy of the calendar was made (RFC 5545 3.8.7.2):
            // for the feed, when the copy kept was written.
            stamp: at(now()),
            last_modified: at(e.updated_at),
            starts: at(e.starts_at),
            ends: at(e.ends_at),
            time_zone: e.time_zone,
            summary: e.title.clone(),
            description: description.trim().to_string(),
            location: (!location.is_empty()).then_some(location),
            geo: e.point.map(|p| (p.lat, p.lng)),
            url: Some(format!("{base}/engagements/{}", e.id)),
            cancelled: e.status == Status::Cancelled,
            categories: e.topics.clone(),
        }
    }

    /// Staff who may organize or attend an engagement.
    pub async fn staff(&self) -> AppResult<Vec<User>> {
        Ok(self
            .app
            .accounts()
            .assignable_staff()
            .await?
            .into_iter()
            .filter(|u| u.role.may(Permission::HoldEngagements))
            .collect())
    }

    /// The plan sent, checked: organizer and officers active staff who may hold
    /// engagements, areas the office's.
    async fn checked(&self, by: &User, cmd: &SaveEngagement) -> AppResult<rules::Terms> {
        let mut errors = FieldErrors::new();
        let zone = self.app.office().settings().await?.calendar.time_zone;
        let mut c = self.app.store.read().await?;
        let organizer = match cmd.organizer.trim() {
            "" | "me" => Some(by.id),
            sent => holder(&mut c, sent, "organizer", &mut errors).await?,
        };
        let mut officers = Vec::new();
        for o in cmd.officers.0.iter().filter(|o| !o.trim().is_empty()) {
            if let Some(id) = holder(&mut c, o, "officers", &mut errors).await? {
                officers.push(id);
            }
        }
        let mut chosen = Vec::new();
        for a in cmd.areas.0.iter().filter(|a| !a.trim().is_empty()) {
            match a.trim().parse::<i64>() {
                Ok(id) if areas::get(&mut c, id).await?.is_some() => chosen.push(id),
                _ => errors.add("areas", "error-choice"),
            }
        }
        drop(c);
        let input = rules::TermsInput {
            kind: &cmd.kind,
            title: &cmd.title,
            purpose: &cmd.purpose,
            starts_at: &cmd.starts_at,
            ends_at: &cmd.ends_at,
            time_zone: &cmd.time_zone,
            address: &cmd.address,
            room: &cmd.room,
            lat: &cmd.lat,
            lng: &cmd.lng,
            capacity: &cmd.capacity,
            step_free: cmd.step_free.is_set(),
            hearing_loop: cmd.hearing_loop.is_set(),
            parking: cmd.parking.is_set(),
            transit: &cmd.transit,
            online_link: &cmd.online_link,
            languages: &cmd.languages,
            interpretation: &cmd.interpretation,
            partners: &cmd.partners,
            topics: &cmd.topics,
            confidentiality: &cmd.confidentiality,
        };
        let terms = rules::terms(
            input,
            zone,
            organizer.unwrap_or(by.id),
            officers,
            chosen,
            &mut errors,
        );
        errors.into_result()?;
        terms.ok_or(AppError::Internal("engagement checked without errors"))
    }

    /// An area named by id, or none when empty.
    async fn area(&self, sent: &str) -> AppResult<Option<i64>> {
        let sent = sent.trim();
        if sent.is_empty() {
            return Ok(None);
        }
        let mut c = self.app.store.read().await?;
        match sent.parse::<i64>() {
            Ok(id) if areas::get(&mut c, id).await?.is_some() => Ok(Some(id)),
            _ => Err(AppError::field("area", "error-choice")),
        }
    }
}

/// The active staff member `sent` names who may hold engagements, or an error on `field`.
async fn holder(
    c: &mut liaison_store::Conn,
    sent: &str,
    field: &'static str,
    errors: &mut FieldErrors,
) -> AppResult<Option<i64>> {
    let found = match sent.trim().parse::<i64>() {
        Ok(id) => users::get(c, id).await?,
        Err(_) => None,
    };
    Ok(match found {
        Some(u) if u.active && u.role.may(Permission::HoldEngagements) => Some(u.id),
        _ => {
            errors.add(field, "error-choice");
            None
        }
    })
}

/// A registration's person, checked.
fn registration(cmd: &Register) -> AppResult<rules::Registration> {
    let mut errors = FieldErrors::new();
    let person = rules::registration(
        &cmd.name,
        &cmd.email,
        &cmd.phone,
        &cmd.language,
        &cmd.needs,
        &mut errors,
    );
    errors.into_result()?;
    person.ok_or(AppError::Internal("registration checked without errors"))
}

/// Someone taking a place.
struct Taking<'a> {
    person: &'a rules::Registration,
    area: Option<i64>,
    /// Who they are in the register, when known (an invitation answered yes).
    person_id: Option<i64>,
    first_time: bool,
}

/// Takes a place at `e` — one while any is left, else on the waitlist — with its audit
/// entry, and writes to them of it when they gave an email. `how`: who registered them
/// (`portal`, `staff`, `invitation`).
async fn take_place(
    app: &App,
    tx: &mut Change<'_>,
    e: &Engagement,
    taking: &Taking<'_>,
    (secret, hash): (&str, &str),
    (how, office): (&str, &str),
) -> AppResult<Receipt> {
    let place = rules::place_for(e.terms.venue.capacity, e.registered);
    let new = NewRegistration {
        engagement_id: e.id,
        person: taking.person,
        area_id: taking.area,
        person_id: taking.person_id,
        place,
        walk_in: false,
        first_time: taking.first_time,
        token_hash: Some(hash),
        at: tx.at,
        attended: None,
    };
    let r = store::register(tx, &new).await?;
    tx.record(
        EngagementAction::Register,
        e.id,
        json!({"registration": r, "place": place.as_str(), "by": how}),
    );
    let waitlisted = place == Place::Waitlisted;
    letters::registered(app, tx, e, taking.person, waitlisted, secret, office).await?;
    Ok(Receipt {
        registration: r,
        place,
        secret: Some(secret.to_string()),
    })
}

/// Gives up a place and moves the first waiting up into a freed one, telling them.
async fn give_up(
    app: &App,
    tx: &mut Change<'_>,
    r: &Registration,
    (how, office): (&str, &str),
) -> AppResult<()> {
    if r.place == Place::Cancelled {
        return Err(AppError::field("registration", "error-not-now"));
    }
    let at = tx.at;
    store::unregister(tx, r, at).await?;
    let e = store::get(tx, r.engagement_id, liaison_domain::Sight::Everything)
        .await?
        .ok_or(AppError::NotFound)?;
    let moved = match (r.place, e.places_left()) {
        (Place::Registered, Some(left)) if at < e.terms.ends_at => {
            store::move_up(tx, e.id, left.min(e.waitlisted)).await?
        }
        _ => Vec::new(),
    };
    letters::moved_up(app, tx, &e, &moved, office).await?;
    tx.record(
        EngagementAction::Unregister,
        e.id,
        json!({"registration": r.id, "by": how,
               "moved_up": moved.iter().map(|m| m.id).collect::<Vec<_>>()}),
    );
    Ok(())
}

/// The day `at` falls on in the engagement's zone (ISO 8601).
fn attended_on(e: &Engagement, at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&e.terms.time_zone)
        .format("%Y-%m-%d")
        .to_string()
}

/// A person of the register came: the engagement is on their timeline, and they count as
/// contacted that day.
async fn came(tx: &mut Change<'_>, e: &Engagement, person: i64) -> AppResult<()> {
    let body = format!("{} {}", reference(e.id), e.terms.title);
    let who = RecordRef {
        kind: RecordKind::Person,
        id: person,
    };
    let l = NewLine::new(
        who,
        tx.at,
        tx.actor(),
        StakeholderLine::Attended,
        &body,
        false,
    );
    timeline::add_one::<StakeholderLine, Assessed>(tx, &l).await?;
    interactions::touch_person(tx, person).await?;
    Ok(())
}

/// Which parts of a plan changed, by the names its timeline line gives them.
fn changes(a: &rules::Terms, b: &rules::Terms) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |differs: bool, what: &'static str| {
        if differs {
            changed.push(what);
        }
    };
    check(
        a.kind != b.kind || a.title != b.title || a.purpose != b.purpose,
        "title",
    );
    check(
        a.starts_at != b.starts_at || a.ends_at != b.ends_at || a.time_zone != b.time_zone,
        "time",
    );
    check(a.venue != b.venue, "venue");
    check(
        a.languages != b.languages || a.interpretation != b.interpretation,
        "languages",
    );
    check(
        a.organizer != b.organizer || a.officers != b.officers || a.partners != b.partners,
        "people",
    );
    check(a.areas != b.areas || a.topics != b.topics, "topics");
    check(a.confidentiality != b.confidentiality, "confidentiality");
    changed
}

async fn line(tx: &mut Change<'_>, id: i64, kind: LineKind, body: &str) -> AppResult<()> {
    let l = NewLine::new(record(id), tx.at, tx.actor(), kind, body, false);
    timeline::add_one::<LineKind, Status>(tx, &l).await?;
    Ok(())
}

fn record(id: i64) -> RecordRef {
    RecordRef {
        kind: RecordKind::Engagement,
        id,
    }
}
