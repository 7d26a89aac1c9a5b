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
    if glossary.is_empty() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
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

/// Whether lower-case `text` has a word starting with lower-case `word`.
pub fn uses(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(at, _)| {
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
