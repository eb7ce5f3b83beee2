//! What a file really is, from its first bytes, so that a PDF renamed `.docx`, an
//! empty file or a password-protected Word document is called what it is, with what
//! to do, instead of getting the reader's own complaint (which for a Word document
//! used to suggest saving a .doc file as .docx, whatever the file was).

use std::path::Path;

use super::Format;

/// The kinds of file told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Pdf,
    /// A zip: a Word document (or another Office Open XML or OpenDocument file).
    Zip,
    /// An OLE compound file: a Word 97-2003 document, or an Office document saved with
    /// a password (MS-OFFCRYPTO keeps the real file encrypted inside one).
    Ole {
        encrypted: bool,
    },
    Rtf,
    Html,
    /// Anything else: text, or bytes the readers will judge.
    Other,
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of `bytes`.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.is_empty() {
        return Kind::Empty;
    }
    // A PDF may have a little junk before its header (ISO 32000-1, 7.5.2 notes readers
    // accept it within the first 1024 bytes).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if bytes.starts_with(OLE) {
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
        return Kind::Ole { encrypted };
    }
    if bytes.starts_with(b"{\\rtf") {
        return Kind::Rtf;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(256)]).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<!doctype html") || text.starts_with("<html") {
        return Kind::Html;
    }
    Kind::Other
}

/// `name` with another extension: "report.docx" → "report.pdf".
fn renamed(name: &str, extension: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    format!("{stem}.{extension}")
}

/// What `format` is called in a message.
fn called(format: Format) -> &'static str {
    match format {
        Format::Docx => "a Word document",
        Format::Pdf => "a PDF",
        Format::Html => "a web page",
        Format::Text | Format::Markdown => "a text file",
    }
}

/// Why a file named as `format` cannot be read as one, when its bytes say it is
/// something else; `None` when they do not rule it out.
pub fn mismatch(bytes: &[u8], format: Format, name: &str) -> Option<String> {
    let expected = called(format);
    let is = |what: &str, ext: &str| {
        format!(
            "is {what}, not {expected}: run check on it as {} (rename it; the tool goes by the name)",
            renamed(name, ext)
        )
    };
    Some(match (kind(bytes), format) {
        (Kind::Empty, _) => "is empty (0 bytes): there is nothing to check. It may not have finished saving, copying or downloading: get the report again".to_string(),
        (Kind::Pdf, Format::Pdf) | (Kind::Zip, Format::Docx) => return None,
        (Kind::Ole { encrypted: true }, _) => "is password-protected (encrypted), so it cannot be read: save an unprotected copy (in Word: File › Info › Protect Document › Encrypt with Password, and clear the password) and check that".to_string(),
        (Kind::Pdf, _) => is("a PDF", "pdf"),
        (Kind::Zip, _) => is("a zip file (a Word document, or another file packed as a zip)", "docx"),
        (Kind::Ole { encrypted: false }, _) => format!("is a Word 97-2003 document (.doc), not {expected}: open it in Word and save it as a Word Document (.docx), then check that"),
        (Kind::Rtf, _) => format!("is a Rich Text (.rtf) file, not {expected}: open it in Word and save it as a Word Document (.docx), then check that"),
        (Kind::Html, Format::Docx | Format::Pdf) => is("a web page", "html"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_called_what_they_are() {
        let say = |bytes: &[u8], format| mismatch(bytes, format, "report.docx");
        assert!(say(b"", Format::Docx).unwrap().starts_with("is empty"));
        assert!(
            say(b"%PDF-1.7\n", Format::Docx)
                .unwrap()
                .starts_with("is a PDF, not a Word document: run check on it as report.pdf")
        );
        assert_eq!(say(b"PK\x03\x04rest", Format::Docx), None);
        assert_eq!(say(b"%PDF-1.7", Format::Pdf), None);
        assert_eq!(say(b"plain words", Format::Text), None);
        let mut ole = OLE.to_vec();
        assert!(say(&ole, Format::Docx).unwrap().contains("Word 97-2003"));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(
            say(&ole, Format::Docx)
                .unwrap()
                .starts_with("is password-protected (encrypted)")
        );
        assert!(
            say(b"\xef\xbb\xbf <!DOCTYPE html><p>", Format::Pdf)
                .unwrap()
                .contains("report.html")
        );
    }
}
