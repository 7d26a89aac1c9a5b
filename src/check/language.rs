//! Plain language, because residents read at B1 level: `jargon` (a word
//! from the jargon list that the wijk's glossary does not explain) and
//! `long-sentence` (a sentence of more words than `long_sentence_words`).

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::model::{Contribution, Wijk};

use super::jargon::Jargon;
use super::text::{self, Block};

/// What the language checks need from the site, built once per run.
pub struct Rules {
    pub jargon: Jargon,
    pub max_words: usize,
}

/// One contribution's jargon and long sentences.
pub fn check(rules: &Rules, wijk: &Wijk, explained: &[bool], c: &Contribution) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // term -> (first line, the word as written, further lines)
    let mut jargon: BTreeMap<usize, (usize, String, Vec<usize>)> = BTreeMap::new();
    text::for_each_block(c, |block| {
        for f in rules.jargon.find(&block.text) {
            if explained[f.term] {
                continue;
            }
            let line = block.line_at(f.at);
            jargon
                .entry(f.term)
                .and_modify(|(_, _, more)| more.push(line))
                .or_insert_with(|| (line, block.text[f.at..f.end].to_string(), Vec::new()));
        }
        if block.prose {
            for sentence in long_sentences(&block.text, rules.max_words) {
                diagnostics.push(long_sentence(c, block, &sentence, rules.max_words));
            }
        }
    });
    for (term, (line, written, more)) in jargon {
        diagnostics.push(jargon_finding(rules, wijk, c, term, line, &written, more));
    }
    diagnostics
}

/// One finding per unexplained jargon word, at its first use.
fn jargon_finding(
    rules: &Rules,
    wijk: &Wijk,
    c: &Contribution,
    term: usize,
    line: usize,
    written: &str,
    mut more: Vec<usize>,
) -> Diagnostic {
    let term = &rules.jargon.terms[term];
    let mut message = format!(
        "`{written}` is jargon: many residents do not know this word, and the glossary of {} does not explain it",
        wijk.name
    );
    more.dedup();
    more.retain(|l| *l != line);
    if !more.is_empty() {
        let lines: Vec<String> = more.iter().map(ToString::to_string).collect();
        message.push_str(&format!(" (also on line {})", lines.join(", ")));
    }
    let mut d = Diagnostic::warning("jargon", &c.source.file, Some(line), message);
    if let Some(plain) = term.plain {
        d = d.note(format!(
            "help: say it in plain words, for example \"{plain}\""
        ));
    }
    d.note(format!(
        "help: or explain it under [glossary] in {}: {} = \"...\"",
        wijk.source.file,
        toml_key(&term.word)
    ))
}

/// A glossary key as TOML: bare when it can be, else quoted.
fn toml_key(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        word.to_string()
    } else {
        format!("\"{word}\"")
    }
}

/// A sentence that is too long: where it starts, its words, and how it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sentence {
    at: usize,
    words: usize,
    opening: String,
}

/// The sentences of `text` with more than `max` words. A sentence ends at
/// `.`, `!` or `?` before a space or the end (so `8.00` and `vlietdorp.nl`
/// do not end one); a word is a run without spaces that has a letter or
/// digit (a dash is no word).
fn long_sentences(text: &str, max: usize) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut long = Vec::new();
    let mut start = None;
    let mut words = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let word_start = i;
        let (mut letters, mut other) = (false, false);
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            letters |= bytes[i].is_ascii_alphanumeric();
            other |= !bytes[i].is_ascii();
            i += 1;
        }
        let word = &text[word_start..i];
        if letters || other && word.chars().any(char::is_alphanumeric) {
            start.get_or_insert(word_start);
            words += 1;
        }
        let bare = word.trim_end_matches(['"', '\'', ')', '”', '’', '*', '_']);
        if bare.ends_with(['.', '!', '?']) {
            push_if_long(
                &mut long,
                text,
                start.take(),
                std::mem::take(&mut words),
                max,
            );
        }
    }
    push_if_long(&mut long, text, start, words, max);
    long
}

fn push_if_long(
    long: &mut Vec<Sentence>,
    text: &str,
    start: Option<usize>,
    words: usize,
    max: usize,
) {
    if let Some(at) = start
        && words > max
    {
        let opening: Vec<&str> = text[at..].split_whitespace().take(8).collect();
        long.push(Sentence {
            at,
            words,
            opening: opening.join(" "),
        });
    }
}

fn long_sentence(c: &Contribution, block: &Block, sentence: &Sentence, max: usize) -> Diagnostic {
    let message = format!(
        "this sentence has {} words, more than {max}: \"{} ...\"",
        sentence.words, sentence.opening
    );
    Diagnostic::warning(
        "long-sentence",
        &c.source.file,
        Some(block.line_at(sentence.at)),
        message,
    )
    .note(
        "help: split it into shorter sentences that say one thing each; residents read at B1 level",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sentences_over_the_limit() {
        let text = "Een twee drie vier vijf. Een twee drie vier vijf zes om 8.00 uur op vlietdorp.nl! Kort.";
        let long = long_sentences(text, 5);
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].words, 11);
        assert_eq!(
            long[0].at,
            text.find("Een twee drie vier vijf zes").unwrap()
        );
        assert!(long_sentences(text, 11).is_empty());
    }

    #[test]
    fn a_sentence_without_a_full_stop_ends_with_the_block() {
        let long = long_sentences("een twee drie - vier", 3);
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].words, 4, "a dash is no word");
    }

    #[test]
    fn quotes_glossary_keys_that_need_it() {
        assert_eq!(toml_key("WUP"), "WUP");
        assert_eq!(
            toml_key("transitievisie warmte"),
            "\"transitievisie warmte\""
        );
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;
    use crate::check::jargon::Jargon;
    use crate::check::testing::wijk_with;

    const NEWS: &str =
        "title = \"Nieuws\"\ndepartment = \"Energie\"\nkind = \"news\"\ndate = 2027-01-01";

    fn findings(body: &str, glossary: &[&str], max_words: usize) -> Vec<Diagnostic> {
        let mut wijk = wijk_with(&[("a", NEWS, body)]);
        for word in glossary {
            wijk.glossary.insert(word.to_string(), "Uitleg.".into());
        }
        let rules = Rules {
            jargon: Jargon::new(&["omgevingstafel".to_string()]),
            max_words,
        };
        let explained = rules.jargon.explained(wijk.glossary.keys());
        check(&rules, &wijk, &explained, &wijk.contributions[0])
    }

    #[test]
    fn reports_unexplained_jargon_once_with_every_line() {
        let found = findings(
            "De WUP is klaar.\n\nIn de WUP staat de Omgevingstafel.\n",
            &[],
            25,
        );
        let words: Vec<(&str, Option<usize>)> =
            found.iter().map(|d| (d.message.as_str(), d.line)).collect();
        assert_eq!(found.len(), 2, "{words:#?}");
        assert_eq!(found[0].line, Some(7));
        assert!(found[0].message.starts_with("`WUP` is jargon"));
        assert!(found[0].message.contains("(also on line 9)"));
        assert!(found[0].notes[0].contains("het plan voor de wijk"));
        assert!(found[1].message.starts_with("`Omgevingstafel` is jargon"));
    }

    #[test]
    fn a_glossary_word_in_another_case_or_inflection_explains_it() {
        let body = "Door netcongestie en de participatietrajecten.";
        assert_eq!(findings(body, &[], 25).len(), 2);
        let explained = findings(body, &["Netcongesties", "Participatietraject"], 25);
        assert!(explained.is_empty(), "{explained:#?}");
    }

    #[test]
    fn reports_a_sentence_over_the_limit_at_its_line() {
        let found = findings("Kort.\nEen twee drie\nvier vijf zes. Zeven acht.", &[], 5);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "long-sentence");
        assert_eq!(found[0].line, Some(8), "the body starts on line 7");
        assert!(found[0].message.contains("6 words, more than 5"));
        assert!(findings("Een twee drie vier vijf.", &[], 5).is_empty());
    }
}
