"""Variant pages of each source format (tests/files/variants/<format>/): each converts
with the fields its YAML expects, and with exactly the warnings it expects.

Each variant is a short page written from the variation the sources show (see the
comment at the top of its YAML). The test asserts the fields, the first and last words
of the body, the warnings (line and words), that every word not dropped as chrome
reaches the TEI, that the TEI is valid, and for a few the whole TEI against a golden
file (the actual output is written beside a failing one as ``<name>.xml.actual``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FILES, ROOT, shared
from lxml import etree
from words import tei_words, words

from edition.convert import detect_format, read_documents
from edition.encode import encode
from edition.errors import EditionError
from edition.manifest import SeedConfig
from edition.model import Document, Node
from edition.read.formats import BY_NAME
from edition.read.source import decode_seed
from edition.rules import load_rules

VARIANTS = FILES / "variants"
OURS = ("webpage", "record", "edossier", "plain")
CASES = sorted(p for fmt in OURS for p in (VARIANTS / fmt).glob("*.txt"))
GOLDEN = sorted(p for p in CASES if p.with_suffix(".xml").exists())
TEI = "{http://www.tei-c.org/ns/1.0}"


def _expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _config(expected: dict[str, Any]) -> SeedConfig:
    manifest = expected.get("manifest") or {}
    return SeedConfig(manifest.get("format"), dict(manifest.get("metadata") or {}))


def _read(path: Path) -> tuple[list[Document], dict[str, Any]]:
    expected = _expected(path)
    docs = read_documents(path.name, path.read_bytes(), _config(expected), load_rules())
    return docs, expected


def _body_text(doc: Document) -> str:
    root = etree.fromstring(encode(doc))
    body = root.find(f"{TEI}text/{TEI}body")
    assert body is not None
    etree.strip_elements(body, f"{TEI}note", with_tail=False)  # notes are not body words
    return " ".join("".join(body.itertext()).split())


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def test_there_are_enough_variants() -> None:
    assert len([p for p in CASES if "error" not in _expected(p)]) >= 25


@pytest.mark.parametrize("path", CASES, ids=_id)
def test_variant_converts_with_its_fields(path: Path) -> None:
    expected = _expected(path)
    if "error" in expected:
        with pytest.raises(EditionError) as caught:
            read_documents(path.name, path.read_bytes(), _config(expected), load_rules())
        assert caught.value.line == expected["error"]["line"]
        for says in expected["error"]["says"]:
            assert says in caught.value.message, caught.value.message
        return
    text = "\n".join(line.text for line in decode_seed(path.read_bytes(), path.name))
    assert detect_format(text, path.name, _config(expected)) == path.parent.name
    docs, _ = _read(path)
    assert len(docs) == 1
    doc = docs[0]
    meta = doc.meta
    actual: dict[str, Any] = {
        "id": meta.doc_id,
        "title": meta.title,
        "date": dict(meta.date.attrs).get("when") if meta.date else None,
        "repository": meta.repository,
        "call_number": meta.call_number,
        "pages": meta.pages,
        "credits": [f"{r.role} {r.name}" for r in meta.resps],
        "funders": meta.funders,
        "summary": meta.summary,
    }
    if "date_attrs" in expected:  # a span or a bound of dates
        assert meta.date is not None and dict(meta.date.attrs) == expected["date_attrs"]
        actual["date"] = None
    assert actual == {key: expected.get(key) for key in actual}
    body = _body_text(doc)
    assert body.startswith(expected["first_words"]), body[:80]
    assert body.endswith(expected["last_words"]), body[-80:]
    if "fields" in expected:
        assert dict(meta.fields) == expected["fields"]
    else:
        assert meta.fields == []
    if "rights" in expected:
        assert (meta.rights or "").startswith(expected["rights"])
    nodes = list(doc.nodes())
    if "gap" in expected:
        assert [n.attrs.get("reason") for n in nodes if n.tag == "gap"][-1] == expected["gap"]
    if "endnotes" in expected:
        assert len([n for n in nodes if n.tag == "note" and n.attrs.get("place") == "end"]) \
            == expected["endnotes"]
        assert len([n for n in nodes if n.tag == "bibl"]) == expected["documents"]
        authors = [n.text() for n in nodes if n.tag == "docAuthor"]
        author = expected["author"]  # (a list: the byline's authors one a line)
        assert authors == (author if isinstance(author, list) else [author] if author else [])
    if "lists" in expected:  # lists under a label: their types and numbers of items
        assert [[n.attrs["type"], len([i for i in n.children if isinstance(i, Node)
                                       and i.tag == "item"])]
                for n in nodes if n.tag == "list"
                and n.attrs.get("type") in ("distribution", "participants")] == expected["lists"]
    if "languages" in expected:  # the original's, as codes: the first the main one
        tei = etree.fromstring(encode(doc))
        [lang] = tei.iterfind(f".//{TEI}msItem/{TEI}textLang")
        assert [lang.get("mainLang"), *(lang.get("otherLangs") or "").split()] \
            == expected["languages"]
    if "inline_notes" in expected:  # notes in square brackets where they stand: by whom
        assert [n.attrs["type"] for n in nodes if n.tag == "note"
                and n.attrs.get("place") == "inline"] == expected["inline_notes"]
    if "entries" in expected:  # the listed documents: number, title, date, source note
        assert [{"n": b.attrs.get("n"),
                 "title": " ".join(_spaced(c) for c in b.children
                                   if isinstance(c, Node) and c.tag == "title"),
                 "date": " ".join(c.text() for c in b.children
                                  if isinstance(c, Node) and c.tag == "date"),
                 "source": any(isinstance(c, Node) and c.tag == "note"
                               and c.attrs.get("type") == "source" for c in b.children)}
                for b in nodes if b.tag == "bibl"] == expected["entries"]
    if "heads" in expected:  # the headings of the body's parts (their notes aside)
        heads = [n for top in doc.body for n in top.iter() if n.tag == "head"]
        assert [" ".join("".join(c if isinstance(c, str) else c.text() for c in h.children
                                 if isinstance(c, str) or c.tag != "note").split())
                 for h in heads] == expected["heads"]
    if "quotes" in expected:  # quotations set off as blocks (a quote among the paragraphs)
        blocks = [n for n in nodes if n.tag in ("div", "body")
                  for c in n.children if isinstance(c, Node) and c.tag == "quote"]
        assert len(blocks) == expected["quotes"]
        assert not any(c.startswith(">") for n in blocks for c in n.children
                       if isinstance(c, str))
    if "quote_rends" in expected:  # the text's quotations, by their rend
        assert [n.attrs.get("rend") for top in doc.body for n in top.iter()
                if n.tag == "quote"] == expected["quote_rends"]
    if "supplied" in expected:  # the translator's words in square brackets
        assert [n.text() for n in nodes if n.tag == "supplied"] == expected["supplied"]
    if "speakers" in expected:  # the speeches of a conversation printed as turns
        assert [n.text() for n in nodes if n.tag == "speaker"] == expected["speakers"]
        assert all(n.tag == "sp" for n in nodes if any(
            isinstance(c, Node) and c.tag == "speaker" for c in n.children))
    if "items" in expected:  # the numbered points, each by its numbers from the top
        assert _item_paths(doc) == expected["items"]
    if "newspaper" in expected:  # a newspaper source, cited in the header
        tei = etree.fromstring(encode(doc))
        [paper] = tei.iterfind(f".//{TEI}sourceDesc/{TEI}bibl[@type='newspaper']")
        assert {"title": paper.findtext(f"{TEI}title[@level='j']"),
                "date": paper.find(f"{TEI}date").get("when"),  # type: ignore[union-attr]
                "pages": paper.find(f"{TEI}biblScope[@unit='page']").get("from")} \
            == expected["newspaper"]
        assert tei.find(f".//{TEI}msDesc") is None
    if "tables" in expected:  # each table: its rows, its cells in a row
        assert [[len([r for r in t.children if isinstance(r, Node)]),
                 max(len([c for c in r.children if isinstance(c, Node)])
                     for r in t.children if isinstance(r, Node))]
                for t in nodes if t.tag == "table"] == expected["tables"]
    if "events" in expected:  # what happened while the words were said, by its type
        assert [f"{n.tag} {n.attrs['type']}" for n in nodes
                if n.tag in ("vocal", "kinesic", "incident")] == expected["events"]
    if "opener" in expected:  # the opener's parts: its dateline, salutation
        opener = next(n for n in nodes if n.tag == "opener")
        assert [" ".join(c.text().split()) for c in opener.children
                if isinstance(c, Node) and c.tag != "lb"] == expected["opener"]
    if "closer" in expected:
        closer = next(n for n in nodes if n.tag == "closer")
        assert [" ".join(c.text().split()) for c in closer.children
                if isinstance(c, Node)] == expected["closer"]
    _assert_warnings(doc, expected["warnings"])


def _spaced(node: Node) -> str:
    """A node's words, a line break a space."""
    return " ".join("".join(c if isinstance(c, str) else " " if c.tag == "lb" else _spaced(c)
                            for c in node.children).split())


def _item_paths(doc: Document) -> list[str]:
    """The ``n`` of every item of the text's numbered and lettered lists, each with the
    numbers of the items it stands in ("1/b/ii")."""
    paths: list[str] = []

    def walk(node: Node, above: str) -> None:
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "item" and "n" in child.attrs:
                path = f"{above}/{child.attrs['n']}" if above else child.attrs["n"]
                paths.append(path)
                walk(child, path)
            else:
                walk(child, above)

    for top in doc.body:
        walk(top, "")
    return paths


def _assert_warnings(doc: Document, expected: list[dict[str, Any]]) -> None:
    left = [(w.line, w.message) for w in doc.warnings]
    for want in expected:
        match = next((w for w in left if w[0] == want["line"] and want["says"] in w[1]), None)
        assert match is not None, (want, left)
        left.remove(match)
    assert not left, f"unexpected warnings: {left}"
    for warning in doc.warnings:
        assert str(warning).startswith(f"{doc.meta.seed}:{warning.line}:")


@pytest.mark.parametrize("path", [p for p in CASES if "error" not in _expected(p)], ids=_id)
def test_every_word_of_a_variant_reaches_the_tei(path: Path) -> None:
    docs, _ = _read(path)
    lines = decode_seed(path.read_bytes(), path.name)
    fmt = BY_NAME[path.parent.name]
    kept = fmt.chrome(lines, load_rules())
    source = words(" ".join(line.text for line in kept))
    produced = tei_words(etree.ElementTree(etree.fromstring(encode(docs[0]))))
    assert produced == source


def test_variants_are_valid(tmp_path: Path) -> None:
    from edition.validate import Validator

    for path in CASES:
        if "error" in _expected(path):
            continue
        doc = _read(path)[0][0]
        (tmp_path / f"{doc.meta.doc_id}.xml").write_bytes(encode(doc))
    report = Validator().validate_paths([tmp_path])
    assert report.errors == 0, [f"{p.path}:{p.line}: {p.message}" for p in report.problems][:10]
    tei_all = Validator(schema=shared("reference", "tei-p5", "tei_all.rng")).validate_paths(
        [tmp_path])
    assert tei_all.errors == 0, [f"{p.path}:{p.line}: {p.message}" for p in tei_all.problems]


@pytest.mark.parametrize("path", GOLDEN, ids=_id)
def test_golden_tei(path: Path) -> None:
    docs, _ = _read(path)
    actual = encode(docs[0]).decode("utf-8")
    golden = path.with_suffix(".xml")
    beside = path.with_suffix(".xml.actual")
    if actual != golden.read_text(encoding="utf-8"):
        beside.write_text(actual, encoding="utf-8")
        pytest.fail(f"{golden.name} differs from the conversion; the actual output is in "
                    f"{beside} (diff them; copy it over the golden file if the change is right)")
    beside.unlink(missing_ok=True)


def test_unrecognised_file_is_told_every_readers_reason() -> None:
    with pytest.raises(EditionError) as caught:
        read_documents("x.txt", b"Just words\n", SeedConfig(), load_rules())
    message = caught.value.message
    for name in BY_NAME:
        assert f"{name}: " in message
    assert "no series line" in message and "no line beginning 'A source: '" in message


def test_two_documents_with_one_id_is_a_clear_error(tmp_path: Path) -> None:
    from edition.build import convert

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page = (VARIANTS / "webpage" / "w03-no-funder.txt").read_bytes()
    (seeds / "a.txt").write_bytes(page)
    (seeds / "b.txt").write_bytes(page.replace(b"Khrushchev asked", b"N. S. Khrushchev asked"))
    registers = tmp_path / "registers"  # convert writes its proposals there
    shutil.copytree(ROOT / "registers", registers)
    report = convert(seeds, tmp_path / "tei", registers=registers, say=lambda _: None)
    [problem] = report.problems
    assert "avprf-0102-13-72-5 is already given to a document of a.txt" in problem.message
    assert str(problem.path).endswith("b.txt")


def test_manifest_id_renames_the_document_and_its_inner_ids() -> None:
    path = VARIANTS / "edossier" / "e02-no-translator.txt"
    docs = read_documents(path.name, path.read_bytes(),
                          SeedConfig(None, {"id": "kwp-hundred-flowers"}), load_rules())
    ids = [n.attrs["xml:id"] for n in docs[0].nodes() if "xml:id" in n.attrs]
    assert docs[0].meta.doc_id == "kwp-hundred-flowers"
    assert ids and all(i.startswith("kwp-hundred-flowers-") for i in ids)


def test_cli_prints_the_warnings_and_converts(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings do not fail a run; each names the file and line; an unrecognised file
    fails it with every reader's reason while the others are still written."""
    from click.testing import CliRunner

    from edition.cli import main

    (tmp_path / "edition.yml").write_text("{}\n", encoding="utf-8")  # an edition of its own
    shutil.copytree(ROOT / "registers", tmp_path / "registers")
    monkeypatch.setenv("EDITION_ROOT", str(tmp_path))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("webpage/w05-cutoff.txt", "record/r03-no-summary.txt"):
        shutil.copy(VARIANTS / name, seeds)
    result = CliRunner().invoke(main, ["convert", "--seeds", str(seeds), "--tei",
                                       str(tmp_path / "tei")])
    assert result.exit_code == 0, result.output
    assert f"{seeds / 'w05-cutoff.txt'}:11:1: warning: the page ends mid-sentence" in result.output
    assert f"{seeds / 'r03-no-summary.txt'}:1:1: warning: no **Summary:** field" in result.output
    shutil.copy(VARIANTS / "plain" / "p02-unknown.txt", seeds)
    result = CliRunner().invoke(main, ["convert", "--seeds", str(seeds), "--tei",
                                       str(tmp_path / "tei")])
    assert result.exit_code == 1
    assert "p02-unknown.txt:1:1: error: unrecognised source format" in result.output
    assert "webpage: no 'Skip to content'" in result.output
    assert (tmp_path / "tei" / "wcda-114300.xml").exists()
