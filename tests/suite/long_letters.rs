//! `long-letter`: the number of warnings `build` prints is the number
//! `check` prints for the same site and day, although the build counts the
//! letters it renders (drafts and all with `--drafts`) and `check` makes the
//! letters residents get without drafts.

use serde_json::Value;

use crate::util::{TODAY, TestSite, contribution};

/// Two streets (Bloemstraat, Lindelaan) with one short job each, in a wijk
/// with twenty-five meetings: neither letter fits, and both are cut alike
/// (one shared `long-letter` warning).
pub fn cut_alike() -> TestSite {
    let mut site = TestSite::new();
    for street in ["Bloemstraat", "Lindelaan"] {
        site = site.file(
            &format!("content/tuinwijk-oost/werk-{street}.md"),
            &contribution(
                &format!("title = \"Stoep in de {street}\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = [\"{street}\"]\nstart = 2027-03-01\nend = 2027-04-01"),
                "Wij leggen de stoep opnieuw.",
            ),
        );
    }
    for n in 1..=25 {
        site = site.file(
            &format!("content/tuinwijk-oost/avond-{n}.md"),
            &contribution(
                &format!("title = \"Bewonersavond {n} over de plannen voor de hele wijk en wat u ervan merkt\"\ndepartment = \"Wijkteam\"\nkind = \"event\"\nstart = 2027-03-{n:02}T19:30:00\nlocation = \"Buurthuis De Linde, Lindelaan 4, grote zaal op de eerste verdieping\"\nsignup = \"https://www.proef.nl/aanmelden/avond-{n}\""),
                "Kom langs.",
            ),
        );
    }
    site
}

/// A long summary: twelve sentences, cut to the first one in a letter.
fn long_summary() -> String {
    "Wij vervangen de riolering van huis tot huis en u kunt uw huis altijd in en uit. ".repeat(12)
}

/// How many warnings `build` with `args` counted, and the warnings `check`
/// printed (as JSON findings), for the same day.
fn warnings(site: &TestSite, args: &[&str]) -> (usize, Vec<Value>) {
    let build = site.build_output(args);
    let stderr = String::from_utf8_lossy(&build.stderr);
    let counted = stderr
        .lines()
        .find_map(|line| line.split_once(" waarschuwing"))
        .map_or(0, |(n, _)| n.parse().expect("a number of warnings"));
    let check = site
        .cmd("check")
        .args(["--today", TODAY, "--format", "json"])
        .output()
        .expect("run check");
    let findings: Vec<Value> = serde_json::from_slice(&check.stdout).expect("JSON array");
    let warnings = findings
        .into_iter()
        .filter(|f| f["severity"] == "warning")
        .collect();
    (counted, warnings)
}

fn long_letters(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .filter(|f| f["code"] == "long-letter")
        .map(|f| f["message"].as_str().expect("a message"))
        .collect()
}

#[test]
fn the_build_counts_as_many_warnings_as_check_prints_when_letters_are_cut() {
    // 's-Gravenweg's letter is cut in one more way than the other two.
    let site = cut_alike().file(
        "content/tuinwijk-oost/riool.md",
        &contribution(
            "title = \"Riool in de 's-Gravenweg\"\ndepartment = \"Riolering\"\nkind = \"works\"\nstreets = [\"'s-Gravenweg\"]\nstart = 2027-05-01\nend = 2027-09-01",
            &long_summary(),
        ),
    );
    let (counted, findings) = warnings(&site, &[]);
    let long = long_letters(&findings);
    assert_eq!(long.len(), 2, "{long:#?}");
    assert!(
        long.iter()
            .any(|m| m.contains("'s-Gravenweg") && m.contains("eerste zin")),
        "{long:#?}"
    );
    assert_eq!(counted, findings.len(), "{findings:#?}");
}

#[test]
fn a_draft_shown_by_build_drafts_does_not_change_the_count() {
    // With the draft, Bloemstraat's letter is cut in one more way; `check`
    // leaves drafts out, so it still finds the two letters cut alike.
    let site = cut_alike().file(
        "content/tuinwijk-oost/concept.md",
        &contribution(
            "title = \"Riool in de Bloemstraat\"\ndepartment = \"Riolering\"\nkind = \"works\"\nstreets = [\"Bloemstraat\"]\nstart = 2027-05-01\nend = 2027-09-01\ndraft = true",
            &long_summary(),
        ),
    );
    let (counted, findings) = warnings(&site, &["--drafts"]);
    assert_eq!(long_letters(&findings).len(), 1, "{findings:#?}");
    let letter = site.read("tuinwijk-oost/straten/bloemstraat/brief/index.html");
    assert!(letter.contains("Riool in de Bloemstraat"), "{letter}");
    assert_eq!(counted, findings.len(), "{findings:#?}");
    assert_eq!(warnings(&site, &[]).0, findings.len());
}

#[test]
fn an_update_dated_after_the_day_is_not_in_the_checked_letter() {
    // The update is not news yet: neither the letter page nor `check`
    // tells it, so the two letters are still cut alike.
    let later =
        "Wij werken ook 's nachts, omdat de leidingen eerder klaar moeten zijn. ".repeat(80);
    let site = cut_alike().file(
        "content/tuinwijk-oost/werk-Lindelaan.md",
        &contribution(
            &format!("title = \"Stoep in de Lindelaan\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = [\"Lindelaan\"]\nstart = 2027-01-10\nend = 2027-04-01\n\n[[updates]]\ndate = 2027-02-01\ntext = \"{later}\""),
            "Wij leggen de stoep opnieuw.",
        ),
    );
    let (counted, findings) = warnings(&site, &[]);
    let long = long_letters(&findings);
    assert_eq!(long.len(), 1, "{long:#?}");
    assert!(long[0].contains("Bloemstraat en Lindelaan"), "{long:#?}");
    let letter = site.read("tuinwijk-oost/straten/lindelaan/brief/index.html");
    assert!(!letter.contains("'s nachts"), "{letter}");
    assert_eq!(counted, findings.len(), "{findings:#?}");
}
