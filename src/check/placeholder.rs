//! `placeholder`: a contribution that is not a draft still holds an example
//! text that `wijkverhaal new` wrote ([`crate::scaffold::placeholder`]), such
//! as "Vul hier de plek in". Residents would read it on the site.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::error::Diagnostic;
use crate::model::Contribution;
use crate::scaffold::placeholder;

/// A searcher for each of [`placeholder::ALL`], made once: the body
/// placeholders are looked for in every body of the site.
static FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| {
    placeholder::ALL
        .iter()
        .map(|(_, text)| Finder::new(text.as_bytes()))
        .collect()
});

/// The placeholders left in `c`, one error per field; none for drafts.
pub fn check(c: &Contribution) -> Vec<Diagnostic> {
    if c.draft {
        return Vec::new();
    }
    let mut found: Vec<Diagnostic> = Vec::new();
    for ((field, text), finder) in placeholder::ALL.iter().zip(FINDERS.iter()) {
        let holds = match *field {
            "summary" => c.summary.as_deref().is_some_and(|v| v.contains(text)),
            "streets" => c.streets.iter().any(|street| street.contains(text)),
            "location" => c.location.as_deref().is_some_and(|v| v.contains(text)),
            _ => finder.find(c.body_markdown.as_bytes()).is_some(),
        };
        if !holds {
            continue;
        }
        let line = match *field {
            "summary" | "streets" | "location" => c.line_of(field),
            _ => body_line(c, text),
        };
        if found.iter().any(|d| d.line == Some(line)) {
            continue;
        }
        let what = if *field == "body" {
            "de tekst".to_string()
        } else {
            format!("het veld \"{field}\"")
        };
        let message = format!("in {what} staat nog de voorbeeldtekst \"{text}\"");
        let hint = match *field {
            "body" => "schrijf hier uw eigen tekst voor bewoners; is hij nog niet af, zet dan draft = true terug".to_string(),
            "streets" => "schrijf de straat waar gewerkt wordt, zo: streets = [\"Bloemstraat\"] (de straten staan in _index.md van de wijk)".to_string(),
            "location" => "schrijf waar de bijeenkomst is, zo: location = \"Buurthuis De Linde, Lindelaan 4\"".to_string(),
            _ => format!("schrijf een eigen zin voor in lijsten, zo: {field} = \"Van maart tot juni vervangen we het riool in de Bloemstraat.\""),
        };
        found
            .push(Diagnostic::error("placeholder", &c.source.file, Some(line), message).note(hint));
    }
    found
}

/// The file line where `text` stands in the body.
fn body_line(c: &Contribution, text: &str) -> usize {
    c.body_markdown
        .lines()
        .position(|l| l.contains(text))
        .map_or(c.source.body_line, |n| c.source.body_line + n)
}
