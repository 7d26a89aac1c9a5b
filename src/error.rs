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
        }
    }

    /// Adds a note: a hint on what to write instead, or another file involved.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
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
    /// The swap of the new output for the old did not finish; the message
    /// says where the old and the new site now are.
    Output(String),
}

impl BuildError {
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
            BuildError::Output(message) => write!(f, "error[output]: {message}"),
        }
    }
}

impl std::error::Error for BuildError {}
