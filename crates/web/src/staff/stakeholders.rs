//! The stakeholder register's pages: the lists of people and organizations with their
//! search and filters, each one's page with its timeline, and the forms that add and change
//! them. People and organizations share the pages; the kind comes from the address.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use liaison_app::accounts::User;
use liaison_app::office::Area;
use liaison_app::stakeholders::lists::{SaveList, SavedList};
use liaison_app::stakeholders::{
    after_text, filter_from, Details, EndRelationship, Entry, ErasePerson, Line, LinkConcern, Mark,
    MergeDuplicate, RecordConsent, Relate, Related, SaveOrganization, SavePerson, Show,
    Stakeholder,
};
use liaison_app::{AppError, AppResult, Input};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    Attitude, ConsentMethod, ContactChannel, Level, OrganizationType, Purpose, Quadrant,
    RelationshipKind, StakeholderLine,
};
use liaison_domain::values::Day;
use liaison_domain::Confidentiality;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The register's routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/people", get(people).post(add_person))
        .route("/staff/people/new", get(new_person))
        .route("/staff/people/grid", get(people_grid))
        .route("/staff/people/{id}", get(person).post(update_person))
        .route("/staff/people/{id}/edit", get(edit_person))
        .route("/staff/people/{id}/relationships", post(relate_person))
        .route("/staff/people/{id}/consent", post(record_consent))
        .route("/staff/people/{id}/export", post(export_person))
        .route("/staff/people/{id}/erase", post(erase_person))
        .route("/staff/people/{id}/concerns", post(link_concern))
        .route(
            "/staff/people/{id}/concerns/{concern}/unlink",
            post(unlink_concern),
        )
        .route(
            "/staff/organizations",
            get(organizations).post(add_organization),
        )
        .route("/staff/organizations/new", get(new_organization))
        .route("/staff/organizations/grid", get(organizations_grid))
        .route(
            "/staff/organizations/{id}",
            get(organization).post(update_organization),
        )
        .route("/staff/organizations/{id}/edit", get(edit_organization))
        .route(
            "/staff/organizations/{id}/relationships",
            post(relate_organization),
        )
        .route("/staff/relationships/{id}/end", post(end_relationship))
        .route("/staff/people/{id}/merge", post(merge_person))
        .route("/staff/people/lists", post(save_people_list))
        .route("/staff/organizations/lists", post(save_organizations_list))
        .route("/staff/lists/{id}/delete", post(delete_list))
        .route("/staff/organizations/{id}/merge", post(merge_organization))
}

/// Rows per page of a list.
const PAGE: i64 = 50;

/// Where a kind's pages are.
fn base(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Organization => "/staff/organizations",
        _ => "/staff/people",
    }
}

/// What every page of the register shows besides its own content.
struct Known {
    areas: Vec<Area>,
    owners: Vec<User>,
}

impl Known {
    async fn read(state: &AppState, staff: &Staff) -> AppResult<Self> {
        Ok(Self {
            areas: state.app.office().areas(true).await?,
            owners: state.app.stakeholders().owners(&staff.user).await?,
        })
    }

    fn area_name(&self, id: &i64) -> String {
        self.areas
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "staff/stakeholders.html")]
struct ListPage {
    ctx: Ctx,
    kind: RecordKind,
    known: Known,
    form: FormState,
    found: Vec<Stakeholder>,
    next: Option<String>,
    searching: bool,
    may_manage: bool,
    /// The saved lists of this kind the reader sees.
    lists: Vec<SavedList>,
    /// The "save this list" form: blank, or as sent with its errors.
    save: FormState,
    me: i64,
    oversees: bool,
}

impl ListPage {
    fn base(&self) -> &'static str {
        base(self.kind)
    }

    /// The query string of the next page: this page's filters and where it ends.
    fn next_href(&self, after: &str) -> String {
        let mut q: Vec<String> = self
            .form
            .input
            .0
            .iter()
            .filter(|(k, v)| k != "after" && !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::session::percent(v)))
            .collect();
        q.push(format!("after={}", crate::session::percent(after)));
        format!("{}?{}", self.base(), q.join("&"))
    }

    /// This list's filters as a query string (from its start).
    fn query(&self) -> String {
        let q: Vec<String> = (self.form.input.0.iter())
            .filter(|(k, v)| k != "after" && !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::session::percent(v)))
            .collect();
        q.join("&")
    }

    /// Whether the reader may forget a saved list.
    fn may_delete(&self, l: &SavedList) -> bool {
        l.owner_id == self.me || (l.shared && self.oversees)
    }

    /// This list (its filters, from its start) as a file: `csv` or `vcf`.
    fn export_href(&self, ext: &str) -> String {
        let q: Vec<String> = (self.form.input.0.iter())
            .filter(|(k, v)| k != "after" && !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::session::percent(v)))
            .collect();
        format!("{}/export.{ext}?{}", self.base(), q.join("&"))
    }

    fn levels(&self) -> Vec<&'static str> {
        Level::ALL.iter().map(|l| l.as_str()).collect()
    }

    fn attitudes(&self) -> Vec<&'static str> {
        Attitude::ALL.iter().map(|a| a.as_str()).collect()
    }

    fn types(&self) -> Vec<&'static str> {
        OrganizationType::ALL.iter().map(|t| t.as_str()).collect()
    }
}

async fn list(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    raw: Option<String>,
) -> Response {
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    let filter = filter_from(|f| input.get(f).to_string(), PAGE);
    let found = state
        .app
        .stakeholders()
        .list(&staff.user, kind, &filter)
        .await;
    list_page(
        &state,
        &staff,
        ctx,
        kind,
        input,
        found,
        FormState::default(),
    )
    .await
}

/// A page of a list, and where the next one starts.
type Page = (Vec<Stakeholder>, Option<(String, i64)>);

/// A list's page with what it found, and the "save this list" form as given.
async fn list_page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    kind: RecordKind,
    input: Input,
    found: AppResult<Page>,
    save: FormState,
) -> Response {
    let filter = filter_from(|f| input.get(f).to_string(), PAGE);
    let known = Known::read(state, staff).await;
    let lists = state.app.stakeholders().lists(&staff.user, kind).await;
    match (found, known, lists) {
        (Ok((found, next)), Ok(known), Ok(lists)) => render(&ListPage {
            ctx,
            kind,
            known,
            form: FormState::with(input.0.clone()),
            found,
            next: next.map(|n| after_text(&n)),
            searching: filter.searching(),
            may_manage: staff.user.role.may(Permission::ManageStakeholders),
            lists,
            save,
            me: staff.user.id,
            oversees: staff.user.role.oversees(),
        }),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => errors::page(&ctx, e),
    }
}

/// Saves a list under a name; back to the list, or its page again with the form marked.
async fn save_list(
    state: AppState,
    lang: &'static str,
    kind: RecordKind,
    form: StaffForm<SaveList>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    let result = state
        .app
        .stakeholders()
        .save_list(&staff.user, kind, &command)
        .await;
    let query = command.query.to_string();
    Outcome::new(ctx, input, result)
        .redirect(
            |_| format!("{}?{}", base(kind), query.trim_start_matches('?')),
            async |ctx, sent| {
                let input = Input::from_urlencoded(query.trim_start_matches('?').as_bytes());
                let filter = filter_from(|f| input.get(f).to_string(), PAGE);
                let found = state
                    .app
                    .stakeholders()
                    .list(&staff.user, kind, &filter)
                    .await;
                list_page(&state, &staff, ctx, kind, input, found, sent).await
            },
        )
        .await
}

async fn save_people_list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SaveList>,
) -> Response {
    save_list(state, lang, RecordKind::Person, form).await
}

async fn save_organizations_list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SaveList>,
) -> Response {
    save_list(state, lang, RecordKind::Organization, form).await
}

/// Forgets a saved list; back to the people's list.
async fn delete_list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "stakeholders", "/staff/people").await;
    let result = match record_id(&id) {
        Ok(id) => {
            state
                .app
                .stakeholders()
                .delete_list(&form.staff.user, id)
                .await
        }
        Err(e) => Err(e),
    };
    Outcome::new(ctx, form.input, result).redirect_or_error(|()| "/staff/people".into())
}

async fn people(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    list(state, lang, staff, RecordKind::Person, raw).await
}

async fn organizations(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    list(state, lang, staff, RecordKind::Organization, raw).await
}

#[derive(Template)]
#[template(path = "staff/stakeholder_grid.html")]
struct GridPage {
    ctx: Ctx,
    kind: RecordKind,
    counts: Vec<(Option<Level>, Option<Level>, i64)>,
}

impl GridPage {
    fn base(&self) -> &'static str {
        base(self.kind)
    }

    /// Influence from high to low: the grid's rows, top down.
    fn influences(&self) -> Vec<Level> {
        Level::ALL.iter().rev().copied().collect()
    }

    /// Interest from low to high: the grid's columns, left to right.
    fn interests(&self) -> Vec<Level> {
        Level::ALL.to_vec()
    }

    fn count(&self, influence: &Level, interest: &Level) -> i64 {
        self.counts
            .iter()
            .filter(|(i, j, _)| *i == Some(*influence) && *j == Some(*interest))
            .map(|(_, _, n)| n)
            .sum()
    }

    fn unassessed(&self) -> i64 {
        self.counts
            .iter()
            .filter(|(i, j, _)| i.is_none() || j.is_none())
            .map(|(_, _, n)| n)
            .sum()
    }

    /// The quadrant a cell falls in, as officers plan by it.
    fn quadrant(&self, influence: &Level, interest: &Level) -> &'static str {
        match Quadrant::of(*influence, *interest) {
            Quadrant::ManageClosely => "manage_closely",
            Quadrant::KeepSatisfied => "keep_satisfied",
            Quadrant::KeepInformed => "keep_informed",
            Quadrant::Monitor => "monitor",
        }
    }
}

async fn grid(state: AppState, lang: &'static str, staff: Staff, kind: RecordKind) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    match state.app.stakeholders().grid(&staff.user, kind).await {
        Ok(counts) => render(&GridPage { ctx, kind, counts }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn people_grid(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    grid(state, lang, staff, RecordKind::Person).await
}

async fn organizations_grid(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
) -> Response {
    grid(state, lang, staff, RecordKind::Organization).await
}

#[derive(Template)]
#[template(path = "staff/stakeholder.html")]
struct RecordPage {
    ctx: Ctx,
    s: Stakeholder,
    known: Known,
    /// A page of the timeline: what `show` asks for, newest first.
    entries: Vec<Entry>,
    /// Where the next page of the timeline starts, when older entries follow.
    older: Option<Mark>,
    show: Show,
    /// The day they were last contacted, if ever.
    last_contacted: Option<Day>,
    related: Vec<Related>,
    /// The "add a relationship" form: blank, or as sent with its errors.
    form: FormState,
    /// The records the form's `with` may mean, when it named several.
    candidates: Vec<Stakeholder>,
    /// The consent form: the consent stored, or as sent with its errors.
    consent: FormState,
    /// Whether the form sent and refused is the consent form.
    consent_failed: bool,
    today: Day,
    may_manage: bool,
    /// Whether the reader logs interactions.
    may_log: bool,
    sees_contacts: bool,
    /// Whether the reader answers data requests (export, erasure).
    answers_requests: bool,
}

impl RecordPage {
    fn base(&self) -> &'static str {
        base(self.s.record().kind)
    }

    fn person(&self) -> Option<&liaison_domain::stakeholders::PersonDetails> {
        match &self.s.details {
            Details::Person(p) => Some(p),
            Details::Organization(_) => None,
        }
    }

    /// The list of those with a tag.
    fn tag_href(&self, tag: &str) -> String {
        format!("{}?tag={}", self.base(), crate::session::percent(tag))
    }

    /// A `tel:` link: the number with `+` and digits only (RFC 3966's global form when it
    /// was written with its country code).
    fn tel(&self, phone: &str) -> String {
        let keep: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{keep}")
    }

    fn organization_type(&self) -> Option<&'static str> {
        match &self.s.details {
            Details::Organization(t) => Some(t.as_str()),
            Details::Person(_) => None,
        }
    }

    /// The page of a record of the register.
    fn href(&self, s: &Stakeholder) -> String {
        format!("{}/{}", base(s.record().kind), s.id)
    }

    /// How a relationship reads from this record: "Leader of", or "Leader" on the
    /// organization's page.
    fn relation(&self, r: &Related) -> String {
        let way = if r.outgoing { "out" } else { "in" };
        self.ctx.t(&format!(
            "relation-{way}-{}",
            r.relationship.terms.kind.as_str()
        ))
    }

    /// When it began and ended, as far as known.
    fn period(&self, r: &Related) -> String {
        let t = &r.relationship.terms;
        let day = |d: Day| liaison_domain::values::day_text(d);
        match (t.starts_on, t.ends_on) {
            (Some(s), Some(e)) => format!("{} – {}", day(s), day(e)),
            (Some(s), None) => self.ctx.t1("relationship-since", "day", &day(s)),
            (None, Some(e)) => self.ctx.t1("relationship-until", "day", &day(e)),
            (None, None) => String::new(),
        }
    }

    fn current(&self, r: &Related) -> bool {
        r.relationship.current(self.today)
    }

    fn channels(&self) -> Vec<&'static str> {
        ContactChannel::ALL.iter().map(|c| c.as_str()).collect()
    }

    fn purposes(&self) -> Vec<&'static str> {
        Purpose::ALL.iter().map(|p| p.as_str()).collect()
    }

    fn methods(&self) -> Vec<&'static str> {
        ConsentMethod::ALL.iter().map(|m| m.as_str()).collect()
    }

    /// What the stored consent allows, in words.
    fn consent_summary(&self) -> String {
        let c = &self.s.consent;
        let ctx = &self.ctx;
        if c.do_not_contact {
            return ctx.t("consent-do-not-contact");
        }
        if c.channels.is_empty() {
            return ctx.t("consent-none");
        }
        let list = |prefix: &str, words: Vec<&str>| {
            words
                .iter()
                .map(|w| ctx.word(prefix, w))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "{} — {}",
            list(
                "channel-consent",
                c.channels.iter().map(|x| x.as_str()).collect()
            ),
            list("purpose", c.purposes.iter().map(|x| x.as_str()).collect())
        );
        if let (Some(day), Some(method)) = (c.given_on, c.method) {
            text.push_str(&format!(
                " ({}, {})",
                ctx.word("consent-method", method.as_str()),
                liaison_domain::values::day_text(day)
            ));
        }
        text
    }

    fn kinds(&self) -> Vec<&'static str> {
        RelationshipKind::ALL.iter().map(|k| k.as_str()).collect()
    }

    /// The name of the record a `related` line names, if it is one this page shows.
    fn named(&self, body: &str) -> (String, Option<String>) {
        let mut words = body.split(' ');
        let (kind, other_kind, other_id) = (words.next(), words.next(), words.next());
        let kind = kind.unwrap_or_default().to_string();
        let other = self.related.iter().find(|r| {
            Some(r.other.record().kind.as_str()) == other_kind
                && other_id == Some(r.other.id.to_string().as_str())
        });
        (kind, other.map(|r| r.other.profile.name.clone()))
    }

    /// The timeline's filters, each with its address.
    fn shows(&self) -> Vec<(&'static str, String)> {
        Show::ALL
            .iter()
            .map(|x| {
                let href = match x {
                    Show::All => format!("{}/{}#timeline", self.base(), self.s.id),
                    x => format!("{}/{}?show={}#timeline", self.base(), self.s.id, x.as_str()),
                };
                (x.as_str(), href)
            })
            .collect()
    }

    /// Where the timeline's next (older) page is.
    fn older_href(&self, older: &Mark) -> String {
        let show = match self.show {
            Show::All => String::new(),
            x => format!("show={}&", x.as_str()),
        };
        format!(
            "{}/{}?{show}before={}#timeline",
            self.base(),
            self.s.id,
            older.text()
        )
    }

    /// A day as the page writes it.
    fn day(&self, d: &Day) -> String {
        liaison_domain::values::day_text(*d)
    }

    /// The start of a long text.
    fn excerpt(&self, text: &str) -> String {
        crate::fmt::excerpt(text, 160)
    }

    /// Where a follow-up stands today, as a word.
    fn standing(&self, f: &liaison_app::interactions::FollowUp) -> &'static str {
        let done = f.done_at.is_some();
        liaison_app::interactions::Standing::of(f.terms.due_on, done, self.today).as_str()
    }

    fn is_shown(&self, word: &str) -> bool {
        word == self.show.as_str()
    }

    /// Where "log an interaction" with this record starts.
    fn log_href(&self) -> String {
        let field = match self.s.record().kind {
            RecordKind::Organization => "organizations",
            _ => "people",
        };
        format!("/staff/interactions/new?{field}={}", self.s.id)
    }

    /// What a timeline line says, in the page's language.
    fn line(&self, l: &Line) -> String {
        let ctx = &self.ctx;
        let value = |v: &Option<liaison_domain::stakeholders::Assessed>| match v {
            Some(v) => ctx.word("assessed", v.as_str()),
            None => ctx.t("stakeholder-not-assessed"),
        };
        match l.kind {
            StakeholderLine::Created => ctx.word("stakeholder-line", l.kind.as_str()),
            StakeholderLine::Merged => {
                let id = l.body.rsplit(' ').next().unwrap_or_default();
                ctx.t1("stakeholder-line-merged", "id", id)
            }
            StakeholderLine::Consent => {
                let what = match l.body.as_str() {
                    "" => ctx.t("consent-none"),
                    "do_not_contact" => ctx.t("consent-do-not-contact"),
                    body => {
                        let (channels, purposes) = body.split_once("; ").unwrap_or((body, ""));
                        let list = |prefix: &str, words: &str| {
                            words
                                .split(',')
                                .filter(|w| !w.is_empty())
                                .map(|w| ctx.word(prefix, w))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        format!(
                            "{} — {}",
                            list("channel-consent", channels),
                            list("purpose", purposes)
                        )
                    }
                };
                ctx.t1("stakeholder-line-consent", "consent", &what)
            }
            StakeholderLine::Related | StakeholderLine::Unrelated => {
                let (kind, name) = self.named(&l.body);
                let name = name.unwrap_or_else(|| ctx.t("relationship-someone"));
                let what = format!("{}: {}", ctx.t(&format!("relationship-kind-{kind}")), name);
                ctx.t1(
                    &format!("stakeholder-line-{}", l.kind.as_str()),
                    "relationship",
                    &what,
                )
            }
            StakeholderLine::Attended => ctx.t1("stakeholder-line-attended", "engagement", &l.body),
            StakeholderLine::Changed => {
                let fields: Vec<String> = l.body.split(", ").map(|f| ctx.field_label(f)).collect();
                ctx.t1("stakeholder-line-changed", "fields", &fields.join(", "))
            }
            StakeholderLine::Influence | StakeholderLine::Interest | StakeholderLine::Attitude => {
                format!(
                    "{}: {} → {}",
                    ctx.word("stakeholder-line", l.kind.as_str()),
                    value(&l.changed_from),
                    value(&l.changed_to)
                )
            }
        }
    }
}

/// A record's page; `form` is its "add a relationship" form, blank or as sent.
async fn record_page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    record: AppResult<RecordRef>,
    form: FormState,
    consent: Option<FormState>,
    (show, before): (Show, Option<Mark>),
) -> Response {
    let found = async {
        let record = record?;
        let app = state.app.stakeholders();
        let candidates = if form.error("with") == Some("error-ambiguous") {
            let kind = match form.value("with_kind") {
                "organization" => RecordKind::Organization,
                _ => RecordKind::Person,
            };
            app.candidates(&staff.user, kind, form.value("with"))
                .await?
        } else {
            Vec::new()
        };
        let s = app.get(&staff.user, record).await?;
        let timeline = app.history(&staff.user, &s, show, before).await?;
        let related = app.relationships(&staff.user, &s).await?;
        Ok::<_, AppError>((
            timeline,
            s,
            related,
            candidates,
            Known::read(state, staff).await?,
        ))
    }
    .await;
    match found {
        Ok((timeline, s, related, candidates, known)) => render(&RecordPage {
            today: ctx.today(),
            consent_failed: consent.is_some(),
            consent: consent.unwrap_or_else(|| FormState::with(consent_fields(&s))),
            ctx,
            s,
            known,
            entries: timeline.entries,
            older: timeline.older,
            show,
            last_contacted: timeline.last_contacted,
            related,
            form,
            candidates,
            may_manage: staff.user.role.may(Permission::ManageStakeholders),
            may_log: staff.user.role.may(Permission::LogInteractions),
            sees_contacts: staff.user.role.may(Permission::SeeContactDetails),
            answers_requests: staff.user.role.may(Permission::AnswerDataRequests),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn show(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    id: &str,
    query: Option<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    let record = record_id(id).map(|id| RecordRef { kind, id });
    let query = Input::from_urlencoded(query.unwrap_or_default().as_bytes());
    let show = Show::parse(query.get("show"));
    let before = Mark::parse(query.get("before"));
    if let Ok(r) = record {
        let app = state.app.stakeholders();
        if let (Err(AppError::NotFound), Ok(Some(kept))) = (
            app.get(&staff.user, r).await,
            app.merged_into(&staff.user, r).await,
        ) {
            return axum::response::Redirect::to(&format!("{}/{kept}", base(kind))).into_response();
        }
    }
    record_page(
        &state,
        &staff,
        ctx,
        record,
        relate_form(),
        None,
        (show, before),
    )
    .await
}

/// Links a concern to the person of the page; its form shown again when refused.
async fn link_concern(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<LinkConcern>,
) -> Response {
    on_record(
        &state,
        lang,
        (RecordKind::Person, &id),
        form,
        Sent::LinkConcern,
        async |by, r, cmd| state.app.stakeholders().link_concern(by, r.id, cmd).await,
        |()| format!("/staff/people/{id}?show=concerns#timeline"),
    )
    .await
}

/// A form sent from a record's page: `act` done to the record its address names, then the
/// browser sent to `after`'s address; when refused, the record's page again with the form
/// as sent and its fields marked.
async fn on_record<C, T>(
    state: &AppState,
    lang: &'static str,
    (kind, id): (RecordKind, &str),
    form: StaffForm<C>,
    sent: Sent,
    act: impl AsyncFnOnce(&User, RecordRef, &C) -> AppResult<T>,
    after: impl FnOnce(T) -> String,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(state, &staff, lang, "stakeholders", base(kind)).await;
    let record = record_id(id).map(|id| RecordRef { kind, id });
    let result = match &record {
        Ok(r) => act(&staff.user, *r, &command).await,
        Err(_) => Err(AppError::NotFound),
    };
    Outcome::new(ctx, input, result)
        .redirect(after, async |ctx, form| {
            let (consent, show) = match sent {
                Sent::Consent => (Some(form.clone()), Show::All),
                Sent::LinkConcern => (None, Show::Concerns),
                Sent::Other => (None, Show::All),
            };
            record_page(state, &staff, ctx, record, form, consent, (show, None)).await
        })
        .await
}

/// Which form of a record's page was sent, so that a refused one is shown in its place.
#[derive(Debug, Clone, Copy)]
enum Sent {
    /// The consent form (shown open, with the values sent instead of those stored).
    Consent,
    /// "Link a concern" (shown over the timeline's concerns).
    LinkConcern,
    /// Any other.
    Other,
}

/// Removes a concern's link to the person of the page.
async fn unlink_concern(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, concern)): Path<(String, String)>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "stakeholders", "/staff/people").await;
    let result = match (record_id(&id), record_id(&concern)) {
        (Ok(person), Ok(concern)) => {
            (state.app.stakeholders())
                .unlink_concern(&form.staff.user, person, concern)
                .await
        }
        _ => Err(AppError::NotFound),
    };
    Outcome::new(ctx, form.input, result)
        .redirect_or_error(|()| format!("/staff/people/{id}?show=concerns#timeline"))
}

/// The "add a relationship" form, blank.
fn relate_form() -> FormState {
    FormState::with(vec![("with_kind".into(), "organization".into())])
}

/// The consent form's fields holding a person's stored consent.
fn consent_fields(s: &Stakeholder) -> Vec<(String, String)> {
    let c = &s.consent;
    let mut pairs: Vec<(String, String)> = Vec::new();
    pairs.extend(
        c.channels
            .iter()
            .map(|x| ("channels".into(), x.as_str().into())),
    );
    pairs.extend(
        c.purposes
            .iter()
            .map(|x| ("purposes".into(), x.as_str().into())),
    );
    if let Some(d) = c.given_on {
        pairs.push(("given_on".into(), liaison_domain::values::day_text(d)));
    }
    if let Some(m) = c.method {
        pairs.push(("method".into(), m.as_str().into()));
    }
    pairs.push(("note".into(), c.note.clone()));
    if c.do_not_contact {
        pairs.push(("do_not_contact".into(), "yes".into()));
    }
    pairs
}

/// All the register holds of a person, as a JSON file to hand them.
async fn export_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "stakeholders", "/staff/people").await;
    let exported = match record_id(&id) {
        Ok(id) => {
            state
                .app
                .stakeholders()
                .export_person(&form.staff.user, id)
                .await
        }
        Err(e) => Err(e),
    };
    match exported {
        Ok(document) => {
            let body = serde_json::to_string_pretty(&document).unwrap_or_default();
            let disposition = format!("attachment; filename=\"person-{id}.json\"");
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/json; charset=utf-8".to_string(),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// Erases a person at their request; the page shown again when the box was not ticked.
async fn erase_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<ErasePerson>,
) -> Response {
    on_record(
        &state,
        lang,
        (RecordKind::Person, &id),
        form,
        Sent::Other,
        async |by, r, cmd| state.app.stakeholders().erase_person(by, r.id, cmd).await,
        |()| format!("/staff/people/{id}"),
    )
    .await
}

/// Records a person's consent; the page shown again with the form marked when refused.
async fn record_consent(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<RecordConsent>,
) -> Response {
    on_record(
        &state,
        lang,
        (RecordKind::Person, &id),
        form,
        Sent::Consent,
        async |by, r, cmd| {
            (state.app.stakeholders())
                .record_consent(by, r.id, cmd)
                .await
        },
        |()| format!("/staff/people/{id}"),
    )
    .await
}

/// Begins a relationship from the record of the page; its form shown again when refused.
async fn relate(
    state: AppState,
    lang: &'static str,
    kind: RecordKind,
    id: &str,
    form: StaffForm<Relate>,
) -> Response {
    on_record(
        &state,
        lang,
        (kind, id),
        form,
        Sent::Other,
        async |by, r, cmd| state.app.stakeholders().relate(by, r, cmd).await,
        |_| format!("{}/{id}", base(kind)),
    )
    .await
}

/// Merges the duplicate the form names into the record of the page; the form shown again
/// when refused.
async fn merge(
    state: AppState,
    lang: &'static str,
    kind: RecordKind,
    id: &str,
    form: StaffForm<MergeDuplicate>,
) -> Response {
    on_record(
        &state,
        lang,
        (kind, id),
        form,
        Sent::Other,
        async |by, r, cmd| state.app.stakeholders().merge(by, r, cmd).await,
        |kept| format!("{}/{kept}", base(kind)),
    )
    .await
}

async fn merge_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<MergeDuplicate>,
) -> Response {
    merge(state, lang, RecordKind::Person, &id, form).await
}

async fn merge_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<MergeDuplicate>,
) -> Response {
    merge(state, lang, RecordKind::Organization, &id, form).await
}

async fn relate_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<Relate>,
) -> Response {
    relate(state, lang, RecordKind::Person, &id, form).await
}

async fn relate_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<Relate>,
) -> Response {
    relate(state, lang, RecordKind::Organization, &id, form).await
}

/// Ends a relationship, then goes back to the page it was ended from (`back`, a page of
/// the register; the register's first page otherwise).
async fn end_relationship(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<EndRelationship>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "stakeholders", "/staff/people").await;
    let back = form.input.get("back").to_string();
    let back = match back.rsplit_once('/') {
        Some(("/staff/people" | "/staff/organizations", n)) if n.parse::<i64>().is_ok() => back,
        _ => "/staff/people".into(),
    };
    let ended = match record_id(&id) {
        Ok(id) => {
            (state.app.stakeholders())
                .end_relationship(&form.staff.user, id, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, ended).redirect_or_error(|()| back)
}

async fn person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, lang, staff, RecordKind::Person, &id, query).await
}

async fn organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, lang, staff, RecordKind::Organization, &id, query).await
}

#[derive(Template)]
#[template(path = "staff/stakeholder_form.html")]
struct FormPage {
    ctx: Ctx,
    kind: RecordKind,
    /// The record changed, or `None` for a new one.
    id: Option<i64>,
    name: String,
    known: Known,
    form: FormState,
    /// Records the one being added may be, when the register holds likely duplicates.
    duplicates: Vec<Stakeholder>,
}

impl FormPage {
    fn base(&self) -> &'static str {
        base(self.kind)
    }

    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("{}/{id}", self.base()),
            None => self.base().into(),
        }
    }

    fn person(&self) -> bool {
        self.kind == RecordKind::Person
    }

    /// The values of a repeated field, and one empty input more for another.
    fn entries(&self, field: &str) -> Vec<String> {
        let mut values: Vec<String> = self
            .form
            .input
            .0
            .iter()
            .filter(|(k, v)| k == field && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect();
        values.push(String::new());
        if values.len() < 2 {
            values.push(String::new());
        }
        values
    }

    fn levels(&self) -> Vec<&'static str> {
        Level::ALL.iter().map(|l| l.as_str()).collect()
    }

    fn attitudes(&self) -> Vec<&'static str> {
        Attitude::ALL.iter().map(|a| a.as_str()).collect()
    }

    fn types(&self) -> Vec<&'static str> {
        OrganizationType::ALL.iter().map(|t| t.as_str()).collect()
    }

    fn levels_of_confidentiality(&self) -> Vec<&'static str> {
        Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
    }
}

/// The form's fields holding a record's state.
fn fields_of(s: &Stakeholder) -> Vec<(String, String)> {
    let p = &s.profile;
    let mut pairs = vec![
        ("name".to_string(), p.name.clone()),
        ("notes".into(), p.notes.clone()),
        ("confidentiality".into(), p.confidentiality.as_str().into()),
        ("tags".into(), p.tags.join(", ")),
        (
            "owner".into(),
            p.owner.map(|o| o.to_string()).unwrap_or_default(),
        ),
        (
            "influence".into(),
            p.influence.map(|l| l.as_str()).unwrap_or_default().into(),
        ),
        (
            "interest".into(),
            p.interest.map(|l| l.as_str()).unwrap_or_default().into(),
        ),
        (
            "attitude".into(),
            p.attitude.map(|a| a.as_str()).unwrap_or_default().into(),
        ),
    ];
    for (field, list) in [
        ("phones", &p.contacts.phones),
        ("emails", &p.contacts.emails),
        ("addresses", &p.contacts.addresses),
    ] {
        pairs.extend(list.iter().map(|v| (field.to_string(), v.clone())));
    }
    pairs.extend(p.areas.iter().map(|a| ("areas".to_string(), a.to_string())));
    match &s.details {
        Details::Person(d) => {
            pairs.push(("addressed_as".into(), d.addressed_as.clone()));
            pairs.push(("language".into(), d.language.clone().unwrap_or_default()));
            pairs.push(("accessibility".into(), d.accessibility.clone()));
            if d.interpreter {
                pairs.push(("interpreter".into(), "yes".into()));
            }
        }
        Details::Organization(t) => pairs.push(("organization_type".into(), t.as_str().into())),
    }
    pairs
}

/// The form, blank, filled with a record, or as sent with its errors.
async fn form_page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    kind: RecordKind,
    id: Option<i64>,
    form: FormState,
) -> Response {
    let known = match Known::read(state, staff).await {
        Ok(k) => k,
        Err(e) => return errors::page(&ctx, e),
    };
    let app = state.app.stakeholders();
    let name = match id {
        Some(id) => match app.get(&staff.user, RecordRef { kind, id }).await {
            Ok(s) => s.profile.name,
            Err(e) => return errors::page(&ctx, e),
        },
        None => String::new(),
    };
    let duplicates = if form.error("not_a_duplicate").is_some() {
        let input = &form.input;
        app.duplicates_of(
            &staff.user,
            kind,
            input.get("name"),
            &values(input, "phones"),
            &values(input, "emails"),
        )
        .await
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    render(&FormPage {
        ctx,
        kind,
        id,
        name,
        known,
        form,
        duplicates,
    })
}

fn values(input: &Input, field: &str) -> Vec<String> {
    input
        .0
        .iter()
        .filter(|(k, _)| k == field)
        .map(|(_, v)| v.clone())
        .collect()
}

async fn new(state: AppState, lang: &'static str, staff: Staff, kind: RecordKind) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    if let Err(e) = liaison_app::require(&staff.user, Permission::ManageStakeholders) {
        return errors::page(&ctx, e);
    }
    let mut pairs = vec![("confidentiality".to_string(), "restricted".to_string())];
    if kind == RecordKind::Organization {
        pairs.push(("organization_type".into(), "community_group".into()));
    }
    form_page(&state, &staff, ctx, kind, None, FormState::with(pairs)).await
}

async fn new_person(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    new(state, lang, staff, RecordKind::Person).await
}

async fn new_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
) -> Response {
    new(state, lang, staff, RecordKind::Organization).await
}

async fn edit(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    id: &str,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", base(kind)).await;
    let found = async {
        liaison_app::require(&staff.user, Permission::ManageStakeholders)?;
        let id = record_id(id)?;
        state
            .app
            .stakeholders()
            .get(&staff.user, RecordRef { kind, id })
            .await
    }
    .await;
    match found {
        Ok(s) => {
            let form = FormState::with(fields_of(&s));
            form_page(&state, &staff, ctx, kind, Some(s.id), form).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn edit_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    edit(state, lang, staff, RecordKind::Person, &id).await
}

async fn edit_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    edit(state, lang, staff, RecordKind::Organization, &id).await
}

/// Answers a saved form: the record's page, or the form again with what was wrong.
async fn saved(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    input: Input,
    kind: RecordKind,
    id: Option<i64>,
    result: AppResult<i64>,
) -> Response {
    Outcome::new(ctx, input, result)
        .redirect(
            |done| format!("{}/{done}", base(kind)),
            async |ctx, form| form_page(state, staff, ctx, kind, id, form).await,
        )
        .await
}

async fn add_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SavePerson>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people/new").await;
    let added = state
        .app
        .stakeholders()
        .add_person(&staff.user, &command)
        .await;
    saved(&state, &staff, ctx, input, RecordKind::Person, None, added).await
}

async fn add_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SaveOrganization>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(
        &state,
        &staff,
        lang,
        "stakeholders",
        "/staff/organizations/new",
    )
    .await;
    let added = state
        .app
        .stakeholders()
        .add_organization(&staff.user, &command)
        .await;
    saved(
        &state,
        &staff,
        ctx,
        input,
        RecordKind::Organization,
        None,
        added,
    )
    .await
}

async fn update_person(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<SavePerson>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(e) => return errors::page(&ctx, e),
    };
    let updated = state
        .app
        .stakeholders()
        .update_person(&staff.user, id, &command)
        .await;
    saved(
        &state,
        &staff,
        ctx,
        input,
        RecordKind::Person,
        Some(id),
        updated.map(|()| id),
    )
    .await
}

async fn update_organization(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<SaveOrganization>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/organizations").await;
    let id = match record_id(&id) {
        Ok(id) => id,
        Err(e) => return errors::page(&ctx, e),
    };
    let updated = state
        .app
        .stakeholders()
        .update_organization(&staff.user, id, &command)
        .await;
    saved(
        &state,
        &staff,
        ctx,
        input,
        RecordKind::Organization,
        Some(id),
        updated.map(|()| id),
    )
    .await
}
