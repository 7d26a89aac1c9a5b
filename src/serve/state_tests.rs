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
fn a_template_that_fails_in_every_wijk_is_one_error_naming_their_pages() {
    let (_dir, mut preview) = site();
    let template = "themes/default/templates/tijdlijn.html";
    write(
        preview.root(),
        template,
        "{% extends \"base.html\" %}{% block main %}{{ nope() }}{% endblock %}",
    );
    let report = preview.update(&changed(&preview, &[template]));
    assert_eq!(report.errors, 1);
    let errors = preview.snapshot().errors.clone();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.starts_with(
            "2 pagina's kunnen niet worden gemaakt (/noord/tijdlijn/, /zuid/tijdlijn/): \
             de template tijdlijn.html geeft een fout"
        ),
        "{}",
        errors[0].message
    );
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

fn works(title: &str, project: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndepartment = \"Riolering\"\nkind = \"works\"\nstreets = [\"Dorpsstraat\"]\nstart = 2027-02-01\nproject = \"{project}\"\n+++\nWerk.\n"
    )
}

fn bytes(snapshot: &Snapshot, wijk: &str, path: &str) -> Arc<[u8]> {
    Arc::clone(&snapshot.wijken[wijk][path])
}

#[test]
fn an_edit_re_renders_its_own_page_and_its_project_but_keeps_other_contribution_pages() {
    let (_dir, mut preview) = site();
    let root = preview.root().to_path_buf();
    write(
        &root,
        "content/noord/riool.md",
        &works("Riool", "dorpsstraat"),
    );
    write(
        &root,
        "content/noord/stoep.md",
        &works("Stoep", "dorpsstraat"),
    );
    preview.update(&changed(
        &preview,
        &["content/noord/riool.md", "content/noord/stoep.md"],
    ));
    let before = preview.snapshot();

    write(
        &root,
        "content/noord/riool.md",
        &works("Nieuw riool", "dorpsstraat"),
    );
    preview.update(&changed(&preview, &["content/noord/riool.md"]));
    let after = preview.snapshot();
    let kept = "noord/bomen/index.html";
    assert!(Arc::ptr_eq(
        &bytes(&before, "noord", kept),
        &bytes(&after, "noord", kept)
    ));
    for path in [
        "noord/stoep/index.html",
        "noord/riool/index.html",
        "noord/index.html",
    ] {
        assert!(
            !Arc::ptr_eq(
                &bytes(&before, "noord", path),
                &bytes(&after, "noord", path)
            ),
            "{path}"
        );
    }
    assert!(page(&after, "noord/tijdlijn/index.html").contains("Nieuw riool"));

    write(&root, "content/noord/_index.md", &index("Noord-Oost"));
    preview.update(&changed(&preview, &["content/noord/_index.md"]));
    let renamed = preview.snapshot();
    assert!(
        page(&renamed, kept).contains("Noord-Oost"),
        "an _index.md edit renders every page"
    );
}

/// A copy of the repository's example site (site.toml and content/).
fn copy_example(root: &Path) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(example.join("site.toml"), root.join("site.toml")).unwrap();
    for entry in walkdir::WalkDir::new(example.join("content"))
        .into_iter()
        .flatten()
    {
        let target = root.join(entry.path().strip_prefix(example).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of the incremental preview equals a fresh build's after a
/// series of edits: the guard on [`Scope`]'s idea of what an edit affects.
#[test]
fn incremental_updates_give_the_same_files_as_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    copy_example(&root);
    let options = PreviewOptions {
        root: root.clone(),
        base_url: None,
        today: Some(jiff::civil::date(2027, 1, 15)),
    };
    let (mut preview, _) = Preview::new(options.clone());
    let files: Vec<String> = preview
        .files
        .values()
        .filter(|e| !e.file.is_index)
        .map(|e| e.file.file().to_string())
        .collect();
    for (i, file) in files.iter().enumerate().step_by(3) {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let edited = text.replacen("title = \"", &format!("title = \"Bewerkt {i}: "), 1);
        write(&root, file, &edited);
        preview.update(&changed(&preview, &[file]));
    }
    std::fs::remove_file(root.join(&files[1])).unwrap();
    preview.update(&changed(&preview, &[&files[1]]));
    // A project without a title in [projects] takes its first part's title.
    let part = |title: &str, start: &str| {
        works(title, "proef-project")
            .replace("Dorpsstraat", "Bloemstraat")
            .replace("2027-02-01", start)
    };
    let (a, b) = (
        "content/lindenhof/proef-a.md",
        "content/lindenhof/proef-b.md",
    );
    write(&root, a, &part("Eerste deel", "2027-02-01"));
    write(&root, b, &part("Tweede deel", "2027-03-01"));
    preview.update(&changed(&preview, &[a, b]));
    write(&root, a, &part("Eerste deel, nieuw", "2027-02-01"));
    preview.update(&changed(&preview, &[a]));
    // A part moves to another street: both street pages change.
    write(
        &root,
        b,
        &part("Tweede deel", "2027-03-01").replace("Bloemstraat", "Lindelaan"),
    );
    preview.update(&changed(&preview, &[b]));
    std::fs::remove_file(root.join(a)).unwrap();
    preview.update(&changed(&preview, &[a]));
    let incremental = preview.snapshot();
    assert!(incremental.errors.is_empty(), "{:?}", incremental.errors);
    let fresh = Preview::new(options).0.snapshot();
    assert_eq!(
        incremental.wijken.keys().collect::<Vec<_>>(),
        fresh.wijken.keys().collect::<Vec<_>>()
    );
    for (slug, files) in &fresh.wijken {
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            incremental.wijken[slug].keys().collect::<Vec<_>>()
        );
        for (path, bytes) in files.iter() {
            assert!(incremental.wijken[slug][path] == *bytes, "{path} differs");
        }
    }
    assert_eq!(incremental.root, fresh.root);
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn attachments_are_served_and_an_added_changed_or_removed_one_is_seen() {
    let (_dir, mut preview) = site();
    let root = preview.root().to_path_buf();
    let body = "+++\ntitle = \"Bomen\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02\n+++\n![Bomen aan de Dorpsstraat](foto.png)\n\n[Plan](plan.pdf)\n";
    write(&root, "content/noord/groen/bomen.md", body);
    std::fs::write(root.join("content/noord/groen/foto.png"), png(600, 400)).unwrap();
    write(&root, "content/noord/groen/plan.pdf", "%PDF-1");
    preview.update(&changed(
        &preview,
        &[
            "content/noord/groen/bomen.md",
            "content/noord/groen/foto.png",
            "content/noord/groen/plan.pdf",
        ],
    ));
    let snapshot = preview.snapshot();
    assert!(snapshot.errors.is_empty(), "{:?}", snapshot.errors);
    assert_eq!(
        snapshot.get("noord/bijlagen/groen/plan.pdf"),
        Some(&b"%PDF-1"[..])
    );
    assert!(
        snapshot
            .get("noord/bijlagen/groen/foto.png.480w.webp")
            .is_some()
    );
    assert!(page(&snapshot, "noord/bomen/index.html").contains("width=\"600\" height=\"400\""));
    // A body edit takes the images from the cache: nothing is encoded again.
    let cache = root.join(crate::attach::publish::CACHE);
    let stamps = || -> Vec<std::time::SystemTime> {
        walkdir::WalkDir::new(&cache)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.metadata().unwrap().modified().unwrap())
            .collect()
    };
    let before = stamps();
    write(
        &root,
        "content/noord/groen/bomen.md",
        &body.replace("Plan", "Het plan"),
    );
    preview.update(&changed(&preview, &["content/noord/groen/bomen.md"]));
    assert_eq!(stamps(), before);
    assert!(page(&preview.snapshot(), "noord/bomen/index.html").contains("Het plan (pdf, 1 kB)"));
    // A changed image is measured and served anew; a removed one is an error.
    std::fs::write(root.join("content/noord/groen/foto.png"), png(300, 300)).unwrap();
    preview.update(&changed(&preview, &["content/noord/groen/foto.png"]));
    assert!(
        page(&preview.snapshot(), "noord/bomen/index.html")
            .contains("width=\"300\" height=\"300\"")
    );
    std::fs::remove_file(root.join("content/noord/groen/foto.png")).unwrap();
    preview.update(&changed(&preview, &["content/noord/groen/foto.png"]));
    let errors = preview.snapshot().errors;
    assert_eq!(errors[0].code, "missing-file", "{errors:?}");
}

#[test]
fn a_saved_kaart_geojson_gives_the_wijk_its_map() {
    let (_dir, mut preview) = site();
    assert!(!page(&preview.snapshot(), "noord/index.html").contains("<svg xmlns"));
    let kaart = r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"street": "Dorpsstraat"}, "geometry": {"type": "LineString", "coordinates": [[5.38, 52.15], [5.39, 52.16]]}}]}"#;
    write(preview.root(), "content/noord/kaart.geojson", kaart);
    let report = preview.update(&changed(&preview, &["content/noord/kaart.geojson"]));
    assert_eq!((report.rendered, report.errors), (1, 0));
    let after = preview.snapshot();
    assert!(page(&after, "noord/index.html").contains("<svg xmlns"));
    assert!(after.get("noord/werk.geojson").is_some());
    // A broken map is an error in the preview too, naming the file.
    write(preview.root(), "content/noord/kaart.geojson", "{\"type\": ");
    let report = preview.update(&changed(&preview, &["content/noord/kaart.geojson"]));
    assert_eq!(report.errors, 1);
    assert!(
        preview
            .diagnostics()
            .iter()
            .any(|d| d.code == "bad-geojson" && d.file == "content/noord/kaart.geojson")
    );
}

/// A street's letter lists the wijk's meetings, so an edited meeting that
/// touches no street still re-renders every letter of its wijk.
#[test]
fn an_edited_meeting_re_renders_the_letters_of_every_street() {
    let (_dir, mut preview) = site();
    let root = preview.root().to_path_buf();
    let meeting = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\ndepartment = \"Wijkteam\"\nkind = \"event\"\nstart = 2027-03-01T19:30:00\nlocation = \"Buurthuis\"\n+++\nKom langs.\n"
        )
    };
    write(&root, "content/noord/riool.md", &works("Riool", "riool"));
    write(&root, "content/noord/avond.md", &meeting("Bewonersavond"));
    preview.update(&changed(
        &preview,
        &["content/noord/riool.md", "content/noord/avond.md"],
    ));
    let letter = "noord/straten/dorpsstraat/brief/index.html";
    assert!(page(&preview.snapshot(), letter).contains("Bewonersavond"));
    write(&root, "content/noord/avond.md", &meeting("Inloopavond"));
    preview.update(&changed(&preview, &["content/noord/avond.md"]));
    let after = page(&preview.snapshot(), letter);
    assert!(after.contains("Inloopavond"), "{after}");
    assert!(!after.contains("Bewonersavond"), "{after}");
}
