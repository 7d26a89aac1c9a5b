//! One test per error of the spec, through the real binary: exit status 1,
//! a message that names the file and the line and says what to write
//! instead, and every error of a run listed.

use crate::util::{TestSite, WIJK_INDEX, contribution};

const WIJK: &str = "content/tuinwijk-oost";

/// A site whose one contribution `a.md` has these front-matter lines.
fn with(front_matter: &str) -> TestSite {
    TestSite::new().contribution("a.md", front_matter)
}

fn a() -> String {
    format!("{WIJK}/a.md")
}

#[test]
fn invalid_toml_names_the_line_and_the_fix() {
    let failure = with("title = \"Avond\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01")
        .build_fails();
    failure.expect(&a(), Some(2), "invalid-toml", "dubbel aanhalingsteken");
    assert!(
        failure
            .stderr
            .contains("error[invalid-toml]: deze regel klopt niet (technisch: "),
        "{}",
        failure.stderr
    );
}

#[test]
fn a_missing_title_department_or_kind_is_an_error_with_an_example() {
    let failure = with("summary = \"Alleen een samenvatting.\"").build_fails();
    for (field, example) in [
        ("title", "title = \""),
        ("department", "department = \""),
        ("kind", "kind = \""),
    ] {
        assert!(
            failure
                .stderr
                .contains(&format!("het verplichte veld \"{field}\" ontbreekt")),
            "{}",
            failure.stderr
        );
        failure.expect(&a(), Some(1), "missing-field", example);
    }
}

#[test]
fn works_without_streets_is_an_error() {
    let failure = with("title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstart = 2027-03-01")
        .build_fails();
    failure.expect(&a(), Some(1), "missing-field", "streets = [\"");
    assert!(
        failure
            .stderr
            .contains("het verplichte veld \"streets\" ontbreekt"),
        "{}",
        failure.stderr
    );
}

#[test]
fn works_with_an_empty_street_list_is_an_error() {
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = []\nstart = 2027-03-01",
    )
    .build_fails();
    failure.expect(&a(), Some(5), "missing-field", "streets = [\"");
    assert!(
        failure.stderr.contains("minstens één straat"),
        "{}",
        failure.stderr
    );
}

#[test]
fn works_without_start_is_an_error() {
    let failure =
        with("title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]")
            .build_fails();
    failure.expect(&a(), Some(1), "missing-field", "start = 20");
    assert!(
        failure.stderr.contains("\"start\" ontbreekt"),
        "{}",
        failure.stderr
    );
}

#[test]
fn an_event_without_location_is_an_error() {
    let failure =
        with("title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00")
            .build_fails();
    failure.expect(&a(), Some(1), "missing-field", "location = \"");
}

#[test]
fn an_event_without_start_is_an_error() {
    let failure =
        with("title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"Buurthuis\"")
            .build_fails();
    failure.expect(
        &a(),
        Some(1),
        "missing-field",
        "start = 2027-03-28T19:30:00",
    );
}

#[test]
fn news_and_decisions_without_date_are_errors() {
    for kind in ["news", "decision"] {
        let failure = with(&format!(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"{kind}\""
        ))
        .build_fails();
        failure.expect(&a(), Some(1), "missing-field", "date = 20");
    }
}

#[test]
fn an_unknown_kind_suggests_the_closest_one() {
    let failure = with("title = \"N\"\ndepartment = \"D\"\nkind = \"nieuws\"\ndate = 2027-01-01")
        .build_fails();
    failure.expect(&a(), Some(4), "unknown-kind", "bedoelt u kind = \"news\"?");
    let failure = with("title = \"N\"\ndepartment = \"D\"\nkind = \"brief\"\ndate = 2027-01-01")
        .build_fails();
    failure.expect(
        &a(),
        Some(4),
        "unknown-kind",
        "works, event, news, decision",
    );
}

#[test]
fn a_date_that_does_not_exist_is_a_bad_date() {
    let failure = with("title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = \"2027-02-30\"")
        .build_fails();
    failure.expect(&a(), Some(5), "bad-date", "2027-03-02");
    for date in [
        "2027-02-30",
        "2027-13-01",
        "2027-1-1",
        "2027-01-01T25:00:00",
    ] {
        let failure = with(&format!(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = {date}"
        ))
        .build_fails();
        failure.expect(&a(), Some(5), "bad-date", "jaar-maand-dag");
    }
}

#[test]
fn a_date_in_words_is_a_bad_date() {
    let failure =
        with("title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = \"2 maart 2027\"")
            .build_fails();
    failure.expect(&a(), Some(5), "bad-date", "date = 2027-03-02");
}

#[test]
fn an_event_needs_a_time_and_works_only_a_date() {
    let failure = with(
        "title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 2027-03-28",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "bad-date", "start = 2027-03-28T19:30:00");
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Lindelaan\"]\nstart = 2027-03-01T08:00:00",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "bad-date", "start = 2027-03-01");
}

#[test]
fn an_event_time_outside_the_calendar_is_a_bad_date() {
    let failure = with(
        "title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 9999-12-31T23:30:00",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "bad-date", "start = 2027-03-28T19:30:00");
}

#[test]
fn end_before_start_is_an_error_for_works_and_events() {
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Lindelaan\"]\nstart = 2027-03-02\nend = 2027-03-01",
    )
    .build_fails();
    failure.expect(&a(), Some(7), "end-before-start", "op of na \"start\"");
    let failure = with(
        "title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 2027-03-28T19:30:00\nend = 2027-03-28T19:00:00",
    )
    .build_fails();
    failure.expect(&a(), Some(7), "end-before-start", "op of na \"start\"");
}

#[test]
fn a_street_outside_the_wijk_suggests_the_closest_street() {
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstrat\"]\nstart = 2027-03-01",
    )
    .build_fails();
    failure.expect(
        &a(),
        Some(5),
        "unknown-street",
        "bedoelt u \"Bloemstraat\"?",
    );
    assert!(
        failure
            .stderr
            .contains("de straat \"Bloemstrat\" hoort niet bij de wijk Tuinwijk-Oost"),
        "{}",
        failure.stderr
    );
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Kerkplein\"]\nstart = 2027-03-01",
    )
    .build_fails();
    // A real street missing from the list: the exact line for `_index.md`,
    // not a far-fetched did-you-mean.
    failure.expect(
        &a(),
        Some(5),
        "unknown-street",
        "zet hem dan in de lijst in content/tuinwijk-oost/_index.md: streets = [\"Bloemstraat\", \"Lindelaan\", \"'s-Gravenweg\", \"Kerkplein\"]",
    );
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Kerkstraat\"]\nstart = 2027-03-01",
    )
    .build_fails();
    assert!(!failure.stderr.contains("bedoelt u"), "{}", failure.stderr);
}

#[test]
fn a_contribution_cannot_bring_its_own_contact() {
    for field in [
        "contact = \"Jan\"",
        "email = \"jan@x.nl\"",
        "phone = \"06 1234\"",
    ] {
        let failure = with(&format!(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01\n{field}"
        ))
        .build_fails();
        failure.expect(
            &a(),
            Some(6),
            "contact-in-contribution",
            "haal dit veld weg",
        );
    }
    let failure = with(
        "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01\n[contact]\nname = \"Jan\"",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "contact-in-contribution", "[contact]");
}

#[test]
fn two_contributions_with_one_slug_in_a_wijk_are_an_error() {
    let news = "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01";
    let failure = TestSite::new()
        .contribution("groen/snoeien.md", news)
        .contribution("energie/Snoeien!.md", news)
        .build_fails();
    let shown = failure
        .about(&format!("{WIJK}/groen/snoeien.md"))
        .join("\n");
    assert!(
        shown.contains("error[duplicate-slug]")
            && shown.contains(&format!("{WIJK}/energie/Snoeien!.md")),
        "{}",
        failure.stderr
    );
    assert!(
        failure
            .stderr
            .contains("geef een van de twee bestanden een andere naam")
    );
}

#[test]
fn a_slug_that_takes_a_path_of_the_site_is_an_error() {
    let news = "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01";
    for name in [
        "agenda", "tijdlijn", "straten", "contact", "project", "Tijdlijn",
    ] {
        let failure = TestSite::new()
            .contribution(&format!("x/{name}.md"), news)
            .build_fails();
        failure.expect(
            &format!("{WIJK}/x/{name}.md"),
            None,
            "reserved-slug",
            "geef het bestand een andere naam",
        );
    }
}

#[test]
fn unknown_fields_are_errors_with_a_did_you_mean() {
    let failure = with(
        "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01\nsumary = \"x\"",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "unknown-field", "bedoelt u \"summary\"?");
    let index = WIJK_INDEX.replace("email = ", "emial = ");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/_index.md"), &index)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/_index.md"),
        Some(9),
        "unknown-field",
        "bedoelt u \"email\"?",
    );
}

#[test]
fn a_file_without_front_matter_says_how_to_start_it() {
    let failure = TestSite::new()
        .file(&format!("{WIJK}/a.md"), "---\ntitle: YAML\n---\nTekst\n")
        .build_fails();
    failure.expect(&a(), Some(1), "missing-front-matter", "geschreven als YAML");
    assert!(
        failure
            .stderr
            .contains("\n  = +++\n  = title = \"YAML\"\n  = +++\n"),
        "{}",
        failure.stderr
    );
    let failure = TestSite::new()
        .file(&format!("{WIJK}/a.md"), "title = \"Geen kop\"\nTekst\n")
        .build_fails();
    failure.expect(&a(), Some(1), "missing-front-matter", "een regel +++");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/a.md"), "+++\ntitle = \"Open\"\nTekst\n")
        .build_fails();
    failure.expect(
        &a(),
        Some(1),
        "missing-front-matter",
        "zet een regel +++ na het laatste veld",
    );
}

#[test]
fn a_body_nested_too_deeply_is_an_error() {
    let body = "<div>".repeat(150) + "Tekst";
    let failure = TestSite::new()
        .file(
            &a(),
            &contribution(
                "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01",
                &body,
            ),
        )
        .build_fails();
    failure.expect(&a(), Some(7), "too-deep", "minder lagen");
}

#[test]
fn lines_are_right_in_a_file_with_crlf_and_a_byte_order_mark() {
    let site = TestSite::new();
    let text = "\u{feff}+++\r\ntitle = \"N\"\r\ndepartment = \"D\"\r\nkind = \"nieuws\"\r\ndate = 2027-01-01\r\n+++\r\n";
    site.write(&a(), text.as_bytes());
    site.build_fails()
        .expect(&a(), Some(4), "unknown-kind", "news");
}

#[test]
fn a_file_with_errors_still_gets_its_street_and_slug_errors_in_the_same_run() {
    let news = "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01";
    let failure = TestSite::new()
        .contribution(
            "avond.md",
            "title = \"Avond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-10T19:30:00\nstreets = [\"Blomstraat\"]",
        )
        .contribution("energie/snoeien.md", "title = \"Snoeien\"\nkind = \"news\"")
        .contribution("groen/snoeien.md", news)
        .build_fails();
    let avond = format!("{WIJK}/avond.md");
    failure.expect(&avond, Some(1), "missing-field", "location = ");
    failure.expect(
        &avond,
        Some(6),
        "unknown-street",
        "bedoelt u \"Bloemstraat\"?",
    );
    failure.expect(
        &format!("{WIJK}/energie/snoeien.md"),
        Some(1),
        "missing-field",
        "department = ",
    );
    let duplicate = failure
        .stderr
        .lines()
        .any(|l| l.contains("error[duplicate-slug]") && l.contains("snoeien.md"));
    assert!(duplicate, "{}", failure.stderr);
    assert_eq!(failure.error_count(), 5, "{}", failure.stderr);
}
