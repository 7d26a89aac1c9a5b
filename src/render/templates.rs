//! The template environment: the default theme embedded in the binary, with
//! a site's `themes/<theme>/templates/X.html` taking the place of X.

use std::path::{Path, PathBuf};

use minijinja::Environment;

use crate::config::Config;
use crate::error::{Diagnostic, display_path};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates.
pub const TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "macros.html",
    "index.html",
    "wijk.html",
    "tijdlijn.html",
    "agenda.html",
    "straten.html",
    "straat.html",
    "contact.html",
    "project.html",
    "contribution.html",
    "404.html",
];

/// The default theme's static files, copied to the output root.
pub const STATIC: &[(&str, &[u8])] = &[(
    "assets/wijkverhaal.css",
    include_bytes!("../../themes/default/static/assets/wijkverhaal.css"),
)];

/// A theme folder of the site, if it has one.
pub fn theme_dir(root: &Path, config: &Config) -> PathBuf {
    root.join("themes").join(&config.theme)
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
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    let mut diagnostics = Vec::new();
    let theme = theme_dir(root, config).join("templates");
    if config.theme != "default" && !theme.is_dir() {
        let message = format!("the theme `{}` has no templates folder", config.theme);
        let hint = format!(
            "create {} or write `theme = \"default\"` in site.toml",
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
            match std::fs::read_to_string(&path) {
                Ok(source) => {
                    overrides.insert(name, (display_path(root, &path), source));
                }
                Err(e) => diagnostics.push(Diagnostic::error(
                    "unreadable-file",
                    display_path(root, &path),
                    None,
                    format!("cannot read this template: {e}"),
                )),
            }
        }
    }
    for (name, source) in TEMPLATES {
        if !overrides.contains_key(*name)
            && let Err(e) = env.add_template(name, source)
        {
            diagnostics.push(Diagnostic::error(
                "template",
                format!("(built-in) {name}"),
                e.line(),
                e.to_string(),
            ));
        }
    }
    for (name, (file, source)) in overrides {
        if let Err(e) = env.add_template_owned(name, source) {
            let message = e
                .detail()
                .unwrap_or("the template has a syntax error")
                .to_string();
            diagnostics.push(
                Diagnostic::error("template", file, e.line(), message)
                    .note("see https://docs.rs/minijinja for the template syntax"),
            );
        }
    }
    if diagnostics.is_empty() {
        Ok(env)
    } else {
        Err(diagnostics)
    }
}
