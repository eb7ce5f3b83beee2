//! SVG pictures, which are programs as well as pictures: an SVG can hold `<script>`,
//! event handlers (`onload="…"`), HTML in a `foreignObject`, animations that set a
//! link to `javascript:`, and references that fetch from elsewhere (`href`, CSS
//! `url(…)` and `@import`). Opened from the published website, its script runs with
//! the website's rights.
//!
//! So an SVG is rewritten from an allow-list: the elements and attributes of a static
//! drawing are kept, everything else is dropped and listed ([`clean`]). `import`
//! writes the rewritten picture and says what it dropped; a picture already in the
//! project is refused if anything [`Removed::active`] would have to be dropped (see
//! [`super::image::read`]). Editors' own bookkeeping (Inkscape's, Illustrator's, RDF
//! metadata) is dropped without complaint: it does nothing in a browser.

use roxmltree::{Node, NodeType};

const SVG: &str = "http://www.w3.org/2000/svg";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// What to do about a refused SVG.
pub const HELP: &str = "open the picture in a drawing program and export it again as plain SVG (or as PNG) without scripts, links or embedded web content, then use that.";

/// The elements of a static drawing.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "switch",
    "a",
    "view",
    "style",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "image",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "linearGradient",
    "radialGradient",
    "stop",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// The attributes (without a namespace) of a static drawing. `aria-*` is kept too.
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "style",
    "transform",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "d",
    "points",
    "pathLength",
    "viewBox",
    "preserveAspectRatio",
    "version",
    "baseProfile",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
    "color",
    "display",
    "visibility",
    "overflow",
    "clip",
    "clip-path",
    "clip-rule",
    "clipPathUnits",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "filter",
    "filterUnits",
    "primitiveUnits",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "fx",
    "fy",
    "fr",
    "offset",
    "stop-color",
    "stop-opacity",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "font",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "letter-spacing",
    "word-spacing",
    "text-decoration",
    "writing-mode",
    "direction",
    "unicode-bidi",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "method",
    "spacing",
    "side",
    "href",
    "role",
    "lang",
    "focusable",
    "shape-rendering",
    "text-rendering",
    "image-rendering",
    "color-interpolation",
    "color-interpolation-filters",
    "color-rendering",
    "enable-background",
    "mix-blend-mode",
    "isolation",
    "paint-order",
    "vector-effect",
    "in",
    "in2",
    "result",
    "stdDeviation",
    "mode",
    "type",
    "values",
    "operator",
    "k1",
    "k2",
    "k3",
    "k4",
    "order",
    "kernelMatrix",
    "divisor",
    "bias",
    "targetX",
    "targetY",
    "edgeMode",
    "preserveAlpha",
    "surfaceScale",
    "diffuseConstant",
    "specularConstant",
    "specularExponent",
    "kernelUnitLength",
    "scale",
    "xChannelSelector",
    "yChannelSelector",
    "radius",
    "flood-color",
    "flood-opacity",
    "lighting-color",
    "azimuth",
    "elevation",
    "z",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "limitingConeAngle",
    "baseFrequency",
    "numOctaves",
    "seed",
    "stitchTiles",
    "tableValues",
    "slope",
    "intercept",
    "amplitude",
    "exponent",
    "requiredFeatures",
    "requiredExtensions",
    "systemLanguage",
    "media",
];

/// Namespaces of drawing programs' bookkeeping, which no browser acts on.
const EDITORS: &[&str] = &[
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
];

/// Why an SVG cannot be used at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// It declares entities (a DOCTYPE with definitions of its own), which can make a
    /// few bytes expand to gigabytes.
    Entities,
    /// Nested too deeply, or too large, to be a picture.
    Shape(super::xml::Excess),
    /// Not well-formed XML, not UTF-8, or its outermost element is not `<svg>`.
    NotReadable(String),
    /// It holds something that could run or fetch, named.
    Active(String),
}

impl Refusal {
    /// What is wrong, as the end of a sentence about the picture ("… is …").
    pub fn explain(&self) -> String {
        match self {
            Refusal::Entities => "is an SVG picture that declares entities (a DOCTYPE with definitions of its own), which can make a small file expand without end".into(),
            Refusal::Shape(e) => format!("is an SVG picture {}", e.explain()),
            Refusal::NotReadable(why) => format!("is not an SVG picture that can be read ({why})"),
            Refusal::Active(what) => format!("is an SVG picture holding {what}, which would run or load on the published website"),
        }
    }
}

/// Something [`clean`] dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// What it was, for a note ("a script (<script>)").
    pub what: String,
    /// Whether it could run, fetch or show something: a script, an event handler, an
    /// outside reference, web content. Editors' bookkeeping is not.
    pub active: bool,
}

/// An SVG rewritten from the allow-list.
#[derive(Debug)]
pub struct Cleaned {
    pub svg: String,
    /// What was dropped, once per kind, in the order first met.
    pub removed: Vec<Removed>,
}

/// Parses an SVG's bytes, refusing what cannot be read safely.
fn parse(bytes: &[u8]) -> Result<roxmltree::Document<'_>, Refusal> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Refusal::NotReadable("it is not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    super::xml::measure(text).map_err(Refusal::Shape)?;
    let dtd = text.find("<!DOCTYPE");
    if let Some(at) = dtd
        && has_internal_subset(&text[at..])
    {
        return Err(Refusal::Entities);
    }
    // A DOCTYPE without definitions names an outside DTD, which is never fetched.
    let doc = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: dtd.is_some(),
            nodes_limit: super::xml::MAX_ITEMS as u32,
            ..Default::default()
        },
    )
    .map_err(|e| Refusal::NotReadable(e.to_string()))?;
    if !doc.root_element().has_tag_name((SVG, "svg")) {
        return Err(Refusal::NotReadable(
            "its outermost element is not an SVG <svg>".into(),
        ));
    }
    Ok(doc)
}

/// Whether a DOCTYPE declaration (from `<!DOCTYPE` on) has `[…]` definitions.
fn has_internal_subset(doctype: &str) -> bool {
    let mut quote = None;
    for c in doctype.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' => return true,
                '>' => return false,
                _ => {}
            },
        }
    }
    false
}

/// The size an SVG says it is, in CSS pixels: its `width` and `height`, else its
/// `viewBox`, else a browser's default of 300 × 150.
pub fn size(bytes: &[u8]) -> Result<(u64, u64), Refusal> {
    let doc = parse(bytes)?;
    let root = doc.root_element();
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let side = |name: &str, from_view: Option<f64>, default: f64| {
        let px = root
            .attribute(name)
            .and_then(pixels)
            .or(from_view)
            .unwrap_or(default);
        if px.is_finite() {
            px.max(0.0).ceil() as u64
        } else {
            u64::MAX
        }
    };
    let (vw, vh) = match *view.as_slice() {
        [_, _, w, h] => (Some(w), Some(h)),
        _ => (None, None),
    };
    Ok((side("width", vw, 300.0), side("height", vh, 150.0)))
}

/// A length in CSS pixels; `None` for a percentage or a unit relative to text.
fn pixels(length: &str) -> Option<f64> {
    let t = length.trim();
    let split = t
        .find(|c: char| c.is_ascii_alphabetic() || c == '%')
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number.trim().parse().ok()?;
    let per = match unit.trim() {
        "" | "px" => 1.0,
        "pt" => 4.0 / 3.0,
        "pc" => 16.0,
        "mm" => 96.0 / 25.4,
        "cm" => 96.0 / 2.54,
        "in" => 96.0,
        _ => return None,
    };
    Some(n * per)
}

/// Rewrites an SVG from the allow-list: what it keeps, and what it dropped.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, Refusal> {
    let doc = parse(bytes)?;
    let mut out = String::with_capacity(bytes.len());
    let mut removed: Vec<Removed> = Vec::new();
    let mut note = |what: String, active: bool| {
        if !removed.iter().any(|r| r.what == what) {
            removed.push(Removed { what, active });
        }
    };
    enum Step<'a, 'i> {
        Open(Node<'a, 'i>),
        Close(&'a str),
    }
    let mut steps = vec![Step::Open(doc.root_element())];
    while let Some(step) = steps.pop() {
        let node = match step {
            Step::Close(name) => {
                out.push_str(&format!("</{name}>"));
                continue;
            }
            Step::Open(node) => node,
        };
        match node.node_type() {
            NodeType::Text => {
                escape(&mut out, node.text().unwrap_or(""), false);
                continue;
            }
            NodeType::Element => {}
            _ => continue,
        }
        if let Some((what, active)) = element_refused(node) {
            note(what, active);
            continue;
        }
        let name = node.tag_name().name();
        out.push('<');
        out.push_str(name);
        if node.parent_element().is_none() {
            out.push_str(&format!(" xmlns=\"{SVG}\" xmlns:xlink=\"{XLINK}\""));
        }
        for a in node.attributes() {
            match attribute(node, &a) {
                Ok(qualified) => {
                    out.push_str(&format!(" {qualified}=\""));
                    escape(&mut out, a.value(), true);
                    out.push('"');
                }
                Err((what, active)) => note(what, active),
            }
        }
        if node.has_children() {
            out.push('>');
            steps.push(Step::Close(name));
            let children: Vec<_> = node.children().collect();
            steps.extend(children.into_iter().rev().map(Step::Open));
        } else {
            out.push_str("/>");
        }
    }
    out.push('\n');
    Ok(Cleaned { svg: out, removed })
}

/// Why an element (and all it holds) is dropped, and whether that matters: `None`
/// when it is kept.
fn element_refused(node: Node) -> Option<(String, bool)> {
    let tag = node.tag_name();
    let name = tag.name();
    match tag.namespace() {
        Some(SVG) if ELEMENTS.contains(&name) => {
            if name == "style" {
                let css: String = node.children().filter_map(|c| c.text()).collect();
                return css_unsafe(&css).map(|why| (format!("a style sheet that {why}"), true));
            }
            None
        }
        Some(SVG) if name == "metadata" => Some(("metadata".into(), false)),
        Some(SVG) => Some((
            match name {
                "script" | "handler" | "listener" => format!("a script (<{name}>)"),
                "foreignObject" => "web content (<foreignObject>)".into(),
                "animate" | "animateMotion" | "animateTransform" | "set" | "discard" => {
                    format!("an animation (<{name}>)")
                }
                _ => format!("an element an SVG picture does not need (<{name}>)"),
            },
            true,
        )),
        Some(ns) if EDITORS.contains(&ns) => Some(("a drawing program's notes".into(), false)),
        _ => Some((format!("an element that is not SVG (<{name}>)"), true)),
    }
}

/// The attribute as written in the cleaned picture (`fill`, `xlink:href`), or why it
/// is dropped and whether that matters.
fn attribute(node: Node, a: &roxmltree::Attribute) -> Result<String, (String, bool)> {
    let name = a.name();
    let value = a.value();
    let qualified = match a.namespace() {
        None if name.to_ascii_lowercase().starts_with("on") => {
            return Err((format!("an event handler ({name})"), true));
        }
        None if ATTRIBUTES.contains(&name) || name.starts_with("aria-") => name.to_string(),
        None => {
            return Err((
                format!("an attribute an SVG picture does not need ({name})"),
                false,
            ));
        }
        Some(XLINK) if name == "href" => format!("xlink:{name}"),
        Some(XML) if name == "space" || name == "lang" => format!("xml:{name}"),
        Some(_) => return Err(("a drawing program's notes".into(), false)),
    };
    if name == "href" {
        return href(node, value).map(|()| qualified);
    }
    if let Some(why) = css_unsafe(value) {
        return Err((format!("a style that {why} ({name})"), true));
    }
    Ok(qualified)
}

/// A link within the picture (`#id`) passes, and on `<image>` and `<feImage>` an
/// embedded PNG, JPEG or GIF within the pixel limits; anything else would fetch from
/// elsewhere or run.
fn href(node: Node, value: &str) -> Result<(), (String, bool)> {
    let v = value.trim();
    if v.starts_with('#') {
        return Ok(());
    }
    let raster = matches!(node.tag_name().name(), "image" | "feImage");
    let lower = v.get(..32).unwrap_or(v).to_ascii_lowercase();
    let embedded = [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/gif;base64,",
    ]
    .iter()
    .find(|p| lower.starts_with(*p));
    match embedded {
        Some(prefix) if raster => {
            let bytes = base64(&v[prefix.len()..])
                .ok_or_else(|| ("a damaged embedded picture".to_string(), true))?;
            match super::image::inspect(&bytes) {
                Ok((format, ..)) if format != super::image::Format::Svg => Ok(()),
                Ok(_) => Err((
                    "an embedded picture that is not PNG, JPEG or GIF".into(),
                    true,
                )),
                Err(r) => Err((format!("an embedded picture that {}", r.explain()), true)),
            }
        }
        _ => Err((
            format!("a link to something outside the picture ({})", shorten(v)),
            true,
        )),
    }
}

/// Why CSS (a `<style>`, a `style` attribute or a presentation attribute) is not
/// kept: it loads something from elsewhere (`url(…)` other than `url(#id)`,
/// `@import`) or runs something (old browsers' `expression(…)`, `javascript:`).
fn css_unsafe(css: &str) -> Option<&'static str> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("imports another style sheet");
    }
    if lower.contains("expression(")
        || lower.contains("javascript:")
        || lower.contains("-moz-binding")
        || lower.contains("behavior:")
    {
        return Some("runs script");
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        if !target.starts_with('#') {
            return Some("loads something from outside the picture");
        }
    }
    None
}

/// Standard base64, white space ignored; `None` if it is not base64.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// A value quoted in a note: its first 60 characters.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_string(),
    }
}

/// Appends `text` escaped for XML text, or for an attribute value in double quotes.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_outside_references_are_dropped_and_drawing_kept() {
        let svg = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10" onload="alert(1)" inkscape:version="1">
<script>alert(2)</script>
<style>rect { fill: url(#g) } @import url(https://evil.example/x.css);</style>
<linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>
<rect width="5" height="5" fill="url(#g)" style="fill: url(https://evil.example/a.png)"/>
<a href="javascript:alert(3)"><text x="1" y="9">A &amp; B &lt;</text></a>
<use xlink:href="#g"/><use href="https://evil.example/s.svg#x"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
<set attributeName="href" to="javascript:alert(4)"/>
</svg>"##;
        let c = clean(svg.as_bytes()).unwrap();
        for gone in [
            "script",
            "alert",
            "onload",
            "evil",
            "foreignObject",
            "<set",
            "inkscape",
            "@import",
        ] {
            assert!(!c.svg.contains(gone), "{gone} in {}", c.svg);
        }
        for kept in [
            "<linearGradient id=\"g\">",
            "fill=\"url(#g)\"",
            "A &amp; B &lt;",
            "xlink:href=\"#g\"",
            "<text x=\"1\" y=\"9\">",
        ] {
            assert!(c.svg.contains(kept), "{kept} not in {}", c.svg);
        }
        assert!(roxmltree::Document::parse(&c.svg).is_ok(), "{}", c.svg);
        let active: Vec<&str> = c
            .removed
            .iter()
            .filter(|r| r.active)
            .map(|r| r.what.as_str())
            .collect();
        assert!(active.contains(&"a script (<script>)"), "{active:?}");
        assert!(active.contains(&"an event handler (onload)"), "{active:?}");
        assert!(
            c.removed
                .iter()
                .any(|r| !r.active && r.what == "a drawing program's notes")
        );
    }

    #[test]
    fn the_shipped_logo_is_clean_and_entities_are_refused() {
        let logo = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/images/hscp-logo.svg"
        ))
        .unwrap();
        let c = clean(&logo).unwrap();
        assert!(c.removed.is_empty(), "{:?}", c.removed);
        assert_eq!(size(&logo), Ok((240, 80)));
        let bomb = r#"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>"#;
        assert_eq!(clean(bomb.as_bytes()).unwrap_err(), Refusal::Entities);
        let public = r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 70000 10"/>"#;
        assert!(clean(public.as_bytes()).is_ok());
        assert_eq!(size(public.as_bytes()), Ok((70000, 10)));
        assert_eq!(pixels("2in"), Some(192.0));
        assert_eq!(base64("aGk=").as_deref(), Some(&b"hi"[..]));
    }
}
