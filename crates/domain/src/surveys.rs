//! Feedback surveys: questions (a rating scale, one choice, several choices, free text) kept
//! in reusable templates, a survey asked after an engagement or on its own, and the answers
//! checked against its questions. What results are made of (counts per choice, the average and
//! spread of ratings) is summed here from the counts storage gives.

use crate::concerns::word_enum;
use crate::errors::FieldErrors;
use crate::values;

/// The longest question or title (characters).
pub const LABEL_MAX: usize = 300;
/// The longest introduction (characters).
pub const INTRO_MAX: usize = 4000;
/// The longest free-text answer (characters).
pub const ANSWER_MAX: usize = 4000;
/// The most questions in one survey.
pub const QUESTIONS_MAX: usize = 40;
/// The most choices of one question.
pub const CHOICES_MAX: usize = 20;

word_enum! {
    /// What kind of answer a question asks for.
    QuestionKind {
        /// A rating on a scale (1 to 5, 0 to 10, …).
        Rating = "rating",
        /// One of its choices.
        Single = "single",
        /// Any of its choices.
        Multiple = "multiple",
        /// Words.
        Text = "text",
    }
}

word_enum! {
    /// Where a survey stands.
    Status {
        /// Being written: its questions may change; nobody answers it yet.
        Draft = "draft",
        /// Answered on the portal by its link; its questions are fixed.
        Open = "open",
        /// No longer answered; its results stay.
        Closed = "closed",
    }
}

/// Checks a survey's title and introduction as typed.
pub fn about(title: &str, intro: &str, errors: &mut FieldErrors) -> Option<(String, String)> {
    let title = errors.take("title", values::text(title, 1, LABEL_MAX));
    let intro = errors.take("intro", values::text(intro, 0, INTRO_MAX));
    Some((title?, intro?))
}

/// Whether a survey may move from `from` to `to`: a template is never answered, so never
/// opened; a survey opens with at least one question, closes, and may open again. Answers
/// the field at fault and the message when it may not.
pub fn step(
    template: bool,
    from: Status,
    to: Status,
    questions: usize,
) -> Result<(), (&'static str, &'static str)> {
    match (from, to) {
        _ if template => Err(("status", "error-survey-template")),
        (Status::Draft | Status::Closed, Status::Open) if questions == 0 => {
            Err(("status", "error-survey-no-questions"))
        }
        (Status::Draft | Status::Closed, Status::Open) | (Status::Open, Status::Closed) => Ok(()),
        _ => Err(("status", "error-not-now")),
    }
}

/// Whether a survey's questions may change: a template's always, a survey's while it is a
/// draft (once answered, a changed question would change what earlier answers meant).
pub fn questions_may_change(template: bool, status: Status) -> Result<(), &'static str> {
    if template || status == Status::Draft {
        Ok(())
    } else {
        Err("error-survey-questions-fixed")
    }
}

/// A question as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub kind: QuestionKind,
    pub label: String,
    /// The choices of a single or multiple choice question, in order.
    pub choices: Vec<String>,
    /// A rating's lowest and highest (1–5 by default).
    pub scale: (i64, i64),
    /// An answer is needed.
    pub required: bool,
}

/// Checks a question as typed: choices one per line (2 to 20, each once) for choice
/// questions; a scale `low–high` within 0–10 for ratings.
pub fn question(
    kind: &str,
    label: &str,
    choices: &str,
    scale: (&str, &str),
    required: bool,
    errors: &mut FieldErrors,
) -> Option<Question> {
    let before = errors.0.len();
    let kind = errors.take("kind", QuestionKind::parse(kind.trim()));
    let label = errors.take("label", values::text(label, 1, LABEL_MAX));
    let mut list: Vec<String> = Vec::new();
    for line in choices.lines() {
        match values::text(line, 0, LABEL_MAX) {
            Ok(c) if c.is_empty() => {}
            Ok(c) if list.iter().any(|l| l.eq_ignore_ascii_case(&c)) => {}
            Ok(c) => list.push(c),
            Err(code) => {
                errors.add("choices", code);
                break;
            }
        }
    }
    let wants_choices = matches!(kind, Some(QuestionKind::Single | QuestionKind::Multiple));
    if wants_choices && !(2..=CHOICES_MAX).contains(&list.len()) {
        errors.add("choices", "error-survey-choices");
    }
    if !wants_choices {
        list.clear();
    }
    let low = match scale.0.trim() {
        "" => Ok(1),
        s => s.parse::<i64>().map_err(|_| "error-number"),
    };
    let high = match scale.1.trim() {
        "" => Ok(5),
        s => s.parse::<i64>().map_err(|_| "error-number"),
    };
    let scale = match (low, high) {
        (Ok(l), Ok(h)) if (0..=10).contains(&l) && (0..=10).contains(&h) && l < h => Some((l, h)),
        _ if kind != Some(QuestionKind::Rating) => Some((1, 5)),
        _ => errors.take("scale", Err("error-survey-scale")),
    };
    if errors.0.len() > before {
        return None;
    }
    Some(Question {
        kind: kind?,
        label: label?,
        choices: list,
        scale: scale?,
        required,
    })
}

/// One answer as checked: a rating, the choices' positions, or words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Rating(i64),
    Choices(Vec<usize>),
    Text(String),
}

/// Checks the answers sent to `questions` (one list of values per question, in order:
/// a rating's number, the choices' texts or positions, the words), each against its
/// question; field `q{index}` names the one at fault. An unanswered question that is not
/// required has no answer.
pub fn answers(
    questions: &[Question],
    sent: &[Vec<String>],
    errors: &mut FieldErrors,
) -> Vec<Option<Answer>> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let field = format!("q{i}");
            let values: Vec<&str> = sent
                .get(i)
                .map(|v| {
                    v.iter()
                        .map(|s| s.trim())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            if values.is_empty() {
                if q.required {
                    errors.add(field, "error-required");
                }
                return None;
            }
            let answer = match q.kind {
                QuestionKind::Rating => match values[0].parse::<i64>() {
                    Ok(n) if values.len() == 1 && (q.scale.0..=q.scale.1).contains(&n) => {
                        Ok(Answer::Rating(n))
                    }
                    _ => Err("error-survey-out-of-range"),
                },
                QuestionKind::Single | QuestionKind::Multiple => {
                    let mut picked: Vec<usize> = Vec::new();
                    let mut bad = false;
                    for v in &values {
                        match position(&q.choices, v) {
                            Some(p) if !picked.contains(&p) => picked.push(p),
                            Some(_) => {}
                            None => bad = true,
                        }
                    }
                    if bad {
                        Err("error-choice")
                    } else if q.kind == QuestionKind::Single && picked.len() > 1 {
                        Err("error-survey-one-choice")
                    } else {
                        picked.sort_unstable();
                        Ok(Answer::Choices(picked))
                    }
                }
                QuestionKind::Text => values::text(values[0], 1, ANSWER_MAX).map(Answer::Text),
            };
            match answer {
                Ok(a) => Some(a),
                Err(code) => {
                    errors.add(field, code);
                    None
                }
            }
        })
        .collect()
}

/// A choice named by its text (as a form's radio buttons send it) or its position.
fn position(choices: &[String], sent: &str) -> Option<usize> {
    choices
        .iter()
        .position(|c| c == sent)
        .or_else(|| sent.parse::<usize>().ok().filter(|p| *p < choices.len()))
}

/// What a rating question's answers come to: how many gave each value, their average.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    /// For each value of the scale, low to high: how many gave it.
    pub counts: Vec<(i64, i64)>,
    pub answered: i64,
    /// None when nobody answered.
    pub average: Option<f64>,
}

/// Sums the counts storage gives (`value`, how many) over a question's scale.
pub fn ratings(scale: (i64, i64), counted: &[(i64, i64)]) -> Ratings {
    let counts: Vec<(i64, i64)> = (scale.0..=scale.1)
        .map(|v| {
            let n = counted
                .iter()
                .filter(|(c, _)| *c == v)
                .map(|(_, n)| n)
                .sum();
            (v, n)
        })
        .collect();
    let answered: i64 = counts.iter().map(|(_, n)| n).sum();
    let total: i64 = counts.iter().map(|(v, n)| v * n).sum();
    Ratings {
        counts,
        answered,
        average: (answered > 0).then(|| total as f64 / answered as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: &str, choices: &str, required: bool) -> Question {
        let mut errors = FieldErrors::new();
        question(
            kind,
            "How was it?",
            choices,
            ("", ""),
            required,
            &mut errors,
        )
        .unwrap_or_else(|| panic!("{errors:?}"))
    }

    #[test]
    fn questions_are_checked() {
        let mut errors = FieldErrors::new();
        assert!(question("single", "Which?", "Only one", ("", ""), false, &mut errors).is_none());
        assert_eq!(errors.for_field("choices"), Some("error-survey-choices"));
        let mut errors = FieldErrors::new();
        assert!(question("rating", "How?", "", ("5", "1"), false, &mut errors).is_none());
        assert_eq!(errors.for_field("scale"), Some("error-survey-scale"));
        assert_eq!(q("single", "Yes\nNo\nyes\n\n", true).choices, ["Yes", "No"]);
        assert_eq!(q("rating", "", false).scale, (1, 5));
        assert!(q("text", "ignored", false).choices.is_empty());
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let questions = [
            q("rating", "", true),
            q("single", "Bus\nWalk\nCar", false),
            q("multiple", "Dust\nNoise\nTraffic", false),
            q("text", "", false),
        ];
        let sent = |v: &[&[&str]]| -> Vec<Vec<String>> {
            v.iter()
                .map(|a| a.iter().map(|s| s.to_string()).collect())
                .collect()
        };
        let mut errors = FieldErrors::new();
        let got = answers(
            &questions,
            &sent(&[&["4"], &["Walk"], &["Traffic", "Dust"], &[" Thanks "]]),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            got,
            [
                Some(Answer::Rating(4)),
                Some(Answer::Choices(vec![1])),
                Some(Answer::Choices(vec![0, 2])),
                Some(Answer::Text("Thanks".into())),
            ]
        );
        let mut errors = FieldErrors::new();
        answers(
            &questions,
            &sent(&[&["6"], &["Bus", "Car"], &["Fire"], &[]]),
            &mut errors,
        );
        assert_eq!(errors.for_field("q0"), Some("error-survey-out-of-range"));
        assert_eq!(errors.for_field("q1"), Some("error-survey-one-choice"));
        assert_eq!(errors.for_field("q2"), Some("error-choice"));
        let mut errors = FieldErrors::new();
        answers(&questions, &sent(&[]), &mut errors);
        assert_eq!(errors.for_field("q0"), Some("error-required"));
        assert_eq!(errors.0.len(), 1);
    }

    #[test]
    fn surveys_open_with_questions_and_templates_never() {
        assert_eq!(step(false, Status::Draft, Status::Open, 2), Ok(()));
        assert_eq!(
            step(false, Status::Draft, Status::Open, 0),
            Err(("status", "error-survey-no-questions"))
        );
        assert_eq!(step(false, Status::Open, Status::Closed, 2), Ok(()));
        assert_eq!(step(false, Status::Closed, Status::Open, 2), Ok(()));
        assert_eq!(
            step(false, Status::Open, Status::Draft, 2),
            Err(("status", "error-not-now"))
        );
        assert_eq!(
            step(true, Status::Draft, Status::Open, 2),
            Err(("status", "error-survey-template"))
        );
        assert!(questions_may_change(true, Status::Draft).is_ok());
        assert_eq!(
            questions_may_change(false, Status::Open),
            Err("error-survey-questions-fixed")
        );
    }

    #[test]
    fn ratings_sum_over_the_scale() {
        let r = ratings((1, 5), &[(5, 3), (4, 1), (2, 1)]);
        assert_eq!(r.counts, [(1, 0), (2, 1), (3, 0), (4, 1), (5, 3)]);
        assert_eq!(r.answered, 5);
        assert_eq!(r.average, Some(4.2));
        assert_eq!(ratings((0, 10), &[]).average, None);
    }
}
