//! A report written as files: a spreadsheet ([`xlsx`]) with real number, percentage and
//! date cells and a native chart per section, and a printable A4 PDF ([`pdf`]) with the
//! office's name, bar charts and tables.
//!
//! Both are written from one [`Report`], whose texts are already translated; the few words
//! the files need beyond them come from the caller in [`Labels`]. Numbers stay numbers in
//! the spreadsheet; the PDF writes them as [`Cell::plain`] does (shares as `12.5%`,
//! durations in hours with one decimal, days in ISO 8601).
//!
//! The PDF uses the standard Helvetica fonts every PDF reader has, in WinAnsiEncoding: it
//! covers English, Spanish, French and the other languages of Western Europe. A character
//! outside it (Greek, Cyrillic, Arabic, CJK, most emoji) is written as `?`.

use chrono::NaiveDate;
use liaison_domain::reports::{Cell, Report, Row, Section};

mod pdf;
mod xlsx;

/// Every word the files need beyond the report's own texts, in the reader's language. Each
/// is written followed by `": "` and its value, except `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Before the first and last day the report covers ("Period").
    pub period: String,
    /// Before the period it is compared with, when it is ("Compared with").
    pub compared_with: String,
    /// Before the day the report was made, in UTC ("Made on").
    pub made_on: String,
    /// The PDF's page numbers, "Page {n} of {total}": `{n}` is replaced by the page's number
    /// and `{total}` by the number of pages.
    pub page: String,
    /// Before the filters the report was made with, when there are any ("Filters").
    pub filters: String,
}

/// Why a report could not be written as a file.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A row has not one cell per column after the first.
    #[error("section \"{heading}\": row {row} has {cells} cells for {columns} columns")]
    RowShape {
        /// The section's heading.
        heading: String,
        /// The row's index, from 0.
        row: usize,
        /// How many cells it has.
        cells: usize,
        /// How many columns the table has, the labels' included.
        columns: usize,
    },
    /// A chart draws a series that is not one of the table's value columns.
    #[error(
        "section \"{heading}\": chart series {series} is not one of its {cells} value columns"
    )]
    ChartSeries {
        /// The section's heading.
        heading: String,
        /// The series' index into the rows' cells.
        series: usize,
        /// How many value columns the table has.
        cells: usize,
    },
    /// The spreadsheet writer failed.
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// The report as an XLSX workbook: one worksheet per section, under a block naming the
/// office, the title, the period (and the one compared with), the filters and the day it
/// was made. Counts are number cells, shares number cells formatted `0.0%`, durations
/// numbers of hours with one decimal, days date cells formatted `yyyy-mm-dd`; totals are
/// bold; the rows above the table's first row stay in view when scrolling. A section with
/// a chart gets a native Excel column chart of its series over the rows that are not
/// totals.
pub fn xlsx(report: &Report, labels: &Labels) -> Result<Vec<u8>, DocumentError> {
    check(report)?;
    xlsx::write(report, labels)
}

/// The report as a printable A4 PDF: the office's name and the title on top, the period,
/// the one compared with and the filters, then each section's heading, bar chart (with a
/// legend) and table, whose rows break across pages under a repeated heading row. Every
/// page ends with the day the report was made and "Page n of N". Texts too long for their
/// column are cut short with "…"; characters outside WinAnsiEncoding are written as `?`.
pub fn pdf(report: &Report, labels: &Labels) -> Result<Vec<u8>, DocumentError> {
    check(report)?;
    Ok(pdf::write(report, labels))
}

/// Refuses a report whose rows or charts do not match their tables' columns, so neither
/// format drops or invents a value.
fn check(report: &Report) -> Result<(), DocumentError> {
    for section in &report.sections {
        let columns = section.table.columns.len();
        for (row, r) in section.table.rows.iter().enumerate() {
            if r.cells.len() + 1 != columns {
                return Err(DocumentError::RowShape {
                    heading: section.heading.clone(),
                    row,
                    cells: r.cells.len(),
                    columns,
                });
            }
        }
        let cells = columns.saturating_sub(1);
        if let Some(&series) = section
            .chart
            .iter()
            .flat_map(|c| &c.series)
            .find(|&&s| s >= cells)
        {
            return Err(DocumentError::ChartSeries {
                heading: section.heading.clone(),
                series,
                cells,
            });
        }
    }
    Ok(())
}

/// The lines under the title: the period, the one compared with, the filters.
fn header_lines(report: &Report, labels: &Labels) -> Vec<String> {
    let mut lines = vec![format!("{}: {}", labels.period, span(report.period))];
    if let Some(previous) = report.previous {
        lines.push(format!("{}: {}", labels.compared_with, span(previous)));
    }
    if !report.filters.is_empty() {
        lines.push(format!("{}: {}", labels.filters, report.filters.join("; ")));
    }
    lines
}

/// "Made on: 2026-04-01", the UTC day the report was made.
fn made_on(report: &Report, labels: &Labels) -> String {
    let day = chrono::DateTime::from_timestamp(report.made_at, 0)
        .map(|t| t.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    format!("{}: {}", labels.made_on, day)
}

/// A period as "2026-03-01 – 2026-03-31".
fn span((first, last): (NaiveDate, NaiveDate)) -> String {
    format!(
        "{} \u{2013} {}",
        first.format("%Y-%m-%d"),
        last.format("%Y-%m-%d")
    )
}

/// A duration in hours, rounded to one decimal as the report shows it.
fn hours(seconds: i64) -> f64 {
    (seconds as f64 / 360.0).round() / 10.0
}

/// The number a chart draws for a cell: counts as they are, shares as percentages,
/// durations in hours; nothing else is drawn.
fn chart_value(cell: &Cell) -> f64 {
    match cell {
        Cell::Count(n) => *n as f64,
        Cell::Share(s) => s * 100.0,
        Cell::Seconds(s) => hours(*s),
        Cell::Text(_) | Cell::Day(_) | Cell::Empty => 0.0,
    }
}

/// The rows a section's chart draws: all but the totals.
fn charted_rows(section: &Section) -> impl Iterator<Item = (usize, &Row)> {
    section
        .table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.total)
}
