//! Categories of concern and their intake questions, and the checking of answers.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::concerns::word_enum;
use crate::errors::FieldErrors;
use crate::texts::{Label, TextMut};

/// The most characters of a question's label.
pub const LABEL_MAX: usize = 200;
/// The most characters of a question's help.
pub const HELP_MAX: usize = 500;
/// The most characters of a choice.
pub const CHOICE_MAX: usize = 200;

word_enum! {
    /// What kind of answer an intake question takes (the six Open311 attribute datatypes).
    QuestionKind {
        /// One line of text.
        ShortText = "short_text",
        /// Several lines of text.
        LongText = "long_text",
        /// A number.
        Number = "number",
        /// A date (YYYY-MM-DD), or a date and time (ISO 8601): Open311's `datetime`.
        Date = "date",
        /// One of a list of choices.
        SingleChoice = "single_choice",
        /// Any of a list of choices.
        MultipleChoice = "multiple_choice",
    }
}

impl QuestionKind {
    /// Whether answers are picked from a list.
    pub fn has_choices(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

/// One choice of a list question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable key stored with answers.
    pub key: String,
    /// What the resident reads.
    pub label: String,
}

/// A question asked when a concern of a category is taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable code, unique within the category (letters, digits, `_`).
    pub code: String,
    /// The question as the resident reads it.
    pub label: String,
    /// Optional help shown under the question.
    #[serde(default)]
    pub help: String,
    /// The kind of answer.
    #[serde(with = "kind_word")]
    pub kind: QuestionKind,
    /// Whether an answer is required.
    pub required: bool,
    /// The choices of a list question, in order.
    #[serde(default)]
    pub choices: Vec<Choice>,
}

mod kind_word {
    use super::QuestionKind;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(k: &QuestionKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(k.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<QuestionKind, D::Error> {
        let w = String::deserialize(d)?;
        QuestionKind::parse(&w).map_err(serde::de::Error::custom)
    }
}

/// Makes a code out of a label: lower-case ASCII letters and digits joined by `_`.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').chars().take(40).collect()
}

/// Checks a code: 1 to 40 of `a-z`, `0-9`, `_`, starting with a letter.
pub fn parse_code(input: &str) -> Result<String, &'static str> {
    let t = input.trim().to_lowercase();
    let ok = !t.is_empty()
        && t.len() <= 40
        && t.starts_with(|c: char| c.is_ascii_lowercase())
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(t)
    } else {
        Err("error-code")
    }
}

impl Question {
    /// Builds a question from the category page's form. Choices come one per line.
    pub fn parse(
        code: &str,
        label: &str,
        help: &str,
        kind: &str,
        required: bool,
        choices: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let label = errors.take("label", crate::values::text(label, 1, LABEL_MAX));
        let code = if code.trim().is_empty() {
            label.as_deref().map(slug).filter(|s| parse_code(s).is_ok())
        } else {
            errors.take("code", parse_code(code))
        };
        let help = errors.take("help", crate::values::text(help, 0, HELP_MAX));
        let kind = errors.take("kind", QuestionKind::parse(kind));
        let mut list = Vec::new();
        if kind.is_some_and(QuestionKind::has_choices) {
            for line in choices.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let key = slug(line);
                if key.is_empty() || line.chars().count() > CHOICE_MAX {
                    errors.add("choices", "error-choices");
                    break;
                }
                if list.iter().any(|c: &Choice| c.key == key) {
                    errors.add("choices", "error-choices-repeated");
                    break;
                }
                list.push(Choice {
                    key,
                    label: line.to_string(),
                });
            }
            if list.is_empty() && errors.for_field("choices").is_none() {
                errors.add("choices", "error-required");
            }
        }
        if code.is_none()
            && errors.for_field("code").is_none()
            && errors.for_field("label").is_none()
        {
            errors.add("code", "error-code");
        }
        errors.into_result()?;
        Ok(Self {
            code: code.unwrap_or_default(),
            label: label.unwrap_or_default(),
            help: help.unwrap_or_default(),
            kind: kind.unwrap_or(QuestionKind::ShortText),
            required,
            choices: list,
        })
    }

    /// The form field that carries this question's answer.
    pub fn field(&self) -> String {
        format!("q_{}", self.code)
    }

    /// The field naming this question's label among its category's texts in other
    /// languages: `question.{code}.label`.
    pub fn label_field(&self) -> String {
        format!("question.{}.label", self.code)
    }

    /// The field naming its help: `question.{code}.help`.
    pub fn help_field(&self) -> String {
        format!("question.{}.help", self.code)
    }

    /// The field naming one of its choices: `question.{code}.choice.{key}`.
    pub fn choice_field(&self, key: &str) -> String {
        format!("question.{}.choice.{key}", self.code)
    }

    /// Its public texts (label, help, each choice), for text per language; `n` is its
    /// place among its category's questions, from 1.
    pub fn texts_mut(&mut self, n: usize) -> Vec<TextMut<'_>> {
        let label_field = self.label_field();
        let help_field = self.help_field();
        let choice_fields: Vec<String> = self
            .choices
            .iter()
            .map(|c| self.choice_field(&c.key))
            .collect();
        let Question {
            label,
            help,
            choices,
            ..
        } = self;
        let mut out = vec![
            TextMut {
                field: label_field,
                text: label,
                max: LABEL_MAX,
                long: false,
                label: Label {
                    key: "texts-question-label",
                    args: vec![("n", n.to_string())],
                },
            },
            TextMut {
                field: help_field,
                text: help,
                max: HELP_MAX,
                long: false,
                label: Label {
                    key: "texts-question-help",
                    args: vec![("n", n.to_string())],
                },
            },
        ];
        for (i, (c, field)) in choices.iter_mut().zip(choice_fields).enumerate() {
            out.push(TextMut {
                field,
                text: &mut c.label,
                max: CHOICE_MAX,
                long: false,
                label: Label {
                    key: "texts-question-choice",
                    args: vec![("n", n.to_string()), ("choice", (i + 1).to_string())],
                },
            });
        }
        out
    }

    /// The label of a choice key, or the key itself.
    pub fn choice_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.choices
            .iter()
            .find(|c| c.key == key)
            .map_or(key, |c| c.label.as_str())
    }
}

/// One answer, as stored with the concern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// Text or a number as typed (trimmed, checked); a date as `YYYY-MM-DD`, a date and
    /// time as RFC 3339 with its offset ([`crate::values::DateOrTime::to_iso`]).
    One(String),
    /// The keys of the chosen choices.
    Many(Vec<String>),
}

/// Answers by question code, in question order.
pub type Answers = Vec<(String, AnswerValue)>;

/// Checks the answers to `questions`. `values(field)` gives every value sent for a field;
/// a date and time sent without a zone is read in `tz`, the office's.
pub fn check_answers(
    questions: &[Question],
    tz: Tz,
    values: impl Fn(&str) -> Vec<String>,
) -> Result<Answers, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut answers = Vec::new();
    for q in questions {
        let field = q.field();
        let given: Vec<String> = values(&field)
            .into_iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if given.is_empty() {
            if q.required {
                errors.add(&field, "error-required");
            }
            continue;
        }
        let known = |v: &String| q.choices.iter().any(|c| &c.key == v);
        let checked = match q.kind {
            QuestionKind::MultipleChoice => {
                if given.iter().all(known) {
                    // Each choice once, in the order first sent (`dedup` alone would keep
                    // `a, b, a`).
                    let mut keys: Vec<String> = Vec::with_capacity(given.len());
                    for k in given {
                        if !keys.contains(&k) {
                            keys.push(k);
                        }
                    }
                    Ok(AnswerValue::Many(keys))
                } else {
                    Err("error-choice")
                }
            }
            _ if given.len() > 1 => Err("error-one-answer"),
            QuestionKind::SingleChoice => {
                if known(&given[0]) {
                    Ok(AnswerValue::One(given[0].clone()))
                } else {
                    Err("error-choice")
                }
            }
            QuestionKind::Number => match given[0].parse::<f64>() {
                Ok(n) if n.is_finite() && given[0].len() <= 30 => {
                    Ok(AnswerValue::One(given[0].clone()))
                }
                _ => Err("error-number"),
            },
            // A day alone stays a day; a date and time keeps its instant and its offset.
            QuestionKind::Date => crate::values::date_or_time(&given[0], tz)
                .map(|d| AnswerValue::One(d.to_iso()))
                .map_err(|_| "error-date"),
            QuestionKind::ShortText => crate::values::text(&given[0], 1, 200).map(AnswerValue::One),
            QuestionKind::LongText => crate::values::text(&given[0], 1, 4000).map(AnswerValue::One),
        };
        if let Some(v) = errors.take(&field, checked) {
            answers.push((q.code.clone(), v));
        }
    }
    errors.into_result()?;
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions() -> Vec<Question> {
        vec![
            Question::parse("", "How many homes?", "", "number", true, "").unwrap(),
            Question::parse("since", "Since when", "", "date", false, "").unwrap(),
            Question::parse("kind", "Kind", "", "single_choice", true, "Dust\nNoise").unwrap(),
            Question::parse("days", "Days", "", "multiple_choice", false, "Mon\nTue").unwrap(),
        ]
    }

    #[test]
    fn codes_come_from_labels_and_choices_from_lines() {
        let q = questions();
        assert_eq!(q[0].code, "how_many_homes");
        assert_eq!(q[2].choices[1].key, "noise");
        let e = Question::parse("9bad", "", "", "colour", false, "").unwrap_err();
        assert_eq!(e.for_field("code"), Some("error-code"));
        assert_eq!(e.for_field("label"), Some("error-required"));
        assert_eq!(e.for_field("kind"), Some("error-choice"));
        let e = Question::parse("", "Pick", "", "single_choice", false, "A\na").unwrap_err();
        assert_eq!(e.for_field("choices"), Some("error-choices-repeated"));
        let json = serde_json::to_string(&q).unwrap();
        let back: Vec<Question> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
    }

    #[test]
    fn a_question_names_its_texts_by_code_and_key() {
        let mut q = questions().remove(2);
        let fields: Vec<String> = q.texts_mut(3).into_iter().map(|t| t.field).collect();
        assert_eq!(
            fields,
            vec![
                "question.kind.label",
                "question.kind.help",
                "question.kind.choice.dust",
                "question.kind.choice.noise",
            ]
        );
        let texts = q.texts_mut(3);
        assert_eq!(
            texts[3].label.args,
            vec![("n", "3".into()), ("choice", "2".into())]
        );
        *q.texts_mut(3).remove(2).text = "Polvo".into();
        assert_eq!(q.choices[0].label, "Polvo");
        assert_eq!(q.choices[0].key, "dust");
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let q = questions();
        let ok = check_answers(&q, Tz::UTC, |f| match f {
            "q_how_many_homes" => vec!["12".into()],
            "q_kind" => vec!["noise".into()],
            "q_days" => vec!["mon".into(), "tue".into()],
            _ => vec![],
        })
        .unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[2].1, AnswerValue::Many(vec!["mon".into(), "tue".into()]));
        // Found with the invariant of fuzz/fuzz_targets/answers.rs: a choice sent twice, not
        // one after the other, was kept twice.
        let again = check_answers(&q, Tz::UTC, |f| match f {
            "q_how_many_homes" => vec!["12".into()],
            "q_kind" => vec!["noise".into()],
            "q_days" => vec!["mon".into(), "tue".into(), "mon".into()],
            _ => vec![],
        })
        .unwrap();
        assert_eq!(
            again[2].1,
            AnswerValue::Many(vec!["mon".into(), "tue".into()])
        );
        let bad = check_answers(&q, Tz::UTC, |f| match f {
            "q_how_many_homes" => vec!["twelve".into()],
            "q_since" => vec!["2026-13-01".into()],
            "q_days" => vec!["sun".into()],
            _ => vec![],
        })
        .unwrap_err();
        assert_eq!(bad.for_field("q_how_many_homes"), Some("error-number"));
        assert_eq!(bad.for_field("q_since"), Some("error-date"));
        assert_eq!(bad.for_field("q_kind"), Some("error-required"));
        assert_eq!(bad.for_field("q_days"), Some("error-choice"));
    }

    #[test]
    fn dates_stay_dates_and_date_times_keep_their_instant() {
        let q = questions();
        let since = |sent: &str| {
            check_answers(&q, chrono_tz::Europe::Paris, |f| match f {
                "q_how_many_homes" => vec!["12".into()],
                "q_kind" => vec!["noise".into()],
                "q_since" => vec![sent.into()],
                _ => vec![],
            })
            .map(|a| a[1].1.clone())
            .map_err(|e| e.for_field("q_since"))
        };
        let one = |v: &str| Ok(AnswerValue::One(v.into()));
        // What the portal's and the staff form's date inputs send, and what is stored.
        assert_eq!(since("2026-12-06"), one("2026-12-06"));
        // What Open311 clients send for a `datetime` attribute.
        assert_eq!(since("2026-12-06T09:30:00Z"), one("2026-12-06T09:30:00Z"));
        assert_eq!(
            since("2026-12-06T04:30:00.5-0500"),
            one("2026-12-06T04:30:00.500-05:00")
        );
        // Without a zone, in the office's.
        assert_eq!(since("2026-12-06T10:30"), one("2026-12-06T10:30:00+01:00"));
        for bad in ["last week", "2026-02-30", "2026-03-29T02:30:00"] {
            assert_eq!(since(bad), Err(Some("error-date")), "{bad}");
        }
    }
}
