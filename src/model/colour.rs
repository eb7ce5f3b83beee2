//! Colours and their contrast (WCAG 2.2, 1.4.3): the partnership's branding colour
//! must be readable as text on white and carry white text.

use std::fmt;

/// An sRGB colour, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// The least contrast WCAG 2.2 AA asks of body text.
pub const TEXT_CONTRAST: f64 = 4.5;

pub const WHITE: Colour = Colour {
    r: 255,
    g: 255,
    b: 255,
};

/// The colour used when a project names none: a dark blue that passes on white.
pub const DEFAULT: Colour = Colour {
    r: 0x1d,
    g: 0x4f,
    b: 0x91,
};

impl Colour {
    /// Reads `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Colour {
                r: r * 17,
                g: g * 17,
                b: b * 17,
            }),
            [r1, r2, g1, g2, b1, b2] => Some(Colour {
                r: r1 * 16 + r2,
                g: g1 * 16 + g2,
                b: b1 * 16 + b2,
            }),
            _ => None,
        }
    }

    /// Relative luminance as WCAG defines it.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// This colour mixed with `other`; `t` = 0 keeps it, 1 gives `other`.
    pub fn mix(self, other: Colour, t: f64) -> Colour {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Colour {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
        }
    }

    /// The closest shade towards `towards` (black to darken, white to lighten) that
    /// reaches `ratio` against `background`; the colour itself when it already does.
    pub fn shade_reaching(self, background: Colour, ratio: f64, towards: Colour) -> Colour {
        (0..=100)
            .map(|step| self.mix(towards, f64::from(step) / 100.0))
            .find(|c| c.contrast(background) >= ratio)
            .unwrap_or(towards)
    }

    /// The shade nearest to this colour that white text on it, and it as text on
    /// white, reach 4.5:1.
    pub fn nearest_passing_shade(self) -> Colour {
        let black = Colour { r: 0, g: 0, b: 0 };
        self.shade_reaching(WHITE, TEXT_CONTRAST, black)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Colour::parse("#000").unwrap();
        assert!((black.contrast(WHITE) - 21.0).abs() < 1e-9);
        // #767676 is the classic lightest grey that passes on white (4.54:1).
        let grey = Colour::parse("#767676").unwrap();
        assert!((grey.contrast(WHITE) - 4.54).abs() < 0.01);
        let lighter = Colour::parse("#777777").unwrap();
        assert!(lighter.contrast(WHITE) < TEXT_CONTRAST);
    }

    #[test]
    fn nearest_passing_shade_passes_and_stays_close() {
        let orange = Colour::parse("#ff9900").unwrap();
        assert!(orange.contrast(WHITE) < TEXT_CONTRAST);
        let shade = orange.nearest_passing_shade();
        assert!(shade.contrast(WHITE) >= TEXT_CONTRAST, "{shade}");
        // One step lighter would fail, so it is the nearest along the way to black.
        assert!(shade.mix(orange, 0.05).contrast(WHITE) < TEXT_CONTRAST + 0.3);
        assert_eq!(DEFAULT.nearest_passing_shade(), DEFAULT);
        assert_eq!(Colour::parse("#00556E").unwrap().to_string(), "#00556e");
        assert_eq!(Colour::parse("00556e"), None);
    }
}
