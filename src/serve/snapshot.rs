//! The files the preview serves at one moment: per wijk and at the root,
//! shared between threads and swapped whole after each rebuild, plus the
//! errors that keep the site from building.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{BuildError, Diagnostic, io_reason};

/// Rendered files by path relative to the site root (`lindenhof/index.html`).
pub type Files = BTreeMap<String, Arc<[u8]>>;

/// The served files of one moment: per wijk and at the root, plus the
/// errors that keep the site from building (then pages show the error page).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub wijken: BTreeMap<String, Arc<Files>>,
    pub root: Arc<Files>,
    pub errors: Arc<Vec<Diagnostic>>,
}

impl Snapshot {
    /// The file at `path` (`lindenhof/index.html`), if the site has it.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        let first = path.split('/').next().unwrap_or("");
        self.wijken
            .get(first)
            .and_then(|files| files.get(path))
            .or_else(|| self.root.get(path))
            .map(|bytes| &**bytes)
    }
}

/// A failed render as findings for the error page.
pub fn to_diagnostics(error: BuildError) -> Vec<Diagnostic> {
    match error {
        BuildError::Input(diagnostics) => diagnostics,
        BuildError::Template(_) | BuildError::Page { .. } => vec![
            Diagnostic::error(
                "template",
                "",
                None,
                error
                    .to_string()
                    .trim_start_matches("error[template]: ")
                    .to_string(),
            )
            .note("kijk de templates in themes/ na; de melding noemt de pagina en de template"),
        ],
        BuildError::Several(failures) => failures.into_iter().flat_map(to_diagnostics).collect(),
        BuildError::Output(message) => vec![Diagnostic::error("output", "", None, message)],
        BuildError::Io {
            path,
            action,
            source,
        } => vec![Diagnostic::error(
            "io",
            path.display().to_string(),
            None,
            format!(
                "dit bestand kan niet worden {action}: {}",
                io_reason(&source)
            ),
        )],
    }
}
