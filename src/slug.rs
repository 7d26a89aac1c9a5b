//! Slugs: the URL-safe names of wijken, contributions, streets and projects.

/// Turns a name into a URL slug: ASCII, lower case, words joined by `-`.
/// Apostrophes vanish rather than split a word (`'s-Gravenweg` -> `s-gravenweg`).
/// The longest slug (in bytes) that still fits in a file name of the
/// output: a file system takes 255 bytes, and a slug also becomes
/// `<slug>.ics` and other names with a suffix.
pub const MAX_LEN: usize = 200;

/// The `name-too-long` hint: what to write instead.
pub const TOO_LONG_HINT: &str = "maak de naam korter (hoogstens 200 tekens): het webadres en de bestanden van de site worden er anders te lang voor";

pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '`' {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn follows_the_spec_examples() {
        assert_eq!(slugify("Café De Eendracht"), "cafe-de-eendracht");
        assert_eq!(slugify("'s-Gravenweg"), "s-gravenweg");
        assert_eq!(slugify("’s-Hertogenlaan"), "s-hertogenlaan");
    }

    #[test]
    fn collapses_and_trims_separators() {
        assert_eq!(
            slugify("  Riool -- fase 2 (Bloemstraat)  "),
            "riool-fase-2-bloemstraat"
        );
        assert_eq!(slugify("Ĳsselkade"), "ijsselkade");
        assert_eq!(slugify("!!!"), "");
    }
}
