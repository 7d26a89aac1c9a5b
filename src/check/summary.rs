//! The summary at the end of `check`: per wijk, how many findings of each
//! kind (`Oude Haven: 1 kans om werk te combineren, 1 botsing in de agenda`).

use std::fmt;

use crate::error::Diagnostic;
use crate::model::Wijk;

/// Every warning code with its name in a summary, singular and plural.
pub const CODES: &[(&str, &str, &str)] = &[
    (
        "coupling-opportunity",
        "kans om werk te combineren",
        "kansen om werk te combineren",
    ),
    (
        "event-clash",
        "botsing in de agenda",
        "botsingen in de agenda",
    ),
    ("second-contact", "tweede contact", "tweede contacten"),
    ("jargon", "moeilijk woord", "moeilijke woorden"),
    ("long-sentence", "lange zin", "lange zinnen"),
    (
        "stale",
        "werk zonder nieuws na het einde",
        "werken zonder nieuws na het einde",
    ),
    ("unused-file", "ongebruikt bestand", "ongebruikte bestanden"),
    ("office-file", "Office-bestand", "Office-bestanden"),
    ("large-file", "groot bestand", "grote bestanden"),
    ("unknown-path", "onbekend adres", "onbekende adressen"),
    ("dead-link", "kapotte link", "kapotte links"),
    ("long-letter", "te lange brief", "te lange brieven"),
    (
        "scheduled-link",
        "link naar een latere pagina",
        "links naar latere pagina's",
    ),
];

/// The findings of one wijk, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WijkSummary {
    pub slug: String,
    pub name: String,
    pub errors: usize,
    /// Warnings per code, in the order of [`CODES`]; other codes last.
    pub warnings: Vec<(&'static str, usize)>,
}

impl WijkSummary {
    /// Counts the findings of one wijk (those of its own files).
    pub fn of(wijk: &Wijk, diagnostics: &[Diagnostic]) -> WijkSummary {
        let mut summary = WijkSummary {
            slug: wijk.slug.clone(),
            name: wijk.name.clone(),
            errors: 0,
            warnings: Vec::new(),
        };
        summary.add(diagnostics);
        summary
    }

    /// Counts more findings, those of this wijk's own files among them.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        let prefix = format!("content/{}/", self.slug);
        let own = diagnostics.iter().filter(|d| d.file.starts_with(&prefix));
        for d in own {
            if d.is_error() {
                self.errors += 1;
                continue;
            }
            match self.warnings.iter_mut().find(|(code, _)| *code == d.code) {
                Some((_, n)) => *n += 1,
                None => self.warnings.push((d.code, 1)),
            }
        }
        self.warnings.sort_by_key(|(code, _)| {
            CODES
                .iter()
                .position(|(c, ..)| c == code)
                .unwrap_or(CODES.len())
        });
    }
}

fn counted(n: usize, code: &str) -> String {
    let (one, many) = CODES
        .iter()
        .find(|(c, ..)| *c == code)
        .map_or((code, code), |(_, one, many)| (*one, *many));
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for WijkSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(format!(
                "{} {}",
                self.errors,
                if self.errors == 1 { "fout" } else { "fouten" }
            ));
        }
        parts.extend(self.warnings.iter().map(|(code, n)| counted(*n, code)));
        if parts.is_empty() {
            write!(f, "{}: niets te melden", self.name)
        } else {
            write!(f, "{}: {}", self.name, parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_counts_in_the_singular_and_plural() {
        let summary = WijkSummary {
            slug: "lindenhof".into(),
            name: "Lindenhof".into(),
            errors: 1,
            warnings: vec![("coupling-opportunity", 2), ("event-clash", 1)],
        };
        assert_eq!(
            summary.to_string(),
            "Lindenhof: 1 fout, 2 kansen om werk te combineren, 1 botsing in de agenda"
        );
        let quiet = WijkSummary {
            errors: 0,
            warnings: Vec::new(),
            ..summary
        };
        assert_eq!(quiet.to_string(), "Lindenhof: niets te melden");
    }
}
