//! `scheduled-link`: a page on the site links to a page that comes online
//! only on a later day (its `publish`), so residents who follow the link
//! find nothing until then. A link to a draft is an error (`broken-link`);
//! this one mends itself on the day, so it is a warning while the day is to
//! come.

use jiff::civil::Date;

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::Wijk;
use crate::render::dates;

/// A warning for each link in `wijk` to a page that is not online on
/// `today` and comes online later than the page that links to it.
pub fn check(wijk: &Wijk, today: Date) -> Vec<Diagnostic> {
    wijk.later_links
        .iter()
        .filter(|link| link.publish > today)
        .map(|link| {
            let day = dates::date(link.publish, Language::Nl);
            Diagnostic::warning(
                "scheduled-link",
                &link.file,
                Some(link.line),
                format!(
                    "de link naar {} werkt pas vanaf {day}: die pagina komt dan pas online (publish)",
                    link.target
                ),
            )
            .note(format!(
                "zet de link er pas op {day} in, geef deze pagina dezelfde publish-datum, of verwijs naar een pagina die al online is"
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing;
    use jiff::civil::date;

    #[test]
    fn only_links_to_pages_still_to_come_are_reported() {
        let mut wijk = testing::wijk(&[]);
        wijk.later_links.push(crate::links::LaterLink {
            file: "content/proef/a.md".into(),
            line: 7,
            target: "content/proef/b.md".into(),
            publish: date(2027, 3, 1),
        });
        let found = check(&wijk, date(2027, 2, 28));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "scheduled-link");
        assert_eq!(found[0].line, Some(7));
        assert!(
            found[0].message.contains("vanaf 1 maart 2027"),
            "{:?}",
            found[0]
        );
        assert!(check(&wijk, date(2027, 3, 1)).is_empty());
    }
}
