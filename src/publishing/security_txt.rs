//! `/.well-known/security.txt` (RFC 9116) from `[security]` in `site.toml`:
//! where to report a vulnerability, until when that holds, and the file's
//! own address (`Canonical`) from the base URL.

use jiff::tz::TimeZone;

use crate::config::Config;
use crate::config::publishing::Security;

/// The path of the file in the output.
pub const PATH: &str = ".well-known/security.txt";

/// The file's text. Values were checked when `site.toml` was read (one
/// line without spaces, or a list of language tags); `linesafe` guards
/// the lines once more as they are written.
pub fn security_txt(config: &Config, security: &Security) -> String {
    let mut text = String::new();
    let mut field = |name: &str, value: &str| {
        text.push_str(name);
        text.push_str(": ");
        text.push_str(&crate::linesafe::line_value(value));
        text.push('\n');
    };
    for contact in &security.contacts {
        field("Contact", contact);
    }
    field("Expires", &expires(security.expires, &config.timezone));
    if let Some(languages) = &security.preferred_languages {
        let tags: Vec<&str> = languages.split(',').map(str::trim).collect();
        field("Preferred-Languages", &tags.join(", "));
    }
    for (name, value) in [
        ("Policy", &security.policy),
        ("Encryption", &security.encryption),
        ("Acknowledgments", &security.acknowledgments),
    ] {
        if let Some(value) = value {
            field(name, value);
        }
    }
    field("Canonical", &config.url(&format!("/{PATH}")));
    text
}

/// The end of the `expires` day in the site's zone, as an RFC 3339 instant in UTC.
fn expires(day: jiff::civil::Date, zone: &TimeZone) -> String {
    let end = day.at(23, 59, 59, 0);
    match end.to_zoned_datetime(zone.clone()) {
        Ok(zoned) => zoned.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => format!("{day}T23:59:59Z"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_fields_of_rfc_9116_with_the_canonical_address() {
        let config = Config::parse(
            "title = \"G\"\nbase_url = \"https://example.org/wijken/\"\n[security]\ncontact = [\"mailto:s@example.org\", \"https://example.org/cvd\"]\nexpires = 2027-06-30\npreferred_languages = \"nl,en\"\npolicy = \"https://example.org/beleid\"\n",
        )
        .unwrap();
        let security = config.publishing.security.as_ref().unwrap();
        assert_eq!(
            security_txt(&config, security),
            "Contact: mailto:s@example.org\nContact: https://example.org/cvd\nExpires: 2027-06-30T21:59:59Z\nPreferred-Languages: nl, en\nPolicy: https://example.org/beleid\nCanonical: https://example.org/wijken/.well-known/security.txt\n"
        );
    }
}
