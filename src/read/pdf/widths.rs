//! How wide a font draws each character code, from the font's dictionary: so a run of
//! text knows where it ends across the page, and a gap between two runs on one line
//! can be told for what it is (a space between words, or a table's gutter between
//! cells). A font that gives no widths is measured at about half its size a character.

use std::collections::HashMap;

use lopdf::{Dictionary, Document as Pdf, Object};

/// At most this many entries read from a font's widths, so a hostile font cannot make
/// the reader hold more than a page's worth of numbers for it.
const MAX_WIDTHS: usize = 65_536;

/// The widths of a font's character codes, in thousandths of its size.
pub(super) struct Widths {
    /// Codes are two bytes (a composite font, `Type0`), else one.
    two_bytes: bool,
    by_code: HashMap<u32, f32>,
    /// The width of a code the font does not list.
    default: f32,
}

impl Widths {
    /// The widths a font's dictionary gives: `FirstChar` and `Widths` for a simple
    /// font, the descendant font's `W` and `DW` for a composite one. `None` when it
    /// gives none (the standard fourteen fonts need no widths in the file).
    pub(super) fn of(pdf: &Pdf, font: &Dictionary) -> Option<Widths> {
        let composite = matches!(font.get(b"Subtype").and_then(Object::as_name), Ok(b"Type0"));
        if composite {
            let descendant = font
                .get_deref(b"DescendantFonts", pdf)
                .and_then(Object::as_array)
                .ok()?
                .first()
                .and_then(|d| pdf.dereference(d).ok())
                .and_then(|(_, d)| d.as_dict().ok())?;
            let default = descendant
                .get(b"DW")
                .and_then(Object::as_float)
                .unwrap_or(1000.0);
            let w = descendant
                .get_deref(b"W", pdf)
                .and_then(Object::as_array)
                .ok()?;
            return Some(Widths {
                two_bytes: true,
                by_code: cid_widths(pdf, w),
                default,
            });
        }
        let first = font.get(b"FirstChar").and_then(Object::as_i64).ok()?;
        let widths = font
            .get_deref(b"Widths", pdf)
            .and_then(Object::as_array)
            .ok()?;
        let by_code = widths
            .iter()
            .take(MAX_WIDTHS)
            .enumerate()
            .filter_map(|(i, w)| Some((u32::try_from(first + i as i64).ok()?, number(pdf, w)?)))
            .collect();
        Some(Widths {
            two_bytes: false,
            by_code,
            default: 500.0,
        })
    }

    /// How far a string of codes advances, in thousandths of the font's size.
    pub(super) fn advance(&self, bytes: &[u8]) -> f32 {
        let code = |c: &[u8]| c.iter().fold(0u32, |n, b| n << 8 | u32::from(*b));
        let step = if self.two_bytes { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|c| self.by_code.get(&code(c)).copied().unwrap_or(self.default))
            .sum()
    }
}

/// A composite font's `W` array: `c [w1 w2 …]` gives widths from code `c` on, and
/// `first last w` one width for a range of codes.
fn cid_widths(pdf: &Pdf, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i + 1 < w.len() && out.len() < MAX_WIDTHS {
        let Some(first) = number(pdf, &w[i]).map(|f| f as u32) else {
            break;
        };
        match pdf.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                for (k, width) in list.iter().take(MAX_WIDTHS).enumerate() {
                    if let Some(width) = number(pdf, width) {
                        out.insert(first + k as u32, width);
                    }
                }
                i += 2;
            }
            _ => {
                let (Some(last), Some(width)) = (
                    w.get(i + 1).and_then(|o| number(pdf, o)),
                    w.get(i + 2).and_then(|o| number(pdf, o)),
                ) else {
                    break;
                };
                let last = (last as u32).min(first.saturating_add(MAX_WIDTHS as u32));
                for code in first..=last {
                    out.insert(code, width);
                }
                i += 3;
            }
        }
    }
    out
}

fn number(pdf: &Pdf, o: &Object) -> Option<f32> {
    pdf.dereference(o).ok()?.1.as_float().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_font_measures_its_codes_and_a_composite_font_its_pairs() {
        let simple = Widths {
            two_bytes: false,
            by_code: HashMap::from([(u32::from(b'A'), 722.0), (u32::from(b' '), 278.0)]),
            default: 500.0,
        };
        assert_eq!(simple.advance(b"A A"), 722.0 + 278.0 + 722.0);
        assert_eq!(simple.advance(b"B"), 500.0);
        let composite = Widths {
            two_bytes: true,
            by_code: HashMap::from([(0x0102, 600.0)]),
            default: 1000.0,
        };
        assert_eq!(composite.advance(&[0x01, 0x02, 0x00, 0x05]), 1600.0);
    }

    #[test]
    fn the_ranges_of_a_w_array_are_read_and_bounded() {
        let pdf = Pdf::with_version("1.7");
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(300)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(500),
            // A range claiming four billion codes is cut at the limit.
            Object::Integer(20),
            Object::Integer(i64::from(u32::MAX)),
            Object::Integer(1),
        ];
        let widths = cid_widths(&pdf, &w);
        assert_eq!(widths.get(&4), Some(&300.0));
        assert_eq!(widths.get(&11), Some(&500.0));
        assert!(widths.len() <= MAX_WIDTHS + 8);
    }
}
