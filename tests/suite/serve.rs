//! `wijkverhaal serve` over HTTP: pages from memory with the reload script,
//! edits that reach open tabs, the error page, safe paths, Content-Types,
//! HEAD, drafts and the editors' page, and a clean stop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{TestSite, contribution};

/// A running `serve` child process; killed when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    fn start(site: &TestSite) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wijkverhaal"))
            .args(["serve", "--port", "0", "--today", "2027-01-15", "--root"])
            .arg(site.root())
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
        let mut line = String::new();
        let addr = loop {
            line.clear();
            let read = stdout.read_line(&mut line).expect("read stdout");
            assert!(read > 0, "serve stopped: {:?}", log.lock().unwrap());
            if let Some(url) = line.trim().strip_prefix("Voorvertoning: http://") {
                break url.trim_end_matches('/').parse().expect("address");
            }
        };
        std::thread::spawn(move || for _ in stdout.lines() {});
        Serve { child, addr, log }
    }

    fn get(&self, target: &str) -> Response {
        request(self.addr, "GET", target)
    }

    /// The version a served page carries in its reload script.
    fn version(&self) -> u64 {
        let body = self.get("/").body;
        let at = body.find("var version = ").expect("reload script") + 14;
        body[at..].split(';').next().unwrap().parse().unwrap()
    }

    /// Waits (long-poll, as a tab does) until the site changes after `since`.
    fn wait_for_change(&self, since: u64) -> String {
        let response = self.get(&format!("/__livereload?since={since}"));
        assert_eq!(response.status, 200);
        response.body
    }

    /// Polls `target` until `check` holds on the response, for up to 10 s.
    fn eventually(&self, target: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
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

    fn rebuilds(&self) -> usize {
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

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// One HTTP/1.1 request with the target sent exactly as given.
fn request(addr: SocketAddr, method: &str, target: &str) -> Response {
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

const EVENT: &str = "title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"";

fn site_with_event() -> TestSite {
    TestSite::new().file(
        "content/tuinwijk-oost/energie/informatieavond.md",
        &contribution(EVENT, "Kom langs."),
    )
}

#[test]
fn pages_come_from_memory_with_the_reload_script_and_right_content_types() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/tuinwijk-oost/", "text/html; charset=utf-8"),
        ("/tuinwijk-oost/agenda.ics", "text/calendar; charset=utf-8"),
        ("/tuinwijk-oost/nieuws.xml", "application/atom+xml"),
        ("/tuinwijk-oost/wijk.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/assets/wijkverhaal.css", "text/css; charset=utf-8"),
    ];
    for (target, content_type) in cases {
        let response = serve.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(
            response.header("Content-Type"),
            Some(content_type),
            "{target}"
        );
        let has_script = response.body.contains("/__livereload");
        assert_eq!(
            has_script,
            content_type.starts_with("text/html"),
            "{target}"
        );
    }
    let page = serve.get("/tuinwijk-oost/informatieavond/").body;
    let script = page.find("<script>\n(function").expect("script");
    assert!(page[script..].contains("</body>"), "script before </body>");

    let missing = serve.get("/tuinwijk-oost/bestaat-niet/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the 404.html page");

    let head = request(serve.addr, "HEAD", "/tuinwijk-oost/agenda.ics");
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(request(serve.addr, "POST", "/").status, 405);

    let folder = serve.get("/tuinwijk-oost");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/tuinwijk-oost/"));
    assert!(!site.public().exists(), "serve must not write public/");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = TestSite::new();
    site.write("geheim.txt", b"GEHEIM");
    let serve = Serve::start(&site);
    for target in [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/tuinwijk-oost/../../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2e%2e%2fgeheim.txt",
        "/tuinwijk-oost%2f..%2f..%2fgeheim.txt",
        "/..\\geheim.txt",
        "/%5c..%5cgeheim.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/index.html%00.txt",
        "/site.toml",
        "/content/tuinwijk-oost/_index.md",
    ] {
        let response = serve.get(target);
        assert!(
            response.status == 400 || response.status == 404,
            "{target} answered {}",
            response.status
        );
        assert!(!response.body.contains("GEHEIM") && !response.body.contains("root:"));
        assert!(
            !response.body.contains("base_url"),
            "{target} served site.toml"
        );
    }
}

#[test]
fn an_edit_reloads_open_tabs_and_a_broken_file_shows_the_error_page_until_fixed() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    let file = "content/tuinwijk-oost/energie/informatieavond.md";
    let page = "/tuinwijk-oost/informatieavond/";

    let version = serve.version();
    let edited = EVENT.replace("Informatieavond\"", "Informatieavond over het warmtenet\"");
    let poll = std::thread::scope(|s| {
        let poll = s.spawn(|| serve.wait_for_change(version));
        std::thread::sleep(Duration::from_millis(100));
        site.write(file, contribution(&edited, "Kom langs.").as_bytes());
        poll.join().unwrap()
    });
    assert!(poll.contains("\"reload\":\"page\""), "{poll}");
    assert!(
        serve
            .get(page)
            .body
            .contains("Informatieavond over het warmtenet")
    );

    site.write(
        file,
        contribution(&edited.replace("warmtenet\"", "warmtenet"), "x").as_bytes(),
    );
    let error = serve.eventually(page, "error page", |r| r.status == 500);
    assert!(
        error.body.contains("informatieavond.md, regel 2"),
        "{}",
        error.body
    );
    assert!(
        error.body.contains("/__livereload"),
        "the error page reloads by itself"
    );
    assert_eq!(serve.get("/").status, 500, "every page shows the errors");
    assert_eq!(
        serve.get("/tuinwijk-oost/wijk.json").status,
        200,
        "data stays"
    );

    site.write(file, contribution(EVENT, "Weer goed.").as_bytes());
    let back = serve.eventually(page, "page back", |r| r.status == 200);
    assert!(back.body.contains("Weer goed."));
}

#[test]
fn deleted_new_and_atomically_saved_files_and_new_wijken_are_seen() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    site.write(
        "content/tuinwijk-oost/groen/bomen.md",
        contribution(
            "title = \"Bomen\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02",
            "Nieuwe bomen.",
        )
        .as_bytes(),
    );
    serve.eventually("/tuinwijk-oost/bomen/", "new file", |r| r.status == 200);

    // An editor's atomic save: a temporary file renamed over the old one.
    site.write(
        "content/tuinwijk-oost/groen/.bomen.md.tmp",
        contribution(
            "title = \"Bomen geplant\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02",
            "Nieuwe bomen.",
        )
        .as_bytes(),
    );
    std::fs::rename(
        site.root()
            .join("content/tuinwijk-oost/groen/.bomen.md.tmp"),
        site.root().join("content/tuinwijk-oost/groen/bomen.md"),
    )
    .unwrap();
    serve.eventually("/tuinwijk-oost/bomen/", "atomic save", |r| {
        r.body.contains("Bomen geplant")
    });

    std::fs::remove_file(site.root().join("content/tuinwijk-oost/groen/bomen.md")).unwrap();
    serve.eventually("/tuinwijk-oost/bomen/", "deleted file", |r| r.status == 404);
    assert_eq!(serve.get("/tuinwijk-oost/informatieavond/").status, 200);

    let index = crate::util::WIJK_INDEX.replace("Tuinwijk-Oost", "Havenkwartier");
    let staging = site.root().join("havenkwartier");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("_index.md"), index).unwrap();
    std::fs::rename(&staging, site.root().join("content/havenkwartier")).unwrap();
    serve.eventually("/havenkwartier/", "new wijk", |r| r.status == 200);
    serve.eventually("/", "overview", |r| r.body.contains("Havenkwartier"));
}

#[test]
fn a_burst_of_500_files_gives_one_or_two_rebuilds() {
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let version = serve.version();
    for i in 0..500 {
        let front = format!(
            "title = \"Bericht {i}\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02"
        );
        site.write(
            &format!("content/tuinwijk-oost/groen/bericht-{i}.md"),
            contribution(&front, "Tekst.").as_bytes(),
        );
    }
    serve.wait_for_change(version);
    serve.eventually("/tuinwijk-oost/bericht-499/", "last file", |r| {
        r.status == 200
    });
    std::thread::sleep(Duration::from_millis(300));
    let rebuilds = serve.rebuilds();
    assert!(
        (1..=2).contains(&rebuilds),
        "{rebuilds} rebuilds: {:?}",
        serve.log.lock().unwrap()
    );
}

#[test]
fn drafts_show_with_a_banner_in_preview_and_on_the_editors_page_but_not_in_build() {
    let draft = format!("{EVENT}\ndraft = true").replace("Informatieavond", "Conceptavond");
    let site = site_with_event().file(
        "content/tuinwijk-oost/energie/conceptavond.md",
        &contribution(&draft, "Nog niet af."),
    );
    let serve = Serve::start(&site);
    let page = serve.get("/tuinwijk-oost/conceptavond/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("class=\"draft-banner\""),
        "{}",
        page.body
    );
    assert!(
        !serve
            .get("/tuinwijk-oost/informatieavond/")
            .body
            .contains("draft-banner")
    );

    let editors = serve.get("/_redactie/");
    assert_eq!(editors.status, 200);
    assert!(editors.body.contains("Conceptavond"));
    assert!(
        editors
            .body
            .contains("href=\"/tuinwijk-oost/conceptavond/\"")
    );
    assert_eq!(serve.get("/_redactie").status, 301);
    drop(serve);

    site.build();
    assert!(!site.public().join("tuinwijk-oost/conceptavond").exists());
    assert!(!site.public().join("_redactie").exists());
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(!text.contains("__livereload"), "{}", entry.path().display());
        }
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = TestSite::new();
    let mut serve = Serve::start(&site);
    assert_eq!(serve.get("/").status, 200);
    let killed = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}

#[test]
fn serve_outside_a_site_says_what_to_do() {
    let site = TestSite::empty();
    site.cmd("serve")
        .args(["--port", "0"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("wijkverhaal init"));
}
