//! Slips a scrutineer finds in a finished report, by class, and the sentences of the
//! same shape that are right and must stay unflagged. Each report here is written for
//! the test; every expected figure is worked out by hand in the comment beside it.

mod common;

use common::scratch;

/// The findings of `check` on a Markdown report: (rule, words found, message).
fn findings(name: &str, report: &str) -> Vec<(String, String, String)> {
    let dir = scratch(name);
    let file = dir.join("annual report.md");
    std::fs::write(&file, report).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .current_dir(&dir)
        .args(["check", "annual report.md", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (s("rule"), s("text"), s("message"))
        })
        .collect()
}

fn of_rule<'a>(
    all: &'a [(String, String, String)],
    rule: &str,
) -> Vec<&'a (String, String, String)> {
    all.iter().filter(|(r, _, _)| r == rule).collect()
}

const HEAD: &str = "# Northdale Safeguarding Children Partnership Annual Report 2022-23\n\nThis report covers the period 1 April 2022 to 31 March 2023.\n\n";

#[test]
fn totals_in_prose_are_checked_against_the_parts_they_name() {
    let report = format!(
        "{HEAD}## Voice\n\n\
         In total, 512 people gave us their views: 430 young people and 72 parents.\n\n\
         We made 9 notifications: 4 involving neglect, 3 involving injury and 2 involving exploitation.\n\n\
         ## Funding\n\n\
         The council gave £120,000, the police £40,000 and the ICB £60,000, a total budget of £230,000.\n\n\
         ## Training\n\n\
         | Course | Places |\n|---|---:|\n| Neglect | 310 |\n| Exploitation | 205 |\n| Domestic abuse | 140 |\n\n\
         We trained a total of 700 practitioners.\n"
    );
    let all = findings("slips-totals", &report);
    let totals = of_rule(&all, "DATA-TOTAL");
    let said: Vec<&str> = totals.iter().map(|(_, t, _)| t.as_str()).collect();
    // 430 + 72 = 502, not 512.
    assert!(said.contains(&"512"), "{totals:?}");
    // 4 + 3 + 2 = 9: right.
    assert!(!said.contains(&"9"), "{totals:?}");
    // £120,000 + £40,000 + £60,000 = £220,000, not £230,000.
    assert!(said.contains(&"£230,000"), "{totals:?}");
    // 310 + 205 + 140 = 655: 700 is within a tenth of it, so a slip in adding.
    assert!(said.contains(&"700"), "{totals:?}");
    assert_eq!(totals.len(), 3, "{totals:?}");
}

#[test]
fn a_total_that_counts_something_else_is_not_judged() {
    let report = format!(
        "{HEAD}## Training\n\n\
         | Course | Places |\n|---|---:|\n| Neglect | 310 |\n| Exploitation | 205 |\n\n\
         We ran a total of 42 courses, and 515 places were taken in total.\n"
    );
    let all = findings("slips-totals-right", &report);
    // 42 is far from 515 (another count); 310 + 205 = 515 is right.
    assert!(of_rule(&all, "DATA-TOTAL").is_empty(), "{all:?}");
}

#[test]
fn a_day_no_month_has_is_found_without_its_year() {
    let report = format!(
        "{HEAD}## What we did\n\n\
         On 31 November we held our first youth summit. The panel met on 30 June and on 29 February.\n"
    );
    let all = findings("slips-days", &report);
    let dates: Vec<&str> = of_rule(&all, "DATA-DATE")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(dates, vec!["31 November"], "{all:?}");
}

#[test]
fn notes_to_the_writer_in_brackets_are_placeholders_and_quotations_are_not() {
    let report = format!(
        "{HEAD}## Health\n\n\
         The health team [CHECK WITH ICB] reviewed the pathway. Attendance rose [figure to follow].\n\n\
         [Add analysis of why here.]\n\n\
         One parent said \"they [the social workers] listened to us\" [1].\n"
    );
    let all = findings("slips-brackets", &report);
    let found: Vec<&str> = of_rule(&all, "ED-PLACEHOLDER")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(
        found,
        vec![
            "[CHECK WITH ICB]",
            "[figure to follow]",
            "[Add analysis of why here.]"
        ],
        "{all:?}"
    );
}

#[test]
fn old_names_in_a_glossary_or_said_of_what_was_kept_are_history() {
    let report = format!(
        "{HEAD}## Our arrangements\n\n\
         The partners kept the LSCB's subgroups for training and audit.\n\n\
         The CCG's designated doctor chairs the child death review group.\n\n\
         ## Glossary\n\n\
         LSCB Local Safeguarding Children Board. The body that led this work until 2019.\n"
    );
    let all = findings("slips-legacy", &report);
    let terms: Vec<&str> = of_rule(&all, "ED-LEGACY-TERM")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // Only the CCG, named as in place in a report on 2022-23 (after 1 July 2022).
    assert_eq!(terms, vec!["CCG"], "{all:?}");
}

#[test]
fn a_change_is_read_with_the_time_of_its_first_figure_between() {
    let report = format!(
        "{HEAD}## Data\n\n\
         Contacts rose by 12%, from 6,500 in 2021/22 to 7,020. Referrals rose by 10%, from 2,000 in 2021/22 to 2,200.\n"
    );
    let all = findings("slips-change", &report);
    let changes = of_rule(&all, "DATA-CHANGE");
    // 7,020 - 6,500 = 520, 8% of 6,500; 2,200 - 2,000 = 200, 10% of 2,000.
    assert_eq!(changes.len(), 1, "{all:?}");
    assert!(changes[0].1.contains("12%"), "{changes:?}");
}

#[test]
fn a_percentage_far_from_its_counts_in_the_sentence_is_checked() {
    let report = format!(
        "{HEAD}## Education\n\n\
         144 of 152 schools returned their safeguarding audit to the partnership on time (92%).\n"
    );
    let all = findings("slips-rate", &report);
    // 144 / 152 = 94.7%, which prints as 95%.
    let rates = of_rule(&all, "DATA-RATE");
    assert_eq!(rates.len(), 1, "{all:?}");
    assert!(rates[0].2.contains("95%"), "{rates:?}");
}

#[test]
fn the_period_is_the_range_said_of_the_report_not_a_plan_nor_months_within_it() {
    let report = "# Westdale Safeguarding Children Partnership\n\n\
        This report covers September 2021 to August 2022, the school year.\n\n\
        Attendance fell from January to March 2022, when many staff were ill.\n\n\
        Our next report will cover September 2022 to August 2023.\n";
    let dir = scratch("slips-period-months");
    std::fs::write(dir.join("report.md"), report).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .current_dir(&dir)
        .args(["check", "report.md", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let period = &json["document"]["period"]["value"];
    assert_eq!(period["start"], "2021-09-01", "{period}");
    assert_eq!(period["end"], "2022-08-31", "{period}");
}

#[test]
fn a_launch_dated_in_the_year_before_the_period_is_found_and_history_is_not() {
    // The period is 1 April 2022 to 31 March 2023 (HEAD).
    let report = format!(
        "{HEAD}## Partners' work\n\n\
         In January 2022 the council opened a family centre in Eastgate, which 300 families used.\n\n\
         The advice line, opened in November 2021, took 2,000 calls.\n\n\
         In March 2022 the government introduced new guidance on neglect.\n\n\
         Since we launched the app in February 2022, 900 young people have used it.\n\n\
         In May 2019 we introduced our new arrangements.\n\n\
         The partners agreed the budget in March 2022.\n\n\
         In June 2022 the police launched a county lines operation.\n"
    );
    let all = findings("slips-launch", &report);
    let dates: Vec<&str> = of_rule(&all, "DATA-DATE")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // January 2022 is before 1 April 2022, in the year before: last report's work told
    // as this year's. A description ("opened in November 2021"), the government's
    // doing, a date after "since", history three years back, a budget agreed before
    // the year and a launch within it are right.
    assert_eq!(dates, vec!["January 2022"], "{all:?}");
}

#[test]
fn a_percentage_of_them_is_of_the_one_count_in_the_sentence_before() {
    let report = format!(
        "{HEAD}## Audits\n\n\
         We reviewed 150 referrals. Of these, 120 (85%) had a plan within a week.\n\n\
         We checked 40 case files. In 30 of them (75%) the child was seen alone.\n\n\
         We visited 12 schools and read 90 files. Of these, 60 (50%) were up to date.\n"
    );
    let all = findings("slips-rate-of-them", &report);
    let rates = of_rule(&all, "DATA-RATE");
    // 120 / 150 = 80%, not 85%. 30 / 40 = 75%: right. The third has two counts
    // before it (12 schools, 90 files): which is the whole is not known.
    assert_eq!(rates.len(), 1, "{all:?}");
    assert!(rates[0].2.contains("80%"), "{rates:?}");
}

#[test]
fn a_total_after_its_list_and_money_named_by_partner_are_summed() {
    let report = format!(
        "{HEAD}## Contacts\n\n\
         Of these, 400 were about neglect, 250 about domestic abuse and 120 for other reasons, making 790 in all.\n\n\
         Of the rest, 300 went to early help and 200 to social work, making 500 in all.\n\n\
         ## Money\n\n\
         The partners gave £300,000 over the year: council £150,000, police £60,000 and ICB £80,000.\n"
    );
    let all = findings("slips-listed-totals", &report);
    let said: Vec<&str> = of_rule(&all, "DATA-TOTAL")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // 400 + 250 + 120 = 770, not 790; 300 + 200 = 500: right;
    // £150,000 + £60,000 + £80,000 = £290,000, not £300,000.
    assert_eq!(said, vec!["790", "£300,000"], "{all:?}");
}

#[test]
fn a_childs_full_name_beside_a_word_for_a_child_is_found() {
    let report = format!(
        "{HEAD}## Voice\n\n\
         One of the girls we met, Jessica Harper-Lowe, told us about the bus home.\n\n\
         The boy's mother, Sarah Jones, said the plan helped.\n"
    );
    let all = findings("slips-child-name", &report);
    let names: Vec<&str> = of_rule(&all, "PII-CHILD")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // A girl's full name; the mother is an adult.
    assert_eq!(names, vec!["Jessica Harper-Lowe"], "{all:?}");
}

#[test]
fn a_column_of_people_whose_practice_changed_is_not_a_change_column() {
    let report = format!(
        "{HEAD}## Training\n\n\
         | Course | Attended | Followed up | Changed practice |\n|---|---:|---:|---:|\n\
         | Neglect | 200 | 90 | 70 |\n| Exploitation | 150 | 60 | 45 |\n\n\
         | Measure | 2021-22 | 2022-23 | Change |\n|---|---:|---:|---:|\n\
         | Contacts | 5,000 | 5,400 | +500 |\n"
    );
    let all = findings("slips-change-column", &report);
    let changes: Vec<&str> = of_rule(&all, "DATA-CHANGE")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // 5,400 - 5,000 = 400, not 500; "Changed practice" counts people, not a change.
    assert_eq!(changes, vec!["+500"], "{all:?}");
}

#[test]
fn the_last_officer_of_a_replaced_board_is_history() {
    let report = format!(
        "{HEAD}## Our arrangements\n\n\
         The last chair of the LSCB now leads our training group.\n\n\
         The LSCB's audit group met four times this year.\n"
    );
    let all = findings("slips-legacy-last", &report);
    let count = of_rule(&all, "ED-LEGACY-TERM").len();
    // Only the second: the audit group is said to meet this year as the LSCB's.
    assert_eq!(count, 1, "{all:?}");
}

#[test]
fn a_total_column_is_checked_row_by_row() {
    let report = format!(
        "{HEAD}## Contacts\n\n\
         | Source | North | South | Total |\n|---|---:|---:|---:|\n\
         | Police | 1,200 | 800 | 2,000 |\n| Schools | 650 | 420 | 1,170 |\n\n\
         | Measure | Number | Per cent | Total |\n|---|---:|---:|---:|\n\
         | Seen | 40 | 80% | 50 |\n"
    );
    let all = findings("slips-row-totals", &report);
    let said: Vec<&str> = of_rule(&all, "DATA-TOTAL")
        .iter()
        .map(|(_, t, _)| t.as_str())
        .collect();
    // 1,200 + 800 = 2,000: right; 650 + 420 = 1,070, not 1,170. The second table has a
    // percentage beside its count: not parts of one whole.
    assert_eq!(said, vec!["1,170"], "{all:?}");
}

#[test]
fn a_table_in_text_whose_labels_wrap_onto_four_lines_keeps_its_rows() {
    let report = "Westdale Safeguarding Children Partnership Annual Report\n\n\
        This report covers 1 April 2022 to 31 March 2023.\n\n\
        Measure       North       South        Total\n\
        Contacts      6,000       4,000        10,000\n\
        Child         150         100          250\n\
        protection\n\
        plans at 31\n\
        March\n\
        2023\n\
        Children      300         200          600\n\
        looked\n\
        after\n\n\
        Contacts rose this year, as schools were open for the whole of it, and more families asked for help.\n";
    let dir = scratch("slips-text-table");
    std::fs::write(dir.join("report.txt"), report).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .current_dir(&dir)
        .args(["check", "report.txt", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "DATA-TOTAL")
        .map(|d| d["text"].as_str().unwrap_or(""))
        .collect();
    // The last row, after a label wrapped onto four lines, is read: 300 + 200 = 500,
    // not 600. The rows above add up (6,000 + 4,000; 150 + 100).
    assert_eq!(totals, vec!["600"], "{json}");
}

#[test]
fn a_time_between_the_counts_and_their_percentage_does_not_hide_it() {
    let report = format!(
        "{HEAD}## Health\n\n\
         Health visitors made 1,800 of 2,000 new birth visits within 14 days (80%).\n\n\
         Of the contacts, 450 of 600 were decided within 24 hours (75%).\n"
    );
    let all = findings("slips-rate-within", &report);
    let rates = of_rule(&all, "DATA-RATE");
    // 1,800 / 2,000 = 90%, not 80%; 450 / 600 = 75%: right.
    assert_eq!(rates.len(), 1, "{all:?}");
    assert!(rates[0].2.contains("90%"), "{rates:?}");
}
