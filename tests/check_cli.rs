//! `safeguarding-report check` and `explain` as a user runs them: exit codes, the four
//! formats, the matrix file, and the rules' documentation.

mod check_support;
mod common;

use common::*;

fn check_args(project: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--project", project.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn exit_status_follows_fail_on() {
    // The example has warnings and infos but no errors once its decisions apply.
    let example = root();
    assert_eq!(check_args(&example, &[]).status.code(), Some(0));
    assert_eq!(
        check_args(&example, &["--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        check_args(&example, &["--fail-on", "info"]).status.code(),
        Some(1)
    );
    // The complete fixture has no finding at all.
    let complete = fixture("check/complete");
    assert_eq!(
        check_args(&complete, &["--fail-on", "info"]).status.code(),
        Some(0)
    );
    // The bare base misses the must-items: errors.
    assert_eq!(
        check_args(&fixture("check/base"), &[]).status.code(),
        Some(1)
    );
}

#[test]
fn a_check_that_cannot_run_exits_2() {
    let p = check_support::project("base");
    std::fs::write(p.join("report.yaml"), "partnership: [\n").unwrap();
    let o = check_args(&p, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("report.yaml"), "{}", stderr(&o));

    let p = check_support::project("base");
    let yaml = std::fs::read_to_string(p.join("report.yaml")).unwrap();
    std::fs::write(
        p.join("report.yaml"),
        yaml + "check:\n  rules:\n    ED-PLACEHOLDR: off\n",
    )
    .unwrap();
    let o = check_args(&p, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("there is no rule `ED-PLACEHOLDR`")
            && err.contains("did you mean `ED-PLACEHOLDER`"),
        "{err}"
    );
    assert!(err.contains("report.yaml:"), "points at report.yaml: {err}");

    let o = check_args(&root(), &["--matrix", "/tmp/matrix.pdf"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn human_output_shows_findings_the_matrix_and_a_summary() {
    let o = check_args(&root(), &[]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "warning[ED-PLACEHOLDER]: placeholder text \"x number\" is left in the report"
        ),
        "{out}"
    );
    assert!(
        out.contains(" --> content/priorities/06-2-neglect.md:"),
        "{out}"
    );
    assert!(out.contains("help: fill in the figure or fact"), "{out}");
    assert!(
        out.contains("criteria matrix (Working Together to Safeguard Children 2018)"),
        "{out}"
    );
    assert!(out.contains("partial  WT18-EFFECTIVENESS"), "{out}");
    let last = out.lines().last().unwrap();
    // Funding is partial: the example shows each partner's contribution but never says
    // the partners agreed them or judge them equitable and proportionate.
    assert!(out.contains("partial  WT18-FUNDING"), "{out}");
    assert!(
        last.starts_with("check: 0 errors,") && last.contains("7 met, 4 partial, 0 missing"),
        "{last}"
    );
    assert!(
        last.ends_with("passes: nothing at or above error."),
        "{last}"
    );
}

#[test]
fn github_output_is_workflow_annotations_with_repository_paths() {
    let o = check_args(&fixture("check/base"), &["--format", "github"]);
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=tests/fixtures/check/base/report.yaml,line=6,col=1,endLine=6,endColumn=29,title=WT18-"),
        "{first}"
    );
    assert!(
        !first.contains('\n') && first.contains("%0Ahelp: "),
        "{first}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("::notice ")),
        "infos are notices: {out}"
    );
}

#[test]
fn the_evaluation_is_written_in_the_format_its_name_asks() {
    let dir = scratch("matrix");
    for ext in ["md", "html", "json"] {
        let path = dir.join(format!("matrix.{ext}"));
        let o = check_args(&root(), &["--matrix", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = std::fs::read_to_string(&path).unwrap();
        // The voice criterion's evidence is in the voice chapter, named by its file
        // (a project is many files), its section and paragraph.
        assert!(
            text.contains("WT18-VOICE")
                && text.contains("content/09-voice-of-children.md, section"),
            "{ext}: {text}"
        );
        match ext {
            "md" => assert!(
                text.contains("| WT18-EFFECTIVENESS: How effective the arrangements have been, with evidence |")
                    && text.contains("| **Partly met**."),
                "{text}"
            ),
            "html" => {
                assert!(
                    text.contains("<html lang=\"en-GB\">")
                        && text.contains("<th scope=\"row\">WT18-SCRUTINY: "),
                    "{text}"
                );
                assert!(!text.contains("<script"), "{text}");
            }
            _ => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["criteria"].as_array().unwrap().len(), 11);
                assert_eq!(v["header"]["edition"], "Working Together to Safeguard Children 2018");
            }
        }
    }
}

#[test]
fn explain_prints_a_rules_documentation() {
    let o = run(&["explain", "ED-PLACEHOLDER"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for section in [
        "What it does",
        "Why",
        "Example",
        "How to fix",
        "How to turn it off",
        "References",
    ] {
        assert!(
            out.contains(&format!("\n{section}\n")),
            "no {section}: {out}"
        );
    }
    assert!(
        out.starts_with("ED-PLACEHOLDER (error, editorial)"),
        "{out}"
    );
    assert!(
        out.contains("<!-- allow ED-PLACEHOLDER: the reason -->"),
        "{out}"
    );

    let out = stdout(&run(&["explain", "wt18-voice"]));
    assert!(out.contains("\"ways in which the partners have sought and utilised feedback from children and families"), "quotes the guidance: {out}");

    let out = stdout(&run(&["explain", "WT23-PUBLISH-BY"]));
    assert!(
        out.starts_with("WT23-PUBLISH-BY (info, statutory criteria, to confirm)"),
        "{out}"
    );
    assert!(out.contains("never an error"), "{out}");

    let o = run(&["explain", "ED-PLACEHOLDR"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `ED-PLACEHOLDER`?"),
        "{}",
        stderr(&o)
    );

    let out = stdout(&run(&["explain"]));
    for rule in safeguarding_report::check::rules() {
        assert!(out.contains(&rule.id), "{} is listed", rule.id);
    }
}
