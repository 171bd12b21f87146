//! Importing contacts over HTTP, as an officer does with their old spreadsheet and their
//! phone: the file read and previewed (how it was read, the columns, each row's verdict
//! with its line), a column remapped, nothing written until confirmed, the import's
//! progress and outcome, the people and their organizations in the register, and a second
//! import of the same file finding every row a likely duplicate.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{FilePart, Harness, Page};

const GOOGLE: &[u8] = include_bytes!("../../domain/tests/fixtures/csv/google-contacts.csv");
const IPHONE: &[u8] = include_bytes!("../../domain/tests/fixtures/vcard/iphone-ios17.vcf");

async fn upload(b: &common::Browser, name: &str, bytes: &[u8]) -> Page {
    b.post_multipart(
        "/staff/people/import",
        &[],
        &[FilePart {
            field: "file",
            name,
            content_type: "text/csv",
            bytes,
        }],
    )
    .await
}

/// Waits (by asking again, never by sleeping a set time) until the import is over.
async fn finished(b: &common::Browser, path: &str) -> Page {
    for _ in 0..100_000 {
        let page = b.get(path).await;
        if !page.body.contains("http-equiv=\"refresh\"") {
            return page;
        }
        tokio::task::yield_now().await;
    }
    panic!("the import never finished");
}

async fn an_officer_imports_a_spreadsheet_and_a_phone(h: Harness) {
    let (_, b) = h.signed_in("officer", "Olu Officer").await;
    let form = b.get("/staff/people/import").await;
    assert_eq!(form.status, 200);
    form.expect("enctype=\"multipart/form-data\"");

    // A spreadsheet sent as it is saved, not as CSV: refused on the form, nothing kept.
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
    let bad = upload(&b, "contacts.xlsx", xlsx).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("This is not a CSV file");

    let sent = upload(&b, "google-contacts.csv", GOOGLE).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let path = sent.location.clone().expect("the import's page");
    let preview = b.get(&path).await;
    assert_eq!(preview.status, 200);
    preview
        .expect("Read as UTF-8")
        .expect("Caasha Maxamed Cali")
        .expect("Riverside Somali Community Association")
        .expect("ready to add");
    // Nothing is in the register before the import is confirmed.
    b.get("/staff/people?q=Caasha")
        .await
        .expect("No one you may see matches");

    // A column read another way: the notes left out.
    let columns: Vec<String> = {
        let body = &preview.body;
        let mut out = Vec::new();
        let mut rest = body.as_str();
        while let Some(at) = rest.find("<select id=\"column-") {
            rest = &rest[at..];
            let end = rest.find("</select>").expect("a select");
            let select = &rest[..end];
            let chosen = select
                .split("<option ")
                .find(|o| o.contains(" selected"))
                .and_then(|o| o.split('"').nth(1))
                .unwrap_or("ignore")
                .to_string();
            out.push(chosen);
            rest = &rest[end..];
        }
        out
    };
    assert!(columns.contains(&"notes".to_string()), "{columns:?}");
    let remapped: Vec<(&str, &str)> = columns
        .iter()
        .map(|c| ("columns", if c == "notes" { "ignore" } else { c.as_str() }))
        .collect();
    let mapped = b.post(&format!("{path}/mapping"), &remapped).await;
    assert_eq!(mapped.status, 303, "{}", mapped.body);
    let wrong = b
        .post(&format!("{path}/mapping"), &[("columns", "shoe size")])
        .await;
    assert_eq!(wrong.status, 422);

    let started = b.post(&format!("{path}/start"), &[]).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let again = b.post(&format!("{path}/start"), &[]).await;
    assert_eq!(again.status, 422, "an import starts once");
    let done = finished(&b, &path).await;
    done.expect("Imported").expect("<progress");

    // The people are in the register, with their organization and position.
    let found = b.get("/staff/people?q=Caasha").await;
    found.expect("Caasha Maxamed Cali");
    let id = {
        let before = &found.body[..found.body.find(">Caasha Maxamed Cali<").expect("her link")];
        let at = before.rfind("href=\"/staff/people/").expect("a link") + 20;
        before[at..].split('"').next().expect("an id").to_string()
    };
    let person = b.get(&format!("/staff/people/{id}")).await;
    person
        .expect("caasha@riverside-somali.example.org")
        .expect("Riverside Somali Community Association")
        .expect("Chair");
    assert!(
        !person.body.contains("Prefers calls"),
        "notes were left out"
    );

    // The same file again: every row is likely someone already there.
    let second = upload(&b, "google-contacts.csv", GOOGLE).await;
    let preview = b.get(&second.location.clone().expect("page")).await;
    preview.expect("0</strong> ready to add");

    // A phone's vCard export.
    let phone = upload(&b, "contacts.vcf", IPHONE).await;
    assert_eq!(phone.status, 303, "{}", phone.body);
    let vpath = phone.location.clone().expect("page");
    b.get(&vpath).await.expect("ready to add");
    assert_eq!(b.post(&format!("{vpath}/start"), &[]).await.status, 303);
    finished(&b, &vpath).await.expect("Imported");

    // Thousands of rows go on in the background; the page shows how far they have got.
    let mut big = String::from("Full name;Mobile;E-mail\r\n");
    for i in 0..2_500 {
        big.push_str(&format!(
            "Bulk Person {i};+1 555 31{i:05};bulk{i}@example.org\r\n"
        ));
    }
    let sent = upload(&b, "big.csv", big.as_bytes()).await;
    let bpath = sent.location.clone().expect("page");
    b.get(&bpath)
        .await
        .expect("2500 rows")
        .expect("Read as UTF-8 · “;”");
    assert_eq!(b.post(&format!("{bpath}/start"), &[]).await.status, 303);
    let done = finished(&b, &bpath).await;
    done.expect("2500 / 2500")
        .expect("<strong>2500</strong> added");

    // A viewer may not import; another officer does not see this one's import.
    let (_, viewer) = h.signed_in("viewer", "Vera Viewer").await;
    assert_eq!(viewer.get("/staff/people/import").await.status, 403);
    let (_, other) = h.signed_in("officer", "Otto Other").await;
    assert_eq!(other.get(&path).await.status, 404);
}

both!(an_officer_imports_a_spreadsheet_and_a_phone);
