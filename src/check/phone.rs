//! Phone numbers in a text, for `second-contact`: Dutch numbers as people
//! write them, and international ones, each with a key (its digits in
//! national form) so that one number written in two ways is one number.

use super::contact::{Found, Kind};

/// Phone numbers: Dutch numbers in the usual ways of writing them
/// (`06-12345678`, `020 123 4567`, `(020) 123 45 67`, `+31 6 1234 5678`,
/// `0031 20 123 4567`, `0800-1234`, `14 020`) and international numbers
/// starting with `+`.
pub fn phones(text: &str) -> Vec<Found<'_>> {
    // Only a digit, `+` or `(` can start a number: jump from one to the next.
    phones_from(text, next_candidate)
}

/// [`phones`], looking for a number from each place that `next(bytes, i)`
/// gives (the first at or after `i`).
fn phones_from(text: &str, next: impl Fn(&[u8], usize) -> Option<usize>) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = next(bytes, i) {
        i = at;
        let b = bytes[i];
        let starts = b.is_ascii_digit()
            || ((b == b'+' || b == b'(') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        // A number starts after a space or punctuation, not inside a word,
        // another number or an address.
        if !starts || i > 0 && !may_precede(bytes[i - 1]) {
            i += 1;
            continue;
        }
        let groups = groups(bytes, i);
        match longest_number(text, i, &groups) {
            Some((end, key)) => {
                found.push(Found {
                    at: i,
                    text: &text[i..end],
                    kind: Kind::Phone,
                    key,
                });
                i = end;
            }
            None => i = groups.first().map_or(i + 1, |g| g.1),
        }
    }
    found
}

/// Whether a byte may start a number: a digit, `+` or `(`.
fn may_start(b: u8) -> bool {
    b.is_ascii_digit() | (b == b'+') | (b == b'(')
}

/// The first byte from `from` on that [`may_start`] a number (most of a
/// text has none: [`crate::bytescan`]).
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    crate::bytescan::first(bytes.get(from..)?, may_start).map(|p| from + p)
}

/// What may stand right before a number: not a letter or digit, and not
/// a character that makes it part of an address or a word (`/`, `=`, `-`).
fn may_precede(b: u8) -> bool {
    !b.is_ascii_alphanumeric() && !b"/=&?#%_@.-+,".contains(&b)
}

/// The digit groups from `start` on, with at most three separator
/// characters (space, no-break space, `-`, `.`, `/`, brackets) between two
/// groups.
fn groups(bytes: &[u8], start: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut i = start;
    if bytes[i] == b'+' || bytes[i] == b'(' {
        i += 1;
    }
    loop {
        let begin = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == begin || groups.len() == 8 {
            break;
        }
        groups.push((begin, i));
        let mut separators = 0;
        while i < bytes.len() && separators < 3 {
            if b" -./()".contains(&bytes[i]) {
                i += 1;
            } else if bytes[i..].starts_with("\u{a0}".as_bytes()) {
                i += 2;
            } else {
                break;
            }
            separators += 1;
        }
        if separators == 0 {
            break;
        }
    }
    groups
}

/// The longest run of groups from the first that is a phone number and
/// ends a word: its end and its key.
fn longest_number(text: &str, start: usize, groups: &[(usize, usize)]) -> Option<(usize, String)> {
    let plus = text.as_bytes()[start] == b'+';
    (0..groups.len()).rev().find_map(|last| {
        let end = groups[last].1;
        let ends_word = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '@');
        let digits: String = groups[..=last].iter().map(|&(a, b)| &text[a..b]).collect();
        let first = &text[groups[0].0..groups[0].1];
        let key = phone_key(&digits, plus, first)?;
        let end = if text.as_bytes().get(end) == Some(&b')') {
            end + 1
        } else {
            end
        };
        ends_word.then_some((end, key))
    })
}

/// The national form of a phone number's digits, if they are one.
fn phone_key(digits: &str, plus: bool, first_group: &str) -> Option<String> {
    let international = if plus {
        Some(digits)
    } else {
        digits.strip_prefix("00")
    };
    if let Some(number) = international {
        return match number.strip_prefix("31") {
            Some(rest) if rest.starts_with('0') => national(rest),
            Some(rest) => national(&format!("0{rest}")),
            None => (8..=15)
                .contains(&number.len())
                .then(|| format!("+{number}")),
        };
    }
    if first_group.starts_with("14") && (first_group == "14" || first_group.len() >= 5) {
        let area = &digits[2..];
        let real = area.len() >= 3
            && area.len() <= 4
            && area.starts_with('0')
            && !area[1..].starts_with('0');
        return real.then(|| digits.to_string());
    }
    national(digits)
}

/// Dutch numbers: ten digits from `0` (not `00`), or a service number
/// (`0800`, `0900`, `0906`, `0909`) of eight or eleven digits.
fn national(digits: &str) -> Option<String> {
    let service = ["0800", "0900", "0906", "0909"]
        .iter()
        .any(|p| digits.starts_with(p));
    let ok = if service {
        matches!(digits.len(), 8 | 11)
    } else {
        digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00")
    };
    ok.then(|| digits.to_string())
}

/// Every digit of a text.
pub(super) fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Vec<String> {
        phones(text).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn finds_dutch_phone_numbers_in_their_usual_forms() {
        assert_eq!(key("Bel 06-12345678."), ["0612345678"]);
        assert_eq!(
            key("Bel 020 123 4567 of 0201234567"),
            ["0201234567", "0201234567"]
        );
        assert_eq!(key("(020) 123 45 67"), ["0201234567"]);
        assert_eq!(key("+31 6 1234 5678"), ["0612345678"]);
        assert_eq!(key("+31 (0)20 123 4567"), ["0201234567"]);
        assert_eq!(key("0031 20 123 4567"), ["0201234567"]);
        assert_eq!(
            key("gratis: 0800-1234 of 0900 123 4567"),
            ["08001234", "09001234567"]
        );
        assert_eq!(key("Bel 14 020 of 140999."), ["14020", "140999"]);
        assert_eq!(key("[bel](tel:+31201234567)"), ["0201234567"]);
        assert_eq!(key("Belgisch: +32 2 123 45 67"), ["+3221234567"]);
        assert_eq!(phones("Bel 06-12345678.")[0].text, "06-12345678");
    }

    #[test]
    fn jumping_to_the_next_digit_finds_what_looking_at_every_byte_finds() {
        let every_byte = |bytes: &[u8], i: usize| (i < bytes.len()).then_some(i);
        for text in crate::check::testing::sample_texts() {
            assert_eq!(phones(&text), phones_from(&text, every_byte), "{text:?}");
        }
    }

    #[test]
    fn leaves_dates_times_amounts_and_addresses_alone() {
        for text in [
            "Op 2027-01-19 om 19.30-21.30 uur.",
            "Tussen 8.00 en 17.00 uur, 14 000 woningen, 1234 AB Vlietdorp.",
            "Het kost € 1.500,00 en 12/03/2027 is de datum.",
            "Havenkade 12 en nummer 14 0, jaar 2027 14",
            "https://www.voorbeeld.nl/doc/0201234567 en ?id=0612345678",
            "een code abc0612345678 of 0612345678abc",
        ] {
            assert_eq!(key(text), Vec::<String>::new(), "{text}");
        }
    }
}
