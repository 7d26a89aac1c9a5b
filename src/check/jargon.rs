//! The jargon list: Dutch municipal and energy words that many residents do
//! not know, each with a plainer way to say it, plus the site's own words
//! from `[check] jargon` in `site.toml`. One automaton finds all of them in
//! a text in a single pass.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The built-in words, each with a plainer way to say it.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("wijkuitvoeringsplan", "het plan voor de wijk"),
    ("WUP", "het plan voor de wijk"),
    (
        "transitievisie warmte",
        "het plan van de gemeente om van het gas af te gaan",
    ),
    (
        "transitievisie",
        "het plan van de gemeente om van het gas af te gaan",
    ),
    ("TVW", "het plan van de gemeente om van het gas af te gaan"),
    ("netcongestie", "het stroomnet is vol"),
    (
        "congestiemanagement",
        "afspraken over wie wanneer stroom gebruikt",
    ),
    ("transportcapaciteit", "ruimte op het stroomnet"),
    ("netverzwaring", "zwaardere stroomkabels"),
    ("aardgasvrij-ready", "klaar om zonder gas te verwarmen"),
    ("participatietraject", "meepraten"),
    ("warmtetransitie", "van het gas af"),
    (
        "regionale energiestrategie",
        "het plan van de regio voor schone energie",
    ),
    ("RES", "het plan van de regio voor schone energie"),
    ("warmte-koudeopslag", "warmte en kou opslaan in de grond"),
    ("WKO", "warmte en kou opslaan in de grond"),
    ("bodemenergiesysteem", "verwarmen met warmte uit de grond"),
    ("aquathermie", "verwarmen met warmte uit water"),
    (
        "collectieve warmtevoorziening",
        "één verwarming voor veel huizen samen",
    ),
    ("lagetemperatuurwarmte", "warmte van ongeveer 40 graden"),
    ("middentemperatuur", "warmte van ongeveer 70 graden"),
    ("wijkgerichte aanpak", "wijk voor wijk"),
    (
        "salderingsregeling",
        "de regel dat u stroom van uw zonnepanelen mag wegstrepen",
    ),
    ("investeringssubsidie", "subsidie"),
    ("ISDE", "subsidie voor duurzame energie"),
    (
        "nul-op-de-meter",
        "een huis dat zelf alle energie opwekt die het gebruikt",
    ),
    (
        "NOM",
        "een huis dat zelf alle energie opwekt die het gebruikt",
    ),
    ("BENG", "de regels voor zuinige nieuwe huizen"),
    ("omgevingsplan", "de regels voor wat waar mag"),
    ("omgevingsvisie", "de plannen voor de stad"),
    ("uitvoeringsprogramma", "de planning"),
    ("startnotitie", "het eerste plan"),
    ("beleidskader", "de regels"),
    ("zienswijze", "reactie"),
    ("herinrichting", "de straat opnieuw inrichten"),
    ("rioolsanering", "het riool vernieuwen"),
    ("relining", "het riool van binnen vernieuwen"),
    ("relinen", "het riool van binnen vernieuwen"),
    ("afkoppelen", "regenwater apart afvoeren"),
    (
        "klimaatadaptatie",
        "de wijk klaarmaken voor hitte en hevige regen",
    ),
    ("klimaatadaptief", "klaar voor hitte en hevige regen"),
    ("hittestress", "last van hitte"),
    ("civieltechnisch", "over wegen, riolen en bruggen"),
    ("gebiedsontwikkeling", "nieuwe plannen voor een buurt"),
    ("kwaliteitsimpuls", "verbetering"),
    ("verduurzaming", "zuiniger maken"),
    ("verduurzamen", "zuiniger maken"),
    ("koppelkans", "werk samen doen"),
    ("meekoppelkans", "werk samen doen"),
    ("maatwerkvoorziening", "hulp die bij u past"),
    (
        "keukentafelgesprek",
        "een gesprek over de hulp die u nodig hebt",
    ),
    ("ketenpartner", "organisaties die samenwerken"),
    ("handelingsperspectief", "wat u kunt doen"),
    ("stakeholder", "betrokkenen"),
    ("implementeren", "invoeren"),
    ("implementatie", "invoering"),
    ("faciliteren", "helpen"),
    ("integrale aanpak", "alles in één keer"),
];

/// Words up to this length without a space are abbreviations: they match
/// only as a whole word (`RES`, not `resultaat`).
const ABBREVIATION_LEN: usize = 5;

/// One word of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    /// A plainer way to say it, for the built-in words.
    pub plain: Option<&'static str>,
    whole_word: bool,
}

/// A term found in a text: which term, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub term: usize,
    pub at: usize,
    pub end: usize,
}

/// The list with its automaton.
pub struct Jargon {
    pub terms: Vec<Term>,
    /// `None` only if the automaton could not be built (far too many words).
    automaton: Option<AhoCorasick>,
    /// Term of each pattern (a term has up to three spellings).
    pattern_term: Vec<usize>,
    /// The patterns by their first bytes, to see at once that a text has
    /// no jargon word (most texts have none).
    starts: Starts,
}

impl Jargon {
    /// The built-in list plus the site's own words.
    pub fn new(extra: &[String]) -> Jargon {
        let mut terms: Vec<Term> = Vec::new();
        let built_in = BUILT_IN
            .iter()
            .map(|(w, plain)| (w.to_string(), Some(*plain)));
        let own = extra.iter().map(|w| (w.trim().to_string(), None));
        for (word, plain) in built_in.chain(own) {
            let key = normalize(&word);
            if key.is_empty() || terms.iter().any(|t| normalize(&t.word) == key) {
                continue;
            }
            let whole_word = word.chars().count() <= ABBREVIATION_LEN && !word.contains(' ');
            terms.push(Term {
                word,
                plain,
                whole_word,
            });
        }
        let mut patterns = Vec::new();
        let mut pattern_term = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            for spelling in spellings(&term.word.to_ascii_lowercase()) {
                patterns.push(spelling);
                pattern_term.push(index);
            }
        }
        // Lower-case patterns over a lower-cased text rather than the
        // automaton's ASCII case folding: that is faster. A full DFA is the
        // fastest; a site with a very long list of its own gets the default.
        let mut builder = AhoCorasickBuilder::new();
        builder.match_kind(MatchKind::LeftmostLongest);
        let automaton = builder
            .clone()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| builder.build(&patterns))
            .ok();
        let starts = Starts::new(&patterns, |p| terms[pattern_term[p]].whole_word);
        Jargon {
            terms,
            automaton,
            pattern_term,
            starts,
        }
    }

    /// Every jargon word in `text` that starts a word (and, for
    /// abbreviations, ends one too), in text order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        // Every word found starts a word with a pattern: without such a
        // start there is nothing to find.
        if !self.starts.any_in(text) {
            return Vec::new();
        }
        self.find_all(text)
    }

    /// [`Jargon::find`] by the automaton alone.
    fn find_all(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // ASCII lower case keeps every byte where it is.
        let lower = text.to_ascii_lowercase();
        automaton
            .find_iter(&lower)
            .map(|m| Found {
                term: self.pattern_term[m.pattern().as_usize()],
                at: m.start(),
                end: m.end(),
            })
            .filter(|f| starts_word(text, f.at))
            .filter(|f| !self.terms[f.term].whole_word || ends_word(text, f.end))
            .collect()
    }

    /// Per term, the glossary words that are the term in another case or
    /// inflection (`Netcongestie` and `netcongesties` for `netcongestie`;
    /// `warmte` is not `warmtetransitie`).
    pub fn glossary_words<'a>(
        &self,
        glossary: impl Iterator<Item = &'a String> + Clone,
    ) -> Vec<Vec<&'a str>> {
        self.terms
            .iter()
            .map(|term| {
                let word = normalize(&term.word);
                glossary
                    .clone()
                    .filter(|key| same_word(&normalize(key), &word))
                    .map(String::as_str)
                    .collect()
            })
            .collect()
    }
}

/// The patterns by their first three bytes, in either ASCII case: a quick
/// way to tell that no pattern starts a word of a text.
struct Starts {
    /// By `first << 8 | second`: 1 + the index in `lists` of the patterns
    /// that start with those two bytes, or 0. A pattern shorter than two
    /// or three bytes starts with any byte after its end (or none: a zero).
    pairs: Box<[u32]>,
    lists: Vec<List>,
}

/// The patterns that start with one pair of bytes.
#[derive(Default)]
struct List {
    /// Their third bytes, as a set of 256 bits.
    thirds: [u64; 4],
    /// Each with whether it must be a whole word.
    patterns: Vec<(Box<[u8]>, bool)>,
}

/// The ASCII letters and digits: a byte after one of these starts no word.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl Starts {
    fn new(patterns: &[String], whole_word: impl Fn(usize) -> bool) -> Starts {
        let mut starts = Starts {
            pairs: vec![0; 1 << 16].into_boxed_slice(),
            lists: Vec::new(),
        };
        let any = |byte: Option<&u8>| match byte {
            Some(&b) => vec![b],
            None => (0..=255).collect(),
        };
        for (index, pattern) in patterns.iter().enumerate() {
            let bytes = pattern.as_bytes();
            let Some(&first) = bytes.first() else {
                continue;
            };
            for second in any(bytes.get(1)) {
                let list = starts.list(first, second);
                for third in any(bytes.get(2)) {
                    list.thirds[usize::from(third >> 6)] |= 1 << (third & 63);
                }
                list.patterns.push((bytes.into(), whole_word(index)));
            }
        }
        starts
    }

    /// The list of the patterns that start with `first` and `second`,
    /// made when there is none yet.
    fn list(&mut self, first: u8, second: u8) -> &mut List {
        let pair = |a: u8, b: u8| usize::from(a) << 8 | usize::from(b);
        let mut id = self.pairs[pair(first, second)];
        if id == 0 {
            self.lists.push(List::default());
            id = u32::try_from(self.lists.len()).expect("at most 65,536 pairs");
            for a in [first, first.to_ascii_uppercase()] {
                for b in [second, second.to_ascii_uppercase()] {
                    self.pairs[pair(a, b)] = id;
                }
            }
        }
        &mut self.lists[id as usize - 1]
    }

    /// Whether some pattern (in any ASCII case) starts a word of `text`,
    /// and ends one if it is an abbreviation. Only a byte that follows no
    /// ASCII letter or digit and starts a pattern's pair is looked at
    /// further. The text is read sixteen bytes at a time: one mask of the
    /// block's letters and digits (the compiler tests the bytes side by
    /// side) gives the places where a word may start.
    // Not inlined: the loop compiles to fewer instructions on its own.
    #[inline(never)]
    fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut after_word = false;
        let mut at = 0;
        let mut blocks = bytes.chunks_exact(16);
        for block in blocks.by_ref() {
            let block: &[u8; 16] = block.try_into().expect("a block of sixteen");
            if self.any_start_in(text, at, block, &mut after_word) {
                return true;
            }
            at += 16;
        }
        self.any_start_in(text, at, blocks.remainder(), &mut after_word)
    }

    /// [`Starts::any_in`] for the block of `text` at `at`; `after_word`
    /// says whether the byte before it is a letter or digit, and is then
    /// set for the next block.
    #[inline(always)]
    fn any_start_in(&self, text: &str, at: usize, block: &[u8], after_word: &mut bool) -> bool {
        let bytes = text.as_bytes();
        let words = block.iter().enumerate().fold(0u32, |mask, (i, b)| {
            mask | u32::from(ASCII_WORD[usize::from(*b)]) << i
        });
        let mut starts = !(words << 1 | u32::from(*after_word)) & ((1u32 << block.len()) - 1);
        while starts != 0 {
            let i = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let second = bytes.get(at + i + 1).copied().unwrap_or(0);
            let list = self.pairs[usize::from(block[i]) << 8 | usize::from(second)];
            if list > 0 && self.starts_at(text, at + i, &self.lists[list as usize - 1]) {
                return true;
            }
        }
        *after_word = !block.is_empty() && words >> (block.len() - 1) & 1 == 1;
        false
    }

    /// Whether a pattern of `list` starts a word at `at` (and ends one, if
    /// it must). `at` follows no ASCII letter or digit, and its two bytes
    /// are those of the list.
    fn starts_at(&self, text: &str, at: usize, list: &List) -> bool {
        let bytes = text.as_bytes();
        let third = bytes.get(at + 2).map_or(0, u8::to_ascii_lowercase);
        if list.thirds[usize::from(third >> 6)] & (1 << (third & 63)) == 0 {
            return false;
        }
        // The first byte of a pattern is never inside a character, so only
        // a character before it can be a letter.
        if at > 0 && !bytes[at - 1].is_ascii() && !starts_word(text, at) {
            return false;
        }
        let rest = &bytes[at..];
        list.patterns.iter().any(|(pattern, whole_word)| {
            pattern.len() <= rest.len()
                && pattern
                    .iter()
                    .zip(rest)
                    .all(|(p, w)| *p == w.to_ascii_lowercase())
                && (!whole_word || ends_word(text, at + pattern.len()))
        })
    }
}

/// The spellings a term is found in: as written, and with its hyphens and
/// spaces swapped (`aardgasvrij-ready`, `aardgasvrij ready`).
fn spellings(word: &str) -> Vec<String> {
    let mut spellings = vec![word.to_string()];
    for other in [word.replace('-', " "), word.replace(' ', "-")] {
        if !spellings.contains(&other) {
            spellings.push(other);
        }
    }
    spellings
}

/// Lower case, hyphens as spaces, single spaces.
fn normalize(word: &str) -> String {
    word.to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two normalized words are one word in another inflection:
/// equal, or the longer is the shorter plus a Dutch ending (`-s`, `-'s`,
/// `-en`, `-e`, `-n`, or a doubled last letter and `-en`: `net`, `netten`).
pub fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(ending) = long.strip_prefix(short) else {
        return false;
    };
    if matches!(ending, "" | "s" | "'s" | "en" | "e" | "n" | "es") {
        return true;
    }
    let last = short.chars().next_back();
    let mut chars = ending.chars();
    chars.next() == last && matches!(chars.as_str(), "en" | "e")
}

fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_word(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(jargon: &Jargon, text: &str) -> Vec<String> {
        jargon
            .find(text)
            .iter()
            .map(|f| text[f.at..f.end].to_string())
            .collect()
    }

    #[test]
    fn finds_words_at_a_word_start_in_any_case_and_inflection() {
        let jargon = Jargon::new(&[]);
        assert_eq!(
            words(
                &jargon,
                "Door Netcongestie en participatietrajecten, en de TVW."
            ),
            ["Netcongestie", "participatietraject", "TVW"]
        );
        assert!(words(&jargon, "Het stroomnetcongestieprobleem").is_empty());
    }

    /// [`Starts::any_in`] as it was first written: every byte in turn.
    fn any_in_byte_by_byte(starts: &Starts, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut after_word = false;
        for at in 0..bytes.len() {
            let first = bytes[at];
            if !after_word {
                let second = bytes.get(at + 1).copied().unwrap_or(0);
                let list = starts.pairs[usize::from(first) << 8 | usize::from(second)];
                if list > 0 && starts.starts_at(text, at, &starts.lists[list as usize - 1]) {
                    return true;
                }
            }
            after_word = ASCII_WORD[usize::from(first)];
        }
        false
    }

    #[test]
    fn reading_by_blocks_finds_a_start_where_reading_byte_by_byte_does() {
        let own: Vec<String> = ["x", "één", "Café-plan", "omgevingstafel"]
            .map(String::from)
            .to_vec();
        let jargon = Jargon::new(&own);
        let mut texts = crate::check::testing::sample_texts();
        for before in ["", " ", "a", "é", "-", "9"] {
            for at in 0..40 {
                for word in ["Omgevingstafel", "x", "éénmalig", "omgevingstafels"] {
                    let text = format!("{}{before}{word} en", "b".repeat(at));
                    texts.push(text.clone());
                    texts.push(format!("{}{before}{word}", " ".repeat(at)));
                }
            }
        }
        let mut yes = 0;
        for text in &texts {
            let expected = any_in_byte_by_byte(&jargon.starts, text);
            assert_eq!(jargon.starts.any_in(text), expected, "{text:?}");
            yes += usize::from(expected);
        }
        assert!(yes > 100 && yes < texts.len(), "{yes} of {}", texts.len());
    }

    #[test]
    fn finds_what_the_automaton_alone_finds() {
        let own: Vec<String> = ["x", "één", "Café-plan", "o'clock", "omgevingstafel", "Σ"]
            .map(String::from)
            .to_vec();
        for jargon in [Jargon::new(&[]), Jargon::new(&own)] {
            let mut found = 0;
            for text in crate::check::testing::sample_texts() {
                let all = jargon.find_all(&text);
                assert_eq!(jargon.find(&text), all, "{text:?}");
                found += all.len();
            }
            assert!(found > 1_000, "the texts have jargon: {found}");
        }
    }

    #[test]
    fn abbreviations_match_only_whole_words() {
        let jargon = Jargon::new(&[]);
        assert!(words(&jargon, "Het resultaat van de wupper").is_empty());
        assert_eq!(words(&jargon, "De RES en de WUP's."), ["RES", "WUP"]);
    }

    #[test]
    fn finds_terms_of_several_words_with_hyphen_or_space() {
        let jargon = Jargon::new(&[]);
        assert_eq!(
            words(
                &jargon,
                "de transitievisie warmte, een aardgasvrij ready huis"
            ),
            ["transitievisie warmte", "aardgasvrij ready"]
        );
    }

    #[test]
    fn takes_the_sites_own_words() {
        let jargon = Jargon::new(&["omgevingstafel".to_string(), "WUP".to_string()]);
        assert_eq!(words(&jargon, "Aan de Omgevingstafel."), ["Omgevingstafel"]);
        assert_eq!(jargon.terms.iter().filter(|t| t.word == "WUP").count(), 1);
        assert!(jargon.terms.len() >= 37);
    }

    #[test]
    fn finds_the_glossary_words_of_a_term_in_another_case_or_inflection() {
        let jargon = Jargon::new(&[]);
        let glossary = [
            "Netcongesties".to_string(),
            "warmte".to_string(),
            "aardgasvrij ready".to_string(),
        ];
        let words = jargon.glossary_words(glossary.iter());
        let of = |word: &str| &words[jargon.terms.iter().position(|t| t.word == word).unwrap()];
        assert_eq!(of("netcongestie"), &["Netcongesties"]);
        assert_eq!(of("aardgasvrij-ready"), &["aardgasvrij ready"]);
        assert!(of("warmtetransitie").is_empty());
        assert!(same_word("warmtenet", "warmtenetten"));
        assert!(!same_word("warmte", "warmtenet"));
    }
}
