//! A section's table: columns sized to their contents within the body's width, headings
//! wrapped over up to three lines, numbers right-aligned, totals in bold under a rule, and
//! the heading row repeated on every page the rows run onto.

use liaison_domain::reports::{self, Cell};
use pdf_writer::Content;

use super::metrics::{self, Font};
use super::{rule, show, Layout, MARGIN, WIDTH};

/// The cells' text size and a row's height.
const SIZE: f32 = 9.0;
pub(super) const ROW_HEIGHT: f32 = 14.0;
/// Space between a cell's edge and its text.
const PAD: f32 = 4.0;
/// A heading line's height, and the most lines a heading takes.
const HEAD_LINE: f32 = 11.0;
const HEAD_LINES: usize = 3;
/// The narrowest a value column gets, and how wide its heading may make it.
const MIN_COLUMN: f32 = 36.0;
const HEADING_CAP: f32 = 84.0;
/// The label column's least share of the width when the values need more.
const LABEL_SHARE: f32 = 0.3;

/// A table measured for the page.
pub(super) struct Table {
    /// Each column's left edge and width.
    columns: Vec<(f32, f32)>,
    /// Whether each column's values are right-aligned (numbers, days).
    right: Vec<bool>,
    /// Each column's heading, in lines.
    headings: Vec<Vec<Vec<u8>>>,
}

impl Table {
    pub(super) fn new(table: &reports::Table) -> Table {
        let count = table.columns.len();
        let mut right = vec![false; count];
        let mut natural: Vec<f32> = table
            .columns
            .iter()
            .map(|c| metrics::width(Font::Bold, &metrics::encode(c), SIZE))
            .collect();
        let mut values = vec![0.0f32; count];
        for row in &table.rows {
            let font = if row.total { Font::Bold } else { Font::Regular };
            for (col, cell) in std::iter::once(&row.label).chain(&row.cells).enumerate() {
                let w = metrics::width(font, &metrics::encode(&cell.plain()), SIZE);
                values[col] = values[col].max(w);
                right[col] |= col > 0 && !matches!(cell, Cell::Text(_) | Cell::Empty);
            }
        }
        for (col, (natural, &value)) in natural.iter_mut().zip(&values).enumerate() {
            // A long heading wraps rather than widen a column of numbers past the cap.
            let heading = if col == 0 {
                *natural
            } else {
                natural.min(HEADING_CAP)
            };
            *natural = value.max(heading);
        }
        let widths = share_out(&natural);
        let mut columns = Vec::with_capacity(count);
        let mut x = MARGIN;
        for w in widths {
            columns.push((x, w));
            x += w;
        }
        let headings = table
            .columns
            .iter()
            .zip(&columns)
            .map(|(heading, &(_, w))| {
                metrics::wrap(Font::Bold, heading, SIZE, w - 2.0 * PAD, HEAD_LINES)
            })
            .collect();
        Table {
            columns,
            right,
            headings,
        }
    }

    /// The heading row's height.
    pub(super) fn head_height(&self) -> f32 {
        let lines = self.headings.iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * HEAD_LINE + 6.0
    }

    /// Draws the table from the layout's cursor, onto new pages as needed.
    pub(super) fn draw(&self, layout: &mut Layout, table: &reports::Table) {
        layout.room(self.head_height() + ROW_HEIGHT);
        self.head(layout);
        for row in &table.rows {
            if !layout.fits(ROW_HEIGHT) {
                layout.room(self.head_height() + ROW_HEIGHT);
                self.head(layout);
            }
            let top = layout.y;
            let page = layout.page();
            let font = if row.total { Font::Bold } else { Font::Regular };
            if row.total {
                rule(page, top, 0.0, 0.8);
            }
            let cells = std::iter::once(&row.label).chain(&row.cells);
            for (col, cell) in cells.enumerate() {
                self.cell(page, col, top - ROW_HEIGHT + 4.0, font, &cell.plain());
            }
            layout.y -= ROW_HEIGHT;
        }
        let y = layout.y;
        rule(layout.page(), y, 0.6, 0.5);
    }

    /// The heading row on a light background, each heading at the top of its column.
    fn head(&self, layout: &mut Layout) {
        let height = self.head_height();
        let top = layout.y;
        let page = layout.page();
        page.set_fill_gray(0.9)
            .rect(MARGIN, top - height, WIDTH, height)
            .fill_nonzero();
        for (col, lines) in self.headings.iter().enumerate() {
            let mut baseline = top - 3.0 - SIZE;
            for bytes in lines {
                self.text(page, col, baseline, Font::Bold, bytes);
                baseline -= HEAD_LINE;
            }
        }
        rule(page, top - height, 0.4, 0.6);
        layout.y -= height;
    }

    /// A cell's text, cut short to its column.
    fn cell(&self, page: &mut Content, col: usize, baseline: f32, font: Font, text: &str) {
        let Some(&(_, w)) = self.columns.get(col) else {
            return;
        };
        let bytes = metrics::fit(font, text, SIZE, w - 2.0 * PAD);
        self.text(page, col, baseline, font, &bytes);
    }

    /// Encoded text in a column, aligned as the column is.
    fn text(&self, page: &mut Content, col: usize, baseline: f32, font: Font, bytes: &[u8]) {
        let Some(&(x, w)) = self.columns.get(col) else {
            return;
        };
        let x = if self.right[col] {
            x + w - PAD - metrics::width(font, bytes, SIZE)
        } else {
            x + PAD
        };
        show(page, font, SIZE, x, baseline, bytes);
    }
}

/// The columns' widths, filling the body's width: value columns as wide as they need
/// (scaled down if together they need more than is left), the label column the rest.
fn share_out(natural: &[f32]) -> Vec<f32> {
    let Some((&label, rest)) = natural.split_first() else {
        return Vec::new();
    };
    let rest: Vec<f32> = rest
        .iter()
        .map(|w| (w + 2.0 * PAD).max(MIN_COLUMN))
        .collect();
    let needed: f32 = rest.iter().sum();
    let label = (WIDTH - needed).max((label + 2.0 * PAD).min(WIDTH * LABEL_SHARE));
    let scale = if label + needed > WIDTH {
        (WIDTH - label) / needed
    } else {
        1.0
    };
    std::iter::once(label)
        .chain(rest.iter().map(|w| w * scale))
        .collect()
}
