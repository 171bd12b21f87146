//! Reports to write in the tests.

#![allow(dead_code)]

use chrono::NaiveDate;
use liaison_documents::Labels;
use liaison_domain::reports::{Cell, Chart, Report, Row, Section, Standard, Table};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

pub fn english() -> Labels {
    Labels {
        period: "Period".into(),
        compared_with: "Compared with".into(),
        made_on: "Made on".into(),
        page: "Page {n} of {total}".into(),
        filters: "Filters".into(),
    }
}

pub fn spanish() -> Labels {
    Labels {
        period: "Periodo".into(),
        compared_with: "Comparado con".into(),
        made_on: "Elaborado el".into(),
        page: "Página {n} de {total}".into(),
        filters: "Filtros".into(),
    }
}

pub fn text(t: &str) -> Cell {
    Cell::Text(t.into())
}

pub fn row(label: Cell, cells: Vec<Cell>) -> Row {
    Row {
        label,
        cells,
        total: false,
    }
}

pub fn total(label: &str, cells: Vec<Cell>) -> Row {
    Row {
        label: text(label),
        cells,
        total: true,
    }
}

/// A Spanish monthly report: concerns by category (with a chart of one series), by week
/// (days as labels, a chart of two series) and by channel (no chart).
pub fn monthly() -> Report {
    let categories = Section {
        heading: "Por categoría".into(),
        table: Table {
            columns: vec![
                "Categoría".into(),
                "Recibidas".into(),
                "Acusadas a tiempo".into(),
                "Tiempo de resolución (horas)".into(),
            ],
            rows: vec![
                row(
                    text("Agua y saneamiento"),
                    vec![Cell::Count(12), Cell::Share(0.75), Cell::Seconds(5400)],
                ),
                row(
                    text("Más ruido nocturno de lo habitual cerca de la zona industrial del puerto viejo y del mercado"),
                    vec![Cell::Count(1234), Cell::Share(0.125), Cell::Seconds(90_000)],
                ),
                row(text("Caminos"), vec![Cell::Count(0), Cell::Empty, Cell::Empty]),
                total(
                    "Total",
                    vec![Cell::Count(1246), Cell::Share(0.131), Cell::Seconds(88_000)],
                ),
            ],
        },
        chart: Some(Chart { series: vec![0] }),
    };
    let weeks = Section {
        heading: "Por semana".into(),
        table: Table {
            columns: vec!["Semana".into(), "Recibidas".into(), "Resueltas".into()],
            rows: (0..4)
                .map(|w| {
                    row(
                        Cell::Day(day(2026, 3, 2 + 7 * w)),
                        vec![Cell::Count(10 + i64::from(w)), Cell::Count(8)],
                    )
                })
                .chain([total("Total", vec![Cell::Count(46), Cell::Count(32)])])
                .collect(),
        },
        chart: Some(Chart { series: vec![0, 1] }),
    };
    let channels = Section {
        heading: "Por canal".into(),
        table: Table {
            columns: vec!["Canal".into(), "Recibidas".into()],
            rows: vec![
                row(text("Teléfono"), vec![Cell::Count(700)]),
                row(text("Portal"), vec![Cell::Count(546)]),
            ],
        },
        chart: None,
    };
    Report {
        standard: Standard::Concerns,
        title: "Inquietudes, marzo de 2026".into(),
        office: "Oficina de Enlace Comunitario del Valle Norte".into(),
        period: (day(2026, 3, 1), day(2026, 3, 31)),
        previous: Some((day(2026, 2, 1), day(2026, 2, 28))),
        filters: vec!["Área: Norte".into(), "Canal: teléfono".into()],
        sections: vec![categories, weeks, channels],
        made_at: 1_775_001_600, // 2026-04-01 00:00 UTC
    }
}

/// A report with one section of `rows` rows (and a total) per heading, each charted.
pub fn long(headings: &[&str], rows: usize) -> Report {
    let sections = headings
        .iter()
        .map(|heading| Section {
            heading: (*heading).into(),
            table: Table {
                columns: vec![
                    "Category".into(),
                    "Received".into(),
                    "Resolved on time".into(),
                    "Hours to resolve".into(),
                    "First received".into(),
                ],
                rows: (0..rows)
                    .map(|i| {
                        let n = i as i64;
                        row(
                            text(&format!("Category number {i}")),
                            vec![
                                Cell::Count(n * 3 + 1),
                                Cell::share(n, n * 3 + 1),
                                Cell::Seconds(n * 1800),
                                Cell::Day(day(2026, 1, 1) + chrono::Days::new(i as u64 % 365)),
                            ],
                        )
                    })
                    .chain([total(
                        "Total",
                        vec![Cell::Count(9), Cell::Empty, Cell::Empty, Cell::Empty],
                    )])
                    .collect(),
            },
            chart: Some(Chart { series: vec![0] }),
        })
        .collect();
    Report {
        standard: Standard::Concerns,
        title: "Concerns, 2026".into(),
        office: "North Valley Liaison Office".into(),
        period: (day(2026, 1, 1), day(2026, 12, 31)),
        previous: None,
        filters: Vec::new(),
        sections,
        made_at: 1_798_761_600,
    }
}
