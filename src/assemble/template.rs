//! Rendering a section's body as a tera template, with every data set in scope, and
//! mapping positions in the rendered text back to the source file.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde_json::{Map, Value, json};
use tera::{Context, Kwargs, State, Tera};

use super::{format, names};
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::model::{Cell, DataSet, Project, SectionSource};

/// The info string of the fenced block that `table(data=…)` leaves in the Markdown,
/// for the Markdown stage to replace with the data set's table.
pub const TABLE_FENCE: &str = "sr-table";

/// The info string of the fenced block that `chart(id=…)` leaves in the Markdown.
pub const CHART_FENCE: &str = "sr-chart";

/// How many numbers `range()` may give one section, all its calls together. tera
/// bounds each call (100,000), but a call inside a loop is made once per pass, so
/// two nested loops over a large range would run for hours.
const MAX_RANGE_TOTAL: u64 = 100_000;
/// The most text one section's template may produce: as much as a section file may
/// hold ([`crate::load::files::MAX_TEXT_BYTES`]). A loop repeating a long passage
/// thousands of times stops here instead of filling the memory.
const MAX_RENDERED_BYTES: usize = crate::load::files::MAX_TEXT_BYTES as usize;
/// How deeply `{% for %}` loops may sit inside each other. Going through a table's
/// rows and, in each, its columns is two; a third level over data sets of thousands
/// of rows would take too long to run, and no report needs it.
const MAX_LOOP_NESTING: usize = 2;

/// The tera environment: filters and functions report writers use.
pub struct Templates {
    tera: Tera,
    /// What is left of [`MAX_RANGE_TOTAL`] for the section being rendered.
    range_left: Arc<AtomicU64>,
    context: Context,
    /// The same values as `context`, as JSON, to follow a name that did not resolve.
    scope: Map<String, Value>,
}

impl Templates {
    pub fn new(project: &Project) -> Templates {
        let mut tera = Tera::new();
        let range_left = Arc::new(AtomicU64::new(MAX_RANGE_TOTAL));
        let left = range_left.clone();
        tera.register_function("range", move |k: Kwargs, _: &State| {
            bounded_range(&k, &left)
        });
        tera.register_filter("gbp", |x: f64, _: Kwargs, _: &State| format::gbp(x));
        tera.register_filter("count", |x: f64, _: Kwargs, _: &State| {
            format::number(x.round(), None)
        });
        tera.register_filter(
            "number",
            |x: f64, k: Kwargs, _: &State| -> tera::TeraResult<String> {
                Ok(format::number(x, k.get::<u8>("places")?))
            },
        );
        tera.register_filter(
            "pct",
            |x: f64, k: Kwargs, _: &State| -> tera::TeraResult<String> {
                Ok(format!(
                    "{}%",
                    format::number(x, Some(k.get::<u8>("places")?.unwrap_or(1)))
                ))
            },
        );
        tera.register_filter(
            "per_10k",
            |x: f64, k: Kwargs, _: &State| -> tera::TeraResult<String> {
                Ok(format::number(x, Some(k.get::<u8>("places")?.unwrap_or(1))))
            },
        );
        tera.register_filter(
            "delta",
            |x: f64, k: Kwargs, _: &State| -> tera::TeraResult<String> {
                Ok(format::delta(x, k.get::<u8>("places")?))
            },
        );
        tera.register_function("percent", |k: Kwargs, _: &State| -> tera::TeraResult<f64> {
            let part: f64 = k.must_get("part")?;
            let whole: f64 = k.must_get("whole")?;
            if whole == 0.0 {
                return Err(tera::Error::message(
                    "percent(): `whole` is zero, so there is no percentage",
                ));
            }
            Ok(100.0 * part / whole)
        });
        let ids: Vec<String> = project.datasets.iter().map(|d| d.id.clone()).collect();
        tera.register_function(
            "table",
            move |k: Kwargs, _: &State| -> tera::TeraResult<String> {
                let id: String = k.must_get("data")?;
                if !ids.contains(&id) {
                    let hint = match did_you_mean(&id, ids.iter().map(String::as_str)) {
                        Some(m) => format!(" Did you mean \"{m}\"?"),
                        None => String::new(),
                    };
                    return Err(tera::Error::message(format!(
                        "there is no data set \"{id}\" in content/data.{hint}"
                    )));
                }
                Ok(format!("\n\n```{TABLE_FENCE}\n{id}\n```\n\n"))
            },
        );
        let charts: Vec<String> = project
            .datasets
            .iter()
            .flat_map(|d| d.charts.iter().map(|c| c.id.clone()))
            .collect();
        tera.register_function(
            "chart",
            move |k: Kwargs, _: &State| -> tera::TeraResult<String> {
                let id: String = k.must_get("id")?;
                if !charts.contains(&id) {
                    let hint = match did_you_mean(&id, charts.iter().map(String::as_str)) {
                        Some(m) => format!(" Did you mean \"{m}\"?"),
                        None if charts.is_empty() => {
                            " A chart is declared under `charts:` in a data set.".to_string()
                        }
                        None => format!(" The charts are: {}.", charts.join(", ")),
                    };
                    return Err(tera::Error::message(format!(
                        "there is no chart \"{id}\" in content/data.{hint}"
                    )));
                }
                Ok(format!("\n\n```{CHART_FENCE}\n{id}\n```\n\n"))
            },
        );

        let mut scope = Map::new();
        for d in &project.datasets {
            scope.insert(d.id.clone(), dataset_value(d));
        }
        let r = &project.report;
        scope.insert(
            "report".to_string(),
            json!({
                "partnership": r.partnership.name,
                "short_name": r.partnership.short_name,
                "title": r.title,
                "period": {
                    "start": r.period.value.start.value.long(),
                    "end": r.period.value.end.value.long(),
                },
            }),
        );
        let mut context = Context::new();
        for (name, value) in &scope {
            context.insert(name.clone(), value);
        }
        Templates {
            tera,
            range_left,
            context,
            scope,
        }
    }

    /// Renders one section's body; a failure is a diagnostic at the template tag.
    /// Rendered as a one-off, not added to the template set: tera re-checks every
    /// template it holds each time one is added, which made a long report's
    /// sections take time growing with the square of their number.
    ///
    /// A section's template may not run without end: its loops nest at most
    /// [`MAX_LOOP_NESTING`] deep, `range()` gives it [`MAX_RANGE_TOTAL`] numbers in
    /// all, and it may write [`MAX_RENDERED_BYTES`] of text.
    pub fn render(&self, section: &SectionSource) -> Result<String, Diagnostic> {
        if let Some(tag) = loop_nested_too_deep(&section.body) {
            let span = Span::new(
                &section.file,
                section.body_offset + tag.start..section.body_offset + tag.end,
            );
            return Err(Diagnostic::error(
                "template",
                span,
                format!("this loop is inside {MAX_LOOP_NESTING} other loops: a template may nest `{{% for %}}` loops only {MAX_LOOP_NESTING} deep"),
            )
            .with_label(format!("loop {}", MAX_LOOP_NESTING + 1))
            .with_help("loops inside loops multiply: three levels over tables of thousands of rows would run for hours. Take the innermost loop out, or put its figures in a data set."));
        }
        self.range_left.store(MAX_RANGE_TOTAL, Ordering::Relaxed);
        let mut out = Capped::default();
        let rendered = self
            .tera
            .render_str_to(&section.body, &self.context, false, &mut out);
        if out.full {
            return Err(Diagnostic::error(
                "template",
                Span::new(&section.file, section.body_offset..section.body_offset),
                format!(
                    "the template of this section writes more than {} MB of text",
                    MAX_RENDERED_BYTES >> 20
                ),
            )
            .with_label("from here")
            .with_help("a loop repeats more text than a whole report holds. Check the `{% for %}` loops in this section."));
        }
        rendered.map_err(|e| self.explain(&e, section))?;
        Ok(String::from_utf8(out.bytes).expect("tera writes UTF-8"))
    }

    /// Turns tera's error into a diagnostic a report writer can act on. A name that
    /// leads nowhere is found by following the tag's names through the data (see
    /// [`names`]), so the finding points at the misspelt word and offers the right one.
    fn explain(&self, error: &tera::Error, section: &SectionSource) -> Diagnostic {
        let at = |range: std::ops::Range<usize>| {
            Span::new(
                &section.file,
                section.body_offset + range.start..section.body_offset + range.end,
            )
        };
        let (message, range) = match error.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                (r.message().to_string(), Some(r.span().range.clone()))
            }
            _ => (error.to_string(), None),
        };
        let is_render = matches!(error.kind(), tera::ErrorKind::RenderingError(_));
        if let Some(tag) = range
            .as_ref()
            .filter(|_| is_render)
            .and_then(|r| enclosing_tag(&section.body, r))
        {
            let bound = names::bound_names(&section.body);
            if let Some(u) =
                names::first_unresolved(&section.body[tag.clone()], &self.scope, &bound)
            {
                let word = tag.start + u.range.start..tag.start + u.range.end;
                return Diagnostic::error(
                    "template",
                    at(word),
                    format!("`{}` is not defined: {}", u.path, u.message()),
                )
                .with_label("not in the data")
                .with_help(u.help());
            }
        }
        let mut message = message;
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        let span = range.map_or_else(|| Span::file_start(&section.file), at);
        Diagnostic::error("template", span, format!("the template cannot be rendered: {message}"))
            .with_label("here")
            .with_help("a section's text is a tera template: `{{ … }}` prints a value, `{% … %}` is a statement. See docs/format.md.")
    }
}

/// tera's `range()` (same arguments, same numbers), drawing on the section's
/// allowance: see [`MAX_RANGE_TOTAL`].
fn bounded_range(k: &Kwargs, left: &AtomicU64) -> tera::TeraResult<Vec<i128>> {
    let start = k.get::<i128>("start")?.unwrap_or_default();
    let end = k.must_get::<i128>("end")?;
    let step = k.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "range(): `step_by` is 0, so the range never ends",
        ));
    }
    // How many numbers: the distance over the step, rounded up; none if the step
    // goes the other way.
    let distance = if step > 0 {
        end.saturating_sub(start)
    } else {
        start.saturating_sub(end)
    };
    let stride = step.saturating_abs();
    let len = if distance <= 0 {
        0
    } else {
        distance.saturating_add(stride - 1) / stride
    };
    let wanted = u64::try_from(len).unwrap_or(u64::MAX);
    let granted = left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| {
        l.checked_sub(wanted)
    });
    if granted.is_err() {
        return Err(tera::Error::message(format!(
            "range() would give {len} numbers, more than the {MAX_RANGE_TOTAL} one section may use in all (its loops together)"
        )));
    }
    Ok((0..len).map(|i| start.saturating_add(i * step)).collect())
}

/// The `{% for %}` tag that opens a loop more than [`MAX_LOOP_NESTING`] deep.
fn loop_nested_too_deep(body: &str) -> Option<std::ops::Range<usize>> {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{%-?\s*(for|endfor)\b[^%]*%\}").unwrap());
    let mut depth = 0usize;
    for tag in TAG.captures_iter(body) {
        if &tag[1] == "for" {
            depth += 1;
            if depth > MAX_LOOP_NESTING {
                return tag.get(0).map(|m| m.range());
            }
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// A writer that takes at most [`MAX_RENDERED_BYTES`], then refuses.
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    full: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_RENDERED_BYTES {
            self.full = true;
            return Err(std::io::Error::other(
                "the section's text is over its limit",
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The `{{ … }}` or `{% … %}` tag of `body` that holds `range`, without its braces.
fn enclosing_tag(body: &str, range: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    TAG.find_iter(body)
        .find(|m| m.start() <= range.start && range.start < m.end())
        .map(|m| m.start() + 2..m.end() - 2)
}

/// A data set as templates see it: rows, rows by key, totals and named figures.
fn dataset_value(d: &DataSet) -> Value {
    let cell = |c: &Cell| match c {
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => json!(*n as i64),
        Cell::Number(n) => json!(n),
        Cell::Text(t) => json!(t),
        Cell::Empty => Value::Null,
    };
    let rows: Vec<Value> = d
        .rows
        .iter()
        .map(|r| {
            Value::Object(
                d.columns
                    .iter()
                    .zip(r)
                    .map(|(c, v)| (c.id.clone(), cell(v)))
                    .collect(),
            )
        })
        .collect();
    let mut by = Map::new();
    if let Some(k) = d.key {
        for (row, value) in d.rows.iter().zip(&rows) {
            let name = match &row[k] {
                Cell::Text(t) => key_name(t),
                Cell::Number(n) => format::number(*n, None),
                Cell::Empty => continue,
            };
            by.insert(name, value.clone());
        }
    }
    let total: Map<String, Value> = d
        .columns
        .iter()
        .zip(&d.totals)
        .filter_map(|(c, t)| t.map(|t| (c.id.clone(), cell(&Cell::Number(t)))))
        .collect();
    let figures: Map<String, Value> = d
        .figures
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                serde_json::to_value(&f.figure).unwrap_or(Value::Null),
            )
        })
        .collect();
    json!({
        "title": d.title,
        "source": d.source,
        "as_of": d.as_of.map(|a| a.long()),
        "rows": rows,
        "by": by,
        "total": total,
        "figures": figures,
    })
}

/// A row's name for `by`: lower case, anything but letters and digits as `_`.
pub fn key_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// Maps byte offsets in a rendered body back to the section's source file.
///
/// Text outside template tags is copied to the output unchanged, so each literal run
/// of the source is found again, in order, in the output. Output that a tag produced
/// maps to that tag.
pub struct SourceMap {
    file: Arc<str>,
    /// (offset in output, offset in file, length) of each literal run found.
    runs: Vec<(usize, usize, usize)>,
    /// Spans of the tags in the file, in order.
    tags: Vec<std::ops::Range<usize>>,
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").unwrap());

impl SourceMap {
    pub fn new(section: &SectionSource, rendered: &str) -> SourceMap {
        let body = &section.body;
        let base = section.body_offset;
        let mut runs = Vec::new();
        let mut tags = Vec::new();
        let mut literal_start = 0;
        let mut cursor = 0;
        let mut find_run = |start: usize, end: usize, cursor: &mut usize| {
            let text = &body[start..end];
            let trimmed_start = start + (text.len() - text.trim_start().len());
            let literal = text.trim();
            if literal.is_empty() {
                return;
            }
            if let Some(found) = rendered[*cursor..].find(literal) {
                runs.push((*cursor + found, base + trimmed_start, literal.len()));
                *cursor += found + literal.len();
            }
        };
        for m in TAG.find_iter(body) {
            find_run(literal_start, m.start(), &mut cursor);
            tags.push(base + m.start()..base + m.end());
            literal_start = m.end();
        }
        find_run(literal_start, body.len(), &mut cursor);
        SourceMap {
            file: section.file.clone(),
            runs,
            tags,
        }
    }

    /// The map of a file that is its own output: a Markdown file read as it is.
    pub fn identity(file: &Arc<str>, len: usize) -> SourceMap {
        SourceMap {
            file: file.clone(),
            runs: vec![(0, 0, len)],
            tags: Vec::new(),
        }
    }

    /// The source span of a range of the rendered text.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.offset(range.start);
        let end = self.offset(range.end.max(range.start + 1) - 1).max(start) + 1;
        let end = if range.end == range.start { start } else { end };
        Span::new(&self.file, start..end)
    }

    fn offset(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|(out, _, _)| *out <= at);
        if i == 0 {
            return self.runs.first().map_or(0, |r| r.1);
        }
        let (out, src, len) = self.runs[i - 1];
        if at < out + len {
            return src + (at - out);
        }
        // Output made by a tag: point at the first tag after this run.
        let after = src + len;
        self.tags
            .iter()
            .find(|t| t.start >= after)
            .map_or(after, |t| t.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FrontMatter, SectionSource};

    fn section(body: &str) -> SectionSource {
        let front: FrontMatter = serde_saphyr::from_str("id: a\ntitle: A\norder: 1\n").unwrap();
        let file: Arc<str> = Arc::from("a.md");
        SectionSource {
            file: file.clone(),
            id_span: Span::file_start(&file),
            partner_span: None,
            parent_span: None,
            criteria_spans: vec![],
            body: body.to_string(),
            body_offset: 10,
            front,
        }
    }

    #[test]
    fn literal_text_maps_back_exactly_and_tag_output_to_its_tag() {
        let body = "Total {{ x }} spent.\n\nMay 20221 here.";
        let rendered = "Total £1,000 spent.\n\nMay 20221 here.";
        let map = SourceMap::new(&section(body), rendered);
        let may = rendered.find("May").unwrap();
        assert_eq!(
            map.span(may..may + 3).range,
            10 + body.find("May").unwrap()..10 + body.find("May").unwrap() + 3
        );
        let pound = rendered.find('£').unwrap();
        assert_eq!(
            map.span(pound..pound + 1).range.start,
            10 + body.find("{{").unwrap()
        );
    }

    #[test]
    fn row_names_are_simple() {
        assert_eq!(key_name("West Mercia Police"), "west_mercia_police");
        assert_eq!(key_name("NHS H&W CCG"), "nhs_h_w_ccg");
    }
}
