//! `long-letter`: a street's letter that does not fit on two A4 pages as
//! written, so the letters are shortened before they are printed (see
//! [`crate::letter::fit`]). The editors hear what was cut, so they can
//! shorten the texts themselves. Streets whose letters were shortened in
//! the same way (most often by the wijk's meetings, which every letter
//! lists) share one warning that names them.
//!
//! `check` makes the letters for [`check`]; `build` renders them anyway and
//! counts the warnings from what its letters cut ([`count`]), so each letter
//! is made once per build. Both group the letters with [`groups`].

use jiff::civil::Date;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::letter::Letters;
use crate::merge;
use crate::model::Wijk;

/// Streets named in a shared warning before "en nog ... andere straten".
const NAMED: usize = 6;

/// A warning for each way the letters of `wijk` on `today` had to be
/// shortened to fit two pages, naming the streets. The letters are those
/// residents get on `today`: without drafts, and without updates dated
/// later.
pub fn check(config: &Config, wijk: &Wijk, today: Date) -> Vec<Diagnostic> {
    let wijk = wijk.as_on(today);
    let merged = merge::merge_wijk(&wijk, false, Some(today));
    let letters = Letters::new(config, &merged, today);
    let cut = merged.streets.iter().filter_map(|street| {
        let letter = letters.letter(street)?;
        Some((letter.condensed, (letter.street, letter.street_slug)))
    });
    groups(cut)
        .into_iter()
        .map(|(cut, streets)| warning(&wijk, &cut.join("; "), &streets))
        .collect()
}

/// How many warnings [`check`] gives for letters that were cut as
/// `cut` says (each letter's [`crate::letter::Letter::condensed`]), without
/// making them.
pub fn count<'c>(cut: impl IntoIterator<Item = &'c Vec<String>>) -> usize {
    groups(cut.into_iter().map(|cut| (cut, ()))).len()
}

/// The letters that were cut (`(what was cut, street)`), grouped by what
/// was cut, in the order each way first appears; letters that were not cut
/// are left out.
fn groups<C, S>(letters: impl Iterator<Item = (C, S)>) -> Vec<(C, Vec<S>)>
where
    C: AsRef<[String]> + PartialEq,
{
    let mut groups: Vec<(C, Vec<S>)> = Vec::new();
    for (cut, street) in letters.filter(|(cut, _)| !cut.as_ref().is_empty()) {
        match groups.iter_mut().find(|(c, _)| *c == cut) {
            Some((_, streets)) => streets.push(street),
            None => groups.push((cut, vec![street])),
        }
    }
    groups
}

fn warning(wijk: &Wijk, cut: &str, streets: &[(String, String)]) -> Diagnostic {
    let (first, first_slug) = &streets[0];
    let (message, whose) = match streets {
        [_] => (
            format!("de brief voor {first} past niet op 2 pagina's en wordt ingekort: {cut}"),
            first.clone(),
        ),
        _ => {
            let names: Vec<&str> = streets.iter().map(|(name, _)| name.as_str()).collect();
            (
                format!(
                    "de brieven voor {} straten ({}) passen niet op 2 pagina's en worden op dezelfde manier ingekort: {cut}",
                    streets.len(),
                    named(&names)
                ),
                "die straten".to_string(),
            )
        }
    };
    Diagnostic::warning("long-letter", wijk.source.file.clone(), None, message).note(format!(
        "tip: maak de samenvattingen van het werk in {whose} korter (één of twee zinnen), \
         of zet minder onderdelen in één project; bekijk de brief op /{}/straten/{first_slug}/brief/",
        wijk.slug
    ))
}

/// `A, B en C`, or the first [`NAMED`] and how many more.
fn named(names: &[&str]) -> String {
    if names.len() <= NAMED {
        return super::coupling::join(names);
    }
    format!(
        "{} en nog {} andere straten",
        names[..NAMED].join(", "),
        names.len() - NAMED
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_few_streets_and_counts_the_rest() {
        assert_eq!(named(&["A", "B"]), "A en B");
        let many = ["A", "B", "C", "D", "E", "F", "G", "H"];
        assert_eq!(named(&many), "A, B, C, D, E, F en nog 2 andere straten");
    }
}
