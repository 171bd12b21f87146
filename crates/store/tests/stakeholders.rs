//! The stakeholder register as stored, on both databases: what is written reads back whole,
//! lists come in one name order whatever the database, searches find people by name, tag,
//! email and phone however typed, and confidential records stay with those who may see
//! them.

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    phone_query, Contacts, Level, OrganizationType, PersonDetails, Profile,
};
use liaison_domain::{Confidentiality, Role, Sight};
use liaison_store::stakeholders::{self, Details, Filter};
use liaison_store::{areas, search, users};
use liaison_testkit::{both, TestStore};

fn profile(name: &str, phones: &[&str], emails: &[&str], tags: &[&str]) -> Profile {
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Profile {
        name: name.into(),
        contacts: Contacts {
            phones: list(phones),
            emails: list(emails),
            addresses: Vec::new(),
        },
        areas: Vec::new(),
        tags: list(tags),
        notes: String::new(),
        confidentiality: Confidentiality::Restricted,
        owner: None,
        influence: None,
        interest: None,
        attitude: None,
    }
}

fn person() -> Details {
    Details::Person(PersonDetails::default())
}

async fn the_register_keeps_finds_and_guards(t: TestStore) {
    let backend = t.store.backend();
    let mut tx = t.store.write().await.expect("writer");
    let me = users::insert(&mut tx, "me@example.org", "Me", Role::Officer, "x", 0)
        .await
        .expect("me");
    let north = areas::insert(&mut tx, "North ward", 0).await.expect("area");
    let mut amina = profile(
        "Amina Yusuf",
        &["+1 (555) 010-2030", "555 010 9999"],
        &["amina@example.org"],
        &["school principal", "youth"],
    );
    amina.areas = vec![north];
    amina.influence = Some(Level::High);
    amina.contacts.addresses = vec!["12 Mill Road".into()];
    let details = Details::Person(PersonDetails {
        addressed_as: "Mrs Yusuf".into(),
        language: Some("so".into()),
        interpreter: true,
        accessibility: "Step-free access".into(),
    });
    let a = stakeholders::insert(&mut tx, backend, &amina, &details, 100)
        .await
        .expect("amina");
    let mut names = Vec::new();
    // Names in mixed case and with accents: one order on both databases.
    for name in [
        "émile Zola",
        "bob Brown",
        "Zed Young",
        "Ángela Ruiz",
        "Bea Adams",
    ] {
        let id = stakeholders::insert(
            &mut tx,
            backend,
            &profile(name, &[], &[], &[]),
            &person(),
            100,
        )
        .await
        .expect("person");
        names.push(id);
    }
    let mut secret = profile("Hidden Witness", &[], &[], &["youth"]);
    secret.confidentiality = Confidentiality::Confidential;
    let hidden = stakeholders::insert(&mut tx, backend, &secret, &person(), 100)
        .await
        .expect("hidden");
    let org = stakeholders::insert(
        &mut tx,
        backend,
        &profile(
            "North Residents' Association",
            &[],
            &["chair@nra.example"],
            &[],
        ),
        &Details::Organization(OrganizationType::ResidentsAssociation),
        100,
    )
    .await
    .expect("organization");
    for kind in [RecordKind::Person, RecordKind::Organization] {
        let all = stakeholders::read(
            &mut tx,
            kind,
            &(1..=10).collect::<Vec<_>>(),
            Sight::Everything,
        )
        .await
        .expect("read");
        for s in &all {
            stakeholders::index(&mut tx, backend, s)
                .await
                .expect("index");
        }
    }
    tx.commit().await.expect("commit");

    let mut c = t.store.read().await.expect("reader");
    let got = stakeholders::get(
        &mut c,
        RecordRef {
            kind: RecordKind::Person,
            id: a,
        },
        Sight::Everything,
    )
    .await
    .expect("get")
    .expect("amina is there");
    assert_eq!(got.profile, amina, "what was written reads back whole");
    assert_eq!(got.details, details);

    // Name order: lower-cased, byte by byte, the same on both databases.
    let everyone = Filter {
        limit: 3,
        ..Filter::default()
    };
    let mut seen = Vec::new();
    let mut filter = everyone.clone();
    loop {
        let (page, next) = stakeholders::list(
            &mut c,
            backend,
            RecordKind::Person,
            &filter,
            Sight::Everything,
        )
        .await
        .expect("list");
        seen.extend(page.into_iter().map(|s| s.profile.name));
        match next {
            Some(n) => filter.after = Some(n),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            "Amina Yusuf",
            "Bea Adams",
            "bob Brown",
            "Hidden Witness",
            "Zed Young",
            "Ángela Ruiz",
            "émile Zola"
        ]
    );

    // Search: by name, tag, email, and a phone however it is typed.
    let officer = Role::Officer.sight(me);
    let find = |terms: &str, phone: Option<&str>, sight: Sight| {
        let filter = Filter {
            terms: search::terms(terms),
            phone: phone.and_then(phone_query),
            limit: 10,
            ..Filter::default()
        };
        let store = t.store.clone();
        async move {
            let mut c = store.read().await.expect("reader");
            let (found, _) =
                stakeholders::list(&mut c, backend, RecordKind::Person, &filter, sight)
                    .await
                    .expect("search");
            found.into_iter().map(|s| s.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(find("amina", None, officer).await, [a]);
    assert_eq!(find("yus", None, officer).await, [a]);
    assert_eq!(find("amina@example.org", None, officer).await, [a]);
    for typed in ["5550102030", "1-555-010-2030", "(555) 010 2030"] {
        assert_eq!(find("", Some(typed), officer).await, [a], "{typed}");
    }
    // The confidential person is found by the tag only by whoever may see them.
    assert_eq!(find("youth", None, officer).await, [a]);
    assert_eq!(find("youth", None, Sight::Everything).await, [hidden, a]);
    assert!(stakeholders::get(
        &mut c,
        RecordRef {
            kind: RecordKind::Person,
            id: hidden
        },
        officer
    )
    .await
    .expect("get")
    .is_none());

    // Filters: area, tag, influence.
    let (in_north, _) = stakeholders::list(
        &mut c,
        backend,
        RecordKind::Person,
        &Filter {
            area: Some(north),
            influence: Some(Level::High),
            tag: Some("youth".into()),
            limit: 10,
            ..Filter::default()
        },
        officer,
    )
    .await
    .expect("filtered");
    assert_eq!(in_north.iter().map(|s| s.id).collect::<Vec<_>>(), [a]);

    // Likely duplicates: the same number written another way, the same email in capitals.
    let same = Contacts {
        phones: vec!["555-010-2030".into()],
        emails: vec![],
        addresses: vec![],
    };
    assert_eq!(
        stakeholders::sharing_contacts(&mut c, RecordKind::Person, &same, officer)
            .await
            .expect("duplicates"),
        [a]
    );
    let (orgs, _) = stakeholders::list(
        &mut c,
        backend,
        RecordKind::Organization,
        &Filter {
            terms: search::terms("chair nra"),
            limit: 10,
            ..Filter::default()
        },
        officer,
    )
    .await
    .expect("organizations");
    assert_eq!(orgs.iter().map(|s| s.id).collect::<Vec<_>>(), [org]);
    assert_eq!(names.len(), 5);
}

both!(the_register_keeps_finds_and_guards);
