"""Which sources a change of the registers can touch.

The name annotator is the one part of a conversion the registers feed
(:mod:`edition.names`). What it looks up in them is :class:`edition.names.Tables`:
each form's entry, each document's own forms, the loose forms, the ids. When an editor
adds, corrects or removes an entry, the tables before and after are compared
(:func:`changes`): the forms whose entry is not the same (kind and id), the ids that
came or went, the loose forms whose entry is not the same.

A source can only be touched when its annotation could meet one of them
(:func:`touches`):

* a changed form matches only where every word of it stands in the text the annotator
  read: the words of each source's text are kept as a Bloom filter (:class:`Words`),
  which may say "perhaps" of a word that is not there (about one word in a hundred),
  never "no" of one that is: a source it wrongly suspects is converted again, which
  costs time and nothing else;
* a changed id or loose form counts when the annotation asked about it
  (:class:`edition.names.Consulted`): a proposal's key that is an entry's id, a new
  form of an entry.

A form without a word (punctuation alone) touches every source. Everything else a
conversion depends on (code, rules, rejected forms, the source's bytes) is in its
fingerprint, as before.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass
from typing import Any

from edition.names import Consulted, Tables, form_words

BITS_PER_WORD = 10  # with HASHES, about one word in a hundred wrongly "perhaps there"
HASHES = 4


def snapshot(tables: Tables) -> dict[str, Any]:
    """The tables as JSON data (what each form, loose form and document form leads to)."""
    def entry(e: Any) -> list[str]:
        return [e.kind, e.id]

    return {"general": {f: entry(e) for f, e in tables.general.items()},
            "local": {doc: {f: entry(e) for f, e in forms.items()}
                      for doc, forms in tables.local.items()},
            "loose": {f: entry(e) for f, e in tables.loose.items()},
            "ids": sorted(tables.ids)}


@dataclass
class Changes:
    """What differs between two snapshots."""

    forms: set[str]
    ids: set[str]
    loose: set[str]


def _differing(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def changes(old: dict[str, Any], new: dict[str, Any]) -> Changes | None:
    """The changes from one snapshot to another; None when the old one is not readable
    as a snapshot (every source is then to be converted again)."""
    try:
        forms = _differing(old["general"], new["general"])
        for doc in old["local"].keys() | new["local"].keys():
            forms |= _differing(old["local"].get(doc, {}), new["local"].get(doc, {}))
        ids = set(old["ids"]) ^ set(new["ids"])
        loose = _differing(old["loose"], new["loose"])
    except (KeyError, TypeError, AttributeError):
        return None
    return Changes(forms, ids, loose)


class Words:
    """A Bloom filter of a text's words: :meth:`has` is True for every word added, and
    for about one other word in a hundred."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.bits = len(data) * 8

    @classmethod
    def of(cls, words: set[str]) -> Words:
        size = max(8, (len(words) * BITS_PER_WORD + 7) // 8)
        bits = bytearray(size)
        count = size * 8
        crc = zlib.crc32
        # _positions written out: every source's words go through here at each conversion
        for data in map(str.encode, words):
            first, step = crc(data), crc(data, _SECOND) | 1
            for position in (first % count, (first + step) % count,
                             (first + 2 * step) % count, (first + 3 * step) % count):
                bits[position >> 3] |= 1 << (position & 7)
        return cls(bytes(bits))

    def has(self, word: str) -> bool:
        return all(self.data[p >> 3] & (1 << (p & 7)) for p in _positions(word, self.bits))

    def text(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    @classmethod
    def from_text(cls, text: str) -> Words:
        return cls(base64.b64decode(text.encode("ascii"), validate=True))


def _positions(word: str, bits: int) -> tuple[int, ...]:
    """The bits a word sets: two CRC-32s of it combined (double hashing), stable from one
    run and machine to the next (Python's own hash of a string is not); a third of the
    time of a cryptographic hash, which this does not need."""
    data = word.encode("utf-8")
    first, step = zlib.crc32(data), zlib.crc32(data, _SECOND) | 1
    return tuple((first + n * step) % bits for n in range(HASHES))  # HASHES = 4


_SECOND = 0x9E3779B9  # the second CRC's starting value


def record(consulted: Consulted) -> list[Any]:
    """What a source's annotation consulted, as JSON data (for :func:`touches`)."""
    return [Words.of(consulted.words).text(), sorted(consulted.ids), sorted(consulted.loose)]


def touches(kept: Any, change: Changes) -> bool:
    """Whether a change can touch a source whose annotation consulted ``kept``
    (:func:`record`); True when ``kept`` is not readable as such."""
    try:
        words_text, ids, loose = kept
        words = Words.from_text(words_text)
        if change.ids.intersection(ids) or change.loose.intersection(loose):
            return True
    except (TypeError, ValueError):
        return True
    for form in change.forms:
        needed = form_words(form)
        if not needed or all(words.has(word) for word in needed):
            return True
    return False
