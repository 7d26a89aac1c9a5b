//! Unit tests of the incremental preview: what one change re-reads and
//! re-renders, and what it leaves alone.

use std::path::Path;
use std::sync::Arc;

use super::*;

const SITE: &str = "title = \"Proef\"\nbase_url = \"https://proef.nl\"\n";

fn index(name: &str) -> String {
    format!(
        "+++\nname = \"{name}\"\nsummary = \"Over {name}.\"\nstreets = [\"Dorpsstraat\"]\n\n[contact]\nname = \"Sam\"\nemail = \"sam@proef.nl\"\n+++\nVerhaal.\n"
    )
}

fn news(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02\n+++\nTekst.\n"
    )
}

fn write(root: &Path, path: &str, text: &str) {
    let target = root.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, text).unwrap();
}

fn site() -> (tempfile::TempDir, Preview) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    write(&root, "site.toml", SITE);
    for wijk in ["noord", "zuid"] {
        write(&root, &format!("content/{wijk}/_index.md"), &index(wijk));
        write(
            &root,
            &format!("content/{wijk}/groen/bomen.md"),
            &news("Bomen"),
        );
    }
    let (preview, report) = Preview::new(PreviewOptions {
        root,
        base_url: None,
        today: Some(jiff::civil::date(2027, 1, 15)),
    });
    assert_eq!(
        report,
        Report {
            parsed: 4,
            rendered: 2,
            errors: 0
        }
    );
    (dir, preview)
}

fn changed(preview: &Preview, paths: &[&str]) -> Batch {
    let root = preview.root().to_path_buf();
    let mut batch = Batch::default();
    for path in paths {
        batch.add(&root, &root.join("public"), &root.join(path));
    }
    batch
}

fn page(snapshot: &Snapshot, path: &str) -> String {
    String::from_utf8_lossy(snapshot.get(path).unwrap_or_default()).into_owned()
}

#[test]
fn an_edit_re_reads_one_file_and_re_renders_only_its_wijk() {
    let (_dir, mut preview) = site();
    let before = preview.snapshot();
    write(
        preview.root(),
        "content/noord/groen/bomen.md",
        &news("Nieuwe bomen"),
    );
    let report = preview.update(&changed(&preview, &["content/noord/groen/bomen.md"]));
    assert_eq!(
        report,
        Report {
            parsed: 1,
            rendered: 1,
            errors: 0
        }
    );
    let after = preview.snapshot();
    assert!(page(&after, "noord/bomen/index.html").contains("Nieuwe bomen"));
    assert!(
        Arc::ptr_eq(&before.wijken["zuid"], &after.wijken["zuid"]),
        "zuid was kept"
    );
    assert!(!Arc::ptr_eq(
        &before.wijken["noord"],
        &after.wijken["noord"]
    ));
}

#[test]
fn deleted_files_and_wijken_disappear_and_new_ones_appear() {
    let (_dir, mut preview) = site();
    let root = preview.root().to_path_buf();
    std::fs::remove_file(root.join("content/noord/groen/bomen.md")).unwrap();
    preview.update(&changed(&preview, &["content/noord/groen/bomen.md"]));
    assert!(preview.snapshot().get("noord/bomen/index.html").is_none());

    std::fs::remove_dir_all(root.join("content/zuid")).unwrap();
    preview.update(&changed(&preview, &["content/zuid"]));
    let snapshot = preview.snapshot();
    assert!(!snapshot.wijken.contains_key("zuid"));
    assert!(page(&snapshot, "index.html").contains("noord"));
    assert!(!page(&snapshot, "index.html").contains("zuid"));

    write(&root, "content/west/_index.md", &index("West"));
    let report = preview.update(&changed(&preview, &["content/west"]));
    assert_eq!(report.rendered, 1, "{report:?}");
    let overview = page(&preview.snapshot(), "index.html");
    assert!(overview.contains("West"), "{overview}");
}

#[test]
fn errors_keep_the_last_good_files_until_fixed() {
    let (_dir, mut preview) = site();
    write(
        preview.root(),
        "content/noord/groen/bomen.md",
        "+++\ntitle = \"x\n+++\n",
    );
    let report = preview.update(&changed(&preview, &["content/noord/groen/bomen.md"]));
    assert_eq!(report.errors, 1);
    let snapshot = preview.snapshot();
    assert_eq!(snapshot.errors[0].file, "content/noord/groen/bomen.md");
    assert!(
        page(&snapshot, "noord/bomen/index.html").contains("Bomen"),
        "last good page"
    );

    write(
        preview.root(),
        "content/noord/groen/bomen.md",
        &news("Gemaakt"),
    );
    let report = preview.update(&changed(&preview, &["content/noord/groen/bomen.md"]));
    assert_eq!(
        report,
        Report {
            parsed: 1,
            rendered: 1,
            errors: 0
        }
    );
    assert!(preview.snapshot().errors.is_empty());
    assert!(page(&preview.snapshot(), "noord/bomen/index.html").contains("Gemaakt"));
}

#[test]
fn a_site_toml_change_rebuilds_everything_and_drafts_are_rendered() {
    let (_dir, mut preview) = site();
    let draft = news("Concept").replace("+++\nTekst", "draft = true\n+++\nTekst");
    write(preview.root(), "content/zuid/concept.md", &draft);
    write(
        preview.root(),
        "site.toml",
        &SITE.replace("Proef", "Anders"),
    );
    let report = preview.update(&changed(
        &preview,
        &["site.toml", "content/zuid/concept.md"],
    ));
    assert_eq!(
        report,
        Report {
            parsed: 5,
            rendered: 2,
            errors: 0
        }
    );
    let snapshot = preview.snapshot();
    assert!(page(&snapshot, "noord/index.html").contains("Anders"));
    assert!(page(&snapshot, "zuid/concept/index.html").contains("draft-banner"));
    assert_eq!(
        preview.page_of("content/zuid/concept.md").as_deref(),
        Some("/zuid/concept/")
    );
}
