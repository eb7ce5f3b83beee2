//! Load: walk a report project, parse `report.yaml`, every section's front matter and
//! every data set, and check that they fit together. Every problem found is reported,
//! not just the first.

pub mod dataset;
pub mod files;
pub mod front_matter;
pub mod image;
pub mod sniff;
pub mod svg;
pub mod xml;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Failure, Sources, Span, did_you_mean, sort};
use crate::model::colour::{TEXT_CONTRAST, WHITE};
use crate::model::{Branding, Colour, FrontMatter, Glossary, Project, ReportConfig, SectionSource};
use yaml::YamlSource;

/// Reads and checks the report project in `root`.
pub fn load(root: &Path) -> Result<Project, Failure> {
    if !root.exists() {
        return Err(Failure::not_found(root));
    }
    if !root.is_dir() {
        return Err(Failure::about(
            &root.display().to_string(),
            "not-a-project",
            format!(
                "{} is a file, not a report project's folder",
                root.display()
            ),
            "name the folder that holds report.yaml; to check a finished report, give the file to `check` instead.",
        ));
    }
    let mut loader = Loader {
        root: root.to_path_buf(),
        sources: Sources::default(),
        diagnostics: Vec::new(),
        all_front_matter_read: true,
    };
    let report = loader.report();
    let sections = loader.sections();
    let datasets = loader.datasets();
    let glossary = loader.glossary();
    let imports = loader.imports();
    #[cfg(feature = "publish")]
    loader.book_toml();
    let Some((report, report_file)) = report else {
        return Err(loader.fail());
    };
    loader.cross_check(&report, &sections);
    if !loader.diagnostics.is_empty() {
        return Err(loader.fail());
    }
    let (glossary, glossary_file) = glossary.unzip();
    Ok(Project {
        root: root.to_path_buf(),
        report,
        report_file,
        sections: order_sections(sections),
        datasets,
        glossary: glossary.map(|g| g.terms).unwrap_or_default(),
        glossary_file,
        imports,
        sources: loader.sources,
    })
}

struct Loader {
    root: PathBuf,
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    all_front_matter_read: bool,
}

impl Loader {
    fn fail(mut self) -> Failure {
        sort(&mut self.diagnostics);
        Failure {
            diagnostics: self.diagnostics,
            sources: self.sources,
        }
    }

    /// Reads a file of the project, recording its text for diagnostics. The file must
    /// lie inside the project folder, be at most [`files::MAX_TEXT_BYTES`] long and be
    /// UTF-8; otherwise the problem is reported at the file.
    fn read(&mut self, relative: &str) -> Option<(Arc<str>, String)> {
        let path = match files::contained(&self.root, Path::new(relative)) {
            Ok(path) => path,
            Err(escape) => {
                let file = self.sources.add(relative, "");
                self.diagnostics.push(
                    Diagnostic::error(
                        "outside-project",
                        Span::file_start(&file),
                        escape.message(relative),
                    )
                    .with_help(files::Escape::HELP),
                );
                return None;
            }
        };
        if let Ok(meta) = std::fs::metadata(&path)
            && meta.len() > files::MAX_TEXT_BYTES
        {
            let file = self.sources.add(relative, "");
            self.diagnostics.push(
                Diagnostic::error(
                    "file-too-large",
                    Span::file_start(&file),
                    format!(
                        "{relative} is {:.1} MB; a section or data file may hold at most {} MB",
                        meta.len() as f64 / 1048576.0,
                        files::MAX_TEXT_BYTES / 1048576
                    ),
                )
                .with_help("a file this large is not a section of a report: check that it is the file you meant (not an export or a document pasted whole); split a long text into sub-sections."),
            );
            return None;
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let file = self.sources.add(relative, "");
                self.diagnostics.push(
                    Diagnostic::error(
                        "unreadable-file",
                        Span::file_start(&file),
                        format!("cannot read {relative}: {e}"),
                    )
                    .with_help("check that the file exists and that you may read it."),
                );
                return None;
            }
        };
        match files::utf8(&bytes) {
            Ok(text) => Some((self.sources.add(relative, text), text.to_string())),
            Err(bad) => {
                // Up to the bad byte the lossy text is the file's own, so the offset
                // gives the right line and column.
                let lossy = String::from_utf8_lossy(&bytes);
                let file = self.sources.add(relative, &lossy);
                let (message, help) = bad.explain();
                let end = lossy[bad.offset..]
                    .chars()
                    .next()
                    .map_or(bad.offset, |c| bad.offset + c.len_utf8());
                self.diagnostics.push(
                    Diagnostic::error("not-utf8", Span::new(&file, bad.offset..end), message)
                        .with_label("not UTF-8")
                        .with_help(help),
                );
                None
            }
        }
    }

    /// The website's settings, `book.toml`, if the project has one: read like every
    /// project file (inside the project, text), and every file or folder it names for
    /// the website (a theme, extra style sheets or scripts) must be inside the project
    /// too, since mdBook copies them into the published site.
    #[cfg(feature = "publish")]
    fn book_toml(&mut self) {
        if self.root.join("book.toml").symlink_metadata().is_err() {
            return;
        }
        let Some((file, text)) = self.read("book.toml") else {
            return;
        };
        let config = match text.parse::<mdbook_driver::config::Config>() {
            Ok(c) => c,
            Err(e) => {
                self.diagnostics.push(
                    Diagnostic::error("bad-book-toml", Span::file_start(&file), format!("book.toml cannot be read: {e:#}"))
                        .with_help("book.toml holds the website's settings in TOML; see https://rust-lang.github.io/mdBook/format/configuration/ or delete it to use the tool's defaults."),
                );
                return;
            }
        };
        let mut named: Vec<String> = Vec::new();
        for key in ["output.html.additional-css", "output.html.additional-js"] {
            named.extend(
                config
                    .get::<Vec<String>>(key)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
            );
        }
        named.extend(config.get::<String>("output.html.theme").ok().flatten());
        for name in named {
            let range = text.find(&name).map_or(0..0, |at| at..at + name.len());
            let span = Span::new(&file, range);
            // A link that leads out, or a path that is absolute or climbs out with `..`.
            let climbs = Path::new(&name).components().any(|c| {
                !matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            let message = match files::contained(&self.root, Path::new(&name)) {
                _ if climbs => {
                    format!("book.toml names {name}, which is outside the project folder")
                }
                Err(escape) => escape.message(&name),
                Ok(_) => continue,
            };
            self.diagnostics.push(
                Diagnostic::error("outside-project", span, message)
                    .with_label("outside the project")
                    .with_help(files::Escape::HELP),
            );
        }
    }

    fn report(&mut self) -> Option<(ReportConfig, Arc<str>)> {
        if !self.root.join("report.yaml").exists() {
            let file = self.sources.add("report.yaml", "");
            self.diagnostics.push(
                Diagnostic::error(
                    "no-report-yaml",
                    Span::file_start(&file),
                    format!("there is no report.yaml in {}", folder_name(&self.root)),
                )
                .with_help("run the command in the folder that holds report.yaml, or name that folder with --project DIR; `new` starts a project."),
            );
            return None;
        }
        let (file, text) = self.read("report.yaml")?;
        let source = YamlSource {
            file: &file,
            text: &text,
            base_offset: 0,
        };
        match source.parse::<ReportConfig>("report.yaml") {
            Ok(report) => {
                self.check_report(&report, &source);
                Some((report, file))
            }
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    fn check_report(&mut self, report: &ReportConfig, source: &YamlSource) {
        let period = &report.period.value;
        if period.end.value <= period.start.value {
            self.diagnostics.push(
                Diagnostic::error(
                    "bad-period",
                    source.span(&period.end),
                    "the period ends before it starts",
                )
                .with_help(
                    "the end date should be the last day of the 12 months the report covers.",
                ),
            );
        }
        self.check_branding(&report.branding, source);
        self.check_site_url(&report.publication, source);
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for partner in &report.partners {
            let span = source.span(&partner.id);
            if let Some(first) = seen.get(partner.id.value.as_str()) {
                let at = self.sources.line_col(&first.file, first.range.start);
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        span,
                        format!("two partners have the id `{}`", partner.id.value),
                    )
                    .with_label(format!("first used on line {}", at.line))
                    .with_help("give each partner its own id."),
                );
            } else {
                seen.insert(&partner.id.value, span);
            }
        }
    }

    /// The website's address must be one it can be published at: canonical links and
    /// the sitemap made from a wrong one send search engines somewhere else.
    fn check_site_url(&mut self, publication: &crate::model::Publication, source: &YamlSource) {
        let Some(url) = &publication.site_url else {
            return;
        };
        if let Err(problem) = crate::model::SiteUrl::parse(&url.value) {
            self.diagnostics.push(
                Diagnostic::error("bad-site-url", source.span(url), problem.message())
                    .with_label("expected the https:// address of the website's folder")
                    .with_help("set site_url to the full address the website will be published at, as the web team will give it, for example site_url: https://www.example.org.uk/reports/2021-22/"),
            );
        }
    }

    /// The colour must be readable both ways on white; the logo must be a picture
    /// in the project, with words for readers who cannot see it.
    fn check_branding(&mut self, branding: &Branding, source: &YamlSource) {
        if let Some(colour) = &branding.colour {
            let span = source.span(colour);
            match Colour::parse(&colour.value) {
                None => self.diagnostics.push(
                    Diagnostic::error(
                        "bad-colour",
                        span,
                        format!("`{}` is not a colour", colour.value),
                    )
                    .with_label("expected #rrggbb")
                    .with_help("write the colour as a hex code in quotes, for example colour: \"#00556e\"."),
                ),
                Some(c) if c.contrast(WHITE) < TEXT_CONTRAST => {
                    let shade = c.nearest_passing_shade();
                    self.diagnostics.push(
                        Diagnostic::error(
                            "colour-contrast",
                            span,
                            format!(
                                "the colour {c} has a contrast of {:.2}:1 with white; text needs at least 4.5:1",
                                c.contrast(WHITE)
                            ),
                        )
                        .with_label("too light to read on white, or to carry white text")
                        .with_help(format!(
                            "use a darker shade: the nearest that passes is \"{shade}\" ({:.2}:1). Headings, links and the header bar use this colour, so WCAG 2.2 AA (1.4.3) applies to it.",
                            shade.contrast(WHITE)
                        )),
                    );
                }
                Some(_) => {}
            }
        }
        let Some(logo) = &branding.logo else {
            return;
        };
        let span = source.span(logo);
        let relative = Path::new(&logo.value);
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let picture = relative
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "svg" | "png"));
        let escape = inside
            .then(|| files::contained(&self.root, relative).err())
            .flatten();
        if let Some(escape) = escape {
            self.diagnostics.push(
                Diagnostic::error("outside-project", span, escape.message(&logo.value))
                    .with_label("leads outside the project")
                    .with_help(files::Escape::HELP),
            );
        } else if !inside || !self.root.join(relative).is_file() {
            self.diagnostics.push(
                Diagnostic::error("broken-link", span, format!("there is no logo at {}", logo.value))
                    .with_label("file not found")
                    .with_help("give the logo's path from the project folder (the one holding report.yaml), for example content/images/logo.svg."),
            );
        } else if !picture {
            self.diagnostics.push(
                Diagnostic::error("bad-logo", span, "the logo must be an SVG or PNG file")
                    .with_help("export the logo as SVG (best: sharp at any size) or PNG."),
            );
        } else if let Err(d) = image::read(&self.root.join(relative), &logo.value, &span) {
            // Published on every page of the website: checked as every picture is.
            self.diagnostics.push(d);
        } else if branding
            .logo_alt
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
        {
            self.diagnostics.push(
                Diagnostic::error("image-alt", span, "the logo has no alt text")
                    .with_label("logo_alt is missing")
                    .with_help("add `logo_alt:` under `branding:` with what the logo says, usually the partnership's name."),
            );
        }
    }

    /// Every Markdown file under `content/`, in path order.
    fn markdown_files(&self) -> Vec<String> {
        self.files_under("content", |p| p.extension().is_some_and(|e| e == "md"))
    }

    fn files_under(&self, dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<String> {
        // Links are followed so that each file, wherever it leads, is listed and then
        // refused by `read` if it lies outside the project, rather than silently skipped.
        let mut files: Vec<String> = WalkDir::new(self.root.join(dir))
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && keep(e.path()))
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.root).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        files.sort();
        files
    }

    fn sections(&mut self) -> Vec<SectionSource> {
        let mut sections = Vec::new();
        for relative in self.markdown_files() {
            let Some((file, text)) = self.read(&relative) else {
                continue;
            };
            match front_matter::split(&file, &text) {
                Err(d) => {
                    self.all_front_matter_read = false;
                    self.diagnostics.push(d)
                }
                Ok(parts) => {
                    let source = YamlSource {
                        file: &file,
                        text: parts.yaml,
                        base_offset: parts.yaml_offset,
                    };
                    match source.parse::<FrontMatter>("a section's front matter") {
                        Err(d) => {
                            self.all_front_matter_read = false;
                            self.diagnostics.push(d)
                        }
                        Ok(front) => sections.push(SectionSource {
                            id_span: source.span(&front.id),
                            partner_span: front.partner.as_ref().map(|p| source.span(p)),
                            parent_span: front.parent.as_ref().map(|p| source.span(p)),
                            criteria_spans: front.criteria.iter().map(|c| source.span(c)).collect(),
                            body: parts.body.to_string(),
                            body_offset: parts.body_offset,
                            file: file.clone(),
                            front,
                        }),
                    }
                }
            }
        }
        sections
    }

    fn datasets(&mut self) -> Vec<crate::model::DataSet> {
        let mut datasets = Vec::new();
        let files = self.files_under("content/data", |p| {
            p.extension().is_some_and(|e| e == "yaml" || e == "yml")
        });
        for relative in files {
            let Some((file, text)) = self.read(&relative) else {
                continue;
            };
            let id = Path::new(&relative)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                self.diagnostics.push(
                    Diagnostic::error("bad-id", Span::file_start(&file), format!("`{id}` cannot name a data set"))
                        .with_help(format!(
                            "templates refer to a data set by its file name, so use letters, digits and `_` only: rename it to {}.yaml",
                            id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                        )),
                );
                continue;
            }
            let source = YamlSource {
                file: &file,
                text: &text,
                base_offset: 0,
            };
            match dataset::resolve(&id, &source) {
                Ok(d) => datasets.push(d),
                Err(mut ds) => self.diagnostics.append(&mut ds),
            }
        }
        self.diagnostics
            .extend(dataset::duplicate_charts(&datasets));
        datasets
    }

    fn glossary(&mut self) -> Option<(Glossary, Arc<str>)> {
        const GLOSSARY: &str = "content/glossary.yaml";
        if !self.root.join(GLOSSARY).exists() {
            return None;
        }
        let (file, text) = self.read(GLOSSARY)?;
        let source = YamlSource {
            file: &file,
            text: &text,
            base_offset: 0,
        };
        match source.parse::<Glossary>("the glossary") {
            Ok(g) => Some((g, file)),
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// The record of what each import wrote ([`crate::model::imports`]), when there
    /// is one: empty before the first import.
    fn imports(&mut self) -> crate::model::Imports {
        use crate::model::IMPORTS_FILE;
        if !self.root.join(IMPORTS_FILE).exists() {
            return Default::default();
        }
        let Some((file, text)) = self.read(IMPORTS_FILE) else {
            return Default::default();
        };
        let source = YamlSource {
            file: &file,
            text: &text,
            base_offset: 0,
        };
        match source.parse::<crate::model::Imports>("the record of imports") {
            Ok(imports) => imports,
            Err(d) => {
                self.diagnostics.push(d);
                Default::default()
            }
        }
    }

    /// Ids are unique; partners and parents named by sections exist.
    fn cross_check(&mut self, report: &ReportConfig, sections: &[SectionSource]) {
        let mut seen: HashMap<&str, &SectionSource> = HashMap::new();
        for s in sections {
            if let Some(first) = seen.get(s.id()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        s.id_span.clone(),
                        format!("two sections have the id `{}`", s.id()),
                    )
                    .with_label(format!("{} uses it too", first.file))
                    .with_help("give each section its own id: links and the contents use it."),
                );
            } else {
                seen.insert(s.id(), s);
            }
        }
        let partner_ids: Vec<&str> = report
            .partners
            .iter()
            .map(|p| p.id.value.as_str())
            .collect();
        for s in sections {
            if let (Some(partner), Some(span)) = (&s.front.partner, &s.partner_span) {
                if !partner_ids.contains(&partner.value.as_str()) {
                    let help = match did_you_mean(&partner.value, partner_ids.iter().copied()) {
                        Some(m) => format!(
                            "did you mean `{m}`? Partners are listed under `partners:` in report.yaml."
                        ),
                        None => format!(
                            "add the partner to `partners:` in report.yaml, or use one of its ids: {}.",
                            partner_ids.join(", ")
                        ),
                    };
                    self.diagnostics.push(
                        Diagnostic::error(
                            "unknown-partner",
                            span.clone(),
                            format!("no partner has the id `{}`", partner.value),
                        )
                        .with_label("not in report.yaml")
                        .with_help(help),
                    );
                }
            }
            // A section whose front matter could not be read is missing from `seen`;
            // saying its sub-sections have no parent would only repeat that problem.
            if let Some(parent) = s
                .front
                .parent
                .as_ref()
                .filter(|_| self.all_front_matter_read)
            {
                let span = s.parent_span.clone().unwrap_or_else(|| s.id_span.clone());
                match seen.get(parent.value.as_str()) {
                    None => {
                        let ids = seen.keys().copied().filter(|i| *i != s.id());
                        let help = match did_you_mean(&parent.value, ids) {
                            Some(m) => format!("did you mean `{m}`?"),
                            None => "`parent` names the id of the chapter this section belongs to.".to_string(),
                        };
                        self.diagnostics.push(
                            Diagnostic::error("unknown-parent", span, format!("no section has the id `{}`", parent.value))
                                .with_help(help),
                        );
                    }
                    Some(p) if p.front.parent.is_some() => self.diagnostics.push(
                        Diagnostic::error("nested-too-deep", span, format!("`{}` is itself a sub-section", parent.value))
                            .with_help("a report has chapters and sub-sections, no deeper: name a chapter as the parent."),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// Chapters by order, each followed by its sub-sections by order; ties keep path order.
fn order_sections(mut sections: Vec<SectionSource>) -> Vec<SectionSource> {
    sections.sort_by(|a, b| a.front.order.value.cmp(&b.front.order.value));
    let (chapters, subs): (Vec<_>, Vec<_>) =
        sections.into_iter().partition(|s| s.front.parent.is_none());
    let mut subs: Vec<Option<SectionSource>> = subs.into_iter().map(Some).collect();
    let mut ordered = Vec::new();
    for chapter in chapters {
        let id = chapter.id().to_string();
        ordered.push(chapter);
        for slot in subs.iter_mut() {
            if slot
                .as_ref()
                .is_some_and(|s| s.front.parent.as_ref().is_some_and(|p| p.value == id))
            {
                ordered.push(slot.take().unwrap());
            }
        }
    }
    ordered
}

/// The project folder as the user would recognise it: the current folder's full path
/// when the command runs inside it, else the path as given.
fn folder_name(root: &Path) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        return std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|_| "this folder".into());
    }
    root.display().to_string()
}
