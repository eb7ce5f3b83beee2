//! `import`: a partner's Word document into a project, run as a user runs it (from
//! another folder, relative paths with spaces). Every expected file below was
//! written by hand from the fixtures' sources (tests/fixtures/import/*.md and
//! make.py) before the tool was run on them.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const PROJECT: &str = "our report 2021-22";
const DOCX: &str = "Probation contribution.docx";

/// A folder holding a copy of the shipped example as `our report 2021-22` and the
/// fixture as `Probation contribution.docx` beside it.
fn workspace(name: &str, fixture_name: &str) -> PathBuf {
    let cwd = scratch(name);
    let copy = copy_project(&root(), "import-example");
    for leftover in [
        "schemas", "tests", "src", "benches", "examples", "fuzz", "docs",
    ] {
        let _ = std::fs::remove_dir_all(copy.join(leftover));
    }
    std::fs::rename(&copy, cwd.join(PROJECT)).unwrap();
    std::fs::copy(fixture("import").join(fixture_name), cwd.join(DOCX)).unwrap();
    cwd
}

fn import(cwd: &Path, partner: &str, force: bool) -> std::process::Output {
    let mut args = vec!["import", DOCX, "--partner", partner, "--project", PROJECT];
    if force {
        args.push("--force");
    }
    run_in(cwd, &args)
}

fn read(cwd: &Path, path: &str) -> String {
    std::fs::read_to_string(cwd.join(PROJECT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SECTION: &str = r#"---
id: probation-contribution
title: Probation Service contribution 2021-22
order: 8.9
parent: agency-contributions
partner: probation
---

## Our role in safeguarding children

The Probation Service supervises adults on community sentences and after release from custody. Many of them are **parents or carers**, and some pose a *risk to children*.

## What did we do well?

We introduced three changes this year:

- Home visits before every release where children live at the address
  - Visits jointly with children’s social care where a child has a plan
- A named safeguarding lead in each office
- Monthly audits of case records, published on [the service’s website](https://www.gov.uk/government/organisations/probation-service)

Our priorities for next year, in order:

1. Train every practitioner in domestic abuse risk assessment
2. Share information with the MASH within one working day
   1. Starting with high-risk cases
   2. Then all cases

### Referrals and checks

{{ table(data="probation_table_1") }}

![Bar chart of safeguarding checks by office: North 120, South 90, East 90](images/probation-1.png)

<!-- content/images/probation-2.png has no alt text in the Word document, so it is left out. To publish it, write here: ![what the picture shows](images/probation-2.png) -->

## What do we need to do better?

Recording of children’s views in case notes was inconsistent.

We will audit case notes every quarter from April.

{{ table(data="probation_table_2") }}
"#;

const CHECKS: &str = r#"# yaml-language-server: $schema=../../schemas/dataset.schema.json
title: Safeguarding checks requested by probation practitioners
source: "Probation Service, in its contribution to this report"
key: office
columns:
  - {id: office, title: Office, unit: text}
  - {id: checks_requested, title: Checks requested, unit: count, total: true}
  - {id: share_of_checks, title: Share of checks, unit: percent, total: true}
  - {id: cost_of_checks, title: Cost of checks, unit: gbp, total: true}
rows:
  - {office: North, checks_requested: 120, share_of_checks: 40, cost_of_checks: 1200}
  - {office: South, checks_requested: 90, share_of_checks: 30, cost_of_checks: 900}
  - {office: East, checks_requested: 90, share_of_checks: 30, cost_of_checks: 900}
# The Total row as the document printed it; the check compares it with the sum of the rows.
stated_totals:
  checks_requested: 300
  share_of_checks: 100
  cost_of_checks: 3000
"#;

#[test]
fn a_contribution_becomes_a_section_data_sets_and_pictures_as_decided_by_hand() {
    let cwd = workspace("import-example", "contribution.docx");
    let o = import(&cwd, "probation", false);
    let out = stdout(&o);
    // The second table's Total row (30) is not the sum of its rows (12 + 15): the
    // import keeps it as printed, and the check reports it, so the exit status is 1.
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", stderr(&o));
    assert_eq!(read(&cwd, "content/agencies/probation.md"), SECTION);
    assert_eq!(read(&cwd, "content/data/probation_table_1.yaml"), CHECKS);
    let visits = read(&cwd, "content/data/probation_table_2.yaml");
    assert!(
        visits.contains("  - {id: home_visits, title: Home visits, unit: count, total: true}\n")
            && visits.contains(
                "  - {quarter: Q1, home_visits: 12}\n  - {quarter: Q2, home_visits: 15}\n"
            )
            && visits.contains("stated_totals:\n  home_visits: 30\n"),
        "{visits}"
    );
    assert!(
        out.contains("error[DATA-TOTAL]: the stated total of \"Home visits\" is 30, but its 2 rows add up to 27"),
        "{out}"
    );
    assert!(
        out.contains("--> content/data/probation_table_2.yaml:"),
        "{out}"
    );
    // The pictures, byte for byte, the one without alt text named with its place.
    for (saved, original) in [
        ("probation-1.png", "checks.png"),
        ("probation-2.png", "office.png"),
    ] {
        assert_eq!(
            std::fs::read(cwd.join(PROJECT).join("content/images").join(saved)).unwrap(),
            std::fs::read(fixture("import").join(original)).unwrap(),
            "{saved}"
        );
    }
    assert!(
        out.contains("1 picture without alt text")
            && out.contains(&format!("{DOCX}: paragraph 39 (section \"Referrals and checks\"): saved as content/images/probation-2.png")),
        "{out}"
    );
    // What could not be converted, each at its paragraph and section.
    for expected in [
        format!(
            "{DOCX}: paragraph 3 (section \"Our role in safeguarding children\"): a comment by HSCP business manager: “Please check the number of offices with the MASH.”"
        ),
        format!(
            "{DOCX}: paragraph 40 (section \"Referrals and checks\"): a text box: “Case study: a father on licence and his two children”"
        ),
        format!(
            "{DOCX}: paragraph 43 (section \"What do we need to do better?\"): a tracked change: “every month” deleted by A. Reviewer; left out"
        ),
        format!(
            "{DOCX}: paragraph 43 (section \"What do we need to do better?\"): a tracked change: “every quarter” inserted by A. Reviewer; kept"
        ),
        format!(
            "{DOCX}: paragraph 52 (section \"What do we need to do better?\"): a chart made in Word: left out"
        ),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
    }
    // The second table has no caption in Word: it is not named after the heading
    // above it (which would print those words twice), but left untitled, and said so.
    assert!(out.contains("Not converted (6)"), "{out}");
    assert!(
        out.contains("table 2, untitled: 2 rows and a Total row, checked against their sum"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{DOCX}: paragraph 44 (section \"What do we need to do better?\"): a table without a caption: imported untitled; give it a `title:` in content/data/probation_table_2.yaml")),
        "{out}"
    );
    assert!(!visits.contains("title: What do we need"), "{visits}");
    // The picture without alt text is reported by the check at its place in the
    // section (line 35, where the comment names it).
    assert!(
        out.contains("warning[ED-PICTURE-HELD-BACK]: the imported picture content/images/probation-2.png is left out of the report until it has alt text")
            && out.contains("--> content/agencies/probation.md:35:14"),
        "{out}"
    );
    // What was written is recorded, with a fingerprint of each file.
    let record = read(&cwd, "imports.yaml");
    assert!(
        record.contains("probation:\n  document: \"Probation contribution.docx\"\n")
            && record.contains("\"content/data/probation_table_2.yaml\": ")
            && record.contains("  held_back:\n    - \"content/images/probation-2.png\"\n"),
        "{record}"
    );
    assert!(
        !out.contains("already had"),
        "the example has no Probation Service section"
    );
}

#[test]
fn a_partner_with_a_section_already_is_told_the_import_is_added_beside_it() {
    let cwd = workspace("import-beside", "contribution.docx");
    let o = import(&cwd, "police", false);
    assert!(
        stdout(&o).contains("West Mercia Police already had content/agencies/08-5-west-mercia-police.md: the import is added beside it"),
        "{}",
        stdout(&o)
    );
    // Beside it: the police's own section is untouched, and the new one comes after the
    // last contribution.
    assert_eq!(
        read(&cwd, "content/agencies/08-5-west-mercia-police.md"),
        std::fs::read_to_string(root().join("content/agencies/08-5-west-mercia-police.md"))
            .unwrap()
    );
    assert!(read(&cwd, "content/agencies/police.md").starts_with("---\nid: police-contribution\ntitle: Probation Service contribution 2021-22\norder: 8.9\nparent: agency-contributions\npartner: police\n---\n"));
    assert!(
        read(&cwd, "content/data/police_table_1.yaml")
            .contains("source: \"West Mercia Police, in its contribution")
    );
}

#[test]
fn the_imported_project_validates_and_builds_with_the_contribution_in_it() {
    let cwd = workspace("import-build", "contribution.docx");
    import(&cwd, "probation", false);
    let o = run_in(&cwd, &["validate", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = run_in(&cwd, &["build", "--draft", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let site = cwd.join(PROJECT).join("build/site");
    let page = std::fs::read_to_string(site.join("probation-contribution.html")).unwrap();
    assert!(page.contains("Share information with the MASH within one working day"));
    assert!(page.contains("<caption>Safeguarding checks requested by probation practitioners"));
    assert!(
        page.contains("£3,000"),
        "the computed total of the money column"
    );
    assert!(page.contains("alt=\"Bar chart of safeguarding checks by office"));
    let pdf = squash(&pdf_text_of(&cwd.join(PROJECT).join("build/report.pdf")));
    assert!(
        pdf.contains("Probation Service contribution 2021-22"),
        "the section is in the PDF"
    );
    assert!(pdf.contains("Safeguarding checks requested by probation practitioners"));
    // The note where the picture without alt text belongs is for the team only.
    assert!(
        !pdf.contains("what the picture shows") && !pdf.contains("-->"),
        "{pdf}"
    );
    assert!(!page.contains("what the picture shows"));
    assert!(
        !page.contains("probation-2.png"),
        "the picture without alt text is not published"
    );
}

#[test]
fn edited_files_are_kept_without_force_and_the_same_document_gives_the_same_bytes() {
    let cwd = workspace("import-force", "contribution.docx");
    let project = cwd.join(PROJECT);
    import(&cwd, "probation", false);
    let first = snapshot(&project.join("content"));
    // Nothing changed since: the partner's document imports again, to the same bytes.
    let o = import(&cwd, "probation", false);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(snapshot(&project.join("content")), first);

    // The team corrects the total and edits the section: the import stops, names
    // both, says how to go on, and changes nothing.
    let section = "content/agencies/probation.md";
    let visits = "content/data/probation_table_2.yaml";
    let edited_section =
        read(&cwd, section).replace("was inconsistent", "was inconsistent in two offices");
    let corrected = read(&cwd, visits).replace("home_visits: 30", "home_visits: 27");
    std::fs::write(project.join(section), &edited_section).unwrap();
    std::fs::write(project.join(visits), &corrected).unwrap();
    let edited = snapshot(&project);
    let o = import(&cwd, "probation", false);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2 files this import would replace were changed after Probation Service's contribution was last imported (Probation contribution.docx, on ")
            && err.contains(&format!("\n  {section}\n  {visits}\n"))
            && err.contains("run the same command with --force: a copy of each file above, as it is now, is kept in replaced-by-import/")
            && err.contains("Nothing was imported."),
        "{err}"
    );
    assert_eq!(snapshot(&project), edited, "refusing changed nothing");

    // With --force the files are replaced, by the very same bytes as the first
    // import, and the team's versions are kept, named in the output.
    let o = import(&cwd, "probation", true);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(snapshot(&project.join("content")), first);
    let out = stdout(&o);
    let copies: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Replaced with --force"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(copies.len(), 2, "{out}");
    for (path, text) in [(section, &edited_section), (visits, &corrected)] {
        let line = copies
            .iter()
            .find(|l| l.trim_start().starts_with(path))
            .unwrap();
        let copy = line.split("copy: ").nth(1).unwrap();
        assert!(
            copy.starts_with("replaced-by-import/") && !copy.contains("build/"),
            "{line}"
        );
        assert_eq!(
            &std::fs::read_to_string(project.join(copy)).unwrap(),
            text,
            "{copy}"
        );
    }
    // A second forced import the same day keeps its copies apart from the first's.
    std::fs::write(project.join(visits), &corrected).unwrap();
    let o = import(&cwd, "probation", true);
    let out = stdout(&o);
    assert!(
        out.contains(&format!("  {visits}  copy: replaced-by-import/"))
            && out.contains(" (2)/content/data/"),
        "{out}"
    );

    // And in another copy of the project, the same files again.
    let other = workspace("import-again", "contribution.docx");
    import(&other, "probation", false);
    assert_eq!(snapshot(&other.join(PROJECT).join("content")), first);
}

/// A file of the partner's name that no import wrote (the team's own, or from before
/// the record of imports) is not replaced without --force either.
#[test]
fn a_file_no_import_wrote_is_not_replaced_without_force() {
    let cwd = workspace("import-unrecorded", "contribution.docx");
    let project = cwd.join(PROJECT);
    std::fs::create_dir_all(project.join("content/data")).unwrap();
    std::fs::write(
        project.join("content/data/probation_table_1.yaml"),
        "title: Ours\n",
    )
    .unwrap();
    let before = snapshot(&project);
    let o = import(&cwd, "probation", false);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 file this import would replace was not written by an import of Probation Service's contribution")
            && stderr(&o).contains("\n  content/data/probation_table_1.yaml\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&project), before);
}

/// A partner re-sends a shorter document: what the earlier import made of the tables
/// and pictures the new one lacks is named, and kept.
#[test]
fn files_an_earlier_longer_import_left_are_listed_and_kept() {
    let cwd = workspace("import-left-over", "contribution.docx");
    import(&cwd, "probation", false);
    let project = cwd.join(PROJECT);
    // As if the first version of the document had seven tables and nine pictures.
    let table = read(&cwd, "content/data/probation_table_1.yaml");
    std::fs::write(project.join("content/data/probation_table_7.yaml"), &table).unwrap();
    std::fs::copy(
        project.join("content/images/probation-1.png"),
        project.join("content/images/probation-9.png"),
    )
    .unwrap();
    // Named otherwise: the team's own files, nothing to do with the import.
    std::fs::write(
        project.join("content/data/probation_table_summary.yaml"),
        &table,
    )
    .unwrap();
    std::fs::copy(
        project.join("content/images/probation-1.png"),
        project.join("content/images/probation-north-1.png"),
    )
    .unwrap();

    let o = import(&cwd, "probation", true);
    let out = stdout(&o);
    let listed: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Left by an earlier import"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(str::trim)
        .collect();
    assert_eq!(
        listed,
        [
            "content/data/probation_table_7.yaml",
            "content/images/probation-9.png"
        ],
        "{out}"
    );
    for kept in [
        "content/data/probation_table_7.yaml",
        "content/images/probation-9.png",
        "content/data/probation_table_summary.yaml",
        "content/images/probation-north-1.png",
    ] {
        assert!(project.join(kept).exists(), "{kept} was deleted");
    }
}

#[test]
fn an_unknown_partner_is_refused_with_the_nearest_id_and_nothing_written() {
    let cwd = workspace("import-partner", "contribution.docx");
    let before = snapshot(&cwd.join(PROJECT));
    let o = import(&cwd, "probaton", false);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("report.yaml has no partner `probaton`: did you mean `probation`?"),
        "{err}"
    );
    assert_eq!(snapshot(&cwd.join(PROJECT)), before);
}

#[test]
fn a_document_that_is_not_word_is_refused_with_its_name() {
    let cwd = workspace("import-not-word", "hostile.md");
    let before = snapshot(&cwd.join(PROJECT));
    let o = import(&cwd, "probation", false);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{DOCX} is not a Word document (.docx)")),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&cwd.join(PROJECT)), before);
}

/// A contribution whose text is template code, HTML, Markdown and typst: imported into
/// a fresh `new` project, it is published as the words it is, on the website and in
/// the PDF.
#[test]
fn text_that_looks_like_code_is_published_as_text() {
    let cwd = scratch("import-hostile");
    let o = new_project(&cwd, PROJECT, "2023-04-01..2024-03-31");
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::copy(fixture("import/hostile.docx"), cwd.join(DOCX)).unwrap();
    let o = import(&cwd, "police", false);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let section = read(&cwd, "content/agencies/police.md");
    // In a `new` project the contribution goes under the chapter `new` made for them.
    assert!(
        section.starts_with("---\nid: police-contribution\ntitle: Healthwatch contribution\norder: 9.1\nparent: partner-contributions\npartner: police\n---\n"),
        "{section}"
    );
    // Without its backslash-escaped characters, nothing of the partner's text is left
    // that tera or Markdown would read as code: only the table the import placed.
    let mut unescaped = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            unescaped.push(c);
        }
    }
    assert!(
        !unescaped.contains('<') && !unescaped.contains("{%") && !unescaped.contains("{#"),
        "{section}"
    );
    assert_eq!(unescaped.matches("{{").count(), 1, "{section}");
    assert!(section.contains("\n{{ table(data=\"police_table_1\") }}\n"));
    assert!(
        stdout(&o).contains("a link to javascript:alert(1): only its text, “our page”, was kept")
    );

    let o = run_in(&cwd, &["build", "--draft", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let page = std::fs::read_to_string(
        cwd.join(PROJECT)
            .join("build/site/police-contribution.html"),
    )
    .unwrap();
    assert!(page.contains("<p>Families told us {{ report.title }} and {% if true %}yes{% endif %} and {# note #} too.</p>"), "the template code is shown, not run");
    assert!(page.contains("A line of &lt;script&gt;alert(“body”)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; in the text."));
    assert!(!page.contains("alert(“body”)</script>") && !page.contains("<img src=x"));
    assert!(
        !page.contains("javascript:"),
        "the javascript: link is not a link"
    );
    assert!(page.contains("href=\"https://example.org/a_b?c=%28d%29\""));
    assert!(
        page.contains("{{ report.partnership }}"),
        "a table cell is text too"
    );
    let pdf = squash(&pdf_text_of(&cwd.join(PROJECT).join("build/report.pdf")));
    assert!(
        pdf.contains("#set page(fill: red) and #eval(“1 + 1”) and $x$ are typst, not text."),
        "{pdf}"
    );
    assert!(pdf.contains("<b>bold</b> #eval(“2”)"));
}

/// Problems elsewhere in the project do not stop an import, and are not blamed on it.
#[test]
fn a_project_broken_elsewhere_still_takes_the_import_and_says_what_blocks_the_check() {
    let cwd = workspace("import-broken", "contribution.docx");
    let intro = cwd.join(PROJECT).join("content/01-introduction.md");
    let text = std::fs::read_to_string(&intro).unwrap();
    std::fs::write(&intro, format!("{text}\n{{{{ no_such_data.figure }}}}\n")).unwrap();
    let o = import(&cwd, "probation", false);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(out.contains("The project has problems elsewhere"), "{out}");
    assert!(out.contains("content/01-introduction.md"), "{out}");
    assert_eq!(read(&cwd, "content/agencies/probation.md"), SECTION);
}
