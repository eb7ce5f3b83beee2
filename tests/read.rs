//! `check FILE`: reports read as they were published — the original text export, a
//! Word document, the tool's own PDF, an untagged PDF, saved web pages — judged as
//! the project is, with what a project states in report.yaml inferred from the text.

mod check_support;
mod common;

use std::path::Path;

use check_support::*;
use common::*;
use safeguarding_report::check::{self, Report, Status};
use safeguarding_report::model::{Date, Guidance};
use safeguarding_report::read::{self, Confidence, Overrides};
use safeguarding_report::{Error, check_file};

fn check_read(path: &Path) -> Report {
    check_read_with(path, &Overrides::default())
}

fn check_read_with(path: &Path, overrides: &Overrides) -> Report {
    match check_file(path, overrides, &check::Options::default()) {
        Ok(r) => r,
        Err(Error::Input(f)) => panic!("check could not run:\n{}", f.render(false)),
        Err(e) => panic!("check could not run: {e}"),
    }
}

fn words(report: &Report, rule: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == rule)
        .map(|d| report.sources.text(&d.span.file).unwrap()[d.span.range.clone()].to_string())
        .collect()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Criteria whose status differs between two matrices.
fn differences(a: &Report, b: &Report) -> Vec<String> {
    a.criteria
        .iter()
        .filter_map(|c| {
            let other = b.criteria.iter().find(|o| o.id == c.id)?;
            (other.status != c.status).then(|| {
                format!(
                    "{}: {:?} vs {:?} ({})",
                    c.id, c.status, other.status, other.reason
                )
            })
        })
        .collect()
}

/// The criteria a printed edition of the example may judge differently from the
/// project: where the report is published and the copy to the national panel
/// (report.yaml's `publication:`, not printed), and the actions on each review
/// recommendation (the `review:` blocks' actions, which the PDF and website do not
/// print beside their recommendations). Any other difference fails.
fn assert_only_unprinted_facts_differ(differ: &[String]) {
    for d in differ {
        assert!(
            d.starts_with("WT18-PUBLICATION:") || d.starts_with("WT18-REVIEW-ACTIONS:"),
            "{d}"
        );
    }
}

fn seed() -> std::path::PathBuf {
    fixture("hscp-annual-report-2021-22.txt")
}

#[test]
fn the_original_text_export_infers_partnership_period_and_edition() {
    let report = check_read(&seed());
    let facts = report.inferred.as_ref().expect("facts for a file");
    let name = facts.partnership.as_ref().expect("a partnership");
    assert_eq!(
        name.value,
        "Herefordshire Safeguarding Children Partnership"
    );
    assert_eq!(facts.short_name.as_ref().unwrap().value, "HSCP");
    let period = facts.period.as_ref().expect("a period");
    assert_eq!(period.value.start, date("2021-04-01"));
    assert_eq!(period.value.end, date("2022-03-31"));
    assert_eq!(period.confidence, Confidence::High);
    assert!(
        period.place.starts_with("hscp-annual-report-2021-22.txt:"),
        "{}",
        period.place
    );
    assert_eq!(facts.guidance.value, Guidance::Wt2018);
    assert_eq!(report.guidance, Guidance::Wt2018);
    let kinds: Vec<_> = facts
        .partners
        .iter()
        .map(|p| p.value.name.as_str())
        .collect();
    assert!(kinds.contains(&"West Mercia Police"), "{kinds:?}");
    assert!(
        kinds.iter().any(|k| k.contains("Herefordshire Council")),
        "{kinds:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.contains("CCG") || k.contains("Clinical Commissioning")),
        "{kinds:?}"
    );
    let scrutiny = facts.scrutiny.as_ref().expect("the scrutineer's section");
    assert!(
        scrutiny.value.contains("Evaluation of effectiveness"),
        "{}",
        scrutiny.value
    );
}

#[test]
fn the_original_text_export_reports_the_originals_slips() {
    let report = check_read(&seed());
    assert!(
        words(&report, "ED-PLACEHOLDER")
            .iter()
            .any(|w| w == "x number"),
        "{:?}",
        words(&report, "ED-PLACEHOLDER")
    );
    let dates = words(&report, "DATA-DATE");
    for slip in ["May 20221", "202/21"] {
        assert!(
            dates.iter().any(|d| d == slip),
            "{slip} not reported: {dates:?}"
        );
    }
    // Findings point at line and column of the file as the partnership has it.
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ED-PLACEHOLDER")
        .unwrap();
    let place = d.location(&report.sources);
    let text = std::fs::read_to_string(seed()).unwrap();
    let line: usize = place.split(':').nth(1).unwrap().parse().unwrap();
    assert!(
        text.lines().nth(line - 1).unwrap().contains("x number"),
        "{place}"
    );
}

#[test]
fn the_original_text_export_is_judged_as_the_project_is() {
    let from_text = check_read(&seed());
    let project = check(&root());
    assert_eq!(from_text.criteria.len(), project.criteria.len());
    let differ = differences(&project, &from_text);
    let agree = project.criteria.len() - differ.len();
    println!(
        "text export agrees with the project on {agree} of {} criteria",
        project.criteria.len()
    );
    assert!(agree >= 10, "only {agree} agree:\n{}", differ.join("\n"));
}

#[test]
fn the_word_edition_differs_only_on_unprinted_facts_and_is_located_by_paragraph() {
    let path = fixture("read/hscp-example.docx");
    let report = check_read(&path);
    let project = check(&root());
    let differ = differences(&project, &report);
    println!(
        "Word edition differs on {} criteria: {differ:#?}",
        differ.len()
    );
    assert_only_unprinted_facts_differ(&differ);
    let facts = report.inferred.as_ref().unwrap();
    assert_eq!(facts.period.as_ref().unwrap().value.end, date("2022-03-31"));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ED-PLACEHOLDER")
        .expect("the placeholder");
    let place = d.location(&report.sources);
    assert!(
        place.starts_with("hscp-example.docx: paragraph "),
        "{place}"
    );
    assert!(place.contains("(section \""), "{place}");
}

#[test]
fn the_tools_own_pdf_differs_only_on_unprinted_facts_and_is_located_by_page() {
    let path = fixture("read/hscp-example.pdf");
    let report = check_read(&path);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.code != read::UNTAGGED_PDF.as_str()),
        "the tool's PDF is tagged"
    );
    let project = check(&root());
    let differ = differences(&project, &report);
    println!("PDF differs on {} criteria: {differ:#?}", differ.len());
    assert_only_unprinted_facts_differ(&differ);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ED-PLACEHOLDER")
        .expect("the placeholder");
    let place = d.location(&report.sources);
    assert!(place.starts_with("hscp-example.pdf: page "), "{place}");
    assert!(place.contains(", line "), "{place}");
}

#[test]
fn an_untagged_pdf_is_reported_and_its_headings_guessed_from_type_size() {
    let path = fixture("read/untagged.pdf");
    let report = check_read(&path);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == read::UNTAGGED_PDF.as_str())
        .expect("an untagged PDF is a finding");
    assert!(d.message.contains("untagged"), "{}", d.message);
    let read = read::read(&path, &Overrides::default()).unwrap();
    // The title (20 pt) and the two chapter headings (16 pt) stand out from the 11 pt
    // body. (groff's PDF splits some words with a space, and sets a number apart from
    // its title by position only, so the words are compared without spaces.)
    let titles: Vec<String> = read
        .document
        .sections
        .iter()
        .map(|s| s.heading().replace(' ', ""))
        .collect();
    assert!(
        titles.iter().any(|t| t.ends_with("OurPartners")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.ends_with("LearningfromReviews")),
        "{titles:?}"
    );
    // April 2019 to August 2020 is 17 months, not 12.
    assert_eq!(status(&report, "WT18-PERIOD"), Status::Missing);
}

#[test]
fn a_word_image_without_alt_text_is_reported() {
    let report = check_read(&fixture("read/image-without-alt.docx"));
    let alt: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "ED-ALT-TEXT")
        .collect();
    assert_eq!(alt.len(), 1, "{alt:?}");
    assert!(alt[0].message.contains("no alt text"), "{}", alt[0].message);
    assert!(
        alt[0].location(&report.sources).contains("paragraph"),
        "{}",
        alt[0].location(&report.sources)
    );
}

#[test]
fn a_folder_of_web_pages_is_read_in_link_order_main_content_only() {
    let dir = fixture("read/web-edition");
    let read = read::read(&dir, &Overrides::default()).unwrap();
    let titles: Vec<String> = read.document.sections.iter().map(|s| s.heading()).collect();
    assert_eq!(
        titles,
        [
            "Welcome",
            "1 About the partnership",
            "2 Funding",
            "3 Independent scrutiny"
        ],
        "index first, then the order its links give, not file names"
    );
    let all: String = read
        .document
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(|b| b.text()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !all.contains("Skip to content") && !all.contains("Cookie"),
        "navigation left out: {all}"
    );
    let p = read.facts.period.as_ref().unwrap();
    assert_eq!(
        (p.value.start, p.value.end),
        (date("2022-07-01"), date("2023-06-30"))
    );
    let funding = &read.facts.funding;
    assert_eq!(funding.len(), 1, "{funding:?}");
    assert!(
        funding[0].contributions.values().all(|shown| *shown),
        "{funding:?}"
    );
}

#[test]
fn the_command_line_overrides_what_is_inferred() {
    let overrides = Overrides {
        period: Some(Overrides::parse_period("2020-04-01..2021-03-31").unwrap()),
        partnership: Some("Another Safeguarding Children Partnership".into()),
        guidance: None,
    };
    let report = check_read_with(&seed(), &overrides);
    let facts = report.inferred.as_ref().unwrap();
    assert_eq!(facts.period.as_ref().unwrap().confidence, Confidence::Given);
    assert_eq!(
        facts.partnership.as_ref().unwrap().value,
        "Another Safeguarding Children Partnership"
    );
    assert!(Overrides::parse_period("2022-03-31..2021-04-01").is_err());
    assert!(Overrides::parse_period("2021-04-01").is_err());
}

#[test]
fn check_runs_on_a_file_from_the_command_line_with_facts_first() {
    let dir = scratch("read-cli");
    let copy = dir.join("annual report 2021-22.txt");
    std::fs::copy(seed(), &copy).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .current_dir(&dir)
        .args(["check", "annual report 2021-22.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("Inferred from the text"), "{text}");
    assert!(text.contains("1 April 2021 to 31 March 2022"), "{text}");
    assert!(
        text.contains("Working Together to Safeguard Children 2018"),
        "{text}"
    );
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .current_dir(&dir)
        .args([
            "check",
            "annual report 2021-22.txt",
            "--format",
            "json",
            "--period",
            "2021-04-01..2022-03-31",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["document"]["period"]["value"]["start"], "2021-04-01");
    assert_eq!(v["document"]["period"]["confidence"], "given");
}
