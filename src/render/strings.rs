//! The theme's interface text in Dutch (B1) and English, passed to every
//! template as `t`.

use std::collections::BTreeMap;

use crate::config::Language;

const NL: &[(&str, &str)] = &[
    ("skip", "Naar de inhoud"),
    ("home", "Home"),
    ("overview", "Alle wijken"),
    (
        "overview_intro",
        "Kies uw wijk. Per wijk vindt u alles wat er gebeurt, wanneer het gebeurt en hoe u mee kunt doen.",
    ),
    ("nav_label", "Menu van de wijk"),
    ("nav_home", "Overzicht"),
    ("nav_timeline", "Wat gebeurt wanneer"),
    ("nav_agenda", "Meedoen en agenda"),
    ("nav_streets", "Uw straat"),
    ("nav_contact", "Contact"),
    ("breadcrumb", "U bent hier"),
    ("now", "Nu bezig"),
    (
        "nothing_now",
        "Op dit moment is er geen werk in uitvoering.",
    ),
    ("next_events", "Binnenkort"),
    ("no_events", "Er staan nu geen bijeenkomsten gepland."),
    ("all_events", "Alle bijeenkomsten"),
    ("latest_news", "Nieuws en besluiten"),
    ("all_timeline", "Bekijk alles op de tijdlijn"),
    ("support", "Hulp en regelingen"),
    ("deadline", "Aanvragen kan tot en met"),
    ("glossary", "Wat betekent dit woord?"),
    ("glossary_all", "Woordenlijst"),
    ("timeline_title", "Wat gebeurt wanneer"),
    (
        "timeline_intro",
        "Alle werkzaamheden, bijeenkomsten, nieuws en besluiten in de wijk, op datum. Werk dat bij elkaar hoort, staat samen als één project.",
    ),
    ("agenda_title", "Meedoen en agenda"),
    (
        "agenda_intro",
        "Hier ziet u alle bijeenkomsten in de wijk. U bent van harte welkom.",
    ),
    ("upcoming", "Komende bijeenkomsten"),
    ("past", "Geweest"),
    ("add_to_calendar", "Zet in mijn agenda"),
    ("subscribe", "Abonneer op deze agenda"),
    (
        "subscribe_help",
        "Met dit agendabestand ziet u nieuwe bijeenkomsten vanzelf in uw eigen agenda.",
    ),
    ("signup", "Aanmelden"),
    ("location", "Waar"),
    ("when", "Wanneer"),
    ("from", "Van"),
    ("streets_title", "Uw straat"),
    (
        "streets_intro",
        "Kies uw straat. U ziet dan al het werk en alle bijeenkomsten die uw straat raken.",
    ),
    ("street_nothing", "Voor deze straat is nu niets gepland."),
    ("street_feed", "Agenda van deze straat"),
    (
        "street_feed_help",
        "Met dit agendabestand ziet u het werk in uw straat en de bijeenkomsten vanzelf in uw eigen agenda.",
    ),
    ("streets_label", "Straten"),
    ("contact_title", "Contact"),
    (
        "contact_intro",
        "Heeft u een vraag over de wijk? Er is één contactpersoon voor alles wat er in de wijk gebeurt.",
    ),
    ("contact_box", "Vragen? Neem contact op"),
    ("email", "E-mail"),
    ("phone", "Telefoon"),
    ("visit", "Langskomen"),
    ("project", "Project"),
    ("project_parts", "Wat er gebeurt in dit project"),
    (
        "project_intro",
        "In dit project werken meerdere organisaties samen. Zo gaat de straat maar één keer open.",
    ),
    ("part_of", "Dit hoort bij het project"),
    ("departments", "Wie doet wat"),
    ("by", "Door"),
    ("draft", "Concept: deze pagina is nog niet gepubliceerd"),
    ("kind_works", "Werkzaamheden"),
    ("kind_event", "Bijeenkomst"),
    ("kind_news", "Nieuws"),
    ("kind_decision", "Besluit"),
    ("kind_support", "Hulp en regelingen"),
    ("kind_project", "Project"),
    ("read_more", "Lees meer"),
    ("not_found_title", "Deze pagina bestaat niet"),
    (
        "not_found_text",
        "Misschien is de pagina verhuisd of is het adres verkeerd getypt.",
    ),
    ("not_found_back", "Ga naar het overzicht van alle wijken"),
    ("news_feed", "Nieuws van deze wijk (Atom-feed)"),
    ("open_data", "Open data van deze wijk (JSON)"),
    (
        "footer_about",
        "Deze website vertelt in één verhaal wat er in de wijk gebeurt.",
    ),
];

const EN: &[(&str, &str)] = &[
    ("skip", "Skip to content"),
    ("home", "Home"),
    ("overview", "All neighbourhoods"),
    (
        "overview_intro",
        "Choose your neighbourhood. For each one you find what happens, when, and how you can take part.",
    ),
    ("nav_label", "Neighbourhood menu"),
    ("nav_home", "Overview"),
    ("nav_timeline", "What happens when"),
    ("nav_agenda", "Take part"),
    ("nav_streets", "Your street"),
    ("nav_contact", "Contact"),
    ("breadcrumb", "You are here"),
    ("now", "Happening now"),
    ("nothing_now", "No work is going on right now."),
    ("next_events", "Coming up"),
    ("no_events", "No meetings are planned at the moment."),
    ("all_events", "All meetings"),
    ("latest_news", "News and decisions"),
    ("all_timeline", "See everything on the timeline"),
    ("support", "Help and schemes"),
    ("deadline", "Apply until"),
    ("glossary", "What does this word mean?"),
    ("glossary_all", "Glossary"),
    ("timeline_title", "What happens when"),
    (
        "timeline_intro",
        "All works, meetings, news and decisions in the neighbourhood, by date. Work that belongs together is shown as one project.",
    ),
    ("agenda_title", "Take part"),
    (
        "agenda_intro",
        "All meetings in the neighbourhood. You are very welcome.",
    ),
    ("upcoming", "Upcoming meetings"),
    ("past", "Past"),
    ("add_to_calendar", "Add to my calendar"),
    ("subscribe", "Subscribe to this calendar"),
    (
        "subscribe_help",
        "With this calendar file new meetings appear in your own calendar.",
    ),
    ("signup", "Sign up"),
    ("location", "Where"),
    ("when", "When"),
    ("from", "By"),
    ("streets_title", "Your street"),
    (
        "streets_intro",
        "Choose your street to see all works and meetings that touch it.",
    ),
    (
        "street_nothing",
        "Nothing is planned for this street right now.",
    ),
    ("street_feed", "Calendar of this street"),
    (
        "street_feed_help",
        "With this calendar file the works in your street and the meetings appear in your own calendar.",
    ),
    ("streets_label", "Streets"),
    ("contact_title", "Contact"),
    (
        "contact_intro",
        "A question about the neighbourhood? There is one contact for everything that happens here.",
    ),
    ("contact_box", "Questions? Get in touch"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("project", "Project"),
    ("project_parts", "What happens in this project"),
    (
        "project_intro",
        "Several organisations work together in this project, so the street is opened only once.",
    ),
    ("part_of", "This is part of the project"),
    ("departments", "Who does what"),
    ("by", "By"),
    ("draft", "Draft: this page is not published yet"),
    ("kind_works", "Works"),
    ("kind_event", "Meeting"),
    ("kind_news", "News"),
    ("kind_decision", "Decision"),
    ("kind_support", "Help and schemes"),
    ("kind_project", "Project"),
    ("read_more", "Read more"),
    ("not_found_title", "This page does not exist"),
    (
        "not_found_text",
        "The page may have moved, or the address may be mistyped.",
    ),
    ("not_found_back", "Go to the overview of all neighbourhoods"),
    ("news_feed", "News of this neighbourhood (Atom feed)"),
    ("open_data", "Open data of this neighbourhood (JSON)"),
    (
        "footer_about",
        "This website tells in one story what happens in the neighbourhood.",
    ),
];

/// The interface text for a language.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    let table = if language == Language::En { EN } else { NL };
    table.iter().copied().collect()
}

/// One interface text, for use outside templates.
pub fn text(language: Language, key: &str) -> &'static str {
    let table = if language == Language::En { EN } else { NL };
    table.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        let nl: Vec<_> = NL.iter().map(|(k, _)| k).collect();
        let en: Vec<_> = EN.iter().map(|(k, _)| k).collect();
        assert_eq!(nl, en);
    }
}
