//! The reader's language (issue 16): someone who checks a finished report has no
//! project. Over the corpus's reports in every format the readers take (Word, the
//! tool's tagged PDF and untagged PDFs, a single web page and a saved web folder,
//! Markdown, text), nothing `check` prints (message, label, help, note) and nothing in
//! the evaluation document it writes names report.yaml, the content/ folder, a key
//! of the project's YAML or template syntax. And the words the tool itself prints
//! into what it publishes (a file's size, "WCAG 2.2 AA", "PDF/UA-1") are never
//! reported as unexplained abbreviations when that publication is checked.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;
use safeguarding_report::check;
use safeguarding_report::read::Overrides;
use serde_json::Value;

/// Every report file the reader tests and the national table use, in each format.
fn reports() -> Vec<PathBuf> {
    let mut files = vec![
        fixture("hscp-annual-report-2021-22.txt"),
        fixture("read/hscp-example.docx"),
        fixture("read/hscp-example.pdf"),
        fixture("read/untagged.pdf"),
        fixture("read/image-without-alt.docx"),
        fixture("read/web-edition"),
    ];
    for folder in ["national/reports", "heldout/reports"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(fixture(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.is_dir()
                    || ["docx", "pdf", "html", "md", "txt"]
                        .contains(&p.extension().and_then(|e| e.to_str()).unwrap_or(""))
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// The property names of a JSON Schema, at every depth.
fn keys(schema: &Value, out: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                out.extend(properties.keys().cloned());
            }
            for v in map.values() {
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// What must not be printed for a file: the project's files and folders and template
/// syntax.
const PROJECT_WORDS: [&str; 5] = ["report.yaml", "content/", "{{", "{%", "front matter"];

/// Every key of report.yaml, a section's front matter, a data set and the glossary,
/// taken from the schemas the loader's own types generate, so the list follows the
/// format.
fn project_keys() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (_, text) in safeguarding_report::schema::all() {
        keys(&serde_json::from_str(&text).unwrap(), &mut names);
    }
    assert!(
        [
            "priority",
            "check",
            "aliases",
            "period",
            "publication",
            "kind"
        ]
        .iter()
        .all(|k| names.contains(*k)),
        "the schemas' keys: {names:?}"
    );
    names
}

/// Each line of `text` that names the project: one of [`PROJECT_WORDS`], or a key
/// quoted as a message quotes YAML (`` `priority:` ``, `` `check: aliases:` ``,
/// `` `kind: statutory` ``, `` `review` ``). Keys are plain words ("period",
/// "partners"), so only the quoted form is the project's language.
fn found_in(text: &str, keys: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let words = PROJECT_WORDS.iter().filter(|w| line.contains(**w));
        let quoted = line.match_indices('`').filter_map(|(i, _)| {
            let rest = &line[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let next = rest[end..].chars().next();
            (keys.contains(&rest[..end]) && matches!(next, Some(':' | '`' | ' ' | '=')))
                .then(|| format!("`{}", &rest[..end]))
        });
        for w in words.map(|w| w.to_string()).chain(quoted) {
            found.push(format!("{w:?} in: {line}"));
        }
    }
    found
}

#[test]
fn nothing_printed_for_a_report_file_speaks_of_the_project() {
    let keys = project_keys();
    let out = scratch("reader-language");
    let mut problems = Vec::new();
    let mut checked = 0;
    for report in reports() {
        let name = report.file_name().unwrap().to_string_lossy().to_string();
        let evaluation = out.join(format!("{name}.md"));
        let o = run(&[
            "check",
            report.to_str().unwrap(),
            "--matrix",
            evaluation.to_str().unwrap(),
        ]);
        let code = o.status.code();
        // A file that cannot be read is a message too (the national folder holds one).
        assert!(
            matches!(code, Some(0..=2)),
            "{name}: {code:?}\n{}",
            stderr(&o)
        );
        let mut text = format!("{}\n{}", stdout(&o), stderr(&o));
        if code != Some(2) {
            text.push_str(&std::fs::read_to_string(&evaluation).unwrap());
            checked += 1;
        }
        problems.extend(
            found_in(&text, &keys)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    assert!(checked >= 20, "only {checked} reports could be read");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The same words do appear for a project, where they are the way to fix it: the
/// check above would catch them.
#[test]
fn a_projects_advice_still_names_its_files() {
    let o = run(&[
        "check",
        "--project",
        fixture("corpus/northmoor").to_str().unwrap(),
    ]);
    let text = format!("{}{}", stdout(&o), stderr(&o));
    let found = found_in(&text, &project_keys());
    assert!(
        found.iter().any(|f| f.contains(" in: help: ")),
        "no advice names the project's files:\n{text}"
    );
}

/// Checks a file with the library, insisting it could run.
fn check_file(path: &Path) -> check::Report {
    safeguarding_report::check_file(path, &Overrides::default(), &check::Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The abbreviations reported in a checked file, as written there.
fn abbreviations(report: &check::Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "ED-ACRONYM")
        .map(|d| report.sources.text(&d.span.file).unwrap()[d.span.range.clone()].to_string())
        .collect()
}

#[test]
fn the_tools_own_words_in_its_published_report_are_not_unexplained_abbreviations() {
    let out = scratch("reader-language-build").join("build");
    let o = build(&root(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = std::fs::read_to_string(out.join("site/index.html")).unwrap();
    let statement = std::fs::read_to_string(out.join("site/accessibility.html")).unwrap();
    // What the tool prints: the download's size, the standards it names.
    assert!(site.contains(" KB)") || site.contains(" MB)"), "{site}");
    assert!(
        statement.contains("level AA") && statement.contains("PDF/UA-1"),
        "{statement}"
    );
    for edition in ["report.pdf", "report.docx", "site"] {
        let report = check_file(&out.join(edition));
        let found = abbreviations(&report);
        // The rule ran: the example's own abbreviations are still found.
        assert!(found.len() > 5, "{edition}: {found:?}");
        for word in ["KB", "MB", "AA", "UA", "WCAG"] {
            assert!(
                !found.iter().any(|f| f == word),
                "{edition}: \"{word}\" reported: {found:?}"
            );
        }
    }
}
