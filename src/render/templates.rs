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

/// Whether the template `name` of `env` is the default theme's, as it is
/// (a site's copy that differs in as much as a comment is its own).
pub fn is_built_in(env: &Environment, name: &str) -> bool {
    let built_in = TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source);
    env.get_template(name)
        .is_ok_and(|template| Some(template.source()) == built_in)
}

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
            write_escaped(out, text).map_err(Into::into)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Appends `text` to `out` as [`html_formatter`] writes a string that is
/// not marked safe.
pub(crate) fn escape_html_into(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = write_escaped(out, text);
}

/// Writes `text` with [`escapes`] applied: runs without any are written as
/// they are.
fn write_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    if !needs_escaping(text) {
        return out.write_str(text);
    }
    let mut start = 0;
    for (at, len, entity) in escapes(text) {
        out.write_str(&text[start..at])?;
        out.write_str(entity)?;
        start = at + len;
    }
    out.write_str(&text[start..])
}

/// What [`html_formatter`] writes instead of each ASCII character: itself
/// (`None`), an entity, or nothing (a control character the HTML parser
/// rejects).
const ASCII_ESCAPES: [Option<&str>; 128] = {
    let mut table = [None; 128];
    let mut b = 0;
    while b < 128 {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r') || b == 0x7f {
            table[b as usize] = Some("");
        }
        b += 1;
    }
    table[b'&' as usize] = Some("&amp;");
    table[b'<' as usize] = Some("&lt;");
    table[b'>' as usize] = Some("&gt;");
    table[b'"' as usize] = Some("&quot;");
    table[b'\'' as usize] = Some("&#39;");
    table
};

/// Whether `text` has a character that [`escapes`] replaces or leaves
/// out (or may have: a byte that starts a parse-error character).
fn needs_escaping(text: &str) -> bool {
    crate::bytescan::any(text.as_bytes(), |b| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || super::tidy::may_start_parse_error(b)
    })
}

/// The characters of `text` to write otherwise, as (position, length in
/// bytes, replacement). ASCII goes by a table; a character the HTML parser
/// rejects is left out.
fn escapes(text: &str) -> impl Iterator<Item = (usize, usize, &'static str)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let here = at;
            let b = bytes[here];
            if b < 0x80 {
                at += 1;
                if let Some(entity) = ASCII_ESCAPES[usize::from(b)] {
                    return Some((here, 1, entity));
                }
            } else {
                let c = text[here..].chars().next().unwrap_or_default();
                at += c.len_utf8();
                if super::tidy::is_parse_error_char(c) {
                    return Some((here, c.len_utf8(), ""));
                }
            }
        }
        None
    })
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
    fn the_table_escapes_what_the_rule_for_each_character_says() {
        let every: String = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        let mut by_rule = String::new();
        for c in every.chars() {
            match c {
                '&' => by_rule.push_str("&amp;"),
                '<' => by_rule.push_str("&lt;"),
                '>' => by_rule.push_str("&gt;"),
                '"' => by_rule.push_str("&quot;"),
                '\'' => by_rule.push_str("&#39;"),
                c if super::super::tidy::is_parse_error_char(c) => {}
                c => by_rule.push(c),
            }
        }
        let mut by_table = String::new();
        let mut start = 0;
        for (at, len, entity) in super::escapes(&every) {
            by_table.push_str(&every[start..at]);
            by_table.push_str(entity);
            start = at + len;
        }
        by_table.push_str(&every[start..]);
        assert!(by_table == by_rule);
    }

    #[test]
    fn a_text_is_written_as_it_is_only_when_nothing_in_it_is_escaped() {
        let planes = (0..=0x10u32).flat_map(|plane| [plane << 16 | 0xFFFE, plane << 16 | 0xFFFF]);
        for c in (0..0x3_0000u32).chain(planes).filter_map(char::from_u32) {
            let text = format!("{}{c}{}", "Straat ".repeat(3), "é".repeat(5));
            let changed = super::escapes(&text).next().is_some();
            assert!(!changed || super::needs_escaping(&text), "{c:?}");
        }
        assert!(!super::needs_escaping("Werk aan de Ĳsselstraat, één week"));
    }

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
