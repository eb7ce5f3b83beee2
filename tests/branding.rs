//! The partnership's look and the year at a glance, as a user sets them in
//! report.yaml: a colour too light to read is refused at its line; highlights show
//! figures from the data with their change worked out, on the website's first page
//! and in the PDF; the logo is shown with its alt text.

mod common;

use std::path::Path;

use common::*;

fn append(project: &Path, file: &str, text: &str) {
    let path = project.join(file);
    let mut s = std::fs::read_to_string(&path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

/// The 1-based line of the first line of report.yaml containing `needle`.
fn line_of(project: &Path, needle: &str) -> usize {
    std::fs::read_to_string(project.join("report.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn a_colour_too_light_for_text_is_an_error_at_its_line_with_a_passing_shade() {
    let project = copy_project(&fixture("mini"), "branding-light");
    append(
        &project,
        "report.yaml",
        "branding:\n  colour: \"#ff9900\"\n",
    );
    let line = line_of(&project, "#ff9900");
    let out = project.join("build");
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // Column 11 is where the quoted value starts: `  colour: "#ff9900"`.
    assert!(err.contains(&format!("report.yaml:{line}:11")), "{err}");
    // #ff9900 on white is 2.14:1 (WCAG relative luminance, worked out separately);
    // mixing it towards black, the first shade reaching 4.5:1 is #a86500 (4.64:1).
    assert!(err.contains("2.14:1"), "{err}");
    assert!(err.contains("#a86500"), "{err}");
    assert!(!out.exists(), "nothing is written when the colour fails");
}

#[test]
fn a_colour_that_passes_colours_the_website() {
    let project = copy_project(&fixture("mini"), "branding-ok");
    append(
        &project,
        "report.yaml",
        "branding:\n  colour: \"#00556e\"\n",
    );
    let out = project.join("build");
    build(&project, &out);
    let page = std::fs::read_to_string(out.join("site/index.html")).unwrap();
    assert!(
        page.contains("--brand: #00556e;"),
        "the theme takes the colour"
    );
}

#[test]
fn a_missing_logo_or_alt_text_is_an_error() {
    let project = copy_project(&fixture("mini"), "branding-logo");
    append(
        &project,
        "report.yaml",
        "branding:\n  logo: content/images/nothing.svg\n  logo_alt: TSCP\n",
    );
    let o = run_build(&project, &project.join("build"));
    assert_eq!(o.status.code(), Some(2));
    let line = line_of(&project, "nothing.svg");
    assert!(
        stderr(&o).contains(&format!("report.yaml:{line}:9")),
        "{}",
        stderr(&o)
    );

    let project = copy_project(&fixture("mini"), "branding-alt");
    std::fs::create_dir_all(project.join("content/images")).unwrap();
    std::fs::write(
        project.join("content/images/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    )
    .unwrap();
    append(
        &project,
        "report.yaml",
        "branding:\n  logo: content/images/logo.svg\n",
    );
    let o = run_build(&project, &project.join("build"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("alt text"), "{}", stderr(&o));
}

#[test]
fn highlights_show_the_figure_and_the_change_worked_out_on_the_site_and_in_the_pdf() {
    let project = copy_project(&fixture("mini"), "highlights");
    std::fs::write(
        project.join("content/data/year.yaml"),
        "title: The year\nfigures:\n  referrals: {label: Referrals received, value: 1200, previous: 1000, unit: count}\n  in_time: {label: Plans reviewed in time, value: 85, previous: 90, unit: percent}\n",
    )
    .unwrap();
    std::fs::create_dir_all(project.join("content/images")).unwrap();
    std::fs::write(
        project.join("content/images/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><text x=\"4\" y=\"30\" font-size=\"28\">TSCP</text></svg>",
    )
    .unwrap();
    append(
        &project,
        "report.yaml",
        "branding:\n  logo: content/images/logo.svg\n  logo_alt: Testshire Safeguarding Children Partnership\nhighlights:\n  - figure: year.referrals\n  - figure: year.in_time\n  - figure: funding.testshire_council.amount\n    label: Council contribution\n",
    );
    let out = project.join("build");
    build(&project, &out);
    let page = std::fs::read_to_string(out.join("site/index.html")).unwrap();
    // 1,200 against 1,000 is up 20%; 85% against 90% is down 5 points. The period
    // is 2022-23, so the year before is 2021-22.
    for expected in [
        "The year at a glance",
        "1,200",
        "Referrals received",
        "Up 20% on 2021-22 (1,000)",
        "85%",
        "Down 5 percentage points on 2021-22 (90%)",
        "£60,000",
        "Council contribution",
        "alt=\"Testshire Safeguarding Children Partnership\"",
    ] {
        assert!(page.contains(expected), "first page lacks {expected:?}");
    }
    assert!(out.join("site/logo.svg").is_file(), "the logo is published");
    let pdf = squash(&pdf_text_of(&out.join("report.pdf")));
    for expected in [
        "The year at a glance",
        "Up 20% on 2021-22 (1,000)",
        "Down 5 percentage points on 2021-22 (90%)",
    ] {
        assert!(pdf.contains(expected), "the PDF lacks {expected:?}");
    }
}

#[test]
fn a_highlight_naming_no_figure_is_an_error_with_a_suggestion() {
    let project = copy_project(&fixture("mini"), "highlights-bad");
    append(
        &project,
        "report.yaml",
        "highlights:\n  - figure: funding.testshire_councl.amount\n",
    );
    let o = run_build(&project, &project.join("build"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let line = line_of(&project, "testshire_councl");
    assert!(err.contains(&format!("report.yaml:{line}:13")), "{err}");
    assert!(err.contains("funding.testshire_council.amount"), "{err}");
}

#[test]
fn more_than_eight_highlights_is_an_error_at_the_ninth() {
    let project = copy_project(&fixture("mini"), "highlights-nine");
    let mut yaml = String::from("highlights:\n");
    for _ in 0..9 {
        yaml.push_str("  - figure: funding.testshire_police.amount\n");
    }
    append(&project, "report.yaml", &yaml);
    let o = run_build(&project, &project.join("build"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let ninth = line_of(&project, "highlights:") + 9;
    assert!(err.contains(&format!("report.yaml:{ninth}:13")), "{err}");
    assert!(err.contains("9 highlights"), "{err}");
}
