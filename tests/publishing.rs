//! Handing the website to the web team: `publication.site_url` checked where it is
//! written, and `build --zip`'s `report-site.zip`, which holds the website as built
//! and says where it goes.

mod common;

use std::io::Read;
use std::path::Path;

use common::serving::{SITE_URL, example_published_at_site_url};
use common::*;

/// The archive's files, by name, with their bytes.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        files.push((file.name().unwrap().to_string(), bytes));
    }
    files
}

fn build_zip(project: &Path, out: &Path) -> std::process::Output {
    let o = run(&[
        "build",
        "--zip",
        "--project",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    o
}

#[test]
fn the_archive_holds_the_website_as_built_and_says_where_it_goes() {
    let project = example_published_at_site_url("zip-site-url");
    let out = project.join("build");
    let o = build_zip(&project, &out);
    let zip = out.join("report-site.zip");
    assert!(stdout(&o).contains("report-site.zip"), "{}", stdout(&o));
    let files = unzip(&zip);
    eprintln!(
        "report-site.zip: {} KB, {} files",
        std::fs::metadata(&zip).unwrap().len().div_ceil(1024),
        files.len()
    );

    // Every file of the website, byte for byte, under site/; nothing else but the note.
    let built = snapshot(&out.join("site"));
    let mut packed: Vec<(std::path::PathBuf, Vec<u8>)> = files
        .iter()
        .filter_map(|(name, bytes)| Some((name.strip_prefix("site/")?.into(), bytes.clone())))
        .collect();
    packed.sort();
    assert!(
        packed == built,
        "the archive's site/ differs from the website built"
    );
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"site/report.pdf") && names.contains(&"site/index.html"));
    assert!(names.contains(&"site/social-card.png") && names.contains(&"site/sitemap.xml"));
    assert_eq!(files.len(), built.len() + 1, "{names:?}");

    let note = String::from_utf8(files[0].1.clone()).unwrap();
    assert_eq!(files[0].0, "PUBLISHING.txt");
    assert!(note.contains(SITE_URL), "{note}");
    assert!(
        note.contains("report.pdf") && note.contains("site/"),
        "{note}"
    );
    assert!(note.contains(env!("CARGO_PKG_VERSION")), "{note}");
    assert!(
        note.contains("Sitemap: https://www.example.org.uk/reports/2021-22/sitemap.xml"),
        "{note}"
    );
    assert!(
        note.lines()
            .all(|l| l.chars().count() <= 78 || l.starts_with(' ')),
        "{note}"
    );

    // Written in the staged build, so the marker lists it, nothing half-written is
    // left, and the next build replaces it like the rest.
    let marker = std::fs::read_to_string(out.join(".safeguarding-report")).unwrap();
    assert!(marker.lines().any(|l| l == "report-site.zip"), "{marker}");
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    build(&project, &out);
    assert!(
        !zip.exists(),
        "a build without --zip left last build's archive, which no longer matches the website"
    );
}

#[test]
fn without_an_address_the_note_says_what_is_missing_and_how_to_set_it() {
    let project = copy_project(&fixture("mini"), "zip-no-site-url");
    let out = project.join("out");
    build_zip(&project, &out);
    let files = unzip(&out.join("report-site.zip"));
    let note = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(note.contains("No address was set"), "{note}");
    assert!(note.contains("site_url: https://"), "{note}");
    assert!(!note.contains("Sitemap:"), "{note}");
}

#[test]
fn a_site_url_that_is_not_an_https_address_is_an_error_at_its_line() {
    for (written, says) in [
        (
            "http://tscp.example.org/reports/2022-23/",
            "must start with https://",
        ),
        ("reports/2022-23/", "full web address"),
        (
            "https://tscp.example.org/reports/index.html",
            "names a page",
        ),
    ] {
        let project = copy_project(&fixture("mini"), "bad-site-url");
        edit(
            &project.join("report.yaml"),
            "  website: https://tscp.example.org/\n",
            &format!("  website: https://tscp.example.org/\n  site_url: {written}\n"),
        );
        let out = project.join("out");
        let o = run_build(&project, &out);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{written}: {err}");
        assert!(err.contains("error[bad-site-url]"), "{written}: {err}");
        assert!(err.contains("report.yaml:26:13"), "{written}: {err}");
        assert!(err.contains(says), "{written}: {err}");
        assert!(
            err.contains("help:") && err.contains("https://www.example.org.uk/reports/2021-22/"),
            "{err}"
        );
        assert!(!out.exists(), "{written}: something was built");
    }
}

#[test]
fn next_years_report_gets_next_years_address_and_links_to_last_years() {
    for (last, next) in [
        (
            "https://tscp.example.org/reports/2022-23/",
            "  site_url: https://tscp.example.org/reports/2023-24/",
        ),
        (
            "https://tscp.example.org/annual-report/",
            "  # Last year's address; set this year's: site_url: https://tscp.example.org/annual-report/",
        ),
    ] {
        let cwd = scratch("rollover-site-url");
        let project = copy_project(&fixture("mini"), "rollover-site-url-last");
        edit(
            &project.join("report.yaml"),
            "  website: https://tscp.example.org/\n",
            &format!("  website: https://tscp.example.org/\n  site_url: {last}\n"),
        );
        let o = run_in(&cwd, &["new", "next", "--from", project.to_str().unwrap()]);
        assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
        let yaml = std::fs::read_to_string(cwd.join("next/report.yaml")).unwrap();
        assert!(yaml.lines().any(|l| l == next), "{last}:\n{yaml}");
        let o = run_in(&cwd, &["validate", "--project", "next"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut linked = false;
        for entry in walkdir::WalkDir::new(cwd.join("next/content")) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                linked |= text.contains(&format!("[Annual Report 2022-23]({last})"));
            }
        }
        assert!(
            linked,
            "{last}: no section links to where last year's report is"
        );
    }
}
