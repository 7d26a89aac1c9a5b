//! Reads typed fields out of a front-matter table, turning every mistake into
//! a diagnostic that says what to write instead. Reading goes on after a bad
//! field, so one run reports every problem of a file.

use jiff::civil::{Date, DateTime};
use toml::{Table, Value};

use super::frontmatter::FrontMatter;
use crate::error::Diagnostic;

/// A local or absolute date-time as written in the front matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WrittenTime {
    Local(DateTime),
    /// An instant written with a UTC offset or `Z`, with the clock time
    /// as written before the offset.
    Absolute(jiff::Timestamp, DateTime),
}

/// Reads the fields of one table (the top level or a `[section]`).
pub struct FieldReader<'a> {
    front_matter: &'a FrontMatter<'a>,
    table: &'a Table,
    section: Option<&'a str>,
    /// For a table of an array (`[[updates]]`): which one, from 0.
    index: Option<usize>,
    file: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    pub fn new(
        front_matter: &'a FrontMatter<'a>,
        file: &'a str,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        let mut reader = FieldReader {
            front_matter,
            table: &front_matter.table,
            section: None,
            index: None,
            file,
            diagnostics,
        };
        reader.report_control_characters();
        reader
    }

    /// A `control-character` error for every string (at any depth) and every
    /// key that holds a control character other than tab and line breaks:
    /// they reach the pages, feeds and the terminal, and are never meant.
    fn report_control_characters(&mut self) {
        // Most front matter has none: find that out before naming fields
        // and looking up their lines.
        if !self
            .table
            .iter()
            .any(|(key, value)| holds_stray_control(key) || value_holds_stray_control(value))
        {
            return;
        }
        let mut found = Vec::new();
        for (key, value) in self.table {
            match value {
                Value::Table(table) => {
                    stray_controls(key, None, self.line(key), &mut found);
                    for (sub, value) in table {
                        let line = self.front_matter.line_of(Some(key), sub);
                        stray_controls(&format!("{key}.{sub}"), Some(value), line, &mut found);
                    }
                }
                value => stray_controls(key, Some(value), self.line(key), &mut found),
            }
        }
        found.sort_by_key(|(_, _, line)| *line);
        for (field, c, line) in found {
            let message = format!(
                "in het veld \"{}\" staat een onzichtbaar stuurteken ({}); dat hoort niet in tekst",
                crate::linesafe::visible(&field),
                crate::linesafe::code_point(c)
            );
            self.diagnostics.push(
                Diagnostic::error("control-character", self.file, Some(line), message).note(
                    "haal het teken weg; het komt vaak mee bij kopiëren en plakken: typ de tekst opnieuw of plak hem als platte tekst",
                ),
            );
        }
    }

    /// A reader for the sub-table `[name]`; `None` if it is absent or not a table.
    pub fn section(&mut self, name: &'a str, example: &str) -> Option<FieldReader<'_>> {
        match self.table.get(name) {
            None => None,
            Some(Value::Table(table)) => Some(FieldReader {
                front_matter: self.front_matter,
                table,
                section: Some(name),
                index: None,
                file: self.file,
                diagnostics: self.diagnostics,
            }),
            Some(_) => {
                self.type_error(name, "een blok met een eigen kop", example);
                None
            }
        }
    }

    /// Calls `read` with a reader for each table of the array `[[name]]`,
    /// with its position; reports a value that is not such an array.
    pub fn each_table(
        &mut self,
        name: &'a str,
        example: &str,
        mut read: impl FnMut(&mut FieldReader<'_>, usize),
    ) {
        let tables: Vec<&'a Table> = match self.table.get(name) {
            None => return,
            Some(Value::Array(items)) if items.iter().all(Value::is_table) => {
                items.iter().filter_map(Value::as_table).collect()
            }
            Some(Value::Table(table)) => vec![table],
            Some(_) => {
                self.type_error(name, "een of meer blokken met de kop [[updates]]", example);
                return;
            }
        };
        for (index, table) in tables.into_iter().enumerate() {
            let mut reader = FieldReader {
                front_matter: self.front_matter,
                table,
                section: Some(name),
                index: Some(index),
                file: self.file,
                diagnostics: self.diagnostics,
            };
            read(&mut reader, index);
        }
    }

    /// The keys of this table with their values, in file order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.table.iter()
    }

    /// The raw value of `key`, for fields with a shape of their own.
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.table.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The file these fields come from.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The 1-based line of `key` in the file.
    pub fn line(&self, key: &str) -> usize {
        match (self.section, self.index) {
            (Some(section), Some(index)) => self.front_matter.line_in_array(section, index, key),
            _ => self.front_matter.line_of(self.section, key),
        }
    }

    /// The field as a message names it: `"name"`, `"name" onder [contact]`
    /// or `"date" in de 2e [[updates]]`.
    fn named(&self, key: &str) -> String {
        match (self.section, self.index) {
            (Some(section), Some(index)) => {
                format!("\"{key}\" in de {}e [[{section}]]", index + 1)
            }
            (Some(section), None) => format!("\"{key}\" onder [{section}]"),
            _ => format!("\"{key}\""),
        }
    }

    pub fn error(&mut self, code: &'static str, key: &str, message: String, hint: String) {
        let line = self.line(key);
        self.diagnostics
            .push(Diagnostic::error(code, self.file, Some(line), message).note(hint));
    }

    fn type_error(&mut self, key: &str, expected: &str, example: &str) {
        let message = format!("het veld {} moet {expected} zijn", self.named(key));
        self.error(
            "invalid-field",
            key,
            message,
            format!("schrijf het zo: {example}"),
        );
    }

    pub fn missing(&mut self, key: &str, example: &str) {
        let line = match (self.section, self.index) {
            (Some(section), Some(index)) => self.front_matter.line_in_array(section, index, ""),
            (Some(section), None) => self.front_matter.line_of(Some(section), ""),
            _ => self.front_matter.opening_line(),
        };
        let message = format!("het verplichte veld {} ontbreekt", self.named(key));
        self.diagnostics.push(
            Diagnostic::error("missing-field", self.file, Some(line), message)
                .note(format!("voeg een regel toe: {example}")),
        );
    }

    /// Reports every key that is not in `known`, with a did-you-mean.
    pub fn deny_unknown(&mut self, known: &[&str]) {
        self.deny_unknown_except(known, &[]);
    }

    /// Reports every key that is neither in `allowed` nor in `handled`
    /// (fields reported elsewhere, such as forbidden ones). The hint only
    /// ever names `allowed` fields.
    pub fn deny_unknown_except(&mut self, allowed: &[&str], handled: &[&str]) {
        let unknown: Vec<String> = self
            .table
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()) && !handled.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            let hint = match did_you_mean(&key, allowed.iter().copied()) {
                Some(best) => format!("bedoelt u \"{best}\"?"),
                None => format!("deze velden mogen hier staan: {}", allowed.join(", ")),
            };
            let message = format!("het veld {} bestaat niet", self.named(&key));
            self.error("unknown-field", &key, message, hint);
        }
    }

    pub fn string(&mut self, key: &str, required: bool, example: &str) -> Option<String> {
        match self.table.get(key) {
            None if required => {
                self.missing(key, example);
                None
            }
            None => None,
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                self.error(
                    "missing-field",
                    key,
                    format!("het verplichte veld {} is leeg", self.named(key)),
                    format!("schrijf het zo: {example}"),
                );
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(_) => {
                self.type_error(key, "tekst tussen dubbele aanhalingstekens", example);
                None
            }
        }
    }

    pub fn strings(&mut self, key: &str, required: bool, example: &str) -> Option<Vec<String>> {
        match self.table.get(key) {
            None if required => {
                self.missing(key, example);
                None
            }
            None => None,
            Some(Value::Array(items)) if items.iter().all(Value::is_str) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| s.trim().to_string())
                    .collect(),
            ),
            Some(Value::String(single)) => Some(vec![single.trim().to_string()]),
            Some(_) => {
                self.type_error(key, "een lijst van teksten", example);
                None
            }
        }
    }

    pub fn boolean(&mut self, key: &str, example: &str) -> Option<bool> {
        match self.table.get(key) {
            None => None,
            Some(Value::Boolean(b)) => Some(*b),
            Some(_) => {
                self.type_error(key, "true of false (zonder aanhalingstekens)", example);
                None
            }
        }
    }

    pub fn integer(&mut self, key: &str, example: &str) -> Option<i64> {
        match self.table.get(key) {
            None => None,
            Some(Value::Integer(n)) if *n >= 0 => Some(*n),
            Some(_) => {
                self.type_error(key, "een heel getal (0 of meer)", example);
                None
            }
        }
    }

    /// A calendar date, written natively (`2027-03-02`) or quoted.
    pub fn date(&mut self, key: &str, required: bool, example: &str) -> Option<Date> {
        let text = self.date_text(key, required, example)?;
        match text.parse::<Date>() {
            Ok(date) if !text.contains(['T', 't', ' ']) => Some(date),
            Ok(_) => {
                let message = format!(
                    "in het veld {} hoort alleen een datum, zonder tijd; er staat nu: {text}",
                    self.named(key)
                );
                self.error(
                    "bad-date",
                    key,
                    message,
                    format!("schrijf alleen de datum, zo: {example}"),
                );
                None
            }
            Err(_) if self.dutch(key, &text) => None,
            Err(_) => {
                let message = format!(
                    "in het veld {} staat geen goede datum: \"{text}\"",
                    self.named(key)
                );
                self.error(
                    "bad-date",
                    key,
                    message,
                    format!("schrijf jaar-maand-dag in cijfers, zo: {example}"),
                );
                None
            }
        }
    }

    /// A date with a time, local (`2027-03-28T19:30:00`) or with an offset.
    pub fn date_time(&mut self, key: &str, required: bool, example: &str) -> Option<WrittenTime> {
        let text = self.date_text(key, required, example)?;
        if let Ok(local) = text.parse::<DateTime>()
            && text.contains(['T', 't', ' '])
            && !has_offset(&text)
        {
            return Some(WrittenTime::Local(local));
        }
        if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
            let clock = text
                .get(..19)
                .and_then(|t| t.replace([' ', 't'], "T").parse::<DateTime>().ok())
                .unwrap_or_else(|| {
                    timestamp
                        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                        .datetime()
                });
            return Some(WrittenTime::Absolute(timestamp, clock));
        }
        if self.dutch(key, &text) {
            return None;
        }
        let message = if text.parse::<Date>().is_ok() {
            format!(
                "in het veld {} hoort een datum met een tijd; er staat nu alleen een datum: {text}",
                self.named(key)
            )
        } else {
            format!(
                "in het veld {} staat geen goede datum met tijd: \"{text}\"",
                self.named(key)
            )
        };
        self.error(
            "bad-date",
            key,
            message,
            format!(
                "schrijf de datum, een T en de tijd zoals die hier op de klok staat, zo: {example}"
            ),
        );
        None
    }

    /// A date written the Dutch way (`"15-03-2027"`, `"15 maart 2027"`):
    /// reported with the line to write; `false` when it is not one.
    fn dutch(&mut self, key: &str, text: &str) -> bool {
        if text.parse::<Date>().is_ok() {
            return false;
        }
        let Some(iso) = super::mistakes::dutch_date(text) else {
            return false;
        };
        let message = format!(
            "in het veld {} staat de datum in de Nederlandse volgorde: \"{text}\"",
            self.named(key)
        );
        let hint = format!("schrijf jaar-maand-dag, zonder aanhalingstekens: {key} = {iso}");
        self.error("bad-date", key, message, hint);
        true
    }

    fn date_text(&mut self, key: &str, required: bool, example: &str) -> Option<String> {
        match self.table.get(key) {
            None if required => {
                self.missing(key, example);
                None
            }
            None => None,
            Some(Value::Datetime(dt)) => Some(dt.to_string()),
            Some(Value::String(s)) => Some(s.trim().to_string()),
            // `start = 19.30`: a time without its day.
            Some(Value::Float(f)) if super::mistakes::dutch_time(&format!("{f:.2}")).is_some() => {
                let time = super::mistakes::dutch_time(&format!("{f:.2}")).unwrap_or_default();
                let message = format!(
                    "in het veld {} staat alleen een tijd ({f:.2}); hier hoort een datum, met de tijd erachter",
                    self.named(key)
                );
                let hint = format!(
                    "schrijf de datum, een T en de tijd met een dubbele punt, zo: {key} = 2027-03-15T{time} (met de echte datum)"
                );
                self.error("bad-date", key, message, hint);
                None
            }
            Some(_) => {
                self.type_error(key, "een datum", example);
                None
            }
        }
    }
}

/// Whether `text` holds a character [`crate::linesafe::is_stray_control`]
/// rejects; control characters are one byte, or two starting with `C2`.
fn holds_stray_control(text: &str) -> bool {
    crate::bytescan::any(text.as_bytes(), |b| b < 0x20 || b == 0x7f || b == 0xc2)
        && text.chars().any(crate::linesafe::is_stray_control)
}

/// Whether a string in `value` (at any depth, keys too) holds one.
fn value_holds_stray_control(value: &Value) -> bool {
    match value {
        Value::String(text) => holds_stray_control(text),
        Value::Array(items) => items.iter().any(value_holds_stray_control),
        Value::Table(table) => table
            .iter()
            .any(|(key, item)| holds_stray_control(key) || value_holds_stray_control(item)),
        _ => false,
    }
}

/// Finds the control characters in the name `field` and (at any depth) in
/// `value`, as (field, character, line).
fn stray_controls(
    field: &str,
    value: Option<&Value>,
    line: usize,
    found: &mut Vec<(String, char, usize)>,
) {
    let stray = |text: &str| text.chars().find(|&c| crate::linesafe::is_stray_control(c));
    if let Some(c) = stray(field) {
        found.push((field.to_string(), c, line));
    }
    match value {
        Some(Value::String(text)) => {
            if let Some(c) = stray(text) {
                found.push((field.to_string(), c, line));
            }
        }
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                stray_controls(&format!("{field}[{}]", i + 1), Some(item), line, found);
            }
        }
        Some(Value::Table(table)) => {
            for (key, item) in table {
                stray_controls(&format!("{field}.{key}"), Some(item), line, found);
            }
        }
        _ => {}
    }
}

fn has_offset(text: &str) -> bool {
    let time = text.split(['T', 't', ' ']).nth(1).unwrap_or("");
    time.ends_with(['Z', 'z']) || time.contains(['+', '-'])
}

/// The closest candidate to a misspelt name, if it is close enough.
pub fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_for_control_characters_agrees_with_the_rule() {
        for n in (0..0x3_0000u32).filter_map(char::from_u32) {
            for text in [
                format!("{n}"),
                format!("ééé{n}x"),
                format!("{}{n}", "a".repeat(17)),
            ] {
                assert_eq!(
                    holds_stray_control(&text),
                    text.chars().any(crate::linesafe::is_stray_control),
                    "{text:?}"
                );
            }
        }
    }

    fn read<T>(toml: &str, f: impl FnOnce(&mut FieldReader) -> T) -> (T, Vec<Diagnostic>) {
        let fm = FrontMatter::parse(toml, 2).unwrap();
        let mut diagnostics = Vec::new();
        let mut reader = FieldReader::new(&fm, "content/w/a.md", &mut diagnostics);
        let value = f(&mut reader);
        (value, diagnostics)
    }

    #[test]
    fn control_characters_in_any_string_are_errors_naming_the_field() {
        let toml = "title = \"a\\u001b[2Jb\"\nstreets = [\"x\", \"y\\u0001\"]\n[contact]\nname = \"c\\u007f\"\nvisit = \"regel 1\\nregel 2\\tx\"";
        let (_, d) = read(toml, |_| ());
        let found: Vec<(&str, Option<usize>, &str)> = d
            .iter()
            .map(|d| (d.code, d.line, d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|f| f.0 == "control-character"));
        assert!(found[0].2.contains("\"title\"") && found[0].2.contains("U+001B"));
        assert_eq!(found[0].1, Some(2));
        assert!(found[1].2.contains("\"streets[2]\"") && found[1].2.contains("U+0001"));
        assert!(found[2].2.contains("\"contact.name\"") && found[2].2.contains("U+007F"));
        assert_eq!(found[2].1, Some(5));
    }

    #[test]
    fn reads_native_and_quoted_dates() {
        let (date, d) = read("start = 2027-03-02", |r| {
            r.date("start", true, "start = 2027-03-02")
        });
        assert_eq!(date, Some(jiff::civil::date(2027, 3, 2)));
        assert!(d.is_empty());
        let (date, _) = read("start = \"2027-03-02\"", |r| r.date("start", true, ""));
        assert_eq!(date, Some(jiff::civil::date(2027, 3, 2)));
    }

    #[test]
    fn rejects_a_time_where_a_date_is_meant_and_vice_versa() {
        let (_, d) = read("start = 2027-03-02T10:00:00", |r| r.date("start", true, ""));
        assert_eq!(d[0].code, "bad-date");
        let (_, d) = read("start = 2027-03-02", |r| r.date_time("start", true, ""));
        assert!(d[0].message.contains("hoort een datum met een tijd"));
        assert!(d[0].notes[0].contains("een T en de tijd"));
        let (_, d) = read("start = \"2027-13-02\"", |r| r.date("start", true, ""));
        assert_eq!((d[0].code, d[0].line), ("bad-date", Some(2)));
    }

    #[test]
    fn reads_local_and_absolute_times() {
        let (t, _) = read("start = 2027-03-28T19:30:00", |r| {
            r.date_time("start", true, "")
        });
        assert!(matches!(t, Some(WrittenTime::Local(_))));
        let (t, _) = read("start = 2027-03-28T19:30:00+02:00", |r| {
            r.date_time("start", true, "")
        });
        let Some(WrittenTime::Absolute(instant, clock)) = t else {
            panic!("not absolute: {t:?}")
        };
        assert_eq!(instant.to_string(), "2027-03-28T17:30:00Z");
        assert_eq!(clock.to_string(), "2027-03-28T19:30:00");
    }

    #[test]
    fn reports_unknown_fields_with_a_suggestion() {
        let (_, d) = read("title = \"A\"\nstrets = [\"B\"]", |r| {
            r.deny_unknown(&["title", "streets"])
        });
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(3));
        assert_eq!(d[0].message, "het veld \"strets\" bestaat niet");
        assert_eq!(d[0].notes[0], "bedoelt u \"streets\"?");
    }

    #[test]
    fn reports_missing_and_mistyped_fields() {
        let (_, d) = read("title = 3", |r| {
            r.string("title", true, "title = \"...\"");
            r.string("department", true, "department = \"...\"")
        });
        assert_eq!(d.len(), 2);
        assert!(
            d.iter()
                .any(|d| d.code == "missing-field" && d.message.contains("department"))
        );
        let mistyped = d.iter().find(|d| d.code == "invalid-field").unwrap();
        assert_eq!(
            mistyped.message,
            "het veld \"title\" moet tekst tussen dubbele aanhalingstekens zijn"
        );
        assert_eq!(mistyped.notes[0], "schrijf het zo: title = \"...\"");
    }
}
