//! Entry points for the fuzz targets in `fuzz/` and for their regression tests in
//! `tests/fuzz_regressions.rs`: each runs one stage of the pipeline on arbitrary text
//! and panics only when something breaks that must never break: a panic inside the
//! stage; an error that is not the input's fault (a user can fix only their input);
//! a diagnostic whose span is not inside the text it names, or that names a file other
//! than the input when only the input was read (the user would be sent to a line and
//! column that do not exist); a data set whose total is not the sum of its rows, or
//! whose table has a row more or less than the data set.

use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex};

use crate::diagnostic::{Diagnostic, Sources};
use crate::load::yaml::YamlSource;
use crate::model::{FrontMatter, Project, ReportConfig};

/// `report.yaml` parsing.
pub fn report_yaml(text: &str) {
    let file: Arc<str> = Arc::from("report.yaml");
    let source = YamlSource {
        file: &file,
        text,
        base_offset: 0,
    };
    if let Err(d) = source.parse::<ReportConfig>("report.yaml") {
        check_inside(&[d], &one_file(&file, text), &file);
    }
}

/// Splitting a section into front matter and body, and parsing the front matter.
pub fn front_matter(text: &str) {
    let file: Arc<str> = Arc::from("content/section.md");
    let sources = one_file(&file, text);
    match crate::load::front_matter::split(&file, text) {
        Err(d) => check_inside(&[d], &sources, &file),
        Ok(parts) => {
            assert!(parts.yaml_offset + parts.yaml.len() <= text.len());
            assert_eq!(&text[parts.body_offset..], parts.body);
            let source = YamlSource {
                file: &file,
                text: parts.yaml,
                base_offset: parts.yaml_offset,
            };
            if let Err(d) = source.parse::<FrontMatter>("a section's front matter") {
                check_inside(&[d], &sources, &file);
            }
        }
    }
}

/// A data set: columns, formulas, computed columns and totals, then its table.
pub fn dataset(text: &str) {
    let file: Arc<str> = Arc::from("content/data/fuzz.yaml");
    let source = YamlSource {
        file: &file,
        text,
        base_offset: 0,
    };
    match crate::load::dataset::resolve("fuzz", &source) {
        Ok(d) => dataset_agrees_with_its_table(&d),
        Err(ds) => check_inside(&ds, &one_file(&file, text), &file),
    }
}

/// A column marked `total: true` totals the numbers in its rows, and no other column
/// has a total; the table printed has one row per row of data, each with a cell per
/// column, and a total row exactly when a column has a total.
pub fn dataset_agrees_with_its_table(d: &crate::model::DataSet) {
    for (i, column) in d.columns.iter().enumerate() {
        let numbers: Vec<f64> = d
            .rows
            .iter()
            .filter_map(|r| match r.get(i) {
                Some(crate::model::Cell::Number(n)) => Some(*n),
                _ => None,
            })
            .collect();
        let sum = (!numbers.is_empty()).then(|| numbers.iter().sum::<f64>());
        let total = d.totals.get(i).copied().flatten();
        let want = if column.total { sum } else { None };
        let same = match (total, want) {
            (Some(a), Some(b)) => a == b || (a.is_nan() && b.is_nan()),
            (a, b) => a.is_none() && b.is_none(),
        };
        assert!(
            same,
            "column {}: total {total:?}, but its rows sum to {want:?}",
            column.id
        );
    }
    let table = crate::assemble::table(d);
    if d.columns.is_empty() {
        return;
    }
    assert_eq!(table.rows.len(), d.rows.len(), "the table's rows");
    for row in &table.rows {
        assert_eq!(row.len(), d.columns.len(), "a row of the table: {row:?}");
    }
    assert_eq!(table.total.is_some(), d.totals.iter().any(Option::is_some));
}

/// A section of a loaded project with its body replaced by `body`, assembled: the
/// template engine runs with the project's data in scope, then Markdown becomes
/// blocks. With `raw`, the body is shielded from the template engine so that only
/// the Markdown stage sees it.
pub fn section_body(project: &mut Project, index: usize, body: &str, raw: bool) {
    let body = if raw {
        format!(
            "{{% raw %}}{}{{% endraw %}}",
            body.replace("endraw", "end_raw")
        )
    } else {
        body.to_string()
    };
    let section = &mut project.sections[index];
    let text = project.sources.text(&section.file).unwrap_or_default();
    let front = text[..section.body_offset.min(text.len())].to_string();
    project
        .sources
        .add(&section.file, &format!("{front}{body}"));
    section.body = body;
    if let Err(failure) = crate::assemble::assemble(project, false) {
        check(&failure.diagnostics, &failure.sources);
    }
}

/// [`section_body`] on the police contribution of the shipped example (in the source
/// tree this library was built from), which uses figures from data sets. The example
/// is loaded once per process; the fuzz targets and the regression tests share this.
pub fn example_section_body(body: &str, raw: bool) {
    static EXAMPLE: LazyLock<Mutex<(Project, usize)>> = LazyLock::new(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::load::load(root).expect("the example loads");
        let index = project
            .sections
            .iter()
            .position(|s| s.file.contains("police"))
            .expect("the example has a police contribution");
        Mutex::new((project, index))
    });
    let mut example = EXAMPLE.lock().unwrap_or_else(|e| e.into_inner());
    let (project, index) = &mut *example;
    section_body(project, *index, body, raw);
}

/// The whole `validate` on the project in `dir`, whose one section is `text`.
pub fn validate_section(dir: &Path, text: &str) {
    std::fs::write(dir.join("content/section.md"), text).unwrap();
    match crate::validate(dir, false) {
        Ok(_) => {}
        Err(crate::Error::Input(failure)) => check(&failure.diagnostics, &failure.sources),
        Err(other) => panic!("validate failed, not for anything in the input: {other}"),
    }
}

/// Writes a project of one section (and the report.yaml it needs) into `dir`.
pub fn one_section_project(dir: &Path) {
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("report.yaml"),
        "partnership:\n  name: Fuzzshire Safeguarding Children Partnership\n  short_name: FSCP\ntitle: Annual Report 2023-24\nperiod:\n  start: 2023-04-01\n  end: 2024-03-31\nguidance: wt2023\npartners:\n  - id: council\n    name: Fuzzshire Council\n    kind: statutory\n",
    )
    .unwrap();
}

/// `import` of a Word document's bytes, converted as `import` converts them but
/// written nowhere: every file it would write must lie inside the project folder, in
/// `content/`, and the section it makes must have front matter the loader reads.
pub fn import_docx(bytes: &[u8]) {
    let files = match crate::import::files_of(bytes, "fuzz") {
        Ok(files) => files,
        Err(message) => {
            assert!(!message.trim().is_empty(), "a refusal without a reason");
            return;
        }
    };
    for (path, contents) in &files {
        let inside = path.starts_with("content/")
            && Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        assert!(inside, "import would write {path:?}, outside content/");
        if path.ends_with(".md") {
            let text = std::str::from_utf8(contents).expect("a section is UTF-8");
            let file: Arc<str> = Arc::from(path.as_str());
            let parts = crate::load::front_matter::split(&file, text)
                .unwrap_or_else(|d| panic!("the imported section has no front matter: {d:?}"));
            let source = YamlSource {
                file: &file,
                text: parts.yaml,
                base_offset: parts.yaml_offset,
            };
            if let Err(d) = source.parse::<FrontMatter>("a section's front matter") {
                panic!("the imported section's front matter does not load: {d:?}\n{text}");
            }
        }
    }
}

/// `check FILE` on a Word document's bytes: read, then checked.
pub fn read_docx(bytes: &[u8]) {
    read_file("fuzz.docx", crate::read::Format::Docx, bytes);
}

/// `check FILE` on a PDF's bytes.
pub fn read_pdf(bytes: &[u8]) {
    read_file("fuzz.pdf", crate::read::Format::Pdf, bytes);
}

/// `check FILE` on a web page's bytes.
pub fn read_html(bytes: &[u8]) {
    read_file("fuzz.html", crate::read::Format::Html, bytes);
}

/// `check FILE` on a text file's bytes: the first byte chooses plain text (even) or
/// Markdown (odd), the rest is the file.
pub fn read_text(bytes: &[u8]) {
    let Some((first, rest)) = bytes.split_first() else {
        return;
    };
    if first % 2 == 0 {
        read_file("fuzz.txt", crate::read::Format::Text, rest);
    } else {
        read_file("fuzz.md", crate::read::Format::Markdown, rest);
    }
}

/// Reads `bytes` as the reader of `format` would the file `name`, then checks the
/// document as `check FILE` does; every diagnostic of either must point inside the
/// text it names.
fn read_file(name: &str, format: crate::read::Format, bytes: &[u8]) {
    let overrides = crate::read::Overrides::default();
    match crate::read::read_bytes(name, format, bytes.to_vec(), &overrides) {
        Err(failure) => check_inside(&failure.diagnostics, &failure.sources, name),
        Ok(read) => match crate::check::check(&read.document, &crate::check::Options::default()) {
            Ok(report) => check_inside(&report.diagnostics, &report.sources, name),
            Err(failure) => check_inside(&failure.diagnostics, &failure.sources, name),
        },
    }
}

fn one_file(file: &Arc<str>, text: &str) -> Sources {
    let mut sources = Sources::default();
    sources.add(file, text);
    sources
}

/// [`check`], and every diagnostic names `file`: where only the input was read, a
/// finding's place is in the input.
pub fn check_inside(diagnostics: &[Diagnostic], sources: &Sources, file: &str) {
    for d in diagnostics {
        assert_eq!(&*d.span.file, file, "{} names another file", d.code);
    }
    check(diagnostics, sources);
}

/// Every diagnostic points inside the text of a file it names, on character
/// boundaries, and renders.
pub fn check(diagnostics: &[Diagnostic], sources: &Sources) {
    for d in diagnostics {
        let text = sources
            .text(&d.span.file)
            .unwrap_or_else(|| panic!("{} names a file not read: {}", d.code, d.span.file));
        let r = &d.span.range;
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{}: span {r:?} outside {} bytes of {}",
            d.code,
            text.len(),
            d.span.file
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{}: span {r:?} splits a character",
            d.code
        );
        let _ = d.render(sources, false);
    }
}
