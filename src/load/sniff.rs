//! What a file really is, from its first bytes, whatever its name says: a partner's
//! "Word document" that is a PDF, an empty download, a password-protected file. `import`
//! and `check FILE` each say what to do about it in their own words
//! (`import::sniff`, `read::sniff`); what the file is is told here, once.

/// The kinds of file told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Pdf,
    /// A zip: a Word document, or another Office Open XML or OpenDocument file, or
    /// any zip (what it holds tells them apart).
    Zip,
    /// A document protected by a password: Office then stores the encrypted file
    /// inside an OLE compound file, as a stream named `EncryptedPackage`
    /// (MS-OFFCRYPTO).
    Encrypted,
    /// A Word 97-2003 document (.doc): an OLE compound file with a `WordDocument`
    /// stream.
    OldWord,
    /// Another OLE compound file: an older Excel or PowerPoint file, or similar.
    OldOffice,
    Rtf,
    Html,
    /// A PNG, JPEG, GIF or WebP picture.
    Picture,
    /// Anything else: text, or bytes the readers will judge.
    Other,
}

/// The first bytes of every OLE compound file.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether the bytes start as a zip file does (a .docx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The kind of `bytes`. Magic numbers at the start come first; a PDF may have a
/// little junk before its header (readers accept it within the first 1024 bytes,
/// ISO 32000-1, 7.5.2).
pub fn kind(bytes: &[u8]) -> Kind {
    let start = bytes.get(..1024).unwrap_or(bytes);
    let text = String::from_utf8_lossy(start.get(..256).unwrap_or(start)).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if bytes.is_empty() {
        Kind::Empty
    } else if bytes.starts_with(OLE) {
        if contains(bytes, &utf16("EncryptedPackage")) {
            Kind::Encrypted
        } else if contains(bytes, &utf16("WordDocument")) {
            Kind::OldWord
        } else {
            Kind::OldOffice
        }
    } else if is_zip(bytes) {
        Kind::Zip
    } else if contains(start, b"%PDF-") {
        Kind::Pdf
    } else if text.starts_with("{\\rtf") {
        Kind::Rtf
    } else if text.starts_with("<!doctype html") || text.starts_with("<html") {
        Kind::Html
    } else if super::image::Format::of(bytes).is_some_and(|f| f != super::image::Format::Svg) {
        Kind::Picture
    } else {
        Kind::Other
    }
}

fn utf16(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_first_bytes() {
        assert_eq!(kind(b""), Kind::Empty);
        assert_eq!(kind(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(kind(b"junk\n%PDF-1.4\n"), Kind::Pdf);
        assert_eq!(kind(b"PK\x03\x04rest"), Kind::Zip);
        let mut ole = OLE.to_vec();
        assert_eq!(kind(&ole), Kind::OldOffice);
        ole.extend(utf16("WordDocument"));
        assert_eq!(kind(&ole), Kind::OldWord);
        ole.extend(utf16("EncryptedPackage"));
        assert_eq!(kind(&ole), Kind::Encrypted);
        assert_eq!(kind(b"{\\rtf1 x}"), Kind::Rtf);
        assert_eq!(kind(b"\xef\xbb\xbf <!DOCTYPE html><p>"), Kind::Html);
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Kind::Picture);
        assert_eq!(kind(b"# A heading\n"), Kind::Other);
    }
}
