//! `new --from`: next year's report from the shipped example, with this year's
//! figures as comparators and this year's text cleared.

mod common;

use common::*;

/// The shipped example, rolled over from another working directory.
fn rolled() -> (std::path::PathBuf, std::process::Output) {
    let cwd = scratch("rollover");
    let last = copy_project(&root(), "rollover-last");
    for dir in ["tests", "src", "benches", "docs", "fuzz"] {
        let _ = std::fs::remove_dir_all(last.join(dir));
    }
    std::fs::rename(&last, cwd.join("report 2021-22")).unwrap();
    let o = run_in(&cwd, &["new", "report 2022-23", "--from", "report 2021-22"]);
    (cwd, o)
}

#[test]
fn the_example_rolls_over_to_2022_23_and_builds_as_a_draft() {
    let (cwd, o) = rolled();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let yaml = std::fs::read_to_string(cwd.join("report 2022-23/report.yaml")).unwrap();
    assert!(yaml.contains("start: 2022-04-01"), "{yaml}");
    assert!(yaml.contains("end: 2023-03-31"), "{yaml}");
    assert!(yaml.contains("title: Annual Report 2022-23"), "{yaml}");
    // A report for 2022-23 still answers to the 2018 edition (2023 took effect in
    // December 2023); the partners and the check: decisions are kept.
    assert!(yaml.contains("guidance: wt2018"), "{yaml}");
    assert!(
        yaml.contains("West Mercia Police") && yaml.contains("ED-PLACEHOLDER"),
        "{yaml}"
    );

    let o = run_in(&cwd, &["validate", "--project", "report 2022-23"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(&cwd, &["build", "--draft", "--project", "report 2022-23"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
}

/// Every figure's value and every typed number in a table becomes next year's
/// comparator, checked against the example's own files read here as YAML.
#[test]
fn this_years_figures_become_next_years_comparators() {
    let (cwd, o) = rolled();
    assert!(o.status.success(), "{}", stderr(&o));
    let mut figures = 0;
    let mut cells = 0;
    for entry in std::fs::read_dir(root().join("content/data")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        let old: serde_json::Value = yaml(&std::fs::read_to_string(&path).unwrap());
        let new: serde_json::Value = yaml(
            &std::fs::read_to_string(cwd.join("report 2022-23/content/data").join(&name)).unwrap(),
        );
        if let Some(old_figures) = old["figures"].as_object() {
            for (id, f) in old_figures {
                let n = &new["figures"][id];
                assert_eq!(n["previous"].as_f64(), f["value"].as_f64(), "{name:?} {id}");
                assert!(
                    n["value"].is_null(),
                    "{name:?} {id}: this year's value is to fill"
                );
                figures += 1;
            }
        }
        let typed: Vec<String> = old["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| {
                c["unit"] != "text"
                    && ["percent", "per_10k", "change", "sum", "percent_of_total"]
                        .iter()
                        .all(|k| c.get(k).is_none())
            })
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        let old_rows = old["rows"].as_array().cloned().unwrap_or_default();
        let new_rows = new["rows"].as_array().cloned().unwrap_or_default();
        assert_eq!(old_rows.len(), new_rows.len(), "{name:?}");
        for (o, n) in old_rows.iter().zip(&new_rows) {
            for col in &typed {
                if let Some(v) = o.get(col) {
                    assert_eq!(
                        n[format!("{col}_previous")].as_f64(),
                        v.as_f64(),
                        "{name:?} {col}"
                    );
                    assert_eq!(
                        n[format!("{col}_previous")].as_str(),
                        v.as_str(),
                        "{name:?} {col}"
                    );
                    assert!(n.get(col).is_none_or(|c| c.is_null()), "{name:?} {col}");
                    cells += 1;
                }
            }
        }
    }
    // The example has 76 named figures (counted in content/data by hand) and well over
    // a hundred typed cells: all were compared.
    assert_eq!(figures, 76, "compared {figures} figures");
    assert!(cells > 100, "compared {cells} cells");
}

#[test]
fn sections_keep_front_matter_and_headings_and_lose_their_text() {
    let (cwd, o) = rolled();
    assert!(o.status.success(), "{}", stderr(&o));
    let old = std::fs::read_to_string(root().join("content/agencies/08-5-west-mercia-police.md"))
        .unwrap();
    let new = std::fs::read_to_string(
        cwd.join("report 2022-23/content/agencies/08-5-west-mercia-police.md"),
    )
    .unwrap();
    let front = |t: &str| t.split("\n---\n").next().unwrap().to_string();
    assert_eq!(front(&old), front(&new));
    for heading in old.lines().filter(|l| l.starts_with("## ")) {
        assert!(new.contains(heading), "{heading}");
    }
    assert!(
        !new.contains("Climb Project"),
        "last year's text is cleared:\n{new}"
    );
    // Each priority asks for this year's progress.
    let neglect =
        std::fs::read_to_string(cwd.join("report 2022-23/content/priorities/06-2-neglect.md"))
            .unwrap();
    assert!(
        neglect.contains("Progress this year on the priority"),
        "{neglect}"
    );
    // The first section links to last year's report.
    let foreword =
        std::fs::read_to_string(cwd.join("report 2022-23/content/00-foreword.md")).unwrap();
    assert!(
        foreword.contains("This report follows our [Annual Report 2021-22](https://"),
        "{foreword}"
    );
}

#[test]
fn a_roll_over_never_writes_into_last_years_folder() {
    let (cwd, o) = rolled();
    assert!(o.status.success());
    let o = run_in(&cwd, &["new", "report 2021-22", "--from", "report 2022-23"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap()
}

/// What the team wrote in a data set stays as written; only the year moves on.
#[test]
fn data_sets_keep_their_layout_comments_charts_and_placements() {
    let (cwd, o) = rolled();
    assert!(o.status.success(), "{}", stderr(&o));
    let next = cwd.join("report 2022-23");
    let read = |p: &str| std::fs::read_to_string(next.join(p)).unwrap();
    let funding = read("content/data/funding_contributions.yaml");
    // Written by hand from content/data/funding_contributions.yaml, moved on a year.
    for line in [
        "# yaml-language-server: $schema=../../schemas/dataset.schema.json",
        "title: Contributions 2022-23",
        "as_of: 2023-03-31",
        "  - {id: amount, title: 22-23 Contribution, unit: gbp, total: true}",
        "  - {id: amount_previous, title: '21-22 Contribution', unit: gbp, total: true}",
        "  - {agency: Children's Wellbeing, amount: null, amount_previous: 143519}",
        "  amount_previous: 412319",
        "charts:",
        "  - id: funding-split",
        "    title: How the partnership was funded in 2022-23, by contributing agency",
    ] {
        assert!(funding.contains(line), "{line:?} not in:\n{funding}");
    }
    assert!(
        !funding.contains("(2022-23)") && !funding.contains("\"id\""),
        "{funding}"
    );
    // A year-named column keeps the year of its figures; its successor names the next.
    let cla = read("content/data/cla_placements.yaml");
    assert!(
        cla.contains("title: Statistical neighbours 2021-22")
            && cla.contains("title: 'Statistical neighbours 2020-21'")
            && cla.contains("statistical_neighbours: null, statistical_neighbours_previous: 8"),
        "{cla}"
    );
    // Last year's source is kept, marked as last year's, not published as this year's.
    let mash = read("content/data/mash.yaml");
    assert!(
        mash.contains("# Last year's source")
            && mash.contains("# source: Multi-agency audit, March 2022"),
        "{mash}"
    );
    assert!(!mash.lines().any(|l| l.starts_with("source:")), "{mash}");
    // Every table and chart placement of last year's chapters is kept.
    let mut placements = 0;
    for entry in walkdir::WalkDir::new(root().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let relative = entry.path().strip_prefix(root()).unwrap();
        let old = std::fs::read_to_string(entry.path()).unwrap();
        let new = std::fs::read_to_string(next.join(relative)).unwrap();
        for line in old.lines().map(str::trim) {
            if line.starts_with("{{") && (line.contains("table(") || line.contains("chart(")) {
                placements += 1;
                assert!(new.contains(line), "{relative:?} lost {line}");
            }
        }
    }
    assert!(placements >= 20, "{placements} placements");
    // Headings carried over are not contributions: none is in yet.
    let o = run_in(&cwd, &["status", "--project", "report 2022-23"]);
    assert!(
        stdout(&o).contains("\n0 of 16 partners' contributions are in."),
        "{}",
        stdout(&o)
    );
    // Templates for the new year, one per partner.
    let templates = std::fs::read_dir(next.join("contribution-templates"))
        .unwrap()
        .count();
    assert_eq!(templates, 16);
}

/// A partner's contribution imported last year, rolled over, and this year's Word
/// document imported into it: no --force needed, and last year's figures kept as
/// the comparators beside this year's.
#[test]
fn this_years_import_fills_the_rolled_over_section_and_keeps_the_comparators() {
    let cwd = scratch("rollover-import");
    let last = copy_project(&root(), "rollover-import-last");
    for dir in ["tests", "src", "benches", "docs", "fuzz"] {
        let _ = std::fs::remove_dir_all(last.join(dir));
    }
    std::fs::rename(&last, cwd.join("last")).unwrap();
    let docx = fixture("import").join("contribution.docx");
    let docx = docx.to_str().unwrap();
    let import = |project: &str| {
        run_in(
            &cwd,
            &[
                "import",
                docx,
                "--partner",
                "probation",
                "--project",
                project,
            ],
        )
    };
    let o = import("last");
    assert!(o.status.code() != Some(2), "{}\n{}", stdout(&o), stderr(&o));
    let o = run_in(&cwd, &["new", "next", "--from", "last"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Imported (exit 1: the fixture's second table has a total that does not add up).
    let o = import("next");
    assert!(o.status.code() != Some(2), "{}\n{}", stdout(&o), stderr(&o));
    let data =
        std::fs::read_to_string(cwd.join("next/content/data/probation_table_1.yaml")).unwrap();
    // contribution.docx's table: North 120, South 90, East 90 checks (tests/fixtures/import/contribution.md).
    for line in [
        "  - {id: checks_requested_previous, title: 'Checks requested (2021-22)', unit: count, total: true}",
        "  - {office: North, checks_requested: 120, share_of_checks: 40, cost_of_checks: 1200, checks_requested_previous: 120, share_of_checks_previous: 40, cost_of_checks_previous: 1200}",
    ] {
        assert!(data.contains(line), "{line:?} not in:\n{data}");
    }
    // Filled now: the same document again changes nothing, comparators included.
    let o = import("next");
    assert!(o.status.code() != Some(2), "{}\n{}", stdout(&o), stderr(&o));
    let again =
        std::fs::read_to_string(cwd.join("next/content/data/probation_table_1.yaml")).unwrap();
    assert_eq!(again, data);
    // Once the team has edited this year's words, another import asks first.
    let section = cwd.join("next/content/agencies/probation.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, format!("{text}\nEdited by the team.\n")).unwrap();
    let o = import("next");
    assert!(
        o.status.code() == Some(2)
            && stderr(&o).contains("content/agencies/probation.md")
            && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
}
