//! The register as files, over HTTP: a list as CSV that a spreadsheet opens and Liaison's
//! own import reads back, people as vCard for a phone, and no contact details for those
//! who may not see them.

use liaison_testkit as common;
use liaison_testkit::both;

use common::Harness;
use liaison_app::stakeholders::{Relate, SaveOrganization, SavePerson};
use liaison_domain::interchange::{csv, vcard};
use liaison_domain::records::{RecordKind, RecordRef};

async fn the_register_leaves_as_files(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let app = h.app.stakeholders();
    let amina = SavePerson {
        name: "Amina Yusuf".into(),
        addressed_as: "Mrs Yusuf".into(),
        phones: ["+1 555 010 2030"].into_iter().collect(),
        emails: ["amina@example.org"].into_iter().collect(),
        tags: ["school principal"].into_iter().collect(),
        notes: "Says \"call after 4\", =not a formula".into(),
        ..SavePerson::default()
    };
    let amina = app.add_person(&admin, &amina).await.expect("person");
    let school = SaveOrganization {
        name: "North Primary School".into(),
        organization_type: "school".into(),
        ..SaveOrganization::default()
    };
    let school = app.add_organization(&admin, &school).await.expect("org");
    let relate = Relate {
        kind: "leader".into(),
        with_kind: "organization".into(),
        with: format!("#{school}").as_str().into(),
        title: "Principal".into(),
        ..Relate::default()
    };
    let from = RecordRef {
        kind: RecordKind::Person,
        id: amina,
    };
    app.relate(&admin, from, &relate)
        .await
        .expect("relationship");

    let (_, b) = h.signed_in("officer", "Olu Officer").await;
    let (status, headers, bytes) = b
        .download("/staff/people/export.csv?tag=school%20principal")
        .await;
    assert_eq!(status, 200);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let table = csv::read(&bytes).expect("a CSV file");
    assert_eq!(table.rows.len(), 1);
    let columns = csv::guess(&table.headers);
    let back = csv::card(&table.rows[0], &columns);
    assert_eq!(back.name, "Amina Yusuf");
    assert_eq!(back.phones, ["+1 555 010 2030"]);
    assert_eq!(back.emails, ["amina@example.org"]);
    assert_eq!(back.notes, "Says \"call after 4\", =not a formula");
    // A spreadsheet would not run the notes as a formula: they begin with text.
    let raw = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        raw.starts_with('\u{feff}'),
        "Excel needs the byte order mark"
    );

    // One person for a phone: vCard 4.0 with their position.
    let (status, headers, bytes) = b.download(&format!("/staff/people/{amina}/vcard")).await;
    assert_eq!(status, 200);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/vcard"));
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(text.contains("VERSION:4.0") && text.contains("\r\n"));
    let cards = vcard::read(&bytes);
    let card = cards[0].card.clone().expect("a card");
    assert_eq!(card.name, "Amina Yusuf");
    assert_eq!(card.organization, "North Primary School");
    assert_eq!(card.title, "Principal");
    assert_eq!(card.addressed_as, "Mrs Yusuf");
    // The same UID every time, so a phone updates rather than duplicates.
    let again = b.download(&format!("/staff/people/{amina}/vcard")).await.2;
    assert_eq!(again, bytes);

    // A list of people as one vCard file.
    let (_, _, list) = b.download("/staff/people/export.vcf").await;
    assert_eq!(vcard::read(&list).len(), 1);

    // A viewer's files hold no contact details.
    let (_, viewer) = h.signed_in("viewer", "Vera Viewer").await;
    let (_, _, seen) = viewer.download("/staff/people/export.csv").await;
    let seen = String::from_utf8(seen).expect("UTF-8");
    assert!(seen.contains("Amina Yusuf") && !seen.contains("amina@example.org"));
    let (_, _, card) = viewer
        .download(&format!("/staff/people/{amina}/vcard"))
        .await;
    assert!(!String::from_utf8(card).unwrap().contains("555"));
    // A partner gets nothing.
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    assert_eq!(partner.download("/staff/people/export.csv").await.0, 403);
}

both!(the_register_leaves_as_files);

/// The header of every concern export: stable names machines read.
const CONCERN_COLUMNS: [&str; 20] = [
    "reference",
    "received_at",
    "category",
    "area",
    "channel",
    "status",
    "priority",
    "confidentiality",
    "assignee",
    "acknowledged_at",
    "resolved_at",
    "acknowledge_by",
    "resolve_by",
    "address",
    "lat",
    "lng",
    "description",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
];

/// A CSV file read by a reader that is not Liaison's own, as a spreadsheet would: its
/// header and its records, each cell by the header's name.
fn spreadsheet(bytes: &[u8]) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed record");
            assert_eq!(r.len(), header.len(), "every record as wide as the header");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// A personal access token for `user`.
async fn token(h: &Harness, user: &liaison_store::users::User) -> String {
    let made = liaison_app::access_tokens::CreateToken {
        name: "exports".into(),
        ..Default::default()
    };
    let (_, token) = (h.app.access_tokens().create(user, &made).await).expect("token");
    token
}

/// A GET with a bearer token: status, content type and body.
async fn api_get(h: &Harness, token: &str, path: &str) -> (u16, String, Vec<u8>) {
    let r = reqwest::Client::new()
        .get(format!("{}{path}", h.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("an answer");
    let status = r.status().as_u16();
    let kind = r.headers()["content-type"].to_str().unwrap().to_string();
    (status, kind, r.bytes().await.expect("a body").to_vec())
}

fn references(rows: &[std::collections::HashMap<String, String>]) -> Vec<&str> {
    rows.iter().map(|r| r["reference"].as_str()).collect()
}

async fn concerns_leave_as_csv_with_the_lists_filters(h: Harness) {
    use liaison_app::concerns::{Assignment, RecordConcern};
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (olu, officer) = h.signed_in("officer", "Olu Officer").await;
    let (_, other) = h.signed_in("officer", "Oti Other").await;
    let (_, viewer) = h.signed_in("viewer", "Vera Viewer").await;
    let water = h.category(&admin, "Water", true).await;
    let noise = h.category(&admin, "Noise", true).await;
    let north = (h.app.office())
        .add_area(
            &admin,
            &liaison_app::office::NewArea {
                name: "North".into(),
            },
        )
        .await
        .expect("area");
    let concerns = h.app.concerns();
    let record = async |c: RecordConcern| concerns.record(&admin, &c).await.expect("record");
    // Public, with a reporter, a place and a point.
    let named = record(RecordConcern {
        category: water.to_string().into(),
        description: "Burst pipe, on \"Main\" Road\nsince Monday".into(),
        channel: "phone".into(),
        priority: "high".into(),
        confidentiality: "public".into(),
        area: north.to_string().into(),
        address: "12 Main Road".into(),
        lat: "-26.2041".into(),
        lng: "28.0473".into(),
        reporter_name: "Thandi Mokoena".into(),
        reporter_email: "thandi@example.org".into(),
        reporter_phone: "+27 11 555 0100".into(),
        reporter_language: "en".into(),
        ..RecordConcern::default()
    })
    .await;
    // Confidential, assigned to Olu: another officer may not see it.
    let secret = record(RecordConcern {
        category: water.to_string().into(),
        description: "Leak reported by a neighbour of the councillor".into(),
        channel: "walk_in".into(),
        priority: "normal".into(),
        confidentiality: "confidential".into(),
        reporter_name: "Sipho Dlamini".into(),
        reporter_language: "en".into(),
        ..RecordConcern::default()
    })
    .await;
    let to_olu = Assignment {
        assignee: olu.id.to_string().into(),
    };
    (concerns.assign(&admin, secret.id, &to_olu).await).expect("assign");
    // Anonymous, whatever was typed; and a description a spreadsheet would run.
    let anonymous = record(RecordConcern {
        category: noise.to_string().into(),
        description: "=HYPERLINK(\"http://evil.example\",\"click\")".into(),
        channel: "portal".into(),
        priority: "low".into(),
        confidentiality: "public".into(),
        address: "+1 Mill Lane".into(),
        anonymous: true.into(),
        reporter_name: "Ayanda Hidden".into(),
        reporter_email: "ayanda.hidden@example.org".into(),
        reporter_language: "en".into(),
        ..RecordConcern::default()
    })
    .await;

    // Over the API, with the list's filters: exactly the filtered concerns.
    let admin_token = token(&h, &admin).await;
    let path = format!("/api/v1/concerns.csv?view=all&category={water}");
    let (status, kind, bytes) = api_get(&h, &admin_token, &path).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(kind, "text/csv; charset=utf-8");
    let (header, rows) = spreadsheet(&bytes);
    assert_eq!(header, CONCERN_COLUMNS);
    assert_eq!(references(&rows), [&secret.reference, &named.reference]);
    let row = &rows[1];
    assert_eq!(row["category"], "Water");
    assert_eq!(row["area"], "North");
    assert_eq!(row["channel"], "phone");
    assert_eq!(row["status"], "received");
    assert_eq!(row["priority"], "high");
    assert_eq!(row["confidentiality"], "public");
    assert_eq!(row["address"], "12 Main Road");
    assert_eq!(
        (row["lat"].as_str(), row["lng"].as_str()),
        ("-26.2041", "28.0473")
    );
    assert_eq!(
        row["description"],
        "Burst pipe, on \"Main\" Road\nsince Monday"
    );
    assert_eq!(row["reporter_name"], "Thandi Mokoena");
    assert_eq!(row["reporter_email"], "thandi@example.org");
    // A number typed with its `+` is kept from being run as a formula too.
    assert_eq!(row["reporter_phone"], "'+27 11 555 0100");
    // ISO 8601 with the office's offset (the test office keeps UTC).
    let received = chrono::DateTime::parse_from_rfc3339(&row["received_at"]).expect("ISO 8601");
    assert!((received.timestamp() - chrono::Utc::now().timestamp()).abs() < 600);
    assert!(row["received_at"].ends_with('Z'));
    assert!(row["acknowledge_by"] > row["received_at"]);
    assert_eq!(rows[0]["assignee"], "Olu Officer");
    // Other filters narrow it the same way; a filter that makes no sense is named.
    let by_area = format!("/api/v1/concerns.csv?view=all&area={north}&priority=high");
    let (_, _, bytes) = api_get(&h, &admin_token, &by_area).await;
    assert_eq!(references(&spreadsheet(&bytes).1), [&named.reference]);
    let (status, kind, _) = api_get(&h, &admin_token, "/api/v1/concerns.csv?status=lost").await;
    assert_eq!((status, kind.as_str()), (400, "application/problem+json"));
    let (status, _, _) = api_get(&h, "liaison_pat_nothing", "/api/v1/concerns.csv").await;
    assert_eq!(status, 401);

    // The staff queue's export: the same filters, the same rows.
    let staff_path = format!("/staff/concerns/export.csv?view=all&category={water}");
    let (status, headers, bytes) = officer.download(&staff_path).await;
    assert_eq!(status, 200);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("concerns.csv"));
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(
        references(&spreadsheet(&bytes).1),
        [&secret.reference, &named.reference]
    );
    // The queue's page links to it with its filters.
    officer
        .get(&format!("/staff/concerns?view=all&category={water}"))
        .await
        .expect(&format!(
            "href=\"/staff/concerns/export.csv?view=all&#38;category={water}\""
        ));
    // A confidential concern is not in the file of an officer who may not see it.
    let (_, _, bytes) = other.download(&staff_path).await;
    assert_eq!(references(&spreadsheet(&bytes).1), [&named.reference]);

    // Reporters: none for a viewer, none ever for an anonymous concern.
    let (_, _, bytes) = viewer.download("/staff/concerns/export.csv?view=all").await;
    let (_, rows) = spreadsheet(&bytes);
    assert_eq!(rows.len(), 2, "the viewer sees the two public concerns");
    for r in &rows {
        assert_eq!(
            (
                r["reporter_name"].as_str(),
                r["reporter_email"].as_str(),
                r["reporter_phone"].as_str()
            ),
            ("", "", "")
        );
    }
    let (_, _, bytes) = api_get(&h, &admin_token, "/api/v1/concerns.csv?view=all").await;
    let raw = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(!raw.contains("Ayanda") && !raw.contains("ayanda.hidden"));
    let (_, rows) = spreadsheet(&bytes);
    let row = rows
        .iter()
        .find(|r| r["reference"] == anonymous.reference)
        .expect("the anonymous concern");
    assert_eq!(row["reporter_name"], "");
    // A formula stays text: the cell begins with an apostrophe, in the file and as read.
    assert_eq!(
        row["description"],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(row["address"], "'+1 Mill Lane");
    // A search exports what the search finds.
    let (_, _, bytes) = api_get(&h, &admin_token, "/api/v1/concerns.csv?view=all&q=burst").await;
    assert_eq!(references(&spreadsheet(&bytes).1), [&named.reference]);
}

both!(concerns_leave_as_csv_with_the_lists_filters);

/// A demo office of more concerns than a page of the export: every one arrives, once, in
/// the order received, newest first (oldest first when asked).
async fn a_long_export_arrives_whole_and_in_order(h: Harness) {
    let size = liaison_demo::Size {
        concerns: 2_600,
        people: 10,
        organizations: Some(2),
    };
    (liaison_demo::load_sized(&h.store, size, 7, liaison_store::now()).await).expect("demo");
    let made = liaison_app::access_tokens::CreateToken {
        name: "exports".into(),
        ..Default::default()
    };
    let (_, admin) = (h.app.access_tokens())
        .create_for("admin@riverside.example", &made)
        .await
        .expect("token");
    let mut c = h.store.read().await.expect("reader");
    let stored: Vec<String> =
        liaison_store::sqlx::query_scalar("SELECT reference FROM concerns ORDER BY id")
            .fetch_all(&mut *c)
            .await
            .expect("references");
    drop(c);
    assert!(stored.len() > 2_000, "more than a page");
    let (status, _, bytes) = api_get(&h, &admin, "/api/v1/concerns.csv?view=all").await;
    assert_eq!(status, 200);
    let (_, rows) = spreadsheet(&bytes);
    let newest_first: Vec<&str> = stored.iter().rev().map(String::as_str).collect();
    assert_eq!(references(&rows), newest_first);
    let (_, _, bytes) = api_get(&h, &admin, "/api/v1/concerns.csv?view=all&sort=oldest").await;
    assert_eq!(references(&spreadsheet(&bytes).1), stored);
}

both!(a_long_export_arrives_whole_and_in_order);

/// The engagement log, engagements and commitments leave as CSV with their lists'
/// filters, each linked from its list.
async fn the_other_lists_leave_as_csv(h: Harness) {
    use liaison_app::interactions::LogInteraction;
    let (officer, b) = h.signed_in("officer", "Olu Officer").await;
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    let amina = SavePerson {
        name: "Amina Yusuf".into(),
        ..SavePerson::default()
    };
    let amina = (h.app.stakeholders().add_person(&officer, &amina).await).expect("person");
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    for (kind, summary) in [
        ("call", "-2 called about the culvert"),
        ("meeting", "Met at the school"),
    ] {
        let x = LogInteraction {
            kind: kind.into(),
            happened_on: today.as_str().into(),
            summary: summary.into(),
            people: [amina.to_string()].into_iter().collect(),
            ..LogInteraction::default()
        };
        (h.app.interactions().log(&officer, &x).await).expect("logged");
    }
    let (status, _, bytes) = b.download("/staff/interactions/export.csv?kind=call").await;
    assert_eq!(status, 200);
    let (header, rows) = spreadsheet(&bytes);
    assert_eq!(header[..3], ["id", "happened_on", "kind"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["summary"], "'-2 called about the culvert");
    assert_eq!(rows[0]["participants"], "Amina Yusuf");
    assert_eq!(rows[0]["officers"], "Olu Officer");
    b.get("/staff/interactions?kind=call")
        .await
        .expect("href=\"/staff/interactions/export.csv?kind=call\"");

    let soon = (chrono::Utc::now().date_naive() + chrono::Duration::days(3)).format("%Y-%m-%d");
    let planned = b
        .post(
            "/staff/engagements",
            &[
                ("kind", "clinic"),
                ("title", "Water meter clinic"),
                ("starts_at", &format!("{soon}T09:00")),
                ("ends_at", &format!("{soon}T11:00")),
                ("address", "Market square"),
            ],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let (_, _, bytes) = b.download("/staff/engagements/export.csv").await;
    let (_, rows) = spreadsheet(&bytes);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["title"], "Water meter clinic");
    assert_eq!(rows[0]["starts_at"], format!("{soon}T09:00:00Z"));
    assert_eq!(rows[0]["address"], "Market square");
    let (_, _, bytes) = b.download("/staff/engagements/export.csv?view=past").await;
    assert!(spreadsheet(&bytes).1.is_empty());
    b.get("/staff/engagements")
        .await
        .expect("href=\"/staff/engagements/export.csv?view=upcoming\"");

    let made = b
        .post(
            "/staff/commitments",
            &[
                ("title", "Repair the footbridge railing"),
                ("due_on", &soon.to_string()),
                ("confidentiality", "public"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let (_, _, bytes) = b.download("/staff/commitments/export.csv?view=mine").await;
    let (_, rows) = spreadsheet(&bytes);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["title"], "Repair the footbridge railing");
    assert_eq!(rows[0]["owner"], "Olu Officer");
    assert_eq!(rows[0]["standing"], "open");
    let (_, _, bytes) = b
        .download("/staff/commitments/export.csv?view=closed")
        .await;
    assert!(spreadsheet(&bytes).1.is_empty());
    b.get("/staff/commitments?view=mine")
        .await
        .expect("href=\"/staff/commitments/export.csv?view=mine\"");

    // A partner reads none of the log, and none of the others' lists.
    assert_eq!(
        partner.download("/staff/interactions/export.csv").await.0,
        403
    );
    let (_, _, bytes) = partner.download("/staff/commitments/export.csv").await;
    assert!(spreadsheet(&bytes).1.is_empty());
}

both!(the_other_lists_leave_as_csv);
