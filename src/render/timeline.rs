//! The timeline page's months: every entry of the wijk's one timeline, grouped
//! by the month it starts in, with "today" placed between what has started
//! and what is still to come.

use jiff::civil::Date;
use serde::Serialize;

use super::dates::month_name;
use super::views::Views;
use crate::merge::{Entry, MergedWijk};

/// One month of the timeline.
#[derive(Debug, Serialize)]
pub struct Group {
    /// `maart 2027`; empty for entries without a date.
    pub label: String,
    /// The entries' template values, made once per wijk.
    pub entries: Vec<minijinja::Value>,
    /// "Today" goes above this month's heading: the first entry from today
    /// on starts in a later month.
    pub today_before: bool,
    /// "Today" goes before entry `n` of this month: today is in this month.
    pub today_at: Option<usize>,
}

/// Groups the timeline by month and places today; `value` gives an entry's
/// template value.
pub fn groups(
    views: &Views,
    merged: &MergedWijk,
    value: impl Fn(&Entry) -> minijinja::Value,
) -> Vec<Group> {
    let language = views.language();
    let today = views.today;
    let mut placed = false;
    let mut groups: Vec<Group> = Vec::new();
    for entry in &merged.timeline {
        let item = value(entry);
        let date = match entry {
            Entry::Project(i) => merged.projects[*i].start,
            Entry::Item(c) => c.start_date(),
        };
        let label = date.map_or_else(String::new, |d| {
            format!("{} {}", month_name(d.month(), language), d.year())
        });
        if groups.last().is_none_or(|g| g.label != label) {
            groups.push(Group {
                label,
                entries: Vec::new(),
                today_before: false,
                today_at: None,
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        if !placed && let Some(date) = date.filter(|d| *d >= today) {
            placed = true;
            if same_month(date, today) {
                group.today_at = Some(group.entries.len());
            } else if group.entries.is_empty() {
                group.today_before = true;
            } else {
                group.today_at = Some(group.entries.len());
            }
        }
        group.entries.push(item);
    }
    groups
}

fn same_month(a: Date, b: Date) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

/// Where a part lies within its project's period, in whole percents of the
/// period, for the bars on the project page (`from` 20, `width` 35).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: u8,
    pub width: u8,
}

/// The project's period as the bars' scale: its first and last day, and
/// where today falls on it (when it does).
#[derive(Debug, Serialize)]
pub struct Scale {
    pub start: String,
    pub end: String,
    pub today: Option<u8>,
}

/// The scale for a project running from `start` to `end`.
pub fn scale(start: Date, end: Date, today: Date, views: &Views) -> Scale {
    let language = views.language();
    let short = |d: Date| {
        format!(
            "{} {}",
            super::dates::month_short(d.month(), language),
            d.year()
        )
    };
    Scale {
        start: short(start),
        end: short(end),
        today: (start <= today && today <= end).then(|| percent(start, end, today)),
    }
}

/// The span of a part from `from` to `to` within `start..=end`; at least 2%
/// wide so a one-day meeting stays visible.
pub fn span(start: Date, end: Date, from: Date, to: Date) -> Span {
    let left = percent(start, end, from.clamp(start, end));
    let right = percent(
        start,
        end,
        to.clamp(start, end)
            .saturating_add(jiff::Span::new().days(1)),
    );
    let width = right.saturating_sub(left).max(2);
    Span {
        from: left.min(100 - width),
        width,
    }
}

/// Where `day` falls in `start..=end`, in whole percents (0 to 100).
fn percent(start: Date, end: Date, day: Date) -> u8 {
    let total = days(start, end) + 1;
    let at = days(start, day).clamp(0, total);
    u8::try_from(at * 100 / total.max(1)).unwrap_or(100)
}

fn days(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn spans_lie_within_the_project_period() {
        let (start, end) = (date(2027, 1, 1), date(2027, 12, 31));
        assert_eq!(
            span(start, end, start, end),
            Span {
                from: 0,
                width: 100
            }
        );
        let half = span(start, end, date(2027, 7, 2), end);
        assert_eq!((half.from, half.width), (49, 51));
        let meeting = span(start, end, date(2027, 12, 31), date(2027, 12, 31));
        assert_eq!((meeting.from, meeting.width), (98, 2));
        let outside = span(start, end, date(2026, 1, 1), date(2028, 1, 1));
        assert_eq!((outside.from, outside.width), (0, 100));
    }
}
