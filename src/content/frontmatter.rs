//! Splits a content file into its TOML front matter and Markdown body, and
//! parses the front matter into a table whose keys know their line.

use std::collections::BTreeMap;

use toml::{Table, Value};

use crate::error::Diagnostic;

/// A content file cut in two, with the line numbers of both halves.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// 1-based line of the first front-matter line (after the opening `+++`).
    pub front_matter_line: usize,
    pub body: &'a str,
}

/// Why a file could not be split, with the line it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitError {
    pub line: usize,
    pub message: String,
    pub hint: String,
    /// Lines to write instead, one note each (YAML turned into TOML).
    pub write: Vec<String>,
}

/// Normalizes what editors' tools write: a UTF-8 byte-order mark and CRLF
/// line endings are ordinary input.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Splits normalized text at the `+++` lines.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_line = text.lines().next().unwrap_or("");
    if let Some(toml) = super::mistakes::yaml_to_toml(text) {
        return Err(SplitError {
            line: 1,
            message: "de velden staan tussen regels --- en zijn geschreven als YAML; wijkverhaal leest ze tussen regels +++, geschreven als TOML".into(),
            hint: "zet de velden zo neer (tekst tussen aanhalingstekens, een datum zonder, = in plaats van :):".into(),
            write: toml,
        });
    }
    if first_line.trim_end() != "+++" {
        return Err(SplitError {
            line: 1,
            message: "het bestand begint niet met de velden tussen twee regels +++".into(),
            hint: "begin het bestand met een regel +++, dan de velden (zoals title = \"...\"), dan weer een regel +++, en daarna de tekst".into(),
            write: Vec::new(),
        });
    }
    let after_open = first_line.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front_matter: &rest[..offset],
                front_matter_line: 2,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        line: 1,
        message: "de velden bovenaan zijn niet afgesloten met een regel +++".into(),
        hint: "zet een regel +++ na het laatste veld, vóór de tekst".into(),
        write: Vec::new(),
    })
}

/// A content file read: its parsed front matter and its Markdown body.
pub struct Document<'a> {
    pub front_matter: FrontMatter<'a>,
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

/// Splits normalized text and parses its front matter. `hint` says how to
/// mend a TOML mistake when no more specific hint fits.
pub fn read<'a>(
    file: &str,
    text: &'a str,
    hint: &str,
) -> Result<Document<'a>, crate::error::Diagnostic> {
    let split = split(text).map_err(|e| {
        let diagnostic =
            crate::error::Diagnostic::error("missing-front-matter", file, Some(e.line), e.message)
                .note(e.hint);
        e.write.into_iter().fold(diagnostic, Diagnostic::note)
    })?;
    let front_matter = FrontMatter::parse(split.front_matter, split.front_matter_line)
        .map_err(|e| e.diagnostic(file, hint))?;
    let body_line = split.front_matter_line + split.front_matter.lines().count() + 1;
    Ok(Document {
        front_matter,
        body: split.body,
        body_line,
    })
}

/// A parsed front matter: the table plus the text, to find a key's line.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    pub table: Table,
    text: &'a str,
    first_line: usize,
}

/// A TOML syntax error, at a line of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlError {
    pub line: usize,
    /// The parser's own message, in English (from the `toml` crate).
    pub message: String,
    /// The field name the line starts with, if it has one, for the hint.
    pub key: Option<String>,
    /// The line as written.
    pub text: String,
}

impl TomlError {
    /// The diagnostic for this error in `file`: a Dutch message with the
    /// parser's English words as the technical detail. A date that does not
    /// exist (`2027-02-30`) is a `bad-date` with a date hint; anything else
    /// is `invalid-toml` with a hint for the mistake, else the caller's.
    pub fn diagnostic(self, file: &str, hint: &str) -> Diagnostic {
        if let Some(diagnostic) = self.pasted(file) {
            return diagnostic;
        }
        let is_date = ["invalid date", "invalid time", "invalid datetime"]
            .iter()
            .any(|p| self.message.starts_with(p));
        let detail = &self.message;
        if is_date {
            let message = format!("deze datum of tijd bestaat niet (technisch: {detail})");
            Diagnostic::error("bad-date", file, Some(self.line), message).note(
                "schrijf een datum die bestaat, als jaar-maand-dag zonder aanhalingstekens, zo: 2027-03-02 (met een tijd: 2027-03-28T19:30:00)",
            )
        } else {
            let message = format!("deze regel klopt niet (technisch: {detail})");
            let key = self.key.as_deref().unwrap_or("title");
            let hint = toml_hint(detail, key).unwrap_or_else(|| hint.to_string());
            Diagnostic::error("invalid-toml", file, Some(self.line), message).note(hint)
        }
    }
}

impl TomlError {
    /// What editors paste from Word or write the Dutch way, recognised on
    /// the line, with the exact line to write instead.
    fn pasted(&self, file: &str) -> Option<Diagnostic> {
        use super::mistakes;
        let line = self.text.trim();
        let error = |code, message: String, note: String| {
            let detail = &self.message;
            Some(
                Diagnostic::error(
                    code,
                    file,
                    Some(self.line),
                    format!("{message} (technisch: {detail})"),
                )
                .note(note),
            )
        };
        if let Some((c, name, fixed)) = mistakes::invisible_space(line) {
            return error(
                "invalid-toml",
                format!(
                    "op deze regel staat een {name} ({}): die lijkt op een gewone spatie, maar is het niet (vaak meegekomen bij kopiëren uit Word of een mail)",
                    mistakes::code_point(c)
                ),
                format!("typ de regel opnieuw, met gewone spaties: {fixed}"),
            );
        }
        if let Some(fixed) = mistakes::curly_quotes(line) {
            return error(
                "invalid-toml",
                "op deze regel staan krullende aanhalingstekens (“ ” of ‘ ’), zoals Word ze maakt; de velden kennen alleen rechte aanhalingstekens (\")".into(),
                format!("schrijf: {fixed}"),
            );
        }
        if let Some(fixed) = mistakes::inner_quotes(line) {
            return error(
                "invalid-toml",
                "in deze tekst staat een dubbel aanhalingsteken (\"): dat sluit de tekst te vroeg af".into(),
                format!("zet de tekst tussen enkele aanhalingstekens: {fixed}"),
            );
        }
        let (key, value) = line.split_once('=')?;
        let iso = mistakes::dutch_date(value)?;
        let value = value.trim();
        error(
            "bad-date",
            format!(
                "de datum of tijd {value} is op de Nederlandse manier geschreven; hier staat een datum als jaar-maand-dag, en een tijd met een dubbele punt"
            ),
            format!("schrijf (zonder aanhalingstekens): {} = {iso}", key.trim()),
        )
    }
}

/// A Dutch hint for the TOML mistakes editors make most, by the parser's
/// English message; `{key}` in a hint becomes the line's field name.
fn toml_hint(message: &str, key: &str) -> Option<String> {
    const HINTS: &[(&str, &str)] = &[
        (
            "invalid basic string",
            "een tekst begint en eindigt met een dubbel aanhalingsteken, op dezelfde regel: {key} = \"...\"",
        ),
        (
            "string values must be quoted",
            "zet tekst tussen dubbele aanhalingstekens: {key} = \"...\" (alleen een datum, een getal, true en false staan er zonder)",
        ),
        (
            "duplicate key",
            "dit veld staat twee keer in het bestand: haal een van de twee regels weg",
        ),
        (
            "unclosed table",
            "een kop staat tussen vierkante haken, zo: [contact]",
        ),
        (
            "unclosed array",
            "een lijst staat tussen vierkante haken, met komma's ertussen, zo: streets = [\"Bloemstraat\", \"Lindelaan\"]",
        ),
        (
            "missing comma between array elements",
            "zet een komma tussen de teksten in een lijst, zo: streets = [\"Bloemstraat\", \"Lindelaan\"]",
        ),
        (
            "key with no value",
            "schrijf de naam van het veld, een =-teken en de waarde: {key} = \"...\"",
        ),
        (
            "extra `=`",
            "zet één =-teken tussen de naam van het veld en de waarde: {key} = \"...\"",
        ),
        (
            "unexpected key or value",
            "na de waarde mag niets meer op de regel staan; zet tekst helemaal tussen dubbele aanhalingstekens: {key} = \"...\"",
        ),
    ];
    HINTS
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map(|(_, hint)| hint.replace("{key}", key))
}

impl<'a> FrontMatter<'a> {
    pub fn parse(text: &'a str, first_line: usize) -> Result<Self, TomlError> {
        match text.parse::<Table>() {
            Ok(table) => Ok(FrontMatter {
                table,
                text,
                first_line,
            }),
            Err(error) => {
                let line = error
                    .span()
                    .map_or(0, |span| line_of_offset(text, span.start));
                Err(TomlError {
                    line: first_line + line,
                    message: toml_message(error.message()),
                    key: text.lines().nth(line).and_then(key_of_line),
                    text: text.lines().nth(line).unwrap_or("").to_string(),
                })
            }
        }
    }

    /// Each top-level key and each table header (`contact` for `[contact]`,
    /// `updates` for `[[updates]]`) with its 1-based file line, in the
    /// order of the lines: the first one with a name is the line
    /// `line_of(None, name)` gives, found for every name in one pass.
    fn top_level_lines(&self) -> Vec<(&str, usize)> {
        let mut found = Vec::new();
        let mut top = true;
        for (index, raw) in self.text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with('[') {
                found.push((table_name(line), self.first_line + index));
                top = false;
            } else if let Some(name) = top.then(|| set_key(line)).flatten() {
                found.push((name, self.first_line + index));
            }
        }
        found
    }

    /// For each of `keys` that the front matter sets, its line as
    /// [`line_of`](Self::line_of)`(None, key)` gives it, found in one pass.
    pub fn top_level_lines_of(&self, keys: &[&'static str]) -> BTreeMap<&'static str, usize> {
        let lines = self.top_level_lines();
        keys.iter()
            .filter(|key| self.get(key).is_some())
            .map(|key| {
                let line = lines.iter().find(|(name, _)| name == key);
                (*key, line.map_or(self.first_line, |(_, line)| *line))
            })
            .collect()
    }

    /// The 1-based file line where `key` is set, inside `[section]` if given.
    pub fn line_of(&self, section: Option<&str>, key: &str) -> usize {
        let mut in_section = section.is_none();
        for (index, raw) in self.text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with('[') {
                let name = table_name(line);
                if section.is_none() && name == key {
                    return self.first_line + index;
                }
                in_section = section == Some(name);
                if in_section && key.is_empty() {
                    return self.first_line + index;
                }
                continue;
            }
            if in_section && line_sets_key(line, key) {
                return self.first_line + index;
            }
        }
        self.first_line
    }

    /// The 1-based file line of `key` in the `index`-th table of the array
    /// `[[name]]` (its header line when `key` is empty or absent); the line
    /// of `name` itself when the array is written inline.
    pub fn line_in_array(&self, name: &str, index: usize, key: &str) -> usize {
        let header = format!("[[{name}]]");
        let mut seen = 0;
        let mut inside: Option<usize> = None;
        for (n, raw) in self.text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with('[') {
                if let Some(start) = inside {
                    return start;
                }
                if line.split('#').next().unwrap_or("").trim().replace(' ', "") == header {
                    if seen == index {
                        inside = Some(self.first_line + n);
                        if key.is_empty() {
                            return self.first_line + n;
                        }
                    }
                    seen += 1;
                }
                continue;
            }
            if inside.is_some() && line_sets_key(line, key) {
                return self.first_line + n;
            }
        }
        inside.unwrap_or_else(|| self.line_of(None, name))
    }

    /// The line of the opening `+++`.
    pub fn opening_line(&self) -> usize {
        self.first_line.saturating_sub(1).max(1)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.table.get(key)
    }
}

/// The field name a line starts with (`title` in `title = "A"` or in the
/// YAML habit `title: A`), if it looks like one.
fn key_of_line(line: &str) -> Option<String> {
    let name = line.split(['=', ':']).next()?.trim();
    let is_key = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    is_key.then(|| name.to_string())
}

fn line_sets_key(line: &str, key: &str) -> bool {
    set_key(line) == Some(key)
}

/// The key a `key = value` line sets (quotes taken off).
fn set_key(line: &str) -> Option<&str> {
    let (name, _) = line.split_once('=')?;
    Some(name.trim().trim_matches('"').trim_matches('\''))
}

/// `contact` for the header line `[contact]`, `updates` for `[[updates]]`.
fn table_name(line: &str) -> &str {
    line.trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("")
        .trim()
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

fn toml_message(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "invalid TOML".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let split = split("+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!(split.body, "Body\n");
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let text = normalize("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n");
        let split = split(&text).unwrap();
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!(split.body, "Body\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        let error = split("title = 1").unwrap_err();
        assert!(error.message.contains("begint niet met"));
        assert!(error.hint.contains("begin het bestand met een regel +++"));
        let error = split("+++\ntitle = 1\n").unwrap_err();
        assert!(error.message.contains("niet afgesloten"));
        assert!(error.hint.contains("zet een regel +++ na het laatste veld"));
        assert!(split("").is_err());
    }

    #[test]
    fn toml_errors_carry_the_file_line() {
        let error = FrontMatter::parse("title = \"A\"\nkind = \n", 2).unwrap_err();
        assert_eq!(error.line, 3);
    }

    #[test]
    fn finds_the_line_of_a_key_in_its_section() {
        let fm = FrontMatter::parse("name = \"X\"\n\n[contact]\nname = \"Y\"\n", 2).unwrap();
        assert_eq!(fm.line_of(None, "name"), 2);
        assert_eq!(fm.line_of(Some("contact"), "name"), 5);
        assert_eq!(fm.line_of(Some("contact"), ""), 4);
        assert_eq!(fm.line_of(None, "contact"), 4);
        let text = "title = \"A\"\n\"kind\" = \"news\"\n\n[contact]\nname = \"Y\"\n[[updates]]\ndate = 2027-01-01\ntext = \"t\"\n[[updates]]\ndate = 2027-02-01\ntext = \"u\"\n";
        let fm = FrontMatter::parse(text, 2).unwrap();
        let keys = ["title", "kind", "contact", "name", "updates", "date", "x"];
        let lines = fm.top_level_lines_of(&keys);
        assert_eq!(lines.len(), 4);
        for key in keys {
            match fm.get(key) {
                Some(_) => assert_eq!(lines[key], fm.line_of(None, key), "{key}"),
                None => assert!(!lines.contains_key(key), "{key}"),
            }
        }
    }

    #[test]
    fn a_date_that_does_not_exist_is_a_bad_date() {
        let error = FrontMatter::parse("title = \"A\"\ndate = 2027-02-30\n", 2).unwrap_err();
        let diagnostic = error.diagnostic("content/w/a.md", "kijk naar de aanhalingstekens");
        assert_eq!((diagnostic.code, diagnostic.line), ("bad-date", Some(3)));
        assert!(
            diagnostic
                .message
                .starts_with("deze datum of tijd bestaat niet")
        );
        assert!(diagnostic.notes[0].contains("jaar-maand-dag"));
        let error = FrontMatter::parse("title = \"A\n", 2).unwrap_err();
        let diagnostic = error.diagnostic("x", "hint");
        assert_eq!(diagnostic.code, "invalid-toml");
        assert!(
            diagnostic
                .message
                .starts_with("deze regel klopt niet (technisch: ")
        );
        assert!(diagnostic.notes[0].contains("dubbel aanhalingsteken"));
        assert!(diagnostic.notes[0].ends_with("title = \"...\""));
        let error = FrontMatter::parse("title = \"A\"\nsummary = Samen\n", 2).unwrap_err();
        let diagnostic = error.diagnostic("x", "hint");
        assert_eq!(diagnostic.line, Some(3));
        assert!(
            diagnostic.notes[0]
                .starts_with("zet tekst tussen dubbele aanhalingstekens: summary = \"...\"")
        );
    }

    #[test]
    fn a_toml_mistake_without_its_own_hint_gets_the_callers() {
        let error = FrontMatter::parse("= 1\n", 1).unwrap_err();
        let diagnostic = error.diagnostic("x", "de eigen tip");
        assert_eq!(diagnostic.notes, ["de eigen tip"]);
    }
}
