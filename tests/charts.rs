//! Charts drawn from data sets: each chart type from a small fixture, the same SVG
//! on the website as in the PDF, text alternatives that name the figures, and the
//! mistakes a writer makes in a chart's YAML.

mod common;
mod pdf_boxes;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use regex::Regex;

/// The layout fixture, built once.
fn built() -> &'static PathBuf {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("charts").join("build");
        build(&fixture("layout"), &out);
        out
    })
}

fn svg(id: &str) -> String {
    let path = built().join(format!("site/charts/{id}.svg"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Elements of the parsed SVG whose class is `class`.
fn count(svg: &str, class: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .count()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The `alt` of the website's image of a chart.
fn alt(id: &str) -> String {
    let page = std::fs::read_to_string(built().join("site/charts.html")).unwrap();
    let re = Regex::new(&format!(r#"<img src="charts/{id}\.svg" alt="([^"]*)""#)).unwrap();
    let c = re
        .captures(&page)
        .unwrap_or_else(|| panic!("no <img> of {id} on the page"));
    c[1].replace("&amp;", "&").replace("&#39;", "'")
}

#[test]
fn a_bar_chart_has_a_bar_per_row_its_labels_and_an_alt_naming_the_largest() {
    let s = svg("contacts-bar");
    assert_eq!(count(&s, "bar"), 4);
    let t = texts(&s);
    for label in ["April to June 2023", "979", "All contacts"] {
        assert!(t.iter().any(|x| x.contains(label)), "{label} not in {t:?}");
    }
    let alt = alt("contacts-bar");
    assert!(
        alt.starts_with("Bar chart: All contacts by quarter."),
        "{alt}"
    );
    // Q4: 451 + 298 + 230; Q2: 388 + 122 + 201.
    assert!(
        alt.contains("the largest January to March 2024 with 979, the smallest July to September 2023 with 711"),
        "{alt}"
    );
}

#[test]
fn a_stacked_bar_leaves_a_gap_for_an_empty_cell_and_says_so() {
    let s = svg("contacts-by-source");
    // Twelve cells, one empty: eleven parts, no zero-width bar for the gap.
    assert_eq!(count(&s, "bar"), 11);
    let alt = alt("contacts-by-source");
    assert!(
        alt.contains("January to March 2024 979 in all, the largest part Police with 451"),
        "{alt}"
    );
    assert!(
        alt.contains("no figure for Health for October to December 2023"),
        "{alt}"
    );
    // The legend names every series.
    let t = texts(&s);
    for name in ["Police", "Schools", "Health"] {
        assert!(t.iter().any(|x| x == name), "{name} not in {t:?}");
    }
}

#[test]
fn a_grouped_bar_shows_no_figure_where_a_cell_is_empty() {
    let s = svg("contacts-grouped");
    assert_eq!(count(&s, "bar"), 11);
    assert_eq!(texts(&s).iter().filter(|t| *t == "no figure").count(), 1);
    let alt = alt("contacts-grouped");
    assert!(
        alt.contains("Police: the largest January to March 2024 with 451, the smallest July to September 2023 with 388"),
        "{alt}"
    );
}

#[test]
fn a_line_chart_has_a_point_per_value_and_breaks_at_a_gap() {
    let s = svg("contacts-trend");
    assert_eq!(count(&s, "point"), 11);
    assert_eq!(count(&s, "line"), 3);
    let doc = roxmltree::Document::parse(&s).unwrap();
    let health = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("line"))
        .nth(2)
        .unwrap()
        .attribute("d")
        .unwrap()
        .to_string();
    assert_eq!(
        health.matches('M').count(),
        2,
        "the line is broken: {health}"
    );
    assert!(
        alt("contacts-trend").contains("Schools: the largest October to December 2023 with 340")
    );
}

#[test]
fn a_proportion_chart_splits_the_whole_and_a_given_alt_is_used() {
    let s = svg("funding-share");
    assert_eq!(count(&s, "bar"), 3);
    let t = texts(&s);
    assert!(t.iter().any(|x| x == "50%"), "{t:?}");
    let given = alt("funding-share");
    assert!(
        given.contains("Northmoor Council 50% (£180,000), Eastdale Constabulary 17% (£60,000), Integrated Care Board 33% (£120,000)"),
        "{given}"
    );
    assert_eq!(
        alt("contacts-share"),
        "Police made the largest share of contacts in every quarter."
    );
    assert_eq!(count(&svg("contacts-share"), "bar"), 11);
}

#[test]
fn the_figures_are_a_click_away_under_each_chart_on_the_website() {
    let page = std::fs::read_to_string(built().join("site/charts.html")).unwrap();
    let charts = page.matches("<figure class=\"sr-chart\"").count();
    let details = page
        .matches("<details><summary>Show the figures</summary>")
        .count();
    assert_eq!((charts, details), (6, 6));
    for figure in page.split("<figure class=\"sr-chart\"").skip(1) {
        let figure = &figure[..figure.find("</details>").unwrap()];
        // On a wide screen the image of the PDF's drawing; on a phone the chart drawn
        // again for the narrow width, in the page, named by the same alternative text
        // (tests/browser.rs measures which one shows, and its text).
        assert!(figure.contains("<img src=\"charts/"), "{figure}");
        assert_eq!(figure.matches("<svg").count(), 1, "{figure}");
        let alt = Regex::new(r#"<img src="[^"]*" alt="([^"]*)""#)
            .unwrap()
            .captures(figure)
            .unwrap()[1]
            .to_string();
        assert!(
            figure.contains("<svg class=\"sr-chart-narrow\"")
                && figure.contains(&format!("role=\"img\" aria-label=\"{alt}\"")),
            "{figure}"
        );
    }
}

#[test]
fn the_website_and_the_pdf_draw_the_same_svg() {
    let (_, document) = safeguarding_report::validate(&fixture("layout"), false).unwrap();
    let files = safeguarding_report::render::chart::files(
        &document,
        safeguarding_report::render::chart_base(&document),
    );
    assert_eq!(files.len(), 6);
    for (path, bytes) in files {
        assert_eq!(
            std::fs::read(built().join("site").join(&path)).unwrap(),
            bytes,
            "{path}"
        );
    }
}

/// Every `/Alt` of a `/Figure` in the PDF's structure tree.
fn figure_alts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"S")
                .and_then(|s| s.as_name())
                .is_ok_and(|s| s == b"Figure")
        })
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| match a {
            lopdf::Object::String(bytes, _) => Some(
                lopdf::decode_text_string(a)
                    .unwrap_or_else(|_| String::from_utf8_lossy(bytes).to_string()),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn each_chart_in_the_pdf_is_a_figure_tagged_with_its_alternative() {
    let alts = figure_alts(&built().join("report.pdf"));
    for id in ["contacts-bar", "contacts-by-source", "funding-share"] {
        let want = alt(id);
        assert!(alts.contains(&want), "{want:?} not among {alts:?}");
    }
}

#[test]
fn the_example_has_five_charts_each_with_its_figures() {
    let out = scratch("example-charts").join("build");
    build(&root(), &out);
    let svgs: Vec<_> = std::fs::read_dir(out.join("site/charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    for id in [
        "board-attendance",
        "exploitation-by-level",
        "funding-split",
        "training-attendance",
        "placement-stability",
    ] {
        assert!(
            svgs.contains(&format!("{id}.svg")),
            "{id} missing: {svgs:?}"
        );
    }
    let alts = figure_alts(&out.join("report.pdf"));
    let exploitation = alts
        .iter()
        .find(|a| a.starts_with("Stacked bar chart: Children identified as vulnerable"))
        .expect("the exploitation chart is tagged");
    assert!(
        exploitation.contains("CSE 117 in all, the largest part Emerging with 36"),
        "{exploitation}"
    );
    assert!(
        exploitation.contains("no figure for Actual for CE"),
        "{exploitation}"
    );
}

/// Replaces text in a data set of a copy of the layout fixture, builds it, and
/// returns stderr after checking it failed with status 2 and wrote nothing.
fn broken_chart(file: &str, from: &str, to: &str) -> String {
    let project = copy_project(&fixture("layout"), "bad-chart");
    edit(&project.join("content/data").join(file), from, to);
    let out = project.join("build");
    let o = run_build(&project, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!out.exists(), "nothing is written");
    err
}

#[test]
fn a_chart_naming_a_missing_column_is_an_error_at_its_line_with_a_suggestion() {
    let err = broken_chart(
        "contacts.yaml",
        "y: [police, schools, health]\n    title: Contacts by source and",
        "y: [police, school, health]\n    title: Contacts by source and",
    );
    assert!(err.contains("contacts.yaml:23:"), "{err}");
    assert!(err.contains("`school`, which is not a column"), "{err}");
    assert!(err.contains("did you mean `schools`?"), "{err}");
}

#[test]
fn a_chart_measuring_text_is_an_error_at_its_line() {
    let err = broken_chart("funding.yaml", "y: amount", "y: partner");
    assert!(err.contains("funding.yaml:15:"), "{err}");
    assert!(err.contains("`partner` holds text"), "{err}");
    assert!(err.contains("amount"), "{err}");
}

#[test]
fn a_misspelt_chart_id_in_a_section_gets_a_suggestion() {
    let project = copy_project(&fixture("layout"), "bad-chart-id");
    edit(
        &project.join("content/02-charts.md"),
        "chart(id=\"contacts-trend\")",
        "chart(id=\"contacts-trnd\")",
    );
    let o = run_build(&project, &project.join("build"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("02-charts.md:"), "{err}");
    assert!(err.contains("Did you mean \"contacts-trend\"?"), "{err}");
}

/// The website's search finds the report's words, not a chart's axis labels: the
/// narrow drawings go into the pages after mdBook has indexed them, so a label only a
/// drawing carries ("Share of the whole (%)") is not in the search index, while the
/// figures in the table beside each chart are.
#[test]
fn the_search_index_holds_the_charts_figures_but_not_their_drawings_labels() {
    let site = built().join("site");
    let page = std::fs::read_to_string(site.join("charts.html")).unwrap();
    let drawings = Regex::new(r#"(?s)<svg class="sr-chart-narrow".*?</svg>"#).unwrap();
    let without_drawings = drawings.replace_all(&page, "");
    let label = Regex::new(r"<text[^>]*>([^<]{6,})</text>").unwrap();
    let only_drawn: Vec<String> = drawings
        .find_iter(&page)
        .flat_map(|d| label.captures_iter(d.as_str()).map(|c| c[1].to_string()))
        .filter(|t| !without_drawings.contains(t.as_str()))
        .collect();
    assert!(only_drawn.len() >= 3, "{only_drawn:?}");
    let index_file = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("searchindex") && name.ends_with(".js")
        })
        .expect("a search index");
    let index = std::fs::read_to_string(index_file).unwrap();
    for label in &only_drawn {
        assert!(
            !index.contains(label.as_str()),
            "{label:?} is in the search index"
        );
    }
    let cell = Regex::new(r"<td[^>]*>([^<]{3,})</td>").unwrap();
    let figure = &cell.captures(&without_drawings).expect("a figures table")[1];
    assert!(
        index.contains(figure),
        "the figures' table cell {figure:?} is not in the index"
    );
}
