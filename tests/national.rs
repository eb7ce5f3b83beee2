//! `check` on many reports at once: a folder of nine reports of the corpus's
//! partnerships in four formats (Word, PDF, a web page and a web edition's folder,
//! Markdown and text), one of them not a report at all, and a spreadsheet that is
//! left out (tests/fixtures/national/README.md says how each was made).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn national() -> std::path::PathBuf {
    fixture("national/reports")
}

/// Each report's verdicts as `check FILE --format json` gives them alone.
fn alone(report: &Path) -> BTreeMap<String, String> {
    let o = run(&["check", report.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_folder_of_reports_gives_a_line_each_the_picture_and_the_whole_table() {
    let dir = scratch("national");
    let table = dir.join("national.json");
    let o = run(&[
        "check",
        national().to_str().unwrap(),
        "--matrix",
        table.to_str().unwrap(),
    ]);
    // The worst report sets the exit status: one could not be read.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let names = [
        "covering-note.pdf",
        "eastvale.docx",
        "highfield.pdf",
        "lakeside.txt",
        "marshby.md",
        "northmoor.docx",
        "riverside",
        "southport.pdf",
        "westbrook.html",
    ];
    for (line, name) in lines.iter().zip(names) {
        assert!(line.starts_with(&format!("{name}: ")), "{line}\n{out}");
    }
    assert!(
        lines[0].contains("could not be read") && lines[0].contains("is not a PDF"),
        "{out}"
    );
    assert!(
        lines[5].starts_with("northmoor.docx: Northmoor Safeguarding Children Partnership, 1 April 2023 to 31 March 2024; Working Together to Safeguard Children 2023:"),
        "{out}"
    );
    // The web edition's folder is one report; the spreadsheet is not a report.
    assert!(
        lines[6].starts_with("riverside: Riverside Safeguarding Partnership"),
        "{out}"
    );
    assert!(
        out.contains("Left out 1 file that is not a report: contributions.csv"),
        "{out}"
    );
    assert!(
        out.contains("Across 8 reports checked (1 more could not be read):"),
        "{out}"
    );

    // The JSON table: every report a row, the unreadable one with its reason.
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&table).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0]["outcome"], "unreadable");
    assert!(
        rows[0]["reason"].as_str().unwrap().contains("is not a PDF"),
        "{:?}",
        rows[0]
    );

    // Each row's verdicts are the ones the report gets checked alone, and the
    // picture counts them: the parallel run neither mixes reports up nor drops one.
    let mut tally: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for (row, name) in rows.iter().zip(names).skip(1) {
        let verdicts = alone(&national().join(name));
        let cells = row["criteria"].as_array().unwrap();
        assert_eq!(cells.len(), verdicts.len(), "{name}");
        for cell in cells {
            let id = cell["id"].as_str().unwrap();
            let status = cell["status"].as_str().unwrap();
            assert_eq!(Some(&status.to_string()), verdicts.get(id), "{name} {id}");
            let k = ["met", "partial", "missing"]
                .iter()
                .position(|s| *s == status)
                .unwrap();
            tally.entry(id.to_string()).or_default()[k] += 1;
        }
    }
    for (id, [met, partial, missing]) in &tally {
        let expected = format!("  {id:<19}  {met:>5}  {partial:>7}  {missing:>7}");
        assert!(out.contains(&expected), "{expected}\n{out}");
    }
    // Read by hand from the corpus's README: Highfield reports on two years (the
    // only 2018 report not of 12 months), Marshby on 17 months and Lakeside on 7:
    // each meets the 12-month period in part.
    assert_eq!(tally["WT18-PERIOD"], [2, 1, 0]);
    assert_eq!(tally["WT23-PERIOD"], [3, 2, 0]);
    assert_eq!(
        tally.values().map(|c| c.iter().sum::<usize>()).max(),
        Some(5)
    );
}

#[test]
fn the_web_table_links_each_verdict_to_the_evidence_in_that_reports_evaluation() {
    let dir = scratch("national-html");
    let table = dir.join("national.html");
    let o = run(&[
        "check",
        national().to_str().unwrap(),
        "--matrix",
        table.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let html = std::fs::read_to_string(&table).unwrap();
    assert!(!html.contains("<script"), "no script");
    let link = "national-reports/highfield.pdf.html#WT18-PERIOD";
    assert!(
        html.contains(&format!("<a href=\"{link}\">partial</a>")),
        "{html}"
    );
    let page = std::fs::read_to_string(dir.join("national-reports/highfield.pdf.html")).unwrap();
    assert!(
        page.contains("<tr id=\"WT18-PERIOD\" class=\"partial\">"),
        "{page}"
    );
    assert!(
        html.contains("could not be read: covering-note.pdf is not a PDF"),
        "{html}"
    );

    let csv_path = dir.join("national.csv");
    let o = run(&[
        "check",
        national().to_str().unwrap(),
        "--matrix",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 10, "a header and nine reports: {csv}");
    assert!(lines[0].starts_with("report,partnership,period,edition,met,partial,missing,errors,warnings,could not be read,WT18-PERIOD,"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("covering-note.pdf,,,,,,,,,"),
        "{}",
        lines[1]
    );
}

#[test]
fn several_files_are_many_reports_and_a_word_table_is_refused_for_them() {
    let a = national().join("eastvale.docx");
    let b = national().join("westbrook.html");
    let o = run(&["check", a.to_str().unwrap(), b.to_str().unwrap()]);
    // Both are read; westbrook has an error-level finding.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("eastvale.docx: Eastvale"), "{out}");
    assert!(out.contains("\nwestbrook.html: Westbrook"), "{out}");
    let o = run(&[
        "check",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--matrix",
        "/tmp/national.docx",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("for many reports, use a file ending in .html, .csv or .json"));
}
