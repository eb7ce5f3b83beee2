//! The `check:` block of `report.yaml`: the partnership's decisions about the checker,
//! rule by rule, recorded beside the report they apply to.
//!
//! ```yaml
//! check:
//!   rules:
//!     ED-SENTENCE: off
//!     ED-PLACEHOLDER:
//!       severity: warning
//!       reason: The original report printed "x number"; we publish it as it was.
//!   allow:
//!     emails: [scp@council.example.gov.uk]
//!     names: [Lola]
//!   aliases:
//!     council: [Children's Wellbeing, Adults Wellbeing]
//!   ignore: [content/appendix/*.md]
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Severity;

/// How `check` judges this report.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Each rule's severity by rule id: `error`, `warning`, `info` or `off`; or a map
    /// with `severity` and the partnership's `reason`, which `check` prints beside
    /// every finding of that rule.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Contact details and names that may be published.
    #[serde(default)]
    pub allow: AllowLists,
    /// Other names a partner goes by in the report's tables and text, by partner id,
    /// for example `council: [Children's Wellbeing]`.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Files whose findings are not reported: paths from the project folder, where
    /// `*` matches within a folder and `**` across folders.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// A rule's severity, with or without the reason for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RuleSetting {
    Level(Level),
    Decision(Decision),
}

/// A rule's severity and the partnership's reason for choosing it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub severity: Level,
    /// Why the partnership chose this severity; printed with each finding.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A severity, or `off` to turn a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;
        impl serde::de::Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("error, warning, info or off")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Level, E> {
                match v {
                    "error" => Ok(Level::Error),
                    "warning" => Ok(Level::Warning),
                    "info" => Ok(Level::Info),
                    "off" => Ok(Level::Off),
                    other => Err(E::custom(format!(
                        "`{other}` is not a severity: use error, warning, info or off"
                    ))),
                }
            }
            // YAML 1.1 reads a bare `off` as false.
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Level, E> {
                if v {
                    Err(E::custom("use error, warning, info or off"))
                } else {
                    Ok(Level::Off)
                }
            }
        }
        deserializer.deserialize_any(LevelVisitor)
    }
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A severity, or off (YAML may read a bare off as false, which means the same).",
            "anyOf": [
                { "type": "string", "enum": ["error", "warning", "info", "off"] },
                { "const": false }
            ]
        })
    }
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

impl RuleSetting {
    pub fn level(&self) -> Level {
        match self {
            RuleSetting::Level(l) => *l,
            RuleSetting::Decision(d) => d.severity,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            RuleSetting::Level(_) => None,
            RuleSetting::Decision(d) => d.reason.as_deref(),
        }
    }
}

/// Values the privacy and editorial rules accept.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllowLists {
    /// Email addresses that may be published, such as the partnership's contact address.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Telephone numbers that may be published, as written in the report.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Postcodes that may be published, such as the partnership's office.
    #[serde(default)]
    pub postcodes: Vec<String>,
    /// Names of people who consented to be named, or published pseudonyms such as
    /// the name a published case review gave a child.
    #[serde(default)]
    pub names: Vec<String>,
    /// Abbreviations readers know without a glossary entry, such as NHS.
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

impl AllowLists {
    pub fn email(&self, email: &str) -> bool {
        self.emails.iter().any(|e| e.eq_ignore_ascii_case(email))
    }

    pub fn phone(&self, phone: &str) -> bool {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let wanted = digits(phone);
        self.phones.iter().any(|p| digits(p) == wanted)
    }

    pub fn postcode(&self, postcode: &str) -> bool {
        let norm = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase()
        };
        self.postcodes.iter().any(|p| norm(p) == norm(postcode))
    }

    pub fn name(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    pub fn abbreviation(&self, word: &str) -> bool {
        self.abbreviations.iter().any(|a| a == word)
    }
}

impl CheckConfig {
    /// The configured severity of a rule: `None` to use its default, `Some(None)` when
    /// it is turned off.
    pub fn setting(&self, rule: &str) -> Option<&RuleSetting> {
        self.rules.get(rule)
    }

    /// Whether findings in this file are left out.
    pub fn ignores(&self, file: &str) -> bool {
        self.ignore
            .iter()
            .any(|pattern| glob(pattern).is_match(file))
    }
}

/// A path pattern as a regex: `**` any characters, `*` any but `/`, `?` one; a
/// pattern ending in `/` matches everything under that folder.
fn glob(pattern: &str) -> Regex {
    static CACHE: LazyLock<std::sync::Mutex<BTreeMap<String, Regex>>> =
        LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = cache.get(pattern) {
        return r.clone();
    }
    let mut re = String::from("^");
    let mut chars = pattern.trim_start_matches("./").chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                re.push_str(".*");
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    if pattern.ends_with('/') {
        re.push_str(".*");
    }
    re.push('$');
    let r =
        Regex::new(&re).unwrap_or_else(|_| Regex::new("^$").expect("an empty pattern compiles"));
    cache.insert(pattern.to_string(), r.clone());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_paths_as_shells_do() {
        let c = CheckConfig {
            ignore: vec![
                "content/appendix/*.md".into(),
                "content/old/".into(),
                "**/draft-*.md".into(),
            ],
            ..Default::default()
        };
        assert!(c.ignores("content/appendix/a.md"));
        assert!(!c.ignores("content/appendix/x/a.md"));
        assert!(c.ignores("content/old/x/y.md"));
        assert!(c.ignores("content/agencies/draft-police.md"));
        assert!(!c.ignores("content/agencies/police.md"));
    }

    #[test]
    fn off_turns_a_rule_off_even_when_yaml_reads_it_as_false() {
        let c: CheckConfig = serde_saphyr::from_str(
            "rules:\n  ED-SENTENCE: off\n  ED-ACRONYM: 'off'\n  ED-HEADING: {severity: info, reason: why}\n",
        )
        .unwrap();
        assert_eq!(c.setting("ED-SENTENCE").unwrap().level(), Level::Off);
        assert_eq!(c.setting("ED-ACRONYM").unwrap().level(), Level::Off);
        assert_eq!(c.setting("ED-HEADING").unwrap().level(), Level::Info);
        assert_eq!(c.setting("ED-HEADING").unwrap().reason(), Some("why"));
    }

    #[test]
    fn allow_lists_compare_as_people_write() {
        let a = AllowLists {
            phones: vec!["01432 260000".into()],
            postcodes: vec!["hr4 0le".into()],
            emails: vec!["HSCP@example.org".into()],
            ..Default::default()
        };
        assert!(a.phone("(01432) 260 000"));
        assert!(a.postcode("HR4 0LE"));
        assert!(a.email("hscp@example.org"));
        assert!(!a.phone("01432 260001"));
    }
}
