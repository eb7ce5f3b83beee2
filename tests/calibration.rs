//! What the checker counts as met, partial and missing on a report it reads from a
//! file, for the criteria whose calibration comes from the reference's words rather
//! than from one report's phrasing: who signs the report off, why the partners'
//! shares are what they are, what education contributed, and whether a report says
//! anything of its own publication. Each test changes one sentence of a small report
//! and asserts the verdict a scrutineer would give it.

mod common;

use std::path::Path;

use common::*;
use safeguarding_report::check::{self, Report, Status};
use safeguarding_report::read::Overrides;
use safeguarding_report::{Error, check_file};

/// A 2024-25 report (the 2023 edition) of a made-up partnership, with `body` as its
/// last chapter.
fn report(body: &str) -> String {
    format!(
        "# Eastmere Safeguarding Children Partnership: Yearly Report 2024-25\n\n\
         ## About this report\n\n\
         This report covers 1 April 2024 to 31 March 2025. The partnership brings \
         together Eastmere Council, Eastmere Police and NHS Eastmere Integrated Care \
         Board.\n\n\
         ## What we did\n\n\
         The partners opened two family hubs and ran a joint audit of neglect cases.\n\n\
         {body}\n"
    )
}

fn check_text(dir: &Path, text: &str) -> Report {
    let path = dir.join("report.md");
    std::fs::write(&path, text).unwrap();
    match check_file(&path, &Overrides::default(), &check::Options::default()) {
        Ok(r) => r,
        Err(Error::Input(f)) => panic!("check could not run:\n{}", f.render(false)),
        Err(e) => panic!("check could not run: {e}"),
    }
}

fn status(report: &Report, id: &str) -> (Status, String) {
    let c = report
        .criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id} in the matrix"));
    (c.status, c.reason.clone())
}

/// The signers are the people named before "on behalf of": delegates approving the
/// report on behalf of the lead safeguarding partners have signed it in their place.
/// What is signed is the report, not a strategy the lead partners approved.
#[test]
fn delegates_signing_on_behalf_of_the_lead_partners_is_partial() {
    let dir = scratch("calibration-partners");
    for (sentence, expected) in [
        (
            "This report was approved by the delegated safeguarding partners on behalf of the lead safeguarding partners on 10 July 2025.",
            Status::Partial,
        ),
        (
            "This report was signed off by the lead safeguarding partners on 10 July 2025.",
            Status::Met,
        ),
        // Approving something else is not signing the report off.
        (
            "The lead safeguarding partners approved the neglect strategy on 10 July 2024.",
            Status::Missing,
        ),
    ] {
        let r = check_text(&dir, &report(&format!("## Sign-off\n\n{sentence}")));
        let (got, why) = status(&r, "WT23-PARTNERS");
        assert_eq!(got, expected, "{sentence}\n{why}");
    }
}

/// Partners "agree each partner's contribution, which should be equitable and
/// proportionate": saying the amounts were agreed is half of it; saying the shares
/// are equitable and proportionate, or on what basis they were set, meets it.
#[test]
fn funding_agreed_alone_is_partial_and_fair_shares_meet_it() {
    let dir = scratch("calibration-funding");
    let table = "| Partner | Contribution |\n|---|---|\n\
                 | Eastmere Council | £120,000 |\n| Eastmere Police | £40,000 |\n\
                 | NHS Eastmere Integrated Care Board | £60,000 |\n| Total | £220,000 |";
    for (words, expected) in [
        (
            "The partners agreed these contributions in March 2024.",
            Status::Partial,
        ),
        (
            "The partners agreed these contributions in March 2024. They consider the shares equitable and proportionate to each partner's size.",
            Status::Met,
        ),
        (
            "The partners agreed these contributions in March 2024, based on the same shares as last year.",
            Status::Met,
        ),
        // A change explained is not the split explained.
        (
            "The partners agreed these contributions in March 2024. Contributions rose because the business unit grew.",
            Status::Partial,
        ),
    ] {
        let r = check_text(&dir, &report(&format!("## Funding\n\n{words}\n\n{table}")));
        let (got, why) = status(&r, "WT23-FUNDING");
        assert_eq!(got, expected, "{words}\n{why}");
    }
}

/// A seat at the executive, attending forums and making referrals are not what
/// education contributed; leading the work is.
#[test]
fn education_being_there_is_partial_and_leading_the_work_meets_it() {
    let dir = scratch("calibration-education");
    let there = "Two head teachers sit on the partnership executive. Designated \
                 safeguarding leads from 40 of 44 schools attended the termly forum. \
                 Schools made 1,210 referrals to children's social care.";
    let (got, why) = status(
        &check_text(&dir, &report(&format!("## Schools\n\n{there}"))),
        "WT23-EDUCATION",
    );
    assert_eq!(got, Status::Partial, "{why}");
    let led = format!(
        "{there} Schools led the partnership's work on attendance and completed the \
         annual safeguarding audit."
    );
    let (got, why) = status(
        &check_text(&dir, &report(&format!("## Schools\n\n{led}"))),
        "WT23-EDUCATION",
    );
    assert_eq!(got, Status::Met, "{why}");
    // One child's school in a case story is not the sector's contribution.
    let story = "Child K, aged 12, told her teacher about her uncle. Her school's \
                 designated safeguarding lead completed a referral the same day.";
    let (got, why) = status(
        &check_text(&dir, &report(&format!("## Child K's story\n\n{story}"))),
        "WT23-EDUCATION",
    );
    assert_eq!(got, Status::Missing, "{why}");
}

/// With its period stated and no publication date, a report that says where or when
/// it is published shows half the item; one that says nothing of it shows none.
#[test]
fn a_report_silent_on_its_own_publication_misses_the_publish_by_item() {
    let dir = scratch("calibration-publish-by");
    for (words, expected) in [
        (
            "The partners will review the plan in the spring.",
            Status::Missing,
        ),
        ("This report is published on our website.", Status::Partial),
        ("It will be published in the autumn.", Status::Partial),
    ] {
        let r = check_text(&dir, &report(&format!("## Next steps\n\n{words}")));
        let (got, why) = status(&r, "WT23-PUBLISH-BY");
        assert_eq!(got, expected, "{words}\n{why}");
    }
}
