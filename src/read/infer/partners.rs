//! The statutory safeguarding partners the text names: a council, a police force, a
//! clinical commissioning group or integrated care board, each by its place.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Text};
use crate::assemble::{PartnerFact, StatutoryPartner as PartnerKind};
use crate::diagnostic::Span;

static LOCAL_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,3}(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?Council)\b").unwrap()
});
static POLICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,3}(?:Police|Constabulary))\b").unwrap()
});
static HEALTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:NHS\s+)?(?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,4}(?:Clinical\s+Commissioning\s+Group|CCG|Integrated\s+Care\s+Board|ICB))\b").unwrap()
});
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "Our",
    "Each",
    "Both",
    "All",
    "A",
    "Local",
    "Chief",
    "Officer",
    "Lead",
    "Delegated",
    "Safeguarding",
    "Partner",
    "Partners",
    "Statutory",
    "Three",
    "Key",
    "Accountable",
    "Independent",
    "Chair",
    "Of",
    "Each",
];

pub(super) fn partners(texts: &[Text]) -> Vec<Known<PartnerFact>> {
    let mut out = Vec::new();
    for (kind, pattern) in [
        (PartnerKind::LocalAuthority, &*LOCAL_AUTHORITY),
        (PartnerKind::Police, &*POLICE),
        (PartnerKind::Health, &*HEALTH),
    ] {
        let mut counts: BTreeMap<String, (usize, Span)> = BTreeMap::new();
        for t in texts {
            for c in pattern.captures_iter(&t.text) {
                let words: Vec<&str> = c[1]
                    .split_whitespace()
                    .skip_while(|w| NOT_NAMES.contains(w))
                    .collect();
                // A name needs a place: "West Mercia Police", not "Police" alone.
                if words.len() < 2 {
                    continue;
                }
                let entry = counts
                    .entry(words.join(" "))
                    .or_insert((0, t.block.span.clone()));
                entry.0 += 1;
            }
        }
        if let Some((name, (n, span))) = counts.into_iter().max_by_key(|(_, (n, _))| *n) {
            out.push(Known::inferred(
                PartnerFact {
                    id: kind.id().to_string(),
                    name: name.clone(),
                    statutory: true,
                    role: Some(kind),
                },
                span,
                if n >= 3 {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                format!("{name} ({n} time{})", if n == 1 { "" } else { "s" }),
            ));
        }
    }
    out
}
