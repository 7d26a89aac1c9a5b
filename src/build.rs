//! The pipeline: load → validate → merge → render → write. `build` reads
//! like it; `load_site` is shared with `check` and `serve`. `check_site` is
//! the same pipeline without writing, plus the editorial checks.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::attach::publish::publish_wijk;
use crate::check::coupling::WorksRecord;
use crate::check::coupling_count::{Names, WorksKey};
use crate::check::{Checker, WijkSummary, long_letter};
use crate::config::Config;
use crate::content::fields::did_you_mean;
use crate::error::{self, BuildError, Diagnostic};
use crate::feeds::sitemap;
use crate::links::{SiteIndex, aliases};
use crate::model::Site;
use crate::output::{Sink, Staging};
use crate::publishing::compress::Compressing;
use crate::render::Renderer;
use crate::render::pages::{Frame, WijkCard, render_root, render_root_index, render_wijk};
use crate::{content, merge, publishing, validate};
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Build only the site root of a split build (overview, 404, robots and a
    /// sitemap index of the wijken's own sitemaps), reading only `_index.md` files.
    pub overview_only: bool,
    /// Write `.gz` and `.br` beside every text file over 1 KB.
    pub compress: bool,
}

/// What a finished build reports. Warnings are only counted (`check`
/// shows them), except those about the output folder, which are kept.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub wijken: usize,
    pub pages: usize,
    /// How many warnings the build found (`output` ones included).
    pub warnings: usize,
    /// The warnings about the output folder (`output-cleanup`), to print.
    pub output_warnings: Vec<Diagnostic>,
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
                    format!("--base-url \"{url}\" is geen webadres"),
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
/// every error. Wijken stream through load → validate → merge → render one
/// by one in parallel, so memory stays flat however many wijken there are.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let root = &options.root;
    let config = match load_config(root, options.base_url.as_deref()) {
        Ok(config) => config,
        Err(mut diagnostics) => {
            diagnostics.extend(content_errors(root));
            error::sort(&mut diagnostics);
            return Err(BuildError::Input(diagnostics));
        }
    };
    let content::Discovery {
        files,
        attachments,
        mut diagnostics,
    } = content::discover_all(root);
    let index = SiteIndex::new(&files, &attachments);
    let groups: Vec<&[content::ContentFile]> = content::by_wijk(&files)
        .into_iter()
        .filter(|group| {
            options.only.is_empty() || options.only.iter().any(|o| o == group[0].wijk())
        })
        .map(|group| match options.overview_only {
            true => group
                .iter()
                .find(|f| f.is_index)
                .map_or(&group[..0], std::slice::from_ref),
            false => group,
        })
        .collect();
    let slugs: Vec<&str> = content::by_wijk(&files)
        .iter()
        .map(|g| g[0].wijk())
        .collect();
    unknown_wijken(&slugs, &options.only).map_err(BuildError::Input)?;
    let renderer = match Renderer::new(
        root,
        config.clone(),
        today(&config, options.today),
        options.preview,
    ) {
        Ok(renderer) => Some(renderer),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    crate::output::check_output(root, &output).map_err(BuildError::Input)?;
    diagnostics.extend(publishing::checks::check(
        &config,
        today(&config, options.today),
    ));
    let staging = Staging::new(&output, &config.keep)?;
    let compressed = publishing::compress::Cache::of(root);
    let compressing = Compressing {
        inner: &staging,
        cache: &compressed,
    };
    let sink: &dyn Sink = match options.compress {
        true => &compressing,
        false => &staging,
    };
    let frame = renderer.as_ref().map(Frame::new);
    let failed = AtomicBool::new(error::has_errors(&diagnostics));
    let checker = Checker::new(&config, today(&config, options.today));
    let context = WijkContext {
        config: &config,
        checker: &checker,
        index: &index,
        options,
        cache: crate::attach::publish::cache_of(root),
        sitemap: SitemapPages::default(),
        names: Names::default(),
    };
    let outcomes: Vec<WijkOutcome> = error::every_or_failures(
        groups
            .par_iter()
            .map(|group| build_wijk(group, &context, frame.as_ref(), &failed, sink))
            .collect(),
    )?;
    let mut cards = Vec::with_capacity(outcomes.len());
    let mut pages = 0;
    let mut works = Vec::new();
    let (mut all_aliases, mut redirected) = (Vec::new(), Vec::new());
    let mut warnings = 0;
    let (mut produced, mut foreign) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        warnings += outcome.warnings;
        diagnostics.extend(outcome.diagnostics);
        cards.extend(outcome.card);
        pages += outcome.pages;
        works.extend(outcome.works);
        all_aliases.extend(outcome.aliases);
        redirected.extend(outcome.redirected);
        produced.extend(outcome.produced);
        foreign.extend(outcome.foreign);
    }
    // Only counted: on a large site these findings were the most it held.
    warnings += checker.count_across(&works);
    drop(works);
    diagnostics.extend(aliases::across_wijken(&all_aliases));
    // The root job of a split build reads no contributions: nothing to judge.
    if !options.overview_only {
        diagnostics.extend(crate::links::check_foreign(&foreign, &produced));
    }
    let mut listed = context
        .sitemap
        .0
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    // What the wijken needed of each other is done with: the root pages
    // (the street index of every wijk, on a large site) do not stand on it.
    drop((all_aliases, produced, foreign, groups, index));
    drop(files);
    warnings += errors_only(&mut diagnostics);
    error::sort(&mut diagnostics);
    let frame = match frame {
        // A failed build shows its errors only; `check` shows the rest.
        Some(frame) if diagnostics.is_empty() => frame,
        _ => return Err(BuildError::Input(diagnostics)),
    };
    if options.overview_only {
        render_root_index(&frame, &cards, sink)?;
    } else {
        let with_overview = options.only.is_empty();
        pages += render_root(&frame, &cards, listed.as_mut(), with_overview, sink)?;
    }
    // A part of a split build (`--wijk`) writes its wijken's lines; putting
    // the parts together joins them (docs/publishing.md).
    if !redirected.is_empty() && !options.overview_only {
        sink.put(
            aliases::REDIRECTS,
            aliases::redirects_file(&redirected, &config).as_bytes(),
        )?;
    }
    copy_static(root, frame.renderer(), sink)?;
    let output_warnings = staging.commit()?;
    if options.compress && options.only.is_empty() && !options.overview_only {
        compressed.prune();
    }
    Ok(BuildReport {
        wijken: cards.len(),
        pages,
        warnings: warnings + output_warnings.len(),
        output_warnings,
        output,
    })
}

/// Drops the warnings of `diagnostics`, keeping its errors, and returns how
/// many it dropped: `build` only counts warnings (`check` shows them), so it
/// neither sorts nor keeps them, and its memory does not grow with them.
fn errors_only(diagnostics: &mut Vec<Diagnostic>) -> usize {
    let before = diagnostics.len();
    diagnostics.retain(Diagnostic::is_error);
    before - diagnostics.len()
}

/// What building one wijk gave: its card for the overview, its pages, its
/// errors and how many warnings it had.
struct WijkOutcome {
    card: Option<WijkCard>,
    /// How many pages it made (their paths went to [`SitemapPages`]).
    pages: usize,
    /// Every alias of the wijk, and those that got a redirect page.
    aliases: Vec<aliases::Alias>,
    redirected: Vec<aliases::Alias>,
    /// Its errors only: its warnings are counted in `warnings`.
    diagnostics: Vec<Diagnostic>,
    warnings: usize,
    /// Its works, for the count of coupling findings across wijken.
    works: Vec<WorksKey>,
    /// What it writes, and its links into other wijken (`unknown-path`).
    produced: Option<crate::links::index::Folders>,
    foreign: Vec<crate::links::ForeignPath>,
}

/// What every wijk of a build shares.
struct WijkContext<'c> {
    config: &'c Config,
    checker: &'c Checker,
    index: &'c SiteIndex<'c>,
    options: &'c BuildOptions,
    /// Where processed images are kept between builds.
    cache: PathBuf,
    sitemap: SitemapPages,
    /// The numbers of the names in the works' keys.
    names: Names,
}

/// The site paths of the pages for the root `sitemap.xml`, gathered as the
/// wijken are built, while there are at most [`sitemap::MOST_URLS`]. Past
/// that the root sitemap indexes the wijken's own sitemaps instead, so the
/// paths are dropped and a large site's memory does not grow with them.
struct SitemapPages(std::sync::Mutex<Option<Vec<String>>>);

impl Default for SitemapPages {
    fn default() -> SitemapPages {
        SitemapPages(std::sync::Mutex::new(Some(Vec::new())))
    }
}

impl SitemapPages {
    /// Adds a wijk's pages; returns how many there were.
    fn add(&self, pages: Vec<String>) -> usize {
        let count = pages.len();
        let mut listed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match listed.as_mut() {
            Some(list) if list.len() + count <= sitemap::MOST_URLS => list.extend(pages),
            _ => *listed = None,
        }
        count
    }
}

/// Loads, validates, checks and (while no wijk has failed) renders one
/// wijk and writes the attachments its pages use. Its `long-letter`
/// warnings are counted from the letters it renders, so each letter is made
/// once; a wijk that is not rendered (the build failed, or `--overview-only`
/// read no contributions) has none to count.
fn build_wijk(
    files: &[content::ContentFile],
    context: &WijkContext,
    frame: Option<&Frame>,
    failed: &AtomicBool,
    sink: &dyn Sink,
) -> Result<WijkOutcome, BuildError> {
    let options = context.options;
    let config = context.config;
    let (wijk, mut diagnostics) = load_valid_wijk(&options.root, files, config, context.index);
    let works = wijk
        .as_ref()
        .map(|wijk| context.names.keys_of(wijk))
        .unwrap_or_default();
    // Its `long-letter` warnings are counted from the letters it renders.
    if let Some(wijk) = &wijk {
        diagnostics.extend(context.checker.check_wijk_but_letters(wijk));
    }
    if wijk.is_none() || error::has_errors(&diagnostics) {
        failed.store(true, Ordering::Relaxed);
    }
    let mut warnings = errors_only(&mut diagnostics);
    let (Some(mut wijk), Some(frame)) = (wijk, frame) else {
        return Ok(WijkOutcome {
            card: None,
            pages: 0,
            warnings,
            diagnostics,
            aliases: Vec::new(),
            redirected: Vec::new(),
            works,
            produced: None,
            foreign: Vec::new(),
        });
    };
    wijk.drop_later_updates(today(config, options.today));
    let mut redirected = Vec::new();
    let pages = if options.overview_only || failed.load(Ordering::Relaxed) {
        0
    } else {
        let published_by = Some(today(config, options.today));
        let mut found = publish_wijk(&wijk, options.drafts, published_by, &context.cache, sink)?;
        if error::has_errors(&found) {
            failed.store(true, Ordering::Relaxed);
        }
        warnings += errors_only(&mut found);
        diagnostics.extend(found);
        let merged = merge::merge_wijk(&wijk, options.drafts, published_by);
        redirected = aliases::write_pages(&wijk.redirects, &merged.contributions, config, sink)?;
        let rendered = render_wijk(frame, &merged, sink)?;
        warnings += match options.drafts {
            // `check`'s letters leave drafts out: make those letters too.
            true => context.checker.long_letters(&wijk).len(),
            false => long_letter::count(&rendered.cut_letters),
        };
        context.sitemap.add(rendered.pages)
    };
    Ok(WijkOutcome {
        card: Some(WijkCard::of(&wijk)),
        pages,
        warnings,
        diagnostics,
        works,
        produced: Some(crate::links::index::Produced::of(&wijk).folders()),
        foreign: wijk.foreign_paths,
        aliases: wijk.redirects,
        redirected,
    })
}

/// Loads, validates and links the files of one wijk.
pub(crate) fn load_valid_wijk(
    root: &Path,
    files: &[content::ContentFile],
    config: &Config,
    index: &SiteIndex,
) -> (Option<crate::model::Wijk>, Vec<Diagnostic>) {
    let (mut wijk, mut diagnostics) = content::load_wijk(root, files, config);
    if let Some(wijk) = &mut wijk {
        diagnostics.extend(validate::validate(std::slice::from_mut(wijk)));
        diagnostics.extend(crate::links::link_wijk(wijk, index, config));
    }
    (wijk, diagnostics)
}

/// What `check` found: every error `build` would report, every warning,
/// and a summary per wijk.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub summaries: Vec<WijkSummary>,
    /// Contributions that appear later (`publish`), by day: not a finding.
    pub scheduled: Vec<Scheduled>,
}

/// A contribution with a `publish` day after the day of the check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scheduled {
    pub day: jiff::civil::Date,
    pub file: String,
    pub title: String,
}

impl Scheduled {
    /// The wijk's contributions that appear after `today`.
    fn of(wijk: &crate::model::Wijk, today: jiff::civil::Date) -> Vec<Scheduled> {
        wijk.contributions
            .iter()
            .filter_map(|c| {
                let day = c.publish.filter(|day| *day > today)?;
                Some(Scheduled {
                    day,
                    file: c.source.file.clone(),
                    title: c.title.clone(),
                })
            })
            .collect()
    }
}

impl CheckReport {
    /// Whether `check` fails: on errors, and on warnings when denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        error::has_errors(&self.diagnostics) || (deny_warnings && !self.diagnostics.is_empty())
    }
}

/// The build without rendering or writing, plus the editorial checks, as
/// of `today` (default: today in the site's zone). Wijken stream through
/// load → validate → check in parallel, like in `build`; a broken file or
/// wijk does not hide the warnings of the rest.
pub fn check_site(root: &Path, today_given: Option<jiff::civil::Date>) -> CheckReport {
    check_site_with(root, today_given, false)
}

/// [`check_site`], and with `links` every external address visited once
/// (`dead-link`); without it nothing goes over the network.
pub fn check_site_with(
    root: &Path,
    today_given: Option<jiff::civil::Date>,
    links: bool,
) -> CheckReport {
    let config = match load_config(root, None) {
        Ok(config) => config,
        Err(mut diagnostics) => {
            diagnostics.extend(content_errors(root));
            error::sort(&mut diagnostics);
            return CheckReport {
                diagnostics,
                ..CheckReport::default()
            };
        }
    };
    let day = today(&config, today_given);
    let checker = Checker::new(&config, day);
    let content::Discovery {
        files,
        attachments,
        mut diagnostics,
    } = content::discover_all(root);
    let index = SiteIndex::new(&files, &attachments);
    diagnostics.extend(publishing::checks::check(&config, day));
    // The theme's errors (templates, links out of the site), as `build` reports them.
    if let Err(found) = Renderer::new(root, config.clone(), day, false) {
        diagnostics.extend(found);
    }
    if let Err(error) = crate::output::recover(&root.join("public"), &config.keep) {
        let message = error.to_string();
        let message = message.trim_start_matches("error[output]: ");
        diagnostics.push(Diagnostic::error("output-recovery", "", None, message));
    }
    let outcomes: Vec<WijkCheck> = content::by_wijk(&files)
        .par_iter()
        .map(|group| {
            let (wijk, mut found) = load_valid_wijk(root, group, &config, &index);
            let Some(wijk) = wijk else {
                return WijkCheck {
                    found,
                    ..WijkCheck::default()
                };
            };
            found.extend(checker.check_wijk(&wijk));
            WijkCheck {
                summary: Some(WijkSummary::of(&wijk, &found)),
                works: WorksRecord::of(&wijk),
                scheduled: Scheduled::of(&wijk, day),
                produced: Some(crate::links::index::Produced::of(&wijk).folders()),
                foreign: wijk.foreign_paths,
                aliases: wijk.redirects,
                external: if links { wijk.external } else { Vec::new() },
                found,
            }
        })
        .collect();
    let mut report = CheckReport::default();
    let (mut works, mut all_aliases, mut external) = (Vec::new(), Vec::new(), Vec::new());
    let (mut produced, mut foreign) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        external.extend(outcome.external);
        produced.extend(outcome.produced);
        foreign.extend(outcome.foreign);
        report.summaries.extend(outcome.summary);
        diagnostics.extend(outcome.found);
        works.extend(outcome.works);
        all_aliases.extend(outcome.aliases);
        report.scheduled.extend(outcome.scheduled);
    }
    // The findings across wijken count in the summary of each wijk they name.
    let mut across = checker.check_across(&works);
    across.extend(aliases::across_wijken(&all_aliases));
    across.extend(crate::links::check_foreign(&foreign, &produced));
    if links {
        across.extend(crate::links::external::check(
            &external,
            crate::links::external::TIMEOUT,
        ));
    }
    for summary in &mut report.summaries {
        summary.add(&across);
    }
    diagnostics.extend(across);
    error::sort(&mut diagnostics);
    report.scheduled.sort();
    report.diagnostics = diagnostics;
    report
}

/// What checking one wijk gave.
#[derive(Default)]
struct WijkCheck {
    summary: Option<WijkSummary>,
    found: Vec<Diagnostic>,
    works: Vec<WorksRecord>,
    scheduled: Vec<Scheduled>,
    aliases: Vec<aliases::Alias>,
    external: Vec<crate::links::external::ExternalLink>,
    produced: Option<crate::links::index::Folders>,
    foreign: Vec<crate::links::ForeignPath>,
}

/// Renders a loaded site into any sink (the preview server, tests).
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
    // The preview shows scheduled contributions (with a banner) too.
    let published_by = (!options.preview).then_some(today);
    let selected: Vec<_> = site
        .wijken
        .iter()
        .filter(|w| options.only.is_empty() || options.only.contains(&w.slug))
        .collect();
    let pages: Vec<Vec<String>> = error::every_or_failures(
        selected
            .par_iter()
            .map(|wijk| {
                // Outside the preview, updates dated later are not news yet.
                let wijk = match published_by {
                    Some(day) => wijk.as_on(day),
                    None => std::borrow::Cow::Borrowed(*wijk),
                };
                render_wijk(
                    &frame,
                    &merge::merge_wijk(&wijk, options.drafts, published_by),
                    sink,
                )
                .map(|rendered| rendered.pages)
            })
            .collect(),
    )?;
    let mut pages: Vec<String> = pages.into_iter().flatten().collect();
    let cards: Vec<WijkCard> = selected.iter().map(|w| WijkCard::of(w)).collect();
    let count = pages.len();
    let with_overview = selected.len() == site.wijken.len();
    let root_pages = render_root(&frame, &cards, Some(&mut pages), with_overview, sink)?;
    copy_static(root, &renderer, sink)?;
    Ok(BuildReport {
        wijken: selected.len(),
        pages: count + root_pages,
        ..BuildReport::default()
    })
}

/// The content's errors when `site.toml` is broken, read with default
/// settings, so one run still lists every error.
fn content_errors(root: &Path) -> Vec<Diagnostic> {
    let fallback = "title = \"-\"\nbase_url = \"https://example.org\"";
    match Config::parse(fallback) {
        Ok(config) if root.join(content::FOLDER).is_dir() => {
            let mut found = load_site(root, config).1;
            found.retain(Diagnostic::is_error);
            found
        }
        _ => Vec::new(),
    }
}

pub(crate) fn unknown_wijken(known: &[&str], only: &[String]) -> Result<(), Vec<Diagnostic>> {
    let unknown: Vec<Diagnostic> = only
        .iter()
        .filter(|slug| !known.contains(&slug.as_str()))
        .map(|slug| {
            Diagnostic::error(
                "unknown-wijk",
                "",
                None,
                format!("--wijk {slug}: er is geen wijk met deze naam"),
            )
            .note(match did_you_mean(slug, known.iter().copied()) {
                Some(best) => format!(
                    "bedoelt u --wijk {best}? De wijken zijn: {}",
                    known.join(", ")
                ),
                None => format!("de wijken zijn: {}", known.join(", ")),
            })
        })
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(unknown)
    }
}

/// Writes the theme's assets under their published (hashed) names, then
/// copies the site's static files as they are.
pub fn copy_static(root: &Path, renderer: &Renderer, sink: &dyn Sink) -> Result<(), BuildError> {
    for asset in &renderer.assets.files {
        sink.put(&asset.published, &asset.bytes)?;
    }
    let (files, errors) = crate::render::templates::static_files(root, &renderer.config);
    if !errors.is_empty() {
        return Err(BuildError::Input(errors));
    }
    for (path, source) in files {
        let bytes = crate::sitefs::read(root, &source).map_err(|e| match e {
            crate::sitefs::ReadError::Io(e) => BuildError::io("gelezen", &source, e),
            outside => BuildError::Input(vec![outside.diagnostic(root, &source, "dit bestand")]),
        })?;
        sink.put(&path, &bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sitemap_pages_are_kept_up_to_one_sitemap_and_dropped_past_it() {
        let paths = |n: usize, wijk: &str| (0..n).map(|i| format!("/{wijk}/{i}/")).collect();
        let gathered = SitemapPages::default();
        assert_eq!(gathered.add(paths(sitemap::MOST_URLS - 1, "a")), 49_999);
        assert_eq!(gathered.add(paths(1, "b")), 1);
        assert_eq!(
            gathered.0.lock().unwrap().as_ref().map(Vec::len),
            Some(50_000)
        );
        assert_eq!(gathered.add(paths(1, "c")), 1);
        assert!(gathered.0.lock().unwrap().is_none(), "one more is an index");
        gathered.add(paths(0, "d"));
        assert!(gathered.0.lock().unwrap().is_none(), "and stays one");
    }
}
