//! A build swaps its output in whole or not at all: a failing build leaves
//! the earlier output byte for byte as it was and no staging folder behind,
//! and no build may replace the site's own files.

use crate::util::{TODAY, TestSite, contribution, entries, files_under};

/// The bytes and the modification times of every output file.
fn snapshot(site: &TestSite) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    files_under(&site.public())
        .into_iter()
        .map(|(path, bytes)| {
            let modified = std::fs::metadata(site.public().join(&path))
                .and_then(|m| m.modified())
                .expect("mtime");
            (path, bytes, modified)
        })
        .collect()
}

#[test]
fn a_failing_build_leaves_the_earlier_output_byte_for_byte_unchanged() {
    let site = TestSite::fixture("complete");
    site.build();
    let before = snapshot(&site);
    let root_before = site.root_entries();
    site.write(
        "content/tuinwijk-oost/groen/bomen-bloemstraat.md",
        contribution("title = \"Bomen\"\nkind = \"werk\"", "").as_bytes(),
    );
    site.write(
        "content/stille-hoek/nieuws.md",
        contribution(
            "title = \"Nieuws\"\ndepartment = \"Groen\"\nkind = \"news\"",
            "",
        )
        .as_bytes(),
    );
    let failure = site.build_fails();
    let unchanged = format!(
        "Er is niets geschreven; de map {} is niet veranderd.",
        site.public().display()
    );
    assert!(failure.stderr.contains(&unchanged), "{}", failure.stderr);
    assert!(before == snapshot(&site), "public/ changed");
    assert_eq!(
        site.root_entries(),
        root_before,
        "a staging folder was left"
    );
}

#[test]
fn a_build_that_fails_while_rendering_leaves_no_staging_folder() {
    let site = TestSite::fixture("complete");
    site.build();
    let before = snapshot(&site);
    // A template that fails only while it renders, after other pages are staged.
    site.write(
        "themes/default/templates/tijdlijn.html",
        b"{% extends \"base.html\" %}{% block main %}{{ no_such_function() }}{% endblock %}",
    );
    let failure = site.build_fails();
    assert!(before == snapshot(&site), "public/ changed");
    assert_eq!(
        site.root_entries(),
        ["content", "public", "site.toml", "themes"]
    );
    // It fails in every wijk: one error names the pages.
    one_error_naming(
        &failure.stderr,
        "error[template]: 3 pagina's kunnen niet worden gemaakt \
         (/regelhof/tijdlijn/, /stille-hoek/tijdlijn/, /tuinwijk-oost/tijdlijn/): \
         de template tijdlijn.html geeft een fout",
    );
    // Every run reports the same, whichever wijk fails first.
    for _ in 0..3 {
        assert_eq!(site.build_fails().stderr, failure.stderr);
    }
}

#[test]
fn a_failing_first_build_writes_nothing() {
    let site = TestSite::fixture("five-errors");
    site.build_fails();
    assert_eq!(site.root_entries(), ["content", "site.toml"]);
}

#[test]
fn a_build_replaces_files_that_are_gone_from_the_content() {
    let site = TestSite::fixture("complete");
    site.build();
    assert!(
        site.public()
            .join("tuinwijk-oost/geveltuinen/index.html")
            .is_file()
    );
    std::fs::remove_file(
        site.root()
            .join("content/tuinwijk-oost/groen/geveltuinen.md"),
    )
    .expect("remove");
    site.build();
    assert!(!site.public().join("tuinwijk-oost/geveltuinen").exists());
}

#[test]
fn the_output_folder_cannot_be_the_site_itself() {
    let site = TestSite::fixture("complete");
    let content_before = files_under(site.root());
    for output in [".", "content", "content/tuinwijk-oost", "themes/x"] {
        let result = site
            .cmd("build")
            .args(["--today", TODAY, "--output"])
            .arg(site.root().join(output))
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "--output {output}: {stderr}");
        assert!(stderr.contains("error[bad-output]"), "{stderr}");
        assert!(stderr.contains("--output public"), "{stderr}");
    }
    assert_eq!(
        files_under(site.root()),
        content_before,
        "the site was touched"
    );
    assert_eq!(entries(site.root()), ["content", "site.toml"]);

    // Nor a folder that holds the site.
    let outer = tempfile::tempdir().expect("temp dir");
    let root = outer.path().join("site");
    crate::util::copy_dir(site.root(), &root);
    let mut cmd = assert_cmd::Command::cargo_bin("wijkverhaal").expect("binary");
    cmd.args(["build", "--today", TODAY, "--root"])
        .arg(&root)
        .arg("--output")
        .arg(outer.path())
        .assert()
        .code(1);
    assert_eq!(files_under(&root), content_before);
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_kept() {
    let site = TestSite::fixture("complete").file("uit.txt", "notities");
    let result = site
        .cmd("build")
        .args(["--today", TODAY, "--output"])
        .arg(site.root().join("uit.txt"))
        .output()
        .expect("run");
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("is een bestand, geen map"));
    assert_eq!(
        std::fs::read_to_string(site.root().join("uit.txt")).expect("kept"),
        "notities"
    );
    assert_eq!(entries(site.root()), ["content", "site.toml", "uit.txt"]);
}

/// A GitHub Pages checkout as the output folder: `.git`, `CNAME`, `.nojekyll`.
fn pages_checkout(site: &TestSite) {
    site.write("public/.git/HEAD", b"ref: refs/heads/gh-pages\n");
    site.write("public/.git/objects/ab/cdef", b"object");
    site.write("public/CNAME", b"wijken.proef.nl\n");
    site.write("public/.nojekyll", b"");
}

fn assert_checkout_kept(site: &TestSite) {
    assert_eq!(site.read(".git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(site.read(".git/objects/ab/cdef"), "object");
    assert_eq!(site.read("CNAME"), "wijken.proef.nl\n");
    assert!(site.public().join(".nojekyll").is_file());
}

#[test]
fn a_build_into_a_pages_checkout_keeps_git_cname_and_nojekyll() {
    let site = TestSite::fixture("complete");
    pages_checkout(&site);
    site.build();
    assert_checkout_kept(&site);
    assert!(site.public().join("tuinwijk-oost/index.html").is_file());
    site.build();
    assert_checkout_kept(&site);
    assert_eq!(site.root_entries(), ["content", "public", "site.toml"]);
}

#[test]
fn a_folder_with_unknown_files_is_refused_and_left_as_it_was() {
    let site = TestSite::fixture("complete");
    site.write("public/.git/HEAD", b"ref");
    site.write("public/verslag.docx", b"van een collega");
    let before = files_under(&site.public());
    let failure = site.build_fails();
    assert!(
        failure.stderr.contains("error[foreign-output]") && failure.stderr.contains("verslag.docx"),
        "{}",
        failure.stderr
    );
    assert!(failure.stderr.contains("keep = ["), "{}", failure.stderr);
    assert_eq!(files_under(&site.public()), before);
    // Listed in `keep`, the file is carried over instead.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        format!("{toml}keep = [\".git\", \"verslag.docx\"]\n").as_bytes(),
    );
    site.build();
    assert_eq!(site.read("verslag.docx"), "van een collega");
    assert_eq!(site.read(".git/HEAD"), "ref");
}

/// Builds with the process killed right after `step` of the output swap.
fn killed_after(site: &TestSite, step: u32) {
    let output = site
        .cmd("build")
        .args(["--today", TODAY])
        .env("WIJKVERHAAL_TEST_ABORT_AFTER_STEP", step.to_string())
        .output()
        .expect("run");
    assert!(!output.status.success(), "step {step} did not abort");
}

#[test]
fn a_build_killed_between_any_two_steps_of_the_swap_loses_nothing() {
    for step in 1..=5 {
        for recovering in ["build", "check"] {
            let site = TestSite::fixture("complete");
            pages_checkout(&site);
            site.build();
            let old = site.read("tuinwijk-oost/index.html");
            site.write(
                "content/tuinwijk-oost/_index.md",
                std::fs::read_to_string(site.root().join("content/tuinwijk-oost/_index.md"))
                    .expect("index")
                    .replace("Tuinwijk-Oost", "Tuinwijk-Noord")
                    .as_bytes(),
            );
            killed_after(&site, step);
            // Right after the kill, the old or the new site may be in place
            // or aside; the next command puts the last complete one back.
            let status = site.cmd(recovering).output().expect("run").status;
            if recovering == "build" {
                assert!(status.success(), "step {step}");
            }
            let now = site.read("tuinwijk-oost/index.html");
            assert!(
                now == old || now.contains("Tuinwijk-Noord"),
                "step {step}, {recovering}: no complete site"
            );
            assert_checkout_kept(&site);
            assert_eq!(
                site.root_entries(),
                ["content", "public", "site.toml"],
                "step {step}, {recovering}: leftovers"
            );
        }
    }
}

#[test]
fn a_page_template_that_fails_on_every_contribution_names_three_and_counts_the_rest() {
    let site = TestSite::fixture("complete");
    site.write(
        "themes/default/templates/contribution.html",
        b"{% extends \"base.html\" %}{% block main %}{{ item.title | no_such_filter }}{% endblock %}",
    );
    let failure = site.build_fails();
    one_error_naming(
        &failure.stderr,
        " pagina's kunnen niet worden gemaakt (/regelhof/",
    );
    assert!(failure.stderr.contains(" en nog "), "{}", failure.stderr);
}

#[test]
fn templates_that_fail_on_different_kinds_of_page_are_all_reported_in_one_run() {
    let site = TestSite::fixture("complete");
    site.write(
        "themes/default/templates/tijdlijn.html",
        b"{% extends \"base.html\" %}{% block main %}{{ no_such_function() }}{% endblock %}",
    );
    site.write(
        "themes/default/templates/contribution.html",
        b"{% extends \"base.html\" %}{% block main %}{{ item.title | no_such_filter }}{% endblock %}",
    );
    site.write(
        "themes/default/templates/straat.html",
        b"{% extends \"base.html\" %}{% block main %}{{ still_no_such_function() }}{% endblock %}",
    );
    let failure = site.build_fails();
    for template in ["tijdlijn.html", "contribution.html", "straat.html"] {
        assert!(
            failure
                .stderr
                .contains(&format!("de template {template} geeft een fout")),
            "{template}: {}",
            failure.stderr
        );
    }
    assert!(
        failure
            .stderr
            .contains("(/regelhof/tijdlijn/, /stille-hoek/tijdlijn/, /tuinwijk-oost/tijdlijn/)"),
        "{}",
        failure.stderr
    );
    assert!(
        failure
            .stderr
            .contains("De build is gestopt: 3 fouten. Er is niets geschreven"),
        "{}",
        failure.stderr
    );
    assert_eq!(site.root_entries(), ["content", "site.toml", "themes"]);
    for _ in 0..2 {
        assert_eq!(site.build_fails().stderr, failure.stderr);
    }
}

/// `stderr` holds one error, which says `expected`, and the line that the
/// build stopped on it without writing.
fn one_error_naming(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "{stderr}");
    assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
    assert!(
        stderr.contains("De build is gestopt: 1 fout. Er is niets geschreven"),
        "{stderr}"
    );
}
