//! What a file really is, from its first bytes, so that a PDF renamed `.docx`, an
//! empty file or a password-protected Word document is called what it is, with what
//! to do, instead of getting the reader's own complaint (which for a Word document
//! used to suggest saving a .doc file as .docx, whatever the file was).

use std::path::Path;

use super::Format;

use crate::load::sniff::{Kind, kind};

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
        (Kind::Encrypted, _) => "is password-protected (encrypted), so it cannot be read: save an unprotected copy (in Word: File › Info › Protect Document › Encrypt with Password, and clear the password) and check that".to_string(),
        (Kind::Pdf, _) => is("a PDF", "pdf"),
        (Kind::Zip, _) => is("a zip file (a Word document, or another file packed as a zip)", "docx"),
        (Kind::OldWord, _) => format!("is a Word 97-2003 document (.doc), not {expected}: open it in Word and save it as a Word Document (.docx), then check that"),
        (Kind::OldOffice, _) => format!("is an older Office file (Excel, PowerPoint or similar, 97-2003), not {expected}: check that it is the report, and save it as a Word Document (.docx) or a PDF"),
        (Kind::Picture, _) => format!("is a picture, not {expected}: check the report as the document it is in"),
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
        let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        assert!(
            say(&ole, Format::Docx)
                .unwrap()
                .contains("an older Office file")
        );
        ole.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
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
