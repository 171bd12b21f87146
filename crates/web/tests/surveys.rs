//! Feedback surveys end to end, as the issue walks them: an officer keeps four questions in
//! a template, makes a survey about a town hall from it and opens it; its QR code is served
//! to print; residents answer on the portal by its link (a rating off the scale is refused
//! and nothing is kept, a form sent twice counts once); those who came get a personal link
//! that answers once; the results count, average and quote; the CSV names those who
//! answered only when the survey is not anonymous; a closed survey takes no more answers;
//! a viewer makes none. On SQLite and PostgreSQL, over HTTP, with a real SMTP server.

use liaison_testkit::{both, Browser, Db, Harness, MailServer, Page};

fn local(offset_days: i64, hour: u32) -> String {
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(offset_days);
    format!("{}T{hour:02}:00", day.format("%Y-%m-%d"))
}

/// The portal form's one-time token.
fn token(page: &Page) -> String {
    page.between("name=\"token\" value=\"", "\"")
        .unwrap_or_else(|| panic!("the form's token in {} {}", page.status, page.body))
}

/// The fields of a survey's questions on its portal page (`q_{id}`), in order.
fn fields(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = page.body.as_str();
    while let Some(i) = rest.find("name=\"q_") {
        rest = &rest[i + "name=\"".len()..];
        let field: String = rest.chars().take_while(|c| *c != '"').collect();
        if !out.contains(&field) {
            out.push(field);
        }
    }
    out
}

/// The id at the end of a page's address.
fn id_of(location: &str) -> i64 {
    location
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("an id in {location}"))
}

/// Answers the survey at `link` (its path, perhaps with `?from=`): a rating, one choice,
/// several choices and words, with the form's own token (and link secret).
async fn answer(
    resident: &Browser,
    link: &str,
    (rating, single, several, words): (&str, &str, &[&str], &str),
) -> Page {
    let form = resident.get(link).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let t = token(&form);
    let q = fields(&form);
    assert_eq!(q.len(), 4, "{:?}", q);
    let from = form.between("name=\"from\" value=\"", "\"");
    let mut pairs: Vec<(&str, &str)> = vec![
        ("token", t.as_str()),
        (q[0].as_str(), rating),
        (q[1].as_str(), single),
    ];
    pairs.extend(several.iter().map(|s| (q[2].as_str(), *s)));
    pairs.push((q[3].as_str(), words));
    if let Some(f) = &from {
        pairs.push(("from", f.as_str()));
    }
    let path = link.split('?').next().unwrap_or(link);
    resident.post(path, &pairs).await
}

async fn responses(h: &Harness, survey: i64) -> i64 {
    let mut c = h.store.read().await.expect("reader");
    liaison_store::sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1")
        .bind(survey)
        .fetch_one(&mut *c)
        .await
        .expect("read")
}

/// The key of a survey's portal link, as stored.
async fn link_key(h: &Harness, survey: i64) -> String {
    let mut c = h.store.read().await.expect("reader");
    liaison_store::sqlx::query_scalar("SELECT link_key FROM surveys WHERE id = $1")
        .bind(survey)
        .fetch_one(&mut *c)
        .await
        .expect("read")
}

/// The personal link of a letter asking for feedback: its path on the portal.
fn personal_link(text: &str) -> String {
    let start = text.find("/surveys/").expect("the survey's link");
    text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '"')
        .collect()
}

/// The text of the QR code an SVG draws, read by `rqrr` from the drawing's pixels. The
/// drawing is the `qrcode` crate's: one path of `M{x} {y}h{w}v{h}H{x}V{y}` rectangles, dark
/// on a light ground, in a `viewBox` of whole pixels.
fn read_qr(svg: &str) -> String {
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .unwrap_or_else(|_| panic!("{s:?}"))
    };
    let view = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .expect("a viewBox");
    let sides: Vec<usize> = view.split(' ').skip(2).map(number).collect();
    let (width, height) = (sides[0], sides[1]);
    let mut dark = vec![false; width * height];
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|d| d.split('"').next())
        .expect("a path");
    for rect in d.split('M').filter(|r| !r.is_empty()) {
        // `x y h w v h H x V y`: the corner and the sides.
        let parts: Vec<usize> = rect
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|p| !p.is_empty())
            .map(number)
            .collect();
        let (x, y, w, h) = (parts[0], parts[1], parts[2], parts[3]);
        for row in y..y + h {
            for col in x..x + w {
                dark[row * width + col] = true;
            }
        }
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_bitmap(width, height, |x, y| dark[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the drawing");
    grids[0].decode().expect("a readable QR code").1
}

async fn feedback_from_a_template_to_its_results(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;

    // A viewer reads surveys but makes none.
    assert_eq!(viewer.get("/staff/surveys").await.status, 200);
    assert_eq!(viewer.get("/staff/surveys/new").await.status, 403);
    let refused = viewer
        .post("/staff/surveys", &[("title", "Not mine to ask")])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // A template of four questions; a question with one choice is refused.
    let made = officer
        .post(
            "/staff/surveys",
            &[
                ("title", "After a public meeting"),
                ("intro", "Five questions, two minutes."),
                ("template", "yes"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let template_page = made.location.clone().expect("its page");
    let template = id_of(&template_page);
    let question = format!("{template_page}/question");
    let bad = officer
        .post(
            &question,
            &[
                ("kind", "single"),
                ("label", "How did you come?"),
                ("choices", "Bus"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("Give 2 to 20 choices, one per line.")
        .expect("aria-invalid=\"true\"")
        .expect("href=\"#add-choices\"");
    let questions: [&[(&str, &str)]; 4] = [
        &[
            ("kind", "rating"),
            ("label", "How useful was the meeting?"),
            ("low", "1"),
            ("high", "5"),
            ("required", "yes"),
        ],
        &[
            ("kind", "single"),
            ("label", "How did you hear of it?"),
            ("choices", "A letter\nA poster\nA neighbour"),
        ],
        &[
            ("kind", "multiple"),
            ("label", "What should we talk about next?"),
            ("choices", "Dust\nNoise\nTraffic"),
        ],
        &[("kind", "text"), ("label", "Anything else?")],
    ];
    for q in questions {
        let added = officer.post(&question, q).await;
        assert_eq!(added.status, 303, "{}", added.body);
    }
    officer
        .get(&template_page)
        .await
        .expect("How useful was the meeting?")
        .expect("from 1 to 5")
        .expect("A letter · A poster · A neighbour")
        .expect("Make a survey from this template");
    officer
        .get("/staff/surveys?templates=1")
        .await
        .expect("After a public meeting");
    // A template is never answered.
    let opened = officer
        .post(&format!("{template_page}/step"), &[("status", "open")])
        .await;
    assert_eq!(opened.status, 422, "{}", opened.body);
    opened.expect("A template is not answered: make a survey from it.");

    // A published town hall asks for feedback from its page.
    let planned = officer
        .post(
            "/staff/engagements",
            &[
                ("kind", "town_hall"),
                ("title", "Town hall on blasting hours"),
                ("starts_at", &local(2, 18)),
                ("ends_at", &local(2, 20)),
                ("address", "Riverside Hall, 12 Mill Road"),
            ],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let engagement_page = planned.location.clone().expect("its page");
    let engagement = id_of(&engagement_page);
    officer
        .post(
            &format!("{engagement_page}/step"),
            &[("status", "published")],
        )
        .await;
    let ask = format!("/staff/surveys/new?engagement={engagement}");
    officer
        .get(&engagement_page)
        .await
        .expect("Feedback")
        .expect(&format!("href=\"{ask}\">Ask for feedback"));
    let form = officer.get(&format!("{ask}&from={template}")).await;
    form.expect(&format!(
        "<option value=\"{engagement}\" selected>Town hall on blasting hours</option>"
    ))
    .expect(&format!(
        "<option value=\"{template}\" selected>After a public meeting</option>"
    ))
    .expect("value=\"After a public meeting\"");

    // The survey, named, with the template's questions; a draft is not on the portal.
    let made = officer
        .post(
            "/staff/surveys",
            &[
                ("title", "How was the town hall?"),
                ("intro", "Tell us what worked and what did not."),
                ("engagement", &engagement.to_string()),
                ("from", &template.to_string()),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let survey_page = made.location.clone().expect("its page");
    let survey = id_of(&survey_page);
    let page = officer.get(&survey_page).await;
    page.expect("How was the town hall?")
        .expect("Draft")
        .expect("Town hall on blasting hours")
        .expect("What should we talk about next?")
        .expect("Anything else?")
        .refute("https://liaison.test/surveys/");
    officer.get(&engagement_page).await.expect(&format!(
        "<a href=\"/staff/surveys/{survey}\">How was the town hall?</a> · Draft"
    ));

    // Neither a draft nor a template is on the portal.
    for id in [survey, template] {
        let key = link_key(&h, id).await;
        let page = h.browser().get(&format!("/surveys/{key}")).await;
        assert_eq!(page.status, 404, "{}", page.body);
    }

    // Opened: its link and QR code; its questions are fixed.
    let opened = officer
        .post(&format!("{survey_page}/step"), &[("status", "open")])
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    let page = officer.get(&survey_page).await;
    let key = page
        .between("https://liaison.test/surveys/", "\"")
        .expect("its public link");
    let link = format!("/surveys/{key}");
    page.expect("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .expect(&format!(
            "<title id=\"qr-title\">QR code of the survey's link: https://liaison.test{link}</title>"
        ))
        .expect(&format!("href=\"{survey_page}/qr.svg\""));
    let (status, headers, svg) = officer.download(&format!("{survey_page}/qr.svg")).await;
    assert_eq!(status, 200);
    assert_eq!(headers[reqwest::header::CONTENT_TYPE], "image/svg+xml");
    let svg = String::from_utf8(svg).expect("UTF-8");
    assert!(svg.starts_with("<?xml"), "{svg}");
    assert!(
        svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
    // A phone's camera reads it: a QR reader that is not ours finds the link in it.
    assert_eq!(read_qr(&svg), format!("https://liaison.test{link}"));
    let fixed = officer
        .post(
            &format!("{survey_page}/question"),
            &[("kind", "text"), ("label", "One more thing?")],
        )
        .await;
    assert_eq!(fixed.status, 422, "{}", fixed.body);
    fixed.expect("Its questions are fixed once it has been opened");

    // The meeting's page on the portal points to it.
    let resident = h.browser();
    resident
        .get(&format!("/engagements/{engagement}"))
        .await
        .expect(&format!(
            "<a class=\"button\" href=\"{link}\">Tell us what you thought</a>"
        ));
    let form = resident.get(&link).await;
    form.expect("How was the town hall?")
        .expect("Tell us what worked and what did not.")
        .expect(
            "<legend>How useful was the meeting? <span class=\"muted\">(required)</span></legend>",
        )
        .expect("From 1 (lowest) to 5 (highest).")
        .expect("type=\"radio\"")
        .expect("type=\"checkbox\"")
        .expect("<textarea");

    // In Spanish too.
    let es = resident
        .send("GET", &link, None, &[("accept-language", "es")])
        .await;
    es.expect("Enviar mis respuestas")
        .expect("De 1 (la más baja) a 5 (la más alta).");

    // A rating off the scale: the question says so, the other answers are kept, nothing is
    // recorded.
    let off = answer(
        &resident,
        &link,
        (
            "7",
            "A poster",
            &["Dust", "Traffic"],
            "Start at seven, please.",
        ),
    )
    .await;
    assert_eq!(off.status, 422, "{}", off.body);
    let q = fields(&off);
    off.expect("Pick a number on the scale.")
        .expect(&format!("href=\"#{}\"", q[0]))
        .expect("Start at seven, please.</textarea>")
        .expect("value=\"Traffic\" checked");
    assert_eq!(responses(&h, survey).await, 0);

    // Answered with two of the several choices; the same form sent twice counts once.
    let t = token(&off);
    let pairs = [
        ("token", t.as_str()),
        (q[0].as_str(), "4"),
        (q[1].as_str(), "A poster"),
        (q[2].as_str(), "Dust"),
        (q[2].as_str(), "Traffic"),
        (q[3].as_str(), "Start at seven, please."),
    ];
    let sent = resident.post(&link, &pairs).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let thanks = sent.location.clone().expect("the thank-you page");
    assert_eq!(thanks, format!("{link}/thanks"));
    resident
        .get(&thanks)
        .await
        .expect("Thank you")
        .expect("Your answers have been received.");
    let again = resident.post(&link, &pairs).await;
    assert_eq!(again.status, 303, "{}", again.body);
    assert_eq!(
        again.location.as_deref(),
        Some(format!("{link}/thanks?before=1").as_str())
    );
    assert_eq!(responses(&h, survey).await, 1);
    let other = h.browser();
    let sent = answer(&other, &link, ("5", "A letter", &["Dust"], "")).await;
    assert_eq!(sent.status, 303, "{}", sent.body);

    // Someone who came gives an email at the door; the survey's personal link goes to them.
    let door = officer
        .post(
            &format!("{engagement_page}/door"),
            &[("name", "Amina Yusuf"), ("email", "amina@example.org")],
        )
        .await;
    assert_eq!(door.status, 303, "{}", door.body);
    let sent = officer.post(&format!("{survey_page}/send"), &[]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    officer
        .get(sent.location.as_deref().expect("back to the survey"))
        .await
        .expect("Personal links sent just now: 1. Already written to before: 0.")
        .expect("Personal links sent: 1");
    let letter = smtp.next().await;
    assert_eq!(letter.header("to").as_deref(), Some("amina@example.org"));
    assert!(
        letter.subject().contains("Town hall on blasting hours"),
        "{}",
        letter.subject()
    );
    let mine = personal_link(&letter.text());
    assert!(mine.starts_with(&format!("{link}?from=")), "{mine}");
    // Sent again: nobody is written to twice.
    let twice = officer.post(&format!("{survey_page}/send"), &[]).await;
    assert_eq!(twice.status, 303, "{}", twice.body);
    officer
        .get(twice.location.as_deref().expect("back"))
        .await
        .expect("Personal links sent just now: 0. Already written to before: 1.");
    assert!(smtp.waiting().await.is_empty(), "nobody written to twice");

    // Her link answers once; a second time, the page says it had answered.
    let amina = h.browser();
    amina
        .get(&mine)
        .await
        .expect("Your answers are kept with the name you registered with.")
        .expect("name=\"from\"");
    let first = answer(&amina, &mine, ("2", "A neighbour", &["Noise"], "Too loud.")).await;
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(
        first.location.as_deref(),
        Some(format!("{link}/thanks").as_str())
    );
    let second = answer(
        &amina,
        &mine,
        ("5", "A letter", &["Dust"], "Changed my mind."),
    )
    .await;
    assert_eq!(second.status, 303, "{}", second.body);
    let before = second.location.clone().expect("the thank-you page");
    assert_eq!(before, format!("{link}/thanks?before=1"));
    amina
        .get(&before)
        .await
        .expect("This survey has already been answered with this link.");
    assert_eq!(responses(&h, survey).await, 3);

    // The results: counts, the average (4, 5 and 2), the choices, the words.
    let results = officer.get(&format!("{survey_page}/results")).await;
    assert_eq!(results.status, 200, "{}", results.body);
    results
        .expect("Responses: 3")
        .expect("Average: 3.7 out of 5")
        .expect("<th scope=\"row\">Dust</th><td class=\"num\">2</td><td class=\"num\">67%</td>")
        .expect("<th scope=\"row\">Noise</th><td class=\"num\">1</td>")
        .expect("<th scope=\"row\">4</th><td class=\"num\">1</td>")
        .expect("<th scope=\"row\">3</th><td class=\"num\">0</td>")
        .expect("Start at seven, please.")
        .expect("Too loud.")
        .refute("Changed my mind.")
        .expect(&format!("href=\"{survey_page}/results.csv\""));

    // The CSV of a named survey names those who answered by their link.
    let (status, headers, csv) = officer
        .download(&format!("{survey_page}/results.csv"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        headers[reqwest::header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        headers[reqwest::header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"survey-S-{survey:05}-how-was-the-town-hall.csv\"").as_str()
    );
    let csv = String::from_utf8(csv).expect("UTF-8");
    let csv = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[0].contains(",name,How useful was the meeting?,"),
        "{csv}"
    );
    assert!(csv.contains("Dust; Traffic"), "{csv}");
    assert!(
        lines[3].contains(",Amina Yusuf,2,A neighbour,Noise,Too loud."),
        "{csv}"
    );

    // An anonymous one about the same meeting: her answer by her link keeps no name.
    let made = officer
        .post(
            "/staff/surveys",
            &[
                ("title", "Anonymous follow-up"),
                ("engagement", &engagement.to_string()),
                ("from", &template.to_string()),
                ("anonymous", "yes"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let anonymous_page = made.location.clone().expect("its page");
    officer
        .post(&format!("{anonymous_page}/step"), &[("status", "open")])
        .await;
    officer.post(&format!("{anonymous_page}/send"), &[]).await;
    let letter = smtp.next().await;
    let hers = personal_link(&letter.text());
    amina.get(&hers).await.expect("Your answers are anonymous");
    let sent = answer(&amina, &hers, ("3", "A letter", &[], "Fine.")).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let again = answer(&amina, &hers, ("3", "A letter", &[], "Fine.")).await;
    assert_eq!(
        again.location.as_deref().map(|l| l.ends_with("?before=1")),
        Some(true)
    );
    let (_, _, csv) = officer
        .download(&format!("{anonymous_page}/results.csv"))
        .await;
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(",3,A letter,,Fine."), "{csv}");
    assert!(!csv.contains("Amina"), "{csv}");
    assert!(!csv.contains(",name,"), "{csv}");
    officer
        .get(&format!("{anonymous_page}/results"))
        .await
        .expect("Responses: 1")
        .expect("Anonymous: answers keep nobody");

    // Closed: the portal says so, without a form, and refuses answers with its message.
    let closed = officer
        .post(&format!("{survey_page}/step"), &[("status", "closed")])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let page = h.browser().get(&link).await;
    assert_eq!(page.status, 200);
    page.expect("This survey is closed.")
        .refute("name=\"token\"");
    let late = h
        .browser()
        .post(&link, &[(q[0].as_str(), "5"), (q[1].as_str(), "A letter")])
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    late.expect("This survey is not taking answers.");
    assert_eq!(responses(&h, survey).await, 3);
    officer
        .get("/staff/surveys")
        .await
        .expect("How was the town hall?")
        .expect("Closed")
        .expect("Anonymous follow-up");
}

both!(feedback_from_a_template_to_its_results);
