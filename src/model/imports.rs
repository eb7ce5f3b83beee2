//! The record of what each `import` wrote: `imports.yaml` in the project folder.
//!
//! A later import reads it to tell the files it may replace (written by the last
//! import and changed by no one since) from the files someone edited, which it does
//! not replace without `--force` and then keeps a copy of. `check` and `status` read
//! it to know which imported pictures still wait for alt text. The file is written by
//! `import` only; it names files, never holds their text.

use std::collections::BTreeMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Date;

/// The record's file name, in the project folder.
pub const IMPORTS_FILE: &str = "imports.yaml";

/// The last import of each partner's contribution, by partner id.
pub type Imports = BTreeMap<String, Import>;

/// One import of a partner's contribution.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Import {
    /// The Word document imported, as it was named.
    pub document: String,
    /// The day of the import.
    pub date: Date,
    /// Each file written, by its path from the project folder, with the SHA-256 of
    /// what was written (in hex).
    pub files: BTreeMap<String, String>,
    /// The pictures saved but left out of the section for lack of alt text.
    #[serde(default)]
    pub held_back: Vec<String>,
}

/// The SHA-256 of some bytes, in hex: how the record tells whether a file changed.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The record as the YAML `import` writes: a comment saying what the file is, then
/// one entry per partner, in id order.
pub fn to_yaml(imports: &Imports) -> String {
    let mut out = String::from(
        "# What each `import` wrote: the file names and a fingerprint (SHA-256) of each.\n\
         # A later import replaces only files no one has changed since; `check` and\n\
         # `status` read the pictures held back for lack of alt text. Written by `import`.\n",
    );
    for (partner, import) in imports {
        out.push_str(&format!("{partner}:\n"));
        out.push_str(&format!("  document: {}\n", quoted(&import.document)));
        out.push_str(&format!("  date: {}\n", import.date));
        out.push_str("  files:\n");
        for (path, sha) in &import.files {
            out.push_str(&format!("    {}: {sha}\n", quoted(path)));
        }
        if !import.held_back.is_empty() {
            out.push_str("  held_back:\n");
            for path in &import.held_back {
                out.push_str(&format!("    - {}\n", quoted(path)));
            }
        }
    }
    out
}

/// A YAML string in double quotes, so no name can be read as anything else.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_as_written() {
        let mut imports = Imports::new();
        imports.insert(
            "police".into(),
            Import {
                document: "Police \"final\" v2.docx".into(),
                date: Date {
                    year: 2026,
                    month: 7,
                    day: 1,
                },
                files: BTreeMap::from([(
                    "content/agencies/police.md".to_string(),
                    sha256_hex(b"abc"),
                )]),
                held_back: vec!["content/images/police-1.png".into()],
            },
        );
        let yaml = to_yaml(&imports);
        let back: Imports = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back, imports, "{yaml}");
        // The SHA-256 of "abc", as published in FIPS 180-2.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
