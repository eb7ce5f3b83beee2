//! Analysis of priorities with little or no progress.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::NoProgress,
    judge: no_progress,
    wwc: false,
    title: "Analysis of priorities with little or no progress",
    met_when: "analyses every priority where progress was little or none",
    quote18: "The report should include \"an analysis of any areas where there has been little or no evidence of progress on agreed priorities\".",
    quote23: "The 2018 item is carried over (to confirm).",
    what: "Reads each priority's `priority:` block: for every priority whose `progress` is `little` or `none`, the priority's section (and its sub-sections) must say why (because, due to, pending, delayed, lack of…) and what happens next (will, next steps, need to…). Partial when some such priorities are not analysed, or when the report records no priority's progress at all.",
    example: "priority:\n  name: Neglect\n  progress: little\n# …and a section that only lists what was done: partial",
    fix: "For each priority with little or no progress, say why, and what the partners will do about it and by when.",
    fix_printed: None,
};

re!(
    REASON,
    r"(?i)\b(because|due to|as a result of|owing to|pending|delay(ed|s)?|lack of|not yet|yet to|stalled|slower than|challeng\w+|barriers?|difficult\w*|insufficient|has not progressed|not progressed|hampered|impeded|limited|not (been )?(completed|started|achieved))\b"
);

re!(
    REASON_STRONG,
    r"(?i)\b(because|due to|owing to|pending|delay(ed|s)?|not yet|yet to|stalled|slower than|has not progressed|not progressed)\b"
);

re!(
    NEXT,
    r"(?i)\b(will|next steps?|need to|needs to|plan(ned)? (to|for)|moving forward|going forward|further work|to be (undertaken|addressed|launched|developed|reviewed))\b"
);

re!(
    LITTLE_PROGRESS,
    r"(?i)\b(little|no|limited|slow|slower) (evidence of )?progress|has not progressed|not progressed well|stalled|pace of change (has been|was) slower"
);

/// NO-PROGRESS when no section records a priority's progress.
fn no_priorities(ctx: &Ctx, r: &Reading) -> Judgement {
    let admitted: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| LITTLE_PROGRESS.is_match(s.text))
        .collect();
    let spans: Vec<Ev> = admitted.iter().map(|s| span_of(ctx, s)).collect();
    let mut j = Judgement::new(
        Status::Partial,
        spans,
        if admitted.is_empty() {
            "the report records no priority's progress (no `priority:` block), so no analysis of little or no progress can be found.".to_string()
        } else {
            format!(
                "the report admits little progress ({}) but records no priority's progress in a `priority:` block, so the analysis cannot be tied to its priorities.",
                quote(admitted[0].text)
            )
        },
    );
    j.at = None;
    j
}

/// NO-PROGRESS when every recorded priority made some or good progress.
fn all_progressing(ctx: &Ctx, priorities: &[(usize, &crate::model::Priority)]) -> Judgement {
    let names: Vec<String> = priorities
        .iter()
        .map(|(_, p)| format!("{} ({})", p.name, progress_name(p.progress)))
        .collect();
    let spans = priorities
        .iter()
        .map(|(i, _)| Ev::from(ctx.document.sections[*i].span.clone()))
        .collect();
    Judgement::new(
        Status::Met,
        spans,
        format!(
            "no priority made little or no progress: {}.",
            names.join(", ")
        ),
    )
}

fn no_progress(ctx: &Ctx, r: &Reading) -> Judgement {
    let priorities: Vec<(usize, &crate::model::Priority)> = ctx
        .document
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.priority.as_ref().map(|p| (i, p)))
        .collect();
    let analysed = |sections: &[usize]| -> (Option<&Sentence>, Option<&Sentence>) {
        let mine = |s: &&Sentence| sections.contains(&s.section);
        // The plainest statement of why: one that speaks of progress or delay, else any.
        let why = r
            .sentences
            .iter()
            .filter(mine)
            .filter(|s| REASON.is_match(s.text))
            .max_by_key(|s| {
                usize::from(REASON_STRONG.is_match(s.text)) * 2 + usize::from(NEXT.is_match(s.text))
            });
        (
            why,
            r.sentences
                .iter()
                .filter(mine)
                .find(|s| NEXT.is_match(s.text)),
        )
    };
    if priorities.is_empty() {
        return no_priorities(ctx, r);
    }
    let stalled: Vec<&(usize, &crate::model::Priority)> = priorities
        .iter()
        .filter(|(_, p)| matches!(p.progress, Progress::Little | Progress::None))
        .collect();
    if stalled.is_empty() {
        return all_progressing(ctx, &priorities);
    }
    let mut spans = Vec::new();
    let mut done = Vec::new();
    let mut not = Vec::new();
    for (i, p) in &stalled {
        let (why, next) = analysed(&family(ctx, *i));
        match (why, next) {
            (Some(w), Some(_)) => {
                spans.push(span_of(ctx, w));
                done.push(format!(
                    "{} ({}: {})",
                    p.name,
                    progress_name(p.progress),
                    quote(w.text)
                ));
            }
            (w, n) => {
                spans.push(ctx.document.sections[*i].span.clone().into());
                let lacks = match (w, n) {
                    (None, None) => "neither why nor what next",
                    (None, Some(_)) => "not why",
                    _ => "not what happens next",
                };
                not.push(format!(
                    "{} ({}; the section says {lacks})",
                    p.name,
                    progress_name(p.progress)
                ));
            }
        }
    }
    if done.is_empty() {
        Judgement::new(
            Status::Missing,
            spans,
            format!(
                "no priority with little or no progress is analysed: {}.",
                not.join("; ")
            ),
        )
    } else if !not.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "analysed: {}; not analysed: {}.",
                done.join("; "),
                not.join("; ")
            ),
        )
    } else {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "every priority with little or no progress is analysed, saying why and what next: {}.",
                done.join("; ")
            ),
        )
    }
}

fn progress_name(p: Progress) -> &'static str {
    match p {
        Progress::Good => "good progress",
        Progress::Some => "some progress",
        Progress::Little => "little progress",
        Progress::None => "no progress",
    }
}
