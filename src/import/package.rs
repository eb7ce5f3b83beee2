//! The Word document's zip package as `import` reads it: each part unpacked at most
//! once, and all of them together within one budget of unpacked bytes.
//!
//! A .docx is a zip, and a zip's parts may unpack to far more than the file's size: a
//! 195 KB document can hold a part of 190 MB of zeros and point ten pictures at it.
//! Unpacked once per picture that was 1.9 GB of pictures and 6 GB of memory. Here a
//! part is unpacked once and shared, and unpacking stops as soon as the document as a
//! whole passes [`DOCUMENT_BUDGET`], whatever the zip's own headers claim. Every XML
//! part is measured ([`crate::load::xml::measure`]) before anything parses it.

use std::collections::HashMap;
use std::io::Read as _;
use std::rc::Rc;

use super::sniff::{self, Kind};
use crate::load::image::thousands;
use crate::load::xml::{self, Excess};

/// The most bytes a whole document may unpack to, text and pictures together:
/// a long contribution with a dozen photographs is 10 to 20 MB.
pub const DOCUMENT_BUDGET: u64 = 100 * 1024 * 1024;

/// The largest .docx file read: a document within [`DOCUMENT_BUDGET`] is never
/// larger packed than unpacked (by more than a few bytes a part).
pub const MAX_DOCX_BYTES: u64 = DOCUMENT_BUDGET + 1024 * 1024;

/// Why the document cannot be imported. Each says what is wrong as the end of a
/// sentence about the file ("… is …", "… has …"), see [`Refusal::explain`].
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not a Word document: what it is instead.
    NotWord(Kind),
    /// Its parts unpack to more than [`DOCUMENT_BUDGET`]; `part` is the one that
    /// went over.
    TooLarge { part: String },
    /// A part is shaped as no real document is.
    Shape { part: String, excess: Excess },
    /// The zip or a part is damaged.
    Damaged {
        part: Option<String>,
        detail: String,
    },
    /// More paragraphs, tables or pictures than a contribution can have.
    TooMany {
        what: Counted,
        found: usize,
        limit: usize,
    },
    /// Two parts of the zip have the same name: which one a program reads differs
    /// from program to program, so what is imported might not be what Word shows.
    Duplicate,
}

impl Refusal {
    pub fn explain(&self) -> String {
        match self {
            Refusal::NotWord(kind) => format!("is {}", kind.explain()),
            Refusal::TooLarge { part } => format!(
                "is larger than the limit of {} MB once unpacked ({part} takes it over the limit): a contribution to the report is a few megabytes. If it really is this large, ask the partner to save its pictures at a smaller size, or to split it",
                DOCUMENT_BUDGET >> 20
            ),
            Refusal::Shape { part, excess } => format!(
                "is damaged or was made to break programs that read it: its {part} is {}",
                excess.explain()
            ),
            Refusal::Damaged { part: Some(part), detail } => format!(
                "is damaged: its {part} cannot be read ({detail}). Open it in Word and save it again, then import the saved copy"
            ),
            Refusal::Damaged { part: None, detail } => format!(
                "is not a Word document that can be read: the zip package is damaged ({detail}). Open it in Word and save it again, then import the saved copy"
            ),
            Refusal::TooMany { what, found, limit } => {
                let what = match what {
                    Counted::Paragraphs => "paragraphs",
                    Counted::Tables => "tables",
                    Counted::Pictures => "pictures",
                };
                let (found, limit) = (thousands(*found as u64), thousands(*limit as u64));
                format!(
                    "has {found} {what}, more than the limit of {limit} for a contribution: check that it is the partner's contribution and not a whole document or an export; if it is, ask them to split it"
                )
            }
            Refusal::Duplicate => "is damaged or was made to deceive: two of its parts have the same name. Open it in Word and save it again, then import the saved copy".into(),
        }
    }
}

/// What [`Refusal::TooMany`] counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Paragraphs,
    Tables,
    Pictures,
}

/// The package, and what has been unpacked from it so far.
pub struct Package<'b> {
    archive: zip::ZipArchive<std::io::Cursor<&'b [u8]>>,
    /// What the budget has left, in bytes.
    left: u64,
    /// Each part read so far, by name (`None`: the package has no such part).
    parts: HashMap<String, Option<Rc<[u8]>>>,
}

impl<'b> Package<'b> {
    /// Opens the package; a file that is not a zip, or a zip that is not a Word
    /// document, is refused with what it is.
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, Refusal> {
        if !sniff::is_zip(bytes) {
            return Err(Refusal::NotWord(sniff::kind(bytes)));
        }
        let archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| Refusal::Damaged {
                part: None,
                detail: e.to_string(),
            })?;
        if archive.has_duplicate_names() {
            return Err(Refusal::Duplicate);
        }
        let mut package = Package {
            archive,
            left: DOCUMENT_BUDGET,
            parts: HashMap::new(),
        };
        if package
            .archive
            .index_for_name("word/document.xml")
            .is_none()
        {
            let mimetype = package.bytes("mimetype")?;
            let names: Vec<String> = package
                .archive
                .file_names()
                .filter_map(Result::ok)
                .map(|n| n.into_owned())
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            return Err(Refusal::NotWord(sniff::zip_kind(
                &names,
                mimetype.as_deref(),
            )));
        }
        Ok(package)
    }

    /// A part's bytes, unpacked once; `None` when the package has no such part.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Rc<[u8]>>, Refusal> {
        if let Some(part) = self.parts.get(name) {
            return Ok(part.clone());
        }
        let part = self.unpack(name)?.map(Rc::from);
        self.parts.insert(name.to_string(), part.clone());
        Ok(part)
    }

    fn unpack(&mut self, name: &str) -> Result<Option<Vec<u8>>, Refusal> {
        let damaged = |e: &dyn std::fmt::Display| Refusal::Damaged {
            part: Some(name.to_string()),
            detail: e.to_string(),
        };
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&e)),
        };
        // The zip's own count of the part's size is not trusted, only used to refuse
        // early; reading stops one byte past what the budget has left either way.
        if file.size() > self.left {
            return Err(Refusal::TooLarge {
                part: name.to_string(),
            });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
        file.take(self.left + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(&e))?;
        if bytes.len() as u64 > self.left {
            return Err(Refusal::TooLarge {
                part: name.to_string(),
            });
        }
        self.left -= bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// An XML part as text, measured so that parsing it is safe; `None` when the
    /// package has no such part.
    pub fn xml(&mut self, name: &str) -> Result<Option<String>, Refusal> {
        // Unpacked again rather than kept: the text is parsed once, then dropped.
        let bytes = match self.parts.get(name) {
            Some(part) => part.as_deref().map(<[u8]>::to_vec),
            None => self.unpack(name)?,
        };
        let Some(bytes) = bytes else {
            return Ok(None);
        };
        let mut text = String::from_utf8(bytes).map_err(|e| Refusal::Damaged {
            part: Some(name.to_string()),
            detail: format!("it is not UTF-8 text: {e}"),
        })?;
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        xml::measure(&text).map_err(|excess| Refusal::Shape {
            part: name.to_string(),
            excess,
        })?;
        Ok(Some(text))
    }
}
