//! What editors paste from Word or write the Dutch way in front matter,
//! recognised so the message can give the exact line to write instead:
//! curly quotes, a double quote inside a value, non-breaking and other
//! invisible spaces, Dutch dates and times (`15-03-2027`, `15 maart 2027`,
//! `19.30`) and YAML front matter between `---` lines.

use jiff::civil::{Date, DateTime, Time};

use crate::render::dates::MONTHS_NL as MONTHS;

const SHORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// Spaces and marks that look like nothing (or like a space) but are not
/// the space TOML reads: with their name for the message.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{a0}', "vaste spatie"),
    ('\u{2007}', "vaste spatie"),
    ('\u{202f}', "smalle vaste spatie"),
    ('\u{2009}', "smalle spatie"),
    ('\u{200b}', "onzichtbare spatie"),
    ('\u{200c}', "onzichtbaar teken"),
    ('\u{200d}', "onzichtbaar teken"),
    ('\u{2060}', "onzichtbaar teken"),
    ('\u{feff}', "onzichtbaar teken"),
    ('\u{3000}', "brede spatie"),
];

/// A line with curly quotes: the line with straight ones instead.
pub fn curly_quotes(line: &str) -> Option<String> {
    if !line.contains(['“', '”', '„', '‟', '‘', '’', '‚', '‛']) {
        return None;
    }
    let (key, value) = line.split_once('=')?;
    let value = value
        .trim()
        .trim_matches(['“', '”', '„', '‟', '‘', '’', '‚', '‛', '"', '\'']);
    Some(assignment(key.trim(), value))
}

/// `key = "value"`, or `key = 'value'` when the value holds a double quote
/// (a TOML literal string), or with `\"` when it holds both kinds.
pub fn assignment(key: &str, value: &str) -> String {
    if !value.contains('"') {
        format!("{key} = \"{value}\"")
    } else if !value.contains('\'') {
        format!("{key} = '{value}'")
    } else {
        format!("{key} = \"{}\"", value.replace('"', "\\\""))
    }
}

/// A text value with a double quote inside (`title = "Werk aan de
/// "Tulpstraat""`): the line written as a literal string.
pub fn inner_quotes(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    inner.contains('"').then(|| assignment(key.trim(), inner))
}

/// The first invisible or non-breaking space of a line, with its name, and
/// the line with each one replaced by a plain space (or left out).
pub fn invisible_space(line: &str) -> Option<(char, &'static str, String)> {
    let (found, name) = line
        .chars()
        .find_map(|c| INVISIBLE.iter().find(|(i, _)| *i == c).copied())?;
    let fixed: String = line
        .chars()
        .filter_map(|c| match INVISIBLE.iter().find(|(i, _)| *i == c) {
            Some((i, _))
                if matches!(
                    *i,
                    '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{3000}'
                ) =>
            {
                Some(' ')
            }
            Some(_) => None,
            None => Some(c),
        })
        .collect();
    Some((found, name, fixed))
}

/// `U+00A0`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A date (and time) written the Dutch way, as TOML writes it:
/// `15-03-2027` -> `2027-03-15`; `15 maart 2027, 19.30 uur` ->
/// `2027-03-15T19:30:00`; `2027-03-15T19.30` -> `2027-03-15T19:30:00`.
pub fn dutch_date(text: &str) -> Option<String> {
    let text = text
        .trim()
        .trim_matches(['"', '\'', '“', '”', '‘', '’'])
        .trim()
        .to_lowercase();
    let (day_part, time_part) = split_time(&text);
    let date = iso_date(day_part).or_else(|| dutch_day(day_part))?;
    Some(match time_part.and_then(clock) {
        Some(time) => DateTime::from_parts(date, time)
            .strftime("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        None if time_part.is_some() => return None,
        None => date.to_string(),
    })
}

/// A time alone, the Dutch way (`19.30`, `19:30 uur`), as `19:30:00`.
pub fn dutch_time(text: &str) -> Option<String> {
    clock(&text.trim().to_lowercase()).map(|t| t.strftime("%H:%M:%S").to_string())
}

/// Splits `15 maart 2027, 19.30 uur` or `2027-03-15T19.30` into the day and the time.
fn split_time(text: &str) -> (&str, Option<&str>) {
    if let (Some(day), Some(rest)) = (text.get(..10), text.get(10..))
        && iso_date(day).is_some()
        && rest.starts_with(['t', ' '])
    {
        return (day, Some(rest[1..].trim()));
    }
    if let Some((day, time)) = text.split_once(',') {
        return (day.trim(), Some(time.trim()));
    }
    // `15-03-2027 19.30`, `15 maart 2027 om 19.30`: the time is the last word with a . or :
    match text.rsplit_once(' ') {
        Some((day, time)) if time.contains(['.', ':']) => (
            day.trim().trim_end_matches(" om").trim_end_matches(','),
            Some(time),
        ),
        _ => (text, None),
    }
}

fn iso_date(text: &str) -> Option<Date> {
    text.parse::<Date>().ok().filter(|_| text.len() == 10)
}

/// `15-03-2027`, `15/3/2027`, `15.03.2027`, `15 maart 2027`, `zondag 15 mrt 2027`.
fn dutch_day(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let parts: &[&str] = match parts.as_slice() {
        [first, rest @ ..] if first.chars().all(char::is_alphabetic) && rest.len() == 3 => rest,
        all => all,
    };
    let [day, month, year] = parts else {
        return None;
    };
    let day: i8 = day.parse().ok()?;
    let month: i8 = month.parse().ok().or_else(|| {
        MONTHS
            .iter()
            .position(|m| month.len() >= 3 && m.starts_with(month))
            .or_else(|| SHORT.iter().position(|m| m == month))
            .and_then(|i| i8::try_from(i + 1).ok())
    })?;
    let year: i16 = year.parse().ok().filter(|y| *y >= 1000)?;
    Date::new(year, month, day).ok()
}

/// `19.30`, `19:30`, `19.30 uur`, `19u30`.
fn clock(text: &str) -> Option<Time> {
    let text = text.trim().trim_end_matches("uur").trim();
    let (hour, minute) = text.split_once(['.', ':', 'u'])?;
    let (hour, minute) = (hour.trim(), minute.trim());
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
    };
    if !digits(hour, 1..=2) || !digits(minute, 2..=2) {
        return None;
    }
    Time::new(hour.parse().ok()?, minute.parse().ok()?, 0, 0).ok()
}

/// The YAML front matter of a file that starts with `---`, as TOML lines
/// between `+++` lines: `title: Avond` -> `title = "Avond"`, dates and
/// numbers and true/false bare, `[a, b]` as a list of texts.
pub fn yaml_to_toml(text: &str) -> Option<Vec<String>> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut out = vec!["+++".to_string()];
    for line in lines {
        if line.trim_end() == "---" {
            out.push("+++".into());
            return Some(out);
        }
        let Some((key, value)) = line.split_once(':') else {
            if !line.trim().is_empty() {
                out.push(format!("# {}", line.trim()));
            }
            continue;
        };
        out.push(yaml_field(key.trim(), value.trim()));
    }
    None
}

fn yaml_field(key: &str, value: &str) -> String {
    let quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    let bare = if quoted {
        &value[1..value.len() - 1]
    } else {
        value
    };
    if let Some(items) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Vec<String> = items
            .split(',')
            .map(|i| format!("\"{}\"", i.trim().trim_matches(['"', '\''])))
            .collect();
        return format!("{key} = [{}]", items.join(", "));
    }
    let is_date = iso_date(bare).is_some() || bare.parse::<DateTime>().is_ok();
    if is_date || matches!(bare, "true" | "false") || bare.parse::<i64>().is_ok() {
        return format!("{key} = {bare}");
    }
    match dutch_date(bare) {
        Some(iso) => format!("{key} = {iso}"),
        None => assignment(key, bare),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dutch_dates_and_times() {
        assert_eq!(dutch_date("15-03-2027").as_deref(), Some("2027-03-15"));
        assert_eq!(dutch_date("\"15/3/2027\"").as_deref(), Some("2027-03-15"));
        assert_eq!(dutch_date("15 maart 2027").as_deref(), Some("2027-03-15"));
        assert_eq!(
            dutch_date("zondag 15 mrt 2027").as_deref(),
            Some("2027-03-15")
        );
        assert_eq!(
            dutch_date("15 maart 2027, 19.30 uur").as_deref(),
            Some("2027-03-15T19:30:00")
        );
        assert_eq!(
            dutch_date("15-03-2027 19.30").as_deref(),
            Some("2027-03-15T19:30:00")
        );
        assert_eq!(
            dutch_date("2027-03-15T19.30").as_deref(),
            Some("2027-03-15T19:30:00")
        );
        assert_eq!(
            dutch_date("15 augustus 2027").as_deref(),
            Some("2027-08-15")
        );
        assert_eq!(dutch_date("31-02-2027"), None);
        assert_eq!(dutch_date("Bloemstraat"), None);
        assert_eq!(dutch_time("19.30").as_deref(), Some("19:30:00"));
    }

    #[test]
    fn straightens_quotes_and_removes_invisible_spaces() {
        assert_eq!(
            curly_quotes("title = “Werk aan de straat”").as_deref(),
            Some("title = \"Werk aan de straat\"")
        );
        assert_eq!(
            inner_quotes("title = \"Werk aan de \"Tulpstraat\"\"").as_deref(),
            Some("title = 'Werk aan de \"Tulpstraat\"'")
        );
        let (c, name, fixed) = invisible_space("title\u{a0}= \"A\"").unwrap();
        assert_eq!((code_point(c).as_str(), name), ("U+00A0", "vaste spatie"));
        assert_eq!(fixed, "title = \"A\"");
    }

    #[test]
    fn turns_yaml_front_matter_into_toml() {
        let toml = yaml_to_toml(
            "---\ntitle: Avond over \"warmte\"\nkind: event\nstart: 2027-03-28T19:30:00\nstreets: [Bloemstraat, Lindelaan]\ndraft: true\n---\nTekst\n",
        )
        .unwrap();
        assert_eq!(
            toml,
            [
                "+++",
                "title = 'Avond over \"warmte\"'",
                "kind = \"event\"",
                "start = 2027-03-28T19:30:00",
                "streets = [\"Bloemstraat\", \"Lindelaan\"]",
                "draft = true",
                "+++"
            ]
        );
    }
}
