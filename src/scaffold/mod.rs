//! `new`: a report project to start from, laid out by what the guidance asks a yearly
//! report to contain, that builds at once.
//!
//! Every chapter says in an HTML comment what belongs in it and which criterion it
//! serves. Comments are never printed, so nothing of the skeleton can be published
//! by mistake; `check` lists what is still missing, criterion by criterion.

mod dataset;
pub mod rollover;
pub mod template;

use std::path::{Path, PathBuf};

use crate::check::criteria::Key;
use crate::model::{Date, Guidance};

/// What the team says about the report it is starting.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub partnership: String,
    pub short_name: String,
    pub start: Date,
    pub end: Date,
}

/// Parses `2023-04-01..2024-03-31`.
pub fn parse_period(text: &str) -> Result<(Date, Date), String> {
    let (start, end) = text.split_once("..").ok_or_else(|| {
        format!(
            "`{text}` is not a period: write it as START..END, for example 2023-04-01..2024-03-31"
        )
    })?;
    let (start, end) = (Date::parse(start)?, Date::parse(end)?);
    if end <= start {
        return Err(format!(
            "the period ends ({end}) before it starts ({start}); write it as START..END"
        ));
    }
    Ok((start, end))
}

impl NewReport {
    pub fn guidance(&self) -> Guidance {
        Guidance::for_period_end(self.end)
    }

    /// "2023-24" for a period across two years, "2023" within one.
    pub fn years(&self) -> String {
        rollover::years(self.start, self.end)
    }
}

/// A chapter of the skeleton: what it is for and the criteria it serves (those the
/// report's edition has: the multi-agency data set is a 2023 criterion only).
struct Chapter {
    id: &'static str,
    title: &'static str,
    numbered: bool,
    criteria: &'static [Key],
    guide: &'static str,
}

const CHAPTERS: &[Chapter] = &[
    Chapter {
        id: "foreword",
        title: "Foreword",
        numbered: false,
        criteria: &[],
        guide: "A short foreword signed by the safeguarding partners (or the partnership's chair): the year in a few sentences and what the partners are proudest of and most concerned about.",
    },
    Chapter {
        id: "about-the-partnership",
        title: "About the partnership",
        numbered: true,
        criteria: &[Key::Activity, Key::Partners, Key::Education],
        guide: "Who the safeguarding partners are (for a 2023-edition report: the lead safeguarding partners and their delegates, by name and post), the relevant agencies, how schools, colleges and early years settings take part, and how the arrangements work. Link to the published arrangements.",
    },
    Chapter {
        id: "funding",
        title: "Funding",
        numbered: true,
        criteria: &[Key::Funding],
        guide: "Each safeguarding partner's financial contribution, and what it paid for. Put the figures in a data set (content/data/funding.yaml) and show it as a table: see \"Data sets\" in the tool's docs/format.md.",
    },
    Chapter {
        id: "what-we-did",
        title: "What we did this year",
        numbered: true,
        criteria: &[Key::Activity, Key::DataSet],
        guide: "What the partners did as a result of the arrangements: meetings, groups, audits, campaigns, the multi-agency data the partnership looked at. Every figure belongs in a data set under content/data.",
    },
    Chapter {
        id: "priorities",
        title: "Our priorities",
        numbered: true,
        criteria: &[Key::NoProgress],
        guide: "One sub-section per priority (a file in content/priorities with a `priority:` block giving its aim and progress: good, some, little or none). Where progress was little or none, say why and what happens next.",
    },
    Chapter {
        id: "case-reviews",
        title: "Learning from case reviews",
        numbered: true,
        criteria: &[Key::Reviews, Key::ReviewActions],
        guide: "Rapid reviews and child safeguarding practice reviews in the year, or say plainly that there were none. One sub-section per review (a file in content/reviews with a `review:` block): each recommendation, the decisions and actions taken or planned, and what improved. National reviews too.",
    },
    Chapter {
        id: "impact-and-effectiveness",
        title: "How effective the arrangements have been",
        numbered: true,
        criteria: &[Key::Effectiveness, Key::Impact],
        guide: "A judgement of how effective the arrangements were in practice, with the evidence for it, and the impact on outcomes for children and families from early help, through children in need and child protection, to looked-after children and care leavers. Impact is what changed for children, not how much was done.",
    },
    Chapter {
        id: "voice-of-children",
        title: "Listening to children and families",
        numbered: true,
        criteria: &[Key::Voice],
        guide: "How the partners sought feedback from children and families, and how they used it: what changed because of what children and families said.",
    },
    Chapter {
        id: "learning-and-training",
        title: "Training and learning",
        numbered: true,
        criteria: &[Key::Impact],
        guide: "Multi-agency training in the year: who took part, and the evidence that it changed practice (not only what attendees thought of the course).",
    },
    Chapter {
        id: "partner-contributions",
        title: "What our partners did",
        numbered: true,
        criteria: &[Key::Activity, Key::Impact],
        guide: "The partners' own contributions, one sub-section each, in content/agencies. Send each partner their template from contribution-templates/; put what comes back in content/agencies.",
    },
    Chapter {
        id: "independent-scrutiny",
        title: "Independent scrutiny",
        numbered: true,
        criteria: &[Key::Scrutiny],
        guide: "The independent scrutineer's evaluation of the arrangements and of this report, in their own words, and the partners' response.",
    },
    Chapter {
        id: "publication",
        title: "About this report",
        numbered: false,
        criteria: &[Key::Publication, Key::PublishBy],
        guide: "Where the report is published, when, and that a copy went to the Child Safeguarding Practice Review Panel (and, under the 2023 edition, the Department for Education) within seven days of publication.",
    },
];

/// The safeguarding partners named in law, as placeholders the team renames. The
/// health partner is an integrated care board from 1 July 2022, a clinical
/// commissioning group before.
fn statutory_partners(spec: &NewReport) -> [(&'static str, &'static str); 3] {
    let icb_from = Date {
        year: 2022,
        month: 7,
        day: 1,
    };
    let health = if spec.end >= icb_from {
        ("icb", "Integrated Care Board")
    } else {
        ("ccg", "Clinical Commissioning Group")
    };
    [("council", "Local authority"), ("police", "Police"), health]
}

/// Writes a new project into `dir`, which must not exist or be empty.
pub fn create(dir: &Path, spec: &NewReport) -> Result<Vec<PathBuf>, String> {
    write_project(dir, files(spec)?)
}

/// Writes next year's project into `dir` from last year's in `from`: see [`rollover`].
/// The period is the year after last year's unless `period` says otherwise.
pub fn roll_over(
    dir: &Path,
    from: &Path,
    period: Option<(Date, Date)>,
) -> Result<Vec<PathBuf>, crate::Error> {
    let project = crate::load::load(from).map_err(crate::Error::Input)?;
    let old = &project.report.period.value;
    let (start, end) = period.unwrap_or((
        rollover::a_year_on(old.start.value),
        rollover::a_year_on(old.end.value),
    ));
    let mut files = rollover::files(&project, start, end).map_err(crate::Error::Output)?;
    let report = &project.report;
    let years = rollover::years(start, end);
    let due = report.schedule.contributions_due.map(rollover::a_year_on);
    for partner in &report.partners {
        let t = template::Template {
            partner: &partner.name,
            short_name: &report.partnership.short_name,
            years: &years,
            start,
            end,
            due,
        };
        let docx = template::docx(&t).map_err(crate::Error::Output)?;
        files.push((template::path(&partner.id.value), docx));
    }
    for (name, text) in crate::schema::all() {
        files.push((PathBuf::from("schemas").join(name), text.into_bytes()));
    }
    write_project(dir, files).map_err(crate::Error::Output)
}

/// Writes `files` into `dir`, which must not exist or be empty: into a folder beside
/// it first, then moved into place whole, so a failure leaves nothing half-written.
fn write_project(dir: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>, String> {
    refuse_if_in_use(dir)?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let staging = parent.join(format!(".new-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let write_all = || -> std::io::Result<()> {
        for (path, text) in &files {
            let path = staging.join(path);
            std::fs::create_dir_all(path.parent().expect("files are inside the project"))?;
            std::fs::write(path, text)?;
        }
        if dir.exists() {
            std::fs::remove_dir(dir)?; // empty, as checked above
        }
        std::fs::rename(&staging, dir)
    };
    write_all().map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        format!("cannot write the new project into {}: {e}", dir.display())
    })?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn refuse_if_in_use(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if dir.is_dir() && empty {
        return Ok(());
    }
    Err(format!(
        "{} already exists and is not an empty folder; `new` never writes over files. Choose a new folder name.",
        dir.display()
    ))
}

/// Every file of the new project, by its path inside it.
fn files(spec: &NewReport) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let mut files = vec![
        (PathBuf::from("report.yaml"), report_yaml(spec)),
        (PathBuf::from("book.toml"), book_toml(spec)),
        (
            PathBuf::from("content/glossary.yaml"),
            "# yaml-language-server: $schema=../schemas/glossary.schema.json\n# Abbreviations the report uses, for example:\n#   - {term: CSPR, meaning: Child safeguarding practice review}\nterms: []\n".to_string(),
        ),
    ];
    for (i, chapter) in CHAPTERS.iter().enumerate() {
        files.push((
            PathBuf::from(format!("content/{i:02}-{}.md", chapter.id)),
            chapter_md(spec, chapter, i),
        ));
    }
    let mut templates = Vec::new();
    for (id, name) in statutory_partners(spec) {
        let template = template::Template {
            partner: name,
            short_name: &spec.short_name,
            years: &spec.years(),
            start: spec.start,
            end: spec.end,
            due: None,
        };
        templates.push((template::path(id), template::docx(&template)?));
    }
    for (name, text) in crate::schema::all() {
        files.push((PathBuf::from("schemas").join(name), text));
    }
    Ok(files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .chain(templates)
        .collect())
}

fn report_yaml(spec: &NewReport) -> String {
    let guidance = match spec.guidance() {
        Guidance::Wt2018 => "wt2018",
        Guidance::Wt2023 => "wt2023",
    };
    let mut partners = String::new();
    for (id, name) in statutory_partners(spec) {
        partners.push_str(&format!(
            "  - id: {id}\n    name: {name}    # its full name\n    kind: statutory\n"
        ));
    }
    format!(
        "# yaml-language-server: $schema=schemas/report.schema.json\n\
         partnership:\n  name: {name}\n  short_name: {short}\n\
         title: Annual Report {years}\n\
         period:\n  start: {start}\n  end: {end}\n\
         # The edition of Working Together the report answers to, from the period's end.\n\
         guidance: {guidance}\n\
         # The safeguarding partners; add the relevant agencies with kind: relevant-agency.\n\
         partners:\n{partners}\
         publication:\n  author: {name}\n  # website: https://…        # where the report will be published\n\
         # The dates the team works to: `status` marks missing contributions overdue\n\
         # after contributions_due.\n\
         # schedule:\n\
         #   contributions_due: YYYY-MM-DD\n\
         #   board_sign_off: YYYY-MM-DD\n\
         #   publish_by: YYYY-MM-DD\n",
        name = yaml_text(&spec.partnership),
        short = yaml_text(&spec.short_name),
        years = spec.years(),
        start = spec.start,
        end = spec.end,
    )
}

/// A YAML scalar for free text: quoted when it could be read as something else.
fn yaml_text(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || " -'’&().,".contains(c))
        && !text.starts_with(['-', ' '])
        && !text.is_empty();
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

fn book_toml(spec: &NewReport) -> String {
    let title = format!("{} Annual Report {}", spec.partnership, spec.years());
    format!(
        "# Website settings for the report (mdBook). The tool writes the pages itself from\n\
         # content/; what you set here is applied on top.\n\
         [book]\ntitle = {}\nlanguage = \"en-GB\"\nauthors = [{}]\n",
        toml_string(&title),
        toml_string(&spec.partnership)
    )
}

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn chapter_md(spec: &NewReport, chapter: &Chapter, order: usize) -> String {
    let criteria: Vec<String> = chapter
        .criteria
        .iter()
        .filter_map(|c| c.id(spec.guidance()))
        .map(|id| id.to_string())
        .collect();
    let mut front = format!(
        "---\nid: {}\ntitle: {}\norder: {order}\n",
        chapter.id, chapter.title
    );
    if !chapter.numbered {
        front.push_str("numbered: false\n");
    }
    front.push_str("---\n\n");
    let serves = if criteria.is_empty() {
        String::new()
    } else {
        format!(
            "\n\nThis chapter serves: {}. Once it is written, say so in the front matter\n(criteria: [{}]) so `check` looks here first.",
            criteria.join(", "),
            criteria.join(", ")
        )
    };
    format!(
        "{front}<!--\nWhat belongs here: {}{serves}\nWrite below this comment. Comments are never published.\n-->\n",
        chapter.guide
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(period: &str) -> NewReport {
        let (start, end) = parse_period(period).unwrap();
        NewReport {
            partnership: "Testshire Safeguarding Children Partnership".into(),
            short_name: "TSCP".into(),
            start,
            end,
        }
    }

    #[test]
    fn the_period_decides_the_title_edition_and_health_partner() {
        let s = spec("2023-04-01..2024-03-31");
        assert_eq!(s.years(), "2023-24");
        assert_eq!(s.guidance(), Guidance::Wt2023);
        assert_eq!(statutory_partners(&s)[2].0, "icb");
        let s = spec("2021-04-01..2022-03-31");
        assert_eq!(s.guidance(), Guidance::Wt2018);
        assert_eq!(statutory_partners(&s)[2].0, "ccg");
        assert_eq!(spec("2022-01-01..2022-12-31").years(), "2022");
    }

    #[test]
    fn a_period_must_be_start_then_end() {
        assert!(parse_period("2023-04-01").is_err());
        assert!(parse_period("2024-03-31..2023-04-01").is_err());
        assert!(parse_period("2023-04-01..2024-02-30").is_err());
    }

    #[test]
    fn names_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_text("Testshire SCP"), "Testshire SCP");
        assert_eq!(yaml_text("A: B"), "\"A: B\"");
        assert_eq!(yaml_text("#1 partnership"), "\"#1 partnership\"");
    }
}
