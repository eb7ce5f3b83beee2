//! `status`: one line per partner (in, missing or overdue, with words and findings),
//! the report's totals and the criteria, for the terminal, an e-mail (Markdown) or
//! other tools (JSON).

mod common;

use common::*;

/// The example's partners, as report.yaml lists them: every one must have a row.
fn example_partner_names() -> Vec<String> {
    let yaml = std::fs::read_to_string(root().join("report.yaml")).unwrap();
    let partners = yaml.split("\npartners:").nth(1).unwrap();
    let partners = partners.split("\npublication:").next().unwrap();
    partners
        .lines()
        .filter_map(|l| l.trim().strip_prefix("name:"))
        .map(|n| n.trim().trim_matches('"').to_string())
        .collect()
}

#[test]
fn markdown_status_of_the_example_lists_all_sixteen_partners() {
    let o = run(&[
        "status",
        "--project",
        root().to_str().unwrap(),
        "--format",
        "md",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    let names = example_partner_names();
    assert_eq!(names.len(), 16, "the example lists 16 partners: {names:?}");
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| Partner") && !l.starts_with("| Criterion")
        })
        .collect();
    for name in &names {
        assert!(
            rows.iter().any(|r| r.starts_with(&format!("| {name} |"))),
            "no row for {name}:\n{md}"
        );
    }
    // Six partners wrote the eight contributions in content/agencies (the council
    // three of them); the example sets no deadline, so the other ten are missing,
    // not overdue.
    let partner_rows: Vec<&&str> = rows
        .iter()
        .filter(|r| names.iter().any(|n| r.starts_with(&format!("| {n} |"))))
        .collect();
    assert_eq!(
        partner_rows.iter().filter(|r| r.contains("| in |")).count(),
        6,
        "{md}"
    );
    assert_eq!(
        partner_rows
            .iter()
            .filter(|r| r.contains("| missing |"))
            .count(),
        10,
        "{md}"
    );
    assert!(
        md.contains("6 of 16 partners' contributions are in."),
        "{md}"
    );
    // The criteria follow, one row each (WT2018 has eleven).
    assert_eq!(
        md.lines()
            .filter(|l| l.ends_with("| met |")
                || l.ends_with("| partial |")
                || l.ends_with("| missing |"))
            .count(),
        11,
        "{md}"
    );
}

#[test]
fn missing_contributions_are_overdue_after_the_deadline() {
    let project = copy_project(&fixture("mini"), "status-overdue");
    edit(
        &project.join("report.yaml"),
        "publication:",
        "schedule:\n  contributions_due: 2023-07-31\npublication:",
    );
    let o = run(&[
        "status",
        "--project",
        project.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let partners = json["partners"].as_array().unwrap();
    let state = |id: &str| {
        partners.iter().find(|p| p["id"] == id).unwrap()["contribution"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The fixture has contributions from the police and the schools only.
    assert_eq!(state("police"), "in");
    assert_eq!(state("schools"), "in");
    assert_eq!(state("council"), "overdue");
    assert_eq!(state("icb"), "overdue");
    // Words a reader reads in the police contribution, counted by hand: its two
    // headings (7 + 5), a sentence (5) and two list items (3 + 6).
    let police = partners.iter().find(|p| p["id"] == "police").unwrap();
    assert_eq!(police["words"], 26, "{police}");
    assert_eq!(police["files"][0], "content/agencies/police.md");
    assert!(
        police["changed"].as_str().is_some_and(|d| d.len() == 10),
        "{police}"
    );

    let human = stdout(&run(&["status", "--project", project.to_str().unwrap()]));
    assert!(
        human.contains("they were due on 31 July 2023 and 2 are overdue"),
        "{human}"
    );
}

#[test]
fn before_the_deadline_missing_is_not_overdue() {
    let project = copy_project(&fixture("mini"), "status-before");
    edit(
        &project.join("report.yaml"),
        "publication:",
        "schedule:\n  contributions_due: 2999-07-31\npublication:",
    );
    let human = stdout(&run(&["status", "--project", project.to_str().unwrap()]));
    assert!(human.contains("they are due on 31 July 2999"), "{human}");
    assert!(!human.contains("overdue"), "{human}");
    let council = human
        .lines()
        .find(|l| l.trim_start().starts_with("Testshire Council"))
        .unwrap();
    assert!(council.contains("missing"), "{council}");
}

#[test]
fn status_of_a_broken_project_is_a_diagnostic_not_a_crash() {
    let project = copy_project(&fixture("mini"), "status-broken");
    edit(
        &project.join("report.yaml"),
        "title: Annual Report 2022-23",
        "title: [x",
    );
    let o = run(&["status", "--project", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("report.yaml:"), "{}", stderr(&o));
}
