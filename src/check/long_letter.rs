//! `long-letter`: a street's letter that does not fit on two A4 pages as
//! written, so the letters are shortened before they are printed (see
//! [`crate::letter::fit`]). The editors hear what was cut, so they can
//! shorten the texts themselves.

use jiff::civil::Date;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::letter;
use crate::merge;
use crate::model::Wijk;

/// A warning for each street of `wijk` whose letter on `today` had to be
/// shortened to fit two pages.
pub fn check(config: &Config, wijk: &Wijk, today: Date) -> Vec<Diagnostic> {
    let merged = merge::merge_wijk(wijk, false, Some(today));
    merged
        .streets
        .iter()
        .filter_map(|street| letter::letter(config, &merged, street, today))
        .filter(|letter| !letter.condensed.is_empty())
        .map(|letter| {
            Diagnostic::warning(
                "long-letter",
                wijk.source.file.clone(),
                None,
                format!(
                    "de brief voor {} past niet op 2 pagina's en wordt ingekort: {}",
                    letter.street,
                    letter.condensed.join("; ")
                ),
            )
            .note(format!(
                "tip: maak de samenvattingen van het werk in {} korter (één of twee zinnen), \
                 of zet minder onderdelen in één project; bekijk de brief op /{}/straten/{}/brief/",
                letter.street, letter.wijk_slug, letter.street_slug
            ))
        })
        .collect()
}
