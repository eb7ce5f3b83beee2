//! Reading our PDFs in the tests with Rust crates alone, as a reader's tools would:
//! the document information, page sizes, the tag tree with its alt texts, and the text
//! of each page with the position of every word (for tests about layout, such as
//! "no table cell's text runs into the next column").
//!
//! `lopdf` (as re-exported by pdf-extract) reads the file's objects; `pdf-extract` interprets the pages' content
//! streams (fonts, ToUnicode maps, text matrices) and hands us each glyph with its
//! position, from which lines and words are put together here.

use std::path::Path;

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// One character as drawn on a page, in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// 1-based page number.
    pub page: u32,
    /// Left edge of the glyph (its origin).
    pub x: f64,
    /// The baseline, measured down from the top of the page.
    pub y: f64,
    /// Advance width, in points.
    pub width: f64,
    /// The font size as drawn, in points (rotation aside).
    pub size: f64,
    pub text: String,
    /// Drawn inside `/Artifact` marked content: page furniture (running headers and
    /// footers, the DRAFT watermark) that assistive technology skips.
    pub artifact: bool,
}

/// A run of glyphs with no gap between them on one baseline, with its box.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: u32,
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// The box's top and bottom: the font's size above the baseline, a fifth of it below.
    pub y0: f64,
    pub y1: f64,
    pub size: f64,
}

pub struct Pdf {
    pub doc: Document,
    glyphs: Vec<Glyph>,
    /// Each page's width and height.
    pages: Vec<(f64, f64)>,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let doc = Document::load(path)
            .unwrap_or_else(|e| panic!("{} is not a readable PDF: {e}", path.display()));
        let mut glyphs = Vec::new();
        let mut pages = Vec::new();
        for (number, id) in doc.get_pages() {
            let page = doc.get_dictionary(id).unwrap();
            let media: Vec<f64> = resolve(&doc, page.get(b"MediaBox").unwrap())
                .as_array()
                .unwrap()
                .iter()
                .map(|n| resolve(&doc, n).as_float().unwrap() as f64)
                .collect();
            pages.push((media[2] - media[0], media[3] - media[1]));
            let resources = page
                .get(b"Resources")
                .ok()
                .and_then(|r| resolve(&doc, r).as_dict().ok());
            let content = doc.get_page_content(id);
            let mut reader = PageReader {
                doc: &doc,
                page: number,
                height: media[3],
                fonts: HashMap::new(),
                glyphs: &mut glyphs,
            };
            reader.run(&content, resources, IDENTITY, 0);
        }
        Pdf { doc, glyphs, pages }
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Width and height of a page (1-based) in points, from its media box.
    pub fn page_size(&self, page: u32) -> (f64, f64) {
        self.pages[page as usize - 1]
    }

    /// An entry of the document information dictionary (`Title`, `Author`, …).
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let info = self.resolve(info).as_dict().ok()?;
        info.get(key.as_bytes())
            .ok()
            .and_then(|v| text_string(self.resolve(v)))
    }

    /// The catalogue's entry, resolved.
    fn catalog_entry(&self, key: &[u8]) -> Option<&Object> {
        self.doc
            .catalog()
            .ok()?
            .get(key)
            .ok()
            .map(|o| self.resolve(o))
    }

    /// Whether the PDF declares itself tagged (`/MarkInfo << /Marked true >>`).
    pub fn is_tagged(&self) -> bool {
        self.catalog_entry(b"MarkInfo")
            .and_then(|m| m.as_dict().ok())
            .and_then(|m| m.get(b"Marked").ok())
            .and_then(|m| m.as_bool().ok())
            .unwrap_or(false)
    }

    /// The document's language (`/Lang` in the catalogue).
    pub fn language(&self) -> Option<String> {
        self.catalog_entry(b"Lang").and_then(text_string)
    }

    /// Every element of the tag tree, depth first: its role (`H1`, `P`, `Table`,
    /// `TH`, `Figure`, …) and its alt text, if any.
    pub fn structure(&self) -> Vec<Element> {
        let mut out = Vec::new();
        if let Some(root) = self.catalog_entry(b"StructTreeRoot") {
            if let Ok(root) = root.as_dict() {
                if let Ok(kids) = root.get(b"K") {
                    self.walk_structure(kids, 0, &mut out);
                }
            }
        }
        out
    }

    fn walk_structure(&self, node: &Object, depth: usize, out: &mut Vec<Element>) {
        assert!(depth < 200, "the tag tree nests deeper than 200 levels");
        match self.resolve(node) {
            Object::Array(kids) => {
                for kid in kids {
                    self.walk_structure(kid, depth, out);
                }
            }
            Object::Dictionary(d) => {
                // Marked-content and object references (`/Type /MCR`, `/OBJR`) have no role.
                let Ok(role) = d.get(b"S").and_then(Object::as_name) else {
                    return;
                };
                out.push(Element {
                    role: String::from_utf8_lossy(role).to_string(),
                    alt: d
                        .get(b"Alt")
                        .ok()
                        .and_then(|a| text_string(self.resolve(a))),
                    depth,
                });
                if let Ok(kids) = d.get(b"K") {
                    self.walk_structure(kids, depth + 1, out);
                }
            }
            _ => {}
        }
    }

    fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        resolve(&self.doc, object)
    }

    /// Every glyph of every page, in the order the content streams draw them.
    pub fn glyphs(&self) -> &[Glyph] {
        &self.glyphs
    }

    /// The text of the glyphs `keep` accepts, as lines: a new line where the baseline
    /// moves, a space where a gap opens between glyphs on one line.
    pub fn text_where(&self, keep: impl Fn(&Glyph) -> bool) -> String {
        let mut text = String::new();
        let mut previous: Option<&Glyph> = None;
        for g in self.glyphs.iter().filter(|g| keep(g)) {
            if let Some(p) = previous {
                if p.page != g.page || (g.y - p.y).abs() > p.size.min(g.size) * 0.5 {
                    text.push('\n');
                } else if g.x > p.x + p.width + g.size * 0.1 || g.x < p.x {
                    text.push(' ');
                }
            }
            text.push_str(&g.text);
            previous = Some(g);
        }
        text.push('\n');
        text
    }

    /// All the text of the document.
    pub fn text(&self) -> String {
        self.text_where(|_| true)
    }

    /// The text of one page (1-based).
    pub fn page_text(&self, page: u32) -> String {
        self.text_where(|g| g.page == page)
    }

    /// The words of one page (1-based) with their boxes, in drawing order.
    pub fn words(&self, page: u32) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut previous: Option<&Glyph> = None;
        for g in self.glyphs.iter().filter(|g| g.page == page) {
            let blank = g.text.trim().is_empty();
            let joins = previous.is_some_and(|p| {
                (g.y - p.y).abs() <= p.size.min(g.size) * 0.5
                    && g.x >= p.x
                    && g.x <= p.x + p.width + g.size * 0.1
            });
            previous = if blank { None } else { Some(g) };
            if blank {
                continue;
            }
            match words.last_mut() {
                Some(w) if joins => {
                    w.text.push_str(&g.text);
                    w.x1 = w.x1.max(g.x + g.width);
                }
                _ => words.push(Word {
                    page,
                    text: g.text.clone(),
                    x0: g.x,
                    x1: g.x + g.width,
                    y0: g.y - g.size,
                    y1: g.y + g.size * 0.2,
                    size: g.size,
                }),
            }
        }
        words
    }
}

/// An element of the tag tree.
#[derive(Debug, Clone)]
pub struct Element {
    pub role: String,
    pub alt: Option<String>,
    pub depth: usize,
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (whose
/// printable ASCII and Latin-1 range this reads as such).
fn text_string(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(utf8) => String::from_utf8_lossy(utf8).to_string(),
            None => bytes.iter().map(|&b| b as char).collect(),
        },
    })
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        _ => object,
    }
}

/// An affine matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: PDF's `m × n`.
fn times(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => panic!("expected a number, found {o:?}"),
    }
}

/// What the tests need of a font: how its codes map to text and how wide each is.
struct Font {
    /// Type0 fonts (typst's) use two-byte codes; simple fonts one byte.
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space: 1/1000, or a Type3 font's own matrix.
    scale: f64,
}

impl Font {
    fn read(doc: &Document, dict: &Dictionary) -> Font {
        let get = |d: &Dictionary, key: &[u8]| d.get(key).ok().map(|o| resolve(doc, o).clone());
        let subtype = get(dict, b"Subtype")
            .and_then(|s| s.as_name().ok().map(<[u8]>::to_vec))
            .unwrap_or_default();
        let to_unicode = match get(dict, b"ToUnicode") {
            Some(Object::Stream(s)) => cmap(
                &s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone()),
            ),
            _ => HashMap::new(),
        };
        let mut widths = HashMap::new();
        if subtype == b"Type0" {
            let descendant = get(dict, b"DescendantFonts")
                .and_then(|d| d.as_array().ok().and_then(|a| a.first().cloned()))
                .map(|d| resolve(doc, &d).clone())
                .expect("a Type0 font has a descendant font");
            let descendant = descendant.as_dict().unwrap();
            let default_width = get(descendant, b"DW").map_or(1000.0, |w| num(&w));
            if let Some(Object::Array(w)) = get(descendant, b"W") {
                let w: Vec<Object> = w.iter().map(|o| resolve(doc, o).clone()).collect();
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = num(&w[i]) as u32;
                    if let Object::Array(list) = &w[i + 1] {
                        for (j, width) in list.iter().enumerate() {
                            widths.insert(first + j as u32, num(resolve(doc, width)));
                        }
                        i += 2;
                    } else {
                        let last = num(&w[i + 1]) as u32;
                        for code in first..=last {
                            widths.insert(code, num(&w[i + 2]));
                        }
                        i += 3;
                    }
                }
            }
            return Font {
                two_byte: true,
                to_unicode,
                widths,
                default_width,
                scale: 0.001,
            };
        }
        let first = get(dict, b"FirstChar").map_or(0.0, |f| num(&f)) as u32;
        if let Some(Object::Array(list)) = get(dict, b"Widths") {
            for (j, width) in list.iter().enumerate() {
                widths.insert(first + j as u32, num(resolve(doc, width)));
            }
        }
        let scale = match get(dict, b"FontMatrix") {
            Some(Object::Array(m)) if subtype == b"Type3" => num(&m[0]),
            _ => 0.001,
        };
        Font {
            two_byte: false,
            to_unicode,
            widths,
            default_width: 0.0,
            scale,
        }
    }

    fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        }
    }
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn cmap(bytes: &[u8]) -> HashMap<u32, String> {
    enum Token {
        Hex(Vec<u8>),
        Open,
        Close,
        Word(String),
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .unwrap_or(bytes.len() - i);
                let hex: Vec<u8> = bytes[i + 1..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let value = hex
                    .chunks(2)
                    .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap_or(0))
                    .collect();
                tokens.push(Token::Hex(value));
                i = end + 1;
            }
            b'[' => {
                tokens.push(Token::Open);
                i += 1;
            }
            b']' => {
                tokens.push(Token::Close);
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"<[]".contains(b))
                    .unwrap_or(bytes.len() - i);
                tokens.push(Token::Word(
                    String::from_utf8_lossy(&bytes[i..end]).to_string(),
                ));
                i = end;
            }
        }
    }
    let number = |h: &[u8]| h.iter().fold(0u32, |n, &b| n << 8 | u32::from(b));
    let utf16 = |h: &[u8]| {
        let units: Vec<u16> = h
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut map = HashMap::new();
    let mut mode = "";
    let mut t = 0;
    while t < tokens.len() {
        match (&tokens[t], mode) {
            (Token::Word(w), _) if w == "beginbfchar" => mode = "char",
            (Token::Word(w), _) if w == "beginbfrange" => mode = "range",
            (Token::Word(w), _) if w.starts_with("end") => mode = "",
            (Token::Hex(src), "char") => {
                if let Some(Token::Hex(dst)) = tokens.get(t + 1) {
                    map.insert(number(src), utf16(dst));
                    t += 1;
                }
            }
            (Token::Hex(lo), "range") => {
                let (lo, hi) = match tokens.get(t + 1) {
                    Some(Token::Hex(hi)) => (number(lo), number(hi)),
                    _ => break,
                };
                match tokens.get(t + 2) {
                    Some(Token::Hex(dst)) => {
                        let base = utf16(dst);
                        let mut chars: Vec<char> = base.chars().collect();
                        for code in lo..=hi.min(lo + 0xFFFF) {
                            map.insert(code, chars.iter().collect());
                            if let Some(last) = chars.last_mut() {
                                *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                            }
                        }
                        t += 2;
                    }
                    Some(Token::Open) => {
                        let mut code = lo;
                        t += 3;
                        while let Some(Token::Hex(dst)) = tokens.get(t) {
                            map.insert(code, utf16(dst));
                            code += 1;
                            t += 1;
                        }
                    }
                    _ => break,
                }
            }
            _ => {}
        }
        t += 1;
    }
    map
}

/// Interprets one page's content stream (and the forms it draws), keeping glyphs.
struct PageReader<'a> {
    doc: &'a Document,
    page: u32,
    height: f64,
    fonts: HashMap<(usize, Vec<u8>), Rc<Font>>,
    glyphs: &'a mut Vec<Glyph>,
}

/// The text state while a content stream runs.
struct State {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
}

impl PageReader<'_> {
    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix, depth: usize) {
        assert!(depth < 16, "forms nest deeper than 16 levels");
        let content = Content::decode(content).expect("the content stream parses");
        let mut state = State {
            ctm,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut saved: Vec<Matrix> = Vec::new();
        let mut artifact: Vec<bool> = Vec::new();
        for op in &content.operations {
            let o = &op.operands;
            let n = |i: usize| num(&o[i]);
            match op.operator.as_str() {
                "q" => saved.push(state.ctm),
                "Q" => state.ctm = saved.pop().unwrap_or(state.ctm),
                "cm" => state.ctm = times([n(0), n(1), n(2), n(3), n(4), n(5)], state.ctm),
                "BT" => {
                    state.tm = IDENTITY;
                    state.tlm = IDENTITY;
                }
                "Tf" => {
                    state.font = o[0]
                        .as_name()
                        .ok()
                        .and_then(|name| self.font(resources, name, depth));
                    state.size = n(1);
                }
                "Tc" => state.char_spacing = n(0),
                "Tw" => state.word_spacing = n(0),
                "Tz" => state.scaling = n(0) / 100.0,
                "TL" => state.leading = n(0),
                "Ts" => state.rise = n(0),
                "Td" => next_line(&mut state, n(0), n(1)),
                "TD" => {
                    state.leading = -n(1);
                    next_line(&mut state, n(0), n(1));
                }
                "Tm" => {
                    state.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.tlm = state.tm;
                }
                "T*" => new_line(&mut state),
                "Tj" => self.show(&mut state, &o[0], artifact.contains(&true)),
                "'" => {
                    new_line(&mut state);
                    self.show(&mut state, &o[0], artifact.contains(&true));
                }
                "\"" => {
                    state.word_spacing = n(0);
                    state.char_spacing = n(1);
                    new_line(&mut state);
                    self.show(&mut state, &o[2], artifact.contains(&true));
                }
                "TJ" => {
                    for item in o[0].as_array().map(Vec::as_slice).unwrap_or(&[]) {
                        match item {
                            Object::String(..) => {
                                self.show(&mut state, item, artifact.contains(&true))
                            }
                            other => {
                                let shift = -num(other) / 1000.0 * state.size * state.scaling;
                                state.tm = times(translate(shift, 0.0), state.tm);
                            }
                        }
                    }
                }
                "BMC" | "BDC" => artifact.push(o[0].as_name().is_ok_and(|t| t == b"Artifact")),
                "EMC" => {
                    artifact.pop();
                }
                "Do" => {
                    let is_artifact = artifact.contains(&true);
                    self.form(resources, &o[0], state.ctm, depth, is_artifact);
                }
                _ => {}
            }
        }
    }

    /// Draws a form XObject (its glyphs count as artifacts if the form is drawn as one).
    fn form(
        &mut self,
        resources: Option<&Dictionary>,
        name: &Object,
        ctm: Matrix,
        depth: usize,
        artifact: bool,
    ) {
        let doc = self.doc;
        let Some(stream) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| resolve(doc, x).as_dict().ok())
            .and_then(|x| x.get(name.as_name().ok()?).ok())
            .and_then(|s| resolve(doc, s).as_stream().ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let matrix = match stream.dict.get(b"Matrix") {
            Ok(Object::Array(m)) if m.len() == 6 => [
                num(&m[0]),
                num(&m[1]),
                num(&m[2]),
                num(&m[3]),
                num(&m[4]),
                num(&m[5]),
            ],
            _ => IDENTITY,
        };
        let inner = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| resolve(doc, r).as_dict().ok())
            .or(resources);
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let first = self.glyphs.len();
        self.run(&content, inner, times(matrix, ctm), depth + 1);
        for g in &mut self.glyphs[first..] {
            g.artifact |= artifact;
        }
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Option<Rc<Font>> {
        let key = (depth, name.to_vec());
        if let Some(font) = self.fonts.get(&key) {
            return Some(font.clone());
        }
        let doc = self.doc;
        let dict = resources?
            .get(b"Font")
            .ok()
            .and_then(|f| resolve(doc, f).as_dict().ok())?
            .get(name)
            .ok()
            .and_then(|f| resolve(doc, f).as_dict().ok())?;
        let font = Rc::new(Font::read(doc, dict));
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    /// Shows a string: one glyph per code, each advancing the text matrix.
    fn show(&mut self, state: &mut State, string: &Object, artifact: bool) {
        let (Some(font), Ok(bytes)) = (state.font.clone(), string.as_str()) else {
            return;
        };
        for code in font.codes(bytes) {
            let render = times(
                [
                    state.size * state.scaling,
                    0.0,
                    0.0,
                    state.size,
                    0.0,
                    state.rise,
                ],
                times(state.tm, state.ctm),
            );
            let width = font
                .widths
                .get(&code)
                .copied()
                .unwrap_or(font.default_width)
                * font.scale;
            let space = if !font.two_byte && code == 32 {
                state.word_spacing
            } else {
                0.0
            };
            let advance = (width * state.size + state.char_spacing + space) * state.scaling;
            let user = times(state.tm, state.ctm);
            self.glyphs.push(Glyph {
                page: self.page,
                x: render[4],
                y: self.height - render[5],
                width: advance * user[0].hypot(user[1]),
                size: render[2].hypot(render[3]),
                text: font
                    .to_unicode
                    .get(&code)
                    .cloned()
                    .unwrap_or_else(|| "\u{FFFD}".to_string()),
                artifact,
            });
            state.tm = times(translate(advance, 0.0), state.tm);
        }
    }
}

fn next_line(state: &mut State, x: f64, y: f64) {
    state.tlm = times(translate(x, y), state.tlm);
    state.tm = state.tlm;
}

/// `T*`: the start of the next line, `leading` below.
fn new_line(state: &mut State) {
    let leading = state.leading;
    next_line(state, 0.0, -leading);
}
