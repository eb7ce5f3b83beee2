//! Each statutory partner's financial contribution.
//!
//! The rule a scrutineer applies: the guidance asks that the partners agree each
//! partner's contribution and that it be *equitable and proportionate*. A table of
//! amounts shows what each partner paid, not that the shares are fair; "the partners
//! agreed these contributions" says they were settled, not on what footing. So the item
//! is met only when the amounts for every statutory partner are shown and the report
//! says why the shares are what they are: the partners consider them equitable,
//! proportionate or fair, or they follow a formula or a stated basis ("based on each
//! partner's size", "the council's share is larger because it hosts the team"). The
//! amounts with an agreement alone, the amounts alone, or the fairness without the
//! amounts, are the item met in part.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Funding,
    judge: funding,
    wwc: false,
    title: "Each statutory partner's financial contribution",
    met_when: "shows each statutory partner's financial contribution",
    quote18: "Partners agree each partner's contribution, which should be equitable and proportionate, and transparent to children and families (to confirm wording).",
    quote23: "As in 2018 (to confirm wording).",
    what: "Met when the report shows each statutory partner's contribution in pounds and says why the shares are what they are: the partners consider them equitable, proportionate or fair, or they follow a formula or a stated basis (the guidance: \"partners agree each partner's contribution, which should be equitable and proportionate\"); saying only that the partners agreed them is partial. The amounts are read from a table with an amount in pounds whose title, columns or section speak of contributions, funding, budget or income, or from paragraphs under such a heading (a PDF without tags gives its tables as lines of text); each partner marked `kind: statutory` in report.yaml is matched by its name, its id, its usual short name (Police, Council, CCG, ICB), or a name listed for it under `check: aliases:`. Partial when the amounts are shown but not said to be fair or on what basis they were set (agreed alone is not enough), when a statutory partner has no amount, or when the agreement is reported without the amounts; missing when the report gives neither.",
    example: "A contributions table with rows for the council, the police and the integrated care board, and \"the partners agreed these contributions in March\", with no word on whether the shares are equitable and proportionate: partial.",
    fix: "Put the contributions in a data set with one row per statutory partner, show it with {{ table(data=\"funding\") }}, and say when the partners agreed them and whether they consider them equitable and proportionate. If a row names a partner differently (a directorate of the council, say), list that name under `check: aliases:` in report.yaml.",
    fix_printed: Some(
        "Show the contributions in a table with one row per statutory partner and the amounts in pounds, and say when the partners agreed them and whether they consider them equitable and proportionate.",
    ),
};

/// Names a partner may go by in a table: its name, id, usual short name and aliases.
fn partner_names(ctx: &Ctx, partner: &crate::assemble::PartnerFact) -> Vec<String> {
    let mut names = vec![partner.name.clone(), partner.id.clone()];
    let name = partner.name.to_lowercase();
    for (word, short) in [
        ("police", &["Police", "Constabulary"][..]),
        ("constabulary", &["Police", "Constabulary"]),
        ("council", &["Council", "Local Authority"]),
        ("local authority", &["Council", "Local Authority"]),
        (
            "clinical commissioning group",
            &["CCG", "Clinical Commissioning Group"],
        ),
        ("ccg", &["CCG"]),
        ("integrated care board", &["ICB", "Integrated Care Board"]),
        ("icb", &["ICB"]),
    ] {
        if name.contains(word) {
            names.extend(short.iter().map(|s| s.to_string()));
        }
    }
    if let Some(aliases) = ctx.config.aliases.get(&partner.id) {
        names.extend(aliases.iter().cloned());
    }
    names
}

fn names_match(label: &str, names: &[String]) -> bool {
    let label = label.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    names.iter().any(|n| {
        let n = n.to_lowercase();
        label.match_indices(&n).any(|(i, _)| {
            !word(label[..i].chars().next_back()) && !word(label[i + n.len()..].chars().next())
        })
    })
}

// Agreeing the money: "the partners agreed their contributions", "a budget agreed in
// 2019". The money and the agreement within a few words of each other, so that
// "agreed to move our reporting ... in line with partner budgets" is not one.
re!(
    AGREED_SHARES,
    r"(?i)\bagree(d|s|ment)?\b\W+(\w+\W+){0,6}?(contribut\w*|funding|budgets?|costs|shares|split|formula)\b|\b(contribut\w*|funding|budgets?|costs|shares|split|formula)\b\W+(\w+\W+){0,6}?agree(d|s|ment)?\b"
);

// Why the shares are what they are: judged fair ("equitable and proportionate"), or
// set by a formula. The fairness is about the money or the shares of it; "fairly
// stable" is not a judgement of fairness.
re!(
    FAIR_SHARES,
    r"(?i)\b(equitabl[ey]|proportionate(ly)?|in proportion|fair|fairness|formula)\b"
);

re!(
    SHARE_WORD,
    r"(?i)\b(contribut\w*|funding|budgets?|costs?|shares?|split|formula|pays?|paid)\b"
);

// Or set on a stated basis: "based on the same shares", "the council's share is
// larger because it hosts the business team". Only a share is explained by
// "because": "contributions rose because ..." explains a change, not the split.
re!(
    SHARE_BASIS,
    r"(?i)\b(shares?|split)\b\W+(\w+\W+){0,8}?(based on|according to|reflects?|reflecting|because)\b|\bcontributions?\b\W+(\w+\W+){0,8}?(based on|according to|reflects?|reflecting)\b|\b(based on|according to|reflecting)\b\W+(\w+\W+){0,4}?(shares?|split|formula)\b"
);

// An agreement not yet reached, or denied: "does not say how the contributions were
// agreed", "are still agreeing the budget", "will agree".
re!(
    UNSETTLED,
    r"(?i)\b(not|no|never|yet to|still|will|plan(s|ned)? to)\b|n't\b"
);

// An amount as a report types it: "£203,000", "£1.2m", or "88,000" in a column
// headed "(£)".
re!(AMOUNT, r"£\s?\d[\d,]*(\.\d+)?|\b\d{1,3}(,\d{3})+\b");

/// Paragraphs that give amounts of money under a heading about funding, or that speak
/// of contributions with amounts in pounds: where a PDF without tags puts its table
/// ("Brackenmoor Council £203,000", often one row to a line), or a report writes the
/// contributions as prose.
fn money_paragraphs<'c>(ctx: &'c Ctx, r: &Reading) -> Vec<&'c Unit<'c>> {
    let about = |text: &str| FUNDING_HEADING.is_match(text);
    // Amounts in pounds under each heading about money: a table read as lines gives
    // each row its own paragraph, with one amount in it.
    let mut pounds_under: std::collections::HashMap<&str, usize> = Default::default();
    for (i, u) in ctx.units.iter().enumerate() {
        if u.is_prose() && MONEY_HEADING.is_match(&r.context[i]) {
            *pounds_under.entry(r.context[i].as_str()).or_default() += u.text.matches('£').count();
        }
    }
    ctx.units
        .iter()
        .enumerate()
        .filter(|(i, u)| {
            let amounts = AMOUNT.find_iter(&u.text).count();
            let pounds = u.text.matches('£').count();
            let context = r.context[*i].as_str();
            let money_heading = MONEY_HEADING.is_match(context);
            // Figures without a pound sign count only under a heading about money: a
            // chapter of "partner contributions" is often about work, not money.
            u.is_prose()
                && ((pounds >= 2 && (about(context) || about(&u.text)))
                    || (amounts >= 2 && money_heading)
                    || (pounds == 1
                        && money_heading
                        && pounds_under.get(context).copied().unwrap_or(0) >= 2))
        })
        .map(|(_, u)| u)
        .collect()
}

re!(
    FUNDING_HEADING,
    r"(?i)contribut|funding|budget|income|finance|resources|\bmoney\b"
);

re!(
    MONEY_HEADING,
    r"(?i)funding|budget|income|finance|\bmoney\b|£"
);

/// Where the contributions are shown: tables of money and paragraphs of amounts.
struct Shown<'c> {
    tables: Vec<MoneyTable>,
    paragraphs: Vec<&'c Unit<'c>>,
}

impl Shown<'_> {
    fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.paragraphs.is_empty()
    }

    /// Whether a partner, by any of its names, has a row or a line with an amount.
    fn names(&self, names: &[String]) -> bool {
        self.tables
            .iter()
            .any(|t| t.labels.iter().any(|l| names_match(l, names)))
            || self.paragraphs.iter().any(|u| names_match(&u.text, names))
    }

    fn evidence(&self) -> Vec<Ev> {
        let mut out: Vec<Ev> = self.tables.iter().map(|t| t.span.clone().into()).collect();
        out.extend(self.paragraphs.iter().map(|u| u.block.span.clone().into()));
        out
    }

    /// "\"Partner contributions\"", or the heading the paragraphs are under.
    fn what(&self, ctx: &Ctx) -> String {
        let mut titles: Vec<String> = self
            .tables
            .iter()
            .map(|t| format!("\"{}\"", t.title))
            .collect();
        if let Some(u) = self.paragraphs.first() {
            let heading = u
                .heading
                .clone()
                .unwrap_or_else(|| ctx.document.sections[u.section].heading());
            titles.push(format!("the amounts under \"{heading}\""));
        }
        titles.join(" and ")
    }
}

fn funding(ctx: &Ctx, r: &Reading) -> Judgement {
    let statutory: Vec<&crate::assemble::PartnerFact> = ctx
        .facts
        .partners
        .iter()
        .map(|p| &p.value)
        .filter(|p| p.statutory)
        .collect();
    if statutory.is_empty() {
        return Judgement::new(
            Status::Partial,
            vec![],
            ctx.advice(
                "no statutory partner is known (report.yaml marks none `kind: statutory`, or none was found in the text), so no contribution can be matched to one.",
                "the report does not name its statutory partners (the council, the police and the health body), so no contribution can be matched to one.",
            ),
        );
    }
    let tables: Vec<MoneyTable> = ctx
        .units
        .iter()
        .filter_map(|u| money_table(ctx, u))
        .collect();
    // Paragraphs of amounts stand in for a table only where there is none: beside a
    // table they are spending on other things ("partners agreed to fund the move").
    let paragraphs = match tables.is_empty() {
        true => money_paragraphs(ctx, r),
        false => Vec::new(),
    };
    let shown = Shown { tables, paragraphs };
    // Each clause on its own: "They regard the shares as equitable; the formula will
    // be reviewed next year" is settled in its first clause.
    let settled = |s: &&&Sentence, pattern: &dyn Fn(&str) -> bool| {
        s.text
            .split(';')
            .any(|clause| pattern(clause) && !UNSETTLED.is_match(clause))
    };
    let sentences: Vec<&Sentence> = r.sentences.iter().collect();
    let agreed = sentences
        .iter()
        .find(|s| settled(s, &|c| AGREED_SHARES.is_match(c)))
        .copied();
    let fair = sentences
        .iter()
        .find(|s| {
            settled(s, &|c| {
                (FAIR_SHARES.is_match(c) && SHARE_WORD.is_match(c)) || SHARE_BASIS.is_match(c)
            })
        })
        .copied();
    if shown.is_empty() {
        return match fair.or(agreed) {
            Some(s) => Judgement::quoting(ctx, Status::Partial, s, |q| format!("the report says how the contributions were settled ({q}), but does not show each partner's contribution in pounds.")),
            None => Judgement::new(
                Status::Missing,
                vec![],
                ctx.advice(
                    "no table of contributions in pounds (a data set about contributions or funding with a `gbp` column) is shown.",
                    "the report shows no table of the partners' contributions in pounds.",
                ),
            ),
        };
    }
    judge_shown(ctx, &statutory, &shown, (fair, agreed))
}

/// The verdict once contributions are shown: every statutory partner's amount, and
/// why the shares are what they are (`settled`: the sentence judging them fair or giving
/// their basis, and the one saying they were agreed).
fn judge_shown(
    ctx: &Ctx,
    statutory: &[&crate::assemble::PartnerFact],
    shown: &Shown,
    settled: (Option<&Sentence>, Option<&Sentence>),
) -> Judgement {
    let (found, lacking): (Vec<&&crate::assemble::PartnerFact>, Vec<_>) = statutory
        .iter()
        .partition(|p| shown.names(&partner_names(ctx, p)));
    let names = |ps: &[&&crate::assemble::PartnerFact], sep: &str| {
        ps.iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut spans = shown.evidence();
    let what = shown.what(ctx);
    if !lacking.is_empty() {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{what} shows contributions, but no row names {}{}",
                names(&lacking, " or "),
                ctx.advice(
                    " (list other names under `check: aliases:` if a row stands for a partner).",
                    ".",
                )
            ),
        );
    }
    match settled {
        (Some(s), _) => {
            spans.insert(0, span_of(ctx, s));
            Judgement::new(
                Status::Met,
                spans,
                format!(
                    "{what} shows the contribution of every statutory partner ({}), and the report says why the shares are what they are: {}",
                    names(&found, ", "),
                    quote(s.text)
                ),
            )
        }
        (None, Some(s)) => {
            spans.insert(0, span_of(ctx, s));
            Judgement::new(
                Status::Partial,
                spans,
                format!(
                    "{what} shows the contribution of every statutory partner ({}), and the report says they were agreed ({}), but not whether the partners consider the shares equitable and proportionate, or on what basis they were set.",
                    names(&found, ", "),
                    quote(s.text)
                ),
            )
        }
        (None, None) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{what} shows the contribution of every statutory partner ({}), but the report does not say the partners agreed them or consider them equitable and proportionate.",
                names(&found, ", ")
            ),
        ),
    }
}
