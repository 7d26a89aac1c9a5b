//! `/straten/`: every street of the municipality A to Z, with letter
//! anchors; a street in two wijken once, linking to both. And
//! `/straten/index.json`, the data the page's search script filters.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

use serde::Serialize;

use super::{Frame, fields, root::WijkCard, to_value};
use crate::error::BuildError;
use crate::output::Sink;
use crate::slug::slugify;

/// The page's site path.
pub const PATH: &str = "/straten/";

/// One street of the index, as `index.json` writes it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndexStreet {
    pub name: String,
    /// Every postcode given for it in any wijk, sorted.
    pub postcodes: Vec<String>,
    pub pages: Vec<IndexPage>,
}

/// Where a street has a page: its wijk's name and the page's address.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndexPage {
    pub wijk: String,
    pub url: String,
}

/// The streets under one letter: `streets[range]` of the index.
#[derive(Debug)]
struct Letter {
    letter: String,
    id: String,
    range: Range<usize>,
}

/// The municipality's streets A to Z; one entry per street name, however
/// many wijken it runs through.
pub fn index(wijken: &[WijkCard], path: impl Fn(&str) -> String) -> Vec<IndexStreet> {
    let mut by_key: BTreeMap<(String, String), IndexStreet> = BTreeMap::new();
    for wijk in wijken {
        for street in &wijk.streets {
            let key = (sort_key(&street.name), street.slug.clone());
            let entry = by_key.entry(key).or_insert_with(|| IndexStreet {
                name: street.name.clone(),
                postcodes: Vec::new(),
                pages: Vec::new(),
            });
            entry.postcodes.extend(street.postcodes.iter().cloned());
            entry.pages.push(IndexPage {
                wijk: wijk.name.clone(),
                url: path(&format!("/{}/straten/{}/", wijk.slug, street.slug)),
            });
        }
    }
    by_key
        .into_values()
        .map(|mut street| {
            street.postcodes.sort();
            street.postcodes.dedup();
            street.pages.sort_by(|a, b| a.wijk.cmp(&b.wijk));
            street
        })
        .collect()
}

/// How a street is sorted: as a Dutch street guide does, without a leading
/// `'s-` or `'t` (`'s-Gravenweg` under G).
pub fn sort_key(name: &str) -> String {
    let trimmed = name.trim_start();
    let lower = trimmed.to_lowercase();
    let rest = ["'s-", "'s ", "'t-", "'t ", "’s-", "’s ", "’t-", "’t "]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower);
    slugify(rest)
}

fn letters(streets: &[IndexStreet]) -> Vec<Letter> {
    let mut letters: Vec<Letter> = Vec::new();
    for (at, street) in streets.iter().enumerate() {
        let first = sort_key(&street.name)
            .chars()
            .next()
            .filter(char::is_ascii_lowercase)
            .map_or_else(|| "#".to_string(), |c| c.to_ascii_uppercase().to_string());
        match letters.last_mut() {
            Some(letter) if letter.letter == first => letter.range.end = at + 1,
            _ => letters.push(Letter {
                id: if first == "#" {
                    "0-9".into()
                } else {
                    first.to_lowercase()
                },
                letter: first,
                range: at..at + 1,
            }),
        }
    }
    letters
}

/// The page's `letters` (each with `letter`, `id` and `streets`), made as
/// the template reads them: a municipality's every street as template
/// values at once would be a second, larger copy of the index beside it.
#[derive(Debug)]
struct Letters {
    streets: Vec<IndexStreet>,
    letters: Vec<Letter>,
}

/// One of [`Letters`], or its streets (`streets: true`).
#[derive(Debug)]
struct LetterView {
    all: Arc<Letters>,
    at: usize,
    streets: bool,
}

impl Object for Letters {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = key.as_usize().filter(|at| *at < self.letters.len())?;
        Some(Value::from_object(LetterView {
            all: self.clone(),
            at,
            streets: false,
        }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.letters.len())
    }
}

impl Object for LetterView {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        match self.streets {
            true => ObjectRepr::Seq,
            false => ObjectRepr::Map,
        }
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let letter = &self.all.letters[self.at];
        if self.streets {
            let street = letter.range.start + key.as_usize()?;
            return letter
                .range
                .contains(&street)
                .then(|| to_value(&self.all.streets[street]));
        }
        match key.as_str()? {
            "letter" => Some(Value::from(letter.letter.as_str())),
            "id" => Some(Value::from(letter.id.as_str())),
            "streets" => Some(Value::from_object(LetterView {
                all: self.all.clone(),
                at: self.at,
                streets: true,
            })),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        match self.streets {
            true => Enumerator::Seq(self.all.letters[self.at].range.len()),
            false => Enumerator::Str(&["letter", "id", "streets"]),
        }
    }
}

/// Renders `/straten/` and `/straten/index.json`.
pub fn render(frame: &Frame, wijken: &[WijkCard], sink: &dyn Sink) -> Result<(), BuildError> {
    let config = &frame.renderer.config;
    let streets = index(wijken, |p| config.path(p));
    let json = serde_json::to_string(&streets).map_err(|e| {
        BuildError::Template(format!(
            "straten/index.json kan niet worden gemaakt (technisch: {e})"
        ))
    })?;
    sink.put("straten/index.json", json.as_bytes())?;
    drop(json);
    let count = streets.len();
    let letters = Letters {
        letters: letters(&streets),
        streets,
    };
    let content = fields(&[
        ("letters", Value::from_object(letters)),
        ("count", to_value(&count)),
        ("index_url", to_value(&config.path("/straten/index.json"))),
        (
            "script_url",
            to_value(&config.path(&format!("/{}", frame.renderer.assets.published(SCRIPT)))),
        ),
    ]);
    frame.page(
        sink,
        "alle-straten.html",
        "straten/index.html",
        None,
        &frame.root_parts()?,
        frame.t["all_streets_title"],
        frame.t["all_streets_intro"],
        content,
    )
}

/// The search script, a static file of the theme (published under a hash).
pub const SCRIPT: &str = "assets/straten.js";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Street;

    fn card(slug: &str, name: &str, streets: &[(&str, &[&str])]) -> WijkCard {
        WijkCard {
            slug: slug.into(),
            name: name.into(),
            summary: String::new(),
            contact: String::new(),
            contact_role: None,
            streets: streets
                .iter()
                .map(|(n, codes)| Street {
                    name: n.to_string(),
                    slug: slugify(n),
                    postcodes: codes.iter().map(|c| c.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_border_street_is_listed_once_with_both_wijken() {
        let wijken = [
            card(
                "oost",
                "Oost",
                &[("Dorpsstraat", &["1234 AB"]), ("Beekweg", &[])],
            ),
            card("west", "West", &[("Dorpsstraat", &["1234 AC", "1234 AB"])]),
        ];
        let streets = index(&wijken, |p| format!("/base{p}"));
        assert_eq!(streets.len(), 2);
        assert_eq!(streets[0].name, "Beekweg");
        let dorp = &streets[1];
        assert_eq!(dorp.postcodes, ["1234 AB", "1234 AC"]);
        let urls: Vec<&str> = dorp.pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/base/oost/straten/dorpsstraat/",
                "/base/west/straten/dorpsstraat/"
            ]
        );
    }

    #[test]
    fn sorts_the_dutch_way_with_letters() {
        let wijken = [card(
            "w",
            "W",
            &[
                ("Zandweg", &[]),
                ("'s-Gravenweg", &[]),
                ("Ömerplein", &[]),
                ("1e Dwarsstraat", &[]),
                ("Achterom", &[]),
            ],
        )];
        let streets = index(&wijken, str::to_string);
        let names: Vec<&str> = streets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "1e Dwarsstraat",
                "Achterom",
                "'s-Gravenweg",
                "Ömerplein",
                "Zandweg"
            ]
        );
        let groups: Vec<(String, Range<usize>)> = letters(&streets)
            .into_iter()
            .map(|l| (l.letter, l.range))
            .collect();
        assert_eq!(
            groups,
            [
                ("#".into(), 0..1),
                ("A".into(), 1..2),
                ("G".into(), 2..3),
                ("O".into(), 3..4),
                ("Z".into(), 4..5)
            ]
        );
    }
}
