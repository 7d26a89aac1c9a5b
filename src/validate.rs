//! The spec's checks that need more than one file: streets against the
//! wijk's list, slugs unique within a wijk and clear of reserved paths,
//! project keys that give distinct addresses.

use std::collections::BTreeMap;

use crate::content::fields::did_you_mean;
use crate::error::Diagnostic;
use crate::model::Wijk;
use crate::render::RESERVED_IN_WIJK;
use crate::slug::slugify;

/// Checks every wijk, canonicalizes street names, and returns the findings.
pub fn validate(wijken: &mut [Wijk]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for wijk in wijken.iter_mut() {
        check_streets(wijk, &mut diagnostics);
        check_slugs(wijk, &mut diagnostics);
        check_projects(wijk, &mut diagnostics);
    }
    diagnostics
}

fn check_streets(wijk: &mut Wijk, diagnostics: &mut Vec<Diagnostic>) {
    let by_slug: BTreeMap<String, String> = wijk
        .streets
        .iter()
        .map(|s| (s.slug.clone(), s.name.clone()))
        .collect();
    let index_file = wijk.source.file.clone();
    for c in &mut wijk.contributions {
        let line = c.line_of("streets");
        for street in &mut c.streets {
            if let Some(name) = by_slug.get(&slugify(street)) {
                *street = name.clone();
                continue;
            }
            let message = format!(
                "the street `{street}` is not a street of the wijk {}",
                wijk.name
            );
            let hint = match did_you_mean(street, wijk.streets.iter().map(|s| s.name.as_str())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => {
                    format!("use a street from `streets` in {index_file}, or add this street there")
                }
            };
            diagnostics.push(
                Diagnostic::error("unknown-street", &c.source.file, Some(line), message).note(hint),
            );
        }
        c.streets.dedup();
    }
}

fn check_slugs(wijk: &Wijk, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &wijk.contributions {
        if c.slug.is_empty() {
            continue;
        }
        if RESERVED_IN_WIJK.contains(&c.slug.as_str()) {
            let message = format!(
                "the web address /{}/{}/ is already used by the site itself",
                wijk.slug, c.slug
            );
            let hint = format!(
                "rename the file, for example to `{}-{}.md`",
                c.slug,
                slugify(&c.department)
            );
            diagnostics
                .push(Diagnostic::error("reserved-slug", &c.source.file, None, message).note(hint));
        }
        if let Some(other) = seen.insert(&c.slug, &c.source.file) {
            let message = format!(
                "this file and {other} both get the web address /{}/{}/",
                wijk.slug, c.slug
            );
            diagnostics.push(
                Diagnostic::error("duplicate-slug", &c.source.file, None, message)
                    .note("rename one of the two files"),
            );
        }
    }
}

fn check_projects(wijk: &Wijk, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for c in &wijk.contributions {
        let Some(key) = &c.project else { continue };
        let slug = slugify(key);
        let line = Some(c.line_of("project"));
        if slug.is_empty() {
            let message = format!("the project key `{key}` gives no web address");
            diagnostics.push(
                Diagnostic::error("invalid-field", &c.source.file, line, message)
                    .note("use letters and digits, like project = \"warmtenet-bloemstraat\""),
            );
            continue;
        }
        match seen.get(&slug) {
            Some(other) if *other != key.as_str() => {
                let message = format!(
                    "the project keys `{other}` and `{key}` get the same web address /{}/project/{slug}/",
                    wijk.slug
                );
                diagnostics.push(
                    Diagnostic::error("duplicate-slug", &c.source.file, line, message).note(
                        format!("write `project = \"{other}\"` if it is the same project"),
                    ),
                );
            }
            Some(_) => {}
            None => {
                seen.insert(slug, key);
            }
        }
    }
}
