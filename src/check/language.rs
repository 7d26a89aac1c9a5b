//! Plain language, because residents read at B1 level: `jargon` (a word
//! from the jargon list that the wijk's glossary does not explain) and
//! `long-sentence` (a sentence of more words than `long_sentence_words`).

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::model::{Contribution, Wijk};

use super::jargon::Jargon;
use crate::content::text::{self, Block};
use crate::render::glossary;

/// What the language checks need from the site, built once per run.
pub struct Rules {
    pub jargon: Jargon,
    pub max_words: usize,
}

/// One contribution's jargon and long sentences. `glossary_words` are,
/// per jargon term, the wijk's glossary words for it (see
/// [`Jargon::glossary_words`]).
pub fn check(
    rules: &Rules,
    wijk: &Wijk,
    glossary_words: &[Vec<&str>],
    c: &Contribution,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut jargon: BTreeMap<usize, Use> = BTreeMap::new();
    text::for_each_block(c, |block| {
        for f in rules.jargon.find(block.text) {
            let line = block.line_at(f.at);
            jargon
                .entry(f.term)
                .and_modify(|u| u.more.push(line))
                .or_insert_with(|| Use {
                    line,
                    written: block.text[f.at..f.end].to_string(),
                    more: Vec::new(),
                });
        }
        if block.prose {
            for sentence in long_sentences(block.text, rules.max_words) {
                diagnostics.push(long_sentence(c, block, &sentence, rules.max_words));
            }
        }
    });
    let mut page: Option<String> = None;
    for (term, found) in jargon {
        let words = &glossary_words[term];
        if !words.is_empty() {
            // Explained when the page shows a glossary entry for it: the
            // renderer's rule, a word of the page starts with the entry.
            let page = page.get_or_insert_with(|| page_text(c));
            if words
                .iter()
                .any(|w| glossary::uses(page, &w.to_lowercase()))
            {
                continue;
            }
        }
        diagnostics.push(jargon_finding(rules, wijk, c, term, found, words));
    }
    diagnostics
}

/// Where a jargon word is used first, as written, and its other lines.
struct Use {
    line: usize,
    written: String,
    more: Vec<usize>,
}

/// The text the renderer looks for glossary words in, in lower case.
fn page_text(c: &Contribution) -> String {
    let summary = c.summary.as_deref().unwrap_or("");
    glossary::lowercase(&format!("{}\n{summary}\n{}", c.title, c.body_markdown))
}

/// One finding per unexplained jargon word, at its first use.
fn jargon_finding(
    rules: &Rules,
    wijk: &Wijk,
    c: &Contribution,
    term: usize,
    mut found: Use,
    glossary_words: &[&str],
) -> Diagnostic {
    let term = &rules.jargon.terms[term];
    let written = &found.written;
    let mut message = match glossary_words.first() {
        None => format!(
            "\"{written}\" is vaktaal: veel bewoners kennen dit woord niet, en de woordenlijst van {} legt het niet uit",
            wijk.name
        ),
        Some(word) => format!(
            "\"{written}\" is vaktaal, en deze pagina legt het niet uit: de woordenlijst van {} heeft \"{word}\", maar een pagina legt alleen woorden uit die beginnen met een woord uit de woordenlijst",
            wijk.name
        ),
    };
    found.more.dedup();
    found.more.retain(|l| *l != found.line);
    if !found.more.is_empty() {
        let lines: Vec<String> = found.more.iter().map(ToString::to_string).collect();
        let (word, lines) = match lines.as_slice() {
            [one] => ("regel", one.clone()),
            [init @ .., last] => ("regels", format!("{} en {last}", init.join(", "))),
            [] => ("regel", String::new()),
        };
        message.push_str(&format!(" (ook op {word} {lines})"));
    }
    let d = Diagnostic::warning("jargon", &c.source.file, Some(found.line), message);
    if let Some(word) = glossary_words.first() {
        return d.note(format!(
            "tip: zet in de woordenlijst ([glossary] in {}) de kortste vorm van het woord: {} in plaats van {word}; dan legt die elke vorm uit",
            wijk.source.file,
            toml_key(&term.word)
        ));
    }
    let d = match term.plain {
        Some(plain) => d.note(format!(
            "tip: zeg het in gewone woorden, bijvoorbeeld \"{plain}\""
        )),
        None => d,
    };
    d.note(format!(
        "tip: of leg het uit onder [glossary] in {}: {} = \"...\"",
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
/// `.`, `!` or `?` (and closing quotes or brackets) before a space or the
/// end, so `8.00` and `vlietdorp.nl` do not end one.
fn long_sentences(text: &str, max: usize) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut long = Vec::new();
    let mut start = 0;
    for stop in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let end = after_closing(bytes, stop + 1);
        if end < bytes.len() && !bytes[end].is_ascii_whitespace() {
            continue;
        }
        long.extend(too_long(text, start..end, max));
        start = end;
    }
    long.extend(too_long(text, start..bytes.len(), max));
    long
}

/// Skips closing quotes, brackets and emphasis after a full stop.
fn after_closing(bytes: &[u8], mut at: usize) -> usize {
    const CLOSING_QUOTES: [&[u8]; 2] = ["”".as_bytes(), "’".as_bytes()];
    loop {
        match bytes.get(at) {
            Some(b'"' | b'\'' | b')' | b'*' | b'_') => at += 1,
            Some(0xE2) if CLOSING_QUOTES.iter().any(|q| bytes[at..].starts_with(q)) => at += 3,
            _ => return at,
        }
    }
}

/// The sentence in `range` if it has more than `max` words. Counting the
/// spaces first is enough for almost every sentence; only the long ones
/// have their words counted: runs without spaces that have a letter or a
/// digit (a dash is no word).
fn too_long(text: &str, range: std::ops::Range<usize>, max: usize) -> Option<Sentence> {
    let sentence = &text[range.clone()];
    if spaces(sentence.as_bytes()) < max {
        return None;
    }
    let words: Vec<(usize, &str)> = sentence
        .split_ascii_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    let (first, _) = *words.first()?;
    (words.len() > max).then(|| Sentence {
        at: range.start + first,
        words: words.len(),
        opening: words
            .iter()
            .take(8)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// How many bytes of `bytes` are at most ` `: every ASCII space is. One
/// compare per byte, counted in bytes (255 at a time), so it vectorizes
/// to many bytes per instruction.
fn spaces(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |n, &b| n + u8::from(b <= b' '));
            usize::from(count)
        })
        .sum()
}

fn long_sentence(c: &Contribution, block: &Block, sentence: &Sentence, max: usize) -> Diagnostic {
    let message = format!(
        "deze zin heeft {} woorden, meer dan {max}: \"{} ...\"",
        sentence.words,
        crate::linesafe::excerpt(&sentence.opening, 80)
    );
    Diagnostic::warning(
        "long-sentence",
        &c.source.file,
        Some(block.line_at(sentence.at)),
        message,
    )
    .note(
        "tip: maak er kortere zinnen van die elk één ding zeggen; zo kunnen alle bewoners de tekst lezen (taalniveau B1)",
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
    fn counts_spaces_as_a_filter_does() {
        for text in crate::check::testing::sample_texts() {
            let bytes = text.as_bytes();
            for end in [0, 1, 254, 255, 256, 600, bytes.len()] {
                let part = &bytes[..end.min(bytes.len())];
                let filtered = part.iter().filter(|&&b| b <= b' ').count();
                assert_eq!(spaces(part), filtered, "{text:?}");
            }
        }
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
        let words = rules.jargon.glossary_words(wijk.glossary.keys());
        check(&rules, &wijk, &words, &wijk.contributions[0])
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
        assert!(found[0].message.starts_with("\"WUP\" is vaktaal"));
        assert!(found[0].message.ends_with("(ook op regel 9)"));
        assert!(found[0].notes[0].contains("het plan voor de wijk"));
        assert_eq!(
            found[0].notes[1],
            "tip: of leg het uit onder [glossary] in content/proef/_index.md: WUP = \"...\""
        );
        assert!(
            found[1]
                .message
                .starts_with("\"Omgevingstafel\" is vaktaal")
        );
    }

    #[test]
    fn a_glossary_word_in_another_case_or_inflection_explains_it() {
        let body = "Door netcongesties en de participatietrajecten.";
        assert_eq!(findings(body, &[], 25).len(), 2);
        let explained = findings(body, &["Netcongestie", "PARTICIPATIETRAJECT"], 25);
        assert!(explained.is_empty(), "{explained:#?}");
    }

    #[test]
    fn a_glossary_word_longer_than_the_text_explains_nothing_and_says_why() {
        let found = findings("Door netcongestie.", &["Netcongesties"], 25);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("heeft \"Netcongesties\""),
            "{}",
            found[0].message
        );
        assert!(found[0].notes[0].contains("netcongestie in plaats van Netcongesties"));
    }

    #[test]
    fn reports_a_sentence_over_the_limit_at_its_line() {
        let found = findings("Kort.\nEen twee drie\nvier vijf zes. Zeven acht.", &[], 5);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "long-sentence");
        assert_eq!(found[0].line, Some(8), "the body starts on line 7");
        assert!(
            found[0]
                .message
                .contains("deze zin heeft 6 woorden, meer dan 5")
        );
        assert!(found[0].notes[0].starts_with("tip: maak er kortere zinnen van"));
        assert!(findings("Een twee drie vier vijf.", &[], 5).is_empty());
    }
}
