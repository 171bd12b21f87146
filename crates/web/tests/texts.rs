//! Text in several languages, as people and clients meet it: a resident who chose Spanish
//! reads a category's name, description, questions and choices in Spanish and reports; a
//! text without a Spanish version shows in English, marked and said; Open311 services and
//! the JSON API answer in the language asked for, keys unchanged; administrators write the
//! versions side by side, and bad input comes back marked.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::api_keys::IssueKey;
use liaison_app::office::{ChangeQuestion, NewArea, NewQuestion, SaveCategory};
use liaison_app::texts::TextVersions;
use liaison_store::users::User;
use serde_json::{json, Value};

/// The marker of a text shown in English for want of a Spanish version.
const IN_ENGLISH_ES: &str = "<span class=\"in-office-language\">(en inglés)</span>";

/// A public "Dust & air quality" category with three questions, and its Spanish versions:
/// every text but the third question's label and the description's French.
async fn office(h: &Harness) -> (User, i64) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let dust = h.category(&admin, "Dust & air quality", true).await;
    let settings = SaveCategory {
        name: "Dust & air quality".into(),
        code: "dust".into(),
        description: "Dust from roads and blasting.".into(),
        ack_amount: "8".into(),
        ack_unit: "working_hours".into(),
        resolve_amount: "10".into(),
        resolve_unit: "calendar_days".into(),
        default_priority: "normal".into(),
        public: true.into(),
        active: true.into(),
    };
    h.app
        .office()
        .update_category(&admin, dust, &settings)
        .await
        .expect("settings");
    for (code, label, help, kind, required, choices) in [
        (
            "source",
            "Where does the dust come from?",
            "",
            "single_choice",
            true,
            "Haul road\nBlasting",
        ),
        (
            "times",
            "When is it worst?",
            "Tick all that apply.",
            "multiple_choice",
            false,
            "Morning\nNight",
        ),
        ("spot", "Which street?", "", "short_text", false, ""),
    ] {
        let question = NewQuestion {
            code: code.into(),
            label: label.into(),
            help: help.into(),
            kind: kind.into(),
            required: required.into(),
            choices: choices.into(),
        };
        h.app
            .office()
            .add_question(&admin, dust, &question)
            .await
            .expect("question");
    }
    let versions = TextVersions::from_pairs(&[
        ("es:name", "Polvo y calidad del aire"),
        ("es:description", "Polvo de caminos y voladuras."),
        ("es:question.source.label", "¿De dónde viene el polvo?"),
        ("es:question.source.choice.haul_road", "Camino de acarreo"),
        ("es:question.source.choice.blasting", "Voladuras"),
        ("es:question.times.label", "¿Cuándo es peor?"),
        (
            "es:question.times.help",
            "Marque todas las que correspondan.",
        ),
        ("es:question.times.choice.morning", "Por la mañana"),
        ("es:question.times.choice.night", "Por la noche"),
        ("fr:name", "Poussière et qualité de l’air"),
    ]);
    h.app
        .office()
        .save_category_texts(&admin, dust, &versions)
        .await
        .expect("versions");
    (admin, dust)
}

fn json_of(p: &Page) -> Value {
    serde_json::from_str(&p.body).unwrap_or_else(|e| panic!("{e}: {}", p.body))
}

fn header<'a>(p: &'a Page, name: &str) -> &'a str {
    p.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

async fn a_resident_who_chose_spanish_reads_the_category_in_spanish(h: Harness) {
    let (_, dust) = office(&h).await;
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;

    // Choosing a category.
    let choose = resident.get("/report").await;
    choose
        .expect("Polvo y calidad del aire")
        .expect("Polvo de caminos y voladuras.")
        .refute("Dust &#38; air quality")
        .refute(IN_ENGLISH_ES);

    // The form: name, description, every question's label, help and choices in Spanish;
    // the question without a Spanish label in English, marked so and said.
    let path = format!("/report/{dust}");
    let form = resident.get(&path).await;
    assert_eq!(form.status, 200);
    form.expect("<h1>Polvo y calidad del aire</h1>")
        .expect("<p class=\"lede\">Polvo de caminos y voladuras.</p>")
        .expect("<legend>¿De dónde viene el polvo?")
        .expect(">Camino de acarreo</label>")
        .expect(">Voladuras</label>")
        .expect("<legend>¿Cuándo es peor?")
        .expect(">Marque todas las que correspondan.</p>")
        .expect(">Por la mañana</label>")
        .expect(">Por la noche</label>")
        .expect(&format!(
            "<label for=\"q_spot\"><span lang=\"en\">Which street?</span> {IN_ENGLISH_ES}"
        ))
        .refute("Where does the dust come from?")
        .refute("Haul road")
        .refute("Tick all that apply.")
        .refute("Dust &#38; air quality");
    // Exactly one text fell back.
    assert_eq!(form.body.matches(IN_ENGLISH_ES).count(), 1, "{}", form.body);

    // A mistake: the summary names the question in Spanish.
    let wrong = resident
        .post_multipart(
            &path,
            &[
                ("description", "Polvo sobre las casas"),
                ("anonymous", "yes"),
            ],
            &[],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    wrong.expect("¿De dónde viene el polvo? — ");

    // Answers are sent under the same keys whatever the language.
    let receipt = resident
        .post_multipart(
            &path,
            &[
                ("description", "El polvo del camino cubre nuestras casas"),
                ("q_source", "haul_road"),
                ("q_times", "morning"),
                ("q_times", "night"),
                ("q_spot", "Calle Mayor"),
                ("anonymous", "yes"),
            ],
            &[],
        )
        .await;
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    receipt.expect("Gracias");
    let code = receipt
        .between("<p class=\"tracking-code\">", "</p>")
        .expect("tracking code");

    // Following it: the category's name in Spanish too.
    let track = resident.post("/track", &[("code", &code)]).await;
    assert_eq!(track.status, 200, "{}", track.body);
    track
        .expect("· Polvo y calidad del aire</h2>")
        .refute("Dust &#38; air quality");

    // The browser's language, without a cookie, does the same.
    let by_header = h
        .browser()
        .send("GET", &path, None, &[("accept-language", "es-MX,es;q=0.9")])
        .await;
    by_header
        .expect("<h1>Polvo y calidad del aire</h1>")
        .expect("<legend>¿De dónde viene el polvo?");

    // In English nothing is marked; in French, the name has a version and the rest falls
    // back, each text said.
    let english = h.browser().get(&path).await;
    english
        .expect("<h1>Dust &#38; air quality</h1>")
        .expect("Where does the dust come from?")
        .refute("in-office-language");
    let french = h.browser();
    french.get("/language?to=fr&back=/").await;
    let page = french.get(&path).await;
    page.expect("<h1>Poussière et qualité de l’air</h1>")
        .expect(
            "<span lang=\"en\">Where does the dust come from?</span> \
         <span class=\"in-office-language\">(en anglais)</span>",
        );
}

async fn a_category_without_versions_shows_in_english_marked(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let roads = h.category(&admin, "Roads", true).await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "Hillside".into(),
            },
        )
        .await
        .expect("area");
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;
    resident
        .get("/report")
        .await
        .expect(&format!("<span lang=\"en\">Roads</span> {IN_ENGLISH_ES}"));
    let form = resident.get(&format!("/report/{roads}")).await;
    form.expect(&format!(
        "<h1><span lang=\"en\">Roads</span> {IN_ENGLISH_ES}</h1>"
    ))
    // An area's name without a Spanish version: marked English, and said once.
    .expect(&format!(
        "<option value=\"{area}\" lang=\"en\">Hillside</option>"
    ))
    .expect("Los nombres sin traducción se muestran en inglés.");
    // Once it has one, neither.
    h.app
        .office()
        .save_area_texts(
            &admin,
            area,
            &TextVersions::from_pairs(&[("es:name", "Ladera")]),
        )
        .await
        .expect("area versions");
    resident
        .get(&format!("/report/{roads}"))
        .await
        .expect(&format!("<option value=\"{area}\">Ladera</option>"))
        .refute("Los nombres sin traducción");
}

async fn open311_services_answer_in_the_language_asked(h: Harness) {
    office(&h).await;
    let b = h.browser();

    // `Accept-Language`.
    let list = b
        .send(
            "GET",
            "/open311/v2/services.json",
            None,
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(
        json_of(&list),
        json!([{"service_code": "dust", "service_name": "Polvo y calidad del aire",
            "description": "Polvo de caminos y voladuras.", "metadata": true,
            "type": "realtime", "keywords": "", "group": ""}])
    );
    assert_eq!(header(&list, "content-language"), "es");
    assert!(header(&list, "vary")
        .to_ascii_lowercase()
        .contains("accept-language"));
    let xml = b
        .send(
            "GET",
            "/open311/v2/services.xml",
            None,
            &[("accept-language", "es")],
        )
        .await;
    xml.expect(
        "<service_code>dust</service_code><service_name>Polvo y calidad del aire</service_name>",
    );

    // The definition: attributes' descriptions, help and values' names in Spanish, keys and
    // codes as ever; the label without a version in English, and the answer says both.
    let def = b
        .send(
            "GET",
            "/open311/v2/services/dust.json",
            None,
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(def.status, 200);
    assert_eq!(header(&def, "content-language"), "es, en");
    let d = json_of(&def);
    assert_eq!(d["service_code"], "dust");
    let attrs = d["attributes"].as_array().expect("attributes");
    assert_eq!(attrs[0]["code"], "source");
    assert_eq!(attrs[0]["description"], "¿De dónde viene el polvo?");
    assert_eq!(
        attrs[0]["values"],
        json!([{"key": "haul_road", "name": "Camino de acarreo"},
               {"key": "blasting", "name": "Voladuras"}])
    );
    assert_eq!(attrs[1]["code"], "times");
    assert_eq!(
        attrs[1]["datatype_description"],
        "Marque todas las que correspondan."
    );
    assert_eq!(attrs[1]["values"][1]["name"], "Por la noche");
    assert_eq!(attrs[2]["code"], "spot");
    assert_eq!(attrs[2]["description"], "Which street?");

    // `locale`, as some GeoReport clients send it, wins over the header; in XML too.
    let xml = b
        .send(
            "GET",
            "/open311/v2/services/dust.xml?locale=es_MX",
            None,
            &[("accept-language", "fr")],
        )
        .await;
    assert_eq!(xml.status, 200);
    xml.expect("<description>¿De dónde viene el polvo?</description>")
        .expect("<value><key>haul_road</key><name>Camino de acarreo</name></value>")
        .expect("<code>source</code>");
    assert_eq!(header(&xml, "content-language"), "es, en");
    let list = b
        .send(
            "GET",
            "/open311/v2/services.json?locale=es",
            None,
            &[("accept-language", "fr")],
        )
        .await;
    assert_eq!(
        json_of(&list)[0]["service_name"],
        "Polvo y calidad del aire"
    );

    // French: the name has a version, the description falls back.
    let fr = b
        .send(
            "GET",
            "/open311/v2/services.json",
            None,
            &[("accept-language", "fr-CA,fr;q=0.9")],
        )
        .await;
    let f = json_of(&fr);
    assert_eq!(f[0]["service_name"], "Poussière et qualité de l’air");
    assert_eq!(f[0]["description"], "Dust from roads and blasting.");
    assert_eq!(header(&fr, "content-language"), "fr, en");

    // Without a language: the office's.
    let en = b.get("/open311/v2/services/dust.json").await;
    assert_eq!(header(&en, "content-language"), "en");
    assert_eq!(
        json_of(&en)["attributes"][0]["description"],
        "Where does the dust come from?"
    );

    // A client reading Spanish submits under the same keys.
    let api_key = h
        .app
        .api_keys()
        .create(
            None,
            &IssueKey {
                name: "City app".into(),
            },
        )
        .await
        .expect("key")
        .1;
    let sent = b
        .post_raw(
            "/open311/v2/requests.json",
            common::serialize(&[
                ("api_key", api_key.as_str()),
                ("service_code", "dust"),
                ("lat", "-26.2"),
                ("long", "28.0"),
                ("description", "Polvo sobre las casas"),
                ("attribute[source]", "blasting"),
                ("attribute[times][]", "night"),
            ])
            .into_bytes(),
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
}

async fn the_json_api_answers_in_the_language_asked_and_says_what_fell_back(h: Harness) {
    let (admin, dust) = office(&h).await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "Hillside".into(),
            },
        )
        .await
        .expect("area");
    h.app
        .office()
        .save_area_texts(
            &admin,
            area,
            &TextVersions::from_pairs(&[("fr:name", "Colline")]),
        )
        .await
        .expect("area versions");
    let token = h
        .app
        .access_tokens()
        .create(
            &admin,
            &CreateToken {
                name: "script".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let auth = format!("Bearer {token}");
    let get = |path: &'static str, language: Option<&'static str>| {
        let auth = auth.clone();
        let b = h.browser();
        async move {
            let mut headers = vec![("authorization", auth.as_str())];
            if let Some(l) = language {
                headers.push(("accept-language", l));
            }
            b.send("GET", path, None, &headers).await
        }
    };

    let es = get("/api/v1/categories", Some("es")).await;
    assert_eq!(es.status, 200, "{}", es.body);
    assert_eq!(header(&es, "content-language"), "es, en");
    let list = json_of(&es);
    let k = list
        .as_array()
        .expect("list")
        .iter()
        .find(|k| k["id"] == dust)
        .expect("dust");
    assert_eq!(k["name"], "Polvo y calidad del aire");
    assert_eq!(k["code"], "dust");
    assert_eq!(k["language"], "es");
    assert_eq!(k["fallback"], json!(["question.spot.label"]));
    assert_eq!(k["questions"][0]["code"], "source");
    assert_eq!(k["questions"][0]["label"], "¿De dónde viene el polvo?");
    assert_eq!(
        k["questions"][0]["choices"][0],
        json!({"key": "haul_road", "label": "Camino de acarreo"})
    );
    assert_eq!(k["questions"][2]["label"], "Which street?");
    // Every version, for those who edit them.
    assert_eq!(k["versions"]["es"]["name"], "Polvo y calidad del aire");
    assert_eq!(
        k["versions"]["es"]["question.source.choice.blasting"],
        "Voladuras"
    );
    assert_eq!(
        k["versions"]["fr"],
        json!({"name": "Poussière et qualité de l’air"})
    );

    let fr = json_of(&get("/api/v1/categories", Some("fr")).await);
    let k = &fr[0];
    assert_eq!(k["name"], "Poussière et qualité de l’air");
    assert_eq!(k["description"], "Dust from roads and blasting.");
    assert_eq!(k["fallback"][0], "description");

    let en = get("/api/v1/categories", None).await;
    assert_eq!(header(&en, "content-language"), "en");
    let k = &json_of(&en)[0];
    assert_eq!(k["name"], "Dust & air quality");
    assert_eq!(k["language"], "en");
    assert_eq!(k["fallback"], json!([]));

    let areas = get("/api/v1/areas", Some("fr")).await;
    assert_eq!(
        json_of(&areas),
        json!([{"id": area, "name": "Colline", "active": true, "language": "fr",
            "fallback": [], "versions": {"fr": {"name": "Colline"}}}])
    );
    let areas = json_of(&get("/api/v1/areas", Some("es")).await);
    assert_eq!(areas[0]["name"], "Hillside");
    assert_eq!(areas[0]["fallback"], json!(["name"]));

    // The description says so.
    let doc = json_of(&h.browser().get("/api/v1/openapi.json").await);
    let schema = &doc["components"]["schemas"]["CategoryOut"]["properties"];
    for field in ["language", "fallback", "versions"] {
        assert!(
            schema.get(field).is_some(),
            "{field} undocumented: {schema}"
        );
    }
    let params = doc["paths"]["/api/v1/categories"]["get"]["parameters"].to_string();
    assert!(params.contains("Accept-Language"), "{params}");
}

async fn administrators_write_versions_side_by_side(h: Harness) {
    let (admin_user, dust) = office(&h).await;
    let (_, admin) = h.signed_in("administrator", "Nomsa Admin").await;
    let path = format!("/staff/admin/categories/{dust}");
    let page = admin.get(&path).await;
    assert_eq!(page.status, 200);
    // One row per text, the English read-only, an input per other language, each labelled.
    page.expect("<h2 id=\"translations-title\">Translations</h2>")
        .expect("<legend>Name</legend>")
        .expect("<p class=\"translation-original\" lang=\"en\">Dust &#38; air quality</p>")
        .expect(
            "<label for=\"texts-es:name\"><span class=\"visually-hidden\">Name, </span>Spanish</label>",
        )
        .expect("name=\"es:name\" lang=\"es\" value=\"Polvo y calidad del aire\"")
        .expect("name=\"fr:name\" lang=\"fr\" value=\"Poussière et qualité de l’air\"")
        .expect("<legend>Question 1, choice 2</legend>")
        .expect(
            "<label for=\"texts-fr:question.source.choice.blasting\"><span class=\"visually-hidden\">Question 1, choice 2, </span>French</label>",
        )
        .expect("<textarea id=\"texts-es:description\" name=\"es:description\"");

    // Saving: the versions come back, and the portal shows them.
    let texts = format!("{path}/texts");
    let saved = admin
        .post(
            &texts,
            &[
                ("es:name", "Polvo"),
                ("es:question.spot.label", "¿Qué calle?"),
                ("fr:name", ""),
                ("fr:question.source.choice.blasting", "Tirs de mine"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let back = admin
        .get(saved.location.as_deref().expect("redirect"))
        .await;
    back.expect("Translations saved.")
        .expect("name=\"es:name\" lang=\"es\" value=\"Polvo\"")
        .expect("name=\"es:question.spot.label\" lang=\"es\" value=\"¿Qué calle?\"")
        .expect("name=\"fr:name\" lang=\"fr\" value=\"\"")
        .expect("value=\"Tirs de mine\"")
        // Fields not sent kept their versions.
        .expect("value=\"Camino de acarreo\"");
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;
    resident
        .get(&format!("/report/{dust}"))
        .await
        .expect("<h1>Polvo</h1>")
        .expect("¿Qué calle?")
        .refute("in-office-language");

    // One audit entry, naming fields and languages, never the texts.
    let entries = h
        .app
        .audit_trail()
        .entries(&admin_user, None, 5)
        .await
        .expect("audit");
    let entry = entries
        .iter()
        .find(|e| e.action == "category.texts" && e.record_id == Some(dust))
        .expect("audited");
    assert_eq!(
        entry.changes,
        json!({"versions": {
            "es": {"name": "changed", "question.spot.label": "added"},
            "fr": {"name": "removed", "question.source.choice.blasting": "added"},
        }})
    );
    assert!(!entry.changes.to_string().contains("Polvo"));

    // Too long, or a control character: 422, the fields marked, nothing saved.
    let long = "x".repeat(121);
    let bad = admin
        .post(
            &texts,
            &[
                ("es:name", long.as_str()),
                ("fr:question.times.help", "bell\u{7}"),
                ("es:question.spot.label", "¿Cuál calle?"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("id=\"error-summary\"")
        .expect("<a href=\"#texts-es:name\">Name, Spanish — This is too long.</a>")
        .expect(&format!(
            "<input id=\"texts-es:name\" name=\"es:name\" lang=\"es\" value=\"{long}\" maxlength=\"120\" aria-invalid=\"true\" aria-describedby=\"texts-es:name-error\">"
        ))
        .expect("id=\"texts-fr:question.times.help\" name=\"fr:question.times.help\" lang=\"fr\" value=\"bell")
        .expect("aria-describedby=\"texts-fr:question.times.help-error\"")
        // What was sent stays in the form.
        .expect("value=\"¿Cuál calle?\"");
    let stored = h.app.office().category_versions().await.expect("versions");
    assert_eq!(stored[&dust].get("name", "es"), Some("Polvo"));
    assert_eq!(
        stored[&dust].get("question.spot.label", "es"),
        Some("¿Qué calle?")
    );

    // Removing a question removes its versions.
    h.app
        .office()
        .change_question(
            &admin_user,
            dust,
            "spot",
            &ChangeQuestion {
                change: "remove".into(),
            },
        )
        .await
        .expect("remove");
    let stored = h.app.office().category_versions().await.expect("versions");
    assert_eq!(stored[&dust].get("question.spot.label", "es"), None);
    let mut c = h.store.read().await.expect("reader");
    let rows: i64 = liaison_store::sqlx::query_scalar(
        "SELECT COUNT(*) FROM record_texts WHERE field LIKE 'question.spot.%'",
    )
    .fetch_one(&mut *c)
    .await
    .expect("count");
    assert_eq!(rows, 0);
    drop(c);

    // Areas: the same, one form per area.
    let area = h
        .app
        .office()
        .add_area(
            &admin_user,
            &NewArea {
                name: "Hillside".into(),
            },
        )
        .await
        .expect("area");
    let areas = admin.get("/staff/admin/areas").await;
    areas
        .expect(&format!("id=\"area-{area}-texts\""))
        .expect(&format!(
            "<label for=\"area-{area}-texts-es:name\"><span class=\"visually-hidden\">Hillside: Name, </span>Spanish</label>"
        ));
    let area_texts = format!("/staff/admin/areas/{area}/texts");
    let ok = admin
        .post(
            &area_texts,
            &[("es:name", "Ladera"), ("fr:name", "Colline")],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    admin
        .get("/staff/admin/areas")
        .await
        .expect("value=\"Ladera\"")
        .expect("value=\"Colline\"");
    let bad = admin.post(&area_texts, &[("es:name", long.as_str())]).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect(&format!(
        "id=\"area-{area}-texts-es:name\" name=\"es:name\" lang=\"es\" value=\"{long}\" maxlength=\"120\" aria-invalid=\"true\""
    ));

    // Other roles are refused (the authorization matrix walks every one).
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let refused = officer.post(&texts, &[("es:name", "Nada")]).await;
    assert_eq!(refused.status, 403);
    let stored = h.app.office().category_versions().await.expect("versions");
    assert_eq!(stored[&dust].get("name", "es"), Some("Polvo"));
}

both!(
    a_resident_who_chose_spanish_reads_the_category_in_spanish,
    a_category_without_versions_shows_in_english_marked,
    open311_services_answer_in_the_language_asked,
    the_json_api_answers_in_the_language_asked_and_says_what_fell_back,
    administrators_write_versions_side_by_side
);
