//! Where words and rules are on the PDF's pages, read with lopdf: the text operators
//! of each page's content stream are run with the fonts' glyph widths, and vertical
//! stroked lines (table rules) are collected. Form XObjects (the charts' SVG) are
//! not entered: they hold no tables.
//!
//! Coordinates are PDF points, y upwards from the bottom of the page.
//!
//! typst draws the charts' SVG inline, scaled from the SVG's units to the page; what
//! is drawn at a scale other than 1 is marked `in_drawing`, so a chart's value labels
//! over its own light grid lines are not taken for a table's text over its rules.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};

/// A word as printed: its text and box.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub in_drawing: bool,
}

/// A vertical rule: its x and the y range it spans.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x: f64,
    pub y0: f64,
    pub y1: f64,
    pub in_drawing: bool,
}

#[derive(Debug, Default)]
pub struct Page {
    pub number: u32,
    pub words: Vec<Word>,
    pub rules: Vec<Rule>,
}

/// The words and vertical rules of every page.
pub fn pages(pdf: &Path) -> Vec<Page> {
    let doc = Document::load(pdf).expect("the PDF parses");
    doc.get_pages()
        .into_iter()
        .map(|(number, id)| {
            let fonts = fonts(&doc, id);
            let content = doc
                .get_and_decode_page_content(id)
                .expect("the page's content decodes");
            let mut page = read(&content, &fonts);
            page.number = number;
            page
        })
        .collect()
}

/// Words whose box crosses a vertical rule beside them: a cell's text printed over
/// its border into the next cell. Returns (page, word, rule x).
pub fn words_over_rules(pages: &[Page]) -> Vec<(u32, String, f64)> {
    let mut found = Vec::new();
    for page in pages {
        for w in page.words.iter().filter(|w| !w.in_drawing) {
            for r in page.rules.iter().filter(|r| !r.in_drawing) {
                let overlap = w.y1.min(r.y1) - w.y0.max(r.y0);
                if overlap > 1.0 && w.x0 + 0.2 < r.x && r.x < w.x1 - 0.2 {
                    found.push((page.number, w.text.clone(), r.x));
                }
            }
        }
    }
    found
}

struct Font {
    /// Width of each glyph id in thousandths of the size.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Two-byte codes (Type0) or one-byte.
    two_bytes: bool,
    unicode: HashMap<u32, String>,
}

fn fonts(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, Font> {
    let mut out = HashMap::new();
    for (name, dict) in doc.get_page_fonts(page).unwrap_or_default() {
        let two_bytes = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0");
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        if two_bytes {
            let descendant = dict
                .get(b"DescendantFonts")
                .and_then(|d| resolve(doc, d).as_array().cloned())
                .ok()
                .and_then(|a| a.first().cloned())
                .map(|d| resolve(doc, &d).clone());
            if let Some(Ok(cid)) = descendant.map(|d| d.as_dict().cloned()) {
                default_width = cid.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
                if let Ok(w) = cid.get(b"W") {
                    cid_widths(resolve(doc, w), doc, &mut widths);
                }
            }
        } else {
            let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
            if let Ok(Object::Array(ws)) = dict.get(b"Widths").map(|w| resolve(doc, w)) {
                for (i, w) in ws.iter().enumerate() {
                    widths.insert(first + i as u32, number(resolve(doc, w)).unwrap_or(0.0));
                }
            }
            default_width = 0.0;
        }
        let unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| doc.get_object(id).ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content().ok())
            .map(|bytes| to_unicode(&String::from_utf8_lossy(&bytes)))
            .unwrap_or_default();
        out.insert(
            name,
            Font {
                widths,
                default_width,
                two_bytes,
                unicode,
            },
        );
    }
    out
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The CID font `W` array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(w: &Object, doc: &Document, out: &mut HashMap<u32, f64>) {
    let Ok(items) = w.as_array() else { return };
    let mut i = 0;
    while i < items.len() {
        let Some(first) = number(resolve(doc, &items[i])) else {
            break;
        };
        match items.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    out.insert(first as u32 + k as u32, number(w).unwrap_or(0.0));
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).unwrap_or(first);
                let width = items.get(i + 2).and_then(number).unwrap_or(0.0);
                for c in first as u32..=last as u32 {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn to_unicode(cmap: &str) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    let text = |s: &str| {
        let h = s.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..h.len() / 4)
            .filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut section = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        } else if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        } else if line.starts_with("end") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [code, value]) => {
                if let Some(c) = hex(code) {
                    out.insert(c, text(value));
                }
            }
            ("range", [lo, hi, start]) if start.starts_with('<') => {
                if let (Some(lo), Some(hi)) = (hex(lo), hex(hi)) {
                    let base = text(start);
                    let first = base.chars().next().map_or(0, u32::from);
                    for (k, c) in (lo..=hi).enumerate() {
                        if let Some(ch) = char::from_u32(first + k as u32) {
                            out.insert(c, ch.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

type Matrix = [f64; 6];

/// Whether a transformation scales (as an embedded SVG's does) rather than only
/// moving and flipping.
fn scaled(m: &Matrix) -> bool {
    (m[0].hypot(m[1]) - 1.0).abs() > 0.01 || (m[2].hypot(m[3]) - 1.0).abs() > 0.01
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`: the product a × b in PDF's row-vector convention.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
}

struct Text {
    tm: Matrix,
    tlm: Matrix,
    font: Vec<u8>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

fn read(content: &Content, fonts: &HashMap<Vec<u8>, Font>) -> Page {
    let mut page = Page::default();
    let mut stack: Vec<State> = Vec::new();
    let mut gs = State { ctm: IDENTITY };
    let mut t = Text {
        tm: IDENTITY,
        tlm: IDENTITY,
        font: Vec::new(),
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    let mut path: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let mut current = (0.0, 0.0);
    let mut word: Option<Word> = None;
    for op in &content.operations {
        let n = |i: usize| op.operands.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => stack.push(gs.clone()),
            "Q" => gs = stack.pop().unwrap_or(State { ctm: IDENTITY }),
            "cm" => gs.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm),
            "m" => current = (n(0), n(1)),
            "l" => {
                path.push((current, (n(0), n(1))));
                current = (n(0), n(1));
            }
            "re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                path.push(((x, y), (x, y + h)));
                path.push(((x + w, y), (x + w, y + h)));
            }
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                for (a, b) in path.drain(..) {
                    let (ax, ay) = apply(&gs.ctm, a.0, a.1);
                    let (bx, by) = apply(&gs.ctm, b.0, b.1);
                    if (ax - bx).abs() < 0.1 && (ay - by).abs() > 1.0 {
                        page.rules.push(Rule {
                            x: ax,
                            y0: ay.min(by),
                            y1: ay.max(by),
                            in_drawing: scaled(&gs.ctm),
                        });
                    }
                }
            }
            "f" | "F" | "f*" | "n" => path.clear(),
            "BT" => {
                t.tm = IDENTITY;
                t.tlm = IDENTITY;
            }
            "ET" => flush(&mut word, &mut page),
            "Tf" => {
                t.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                t.size = n(1);
            }
            "Tc" => t.char_spacing = n(0),
            "Tw" => t.word_spacing = n(0),
            "Tz" => t.scale = n(0) / 100.0,
            "TL" => t.leading = n(0),
            "Ts" => t.rise = n(0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    t.leading = -n(1);
                }
                t.tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &t.tlm);
                t.tm = t.tlm;
                flush(&mut word, &mut page);
            }
            "Tm" => {
                t.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                t.tm = t.tlm;
                flush(&mut word, &mut page);
            }
            "T*" => {
                t.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -t.leading], &t.tlm);
                t.tm = t.tlm;
                flush(&mut word, &mut page);
            }
            "Tj" | "'" | "\"" => {
                if let Some(Object::String(bytes, _)) = op.operands.last() {
                    show(bytes, &mut t, &gs, fonts, &mut word, &mut page);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = op.operands.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                show(bytes, &mut t, &gs, fonts, &mut word, &mut page)
                            }
                            other => {
                                let shift =
                                    -number(other).unwrap_or(0.0) / 1000.0 * t.size * t.scale;
                                t.tm = mul(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &t.tm);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut word, &mut page);
    page
}

fn flush(word: &mut Option<Word>, page: &mut Page) {
    if let Some(w) = word.take()
        && !w.text.trim().is_empty()
    {
        page.words.push(w);
    }
}

/// Places each glyph of a shown string, extending the current word while glyphs
/// follow on closely and starting a new one after a gap or a space.
fn show(
    bytes: &[u8],
    t: &mut Text,
    gs: &State,
    fonts: &HashMap<Vec<u8>, Font>,
    word: &mut Option<Word>,
    page: &mut Page,
) {
    let Some(font) = fonts.get(&t.font) else {
        return;
    };
    let codes: Vec<u32> = if font.two_bytes {
        bytes
            .chunks(2)
            .map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0)))
            .collect()
    } else {
        bytes.iter().map(|b| u32::from(*b)).collect()
    };
    for code in codes {
        let w = font
            .widths
            .get(&code)
            .copied()
            .unwrap_or(font.default_width)
            / 1000.0;
        let m = mul(&t.tm, &gs.ctm);
        let corners = [
            apply(&m, 0.0, t.rise - 0.2 * t.size),
            apply(&m, w * t.size * t.scale, t.rise + 0.75 * t.size),
        ];
        let (x0, x1) = (
            corners[0].0.min(corners[1].0),
            corners[0].0.max(corners[1].0),
        );
        let (y0, y1) = (
            corners[0].1.min(corners[1].1),
            corners[0].1.max(corners[1].1),
        );
        let ch = font
            .unicode
            .get(&code)
            .cloned()
            .unwrap_or_else(|| "?".to_string());
        let space = ch.trim().is_empty();
        // Glyphs closer than an eighth of an em belong to one word.
        let gap_limit = 0.12 * t.size * m[0].hypot(m[1]);
        match word {
            Some(wd) if !space && (x0 - wd.x1).abs() <= gap_limit && (y0 - wd.y0).abs() < 1.0 => {
                wd.text.push_str(&ch);
                wd.x1 = wd.x1.max(x1);
                wd.y1 = wd.y1.max(y1);
            }
            _ => {
                flush(word, page);
                if !space {
                    *word = Some(Word {
                        text: ch,
                        x0,
                        x1,
                        y0,
                        y1,
                        in_drawing: scaled(&gs.ctm),
                    });
                }
            }
        }
        let advance = (w * t.size
            + t.char_spacing
            + if !font.two_bytes && code == 32 {
                t.word_spacing
            } else {
                0.0
            })
            * t.scale;
        t.tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &t.tm);
    }
}
