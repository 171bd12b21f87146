//! Attachments end to end: a resident's photo on the portal, files recorded by staff and
//! added later, what staff and the public may download, and every refusal storing nothing.

use liaison_testkit as common;
use liaison_testkit::both;

use std::path::{Path, PathBuf};

use common::{Browser, Db, FilePart, Harness, Page};
use liaison_app::concerns::Assignment;
use liaison_app::Settings;
use liaison_store::users::User;

/// A small JPEG as a camera would make it, with no metadata.
const PHOTO: &[u8] = include_bytes!("fixtures/photo.jpg");
/// The same picture with an Exif block: camera make and model, and a GPS position.
const PHOTO_GPS: &[u8] = include_bytes!("fixtures/photo-gps.jpg");
/// A small PNG with no metadata.
const PNG: &[u8] = include_bytes!("fixtures/photo.png");
/// The smallest thing that is a PDF.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// [`PNG`] with an author, an Exif block and a modification time added after its header.
fn png_with_metadata() -> Vec<u8> {
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    let mut png = PNG[..33].to_vec();
    png.extend(chunk(b"tEXt", b"Author\0Jane Resident"));
    png.extend(chunk(b"eXIf", b"MM\0*GPS 51.5N"));
    png.extend(chunk(b"tIME", &[7, 234, 1, 2, 3, 4, 5]));
    png.extend_from_slice(&PNG[33..]);
    png
}

fn photo<'a>(field: &'a str, name: &'a str, bytes: &'a [u8]) -> FilePart<'a> {
    FilePart {
        field,
        name,
        content_type: "image/jpeg",
        bytes,
    }
}

/// Every file under the harness's attachments folder.
fn stored_files(h: &Harness) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&h.files, &mut out);
    out
}

async fn count(h: &Harness, table: &str) -> i64 {
    let mut c = h.store.read().await.expect("connection");
    liaison_store::sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut *c)
        .await
        .expect("count")
}

/// The id of the concern with `reference`, as staff find it.
async fn concern_id(b: &Browser, reference: &str) -> i64 {
    let r = b.get(&format!("/staff/find?reference={reference}")).await;
    r.location
        .as_deref()
        .and_then(|l| l.strip_prefix("/staff/concerns/"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no concern {reference}: {}", r.body))
}

/// The download links of a concern page's attachments, in order.
fn attachment_links(page: &Page) -> Vec<String> {
    page.body
        .split("<a href=\"/staff/concerns/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.contains("/attachments/"))
        .map(|path| format!("/staff/concerns/{path}"))
        .collect()
}

fn attachment_id(link: &str) -> i64 {
    link.rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("attachment id")
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An administrator and a category offered on the portal.
async fn office(h: &Harness) -> (User, i64) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let k = h.category(&admin, "Dust", true).await;
    (admin, k)
}

async fn a_resident_attaches_a_photo_and_staff_see_it_without_its_location(h: Harness) {
    let (_, k) = office(&h).await;
    let resident = h.browser();
    let path = format!("/report/{k}");
    resident
        .get(&path)
        .await
        .expect("enctype=\"multipart/form-data\"")
        .expect("type=\"file\"")
        .expect("Add a photo (optional)")
        .expect("We remove the location");
    let r = resident
        .post_multipart(
            &path,
            &[
                ("description", "Dust from the quarry covers our street"),
                ("anonymous", "yes"),
            ],
            &[photo("photo", "IMG_20260101_Jane_Home.jpg", PHOTO_GPS)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let reference = r.between("Your reference is ", ".").expect("reference");

    let (_, staff) = h.signed_in("supervisor", "Sam Super").await;
    let id = concern_id(&staff, &reference).await;
    let page = staff.get(&format!("/staff/concerns/{id}")).await;
    // An anonymous resident's file name could name them: it is replaced.
    page.expect("photo-1.jpg")
        .refute("Jane")
        .expect("alt=\"Photo: photo-1.jpg\"")
        .expect("JPEG photo · 741 bytes")
        .expect("File attached: photo-1.jpg");
    let links = attachment_links(&page);
    assert_eq!(links.len(), 1, "{}", page.body);
    let (status, headers, bytes) = staff.download(&links[0]).await;
    assert_eq!(status, 200);
    // The same picture, byte for byte, without the Exif block and its GPS position.
    assert_eq!(bytes, PHOTO);
    assert!(contains(PHOTO_GPS, b"Exif") && contains(PHOTO_GPS, b"PhoneMaker"));
    assert!(!contains(&bytes, b"Exif") && !contains(&bytes, b"PhoneMaker"));
    assert_eq!(header(&headers, "content-type"), "image/jpeg");
    assert!(header(&headers, "content-disposition").starts_with("inline; filename=\"photo-1.jpg\""));
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    assert!(header(&headers, "content-security-policy").contains("sandbox"));
    assert!(header(&headers, "cache-control").contains("no-store"));

    // On disk once, under its SHA-256 in two levels of folders, with nothing else left.
    let files = stored_files(&h);
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(&files[0]).expect("read"), PHOTO);
    let name = files[0].file_name().and_then(|n| n.to_str()).expect("name");
    assert_eq!(name.len(), 64);
    let folders = files[0].strip_prefix(&h.files).expect("inside the folder");
    assert_eq!(
        folders.to_str().expect("path"),
        format!("{}/{}/{name}", &name[..2], &name[2..4])
    );
    assert_eq!(count(&h, "attachments").await, 1);

    // The resident kept the concern private: nothing is public.
    let aid = attachment_id(&links[0]);
    let public = h
        .browser()
        .get(&format!("/attachments/{aid}/photo-1.jpg"))
        .await;
    assert_eq!(public.status, 404);
}

async fn public_concerns_show_their_public_photos_to_anyone(h: Harness) {
    let (admin, k) = office(&h).await;
    let resident = h.browser();
    let r = resident
        .post_multipart(
            &format!("/report/{k}"),
            &[
                ("description", "Dust on the school road"),
                ("visibility", "public"),
                ("reporter_name", "Thandi Mokoena"),
            ],
            &[FilePart {
                field: "photo",
                name: "school road.png",
                content_type: "image/png",
                bytes: &png_with_metadata(),
            }],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let reference = r.between("Your reference is ", ".").expect("reference");
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let id = concern_id(&officer, &reference).await;
    let page = officer.get(&format!("/staff/concerns/{id}")).await;
    // A resident who gave their name keeps their file's name.
    page.expect("school road.png").expect("PNG image");
    let links = attachment_links(&page);
    let photo_id = attachment_id(&links[0]);

    let anyone = h.browser();
    let (status, headers, bytes) = anyone
        .download(&format!("/attachments/{photo_id}/school%20road.png"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PNG);
    assert_eq!(header(&headers, "content-type"), "image/png");
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    assert!(header(&headers, "cache-control").starts_with("public"));
    assert!(header(&headers, "content-security-policy").starts_with("default-src 'none'"));

    // What Open311 will link to as the concern's media.
    let first = h
        .app
        .concerns()
        .first_public_attachments(&[id, id + 1000])
        .await
        .expect("first public");
    assert_eq!(first.len(), 1);
    assert_eq!(
        liaison_web::attachments::public_path(&first[&id]),
        format!("/attachments/{photo_id}/school%20road.png")
    );

    // Staff files stay internal unless marked public.
    for (public, name) in [(false, "internal.pdf"), (true, "notice.pdf")] {
        let mut fields = vec![];
        if public {
            fields.push(("public", "yes"));
        }
        let done = officer
            .post_multipart(
                &format!("/staff/concerns/{id}/attachments"),
                &fields,
                &[FilePart {
                    field: "attachment",
                    name,
                    content_type: "application/pdf",
                    bytes: PDF,
                }],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
    }
    let page = officer.get(&format!("/staff/concerns/{id}")).await;
    let links = attachment_links(&page);
    assert_eq!(links.len(), 3);
    let internal = attachment_id(&links[1]);
    let notice = attachment_id(&links[2]);
    let hidden = anyone
        .get(&format!("/attachments/{internal}/internal.pdf"))
        .await;
    assert_eq!(hidden.status, 404);
    let (status, headers, bytes) = anyone
        .download(&format!("/attachments/{notice}/notice.pdf"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert!(
        header(&headers, "content-disposition").starts_with("attachment; filename=\"notice.pdf\"")
    );
    // The first public one is still the photo.
    let first = h
        .app
        .concerns()
        .first_public_attachments(&[id])
        .await
        .expect("first");
    assert_eq!(first[&id].id, photo_id);

    // A public concern in a category not offered on the portal is not public.
    let staff_only = h.category(&admin, "Internal", false).await;
    let recorded = officer
        .post_multipart(
            "/staff/concerns/new",
            &[
                ("category", &staff_only.to_string()),
                ("description", "Seen on patrol"),
                ("channel", "field"),
                ("priority", "normal"),
                ("confidentiality", "public"),
                ("anonymous", "yes"),
            ],
            &[photo("attachment", "patrol.jpg", PHOTO)],
        )
        .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    let other = recorded
        .between("<a class=\"button\" href=\"/staff/concerns/", "\"")
        .and_then(|s| s.parse::<i64>().ok())
        .expect("recorded concern");
    let page = officer.get(&format!("/staff/concerns/{other}")).await;
    let patrol = attachment_id(&attachment_links(&page)[0]);
    assert_eq!(
        anyone
            .get(&format!("/attachments/{patrol}/x.jpg"))
            .await
            .status,
        404
    );
    assert!(h
        .app
        .concerns()
        .first_public_attachments(&[other])
        .await
        .expect("none")
        .is_empty());
}

async fn confidential_files_are_not_found_by_those_who_may_not_see_them(h: Harness) {
    let (_, k) = office(&h).await;
    let (supervisor, sup) = h.signed_in("supervisor", "Sam Super").await;
    sup.get("/staff/concerns/new").await;
    let recorded = sup
        .post_multipart(
            "/staff/concerns/new",
            &[
                ("category", &k.to_string()),
                ("description", "A complaint about an officer's conduct"),
                ("channel", "walk_in"),
                ("priority", "high"),
                ("confidentiality", "confidential"),
                ("reporter_name", "Pat Witness"),
                ("reporter_language", "en"),
            ],
            &[FilePart {
                field: "attachment",
                name: "statement.pdf",
                content_type: "application/pdf",
                bytes: PDF,
            }],
        )
        .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    let id = recorded
        .between("<a class=\"button\" href=\"/staff/concerns/", "\"")
        .and_then(|s| s.parse::<i64>().ok())
        .expect("recorded concern");
    let page = sup.get(&format!("/staff/concerns/{id}")).await;
    page.expect("statement.pdf").expect("PDF document");
    let link = attachment_links(&page)[0].clone();
    let (status, headers, bytes) = sup.download(&link).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(header(&headers, "content-type"), "application/pdf");
    assert!(header(&headers, "content-disposition").starts_with("attachment;"));

    // An attachment of a concern one may see, asked for under this concern's address.
    let (other_id, _, _) = h.concern(&supervisor, k, "Noise at night", "public").await;
    let (partner, partner_browser) = h.signed_in("partner", "Pia Partner").await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let aid = attachment_id(&link);
    let missing = format!("/staff/concerns/{id}/attachments/{}", aid + 1000);
    for b in [&partner_browser, &officer] {
        let hidden = b.get(&link).await;
        let absent = b.get(&missing).await;
        assert_eq!(hidden.status, 404);
        assert_eq!(absent.status, 404);
        hidden.expect("There is nothing at this address");
        assert_eq!(hidden.body, absent.body);
        assert_eq!(b.get(&format!("/staff/concerns/{id}")).await.status, 404);
    }
    assert_eq!(
        h.browser()
            .get(&format!("/attachments/{aid}/statement.pdf"))
            .await
            .status,
        404
    );
    let wrong_concern = format!("/staff/concerns/{other_id}/attachments/{aid}");
    assert_eq!(sup.get(&wrong_concern).await.status, 404);

    // Assigned, the partner sees the concern and its file.
    let assignee = partner.id.to_string();
    h.app
        .concerns()
        .assign(
            &supervisor,
            id,
            &Assignment {
                assignee: assignee.into(),
            },
        )
        .await
        .expect("assign");
    let (status, _, bytes) = partner_browser.download(&link).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
}

async fn staff_attach_files_to_a_concern_and_the_change_is_audited(h: Harness) {
    let (admin, k) = office(&h).await;
    let (id, _, _) = h
        .concern(&admin, k, "Cracks in the wall", "restricted")
        .await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let path = format!("/staff/concerns/{id}");
    officer
        .get(&path)
        .await
        .expect("Attachments")
        .expect("No photos or documents yet.")
        .expect("enctype=\"multipart/form-data\"");
    let done = officer
        .post_multipart(
            &format!("{path}/attachments"),
            &[],
            &[FilePart {
                field: "attachment",
                name: "../../crack <1>.PNG",
                content_type: "image/png",
                bytes: &png_with_metadata(),
            }],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(&*format!("{path}?done=attached"))
    );
    let page = officer.get(&format!("{path}?done=attached")).await;
    page.expect("The files were attached.")
        .expect("crack _1_.PNG")
        .expect("File attached: crack _1_.PNG")
        .expect("Olu Officer");
    let (status, _, bytes) = officer.download(&attachment_links(&page)[0]).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PNG);
    let mut c = h.store.read().await.expect("connection");
    let trail = liaison_store::audit::list(&mut c, Some(("concern", id)), None, 10)
        .await
        .expect("audit");
    drop(c);
    let attach = trail
        .iter()
        .find(|e| e.action == "concern.attach")
        .expect("audited");
    assert_eq!(attach.actor_label, "olu.officer@office.example");
    assert_eq!(attach.changes["type"], "image/png");
    assert_eq!(attach.changes["size"], PNG.len());

    // Refused: no token, a viewer, no file. Nothing more is stored.
    let before = (count(&h, "attachments").await, stored_files(&h).len());
    let (content_type, body) = common::multipart(&[], &[photo("attachment", "a.jpg", PHOTO)]);
    let expired = officer
        .post_bytes(&format!("{path}/attachments"), &content_type, body)
        .await;
    assert_eq!(expired.status, 403);
    expired.expect("This form has expired");
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    viewer.get(&path).await.refute("action=\"/staff/concerns/");
    let forbidden = viewer
        .post_multipart(
            &format!("{path}/attachments"),
            &[],
            &[photo("attachment", "a.jpg", PHOTO)],
        )
        .await;
    assert_eq!(forbidden.status, 403);
    let empty = officer
        .post_multipart(
            &format!("{path}/attachments"),
            &[],
            &[FilePart {
                field: "attachment",
                name: "",
                content_type: "application/octet-stream",
                bytes: b"",
            }],
        )
        .await;
    assert_eq!(empty.status, 422);
    empty.expect("Choose a file to attach.");
    assert_eq!(
        (count(&h, "attachments").await, stored_files(&h).len()),
        before
    );
}

/// Every way a submission's files can be wrong: a clear answer each time, and nothing
/// stored — no concern, no attachment row, no file.
async fn bad_files_are_refused_and_nothing_is_stored(db: Db) {
    let settings = Settings {
        attachment_max_bytes: 4096,
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (_, k) = office(&h).await;
    let path = format!("/report/{k}");
    let resident = h.browser();
    let fields = [("description", "Dust again"), ("anonymous", "yes")];
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let mut large = PHOTO.to_vec();
    large.resize(5000, 0);
    let cases: Vec<(Vec<FilePart>, &str)> = vec![
        (
            vec![FilePart {
                field: "photo",
                name: "notes.txt",
                content_type: "text/plain",
                bytes: b"just text",
            }],
            "Attach a photo: JPEG, PNG, WebP or GIF.",
        ),
        (
            vec![FilePart {
                field: "photo",
                name: "report.pdf",
                content_type: "application/pdf",
                bytes: PDF,
            }],
            "Attach a photo: JPEG, PNG, WebP or GIF.",
        ),
        (
            vec![FilePart {
                field: "photo",
                name: "innocent.png",
                content_type: "image/png",
                bytes: &html,
            }],
            "Attach a photo: JPEG, PNG, WebP or GIF.",
        ),
        (
            vec![photo("photo", "really-a-png.jpg", PNG)],
            "This file&#39;s content does not match its type.",
        ),
        (
            vec![photo("photo", "big.jpg", &large)],
            "This file is too large.",
        ),
        (
            vec![photo("photo", "cut.jpg", &PHOTO[..300])],
            "This file is damaged and cannot be read.",
        ),
        (
            vec![
                photo("photo", "1.jpg", PHOTO),
                photo("photo", "2.jpg", PHOTO),
                photo("photo", "3.jpg", PHOTO),
                photo("photo", "4.jpg", PHOTO),
            ],
            "Attach at most 3 files at a time.",
        ),
        (
            vec![FilePart {
                field: "photo",
                name: "empty.jpg",
                content_type: "image/jpeg",
                bytes: b"",
            }],
            "This file is empty.",
        ),
    ];
    for (files, message) in &cases {
        let r = resident.post_multipart(&path, &fields, files).await;
        assert_eq!(r.status, 422, "{message}: {}", r.body);
        r.expect(message)
            .expect("Dust again")
            .expect("please choose them again");
    }
    // A good photo with a field missing: nothing is kept until the form is right.
    let r = resident
        .post_multipart(
            &path,
            &[("anonymous", "yes")],
            &[photo("photo", "good.jpg", PHOTO)],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("This is required.");

    // Bodies past the route's limit are refused before anything reads them.
    let huge = vec![0xFF; 100 * 1024];
    let r = resident
        .post_multipart(&path, &fields, &[photo("photo", "huge.jpg", &huge)])
        .await;
    assert_eq!(r.status, 413, "{}", r.body);
    r.expect("Too large");
    // And bodies that are not forms at all, whole or cut short.
    let (content_type, whole) = common::multipart(&fields, &[photo("photo", "a.jpg", PHOTO)]);
    for (content_type, body) in [
        (content_type.as_str(), whole[..whole.len() / 2].to_vec()),
        (
            "multipart/form-data; boundary=xyz",
            b"this is not multipart".to_vec(),
        ),
        ("multipart/form-data", whole.clone()),
        ("multipart/form-data; boundary=\"", b"--\"\r\n".to_vec()),
    ] {
        let r = resident.post_bytes(&path, content_type, body).await;
        assert_eq!(r.status, 400, "{content_type}: {}", r.body);
        r.expect("The form could not be read");
    }
    // A URL-encoded body keeps the ordinary limit on an upload route.
    let long = "x".repeat(70 * 1024);
    let r = resident
        .post_bytes(
            &path,
            "application/x-www-form-urlencoded",
            common::serialize(&[("description", &long)]).into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413);
    // Other routes keep it too.
    let r = resident
        .post_bytes("/track", "application/x-www-form-urlencoded", huge.clone())
        .await;
    assert_eq!(r.status, 413);

    assert_eq!(count(&h, "concerns").await, 0);
    assert_eq!(count(&h, "attachments").await, 0);
    assert!(stored_files(&h).is_empty(), "{:?}", stored_files(&h));
}

both!(
    a_resident_attaches_a_photo_and_staff_see_it_without_its_location,
    public_concerns_show_their_public_photos_to_anyone,
    confidential_files_are_not_found_by_those_who_may_not_see_them,
    staff_attach_files_to_a_concern_and_the_change_is_audited,
);

mod bad_files {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::bad_files_are_refused_and_nothing_is_stored(super::Db::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::bad_files_are_refused_and_nothing_is_stored(super::Db::Postgres).await;
    }
}
