//! `check --links`: visits every external address in the bodies (and every
//! `signup`) once, a few at a time, with a timeout, following redirects, and
//! warns where one no longer works (`dead-link`). Only with `--links` does
//! anything go over the network.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::error::Diagnostic;

/// How many addresses are visited at once.
pub const CONCURRENCY: usize = 8;

/// How long one visit may take, redirects included.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// An external address and where a body or field has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub file: String,
    pub line: usize,
}

/// Whether an address is one `check --links` visits.
pub fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Visits each address once and warns at every place a dead one is used.
pub fn check(links: &[ExternalLink], timeout: Duration) -> Vec<Diagnostic> {
    let mut places: BTreeMap<&str, Vec<&ExternalLink>> = BTreeMap::new();
    for link in links {
        places.entry(link.url.as_str()).or_default().push(link);
    }
    let urls: Vec<&str> = places.keys().copied().collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        // Each address is visited once: no kept-alive connection that a
        // server may have closed, and so no silent second request.
        .max_idle_connections(0)
        .user_agent("wijkverhaal check --links")
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let dead: Mutex<BTreeMap<&str, String>> = Mutex::default();
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(urls.len()) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(reason) = visit(&agent, url) {
                        dead.lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(url, reason);
                    }
                }
            });
        }
    });
    let dead = dead.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut found = Vec::new();
    for (url, reason) in dead {
        for place in &places[url] {
            found.push(
                Diagnostic::warning(
                    "dead-link",
                    &place.file,
                    Some(place.line),
                    format!("de link {url} werkt niet: {reason}"),
                )
                .note("kijk of het adres nog klopt; staat de pagina ergens anders, schrijf dan het nieuwe adres, of haal de link weg"),
            );
        }
    }
    found
}

/// One visit: a HEAD request, and a GET where the server does not answer
/// HEAD properly. Redirects are followed.
fn visit(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let head = agent.head(url).call().map_err(|e| reason(&e))?;
    let status = match head.status().as_u16() {
        403 | 405 | 501 => agent
            .get(url)
            .call()
            .map_err(|e| reason(&e))?
            .status()
            .as_u16(),
        status => status,
    };
    match status {
        200..=399 => Ok(()),
        404 | 410 => Err(format!("de pagina bestaat niet (meer) (HTTP {status})")),
        other => Err(format!("de server geeft een fout (HTTP {other})")),
    }
}

fn reason(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("geen antwoord binnen {} seconden", TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => "de domeinnaam bestaat niet".to_string(),
        ureq::Error::TooManyRedirects => "te veel doorverwijzingen".to_string(),
        ureq::Error::Io(e) => format!("geen verbinding ({})", crate::error::io_reason(e)),
        other => format!("geen verbinding ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    /// A local server: `/ok` 200, `/oud` redirects to `/ok`, `/weg` 404,
    /// `/alleen-get` 405 on HEAD, `/traag` answers after 3 s. Counts requests per path.
    fn server() -> (String, Arc<Mutex<BTreeMap<String, usize>>>) {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let counts: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
        let seen = Arc::clone(&counts);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let path = request.url().to_string();
                *seen.lock().unwrap().entry(path.clone()).or_default() += 1;
                let head = *request.method() == tiny_http::Method::Head;
                let response = match path.as_str() {
                    "/ok" => tiny_http::Response::from_string("ok"),
                    "/oud" => tiny_http::Response::from_string("")
                        .with_status_code(301)
                        .with_header("Location: /ok".parse::<tiny_http::Header>().unwrap()),
                    "/alleen-get" if head => {
                        tiny_http::Response::from_string("").with_status_code(405)
                    }
                    "/alleen-get" => tiny_http::Response::from_string("ok"),
                    "/traag" => {
                        std::thread::spawn(move || {
                            std::thread::sleep(Duration::from_secs(3));
                            let _ = request.respond(tiny_http::Response::from_string("laat"));
                        });
                        continue;
                    }
                    _ => tiny_http::Response::from_string("weg").with_status_code(404),
                };
                let _ = request.respond(response);
            }
        });
        (base, counts)
    }

    #[test]
    fn finds_dead_links_once_per_address_and_names_every_place() {
        let (base, counts) = server();
        let link = |path: &str, line: usize| ExternalLink {
            url: format!("{base}{path}"),
            file: "content/w/a.md".into(),
            line,
        };
        let links = [
            link("/ok", 7),
            link("/oud", 8),
            link("/weg", 9),
            link("/weg", 12),
            link("/alleen-get", 10),
            link("/traag", 11),
        ];
        let found = check(&links, Duration::from_secs(1));
        let summary: Vec<(Option<usize>, bool)> = found
            .iter()
            .map(|d| (d.line, d.message.contains("HTTP 404")))
            .collect();
        assert_eq!(
            summary,
            [(Some(11), false), (Some(9), true), (Some(12), true)],
            "{found:?}"
        );
        assert!(
            found[0].message.contains("geen antwoord"),
            "{}",
            found[0].message
        );
        let counts = counts.lock().unwrap();
        assert_eq!(counts.get("/weg"), Some(&1), "one visit for two places");
        assert_eq!(
            counts.get("/ok"),
            Some(&2),
            "once itself, once after the redirect"
        );
        assert_eq!(counts.get("/traag"), Some(&1));
    }

    #[test]
    fn only_web_addresses_are_visited() {
        assert!(is_external("https://voorbeeld.nl/a") && is_external("HTTP://x.nl"));
        assert!(!is_external("mailto:a@b.nl") && !is_external("/lindenhof/"));
    }
}
