//! The pages every Dutch government site must have: `/toegankelijkheid/`
//! (the accessibility statement, from `[accessibility]`) and `/privacy/`,
//! both in plain language, and `/.well-known/security.txt` from `[security]`.

use serde::Serialize;

use super::{Frame, WijkCard, fields, to_value};
use crate::config::Language;
use crate::config::publishing::Status;
use crate::error::BuildError;
use crate::output::Sink;
use crate::publishing::security_txt;

/// The accessibility statement as the template shows it.
#[derive(Serialize)]
struct Statement<'a> {
    status: &'static str,
    status_label: &'static str,
    status_text: &'static str,
    evaluated: String,
    evaluated_iso: String,
    report: Option<&'a str>,
    register: Option<&'a str>,
    known_issues: &'a [String],
}

/// How residents reach the organisation: its own `contact`, else each
/// wijk's contact point.
#[derive(Serialize)]
struct Reach<'a> {
    url: Option<&'a str>,
    label: Option<&'a str>,
    wijken: Vec<WijkContact<'a>>,
}

#[derive(Serialize)]
struct WijkContact<'a> {
    name: &'a str,
    contact: &'a str,
    url: String,
}

/// Renders `/toegankelijkheid/`, `/privacy/` and, with `[security]`,
/// `/.well-known/security.txt`.
pub fn render_legal(frame: &Frame, wijken: &[WijkCard], sink: &dyn Sink) -> Result<(), BuildError> {
    let config = &frame.renderer.config;
    let contact = config.publishing.contact.as_deref();
    let reach = Reach {
        url: contact,
        label: contact.map(|c| c.strip_prefix("mailto:").unwrap_or(c)),
        wijken: wijken
            .iter()
            .map(|w| WijkContact {
                name: &w.name,
                contact: &w.contact,
                url: config.path(&format!("/{}/contact/", w.slug)),
            })
            .collect(),
    };
    let statement = config.publishing.accessibility.as_ref().map(|a| {
        let (status_label, status_text) = status_words(a.status, config.language);
        Statement {
            status: a.status.letter(),
            status_label,
            status_text,
            evaluated: crate::render::dates::date(a.evaluated, config.language),
            evaluated_iso: a.evaluated.to_string(),
            report: a.report.as_deref(),
            register: a.register.as_deref(),
            known_issues: &a.known_issues,
        }
    });
    let shared = [
        ("reach", to_value(&reach)),
        ("organisation", to_value(&config.organisation())),
        ("site_url", to_value(&config.url("/"))),
    ];
    let mut accessibility = shared.to_vec();
    accessibility.push(("statement", to_value(&statement)));
    let parts = frame.root_parts()?;
    frame.page(
        sink,
        "toegankelijkheid.html",
        "toegankelijkheid/index.html",
        None,
        &parts,
        frame.t["accessibility_title"],
        frame.t["accessibility_intro"],
        fields(&accessibility),
    )?;
    frame.page(
        sink,
        "privacy.html",
        "privacy/index.html",
        None,
        &parts,
        frame.t["privacy_title"],
        frame.t["privacy_intro"],
        fields(&shared),
    )?;
    if let Some(security) = &config.publishing.security {
        let text = security_txt::security_txt(config, security);
        sink.put(security_txt::PATH, text.as_bytes())?;
    }
    Ok(())
}

/// The register's name of a status and what it means, in plain words.
fn status_words(status: Status, language: Language) -> (&'static str, &'static str) {
    match (language, status) {
        (Language::Nl, Status::A) => (
            "voldoet volledig",
            "De website voldoet aan alle eisen. Dat blijkt uit een onderzoek door een deskundige.",
        ),
        (Language::Nl, Status::B) => (
            "voldoet gedeeltelijk",
            "De website voldoet aan een deel van de eisen. Wat nog niet goed is, staat hieronder. We werken eraan.",
        ),
        (Language::Nl, Status::C) => (
            "eerste maatregelen genomen",
            "We hebben de eerste stappen gezet om aan de eisen te voldoen. Er is nog werk te doen.",
        ),
        (Language::Nl, Status::D) => (
            "geen maatregelen genomen",
            "We hebben nog geen stappen gezet om aan de eisen te voldoen.",
        ),
        (Language::Nl, Status::E) => ("voldoet niet", "De website voldoet nog niet aan de eisen."),
        (Language::En, Status::A) => (
            "fully compliant",
            "The website meets all requirements. An audit by an expert shows this.",
        ),
        (Language::En, Status::B) => (
            "partially compliant",
            "The website meets part of the requirements. What is not right yet is listed below. We are working on it.",
        ),
        (Language::En, Status::C) => (
            "first measures taken",
            "We have taken the first steps to meet the requirements. There is more work to do.",
        ),
        (Language::En, Status::D) => (
            "no measures taken",
            "We have not yet taken steps to meet the requirements.",
        ),
        (Language::En, Status::E) => (
            "not compliant",
            "The website does not meet the requirements yet.",
        ),
    }
}
