//! Progress and colour as a user sees them. With output redirected to a file or a
//! pipe (as in CI logs and these tests) the tool writes only its messages: no
//! spinner frames, no carriage returns, no colour codes. On a terminal (a pseudo-
//! terminal made by `script`, part of every Debian system) `build` shows which step
//! it is on, and diagnostics are coloured unless NO_COLOR is set.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Bytes a terminal interprets rather than prints: escapes, carriage returns, and
/// the spinner's frames.
fn terminal_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c == '\u{1b}' || c == '\r' || ('\u{2800}'..='\u{28ff}').contains(&c))
        .collect()
}

#[test]
fn redirected_output_has_no_spinner_and_no_control_characters() {
    let project = copy_project(&fixture("mini"), "progress-redirected");
    let out = project.join("out");
    let o = run_draft_build(&project, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let next = scratch("progress-next").join("next year");
    let rolled = run(&[
        "new",
        next.to_str().unwrap(),
        "--from",
        project.to_str().unwrap(),
    ]);
    assert!(rolled.status.success(), "{}", stderr(&rolled));
    for output in [&o, &rolled] {
        for text in [stdout(output), stderr(output)] {
            assert_eq!(terminal_controls(&text), Vec::<char>::new(), "in:\n{text}");
            assert!(!text.contains("Making the PDF…"), "{text}");
        }
    }
    // Without NO_COLOR too: a pipe is not a terminal.
    let plain = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(["validate", "--project"])
        .arg(broken(&project))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(2));
    assert_eq!(terminal_controls(&stderr(&plain)), Vec::<char>::new());
}

/// Runs the tool on a pseudo-terminal; what the terminal received.
fn on_terminal(args: &str, no_color: bool) -> String {
    let mut command = Command::new("script");
    command.args([
        "-q",
        "-e",
        "-c",
        &format!("{} {args}", env!("CARGO_BIN_EXE_safeguarding-report")),
        "/dev/null",
    ]);
    if no_color {
        command.env("NO_COLOR", "1");
    } else {
        command.env_remove("NO_COLOR");
    }
    let o = command.output().expect("script runs");
    stdout(&o)
}

/// A copy of `project` with a section whose front matter is not valid YAML.
fn broken(project: &Path) -> std::path::PathBuf {
    let copy = copy_project(project, "progress-broken");
    let _ = std::fs::remove_dir_all(copy.join("out"));
    let section = copy.join("content/00-foreword.md");
    edit(&section, "title:", "title: [unclosed\nx:");
    copy
}

#[test]
fn on_a_terminal_build_shows_its_steps_and_no_color_turns_colour_off() {
    let project = copy_project(&fixture("mini"), "progress-terminal");
    let out = project.join("out");
    let shown = on_terminal(
        &format!(
            "build --draft --project '{}' --out '{}'",
            project.display(),
            out.display()
        ),
        true,
    );
    assert!(
        shown.contains("[1/3] Reading the project"),
        "no progress on the terminal:\n{shown:?}"
    );
    assert!(shown.contains("Built "), "{shown}");
    assert!(out.join("report.pdf").is_file());

    let project = broken(&project);
    let args = format!("validate --project '{}'", project.display());
    let coloured = on_terminal(&args, false);
    assert!(coloured.contains("00-foreword.md"), "{coloured}");
    assert!(
        coloured.contains("\u{1b}["),
        "diagnostics are coloured on a terminal"
    );
    let plain = on_terminal(&args, true);
    assert!(plain.contains("00-foreword.md"), "{plain}");
    assert!(
        !plain.contains("\u{1b}["),
        "NO_COLOR leaves colour codes:\n{plain:?}"
    );
}

/// `check-site` takes a quarter of a minute on the example: on a terminal it counts
/// the pages tested out of all of them; redirected, it prints only its result.
#[test]
fn check_site_counts_the_pages_it_has_tested() {
    use safeguarding_report::render::{accessibility, browser::find_chromium};
    if find_chromium().is_none() {
        let why = "no Chromium found on PATH (install the Debian package `chromium`)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true: the check-site progress test must run, but {why}");
        }
        eprintln!("SKIPPED: check-site's progress was not tested: {why}");
        return;
    }
    let project = copy_project(&fixture("mini"), "progress-check-site");
    let out = project.join("out");
    let built = run_draft_build(&project, &out);
    assert!(built.status.success(), "{}", stderr(&built));
    let pages = accessibility::pages(&out.join("site")).unwrap().len();
    let shown = on_terminal(&format!("check-site --out '{}'", out.display()), true);
    assert!(
        shown.contains("Testing the website's pages"),
        "no progress on the terminal:\n{shown:?}"
    );
    let counts: Vec<usize> = (1..=pages)
        .filter(|k| shown.contains(&format!(" {k}/{pages} ")))
        .collect();
    assert!(
        !counts.is_empty(),
        "no count of the {pages} pages:\n{shown:?}"
    );
    assert!(shown.contains(&format!("Tested {pages} pages")), "{shown}");

    let redirected = run(&["check-site", "--out", out.to_str().unwrap()]);
    let text = format!("{}{}", stdout(&redirected), stderr(&redirected));
    assert!(text.contains(&format!("Tested {pages} pages")), "{text}");
    assert!(!text.contains("Testing the website's pages"), "{text}");
    assert_eq!(terminal_controls(&text), Vec::<char>::new(), "in:\n{text}");
}
