//! A section's bar chart drawn with vector rectangles: a legend of its series, a value axis
//! with gridlines, a group of bars per row (totals left out) and the rows' labels under
//! them, as many as fit.

use liaison_domain::reports::Section;
use pdf_writer::Content;

use super::metrics::{self, Font};
use super::{show, WIDTH};
use crate::{chart_value, charted_rows};

/// The plot's height, the legend's and labels' text sizes.
const PLOT_HEIGHT: f32 = 130.0;
const LEGEND_SIZE: f32 = 8.0;
const LEGEND_LINE: f32 = 13.0;
const LABEL_SIZE: f32 = 7.0;
/// Room under the plot for the rows' labels.
const LABELS_HEIGHT: f32 = 14.0;
/// The narrowest room a row's label is given; narrower groups label every few rows.
const LABEL_ROOM: f32 = 32.0;
/// A legend entry's swatch.
const SWATCH: f32 = 8.0;
/// How many gridlines, about.
const TICKS: f32 = 4.0;

/// The series' colours, which differ in lightness as well as hue so that they stay apart
/// when printed in grey.
const COLOURS: [(f32, f32, f32); 6] = [
    (0.16, 0.32, 0.55),
    (0.91, 0.58, 0.20),
    (0.60, 0.78, 0.90),
    (0.30, 0.30, 0.30),
    (0.72, 0.85, 0.55),
    (0.62, 0.38, 0.64),
];

/// A chart ready to draw.
pub(super) struct Chart {
    /// Each series' name (its column's heading), in legend lines: (x offset, colour, text).
    legend: Vec<Vec<(f32, usize, Vec<u8>)>>,
    /// The rows' labels.
    labels: Vec<String>,
    /// Per row, each series' value.
    values: Vec<Vec<f64>>,
    /// The value at the plot's top, and between gridlines.
    top: f64,
    step: f64,
}

impl Chart {
    /// The section's chart, if it has one with series and rows to draw.
    pub(super) fn new(section: &Section) -> Option<Chart> {
        let spec = section.chart.as_ref()?;
        if spec.series.is_empty() {
            return None;
        }
        let mut labels = Vec::new();
        let mut values = Vec::new();
        for (_, row) in charted_rows(section) {
            labels.push(row.label.plain());
            values.push(
                spec.series
                    .iter()
                    .map(|&s| row.cells.get(s).map_or(0.0, chart_value).max(0.0))
                    .collect::<Vec<f64>>(),
            );
        }
        if labels.is_empty() {
            return None;
        }
        let max = values.iter().flatten().copied().fold(0.0, f64::max);
        let whole = values.iter().flatten().all(|v| v.fract() == 0.0);
        let mut step = nice(max / f64::from(TICKS));
        if whole {
            step = step.max(1.0);
        }
        let top = ((max / step).ceil() * step).max(step);
        let columns = &section.table.columns;
        let names = spec
            .series
            .iter()
            .map(|&s| columns.get(s + 1).map_or("", String::as_str));
        Some(Chart {
            legend: legend(names),
            labels,
            values,
            top,
            step,
        })
    }

    /// The height it takes: legend, plot and labels.
    pub(super) fn height(&self) -> f32 {
        self.legend.len() as f32 * LEGEND_LINE + 6.0 + PLOT_HEIGHT + LABELS_HEIGHT
    }

    /// Draws it with its top-left corner at (x, top).
    pub(super) fn draw(&self, page: &mut Content, x: f32, top: f32) {
        let mut y = top;
        for line in &self.legend {
            for (offset, series, text) in line {
                fill(page, *series);
                page.rect(x + offset, y - SWATCH - 1.0, SWATCH, SWATCH)
                    .fill_nonzero();
                let at = x + offset + SWATCH + 4.0;
                show(page, Font::Regular, LEGEND_SIZE, at, y - SWATCH, text);
            }
            y -= LEGEND_LINE;
        }
        let bottom = y - 6.0 - PLOT_HEIGHT;
        let axis = self.axis(page, x, bottom);
        self.bars(page, axis, bottom, x + WIDTH - axis);
    }

    /// The gridlines and their values; returns where the plot starts.
    fn axis(&self, page: &mut Content, x: f32, bottom: f32) -> f32 {
        let ticks: Vec<(f32, Vec<u8>)> = (0..)
            .map(|i| f64::from(i) * self.step)
            .take_while(|v| *v <= self.top + self.step / 2.0)
            .map(|v| {
                let y = bottom + (v / self.top) as f32 * PLOT_HEIGHT;
                let text = if self.step.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v:.1}")
                };
                (y, metrics::encode(&text))
            })
            .collect();
        let room = ticks
            .iter()
            .map(|(_, t)| metrics::width(Font::Regular, t, LABEL_SIZE))
            .fold(0.0, f32::max);
        let left = x + room + 6.0;
        for (i, (y, text)) in ticks.iter().enumerate() {
            let w = metrics::width(Font::Regular, text, LABEL_SIZE);
            show(
                page,
                Font::Regular,
                LABEL_SIZE,
                left - 4.0 - w,
                y - 2.5,
                text,
            );
            // The baseline dark, the gridlines light.
            let gray = if i == 0 { 0.2 } else { 0.85 };
            page.set_stroke_gray(gray)
                .set_line_width(0.5)
                .move_to(left, *y)
                .line_to(x + WIDTH, *y)
                .stroke();
        }
        left
    }

    /// A group of bars per row, and the rows' labels under them.
    fn bars(&self, page: &mut Content, left: f32, bottom: f32, width: f32) {
        let group = width / self.labels.len() as f32;
        let series = self.values.first().map_or(1, Vec::len).max(1);
        let bar = group * 0.8 / series as f32;
        for (i, row) in self.values.iter().enumerate() {
            let start = left + i as f32 * group + group * 0.1;
            for (s, v) in row.iter().enumerate() {
                let height = (v / self.top) as f32 * PLOT_HEIGHT;
                if height > 0.0 {
                    fill(page, s);
                    page.rect(start + s as f32 * bar, bottom, bar, height)
                        .fill_nonzero();
                }
            }
        }
        let every = (LABEL_ROOM / group).ceil().max(1.0) as usize;
        // A label under its own group, or, when groups are narrow, from its group's left
        // edge across the unlabelled ones that follow.
        let room = (group * every as f32 - 2.0).min(width);
        for (i, label) in self.labels.iter().enumerate().step_by(every) {
            let start = left + i as f32 * group;
            let x = start + if every == 1 { 0.0 } else { group * 0.1 };
            let room = room.min(left + width - x);
            let text = metrics::fit(Font::Regular, label, LABEL_SIZE, room);
            let w = metrics::width(Font::Regular, &text, LABEL_SIZE);
            let x = if every == 1 {
                start + (group - w) / 2.0
            } else {
                x
            };
            show(page, Font::Regular, LABEL_SIZE, x, bottom - 9.0, &text);
        }
    }
}

/// Sets the fill colour of the series at `index`.
fn fill(page: &mut Content, index: usize) {
    let (r, g, b) = COLOURS[index % COLOURS.len()];
    page.set_fill_rgb(r, g, b);
}

/// The legend's entries laid out in lines across the width.
fn legend<'a>(names: impl Iterator<Item = &'a str>) -> Vec<Vec<(f32, usize, Vec<u8>)>> {
    let mut lines = vec![Vec::new()];
    let mut x = 0.0;
    for (series, name) in names.enumerate() {
        let text = metrics::fit(Font::Regular, name, LEGEND_SIZE, WIDTH / 2.0);
        let w = SWATCH + 4.0 + metrics::width(Font::Regular, &text, LEGEND_SIZE) + 14.0;
        if x > 0.0 && x + w > WIDTH {
            lines.push(Vec::new());
            x = 0.0;
        }
        if let Some(line) = lines.last_mut() {
            line.push((x, series, text));
        }
        x += w;
    }
    lines
}

/// A round step at least `raw`: 1, 2 or 5 times a power of ten.
fn nice(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let round = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    round * power
}

#[cfg(test)]
mod tests {
    use super::nice;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice(0.0), 1.0);
        assert_eq!(nice(3.0), 5.0);
        assert_eq!(nice(12.5), 20.0);
        assert_eq!(nice(250.0), 500.0);
        assert_eq!(nice(0.3), 0.5);
    }
}
