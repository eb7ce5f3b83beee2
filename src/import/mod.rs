//! `import`: a partner's contribution, sent as a Word document, written into the
//! project as a section (`content/agencies/PARTNER.md`), a data set per table
//! (`content/data/`) and its pictures (`content/images/`), then checked like every
//! other section.
//!
//! What the project's format cannot hold — comments, tracked changes, text boxes,
//! charts made in Word, footnotes — is listed with its place in the Word document, so
//! the team can deal with it by hand. The partner's words are escaped
//! ([`escape`]), so nothing in the document can run as template code, HTML or typst.
//! The same document always gives the same files, byte for byte.

mod carry;
mod dataset;
mod escape;
mod package;
mod sniff;
mod word;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::{Diagnostic, Severity, Sources, did_you_mean};
use crate::model::{IMPORTS_FILE, Import, Order, Project, imports};
use crate::{Error, check};
pub use package::{DOCUMENT_BUDGET, MAX_DOCX_BYTES};
pub use word::Skipped;
use word::{Block, Converted};

/// The chapter `new` makes for the partners' contributions: where an import goes in a
/// project that has no contribution yet.
pub const CONTRIBUTIONS_CHAPTER: &str = "partner-contributions";

/// One file the import wrote, by its path from the project folder.
#[derive(Debug)]
pub struct Written {
    pub path: String,
    /// What it holds, for the summary.
    pub what: String,
}

/// What an import did and found.
#[derive(Debug)]
pub struct Imported {
    pub partner: String,
    pub title: String,
    pub files: Vec<Written>,
    /// What could not be converted, with its place in the Word document.
    pub skipped: Vec<Skipped>,
    /// Pictures without alt text: their place and the file they were saved as.
    pub without_alt: Vec<(String, String)>,
    /// The partner's other sections, already in the project: the import is added
    /// beside them, not in their place.
    pub others: Vec<String>,
    /// Data sets and pictures an earlier import of this partner's contribution
    /// wrote, which this one does not (its document has fewer tables or pictures).
    /// Listed, never deleted: the team may have edited or used them.
    pub left_over: Vec<String>,
    /// The files `--force` replaced that someone had changed since the last import,
    /// each with the path of the copy kept of it.
    pub kept: Vec<(String, String)>,
    /// What checking the project found in the imported files; or, when problems
    /// elsewhere stop the project being checked (`blocked`), those problems.
    pub findings: Vec<Diagnostic>,
    pub blocked: bool,
    pub sources: Sources,
}

/// Imports the Word document `docx` as partner `partner`'s contribution to the
/// project in `project`. Refuses to replace an existing file unless `force`.
pub fn import(docx: &Path, partner: &str, project: &Path, force: bool) -> Result<Imported, Error> {
    let loaded = crate::load::load(project).map_err(Error::Input)?;
    let Some(who) = loaded.partner(partner) else {
        return Err(Error::Output(unknown_partner(&loaded, partner)));
    };
    let shown = docx.display().to_string();
    let bytes = read_docx(docx, &shown).map_err(Error::Output)?;
    let converted = word::convert(&shown, &bytes)
        .map_err(|r| Error::Output(format!("{shown} {}", r.explain())))?;
    let file_name = docx
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or(shown.clone());
    let target = format!("content/agencies/{partner}.md");
    let id = format!("{partner}-contribution");
    if let Some(other) = loaded
        .sections
        .iter()
        .find(|s| s.id() == id && *s.file != *target)
    {
        return Err(Error::Output(format!(
            "{} already has the id `{id}`, which the imported section would have: rename that section's id, or move its text into {target} and delete it",
            other.file
        )));
    }
    let (parent, order) = placement(&loaded, &target);
    let others = loaded
        .sections
        .iter()
        .filter(|s| *s.file != *target)
        .filter(|s| s.front.partner.as_ref().is_some_and(|p| p.value == partner))
        .map(|s| s.file.to_string())
        .collect();
    let title = converted.title.clone().unwrap_or_else(|| who.name.clone());
    let front = Front {
        id: &id,
        title: &title,
        order: &order,
        parent: parent.as_deref(),
        partner,
    };
    // What the reader of the report understands as the figures' source: the
    // partner, not the name of the file it was sent in (kept in the record).
    let source = format!("{}, in its contribution to this report", who.name);
    let mut plan = plan(&converted, &front, &target, &source);
    let awaiting = carry_over(project, &loaded, &target, &mut plan.files);
    let last = loaded.imports.get(partner);
    let changed = changed_since(project, last, &plan.files, &awaiting);
    if !force && !changed.is_empty() {
        return Err(Error::Output(refusal(&who.name, last, &changed)));
    }
    let kept = keep_copies(project, &changed).map_err(Error::Output)?;
    let left_over = left_over(project, partner, &plan.files);
    // The record is written with the files, so the check of the imported section
    // knows the pictures held back; should the import be undone, so is the record.
    let record = record(&loaded, partner, file_name, &plan);
    let mut all = plan.files;
    all.push((IMPORTS_FILE.to_string(), record));
    let previous = write_all(project, &all).map_err(Error::Output)?;
    if std::io::stderr().is_terminal() {
        eprintln!("Checking the project with the imported section…");
    }
    let (findings, sources, blocked) = check_written(project, &all, previous)?;
    let mut skipped = plan.notes;
    skipped.extend(converted.skipped);
    skipped.sort_by_key(|s| s.line);
    let mut files = plan.written;
    files.push(Written {
        path: IMPORTS_FILE.to_string(),
        what: "the record of what each import wrote, so the next one can tell what you change"
            .to_string(),
    });
    Ok(Imported {
        partner: who.name.clone(),
        title,
        files,
        skipped,
        without_alt: plan.without_alt,
        others,
        left_over,
        kept,
        findings,
        blocked,
        sources,
    })
}

/// The record of imports ([`IMPORTS_FILE`]) with this import of `partner`'s
/// contribution in place of the last: what it wrote, and the pictures it held back.
fn record(loaded: &Project, partner: &str, document: String, plan: &Plan) -> Vec<u8> {
    let mut held_back: Vec<String> = plan.without_alt.iter().map(|(_, p)| p.clone()).collect();
    held_back.sort();
    held_back.dedup();
    let mut imports = loaded.imports.clone();
    imports.insert(
        partner.to_string(),
        Import {
            document,
            date: crate::status::today(),
            files: plan
                .files
                .iter()
                .map(|(path, bytes)| (path.clone(), imports::sha256_hex(bytes)))
                .collect(),
            held_back,
        },
    );
    imports::to_yaml(&imports).into_bytes()
}

/// The files of `files` that exist with other contents than the import would write,
/// and not as the last import of this contribution (`last`) wrote them: someone
/// changed them since, or they were never imported. Files `new --from` left waiting
/// for this year's contribution (`awaiting`) are filled, not replaced.
fn changed_since(
    project: &Path,
    last: Option<&Import>,
    files: &[(String, Vec<u8>)],
    awaiting: &[String],
) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| !awaiting.contains(path))
        .filter(|(path, bytes)| {
            let Ok(now) = std::fs::read(project.join(path)) else {
                return false;
            };
            let as_imported = last
                .and_then(|l| l.files.get(path))
                .is_some_and(|sha| *sha == imports::sha256_hex(&now));
            now != *bytes && !as_imported
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Why an import stops: the files it would replace that hold someone's changes, and
/// the two ways on.
fn refusal(who: &str, last: Option<&Import>, changed: &[String]) -> String {
    let since = match last {
        Some(l) => format!(
            "changed after {who}'s contribution was last imported ({}, on {})",
            l.document,
            l.date.long()
        ),
        None => format!(
            "not written by an import of {who}'s contribution (or {IMPORTS_FILE}, the record of imports, is missing)"
        ),
    };
    let (count, these) = match changed.len() {
        1 => ("1 file this import would replace was".to_string(), "it"),
        n => (format!("{n} files this import would replace were"), "them"),
    };
    let mut out = format!("{count} {since}:\n");
    for path in changed {
        out.push_str(&format!("  {path}\n"));
    }
    out.push_str(&format!(
        "To keep the changes, copy what is new in the partner's document into {these} by hand. To take the partner's document instead, run the same command with --force: a copy of each file above, as it is now, is kept in {BACKUPS}/."
    ));
    out
}

/// Where `--force` keeps what an import replaced: a folder per day in the project.
pub const BACKUPS: &str = "replaced-by-import";

/// Copies each of `changed` into a new folder under [`BACKUPS`] named for today
/// (`2026-07-01`, or `2026-07-01 (2)` for the day's second), at the same path, before
/// the import replaces it. Returns each file with its copy's path.
fn keep_copies(project: &Path, changed: &[String]) -> Result<Vec<(String, String)>, String> {
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let day = crate::status::today().to_string();
    let folder = (1..)
        .map(|n| match n {
            1 => format!("{BACKUPS}/{day}"),
            n => format!("{BACKUPS}/{day} ({n})"),
        })
        .find(|f| !project.join(f).exists())
        .expect("a free name");
    let mut kept = Vec::new();
    for path in changed {
        let copy = format!("{folder}/{path}");
        let to = project.join(&copy);
        let cannot = |e: std::io::Error| format!("cannot keep a copy of {path} as {copy}: {e}");
        std::fs::create_dir_all(to.parent().expect("inside the folder")).map_err(cannot)?;
        std::fs::copy(project.join(path), &to).map_err(cannot)?;
        kept.push((path.clone(), copy));
    }
    Ok(kept)
}

/// What `new --from` rolled over for this import: each data set it would replace
/// keeps last year's comparator columns, and the files that still wait for this
/// year's text or figures (which an import fills without `--force`) are returned.
fn carry_over(
    project: &Path,
    loaded: &Project,
    target: &str,
    files: &mut [(String, Vec<u8>)],
) -> Vec<String> {
    let mut awaiting = Vec::new();
    // A section that waits for this year's text shows none of last year's pictures
    // (their places went with last year's text): this year's may replace them.
    let section_awaits = loaded
        .sections
        .iter()
        .find(|s| *s.file == *target)
        .is_some_and(|s| carry::awaiting_text(&s.body));
    for (path, bytes) in files.iter_mut() {
        if path.starts_with("content/images/") {
            if section_awaits && project.join(&*path).exists() {
                awaiting.push(path.clone());
            }
            continue;
        }
        let Ok(old) = std::fs::read_to_string(project.join(&*path)) else {
            continue;
        };
        let fillable = if *path == target {
            section_awaits
        } else if path.ends_with(".yaml") {
            let new = String::from_utf8_lossy(bytes).into_owned();
            if let Some(merged) = carry::with_comparators(&new, &old) {
                *bytes = merged.into_bytes();
            }
            carry::awaiting_figures(&old)
        } else {
            false
        };
        if fillable {
            awaiting.push(path.clone());
        }
    }
    awaiting
}

/// The Word document's bytes, unless the file is larger than any document within the
/// budget ([`MAX_DOCX_BYTES`]): that is refused before it is read.
fn read_docx(docx: &Path, shown: &str) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read {shown}: {e}");
    let size = std::fs::metadata(docx).map_err(cannot)?.len();
    if size > MAX_DOCX_BYTES {
        return Err(format!(
            "{shown} is {:.1} MB, larger than the limit of {} MB for a contribution: a contribution to the report is a few megabytes. If it really is this large, ask the partner to save its pictures at a smaller size, or to split it",
            size as f64 / 1048576.0,
            DOCUMENT_BUDGET >> 20
        ));
    }
    std::fs::read(docx).map_err(cannot)
}

/// The files an import writes, by path from the project folder, with their contents.
struct Plan {
    files: Vec<(String, Vec<u8>)>,
    written: Vec<Written>,
    without_alt: Vec<(String, String)>,
    /// What the import changed, with its place: tables left untitled.
    notes: Vec<Skipped>,
}

/// The section at `target`, a data set per table and a file per picture.
/// How the data sets an import makes of a partner's tables are named: this, then
/// the table's number.
pub fn table_prefix(partner: &str) -> String {
    format!("{}_table_", partner.replace('-', "_"))
}

/// How the pictures an import saves of a partner's document are named, under
/// `content/images/`: this, the picture's number, its extension.
fn picture_prefix(partner: &str) -> String {
    format!("{partner}-")
}

/// The data sets and pictures named as an import of `partner`'s contribution names
/// them, present in the project, that `files` does not write: what an earlier
/// import of a document with more tables or pictures left behind.
fn left_over(project: &Path, partner: &str, files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for (folder, prefix) in [
        ("content/data", table_prefix(partner)),
        ("content/images", picture_prefix(partner)),
    ] {
        let Ok(entries) = std::fs::read_dir(project.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let numbered = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.split_once('.'))
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let path = format!("{folder}/{name}");
            if numbered && !files.iter().any(|(p, _)| *p == path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn plan(converted: &Converted, front: &Front, target: &str, source: &str) -> Plan {
    let mut plan = Plan {
        files: Vec::new(),
        written: Vec::new(),
        without_alt: Vec::new(),
        notes: Vec::new(),
    };
    let mut table_ids = Vec::new();
    let captions = captions(converted);
    for (n, table) in converted.tables.iter().enumerate() {
        let data_id = format!("{}{}", table_prefix(front.partner), n + 1);
        // Only the table's own caption titles it: a heading above it names what the
        // text under it is about, and would be printed twice.
        let own = captions[n].clone().or_else(|| table.title.clone());
        let repeats = own
            .as_deref()
            .is_some_and(|c| repeats_heading(&converted.blocks, n, c));
        let title = own.filter(|_| !repeats);
        let d = dataset::write(&table.rows, title.as_deref(), source);
        let path = format!("content/data/{data_id}.yaml");
        let rows = format!("{} row{}", d.rows, if d.rows == 1 { "" } else { "s" });
        let total = if d.total_row {
            " and a Total row, checked against their sum"
        } else {
            ""
        };
        let named = match &title {
            Some(title) => format!("“{title}”"),
            None => {
                let why = if repeats {
                    "a table whose caption repeats the heading above it: imported untitled, under that heading, so the words are not printed twice"
                } else {
                    "a table without a caption: imported untitled"
                };
                plan.notes.push(Skipped {
                    line: table.line,
                    place: table.place.clone(),
                    what: format!("{why}; give it a `title:` in {path} if it needs one"),
                });
                "untitled".to_string()
            }
        };
        plan.written.push(Written {
            path: path.clone(),
            what: format!("table {}, {named}: {rows}{total}", n + 1),
        });
        plan.files.push((path, d.yaml.into_bytes()));
        table_ids.push(data_id);
    }
    // Each picture file once, however many times the document shows it.
    let file_names: Vec<String> = converted
        .files
        .iter()
        .enumerate()
        .map(|(n, f)| {
            format!(
                "images/{}{}.{}",
                picture_prefix(front.partner),
                n + 1,
                f.extension
            )
        })
        .collect();
    let mut picture_paths = Vec::new();
    let mut described = vec![None; converted.files.len()];
    for p in &converted.pictures {
        let name = file_names[p.file].clone();
        let path = format!("content/{name}");
        if p.alt.is_empty() {
            plan.without_alt.push((p.place.clone(), path.clone()));
        } else if described[p.file].is_none() {
            described[p.file] = Some(p.alt.clone());
        }
        picture_paths.push(name);
    }
    for (n, file) in converted.files.iter().enumerate() {
        let path = format!("content/{}", file_names[n]);
        let what = match &described[n] {
            None => {
                "a picture without alt text: left out of the section until it has some".to_string()
            }
            Some(alt) => format!("a picture; alt text “{alt}”"),
        };
        plan.written.push(Written {
            path: path.clone(),
            what,
        });
        plan.files.push((path, file.bytes.to_vec()));
    }
    let body = section(front, converted, &table_ids, &picture_paths, &captions);
    plan.written.insert(
        0,
        Written {
            path: target.to_string(),
            what: format!("the section “{}”", front.title),
        },
    );
    plan.files
        .insert(0, (target.to_string(), body.into_bytes()));
    plan
}

/// The files an import of the Word document `bytes` as partner `partner`'s first
/// contribution would write, by path from the project folder, without a project and
/// without writing anything: for the fuzz target ([`crate::fuzzing::import_docx`]).
/// `Err` is the message `import` would give.
#[doc(hidden)]
pub fn files_of(bytes: &[u8], partner: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let converted = word::convert("contribution.docx", bytes).map_err(|r| r.explain())?;
    let title = converted
        .title
        .clone()
        .unwrap_or_else(|| partner.to_string());
    let id = format!("{partner}-contribution");
    let order = Order(vec![9, 1]);
    let front = Front {
        id: &id,
        title: &title,
        order: &order,
        parent: Some(CONTRIBUTIONS_CHAPTER),
        partner,
    };
    let target = format!("content/agencies/{partner}.md");
    Ok(plan(&converted, &front, &target, "the fuzzer").files)
}

/// Checks the project with the imported files in it: what the checker finds in them.
/// Should the project no longer load because of them, what they replaced is put back.
fn check_written(
    project: &Path,
    files: &[(String, Vec<u8>)],
    previous: Vec<(PathBuf, Option<Vec<u8>>)>,
) -> Result<(Vec<Diagnostic>, Sources, bool), Error> {
    let mine = |d: &Diagnostic| files.iter().any(|(p, _)| *p == *d.span.file);
    match crate::run_check(project, &check::Options::default()) {
        Ok(report) => Ok((
            report.diagnostics.into_iter().filter(mine).collect(),
            report.sources,
            false,
        )),
        Err(Error::Input(failure)) if failure.diagnostics.iter().any(mine) => {
            restore(project, previous);
            Err(Error::Input(failure))
        }
        // The project has problems elsewhere, which the import did not make: say so.
        Err(Error::Input(failure)) => Ok((failure.diagnostics, failure.sources, true)),
        Err(e) => Err(e),
    }
}

fn unknown_partner(project: &Project, partner: &str) -> String {
    let ids: Vec<&str> = project
        .report
        .partners
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    let hint = match did_you_mean(partner, ids.iter().copied()) {
        Some(m) => format!("did you mean `{m}`? "),
        None => String::new(),
    };
    format!(
        "report.yaml has no partner `{partner}`: {hint}--partner takes the id of a partner listed under `partners:` in report.yaml ({}); add the partner there first if it is missing",
        ids.join(", ")
    )
}

/// Where the imported section goes: under the chapter of the other contributions,
/// after the last of them. A re-import keeps the place of the section it replaces.
fn placement(project: &Project, target: &str) -> (Option<String>, Order) {
    if let Some(s) = project.sections.iter().find(|s| *s.file == *target) {
        return (
            s.front.parent.as_ref().map(|p| p.value.clone()),
            s.front.order.value.clone(),
        );
    }
    let parent = project
        .sections
        .iter()
        .rev()
        .filter(|s| s.front.partner.is_some())
        .find_map(|s| s.front.parent.as_ref().map(|p| p.value.clone()))
        .or_else(|| {
            project
                .sections
                .iter()
                .find(|s| s.id() == CONTRIBUTIONS_CHAPTER && s.front.parent.is_none())
                .map(|s| s.id().to_string())
        });
    let next = |mut o: Order| {
        if let Some(last) = o.0.last_mut() {
            *last += 1;
        }
        o
    };
    match parent {
        Some(parent) => {
            let last = project
                .sections
                .iter()
                .filter(|s| s.front.parent.as_ref().is_some_and(|p| p.value == parent))
                .map(|s| s.front.order.value.clone())
                .max();
            let order = match last {
                Some(o) => next(o),
                None => {
                    let mut o = project
                        .sections
                        .iter()
                        .find(|s| s.id() == parent)
                        .map(|s| s.front.order.value.clone())
                        .unwrap_or(Order(vec![0]));
                    o.0.push(1);
                    o
                }
            };
            (Some(parent), order)
        }
        None => {
            let last = project
                .sections
                .iter()
                .filter_map(|s| s.front.order.value.0.first().copied())
                .max()
                .unwrap_or(0);
            (None, Order(vec![last + 1]))
        }
    }
}

/// Which caption paragraph titles which table: the one just before it, else just
/// after it (unless that one belongs to a picture).
fn captions(converted: &Converted) -> Vec<Option<String>> {
    let mut out = vec![None; converted.tables.len()];
    let b = &converted.blocks;
    for (i, block) in b.iter().enumerate() {
        if let Block::Table(t) = block {
            if let Some(Block::Caption(c)) = i.checked_sub(1).and_then(|j| b.get(j)) {
                out[*t] = Some(word::caption_title(c));
            } else if let Some(Block::Caption(c)) = b.get(i + 1) {
                out[*t] = Some(word::caption_title(c));
            }
        }
    }
    out
}

/// Whether a table's caption only repeats the heading it stands under (the caption
/// between them, or after the table): printed as both, the reader would read the
/// same words twice, so the heading alone names it.
fn repeats_heading(blocks: &[Block], table: usize, caption: &str) -> bool {
    let Some(i) = blocks
        .iter()
        .position(|b| matches!(b, Block::Table(t) if *t == table))
    else {
        return false;
    };
    let above = match i.checked_sub(1).map(|j| &blocks[j]) {
        Some(Block::Caption(_)) => i.checked_sub(2).map(|j| &blocks[j]),
        other => other,
    };
    let Some(Block::Heading { text, .. }) = above else {
        return false;
    };
    let words = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let heading: String = text.iter().map(|s| s.text.as_str()).collect();
    words(caption) == words(&heading)
}

struct Front<'a> {
    id: &'a str,
    title: &'a str,
    order: &'a Order,
    parent: Option<&'a str>,
    partner: &'a str,
}

/// The section's Markdown: front matter, then the blocks in the document's order.
fn section(
    front: &Front,
    converted: &Converted,
    tables: &[String],
    pictures: &[String],
    captions: &[Option<String>],
) -> String {
    let order: Vec<String> = front.order.0.iter().map(u32::to_string).collect();
    let mut out = format!(
        "---\nid: {}\ntitle: {}\norder: {}\n",
        front.id,
        escape::yaml(front.title),
        order.join(".")
    );
    if let Some(parent) = front.parent {
        out.push_str(&format!("parent: {parent}\n"));
    }
    out.push_str(&format!("partner: {}\n---\n", front.partner));
    let blocks = &converted.blocks;
    // Each open list level: its indent, its marker's width, whether numbered, the count.
    let mut list: Vec<(usize, usize, bool, usize)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if !matches!(block, Block::Item { .. }) {
            list.clear();
        }
        match block {
            Block::Heading { rank, text, .. } => out.push_str(&heading(*rank, text)),
            Block::Paragraph(text) => out.push_str(&format!("\n{}\n", escape::spans(text))),
            Block::Item {
                ordered,
                depth,
                text,
            } => {
                if list.is_empty() {
                    out.push('\n');
                }
                let depth = usize::from(*depth).min(list.len());
                list.truncate(depth + 1);
                if list.len() == depth + 1 && list[depth].2 != *ordered {
                    list.pop();
                }
                if list.len() == depth {
                    let indent = list.last().map_or(0, |(i, w, ..)| i + w);
                    list.push((indent, 0, *ordered, 0));
                }
                let level = &mut list[depth];
                level.3 += 1;
                let marker = if *ordered {
                    format!("{}. ", level.3)
                } else {
                    "- ".to_string()
                };
                level.1 = marker.len();
                out.push_str(&format!(
                    "{}{marker}{}\n",
                    " ".repeat(level.0),
                    escape::spans(text)
                ));
            }
            Block::Caption(c) => {
                let of_table = matches!(blocks.get(i + 1), Some(Block::Table(_)))
                    || matches!(i.checked_sub(1).and_then(|j| blocks.get(j)), Some(Block::Table(t)) if captions[*t] == Some(word::caption_title(c)));
                let of_picture = matches!(
                    i.checked_sub(1).and_then(|j| blocks.get(j)),
                    Some(Block::Picture(_))
                );
                if !of_table && !of_picture {
                    out.push_str(&format!("\n{}\n", escape::block_start(&escape::text(c))));
                }
            }
            Block::Table(t) => {
                out.push_str(&format!("\n{{{{ table(data=\"{}\") }}}}\n", tables[*t]))
            }
            Block::Picture(p) => {
                let picture = &converted.pictures[*p];
                let caption = match blocks.get(i + 1) {
                    // Word often repeats the alt text as the caption; once is enough.
                    Some(Block::Caption(c)) if *c != picture.alt => {
                        format!(" \"{}\"", escape::text(c).replace('"', "\\\""))
                    }
                    _ => String::new(),
                };
                if picture.alt.is_empty() {
                    out.push_str(&format!(
                        "\n<!-- content/{0} has no alt text in the Word document, so it is left out. To publish it, write here: ![what the picture shows]({0}) -->\n",
                        pictures[*p]
                    ));
                } else {
                    out.push_str(&format!(
                        "\n![{}]({}{caption})\n",
                        escape::text(&picture.alt),
                        pictures[*p]
                    ));
                }
            }
        }
    }
    out
}

/// A heading's Markdown line: rank 0 is `##`, any lower `###`. A heading is set in
/// bold already, so the partner's bold (often what made a line a heading) is not kept.
fn heading(rank: usize, text: &[word::Span]) -> String {
    let hashes = if rank == 0 { "##" } else { "###" };
    let plain: Vec<_> = text
        .iter()
        .map(|s| word::Span {
            bold: false,
            ..s.clone()
        })
        .collect();
    format!("\n{hashes} {}\n", escape::spans(&plain))
}

/// Writes every file beside its place first, then moves each into place, so no file
/// is ever half-written. Returns what each path held before, to put back.
fn write_all(
    root: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<(PathBuf, Option<Vec<u8>>)>, String> {
    let mut staged = Vec::new();
    let stage = |staged: &mut Vec<(PathBuf, PathBuf)>| -> Result<(), String> {
        for (relative, bytes) in files {
            let path = root.join(relative);
            let dir = path.parent().expect("files are inside the project");
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let name = path.file_name().expect("a file name").to_string_lossy();
            let temp = dir.join(format!(".{name}.import-{}", std::process::id()));
            std::fs::write(&temp, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            staged.push((temp, path));
        }
        Ok(())
    };
    if let Err(e) = stage(&mut staged) {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
        return Err(format!("{e}. Nothing was imported."));
    }
    let previous = staged
        .iter()
        .map(|(_, path)| (path.clone(), std::fs::read(path).ok()))
        .collect();
    for (temp, path) in &staged {
        std::fs::rename(temp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(previous)
}

/// Puts back what the import replaced, and removes what it added.
fn restore(root: &Path, previous: Vec<(PathBuf, Option<Vec<u8>>)>) {
    for (path, bytes) in previous {
        match bytes {
            Some(bytes) => {
                let _ = write_all(root, &[(path.to_string_lossy().to_string(), bytes)]);
            }
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// `import`: imports, prints what was written, what was not converted and what the
/// check found. Exit 0 when imported, 1 when the imported section has error-level
/// findings, 2 when nothing could be imported.
pub fn run(docx: &Path, partner: &str, project: &Path, force: bool, color: bool) -> ExitCode {
    let imported = match import(docx, partner, project, force) {
        Ok(i) => i,
        Err(Error::Input(failure)) => {
            eprint!("{}", failure.render(color));
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{e}\nNothing was imported.");
            return ExitCode::from(2);
        }
    };
    print!("{}", summary(docx, &imported, color));
    if imported
        .findings
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `import` prints.
fn summary(docx: &Path, i: &Imported, color: bool) -> String {
    let mut out = format!(
        "Imported {} as {}'s contribution, “{}”:\n",
        docx.display(),
        i.partner,
        i.title
    );
    let width = i.files.iter().map(|f| f.path.len()).max().unwrap_or(0);
    for f in &i.files {
        out.push_str(&format!("  wrote {:<width$}  {}\n", f.path, f.what));
    }
    if !i.kept.is_empty() {
        out.push_str("\nReplaced with --force, after changes made since the last import; a copy of each as it was is kept:\n");
        for (path, copy) in &i.kept {
            out.push_str(&format!("  {path}  copy: {copy}\n"));
        }
    }
    if !i.others.is_empty() {
        out.push_str(&format!(
            "\n{} already had {}: the import is added beside {}; delete what the new section replaces.\n",
            i.partner,
            i.others.join(", "),
            if i.others.len() == 1 { "it" } else { "them" }
        ));
    }
    if !i.left_over.is_empty() {
        out.push_str(
            "\nLeft by an earlier import of this contribution, and used by no table or picture of this one (`import` never deletes a file: delete them if they are not wanted):\n",
        );
        for path in &i.left_over {
            out.push_str(&format!("  {path}\n"));
        }
    }
    if !i.without_alt.is_empty() {
        out.push_str(&format!(
            "\n{} picture{} without alt text (describe each in the section, where its comment says):\n",
            i.without_alt.len(),
            if i.without_alt.len() == 1 { "" } else { "s" }
        ));
        for (place, path) in &i.without_alt {
            out.push_str(&format!("  {place}: saved as {path}\n"));
        }
    }
    if !i.skipped.is_empty() {
        out.push_str(&format!(
            "\nNot converted ({}): deal with these by hand if they matter:\n",
            i.skipped.len()
        ));
        for s in &i.skipped {
            out.push_str(&format!("  {}: {}\n", s.place, s.what));
        }
    }
    if i.blocked {
        out.push_str("\nThe project has problems elsewhere, which stop it being checked; once they are fixed, `check` checks the imported section too:\n");
        for d in &i.findings {
            out.push('\n');
            out.push_str(&d.render(&i.sources, color));
            out.push('\n');
        }
        return out;
    }
    let count = |s| i.findings.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "\nChecked like every section: {} error{}, {} warning{}, {} info{} in the imported files.\n",
        count(Severity::Error),
        if count(Severity::Error) == 1 { "" } else { "s" },
        count(Severity::Warning),
        if count(Severity::Warning) == 1 { "" } else { "s" },
        count(Severity::Info),
        if count(Severity::Info) == 1 { "" } else { "s" },
    ));
    for d in &i.findings {
        out.push('\n');
        out.push_str(&d.render(&i.sources, color));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_import_replaced_can_be_put_back() {
        let root = std::env::temp_dir().join(format!("import-restore-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("content/agencies")).unwrap();
        std::fs::write(root.join("content/agencies/a.md"), "before").unwrap();
        let files = vec![
            ("content/agencies/a.md".to_string(), b"after".to_vec()),
            ("content/data/a_table_1.yaml".to_string(), b"new".to_vec()),
        ];
        let previous = write_all(&root, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("content/agencies/a.md")).unwrap(),
            "after"
        );
        let leftovers: Vec<_> = std::fs::read_dir(root.join("content/agencies"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no staging file is left: {leftovers:?}");
        restore(&root, previous);
        assert_eq!(
            std::fs::read_to_string(root.join("content/agencies/a.md")).unwrap(),
            "before"
        );
        assert!(!root.join("content/data/a_table_1.yaml").exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
