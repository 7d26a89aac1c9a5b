//! The preview's own pages: the error page that open tabs show while the
//! site has errors, and the editors' page at `/_redactie/` (drafts and
//! findings per wijk). Neither ever reaches `build` output.

use minijinja::Environment;
use serde::Serialize;

use super::state::Preview;
use crate::content::FOLDER;
use crate::error::Diagnostic;
use crate::slug::slugify;

/// Where the editors' page is served.
pub const EDITORS_PATH: &str = "/_redactie/";

const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("templates/layout.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("fouten.html", include_str!("templates/fouten.html")),
    ("redactie.html", include_str!("templates/redactie.html")),
];

/// The templates of the preview's own pages.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    // Escape as the site's pages do: `/` stays, paths stay readable.
    env.set_formatter(crate::render::templates::html_formatter);
    for (name, source) in TEMPLATES {
        // Built-in templates are tested (see below); a broken one only
        // makes its page fall back to plain text.
        let _ = env.add_template(name, source);
    }
    env
}

/// One finding as the pages show it.
#[derive(Debug, Serialize)]
struct Finding<'a> {
    error: bool,
    label: &'static str,
    file: &'a str,
    line: Option<usize>,
    /// The message as a sentence: with a capital letter, as the page shows it.
    message: String,
    notes: Vec<Note<'a>>,
    url: Option<String>,
}

/// A note as the pages show it: `Tip: ...` or `Zie ook: ...`.
#[derive(Debug, Serialize)]
struct Note<'a> {
    label: &'static str,
    text: &'a str,
}

impl<'a> Note<'a> {
    /// The `check` notes start with `tip: ` or `zie ook: `; the notes of
    /// the other findings all say what to write, so they are tips.
    fn new(note: &'a str) -> Note<'a> {
        if let Some(text) = note.strip_prefix("zie ook: ") {
            return Note {
                label: "Zie ook",
                text,
            };
        }
        Note {
            label: "Tip",
            text: note.strip_prefix("tip: ").unwrap_or(note),
        }
    }
}

impl<'a> Finding<'a> {
    fn new(d: &'a Diagnostic, page_of: &impl Fn(&str) -> Option<String>) -> Finding<'a> {
        Finding {
            error: d.is_error(),
            label: label(d),
            file: &d.file,
            line: d.line,
            message: sentence(&d.message),
            notes: d.notes.iter().map(|n| Note::new(n)).collect(),
            url: page_of(&d.file),
        }
    }
}

/// `text` with its first letter in upper case: a message reads as a
/// sentence on a page (in the terminal it follows `error[code]: `).
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a finding is about, in a few plain words.
fn label(d: &Diagnostic) -> &'static str {
    match d.code {
        _ if d.is_error() => "Fout",
        "coupling-opportunity" => "Kans om werk te combineren",
        "event-clash" => "Afspraken botsen",
        "second-contact" => "Tweede contact",
        "jargon" => "Moeilijk woord",
        "long-sentence" => "Lange zin",
        _ => "Let op",
    }
}

/// The error page: every error with its file and line.
pub fn errors_page(
    env: &Environment,
    errors: &[Diagnostic],
    page_of: impl Fn(&str) -> Option<String>,
) -> String {
    let findings: Vec<Finding> = errors.iter().map(|d| Finding::new(d, &page_of)).collect();
    render(
        env,
        "fouten.html",
        minijinja::context! { errors => findings },
        || errors.iter().map(|d| format!("{d}\n")).collect(),
    )
}

/// A contribution in one of the editors' lists, with its page in the
/// preview and, for scheduled ones, the day it appears.
#[derive(Debug, Serialize)]
struct Draft {
    title: String,
    department: String,
    file: String,
    url: String,
    day: Option<String>,
}

impl Draft {
    fn new(wijk: &str, c: &crate::model::Contribution, day: Option<String>) -> Draft {
        Draft {
            title: c.title.clone(),
            department: c.department.clone(),
            file: c.source.file.clone(),
            url: format!("/{wijk}/{}/", c.slug),
            day,
        }
    }
}

#[derive(Debug, Serialize)]
struct WijkSection<'a> {
    slug: String,
    name: String,
    url: Option<String>,
    drafts: Vec<Draft>,
    /// Contributions with a `publish` day still to come, by day.
    scheduled: Vec<Draft>,
    /// Works whose end has passed without a word (`stale`).
    stale: Vec<Finding<'a>>,
    /// Works with `status = "geannuleerd"`.
    cancelled: Vec<Draft>,
    findings: Vec<Finding<'a>>,
}

/// The editors' page: errors first, then per wijk its drafts and findings.
/// `extra` are findings from outside the build (the `check` command).
pub fn editors_page(env: &Environment, preview: &Preview, extra: &[Diagnostic]) -> String {
    let mut diagnostics = preview.diagnostics();
    diagnostics.extend(extra.iter().cloned());
    crate::error::sort(&mut diagnostics);
    let page_of = |file: &str| preview.page_of(file);
    let site = preview.site();
    let mut wijken: Vec<WijkSection> = site
        .iter()
        .flat_map(|s| &s.wijken)
        .map(|w| WijkSection {
            slug: w.slug.clone(),
            name: w.name.clone(),
            url: Some(format!("/{}/", w.slug)),
            drafts: w
                .contributions
                .iter()
                .filter(|c| c.draft)
                .map(|c| Draft::new(&w.slug, c, None))
                .collect(),
            scheduled: scheduled(w, preview.today()),
            stale: Vec::new(),
            cancelled: w
                .contributions
                .iter()
                .filter(|c| c.status == Some(crate::model::Status::Geannuleerd))
                .map(|c| Draft::new(&w.slug, c, None))
                .collect(),
            findings: Vec::new(),
        })
        .collect();
    let mut errors = Vec::new();
    let mut general = Vec::new();
    for d in &diagnostics {
        let finding = Finding::new(d, &page_of);
        if d.is_error() {
            errors.push(finding);
            continue;
        }
        let slug = wijk_of(&d.file);
        match wijken.iter_mut().find(|w| Some(&w.slug) == slug.as_ref()) {
            Some(section) if d.code == "stale" => section.stale.push(finding),
            Some(section) => section.findings.push(finding),
            None => general.push(finding),
        }
    }
    let title = site.as_ref().map_or("", |s| s.config.title.as_str());
    let context = minijinja::context! {
        site_title => title, errors => errors, general => general, wijken => wijken,
    };
    render(env, "redactie.html", context, || {
        diagnostics.iter().map(|d| format!("{d}\n")).collect()
    })
}

/// The wijk's contributions that appear after `today`, by day.
fn scheduled(wijk: &crate::model::Wijk, today: Option<jiff::civil::Date>) -> Vec<Draft> {
    let Some(today) = today else {
        return Vec::new();
    };
    let mut list: Vec<(jiff::civil::Date, Draft)> = wijk
        .contributions
        .iter()
        .filter_map(|c| {
            let day = c.publish.filter(|day| *day > today)?;
            let shown = crate::render::dates::long_date(day, crate::config::Language::Nl);
            Some((day, Draft::new(&wijk.slug, c, Some(shown))))
        })
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.file.cmp(&b.1.file)));
    list.into_iter().map(|(_, d)| d).collect()
}

/// The wijk a file under `content/` belongs to, by its folder.
fn wijk_of(file: &str) -> Option<String> {
    let rest = file.strip_prefix(FOLDER)?.strip_prefix('/')?;
    let (folder, _) = rest.split_once('/')?;
    Some(slugify(folder))
}

fn render(
    env: &Environment,
    name: &str,
    context: minijinja::Value,
    plain: impl FnOnce() -> String,
) -> String {
    env.get_template(name)
        .and_then(|t| t.render(context))
        .unwrap_or_else(|e| {
            format!(
                "<pre>{e}\n{}</pre>",
                crate::render::markdown::escape(&plain())
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_page_names_file_line_and_tip() {
        let env = environment();
        let errors = vec![
            Diagnostic::error(
                "unknown-street",
                "content/lindenhof/riool.md",
                Some(4),
                "de straat \"Bloemstraaat\" hoort niet bij de wijk Lindenhof",
            )
            .note("bedoelt u \"Bloemstraat\"?"),
        ];
        let html = errors_page(&env, &errors, |_| Some("/lindenhof/riool/".into()));
        assert!(
            html.contains("content/lindenhof/riool.md, regel 4"),
            "{html}"
        );
        assert!(
            html.contains(
                "<p>De straat &quot;Bloemstraaat&quot; hoort niet bij de wijk Lindenhof</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("Tip: bedoelt u &quot;Bloemstraat&quot;?"),
            "{html}"
        );
        assert!(html.contains("Er staat een fout"));
        assert!(html.contains("href=\"/lindenhof/riool/\""));
        assert!(!html.contains("<pre>"), "the template failed: {html}");
        let html = errors_page(
            &env,
            &[Diagnostic::error("x", "a.md", None, "<b>&\"")],
            |_| None,
        );
        assert!(html.contains("&lt;b&gt;&amp;&quot;"), "{html}");
    }

    #[test]
    fn check_notes_keep_their_label_once() {
        let env = environment();
        let finding = Diagnostic::warning(
            "event-clash",
            "content/w/a.md",
            Some(6),
            "twee bijeenkomsten",
        )
        .note("zie ook: de andere bijeenkomst, in content/w/b.md (regel 6)")
        .note("tip: zet een van de twee op een andere dag");
        let html = errors_page(&env, &[finding], |_| None);
        assert!(
            html.contains("Zie ook: de andere bijeenkomst, in content/w/b.md (regel 6)"),
            "{html}"
        );
        assert!(
            html.contains("Tip: zet een van de twee op een andere dag"),
            "{html}"
        );
        assert!(
            !html.contains("Tip: tip:") && !html.contains("Tip: zie ook"),
            "{html}"
        );
    }

    #[test]
    fn findings_belong_to_the_wijk_of_their_folder() {
        assert_eq!(
            wijk_of("content/Oude Haven/groen/x.md").as_deref(),
            Some("oude-haven")
        );
        assert_eq!(wijk_of("site.toml"), None);
        assert_eq!(wijk_of("content/los.md"), None);
    }
}
