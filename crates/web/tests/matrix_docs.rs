//! The README and docs/reliability.md say who may do what in a table written from
//! `matrix/table.txt`, the matrix the authorization test walks, so the words cannot drift from
//! what is enforced. This test fails when either file's table differs from the matrix;
//! `LIAISON_BLESS_DOCS=1 cargo test -p liaison-web --test matrix_docs` rewrites them.

#[allow(dead_code)]
#[path = "matrix/table.rs"]
mod table;

use table::{Cell, Persona, Row};

/// The table's lines: what a person does, and the matrix row (route and subject) that says
/// who may.
const LINES: &[(&str, &str, &str)] = &[
    (
        "See a public concern",
        "GET /staff/concerns/{id}",
        "public concern",
    ),
    (
        "See a restricted concern",
        "GET /staff/concerns/{id}",
        "restricted concern",
    ),
    (
        "See a confidential concern",
        "GET /staff/concerns/{id}",
        "confidential concern",
    ),
    (
        "See who reported a concern",
        "GET /staff/concerns/{id}",
        "reporter identity",
    ),
    (
        "See who reported an anonymous concern",
        "GET /staff/concerns/{id}",
        "anonymous reporter",
    ),
    (
        "Read internal notes",
        "GET /staff/concerns/{id}",
        "internal notes",
    ),
    (
        "Find a concern by its reporter's name",
        "GET /staff/concerns",
        "search by reporter name",
    ),
    (
        "Record a concern",
        "POST /staff/concerns/new",
        "new concern",
    ),
    (
        "Move a concern through the workflow",
        "POST /staff/concerns/{id}/{form}",
        "act, public concern",
    ),
    (
        "Move a confidential concern through the workflow",
        "POST /staff/concerns/{id}/{form}",
        "act, confidential concern",
    ),
    (
        "Assign a concern",
        "POST /staff/concerns/{id}/{form}",
        "assign, public concern",
    ),
    (
        "Add an internal note",
        "POST /staff/concerns/{id}/{form}",
        "internal note, public concern",
    ),
    (
        "Publish an update to the reporter",
        "POST /staff/concerns/{id}/{form}",
        "public update, public concern",
    ),
    (
        "Mark a duplicate",
        "POST /staff/concerns/{id}/{form}",
        "duplicate, public concern",
    ),
    (
        "Attach an internal file",
        "POST /staff/concerns/{id}/attachments",
        "private file, public concern",
    ),
    (
        "Attach a file shown with a public concern",
        "POST /staff/concerns/{id}/attachments",
        "public file, public concern",
    ),
    (
        "Follow a concern with its tracking code",
        "POST /track",
        "confidential concern",
    ),
    (
        "See a public concern through Open311",
        "GET /open311/v2/requests/{file}",
        "public concern",
    ),
    (
        "See a restricted concern through Open311",
        "GET /open311/v2/requests/{file}",
        "restricted concern",
    ),
    (
        "Submit a concern through Open311",
        "POST /open311/v2/{file}",
        "new service request",
    ),
    (
        "Office settings, areas and categories",
        "GET /staff/admin",
        "office settings",
    ),
    ("Staff accounts", "GET /staff/admin/users", "users"),
    ("Open311 API keys", "GET /staff/admin/api-keys", "API keys"),
    ("The audit trail", "GET /staff/admin/audit", "audit entries"),
    (
        "See a person in the stakeholder register",
        "GET /staff/people/{id}",
        "person",
    ),
    (
        "See a confidential person (kept by the assigned officer)",
        "GET /staff/people/{id}",
        "confidential person",
    ),
    (
        "See a person's phones, emails and addresses",
        "GET /staff/people/{id}",
        "contact details",
    ),
    (
        "Find a person by phone number",
        "GET /staff/search",
        "person by phone",
    ),
    (
        "Add people and organizations",
        "POST /staff/people",
        "new person",
    ),
    (
        "Change a confidential person",
        "POST /staff/people/{id}",
        "confidential person",
    ),
    (
        "Plan an engagement",
        "POST /staff/engagements",
        "new engagement",
    ),
    (
        "See a confidential engagement",
        "GET /staff/engagements/{id}",
        "confidential engagement",
    ),
    (
        "See a survey's answers",
        "GET /staff/surveys/{id}/results",
        "answers, survey",
    ),
    (
        "Open a survey",
        "POST /staff/surveys/{id}/step",
        "open, survey",
    ),
];

/// The columns, as a reader names them.
fn heading(p: Persona) -> &'static str {
    match p {
        Persona::Anon => "anyone",
        Persona::Resident => "resident with the code",
        Persona::Viewer => "viewer",
        Persona::Officer => "officer, assigned",
        Persona::Officer2 => "officer, not assigned",
        Persona::Partner => "partner, assigned",
        Persona::Partner2 => "partner, not assigned",
        Persona::Supervisor => "supervisor",
        Persona::Admin => "administrator",
        Persona::Client => "Open311 client",
    }
}

fn word(c: Cell) -> &'static str {
    match c {
        Cell::Ok => "yes",
        Cell::No => "no",
        Cell::Hide => "not found",
        Cell::Deny => "refused",
        Cell::Auth => "sign in",
    }
}

const BEGIN: &str =
    "<!-- who-may: written from crates/web/tests/matrix/table.txt by tests/matrix_docs.rs -->";
const END: &str = "<!-- /who-may -->";

/// The block, markers included.
fn block(rows: &[Row]) -> String {
    let mut out = format!("{BEGIN}\n");
    out.push_str("| | ");
    out.push_str(&Persona::ALL.map(heading).join(" | "));
    out.push_str(" |\n|---|");
    out.push_str(&"---|".repeat(Persona::ALL.len()));
    out.push('\n');
    for (what, route, subject) in LINES {
        let row = rows
            .iter()
            .find(|r| format!("{} {}", r.method, r.path) == *route && r.subject == *subject)
            .unwrap_or_else(|| panic!("no matrix row `{route} | {subject}`"));
        out.push_str(&format!(
            "| {what} | {} |\n",
            row.cells.map(word).join(" | ")
        ));
    }
    out.push_str(
        "\n*yes*: allowed. *no*: the page or answer comes without it. *not found*: the same \
         answer as for a record that does not exist. *refused*: 403. *sign in*: needs a \
         credential this interface accepts. The JSON API answers as the staff pages do, with \
         the caller's role. Every route, for every role, is in \
         `crates/web/tests/matrix/table.txt`.\n",
    );
    out.push_str(END);
    out
}

#[test]
fn readme_and_reliability_say_what_the_matrix_enforces() {
    let want = block(&table::rows());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bless = std::env::var("LIAISON_BLESS_DOCS").is_ok_and(|v| v == "1");
    for file in ["README.md", "docs/reliability.md"] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect(file);
        let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
            panic!("{file} has no who-may table (markers {BEGIN:?} … {END:?})");
        };
        let have = &text[start..end + END.len()];
        if have == want {
            continue;
        }
        if bless {
            let new = format!("{}{want}{}", &text[..start], &text[end + END.len()..]);
            std::fs::write(&path, new).expect(file);
        } else {
            panic!(
                "{file}'s who-may table differs from the matrix; rewrite it with \
                 LIAISON_BLESS_DOCS=1 cargo test -p liaison-web --test matrix_docs\n\
                 expected:\n{want}"
            );
        }
    }
}
