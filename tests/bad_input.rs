//! Each class of bad input: exit status 2, a message that names file:line:column and
//! says how to fix it, every problem in one run, and the previous build untouched.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

/// A good build of the fixture, made once; each case starts from a copy of it.
fn good_build() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("good").join("out");
        build(&fixture("mini"), &out);
        out
    })
}

/// Copies the fixture and its good build, lets `damage` break the copy, builds again
/// and returns stderr after checking the exit status and that the build survived.
fn broken(name: &str, damage: impl FnOnce(&Path)) -> String {
    let project = copy_project(&fixture("mini"), name);
    let out = project.join("out");
    let before_build = copy_project(good_build(), &format!("{name}-out"));
    std::fs::rename(&before_build, &out).unwrap();
    let before = snapshot(&out);
    damage(&project);
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{name}: exit status\n{err}");
    assert!(
        snapshot(&out) == before,
        "{name}: the previous build changed"
    );
    let siblings: Vec<_> = std::fs::read_dir(&project)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        !siblings
            .iter()
            .any(|n| n.to_string_lossy().contains("staging")),
        "{name}: staging left behind: {siblings:?}"
    );
    assert!(err.contains("help:"), "{name}: says how to fix it\n{err}");
    err
}

#[test]
fn malformed_yaml() {
    let err = broken("malformed", |p| {
        edit(
            &p.join("report.yaml"),
            "title: Annual Report 2022-23",
            "title: [Annual Report",
        )
    });
    assert!(err.contains("report.yaml:"), "{err}");
    assert!(
        err.contains("error[yaml-syntax]") || err.contains("error[wrong-type]"),
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_type() {
    let err = broken("wrong-type", |p| {
        edit(
            &p.join("content/02-agencies.md"),
            "order: 2\n",
            "order: second\n",
        )
    });
    assert!(err.contains("content/02-agencies.md:4:8"), "{err}");
}

#[test]
fn a_missing_required_field() {
    let err = broken("missing", |p| {
        edit(
            &p.join("content/02-agencies.md"),
            "title: What the agencies did\n",
            "",
        )
    });
    assert!(err.contains("error[missing-key]"), "{err}");
    assert!(err.contains("`title`"), "{err}");
    assert!(err.contains("content/02-agencies.md:"), "{err}");
}

#[test]
fn an_unknown_key_gets_a_suggestion() {
    let err = broken("unknown-key", |p| {
        edit(&p.join("content/02-agencies.md"), "criteria:", "critera:")
    });
    assert!(err.contains("error[unknown-key]"), "{err}");
    assert!(err.contains("content/02-agencies.md:5:1"), "{err}");
    assert!(err.contains("did you mean `criteria`?"), "{err}");
}

#[test]
fn an_unknown_column_in_a_data_row_gets_a_suggestion() {
    let err = broken("unknown-column", |p| {
        edit(
            &p.join("content/data/meetings.yaml"),
            "held: 8,",
            "hled: 8,",
        )
    });
    assert!(err.contains("content/data/meetings.yaml:17:"), "{err}");
    assert!(err.contains("did you mean `held`?"), "{err}");
}

#[test]
fn a_duplicate_id() {
    let err = broken("duplicate", |p| {
        edit(
            &p.join("content/agencies/schools.md"),
            "id: schools-contribution",
            "id: police-contribution",
        )
    });
    assert!(err.contains("error[duplicate-id]"), "{err}");
    assert!(err.contains("content/agencies/schools.md:2:5"), "{err}");
}

#[test]
fn a_section_naming_an_unknown_partner() {
    let err = broken("partner", |p| {
        edit(
            &p.join("content/agencies/police.md"),
            "partner: police",
            "partner: polce",
        )
    });
    assert!(err.contains("error[unknown-partner]"), "{err}");
    assert!(err.contains("content/agencies/police.md:6:10"), "{err}");
    assert!(err.contains("did you mean `police`?"), "{err}");
}

/// Every shape of name that leads nowhere: the misspelt word is underlined, the
/// message says what it was looked for in, and the right name is offered. Columns
/// are counted by hand from the fixture's lines (content/01-funding.md).
#[test]
fn each_shape_of_undefined_value_points_at_the_wrong_word() {
    // (case, line as written, line as damaged, location, message, suggestion)
    let cases = [
        (
            "unknown-data-set",
            "There are about {{ population.figures",
            "There are about {{ populaton.figures",
            "content/01-funding.md:19:20",
            "there is no data set `populaton`",
            "did you mean `population`?",
        ),
        (
            "unknown-figure",
            "about {{ population.figures.children.value",
            "about {{ population.figures.childern.value",
            "content/01-funding.md:19:39",
            "the data set `population` has no figure `childern`",
            "did you mean `children`?",
        ),
        (
            "unknown-field-of-figure",
            "about {{ population.figures.children.value | count",
            "about {{ population.figures.children.valeu | count",
            "content/01-funding.md:19:48",
            "`population.figures.children` has no field `valeu`",
            "did you mean `value`?",
        ),
        (
            "unknown-row-key",
            "council gave {{ funding.by.testshire_council.amount",
            "council gave {{ funding.by.testshire_counsil.amount",
            "content/01-funding.md:7:111",
            "the data set `funding` has no row named `testshire_counsil`",
            "did you mean `testshire_council`?",
        ),
        (
            "unknown-total",
            "{{ funding.total.amount | gbp }}",
            "{{ funding.total.amuont | gbp }}",
            "content/01-funding.md:7:45",
            "the data set `funding` has no total for a column `amuont`",
            "did you mean `amount`?",
        ),
        (
            "filter-on-undefined",
            "whole=meetings.by.board.held) | pct",
            "whole=meetings.by.board.hled) | pct",
            "content/01-funding.md:13:134",
            "`meetings.by.board` has no field `hled`",
            "did you mean `held`?",
        ),
    ];
    for (name, from, to, at, message, suggestion) in cases {
        let err = broken(name, |p| edit(&p.join("content/01-funding.md"), from, to));
        assert!(err.contains("error[template]"), "{name}: {err}");
        assert!(err.contains(at), "{name}: expected {at}\n{err}");
        assert!(err.contains(message), "{name}: expected {message:?}\n{err}");
        assert!(
            err.contains(suggestion),
            "{name}: expected {suggestion:?}\n{err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn a_broken_link_to_a_section() {
    let err = broken("link", |p| {
        edit(&p.join("content/00-foreword.md"), "(#funding)", "(#fundng)")
    });
    assert!(err.contains("error[broken-link]"), "{err}");
    assert!(err.contains("content/00-foreword.md:12:"), "{err}");
    assert!(err.contains("did you mean `#funding`?"), "{err}");
}

#[test]
fn a_broken_link_to_an_image() {
    let err = broken("image", |p| {
        edit(
            &p.join("content/01-funding.md"),
            "images/chart.png",
            "images/chrt.png",
        )
    });
    assert!(err.contains("error[broken-link]"), "{err}");
    assert!(err.contains("content/01-funding.md:"), "{err}");
}

#[test]
fn an_image_without_alt_text() {
    let err = broken("alt", |p| {
        edit(
            &p.join("content/01-funding.md"),
            "![Bar chart of contributions by partner: the council gave the most]",
            "![]",
        )
    });
    assert!(err.contains("error[image-alt]"), "{err}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let err = broken("several", |p| {
        edit(
            &p.join("content/agencies/police.md"),
            "partner: police",
            "partner: polce",
        );
        edit(&p.join("content/02-agencies.md"), "criteria:", "critera:");
        edit(
            &p.join("content/data/meetings.yaml"),
            "held: 8,",
            "hled: 8,",
        );
    });
    assert!(
        err.contains("unknown-partner")
            && err.contains("unknown-key")
            && err.contains("meetings.yaml"),
        "{err}"
    );
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn validate_writes_nothing_and_reports_the_same() {
    let project = copy_project(&fixture("mini"), "validate");
    edit(
        &project.join("content/agencies/police.md"),
        "partner: police",
        "partner: polce",
    );
    let o = run(&["validate", "--project", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("content/agencies/police.md:6:10"));
    assert!(!project.join("build").exists());
}

#[test]
fn a_data_set_row_indented_one_space_too_far_is_reported_at_that_row() {
    // Row 2 of the funding table (line 20) moved one space right: the parser stops at
    // its `-`, column 4. The same place in build, validate and check.
    let err = broken("yaml-indent", |p| {
        let path = p.join("content/data/funding.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let moved = text.replacen(
            "\n  - { partner: Testshire Police",
            "\n   - { partner: Testshire Police",
            1,
        );
        assert_ne!(moved, text);
        std::fs::write(path, moved).unwrap();
    });
    let place = "content/data/funding.yaml:20:4";
    assert!(err.contains(&format!("error[yaml-syntax]: this line is indented differently from the lines around it (a data set)\n  --> {place}")), "{err}");
    assert!(err.contains("line it up with the lines above it"), "{err}");
    let project = copy_project(&fixture("mini"), "yaml-indent-check");
    let path = project.join("content/data/funding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "\n  - { partner: Testshire Police",
            "\n   - { partner: Testshire Police",
            1,
        ),
    )
    .unwrap();
    for command in ["validate", "check"] {
        let o = run(&[command, "--project", project.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(stderr(&o).contains(place), "{command}: {}", stderr(&o));
    }
}

/// A figure so large that sums of it overflow (`1e308`, or `.inf`) is a typing slip:
/// refused at its cell (line 20, column 42: the value after `amount: `), not summed
/// to infinity.
#[test]
fn a_figure_too_large_to_be_an_amount_is_refused_at_its_cell() {
    for typed in ["1e308", ".inf", "-1e16", ".nan"] {
        let err = broken("too-large", |p| {
            edit(
                &p.join("content/data/funding.yaml"),
                "partner: Testshire Police, amount: 25000",
                &format!("partner: Testshire Police, amount: {typed}"),
            );
        });
        assert!(
            err.contains("error[figure-too-large]: this figure is not a number a report can hold (too large, infinite or not a number)\n  --> content/data/funding.yaml:20:42"),
            "{typed}: {err}"
        );
    }
}
