//! Mediations of disputes raised in concerns, their parties, sessions and proposals (see
//! `migrations/0022_mediation.sql`). Who may see one is who may see its concern: the
//! application checks the concern first.

use liaison_domain::mediation::{Answer, Side, Status};
use sqlx::Row;

use crate::{word, Conn, Result};

/// A mediation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mediation {
    pub id: i64,
    pub concern_id: i64,
    pub status: Status,
    pub mediator_id: i64,
    pub mediator_name: String,
    pub purpose: String,
    /// The agreement's summary, or why there is none.
    pub outcome: String,
    pub proposed_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

/// One of its parties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub id: i64,
    pub name: String,
    pub side: Side,
    /// Their organization, or whom they speak for.
    pub represents: String,
    /// The language they speak when an interpreter is needed (or empty).
    pub language: String,
}

/// One of its sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub held_at: i64,
    pub place: String,
    pub attended: String,
    pub interpreter: String,
    pub notes: String,
    /// The notes are for the mediator and the supervisors only.
    pub confidential: bool,
    pub recorded_by: Option<i64>,
}

/// One of its proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: i64,
    pub made_by: String,
    pub text: String,
    pub answer: Option<Answer>,
    pub made_at: i64,
    pub answered_at: Option<i64>,
}

const COLUMNS: &str = "m.id, m.concern_id, m.status, m.mediator_id, u.name AS mediator_name, \
    m.purpose, m.outcome, m.proposed_at, m.updated_at, m.closed_at \
    FROM mediations m JOIN users u ON u.id = m.mediator_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Mediation> {
    Ok(Mediation {
        id: r.try_get("id")?,
        concern_id: r.try_get("concern_id")?,
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        mediator_id: r.try_get("mediator_id")?,
        mediator_name: r.try_get("mediator_name")?,
        purpose: r.try_get("purpose")?,
        outcome: r.try_get("outcome")?,
        proposed_at: r.try_get("proposed_at")?,
        updated_at: r.try_get("updated_at")?,
        closed_at: r.try_get("closed_at")?,
    })
}

/// Records a proposed mediation; answers its id.
pub async fn insert(
    c: &mut Conn,
    concern_id: i64,
    mediator_id: i64,
    purpose: &str,
    by: i64,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO mediations (concern_id, status, mediator_id, purpose, outcome, \
         proposed_by, proposed_at, updated_at) VALUES ($1, 'proposed', $2, $3, '', $4, $5, $5) \
         RETURNING id",
    )
    .bind(concern_id)
    .bind(mediator_id)
    .bind(purpose)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *c)
    .await?)
}

/// One mediation (the caller checks its concern may be seen).
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<Mediation>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// A concern's mediations, oldest first.
pub async fn of_concern(c: &mut Conn, concern_id: i64) -> Result<Vec<Mediation>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE m.concern_id = $1 ORDER BY m.id"
    ))
    .bind(concern_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Writes a mediation's status and outcome.
pub async fn set_status(c: &mut Conn, m: &Mediation, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE mediations SET status = $1, outcome = $2, updated_at = $3, closed_at = $4 \
         WHERE id = $5",
    )
    .bind(m.status.as_str())
    .bind(&m.outcome)
    .bind(at)
    .bind(m.closed_at)
    .bind(m.id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Adds a party; answers its id.
pub async fn add_party(c: &mut Conn, mediation_id: i64, p: &Party, at: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO mediation_parties (mediation_id, name, side, represents, language, \
         added_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(mediation_id)
    .bind(&p.name)
    .bind(p.side.as_str())
    .bind(&p.represents)
    .bind(&p.language)
    .bind(at)
    .fetch_one(&mut *c)
    .await?)
}

/// A mediation's parties, in the order they joined.
pub async fn parties(c: &mut Conn, mediation_id: i64) -> Result<Vec<Party>> {
    let rows = sqlx::query(
        "SELECT id, name, side, represents, language FROM mediation_parties \
         WHERE mediation_id = $1 ORDER BY id",
    )
    .bind(mediation_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Party {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                side: word(&r.try_get::<String, _>("side")?, Side::parse)?,
                represents: r.try_get("represents")?,
                language: r.try_get("language")?,
            })
        })
        .collect()
}

/// Records a session; answers its id.
pub async fn add_session(c: &mut Conn, mediation_id: i64, s: &Session, at: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO mediation_sessions (mediation_id, held_at, place, attended, interpreter, \
         notes, confidential, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(mediation_id)
    .bind(s.held_at)
    .bind(&s.place)
    .bind(&s.attended)
    .bind(&s.interpreter)
    .bind(&s.notes)
    .bind(i64::from(s.confidential))
    .bind(s.recorded_by)
    .bind(at)
    .fetch_one(&mut *c)
    .await?)
}

/// A mediation's sessions, in the order they were held.
pub async fn sessions(c: &mut Conn, mediation_id: i64) -> Result<Vec<Session>> {
    let rows = sqlx::query(
        "SELECT id, held_at, place, attended, interpreter, notes, confidential, recorded_by \
         FROM mediation_sessions WHERE mediation_id = $1 ORDER BY held_at, id",
    )
    .bind(mediation_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Session {
                id: r.try_get("id")?,
                held_at: r.try_get("held_at")?,
                place: r.try_get("place")?,
                attended: r.try_get("attended")?,
                interpreter: r.try_get("interpreter")?,
                notes: r.try_get("notes")?,
                confidential: r.try_get::<i64, _>("confidential")? != 0,
                recorded_by: r.try_get("recorded_by")?,
            })
        })
        .collect()
}

/// Records a proposal; answers its id.
pub async fn add_proposal(
    c: &mut Conn,
    mediation_id: i64,
    made_by: &str,
    text: &str,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO mediation_proposals (mediation_id, made_by, text, answer, made_at) \
         VALUES ($1, $2, $3, '', $4) RETURNING id",
    )
    .bind(mediation_id)
    .bind(made_by)
    .bind(text)
    .bind(at)
    .fetch_one(&mut *c)
    .await?)
}

/// A mediation's proposals, in the order they were made.
pub async fn proposals(c: &mut Conn, mediation_id: i64) -> Result<Vec<Proposal>> {
    let rows = sqlx::query(
        "SELECT id, made_by, text, answer, made_at, answered_at FROM mediation_proposals \
         WHERE mediation_id = $1 ORDER BY id",
    )
    .bind(mediation_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            let answer: String = r.try_get("answer")?;
            Ok(Proposal {
                id: r.try_get("id")?,
                made_by: r.try_get("made_by")?,
                text: r.try_get("text")?,
                answer: match answer.as_str() {
                    "" => None,
                    a => Some(word(a, Answer::parse)?),
                },
                made_at: r.try_get("made_at")?,
                answered_at: r.try_get("answered_at")?,
            })
        })
        .collect()
}

/// Answers proposal `id` of mediation `mediation_id`, if it is still unanswered; answers
/// whether it was.
pub async fn answer(
    c: &mut Conn,
    mediation_id: i64,
    id: i64,
    answer: Answer,
    at: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mediation_proposals SET answer = $1, answered_at = $2 \
         WHERE id = $3 AND mediation_id = $4 AND answer = ''",
    )
    .bind(answer.as_str())
    .bind(at)
    .bind(id)
    .bind(mediation_id)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}
