//! The site in memory for the preview, rebuilt piece by piece: each content
//! file's parse result is kept, and a change re-reads only the changed files
//! and re-validates, re-merges and re-renders only the wijken they belong to.
//! `site.toml` or a theme change rebuilds everything. Rendered files go to
//! [`Memory`] sinks, one per wijk, never to disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::scope::{Scope, render_one, shared};
use super::snapshot::{Files, Snapshot, to_diagnostics};
use super::watch::Batch;
use crate::attach::Attachment;
use crate::build::{copy_static, load_config, today};
use crate::config::Config;
use crate::content::{self, ContentFile, Parsed};
use crate::error::{self, BuildError, Diagnostic};
use crate::links::SiteIndex;
use crate::model::{Contribution, Site, Wijk};
use crate::output::Memory;
use crate::render::Renderer;
use crate::render::pages::{Frame, WijkCard, render_root};
use crate::validate;

/// What the preview needs to know before the first build.
#[derive(Debug, Clone, Default)]
pub struct PreviewOptions {
    pub root: PathBuf,
    /// Overrides `base_url` so links point at the preview server.
    pub base_url: Option<String>,
    /// The day "now" is; default today.
    pub today: Option<jiff::civil::Date>,
}

/// One content file and what it parsed into.
#[derive(Debug)]
struct Entry {
    file: ContentFile,
    parsed: Option<Parsed>,
    diagnostics: Vec<Diagnostic>,
}

/// One wijk: validated model, its findings, and its rendered files.
#[derive(Debug, Default)]
struct WijkState {
    wijk: Option<Wijk>,
    diagnostics: Vec<Diagnostic>,
    files: Arc<Files>,
    pages: Vec<String>,
    needs_render: bool,
    /// Which contribution pages the next render must make again.
    scope: Scope,
}

/// What one update did, for the log and the benchmark.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub parsed: usize,
    pub rendered: usize,
    pub errors: usize,
}

/// The preview's site, kept between rebuilds.
pub struct Preview {
    options: PreviewOptions,
    config: Option<Config>,
    renderer: Option<Renderer>,
    setup_errors: Vec<Diagnostic>,
    discovery: Vec<Diagnostic>,
    /// Every attachment under `content/`, as last discovered.
    attachments: Vec<Attachment>,
    files: BTreeMap<PathBuf, Entry>,
    wijken: BTreeMap<String, WijkState>,
    root_files: Arc<Files>,
    render_errors: Vec<Diagnostic>,
}

impl Preview {
    /// Reads and renders the whole site.
    pub fn new(options: PreviewOptions) -> (Preview, Report) {
        let mut preview = Preview {
            options,
            config: None,
            renderer: None,
            setup_errors: Vec::new(),
            discovery: Vec::new(),
            attachments: Vec::new(),
            files: BTreeMap::new(),
            wijken: BTreeMap::new(),
            root_files: Arc::default(),
            render_errors: Vec::new(),
        };
        let report = preview.reload_all();
        (preview, report)
    }

    /// The site's root folder.
    /// The day the preview is for, once `site.toml` has been read.
    pub fn today(&self) -> Option<jiff::civil::Date> {
        self.config
            .as_ref()
            .map(|config| today(config, self.options.today))
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Applies one burst of changes.
    pub fn update(&mut self, batch: &Batch) -> Report {
        if batch.config {
            return self.reload_all();
        }
        let mut parsed = 0;
        let new_day = match (&self.renderer, &self.config) {
            (Some(r), Some(c)) => r.today != today(c, self.options.today),
            _ => false,
        };
        if new_day || (batch.theme && !batch.is_css_only()) {
            self.reload_renderer();
        }
        if !batch.content.is_empty() && self.config.is_some() {
            // A wijk's map is read with its `_index.md`.
            let paths: BTreeSet<PathBuf> = batch
                .content
                .iter()
                .map(|p| match p.file_name() {
                    Some(name) if name == crate::geo::FILE => {
                        p.with_file_name(content::wijk::INDEX)
                    }
                    _ => p.clone(),
                })
                .collect();
            parsed = self.update_content(&paths);
        }
        Report {
            parsed,
            ..self.finish()
        }
    }

    fn reload_all(&mut self) -> Report {
        self.files.clear();
        self.discovery.clear();
        self.wijken.clear();
        self.root_files = Arc::default();
        self.setup_errors.clear();
        self.config = match load_config(&self.options.root, self.options.base_url.as_deref()) {
            Ok(config) => Some(config),
            Err(errors) => {
                self.setup_errors = errors;
                None
            }
        };
        self.reload_renderer();
        let mut parsed = 0;
        if self.config.is_some() {
            let found = self.discover();
            parsed = self.parse(found);
        }
        Report {
            parsed,
            ..self.finish()
        }
    }

    /// Builds the template environment again; every wijk is rendered anew.
    fn reload_renderer(&mut self) {
        self.setup_errors
            .retain(|d| d.code != "template" && d.code != "unknown-theme");
        self.renderer = None;
        let Some(config) = &self.config else { return };
        let day = today(config, self.options.today);
        match Renderer::new(&self.options.root, config.clone(), day, true) {
            Ok(renderer) => self.renderer = Some(renderer),
            Err(errors) => self.setup_errors.extend(errors),
        }
        for state in self.wijken.values_mut() {
            state.needs_render = true;
            state.scope = Scope::All;
        }
    }

    /// Re-reads changed files. Only when a file appeared, disappeared or a
    /// folder changed does it look through `content/` again.
    fn update_content(&mut self, paths: &BTreeSet<PathBuf>) -> usize {
        let structural = paths
            .iter()
            .any(|p| !self.files.contains_key(p) || !p.is_file());
        if !structural {
            let files: Vec<ContentFile> =
                paths.iter().map(|p| self.files[p].file.clone()).collect();
            return self.parse(files);
        }
        self.touch_attachments(paths);
        let found = self.discover();
        self.touch_attachments(paths);
        let mut kept = BTreeMap::new();
        let mut to_parse = Vec::new();
        for file in found {
            match self.files.remove(file.path()) {
                Some(entry) if entry.file == file && !paths.contains(file.path()) => {
                    kept.insert(file.path().to_path_buf(), entry);
                }
                Some(old) => {
                    self.touch(&old);
                    to_parse.push(file);
                }
                None => to_parse.push(file),
            }
        }
        for gone in std::mem::replace(&mut self.files, kept).values() {
            self.touch(gone);
        }
        self.parse(to_parse)
    }

    /// Looks through `content/` again: the Markdown files to parse, and the
    /// attachments (kept for the links and the served files).
    fn discover(&mut self) -> Vec<ContentFile> {
        let found = content::discover_all(&self.options.root);
        self.discovery = found.diagnostics;
        self.attachments = found.attachments;
        found.files
    }

    /// Marks the wijken of changed attachments (before and after a new
    /// discovery, so added and removed ones count) for a new link and render.
    fn touch_attachments(&mut self, paths: &BTreeSet<PathBuf>) {
        let wijken: BTreeSet<String> = self
            .attachments
            .iter()
            .filter(|a| paths.contains(&a.path))
            .map(|a| a.wijk.clone())
            .collect();
        for slug in wijken {
            if let Some(state) = self.wijken.get_mut(&slug) {
                state.wijk = None;
                state.needs_render = true;
                state.scope = Scope::All;
            }
        }
    }

    /// Parses files (in parallel) and marks their wijken for a new render.
    fn parse(&mut self, files: Vec<ContentFile>) -> usize {
        let Some(config) = &self.config else { return 0 };
        let root = &self.options.root;
        let entries: Vec<Entry> = files
            .into_par_iter()
            .map(|file| {
                let (parsed, diagnostics) = content::parse_file(root, &file, config);
                Entry {
                    file,
                    parsed,
                    diagnostics,
                }
            })
            .collect();
        let count = entries.len();
        for entry in entries {
            self.touch(&entry);
            if let Some(old) = self.files.insert(entry.file.path().to_path_buf(), entry) {
                self.touch(&old);
            }
        }
        count
    }

    /// Marks the wijk of a changed file (its old or new version) for a new
    /// assembly and render, and notes which contribution pages it affects.
    fn touch(&mut self, entry: &Entry) {
        let state = self
            .wijken
            .entry(entry.file.wijk().to_string())
            .or_default();
        state.wijk = None;
        state.needs_render = true;
        state.scope.note(&entry.file, entry.parsed.as_ref());
    }

    /// Assembles and validates the wijken whose files changed.
    fn assemble(&mut self) {
        let slugs: Vec<String> = self
            .wijken
            .iter()
            .filter(|(_, s)| s.needs_render && s.wijk.is_none())
            .map(|(slug, _)| slug.clone())
            .collect();
        let Some(config) = self.config.clone() else {
            return;
        };
        let files: Vec<ContentFile> = self.files.values().map(|e| e.file.clone()).collect();
        let site_index = SiteIndex::new(&files, &self.attachments);
        for slug in slugs {
            let mut index = None;
            let mut contributions: Vec<Contribution> = Vec::new();
            let mut broken = Vec::new();
            for entry in self.files.values().filter(|e| e.file.wijk() == slug) {
                match &entry.parsed {
                    Some(Parsed::Wijk(w)) => index = Some((w.clone(), entry.file.clone())),
                    Some(Parsed::Contribution(c)) => contributions.push(c.clone()),
                    Some(Parsed::Broken(b)) => broken.push(b.clone()),
                    None => {}
                }
            }
            let has_files = self.files.values().any(|e| e.file.wijk() == slug);
            let Some((wijk, index_file)) = index else {
                if !has_files {
                    self.wijken.remove(&slug);
                } else if let Some(state) = self.wijken.get_mut(&slug) {
                    state.diagnostics.clear();
                }
                continue;
            };
            // The same order as `content::load_wijk` gives.
            contributions.sort_by(|a, b| (&a.slug, &a.source.file).cmp(&(&b.slug, &b.source.file)));
            let (geometry, mut diagnostics) =
                crate::geo::kaart::load(&self.options.root, &index_file, &wijk.streets);
            let mut one = vec![Wijk {
                contributions,
                broken,
                geometry,
                ..wijk
            }];
            diagnostics.extend(validate::validate(&mut one));
            if let Some(wijk) = one.first_mut() {
                diagnostics.extend(crate::links::link_wijk(wijk, &site_index, &config));
            }
            if let Some(state) = self.wijken.get_mut(&slug) {
                state.wijk = one.pop();
                state.diagnostics = diagnostics;
            }
        }
    }

    /// Every finding of the current site, sorted; errors mean no new render.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .setup_errors
            .iter()
            .chain(&self.discovery)
            .chain(self.files.values().flat_map(|e| &e.diagnostics))
            .chain(self.wijken.values().flat_map(|s| &s.diagnostics))
            .chain(&self.render_errors)
            .cloned()
            .collect();
        error::sort(&mut all);
        all
    }

    /// Validates what changed and, when the site has no errors, renders the
    /// wijken that need it and the root files.
    fn finish(&mut self) -> Report {
        self.render_errors.clear();
        self.assemble();
        let errors = self.diagnostics().iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            return Report {
                errors,
                ..Report::default()
            };
        }
        match self.render() {
            Ok(rendered) => Report {
                rendered,
                ..Report::default()
            },
            Err(e) => {
                self.render_errors = to_diagnostics(e);
                Report {
                    errors: self.render_errors.len(),
                    ..Report::default()
                }
            }
        }
    }

    fn render(&mut self) -> Result<usize, BuildError> {
        let (Some(renderer), Some(_)) = (&self.renderer, &self.config) else {
            return Ok(0);
        };
        let frame = Frame::new(renderer);
        let todo: Vec<(&String, &WijkState, &Wijk)> = self
            .wijken
            .iter()
            .filter(|(_, s)| s.needs_render)
            .filter_map(|(slug, s)| Some((slug, s, s.wijk.as_ref()?)))
            .collect();
        let rendered: Vec<(String, Files, Vec<String>)> = crate::error::every_or_failures(
            todo.par_iter()
                .map(|(slug, state, wijk)| {
                    // A wijk's maps show every street's works: with a map, an
                    // edit of one contribution changes every street and project page.
                    let scope = match wijk.geometry {
                        Some(_) => &Scope::All,
                        None => &state.scope,
                    };
                    let (mut files, pages) = render_one(&frame, scope, &state.files, wijk)?;
                    files.extend(attachments(wijk, &self.options.root)?);
                    Ok(((*slug).clone(), files, pages))
                })
                .collect(),
        )?;
        let count = rendered.len();
        let all: Vec<WijkCard> = self
            .wijken
            .values()
            .filter_map(|s| s.wijk.as_ref().map(WijkCard::of))
            .collect();
        let mut pages: Vec<String> = self
            .wijken
            .iter()
            .flat_map(|(slug, s)| match rendered.iter().find(|r| &r.0 == slug) {
                Some((_, _, pages)) => pages.clone(),
                None => s.pages.clone(),
            })
            .collect();
        let sink = Memory::default();
        render_root(&frame, &all, Some(&mut pages), true, &sink)?;
        copy_static(&self.options.root, frame.renderer(), &sink)?;
        self.root_files = Arc::new(shared(sink));
        for (slug, files, pages) in rendered {
            if let Some(state) = self.wijken.get_mut(&slug) {
                state.files = Arc::new(files);
                state.pages = pages;
                state.needs_render = false;
                state.scope = Scope::nothing();
            }
        }
        Ok(count)
    }

    /// The files to serve now.
    pub fn snapshot(&self) -> Snapshot {
        let errors: Vec<Diagnostic> = self
            .diagnostics()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        Snapshot {
            wijken: self
                .wijken
                .iter()
                .filter(|(_, s)| s.wijk.is_some())
                .map(|(slug, s)| (slug.clone(), Arc::clone(&s.files)))
                .collect(),
            root: Arc::clone(&self.root_files),
            errors: Arc::new(errors),
        }
    }

    /// The validated site as it is now (wijken that failed are left out).
    pub fn site(&self) -> Option<Site> {
        Some(Site {
            config: self.config.clone()?,
            wijken: self
                .wijken
                .values()
                .filter_map(|s| s.wijk.clone())
                .collect(),
        })
    }

    /// The preview page that shows a source file (`content/x/y.md`), if any.
    pub fn page_of(&self, file: &str) -> Option<String> {
        let entry = self.files.values().find(|e| e.file.file() == file)?;
        let base = self.config.as_ref()?;
        match &entry.parsed {
            Some(Parsed::Wijk(w)) => Some(base.path(&format!("/{}/", w.slug))),
            Some(Parsed::Contribution(c)) => {
                Some(base.path(&format!("/{}/{}/", entry.file.wijk(), c.slug)))
            }
            Some(Parsed::Broken(_)) | None => None,
        }
    }
}

/// The attachments a wijk's preview pages use (drafts' and scheduled
/// contributions' too), processed images from the cache that `build` fills
/// as well.
fn attachments(wijk: &Wijk, root: &Path) -> Result<Files, BuildError> {
    let sink = Memory::default();
    let cache = crate::attach::publish::cache_of(root);
    let found = crate::attach::publish::publish_wijk(wijk, true, None, &cache, &sink)?;
    if error::has_errors(&found) {
        return Err(BuildError::Input(found));
    }
    Ok(shared(sink))
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
