//! The demo office's feedback surveys, made with the application's own operations: the
//! template "After a meeting" (and its Spanish version); a survey from it on the town hall
//! that was held, anonymous, opened, its personal links sent to those who came and gave an
//! email address, and 40 answers from its open link (a few in Spanish and French, some
//! with words of their own); a draft on the community meeting coming up. The answers are
//! fixed data, the same at every load.

use liaison_app::accounts::User;
use liaison_app::submissions::Submission;
use liaison_app::surveys::{Respond, SaveQuestion, SaveSurvey, SurveyStep};
use liaison_app::{Answers, App, AppResult};

/// The template's questions: kind, label, choices (one per line), required.
const AFTER_A_MEETING: [(&str, &str, &str, bool); 4] = [
    ("rating", "How useful was the meeting?", "", true),
    (
        "single",
        "How did you hear of it?",
        "Poster\nRadio\nNeighbour\nSocial media\nInvitation",
        false,
    ),
    (
        "multiple",
        "What should we talk about next?",
        "Dust\nNoise\nTraffic\nJobs\nWater",
        false,
    ),
    ("text", "Anything else?", "", false),
];

/// The same questions for meetings held in Spanish.
const DESPUES_DE_UNA_REUNION: [(&str, &str, &str, bool); 4] = [
    ("rating", "¿Qué tan útil fue la reunión?", "", true),
    (
        "single",
        "¿Cómo se enteró de ella?",
        "Cartel\nRadio\nUn vecino\nRedes sociales\nInvitación",
        false,
    ),
    (
        "multiple",
        "¿De qué deberíamos hablar la próxima vez?",
        "Polvo\nRuido\nTráfico\nEmpleo\nAgua",
        false,
    ),
    ("text", "¿Algo más?", "", false),
];

/// The town hall's 40 answers, drawn in turn from lists of different lengths so that they
/// vary without a generator: ratings (1 to 5), how they heard (a choice's place; none: left
/// unanswered), what to talk about next (places; empty: left unanswered).
const RATINGS: [i64; 15] = [5, 4, 4, 3, 5, 4, 2, 4, 5, 3, 4, 1, 5, 4, 3];
const HEARD: [Option<usize>; 9] = [
    Some(0),
    Some(1),
    Some(2),
    Some(2),
    Some(4),
    None,
    Some(3),
    Some(0),
    Some(1),
];
const NEXT: [&[usize]; 11] = [
    &[0],
    &[0, 1],
    &[2],
    &[0, 4],
    &[3],
    &[1, 2],
    &[],
    &[4],
    &[0, 2, 3],
    &[3, 4],
    &[1],
];
const ANSWERS: usize = 40;

/// Who answered in another language than English, and the words some wrote: (which
/// answer, its language, its words; empty: none).
const SAID: [(usize, &str, &str); 19] = [
    (
        0,
        "en",
        "Please hold the next one on a Saturday; many of us work until six.",
    ),
    (
        2,
        "en",
        "The site manager answered every question. Thank you.",
    ),
    (
        3,
        "en",
        "The dust on the school road is still bad in the mornings.",
    ),
    (
        5,
        "es",
        "Gracias por la interpretación. Queremos saber más sobre el agua del río.",
    ),
    (
        6,
        "en",
        "Too long: the trucks came at the very end, when half the hall had left.",
    ),
    (
        9,
        "en",
        "The Somali interpreter made a real difference for my mother.",
    ),
    (
        11,
        "fr",
        "Merci pour la réunion ; le bruit des camions la nuit reste un problème.",
    ),
    (
        12,
        "en",
        "Could the blasting schedule be read on the community radio as well?",
    ),
    (
        15,
        "en",
        "The hall was too hot and the microphones kept cutting out.",
    ),
    (17, "es", ""),
    (
        18,
        "en",
        "I would like to know who checks the dust readings, and how often.",
    ),
    (
        21,
        "en",
        "Good meeting. Please come back in three months and tell us what changed.",
    ),
    (
        24,
        "en",
        "Nobody told us about the cracks in our walls. Who do we call?",
    ),
    (
        26,
        "es",
        "La reunión empezó tarde y terminó demasiado rápido.",
    ),
    (
        27,
        "en",
        "More chairs next time, and something for the children.",
    ),
    (29, "es", ""),
    (
        30,
        "en",
        "The trucks still use Market Street at eight. Nothing has changed yet.",
    ),
    (
        34,
        "fr",
        "Il faudrait afficher les horaires des tirs à l'école et au marché.",
    ),
    (
        37,
        "en",
        "Thank you for the minutes on the portal, they were clear.",
    ),
];

/// Makes the templates, the town hall's survey with its answers and links sent, and a
/// draft for the meeting coming up.
pub async fn surveys(app: &App, officer: &User, held: i64, upcoming: i64) -> AppResult<()> {
    let surveys = app.surveys();
    let template = |title: &str, intro: &str| SaveSurvey {
        title: title.into(),
        intro: intro.into(),
        template: true.into(),
        ..SaveSurvey::default()
    };
    let after = surveys
        .create(
            officer,
            &template(
                "After a meeting",
                "Four short questions for those who came: what the meeting was worth to \
                 them and what the next one should be about.",
            ),
        )
        .await?;
    let despues = surveys
        .create(
            officer,
            &template(
                "Después de una reunión",
                "Cuatro preguntas breves para quienes vinieron.",
            ),
        )
        .await?;
    for (id, questions) in [(after, AFTER_A_MEETING), (despues, DESPUES_DE_UNA_REUNION)] {
        for (kind, label, choices, required) in questions {
            let q = SaveQuestion {
                kind: kind.into(),
                label: label.into(),
                choices: choices.into(),
                required: required.into(),
                ..SaveQuestion::default()
            };
            surveys.question(officer, id, &q).await?;
        }
    }

    // The town hall's: anonymous, opened, its links sent, answered.
    let asked = SaveSurvey {
        title: "The town hall on the quarry's blasting hours: your view".into(),
        intro: "A few questions about the town hall; two minutes at most. Your answers \
                keep no name."
            .into(),
        anonymous: true.into(),
        engagement: held.to_string().into(),
        from: after.to_string().into(),
        ..SaveSurvey::default()
    };
    let town_hall = surveys.create(officer, &asked).await?;
    let open = SurveyStep {
        status: "open".into(),
    };
    surveys.step(officer, town_hall, &open).await?;
    surveys.send(officer, town_hall).await?;
    let view = surveys.get(officer, town_hall).await?;
    let key = view.survey.link_key.clone();
    let ids: Vec<String> = view.questions.iter().map(|q| q.id.to_string()).collect();
    let choices = |at: usize| view.questions[at].question.choices.clone();
    let (heard, next) = (choices(1), choices(2));
    for i in 0..ANSWERS {
        let said = SAID.iter().find(|(at, _, _)| *at == i);
        let language = said.map_or("en", |(_, l, _)| *l);
        let mut answers = Answers::default();
        answers.add(&ids[0], RATINGS[i % RATINGS.len()].to_string());
        if let Some(h) = HEARD[i % HEARD.len()] {
            answers.add(&ids[1], heard[h].clone());
        }
        for &n in NEXT[i % NEXT.len()] {
            answers.add(&ids[2], next[n].clone());
        }
        if let Some((_, _, words)) = said.filter(|(_, _, w)| !w.is_empty()) {
            answers.add(&ids[3], *words);
        }
        let respond = Respond {
            answers,
            token: Submission::form_token().into(),
            ..Respond::default()
        };
        surveys.answer(&key, &respond, language).await?;
    }

    // The community meeting's, still a draft: the template's questions and one of its own.
    let draft = SaveSurvey {
        title: "The community meeting on the clinic's hours: your view".into(),
        intro: "Tell us how the meeting went and when the clinic should open.".into(),
        engagement: upcoming.to_string().into(),
        from: after.to_string().into(),
        ..SaveSurvey::default()
    };
    let draft = surveys.create(officer, &draft).await?;
    let hours = SaveQuestion {
        kind: "single".into(),
        label: "When would you most often use the clinic?".into(),
        choices: "Weekday mornings\nWeekday evenings\nSaturdays".into(),
        ..SaveQuestion::default()
    };
    surveys.question(officer, draft, &hours).await?;
    Ok(())
}
