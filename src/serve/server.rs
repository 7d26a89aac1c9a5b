//! The HTTP side of the preview: a few worker threads share one tiny_http
//! server and answer from the in-memory site. A request path is resolved by
//! the pure [`resolve`], which refuses anything that could name a file
//! outside the site (`..`, encoded slashes, backslashes, NUL bytes, drive
//! names); since files come from memory, nothing else is ever read.

use std::io::Read;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response};

use super::Shared;
use super::livereload::{self, inject};
use super::pages;
use super::snapshot::Snapshot;

/// A request path that passed [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The decoded path, starting with `/` (`/lindenhof/agenda/`).
    pub path: String,
    /// The key of the file it names (`lindenhof/agenda/index.html`).
    pub key: String,
    /// The raw query string, without `?`.
    pub query: String,
}

/// Why a request path was refused: the HTTP status to answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused(pub u16);

/// Decodes and checks the path of a request target (`/a/b/?x=1`).
pub fn resolve(target: &str) -> Result<Resolved, Refused> {
    let target = target.split('#').next().unwrap_or("");
    let (raw, query) = target.split_once('?').unwrap_or((target, ""));
    if !raw.starts_with('/') || raw.starts_with("//") {
        return Err(Refused(400));
    }
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Err(Refused(400));
    }
    let path = percent_decode(raw).ok_or(Refused(400))?;
    if path.contains(['\0', '\\']) {
        return Err(Refused(400));
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." || segment.contains(':') {
            return Err(Refused(400));
        }
    }
    let key = if path.ends_with('/') {
        format!("{}index.html", &path[1..])
    } else {
        path[1..].to_string()
    };
    Ok(Resolved {
        path,
        key,
        query: query.to_string(),
    })
}

/// `%XX` decoding of a URL path; `None` for a bad escape or non-UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a served file, by its name (Atom feeds by content).
pub fn content_type(key: &str, bytes: &[u8]) -> &'static str {
    let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" if is_atom(bytes) => "application/atom+xml",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn is_atom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    head.windows(5).any(|w| w == b"<feed")
}

/// Adds a header; values come from our own code, so a bad one is dropped.
pub fn with_header<R: Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// Serves requests until the server is unblocked and `stop` is set.
pub fn work(shared: &Arc<Shared>) {
    loop {
        let request = match shared.server.recv() {
            Ok(request) => request,
            Err(_) if shared.stopping() => return,
            Err(_) => continue,
        };
        if shared.stopping() {
            let _ = request.respond(Response::empty(503));
            return;
        }
        handle(shared, request);
    }
}

fn handle(shared: &Shared, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with_header(Response::empty(405), "Allow", "GET, HEAD");
        let _ = request.respond(response);
        return;
    }
    let resolved = match resolve(request.url()) {
        Ok(resolved) => resolved,
        Err(Refused(status)) => {
            let text = "Dit adres kan niet: het wijst buiten de site.\n";
            return send(request, status, "x.txt", text.as_bytes().to_vec());
        }
    };
    if resolved.path == livereload::PATH {
        shared
            .live
            .wait(request, livereload::since(&resolved.query));
        return;
    }
    let current = shared.current();
    let version = current.version;
    if resolved.path == pages::EDITORS_PATH {
        let html = shared.editors_page();
        return send(request, 200, "index.html", inject(html.as_bytes(), version));
    }
    let is_page = resolved.key.ends_with(".html") || !resolved.key.contains('.');
    if is_page && let Some(page) = &current.errors_page {
        return send(request, 500, "index.html", inject(page.as_bytes(), version));
    }
    let snapshot = &current.snapshot;
    if let Some(bytes) = snapshot.get(&resolved.key) {
        let bytes = if resolved.key.ends_with(".html") {
            inject(bytes, version)
        } else {
            bytes.to_vec()
        };
        return send(request, 200, &resolved.key, bytes);
    }
    not_found(request, &resolved, snapshot, version);
}

/// A folder without its `/` is redirected; anything else gets `404.html`.
fn not_found(request: Request, resolved: &Resolved, snapshot: &Snapshot, version: u64) {
    let folder = format!("{}/index.html", resolved.key);
    let is_folder =
        snapshot.get(&folder).is_some() || format!("{}/", resolved.path) == pages::EDITORS_PATH;
    if !resolved.key.ends_with(".html") && is_folder {
        let mut location = format!("{}/", request.url().split('?').next().unwrap_or("/"));
        if !resolved.query.is_empty() {
            location = format!("{location}?{}", resolved.query);
        }
        let response = with_header(Response::empty(301), "Location", &location);
        let _ = request.respond(response);
        return;
    }
    match snapshot.get("404.html") {
        Some(page) => send(request, 404, "404.html", inject(page, version)),
        None => send(
            request,
            404,
            "x.txt",
            b"Deze pagina bestaat niet.\n".to_vec(),
        ),
    }
}

fn send(request: Request, status: u16, key: &str, bytes: Vec<u8>) {
    let content_type = content_type(key, &bytes);
    let response = Response::from_data(bytes).with_status_code(status);
    let response = with_header(response, "Content-Type", content_type);
    let response = with_header(response, "Cache-Control", "no-store");
    let response = with_header(response, "X-Content-Type-Options", "nosniff");
    // The browser may have gone away; nothing to do then.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(target: &str) -> Result<String, Refused> {
        resolve(target).map(|r| r.key)
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(key("/").unwrap(), "index.html");
        assert_eq!(key("/lindenhof/").unwrap(), "lindenhof/index.html");
        assert_eq!(
            key("/lindenhof/agenda.ics").unwrap(),
            "lindenhof/agenda.ics"
        );
        assert_eq!(key("/lindenhof/?x=1#top").unwrap(), "lindenhof/index.html");
        assert_eq!(resolve("/a/?since=3").unwrap().query, "since=3");
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(key("/caf%C3%A9/").unwrap(), "café/index.html");
        assert_eq!(key("/a%20b").unwrap(), "a b");
    }

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        for target in [
            "/../etc/passwd",
            "/lindenhof/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/lindenhof/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/..%2fetc%2fpasswd",
            "/..%5cetc",
            "/..\\etc\\passwd",
            "/a\\b",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/c%3a/windows",
            "/index.html%00.css",
            "/./index.html",
            "/a//b",
            "etc/passwd",
            "http://example.org/",
            "/%zz",
            "/%c3",
            "/%",
        ] {
            assert_eq!(key(target), Err(Refused(400)), "{target}");
        }
    }

    #[test]
    fn content_types_fit_the_files() {
        let cases = [
            ("a/index.html", "text/html; charset=utf-8"),
            ("a/agenda.ics", "text/calendar; charset=utf-8"),
            ("a/wijk.json", "application/json"),
            ("assets/x.css", "text/css; charset=utf-8"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("a/foto.JPG", "image/jpeg"),
            ("a/logo.svg", "image/svg+xml"),
            ("a/x.bin", "application/octet-stream"),
        ];
        for (key, expected) in cases {
            assert_eq!(content_type(key, b""), expected, "{key}");
        }
        let atom = b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">";
        assert_eq!(content_type("a/nieuws.xml", atom), "application/atom+xml");
    }
}
