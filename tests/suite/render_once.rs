//! The frame parts (`header.html`, `aside.html`, `footer.html`), the cards
//! and a contribution page's macro parts (`made`) are rendered once per wijk
//! and reused: a site's own versions of them still take effect everywhere,
//! and a `base.html` or `contribution.html` written without them still works.

use crate::util::TestSite;

const MACROS: &str = include_str!("../../themes/default/templates/macros.html");

/// `contribution.html` as a site copied it before `made`: it imports the
/// macros and calls them itself.
const CONTRIBUTION_CALLING_MACROS: &str = r#"{% extends "base.html" %}
{% from "macros.html" import when, tags, facts, actions, glossary_box, extension_bar %}
{% block head %}{% if json_ld %}<script type="application/ld+json">{{ json_ld }}</script>{% endif %}{% endblock %}
{% block main %}
<h1>{{ item.title }}</h1>
{{ tags(item, t, false) }}
{% if lead %}<p class="lead">{{ lead }}</p>{% endif %}
{{ facts(item, t, true) }}
{% if item.extension %}{{ extension_bar(item, t) }}{% endif %}
{{ actions(item, t, false) if item.ics_url or (item.signup and item.status != "past") else "" }}
{% if item.project %}
<p class="part-of">{{ t.part_of }} <a href="{{ item.project.url }}">{{ item.project.label }}</a>. {{ t.part_of_help }}</p>
{% endif %}
{% if item.updates %}
<section class="updates" aria-labelledby="veranderd">
  <h2 id="veranderd">{{ t.updates_title }}</h2>
  <ol class="update-list">
    {% for u in item.updates %}
    <li><p class="update-when">{{ when(u.when) }}{% if u.end %} <span class="update-end">({{ t.now_until }} {{ u.end }})</span>{% endif %}</p><p>{{ u.html | safe }}</p></li>
    {% endfor %}
  </ol>
</section>
{% endif %}
<div class="prose">{{ body_html }}</div>
{{ glossary_box(glossary, t) if glossary else "" }}
{% endblock %}
"#;

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

#[test]
fn a_contribution_html_that_calls_the_macros_itself_makes_the_same_site() {
    for fixture in ["complete", "busy", "time-and-status"] {
        let built_in = TestSite::fixture(fixture);
        built_in.build();
        let own = TestSite::fixture(fixture).file(
            "themes/default/templates/contribution.html",
            CONTRIBUTION_CALLING_MACROS,
        );
        own.build();
        same_files(&built_in, &own, fixture);
    }
}

/// Asserts that the sites `expected` and `found` built the same files, byte
/// for byte; `what` names the case in a failure.
fn same_files(expected: &TestSite, found: &TestSite, what: &str) {
    let (expected, found) = (expected.output_files(), found.output_files());
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        found.keys().collect::<Vec<_>>(),
        "{what}"
    );
    for (path, bytes) in &expected {
        assert!(
            found[path] == *bytes,
            "{what}: {path} differs:\n{}\n----\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&found[path])
        );
    }
}

#[test]
fn the_macros_of_the_site_make_the_parts_of_every_contribution_page() {
    let macros = MACROS
        .replace(
            "<p class=\"tags\">",
            "<p class=\"tags\" data-eigen=\"tags\">",
        )
        .replace(
            "<dl class=\"facts{%",
            "<dl data-eigen=\"facts{% if full %} vol{% endif %}\" class=\"facts{%",
        )
        .replace(
            "<section class=\"explain\"",
            "<section data-eigen=\"uitleg\" class=\"explain\"",
        );
    assert_eq!(
        macros.matches("data-eigen").count(),
        3,
        "the built-in tags, facts or glossary_box macro changed"
    );
    let site = TestSite::fixture("complete").file("themes/default/templates/macros.html", &macros);
    site.build();
    let page = site.read("tuinwijk-oost/bomen-bloemstraat/index.html");
    assert!(
        page.contains("<p class=\"tags\" data-eigen=\"tags\">"),
        "{page}"
    );
    assert!(
        page.contains("<dl data-eigen=\"facts vol\" class=\"facts\">"),
        "{page}"
    );
    let explained = site.read("tuinwijk-oost/warmtenet-fase-1/index.html");
    assert!(
        explained.contains("<section data-eigen=\"uitleg\" class=\"explain\""),
        "{explained}"
    );
}

#[test]
fn a_failing_macro_of_the_site_stops_the_build_naming_the_macro_and_the_part() {
    for (opening, error) in [
        (
            // The one part of a contribution page that the card does not use.
            "{% macro glossary_box(terms, t, heading=none, intro=none) %}",
            "error[template]: de delen van de pagina van een bijdrage kunnen niet worden gemaakt met de macro glossary_box uit macros.html",
        ),
        (
            "{% macro card(item, t, level=3) %}",
            "error[template]: de kaartjes kunnen niet worden gemaakt met de macro card uit macros.html (technisch:",
        ),
        // A macro that the card calls (and no page part does) is named with the card.
        (
            "{% macro parts_list(parts, t) %}",
            "error[template]: de kaartjes kunnen niet worden gemaakt met de macro card uit macros.html \
             (de fout zit in de macro parts_list, die card gebruikt)",
        ),
        // A macro that a page part calls itself is named once.
        (
            "{% macro tags(item, t, with_when=true) %}",
            "error[template]: de delen van de pagina van een bijdrage kunnen niet worden gemaakt met de macro tags uit macros.html (technisch:",
        ),
    ] {
        let broken = MACROS.replace(opening, &format!("{opening}{{{{ nope() }}}}"));
        assert_ne!(broken, MACROS, "the built-in macro changed: {opening}");
        let site = TestSite::fixture("complete");
        // One wijk, so its items (cards and page parts) fail before any page.
        for other in ["regelhof", "stille-hoek"] {
            std::fs::remove_dir_all(site.root().join("content").join(other)).unwrap();
        }
        site.build();
        let before = site.output_files();
        site.write("themes/default/templates/macros.html", broken.as_bytes());
        let failure = site.build_fails();
        assert!(failure.stderr.contains(error), "{}", failure.stderr);
        assert!(before == site.output_files(), "public/ changed");
    }
}

/// Builds `fixture` (in `language`, with `args`) with the built-in
/// `macros.html`, which the build writes out itself, and with a copy of it
/// that the site owns (one comment added), which goes through the template
/// engine: every file must come out the same.
fn same_site_with_a_copy_of_the_macros(fixture: &str, language: &str, args: &[&str]) {
    let with_language = |site: TestSite| {
        let toml = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
        site.file("site.toml", &format!("language = \"{language}\"\n{toml}"))
    };
    let built_in = with_language(TestSite::fixture(fixture));
    built_in.build_with(args);
    let own = with_language(TestSite::fixture(fixture)).file(
        "themes/default/templates/macros.html",
        &format!("{MACROS}{{# Een eigen kopie. #}}\n"),
    );
    own.build_with(args);
    same_files(
        &built_in,
        &own,
        &format!("{fixture} ({language}, {args:?})"),
    );
}

#[test]
fn the_built_in_macros_written_out_make_what_the_template_makes() {
    for fixture in [
        "complete",
        "busy",
        "time-and-status",
        "attachments",
        "hostile",
    ] {
        same_site_with_a_copy_of_the_macros(fixture, "nl", &[]);
    }
    // Drafts and scheduled items carry labels of their own; English texts.
    same_site_with_a_copy_of_the_macros("time-and-status", "nl", &["--drafts"]);
    same_site_with_a_copy_of_the_macros("complete", "en", &["--drafts"]);
}
