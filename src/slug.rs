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

/// The longest file name (without `.md`) that `new` makes.
pub const MAX_FILE_STEM: usize = 80;

/// A file stem for a title: its slug without emoji and pictographs (which
/// deunicode would spell out as words), cut at a word to at most
/// [`MAX_FILE_STEM`] characters.
pub fn file_stem(title: &str) -> String {
    let plain: String = title.chars().filter(|c| !is_pictograph(*c)).collect();
    let slug = slugify(&plain);
    if slug.len() <= MAX_FILE_STEM {
        return slug;
    }
    let cut = &slug[..=MAX_FILE_STEM];
    match cut.rfind('-') {
        Some(at) if at > 0 => slug[..at].to_string(),
        _ => slug[..MAX_FILE_STEM].to_string(),
    }
}

/// Emoji, pictographs and the marks that join or colour them.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF // emoji, pictographs, flags, symbols
        | 0x2600..=0x27BF // miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF // arrows and stars
        | 0xFE00..=0xFE0F // variation selectors
        | 0x200D          // zero-width joiner
        | 0x20E3          // keycap
        | 0xE0020..=0xE007F // tags
    )
}

#[cfg(test)]
mod tests {
    use super::{file_stem, slugify};

    #[test]
    fn file_stems_drop_emoji_and_stop_at_a_word() {
        assert_eq!(file_stem("Feest 🎉 in de straat 👨‍👩‍👧"), "feest-in-de-straat");
        let long = "Informatieavond over het warmtenet en de nieuwe riolering in de Bloemstraat en de Lindelaan voor alle bewoners";
        let stem = file_stem(long);
        assert!(stem.len() <= 80, "{}", stem.len());
        assert!(
            long.to_lowercase().replace(' ', "-").starts_with(&stem),
            "{stem}"
        );
        assert!(!stem.ends_with('-'));
        assert_eq!(file_stem(&"a".repeat(100)).len(), 80);
    }

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
