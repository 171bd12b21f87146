//! Feedback surveys: questions (rating scales, one or several choices, free text) kept in
//! reusable templates; a survey made from one (or from nothing), asked about an engagement
//! or on its own, opened for answers on the portal by its link or its QR code, anonymously
//! or not, once per person where the person is known (the personal links sent to those who
//! came); its results (counts, averages, distributions, the free-text answers) and their
//! CSV. `app.surveys()`.

use liaison_domain::audit::SurveyAction;
use liaison_domain::interchange::csv;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::surveys::{self as rules, QuestionKind, Ratings, Status};
use liaison_domain::FieldErrors;
use liaison_mail::Letter;
use liaison_store::engagements as engagement_store;
use liaison_store::surveys::{self as store, NewSurvey, Respondent};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::surveys::{Response, StoredQuestion, Survey};

use crate::accounts::User;
use crate::door::Caller;
use crate::outbox::{post, Posting};
use crate::secrets::{digest, hex, random_bytes};
use crate::submissions::Submission;
use crate::{require, Answers, App, AppError, AppResult, Flag, Text};

/// Feedback surveys. `app.surveys()`.
#[derive(Clone, Copy)]
pub struct Surveys<'a> {
    pub(crate) app: &'a App,
}

/// A survey or template as a form or JSON body sends it (`POST /staff/surveys`,
/// `POST /api/v1/surveys`; to change one, `POST /staff/surveys/{id}` and
/// `POST /api/v1/surveys/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveSurvey {
    /// 1 to 300 characters.
    #[schema(required = true)]
    pub title: Text,
    /// What it is for, shown above its questions: at most 4000 characters.
    pub intro: Text,
    /// Answers keep nobody's name (a personal link still takes one answer). Fixed once
    /// it has answers.
    pub anonymous: Flag,
    /// New ones only: a template, kept to make surveys from; never answered.
    pub template: Flag,
    /// New ones only: the id of the engagement it asks about; empty: on its own.
    pub engagement: Text,
    /// New ones only: the id of a template (or survey) whose questions it starts with.
    pub from: Text,
}

/// A question, new or changed, or removed (`POST /staff/surveys/{id}/question`,
/// `POST /api/v1/surveys/{id}/questions`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveQuestion {
    /// The id of the question to change or remove; empty: a new one at the end.
    pub question: Text,
    /// `rating`, `single`, `multiple` or `text`.
    #[schema(required = true)]
    pub kind: Text,
    /// The question: 1 to 300 characters.
    #[schema(required = true)]
    pub label: Text,
    /// The choices of a single or multiple choice question, one per line (2 to 20).
    pub choices: Text,
    /// A rating's lowest and highest, within 0 to 10 (default 1 to 5).
    pub low: Text,
    pub high: Text,
    /// An answer is needed.
    pub required: Flag,
    /// Remove the question named by `question`.
    pub remove: Flag,
}

/// Opening a survey for answers, or closing it (`POST /staff/surveys/{id}/step`,
/// `POST /api/v1/surveys/{id}/step`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SurveyStep {
    /// `open` or `closed`.
    #[schema(required = true)]
    pub status: Text,
}

/// Answers to a survey (`POST /surveys/{key}` on the portal; `POST
/// /api/v1/surveys/{id}/responses` for answers on paper typed in by an officer).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Respond {
    /// By question id: a rating's number, the choices' texts (or positions from 0), or
    /// words. Forms send them as `q_{id}` fields.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// The secret of a personal link (once per person); empty: the survey's open link.
    pub from: Text,
    /// The portal form's one-time token: a form sent twice is counted once.
    pub token: Text,
}

/// A survey as its staff page shows it.
#[derive(Debug, Clone)]
pub struct SurveyView {
    pub survey: Survey,
    pub questions: Vec<StoredQuestion>,
    /// Personal links sent to those who came to its engagement.
    pub links_sent: i64,
    /// Whether this user may change it, open and close it.
    pub can_hold: bool,
}

/// What one question's answers come to.
#[derive(Debug, Clone)]
pub struct QuestionResult {
    pub question: StoredQuestion,
    /// How many answered it.
    pub answered: i64,
    /// A rating's counts over its scale and average.
    pub ratings: Option<Ratings>,
    /// Each choice with how many picked it.
    pub choices: Vec<(String, i64)>,
    /// The latest free-text answers, newest first (all of them are in the CSV).
    pub texts: Vec<String>,
}

/// A survey's results.
#[derive(Debug, Clone)]
pub struct Results {
    pub survey: Survey,
    pub questions: Vec<QuestionResult>,
}

/// What sending a survey's personal links came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sent {
    /// Letters written.
    pub sent: usize,
    /// Those who came and were written to before.
    pub before: usize,
}

/// What the portal shows of a survey to answer.
#[derive(Debug, Clone)]
pub struct PublicSurvey {
    pub survey: Survey,
    pub questions: Vec<StoredQuestion>,
    /// It takes answers now.
    pub open: bool,
}

/// What an answer came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Recorded.
    Recorded,
    /// This link (or this form) had answered already: nothing more recorded.
    Before,
}

/// The free-text answers a results page shows per question (the CSV has them all).
const TEXTS_SHOWN: i64 = 100;
/// The most surveys a list shows.
const LISTED: i64 = 500;

impl Surveys<'_> {
    /// Templates, or surveys (of one engagement, when given), newest first.
    pub async fn list(
        &self,
        by: &User,
        templates: bool,
        engagement: Option<i64>,
    ) -> AppResult<Vec<Survey>> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        let sight = by.role.sight(by.id);
        Ok(store::list(&mut c, sight, templates, engagement, LISTED).await?)
    }

    /// One survey with its questions, or not found if `by` may not see it.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<SurveyView> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        let survey = store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(SurveyView {
            questions: store::questions(&mut c, id).await?,
            links_sent: store::links_sent(&mut c, id).await?,
            can_hold: by.role.may(Permission::HoldEngagements),
            survey,
        })
    }

    /// Makes a draft survey or a template, with the questions of `from` when given;
    /// answers its id.
    pub async fn create(&self, by: &User, cmd: &SaveSurvey) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let mut errors = FieldErrors::new();
        let about = rules::about(&cmd.title, &cmd.intro, &mut errors);
        let engagement = errors.take("engagement", id_or_none(&cmd.engagement));
        let from = errors.take("from", id_or_none(&cmd.from));
        errors.into_result()?;
        let (title, intro) = about.ok_or(AppError::Internal("survey checked"))?;
        let (engagement, from) = (engagement.flatten(), from.flatten());
        let template = cmd.template.is_set();
        let sight = by.role.sight(by.id);
        door.change(async |tx| {
            let at = tx.at;
            if let Some(e) = engagement {
                if template {
                    return Err(AppError::field("engagement", "error-survey-template"));
                }
                engagement_store::get(tx, e, sight)
                    .await?
                    .ok_or_else(|| AppError::field("engagement", "error-choice"))?;
            }
            if let Some(f) = from {
                store::get(tx, f, sight)
                    .await?
                    .ok_or_else(|| AppError::field("from", "error-choice"))?;
            }
            let key = hex(&random_bytes::<12>());
            let new = NewSurvey {
                title: &title,
                intro: &intro,
                template,
                engagement_id: engagement,
                anonymous: cmd.anonymous.is_set(),
                link_key: &key,
            };
            let id = store::insert(tx, &new, Some(by.id), at).await?;
            if let Some(f) = from {
                store::copy_questions(tx, f, id).await?;
            }
            tx.record(
                SurveyAction::Create,
                id,
                json!({"template": template, "engagement": engagement, "from": from}),
            );
            Ok(id)
        })
        .await
    }

    /// Changes a survey's title, introduction and (until it has answers) anonymity.
    pub async fn change(&self, by: &User, id: i64, cmd: &SaveSurvey) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let mut errors = FieldErrors::new();
        let about = rules::about(&cmd.title, &cmd.intro, &mut errors);
        errors.into_result()?;
        let (title, intro) = about.ok_or(AppError::Internal("survey checked"))?;
        let anonymous = cmd.anonymous.is_set();
        door.change(async |tx| {
            let at = tx.at;
            let s = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if s.anonymous != anonymous && s.responses > 0 {
                return Err(AppError::field("anonymous", "error-survey-anonymity-fixed"));
            }
            if (s.title.as_str(), s.intro.as_str(), s.anonymous)
                == (title.as_str(), intro.as_str(), anonymous)
            {
                return Ok(());
            }
            store::update(tx, id, (&title, &intro, anonymous), at).await?;
            tx.record(SurveyAction::Update, id, json!({"anonymous": anonymous}));
            Ok(())
        })
        .await
    }

    /// Adds, changes or removes a question of a template or a draft; answers the
    /// question's id (none when removed).
    pub async fn question(&self, by: &User, id: i64, cmd: &SaveQuestion) -> AppResult<Option<i64>> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let mut errors = FieldErrors::new();
        let question = errors.take("question", id_or_none(&cmd.question)).flatten();
        let remove = cmd.remove.is_set();
        let checked = if remove {
            if question.is_none() {
                errors.add("question", "error-required");
            }
            None
        } else {
            rules::question(
                &cmd.kind,
                &cmd.label,
                &cmd.choices,
                (&cmd.low, &cmd.high),
                cmd.required.is_set(),
                &mut errors,
            )
        };
        errors.into_result()?;
        door.change(async |tx| {
            let at = tx.at;
            let s = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            rules::questions_may_change(s.template, s.status)
                .map_err(|code| AppError::field("label", code))?;
            let questions = store::questions(tx, id).await?;
            if let Some(q) = question {
                if !questions.iter().any(|k| k.id == q) {
                    return Err(AppError::field("question", "error-choice"));
                }
            } else if questions.len() >= rules::QUESTIONS_MAX {
                return Err(AppError::field("label", "error-survey-too-many"));
            }
            let saved = match (&checked, question) {
                (_, Some(q)) if remove => {
                    store::remove_question(tx, id, q, at).await?;
                    None
                }
                (Some(checked), q) => Some(store::save_question(tx, id, q, checked, at).await?),
                (None, _) => return Err(AppError::Internal("question checked")),
            };
            tx.record(
                SurveyAction::Question,
                id,
                json!({"question": saved.or(question), "removed": remove}),
            );
            Ok(saved)
        })
        .await
    }

    /// Opens a survey for answers, or closes it.
    pub async fn step(&self, by: &User, id: i64, cmd: &SurveyStep) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let to = Status::parse(cmd.status.trim()).map_err(|c| AppError::field("status", c))?;
        door.change(async |tx| {
            let at = tx.at;
            let s = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let questions = store::questions(tx, id).await?.len();
            rules::step(s.template, s.status, to, questions)
                .map_err(|(field, code)| AppError::field(field, code))?;
            store::set_status(tx, id, to, at).await?;
            tx.record(
                SurveyAction::Step,
                id,
                json!({"from": s.status.as_str(), "to": to.as_str()}),
            );
            Ok(())
        })
        .await
    }

    /// Writes the survey's personal link to each person who came to its engagement and
    /// gave an email address (once each; never to those who asked not to be contacted),
    /// in their language.
    pub async fn send(&self, by: &User, id: i64) -> AppResult<Sent> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let s = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let Some(engagement) = s.engagement_id else {
                return Err(AppError::field("status", "error-survey-no-engagement"));
            };
            if s.status != Status::Open {
                return Err(AppError::field("status", "error-survey-not-open"));
            }
            let mut done = Sent::default();
            for (registration, email, language) in store::attendees(tx, engagement).await? {
                let secret = hex(&random_bytes::<16>());
                if !store::add_link(tx, id, registration, &digest(&secret), at).await? {
                    done.before += 1;
                    continue;
                }
                let answer = format!("/surveys/{}?from={secret}", s.link_key);
                let title = s.engagement_title.as_deref().unwrap_or(&s.title);
                let posting = Posting {
                    to: &email,
                    language: if language.is_empty() { "en" } else { &language },
                    letter: Letter::SurveyAsked {
                        title,
                        answer: &answer,
                    },
                    about: Some(RecordRef {
                        kind: RecordKind::Survey,
                        id,
                    }),
                    office: &office,
                };
                let backend = tx.backend();
                post(self.app, tx, backend, &posting, at).await?;
                tx.posted();
                done.sent += 1;
            }
            tx.record(
                SurveyAction::Send,
                id,
                json!({"sent": done.sent, "before": done.before}),
            );
            Ok(done)
        })
        .await
    }

    /// A survey's results: for each question how many answered, a rating's distribution
    /// and average, each choice's count, the latest free-text answers.
    pub async fn results(&self, by: &User, id: i64) -> AppResult<Results> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        let survey = store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        let counts = store::counts(&mut c, id).await?;
        let answered = store::answered(&mut c, id).await?;
        let mut questions = Vec::new();
        for q in store::questions(&mut c, id).await? {
            let counted: Vec<(i64, i64)> = counts
                .iter()
                .filter(|(question, _, _)| *question == q.id)
                .map(|(_, number, n)| (*number, *n))
                .collect();
            let mut result = QuestionResult {
                answered: answered
                    .iter()
                    .find(|(question, _)| *question == q.id)
                    .map_or(0, |(_, n)| *n),
                ratings: None,
                choices: Vec::new(),
                texts: Vec::new(),
                question: q,
            };
            let q = &result.question.question;
            match q.kind {
                QuestionKind::Rating => result.ratings = Some(rules::ratings(q.scale, &counted)),
                QuestionKind::Single | QuestionKind::Multiple => {
                    result.choices = q
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(i, choice)| {
                            let n = counted
                                .iter()
                                .find(|(number, _)| *number == i as i64)
                                .map_or(0, |(_, n)| *n);
                            (choice.clone(), n)
                        })
                        .collect();
                }
                QuestionKind::Text => {
                    result.texts =
                        store::texts(&mut c, id, result.question.id, TEXTS_SHOWN).await?;
                }
            }
            questions.push(result);
        }
        Ok(Results { survey, questions })
    }

    /// A page of a survey's responses in the order received, after response `after`.
    pub async fn responses(
        &self,
        by: &User,
        id: i64,
        after: i64,
        limit: i64,
    ) -> AppResult<Vec<Response>> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(store::responses(&mut c, id, after, limit).await?)
    }

    /// Every response as CSV (RFC 4180): one row per response, one column per question
    /// (choices picked joined by `; `), with the respondent's name when not anonymous.
    pub async fn csv(&self, by: &User, id: i64) -> AppResult<(Survey, String)> {
        require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        let survey = store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        let questions = store::questions(&mut c, id).await?;
        let mut out = String::new();
        let mut head = vec!["response", "received", "language"];
        if !survey.anonymous {
            head.push("name");
        }
        head.extend(questions.iter().map(|q| q.question.label.as_str()));
        csv::record(head, &mut out);
        let mut after = 0;
        loop {
            let page = store::responses(&mut c, id, after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for r in &page {
                let mut row = vec![
                    r.id.to_string(),
                    chrono::DateTime::from_timestamp(r.created_at, 0)
                        .unwrap_or_default()
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string(),
                    r.language.clone(),
                ];
                if !survey.anonymous {
                    row.push(r.name.clone());
                }
                row.extend(questions.iter().map(|q| cell(&q.question, q.id, r)));
                csv::record(row.iter().map(String::as_str), &mut out);
            }
        }
        Ok((survey, out))
    }

    /// A survey to answer on the portal, by its link's key.
    pub async fn public(&self, key: &str) -> AppResult<PublicSurvey> {
        let mut c = self.app.store.read().await?;
        let survey = store::by_link(&mut c, key)
            .await?
            .filter(|s| s.status != Status::Draft)
            .ok_or(AppError::NotFound)?;
        Ok(PublicSurvey {
            questions: store::questions(&mut c, survey.id).await?,
            open: survey.status == Status::Open,
            survey,
        })
    }

    /// The open survey asking about engagement `engagement_id`, for its page on the portal
    /// to link to; none when it has none open.
    pub async fn open_for(&self, engagement_id: i64) -> AppResult<Option<Survey>> {
        let mut c = self.app.store.read().await?;
        Ok(store::open_for(&mut c, engagement_id).await?)
    }

    /// Records the answers sent on the portal (in `language`): once per personal link,
    /// once per form.
    pub async fn answer(&self, key: &str, cmd: &Respond, language: &str) -> AppResult<Answered> {
        let door = self.app.door(Caller::Resident)?;
        let from = cmd.from.trim().to_string();
        // Without a personal link, the form's token stands for the person: sent twice, it
        // is counted once. A client without one is counted each time.
        let form = Submission::from_form(cmd.token.trim()).map(|s| digest(&s.hash()));
        door.change(async |tx| {
            let at = tx.at;
            let s = store::by_link(tx, key)
                .await?
                .filter(|s| s.status != Status::Draft)
                .ok_or(AppError::NotFound)?;
            if s.status != Status::Open {
                return Err(AppError::field("answers", "error-survey-not-open"));
            }
            let (respondent, name, registration) = if from.is_empty() {
                (
                    form.clone().map(|f| format!("form:{f}")),
                    String::new(),
                    None,
                )
            } else {
                let r = store::link_registration(tx, s.id, &digest(&from))
                    .await?
                    .ok_or_else(|| AppError::field("from", "error-survey-link"))?;
                if s.anonymous {
                    // A digest keyed apart from the link's stored hash: it tells one answer
                    // per link without saying whose.
                    (
                        Some(format!("link:{}", digest(&format!("answer:{from}")))),
                        String::new(),
                        None,
                    )
                } else {
                    let name = engagement_store::registration_name(tx, r).await?;
                    (Some(format!("registration:{r}")), name, Some(r))
                }
            };
            let answers = checked_answers(tx, s.id, &cmd.answers).await?;
            let who = Respondent {
                key: respondent.as_deref(),
                name: &name,
                registration_id: registration,
                language,
            };
            let refs: Vec<(i64, &rules::Answer)> = answers.iter().map(|(q, a)| (*q, a)).collect();
            Ok(match store::respond(tx, s.id, &who, &refs, at).await? {
                Some(response) => {
                    // A change without an entry is rolled back.
                    tx.record(SurveyAction::Respond, s.id, json!({"response": response}));
                    Answered::Recorded
                }
                None => Answered::Before,
            })
        })
        .await
    }

    /// Records answers given on paper, typed in by an officer; answers the response's id.
    pub async fn enter(&self, by: &User, id: i64, cmd: &Respond) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        door.change(async |tx| {
            let at = tx.at;
            let s = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if s.template || s.status == Status::Draft {
                return Err(AppError::field("answers", "error-survey-not-open"));
            }
            let answers = checked_answers(tx, s.id, &cmd.answers).await?;
            let refs: Vec<(i64, &rules::Answer)> = answers.iter().map(|(q, a)| (*q, a)).collect();
            let who = Respondent {
                language: "",
                ..Respondent::default()
            };
            let response = store::respond(tx, s.id, &who, &refs, at)
                .await?
                .ok_or(AppError::Internal("an unnamed response is never a repeat"))?;
            tx.record(
                SurveyAction::Respond,
                s.id,
                json!({"response": response, "on_paper": true}),
            );
            Ok(response)
        })
        .await
    }
}

/// The answers sent checked against survey `survey_id`'s questions; each fault on the
/// question's own field (`q_{id}`).
async fn checked_answers(
    c: &mut liaison_store::Conn,
    survey_id: i64,
    sent: &Answers,
) -> AppResult<Vec<(i64, rules::Answer)>> {
    let questions = store::questions(c, survey_id).await?;
    let plain: Vec<_> = questions.iter().map(|q| q.question.clone()).collect();
    let values: Vec<Vec<String>> = questions
        .iter()
        .map(|q| sent.of_field(&format!("q_{}", q.id)))
        .collect();
    let mut errors = FieldErrors::new();
    let checked = rules::answers(&plain, &values, &mut errors);
    if !errors.is_empty() {
        // The rules name a question by its place (`q0`); forms and the API by its id.
        let mut named = FieldErrors::new();
        for e in errors.0 {
            let at = e
                .field
                .strip_prefix('q')
                .and_then(|i| i.parse::<usize>().ok());
            match at.and_then(|i| questions.get(i)) {
                Some(q) => named.add(format!("q_{}", q.id), e.code),
                None => named.add(e.field, e.code),
            }
        }
        return Err(named.into());
    }
    Ok(questions
        .iter()
        .zip(checked)
        .filter_map(|(q, a)| a.map(|a| (q.id, a)))
        .collect())
}

/// One question's cell of a response's CSV row.
fn cell(q: &rules::Question, question_id: i64, r: &Response) -> String {
    let mine = r.answers.iter().filter(|(q, _, _)| *q == question_id);
    match q.kind {
        QuestionKind::Rating => mine
            .filter_map(|(_, n, _)| *n)
            .map(|n| n.to_string())
            .collect(),
        QuestionKind::Single | QuestionKind::Multiple => mine
            .filter_map(|(_, n, _)| n.and_then(|n| q.choices.get(n as usize)))
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::Text => mine.filter_map(|(_, _, t)| t.clone()).collect(),
    }
}

/// An optional id as typed.
fn id_or_none(s: &str) -> Result<Option<i64>, &'static str> {
    match s.trim() {
        "" => Ok(None),
        s => s.parse::<i64>().map(Some).map_err(|_| "error-choice"),
    }
}

/// The path of a survey's answer page on the portal.
pub fn portal_path(survey: &Survey) -> String {
    format!("/surveys/{}", survey.link_key)
}

/// A survey's human reference: `S-00042`.
pub fn reference(id: i64) -> String {
    format!("S-{id:05}")
}
