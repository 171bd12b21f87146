//! Charts drawn on the server as SVG: no script, printable, and each beside a table that
//! holds its numbers (the chart is `aria-hidden`; the table is what a screen reader reads).

use std::fmt::Write;

/// One group of bars on a chart: its label and one value per series.
pub struct Group<'a> {
    /// Under the group (a week's first day).
    pub label: &'a str,
    /// One value per series, in the series' order.
    pub values: Vec<i64>,
}

/// A bar chart of groups of bars side by side, one colour class per series (`series-0`,
/// `series-1`, … in liaison.css), with an optional line over them (a running total).
pub fn grouped_bars(groups: &[Group<'_>], line: Option<&[i64]>) -> String {
    const HEIGHT: f64 = 160.0;
    const GROUP: f64 = 48.0;
    const LABELS: f64 = 18.0;
    const MIN_WIDTH: f64 = 480.0;
    let series = groups
        .iter()
        .map(|g| g.values.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = groups
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // The line has its own scale (a backlog dwarfs a week's arrivals); each scale's top is
    // written at its side, the bars' on the left and the line's on the right.
    let line_top = line
        .unwrap_or(&[])
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // A few groups keep their bars' width rather than stretch across the page.
    let width = (GROUP * groups.len().max(1) as f64).max(MIN_WIDTH);
    let bar = (GROUP - 8.0) / series as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {}\" preserveAspectRatio=\"xMinYMin meet\" \
         aria-hidden=\"true\" focusable=\"false\">",
        HEIGHT + LABELS
    );
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" y1=\"{HEIGHT}\" x2=\"{width}\" y2=\"{HEIGHT}\"/>"
    );
    let _ = write!(out, "<text x=\"2\" y=\"9\">{top}</text>");
    if line.is_some_and(|p| !p.is_empty()) {
        let _ = write!(
            out,
            "<text class=\"line-scale\" x=\"{:.1}\" y=\"9\" text-anchor=\"end\">{line_top}</text>",
            width - 2.0
        );
    }
    for (i, g) in groups.iter().enumerate() {
        let x0 = i as f64 * GROUP + 4.0;
        for (s, v) in g.values.iter().enumerate() {
            let h = (*v as f64 / top * (HEIGHT - 4.0)).max(0.0);
            let _ = write!(
                out,
                "<rect class=\"series-{s}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>",
                x0 + s as f64 * bar,
                HEIGHT - h,
                (bar - 2.0).max(1.0)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x0 + (GROUP - 8.0) / 2.0,
            HEIGHT + LABELS - 4.0,
            escape(g.label)
        );
    }
    if let Some(points) = line.filter(|p| !p.is_empty()) {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, v)| {
                format!(
                    "{:.1},{:.1}",
                    i as f64 * GROUP + GROUP / 2.0,
                    HEIGHT - *v as f64 / line_top * (HEIGHT - 4.0)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<polyline class=\"line\" points=\"{}\"/>",
            path.join(" ")
        );
    }
    out.push_str("</svg>");
    out
}

/// A horizontal bar `value` of `top` long, for a table's cell.
pub fn bar(value: i64, top: i64) -> String {
    let w = if top > 0 {
        (value.max(0) as f64 / top as f64 * 100.0).round()
    } else {
        0.0
    };
    format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 12\" preserveAspectRatio=\"none\" aria-hidden=\"true\" \
         focusable=\"false\"><rect x=\"0\" y=\"0\" width=\"{w}\" height=\"12\"/></svg>"
    )
}

/// Text made safe inside SVG markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_scale() {
        let svg = grouped_bars(
            &[
                Group {
                    label: "<b>",
                    values: vec![10, 5],
                },
                Group {
                    label: "2",
                    values: vec![0, 20],
                },
            ],
            Some(&[3, 4]),
        );
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("<polyline"));
        assert!(bar(5, 10).contains("width=\"50\""));
        assert!(bar(5, 0).contains("width=\"0\""));
    }
}
