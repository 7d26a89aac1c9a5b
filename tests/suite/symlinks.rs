//! A site repository is untrusted: a symbolic link in it must never bring a
//! file from outside the site into the output. Each route the build reads
//! (content, wijk folders, templates, static files, themes, site.toml) gets
//! an `outside-site` error naming the link, in `build` and in `check`, and
//! nothing read through it reaches `public/`. Links that stay inside are fine.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::util::{TestSite, contribution};

const SECRET: &str = "GEHEIM-TOKEN-uit-de-omgeving";

/// A folder outside the site with a secret file and a `static/` and
/// `templates/` like a theme's.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("static/secret.txt"), SECRET).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/404.html"), SECRET).unwrap();
    let wijk = dir.path().join("wijk");
    std::fs::create_dir_all(&wijk).unwrap();
    std::fs::write(
        wijk.join("_index.md"),
        crate::util::WIJK_INDEX.replace("Het verhaal van de wijk.", SECRET),
    )
    .unwrap();
    dir
}

/// Builds (expecting failure), checks, and asserts `outside-site` for `link`
/// in both, and that the secret is nowhere in the output or the messages.
fn refused(site: &TestSite, link: &str) {
    let failure = site.build_fails();
    failure.expect(link, None, "outside-site", "binnen de site");
    assert!(!failure.stderr.contains(SECRET), "{}", failure.stderr);
    let public = site.public();
    if public.exists() {
        for (path, bytes) in site.output_files() {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{path} holds the secret"
            );
        }
    }
    let check = site.cmd("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("{link}: error[outside-site]")),
        "check does not name {link}:\n{stdout}"
    );
}

#[test]
fn a_template_linked_to_a_file_outside_is_refused() {
    let out = outside();
    let site = TestSite::new();
    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    symlink(
        out.path().join("secret.txt"),
        site.root().join("themes/default/templates/404.html"),
    )
    .unwrap();
    refused(&site, "themes/default/templates/404.html");
}

#[test]
fn proc_self_environ_as_a_template_is_refused() {
    let site = TestSite::new();
    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    symlink(
        "/proc/self/environ",
        site.root().join("themes/default/templates/404.html"),
    )
    .unwrap();
    let failure = site.build_fails();
    failure.expect(
        "themes/default/templates/404.html",
        None,
        "outside-site",
        "binnen de site",
    );
    assert!(!site.public().join("404.html").exists());
}

#[test]
fn a_static_file_linked_outside_is_refused() {
    let out = outside();
    let site = TestSite::new();
    std::fs::create_dir_all(site.root().join("themes/default/static")).unwrap();
    symlink(
        out.path().join("secret.txt"),
        site.root().join("themes/default/static/passwd.txt"),
    )
    .unwrap();
    refused(&site, "themes/default/static/passwd.txt");
}

#[test]
fn a_static_folder_linked_outside_is_refused() {
    let out = outside();
    let site = TestSite::new();
    std::fs::create_dir_all(site.root().join("themes/default")).unwrap();
    symlink(
        out.path().join("static"),
        site.root().join("themes/default/static"),
    )
    .unwrap();
    refused(&site, "themes/default/static");
}

#[test]
fn a_theme_folder_linked_outside_is_refused() {
    let out = outside();
    let site = TestSite::new().file(
        "site.toml",
        &format!("{}theme = \"eigen\"\n", crate::util::SITE_TOML),
    );
    std::fs::create_dir_all(site.root().join("themes")).unwrap();
    symlink(out.path(), site.root().join("themes/eigen")).unwrap();
    refused(&site, "themes/eigen");
}

#[test]
fn a_theme_that_is_a_path_is_an_error() {
    let out = outside();
    for theme in [
        out.path().display().to_string(),
        "../../x".to_string(),
        "..".to_string(),
        "eigen/../../x".to_string(),
    ] {
        let site = TestSite::new().file(
            "site.toml",
            &format!("{}theme = \"{theme}\"\n", crate::util::SITE_TOML),
        );
        let failure = site.build_fails();
        failure.expect("site.toml", Some(3), "invalid-field", "theme = \"default\"");
        assert!(!site.public().exists(), "{theme}: output written");
    }
}

#[test]
fn a_wijk_folder_linked_outside_is_refused() {
    let out = outside();
    let site = TestSite::new();
    symlink(out.path().join("wijk"), site.root().join("content/buiten")).unwrap();
    refused(&site, "content/buiten");
}

#[test]
fn the_content_folder_linked_outside_is_refused() {
    let out = outside();
    let site = TestSite::empty().file("site.toml", crate::util::SITE_TOML);
    std::fs::create_dir_all(out.path().join("content/w")).unwrap();
    symlink(
        out.path().join("wijk"),
        out.path().join("content/tuinwijk-oost"),
    )
    .unwrap();
    symlink(out.path().join("content"), site.root().join("content")).unwrap();
    refused(&site, "content");
}

#[test]
fn a_contribution_linked_outside_is_refused() {
    let out = outside();
    std::fs::write(
        out.path().join("nieuws.md"),
        contribution(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-10",
            SECRET,
        ),
    )
    .unwrap();
    let site = TestSite::new();
    symlink(
        out.path().join("nieuws.md"),
        site.root().join("content/tuinwijk-oost/nieuws.md"),
    )
    .unwrap();
    refused(&site, "content/tuinwijk-oost/nieuws.md");
}

#[test]
fn a_sub_folder_of_a_wijk_linked_outside_is_refused() {
    let out = outside();
    std::fs::write(
        out.path().join("static/nieuws.md"),
        contribution(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-10",
            SECRET,
        ),
    )
    .unwrap();
    let site = TestSite::new();
    symlink(
        out.path().join("static"),
        site.root().join("content/tuinwijk-oost/groen"),
    )
    .unwrap();
    refused(&site, "content/tuinwijk-oost/groen");
}

#[test]
fn site_toml_linked_outside_is_refused() {
    let out = outside();
    std::fs::write(out.path().join("site.toml"), crate::util::SITE_TOML).unwrap();
    let site = TestSite::empty().file("content/tuinwijk-oost/_index.md", crate::util::WIJK_INDEX);
    symlink(out.path().join("site.toml"), site.root().join("site.toml")).unwrap();
    let failure = site.build_fails();
    failure.expect("site.toml", None, "outside-site", "binnen de site");
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = TestSite::new()
        .file(
            "gedeeld/nieuws.md",
            &contribution(
                "title = \"Gedeeld nieuws\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-10",
                "Tekst.",
            ),
        )
        .file("gedeeld/static/extra.css", "body{}")
        .file("gedeeld/404.html", "{% extends \"base.html\" %}");
    symlink(
        site.root().join("gedeeld/nieuws.md"),
        site.root().join("content/tuinwijk-oost/nieuws.md"),
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    symlink(
        site.root().join("gedeeld/static"),
        site.root().join("themes/default/static"),
    )
    .unwrap();
    symlink(
        "../../../gedeeld/404.html",
        site.root().join("themes/default/templates/404.html"),
    )
    .unwrap();
    site.build();
    assert!(
        site.read("tuinwijk-oost/nieuws/index.html")
            .contains("Gedeeld nieuws")
    );
    assert_eq!(site.read("extra.css"), "body{}");
}

#[test]
fn an_attachment_linked_outside_is_refused() {
    let out = outside();
    std::fs::write(out.path().join("geheim.pdf"), format!("%PDF-1.4 {SECRET}")).unwrap();
    let site = TestSite::new().file(
        "content/tuinwijk-oost/nieuws.md",
        &contribution(
            "title = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2027-01-10",
            "Lees [het besluit](besluit.pdf).",
        ),
    );
    symlink(
        out.path().join("geheim.pdf"),
        site.root().join("content/tuinwijk-oost/besluit.pdf"),
    )
    .unwrap();
    refused(&site, "content/tuinwijk-oost/besluit.pdf");
}

#[test]
fn a_kaart_geojson_linked_outside_is_refused() {
    let out = outside();
    std::fs::write(
        out.path().join("kaart.geojson"),
        format!("{{\"type\":\"FeatureCollection\",\"features\":[],\"name\":\"{SECRET}\"}}"),
    )
    .unwrap();
    let site = TestSite::new();
    symlink(
        out.path().join("kaart.geojson"),
        site.root().join("content/tuinwijk-oost/kaart.geojson"),
    )
    .unwrap();
    refused(&site, "content/tuinwijk-oost/kaart.geojson");
}
