//! Lead and delegated safeguarding partners named.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Partners,
    judge: partners,
    wwc: false,
    title: "Lead and delegated safeguarding partners named",
    met_when: "names the lead and the delegated safeguarding partners",
    quote18: "",
    quote23: "Lead safeguarding partners are \"the Chief Officer of Police, the Chief Executive of the Local Authority and the Chief Executive of the local Integrated Care Board (ICB)\"; they sign off the \"yearly report\". Each appoints a delegated safeguarding partner, \"named in the arrangements\".",
    what: "Looks for the lead safeguarding partners (by that name, or as the chief officer of police and the chief executives of the local authority and the ICB) and the delegated safeguarding partners in the text.",
    example: "A report that lists the three partner organisations but names neither their lead nor their delegated safeguarding partners: missing.",
    fix: "Name the lead safeguarding partners who sign the report off, and their delegated safeguarding partners.",
    fix_printed: None,
};

re!(
    LSP,
    r"(?i)lead safeguarding partners?|chief constable|chief officer of police|chief executives?"
);

re!(
    DSP,
    r"(?i)delegated safeguarding partners?|delegated (officer|lead|partner)s?"
);

fn partners(ctx: &Ctx, r: &Reading) -> Judgement {
    let lsp: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| LSP.is_match(s.text))
        .collect();
    let dsp: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| DSP.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = lsp.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(dsp.iter().map(|s| span_of(ctx, s)));
    match (lsp.is_empty(), dsp.is_empty()) {
        (false, false) => Judgement::new(
            Status::Met,
            spans,
            "the report names the lead and the delegated safeguarding partners.",
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            spans,
            "the report names the lead safeguarding partners, but not the delegated safeguarding partners.",
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            spans,
            "the report names delegated safeguarding partners, but not the lead safeguarding partners.",
        ),
        (true, true) => Judgement::new(
            Status::Missing,
            vec![],
            "the report names neither the lead nor the delegated safeguarding partners.",
        ),
    }
}
