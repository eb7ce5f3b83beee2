//! What a file that is not a Word document really is, from its first bytes, so the
//! message can say so: a partner who sends a PDF, an empty file or a password-protected
//! document needs to be asked for something different in each case, and "save the
//! .doc as .docx" helps with none of them.

/// What a file is, when it is not a .docx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Pdf,
    /// A Word document protected by a password: Office then stores the encrypted
    /// .docx inside an OLE compound file, as a stream named `EncryptedPackage`.
    Encrypted,
    /// A Word 97-2003 document (.doc): an OLE compound file with a `WordDocument`
    /// stream.
    OldWord,
    /// Another OLE compound file: an older Excel or PowerPoint file, or similar.
    OldOffice,
    Rtf,
    Html,
    Picture,
    /// A zip that is not a Word document: an Excel workbook, a PowerPoint
    /// presentation, an OpenDocument text, or another zip.
    Workbook,
    Presentation,
    OpenDocument,
    OtherZip,
    /// Anything else: text, or bytes of an unknown kind.
    Unknown,
}

pub use crate::load::sniff::is_zip;

/// What a file that is not a zip is, from its first bytes ([`crate::load::sniff`]).
pub fn kind(bytes: &[u8]) -> Kind {
    use crate::load::sniff::Kind as File;
    match crate::load::sniff::kind(bytes) {
        File::Empty => Kind::Empty,
        File::Pdf => Kind::Pdf,
        File::Encrypted => Kind::Encrypted,
        File::OldWord => Kind::OldWord,
        File::OldOffice => Kind::OldOffice,
        File::Rtf => Kind::Rtf,
        File::Html => Kind::Html,
        File::Picture => Kind::Picture,
        File::Zip => Kind::OtherZip,
        File::Other => Kind::Unknown,
    }
}

/// What a zip without `word/document.xml` is, from the names of its parts.
pub fn zip_kind(names: &[&str], mimetype: Option<&[u8]>) -> Kind {
    if names.contains(&"xl/workbook.xml") {
        Kind::Workbook
    } else if names.contains(&"ppt/presentation.xml") {
        Kind::Presentation
    } else if mimetype.is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument")) {
        Kind::OpenDocument
    } else {
        Kind::OtherZip
    }
}

impl Kind {
    /// What the file is and what to do, as the end of a sentence about it ("… is …").
    pub fn explain(self) -> &'static str {
        match self {
            Kind::Empty => {
                "empty (0 bytes), so there is nothing to import: check that it is the file the partner sent, and ask them to send it again if it is"
            }
            Kind::Pdf => {
                "a PDF file, not a Word document (.docx), whatever its name says: ask the partner for their contribution as a Word document, or copy its text into a new Word document and import that"
            }
            Kind::Encrypted => {
                "a password-protected Word document, which cannot be read without its password: ask the partner to remove the password (in Word: File, Info, Protect Document, Encrypt with Password, and clear it) and send it again"
            }
            Kind::OldWord => {
                "a Word 97-2003 document (.doc), not a .docx: open it in Word, save it as a Word Document (.docx) and import that"
            }
            Kind::OldOffice => {
                "an older Office file (Excel, PowerPoint or similar, 97-2003), not a Word document (.docx): ask the partner for their contribution as a Word document"
            }
            Kind::Rtf => {
                "a Rich Text Format file (.rtf), not a Word document (.docx): open it in Word, save it as a Word Document (.docx) and import that"
            }
            Kind::Html => {
                "a web page (HTML), not a Word document (.docx): open it in Word, save it as a Word Document (.docx) and import that"
            }
            Kind::Picture => {
                "a picture, not a Word document (.docx): put it in a Word document with its alt text, or add it to a section by hand (see “Pictures” in docs/format.md)"
            }
            Kind::Workbook => {
                "an Excel workbook, not a Word document (.docx): put its tables in a Word document, or make each a data set by hand"
            }
            Kind::Presentation => {
                "a PowerPoint presentation, not a Word document (.docx): ask the partner for their contribution as a Word document"
            }
            Kind::OpenDocument => {
                "an OpenDocument file (from LibreOffice or similar), not a Word document (.docx): open it and save it as a Word Document (.docx), then import that"
            }
            Kind::OtherZip => {
                "a zip file without word/document.xml, so not a Word document (.docx): check that it is the file the partner sent"
            }
            Kind::Unknown => {
                "not a Word document (.docx), whose files all start as a zip package does: check that it is the file the partner sent. A .doc from Word 97-2003 must be saved as .docx first"
            }
        }
    }
}
