//! The shipped example: the whole Herefordshire SCP annual report 2021-22 builds,
//! keeps the original's words and every figure of its tables.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use common::*;
use regex::Regex;

fn built() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("example").join("build");
        build(&root(), &out);
        out
    })
}

/// The original's text without Word artefacts (`[bookmark: …]`, `[image: …]`).
fn original() -> String {
    let text = std::fs::read_to_string(fixture("hscp-annual-report-2021-22.txt")).unwrap();
    let artefacts = Regex::new(r"\[(bookmark|image): [^\]]*\]+|\[image: \]").unwrap();
    artefacts.replace_all(&text, " ").to_string()
}

/// The website's text: every chapter, as the print view shows them.
fn site_text() -> String {
    let html = std::fs::read_to_string(built().join("site/print.html")).unwrap();
    let html = Regex::new(r"(?s)<script.*?</script>|<style.*?</style>")
        .unwrap()
        .replace_all(&html, " ");
    let text = Regex::new(r"<[^>]*>").unwrap().replace_all(&html, " ");
    decode_entities(&text)
}

/// The PDF's body text. Running headers and footers are page furniture, drawn as
/// artifacts (which a screen reader skips), so they are left out the same way.
fn pdf_text() -> String {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let pdf = pdf::Pdf::open(&built().join("report.pdf"));
        let body = pdf.text_where(|g| !g.artifact);
        // The furniture is there, and marked: every page but the cover has a header.
        let furniture = squash(&pdf.text_where(|g| g.artifact));
        assert!(
            furniture.matches("Annual Report 2021-22").count() >= pdf.page_count() - 1,
            "running headers are not marked as artifacts: {furniture}"
        );
        body
    })
    .clone()
}

fn decode_entities(text: &str) -> String {
    let numeric = Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap();
    let text = numeric.replace_all(text, |c: &regex::Captures| {
        let n = &c[1];
        let code = match n.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        };
        code.and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default()
    });
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Lower-cased words with punctuation removed.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn five_grams(text: &str) -> HashSet<Vec<String>> {
    words(text).windows(5).map(<[String]>::to_vec).collect()
}

fn coverage(output: &str) -> f64 {
    let original = five_grams(&original());
    let output = five_grams(output);
    original.intersection(&output).count() as f64 / original.len() as f64
}

#[test]
fn the_website_keeps_at_least_97_percent_of_the_original_wording() {
    let c = coverage(&site_text());
    println!("website: {:.1}% of the original's 5-grams", c * 100.0);
    assert!(
        c >= 0.97,
        "only {:.1}% of the original's 5-grams are on the website",
        c * 100.0
    );
}

#[test]
fn the_pdf_keeps_at_least_97_percent_of_the_original_wording() {
    let c = coverage(&pdf_text());
    println!("PDF: {:.1}% of the original's 5-grams", c * 100.0);
    assert!(
        c >= 0.97,
        "only {:.1}% of the original's 5-grams are in the PDF",
        c * 100.0
    );
}

#[test]
fn a_report_missing_its_words_fails_the_fidelity_measure() {
    // The measure itself can fail: the original against half of itself.
    let text = original();
    let half = &text[..text.len() / 2];
    assert!(coverage(half) < 0.6);
}

/// Numbers compared as values: `£` and thousands separators aside, so the house
/// style's £412,319 and 3,329 match the original's 412,319 and 3329.
fn numbers(text: &str) -> Vec<String> {
    let text = text.replace('£', "").replace('\u{2212}', "-");
    let grouped = Regex::new(r"(\d),(\d{3})").unwrap();
    let text = grouped.replace_all(&text, "$1$2");
    let text = grouped.replace_all(&text, "$1$2");
    Regex::new(r"-?\d+(?:\.\d+)?%?")
        .unwrap()
        .find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

#[test]
fn every_number_in_the_original_tables_appears_in_both_outputs() {
    // In the Word export, table cells are the lines that start with a tab.
    let in_tables: Vec<String> = original()
        .lines()
        .filter(|l| l.starts_with('\t'))
        .flat_map(numbers)
        .collect();
    assert!(
        in_tables.len() > 200,
        "{} numbers found in the original's tables",
        in_tables.len()
    );
    // Each cell's numbers, in the cell's order: a cell of several figures ("71 of
    // 97, 73%") must be shown with its figures together, not found one by one in
    // different places of an 86-page report.
    let cells: Vec<Vec<String>> = original()
        .lines()
        .filter(|l| l.starts_with('\t'))
        .map(numbers)
        .filter(|n| !n.is_empty())
        .collect();
    let (pdf, site) = (pdf_text(), site_text());
    for (name, text) in [("PDF", &pdf), ("website", &site)] {
        let shown = numbers(text);
        // Every number at least as often as the original's tables print it.
        let mut count: HashMap<&str, isize> = HashMap::new();
        for n in &shown {
            *count.entry(n.as_str()).or_default() += 1;
        }
        for n in &in_tables {
            *count.entry(n.as_str()).or_default() -= 1;
        }
        let short: Vec<(&str, isize)> = count.into_iter().filter(|(_, c)| *c < 0).collect();
        assert!(
            short.is_empty(),
            "the {name} shows these numbers of the original's tables fewer times (number, how many fewer): {short:?}"
        );
        let apart: Vec<&Vec<String>> = cells
            .iter()
            .filter(|cell| {
                cell.len() > 1 && !shown.windows(cell.len()).any(|w| w == cell.as_slice())
            })
            .collect();
        assert!(
            apart.is_empty(),
            "the {name} does not show these cells' figures together: {apart:?}"
        );
        // The totals the original's funding tables state.
        for total in ["412,319", "396,652"] {
            assert!(text.contains(total), "the {name} lacks the total {total}");
        }
    }
}

#[test]
fn every_partner_contribution_names_its_partner() {
    let o = run(&["validate", "--project", root().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("content/agencies"))
        .unwrap()
        .filter_map(Result::ok)
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let front = &text[..text[4..].find("\n---").unwrap() + 4];
        assert!(
            front.contains("\npartner: "),
            "{} names no partner",
            entry.path().display()
        );
        n += 1;
    }
    assert!(n >= 8, "{n} partner contributions");
}

#[test]
fn chapters_keep_the_original_numbers_titles_and_order() {
    let heading = Regex::new(r"(?m)^\s*(\d+)\. \[bookmark: _Toc\d+\]\s*(.+?)\s*$").unwrap();
    let raw = std::fs::read_to_string(fixture("hscp-annual-report-2021-22.txt")).unwrap();
    let chapters: Vec<String> = heading
        .captures_iter(&raw)
        .map(|c| format!("{} {}", &c[1], &c[2]))
        .collect();
    assert_eq!(chapters.len(), 15);
    let (pdf, site) = (squash(&pdf_text()), squash(&site_text()));
    for (name, text) in [("PDF", &pdf), ("website", &site)] {
        // Start after the table of contents, at the foreword's first words.
        let mut at = text
            .find("Since our last report")
            .unwrap_or_else(|| panic!("{name}: no foreword"));
        for c in &chapters {
            let found = text[at..]
                .find(c.as_str())
                .unwrap_or_else(|| panic!("{name}: chapter {c:?} missing or out of order"));
            at += found;
        }
    }
}

/// report.docx as the project's own Word reader reads it (what `check report.docx`
/// sees), once.
fn word() -> &'static safeguarding_report::read::Read {
    static READ: OnceLock<safeguarding_report::read::Read> = OnceLock::new();
    READ.get_or_init(|| {
        let path = built().join("report.docx");
        safeguarding_report::read::read(&path, &Default::default())
            .unwrap_or_else(|e| panic!("the project's Word reader cannot read {path:?}: {e:?}"))
    })
}

/// Every block of a read document, nested ones included, with each section's title
/// before its blocks.
fn word_text(read: &safeguarding_report::read::Read) -> String {
    let mut text = String::new();
    for section in &read.document.sections {
        text.push_str(&section.heading());
        text.push('\n');
        for block in &section.blocks {
            block.walk(&mut |b| {
                text.push_str(&b.text());
                text.push('\n');
            });
        }
    }
    text
}

#[test]
fn the_word_edition_has_the_pdfs_words_headings_tables_and_charts() {
    use safeguarding_report::assemble::{Block, BlockKind};
    let read = word();
    let (_, document) = safeguarding_report::validate(&root(), false).unwrap();
    let read_headings: Vec<String> = read
        .document
        .sections
        .iter()
        .map(|s| squash(&s.heading()))
        .collect();
    let mut read_blocks: Vec<&Block> = Vec::new();
    for s in &read.document.sections {
        for b in &s.blocks {
            b.walk(&mut |b| read_blocks.push(b));
        }
    }
    // Every chapter's heading, as a heading (in a heading style), not as text.
    for chapter in document.sections.iter().filter(|s| s.level == 1) {
        let heading = squash(&chapter.heading());
        assert!(
            read_headings.contains(&heading),
            "chapter {heading:?} is not a heading in report.docx; its headings: {read_headings:?}"
        );
    }
    // Every table, with its header row first; every chart's text alternative.
    let (mut tables, mut charts) = (0, 0);
    for section in &document.sections {
        for block in &section.blocks {
            block.walk(&mut |b| match &b.kind {
                BlockKind::Table(t) => {
                    tables += 1;
                    let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
                    let found = read_blocks.iter().any(|r| {
                        matches!(&r.kind, BlockKind::Table(rt)
                            if rt.columns.iter().map(|c| c.title.clone()).collect::<Vec<_>>() == header
                            && rt.rows.len() >= t.rows.len())
                    });
                    assert!(found, "no table in report.docx has the header row {header:?}");
                }
                BlockKind::Chart(c) => {
                    charts += 1;
                    let found = read_blocks.iter().any(
                        |r| matches!(&r.kind, BlockKind::Image { alt, .. } if squash(alt) == squash(&c.alt)),
                    );
                    assert!(found, "no picture in report.docx has the alt text of chart {:?}", c.title);
                }
                _ => {}
            });
        }
    }
    assert!(
        tables >= 15 && charts >= 5,
        "{tables} tables, {charts} charts"
    );
    // The same words as the PDF.
    let pdf = five_grams(&pdf_text());
    let docx = five_grams(&word_text(read));
    let recall = pdf.intersection(&docx).count() as f64 / pdf.len() as f64;
    println!("report.docx: {:.1}% of the PDF's 5-grams", recall * 100.0);
    assert!(
        recall >= 0.97,
        "only {:.1}% of the PDF's 5-grams are in report.docx",
        recall * 100.0
    );
}

#[test]
fn the_word_edition_is_accessible_titled_and_in_english() {
    let bytes = std::fs::read(built().join("report.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let (document, styles, core) = (
        part("word/document.xml"),
        part("word/styles.xml"),
        part("docProps/core.xml"),
    );
    let xml = roxmltree::Document::parse(&document).unwrap();
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    // Every table's first row repeats at the top of each page it runs on to.
    for table in xml.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let first = table
            .children()
            .find(|n| n.has_tag_name((W, "tr")))
            .unwrap();
        assert!(
            first
                .descendants()
                .any(|n| n.has_tag_name((W, "tblHeader"))),
            "a table's header row is not marked to repeat"
        );
    }
    // Every picture has a description, and no two share an id.
    let pictures: Vec<_> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "docPr")
        .collect();
    assert!(pictures.len() >= 6, "{} pictures", pictures.len());
    let ids: HashSet<&str> = pictures.iter().filter_map(|p| p.attribute("id")).collect();
    assert_eq!(ids.len(), pictures.len(), "pictures share ids");
    assert!(
        pictures
            .iter()
            .all(|p| p.attribute("descr").is_some_and(|d| d.len() > 10))
    );
    // Headings in Word's own heading styles, the language and the title set.
    assert!(
        styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:name w:val=\"heading 1\"")
    );
    assert!(
        styles.contains("<w:lang w:val=\"en-GB\""),
        "no document language"
    );
    assert!(core.contains("<dc:title>Annual Report 2021-22 — Herefordshire Safeguarding Children Partnership</dc:title>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
}
