//! Charts as SVG, drawn by our own small renderer: the same bytes go into the PDF
//! (typst keeps SVG as vectors, its text as text) and beside the website's pages.
//!
//! Bars run across the page so long category names stay readable; values are printed
//! at the bars; series differ by pattern as well as colour, and their colours keep a
//! 3:1 contrast with the page and with each other (WCAG 1.4.11). An empty cell is a
//! gap with "no figure" written in it, never a zero.

use std::fmt::Write;

use crate::assemble::{Block, BlockKind, Chart, Document, format};
use crate::model::colour::{DEFAULT, WHITE};
use crate::model::{ChartKind, Colour, Unit};

/// Drawn at this width in user units; the PDF scales it to the text width (about
/// 470 pt), so 13-unit labels print at about 11 pt.
const WIDTH: f64 = 560.0;
const FONT: &str = "Noto Sans, sans-serif";
const LABEL_SIZE: f64 = 13.0;
const TICK_SIZE: f64 = 12.0;
const INK: &str = "#1a1a1a";
/// Axis lines and "no figure": 7:1 against white.
const AXIS: &str = "#595959";
const GRID: &str = "#d9d9d9";

/// The size a chart is drawn at, and its layout.
#[derive(Clone, Copy)]
struct Frame<'a> {
    /// Width in user units.
    width: f64,
    /// Size of labels (categories, series, the measure) and of ticks and values.
    label: f64,
    tick: f64,
    /// A phone's layout: each category's name on its own lines above its bars, the
    /// legend one series to a line, no more tick labels than fit.
    narrow: bool,
    /// Put before the patterns' ids, so several charts in one page keep their own.
    ids: &'a str,
}

impl Frame<'_> {
    /// How much larger than the wide chart's the spacing is, so it grows with the text.
    fn k(&self) -> f64 {
        self.label / LABEL_SIZE
    }
}

/// The chart of the PDF and of the website at desktop width.
const WIDE: Frame<'static> = Frame {
    width: WIDTH,
    label: LABEL_SIZE,
    tick: TICK_SIZE,
    narrow: false,
    ids: "",
};

/// The chart of the website on a phone, shown one user unit to a CSS pixel: as wide
/// as the text is in a 320-pixel window (16 px of padding each side), its labels at
/// the size of the page's text there (17 px), its values and ticks too.
const NARROW: Frame<'static> = Frame {
    width: 288.0,
    label: 17.0,
    tick: 17.0,
    narrow: true,
    ids: "",
};

/// Every chart in the document, each once (by its id, which names its file), in
/// document order.
pub fn charts(document: &Document) -> Vec<&Chart> {
    let mut out: Vec<&Chart> = Vec::new();
    for section in &document.sections {
        for block in &section.blocks {
            block.walk(&mut |b: &Block| {
                if let BlockKind::Chart(c) = &b.kind
                    && !out.iter().any(|o| o.id == c.id)
                {
                    out.push(c);
                }
            });
        }
    }
    out
}

/// Every chart in the document as (file path, SVG bytes), in document order; the PDF
/// and the website both take their charts from here, so they are the same bytes.
pub fn files(document: &Document, base: Option<Colour>) -> Vec<(String, Vec<u8>)> {
    charts(document)
        .into_iter()
        .map(|c| (c.file(), svg(c, base).into_bytes()))
        .collect()
}

/// A colour's hue (degrees) and saturation, as HSL has them.
fn hue_saturation(c: Colour) -> (f64, f64) {
    let (r, g, b) = (
        f64::from(c.r) / 255.0,
        f64::from(c.g) / 255.0,
        f64::from(c.b) / 255.0,
    );
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    let d = max - min;
    if d == 0.0 {
        return (0.0, 0.0);
    }
    let s = d / (1.0 - (2.0 * l - 1.0).abs());
    let h = if max == r {
        60.0 * (((g - b) / d).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    (h, s)
}

/// The colour of a hue, saturation and lightness.
fn from_hsl(h: f64, s: f64, l: f64) -> Colour {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h.rem_euclid(360.0) / 60.0) as u8 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Colour {
        r: byte(r),
        g: byte(g),
        b: byte(b),
    }
}

/// `n` series colours derived from `base` (its hue first, then hues around the
/// wheel). They alternate dark and mid-toned, so each has at least 3:1 contrast with
/// the white page and with the series beside it, whatever the base colour.
pub fn palette(base: Option<Colour>, n: usize) -> Vec<Colour> {
    // Luminances: white : mid = 1.05 : 0.30 = 3.5; mid : dark = 0.30 : 0.08 = 3.75.
    const DARK: f64 = 0.028;
    const MID: f64 = 0.25;
    const HUE_STEPS: [f64; 6] = [0.0, 150.0, 60.0, 210.0, 300.0, 100.0];
    let (hue, saturation) = hue_saturation(base.unwrap_or(DEFAULT));
    let saturation = saturation.clamp(0.45, 0.85);
    (0..n)
        .map(|i| {
            let h = (hue + HUE_STEPS[i % HUE_STEPS.len()]).rem_euclid(360.0);
            let target = if i % 2 == 0 { DARK } else { MID };
            with_luminance(h, saturation, target)
        })
        .collect()
}

/// The colour of this hue and saturation whose luminance is nearest `target` from
/// below; luminance grows with HSL lightness, so a bisection finds it.
fn with_luminance(h: f64, s: f64, target: f64) -> Colour {
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if from_hsl(h, s, mid).luminance() > target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    from_hsl(h, s, lo)
}

/// The text colour readable on a fill: white on dark, near-black on mid tones.
fn text_on(fill: Colour) -> &'static str {
    const INK_COLOUR: Colour = Colour {
        r: 0x1a,
        g: 0x1a,
        b: 0x1a,
    };
    if fill.contrast(WHITE) >= INK_COLOUR.contrast(fill) {
        "#ffffff"
    } else {
        INK
    }
}

/// The SVG of one chart, as the PDF prints it and the website shows it on a wide
/// screen.
pub fn svg(chart: &Chart, base: Option<Colour>) -> String {
    let (height, body) = draw(chart, base, &WIDE);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" font-family=\"{FONT}\">\n"
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&chart.title));
    let _ = writeln!(out, "<desc>{}</desc>", esc(&chart.alt));
    // No background of its own: the page shows through, so a draft's watermark is
    // not hidden; the website sets a white one behind the image.
    out.push_str(&patterns(""));
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The chart laid out for a phone, to put in a web page as it is: one user unit to a
/// CSS pixel, so its text stays at the page's size where a wide chart scaled down to
/// the screen would print it at 7 pixels. Its accessible name is the chart's
/// alternative text, as the wide chart's image has it; being an image to assistive
/// technology, its labels are not read out a second time.
pub fn narrow_svg(chart: &Chart, base: Option<Colour>) -> String {
    let ids = format!("{}-", esc(&chart.id));
    let frame = Frame {
        ids: &ids,
        ..NARROW
    };
    let (height, body) = draw(chart, base, &frame);
    let width = frame.width;
    let mut out = format!(
        "<svg class=\"sr-chart-narrow\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height:.0}\" viewBox=\"0 0 {width} {height:.0}\" role=\"img\" aria-label=\"{}\" focusable=\"false\" font-family=\"{FONT}\">\n",
        esc(&chart.alt)
    );
    out.push_str(&patterns(&ids));
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The chart's drawing in a frame: its height and its elements.
fn draw(chart: &Chart, base: Option<Colour>, f: &Frame) -> (f64, String) {
    let colours = palette(base, chart.series.len().max(chart.categories.len()));
    let mut body = String::new();
    let height = match chart.kind {
        ChartKind::Line => line_chart(chart, f, &colours, &mut body),
        ChartKind::Proportion if chart.series.len() == 1 => {
            one_whole(chart, f, &colours, &mut body)
        }
        _ => bar_chart(chart, f, &colours, &mut body),
    };
    (height, body)
}

/// Patterns laid over series fills, so series differ by more than colour: none for
/// the first, then stripes, dots and hatching.
const PATTERNS: [Option<&str>; 6] = [
    None,
    Some("p-diagonal"),
    Some("p-dots"),
    Some("p-cross"),
    Some("p-horizontal"),
    Some("p-vertical"),
];

fn patterns(ids: &str) -> String {
    let stroke = "stroke=\"#ffffff\" stroke-width=\"1.6\"";
    let defs = format!(
        "<defs>\n\
<pattern id=\"p-diagonal\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" {stroke}/></pattern>\n\
<pattern id=\"p-dots\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\"><circle cx=\"3.5\" cy=\"3.5\" r=\"1.5\" fill=\"#ffffff\"/></pattern>\n\
<pattern id=\"p-cross\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><path d=\"M0,0 l8,8 M8,0 l-8,8\" {stroke}/></pattern>\n\
<pattern id=\"p-horizontal\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><path d=\"M0,3 h6\" {stroke}/></pattern>\n\
<pattern id=\"p-vertical\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><path d=\"M3,0 v6\" {stroke}/></pattern>\n\
</defs>\n"
    );
    defs.replace(" id=\"p-", &format!(" id=\"{ids}p-"))
}

/// A filled rectangle of series `i`, with its pattern over the colour: a bar, or a
/// legend's swatch.
#[allow(clippy::too_many_arguments)]
fn series_rect(
    out: &mut String,
    f: &Frame,
    class: &str,
    i: usize,
    colour: Colour,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
) {
    let _ = writeln!(
        out,
        "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
        colour.to_string()
    );
    if let Some(p) = PATTERNS[i % PATTERNS.len()] {
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"url(#{}{p})\"/>",
            f.ids
        );
    }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, fill: &str, t: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{fill}\">{}</text>",
        esc(t)
    );
}

/// A generous estimate of a text's width, so that labels are never cut off. In the
/// PDF the text is set in Noto Sans; on the website the SVG is an `<img>`, which
/// cannot use the page's fonts, so a browser sets it in a system sans-serif such as
/// DejaVu Sans, about a tenth wider. Capitals and wide letters count more than
/// narrow ones.
fn text_width(t: &str, size: f64) -> f64 {
    let em: f64 = t
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '’' | '|' | '!' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | ' ' => 0.38,
            'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' => 0.9,
            c if c.is_ascii_uppercase() => 0.7,
            _ => 0.6,
        })
        .sum();
    em * size * 1.05
}

/// Words wrapped into lines no wider than `width`.
fn wrap(t: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in t.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A legend above the plot: each series' swatch (colour and pattern) and name.
/// Returns the height it takes.
fn legend(out: &mut String, f: &Frame, names: &[String], colours: &[Colour], top: f64) -> f64 {
    if f.narrow {
        return stacked_legend(out, f, names, colours, top);
    }
    let (mut x, mut y) = (0.0, top);
    for (i, name) in names.iter().enumerate() {
        let w = 18.0 + text_width(name, f.label) + 18.0;
        if x > 0.0 && x + w > f.width {
            x = 0.0;
            y += 22.0;
        }
        series_rect(out, f, "swatch", i, colours[i], x, y, 14.0, 14.0);
        text(out, x + 19.0, y + 12.0, f.label, "start", INK, name);
        x += w;
    }
    y + 22.0 - top + 6.0
}

/// A legend of one series to a line, each name wrapped to the width: a phone's.
fn stacked_legend(
    out: &mut String,
    f: &Frame,
    names: &[String],
    colours: &[Colour],
    top: f64,
) -> f64 {
    let k = f.k();
    let line = f.label * 1.25;
    let mut y = top;
    for (i, name) in names.iter().enumerate() {
        series_rect(out, f, "swatch", i, colours[i], 0.0, y, 14.0 * k, 14.0 * k);
        let lines = wrap(name, f.width - 19.0 * k, f.label);
        for (j, l) in lines.iter().enumerate() {
            let baseline = y + 12.0 * k + j as f64 * line;
            text(out, 19.0 * k, baseline, f.label, "start", INK, l);
        }
        y += lines.len() as f64 * line + 4.0 * k;
    }
    y - top + 6.0 * k
}

/// Round tick values covering `lo..hi`, five to seven of them.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).max(f64::EPSILON);
    let raw = span / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut t = first;
    while t < hi + step * 0.999 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
        if out.len() > 50 {
            break;
        }
    }
    out
}

fn tick_label(v: f64, unit: Unit, step: f64) -> String {
    let places = if step >= 1.0 || step == 0.0 {
        0
    } else {
        (-step.log10().floor()) as u8
    };
    format::value(v, unit, Some(places), false)
}

/// The value axis under a bar chart: grid lines, tick labels and the measure.
/// Returns the height below `bottom` it takes.
#[allow(clippy::too_many_arguments)]
fn value_axis(
    out: &mut String,
    f: &Frame,
    ticks: &[f64],
    unit: Unit,
    scale: &dyn Fn(f64) -> f64,
    top: f64,
    bottom: f64,
    measure: &str,
    centre: f64,
) -> f64 {
    let k = f.k();
    let step = ticks.get(1).map_or(1.0, |b| b - ticks[0]);
    let every = labelled_every(f, ticks, unit, scale);
    for (n, &t) in ticks.iter().enumerate() {
        let x = scale(t);
        let colour = if t == 0.0 { AXIS } else { GRID };
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"{colour}\" stroke-width=\"1\"/>"
        );
        if n % every == 0 {
            let label = tick_label(t, unit, step);
            text(out, x, bottom + 16.0 * k, f.tick, "middle", INK, &label);
        }
    }
    let lines = if f.narrow {
        wrap(measure, f.width, f.label)
    } else {
        vec![measure.to_string()]
    };
    let line = f.label * 1.2;
    for (j, l) in lines.iter().enumerate() {
        let baseline = bottom + 36.0 * k + j as f64 * line;
        text(out, centre, baseline, f.label, "middle", INK, l);
    }
    44.0 * k + (lines.len() - 1) as f64 * line
}

/// Every how many ticks a label is printed: each one on a wide chart; on a narrow
/// one, as few as keep neighbouring labels apart.
fn labelled_every(f: &Frame, ticks: &[f64], unit: Unit, scale: &dyn Fn(f64) -> f64) -> usize {
    if !f.narrow || ticks.len() < 2 {
        return 1;
    }
    let step = ticks[1] - ticks[0];
    let widest = ticks
        .iter()
        .map(|t| text_width(&tick_label(*t, unit, step), f.tick))
        .fold(0.0, f64::max);
    let apart = (scale(ticks[1]) - scale(ticks[0])).abs().max(1.0);
    ((widest + 8.0) / apart).ceil().max(1.0) as usize
}

/// Bar, stacked, grouped and proportion charts: one band per category, bars across.
fn bar_chart(chart: &Chart, f: &Frame, colours: &[Colour], out: &mut String) -> f64 {
    let n_series = chart.series.len();
    let stacked = matches!(chart.kind, ChartKind::StackedBar | ChartKind::Proportion);
    let share = chart.kind == ChartKind::Proportion;
    // Values as drawn: shares of each category's whole for a proportion chart.
    let drawn: Vec<Vec<Option<f64>>> = (0..chart.categories.len())
        .map(|i| {
            let row: Vec<Option<f64>> = chart.series.iter().map(|s| s.values[i]).collect();
            if !share {
                return row;
            }
            let whole: f64 = row.iter().flatten().filter(|v| **v > 0.0).sum();
            row.iter()
                .map(|v| {
                    v.map(|v| {
                        if whole > 0.0 {
                            100.0 * v.max(0.0) / whole
                        } else {
                            0.0
                        }
                    })
                })
                .collect()
        })
        .collect();
    let (lo, hi) = extent(&drawn, stacked);
    let ticks = if share {
        vec![0.0, 25.0, 50.0, 75.0, 100.0]
    } else {
        ticks(lo, hi)
    };
    let (lo, hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
    let unit = if share { Unit::Percent } else { chart.unit };

    let (left, right, label_width) = bar_plot_edges(chart, f, stacked, share, &ticks, unit);
    let scale = |v: f64| left + (v - lo) / (hi - lo) * (right - left);

    let mut y = 0.0;
    if n_series > 1 {
        let names: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
        y += legend(out, f, &names, colours, 0.0);
    }
    let plot_top = y;
    let k = f.k();
    let bar_h = if stacked || n_series == 1 { 22.0 } else { 18.0 } * k;
    let bars_per_band = if stacked { 1 } else { n_series };
    let mut grid = String::new();
    let mut bars = String::new();
    for (i, category) in chart.categories.iter().enumerate() {
        let bars_h = bars_per_band as f64 * bar_h;
        let (band, bars_top) = category_label(&mut bars, f, category, label_width, y, bars_h);
        if stacked {
            stacked_bar(
                &mut bars, f, chart, &drawn[i], i, colours, &scale, bars_top, bar_h, share,
            );
        } else {
            for (s, value) in drawn[i].iter().enumerate() {
                let top = bars_top + s as f64 * bar_h;
                single_bar(
                    &mut bars,
                    f,
                    *value,
                    &chart.series[s].labels[i],
                    s,
                    colours[s],
                    &scale,
                    top,
                    bar_h - 3.0 * k,
                );
            }
        }
        y += band;
    }
    let axis = value_axis(
        &mut grid,
        f,
        &ticks,
        unit,
        &scale,
        plot_top,
        y,
        &chart.measure,
        (left + right) / 2.0,
    );
    out.push_str(&grid);
    out.push_str(&bars);
    y + axis
}

/// Where the bars may run, from `left` to `right`, and how wide the categories'
/// names may be. A wide chart prints the names to the left of their bars; a narrow
/// one above them, across its whole width, with room at the left for the first tick
/// label and at the right for the values printed past the bars.
fn bar_plot_edges(
    chart: &Chart,
    f: &Frame,
    stacked: bool,
    share: bool,
    ticks: &[f64],
    unit: Unit,
) -> (f64, f64, f64) {
    if f.narrow {
        let step = ticks.get(1).map_or(1.0, |b| b - ticks[0]);
        let first = text_width(&tick_label(ticks[0], unit, step), f.tick);
        let last = ticks
            .last()
            .map_or(0.0, |t| text_width(&tick_label(*t, unit, step), f.tick));
        // Values printed past the bars: each bar's, or each stack's whole.
        let wholes = (0..chart.categories.len()).map(|i| {
            let whole: f64 = chart.series.iter().filter_map(|s| s.values[i]).sum();
            format::value(whole, chart.unit, None, false)
        });
        let values = chart
            .series
            .iter()
            .flat_map(|s| s.labels.iter().cloned())
            .chain(wholes.filter(|_| stacked))
            .map(|l| text_width(&l, f.tick))
            .fold(0.0, f64::max);
        let value_room = if share {
            last / 2.0
        } else {
            values.max(last / 2.0) + 8.0
        };
        return (first / 2.0 + 2.0, f.width - value_room, f.width);
    }
    let label_width = chart
        .categories
        .iter()
        .map(|c| text_width(c, f.label))
        .fold(0.0, f64::max)
        .min(f.width * 0.42);
    let value_room = if stacked && !share {
        70.0
    } else if share {
        10.0
    } else {
        80.0
    };
    (label_width + 10.0, f.width - value_room, label_width)
}

/// A category's name, wrapped: to the left of its bars on a wide chart, above them on
/// a narrow one. Returns the height of the category's band and the top of its bars.
fn category_label(
    out: &mut String,
    f: &Frame,
    category: &str,
    label_width: f64,
    y: f64,
    bars_h: f64,
) -> (f64, f64) {
    let k = f.k();
    let line = 15.0 * k;
    let lines = wrap(category, label_width, f.label);
    if f.narrow {
        // Edged in white, so the grid lines behind the name do not run through it.
        for (n, l) in lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text x=\"0\" y=\"{:.1}\" font-size=\"{}\" fill=\"{INK}\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">{}</text>",
                y + f.label + n as f64 * line,
                f.label,
                esc(l)
            );
        }
        let labels = lines.len() as f64 * line + 6.0 * k;
        return (labels + bars_h + 10.0 * k, y + labels);
    }
    let band = bars_h.max(lines.len() as f64 * 15.0) + 10.0;
    let first = y + band / 2.0 - (lines.len() as f64 - 1.0) * 7.5 + 4.5;
    for (n, l) in lines.iter().enumerate() {
        text(
            out,
            label_width,
            first + n as f64 * 15.0,
            f.label,
            "end",
            INK,
            l,
        );
    }
    (band, y + (band - bars_h) / 2.0)
}

/// The lowest and highest value the axis must reach, from zero.
fn extent(rows: &[Vec<Option<f64>>], stacked: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for row in rows {
        if stacked {
            hi = hi.max(row.iter().flatten().filter(|v| **v > 0.0).sum());
            lo = lo.min(row.iter().flatten().filter(|v| **v < 0.0).sum());
        } else {
            for v in row.iter().flatten() {
                hi = hi.max(*v);
                lo = lo.min(*v);
            }
        }
    }
    if hi == lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

/// One bar with its value printed just past its end, or "no figure" in its place.
#[allow(clippy::too_many_arguments)]
fn single_bar(
    out: &mut String,
    f: &Frame,
    value: Option<f64>,
    label: &str,
    series: usize,
    colour: Colour,
    scale: &dyn Fn(f64) -> f64,
    top: f64,
    h: f64,
) {
    let k = f.k();
    let zero = scale(0.0);
    let baseline = top + h / 2.0 + 4.5 * k;
    let Some(v) = value else {
        text(
            out,
            zero + 6.0,
            baseline,
            f.tick,
            "start",
            AXIS,
            "no figure",
        );
        return;
    };
    let end = scale(v);
    let (x, w) = if end >= zero {
        (zero, end - zero)
    } else {
        (end, zero - end)
    };
    series_rect(out, f, "bar", series, colour, x, top, w.max(0.5), h);
    if v >= 0.0 {
        text(out, end + 5.0, baseline, f.tick, "start", INK, label);
    } else {
        text(out, end - 5.0, baseline, f.tick, "end", INK, label);
    }
}

/// A bar of parts end to end, each labelled inside where its value fits, with the
/// whole past its end (or, for shares, each part's percentage).
#[allow(clippy::too_many_arguments)]
fn stacked_bar(
    out: &mut String,
    f: &Frame,
    chart: &Chart,
    drawn: &[Option<f64>],
    row: usize,
    colours: &[Colour],
    scale: &dyn Fn(f64) -> f64,
    top: f64,
    h: f64,
    share: bool,
) {
    let k = f.k();
    let baseline = top + h / 2.0 + 4.5 * k;
    if drawn.iter().all(Option::is_none) {
        text(
            out,
            scale(0.0) + 6.0,
            baseline,
            f.tick,
            "start",
            AXIS,
            "no figure",
        );
        return;
    }
    let (mut pos, mut neg) = (0.0, 0.0);
    for (s, value) in drawn.iter().enumerate() {
        let Some(v) = *value else { continue };
        let (from, to) = if v >= 0.0 {
            pos += v;
            (pos - v, pos)
        } else {
            neg += v;
            (neg, neg - v)
        };
        let (x, w) = (scale(from), scale(to) - scale(from));
        series_rect(out, f, "bar", s, colours[s], x, top, w, h);
        // A hairline of white keeps neighbouring parts apart.
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{top:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
            x + w,
            x + w,
            top + h
        );
        let label = if share {
            format!("{}%", format::number(v, Some(0)))
        } else {
            chart.series[s].labels[row].clone()
        };
        if text_width(&label, f.tick) + 8.0 <= w {
            let fill = text_on(colours[s]);
            // The label sits on a plain band so the pattern does not run through it.
            let tw = text_width(&label, f.tick) + 4.0;
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{tw:.1}\" height=\"{}\" fill=\"{}\"/>",
                x + w / 2.0 - tw / 2.0,
                baseline - 11.5 * k,
                15.0 * k,
                colours[s].to_string()
            );
            text(out, x + w / 2.0, baseline, f.tick, "middle", fill, &label);
        }
    }
    if !share {
        let total: f64 = drawn.iter().flatten().sum();
        let whole = format::value(total, chart.unit, None, false);
        text(
            out,
            scale(pos) + 5.0,
            baseline,
            f.tick,
            "start",
            INK,
            &whole,
        );
    }
}

/// A proportion chart of one measure: a single bar split into each category's share.
fn one_whole(chart: &Chart, f: &Frame, colours: &[Colour], out: &mut String) -> f64 {
    let series = &chart.series[0];
    let names: Vec<String> = chart
        .categories
        .iter()
        .zip(&series.labels)
        .map(|(c, l)| {
            if l.is_empty() {
                format!("{c}: no figure")
            } else {
                format!("{c}: {l}")
            }
        })
        .collect();
    let y = legend(out, f, &names, colours, 0.0);
    let k = f.k();
    let whole: f64 = series.values.iter().flatten().filter(|v| **v > 0.0).sum();
    let shares: Vec<Option<f64>> = series
        .values
        .iter()
        .map(|v| {
            v.map(|v| {
                if whole > 0.0 {
                    100.0 * v.max(0.0) / whole
                } else {
                    0.0
                }
            })
        })
        .collect();
    // Room for the first and last tick labels, centred on the ends.
    let (left, right) = (20.0 * k, f.width - 24.0 * k);
    let scale = |v: f64| left + v / 100.0 * (right - left);
    let mut bars = String::new();
    let mut as_chart = chart.clone();
    as_chart.series = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| crate::assemble::Series {
            name: c.clone(),
            values: vec![series.values[i]],
            labels: vec![series.labels[i].clone()],
        })
        .collect();
    stacked_bar(
        &mut bars,
        f,
        &as_chart,
        &shares,
        0,
        colours,
        &scale,
        y + 4.0 * k,
        36.0 * k,
        true,
    );
    let ticks = [0.0, 25.0, 50.0, 75.0, 100.0];
    let mut grid = String::new();
    let axis = value_axis(
        &mut grid,
        f,
        &ticks,
        Unit::Percent,
        &scale,
        y,
        y + 44.0 * k,
        &chart.measure,
        f.width / 2.0,
    );
    out.push_str(&grid);
    out.push_str(&bars);
    y + 44.0 * k + axis
}

/// Marker shapes, one per series, so lines differ by more than colour.
fn marker(out: &mut String, i: usize, x: f64, y: f64, colour: Colour) {
    let c = colour.to_string();
    let _ = match i % 4 {
        0 => writeln!(
            out,
            "<circle class=\"point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{c}\"/>"
        ),
        1 => writeln!(
            out,
            "<rect class=\"point\" x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\" fill=\"{c}\"/>",
            x - 4.5,
            y - 4.5
        ),
        2 => writeln!(
            out,
            "<path class=\"point\" d=\"M{x:.1},{:.1} l5.5,9.5 h-11 z\" fill=\"{c}\"/>",
            y - 5.5
        ),
        _ => writeln!(
            out,
            "<path class=\"point\" d=\"M{x:.1},{:.1} l5.5,5.5 l-5.5,5.5 l-5.5,-5.5 z\" fill=\"{c}\"/>",
            y - 5.5
        ),
    };
}

/// A line chart: categories along the bottom, one line per series with its name
/// at its last point; a gap in the data breaks the line.
fn line_chart(chart: &Chart, f: &Frame, colours: &[Colour], out: &mut String) -> f64 {
    let k = f.k();
    let rows: Vec<Vec<Option<f64>>> = (0..chart.categories.len())
        .map(|i| chart.series.iter().map(|s| s.values[i]).collect())
        .collect();
    let (lo, hi) = extent(&rows, false);
    let ticks = ticks(lo, hi);
    let (lo, hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
    let step = ticks.get(1).map_or(1.0, |b| b - ticks[0]);
    let tick_room = ticks
        .iter()
        .map(|t| text_width(&tick_label(*t, chart.unit, step), f.tick))
        .fold(0.0, f64::max);
    // A narrow chart names its lines in the legend, not at their ends.
    let name_room = if f.narrow {
        0.0
    } else {
        chart
            .series
            .iter()
            .map(|s| text_width(&s.name, f.label))
            .fold(0.0, f64::max)
            .min(160.0)
    };
    let mut y = 0.0;
    if chart.series.len() > 1 || f.narrow {
        let names: Vec<String> = chart.series.iter().map(|s| s.name.clone()).collect();
        y += legend(out, f, &names, colours, 0.0);
    }
    let (left, right) = (tick_room + 34.0 * k, f.width - name_room - 16.0 * k);
    let (top, bottom) = (y + 10.0, y + 280.0);
    let n = chart.categories.len().max(1) as f64;
    let x_of = |i: usize| left + (i as f64 + 0.5) * (right - left) / n;
    let y_of = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
    for &t in &ticks {
        let ty = y_of(t);
        let colour = if t == 0.0 { AXIS } else { GRID };
        let _ = writeln!(
            out,
            "<line x1=\"{left:.1}\" y1=\"{ty:.1}\" x2=\"{right:.1}\" y2=\"{ty:.1}\" stroke=\"{colour}\" stroke-width=\"1\"/>"
        );
        let label = tick_label(t, chart.unit, step);
        text(out, left - 6.0, ty + 4.0 * k, f.tick, "end", INK, &label);
    }
    let _ = writeln!(
        out,
        "<line x1=\"{left:.1}\" y1=\"{bottom:.1}\" x2=\"{right:.1}\" y2=\"{bottom:.1}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>"
    );
    let label_lines = category_labels(out, f, &chart.categories, (right - left) / n, bottom, &x_of);
    for (s, series) in chart.series.iter().enumerate() {
        series_line(out, f, s, series, colours[s], &x_of, &y_of, bottom);
    }
    let line = 15.0 * k;
    let axis_y = bottom + 18.0 * k + label_lines as f64 * line + 8.0 * k;
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{:.1}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{INK}\" transform=\"rotate(-90 {x} {:.1})\">{}</text>",
        (top + bottom) / 2.0,
        f.label,
        (top + bottom) / 2.0,
        esc(&chart.measure),
        x = 14.0 * k,
    );
    axis_y + 4.0 * k
}

/// The categories' names under a line chart, each centred under its points; a narrow
/// chart names every so many, as many as fit. Returns the most lines a name takes.
fn category_labels(
    out: &mut String,
    f: &Frame,
    categories: &[String],
    slot: f64,
    bottom: f64,
    x_of: &dyn Fn(usize) -> f64,
) -> usize {
    let k = f.k();
    let every = if f.narrow {
        let widest = categories
            .iter()
            .flat_map(|c| c.split_whitespace())
            .map(|w| text_width(w, f.tick))
            .fold(0.0, f64::max);
        ((widest + 6.0) / slot).ceil().max(1.0) as usize
    } else {
        1
    };
    let line = 15.0 * k;
    let mut label_lines = 1;
    for (i, c) in categories.iter().enumerate().step_by(every) {
        let lines = wrap(c, slot * every as f64 - 6.0, f.tick);
        label_lines = label_lines.max(lines.len());
        for (j, l) in lines.iter().enumerate() {
            let baseline = bottom + 18.0 * k + j as f64 * line;
            text(out, x_of(i), baseline, f.tick, "middle", INK, l);
        }
    }
    label_lines
}

/// One series of a line chart: its line, broken at a gap, its markers, "no figure" in
/// a gap and, on a wide chart, its name at its last point.
#[allow(clippy::too_many_arguments)]
fn series_line(
    out: &mut String,
    f: &Frame,
    s: usize,
    series: &crate::assemble::Series,
    colour: Colour,
    x_of: &dyn Fn(usize) -> f64,
    y_of: &dyn Fn(f64) -> f64,
    bottom: f64,
) {
    let k = f.k();
    let mut path = String::new();
    let mut pen_down = false;
    for (i, v) in series.values.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    x_of(i),
                    y_of(*v)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let _ = writeln!(
        out,
        "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
        path.trim_end(),
        colour.to_string()
    );
    for (i, v) in series.values.iter().enumerate() {
        match v {
            Some(v) => marker(out, s, x_of(i), y_of(*v), colour),
            None => text(
                out,
                x_of(i),
                bottom - 6.0 - s as f64 * 14.0 * k,
                f.tick,
                "middle",
                AXIS,
                "no figure",
            ),
        }
    }
    if let Some((i, v)) = series
        .values
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| v.map(|v| (i, v)))
        .filter(|_| !f.narrow)
    {
        text(
            out,
            x_of(i) + 10.0,
            y_of(v) + 4.0,
            f.label,
            "start",
            INK,
            &series.name,
        );
    }
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_keeps_three_to_one_against_white_and_neighbours() {
        let brands = [
            None,
            Some("#1d4f91"),
            Some("#ffcc00"),
            Some("#e4002b"),
            Some("#00a19a"),
            Some("#6d2077"),
            Some("#000000"),
            Some("#ffffff"),
            Some("#7f7f7f"),
            Some("#4caf50"),
            Some("#f58220"),
        ];
        for brand in brands {
            let base = brand.map(|b| Colour::parse(b).unwrap());
            let colours = palette(base, 8);
            for (i, c) in colours.iter().enumerate() {
                assert!(
                    c.contrast(WHITE) >= 3.0,
                    "{brand:?}: series {i} {} has {:.2}:1 against white",
                    c.to_string(),
                    c.contrast(WHITE)
                );
                if i > 0 {
                    let before = colours[i - 1];
                    assert!(
                        c.contrast(before) >= 3.0,
                        "{brand:?}: series {i} {} and {} have {:.2}:1",
                        c.to_string(),
                        before.to_string(),
                        c.contrast(before)
                    );
                }
            }
        }
    }

    #[test]
    fn palette_follows_the_brand_hue() {
        let red = palette(Colour::parse("#e4002b"), 1)[0];
        assert!(red.r > red.b && red.r > red.g, "{red}");
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(0.0, 91.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(-1400.0, 281110.0)[0], -50000.0);
    }
}
