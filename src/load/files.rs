//! Reading the project's own files, and nothing else: every file the tool reads must
//! resolve inside the project folder (a symbolic link may not lead out of it, or a
//! report could publish any file on the computer), be of a sensible size, and be
//! UTF-8 text. Each refusal is explained at the file.

use std::path::{Component, Path, PathBuf};

/// The largest section, data set or other text file read: ten times the largest
/// section of the shipped example would be well under 1 MB, so 10 MB is a mistake
/// (a pasted export, a binary file), never a report.
pub const MAX_TEXT_BYTES: u64 = 10 * 1024 * 1024;

/// Why a path of the project may not be read.
#[derive(Debug)]
pub struct Escape {
    /// The symbolic link, relative to the project folder, that leads out of it.
    pub link: String,
    /// Where it leads.
    pub target: PathBuf,
}

impl Escape {
    /// "content/images is a link to /etc, outside the project folder".
    pub fn message(&self, file: &str) -> String {
        let leads = format!(
            "{} is a link to {}, outside the project folder",
            self.link,
            self.target.display()
        );
        if self.link == file {
            leads
        } else {
            format!("{leads}, so {file} cannot be used")
        }
    }

    pub const HELP: &'static str = "the tool reads only files inside the project folder (the one that holds report.yaml), so that nothing else on this computer is published by mistake. Copy the file into the project instead of linking to it.";
}

/// The path of `relative` under `root`, if it stays inside `root` once every symbolic
/// link on the way is followed. A path that does not exist is returned as it is (the
/// caller's read then says it is missing).
pub fn contained(root: &Path, relative: &Path) -> Result<PathBuf, Escape> {
    let path = root.join(relative);
    let (Ok(root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        return Ok(path);
    };
    if real.starts_with(&root) {
        return Ok(path);
    }
    // Name the first component on the way that leads out: the link to fix.
    let mut prefix = PathBuf::new();
    for component in relative.components() {
        prefix.push(component);
        let is_link = root
            .join(&prefix)
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let outside = root
            .join(&prefix)
            .canonicalize()
            .is_ok_and(|p| !p.starts_with(&root));
        if outside && (is_link || matches!(component, Component::ParentDir)) {
            return Err(Escape {
                link: slashed(&prefix),
                target: root.join(&prefix).canonicalize().unwrap_or(real),
            });
        }
    }
    Err(Escape {
        link: slashed(relative),
        target: real,
    })
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Why a file's bytes are not UTF-8 text, and where.
#[derive(Debug, PartialEq)]
pub struct NotUtf8 {
    /// Byte offset of the first byte that is not UTF-8.
    pub offset: usize,
    /// The byte itself.
    pub byte: u8,
    /// What the file probably is, with the characters that give it away.
    pub guess: Guess,
}

#[derive(Debug, PartialEq)]
pub enum Guess {
    /// Windows-1252 (Word's and Notepad's "plain text" on Windows): these characters
    /// are the non-ASCII ones found, as Windows-1252 reads them.
    Windows1252(Vec<char>),
    /// UTF-16, from its byte order mark.
    Utf16,
    /// Not text at all (a NUL byte), or an encoding we cannot name.
    Unknown,
}

impl NotUtf8 {
    pub fn explain(&self) -> (String, String) {
        let message = format!(
            "this file is not UTF-8 text: the byte 0x{:02X} here cannot be read",
            self.byte
        );
        let save = "Save it as UTF-8: in Word, File › Save As › Plain Text (*.txt), then choose “Unicode (UTF-8)” under Text encoding; in Notepad, Save As with Encoding “UTF-8”; most other editors have the same choice in Save As.";
        let help = match &self.guess {
            Guess::Windows1252(chars) => {
                let shown: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
                format!(
                    "it looks like Windows-1252, as Word and Notepad save “plain text”: the bytes that are not UTF-8 read as the characters {} in that encoding. {save}",
                    shown.join(" ")
                )
            }
            Guess::Utf16 => format!("it looks like UTF-16 (“Unicode” in Notepad). {save}"),
            Guess::Unknown => format!(
                "the file may not be text at all (a Word document or a picture?), or be in an encoding the tool cannot read. {save}"
            ),
        };
        (message, help)
    }
}

/// Checks that `bytes` are UTF-8, or says where they stop being so and what they
/// probably are.
pub fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let offset = error.valid_up_to();
    let guess = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        Guess::Utf16
    } else if bytes.contains(&0) {
        Guess::Unknown
    } else {
        windows_1252(bytes)
    };
    Err(NotUtf8 {
        offset,
        byte: bytes[offset],
        guess,
    })
}

/// The guess that the bytes are Windows-1252: plausible when every byte that is not
/// part of valid UTF-8 is a character in that encoding.
fn windows_1252(bytes: &[u8]) -> Guess {
    let mut found: Vec<char> = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                let bad = e.valid_up_to();
                let len = e.error_len().unwrap_or(rest.len() - bad).max(1);
                for &b in &rest[bad..bad + len] {
                    match cp1252(b) {
                        Some(c) if found.len() < 8 && !found.contains(&c) => found.push(c),
                        Some(_) => {}
                        None => return Guess::Unknown,
                    }
                }
                rest = &rest[bad + len..];
            }
        }
    }
    if found.is_empty() {
        Guess::Unknown
    } else {
        Guess::Windows1252(found)
    }
}

/// The character a byte at or above 0x80 stands for in Windows-1252.
fn cp1252(byte: u8) -> Option<char> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match byte {
        0x80..=0x9F => HIGH[(byte - 0x80) as usize],
        // The rest of the upper half is Latin-1, the same code points as Unicode.
        0xA0..=0xFF => Some(byte as char),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_quotes_are_named_at_the_first_bad_byte() {
        let bytes = b"line one\nthe partner\x92s \x93view\x94\n";
        let e = utf8(bytes).unwrap_err();
        assert_eq!(e.offset, 20);
        assert_eq!(e.byte, 0x92);
        assert_eq!(e.guess, Guess::Windows1252(vec!['’', '“', '”']));
        let (_, help) = e.explain();
        assert!(
            help.contains("Windows-1252") && help.contains("’ “ ”"),
            "{help}"
        );
    }

    #[test]
    fn utf8_with_a_broken_sequence_is_not_called_windows_1252_when_it_cannot_be() {
        // 0x81 has no character in Windows-1252.
        assert_eq!(utf8(b"a\x81b").unwrap_err().guess, Guess::Unknown);
        assert_eq!(utf8(b"\xFF\xFEa\0").unwrap_err().guess, Guess::Utf16);
        assert_eq!(
            utf8(b"PK\x03\x04\0\0\xC3").unwrap_err().guess,
            Guess::Unknown
        );
        assert_eq!(utf8("caf\u{e9}".as_bytes()), Ok("café"));
    }
}
