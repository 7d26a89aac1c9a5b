//! `wijkverhaal build` over fixture sites: every output path of the spec,
//! the merge residents see (timeline, projects, agenda), drafts, and the
//! command-line options `--output`, `--root` and `--drafts`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::read::attributes;
use crate::util::{TODAY, TestSite, contribution, entries, files_under};

#[test]
fn a_site_with_only_site_toml_and_content_builds_every_path() {
    let site = TestSite::new().file(
        "content/tuinwijk-oost/energie/informatieavond.md",
        &contribution("title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"", "Kom langs."),
    );
    site.build();
    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "tuinwijk-oost/index.html",
        "tuinwijk-oost/tijdlijn/index.html",
        "tuinwijk-oost/agenda/index.html",
        "tuinwijk-oost/agenda.ics",
        "tuinwijk-oost/straten/index.html",
        "tuinwijk-oost/straten/s-gravenweg/index.html",
        "tuinwijk-oost/straten/s-gravenweg/agenda.ics",
        "tuinwijk-oost/contact/index.html",
        "tuinwijk-oost/informatieavond/index.html",
        "tuinwijk-oost/nieuws.xml",
        "tuinwijk-oost/wijk.json",
    ] {
        assert!(site.public().join(path).is_file(), "missing {path}");
    }
    assert!(
        site.read("tuinwijk-oost/agenda.ics")
            .contains("DTSTART:20270328T173000Z\r\n")
    );
}

/// The paths the spec promises for one wijk, from its `wijk.json`.
fn spec_paths(slug: &str, data: &Value) -> Vec<String> {
    let mut paths: Vec<String> = [
        "index.html",
        "tijdlijn/index.html",
        "agenda/index.html",
        "agenda.ics",
        "straten/index.html",
        "contact/index.html",
        "nieuws.xml",
        "wijk.json",
    ]
    .iter()
    .map(|p| format!("{slug}/{p}"))
    .collect();
    for street in data["streets"].as_array().expect("streets") {
        let street = street["slug"].as_str().expect("street slug");
        paths.push(format!("{slug}/straten/{street}/index.html"));
        paths.push(format!("{slug}/straten/{street}/agenda.ics"));
    }
    for entry in data["timeline"].as_array().expect("timeline") {
        let url = entry["url"].as_str().expect("url");
        paths.push(format!("{}index.html", &url[1..]));
        for part in entry["parts"].as_array().into_iter().flatten() {
            paths.push(format!(
                "{slug}/{}/index.html",
                part.as_str().expect("part")
            ));
        }
    }
    for event in data["events"].as_array().expect("events") {
        paths.push(event["ics"].as_str().expect("ics")[1..].to_string());
    }
    paths
}

#[test]
fn every_path_of_the_spec_is_built_for_every_wijk_of_the_fixture() {
    let site = TestSite::fixture("complete");
    site.build();
    for path in ["index.html", "404.html", "sitemap.xml", "robots.txt"] {
        assert!(site.public().join(path).is_file(), "missing {path}");
    }
    for slug in ["tuinwijk-oost", "stille-hoek", "regelhof"] {
        let data = site.json(&format!("{slug}/wijk.json"));
        for path in spec_paths(slug, &data) {
            assert!(site.public().join(&path).is_file(), "missing {path}");
        }
    }
    // Every contribution has its page, also those only in a list (support).
    for path in [
        "tuinwijk-oost/isolatiesubsidie/index.html",
        "tuinwijk-oost/energiecoach/index.html",
        "tuinwijk-oost/project/speelplein-lindelaan/index.html",
        "regelhof/energieloket/index.html",
        "regelhof/klusbus/index.html",
        "regelhof/project/energiehulp/index.html",
    ] {
        assert!(site.public().join(path).is_file(), "missing {path}");
    }
}

#[test]
fn a_wijk_without_contributions_gets_every_page_with_empty_lists() {
    let site = TestSite::fixture("complete");
    site.build();
    let data = site.json("stille-hoek/wijk.json");
    assert_eq!(data["timeline"], serde_json::json!([]));
    assert_eq!(data["events"], serde_json::json!([]));
    let ics = site.read("stille-hoek/agenda.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.contains("BEGIN:VEVENT"));
    assert!(site.read("stille-hoek/nieuws.xml").contains("<feed"));
    assert!(
        site.read("stille-hoek/straten/hoekweg/index.html")
            .contains("Hoekweg")
    );
}

#[test]
fn every_link_between_pages_leads_to_a_built_file() {
    let site = TestSite::fixture("complete");
    site.build();
    let files = site.output_files();
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            let Some(target) = link.strip_prefix('/') else {
                continue;
            };
            let target = target.split('#').next().unwrap_or("");
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            assert!(files.contains_key(&file), "{path} links to {link}: missing");
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_sitemap_lists_every_page_and_nothing_else() {
    let site = TestSite::fixture("complete");
    site.build();
    let sitemap = site.read("sitemap.xml");
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap_or("").to_string())
        .collect();
    let pages: BTreeSet<String> = site
        .output_files()
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            format!(
                "https://wijken.proefdorp.nl/{}",
                p.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(listed, pages);
}

#[test]
fn output_and_root_may_be_anywhere() {
    let site = TestSite::fixture("complete");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let output = elsewhere.path().join("site").join("www");
    let mut cmd = assert_cmd::Command::cargo_bin("wijkverhaal").expect("binary");
    cmd.current_dir(elsewhere.path())
        .args(["build", "--today", TODAY, "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    assert!(output.join("tuinwijk-oost/wijk.json").is_file());
    assert!(!site.public().exists(), "nothing written to <root>/public");
    assert_eq!(entries(elsewhere.path()), ["site"]);
    assert_eq!(entries(&elsewhere.path().join("site")), ["www"]);

    // `--root` relative to the working folder, `--output` defaulting to <root>/public.
    let mut cmd = assert_cmd::Command::cargo_bin("wijkverhaal").expect("binary");
    cmd.current_dir(site.root().parent().expect("parent"))
        .args(["build", "--today", TODAY, "--root"])
        .arg(site.root().file_name().expect("name"))
        .assert()
        .success();
    assert_eq!(
        files_under(&output),
        site.output_files(),
        "the same site wherever it is written"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::fixture("complete");
    site.build();
    let first = site.output_files();
    site.build();
    assert_eq!(first, site.output_files());
    let again = TestSite::fixture("complete");
    again.build();
    assert_eq!(first, again.output_files());
}

#[test]
fn a_successful_build_leaves_no_stray_folders() {
    let site = TestSite::fixture("complete");
    site.build();
    site.build();
    assert_eq!(site.root_entries(), ["content", "public", "site.toml"]);
}

#[test]
fn a_file_name_with_accents_and_spaces_gets_a_plain_slug() {
    let site = TestSite::fixture("complete");
    site.build();
    assert!(
        site.public()
            .join("tuinwijk-oost/cafe-de-eendracht/index.html")
            .is_file()
    );
    assert!(
        site.public()
            .join("tuinwijk-oost/cafe-de-eendracht.ics")
            .is_file()
    );
}

#[test]
fn a_template_in_the_site_overrides_only_that_template() {
    let site = TestSite::fixture("complete")
        .file(
            "themes/default/templates/contact.html",
            "{% extends \"base.html\" %}{% block main %}<h1>Eigen contactpagina</h1>{% endblock %}",
        )
        .file("themes/default/static/assets/logo.svg", "<svg/>")
        .file("themes/default/static/favicon.ico", "ico");
    site.build();
    assert!(
        site.read("tuinwijk-oost/contact/index.html")
            .contains("<h1>Eigen contactpagina</h1>")
    );
    assert!(
        site.read("tuinwijk-oost/tijdlijn/index.html")
            .contains("<h1>")
    );
    assert_eq!(site.read("assets/logo.svg"), "<svg/>");
    assert_eq!(site.read("favicon.ico"), "ico");
    // The theme's stylesheet is published under a hashed name.
    assert!(
        site.output_files()
            .keys()
            .any(|p| p.starts_with("assets/wijkverhaal.") && p.ends_with(".css"))
    );
}

#[test]
fn english_interface_text_when_the_site_asks_for_it() {
    let site = TestSite::fixture("complete").file(
        "site.toml",
        "title = \"Proefdorp\"\nbase_url = \"https://wijken.proefdorp.nl\"\nlanguage = \"en\"\n",
    );
    site.build();
    let html = site.read("tuinwijk-oost/informatieavond/index.html");
    assert!(html.contains("<html lang=\"en\""), "lang attribute");
    assert!(
        html.contains("Sunday 28 March 2027, 19:30 - 21:00"),
        "{html}"
    );
}

#[test]
fn event_times_follow_the_site_time_zone() {
    let site = TestSite::new()
        .file(
            "site.toml",
            "title = \"G\"\nbase_url = \"https://w.example.org\"\ntimezone = \"America/New_York\"\n",
        )
        .contribution(
            "avond.md",
            "title = \"Avond\"\ndepartment = \"D\"\nkind = \"event\"\nstart = 2027-03-14T19:30:00\nlocation = \"L\"",
        );
    site.build();
    let feed = site.read("tuinwijk-oost/agenda.ics");
    assert!(feed.contains("DTSTART:20270314T233000Z\r\n"), "{feed}");
    let data = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(data["events"][0]["start"], "2027-03-14T19:30:00-04:00");
}

#[test]
fn the_build_does_not_depend_on_the_system_time_zone() {
    let site = TestSite::fixture("complete");
    site.build();
    let expected = site.output_files();
    for (tz, tzdir) in [
        ("America/New_York", "/nonexistent"),
        ("UTC", "/nonexistent"),
    ] {
        site.cmd("build")
            .args(["--today", TODAY])
            .env("TZ", tz)
            .env("TZDIR", tzdir)
            .assert()
            .success();
        assert!(
            site.output_files() == expected,
            "TZ={tz} changed the output"
        );
    }
}

#[test]
fn markdown_files_with_another_extension_are_named_not_silently_skipped() {
    let front_matter =
        "title = \"Riool\"\ndepartment = \"Openbare Ruimte\"\nkind = \"news\"\ndate = 2027-03-02";
    let site = TestSite::new()
        .file(
            "content/tuinwijk-oost/riool.MD",
            &contribution(front_matter, "Tekst."),
        )
        .file(
            "content/tuinwijk-oost/plan.markdown",
            &contribution(front_matter, "Tekst."),
        )
        .file("content/tuinwijk-oost/foto.jpg", "not markdown");
    let output = site
        .cmd("check")
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let findings: serde_json::Value = serde_json::from_slice(&output).expect("json");
    let unused: Vec<(&str, &str)> = findings
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["code"] == "unused-file")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(unused.len(), 3, "{unused:?}");
    assert!(unused.iter().any(
        |(file, message)| *file == "content/tuinwijk-oost/riool.MD" && message.contains(".md")
    ));
    assert!(
        unused
            .iter()
            .any(|(file, _)| *file == "content/tuinwijk-oost/foto.jpg"),
        "an attachment no page uses is named"
    );
    assert!(
        unused
            .iter()
            .any(|(file, _)| *file == "content/tuinwijk-oost/plan.markdown")
    );
    site.build();
    assert!(
        !site
            .public()
            .join("tuinwijk-oost/riool/index.html")
            .exists()
    );
}
