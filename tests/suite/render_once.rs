//! The frame parts (`header.html`, `aside.html`, `footer.html`) and the cards
//! are rendered once per wijk and reused: a site's own versions of them still
//! take effect everywhere, and a `base.html` written without them still works.

use crate::util::TestSite;

const MACROS: &str = include_str!("../../themes/default/templates/macros.html");

#[test]
fn the_card_macro_of_the_site_makes_the_cards_of_every_list_page() {
    let macros = MACROS.replace(
        "<article class=\"card ",
        "<article data-eigen=\"{{ item.kind }}\" class=\"card ",
    );
    assert_ne!(macros, MACROS, "the built-in card macro changed");
    let site = TestSite::fixture("complete").file("themes/default/templates/macros.html", &macros);
    site.build();
    for page in [
        "tuinwijk-oost/index.html",
        "tuinwijk-oost/tijdlijn/index.html",
        "tuinwijk-oost/agenda/index.html",
        "tuinwijk-oost/straten/bloemstraat/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("<article data-eigen=\""), "{page}: {html}");
        assert!(!html.contains("<article class=\"card"), "{page}");
    }
    assert!(
        site.read("tuinwijk-oost/agenda/index.html")
            .contains("data-eigen=\"event\"")
    );
}

#[test]
fn a_header_and_footer_of_the_site_take_the_place_of_the_built_in_ones() {
    let site = TestSite::fixture("complete")
        .file(
            "themes/default/templates/header.html",
            "<header>Kop{% if wijk %} {{ wijk.name }}{% for l in wijk.nav %}{% if l.current %} [{{ l.label }}{% if at_section %}, hier{% endif %}]{% endif %}{% endfor %}{% endif %}</header>\n",
        )
        .file(
            "themes/default/templates/footer.html",
            "<footer>Voet {{ site.title }}{% if wijk %} {{ wijk.name }}{% endif %}</footer>\n",
        );
    site.build();
    let timeline = site.read("tuinwijk-oost/tijdlijn/index.html");
    assert!(
        timeline.contains("<header>Kop Tuinwijk-Oost [Tijdlijn, hier]</header>\n"),
        "{timeline}"
    );
    assert!(timeline.contains("<footer>Voet Gemeente Proefdorp Tuinwijk-Oost</footer>\n"));
    let item = site.read("tuinwijk-oost/bomen-bloemstraat/index.html");
    assert!(
        item.contains("<header>Kop Tuinwijk-Oost [Tijdlijn]</header>\n"),
        "{item}"
    );
    let overview = site.read("index.html");
    assert!(overview.contains("<header>Kop</header>\n"), "{overview}");
    assert!(overview.contains("<footer>Voet Gemeente Proefdorp</footer>\n"));
}

#[test]
fn a_base_template_without_the_frame_parts_still_gets_every_page_variable() {
    let site = TestSite::fixture("complete").file(
        "themes/default/templates/base.html",
        "{% from \"macros.html\" import contact_card %}<title>{{ title }}</title><p>{{ path }}</p>\
         {% if wijk %}<nav>{% for l in wijk.nav %}{% if l.current %}{{ l.label }}{% endif %}{% endfor %}</nav>\
         {{ contact_card(wijk.contact, t) }}{% endif %}{% block main %}{% endblock %}",
    );
    site.build();
    let html = site.read("tuinwijk-oost/agenda/index.html");
    assert!(html.starts_with("<title>Meedoen: agenda van de wijk</title><p>/tuinwijk-oost/agenda/</p><nav>Meedoen</nav>"), "{html}");
    assert!(html.contains("Fatima el Amrani"));
    assert!(html.contains("<h1>"));
}

#[test]
fn the_menu_marks_its_own_page_and_the_pages_below_it() {
    let site = TestSite::fixture("complete");
    site.build();
    let agenda = site.read("tuinwijk-oost/agenda/index.html");
    assert!(agenda.contains("/tuinwijk-oost/agenda/\" aria-current=\"page\""));
    let event = site.read("tuinwijk-oost/informatieavond/index.html");
    assert!(event.contains("/tuinwijk-oost/agenda/\" aria-current=\"true\""));
    // Only the breadcrumb's last item is the page itself.
    assert!(!event.contains("\" aria-current=\"page\""), "{event}");
    let home = site.read("tuinwijk-oost/index.html");
    assert!(home.contains("/tuinwijk-oost/\" aria-current=\"page\""));
    assert!(!site.read("index.html").contains("aria-current"));
}
