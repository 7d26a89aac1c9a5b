//! Prints the findings of `check`: like a compiler (`file:line:
//! warning[code]: message` with `= zie ook:` and `= tip:` lines), or as the spec's JSON
//! array; and the summary per wijk.

use crate::build::{CheckReport, Scheduled};
use crate::error::Diagnostic;

/// Every finding as text, one block per finding, blank lines between.
pub fn text(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every finding as one JSON array: `severity`, `code`, `file` (relative
/// to the root), `line` (where known), `message`, and `notes`.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".into())
}

/// The "gepland" list: one line per contribution that appears later, with
/// its day; empty when there are none. Not a finding: it only says when.
pub fn scheduled(list: &[Scheduled]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from("Gepland (nog niet op de site):\n");
    for s in list {
        out.push_str(&format!(
            "  vanaf {}: {} (\"{}\")\n",
            crate::render::dates::long_date(s.day, crate::config::Language::Nl),
            s.file,
            s.title
        ));
    }
    out.push('\n');
    out
}

/// One line per wijk, then the totals.
pub fn summary(report: &CheckReport) -> String {
    let mut out = String::new();
    for wijk in &report.summaries {
        out.push_str(&crate::linesafe::visible(&wijk.to_string()));
        out.push('\n');
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    out.push_str(&format!(
        "{} gecontroleerd, {}, {}\n",
        counted(report.summaries.len(), "wijk", "wijken"),
        counted(errors, "fout", "fouten"),
        counted(warnings, "waarschuwing", "waarschuwingen"),
    ));
    out
}

/// `n` with the singular or plural word: `1 fout`, `3 fouten`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;

    fn findings() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning("jargon", "content/a/x.md", Some(7), "\"WUP\" is vaktaal")
                .note("schrijf: het plan voor de wijk"),
            Diagnostic::error("invalid-toml", "content/a/y.md", None, "fout"),
        ]
    }

    #[test]
    fn prints_text_like_a_compiler() {
        assert_eq!(
            text(&findings()),
            "content/a/x.md:7: warning[jargon]: \"WUP\" is vaktaal\n  = schrijf: het plan voor de wijk\n\ncontent/a/y.md: error[invalid-toml]: fout\n"
        );
    }

    #[test]
    fn prints_the_specs_json() {
        let value: serde_json::Value = serde_json::from_str(&json(&findings())).unwrap();
        assert_eq!(value[0]["severity"], "warning");
        assert_eq!(value[0]["code"], "jargon");
        assert_eq!(value[0]["file"], "content/a/x.md");
        assert_eq!(value[0]["line"], 7);
        assert_eq!(value[0]["message"], "\"WUP\" is vaktaal");
        assert_eq!(value[0]["notes"][0], "schrijf: het plan voor de wijk");
        assert!(value[1].get("line").is_none());
        assert_eq!(value[1]["severity"], "error");
    }

    #[test]
    fn sums_up_the_findings() {
        let report = CheckReport {
            diagnostics: findings(),
            ..CheckReport::default()
        };
        assert_eq!(
            summary(&report),
            "0 wijken gecontroleerd, 1 fout, 1 waarschuwing\n"
        );
    }

    #[test]
    fn lists_what_appears_when() {
        let list = vec![Scheduled {
            day: jiff::civil::date(2027, 2, 1),
            file: "content/a/x.md".into(),
            title: "Nieuws".into(),
        }];
        assert_eq!(
            scheduled(&list),
            "Gepland (nog niet op de site):\n  vanaf maandag 1 februari 2027: content/a/x.md (\"Nieuws\")\n\n"
        );
        assert_eq!(scheduled(&[]), "");
    }
}
