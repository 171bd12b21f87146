//! Letters: what Liaison writes, in the reader's language.
//!
//! Each letter is a few paragraphs of translated text (`locales/*/mail.ftl`); the plain-text
//! part and the HTML part are made from the same paragraphs, so they never say different
//! things. The HTML is one column of text with the office's name, readable by a screen
//! reader and on a phone, without images or remote content.

use askama::Template;
use liaison_i18n::{FluentValue, Tr};

/// Who writes, and where its public pages are.
#[derive(Debug, Clone, Copy)]
pub struct Office<'a> {
    /// The office's name, as it signs.
    pub name: &'a str,
    /// The address links point to (`https://liaison.example.org`, no trailing slash).
    pub public_url: &'a str,
}

/// What a letter says.
#[derive(Debug, Clone, Copy)]
pub enum Letter<'a> {
    /// To a reporter: their concern was received; its reference and tracking code.
    Acknowledged {
        reference: &'a str,
        tracking_code: &'a str,
    },
    /// To a reporter: an update on their concern, as published.
    Update { reference: &'a str, body: &'a str },
    /// To a reporter: the office waits for something from them.
    Waiting { reference: &'a str, note: &'a str },
    /// To a reporter: their concern is resolved, and how; they may appeal within
    /// `appeal_days` days (0: they may not).
    Resolved {
        reference: &'a str,
        note: &'a str,
        appeal_days: u32,
    },
    /// To a reporter: their concern was not taken up, and why; they may appeal within
    /// `appeal_days` days (0: they may not).
    Rejected {
        reference: &'a str,
        note: &'a str,
        appeal_days: u32,
    },
    /// To a reporter: their appeal was received and is reviewed within `review_days` days
    /// by someone who did not take the decision.
    AppealReceived {
        reference: &'a str,
        review_days: u32,
    },
    /// To a member of staff: a concern was given to them. `path` is its staff page.
    Assigned {
        reference: &'a str,
        category: &'a str,
        path: &'a str,
    },
    /// To the member of staff holding a concern: its reporter answered.
    Replied { reference: &'a str, path: &'a str },
    /// To a member of staff, once a day: the news they chose to read together (a line and
    /// a page each), and their concerns and follow-ups coming due or overdue.
    Digest {
        news: &'a [(String, String)],
        due: &'a [(String, String)],
    },
    /// To a commitment's owner: it comes due on `due_on`, or (`late`) is past that day.
    /// `path` is its staff page.
    CommitmentDue {
        title: &'a str,
        due_on: &'a str,
        late: bool,
        path: &'a str,
    },
    /// To a reporter: what the review of their appeal found, and why.
    AppealDecided {
        reference: &'a str,
        upheld: bool,
        note: &'a str,
    },
    /// To supervisors: a concern was not acknowledged by its target. `path` is the
    /// concern's staff page.
    Unacknowledged {
        reference: &'a str,
        category: &'a str,
        path: &'a str,
    },
    /// To a person of the register: an invitation to an engagement. `path` is its page on
    /// the portal, `answer` the page where they say whether they come.
    Invitation {
        title: &'a str,
        when: &'a str,
        place: &'a str,
        path: &'a str,
        answer: &'a str,
    },
    /// To someone who registered for an engagement: their place (or, `waitlisted`, their
    /// place on the waitlist), and the link that gives it up.
    Registered {
        title: &'a str,
        when: &'a str,
        place: &'a str,
        waitlisted: bool,
        path: &'a str,
        cancel: &'a str,
    },
    /// To someone on an engagement's waitlist: a place freed and is theirs.
    MovedUp {
        title: &'a str,
        when: &'a str,
        path: &'a str,
    },
    /// To those registered or invited: the engagement is called off, and why.
    CalledOff {
        title: &'a str,
        when: &'a str,
        reason: &'a str,
    },
    /// To someone who came to an engagement: what they thought of it, by a survey whose
    /// personal link `answer` takes one answer.
    SurveyAsked { title: &'a str, answer: &'a str },
    /// To the recipients of a report sent monthly: its title, its main figures (a label
    /// and a value each) and links to it (a label and a staff path each: the page, then
    /// its files).
    Report {
        title: &'a str,
        figures: &'a [(String, String)],
        links: &'a [(String, String)],
    },
    /// To the person a concern was escalated to, or the supervisors: it is unresolved `days`
    /// working days past its target.
    Escalated {
        reference: &'a str,
        category: &'a str,
        days: u32,
        path: &'a str,
    },
}

impl Letter<'_> {
    /// Whether it is written to a reporter (who may answer it by mail), not to staff.
    pub fn to_reporter(&self) -> bool {
        !matches!(
            self,
            Letter::Unacknowledged { .. }
                | Letter::Escalated { .. }
                | Letter::CommitmentDue { .. }
                | Letter::Assigned { .. }
                | Letter::Replied { .. }
                | Letter::Digest { .. }
                | Letter::Report { .. }
                // About an engagement: answered on the portal, not by mail.
                | Letter::Invitation { .. }
                | Letter::Registered { .. }
                | Letter::MovedUp { .. }
                | Letter::CalledOff { .. }
                | Letter::SurveyAsked { .. }
        )
    }

    /// The letter's word, stored with each message of the outbox.
    pub fn word(&self) -> &'static str {
        match self {
            Letter::Acknowledged { .. } => "acknowledged",
            Letter::Update { .. } => "update",
            Letter::Waiting { .. } => "waiting",
            Letter::Resolved { .. } => "resolved",
            Letter::Rejected { .. } => "rejected",
            Letter::AppealReceived { .. } => "appeal_received",
            Letter::AppealDecided { .. } => "appeal_decided",
            Letter::Assigned { .. } => "assigned",
            Letter::Replied { .. } => "replied",
            Letter::Digest { .. } => "digest",
            Letter::Report { .. } => "report",
            Letter::CommitmentDue { late: false, .. } => "commitment_due",
            Letter::CommitmentDue { late: true, .. } => "commitment_late",
            Letter::Unacknowledged { .. } => "unacknowledged",
            Letter::Escalated { .. } => "escalated",
            Letter::Invitation { .. } => "invitation",
            Letter::Registered {
                waitlisted: false, ..
            } => "registered",
            Letter::Registered {
                waitlisted: true, ..
            } => "waitlisted",
            Letter::MovedUp { .. } => "moved_up",
            Letter::CalledOff { .. } => "called_off",
            Letter::SurveyAsked { .. } => "survey",
        }
    }
}

/// A composed letter: its subject and its two parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One paragraph of a letter.
#[derive(Debug)]
enum Para {
    /// Plain text.
    Text(String),
    /// Words of someone else's, set apart (an officer's update, a reason).
    Quote(String),
    /// A label and a value to keep (a tracking code), set apart so it is easy to copy.
    Code(String, String),
    /// A link with its words; the text part shows the address itself.
    Link(String, String),
    /// Figures: a label and a value each, as a table.
    Figures(Vec<(String, String)>),
}

#[derive(Template)]
#[template(path = "letter.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    office: &'a str,
    paras: &'a [Para],
    footer: &'a str,
}

/// Composes `letter` from `office` in `tr`'s language.
pub fn compose(tr: &Tr, office: &Office<'_>, letter: &Letter<'_>) -> Composed {
    let track = format!("{}/track", office.public_url);
    let t1 = |key: &str, reference: &str| tr.t1(key, "reference", reference.to_string());
    let (subject, paras) = match *letter {
        Letter::Acknowledged {
            reference,
            tracking_code,
        } => (
            t1("mail-acknowledged-subject", reference),
            vec![
                Para::Text(t1("mail-acknowledged-body", reference)),
                Para::Code(tr.t("mail-tracking-code"), tracking_code.to_string()),
                Para::Text(tr.t("mail-tracking-how")),
                Para::Link(tr.t("mail-tracking-link"), track),
            ],
        ),
        Letter::Update { reference, body } => (
            t1("mail-update-subject", reference),
            vec![
                Para::Text(t1("mail-update-intro", reference)),
                Para::Quote(body.to_string()),
                Para::Text(tr.t("mail-answer-how")),
                Para::Link(tr.t("mail-tracking-link"), track),
            ],
        ),
        Letter::Waiting { reference, note } => {
            let mut paras = vec![Para::Text(t1("mail-waiting-intro", reference))];
            if !note.is_empty() {
                paras.push(Para::Quote(note.to_string()));
            }
            paras.push(Para::Text(tr.t("mail-answer-how")));
            paras.push(Para::Link(tr.t("mail-tracking-link"), track));
            (t1("mail-waiting-subject", reference), paras)
        }
        Letter::Resolved {
            reference,
            note,
            appeal_days,
        } => {
            let mut paras = vec![Para::Text(t1("mail-resolved-intro", reference))];
            if !note.is_empty() {
                paras.push(Para::Quote(note.to_string()));
            }
            paras.push(Para::Text(tr.t("mail-satisfaction-ask")));
            if appeal_days > 0 {
                paras.push(Para::Text(tr.tn(
                    "mail-appeal-window",
                    &[("days", FluentValue::from(appeal_days))],
                )));
            }
            paras.push(Para::Link(tr.t("mail-tracking-link"), track));
            (t1("mail-resolved-subject", reference), paras)
        }
        Letter::Assigned {
            reference,
            category,
            path,
        } => (
            t1("mail-assigned-subject", reference),
            vec![
                Para::Text(tr.t2(
                    "mail-assigned-body",
                    ("reference", reference.to_string()),
                    ("category", category.to_string()),
                )),
                Para::Link(
                    tr.t("mail-open-concern"),
                    format!("{}{path}", office.public_url),
                ),
            ],
        ),
        Letter::Replied { reference, path } => (
            t1("mail-replied-subject", reference),
            vec![
                Para::Text(t1("mail-replied-body", reference)),
                Para::Link(
                    tr.t("mail-open-concern"),
                    format!("{}{path}", office.public_url),
                ),
            ],
        ),
        Letter::Digest { news, due } => {
            let mut paras = Vec::new();
            for (heading, items) in [("mail-digest-news", news), ("mail-digest-due", due)] {
                if items.is_empty() {
                    continue;
                }
                paras.push(Para::Text(tr.t(heading)));
                for (line, path) in items {
                    paras.push(Para::Link(
                        line.clone(),
                        format!("{}{path}", office.public_url),
                    ));
                }
            }
            let count = news.len() + due.len();
            (
                tr.tn(
                    "mail-digest-subject",
                    &[("count", FluentValue::from(count))],
                ),
                paras,
            )
        }
        Letter::Report {
            title,
            figures,
            links,
        } => {
            let mut paras = vec![
                Para::Text(tr.t1("mail-report-body", "title", title.to_string())),
                Para::Figures(figures.to_vec()),
            ];
            for (label, path) in links {
                paras.push(Para::Link(
                    label.clone(),
                    format!("{}{path}", office.public_url),
                ));
            }
            (
                tr.t1("mail-report-subject", "title", title.to_string()),
                paras,
            )
        }
        Letter::CommitmentDue {
            title,
            due_on,
            late,
            path,
        } => {
            let (subject, body) = if late {
                ("mail-commitment-late-subject", "mail-commitment-late-body")
            } else {
                ("mail-commitment-due-subject", "mail-commitment-due-body")
            };
            (
                tr.t1(subject, "title", title.to_string()),
                vec![
                    Para::Text(tr.t2(
                        body,
                        ("title", title.to_string()),
                        ("due", due_on.to_string()),
                    )),
                    Para::Link(
                        tr.t("mail-open-commitment"),
                        format!("{}{path}", office.public_url),
                    ),
                ],
            )
        }
        Letter::AppealReceived {
            reference,
            review_days,
        } => (
            t1("mail-appeal-received-subject", reference),
            vec![
                Para::Text(tr.tn(
                    "mail-appeal-received-body",
                    &[
                        ("reference", FluentValue::from(reference.to_string())),
                        ("days", FluentValue::from(review_days)),
                    ],
                )),
                Para::Link(tr.t("mail-tracking-link"), track),
            ],
        ),
        Letter::AppealDecided {
            reference,
            upheld,
            note,
        } => {
            let (subject, intro) = if upheld {
                ("mail-appeal-upheld-subject", "mail-appeal-upheld-intro")
            } else {
                (
                    "mail-appeal-overturned-subject",
                    "mail-appeal-overturned-intro",
                )
            };
            (
                t1(subject, reference),
                vec![
                    Para::Text(t1(intro, reference)),
                    Para::Quote(note.to_string()),
                    Para::Link(tr.t("mail-tracking-link"), track),
                ],
            )
        }
        Letter::Unacknowledged {
            reference,
            category,
            path,
        } => (
            t1("mail-unacknowledged-subject", reference),
            vec![
                Para::Text(tr.t2(
                    "mail-unacknowledged-body",
                    ("reference", reference.to_string()),
                    ("category", category.to_string()),
                )),
                Para::Link(
                    tr.t("mail-open-concern"),
                    format!("{}{path}", office.public_url),
                ),
            ],
        ),
        Letter::Escalated {
            reference,
            category,
            days,
            path,
        } => {
            let args = [
                ("reference", FluentValue::from(reference.to_string())),
                ("category", FluentValue::from(category.to_string())),
                ("days", FluentValue::from(days)),
            ];
            (
                t1("mail-escalated-subject", reference),
                vec![
                    Para::Text(tr.tn("mail-escalated-body", &args)),
                    Para::Link(
                        tr.t("mail-open-concern"),
                        format!("{}{path}", office.public_url),
                    ),
                ],
            )
        }
        Letter::Rejected {
            reference,
            note,
            appeal_days,
        } => {
            let mut paras = vec![
                Para::Text(t1("mail-rejected-intro", reference)),
                Para::Quote(note.to_string()),
            ];
            if appeal_days > 0 {
                paras.push(Para::Text(tr.tn(
                    "mail-appeal-window",
                    &[("days", FluentValue::from(appeal_days))],
                )));
            }
            paras.push(Para::Link(tr.t("mail-tracking-link"), track));
            (t1("mail-rejected-subject", reference), paras)
        }
        Letter::Invitation {
            title,
            when,
            place,
            path,
            answer,
        } => (
            tr.t1("mail-invitation-subject", "title", title.to_string()),
            vec![
                Para::Text(tr.t1("mail-invitation-body", "title", title.to_string())),
                Para::Code(tr.t("mail-engagement-when"), when.to_string()),
                Para::Code(tr.t("mail-engagement-where"), place.to_string()),
                Para::Link(
                    tr.t("mail-invitation-answer"),
                    format!("{}{answer}", office.public_url),
                ),
                Para::Link(
                    tr.t("mail-engagement-open"),
                    format!("{}{path}", office.public_url),
                ),
            ],
        ),
        Letter::Registered {
            title,
            when,
            place,
            waitlisted,
            path,
            cancel,
        } => {
            let (subject, body) = if waitlisted {
                ("mail-waitlisted-subject", "mail-waitlisted-body")
            } else {
                ("mail-registered-subject", "mail-registered-body")
            };
            (
                tr.t1(subject, "title", title.to_string()),
                vec![
                    Para::Text(tr.t1(body, "title", title.to_string())),
                    Para::Code(tr.t("mail-engagement-when"), when.to_string()),
                    Para::Code(tr.t("mail-engagement-where"), place.to_string()),
                    Para::Link(
                        tr.t("mail-engagement-calendar"),
                        format!("{}{path}.ics", office.public_url),
                    ),
                    Para::Link(
                        tr.t("mail-engagement-give-up"),
                        format!("{}{cancel}", office.public_url),
                    ),
                ],
            )
        }
        Letter::MovedUp { title, when, path } => (
            tr.t1("mail-moved-up-subject", "title", title.to_string()),
            vec![
                Para::Text(tr.t1("mail-moved-up-body", "title", title.to_string())),
                Para::Code(tr.t("mail-engagement-when"), when.to_string()),
                Para::Link(
                    tr.t("mail-engagement-calendar"),
                    format!("{}{path}.ics", office.public_url),
                ),
                Para::Text(tr.t("mail-moved-up-give-up")),
            ],
        ),
        Letter::CalledOff {
            title,
            when,
            reason,
        } => (
            tr.t1("mail-called-off-subject", "title", title.to_string()),
            vec![
                Para::Text(tr.t2(
                    "mail-called-off-body",
                    ("title", title.to_string()),
                    ("when", when.to_string()),
                )),
                Para::Quote(reason.to_string()),
            ],
        ),
        Letter::SurveyAsked { title, answer } => (
            tr.t1("mail-survey-subject", "title", title.to_string()),
            vec![
                Para::Text(tr.t1("mail-survey-body", "title", title.to_string())),
                Para::Link(
                    tr.t("mail-survey-answer"),
                    format!("{}{answer}", office.public_url),
                ),
            ],
        ),
    };
    let footer = match letter {
        Letter::Unacknowledged { .. } | Letter::Escalated { .. } => {
            tr.t1("mail-footer-staff", "office", office.name.to_string())
        }
        Letter::CommitmentDue { .. } => {
            tr.t1("mail-footer-commitment", "office", office.name.to_string())
        }
        Letter::Report { .. } => tr.t1("mail-footer-report", "office", office.name.to_string()),
        Letter::Assigned { .. } | Letter::Replied { .. } | Letter::Digest { .. } => tr.t1(
            "mail-footer-notifications",
            "office",
            office.name.to_string(),
        ),
        Letter::Invitation { .. } => {
            tr.t1("mail-footer-invitation", "office", office.name.to_string())
        }
        Letter::SurveyAsked { .. } => {
            tr.t1("mail-footer-survey", "office", office.name.to_string())
        }
        Letter::Registered { .. } | Letter::MovedUp { .. } | Letter::CalledOff { .. } => tr.t1(
            "mail-footer-registration",
            "office",
            office.name.to_string(),
        ),
        _ => tr.t1("mail-footer", "office", office.name.to_string()),
    };
    let html = Html {
        lang: tr.lang,
        subject: &subject,
        office: office.name,
        paras: &paras,
        footer: &footer,
    }
    .render()
    // The template writes to a string and has no fallible call: it cannot fail.
    .unwrap_or_default();
    Composed {
        text: text(office.name, &paras, &footer),
        subject,
        html,
    }
}

/// The plain-text part: the paragraphs, then the footer, lines as they are (mail programs
/// wrap them; `format=flowed` is not worth its quirks for a few short paragraphs).
fn text(office: &str, paras: &[Para], footer: &str) -> String {
    let mut out = String::new();
    for p in paras {
        match p {
            Para::Text(t) => out.push_str(t),
            Para::Quote(q) => {
                let quoted: Vec<String> = q.lines().map(|l| format!("  {l}")).collect();
                out.push_str(&quoted.join("\n"));
            }
            Para::Code(label, code) => {
                out.push_str(label);
                out.push_str("\n\n    ");
                out.push_str(code);
            }
            Para::Link(label, url) => {
                out.push_str(label);
                out.push_str(": ");
                out.push_str(url);
            }
            Para::Figures(rows) => {
                let lines: Vec<String> = rows.iter().map(|(l, v)| format!("  {l}: {v}")).collect();
                out.push_str(&lines.join("\n"));
            }
        }
        out.push_str("\n\n");
    }
    out.push_str("-- \n");
    out.push_str(office);
    out.push('\n');
    out.push_str(footer);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_i18n::Catalog;

    const OFFICE: Office = Office {
        name: "Riverside <Liaison> Office",
        public_url: "https://liaison.example.org",
    };

    #[test]
    fn an_acknowledgement_carries_the_reference_the_code_and_the_tracking_page() {
        let tr = Tr::new(Catalog::load(), "en");
        let letter = compose(
            &tr,
            &OFFICE,
            &Letter::Acknowledged {
                reference: "C-2026-00042",
                tracking_code: "42-ABCD-EFGH",
            },
        );
        assert!(
            letter.subject.contains("C-2026-00042"),
            "{}",
            letter.subject
        );
        for part in [&letter.text, &letter.html] {
            assert!(part.contains("42-ABCD-EFGH"));
            assert!(part.contains("https://liaison.example.org/track"));
        }
        // The office's name is text in the HTML part, never markup.
        assert!(
            letter.html.contains("Riverside &#60;Liaison&#62; Office"),
            "{}",
            letter.html
        );
        assert!(letter.html.contains("<html lang=\"en\">"));
        assert!(letter.text.contains("Riverside <Liaison> Office"));
    }

    #[test]
    fn letters_speak_the_readers_language() {
        for lang in ["es", "fr"] {
            let tr = Tr::new(Catalog::load(), lang);
            let english = Tr::new(Catalog::load(), "en");
            let letter = Letter::Rejected {
                reference: "C-2026-00042",
                note: "Outside our remit",
                appeal_days: 30,
            };
            let theirs = compose(&tr, &OFFICE, &letter);
            let ours = compose(&english, &OFFICE, &letter);
            assert_ne!(theirs.subject, ours.subject, "{lang}");
            assert!(theirs.html.contains(&format!("<html lang=\"{lang}\">")));
            assert!(theirs.text.contains("Outside our remit"));
            // The appeal window, in their words too.
            assert!(theirs.text.contains("30"), "{}", theirs.text);
            assert!(!ours.text.contains("{"), "{}", ours.text);
        }
    }

    #[test]
    fn an_officers_words_keep_their_lines_and_stay_text() {
        let tr = Tr::new(Catalog::load(), "en");
        let letter = compose(
            &tr,
            &OFFICE,
            &Letter::Update {
                reference: "C-2026-00042",
                body: "The crew comes Monday.\n<b>Bring</b> the key.",
            },
        );
        assert!(letter
            .text
            .contains("  The crew comes Monday.\n  <b>Bring</b> the key."));
        assert!(letter.html.contains("&#60;b&#62;Bring&#60;/b&#62;"));
        assert!(!letter.html.contains("<b>"));
    }

    #[test]
    fn a_monthly_report_shows_its_figures_and_links_to_its_files() {
        let tr = Tr::new(Catalog::load(), "en");
        let figures = [
            ("Received".to_string(), "412 (before: 380)".to_string()),
            ("Resolved on time".to_string(), "91.2%".to_string()),
        ];
        let links = [
            (
                "Open the report".to_string(),
                "/staff/reports/concerns?from=2026-11-01".to_string(),
            ),
            (
                "PDF".to_string(),
                "/staff/reports/concerns/report.pdf?from=2026-11-01".to_string(),
            ),
        ];
        let letter = compose(
            &tr,
            &OFFICE,
            &Letter::Report {
                title: "Concerns, November 2026",
                figures: &figures,
                links: &links,
            },
        );
        assert_eq!(letter.subject, "Concerns, November 2026");
        assert!(
            letter.text.contains("  Received: 412 (before: 380)"),
            "{}",
            letter.text
        );
        assert!(letter.text.contains(
            "PDF: https://liaison.example.org/staff/reports/concerns/report.pdf?from=2026-11-01"
        ));
        assert!(letter.html.contains("<th scope=\"row\""), "{}", letter.html);
        assert!(letter.html.contains("91.2%"));
    }
}
