//! The preview is a server on the editor's machine: it bounds what a client
//! can make it hold (request size, body, connections, time) and answers
//! only to its own names (`Host`), so a DNS-rebinding page cannot read
//! drafts or the editors' page.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use super::Serve;
use crate::util::TestSite;

/// Sends `raw` and returns the status of the answer (0 when closed without one).
fn send_raw(addr: SocketAddr, raw: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // The guard may answer and close before everything is written.
    let _ = stream.write_all(raw);
    status_of(&mut stream)
}

fn status_of(stream: &mut TcpStream) -> u16 {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn get_with_host(addr: SocketAddr, host: &str) -> u16 {
    send_raw(
        addr,
        format!("GET /_redactie/ HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
    )
}

#[test]
fn a_foreign_host_gets_403_and_allowed_names_are_served() {
    let site = TestSite::new();
    let serve = Serve::start_with(&site, &["--allow-host", "preview.proef.nl"]);
    let port = serve.addr.port();
    assert_eq!(get_with_host(serve.addr, "evil.example"), 403);
    assert_eq!(
        get_with_host(serve.addr, &format!("evil.example:{port}")),
        403
    );
    assert_eq!(
        get_with_host(serve.addr, &format!("localhost.evil.example:{port}")),
        403
    );
    assert_eq!(
        send_raw(serve.addr, b"GET / HTTP/1.1\r\n\r\n"),
        403,
        "no Host"
    );
    assert_eq!(get_with_host(serve.addr, &format!("localhost:{port}")), 200);
    assert_eq!(get_with_host(serve.addr, &format!("127.0.0.1:{port}")), 200);
    assert_eq!(
        get_with_host(serve.addr, &format!("preview.proef.nl:{port}")),
        200
    );
}

#[test]
fn a_huge_request_line_gets_414_without_reading_it_all() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let mut stream = TcpStream::connect(serve.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(b"GET /").unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    // Keep writing: the guard answers after 8 KiB and closes.
    let mut written = 0;
    while written < 300 * 1024 * 1024 && stream.write_all(&chunk).is_ok() {
        written += chunk.len();
    }
    assert!(written < 16 * 1024 * 1024, "{written} bytes were accepted");
    assert_eq!(status_of(&mut stream), 414);
    assert_eq!(serve.get("/").status, 200, "the preview still answers");
}

#[test]
fn huge_headers_get_431() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let header = format!("X-Vulsel: {}\r\n", "b".repeat(4000));
    let raw = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\n{}\r\n",
        header.repeat(20)
    );
    assert_eq!(send_raw(serve.addr, raw.as_bytes()), 431);
}

#[test]
fn a_large_or_chunked_body_is_refused() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let raw = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 300000000\r\n\r\n";
    assert_eq!(send_raw(serve.addr, raw.as_bytes()), 413);
    let raw = "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
    assert_eq!(send_raw(serve.addr, raw.as_bytes()), 411);
    let raw = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhallo";
    assert_eq!(
        send_raw(serve.addr, raw.as_bytes()),
        405,
        "small bodies reach the preview"
    );
}

#[test]
fn a_silent_connection_is_closed_after_the_idle_timeout() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let mut stream = TcpStream::connect(serve.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let started = Instant::now();
    let mut buffer = [0u8; 16];
    let read = stream.read(&mut buffer).unwrap_or(0);
    assert_eq!(read, 0, "closed without an answer");
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(20), "{waited:?}");
}

#[test]
fn a_slow_trickle_is_cut_off_at_the_head_deadline() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let mut stream = TcpStream::connect(serve.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(10)))
        .unwrap();
    let started = Instant::now();
    let mut closed = false;
    let mut buffer = [0u8; 16];
    // One byte a second: each read is in time, the head never completes.
    while started.elapsed() < Duration::from_secs(40) {
        if stream.write_all(b"a").is_err() || matches!(stream.read(&mut buffer), Ok(0)) {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    assert!(closed, "still open after {:?}", started.elapsed());
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn connections_beyond_the_bound_get_503_and_the_rest_is_served() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let silent: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(serve.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let raw = format!(
        "GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        serve.addr.port()
    );
    assert_eq!(send_raw(serve.addr, raw.as_bytes()), 503);
    drop(silent);
    let started = Instant::now();
    loop {
        let status = send_raw(serve.addr, raw.as_bytes());
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "status {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
