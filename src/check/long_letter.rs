//! `long-letter`: a street's letter that does not fit on two A4 pages as
//! written, so the letters are shortened before they are printed (see
//! [`crate::letter::fit`]). The editors hear what was cut, so they can
//! shorten the texts themselves. Streets whose letters were shortened in
//! the same way (most often by the wijk's meetings, which every letter
//! lists) share one warning that names them.

use jiff::civil::Date;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::letter;
use crate::merge;
use crate::model::Wijk;

/// Streets named in a shared warning before "en nog ... andere straten".
const NAMED: usize = 6;

/// A warning for each way the letters of `wijk` on `today` had to be
/// shortened to fit two pages, naming the streets.
pub fn check(config: &Config, wijk: &Wijk, today: Date) -> Vec<Diagnostic> {
    let merged = merge::merge_wijk(wijk, false, Some(today));
    let mut groups: Vec<Group> = Vec::new();
    for letter in merged
        .streets
        .iter()
        .filter_map(|street| letter::letter(config, &merged, street, today))
        .filter(|letter| !letter.condensed.is_empty())
    {
        let street = (letter.street, letter.street_slug);
        match groups.iter_mut().find(|g| g.cut == letter.condensed) {
            Some(group) => group.streets.push(street),
            None => groups.push(Group {
                cut: letter.condensed,
                streets: vec![street],
            }),
        }
    }
    groups
        .into_iter()
        .map(|g| warning(wijk, &g.cut.join("; "), &g.streets))
        .collect()
}

/// What was cut, with the streets (name, slug) it was cut for, in the
/// wijk's order of streets.
struct Group {
    cut: Vec<String>,
    streets: Vec<(String, String)>,
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
