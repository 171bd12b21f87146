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
