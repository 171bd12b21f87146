//! Open311 GeoReport v2 requests, decoded as the handlers decode them:
//! - the path's `.xml`/`.json` suffix (`Format::split`);
//! - the fields of the query string and the URL-encoded body (`fields`);
//! - a `POST requests` decoded into its command (`ServiceRequest`) and read onto the portal's
//!   report (`intake_fields`), answers sent as `attribute[CODE]` or `attribute[CODE][]` for
//!   questions parsed from fuzz, then checked against those questions as the intake checks
//!   them (`check_answers`);
//! - `GET requests` and `GET servicerequestupdates` windows and filters
//!   (`request_filter`, `update_filter`), run against a migrated SQLite database;
//! - answers written as XML and JSON (`Document::render`) with the fuzzed text in them.
//!
//! Checks: never panics; every answer sent for a known question reaches the intake under
//! its field; a filter that was accepted runs without a database error and stays within the
//! standard's window (at most 1000 per page); the JSON written reads back as the same text,
//! and the XML carries it escaped.
#![no_main]

use arbitrary::Arbitrary;
use liaison_app::open311::{
    intake_fields, request_filter, update_filter, RequestQuery, ServiceRequest, UpdateQuery,
};
use liaison_app::Input;
use liaison_domain::categories::{check_answers, Question};
use liaison_domain::concerns::Priority;
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::FieldErrors;
use liaison_fuzz::{runtime, store, zone};
use liaison_store::categories::{Category, CategoryFields};
use liaison_store::concerns::public;
use liaison_web::fuzzing::{open311_fields, Document, Format, Value};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Request {
    path: String,
    query: String,
    body: Vec<u8>,
    zone: u16,
    questions: Vec<(String, String, u8, bool, String)>,
}

const KINDS: [&str; 6] = [
    "short_text",
    "long_text",
    "number",
    "date",
    "single_choice",
    "multiple_choice",
];

fn category(questions: &[(String, String, u8, bool, String)]) -> Category {
    let target = Target {
        amount: 2,
        unit: TargetUnit::CalendarDays,
    };
    let mut list: Vec<Question> = Vec::new();
    for (code, label, kind, required, choices) in questions.iter().take(8) {
        let kind = KINDS[usize::from(*kind) % KINDS.len()];
        if let Ok(q) = Question::parse(code, label, "", kind, *required, choices) {
            if !list.iter().any(|x| x.code == q.code) {
                list.push(q);
            }
        }
    }
    Category {
        id: 1,
        fields: CategoryFields {
            code: "roads".into(),
            name: "Roads".into(),
            description: String::new(),
            acknowledge: target,
            resolve: target,
            default_priority: Priority::Normal,
            public: true,
            active: true,
        },
        questions: list,
    }
}

fn documents(input: &Input) {
    for (k, v) in input.0.iter().take(4) {
        let doc = Document::list(
            "service_requests",
            "request",
            vec![Value::Object(vec![
                ("service_request_id", k.as_str().into()),
                ("description", v.as_str().into()),
            ])],
        );
        let json: serde_json::Value =
            serde_json::from_str(&doc.render(Format::Json)).expect("the JSON answer parses");
        assert_eq!(json[0]["service_request_id"].as_str(), Some(k.as_str()));
        assert_eq!(json[0]["description"].as_str(), Some(v.as_str()));
        let xml = doc.render(Format::Xml);
        let inner = xml
            .split_once("<description>")
            .and_then(|(_, rest)| rest.rsplit_once("</description>"))
            .map(|(text, _)| text)
            .expect("the XML answer has the element");
        assert!(!inner.contains('<'), "unescaped text in XML: {inner:?}");
        let unescaped = inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        let representable: String = v
            .chars()
            .filter(|c| {
                (*c as u32 >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
                    && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
            })
            .collect();
        assert_eq!(unescaped, representable);
    }
}

fuzz_target!(|r: Request| {
    if let Some((name, format)) = Format::split(&r.path) {
        let ext = if format == Format::Xml { "xml" } else { "json" };
        assert_eq!(format!("{name}.{ext}"), r.path);
    }
    let input = open311_fields(Some(r.query.clone()), &r.body);
    let tz = zone(r.zone);

    // POST requests: the intake's fields and answers.
    let k = category(&r.questions);
    let mut errors = FieldErrors::new();
    let request: ServiceRequest = input.decode().expect("a form always decodes");
    let report = intake_fields(&request, Some(&k), &mut errors);
    assert_eq!(report.category, "1");
    assert!(report.anonymous.is_set() == report.reporter_name.is_empty());
    for q in &k.questions {
        let sent = input
            .0
            .iter()
            .filter(|(f, _)| {
                *f == format!("attribute[{}]", q.code) || *f == format!("attribute[{}][]", q.code)
            })
            .count();
        assert_eq!(
            report.answers.of_field(&q.field()).len(),
            sent,
            "answers to {} lost",
            q.code
        );
    }
    if let Ok(answers) = check_answers(&k.questions, tz, |f| report.answers.of_field(f)) {
        for (code, _) in &answers {
            assert!(k.questions.iter().any(|q| &q.code == code));
        }
    }

    // GET requests and GET servicerequestupdates.
    let q = RequestQuery {
        ids: input.get("service_request_id").into(),
        service_codes: input.get("service_code").into(),
        start_date: input.get("start_date").into(),
        end_date: input.get("end_date").into(),
        status: input.get("status").into(),
        page: input.get("page").into(),
        page_size: input.get("page_size").into(),
    };
    if let Ok(Some(filter)) = request_filter(&q, tz) {
        assert!((1..=1000).contains(&filter.limit) && filter.offset >= 0);
        let db = store();
        runtime().block_on(async {
            let mut c = db.read().await.expect("a connection");
            public::list(&mut c, &filter)
                .await
                .expect("an accepted filter runs");
        });
    }
    let u = UpdateQuery {
        start_date: q.start_date.clone(),
        end_date: q.end_date.clone(),
        page: q.page.clone(),
        page_size: q.page_size.clone(),
    };
    if let Ok(filter) = update_filter(&u, tz) {
        assert!((1..=1000).contains(&filter.limit) && filter.offset >= 0);
        let db = store();
        runtime().block_on(async {
            let mut c = db.read().await.expect("a connection");
            public::updates(&mut c, &filter)
                .await
                .expect("an accepted window runs");
        });
    }

    documents(&input);
});
