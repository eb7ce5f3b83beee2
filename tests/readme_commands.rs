//! The README's commands and flags that no other test ran from the command line, run
//! as the user runs them: the built program, from a folder other than the project's,
//! with relative paths. Each test asserts what the user sees. docs/commands.md lists
//! every README command and flag with the test that runs it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;

/// A folder holding a copy of the shipped example as `our report` (with no build).
fn example_beside(name: &str) -> PathBuf {
    let cwd = scratch(name);
    let copy = copy_project(&root(), name);
    std::fs::rename(&copy, cwd.join("our report")).unwrap();
    cwd
}

fn printed(o: &std::process::Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

/// The criteria matrix's ids, in the order printed.
fn matrix_ids(text: &str) -> Vec<String> {
    let start = text.find("criteria matrix").expect("a criteria matrix");
    text[start..]
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            match (w.next(), w.next()) {
                (Some("met" | "partial" | "missing"), Some(id)) => Some(id.to_string()),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn check_guidance_judges_the_project_against_the_edition_asked_for() {
    let cwd = example_beside("guidance");
    let as_2018 = run_in(&cwd, &["check", "--project", "our report"]);
    let as_2023 = run_in(
        &cwd,
        &["check", "--project", "our report", "--guidance", "wt2023"],
    );
    // The example's decisions under `check:` in report.yaml hold for either edition:
    // no error-level finding, so exit 0.
    assert_eq!(as_2023.status.code(), Some(0), "{}", printed(&as_2023));
    let (old, new) = (stdout(&as_2018), stdout(&as_2023));
    assert!(old.contains("criteria matrix (Working Together to Safeguard Children 2018)"));
    assert!(
        new.contains("criteria matrix (Working Together to Safeguard Children 2023)"),
        "{new}"
    );
    // 2023 asks six things more (reporting transparent and accessible to families, its
    // focus, partners named, education, the data set, publishing by the end of
    // September): 17 criteria, every one of its own edition.
    let ids = matrix_ids(&new);
    assert_eq!(ids.len(), 17, "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("WT23-")), "{ids:?}");
    assert_eq!(matrix_ids(&old).len(), 11);
    let bad = run_in(
        &cwd,
        &["check", "--project", "our report", "--guidance", "wt2019"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("wt2018") && stderr(&bad).contains("wt2023"),
        "{}",
        stderr(&bad)
    );
}

/// A Markdown report a scrutineer was sent, in a folder of its own.
const MARKDOWN_REPORT: &str = "# Northshire Safeguarding Children Partnership Annual Report 2022-23

This report covers 1 April 2022 to 31 March 2023.

## Our year

The partnership published its Strategic Plan in June 2022. We trained 400 staff in
neglect. There were x number of audits.
";

#[test]
fn check_a_markdown_report_infers_its_facts_and_places_findings_by_line() {
    let cwd = scratch("check-md");
    std::fs::create_dir(cwd.join("sent")).unwrap();
    std::fs::write(cwd.join("sent/report.md"), MARKDOWN_REPORT).unwrap();
    let o = run_in(&cwd, &["check", "sent/report.md"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    assert!(text.starts_with("Inferred from the text"), "{text}");
    assert!(text.contains("1 April 2022 to 31 March 2023"), "{text}");
    assert!(
        text.contains("Working Together to Safeguard Children 2018"),
        "{text}"
    );
    // The placeholder on line 8, column 21, under the file's name (as the README's
    // run on the text export shows it).
    let at = text
        .find("placeholder text \"x number\"")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(text[at..].contains("--> report.md:8:21"), "{text}");
}

#[test]
fn check_file_partnership_period_and_guidance_override_what_is_inferred() {
    let cwd = scratch("check-partnership");
    std::fs::write(cwd.join("report.md"), MARKDOWN_REPORT).unwrap();
    let inferred = stdout(&run_in(&cwd, &["check", "report.md"]));
    assert!(
        inferred.contains("Northshire Safeguarding Children Partnership"),
        "{inferred}"
    );
    let o = run_in(
        &cwd,
        &[
            "check",
            "report.md",
            "--partnership",
            "Westshire Safeguarding Children Partnership",
            "--period",
            "2023-04-01..2024-03-31",
        ],
    );
    let text = stdout(&o);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line: {text}"))
            .to_string()
    };
    assert!(line("partnership").contains("Westshire Safeguarding Children Partnership [given]"));
    assert!(
        !text.contains("Northshire Safeguarding Children Partnership ["),
        "{text}"
    );
    assert!(
        line("period").contains("1 April 2023 to 31 March 2024"),
        "{text}"
    );
    // The period ending in 2024 implies the 2023 edition...
    assert!(line("guidance").contains("2023"), "{text}");
    // ...unless --guidance says otherwise.
    let o = run_in(&cwd, &["check", "report.md", "--guidance", "wt2023"]);
    let text = stdout(&o);
    let guidance = text
        .lines()
        .find(|l| l.trim_start().starts_with("guidance"))
        .unwrap();
    assert!(
        guidance.contains("Working Together to Safeguard Children 2023 [given]"),
        "{text}"
    );
    assert!(text.contains("criteria matrix (Working Together to Safeguard Children 2023)"));
}

#[test]
fn serve_host_listens_beyond_this_computer_and_says_so() {
    let cwd = example_beside("serve-host");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args([
            "serve",
            "--project",
            "our report",
            "--host",
            "0.0.0.0",
            "--port",
            "0",
        ])
        .current_dir(&cwd)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let lines = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut seen = Vec::new();
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let done = line.starts_with("Note: listening on");
            seen.push(line);
            if done {
                break;
            }
        }
        seen
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !lines.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status();
    let _ = child.wait();
    let seen = lines.join().unwrap().join("\n");
    let address = seen
        .lines()
        .find_map(|l| l.strip_prefix("Previewing the website at http://0.0.0.0:"))
        .unwrap_or_else(|| panic!("no address on 0.0.0.0: {seen}"));
    let port: u16 = address.split('/').next().unwrap().parse().unwrap();
    assert!(
        seen.contains("Note: listening on 0.0.0.0, so other computers on the network can open the preview too."),
        "{seen}"
    );
    assert!(port > 0);
}

#[test]
fn schemas_writes_the_editors_schemas_into_the_project() {
    let cwd = scratch("schemas");
    assert!(
        new_project(&cwd, "my report", "2023-04-01..2024-03-31")
            .status
            .success()
    );
    let dir = cwd.join("my report");
    std::fs::remove_dir_all(dir.join("schemas")).unwrap();
    let o = run_in(&dir, &["schemas"]);
    assert!(o.status.success(), "{}", printed(&o));
    let names = [
        "report.schema.json",
        "section.schema.json",
        "dataset.schema.json",
        "glossary.schema.json",
        "check-output.schema.json",
    ];
    for name in names {
        assert!(
            stdout(&o).contains(&format!("wrote schemas/{name}")),
            "{}",
            stdout(&o)
        );
        let text = std::fs::read_to_string(dir.join("schemas").join(name)).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            schema.get("$schema").is_some() || schema.get("type").is_some(),
            "{name}"
        );
    }
    // The same files as the repository's own, which the editors' YAML files point at.
    for name in names {
        assert_eq!(
            std::fs::read(dir.join("schemas").join(name)).unwrap(),
            std::fs::read(root().join("schemas").join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn check_site_before_any_build_exits_2_and_says_to_build_first() {
    let cwd = scratch("check-site-2");
    assert!(
        new_project(&cwd, "my report", "2023-04-01..2024-03-31")
            .status
            .success()
    );
    let o = run_in(&cwd, &["check-site", "--project", "my report"]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(stderr(&o).contains("run `build` first"), "{}", stderr(&o));
    assert!(!cwd.join("my report/build").exists());
}

#[test]
fn check_site_finds_a_picture_without_alt_text_and_exits_1() {
    if safeguarding_report::render::browser::find_chromium().is_none() {
        let rule = "!".repeat(78);
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true: check-site must run, but no Chromium was found");
        }
        eprintln!(
            "\n{rule}\nSKIPPED: check-site exiting 1 was not tested: no Chromium on PATH.\n{rule}\n"
        );
        return;
    }
    let cwd = scratch("check-site-1");
    let project = copy_project(&fixture("mini"), "check-site-mini");
    std::fs::rename(&project, cwd.join("mini")).unwrap();
    let o = run_in(&cwd, &["build", "--project", "mini"]);
    assert!(o.status.success(), "{}", printed(&o));
    // The web team adds a picture with no text alternative to a page.
    let page = cwd.join("mini/build/site/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let at = html.find("</main>").expect("a main element");
    let broken = format!("{}<img src=\"logo.png\">{}", &html[..at], &html[at..]);
    std::fs::write(&page, broken).unwrap();
    let o = run_in(&cwd, &["check-site", "--project", "mini"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    assert!(
        text.lines()
            .any(|l| l.starts_with("index.html") && l.contains("image-alt")),
        "{text}"
    );
    let tested = text.lines().last().unwrap();
    assert!(
        tested.starts_with("Tested ") && !tested.contains(": 0 violations"),
        "{tested}"
    );
}

/// `contribution.docx` with four more paragraphs after the last: a footnote, an
/// equation, a date field and a link to a file on a shared drive, as Word writes them.
fn docx_with_footnote_equation_field_and_file_link(to: &Path) {
    let from = std::fs::File::open(fixture("import/contribution.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(from).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let added = concat!(
        r#"<w:p><w:r><w:t>Audits are quarterly.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>The rate is </w:t></w:r><m:oMath><m:r><m:t>x/y</m:t></m:r></m:oMath></w:p>"#,
        r#"<w:p><w:r><w:t>Updated </w:t></w:r><w:fldSimple w:instr=" DATE \@ &quot;d MMMM yyyy&quot; "><w:r><w:t>1 June 2022</w:t></w:r></w:fldSimple></w:p>"#,
        r#"<w:p><w:r><w:t>See </w:t></w:r><w:hyperlink r:id="rIdNotes"><w:r><w:t>the audit notes</w:t></w:r></w:hyperlink></w:p>"#,
    );
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let mut text = String::from_utf8_lossy(&bytes).to_string();
        if name == "word/document.xml" {
            let at = text.rfind("<w:sectPr").expect("the body's last section");
            text.insert_str(at, added);
            bytes = text.into_bytes();
        } else if name == "word/_rels/document.xml.rels" {
            let at = text.rfind("</Relationships>").unwrap();
            text.insert_str(at, r#"<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="file:///S:/Safeguarding/audit%20notes.docx" TargetMode="External"/>"#);
            bytes = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn import_lists_footnotes_equations_fields_and_links_that_are_not_web_addresses() {
    let cwd = example_beside("import-notes");
    docx_with_footnote_equation_field_and_file_link(&cwd.join("Probation contribution.docx"));
    let o = run_in(
        &cwd,
        &[
            "import",
            "Probation contribution.docx",
            "--partner",
            "probation",
            "--project",
            "our report",
        ],
    );
    let text = stdout(&o);
    // Imported, with one error-level finding: the fixture's second Total row does not add up.
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    let notes: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Not converted"))
        .take_while(|l| !l.is_empty())
        .collect();
    // The fixture's nine, and its second table, which has no caption, imported untitled.
    assert!(notes[0].starts_with("Not converted (10)"), "{text}");
    // The four added paragraphs come after the 52 of the fixture (its README counts them).
    let expected = [
        "paragraph 53 (section \"What do we need to do better?\"): a footnote: left out; put what it says in the text",
        "paragraph 54 (section \"What do we need to do better?\"): an equation: left out; write it in words",
        "paragraph 55 (section \"What do we need to do better?\"): a Word field (DATE \\@ \"d MMMM yyyy\"): kept as the text it showed",
        "paragraph 56 (section \"What do we need to do better?\"): a link to file:///S:/Safeguarding/audit%20notes.docx: only its text, “the audit notes”, was kept, as the report links to web addresses (https://…) only",
    ];
    for e in expected {
        assert!(
            notes.contains(&format!("  Probation contribution.docx: {e}").as_str()),
            "missing {e:?} in\n{}",
            notes.join("\n")
        );
    }
    let section =
        std::fs::read_to_string(cwd.join("our report/content/agencies/probation.md")).unwrap();
    assert!(section.contains("Updated 1 June 2022"), "{section}");
    assert!(section.contains("See the audit notes"), "{section}");
    assert!(!section.contains("file:"), "{section}");
    assert!(!section.contains("x/y"), "{section}");
}

#[test]
fn check_file_fail_on_sets_the_level_the_exit_status_follows() {
    let cwd = scratch("check-fail-on");
    std::fs::write(cwd.join("report.md"), MARKDOWN_REPORT).unwrap();
    // The level is the one asked for, as the JSON summary records it.
    let o = run_in(
        &cwd,
        &[
            "check",
            "report.md",
            "--fail-on",
            "info",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["summary"]["fail_on"], "info", "{}", printed(&o));
    assert_eq!(json["summary"]["failed"], true);
    assert_eq!(o.status.code(), Some(1), "{}", printed(&o));
    // A level that does not exist is refused before anything is read.
    let o = run_in(&cwd, &["check", "report.md", "--fail-on", "warnings"]);
    assert_eq!(o.status.code(), Some(2), "{}", printed(&o));
    assert!(printed(&o).contains("warning"), "{}", printed(&o));
}
