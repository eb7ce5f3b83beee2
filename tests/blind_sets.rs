//! The checker on reports written blind (issue 15): each set's reports were written by
//! someone who saw only the statutory reference, with the expected verdicts, planted
//! slips and correct look-alikes ("traps") fixed in a key before any run.
//!
//! - tests/fixtures/heldout: the first blind set, now development material (the judge
//!   was changed after reading it);
//! - tests/fixtures/testset: the second, run once when the work was believed done; it
//!   became development material on 2026-12-05, in the next session, before any change
//!   was made for it (the checker was then improved after reading it);
//! - tests/fixtures/testset2: the third, run once as the test set; it became
//!   development material at 20:30 on 2026-12-05, after its first run (the changes made
//!   for it are listed in its TEST-SET.md).
//!
//! - tests/fixtures/testset3: the fourth, run twice for scores only while unread; it
//!   became development material at 21:40 on 2026-12-05, in the next session, before
//!   any change was made for it.
//!
//! - tests/fixtures/testset4: the fifth, run once as the test set (exact 234/286,
//!   met-vs-not 247/286, slips 89/105, 4 false, periods 19/21); it became development
//!   material at 00:12 on 2026-12-06, in the next session, before any change.
//!
//! - tests/fixtures/testset5: the sixth, run once as the test set (exact 246/286,
//!   met-vs-not 255/286, slips 92/105, 4 false, periods 21/21); it became development
//!   material at 01:51 on 2026-12-06, before the session's second round of changes.
//!
//! - tests/fixtures/testset6: the seventh, written blind while the judge was changed on
//!   the six above, copied in unread and run once when the work was believed done: the
//!   test set.
//!
//! - tests/fixtures/testset7: the eighth, written blind in the next session by three
//!   more writers, copied in unread and run once (04:55 on 2026-12-06) on the judge
//!   testset6 was run on, nothing changed in between but a refactor with the same
//!   scores: a second test set, never read.
//!
//! - tests/fixtures/testset8: the ninth, written blind while the judge's reading of
//!   tables of words in text from PDFs was added, copied in unread and run once
//!   (05:39 on 2026-12-06) on the judge as then left: the test set for it.
//!
//!   Testset7 and testset8 became development material at 06:04 on 2026-12-06, in
//!   the next session, before any change was made for them.
//!
//! - tests/fixtures/testset9: the tenth, written blind (06:04–06:11 on 2026-12-06) by
//!   three more writers while the judge was changed on testset7 and testset8, copied
//!   in unread and run once (06:59) on the judge as then left; development material
//!   since 07:48, before any change was made for it.
//!
//! - tests/fixtures/testset10: the eleventh, written blind (07:48–07:56) by three more
//!   writers while the judge was changed on testset9, copied in unread and run once on
//!   the judge as then left.
//!
//! - tests/fixtures/testset11: the twelfth, written blind (10:19–10:26) by three more
//!   writers after the judge's patterns were given ASCII word classes (same verdicts on
//!   every earlier set), copied in unread and run once (10:26): the test set for it.
//!
//! None of the first eight sets says any more how the checker does on reports it has never seen: that
//! is the job of a fresh blind set, added as the test set and run once.
//!
//! Each set is scored as a scrutineer would score the tool: verdicts exactly right and
//! right on met vs not met, the period found (or reported as not found), planted slips
//! found, and findings in the classes that matter (dates, totals, rates, changes,
//! placeholders, out-of-date terms, children's details) that are false. The floors are
//! the scores measured; they may rise, never fall.

mod common;

use std::path::Path;

use common::*;
use safeguarding_report::check::{self, Status};
use safeguarding_report::{check_file, read};
use serde_json::Value;

/// The rules whose findings are counted for precision: the classes of the issue.
const CLASSES: &[&str] = &[
    "DATA-TOTAL",
    "DATA-RATE",
    "DATA-DATE",
    "DATA-CHANGE",
    "ED-PLACEHOLDER",
    "ED-LEGACY-TERM",
    "PII-CHILD",
];

/// What one set scored.
#[derive(Debug, Default)]
struct Score {
    reports: usize,
    periods_right: usize,
    verdicts: usize,
    exact: usize,
    met_vs_not: usize,
    slips: usize,
    slips_found: usize,
    class_findings: usize,
    false_findings: usize,
}

/// A key item's criterion, as the checker names it: by `id` in the second set's keys,
/// by the start of the item's words in the first's.
fn criterion(item: &Value) -> Option<&'static str> {
    const BY_ID: &[(&str, &str)] = &[
        ("period", "PERIOD"),
        ("activity", "ACTIVITY"),
        ("reviews", "REVIEWS"),
        ("effectiveness", "EFFECTIVENESS"),
        ("impact", "IMPACT"),
        ("no-progress", "NO-PROGRESS"),
        ("review-actions", "REVIEW-ACTIONS"),
        ("voice", "VOICE"),
        ("publication", "PUBLICATION"),
        ("scrutiny", "SCRUTINY"),
        ("funding", "FUNDING"),
        ("partners", "PARTNERS"),
        ("publish-by", "PUBLISH-BY"),
        ("education", "EDUCATION"),
        ("data", "DATA"),
        ("transparent", "TRANSPARENT"),
        ("focus", "FOCUS"),
    ];
    const BY_WORDS: &[(&str, &str)] = &[
        ("Publish at least once", "PERIOD"),
        ("Jointly report on activity in a 12-month", "PERIOD"),
        ("Publication: widely available", "PUBLICATION"),
        (
            "Copy to the Child Safeguarding Practice Review Panel",
            "PUBLICATION",
        ),
        ("Judgement of how effective", "EFFECTIVENESS"),
        ("How effective the arrangements", "EFFECTIVENESS"),
        ("Independent scrutiny", "SCRUTINY"),
        ("Funding", "FUNDING"),
        ("Feedback from children", "VOICE"),
        ("Evidence of impact", "IMPACT"),
        ("Impact incl. training", "IMPACT"),
        ("Decisions/actions on", "REVIEW-ACTIONS"),
        ("Actions on local and national", "REVIEW-ACTIONS"),
        ("Analysis of areas with little", "NO-PROGRESS"),
        ("Little or no progress", "NO-PROGRESS"),
        ("Activity undertaken as a result", "ACTIVITY"),
        ("What partnerships have done", "ACTIVITY"),
        ("Activity on child safeguarding practice reviews", "REVIEWS"),
        ("Yearly report signed off by the lead", "PARTNERS"),
        ("Published by end of September", "PUBLISH-BY"),
        ("Contribution of education", "EDUCATION"),
        ("Agreed multi-agency data set", "DATA"),
        ("Reporting transparent", "TRANSPARENT"),
        ("Focus on multi-agency", "FOCUS"),
    ];
    if let Some(id) = item["id"].as_str() {
        return BY_ID.iter().find(|(k, _)| *k == id).map(|(_, c)| *c);
    }
    let words = item["item"].as_str()?;
    BY_WORDS
        .iter()
        .find(|(start, _)| words.starts_with(start))
        .map(|(_, c)| *c)
}

/// Words compared as a reader compares them: spaces collapsed, quotes straightened,
/// case ignored.
fn norm(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A finding names a slip when its words and the slip's overlap, or its message
/// quotes the slip.
fn names(finding: &(String, String), slip: &str) -> bool {
    let (words, message) = finding;
    (!words.is_empty() && (words.contains(slip) || slip.contains(words.as_str())))
        || message.contains(slip)
}

fn score_report(set: &Path, key: &Value, score: &mut Score) {
    let file = set.join("reports").join(key["report"].as_str().unwrap());
    let report = check_file(
        &file,
        &read::Overrides::default(),
        &check::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
    score.reports += 1;

    let found = report
        .inferred
        .as_ref()
        .and_then(|f| f.period.as_ref())
        .map(|p| (p.value.start.to_string(), p.value.end.to_string()));
    let expected = key["period"].as_object().map(|p| {
        let day = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
        (day(&p["start"]), day(&p["end"]))
    });
    score.periods_right += usize::from(found == expected);

    for item in key["criteria"].as_array().unwrap() {
        let Some(key_id) = criterion(item) else {
            continue;
        };
        let want = item["verdict"].as_str().unwrap();
        let got = report
            .criteria
            .iter()
            .find(|c| c.id.split_once('-').map(|(_, k)| k) == Some(key_id))
            .map(|c| c.status);
        let got_word = got.map(Status::as_str).unwrap_or("not judged");
        score.verdicts += 1;
        score.exact += usize::from(got_word == want);
        score.met_vs_not += usize::from((got == Some(Status::Met)) == (want == "met"));
    }

    let findings: Vec<(String, String)> = report
        .diagnostics
        .iter()
        .filter(|d| CLASSES.contains(&d.code.as_str()))
        .map(|d| {
            let text = report.sources.text(&d.span.file).unwrap_or("");
            let words = text.get(d.span.range.clone()).unwrap_or("");
            (norm(words), norm(&d.message))
        })
        .collect();
    let slips: Vec<String> = key["slips"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|s| norm(s["text"].as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    score.slips += slips.len();
    score.slips_found += slips
        .iter()
        .filter(|s| findings.iter().any(|f| names(f, s)))
        .count();
    score.class_findings += findings.len();
    score.false_findings += findings
        .iter()
        .filter(|f| !slips.iter().any(|s| names(f, s)))
        .count();
}

fn score(set: &str) -> Score {
    let dir = fixture(set);
    let mut keys: Vec<_> = std::fs::read_dir(dir.join("key"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    keys.sort();
    let mut score = Score::default();
    for path in keys {
        let key: Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        score_report(&dir, &key, &mut score);
    }
    println!(
        "{set}: {} reports, periods right {}/{}; verdicts exact {}/{} ({:.0}%), met-vs-not {}/{} ({:.0}%); slips found {}/{} ({:.0}%); {} findings in the classes, {} false",
        score.reports,
        score.periods_right,
        score.reports,
        score.exact,
        score.verdicts,
        100.0 * score.exact as f64 / score.verdicts as f64,
        score.met_vs_not,
        score.verdicts,
        100.0 * score.met_vs_not as f64 / score.verdicts as f64,
        score.slips_found,
        score.slips,
        100.0 * score.slips_found as f64 / score.slips as f64,
        score.class_findings,
        score.false_findings,
    );
    score
}

/// The first blind set, development material since the judge was rebuilt.
#[test]
fn the_first_set_scores_at_least_what_it_scored() {
    let s = score("heldout");
    assert_eq!(s.reports, 15);
    assert_eq!(s.periods_right, 15, "{s:?}");
    assert!(s.exact >= 195 && s.verdicts == 200, "{s:?}");
    assert!(s.met_vs_not >= 196, "{s:?}");
    assert!(s.slips_found >= 61 && s.slips == 66, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The second blind set: run once as the test set (118 of 175 verdicts exact, 50 of
/// 70 slips, 9 false findings, without the two 2023 items "transparent" and "focus",
/// which had no criterion then), development material since. These floors are what
/// it scores after the work it was read for; they say nothing of unseen reports.
#[test]
fn the_second_set_scores_at_least_what_it_scored() {
    let s = score("testset");
    assert_eq!(s.reports, 14);
    assert_eq!(s.periods_right, 14, "{s:?}");
    assert!(s.exact >= 182 && s.verdicts == 189, "{s:?}");
    assert!(s.met_vs_not >= 185, "{s:?}");
    assert!(s.slips_found >= 69 && s.slips == 70, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The second test set (tests/fixtures/testset2): fourteen reports written blind by two
/// writers on 2026-12-05, run once when the work was believed done (exact 140/189,
/// met-vs-not 150/189, slips 51/70, 2 false), development material since. These floors
/// are what it scores after the work it was read for; they say nothing of unseen reports.
#[test]
fn the_third_set_scores_at_least_what_it_scored() {
    let s = score("testset2");
    assert_eq!(s.reports, 14);
    assert!(s.periods_right >= 14, "{s:?}");
    assert!(s.exact >= 183 && s.verdicts == 189, "{s:?}");
    assert!(s.met_vs_not >= 185, "{s:?}");
    assert!(s.slips_found >= 70 && s.slips == 70, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The fourth set (tests/fixtures/testset3, the third test set): fourteen reports written
/// blind by two more writers on 2026-12-05, after testset2 had become development
/// material; copied in unread and run when the work was believed done (exact 124/189,
/// met-vs-not 137/189, slips 56/70, 8 false), development material since 21:40 on
/// 2026-12-05. Its floors are what it scores after the work it was read for.
#[test]
fn the_fourth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset3");
    assert_eq!(s.reports, 14);
    assert!(s.periods_right >= 14, "{s:?}");
    assert!(s.exact >= 173 && s.verdicts == 189, "{s:?}");
    assert!(s.met_vs_not >= 178, "{s:?}");
    assert!(s.slips_found >= 70 && s.slips == 70, "{s:?}");
    assert!(s.false_findings <= 2, "{s:?}");
}

/// The fifth set (tests/fixtures/testset4, the fourth test set): twenty-one reports
/// written blind by three writers on 2026-12-05 while the judge was being changed on the
/// other four sets; copied in unread and run once, when the work was believed done
/// (exact 234/286, met-vs-not 247/286, slips 89/105, 4 false, periods 19/21);
/// development material since 00:12 on 2026-12-06. Its floors are what it scores after
/// the work it was read for.
#[test]
fn the_fifth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset4");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 270 && s.verdicts == 286, "{s:?}");
    assert!(s.met_vs_not >= 278, "{s:?}");
    assert!(s.slips_found >= 101 && s.slips == 105, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The sixth set (tests/fixtures/testset5, the fifth test set): twenty-one reports
/// written blind by three more writers on 2026-12-06 while the judge was being changed
/// on the other five sets; copied in unread and run once, when the work was believed
/// done (exact 246/286, met-vs-not 255/286, slips 92/105, 4 false, periods 21/21);
/// development material since 01:51 on 2026-12-06. Its floors are what it scores after
/// the work it was read for.
#[test]
fn the_sixth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset5");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 262 && s.verdicts == 286, "{s:?}");
    assert!(s.met_vs_not >= 269, "{s:?}");
    assert!(s.slips_found >= 98 && s.slips == 105, "{s:?}");
    assert!(s.false_findings <= 1, "{s:?}");
}

/// The seventh set (tests/fixtures/testset6, the sixth test set): twenty-one reports
/// written blind by three more writers on 2026-12-06 while the judge was being changed
/// on the other six sets; copied in unread and run once, when the work was believed
/// done (exact 259/291, met-vs-not 273/291). Its floors are raised to what the judge
/// as left on 2026-12-06 scores (261, 275), seen only as these totals.
#[test]
fn the_seventh_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset6");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 265 && s.verdicts == 291, "{s:?}");
    assert!(s.met_vs_not >= 278, "{s:?}");
    assert!(s.slips_found >= 97 && s.slips == 105, "{s:?}");
    assert!(s.false_findings <= 2, "{s:?}");
}

/// The eighth set (tests/fixtures/testset7, a second test set): twenty-one reports
/// written blind by three more writers on 2026-12-06 (metropolitan boroughs with
/// scorecards and sub-group reports; smaller councils with a year-in-review timeline
/// and a youth board's questions; joint partnerships in part easy-read, with data
/// annexes), copied in unread and run once on the judge testset6 was run on (exact 240,
/// met-vs-not 253/286: 88%, under the 90% goal); development material since 06:04 the
/// next session. Its floors are what it scores after the work it was read for.
#[test]
fn the_eighth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset7");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 252 && s.verdicts == 286, "{s:?}");
    assert!(s.met_vs_not >= 261, "{s:?}");
    assert!(s.slips_found >= 98 && s.slips == 105, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The ninth set (tests/fixtures/testset8, the test set for the judge as left on
/// 2026-12-06): twenty-one reports written blind by three more writers, copied in
/// unread and run once (met-vs-not 255/291, 88%; 13 false of 117 findings, 11%);
/// development material since 06:04 the next session. Its floors are what it scores
/// after the work it was read for; they say nothing of unseen reports.
#[test]
fn the_ninth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset8");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 258 && s.verdicts == 291, "{s:?}");
    assert!(s.met_vs_not >= 269, "{s:?}");
    assert!(s.slips_found >= 100 && s.slips == 105, "{s:?}");
    assert!(s.false_findings == 0, "{s:?}");
}

/// The tenth set (tests/fixtures/testset9, the test set for the judge as left on
/// 2026-12-06 at 06:59): twenty-one reports written blind by three more writers,
/// copied in unread and run once. Its floors are the scores of that run (see its
/// TEST-SET.md, which also says what of its keys was seen by accident before it).
#[test]
fn the_tenth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset9");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 248 && s.verdicts == 291, "{s:?}");
    assert!(s.met_vs_not >= 264, "{s:?}");
    assert!(s.slips_found >= 96 && s.slips == 105, "{s:?}");
    assert!(s.false_findings <= 2, "{s:?}");
}

/// The eleventh set (tests/fixtures/testset10, the test set for the judge as left on
/// 2026-12-06 at 08:02): twenty-one reports written blind by three more writers,
/// copied in unread and run once. Its floors are the scores of that run.
#[test]
fn the_eleventh_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset10");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 252 && s.verdicts == 291, "{s:?}");
    assert!(s.met_vs_not >= 267, "{s:?}");
    assert!(s.slips_found >= 100 && s.slips == 105, "{s:?}");
    assert!(s.false_findings <= 2, "{s:?}");
}

/// The twelfth set (tests/fixtures/testset11, the test set for the judge as left on
/// 2026-12-06 at 10:26): twenty-one reports written blind by three more writers,
/// copied in unread and run once. Its floors are the scores of that run.
#[test]
fn the_twelfth_set_scores_at_least_what_it_scored_when_first_run() {
    let s = score("testset11");
    assert_eq!(s.reports, 21);
    assert!(s.periods_right >= 21, "{s:?}");
    assert!(s.exact >= 247 && s.verdicts == 286, "{s:?}");
    assert!(s.met_vs_not >= 262, "{s:?}");
    assert!(s.slips_found >= 93 && s.slips == 105, "{s:?}");
    assert!(s.false_findings <= 2, "{s:?}");
}
