//! The publishing settings of `site.toml` (see `publishing.md` in the spec):
//! `organisation`, `contact`, `tokens`, `[accessibility]` and `[security]`.
//! Every mistake becomes a diagnostic naming the line, like the rest of
//! `site.toml`.

use std::path::Path;

use jiff::civil::Date;

use crate::content::fields::FieldReader;
use crate::error::{Diagnostic, io_reason};

/// The register's status of an accessibility statement (A to E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    A,
    B,
    C,
    D,
    E,
}

impl Status {
    fn parse(text: &str) -> Option<Status> {
        match text.trim().to_ascii_uppercase().as_str() {
            "A" => Some(Status::A),
            "B" => Some(Status::B),
            "C" => Some(Status::C),
            "D" => Some(Status::D),
            "E" => Some(Status::E),
            _ => None,
        }
    }

    /// The letter as the register writes it.
    pub fn letter(self) -> &'static str {
        match self {
            Status::A => "A",
            Status::B => "B",
            Status::C => "C",
            Status::D => "D",
            Status::E => "E",
        }
    }
}

/// `[accessibility]`: what the accessibility statement says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessibility {
    pub status: Status,
    pub evaluated: Date,
    pub report: Option<String>,
    pub register: Option<String>,
    pub known_issues: Vec<String>,
}

/// `[security]`: the fields of `/.well-known/security.txt` (RFC 9116).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    /// One or more `mailto:` or `https:` addresses.
    pub contacts: Vec<String>,
    pub expires: Date,
    /// The line of `expires` in `site.toml`, for `security-expired`.
    pub expires_line: usize,
    pub preferred_languages: Option<String>,
    pub policy: Option<String>,
    pub encryption: Option<String>,
    pub acknowledgments: Option<String>,
}

/// `tokens = "/huisstijl/tokens.css"`: a municipality's design tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The site path as written (`/huisstijl/tokens.css`), without the base path.
    pub path: String,
    /// Its line in `site.toml`.
    pub line: usize,
    /// The file's text, filled in by `Config::load` (empty from `parse`).
    pub css: String,
}

/// The publishing settings, with defaults filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publishing {
    /// Who is responsible for the site; `None` means the title.
    pub organisation: Option<String>,
    /// How residents reach the organisation (`mailto:` or `https:`).
    pub contact: Option<String>,
    pub tokens: Option<Tokens>,
    pub accessibility: Option<Accessibility>,
    pub security: Option<Security>,
}

/// Reads the publishing settings; mistakes go to the reader's diagnostics.
pub fn read(reader: &mut FieldReader) -> Publishing {
    let organisation = reader.string(
        "organisation",
        false,
        "organisation = \"Gemeente Voorbeeld\"",
    );
    let contact = reader
        .string(
            "contact",
            false,
            "contact = \"https://www.voorbeeld.nl/contact\"",
        )
        .and_then(|value| contact_address(reader, "contact", value));
    let tokens = read_tokens(reader);
    let accessibility = read_accessibility(reader);
    let security = read_security(reader);
    Publishing {
        organisation,
        contact,
        tokens,
        accessibility,
        security,
    }
}

fn read_tokens(reader: &mut FieldReader) -> Option<Tokens> {
    let path = reader.string("tokens", false, "tokens = \"/huisstijl/tokens.css\"")?;
    let clean = path.starts_with('/')
        && path.ends_with(".css")
        && !path.split('/').any(|part| part == ".." || part == ".")
        && !path.contains(['\\', '"', '<', '>', '?', '#', ' ']);
    if !clean {
        reader.error(
            "invalid-field",
            "tokens",
            format!("\"tokens\" moet het pad van een CSS-bestand op de site zijn; er staat: \"{path}\""),
            "zet het bestand in themes/<thema>/static/ en schrijf het pad vanaf de hoofdmap van de site, zo: tokens = \"/huisstijl/tokens.css\"".into(),
        );
        return None;
    }
    Some(Tokens {
        line: reader.line("tokens"),
        path,
        css: String::new(),
    })
}

fn read_accessibility(reader: &mut FieldReader) -> Option<Accessibility> {
    let mut section = reader.section(
        "accessibility",
        "[accessibility]\nstatus = \"B\"\nevaluated = 2026-06-01",
    )?;
    section.deny_unknown(&["status", "evaluated", "report", "register", "known_issues"]);
    let status = section
        .string("status", true, "status = \"B\"")
        .and_then(|letter| match Status::parse(&letter) {
            Some(status) => Some(status),
            None => {
                section.error(
                    "invalid-field",
                    "status",
                    format!("de status \"{letter}\" bestaat niet in het register van toegankelijkheidsverklaringen"),
                    "schrijf een van de letters A, B, C, D of E, zoals de verklaring in het register ze heeft: status = \"B\"".into(),
                );
                None
            }
        });
    let evaluated = section.date("evaluated", true, "evaluated = 2026-06-01");
    let report = web_address(
        &mut section,
        "report",
        "report = \"https://www.voorbeeld.nl/onderzoek.pdf\"",
    );
    let register = web_address(
        &mut section,
        "register",
        "register = \"https://www.toegankelijkheidsverklaring.nl/register/1234\"",
    );
    let known_issues = section
        .strings(
            "known_issues",
            false,
            "known_issues = [\"De kaarten zijn niet met een schermlezer te bedienen.\"]",
        )
        .unwrap_or_default()
        .into_iter()
        .filter(|issue| !issue.is_empty())
        .collect();
    Some(Accessibility {
        status: status?,
        evaluated: evaluated?,
        report,
        register,
        known_issues,
    })
}

fn read_security(reader: &mut FieldReader) -> Option<Security> {
    let mut section = reader.section(
        "security",
        "[security]\ncontact = \"mailto:security@voorbeeld.nl\"\nexpires = 2027-06-30",
    )?;
    section.deny_unknown(&[
        "contact",
        "expires",
        "preferred_languages",
        "policy",
        "encryption",
        "acknowledgments",
    ]);
    let contacts: Option<Vec<String>> = section
        .strings(
            "contact",
            true,
            "contact = \"mailto:security@voorbeeld.nl\"",
        )
        .map(|all| {
            all.into_iter()
                .filter_map(|value| contact_address(&mut section, "contact", value))
                .collect()
        });
    let expires = section.date("expires", true, "expires = 2027-06-30");
    let preferred_languages = section
        .string("preferred_languages", false, "preferred_languages = \"nl, en\"")
        .and_then(|languages| {
            let tags_ok = languages.split(',').all(|tag| {
                let tag = tag.trim();
                !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
            if tags_ok {
                Some(languages)
            } else {
                section.error(
                    "invalid-field",
                    "preferred_languages",
                    format!("\"preferred_languages\" onder [security] moet een lijst van taalcodes zijn; er staat: \"{languages}\""),
                    "schrijf de codes gescheiden door komma's, zo: preferred_languages = \"nl, en\"".into(),
                );
                None
            }
        });
    let policy = web_address(
        &mut section,
        "policy",
        "policy = \"https://www.voorbeeld.nl/cvd\"",
    );
    let encryption = web_address(
        &mut section,
        "encryption",
        "encryption = \"https://www.voorbeeld.nl/pgp-key.txt\"",
    );
    let acknowledgments = web_address(
        &mut section,
        "acknowledgments",
        "acknowledgments = \"https://www.voorbeeld.nl/hall-of-fame\"",
    );
    let contacts = contacts.filter(|c| !c.is_empty())?;
    Some(Security {
        contacts,
        expires_line: section.line("expires"),
        expires: expires?,
        preferred_languages,
        policy,
        encryption,
        acknowledgments,
    })
}

/// Reads the token file `tokens` names from the theme's static folder
/// under `root`.
pub fn load_tokens(root: &Path, theme: &str, tokens: &mut Tokens) -> Result<(), Diagnostic> {
    let theme = root.join("themes").join(theme);
    let file = theme
        .join("static")
        .join(tokens.path.trim_start_matches('/'));
    let shown = crate::error::display_path(root, &file);
    let read = match crate::sitefs::read(root, &file) {
        Ok(bytes) => Ok(bytes),
        Err(crate::sitefs::ReadError::Io(e)) => Err(e),
        Err(outside) => {
            let mut error = outside.diagnostic(root, &file, "het bestand met de huisstijl");
            error.file = crate::config::FILE.into();
            error.line = Some(tokens.line);
            return Err(error);
        }
    };
    match read.map(String::from_utf8) {
        Ok(Ok(css)) => {
            tokens.css = css;
            Ok(())
        }
        Ok(Err(_)) => Err(Diagnostic::error(
            "unreadable-tokens",
            crate::config::FILE,
            Some(tokens.line),
            format!("het bestand met de huisstijl ({shown}) is geen tekst (UTF-8)"),
        )
        .note("sla het CSS-bestand op als UTF-8")),
        Err(e) => Err(Diagnostic::error(
            "unreadable-tokens",
            crate::config::FILE,
            Some(tokens.line),
            format!(
                "het bestand met de huisstijl, {shown}, kan niet worden gelezen: {}",
                io_reason(&e)
            ),
        )
        .note(format!(
            "zet het CSS-bestand met de tokens in {}, of haal de regel tokens = \"{}\" weg",
            crate::error::display_path(root, &theme.join("static")),
            tokens.path
        ))),
    }
}

/// A value that ends up in a line-based file or an attribute must be one
/// clean line without spaces.
fn one_clean_token(value: &str) -> bool {
    !value.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A `contact`: `mailto:` or `https:`, one address.
fn contact_address(reader: &mut FieldReader, key: &str, value: String) -> Option<String> {
    let ok = one_clean_token(&value)
        && !value.contains(['"', '<', '>'])
        && ((value.starts_with("mailto:") && value.len() > "mailto:".len() && value.contains('@'))
            || (value.starts_with("https://") && value.len() > "https://".len()));
    if ok {
        return Some(value);
    }
    let hint = if value.contains('@') && !value.contains(':') {
        format!(
            "zet mailto: voor een e-mailadres, zo: {key} = \"mailto:{}\"",
            value.trim()
        )
    } else if value.starts_with("www.") {
        format!(
            "zet https:// voor het webadres, zo: {key} = \"https://{}\"",
            value.trim()
        )
    } else {
        format!(
            "schrijf een e-mailadres met mailto: of een webadres met https://, zo: {key} = \"mailto:security@voorbeeld.nl\""
        )
    };
    reader.error(
        "invalid-field",
        key,
        format!("\"{key}\" moet beginnen met mailto: of https://; er staat: \"{value}\""),
        hint,
    );
    None
}

/// An optional web address (`https://` or `http://`).
fn web_address(reader: &mut FieldReader, key: &str, example: &str) -> Option<String> {
    let value = reader.string(key, false, example)?;
    let ok = one_clean_token(&value)
        && !value.contains(['"', '<', '>'])
        && ["https://", "http://"]
            .iter()
            .any(|scheme| value.starts_with(scheme) && value.len() > scheme.len());
    if ok {
        return Some(value);
    }
    reader.error(
        "invalid-field",
        key,
        format!("in het veld \"{key}\" staat geen webadres: \"{value}\""),
        format!("schrijf het hele adres met https:// ervoor, zo: {example}"),
    );
    None
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    const BASE: &str = "title = \"Gemeente G\"\nbase_url = \"https://w.example.nl\"\n";

    fn parse(extra: &str) -> Result<Config, Vec<crate::error::Diagnostic>> {
        Config::parse(&format!("{BASE}{extra}"))
    }

    #[test]
    fn reads_every_publishing_field() {
        let config = parse(
            "organisation = \"Gemeente Zandvoorde\"\ncontact = \"https://z.example/contact\"\ntokens = \"/huisstijl/tokens.css\"\n[accessibility]\nstatus = \"b\"\nevaluated = 2026-06-01\nreport = \"https://z.example/r.pdf\"\nknown_issues = [\"Kaarten.\"]\n[security]\ncontact = [\"mailto:security@z.example\", \"https://z.example/cvd\"]\nexpires = 2027-06-30\npreferred_languages = \"nl, en\"\n",
        )
        .unwrap();
        let p = &config.publishing;
        assert_eq!(p.organisation.as_deref(), Some("Gemeente Zandvoorde"));
        assert_eq!(p.tokens.as_ref().unwrap().line, 5);
        let a = p.accessibility.as_ref().unwrap();
        assert_eq!(a.status.letter(), "B");
        assert_eq!(a.known_issues, ["Kaarten."]);
        let s = p.security.as_ref().unwrap();
        assert_eq!(s.contacts.len(), 2);
        assert_eq!(s.expires_line, 13);
        assert_eq!(config.organisation(), "Gemeente Zandvoorde");
    }

    #[test]
    fn names_the_line_of_every_publishing_mistake() {
        let errors = parse(
            "contact = \"info@z.example\"\ntokens = \"huisstijl.css\"\n[accessibility]\nstatus = \"F\"\nevaluated = \"juni\"\nverslag = \"x\"\n[security]\ncontact = \"security@z.example\"\nexpires = 2027-06-30\npreferred_languages = \"nl; en\"\n",
        )
        .unwrap_err();
        let found: Vec<_> = errors.iter().map(|d| (d.code, d.line.unwrap())).collect();
        for expected in [
            ("invalid-field", 3),
            ("invalid-field", 4),
            ("invalid-field", 6),
            ("bad-date", 7),
            ("unknown-field", 8),
            ("invalid-field", 10),
            ("invalid-field", 12),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
        let mailto = errors.iter().find(|d| d.line == Some(10)).unwrap();
        assert!(
            mailto.notes[0].contains("mailto:security@z.example"),
            "{mailto:?}"
        );
    }

    #[test]
    fn a_section_that_is_not_a_table_is_an_error() {
        let errors = parse("accessibility = \"B\"\nsecurity = 3\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|d| d.code == "invalid-field"));
    }

    #[test]
    fn missing_required_fields_in_a_section() {
        let errors = parse("[security]\npreferred_languages = \"nl\"\n").unwrap_err();
        let codes: Vec<_> = errors.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["missing-field", "missing-field"], "{errors:?}");
    }
}
