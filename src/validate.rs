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
                "de straat \"{street}\" hoort niet bij de wijk {}",
                wijk.name
            );
            let hint = match did_you_mean(street, wijk.streets.iter().map(|s| s.name.as_str())) {
                Some(best) => format!("bedoelt u \"{best}\"?"),
                None => format!(
                    "kies een straat uit de lijst streets in {index_file}, of zet deze straat daar in de lijst"
                ),
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
                "het webadres /{}/{}/ gebruikt de site zelf al",
                wijk.slug, c.slug
            );
            let hint = format!(
                "geef het bestand een andere naam, bijvoorbeeld \"{}-{}.md\"",
                c.slug,
                slugify(&c.department)
            );
            diagnostics
                .push(Diagnostic::error("reserved-slug", &c.source.file, None, message).note(hint));
        }
        if let Some(other) = seen.insert(&c.slug, &c.source.file) {
            let message = format!(
                "dit bestand en {other} krijgen allebei het webadres /{}/{}/",
                wijk.slug, c.slug
            );
            diagnostics.push(
                Diagnostic::error("duplicate-slug", &c.source.file, None, message)
                    .note("geef een van de twee bestanden een andere naam"),
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
            let message =
                format!("van de projectsleutel \"{key}\" kan geen webadres worden gemaakt");
            diagnostics.push(
                Diagnostic::error("invalid-field", &c.source.file, line, message)
                    .note("gebruik letters en cijfers, zo: project = \"warmtenet-bloemstraat\""),
            );
            continue;
        }
        match seen.get(&slug) {
            Some(other) if *other != key.as_str() => {
                let message = format!(
                    "de projectsleutels \"{other}\" en \"{key}\" krijgen hetzelfde webadres /{}/project/{slug}/",
                    wijk.slug
                );
                diagnostics.push(
                    Diagnostic::error("duplicate-slug", &c.source.file, line, message).note(
                        format!("schrijf project = \"{other}\" als het om hetzelfde project gaat; anders een andere sleutel"),
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
