//! The stakeholder register: people and organizations, with their contacts, areas and tags,
//! and the relationships between them.
//!
//! People and organizations keep their own columns in their own tables (`people`,
//! `organizations`); what both keep — contacts, areas, tags — is in tables that name the
//! record by kind and id. Every read goes through the visibility rule with the reader's
//! `Sight` (a record's level and its owner), so a confidential person is found by no one
//! who may not see them.

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    self, Attitude, Consent, ConsentMethod, ContactChannel, Contacts, Level, OrganizationType,
    PersonDetails, Profile, Purpose, RelationshipKind, RelationshipTerms,
};
use liaison_domain::values::{self, Day};
use liaison_domain::{Confidentiality, Sight};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::visibility::{self, Guarded};
use crate::{search, word, Backend, Conn, Result, Sql};

/// Where a stakeholder's level and owner are, in every query here (`s` is the record).
pub const GUARDED: Guarded = Guarded {
    level: "s.confidentiality",
    responsible: "s.owner_id",
    kept: None,
};

/// What only one of the two kinds keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Details {
    /// A person's own fields.
    Person(PersonDetails),
    /// An organization's type.
    Organization(OrganizationType),
}

impl Details {
    /// The kind of record these details belong to.
    pub fn kind(&self) -> RecordKind {
        match self {
            Details::Person(_) => RecordKind::Person,
            Details::Organization(_) => RecordKind::Organization,
        }
    }
}

/// A person or an organization, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stakeholder {
    /// Its id among records of its kind.
    pub id: i64,
    /// What both kinds keep.
    pub profile: Profile,
    /// What its kind alone keeps.
    pub details: Details,
    /// Its owner's name.
    pub owner_name: Option<String>,
    /// A person's consent to be contacted (organizations have none).
    pub consent: Consent,
    /// When a person was erased at their request.
    pub erased_at: Option<i64>,
    /// When it was added.
    pub created_at: i64,
    /// When it last changed.
    pub updated_at: i64,
}

impl Stakeholder {
    /// How the shared parts name it.
    pub fn record(&self) -> RecordRef {
        RecordRef {
            kind: self.details.kind(),
            id: self.id,
        }
    }

    /// How a person wants to be addressed (empty for organizations).
    pub fn addressed_as(&self) -> &str {
        match &self.details {
            Details::Person(p) => &p.addressed_as,
            Details::Organization(_) => "",
        }
    }

    /// Its searchable text (`stakeholders::search_text`), with contacts or without.
    pub fn search_text(&self, contacts: bool) -> String {
        stakeholders::search_text(
            &self.profile.name,
            self.addressed_as(),
            &self.profile.tags,
            contacts.then_some(&self.profile.contacts),
        )
    }
}

/// The table of a stakeholder kind.
fn table(kind: RecordKind) -> &'static str {
    crate::records::table(kind)
}

/// The columns of a kind, aliased `s`, with its owner's name.
fn columns(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Person => {
            "s.id, s.name, s.addressed_as, s.language, s.interpreter, s.accessibility, s.notes, \
             s.confidentiality, s.owner_id, u.name AS owner_name, s.influence, s.interest, \
             s.attitude, s.consent_channels, s.consent_purposes, s.consent_given_on, \
             s.consent_method, s.consent_note, s.do_not_contact, s.erased_at, s.created_at, \
             s.updated_at"
        }
        _ => {
            "s.id, s.name, s.organization_type, s.notes, s.confidentiality, s.owner_id, \
             u.name AS owner_name, s.influence, s.interest, s.attitude, s.created_at, \
             s.updated_at"
        }
    }
}

fn optional<T>(
    r: &AnyRow,
    column: &str,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Result<Option<T>> {
    let text: Option<String> = r.try_get(column)?;
    text.map(|t| word(&t, parse)).transpose()
}

/// Words stored comma-separated.
fn words<T>(
    r: &AnyRow,
    column: &str,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Result<Vec<T>> {
    let text: String = r.try_get(column)?;
    text.split(',')
        .filter(|w| !w.is_empty())
        .map(|w| word(w, parse))
        .collect()
}

fn consent_from_row(r: &AnyRow) -> Result<Consent> {
    Ok(Consent {
        channels: words(r, "consent_channels", ContactChannel::parse)?,
        purposes: words(r, "consent_purposes", Purpose::parse)?,
        given_on: day(r.try_get("consent_given_on")?)?,
        method: optional(r, "consent_method", ConsentMethod::parse)?,
        note: r.try_get("consent_note")?,
        do_not_contact: r.try_get::<i64, _>("do_not_contact")? != 0,
    })
}

/// Erases a person: their name becomes `name` (a placeholder), and everything else that
/// could identify them — how they are addressed, language, needs, notes, contacts, tags,
/// assessment, consent — is removed; they are marked "do not contact". The record, its
/// areas, relationships and timeline stay, so counts stay right.
pub async fn erase_person(c: &mut Conn, id: i64, name: &str, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE people SET name = $1, sort_name = $2, addressed_as = '', language = NULL, \
         interpreter = 0, accessibility = '', notes = '', influence = NULL, interest = NULL, \
         attitude = NULL, consent_channels = '', consent_purposes = '', \
         consent_given_on = NULL, consent_method = NULL, consent_note = '', \
         do_not_contact = 1, erased_at = $3, updated_at = $3 WHERE id = $4",
    )
    .bind(name)
    .bind(sort_name(name))
    .bind(at)
    .bind(id)
    .execute(&mut *c)
    .await?;
    for t in ["stakeholder_contacts", "stakeholder_tags"] {
        sqlx::query(&format!(
            "DELETE FROM {t} WHERE record_kind = 'person' AND record_id = $1"
        ))
        .bind(id)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// Records a person's consent anew.
pub async fn set_consent(c: &mut Conn, person: i64, consent: &Consent, at: i64) -> Result<()> {
    let join = |list: Vec<&str>| list.join(",");
    sqlx::query(
        "UPDATE people SET consent_channels = $1, consent_purposes = $2, consent_given_on = $3, \
         consent_method = $4, consent_note = $5, do_not_contact = $6, updated_at = $7 \
         WHERE id = $8",
    )
    .bind(join(consent.channels.iter().map(|c| c.as_str()).collect()))
    .bind(join(consent.purposes.iter().map(|p| p.as_str()).collect()))
    .bind(day_text(consent.given_on))
    .bind(consent.method.map(ConsentMethod::as_str))
    .bind(&consent.note)
    .bind(i64::from(consent.do_not_contact))
    .bind(at)
    .bind(person)
    .execute(c)
    .await?;
    Ok(())
}

fn from_row(kind: RecordKind, r: &AnyRow) -> Result<Stakeholder> {
    let details = match kind {
        RecordKind::Person => Details::Person(PersonDetails {
            addressed_as: r.try_get("addressed_as")?,
            language: r.try_get("language")?,
            interpreter: r.try_get::<i64, _>("interpreter")? != 0,
            accessibility: r.try_get("accessibility")?,
        }),
        _ => Details::Organization(word(
            &r.try_get::<String, _>("organization_type")?,
            OrganizationType::parse,
        )?),
    };
    Ok(Stakeholder {
        id: r.try_get("id")?,
        profile: Profile {
            name: r.try_get("name")?,
            contacts: Contacts::default(),
            areas: Vec::new(),
            tags: Vec::new(),
            notes: r.try_get("notes")?,
            confidentiality: word(
                &r.try_get::<String, _>("confidentiality")?,
                Confidentiality::parse,
            )?,
            owner: r.try_get("owner_id")?,
            influence: optional(r, "influence", Level::parse)?,
            interest: optional(r, "interest", Level::parse)?,
            attitude: optional(r, "attitude", Attitude::parse)?,
        },
        consent: match kind {
            RecordKind::Person => consent_from_row(r)?,
            _ => Consent::default(),
        },
        erased_at: match kind {
            RecordKind::Person => r.try_get("erased_at")?,
            _ => None,
        },
        details,
        owner_name: r.try_get("owner_name")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Adds a person or an organization with its contacts, areas and tags; returns its id.
pub async fn insert(
    c: &mut Conn,
    backend: Backend,
    profile: &Profile,
    details: &Details,
    at: i64,
) -> Result<i64> {
    let ids = insert_many(c, backend, &[(profile, details)], at).await?;
    ids.first().copied().ok_or_else(|| {
        crate::StoreError::Corrupt("a stored record came back without its id".into())
    })
}

/// Stores new records many to a statement (an import's batch), with their contacts, areas
/// and tags; answers their ids in the order given.
pub async fn insert_many(
    c: &mut Conn,
    backend: Backend,
    list: &[(&Profile, &Details)],
    at: i64,
) -> Result<Vec<i64>> {
    use crate::sql::{insert_rows, reserve_ids, Cell};
    let people = list
        .iter()
        .filter(|(_, d)| matches!(d, Details::Person(_)))
        .count();
    // SQLite would give a merged (deleted) record's id again.
    let (gone_person, gone_organization) = match backend {
        Backend::Sqlite => (
            last_merged(c, RecordKind::Person).await?,
            last_merged(c, RecordKind::Organization).await?,
        ),
        Backend::Postgres => (0, 0),
    };
    let mut person_ids = reserve_ids(c, backend, "people", people, gone_person)
        .await?
        .into_iter();
    let organizations = list.len() - people;
    let mut organization_ids = reserve_ids(
        c,
        backend,
        "organizations",
        organizations,
        gone_organization,
    )
    .await?
    .into_iter();
    let mut ids = Vec::with_capacity(list.len());
    for (_, d) in list {
        let next = match d {
            Details::Person(_) => person_ids.next(),
            Details::Organization(_) => organization_ids.next(),
        };
        ids.push(next.ok_or_else(|| crate::StoreError::Corrupt("too few ids reserved".into()))?);
    }
    let sort_names: Vec<String> = list.iter().map(|(p, _)| sort_name(&p.name)).collect();
    let (mut people, mut organizations) = (Vec::new(), Vec::new());
    for (((p, d), id), sorted) in list.iter().zip(&ids).zip(&sort_names) {
        let shared = |cells: &mut Vec<Cell<'_>>| {
            cells.extend([
                Cell::Text(p.confidentiality.as_str()),
                Cell::MaybeInt(p.owner),
                Cell::MaybeText(p.influence.map(Level::as_str)),
                Cell::MaybeText(p.interest.map(Level::as_str)),
                Cell::MaybeText(p.attitude.map(Attitude::as_str)),
                Cell::Int(at),
                Cell::Int(at),
            ]);
        };
        match d {
            Details::Person(d) => {
                people.extend([
                    Cell::Int(*id),
                    Cell::Text(&p.name),
                    Cell::Text(sorted),
                    Cell::Text(&d.addressed_as),
                    Cell::MaybeText(d.language.as_deref()),
                    Cell::Int(i64::from(d.interpreter)),
                    Cell::Text(&d.accessibility),
                    Cell::Text(&p.notes),
                ]);
                shared(&mut people);
            }
            Details::Organization(t) => {
                organizations.extend([
                    Cell::Int(*id),
                    Cell::Text(&p.name),
                    Cell::Text(sorted),
                    Cell::Text(t.as_str()),
                    Cell::Text(&p.notes),
                ]);
                shared(&mut organizations);
            }
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO people (id, name, sort_name, addressed_as, language, interpreter, \
         accessibility, notes, confidentiality, owner_id, influence, interest, attitude, \
         created_at, updated_at)",
        15,
        &people,
    )
    .await?;
    insert_rows(
        c,
        backend,
        "INSERT INTO organizations (id, name, sort_name, organization_type, notes, \
         confidentiality, owner_id, influence, interest, attitude, created_at, updated_at)",
        12,
        &organizations,
    )
    .await?;
    let records: Vec<(RecordRef, &Profile)> = list
        .iter()
        .zip(&ids)
        .map(|((p, d), id)| {
            let record = RecordRef {
                kind: d.kind(),
                id: *id,
            };
            (record, *p)
        })
        .collect();
    write_related(c, backend, &records).await?;
    Ok(ids)
}

/// The largest id of a record of this kind merged into another (and so deleted), 0 if none.
async fn last_merged(c: &mut Conn, kind: RecordKind) -> Result<i64> {
    let sql = "SELECT COALESCE(MAX(merged_id), 0) FROM merges WHERE record_kind = $1";
    Ok(sqlx::query_scalar(sql)
        .bind(kind.as_str())
        .fetch_one(c)
        .await?)
}

/// Writes a stakeholder's new state over its old one.
pub async fn update(c: &mut Conn, s: &Stakeholder, at: i64) -> Result<()> {
    let p = &s.profile;
    match &s.details {
        Details::Person(d) => {
            sqlx::query(
                "UPDATE people SET name = $1, sort_name = $2, addressed_as = $3, language = $4, \
                 interpreter = $5, accessibility = $6, notes = $7, confidentiality = $8, \
                 owner_id = $9, influence = $10, interest = $11, attitude = $12, \
                 updated_at = $13 WHERE id = $14",
            )
            .bind(&p.name)
            .bind(sort_name(&p.name))
            .bind(&d.addressed_as)
            .bind(&d.language)
            .bind(i64::from(d.interpreter))
            .bind(&d.accessibility)
            .bind(&p.notes)
            .bind(p.confidentiality.as_str())
            .bind(p.owner)
            .bind(p.influence.map(Level::as_str))
            .bind(p.interest.map(Level::as_str))
            .bind(p.attitude.map(Attitude::as_str))
            .bind(at)
            .bind(s.id)
            .execute(&mut *c)
            .await?;
        }
        Details::Organization(t) => {
            sqlx::query(
                "UPDATE organizations SET name = $1, sort_name = $2, organization_type = $3, \
                 notes = $4, confidentiality = $5, owner_id = $6, influence = $7, \
                 interest = $8, attitude = $9, updated_at = $10 WHERE id = $11",
            )
            .bind(&p.name)
            .bind(sort_name(&p.name))
            .bind(t.as_str())
            .bind(&p.notes)
            .bind(p.confidentiality.as_str())
            .bind(p.owner)
            .bind(p.influence.map(Level::as_str))
            .bind(p.interest.map(Level::as_str))
            .bind(p.attitude.map(Attitude::as_str))
            .bind(at)
            .bind(s.id)
            .execute(&mut *c)
            .await?;
        }
    }
    for t in [
        "stakeholder_contacts",
        "stakeholder_areas",
        "stakeholder_tags",
    ] {
        sqlx::query(&format!(
            "DELETE FROM {t} WHERE record_kind = $1 AND record_id = $2"
        ))
        .bind(s.details.kind().as_str())
        .bind(s.id)
        .execute(&mut *c)
        .await?;
    }
    write_related(c, Backend::Postgres, &[(s.record(), p)]).await
}

/// How names are ordered: lower-cased, compared byte by byte on both databases.
pub fn sort_name(name: &str) -> String {
    name.to_lowercase()
}

/// The channels contacts are kept under, with the key two ways of writing one share.
const CHANNELS: [&str; 3] = ["phone", "email", "address"];

/// What two ways of writing one contact share (a phone's last nine digits, an email
/// lower-cased): how duplicates are found.
pub fn match_key(channel: &str, value: &str) -> String {
    match channel {
        "phone" => stakeholders::phone_key(value),
        _ => value.to_lowercase(),
    }
}

/// Writes the contacts, areas and tags of these records, many rows to a statement.
async fn write_related(
    c: &mut Conn,
    backend: Backend,
    records: &[(RecordRef, &Profile)],
) -> Result<()> {
    use crate::sql::{insert_rows, Cell};
    let mut keys: Vec<String> = Vec::new();
    for (_, p) in records {
        let lists = [
            &p.contacts.phones,
            &p.contacts.emails,
            &p.contacts.addresses,
        ];
        for (channel, list) in CHANNELS.into_iter().zip(lists) {
            keys.extend(list.iter().map(|v| match_key(channel, v)));
        }
    }
    let mut keys = keys.iter();
    let mut cells = Vec::new();
    for (record, p) in records {
        let lists = [
            &p.contacts.phones,
            &p.contacts.emails,
            &p.contacts.addresses,
        ];
        for (channel, list) in CHANNELS.into_iter().zip(lists) {
            for (position, value) in list.iter().enumerate() {
                cells.extend([
                    Cell::Text(record.kind.as_str()),
                    Cell::Int(record.id),
                    Cell::Text(channel),
                    Cell::Int(position as i64),
                    Cell::Text(value),
                    Cell::Text(keys.next().map_or("", String::as_str)),
                ]);
            }
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO stakeholder_contacts (record_kind, record_id, channel, position, value, \
         match_key)",
        6,
        &cells,
    )
    .await?;
    cells.clear();
    for (record, p) in records {
        for area in &p.areas {
            cells.extend([
                Cell::Text(record.kind.as_str()),
                Cell::Int(record.id),
                Cell::Int(*area),
            ]);
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO stakeholder_areas (record_kind, record_id, area_id)",
        3,
        &cells,
    )
    .await?;
    cells.clear();
    for (record, p) in records {
        for tag in &p.tags {
            cells.extend([
                Cell::Text(record.kind.as_str()),
                Cell::Int(record.id),
                Cell::Text(tag),
            ]);
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO stakeholder_tags (record_kind, record_id, tag)",
        3,
        &cells,
    )
    .await
}

/// Fills in the contacts, areas and tags of these records of one kind.
async fn read_related(c: &mut Conn, kind: RecordKind, list: &mut [Stakeholder]) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = list.iter().map(|s| s.id).collect();
    // Each query over these records: `head`, their ids, then `tail`.
    let over = |head: &str, tail: &str| {
        let mut sql = Sql::new(head);
        sql.text(kind.as_str())
            .push(" AND record_id IN ")
            .ids(&ids)
            .push(tail);
        sql
    };
    let find = |list: &mut [Stakeholder], id: i64| list.iter_mut().position(|s| s.id == id);
    let sql = over(
        "SELECT record_id, channel, value FROM stakeholder_contacts WHERE record_kind = ",
        " ORDER BY record_id, channel, position",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        let Some(i) = find(list, r.try_get("record_id")?) else {
            continue;
        };
        let value: String = r.try_get("value")?;
        let contacts = &mut list[i].profile.contacts;
        match r.try_get::<String, _>("channel")?.as_str() {
            "phone" => contacts.phones.push(value),
            "email" => contacts.emails.push(value),
            _ => contacts.addresses.push(value),
        }
    }
    let sql = over(
        "SELECT record_id, area_id FROM stakeholder_areas WHERE record_kind = ",
        " ORDER BY record_id, area_id",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        if let Some(i) = find(list, r.try_get("record_id")?) {
            list[i].profile.areas.push(r.try_get("area_id")?);
        }
    }
    let sql = over(
        "SELECT record_id, tag FROM stakeholder_tags WHERE record_kind = ",
        " ORDER BY record_id, tag",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        if let Some(i) = find(list, r.try_get("record_id")?) {
            list[i].profile.tags.push(r.try_get("tag")?);
        }
    }
    Ok(())
}

/// One person or organization, if `sight` lets its reader see it.
pub async fn get(c: &mut Conn, record: RecordRef, sight: Sight) -> Result<Option<Stakeholder>> {
    let mut found = read(c, record.kind, &[record.id], sight).await?;
    Ok(found.pop())
}

/// These records of one kind that `sight` lets its reader see, with everything they keep,
/// in the order of `ids`.
pub async fn read(
    c: &mut Conn,
    kind: RecordKind,
    ids: &[i64],
    sight: Sight,
) -> Result<Vec<Stakeholder>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {} FROM {} s LEFT JOIN users u ON u.id = s.owner_id WHERE s.id IN ",
        columns(kind),
        table(kind),
    ));
    sql.ids(ids);
    visibility::push(&mut sql, sight, GUARDED);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = rows
        .iter()
        .map(|r| from_row(kind, r))
        .collect::<Result<Vec<_>>>()?;
    found.sort_by_key(|s| ids.iter().position(|id| *id == s.id));
    read_related(c, kind, &mut found).await?;
    Ok(found)
}

/// What a list of the register asks for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Search words (as `search::terms` made them): matched in the index, newest first.
    pub terms: Vec<String>,
    /// A phone number typed in the search box, as one word (`stakeholders::phone_query`).
    pub phone: Option<String>,
    /// Only those in this area.
    pub area: Option<i64>,
    /// Only those with this tag.
    pub tag: Option<String>,
    /// Only people who prefer this language.
    pub language: Option<String>,
    /// Only organizations of this type.
    pub organization_type: Option<OrganizationType>,
    /// Only those assessed with this influence.
    pub influence: Option<Level>,
    /// Only those assessed with this interest.
    pub interest: Option<Level>,
    /// Only those with this attitude.
    pub attitude: Option<Attitude>,
    /// Only those this officer keeps.
    pub owner: Option<i64>,
    /// Where the page starts: past this (sort name, id) in name order, or below this id in
    /// a search.
    pub after: Option<(String, i64)>,
    /// Rows per page.
    pub limit: i64,
}

impl Filter {
    /// Whether this is a search (newest first) rather than a list in name order.
    pub fn searching(&self) -> bool {
        !self.terms.is_empty() || self.phone.is_some()
    }
}

/// Matches read from a search shard at a time, before the list's own conditions.
const BATCH: i64 = 2_000;

/// A page of the register of one kind that `sight` lets its reader see, and where the next
/// page starts. In name order, or — for a search — newest first, found in the index.
pub async fn list(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    filter: &Filter,
    sight: Sight,
) -> Result<(Vec<Stakeholder>, Option<(String, i64)>)> {
    let limit = filter.limit.clamp(1, 200);
    let ids = if filter.searching() {
        let mut terms = filter.terms.clone();
        if let Some(p) = &filter.phone {
            terms = vec![p.chars().take(search::PREFIX_MAX).collect()];
        }
        let query = search::Query::new(&terms);
        let mut before = filter.after.as_ref().map(|(_, id)| *id);
        let newest = before.map_or(i64::MAX >> 1, |b| search::shard_of(backend, b));
        let mut ids = Vec::new();
        'shards: for shard in search::shards(c, kind, newest, true, usize::MAX >> 1).await? {
            // The shard's matches a batch at a time, each batch narrowed by the filter's
            // conditions and the reader's sight, until the page is full or the shard is
            // done.
            loop {
                let batch =
                    search::newest_matching(c, backend, kind, shard, &query, before, BATCH).await?;
                let Some(last) = batch.last().copied() else {
                    break;
                };
                let mut sql = Sql::new(&format!(
                    "SELECT s.id FROM {} s WHERE s.id IN ",
                    table(kind)
                ));
                sql.ids(&batch);
                push_conditions(&mut sql, kind, filter, sight);
                sql.push(" ORDER BY s.id DESC LIMIT ")
                    .int(limit + 1 - ids.len() as i64);
                for r in sql.query().fetch_all(&mut *c).await? {
                    ids.push(r.try_get::<i64, _>(0)?);
                }
                if ids.len() as i64 > limit {
                    break 'shards;
                }
                if (batch.len() as i64) < BATCH {
                    break;
                }
                before = Some(last);
            }
        }
        ids
    } else {
        let mut sql = Sql::new(&format!("SELECT s.id FROM {} s WHERE 1 = 1", table(kind)));
        push_conditions(&mut sql, kind, filter, sight);
        if let Some((name, id)) = &filter.after {
            sql.push(" AND (s.sort_name > ")
                .text(name.as_str())
                .push(" OR (s.sort_name = ")
                .text(name.as_str())
                .push(" AND s.id > ")
                .int(*id)
                .push("))");
        }
        sql.push(" ORDER BY s.sort_name, s.id LIMIT ")
            .int(limit + 1);
        let rows = sql.query().fetch_all(&mut *c).await?;
        rows.iter()
            .map(|r| r.try_get::<i64, _>(0))
            .collect::<std::result::Result<Vec<_>, _>>()?
    };
    let more = ids.len() as i64 > limit;
    let page: Vec<i64> = ids.into_iter().take(limit as usize).collect();
    let found = read(c, kind, &page, sight).await?;
    let next = if more {
        found.last().map(|s| (sort_name(&s.profile.name), s.id))
    } else {
        None
    };
    Ok((found, next))
}

/// The filter's conditions on `s`, and the reader's sight, as ` AND …`.
fn push_conditions(sql: &mut Sql, kind: RecordKind, f: &Filter, sight: Sight) {
    let k = kind.as_str();
    if let Some(area) = f.area {
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM stakeholder_areas x WHERE x.record_kind = '{k}' \
             AND x.record_id = s.id AND x.area_id = "
        ))
        .int(area)
        .push(")");
    }
    if let Some(tag) = &f.tag {
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM stakeholder_tags x WHERE x.record_kind = '{k}' \
             AND x.record_id = s.id AND x.tag = "
        ))
        .text(tag.as_str())
        .push(")");
    }
    if let (Some(language), RecordKind::Person) = (&f.language, kind) {
        sql.push(" AND s.language = ").text(language.as_str());
    }
    if let (Some(t), RecordKind::Organization) = (f.organization_type, kind) {
        sql.push(" AND s.organization_type = ").text(t.as_str());
    }
    if let Some(l) = f.influence {
        sql.push(" AND s.influence = ").text(l.as_str());
    }
    if let Some(l) = f.interest {
        sql.push(" AND s.interest = ").text(l.as_str());
    }
    if let Some(a) = f.attitude {
        sql.push(" AND s.attitude = ").text(a.as_str());
    }
    if let Some(o) = f.owner {
        sql.push(" AND s.owner_id = ").int(o);
    }
    visibility::push(sql, sight, GUARDED);
}

/// The search texts of these records of one kind, by id (contacts included: the index
/// holds them).
pub(crate) async fn search_texts(
    c: &mut Conn,
    kind: RecordKind,
    ids: &[i64],
) -> Result<Vec<(i64, String)>> {
    let found = read(c, kind, ids, Sight::Everything).await?;
    Ok(found.iter().map(|s| (s.id, s.search_text(true))).collect())
}

/// Indexes a stakeholder for search, as it now is.
pub async fn index(c: &mut Conn, backend: Backend, s: &Stakeholder) -> Result<()> {
    search::index(c, backend, s.record(), &s.search_text(true)).await
}

/// Those of `ids` that hold every term without their contact details: whoever may not see
/// contacts must not find a record through them.
pub fn matching_without_contacts(found: &[Stakeholder], terms: &[String]) -> Vec<i64> {
    found
        .iter()
        .filter(|s| search::matches(&s.search_text(false), terms))
        .map(|s| s.id)
        .collect()
}

/// Records of one kind that share a phone number or an email with these contacts:
/// likely the same person or organization, whoever may see them.
pub async fn sharing_contacts(
    c: &mut Conn,
    kind: RecordKind,
    contacts: &Contacts,
    sight: Sight,
) -> Result<Vec<i64>> {
    let mut keys: Vec<(&str, String)> = Vec::new();
    for p in &contacts.phones {
        keys.push(("phone", match_key("phone", p)));
    }
    for e in &contacts.emails {
        keys.push(("email", match_key("email", e)));
    }
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT s.id FROM {} s WHERE EXISTS (SELECT 1 FROM stakeholder_contacts x \
         WHERE x.record_kind = '{}' AND x.record_id = s.id AND (",
        table(kind),
        kind.as_str()
    ));
    for (i, (channel, key)) in keys.iter().enumerate() {
        if i > 0 {
            sql.push(" OR ");
        }
        sql.push("(x.channel = ")
            .text(*channel)
            .push(" AND x.match_key = ")
            .text(key.as_str())
            .push(")");
    }
    sql.push("))");
    visibility::push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY s.id LIMIT 20");
    let rows = sql.query().fetch_all(&mut *c).await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Records of one kind that `sight` lets its reader see holding any of these contacts
/// (`(channel, match_key)`): each contact found with the record holding it. Looked up a
/// channel and a chunk of keys at a time on the `(channel, match_key)` index, for an
/// import's thousands of rows.
pub async fn holding_contacts(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    keys: &[(&str, String)],
    sight: Sight,
) -> Result<Vec<(String, String, i64)>> {
    let mut found = Vec::new();
    for channel in CHANNELS {
        let mine: Vec<&str> = (keys.iter())
            .filter(|(ch, _)| *ch == channel)
            .map(|(_, k)| k.as_str())
            .collect();
        for chunk in mine.chunks(500) {
            let mut sql = Sql::new(&format!(
                "SELECT x.match_key, s.id FROM stakeholder_contacts x JOIN {} s \
                 ON s.id = x.record_id WHERE x.channel = '{channel}' AND x.match_key IN (",
                table(kind),
            ));
            for (i, key) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.text(*key);
            }
            sql.push(&format!(") AND x.record_kind = '{}'", kind.as_str()));
            visibility::push(&mut sql, sight, GUARDED);
            for r in sql.query_on(backend).fetch_all(&mut *c).await? {
                found.push((channel.to_string(), r.try_get(0)?, r.try_get(1)?));
            }
        }
    }
    Ok(found)
}

/// Records of one kind that `sight` lets its reader see whose name, lower-cased, is one of
/// `sort_names`: each with the record bearing it. In chunks, on the name index.
pub async fn bearing_names(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    sort_names: &[String],
    sight: Sight,
) -> Result<Vec<(String, i64)>> {
    let mut found = Vec::new();
    for chunk in sort_names.chunks(500) {
        let mut sql = Sql::new(&format!(
            "SELECT s.sort_name, s.id FROM {} s WHERE s.sort_name IN (",
            table(kind)
        ));
        for (i, name) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.text(name.as_str());
        }
        sql.push(")");
        visibility::push(&mut sql, sight, GUARDED);
        for r in sql.query_on(backend).fetch_all(&mut *c).await? {
            found.push((r.try_get(0)?, r.try_get(1)?));
        }
    }
    Ok(found)
}

/// How many records of one kind that `sight` lets its reader see stand at each influence and
/// interest, assessed or not: the influence–interest grid.
pub async fn grid(
    c: &mut Conn,
    kind: RecordKind,
    sight: Sight,
) -> Result<Vec<(Option<Level>, Option<Level>, i64)>> {
    let mut sql = Sql::new(&format!(
        "SELECT s.influence, s.interest, COUNT(*) AS n FROM {} s WHERE 1 = 1",
        table(kind)
    ));
    visibility::push(&mut sql, sight, GUARDED);
    sql.push(" GROUP BY s.influence, s.interest");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| {
            Ok((
                optional(r, "influence", Level::parse)?,
                optional(r, "interest", Level::parse)?,
                r.try_get("n")?,
            ))
        })
        .collect()
}

/// A relationship between two records of the register, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// Its id.
    pub id: i64,
    /// The record it goes from (the person in a position).
    pub from: RecordRef,
    /// The record it goes to (the organization of a position).
    pub to: RecordRef,
    /// Its kind, title and days.
    pub terms: RelationshipTerms,
    /// When it was recorded.
    pub created_at: i64,
}

impl Relationship {
    /// Whether it has not ended by `today`.
    pub fn current(&self, today: Day) -> bool {
        self.terms.ends_on.is_none_or(|e| e >= today)
    }

    /// The other end, seen from `record`.
    pub fn other(&self, record: RecordRef) -> RecordRef {
        if self.from == record {
            self.to
        } else {
            self.from
        }
    }
}

const RELATIONSHIP_COLUMNS: &str =
    "id, from_kind, from_id, to_kind, to_id, kind, title, starts_on, ends_on, created_at";

fn day(text: Option<String>) -> Result<Option<Day>> {
    match text {
        None => Ok(None),
        Some(t) => values::day(&t).map_err(|_| crate::StoreError::Corrupt(format!("day {t:?}"))),
    }
}

fn relationship_from_row(r: &AnyRow) -> Result<Relationship> {
    let end = |kind: &str, id: &str| -> Result<RecordRef> {
        Ok(RecordRef {
            kind: word(&r.try_get::<String, _>(kind)?, RecordKind::parse)?,
            id: r.try_get(id)?,
        })
    };
    Ok(Relationship {
        id: r.try_get("id")?,
        from: end("from_kind", "from_id")?,
        to: end("to_kind", "to_id")?,
        terms: RelationshipTerms {
            kind: word(&r.try_get::<String, _>("kind")?, RelationshipKind::parse)?,
            title: r.try_get("title")?,
            starts_on: day(r.try_get("starts_on")?)?,
            ends_on: day(r.try_get("ends_on")?)?,
        },
        created_at: r.try_get("created_at")?,
    })
}

fn day_text(d: Option<Day>) -> Option<String> {
    d.map(values::day_text)
}

/// Records a relationship from one record to another; answers its id.
pub async fn relate(
    c: &mut Conn,
    from: RecordRef,
    to: RecordRef,
    terms: &RelationshipTerms,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO relationships (from_kind, from_id, to_kind, to_id, kind, title, \
         starts_on, ends_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(from.kind.as_str())
    .bind(from.id)
    .bind(to.kind.as_str())
    .bind(to.id)
    .bind(terms.kind.as_str())
    .bind(&terms.title)
    .bind(day_text(terms.starts_on))
    .bind(day_text(terms.ends_on))
    .bind(at)
    .fetch_one(c)
    .await?)
}

/// Stores relationships many to a statement (an import's memberships); answers their ids
/// in the order given.
pub async fn relate_many(
    c: &mut Conn,
    backend: Backend,
    list: &[(RecordRef, RecordRef, RelationshipTerms)],
    at: i64,
) -> Result<Vec<i64>> {
    use crate::sql::{insert_rows, reserve_ids, Cell};
    let ids = reserve_ids(c, backend, "relationships", list.len(), 0).await?;
    let days: Vec<(Option<String>, Option<String>)> = list
        .iter()
        .map(|(_, _, t)| (day_text(t.starts_on), day_text(t.ends_on)))
        .collect();
    let mut cells = Vec::with_capacity(list.len() * 11);
    for (((from, to, terms), id), (starts, ends)) in list.iter().zip(&ids).zip(&days) {
        cells.extend([
            Cell::Int(*id),
            Cell::Text(from.kind.as_str()),
            Cell::Int(from.id),
            Cell::Text(to.kind.as_str()),
            Cell::Int(to.id),
            Cell::Text(terms.kind.as_str()),
            Cell::Text(&terms.title),
            Cell::MaybeText(starts.as_deref()),
            Cell::MaybeText(ends.as_deref()),
            Cell::Int(at),
            Cell::Int(at),
        ]);
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO relationships (id, from_kind, from_id, to_kind, to_id, kind, title, \
         starts_on, ends_on, created_at, updated_at)",
        11,
        &cells,
    )
    .await?;
    Ok(ids)
}

/// One relationship.
pub async fn relationship(c: &mut Conn, id: i64) -> Result<Option<Relationship>> {
    let row = sqlx::query(&format!(
        "SELECT {RELATIONSHIP_COLUMNS} FROM relationships WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(relationship_from_row).transpose()
}

/// Sets the day a relationship ended.
pub async fn end_relationship(c: &mut Conn, id: i64, ends_on: Day, at: i64) -> Result<()> {
    sqlx::query("UPDATE relationships SET ends_on = $1, updated_at = $2 WHERE id = $3")
        .bind(day_text(Some(ends_on)))
        .bind(at)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Every relationship of a record, either way, oldest first.
pub async fn relationships_of(c: &mut Conn, record: RecordRef) -> Result<Vec<Relationship>> {
    let rows = sqlx::query(&format!(
        "SELECT {RELATIONSHIP_COLUMNS} FROM relationships WHERE from_kind = $1 AND from_id = $2 \
         UNION ALL SELECT {RELATIONSHIP_COLUMNS} FROM relationships \
         WHERE to_kind = $1 AND to_id = $2 ORDER BY id"
    ))
    .bind(record.kind.as_str())
    .bind(record.id)
    .fetch_all(c)
    .await?;
    rows.iter().map(relationship_from_row).collect()
}

/// What a merge moved from the record that went to the one kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moved {
    /// Relationships now the kept record's.
    pub relationships: u64,
    /// Interactions the kept record now took part in.
    pub interactions: u64,
    /// Concerns now linked to the kept person.
    pub concerns: u64,
    /// Timeline lines and files now on the kept record.
    pub lines: u64,
}

/// Merges record `gone` into `kept` (both of one kind, already read and checked): the
/// kept record takes `merged` (its profile with the other's contacts, areas, tags and
/// notes added), and every relationship, interaction, concern link, timeline line and file
/// of the other; the other is deleted, and its address remembered to lead to the kept one.
pub async fn merge(
    c: &mut Conn,
    backend: Backend,
    gone: RecordRef,
    merged: &Stakeholder,
    at: i64,
) -> Result<Moved> {
    let kept = merged.record();
    let k = kept.kind.as_str();
    let mut moved = Moved::default();
    update(c, merged, at).await?;
    // Ties between the two would become a record's tie to itself: they go.
    sqlx::query(
        "DELETE FROM relationships WHERE (from_kind = $1 AND from_id = $2 AND to_kind = $1 \
         AND to_id = $3) OR (from_kind = $1 AND from_id = $3 AND to_kind = $1 AND to_id = $2)",
    )
    .bind(k)
    .bind(gone.id)
    .bind(kept.id)
    .execute(&mut *c)
    .await?;
    for end in ["from", "to"] {
        moved.relationships += sqlx::query(&format!(
            "UPDATE relationships SET {end}_id = $1 WHERE {end}_kind = $2 AND {end}_id = $3"
        ))
        .bind(kept.id)
        .bind(k)
        .bind(gone.id)
        .execute(&mut *c)
        .await?
        .rows_affected();
    }
    // Interactions both took part in keep the kept one; the rest change hands.
    sqlx::query(
        "DELETE FROM interaction_participants WHERE record_kind = $1 AND record_id = $2 \
         AND interaction_id IN (SELECT interaction_id FROM interaction_participants \
         WHERE record_kind = $1 AND record_id = $3)",
    )
    .bind(k)
    .bind(gone.id)
    .bind(kept.id)
    .execute(&mut *c)
    .await?;
    moved.interactions = sqlx::query(
        "UPDATE interaction_participants SET record_id = $1 WHERE record_kind = $2 \
         AND record_id = $3",
    )
    .bind(kept.id)
    .bind(k)
    .bind(gone.id)
    .execute(&mut *c)
    .await?
    .rows_affected();
    if kept.kind == RecordKind::Person {
        sqlx::query(
            "DELETE FROM person_concerns WHERE person_id = $1 AND concern_id IN \
             (SELECT concern_id FROM person_concerns WHERE person_id = $2)",
        )
        .bind(gone.id)
        .bind(kept.id)
        .execute(&mut *c)
        .await?;
        moved.concerns =
            sqlx::query("UPDATE person_concerns SET person_id = $1 WHERE person_id = $2")
                .bind(kept.id)
                .bind(gone.id)
                .execute(&mut *c)
                .await?
                .rows_affected();
    }
    for t in ["timeline_lines", "attachments"] {
        moved.lines += sqlx::query(&format!(
            "UPDATE {t} SET record_id = $1 WHERE record_kind = $2 AND record_id = $3"
        ))
        .bind(kept.id)
        .bind(k)
        .bind(gone.id)
        .execute(&mut *c)
        .await?
        .rows_affected();
    }
    for t in [
        "stakeholder_contacts",
        "stakeholder_areas",
        "stakeholder_tags",
    ] {
        sqlx::query(&format!(
            "DELETE FROM {t} WHERE record_kind = $1 AND record_id = $2"
        ))
        .bind(k)
        .bind(gone.id)
        .execute(&mut *c)
        .await?;
    }
    // Addresses of records merged into the one that went now lead to the one kept.
    sqlx::query("UPDATE merges SET kept_id = $1 WHERE record_kind = $2 AND kept_id = $3")
        .bind(kept.id)
        .bind(k)
        .bind(gone.id)
        .execute(&mut *c)
        .await?;
    sqlx::query(
        "INSERT INTO merges (record_kind, merged_id, kept_id, merged_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(k)
    .bind(gone.id)
    .bind(kept.id)
    .bind(at)
    .execute(&mut *c)
    .await?;
    sqlx::query(&format!("DELETE FROM {} WHERE id = $1", table(kept.kind)))
        .bind(gone.id)
        .execute(&mut *c)
        .await?;
    search::remove(c, backend, gone).await?;
    index(c, backend, merged).await?;
    // Its last contact is the latest of either's.
    sqlx::query(&format!(
        "UPDATE {} SET last_contacted_on = COALESCE((SELECT MAX(p.happened_on) \
         FROM interaction_participants p WHERE p.record_kind = $1 AND p.record_id = $2), '') \
         WHERE id = $2",
        table(kept.kind)
    ))
    .bind(k)
    .bind(kept.id)
    .execute(&mut *c)
    .await?;
    Ok(moved)
}

/// The record a merged one went into, if it was merged.
pub async fn merged_into(c: &mut Conn, record: RecordRef) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT kept_id FROM merges WHERE record_kind = $1 AND merged_id = $2")
            .bind(record.kind.as_str())
            .bind(record.id)
            .fetch_optional(c)
            .await?,
    )
}

/// Records many people's consent at once, each `(person, consent, at)` as
/// [`set_consent`] records one: the demo office's register, where a statement per person
/// would cost a round trip each. Written as one `UPDATE … FROM` a list of values per
/// chunk, which both databases read alike.
pub async fn set_consents(
    c: &mut Conn,
    backend: Backend,
    list: &[(i64, Consent, i64)],
) -> Result<()> {
    const COLUMNS: usize = 8;
    let join = |list: Vec<&str>| list.join(",");
    let texts: Vec<(String, String, Option<String>)> = list
        .iter()
        .map(|(_, x, _)| {
            (
                join(x.channels.iter().map(|c| c.as_str()).collect()),
                join(x.purposes.iter().map(|p| p.as_str()).collect()),
                day_text(x.given_on),
            )
        })
        .collect();
    let per = crate::sql::rows_per_statement(COLUMNS);
    for (chunk, texts) in list.chunks(per).zip(texts.chunks(per)) {
        let sql = format!(
            "WITH v (id, channels, purposes, given_on, method, note, do_not_contact, \
             changed_at) AS (VALUES {}) \
             UPDATE people SET consent_channels = v.channels, consent_purposes = v.purposes, \
             consent_given_on = v.given_on, consent_method = v.method, consent_note = v.note, \
             do_not_contact = v.do_not_contact, updated_at = v.changed_at \
             FROM v WHERE people.id = v.id",
            crate::sql::tuples(backend, chunk.len(), COLUMNS, |_, p| p)
        );
        let mut q = sqlx::query(&sql);
        for ((id, x, at), (channels, purposes, given_on)) in chunk.iter().zip(texts) {
            q = q
                .bind(*id)
                .bind(channels.as_str())
                .bind(purposes.as_str())
                .bind(given_on.as_deref())
                .bind(x.method.map(ConsentMethod::as_str))
                .bind(x.note.as_str())
                .bind(i64::from(x.do_not_contact))
                .bind(*at);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}
