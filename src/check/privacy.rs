//! Privacy: a published safeguarding report must never identify a child, and should
//! not carry personal contact details. Addresses, numbers and names the partnership
//! means to publish go on the allow-lists in report.yaml.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{Unit, UnitKind, sentences};
use super::{Ctx, Doc, Family, Rule};
use crate::assemble::{BlockKind, Inline};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::MONTHS;

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    PII_EMAIL = "PII-EMAIL",
    PII_PHONE = "PII-PHONE",
    PII_POSTCODE = "PII-POSTCODE",
    PII_NHS_NUMBER = "PII-NHS-NUMBER",
    PII_CHILD = "PII-CHILD",
}

const GDPR: &str = "UK GDPR and the Data Protection Act 2018 (personal data, and special category data about children).";
const WT_CONF: &str = "Working Together to Safeguard Children 2018, chapter 4: published review reports are anonymised, and the yearly report shares the same duty of confidentiality.";

pub fn rules() -> Vec<Rule> {
    let rule = |id: super::RuleId, severity, summary: &str, doc: Doc| Rule {
        id: id.as_str().into(),
        family: Family::Privacy,
        severity,
        summary: summary.into(),
        to_confirm: false,
        pack: None,
        doc,
    };
    let allow = |list: &str, example: &str| {
        format!(
            "To publish a particular one, add it to the allow-list in report.yaml:\n\n  check:\n    allow:\n      {list}: [{example}]\n"
        )
    };
    vec![
        rule(
            PII_EMAIL,
            Severity::Warning,
            "A personal email address.",
            Doc {
                what: "Finds email addresses in the text and behind links (mailto:). The partnership's published contact addresses go on the allow-list.".into(),
                why: "A personal address in a published report exposes a member of staff to unsolicited contact and, in safeguarding work, worse. Publish a team address instead.".into(),
                example: "Contact jane.smith@council.example.gov.uk for the toolkit.".into(),
                fix: "Use the partnership's or team's shared address, and add that one to the allow-list.".into(),
                off: allow("emails", "scp@council.example.gov.uk"),
                references: GDPR.into(),
            },
        ),
        rule(
            PII_PHONE,
            Severity::Warning,
            "A telephone number.",
            Doc {
                what: "Finds UK telephone numbers (01432 260000, +44 1432 260000, 07700 900123). Service numbers the partnership means to publish go on the allow-list.".into(),
                why: "A personal or direct number in a published report exposes staff, and a number in a report that is read for years goes out of date.".into(),
                example: "Call Jane on 07700 900123.".into(),
                fix: "Give the service's published number, and add it to the allow-list; or remove the number.".into(),
                off: allow("phones", "\"01432 260800\""),
                references: GDPR.into(),
            },
        ),
        rule(
            PII_POSTCODE,
            Severity::Warning,
            "A UK postcode.",
            Doc {
                what: "Finds UK postcodes (HR4 0LE). Office addresses the partnership means to publish go on the allow-list.".into(),
                why: "Together with a name or a case, a postcode can locate a family; in a safeguarding report that can put a child at risk.".into(),
                example: "The family moved to HR1 2AB in March.".into(),
                fix: "Remove the postcode, or give only the area (\"in the town centre\"). For the partnership's own office, add it to the allow-list.".into(),
                off: allow("postcodes", "\"HR4 0LE\""),
                references: format!("{GDPR}\n{WT_CONF}"),
            },
        ),
        rule(
            PII_NHS_NUMBER,
            Severity::Error,
            "A 10-digit number that passes the NHS number check digit.",
            Doc {
                what: "Finds 10-digit numbers, written 943 476 5919 or 9434765919, and applies the NHS number check (modulus 11): one that passes is almost certainly a real NHS number.".into(),
                why: "An NHS number identifies one person for life and opens their health records; it must never be published.".into(),
                example: "Child A (NHS number 943 476 5919) was seen in the emergency department.".into(),
                fix: "Remove the number. Refer to the child as the published review does (Child A).".into(),
                off: String::new(),
                references: format!("NHS Digital, NHS number: format and check digit (modulus 11).\n{GDPR}"),
            },
        ),
        rule(
            PII_CHILD,
            Severity::Error,
            "A child identified by name together with an age, a date of birth, a school or an address.",
            Doc {
                what: "Finds a first name or full name next to an age under 18 (\"17-year-old Lola\", \"Matthew was 19 months old\", \"Sam (14)\"), a date of birth, a school (\"attends Northgate Academy\") or an address in the same sentence. Names of people who consented to be named, and the pseudonyms published case reviews use, go on the allow-list.".into(),
                why: "A published safeguarding report must never identify a child. A name with an age or a school is enough to identify a child in a county of 200,000 people. Published reviews use pseudonyms or \"Child A\" for this reason.".into(),
                example: "17-year-old Lola interviews Sarah about safety on our streets.".into(),
                fix: "Remove the name or the age, school or address beside it, or use the pseudonym of the published review. If the young person consented to be named in public (as a podcast presenter, say), add the name to the allow-list and keep a record of the consent.".into(),
                off: allow("names", "Lola"),
                references: format!("{WT_CONF}\n{GDPR}"),
            },
        ),
    ]
}

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Words the report also writes in lower case are ordinary words, not names.
    let mut lower = HashSet::new();
    for unit in &ctx.units {
        for word in unit.text.split(|c: char| !c.is_alphabetic()) {
            if word.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(word.to_string());
            }
        }
    }
    // The words of the partnership's and partners' names are places and bodies.
    let names = ctx.facts.partners.iter().map(|p| p.value.name.as_str());
    for name in names.chain([ctx.document.meta.partnership.as_str()]) {
        for word in name.split(|c: char| !c.is_alphabetic()) {
            lower.insert(word.to_lowercase());
        }
    }
    for unit in &ctx.units {
        if unit.kind == UnitKind::Code {
            continue;
        }
        emails(ctx, unit, out);
        phones(ctx, unit, out);
        postcodes(ctx, unit, out);
        nhs_numbers(ctx, unit, out);
        children(ctx, unit, &lower, out);
    }
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .unwrap()
});

fn emails(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    let text = if unit.text.contains('@') {
        unit.text.as_str()
    } else {
        ""
    };
    for m in EMAIL.find_iter(text) {
        seen.push(m.as_str().to_lowercase());
        if ctx.config.allow.email(m.as_str()) {
            continue;
        }
        out.push(email_finding(ctx, ctx.locate(unit, m.range()), m.as_str()));
    }
    // Addresses behind a link's text.
    if let BlockKind::Paragraph { content } = &unit.block.kind {
        let mut urls = Vec::new();
        links(content, &mut urls);
        for url in urls {
            if let Some(address) = url.strip_prefix("mailto:") {
                let address = address.split('?').next().unwrap_or(address);
                if seen.contains(&address.to_lowercase()) || ctx.config.allow.email(address) {
                    continue;
                }
                let span = ctx.find_in_block(&unit, address);
                out.push(email_finding(ctx, span, address));
            }
        }
    }
}

fn links(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Link { url, content, .. } => {
                out.push(url.clone());
                links(content, out);
            }
            Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } => {
                links(content, out)
            }
            _ => {}
        }
    }
}

fn email_finding(ctx: &Ctx, span: crate::diagnostic::Span, address: &str) -> Diagnostic {
    ctx.finding(PII_EMAIL, span, format!("the email address {address} is published"))
        .with_label("email address")
        .with_help(ctx.advice(
            format!(
                "use a shared team address; if this one may be published, add it under `check: allow: emails:` in report.yaml ({address})."
            ),
            "use a shared team address, unless this one may be published.".to_string(),
        ))
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?:^|[^\d,.£\w])((?:\+44\s?(?:\(0\)\s?)?\d|\(0\d|0\d)[\d\s\-()]{8,15}\d)(?:$|[^\d,])",
    )
    .unwrap()
});

fn phones(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if unit.text.bytes().filter(u8::is_ascii_digit).count() < 10 {
        return;
    }
    for c in PHONE.captures_iter(&unit.text) {
        let m = c.get(1).unwrap();
        let text = m.as_str().trim_end();
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let national =
            if let Some(rest) = digits.strip_prefix("44").filter(|_| text.starts_with('+')) {
                format!("0{}", rest.trim_start_matches('0'))
            } else {
                digits.clone()
            };
        if !(national.len() == 10 || national.len() == 11)
            || !national.starts_with('0')
            || national.starts_with("00")
        {
            continue;
        }
        // Groups of a phone number, not a list of figures.
        if text.split_whitespace().any(|g| g.len() == 1) {
            continue;
        }
        if ctx.config.allow.phone(text) {
            continue;
        }
        out.push(
            ctx.finding(PII_PHONE, ctx.locate(unit, m.start()..m.start() + text.len()), format!("the telephone number {text} is published"))
                .with_label("telephone number")
                .with_help(ctx.advice(
                    "give the service's published number, and add it under `check: allow: phones:` in report.yaml; or remove it.",
                    "give the service's published number, or remove it.",
                )),
        );
    }
}

static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
        .unwrap()
});

fn postcodes(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    for m in POSTCODE.find_iter(&unit.text) {
        if ctx.config.allow.postcode(m.as_str()) {
            continue;
        }
        out.push(
            ctx.finding(PII_POSTCODE, ctx.locate(unit, m.range()), format!("the postcode {} is published", m.as_str()))
                .with_label("postcode")
                .with_help(ctx.advice(
                    "remove it or name only the area; for the partnership's own office, add it under `check: allow: postcodes:` in report.yaml.",
                    "remove it or name only the area, unless it is the partnership's own office.",
                )),
        );
    }
}

static TEN_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[^\d,.£\-])(\d{3}[ \-]?\d{3}[ \-]?\d{4})(?:$|[^\d,])").unwrap()
});

/// Whether ten digits pass the NHS number check (modulus 11).
pub fn nhs_check(digits: &[u32]) -> bool {
    if digits.len() != 10 || digits.iter().all(|d| *d == digits[0]) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u32))
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

fn nhs_numbers(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if unit.text.bytes().filter(u8::is_ascii_digit).count() < 10 {
        return;
    }
    for c in TEN_DIGITS.captures_iter(&unit.text) {
        let m = c.get(1).unwrap();
        let digits: Vec<u32> = m.as_str().chars().filter_map(|c| c.to_digit(10)).collect();
        if digits[0] == 0 || !nhs_check(&digits) {
            continue;
        }
        out.push(
            ctx.finding(PII_NHS_NUMBER, ctx.locate(unit, m.range()), format!("{} is a valid NHS number", m.as_str()))
                .with_label("passes the NHS number check")
                .with_help("remove it: an NHS number identifies one person for life and must never be published."),
        );
    }
}

const NAME: &str = r"([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)(?:\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)?";
/// A first name and a surname, either double-barrelled: "Tyler Brennan-Shaw".
const FULL_NAME: &str = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?";
const AGE_WORDS: &str = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)";

/// Words without which no pattern below can match: a cheap test first.
static CHILD_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\bold\b|\baged?\b|\(\s*(aged\s+)?\d{1,2}\s*\)|,\s*(aged\s+)?\d{1,2}\s*(,|years?\b|months?\b)|\b(is|was)\b|born|birth|\bdob\b|d\.o\.b|attend|goes to|went to|pupil at|student at|\blive|resid|moved|\b(child|young (person|people)|girls?|boys?|pupils?|teenagers?|baby)\b")
        .unwrap()
});

/// A cheap test on the lower-case sentence without which a pattern cannot match.
type Guard = fn(&str) -> bool;

static CHILD_PATTERNS: LazyLock<Vec<(Regex, &'static str, Guard)>> = LazyLock::new(|| {
    let p = |re: String, what: &'static str, guard: Guard| {
        (super::text::regex(&re).unwrap(), what, guard)
    };
    vec![
        // 17-year-old Lola; 15 year old Sam Jones; a 13-year-old boy, Sam Jones,
        p(
            format!(
                r"\b{AGE_WORDS}[- ](year|month)s?[- ]old(?:\s+(?:boy|girl|child|baby|young person|teenager|son|daughter|pupil),?)?\s+{NAME}"
            ),
            "age-before",
            |s: &str| s.contains("old"),
        ),
        // Lola, 17, …; Lola (17); Lola, aged 17
        p(
            format!(
                r"\b{NAME}\s*(?:,\s*|\(\s*)(?:aged\s+)?(\d{{1,2}})\s*(?:,|\)|(years?|months?)\b)"
            ),
            "age-after",
            |s: &str| s.contains('(') || s.contains(','),
        ),
        // Matthew was 19 months old; Sam, who is 14 years old; Sam is aged 14
        p(
            format!(
                r"\b{NAME},?\s+(?:who\s+)?(?:is|was)\s+(?:now\s+|only\s+|just\s+)?(?:aged\s+)?{AGE_WORDS}(?:\s+(year|month)s?(?:\s+old|\s+of\s+age)?|\b)"
            ),
            "age-after",
            |s: &str| s.contains(" is ") || s.contains(" was "),
        ),
        // One of the young people we spoke to, Tyler Brennan-Shaw, told us …: a child's
        // full name, in apposition to a word for a child (not "the boy's mother, …").
        p(
            format!(
                r"\b(?:child|young person|young people|girls?|boys?|pupils?|teenagers?|baby)\b(?:\s+[\w']+){{0,6}}?,\s+({FULL_NAME}),"
            ),
            "its surname, in words about a child",
            |s: &str| {
                ["child", "young", "girl", "boy", "pupil", "teenager", "baby"]
                    .iter()
                    .any(|w| s.contains(w))
            },
        ),
        // date of birth
        p(
            format!(r"\b{NAME}\b[^.]{{0,40}}\b(born (?:on|in)|date of birth|d\.o\.b\.?|DOB)\b"),
            "a date of birth",
            |s: &str| {
                s.contains("born")
                    || s.contains("birth")
                    || s.contains("dob")
                    || s.contains("d.o.b")
            },
        ),
        // school
        p(
            format!(
                r"\b{NAME}\b[^.]{{0,30}}\b(?:attends|attended|goes to|went to|(?:a )?pupil at|(?:a )?student at)\s+(?:[A-Z][a-z]+\s+){{0,4}}(School|Academy|College|Primary|High)\b"
            ),
            "a school",
            |s: &str| {
                ["attend", "goes to", "went to", "pupil at", "student at"]
                    .iter()
                    .any(|w| s.contains(w))
            },
        ),
        // address
        p(
            format!(
                r"\b{NAME}\b[^.]{{0,30}}\b(?:lives|lived|living|resides|resided|moved) (?:at|in|on|to)\s+\d+\w?\s+(?:[A-Z][a-z]+\s+){{1,3}}(Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace)\b"
            ),
            "an address",
            |s: &str| ["live", "resid", "moved"].iter().any(|w| s.contains(w)),
        ),
    ]
});

/// Words that tell a case study or a pseudonym: "Jack's story", "Case study: Sam's
/// family", "a child we will call Jack", "not her real name".
static STORY: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)['’]s (?:story|journey|family)\b|\bcase (?:study|example|story)\b|\bwe (?:will |shall |have )?call(?:ed)?\b|\bnot (?:his|her|their) real name\b|\bnames? (?:has|have) been changed\b|\bpseudonyms?\b").unwrap()
});

/// Whether a first name with an age is a case study's pseudonym ("Jack's story":
/// "Jack, aged 8, …"): there only a surname, a school or a street beside it makes the
/// child someone a reader could find. Outside a story ("17-year-old Lola interviews
/// …") the name and age are the child's own.
fn pseudonym(
    ctx: &Ctx,
    unit: &Unit,
    sentence: &str,
    name: regex::Match,
    common: &dyn Fn(&str) -> bool,
) -> bool {
    let surname_beside = sentence[name.end()..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
        .is_some_and(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !common(w)
        });
    !name.as_str().contains(char::is_whitespace)
        && !surname_beside
        && !PLACE_OF_A_CHILD.is_match(sentence)
        && in_a_story(ctx, unit, sentence)
}

/// Whether a sentence stands in a case study or names a child by a pseudonym: the
/// sentence, its paragraph or the heading over it says so.
fn in_a_story(ctx: &Ctx, unit: &Unit, sentence: &str) -> bool {
    STORY.is_match(sentence)
        || STORY.is_match(&unit.text)
        || unit.heading.as_deref().is_some_and(|h| STORY.is_match(h))
        || STORY.is_match(&ctx.document.sections[unit.section].title)
}

/// A named school or street: "Hollins Lane Primary School", "a Year 9 pupil",
/// "Castle Street", "Tannery Row".
static PLACE_OF_A_CHILD: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"\b[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,4}\s+(?:School|Academy|College|Primary|High|Junior|Infants?|Nursery|Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Row|Place|Gardens|Court|Terrace|Estate|Park)\b|\bYear \d{1,2} pupil\b").unwrap()
});

/// Capitalised words that begin sentences or name things, not people.
/// Capitalised words that are not names: listed here, or a month.
fn not_a_name(word: &str) -> bool {
    NOT_NAMES.contains(&word) || MONTHS.contains(&word)
}

const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "They",
    "Then",
    "When",
    "Where",
    "What",
    "Which",
    "Who",
    "Whose",
    "While",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "And",
    "But",
    "Or",
    "As",
    "It",
    "Its",
    "He",
    "She",
    "His",
    "Her",
    "We",
    "Our",
    "Us",
    "You",
    "Your",
    "All",
    "Some",
    "Many",
    "Most",
    "Each",
    "Every",
    "Both",
    "Over",
    "Under",
    "Between",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Aged",
    "Age",
    "Ages",
    "Total",
    "Number",
    "Numbers",
    "Children",
    "Child",
    "Young",
    "People",
    "Person",
    "Year",
    "Years",
    "Month",
    "Months",
    "Girls",
    "Boys",
    "Girl",
    "Boy",
    "Baby",
    "Babies",
    "Infant",
    "Infants",
    "Male",
    "Female",
    "Males",
    "Females",
    "Mother",
    "Father",
    "Parent",
    "Parents",
    "Carer",
    "Carers",
    "Pupils",
    "Pupil",
    "Students",
    "Student",
    "Teenagers",
    "Teenager",
    "Families",
    "Family",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "England",
    "Wales",
    "National",
    "Local",
    "Council",
    "Police",
    "School",
    "Schools",
    "College",
    "Academy",
    "Primary",
    "Secondary",
    "Around",
    "About",
    "Approximately",
    "Nearly",
    "Almost",
    "Only",
    "Just",
    "Also",
    "Care",
    "Looked",
    "Leaving",
    "Early",
    "Help",
    "Team",
    "Service",
    "Services",
    "Group",
    "Board",
    "Partnership",
    "Plan",
    "Plans",
    "Review",
    "Reviews",
    "Priority",
    "Episodes",
    "Referrals",
    "Cases",
    "Case",
    "Of",
    "Up",
    "To",
    "Including",
    "Among",
    "Amongst",
    "Within",
    "Across",
    "Overall",
    "Per",
    "Rate",
    "Level",
    "Levels",
    "Key",
    "Stage",
    "Reception",
    "Nursery",
    "Class",
    "Cohort",
    "Group",
    "Groups",
    "Ambassador",
    "Participation",
];

fn children(ctx: &Ctx, unit: &Unit, lower: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    if !matches!(
        unit.kind,
        UnitKind::Paragraph | UnitKind::Heading(_) | UnitKind::Table | UnitKind::Html
    ) {
        return;
    }
    let mut reported: Vec<String> = Vec::new();
    if !CHILD_TRIGGER.is_match(&unit.text) {
        return;
    }
    for s in sentences(&unit.text) {
        let sentence = &unit.text[s.clone()];
        if !CHILD_TRIGGER.is_match(sentence) {
            continue;
        }
        let lower_sentence = sentence.to_lowercase();
        for (pattern, what, guard) in CHILD_PATTERNS.iter() {
            if !guard(&lower_sentence) {
                continue;
            }
            for c in pattern.captures_iter(sentence) {
                let (name, age, unit_word) = match *what {
                    "age-before" => (c.get(3), c.get(1), c.get(2).map(|m| m.as_str())),
                    "age-after" => (c.get(1), c.get(2), c.get(3).map(|m| m.as_str())),
                    _ => (c.get(1), None, None),
                };
                let Some(name) = name else { continue };
                // A surname after the name must look like one too ("Follow Step (3)" is not).
                let surname = sentence[name.end()..]
                    .split_whitespace()
                    .next()
                    .filter(|w| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars().all(char::is_alphabetic)
                    });
                if surname.is_some_and(|w| lower.contains(&w.to_lowercase()) || not_a_name(w)) {
                    continue;
                }
                // "the Executive", "the Board": a body, not a person.
                let after_the = sentence[..name.start()]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("the"));
                let common = |w: &str| not_a_name(w) || lower.contains(&w.to_lowercase());
                if name.as_str().split_whitespace().any(common)
                    || after_the
                    || ctx.config.allow.name(name.as_str())
                    || reported.contains(&name.as_str().to_string())
                {
                    continue;
                }
                if age.is_some() && pseudonym(ctx, unit, sentence, name, &common) {
                    continue;
                }
                let detail = match age {
                    Some(a) => {
                        let years = age_number(a.as_str());
                        let months = unit_word.is_some_and(|w| w.starts_with("month"));
                        match years {
                            Some(y) if months || y < 18 => format!(
                                "an age ({} {})",
                                a.as_str(),
                                if months { "months" } else { "years" }
                            ),
                            _ => continue,
                        }
                    }
                    None => what.to_string(),
                };
                reported.push(name.as_str().to_string());
                let start = s.start + name.start();
                out.push(
                    ctx.finding(
                        PII_CHILD,
                        ctx.locate(unit, start..start + name.len()),
                        format!("\"{}\" may identify a child: a name with {detail}", name.as_str()),
                    )
                    .with_label("name")
                    .with_help(ctx.advice(
                        format!(
                            "remove the name or the detail beside it, or use the published review's pseudonym. If {} consented to be named, add the name under `check: allow: names:` in report.yaml.",
                            name.as_str()
                        ),
                        "remove the name or the detail beside it, or use the published review's pseudonym.".to_string(),
                    )),
                );
            }
        }
    }
}

fn age_number(text: &str) -> Option<u32> {
    const WORDS: [&str; 17] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
    ];
    text.parse().ok().or_else(|| {
        WORDS
            .iter()
            .position(|w| *w == text.to_lowercase())
            .map(|i| i as u32 + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_check_digit() {
        let digits = |s: &str| s.chars().filter_map(|c| c.to_digit(10)).collect::<Vec<_>>();
        assert!(nhs_check(&digits("943 476 5919")));
        assert!(!nhs_check(&digits("943 476 5918")));
        assert!(!nhs_check(&digits("1111111111")));
    }
}
