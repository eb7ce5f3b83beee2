//! Signed off by the lead safeguarding partners.
//!
//! The rule a scrutineer applies: the 2023 edition's lead safeguarding partners "sign
//! off the yearly report". Met when the report says they signed it off (approved,
//! endorsed, agreed it), or when they present it in their own voice ("We are the three
//! lead safeguarding partners … this is our joint report") over their signatures.
//! Signed in their place — by their delegates, or by a chair "on behalf of the
//! partnership", even "on behalf of the lead safeguarding partners" — is partial;
//! naming them without a sign-off is missing.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Partners,
    judge: partners,
    wwc: false,
    title: "Signed off by the lead safeguarding partners",
    met_when: "says the lead safeguarding partners signed it off",
    quote18: "",
    quote23: "Lead safeguarding partners are \"the Chief Officer of Police, the Chief Executive of the Local Authority and the Chief Executive of the local Integrated Care Board (ICB)\"; they sign off the \"yearly report\". Each appoints a delegated safeguarding partner, \"named in the arrangements\".",
    what: "Looks for a sentence or a signature block that says the report was signed off, approved or endorsed by the lead safeguarding partners (by that name, or as the chief officer of police and the chief executives of the local authority and the ICB). Naming them without saying they signed the report off is missing.",
    example: "A report that names its lead safeguarding partners but is approved by the independent chair: missing.",
    fix: "Say that the lead safeguarding partners signed the report off, and when: \"The lead safeguarding partners signed off this report on 12 September 2024.\"",
    fix_printed: None,
};

re!(
    LSP,
    r"(?i)lead safeguarding partners?|chief constable|chief officer of police|chief executives?"
);

re!(
    SIGN_OFF,
    r"(?i)\b(signed( it| this report)? off|sign(s|ed)? (it |this report |the report )?off|signed|sign (this|the) (annual |yearly )?report|approved|endorsed|agreed (this|the) (annual |yearly )?report|(is|are|was|were|been) agreed by|(jointly )?published by (our |the )?(three )?lead safeguarding partners)\b"
);

// Someone signing in the lead safeguarding partners' place: "agreed by the delegated
// safeguarding partners", "signed by the chair on behalf of the partnership". Naming
// the delegates otherwise ("We have each named a delegated safeguarding partner …,
// and together we have agreed this report") is not signing in their place, and a
// chair who approves the report in no one's name signs it off for no partner.
re!(
    DEPUTY,
    r"(?i)\bby\b[^.]{0,60}?\bdelegated safeguarding partners?\b|\bon (\w+ )?behalf\b"
);

// The lead safeguarding partners writing as themselves: "We are the three lead
// safeguarding partners for …", "As lead safeguarding partners, we …".
re!(
    LSP_VOICE,
    r"(?i)\b(we are|we,|as) (the )?(three |your |our )?lead safeguarding partners\b"
);

re!(
    OUR_REPORT,
    r"(?i)\b(this|the|our) (joint |first |new )?(annual |yearly )?report\b"
);

// A signature line: a short line with a lead safeguarding partner's title.
re!(
    LSP_TITLE,
    r"(?i)\b(chief constable|chief executive|chief officer of police|police and crime commissioner)\b"
);

// Signing in someone's place at the start of a line: "Signed by Dr Reddy, Partnership
// Chair, on behalf of the partnership".
re!(SIGNED_LINE, r"(?i)^\W*(signed|approved|endorsed)\b");

// The report as what is signed when a sentence does not name it: "It was signed off
// by our three lead safeguarding partners", "we sign it off together".
re!(
    IT_SIGNED,
    r"(?i)^\W*it (was|has been|is|were)\b|\b(sign|signed|approve|approved|endorse|endorsed) it\b|\bfor publication\b"
);

// The partners signing in the first person: "we sign it off together".
re!(
    WE_SIGN,
    r"(?i)\bwe (have )?(sign|signed|approve|approved|endorse|endorsed|agreed)\b"
);

/// Whether a unit is a signature in someone's place: a short line with no full stop
/// that signs "on behalf of" others ("Anne-Marie Kershaw, Partnership Chair, on
/// behalf of the safeguarding partners").
fn deputy_signature(text: &str) -> bool {
    let text = text.trim();
    let line = !text.ends_with('.') || SIGNED_LINE.is_match(text);
    line && text.split_whitespace().count() <= 20 && text.to_lowercase().contains("on behalf of")
}

/// Whether a sign-off is of the report: it names the report, refers to it as "it",
/// or is a signature line. "The lead safeguarding partners approved the neglect
/// strategy" signs off something else.
fn of_the_report(text: &str) -> bool {
    OUR_REPORT.is_match(text) || SIGNED_LINE.is_match(text) || IT_SIGNED.is_match(text)
}

/// A statement the lead safeguarding partners make in their own voice about the report
/// and sign with their names and titles: a foreword "from our lead safeguarding
/// partners" that ends in their three signatures is their sign-off.
fn signed_statement<'c>(ctx: &'c Ctx) -> Option<&'c Unit<'c>> {
    // Signature lines are not sentences: no full stop ends them; a reader may join
    // the three into one paragraph.
    let titles = |u: &Unit| match u.text.trim_end().ends_with('.') {
        true => 0,
        false => LSP_TITLE.find_iter(&u.text).count(),
    };
    let section_names_them = |u: &Unit| {
        LSP.is_match(&ctx.document.sections[u.section].title)
            || ctx
                .units
                .iter()
                .any(|s| s.section == u.section && LSP.is_match(&s.text))
    };
    ctx.units.iter().find(|u| {
        let voice = LSP_VOICE.is_match(&u.text) && OUR_REPORT.is_match(&u.text);
        let we_sign = WE_SIGN.is_match(&u.text) && of_the_report(&u.text) && section_names_them(u);
        (voice || we_sign)
            && ctx
                .units
                .iter()
                .filter(|s| s.section == u.section && !std::ptr::eq(*s, *u))
                .map(titles)
                .sum::<usize>()
                >= 2
    })
}

fn partners(ctx: &Ctx, r: &Reading) -> Judgement {
    // Signed off by the lead safeguarding partners: a sentence, or a paragraph (a
    // signature block), that says the report was signed off, approved or endorsed and
    // names them.
    let signed = ctx.units.iter().enumerate().find_map(|(u, unit)| {
        let here = SIGN_OFF.is_match(&unit.text) && LSP.is_match(&unit.text);
        here.then(|| {
            r.sentences
                .iter()
                .find(|s| s.unit == u && SIGN_OFF.is_match(s.text) && of_the_report(s.text))
        })
        .flatten()
    });
    let named: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| LSP.is_match(s.text))
        .collect();
    // Signed off in their place: by their delegates, or by a chair "on behalf of the
    // partners", is the item met in part.
    // The signers are named before "on behalf of": "approved by the delegated
    // safeguarding partners on behalf of the lead safeguarding partners" is signed by
    // the delegates.
    let by_deputy = |s: &Sentence| {
        let signers = s.lower.split("on behalf of").next().unwrap_or_default();
        DEPUTY.is_match(s.text) && !signers.contains("lead safeguarding partner")
    };
    let deputy = signed.filter(|s| by_deputy(s)).or_else(|| {
        r.sentences
            .iter()
            .find(|s| SIGN_OFF.is_match(s.text) && of_the_report(s.text) && by_deputy(s))
    });
    // A signature in their place outranks a sentence that says they signed: it is
    // who signed.
    let deputy_line = r
        .sentences
        .iter()
        .find(|s| deputy_signature(&ctx.units[s.unit].text));
    if let Some(d) = deputy_line {
        return Judgement::quoting(ctx, Status::Partial, d, |q| {
            format!(
                "the report is signed in the lead safeguarding partners' place, not by them: {q}"
            )
        });
    }
    if let (Some(d), false) = (deputy, signed.is_some_and(|s| !by_deputy(s))) {
        return Judgement::quoting(ctx, Status::Partial, d, |q| {
            format!(
                "the report is signed off in the lead safeguarding partners' place, not by them: {q}"
            )
        });
    }
    match (signed, named.first()) {
        (Some(s), _) => Judgement::quoting(ctx, Status::Met, s, |q| {
            format!("the lead safeguarding partners sign the report off: {q}")
        }),
        (None, _) if signed_statement(ctx).is_some() => {
            let u = signed_statement(ctx).expect("just found");
            Judgement::new(
                Status::Met,
                vec![u.block.span.clone().into()],
                format!(
                    "the lead safeguarding partners present the report in their own voice and sign it with their names and titles: {}",
                    quote(&u.text)
                ),
            )
        }
        (None, Some(n)) => Judgement::new(
            Status::Missing,
            named.iter().map(|s| span_of(ctx, s)).collect(),
            format!(
                "the report names the lead safeguarding partners ({}), but does not say they signed it off.",
                quote(n.text)
            ),
        ),
        (None, None) => Judgement::new(
            Status::Missing,
            vec![],
            "the report neither names the lead safeguarding partners nor says they signed it off.",
        ),
    }
}
