//! What every page needs: the language, the signed-in user, the office, and form state.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use chrono_tz::Tz;
use liaison_app::accounts::User;
use liaison_app::concerns::Line;
use liaison_app::Input;
use liaison_domain::categories::Question;
use liaison_domain::concerns::{LineKind, Status};
use liaison_domain::permissions::Permission;
use liaison_domain::FieldErrors;

use crate::i18n::{Tr, LANGUAGES};
use crate::session::{cookie, Staff};
use crate::AppState;

/// The language of a request: the `lang` cookie, else the browser's `Accept-Language`.
pub struct Lang(pub &'static str);

impl FromRequestParts<AppState> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Lang(Lang::of(&parts.headers)))
    }
}

impl Lang {
    /// The language a request's headers ask for.
    pub fn of(headers: &HeaderMap) -> &'static str {
        if let Some(l) = cookie(headers, "lang") {
            if let Some((code, _)) = LANGUAGES.iter().find(|(c, _)| *c == l) {
                return code;
            }
        }
        let header = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        Tr::negotiate(header)
    }
}

/// The common context of a rendered page.
pub struct Ctx {
    /// Translations in the page's language.
    pub tr: Tr,
    /// The signed-in staff member, if any.
    pub user: Option<User>,
    /// The CSRF token to put in forms.
    pub csrf: String,
    /// The office's name.
    pub office_name: String,
    /// The office's time zone.
    pub tz: Tz,
    /// Which section of the navigation is current.
    pub section: &'static str,
    /// The page's path, for the language switcher to come back to.
    pub path: String,
}

impl Ctx {
    /// Builds a context for the public side.
    pub async fn public(
        state: &AppState,
        lang: &'static str,
        section: &'static str,
        path: &str,
    ) -> Self {
        let office = state.app.office().settings().await.unwrap_or_default();
        Self {
            tr: Tr::new(state.catalog.clone(), lang),
            user: None,
            csrf: String::new(),
            office_name: office.name,
            tz: office.calendar.time_zone,
            section,
            path: path.to_string(),
        }
    }

    /// Builds a context for a staff page (staff pages are in English or the chosen language).
    pub async fn staff(
        state: &AppState,
        staff: &Staff,
        lang: &'static str,
        section: &'static str,
        path: &str,
    ) -> Self {
        let mut c = Self::public(state, lang, section, path).await;
        c.user = Some(staff.user.clone());
        c.csrf = staff.csrf.clone();
        c
    }

    /// Today in the office's time zone.
    pub fn today(&self) -> liaison_domain::values::Day {
        chrono::Utc::now().with_timezone(&self.tz).date_naive()
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.tr.t1(key, name, value.to_string())
    }

    /// `aria-current="page"` for the current section's link.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section {
            "page"
        } else {
            "false"
        }
    }

    /// The page's language code.
    pub fn lang(&self) -> &'static str {
        self.tr.lang
    }

    /// The page's path, percent-encoded for the language switcher's `back` parameter.
    pub fn back(&self) -> String {
        crate::session::percent(&self.path)
    }

    /// The other languages, for the switcher.
    pub fn other_languages(&self) -> Vec<(&'static str, &'static str)> {
        LANGUAGES
            .iter()
            .copied()
            .filter(|(l, _)| *l != self.tr.lang)
            .collect()
    }

    /// A stored time in the office's zone.
    pub fn when(&self, t: &i64) -> String {
        crate::fmt::datetime(*t, self.tz)
    }

    /// A status as people say it.
    pub fn status_label(&self, s: &Status) -> String {
        self.t(&format!("status-{}", s.as_str()))
    }

    /// What a status means for the reporter.
    pub fn status_explain(&self, s: &Status) -> String {
        self.t(&format!("status-{}-explain", s.as_str()))
    }

    /// A field's label, as forms and the error summary name it: `field-{name}`, with
    /// underscores as dashes (`addressed_as` is `field-addressed-as`).
    pub fn field_label(&self, field: &str) -> String {
        self.t(&format!("field-{}", field.replace('_', "-")))
    }

    /// A word-enum value as people say it: `prefix-value`.
    pub fn word(&self, prefix: &str, value: &str) -> String {
        self.t(&format!("{prefix}-{value}"))
    }

    /// A timeline line as the reporter sees it: status changes (with the reason for a
    /// rejection only), public updates, duplicate links. Internal notes never get here.
    pub fn public_event(&self, e: &Line) -> String {
        match e.kind {
            LineKind::Received => self.t("event-received"),
            LineKind::Transition => {
                let to = e
                    .changed_to
                    .map(|s| self.status_label(&s))
                    .unwrap_or_default();
                let line = self.tr.t1("event-status-changed", "status", to);
                // The reasons the reporter is owed: a rejection's, their appeal's grounds,
                // the review's finding.
                let told = matches!(e.changed_to, Some(Status::Rejected | Status::Appealed))
                    || e.changed_from == Some(Status::Appealed);
                if told && !e.body.is_empty() {
                    format!("{line}\n{}", e.body)
                } else {
                    line
                }
            }
            LineKind::Update => e.body.clone(),
            LineKind::Reply => format!("{}\n{}", self.t("event-you-replied"), e.body),
            LineKind::Satisfied | LineKind::Dissatisfied => {
                let said = if e.kind == LineKind::Satisfied {
                    self.t("event-you-satisfied")
                } else {
                    self.t("event-you-dissatisfied")
                };
                format!("{said}\n{}", e.body).trim_end().to_string()
            }
            LineKind::Duplicate if e.body.is_empty() => self.t("event-duplicate-cleared"),
            LineKind::Duplicate => self.tr.t1("track-duplicate", "reference", e.body.clone()),
            _ => String::new(),
        }
    }

    /// One line of a form's error summary: the field's name, then what is wrong with it.
    pub fn summary_item(&self, form: &FormState, field: &str, code: &str) -> String {
        let label = form
            .labels
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, l)| l.clone())
            .or_else(|| self.label_key(field).map(|k| self.t(&k)));
        match label {
            Some(label) => self.tr.t2(
                "error-summary-item",
                ("field", label),
                ("message", self.t(code)),
            ),
            None => self.t(code),
        }
    }

    /// The message key of the label a field usually has, if there is one.
    fn label_key(&self, field: &str) -> Option<String> {
        let key = match field {
            "reporter_name" if self.user.is_none() => "field-your-name",
            "reporter_name" => "field-name",
            "reporter_email" => "field-email",
            "reporter_phone" => "field-phone",
            "reporter_language" => "field-language",
            "code" if self.user.is_none() => "field-tracking-code",
            "ack_amount" => "field-ack-target",
            "resolve_amount" => "field-resolve-target",
            "ack_unit" | "resolve_unit" => "field-unit",
            "label" => "field-question",
            "body" => "note-body",
            "note" => "act-note",
            "action" => "act-action",
            "of" => "duplicate-of",
            "q" => "queue-search",
            "from" => "queue-received-from",
            "to" => "queue-received-to",
            "sort" => "queue-sort",
            other => {
                let key = format!("field-{}", other.replace('_', "-"));
                return self.tr.has(&key).then_some(key);
            }
        };
        Some(key.to_string())
    }

    /// Whether the signed-in user is an administrator (for the navigation).
    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may(Permission::ConfigureOffice))
    }

    /// Whether the signed-in user may read the office's figures and reports.
    pub fn reads_reports(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may(Permission::ReadReports))
    }

    /// Whether the signed-in user may open the stakeholder register.
    pub fn reads_register(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may(Permission::ReadStakeholders))
    }

    /// Whether the signed-in user logs interactions and keeps follow-ups (a task list).
    pub fn logs_interactions(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may(Permission::LogInteractions))
    }

    /// Whether the signed-in user may record concerns.
    pub fn can_record(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may(Permission::RecordConcern))
    }
}

/// A form as submitted, with its errors, for re-rendering.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    /// What was sent.
    pub input: Input,
    /// What was wrong.
    pub errors: FieldErrors,
    /// Put before every field's `id`, when two forms on one page share field names.
    pub prefix: String,
    /// Labels of fields the translations do not know, such as intake questions.
    pub labels: Vec<(String, String)>,
}

impl FormState {
    /// A blank form with initial values.
    pub fn with(pairs: Vec<(String, String)>) -> Self {
        Self {
            input: Input(pairs),
            ..Self::default()
        }
    }

    /// A submitted form and its errors.
    pub fn failed(input: Input, errors: FieldErrors) -> Self {
        Self {
            input,
            errors,
            ..Self::default()
        }
    }

    /// The same form with its field ids prefixed.
    pub fn prefixed(self, prefix: impl Into<String>) -> Self {
        Self {
            prefix: prefix.into(),
            ..self
        }
    }

    /// The same form, knowing the labels of a category's intake questions.
    pub fn asking(self, questions: &[Question]) -> Self {
        let labels = questions
            .iter()
            .map(|q| (q.field(), q.label.clone()))
            .collect();
        Self { labels, ..self }
    }

    /// The `id` of a field's control.
    pub fn id(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    /// The value sent for `field`.
    pub fn value(&self, field: &str) -> &str {
        self.input.get(field)
    }

    /// Whether a checkbox is ticked.
    pub fn checked(&self, field: &str) -> bool {
        self.input.checked(field)
    }

    /// Whether `value` is among the values of `field` (selects, radios, checkboxes).
    pub fn has(&self, field: &str, value: &str) -> bool {
        self.input.0.iter().any(|(k, v)| k == field && v == value)
    }

    /// The message key of the error on `field`.
    pub fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.for_field(field)
    }

    /// `true`/`false` for `aria-invalid`.
    pub fn invalid(&self, field: &str) -> &'static str {
        if self.error(field).is_some() {
            "true"
        } else {
            "false"
        }
    }

    /// Whether anything was wrong.
    pub fn failed_any(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every error as (field, message key), for the summary at the top of the form.
    pub fn all_errors(&self) -> Vec<(String, &'static str)> {
        self.errors
            .0
            .iter()
            .map(|e| (e.field.clone(), e.code))
            .collect()
    }
}
