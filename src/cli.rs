//! The command line: the commands and their options. The help texts are
//! Dutch, for the editors, and so are the command line's own errors
//! ([`dutch_error`]); clap's help frame (`Usage:`, `Options:`) stays English.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// One coherent website per wijk from the departments' Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "wijkverhaal",
    version,
    about = "Eén website per wijk, gemaakt van de Markdown-teksten van alle afdelingen van de gemeente."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Maak de site in de uitvoermap (zonder --output: de map public in de
    /// map van de site).
    Build(BuildArgs),
    /// Controleer de site zonder hem te maken: alle fouten van build, plus
    /// waarschuwingen over waar de plannen van afdelingen elkaar raken (werk
    /// dat samen kan, afspraken die botsen, een tweede contact, vaktaal,
    /// lange zinnen).
    Check(CheckArgs),
    /// Bekijk de site terwijl u schrijft, met concepten, op
    /// http://127.0.0.1:1111/. Na elke keer opslaan wordt de site opnieuw
    /// gemaakt en laden open tabbladen vanzelf opnieuw.
    Serve(ServeArgs),
    /// Maak de brieven: per straat waar iets gebeurt of gaat gebeuren één
    /// PDF-brief (A4, toegankelijk), MAP/<wijk>/<straat>.pdf, met dezelfde
    /// inhoud als de brief op de website.
    Letters(LettersArgs),
    /// Maak een nieuwe site in MAP: site.toml, één wijk en van elke soort
    /// één bijdrage, klaar voor serve, en workflows die de site publiceren.
    /// Overschrijft nooit een bestand.
    Init(InitArgs),
    /// Schrijf een nieuwe bijdrage (een concept) met de velden die bij de
    /// soort horen, en toon waar het bestand staat. Overschrijft nooit een
    /// bestand.
    New(NewArgs),
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// De map van de site, met site.toml en content/.
    #[arg(long, default_value = ".", value_name = "MAP")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Waar de site komt (zonder --output: de map public in de map van de
    /// site).
    #[arg(long, value_name = "MAP")]
    pub output: Option<PathBuf>,
    /// Het adres waarop de site komt te staan; gaat voor base_url in
    /// site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Neem ook de concepten mee (draft = true).
    #[arg(long)]
    pub drafts: bool,
    /// Maak alleen deze wijk (mag vaker); de overzichtspagina komt er
    /// alleen bij als alle wijken worden gemaakt.
    #[arg(long = "wijk", value_name = "WIJK", conflicts_with = "overview_only")]
    pub wijken: Vec<String>,
    /// Maak alleen het begin van een gesplitste build: het overzicht van
    /// alle wijken, 404.html, robots.txt en een sitemap-index van de
    /// sitemap.xml van elke wijk. Leest alleen de _index.md van de wijken.
    #[arg(long)]
    pub overview_only: bool,
    /// Zet naast elk tekstbestand groter dan 1 KB een gecomprimeerde kopie
    /// (.gz en .br), voor webservers die die zelf kunnen sturen.
    #[arg(long)]
    pub compress: bool,
    /// Maak de site zoals hij er op deze dag uitziet (JJJJ-MM-DD): wat er
    /// "nu" gebeurt en wat er "binnenkort" komt. Zonder deze optie: vandaag.
    #[arg(long, value_name = "DATUM")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct LettersArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// De map voor de brieven; wordt in zijn geheel vervangen, zoals de
    /// uitvoermap van build.
    #[arg(long, value_name = "MAP")]
    pub output: PathBuf,
    /// Alleen de brieven van deze wijk (mag vaker).
    #[arg(long = "wijk", value_name = "WIJK")]
    pub wijken: Vec<String>,
    /// Alleen de brief van deze straat, zoals in het webadres van haar
    /// pagina (mag vaker; bijvoorbeeld --street bloemstraat).
    #[arg(long = "street", value_name = "STRAAT")]
    pub streets: Vec<String>,
    /// De datum van de brieven (JJJJ-MM-DD): wat er dan bezig is en nog
    /// komt. Zonder deze optie: vandaag.
    #[arg(long, value_name = "DATUM")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Het adres van de voorvertoning. Elk ander adres dan 127.0.0.1 (of ::1)
    /// maakt de voorvertoning, met concepten, zichtbaar voor anderen op het
    /// netwerk.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADRES")]
    pub bind: IpAddr,
    /// De poort; 0 kiest een vrije poort (het adres wordt getoond).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Een naam waaronder de voorvertoning ook bereikbaar mag zijn (naast
    /// localhost en het eigen adres), zoals de naam van deze computer op het
    /// netwerk. Mag vaker. Verzoeken met een andere naam krijgen 403.
    #[arg(long = "allow-host", value_name = "NAAM")]
    pub allow_hosts: Vec<String>,
    /// Toon de site zoals hij er op deze dag uitziet (JJJJ-MM-DD). Zonder
    /// deze optie: vandaag.
    #[arg(long, value_name = "DATUM")]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// De map voor de nieuwe site (wordt gemaakt als die er nog niet is).
    #[arg(value_name = "MAP")]
    pub dir: PathBuf,
    /// Schrijf geen workflows voor GitHub en GitLab (.github/workflows/publish.yml
    /// en .gitlab-ci.yml), die de site bij elke wijziging en elke nacht
    /// publiceren.
    #[arg(long)]
    pub no_ci: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// De wijk: de naam van haar map in content/ (bijvoorbeeld lindenhof).
    #[arg(long, value_name = "WIJK")]
    pub wijk: String,
    /// Wat voor bijdrage het is.
    #[arg(long, value_enum, value_name = "SOORT")]
    pub kind: crate::scaffold::Kind,
    /// Wie de bijdrage schrijft; ook de naam van de map erin (zonder deze
    /// optie: Gemeente).
    #[arg(long, value_name = "AFDELING")]
    pub department: Option<String>,
    /// De titel; de naam van het bestand wordt ervan gemaakt.
    #[arg(value_name = "TITEL")]
    pub title: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Hoe de bevindingen worden getoond: als tekst, of als één JSON-lijst
    /// (voor andere programma's).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Geef ook bij waarschuwingen exitstatus 1, niet alleen bij fouten
    /// (voor CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Controleer zoals op deze dag (JJJJ-MM-DD): wat nog gepland staat en
    /// welk werk al klaar had moeten zijn. Zonder deze optie: vandaag.
    #[arg(long, value_name = "DATUM")]
    pub today: Option<jiff::civil::Date>,
    /// Bezoek ook elke link naar een andere website (één keer per adres,
    /// een paar tegelijk, hoogstens 10 seconden per adres) en waarschuw bij
    /// links die niet meer werken. Zonder deze optie gaat er niets over het netwerk.
    #[arg(long)]
    pub links: bool,
}

/// The output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Als tekst: bestand:regel: warning[code]: melding, met tips; daarna
    /// een samenvatting.
    Text,
    /// Als één JSON-lijst van {severity, code, file, line, message, notes}.
    Json,
}

/// The command line's own errors (an unknown option, a bad value, a missing
/// argument) in Dutch, with a tip where clap has a suggestion, and the
/// usage line. Help and version requests are not errors; see [`is_request`].
pub fn dutch_error(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind| error.get(kind).map(context_text).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("de optie {arg} bestaat niet"),
        ErrorKind::InvalidSubcommand => format!(
            "de opdracht \"{}\" bestaat niet",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("bij {arg} hoort een waarde"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("\"{value}\" kan niet bij {arg}")
        }
        ErrorKind::MissingRequiredArgument => format!("dit ontbreekt nog: {arg}"),
        ErrorKind::ArgumentConflict => {
            format!("{arg} en {} kunnen niet samen", get(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("bij {arg} hoort precies één waarde")
        }
        ErrorKind::NoEquals => format!("schrijf de waarde met een =-teken: {arg}=..."),
        ErrorKind::MissingSubcommand => {
            "kies een opdracht: build, check, serve, init of new".to_string()
        }
        _ => "de opdrachtregel klopt niet".to_string(),
    };
    let mut tips: Vec<String> = Vec::new();
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggestion = get(kind);
        if !suggestion.is_empty() {
            tips.push(format!("bedoelt u {suggestion}?"));
        }
    }
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        tips.push(format!("kies uit: {valid}"));
    }
    let name = arg.split([' ', '=']).next().unwrap_or(&arg);
    match crate::content::mistakes::dutch_date(&value) {
        Some(iso) if name == "--today" && !iso.contains('T') => {
            tips.push(format!("schrijf jaar-maand-dag: --today {iso}"));
        }
        _ if valid.is_empty() => tips.extend(value_tip(name).map(str::to_string)),
        _ => {}
    }
    let mut out = format!("Fout: {message}\n");
    for tip in tips {
        out.push_str(&format!("  = {tip}\n"));
    }
    let usage = get(ContextKind::Usage)
        .replace("Usage:", "Gebruik:")
        .replace("[OPTIONS]", "[OPTIES]")
        .replace("<COMMAND>", "<OPDRACHT>");
    if !usage.is_empty() {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str("Meer uitleg: wijkverhaal --help, of wijkverhaal <opdracht> --help\n");
    out
}

/// Whether clap stopped for `--help` or `--version` (printed as they are)
/// rather than for a mistake.
pub fn is_request(error: &clap::Error) -> bool {
    use clap::error::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// What to write for the options whose values editors get wrong most
/// (options with a list of values name the list instead).
fn value_tip(name: &str) -> Option<&'static str> {
    Some(match name {
        "--today" => "schrijf de datum als jaar-maand-dag, zo: --today 2027-03-01",
        "--port" => "schrijf een getal van 0 tot 65535, zo: --port 1111",
        "--bind" => "schrijf een IP-adres, zo: --bind 127.0.0.1",
        _ => return None,
    })
}

fn context_text(value: &clap::error::ContextValue) -> String {
    use clap::error::ContextValue;
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
