//! Mediation of disputes raised in concerns: proposed on a concern with a mediator, its
//! parties, its sessions (notes confidential by default: the mediator's and the
//! supervisors'), proposals and their answers, the outcome — and an agreement whose terms
//! are commitments in the register. Whoever may see the concern may see its mediations.
//! `app.mediations()`.

use liaison_domain::audit::MediationAction;
use liaison_domain::commitments::Source;
use liaison_domain::mediation::{self as rules, Answer, LineKind, Side, Status, Step};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::{self, DateOrTime};
use liaison_domain::FieldErrors;
use liaison_store::commitments::Origin;
use liaison_store::mediation::{self as store, Party, Session};
use liaison_store::timeline::{self, NewLine};
use liaison_store::{users, Conn};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::mediation::{Mediation, Proposal};

use crate::accounts::User;
use crate::commitments::{Commitment, SaveCommitment};
use crate::concerns::visible;
use crate::door::{Caller, Change};
use crate::{App, AppError, AppResult, Flag, Text};

/// Mediations. `app.mediations()`.
#[derive(Clone, Copy)]
pub struct Mediations<'a> {
    pub(crate) app: &'a App,
}

/// Mediation proposed on a concern (`POST /staff/mediations`, `POST /api/v1/mediations`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProposeMediation {
    /// The id of the concern (one the caller may see).
    #[schema(required = true)]
    pub concern: Text,
    /// The id of the staff member who mediates; empty: the caller.
    pub mediator: Text,
    /// What it is to settle: 1 to 8000 characters.
    #[schema(required = true)]
    pub purpose: Text,
}

/// A party to a mediation (its page's `party` form, `POST /api/v1/mediations/{id}/parties`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AddParty {
    /// Their name: 1 to 300 characters.
    #[schema(required = true)]
    pub name: Text,
    /// `complainant`, `respondent` or `other`.
    #[schema(required = true)]
    pub side: Text,
    /// Their organization, or whom they speak for.
    pub represents: Text,
    /// The language they speak when an interpreter is needed (a BCP 47 tag such as `pt`).
    pub language: Text,
}

/// A session held, or planned (its page's `session` form,
/// `POST /api/v1/mediations/{id}/sessions`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RecordSession {
    /// When: a date and time (`2026-12-09T14:00`, in the office's zone unless an offset is
    /// given).
    #[schema(required = true)]
    pub held_at: Text,
    /// Where: 1 to 300 characters.
    #[schema(required = true)]
    pub place: Text,
    /// Who took part: the parties, the mediator, others (1 to 300 characters).
    #[schema(required = true)]
    pub attended: Text,
    /// The interpreter and the languages, if any.
    pub interpreter: Text,
    /// What was said and done: at most 8000 characters.
    pub notes: Text,
    /// Share the notes with everyone who may see the concern; otherwise only the mediator
    /// and the supervisors read them.
    pub share_notes: Flag,
}

/// A proposal put forward (its page's `proposal` form,
/// `POST /api/v1/mediations/{id}/proposals`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AddProposal {
    /// Who put it forward: a party, or the mediator (1 to 300 characters).
    #[schema(required = true)]
    pub made_by: Text,
    /// What is proposed: 1 to 8000 characters.
    #[schema(required = true)]
    pub text: Text,
}

/// A proposal's answer (its page's `answer` form, `POST /api/v1/mediations/{id}/answers`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AnswerProposal {
    /// The proposal's id.
    #[schema(required = true)]
    pub proposal: Text,
    /// `accepted` or `rejected`.
    #[schema(required = true)]
    pub answer: Text,
}

/// A step of the mediation (its page's `step` form, `POST /api/v1/mediations/{id}/steps`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MediationStep {
    /// `accept` (the parties agreed to mediate), `decline`, `settle` (an agreement was
    /// reached) or `end` (without an agreement).
    #[schema(required = true)]
    pub step: Text,
    /// Required but to `accept`: why it was declined or ended, or the agreement's summary.
    pub note: Text,
}

/// A mediation as its page shows it to one staff member.
#[derive(Debug, Clone)]
pub struct MediationView {
    pub mediation: Mediation,
    pub concern_reference: String,
    pub parties: Vec<Party>,
    /// Its sessions; the notes of confidential ones are empty for those not entitled.
    pub sessions: Vec<(Session, bool)>,
    pub proposals: Vec<Proposal>,
    /// The agreement's terms: commitments in the register.
    pub terms: Vec<Commitment>,
    pub timeline: Vec<Line>,
    /// The steps this staff member may take now.
    pub steps: Vec<Step>,
    /// Whether they may add parties, sessions, proposals and terms.
    pub can_mediate: bool,
}

/// One line of a mediation's timeline.
pub type Line = liaison_store::timeline::Line<LineKind, Status>;

impl Mediations<'_> {
    /// Proposes mediation on a concern; answers its id.
    pub async fn propose(&self, by: &User, cmd: &ProposeMediation) -> AppResult<i64> {
        let door = self.app.door(Caller::Staff(by, Permission::Mediate))?;
        let mut errors = FieldErrors::new();
        let concern = cmd.concern.trim().parse::<i64>().ok();
        if concern.is_none() {
            errors.add("concern", "error-choice");
        }
        let purpose = rules::long("purpose", &cmd.purpose, false, &mut errors);
        let mediator = self.mediator(by, &cmd.mediator, &mut errors).await?;
        errors.into_result()?;
        let (Some(concern), Some(purpose), Some(mediator)) = (concern, purpose, mediator) else {
            return Err(AppError::Internal("mediation checked without errors"));
        };
        door.change(async |tx| {
            let at = tx.at;
            let x = visible(tx, by, concern).await?;
            let id = store::insert(tx, x.id, mediator, &purpose, by.id, at).await?;
            line(tx, id, LineKind::Proposed, &purpose).await?;
            tx.record(
                MediationAction::Create,
                id,
                json!({"concern": x.id, "mediator": mediator}),
            );
            Ok(id)
        })
        .await
    }

    /// A mediation with all it holds, or not found if `by` may not see its concern.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<MediationView> {
        let mut c = self.app.store.read().await?;
        let (m, x) = readable(&mut c, by, id).await?;
        let entitled = |s: &Session| {
            !s.confidential
                || by.role.oversees()
                || by.id == m.mediator_id
                || s.recorded_by == Some(by.id)
        };
        let sessions = store::sessions(&mut c, id)
            .await?
            .into_iter()
            .map(|mut s| {
                let shown = entitled(&s);
                if !shown {
                    s.notes = String::new();
                }
                (s, shown)
            })
            .collect();
        let can_mediate = by.role.may(Permission::Mediate);
        let steps = if can_mediate {
            Step::ALL
                .iter()
                .copied()
                .filter(|s| s.target(m.status).is_some())
                .collect()
        } else {
            Vec::new()
        };
        Ok(MediationView {
            concern_reference: x.reference,
            parties: store::parties(&mut c, id).await?,
            sessions,
            proposals: store::proposals(&mut c, id).await?,
            terms: liaison_store::commitments::of_mediation(&mut c, id, by.role.sight(by.id))
                .await?,
            timeline: timeline::of(&mut c, record(id), false).await?,
            steps,
            can_mediate,
            mediation: m,
        })
    }

    /// The mediations of a concern `by` may see.
    pub async fn of_concern(&self, by: &User, concern_id: i64) -> AppResult<Vec<Mediation>> {
        let mut c = self.app.store.read().await?;
        visible(&mut c, by, concern_id).await?;
        Ok(store::of_concern(&mut c, concern_id).await?)
    }

    /// Adds a party.
    pub async fn add_party(&self, by: &User, id: i64, cmd: &AddParty) -> AppResult<()> {
        let mut errors = FieldErrors::new();
        let name = rules::short("name", &cmd.name, &mut errors);
        let side = errors.take("side", Side::parse(&cmd.side));
        let represents = errors.take("represents", values::text(&cmd.represents, 0, 300));
        let language = errors.take(
            "language",
            liaison_domain::stakeholders::language_tag(&cmd.language),
        );
        errors.into_result()?;
        let (Some(name), Some(side), Some(represents), Some(language)) =
            (name, side, represents, language)
        else {
            return Err(AppError::Internal("party checked without errors"));
        };
        self.change(by, id, true, async |tx, m| {
            let party = Party {
                id: 0,
                name,
                side,
                represents,
                language: language.unwrap_or_default(),
            };
            let at = tx.at;
            store::add_party(tx, m.id, &party, at).await?;
            line(tx, m.id, LineKind::Party, &party.name).await?;
            tx.record(MediationAction::Party, m.id, json!({"side": side.as_str()}));
            Ok(())
        })
        .await
    }

    /// Records a session, held or planned.
    pub async fn record_session(&self, by: &User, id: i64, cmd: &RecordSession) -> AppResult<()> {
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let mut errors = FieldErrors::new();
        let held_at = match values::date_or_time(&cmd.held_at, tz) {
            Ok(DateOrTime::At(t)) => Some(t.timestamp()),
            Ok(DateOrTime::Day(_)) => errors.take("held_at", Err("error-datetime")),
            Err(_) if cmd.held_at.trim().is_empty() => {
                errors.take("held_at", Err("error-required"))
            }
            Err(code) => errors.take("held_at", Err(code)),
        };
        let place = rules::short("place", &cmd.place, &mut errors);
        let attended = rules::short("attended", &cmd.attended, &mut errors);
        let interpreter = errors.take("interpreter", values::text(&cmd.interpreter, 0, 300));
        let notes = rules::long("notes", &cmd.notes, true, &mut errors);
        errors.into_result()?;
        let (Some(held_at), Some(place), Some(attended), Some(interpreter), Some(notes)) =
            (held_at, place, attended, interpreter, notes)
        else {
            return Err(AppError::Internal("session checked without errors"));
        };
        self.change(by, id, true, async |tx, m| {
            let session = Session {
                id: 0,
                held_at,
                place,
                attended,
                interpreter,
                notes,
                confidential: !cmd.share_notes.is_set(),
                recorded_by: Some(by.id),
            };
            let at = tx.at;
            store::add_session(tx, m.id, &session, at).await?;
            line(tx, m.id, LineKind::Session, &session.place).await?;
            tx.record(
                MediationAction::Session,
                m.id,
                json!({"held_at": held_at, "confidential": session.confidential}),
            );
            Ok(())
        })
        .await
    }

    /// Records a proposal put forward.
    pub async fn add_proposal(&self, by: &User, id: i64, cmd: &AddProposal) -> AppResult<()> {
        let mut errors = FieldErrors::new();
        let made_by = rules::short("made_by", &cmd.made_by, &mut errors);
        let text = rules::long("text", &cmd.text, false, &mut errors);
        errors.into_result()?;
        let (Some(made_by), Some(text)) = (made_by, text) else {
            return Err(AppError::Internal("proposal checked without errors"));
        };
        self.change(by, id, true, async |tx, m| {
            let at = tx.at;
            let p = store::add_proposal(tx, m.id, &made_by, &text, at).await?;
            line(tx, m.id, LineKind::Proposal, &text).await?;
            tx.record(MediationAction::Proposal, m.id, json!({"proposal": p}));
            Ok(())
        })
        .await
    }

    /// Records the parties' answer to a proposal.
    pub async fn answer(&self, by: &User, id: i64, cmd: &AnswerProposal) -> AppResult<()> {
        let mut errors = FieldErrors::new();
        let proposal = errors.take(
            "proposal",
            cmd.proposal
                .trim()
                .parse::<i64>()
                .map_err(|_| "error-choice"),
        );
        let answer = errors.take("answer", Answer::parse(&cmd.answer));
        errors.into_result()?;
        let (Some(proposal), Some(answer)) = (proposal, answer) else {
            return Err(AppError::Internal("answer checked without errors"));
        };
        self.change(by, id, true, async |tx, m| {
            let at = tx.at;
            if !store::answer(tx, m.id, proposal, answer, at).await? {
                return Err(AppError::field("proposal", "error-not-now"));
            }
            line(tx, m.id, LineKind::Answered, answer.as_str()).await?;
            tx.record(
                MediationAction::Answer,
                m.id,
                json!({"proposal": proposal, "answer": answer.as_str()}),
            );
            Ok(())
        })
        .await
    }

    /// Takes a step: accepted, declined, settled or ended.
    pub async fn step(&self, by: &User, id: i64, cmd: &MediationStep) -> AppResult<Status> {
        let step = Step::parse(&cmd.step).map_err(|c| AppError::field("step", c))?;
        let note =
            values::text(&cmd.note, 0, rules::TEXT_MAX).map_err(|c| AppError::field("note", c))?;
        if rules::needs_note(step) && note.is_empty() {
            return Err(AppError::field("note", "error-reason-required"));
        }
        self.change(by, id, false, async |tx, mut m| {
            let at = tx.at;
            let from = m.status;
            let to = step
                .target(from)
                .ok_or(AppError::field("step", "error-not-now"))?;
            m.status = to;
            if !note.is_empty() {
                m.outcome = note.clone();
            }
            if !to.is_open() {
                m.closed_at = Some(at);
            }
            store::set_status(tx, &m, at).await?;
            let l = NewLine {
                changed_from: Some(from),
                changed_to: Some(to),
                ..NewLine::new(record(m.id), at, tx.actor(), LineKind::Step, &note, false)
            };
            timeline::add_one(tx, &l).await?;
            tx.record(
                MediationAction::Step,
                m.id,
                json!({"status": [from.as_str(), to.as_str()]}),
            );
            Ok(to)
        })
        .await
    }

    /// Records a term of the agreement as a commitment in the register (while the parties
    /// mediate, or once they settled); answers the commitment's id.
    pub async fn add_term(&self, by: &User, id: i64, cmd: &SaveCommitment) -> AppResult<i64> {
        let terms = self.app.commitments().checked(by, cmd).await?;
        self.change(by, id, false, async |tx, m| {
            if !matches!(m.status, Status::Accepted | Status::Settled) {
                return Err(AppError::field("title", "error-not-now"));
            }
            let k = crate::commitments::land(
                tx,
                &terms,
                Source::Mediation,
                Origin {
                    concern: Some(m.concern_id),
                    mediation: Some(m.id),
                    engagement: None,
                },
                Some(by.id),
            )
            .await?;
            line(tx, m.id, LineKind::Term, &terms.title).await?;
            Ok(k)
        })
        .await
    }

    /// Runs `work` on mediation `id` in one change, after checking `by` may mediate and
    /// see its concern (and, if `open_only`, that it is still going).
    async fn change<R>(
        &self,
        by: &User,
        id: i64,
        open_only: bool,
        work: impl AsyncFnOnce(&mut Change<'_>, Mediation) -> AppResult<R>,
    ) -> AppResult<R> {
        let door = self.app.door(Caller::Staff(by, Permission::Mediate))?;
        door.change(async |tx| {
            let (m, _) = readable(tx, by, id).await?;
            if open_only && !m.status.is_open() {
                return Err(AppError::field("mediation", "error-mediation-closed"));
            }
            work(tx, m).await
        })
        .await
    }

    /// The mediator sent, or the caller: an active staff member who may mediate.
    async fn mediator(
        &self,
        by: &User,
        sent: &str,
        errors: &mut FieldErrors,
    ) -> AppResult<Option<i64>> {
        let sent = sent.trim();
        if sent.is_empty() || sent == "me" {
            return Ok(Some(by.id));
        }
        let mut c = self.app.store.read().await?;
        let found = match sent.parse::<i64>() {
            Ok(id) => match users::get(&mut c, id).await? {
                Some(u) if u.active && u.role.may(Permission::Mediate) => Some(id),
                _ => None,
            },
            Err(_) => None,
        };
        if found.is_none() {
            errors.add("mediator", "error-choice");
        }
        Ok(found)
    }
}

/// Mediation `id` and its concern, if `by` may see the concern.
async fn readable(
    c: &mut Conn,
    by: &User,
    id: i64,
) -> AppResult<(Mediation, crate::concerns::Concern)> {
    let m = store::get(c, id).await?.ok_or(AppError::NotFound)?;
    let x = visible(c, by, m.concern_id).await?;
    Ok((m, x))
}

async fn line(tx: &mut Change<'_>, id: i64, kind: LineKind, body: &str) -> AppResult<()> {
    let l = NewLine::new(record(id), tx.at, tx.actor(), kind, body, false);
    timeline::add_one::<LineKind, Status>(tx, &l).await?;
    Ok(())
}

fn record(id: i64) -> RecordRef {
    RecordRef {
        kind: RecordKind::Mediation,
        id,
    }
}
