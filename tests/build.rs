//! Building the small fixture project, which uses every feature of the format, and
//! looking at the PDF and the website as a reader would.

mod common;

use std::sync::OnceLock;

use common::*;

/// One build of the fixture, shared by the tests that only read it.
fn built() -> &'static std::path::Path {
    static OUT: OnceLock<std::path::PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("mini-build").join("build");
        let o = build(&fixture("mini"), &out);
        let text = stdout(&o);
        assert!(
            text.contains("load") && text.contains("pdf") && text.contains("site"),
            "one line per stage: {text}"
        );
        out
    })
}

#[test]
fn the_pdf_is_tagged_a4_with_title_and_language() {
    let pdf = pdf::Pdf::open(&built().join("report.pdf"));
    assert!(pdf.is_tagged(), "the PDF is not marked as tagged");
    assert_eq!(
        pdf.info("Title").as_deref(),
        Some("Annual Report 2022-23 — Testshire Safeguarding Children Partnership")
    );
    assert_eq!(
        pdf.info("Author").as_deref(),
        Some("Testshire Safeguarding Children Partnership")
    );
    assert_eq!(pdf.language().as_deref(), Some("en-GB"));
    let pages = pdf.page_count();
    for page in 1..=pages as u32 {
        let (w, h) = pdf.page_size(page);
        assert!(
            (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "page {page} is {w} x {h} pt, not A4"
        );
    }
    // Cover, contents, three chapters each on a new page, glossary.
    assert!((5..=9).contains(&pages), "{pages} pages");
}

#[test]
fn the_pdf_shows_chapters_tables_and_computed_totals() {
    let text = squash(&pdf_text_of(&built().join("report.pdf")));
    for expected in [
        "Testshire Safeguarding Children Partnership",
        "Covering 1 April 2022 to 31 March 2023",
        "Contents",
        "Foreword",
        "1 Funding and support",
        "2 What the agencies did",
        "2.1 Testshire Police",
        "2.2 Testshire Schools Trust",
        "Contributed by Testshire Police",
        "Why is this service important to us?",
        "The partners contributed £100,000 in all, of which the council gave £60,000.",
        "Partner contributions 2022-23",
        "Testshire Council £60,000 60.0%",
        "Total £100,000",
        "Source: TSCP budget statement, 31 March 2023.",
        "The board met 8 times; attendance was 75.0%.",
        "Board 8 6 75.0%",
        "There are about 41,250 children in Testshire, +250 on last year.",
        "Children under 18 41,250 41,000 12,000,000",
        "Contributions by partner",
        "Glossary",
        "Integrated Care Board",
    ] {
        assert!(
            text.contains(expected),
            "the PDF lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn sub_sections_follow_their_chapter_in_dotted_order() {
    // Orders 2.1, 2.9 and 2.10: in dotted order 2.10 comes last; read as decimals it
    // would tie with 2.1 and come before 2.9. The body's text, as a screen reader
    // reads it: without the running headers, which name the chapter.
    let project = copy_project(&fixture("mini"), "dotted-order");
    std::fs::write(
        project.join("content/agencies/youth.md"),
        "---\nid: youth-contribution\ntitle: Testshire Youth Service\norder: 2.9\nparent: agencies\npartner: council\n---\nThe youth service ran 40 sessions.\n",
    )
    .unwrap();
    let out = project.join("build");
    build(&project, &out);
    let pdf = pdf::Pdf::open(&out.join("report.pdf"));
    let text = squash(&pdf.text_where(|g| !g.artifact));
    let body = &text[text.rfind("2 What the agencies did").unwrap()..];
    let at = |heading: &str| {
        body.find(heading)
            .unwrap_or_else(|| panic!("no {heading:?} in the body"))
    };
    assert!(at("2.1 Testshire Police") < at("2.2 Testshire Youth Service"));
    assert!(at("2.2 Testshire Youth Service") < at("2.3 Testshire Schools Trust"));
}

#[test]
fn the_image_keeps_its_alt_text_in_the_pdf_structure() {
    let structure = pdf::Pdf::open(&built().join("report.pdf")).structure();
    let roles: Vec<&str> = structure.iter().map(|e| e.role.as_str()).collect();
    assert!(roles.contains(&"TH"), "table headers are tagged: {roles:?}");
    let figures: Vec<Option<&str>> = structure
        .iter()
        .filter(|e| e.role == "Figure")
        .map(|e| e.alt.as_deref())
        .collect();
    assert!(
        figures.contains(&Some(
            "Bar chart of contributions by partner: the council gave the most"
        )),
        "no figure with the image's alt text in the tag tree: {figures:?}"
    );
}

#[test]
fn the_website_has_a_page_per_chapter_in_report_order_with_search() {
    let site = built().join("site");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"en-GB\""), "language is set");
    assert!(index.contains("Download the full report as a PDF"));
    assert!(
        site.join("report.pdf").exists(),
        "the PDF is published beside the pages"
    );
    for page in [
        "foreword",
        "funding",
        "agencies",
        "police-contribution",
        "schools-contribution",
        "glossary",
    ] {
        assert!(site.join(format!("{page}.html")).exists(), "no page {page}");
    }
    assert!(site.join("print.html").exists(), "print view");
    let toc = std::fs::read_to_string(site.join("toc.js"))
        .or_else(|_| std::fs::read_to_string(site.join("toc.html")))
        .unwrap_or(index.clone());
    let order: Vec<usize> = [
        "Foreword",
        "1 Funding and support",
        "2 What the agencies did",
        "2.1 Testshire Police",
        "2.2 Testshire Schools Trust",
        "Glossary",
    ]
    .iter()
    .map(|t| {
        toc.find(t)
            .unwrap_or_else(|| panic!("{t} not in the sidebar"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sidebar in report order: {order:?}"
    );
    let search = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("searchindex"))
        .expect("a search index");
    let search = std::fs::read_to_string(search.path()).unwrap();
    assert!(
        search.contains("interview suite"),
        "body text is searchable"
    );
}

#[test]
fn the_website_table_has_header_cells_units_and_the_computed_total() {
    let page = std::fs::read_to_string(built().join("site/funding.html")).unwrap();
    assert!(page.contains("<caption>Partner contributions 2022-23</caption>"));
    assert!(page.contains("<th scope=\"col\">Partner</th>"));
    assert!(page.contains("<td class=\"sr-num\" style=\"text-align: right\">£25,000</td>"));
    assert!(page.contains(
        "<th scope=\"row\">Total</th><td class=\"sr-num\" style=\"text-align: right\"><strong>£100,000</strong></td>"
    ));
    assert!(page.contains("<img src=\"images/chart.png\" alt=\"Bar chart of contributions by partner: the council gave the most\">"));
    assert!(built().join("site/images/chart.png").exists());
    assert!(
        page.contains("<a href=\"https://tscp.example.org/\">")
            || std::fs::read_to_string(built().join("site/foreword.html"))
                .unwrap()
                .contains("<a href=\"https://tscp.example.org/\">")
    );
    let foreword = std::fs::read_to_string(built().join("site/foreword.html")).unwrap();
    assert!(
        foreword.contains("<a href=\"funding.html\">how the money was spent</a>"),
        "section links lead to the page"
    );
}

#[test]
fn two_builds_give_byte_identical_pdfs() {
    let a = scratch("twice").join("a");
    let b = scratch("twice").join("b");
    build(&fixture("mini"), &a);
    build(&fixture("mini"), &b);
    assert!(
        std::fs::read(a.join("report.pdf")).unwrap()
            == std::fs::read(b.join("report.pdf")).unwrap()
    );
}

#[test]
fn a_folder_with_files_we_did_not_write_is_never_overwritten() {
    let out = scratch("foreign");
    std::fs::write(out.join("notes.docx"), b"the partnership's own file").unwrap();
    let o = run_build(&fixture("mini"), &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did not write"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("notes.docx")).unwrap(),
        b"the partnership's own file"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn validate_reports_a_good_project_as_clean() {
    let o = run(&["validate", "--project", fixture("mini").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("no problems found in 5 sections"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn table_cells_are_read_with_their_positions() {
    // The PDF reader of the tests gives each word its box: a table's cells sit on
    // their row's baseline, each column to the right of the one before.
    let pdf = pdf::Pdf::open(&built().join("report.pdf"));
    let page = (1..=pdf.page_count() as u32)
        .find(|&p| pdf.page_text(p).contains("Partner contributions 2022-23"))
        .expect("the funding table");
    let words = pdf.words(page);
    let word = |text: &str| {
        words
            .iter()
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("no word {text:?} on page {page}: {words:?}"))
    };
    let (council, amount, share) = (word("Council"), word("£60,000"), word("60.0%"));
    let police = word("£25,000");
    for w in [amount, share] {
        assert!(
            (w.y1 - council.y1).abs() < 0.5,
            "{w:?} is not on {council:?}'s row"
        );
    }
    assert!(
        council.x1 < amount.x0 && amount.x1 < share.x0,
        "{council:?} {amount:?} {share:?}"
    );
    assert!(
        police.y0 > amount.y1 - 1.0,
        "the police row is below the council's"
    );
    assert!(
        police.x0 < amount.x1 && amount.x0 < police.x1,
        "one column: {amount:?} {police:?}"
    );
    assert!(
        amount.x1 - amount.x0 > 20.0 && amount.x1 - amount.x0 < 80.0,
        "{amount:?}"
    );
}

#[test]
fn a_rebuild_never_deletes_a_file_the_user_put_in_the_output_folder() {
    let out = scratch("rebuild-keeps").join("build");
    build(&fixture("mini"), &out);
    // Rebuilding a folder holding only what the tool wrote replaces it.
    build(&fixture("mini"), &out);
    let pdf_before = std::fs::read(out.join("report.pdf")).unwrap();

    std::fs::write(out.join("notes.txt"), b"the officer's notes").unwrap();
    std::fs::create_dir(out.join("site/extra")).unwrap();
    std::fs::write(out.join("site/extra/press.html"), b"<p>press release</p>").unwrap();
    let o = run_build(&fixture("mini"), &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("holds 2 files or folders that the last build did not write"),
        "{err}"
    );
    // Each is named once, the folder rather than every file in it.
    assert!(err.contains("  notes.txt\n"), "{err}");
    assert!(err.contains("  site/extra\n"), "{err}");
    assert!(!err.contains("press.html"), "{err}");
    assert!(
        err.contains("build into another folder with --out"),
        "{err}"
    );
    // Nothing was touched: the user's files, and the earlier build.
    assert_eq!(
        std::fs::read(out.join("notes.txt")).unwrap(),
        b"the officer's notes"
    );
    assert_eq!(
        std::fs::read(out.join("site/extra/press.html")).unwrap(),
        b"<p>press release</p>"
    );
    assert_eq!(std::fs::read(out.join("report.pdf")).unwrap(), pdf_before);
    let parent = out.parent().unwrap();
    assert_eq!(
        std::fs::read_dir(parent).unwrap().count(),
        1,
        "no staging folder left beside the build"
    );

    // Once they are moved away, the build goes ahead.
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    std::fs::remove_dir_all(out.join("site/extra")).unwrap();
    build(&fixture("mini"), &out);
}
