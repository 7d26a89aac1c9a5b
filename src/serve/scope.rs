//! What one change makes again in the preview: the [`Scope`] of a wijk
//! (which of its pages an edit affects) and the rendering of a wijk within
//! it, keeping the last rendering of the pages outside it.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::snapshot::Files;
use crate::content::{ContentFile, Parsed};
use crate::error::BuildError;
use crate::merge::MergedWijk;
use crate::model::{Contribution, Street, Wijk};
use crate::output::Memory;
use crate::render::pages::{Frame, Selection, render_wijk_selected};
use crate::slug::slugify;

/// Which pages of a wijk to render again. A contribution's page shows the
/// contribution, its project's title and the wijk (name, streets, contact,
/// glossary); a project's page its parts; a street's page the entries on
/// that street. So a changed contribution affects its own page, its
/// project's page and parts, and the pages of the streets of all of these
/// (old and new versions); the wijk's lists and feeds are always made again,
/// and a changed `_index.md` affects everything. Should pages ever show more,
/// widen this: `incremental_updates_give_the_same_files_as_a_fresh_build`
/// fails when it is too narrow.
#[derive(Debug, Default)]
pub enum Scope {
    #[default]
    All,
    Some {
        files: BTreeSet<String>,
        projects: BTreeSet<String>,
        /// Street slugs of the changed contributions' old and new versions.
        streets: BTreeSet<String>,
    },
}

impl Scope {
    /// Nothing to render again (after a render).
    pub fn nothing() -> Scope {
        Scope::Some {
            files: BTreeSet::new(),
            projects: BTreeSet::new(),
            streets: BTreeSet::new(),
        }
    }

    /// Notes a changed file, in its old or its new version.
    pub fn note(&mut self, file: &ContentFile, parsed: Option<&Parsed>) {
        let Scope::Some {
            files,
            projects,
            streets,
        } = self
        else {
            return;
        };
        if file.is_index {
            *self = Scope::All;
            return;
        }
        files.insert(file.file().to_string());
        if let Some(Parsed::Contribution(c)) = parsed {
            projects.extend(c.project.clone());
            streets.extend(c.streets.iter().map(|s| slugify(s)));
        }
    }
}

/// Renders one wijk: only the pages its [`Scope`] selects when it can,
/// keeping the last rendering of the others; else every page.
pub fn render_one(
    frame: &Frame,
    scope: &Scope,
    old: &Files,
    wijk: &Wijk,
) -> Result<(Files, Vec<String>), BuildError> {
    let merged = crate::merge::merge_wijk(wijk, true, None);
    if let Some(done) = render_part(frame, scope, old, &merged)? {
        return Ok(done);
    }
    let sink = Memory::default();
    let pages = render_wijk_selected(frame, &merged, &sink, &Selection::ALL)?.pages;
    Ok((shared(sink), pages))
}

/// Renders the pages of the changed contributions, of their projects and of
/// the streets they (or their projects) touch, plus the wijk's lists and
/// feeds. `None` when the scope is everything, or a page is neither
/// rendered now nor kept from before.
fn render_part(
    frame: &Frame,
    scope: &Scope,
    old: &Files,
    merged: &MergedWijk,
) -> Result<Option<(Files, Vec<String>)>, BuildError> {
    let Scope::Some {
        files,
        projects,
        streets,
    } = scope
    else {
        return Ok(None);
    };
    let contribution = |c: &Contribution| {
        files.contains(&c.source.file) || c.project.as_ref().is_some_and(|p| projects.contains(p))
    };
    let mut street_slugs = streets.clone();
    for c in merged.contributions.iter().filter(|c| contribution(c)) {
        street_slugs.extend(c.streets.iter().map(|s| slugify(s)));
    }
    let selection = Selection {
        contribution: &contribution,
        street: &|s: &Street| street_slugs.contains(&s.slug),
        project: &|key: &str| projects.contains(key),
    };
    let sink = Memory::default();
    let pages = render_wijk_selected(frame, merged, &sink, &selection)?.pages;
    let mut out = shared(sink);
    for page in &pages {
        let key = format!("{}index.html", page.trim_start_matches('/'));
        if out.contains_key(&key) {
            continue;
        }
        match old.get(&key) {
            Some(bytes) => out.insert(key, Arc::clone(bytes)),
            None => return Ok(None),
        };
    }
    Ok(Some((out, pages)))
}

/// The files of a sink, ready to be shared between snapshots.
pub fn shared(sink: Memory) -> Files {
    sink.into_files()
        .into_iter()
        .map(|(path, bytes)| (path, Arc::from(bytes)))
        .collect()
}
