//! `wijkverhaal serve` over HTTP, with a harness that runs the real binary
//! on a test site: [`http`] checks what is served and how, [`reload`] what
//! happens when files change.

mod http;
mod limits;
mod reload;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{TestSite, contribution};

/// A running `serve` child process; killed when dropped.
pub struct Serve {
    pub child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    pub fn start(site: &TestSite) -> Serve {
        Serve::start_with(site, &[])
    }

    /// Starts `serve` with extra arguments.
    pub fn start_with(site: &TestSite, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wijkverhaal"))
            .args(["serve", "--port", "0", "--today", "2027-01-15", "--root"])
            .arg(site.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("stderr");
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        // From here on, a failing assertion still stops the child (Drop).
        let mut serve = Serve {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log,
        };
        let mut line = String::new();
        serve.addr = loop {
            line.clear();
            let read = stdout.read_line(&mut line).expect("read stdout");
            assert!(read > 0, "serve stopped: {:?}", serve.log.lock().unwrap());
            if let Some(url) = line.trim().strip_prefix("Voorvertoning: http://") {
                let url = url.trim_end_matches('/').replace("localhost", "127.0.0.1");
                break url.parse().expect("address");
            }
        };
        std::thread::spawn(move || for _ in stdout.lines() {});
        serve
    }

    pub fn get(&self, target: &str) -> Response {
        request(self.addr, "GET", target)
    }

    /// The version a served page carries in its reload script.
    pub fn version(&self) -> u64 {
        let body = self.get("/").body;
        let at = body.find("var version = ").expect("reload script") + 14;
        body[at..].split(';').next().unwrap().parse().unwrap()
    }

    /// Waits (long-poll, as a tab does) until the site changes after `since`.
    pub fn wait_for_change(&self, since: u64) -> String {
        let response = self.get(&format!("/__livereload?since={since}"));
        assert_eq!(response.status, 200);
        response.body
    }

    /// Polls `target` until `check` holds on the response, for up to 10 s.
    pub fn eventually(
        &self,
        target: &str,
        what: &str,
        check: impl Fn(&Response) -> bool,
    ) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(target);
            if check(&response) {
                return response;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{what}: {target} still answers {} {}\nlog: {:?}",
                response.status,
                &response.body[..response.body.len().min(800)],
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn rebuilds(&self) -> usize {
        let log = self.log.lock().unwrap();
        log.iter()
            .filter(|l| {
                !l.starts_with("Site gemaakt")
                    && (l.contains("gelezen") || l.contains("de site heeft"))
            })
            .count()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// One HTTP/1.1 request with the target sent exactly as given.
pub fn request(addr: SocketAddr, method: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

pub const EVENT: &str = "title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"";

pub fn site_with_event() -> TestSite {
    TestSite::new().file(
        "content/tuinwijk-oost/energie/informatieavond.md",
        &contribution(EVENT, "Kom langs."),
    )
}
