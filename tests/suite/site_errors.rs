//! The spec's errors about the site as a whole, through the real binary:
//! `site.toml`, the wijk's `_index.md`, wijk folders, themes, and every
//! error of a run listed together.

use crate::util::{SITE_TOML, TestSite, WIJK_INDEX, contribution};

const WIJK: &str = "content/tuinwijk-oost";

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
        "helemaal tussen dubbele aanhalingstekens: summary = \"...\"",
    );
}

#[test]
fn invalid_toml_in_site_toml_names_the_line() {
    let failure = TestSite::new()
        .file("site.toml", "title = \"G\"\nbase_url = https://x.nl\n")
        .build_fails();
    failure.expect(
        "site.toml",
        Some(2),
        "invalid-toml",
        "aanhalingstekens: base_url = \"...\"",
    );
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
fn a_wijk_folder_that_takes_a_path_of_the_site_is_an_error() {
    let failure = TestSite::new()
        .file("content/assets/_index.md", WIJK_INDEX)
        .build_fails();
    failure.expect(
        "content/assets",
        None,
        "reserved-slug",
        "geef de map de naam van de wijk",
    );
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
        "title = \"...\" en base_url = \"...\"",
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
        "bedoelt u \"title\"?",
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
        "maak een _index.md",
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
        "op dezelfde regel: title = \"...\"",
    );
    failure.expect(
        &format!("{wijk}/energie/koffie.md"),
        Some(6),
        "end-before-start",
        "end",
    );
    assert_eq!(failure.error_count(), 5, "{}", failure.stderr);
    assert!(
        failure.stderr.contains("De build is gestopt: 5 fouten."),
        "{}",
        failure.stderr
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn errors_in_site_toml_and_in_content_are_listed_together() {
    let failure = TestSite::new()
        .file("site.toml", "title = \"G\"\n")
        .file("content/los.md", "+++\n+++\n")
        .contribution(
            "a.md",
            "title = \"N\"\ndepartment = \"D\"\nkind = \"nieuws\"",
        )
        .build_fails();
    failure.expect("site.toml", Some(1), "missing-field", "base_url");
    failure.expect(&format!("{WIJK}/a.md"), Some(4), "unknown-kind", "news");
    assert!(!failure.stderr.contains("warning"), "{}", failure.stderr);
}

#[test]
fn check_also_lists_site_toml_and_content_errors_together() {
    let site = TestSite::new()
        .file("site.toml", "title = \"G\"\n")
        .contribution(
            "a.md",
            "title = \"N\"\ndepartment = \"D\"\nkind = \"nieuws\"",
        );
    let output = site.cmd("check").output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("site.toml:1: error[missing-field]"),
        "{stdout}"
    );
    assert!(stdout.contains("a.md:4: error[unknown-kind]"), "{stdout}");
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

#[test]
fn two_wijk_folders_with_one_address_are_an_error() {
    let failure = TestSite::new()
        .file("content/Tuinwijk Oost/_index.md", WIJK_INDEX)
        .build_fails();
    failure.expect(
        "content/tuinwijk-oost",
        None,
        "duplicate-slug",
        "geef een van de twee mappen een andere naam",
    );
}

#[test]
fn a_site_without_a_content_folder_is_an_error() {
    let failure = TestSite::empty().file("site.toml", SITE_TOML).build_fails();
    failure.expect("content", None, "missing-content", "één map per wijk");
}

#[test]
fn a_site_with_an_empty_content_folder_builds_an_empty_overview() {
    let site = TestSite::empty().file("site.toml", SITE_TOML);
    std::fs::create_dir(site.root().join("content")).expect("content folder");
    site.build();
    for path in ["index.html", "404.html", "sitemap.xml", "robots.txt"] {
        assert!(site.public().join(path).is_file(), "{path}");
    }
}
