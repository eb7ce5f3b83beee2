//! The list of rules in docs/format.md is generated from the rules' declarations, so
//! the documentation cannot drift from the code.

mod common;

use common::*;
use safeguarding_report::check;

const BEGIN: &str =
    "<!-- rules: generated from the rules' declarations by tests/rules_doc.rs; do not edit -->\n";
const END: &str = "<!-- end of rules -->";

#[test]
fn the_rules_list_in_the_format_guide_matches_the_declarations() {
    let path = root().join("docs/format.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(BEGIN)
        .expect("docs/format.md has the rules marker")
        + BEGIN.len();
    let end = start
        + text[start..]
            .find(END)
            .expect("docs/format.md has the end marker");
    let generated = check::rules_markdown();
    if text[start..end] != generated {
        if std::env::var_os("UPDATE_RULES_DOC").is_some() {
            let updated = format!("{}{generated}{}", &text[..start], &text[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!(
            "the rules list in docs/format.md is out of date: run `UPDATE_RULES_DOC=1 cargo test --release --test rules_doc` and commit the result"
        );
    }
    for r in check::rules() {
        assert!(
            text[start..end].contains(&format!("`{}`", r.id)),
            "{} is not listed",
            r.id
        );
    }
}
