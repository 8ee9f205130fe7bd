"""A varied synthetic edition for the scale benchmarks: N archive records, each its own.

    python benchmarks/synthetic.py FOLDER N [--check]

Each seed is an archive record (the format of seeds/000_…) with its own document number
(hence its own id), its own date between 1945 and 1991, a title, a citation, a summary
and two to nine paragraphs that name people, places and organisations taken from the
registers (so the name annotator has work to do), with dates in the text. A fixed random
seed makes the same edition every time. Not copies of one document: no two share an id,
and the collection reader's numbering is not involved. A thousand invented people (not
in the registers, a title before their name) recur across the documents, as in a real
edition, so that the name annotator proposes entries too.

``--check`` reads every seed written with the edition's readers (the format each is
detected as, its documents and their ids) and prints how varied the edition is; it
fails if a seed is not read as one document or two seeds give the same id.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

from edition.register_kinds import REGISTER_PAGES

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
KINDS = ("Memorandum of Conversation between {a} and {b}",
         "Telegram from {a} to {b}", "Letter from {a} to {b}",
         "Report by {a} on the Situation in {p}", "Minutes of a Meeting of {o}",
         "Note of {o} on Relations with {p}", "Record of a Talk between {a} and {b} in {p}")
_VOCABULARY = """agreement economic cooperation delegation government party committee question
proposal negotiations situation comrades relations military assistance treaty conference
embassy ministry policy discussion position support development security trade border
armistice representatives declaration leadership people industry agriculture schedule
report opinion instructions telegram"""
WORDS = tuple(_VOCABULARY.split())
BREAK = "  "  # a line break in the sources' Markdown
LANGUAGES = ("Chinese", "Russian", "Korean", "German", "Polish", "Hungarian")
# People of the synthetic edition's own, not in the registers (the name annotator proposes
# them): given and family names put together from these parts, a title before them.
_GIVEN = ("Ivan", "Pavel", "Nikolai", "Olga", "Tamara", "Andrzej", "Janos", "Erich",
          "Wang", "Li", "Zhang", "Chen", "Pak", "Choe", "Kim", "Otto", "Marta", "Sandor")
_FAMILY = ("Petrov", "Sokolov", "Kowalski", "Nowak", "Horvath", "Kovacs", "Weber",
           "Fischer", "Zhao", "Sun", "Huang", "Ri", "Han", "Jong", "Lebedev", "Szabo",
           "Novotny", "Dvorak", "Kuznetsov", "Mazur")
_SUFFIX = ("", "ov", "ski", "enko", "er")
TITLES = ("Ambassador", "Comrade", "Minister", "Deputy Minister", "Counsellor", "General")


def _names() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for kind in REGISTER_PAGES:
        data = yaml.safe_load((ROOT / "registers" / f"{kind}.yml").read_text(encoding="utf-8"))
        found[kind] = [str(entry["name"]) for entry in data or []]
    return found


def _printed(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _own_people(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented people (given name, family name with a suffix)."""
    every = [f"{g} {f}{x}" for g in _GIVEN for f in _FAMILY for x in _SUFFIX]
    return rng.sample(every, min(count, len(every)))


def _sentence(rng: random.Random, names: dict[str, list[str]], day: date) -> str:
    words = rng.sample(WORDS, rng.randint(6, 14))
    choice = rng.random()
    if choice < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(names["persons"]))
    elif choice < 0.3:
        words.insert(rng.randrange(len(words)),
                     f"{rng.choice(TITLES)} {rng.choice(names['own'])}")
    elif choice < 0.5:
        words.insert(rng.randrange(len(words)), "in " + rng.choice(names["places"]))
    elif choice < 0.65:
        words.insert(rng.randrange(len(words)), "the " + rng.choice(names["organisations"]))
    elif choice < 0.75:
        earlier = day - timedelta(days=rng.randint(1, 300))
        words.append(f"on {MONTHS[earlier.month - 1]} {earlier.day}, {earlier.year}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def record(index: int, rng: random.Random, names: dict[str, list[str]]) -> str:
    day = date(1945, 1, 1) + timedelta(days=rng.randrange(47 * 365))
    first, second = rng.sample(names["persons"], 2)
    title = rng.choice(KINDS).format(a=first, b=second,
                                     p=rng.choice(names["places"]),
                                     o=rng.choice(names["organisations"]))
    number = 500000 + index
    archive = rng.choice(("Archive of Foreign Policy of the Russian Federation",
                          "PRC FMA", "Polish Foreign Ministry Archive"))
    paragraphs = [" ".join(_sentence(rng, names, day) for _ in range(rng.randint(2, 7)))
                  for _ in range(rng.randint(2, 9))]
    signer = rng.choice(names["persons"])
    call_number = f"{rng.randint(100, 999)}-{rng.randint(1, 99)}, {rng.randint(1, 400)}"
    citation = (f'"{title}", {_printed(day)}, Wilson Center Digital Archive, {archive} '
                f"{call_number}. Translated by Synthetic Translator {index % 17}.{BREAK}")
    lines = ["", "", f"**{_printed(day)}**", "", f"**{title}**", "", "**Citation:**", "",
             citation, f"<https://digitalarchive.wilsoncenter.org/document/{number}>", "",
             "**Summary:**", "", _sentence(rng, names, day), "", "**Credits:**", "",
             "This document was made possible with support from Leon Levy Foundation", "",
             "**Original Language:**", "", rng.choice(LANGUAGES), "", "**Contents:**", "",
             "Translation - English", "", "\n\n".join(paragraphs), "", f"{signer}{BREAK}",
             f"{day.day} {MONTHS[day.month - 1]} {day.year}", ""]
    return "\n".join(lines)


def generate(folder: Path, count: int, seed: int = 1954) -> list[Path]:
    """Write ``count`` synthetic seeds into ``folder`` (created); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = _names()
    names["own"] = _own_people(rng, 1000)
    paths = []
    for index in range(count):
        path = folder / f"syn{index:05d}.txt"
        path.write_text(record(index, rng, names), encoding="utf-8")
        paths.append(path)
    return paths


def check(paths: list[Path]) -> dict[str, int]:
    """Read each seed as ``edition convert`` does (no name annotation): how many seeds,
    distinct ids, dates, titles and formats; SystemExit when a seed is not one document
    or an id repeats."""
    from edition.manifest import SeedConfig
    from edition.read.formats import BY_NAME, choose
    from edition.read.source import decode_seed
    from edition.rules import load_rules

    rules = load_rules()
    ids: dict[str, str] = {}
    dates: set[str] = set()
    titles: set[str] = set()
    formats: set[str] = set()
    for path in paths:
        lines = decode_seed(path.read_bytes(), path.name)
        config = SeedConfig()
        fmt = choose("\n".join(line.text for line in lines), path.name, config.format,
                     config.metadata)
        docs = BY_NAME[fmt.name].read(lines, path.name, rules, config.metadata)
        if len(docs) != 1:
            raise SystemExit(f"{path}: read as {len(docs)} documents, not one")
        doc_id = docs[0].meta.doc_id
        if doc_id in ids:
            raise SystemExit(f"{path}: id {doc_id} is also the id of {ids[doc_id]}")
        ids[doc_id] = path.name
        dates.add(docs[0].meta.date.text if docs[0].meta.date else "")
        titles.add(docs[0].meta.title)
        formats.add(fmt.name)
    return {"seeds": len(paths), "ids": len(ids), "dates": len(dates),
            "titles": len(titles), "formats": len(formats)}


if __name__ == "__main__":
    written = generate(Path(sys.argv[1]), int(sys.argv[2]))
    if "--check" in sys.argv[3:]:
        print(check(written))
