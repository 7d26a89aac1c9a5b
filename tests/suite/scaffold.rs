//! `wijkverhaal init` and `wijkverhaal new`: a new site builds, a new
//! contribution lands in the right folder, and neither overwrites a file.

use assert_cmd::Command;
use predicates::str::contains;

use crate::util::TestSite;

fn wijkverhaal() -> Command {
    Command::cargo_bin("wijkverhaal").expect("binary")
}

#[test]
fn init_makes_a_site_that_builds_and_refuses_to_overwrite_it() {
    let dir = TestSite::empty();
    let site = dir.root().join("nieuw");
    wijkverhaal()
        .arg("init")
        .arg(&site)
        .assert()
        .success()
        .stdout(contains("site.toml"));
    wijkverhaal()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
    for kind in ["works", "event", "news", "decision", "support"] {
        let found = walkdir::WalkDir::new(site.join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .any(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap()
                    .contains(&format!("kind = \"{kind}\""))
            });
        assert!(found, "no contribution of kind {kind}");
    }
    assert!(site.join("public/tuinwijk/contact/index.html").is_file());

    let before = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        "title = \"Eigen\"\nbase_url = \"https://x.nl\"\n",
    )
    .unwrap();
    wijkverhaal()
        .arg("init")
        .arg(&site)
        .assert()
        .failure()
        .stderr(contains("site.toml"))
        .stderr(contains("niets geschreven"));
    let after = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("Eigen"), "init overwrote site.toml");
}

#[test]
fn new_writes_a_draft_in_the_department_folder_and_refuses_to_overwrite() {
    let site = TestSite::new();
    let args = [
        "--wijk",
        "tuinwijk-oost",
        "--kind",
        "works",
        "--department",
        "Openbare Ruimte",
        "Nieuw riool in de Lindelaan",
    ];
    let expected = site
        .root()
        .join("content/tuinwijk-oost/openbare-ruimte/nieuw-riool-in-de-lindelaan.md");
    site.cmd("new")
        .args(args)
        .assert()
        .success()
        .stdout(contains(expected.display().to_string()));
    let text = std::fs::read_to_string(&expected).unwrap();
    assert!(text.contains("kind = \"works\""));
    assert!(text.contains("streets = [\"Bloemstraat\"]"));
    assert!(text.contains("draft = true"));
    site.build();
    assert!(
        !site
            .public()
            .join("tuinwijk-oost/nieuw-riool-in-de-lindelaan")
            .exists(),
        "drafts stay out of build"
    );
    site.cmd("build")
        .args(["--drafts", "--today", "2027-01-15"])
        .assert()
        .success();
    assert!(
        site.public()
            .join("tuinwijk-oost/nieuw-riool-in-de-lindelaan/index.html")
            .is_file()
    );

    std::fs::write(&expected, "eigen tekst").unwrap();
    site.cmd("new")
        .args(args)
        .assert()
        .failure()
        .stderr(contains("niets geschreven"));
    assert_eq!(std::fs::read_to_string(&expected).unwrap(), "eigen tekst");
}

#[test]
fn new_for_an_unknown_wijk_suggests_the_right_one() {
    let site = TestSite::new();
    site.cmd("new")
        .args(["--wijk", "tuinwijk-ost", "--kind", "news", "Bericht"])
        .assert()
        .failure()
        .stderr(contains("bedoelt u --wijk tuinwijk-oost?"));
}

#[test]
fn new_makes_short_file_names_without_emoji_and_keeps_the_title_whole() {
    let site = TestSite::new();
    let title = "🎉 Feest: informatieavond over het warmtenet en de nieuwe riolering in de Bloemstraat en de Lindelaan voor alle bewoners 🏠";
    let output = site
        .cmd("new")
        .args(["--wijk", "tuinwijk-oost", "--kind", "news", title])
        .output()
        .expect("run new");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let stem = std::path::Path::new(&path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(stem.len() <= 80, "{stem} is {} long", stem.len());
    assert!(
        stem.starts_with("feest-informatieavond-over-het-warmtenet"),
        "{stem}"
    );
    assert!(stem.ends_with("-riolering-in-de"), "cut at a word: {stem}");
    assert!(
        !stem.contains("party") && !stem.contains("house"),
        "emoji spelled out: {stem}"
    );
    let text = std::fs::read_to_string(&path).expect("the new file");
    assert!(text.contains(&format!("title = \"{title}\"")), "{text}");
}
