//! The year as a partnership business manager walks it: `new`, the partners' Word
//! contributions imported (a custom heading style, tracked changes, a picture
//! without alt text), `status`, her slips (a misspelt figure, a YAML row indented
//! one space), a draft build, the fixes, the build with its Word edition, then next
//! year's project with `new --from` and this year's contribution imported into it.

mod common;

use std::io::Write as _;
use std::path::Path;

use common::*;

const PROJECT: &str = "tscp 2023-24";

/// A Word document made the way an agency's would be: `body` is the XML of its
/// paragraphs, `styles` the styles it uses beyond Word's defaults.
fn word(path: &Path, styles: &str, body: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/_rels/document.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_string()),
        ("word/styles.xml", format!("<?xml version=\"1.0\"?><w:styles {w}><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>{styles}</w:styles>")),
        ("word/document.xml", format!("<?xml version=\"1.0\"?><w:document {w}><w:body>{body}</w:body></w:document>")),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn p(style: &str, text: &str) -> String {
    let style = if style.is_empty() {
        String::new()
    } else {
        format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
    };
    format!("<w:p>{style}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            xml.push_str(&format!("<w:tc>{}</w:tc>", p("", cell)));
        }
        xml.push_str("</w:tr>");
    }
    xml + "</w:tbl>"
}

fn read(cwd: &Path, path: &str) -> String {
    std::fs::read_to_string(cwd.join(PROJECT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write(cwd: &Path, path: &str, text: &str) {
    std::fs::write(cwd.join(PROJECT).join(path), text).unwrap();
}

fn import(cwd: &Path, docx: &str, partner: &str, project: &str) -> std::process::Output {
    run_in(
        cwd,
        &["import", docx, "--partner", partner, "--project", project],
    )
}

/// The council's contribution: its headings in the council's own style, "Council
/// Heading", based on Word's Heading 1; a table of figures with a caption.
fn council(cwd: &Path) {
    let styles = "<w:style w:type=\"paragraph\" w:styleId=\"CouncilHeading\"><w:name w:val=\"Council Heading\"/><w:basedOn w:val=\"Heading1\"/></w:style>";
    let body = [
        p("Title", "Testshire County Council"),
        p("CouncilHeading", "What did we do well?"),
        p(
            "",
            "Our early help service reached more families than ever before.",
        ),
        p("", "Table 1: Early help assessments"),
        table(&[
            &["Quarter", "Assessments"],
            &["Q1", "120"],
            &["Q2", "135"],
            &["Total", "255"],
        ]),
        p("CouncilHeading", "What do we need to do better?"),
        p(
            "",
            "Too many children waited for a social worker to be allocated.",
        ),
    ]
    .concat();
    word(&cwd.join("council.docx"), styles, &body);
}

/// The police's contribution, still with a reviewer's tracked changes in it.
fn police(cwd: &Path) {
    let body = [
        p("Title", "Testshire Police"),
        p("Heading1", "What did we do well?"),
        "<w:p><w:r><w:t xml:space=\"preserve\">Officers attended </w:t></w:r><w:del w:id=\"1\" w:author=\"Reviewer\"><w:r><w:delText>every</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"Reviewer\"><w:r><w:t>most</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\"> strategy meetings within a day.</w:t></w:r></w:p>".to_string(),
        p("Heading1", "What do we need to do better?"),
        p("", "Recording the voice of the child in police notes."),
    ]
    .concat();
    word(&cwd.join("police.docx"), "", &body);
}

#[test]
fn the_business_managers_year() {
    let cwd = scratch("team-year");
    let o = new_project(&cwd, PROJECT, "2023-04-01..2024-03-31");
    assert!(o.status.success(), "{}", stderr(&o));
    council(&cwd);
    police(&cwd);
    std::fs::copy(
        fixture("import").join("contribution.docx"),
        cwd.join("icb.docx"),
    )
    .unwrap();

    // Three contributions in; each import checks what it wrote.
    let o = import(&cwd, "council.docx", "council", PROJECT);
    assert!(o.status.code() != Some(2), "{}{}", stdout(&o), stderr(&o));
    let section = read(&cwd, "content/agencies/council.md");
    assert!(
        section.contains("title: Testshire County Council"),
        "{section}"
    );
    assert!(
        section.contains("## What did we do well?")
            && section.contains("## What do we need to do better?"),
        "the council's own heading style is a heading:\n{section}"
    );
    let o = import(&cwd, "police.docx", "police", PROJECT);
    assert!(o.status.code() != Some(2), "{}{}", stdout(&o), stderr(&o));
    let section = read(&cwd, "content/agencies/police.md");
    assert!(
        section.contains("Officers attended most strategy meetings within a day."),
        "tracked changes taken as accepted:\n{section}"
    );
    let o = import(&cwd, "icb.docx", "icb", PROJECT);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the fixture's second table does not add up:\n{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("1 picture without alt text"),
        "{}",
        stdout(&o)
    );

    // Status: three partners in, the ICB's wrong total counted against the ICB.
    let o = run_in(&cwd, &["status", "--project", PROJECT]);
    let status = stdout(&o);
    assert!(
        status.contains("3 of 3 partners' contributions are in"),
        "{status}"
    );
    let icb = status
        .lines()
        .find(|l| l.trim_start().starts_with("Integrated Care Board"))
        .unwrap();
    let errors: usize = icb.split_whitespace().nth(5).unwrap().parse().unwrap();
    assert!(
        errors >= 1,
        "the ICB's data set's total is its error: {icb}"
    );
    assert!(
        !icb.contains("WT23-"),
        "criteria are the whole report's, not listed against a partner: {icb}"
    );
    // The ICB's picture without alt text: in status and in check, at the line of the
    // section that holds its place, until someone describes it.
    let section = read(&cwd, "content/agencies/icb.md");
    let line = section
        .lines()
        .position(|l| l.starts_with("<!-- content/images/icb-2.png has no alt text"))
        .unwrap()
        + 1;
    // Column 14: "<!-- content/" is 13 characters, then the picture's path from content/.
    let place = format!("content/agencies/icb.md:{line}:14");
    assert!(
        status.contains(&format!(
            "Left out until someone writes what they show (their alt text):\n  {place}  content/images/icb-2.png (Integrated Care Board)\n"
        )),
        "{status}"
    );
    let o = run_in(&cwd, &["check", "--project", PROJECT]);
    let said = stdout(&o);
    assert!(
        said.contains("warning[ED-PICTURE-HELD-BACK]: the imported picture content/images/icb-2.png is left out of the report until it has alt text")
            && said.contains(&format!("--> {place}")),
        "{said}"
    );

    // Her slips: a figure misspelt in a chapter, a row indented one space.
    let chapter = "content/03-what-we-did.md";
    let text = read(&cwd, chapter);
    write(
        &cwd,
        chapter,
        &format!(
            "{text}\nThe council completed {{{{ council_table_1.by.q1.assesments }}}} assessments in the first quarter.\n"
        ),
    );
    let o = run_in(&cwd, &["check", "--project", PROJECT]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        said.contains(&format!("{chapter}:")) && said.contains("did you mean `assessments`?"),
        "the misspelt figure, where it is, and the right name:\n{said}"
    );
    // The figure named as a highlight names it: the chapter's form is suggested, at
    // the row's name (line and column counted from what was written).
    write(
        &cwd,
        chapter,
        &format!(
            "{text}\nThe council completed {{{{ council_table_1.q1.assessments }}}} assessments in the first quarter.\n"
        ),
    );
    let line = read(&cwd, chapter)
        .lines()
        .position(|l| l.starts_with("The council completed"))
        .unwrap()
        + 1;
    let o = run_in(&cwd, &["check", "--project", PROJECT]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    // "The council completed {{ " is 25 characters, "council_table_1." 16 more.
    assert!(
        said.contains(&format!("{chapter}:{line}:42"))
            && said.contains("did you mean `council_table_1.by.q1.assessments`?"),
        "the highlight's form, where it is, and the chapter's form to type:\n{said}"
    );
    write(
        &cwd,
        chapter,
        &format!(
            "{text}\nThe council completed {{{{ council_table_1.by.q1.assessments }}}} assessments in the first quarter.\n"
        ),
    );
    let data = read(&cwd, "content/data/council_table_1.yaml");
    let line = data
        .lines()
        .position(|l| l.starts_with("  - {quarter: Q2"))
        .unwrap()
        + 1;
    write(
        &cwd,
        "content/data/council_table_1.yaml",
        &data.replace("  - {quarter: Q2", "   - {quarter: Q2"),
    );
    let o = run_in(&cwd, &["check", "--project", PROJECT]);
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        said.contains(&format!("content/data/council_table_1.yaml:{line}:")),
        "the slip at line {line}:\n{said}"
    );
    write(&cwd, "content/data/council_table_1.yaml", &data);

    // A draft builds with the chapters still empty; the real build does not.
    let o = run_in(&cwd, &["build", "--draft", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = run_in(&cwd, &["build", "--project", PROJECT]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(format!("{}{}", stdout(&o), stderr(&o)).contains("ED-EMPTY-SECTION"));

    // The fixes: every chapter written, the ICB's total corrected, the picture described.
    for entry in std::fs::read_dir(cwd.join(PROJECT).join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                &path,
                format!("{text}\nThe partners met monthly and reviewed the work of every group.\n"),
            )
            .unwrap();
        }
    }
    for (chapter, text) in [
        (
            "content/05-case-reviews.md",
            "No child safeguarding practice reviews were commissioned in 2023-24, and no rapid reviews were held.",
        ),
        (
            "content/06-impact-and-effectiveness.md",
            "A multi-agency audit agreed with 93% of threshold decisions, up from 85% the year before, so the arrangements at the front door are effective.",
        ),
    ] {
        let written = read(&cwd, chapter);
        write(&cwd, chapter, &format!("{written}\n{text}\n"));
    }
    let icb_data = read(&cwd, "content/data/icb_table_2.yaml");
    write(
        &cwd,
        "content/data/icb_table_2.yaml",
        &icb_data.replace("home_visits: 30", "home_visits: 27"),
    );
    let icb_section = read(&cwd, "content/agencies/icb.md");
    let described = icb_section.replace("<!-- content/images/icb-2.png has no alt text", "![The probation office in Testshire](images/icb-2.png)\n\n<!-- content/images/icb-2.png had no alt text");
    write(&cwd, "content/agencies/icb.md", &described);
    let o = run_in(&cwd, &["build", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = run_in(&cwd, &["status", "--project", PROJECT]);
    assert!(
        !stdout(&o).contains("Left out until"),
        "the described picture is no longer waiting:\n{}",
        stdout(&o)
    );
    let built = cwd.join(PROJECT).join("build");
    assert!(built.join("report.pdf").is_file() && built.join("report.docx").is_file());
    // Built again over the last build: the Word edition is the build's own file.
    let o = run_in(&cwd, &["build", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    // Next year: the data sets keep their shape, the years move on, nothing is in.
    let o = run_in(&cwd, &["new", "tscp 2024-25", "--from", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let next = cwd.join("tscp 2024-25");
    let council_data =
        std::fs::read_to_string(next.join("content/data/council_table_1.yaml")).unwrap();
    assert!(
        council_data.contains("  - {quarter: Q1, assessments: null, assessments_previous: 120}"),
        "{council_data}"
    );
    assert!(
        council_data.contains("title: 'Assessments (2023-24)'"),
        "{council_data}"
    );
    let chapter = std::fs::read_to_string(next.join("content/agencies/icb.md")).unwrap();
    assert!(
        chapter.contains("{{ table(data=\"icb_table_1\") }}"),
        "{chapter}"
    );
    assert!(next.join("contribution-templates/icb.docx").is_file());
    let o = run_in(&cwd, &["status", "--project", "tscp 2024-25"]);
    assert!(
        stdout(&o).contains("0 of 3 partners' contributions are in"),
        "{}",
        stdout(&o)
    );

    // The council's contribution for 2024-25 fills its section and keeps 2023-24's figures.
    let o = import(&cwd, "council.docx", "council", "tscp 2024-25");
    assert!(o.status.code() != Some(2), "{}{}", stdout(&o), stderr(&o));
    let council_data =
        std::fs::read_to_string(next.join("content/data/council_table_1.yaml")).unwrap();
    assert!(
        council_data.contains("assessments: 120, assessments_previous: 120"),
        "{council_data}"
    );
    let o = run_in(&cwd, &["status", "--project", "tscp 2024-25"]);
    assert!(
        stdout(&o).contains("1 of 3 partners' contributions are in"),
        "{}",
        stdout(&o)
    );
}

/// A paragraph set in bold by hand, as many partners make their headings.
fn bold(text: &str) -> String {
    format!("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// Tables as agencies caption them (a "Table 1:" line above, Word's Caption style
/// below, a caption that repeats the heading, none at all) and a bold line as a
/// heading: the section and the PDF read as finished.
#[test]
fn imported_tables_keep_their_own_captions_and_headings_their_level() {
    let cwd = scratch("team-year-captions");
    let o = new_project(&cwd, PROJECT, "2023-04-01..2024-03-31");
    assert!(o.status.success(), "{}", stderr(&o));
    let styles =
        "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>";
    let body = [
        p("Title", "Testshire County Council"),
        p("Heading1", "Early help"),
        p(
            "",
            "Our early help service reached more families than ever before.",
        ),
        bold("Assessments by quarter"),
        p("", "Table 1: Early help assessments"),
        table(&[&["Quarter", "Assessments"], &["Q1", "120"], &["Q2", "135"]]),
        p("Heading1", "Referrals"),
        p("", "Referrals came from schools and the police."),
        table(&[
            &["Source", "Referrals"],
            &["Schools", "40"],
            &["Police", "55"],
        ]),
        p("Caption", "Table 2: Referrals by source"),
        p("Heading1", "Waiting times"),
        p("Caption", "Waiting times"),
        table(&[&["Team", "Weeks"], &["North", "4"], &["South", "6"]]),
        p("Heading1", "What do we need to do better?"),
        p(
            "",
            "Too many children waited for a social worker to be allocated.",
        ),
        table(&[
            &["Month", "Children waiting"],
            &["April", "12"],
            &["May", "9"],
        ]),
    ]
    .concat();
    word(&cwd.join("council.docx"), styles, &body);
    let o = import(&cwd, "council.docx", "council", PROJECT);
    assert!(o.status.code() != Some(2), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let section = read(&cwd, "content/agencies/council.md");
    assert!(
        section.contains("## Early help\n")
            && section.contains("\n### Assessments by quarter\n")
            && !section.contains("**"),
        "a bold line is a heading one level below its section's, not bold text:\n{section}"
    );
    assert!(
        section.contains("## Waiting times\n\n{{ table(data=\"council_table_3\") }}"),
        "{section}"
    );
    let title = |n: usize| {
        read(&cwd, &format!("content/data/council_table_{n}.yaml"))
            .lines()
            .find_map(|l| l.strip_prefix("title: ").map(str::to_string))
    };
    assert_eq!(title(1).as_deref(), Some("Early help assessments"));
    assert_eq!(title(2).as_deref(), Some("Referrals by source"));
    assert_eq!(
        title(3),
        None,
        "a caption that repeats its heading is not printed as well"
    );
    assert_eq!(
        title(4),
        None,
        "no caption, no title: never the heading's words"
    );
    assert!(
        out.contains("a table whose caption repeats the heading above it: imported untitled, under that heading"),
        "{out}"
    );
    assert!(
        out.contains("table 4, untitled") && out.contains("a table without a caption: imported untitled; give it a `title:` in content/data/council_table_4.yaml"),
        "{out}"
    );
    for n in 1..=4 {
        let data = read(&cwd, &format!("content/data/council_table_{n}.yaml"));
        assert!(
            data.contains("source: \"Local authority, in its contribution to this report\"\n")
                && !data.contains(".docx"),
            "{data}"
        );
    }

    let o = run_in(&cwd, &["build", "--draft", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let pdf = squash(&pdf_text_of(&cwd.join(PROJECT).join("build/report.pdf")));
    assert_eq!(pdf.matches("Waiting times").count(), 1, "{pdf}");
    assert!(
        !pdf.contains(": What do we need to do better?") && !pdf.contains("council.docx"),
        "{pdf}"
    );
    assert!(
        pdf.contains("Source: Local authority, in its contribution to this report."),
        "{pdf}"
    );
}

/// Headings stay with the text after them: a section made so that, across its pages,
/// headings fall at every height of the page, followed by paragraphs and tables.
#[test]
fn no_heading_is_left_at_the_foot_of_a_page() {
    let cwd = scratch("team-year-headings");
    let o = new_project(&cwd, PROJECT, "2023-04-01..2024-03-31");
    assert!(o.status.success(), "{}", stderr(&o));
    for folder in ["content/data", "content/agencies"] {
        std::fs::create_dir_all(cwd.join(PROJECT).join(folder)).unwrap();
    }
    write(
        &cwd,
        "content/data/visits.yaml",
        "title: Home visits\nsource: Testshire County Council\nkey: quarter\ncolumns:\n  - {id: quarter, title: Quarter, unit: text}\n  - {id: visits, title: Visits, unit: count}\nrows:\n  - {quarter: Q1, visits: 12}\n  - {quarter: Q2, visits: 15}\n",
    );
    let words = [
        "the", "partners", "reviewed", "their", "work", "with", "schools", "every", "month",
    ];
    let mut section = String::from(
        "---\nid: long\ntitle: The year in detail\norder: 9.9\nparent: partner-contributions\n---\n",
    );
    for k in 1..=70usize {
        // Paragraphs of 10 to 150 words, so the headings after them land at every height.
        let length = 10 + (k * 29) % 140;
        let text: Vec<&str> = (0..length)
            .map(|i| words[(i * 7 + k) % words.len()])
            .collect();
        section.push_str(&format!(
            "\n{}.\n\n## Heading number {k}\n\n",
            text.join(" ")
        ));
        if k % 3 == 0 {
            section.push_str("{{ table(data=\"visits\") }}\n");
        } else {
            section.push_str("The partners agreed what to do next and who would do it.\n");
        }
    }
    write(&cwd, "content/agencies/long.md", &section);
    let o = run_in(&cwd, &["build", "--draft", "--project", PROJECT]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let pdf = common::pdf::Pdf::open(&cwd.join(PROJECT).join("build/report.pdf"));
    let (mut at_foot, mut at_top) = (Vec::new(), 0);
    for page in 1..=pdf.page_count() as u32 {
        // The page's own text: running header, footer and DRAFT mark are artifacts.
        let text = pdf.text_where(|g| g.page == page && !g.artifact);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines
            .first()
            .is_some_and(|l| l.starts_with("Heading number"))
        {
            at_top += 1;
        }
        if let Some(last) = lines.last().filter(|l| l.starts_with("Heading number")) {
            at_foot.push(format!("page {page}: {last}"));
        }
    }
    assert!(
        at_top > 0,
        "the section does not bring a heading to a page's top, so it tests nothing"
    );
    assert!(
        at_foot.is_empty(),
        "headings left at a page's foot: {at_foot:?}"
    );
}
