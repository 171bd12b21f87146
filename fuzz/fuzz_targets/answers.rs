//! Intake questions as an administrator types them (`Question::parse`: code, label, kind,
//! choices one per line) and the answers residents send to them (`check_answers`, which
//! the portal, staff intake, Open311 and the JSON API all go through).
//!
//! Checks: never panics; a question keeps its shape through the JSON it is stored as;
//! accepted answers name only asked questions, once each, in order; chosen keys are the
//! question's own and not repeated; numbers are finite; dates are real dates and date-times
//! real instants, each written so that it reads back as itself (in any office zone); texts
//! are within their lengths; a required question is answered.
#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use liaison_domain::categories::{check_answers, AnswerValue, Question, QuestionKind};
use liaison_domain::values::{date_or_time, DateOrTime};
use liaison_fuzz::zone;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Intake {
    questions: Vec<(String, String, u8, bool, String)>,
    /// Answers: a question (by position) or any field, and a value.
    answers: Vec<(Option<u8>, String, String)>,
    /// The office's time zone.
    zone: u16,
}

fuzz_target!(|i: Intake| {
    let mut questions: Vec<Question> = Vec::new();
    for (code, label, kind, required, choices) in i.questions.iter().take(8) {
        let kind = QuestionKind::ALL[usize::from(*kind) % QuestionKind::ALL.len()];
        if let Ok(q) = Question::parse(code, label, "", kind.as_str(), *required, choices) {
            assert!(!q.code.is_empty() && q.code.len() <= 40);
            assert_eq!(q.choices.is_empty(), !kind.has_choices());
            let json = serde_json::to_string(&q).expect("a question is written");
            let back: Question = serde_json::from_str(&json).expect("and read back");
            assert_eq!(back, q);
            if !questions.iter().any(|x| x.code == q.code) {
                questions.push(q);
            }
        }
    }
    let sent: Vec<(String, String)> = i
        .answers
        .iter()
        .map(|(n, field, value)| {
            match n.and_then(|n| questions.get(usize::from(n) % questions.len().max(1))) {
                Some(q) => (q.field(), value.clone()),
                None => (field.clone(), value.clone()),
            }
        })
        .collect();
    let values = |field: &str| -> Vec<String> {
        sent.iter()
            .filter(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let tz = zone(i.zone);
    let Ok(answers) = check_answers(&questions, tz, values) else {
        return;
    };
    let mut last = None;
    for (code, answer) in &answers {
        let at = questions
            .iter()
            .position(|q| &q.code == code)
            .expect("an asked question");
        assert!(last < Some(at), "answers out of order or repeated");
        last = Some(at);
        let q = &questions[at];
        let is_choice = |k: &String| q.choices.iter().any(|c| &c.key == k);
        match (q.kind, answer) {
            (QuestionKind::MultipleChoice, AnswerValue::Many(keys)) => {
                assert!(!keys.is_empty() && keys.iter().all(is_choice));
                let mut unique = keys.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), keys.len(), "a choice kept twice: {keys:?}");
            }
            (QuestionKind::SingleChoice, AnswerValue::One(k)) => assert!(is_choice(k)),
            (QuestionKind::Number, AnswerValue::One(n)) => {
                assert!(n.parse::<f64>().is_ok_and(f64::is_finite));
            }
            (QuestionKind::Date, AnswerValue::One(d)) => {
                match date_or_time(d, tz).expect("a date or a date and time") {
                    DateOrTime::Day(day) => {
                        assert_eq!(NaiveDate::parse_from_str(d, "%Y-%m-%d"), Ok(day));
                    }
                    // Kept with its offset: the same in the office's zone or any other.
                    DateOrTime::At(_) => {
                        assert_eq!(
                            date_or_time(d, zone(i.zone.wrapping_add(1))),
                            date_or_time(d, tz)
                        );
                    }
                }
                assert_eq!(
                    date_or_time(d, tz).map(|x| x.to_iso()).as_deref(),
                    Ok(d.as_str())
                );
            }
            (QuestionKind::ShortText, AnswerValue::One(t)) => assert!(t.chars().count() <= 200),
            (QuestionKind::LongText, AnswerValue::One(t)) => assert!(t.chars().count() <= 4000),
            (kind, a) => panic!("a {kind:?} question answered with {a:?}"),
        }
    }
    for q in questions.iter().filter(|q| q.required) {
        assert!(
            answers.iter().any(|(c, _)| c == &q.code),
            "{} unanswered",
            q.code
        );
    }
});
