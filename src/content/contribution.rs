//! Parses one contribution file into a `Contribution`, reporting every
//! mistake in it. Checks that need the rest of the wijk live in `validate`.

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use super::fields::{FieldReader, WrittenTime, did_you_mean};
use super::frontmatter::read;
use crate::error::Diagnostic;
use crate::model::{Broken, Contribution, Source, Status, Update, When};
use crate::render::markdown;
use crate::slug::slugify;

pub const KINDS: &[&str] = &["works", "event", "news", "decision", "support"];

/// Every field a contribution may have: the one list behind the check for
/// unknown fields and its hint. A new optional field is added here.
pub const FIELDS: &[&str] = &[
    "title",
    "department",
    "kind",
    "summary",
    "streets",
    "start",
    "end",
    "date",
    "deadline",
    "location",
    "signup",
    "project",
    "draft",
    "publish",
    "status",
    "updates",
    "aliases",
    "coordinates",
];

/// The fields of one `[[updates]]` table.
const UPDATE_FIELDS: &[&str] = &["date", "text", "end"];

/// What the checks across the wijk need of a file that has errors: its
/// slug and streets, as far as its front matter can be read.
pub fn salvage(file: &str, stem: &str, text: &str) -> Option<Broken> {
    let document = read(file, text, "").ok()?;
    let front_matter = &document.front_matter;
    let streets = match front_matter.get("streets") {
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(|s| s.trim().to_string())
            .collect(),
        Some(toml::Value::String(street)) => vec![street.trim().to_string()],
        _ => Vec::new(),
    };
    Some(Broken {
        file: file.to_string(),
        slug: slugify(stem),
        streets,
        streets_line: front_matter.line_of(None, "streets"),
    })
}

/// Fields that would give a contribution a contact of its own.
const CONTACT_FIELDS: &[&str] = &[
    "contact",
    "email",
    "phone",
    "e-mail",
    "telefoon",
    "contactpersoon",
];

/// Parses the normalized text of `file` (a path relative to the root).
pub fn parse(
    file: &str,
    stem: &str,
    text: &str,
    timezone: &TimeZone,
) -> (Option<Contribution>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let document = match read(
        file,
        text,
        "kijk op deze regel naar de aanhalingstekens, het =-teken en de haken; tekst staat tussen dubbele aanhalingstekens, een datum zonder: start = 2027-03-02",
    ) {
        Ok(document) => document,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let front_matter = document.front_matter;
    let body_line = document.body_line;
    let mut reader = FieldReader::new(&front_matter, file, &mut diagnostics);
    report_contact_fields(&mut reader);
    reader.deny_unknown_except(FIELDS, CONTACT_FIELDS);

    let title = reader.string(
        "title",
        true,
        "title = \"Nieuwe riolering in de Bloemstraat\"",
    );
    let department = reader.string("department", true, "department = \"Openbare Ruimte\"");
    let kind = read_kind(&mut reader);
    let summary = reader.string(
        "summary",
        false,
        "summary = \"Eén of twee zinnen voor in lijsten.\"",
    );
    let streets = read_streets(&mut reader, kind == Some("works"));
    let project = reader.string("project", false, "project = \"warmtenet-bloemstraat\"");
    let draft = reader.boolean("draft", "draft = true").unwrap_or(false);
    let location = reader.string(
        "location",
        kind == Some("event"),
        "location = \"Buurthuis De Linde, Lindelaan 4\"",
    );
    let signup = reader
        .string(
            "signup",
            false,
            "signup = \"https://www.voorbeeld.nl/aanmelden\"",
        )
        .map(with_scheme);
    if let Some(url) = &signup
        && !is_web_address(url)
    {
        let message = format!("in het veld \"signup\" hoort een webadres; er staat nu: \"{url}\"");
        reader.error(
            "invalid-field",
            "signup",
            message,
            "schrijf het hele adres, met https:// ervoor: signup = \"https://www.voorbeeld.nl/aanmelden\""
                .into(),
        );
    }
    let deadline = reader.date("deadline", false, "deadline = 2027-06-30");
    let aliases = read_aliases(&mut reader);
    let coordinates = read_coordinates(&mut reader, kind);
    let when = kind.and_then(|kind| read_when(&mut reader, kind, timezone));
    let publish = reader.date("publish", false, "publish = 2027-03-01");
    let status = read_status(&mut reader, kind);
    let updates = read_updates(&mut reader, kind, when.as_ref());

    let field_lines = front_matter.top_level_lines_of(FIELDS);
    let slug = slugify(stem);
    if slug.is_empty() {
        let message = format!("van de bestandsnaam \"{stem}.md\" kan geen webadres worden gemaakt");
        diagnostics.push(Diagnostic::error("bad-slug", file, None, message).note(
            "geef het bestand een naam met letters of cijfers, zoals \"riool-bloemstraat.md\"",
        ));
    } else if slug.len() > crate::slug::MAX_LEN {
        let message = format!(
            "de bestandsnaam is te lang voor een webadres: {} tekens",
            slug.len()
        );
        diagnostics.push(
            Diagnostic::error("name-too-long", file, None, message)
                .note(crate::slug::TOO_LONG_HINT),
        );
    }
    let body = super::render_body(file, document.body, body_line, &mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let contribution = match (title, department, when) {
        (Some(title), Some(department), Some(when)) if !has_errors => Some(Contribution {
            slug,
            title,
            department,
            teaser: summary.clone().unwrap_or(body.first_paragraph),
            summary,
            streets,
            project,
            draft,
            location,
            signup,
            deadline,
            coordinates,
            when,
            publish,
            status,
            updates,
            body_html: body.html,
            body_markdown: document.body.to_string(),
            text: body.text,
            references: body.references,
            source: Source {
                file: file.to_string(),
                body_line,
            },
            field_lines,
            links: Default::default(),
            aliases,
        }),
        _ => None,
    };
    (contribution, diagnostics)
}

/// Earlier addresses of the page, each a site-absolute path; a folder
/// address gets its closing `/`.
fn read_aliases(reader: &mut FieldReader) -> Vec<String> {
    let example = "aliases = [\"/lindenhof/oude-naam/\"]";
    let Some(aliases) = reader.strings("aliases", false, example) else {
        return Vec::new();
    };
    let mut good = Vec::new();
    for alias in aliases {
        match alias_problem(&alias) {
            Some(problem) => reader.error(
                "invalid-field",
                "aliases",
                format!("het oude adres \"{alias}\" in aliases kan niet: {problem}"),
                format!("schrijf het oude adres vanaf de / na de domeinnaam, zo: {example}"),
            ),
            None if alias.ends_with('/')
                || alias.rsplit('/').next().is_some_and(|l| l.contains('.')) =>
            {
                good.push(alias)
            }
            None => good.push(format!("{alias}/")),
        }
    }
    good
}

fn alias_problem(alias: &str) -> Option<&'static str> {
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Some("het begint niet met één /");
    }
    if alias == "/" {
        return Some("dat is de voorpagina van de site");
    }
    if alias.split('/').any(|part| part == ".." || part == ".") {
        return Some("er staat .. of . in");
    }
    if alias.contains(['?', '#', '"', '<', '>', '\\', ' '])
        || crate::linesafe::check_line(alias).is_err()
    {
        return Some(
            "er staan tekens in die niet in een adres horen (spatie, ?, #, aanhalingstekens)",
        );
    }
    None
}

/// An event's place on the map: `coordinates = [lon, lat]` in WGS84.
fn read_coordinates(reader: &mut FieldReader, kind: Option<&str>) -> Option<(f64, f64)> {
    let example = "coordinates = [5.3872, 52.1552]";
    let value = reader.raw("coordinates")?;
    if kind.is_some_and(|k| k != "event") {
        let message =
            "het veld \"coordinates\" hoort alleen bij een bijeenkomst (kind = \"event\")".into();
        let hint = "haal de regel weg; werk komt op de kaart via de straten (streets)".into();
        reader.error("invalid-field", "coordinates", message, hint);
        return None;
    }
    let numbers: Option<Vec<f64>> = value.as_array().map(|items| {
        items
            .iter()
            .filter_map(|v| v.as_float().or_else(|| v.as_integer().map(|n| n as f64)))
            .collect()
    });
    let (lon, lat) = match numbers.as_deref() {
        Some(&[lon, lat]) if value.as_array().is_some_and(|a| a.len() == 2) => (lon, lat),
        _ => {
            let message =
                "het veld \"coordinates\" moet twee getallen zijn: lengtegraad en breedtegraad"
                    .into();
            reader.error(
                "invalid-field",
                "coordinates",
                message,
                format!("schrijf het zo: {example}"),
            );
            return None;
        }
    };
    if let Err(hint) = crate::geo::kaart::check_point(lon, lat) {
        let message = format!("de plek [{lon}, {lat}] in \"coordinates\" ligt niet in Nederland");
        reader.error(
            "bad-geometry",
            "coordinates",
            message,
            format!("{hint}; bijvoorbeeld: {example}"),
        );
        return None;
    }
    Some((lon, lat))
}

/// The streets; works need one or more (`streets = []` is not enough).
fn read_streets(reader: &mut FieldReader, required: bool) -> Vec<String> {
    let example = "streets = [\"Bloemstraat\"]";
    let streets = reader.strings("streets", required, example);
    if required && streets.as_ref().is_some_and(Vec::is_empty) {
        reader.error(
            "missing-field",
            "streets",
            "het veld \"streets\" is leeg: bij werkzaamheden hoort minstens één straat".into(),
            format!("schrijf de straten waar gewerkt wordt, zo: {example}"),
        );
    }
    streets.unwrap_or_default()
}

fn report_contact_fields(reader: &mut FieldReader) {
    let present: Vec<String> = reader
        .entries()
        .map(|(k, _)| k.clone())
        .filter(|k| CONTACT_FIELDS.contains(&k.as_str()))
        .collect();
    for key in present {
        let message = format!("een bijdrage mag geen eigen contact hebben (\"{key}\")");
        let hint = "haal dit veld weg: elke pagina van de wijk toont het ene contactpunt van de wijk; dat staat in _index.md van de wijk, onder [contact]";
        reader.error("contact-in-contribution", &key, message, hint.into());
    }
}

fn read_kind(reader: &mut FieldReader) -> Option<&'static str> {
    let kind = reader.string("kind", true, "kind = \"works\"")?;
    if let Some(known) = KINDS.iter().find(|k| **k == kind) {
        return Some(known);
    }
    let hint = match did_you_mean(&kind, KINDS.iter().copied()) {
        Some(best) => format!(
            "bedoelt u kind = \"{best}\"? De soorten zijn: {}",
            KINDS.join(", ")
        ),
        None => format!(
            "kies een van deze soorten: {} (works = werkzaamheden, event = bijeenkomst, news = nieuws, decision = besluit, support = hulp of regeling)",
            KINDS.join(", ")
        ),
    };
    reader.error(
        "unknown-kind",
        "kind",
        format!("de soort \"{kind}\" bestaat niet"),
        hint,
    );
    None
}

fn read_when(reader: &mut FieldReader, kind: &str, timezone: &TimeZone) -> Option<When> {
    match kind {
        "works" => {
            let start = reader.date("start", true, "start = 2027-03-01");
            let end = reader.date("end", false, "end = 2027-06-30");
            let start = start?;
            if let Some(end) = end
                && end < start
            {
                end_before_start(reader, &start.to_string(), &end.to_string());
                return None;
            }
            Some(When::Works { start, end })
        }
        "event" => {
            let start = read_time(
                reader,
                "start",
                true,
                "start = 2027-03-28T19:30:00",
                timezone,
            );
            let end = read_time(reader, "end", false, "end = 2027-03-28T21:00:00", timezone);
            let start = start?;
            if let Some(end) = &end
                && *end < start
            {
                end_before_start(
                    reader,
                    &start.datetime().to_string(),
                    &end.datetime().to_string(),
                );
                return None;
            }
            Some(When::Event { start, end })
        }
        "news" => Some(When::News {
            date: reader.date("date", true, "date = 2027-03-02")?,
        }),
        "decision" => Some(When::Decision {
            date: reader.date("date", true, "date = 2027-03-02")?,
        }),
        _ => Some(When::Support),
    }
}

/// `status`: one of [`Status::ALL`], and only for `works`.
fn read_status(reader: &mut FieldReader, kind: Option<&str>) -> Option<Status> {
    let text = reader.string("status", false, "status = \"vertraagd\"")?;
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
    if let Some(kind) = kind.filter(|k| *k != "works") {
        let message = format!(
            "een status (status = \"{text}\") hoort alleen bij werkzaamheden, niet bij kind = \"{kind}\""
        );
        let hint = "haal de regel met status weg; wat er veranderd is, schrijft u in een update:\n[[updates]]\ndate = 2027-03-02\ntext = \"Wat er veranderd is.\"";
        reader.error("bad-status", "status", message, hint.into());
        return None;
    }
    if let Some(status) = Status::parse(&text.to_lowercase()) {
        return Some(status);
    }
    let choices = names
        .iter()
        .map(|n| format!("status = \"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match did_you_mean(&text, names.iter().copied()) {
        Some(best) => format!("bedoelt u status = \"{best}\"? De mogelijkheden zijn: {choices}"),
        None => format!(
            "kies een van deze: {choices}; zonder status volgt de stand de datums (gepland, bezig, klaar)"
        ),
    };
    reader.error(
        "bad-status",
        "status",
        format!("de status \"{text}\" bestaat niet"),
        hint,
    );
    None
}

/// `[[updates]]`: dated notes, newest first. For `works` an update is not
/// dated before the start (except for a cancelled job), and its new `end`
/// not before the start.
fn read_updates(reader: &mut FieldReader, kind: Option<&str>, when: Option<&When>) -> Vec<Update> {
    let example = "[[updates]]\ndate = 2027-03-02\ntext = \"Wat er veranderd is.\"";
    let start = match when {
        Some(When::Works { start, .. }) => Some(*start),
        _ => None,
    };
    // A cancellation is often told before the start: that is no mistake.
    let cancelled = reader
        .entries()
        .any(|(k, v)| k == "status" && v.as_str() == Some(Status::Geannuleerd.name()));
    let mut updates = Vec::new();
    reader.each_table("updates", example, |table, _| {
        table.deny_unknown(UPDATE_FIELDS);
        let date = table.date("date", true, "date = 2027-03-02");
        let text = table.string("text", true, "text = \"Wat er veranderd is.\"");
        let end = table.date("end", false, "end = 2027-06-30");
        if end.is_some() && kind.is_some_and(|k| k != "works") {
            table.error(
                "invalid-field",
                "end",
                "een nieuw einde (end) in een update hoort alleen bij werkzaamheden".into(),
                "haal de regel end weg uit deze update; een bijeenkomst die verschuift, krijgt een nieuwe start en end bovenaan".into(),
            );
        }
        if let (Some(start), Some(date)) = (start, date)
            && date < start
            && !cancelled
        {
            let message = format!(
                "de update van {date} ligt vóór het begin van het werk (start = {start})"
            );
            let hint = format!(
                "een update vertelt wat er sinds het begin veranderd is: schrijf date = {start} of later; schuift het begin zelf, pas dan start bovenaan aan"
            );
            table.error("update-before-start", "date", message, hint);
        }
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            let message =
                format!("het nieuwe einde (end = {end}) ligt vóór het begin (start = {start})");
            let hint = format!("schrijf een einde op of na {start}, zo: end = {start}");
            table.error("end-before-start", "end", message, hint);
        }
        if let (Some(date), Some(text)) = (date, text) {
            updates.push(Update {
                date,
                html: markdown::render_inline(&text),
                text,
                end,
                line: table.line("date"),
            });
        }
    });
    // Newest first; of two on one day, the one written last.
    updates.reverse();
    updates.sort_by_key(|u| std::cmp::Reverse(u.date));
    updates
}

fn end_before_start(reader: &mut FieldReader, start: &str, end: &str) {
    let message = format!("het einde (end = {end}) ligt vóór het begin (start = {start})");
    reader.error(
        "end-before-start",
        "end",
        message,
        "kijk het begin en het einde na: \"end\" moet op of na \"start\" liggen".into(),
    );
}

/// An event time in the site's zone. A local time in the spring gap
/// (02:30 on the last Sunday of March) moves forward an hour, as RFC 5545
/// prescribes; a time the calendar cannot hold (9999-12-31T23:30) is a
/// `bad-date` instead of a silently wrong time.
fn read_time(
    reader: &mut FieldReader,
    key: &str,
    required: bool,
    example: &str,
    timezone: &TimeZone,
) -> Option<ZonedDateTime> {
    let written = reader.date_time(key, required, example)?;
    let zoned = match written {
        WrittenTime::Local(local) => timezone.to_ambiguous_zoned_datetime(local).compatible(),
        WrittenTime::Absolute(instant, clock) => {
            let zoned = instant.to_zoned_datetime(timezone.clone());
            if zoned.datetime() != clock {
                offset_mismatch(reader, key, instant, clock, &zoned);
                return None;
            }
            Ok(zoned)
        }
    };
    match zoned {
        Ok(zoned) => Some(zoned),
        Err(_) => {
            let message = format!(
                "de datum in het veld \"{key}\" ligt te ver in het verleden of de toekomst"
            );
            let hint = format!("schrijf de echte datum en tijd van de bijeenkomst, zo: {example}");
            reader.error("bad-date", key, message, hint);
            None
        }
    }
}

/// A time written with an offset that the site's zone does not have on
/// that day (`+01:00` in summer): which local time that would be, and the
/// line to write.
fn offset_mismatch(
    reader: &mut FieldReader,
    key: &str,
    instant: jiff::Timestamp,
    clock: jiff::civil::DateTime,
    zoned: &ZonedDateTime,
) {
    let written = &clock.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let as_utc = clock.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok();
    let offset = as_utc.as_ref().map_or(0, |utc| {
        instant.duration_until(utc.timestamp()).as_secs() / 60
    });
    let offset = match offset {
        0 => "Z".to_string(),
        m => format!(
            "{}{:02}:{:02}",
            if m < 0 { '-' } else { '+' },
            m.abs() / 60,
            m.abs() % 60
        ),
    };
    let local = crate::render::dates::time(zoned, crate::config::Language::Nl);
    let shown = format!("{:02}.{:02}", clock.hour(), clock.minute());
    let zone = zoned
        .time_zone()
        .iana_name()
        .unwrap_or("de tijdzone van de site");
    let message = format!(
        "de tijd in het veld \"{key}\" is zo geschreven {local} uur hier, niet {shown} uur: op die dag geldt in {zone} {}, niet {offset}",
        zoned.strftime("%:z"),
    );
    let hint = format!(
        "schrijf de tijd zoals die hier op de klok staat, zonder {offset} erachter: {key} = {written} (of, als {local} uur bedoeld is: {key} = {})",
        zoned.strftime("%Y-%m-%dT%H:%M:%S")
    );
    reader.error("offset-mismatch", key, message, hint);
}

/// `www.voorbeeld.nl/aanmelden` is what many people write for a web
/// address; it means `https://www.voorbeeld.nl/aanmelden`.
fn with_scheme(url: String) -> String {
    if url.starts_with("www.") && !url.contains(char::is_whitespace) {
        format!("https://{url}")
    } else {
        url
    }
}

fn is_web_address(url: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p))
        && !url.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Contribution>, Vec<Diagnostic>) {
        parse(
            "content/w/a.md",
            "a",
            text,
            &TimeZone::get("Europe/Amsterdam").unwrap(),
        )
    }

    #[test]
    fn parses_an_event_in_local_time() {
        let (c, d) = parse_str(
            "+++\ntitle = \"Avond\"\ndepartment = \"Energie\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"Buurthuis\"\n+++\nTekst\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        let When::Event { start, .. } = &c.when else {
            panic!("not an event")
        };
        assert_eq!(start.timestamp().to_string(), "2027-03-28T17:30:00Z");
        assert_eq!(c.source.body_line, 8);
    }

    #[test]
    fn reports_all_mistakes_of_one_file() {
        let (c, d) =
            parse_str("+++\ntitle = \"X\"\nkind = \"werk\"\ncontact = \"Jan\"\nstrets = []\n+++\n");
        assert!(c.is_none());
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.contains(&("missing-field", Some(1))), "{codes:?}");
        assert!(codes.contains(&("unknown-kind", Some(3))));
        assert!(codes.contains(&("contact-in-contribution", Some(4))));
        assert!(codes.contains(&("unknown-field", Some(5))));
    }

    #[test]
    fn a_signup_address_without_https_is_completed_and_a_script_is_refused() {
        let event = |signup: &str| {
            parse_str(&format!(
                "+++\ntitle = \"A\"\ndepartment = \"D\"\nkind = \"event\"\nstart = 2027-03-28T19:30:00\nlocation = \"L\"\nsignup = \"{signup}\"\n+++\n"
            ))
        };
        let (c, d) = event("www.voorbeeld.nl/aanmelden");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            c.unwrap().signup.as_deref(),
            Some("https://www.voorbeeld.nl/aanmelden")
        );
        let (c, d) = event("javascript:alert(1)");
        assert!(c.is_none());
        assert_eq!((d[0].code, d[0].line), ("invalid-field", Some(7)));
    }

    #[test]
    fn rejects_end_before_start() {
        let (_, d) = parse_str(
            "+++\ntitle = \"X\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"A\"]\nstart = 2027-03-02\nend = 2027-03-01\n+++\n",
        );
        assert_eq!((d[0].code, d[0].line), ("end-before-start", Some(7)));
    }

    const WORKS: &str = "+++\ntitle = \"W\"\ndepartment = \"D\"\nkind = \"works\"\nstreets = [\"A\"]\nstart = 2026-04-01\nend = 2026-06-30\n";

    #[test]
    fn reads_publish_status_and_updates_newest_first() {
        let (c, d) = parse_str(&format!(
            "{WORKS}publish = 2026-03-01\nstatus = \"vertraagd\"\n\n[[updates]]\ndate = 2026-05-01\ntext = \"Eerste *nieuws*.\"\n\n[[updates]]\ndate = 2026-09-01\ntext = \"De grond is hard.\"\nend = 2026-12-15\n+++\n"
        ));
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.publish, Some(jiff::civil::date(2026, 3, 1)));
        assert_eq!(c.status, Some(Status::Vertraagd));
        assert_eq!(c.updates.len(), 2);
        assert_eq!(c.updates[0].date, jiff::civil::date(2026, 9, 1));
        assert_eq!(c.updates[0].line, 16);
        assert_eq!(c.updates[1].html, "Eerste <em>nieuws</em>.");
        assert_eq!(c.works_end(), Some(jiff::civil::date(2026, 12, 15)));
        assert_eq!(c.planned_end(), Some(jiff::civil::date(2026, 6, 30)));
        assert!(!c.is_published(jiff::civil::date(2026, 2, 28)));
        assert!(c.is_published(jiff::civil::date(2026, 3, 1)));
    }

    #[test]
    fn a_bad_status_names_the_choices_and_the_line() {
        let (_, d) = parse_str(&format!("{WORKS}status = \"vertraag\"\n+++\n"));
        assert_eq!((d[0].code, d[0].line), ("bad-status", Some(8)));
        assert!(
            d[0].notes[0].starts_with("bedoelt u status = \"vertraagd\"?"),
            "{:?}",
            d[0].notes
        );
        let (_, d) = parse_str(
            "+++\ntitle = \"N\"\ndepartment = \"D\"\nkind = \"news\"\ndate = 2026-04-01\nstatus = \"klaar\"\n+++\n",
        );
        assert_eq!((d[0].code, d[0].line), ("bad-status", Some(6)));
        assert!(d[0].message.contains("hoort alleen bij werkzaamheden"));
    }

    #[test]
    fn an_update_before_the_start_or_without_text_is_an_error() {
        let (c, d) = parse_str(&format!(
            "{WORKS}[[updates]]\ndate = 2026-03-01\ntext = \"Te vroeg.\"\n[[updates]]\ndate = 2026-05-01\n+++\n"
        ));
        assert!(c.is_none());
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert!(
            codes.contains(&("update-before-start", Some(9))),
            "{codes:?}"
        );
        assert!(codes.contains(&("missing-field", Some(11))), "{codes:?}");
        let early = d.iter().find(|d| d.code == "update-before-start").unwrap();
        assert!(
            early.notes[0].contains("date = 2026-04-01 of later"),
            "{:?}",
            early.notes
        );
        let missing = d.iter().find(|d| d.code == "missing-field").unwrap();
        assert_eq!(
            missing.message,
            "het verplichte veld \"text\" in de 2e [[updates]] ontbreekt"
        );
    }

    #[test]
    fn an_offset_that_the_zone_does_not_have_that_day_is_an_error() {
        let event = |start: &str| {
            parse_str(&format!(
                "+++\ntitle = \"A\"\ndepartment = \"D\"\nkind = \"event\"\nlocation = \"L\"\nstart = {start}\n+++\n"
            ))
        };
        let (c, d) = event("2027-06-15T19:30:00+02:00");
        assert!(d.is_empty(), "{d:?}");
        assert!(c.is_some());
        let (_, d) = event("2027-06-15T19:30:00+01:00");
        assert_eq!((d[0].code, d[0].line), ("offset-mismatch", Some(6)));
        assert!(d[0].message.contains("20.30"), "{}", d[0].message);
        assert!(
            d[0].notes[0].contains("start = 2027-06-15T19:30:00 "),
            "{:?}",
            d[0].notes
        );
        let (_, d) = event("2027-06-15T17:30:00Z");
        assert_eq!(d[0].code, "offset-mismatch");
        assert!(d[0].message.contains("19.30"), "{}", d[0].message);
    }
}
