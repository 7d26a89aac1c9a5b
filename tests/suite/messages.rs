//! "Messages editors can act on" (time-and-status.md): front matter pasted
//! from Word or written the Dutch way gets its own message with the exact
//! line to write instead, and writing that line makes the build pass (no
//! second error). Also the errors of the new fields, each with its line.

use crate::util::{TestSite, contribution};

const A: &str = "content/tuinwijk-oost/a.md";

/// A news item whose line `bad` (a front-matter line) is the mistake.
fn news_with(bad: &str) -> String {
    format!("title = \"Nieuws\"\ndepartment = \"Groen\"\nkind = \"news\"\n{bad}")
}

/// The build fails with `code` on `line` and a note that holds `write`;
/// with `bad` replaced by `write` the build passes.
fn written_instead(front_matter: &str, bad: &str, line: usize, code: &str, write: &str) {
    let failure = TestSite::new()
        .file(A, &contribution(front_matter, "Tekst."))
        .build_fails();
    failure.expect(A, Some(line), code, write);
    let fixed = front_matter.replacen(bad, write, 1);
    TestSite::new()
        .file(A, &contribution(&fixed, "Tekst."))
        .build();
}

#[test]
fn curly_quotes_get_the_line_with_straight_ones() {
    let bad = "summary = “Nieuwe bomen”";
    written_instead(
        &news_with(&format!("date = 2027-01-10\n{bad}")),
        bad,
        6,
        "invalid-toml",
        "summary = \"Nieuwe bomen\"",
    );
}

#[test]
fn a_double_quote_inside_a_value_gets_single_quotes() {
    let bad = "summary = \"Werk aan de \"Tulpstraat\"\"";
    written_instead(
        &news_with(&format!("date = 2027-01-10\n{bad}")),
        bad,
        6,
        "invalid-toml",
        "summary = 'Werk aan de \"Tulpstraat\"'",
    );
}

#[test]
fn a_non_breaking_space_is_named_with_the_line_to_type() {
    let bad = "date\u{a0}= 2027-01-10";
    let failure = TestSite::new()
        .file(A, &contribution(&news_with(bad), "Tekst."))
        .build_fails();
    assert!(
        failure.stderr.contains("vaste spatie (U+00A0)"),
        "{}",
        failure.stderr
    );
    assert!(
        failure
            .stderr
            .contains("error[invalid-toml]: op deze regel staat een vaste spatie"),
        "a Dutch message first, the parser's words only as technical detail"
    );
    written_instead(&news_with(bad), bad, 5, "invalid-toml", "date = 2027-01-10");
}

#[test]
fn dutch_dates_get_year_month_day_and_no_second_error() {
    for bad in [
        "date = 15-03-2027",
        "date = 15 maart 2027",
        "date = \"15-03-2027\"",
        "date = \"15 maart 2027\"",
    ] {
        written_instead(&news_with(bad), bad, 5, "bad-date", "date = 2027-03-15");
    }
}

#[test]
fn dutch_times_get_a_colon_and_the_date() {
    let event = |start: &str| {
        format!(
            "title = \"Avond\"\ndepartment = \"Groen\"\nkind = \"event\"\nlocation = \"Buurthuis\"\n{start}"
        )
    };
    for bad in [
        "start = 2027-03-15T19.30",
        "start = \"15-03-2027 19.30\"",
        "start = \"15 maart 2027, 19.30 uur\"",
    ] {
        written_instead(
            &event(bad),
            bad,
            6,
            "bad-date",
            "start = 2027-03-15T19:30:00",
        );
    }
    let failure = TestSite::new()
        .file(A, &contribution(&event("start = 19.30"), "Tekst."))
        .build_fails();
    failure.expect(
        A,
        Some(6),
        "bad-date",
        "start = 2027-03-15T19:30:00 (met de echte datum)",
    );
}

#[test]
fn yaml_front_matter_is_recognised_with_the_toml_to_write() {
    let failure = TestSite::new()
        .file(
            A,
            "---\ntitle: Nieuws\ndepartment: Groen\nkind: news\ndate: 2027-01-10\n---\nTekst.\n",
        )
        .build_fails();
    failure.expect(A, Some(1), "missing-front-matter", "geschreven als TOML");
    let toml: Vec<&str> = failure
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  = "))
        .skip(1)
        .collect();
    assert_eq!(
        toml,
        [
            "+++",
            "title = \"Nieuws\"",
            "department = \"Groen\"",
            "kind = \"news\"",
            "date = 2027-01-10",
            "+++"
        ]
    );
    TestSite::new()
        .file(A, &format!("{}\nTekst.\n", toml.join("\n")))
        .build();
}

#[test]
fn the_unknown_field_hint_never_names_a_forbidden_field() {
    let failure = TestSite::new()
        .file(
            A,
            &contribution(&news_with("date = 2027-01-10\nmail = \"x@y.nl\""), "Tekst."),
        )
        .build_fails();
    failure.expect(
        A,
        Some(6),
        "unknown-field",
        "deze velden mogen hier staan: title, department",
    );
    for forbidden in ["email", "phone", "contact"] {
        assert!(
            !failure.stderr.contains(&format!(" {forbidden},")),
            "{}",
            failure.stderr
        );
    }
}

#[test]
fn the_new_fields_get_their_own_messages() {
    let works = "title = \"Riool\"\ndepartment = \"OR\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]\nstart = 2027-03-01\nend = 2027-06-30";
    written_instead(
        &format!("{works}\nstatus = \"vertraag\""),
        "status = \"vertraag\"",
        8,
        "bad-status",
        "status = \"vertraagd\"",
    );
    let failure = TestSite::new()
        .file(
            A,
            &contribution(&news_with("date = 2027-01-10\nstatus = \"klaar\""), "T."),
        )
        .build_fails();
    failure.expect(A, Some(6), "bad-status", "haal de regel met status weg");
    written_instead(
        &format!("{works}\n[[updates]]\ndate = 2027-02-01\ntext = \"Later.\""),
        "date = 2027-02-01",
        9,
        "update-before-start",
        "date = 2027-03-01",
    );
    written_instead(
        &format!("{works}\npublish = 1 maart 2027"),
        "publish = 1 maart 2027",
        8,
        "bad-date",
        "publish = 2027-03-01",
    );
    let event =
        "title = \"Avond\"\ndepartment = \"Groen\"\nkind = \"event\"\nlocation = \"Buurthuis\"";
    written_instead(
        &format!("{event}\nstart = 2027-06-15T19:30:00+01:00"),
        "start = 2027-06-15T19:30:00+01:00",
        6,
        "offset-mismatch",
        "start = 2027-06-15T19:30:00",
    );
    let failure = TestSite::new()
        .file(
            A,
            &contribution(&format!("{event}\nstart = 2027-06-15T19:30:00+01:00"), "T."),
        )
        .build_fails();
    assert!(
        failure
            .stderr
            .contains("is zo geschreven 20.30 uur hier, niet 19.30 uur"),
        "{}",
        failure.stderr
    );
}

#[test]
fn event_minutes_must_be_a_sensible_length() {
    let site = TestSite::new();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    std::fs::write(
        site.root().join("site.toml"),
        format!("{toml}event_minutes = 0\n"),
    )
    .expect("write");
    let failure = site.build_fails();
    failure.expect("site.toml", Some(4), "invalid-field", "event_minutes = 120");
}

#[test]
fn placeholder_text_of_new_is_an_error_once_the_draft_line_is_gone() {
    let site = TestSite::new();
    site.cmd("new")
        .args([
            "--wijk",
            "tuinwijk-oost",
            "--kind",
            "event",
            "--department",
            "Groen",
            "Avond",
        ])
        .assert()
        .success();
    let file = site.root().join("content/tuinwijk-oost/groen/avond.md");
    let text = std::fs::read_to_string(&file).expect("new wrote the file");
    site.build();
    std::fs::write(&file, text.replace("draft = true", "")).expect("write");
    let failure = site.build_fails();
    let file = "content/tuinwijk-oost/groen/avond.md";
    failure.expect(
        file,
        Some(5),
        "placeholder",
        "schrijf een eigen zin voor in lijsten",
    );
    failure.expect(
        file,
        Some(8),
        "placeholder",
        "location = \"Buurthuis De Linde",
    );
    assert_eq!(failure.error_count(), 4, "{}", failure.stderr);
}

#[test]
fn the_command_lines_own_errors_are_dutch_with_what_to_type() {
    let run = |args: &[&str]| {
        let output = assert_cmd::Command::cargo_bin("wijkverhaal")
            .expect("binary")
            .args(args)
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["build", "--todya", "2027-03-01"],
            "Fout: de optie --todya bestaat niet",
            "= bedoelt u --today?",
        ),
        (
            &["build", "--today", "15-03-2027"],
            "Fout: \"15-03-2027\" kan niet bij --today",
            "= schrijf jaar-maand-dag: --today 2027-03-15",
        ),
        (
            &["biuld"],
            "Fout: de opdracht \"biuld\" bestaat niet",
            "= bedoelt u build?",
        ),
        (
            &["new", "--wijk", "w", "--kind", "werk", "T"],
            "Fout: \"werk\" kan niet bij --kind",
            "= kies uit: works, event, news, decision, support",
        ),
        (
            &["serve", "--port", "abc"],
            "Fout: \"abc\" kan niet bij --port",
            "= schrijf een getal van 0 tot 65535, zo: --port 1111",
        ),
    ];
    for (args, message, tip) in cases {
        let stderr = run(args);
        assert!(stderr.starts_with(message), "{stderr}");
        assert!(stderr.contains(tip), "{stderr}");
        for english in ["error:", "Usage:", "unexpected argument", "invalid value"] {
            assert!(!stderr.contains(english), "{english} in {stderr}");
        }
    }
}
