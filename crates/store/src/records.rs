//! What storage knows of each kind of record that the shared parts (attachments, search)
//! must ask about: where a kind's rows are and which of them anyone may see. A new kind
//! of record that can be public adds its line to [`PUBLIC`].

use liaison_domain::records::RecordKind;

/// Kinds whose records may be shown to anyone, each with the condition (on `a.record_id`)
/// that its record is public. Concerns: marked public, in a category offered on the portal
/// (the rule of `concerns::public`).
const PUBLIC: &[(RecordKind, &str)] = &[(
    RecordKind::Concern,
    "EXISTS (SELECT 1 FROM concerns c JOIN categories k ON k.id = c.category_id \
     WHERE c.id = a.record_id AND c.confidentiality = 'public' AND k.public = 1)",
)];

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
