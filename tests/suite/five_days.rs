//! The `time-and-status` fixture (every field of time-and-status) built on
//! five chosen days, with a snapshot per day of what residents and other
//! systems see: the wijk's `wijk.json` timeline, the home page, the
//! timeline, the delayed job's page, the project page, the calendars, the
//! news feed and the sitemap, and what `check` says on that day.
//!
//! - 2026-02-15, before publication: the job with `publish = 2026-03-01`
//!   and the news of 21 June are nowhere (pages, lists, feeds, sitemaps);
//! - 2026-05-01, during the works: the job is delayed (status), its update
//!   of 20 June is not news yet, the stoepen are "Nu bezig";
//! - 2026-08-20, after the planned end of the stoepen without a status:
//!   they read "Klaar" and `check` warns `stale`; the delayed job runs to
//!   its new end, with "eerst gepland tot 30 juni 2026";
//! - 2026-10-15, after the update's new end: still "vertraagd" (its status)
//!   and `stale` in `check`;
//! - 2026-05-15, after the cancellation, inside the cancelled job's period:
//!   marked "Geannuleerd", out of the Tulpstraat calendar and "Nu bezig".

use serde_json::Value;

use crate::read::{ics_events, ics_value, main_text};
use crate::util::TestSite;

const WIJK: &str = "noordhoek";

/// What residents and systems see on `day`, as one text.
fn seen_on(day: &str) -> String {
    let site = TestSite::fixture("time-and-status");
    site.cmd("build").args(["--today", day]).assert().success();
    let mut out = String::new();
    let mut section = |title: &str, text: String| {
        out.push_str(&format!("=== {title}\n{text}\n\n"));
    };
    section(
        "wijk.json timeline",
        timeline(&site.json(&format!("{WIJK}/wijk.json"))),
    );
    for page in [
        "",
        "tijdlijn/",
        "riool-bloemstraat/",
        "project/bloemstraat/",
    ] {
        let path = format!("{WIJK}/{page}index.html");
        let text = match std::fs::read_to_string(site.public().join(&path)) {
            Ok(html) => main_text(&html),
            Err(_) => "(niet op de site)".to_string(),
        };
        section(&path, text);
    }
    for calendar in [
        "agenda.ics",
        "straten/bloemstraat/agenda.ics",
        "straten/tulpstraat/agenda.ics",
    ] {
        let path = format!("{WIJK}/{calendar}");
        section(&path, events(&site.read(&path)));
    }
    section(
        "nieuws.xml",
        feed(&site.read(&format!("{WIJK}/nieuws.xml"))),
    );
    section(
        "sitemap.xml",
        sitemap(&site.read(&format!("{WIJK}/sitemap.xml"))),
    );
    section("check", check(&site, day));
    out
}

/// One line per timeline entry: kind, title, dates, state, updates.
fn timeline(data: &Value) -> String {
    let entries = data["timeline"].as_array().expect("timeline");
    entries
        .iter()
        .map(|e| {
            let mut line = format!(
                "{} {:?} {} .. {}",
                e["kind"].as_str().unwrap_or(""),
                e["title"].as_str().unwrap_or(""),
                e["start"].as_str().unwrap_or("-"),
                e["end"].as_str().unwrap_or("-"),
            );
            for key in ["state", "planned_end"] {
                if let Some(value) = e[key].as_str() {
                    line.push_str(&format!(" {key}={value}"));
                }
            }
            for update in e["updates"].as_array().into_iter().flatten() {
                line.push_str(&format!(
                    "\n    update {}: {}",
                    update["date"].as_str().unwrap_or(""),
                    update["text"].as_str().unwrap_or("")
                ));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line per calendar entry: its summary, start and end.
fn events(ics: &str) -> String {
    let lines: Vec<String> = ics_events(ics)
        .iter()
        .map(|e| {
            let value = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|n| ics_value(e, n))
                    .unwrap_or("-")
                    .to_string()
            };
            format!(
                "{} {} .. {}",
                value(&["SUMMARY"]),
                value(&["DTSTART", "DTSTART;VALUE=DATE"]),
                value(&["DTEND", "DTEND;VALUE=DATE"]),
            )
        })
        .collect();
    if lines.is_empty() {
        "(geen)".into()
    } else {
        lines.join("\n")
    }
}

/// The feed's own `<updated>` and each entry's title and `<updated>`.
fn feed(xml: &str) -> String {
    let tag = |text: &str, name: &str| -> String {
        let open = format!("<{name}>");
        text.find(&open)
            .and_then(|start| {
                let rest = &text[start + open.len()..];
                rest.find(&format!("</{name}>"))
                    .map(|end| rest[..end].to_string())
            })
            .unwrap_or_default()
    };
    let head = xml.split("<entry>").next().unwrap_or("");
    let mut lines = vec![format!("feed updated {}", tag(head, "updated"))];
    for entry in xml.split("<entry>").skip(1) {
        lines.push(format!(
            "{} updated {}",
            tag(entry, "title"),
            tag(entry, "updated")
        ));
    }
    lines.join("\n")
}

fn sitemap(xml: &str) -> String {
    xml.lines()
        .filter_map(|l| l.split("<loc>").nth(1)?.split("</loc>").next())
        .map(|url| url.trim_start_matches("https://wijken.proefdorp.nl"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `check --today day`: its findings and its "gepland" list.
fn check(site: &TestSite, day: &str) -> String {
    let output = site
        .cmd("check")
        .args(["--today", day])
        .output()
        .expect("run check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("warning[") || l.contains("error["))
        .collect();
    let scheduled: Vec<&str> = stderr
        .lines()
        .skip_while(|l| !l.starts_with("Gepland"))
        .take_while(|l| !l.is_empty())
        .collect();
    format!("{}\n{}", findings.join("\n"), scheduled.join("\n"))
}

#[test]
fn before_publication() {
    let seen = seen_on("2026-02-15");
    let site_part = seen.split("=== check").next().unwrap_or_default();
    assert!(
        !site_part.contains("Nieuw riool"),
        "the scheduled job is on the site"
    );
    assert!(
        !site_part.contains("duurt langer"),
        "the scheduled news is on the site"
    );
    assert!(seen.contains(
        "vanaf zondag 1 maart 2026: content/noordhoek/openbare-ruimte/riool-bloemstraat.md"
    ));
    insta::assert_snapshot!(seen);
}

#[test]
fn during_the_works() {
    let seen = seen_on("2026-05-01");
    assert!(
        !seen.contains("Door de droge zomer"),
        "an update of June shown in May"
    );
    insta::assert_snapshot!(seen);
}

#[test]
fn after_the_planned_end_without_status() {
    let seen = seen_on("2026-08-20");
    assert!(
        seen.contains("bestrating-lindelaan.md:7: warning[stale]"),
        "{seen}"
    );
    assert!(seen.contains("eerst gepland tot 30 juni 2026"), "{seen}");
    insta::assert_snapshot!(seen);
}

#[test]
fn after_the_new_end_of_an_update() {
    let seen = seen_on("2026-10-15");
    assert!(
        seen.contains("riool-bloemstraat.md:18: warning[stale]"),
        "{seen}"
    );
    insta::assert_snapshot!(seen);
}

#[test]
fn after_the_cancellation() {
    let seen = seen_on("2026-05-15");
    assert!(seen.contains("state=geannuleerd"), "{seen}");
    insta::assert_snapshot!(seen);
}
