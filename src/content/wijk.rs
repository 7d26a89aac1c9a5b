//! Parses a wijk's `_index.md`: its name, streets, contact point, glossary
//! and project titles.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::FieldReader;
use super::frontmatter::read;
use super::postcode;
use crate::error::Diagnostic;
use crate::model::{Contact, Source, Street, Wijk};
use crate::slug::slugify;

pub const INDEX: &str = "_index.md";

const FIELDS: &[&str] = &[
    "name", "summary", "streets", "contact", "glossary", "projects",
];
const CONTACT_FIELDS: &[&str] = &["name", "role", "email", "phone", "visit"];

/// Parses the normalized text of a wijk's `_index.md`; contributions are
/// added later.
pub fn parse(file: &str, slug: &str, text: &str) -> (Option<Wijk>, Vec<Diagnostic>) {
    let document = match read(
        file,
        text,
        "kijk op deze regel naar de aanhalingstekens, het =-teken en de haken; tekst staat tussen dubbele aanhalingstekens: name = \"Tuinwijk-Oost\"",
    ) {
        Ok(document) => document,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let front_matter = document.front_matter;
    let mut diagnostics = Vec::new();
    let mut reader = FieldReader::new(&front_matter, file, &mut diagnostics);
    reader.deny_unknown(FIELDS);
    let name = reader.string("name", true, "name = \"Tuinwijk-Oost\"");
    let summary = reader.string(
        "summary",
        true,
        "summary = \"Samen maken we Tuinwijk-Oost aardgasvrij.\"",
    );
    let streets = read_street_entries(&mut reader).map(|names| read_streets(&mut reader, names));
    let contact = read_contact(&mut reader);
    let glossary = read_text_table(
        &mut reader,
        "glossary",
        "[glossary]\nwarmtenet = \"Buizen onder de grond die warm water naar de huizen brengen.\"",
    );
    let projects = read_text_table(
        &mut reader,
        "projects",
        "[projects]\nwarmtenet-bloemstraat = \"Bloemstraat: warmtenet, riool en bomen in één keer\"",
    );
    let body_line = document.body_line;
    let body_html = super::render_body(file, document.body, body_line, &mut diagnostics).html;
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let wijk = match (name, summary, streets, contact) {
        (Some(name), Some(summary), Some(streets), Some(contact)) if !has_errors => Some(Wijk {
            slug: slug.to_string(),
            name,
            summary,
            streets,
            contact,
            glossary,
            projects,
            body_html,
            body_markdown: document.body.to_string(),
            source: Source {
                file: file.to_string(),
                body_line,
            },
            contributions: Vec::new(),
            geometry: None,
            broken: Vec::new(),
            links: Default::default(),
            attachments: Vec::new(),
            used: Default::default(),
            redirects: Vec::new(),
            external: Vec::new(),
            foreign_paths: Vec::new(),
            later_links: Vec::new(),
        }),
        _ => None,
    };
    (wijk, diagnostics)
}

const STREETS_EXAMPLE: &str =
    "streets = [\"Lindelaan\", { name = \"Bloemstraat\", postcodes = [\"1234 AB\"] }]";

/// The `streets` list as written: each a plain name or a table
/// `{ name, postcodes }`, with normalised postcodes.
fn read_street_entries(reader: &mut FieldReader) -> Option<Vec<(String, Vec<String>)>> {
    let items: Vec<toml::Value> = match reader.raw("streets") {
        None => {
            reader.missing("streets", STREETS_EXAMPLE);
            return None;
        }
        Some(toml::Value::String(name)) => vec![toml::Value::String(name.clone())],
        Some(toml::Value::Array(items)) => items.clone(),
        Some(_) => {
            let hint = format!("schrijf het zo: {STREETS_EXAMPLE}");
            let message = "het veld \"streets\" moet een lijst van straten zijn".into();
            reader.error("invalid-field", "streets", message, hint);
            return None;
        }
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        match item {
            toml::Value::String(name) => entries.push((name.trim().to_string(), Vec::new())),
            toml::Value::Table(table) => entries.extend(read_street_table(reader, &table)),
            other => {
                let message =
                    format!("in de lijst \"streets\" staat iets dat geen straat is: {other}");
                let hint = format!(
                    "schrijf elke straat als naam tussen aanhalingstekens, of met postcodes als {{ name = \"...\", postcodes = [\"...\"] }}: {STREETS_EXAMPLE}"
                );
                reader.error("invalid-field", "streets", message, hint);
            }
        }
    }
    Some(entries)
}

/// One `{ name = "...", postcodes = [...] }` entry of `streets`.
fn read_street_table(
    reader: &mut FieldReader,
    table: &toml::Table,
) -> Option<(String, Vec<String>)> {
    for key in table
        .keys()
        .filter(|k| !["name", "postcodes"].contains(&k.as_str()))
    {
        let message =
            format!("een straat in \"streets\" heeft een veld \"{key}\" dat niet bestaat");
        let hint = match crate::content::fields::did_you_mean(key, ["name", "postcodes"]) {
            Some(best) => format!("bedoelt u \"{best}\"?"),
            None => "een straat heeft alleen name en postcodes: { name = \"Bloemstraat\", postcodes = [\"1234 AB\"] }".into(),
        };
        reader.error("unknown-field", "streets", message, hint);
    }
    let Some(name) = table.get("name").and_then(toml::Value::as_str) else {
        let message = "een straat in \"streets\" heeft geen naam (name)".into();
        let hint =
            "schrijf de straat zo: { name = \"Bloemstraat\", postcodes = [\"1234 AB\"] }".into();
        reader.error("missing-field", "streets", message, hint);
        return None;
    };
    let name = name.trim().to_string();
    let written: Vec<&toml::Value> = match table.get("postcodes") {
        None => Vec::new(),
        Some(toml::Value::Array(items)) => items.iter().collect(),
        Some(single @ toml::Value::String(_)) => vec![single],
        Some(_) => {
            let message = format!("de postcodes van {name} moeten een lijst van teksten zijn");
            let hint = format!(
                "schrijf ze zo: {{ name = \"{name}\", postcodes = [\"1234 AB\", \"1234 AC\"] }}"
            );
            reader.error("invalid-field", "streets", message, hint);
            return Some((name, Vec::new()));
        }
    };
    let mut postcodes: Vec<String> = Vec::with_capacity(written.len());
    for value in written {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        match value.as_str().map(postcode::normalise) {
            Some(Ok(code)) if !postcodes.contains(&code) => postcodes.push(code),
            Some(Ok(_)) => {}
            Some(Err(bad)) => bad_postcode(reader, &name, &text, bad.reason()),
            None => bad_postcode(
                reader,
                &name,
                &text,
                "een postcode staat tussen aanhalingstekens",
            ),
        }
    }
    Some((name, postcodes))
}

fn bad_postcode(reader: &mut FieldReader, street: &str, text: &str, reason: &str) {
    let message = format!("\"{text}\" bij {street} is geen goede postcode: {reason}");
    let hint = "schrijf vier cijfers en twee letters, zo: postcodes = [\"1234 AB\"] (met of zonder spatie)".into();
    reader.error("bad-postcode", "streets", message, hint);
}

fn read_streets(reader: &mut FieldReader, names: Vec<(String, Vec<String>)>) -> Vec<Street> {
    let mut seen = BTreeSet::new();
    let mut streets = Vec::with_capacity(names.len());
    for (name, postcodes) in names {
        let slug = slugify(&name);
        if slug.is_empty() {
            reader.error(
                "invalid-field",
                "streets",
                format!("van de straatnaam \"{name}\" kan geen webadres worden gemaakt"),
                "schrijf de naam van de straat in letters, zo: streets = [\"Bloemstraat\"]".into(),
            );
        } else if slug.len() > crate::slug::MAX_LEN {
            reader.error(
                "name-too-long",
                "streets",
                format!(
                    "de straatnaam \"{}\" is te lang voor een webadres",
                    crate::linesafe::excerpt(&name, 60)
                ),
                crate::slug::TOO_LONG_HINT.into(),
            );
        } else if !seen.insert(slug.clone()) {
            reader.error(
                "duplicate-street",
                "streets",
                format!("de straat \"{name}\" staat twee keer in de lijst"),
                "noem elke straat één keer: haal de tweede weg".into(),
            );
        } else {
            streets.push(Street {
                name,
                slug,
                postcodes,
            });
        }
    }
    streets
}

fn read_contact(reader: &mut FieldReader) -> Option<Contact> {
    let example = "[contact]\nname = \"Fatima el Amrani\"\nemail = \"wijk@voorbeeld.nl\"";
    let Some(mut section) = reader.section("contact", example) else {
        if !reader.has("contact") {
            reader.missing("contact", example);
        }
        return None;
    };
    section.deny_unknown(CONTACT_FIELDS);
    let name = section.string("name", true, "name = \"Fatima el Amrani\"");
    let role = section.string("role", false, "role = \"Wijkregisseur\"");
    let email = section.string("email", false, "email = \"wijk@voorbeeld.nl\"");
    let phone = section.string("phone", false, "phone = \"14 020\"");
    let visit = section.string(
        "visit",
        false,
        "visit = \"Dinsdag 9.00-12.00, Buurthuis De Linde\"",
    );
    if email.is_none() && phone.is_none() {
        section.error(
            "missing-field",
            "",
            "het contactpunt heeft een e-mailadres of een telefoonnummer nodig".into(),
            "voeg onder [contact] een regel email = \"...\" of phone = \"...\" toe (of allebei)"
                .into(),
        );
    }
    Some(Contact {
        name: name?,
        role,
        email,
        phone,
        visit,
    })
}

fn read_text_table(
    reader: &mut FieldReader,
    name: &'static str,
    example: &str,
) -> BTreeMap<String, String> {
    let Some(mut section) = reader.section(name, example) else {
        return BTreeMap::new();
    };
    let keys: Vec<String> = section.entries().map(|(k, _)| k.clone()).collect();
    keys.into_iter()
        .filter_map(|key| section.string(&key, true, example).map(|text| (key, text)))
        .collect()
}
