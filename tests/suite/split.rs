//! A large platform splits its build: jobs with `--wijk` build disjoint sets
//! of wijken, one job with `--overview-only` builds the root, and the parts
//! put together equal one full build (but for the sitemap, which becomes an
//! index of the wijken's own sitemaps).

use std::collections::BTreeMap;

use crate::util::{TestSite, files_under};

fn build_into(site: &TestSite, out: &str, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let output = site.root().join(out);
    site.cmd("build")
        .args(["--today", "2027-01-15", "--output"])
        .arg(&output)
        .args(args)
        .assert()
        .success();
    files_under(&output)
}

#[test]
fn split_jobs_put_together_equal_a_full_build() {
    let site = TestSite::fixture("complete");
    let full = build_into(&site, "full", &[]);
    let first = build_into(&site, "job-1", &["--wijk", "tuinwijk-oost"]);
    let second = build_into(
        &site,
        "job-2",
        &["--wijk", "regelhof", "--wijk", "stille-hoek"],
    );
    let root = build_into(&site, "root", &["--overview-only"]);

    assert!(
        !first.contains_key("index.html") && !second.contains_key("index.html"),
        "a partial build has no overview"
    );
    // Top-level folders of the site root, never a wijk's.
    let root_folder = |path: &str| {
        [
            "assets/",
            "toegankelijkheid/",
            "privacy/",
            ".well-known/",
            "straten/",
        ]
        .iter()
        .any(|folder| path.starts_with(folder))
    };
    assert!(
        root.keys()
            .all(|path| !path.contains('/') || root_folder(path)),
        "the root job writes no wijk: {:?}",
        root.keys()
    );
    assert!(
        [&first, &second].iter().all(|job| job
            .keys()
            .all(|path| !root_folder(path) || path.starts_with("assets/"))),
        "a wijk job leaves the legal pages to the root job"
    );

    let mut assembled = root.clone();
    for job in [&first, &second] {
        assembled.extend(
            job.iter()
                .filter(|(path, _)| path.contains('/') && !root_folder(path))
                .map(|(p, b)| (p.clone(), b.clone())),
        );
    }
    let differing: Vec<&String> = full
        .keys()
        .filter(|path| full.get(*path) != assembled.get(*path))
        .collect();
    assert_eq!(
        differing,
        vec![".wijkverhaal", "sitemap.xml"],
        "only the root sitemap and the list of written files differ"
    );
    assert_eq!(full.len(), assembled.len());

    let index = String::from_utf8(root["sitemap.xml"].clone()).unwrap();
    assert!(index.contains("<sitemapindex"), "{index}");
    for wijk in ["regelhof", "stille-hoek", "tuinwijk-oost"] {
        let own = format!("https://wijken.proefdorp.nl/{wijk}/sitemap.xml");
        assert!(index.contains(&own), "{own} missing from {index}");
        let wijk_sitemap = String::from_utf8(full[&format!("{wijk}/sitemap.xml")].clone()).unwrap();
        assert!(
            wijk_sitemap.contains(&format!("https://wijken.proefdorp.nl/{wijk}/contact/")),
            "{wijk_sitemap}"
        );
    }
}

#[test]
fn overview_only_reports_errors_in_the_wijken_it_reads() {
    let site = TestSite::new().file("content/kapot/_index.md", "+++\nname = \"Kapot\"\n+++\n");
    site.cmd("build")
        .arg("--overview-only")
        .assert()
        .failure()
        .code(1);
    assert!(!site.public().exists());
}
