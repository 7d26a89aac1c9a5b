//! `wijkverhaal build` over fixture sites: every output path of the spec,
//! the merge residents see (timeline, projects, agenda), drafts, and the
//! command-line options `--output`, `--root` and `--drafts`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{TODAY, TestSite, attributes, contribution, entries, files_under};

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

fn timeline(site: &TestSite, slug: &str) -> Vec<Value> {
    site.json(&format!("{slug}/wijk.json"))["timeline"]
        .as_array()
        .expect("timeline")
        .clone()
}

#[test]
fn the_timeline_is_in_date_order_and_shows_a_project_once_spanning_its_parts() {
    let site = TestSite::fixture("complete");
    site.build();
    let timeline = timeline(&site, "tuinwijk-oost");
    let starts: Vec<&str> = timeline
        .iter()
        .map(|e| e["start"].as_str().expect("start"))
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_by_key(|s| s[..10].to_string());
    assert_eq!(starts, sorted, "timeline not in date order");
    let projects: Vec<&Value> = timeline.iter().filter(|e| e["kind"] == "project").collect();
    assert_eq!(projects.len(), 2);
    let warmtenet = projects
        .iter()
        .find(|p| p["project"] == "warmtenet-bloemstraat")
        .expect("warmtenet project");
    assert_eq!(
        warmtenet["title"],
        "Bloemstraat: warmtenet, riool en bomen in één keer"
    );
    assert_eq!(warmtenet["start"], "2027-04-01");
    assert_eq!(warmtenet["end"], "2027-11-30");
    assert_eq!(
        warmtenet["departments"],
        serde_json::json!(["Energietransitie", "Groen", "Openbare Ruimte"])
    );
    assert_eq!(
        warmtenet["parts"],
        serde_json::json!(["warmtenet-fase-1", "riool-bloemstraat", "bomen-bloemstraat"])
    );
    // A part of a project is only inside the project's entry.
    let urls: Vec<&str> = timeline.iter().filter_map(|e| e["url"].as_str()).collect();
    for part in ["riool-bloemstraat", "ontwerpmiddag", "aanleg-speelplein"] {
        assert!(
            !urls.contains(&format!("/tuinwijk-oost/{part}/").as_str()),
            "{part} is on the timeline outside its project"
        );
    }
    // Support offers are not on the timeline; drafts are not built.
    for absent in ["isolatiesubsidie", "energiecoach", "concept-brief"] {
        assert!(!urls.iter().any(|u| u.contains(absent)), "{absent} listed");
    }
    let html = site.read("tuinwijk-oost/tijdlijn/index.html");
    assert_eq!(
        html.matches("Bloemstraat: warmtenet, riool en bomen in")
            .count(),
        1,
        "the project should appear once on the timeline page"
    );
}

#[test]
fn a_project_without_a_title_takes_the_title_of_its_earliest_part() {
    let site = TestSite::fixture("complete");
    site.build();
    let timeline = timeline(&site, "tuinwijk-oost");
    let speelplein = timeline
        .iter()
        .find(|e| e["project"] == "speelplein-lindelaan")
        .expect("speelplein project");
    // The earliest part is the event in February, not the works (whose
    // title and file name come first in the alphabet).
    assert_eq!(speelplein["title"], "Ontwerpmiddag voor het speelplein");
    assert_eq!(speelplein["start"], "2027-02-10");
    assert_eq!(speelplein["end"], "2027-07-16");
    assert!(
        site.read("tuinwijk-oost/project/speelplein-lindelaan/index.html")
            .contains("<h1>Ontwerpmiddag voor het speelplein</h1>")
    );
}

#[test]
fn a_project_of_only_support_offers_is_not_on_the_timeline() {
    let site = TestSite::fixture("complete");
    site.build();
    assert_eq!(timeline(&site, "regelhof"), Vec::<Value>::new());
    let data = site.json("regelhof/wijk.json");
    assert_eq!(data["support"].as_array().map(Vec::len), Some(2));
    let project = site.read("regelhof/project/energiehulp/index.html");
    assert!(project.contains("Het energieloket") && project.contains("De klusbus"));
}

#[test]
fn drafts_are_left_out_unless_built_with_drafts() {
    let site = TestSite::fixture("complete");
    site.build();
    let all: String = site
        .output_files()
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(!site.public().join("tuinwijk-oost/concept-brief").exists());
    assert!(!all.contains("concept-brief") && !all.contains("Concept: brief"));

    site.build_with(&["--drafts"]);
    assert!(
        site.public()
            .join("tuinwijk-oost/concept-brief/index.html")
            .is_file()
    );
    assert!(
        site.read("tuinwijk-oost/nieuws.xml")
            .contains("Concept: brief")
    );
    assert!(
        site.read("sitemap.xml")
            .contains("/tuinwijk-oost/concept-brief/")
    );
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
fn every_page_of_a_wijk_shows_the_wijk_contact_point() {
    let site = TestSite::fixture("complete");
    site.build();
    for (path, bytes) in site.output_files() {
        let Some(rest) = path.strip_prefix("tuinwijk-oost/") else {
            continue;
        };
        if !rest.ends_with("index.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        assert!(
            html.contains("Fatima el Amrani") && html.contains("tuinwijk-oost@proefdorp.nl"),
            "{path} has no contact point"
        );
    }
}

#[test]
fn the_overview_lists_every_wijk_with_its_summary() {
    let site = TestSite::fixture("complete");
    site.build();
    let html = site.read("index.html");
    for (url, summary) in [
        (
            "/tuinwijk-oost/",
            "Samen maken we Tuinwijk-Oost aardgasvrij.",
        ),
        ("/stille-hoek/", "In de Stille Hoek gebeurt nog niets."),
        ("/regelhof/", "In Regelhof helpen we u met regelingen."),
    ] {
        assert!(attributes(&html, "href").iter().any(|h| h == url), "{url}");
        assert!(html.contains(summary), "{summary}");
    }
}

#[test]
fn the_agenda_lists_upcoming_events_first_each_with_a_calendar_link() {
    let site = TestSite::fixture("complete");
    site.build();
    let html = site.read("tuinwijk-oost/agenda/index.html");
    let order: Vec<usize> = [
        "Ontwerpmiddag voor het speelplein",
        "Praatavond in Café De Eendracht",
        "Nachtelijke meting van het verkeer",
        "Informatieavond: warmtenet, riool; bomen",
        "Inloopavond na de wintertijd",
        "Kerstmaaltijd in het buurthuis",
    ]
    .iter()
    .map(|title| {
        html.find(title)
            .unwrap_or_else(|| panic!("{title} missing"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let links = attributes(&html, "href");
    for slug in [
        "ontwerpmiddag",
        "cafe-de-eendracht",
        "nachtmeting",
        "informatieavond",
        "inloop-oktober",
        "kerstmaaltijd",
    ] {
        let ics = format!("/tuinwijk-oost/{slug}.ics");
        assert!(links.contains(&ics), "no calendar link {ics}");
    }
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
fn what_happens_now_is_measured_against_the_given_day() {
    let site = TestSite::fixture("complete");
    site.build();
    let home = site.read("tuinwijk-oost/index.html");
    assert!(
        home.contains("Nieuw asfalt op de"),
        "running works on the home page"
    );
    site.cmd("build")
        .args(["--today", "2027-05-10"])
        .assert()
        .success();
    let home = site.read("tuinwijk-oost/index.html");
    assert!(home.contains("Bloemstraat: warmtenet, riool en bomen"));
    assert!(
        !home.contains("Nieuw asfalt op de"),
        "finished works are not running"
    );
}

#[test]
fn a_street_written_with_other_capitals_or_accents_takes_the_wijk_spelling() {
    let site = TestSite::new().contribution(
        "werk.md",
        "title = \"Werk\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"bloemstraat\", \"s-Gravenweg\"]\nstart = 2027-03-01",
    );
    site.build();
    let data = site.json("tuinwijk-oost/wijk.json");
    assert_eq!(
        data["timeline"][0]["streets"],
        serde_json::json!(["Bloemstraat", "'s-Gravenweg"])
    );
    let feed = site.read("tuinwijk-oost/straten/s-gravenweg/agenda.ics");
    assert!(feed.contains("SUMMARY:Werk\r\n"));
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
    assert!(site.public().join("assets/wijkverhaal.css").is_file());
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
