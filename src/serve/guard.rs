//! The preview's front door. tiny_http has no limits of its own (a 300 MB
//! request line is read whole, a silent connection holds a thread for
//! ever), so the address the user opens is served by this guard, which
//! passes each request on to tiny_http over a private Unix socket only when
//! it is within bounds:
//!
//! - at most [`MAX_CONNECTIONS`] connections at once (503 beyond that),
//! - a request line of at most [`MAX_REQUEST_LINE`] bytes (414) and a head
//!   of at most [`MAX_HEAD`] bytes (431),
//! - a body of at most [`MAX_BODY`] bytes (413; chunked bodies: 411),
//! - the whole head read within [`HEAD_TIMEOUT`], each read within
//!   [`IDLE_TIMEOUT`] (the connection is closed otherwise),
//! - a `Host` that is the address the request came in on, `localhost`, or a
//!   name given with `--allow-host` (403 otherwise: a DNS-rebinding page
//!   cannot read drafts or the editors' page).
//!
//! One request per connection (`Connection: close`): simple, and enough for
//! a preview.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const MAX_CONNECTIONS: usize = 64;
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
pub const MAX_HEAD: usize = 32 * 1024;
pub const MAX_BODY: u64 = 64 * 1024;
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long an answer may take: longer than a live-reload poll.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// Which `Host` values a request may carry.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    allowed: Vec<String>,
}

impl Hosts {
    /// `localhost` and the names given (`--allow-host`), on `port`.
    pub fn new(port: u16, extra: &[String]) -> Hosts {
        let mut allowed = vec!["localhost".to_string()];
        allowed.extend(extra.iter().map(|h| h.trim().to_ascii_lowercase()));
        Hosts { port, allowed }
    }

    /// Whether `host` (a `Host` header) names this server: an allowed name
    /// or the address `local` the request came in on, with our port or none.
    pub fn accepts(&self, host: &str, local: IpAddr) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port))
                if !name.ends_with(':') && port.chars().all(|c| c.is_ascii_digit()) =>
            {
                (name, Some(port))
            }
            _ => (host.as_str(), None),
        };
        if port.is_some_and(|p| p.parse::<u16>() != Ok(self.port)) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        let local = match local {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        self.allowed.iter().any(|a| a == name) || name.parse::<IpAddr>().is_ok_and(|ip| ip == local)
    }
}

/// The guard's shared state.
pub struct Guard {
    hosts: Hosts,
    upstream: PathBuf,
    open: AtomicUsize,
    stop: AtomicBool,
}

impl Guard {
    pub fn new(hosts: Hosts, upstream: PathBuf) -> Arc<Guard> {
        Arc::new(Guard {
            hosts,
            upstream,
            open: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        })
    }

    /// Accepts connections until [`Guard::stop`]; one short-lived thread each.
    pub fn run(self: &Arc<Guard>, listener: TcpListener) {
        for stream in listener.incoming() {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let Ok(stream) = stream else { continue };
            if self.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                self.open.fetch_sub(1, Ordering::SeqCst);
                let mut stream = stream;
                let _ = stream.set_write_timeout(Some(IDLE_TIMEOUT));
                let _ = answer(
                    &mut stream,
                    503,
                    "De voorvertoning is druk; probeer het zo opnieuw.",
                );
                continue;
            }
            let guard = Arc::clone(self);
            let spawned = std::thread::Builder::new().spawn(move || {
                let _ = guard.serve(stream);
                guard.open.fetch_sub(1, Ordering::SeqCst);
            });
            if spawned.is_err() {
                self.open.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// Stops accepting: `run` returns after the next connection (this makes one).
    pub fn stop(&self, addr: SocketAddr) {
        self.stop.store(true, Ordering::Relaxed);
        let ip = match addr.ip() {
            ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
            ip if ip.is_unspecified() => IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
            ip => ip,
        };
        let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, addr.port()), IDLE_TIMEOUT);
    }

    /// Reads one request within bounds and passes it on, or answers why not.
    fn serve(&self, mut client: TcpStream) -> io::Result<()> {
        client.set_write_timeout(Some(ANSWER_TIMEOUT))?;
        let local = client.local_addr()?.ip();
        let (head, early) = match read_head(&mut client) {
            Ok(read) => read,
            Err(HeadError::Status(status)) => return answer(&mut client, status, reason(status)),
            Err(HeadError::Closed) => return Ok(()),
        };
        let request = match Request::parse(&head) {
            Some(request) => request,
            None => return answer(&mut client, 400, reason(400)),
        };
        if !request
            .host
            .as_deref()
            .is_some_and(|h| self.hosts.accepts(h, local))
        {
            return answer(&mut client, 403, reason(403));
        }
        if request.chunked {
            return answer(&mut client, 411, reason(411));
        }
        if request.length > MAX_BODY {
            return answer(&mut client, 413, reason(413));
        }
        let length = usize::try_from(request.length).unwrap_or(0);
        let mut body = early;
        body.truncate(length);
        let mut rest = vec![0; length - body.len()];
        client.set_read_timeout(Some(IDLE_TIMEOUT))?;
        client.read_exact(&mut rest)?;
        body.extend(rest);
        let mut upstream = connect(&self.upstream)?;
        upstream.set_read_timeout(Some(ANSWER_TIMEOUT))?;
        upstream.write_all(request.forwarded(&head).as_bytes())?;
        upstream.write_all(&body)?;
        io::copy(&mut upstream, &mut client)?;
        client.flush()
    }
}

#[cfg(unix)]
fn connect(path: &std::path::Path) -> io::Result<std::os::unix::net::UnixStream> {
    std::os::unix::net::UnixStream::connect(path)
}

#[cfg(not(unix))]
fn connect(_: &std::path::Path) -> io::Result<TcpStream> {
    Err(io::Error::other("de voorvertoning werkt alleen op Unix"))
}

enum HeadError {
    /// Answer with this status.
    Status(u16),
    /// The client went away or stayed silent: close without an answer.
    Closed,
}

/// Reads the request head (up to the blank line), within the caps and the
/// deadline. Returns the head without the blank line, and the bytes read
/// after it (the start of a body).
fn read_head(client: &mut TcpStream) -> Result<(String, Vec<u8>), HeadError> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut buffer = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::Closed);
        }
        client
            .set_read_timeout(Some(left.min(IDLE_TIMEOUT)))
            .map_err(|_| HeadError::Closed)?;
        let read = match client.read(&mut buffer) {
            Ok(0) | Err(_) => return Err(HeadError::Closed),
            Ok(read) => read,
        };
        head.extend_from_slice(&buffer[..read]);
        let line_end = head.windows(2).position(|w| w == b"\r\n");
        if line_end.map_or(head.len(), |end| end) > MAX_REQUEST_LINE {
            return Err(HeadError::Status(414));
        }
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            if end > MAX_HEAD {
                return Err(HeadError::Status(431));
            }
            let early = head.split_off(end + 4);
            head.truncate(end);
            let head = String::from_utf8(head).map_err(|_| HeadError::Status(400))?;
            return Ok((head, early));
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::Status(431));
        }
    }
}

/// What the guard needs to know of a request head.
struct Request {
    host: Option<String>,
    length: u64,
    chunked: bool,
}

impl Request {
    fn parse(head: &str) -> Option<Request> {
        let mut lines = head.split("\r\n");
        let request_line = lines.next()?;
        if request_line.split(' ').count() != 3 {
            return None;
        }
        let mut request = Request {
            host: None,
            length: 0,
            chunked: false,
        };
        for line in lines {
            let (name, value) = line.split_once(':')?;
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "host" if request.host.is_some() => return None,
                "host" => request.host = Some(value.to_string()),
                "content-length" => request.length = value.parse().ok()?,
                "transfer-encoding" => request.chunked = true,
                _ => {}
            }
        }
        Some(request)
    }

    /// The head as passed on: `Connection: close`, and no hop-by-hop headers.
    fn forwarded(&self, head: &str) -> String {
        let mut out = String::with_capacity(head.len() + 40);
        for (i, line) in head.split("\r\n").enumerate() {
            let name = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if i > 0 && matches!(name.as_str(), "connection" | "keep-alive" | "upgrade") {
                continue;
            }
            out.push_str(line);
            out.push_str("\r\n");
        }
        out.push_str("Connection: close\r\n\r\n");
        out
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Dit verzoek kan de voorvertoning niet lezen.",
        403 => {
            "Dit adres hoort niet bij deze voorvertoning. Open de voorvertoning via localhost of het adres dat wijkverhaal toont, of start haar met --allow-host NAAM."
        }
        411 => "Stuur de lengte van de inhoud mee (Content-Length).",
        413 => "Dit verzoek is te groot voor de voorvertoning.",
        414 => "Dit adres is te lang voor de voorvertoning.",
        431 => "De kopregels van dit verzoek zijn te groot voor de voorvertoning.",
        _ => "De voorvertoning kan dit verzoek niet aannemen.",
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        403 => "Forbidden",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// Answers with `status` and a short Dutch text, and closes.
fn answer(client: &mut TcpStream, status: u16, text: &str) -> io::Result<()> {
    let body = format!("{text}\n");
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        status_text(status),
        body.len()
    );
    client.write_all(head.as_bytes())?;
    client.write_all(body.as_bytes())?;
    client.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_localhost_the_local_address_and_allowed_names_only() {
        let hosts = Hosts::new(1111, &["preview.example".to_string()]);
        let v4 = IpAddr::from([127, 0, 0, 1]);
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "127.0.0.1",
            "PREVIEW.example:1111",
        ] {
            assert!(hosts.accepts(host, v4), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost:2222",
            "10.0.0.1:1111",
            "",
            "localhost.evil.example",
        ] {
            assert!(!hosts.accepts(host, v4), "{host}");
        }
        let v6 = IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]);
        assert!(hosts.accepts("[::1]:1111", v6));
        assert!(!hosts.accepts("[::2]:1111", v6));
    }

    #[test]
    fn reads_host_length_and_chunked_from_the_head() {
        let request =
            Request::parse("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5").unwrap();
        assert_eq!(
            (request.host.as_deref(), request.length),
            (Some("localhost"), 5)
        );
        assert!(Request::parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b").is_none());
        assert!(Request::parse("GET /\r\nHost: a").is_none());
        let chunked = Request::parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked").unwrap();
        assert!(chunked.chunked);
    }

    #[test]
    fn forwards_with_connection_close() {
        let request =
            Request::parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive").unwrap();
        assert_eq!(
            request.forwarded("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive"),
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        );
    }
}
