#!/usr/bin/env python3
"""Write a synthetic wijkverhaal site (and, optionally, an equivalent Hugo site).

    scripts/gen_corpus.py --wijken 50 --per-wijk 200 --out /dev/shm/site [--hugo /dev/shm/hugo] [--seed 1]

The site follows ../shared/spec/content-model.md: `site.toml`, one folder per
wijk with `_index.md` (name, summary, 20-60 streets, contact point, glossary,
projects) and W x C contributions spread over six department sub-folders.
Kinds: works ~35 %, event ~20 %, news ~20 %, decision ~10 %, support ~15 %.
About 30 % of the works belong to a project whose parts come from 2-3
departments; events fall in 2027 (local times, some deliberately clashing);
works (2026-2029) that share a street give some coupling opportunities. Bodies are 2-4 KB
of Dutch-looking Markdown (paragraphs, a list, sometimes a table or a link).

With `--findings` about a third of the bodies also get what the editorial checks
look for (jargon, a department's own phone number or e-mail address, a long sentence).

With `--hugo DIR` the same Markdown bodies are also written as a Hugo site:
one page per contribution, a section (list page) per wijk, minimal layouts
(baseof + single + list, `.Pages` only), `buildFuture = true`, HTML only
(`--hugo-feeds` keeps Hugo's RSS and sitemap). With `--zola DIR` they are
written as a Zola site of the same shape (base + page + section + index
templates, no feeds, no search index); a wijk's pages sit in its section
folder as `<department>-<slug>.md`, since Zola sections need an `_index.md`.

Standard library only; the output depends only on the arguments (`--seed`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import time
import unicodedata

RESERVED = {"tijdlijn", "agenda", "straten", "contact", "project", "index", "nieuws", "wijk"}

DEPARTMENTS = [
    # (name, folder, kinds it writes with weights)
    ("Energietransitie", "energietransitie"),
    ("Openbare Ruimte", "openbare-ruimte"),
    ("Groen", "groen"),
    ("Sociaal Domein", "sociaal-domein"),
    ("Woonstichting De Linie", "woonstichting"),
    ("Netbeheerder Stedin", "netbeheerder"),
]
# Which departments write which kind (indices into DEPARTMENTS).
KIND_DEPTS = {
    "works": [0, 1, 2, 4, 5],
    "event": [0, 1, 2, 3, 4],
    "news": [0, 1, 2, 3, 4, 5],
    "decision": [0, 1, 3],
    "support": [0, 3, 4],
}
KINDS = ["works"] * 35 + ["event"] * 20 + ["news"] * 20 + ["decision"] * 10 + ["support"] * 15

WIJK_BASES = [
    "Tuinwijk", "Lindenhof", "Vogelbuurt", "Bloemenbuurt", "Schildersbuurt", "Rivierenbuurt",
    "Bomenbuurt", "Componistenbuurt", "Zeeheldenbuurt", "Dichtersbuurt", "Molenwijk", "Kerkwijk",
    "Havenkwartier", "Stationsbuurt", "Parkwijk", "Dorpsweide", "Hoogveld", "Laagland",
    "Zonnehoek", "Beekdal", "Eikenrode", "Wilgenhof", "Kastanjehof", "Vlietzone",
    "Polderwijk", "Duinzicht", "Heidebuurt", "Slotenkwartier", "Watertorenbuurt", "Oude Dorp",
    "Nieuwe Akker", "Brinkbuurt", "Singelwijk", "Vestingbuurt", "Klooster", "Meerzicht",
]
WIJK_SUFFIXES = ["", "-Oost", "-West", "-Noord", "-Zuid", "-Midden"]

STREET_FIRST = [
    "Linde", "Eiken", "Beuken", "Kastanje", "Wilgen", "Berken", "Esdoorn", "Populier", "Iepen",
    "Rozen", "Tulpen", "Anjer", "Lelie", "Violier", "Klaver", "Zonnebloem", "Mees", "Merel",
    "Lijster", "Spreeuw", "Zwaluw", "Reiger", "Kievit", "Molen", "Kerk", "Dorps", "School",
    "Haven", "Markt", "Sluis", "Dijk", "Veld", "Akker", "Weide", "Beek", "Bron", "Vijver",
    "Rembrandt", "Vermeer", "Frans Hals", "Jan Steen", "Mondriaan", "Sweelinck", "Bach",
    "Mozart", "Vondel", "Bilderdijk", "Hooft", "Tromp", "De Ruyter", "Piet Hein", "Evertsen",
    "Van Speijk", "Van Gogh", "Burgemeester de Vlugt", "Prins Hendrik", "Koningin Emma",
    "Wethouder Jansen", "Dokter Bakker",
]
STREET_LAST = ["straat", "laan", "weg", "plein", "singel", "hof", "kade", "pad", "dreef", "gracht"]

FIRST_NAMES = ["Fatima", "Jeroen", "Sanne", "Mohamed", "Ingrid", "Pieter", "Ayse", "Kees",
               "Lotte", "Yusuf", "Marieke", "Bram", "Nadia", "Willem", "Esra", "Joost"]
LAST_NAMES = ["el Amrani", "de Vries", "Jansen", "Bakker", "Yilmaz", "van Dijk", "Visser",
              "Smit", "Bouzid", "de Boer", "Mulder", "de Groot", "Kaya", "Hendriks"]
BUILDINGS = ["Buurthuis De Linde", "Wijkcentrum Het Anker", "Bibliotheek", "Sporthal De Kolk",
             "Basisschool De Regenboog", "Kerkzaal", "Buurtkamer", "Gymzaal", "Speeltuin De Egel"]

GLOSSARY = {
    "warmtenet": "Buizen onder de grond die warm water naar de huizen brengen.",
    "riolering": "De buizen onder de straat die afvalwater en regenwater afvoeren.",
    "hemelwater": "Regenwater dat van daken en straten komt.",
    "isolatie": "Materiaal dat de warmte in huis houdt.",
    "warmtepomp": "Een apparaat dat warmte uit de lucht of de grond haalt.",
    "laadpaal": "Een paal waar je een elektrische auto kunt opladen.",
    "wadi": "Een lage plek met gras waar regenwater in de grond zakt.",
    "transformatorhuisje": "Een klein gebouw dat stroom geschikt maakt voor de huizen.",
}

WORKS_TOPICS = ["Riolering", "Warmtenet", "Bestrating", "Bomen", "Stroomnet", "Glasvezel",
                "Waterleiding", "Wadi", "Speelplek", "Fietspad", "Laadpalen", "Gevelisolatie"]
EVENT_TOPICS = ["Informatieavond", "Inloopavond", "Buurtwandeling", "Spreekuur", "Werksessie",
                "Buurtborrel", "Energiecafe", "Ontwerpavond", "Klankbordgroep", "Open dag"]
NEWS_TOPICS = ["Nieuws", "Voortgang", "Update", "Terugblik", "Planning", "Onderzoek"]
DECISION_TOPICS = ["Besluit", "Raadsbesluit", "Vergunning", "Verkeersbesluit", "Subsidiebesluit"]
SUPPORT_TOPICS = ["Subsidie", "Energiecoach", "Lening", "Hulp bij isolatie", "Buurtbudget",
                  "Klusbus", "Energiebox"]

# Words for the sentence pool. Sentences stay short (no long-sentence warnings),
# carry no phone numbers or e-mail addresses and avoid municipal jargon.
SUBJECTS = ["De gemeente", "Het werkteam", "De aannemer", "Onze wijkploeg", "De netbeheerder",
            "Het buurtteam", "De woonstichting", "Een medewerker", "De projectleider",
            "Het bewonerspanel", "De hovenier", "Het energieloket"]
VERBS = ["vernieuwt", "controleert", "bespreekt", "plant", "verbetert", "onderzoekt",
         "herstelt", "vervangt", "bekijkt", "regelt", "begeleidt", "meet"]
OBJECTS = ["de riolering", "het warmtenet", "de stoepen", "de bomen", "het stroomnet",
           "de speelplek", "de fietsenstalling", "de verlichting", "de parkeerplaatsen",
           "de voortuinen", "de aansluitingen", "het plantsoen", "de wadi", "de kruising"]
ADVERBIALS = ["in de komende weken", "na de zomer", "voor de winter", "stap voor stap",
              "samen met de bewoners", "zonder lange omleidingen", "in kleine delen",
              "op werkdagen", "in overleg met de buurt", "zo snel als het kan",
              "voordat de nieuwe bestrating komt", "met zo min mogelijk overlast"]
TAILS = ["Zo blijft uw straat bereikbaar.", "U hoort het ruim op tijd.",
         "Uw auto kunt u dan even ergens anders parkeren.", "Wij houden u op de hoogte.",
         "Dat scheelt overlast.", "Hulpdiensten kunnen er altijd langs.",
         "De stoep blijft begaanbaar.", "Vragen stellen mag altijd.",
         "Kinderen kunnen veilig naar school.", "Het afval wordt gewoon opgehaald.",
         "Uw mening telt mee.", "Er is koffie en thee."]
LIST_ITEMS = ["Parkeer uw auto buiten het werkvak.", "Houd de stoep vrij van fietsen.",
              "Zet de container op de hoek van de straat.", "Laat ons weten als u slecht ter been bent.",
              "Kijk op de website voor de laatste planning.", "Kom langs op het spreekuur.",
              "Meld schade direct bij de wijkploeg.", "Neem een buurman of buurvrouw mee.",
              "Houd ramen dicht tijdens het zagen.", "Bewaar deze brief bij de meterkast.",
              "Geef toegang tot de kruipruimte.", "Lees de uitleg over de kosten.",
              "Vraag naar de regeling voor huurders.", "Schrijf u in voor de nieuwsbrief."]
TABLE_ROWS = [("Voorbereiding", "2 weken"), ("Graven en leggen", "6 weken"),
              ("Herstel bestrating", "3 weken"), ("Opleveren", "1 week"),
              ("Planten van bomen", "2 dagen"), ("Aansluiten woningen", "4 weken")]


def slugify(text: str) -> str:
    text = text.replace("'", "").replace("\u2019", "")  # apostrophes vanish, as in src/slug.rs
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_arr(items) -> str:
    return "[" + ", ".join(toml_str(s) for s in items) + "]"


class Corpus:
    def __init__(self, seed: int, streets: int | None = None):
        self.rng = random.Random(seed)
        self.fixed_streets = streets
        rng = self.rng
        # Pools built once; bodies are assembled by choosing from them (fast).
        self.sentences = []
        for _ in range(3000):
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ADVERBIALS)}."
            if rng.random() < 0.5:
                s += " " + rng.choice(TAILS)
            self.sentences.append(s)
        self.paragraphs = []
        for _ in range(1500):
            n = rng.randint(3, 6)
            self.paragraphs.append(" ".join(rng.choice(self.sentences) for _ in range(n)))
        self.lists = []
        for _ in range(300):
            items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
            self.lists.append("\n".join("- " + i for i in items))
        self.tables = []
        for _ in range(100):
            rows = rng.sample(TABLE_ROWS, rng.randint(3, 5))
            t = "| Fase | Duur |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
            self.tables.append(t)

    # ---- the wijk -----------------------------------------------------------
    def wijk_names(self, n: int):
        names, seen = [], set()
        combos = [b + s for b in WIJK_BASES for s in WIJK_SUFFIXES]
        self.rng.shuffle(combos)
        i = 0
        while len(names) < n:
            base = combos[i % len(combos)]
            name = base if i < len(combos) else f"{base} {i // len(combos) + 1}"
            i += 1
            slug = slugify(name)
            if slug in seen or slug in RESERVED:
                continue
            seen.add(slug)
            names.append((name, slug))
        return names

    def streets(self):
        rng = self.rng
        n = rng.randint(20, 60)
        if self.fixed_streets:
            n = self.fixed_streets
        out, seen = [], set()
        while len(out) < n:
            first, last = rng.choice(STREET_FIRST), rng.choice(STREET_LAST)
            name = first + last
            r = rng.random()
            if r < 0.04:
                name = "'s-" + rng.choice(["Graven", "Heren", "Koningins"]) + last
            elif r < 0.08:
                name = "Oude " + name
            slug = slugify(name)
            if slug in seen:
                continue
            seen.add(slug)
            out.append(name)
        return out

    # ---- a body --------------------------------------------------------------
    def body(self, title: str, streets, wijk_name: str, contact_email: str) -> str:
        rng = self.rng
        target = rng.randint(2100, 3900)
        where = ", ".join(streets) if streets else wijk_name
        parts = [f"Dit bericht gaat over {title[:1].lower() + title[1:]} in {where}. {rng.choice(TAILS)}"]
        size = len(parts[0])
        pos_list = rng.randint(1, 3)
        with_table = rng.random() < 0.25
        with_link = rng.random() < 0.4
        i = 0
        while size < target:
            i += 1
            if i == pos_list:
                chunk = "## Wat kunt u doen?\n\n" + rng.choice(self.lists)
            elif with_table and i == pos_list + 2:
                chunk = "## Planning\n\n" + rng.choice(self.tables)
            elif with_link and i == pos_list + 1:
                chunk = (f"Meer uitleg staat op [de website van de gemeente]"
                         f"(https://www.voorbeeld.nl/{slugify(wijk_name)}). {rng.choice(TAILS)}")
            else:
                chunk = rng.choice(self.paragraphs)
            if size + len(chunk) + 2 > 4000:
                chunk = chunk[: max(0, 4000 - size - 60)].rsplit(" ", 1)[0].rstrip(".,") + "."
                if len(chunk) < 20:
                    break
            parts.append(chunk)
            size += len(chunk) + 2
        if rng.random() < 0.1:
            parts.append(f"Vragen? Mail naar {contact_email}.")
        return "\n\n".join(parts) + "\n"


# For --findings: what the editorial checks look for (jargon in several cases,
# inflections and spellings; phone numbers and e-mail addresses of a department;
# sentences over 25 words) and what they must leave alone (dates, times, amounts).
FINDINGS = [
    "Door de netcongestie duurt het aansluiten langer.",
    "Het WUP staat online, net als de Transitievisie Warmte en de transitievisie-warmte van de regio.",
    "Bel voor vragen 06-12345678 of (020) 123 45 67.",
    "Mail de afdeling via info@afdeling.example of bel +31 20 123 4567.",
    "Het participatietraject start na de zomer: lees de startnotitie en geef uw zienswijze.",
    "De aardgasvrij-ready woningen en de nul-op-de-meter huizen krijgen een WKO.",
    "Over de RES, de resultaten van de ISDE en de Netcongesties in de wijk.",
    "Op 2027-01-19 van 19.30-21.30 uur in zaal 3, voor € 1.500,00 per woning, postcode 1234 AB.",
    "Omdat de aannemer in de komende weken eerst de oude leidingen onder de stoep moet weghalen "
    "voordat de nieuwe kabels van de netbeheerder kunnen worden gelegd, en omdat dat werk alleen "
    "op werkdagen tussen acht en vijf uur mag gebeuren, duurt het geheel langer dan gepland.",
    "De integrale aanpak van de klimaatadaptatie vraagt om een kwaliteitsimpuls; zie ook www.wijk14.example/plan.",
]


def with_findings(body: str, seed: int, wslug: str, i: int) -> str:
    """A third of the bodies get one to three sentences of FINDINGS, from a random
    generator of their own, so the rest of the corpus does not change."""
    g = random.Random(f"{seed}-findings-{wslug}-{i}")
    if g.random() >= 0.35:
        return body
    return body + "\n" + " ".join(g.sample(FINDINGS, g.randint(1, 3))) + "\n"


def fmt_dt(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def rd_to_wgs84(x: float, y: float):
    """RD New to WGS84 (the approximation formulas, as src/geo/rd.rs)."""
    k = [(0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978), (0, 3, -0.06550),
         (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039), (4, 1, 0.00033),
         (1, 1, -0.00012)]
    l = [(1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885), (1, 3, 0.05594),
         (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128), (0, 2, 0.00022),
         (2, 0, -0.00022), (5, 0, 0.00026)]
    dx, dy = (x - 155000) * 1e-5, (y - 463000) * 1e-5
    lat = 52.15517440 + sum(c * dx ** p * dy ** q for p, q, c in k) / 3600
    lon = 5.38720621 + sum(c * dx ** p * dy ** q for p, q, c in l) / 3600
    return [round(lon, 7), round(lat, 7)]


def kaart_geojson(seed: int, windex: int, wslug: str, streets) -> str:
    """A wijk's kaart.geojson: a boundary and one wandering line per street, on a
    1.2 km square of its own; even wijken in RD New (as QGIS exports it), odd ones
    in WGS84. Its own random generator, so the rest of the corpus is unchanged."""
    g = random.Random(f"{seed}-geometry-{wslug}")
    x0, y0 = 100000 + (windex % 40) * 1500, 420000 + (windex // 40) * 1500
    rd = windex % 2 == 0
    pt = (lambda x, y: [round(x0 + x, 2), round(y0 + y, 2)]) if rd else (lambda x, y: rd_to_wgs84(x0 + x, y0 + y))
    features = [{"type": "Feature", "properties": {"wijk": True}, "geometry": {"type": "Polygon", "coordinates": [
        [pt(x, y) for x, y in [(0, 0), (1200, 0), (1200, 1200), (0, 1200), (0, 0)]]]}}]
    for n, st in enumerate(streets):
        horizontal = n % 2 == 0
        at = 40 + (n // 2) * (1120 / max(1, (len(streets) + 1) // 2))
        points, along = [], 20.0
        while along < 1180:
            off = at + g.uniform(-15, 15)
            points.append(pt(along, off) if horizontal else pt(off, along))
            along += g.uniform(30, 90)
        features.append({"type": "Feature", "properties": {"street": st},
                         "geometry": {"type": "LineString", "coordinates": points}})
    head = {"type": "FeatureCollection"}
    if rd:
        head["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    text = json.dumps(head, ensure_ascii=False)[:-1] + ',\n"features": [\n'
    return text + ",\n".join(json.dumps(f, ensure_ascii=False) for f in features) + "\n]}\n"


def generate(args) -> dict:
    c = Corpus(args.seed, args.streets)
    rng = c.rng
    out = args.out
    hugo = args.hugo
    stats = {"files": 0, "bytes": 0, "kinds": {}}
    made_dirs = set()

    def write(path: str, text: str):
        d = os.path.dirname(path)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        stats["files"] += 1
        stats["bytes"] += len(data)

    write(os.path.join(out, "site.toml"),
          'title = "Gemeente Benchmark"\n'
          'base_url = "https://wijken.benchmark.example"\n'
          'language = "nl"\n'
          'timezone = "Europe/Amsterdam"\n'
          'theme = "default"\n'
          'coupling_window_days = 365\n')
    if hugo:
        # Only HTML pages by default; --hugo-feeds keeps Hugo's default RSS feeds and sitemap.
        feeds = "" if args.hugo_feeds else ', "RSS", "sitemap", "robotsTXT"'
        write(os.path.join(hugo, "config.toml"), HUGO_CONFIG.format(feeds=feeds))
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo, "layouts", name), text)
    if args.zola:
        write(os.path.join(args.zola, "config.toml"), ZOLA_CONFIG)
        write(os.path.join(args.zola, "content", "_index.md"), "+++\ntitle = \"Gemeente Benchmark\"\n+++\n")
        for name, text in ZOLA_TEMPLATES.items():
            write(os.path.join(args.zola, "templates", name), text)

    y2027 = dt.date(2027, 1, 1)
    for windex, (wname, wslug) in enumerate(c.wijk_names(args.wijken)):
        streets = c.streets()
        contact_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        email = f"{wslug}@benchmark.example"
        glossary = dict(rng.sample(sorted(GLOSSARY.items()), rng.randint(3, 6)))

        # Plan the kinds of this wijk's contributions, then the projects.
        kinds = [rng.choice(KINDS) for _ in range(args.per_wijk)]
        works_idx = [i for i, k in enumerate(kinds) if k == "works"]
        project_of = {}
        projects = []  # (key, title or None, streets, start date)
        in_project = works_idx[: int(round(len(works_idx) * 0.3))]
        rng.shuffle(in_project)
        j = 0
        while len(in_project) - j >= 2:
            size = min(rng.randint(2, 3), len(in_project) - j)
            if len(in_project) - j - size == 1:
                size += 1  # no one-part leftover
            topic = rng.choice(WORKS_TOPICS)
            pstreets = rng.sample(streets, rng.randint(1, 3))
            key = f"{slugify(topic)}-{slugify(pstreets[0])}-{len(projects) + 1}"
            title = None
            if rng.random() < 0.75:
                title = f"{pstreets[0]}: {topic.lower()} en meer werk in één keer"
            pstart = y2027 + dt.timedelta(days=rng.randint(0, 300))
            depts = rng.sample(KIND_DEPTS["works"], min(size, 3))
            for n, i in enumerate(in_project[j: j + size]):
                project_of[i] = (key, pstreets, pstart, depts[n % len(depts)])
            projects.append((key, title))
            j += size

        # _index.md
        lines = ["+++",
                 f"name = {toml_str(wname)}",
                 f"summary = {toml_str(f'Samen maken we {wname} klaar voor de toekomst.')}",
                 f"streets = {toml_arr(streets)}",
                 "",
                 "[contact]",
                 f"name = {toml_str(contact_name)}",
                 'role = "Wijkregisseur"',
                 f"email = {toml_str(email)}",
                 'phone = "14 020"',
                 f"visit = {toml_str('Dinsdag 9.00-12.00, ' + rng.choice(BUILDINGS) + ', ' + streets[0] + ' 4')}",
                 "",
                 "[glossary]"]
        lines += [f"{k} = {toml_str(v)}" for k, v in glossary.items()]
        titled = [(k, t) for k, t in projects if t]
        if titled:
            lines += ["", "[projects]"] + [f"{toml_str(k)} = {toml_str(t)}" for k, t in titled]
        lines.append("+++")
        story = c.body(f"de plannen voor {wname}", [], wname, email)
        if args.postcodes:
            # A separate generator: the rest of the corpus stays the same.
            prng = random.Random(f"{args.seed}-postcodes-{wslug}")
            area = 1000 + windex * 7 % 8999
            entries = []
            for st in streets:
                codes = sorted({f"{area} {prng.choice('ABCDEFGHJKLMNPRTUVWXYZ')}{prng.choice('ABCDEFGHJKLMNPRTUVWXYZ')}"
                                for _ in range(prng.randint(1, 3))})
                entries.append(f"{{ name = {toml_str(st)}, postcodes = {toml_arr(codes)} }}")
            lines[3] = "streets = [\n  " + ",\n  ".join(entries) + ",\n]"
        write(os.path.join(out, "content", wslug, "_index.md"), "\n".join(lines) + "\n" + story)
        if args.geometry:
            write(os.path.join(out, "content", wslug, "kaart.geojson"),
                  kaart_geojson(args.seed, windex, wslug, streets[: args.geometry]))
        if hugo:
            write(os.path.join(hugo, "content", wslug, "_index.md"),
                  f"+++\ntitle = {toml_str(wname)}\n+++\n" + story)
        if args.zola:
            write(os.path.join(args.zola, "content", wslug, "_index.md"),
                  f"+++\ntitle = {toml_str(wname)}\n+++\n" + story)

        used = set()
        street_cycle = []
        project_streets = {st for p in project_of.values() for st in p[1]}
        events = []  # (start, dept) for deliberate clashes
        for i, kind in enumerate(kinds):
            stats["kinds"][kind] = stats["kinds"].get(kind, 0) + 1
            fm = {}
            proj = project_of.get(i)
            if proj:
                key, pstreets, pstart, dept_i = proj
            else:
                dept_i = rng.choice(KIND_DEPTS[kind])
            dept, folder = DEPARTMENTS[dept_i]
            cstreets = []
            hdate = None
            if kind == "works":
                topic = rng.choice(WORKS_TOPICS)
                if proj:
                    cstreets = pstreets[:] if rng.random() < 0.7 else pstreets[:1]
                    start = pstart + dt.timedelta(days=rng.randint(0, 60))
                    fm["project"] = key
                else:
                    # Walk the wijk's streets in a shuffled cycle so that works share a
                    # street only now and then (coupling opportunities, not a flood).
                    cstreets = []
                    for _ in range(1 if rng.random() < 0.8 else 2):
                        if not street_cycle:
                            # Streets of projects come last in each round.
                            street_cycle = [x for x in streets if x in project_streets]
                            rest = [x for x in streets if x not in project_streets]
                            rng.shuffle(street_cycle)
                            rng.shuffle(rest)
                            street_cycle += rest
                        st = street_cycle.pop()
                        if st not in cstreets:
                            cstreets.append(st)
                    start = dt.date(2026, 7, 1) + dt.timedelta(days=rng.randint(0, 1250))
                end = start + dt.timedelta(days=rng.randint(10, 200))
                title = f"{topic} {cstreets[0]}"
                fm["streets"] = cstreets
                fm["start"] = start.isoformat()
                fm["end"] = end.isoformat()
                hdate = start.isoformat()
            elif kind == "event":
                topic = rng.choice(EVENT_TOPICS)
                if events and rng.random() < 0.12:
                    # A deliberate clash: overlap another event of this wijk.
                    other = rng.choice(events)
                    start = other + dt.timedelta(minutes=rng.choice([0, 30, 60]))
                else:
                    day = y2027 + dt.timedelta(days=rng.randint(0, 364))
                    hour, minute = rng.choice([(10, 0), (14, 0), (16, 30), (19, 0), (19, 30), (20, 0)])
                    start = dt.datetime(day.year, day.month, day.day, hour, minute)
                events.append(start)
                end = start + dt.timedelta(minutes=rng.choice([60, 90, 120]))
                title = f"{topic} {rng.choice(WORKS_TOPICS).lower()}"
                fm["start"] = fmt_dt(start)
                fm["end"] = fmt_dt(end)
                fm["location"] = f"{rng.choice(BUILDINGS)}, {rng.choice(streets)}"
                if rng.random() < 0.3:
                    cstreets = rng.sample(streets, 1)
                    fm["streets"] = cstreets
                if rng.random() < 0.4:
                    fm["signup"] = f"https://www.voorbeeld.nl/aanmelden/{wslug}-{i}"
                hdate = fmt_dt(start)
            elif kind in ("news", "decision"):
                topic = rng.choice(NEWS_TOPICS if kind == "news" else DECISION_TOPICS)
                d = dt.date(2026, 6, 1) + dt.timedelta(days=rng.randint(0, 570))
                title = f"{topic} {rng.choice(OBJECTS).split(' ', 1)[1]}"
                fm["date"] = d.isoformat()
                hdate = d.isoformat()
            else:  # support
                topic = rng.choice(SUPPORT_TOPICS)
                title = f"{topic} voor bewoners"
                if rng.random() < 0.6:
                    d = y2027 + dt.timedelta(days=rng.randint(30, 364))
                    fm["deadline"] = d.isoformat()
            slug = f"{slugify(title)}-{i + 1}"
            assert slug not in used and slug not in RESERVED
            used.add(slug)

            body = c.body(title, cstreets, wname, email)
            if args.findings:
                body = with_findings(body, args.seed, wslug, i)
            lines = ["+++", f"title = {toml_str(title)}", f"department = {toml_str(dept)}",
                     f"kind = {toml_str(kind)}"]
            if rng.random() < 0.4:
                lines.append(f"summary = {toml_str(f'{title} in {wname}: wat er gebeurt en wat u kunt doen.')}")
            for k, v in fm.items():
                if k in ("start", "end", "date", "deadline"):
                    lines.append(f"{k} = {v}")
                elif k == "streets":
                    lines.append(f"streets = {toml_arr(v)}")
                else:
                    lines.append(f"{k} = {toml_str(v)}")
            lines.append("+++")
            write(os.path.join(out, "content", wslug, folder, slug + ".md"), "\n".join(lines) + "\n" + body)
            if hugo:
                hfm = f"+++\ntitle = {toml_str(title)}\n"
                if hdate:
                    hfm += f"date = {hdate}\n"
                write(os.path.join(hugo, "content", wslug, folder, slug + ".md"), hfm + "+++\n" + body)
            if args.zola:
                zfm = f"+++\ntitle = {toml_str(title)}\n"
                if hdate:
                    zfm += f"date = {hdate}\n"
                write(os.path.join(args.zola, "content", wslug, f"{folder}-{slug}.md"), zfm + "+++\n" + body)
    return stats


HUGO_CONFIG = """baseURL = "https://wijken.benchmark.example/"
languageCode = "nl"
title = "Gemeente Benchmark"
buildFuture = true
disableKinds = ["taxonomy", "term"{feeds}]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ .Content }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ if .IsHome }}{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ else }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}{{ end }}
</ul>
{{ end }}
""",
}


ZOLA_CONFIG = """base_url = "https://wijken.benchmark.example"
title = "Gemeente Benchmark"
default_language = "nl"
compile_sass = false
build_search_index = false
generate_feeds = false
"""

ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{% block title %}{% endblock title %} | {{ config.title }}</title></head>
<body>
<main>{% block main %}{% endblock main %}</main>
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block main %}
<h1>{{ page.title }}</h1>
<p><time>{{ page.date }}</time></p>
{{ page.content | safe }}
{% endblock main %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date }}</time></li>
{% endfor %}
</ul>
{% endblock main %}
""",
    "index.html": """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
<ul>
{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>
{% endfor %}
</ul>
{% endblock main %}
""",
}


# ---- validation (independent of the generator above: reads the files back) --

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(\+31|\b0)[\s-]?\d{1,3}[\s-]?\d{3}[\s-]?\d{2,4}|\b14\s?0\d{2,3}\b|\b06[\s-]?\d{8}\b")
CONTRIB_FIELDS = {"title", "department", "kind", "summary", "streets", "start", "end", "date",
                  "deadline", "location", "signup", "project", "draft"}


def split_front_matter(text: str):
    if not text.startswith("+++\n"):
        raise ValueError("does not start with a +++ line")
    end = text.find("\n+++\n", 3)
    if end < 0:
        raise ValueError("no closing +++ line")
    return text[4:end + 1], text[end + 5:]


def validate(root: str, hugo: str | None = None) -> int:
    import tomllib
    errors = []
    err = errors.append
    with open(os.path.join(root, "site.toml"), "rb") as f:
        site = tomllib.load(f)
    for k in ("title", "base_url"):
        if not isinstance(site.get(k), str):
            err(f"site.toml: {k} missing")
    window = site.get("coupling_window_days", 365)
    kinds, depts, nfiles, body_sizes = {}, set(), 0, []
    n_projects = bad_projects = works_in_project = works_total = 0
    clashes = couplings = 0
    content = os.path.join(root, "content")
    wijken = sorted(os.listdir(content))
    for wslug in wijken:
        wdir = os.path.join(content, wslug)
        if slugify(wslug) != wslug:
            err(f"{wslug}: folder name is not a slug")
        try:
            fm, _ = split_front_matter(open(os.path.join(wdir, "_index.md"), encoding="utf-8").read())
            w = tomllib.loads(fm)
        except Exception as e:  # noqa: BLE001
            err(f"{wslug}/_index.md: {e}")
            continue
        for k in ("name", "summary"):
            if not isinstance(w.get(k), str) or not w[k]:
                err(f"{wslug}/_index.md: {k} missing")
        streets = w.get("streets")
        if isinstance(streets, list):
            # With --postcodes a street is { name, postcodes }.
            streets = [x.get("name") if isinstance(x, dict) else x for x in streets]
        if not isinstance(streets, list) or not all(isinstance(x, str) for x in streets):
            err(f"{wslug}/_index.md: streets missing")
            streets = []
        if not 20 <= len(streets) <= 60:
            err(f"{wslug}/_index.md: {len(streets)} streets")
        if len({slugify(x) for x in streets}) != len(streets):
            err(f"{wslug}/_index.md: street slugs not unique")
        contact = w.get("contact")
        if not isinstance(contact, dict) or not contact.get("name") or not (contact.get("email") or contact.get("phone")):
            err(f"{wslug}/_index.md: contact incomplete")
            contact = {}
        for tbl in ("glossary", "projects"):
            if tbl in w and not all(isinstance(v, str) for v in w[tbl].values()):
                err(f"{wslug}/_index.md: [{tbl}] values must be strings")
        street_set = set(streets)
        slugs = {}
        projects = {}
        works_by_street = {}
        events = []
        for dirpath, dirnames, filenames in os.walk(wdir):
            dirnames.sort()
            for fn in sorted(filenames):
                if not fn.endswith(".md") or (dirpath == wdir and fn == "_index.md"):
                    continue
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root)
                nfiles += 1
                try:
                    fm, body = split_front_matter(open(path, encoding="utf-8").read())
                    c = tomllib.loads(fm)
                except Exception as e:  # noqa: BLE001
                    err(f"{rel}: {e}")
                    continue
                slug = slugify(fn[:-3])
                if slug in slugs:
                    err(f"{rel}: slug {slug} also used by {slugs[slug]}")
                slugs[slug] = rel
                if slug in RESERVED:
                    err(f"{rel}: reserved slug")
                unknown = set(c) - CONTRIB_FIELDS
                if unknown:
                    err(f"{rel}: unknown fields {sorted(unknown)}")
                for k in ("title", "department", "kind"):
                    if not isinstance(c.get(k), str) or not c[k]:
                        err(f"{rel}: {k} missing")
                kind = c.get("kind")
                kinds[kind] = kinds.get(kind, 0) + 1
                depts.add(c.get("department"))
                cs = c.get("streets", [])
                if not isinstance(cs, list) or any(x not in street_set for x in cs):
                    err(f"{rel}: street not in the wijk: {cs}")
                start, end = c.get("start"), c.get("end")
                is_date = lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime)  # noqa: E731
                is_local_dt = lambda v: isinstance(v, dt.datetime) and v.tzinfo is None  # noqa: E731
                if kind == "works":
                    works_total += 1
                    if not cs:
                        err(f"{rel}: works without streets")
                    if not is_date(start) or (end is not None and not is_date(end)):
                        err(f"{rel}: works start/end must be dates")
                    elif end is not None and end < start:
                        err(f"{rel}: end before start")
                    if "project" in c:
                        works_in_project += 1
                    for st in cs:
                        works_by_street.setdefault(st, []).append((start, end or start, c.get("project"), rel))
                elif kind == "event":
                    if not is_local_dt(start) or (end is not None and not is_local_dt(end)):
                        err(f"{rel}: event start/end must be local date-times")
                    elif end is not None and end < start:
                        err(f"{rel}: end before start")
                    elif start.year != 2027:
                        err(f"{rel}: event outside 2027")
                    if not isinstance(c.get("location"), str):
                        err(f"{rel}: event without location")
                    if "signup" in c and not str(c["signup"]).startswith("https://"):
                        err(f"{rel}: signup is not a URL")
                    events.append((start, end or start, c.get("department"), rel))
                elif kind in ("news", "decision"):
                    if not is_date(c.get("date")):
                        err(f"{rel}: {kind} without date")
                elif kind == "support":
                    if "deadline" in c and not is_date(c["deadline"]):
                        err(f"{rel}: deadline is not a date")
                else:
                    err(f"{rel}: unknown kind {kind!r}")
                if "project" in c:
                    projects.setdefault(c["project"], []).append((kind, c.get("department")))
                if "contact" in c:
                    err(f"{rel}: contact in a contribution")
                size = len(body.encode("utf-8"))
                body_sizes.append(size)
                if not 2000 <= size <= 4096:
                    err(f"{rel}: body of {size} bytes")
                if "<" in body:
                    err(f"{rel}: raw HTML in body")
                for m in EMAIL_RE.finditer(body):
                    if m.group(0).rstrip(".") != contact.get("email"):
                        err(f"{rel}: second e-mail address {m.group(0)}")
                if PHONE_RE.search(body):
                    err(f"{rel}: phone number in body")
                if hugo:
                    hpath = os.path.join(hugo, os.path.relpath(path, root))
                    try:
                        _, hbody = split_front_matter(open(hpath, encoding="utf-8").read())
                        if hbody != body:
                            err(f"{hpath}: body differs")
                    except Exception as e:  # noqa: BLE001
                        err(f"{hpath}: {e}")
        for key, parts in projects.items():
            n_projects += 1
            nd = len({d for _, d in parts})
            if len(parts) < 2 or not 2 <= nd <= 3:
                bad_projects += 1
        # Coupling opportunities (pairs, indexed by street) and clashes (sorted sweep).
        pairs = set()
        for st, ws in works_by_street.items():
            for i in range(len(ws)):
                for j in range(i + 1, len(ws)):
                    a, b = ws[i], ws[j]
                    if a[2] is not None and a[2] == b[2]:
                        continue
                    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days)
                    if gap <= window:
                        pairs.add((min(a[3], b[3]), max(a[3], b[3])))
        couplings += len(pairs)
        events.sort()
        for i in range(len(events)):
            for j in range(i + 1, len(events)):
                a, b = events[i], events[j]
                if b[0].date() != a[0].date() and b[0] >= a[1]:
                    break
                if b[0] < a[1] or a[2] != b[2]:
                    clashes += 1
    total = sum(kinds.values())
    mix = ", ".join(f"{k} {100 * n / total:.0f}%" for k, n in sorted(kinds.items(), key=str))
    body_sizes.sort()
    print(f"validate: {len(wijken)} wijken, {nfiles} contributions ({mix}); {len(depts)} departments; "
          f"bodies {body_sizes[0]}-{body_sizes[-1]} bytes (median {body_sizes[len(body_sizes) // 2]}); "
          f"{n_projects} projects ({bad_projects} not from 2-3 departments), "
          f"{100 * works_in_project / max(1, works_total):.0f}% of works in a project; "
          f"~{couplings} coupling opportunities, ~{clashes} event clashes")
    for e in errors[:50]:
        print("error:", e)
    if errors:
        print(f"validate: {len(errors)} errors")
    return 1 if errors else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wijken", type=int, default=50, help="number of wijken (default 50)")
    p.add_argument("--per-wijk", type=int, default=200, help="contributions per wijk (default 200)")
    p.add_argument("--out", help="folder for the wijkverhaal site (must not exist or be empty)")
    p.add_argument("--validate", metavar="SITE",
                   help="instead of generating, check a generated site against the content model "
                        "(and the Hugo site given with --hugo, if any) and print its mix")
    p.add_argument("--hugo", help="also write an equivalent Hugo site here")
    p.add_argument("--zola", help="also write an equivalent Zola site here")
    p.add_argument("--hugo-feeds", action="store_true",
                   help="let the Hugo site keep its default RSS feeds and sitemap (off: HTML pages only)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--streets", type=int, choices=range(20, 61), metavar="20-60",
                   help="streets per wijk (default: 20-60 at random); the letters benchmark uses 40")
    p.add_argument("--geometry", type=int, default=0, metavar="N",
                   help="give each wijk a kaart.geojson with a boundary and N streets of geometry "
                        "(even wijken in RD New, odd ones in WGS84); the rest of the corpus is unchanged")
    p.add_argument("--postcodes", action="store_true",
                   help="write each street as { name, postcodes } (the rest of the corpus is unchanged)")
    p.add_argument("--findings", action="store_true",
                   help="give about a third of the contributions jargon, a department's own phone number "
                        "or e-mail address, or a sentence over 25 words, for the editorial checks "
                        "(the rest of the corpus is unchanged)")
    args = p.parse_args(argv)
    if args.validate:
        sys.exit(validate(args.validate, args.hugo))
    if not args.out:
        p.error("--out is required")
    if args.wijken < 1 or args.per_wijk < 1:
        p.error("--wijken and --per-wijk must be at least 1")
    for d in filter(None, [args.out, args.hugo, args.zola]):
        if os.path.exists(d) and os.listdir(d):
            p.error(f"{d} exists and is not empty")
    t0 = time.perf_counter()
    stats = generate(args)
    secs = time.perf_counter() - t0
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(stats["kinds"].items()))
    print(f"gen_corpus: {args.wijken} wijken x {args.per_wijk} = {args.wijken * args.per_wijk} contributions "
          f"({kinds}); {stats['files']} files, {stats['bytes'] / 1e6:.1f} MB in {secs:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
