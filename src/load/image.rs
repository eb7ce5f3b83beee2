//! Pictures, judged from their first bytes before anything decodes them.
//!
//! A picture's file says how many pixels it holds in its first few dozen bytes, and a
//! decoder (typst's, for the PDF, or a reader's browser) asks for four bytes per pixel
//! before it reads any of them: a 2 KB PNG whose header says 65,535 × 65,535 asks for
//! 16 GB. So the header is read here, by hand — PNG, JPEG, GIF and WebP keep the size
//! at a fixed place or in a short chain of segments, and an SVG on its root element —
//! and a picture over [`MAX_SIDE`] or [`MAX_PIXELS`] is refused at `import` (left
//! out, with a note) and at its reference in a section (an error), before typst or
//! anything else sees it.
//!
//! An SVG is also a program a browser runs: see [`super::svg`] for what is refused.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Span};

/// The most pixels a picture may have: 50 megapixels, more than a good camera's
/// photograph (most are 12 to 24), and 200 MB once decoded — well inside the memory
/// the tool may use. A report's pictures are charts, logos and photographs a page wide.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The longest side a picture may have, in pixels: wider than any screen or print at
/// 300 dpi across an A4 page several times over.
pub const MAX_SIDE: u64 = 16_384;

/// The largest picture file read: ten times a full-page photograph saved at its best
/// quality. A larger file is refused before it is read.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// What a picture's bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Gif,
    WebP,
    Svg,
}

impl Format {
    /// The file extension a picture of this format is saved with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Gif => "gif",
            Format::WebP => "webp",
            Format::Svg => "svg",
        }
    }

    /// Recognises a picture by its first bytes (its "magic"), whatever its name says.
    /// An SVG is text: anything whose first character, after white space and a byte
    /// order mark, is `<` is taken to be one and judged as XML.
    pub fn of(bytes: &[u8]) -> Option<Format> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Format::Gif)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Format::WebP)
        } else if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
            Some(Format::Svg)
        } else {
            None
        }
    }

    /// "a PNG", "an SVG": the format's name with its article.
    fn a_name(self) -> &'static str {
        match self {
            Format::Png => "a PNG",
            Format::Jpeg => "a JPEG",
            Format::Gif => "a GIF",
            Format::WebP => "a WebP",
            Format::Svg => "an SVG",
        }
    }
}

/// Why a picture is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not a PNG, JPEG, GIF, WebP or SVG picture, or one whose header is cut short.
    NotAPicture,
    /// Its header says it is larger than [`MAX_SIDE`] or [`MAX_PIXELS`].
    TooManyPixels {
        format: Format,
        width: u64,
        height: u64,
    },
    /// An SVG that could run script or fetch something when shown, or that cannot be
    /// read safely.
    Svg(super::svg::Refusal),
}

impl Refusal {
    /// What is wrong, as a sentence about the picture ("… is …").
    pub fn explain(&self) -> String {
        match self {
            Refusal::NotAPicture => {
                "is not a picture the report can show (PNG, JPEG, GIF or SVG), or is damaged"
                    .to_string()
            }
            Refusal::TooManyPixels {
                format,
                width,
                height,
            } => format!(
                "is {} picture of {} × {} pixels, larger than the limit of {} megapixels ({} pixels a side)",
                format.a_name(),
                thousands(*width),
                thousands(*height),
                MAX_PIXELS / 1_000_000,
                thousands(MAX_SIDE)
            ),
            Refusal::Svg(r) => r.explain(),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::NotAPicture => {
                "open the picture in an image editor and save it as PNG or JPEG."
            }
            Refusal::TooManyPixels { .. } => {
                "save a smaller copy (a picture 2,000 pixels wide fills a page sharply) and use that."
            }
            Refusal::Svg(_) => super::svg::HELP,
        }
    }
}

/// 65535 → "65,535": a number as a message prints it.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A picture's format and size, from its header, if it is one the report can show
/// and within the limits. An SVG's size is that of its root element; what it holds
/// is judged by [`super::svg`].
pub fn inspect(bytes: &[u8]) -> Result<(Format, u64, u64), Refusal> {
    let format = Format::of(bytes).ok_or(Refusal::NotAPicture)?;
    let (width, height) = match format {
        Format::Png => png(bytes),
        Format::Jpeg => jpeg(bytes),
        Format::Gif => gif(bytes),
        Format::WebP => webp(bytes),
        Format::Svg => {
            return super::svg::size(bytes)
                .map_err(Refusal::Svg)
                .and_then(|(w, h)| within(format, w, h));
        }
    }
    .ok_or(Refusal::NotAPicture)?;
    within(format, width, height)
}

/// The size, if it is within [`MAX_SIDE`] and [`MAX_PIXELS`].
fn within(format: Format, width: u64, height: u64) -> Result<(Format, u64, u64), Refusal> {
    if width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS {
        return Err(Refusal::TooManyPixels {
            format,
            width,
            height,
        });
    }
    Ok((format, width, height))
}

fn be16(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_be_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le16(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le24(b: &[u8], at: usize) -> Option<u64> {
    let b = b.get(at..at + 3)?;
    Some(u64::from(b[0]) | u64::from(b[1]) << 8 | u64::from(b[2]) << 16)
}

/// The IHDR chunk, which must come first: width and height at bytes 16 and 20.
fn png(b: &[u8]) -> Option<(u64, u64)> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
    Some((u64::from(w), u64::from(h)))
}

/// The first start-of-frame segment (SOF0 to SOF15, less the three markers in that
/// range that are not frames), found by stepping over the segments before it.
fn jpeg(b: &[u8]) -> Option<(u64, u64)> {
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        match marker {
            0xD8 | 0x01 | 0xD0..=0xD7 => at += 2,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let h = be16(b, at + 5)?;
                let w = be16(b, at + 7)?;
                return Some((w, h));
            }
            // Image data before any frame header: not a picture that can be shown.
            0xDA | 0xD9 => return None,
            _ => at += 2 + usize::try_from(be16(b, at + 2)?).ok()?,
        }
    }
}

/// The logical screen, and every frame's own size (a frame may be larger than the
/// screen, and a decoder makes room for it): the largest of each side.
fn gif(b: &[u8]) -> Option<(u64, u64)> {
    let (mut w, mut h) = (le16(b, 6)?, le16(b, 8)?);
    let flags = *b.get(10)?;
    let mut at = 13;
    if flags & 0x80 != 0 {
        at += 3 << ((flags & 7) + 1);
    }
    // Steps over a chain of data sub-blocks, each led by its length, to the byte after.
    let sub_blocks = |mut at: usize| -> Option<usize> {
        loop {
            let n = usize::from(*b.get(at)?);
            at += 1 + n;
            if n == 0 {
                return Some(at);
            }
        }
    };
    loop {
        match b.get(at) {
            Some(0x21) => at = sub_blocks(at + 2)?,
            Some(0x2C) => {
                w = w.max(le16(b, at + 5)?);
                h = h.max(le16(b, at + 7)?);
                let flags = *b.get(at + 9)?;
                at += 10;
                if flags & 0x80 != 0 {
                    at += 3 << ((flags & 7) + 1);
                }
                at = sub_blocks(at + 1)?;
            }
            // The trailer, or a file cut short after at least the screen's size.
            _ => return Some((w, h)),
        }
    }
}

/// The first chunk: a lossy frame (`VP8 `), a lossless one (`VP8L`) or the extended
/// header (`VP8X`) with the canvas size.
fn webp(b: &[u8]) -> Option<(u64, u64)> {
    match b.get(12..16)? {
        b"VP8 " => Some((be16_le14(b, 26)?, be16_le14(b, 28)?)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some((
                u64::from(bits & 0x3FFF) + 1,
                u64::from((bits >> 14) & 0x3FFF) + 1,
            ))
        }
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

/// A VP8 frame's 14-bit dimension (the top two bits are a scale).
fn be16_le14(b: &[u8], at: usize) -> Option<u64> {
    Some(le16(b, at)? & 0x3FFF)
}

/// Reads a picture of the project, `shown` by its path from the project folder, for
/// the reference at `span`: refused there, before anything decodes it, if the file is
/// larger than [`MAX_IMAGE_BYTES`], is not a picture, has more pixels than the limits
/// allow, or is an SVG that could run script on the website.
///
/// An SVG with script is refused rather than cleaned: it is the team's own file, and
/// what is published should be what they see in the folder. `import` cleans the SVG
/// pictures of a partner's document as it writes them, so only a file put there by
/// hand (or by an older version) is refused, and the message says what to remove.
pub fn read(path: &Path, shown: &str, span: &Span) -> Result<Vec<u8>, Diagnostic> {
    let error = |code: &str, message: String, help: &str| {
        Diagnostic::error(code, span.clone(), message).with_help(help.to_string())
    };
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_IMAGE_BYTES
    {
        return Err(error(
            "image-too-large",
            format!(
                "{shown} is {:.1} MB; a picture may be at most {} MB",
                meta.len() as f64 / 1048576.0,
                MAX_IMAGE_BYTES >> 20
            ),
            "save a smaller copy (a picture 2,000 pixels wide fills a page sharply) and use that.",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            "broken-link",
            span.clone(),
            format!("cannot read {shown}: {e}"),
        )
    })?;
    let refused = match inspect(&bytes) {
        Ok((Format::Svg, ..)) => super::svg::clean(&bytes)
            .and_then(|c| match c.removed.into_iter().find(|r| r.active) {
                Some(r) => Err(super::svg::Refusal::Active(r.what)),
                None => Ok(()),
            })
            .err()
            .map(Refusal::Svg),
        Ok(_) => None,
        Err(r) => Some(r),
    };
    match refused {
        None => Ok(bytes),
        Some(r) => {
            let code = match r {
                Refusal::NotAPicture => "not-a-picture",
                Refusal::TooManyPixels { .. } => "image-too-large",
                Refusal::Svg(_) => "unsafe-svg",
            };
            Err(error(code, format!("{shown} {}", r.explain()), r.help()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn sizes_come_from_the_headers() {
        assert_eq!(inspect(&png_header(40, 20)), Ok((Format::Png, 40, 20)));
        assert!(matches!(
            inspect(&png_header(65_535, 65_535)),
            Err(Refusal::TooManyPixels { width: 65_535, .. })
        ));
        assert!(matches!(
            inspect(&png_header(20_000, 10)),
            Err(Refusal::TooManyPixels { .. })
        ));
        let mut gif = b"GIF89a".to_vec();
        gif.extend([10, 0, 5, 0, 0, 0, 0]);
        // A frame far larger than the screen it says.
        gif.extend([0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 2, 0, 0x3B]);
        assert!(matches!(
            inspect(&gif),
            Err(Refusal::TooManyPixels { width: 65_535, .. })
        ));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 30, 0, 60, 3,
        ];
        assert_eq!(inspect(&jpeg), Ok((Format::Jpeg, 60, 30)));
        assert_eq!(inspect(b"%PDF-1.7"), Err(Refusal::NotAPicture));
        assert_eq!(inspect(b"\x89PNG\r\n\x1a\n"), Err(Refusal::NotAPicture));
        assert_eq!(thousands(65_535), "65,535");
        assert_eq!(thousands(100), "100");
    }
}
