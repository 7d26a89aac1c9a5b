//! `stale`: a `works` item whose (updated) end lies more than
//! [`STALE_AFTER_DAYS`] days before today, that no `status` calls done (or
//! cancelled) and no update after its end explains. Without a word from the
//! editors the site would go on saying "Klaar" or "Vertraagd" on a guess.

use jiff::civil::Date;

use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Status, When, Wijk};
use crate::render::dates;

/// How long after its end a job may go without a word.
pub const STALE_AFTER_DAYS: i64 = 14;

/// The wijk's stale works, as of `today`.
pub fn check(wijk: &Wijk, today: Date) -> Vec<Diagnostic> {
    wijk.contributions
        .iter()
        .filter(|c| matches!(c.when, When::Works { .. }))
        .filter(|c| !matches!(c.status, Some(Status::Klaar | Status::Geannuleerd)))
        .filter_map(|c| {
            let end = c.end_date()?;
            let overdue = end.until(today).ok()?.get_days();
            let explained = c.updates.iter().any(|u| u.date > end);
            (i64::from(overdue) > STALE_AFTER_DAYS && !explained).then(|| {
                // The line where the end the site goes by is written.
                let line = match c.updates.iter().find(|u| u.end.is_some()) {
                    Some(update) => update.line,
                    None if c.field_lines.contains_key("end") => c.line_of("end"),
                    None => c.line_of("start"),
                };
                let message = format!(
                    "is dit werk klaar? Het zou {overdue} dagen geleden af zijn ({}). Zet status = \"klaar\", of schrijf een update",
                    dates::date(end, Language::Nl)
                );
                let later = today.checked_add(jiff::Span::new().days(30)).unwrap_or(today);
                Diagnostic::warning("stale", &c.source.file, Some(line), message).note(format!(
                    "tip: is het klaar, schrijf dan: status = \"klaar\"; duurt het langer, schrijf dan onderaan de velden: [[updates]] date = {today} text = \"Wat er aan de hand is.\" end = {later} (elk op een eigen regel)"
                ))
            })
        })
        .collect()
}
