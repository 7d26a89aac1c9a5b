//! What `serve` answers: pages from memory with the reload script, the
//! right Content-Types, HEAD, 404, refused paths, drafts and the editors'
//! page, a clean stop.

use std::process::Command;
use std::time::{Duration, Instant};

use super::{EVENT, Serve, request, site_with_event};
use crate::util::{TestSite, contribution};

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

#[test]
fn the_editors_page_lists_the_findings_of_check_with_a_link_to_the_page() {
    let front = "title = \"Spreekuur\"\ndepartment = \"Sociaal Domein\"\nkind = \"news\"\ndate = 2027-01-02";
    let site = TestSite::new().file(
        "content/tuinwijk-oost/sociaal/spreekuur.md",
        &contribution(front, "Mail ons op spreekuur@elders.nl voor een afspraak."),
    );
    let serve = Serve::start(&site);
    let editors = serve.get("/_redactie/");
    assert_eq!(editors.status, 200);
    assert!(editors.body.contains("Tweede contact"), "{}", editors.body);
    assert!(
        editors
            .body
            .contains("content/tuinwijk-oost/sociaal/spreekuur.md, regel")
    );
    assert!(editors.body.contains("href=\"/tuinwijk-oost/spreekuur/\""));
    assert!(
        editors.body.contains("/__livereload"),
        "the editors' page follows edits too"
    );
}

#[test]
fn a_public_address_gets_a_warning() {
    let site = TestSite::new();
    let serve = Serve::start_with(&site, &["--bind", "0.0.0.0"]);
    let started = Instant::now();
    while !serve
        .log
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.contains("Let op"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no warning: {:?}",
            serve.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let quiet = Serve::start(&site);
    assert_eq!(quiet.get("/").status, 200);
    assert!(
        !quiet
            .log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("Let op"))
    );
}

#[test]
fn scheduled_stale_and_cancelled_work_show_on_the_editors_page_and_scheduled_pages_carry_a_banner()
{
    let works = |extra: &str| {
        contribution(
            &format!(
                "title = \"Werk\"\ndepartment = \"OR\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]\n{extra}"
            ),
            "Tekst.",
        )
    };
    let site = TestSite::new()
        .file(
            "content/tuinwijk-oost/later.md",
            &contribution("title = \"Later nieuws\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-02-01\npublish = 2027-02-01", "Tekst."),
        )
        .file("content/tuinwijk-oost/oud.md", &works("start = 2026-10-01\nend = 2026-12-01"))
        .file("content/tuinwijk-oost/weg.md", &works("start = 2027-03-01\nstatus = \"geannuleerd\""));
    let serve = Serve::start(&site);
    let editors = serve.get("/_redactie/");
    assert_eq!(editors.status, 200);
    let body = &editors.body;
    let section = |title: &str| {
        let start = body
            .find(&format!("<h3>{title}</h3>"))
            .unwrap_or_else(|| panic!("no {title} in {body}"));
        let rest = &body[start..];
        rest[..rest[5..].find("<h3>").map_or(rest.len(), |n| n + 5)].to_string()
    };
    assert!(
        section("Gepland").contains(
            "vanaf maandag 1 februari 2027: <a href=\"/tuinwijk-oost/later/\">Later nieuws</a>"
        ),
        "{body}"
    );
    assert!(
        section("Werk dat klaar had moeten zijn").contains("content/tuinwijk-oost/oud.md"),
        "{body}"
    );
    assert!(
        section("Geannuleerd").contains("href=\"/tuinwijk-oost/weg/\""),
        "{body}"
    );
    let page = serve.get("/tuinwijk-oost/later/");
    assert!(page.body.contains("scheduled-banner"), "{}", page.body);
    assert!(
        page.body.contains("maandag 1 februari 2027"),
        "{}",
        page.body
    );
    drop(serve);
    site.build();
    assert!(!site.public().join("tuinwijk-oost/later").exists());
    assert!(
        !site
            .read("tuinwijk-oost/wijk.json")
            .contains("Later nieuws")
    );
    assert!(!site.read("tuinwijk-oost/sitemap.xml").contains("/later/"));
    assert!(
        !site
            .read("tuinwijk-oost/nieuws.xml")
            .contains("Later nieuws")
    );
}
