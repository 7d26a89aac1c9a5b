//! Values that reach line-based formats (iCalendar, robots.txt) cannot add
//! lines of their own, control characters in front matter are errors naming
//! the field, and `check` never prints content's control characters raw.

use crate::util::{SITE_TOML, TestSite};

const EVENT: &str = "title = \"Avond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-02T19:30:00\nlocation = \"Buurthuis\"";

#[test]
fn crlf_in_base_url_in_site_toml_is_an_error() {
    let site = TestSite::new()
        .file(
            "site.toml",
            "title = \"G\"\nbase_url = \"https://wijken.proef.nl/\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:nep\"\n",
        )
        .contribution("avond.md", EVENT);
    let failure = site.build_fails();
    failure.expect("site.toml", Some(2), "invalid-field", "https://");
    assert!(!site.public().exists());
}

#[test]
fn crlf_in_base_url_flag_is_an_error() {
    let site = TestSite::new().contribution("avond.md", EVENT);
    let output = site
        .cmd("build")
        .args(["--base-url", "https://wijken.proef.nl/\r\nDisallow: /"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[invalid-base-url]"), "{stderr}");
    assert!(!site.public().exists());
}

#[test]
fn control_characters_in_front_matter_are_errors_naming_the_field() {
    let site = TestSite::new().contribution(
        "avond.md",
        &EVENT
            .replace("\"Avond\"", "\"Avond\\u001b[2J\\u0001\"")
            .replace("\"Buurthuis\"", "\"Buurt\\u0007huis\""),
    );
    let failure = site.build_fails();
    failure.expect(
        "content/tuinwijk-oost/avond.md",
        Some(2),
        "control-character",
        "typ de tekst opnieuw",
    );
    assert!(failure.stderr.contains("\"title\""), "{}", failure.stderr);
    assert!(
        failure.stderr.contains("\"location\""),
        "{}",
        failure.stderr
    );
    assert!(!failure.stderr.contains('\u{1b}'));
}

#[test]
fn control_characters_in_site_toml_are_errors() {
    let site = TestSite::new().file(
        "site.toml",
        &SITE_TOML.replace("Gemeente Proef", "Gemeente\\u0001Proef"),
    );
    site.build_fails().expect(
        "site.toml",
        Some(1),
        "control-character",
        "typ de tekst opnieuw",
    );
}

#[test]
fn check_prints_escape_sequences_from_content_written_out() {
    // A street name and a file name with ESC: both reach check's messages.
    let site = TestSite::new().file(
        "content/tuinwijk-oost/werk\u{1b}]0;titel\u{7}.md",
        &crate::util::contribution(
            "title = \"Werk\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"Bloem\\u001b[2Jstraat\"]\nstart = 2027-03-02",
            "Tekst.",
        ),
    );
    let output = site.cmd("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let all = [output.stdout, output.stderr].concat();
    let text = String::from_utf8_lossy(&all);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}"), "{text}");
}

#[test]
fn a_huge_word_is_quoted_cut_in_a_long_sentence_warning() {
    // First, so the warning's quoted opening (its first words) holds it.
    let word = "a".repeat(3_000_000);
    let sentence = format!("{word} {}.", "woord ".repeat(30));
    let site = TestSite::new().file(
        "content/tuinwijk-oost/lang.md",
        &crate::util::contribution(
            "title = \"Lang\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-10",
            &sentence,
        ),
    );
    let output = site.cmd("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("warning[long-sentence]"))
        .unwrap_or_else(|| panic!("no long-sentence warning in {} bytes", stdout.len()));
    assert!(line.len() < 400, "a line of {} bytes", line.len());
    assert!(stdout.len() < 10_000, "{} bytes printed", stdout.len());
}

#[test]
fn an_event_file_name_too_long_for_its_ics_is_an_error_in_check_and_build() {
    let name = format!("{}.md", "a".repeat(248));
    let site = TestSite::new().contribution(&name, EVENT);
    let output = site.cmd("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("error[name-too-long]"), "{stdout}");
    let failure = site.build_fails();
    failure.expect(
        &format!("content/tuinwijk-oost/{name}"),
        None,
        "name-too-long",
        "hoogstens 200 tekens",
    );
}
