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
    what: "In a project, reads each priority's `priority:` block: for every priority whose `progress` is `little` or `none`, the priority's section (and its sub-sections) must say why (because, due to, pending, delayed, lack of…) and what happens next (will, next steps, need to…). Partial when some such priorities are not analysed. A project whose priorities all made some or good progress has none to analyse: met. In a report read as published, or a project without `priority:` blocks, reads the text (a reader's guess at each priority's progress is not the partners' rating): met when the report admits an area of little progress (in words, or by rating a priority Red) and the sentences after the admission, in its paragraph or the next, analyse it (why, and what next, with a figure or at least two sentences); a reason inside the admitting sentence alone (\"less progress, because the post was vacant\") is a statement, not an analysis: partial, as is an admission alone; missing when it admits none, as a scrutineer reads a report silent on its shortfalls. A project whose priority sections do not analyse a stalled priority is met when a chapter of its own does (\"Where we have made little progress\").",
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
    r"(?i)\b(will|next steps?|need to|needs to|(we|they|partners) plan(s)? to|moving forward|going forward|further work|to be (undertaken|addressed|launched|developed|reviewed)|carri(ed|es) (forward|over)|carry (it |them )?(forward|over)|(has|have) asked|(has|have) agreed|next year|main focus)\b"
);

re!(
    LITTLE_PROGRESS,
    r"(?i)\b(little|no|limited|slow|slower|insufficient|less) (evidence of )?progress\b|\bnot (yet )?(made|making|achieved|seen|shown) (enough |sufficient |much |any |as much |the )?progress|\bprogress\b[^.]{0,50}\b(has been|was|is|remains|have been|were) (limited|slow|slower|poor|disappointing|behind)\b|\b(least|little or no) progress\b|\b(has|have) not progressed|not progressed well|\bstalled\b|\b(slower|later|harder|more difficult) than (we |had |was |were )?(planned|expected|hoped|intended)|\bmoved (more )?slowly|\bbehind (schedule|plan)|pace of change (has been|was) slower|\bnot (gone|went) (as well|to plan)|\bless confident\b|\bstarted late\b|\b(rated|rating( of)?|rag)\b[^.]{0,30}\bred\b|\bred rating\b|[(\-–—:]\s*red\b|\b(was|were|has been|have been) (delayed|paused|postponed|put on hold)\b|\bleast (progress|change|changing|difference)\b|\bremains? (our |the )?(biggest|main|greatest|largest) (worry|concern|challenge|risk)\b"
);

re!(
    CAUSE,
    r"(?i)\b(caused by|the (main )?reasons?|reasons? (is|are|was|were)|because|due to|owing to|only \d+ (of|out of)|only \d+(\.\d+)?%|we found that|analysis|hamper\w*|hinder\w*|imped\w*|prevent(ed|s)|shortage|vacan\w+|turnover|lost|reorganis\w+|restructur\w+|closed|capacity|too late|(did|has|have|had|was|were) not (yet )?(been )?(start|happen|take place|agreed|completed|delivered|filled|recruited|reduced|signed|met|approved|funded|appointed)\w*|could not)\b"
);

re!(
    AGREED,
    r"(?i)\b(agreed|decided|action plan|new plan|will|escalated|continue|carry|deadline|(has|have) (now )?(started|been appointed|been recruited)|(a|the) new \w+ (started|joined|was appointed)|by (january|february|march|april|may|june|july|august|september|october|november|december))\b"
);

re!(YEARS, r"\b(19|20)\d\d([/-]\d\d(\d\d)?)?\b");

/// NO-PROGRESS read from the text, when no section records a priority's progress (a
/// report read as published): the report admits an area of little progress ("we have
/// not made enough progress on …", or a section headed so), and the sentences that
/// follow in its section analyse it: why, and what the partners will do, with some
/// substance (three sentences or a figure). An admission alone is partial; a report
/// that admits nothing analyses nothing.
fn in_text(ctx: &Ctx, r: &Reading) -> Judgement {
    // A heading that admits it ("Priority 3: Early help (Red)") speaks through the
    // first sentence under it.
    let first_under_heading = |i: usize| {
        i == 0 || {
            let (p, s) = (&r.sentences[i - 1], &r.sentences[i]);
            p.section != s.section || ctx.units[p.unit].heading != ctx.units[s.unit].heading
        }
    };
    let admits = |i: usize| {
        let s = &r.sentences[i];
        LITTLE_PROGRESS.is_match(s.text)
            || (LITTLE_PROGRESS.is_match(&r.context[s.unit]) && first_under_heading(i))
    };
    let admissions: Vec<usize> = (0..r.sentences.len()).filter(|&i| admits(i)).collect();
    let analysed = admissions.iter().copied().find(|&i| analyses(r, i));
    let spans: Vec<Ev> = admissions
        .iter()
        .map(|&i| span_of(ctx, &r.sentences[i]))
        .collect();
    match (analysed, admissions.first()) {
        (Some(i), _) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "the report analyses where progress was little: {}, saying why and what the partners will do.",
                quote(r.sentences[i].text)
            ),
        ),
        (None, Some(&i)) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report admits little progress ({}), but does not analyse it: why, and what the partners will do about it.",
                quote(r.sentences[i].text)
            ),
        ),
        (None, None) => Judgement::new(
            Status::Missing,
            vec![],
            "the report names no priority where progress was little or none, and so analyses none.",
        ),
    }
}

/// Whether the admission of little progress at sentence `i` is analysed: why (a
/// reason, a cause, or the figures that measure the shortfall) in a sentence other
/// than the admission, and what next, with some substance (two more sentences or a
/// figure). The analysis may come before the admission in its paragraph ("82 of 151
/// children … This is where we have made the least progress") or in the two
/// paragraphs after it; a reason inside the admitting sentence alone ("less progress,
/// because the post was vacant") is a statement, not an analysis. An admission made by
/// a heading is analysed by the paragraphs under it.
fn analyses(r: &Reading, i: usize) -> bool {
    let admission = &r.sentences[i];
    let by_heading = !LITTLE_PROGRESS.is_match(admission.text);
    let start = if by_heading {
        i
    } else {
        (0..i)
            .rev()
            .take_while(|&k| r.sentences[k].unit == admission.unit)
            .last()
            .unwrap_or(i)
    };
    let window: Vec<(usize, &Sentence)> = (start..r.sentences.len())
        .map(|k| (k, &r.sentences[k]))
        .take_while(|(_, s)| s.section == admission.section)
        .take_while(|(_, s)| by_heading || s.unit <= admission.unit + 2)
        .take(12)
        .collect();
    let others = || window.iter().filter(|(k, _)| *k != i || by_heading);
    // The figures that measure the shortfall, in the admission's own paragraph ("only
    // 141 practitioners were trained against a target of 300").
    let figures = |s: &Sentence| {
        s.unit == admission.unit
            && YEARS
                .replace_all(s.text, "")
                .chars()
                .any(|c| c.is_ascii_digit())
    };
    let why = others()
        .any(|(_, s)| REASON_STRONG.is_match(s.text) || CAUSE.is_match(s.text) || figures(s));
    let next = window
        .iter()
        .any(|(_, s)| NEXT.is_match(s.text) || AGREED.is_match(s.text));
    let substance =
        others().count() >= 2 || others().any(|(_, s)| s.text.chars().any(|c| c.is_ascii_digit()));
    why && next && substance
}

/// NO-PROGRESS when no priority's heading or block says it stalled. A project's
/// `progress:` is the partners' own rating of every priority: none stalled, none to
/// analyse. A report read as published has only the progress a reader guessed from
/// its words: it is judged on its text, which may admit an area of little progress
/// elsewhere ("an area of slower progress"); one that admits no shortfall anywhere
/// has analysed none, and a scrutineer reads that silence as missing.
fn none_stalled(
    ctx: &Ctx,
    r: &Reading,
    priorities: &[(usize, &crate::model::Priority)],
) -> Judgement {
    match ctx.checked() {
        crate::check::Checked::Published => in_text(ctx, r),
        crate::check::Checked::Project => all_progressing(ctx, priorities),
    }
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

/// In a priority's sections, the plainest statement of why it stalled (one that speaks
/// of progress or delay, else any reason) and the first of what happens next.
fn why_and_next<'r, 'a>(
    r: &'r Reading<'a>,
    sections: &[usize],
) -> (Option<&'r Sentence<'a>>, Option<&'r Sentence<'a>>) {
    let mine = |s: &&Sentence| sections.contains(&s.section);
    let why = r
        .sentences
        .iter()
        .filter(mine)
        .filter(|s| REASON.is_match(s.text))
        .max_by_key(|s| {
            usize::from(REASON_STRONG.is_match(s.text)) * 2 + usize::from(NEXT.is_match(s.text))
        });
    let next = r
        .sentences
        .iter()
        .filter(mine)
        .find(|s| NEXT.is_match(s.text));
    (why, next)
}

fn no_progress(ctx: &Ctx, r: &Reading) -> Judgement {
    let priorities: Vec<(usize, &crate::model::Priority)> = ctx
        .document
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.priority.as_ref().map(|p| (i, p)))
        .collect();
    let analysed = |sections: &[usize]| why_and_next(r, sections);
    if priorities.is_empty() {
        return in_text(ctx, r);
    }
    let stalled: Vec<&(usize, &crate::model::Priority)> = priorities
        .iter()
        .filter(|(_, p)| matches!(p.progress, Progress::Little | Progress::None))
        .collect();
    if stalled.is_empty() {
        return none_stalled(ctx, r, &priorities);
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
    // A report may analyse its stalled priorities in a chapter of their own ("Where we
    // have made little progress"), away from the priorities' sections.
    if !not.is_empty() {
        let in_chapter = in_text(ctx, r);
        if in_chapter.status == Status::Met {
            return in_chapter;
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
