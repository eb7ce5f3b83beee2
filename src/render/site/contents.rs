//! The contents in each page's sidebar: every chapter, and the sections of the
//! chapter the page belongs to, with the page itself marked.
//!
//! mdBook's own contents list every section on every page, so a report twice as long
//! wrote four times as much contents (the whole site grew with the square of the
//! report's length). Listing the chapters and only the current chapter's sections
//! keeps each page's contents short; the other chapters' sections are one click
//! away, on the chapter's own page. It is plain HTML: nothing needs JavaScript.

use crate::assemble::Document;
use crate::render::html;

use super::STATEMENT;

/// One link of the contents.
struct Entry {
    file: String,
    title: String,
}

/// A chapter (or a page of its own, like the glossary) and the sections under it.
struct Chapter {
    page: Entry,
    sections: Vec<Entry>,
}

/// Every page of the website in report order, grouped by chapter.
pub struct Contents {
    chapters: Vec<Chapter>,
}

impl Contents {
    /// The contents of `document`'s website, in the order of its SUMMARY.md: the
    /// first page, the chapters with their sections, the glossary and the
    /// accessibility statement.
    pub fn of(document: &Document) -> Contents {
        let page = |file: String, title: String| Chapter {
            page: Entry { file, title },
            sections: Vec::new(),
        };
        let mut chapters = vec![page("index.html".into(), "The year at a glance".into())];
        for s in &document.sections {
            let entry = Entry {
                file: format!("{}.html", s.id),
                title: s.heading(),
            };
            match chapters.last_mut() {
                Some(chapter) if s.level > 1 => chapter.sections.push(entry),
                _ => chapters.push(Chapter {
                    page: entry,
                    sections: Vec::new(),
                }),
            }
        }
        if !document.glossary.is_empty() {
            chapters.push(page("glossary.html".into(), "Glossary".into()));
        }
        chapters.push(page(
            format!("{STATEMENT}.html"),
            "Accessibility statement".into(),
        ));
        Contents { chapters }
    }

    /// The sidebar's list for the page `file`: every chapter, the sections of the
    /// chapter `file` is in (or is), and `aria-current="page"` on its own link, so
    /// a screen reader says "current page" and the theme can show it.
    pub fn for_page(&self, file: &str) -> String {
        let link = |entry: &Entry| {
            let current = if entry.file == file {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!(
                "<a href=\"{}\"{current}>{}</a>",
                html::text(&entry.file),
                html::text(&entry.title)
            )
        };
        let mut list = String::from("<ol class=\"chapter\">");
        for chapter in &self.chapters {
            list.push_str("<li class=\"chapter-item\">");
            list.push_str(&link(&chapter.page));
            let here = chapter.page.file == file || chapter.sections.iter().any(|s| s.file == file);
            if here && !chapter.sections.is_empty() {
                list.push_str("<ol class=\"section\">");
                for section in &chapter.sections {
                    list.push_str("<li class=\"chapter-item\">");
                    list.push_str(&link(section));
                    list.push_str("</li>");
                }
                list.push_str("</ol>");
            }
            list.push_str("</li>");
        }
        list.push_str("</ol>");
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents() -> Contents {
        let entry = |file: &str, title: &str| Entry {
            file: file.into(),
            title: title.into(),
        };
        Contents {
            chapters: vec![
                Chapter {
                    page: entry("index.html", "The year at a glance"),
                    sections: vec![],
                },
                Chapter {
                    page: entry("review.html", "6 The year in review"),
                    sections: vec![
                        entry("lead.html", "6.1 Leadership"),
                        entry("neglect.html", "6.2 Neglect"),
                    ],
                },
                Chapter {
                    page: entry("partners.html", "8 Partners & <agencies>"),
                    sections: vec![entry("police.html", "8.1 Police")],
                },
            ],
        }
    }

    #[test]
    fn a_section_page_lists_every_chapter_and_only_its_own_chapters_sections() {
        let list = contents().for_page("neglect.html");
        for chapter in ["index.html", "review.html", "partners.html"] {
            assert!(list.contains(&format!("href=\"{chapter}\"")), "{list}");
        }
        assert!(list.contains("href=\"lead.html\""), "{list}");
        assert!(!list.contains("police.html"), "{list}");
        assert!(
            list.contains("<a href=\"neglect.html\" aria-current=\"page\">6.2 Neglect</a>"),
            "{list}"
        );
        assert_eq!(list.matches("aria-current").count(), 1, "{list}");
    }

    #[test]
    fn a_chapter_page_opens_its_sections_and_titles_are_text() {
        let list = contents().for_page("partners.html");
        assert!(list.contains("href=\"police.html\""), "{list}");
        assert!(!list.contains("lead.html"), "{list}");
        assert!(list.contains("8 Partners &amp; &lt;agencies&gt;"), "{list}");
    }

    #[test]
    fn a_page_outside_the_chapters_lists_the_chapters_alone() {
        let list = contents().for_page("print.html");
        assert!(!list.contains("aria-current"), "{list}");
        assert!(!list.contains("class=\"section\""), "{list}");
    }
}
