//! Live reload, preview only: a long-poll endpoint `/__livereload?since=N`
//! and the small script that served HTML pages get before `</body>`. Waiting
//! polls are parked here, not in a worker thread, so any number of open tabs
//! never block the server; one thread answers them when the site changes or
//! their time is up. `build` output never contains any of this.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tiny_http::{Request, Response};

use super::server::with_header;

/// The endpoint the script polls.
pub const PATH: &str = "/__livereload";

/// How long a poll is held open before it is answered "nothing new".
const POLL: Duration = Duration::from_secs(25);

/// At most this many polls wait at once; more get 503 and retry later.
const MAX_WAITING: usize = 512;

/// The script for served HTML pages. `__VERSION__` is the site version the
/// page was served at: the page reloads once the version differs (a newer
/// build, or a restarted server), or swaps its stylesheets when only CSS
/// changed. Browsers open only about six connections to one server, so one
/// tab (the holder of a Web Lock) polls for all open tabs of the preview and
/// tells the others on a BroadcastChannel; without those APIs (an address
/// other than localhost is not a secure context) every tab polls itself. A
/// failed poll (server stopped) retries every second.
const SCRIPT: &str = r#"<script>
(function () {
  var version = __VERSION__;
  var channel = window.BroadcastChannel ? new BroadcastChannel('wijkverhaal-livereload') : null;
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set('livereload', String(version));
      links[i].href = url.toString();
    }
  }
  // Acts on news of the site; false when the page reloads.
  function follow(news) {
    if (news.version === version) { return true; }
    if (news.reload === 'css' && news.from === version) {
      version = news.version;
      swapStylesheets();
      return true;
    }
    window.location.reload();
    return false;
  }
  function poll(done) {
    var since = version;
    fetch('/__livereload?since=' + since, { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (news) {
        news.from = since;
        if (channel && news.version !== since) { channel.postMessage(news); }
        if (follow(news)) { poll(done); } else { done(); }
      })
      .catch(function () { setTimeout(function () { poll(done); }, 1000); });
  }
  if (channel && navigator.locks) {
    channel.onmessage = function (event) { follow(event.data); };
    navigator.locks.request('wijkverhaal-livereload', function () {
      return new Promise(poll);
    });
  } else {
    poll(function () {});
  }
})();
</script>
"#;

/// Returns `html` with the reload script inserted before its last `</body>`
/// (or at the end when it has none).
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let script = SCRIPT.replace("__VERSION__", &version.to_string());
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The `since` number of a poll's query string (`since=12&x=y`).
pub fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
}

struct Waiter {
    request: Request,
    since: u64,
    deadline: Instant,
}

struct Inner {
    version: u64,
    /// The last version that needs a full page reload (not only new CSS).
    full: u64,
    waiters: Vec<Waiter>,
    stopped: bool,
}

/// The site's version counter and the polls waiting for it to change.
pub struct LiveReload {
    inner: Mutex<Inner>,
    changed: Condvar,
}

impl Default for LiveReload {
    fn default() -> Self {
        LiveReload {
            inner: Mutex::new(Inner {
                version: 1,
                full: 1,
                waiters: Vec::new(),
                stopped: false,
            }),
            changed: Condvar::new(),
        }
    }
}

impl LiveReload {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current version of the site.
    pub fn version(&self) -> u64 {
        self.lock().version
    }

    /// Announces a new version: open tabs reload (or swap their CSS).
    pub fn publish(&self, css_only: bool) -> u64 {
        let mut inner = self.lock();
        inner.version += 1;
        if !css_only {
            inner.full = inner.version;
        }
        self.changed.notify_all();
        inner.version
    }

    /// Answers a poll now if the site changed since `since`, else parks it.
    pub fn wait(&self, request: Request, since: Option<u64>) {
        let mut inner = self.lock();
        let since = since.unwrap_or(0);
        if since != inner.version || inner.stopped {
            let body = answer(&inner, since);
            drop(inner);
            respond(request, 200, body);
        } else if inner.waiters.len() >= MAX_WAITING {
            drop(inner);
            respond(request, 503, "{\"error\":\"busy\"}".into());
        } else {
            inner.waiters.push(Waiter {
                request,
                since,
                deadline: Instant::now() + POLL,
            });
            self.changed.notify_all();
        }
    }

    /// Answers parked polls as the site changes or their time runs out,
    /// until [`LiveReload::stop`].
    pub fn run(&self) {
        let mut inner = self.lock();
        loop {
            let now = Instant::now();
            let (ready, waiting): (Vec<Waiter>, Vec<Waiter>) = std::mem::take(&mut inner.waiters)
                .into_iter()
                .partition(|w| inner.stopped || w.since != inner.version || w.deadline <= now);
            inner.waiters = waiting;
            if !ready.is_empty() {
                let answers: Vec<(Request, String)> = ready
                    .into_iter()
                    .map(|w| {
                        let body = answer(&inner, w.since);
                        (w.request, body)
                    })
                    .collect();
                drop(inner);
                for (request, body) in answers {
                    respond(request, 200, body);
                }
                inner = self.lock();
                continue;
            }
            if inner.stopped {
                return;
            }
            let next = inner.waiters.iter().map(|w| w.deadline).min();
            inner = match next {
                Some(deadline) => {
                    let timeout = deadline.saturating_duration_since(now);
                    self.changed
                        .wait_timeout(inner, timeout)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                None => self.changed.wait(inner).unwrap_or_else(|e| e.into_inner()),
            };
        }
    }

    /// Answers every waiting poll and ends [`LiveReload::run`].
    pub fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }
}

/// `{"version": N, "reload": "page" | "css" | "none"}` for a poll that saw `since`.
fn answer(inner: &Inner, since: u64) -> String {
    let reload = if since == inner.version {
        "none"
    } else if since >= inner.full && since < inner.version {
        "css"
    } else {
        "page"
    };
    format!("{{\"version\":{},\"reload\":\"{reload}\"}}", inner.version)
}

fn respond(request: Request, status: u16, body: String) {
    let response = Response::from_string(body).with_status_code(status);
    let response = with_header(response, "Content-Type", "application/json");
    let response = with_header(response, "Cache-Control", "no-store");
    // The tab may be gone already; nothing to do then.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, 7)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("var version = 7;"));
    }

    #[test]
    fn a_page_without_body_gets_the_script_at_the_end() {
        let out = String::from_utf8(inject(b"<p>x</p>", 1)).unwrap();
        assert!(out.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn since_is_read_from_the_query() {
        assert_eq!(since("since=12"), Some(12));
        assert_eq!(since("x=1&since=3"), Some(3));
        assert_eq!(since("since=abc"), None);
        assert_eq!(since(""), None);
    }

    #[test]
    fn answers_say_page_css_or_none() {
        let live = LiveReload::default();
        let inner = |live: &LiveReload, since| answer(&live.lock(), since);
        assert_eq!(inner(&live, 1), r#"{"version":1,"reload":"none"}"#);
        live.publish(true);
        assert_eq!(inner(&live, 1), r#"{"version":2,"reload":"css"}"#);
        live.publish(false);
        assert_eq!(inner(&live, 1), r#"{"version":3,"reload":"page"}"#);
        assert_eq!(inner(&live, 2), r#"{"version":3,"reload":"page"}"#);
        live.publish(true);
        assert_eq!(inner(&live, 3), r#"{"version":4,"reload":"css"}"#);
        // A tab from before a restart (a higher version) reloads.
        assert_eq!(inner(&live, 99), r#"{"version":4,"reload":"page"}"#);
    }
}
