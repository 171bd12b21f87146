//! The spreadsheet read back by calamine, a reader that is not ours.

mod common;

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Range, Reader, StyleRange, Xlsx};
use common::{day, english, long, monthly, spanish};
use liaison_documents::{xlsx, DocumentError};
use liaison_domain::reports::{Cell, Chart};

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

/// The row whose first cell is `text`.
fn find(range: &Range<Data>, text: &str) -> u32 {
    range
        .rows()
        .position(|r| matches!(r.first(), Some(Data::String(s)) if s == text))
        .map(|i| i as u32 + range.start().map_or(0, |s| s.0))
        .unwrap_or_else(|| panic!("no row starts with {text:?}"))
}

fn value(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn number(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match value(range, row, col) {
        Data::Float(f) => f,
        other => panic!("({row}, {col}) holds {other:?}, not a number"),
    }
}

/// The day an Excel serial number stands for (1900 date system).
fn serial(d: chrono::NaiveDate) -> f64 {
    (d - day(1899, 12, 30)).num_days() as f64
}

fn format(styles: &StyleRange, row: u32, col: u32) -> String {
    styles
        .get((row, col))
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone())
        .unwrap_or_default()
}

fn bold(styles: &StyleRange, row: u32, col: u32) -> bool {
    styles
        .get((row, col))
        .and_then(|s| s.font.as_ref())
        .is_some_and(|f| f.is_bold())
}

#[test]
fn numbers_dates_and_totals_are_real_cells() {
    let mut book = open(xlsx(&monthly(), &spanish()).expect("written"));
    assert_eq!(
        book.sheet_names(),
        vec!["Por categoría", "Por semana", "Por canal"]
    );

    let range = book.worksheet_range("Por categoría").expect("sheet");
    let styles = book.worksheet_style("Por categoría").expect("styles");
    // The header block.
    assert_eq!(
        value(&range, 0, 0),
        Data::String("Oficina de Enlace Comunitario del Valle Norte".into())
    );
    assert_eq!(
        value(&range, 1, 0),
        Data::String("Inquietudes, marzo de 2026".into())
    );
    find(&range, "Periodo: 2026-03-01 \u{2013} 2026-03-31");
    find(&range, "Comparado con: 2026-02-01 \u{2013} 2026-02-28");
    find(&range, "Filtros: Área: Norte; Canal: teléfono");
    find(&range, "Elaborado el: 2026-04-01");

    let head = find(&range, "Categoría");
    assert_eq!(
        value(&range, head, 3),
        Data::String("Tiempo de resolución (horas)".into())
    );
    let water = head + 1;
    assert_eq!(
        value(&range, water, 0),
        Data::String("Agua y saneamiento".into())
    );
    assert_eq!(number(&range, water, 1), 12.0);
    assert_eq!(number(&range, water, 2), 0.75);
    assert_eq!(format(&styles, water, 2), "0.0%");
    assert_eq!(number(&range, water, 3), 1.5);
    assert_eq!(format(&styles, water, 3), "0.0");
    assert_eq!(number(&range, water + 1, 1), 1234.0);
    assert_eq!(number(&range, water + 1, 3), 25.0);
    assert_eq!(value(&range, water + 2, 2), Data::Empty);
    assert!(!bold(&styles, water, 1));

    let totals = find(&range, "Total");
    assert_eq!(number(&range, totals, 1), 1246.0);
    assert_eq!(number(&range, totals, 2), 0.131);
    assert_eq!(number(&range, totals, 3), 24.4);
    assert!(bold(&styles, totals, 0) && bold(&styles, totals, 1) && bold(&styles, totals, 3));

    let range = book.worksheet_range("Por semana").expect("sheet");
    let styles = book.worksheet_style("Por semana").expect("styles");
    let first = find(&range, "Semana") + 1;
    match value(&range, first, 0) {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            assert_eq!(d.as_f64(), serial(day(2026, 3, 2)));
        }
        other => panic!("a week's first day is {other:?}, not a date"),
    }
    assert_eq!(format(&styles, first, 0), "yyyy-mm-dd");
    assert_eq!(number(&range, first + 3, 1), 13.0);
    assert_eq!(number(&range, find(&range, "Total"), 2), 32.0);
}

#[test]
fn sections_with_a_chart_get_a_native_chart() {
    let bytes = xlsx(&monthly(), &english()).expect("written");
    // The package's parts, named in the zip's headers: two of the three sections have one.
    let has = |part: &str| bytes.windows(part.len()).any(|w| w == part.as_bytes());
    assert!(has("xl/charts/chart1.xml"));
    assert!(has("xl/charts/chart2.xml"));
    assert!(!has("xl/charts/chart3.xml"));
}

#[test]
fn a_chart_over_rows_split_by_a_total_reads_them_all() {
    let mut report = monthly();
    let table = &mut report.sections[1].table;
    let subtotal = table.rows.remove(4);
    table.rows.insert(2, subtotal);
    let mut book = open(xlsx(&report, &english()).expect("written"));
    let range = book.worksheet_range("Por semana").expect("sheet");
    // The table is unchanged; the chart's copy of its rows without the total follows it.
    let head = find(&range, "Semana");
    assert_eq!(value(&range, head + 3, 0), Data::String("Total".into()));
    assert_eq!(value(&range, head, 4), Data::String("Semana".into()));
    assert_eq!(number(&range, head + 4, 5), 13.0);
}

#[test]
fn sheet_names_are_made_valid_and_unique() {
    let headings = [
        "Tiempos: acuse/resolución [horas] por área geográfica",
        "Tiempos: acuse/resolución [horas] por área geográfica",
        "History",
        "'",
    ];
    let mut book = open(xlsx(&long(&headings, 2), &english()).expect("written"));
    let names = book.sheet_names();
    assert_eq!(names.len(), 4);
    for name in &names {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
    }
    assert_eq!(names[0], "Tiempos- acuse-resolución -hora");
    assert_eq!(names[1], "Tiempos- acuse-resolución - (2)");
    assert_eq!(names[2], "History (2)");
    assert_eq!(names[3], "Sheet4");
    let range = book.worksheet_range(&names[1]).expect("sheet");
    find(&range, headings[1]);
}

#[test]
fn five_hundred_rows_are_written() {
    let report = long(&["By category", "By area", "By officer"], 500);
    let mut book = open(xlsx(&report, &english()).expect("written"));
    for name in ["By category", "By area", "By officer"] {
        let range = book.worksheet_range(name).expect("sheet");
        let head = find(&range, "Category");
        assert_eq!(number(&range, head + 500, 1), 1498.0);
        assert_eq!(number(&range, find(&range, "Total"), 1), 9.0);
        assert!(matches!(value(&range, head + 500, 4), Data::DateTime(_)));
    }
}

#[test]
fn a_report_that_does_not_fit_its_tables_is_refused() {
    let mut report = monthly();
    report.sections[0].table.rows[0].cells.push(Cell::Count(1));
    assert!(matches!(
        xlsx(&report, &english()),
        Err(DocumentError::RowShape {
            row: 0,
            cells: 4,
            columns: 4,
            ..
        })
    ));
    let mut report = monthly();
    report.sections[2].chart = Some(Chart { series: vec![1] });
    assert!(matches!(
        liaison_documents::pdf(&report, &english()),
        Err(DocumentError::ChartSeries {
            series: 1,
            cells: 1,
            ..
        })
    ));
}

#[test]
fn a_report_without_sections_is_its_header() {
    let mut report = monthly();
    report.sections.clear();
    let mut book = open(xlsx(&report, &english()).expect("written"));
    let names = book.sheet_names();
    assert_eq!(names.len(), 1);
    let range = book.worksheet_range(&names[0]).expect("sheet");
    find(&range, "Oficina de Enlace Comunitario del Valle Norte");
    find(&range, "Made on: 2026-04-01");
}
