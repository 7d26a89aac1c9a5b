//! `wijkverhaal check` through the real binary: every warning code is
//! reported and its near misses are not, the text and JSON formats, the
//! exit status, broken files next to warnings, and `build`'s pointer.

use serde_json::Value;

use crate::util::{SITE_TOML, TestSite, WIJK_INDEX, contribution};

const WIJK: &str = "content/tuinwijk-oost";

/// What one run of `check` gave.
struct Checked {
    code: Option<i32>,
    findings: Vec<Value>,
    stderr: String,
}

impl Checked {
    /// The findings with this code, as `(file name, line, message)`.
    fn of(&self, code: &str) -> Vec<(String, Option<u64>, String)> {
        self.findings
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| {
                let file = f["file"].as_str().unwrap_or_default();
                let name = file.rsplit('/').next().unwrap_or_default().to_string();
                let message = f["message"].as_str().unwrap_or_default().to_string();
                (name, f["line"].as_u64(), message)
            })
            .collect()
    }
}

/// Runs `check --format json` with extra arguments.
fn check(site: &TestSite, args: &[&str]) -> Checked {
    let output = site
        .cmd("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run the binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let findings: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}):\n{stdout}"));
    Checked {
        code: output.status.code(),
        findings: findings.as_array().expect("a JSON array").clone(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn works(department: &str, streets: &str, start: &str, end: &str) -> String {
    let end = if end.is_empty() {
        String::new()
    } else {
        format!("\nend = {end}")
    };
    contribution(
        &format!(
            "title = \"Werk\"\ndepartment = \"{department}\"\nkind = \"works\"\nstreets = [{streets}]\nstart = {start}{end}"
        ),
        "Tekst.",
    )
}

fn event(department: &str, start: &str, end: &str) -> String {
    let end = if end.is_empty() {
        String::new()
    } else {
        format!("\nend = {end}")
    };
    contribution(
        &format!(
            "title = \"Avond\"\ndepartment = \"{department}\"\nkind = \"event\"\nlocation = \"Buurthuis\"\nstart = {start}{end}"
        ),
        "Kom langs.",
    )
}

fn news(body: &str) -> String {
    contribution(
        "title = \"Nieuws\"\ndepartment = \"Energie\"\nkind = \"news\"\ndate = 2027-01-02",
        body,
    )
}

#[test]
fn coupling_is_reported_at_a_gap_of_exactly_the_window_and_not_one_day_more() {
    let site = TestSite::new()
        .file(
            &format!("{WIJK}/riool.md"),
            &works(
                "Openbare Ruimte",
                "\"Bloemstraat\"",
                "2027-01-01",
                "2027-03-31",
            ),
        )
        // 2027-03-31 + 365 days = 2028-03-30 (2028 is a leap year).
        .file(
            &format!("{WIJK}/warmtenet.md"),
            &works("Energie", "\"Bloemstraat\"", "2028-03-30", ""),
        )
        .file(
            &format!("{WIJK}/bomen.md"),
            &works("Groen", "\"Lindelaan\"", "2027-01-01", "2027-03-31"),
        )
        .file(
            &format!("{WIJK}/kabels.md"),
            &works("Netbeheerder", "\"Lindelaan\"", "2028-03-31", ""),
        );
    let checked = check(&site, &[]);
    let found = checked.of("coupling-opportunity");
    assert_eq!(found.len(), 1, "{:#?}", checked.findings);
    let (file, line, message) = &found[0];
    assert_eq!((file.as_str(), *line), ("riool.md", Some(5)));
    for part in [
        "Bloemstraat wordt twee keer opengebroken",
        "door Openbare Ruimte (1 januari t/m 31 maart 2027)",
        "door Energie (30 maart 2028)",
        "er zitten 365 dagen tussen",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
}

#[test]
fn coupling_takes_the_window_from_site_toml_and_skips_works_of_one_project() {
    let site = TestSite::new()
        .file("site.toml", &format!("{SITE_TOML}coupling_window_days = 10\n"))
        .file(&format!("{WIJK}/a.md"), &works("A", "\"Bloemstraat\", \"Lindelaan\"", "2027-01-01", "2027-01-10"))
        .file(&format!("{WIJK}/b.md"), &works("B", "\"Lindelaan\", \"Bloemstraat\"", "2027-01-20", ""))
        .file(&format!("{WIJK}/c.md"), &works("C", "\"'s-Gravenweg\"", "2027-01-01", "2027-01-10"))
        .file(&format!("{WIJK}/d.md"), &works("D", "\"'s-Gravenweg\"", "2027-01-21", ""))
        .file(
            &format!("{WIJK}/e.md"),
            &contribution("title = \"E\"\ndepartment = \"E\"\nkind = \"works\"\nstreets = [\"'s-Gravenweg\"]\nstart = 2027-01-05\nproject = \"p\"", "Tekst."),
        )
        .file(
            &format!("{WIJK}/f.md"),
            &contribution("title = \"F\"\ndepartment = \"F\"\nkind = \"works\"\nstreets = [\"'s-Gravenweg\"]\nstart = 2027-01-05\nproject = \"p\"", "Tekst."),
        );
    let checked = check(&site, &[]);
    let found = checked.of("coupling-opportunity");
    let files: Vec<&str> = found.iter().map(|(f, ..)| f.as_str()).collect();
    // a-b share two streets: one finding. c-d: 11 days, too far. e-f: one
    // project. c-e and c-f overlap: different projects, one street, so one
    // finding for 's-Gravenweg naming e and f.
    assert_eq!(files, ["a.md", "c.md"], "{found:#?}");
    assert!(
        found[1].2.starts_with(
            "'s-Gravenweg wordt 3 keer opengebroken: door C (1 januari t/m 10 januari 2027) en door 2 andere werken (hieronder); 2 keer liggen twee van die werken 10 dagen of minder uit elkaar"
        ),
        "{}",
        found[1].2
    );
    assert!(
        found[0]
            .2
            .starts_with("Bloemstraat en Lindelaan worden twee keer opengebroken")
    );
    assert!(found[0].2.contains(
        "er zitten 10 dagen tussen (de grens is 10 dagen: coupling_window_days in site.toml)"
    ));
}

#[test]
fn event_clashes_by_overlap_or_by_day_between_departments() {
    let site = TestSite::new()
        .file(
            &format!("{WIJK}/a.md"),
            &event("Energie", "2027-03-10T19:30:00", "2027-03-10T21:00:00"),
        )
        .file(
            &format!("{WIJK}/b.md"),
            &event("Energie", "2027-03-10T20:30:00", ""),
        )
        .file(
            &format!("{WIJK}/c.md"),
            &event("Groen", "2027-03-11T10:00:00", "2027-03-11T11:00:00"),
        )
        .file(
            &format!("{WIJK}/d.md"),
            &event("Sociaal Domein", "2027-03-11T19:30:00", ""),
        )
        // One day, one department, no overlap: not a clash.
        .file(
            &format!("{WIJK}/e.md"),
            &event("Groen", "2027-03-12T10:00:00", "2027-03-12T11:00:00"),
        )
        .file(
            &format!("{WIJK}/f.md"),
            &event("Groen", "2027-03-12T19:30:00", ""),
        )
        // Two days, two departments: not a clash.
        .file(
            &format!("{WIJK}/g.md"),
            &event("Groen", "2027-03-13T19:30:00", ""),
        )
        .file(
            &format!("{WIJK}/h.md"),
            &event("Energie", "2027-03-14T19:30:00", ""),
        );
    let checked = check(&site, &[]);
    let found = checked.of("event-clash");
    let files: Vec<&str> = found.iter().map(|(f, ..)| f.as_str()).collect();
    assert_eq!(files, ["a.md", "c.md"], "{found:#?}");
    assert_eq!(found[0].1, Some(6), "the line of `start`");
    assert!(
        found[0]
            .2
            .contains("op de avond van woensdag 10 maart 2027")
    );
    assert!(found[0].2.contains("ze zijn (deels) tegelijk"));
    assert!(found[1].2.contains("op donderdag 11 maart 2027"));
    assert!(
        found[1]
            .2
            .contains("Groen en Sociaal Domein vragen bewoners allebei om te komen")
    );
}

#[test]
fn second_contacts_are_reported_but_not_the_wijks_own() {
    let site = TestSite::new()
        .file(
            &format!("{WIJK}/eigen.md"),
            &news("Bel 14 020 of mail tuinwijk-oost@proef.nl.\nOf bel 14020."),
        )
        .file(
            &format!("{WIJK}/ander.md"),
            &news(
                "Vragen?\nBel 020 123 4567, +31 6 1234 5678 of 0800-1234.\nMail info@energie.nl.",
            ),
        );
    let checked = check(&site, &[]);
    let found = checked.of("second-contact");
    let lines: Vec<(&str, Option<u64>)> = found.iter().map(|(f, l, _)| (f.as_str(), *l)).collect();
    assert_eq!(
        lines,
        [
            ("ander.md", Some(8)),
            ("ander.md", Some(8)),
            ("ander.md", Some(8)),
            ("ander.md", Some(9))
        ],
        "{found:#?}"
    );
    assert!(found[3].2.contains("info@energie.nl"));
}

#[test]
fn jargon_is_reported_unless_the_glossary_explains_it_in_any_case_or_inflection() {
    let index = WIJK_INDEX.replace(
        "[glossary]\n",
        "[glossary]\nNetcongestie = \"Het stroomnet is vol.\"\n",
    );
    let site = TestSite::new()
        .file("site.toml", &format!("{SITE_TOML}[check]\njargon = [\"omgevingstafel\"]\n"))
        .file(&format!("{WIJK}/_index.md"), &index)
        .file(
            &format!("{WIJK}/a.md"),
            &news("Door netcongesties wachten we.\nDe WUP en de participatietrajecten.\nAan de Omgevingstafel. Het warmtenet komt."),
        );
    let checked = check(&site, &[]);
    let found = checked.of("jargon");
    let words: Vec<(&str, Option<u64>)> = found
        .iter()
        .map(|(_, line, message)| (message.split('"').nth(1).unwrap_or_default(), *line))
        .collect();
    assert_eq!(
        words,
        [
            ("WUP", Some(8)),
            ("participatietraject", Some(8)),
            ("Omgevingstafel", Some(9))
        ],
        "{found:#?}"
    );
}

#[test]
fn long_sentences_are_counted_against_the_limit() {
    let words = |n: usize| vec!["woord"; n].join(" ");
    let body = format!("{}.\n\n{}.", words(25), words(26));
    let site = TestSite::new().file(&format!("{WIJK}/a.md"), &news(&body));
    let found = check(&site, &[]).of("long-sentence");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, Some(9));
    assert!(
        found[0]
            .2
            .contains("deze zin heeft 26 woorden, meer dan 25")
    );

    let strict = TestSite::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}[check]\nlong_sentence_words = 30\n"),
        )
        .file(&format!("{WIJK}/a.md"), &news(&body));
    assert!(check(&strict, &[]).of("long-sentence").is_empty());
}

#[test]
fn json_is_one_array_of_the_specs_objects() {
    let site = TestSite::new().file(&format!("{WIJK}/a.md"), &news("Bel 06-12345678."));
    let checked = check(&site, &[]);
    assert_eq!(checked.findings.len(), 1);
    let finding = checked.findings[0].as_object().expect("an object");
    let mut keys: Vec<&str> = finding.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["code", "file", "line", "message", "notes", "severity"]
    );
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["code"], "second-contact");
    assert_eq!(finding["file"], "content/tuinwijk-oost/a.md");
    assert_eq!(finding["line"], 7);
    assert!(
        checked.stderr.contains("Tuinwijk-Oost: 1 tweede contact"),
        "{}",
        checked.stderr
    );
}

#[test]
fn text_reads_like_a_compiler_with_notes_and_a_summary_per_wijk() {
    let site = TestSite::new()
        .file(
            &format!("{WIJK}/a.md"),
            &works("A", "\"Bloemstraat\"", "2027-01-01", ""),
        )
        .file(
            &format!("{WIJK}/b.md"),
            &works("B", "\"Bloemstraat\"", "2027-02-01", ""),
        );
    let output = site.cmd("check").output().expect("run the binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{WIJK}/a.md:5: warning[coupling-opportunity]: Bloemstraat wordt twee keer opengebroken: door A (1 januari 2027) en door B (1 februari 2027); er zitten 31 dagen tussen (de grens is 365 dagen: coupling_window_days in site.toml)").as_str())
    );
    assert_eq!(
        lines.next(),
        Some(format!("  = zie ook: het andere werk, \"Werk\", in {WIJK}/b.md (regel 5)").as_str())
    );
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("  = tip: plan het werk samen"))
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Tuinwijk-Oost: 1 kans om werk te combineren\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 wijk gecontroleerd, 0 fouten, 1 waarschuwing"),
        "{stderr}"
    );
}

#[test]
fn exit_status_is_1_on_errors_and_on_warnings_only_when_denied() {
    let clean = TestSite::new().file(&format!("{WIJK}/a.md"), &news("Alles is goed."));
    assert_eq!(check(&clean, &[]).code, Some(0));
    assert_eq!(check(&clean, &["--deny-warnings"]).code, Some(0));

    let warned = TestSite::new().file(&format!("{WIJK}/a.md"), &news("Bel 06-12345678."));
    assert_eq!(check(&warned, &[]).code, Some(0));
    assert_eq!(check(&warned, &["--deny-warnings"]).code, Some(1));

    let broken = TestSite::new().file(&format!("{WIJK}/a.md"), "+++\ntitle = \"x\n+++\n");
    assert_eq!(check(&broken, &[]).code, Some(1));
}

#[test]
fn broken_files_give_builds_errors_and_the_rest_still_gets_its_warnings() {
    let broken_index = WIJK_INDEX.replace("name = \"Tuinwijk-Oost\"", "name = Tuinwijk");
    let site = TestSite::new()
        .file(
            &format!("{WIJK}/kapot.md"),
            "+++\ntitle = \"Kapot\ndepartment = \"D\"\n+++\n",
        )
        .file(&format!("{WIJK}/a.md"), &news("Bel 06-12345678."))
        .file("content/havenkwartier/_index.md", &broken_index)
        .file("content/havenkwartier/b.md", &news("Bel 06-87654321."));
    let checked = check(&site, &[]);
    assert_eq!(checked.code, Some(1));
    let errors: Vec<&Value> = checked
        .findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    let error_files: Vec<&str> = errors.iter().filter_map(|f| f["file"].as_str()).collect();
    assert_eq!(
        error_files,
        [
            "content/havenkwartier/_index.md",
            "content/tuinwijk-oost/kapot.md"
        ],
        "{errors:#?}"
    );
    assert_eq!(checked.of("second-contact").len(), 1);
    assert_eq!(checked.of("second-contact")[0].0, "a.md");
    assert!(
        checked
            .stderr
            .contains("Tuinwijk-Oost: 1 fout, 1 tweede contact"),
        "{}",
        checked.stderr
    );
    assert!(
        checked.stderr.contains("2 fouten, 1 waarschuwing"),
        "{}",
        checked.stderr
    );
}

#[test]
fn build_counts_the_warnings_points_to_check_and_still_builds() {
    let site = TestSite::new().file(
        &format!("{WIJK}/a.md"),
        &news("Bel 06-12345678 over de WUP."),
    );
    let output = site.cmd("build").output().expect("run the binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "2 waarschuwingen. Bekijk ze met: wijkverhaal check --root {}",
            site.root().display()
        )),
        "{stderr}"
    );
    assert!(site.public().join("tuinwijk-oost/a/index.html").is_file());
}

#[test]
fn the_example_site_shows_its_four_findings_and_nothing_else() {
    let output = assert_cmd::Command::cargo_bin("wijkverhaal")
        .expect("binary")
        .args([
            "check",
            "--format",
            "json",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            // A fixed day: later, works of the example that have ended
            // without `status = "klaar"` are `stale`.
            "--today",
            "2026-11-01",
        ])
        .output()
        .expect("run the binary");
    assert_eq!(output.status.code(), Some(0));
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON array");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default(),
                f["file"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "coupling-opportunity",
                "content/oude-haven/netbeheerder/stroomkabels-havenkade.md"
            ),
            (
                "jargon",
                "content/oude-haven/netbeheerder/wachtlijst-stroomaansluiting.md"
            ),
            (
                "event-clash",
                "content/oude-haven/sociaal-domein/buurtavond-oude-haven.md"
            ),
            (
                "second-contact",
                "content/oude-haven/woningcorporatie/renovatie-curacaostraat.md"
            ),
        ]
    );
}
