//! Attachments and links between pages (spec: attachments-and-links.md):
//! what an editor attaches or links reaches residents, and a mistake is an
//! error or warning with file, line and what to write instead.

use crate::util::{TestSite, contribution, files_under};

const NEWS: &str =
    "title = \"Nieuws\"\ndepartment = \"Openbare Ruimte\"\nkind = \"news\"\ndate = 2027-01-10";

/// A photo as a phone makes it: rotated by EXIF, with its GPS position.
fn phone_photo() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images/gps-rotated.jpg");
    std::fs::read(path).expect("fixture photo")
}

/// A PNG of `width` x `height` with some detail to encode.
fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}

/// `check --format json` with `args`: the findings with `code`, as
/// (file, line, message).
fn check_findings(site: &TestSite, args: &[&str], code: &str) -> Vec<(String, u64, String)> {
    let check = site
        .cmd("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    let findings: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    findings
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn news(site: TestSite, name: &str, body: &str) -> TestSite {
    site.file(
        &format!("content/tuinwijk-oost/{name}"),
        &contribution(NEWS, body),
    )
}

#[test]
fn used_attachments_are_published_under_bijlagen_and_no_other_file_is() {
    let site = news(
        TestSite::new(),
        "openbare-ruimte/riool.md",
        "Lees [de tekening](tekeningen/Riool%20Bloemstraat.PDF) en [de lijst](lijst.csv).\n\n[Het verslag](verslag.docx)",
    );
    site.write(
        "content/tuinwijk-oost/openbare-ruimte/tekeningen/Riool Bloemstraat.PDF",
        &vec![b'%'; 1_234_567],
    );
    site.write("content/tuinwijk-oost/openbare-ruimte/lijst.csv", b"a;b\n");
    site.write("content/tuinwijk-oost/openbare-ruimte/verslag.docx", b"PK");
    site.write(
        "content/tuinwijk-oost/openbare-ruimte/bewoners.xlsx",
        b"namen",
    );
    site.write(
        "content/tuinwijk-oost/openbare-ruimte/~$verslag.docx",
        b"lock",
    );
    site.write("content/tuinwijk-oost/openbare-ruimte/.DS_Store", b"x");
    let check = site
        .cmd("check")
        .args(["--format", "json"])
        .output()
        .expect("run");
    let findings: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let codes: Vec<(String, String)> = findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").into(),
                f["file"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert!(
        codes.contains(&(
            "unused-file".into(),
            "content/tuinwijk-oost/openbare-ruimte/bewoners.xlsx".into()
        )),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(
            "office-file".into(),
            "content/tuinwijk-oost/openbare-ruimte/riool.md".into()
        )),
        "{codes:?}"
    );
    assert!(
        !codes
            .iter()
            .any(|(_, file)| file.contains("~$") || file.contains("DS_Store")),
        "{codes:?}"
    );
    site.build();
    let page = site.read("tuinwijk-oost/riool/index.html");
    assert!(
        page.contains("<a href=\"/tuinwijk-oost/bijlagen/openbare-ruimte/tekeningen/riool-bloemstraat.pdf\">de tekening (pdf, 1,2 MB)</a>"),
        "{page}"
    );
    assert!(page.contains("de lijst (csv, 1 kB)"), "{page}");
    let published: Vec<String> = files_under(&site.public())
        .into_keys()
        .filter(|p| p.contains("/bijlagen/"))
        .collect();
    assert_eq!(
        published,
        [
            "tuinwijk-oost/bijlagen/openbare-ruimte/lijst.csv",
            "tuinwijk-oost/bijlagen/openbare-ruimte/tekeningen/riool-bloemstraat.pdf",
            "tuinwijk-oost/bijlagen/openbare-ruimte/verslag.docx",
        ]
    );
}

#[test]
fn images_get_variants_in_both_formats_with_their_size_and_no_metadata() {
    let site = news(
        TestSite::new(),
        "plein.md",
        "![Ontwerp van het plein](ontwerp.png)\n\n![Foto van de straat](foto.jpg)",
    );
    site.write("content/tuinwijk-oost/ontwerp.png", &png(1000, 750));
    site.write("content/tuinwijk-oost/foto.jpg", &phone_photo());
    site.build();
    let page = site.read("tuinwijk-oost/plein/index.html");
    let base = "/tuinwijk-oost/bijlagen/ontwerp.png";
    assert!(page.contains(&format!(
        "<source type=\"image/webp\" srcset=\"{base}.480w.webp 480w, {base}.960w.webp 960w, {base}.1000w.webp 1000w\""
    )), "{page}");
    assert!(page.contains(&format!(
        "<img src=\"{base}\" srcset=\"{base}.480w.png 480w, {base}.960w.png 960w, {base} 1000w\""
    )), "{page}");
    assert!(
        page.contains(
            "width=\"1000\" height=\"750\" alt=\"Ontwerp van het plein\" loading=\"lazy\""
        ),
        "{page}"
    );
    // The phone photo is 64x48 stored, rotated a quarter by EXIF: 48x64 shown.
    assert!(
        page.contains("width=\"48\" height=\"64\" alt=\"Foto van de straat\""),
        "{page}"
    );
    let photo =
        std::fs::read(site.public().join("tuinwijk-oost/bijlagen/foto.jpg")).expect("photo");
    let decoded = image::load_from_memory(&photo).expect("a JPEG");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (48, 64),
        "orientation applied"
    );
    assert!(
        !photo.windows(4).any(|w| w == b"Exif"),
        "EXIF (and GPS) stripped"
    );
    assert!(
        phone_photo().windows(4).any(|w| w == b"Exif"),
        "the fixture has EXIF"
    );
    for variant in [
        ".480w.png",
        ".960w.png",
        ".480w.webp",
        ".960w.webp",
        ".1000w.webp",
    ] {
        let bytes = std::fs::read(
            site.public()
                .join(format!("tuinwijk-oost/bijlagen/ontwerp.png{variant}")),
        )
        .expect(variant);
        let image = image::load_from_memory(&bytes).expect(variant);
        assert!(image.width() <= 1000, "{variant}: never enlarged");
    }
    // A second build takes every variant from the cache.
    let cache = site.root().join(".wijkverhaal-cache/afbeeldingen");
    let cached = files_under(&cache);
    assert!(cached.len() >= 8, "{:?}", cached.keys());
    let modified = |path: &str| {
        std::fs::metadata(cache.join(path))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let before: Vec<_> = cached.keys().map(|p| modified(p)).collect();
    site.build();
    let after: Vec<_> = cached.keys().map(|p| modified(p)).collect();
    assert_eq!(before, after, "nothing encoded again");
}

#[test]
fn every_attachment_and_link_mistake_is_reported_in_one_run_and_nothing_is_written() {
    let site = news(
        TestSite::new(),
        "groen/bomen.md",
        "![Ontwerp](ontwerp-plien.jpg)\n\n![](foto.png)\n\n<img src=\"foto.png\">\n\n[Script](pagina.html)\n\n[Kaart](kaart.svg)\n\n[Avond](../energie/avnd.md)\n\n[Concept](@/tuinwijk-oost/concept.md)\n\n![Kapot](kapot.jpg) ![PDF](nep.jpg)",
    );
    site.write(
        "content/tuinwijk-oost/groen/ontwerp-plein.jpg",
        &phone_photo(),
    );
    site.write("content/tuinwijk-oost/groen/foto.png", &png(20, 20));
    site.write(
        "content/tuinwijk-oost/groen/pagina.html",
        b"<script>alert(1)</script>",
    );
    site.write(
        "content/tuinwijk-oost/groen/kaart.svg",
        b"<svg onload=\"alert(1)\"></svg>",
    );
    site.write("content/tuinwijk-oost/groen/Kaart.SVG.txt", b"x");
    let photo = phone_photo();
    site.write(
        "content/tuinwijk-oost/groen/kapot.jpg",
        &photo[..photo.len() / 2],
    );
    site.write("content/tuinwijk-oost/groen/nep.jpg", b"%PDF-1.4\n%...");
    site.write("content/tuinwijk-oost/groen/Plan A.pdf", b"%PDF");
    site.write("content/tuinwijk-oost/groen/plan-a.PDF", b"%PDF");
    let site = news(site, "energie/avond.md", "Tekst.");
    let site = site.file(
        "content/tuinwijk-oost/concept.md",
        &contribution(&format!("{NEWS}\ndraft = true"), "Nog niet af."),
    );
    let failure = site.build_fails();
    let file = "content/tuinwijk-oost/groen/bomen.md";
    failure.expect(
        file,
        Some(7),
        "missing-file",
        "bedoelt u \"ontwerp-plein.jpg\"",
    );
    failure.expect(
        file,
        Some(9),
        "missing-alt",
        "![Ontwerp van het nieuwe plein](foto.png)",
    );
    failure.expect(
        file,
        Some(11),
        "missing-alt",
        "alt=\"Ontwerp van het nieuwe plein\"",
    );
    failure.expect(file, Some(13), "unsafe-file", "pdf");
    failure.expect(file, Some(15), "unsafe-file", "pdf");
    failure.expect(file, Some(17), "broken-link", "bedoelt u \"avond.md\"");
    failure.expect(file, Some(19), "broken-link", "draft = true");
    failure.expect(
        "content/tuinwijk-oost/groen/nep.jpg",
        None,
        "bad-image",
        "opnieuw op",
    );
    failure.expect(
        "content/tuinwijk-oost/groen/plan-a.PDF",
        None,
        "attachment-collision",
        "andere naam",
    );
    assert!(!site.public().exists(), "nothing written");
    // The truncated photo is found when it is decoded: still an error naming it.
    let site = news(TestSite::new(), "foto.md", "![Kapot](kapot.jpg)");
    site.write(
        "content/tuinwijk-oost/kapot.jpg",
        &photo[..photo.len() * 2 / 3],
    );
    let failure = site.build_fails();
    assert!(
        failure.stderr.contains("content/tuinwijk-oost/kapot.jpg"),
        "{}",
        failure.stderr
    );
    assert!(!site.public().exists(), "nothing written");
}

#[test]
fn links_between_pages_become_their_addresses_with_the_base_path() {
    let site = news(
        TestSite::new(),
        "groen/bomen.md",
        "[Avond](../energie/Informatie%20Avond.md#aanmelden), [wijk](@/tuinwijk-oost/_index.md), [agenda](/tuinwijk-oost/agenda/), [elders](/andere-site/), [buiten](https://voorbeeld.nl/a.md), [kop](#kop), <a href=\"../energie/Informatie Avond.md\">html</a>",
    );
    let site = news(site, "energie/Informatie Avond.md", "Tekst.");
    site.build_with(&["--base-url", "https://voorbeeld.nl/wijken/"]);
    let page = site.read("tuinwijk-oost/bomen/index.html");
    for expected in [
        "href=\"/wijken/tuinwijk-oost/informatie-avond/#aanmelden\"",
        "href=\"/wijken/tuinwijk-oost/\"",
        "href=\"/wijken/tuinwijk-oost/agenda/\"",
        "href=\"/andere-site/\"",
        "href=\"https://voorbeeld.nl/a.md\"",
        "href=\"#kop\"",
        "<a href=\"/wijken/tuinwijk-oost/informatie-avond/\"",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    let check = site.cmd("check").output().expect("run");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains(
            "content/tuinwijk-oost/groen/bomen.md:7: warning[unknown-path]: het adres /andere-site/"
        ),
        "{stdout}"
    );
}

#[test]
fn a_slug_that_takes_the_attachments_folder_is_refused() {
    let site = news(TestSite::new(), "bijlagen.md", "Tekst.");
    let failure = site.build_fails();
    assert!(
        failure.stderr.contains("error[reserved-slug]"),
        "{}",
        failure.stderr
    );
}

const EVENT: &str = "title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"";

#[test]
fn a_renamed_page_keeps_its_old_address_and_its_calendar_identity() {
    let site = TestSite::new().file(
        "content/tuinwijk-oost/avond-warmtenet.md",
        &contribution(
            &format!(
                "{EVENT}\naliases = [\"/tuinwijk-oost/informatieavond\", \"/oud/avond.html\"]"
            ),
            "Tekst.",
        ),
    );
    let site = site.file(
        "content/tuinwijk-oost/nieuws.md",
        &contribution(
            &format!("{NEWS}\naliases = [\"/tuinwijk-oost/bericht/\"]"),
            "Tekst.",
        ),
    );
    site.build_with(&["--base-url", "https://voorbeeld.nl/wijken/"]);
    let page = site.read("tuinwijk-oost/informatieavond/index.html");
    for expected in [
        "<meta http-equiv=\"refresh\" content=\"0; url=/wijken/tuinwijk-oost/avond-warmtenet/\">",
        "<link rel=\"canonical\" href=\"https://voorbeeld.nl/wijken/tuinwijk-oost/avond-warmtenet/\">",
        "<meta name=\"robots\" content=\"noindex\">",
        "<a href=\"/wijken/tuinwijk-oost/avond-warmtenet/\">Informatieavond</a>",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    assert!(site.read("oud/avond.html").contains("avond-warmtenet"));
    assert_eq!(
        site.read("_redirects"),
        "/wijken/oud/avond.html /wijken/tuinwijk-oost/avond-warmtenet/ 301\n/wijken/tuinwijk-oost/bericht/ /wijken/tuinwijk-oost/nieuws/ 301\n/wijken/tuinwijk-oost/informatieavond/ /wijken/tuinwijk-oost/avond-warmtenet/ 301\n"
    );
    let calendar = site.read("tuinwijk-oost/agenda.ics");
    assert!(
        calendar.contains("UID:tuinwijk-oost-informatieavond@voorbeeld.nl"),
        "{calendar}"
    );
    let feed = site.read("tuinwijk-oost/nieuws.xml");
    assert!(
        feed.contains("<id>https://voorbeeld.nl/wijken/tuinwijk-oost/bericht/</id>"),
        "{feed}"
    );
    let sitemap = site.read("tuinwijk-oost/sitemap.xml");
    assert!(
        !sitemap.contains("informatieavond"),
        "redirects are not in the sitemap"
    );
}

#[test]
fn an_alias_that_is_a_page_or_another_alias_is_refused() {
    let site = TestSite::new()
        .file(
            "content/tuinwijk-oost/a.md",
            &contribution(
                &format!("{NEWS}\naliases = [\"/tuinwijk-oost/agenda/\", \"/tuinwijk-oost/oud/\"]"),
                "Tekst.",
            ),
        )
        .file(
            "content/tuinwijk-oost/b.md",
            &contribution(
                &format!("{NEWS}\naliases = [\"/tuinwijk-oost/oud\"]"),
                "Tekst.",
            ),
        )
        .file(
            "content/tuinwijk-oost/c.md",
            &contribution(&format!("{NEWS}\naliases = [\"oud/\"]"), "Tekst."),
        );
    let failure = site.build_fails();
    failure.expect(
        "content/tuinwijk-oost/a.md",
        Some(6),
        "alias-collision",
        "haal het uit aliases",
    );
    failure.expect(
        "content/tuinwijk-oost/b.md",
        Some(6),
        "alias-collision",
        "haal het uit aliases",
    );
    failure.expect(
        "content/tuinwijk-oost/c.md",
        Some(6),
        "invalid-field",
        "aliases = [\"/lindenhof/oude-naam/\"]",
    );
    assert!(!site.public().exists());
}

#[test]
fn check_links_visits_external_links_only_when_asked() {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
    let base = format!("http://{}", server.server_addr().to_ip().expect("ip"));
    let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&requests);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let status = if request.url() == "/ok" { 200 } else { 404 };
            let _ = request.respond(tiny_http::Response::from_string("").with_status_code(status));
        }
    });
    let site = news(
        TestSite::new(),
        "nieuws.md",
        &format!("[Goed]({base}/ok)\n\n[Weg]({base}/weg)\n\nNog eens [weg]({base}/weg)"),
    );
    let quiet = site.cmd("check").output().expect("run");
    assert!(!String::from_utf8_lossy(&quiet.stdout).contains("dead-link"));
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "nothing over the network"
    );
    let checked = site.cmd("check").arg("--links").output().expect("run");
    let stdout = String::from_utf8_lossy(&checked.stdout);
    assert!(
        stdout.contains(&format!(
            "content/tuinwijk-oost/nieuws.md:9: warning[dead-link]: de link {base}/weg werkt niet"
        )),
        "{stdout}"
    );
    assert_eq!(stdout.matches("warning[dead-link]").count(), 2, "{stdout}");
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "one request per address"
    );
}

/// Builds the `attachments` fixture as of `today` and returns the paths of
/// its output.
fn build_fixture_on(site: &TestSite, today: &str) -> Vec<String> {
    let output = site
        .cmd("build")
        .args(["--today", today])
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    files_under(&site.public()).into_keys().collect()
}

#[test]
fn a_scheduled_contribution_publishes_its_files_on_its_day_and_a_draft_never() {
    // groen/bomenplan.md has publish = 2027-03-15 and shows bomenplan.jpg
    // and bomenplan.pdf; the draft groen/schets-plantsoen.md shows
    // concept-schets.png. bomenplan.jpg has the same bytes as
    // openbare-ruimte/ontwerp-kade.jpg: one cache entry, two addresses.
    let site = TestSite::fixture("attachments");
    let scheduled = |files: &[String]| -> Vec<String> {
        files
            .iter()
            .filter(|f| f.contains("bomenplan") || f.contains("concept-schets"))
            .cloned()
            .collect()
    };
    let before = build_fixture_on(&site, "2027-03-14");
    assert_eq!(scheduled(&before), Vec::<String>::new());
    // The other pages' attachments are there, so the filter is not too broad.
    assert!(before.contains(&"havenkwartier/bijlagen/openbare-ruimte/bewonersbrief.pdf".into()));
    assert!(
        before
            .contains(&"havenkwartier/bijlagen/openbare-ruimte/ontwerp-kade.jpg.480w.webp".into())
    );

    for day in ["2027-03-15", "2027-06-01"] {
        let on = build_fixture_on(&site, day);
        let published = scheduled(&on);
        for expected in [
            "havenkwartier/bomenplan/index.html",
            "havenkwartier/bijlagen/groen/bomenplan.pdf",
            "havenkwartier/bijlagen/groen/bomenplan.jpg",
            "havenkwartier/bijlagen/groen/bomenplan.jpg.960w.jpg",
            "havenkwartier/bijlagen/groen/bomenplan.jpg.1600w.webp",
        ] {
            assert!(
                published.contains(&expected.to_string()),
                "{day}: {expected} missing from {published:?}"
            );
        }
        assert!(
            !published.iter().any(|f| f.contains("concept-schets")),
            "{day}: a draft's image: {published:?}"
        );
    }
    // `check` counts the scheduled page's files as used: no unused-file.
    let check = site
        .cmd("check")
        .args(["--today", "2027-03-14", "--format", "json"])
        .output()
        .expect("run");
    let findings: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let unused: Vec<&serde_json::Value> = findings
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["code"] == "unused-file")
        .collect();
    assert!(unused.is_empty(), "{unused:?}");
}

#[test]
fn a_raw_html_image_gets_the_same_picture_as_a_markdown_image() {
    let site = TestSite::fixture("attachments");
    build_fixture_on(&site, "2027-03-01");
    // kademuur.md shows ontwerp-kade.jpg in Markdown, the letter's news
    // item in raw HTML (<figure><img ...>), with a path in the base URL.
    let picture = |page: &str, alt: &str| -> String {
        let html = site.read(&format!("havenkwartier/{page}/index.html"));
        let problems = crate::html_check::problems(&html);
        assert!(problems.is_empty(), "{page}: {problems:?}");
        let start = html.find("<picture>").expect("a picture");
        let end = start + html[start..].find("</picture>").expect("its end");
        let picture = html[start..end].to_string();
        assert!(picture.contains(&format!("alt=\"{alt}\"")), "{picture}");
        picture.replace(alt, "")
    };
    let markdown = picture(
        "kademuur",
        "Ontwerp van de nieuwe kade: een brede stoep langs het water met bomen en bankjes",
    );
    let raw = picture(
        "kademuur-bewonersbrief",
        "Ontwerp van de nieuwe kade met bomen en bankjes",
    );
    assert_eq!(markdown, raw);
    let base = "/wijken/havenkwartier/bijlagen/openbare-ruimte/ontwerp-kade.jpg";
    for part in [
        format!(
            "<source type=\"image/webp\" srcset=\"{base}.480w.webp 480w, {base}.960w.webp 960w, {base}.1600w.webp 1600w\""
        ),
        format!(
            "<img src=\"{base}\" srcset=\"{base}.480w.jpg 480w, {base}.960w.jpg 960w, {base} 1600w\""
        ),
        "width=\"1600\" height=\"1067\"".to_string(),
        "loading=\"lazy\"".to_string(),
    ] {
        assert!(raw.contains(&part), "{part} not in {raw}");
    }
    // The figure around it and a raw link to an image stay as written.
    let letter = site.read("havenkwartier/kademuur-bewonersbrief/index.html");
    assert!(letter.contains("<figure>\n<picture>"), "{letter}");
    assert!(
        letter
            .contains("<a href=\"/wijken/havenkwartier/bijlagen/openbare-ruimte/kaart-kade.png\""),
        "{letter}"
    );
}

#[test]
fn a_raw_html_image_over_several_lines_is_read_whole() {
    let site = news(
        TestSite::new(),
        "buurthuis.md",
        "Tekst.\n\n<figure>\n<img src=\"foto.jpg\"\n     alt=\"Het buurthuis\">\n</figure>\n\n<p>\n<img src=\"kaart.png\"\n     title=\"Kaart\">\n</p>",
    );
    site.write("content/tuinwijk-oost/foto.jpg", &phone_photo());
    site.write("content/tuinwijk-oost/kaart.png", &png(600, 400));
    // The first image has its alt on its second line; the second has none.
    let failure = site.build_fails();
    assert_eq!(failure.error_count(), 1, "{}", failure.stderr);
    failure.expect(
        "content/tuinwijk-oost/buurthuis.md",
        Some(15),
        "missing-alt",
        "<img src=\"kaart.png\" alt=",
    );
    site.write(
        "content/tuinwijk-oost/buurthuis.md",
        contribution(
            NEWS,
            "Tekst.\n\n<figure>\n<img src=\"foto.jpg\"\n     alt=\"Het buurthuis\">\n</figure>",
        )
        .as_bytes(),
    );
    site.build();
    let page = site.read("tuinwijk-oost/buurthuis/index.html");
    assert!(
        page.contains("<figure>\n<picture><source type=\"image/webp\" srcset=\"/tuinwijk-oost/bijlagen/foto.jpg.48w.webp 48w\""),
        "{page}"
    );
    assert!(page.contains("width=\"48\" height=\"64\" alt=\"Het buurthuis\" loading=\"lazy\"></picture>\n</figure>"), "{page}");
}

#[test]
fn a_link_to_a_street_or_project_of_another_wijk_that_does_not_exist_is_unknown_path() {
    let site = news(
        TestSite::new(),
        "groen/bomen.md",
        "[Kade](/oude-haven/straten/kade/)\n\n[Nergens](/oude-haven/straten/bestaat-niet/)\n\n[Project](/oude-haven/project/kademuur/)\n\n[Geen project](/oude-haven/project/nergens)\n\n[Brief](/tuinwijk-oost/straten/bloemstraat/brief/)\n\n[Geen straat](/tuinwijk-oost/straten/nergensstraat/)",
    )
    .file(
        "content/oude-haven/_index.md",
        "+++\nname = \"Oude Haven\"\nsummary = \"De haven.\"\nstreets = [\"Kade\"]\n\n[contact]\nname = \"Sanne\"\nrole = \"Wijkregisseur\"\nemail = \"haven@proef.nl\"\nphone = \"14 020\"\n+++\nDe haven.\n",
    )
    .file(
        "content/oude-haven/kademuur.md",
        &contribution(
            "title = \"Kademuur\"\ndepartment = \"Openbare Ruimte\"\nkind = \"works\"\nstreets = [\"Kade\"]\nstart = 2027-04-01\nend = 2027-10-29\nproject = \"kademuur\"",
            "Tekst.",
        ),
    );
    let unknown = |args: &[&str]| -> Vec<(u64, String)> {
        check_findings(&site, args, "unknown-path")
            .into_iter()
            .map(|(_, line, message)| (line, message))
            .collect()
    };
    let found = unknown(&[]);
    let lines: Vec<u64> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [9, 13, 17], "{found:?}");
    assert!(
        found[0].1.contains("/oude-haven/straten/bestaat-niet/"),
        "{found:?}"
    );
    assert!(
        found[1].1.contains("/oude-haven/project/nergens"),
        "{found:?}"
    );
    // The links that work get the base path; the build still succeeds.
    site.build_with(&["--base-url", "https://voorbeeld.nl/wijken/"]);
    let page = site.read("tuinwijk-oost/bomen/index.html");
    assert!(
        page.contains("href=\"/wijken/oude-haven/straten/kade/\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/wijken/tuinwijk-oost/straten/bloemstraat/brief/\""),
        "{page}"
    );
}

#[test]
fn a_link_to_a_page_that_comes_online_later_is_scheduled_link_until_that_day() {
    let later = |publish: &str| contribution(&format!("{NEWS}\npublish = {publish}"), "Tekst.");
    let site = news(
        TestSite::new(),
        "groen/bomen.md",
        "[Avond](../energie/avond.md)\n\n[Haven](@/oude-haven/kademuur.md)\n\n[Nu al](../energie/al-online.md)",
    )
    .file("content/tuinwijk-oost/energie/avond.md", &later("2027-02-01"))
    .file("content/tuinwijk-oost/energie/al-online.md", &later("2027-01-02"))
    .file(
        "content/tuinwijk-oost/energie/plan.md",
        &contribution(
            &format!("{NEWS}\npublish = 2027-02-01"),
            "Zie de [avond](avond.md).",
        ),
    )
    .file(
        "content/oude-haven/_index.md",
        "+++\nname = \"Oude Haven\"\nsummary = \"De haven.\"\nstreets = [\"Kade\"]\n\n[contact]\nname = \"Sanne\"\nrole = \"Wijkregisseur\"\nemail = \"haven@proef.nl\"\nphone = \"14 020\"\n+++\nDe haven.\n",
    )
    .file("content/oude-haven/kademuur.md", &later("2027-03-01"));
    let scheduled = |today: &str| check_findings(&site, &["--today", today], "scheduled-link");
    let bomen = "content/tuinwijk-oost/groen/bomen.md";
    let found = scheduled("2027-01-15");
    let places: Vec<(&str, u64)> = found.iter().map(|(f, l, _)| (f.as_str(), *l)).collect();
    // The page published on the same day (plan.md) and the page already
    // online are fine.
    assert_eq!(places, [(bomen, 7), (bomen, 9)], "{found:?}");
    assert!(found[0].2.contains("1 februari 2027"), "{found:?}");
    assert!(
        found[1].2.contains("content/oude-haven/kademuur.md"),
        "{found:?}"
    );
    assert!(found[1].2.contains("1 maart 2027"), "{found:?}");
    let found = scheduled("2027-02-01");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(scheduled("2027-03-01").is_empty());
    // A warning: the build goes on, and the link works from its day on.
    let build = site
        .cmd("build")
        .args(["--today", "2027-02-01"])
        .output()
        .expect("run");
    assert!(build.status.success(), "{build:?}");
    let page = site.read("tuinwijk-oost/bomen/index.html");
    assert!(page.contains("href=\"/tuinwijk-oost/avond/\""), "{page}");
}
