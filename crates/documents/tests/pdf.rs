//! The PDF read back by lopdf, a reader that is not ours.

mod common;

use common::{english, long, monthly, spanish};
use liaison_documents::pdf;
use lopdf::Document;

/// Each page's text, as lopdf extracts it, with line breaks and runs of spaces as single
/// spaces.
fn pages(bytes: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let count = doc.get_pages().len() as u32;
    (1..=count)
        .map(|n| {
            let text = doc.extract_text(&[n]).expect("text extracted");
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn has(page: &str, text: &str) {
    assert!(page.contains(text), "{text:?} is not in {page:?}");
}

#[test]
fn the_report_reads_back_with_its_accents() {
    let bytes = pdf(&monthly(), &spanish()).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pages(&bytes);
    let all = pages.join(" ");
    has(&pages[0], "Oficina de Enlace Comunitario del Valle Norte");
    has(&pages[0], "Inquietudes, marzo de 2026");
    has(&pages[0], "Periodo: 2026-03-01 \u{2013} 2026-03-31");
    has(&pages[0], "Comparado con: 2026-02-01 \u{2013} 2026-02-28");
    has(&pages[0], "Filtros: Área: Norte; Canal: teléfono");
    for heading in ["Por categoría", "Por semana", "Por canal"] {
        has(&all, heading);
    }
    // Column headings and cells: counts, shares, hours, days, the total, accents.
    has(
        &all,
        "Categoría Recibidas Acusadas a tiempo Tiempo de resolución (horas)",
    );
    has(&all, "Agua y saneamiento 12 75.0% 1.5");
    has(&all, "Total 1246 13.1% 24.4");
    has(&all, "2026-03-23 13 8");
    has(&all, "Teléfono 700");
    // The long label is cut short with an ellipsis rather than run over the numbers.
    has(&all, "Más ruido nocturno de lo habitual");
    assert!(!all.contains("mercado"));
    has(&all, "\u{2026} 1234 12.5% 25.0");
    // Every page's footer.
    let count = pages.len();
    for (n, page) in pages.iter().enumerate() {
        has(page, "Elaborado el: 2026-04-01");
        has(page, &format!("Página {} de {count}", n + 1));
    }
}

#[test]
fn rows_break_across_pages_under_their_heading_row() {
    let bytes = pdf(&long(&["By category"], 60), &english()).expect("written");
    let pages = pages(&bytes);
    assert_eq!(pages.len(), 2);
    has(&pages[0], "North Valley Liaison Office");
    has(&pages[0], "Page 1 of 2");
    has(&pages[0], "Category number 0 1 0.0% 0.0 2026-01-01");
    has(&pages[1], "Page 2 of 2");
    // The heading row again at the top of the second page, then the rows that follow.
    has(
        &pages[1],
        "Category Received Resolved on time Hours to resolve First received",
    );
    has(&pages[1], "Category number 59 178 33.1% 29.5 2026-03-01");
    has(&pages[1], "Total 9");
    let rows: usize = pages
        .iter()
        .map(|p| p.matches("Category number ").count())
        .sum();
    // Every row once in the table; the chart's labels are cut short ("Catego…").
    assert_eq!(rows, 60);
}

#[test]
fn text_outside_winansi_is_a_question_mark() {
    let mut report = monthly();
    report.office = "Office Ωмега".into();
    let pages = pages(&pdf(&report, &english()).expect("written"));
    has(&pages[0], "Office ?????");
}

#[test]
fn five_hundred_rows_are_written() {
    let report = long(&["By category", "By area", "By officer"], 500);
    let bytes = pdf(&report, &english()).expect("written");
    let pages = pages(&bytes);
    let count = pages.len();
    assert!(count > 30, "{count} pages");
    has(&pages[count - 1], &format!("Page {count} of {count}"));
    has(&pages[count - 1], "Category number 499 1498 33.3% 249.5");
    let all = pages.join(" ");
    for heading in ["By category", "By area", "By officer"] {
        has(&all, heading);
    }
}

#[test]
fn a_report_without_sections_is_its_header() {
    let mut report = monthly();
    report.sections.clear();
    let pages = pages(&pdf(&report, &english()).expect("written"));
    assert_eq!(pages.len(), 1);
    has(&pages[0], "Inquietudes, marzo de 2026");
    has(&pages[0], "Page 1 of 1");
}
