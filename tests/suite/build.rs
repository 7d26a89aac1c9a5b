//! `wijkverhaal build` over small sites.

use crate::util::{TestSite, contribution};

#[test]
fn a_site_with_only_site_toml_and_content_builds_every_path() {
    let site = TestSite::new().file(
        "content/tuinwijk-oost/energie/informatieavond.md",
        &contribution("title = \"Informatieavond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"", "Kom langs."),
    );
    site.build();
    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "tuinwijk-oost/index.html",
        "tuinwijk-oost/tijdlijn/index.html",
        "tuinwijk-oost/agenda/index.html",
        "tuinwijk-oost/agenda.ics",
        "tuinwijk-oost/straten/index.html",
        "tuinwijk-oost/straten/s-gravenweg/index.html",
        "tuinwijk-oost/straten/s-gravenweg/agenda.ics",
        "tuinwijk-oost/contact/index.html",
        "tuinwijk-oost/informatieavond/index.html",
        "tuinwijk-oost/nieuws.xml",
        "tuinwijk-oost/wijk.json",
    ] {
        assert!(site.public().join(path).is_file(), "missing {path}");
    }
    assert!(
        site.read("tuinwijk-oost/agenda.ics")
            .contains("DTSTART:20270328T173000Z\r\n")
    );
}
