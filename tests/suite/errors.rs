//! One test per error of the spec, through the real binary: exit status 1,
//! a message that names the file and the line and says what to write
//! instead, and every error of a run listed.

use crate::util::{SITE_TOML, TestSite, WIJK_INDEX, contribution};

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
    failure.expect(&a(), Some(2), "invalid-toml", "double quotes");
}

#[test]
fn invalid_toml_in_the_wijk_index_names_the_line() {
    let broken = WIJK_INDEX.replace("summary = \"Samen", "summary = Samen");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/_index.md"), &broken)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/_index.md"),
        Some(3),
        "invalid-toml",
        "quotes",
    );
}

#[test]
fn invalid_toml_in_site_toml_names_the_line() {
    let failure = TestSite::new()
        .file("site.toml", "title = \"G\"\nbase_url = https://x.nl\n")
        .build_fails();
    failure.expect("site.toml", Some(2), "invalid-toml", "quotes");
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
                .contains(&format!("the required field `{field}` is missing")),
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
    assert!(failure.stderr.contains("`streets`"), "{}", failure.stderr);
}

#[test]
fn works_with_an_empty_street_list_is_an_error() {
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = []\nstart = 2027-03-01",
    )
    .build_fails();
    failure.expect(&a(), Some(5), "missing-field", "streets = [\"");
}

#[test]
fn works_without_start_is_an_error() {
    let failure =
        with("title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]")
            .build_fails();
    failure.expect(&a(), Some(1), "missing-field", "start = 20");
    assert!(failure.stderr.contains("`start` is missing"));
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
    failure.expect(
        &a(),
        Some(4),
        "unknown-kind",
        "did you mean `kind = \"news\"`?",
    );
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
        failure.expect(&a(), Some(5), "bad-date", "year-month-day");
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
    failure.expect(&a(), Some(7), "end-before-start", "on or after `start`");
    let failure = with(
        "title = \"E\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = 2027-03-28T19:30:00\nend = 2027-03-28T19:00:00",
    )
    .build_fails();
    failure.expect(&a(), Some(7), "end-before-start", "on or after `start`");
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
        "did you mean `Bloemstraat`?",
    );
    let failure = with(
        "title = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Kerkplein\"]\nstart = 2027-03-01",
    )
    .build_fails();
    failure.expect(&a(), Some(5), "unknown-street", "add this street there");
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
            "remove this field",
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
    assert!(failure.stderr.contains("rename one of the two files"));
}

#[test]
fn the_same_slug_in_two_wijken_is_fine() {
    let news = contribution(
        "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01",
        "",
    );
    let site = TestSite::new()
        .file("content/tuinwijk-oost/nieuws-1.md", &news)
        .file(
            "content/lindenhof/_index.md",
            &WIJK_INDEX.replace("Tuinwijk-Oost", "Lindenhof"),
        )
        .file("content/lindenhof/nieuws-1.md", &news);
    site.build();
    assert!(
        site.public()
            .join("lindenhof/nieuws-1/index.html")
            .is_file()
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
            "rename the file",
        );
    }
}

#[test]
fn a_wijk_folder_that_takes_a_path_of_the_site_is_an_error() {
    let failure = TestSite::new()
        .file("content/assets/_index.md", WIJK_INDEX)
        .build_fails();
    failure.expect("content/assets", None, "reserved-slug", "rename the folder");
}

#[test]
fn a_missing_site_toml_is_an_error() {
    let failure = TestSite::empty()
        .file("content/tuinwijk-oost/_index.md", WIJK_INDEX)
        .build_fails();
    failure.expect(
        "site.toml",
        None,
        "missing-site-toml",
        "`title` and `base_url`",
    );
}

#[test]
fn site_toml_needs_title_and_base_url() {
    let failure = TestSite::new()
        .file("site.toml", "language = \"nl\"\n")
        .build_fails();
    failure.expect("site.toml", Some(1), "missing-field", "title = \"");
    failure.expect(
        "site.toml",
        Some(1),
        "missing-field",
        "base_url = \"https://",
    );
    let failure = TestSite::new()
        .file(
            "site.toml",
            "title = \"G\"\nbase_url = \"wijken.proef.nl\"\n",
        )
        .build_fails();
    failure.expect("site.toml", Some(2), "invalid-field", "https://");
}

#[test]
fn site_toml_settings_are_checked() {
    let failure = TestSite::new()
        .file(
            "site.toml",
            &format!(
                "{SITE_TOML}language = \"fr\"\ntimezone = \"Europe/Amsterdm\"\ntitel = \"x\"\n"
            ),
        )
        .build_fails();
    failure.expect("site.toml", Some(3), "invalid-field", "language = \"nl\"");
    failure.expect("site.toml", Some(4), "invalid-field", "Europe/Amsterdam");
    failure.expect(
        "site.toml",
        Some(5),
        "unknown-field",
        "did you mean `title`?",
    );
}

#[test]
fn a_wijk_folder_without_index_is_an_error() {
    let failure = TestSite::new()
        .file(
            "content/lindenhof/nieuws.md",
            &contribution(
                "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01",
                "",
            ),
        )
        .build_fails();
    failure.expect(
        "content/lindenhof/_index.md",
        None,
        "missing-wijk-index",
        "add an _index.md",
    );
}

#[test]
fn a_wijk_contact_needs_an_email_or_phone() {
    let index = WIJK_INDEX
        .replace("email = \"tuinwijk-oost@proef.nl\"\n", "")
        .replace("phone = \"14 020\"\n", "");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/_index.md"), &index)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/_index.md"),
        Some(6),
        "missing-field",
        "email = ",
    );
}

#[test]
fn a_wijk_needs_name_summary_streets_and_contact() {
    let failure = TestSite::new()
        .file(&format!("{WIJK}/_index.md"), "+++\n+++\nTekst.\n")
        .build_fails();
    let file = format!("{WIJK}/_index.md");
    for example in ["name = \"", "summary = \"", "streets = [\"", "[contact]"] {
        failure.expect(&file, Some(1), "missing-field", example);
    }
}

#[test]
fn unknown_fields_are_errors_with_a_did_you_mean() {
    let failure = with(
        "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-01\nsumary = \"x\"",
    )
    .build_fails();
    failure.expect(&a(), Some(6), "unknown-field", "did you mean `summary`?");
    let index = WIJK_INDEX.replace("email = ", "emial = ");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/_index.md"), &index)
        .build_fails();
    failure.expect(
        &format!("{WIJK}/_index.md"),
        Some(9),
        "unknown-field",
        "did you mean `email`?",
    );
}

#[test]
fn a_file_without_front_matter_says_how_to_start_it() {
    let failure = TestSite::new()
        .file(&format!("{WIJK}/a.md"), "---\ntitle: YAML\n---\nTekst\n")
        .build_fails();
    failure.expect(&a(), Some(1), "missing-front-matter", "`+++`");
    let failure = TestSite::new()
        .file(&format!("{WIJK}/a.md"), "+++\ntitle = \"Open\"\nTekst\n")
        .build_fails();
    failure.expect(&a(), Some(1), "missing-front-matter", "add a line `+++`");
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
    failure.expect(&a(), Some(7), "too-deep", "flatter");
}

#[test]
fn every_error_of_a_run_is_listed_not_only_the_first() {
    let site = TestSite::fixture("five-errors");
    let failure = site.build_fails();
    let wijk = "content/lindenhof";
    failure.expect(
        &format!("{wijk}/groen/bomen.md"),
        Some(5),
        "unknown-street",
        "Bloemstraat",
    );
    failure.expect(
        &format!("{wijk}/groen/snoeien.md"),
        Some(4),
        "unknown-kind",
        "works",
    );
    failure.expect(
        &format!("{wijk}/energie/avond.md"),
        Some(1),
        "missing-field",
        "location",
    );
    failure.expect(
        &format!("{wijk}/energie/besluit.md"),
        Some(2),
        "invalid-toml",
        "quotes",
    );
    failure.expect(
        &format!("{wijk}/energie/koffie.md"),
        Some(6),
        "end-before-start",
        "end",
    );
    assert_eq!(failure.error_count(), 5, "{}", failure.stderr);
    assert!(failure.stderr.contains("5 error(s)"), "{}", failure.stderr);
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn errors_in_site_toml_and_in_content_are_listed_together() {
    let failure = TestSite::new()
        .file("site.toml", "title = \"G\"\n")
        .contribution(
            "a.md",
            "title = \"N\"\ndepartment = \"D\"\nkind = \"nieuws\"",
        )
        .build_fails();
    failure.expect("site.toml", Some(1), "missing-field", "base_url");
    failure.expect(&a(), Some(4), "unknown-kind", "news");
}

#[test]
fn a_bad_base_url_on_the_command_line_is_an_error() {
    let site = TestSite::new();
    let output = site
        .cmd("build")
        .args(["--base-url", "wijken.proef.nl"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--base-url") && stderr.contains("https://"),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_theme_without_templates_is_an_error() {
    let failure = TestSite::new()
        .file("site.toml", &format!("{SITE_TOML}theme = \"huisstijl\"\n"))
        .build_fails();
    failure.expect("site.toml", None, "unknown-theme", "theme = \"default\"");
}

#[test]
fn a_template_with_a_syntax_error_names_its_file_and_line() {
    let failure = TestSite::new()
        .file(
            "themes/default/templates/contact.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{{ wijk.name \n{% endblock %}",
        )
        .build_fails();
    failure.expect(
        "themes/default/templates/contact.html",
        Some(4),
        "template",
        "minijinja",
    );
}
