//! The PDF's layout as a reader sees it: no table prints one cell's text over
//! another's, a table longer than a page says it is continued, and the cover stands
//! alone. Word and rule positions are read from the PDF with lopdf.

mod common;
mod pdf_boxes;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use pdf_boxes::{Page, pages, words_over_rules};

fn layout() -> &'static (PathBuf, Vec<Page>) {
    static OUT: OnceLock<(PathBuf, Vec<Page>)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("layout").join("build");
        build(&fixture("layout"), &out);
        let pdf = out.join("report.pdf");
        (pdf.clone(), pages(&pdf))
    })
}

fn assert_no_overlap(pdf: &Path, pages: &[Page]) {
    let rules: usize = pages.iter().map(|p| p.rules.len()).sum();
    assert!(
        rules > 20,
        "{}: only {rules} table rules found",
        pdf.display()
    );
    let over = words_over_rules(pages);
    assert!(
        over.is_empty(),
        "{}: words printed across a table's column rule (page, word, x): {over:?}",
        pdf.display()
    );
}

#[test]
fn no_word_crosses_a_column_rule_in_the_wide_table_fixture() {
    let (pdf, pages) = layout();
    assert_no_overlap(pdf, pages);
    // The long words are there, broken or whole, and the nine columns' headers.
    let words: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.text.as_str()))
        .collect();
    assert!(words.iter().any(|w| w.starts_with("Psycho")), "{words:?}");
    assert!(words.contains(&"£617,280"), "a figure is never broken");
}

/// The shipped example's PDF, built once for the tests that read it.
fn example() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("layout-example").join("build");
        build(&root(), &out);
        out.join("report.pdf")
    })
}

#[test]
fn no_word_crosses_a_column_rule_in_the_example() {
    let pdf = example();
    assert_no_overlap(pdf, &pages(pdf));
}

/// The words of a page as one string.
fn text(page: &Page) -> String {
    page.words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_table_longer_than_a_page_says_it_is_continued() {
    let (_, pages) = layout();
    let starts: Vec<u32> = pages
        .iter()
        .filter(|p| text(p).contains("Training sessions held across the partnership"))
        .map(|p| p.number)
        .collect();
    assert!(starts.len() >= 2, "the long table spans pages: {starts:?}");
    let first = &pages[starts[0] as usize - 1];
    assert!(!text(first).contains("(continued)"), "{}", text(first));
    let next = &pages[starts[1] as usize - 1];
    assert!(
        text(next).contains("Training sessions held across the partnership, 2023-24 (continued)"),
        "{}",
        text(next)
    );
    assert!(
        text(next).contains("Session Venue Attended"),
        "the header repeats"
    );
}

#[test]
fn the_cover_has_no_page_number_and_the_contents_start_a_new_page() {
    let (_, pages) = layout();
    let cover = text(&pages[0]);
    assert!(cover.contains("Yearly Report 2023-24"), "{cover}");
    assert!(!cover.contains("Page 1"), "{cover}");
    assert!(!cover.contains("Contents"), "{cover}");
    let second = text(&pages[1]);
    assert!(
        second.starts_with("Contents") || second.contains("Contents"),
        "{second}"
    );
    assert!(second.contains("Page 2 of"), "{second}");
}

/// No text of the report runs into a page's footer: a table whose rows are too tall
/// for what is left of a page breaks between rows instead of printing past the
/// bottom margin (a case review's response table has a few very tall rows).
#[test]
fn no_text_runs_into_the_footer_in_the_example() {
    let pdf = common::pdf::Pdf::open(example());
    let (_, height) = pdf.page_size(1);
    let mut over = Vec::new();
    for page in 1..=pdf.page_count() as u32 {
        let on_page = || pdf.glyphs().iter().filter(move |g| g.page == page);
        // The footer: the lowest line of page furniture (the contents' dot leaders
        // are furniture too, but higher up), its top a line's height above it.
        let Some(footer) = on_page()
            .filter(|g| g.artifact && g.y > height / 2.0)
            .max_by(|a, b| a.y.total_cmp(&b.y))
        else {
            continue;
        };
        let footer_top = footer.y - 1.2 * footer.size;
        let mut words: Vec<String> = Vec::new();
        for g in on_page().filter(|g| !g.artifact && g.y > footer_top) {
            words.push(g.text.clone());
        }
        if !words.is_empty() {
            over.push((page, words.concat()));
        }
    }
    assert!(
        over.is_empty(),
        "text printed into the footer (page, text): {over:?}"
    );
}

/// The running header names the chapter each page belongs to, the chapter's own
/// first page included (where its heading is), and says it as page furniture.
fn assert_running_headers_name_chapters(pdf_path: &Path, title: &str) {
    let pdf = common::pdf::Pdf::open(pdf_path);
    let (_, height) = pdf.page_size(1);
    let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chapter: Option<String> = None;
    let mut chapters = 0;
    for page in 2..=pdf.page_count() as u32 {
        // A chapter's title is the 22-point text of the page it starts on.
        let heading = squash(
            pdf.text_where(|g| g.page == page && !g.artifact && (g.size - 22.0).abs() < 0.5),
        );
        if !heading.is_empty() {
            chapter = Some(heading);
            chapters += 1;
        }
        let header =
            squash(pdf.text_where(|g| g.page == page && g.artifact && g.y < height / 10.0));
        let chapter = chapter
            .as_deref()
            .expect("the contents page starts a chapter");
        // Long titles are cut short with "…" to fit on the line.
        let start: String = chapter.chars().take(40).collect();
        assert!(
            header.contains(&start),
            "page {page}: the header \"{header}\" does not name the chapter \"{chapter}\""
        );
        assert!(header.contains(title), "page {page}: {header}");
    }
    assert!(chapters >= 3, "only {chapters} chapters found");
}

#[test]
fn the_running_header_names_the_chapter_of_each_page() {
    assert_running_headers_name_chapters(&layout().0, "NESCP Yearly Report 2023-24");
    assert_running_headers_name_chapters(example(), "HSCP Annual Report 2021-22");
}
