//! The shape of an XML text, measured in one pass before it is parsed.
//!
//! The XML parser (roxmltree) builds the whole tree in memory, about 80 bytes a node,
//! compares each attribute with the others on its element, and the code that walks
//! the tree afterwards recurses into nested elements. A file from elsewhere can be
//! shaped to break each of those: 100,000 nested elements overflow the stack of a
//! walk, 100,000 attributes on one element take minutes to compare, and 40 MB of
//! `<a/>` is ten million nodes. No real Word part or picture is shaped like that, so
//! such a text is refused here, in time proportional to its length, before anything
//! else reads it.

/// How deeply elements may nest. Word nests a paragraph in a table in a text box in
/// a table a few dozen levels deep at most; a picture's groups fewer.
pub const MAX_DEPTH: usize = 100;

/// The most attributes (namespace declarations included) one element may have:
/// Word's root element declares about forty.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// The most elements, attributes and pieces of text a part may hold: about 160 MB
/// once parsed, and several times the largest report's main part.
pub const MAX_ITEMS: usize = 2_000_000;

/// How an XML text goes beyond what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    /// Elements nested more than [`MAX_DEPTH`] deep.
    Depth,
    /// An element with more than [`MAX_ATTRIBUTES`] attributes.
    Attributes,
    /// More than [`MAX_ITEMS`] elements, attributes and texts.
    Items,
}

impl Excess {
    /// What is wrong, as the end of a sentence about the part ("… is …").
    pub fn explain(self) -> String {
        match self {
            Excess::Depth => format!(
                "nested too deeply to be a real document (more than {MAX_DEPTH} levels of elements inside one another)"
            ),
            Excess::Attributes => format!(
                "not a real document: one of its elements has more than {MAX_ATTRIBUTES} attributes"
            ),
            Excess::Items => format!(
                "larger than the limit of {} million elements, attributes and pieces of text",
                MAX_ITEMS / 1_000_000
            ),
        }
    }
}

/// Measures `xml` without parsing it: the nesting of its elements, the attributes of
/// each, and the number of elements, attributes and texts. Comments, CDATA sections,
/// processing instructions and declarations are stepped over; malformed text is left
/// for the parser to refuse.
pub fn measure(xml: &str) -> Result<(), Excess> {
    let b = xml.as_bytes();
    let (mut at, mut depth, mut items) = (0, 0usize, 0usize);
    let skip_past = |from: usize, end: &str| {
        xml[from..]
            .find(end)
            .map_or(b.len(), |i| from + i + end.len())
    };
    while let Some(found) = xml[at..].find('<') {
        let start = at + found;
        if start > at {
            items += 1;
        }
        let rest = &xml[start..];
        at = if rest.starts_with("<!--") {
            skip_past(start, "-->")
        } else if rest.starts_with("<![CDATA[") {
            items += 1;
            skip_past(start, "]]>")
        } else if rest.starts_with("<?") {
            skip_past(start, "?>")
        } else if rest.starts_with("<!") {
            skip_past(start, ">")
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            skip_past(start, ">")
        } else {
            let (end, attributes) = start_tag(b, start + 1);
            items += 1 + attributes;
            if attributes > MAX_ATTRIBUTES {
                return Err(Excess::Attributes);
            }
            if b.get(end.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Excess::Depth);
                }
            }
            (end + 1).min(b.len())
        };
        if items > MAX_ITEMS {
            return Err(Excess::Items);
        }
    }
    Ok(())
}

/// From just inside a start tag: where its `>` is, and how many attributes it has
/// (the `=` signs outside quoted values).
fn start_tag(b: &[u8], mut at: usize) -> (usize, usize) {
    let (mut quote, mut attributes) = (None, 0);
    while let Some(&c) = b.get(at) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'=' => attributes += 1,
                b'>' => break,
                _ => {}
            },
        }
        at += 1;
    }
    (at, attributes)
}

/// Parses XML measured by [`measure`], refusing a DTD and so entity expansion.
pub fn parse(xml: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_ITEMS as u32,
            ..Default::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_attributes_and_size_are_measured() {
        assert_eq!(
            measure("<a><b x='1>2' y=\"3\"/><!-- <c> --><![CDATA[<d>]]></a>"),
            Ok(())
        );
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(measure(&deep), Err(Excess::Depth));
        let flat = "<a></a>".repeat(MAX_DEPTH + 1);
        assert_eq!(measure(&flat), Ok(()));
        let many: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}=''")).collect();
        assert_eq!(measure(&format!("<e{many}/>")), Err(Excess::Attributes));
        assert_eq!(measure(&"<a/>".repeat(MAX_ITEMS + 1)), Err(Excess::Items));
    }
}
