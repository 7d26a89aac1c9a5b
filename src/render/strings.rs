//! The theme's interface text in Dutch (B1) and English, passed to every
//! template as `t`.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object};
use rustc_hash::FxHasher;

use crate::config::Language;

const NL: &[(&str, &str)] = &[
    ("skip", "Naar de inhoud"),
    ("wijk_label", "Wijk"),
    ("nav_label", "Menu van de wijk"),
    ("nav_home", "Start"),
    ("nav_timeline", "Tijdlijn"),
    ("nav_agenda", "Meedoen"),
    ("nav_streets", "Uw straat"),
    ("nav_contact", "Contact"),
    ("breadcrumb", "U bent hier"),
    ("overview", "Alle wijken"),
    (
        "overview_intro",
        "Kies uw wijk. Per wijk ziet u wat er gebeurt, wanneer het gebeurt en hoe u mee kunt doen.",
    ),
    ("overview_contact", "Uw contactpersoon"),
    ("now", "Nu bezig"),
    ("nothing_now", "Op dit moment is er geen werk in de wijk."),
    ("next_events", "Binnenkort"),
    ("no_events", "Er staan nu geen bijeenkomsten gepland."),
    ("all_events", "Bekijk alle bijeenkomsten"),
    ("latest_news", "Nieuws en besluiten"),
    ("all_timeline", "Bekijk alles op de tijdlijn"),
    ("support", "Hulp en regelingen"),
    ("home_streets", "Wat gebeurt er in uw straat?"),
    (
        "home_streets_intro",
        "Kies uw straat. U ziet dan alles wat uw straat raakt.",
    ),
    ("deadline", "Aanvragen kan tot en met"),
    ("glossary", "Uitleg bij woorden op deze pagina"),
    ("glossary_all", "Woordenlijst"),
    (
        "glossary_intro",
        "Deze woorden komen vaak voor op deze website. Dit betekenen ze.",
    ),
    ("timeline_title", "Tijdlijn: wat gebeurt wanneer"),
    (
        "timeline_intro",
        "Alle werkzaamheden, bijeenkomsten, nieuws en besluiten in de wijk, op datum. Werk dat bij elkaar hoort, ziet u als één project.",
    ),
    ("timeline_jump", "Naar vandaag"),
    ("timeline_today", "Vandaag"),
    (
        "timeline_after",
        "Hieronder staat wat nu bezig is en wat nog komt.",
    ),
    ("timeline_empty", "Er staat nog niets op de tijdlijn."),
    ("no_date", "Zonder datum"),
    ("agenda_title", "Meedoen: agenda van de wijk"),
    (
        "agenda_intro",
        "Bij deze bijeenkomsten bent u van harte welkom. Praat mee, stel uw vragen of kijk wat er gaat komen.",
    ),
    ("upcoming", "Komende bijeenkomsten"),
    ("past", "Bijeenkomsten die al geweest zijn"),
    ("past_event", "Geweest"),
    ("past_works", "Klaar"),
    ("past_support", "Aanvragen kan niet meer"),
    ("add_to_calendar", "Zet in mijn agenda"),
    ("subscribe_title", "Nooit een bijeenkomst missen?"),
    ("subscribe", "Abonneren op de agenda van de wijk"),
    (
        "subscribe_help",
        "Abonneer u op de agenda van de wijk. Dan komen nieuwe bijeenkomsten vanzelf in de agenda op uw telefoon of computer.",
    ),
    ("signup", "Aanmelden"),
    ("location", "Waar"),
    ("when", "Wanneer"),
    ("from", "Van"),
    ("streets_title", "Uw straat"),
    (
        "streets_intro",
        "Kies uw straat. U ziet dan al het werk, de bijeenkomsten en de besluiten die uw straat raken.",
    ),
    (
        "street_intro",
        "Hier ziet u al het werk, de bijeenkomsten en de besluiten die deze straat raken.",
    ),
    ("street_entries", "Wat er gebeurt"),
    ("street_nothing", "Voor deze straat staat nu niets gepland."),
    ("street_count_one", "1 onderwerp"),
    ("street_count", "onderwerpen"),
    ("street_count_none", "nu niets gepland"),
    ("street_feed_title", "Op de hoogte blijven"),
    ("street_feed", "Abonneren op de agenda van deze straat"),
    (
        "street_feed_help",
        "Abonneer u op de agenda van deze straat. Dan komen het werk en de bijeenkomsten vanzelf in de agenda op uw telefoon of computer.",
    ),
    ("street_letter_title", "Liever op papier?"),
    (
        "street_letter_help",
        "Alles wat in deze straat gebeurt staat ook in één brief, met één contactpersoon. U kunt hem printen of laten voorlezen.",
    ),
    ("street_letter", "Bekijk de brief voor deze straat"),
    ("streets_label", "Straten"),
    ("streets_more", "en nog {n} andere straten"),
    ("contact_title", "Contact"),
    (
        "contact_intro",
        "Heeft u een vraag over de wijk? U heeft één vaste contactpersoon voor alles wat er in de wijk gebeurt. Het maakt niet uit wie het werk doet.",
    ),
    ("contact_box", "Vragen? Neem contact op"),
    (
        "contact_box_intro",
        "Eén vaste contactpersoon voor alles in de wijk.",
    ),
    ("email", "E-mail"),
    ("phone", "Telefoon"),
    ("visit", "Langskomen"),
    (
        "project_intro",
        "In dit project werken meerdere afdelingen en organisaties samen. Hier ziet u alle onderdelen bij elkaar.",
    ),
    ("project_together", "Samen in dit project"),
    ("project_parts", "Wie doet wat, en wanneer"),
    ("project_details", "Alle onderdelen"),
    ("part_of", "Dit hoort bij het project"),
    ("part_of_help", "Daar ziet u alle onderdelen bij elkaar."),
    (
        "draft",
        "Deze tekst is nog niet gepubliceerd. Bewoners kunnen hem nog niet zien.",
    ),
    ("draft_label", "Concept"),
    ("state_vertraagd", "Vertraagd"),
    ("state_stilgelegd", "Stilgelegd"),
    ("state_geannuleerd", "Geannuleerd"),
    ("state_klaar", "Klaar"),
    ("planned_until", "eerst gepland tot"),
    ("now_until", "nu tot"),
    ("until", "tot"),
    ("extension", "Langer dan eerst gepland"),
    ("planned_part", "Eerst gepland"),
    ("updates_title", "Wat er veranderd is"),
    ("update_label", "Laatste nieuws"),
    ("scheduled_label", "Gepland"),
    (
        "scheduled",
        "Bewoners kunnen deze tekst nog niet zien. Hij verschijnt op de site op",
    ),
    ("kind_works", "Werkzaamheden"),
    ("kind_event", "Bijeenkomst"),
    ("kind_news", "Nieuws"),
    ("kind_decision", "Besluit"),
    ("kind_support", "Hulp"),
    ("kind_project", "Project"),
    ("not_found_title", "Deze pagina bestaat niet"),
    (
        "not_found_text",
        "Misschien is de pagina verhuisd. Of er zit een typefout in het adres.",
    ),
    ("not_found_back", "Ga naar het overzicht van alle wijken"),
    ("footer_follow", "Op de hoogte blijven"),
    ("news_feed", "Nieuws volgen met een nieuwslezer (Atom)"),
    ("open_data", "Open data van deze wijk (JSON)"),
    (
        "open_data_geojson",
        "Werk op de kaart, als open data (GeoJSON)",
    ),
    ("map_heading", "Op de kaart"),
    ("all_streets_title", "Alle straten"),
    (
        "all_streets_intro",
        "Zoek uw straat. Bij elke straat ziet u wat er gebeurt en wanneer.",
    ),
    ("street_search_label", "Straatnaam of postcode"),
    (
        "street_search_hint",
        "Typ een deel van de straatnaam, of uw postcode (zoals 1234 AB).",
    ),
    ("street_search_button", "Zoeken"),
    ("street_search_none", "Geen straat gevonden."),
    ("street_search_one", "1 straat gevonden."),
    ("street_search_many", "{n} straten gevonden."),
    (
        "street_search_go",
        "Druk op Enter om de pagina van de straat te openen.",
    ),
    ("letters_label", "Straten op beginletter"),
    ("find_street", "Zoek uw straat"),
    (
        "find_street_intro",
        "Weet u niet in welke wijk u woont? Zoek uw straat op naam of postcode.",
    ),
    ("all_streets_link", "Bekijk alle straten van A tot Z"),
    ("wijk_of_street", "wijk"),
    ("and", "en"),
    (
        "footer_about",
        "Op deze website ziet u in één verhaal wat er in de wijk gebeurt: van de gemeente en van de organisaties die met haar samenwerken.",
    ),
    ("accessibility", "Toegankelijkheid"),
    ("privacy", "Privacy"),
    ("accessibility_title", "Toegankelijkheidsverklaring"),
    (
        "accessibility_intro",
        "Iedereen moet deze website kunnen gebruiken, ook met een beperking. Hier leest u hoe ver we daarmee zijn en hoe u een probleem meldt.",
    ),
    ("privacy_title", "Privacy op deze website"),
    (
        "privacy_intro",
        "Deze website verzamelt geen gegevens over u. Hier leest u wat dat betekent.",
    ),
];

const EN: &[(&str, &str)] = &[
    ("skip", "Skip to content"),
    ("wijk_label", "Neighbourhood"),
    ("nav_label", "Neighbourhood menu"),
    ("nav_home", "Home"),
    ("nav_timeline", "Timeline"),
    ("nav_agenda", "Take part"),
    ("nav_streets", "Your street"),
    ("nav_contact", "Contact"),
    ("breadcrumb", "You are here"),
    ("overview", "All neighbourhoods"),
    (
        "overview_intro",
        "Choose your neighbourhood. For each one you see what happens, when it happens and how you can take part.",
    ),
    ("overview_contact", "Your contact"),
    ("now", "Happening now"),
    (
        "nothing_now",
        "No work is going on in the neighbourhood right now.",
    ),
    ("next_events", "Coming up"),
    ("no_events", "No meetings are planned at the moment."),
    ("all_events", "See all meetings"),
    ("latest_news", "News and decisions"),
    ("all_timeline", "See everything on the timeline"),
    ("support", "Help and schemes"),
    ("home_streets", "What happens in your street?"),
    (
        "home_streets_intro",
        "Choose your street to see everything that touches it.",
    ),
    ("deadline", "Apply until"),
    ("glossary", "Words on this page explained"),
    ("glossary_all", "Glossary"),
    (
        "glossary_intro",
        "These words are used a lot on this website. This is what they mean.",
    ),
    ("timeline_title", "Timeline: what happens when"),
    (
        "timeline_intro",
        "All works, meetings, news and decisions in the neighbourhood, by date. Work that belongs together is shown as one project.",
    ),
    ("timeline_jump", "Jump to today"),
    ("timeline_today", "Today"),
    (
        "timeline_after",
        "Below: what is going on now and what is still to come.",
    ),
    ("timeline_empty", "Nothing is on the timeline yet."),
    ("no_date", "Without a date"),
    ("agenda_title", "Take part: neighbourhood calendar"),
    (
        "agenda_intro",
        "You are very welcome at these meetings. Have your say, ask your questions or see what is coming.",
    ),
    ("upcoming", "Upcoming meetings"),
    ("past", "Past meetings"),
    ("past_event", "Past"),
    ("past_works", "Finished"),
    ("past_support", "Closed"),
    ("add_to_calendar", "Add to my calendar"),
    ("subscribe_title", "Never miss a meeting?"),
    ("subscribe", "Subscribe to the neighbourhood calendar"),
    (
        "subscribe_help",
        "Subscribe to the neighbourhood calendar, and new meetings appear by themselves in the calendar on your phone or computer.",
    ),
    ("signup", "Sign up"),
    ("location", "Where"),
    ("when", "When"),
    ("from", "From"),
    ("streets_title", "Your street"),
    (
        "streets_intro",
        "Choose your street to see all works, meetings and decisions that touch it.",
    ),
    (
        "street_intro",
        "Here you see all works, meetings and decisions that touch this street.",
    ),
    ("street_entries", "What happens"),
    (
        "street_nothing",
        "Nothing is planned for this street right now.",
    ),
    ("street_count_one", "1 item"),
    ("street_count", "items"),
    ("street_count_none", "nothing planned now"),
    ("street_feed_title", "Stay informed"),
    ("street_feed", "Subscribe to this street's calendar"),
    (
        "street_feed_help",
        "Subscribe to this street's calendar, and its works and meetings appear by themselves in the calendar on your phone or computer.",
    ),
    ("street_letter_title", "Rather on paper?"),
    (
        "street_letter_help",
        "Everything that happens in this street is also in one letter, with one contact. You can print it.",
    ),
    ("street_letter", "See the letter for this street"),
    ("streets_label", "Streets"),
    ("streets_more", "and {n} more streets"),
    ("contact_title", "Contact"),
    (
        "contact_intro",
        "A question about the neighbourhood? You have one contact for everything that happens here, whoever does the work.",
    ),
    ("contact_box", "Questions? Get in touch"),
    (
        "contact_box_intro",
        "One contact for everything in the neighbourhood.",
    ),
    ("email", "Email"),
    ("phone", "Phone"),
    ("visit", "Visit"),
    (
        "project_intro",
        "Several departments and organisations work together in this project. Here you see all its parts together.",
    ),
    ("project_together", "Working together"),
    ("project_parts", "Who does what, and when"),
    ("project_details", "All parts"),
    ("part_of", "This is part of the project"),
    ("part_of_help", "There you see all its parts together."),
    (
        "draft",
        "This text is not published yet. Residents cannot see it yet.",
    ),
    ("draft_label", "Draft"),
    ("state_vertraagd", "Delayed"),
    ("state_stilgelegd", "Halted"),
    ("state_geannuleerd", "Cancelled"),
    ("state_klaar", "Finished"),
    ("planned_until", "first planned until"),
    ("now_until", "now until"),
    ("until", "until"),
    ("extension", "Longer than first planned"),
    ("planned_part", "First planned"),
    ("updates_title", "What has changed"),
    ("update_label", "Latest news"),
    ("scheduled_label", "Scheduled"),
    (
        "scheduled",
        "Residents cannot see this text yet. It appears on the site on",
    ),
    ("kind_works", "Works"),
    ("kind_event", "Meeting"),
    ("kind_news", "News"),
    ("kind_decision", "Decision"),
    ("kind_support", "Help"),
    ("kind_project", "Project"),
    ("not_found_title", "This page does not exist"),
    (
        "not_found_text",
        "The page may have moved, or the address may have a typo.",
    ),
    ("not_found_back", "Go to the overview of all neighbourhoods"),
    ("footer_follow", "Stay informed"),
    ("news_feed", "Follow the news in a feed reader (Atom)"),
    ("open_data", "Open data of this neighbourhood (JSON)"),
    (
        "open_data_geojson",
        "Works on the map, as open data (GeoJSON)",
    ),
    ("map_heading", "On the map"),
    ("all_streets_title", "All streets"),
    (
        "all_streets_intro",
        "Find your street. Each street shows what happens there, and when.",
    ),
    ("street_search_label", "Street name or postcode"),
    (
        "street_search_hint",
        "Type part of the street name, or your postcode (like 1234 AB).",
    ),
    ("street_search_button", "Search"),
    ("street_search_none", "No street found."),
    ("street_search_one", "1 street found."),
    ("street_search_many", "{n} streets found."),
    ("street_search_go", "Press Enter to open the street's page."),
    ("letters_label", "Streets by first letter"),
    ("find_street", "Find your street"),
    (
        "find_street_intro",
        "Not sure which neighbourhood you live in? Find your street by name or postcode.",
    ),
    ("all_streets_link", "See all streets from A to Z"),
    ("wijk_of_street", "neighbourhood"),
    ("and", "and"),
    (
        "footer_about",
        "This website tells in one story what happens in the neighbourhood: from the municipality and the organisations working with it.",
    ),
    ("accessibility", "Accessibility"),
    ("privacy", "Privacy"),
    ("accessibility_title", "Accessibility statement"),
    (
        "accessibility_intro",
        "Everyone should be able to use this website, also with a disability. Here you read how far we are and how to report a problem.",
    ),
    ("privacy_title", "Privacy on this website"),
    (
        "privacy_intro",
        "This website collects no data about you. Here you read what that means.",
    ),
];

/// The interface text for a language.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    let table = if language == Language::En { EN } else { NL };
    table.iter().copied().collect()
}

/// The interface text as templates see it: a map from key to text, like
/// the one `Value::from_serialize(&strings(..))` makes, but a key is found
/// by its hash instead of through a search comparing template values (a
/// page reads `t` some twenty times).
#[derive(Debug)]
pub struct Texts {
    by_key: HashMap<&'static str, Value, BuildHasherDefault<FxHasher>>,
    /// The keys in the order a map of them is iterated: sorted.
    keys: Vec<&'static str>,
}

impl Texts {
    pub fn new(language: Language) -> Texts {
        let strings = strings(language);
        Texts {
            keys: strings.keys().copied().collect(),
            by_key: strings
                .into_iter()
                .map(|(key, text)| (key, Value::from(text)))
                .collect(),
        }
    }
}

impl Object for Texts {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.by_key.get(key).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.keys.iter().map(|key| Value::from(*key)).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.keys.len())
    }
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

    #[test]
    fn templates_see_the_texts_as_they_see_the_map() {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let template = "{{ t.skip }}|{{ t['nav_home'] }}|{{ t.missing is defined }}|{{ t | length }}|{{ t | list | join(',') }}|{{ t | items | first }}|{{ t.privacy_intro | upper }}";
        env.add_template("t", template).unwrap();
        let t = env.get_template("t").unwrap();
        for language in [Language::Nl, Language::En] {
            let as_map = t
                .render(minijinja::context! { t => Value::from_serialize(strings(language)) })
                .unwrap();
            let as_texts = t
                .render(minijinja::context! { t => Value::from_object(Texts::new(language)) })
                .unwrap();
            assert_eq!(as_texts, as_map);
            assert!(as_texts.contains("|False|"), "{as_texts}");
        }
    }
}
