//! Assemble: render every section's template with the data in scope, parse the
//! Markdown into blocks, put the data sets' tables in place and number the sections.
//! The result is the one [`Document`] that is checked and printed.

mod chart;
pub mod document;
pub mod facts;
pub mod format;
pub mod highlights;
mod markdown;
mod names;
mod review;
mod template;

use std::path::{Component, Path};

use crate::diagnostic::{Diagnostic, Failure, Span, did_you_mean, sort};
use crate::model::{Cell, Colour, DataSet, Project, Unit};
pub use document::{
    Block, BlockKind, BrandingMeta, Chart, Document, ImageFile, Inline, Logo, Meta, PartnerRef,
    Section, Series, Table, TableColumn, plain_text,
};
pub use facts::{
    Confidence, Facts, Funding, HeldBack, Known, NamedPriority, NamedReview, Origin, PartnerFact,
    Period, PublicationFacts, StatutoryPartner,
};
pub use highlights::{Direction, HighlightFigure};
pub use markdown::strip_tags;
pub use template::key_name;
use template::{SourceMap, Templates};

/// Parses a whole Markdown file into blocks whose spans are its own byte ranges, for
/// a report written in Markdown outside a project (`check report.md`). Headings keep
/// the Markdown's levels plus one (`#` and `##` are 2). Markup nested past
/// [`markdown::MAX_NESTING`] is an error.
pub fn markdown_blocks(file: &std::sync::Arc<str>, text: &str) -> Result<Vec<Block>, Diagnostic> {
    markdown::parse(text, &SourceMap::identity(file, text.len()), 1).map(|p| p.blocks)
}

/// Builds the document tree of a loaded project; `draft` marks every page as a draft.
pub fn assemble(project: &Project, draft: bool) -> Result<Document, Failure> {
    let templates = Templates::new(project);
    let mut problems = Vec::new();
    let mut sections = Vec::new();
    let mut images: Vec<ImageFile> = Vec::new();
    let mut links = Vec::new();
    let numbers = numbers(project);

    for (source, number) in project.sections.iter().zip(numbers) {
        let rendered = match templates.render(source) {
            Ok(r) => r,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let map = SourceMap::new(source, &rendered);
        let mut parsed = match markdown::parse(&rendered, &map, source.level()) {
            Ok(p) => p,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        for block in &mut parsed.blocks {
            fill_tables(block, project);
        }
        for image in &parsed.images {
            match load_image(project, image, &parsed.blocks) {
                Ok(Some(file)) if !images.iter().any(|i| i.src == file.src) => images.push(file),
                Ok(_) => {}
                Err(d) => problems.push(d),
            }
        }
        links.append(&mut parsed.links);
        let partner = source
            .front
            .partner
            .as_ref()
            .and_then(|p| project.partner(&p.value))
            .map(|p| PartnerRef {
                id: p.id.value.clone(),
                name: p.name.clone(),
                statutory: p.kind == crate::model::PartnerKind::Statutory,
            });
        sections.push(Section {
            id: source.id().to_string(),
            title: source.front.title.clone(),
            number,
            level: source.level(),
            partner,
            criteria: source
                .front
                .criteria
                .iter()
                .map(|c| c.value.clone())
                .collect(),
            criteria_spans: source.criteria_spans.clone(),
            parent: source.front.parent.as_ref().map(|p| p.value.clone()),
            priority: source.front.priority.clone(),
            review: source.front.review.clone(),
            blocks: review::with_response(
                parsed.blocks,
                source.front.review.as_ref(),
                source.level(),
                &source.id_span,
            ),
            file: source.file.clone(),
            span: source.id_span.clone(),
        });
    }

    let highlights = highlights::highlights(project).unwrap_or_else(|mut ds| {
        problems.append(&mut ds);
        Vec::new()
    });
    let logo = match load_logo(project) {
        Ok(l) => l,
        Err(d) => {
            problems.push(d);
            None
        }
    };

    let ids: Vec<&str> = project.sections.iter().map(|s| s.id()).collect();
    for link in &links {
        if let Some(d) = check_link(&link.target, &link.span, &ids) {
            problems.push(d);
        }
    }

    link_charts_to_tables(&mut sections);
    if !problems.is_empty() {
        sort(&mut problems);
        return Err(Failure {
            diagnostics: problems,
            sources: project.sources.clone(),
        });
    }
    let mut meta = meta(project, draft);
    meta.highlights = highlights;
    meta.branding.logo = logo.as_ref().map(|l| Logo {
        file: l.src.clone(),
        alt: r_logo_alt(project),
    });
    let mut facts = facts(project);
    facts.held_back = held_back(project, &images);
    Ok(Document {
        meta,
        sections,
        glossary: project.glossary.clone(),
        images,
        facts,
        logo,
    })
}

/// The pictures the record of imports says were left out for lack of alt text,
/// which the report still does not show (`shown`), each where its section names it.
/// A picture whose section no longer names it was taken out on purpose: not listed.
fn held_back(project: &Project, shown: &[ImageFile]) -> Vec<HeldBack> {
    let mut out = Vec::new();
    for import in project.imports.values() {
        for picture in &import.held_back {
            let src = picture.strip_prefix("content/").unwrap_or(picture);
            if shown.iter().any(|i| i.src == src) {
                continue;
            }
            let sections = import.files.keys().filter(|f| f.ends_with(".md"));
            let found = sections.filter_map(|file| {
                let text = project.sources.text(file)?;
                let at = text.find(src)?;
                let file = project.sections.iter().find(|s| *s.file == **file)?;
                Some(Span::new(&file.file, at..at + src.len()))
            });
            if let Some(at) = found.into_iter().next() {
                out.push(HeldBack {
                    picture: picture.clone(),
                    at,
                });
            }
        }
    }
    out
}

fn r_logo_alt(project: &Project) -> String {
    project.report.branding.logo_alt.clone().unwrap_or_default()
}

/// The logo named in `branding:`, published as `logo.svg` or `logo.png`.
fn load_logo(project: &Project) -> Result<Option<ImageFile>, Diagnostic> {
    let Some(logo) = &project.report.branding.logo else {
        return Ok(None);
    };
    let path = project.root.join(&logo.value);
    let extension = path
        .extension()
        .map_or("svg".into(), |e| e.to_string_lossy().to_ascii_lowercase());
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            "broken-link",
            highlights::report_span(project, logo),
            format!("cannot read the logo {}: {e}", logo.value),
        )
    })?;
    Ok(Some(ImageFile {
        src: format!("logo.{extension}"),
        bytes: bytes.into(),
    }))
}

/// The branding colour, and the shades of it text may use: on the light theme's
/// palest panel, and lightened for the dark theme's panels.
fn branding(project: &Project) -> BrandingMeta {
    let colour = project
        .report
        .branding
        .colour
        .as_ref()
        .and_then(|c| Colour::parse(&c.value))
        .unwrap_or(crate::model::colour::DEFAULT);
    BrandingMeta::from_colour(colour)
}

/// What report.yaml and the data sets state, carried in the document for the checker.
fn facts(project: &Project) -> Facts {
    let r = &project.report;
    let period = &r.period.value;
    let guidance = match r.guidance {
        Some(g) => Known::stated(g, report_key(project, "guidance")),
        None => Known {
            value: project.guidance(),
            origin: Origin::Assumed,
        },
    };
    let partners = r
        .partners
        .iter()
        .map(|p| {
            Known::stated(
                PartnerFact {
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    statutory: p.kind == crate::model::PartnerKind::Statutory,
                    role: None,
                },
                report_key(project, "partners"),
            )
        })
        .collect();
    Facts {
        partnership: Some(Known::stated(
            r.partnership.name.clone(),
            report_key(project, "partnership"),
        )),
        short_name: Some(Known::stated(
            r.partnership.short_name.clone(),
            report_key(project, "partnership"),
        )),
        period: Some(Known::stated(period.dates(), report_key(project, "period"))),
        guidance,
        partners,
        publication: PublicationFacts {
            website: r.publication.website.clone(),
            published: r.publication.published,
            copy_to_panel: r.publication.copy_to_panel,
            copy_within_seven_days: false,
            origin: Origin::Stated {
                span: report_key(project, "publication"),
            },
        },
        funding: Vec::new(),
        scrutiny: None,
        priorities: Vec::new(),
        reviews: Vec::new(),
        datasets: project.datasets.clone(),
        check: r.check.clone(),
        config_file: Some(project.report_file.clone()),
        anchor: report_key(project, "title"),
        sources: project.sources.clone(),
        root: project.root.clone(),
        pdf_tagged: None,
        held_back: Vec::new(),
    }
}

/// The span of a top-level key of report.yaml (`title:`), or its start.
fn report_key(project: &Project, key: &str) -> Span {
    let file = &project.report_file;
    let text = project.sources.text(file).unwrap_or("");
    let needle = format!("\n{key}:");
    match text.find(&needle) {
        Some(i) => {
            let start = i + 1;
            let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            Span::new(file, start..end)
        }
        None if text.starts_with(&format!("{key}:")) => {
            Span::new(file, 0..text.find('\n').unwrap_or(text.len()))
        }
        None => Span::file_start(file),
    }
}

fn meta(project: &Project, draft: bool) -> Meta {
    let r = &project.report;
    let period = &r.period.value;
    let date = r.publication.published.unwrap_or(period.end.value);
    Meta {
        partnership: r.partnership.name.clone(),
        short_name: r.partnership.short_name.clone(),
        title: r.title.clone(),
        period: format!(
            "{} to {}",
            period.start.value.long(),
            period.end.value.long()
        ),
        author: r.publication.author.clone(),
        date: [
            i64::from(date.year),
            i64::from(date.month),
            i64::from(date.day),
        ],
        lang: "en",
        region: "GB",
        guidance: project.guidance().title().to_string(),
        website: r.publication.website.clone(),
        // The loader has refused an address that does not parse.
        site_url: r
            .publication
            .site_url
            .as_ref()
            .and_then(|u| crate::model::SiteUrl::parse(&u.value).ok()),
        draft,
        pdf_file: r.output.pdf.clone(),
        branding: branding(project),
        highlights: Vec::new(),
        contact: r.publication.contact.clone(),
        known_limitations: r.accessibility.known_limitations.clone(),
        publication_dates: publication_dates(&r.publication),
    }
}

/// "Published on 30 September 2022.", "A copy was sent to the Child Safeguarding
/// Practice Review Panel on 3 October 2022."
fn publication_dates(p: &crate::model::Publication) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = p.published {
        out.push(format!("Published on {}.", d.long()));
    }
    if let Some(d) = p.copy_to_panel {
        out.push(format!(
            "A copy was sent to the Child Safeguarding Practice Review Panel on {}.",
            d.long()
        ));
    }
    out
}

/// Chapter numbers count numbered chapters; sub-sections count within their chapter.
fn numbers(project: &Project) -> Vec<Option<String>> {
    let mut chapter = 0;
    let mut sub = 0;
    let mut chapter_numbered = false;
    project
        .sections
        .iter()
        .map(|s| {
            if s.level() == 1 {
                sub = 0;
                chapter_numbered = s.front.numbered;
                if !s.front.numbered {
                    return None;
                }
                chapter += 1;
                Some(chapter.to_string())
            } else if chapter_numbered && s.front.numbered {
                sub += 1;
                Some(format!("{chapter}.{sub}"))
            } else {
                None
            }
        })
        .collect()
}

/// Replaces each `table(data=…)` and `chart(id=…)` placeholder with the data set's
/// table or chart.
fn fill_tables(block: &mut Block, project: &Project) {
    match &mut block.kind {
        BlockKind::Table(t) if t.columns.is_empty() => {
            if let Some(d) = t.data.as_deref().and_then(|id| project.dataset(id)) {
                *t = table(d);
            }
        }
        BlockKind::Chart(c) if c.series.is_empty() => {
            let found = project
                .datasets
                .iter()
                .find_map(|d| d.charts.iter().find(|s| s.id == c.id).map(|s| (d, s)));
            if let Some((d, spec)) = found {
                *c = chart::chart(d, spec);
            }
        }
        BlockKind::List { items, .. } => items
            .iter_mut()
            .flatten()
            .for_each(|b| fill_tables(b, project)),
        BlockKind::Quote { blocks } => blocks.iter_mut().for_each(|b| fill_tables(b, project)),
        _ => {}
    }
}

/// Labels the first table of each data set, and points each chart whose data set's
/// table is in the report at it, so the PDF can refer to it instead of repeating it.
fn link_charts_to_tables(sections: &mut [Section]) {
    let mut labelled: Vec<String> = Vec::new();
    for section in sections.iter_mut() {
        for block in &mut section.blocks {
            if let BlockKind::Table(t) = &mut block.kind
                && let Some(data) = &t.data
                && !labelled.contains(data)
            {
                t.label = Some(format!("table-{data}"));
                labelled.push(data.clone());
            }
        }
    }
    for section in sections.iter_mut() {
        for block in &mut section.blocks {
            if let BlockKind::Chart(c) = &mut block.kind
                && let Some(data) = &c.table.data
                && labelled.contains(data)
            {
                c.table_label = Some(format!("table-{data}"));
            }
        }
    }
}

/// A data set as a table: its rows, or its named figures when it has no rows.
pub fn table(d: &DataSet) -> Table {
    let source = match (&d.source, d.as_of) {
        (Some(s), Some(a)) => Some(format!("Source: {s}, {}.", a.long())),
        (Some(s), None) => Some(format!("Source: {s}.")),
        (None, Some(a)) => Some(format!("Figures as of {}.", a.long())),
        (None, None) => None,
    };
    let mut t = Table {
        data: Some(d.id.clone()),
        title: d.title.clone(),
        source,
        notes: d.notes.clone(),
        ..Table::default()
    };
    if d.columns.is_empty() {
        figures_table(d, &mut t);
        return t;
    }
    t.columns = d
        .columns
        .iter()
        .map(|c| TableColumn {
            title: c.title.clone(),
            numeric: c.unit != Unit::Text,
        })
        .collect();
    t.rows = d
        .rows
        .iter()
        .map(|row| {
            d.columns
                .iter()
                .zip(row)
                .map(|(c, cell)| match cell {
                    Cell::Number(n) => format::value(*n, c.unit, c.places, c.formula.is_computed()),
                    Cell::Text(s) => s.clone(),
                    Cell::Empty => String::new(),
                })
                .collect()
        })
        .collect();
    if d.totals.iter().any(Option::is_some) {
        t.total = Some(
            d.columns
                .iter()
                .zip(&d.totals)
                .enumerate()
                .map(|(i, (c, total))| match total {
                    Some(v) => format::value(*v, c.unit, c.places, c.formula.is_computed()),
                    None if i == 0 => "Total".to_string(),
                    None => String::new(),
                })
                .collect(),
        );
    }
    t
}

fn figures_table(d: &DataSet, t: &mut Table) {
    let f = |v: Option<f64>, unit: Unit, places: Option<u8>| {
        v.map_or(String::new(), |v| format::value(v, unit, places, false))
    };
    let has = |get: fn(&crate::model::Figure) -> Option<f64>| {
        d.figures.iter().any(|n| get(&n.figure).is_some())
    };
    let comparators: Vec<(&str, fn(&crate::model::Figure) -> Option<f64>)> = [
        (
            "Previous year",
            (|f: &crate::model::Figure| f.previous) as fn(&crate::model::Figure) -> Option<f64>,
        ),
        ("Statistical neighbours", |f| f.statistical_neighbours),
        ("England", |f| f.england),
    ]
    .into_iter()
    .filter(|(_, get)| has(*get))
    .collect();
    t.columns = vec![
        TableColumn {
            title: "Measure".into(),
            numeric: false,
        },
        TableColumn {
            title: "Figure".into(),
            numeric: true,
        },
    ];
    t.columns
        .extend(comparators.iter().map(|(title, _)| TableColumn {
            title: (*title).into(),
            numeric: true,
        }));
    t.rows = d
        .figures
        .iter()
        .map(|n| {
            let fig = &n.figure;
            let mut row = vec![
                fig.label
                    .clone()
                    .unwrap_or_else(|| n.name.replace('_', " ")),
                f(fig.value, fig.unit, fig.places),
            ];
            row.extend(
                comparators
                    .iter()
                    .map(|(_, get)| f(get(fig), fig.unit, fig.places)),
            );
            row
        })
        .collect();
}

fn load_image(
    project: &Project,
    image: &markdown::Reference,
    blocks: &[Block],
) -> Result<Option<ImageFile>, Diagnostic> {
    let mut alt_missing = false;
    for b in blocks {
        b.walk(&mut |b| {
            if let BlockKind::Image { src, alt, .. } = &b.kind {
                if *src == image.target && b.span == image.span && alt.trim().is_empty() {
                    alt_missing = true;
                }
            }
        });
    }
    if alt_missing {
        return Err(Diagnostic::error("image-alt", image.span.clone(), "this image has no alt text")
            .with_label("nothing between the brackets")
            .with_help("say in a few words what the image shows: ![Children's views on feeling safe, as a bar chart](images/chart.png). Readers who cannot see it hear this instead, and PDF/UA requires it."));
    }
    let relative = Path::new(&image.target);
    let safe = !image.target.contains(':')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    let in_project = Path::new("content").join(relative);
    let path = match crate::load::files::contained(&project.root, &in_project) {
        Ok(path) => path,
        Err(escape) => {
            return Err(Diagnostic::error(
                "outside-project",
                image.span.clone(),
                escape.message(&format!("content/{}", image.target)),
            )
            .with_label("leads outside the project")
            .with_help(crate::load::files::Escape::HELP));
        }
    };
    if !safe || !path.is_file() {
        return Err(Diagnostic::error("broken-link", image.span.clone(), format!("there is no image at content/{}", image.target))
            .with_label("image not found")
            .with_help("put the picture under content/images/ and give its path from content/, for example images/chart.png."));
    }
    // Refused here, at the reference, before typst or a browser decodes it: too many
    // pixels, not a picture, or an SVG with script (see crate::load::image::read).
    let shown = format!("content/{}", image.target);
    let bytes = crate::load::image::read(&path, &shown, &image.span)?;
    Ok(Some(ImageFile {
        src: image.target.clone(),
        bytes: bytes.into(),
    }))
}

/// Links to sections must name a section; links to files are not published.
fn check_link(target: &str, span: &Span, ids: &[&str]) -> Option<Diagnostic> {
    if let Some(id) = target.strip_prefix('#') {
        if ids.contains(&id) {
            return None;
        }
        let help = match did_you_mean(id, ids.iter().copied()) {
            Some(m) => format!("did you mean `#{m}`? A link to another section uses that section's id."),
            None => "a link to another section uses the `id:` in that section's front matter: [text](#section-id).".to_string(),
        };
        return Some(
            Diagnostic::error(
                "broken-link",
                span.clone(),
                format!("no section has the id `{id}`"),
            )
            .with_label("link target not found")
            .with_help(help),
        );
    }
    let has_scheme = target.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme || target.starts_with("//") {
        return None;
    }
    Some(
        Diagnostic::error(
            "broken-link",
            span.clone(),
            format!("`{target}` is a link to a file, which is not published with the report"),
        )
        .with_label("not a web address or a section")
        .with_help(
            "link to a web address (https://…) or to another section by its id (#section-id).",
        ),
    )
}
