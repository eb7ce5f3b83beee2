//! One fixture per rule. `tests/fixtures/check/rules/RULE/` is laid over a clean base
//! project (`tests/fixtures/check/base/`); its files hold cases that must fire and
//! cases that must not, and `RULE/expected` lists where the rule must fire
//! (`file:line:column`). The rule must fire there and nowhere else.

mod check_support;
mod common;

use check_support::*;
use common::*;
use safeguarding_report::check::{self, Family};

fn expected(rule: &str) -> Vec<String> {
    let path = fixture("check/rules").join(rule).join("expected");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn fixture_project(rule: &str) -> std::path::PathBuf {
    let p = project("base");
    overlay(&fixture("check/rules").join(rule), &p);
    std::fs::remove_file(p.join("expected")).unwrap();
    p
}

#[test]
fn every_rule_fires_exactly_where_its_fixture_says() {
    let mut failures = Vec::new();
    let mut rules = 0;
    for entry in std::fs::read_dir(fixture("check/rules")).unwrap() {
        let rule = entry.unwrap().file_name().to_string_lossy().to_string();
        rules += 1;
        let want = expected(&rule);
        assert!(
            !want.is_empty(),
            "{rule}: the fixture must have a case that fires"
        );
        let report = check(&fixture_project(&rule));
        let got = positions(&report, &rule);
        if got != want {
            let messages: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == rule)
                .map(|d| format!("  {}: {}", d.location(&report.sources), d.message))
                .collect();
            failures.push(format!(
                "{rule}: expected {want:?}\n  found {got:?}\n{}",
                messages.join("\n")
            ));
        }
    }
    assert!(rules >= 19, "only {rules} rule fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_outside_the_criteria_has_a_fixture() {
    // Rules about a file as published (an untagged PDF) cannot be shown in a project;
    // their fixtures are read in tests/read.rs.
    let about_files: Vec<String> = safeguarding_report::check::file::rules()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for rule in check::rules()
        .iter()
        .filter(|r| r.family != Family::Criteria && !about_files.contains(&r.id))
    {
        let dir = fixture("check/rules").join(&rule.id);
        assert!(
            dir.join("expected").exists(),
            "{} has no fixture in {}",
            rule.id,
            dir.display()
        );
    }
}

#[test]
fn the_base_project_is_clean_but_for_the_criteria() {
    let report = check(&project("base"));
    let others: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !d.code.starts_with("WT18-"))
        .map(|d| format!("{} {}", d.code, d.location(&report.sources)))
        .collect();
    assert!(others.is_empty(), "the base has findings: {others:?}");
}

#[test]
fn a_finding_points_at_the_exact_words() {
    let report = check(&fixture_project("ED-PLACEHOLDER"));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ED-PLACEHOLDER")
        .unwrap();
    let text = report.sources.text(&d.span.file).unwrap();
    assert_eq!(&text[d.span.range.clone()], "x number");
    let shown = d.render(&report.sources, false);
    assert!(shown.contains("error[ED-PLACEHOLDER]"), "{shown}");
    assert!(
        shown.contains("We gathered x number of case studies."),
        "{shown}"
    );
    assert!(
        shown.contains("^^^^^^^^"),
        "the words are underlined: {shown}"
    );
    assert!(shown.contains("help:"), "{shown}");
}

#[test]
fn a_used_suppression_hides_the_finding_and_is_not_reported() {
    let report = check(&fixture_project("ALLOW-UNUSED"));
    // The first paragraph's placeholder is excused; the comment that excused it is fine.
    assert!(
        positions(&report, "ED-PLACEHOLDER").is_empty(),
        "{:?}",
        positions(&report, "ED-PLACEHOLDER")
    );
    assert!(!positions(&report, "ALLOW-UNUSED").contains(&"content/01-allow.md:6:1".to_string()));
}

#[test]
fn a_misspelt_suppression_excuses_nothing_and_suggests_the_rule() {
    let report = check(&fixture_project("ALLOW-INVALID"));
    // The placeholder after the misspelt comment is still reported...
    assert_eq!(
        positions(&report, "ED-PLACEHOLDER"),
        vec!["content/01-allow.md:7:13"]
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "ALLOW-INVALID")
        .unwrap();
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("did you mean `ED-PLACEHOLDER`"),
        "{d:?}"
    );
}

#[test]
fn allow_lists_in_report_yaml_are_honoured_and_shown_in_the_fixture() {
    // Each privacy fixture allow-lists one case in its report.yaml; without the list,
    // that case fires too.
    for (rule, file, case) in [
        ("PII-EMAIL", "content/01-emails.md", "team@tscp.example.org"),
        ("PII-PHONE", "content/01-phones.md", "01632 960000"),
        ("PII-POSTCODE", "content/01-postcodes.md", "HR4 0LE"),
        ("PII-CHILD", "content/01-children.md", "Matthew"),
    ] {
        let p = fixture_project(rule);
        let with = positions(&check(&p), rule).len();
        std::fs::copy(fixture("check/base/report.yaml"), p.join("report.yaml")).unwrap();
        let report = check(&p);
        let without = positions(&report, rule).len();
        assert_eq!(
            without,
            with + 1,
            "{rule}: removing the allow-list should report {case}"
        );
        assert!(
            report.diagnostics.iter().any(|d| d.code == rule
                && d.span.file.as_ref() == file
                && d.message.contains(case.split_whitespace().next().unwrap())),
            "{rule}: {case} is reported without the allow-list"
        );
    }
}

#[test]
fn ignored_files_and_rules_turned_off_report_nothing() {
    let p = fixture_project("ED-PLACEHOLDER");
    let yaml = std::fs::read_to_string(p.join("report.yaml")).unwrap();
    std::fs::write(
        p.join("report.yaml"),
        format!("{yaml}check:\n  ignore: [content/01-*.md]\n"),
    )
    .unwrap();
    assert!(positions(&check(&p), "ED-PLACEHOLDER").is_empty());

    let p = fixture_project("ED-PLACEHOLDER");
    let before = check(&p);
    std::fs::write(
        p.join("report.yaml"),
        format!("{yaml}check:\n  rules:\n    ED-PLACEHOLDER: off\n"),
    )
    .unwrap();
    let report = check(&p);
    assert!(positions(&report, "ED-PLACEHOLDER").is_empty());
    // Every other rule still reports exactly what it reported with the rule on.
    let others = |r: &check::Report| -> Vec<(String, String, std::ops::Range<usize>)> {
        r.diagnostics
            .iter()
            .filter(|d| d.code != "ED-PLACEHOLDER")
            .map(|d| {
                (
                    d.code.to_string(),
                    d.span.file.to_string(),
                    d.span.range.clone(),
                )
            })
            .collect()
    };
    assert!(
        !others(&before).is_empty(),
        "the fixture has other findings to compare"
    );
    assert_eq!(others(&report), others(&before));
}
