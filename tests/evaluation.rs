//! The scrutineer's evaluation (`check FILE --matrix evaluation.docx`): of the shipped
//! example's Word edition, read back by the project's own readers, and opened by
//! LibreOffice where it is installed.

mod common;

use std::io::Read;
use std::path::Path;

use common::*;
use safeguarding_report::assemble::{BlockKind, Table};
use safeguarding_report::read::{self, Overrides};

/// Writes the evaluation of `report` to `out`, and returns `check`'s exit status.
fn evaluate(report: &Path, out: &Path) -> i32 {
    let o = run(&[
        "check",
        report.to_str().unwrap(),
        "--matrix",
        out.to_str().unwrap(),
        "--reviewer",
        "Alex Morgan",
    ]);
    assert!(out.is_file(), "{}", stderr(&o));
    o.status.code().unwrap()
}

/// The tables of a document read by the project's own reader, in order.
fn tables(path: &Path) -> (Option<String>, Vec<String>, Vec<Table>) {
    let read = read::read(path, &Overrides::default()).expect("the reader reads it");
    let headings = read
        .document
        .sections
        .iter()
        .map(|s| s.title.clone())
        .collect();
    let mut out = Vec::new();
    for s in &read.document.sections {
        for b in &s.blocks {
            if let BlockKind::Table(t) = &b.kind {
                out.push(t.clone());
            }
        }
    }
    (read.document.meta.title.clone().into(), headings, out)
}

/// The text without its spacing: readers put the paragraphs of a table cell
/// together with or without a space between them.
fn letters(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Every block's text of a document read by the project's own reader.
fn text_of(path: &Path) -> String {
    let read = read::read(path, &Overrides::default()).expect("the reader reads it");
    let mut out = String::new();
    for s in &read.document.sections {
        for b in &s.blocks {
            out.push_str(&b.text());
            out.push('\n');
        }
    }
    out
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_word_evaluation_has_the_header_a_row_per_criterion_and_the_html_verdicts() {
    let dir = scratch("evaluation");
    let report = fixture("read/hscp-example.docx");
    let docx = dir.join("evaluation.docx");
    let html = dir.join("evaluation.html");
    assert_eq!(evaluate(&report, &docx), evaluate(&report, &html));

    let (_, headings, word) = tables(&docx);
    assert_eq!(
        headings,
        [
            "Evaluation of Herefordshire Safeguarding Children Partnership's yearly report",
            "What was checked",
            "Summary",
            "The criteria",
            "Other findings"
        ]
    );
    // The header: what was checked, by whom, with what.
    let header = &word[0];
    let field = |label: &str| {
        std::iter::once(header.columns.iter().map(|c| c.title.clone()).collect())
            .chain(header.rows.iter().cloned())
            .find(|r: &Vec<String>| r[0] == label)
            .unwrap_or_else(|| panic!("no {label} in {header:?}"))[1]
            .clone()
    };
    assert_eq!(
        field("Partnership"),
        "Herefordshire Safeguarding Children Partnership"
    );
    assert_eq!(field("Report file"), "hscp-example.docx");
    let bytes = std::fs::read(&report).unwrap();
    let sha: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(field("SHA-256 of the file"), sha);
    assert_eq!(field("Period"), "1 April 2021 to 31 March 2022");
    assert!(
        field("Period found").starts_with("read from “"),
        "{header:?}"
    );
    assert_eq!(
        field("Judged against"),
        "Working Together to Safeguard Children 2018"
    );
    assert_eq!(
        field("Checked with"),
        format!("safeguarding-report {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(field("Reviewer"), "Alex Morgan");

    // One row per criterion of the 2018 edition, with the guidance's chapter, the
    // evidence quoted with its place in the report's terms, and an empty comment.
    let criteria = &word[1];
    let titles: Vec<&str> = criteria.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Criterion",
            "What the guidance asks",
            "Verdict",
            "Evidence in the report",
            "Reading",
            "Scrutineer's comment"
        ]
    );
    assert_eq!(criteria.rows.len(), 11);
    for row in &criteria.rows {
        assert!(row[0].starts_with("WT18-"), "{row:?}");
        assert!(
            row[1]
                .contains("Working Together to Safeguard Children 2018, chapter 3, \"Reporting\""),
            "{row:?}"
        );
        assert!(
            !row[3].contains(".docx:"),
            "a place in Word's terms: {row:?}"
        );
        assert!(row[4] == "Confirmed" || row[4] == "To confirm", "{row:?}");
        assert_eq!(row[5], "", "the comment is the scrutineer's: {row:?}");
    }
    let voice = criteria
        .rows
        .iter()
        .find(|r| r[0].starts_with("WT18-VOICE"))
        .unwrap();
    assert!(
        voice[3].contains("“") && voice[3].contains(", paragraph "),
        "{voice:?}"
    );

    // The web page says the same, row by row (it has no comment column; its
    // header is a list, not a table).
    let (_, _, web) = tables(&html);
    assert_eq!(web[0].rows.len(), criteria.rows.len());
    for (w, h) in criteria.rows.iter().zip(&web[0].rows) {
        for i in 0..5 {
            assert_eq!(letters(&w[i]), letters(&h[i]), "column {i}");
        }
    }
    let page = text_of(&html);
    for row in std::iter::once(header.columns.iter().map(|c| c.title.clone()).collect())
        .chain(header.rows.iter().cloned())
    {
        assert!(page.contains(&row[1]), "{} is not in the web page", row[1]);
    }
}

#[test]
fn the_word_evaluation_is_titled_in_english_with_repeating_header_rows_and_opens_in_libreoffice() {
    let dir = scratch("evaluation-word");
    let docx = dir.join("evaluation.docx");
    evaluate(&fixture("read/hscp-example.docx"), &docx);
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Evaluation of Herefordshire Safeguarding Children Partnership's yearly report</dc:title>")
            && core.contains("<dc:language>en-GB</dc:language>"),
        "{core}"
    );
    assert!(part(&docx, "word/styles.xml").contains("<w:lang w:val=\"en-GB\" />"));
    let document = part(&docx, "word/document.xml");
    // The criteria and findings tables' header rows repeat on each page.
    assert_eq!(document.matches("<w:tblHeader />").count(), 2);

    let Ok(status) = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx)
        .output()
    else {
        eprintln!("LibreOffice is not installed: the conversion is not tried");
        return;
    };
    assert!(status.status.success(), "{status:?}");
    let pdf = std::fs::read(dir.join("evaluation.pdf")).expect("LibreOffice wrote the PDF");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn the_contents_list_is_never_evidence() {
    let dir = scratch("evaluation-contents");
    // The tool's own PDF of the example has a contents page, tagged as such.
    let md = dir.join("evaluation.md");
    evaluate(&fixture("read/hscp-example.pdf"), &md);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("(page "), "{text}");
    assert!(!text.contains("section \"Contents\""), "{text}");
}

#[test]
fn a_word_contents_list_is_not_read_as_the_reports_text() {
    use docx_rs::{Docx, Hyperlink, HyperlinkType, Paragraph, Run, Style, StyleType};
    let dir = scratch("evaluation-word-contents");
    let path = dir.join("with-contents.docx");
    let heading = |t: &str| {
        Paragraph::new()
            .style("Heading1")
            .add_run(Run::new().add_text(t))
    };
    Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .outline_lvl(0),
        )
        .add_style(Style::new("TOC1", StyleType::Paragraph).name("toc 1"))
        .add_paragraph(heading("Contents"))
        // An entry in Word's contents style, and one only linking to a heading's
        // _Toc bookmark, as Word's own entries do.
        .add_paragraph(
            Paragraph::new()
                .style("TOC1")
                .add_run(Run::new().add_text("Case reviews and what we learnt 4")),
        )
        .add_paragraph(
            Paragraph::new().add_hyperlink(
                Hyperlink::new("_Toc123", HyperlinkType::Anchor)
                    .add_run(Run::new().add_text("Feedback from children and families 6")),
            ),
        )
        .add_paragraph(heading("Foreword"))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("We held four board meetings.")),
        )
        .build()
        .pack(std::fs::File::create(&path).unwrap())
        .unwrap();
    let text = text_of(&path);
    assert_eq!(text, "We held four board meetings.\n");
    let read = read::read(&path, &Overrides::default()).unwrap();
    let titles: Vec<&str> = read
        .document
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Foreword"],
        "the contents list's heading goes with it"
    );
}
