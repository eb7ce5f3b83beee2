//! The fuzz targets' inputs that once broke something, run again on every test run,
//! and a bounded property test: any text as a section's body gives either a document
//! or diagnostics that point inside the file, never a panic.

mod common;

use common::*;
use proptest::prelude::*;
use safeguarding_report::fuzzing;

/// The fuzz targets in fuzz/fuzz_targets, each with a regression folder here.
const TARGETS: [&str; 11] = [
    "report_yaml",
    "front_matter",
    "dataset",
    "markdown",
    "template",
    "validate",
    "import",
    "read_docx",
    "read_pdf",
    "read_html",
    "read_text",
];

/// How many regression inputs there are in all: a file lost or added shows here.
const INPUTS: usize = 11;

/// Every regression input of a target, with its bytes.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fixture("fuzz").join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    found.sort();
    found
}

/// Runs one input through the same entry point as the target's fuzzer.
fn run_target(target: &str, name: &str, bytes: &[u8], project: &std::path::Path) {
    let text = || {
        std::str::from_utf8(bytes).unwrap_or_else(|_| {
            panic!("{target}/{name}: the {target} target takes text; save its input as UTF-8")
        })
    };
    match target {
        "report_yaml" => fuzzing::report_yaml(text()),
        "front_matter" => fuzzing::front_matter(text()),
        "dataset" => fuzzing::dataset(text()),
        "markdown" => fuzzing::example_section_body(text(), true),
        "template" => fuzzing::example_section_body(text(), false),
        "validate" => fuzzing::validate_section(project, text()),
        "import" => fuzzing::import_docx(bytes),
        "read_docx" => fuzzing::read_docx(bytes),
        "read_pdf" => fuzzing::read_pdf(bytes),
        "read_html" => fuzzing::read_html(bytes),
        "read_text" => fuzzing::read_text(bytes),
        _ => unreachable!("{target}"),
    }
}

#[test]
fn every_fuzz_target_has_regression_inputs_and_each_runs_cleanly() {
    let targets: Vec<String> = std::fs::read_dir(root().join("fuzz/fuzz_targets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let mut sorted_targets = TARGETS.map(String::from).to_vec();
    sorted_targets.sort();
    let mut on_disk = targets.clone();
    on_disk.sort();
    assert_eq!(
        on_disk, sorted_targets,
        "a fuzz target without its regression folder here"
    );

    let project = scratch("fuzz-validate");
    fuzzing::one_section_project(&project);
    let mut n = 0;
    for target in TARGETS {
        let inputs = inputs(target);
        assert!(
            !inputs.is_empty(),
            "tests/fixtures/fuzz/{target}/ holds no input"
        );
        for (name, bytes) in inputs {
            println!("{target}/{name}");
            run_target(target, &name, &bytes, &project);
            n += 1;
        }
    }
    println!("{n} regression inputs");
    assert_eq!(n, INPUTS, "regression inputs run");
}

#[test]
fn the_properties_catch_a_wrong_total_a_lost_row_and_a_finding_outside_the_input() {
    let project = safeguarding_report::load::load(&fixture("mini")).unwrap();
    let funding = project
        .datasets
        .iter()
        .find(|d| d.totals.iter().any(Option::is_some))
        .expect("a data set with a total");
    fuzzing::dataset_agrees_with_its_table(funding);
    let mut wrong_total = funding.clone();
    let column = wrong_total.totals.iter().position(Option::is_some).unwrap();
    wrong_total.totals[column] = wrong_total.totals[column].map(|t| t + 1.0);
    let caught = std::panic::catch_unwind(|| fuzzing::dataset_agrees_with_its_table(&wrong_total));
    assert!(
        caught.is_err(),
        "a total one more than the rows' sum passed"
    );
    let mut short_row = funding.clone();
    short_row.rows[0].pop();
    let caught = std::panic::catch_unwind(|| fuzzing::dataset_agrees_with_its_table(&short_row));
    assert!(caught.is_err(), "a row with a cell missing passed");

    let mut sources = safeguarding_report::Sources::default();
    let file = sources.add("other.md", "some text");
    let d = safeguarding_report::Diagnostic::error(
        "x",
        safeguarding_report::diagnostic::Span::new(&file, 0..4),
        "m",
    );
    let caught = std::panic::catch_unwind(|| fuzzing::check_inside(&[d], &sources, "report.yaml"));
    assert!(caught.is_err(), "a finding in another file passed");
}

#[test]
fn the_span_check_itself_catches_a_diagnostic_outside_its_file() {
    // The invariant the fuzzers rely on can fail.
    let mut sources = safeguarding_report::Sources::default();
    let file = sources.add("a.md", "short");
    let d = safeguarding_report::Diagnostic::error(
        "x",
        safeguarding_report::diagnostic::Span::new(&file, 3..40),
        "m",
    );
    let caught = std::panic::catch_unwind(|| fuzzing::check(&[d], &sources));
    assert!(caught.is_err());
}

/// The number of cases: `PROPTEST_CASES` for a long run by hand, else the default.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Section bodies made of the pieces that matter to the parsers: Markdown and template
/// syntax, figures of the example, multi-byte characters, line ends of every kind.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("{{ ".to_string()),
        Just(" }}".to_string()),
        Just("{% ".to_string()),
        Just(" %}".to_string()),
        Just("{% if x %}".to_string()),
        Just("{% endif %}".to_string()),
        Just("{% for r in funding.rows %}".to_string()),
        Just("{% endfor %}".to_string()),
        Just("police.figures.prevention_meeting_attendance".to_string()),
        Just("table(data=\"funding\")".to_string()),
        Just("![alt](images/x.png)".to_string()),
        Just("[link](#foreword)".to_string()),
        Just("<script>".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("’é—🙂".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), failure_persistence: None, ..ProptestConfig::default() })]

    // Found the panic in `Templates::explain` on an undefined value (issue 10), with
    // the minimal input `{% for r in funding.rows %}{% endfor %}`, kept under
    // tests/fixtures/fuzz/template/.
    #[test]
    fn any_section_body_assembles_or_gets_diagnostics_inside_the_file(body in body()) {
        fuzzing::example_section_body(&body, false);
    }

    #[test]
    fn any_section_file_validates_or_gets_diagnostics_inside_the_file(body in body()) {
        let project = scratch("prop-validate");
        fuzzing::one_section_project(&project);
        let text = format!("---\nid: s\ntitle: S\norder: 1\n---\n{body}");
        fuzzing::validate_section(&project, &text);
        fuzzing::validate_section(&project, &body);
    }
}

/// The project's own files of one kind: the shipped example's and the fixtures'.
fn seeds(keep: impl Fn(&std::path::Path) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root().join("content"), root().join("tests/fixtures")];
    stack.push(root().join("report.yaml"));
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if keep(&path) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                found.push(text);
            }
        }
    }
    found.sort();
    assert!(!found.is_empty());
    found
}

/// A real file with a few edits of YAML's and the format's sharp edges: the way a
/// person's slip or a hostile partner would change it.
fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "",
        ":",
        ": ",
        "- ",
        "\n",
        "\n  ",
        "  ",
        "\t",
        "&a ",
        "*a",
        "<<: *a",
        "[",
        "]",
        "{",
        "}",
        "'",
        "\"",
        "#",
        "|",
        ">",
        "!!str ",
        "!!binary ",
        "~",
        "null",
        "sum: [a, b]",
        "percent: [a, b]",
        "change: [a, b]",
        "per_10k: [a, b]",
        "percent_of_total: a",
        "total: true",
        "places: 255",
        "1e308",
        "-1e308",
        "-0",
        ".nan",
        ".inf",
        "0x10",
        "2023-02-30",
        "2023-13-01",
        "9999-12-31",
        "é",
        "🙂",
        "\u{feff}",
        "---\n",
        "...\n",
    ]);
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0usize..24, piece), 0..6);
    (prop::sample::select(seeds), edits).prop_map(|(mut text, edits)| {
        for (at, len, piece) in edits {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(start..end, piece);
        }
        text
    })
}

fn is_yaml(p: &std::path::Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_edit_of_a_report_yaml_parses_or_gets_diagnostics_inside_it(
        text in mutated(seeds(|p| p.file_name().is_some_and(|n| n == "report.yaml")))
    ) {
        fuzzing::report_yaml(&text);
    }

    #[test]
    fn any_edit_of_a_data_set_resolves_or_gets_diagnostics_inside_it(
        text in mutated(seeds(|p| is_yaml(p) && p.parent().is_some_and(|d| d.ends_with("data"))))
    ) {
        fuzzing::dataset(&text);
    }

    #[test]
    fn any_edit_of_a_section_front_matter_parses_or_gets_diagnostics_inside_it(
        text in mutated(seeds(|p| p.extension().is_some_and(|e| e == "md")))
    ) {
        fuzzing::front_matter(&text);
    }
}
