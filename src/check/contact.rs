//! `second-contact`: an e-mail address or phone number in a contribution
//! that is not the wijk's own contact. Residents should have one contact
//! point; a department's own number splits the story.

use crate::error::Diagnostic;
use crate::model::{Contribution, Wijk};

use super::phone::{digits, phones};
use crate::content::text::Lines;

/// An e-mail address or phone number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub at: usize,
    /// As written.
    pub text: &'a str,
    pub kind: Kind,
    /// For comparing: the address in lower case, or the number's digits in
    /// national form (`+31 6 1234 5678` -> `0612345678`).
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
}

/// The wijk's own contact, as keys.
pub struct Own {
    email: Option<String>,
    phone: Option<String>,
}

impl Own {
    pub fn new(wijk: &Wijk) -> Own {
        let phone = wijk.contact.phone.as_deref().and_then(|p| {
            phones(p)
                .into_iter()
                .next()
                .map(|f| f.key)
                .or_else(|| Some(digits(p)))
        });
        Own {
            email: wijk.contact.email.as_deref().map(str::to_lowercase),
            phone,
        }
    }

    fn is_own(&self, found: &Found) -> bool {
        let own = match found.kind {
            Kind::Email => &self.email,
            Kind::Phone => &self.phone,
        };
        own.as_deref() == Some(found.key.as_str())
    }
}

/// One contribution's second contacts: one finding per address or number.
pub fn check(wijk: &Wijk, own: &Own, c: &Contribution) -> Vec<Diagnostic> {
    let mut texts = vec![(c.title.as_str(), c.line_of("title"), false)];
    if let Some(summary) = &c.summary {
        texts.push((summary, c.line_of("summary"), false));
    }
    texts.push((&c.body_markdown, c.source.body_line, true));
    let mut seen: Vec<String> = Vec::new();
    let mut diagnostics = Vec::new();
    for (text, line, multiline) in texts {
        for found in find(text) {
            if own.is_own(&found) || seen.contains(&found.key) {
                continue;
            }
            seen.push(found.key.clone());
            let line = if multiline {
                Lines::new(text, line).line(found.at)
            } else {
                line
            };
            diagnostics.push(finding(wijk, c, &found, line));
        }
    }
    diagnostics
}

fn finding(wijk: &Wijk, c: &Contribution, found: &Found, line: usize) -> Diagnostic {
    let what = match found.kind {
        Kind::Email => "het e-mailadres",
        Kind::Phone => "het telefoonnummer",
    };
    let contact = &wijk.contact;
    let reach: Vec<&str> = [contact.phone.as_deref(), contact.email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let message = format!(
        "een tweede contact: {what} \"{}\" is niet van het contactpunt van {}",
        found.text, wijk.name
    );
    Diagnostic::warning("second-contact", &c.source.file, Some(line), message)
        .note(format!(
            "zie ook: bewoners van {} hebben één contactpunt: {}, {} (onder [contact] in {})",
            wijk.name,
            contact.name,
            reach.join(", "),
            wijk.source.file
        ))
        .note("tip: haal het weg en verwijs naar het contactpunt van de wijk, dat op elke pagina staat; dat contact geeft vragen door aan uw afdeling")
}

/// Every e-mail address and phone number in `text`, in text order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    let mut found = emails(text);
    let taken: Vec<(usize, usize)> = found.iter().map(|f| (f.at, f.at + f.text.len())).collect();
    found.extend(
        phones(text)
            .into_iter()
            .filter(|p| !taken.iter().any(|&(a, b)| p.at >= a && p.at < b)),
    );
    found.sort_by_key(|f| f.at);
    found
}

fn emails(text: &str) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find('@') {
        let at_sign = from + offset;
        from = at_sign + 1;
        let start = (0..at_sign)
            .rev()
            .take_while(|&i| local(bytes[i]))
            .last()
            .unwrap_or(at_sign);
        let mut end = (at_sign + 1..bytes.len())
            .take_while(|&i| domain(bytes[i]))
            .last()
            .map_or(at_sign + 1, |i| i + 1);
        while end > at_sign + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let host = &text[at_sign + 1..end];
        let top = host.rsplit('.').next().unwrap_or("");
        if start == at_sign
            || !host.contains('.')
            || top.len() < 2
            || !top.bytes().all(|b| b.is_ascii_alphabetic())
        {
            continue;
        }
        found.push(Found {
            at: start,
            text: &text[start..end],
            kind: Kind::Email,
            key: text[start..end].to_lowercase(),
        });
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .map(|f| (f.text.to_string(), f.key))
            .collect()
    }

    fn key(text: &str) -> Vec<String> {
        keys(text).into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn finds_email_addresses() {
        assert_eq!(
            keys("Mail Info@Vliethuis.nl. Of [mail](mailto:a.b-c@x.voorbeeld.nl)"),
            [
                (
                    "Info@Vliethuis.nl".to_string(),
                    "info@vliethuis.nl".to_string()
                ),
                (
                    "a.b-c@x.voorbeeld.nl".to_string(),
                    "a.b-c@x.voorbeeld.nl".to_string()
                )
            ]
        );
        assert!(key("@vlietdorp op sociale media, a@b, x@y.1").is_empty());
    }

    #[test]
    fn digits_in_an_email_address_are_no_phone_number() {
        assert_eq!(key("mail 0612345678@sms.nl"), ["0612345678@sms.nl"]);
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;
    use crate::check::testing::wijk_with;

    const NEWS: &str =
        "title = \"Nieuws\"\ndepartment = \"Energie\"\nkind = \"news\"\ndate = 2027-01-01";

    #[test]
    fn the_wijks_own_contact_in_any_form_is_no_second_contact() {
        let body = "Bel 14 020, 14020 of mail Wijk@Proef.nl.";
        let wijk = wijk_with(&[("a", NEWS, body)]);
        assert!(check(&wijk, &Own::new(&wijk), &wijk.contributions[0]).is_empty());
    }

    #[test]
    fn reports_each_other_contact_once_at_its_line() {
        let body = "Vragen?\nBel 020 123 4567 of +31 20 1234567.\nOf mail info@energie.nl of bel 06-12345678.";
        let wijk = wijk_with(&[("a", NEWS, body)]);
        let found = check(&wijk, &Own::new(&wijk), &wijk.contributions[0]);
        let lines: Vec<(Option<usize>, &str)> =
            found.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(found.len(), 3, "{lines:#?}");
        assert_eq!(found[0].line, Some(8), "the body starts on line 7");
        assert!(
            found[0]
                .message
                .contains("het telefoonnummer \"020 123 4567\"")
        );
        assert_eq!(found[1].line, Some(9));
        assert!(
            found[1]
                .message
                .contains("het e-mailadres \"info@energie.nl\"")
        );
        assert!(
            found[2]
                .message
                .contains("\"06-12345678\" is niet van het contactpunt")
        );
        assert!(found[0].notes[0].contains("één contactpunt: Fatima, 14 020, wijk@proef.nl"));
        assert!(found[0].notes[1].starts_with("tip: haal het weg"));
    }
}
