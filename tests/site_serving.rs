//! The website is one folder that works wherever it is put: served by a web server
//! from a sub-path of the partnership's site (/reports/2021-22/), every link and
//! asset of every page resolves. A leading "/" or a link to a file that was not
//! published would show up here as broken.
//!
//! Where report.yaml says the website's address (`publication.site_url`), every
//! address the website gives for itself (canonical links, og:url, the preview card,
//! the sitemap and robots.txt) leads to a file it published there; where it does
//! not, no page claims an address at all.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

use common::serving::{PREFIX, SITE_URL, example_published_at_site_url, get, serve};
use common::*;
use regex::Regex;

/// Resolves a relative reference against the folder of `from` (an absolute path).
fn resolve(from: &str, reference: &str) -> String {
    if reference.starts_with('/') {
        return reference.to_string();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in reference.split('/') {
        match piece {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// What following every link from the first page found.
struct Crawl {
    pages: usize,
    followed: usize,
    broken: Vec<String>,
}

/// Follows every link and asset from the first page of the website served at
/// `address`, and every `#anchor` to its target.
fn crawl(address: &str) -> Crawl {
    let reference = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let css_url = Regex::new(r#"url\(["']?([^"')]+)["']?\)"#).unwrap();
    let search_index = Regex::new(r#"path_to_searchindex_js = "([^"]+)""#).unwrap();
    let mut queue = VecDeque::from([(PREFIX.to_string(), "(start)".to_string())]);
    let mut seen = BTreeSet::new();
    let mut broken = Vec::new();
    let mut pages = 0;
    let mut anchors = Vec::new();
    while let Some((target, from)) = queue.pop_front() {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (target.clone(), None),
        };
        let path = path.split('?').next().unwrap().to_string();
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            anchors.push((path.clone(), f, from.clone()));
        }
        if !seen.insert(path.clone()) {
            continue;
        }
        let (status, body) = get(address, &path);
        if status != 200 {
            broken.push(format!("{path} ({status}), linked from {from}"));
            continue;
        }
        let text = String::from_utf8_lossy(&body);
        let mut found: Vec<String> = Vec::new();
        if path.ends_with(".html") || path.ends_with('/') {
            pages += 1;
            found.extend(reference.captures_iter(&text).map(|c| c[1].to_string()));
            found.extend(search_index.captures_iter(&text).map(|c| c[1].to_string()));
        } else if path.ends_with(".css") {
            found.extend(css_url.captures_iter(&text).map(|c| c[1].to_string()));
        }
        for r in found {
            let r = r.replace("&amp;", "&");
            let external = r.contains(':') && !r.starts_with('#');
            if external || r.is_empty() {
                continue;
            }
            let target = if let Some(f) = r.strip_prefix('#') {
                format!("{path}#{f}")
            } else {
                resolve(&path, &r)
            };
            queue.push_back((target, path.clone()));
        }
    }
    for (path, fragment, from) in anchors {
        let (_, body) = get(address, &path);
        let text = String::from_utf8_lossy(&body);
        if !text.contains(&format!("id=\"{fragment}\"")) {
            broken.push(format!(
                "{path}#{fragment}: no such anchor, linked from {from}"
            ));
        }
    }
    Crawl {
        pages,
        followed: seen.len(),
        broken,
    }
}

/// Every link and asset resolves from PREFIX, with and without `site_url`.
fn assert_every_link_resolves(site: &Path, what: &str) {
    let address = serve(site.to_path_buf());
    let crawl = crawl(&address);
    eprintln!(
        "{what}, served from {PREFIX}: {} pages, {} files and assets followed, {} broken",
        crawl.pages,
        crawl.followed,
        crawl.broken.len()
    );
    assert!(
        crawl.pages >= 40,
        "{what}: only {} pages were reached from the first page",
        crawl.pages
    );
    assert!(
        crawl.broken.is_empty(),
        "{what}: broken links:\n{}",
        crawl.broken.join("\n")
    );
}

/// The built HTML pages of a website, by file name, with their text.
fn html_pages(site: &Path) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn served_from_a_sub_path_every_link_and_asset_resolves() {
    // The shipped example does not say where it is published: no page may claim an
    // address for itself, and the build says once how to give it one.
    let out = scratch("serving").join("build");
    let o = build(&root(), &out);
    let site = out.join("site");
    assert_every_link_resolves(&site, "without site_url");
    let claims = Regex::new(r#"rel="canonical"|property="og:url"|property="og:image""#).unwrap();
    let claiming: Vec<String> = html_pages(&site)
        .into_iter()
        .filter(|(_, text)| claims.is_match(text))
        .map(|(name, _)| name)
        .collect();
    assert!(
        claiming.is_empty(),
        "without site_url these pages still claim an address: {claiming:?}"
    );
    for file in ["sitemap.xml", "robots.txt", "social-card.png"] {
        assert!(
            !site.join(file).exists(),
            "without site_url, {file} was written"
        );
    }
    let said = stdout(&o);
    let about: Vec<&str> = said.lines().filter(|l| l.contains("site_url")).collect();
    assert!(
        about.len() == 1 && about[0].contains("site_url: https://"),
        "the build should say once, in one line, how to set site_url:\n{said}"
    );
}

/// An address the website gives for itself, where it was found.
struct Claim {
    address: String,
    from: String,
}

/// Every address the website gives for its pages: each page's canonical link and
/// og:url, its og:image and twitter:image, each `<loc>` of the sitemap, and the
/// sitemap named in robots.txt.
fn claims(site: &Path) -> Vec<Claim> {
    let head = Regex::new(
        r#"<link rel="canonical" href="([^"]*)">|<meta (?:property|name)="(?:og:url|og:image|twitter:image)" content="([^"]*)">"#,
    )
    .unwrap();
    let mut claims = Vec::new();
    for (name, text) in html_pages(site) {
        for c in head.captures_iter(&text) {
            let address = c
                .get(1)
                .or(c.get(2))
                .unwrap()
                .as_str()
                .replace("&amp;", "&");
            claims.push(Claim {
                address,
                from: name.clone(),
            });
        }
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).expect("sitemap.xml");
    for c in Regex::new(r"<loc>([^<]*)</loc>")
        .unwrap()
        .captures_iter(&sitemap)
    {
        claims.push(Claim {
            address: c[1].replace("&amp;", "&"),
            from: "sitemap.xml".into(),
        });
    }
    let robots = std::fs::read_to_string(site.join("robots.txt")).expect("robots.txt");
    for line in robots.lines().filter_map(|l| l.strip_prefix("Sitemap: ")) {
        claims.push(Claim {
            address: line.trim().to_string(),
            from: "robots.txt".into(),
        });
    }
    claims
}

#[test]
fn published_at_its_address_every_canonical_and_sitemap_address_resolves() {
    let project = example_published_at_site_url("serving-site-url");
    let out = project.join("build");
    let o = build(&project, &out);
    assert!(!stdout(&o).contains("site_url"), "{}", stdout(&o));
    let site = out.join("site");
    assert_every_link_resolves(&site, "with site_url");

    let address = serve(site.clone());
    let claims = claims(&site);
    let mut broken = Vec::new();
    for claim in &claims {
        let Some(rest) = claim.address.strip_prefix(SITE_URL) else {
            broken.push(format!(
                "{} in {}: not under {SITE_URL}",
                claim.address, claim.from
            ));
            continue;
        };
        let (status, _) = get(&address, &format!("{PREFIX}{rest}"));
        if status != 200 {
            broken.push(format!("{} in {} ({status})", claim.address, claim.from));
        }
    }
    let count = |from: &str| claims.iter().filter(|c| c.from == from).count();
    eprintln!(
        "{} addresses given ({} in sitemap.xml, {} canonical links and og:url/og:image in {} pages): {} broken",
        claims.len(),
        count("sitemap.xml"),
        claims.len() - count("sitemap.xml") - count("robots.txt"),
        html_pages(&site).len(),
        broken.len()
    );
    assert!(
        broken.is_empty(),
        "addresses that lead nowhere:\n{}",
        broken.join("\n")
    );

    // A page's canonical link is its own address; the sitemap lists exactly those.
    let canonical = Regex::new(r#"<link rel="canonical" href="([^"]*)">"#).unwrap();
    let mut canonicals = BTreeSet::new();
    for (name, text) in html_pages(&site) {
        let found: Vec<String> = canonical
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        match name.as_str() {
            // The copy for printing, the page for a missing address, and mdBook's
            // contents for browsers without JavaScript are not pages to list.
            "print.html" | "404.html" | "toc.html" => {
                assert!(found.is_empty(), "{name}: {found:?}")
            }
            _ => assert_eq!(found, vec![format!("{SITE_URL}{name}")], "{name}"),
        }
        canonicals.extend(found);
    }
    let in_sitemap: BTreeSet<String> = claims
        .iter()
        .filter(|c| c.from == "sitemap.xml")
        .map(|c| c.address.clone())
        .collect();
    assert!(
        canonicals.len() >= 40,
        "only {} canonical links",
        canonicals.len()
    );
    assert_eq!(
        in_sitemap, canonicals,
        "the sitemap lists the pages with canonical links"
    );
}

#[test]
fn resolving_relative_links_works_like_a_browser() {
    assert_eq!(
        resolve("/reports/2021-22/", "a.html"),
        "/reports/2021-22/a.html"
    );
    assert_eq!(
        resolve("/reports/2021-22/x.html", "css/c.css"),
        "/reports/2021-22/css/c.css"
    );
    assert_eq!(
        resolve("/reports/2021-22/css/c.css", "../f.woff"),
        "/reports/2021-22/f.woff"
    );
    assert_eq!(resolve("/reports/2021-22/x.html", "/a.html"), "/a.html");
}
