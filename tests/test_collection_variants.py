"""Variant pages of the printed collection (tests/files/variants/collection/).

Each ``cNN-*.txt`` is a short page of the same collection as seed 001, written to show
one variation its other pages have (other years and their headings, archive lines with
or without "Archive:", other archives, numbers of any width, a page cut off); the
``.yml`` beside it gives, per document, the fields the reader must find and the
warnings it must give. The test asserts the fields, not only the words.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from words import tei_words, words

from edition.convert import read_documents
from edition.encode import encode
from edition.manifest import SeedConfig
from edition.model import Document
from edition.read.common import drop_chrome
from edition.read.source import read_seed
from edition.rules import load_rules

VARIANTS = Path(__file__).parent / "files" / "variants" / "collection"
CASES = sorted(VARIANTS.glob("*.txt"))
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _read(path: Path) -> list[Document]:
    return read_documents(path.name, path.read_bytes(), SeedConfig(), load_rules())


def _body_text(doc: Document) -> str:
    """The document's text after its source lines, notes left out, as one line."""
    div = doc.body[0]
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "note" or (child.tag == "head" and child is div.children[0]):
                continue
            elif child.tag == "lb":
                out.append(" ")
            elif child.tag == "choice":
                walk(child.children[0])
            else:
                if child.tag in ("p", "salute", "signed", "dateline", "item", "head", "cell"):
                    out.append(" ")
                walk(child)

    walk(div)
    return " ".join("".join(out).split())


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_variant_fields(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    docs = _read(path)
    assert [d.meta.doc_id for d in docs] == [e["id"] for e in expected["documents"]]
    for doc, exp in zip(docs, expected["documents"], strict=True):
        meta = doc.meta
        assert meta.title == exp["title"]
        if "date_attrs" in exp:  # a date after, before or between
            assert meta.date is not None and dict(meta.date.attrs) == exp["date_attrs"]
        elif exp["date"] is None:  # a heading without a date
            assert meta.date is None
        else:
            assert meta.date is not None and dict(meta.date.attrs).get("when") == exp["date"]
        assert meta.number == exp.get("number")
        assert meta.repository == exp.get("repository")
        assert meta.call_number == exp.get("call_number")
        if "archive_line" in exp:
            assert meta.archive_line == exp["archive_line"]
        if "original_language" in exp:
            assert meta.original_language == exp["original_language"]
        if "collection_pages" in exp:
            assert meta.collection_pages == exp["collection_pages"]
        if "collection_title" in exp:
            assert meta.collection_title == exp["collection_title"]
        if "references" in exp:  # "doc. 1202": a link to that document of the edition
            assert [n.attrs["target"] for n in doc.nodes()
                    if n.tag == "ref" and n.attrs.get("type") == "document"] == exp["references"]
        text = _body_text(doc)
        if "first_words" in exp:
            assert text.startswith(exp["first_words"]), text[:80]
            assert text.endswith(exp["last_words"]), text[-80:]
        nodes = list(doc.nodes())
        notes = [n.attrs.get("n") for n in nodes
                 if n.tag == "note" and n.attrs.get("place") == "foot"
                 and n.attrs.get("type") != "unanchored"]
        assert notes == exp.get("notes", [])
        head = doc.body[0].children[0]
        assert not isinstance(head, str) and head.tag == "head"
        assert [n.attrs.get("n") for n in head.iter() if n.tag == "note"] == exp.get(
            "head_notes", [])  # a note whose sign stands in the heading
        unanchored = [n.attrs.get("n") for n in nodes if n.attrs.get("type") == "unanchored"]
        assert unanchored == exp.get("unanchored", [])
        gaps = [n.attrs["reason"] for n in nodes if n.tag == "gap"
                and n.attrs.get("reason") in ("cut-off", "link-only")]
        assert gaps == ([exp["gap"]] if "gap" in exp else [])
        if "structure" in exp:  # the document's own parts, after its heading and source
            parts = [n.tag + (f"/{n.attrs['type']}" if n.tag == "div" else "")
                     for n in doc.body[0].children
                     if not isinstance(n, str) and n.tag not in ("head", "note")]
            assert parts == exp["structure"]
        if "pages" in exp:  # the printed volume's page breaks inside the document
            assert [n.attrs["n"] for n in nodes if n.tag == "pb"] == exp["pages"]
            assert len([n for n in nodes if n.tag == "fw"]) == len(exp["pages"])
        if "stamps" in exp:  # a classification stamp among the source lines
            assert [n.text() for n in nodes if n.tag == "label"
                    and n.attrs.get("type") == "classification"] == exp["stamps"]
        if "editorial" in exp:  # the compilers' words in their brackets ("[Excerpt]")
            assert [n.text() for n in nodes if n.tag == "note"
                    and n.attrs.get("type") == "editorial"] == exp["editorial"]
        if "supplied" in exp:
            assert [n.text() for n in nodes if n.tag == "supplied"] == exp["supplied"]
        if "closer" in exp:
            closer = next(n for n in nodes if n.tag == "closer")
            parts = [" ".join(c.text().split()) for c in closer.children
                     if not isinstance(c, str)]
            assert parts == exp["closer"]
    warnings = [w for d in docs for w in d.warnings]
    assert len(warnings) == len(expected["warnings"]), warnings
    for warning, exp in zip(warnings, expected["warnings"], strict=True):
        assert (str(warning.path), warning.line) == (path.name, exp["line"]), warning
        assert exp["says"] in warning.message, warning


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_variant_words_all_reach_the_tei(path: Path) -> None:
    """Nothing lost, nothing added: the page's words (chrome lines aside) are the TEI's.

    Compared as counts, not in order: footnotes move from the foot of the document to
    their anchors (the order is checked on the real seed in test_convert).
    """
    kept = drop_chrome(read_seed(path), "collection", load_rules())
    source = Counter(words(" ".join(line.text for line in kept)))
    produced: Counter[str] = Counter()
    for doc in _read(path):
        produced.update(tei_words(etree.ElementTree(etree.fromstring(encode(doc)))))
    assert produced == source


def test_variants_are_valid(tmp_path: Path) -> None:
    """Every document of every variant page is valid against our schema and TEI's."""
    from conftest import shared

    from edition.validate import Validator

    for path in CASES:
        for doc in _read(path):
            (tmp_path / f"{doc.meta.doc_id}.xml").write_bytes(encode(doc))
    report = Validator().validate_paths([tmp_path])
    assert report.errors == 0, [f"{p.path}:{p.line}: {p.message} [{p.rule}]"
                                for p in report.problems if p.severity == "error"]
    tei_all = Validator(schema=shared("reference", "tei-p5", "tei_all.rng")).validate_paths(
        [tmp_path])
    assert tei_all.errors == 0, [f"{p.path}:{p.line}: {p.message}" for p in tei_all.problems]


def test_letter_and_dagger_labels_run_in_sequence(tmp_path: Path) -> None:
    """Notes labelled a), b) or †, ‡ (c25) are in sequence for the Schematron's check of
    footnote labels (it knew only stars and numbers, and warned about each of them)."""
    from edition.validate import Validator

    path = VARIANTS / "c25-letter-and-dagger-notes.txt"
    for doc in _read(path):
        (tmp_path / f"{doc.meta.doc_id}.xml").write_bytes(encode(doc))
    report = Validator().validate_paths([tmp_path])
    assert [p.rule for p in report.problems if p.rule == "note.order"] == []
