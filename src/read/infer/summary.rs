//! The facts as the lines at the top of `check FILE`'s output.

use super::{Confidence, Facts};

impl Facts {
    /// The facts as lines for the top of `check`'s output.
    pub fn summary(&self) -> String {
        let mut out = String::from(
            "Inferred from the text (override with --partnership, --period, --guidance):\n",
        );
        let mut line = |what: &str, value: String, c: Option<Confidence>, place: &str| {
            let how = c.map(|c| format!(" [{}]", c.as_str())).unwrap_or_default();
            let at = if place.is_empty() {
                String::new()
            } else {
                format!(" — {place}")
            };
            out.push_str(&format!("  {what:<13} {value}{how}{at}\n"));
        };
        match &self.partnership {
            Some(p) => {
                let short = self
                    .short_name
                    .as_ref()
                    .map(|s| format!(" ({})", s.value))
                    .unwrap_or_default();
                line(
                    "partnership",
                    format!("{}{short}", p.value),
                    Some(p.confidence),
                    &p.place,
                )
            }
            None => line("partnership", "not found".into(), None, ""),
        }
        match &self.period {
            Some(p) => line(
                "period",
                format!("{} from {}", p.value.long(), p.from),
                Some(p.confidence),
                &p.place,
            ),
            None => line(
                "period",
                "not found: give it with --period START..END".into(),
                None,
                "",
            ),
        }
        line(
            "guidance",
            self.guidance.value.title().to_string(),
            Some(self.guidance.confidence),
            "",
        );
        let partners: Vec<String> = self
            .partners
            .iter()
            .map(|p| format!("{} ({})", p.value.name, p.value.kind.as_str()))
            .collect();
        line(
            "partners",
            if partners.is_empty() {
                "none named".into()
            } else {
                partners.join("; ")
            },
            None,
            "",
        );
        for f in &self.funding {
            let shown: Vec<String> = f
                .contributions
                .iter()
                .map(|(k, s)| format!("{} {}", k.as_str(), if *s { "shown" } else { "not shown" }))
                .collect();
            line(
                "funding",
                format!("table in \"{}\": {}", f.section, shown.join(", ")),
                None,
                &f.place,
            );
        }
        if self.funding.is_empty() {
            line("funding", "no table with money in it".into(), None, "");
        }
        match &self.scrutiny {
            Some(s) => line(
                "scrutiny",
                format!("\"{}\"", s.value),
                Some(s.confidence),
                &s.place,
            ),
            None => line(
                "scrutiny",
                "no section by the independent scrutineer".into(),
                None,
                "",
            ),
        }
        let with_progress = self
            .priorities
            .iter()
            .filter(|p| p.value.progress.is_some())
            .count();
        line(
            "priorities",
            format!(
                "{} found, {with_progress} with progress stated",
                self.priorities.len()
            ),
            None,
            self.priorities.first().map_or("", |p| p.place.as_str()),
        );
        match &self.publication {
            Some(p) => {
                let mut said = Vec::new();
                if let Some(w) = &p.value.website {
                    said.push(format!("at {w}"));
                }
                if let Some(d) = p.value.published {
                    said.push(format!("on {}", d.long()));
                }
                if let Some(d) = p.value.copy_to_panel {
                    said.push(format!("copy to the national panel {}", d.long()));
                }
                line("publication", said.join("; "), Some(p.confidence), &p.place)
            }
            None => line(
                "publication",
                "where it is published not said".into(),
                None,
                "",
            ),
        }
        let names: Vec<String> = self.reviews.iter().map(|r| r.value.name.clone()).collect();
        line(
            "case reviews",
            if names.is_empty() {
                "none named".into()
            } else {
                names.join(", ")
            },
            None,
            "",
        );
        out
    }
}
