//! Renamed pages: each alias (an earlier address of a contribution) gets a
//! redirect page and a line in `/_redirects`, so links and bookmarks to the
//! old address keep working. An alias that is a real page or another alias
//! is an error (`alias-collision`).

use std::collections::BTreeMap;

use super::index::{Produced, SiteIndex};
use crate::config::{Config, Language};
use crate::error::{BuildError, Diagnostic};
use crate::model::{Contribution, Wijk};
use crate::output::Sink;
use crate::render::markdown::escape;

/// The root file with every redirect, in the format of Netlify and Cloudflare Pages.
pub const REDIRECTS: &str = "_redirects";

/// One alias: where it was written, and the page it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old address, site-absolute without the base path (`/w/oud/`).
    pub from: String,
    /// The page's address, site-absolute without the base path.
    pub to: String,
    pub file: String,
    pub line: usize,
}

/// The aliases of a wijk's contributions, with an error for each that is a
/// page the build makes or that another alias of the wijk already took.
pub fn of_wijk(wijk: &Wijk, index: &SiteIndex) -> (Vec<Alias>, Vec<Diagnostic>) {
    let produced = Produced::of(wijk);
    let mut aliases: Vec<Alias> = Vec::new();
    let mut diagnostics = Vec::new();
    for c in &wijk.contributions {
        for from in &c.aliases {
            let alias = Alias {
                from: from.clone(),
                to: format!("/{}/{}/", wijk.slug, c.slug),
                file: c.source.file.clone(),
                line: c.line_of("aliases"),
            };
            if produced.contains(index, from) {
                diagnostics.push(collision(&alias, "een pagina die de site zelf maakt"));
            } else if let Some(other) = aliases.iter().find(|a| a.from == *from) {
                diagnostics.push(collision(
                    &alias,
                    &format!("ook een oud adres in {}", other.file),
                ));
            } else {
                aliases.push(alias);
            }
        }
    }
    (aliases, diagnostics)
}

/// Aliases that two wijken both claim (each wijk is checked on its own first).
pub fn across_wijken(all: &[Alias]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Alias> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for alias in all {
        match first.get(alias.from.as_str()) {
            Some(other) if other.file != alias.file => diagnostics.push(collision(
                alias,
                &format!("ook een oud adres in {}", other.file),
            )),
            _ => {
                first.entry(&alias.from).or_insert(alias);
            }
        }
    }
    diagnostics
}

fn collision(alias: &Alias, what: &str) -> Diagnostic {
    Diagnostic::error(
        "alias-collision",
        &alias.file,
        Some(alias.line),
        format!("het oude adres {} in aliases is {what}", alias.from),
    )
    .note("haal het uit aliases: een adres kan maar naar één pagina leiden")
}

/// Writes a redirect page for each alias of the contributions residents see.
pub fn write_pages(
    aliases: &[Alias],
    shown: &[&Contribution],
    config: &Config,
    sink: &dyn Sink,
) -> Result<Vec<Alias>, BuildError> {
    let shown_files: Vec<&str> = shown.iter().map(|c| c.source.file.as_str()).collect();
    let title: BTreeMap<&str, &str> = shown
        .iter()
        .map(|c| (c.source.file.as_str(), c.title.as_str()))
        .collect();
    let mut written = Vec::new();
    for alias in aliases
        .iter()
        .filter(|a| shown_files.contains(&a.file.as_str()))
    {
        let path = alias.from.trim_start_matches('/');
        let file = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        let page = redirect_page(config, &alias.to, title[alias.file.as_str()]);
        sink.put(&file, page.as_bytes())?;
        written.push(alias.clone());
    }
    Ok(written)
}

/// A page that sends the browser on at once, for people and search engines.
fn redirect_page(config: &Config, to: &str, title: &str) -> String {
    let path = escape(&config.path(to));
    let url = escape(&config.url(to));
    let title = escape(title);
    let (lang, heading, text) = match config.language {
        Language::Nl => ("nl", "Deze pagina is verhuisd", "U vindt haar nu hier:"),
        Language::En => ("en", "This page has moved", "You can find it here:"),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{heading}: {title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{url}\">\n<meta http-equiv=\"refresh\" content=\"0; url={path}\">\n</head>\n<body>\n<main>\n<h1>{heading}</h1>\n<p>{text} <a href=\"{path}\">{title}</a></p>\n</main>\n</body>\n</html>\n"
    )
}

/// `/_redirects`: `/old /new 301`, one line per alias, with the base path.
pub fn redirects_file(aliases: &[Alias], config: &Config) -> String {
    let mut lines: Vec<String> = aliases
        .iter()
        .map(|a| {
            format!(
                "{} {} 301\n",
                crate::linesafe::line_value(&config.path(&a.from)),
                crate::linesafe::line_value(&config.path(&a.to))
            )
        })
        .collect();
    lines.sort();
    lines.concat()
}
