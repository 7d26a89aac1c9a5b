//! The spec's checks that need more than one file: streets against the
//! wijk's list, slugs unique within a wijk and clear of reserved paths,
//! project keys that give distinct addresses.

use std::collections::BTreeMap;

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
        diagnostics.extend(crate::geo::kaart::check_works(wijk));
    }
    diagnostics
}

fn check_streets(wijk: &mut Wijk, diagnostics: &mut Vec<Diagnostic>) {
    let known = KnownStreets::of(wijk);
    for c in &mut wijk.contributions {
        let line = c.line_of("streets");
        known.check(&c.source.file, line, &mut c.streets, diagnostics);
        c.streets.dedup();
    }
    for b in &mut wijk.broken {
        known.check(&b.file, b.streets_line, &mut b.streets, diagnostics);
    }
}

/// A wijk's streets, to check a contribution's list against.
struct KnownStreets {
    by_slug: BTreeMap<String, String>,
    names: Vec<String>,
    wijk: String,
    index_file: String,
}

impl KnownStreets {
    fn of(wijk: &Wijk) -> KnownStreets {
        KnownStreets {
            by_slug: wijk
                .streets
                .iter()
                .map(|s| (s.slug.clone(), s.name.clone()))
                .collect(),
            names: wijk.streets.iter().map(|s| s.name.clone()).collect(),
            wijk: wijk.name.clone(),
            index_file: wijk.source.file.clone(),
        }
    }

    /// Reports every street that is not the wijk's, and writes the others
    /// the way the wijk's list does.
    fn check(
        &self,
        file: &str,
        line: usize,
        streets: &mut [String],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        for street in streets {
            if let Some(name) = self.by_slug.get(&slugify(street)) {
                *street = name.clone();
                continue;
            }
            let message = format!(
                "de straat \"{street}\" hoort niet bij de wijk {}",
                self.wijk
            );
            let hint = match self.close_to(street) {
                Some(best) => format!("bedoelt u \"{best}\"?"),
                None => format!(
                    "is dit een straat van de wijk, zet hem dan in de lijst in {}: {}",
                    self.index_file,
                    self.with(street)
                ),
            };
            diagnostics
                .push(Diagnostic::error("unknown-street", file, Some(line), message).note(hint));
        }
    }
}

impl KnownStreets {
    /// A street of the wijk that `street` is a typing mistake of: at most
    /// two letters apart, or the start of its name (`Bloemstr.`). A street
    /// that merely ends in "straat" too is no suggestion.
    fn close_to(&self, street: &str) -> Option<&str> {
        let wanted = street.trim_end_matches('.').to_lowercase();
        self.names
            .iter()
            .map(|name| {
                (
                    strsim::damerau_levenshtein(&wanted, &name.to_lowercase()),
                    name,
                )
            })
            .filter(|(distance, name)| {
                *distance <= 2.min(wanted.chars().count() / 4)
                    || (wanted.chars().count() >= 5 && name.to_lowercase().starts_with(&wanted))
            })
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, name)| name.as_str())
    }

    /// The wijk's `streets` line with `street` added.
    fn with(&self, street: &str) -> String {
        let names: Vec<String> = self
            .names
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(street))
            .map(|n| toml::Value::String(n.to_string()).to_string())
            .collect();
        format!("streets = [{}]", names.join(", "))
    }
}

fn check_slugs(wijk: &Wijk, diagnostics: &mut Vec<Diagnostic>) {
    let mut files: Vec<(&str, &str, String)> = wijk
        .contributions
        .iter()
        .map(|c| {
            (
                c.slug.as_str(),
                c.source.file.as_str(),
                slugify(&c.department),
            )
        })
        .chain(
            wijk.broken
                .iter()
                .map(|b| (b.slug.as_str(), b.file.as_str(), "nieuw".to_string())),
        )
        .filter(|(slug, ..)| !slug.is_empty())
        .collect();
    files.sort();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (slug, file, suffix) in files {
        if RESERVED_IN_WIJK.contains(&slug) {
            let message = format!(
                "het webadres /{}/{slug}/ gebruikt de site zelf al",
                wijk.slug
            );
            let hint =
                format!("geef het bestand een andere naam, bijvoorbeeld \"{slug}-{suffix}.md\"");
            diagnostics.push(Diagnostic::error("reserved-slug", file, None, message).note(hint));
        }
        if let Some(other) = seen.insert(slug, file) {
            let message = format!(
                "dit bestand en {other} krijgen allebei het webadres /{}/{slug}/",
                wijk.slug
            );
            diagnostics.push(
                Diagnostic::error("duplicate-slug", file, None, message)
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
        if slug.len() > crate::slug::MAX_LEN {
            let message = "de projectsleutel is te lang voor een webadres".to_string();
            diagnostics.push(
                Diagnostic::error("name-too-long", &c.source.file, line, message)
                    .note(crate::slug::TOO_LONG_HINT),
            );
        }
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
