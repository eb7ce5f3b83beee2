//! `new --from`: next year's report from this year's. The period moves on a year,
//! this year's figures become next year's comparators, and each section keeps its
//! front matter and headings with its text cleared, so the team starts from last
//! year's shape without last year's words.

use std::path::PathBuf;

use crate::model::{Date, Guidance, Project};

/// The year after `project`'s, as files by their path inside the new project.
pub fn files(project: &Project, start: Date, end: Date) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let old = &project.report;
    let old_years = years(old.period.value.start.value, old.period.value.end.value);
    let new_years = years(start, end);
    let before_years = years(
        a_year_before(old.period.value.start.value),
        a_year_before(old.period.value.end.value),
    );
    let read = |relative: &str| {
        std::fs::read_to_string(project.root.join(relative))
            .map_err(|e| format!("cannot read {relative} in last year's project: {e}"))
    };
    let mut files = vec![(
        PathBuf::from("report.yaml"),
        report_yaml(
            &read(&project.report_file)?,
            project,
            start,
            end,
            &old_years,
            &new_years,
        ),
    )];
    for name in ["book.toml", "content/glossary.yaml"] {
        if project.root.join(name).is_file() {
            files.push((
                PathBuf::from(name),
                read(name)?.replace(&old_years, &new_years),
            ));
        }
    }
    let last_year = last_year_link(project);
    let first = project
        .sections
        .iter()
        .min_by(|a, b| a.front.order.value.cmp(&b.front.order.value));
    for section in &project.sections {
        let text = read(&section.file)?;
        let intro = first
            .is_some_and(|f| f.file == section.file)
            .then_some(last_year.as_str());
        files.push((
            PathBuf::from(&*section.file),
            section_md(project, section, &text, intro),
        ));
    }
    for d in &project.datasets {
        let relative = format!("content/data/{}.yaml", d.id);
        let path = if project.root.join(&relative).is_file() {
            relative
        } else {
            format!("content/data/{}.yml", d.id)
        };
        let text = read(&path)?;
        files.push((
            PathBuf::from(&path),
            super::dataset::moved_on(
                &text,
                &super::dataset::Years {
                    before: &before_years,
                    old: &old_years,
                    new: &new_years,
                },
            )?,
        ));
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    copy_images(project, &mut files)?;
    Ok(files)
}

/// "2021-22", or "2022" for a calendar year.
pub fn years(start: Date, end: Date) -> String {
    if start.year == end.year {
        start.year.to_string()
    } else {
        format!("{}-{:02}", start.year, end.year.rem_euclid(100))
    }
}

/// The same day a year earlier (28 February for 29 February).
fn a_year_before(d: Date) -> Date {
    let year = d.year - 1;
    let day = d.day.min(crate::model::days_in_month(year, d.month));
    Date {
        year,
        month: d.month,
        day,
    }
}

/// The same day a year later (28 February for 29 February).
pub fn a_year_on(d: Date) -> Date {
    let year = d.year + 1;
    let day = d.day.min(crate::model::days_in_month(year, d.month));
    Date {
        year,
        month: d.month,
        day,
    }
}

/// report.yaml with the period, title and edition moved on and last year's
/// publication dates left out; partners, branding and `check:` decisions kept as
/// written, comments and all.
fn report_yaml(
    text: &str,
    project: &Project,
    start: Date,
    end: Date,
    old_years: &str,
    new_years: &str,
) -> String {
    let old = &project.report.period.value;
    let guidance = match Guidance::for_period_end(end) {
        Guidance::Wt2018 => "wt2018",
        Guidance::Wt2023 => "wt2023",
    };
    let mut out = String::new();
    let mut has_guidance = false;
    let mut in_highlights = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let key = trimmed.split(':').next().unwrap_or("");
        // Last year's highlights name figures that are empty until this year's are
        // in: kept as a comment to bring back then.
        if indent.is_empty() && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_highlights = key == "highlights";
            if in_highlights {
                out.push_str(
                    "# Last year's highlights: bring them back once this year's figures are in.\n",
                );
            }
        }
        if in_highlights {
            out.push_str(&format!("# {line}\n"));
            continue;
        }
        let line = match key {
            "start" if trimmed.contains(&old.start.value.to_string()) => {
                format!("{indent}start: {start}")
            }
            "end" if trimmed.contains(&old.end.value.to_string()) => format!("{indent}end: {end}"),
            "published" | "copy_to_panel" if !indent.is_empty() => continue,
            // This year's website has an address of its own: moved on when it names
            // the years, otherwise left for the team to set (a canonical link to last
            // year's report would send search engines there).
            "site_url" if !indent.is_empty() && trimmed.contains(old_years) => {
                line.replace(old_years, new_years)
            }
            "site_url" if !indent.is_empty() => {
                format!("{indent}# Last year's address; set this year's: {trimmed}")
            }
            "contributions_due" | "board_sign_off" | "publish_by" => shift_date_line(line),
            "guidance" if indent.is_empty() => {
                has_guidance = true;
                format!("guidance: {guidance}")
            }
            "title" if indent.is_empty() => line.replace(old_years, new_years),
            _ => line.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if !has_guidance {
        out.push_str(&format!("guidance: {guidance}\n"));
    }
    out
}

fn shift_date_line(line: &str) -> String {
    let Some((key, value)) = line.split_once(':') else {
        return line.to_string();
    };
    let (date, comment) = value
        .split_once('#')
        .map_or((value, None), |(d, c)| (d, Some(c)));
    match Date::parse(date.trim()) {
        Ok(d) => match comment {
            Some(c) => format!("{key}: {} #{c}", a_year_on(d)),
            None => format!("{key}: {}", a_year_on(d)),
        },
        Err(_) => line.to_string(),
    }
}

/// "This report follows our [Annual Report 2021-22](https://…)."
fn last_year_link(project: &Project) -> String {
    let title = &project.report.title;
    // Where last year's report was published, else the partnership's home page.
    let publication = &project.report.publication;
    let address = publication
        .site_url
        .as_ref()
        .map(|u| &u.value)
        .or(publication.website.as_ref());
    match address {
        Some(url) => format!("This report follows our [{title}]({url}).\n"),
        None => format!("This report follows our {title}.\n"),
    }
}

/// A section's front matter as written, its headings, and a comment in place of each
/// part's text; a priority also gets a prompt for this year's progress.
fn section_md(
    project: &Project,
    section: &crate::model::SectionSource,
    text: &str,
    intro: Option<&str>,
) -> String {
    let front = &text[..section.body_offset.min(text.len())];
    let mut out = front.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    if let Some(p) = &section.front.priority {
        out.push_str(&format!(
            "<!--\nProgress this year on the priority \"{}\".\nLast year's aim: {}\nLast year's progress: {}.\nSay what changed for children this year, and set `progress:` in the front matter to this year's judgement (good, some, little or none); where it is little or none, say why and what happens next.\n-->\n\n",
            p.name,
            p.aim,
            serde_json::to_value(p.progress).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
        ));
    }
    let children_priorities: Vec<_> = project
        .sections
        .iter()
        .filter(|s| {
            s.front
                .parent
                .as_ref()
                .is_some_and(|p| p.value == section.front.id.value)
        })
        .filter_map(|s| s.front.priority.as_ref())
        .collect();
    if !children_priorities.is_empty() {
        out.push_str("<!--\nLast year's priorities, each with a \"progress this year\" prompt in its own section:\n");
        for p in children_priorities {
            out.push_str(&format!("- {}\n", p.name));
        }
        out.push_str("-->\n\n");
    }
    if let Some(intro) = intro {
        out.push_str(intro);
        out.push('\n');
    }
    out.push_str(&format!(
        "<!-- Last year's text is in {} of last year's project. Write this year's below each heading. -->\n",
        section.file
    ));
    // Headings, and where tables and charts are placed: last year's shape, with the
    // figures moved on in the data sets they show.
    for line in section.body.lines() {
        let trimmed = line.trim();
        let heading = line.starts_with('#') && line.trim_start_matches('#').starts_with(' ');
        let placement = trimmed.starts_with("{{") && trimmed.ends_with("}}");
        if heading || placement {
            out.push('\n');
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Pictures (the logo, diagrams) are kept as they are: every file under
/// content/images, read through the loader's containment rules.
fn copy_images(project: &Project, files: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<(), String> {
    let images = project.root.join("content/images");
    if !images.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&images).follow_links(false) {
        let entry = entry.map_err(|e| format!("cannot read last year's images: {e}"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&project.root)
            .expect("under the project")
            .to_path_buf();
        let bytes = std::fs::read(entry.path())
            .map_err(|e| format!("cannot read {}: {e}", relative.display()))?;
        files.push((relative, bytes));
    }
    Ok(())
}
