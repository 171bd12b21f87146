//! The matrix as data: `table.txt` read into rows of cells, and the check that its rows and
//! the server's routes (`liaison_web::routes()`) name each other.

use std::collections::BTreeSet;

/// Who asks: the table's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Persona {
    Anon,
    Resident,
    Viewer,
    Officer,
    Officer2,
    Partner,
    Partner2,
    Supervisor,
    Admin,
    Client,
}

impl Persona {
    /// Every column, in the table's order.
    pub const ALL: [Persona; 10] = [
        Persona::Anon,
        Persona::Resident,
        Persona::Viewer,
        Persona::Officer,
        Persona::Officer2,
        Persona::Partner,
        Persona::Partner2,
        Persona::Supervisor,
        Persona::Admin,
        Persona::Client,
    ];

    /// The column's heading.
    pub fn column(self) -> &'static str {
        [
            "anon", "res", "view", "off", "off2", "ptn", "ptn2", "sup", "admin", "311",
        ][self as usize]
    }

    /// The staff role this persona signs in with, if any.
    pub fn role(self) -> Option<&'static str> {
        match self {
            Persona::Viewer => Some("viewer"),
            Persona::Officer | Persona::Officer2 => Some("officer"),
            Persona::Partner | Persona::Partner2 => Some("partner"),
            Persona::Supervisor => Some("supervisor"),
            Persona::Admin => Some("administrator"),
            Persona::Anon | Persona::Resident | Persona::Client => None,
        }
    }

    /// Whether this persona works with the copy of each concern assigned to the partner.
    pub fn uses_partner_copy(self) -> bool {
        matches!(self, Persona::Partner | Persona::Partner2)
    }
}

/// What a cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Ok,
    No,
    Hide,
    Deny,
    Auth,
}

impl Cell {
    fn parse(s: &str) -> Option<Cell> {
        Some(match s {
            "ok" => Cell::Ok,
            "no" => Cell::No,
            "hide" => Cell::Hide,
            "deny" => Cell::Deny,
            "auth" => Cell::Auth,
            _ => return None,
        })
    }
}

/// One row: a route, a subject, and a cell per persona.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its line in `table.txt`, for messages.
    pub line: usize,
    pub method: String,
    pub path: String,
    pub subject: String,
    pub cells: [Cell; 10],
}

impl Row {
    /// `GET /path | subject`, as written in the table.
    pub fn name(&self) -> String {
        format!("{} {} | {}", self.method, self.path, self.subject)
    }
}

/// The table's text.
pub const TABLE: &str = include_str!("table.txt");

/// The rows of `table.txt`; a malformed line fails with its number.
pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [route, subject, cells] = parts[..] else {
            panic!("table.txt:{line_no}: expected `METHOD /path | subject | cells`");
        };
        let Some((method, path)) = route.split_once(' ') else {
            panic!("table.txt:{line_no}: expected `METHOD /path`");
        };
        let cells: Vec<Cell> = cells
            .split_whitespace()
            .map(|c| {
                Cell::parse(c).unwrap_or_else(|| panic!("table.txt:{line_no}: unknown cell {c:?}"))
            })
            .collect();
        let Ok(cells) = <[Cell; 10]>::try_from(cells) else {
            panic!("table.txt:{line_no}: expected 10 cells, one per column");
        };
        rows.push(Row {
            line: line_no,
            method: method.trim().to_string(),
            path: path.trim().to_string(),
            subject: subject.to_string(),
            cells,
        });
    }
    rows
}

/// Fails unless every route the server has is named by a row, every row names a route,
/// and no row is written twice.
pub fn check_routes(rows: &[Row]) {
    let served: BTreeSet<(String, String)> = liaison_web::routes()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let named: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let unnamed: Vec<String> = served
        .difference(&named)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        unnamed.is_empty(),
        "routes without a row in tests/matrix/table.txt (say who may use them): {unnamed:#?}"
    );
    let unknown: Vec<String> = rows
        .iter()
        .filter(|r| !served.contains(&(r.method.clone(), r.path.clone())))
        .map(|r| format!("table.txt:{}: {}", r.line, r.name()))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows naming no route the server has: {unknown:#?}"
    );
    let mut seen = BTreeSet::new();
    for r in rows {
        assert!(
            seen.insert(r.name()),
            "table.txt:{}: {} is written twice",
            r.line,
            r.name()
        );
    }
}
