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
        Jargon {
            terms,
            automaton,
            pattern_term,
        }
    }

    /// Every jargon word in `text` that starts a word (and, for
    /// abbreviations, ends one too), in text order.
    pub fn find(&self, text: &str) -> Vec<Found> {
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
