//! Rendering: turns merged wijken into pages, feeds and data files, and
//! hands each file to a `Sink` as soon as it is made.

pub mod dates;
pub mod glossary;
pub mod item_value;
pub mod markdown;
pub mod pages;
pub mod raw_tags;
pub mod strings;
pub mod templates;
pub mod tidy;
pub mod timeline;
pub mod views;

use std::path::Path;

use minijinja::Environment;
use serde::Serialize;

use crate::config::Config;
use crate::error::{BuildError, Diagnostic};
use crate::publishing::assets::Assets;

/// Paths inside a wijk that the site itself uses; no contribution may take them.
pub const RESERVED_IN_WIJK: &[&str] = &[
    "tijdlijn",
    "agenda",
    "straten",
    "contact",
    "project",
    crate::attach::FOLDER,
    "werk.geojson",
];

/// Names at the output root that no wijk folder may take.
pub const RESERVED_ROOT: &[&str] = &[
    "assets",
    "_redactie",
    "toegankelijkheid",
    "privacy",
    ".well-known",
    "_headers",
    "_redirects",
    "straten",
];

/// What rendering needs besides the content: settings, templates, today.
pub struct Renderer {
    pub config: Config,
    pub env: Environment<'static>,
    /// The day the build is for: what is "now" and what is "upcoming".
    pub today: jiff::civil::Date,
    /// Preview mode (`serve`): drafts carry a banner.
    pub preview: bool,
    /// The theme's assets as published (hashed names outside the preview).
    pub assets: Assets,
}

impl Renderer {
    pub fn new(
        root: &Path,
        config: Config,
        today: jiff::civil::Date,
        preview: bool,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let (_, static_errors) = templates::static_files(root, &config);
        let env = match templates::environment(root, &config) {
            Ok(env) if static_errors.is_empty() => env,
            Ok(_) => return Err(static_errors),
            Err(mut errors) => {
                errors.extend(static_errors);
                return Err(errors);
            }
        };
        let assets = Assets::collect(root, &config, preview)?;
        Ok(Renderer {
            config,
            env,
            today,
            preview,
            assets,
        })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, BuildError> {
        self.template(name)?
            .render(context)
            .map_err(|e| template_error(name, &e))
    }

    /// Renders template `name` with `context` at the end of `out` (a buffer
    /// kept from page to page, so a page's bytes are not grown and copied).
    pub fn render_to(
        &self,
        name: &str,
        context: impl Serialize,
        out: &mut Vec<u8>,
    ) -> Result<(), BuildError> {
        self.template(name)?
            .render_captured_to(context, out)
            .map(|_| ())
            .map_err(|e| template_error(name, &e))
    }

    fn template(&self, name: &str) -> Result<minijinja::Template<'_, '_>, BuildError> {
        self.env.get_template(name).map_err(|e| {
            BuildError::Template(format!(
                "de template {name} ontbreekt of klopt niet (technisch: {e})"
            ))
        })
    }
}

/// A template's error with its causes, for the message of a build error.
fn template_error(name: &str, e: &minijinja::Error) -> BuildError {
    let mut message = format!("de template {name} geeft een fout (technisch: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    message.push(')');
    BuildError::Template(message)
}
