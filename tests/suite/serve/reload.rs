//! What happens when files change under a running `serve`: edits reach
//! open tabs, broken files show the error page, deletions, atomic saves,
//! new wijken, bursts, stylesheets and site.toml.

use std::time::Duration;

use super::{EVENT, Serve, site_with_event};
use crate::util::{TestSite, contribution};

#[test]
fn an_edit_reloads_open_tabs_and_a_broken_file_shows_the_error_page_until_fixed() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    let file = "content/tuinwijk-oost/energie/informatieavond.md";
    let page = "/tuinwijk-oost/informatieavond/";

    let version = serve.version();
    let edited = EVENT.replace("Informatieavond\"", "Informatieavond over het warmtenet\"");
    let poll = std::thread::scope(|s| {
        let poll = s.spawn(|| serve.wait_for_change(version));
        std::thread::sleep(Duration::from_millis(100));
        site.write(file, contribution(&edited, "Kom langs.").as_bytes());
        poll.join().unwrap()
    });
    assert!(poll.contains("\"reload\":\"page\""), "{poll}");
    assert!(
        serve
            .get(page)
            .body
            .contains("Informatieavond over het warmtenet")
    );

    site.write(
        file,
        contribution(&edited.replace("warmtenet\"", "warmtenet"), "x").as_bytes(),
    );
    let error = serve.eventually(page, "error page", |r| r.status == 500);
    assert!(
        error.body.contains("informatieavond.md, regel 2"),
        "{}",
        error.body
    );
    assert!(
        error.body.contains("<p>Deze regel klopt niet (technisch: ")
            && error
                .body
                .contains("Tip: een tekst begint en eindigt met een dubbel aanhalingsteken"),
        "the error in plain Dutch, with what to write: {}",
        error.body
    );
    assert!(
        error.body.contains("/__livereload"),
        "the error page reloads by itself"
    );
    assert_eq!(serve.get("/").status, 500, "every page shows the errors");
    assert_eq!(
        serve.get("/tuinwijk-oost/wijk.json").status,
        200,
        "data stays"
    );

    site.write(file, contribution(EVENT, "Weer goed.").as_bytes());
    let back = serve.eventually(page, "page back", |r| r.status == 200);
    assert!(back.body.contains("Weer goed."));
}

#[test]
fn deleted_new_and_atomically_saved_files_and_new_wijken_are_seen() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    site.write(
        "content/tuinwijk-oost/groen/bomen.md",
        contribution(
            "title = \"Bomen\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02",
            "Nieuwe bomen.",
        )
        .as_bytes(),
    );
    serve.eventually("/tuinwijk-oost/bomen/", "new file", |r| r.status == 200);

    // An editor's atomic save: a temporary file renamed over the old one.
    site.write(
        "content/tuinwijk-oost/groen/.bomen.md.tmp",
        contribution(
            "title = \"Bomen geplant\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02",
            "Nieuwe bomen.",
        )
        .as_bytes(),
    );
    std::fs::rename(
        site.root()
            .join("content/tuinwijk-oost/groen/.bomen.md.tmp"),
        site.root().join("content/tuinwijk-oost/groen/bomen.md"),
    )
    .unwrap();
    serve.eventually("/tuinwijk-oost/bomen/", "atomic save", |r| {
        r.body.contains("Bomen geplant")
    });

    std::fs::remove_file(site.root().join("content/tuinwijk-oost/groen/bomen.md")).unwrap();
    serve.eventually("/tuinwijk-oost/bomen/", "deleted file", |r| r.status == 404);
    assert_eq!(serve.get("/tuinwijk-oost/informatieavond/").status, 200);

    let index = crate::util::WIJK_INDEX.replace("Tuinwijk-Oost", "Havenkwartier");
    let staging = site.root().join("havenkwartier");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("_index.md"), index).unwrap();
    std::fs::rename(&staging, site.root().join("content/havenkwartier")).unwrap();
    serve.eventually("/havenkwartier/", "new wijk", |r| r.status == 200);
    serve.eventually("/", "overview", |r| r.body.contains("Havenkwartier"));
}

/// A burst of 500 new files (a `git pull`), each saved atomically so no
/// rebuild can read a half-written file. The preview starts a new rebuild
/// only after a pause in the events of at least `watch::SETTLED`, or after
/// `watch::MAX_WAIT`: a burst written without a pause gives one or two
/// rebuilds (the first file may start one at once; the rest queues behind
/// it and is one more). On a busy machine the writer itself is paused now
/// and then, and each pause may start one more rebuild: the test counts
/// those pauses, so its bound holds however the machine schedules it, and
/// is "one or two" whenever the writer ran without a break.
/// `watch::tests` proves the batching itself without timing.
#[test]
fn a_burst_of_500_files_gives_one_or_two_rebuilds() {
    use wijkverhaal::serve::watch::{MAX_WAIT, SETTLED};
    let site = TestSite::new();
    let serve = Serve::start(&site);
    let version = serve.version();
    let folder = site.root().join("content/tuinwijk-oost/groen");
    std::fs::create_dir_all(&folder).unwrap();
    let started = std::time::Instant::now();
    let mut last = started;
    let mut pauses = 0;
    for i in 0..500 {
        let front = format!(
            "title = \"Bericht {i}\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02"
        );
        // Hidden while written (the preview ignores it), then renamed in.
        let temporary = folder.join(format!(".bericht-{i}.md.tmp"));
        std::fs::write(&temporary, contribution(&front, "Tekst.")).unwrap();
        std::fs::rename(&temporary, folder.join(format!("bericht-{i}.md"))).unwrap();
        let now = std::time::Instant::now();
        if now - last >= SETTLED {
            pauses += 1;
        }
        last = now;
    }
    let burst = started.elapsed();
    serve.wait_for_change(version);
    for page in ["bericht-0", "bericht-250", "bericht-499"] {
        serve.eventually(&format!("/tuinwijk-oost/{page}/"), page, |r| {
            r.status == 200
        });
    }
    // A rebuild after the last page is there would be one too many.
    std::thread::sleep(Duration::from_millis(300));
    let log = serve.log.lock().unwrap().clone();
    assert!(
        !log.iter().any(|l| l.contains("de site heeft")),
        "no rebuild saw a broken (half-written) file: {log:?}"
    );
    let rebuilds = serve.rebuilds();
    let bound = 2 + pauses + (burst.as_millis() / MAX_WAIT.as_millis()) as usize;
    assert!(
        (1..=bound).contains(&rebuilds),
        "{rebuilds} rebuilds for a burst of {burst:?} with {pauses} pauses of the writer \
         (at most {bound}): {log:?}"
    );
}

#[test]
fn a_stylesheet_change_swaps_the_css_and_a_site_toml_change_rebuilds_all() {
    let site = TestSite::new().file("themes/default/static/assets/extra.css", "p { color: red }");
    let serve = Serve::start(&site);
    assert!(serve.get("/assets/extra.css").body.contains("red"));

    let version = serve.version();
    let poll = std::thread::scope(|s| {
        let poll = s.spawn(|| serve.wait_for_change(version));
        std::thread::sleep(Duration::from_millis(100));
        site.write(
            "themes/default/static/assets/extra.css",
            b"p { color: blue }",
        );
        poll.join().unwrap()
    });
    assert!(poll.contains("\"reload\":\"css\""), "{poll}");
    assert!(serve.get("/assets/extra.css").body.contains("blue"));

    let toml = crate::util::SITE_TOML.replace("Gemeente Proef", "Gemeente Anders");
    site.write("site.toml", toml.as_bytes());
    serve.eventually("/tuinwijk-oost/", "new site title", |r| {
        r.body.contains("Gemeente Anders")
    });

    site.write(
        "themes/default/templates/404.html",
        b"{% extends \"base.html\" %}{% block main %}{{ oeps }",
    );
    let error = serve.eventually("/", "template error", |r| r.status == 500);
    assert!(
        error.body.contains("themes/default/templates/404.html"),
        "{}",
        error.body
    );
    std::fs::remove_file(site.root().join("themes/default/templates/404.html")).unwrap();
    serve.eventually("/", "built-in template back", |r| r.status == 200);
}

#[test]
fn a_removed_and_restored_content_folder_and_a_broken_site_toml_are_followed() {
    let site = site_with_event();
    let serve = Serve::start(&site);
    let content = site.root().join("content");
    let aside = site.root().join("content-weg");
    std::fs::rename(&content, &aside).unwrap();
    serve.eventually("/", "no content", |r| {
        r.status == 500 && r.body.contains("content")
    });
    std::fs::rename(&aside, &content).unwrap();
    serve.eventually("/tuinwijk-oost/informatieavond/", "content back", |r| {
        r.status == 200
    });
    site.write(
        "content/tuinwijk-oost/energie/informatieavond.md",
        contribution(EVENT, "Na de terugkeer.").as_bytes(),
    );
    serve.eventually("/tuinwijk-oost/informatieavond/", "edit after", |r| {
        r.body.contains("Na de terugkeer.")
    });

    site.write("site.toml", b"title = \"Gemeente Proef\"\nbase_url = ");
    let error = serve.eventually("/", "broken site.toml", |r| r.status == 500);
    assert!(error.body.contains("site.toml"), "{}", error.body);
    site.write("site.toml", crate::util::SITE_TOML.as_bytes());
    serve.eventually("/tuinwijk-oost/", "site back", |r| r.status == 200);
}
