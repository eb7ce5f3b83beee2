//! `check FILE`: reports read as they were published — the original text export, a
//! Word document, the tool's own PDF, an untagged PDF, saved web pages — judged as
//! the project is, with what a project states in report.yaml inferred from the text.

mod check_support;
mod common;

use std::path::Path;

use check_support::*;
use common::*;
use safeguarding_report::check::{self, Report, Status};
use safeguarding_report::diagnostic::Diagnostic;
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

/// A printed edition of the example is judged as the project is, on every criterion
/// (the README says all 11 agree: what the project states in YAML is printed), and the record of each review recommendation's actions and improvement, which the
/// PDF and website print as a table, is read back whole: the same counts as the
/// project's `review:` blocks give.
fn assert_judged_as_the_project(project: &Report, edition: &Report) {
    let differ = differences(project, edition);
    assert!(
        differ.is_empty(),
        "differs on {} criteria: {differ:#?}",
        differ.len()
    );
    let reason = |r: &Report| {
        r.criteria
            .iter()
            .find(|c| c.id == "WT18-REVIEW-ACTIONS")
            .map(|c| c.reason.clone())
            .unwrap()
    };
    assert!(
        reason(project).contains("11 of 11 recommendations")
            && reason(project).contains("4 record"),
        "{}",
        reason(project)
    );
    assert_eq!(reason(edition), reason(project));
}

/// Every piece of the matrix's evidence is located as a person finds it in the file.
fn assert_evidence_located(report: &Report, prefix: &str, locator: &str) {
    let places: Vec<&str> = report
        .criteria
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.location()))
        .collect();
    assert!(places.len() > 10, "{places:?}");
    for p in places {
        assert!(p.starts_with(prefix) && p.contains(locator), "{p}");
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
    // As the README says: all but WT18-PUBLICATION, whose facts are in the project's
    // report.yaml and not in the original's words.
    assert_eq!(agree, 10, "{}", differ.join("\n"));
    assert!(differ[0].starts_with("WT18-PUBLICATION:"), "{}", differ[0]);
}

#[test]
fn the_word_edition_is_judged_as_the_project_and_located_by_paragraph() {
    let path = fixture("read/hscp-example.docx");
    let report = check_read(&path);
    let project = check(&root());
    assert_judged_as_the_project(&project, &report);
    assert_evidence_located(&report, "hscp-example.docx: paragraph ", " (section \"");
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
fn the_tools_own_pdf_is_judged_as_the_project_and_located_by_page() {
    let path = fixture("read/hscp-example.pdf");
    let report = check_read(&path);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.code != safeguarding_report::check::file::UNTAGGED_PDF.as_str()),
        "the tool's PDF is tagged"
    );
    let project = check(&root());
    assert_judged_as_the_project(&project, &report);
    assert_evidence_located(&report, "hscp-example.pdf: page ", ", line ");
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
        .find(|d| d.code == safeguarding_report::check::file::UNTAGGED_PDF.as_str())
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
    // April 2019 to August 2020 is 17 months, not 12: met in part, with its length.
    assert_eq!(status(&report, "WT18-PERIOD"), Status::Partial);
    let period = report
        .criteria
        .iter()
        .find(|c| c.id == "WT18-PERIOD")
        .unwrap();
    assert!(period.reason.contains("17 months"), "{}", period.reason);
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
    let p = read.document.facts.period.as_ref().unwrap();
    assert_eq!(
        (p.value.start, p.value.end),
        (date("2022-07-01"), date("2023-06-30"))
    );
    let funding = &read.document.facts.funding;
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
    // The README's run: error-level findings (the original's slips), so exit 1.
    assert_eq!(
        out.status.code(),
        Some(1),
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

fn status_of(report: &Report, id: &str) -> Status {
    report
        .criteria
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.status)
        .unwrap_or_else(|| panic!("no {id} in the matrix"))
}

/// Where and when a report is published, and the copy to the national panel, are
/// read from its own words: within seven days is met, twelve days late is partial.
#[test]
fn publication_and_the_copy_to_the_panel_are_read_from_the_text() {
    let text = |copy: &str| {
        format!(
            "Southdale Safeguarding Children Partnership\nAnnual Report 2023-24\n\n\
             This report covers 1 April 2023 to 31 March 2024.\n\n\
             This report was published on 27 September 2024 on our website. \
             A copy was sent to the Child Safeguarding Practice Review Panel and the \
             Department for Education on {copy}.\n"
        )
    };
    let dir = scratch("publication-text");
    for (copy, expected) in [
        ("2 October 2024", Status::Met),
        ("9 October 2024", Status::Partial),
    ] {
        let path = dir.join("report.txt");
        std::fs::write(&path, text(copy)).unwrap();
        let report = check_read(&path);
        assert_eq!(
            status_of(&report, "WT23-PUBLICATION"),
            expected,
            "copy sent {copy}"
        );
        let p = report
            .inferred
            .as_ref()
            .unwrap()
            .publication
            .as_ref()
            .unwrap();
        assert_eq!(p.value.published, Some(date("2024-09-27")));
        assert!(
            !report.diagnostics.iter().any(|d| d.code == "DATA-DATE"),
            "a date in the September after the period is right: {:#?}",
            report.diagnostics
        );
        assert_eq!(
            p.value.website.as_deref(),
            Some("the partnership's website")
        );
    }
}

/// A report cannot be published before the period it covers ends, nor a year and
/// more after it: either date is a finding at the sentence that gives it.
#[test]
fn a_publication_date_the_period_makes_impossible_is_a_finding() {
    let dir = scratch("publication-impossible");
    for (published, says) in [
        (
            "27 September 2023",
            "published on 27 September 2023, before the period it covers ends on 31 March 2024",
        ),
        (
            "2 May 2025",
            "published on 2 May 2025, 397 days after the period it covers ended on 31 March 2024",
        ),
    ] {
        let path = dir.join("report.txt");
        std::fs::write(
            &path,
            format!(
                "Southdale Safeguarding Children Partnership\nAnnual Report 2023-24\n\n\
                 This report covers 1 April 2023 to 31 March 2024.\n\n\
                 This report was published on {published} on our website.\n"
            ),
        )
        .unwrap();
        let report = check_read(&path);
        let found: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "DATA-DATE")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains(says), "{}", found[0]);
    }
}

/// What else a report publishes is not where the report is published.
#[test]
fn other_things_published_on_the_website_are_not_the_reports_publication() {
    let path = scratch("publication-other").join("report.txt");
    std::fs::write(
        &path,
        "Southdale Safeguarding Children Partnership\nAnnual Report 2023-24\n\n\
         This report covers 1 April 2023 to 31 March 2024.\n\n\
         Learning briefings are published on the partnership's webpages after each review. \
         The review of Child L was published on 21 February 2024.\n",
    )
    .unwrap();
    let report = check_read(&path);
    assert!(report.inferred.as_ref().unwrap().publication.is_none());
    assert_eq!(status_of(&report, "WT23-PUBLICATION"), Status::Missing);
}

/// A project that records its publication prints it on the PDF's cover, and the
/// scrutineer reading that PDF finds the criterion met, as the project check does.
#[test]
fn a_projects_publication_record_is_printed_and_read_back_from_its_pdf() {
    let project = copy_project(&root(), "publication-printed");
    edit(
        &project.join("report.yaml"),
        "  website: https://www.herefordshiresafeguardingboards.org.uk/\n",
        "  website: https://www.herefordshiresafeguardingboards.org.uk/\n  published: 2022-09-30\n  copy_to_panel: 2022-10-03\n",
    );
    let out = project.join("build");
    build(&project, &out);
    let pdf = out.join("report.pdf");
    let cover = pdf_text_of(&pdf);
    assert!(
        cover.contains("Published on 30 September 2022."),
        "cover text missing"
    );
    assert!(cover.contains(
        "A copy was sent to the Child Safeguarding Practice Review Panel on 3 October 2022."
    ));
    assert_eq!(status_of(&check(&project), "WT18-PUBLICATION"), Status::Met);
    assert_eq!(
        status_of(&check_read(&pdf), "WT18-PUBLICATION"),
        Status::Met
    );
}

/// A scrutineer reading a published report has no report.yaml or data sets to edit:
/// the advice on each criterion says what the report should say instead.
#[test]
fn advice_on_a_published_report_never_sends_the_reader_to_project_files() {
    let report = check_read(&seed());
    let criteria: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("WT18-"))
        .collect();
    assert!(criteria.iter().any(|d| d.code == "WT18-PUBLICATION"));
    for d in criteria {
        let help = d.help.as_deref().unwrap_or("");
        assert!(
            !help.contains("report.yaml")
                && !help.contains("content/data")
                && !help.contains("`review:`"),
            "{}: {help}",
            d.code
        );
    }
}

/// The same in a project: report.yaml's `published:` date before the period ends is
/// a finding at the publication block.
#[test]
fn a_project_published_before_its_period_ends_is_a_finding() {
    let project = copy_project(&fixture("mini"), "published-early");
    let path = project.join("report.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace(
        "  website: https://tscp.example.org/\n",
        "  website: https://tscp.example.org/\n  published: 2023-01-15\n",
    );
    std::fs::write(&path, yaml).unwrap();
    let report = check(&project);
    let found: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "DATA-DATE")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains(
            "published on 15 January 2023, before the period it covers ends on 31 March 2023"
        ),
        "{}",
        found[0].message
    );
    assert!(
        found[0].span.file.ends_with("report.yaml"),
        "{:?}",
        found[0].span
    );
}
