//! How wide each piece of table text is, in the report's font, for the template's
//! column sizing.
//!
//! The template gives each table column the room its text needs. Measuring that
//! with typst's `measure` lays every cell and every word out as a small document,
//! and typst keeps each of those layouts in its cache to the end of the build: a
//! ten-times-longer report spent about 160 MB and 1.5 s on it. The widths are the
//! sum of the glyphs' advance widths in the very fonts the PDF embeds, which is
//! what a line of one word or one cell measures (kerning, left out, only ever
//! narrows Noto Sans's Latin text a little, so a column is never made too narrow).

use std::collections::BTreeMap;

use serde::Serialize;
use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInstance, FontVariant, FontVariations};

use crate::assemble::{BlockKind, Document, Table};

/// The widths of one piece of text, in ems (multiplied by the font size in the
/// template).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Widths {
    /// The whole text on one line, bold (the template sizes columns by their bold
    /// headers and totals, so body text measured bold is never cut short).
    pub line: f64,
    /// Its longest word, bold.
    pub word: f64,
    /// Its longest word in the regular weight, for body cells: a word wider than
    /// its column is the only reason to hyphenate.
    pub word_regular: f64,
}

/// The two weights table text is set in.
pub struct Fonts {
    regular: FontInstance,
    bold: FontInstance,
}

impl Fonts {
    pub fn new(regular: &'static [u8], bold: &'static [u8]) -> Option<Fonts> {
        // Static fonts: no variation axes, so any size gives the same advances.
        let instance = |data| {
            Font::new(Bytes::new(data), 0).map(|font| {
                font.instantiate(
                    FontVariant::default(),
                    Abs::pt(12.0),
                    &FontVariations::default(),
                )
            })
        };
        Some(Fonts {
            regular: instance(regular)?,
            bold: instance(bold)?,
        })
    }

    /// The widths of every title, cell and total in the document's tables (those
    /// under charts too), keyed by the text.
    pub fn of_tables(&self, document: &Document) -> BTreeMap<String, Widths> {
        let mut widths = BTreeMap::new();
        for section in &document.sections {
            for block in &section.blocks {
                block.walk(&mut |b| match &b.kind {
                    BlockKind::Table(t) => self.add(t, &mut widths),
                    BlockKind::Chart(c) => self.add(&c.table, &mut widths),
                    _ => {}
                });
            }
        }
        widths
    }

    fn add(&self, table: &Table, widths: &mut BTreeMap<String, Widths>) {
        let titles = table.columns.iter().map(|c| &c.title);
        let cells = table.rows.iter().chain(&table.total).flatten();
        for text in titles.chain(cells) {
            if !widths.contains_key(text) {
                widths.insert(text.clone(), self.measure(text));
            }
        }
    }

    /// A cell's lines break where its text has a line break, as typst sets them.
    pub fn measure(&self, text: &str) -> Widths {
        let widest = |font: &FontInstance, pieces: &mut dyn Iterator<Item = &str>| {
            pieces
                .map(|piece| em_width(font, piece))
                .fold(0.0, f64::max)
        };
        let words = || text.lines().flat_map(|line| line.split(' '));
        Widths {
            line: widest(&self.bold, &mut text.lines()),
            word: widest(&self.bold, &mut words()),
            word_regular: widest(&self.regular, &mut words()),
        }
    }
}

/// The advance width of `text` set in `font` at 1 em. A character the font lacks
/// counts as 0.6 em, about a figure's width, as its replacement box is drawn.
fn em_width(font: &FontInstance, text: &str) -> f64 {
    let face = font.ttf();
    let units = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0.6, |advance| f64::from(advance) / units)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::new(super::super::FONTS[0], super::super::FONTS[1]).unwrap()
    }

    #[test]
    fn bold_is_wider_and_a_line_is_its_words_and_spaces() {
        let f = fonts();
        let w = f.measure("Children looked after");
        assert!(w.word_regular < w.word, "{w:?}");
        let parts: f64 = ["Children", "looked", "after"]
            .iter()
            .map(|s| f.measure(s).line)
            .sum::<f64>()
            + 2.0 * f.measure(" ").line;
        assert!((w.line - parts).abs() < 1e-9, "{w:?} {parts}");
        assert_eq!(w.word, f.measure("Children").line);
    }

    #[test]
    fn a_cell_with_a_line_break_is_as_wide_as_its_longest_line() {
        let f = fonts();
        let two = f.measure("• Training\n• Audit of all referrals");
        assert_eq!(two.line, f.measure("• Audit of all referrals").line);
        assert_eq!(two.word, f.measure("referrals").line);
    }

    #[test]
    fn widths_are_those_of_the_font_not_a_guess() {
        // Noto Sans: "0" advances 572 of 1000 units in the regular weight, and an
        // "i" is much narrower than an "m".
        let f = fonts();
        let zero = em_width(&f.regular, "0");
        assert!((zero - 0.572).abs() < 0.01, "{zero}");
        assert!(em_width(&f.regular, "i") * 2.5 < em_width(&f.regular, "m"));
        assert_eq!(em_width(&f.regular, ""), 0.0);
    }
}
