//! The report as an XLSX workbook, one worksheet per section.

use std::collections::HashSet;

use chrono::Datelike;
use liaison_domain::reports::{Cell, Report, Section};
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, ColNum, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::{charted_rows, header_lines, hours, made_on, DocumentError, Labels};

/// Excel's limit on a worksheet's name, in characters.
const SHEET_NAME_MAX: usize = 31;

pub(crate) fn write(report: &Report, labels: &Labels) -> Result<Vec<u8>, DocumentError> {
    let formats = Formats::new();
    let mut block = vec![
        (report.office.as_str(), &formats.office),
        (report.title.as_str(), &formats.title),
    ];
    let lines = header_lines(report, labels);
    let made = made_on(report, labels);
    block.extend(lines.iter().map(|l| (l.as_str(), &formats.plain)));
    block.push((made.as_str(), &formats.plain));

    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(report.title.as_str())
        .set_company(report.office.as_str());
    workbook.set_properties(&properties);
    let mut names = SheetNames::default();
    for (index, section) in report.sections.iter().enumerate() {
        let name = names.take(&section.heading, index);
        let sheet = workbook.add_worksheet();
        sheet.set_name(name.as_str())?;
        let row = write_block(sheet, &block)? + 1;
        sheet.write_string_with_format(row, 0, section.heading.as_str(), &formats.title)?;
        write_section(sheet, &name, section, row + 1, &formats)?;
    }
    if report.sections.is_empty() {
        // A workbook needs a worksheet; this one holds the block alone.
        write_block(workbook.add_worksheet(), &block)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Writes the block of lines above the section, one a row from the first; returns the row
/// after it.
fn write_block(sheet: &mut Worksheet, block: &[(&str, &Format)]) -> Result<RowNum, XlsxError> {
    let mut row = 0;
    for (text, format) in block {
        sheet.write_string_with_format(row, 0, *text, format)?;
        row += 1;
    }
    Ok(row)
}

/// The cell formats, plain and bold (totals).
struct Formats {
    office: Format,
    title: Format,
    plain: Format,
    heading: Format,
    heading_number: Format,
    cells: [Format; 10],
}

impl Formats {
    fn new() -> Formats {
        let kinds = [
            Format::new(),
            Format::new().set_num_format("#,##0"),
            Format::new().set_num_format("0.0%"),
            Format::new().set_num_format("0.0"),
            Format::new().set_num_format("yyyy-mm-dd"),
        ];
        let bold = kinds
            .clone()
            .map(|f| f.set_bold().set_border_top(FormatBorder::Thin));
        let [a, b, c, d, e] = kinds;
        let [f, g, h, i, j] = bold;
        let heading = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_border_bottom(FormatBorder::Thin);
        Formats {
            office: Format::new().set_bold().set_font_size(14),
            title: Format::new().set_bold().set_font_size(12),
            plain: Format::new(),
            heading_number: heading.clone().set_align(FormatAlign::Right),
            heading,
            cells: [a, b, c, d, e, f, g, h, i, j],
        }
    }

    /// The format of a cell: text, count, share, hours or day, in bold on a total row.
    fn of(&self, cell: &Cell, total: bool) -> &Format {
        let kind = match cell {
            Cell::Text(_) | Cell::Empty => 0,
            Cell::Count(_) => 1,
            Cell::Share(_) => 2,
            Cell::Seconds(_) => 3,
            Cell::Day(_) => 4,
        };
        &self.cells[kind + if total { 5 } else { 0 }]
    }
}

/// Writes a section's table from `top` (its heading row), sets its columns' widths,
/// freezes the rows above its first row, has printed pages repeat its heading row, and
/// adds its chart.
fn write_section(
    sheet: &mut Worksheet,
    name: &str,
    section: &Section,
    top: RowNum,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let table = &section.table;
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|col| {
            table.rows.iter().any(|r| {
                let cell = if col == 0 {
                    &r.label
                } else {
                    &r.cells[col - 1]
                };
                !matches!(cell, Cell::Text(_) | Cell::Empty)
            })
        })
        .collect();
    for ((col, heading), &numeric) in (0..).zip(&table.columns).zip(&numeric) {
        let format = if numeric && col > 0 {
            &formats.heading_number
        } else {
            &formats.heading
        };
        sheet.write_string_with_format(top, col, heading.as_str(), format)?;
    }
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
    for (row, r) in (top + 1..).zip(&table.rows) {
        for (col, cell) in (0..).zip(std::iter::once(&r.label).chain(&r.cells)) {
            write_cell(sheet, row, col, cell, formats.of(cell, r.total))?;
            let width = &mut widths[usize::from(col)];
            *width = (*width).max(cell.plain().chars().count());
        }
    }
    for (col, width) in (0..).zip(&widths) {
        sheet.set_column_width(col, (*width).clamp(8, 50) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(top + 1, 0)?;
    // Printed, the table is a page wide and every page repeats its heading row.
    sheet.set_repeat_rows(top, top)?;
    sheet.set_print_fit_to_pages(1, 0);
    if section.chart.is_some() {
        add_chart(sheet, name, section, top, formats)?;
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) => sheet.write_string_with_format(row, col, t.as_str(), format)?,
        Cell::Count(n) => sheet.write_number_with_format(row, col, *n as f64, format)?,
        Cell::Share(s) => sheet.write_number_with_format(row, col, *s, format)?,
        Cell::Seconds(s) => sheet.write_number_with_format(row, col, hours(*s), format)?,
        Cell::Day(d) => match date(*d) {
            Some(day) => sheet.write_datetime_with_format(row, col, &day, format)?,
            // Excel has no day before 1900 or after 9999: such a day stays readable as text.
            None => sheet.write_string_with_format(row, col, cell.plain(), format)?,
        },
        Cell::Empty => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

fn date(day: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(day.year()).ok()?;
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).ok()
}

/// A column chart of the section's series over its rows that are not totals, beside the
/// table. When totals sit between those rows, the chart reads a copy of them written in
/// hidden columns past the table, since a chart's range is one block of cells.
fn add_chart(
    sheet: &mut Worksheet,
    name: &str,
    section: &Section,
    top: RowNum,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let Some(spec) = &section.chart else {
        return Ok(());
    };
    let table = &section.table;
    let rows: Vec<RowNum> = charted_rows(section)
        .map(|(i, _)| top + 1 + i as RowNum)
        .collect();
    let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
        return Ok(());
    };
    let width = table.columns.len() as ColNum;
    // The label column and each series' column, where the chart reads them.
    let mut columns: Vec<ColNum> = std::iter::once(0)
        .chain(spec.series.iter().map(|&s| s as ColNum + 1))
        .collect();
    let (first, last) = if (last - first) as usize + 1 == rows.len() {
        (first, last)
    } else {
        let copy = width + 1;
        for (i, &source) in columns.iter().enumerate() {
            let col = copy + i as ColNum;
            let heading = table.columns[usize::from(source)].as_str();
            sheet.write_string(top, col, heading)?;
            for (row, (_, r)) in (top + 1..).zip(charted_rows(section)) {
                let cell = if source == 0 {
                    &r.label
                } else {
                    &r.cells[usize::from(source) - 1]
                };
                write_cell(sheet, row, col, cell, formats.of(cell, false))?;
            }
            sheet.set_column_hidden(col)?;
        }
        columns = (copy..copy + columns.len() as ColNum).collect();
        (top + 1, top + rows.len() as RowNum)
    };
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(section.heading.as_str());
    chart.legend().set_position(ChartLegendPosition::Bottom);
    for &col in &columns[1..] {
        chart
            .add_series()
            .set_name((name, top, col))
            .set_categories((name, first, columns[0], last, columns[0]))
            .set_values((name, first, col, last, col));
    }
    let at = columns.last().copied().unwrap_or(width).max(width) + 1;
    sheet.insert_chart(top, at, &chart)?;
    Ok(())
}

/// Worksheet names as Excel takes them: at most 31 characters, none of `[]:*?/\`, not
/// starting or ending with an apostrophe, unique whatever their case, never "History".
#[derive(Default)]
struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    fn take(&mut self, heading: &str, index: usize) -> String {
        let cleaned: String = heading
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
        let base = if cleaned.is_empty() {
            format!("Sheet{}", index + 1)
        } else {
            cleaned.to_string()
        };
        let mut name = shorten(&base, SHEET_NAME_MAX);
        let mut n = 1;
        while !self.free(&name) {
            n += 1;
            let suffix = format!(" ({n})");
            name = shorten(&base, SHEET_NAME_MAX - suffix.len()) + &suffix;
        }
        self.taken.insert(name.to_lowercase());
        name
    }

    fn free(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        lower != "history" && !self.taken.contains(&lower)
    }
}

/// The first `max` characters, without an apostrophe or space left at the end.
fn shorten(text: &str, max: usize) -> String {
    let cut: String = text.chars().take(max).collect();
    cut.trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(
            names.take("By area: north/south", 0),
            "By area- north-south"
        );
        let long = "A heading far longer than thirty-one characters";
        let first = names.take(long, 1);
        let second = names.take(long, 2);
        assert_eq!(first.chars().count(), 31);
        assert!(second.ends_with(" (2)") && second.chars().count() <= 31);
        assert_ne!(first.to_lowercase(), second.to_lowercase());
        assert_eq!(names.take("'quoted'", 3), "quoted");
        assert_eq!(names.take("???", 4), "---");
        assert_eq!(names.take("", 5), "Sheet6");
        assert_eq!(names.take("History", 6), "History (2)");
        assert_eq!(
            names.take("BY AREA- NORTH-SOUTH", 7),
            "BY AREA- NORTH-SOUTH (2)"
        );
    }
}
