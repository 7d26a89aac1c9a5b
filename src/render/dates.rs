//! Dates and times as residents read them ("zondag 28 maart 2027, 19.30 uur")
//! and as machines read them (ISO 8601 with the UTC offset).

use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::config::Language;

pub(crate) const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS_SHORT_NL: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `mrt` (Dutch) or `Mar` (English), for calendar tiles.
pub fn month_short(month: i8, language: Language) -> &'static str {
    let months = if language == Language::En {
        &MONTHS_SHORT_EN
    } else {
        &MONTHS_SHORT_NL
    };
    months[(month.clamp(1, 12) - 1) as usize]
}

/// `maart` (Dutch) or `March` (English).
pub fn month_name(month: i8, language: Language) -> &'static str {
    let months = if language == Language::En {
        &MONTHS_EN
    } else {
        &MONTHS_NL
    };
    months[(month.clamp(1, 12) - 1) as usize]
}

fn weekday(date: Date, language: Language) -> &'static str {
    let days = if language == Language::En {
        &DAYS_EN
    } else {
        &DAYS_NL
    };
    days[(date.weekday().to_monday_one_offset() - 1) as usize]
}

/// `2 maart 2027`
pub fn date(date: Date, language: Language) -> String {
    match language {
        Language::Nl => format!(
            "{} {} {}",
            date.day(),
            month_name(date.month(), language),
            date.year()
        ),
        Language::En => format!(
            "{} {} {}",
            date.day(),
            month_name(date.month(), language),
            date.year()
        ),
    }
}

/// `maandag 2 maart 2027`
pub fn long_date(day: Date, language: Language) -> String {
    format!("{} {}", weekday(day, language), date(day, language))
}

/// `19.30` (Dutch) or `19:30` (English).
pub fn time(zoned: &ZonedDateTime, language: Language) -> String {
    let separator = if language == Language::En { ':' } else { '.' };
    format!("{:02}{separator}{:02}", zoned.hour(), zoned.minute())
}

/// `2 maart t/m 30 juni 2027`, `vanaf 2 maart 2027`, or one date.
pub fn period(start: Date, end: Option<Date>, language: Language) -> String {
    let (through, from) = if language == Language::En {
        ("to", "from")
    } else {
        ("t/m", "vanaf")
    };
    match end {
        None => format!("{from} {}", date(start, language)),
        Some(end) if end == start => date(start, language),
        Some(end) if end.year() == start.year() => {
            format!(
                "{} {} {through} {}",
                start.day(),
                month_name(start.month(), language),
                date(end, language)
            )
        }
        Some(end) => format!(
            "{} {through} {}",
            date(start, language),
            date(end, language)
        ),
    }
}

/// `zondag 28 maart 2027, 19.30 - 21.00 uur`
pub fn event_time(
    start: &ZonedDateTime,
    end: Option<&ZonedDateTime>,
    language: Language,
) -> String {
    let suffix = if language == Language::En { "" } else { " uur" };
    let day = long_date(start.date(), language);
    match end {
        Some(end) if end.date() == start.date() => format!(
            "{day}, {} - {}{suffix}",
            time(start, language),
            time(end, language)
        ),
        Some(end) => format!(
            "{day}, {}{suffix} - {}, {}{suffix}",
            time(start, language),
            long_date(end.date(), language),
            time(end, language)
        ),
        // Without an end the page gives only the start ("vanaf 19.30 uur").
        None => {
            let from = if language == Language::En {
                "from"
            } else {
                "vanaf"
            };
            format!("{day}, {from} {}{suffix}", time(start, language))
        }
    }
}

/// `2 uur`, `90 minuten`, `1 uur en 30 minuten`: a length in minutes.
pub fn duration(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_text = format!("{hours} uur");
    let minutes_text = |n: i64| format!("{n} {}", if n == 1 { "minuut" } else { "minuten" });
    match (hours, rest) {
        (0, m) => minutes_text(m),
        (_, 0) => hours_text,
        (_, m) => format!("{hours_text} en {}", minutes_text(m)),
    }
}

/// `2027-03-28T19:30:00+02:00`
pub fn iso(zoned: &ZonedDateTime) -> String {
    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn writes_dutch_dates_and_periods() {
        assert_eq!(
            long_date(d(2027, 3, 28), Language::Nl),
            "zondag 28 maart 2027"
        );
        assert_eq!(
            period(d(2027, 3, 2), Some(d(2027, 6, 30)), Language::Nl),
            "2 maart t/m 30 juni 2027"
        );
        assert_eq!(
            period(d(2026, 11, 2), Some(d(2027, 6, 30)), Language::Nl),
            "2 november 2026 t/m 30 juni 2027"
        );
        assert_eq!(
            period(d(2027, 3, 2), None, Language::Nl),
            "vanaf 2 maart 2027"
        );
    }

    #[test]
    fn writes_event_times_with_their_offset() {
        let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
        let start = d(2027, 3, 28)
            .at(19, 30, 0, 0)
            .to_zoned_datetime(tz.clone())
            .unwrap();
        let end = d(2027, 3, 28)
            .at(21, 0, 0, 0)
            .to_zoned_datetime(tz)
            .unwrap();
        assert_eq!(
            event_time(&start, Some(&end), Language::Nl),
            "zondag 28 maart 2027, 19.30 - 21.00 uur"
        );
        assert_eq!(iso(&start), "2027-03-28T19:30:00+02:00");
    }
}
