//! The world the matrix is walked in: one server, the staff and the records the table
//! speaks of, and what each persona holds. Requests are in `http.rs`, the fingerprint of
//! the database in `fingerprint.rs`.

use std::collections::HashMap;
use std::sync::Mutex;

use liaison_app::access_tokens::CreateToken;
use liaison_app::api_keys::IssueKey;
use liaison_app::concerns::RecordConcern;
use liaison_app::interactions::{AddFollowUp, LogInteraction};
use liaison_app::office::{NewArea, NewQuestion};
use liaison_app::report_schedules::ScheduleReport;
use liaison_app::stakeholders::lists::SaveList;
use liaison_app::stakeholders::{LinkConcern, Relate, SaveOrganization, SavePerson};
use liaison_app::Input;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_store::users::User;

use super::http::{Body, Creds};
use super::table::Persona;
use crate::common::Harness;

/// The photo every file in the world is (it has no metadata, so it is kept byte for byte).
pub const PHOTO: &[u8] = include_bytes!("../fixtures/photo.jpg");

/// Who reported the named concerns; only roles that may see a reporter ever read it.
pub const IDENTITY: [&str; 2] = ["Thandi Mokoena", "thandi.mokoena@example.org"];
/// What an anonymous resident typed before ticking "anonymous": never kept.
pub const TYPED_ANONYMOUSLY: [&str; 2] = ["Ayanda Hidden", "ayanda.hidden@example.org"];
/// In every internal note, and only there.
pub const INTERNAL: &str = "neighbour feud";
/// In every public update.
pub const UPDATE: &str = "crew booked";
/// The category offered on the portal and over Open311.
pub const PUBLIC_CATEGORY: &str = "Quarry dust";
/// A category staff use that is not offered to the public.
pub const PRIVATE_CATEGORY: &str = "Staff conduct";
/// An id no record has.
pub const MISSING_ID: i64 = 987_654;
/// A well-formed tracking code that was never given out.
pub const MISSING_CODE: &str = "ABCD-EFGH-JKMN-PQRS";

/// The kinds of concern the table names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Public,
    Restricted,
    Confidential,
    Anonymous,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Public,
        Kind::Restricted,
        Kind::Confidential,
        Kind::Anonymous,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Kind::Public => "public",
            Kind::Restricted => "restricted",
            Kind::Confidential => "confidential",
            Kind::Anonymous => "anonymous",
        }
    }

    /// The kind a subject such as `act, restricted concern` speaks of.
    pub fn in_subject(subject: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| subject.contains(&format!("{} concern", k.word())))
    }
}

/// One concern of the world.
#[derive(Debug, Clone)]
pub struct Concern {
    pub id: i64,
    pub reference: String,
    pub code: String,
    pub description: String,
    /// Taken in with the concern (public if the concern is).
    pub file: (i64, String),
    /// Added later by staff, not public.
    pub private_file: (i64, String),
    /// Who it is assigned to.
    pub assignee: i64,
}

/// The world.
pub struct World<'h> {
    pub h: &'h Harness,
    pub(super) client: reqwest::Client,
    pub(super) creds: HashMap<Persona, Mutex<Creds>>,
    /// Staff accounts by persona, with their passwords.
    pub staff: HashMap<Persona, (User, String)>,
    /// An officer none of the table's columns is: their tokens are "another's".
    pub spare: User,
    /// Each persona's spare token (for "revoke own token"); the spare user's as "another's".
    pub spare_tokens: HashMap<Persona, i64>,
    pub others_token: i64,
    pub public_category: (i64, String),
    pub private_category: (i64, String),
    /// The public and the private category's codes (Open311's service codes).
    pub category_codes: (String, String),
    /// The office's time zone, as its settings form sends it.
    pub time_zone: String,
    /// A category with questions `street` and `colour`, for the question forms.
    pub question_category: i64,
    pub area: i64,
    pub spare_key: i64,
    /// A message of the outbox the server refused for good, and a parked job.
    pub failed_message: i64,
    pub parked_job: i64,
    /// Concerns by kind and by whether the partner holds them.
    concerns: HashMap<(Kind, bool), Concern>,
    /// The concern the duplicate forms point at.
    pub original: Concern,
    /// A public concern the officer resolved: its reporter is asked if they are satisfied.
    pub resolved: Concern,
    /// The stakeholder register's records.
    pub register: Register,
    /// The engagement log's records.
    pub log: Log,
    /// The commitments register's: a restricted commitment kept by the administrator, and
    /// a confidential one kept by the officer.
    pub commitments: (i64, i64),
    /// Mediations on the officer's restricted and confidential concerns.
    pub mediations: Mediations,
    /// A public engagement organized by the officer, published on the portal
    /// ([`ENGAGEMENT`], with [`REGISTRANT`] registered).
    pub engagement: i64,
    /// A confidential engagement organized by the officer ([`HIDDEN_ENGAGEMENT`], with
    /// [`REGISTRANT`] registered).
    pub confidential_engagement: i64,
    /// What else the engagement rows read and write.
    pub engagements: Engagements,
    /// What the survey rows read and write.
    pub surveys: Surveys,
}

/// The surveys the survey rows read and write, made by the officer: an open one about
/// each engagement (public and confidential), each answered once with words
/// ([`SURVEY_ANSWER`], [`HIDDEN_SURVEY_ANSWER`]); a draft about each, to add questions to;
/// for each persona, through the pages (`false`) and the API, a draft with a question to
/// open, about each engagement.
#[derive(Debug, Clone, Default)]
pub struct Surveys {
    pub open: i64,
    pub hidden: i64,
    /// The open one's portal key, and its question's id; the confidential one's question.
    pub key: String,
    pub question: i64,
    pub hidden_question: i64,
    pub draft: i64,
    pub hidden_draft: i64,
    /// The public draft's portal key (a draft is not answered).
    pub draft_key: String,
    /// Drafts to open: by persona, through the API (`true`) or the pages, and about the
    /// confidential engagement (`true`) or the public one.
    pub to_open: HashMap<(Persona, bool, bool), i64>,
}

/// The open survey about the public engagement.
pub const SURVEY: &str = "Kestrel forum feedback";
/// The open survey about the confidential engagement.
pub const HIDDEN_SURVEY: &str = "Kestrel families feedback";
/// The words of the one answer each has.
pub const SURVEY_ANSWER: &str = "Kestrel the river smelled better";
pub const HIDDEN_SURVEY_ANSWER: &str = "Kestrel the workshop felt safe";

/// The engagements' records the rows use up: for each persona, through the pages
/// (`false`) and the API (`true`), one to publish, one to call off, places to give up; and
/// the portal's cancel links.
#[derive(Debug, Clone, Default)]
pub struct Engagements {
    /// A public engagement organized by the officer, planned and never published.
    pub planned: i64,
    /// [`REGISTRANT`]'s registrations at the public and at the confidential engagement.
    pub registration: i64,
    pub hidden_registration: i64,
    /// The secret of the cancel link of [`REGISTRANT`]'s place at the public engagement
    /// (`/registrations/{secret}`): to read, never to use.
    pub cancel_link: String,
    /// Planned public engagements organized by the officer, to publish.
    pub to_publish: HashMap<(Persona, bool), i64>,
    /// Planned confidential engagements organized by the officer, to call off.
    pub to_cancel: HashMap<(Persona, bool), i64>,
    /// Places to give up: by persona, through the API (`true`) or the pages, and at the
    /// confidential engagement (`true`) or the public one.
    pub to_unregister: HashMap<(Persona, bool, bool), i64>,
    /// The cancel link's secret of a place at the public engagement, for each persona to
    /// give up on the portal.
    pub cancel_links: HashMap<Persona, String>,
    /// The answer link's secret of an invitation to the public engagement, for each persona
    /// to answer on the portal.
    pub answer_links: HashMap<Persona, String>,
    /// A person who agreed to invitations and is not invited yet, for each persona to
    /// invite through the pages (`false`) and the API.
    pub invitees: HashMap<(Persona, bool), i64>,
    /// A staff-only file ([`PHOTO`]) on the public and on the confidential engagement.
    pub files: (i64, i64),
    /// A file shown on the portal ([`PHOTO`]) on the public engagement: id and name.
    pub public_file: (i64, String),
}

/// The public engagement's title.
pub const ENGAGEMENT: &str = "Kestrel river forum";
/// The confidential engagement's title.
pub const HIDDEN_ENGAGEMENT: &str = "Kestrel families workshop";
/// The public engagement planned and never published.
pub const UNPUBLISHED_ENGAGEMENT: &str = "Kestrel unpublished talk";
/// Who is registered at both.
pub const REGISTRANT: &str = "Kestrel Door Registrant";
/// The public commitment made at the public engagement ("you said, we did").
pub const SAID_AND_DONE: &str = "Kestrel promise said and done";

/// The mediations the mediation rows read and write: one under way on the officer's
/// restricted concern and one on their confidential concern; for each persona, through the
/// pages and (`true`) the API, a proposed one to accept and a proposal to answer.
#[derive(Debug, Clone, Default)]
pub struct Mediations {
    pub restricted: i64,
    pub confidential: i64,
    pub to_accept: HashMap<(Persona, bool), i64>,
    pub to_answer: HashMap<(Persona, bool), i64>,
}

/// What the mediation on the restricted concern is to settle.
pub const MEDIATION: &str = "Kestrel haul road dust";
/// What the mediation on the confidential concern is to settle.
pub const HIDDEN_MEDIATION: &str = "Kestrel boundary quarrel";

/// The interactions and follow-ups the engagement log's rows read and write.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// A restricted interaction with the restricted person, logged by the administrator.
    pub interaction: i64,
    /// A confidential one with the restricted person, logged by the officer.
    pub hidden_interaction: i64,
    /// An open follow-up of the restricted interaction for each persona to mark done,
    /// through the pages and (`true`) the API.
    pub open: HashMap<(Persona, bool), i64>,
    /// A follow-up done, for each persona to open again.
    pub done: HashMap<(Persona, bool), i64>,
    /// A person for each persona to link the public concern to.
    pub linkable: HashMap<(Persona, bool), i64>,
    /// A person linked to the public concern, for each persona to unlink.
    pub linked: HashMap<(Persona, bool), i64>,
    /// A contacts file uploaded by the officer, in preview.
    pub import: i64,
    /// One uploaded by the officer for each persona to start.
    pub imports: HashMap<Persona, i64>,
    /// A duplicate for each persona to merge into a record: by kind (`true`: an
    /// organization), whether the record kept is the confidential one, and whether through
    /// the API.
    pub duplicates: HashMap<(Persona, bool, bool, bool), i64>,
    /// A saved list of each persona's own to forget (the officer's for those who cannot
    /// save one).
    pub lists: HashMap<Persona, i64>,
    /// A report sent monthly for each persona to stop, scheduled by the administrator.
    pub report_schedules: HashMap<Persona, i64>,
}

/// The contacts file the register's imports read: a spreadsheet's CSV with one person.
pub fn contacts_file(who: &str) -> Vec<u8> {
    format!("Name,Email,Organization\r\nKestrel Imported {who},kestrel.{who}@example.org,\r\n")
        .into_bytes()
}

/// What the restricted interaction is about (its summary and topic).
pub const INTERACTION: [&str; 2] = ["Kestrel chat about the river", "kestreltopic"];
/// What the confidential interaction is about.
pub const HIDDEN_INTERACTION: [&str; 2] = ["Kestrel secret talk", "kestrelsecret"];
/// What the restricted commitment promises.
pub const COMMITMENT: &str = "Kestrel footbridge railing";
/// What the confidential commitment promises.
pub const HIDDEN_COMMITMENT: &str = "Kestrel settlement payment";
/// The key (high influence) person and organization nobody has contacted.
pub const KEY: [&str; 2] = ["Kestrel Key Person", "Kestrel Key Council"];

/// The people and organizations the register's rows read and write: one restricted and one
/// confidential of each kind, the confidential ones kept by the officer.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub person: i64,
    pub hidden_person: i64,
    pub organization: i64,
    pub hidden_organization: i64,
    /// Another restricted organization, for the restricted one's relationships.
    pub partner_organization: i64,
    /// The restricted person's membership of the restricted organization.
    pub membership: i64,
    /// The confidential person's leadership of the restricted organization.
    pub hidden_leadership: i64,
    /// A restricted person for each persona to erase, through the pages and (`true`) the
    /// API.
    pub erasable: HashMap<(Persona, bool), i64>,
}

/// The restricted person's name, tag, email and phone.
pub const PERSON: [&str; 4] = [
    "Kestrel Pat Register",
    "kestrelperson",
    "kestrel.pat@example.org",
    "+1 555 777 0101",
];
/// The confidential person's name and tag.
pub const HIDDEN_PERSON: [&str; 2] = ["Kestrel Quinn Hidden", "kestrelhidden"];
/// The restricted organization's name, tag and email.
pub const ORGANIZATION: [&str; 3] = [
    "Kestrel Residents Forum",
    "kestrelorg",
    "kestrel.forum@example.org",
];
/// The confidential organization's name and tag.
pub const HIDDEN_ORGANIZATION: [&str; 2] = ["Kestrel Hidden Circle", "kestrelcircle"];

impl<'h> World<'h> {
    /// Builds every record, signs every staff persona in.
    pub async fn build(h: &'h Harness) -> World<'h> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(0)
            .build()
            .expect("client");
        let mut staff = HashMap::new();
        for (p, name) in [
            (Persona::Admin, "Ada Admin"),
            (Persona::Supervisor, "Sam Super"),
            (Persona::Officer, "Olu Officer"),
            (Persona::Officer2, "Oscar Other"),
            (Persona::Partner, "Pat Partner"),
            (Persona::Partner2, "Pia Partner"),
            (Persona::Viewer, "Vic Viewer"),
        ] {
            staff.insert(p, h.user(p.role().expect("staff"), name).await);
        }
        let (spare, _) = h.user("officer", "Sol Spare").await;
        let admin = staff[&Persona::Admin].0.clone();
        let public_category = h.category(&admin, PUBLIC_CATEGORY, true).await;
        let private_category = h.category(&admin, PRIVATE_CATEGORY, false).await;
        let question_category = h.category(&admin, "Street lighting", false).await;
        for code in ["street", "colour"] {
            let question = NewQuestion {
                code: code.into(),
                label: code.into(),
                kind: "short_text".into(),
                ..NewQuestion::default()
            };
            h.app
                .office()
                .add_question(&admin, question_category, &question)
                .await
                .expect("question");
        }
        let area = h
            .app
            .office()
            .add_area(
                &admin,
                &NewArea {
                    name: "Riverside".into(),
                },
            )
            .await
            .expect("area");
        let (_, client_key) = h
            .app
            .api_keys()
            .create(
                None,
                &IssueKey {
                    name: "City app".into(),
                },
            )
            .await
            .expect("key");
        let old_app = IssueKey {
            name: "Old app".into(),
        };
        let (spare_key, _) = h.app.api_keys().create(None, &old_app).await.expect("key");
        let (failed_message, parked_job) = outbox_troubles(h).await;

        let mut creds = HashMap::new();
        let mut spare_tokens = HashMap::new();
        for p in Persona::ALL {
            let c = match staff.get(&p) {
                Some((user, _)) => {
                    let token = |name: &str| {
                        let app = h.app.clone();
                        let input = CreateToken {
                            name: name.into(),
                            ..CreateToken::default()
                        };
                        let user = user.clone();
                        async move {
                            app.access_tokens()
                                .create(&user, &input)
                                .await
                                .expect("token")
                        }
                    };
                    let (_, bearer) = token("matrix-token").await;
                    let (kept, _) = token("spare-token").await;
                    spare_tokens.insert(p, kept.id);
                    Creds {
                        bearer: bearer.clone(),
                        key: bearer,
                        ..Creds::default()
                    }
                }
                None if p == Persona::Client => Creds {
                    cookie: format!("liaison_session={client_key}"),
                    bearer: client_key.clone(),
                    key: client_key.clone(),
                    ..Creds::default()
                },
                // The resident's code depends on the concern: see `World::creds`.
                None => Creds::default(),
            };
            creds.insert(p, Mutex::new(c));
        }
        let (others, _) = h
            .app
            .access_tokens()
            .create(
                &spare,
                &CreateToken {
                    name: "sol-script".into(),
                    ..CreateToken::default()
                },
            )
            .await
            .expect("token");

        let mut world = World {
            h,
            client,
            creds,
            staff,
            spare,
            spare_tokens,
            others_token: others.id,
            public_category: (public_category, PUBLIC_CATEGORY.into()),
            private_category: (private_category, PRIVATE_CATEGORY.into()),
            category_codes: (
                code_of(h, public_category).await,
                code_of(h, private_category).await,
            ),
            time_zone: h
                .app
                .office()
                .settings()
                .await
                .expect("office")
                .calendar
                .time_zone
                .name()
                .to_string(),
            question_category,
            area,
            spare_key: spare_key.id,
            failed_message,
            parked_job,
            concerns: HashMap::new(),
            original: placeholder(),
            resolved: placeholder(),
            register: Register::default(),
            log: Log::default(),
            commitments: (0, 0),
            mediations: Mediations::default(),
            engagement: 0,
            confidential_engagement: 0,
            engagements: Engagements::default(),
            surveys: Surveys::default(),
        };
        for p in world.staff.keys().copied().collect::<Vec<_>>() {
            world.sign_in(p).await;
        }
        for kind in Kind::ALL {
            for partner in [false, true] {
                let c = world.make_concern(kind, partner).await;
                world.concerns.insert((kind, partner), c);
            }
        }
        world.original = world.make_concern(Kind::Public, false).await;
        world.resolved = world.make_concern(Kind::Public, false).await;
        let resolve = liaison_app::concerns::Transition {
            action: "resolve".into(),
            note: "The lamp was replaced.".into(),
            ..Default::default()
        };
        let admin = world.admin().clone();
        world
            .h
            .app
            .concerns()
            .act(&admin, world.resolved.id, &resolve)
            .await
            .expect("resolved");
        world.register = world.make_register().await;
        world.log = world.make_log().await;
        world.commitments = world.make_commitments().await;
        world.mediations = world.make_mediations().await;
        world.make_engagements().await;
        world.surveys = world.make_surveys().await;
        world
    }

    /// The surveys the survey rows read and write, made by the officer.
    async fn make_surveys(&self) -> Surveys {
        use liaison_app::surveys::{Respond, SaveQuestion, SaveSurvey, SurveyStep};
        let app = self.h.app.surveys();
        let officer = self.user(Persona::Officer).clone();
        let make = async |title: &str, engagement: i64, open: bool| {
            let survey = SaveSurvey {
                title: title.into(),
                engagement: engagement.to_string().into(),
                ..SaveSurvey::default()
            };
            let id = app.create(&officer, &survey).await.expect("survey");
            let question = SaveQuestion {
                kind: "text".into(),
                label: "What did you think?".into(),
                ..SaveQuestion::default()
            };
            let q = app
                .question(&officer, id, &question)
                .await
                .expect("question")
                .expect("its id");
            if open {
                let step = SurveyStep {
                    status: "open".into(),
                };
                app.step(&officer, id, &step).await.expect("opened");
            }
            (id, q)
        };
        let key = async |id: i64| app.get(&officer, id).await.expect("survey").survey.link_key;
        let (open, question) = make(SURVEY, self.engagement, true).await;
        let (hidden, hidden_question) =
            make(HIDDEN_SURVEY, self.confidential_engagement, true).await;
        let mut s = Surveys {
            open,
            hidden,
            key: key(open).await,
            question,
            hidden_question,
            draft: make("Kestrel draft survey", self.engagement, false).await.0,
            hidden_draft: make(
                "Kestrel hidden draft survey",
                self.confidential_engagement,
                false,
            )
            .await
            .0,
            ..Surveys::default()
        };
        s.draft_key = key(s.draft).await;
        for (id, q, words) in [
            (open, question, SURVEY_ANSWER),
            (hidden, hidden_question, HIDDEN_SURVEY_ANSWER),
        ] {
            let answer = Respond {
                answers: liaison_app::Answers::from_pairs(&[(&q.to_string(), words)]),
                ..Respond::default()
            };
            app.answer(&key(id).await, &answer, "en")
                .await
                .expect("answered");
        }
        for p in Persona::ALL {
            for api in [false, true] {
                for (hidden, at) in [
                    (false, self.engagement),
                    (true, self.confidential_engagement),
                ] {
                    let title = format!("Kestrel to open {} {api} {hidden}", p.column());
                    s.to_open
                        .insert((p, api, hidden), make(&title, at, false).await.0);
                }
            }
        }
        s
    }

    /// The engagements the engagement rows read and write, organized by the officer.
    async fn make_engagements(&mut self) {
        use liaison_app::engagements::{Register, SaveEngagement, Step};
        let app = self.h.app.engagements();
        let officer = self.user(Persona::Officer).clone();
        let plan = |title: &str, level: &str, on: &str| SaveEngagement {
            kind: "forum".into(),
            title: title.into(),
            starts_at: format!("{on}T18:00").into(),
            ends_at: format!("{on}T20:00").into(),
            address: "Kestrel Hall, 1 Quarry Road".into(),
            languages: "en".into(),
            confidentiality: level.into(),
            ..SaveEngagement::default()
        };
        let publish = Step {
            status: "published".into(),
            ..Step::default()
        };
        let register = |name: &str| Register {
            name: name.into(),
            email: "kestrel.registrant@example.org".into(),
            ..Register::default()
        };
        let public = app
            .plan(&officer, &plan(ENGAGEMENT, "public", "2030-06-01"))
            .await
            .expect("engagement");
        app.step(&officer, public, &publish)
            .await
            .expect("published");
        let hidden = app
            .plan(
                &officer,
                &plan(HIDDEN_ENGAGEMENT, "confidential", "2030-06-02"),
            )
            .await
            .expect("engagement");
        let mut e = Engagements {
            planned: app
                .plan(
                    &officer,
                    &plan(UNPUBLISHED_ENGAGEMENT, "public", "2030-06-03"),
                )
                .await
                .expect("engagement"),
            ..Engagements::default()
        };
        let r = app
            .register(&officer, public, &register(REGISTRANT))
            .await
            .expect("registered");
        e.registration = r.registration;
        e.cancel_link = r.secret.expect("a cancel link");
        e.hidden_registration = app
            .register(&officer, hidden, &register(REGISTRANT))
            .await
            .expect("registered")
            .registration;
        for p in Persona::ALL {
            for api in [false, true] {
                let who = format!("{} {api}", p.column());
                let id = app
                    .plan(
                        &officer,
                        &plan(&format!("Kestrel to publish {who}"), "public", "2031-01-01"),
                    )
                    .await
                    .expect("engagement");
                e.to_publish.insert((p, api), id);
                let id = app
                    .plan(
                        &officer,
                        &plan(
                            &format!("Kestrel to call off {who}"),
                            "confidential",
                            "2031-01-02",
                        ),
                    )
                    .await
                    .expect("engagement");
                e.to_cancel.insert((p, api), id);
                for (at, confidential) in [(public, false), (hidden, true)] {
                    let r = app
                        .register(&officer, at, &register(&format!("Kestrel leaving {who}")))
                        .await
                        .expect("registered");
                    e.to_unregister
                        .insert((p, api, confidential), r.registration);
                }
            }
            let r = app
                .register(
                    &officer,
                    public,
                    &register(&format!("Kestrel link of {}", p.column())),
                )
                .await
                .expect("registered");
            e.cancel_links.insert(p, r.secret.expect("a cancel link"));
        }
        // Files: a staff-only one on each, and one shown on the portal on the public one.
        let attach = async |at: i64, shown: bool, name: &str| {
            let upload = liaison_app::attachments::Upload {
                file_name: name.into(),
                content_type: "image/jpeg".into(),
                bytes: PHOTO.to_vec(),
            };
            let cmd = liaison_app::engagements::AttachFiles {
                public: shown.into(),
            };
            app.attach(&officer, at, &cmd, &[upload])
                .await
                .expect("attached");
            let list = app.get(&officer, at).await.expect("engagement").attachments;
            list.last().expect("the file").id
        };
        e.files = (
            attach(public, false, "kestrel-sign-in.jpg").await,
            attach(hidden, false, "kestrel-hidden-sign-in.jpg").await,
        );
        let name = "kestrel-slides.jpg";
        e.public_file = (attach(public, true, name).await, name.into());
        let promise = liaison_app::commitments::SaveCommitment {
            title: SAID_AND_DONE.into(),
            due_on: "2030-07-01".into(),
            confidentiality: "public".into(),
            public: true.into(),
            ..Default::default()
        };
        app.commit(&officer, public, &promise)
            .await
            .expect("commitment");
        // People who agreed to be invited by email: some invited now (their letters' answer
        // links read back from the outbox), the others for the rows to invite.
        let admin = self.admin().clone();
        let register = self.h.app.stakeholders();
        let agreeing = async |name: String| {
            let person = SavePerson {
                name: name.as_str().into(),
                emails: [format!(
                    "{}@example.org",
                    name.replace(' ', ".").to_lowercase()
                )]
                .into_iter()
                .collect(),
                confidentiality: "restricted".into(),
                ..SavePerson::default()
            };
            let id = register.add_person(&admin, &person).await.expect("person");
            let consent = liaison_app::stakeholders::RecordConsent {
                channels: ["email"].into_iter().collect(),
                purposes: ["invitations"].into_iter().collect(),
                given_on: "2026-01-05".into(),
                method: "written".into(),
                ..Default::default()
            };
            register
                .record_consent(&admin, id, &consent)
                .await
                .expect("consent");
            id
        };
        let mut answering = Vec::new();
        for p in Persona::ALL {
            answering.push((
                p,
                agreeing(format!("Kestrel answering {}", p.column())).await,
            ));
            for api in [false, true] {
                let who = format!("Kestrel invitee {} {api}", p.column());
                e.invitees.insert((p, api), agreeing(who).await);
            }
        }
        let invite = liaison_app::engagements::Invite {
            people: answering.iter().map(|(_, id)| format!("#{id}")).collect(),
            ..Default::default()
        };
        app.invite(&officer, public, &invite)
            .await
            .expect("invited");
        let mut c = self.h.store.read().await.expect("reader");
        let letters: Vec<(String, String)> = liaison_store::sqlx::query_as(
            "SELECT recipient, text_body FROM outbox WHERE letter = 'invitation'",
        )
        .fetch_all(&mut *c)
        .await
        .expect("the invitations");
        for (p, _) in &answering {
            let to = format!("kestrel.answering.{}@example.org", p.column());
            let (_, text) = letters
                .iter()
                .find(|(r, _)| *r == to)
                .expect("an invitation");
            let start = text.find("/invitations/").expect("its link") + "/invitations/".len();
            let secret: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_hexdigit())
                .collect();
            e.answer_links.insert(*p, secret);
        }
        self.engagement = public;
        self.confidential_engagement = hidden;
        self.engagements = e;
    }

    /// The register's people and organizations, added by the administrator.
    async fn make_register(&self) -> Register {
        let (app, admin) = (self.h.app.stakeholders(), self.admin().clone());
        let officer = self.user(Persona::Officer).id.to_string();
        let person = |name: &str, tag: &str, level: &str, owner: &str| SavePerson {
            name: name.into(),
            tags: [tag].into_iter().collect(),
            confidentiality: level.into(),
            owner: owner.into(),
            ..SavePerson::default()
        };
        let mut pat = person(PERSON[0], PERSON[1], "restricted", "");
        pat.emails = [PERSON[2]].into_iter().collect();
        pat.phones = [PERSON[3]].into_iter().collect();
        let quinn = person(HIDDEN_PERSON[0], HIDDEN_PERSON[1], "confidential", &officer);
        let organization = |name: &str, tag: &str, level: &str, owner: &str| SaveOrganization {
            name: name.into(),
            organization_type: "residents_association".into(),
            tags: [tag].into_iter().collect(),
            confidentiality: level.into(),
            owner: owner.into(),
            ..SaveOrganization::default()
        };
        let mut forum = organization(ORGANIZATION[0], ORGANIZATION[1], "restricted", "");
        forum.emails = [ORGANIZATION[2]].into_iter().collect();
        let circle = organization(
            HIDDEN_ORGANIZATION[0],
            HIDDEN_ORGANIZATION[1],
            "confidential",
            &officer,
        );
        let trust = organization("Kestrel Partners Trust", "kestreltrust", "restricted", "");
        let person = app.add_person(&admin, &pat).await.expect("person");
        let hidden_person = app.add_person(&admin, &quinn).await.expect("person");
        let organization = app.add_organization(&admin, &forum).await.expect("org");
        let relate = |from: i64, kind: &str| {
            let (app, admin) = (self.h.app.stakeholders(), admin.clone());
            let relate = Relate {
                kind: kind.into(),
                with_kind: "organization".into(),
                with: format!("#{organization}").as_str().into(),
                ..Relate::default()
            };
            async move {
                let from = RecordRef {
                    kind: RecordKind::Person,
                    id: from,
                };
                app.relate(&admin, from, &relate)
                    .await
                    .expect("relationship")
            }
        };
        let mut erasable = HashMap::new();
        for p in Persona::ALL {
            for api in [false, true] {
                let doomed = SavePerson {
                    name: format!("Kestrel Erasable {} {api}", p.column())
                        .as_str()
                        .into(),
                    confidentiality: "restricted".into(),
                    ..SavePerson::default()
                };
                let id = app.add_person(&admin, &doomed).await.expect("person");
                erasable.insert((p, api), id);
            }
        }
        Register {
            erasable,
            membership: relate(person, "member").await,
            hidden_leadership: relate(hidden_person, "leader").await,
            person,
            hidden_person,
            organization,
            hidden_organization: app.add_organization(&admin, &circle).await.expect("org"),
            partner_organization: app.add_organization(&admin, &trust).await.expect("org"),
        }
    }

    /// The mediations the mediation rows read and write.
    async fn make_mediations(&self) -> Mediations {
        use liaison_app::mediation::{AddProposal, MediationStep, ProposeMediation};
        let app = self.h.app.mediations();
        let officer = self.user(Persona::Officer);
        let propose = |kind: Kind, purpose: &str| ProposeMediation {
            concern: self.concern(kind, Persona::Officer).id.to_string().into(),
            purpose: purpose.into(),
            ..Default::default()
        };
        let accept = MediationStep {
            step: "accept".into(),
            ..Default::default()
        };
        let mut m = Mediations::default();
        for (kind, purpose) in [
            (Kind::Restricted, MEDIATION),
            (Kind::Confidential, HIDDEN_MEDIATION),
        ] {
            let id = app
                .propose(officer, &propose(kind, purpose))
                .await
                .expect("mediation");
            app.step(officer, id, &accept).await.expect("accepted");
            if kind == Kind::Restricted {
                m.restricted = id;
            } else {
                m.confidential = id;
            }
        }
        for p in Persona::ALL {
            for api in [false, true] {
                let id = app
                    .propose(officer, &propose(Kind::Restricted, MEDIATION))
                    .await
                    .expect("mediation");
                m.to_accept.insert((p, api), id);
                let proposal = AddProposal {
                    made_by: "Kestrel Mediator".into(),
                    text: format!("Kestrel proposal for {}", p.column()).into(),
                };
                app.add_proposal(officer, m.restricted, &proposal)
                    .await
                    .expect("proposal");
                let v = app.get(officer, m.restricted).await.expect("mediation");
                let last = v.proposals.last().map(|x| x.id).expect("a proposal");
                m.to_answer.insert((p, api), last);
            }
        }
        m
    }

    /// The commitments the register's rows read and write.
    async fn make_commitments(&self) -> (i64, i64) {
        let app = self.h.app.commitments();
        let make = |about: &str, level: &str| liaison_app::commitments::SaveCommitment {
            title: about.into(),
            due_on: "2030-01-31".into(),
            confidentiality: level.into(),
            ..Default::default()
        };
        let restricted = app
            .make(self.admin(), &make(COMMITMENT, "restricted"))
            .await
            .expect("commitment");
        let hidden = app
            .make(
                self.user(Persona::Officer),
                &make(HIDDEN_COMMITMENT, "confidential"),
            )
            .await
            .expect("commitment");
        (restricted, hidden)
    }

    /// The engagement log's records, and the key stakeholders nobody has contacted.
    async fn make_log(&self) -> Log {
        let (app, admin) = (self.h.app.interactions(), self.admin().clone());
        let register = self.h.app.stakeholders();
        let officer = self.user(Persona::Officer).clone();
        let person = format!("#{}", self.register.person);
        let interaction = |about: [&str; 2], level: &str| LogInteraction {
            kind: "meeting".into(),
            happened_on: "2026-01-15".into(),
            summary: about[0].into(),
            topics: [about[1]].into_iter().collect(),
            people: [person.as_str()].into_iter().collect(),
            confidentiality: level.into(),
            ..LogInteraction::default()
        };
        let restricted = app
            .log(&admin, &interaction(INTERACTION, "restricted"))
            .await
            .expect("interaction");
        let hidden = app
            .log(&officer, &interaction(HIDDEN_INTERACTION, "confidential"))
            .await
            .expect("interaction");
        let key = SavePerson {
            name: KEY[0].into(),
            influence: "high".into(),
            ..SavePerson::default()
        };
        register.add_person(&admin, &key).await.expect("person");
        let council = SaveOrganization {
            name: KEY[1].into(),
            organization_type: "government_agency".into(),
            influence: "high".into(),
            ..SaveOrganization::default()
        };
        register
            .add_organization(&admin, &council)
            .await
            .expect("organization");
        let concern = LinkConcern {
            reference: self
                .concern(Kind::Public, Persona::Officer)
                .reference
                .as_str()
                .into(),
        };
        let mut log = Log {
            interaction: restricted,
            hidden_interaction: hidden,
            import: register
                .upload_contacts(&officer, "contacts.csv", contacts_file("preview"))
                .await
                .expect("import"),
            ..Log::default()
        };
        for p in Persona::ALL {
            let each = [false, true].into_iter().flat_map(|o| {
                [false, true]
                    .into_iter()
                    .flat_map(move |h| [(o, h, false), (o, h, true)])
            });
            for (organization, hidden, api) in each {
                let name = format!(
                    "Kestrel Duplicate {} {organization} {hidden} {api}",
                    p.column()
                );
                let id = if organization {
                    let dup = SaveOrganization {
                        name: name.as_str().into(),
                        organization_type: "other".into(),
                        not_a_duplicate: true.into(),
                        ..SaveOrganization::default()
                    };
                    register.add_organization(&admin, &dup).await.expect("org")
                } else {
                    let dup = SavePerson {
                        name: name.as_str().into(),
                        not_a_duplicate: true.into(),
                        ..SavePerson::default()
                    };
                    register.add_person(&admin, &dup).await.expect("person")
                };
                log.duplicates.insert((p, organization, hidden, api), id);
            }
            let owner = match self.staff.get(&p) {
                Some((u, _)) if u.role.may(Permission::ReadStakeholders) => u.clone(),
                _ => officer.clone(),
            };
            let list = SaveList {
                name: format!("Kestrel list of {}", p.column()).as_str().into(),
                query: "tag=kestrelperson".into(),
                ..SaveList::default()
            };
            let id = register
                .save_list(&owner, RecordKind::Person, &list)
                .await
                .expect("list");
            log.lists.insert(p, id);
            let monthly = ScheduleReport {
                day: "3".into(),
                recipient: [admin.id.to_string()].into_iter().collect(),
                ..ScheduleReport::default()
            };
            let id = self
                .h
                .app
                .reports()
                .schedule(&admin, "concerns", &monthly)
                .await
                .expect("report schedule");
            log.report_schedules.insert(p, id);
            let file = contacts_file(p.column());
            let id = register
                .upload_contacts(&officer, "contacts.csv", file)
                .await
                .expect("import");
            log.imports.insert(p, id);
        }
        for p in Persona::ALL {
            for api in [false, true] {
                let follow_up = |what: &str| AddFollowUp {
                    follow_up: format!("Kestrel {what} {} {api}", p.column())
                        .as_str()
                        .into(),
                    follow_up_owner: officer.id.to_string().as_str().into(),
                    follow_up_due_on: "2030-01-01".into(),
                };
                let open = app
                    .add_follow_up(&admin, restricted, &follow_up("open"))
                    .await
                    .expect("follow-up");
                let done = app
                    .add_follow_up(&admin, restricted, &follow_up("done"))
                    .await
                    .expect("follow-up");
                app.set_done(&admin, done, true).await.expect("done");
                log.open.insert((p, api), open);
                log.done.insert((p, api), done);
                let someone = |what: &str| SavePerson {
                    name: format!("Kestrel {what} {} {api}", p.column())
                        .as_str()
                        .into(),
                    ..SavePerson::default()
                };
                let linkable = register
                    .add_person(&admin, &someone("Linkable"))
                    .await
                    .expect("person");
                let linked = register
                    .add_person(&admin, &someone("Linked"))
                    .await
                    .expect("person");
                register
                    .link_concern(&admin, linked, &concern)
                    .await
                    .expect("link");
                log.linkable.insert((p, api), linkable);
                log.linked.insert((p, api), linked);
            }
        }
        log
    }

    /// The staff account of a persona.
    pub fn user(&self, p: Persona) -> &User {
        &self.staff[&p].0
    }

    pub fn admin(&self) -> &User {
        self.user(Persona::Admin)
    }

    /// The concern of `kind` a persona works with: the partners' copy for partners.
    pub fn concern(&self, kind: Kind, p: Persona) -> &Concern {
        &self.concerns[&(kind, p.uses_partner_copy())]
    }

    /// A concern of `kind`, assigned to the officer or the partner, with everything the
    /// table reads: a note, an update, a file taken in with it and a private one.
    async fn make_concern(&self, kind: Kind, partner: bool) -> Concern {
        let admin = self.admin().clone();
        let holder = if partner { "partner" } else { "officer" };
        let description = format!("Kestrel {} concern held by the {holder}", kind.word());
        let k = self.public_category.0.to_string();
        let (id, reference, code) = if kind == Kind::Anonymous {
            // Reported on the portal by someone who typed their name, then ticked
            // "anonymous", and let it be listed publicly.
            let a = self
                .page(
                    Persona::Anon,
                    "",
                    "POST",
                    &format!("/report/{k}"),
                    &Body::Multipart(
                        pairs(&[
                            ("description", &description),
                            ("anonymous", "yes"),
                            ("visibility", "public"),
                            ("reporter_name", TYPED_ANONYMOUSLY[0]),
                            ("reporter_email", TYPED_ANONYMOUSLY[1]),
                        ]),
                        "photo",
                        "IMG_Ayanda_home.jpg".into(),
                    ),
                )
                .await;
            assert_eq!(a.status, 200, "{}", a.text());
            let text = a.text();
            let reference = between(&text, "Your reference is ", ".").expect("reference");
            let code = between(&text, "<p class=\"tracking-code\">", "</p>").expect("code");
            let id = self
                .h
                .app
                .concerns()
                .id_by_reference(&admin, &reference)
                .await
                .expect("the concern");
            (id, reference, code)
        } else {
            let input = RecordConcern {
                category: k.as_str().into(),
                description: description.as_str().into(),
                channel: "phone".into(),
                priority: "normal".into(),
                confidentiality: kind.word().into(),
                reporter_name: IDENTITY[0].into(),
                reporter_email: IDENTITY[1].into(),
                reporter_phone: "+27 82 555 0101".into(),
                reporter_language: "en".into(),
                ..RecordConcern::default()
            };
            let r = self
                .h
                .app
                .concerns()
                .record(&admin, &input)
                .await
                .expect("record");
            let path = format!("/staff/concerns/{}/attachments", r.id);
            let a = self
                .page(
                    Persona::Admin,
                    "",
                    "POST",
                    &path,
                    &Body::Multipart(
                        pairs(&[("public", "yes")]),
                        "attachment",
                        "kestrel.jpg".into(),
                    ),
                )
                .await;
            assert_eq!(a.status, 303, "{}", a.text());
            (r.id, r.reference, r.tracking_code)
        };
        let path = format!("/staff/concerns/{id}/attachments");
        let a = self
            .page(
                Persona::Admin,
                "",
                "POST",
                &path,
                &Body::Multipart(Vec::new(), "attachment", "private-kestrel.jpg".into()),
            )
            .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let assignee = self
            .user(if partner {
                Persona::Partner
            } else {
                Persona::Officer
            })
            .id;
        let app = &self.h.app;
        // As the concern page's forms send them.
        for (call, input) in [
            ("act", Input::from_pairs(&[("action", "start")])),
            (
                "assign",
                Input::from_pairs(&[("assignee", &assignee.to_string())]),
            ),
            (
                "note",
                Input::from_pairs(&[
                    ("body", &format!("Internal: {INTERNAL} behind {reference}")),
                    ("visibility", "internal"),
                ]),
            ),
            (
                "note",
                Input::from_pairs(&[
                    ("body", &format!("Public update: {UPDATE} for {reference}")),
                    ("visibility", "public"),
                ]),
            ),
        ] {
            let done = match call {
                "act" => (app.concerns().act(&admin, id, &form(&input)).await).map(|_| ()),
                "assign" => app.concerns().assign(&admin, id, &form(&input)).await,
                _ => app.concerns().add_note(&admin, id, &form(&input)).await,
            };
            done.expect("set up the concern");
        }
        let files = app
            .concerns()
            .get(&admin, id)
            .await
            .expect("concern")
            .attachments;
        let [file, private_file] = &files[..] else {
            panic!("two files on {reference}: {files:?}");
        };
        assert!(!private_file.public);
        Concern {
            id,
            reference,
            code,
            description,
            file: (file.id, file.file_name.clone()),
            private_file: (private_file.id, private_file.file_name.clone()),
            assignee,
        }
    }
}

async fn code_of(h: &Harness, category: i64) -> String {
    h.app
        .office()
        .category(category)
        .await
        .expect("category")
        .fields
        .code
}

fn placeholder() -> Concern {
    Concern {
        id: 0,
        reference: String::new(),
        code: String::new(),
        description: String::new(),
        file: (0, String::new()),
        private_file: (0, String::new()),
        assignee: 0,
    }
}

/// Owned pairs.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The text between `start` and `end`.
pub fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let i = text.find(start)? + start.len();
    let j = text[i..].find(end)? + i;
    Some(text[i..j].to_string())
}

/// A form's fields decoded into the command an operation takes, as the staff pages decode
/// them.
fn form<T: serde::de::DeserializeOwned>(input: &Input) -> T {
    input.decode().expect("a command")
}

/// A message the mail server refused for good, and a job parked after failing too often, as
/// the job runner leaves them.
async fn outbox_troubles(h: &Harness) -> (i64, i64) {
    use liaison_store::{jobs, outbox};
    let mut tx = h.store.write().await.expect("writer");
    let message = outbox::NewMessage {
        letter: "acknowledged".into(),
        record_kind: "concern".into(),
        record_id: 1,
        recipient: "gone@example.org".into(),
        language: "en".into(),
        subject: "We received your concern".into(),
        text_body: "Thank you.".into(),
        html_body: "<p>Thank you.</p>".into(),
        reply_to: None,
        message_id: "<matrix@liaison.test>".into(),
    };
    let id = outbox::insert(&mut tx, &message, 1).await.expect("message");
    outbox::refused(&mut tx, id, "550 5.1.1 No such user here", true)
        .await
        .expect("refused");
    jobs::enqueue(&mut tx, h.store.backend(), "send_mail", &[id], 1)
        .await
        .expect("job");
    let job: i64 = liaison_store::sqlx::query_scalar(
        "UPDATE jobs SET state = 'parked', attempts = 8, last_error = 'connection refused' \
         WHERE subject_id = $1 RETURNING id",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await
    .expect("parked");
    tx.commit().await.expect("commit");
    (id, job)
}
