//! The site-wide findings about publishing, from `site.toml` and the day
//! of the build: `no-accessibility-statement` (warning), `security-expired`
//! (an error once `expires` has passed, a warning within 30 days) and
//! `nl-contrast` (house-style colours that fail WCAG contrast).

use jiff::ToSpan;
use jiff::civil::Date;

use crate::config::{Config, FILE};
use crate::error::Diagnostic;

/// Days before `expires` that `security-expired` starts to warn.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Every publishing finding of the site on `today`.
pub fn check(config: &Config, today: Date) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if config.publishing.accessibility.is_none() {
        found.push(
            Diagnostic::warning(
                "no-accessibility-statement",
                FILE,
                None,
                "de site heeft geen toegankelijkheidsverklaring: /toegankelijkheid/ zegt nu alleen wat de site nastreeft",
            )
            .note("elke website van de overheid moet er een hebben (Besluit digitale toegankelijkheid overheid); voeg toe:\n    [accessibility]\n    status = \"B\"\n    evaluated = 2026-06-01"),
        );
    }
    if let Some(security) = &config.publishing.security {
        let expires = security.expires;
        let line = Some(security.expires_line);
        let renew = format!(
            "zet een nieuwe datum, hoogstens een jaar vooruit: expires = {}",
            today.checked_add(1.year()).unwrap_or(today)
        );
        if expires < today {
            found.push(
                Diagnostic::error(
                    "security-expired",
                    FILE,
                    line,
                    format!("security.txt is verlopen: expires = {expires} ligt voor vandaag ({today}); onderzoekers mogen de gegevens dan niet meer vertrouwen"),
                )
                .note(renew),
            );
        } else if expires
            <= today
                .checked_add(EXPIRY_WARNING_DAYS.days())
                .unwrap_or(today)
        {
            let days = (expires - today).get_days();
            found.push(
                Diagnostic::warning(
                    "security-expired",
                    FILE,
                    line,
                    format!("security.txt verloopt over {days} dag(en), op {expires}"),
                )
                .note(renew),
            );
        }
    }
    if let Some(tokens) = &config.publishing.tokens {
        found.extend(super::contrast::check(&tokens.css, tokens.line));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Config {
        Config::parse(&format!(
            "title = \"G\"\nbase_url = \"https://g.example\"\n{extra}"
        ))
        .unwrap()
    }

    const STATEMENT: &str = "[accessibility]\nstatus = \"A\"\nevaluated = 2026-06-01\n";

    #[test]
    fn warns_without_an_accessibility_statement() {
        let found = check(&config(""), Date::constant(2027, 1, 15));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "no-accessibility-statement");
        assert!(!found[0].is_error());
        assert!(check(&config(STATEMENT), Date::constant(2027, 1, 15)).is_empty());
    }

    #[test]
    fn security_txt_expires_an_error_after_and_a_warning_within_30_days() {
        let site = config(&format!(
            "{STATEMENT}[security]\ncontact = \"mailto:s@g.example\"\nexpires = 2027-06-30\n"
        ));
        let on = |y, m, d| check(&site, Date::constant(y, m, d));
        assert!(on(2027, 5, 30).is_empty());
        let soon = on(2027, 5, 31);
        assert_eq!(
            (soon[0].code, soon[0].is_error()),
            ("security-expired", false)
        );
        assert!(soon[0].message.contains("30 dag"), "{:?}", soon[0]);
        assert!(!on(2027, 6, 30)[0].is_error());
        let past = on(2027, 7, 1);
        assert_eq!(
            (past[0].code, past[0].is_error()),
            ("security-expired", true)
        );
        assert_eq!(past[0].line, Some(8));
    }
}
