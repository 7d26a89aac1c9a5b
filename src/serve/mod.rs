//! `wijkverhaal serve`: the editors' live preview. It is build + watch +
//! server, beside the pipeline rather than in it: [`state`] keeps the site
//! in memory and rebuilds only what a change touches, [`watch`] turns file
//! events into batches, [`server`] answers HTTP from worker threads, and
//! [`livereload`] makes open tabs follow along. Nothing is written to disk.

pub mod guard;
pub mod livereload;
pub mod pages;
pub mod scope;
pub mod server;
pub mod snapshot;
pub mod state;
pub mod watch;

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, mpsc};
use std::thread::JoinHandle;
use std::time::Instant;

use notify::{RecursiveMode, Watcher};

use livereload::LiveReload;
use snapshot::Snapshot;
use state::{Preview, PreviewOptions, Report};
use watch::Batch;

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The day "now" is; default today.
    pub today: Option<jiff::civil::Date>,
    /// Print a line per rebuild (off in the benchmark).
    pub verbose: bool,
    /// Host names the preview answers to besides localhost and its own
    /// address (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// Why the preview could not start.
#[derive(Debug)]
pub struct ServeError(pub String);

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// How many threads answer requests. Live-reload polls wait elsewhere, so
/// these are only ever busy for the moment a page takes to send.
const WORKERS: usize = 4;

/// What the threads share.
pub struct Shared {
    server: tiny_http::Server,
    current: RwLock<Current>,
    live: LiveReload,
    preview: Mutex<Preview>,
    pages: minijinja::Environment<'static>,
    stop: AtomicBool,
}

#[derive(Clone)]
struct Current {
    version: u64,
    snapshot: Arc<Snapshot>,
    errors_page: Option<Arc<String>>,
}

impl Shared {
    fn current(&self) -> Current {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn preview(&self) -> MutexGuard<'_, Preview> {
        self.preview.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The editors' page, with the findings of `check` on the present site.
    fn editors_page(&self) -> String {
        let preview = self.preview();
        let findings = preview
            .site()
            .zip(preview.today())
            .map(|(site, today)| crate::check::run(&site, today))
            .unwrap_or_default();
        pages::editors_page(&self.pages, &preview, &findings)
    }

    /// Serves the preview's present state and tells open tabs about it.
    fn publish(&self, preview: &Preview, css_only: bool) {
        let snapshot = preview.snapshot();
        let errors_page = (!snapshot.errors.is_empty()).then(|| {
            Arc::new(pages::errors_page(&self.pages, &snapshot.errors, |f| {
                preview.page_of(f)
            }))
        });
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        // Publishing under the write lock: no page is served with a version
        // the live-reload endpoint does not know yet.
        current.version = self.live.publish(css_only);
        current.snapshot = Arc::new(snapshot);
        current.errors_page = errors_page;
    }
}

/// A running preview: its address, and how to stop it.
pub struct Running {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    addr: SocketAddr,
    front: Front,
}

/// The guard in front of tiny_http and the private folder of their socket.
struct Front {
    guard: Arc<guard::Guard>,
    thread: JoinHandle<()>,
    folder: PathBuf,
}

impl Running {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's current version (it goes up with every rebuild).
    pub fn version(&self) -> u64 {
        self.shared.live.version()
    }

    /// Stops the watcher, the live-reload answers and the workers.
    pub fn stop(self) {
        self.front.guard.stop(self.addr);
        let _ = self.front.thread.join();
        let _ = std::fs::remove_dir_all(&self.front.folder);
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.live.stop();
        for _ in 0..WORKERS {
            self.shared.server.unblock();
        }
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Builds the site in memory, starts the server and the watcher, and returns
/// at once; the preview runs until [`Running::stop`].
pub fn start(options: &ServeOptions) -> Result<Running, ServeError> {
    let root = site_root(&options.root)?;
    let (server, listener, addr, folder) = bind(options)?;
    // Watch before the first build, so a save during it is not missed.
    let (events_tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events_tx.send(event);
    })
    .map_err(|e| ServeError(format!("De bestanden kunnen niet worden gevolgd: {e}")))?;
    let mut watched = Vec::new();
    ensure_watched(&mut watcher, &root, &mut watched)?;
    let started = Instant::now();
    let (preview, report) = Preview::new(PreviewOptions {
        root,
        base_url: Some(local_url(addr)),
        today: options.today,
    });
    let shared = Arc::new(Shared {
        server,
        current: RwLock::new(Current {
            version: 0,
            snapshot: Arc::default(),
            errors_page: None,
        }),
        live: LiveReload::default(),
        preview: Mutex::new(preview),
        pages: pages::environment(),
        stop: AtomicBool::new(false),
    });
    {
        let preview = shared.preview();
        shared.publish(&preview, false);
        if options.verbose {
            log(&preview, &report, started, "Site gemaakt");
        }
    }
    let mut threads = Vec::new();
    for _ in 0..WORKERS {
        let shared = Arc::clone(&shared);
        threads.push(std::thread::spawn(move || server::work(&shared)));
    }
    let live = Arc::clone(&shared);
    threads.push(std::thread::spawn(move || live.live.run()));
    let rebuild = Arc::clone(&shared);
    let verbose = options.verbose;
    threads.push(std::thread::spawn(move || {
        rebuild_loop(&rebuild, &events, watcher, watched, verbose);
    }));
    let guard = guard::Guard::new(
        guard::Hosts::new(addr.port(), &options.allow_hosts),
        folder.join(SOCKET),
    );
    let front_guard = Arc::clone(&guard);
    let thread = std::thread::spawn(move || front_guard.run(listener));
    Ok(Running {
        shared,
        threads,
        addr,
        front: Front {
            guard,
            thread,
            folder,
        },
    })
}

/// The name of tiny_http's socket in the preview's private folder.
const SOCKET: &str = "preview.sock";

/// The site's folder as an absolute path (the watcher reports absolute
/// paths), or an error if it has no `site.toml`.
fn site_root(given: &Path) -> Result<PathBuf, ServeError> {
    let root = std::fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf());
    if root.join(crate::config::FILE).is_file() {
        return Ok(root);
    }
    Err(ServeError(format!(
        "In {} staat geen {}: dit is geen map van een site.\n  = geef de map van de site op met --root MAP, of maak een nieuwe site met `wijkverhaal init MAP`",
        root.display(),
        crate::config::FILE
    )))
}

/// Binds the address the user opens (served by the guard) and starts
/// tiny_http on a Unix socket in a new private folder.
fn bind(
    options: &ServeOptions,
) -> Result<
    (
        tiny_http::Server,
        std::net::TcpListener,
        SocketAddr,
        PathBuf,
    ),
    ServeError,
> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| {
            ServeError(format!(
                "De voorvertoning kan niet starten op {}:{}: {}\n  = is de poort al in gebruik? Kies een andere met --port, of --port 0 voor een vrije poort",
                options.bind,
                options.port,
                crate::error::io_reason(&e)
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError(format!("de server heeft geen adres: {e}")))?;
    let folder = private_folder()
        .map_err(|e| ServeError(format!("de voorvertoning kan geen eigen map maken: {e}")))?;
    let server = tiny_http::Server::http_unix(&folder.join(SOCKET))
        .map_err(|e| ServeError(format!("de voorvertoning kan niet starten: {e}")))?;
    Ok((server, listener, addr, folder))
}

/// A new folder only this user can enter, for the server's socket.
fn private_folder() -> std::io::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let folder = std::env::temp_dir().join(format!(
        "wijkverhaal-preview-{}-{nanos}",
        std::process::id()
    ));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&folder)?;
    Ok(folder)
}

/// Runs the preview until Ctrl-C (or SIGTERM).
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| ServeError(format!("Ctrl-C kan niet worden opgevangen: {e}")))?;
    let running = start(options)?;
    let addr = running.addr();
    if !addr.ip().is_loopback() {
        eprintln!(
            "Let op: de voorvertoning is nu te zien voor iedereen die deze computer via het netwerk kan bereiken ({}), concepten ook.\n  = gebruik --bind 127.0.0.1 om alleen op deze computer te kijken",
            addr.ip()
        );
    }
    println!("Voorvertoning: {}/", local_url(addr));
    println!("Redactie:      {}{}", local_url(addr), pages::EDITORS_PATH);
    println!("Stoppen: Ctrl-C");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let _ = stop_rx.recv();
    running.stop();
    eprintln!("Voorvertoning gestopt.");
    Ok(())
}

/// The address to use in links: a wildcard bind is reached as localhost.
fn local_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

/// Watches `site.toml` (through the root folder, so atomic saves are seen),
/// `content/` and `themes/`, adding the folders once they exist.
fn ensure_watched(
    watcher: &mut notify::RecommendedWatcher,
    root: &Path,
    watched: &mut Vec<PathBuf>,
) -> Result<(), ServeError> {
    let wanted = [
        (root.to_path_buf(), RecursiveMode::NonRecursive),
        (root.join(crate::content::FOLDER), RecursiveMode::Recursive),
        (root.join("themes"), RecursiveMode::Recursive),
    ];
    for (path, mode) in wanted {
        if watched.contains(&path) || !path.is_dir() {
            continue;
        }
        watcher.watch(&path, mode).map_err(|e| {
            ServeError(format!(
                "De map {} kan niet worden gevolgd: {e}",
                path.display()
            ))
        })?;
        watched.push(path);
    }
    Ok(())
}

fn rebuild_loop(
    shared: &Shared,
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
    mut watcher: notify::RecommendedWatcher,
    mut watched: Vec<PathBuf>,
    verbose: bool,
) {
    let root = shared.preview().root().to_path_buf();
    let output = root.join("public");
    while let Some(batch) = watch::next_batch(events, &root, &output, &shared.stop) {
        if batch.top_folder {
            // A removed folder's watch is gone; a new one needs its own.
            for path in watched.drain(1..) {
                let _ = watcher.unwatch(&path);
            }
        }
        if let Err(e) = ensure_watched(&mut watcher, &root, &mut watched) {
            eprintln!("{e}");
        }
        let started = Instant::now();
        let mut preview = shared.preview();
        let report = preview.update(&batch);
        shared.publish(&preview, batch.is_css_only());
        if verbose {
            log(&preview, &report, started, &describe(&batch));
        }
    }
}

fn describe(batch: &Batch) -> String {
    let paths = batch.content.len() + usize::from(batch.config) + usize::from(batch.theme);
    match paths {
        1 => "Gewijzigd".into(),
        n => format!("{n} wijzigingen"),
    }
}

fn log(preview: &Preview, report: &Report, started: Instant, what: &str) {
    let ms = started.elapsed().as_millis();
    if report.errors == 0 {
        eprintln!(
            "{what}: {} bestand(en) gelezen, {} wijk(en) opnieuw gemaakt in {ms} ms",
            report.parsed, report.rendered
        );
        return;
    }
    eprintln!(
        "{what}: de site heeft {} fout(en); de browser toont ze:",
        report.errors
    );
    for d in preview.diagnostics().iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
}
