//! The merge residents see, as the built site shows it: one timeline in
//! date order with each project once, project titles, drafts, the agenda,
//! the contact point on every page, and what is happening "now".

use serde_json::Value;

use crate::read::attributes;
use crate::util::TestSite;

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
