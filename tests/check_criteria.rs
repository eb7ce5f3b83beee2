//! The statutory criteria, judged on substance. `tests/fixtures/check/complete/` meets
//! every criterion of both packs; each test damages a copy of it (or starts from the
//! bare base project) and asserts the criterion's status, the finding's severity and
//! what the matrix says.

mod check_support;
mod common;

use check_support::*;
use safeguarding_report::Severity;
use safeguarding_report::check::{Options, Status};
use safeguarding_report::model::Guidance;

const WT18: [&str; 11] = [
    "WT18-PERIOD",
    "WT18-ACTIVITY",
    "WT18-REVIEWS",
    "WT18-EFFECTIVENESS",
    "WT18-IMPACT",
    "WT18-NO-PROGRESS",
    "WT18-REVIEW-ACTIONS",
    "WT18-VOICE",
    "WT18-SCRUTINY",
    "WT18-FUNDING",
    "WT18-PUBLICATION",
];

fn wt2023() -> Options {
    Options {
        guidance: Some(Guidance::Wt2023),
    }
}

#[test]
fn the_complete_report_meets_every_criterion_of_both_packs_with_no_finding() {
    let report = check(&project("complete"));
    let ids: Vec<&str> = report.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, WT18, "the WT2018 pack in the guidance's order");
    for c in &report.criteria {
        assert_eq!(c.status, Status::Met, "{}: {}", c.id, c.reason);
        assert!(!c.evidence.is_empty(), "{} is met with no evidence", c.id);
    }
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);

    let report = check_with(&project("complete"), &wt2023());
    assert_eq!(report.criteria.len(), 17);
    for extra in [
        "WT23-TRANSPARENT",
        "WT23-FOCUS",
        "WT23-PARTNERS",
        "WT23-EDUCATION",
        "WT23-DATA",
        "WT23-PUBLISH-BY",
    ] {
        assert_eq!(
            status(&report, extra),
            Status::Met,
            "{}",
            criterion(&report, extra).reason
        );
    }
    assert!(report.criteria.iter().all(|c| c.status == Status::Met));
}

#[test]
fn a_bare_report_misses_the_must_items_as_errors_and_the_rest_at_their_severity() {
    let report = check(&project("base"));
    for id in ["WT18-ACTIVITY", "WT18-REVIEWS", "WT18-EFFECTIVENESS"] {
        assert_eq!(status(&report, id), Status::Missing, "{id}");
        assert_eq!(severity(&report, id), Some(Severity::Error), "{id}");
    }
    for id in [
        "WT18-IMPACT",
        "WT18-VOICE",
        "WT18-SCRUTINY",
        "WT18-REVIEW-ACTIONS",
    ] {
        assert_eq!(status(&report, id), Status::Missing, "{id}");
        assert_eq!(severity(&report, id), Some(Severity::Warning), "{id}");
    }
    assert_eq!(status(&report, "WT18-PUBLICATION"), Status::Missing);
    assert_eq!(severity(&report, "WT18-PUBLICATION"), Some(Severity::Info));
    // A missing criterion points at the report as a whole: its title in report.yaml.
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "WT18-ACTIVITY")
        .unwrap();
    assert_eq!(d.location(&report.sources), "report.yaml:6:1");
}

#[test]
fn a_period_that_is_not_twelve_months_is_partial_and_says_its_length() {
    let p = project("complete");
    change(&p, "report.yaml", "end: 2023-03-31", "end: 2023-06-30");
    let report = check(&p);
    // A 15-month report reports on the year's activity, but not on a 12-month period.
    assert_eq!(status(&report, "WT18-PERIOD"), Status::Partial);
    assert_eq!(severity(&report, "WT18-PERIOD"), Some(Severity::Warning));
    assert!(
        criterion(&report, "WT18-PERIOD")
            .reason
            .contains("1 April 2022 to 30 June 2023 (as report.yaml states): 15 months, not 12"),
        "{}",
        criterion(&report, "WT18-PERIOD").reason
    );
}

#[test]
fn a_declaration_without_evidence_is_partial_not_met() {
    let p = project("base");
    std::fs::write(
        p.join("content/01-voice.md"),
        "---\nid: voice\ntitle: Voice of the child\norder: 1\ncriteria: [WT18-VOICE, WT18-ACTIVITY]\n---\nChildren matter to us.\n",
    )
    .unwrap();
    let report = check(&p);
    for id in ["WT18-VOICE", "WT18-ACTIVITY"] {
        let c = criterion(&report, id);
        assert_eq!(c.status, Status::Partial, "{id}: {}", c.reason);
        assert!(
            c.reason.contains("\"1 Voice of the child\" declares it"),
            "{}",
            c.reason
        );
    }
    // A must-item met only in part is at most a warning, so the report still builds.
    assert_eq!(severity(&report, "WT18-ACTIVITY"), Some(Severity::Warning));
    // The finding points at the declaration.
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "WT18-VOICE")
        .unwrap();
    assert_eq!(d.location(&report.sources), "content/01-voice.md:5:12");
}

#[test]
fn saying_there_were_no_reviews_meets_the_reviews_criterion() {
    let p = project("base");
    std::fs::write(
        p.join("content/01-reviews.md"),
        "---\nid: reviews\ntitle: Case reviews\norder: 1\n---\nNo child safeguarding practice reviews were commissioned in 2022-23.\n",
    )
    .unwrap();
    let report = check(&p);
    assert_eq!(
        status(&report, "WT18-REVIEWS"),
        Status::Met,
        "{}",
        criterion(&report, "WT18-REVIEWS").reason
    );
}

#[test]
fn effectiveness_needs_evidence_and_no_admission_that_it_is_missing() {
    let p = project("complete");
    change(
        &p,
        "content/01-year.md",
        "A multi-agency audit of 60 cases found that threshold decisions at the front door are effective in 93% of cases.",
        "The arrangements are effective.",
    );
    let report = check(&p);
    assert_eq!(status(&report, "WT18-EFFECTIVENESS"), Status::Partial);
    assert!(
        criterion(&report, "WT18-EFFECTIVENESS")
            .reason
            .contains("none rests on evidence")
    );

    let p = project("complete");
    change(
        &p,
        "content/01-year.md",
        "## What changed",
        "In summary there is not a robust multi-agency dataset to plan and review services.\n\n## What changed",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-EFFECTIVENESS");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason.contains("not a robust multi-agency dataset"),
        "{}",
        c.reason
    );
    // The finding points at the admission.
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "WT18-EFFECTIVENESS")
        .unwrap();
    assert!(
        d.location(&report.sources)
            .starts_with("content/01-year.md:19:"),
        "{}",
        d.location(&report.sources)
    );
}

#[test]
fn impact_names_the_parts_of_the_continuum_without_evidence() {
    let p = project("complete");
    change(
        &p,
        "content/01-year.md",
        "More care leavers are in education, training or employment: 65%, up from 50% last year.",
        "",
    );
    change(
        &p,
        "content/01-year.md",
        "Audits show that practitioners who attended the neglect course used the graded care profile more: its use improved from 40% to 75% of cases.",
        "We ran 79 courses for 1,408 people. The arrangements to evaluate the impact of training on practice have not gone live.",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-IMPACT");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason
            .contains("but not for care leavers; training (the report says"),
        "{}",
        c.reason
    );
    assert!(!c.reason.contains("not for early help"), "{}", c.reason);
    assert_eq!(severity(&report, "WT18-IMPACT"), Some(Severity::Warning));
}

#[test]
fn a_stalled_priority_without_analysis_is_not_analysed() {
    let p = project("complete");
    change(
        &p,
        "content/priorities/02-1-neglect.md",
        "Progress on neglect was slow because the needs analysis was delayed until March 2023. The partners will complete it by June 2023 and then revise the strategy.",
        "The neglect group met four times.",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-NO-PROGRESS");
    assert_eq!(c.status, Status::Missing, "{}", c.reason);
    assert!(
        c.reason
            .contains("Neglect (little progress; the section says neither why nor what next)"),
        "{}",
        c.reason
    );
    // A priority whose progress is good needs no such analysis.
    change(
        &p,
        "content/priorities/02-1-neglect.md",
        "progress: little",
        "progress: good",
    );
    assert_eq!(status(&check(&p), "WT18-NO-PROGRESS"), Status::Met);
}

#[test]
fn recommendations_without_actions_are_named() {
    let p = project("complete");
    change(
        &p,
        "content/reviews/03-1-child-b.md",
        "      actions:\n        - A bruising protocol was agreed and 200 staff were trained.\n",
        "",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-REVIEW-ACTIONS");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason.contains("1 of 2 recommendations")
            && c.reason
                .contains("no actions for: Child B recommendation 2"),
        "{}",
        c.reason
    );
}

#[test]
fn feedback_sought_but_not_used_is_partial() {
    let p = project("complete");
    change(
        &p,
        "content/04-voice.md",
        " The survey's findings were built into the new online safety guide for schools.",
        "",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-VOICE");
    assert_eq!(c.status, Status::Partial);
    assert!(c.reason.contains("not how it was used"), "{}", c.reason);
}

#[test]
fn the_scrutineers_evaluation_must_be_there_and_evaluate() {
    let p = project("complete");
    std::fs::remove_file(p.join("content/06-scrutiny.md")).unwrap();
    let report = check(&p);
    assert_eq!(status(&report, "WT18-SCRUTINY"), Status::Missing);

    let p = project("complete");
    std::fs::write(
        p.join("content/06-scrutiny.md"),
        "---\nid: scrutiny\ntitle: Independent scrutiny\norder: 6\n---\nThe Independent Scrutineer read this report.\n",
    )
    .unwrap();
    let report = check(&p);
    let c = criterion(&report, "WT18-SCRUTINY");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason.contains("carries little evaluation"),
        "{}",
        c.reason
    );
}

#[test]
fn every_statutory_partner_needs_a_contribution() {
    let p = project("complete");
    change(
        &p,
        "content/data/funding.yaml",
        "  - {partner: Testshire Integrated Care Board, amount: 60000}\n",
        "",
    );
    change(
        &p,
        "content/data/funding.yaml",
        "amount: 300000",
        "amount: 240000",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-FUNDING");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason
            .contains("no row names Testshire Integrated Care Board"),
        "{}",
        c.reason
    );
    // A row may name a partner differently, if report.yaml says so.
    change(
        &p,
        "content/data/funding.yaml",
        "{partner: Testshire Police, amount: 40000}",
        "{partner: Police, amount: 40000}",
    );
    std::fs::write(
        p.join("report.yaml"),
        std::fs::read_to_string(p.join("report.yaml")).unwrap()
            + "check:\n  aliases:\n    icb: [Health]\n",
    )
    .unwrap();
    change(
        &p,
        "content/data/funding.yaml",
        "rows:\n",
        "rows:\n  - {partner: Health, amount: 60000}\n",
    );
    change(
        &p,
        "content/data/funding.yaml",
        "amount: 240000",
        "amount: 300000",
    );
    assert_eq!(status(&check(&p), "WT18-FUNDING"), Status::Met);
}

#[test]
fn the_copy_to_the_panel_must_go_within_seven_days() {
    let p = project("complete");
    change(
        &p,
        "report.yaml",
        "copy_to_panel: 2023-09-05",
        "copy_to_panel: 2023-09-11",
    );
    let report = check(&p);
    let c = criterion(&report, "WT18-PUBLICATION");
    assert_eq!(c.status, Status::Partial);
    assert!(
        c.reason.contains("10 days after publication"),
        "{}",
        c.reason
    );
    assert_eq!(severity(&report, "WT18-PUBLICATION"), Some(Severity::Info));
}

#[test]
fn a_partial_criterion_stays_a_warning_whatever_the_configuration() {
    let p = project("base");
    std::fs::write(
        p.join("content/01-effective.md"),
        "---\nid: effective\ntitle: Effectiveness\norder: 1\n---\nThe arrangements are effective.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("report.yaml"),
        std::fs::read_to_string(p.join("report.yaml")).unwrap()
            + "check:\n  rules:\n    WT18-EFFECTIVENESS: error\n    WT18-REVIEWS:\n      severity: info\n      reason: No reviews this year; said in the foreword.\n",
    )
    .unwrap();
    let report = check(&p);
    assert_eq!(status(&report, "WT18-EFFECTIVENESS"), Status::Partial);
    assert_eq!(
        severity(&report, "WT18-EFFECTIVENESS"),
        Some(Severity::Warning)
    );
    // A missing criterion takes the configured severity, with the reason shown.
    assert_eq!(severity(&report, "WT18-REVIEWS"), Some(Severity::Info));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "WT18-REVIEWS")
        .unwrap();
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("report.yaml sets WT18-REVIEWS to info: No reviews this year"),
        "{:?}",
        d.help
    );
}

#[test]
fn the_pack_follows_the_period_and_to_confirm_items_are_never_errors() {
    let p = project("complete");
    change(&p, "report.yaml", "guidance: wt2018\n", "");
    change(&p, "report.yaml", "start: 2022-04-01", "start: 2023-04-01");
    change(&p, "report.yaml", "end: 2023-03-31", "end: 2024-03-31");
    change(
        &p,
        "report.yaml",
        "published: 2023-09-01",
        "published: 2024-11-01",
    );
    change(
        &p,
        "report.yaml",
        "copy_to_panel: 2023-09-05",
        "copy_to_panel: 2024-11-04",
    );
    std::fs::remove_file(p.join("content/06-scrutiny.md")).unwrap();
    change(
        &p,
        "content/01-year.md",
        "The lead safeguarding partners are the Chief Constable, the Chief Executive of Testshire Council and the Chief Executive of the ICB. Each named a delegated safeguarding partner. The lead safeguarding partners signed off this report on 20 September 2023.",
        "",
    );
    let report = check(&p);
    assert_eq!(report.guidance, Guidance::Wt2023);
    assert_eq!(status(&report, "WT23-SCRUTINY"), Status::Missing);
    assert_eq!(severity(&report, "WT23-SCRUTINY"), Some(Severity::Warning));
    assert_eq!(status(&report, "WT23-PARTNERS"), Status::Missing);
    assert_eq!(severity(&report, "WT23-PARTNERS"), Some(Severity::Warning));
    assert_eq!(status(&report, "WT23-PUBLISH-BY"), Status::Missing);
    assert_eq!(severity(&report, "WT23-PUBLISH-BY"), Some(Severity::Info));
    assert!(
        criterion(&report, "WT23-PUBLISH-BY")
            .reason
            .contains("after 30 September 2024")
    );
    for r in safeguarding_report::check::rules()
        .iter()
        .filter(|r| r.to_confirm)
    {
        assert!(
            r.severity < Severity::Error,
            "{} is to confirm but an error",
            r.id
        );
        assert!(
            r.explain().contains("To confirm"),
            "{}'s documentation says it is to confirm",
            r.id
        );
    }
}
