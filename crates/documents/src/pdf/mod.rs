//! The report as a printable A4 PDF, drawn with pdf-writer in the standard Helvetica fonts.
//!
//! Pages are laid out top to bottom into content streams (`Layout`); once the number of
//! pages is known each gets its footer, and the document is assembled.

use liaison_domain::reports::{Report, Section};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::{header_lines, made_on, Labels};

mod chart;
mod metrics;
mod table;

use metrics::Font;

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// The margins left and right, and where the body starts and stops.
const MARGIN: f32 = 48.0;
const BODY_TOP: f32 = PAGE_HEIGHT - 48.0;
const BODY_BOTTOM: f32 = 62.0;
/// Where the footer's line of text sits.
const FOOTER_Y: f32 = 34.0;
/// The body's width.
const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

pub(crate) fn write(report: &Report, labels: &Labels) -> Vec<u8> {
    let mut layout = Layout::new();
    layout.header(report, labels);
    for section in &report.sections {
        layout.section(section);
    }
    assemble(layout.pages, report, labels)
}

/// Adds each page's footer and writes the document: catalog, page tree, the two fonts,
/// pages, the information dictionary with the title.
fn assemble(pages: Vec<Content>, report: &Report, labels: &Labels) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let page_ids: Vec<Ref> = (0..pages.len() as i32)
        .map(|i| Ref::new(6 + 2 * i))
        .collect();

    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(&report.title))
        .creator(TextStr("Liaison"));

    let total = pages.len();
    let made = made_on(report, labels);
    let source = format!("{} \u{2014} {}", report.office, report.title);
    for (n, (mut content, &id)) in pages.into_iter().zip(&page_ids).enumerate() {
        let number = labels
            .page
            .replace("{n}", &(n + 1).to_string())
            .replace("{total}", &total.to_string());
        footer(&mut content, &source, &made, &number);
        let contents = Ref::new(id.get() + 1);
        let mut page = pdf.page(id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(contents);
        page.resources()
            .fonts()
            .pair(REGULAR, regular)
            .pair(BOLD, bold);
        page.finish();
        pdf.stream(contents, &content.finish());
    }
    pdf.finish()
}

/// The footer: a rule, the office and title on the left, the day it was made and the page
/// number on the right.
fn footer(content: &mut Content, source: &str, made: &str, number: &str) {
    const SIZE: f32 = 8.0;
    rule(content, FOOTER_Y + 12.0, 0.6, 0.5);
    let right = metrics::encode(&format!("{made}    {number}"));
    let right_width = metrics::width(Font::Regular, &right, SIZE);
    let left = metrics::fit(Font::Regular, source, SIZE, WIDTH - right_width - 16.0);
    show(content, Font::Regular, SIZE, MARGIN, FOOTER_Y, &left);
    let x = PAGE_WIDTH - MARGIN - right_width;
    show(content, Font::Regular, SIZE, x, FOOTER_Y, &right);
}

/// A horizontal rule across the body, in a grey (0 black, 1 white) and a line width.
fn rule(content: &mut Content, y: f32, gray: f32, width: f32) {
    content
        .set_stroke_gray(gray)
        .set_line_width(width)
        .move_to(MARGIN, y)
        .line_to(MARGIN + WIDTH, y)
        .stroke();
}

/// Writes encoded text in black with its baseline's start at (x, y).
fn show(content: &mut Content, font: Font, size: f32, x: f32, y: f32, text: &[u8]) {
    if text.is_empty() {
        return;
    }
    let name = match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
    };
    content
        .set_fill_gray(0.0)
        .begin_text()
        .set_font(name, size)
        .next_line(x, y)
        .show(Str(text))
        .end_text();
}

/// The pages laid out so far and where the next thing goes on the last one.
struct Layout {
    pages: Vec<Content>,
    /// The top of the space left on the last page.
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Content::new()],
            y: BODY_TOP,
        }
    }

    /// The page being drawn.
    fn page(&mut self) -> &mut Content {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Whether `height` points are left on the page.
    fn fits(&self, height: f32) -> bool {
        self.y - height >= BODY_BOTTOM
    }

    /// Starts a new page unless `height` points are left on this one.
    fn room(&mut self, height: f32) {
        if !self.fits(height) && self.y < BODY_TOP {
            self.pages.push(Content::new());
            self.y = BODY_TOP;
        }
    }

    /// A text broken into at most `limit` lines of the body's width; the cursor moves below
    /// it.
    fn paragraph(&mut self, font: Font, size: f32, text: &str, limit: usize) {
        for bytes in metrics::wrap(font, text, size, WIDTH, limit) {
            let height = size * 1.35;
            self.room(height);
            let baseline = self.y - size;
            show(self.page(), font, size, MARGIN, baseline, &bytes);
            self.y -= height;
        }
    }

    /// The office's name, the title, the period, the one compared with and the filters.
    fn header(&mut self, report: &Report, labels: &Labels) {
        self.paragraph(Font::Bold, 16.0, &report.office, 2);
        self.y -= 2.0;
        self.paragraph(Font::Bold, 13.0, &report.title, 3);
        self.y -= 4.0;
        for line in header_lines(report, labels) {
            self.paragraph(Font::Regular, 9.5, &line, usize::MAX);
        }
        self.y -= 6.0;
        let y = self.y;
        rule(self.page(), y, 0.6, 0.5);
        self.y -= 12.0;
    }

    /// A section: its heading, kept with what follows it, its chart and its table.
    fn section(&mut self, section: &Section) {
        const HEADING: f32 = 12.0;
        let chart = chart::Chart::new(section);
        let table = table::Table::new(&section.table);
        let first = match &chart {
            Some(chart) => chart.height(),
            None => table.head_height() + 2.0 * table::ROW_HEIGHT,
        };
        self.room(HEADING * 1.4 + 6.0 + first);
        self.paragraph(Font::Bold, HEADING, &section.heading, 2);
        self.y -= 6.0;
        if let Some(chart) = chart {
            self.room(chart.height());
            let top = self.y;
            chart.draw(self.page(), MARGIN, top);
            self.y -= chart.height() + 10.0;
        }
        table.draw(self, &section.table);
        self.y -= 18.0;
    }
}
