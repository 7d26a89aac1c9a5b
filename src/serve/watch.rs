//! Watching the site's files: a pure [`classify`] that says what a changed
//! path means for the preview, a [`Batch`] that gathers a burst of changes,
//! and a thin loop that drains the watcher's events into batches.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};

use crate::content::{self, FOLDER};

/// What a changed path means for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `site.toml`: everything is read again.
    Config,
    /// A file under `themes/`; `css_only` when it is a stylesheet of the
    /// theme's static files, which the open pages can swap without a reload.
    Theme { css_only: bool },
    /// A Markdown file, an attachment or a folder under `content/`.
    Content,
}

/// What a path under `root` means, or `None` for paths the preview does not
/// use: the output folder, hidden files and editors' temporary files, and
/// anything outside `content/`, `themes/` and `site.toml`.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    if path.starts_with(output) {
        return None;
    }
    let relative = path.strip_prefix(root).ok()?;
    let names: Vec<String> = relative
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if names.iter().any(|name| content::is_ignored(name)) {
        return None;
    }
    let last = names.last()?;
    match names[0].as_str() {
        crate::config::FILE if names.len() == 1 => Some(Change::Config),
        "themes" => Some(Change::Theme {
            css_only: names.get(2).is_some_and(|n| n == "static") && last.ends_with(".css"),
        }),
        FOLDER if !crate::attach::is_ignored(last) => Some(Change::Content),
        _ => None,
    }
}

/// Whether a watcher event can change a file's content or presence. Opening,
/// reading and metadata changes (our own reads among them) cannot.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// The changes gathered from one burst of events.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    pub config: bool,
    pub theme: bool,
    /// Every theme change was a stylesheet of the theme's static files.
    pub css_only: bool,
    /// Changed paths under `content/`.
    pub content: BTreeSet<PathBuf>,
    /// How many relevant events the burst had.
    pub events: usize,
    /// `content/` or `themes/` itself was created, removed or renamed: its
    /// watch must be set up again.
    pub top_folder: bool,
}

impl Batch {
    /// Adds one changed path, if the preview uses it.
    pub fn add(&mut self, root: &Path, output: &Path, path: &Path) {
        let Some(change) = classify(root, output, path) else {
            return;
        };
        let first_theme_change = !self.theme;
        self.events += 1;
        self.top_folder |= path == root.join(FOLDER) || path == root.join("themes");
        match change {
            Change::Config => self.config = true,
            Change::Theme { css_only } => {
                self.css_only = css_only && (first_theme_change || self.css_only);
                self.theme = true;
            }
            Change::Content => {
                self.content.insert(path.to_path_buf());
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    /// Only stylesheets changed: the open pages swap their CSS.
    pub fn is_css_only(&self) -> bool {
        self.theme && self.css_only && !self.config && self.content.is_empty()
    }
}

/// Whether an event ends a write: the file was closed after writing, renamed
/// into place, or removed. More events for the same save are unlikely then.
pub fn completes(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Remove(_)
    )
}

/// How long the loop waits for a quiet moment before it rebuilds: very
/// short once a save is complete, a little longer while a file may still be
/// written, longer again once a burst (a `git checkout`) is under way, and
/// never longer than `MAX_WAIT` in all. A burst that pauses longer than the
/// short wait still gives at most two rebuilds: the first rebuild takes long
/// enough for the rest of the burst to queue up, and the second batch then
/// waits in burst mode. So a new batch starts only after a pause of at
/// least `SETTLED` in the events, or after `MAX_WAIT`.
pub const SETTLED: Duration = Duration::from_millis(2);
pub const QUIET: Duration = Duration::from_millis(8);
pub const QUIET_IN_BURST: Duration = Duration::from_millis(60);
pub const BURST: usize = 16;
pub const MAX_WAIT: Duration = Duration::from_millis(1500);

/// Waits for the next burst of changes and returns it, or `None` once `stop`
/// is set or the watcher is gone.
pub fn next_batch(
    events: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    output: &Path,
    stop: &AtomicBool,
) -> Option<Batch> {
    let mut batch = Batch::default();
    let mut started: Option<Instant> = None;
    let mut settled = false;
    loop {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let wait = match started {
            None => Duration::from_millis(200),
            Some(_) if batch.events >= BURST => QUIET_IN_BURST,
            Some(_) if settled => SETTLED,
            Some(_) => QUIET,
        };
        match events.recv_timeout(wait) {
            Ok(Ok(event)) if is_change(&event.kind) => {
                let before = batch.events;
                for path in &event.paths {
                    batch.add(root, output, path);
                }
                if batch.events > before {
                    settled = completes(&event.kind);
                }
                if !batch.is_empty() && started.is_none() {
                    started = Some(Instant::now());
                }
            }
            Ok(Ok(_)) => {}
            Ok(Err(error)) => eprintln!("Let op: het volgen van de bestanden haperde: {error}"),
            Err(RecvTimeoutError::Timeout) if started.is_some() => return Some(batch),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        if started.is_some_and(|t| t.elapsed() >= MAX_WAIT) {
            return Some(batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str) -> Option<Change> {
        classify(
            Path::new("/site"),
            Path::new("/site/public"),
            Path::new(path),
        )
    }

    #[test]
    fn content_markdown_and_folders_are_content_changes() {
        assert_eq!(
            check("/site/content/lindenhof/groen/bomen.md"),
            Some(Change::Content)
        );
        assert_eq!(check("/site/content/lindenhof"), Some(Change::Content));
        assert_eq!(
            check("/site/content/lindenhof/groen/foto.jpg"),
            Some(Change::Content),
            "an attachment"
        );
        assert_eq!(
            check("/site/content/lindenhof/groen"),
            Some(Change::Content)
        );
    }

    #[test]
    fn editor_temp_files_hidden_files_and_other_files_are_ignored() {
        for path in [
            "/site/content/lindenhof/.bomen.md.swp",
            "/site/content/lindenhof/bomen.md~",
            "/site/content/lindenhof/#bomen.md#",
            "/site/content/lindenhof/.git/index",
            "/site/content/lindenhof/bomen.md.tmp",
            "/site/content/lindenhof/~$brief.docx",
            "/site/public/lindenhof/index.html",
            "/site/target/debug/wijkverhaal",
            "/site/README.md",
            "/elsewhere/site.toml",
        ] {
            assert_eq!(check(path), None, "{path}");
        }
    }

    #[test]
    fn site_toml_and_themes_are_recognized() {
        assert_eq!(check("/site/site.toml"), Some(Change::Config));
        assert_eq!(
            check("/site/content/site.toml"),
            Some(Change::Content),
            "not the settings: an attachment"
        );
        assert_eq!(
            check("/site/themes/default/static/assets/wijkverhaal.css"),
            Some(Change::Theme { css_only: true })
        );
        assert_eq!(
            check("/site/themes/default/templates/base.html"),
            Some(Change::Theme { css_only: false })
        );
    }

    #[test]
    fn a_batch_is_css_only_only_when_every_change_is_a_stylesheet() {
        let (root, out) = (Path::new("/site"), Path::new("/site/public"));
        let mut batch = Batch::default();
        batch.add(root, out, Path::new("/site/themes/t/static/a.css"));
        assert!(batch.is_css_only());
        batch.add(root, out, Path::new("/site/themes/t/templates/base.html"));
        assert!(!batch.is_css_only());
        let mut batch = Batch::default();
        batch.add(root, out, Path::new("/site/themes/t/static/a.css"));
        batch.add(root, out, Path::new("/site/content/w/x.md"));
        assert!(!batch.is_css_only());
    }

    /// A file renamed into place under `content/`, as notify reports it.
    fn renamed(n: usize) -> notify::Result<notify::Event> {
        use notify::event::RenameMode;
        Ok(
            notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::To)))
                .add_path(PathBuf::from(format!("/site/content/w/bericht-{n}.md"))),
        )
    }

    #[test]
    fn a_queued_burst_is_one_batch_and_the_rest_of_a_burst_one_more() {
        let (root, out) = (Path::new("/site"), Path::new("/site/public"));
        let stop = AtomicBool::new(false);
        let (tx, rx) = std::sync::mpsc::channel();
        // A burst that is already waiting (a checkout done while a rebuild
        // ran) is taken whole, however many files it has.
        for n in 0..500 {
            tx.send(renamed(n)).unwrap();
        }
        let batch = next_batch(&rx, root, out, &stop).unwrap();
        assert_eq!((batch.events, batch.content.len()), (500, 500));

        // The first file of a burst starts a rebuild at once; what is written
        // meanwhile waits in the channel and is the next batch, whole.
        tx.send(renamed(0)).unwrap();
        let first = next_batch(&rx, root, out, &stop).unwrap();
        assert_eq!(first.content.len(), 1);
        for n in 1..500 {
            tx.send(renamed(n)).unwrap();
        }
        let rest = next_batch(&rx, root, out, &stop).unwrap();
        assert_eq!(rest.content.len(), 499);

        // Events the preview does not use start no batch.
        tx.send(Ok(notify::Event::new(EventKind::Modify(ModifyKind::Name(
            notify::event::RenameMode::To,
        )))
        .add_path(PathBuf::from("/site/content/w/.bericht.md.tmp"))))
            .unwrap();
        drop(tx);
        assert_eq!(next_batch(&rx, root, out, &stop), None);
    }

    #[test]
    fn our_own_reads_are_not_changes() {
        use notify::event::{CreateKind, MetadataKind, RemoveKind, RenameMode};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::Any)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
    }
}
