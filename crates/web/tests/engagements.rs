//! Engagements end to end, as the "done when" walks them: an officer plans a town
//! hall with interpretation and publishes it; residents find it on the portal, register
//! (the last ones on the waitlist), add it to their calendars and give a place up by its
//! link (the waitlist moves up); at the door the officer checks people in and adds a
//! walk-in; minutes, a commitment and a concern raised there are recorded; the portal shows
//! the commitment on the meeting's page and on "you said, we did" until it is kept. On
//! SQLite and PostgreSQL, over HTTP.

use liaison_testkit::{both, Browser, Db, FilePart, Harness, MailServer, Page};

fn local(offset_days: i64, hour: u32) -> String {
    // The test office keeps UTC; the town hall is held in Johannesburg's zone (UTC+2).
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(offset_days);
    format!("{}T{hour:02}:00", day.format("%Y-%m-%d"))
}

/// The registration form's token on a portal page.
fn token(page: &Page) -> String {
    page.between("name=\"token\" value=\"", "\"")
        .unwrap_or_else(|| panic!("the form's token in {} {}", page.status, page.body))
}

async fn register(resident: &Browser, page: &str, name: &str) -> Page {
    let form = resident.get(page).await;
    let t = token(&form);
    resident
        .post(
            &format!("{page}/register"),
            &[
                ("token", &t),
                ("name", name),
                ("language", "so"),
                ("needs", "Somali interpreter"),
            ],
        )
        .await
}

async fn a_town_hall_from_plan_to_kept_promise(h: Harness) {
    let (admin, admin_b) = h.signed_in("administrator", "Ada Admin").await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    let added = admin_b
        .post("/staff/admin/areas", &[("name", "Riverside")])
        .await;
    assert_eq!(added.status, 303, "{}", added.body);

    // Bad plans: each field says what is wrong; nothing is planned.
    let bad = officer
        .post(
            "/staff/engagements",
            &[
                ("kind", "town_hall"),
                ("title", "Town hall on blasting hours"),
                ("starts_at", &local(10, 18)),
                ("ends_at", &local(10, 17)),
                ("capacity", "0"),
                ("online_link", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("aria-invalid=\"true\"")
        .expect("The end must come after the start.");
    officer
        .get("/staff/engagements")
        .await
        .refute("Town hall on blasting hours");
    let refused = viewer
        .post(
            "/staff/engagements",
            &[("kind", "forum"), ("title", "Not mine to plan")],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // Planned with interpretation, two places, in Johannesburg's zone.
    let planned = officer
        .post(
            "/staff/engagements",
            &[
                ("kind", "town_hall"),
                ("title", "Town hall on blasting hours"),
                (
                    "purpose",
                    "The quarry's blasting hours, dust and traffic; questions from the floor.",
                ),
                ("starts_at", &local(10, 18)),
                ("ends_at", &local(10, 20)),
                ("time_zone", "Africa/Johannesburg"),
                ("address", "Riverside Hall, 12 Mill Road"),
                ("capacity", "2"),
                ("step_free", "yes"),
                ("hearing_loop", "yes"),
                ("languages", "en"),
                ("interpretation", "so, sfs"),
                ("topics", "Blasting\nDust"),
            ],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let staff_page = planned.location.clone().expect("its page");
    let id: i64 = staff_page.rsplit('/').next().unwrap().parse().unwrap();
    officer
        .get(&staff_page)
        .await
        .expect("Town hall on blasting hours")
        .expect("Being planned")
        .expect("so, sfs")
        .expect("Africa/Johannesburg");

    // Not on the portal until published.
    let resident = h.browser();
    let portal_page = format!("/engagements/{id}");
    assert_eq!(resident.get(&portal_page).await.status, 404);
    let published = officer
        .post(&format!("{staff_page}/step"), &[("status", "published")])
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    resident
        .get("/engagements")
        .await
        .expect("Town hall on blasting hours")
        .expect("Riverside Hall, 12 Mill Road");
    resident
        .get(&portal_page)
        .await
        .expect("Step-free access")
        .expect("Hearing loop");

    // The calendar file: one event in its zone, with the zone's definition.
    let (status, headers, ics) = resident.download(&format!("{portal_page}.ics")).await;
    assert_eq!(status, 200);
    assert!(headers[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = String::from_utf8(ics).expect("UTF-8");
    assert!(
        ics.contains("BEGIN:VTIMEZONE\r\nTZID:Africa/Johannesburg"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;TZID=Africa/Johannesburg:"), "{ics}");
    assert!(ics.contains("SUMMARY:Town hall on blasting hours"), "{ics}");
    let (_, _, feed) = resident.download("/engagements.ics").await;
    assert!(String::from_utf8(feed)
        .unwrap()
        .contains(&format!("UID:engagement-{id}@")));

    // Two places, then the waitlist; a form sent twice takes one place.
    let first = resident.get(&portal_page).await;
    let t = token(&first);
    let fields = [
        ("token", t.as_str()),
        ("name", "Amina Yusuf"),
        ("first_time", "yes"),
    ];
    let amina = resident
        .post(&format!("{portal_page}/register"), &fields)
        .await;
    assert_eq!(amina.status, 200, "{}", amina.body);
    amina.expect("You are registered");
    let again = resident
        .post(&format!("{portal_page}/register"), &fields)
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let amina_link = amina
        .between("<a href=\"/registrations/", "\"")
        .expect("link");
    assert_eq!(
        again.between("<a href=\"/registrations/", "\"").as_deref(),
        Some(amina_link.as_str())
    );
    register(&resident, &portal_page, "Bashir Ali")
        .await
        .expect("You are registered");
    let waiting = register(&resident, &portal_page, "Chloé Martin").await;
    waiting.expect("You are on the waitlist");

    // Capacity may not fall below the places given.
    let lower = officer
        .post(
            &format!("{staff_page}/plan"),
            &[
                ("kind", "town_hall"),
                ("title", "Town hall on blasting hours"),
                ("starts_at", &local(10, 18)),
                ("ends_at", &local(10, 20)),
                ("time_zone", "Africa/Johannesburg"),
                ("address", "Riverside Hall, 12 Mill Road"),
                ("capacity", "1"),
            ],
        )
        .await;
    assert_eq!(lower.status, 422, "{}", lower.body);

    // Amina gives her place up by her link: Chloé moves up.
    let link = format!("/registrations/{amina_link}");
    resident.get(&link).await.expect("Give up my place");
    let given = resident.post(&link, &[]).await;
    assert_eq!(given.status, 200, "{}", given.body);
    given.expect("Your place is given up");
    let door = format!("{staff_page}/door");
    let at_door = officer.get(&door).await;
    at_door.expect("Chloé Martin").expect("Bashir Ali");
    assert!(
        !at_door.body.contains("On the waitlist"),
        "{}",
        at_door.body
    );

    // At the door: Bashir checked in once; a walk-in added in one step.
    let bashir = officer.get(&format!("{door}?q=bash")).await;
    bashir.refute("Chloé Martin");
    let reg = bashir
        .between("name=\"registration\" value=\"", "\"")
        .expect("Bashir's check-in button");
    let checked = officer.post(&door, &[("registration", &reg)]).await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    officer
        .get(checked.location.as_deref().unwrap())
        .await
        .expect("Bashir Ali is checked in.");
    let twice = officer.post(&door, &[("registration", &reg)]).await;
    assert_eq!(twice.status, 422, "{}", twice.body);
    let walk_in = officer
        .post(&door, &[("name", "Dumi Nkosi"), ("first_time", "yes")])
        .await;
    assert_eq!(walk_in.status, 303, "{}", walk_in.body);
    officer
        .get(&staff_page)
        .await
        .expect("Attended: 2")
        .expect("Area not given");

    // Minutes, an agenda item's decision, a public commitment and a concern raised there.
    let item = officer
        .post(
            &format!("{staff_page}/item"),
            &[
                ("title", "Blasting hours"),
                ("minutes", "Residents asked for no blasting before 9."),
                ("decision", "No blasting before 9 from next month."),
            ],
        )
        .await;
    assert_eq!(item.status, 303, "{}", item.body);
    let promise = officer
        .post(
            &format!("{staff_page}/commitment"),
            &[
                ("title", "Publish the blasting schedule every Monday"),
                ("due_on", &local(30, 0)[..10]),
                ("confidentiality", "public"),
                ("public", "yes"),
            ],
        )
        .await;
    assert_eq!(promise.status, 303, "{}", promise.body);
    let category = h.category(&admin, "Dust", true).await;
    let (concern, reference, _) = h
        .concern(&admin, category, "Dust on the school road", "public")
        .await;
    let linked = officer
        .post(&format!("{staff_page}/concern"), &[("concern", &reference)])
        .await;
    assert_eq!(linked.status, 303, "{}", linked.body);
    let page = officer.get(&staff_page).await;
    page.expect("No blasting before 9 from next month.")
        .expect("Publish the blasting schedule every Monday")
        .expect(&reference);
    // The concern's own page says where it was raised, with a link to the engagement.
    officer
        .get(&format!("/staff/concerns/{concern}"))
        .await
        .expect(&format!(
            "<a href=\"/staff/engagements/{id}\">Raised at Town hall on blasting hours</a>"
        ))
        .expect("Dust on the school road");

    // The portal shows the meeting's commitment there and on "you said, we did".
    resident
        .get(&portal_page)
        .await
        .expect("No blasting before 9 from next month.")
        .expect("Publish the blasting schedule every Monday");
    resident
        .get("/you-said-we-did")
        .await
        .expect("Publish the blasting schedule every Monday");

    // Called off: the portal says so; no registration is taken any more.
    let no_reason = officer
        .post(&format!("{staff_page}/step"), &[("status", "cancelled")])
        .await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    let off = officer
        .post(
            &format!("{staff_page}/step"),
            &[("status", "cancelled"), ("reason", "The hall flooded.")],
        )
        .await;
    assert_eq!(off.status, 303, "{}", off.body);
    resident.get(&portal_page).await.expect("The hall flooded.");
    let page = resident.get(&portal_page).await;
    page.refute("name=\"token\"");
    let late = resident
        .post(&format!("{portal_page}/register"), &[("name", "Eve")])
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    let (_, _, ics) = resident.download(&format!("{portal_page}.ics")).await;
    assert!(String::from_utf8(ics).unwrap().contains("STATUS:CANCELLED"));
}

both!(a_town_hall_from_plan_to_kept_promise);

/// A person of the register, added with their consent (`None`: none recorded).
async fn person(
    h: &Harness,
    admin: &liaison_app::accounts::User,
    (name, email, language): (&str, &str, &str),
    consent: Option<(&[&str], bool)>,
) -> i64 {
    use liaison_app::stakeholders::{RecordConsent, SavePerson};
    let register = h.app.stakeholders();
    let person = SavePerson {
        name: name.into(),
        emails: [email].into_iter().filter(|e| !e.is_empty()).collect(),
        language: language.into(),
        confidentiality: "restricted".into(),
        ..Default::default()
    };
    let id = register.add_person(admin, &person).await.expect("person");
    if let Some((purposes, do_not_contact)) = consent {
        let consent = RecordConsent {
            channels: ["email"].into_iter().collect(),
            purposes: purposes.iter().copied().collect(),
            given_on: chrono::Utc::now().format("%Y-%m-%d").to_string().into(),
            method: "written".into(),
            do_not_contact: do_not_contact.into(),
            ..Default::default()
        };
        register
            .record_consent(admin, id, &consent)
            .await
            .expect("consent");
    }
    id
}

async fn invitations_go_only_to_those_who_agreed(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let amina = person(
        &h,
        &admin,
        ("Amina Yusuf", "amina@example.org", "es"),
        Some((&["invitations"], false)),
    )
    .await;
    let bashir = person(&h, &admin, ("Bashir Ali", "bashir@example.org", ""), None).await;
    let chloe = person(
        &h,
        &admin,
        ("Chloé Martin", "chloe@example.org", "fr"),
        Some((&[], true)),
    )
    .await;
    let updates_only = person(
        &h,
        &admin,
        ("Dumi Nkosi", "dumi@example.org", ""),
        Some((&["updates"], false)),
    )
    .await;
    let planned = officer
        .post(
            "/staff/engagements",
            &[
                ("kind", "workshop"),
                ("title", "Workshop on the new bus routes"),
                ("starts_at", &local(5, 10)),
                ("ends_at", &local(5, 12)),
                ("address", "Library, 3 Station Street"),
                ("capacity", "10"),
            ],
        )
        .await;
    let page = planned.location.clone().expect("its page");
    let names = format!("#{amina}\n#{bashir}\n#{chloe}\n#{updates_only}");
    // Not before it is published: the letter points to its page on the portal.
    let early = officer
        .post(&format!("{page}/invite"), &[("people", &names)])
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    officer
        .post(&format!("{page}/step"), &[("status", "published")])
        .await;
    let sent = officer
        .post(&format!("{page}/invite"), &[("people", &names)])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);

    // One letter, in Amina's language; the others skipped with the reason.
    let letter = smtp.next().await;
    assert_eq!(letter.header("to").as_deref(), Some("amina@example.org"));
    assert!(
        letter
            .subject()
            .contains("Está invitado: Workshop on the new bus routes"),
        "{}",
        letter.subject()
    );
    officer
        .get(&page)
        .await
        .expect("Not invited: no consent to invitations by email")
        .expect("Not invited: asked not to be contacted")
        .expect("Invited, no answer yet");
    // Asked again: nobody is written to twice.
    let again = officer
        .post(&format!("{page}/invite"), &[("people", &names)])
        .await;
    assert_eq!(again.status, 303, "{}", again.body);

    // Amina answers yes from her letter: a place in her name, and a letter saying so.
    let text = letter.text();
    let start = text.find("/invitations/").expect("the answer link");
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let resident = h.browser();
    resident.get(&link).await.expect("I will come");
    let yes = resident.post(&link, &[("response", "yes")]).await;
    assert_eq!(yes.status, 200, "{}", yes.body);
    yes.expect("You are registered");
    let placed = smtp.next().await;
    assert!(
        placed.subject().contains("Su plaza"),
        "{}",
        placed.subject()
    );
    assert!(smtp.waiting().await.is_empty(), "nobody written to twice");
    officer.get(&page).await.expect("Coming");

    // At the door she is checked in: the meeting is on her timeline, and she counts as
    // contacted today.
    let door = officer.get(&format!("{page}/door?q=amina")).await;
    let reg = door
        .between("name=\"registration\" value=\"", "\"")
        .expect("her check-in button");
    let checked = officer
        .post(&format!("{page}/door"), &[("registration", &reg)])
        .await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    officer
        .get(&format!("/staff/people/{amina}"))
        .await
        .expect("Came to E-");
    let mut c = h.store.read().await.expect("reader");
    let last: String =
        liaison_store::sqlx::query_scalar("SELECT last_contacted_on FROM people WHERE id = $1")
            .bind(amina)
            .fetch_one(&mut *c)
            .await
            .expect("read");
    assert_eq!(last, chrono::Utc::now().format("%Y-%m-%d").to_string());
    drop(c);

    // Called off: those registered are told.
    officer
        .post(
            &format!("{page}/step"),
            &[
                ("status", "cancelled"),
                ("reason", "The library is closed."),
            ],
        )
        .await;
    let told = smtp.next().await;
    assert_eq!(told.header("to").as_deref(), Some("amina@example.org"));
    assert!(told.text().contains("The library is closed."));
}

both!(invitations_go_only_to_those_who_agreed);

async fn a_weekly_clinic_is_a_series_changed_one_at_a_time(h: Harness) {
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let clinic = [
        ("kind", "clinic"),
        ("title", "Drop-in clinic"),
        ("address", "Market square"),
        ("time_zone", "Europe/London"),
    ];
    let mut fields: Vec<(&str, String)> = clinic.iter().map(|(k, v)| (*k, v.to_string())).collect();
    fields.push(("starts_at", local(2, 14)));
    fields.push(("ends_at", local(2, 16)));
    let pairs = |extra: &[(&'static str, &'static str)]| {
        let mut all: Vec<(&str, String)> = fields.clone();
        all.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        all
    };
    let post = async |all: Vec<(&str, String)>| {
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        officer.post("/staff/engagements", &refs).await
    };
    let bad = post(pairs(&[("repeat", "weekly"), ("occurrences", "60")])).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("A series has 2 to 52 occurrences.");
    let made = post(pairs(&[("repeat", "weekly"), ("occurrences", "4")])).await;
    assert_eq!(made.status, 303, "{}", made.body);
    let first = made.location.clone().expect("the first");
    let page = officer.get(&first).await;
    page.expect("The series");
    let list = officer.get("/staff/engagements").await;
    assert_eq!(
        list.body.matches("Drop-in clinic").count(),
        4,
        "{}",
        list.body
    );

    // The second is moved to the library; the others stay at the market.
    let second = page
        .between("<li><a href=\"/staff/engagements/", "\"")
        .expect("the next occurrence");
    let path = format!("/staff/engagements/{second}");
    let plan = officer.get(&format!("{path}/plan")).await;
    let starts = plan
        .between("name=\"starts_at\" type=\"datetime-local\" value=\"", "\"")
        .expect("its start");
    let ends = plan
        .between("name=\"ends_at\" type=\"datetime-local\" value=\"", "\"")
        .expect("its end");
    let moved = officer
        .post(
            &format!("{path}/plan"),
            &[
                ("kind", "clinic"),
                ("title", "Drop-in clinic"),
                ("address", "Public library"),
                ("time_zone", "Europe/London"),
                ("starts_at", &starts),
                ("ends_at", &ends),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    officer.get(&path).await.expect("Public library");
    officer
        .get(&first)
        .await
        .expect("Market square")
        .refute("Public library");
}

both!(a_weekly_clinic_is_a_series_changed_one_at_a_time);

/// An officer's plan form for a published clinic in the feed, named `title`.
fn clinic(title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "clinic".into()),
        ("title", title.into()),
        ("starts_at", local(3, 9)),
        ("ends_at", local(3, 11)),
        ("address", "Market square".into()),
    ]
}

async fn plan(officer: &Browser, path: &str, fields: &[(&'static str, String)]) -> Page {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    officer.post(path, &refs).await
}

/// The feed as the portal serves it.
async fn feed(resident: &Browser) -> String {
    let (status, _, body) = resident.download("/engagements.ics").await;
    assert_eq!(status, 200);
    String::from_utf8(body).expect("UTF-8")
}

/// The calendar feed is kept written between requests, yet every change of a published
/// engagement is in the very next one: a plan changed (twice in the same second too),
/// another published, one called off; and on another node over the same database, which
/// kept its own copy.
async fn the_calendar_feed_is_never_stale(h: Harness) {
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let resident = h.browser();
    let planned = plan(
        &officer,
        "/staff/engagements",
        &clinic("Water meter clinic"),
    )
    .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let page = planned.location.clone().expect("its page");
    officer
        .post(&format!("{page}/step"), &[("status", "published")])
        .await;
    let first = feed(&resident).await;
    assert!(first.contains("SUMMARY:Water meter clinic\r\n"), "{first}");
    assert_eq!(feed(&resident).await.matches("BEGIN:VEVENT").count(), 1);
    // Another node: its own application over the same database, its own feed kept.
    let other = liaison_app::App::new(h.store.clone(), liaison_app::Settings::default());
    let theirs = other.engagements().feed().await.expect("feed");
    assert!(
        theirs.contains("SUMMARY:Water meter clinic\r\n"),
        "{theirs}"
    );

    // Renamed: the next feed says so, here and on the other node; then renamed again at
    // once, most likely within the same second.
    for title in ["Water and meters clinic", "Water bills clinic"] {
        let changed = plan(&officer, &format!("{page}/plan"), &clinic(title)).await;
        assert_eq!(changed.status, 303, "{}", changed.body);
        let now = feed(&resident).await;
        assert!(now.contains(&format!("SUMMARY:{title}\r\n")), "{now}");
        assert_eq!(now.matches("SUMMARY:").count(), 1, "{now}");
        let theirs = other.engagements().feed().await.expect("feed");
        assert!(theirs.contains(&format!("SUMMARY:{title}\r\n")), "{theirs}");
    }

    // Another one published joins the feed; a planned one does not.
    let second = plan(&officer, "/staff/engagements", &clinic("Bus routes clinic")).await;
    let second = second.location.clone().expect("its page");
    let unpublished = plan(&officer, "/staff/engagements", &clinic("Staff rehearsal")).await;
    assert_eq!(unpublished.status, 303, "{}", unpublished.body);
    assert!(!feed(&resident).await.contains("Bus routes clinic"));
    officer
        .post(&format!("{second}/step"), &[("status", "published")])
        .await;
    let both = feed(&resident).await;
    assert!(both.contains("SUMMARY:Bus routes clinic\r\n"), "{both}");
    assert!(!both.contains("Staff rehearsal"), "{both}");

    // Called off: the feed says so at once.
    let off = officer
        .post(
            &format!("{page}/step"),
            &[("status", "cancelled"), ("reason", "The square is closed.")],
        )
        .await;
    assert_eq!(off.status, 303, "{}", off.body);
    let now = feed(&resident).await;
    assert_eq!(now.matches("STATUS:CANCELLED").count(), 1, "{now}");
    assert!(now.contains("The square is closed."), "{now}");
    let theirs = other.engagements().feed().await.expect("feed");
    assert_eq!(theirs.matches("STATUS:CANCELLED").count(), 1, "{theirs}");
}

both!(the_calendar_feed_is_never_stale);

/// Someone on the waitlist who comes to the door is checked in and given a place: counted
/// as registered, no longer as waiting.
async fn someone_waiting_who_comes_takes_a_place(h: Harness) {
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let mut fields = clinic("Tenants' forum");
    fields[0] = ("kind", "forum".into());
    fields.push(("capacity", "1".into()));
    let planned = plan(&officer, "/staff/engagements", &fields).await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let page = planned.location.clone().expect("its page");
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    officer
        .post(&format!("{page}/step"), &[("status", "published")])
        .await;
    let resident = h.browser();
    let portal_page = format!("/engagements/{id}");
    register(&resident, &portal_page, "Amina Yusuf")
        .await
        .expect("You are registered");
    register(&resident, &portal_page, "Chloé Martin")
        .await
        .expect("You are on the waitlist");
    officer
        .get(&page)
        .await
        .expect("Registered: 1 · Waiting: 1");

    // Chloé came all the same: checked in, she has a place.
    let door = format!("{page}/door");
    let found = officer.get(&format!("{door}?q=chlo")).await;
    found.expect("On the waitlist").refute("Amina Yusuf");
    let reg = found
        .between("name=\"registration\" value=\"", "\"")
        .expect("her check-in button");
    let checked = officer.post(&door, &[("registration", &reg)]).await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    officer
        .get(checked.location.as_deref().unwrap())
        .await
        .expect("Chloé Martin is checked in.")
        .refute("On the waitlist");
    officer
        .get(&page)
        .await
        .expect("Registered: 2 · Waiting: 0")
        .expect("Attended: 1");
    let twice = officer.post(&door, &[("registration", &reg)]).await;
    assert_eq!(twice.status, 422, "{}", twice.body);

    // The counts kept are the registrations' own.
    let mut c = h.store.read().await.expect("reader");
    let place: String = liaison_store::sqlx::query_scalar(
        "SELECT status FROM engagement_registrations WHERE id = $1",
    )
    .bind(reg.parse::<i64>().expect("an id"))
    .fetch_one(&mut *c)
    .await
    .expect("read");
    assert_eq!(place, "registered");
    let counted: (i64, i64, i64) = liaison_store::sqlx::query_as(
        "SELECT registered, waitlisted, attended FROM engagements WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *c)
    .await
    .expect("read");
    assert_eq!(counted, (2, 0, 1));
}

both!(someone_waiting_who_comes_takes_a_place);

/// A small PDF (slides) and a PNG with no metadata (a photographed sign-in sheet).
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = include_bytes!("fixtures/photo.png");

/// The staff download links on an engagement's page, in order.
fn file_links(page: &Page, id: i64) -> Vec<String> {
    let prefix = format!("/staff/engagements/{id}/attachments/");
    page.body
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|path| path.starts_with(&prefix))
        .map(str::to_string)
        .collect()
}

/// An officer attaches the slides, shown on the portal, and the sign-in sheet, for staff
/// only: the staff page lists and serves both; the portal's page of the published meeting
/// lists the slides alone, and the public address serves them and not the sheet. A viewer
/// may not attach; a form with no file says so.
async fn slides_on_the_portal_and_sign_in_sheets_for_staff(h: Harness) {
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    let planned = plan(&officer, "/staff/engagements", &clinic("Slides clinic")).await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let staff_page = planned.location.clone().expect("its page");
    let id: i64 = staff_page.rsplit('/').next().unwrap().parse().unwrap();
    let published = officer
        .post(&format!("{staff_page}/step"), &[("status", "published")])
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    officer
        .get(&staff_page)
        .await
        .expect("No file yet.")
        .expect("enctype=\"multipart/form-data\"")
        .expect("Show on the portal");

    let upload = format!("{staff_page}/attachments");
    let empty = officer.post_multipart(&upload, &[], &[]).await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    empty.expect("Choose a file to attach.");

    let slides = officer
        .post_multipart(
            &upload,
            &[("public", "yes")],
            &[FilePart {
                field: "attachment",
                name: "slides.pdf",
                content_type: "application/pdf",
                bytes: PDF,
            }],
        )
        .await;
    assert_eq!(slides.status, 303, "{}", slides.body);
    assert_eq!(
        slides.location.as_deref(),
        Some(format!("{staff_page}#files").as_str())
    );
    let sheet = officer
        .post_multipart(
            &upload,
            &[],
            &[FilePart {
                field: "attachment",
                name: "sign-in.png",
                content_type: "image/png",
                bytes: PNG,
            }],
        )
        .await;
    assert_eq!(sheet.status, 303, "{}", sheet.body);
    let refused = viewer
        .post_multipart(
            &upload,
            &[("public", "yes")],
            &[FilePart {
                field: "attachment",
                name: "mine.pdf",
                content_type: "application/pdf",
                bytes: PDF,
            }],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // Staff see both, which is public, and download them.
    let page = officer.get(&staff_page).await;
    page.expect("slides.pdf")
        .expect("sign-in.png")
        .expect("shown on the portal")
        .expect("staff only")
        .expect("File attached")
        .refute("mine.pdf");
    let links = file_links(&page, id);
    assert_eq!(links.len(), 2, "{links:?}");
    let (status, headers, bytes) = officer.download(&links[0]).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"slides.pdf\""));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let (status, headers, bytes) = viewer.download(&links[1]).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PNG);
    assert_eq!(headers["content-type"], "image/png");
    viewer
        .get(&staff_page)
        .await
        .expect("sign-in.png")
        .refute("enctype=\"multipart/form-data\"");
    let sheet_id = links[1].rsplit('/').next().unwrap().to_string();
    let slides_id = links[0].rsplit('/').next().unwrap().to_string();
    let elsewhere = officer
        .get(&format!(
            "/staff/engagements/{}/attachments/{sheet_id}",
            id + 1000
        ))
        .await;
    assert_eq!(elsewhere.status, 404);

    // The portal lists the slides alone; the public address serves them, not the sheet.
    let resident = h.browser();
    resident
        .get(&format!("/engagements/{id}"))
        .await
        .expect("Slides and documents")
        .expect(&format!("/attachments/{slides_id}/slides.pdf"))
        .refute("sign-in.png");
    let (status, headers, bytes) = resident
        .download(&format!("/attachments/{slides_id}/slides.pdf"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(headers["content-type"], "application/pdf");
    let hidden = resident
        .get(&format!("/attachments/{sheet_id}/sign-in.png"))
        .await;
    assert_eq!(hidden.status, 404);
    let staff_only = resident.get(&links[0]).await;
    assert_ne!(staff_only.status, 200);
}

both!(slides_on_the_portal_and_sign_in_sheets_for_staff);
