//! What was inferred from a report read from a file, as `check FILE` shows it: the
//! lines at the top of its output and the `document` object of its JSON. Each fact
//! shows how sure the reader is, the words it rests on and where they are, so the
//! user can see what the judgement stands on and say otherwise (`--period`,
//! `--partnership`, `--guidance`).
//!
//! Built from the document's facts ([`crate::assemble::Facts`]), as the JSON
//! diagnostics are built from the findings.

use schemars::JsonSchema;
use serde::Serialize;

use crate::assemble::{
    Confidence, Facts, Funding, Known, NamedPriority, NamedReview, Origin, Period, StatutoryPartner,
};
use crate::diagnostic::Sources;
use crate::model::{Date, Guidance};

/// Everything inferred from a report's text.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "Facts")]
pub struct Inferences {
    pub partnership: Option<Shown<String>>,
    pub short_name: Option<Shown<String>>,
    pub period: Option<Shown<Period>>,
    /// The edition of Working Together, from the period's end (or given).
    pub guidance: Shown<Guidance>,
    pub partners: Vec<Shown<Partner>>,
    pub funding: Vec<Funding>,
    /// The section holding the independent scrutineer's evaluation.
    pub scrutiny: Option<Shown<String>>,
    pub priorities: Vec<Shown<NamedPriority>>,
    pub reviews: Vec<Shown<NamedReview>>,
    /// Where the report says it is published, and when it and the copy to the
    /// national panel went out.
    pub publication: Option<Shown<Publication>>,
}

/// A fact inferred from the text, how sure it is and where it was found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "Inferred")]
pub struct Shown<T> {
    pub value: T,
    pub confidence: Confidence,
    /// The words it was inferred from.
    pub from: String,
    /// Where those words are (`report.docx: paragraph 12 (section "Foreword")`); the
    /// command line for a given fact.
    pub place: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Partner {
    pub name: String,
    pub kind: StatutoryPartner,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Publication {
    /// A web address, or "the partnership's website" when no address is given.
    pub website: Option<String>,
    pub published: Option<Date>,
    /// When a copy was sent to the Child Safeguarding Practice Review Panel.
    pub copy_to_panel: Option<Date>,
    /// The report says a copy goes to the Panel within seven days, without dates.
    pub copy_within_seven_days: bool,
}

impl Inferences {
    /// The facts of a document read from a file, as shown.
    pub fn of(facts: &Facts) -> Inferences {
        let sources = &facts.sources;
        let show =
            |fact: &Known<String>, flag| shown(fact.value.clone(), &fact.origin, flag, sources);
        let p = &facts.publication;
        Inferences {
            partnership: facts.partnership.as_ref().map(|f| show(f, "--partnership")),
            short_name: facts.short_name.as_ref().map(|f| show(f, "")),
            period: facts
                .period
                .as_ref()
                .map(|f| shown(f.value, &f.origin, "--period", sources)),
            guidance: guidance(facts),
            partners: facts
                .partners
                .iter()
                .filter_map(|f| {
                    let partner = Partner {
                        name: f.value.name.clone(),
                        kind: f.value.role?,
                    };
                    Some(shown(partner, &f.origin, "", sources))
                })
                .collect(),
            funding: facts.funding.clone(),
            scrutiny: facts.scrutiny.as_ref().map(|f| show(f, "")),
            priorities: facts
                .priorities
                .iter()
                .map(|f| shown(f.value.clone(), &f.origin, "", sources))
                .collect(),
            reviews: facts
                .reviews
                .iter()
                .map(|f| shown(f.value.clone(), &f.origin, "", sources))
                .collect(),
            // Nothing said about publication is no fact at all, not a default.
            publication: (p.origin != Origin::Assumed).then(|| {
                let value = Publication {
                    website: p.website.clone(),
                    published: p.published,
                    copy_to_panel: p.copy_to_panel,
                    copy_within_seven_days: p.copy_within_seven_days,
                };
                shown(value, &p.origin, "", sources)
            }),
        }
    }

    /// The facts as lines for the top of `check`'s output.
    pub fn summary(&self) -> String {
        let mut lines = Lines(String::from(
            "Inferred from the text (override with --partnership, --period, --guidance):\n",
        ));
        self.whose(&mut lines);
        self.contents(&mut lines);
        self.publication_and_reviews(&mut lines);
        lines.0
    }

    /// Whose report it is, the period it covers and so the guidance, and the partners.
    fn whose(&self, lines: &mut Lines) {
        match &self.partnership {
            Some(p) => {
                let short = self
                    .short_name
                    .as_ref()
                    .map(|s| format!(" ({})", s.value))
                    .unwrap_or_default();
                lines.fact("partnership", format!("{}{short}", p.value), p);
            }
            None => lines.line("partnership", "not found".into(), None, ""),
        }
        match &self.period {
            Some(p) => lines.fact("period", format!("{} from {}", p.value.long(), p.from), p),
            None => lines.line(
                "period",
                "not found: give it with --period START..END".into(),
                None,
                "",
            ),
        }
        let g = &self.guidance;
        lines.line(
            "guidance",
            g.value.title().to_string(),
            Some(g.confidence),
            "",
        );
        let partners: Vec<String> = self
            .partners
            .iter()
            .map(|p| format!("{} ({})", p.value.name, p.value.kind.as_str()))
            .collect();
        lines.line("partners", listed(partners, "; "), None, "");
    }

    /// The funding tables, the scrutineer's section and the priorities.
    fn contents(&self, lines: &mut Lines) {
        for f in &self.funding {
            let shown: Vec<String> = f
                .contributions
                .iter()
                .map(|(k, s)| format!("{} {}", k.as_str(), if *s { "shown" } else { "not shown" }))
                .collect();
            let value = format!("table in \"{}\": {}", f.section, shown.join(", "));
            lines.line("funding", value, None, &f.place);
        }
        if self.funding.is_empty() {
            lines.line("funding", "no table with money in it".into(), None, "");
        }
        match &self.scrutiny {
            Some(s) => lines.fact("scrutiny", format!("\"{}\"", s.value), s),
            None => lines.line(
                "scrutiny",
                "no section by the independent scrutineer".into(),
                None,
                "",
            ),
        }
        let with_progress = self
            .priorities
            .iter()
            .filter(|p| p.value.progress.is_some())
            .count();
        let found = self.priorities.len();
        let first = self.priorities.first().map_or("", |p| p.place.as_str());
        let value = format!("{found} found, {with_progress} with progress stated");
        lines.line("priorities", value, None, first);
    }

    /// Where and when it is published, and the case reviews it names.
    fn publication_and_reviews(&self, lines: &mut Lines) {
        match &self.publication {
            Some(p) => {
                let mut said = Vec::new();
                if let Some(w) = &p.value.website {
                    said.push(format!("at {w}"));
                }
                if let Some(d) = p.value.published {
                    said.push(format!("on {}", d.long()));
                }
                if let Some(d) = p.value.copy_to_panel {
                    said.push(format!("copy to the national panel {}", d.long()));
                }
                lines.fact("publication", said.join("; "), p);
            }
            None => lines.line(
                "publication",
                "where it is published not said".into(),
                None,
                "",
            ),
        }
        let names: Vec<String> = self.reviews.iter().map(|r| r.value.name.clone()).collect();
        lines.line("case reviews", listed(names, ", "), None, "");
    }
}

/// A fact as shown: how sure, from what words, where. `flag` is the option that
/// gives it on the command line.
fn shown<T>(value: T, origin: &Origin, flag: &str, sources: &Sources) -> Shown<T> {
    let place = |span: &crate::diagnostic::Span| sources.place(&span.file, span.range.start);
    let (confidence, from, place) = match origin {
        Origin::Inferred {
            span,
            confidence,
            words,
        } => (*confidence, words.clone(), place(span)),
        Origin::Given => (
            Confidence::Given,
            format!("given with {flag}"),
            "the command line".to_string(),
        ),
        Origin::Stated { span } => (
            Confidence::High,
            format!("stated in {}", span.file),
            place(span),
        ),
        Origin::Assumed => (Confidence::Low, String::new(), String::new()),
    };
    Shown {
        value,
        confidence,
        from,
        place,
    }
}

/// The edition, shown with what it follows from: the option that gave it, else the
/// period's end (as sure as the period), else nothing (a guess).
fn guidance(facts: &Facts) -> Shown<Guidance> {
    let value = facts.guidance.value;
    if facts.guidance.origin == Origin::Given {
        return shown(value, &Origin::Given, "--guidance", &facts.sources);
    }
    match &facts.period {
        Some(p) => {
            let period = shown(p.value, &p.origin, "--period", &facts.sources);
            Shown {
                value,
                confidence: period.confidence,
                from: format!("the period ends {}", p.value.end.long()),
                place: period.place,
            }
        }
        None => Shown {
            value,
            confidence: Confidence::Low,
            from: "no period found: the edition in force now".to_string(),
            place: String::new(),
        },
    }
}

/// Items joined, or "none named".
fn listed(items: Vec<String>, separator: &str) -> String {
    if items.is_empty() {
        "none named".into()
    } else {
        items.join(separator)
    }
}

/// The lines being written, one fact a line: what, its value, how sure, where.
struct Lines(String);

impl Lines {
    fn line(&mut self, what: &str, value: String, c: Option<Confidence>, place: &str) {
        let how = c.map(|c| format!(" [{}]", c.as_str())).unwrap_or_default();
        let at = if place.is_empty() {
            String::new()
        } else {
            format!(" — {place}")
        };
        self.0.push_str(&format!("  {what:<13} {value}{how}{at}\n"));
    }

    /// A fact's line, with its confidence and place.
    fn fact<T>(&mut self, what: &str, value: String, fact: &Shown<T>) {
        self.line(what, value, Some(fact.confidence), &fact.place);
    }
}
