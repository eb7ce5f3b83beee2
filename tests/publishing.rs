//! Handing the website to the web team: `publication.site_url` checked where it is
//! written.

mod common;

use common::*;

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
