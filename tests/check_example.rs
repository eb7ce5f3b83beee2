//! The checker on the shipped example, the Herefordshire SCP annual report 2021-22:
//! its criteria matrix agrees with the independent scrutineer's evaluation in section
//! 15, it reports the slips the original contains, and damaging a copy of the report
//! changes the matching criterion or rule.

mod check_support;
mod common;

use check_support::*;
use common::*;
use safeguarding_report::Severity;
use safeguarding_report::check::{Report, Status};

/// What the independent scrutineer's evaluation (section 15) says of each criterion,
/// in the scrutineer's own words, and the status those words mean.
const SCRUTINEER: &[(&str, Status, &str)] = &[
    (
        "WT18-ACTIVITY",
        Status::Met,
        "Overall, the report meets the requirement as set out in Working Together 2018",
    ),
    (
        "WT18-REVIEWS",
        Status::Met,
        "Overall, the report meets the requirement as set out in Working Together 2018",
    ),
    (
        "WT18-EFFECTIVENESS",
        Status::Partial,
        "There is little analysis of the effectiveness of the partners",
    ),
    (
        "WT18-EFFECTIVENESS",
        Status::Partial,
        "This makes it difficult to formulate a judgement on effectiveness of the arrangements",
    ),
    (
        "WT18-IMPACT",
        Status::Partial,
        "little is said about the impact of this activity in keeping children and young people safe from exploitation",
    ),
    (
        "WT18-IMPACT",
        Status::Partial,
        "Partners acknowledge it has yet to make an impact on practice",
    ),
    (
        "WT18-NO-PROGRESS",
        Status::Met,
        "Section 8 is however more open and honest about key challenges facing the partnership",
    ),
    (
        "WT18-REVIEW-ACTIONS",
        Status::Met,
        "Overall, the report meets the requirement as set out in Working Together 2018",
    ),
    (
        "WT18-VOICE",
        Status::Met,
        "The report outlines the work undertaken to listen to and understand the voice of children and young people",
    ),
    (
        "WT18-SCRUTINY",
        Status::Met,
        "One of the functions of the Independent Scrutineer is to provide scrutiny of the annual report",
    ),
];

fn words(report: &Report, rule: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == rule)
        .map(|d| report.sources.text(&d.span.file).unwrap()[d.span.range.clone()].to_string())
        .collect()
}

#[test]
fn the_matrix_agrees_with_the_scrutineers_evaluation_criterion_by_criterion() {
    let evaluation = squash(
        &std::fs::read_to_string(root().join("content/15-independent-scrutineer.md")).unwrap(),
    );
    let report = check(&root());
    for (id, expected, said) in SCRUTINEER {
        assert!(
            evaluation.contains(said),
            "section 15 no longer says “{said}”"
        );
        let c = criterion(&report, id);
        assert_eq!(
            c.status, *expected,
            "{id}: the scrutineer says “{said}”, the checker says {:?}: {}",
            c.status, c.reason
        );
    }
    // The scrutineer's own evaluation is the evidence for WT18-SCRUTINY, and for no other.
    for c in report.criteria.iter().filter(|c| c.id != "WT18-SCRUTINY") {
        assert!(
            c.evidence
                .iter()
                .all(|e| !e.file.contains("15-independent-scrutineer")),
            "{} counts the scrutineer's evaluation as evidence",
            c.id
        );
    }
}

#[test]
fn check_reports_the_slips_the_original_contains() {
    let report = check(&root());
    assert_eq!(words(&report, "ED-PLACEHOLDER"), vec!["x number"]);
    let dates = words(&report, "DATA-DATE");
    for slip in ["May 20221", "202/21", "November 2022"] {
        assert!(
            dates.iter().any(|d| d == slip),
            "{slip} not reported: {dates:?}"
        );
    }
    assert_eq!(
        dates.iter().filter(|d| *d == "202/21").count(),
        2,
        "{dates:?}"
    );
    assert_eq!(
        words(&report, "PII-CHILD"),
        vec!["Lola"],
        "Matthew is the published review's pseudonym, allow-listed"
    );
    // The partnership's decisions lower these to warnings, with the reason shown, so
    // the report builds and every slip is still reported.
    assert_eq!(
        report.count(Severity::Error),
        0,
        "{:?}",
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect::<Vec<_>>()
    );
    let placeholder = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ED-PLACEHOLDER")
        .unwrap();
    assert_eq!(placeholder.severity, Severity::Warning);
    assert!(placeholder.help.as_deref().unwrap().contains(
        "report.yaml sets ED-PLACEHOLDER to warning: The original report was published with"
    ));
}

#[test]
fn removing_the_childrens_voice_chapter_leaves_feedback_used_only_by_parents() {
    assert_eq!(status(&check(&root()), "WT18-VOICE"), Status::Met);
    let p = example();
    std::fs::remove_file(p.join("content/09-voice-of-children.md")).unwrap();
    let report = check(&p);
    let c = criterion(&report, "WT18-VOICE");
    assert_eq!(c.status, Status::Partial, "{}", c.reason);
    assert!(
        c.reason
            .contains("children's and young people's own feedback"),
        "{}",
        c.reason
    );
    assert_eq!(severity(&report, "WT18-VOICE"), Some(Severity::Warning));
}

#[test]
fn removing_the_scrutineers_evaluation_makes_scrutiny_missing_and_nothing_else_changes() {
    let before = check(&root());
    let p = example();
    std::fs::remove_file(p.join("content/15-independent-scrutineer.md")).unwrap();
    let after = check(&p);
    assert_eq!(status(&after, "WT18-SCRUTINY"), Status::Missing);
    assert_eq!(severity(&after, "WT18-SCRUTINY"), Some(Severity::Warning));
    for c in before.criteria.iter().filter(|c| c.id != "WT18-SCRUTINY") {
        assert_eq!(
            status(&after, &c.id),
            c.status,
            "{} changed without the scrutineer's words",
            c.id
        );
    }
}

#[test]
fn breaking_a_funding_total_is_an_error_that_stops_the_build() {
    let p = example();
    change(
        &p,
        "content/data/funding_contributions.yaml",
        "  amount: 412319",
        "  amount: 412391",
    );
    let report = check(&p);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "DATA-TOTAL")
        .expect("the broken total is reported");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.location(&report.sources),
        "content/data/funding_contributions.yaml:15:11"
    );
    assert!(
        d.message.contains("£412,391") && d.message.contains("£412,319"),
        "{}",
        d.message
    );

    let o = run(&["check", "--project", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = scratch("broken-total-build").join("build");
    let o = run_build(&p, &out);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("error[DATA-TOTAL]"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing is written when the build stops");
}

#[test]
fn removing_the_review_recommendations_actions_fails_review_actions() {
    assert_eq!(status(&check(&root()), "WT18-REVIEW-ACTIONS"), Status::Met);
    let p = example();
    for entry in std::fs::read_dir(p.join("content/reviews")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut kept = Vec::new();
        let mut in_actions = false;
        for line in text.lines() {
            if line.trim_start() == "actions:" {
                in_actions = true;
                continue;
            }
            if in_actions && (line.starts_with("    - ") || line.starts_with("      ")) {
                continue;
            }
            in_actions = false;
            kept.push(line);
        }
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    let report = check(&p);
    let c = criterion(&report, "WT18-REVIEW-ACTIONS");
    assert_eq!(c.status, Status::Missing, "{}", c.reason);
    assert!(
        c.reason.starts_with("0 of 11 recommendations"),
        "{}",
        c.reason
    );
    assert_eq!(
        severity(&report, "WT18-REVIEW-ACTIONS"),
        Some(Severity::Warning)
    );
}

#[test]
fn without_the_partnerships_decisions_the_build_stops_and_a_draft_builds_marked_draft() {
    let p = example();
    let yaml = std::fs::read_to_string(p.join("report.yaml")).unwrap();
    let cut = yaml
        .find("\ncheck:")
        .expect("the example records its decisions under check:");
    let without: String = yaml[..cut]
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(p.join("report.yaml"), without).unwrap();

    let out = scratch("undecided").join("build");
    let o = run_build(&p, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error[ED-PLACEHOLDER]") && err.contains("error[PII-CHILD]"),
        "{err}"
    );
    // The command as this test started it: the binary's path, then `check` on the
    // project it was given (in quotes if the path has spaces).
    let shown = p.display().to_string();
    let shown = if shown.contains(' ') {
        format!("\"{shown}\"")
    } else {
        shown
    };
    assert!(
        err.contains(&format!("safeguarding-report check --project {shown}`"))
            && err.contains(&format!("build --draft --project {shown}`")),
        "{err}"
    );
    assert!(!out.exists());

    let o = run_draft_build(&p, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Built as a DRAFT with"),
        "{}",
        stdout(&o)
    );
    // Every page of the draft carries the watermark, the word DRAFT drawn large
    // (96 pt) across it; the same report built without --draft has none.
    let normal = scratch("decided").join("build");
    build(&example(), &normal);
    let (draft, plain) = (
        pdf::Pdf::open(&out.join("report.pdf")),
        pdf::Pdf::open(&normal.join("report.pdf")),
    );
    let pages = draft.page_count();
    assert_eq!(pages, plain.page_count());
    let large = |g: &pdf::Glyph| g.size > 48.0;
    for page in 1..=pages as u32 {
        let marked = squash(&draft.text_where(|g| g.page == page && large(g)));
        assert_eq!(
            marked, "DRAFT",
            "page {page} of {pages} is not marked DRAFT"
        );
    }
    assert_eq!(
        squash(&plain.text_where(large)),
        "",
        "a final build is marked"
    );
    for page in std::fs::read_dir(out.join("site")).unwrap() {
        let path = page.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.extension().is_some_and(|e| e == "html")
            && !["404.html", "toc.html"].contains(&name.as_str())
        {
            let html = std::fs::read_to_string(&path).unwrap();
            assert!(html.contains("DRAFT"), "{name} is not marked DRAFT");
        }
    }
}
