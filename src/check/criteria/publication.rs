//! Where it is published; a copy to the national panel within seven days.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Publication,
    judge: publication,
    wwc: false,
    title: "Where it is published; a copy to the national panel within seven days",
    met_when: "records where it is published and the copy sent to the national panel within seven days",
    quote18: "The report should be widely available and the published arrangements say where; a copy goes to the Child Safeguarding Practice Review Panel and the What Works Centre for Children's Social Care within seven days of publication (to confirm).",
    quote23: "A copy goes to the Child Safeguarding Practice Review Panel and the Department for Education within seven days of publication (to confirm).",
    what: "Reads `publication:` in report.yaml: `website` for where the report is published, and `published` and `copy_to_panel` for the copy sent to the national panel within seven days.",
    example: "publication:\n  website: https://example.org/   # no copy_to_panel: partial",
    fix: "Add `published:` and `copy_to_panel:` dates under `publication:` in report.yaml once the report is out.",
    fix_printed: Some(
        "Say in the report where it is published and when, and when the copy went to the Child Safeguarding Practice Review Panel: \"A copy was sent to the Panel on 3 October 2022.\"",
    ),
};

// Where the report is published: "published on our website", "This report is on the
// partnership's website".
re!(
    PUBLISHED_WHERE,
    r"(?i)\b(published|available|put|placed|posted|is|are|was|were|be found|be read) (now )?(on|at|from) (our|the) ([\w'’]+ ){0,3}(website|web ?site|webpages?)"
);

// The report itself, not the learning briefings "published on the partnership's
// webpages".
re!(
    ABOUT_REPORT,
    r"(?i)\b(this|the|our) (annual |yearly )?report\b|^it\b|\bcop(y|ies)\b"
);

// The national bodies a copy of the report goes to.
re!(
    NATIONAL_BODY,
    r"(?i)\b(child safeguarding practice review panel|national panel|the panel|what works centre|department for education|dfe)\b"
);

// Sending the report itself ("a copy", "it", "this report"), in any tense: "A copy
// will be sent to …", "Within seven days we will send it to …".
re!(
    SENDING_REPORT,
    r"(?i)\b(cop(y|ies)|this (annual |yearly )?report|the (annual |yearly )?report|it)\b[^.]{0,80}\b(sent|send|sending|submitted|submit|shared with|provided to|forwarded|goes to|go to)\b|\b(send|sent|submit|submitted|forward|forwarded|share|shared)\s+(a copy|copies|it|this report|the report)\b"
);

// Case work the national panel receives too: a rapid review or a notification sent
// to it is not the report.
re!(
    CASE_WORK,
    r"(?i)\brapid reviews?\b|\bnotifications?\b|\bnotif(y|ied)\b|\blocal (child safeguarding practice )?reviews?\b"
);

re!(WITHIN_SEVEN, r"(?i)\bwithin (seven|7) (working )?days\b");

// What a partnership asks of itself or quotes, not what it does.
re!(
    OBLIGATION,
    r"(?i)\b(should|must|are required to|is required to)\b"
);

/// What the report's own sentences say of the copy to the national bodies: whether
/// one is recorded, and whether within seven days.
fn copy_in_text(r: &Reading) -> (bool, bool) {
    let copies: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            NATIONAL_BODY.is_match(s.text)
                && SENDING_REPORT.is_match(s.text)
                && !OBLIGATION.is_match(s.text)
                && !CASE_WORK.is_match(s.text)
        })
        .collect();
    let in_time = copies.iter().any(|s| WITHIN_SEVEN.is_match(s.text));
    (!copies.is_empty(), in_time)
}

fn publication(ctx: &Ctx, r: &Reading) -> Judgement {
    let p = &ctx.facts.publication;
    // "report.yaml", or "the report" when the details were read from its text.
    let source = match &p.origin {
        crate::assemble::Origin::Stated { span } => span.file.to_string(),
        _ => "the report".to_string(),
    };
    let where_text: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| PUBLISHED_WHERE.is_match(s.text) && ABOUT_REPORT.is_match(s.text))
        .collect();
    let span = publication_span(ctx);
    let where_ = p.website.is_some() || !where_text.is_empty();
    let copy = match (p.published, p.copy_to_panel) {
        (Some(published), Some(copy)) => {
            Some(copy.days_since_epoch() - published.days_since_epoch())
        }
        _ => None,
    };
    let (copy_said, copy_in_time) = copy_in_text(r);
    let copy_ok =
        copy.is_some_and(|d| (0..=7).contains(&d)) || p.copy_within_seven_days || copy_in_time;
    // A copy recorded without saying when (or late) is the item met in part.
    let copy_said = copy_said || copy.is_some();
    // The 2023 edition's item is the copy to the Panel and the Department for
    // Education; where the report is published is the 2018 edition's too.
    if ctx.guidance == crate::model::Guidance::Wt2023 && !copy_ok {
        // A copy sent late is the item met in part; none recorded is missing.
        let mut j = Judgement::new(
            if copy_said {
                Status::Partial
            } else {
                Status::Missing
            },
            vec![],
            match copy {
                Some(d) => format!(
                    "the copy to the national panel went {d} days after publication, not within seven."
                ),
                None if copy_said => format!(
                    "{source} records a copy sent to the national bodies, but not that it goes within seven days of publication."
                ),
                None => format!(
                    "{source} does not record a copy sent to the Child Safeguarding Practice Review Panel and the Department for Education within seven days of publication."
                ),
            },
        );
        j.at = Some(span);
        return j;
    }
    let where_ = where_ || ctx.guidance == crate::model::Guidance::Wt2023;
    let mut j = match (where_, copy_ok || copy_said && !where_) {
        (true, true) => Judgement::new(
            Status::Met,
            vec![span.clone().into()],
            format!(
                "{source} records where the report is published and a copy to the national panel within seven days."
            ),
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            match copy {
                Some(d) => format!(
                    "the copy to the national panel went {d} days after publication, not within seven."
                ),
                None if ctx.checked() == crate::check::Checked::Project => format!(
                    "{source} records where the report is published, but not its publication date and the copy sent to the national panel (`published`, `copy_to_panel`)."
                ),
                None if copy_said => "the report says where it is published and that a copy goes to the national bodies, but not within seven days of publication.".to_string(),
                None => "the report says where it is published, but not that a copy went to the national panel within seven days.".to_string(),
            },
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            if ctx.checked() == crate::check::Checked::Project {
                format!(
                    "{source} records the copy to the national panel, but not where the report is published (`website`)."
                )
            } else {
                "the report records the copy to the national panel, but not where it is published.".to_string()
            },
        ),
        (false, false) => Judgement::new(
            Status::Missing,
            vec![],
            "neither where the report is published nor a copy to the national panel is recorded.",
        ),
    };
    j.at = Some(span);
    j
}
