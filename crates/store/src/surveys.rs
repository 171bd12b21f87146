//! Feedback surveys (see `migrations/0026_surveys.sql`): templates and surveys, their
//! questions, the answers received and what results count. A survey asked about an
//! engagement is seen by those who see the engagement; one on its own by all staff.

use liaison_domain::surveys::{Answer, Question, QuestionKind, Status};
use liaison_domain::visibility::Confidentiality;
use liaison_domain::Sight;
use sqlx::Row;

use crate::engagements::GUARDED;
use crate::visibility::push;
use crate::{conflict, word, Conn, Result, Sql};

/// A survey or a template, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    pub id: i64,
    pub title: String,
    pub intro: String,
    /// A template: never answered; surveys are made from it.
    pub template: bool,
    /// The engagement it asks about, and its title.
    pub engagement_id: Option<i64>,
    pub engagement_title: Option<String>,
    /// Answers keep nobody's name.
    pub anonymous: bool,
    pub status: Status,
    /// The public part of its portal link.
    pub link_key: String,
    /// Answers received.
    pub responses: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A survey's question as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQuestion {
    pub id: i64,
    pub question: Question,
}

const COLUMNS: &str = "s.id, s.title, s.intro, s.template, s.engagement_id, \
    ev.title AS engagement_title, s.anonymous, s.status, s.link_key, s.responses, \
    s.created_at, s.updated_at FROM surveys s LEFT JOIN engagements ev ON ev.id = s.engagement_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Survey> {
    Ok(Survey {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        intro: r.try_get("intro")?,
        template: r.try_get::<i64, _>("template")? != 0,
        engagement_id: r.try_get("engagement_id")?,
        engagement_title: r.try_get("engagement_title")?,
        anonymous: r.try_get::<i64, _>("anonymous")? != 0,
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        link_key: r.try_get("link_key")?,
        responses: r.try_get("responses")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Appends the condition that `sight` may see the survey `s`: one whose engagement it may
/// see; one on its own (or a template) as a public record its maker is responsible for.
fn push_sight(sql: &mut Sql, sight: Sight) {
    sql.push(" AND (");
    if sight.allows(Confidentiality::Public, None) {
        sql.push("s.engagement_id IS NULL OR ");
    } else if let Some(me) = sight.responsible() {
        sql.push("(s.engagement_id IS NULL AND s.created_by = ")
            .int(me)
            .push(") OR ");
    }
    sql.push("EXISTS (SELECT 1 FROM engagements e WHERE e.id = s.engagement_id");
    push(sql, sight, GUARDED);
    sql.push("))");
}

/// A new survey or template, as made.
#[derive(Debug, Clone)]
pub struct NewSurvey<'a> {
    pub title: &'a str,
    pub intro: &'a str,
    pub template: bool,
    pub engagement_id: Option<i64>,
    pub anonymous: bool,
    pub link_key: &'a str,
}

/// Records a new draft survey (or template); answers its id.
pub async fn insert(c: &mut Conn, s: &NewSurvey<'_>, by: Option<i64>, at: i64) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO surveys (title, intro, template, engagement_id, anonymous, status, \
         link_key, responses, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, 0, $7, $8, $8) RETURNING id",
    )
    .bind(s.title)
    .bind(s.intro)
    .bind(i64::from(s.template))
    .bind(s.engagement_id)
    .bind(i64::from(s.anonymous))
    .bind(s.link_key)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *c)
    .await
    .map_err(conflict)?;
    Ok(id)
}

/// Changes a survey's title, introduction and anonymity.
pub async fn update(
    c: &mut Conn,
    id: i64,
    (title, intro, anonymous): (&str, &str, bool),
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE surveys SET title = $1, intro = $2, anonymous = $3, updated_at = $4 \
         WHERE id = $5",
    )
    .bind(title)
    .bind(intro)
    .bind(i64::from(anonymous))
    .bind(at)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Moves a survey to `status`.
pub async fn set_status(c: &mut Conn, id: i64, status: Status, at: i64) -> Result<()> {
    sqlx::query("UPDATE surveys SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(at)
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// One survey, if `sight` may see it.
pub async fn get(c: &mut Conn, id: i64, sight: Sight) -> Result<Option<Survey>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE s.id = "));
    sql.int(id);
    push_sight(&mut sql, sight);
    let row = sql.query().fetch_optional(&mut *c).await?;
    row.as_ref().map(from_row).transpose()
}

/// The survey a portal link names (never a template).
pub async fn by_link(c: &mut Conn, key: &str) -> Result<Option<Survey>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE s.link_key = $1 AND s.template = 0"
    ))
    .bind(key)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The newest open survey asking about engagement `engagement_id`, if any (for its page on
/// the portal).
pub async fn open_for(c: &mut Conn, engagement_id: i64) -> Result<Option<Survey>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE s.engagement_id = $1 AND s.template = 0 \
         AND s.status = 'open' ORDER BY s.id DESC LIMIT 1"
    ))
    .bind(engagement_id)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Templates, or surveys (those of engagement `engagement` only, when given), newest first,
/// as `sight` may see them; at most `limit`.
pub async fn list(
    c: &mut Conn,
    sight: Sight,
    templates: bool,
    engagement: Option<i64>,
    limit: i64,
) -> Result<Vec<Survey>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE s.template = "));
    sql.int(i64::from(templates));
    if let Some(e) = engagement {
        sql.push(" AND s.engagement_id = ").int(e);
    }
    push_sight(&mut sql, sight);
    sql.push(" ORDER BY s.id DESC LIMIT ").int(limit);
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// A survey's questions, in order.
pub async fn questions(c: &mut Conn, survey_id: i64) -> Result<Vec<StoredQuestion>> {
    let rows = sqlx::query(
        "SELECT id, kind, label, choices, scale_low, scale_high, required \
         FROM survey_questions WHERE survey_id = $1 ORDER BY position, id",
    )
    .bind(survey_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            let choices: String = r.try_get("choices")?;
            Ok(StoredQuestion {
                id: r.try_get("id")?,
                question: Question {
                    kind: word(&r.try_get::<String, _>("kind")?, QuestionKind::parse)?,
                    label: r.try_get("label")?,
                    choices: choices.lines().map(str::to_string).collect(),
                    scale: (r.try_get("scale_low")?, r.try_get("scale_high")?),
                    required: r.try_get::<i64, _>("required")? != 0,
                },
            })
        })
        .collect()
}

/// Adds a question at the end of a survey, or changes question `id` of it.
pub async fn save_question(
    c: &mut Conn,
    survey_id: i64,
    id: Option<i64>,
    q: &Question,
    at: i64,
) -> Result<i64> {
    let choices = q.choices.join("\n");
    let id = match id {
        Some(id) => {
            sqlx::query(
                "UPDATE survey_questions SET kind = $1, label = $2, choices = $3, \
                 scale_low = $4, scale_high = $5, required = $6 WHERE id = $7 AND survey_id = $8",
            )
            .bind(q.kind.as_str())
            .bind(&q.label)
            .bind(&choices)
            .bind(q.scale.0)
            .bind(q.scale.1)
            .bind(i64::from(q.required))
            .bind(id)
            .bind(survey_id)
            .execute(&mut *c)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO survey_questions (survey_id, position, kind, label, choices, \
                 scale_low, scale_high, required) VALUES ($1, (SELECT COALESCE(MAX(position), 0) \
                 + 1 FROM survey_questions WHERE survey_id = $1), $2, $3, $4, $5, $6, $7) \
                 RETURNING id",
            )
            .bind(survey_id)
            .bind(q.kind.as_str())
            .bind(&q.label)
            .bind(&choices)
            .bind(q.scale.0)
            .bind(q.scale.1)
            .bind(i64::from(q.required))
            .fetch_one(&mut *c)
            .await?
        }
    };
    touch(c, survey_id, at).await?;
    Ok(id)
}

/// Removes question `id` of a survey that has no answers.
pub async fn remove_question(c: &mut Conn, survey_id: i64, id: i64, at: i64) -> Result<()> {
    sqlx::query("DELETE FROM survey_questions WHERE id = $1 AND survey_id = $2")
        .bind(id)
        .bind(survey_id)
        .execute(&mut *c)
        .await?;
    touch(c, survey_id, at).await
}

/// Copies the questions of survey `from` to the end of survey `to`.
pub async fn copy_questions(c: &mut Conn, from: i64, to: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO survey_questions (survey_id, position, kind, label, choices, scale_low, \
         scale_high, required) SELECT $1, position, kind, label, choices, scale_low, \
         scale_high, required FROM survey_questions WHERE survey_id = $2",
    )
    .bind(to)
    .bind(from)
    .execute(&mut *c)
    .await?;
    Ok(())
}

async fn touch(c: &mut Conn, id: i64, at: i64) -> Result<()> {
    sqlx::query("UPDATE surveys SET updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// Who sent a response, as kept.
#[derive(Debug, Clone, Default)]
pub struct Respondent<'a> {
    /// Once per person: their key (a registration's, or a keyed digest of their link's
    /// secret when the survey is anonymous); None for answers by the open link.
    pub key: Option<&'a str>,
    /// Their name and place, when the survey is not anonymous.
    pub name: &'a str,
    pub registration_id: Option<i64>,
    pub language: &'a str,
}

/// Records one response with its answers (`(question id, answer)`); None when this
/// respondent already answered.
pub async fn respond(
    c: &mut Conn,
    survey_id: i64,
    who: &Respondent<'_>,
    answers: &[(i64, &Answer)],
    at: i64,
) -> Result<Option<i64>> {
    if let Some(key) = who.key {
        let seen: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM survey_responses WHERE survey_id = $1 AND respondent = $2",
        )
        .bind(survey_id)
        .bind(key)
        .fetch_optional(&mut *c)
        .await?;
        if seen.is_some() {
            return Ok(None);
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_responses (survey_id, respondent, name, registration_id, language, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(survey_id)
    .bind(who.key)
    .bind(who.name)
    .bind(who.registration_id)
    .bind(who.language)
    .bind(at)
    .fetch_one(&mut *c)
    .await
    .map_err(conflict)?;
    for (question, answer) in answers {
        let rows: Vec<(Option<i64>, Option<&str>)> = match answer {
            Answer::Rating(n) => vec![(Some(*n), None)],
            Answer::Choices(picked) => picked.iter().map(|p| (Some(*p as i64), None)).collect(),
            Answer::Text(t) => vec![(None, Some(t.as_str()))],
        };
        for (number, text) in rows {
            sqlx::query(
                "INSERT INTO survey_answers (response_id, survey_id, question_id, number, text) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(survey_id)
            .bind(question)
            .bind(number)
            .bind(text)
            .execute(&mut *c)
            .await?;
        }
    }
    sqlx::query("UPDATE surveys SET responses = responses + 1 WHERE id = $1")
        .bind(survey_id)
        .execute(&mut *c)
        .await?;
    Ok(Some(id))
}

/// How many gave each number (a rating, a choice's position) to each question:
/// `(question id, number, how many)`, read from the answers' index alone.
pub async fn counts(c: &mut Conn, survey_id: i64) -> Result<Vec<(i64, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT question_id, number, COUNT(*) AS n FROM survey_answers \
         WHERE survey_id = $1 AND number IS NOT NULL GROUP BY question_id, number",
    )
    .bind(survey_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("question_id")?,
                r.try_get("number")?,
                r.try_get("n")?,
            ))
        })
        .collect()
}

/// How many answered each question (a multiple choice counted once per response). A rating,
/// one choice or words is one row per response, counted from the answers' index alone; only
/// multiple choices, a row per choice picked, are counted by their distinct responses.
pub async fn answered(c: &mut Conn, survey_id: i64) -> Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT a.question_id, COUNT(*) AS n FROM survey_answers a WHERE a.survey_id = $1 \
         AND a.question_id IN (SELECT q.id FROM survey_questions q WHERE q.survey_id = $1 \
         AND q.kind <> 'multiple') GROUP BY a.question_id \
         UNION ALL SELECT a.question_id, COUNT(DISTINCT a.response_id) AS n \
         FROM survey_answers a WHERE a.survey_id = $1 \
         AND a.question_id IN (SELECT q.id FROM survey_questions q WHERE q.survey_id = $1 \
         AND q.kind = 'multiple') GROUP BY a.question_id",
    )
    .bind(survey_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("question_id")?, r.try_get("n")?)))
        .collect()
}

/// The latest free-text answers to question `question_id`, newest first; at most `limit`.
/// A response's answers are written with it, so the answers' own order is the responses'
/// (read from the index, without sorting them all).
pub async fn texts(
    c: &mut Conn,
    survey_id: i64,
    question_id: i64,
    limit: i64,
) -> Result<Vec<String>> {
    let texts = sqlx::query_scalar(
        "SELECT a.text FROM survey_answers a WHERE a.survey_id = $1 AND a.question_id = $2 \
         AND a.number IS NULL AND a.text IS NOT NULL ORDER BY a.id DESC LIMIT $3",
    )
    .bind(survey_id)
    .bind(question_id)
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    Ok(texts)
}

/// One response with its answers, for the CSV export and the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub id: i64,
    pub name: String,
    pub language: String,
    pub created_at: i64,
    /// `(question id, number, text)`, one per answer row.
    pub answers: Vec<(i64, Option<i64>, Option<String>)>,
}

/// A survey's responses in the order received, from after response `after` on; at most
/// `limit`.
pub async fn responses(
    c: &mut Conn,
    survey_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Response>> {
    let rows = sqlx::query(
        "SELECT id, name, language, created_at FROM survey_responses \
         WHERE survey_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(survey_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    let mut out: Vec<Response> = rows
        .iter()
        .map(|r| {
            Ok(Response {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                language: r.try_get("language")?,
                created_at: r.try_get("created_at")?,
                answers: Vec::new(),
            })
        })
        .collect::<Result<_>>()?;
    let (Some(first), Some(last)) = (out.first().map(|r| r.id), out.last().map(|r| r.id)) else {
        return Ok(out);
    };
    let rows = sqlx::query(
        "SELECT response_id, question_id, number, text FROM survey_answers \
         WHERE survey_id = $1 AND response_id BETWEEN $2 AND $3 ORDER BY response_id",
    )
    .bind(survey_id)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *c)
    .await?;
    for r in &rows {
        let response: i64 = r.try_get("response_id")?;
        // The page is in id order.
        if let Ok(i) = out.binary_search_by_key(&response, |o| o.id) {
            let to = &mut out[i];
            to.answers.push((
                r.try_get("question_id")?,
                r.try_get("number")?,
                r.try_get("text")?,
            ));
        }
    }
    Ok(out)
}

/// Records a personal link sent to registration `registration_id`; false when one was
/// sent to it before.
pub async fn add_link(
    c: &mut Conn,
    survey_id: i64,
    registration_id: i64,
    token_hash: &str,
    at: i64,
) -> Result<bool> {
    let seen: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM survey_links WHERE survey_id = $1 AND registration_id = $2",
    )
    .bind(survey_id)
    .bind(registration_id)
    .fetch_optional(&mut *c)
    .await?;
    if seen.is_some() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO survey_links (survey_id, registration_id, token_hash, sent_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(survey_id)
    .bind(registration_id)
    .bind(token_hash)
    .bind(at)
    .execute(&mut *c)
    .await
    .map_err(conflict)?;
    Ok(true)
}

/// The registration a personal link of survey `survey_id` was sent to.
pub async fn link_registration(
    c: &mut Conn,
    survey_id: i64,
    token_hash: &str,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT registration_id FROM survey_links WHERE survey_id = $1 AND token_hash = $2",
    )
    .bind(survey_id)
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await?)
}

/// How many personal links a survey has sent.
pub async fn links_sent(c: &mut Conn, survey_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_links WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_one(&mut *c)
            .await?,
    )
}

/// Those who came to engagement `engagement_id` and gave an email address, but not those
/// of the register who asked not to be contacted: `(registration id, email, language)`.
pub async fn attendees(c: &mut Conn, engagement_id: i64) -> Result<Vec<(i64, String, String)>> {
    let rows = sqlx::query(
        "SELECT r.id, r.email, r.language FROM engagement_registrations r \
         LEFT JOIN people p ON p.id = r.person_id WHERE r.engagement_id = $1 \
         AND r.attended_at IS NOT NULL AND r.email <> '' \
         AND (p.id IS NULL OR p.do_not_contact = 0) ORDER BY r.id",
    )
    .bind(engagement_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("email")?,
                r.try_get("language")?,
            ))
        })
        .collect()
}
