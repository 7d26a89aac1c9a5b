//! Finds which of the wijk's glossary words a text uses, so a page can
//! explain them where they appear.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::ItemView;

/// A glossary word and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub word: String,
    pub meaning: String,
}

/// The glossary words used in `text`, in glossary order. A word counts when
/// a word of the text starts with it, in any case (`Warmtenetten` uses
/// `warmtenet`).
pub fn terms_used(glossary: &BTreeMap<String, String>, text: &str) -> Vec<Term> {
    terms_used_in(glossary, &[text])
}

/// The glossary words used in the `parts` of a text, read as one text with
/// a line break between parts (without making that text first).
pub fn terms_used_in(glossary: &BTreeMap<String, String>, parts: &[&str]) -> Vec<Term> {
    if glossary.is_empty() {
        return Vec::new();
    }
    let mut lower = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            lower.push('\n');
        }
        lowercase_into(&mut lower, part);
    }
    glossary
        .iter()
        .filter(|(word, _)| uses(&lower, &word.to_lowercase()))
        .map(|(word, meaning)| Term {
            word: word.clone(),
            meaning: meaning.clone(),
        })
        .collect()
}

/// The glossary words used in the titles and summaries of a list of items
/// (a project's parts included): what a list page explains.
pub fn terms_in_items<'i>(
    glossary: &BTreeMap<String, String>,
    items: impl IntoIterator<Item = &'i ItemView>,
) -> Vec<Term> {
    let mut text = String::new();
    for item in items
        .into_iter()
        .flat_map(|i| std::iter::once(i).chain(&i.parts))
    {
        text.push_str(&item.title);
        text.push('\n');
        text.push_str(&item.summary);
        text.push('\n');
    }
    terms_used(glossary, &text)
}

/// `text.to_lowercase()`, some ten times faster on Dutch text: runs of
/// ASCII are copied as they are and lowered in one pass at the end, and
/// only other characters go through Unicode's tables. A text with a
/// capital sigma (its lower case depends on its place in a word) is left to
/// the standard library.
pub fn lowercase(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    lowercase_into(&mut lower, text);
    lower
}

/// Appends [`lowercase`]`(text)` to `lower`.
fn lowercase_into(lower: &mut String, text: &str) {
    if text.contains('Σ') {
        lower.push_str(&text.to_lowercase());
        return;
    }
    let start = lower.len();
    let mut at = 0;
    while at < text.len() {
        let rest = &text.as_bytes()[at..];
        let run = at + crate::bytescan::first(rest, |b| !b.is_ascii()).unwrap_or(rest.len());
        lower.push_str(&text[at..run]);
        let Some(c) = text[run..].chars().next() else {
            break;
        };
        lower.extend(c.to_lowercase());
        at = run + c.len_utf8();
    }
    lower[start..].make_ascii_lowercase();
}

/// Whether lower-case `text` has a word starting with lower-case `word`.
pub fn uses(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // memchr's search: this runs for every glossary word on every page.
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_the_standard_librarys() {
        // Every character but the capital sigma, which goes to the standard library.
        let every: String = (0..0x3_0000u32)
            .filter_map(char::from_u32)
            .filter(|c| *c != 'Σ')
            .collect();
        assert!(lowercase(&every) == every.to_lowercase());
        for text in [
            "",
            "Één WARMTENET voor de Ĳsselstraat, ÀÉÎÕÜ en İ.",
            "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ: Σ aan het eind van een woord",
            "K\u{212A}elvin en \u{1E9E}",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
        // Non-ASCII at every place of the sixteen-byte runs.
        for at in 0..40 {
            let text = format!("{}ÉĲ{}Ü", "Ab".repeat(at), "X".repeat(at * 3));
            assert_eq!(lowercase(&text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn parts_are_read_as_one_text_with_line_breaks_between_them() {
        let glossary = BTreeMap::from([
            ("warmtenet".to_string(), "Buizen.".to_string()),
            ("Ĳsselbrug".to_string(), "Brug.".to_string()),
            ("οδοσ".to_string(), "Straat.".to_string()),
            ("net".to_string(), "Kabels.".to_string()),
        ]);
        for parts in [
            &["Het WARMTENET", "", "komt"][..],
            &["Over de ĳsselbrug", "ΟΔΟΣ"],
            &["warmte", "net"],
            &["Ο ΔΡΟΜΟΣ", "Σ net"],
            &[],
        ] {
            assert_eq!(
                terms_used_in(&glossary, parts),
                terms_used(&glossary, &parts.join("\n")),
                "{parts:?}"
            );
        }
    }

    #[test]
    fn matches_word_starts_in_any_case() {
        let glossary = BTreeMap::from([
            ("warmtenet".to_string(), "Buizen.".to_string()),
            ("WUP".to_string(), "Plan.".to_string()),
        ]);
        let used = terms_used(&glossary, "De Warmtenetten komen. Geen stadswarmtenet.");
        assert_eq!(used.len(), 1);
        assert_eq!(used[0].word, "warmtenet");
        assert!(
            terms_used(&glossary, "Het wup is klaar")
                .iter()
                .any(|t| t.word == "WUP")
        );
    }
}
