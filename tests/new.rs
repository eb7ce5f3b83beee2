//! `new`: a project that builds at once as a draft, whose skeleton publishes nothing,
//! and that `check` judges criterion by criterion; never written over a user's files.

mod common;

use common::*;

#[test]
fn a_new_project_builds_as_a_draft_and_publishes_none_of_its_guidance() {
    let cwd = scratch("new-build");
    let o = new_project(&cwd, "our report 2023-24", "2023-04-01..2024-03-31");
    assert!(o.status.success(), "{}", stderr(&o));
    let project = cwd.join("our report 2023-24");
    let yaml = std::fs::read_to_string(project.join("report.yaml")).unwrap();
    assert!(
        yaml.contains("start: 2023-04-01") && yaml.contains("end: 2024-03-31"),
        "{yaml}"
    );
    assert!(
        yaml.contains("guidance: wt2023"),
        "a 2023-24 report answers to the 2023 edition:\n{yaml}"
    );
    assert!(
        yaml.contains("id: icb"),
        "the health partner is an ICB after July 2022:\n{yaml}"
    );
    for template in ["council", "police", "icb"] {
        let t =
            std::fs::read_to_string(project.join(format!("contribution-templates/{template}.md")))
                .unwrap();
        for heading in [
            "## What did we do well?",
            "## What difference did it make for children?",
            "## What do we need to do better?",
        ] {
            assert!(t.contains(heading), "{template}: {heading}");
        }
    }

    let o = run_in(
        &cwd,
        &["build", "--draft", "--project", "our report 2023-24"],
    );
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let site = project.join("build/site");
    assert!(project.join("build/report.pdf").is_file());
    let mut pages = 0;
    for entry in std::fs::read_dir(&site).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            pages += 1;
            let html = std::fs::read_to_string(&path).unwrap();
            assert!(
                !html.contains("What belongs here"),
                "{} publishes the skeleton's guidance",
                path.display()
            );
        }
    }
    assert!(pages >= 12, "a page per chapter: {pages}");
}

#[test]
fn check_on_a_new_project_lists_every_criterion_as_missing_with_its_reason() {
    let cwd = scratch("new-check");
    assert!(
        new_project(&cwd, "r", "2023-04-01..2024-03-31")
            .status
            .success()
    );
    let o = run_in(&cwd, &["check", "--project", "r", "--format", "json"]);
    // The report says nothing yet, so the required criteria are errors: exit 1.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let criteria = json["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 15, "WT2023 has 15 criteria");
    for c in criteria {
        let id = c["id"].as_str().unwrap();
        assert!(
            c["reason"].as_str().is_some_and(|r| r.len() > 20),
            "{id} gives a reason"
        );
        if id != "WT23-PERIOD" {
            assert_ne!(c["status"], "met", "{id}: nothing is written yet");
        }
    }
    let missing = criteria.iter().filter(|c| c["status"] == "missing").count();
    assert!(
        missing >= 10,
        "an empty skeleton is missing most criteria: {missing}"
    );
    // A build that is not a draft stops on those errors and writes nothing.
    let o = run_in(&cwd, &["build", "--project", "r"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!cwd.join("r/build").exists());
}

#[test]
fn an_earlier_period_gives_the_2018_edition_and_a_ccg() {
    let cwd = scratch("new-2018");
    assert!(
        new_project(&cwd, "r", "2021-04-01..2022-03-31")
            .status
            .success()
    );
    let yaml = std::fs::read_to_string(cwd.join("r/report.yaml")).unwrap();
    assert!(
        yaml.contains("guidance: wt2018") && yaml.contains("id: ccg"),
        "{yaml}"
    );
    assert!(yaml.contains("title: Annual Report 2021-22"), "{yaml}");
}

#[test]
fn new_never_writes_into_a_folder_that_has_files() {
    let cwd = scratch("new-refuse");
    std::fs::create_dir_all(cwd.join("r")).unwrap();
    std::fs::write(cwd.join("r/notes.txt"), "mine").unwrap();
    let o = new_project(&cwd, "r", "2023-04-01..2024-03-31");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("never writes over files"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(cwd.join("r/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(cwd.join("r")).unwrap().count(), 1);
    let o = new_project(&cwd, "s", "2024-03-31..2023-04-01");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--period"), "{}", stderr(&o));
    assert!(!cwd.join("s").exists());
}
