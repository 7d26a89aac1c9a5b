//! The words on and around a map, in the site's language.

use crate::config::Language;

/// Every text a map needs; `{}` stands for a name.
#[derive(Debug)]
pub struct MapText {
    pub title: &'static str,
    pub desc_streets: &'static str,
    pub desc_none: &'static str,
    pub desc_focus_street: &'static str,
    pub desc_focus_project: &'static str,
    pub desc_text: &'static str,
    pub state: [&'static str; 6],
    pub legend: &'static str,
    pub legend_focus_street: &'static str,
    pub legend_focus_project: &'static str,
    pub legend_boundary: &'static str,
    pub legend_other: &'static str,
    pub intro_wijk: &'static str,
    pub intro_street: &'static str,
    pub intro_project: &'static str,
    pub no_works: &'static str,
    pub street_quiet: &'static str,
    pub not_on_map: &'static str,
    pub off_map: &'static str,
    /// After the streets a street's map describes: how many more, `{}`.
    pub more_streets: &'static str,
    /// Below the streets a street's map lists: how many more, `{}`.
    pub more_text: &'static str,
    /// The link to the wijk's list of streets, after `more_text`.
    pub all_streets: &'static str,
}

const NL: MapText = MapText {
    title: "Kaart van {}",
    desc_streets: "Kaart met de straten van de wijk. Gekleurd zijn de straten met werk:",
    desc_none: "Kaart met de straten van de wijk. Er is in geen straat werk.",
    desc_focus_street: "{} is dik omlijnd.",
    desc_focus_project: "De straten van dit project zijn dik omlijnd.",
    desc_text: "Onder de kaart staat hetzelfde als tekst.",
    state: [
        "werk gepland",
        "werk nu bezig",
        "werk vertraagd",
        "werk stilgelegd",
        "werk klaar",
        "werk geannuleerd",
    ],
    legend: "Legenda",
    legend_focus_street: "Deze straat",
    legend_focus_project: "Straten van dit project",
    legend_boundary: "Grens van de wijk",
    legend_other: "Andere straten",
    intro_wijk: "Wat de kaart laat zien: de straten waar gewerkt wordt.",
    intro_street: "Op de kaart is {} dik omlijnd. Werk in de straten van de wijk:",
    intro_project: "Op de kaart zijn de straten van dit project dik omlijnd: {}. Werk in de straten van de wijk:",
    no_works: "Er is nu in geen enkele straat van de wijk werk gepland.",
    street_quiet: "In {} is geen werk gepland.",
    not_on_map: "{} staat niet op de kaart.",
    off_map: "niet op de kaart",
    more_streets: "en in {} andere straten",
    more_text: "Er is ook werk in {} andere straten",
    all_streets: "alle straten met werk",
};

const EN: MapText = MapText {
    title: "Map of {}",
    desc_streets: "Map of the neighbourhood's streets. Coloured are the streets with works:",
    desc_none: "Map of the neighbourhood's streets. No street has works.",
    desc_focus_street: "{} has a thick outline.",
    desc_focus_project: "The streets of this project have a thick outline.",
    desc_text: "The text below the map says the same.",
    state: [
        "works planned",
        "works under way",
        "works delayed",
        "works halted",
        "works finished",
        "works cancelled",
    ],
    legend: "Legend",
    legend_focus_street: "This street",
    legend_focus_project: "Streets of this project",
    legend_boundary: "Neighbourhood boundary",
    legend_other: "Other streets",
    intro_wijk: "What the map shows: the streets with works.",
    intro_street: "On the map, {} has a thick outline. Works in the neighbourhood's streets:",
    intro_project: "On the map, the streets of this project have a thick outline: {}. Works in the neighbourhood's streets:",
    no_works: "No works are planned in any street of the neighbourhood.",
    street_quiet: "No works are planned in {}.",
    not_on_map: "{} is not on the map.",
    off_map: "not on the map",
    more_streets: "and in {} other streets",
    more_text: "There are works in {} other streets too",
    all_streets: "all streets with works",
};

impl MapText {
    pub fn of(language: Language) -> &'static MapText {
        match language {
            Language::En => &EN,
            _ => &NL,
        }
    }

    /// The text for a state.
    pub fn state(&self, state: crate::model::State) -> &'static str {
        use crate::model::State;
        let at = match state {
            State::Gepland => 0,
            State::Bezig => 1,
            State::Vertraagd => 2,
            State::Stilgelegd => 3,
            State::Klaar => 4,
            State::Geannuleerd => 5,
        };
        self.state[at]
    }
}

/// `template` with its `{}` replaced by `name`.
pub fn fill(template: &str, name: &str) -> String {
    template.replacen("{}", name, 1)
}
