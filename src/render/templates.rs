//! The template environment: the default theme embedded in the binary, with
//! a site's `themes/<theme>/templates/X.html` taking the place of X.

use std::path::{Path, PathBuf};

use minijinja::Environment;

use crate::config::Config;
use crate::error::{Diagnostic, display_path};
use crate::sitefs;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates.
pub const TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "header.html",
    "aside.html",
    "footer.html",
    "macros.html",
    "index.html",
    "wijk.html",
    "tijdlijn.html",
    "agenda.html",
    "straten.html",
    "straat.html",
    "alle-straten.html",
    "contact.html",
    "project.html",
    "contribution.html",
    "404.html",
    "toegankelijkheid.html",
    "privacy.html",
    "brief.html",
];

/// The default theme's static files, copied to the output root.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "assets/wijkverhaal.css",
        include_bytes!("../../themes/default/static/assets/wijkverhaal.css"),
    ),
    (
        "assets/brief.css",
        include_bytes!("../../themes/default/static/assets/brief.css"),
    ),
    (
        "assets/straten.js",
        include_bytes!("../../themes/default/static/assets/straten.js"),
    ),
];

/// Escapes text for HTML with the five characters that need it, so URLs
/// keep their `/` readable (minijinja's default also escapes `/`).
pub(crate) fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            let mut start = 0;
            for (at, c) in text.char_indices() {
                let entity = match c {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    // A character the HTML parser rejects is left out.
                    c if super::tidy::is_parse_error_char(c) => "",
                    _ => continue,
                };
                out.write_str(&text[start..at])?;
                out.write_str(entity)?;
                start = at + c.len_utf8();
            }
            out.write_str(&text[start..])?;
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A theme folder of the site, if it has one.
pub fn theme_dir(root: &Path, config: &Config) -> PathBuf {
    root.join("themes").join(&config.theme)
}

/// The site's own static files of the theme, as (output path, path to read),
/// with an `outside-site` error for every link that leads out of the site.
pub fn static_files(root: &Path, config: &Config) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let folder = theme_dir(root, config).join("static");
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    if !folder.exists() {
        return (files, diagnostics);
    }
    for found in sitefs::walk_files(root, &folder, crate::content::is_ignored) {
        match found {
            Ok(file) => files.push((display_path(&folder, &file.path), file.path)),
            Err((path, e)) => diagnostics.push(e.diagnostic(root, &path, "dit bestand")),
        }
    }
    (files, diagnostics)
}

/// Builds the environment: embedded templates, then the site's overrides.
pub fn environment(root: &Path, config: &Config) -> Result<Environment<'static>, Vec<Diagnostic>> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    let mut diagnostics = Vec::new();
    let theme = theme_dir(root, config).join("templates");
    if let Err(e @ sitefs::ReadError::Outside { .. }) = sitefs::resolve(root, &theme) {
        return Err(vec![e.diagnostic(root, &theme, "deze map")]);
    }
    if config.theme != "default" && !theme.is_dir() {
        let message = format!(
            "bij het thema \"{}\" hoort een map templates, maar die is er niet",
            config.theme
        );
        let hint = format!(
            "maak de map {}, of schrijf theme = \"default\" in site.toml",
            display_path(root, &theme)
        );
        return Err(vec![
            Diagnostic::error("unknown-theme", crate::config::FILE, None, message).note(hint),
        ]);
    }
    let mut overrides = std::collections::BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(&theme) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".html") || crate::content::is_ignored(&name) {
                continue;
            }
            match sitefs::read_to_string(root, &path) {
                Ok(source) => {
                    overrides.insert(name, (display_path(root, &path), source));
                }
                Err(e) => diagnostics.push(e.diagnostic(root, &path, "deze template")),
            }
        }
    }
    for (name, source) in TEMPLATES {
        if !overrides.contains_key(*name)
            && let Err(e) = env.add_template(name, source)
        {
            diagnostics.push(Diagnostic::error(
                "template",
                format!("(ingebouwd) {name}"),
                e.line(),
                format!("de ingebouwde template heeft een fout (technisch: {e})"),
            ));
        }
    }
    for (name, (file, source)) in overrides {
        if let Err(e) = env.add_template_owned(name, source) {
            let message = match e.detail() {
                Some(detail) => format!("de template klopt niet (technisch: {detail})"),
                None => "de template klopt niet".to_string(),
            };
            diagnostics.push(Diagnostic::error("template", file, e.line(), message).note(
                "kijk de regel na; hoe een template werkt staat op https://docs.rs/minijinja",
            ));
        }
    }
    if diagnostics.is_empty() {
        Ok(env)
    } else {
        Err(diagnostics)
    }
}

#[cfg(test)]
mod formatter_tests {
    #[test]
    fn escapes_the_five_html_characters_and_keeps_slashes() {
        let mut env = minijinja::Environment::new();
        env.set_formatter(super::html_formatter);
        env.add_template("t.html", "<a href=\"{{ url }}\">{{ text }}</a>{{ safe }}")
            .unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! {
                url => "/wijken/a b/?x=1&y=2",
                text => "<script>'\"",
                safe => minijinja::Value::from_safe_string("<b>/</b>".into()),
            })
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"/wijken/a b/?x=1&amp;y=2\">&lt;script&gt;&#39;&quot;</a><b>/</b>"
        );
    }

    #[test]
    fn leaves_out_characters_the_html_parser_rejects() {
        let mut env = minijinja::Environment::new();
        env.set_formatter(super::html_formatter);
        env.add_template("t.html", "{{ text }}").unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { text => "a\u{1}b\u{85}c\u{fdd0}d<" })
            .unwrap();
        assert_eq!(html, "abcd&lt;");
    }
}
