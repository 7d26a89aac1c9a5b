//! Diagnostics: every problem the pipeline finds, as a value that carries the
//! file and line it concerns. Stages collect them; `main` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a finding is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the site's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The works a `coupling-opportunity` is about and which of them pair
    /// up (one finding per street): `check --format json` prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Box<crate::check::coupling::Group>>,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Error, code, file.into(), line, message.into())
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Warning, code, file.into(), line, message.into())
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: String,
        line: Option<usize>,
        message: String,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            file,
            line,
            message,
            notes: Vec::new(),
            group: None,
        }
    }

    /// Adds a note: a hint on what to write instead, or another file involved.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds the works a grouped finding is about (`check --format json`).
    pub fn grouped(mut self, group: crate::check::coupling::Group) -> Self {
        self.group = Some(Box::new(group));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, Severity, &str, &str) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.severity,
            self.code,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Content reaches the terminal here: its control characters are
        // written out, so a title cannot clear the editor's screen.
        use crate::linesafe::visible;
        let file = visible(&self.file);
        match self.line {
            Some(line) => write!(f, "{file}:{line}: ")?,
            None if file.is_empty() => {}
            None => write!(f, "{file}: ")?,
        }
        let message = crate::linesafe::cut_quotes(&self.message, QUOTE_MAX);
        write!(f, "{severity}[{}]: {}", self.code, visible(&message))?;
        for note in &self.notes {
            write!(f, "\n  = {}", visible(note))?;
        }
        Ok(())
    }
}

/// How many characters of a quoted fragment of content a printed message shows.
const QUOTE_MAX: usize = 80;

/// Sorts findings by file, line and severity, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// A path relative to the site root, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a file-system operation failed, in plain Dutch. The kinds an editor
/// can do something about get their own words; the rest keeps the system's
/// own message.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::NotFound => "het bestand of de map bestaat niet",
        ErrorKind::PermissionDenied => "u hebt er geen toestemming voor (rechten)",
        ErrorKind::AlreadyExists => "het bestaat al",
        ErrorKind::IsADirectory => "dit is een map, geen bestand",
        ErrorKind::NotADirectory => "dit is een bestand, geen map",
        ErrorKind::StorageFull => "de schijf is vol",
        ErrorKind::ReadOnlyFilesystem => "op deze schijf mag niets worden geschreven",
        ErrorKind::InvalidData => "de inhoud is geen tekst in UTF-8",
        ErrorKind::AddrInUse => "het adres of de poort is al in gebruik",
        _ => return format!("de computer meldt: {error}"),
    };
    reason.to_string()
}

/// An error of the build as a whole: bad input (diagnostics) or a failing
/// file-system operation on the output.
#[derive(Debug)]
pub enum BuildError {
    Input(Vec<Diagnostic>),
    Io {
        path: PathBuf,
        /// What failed, as a Dutch past participle: `gelezen`, `geschreven`.
        action: &'static str,
        source: std::io::Error,
    },
    Template(String),
    /// A template failed on these pages (site paths, `/lindenhof/tijdlijn/`),
    /// all with the same message.
    Page {
        paths: Vec<String>,
        message: String,
    },
    /// The swap of the new output for the old did not finish; the message
    /// says where the old and the new site now are.
    Output(String),
    /// The failures of parts of a build that failed on their own (its
    /// wijken): each distinct failure once, in a fixed order.
    Several(Vec<BuildError>),
}

/// How many pages a [`BuildError::Page`] names before it counts the rest.
const PAGES_NAMED: usize = 3;

impl BuildError {
    /// Every failure of `failures`, the parts of one build that failed on
    /// their own (wijken rendered in parallel): pages that failed with the
    /// same message become one failure, and the failures are sorted, so a
    /// build reports the same failures in the same order every time.
    /// `None` when there are none.
    pub fn gather(failures: Vec<BuildError>) -> Option<BuildError> {
        let mut pages: Vec<(String, Vec<String>)> = Vec::new();
        let mut others: Vec<BuildError> = Vec::new();
        let mut flat = failures;
        while let Some(failure) = flat.pop() {
            match failure {
                BuildError::Several(inner) => flat.extend(inner),
                BuildError::Page { paths, message } => {
                    match pages.iter_mut().find(|(m, _)| *m == message) {
                        Some((_, known)) => known.extend(paths),
                        None => pages.push((message, paths)),
                    }
                }
                other => others.push(other),
            }
        }
        let mut gathered: Vec<BuildError> = pages
            .into_iter()
            .map(|(message, mut paths)| {
                paths.sort();
                paths.dedup();
                BuildError::Page { paths, message }
            })
            .chain(others)
            .collect();
        gathered.sort_by_cached_key(|failure| failure.to_string());
        gathered.dedup_by_key(|failure| failure.to_string());
        match gathered.len() {
            0 => None,
            1 => gathered.pop(),
            _ => Some(BuildError::Several(gathered)),
        }
    }

    /// How many errors stopped the build before it wrote anything to the
    /// output folder; `None` for a failure that is not counted so (a file
    /// that could not be written, a swap that did not finish).
    pub fn errors_before_writing(&self) -> Option<usize> {
        match self {
            BuildError::Input(diagnostics) => {
                Some(diagnostics.iter().filter(|d| d.is_error()).count())
            }
            BuildError::Template(_) | BuildError::Page { .. } => Some(1),
            BuildError::Several(failures) => {
                failures.iter().map(BuildError::errors_before_writing).sum()
            }
            BuildError::Io { .. } | BuildError::Output(_) => None,
        }
    }

    /// A failed `action` (a Dutch past participle, like `geschreven`) on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Input(diagnostics) => {
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                Ok(())
            }
            BuildError::Io {
                path,
                action,
                source,
            } => write!(
                f,
                "error: {} kan niet worden {action}: {}",
                path.display(),
                io_reason(source)
            ),
            BuildError::Template(message) => write!(f, "error[template]: {message}"),
            BuildError::Page { paths, message } => match paths.as_slice() {
                [path] => write!(
                    f,
                    "error[template]: de pagina {path} kan niet worden gemaakt: {message}"
                ),
                _ => {
                    let mut named = paths[..paths.len().min(PAGES_NAMED)].join(", ");
                    if paths.len() > PAGES_NAMED {
                        named.push_str(&format!(" en nog {}", paths.len() - PAGES_NAMED));
                    }
                    write!(
                        f,
                        "error[template]: {} pagina's kunnen niet worden gemaakt ({named}): {message}",
                        paths.len()
                    )
                }
            },
            BuildError::Output(message) => write!(f, "error[output]: {message}"),
            BuildError::Several(failures) => {
                for (i, failure) in failures.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{}", failure.to_string().trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// What each part of a build done in parallel gave (a wijk, a page), or,
/// when some failed, all their failures (see [`BuildError::gather`]): a
/// theme that fails on many pages is reported whole and the same way every
/// time, not as whichever page failed first.
pub fn every_or_failures<T>(results: Vec<Result<T, BuildError>>) -> Result<Vec<T>, BuildError> {
    let mut done = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(value) => done.push(value),
            Err(failure) => failures.push(failure),
        }
    }
    match BuildError::gather(failures) {
        Some(failure) => Err(failure),
        None => Ok(done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, message: &str) -> BuildError {
        BuildError::Page {
            paths: vec![path.to_string()],
            message: message.to_string(),
        }
    }

    #[test]
    fn pages_that_fail_alike_are_one_failure_naming_them_in_order() {
        let gathered = BuildError::gather(vec![
            page("/b/tijdlijn/", "kapot"),
            page("/a/tijdlijn/", "kapot"),
            page("/c/", "anders"),
            page("/a/tijdlijn/", "kapot"),
        ])
        .expect("failures");
        assert_eq!(
            gathered.to_string(),
            "error[template]: 2 pagina's kunnen niet worden gemaakt (/a/tijdlijn/, /b/tijdlijn/): kapot\n\
             error[template]: de pagina /c/ kan niet worden gemaakt: anders"
        );
        assert_eq!(gathered.errors_before_writing(), Some(2));
    }

    #[test]
    fn many_pages_are_named_up_to_three_and_counted() {
        let failures = (1..=5)
            .map(|i| page(&format!("/w/{i}/"), "kapot"))
            .collect();
        assert_eq!(
            BuildError::gather(failures).expect("failures").to_string(),
            "error[template]: 5 pagina's kunnen niet worden gemaakt (/w/1/, /w/2/, /w/3/ en nog 2): kapot"
        );
    }

    #[test]
    fn the_same_failures_in_any_order_read_the_same() {
        let make = || {
            vec![
                BuildError::Template("b".into()),
                BuildError::Several(vec![BuildError::Template("a".into()), page("/x/", "c")]),
                BuildError::Template("a".into()),
            ]
        };
        let forward = BuildError::gather(make()).expect("failures").to_string();
        let mut reversed = make();
        reversed.reverse();
        let backward = BuildError::gather(reversed).expect("failures").to_string();
        assert_eq!(forward, backward);
        assert_eq!(
            forward,
            "error[template]: a\nerror[template]: b\nerror[template]: de pagina /x/ kan niet worden gemaakt: c"
        );
    }

    #[test]
    fn one_failure_stays_itself_and_none_is_none() {
        assert!(BuildError::gather(Vec::new()).is_none());
        let one = BuildError::gather(vec![BuildError::Output("weg".into())]).expect("failure");
        assert!(matches!(one, BuildError::Output(_)));
        assert_eq!(one.errors_before_writing(), None);
    }

    #[test]
    fn every_or_failures_gives_every_value_or_every_failure() {
        let all: Vec<Result<u8, BuildError>> = vec![Ok(1), Ok(2)];
        assert_eq!(every_or_failures(all).ok(), Some(vec![1, 2]));
        let some = vec![Ok(1), Err(page("/b/", "kapot")), Err(page("/a/", "kapot"))];
        let failure = every_or_failures(some).expect_err("failures");
        assert_eq!(
            failure.to_string(),
            "error[template]: 2 pagina's kunnen niet worden gemaakt (/a/, /b/): kapot"
        );
    }
}
