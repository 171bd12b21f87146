//! What storage knows of each kind of record that the shared parts (attachments, search,
//! moving an office) must ask about: where a kind's rows are, which of them anyone may
//! see, and how its records are searched. A new kind of record adds its lines here.

use liaison_domain::records::RecordKind;

use crate::{Conn, Result};

/// The table a kind's records live in.
pub(crate) fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Concern => "concerns",
        RecordKind::Category => "categories",
        RecordKind::Area => "areas",
        RecordKind::Person => "people",
        RecordKind::Organization => "organizations",
        RecordKind::Relationship => "relationships",
        RecordKind::Interaction => "interactions",
        RecordKind::FollowUp => "follow_ups",
        RecordKind::Commitment => "commitments",
        RecordKind::Mediation => "mediations",
        RecordKind::Engagement => "engagements",
        RecordKind::Survey => "surveys",
    }
}

/// Kinds with a search index (`search::index_table`).
pub(crate) const SEARCHED: &[RecordKind] = &[
    RecordKind::Concern,
    RecordKind::Person,
    RecordKind::Organization,
];

/// The search texts of these records of a searched kind, by id (reporters' names
/// included: the index holds them).
pub(crate) async fn search_texts(
    c: &mut Conn,
    kind: RecordKind,
    ids: &[i64],
) -> Result<Vec<(i64, String)>> {
    match kind {
        RecordKind::Concern => crate::concerns::search_texts(c, ids, true).await,
        RecordKind::Person | RecordKind::Organization => {
            crate::stakeholders::search_texts(c, kind, ids).await
        }
        RecordKind::Category
        | RecordKind::Area
        | RecordKind::Relationship
        | RecordKind::Interaction
        | RecordKind::FollowUp
        | RecordKind::Commitment
        | RecordKind::Mediation
        | RecordKind::Engagement
        | RecordKind::Survey => Ok(Vec::new()),
    }
}

/// Kinds whose records may be shown to anyone, each with the condition (on `a.record_id`)
/// that its record is public. Concerns: marked public, in a category offered on the portal
/// (the rule of `concerns::public`); engagements: public and published.
const PUBLIC: &[(RecordKind, &str)] = &[
    (
        RecordKind::Concern,
        "EXISTS (SELECT 1 FROM concerns c JOIN categories k ON k.id = c.category_id \
         WHERE c.id = a.record_id AND c.confidentiality = 'public' AND k.public = 1)",
    ),
    (
        RecordKind::Engagement,
        "EXISTS (SELECT 1 FROM engagements e WHERE e.id = a.record_id \
         AND e.confidentiality = 'public' AND e.published_at IS NOT NULL)",
    ),
];

/// The condition that the record `a.record_kind`, `a.record_id` names is public.
pub(crate) fn public_record() -> String {
    let parts: Vec<String> = PUBLIC
        .iter()
        .map(|(kind, condition)| format!("(a.record_kind = '{}' AND {condition})", kind.as_str()))
        .collect();
    if parts.is_empty() {
        "1 = 0".into()
    } else {
        format!("({})", parts.join(" OR "))
    }
}
