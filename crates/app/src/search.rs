//! One search box for staff across every kind of record. Each searched kind answers its
//! first hits, newest first, through its own rules — its visibility rule in the query, and
//! for concerns the rule that those who may not see reporters do not find concerns by
//! their names — so a hit is shown only to whoever may see that record. A new searched
//! kind adds its line to [`Search::find`].

use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::parse_reference;
use liaison_store::search;

use crate::accounts::User;
use crate::concerns::{QueueFilter, Sort};
use crate::{App, AppError, AppResult};

/// The staff search box. `app.search()`.
#[derive(Clone, Copy)]
pub struct Search<'a> {
    pub(crate) app: &'a App,
}

/// The words of a query as the index holds them, at most 8, each at most 40 characters
/// (a queue's search filter is made of these).
pub fn terms(query: &str) -> Vec<String> {
    search::terms(query)
}

/// Hits shown per kind; the kind's own list has the rest.
pub const HITS_PER_KIND: i64 = 10;

/// The longest query read (longer ones are refused, not cut).
pub const MAX_QUERY_CHARS: usize = 200;

/// One record found.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record.
    pub record: RecordRef,
    /// How staff name it (a concern's reference).
    pub label: String,
    /// What it is about (a concern's category).
    pub title: String,
    /// The start of its text.
    pub excerpt: String,
    /// When it was made.
    pub at: i64,
}

/// The hits of one kind of record, newest first.
#[derive(Debug, Clone)]
pub struct Section {
    /// The kind.
    pub kind: RecordKind,
    /// Its first hits.
    pub hits: Vec<Hit>,
    /// Where the kind's own list goes on after these, when more may match: past a full
    /// set of hits, or past the most recent records a search reads at once (`search`), in
    /// which case there are fewer hits than [`HITS_PER_KIND`], perhaps none.
    pub next: Option<String>,
}

impl Section {
    /// Whether more records may match than these.
    pub fn more(&self) -> bool {
        self.next.is_some()
    }

    /// Whether these hits are fewer than a set only because the search stopped at the most
    /// recent records: older ones may match.
    pub fn stopped_early(&self) -> bool {
        self.next.is_some() && (self.hits.len() as i64) < HITS_PER_KIND
    }
}

impl Search<'_> {
    /// The records of every kind `by` may see that match `query`: each kind's first
    /// [`HITS_PER_KIND`] hits. A concern's reference finds that concern alone. An empty
    /// query finds nothing.
    pub async fn find(&self, by: &User, query: &str) -> AppResult<Vec<Section>> {
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::field("q", "error-too-long"));
        }
        let terms = terms(query);
        let reference = parse_reference(query);
        if terms.is_empty() && reference.is_none() {
            return Ok(Vec::new());
        }
        let mut sections = vec![self.concern_hits(by, terms, reference).await?];
        if by.role.may(Permission::ReadStakeholders) {
            for kind in [RecordKind::Person, RecordKind::Organization] {
                sections.push(self.stakeholder_hits(by, kind, query).await?);
            }
        }
        Ok(sections)
    }

    async fn stakeholder_hits(
        &self,
        by: &User,
        kind: RecordKind,
        query: &str,
    ) -> AppResult<Section> {
        let filter = crate::stakeholders::searching_for(query, HITS_PER_KIND);
        if !filter.searching() {
            return Ok(Section {
                kind,
                hits: Vec::new(),
                next: None,
            });
        }
        let (found, next) = self.app.stakeholders().list(by, kind, &filter).await?;
        Ok(Section {
            kind,
            next: next.map(|n| crate::stakeholders::after_text(&n)),
            hits: found
                .into_iter()
                .map(|s| Hit {
                    record: s.record(),
                    label: s.profile.name.clone(),
                    title: s.addressed_as().to_string(),
                    excerpt: s.profile.tags.join(", "),
                    at: s.created_at,
                })
                .collect(),
        })
    }

    async fn concern_hits(
        &self,
        by: &User,
        terms: Vec<String>,
        reference: Option<String>,
    ) -> AppResult<Section> {
        let filter = QueueFilter {
            search: if reference.is_some() {
                Vec::new()
            } else {
                terms
            },
            reference,
            sort: Sort::Newest,
            limit: HITS_PER_KIND,
            ..QueueFilter::default()
        };
        let (rows, next) = self.app.concerns().queue(by, &filter).await?;
        Ok(Section {
            kind: RecordKind::Concern,
            next: next.map(|keys| {
                keys.iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(".")
            }),
            hits: rows
                .into_iter()
                .map(|s| Hit {
                    record: RecordRef::concern(s.id),
                    label: s.reference,
                    title: s.category_name,
                    excerpt: s.excerpt,
                    at: s.received_at,
                })
                .collect(),
        })
    }
}
