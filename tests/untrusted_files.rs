//! Files a partnership's project may hold by mistake or by malice: symbolic links that
//! lead out of the project, text saved in another encoding, files far too large, YAML
//! nested without end. Each is refused at the file, with exit status 2, and nothing
//! outside the project is read or published.

mod common;

use std::path::Path;

use common::bounded::*;
use common::*;

/// A folder beside the project (not inside it), holding a valid copy of `file`.
fn outside_copy(project: &Path, file: &str) -> std::path::PathBuf {
    let outside = scratch("outside");
    let name = Path::new(file).file_name().unwrap();
    std::fs::copy(project.join(file), outside.join(name)).unwrap();
    outside.join(name)
}

fn validate(project: &Path) -> std::process::Output {
    run(&["validate", "--project", project.to_str().unwrap()])
}

#[test]
fn an_images_folder_linking_out_of_the_project_is_refused_and_nothing_is_published() {
    let project = copy_project(&fixture("mini"), "link-images");
    // The linked folder holds a real PNG: were the link followed, it would be published.
    let outside = outside_copy(&project, "content/images/chart.png");
    std::fs::remove_dir_all(project.join("content/images")).unwrap();
    symlink(outside.parent().unwrap(), project.join("content/images")).unwrap();

    let out = scratch("link-images-out").join("build");
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "content/images is a link to {}, outside the project folder, so content/images/chart.png cannot be used",
            outside.parent().unwrap().canonicalize().unwrap().display()
        )),
        "{err}"
    );
    assert!(err.contains("Copy the file into the project"), "{err}");
    // The diagnostic points at the image reference in the section.
    assert!(err.contains("content/01-funding.md:"), "{err}");
    assert!(!out.exists(), "something was written");
}

#[test]
fn a_link_inside_the_project_is_followed() {
    let project = copy_project(&fixture("mini"), "link-inside");
    std::fs::rename(
        project.join("content/images"),
        project.join("content/pictures"),
    )
    .unwrap();
    symlink("pictures", project.join("content/images")).unwrap();
    let o = validate(&project);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_section_that_links_out_of_the_project_is_refused() {
    let project = copy_project(&fixture("mini"), "link-section");
    let outside = outside_copy(&project, "content/agencies/police.md");
    std::fs::remove_file(project.join("content/agencies/police.md")).unwrap();
    symlink(&outside, project.join("content/agencies/police.md")).unwrap();

    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "content/agencies/police.md is a link to {}, outside the project folder",
            outside.canonicalize().unwrap().display()
        )),
        "{err}"
    );
    // Its words never reach the output: the only mention is the refusal.
    assert!(!stdout(&o).contains("Testshire Police"));
}

#[test]
fn a_content_folder_that_links_out_of_the_project_is_refused() {
    let project = copy_project(&fixture("mini"), "link-content");
    let outside = scratch("outside-content");
    std::fs::rename(project.join("content"), outside.join("content")).unwrap();
    symlink(outside.join("content"), project.join("content")).unwrap();
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("content is a link to") && err.contains("outside the project folder"),
        "{err}"
    );
}

#[test]
fn a_data_set_that_links_out_of_the_project_is_refused() {
    let project = copy_project(&fixture("mini"), "link-data");
    let outside = outside_copy(&project, "content/data/funding.yaml");
    std::fs::remove_file(project.join("content/data/funding.yaml")).unwrap();
    symlink(&outside, project.join("content/data/funding.yaml")).unwrap();

    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "content/data/funding.yaml is a link to {}, outside the project folder",
            outside.canonicalize().unwrap().display()
        )),
        "{err}"
    );
}

#[test]
fn text_saved_as_windows_1252_is_reported_at_the_first_bad_byte_with_its_characters() {
    let project = copy_project(&fixture("mini"), "cp1252");
    let path = project.join("content/agencies/police.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // Word's "plain text" on Windows: curly quotes as single bytes, on a later line.
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"\nThe partnership\x92s \x93voice of the child\x94 work.\n");
    let line = bytes.iter().filter(|&&b| b == b'\n').count();
    std::fs::write(&path, &bytes).unwrap();

    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // The byte 0x92 follows "The partnership" (15 characters): column 16.
    assert!(
        err.contains(&format!("content/agencies/police.md:{line}:16")),
        "not pointed at line {line}, column 16:\n{err}"
    );
    assert!(err.contains("looks like Windows-1252"), "{err}");
    assert!(err.contains("’ “ ”"), "the characters are named:\n{err}");
    assert!(err.contains("Save it as UTF-8"), "{err}");
}

#[test]
fn a_file_over_ten_megabytes_is_refused_at_the_file() {
    let project = copy_project(&fixture("mini"), "huge");
    let mut text = std::fs::read_to_string(project.join("content/00-foreword.md")).unwrap();
    let paragraph =
        "The partnership met and agreed its priorities for the year. ".repeat(20) + "\n\n";
    while text.len() <= 10 * 1024 * 1024 {
        text.push_str(&paragraph);
    }
    std::fs::write(project.join("content/00-foreword.md"), text).unwrap();
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "content/00-foreword.md is 10.0 MB; a section or data file may hold at most 10 MB"
        ),
        "{err}"
    );
}

#[test]
fn yaml_nested_without_end_is_refused_at_the_file() {
    let project = copy_project(&fixture("mini"), "deep");
    let deep = format!("{}1{}\n", "[".repeat(5000), "]".repeat(5000));
    let path = project.join("content/data/funding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text + "notes: " + &deep).unwrap();
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // Refused at the file (by its type or by the nesting limit, whichever the
    // parser meets first), without overflowing the stack.
    assert!(err.contains("content/data/funding.yaml:24:"), "{err}");
}

#[test]
fn yaml_alias_expansion_is_bounded() {
    // A "billion laughs": each level refers nine times to the one before.
    let project = copy_project(&fixture("mini"), "laughs");
    let mut yaml = String::from("a0: &a0 [lol]\n");
    for i in 1..=9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let path = project.join("content/data/funding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, yaml + &text).unwrap();
    // Expanded, this is 9^9 items: were it not refused, the test would exhaust memory.
    let o = validate(&project);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/data/funding.yaml:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_data_set_with_more_than_ten_thousand_rows_is_refused_at_the_first_row_too_many() {
    let project = copy_project(&fixture("mini"), "rows");
    let path = project.join("content/data/funding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rows = String::new();
    for i in 0..10_001 {
        rows.push_str(&format!("  - {{ partner: Partner {i}, amount: 1 }}\n"));
    }
    let text = text.replacen("rows:\n", &format!("rows:\n{rows}"), 1);
    let text = text.replace("stated_totals:\n  amount: 100000\n", "");
    std::fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("Partner 10000,"))
        .unwrap()
        + 1;
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("this data set has 10004 rows; a data set may have at most 10000"),
        "{err}"
    );
    assert!(
        err.contains(&format!("content/data/funding.yaml:{line}:")),
        "not at line {line}:\n{err}"
    );
}

#[test]
fn a_template_range_without_end_is_refused() {
    // tera bounds `range`; a section asking for a billion items gets an error, not a
    // hung build or an exhausted machine.
    let project = copy_project(&fixture("mini"), "range");
    let path = project.join("content/00-foreword.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text + "\n{% for i in range(end=1000000000) %}{{ i }} {% endfor %}\n",
    )
    .unwrap();
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("content/00-foreword.md:"), "{err}");
}

#[test]
fn a_logo_that_links_out_of_the_project_is_refused() {
    let project = copy_project(&root(), "link-logo");
    let outside = outside_copy(&project, "content/images/hscp-logo.svg");
    std::fs::remove_file(project.join("content/images/hscp-logo.svg")).unwrap();
    symlink(&outside, project.join("content/images/hscp-logo.svg")).unwrap();

    let out = scratch("link-logo-out").join("build");
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "content/images/hscp-logo.svg is a link to {}, outside the project folder",
            outside.canonicalize().unwrap().display()
        )),
        "{err}"
    );
    // The diagnostic points at the logo's line in report.yaml.
    assert!(err.contains("report.yaml:"), "{err}");
    assert!(!out.exists(), "something was written");
}

#[test]
fn a_book_toml_that_links_out_of_the_project_is_refused() {
    let project = copy_project(&root(), "link-book");
    let outside = outside_copy(&project, "book.toml");
    std::fs::remove_file(project.join("book.toml")).unwrap();
    symlink(&outside, project.join("book.toml")).unwrap();
    let o = validate(&project);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("book.toml is a link to") && err.contains("outside the project folder"),
        "{err}"
    );
}

/// mdBook copies the style sheets and scripts book.toml names into the site: one
/// outside the project would be published.
#[test]
fn a_style_sheet_outside_the_project_named_in_book_toml_is_refused() {
    let project = copy_project(&root(), "book-css");
    let outside = scratch("outside-css").join("private.css");
    std::fs::write(&outside, "/* not the partnership's */").unwrap();
    let book = std::fs::read_to_string(project.join("book.toml")).unwrap();
    let css = outside.display().to_string();
    std::fs::write(
        project.join("book.toml"),
        format!("{book}\n[output.html]\nadditional-css = [\"{css}\"]\n"),
    )
    .unwrap();
    let line = book.lines().count() + 3;
    let out = scratch("book-css-out").join("build");
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "book.toml names {css}, which is outside the project folder"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("book.toml:{line}:")), "{err}");
    assert!(!out.exists(), "something was written");
}

/// A copy of the mini project whose foreword ends with `tail`.
fn with_foreword_tail(name: &str, tail: &str) -> std::path::PathBuf {
    let project = copy_project(&fixture("mini"), name);
    let path = project.join("content/00-foreword.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{tail}\n")).unwrap();
    project
}

/// The line of the foreword on which a tail appended by [`with_foreword_tail`]
/// starts (1-based): after the original's lines and a blank one.
fn tail_line() -> usize {
    let original = std::fs::read_to_string(fixture("mini").join("content/00-foreword.md")).unwrap();
    original.lines().count() + 2
}

#[test]
fn nested_template_loops_over_ranges_are_refused_quickly() {
    // Each range is within tera's own bound; nested, they would run 10^15 passes.
    let tail = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}x{% endfor %}{% endfor %}{% endfor %}";
    let project = with_foreword_tail("loops-3", tail);
    let line = tail_line();
    for command in ["validate", "check", "build"] {
        let out = project.join("build");
        let p = project.to_str().unwrap();
        let mut args = vec![command, "--project", p];
        if command == "build" {
            args.extend(["--out", out.to_str().unwrap()]);
        }
        let o = run_bounded(&project, &args);
        o.assert_within_limits(2)
            .says(&format!("content/00-foreword.md:{line}:"))
            .says("this loop is inside 2 other loops");
        assert!(!out.exists(), "{command} wrote a build");
    }
}

#[test]
fn two_nested_loops_share_one_range_allowance() {
    // Two levels are allowed, but range() gives one section 100,000 numbers in all:
    // the inner range asks for its second 100,000 on the outer loop's second pass.
    let tail =
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
    let project = with_foreword_tail("loops-2", tail);
    let o = run_bounded(
        &project,
        &["validate", "--project", project.to_str().unwrap()],
    );
    o.assert_within_limits(2)
        .says("content/00-foreword.md:")
        .says("more than the 100000 one section may use in all");
}

#[test]
fn a_loop_that_writes_more_than_a_report_holds_is_refused() {
    // 10,000 passes over a kilobyte: 10 MB, more than a section file may hold.
    let tail = format!(
        "{{% for a in range(end=20000) %}}{}{{% endfor %}}",
        "word ".repeat(200)
    );
    let project = with_foreword_tail("loops-output", &tail);
    let o = run_bounded(
        &project,
        &["validate", "--project", project.to_str().unwrap()],
    );
    o.assert_within_limits(2)
        .says("content/00-foreword.md:")
        .says("writes more than 10 MB of text");
}

#[test]
fn a_quote_nested_twenty_thousand_deep_is_refused_at_its_place() {
    // A few kilobytes that would overflow the stack of every stage walking the tree.
    let project = with_foreword_tail("quotes", &format!("{} deep", ">".repeat(20_000)));
    let line = tail_line();
    let out = project.join("build");
    for args in [
        vec!["validate", "--project", project.to_str().unwrap()],
        vec!["check", "--project", project.to_str().unwrap()],
        vec![
            "build",
            "--project",
            project.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    ] {
        run_bounded(&project, &args)
            .assert_within_limits(2)
            .says(&format!("content/00-foreword.md:{line}:"))
            .says("nested more than 32 levels deep");
        assert!(!out.exists());
    }
}

#[test]
fn lists_and_emphasis_nested_without_end_are_refused() {
    for (name, tail) in [
        ("lists", format!("{}item", "- ".repeat(20_000))),
        (
            "emphasis",
            format!("{}word{}", "*a ".repeat(20_000), "*".repeat(20_000)),
        ),
        (
            "links",
            format!("{}x{}", "[".repeat(20_000), "](#a)".repeat(20_000)),
        ),
    ] {
        let project = with_foreword_tail(name, &tail);
        let o = run_bounded(
            &project,
            &["validate", "--project", project.to_str().unwrap()],
        );
        assert!(!o.killed, "{name}: {o:#?}");
        assert!(o.code == Some(0) || o.code == Some(2), "{name}: {o:#?}");
        // Not measured on Windows (tests/common/bounded.rs): None passes.
        assert!(o.cpu.is_none_or(|t| t <= TIME_LIMIT), "{name}: {:?}", o.cpu);
        assert!(
            o.peak.is_none_or(|p| p <= MEMORY_LIMIT),
            "{name}: {:?} bytes",
            o.peak
        );
    }
}

#[test]
fn a_markdown_report_nested_twenty_thousand_deep_is_refused_by_check() {
    let dir = scratch("quotes-md");
    std::fs::write(
        dir.join("report.md"),
        format!("# Annual report\n\nIntro.\n\n{} deep\n", ">".repeat(20_000)),
    )
    .unwrap();
    run_bounded(&dir, &["check", "report.md"])
        .assert_within_limits(2)
        .says("report.md:5:")
        .says("nested more than 32 levels deep");
}
