//! The pipeline: load → validate → merge → render → write. `build` reads
//! like it; `load_site` is shared with `check` and `serve`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{self, BuildError, Diagnostic};
use crate::model::Site;
use crate::output::{Sink, Staging};
use crate::render::Renderer;
use crate::render::pages::{Frame, render_root, render_wijk};
use crate::{content, merge, validate};

/// What `build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The day the site is built for; defaults to today in the site's zone.
    pub today: Option<jiff::civil::Date>,
    /// Build only these wijken (by slug); empty means all.
    pub only: Vec<String>,
    /// Preview mode: draft banners (the server sets it).
    pub preview: bool,
}

/// What a finished build reports.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub wijken: usize,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub output: PathBuf,
}

/// Reads `site.toml`, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config.set_base_url(url).map_err(|hint| {
            vec![
                Diagnostic::error(
                    "invalid-base-url",
                    "",
                    None,
                    format!("--base-url `{url}` is not a web address"),
                )
                .note(hint),
            ]
        })?;
    }
    Ok(config)
}

/// Loads and validates the content. The site holds whatever parsed, so
/// `check` can still look at the rest when some files are broken.
pub fn load_site(root: &Path, config: Config) -> (Site, Vec<Diagnostic>) {
    let (mut wijken, mut diagnostics) = content::load(root, &config);
    diagnostics.extend(validate::validate(&mut wijken));
    error::sort(&mut diagnostics);
    (Site { config, wijken }, diagnostics)
}

/// The day "now" is for a site: the given day or today in its time zone.
pub fn today(config: &Config, given: Option<jiff::civil::Date>) -> jiff::civil::Date {
    given.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned_datetime(config.timezone.clone())
            .date()
    })
}

/// Builds the site into the output folder, or changes nothing and reports
/// every error.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let root = &options.root;
    let config = load_config(root, options.base_url.as_deref()).map_err(BuildError::Input)?;
    let (site, diagnostics) = load_site(root, config);
    unknown_wijken(&site, &options.only).map_err(BuildError::Input)?;
    if error::has_errors(&diagnostics) {
        return Err(BuildError::Input(diagnostics));
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let staging = Staging::new(&output)?;
    let report = render_site(root, &site, options, &staging)?;
    staging.commit()?;
    Ok(BuildReport {
        warnings: diagnostics,
        output,
        ..report
    })
}

/// Renders a loaded site into any sink.
pub fn render_site(
    root: &Path,
    site: &Site,
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<BuildReport, BuildError> {
    let today = today(&site.config, options.today);
    let renderer = Renderer::new(root, site.config.clone(), today, options.preview)
        .map_err(BuildError::Input)?;
    let frame = Frame::new(&renderer);
    let selected: Vec<_> = site
        .wijken
        .iter()
        .filter(|w| options.only.is_empty() || options.only.contains(&w.slug))
        .collect();
    let pages: Vec<Vec<String>> = selected
        .par_iter()
        .map(|wijk| {
            let merged = merge::merge_wijk(wijk, options.drafts);
            render_wijk(&frame, &merged, sink)
        })
        .collect::<Result<_, _>>()?;
    let mut pages: Vec<String> = pages.into_iter().flatten().collect();
    let all = selected.len() == site.wijken.len();
    render_root(&frame, &selected, &mut pages, all, sink)?;
    copy_static(root, &site.config, sink)?;
    Ok(BuildReport {
        wijken: selected.len(),
        pages: pages.len(),
        ..BuildReport::default()
    })
}

fn unknown_wijken(site: &Site, only: &[String]) -> Result<(), Vec<Diagnostic>> {
    let unknown: Vec<Diagnostic> = only
        .iter()
        .filter(|slug| !site.wijken.iter().any(|w| &&w.slug == slug))
        .map(|slug| {
            let known: Vec<&str> = site.wijken.iter().map(|w| w.slug.as_str()).collect();
            Diagnostic::error(
                "unknown-wijk",
                "",
                None,
                format!("--wijk {slug}: there is no wijk with this name"),
            )
            .note(format!("the wijken are: {}", known.join(", ")))
        })
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(unknown)
    }
}

/// Copies the theme's static files: the built-in ones, then the site's.
fn copy_static(root: &Path, config: &Config, sink: &dyn Sink) -> Result<(), BuildError> {
    for (path, bytes) in crate::render::templates::STATIC {
        sink.put(path, bytes)?;
    }
    let folder = crate::render::templates::theme_dir(root, config).join("static");
    if !folder.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::io("read", &folder, e.into()))?;
        if !entry.file_type().is_file() || content::is_ignored(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|e| BuildError::io("read", entry.path(), e))?;
        sink.put(&error::display_path(&folder, entry.path()), &bytes)?;
    }
    Ok(())
}
