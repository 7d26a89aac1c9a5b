//! Snapshots of what residents and other systems see of the `complete`
//! fixture: `wijk.json` whole, and of each key page the text of its
//! `<main>` region (with link targets and `<time datetime>` values), so
//! changes to the theme's markup do not churn them but changes to content,
//! order, dates and links do. Update with `INSTA_UPDATE=always cargo test`
//! and review the `.snap` diff.

use crate::read::main_text;
use crate::util::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("complete");
    site.build();
    site
}

/// Snapshots the `<main>` text of each page, named after its path.
fn pages(site: &TestSite, paths: &[&str]) {
    for path in paths {
        let name = path
            .trim_end_matches("index.html")
            .trim_end_matches('/')
            .replace('/', "__");
        let name = if name.is_empty() {
            "overview".into()
        } else {
            name
        };
        insta::assert_snapshot!(name, main_text(&site.read(path)));
    }
}

#[test]
fn wijk_json_of_every_wijk() {
    let site = built();
    for slug in ["tuinwijk-oost", "stille-hoek", "regelhof"] {
        insta::assert_snapshot!(
            format!("{slug}__wijk_json"),
            site.read(&format!("{slug}/wijk.json"))
        );
    }
}

#[test]
fn overview_and_wijk_home_pages() {
    let site = built();
    pages(
        &site,
        &[
            "index.html",
            "tuinwijk-oost/index.html",
            "stille-hoek/index.html",
            "regelhof/index.html",
        ],
    );
}

#[test]
fn timeline_agenda_streets_and_contact() {
    let site = built();
    pages(
        &site,
        &[
            "tuinwijk-oost/tijdlijn/index.html",
            "tuinwijk-oost/agenda/index.html",
            "tuinwijk-oost/straten/index.html",
            "tuinwijk-oost/straten/bloemstraat/index.html",
            "tuinwijk-oost/contact/index.html",
        ],
    );
}

#[test]
fn project_and_contribution_pages() {
    let site = built();
    pages(
        &site,
        &[
            "tuinwijk-oost/project/warmtenet-bloemstraat/index.html",
            "tuinwijk-oost/project/speelplein-lindelaan/index.html",
            "tuinwijk-oost/informatieavond/index.html",
            "tuinwijk-oost/geveltuinen/index.html",
            "tuinwijk-oost/isolatiesubsidie/index.html",
            "regelhof/project/energiehulp/index.html",
        ],
    );
}
