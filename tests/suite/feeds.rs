//! The machine-readable outputs: iCalendar feeds (RFC 5545 shape, times
//! across both daylight-saving changes, street feeds with all-day works,
//! one `.ics` per event), schema.org JSON-LD on event pages, and Atom.

use serde_json::Value;

use crate::read::{ics_event, ics_events, ics_lines, ics_value};
use crate::util::{TestSite, contribution};

fn built() -> TestSite {
    let site = TestSite::fixture("complete");
    site.build();
    site
}

#[test]
fn event_times_are_right_across_both_daylight_saving_changes() {
    let site = built();
    let ics = site.read("tuinwijk-oost/agenda.ics");
    for (title, start, end) in [
        // Last Sunday of March: summer time, UTC+2.
        ("Informatieavond", "20270328T173000Z", "20270328T190000Z"),
        // Last Sunday of October: winter time again, UTC+1.
        (
            "Inloopavond na de wintertijd",
            "20271031T183000Z",
            "20271031T200000Z",
        ),
        // 02:30 does not exist that night: it is 03:30 summer time.
        ("Nachtelijke meting", "20270328T013000Z", "20270328T020000Z"),
        ("Kerstmaaltijd", "20261217T163000Z", "20261217T190000Z"),
    ] {
        let event = ics_event(&ics, title);
        assert_eq!(ics_value(&event, "DTSTART"), Some(start), "{title}");
        assert_eq!(ics_value(&event, "DTEND"), Some(end), "{title}");
    }
    let json = site.json("tuinwijk-oost/wijk.json");
    let starts: Vec<&str> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["start"].as_str())
        .collect();
    for start in [
        "2027-03-28T19:30:00+02:00",
        "2027-10-31T19:30:00+01:00",
        "2027-03-28T03:30:00+02:00",
        "2026-12-17T17:30:00+01:00",
    ] {
        assert!(starts.contains(&start), "{start} not in {starts:?}");
    }
}

#[test]
fn every_calendar_file_has_the_shape_rfc_5545_asks_for() {
    let site = built();
    let calendars: Vec<(String, String)> = site
        .output_files()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".ics"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("UTF-8")))
        .collect();
    assert!(calendars.len() > 15, "{} calendars", calendars.len());
    for (path, ics) in &calendars {
        assert!(!ics.replace("\r\n", "").contains('\n'), "{path}: a bare LF");
        assert!(!ics.replace("\r\n", "").contains('\r'), "{path}: a bare CR");
        assert!(ics.ends_with("\r\n"), "{path}");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{path}: {} octets: {line}", line.len());
        }
        let lines = ics_lines(ics);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert!(lines.iter().any(|l| l == "VERSION:2.0"), "{path}");
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")), "{path}");
        let mut uids = Vec::new();
        for event in ics_events(ics) {
            let uid = ics_value(&event, "UID").expect("UID");
            assert!(uid.contains('@'), "{path}: UID {uid}");
            uids.push(uid.to_string());
            let stamp = ics_value(&event, "DTSTAMP").expect("DTSTAMP");
            assert!(is_utc_stamp(stamp), "{path}: DTSTAMP {stamp}");
            assert!(
                event.iter().any(|l| l.starts_with("DTSTART")),
                "{path}: DTSTART"
            );
            assert!(ics_value(&event, "SUMMARY").is_some(), "{path}: SUMMARY");
        }
        let count = uids.len();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), count, "{path}: UIDs repeat");
    }
}

fn is_utc_stamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 16
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && bytes[..8]
            .iter()
            .chain(&bytes[9..15])
            .all(u8::is_ascii_digit)
}

#[test]
fn calendar_text_escapes_commas_semicolons_and_newlines() {
    let site = built();
    let event = ics_event(&site.read("tuinwijk-oost/agenda.ics"), "Informatieavond");
    assert_eq!(
        ics_value(&event, "SUMMARY"),
        Some("Informatieavond: warmtenet\\, riool\\; bomen")
    );
    assert_eq!(
        ics_value(&event, "LOCATION"),
        Some("Buurthuis De Linde\\, Lindelaan 4")
    );
    let description = ics_value(&event, "DESCRIPTION").expect("DESCRIPTION");
    assert!(
        description.contains("\\n") && !description.contains('\n'),
        "{description}"
    );
    assert!(description.ends_with("https://wijken.proefdorp.nl/tuinwijk-oost/informatieavond/"));
}

#[test]
fn long_calendar_lines_fold_without_splitting_a_character() {
    let title = "Bijeenkomst over het warmtenet, de riolering én de bomen in de Hélène Swarthlaan, de Bloemstraat en de Lindelaan: één avond voor alles";
    let site = TestSite::new().contribution(
        "lang.md",
        &format!(
            "title = \"{title}\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\""
        ),
    );
    site.build();
    let raw = std::fs::read(site.public().join("tuinwijk-oost/lang.ics")).expect("ics");
    let ics = String::from_utf8(raw).expect("folding keeps UTF-8 whole");
    assert!(ics.contains("\r\n "), "a folded line");
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    let event = ics_event(&ics, "Bijeenkomst");
    assert_eq!(
        ics_value(&event, "SUMMARY"),
        Some(title.replace(',', "\\,").as_str())
    );
}

#[test]
fn a_description_without_text_is_only_the_link() {
    let site = TestSite::new().file(
        "content/tuinwijk-oost/kaal.md",
        &contribution(
            "title = \"Kaal\"\ndepartment = \"D\"\nkind = \"event\"\nstart = 2027-03-01T10:00:00\nlocation = \"L\"",
            "",
        ),
    );
    site.build();
    let event = ics_event(&site.read("tuinwijk-oost/kaal.ics"), "Kaal");
    assert_eq!(
        ics_value(&event, "DESCRIPTION"),
        Some("https://wijken.proef.nl/tuinwijk-oost/kaal/")
    );
}

#[test]
fn the_wijk_calendar_has_every_event_and_nothing_else() {
    let site = built();
    let events = ics_events(&site.read("tuinwijk-oost/agenda.ics"));
    let mut titles: Vec<&str> = events
        .iter()
        .filter_map(|e| ics_value(e, "SUMMARY"))
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Informatieavond: warmtenet\\, riool\\; bomen",
            "Inloopavond na de wintertijd",
            "Kerstmaaltijd in het buurthuis",
            "Nachtelijke meting van het verkeer",
            "Ontwerpmiddag voor het speelplein",
            "Praatavond in Café De Eendracht",
        ]
    );
}

#[test]
fn each_event_has_its_own_calendar_file_with_the_same_entry() {
    let site = built();
    let feed = site.read("tuinwijk-oost/agenda.ics");
    for slug in ["informatieavond", "cafe-de-eendracht", "kerstmaaltijd"] {
        let single = site.read(&format!("tuinwijk-oost/{slug}.ics"));
        let events = ics_events(&single);
        assert_eq!(events.len(), 1, "{slug}");
        let uid = ics_value(&events[0], "UID").expect("UID");
        let in_feed = ics_events(&feed)
            .into_iter()
            .find(|e| ics_value(e, "UID") == Some(uid))
            .expect("the same UID in agenda.ics");
        assert_eq!(in_feed, events[0], "{slug}");
        assert_eq!(
            ics_value(&events[0], "URL"),
            Some(format!("https://wijken.proefdorp.nl/tuinwijk-oost/{slug}/").as_str())
        );
    }
    // An event without an end is a moment, not a whole day.
    let praat = ics_event(&feed, "Praatavond");
    assert_eq!(ics_value(&praat, "DTSTART"), Some("20270220T190000Z"));
}

#[test]
fn a_street_feed_has_its_works_all_day_with_an_exclusive_end_and_its_events() {
    let site = built();
    let bloemstraat = site.read("tuinwijk-oost/straten/bloemstraat/agenda.ics");
    for (title, start, end) in [
        ("Warmtenet fase 1", "20270401", "20271001"),
        ("Nieuw riool in de Bloemstraat", "20270503", "20271201"),
        ("Nieuwe bomen in de Bloemstraat", "20271101", "20271201"),
    ] {
        let event = ics_event(&bloemstraat, title);
        assert_eq!(
            ics_value(&event, "DTSTART;VALUE=DATE"),
            Some(start),
            "{title}"
        );
        assert_eq!(ics_value(&event, "DTEND;VALUE=DATE"), Some(end), "{title}");
    }
    assert_eq!(ics_events(&bloemstraat).len(), 3);

    let lindelaan = site.read("tuinwijk-oost/straten/lindelaan/agenda.ics");
    // Works without an end take one day.
    let stoep = ics_event(&lindelaan, "Nieuwe stoep");
    assert_eq!(ics_value(&stoep, "DTSTART;VALUE=DATE"), Some("20270614"));
    assert_eq!(ics_value(&stoep, "DTEND;VALUE=DATE"), Some("20270615"));
    let avond = ics_event(&lindelaan, "Inloopavond na de wintertijd");
    assert_eq!(ics_value(&avond, "DTSTART"), Some("20271031T183000Z"));
    ics_event(&lindelaan, "Aanleg van het speelplein");
    assert_eq!(ics_events(&lindelaan).len(), 3);

    let gravenweg = site.read("tuinwijk-oost/straten/s-gravenweg/agenda.ics");
    ics_event(&gravenweg, "Nieuw asfalt");
    ics_event(&gravenweg, "Nachtelijke meting");
    let hoekweg = site.read("stille-hoek/straten/hoekweg/agenda.ics");
    assert!(ics_events(&hoekweg).is_empty());
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let text = rest.split("</script>").next().unwrap_or("");
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

#[test]
fn event_pages_carry_schema_org_event_json_ld() {
    let site = built();
    let html = site.read("tuinwijk-oost/informatieavond/index.html");
    let data = json_ld(&html);
    assert_eq!(data.len(), 1);
    let event = &data[0];
    assert_eq!(event["@context"], "https://schema.org");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], "Informatieavond: warmtenet, riool; bomen");
    assert_eq!(event["startDate"], "2027-03-28T19:30:00+02:00");
    assert_eq!(event["endDate"], "2027-03-28T21:00:00+02:00");
    assert_eq!(event["location"]["name"], "Buurthuis De Linde, Lindelaan 4");
    assert_eq!(
        event["url"],
        "https://wijken.proefdorp.nl/tuinwijk-oost/informatieavond/"
    );
    assert_eq!(event["offers"]["url"], "https://www.proefdorp.nl/aanmelden");
    for page in ["geveltuinen", "asfalt-s-gravenweg", "isolatiesubsidie"] {
        let html = site.read(&format!("tuinwijk-oost/{page}/index.html"));
        assert!(json_ld(&html).is_empty(), "{page} is not an event");
    }
}

#[test]
fn json_ld_cannot_be_broken_out_of_by_a_title() {
    let title = "Avond </script><script>alert(1)</script> <!--<script> & meer";
    let site = TestSite::new().contribution(
        "avond.md",
        &format!(
            "title = '{title}'\ndepartment = \"D\"\nkind = \"event\"\nstart = 2027-03-01T19:00:00\nlocation = \"<b>L</b>\""
        ),
    );
    site.build();
    let html = site.read("tuinwijk-oost/avond/index.html");
    let block = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("a JSON-LD block");
    assert!(!block.contains('<'), "raw `<` inside the script: {block}");
    assert_eq!(
        json_ld(&html)[0]["name"],
        title,
        "the title survives as data"
    );
    assert_eq!(html.matches("<script").count(), 1, "{html}");
}

#[test]
fn the_atom_feed_has_the_news_and_decisions_newest_first() {
    let site = built();
    let feed = site.read("tuinwijk-oost/nieuws.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].contains("<title>Veertig nieuwe geveltuinen</title>"));
    assert!(entries[1].contains("<title>Gemeenteraad kiest voor een warmtenet</title>"));
    for entry in &entries {
        for element in [
            "<id>https://",
            "<updated>20",
            "<link rel=\"alternate\"",
            "<author><name>",
        ] {
            assert!(entry.contains(element), "{element} missing in {entry}");
        }
    }
    assert!(entries[0].contains("<updated>2026-12-01T00:00:00+01:00</updated>"));
    assert!(
        entries[0].contains("&lt;table&gt;"),
        "the body as escaped HTML: {}",
        entries[0]
    );
    assert!(feed.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://wijken.proefdorp.nl/tuinwijk-oost/nieuws.xml\"/>"
    ));
}
