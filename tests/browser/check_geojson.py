#!/usr/bin/env python3
"""Check a built wijkverhaal site's map data with a real GeoJSON parser.

* every <wijk>/werk.geojson: the `geojson` package must read it as a valid
  FeatureCollection (RFC 7946: no `crs` member, WGS84 positions inside the
  Netherlands, polygons closed), and its features must match wijk.json: one
  per works item and project of the timeline (same title, url with the base
  URL, start, streets), plus one Point per event with coordinates;
* wijk.json's "geojson" link and the footer link point at that file;
* /straten/index.json: every street of every wijk.json appears with its page.

Usage: check_geojson.py SITE_DIR. Prints every problem; exits 1 if any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geojson

problems: list[str] = []
checked = {"werk.geojson": 0, "features": 0, "streets": 0}
NETHERLANDS = (3.0, 50.6, 7.4, 53.7)


def problem(where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def positions(geometry: dict):
    """Every [lon, lat] of a geometry."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from positions(g)
        return
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
             "Polygon": 2, "MultiPolygon": 3}[kind]

    def walk(c, d):
        if d == 0:
            yield c
        else:
            for x in c:
                yield from walk(x, d - 1)

    yield from walk(geometry["coordinates"], depth)


def check_werk(site: Path, wijk_dir: Path, wijk: dict, base: str) -> None:
    name = f"{wijk_dir.name}/werk.geojson"
    path = wijk_dir / "werk.geojson"
    link = wijk.get("geojson")
    if not path.exists():
        if link:
            problem(name, f"wijk.json links to {link} but the file is missing")
        return
    checked["werk.geojson"] += 1
    if not link or not link.endswith(f"/{wijk_dir.name}/werk.geojson"):
        problem(name, f"wijk.json has no matching \"geojson\" link: {link!r}")
    home = (wijk_dir / "index.html").read_text(encoding="utf-8")
    if f'href="{link}"' not in home:
        problem(name, "the wijk's pages do not link it in the footer")
    data = geojson.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, geojson.FeatureCollection):
        problem(name, f"not a FeatureCollection but {type(data).__name__}")
        return
    if not data.is_valid:
        problem(name, f"invalid GeoJSON: {data.errors()}")
    if "crs" in data:
        problem(name, "RFC 7946 has no crs member")
    works = [e for e in wijk["timeline"] if e["kind"] in ("works", "project")]
    events = [e for e in wijk["events"] if e.get("coordinates")]
    features = data["features"]
    if len(features) != len(works) + len(events):
        problem(name, f"{len(features)} features for {len(works)} works/projects and {len(events)} placed events")
    by_url = {f["properties"]["url"]: f for f in features}
    for kind, entry in [(e["kind"], e) for e in works] + [("event", e) for e in events]:
        url = base + entry["url"]
        feature = by_url.get(url)
        if feature is None:
            problem(name, f"no feature for {kind} {entry['title']!r} ({url})")
            continue
        props = feature["properties"]
        for key in ("title", "start", "streets"):
            if props.get(key) != entry.get(key):
                problem(name, f"{url}: {key} {props.get(key)!r} != wijk.json {entry.get(key)!r}")
        if kind == "event" and feature["geometry"] != {"type": "Point", "coordinates": entry["coordinates"]}:
            problem(name, f"{url}: the point is not the event's coordinates {entry['coordinates']}")
    for feature in features:
        checked["features"] += 1
        geometry = feature["geometry"]
        if geometry is None:
            continue
        if not geojson.GeoJSON.to_instance(geometry).is_valid:
            problem(name, f"{feature['properties']['url']}: invalid geometry")
        west, south, east, north = NETHERLANDS
        for lon, lat, *_ in positions(geometry):
            if not (west <= lon <= east and south <= lat <= north):
                problem(name, f"{feature['properties']['url']}: [{lon}, {lat}] is not in the Netherlands")
                break


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    site = Path(sys.argv[1]).resolve()
    index_path = site / "straten" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8")) if index_path.exists() else None
    if index is None:
        problem("straten/index.json", "missing")
    listed = {(p["url"], s["name"]) for s in index or [] for p in s["pages"]}
    for wijk_dir in sorted(d for d in site.iterdir() if (d / "wijk.json").exists()):
        wijk = json.loads((wijk_dir / "wijk.json").read_text(encoding="utf-8"))
        base = wijk["url"].rsplit(f"/{wijk['slug']}/", 1)[0] if wijk.get("url", "").startswith("http") else ""
        if not base:
            sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
            start = sitemap.find("<loc>") + 5
            loc = sitemap[start:sitemap.find("</loc>", start)]
            base = loc.split("/", 3)[0] + "//" + loc.split("/", 3)[2]
        check_werk(site, wijk_dir, wijk, base)
        for street in wijk["streets"]:
            checked["streets"] += 1
            if (street["url"], street["name"]) not in listed:
                problem("straten/index.json", f"{street['name']} ({street['url']}) is missing")
    for p in problems:
        print(p)
    print("checked: " + ", ".join(f"{n} {k}" for k, n in checked.items()))
    if checked["werk.geojson"] == 0:
        print("note: no wijk of this site has a map (kaart.geojson), so no werk.geojson was checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
