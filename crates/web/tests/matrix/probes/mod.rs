//! What each row of the table asks, as one persona: the request about the row's record, the
//! same request about a record that does not exist, and what the subject looks like. A row
//! no probe knows fails the walk: a new row needs its probe in one of these files.

mod admin;
mod commitments;
mod concerns;
mod engagements;
mod interactions;
mod mediation;
mod outside;
mod pages;
mod stakeholders;
mod surveys;

use super::judge::{get, Iface, Judge, Probe, Req};
use super::table::{Persona, Row};
use super::world::{
    Concern, Kind, World, IDENTITY, INTERNAL, MISSING_ID, TYPED_ANONYMOUSLY, UPDATE,
};

/// The probe of `row` for persona `p`, or why there is none.
pub async fn probe(w: &World<'_>, row: &Row, p: Persona) -> Result<Probe, String> {
    let path = row.path.as_str();
    let register = [
        "/staff/people",
        "/staff/organizations",
        "/staff/relationships",
        "/staff/lists",
        "/api/v1/people",
        "/api/v1/organizations",
        "/api/v1/relationships",
    ];
    // Before the commitments: an engagement's commitments are its rows.
    let probe = if surveys::covers(path) {
        surveys::survey(w, row, p)
    } else if engagements::covers(path)
        || (path == "/attachments/{id}/{name}" && row.subject.contains("engagement"))
    {
        engagements::engagement(w, row, p)
    } else if path.contains("/mediations") {
        mediation::mediation(w, row, p)
    } else if path.contains("/commitments") {
        commitments::register(w, row, p).await
    } else if interactions::covers(path) {
        interactions::log(w, row, p)
    } else if register.iter().any(|r| path.starts_with(r)) {
        stakeholders::register(w, row, p)
    } else if path.starts_with("/api/") {
        outside::api(w, row, p).await
    } else if path.starts_with("/open311/") {
        outside::open311(w, row, p)
    } else if path == "/staff/search" && stakeholders::search(w, row, p).is_some() {
        stakeholders::search(w, row, p)
    } else if path.starts_with("/staff/admin") {
        admin::admin(w, row, p)
    } else if path.starts_with("/staff/concerns/{id}") || path == "/attachments/{id}/{name}" {
        concerns::concern_page(w, row, p).await
    } else {
        pages::page(w, row, p)
    };
    probe.ok_or_else(|| {
        format!(
            "table.txt:{}: no probe for {} (add one in tests/matrix/probes/)",
            row.line,
            row.name()
        )
    })
}

/// The concern a row's subject names, in the copy this persona works with.
pub(super) fn concern<'w>(w: &'w World<'_>, row: &Row, p: Persona) -> Option<&'w Concern> {
    Kind::in_subject(&row.subject).map(|k| w.concern(k, p))
}

/// The concern a field row (reporter identity, notes, updates) looks at, and the field.
pub(super) fn field<'w>(
    w: &'w World<'_>,
    row: &Row,
    p: Persona,
) -> Option<(&'w Concern, Vec<&'static str>)> {
    Some(match row.subject.as_str() {
        "reporter identity" => (w.concern(Kind::Public, p), IDENTITY.to_vec()),
        "anonymous reporter" => (w.concern(Kind::Anonymous, p), TYPED_ANONYMOUSLY.to_vec()),
        "internal notes" => (w.concern(Kind::Public, p), vec![INTERNAL]),
        "public updates" => (w.concern(Kind::Public, p), vec![UPDATE]),
        _ => return None,
    })
}

/// The probe of a row of a concern export at `path` (the staff queue's or the API's): every
/// concern, and what the row's subject looks like in it (its reference and description, or
/// a field: the reporter); for "search by reporter name", the export of that search.
pub(super) fn concern_export(
    w: &World<'_>,
    row: &Row,
    p: Persona,
    iface: Iface,
    path: &str,
) -> Option<Probe> {
    let (query, shows) = match (row.subject.as_str(), field(w, row, p)) {
        ("search by reporter name", _) => {
            let c = w.concern(Kind::Public, p);
            (
                "view=all&q=Mokoena",
                vec![c.reference.as_str(), c.description.as_str()],
            )
        }
        (_, Some((_, shows))) => ("view=all", shows),
        _ => {
            let c = concern(w, row, p)?;
            (
                "view=all",
                vec![c.reference.as_str(), c.description.as_str()],
            )
        }
    };
    Some(Probe::new(iface, Judge::List, get(format!("{path}?{query}"))).shows(&shows))
}

/// Search words (a query string's value) that find the row's concern alone
/// ("kestrel public officer") — not its whole description, which a page would show back in
/// its search box — and that concern; for "search by reporter name", the public concern
/// found by its reporter's name too.
pub(super) fn search_words<'w>(
    w: &'w World<'_>,
    row: &Row,
    p: Persona,
) -> Option<(String, &'w Concern)> {
    let (name, c) = if row.subject == "search by reporter name" {
        ("mokoena+", w.concern(Kind::Public, p))
    } else {
        ("", concern(w, row, p)?)
    };
    let words: Vec<String> = c
        .description
        .to_lowercase()
        .split(' ')
        .map(String::from)
        .collect();
    let q = format!("{name}{}+{}+{}", words[0], words[1], words[words.len() - 1]);
    Some((q, c))
}

/// A reference no concern has, in the same shape as `reference`.
pub(super) fn missing_reference(reference: &str) -> String {
    let cut = reference.rfind('-').map_or(0, |i| i + 1);
    format!("{}{}", &reference[..cut], "9".repeat(reference.len() - cut))
}

pub(super) fn id_swap(id: i64) -> [(String, String); 1] {
    [(MISSING_ID.to_string(), id.to_string())]
}

pub(super) fn swaps(list: &[(String, String)]) -> Vec<(&str, &str)> {
    list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

impl Probe {
    /// The same probe about another request.
    pub(super) fn with_real(mut self, real: Req) -> Self {
        self.real = real;
        self
    }
}
