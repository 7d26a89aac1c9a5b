#!/usr/bin/env python3
"""Check a built wijkverhaal site's feeds with real parsers.

* every nieuws.xml: feedparser must read it without complaint (bozo == 0) as
  Atom 1.0, with the elements RFC 4287 requires, and links that resolve;
* sitemap.xml: well-formed XML in the sitemaps.org namespace, every <loc> an
  absolute URL that maps to a file of the site;
* every .ics: icalendar parses it without errors, plus the RFC 5545 rules it
  tolerates (CRLF, 75-octet lines, VERSION/PRODID, UID/DTSTAMP, a VTIMEZONE
  for every TZID, no floating times), and its event times, as UTC instants,
  match the wijk's wijk.json events[].start/end.

Usage: check_feeds.py SITE_DIR. Prints every problem; exits 1 if any.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import icalendar

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

problems: list[str] = []
checked: dict[str, int] = {"atom": 0, "sitemap": 0, "ics": 0, "ics events": 0}


def problem(path: Path | str, message: str) -> None:
    problems.append(f"{path}: {message}")


def rel(site: Path, p: Path) -> str:
    return p.relative_to(site).as_posix()


def load_wijken(site: Path) -> dict[str, dict]:
    out = {}
    for wj in sorted(site.glob("*/wijk.json")):
        try:
            out[wj.parent.name] = json.loads(wj.read_text(encoding="utf-8"))
        except ValueError as e:
            problem(rel(site, wj), f"not valid JSON: {e}")
    return out


def path_prefix(wijken: dict[str, dict]) -> str:
    """The base URL's path (e.g. '/wijken'), as carried by wijk.json urls."""
    for slug, data in wijken.items():
        urls = [s.get("url") for s in data.get("streets", [])]
        urls += [e.get("url") for e in data.get("timeline", []) + data.get("events", [])]
        for url in urls:
            if not isinstance(url, str):
                continue
            path = urlsplit(url).path
            at = path.find(f"/{slug}/")
            if at >= 0:
                return path[:at]
    return ""


def file_for_url_path(site: Path, prefix: str, path: str) -> Path | None:
    """The file a site-absolute URL path is served from, or None."""
    path = unquote(path)
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix):]
    if not path.startswith("/") or ".." in path.split("/"):
        return None
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def parse_instant(value: str, where: str) -> dt.datetime | None:
    try:
        t = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        problem(where, f"{value!r} is not an ISO 8601 date-time")
        return None
    if t.tzinfo is None:
        problem(where, f"{value!r} carries no UTC offset (the contract requires one)")
        return None
    return t.astimezone(dt.timezone.utc)


def quiet_instant(value) -> dt.datetime | None:
    try:
        t = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return t.astimezone(dt.timezone.utc) if t.tzinfo else None


# ---------------------------------------------------------------- Atom


def check_atom(site: Path, prefix: str, path: Path, wijk: dict | None) -> None:
    name = rel(site, path)
    checked["atom"] += 1
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        problem(name, f"feedparser: bozo=1: {feed.get('bozo_exception')!r}")
    if feed.version != "atom10":
        problem(name, f"feedparser reads it as {feed.version or 'unknown'!r}, not Atom 1.0 ('atom10')")
    f = feed.feed
    for field in ("id", "title", "updated"):
        if not f.get(field):
            problem(name, f"feed has no <{field}> (RFC 4287 4.1.1 requires it)")
    entries = feed.entries
    if not f.get("author_detail") and not f.get("authors"):
        lacking = [e.get("title", "?") for e in entries if not e.get("author_detail") and not e.get("authors")]
        if lacking:
            problem(name, f"no feed <author> and entries without <author> (RFC 4287 4.1.1): {lacking}")
    ids = set()
    linked_paths = set()
    for e in entries:
        label = f"entry {e.get('title', '?')!r}"
        for field in ("id", "title", "updated"):
            if not e.get(field):
                problem(name, f"{label} has no <{field}> (RFC 4287 4.1.2 requires it)")
        if e.get("id") in ids:
            problem(name, f"{label}: duplicate <id> {e.get('id')!r}")
        ids.add(e.get("id"))
        links = [l for l in e.get("links", []) if l.get("rel", "alternate") == "alternate"]
        if not links:
            problem(name, f"{label} has no alternate link")
        for l in links:
            href = l.get("href", "")
            parts = urlsplit(href)
            if not parts.scheme:
                problem(name, f"{label}: link {href!r} is not absolute")
            if file_for_url_path(site, prefix, parts.path) is None:
                problem(name, f"{label}: link {href!r} points at no page of the site")
            linked_paths.add(parts.path)
    if wijk is not None:
        for t in wijk.get("timeline", []):
            if t.get("kind") in ("news", "decision"):
                if urlsplit(t.get("url", "")).path not in linked_paths:
                    problem(name, f"wijk.json {t.get('kind')} {t.get('title')!r} ({t.get('url')}) is not in the feed")


# ---------------------------------------------------------------- sitemap


def check_sitemap(site: Path, prefix: str) -> None:
    path = site / "sitemap.xml"
    if not path.is_file():
        problem("sitemap.xml", "missing")
        return
    checked["sitemap"] += 1
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problem("sitemap.xml", f"not well-formed XML: {e}")
        return
    if root.tag != f"{SITEMAP_NS}urlset":
        problem("sitemap.xml", f"root element is {root.tag}, expected {SITEMAP_NS}urlset")
        return
    urls = root.findall(f"{SITEMAP_NS}url")
    if not urls:
        problem("sitemap.xml", "lists no <url>")
    seen = set()
    for u in urls:
        locs = u.findall(f"{SITEMAP_NS}loc")
        if len(locs) != 1:
            problem("sitemap.xml", f"a <url> has {len(locs)} <loc> elements")
            continue
        loc = (locs[0].text or "").strip()
        parts = urlsplit(loc)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problem("sitemap.xml", f"<loc>{loc}</loc> is not an absolute http(s) URL")
        if loc in seen:
            problem("sitemap.xml", f"<loc>{loc}</loc> listed twice")
        seen.add(loc)
        if file_for_url_path(site, prefix, parts.path) is None:
            problem("sitemap.xml", f"<loc>{loc}</loc> maps to no file of the site")


# ---------------------------------------------------------------- iCalendar


def raw_line_problems(name: str, data: bytes) -> None:
    if b"\r\n" not in data and b"\n" in data:
        problem(name, "uses LF line breaks; RFC 5545 3.1 requires CRLF")
        return
    if not data.endswith(b"\r\n"):
        problem(name, "does not end with CRLF")
    lines = data.split(b"\r\n")
    for no, line in enumerate(lines[:-1] if data.endswith(b"\r\n") else lines, 1):
        if b"\n" in line or b"\r" in line:
            problem(name, f"line {no}: bare LF/CR; RFC 5545 3.1 requires CRLF line breaks")
            return
        if len(line) > 75:
            problem(name, f"line {no}: {len(line)} octets; RFC 5545 3.1 folds lines at 75 octets")
            return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(name, f"not UTF-8: {e}")


def instant(prop, tzs: dict, name: str, label: str, field: str):
    """A DTSTART/DTEND property as (kind, value): ('date', date) or ('instant', UTC datetime)."""
    if prop is None:
        return None
    if isinstance(prop, list):
        problem(name, f"{label}: {field} appears {len(prop)} times")
        return None
    value = prop.dt
    if isinstance(value, dt.datetime):
        tzid = prop.params.get("TZID")
        if tzid:
            vtz = tzs.get(tzid)
            if vtz is None:
                problem(name, f"{label}: {field} uses TZID={tzid} but the file has no VTIMEZONE for it (RFC 5545 3.2.19)")
                tz = value.tzinfo
                if tz is None:
                    return None
            else:
                tz = vtz  # the file's own definition, as a calendar app reads it
            value = value.replace(tzinfo=tz)
        elif value.tzinfo is None:
            problem(name, f"{label}: {field} {value.isoformat()} is a floating time (no TZID, no Z), not an instant")
            return None
        return ("instant", value.astimezone(dt.timezone.utc))
    if isinstance(value, dt.date):
        return ("date", value)
    problem(name, f"{label}: {field} has an unexpected value {value!r}")
    return None


def event_end(ev, start, tzs, name, label):
    end = instant(ev.get("DTEND"), tzs, name, label, "DTEND")
    if ev.get("DTEND") is not None and ev.get("DURATION") is not None:
        problem(name, f"{label}: both DTEND and DURATION (RFC 5545 3.6.1 allows one)")
    if end is None and ev.get("DURATION") is not None and start is not None:
        try:
            end = (start[0], start[1] + ev.decoded("DURATION"))
        except Exception as e:  # noqa: BLE001 - report, don't crash
            problem(name, f"{label}: bad DURATION: {e}")
    if end is not None and start is not None:
        if end[0] != start[0]:
            problem(name, f"{label}: DTSTART is a {start[0]} but DTEND a {end[0]} (RFC 5545 3.6.1)")
        elif end[1] < start[1]:
            problem(name, f"{label}: ends before it starts")
        elif start[0] == "date" and end[1] == start[1]:
            problem(name, f"{label}: all-day DTEND equals DTSTART; DTEND is exclusive (the day after the last day)")
    return end


def check_ics(site: Path, path: Path, wijk_slug: str | None, wijk: dict | None) -> None:
    name = rel(site, path)
    checked["ics"] += 1
    data = path.read_bytes()
    raw_line_problems(name, data)
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parse failure is the finding
        problem(name, f"icalendar cannot parse it: {e}")
        return
    for comp in cal.walk():
        for prop, err in comp.errors:
            problem(name, f"icalendar: {comp.name} {prop}: {err}")
    if cal.name != "VCALENDAR":
        problem(name, f"top component is {cal.name}, not VCALENDAR")
    if str(cal.get("VERSION", "")) != "2.0":
        problem(name, "VCALENDAR lacks VERSION:2.0 (RFC 5545 3.7.4)")
    if not cal.get("PRODID"):
        problem(name, "VCALENDAR lacks PRODID (RFC 5545 3.7.3)")

    tzs = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz.get("TZID", ""))
        try:
            tzs[tzid] = vtz.to_tz(lookup_tzid=False)
        except Exception as e:  # noqa: BLE001
            problem(name, f"VTIMEZONE {tzid}: cannot be read: {e}")

    events = (wijk or {}).get("events", [])
    works = [t for t in (wijk or {}).get("timeline", []) if t.get("kind") == "works"]
    is_wijk_agenda = wijk_slug is not None and path == site / wijk_slug / "agenda.ics"
    matched = set()
    vevents = cal.walk("VEVENT")
    for i, ev in enumerate(vevents):
        summary = str(ev.get("SUMMARY", ""))
        label = f"VEVENT {i + 1} {summary!r}"
        for field in ("UID", "DTSTAMP", "DTSTART"):
            if ev.get(field) is None:
                problem(name, f"{label}: no {field} (RFC 5545 3.6.1 requires it)")
        if isinstance(ev.get("UID"), list) or isinstance(ev.get("DTSTAMP"), list):
            problem(name, f"{label}: UID/DTSTAMP given more than once")
        stamp = ev.get("DTSTAMP")
        if stamp is not None and not isinstance(stamp, list):
            if not isinstance(stamp.dt, dt.datetime) or stamp.dt.utcoffset() != dt.timedelta(0) or stamp.params.get("TZID"):
                problem(name, f"{label}: DTSTAMP must be a UTC date-time (RFC 5545 3.8.7.2)")
        if not summary:
            problem(name, f"{label}: no SUMMARY (residents see an untitled event)")
        start = instant(ev.get("DTSTART"), tzs, name, label, "DTSTART")
        end = event_end(ev, start, tzs, name, label)
        if start is None or wijk is None:
            continue

        if start[0] == "instant":
            checked["ics events"] += 1
            url = str(ev.get("URL", ""))
            candidates = [(k, e) for k, e in enumerate(events) if e.get("title") == summary]
            if len(candidates) > 1 and url:
                by_url = [(k, e) for k, e in candidates if urlsplit(e.get("url", "")).path == urlsplit(url).path]
                candidates = by_url or candidates
            if not candidates:
                problem(name, f"{label}: no event titled {summary!r} in {wijk_slug}/wijk.json")
                continue
            if len(candidates) > 1:
                # same title more than once: take the one starting at the same instant
                same = [(k, e) for k, e in candidates if quiet_instant(e.get("start")) == start[1]]
                candidates = same or candidates
            k, e = candidates[0]
            matched.add(k)
            where = f"{wijk_slug}/wijk.json events[{k}]"
            want_start = parse_instant(e.get("start"), where)
            if want_start is not None and want_start != start[1]:
                problem(name, f"{label}: DTSTART is {start[1].isoformat()} but {where}.start {e.get('start')} is {want_start.isoformat()}")
            if e.get("end"):
                want_end = parse_instant(e.get("end"), where)
                if end is None:
                    problem(name, f"{label}: no DTEND/DURATION but {where}.end is {e.get('end')}")
                elif want_end is not None and end[0] == "instant" and want_end != end[1]:
                    problem(name, f"{label}: DTEND is {end[1].isoformat()} but {where}.end {e.get('end')} is {want_end.isoformat()}")
        else:
            # all-day: works, spanning their period (DTEND exclusive)
            same = [w for w in works if w.get("title") == summary]
            if len(same) == 1:
                w = same[0]
                try:
                    ws = dt.date.fromisoformat(w["start"])
                    we = dt.date.fromisoformat(w["end"]) if w.get("end") else ws
                except (KeyError, ValueError) as err:
                    problem(f"{wijk_slug}/wijk.json", f"works {summary!r}: bad start/end: {err}")
                    continue
                if start[1] != ws:
                    problem(name, f"{label}: DTSTART {start[1]} but wijk.json works start {ws}")
                want_end = we + dt.timedelta(days=1)
                if end is not None and end[1] != want_end:
                    problem(name, f"{label}: DTEND {end[1]} but the works end {we}, so DTEND (exclusive) should be {want_end}")

    if is_wijk_agenda:
        for k, e in enumerate(events):
            if k not in matched:
                problem(name, f"wijk.json events[{k}] {e.get('title')!r} ({e.get('start')}) is not in the wijk's agenda.ics")


# ---------------------------------------------------------------- main


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    site = Path(sys.argv[1]).resolve()
    if not (site / "index.html").is_file():
        print(f"no built site at {site}")
        return 2
    wijken = load_wijken(site)
    if not wijken:
        problem(site, "no <wijk>/wijk.json found")
    prefix = path_prefix(wijken)

    for slug, data in wijken.items():
        for k, e in enumerate(data.get("events", [])):
            for field in ("start", "end"):
                if e.get(field):
                    parse_instant(e[field], f"{slug}/wijk.json events[{k}].{field}")
        if not (site / slug / "nieuws.xml").is_file():
            problem(f"{slug}/nieuws.xml", "missing")
        if not (site / slug / "agenda.ics").is_file():
            problem(f"{slug}/agenda.ics", "missing")

    for feed in sorted(site.rglob("nieuws.xml")):
        slug = feed.relative_to(site).parts[0]
        check_atom(site, prefix, feed, wijken.get(slug) if feed.parent == site / slug else None)
    check_sitemap(site, prefix)
    for ics in sorted(site.rglob("*.ics")):
        parts = ics.relative_to(site).parts
        slug = parts[0] if len(parts) > 1 and parts[0] in wijken else None
        check_ics(site, ics, slug, wijken.get(slug))

    summary = ", ".join(f"{v} {k}" for k, v in checked.items())
    if problems:
        print(f"{len(problems)} problem(s) in the feeds of {site} (checked {summary}):")
        for p in problems:
            print(f"  {p}")
        return 1
    print(f"feeds OK: checked {summary} in {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
