"""The convert stage on the real seeds: documents, words preserved, determinism, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, TEI, shared
from lxml import etree
from words import tei_words, words

from edition.build import convert
from edition.cli import main
from edition.model import SourceLine
from edition.read.formats import BY_NAME
from edition.read.source import read_seed
from edition.rules import load_rules
from edition.xmlio import parse_file

NS = {"t": "http://www.tei-c.org/ns/1.0"}
FORMATS = {
    "000_6a638e023e7f4305.txt": ("record", 1),
    "001_ecd8dfa2c3ac5ef4.txt": ("collection", 36),
    "002_860bb7def60b56c2.txt": ("webpage", 1),
    "003_6c36276a20248a80.txt": ("record", 1),
    "004_6ce8609d71d8dad1.txt": ("edossier", 1),
}
# The lines dropped as site chrome (their beginnings), written out so that no rule
# can drop more unseen.
CHROME = {
    "000_6a638e023e7f4305.txt": [],
    "003_6c36276a20248a80.txt": [],
    "001_ecd8dfa2c3ac5ef4.txt": ["Soviet China relationship", "Marx-Engels | Lenin | Stalin",
                                 "Soviet-Chinese relations. 1952-1955", "1954"],
    "002_860bb7def60b56c2.txt": ["Skip to content", "Document Information",
                                 "Original Uploaded Date", "Record ID", "Leon Levy Foundation"],
    "004_6ce8609d71d8dad1.txt": [
        "Skip to main content", "Support", "Tagged",
        "North Korea International Documentation Project",
        "The North Korea International Documentation Project serves",
        "History and Public Policy Program", "The History and Public Policy Program makes",
        "Hyundai Motor-Korea Foundation Center for Korean History and Public Policy",
        "The Center for Korean History and Public Policy was established"],
}


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


NOTE_LINE = re.compile(r"^(?:\d{1,2} \*|\*)")
HEADING_LINE = re.compile(r"\.[\s\u00a0]+(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)( \d{1,2},)? \d{4}\b")


def _notes_last(lines: list[SourceLine], seed: str) -> list[str]:
    """The text of the lines, with each collection document's footnotes after its text.

    The collection prints footnotes after the text they belong to; in doc. 103 the
    note of the sign "1" follows them, printed without its sign. The TEI puts them at
    their anchors and the diplomatic view after the text, in the order printed: that
    is the order compared.
    """
    if FORMATS[seed][0] != "collection":
        return [line.text for line in lines]
    out: list[str] = []
    notes: list[str] = []
    for line in lines:
        text = line.text.strip()
        if HEADING_LINE.search(text) and not text.endswith("."):
            out += notes
            notes = []
        # from a document's first footnote on, what it prints is apparatus (doc. 103:
        # the star note, then the note of the sign "1" printed without its sign)
        (notes if notes or NOTE_LINE.match(text) else out).append(text)
    return out + notes


def _seed_tei(tei: Path) -> dict[str, list[tuple[int, Path]]]:
    by_seed: dict[str, list[tuple[int, Path]]] = {}
    for path in sorted(tei.glob("*.xml")):
        if path.name in ("corpus.xml", "registers.xml"):
            continue
        tree = parse_file(path)
        seed = tree.xpath("string(//t:bibl[@type='seed']/t:idno)", namespaces=NS)
        first = int(tree.xpath("string(//t:bibl[@type='seed']/t:citedRange/@from)",
                               namespaces=NS))
        by_seed.setdefault(seed, []).append((first, path))
    return {k: sorted(v) for k, v in by_seed.items()}


def test_documents_per_seed(converted: Path) -> None:
    by_seed = _seed_tei(converted)
    assert {seed: len(files) for seed, files in by_seed.items()} == {
        seed: n for seed, (_, n) in FORMATS.items()}
    # 40 documents, the corpus and the registers
    assert len(list(converted.glob("*.xml"))) == 42


@pytest.mark.parametrize("seed", sorted(FORMATS))
def test_every_word_reaches_the_tei_in_order(converted: Path, seed: str) -> None:
    lines = read_seed(SEEDS / seed)
    kept = BY_NAME[FORMATS[seed][0]].chrome(lines, load_rules())
    dropped = [_norm(a.text) for a, b in zip(lines, kept, strict=False) if a.text != b.text]
    dropped += [_norm(line.text) for line in lines[len(kept):]]
    dropped = [d for d in dropped if d]
    assert len(dropped) == len(CHROME[seed])
    for line, start in zip(dropped, CHROME[seed], strict=True):
        assert line.startswith(start), (line, start)
    source = words(" ".join(_notes_last(kept, seed)))
    produced: list[str] = []
    for _, path in _seed_tei(converted)[seed]:
        produced += tei_words(parse_file(path))
    assert produced == source


def test_second_conversion_writes_identical_files(converted: Path, tmp_path: Path) -> None:
    report = convert(SEEDS, tmp_path, say=lambda _: None)
    assert not report.problems
    for path in converted.glob("*.xml"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    again = convert(SEEDS, tmp_path, say=lambda _: None)
    assert {o.value for o in again.outcomes.values()} == {"unchanged"}


def test_committed_tei_is_what_the_seeds_give(converted: Path) -> None:
    """Golden: tei/ in the repository is a fresh conversion of the seeds, file for file,
    except the files recorded as edited by hand (their hash is not one the converter
    wrote, tei/.generated.json). A differing file's fresh version is written beside it
    as tei/<name>.actual."""
    from edition.store import GeneratedStore

    if not any(TEI.glob("*.xml")):
        pytest.skip("tei/ is empty: run `edition convert`")
    store = GeneratedStore(TEI)
    assert {p.name for p in TEI.glob("*.xml")} == {p.name for p in converted.glob("*.xml")}
    differing = []
    for path in sorted(converted.glob("*.xml")):
        committed = TEI / path.name
        beside = TEI / f"{path.name}.actual"
        if store.is_edited(path.name) or committed.read_bytes() == path.read_bytes():
            beside.unlink(missing_ok=True)
            continue
        beside.write_bytes(path.read_bytes())
        differing.append(path.name)
    assert not differing, (f"tei/ differs from a fresh conversion in {differing}: the fresh "
                           "files are beside them as .actual; run `edition convert` and commit")


def test_identifiers_come_from_the_source(converted: Path) -> None:
    names = {p.stem for p in converted.glob("*.xml")}
    assert {"wcda-114169", "wcda-114177", "avprf-0102-23-112-24", "nkidp-edossier-16",
            "scr-070", "scr-073", "scr-105", "scr-19540930", "scr-19541012",
            "scr-19541228"} <= names


def test_collection_phenomena(converted: Path) -> None:
    def tree(name: str) -> etree._ElementTree:
        return parse_file(converted / f"{name}.xml")

    # footnote at its anchor with its printed label; reference resolved or marked
    t71 = tree("scr-071")
    note = t71.xpath("//t:p/t:note[@place='foot']", namespaces=NS)[0]
    assert note.get("n") == "*"
    assert note.xpath("string(preceding-sibling::node()[1])", namespaces=NS).endswith("4473")
    assert t71.xpath("//t:note//t:ref[@type='unresolved'][@n='68']", namespaces=NS)
    t83 = tree("scr-083")
    assert t83.xpath("//t:note[@place='foot']/@n", namespaces=NS) == ["*", "* *", "* *"]
    t82 = tree("scr-082")
    assert t82.xpath("//t:note//t:ref[@type='document']/@target", namespaces=NS) == [
        "scr-080.xml"]
    t98 = tree("scr-098")
    assert "6 *" in t98.xpath("//t:note[@place='foot']/@n", namespaces=NS)
    # "73.*": number with a footnote sign
    t73 = tree("scr-073")
    assert t73.xpath("string(//t:label[@type='number']/text())", namespaces=NS) == "73."
    assert t73.xpath("//t:label[@type='number']/t:note[@n='*']", namespaces=NS)
    # link-only speeches and the cut-off last document keep their gap
    assert tree("scr-19540930").xpath("//t:gap[@reason='link-only']", namespaces=NS)
    assert tree("scr-19541012").xpath("//t:gap[@reason='link-only']", namespaces=NS)
    assert tree("scr-19541228").xpath("//t:gap[@reason='cut-off']", namespaces=NS)
    # transmission errors: the source kept, the correction beside it
    t97 = tree("scr-097")
    assert t97.xpath("//t:choice[t:sic='ews.']/t:corr", namespaces=NS)
    assert tree("scr-075").xpath("//t:choice[t:orig='Truth'][t:reg='Pravda']", namespaces=NS)
    # source lines: with and without "Archive:", the collection and its pages
    t70 = tree("scr-070")
    assert t70.xpath("string(//t:bibl[@type='collection']/t:biblScope/@from)",
                     namespaces=NS) == "162"
    assert tree("scr-080").xpath("//t:note[@type='source']/t:bibl[@type='archive']",
                                 namespaces=NS)


def test_record_phenomena(converted: Path) -> None:
    t = parse_file(converted / "wcda-114169.xml")
    segs = t.xpath("//t:seg[@type='restricted']", namespaces=NS)
    assert [s.xpath("string()") for s in segs] == [
        "During this war, northern Korea's population of less than ten-million lost one-fifth "
        "of its manpower", "7.3 trillion yuan"]
    for seg in segs:
        target = "#" + seg.get("{http://www.w3.org/XML/1998/namespace}id")
        assert t.xpath(f"//t:note[@type='restriction'][@target='{target}']", namespaces=NS)
    assert t.xpath("//t:supplied[.='North']", namespaces=NS)
    assert t.xpath("//t:gap[@reason='lost'][@quantity='2']", namespaces=NS)
    assert t.xpath("//t:p/t:lb[@type='break']", namespaces=NS)  # "This victory / not only"
    header = t.xpath("//t:teiHeader", namespaces=NS)[0]
    assert header.xpath("string(.//t:repository)", namespaces=NS) == "Shanxi Provincial Archives"
    assert header.xpath("string(.//t:idno[@type='callNumber'])", namespaces=NS) == "C54-1005-15"
    assert header.xpath(".//t:respStmt[t:resp='translated by']/t:persName/text()",
                        namespaces=NS) == ["Jeffrey Wang", "Charles Kraus"]
    assert header.xpath("string(.//t:funder)", namespaces=NS) == "Leon Levy Foundation"
    t3 = parse_file(converted / "wcda-114177.xml")
    assert t3.xpath("string(//t:sic[@rend='bracket-sic'])", namespaces=NS) == "36,274 people"
    assert t3.xpath("//t:list[@type='numbered']", namespaces=NS)
    # "3. … in the following ways:" / "(1)" … "(3)": the ways are point 3's own
    assert t3.xpath("//t:item[@n='3']/t:list/t:item/@n", namespaces=NS) == ["1", "2", "3"]
    assert t3.xpath("string(//t:closer/t:dateline/t:date/@when)", namespaces=NS) == "1959-12-10"


def test_webpage_and_edossier(converted: Path) -> None:
    web = parse_file(converted / "avprf-0102-23-112-24.xml")
    assert web.xpath("//t:foreign[@xml:lang='ru-Latn']/text()", namespaces=NS) == [
        "zakaleny", "ostryy", "obaldenie", "vystuplenie"]
    assert web.xpath("//t:choice[t:sic='DRPK']", namespaces=NS)
    assert "History and Public Policy Program" in web.xpath(
        "string(//t:availability)", namespaces=NS)
    dossier = parse_file(converted / "nkidp-edossier-16.xml")
    assert dossier.xpath("//t:note[@place='end']/@n", namespaces=NS) == [str(i) for i in
                                                                         range(1, 10)]
    assert len(dossier.xpath("//t:listBibl/t:bibl[@type='document']", namespaces=NS)) == 7
    assert dossier.xpath("//t:respStmt[t:resp='introduced by']/t:persName/text()",
                         namespaces=NS) == ["Liang Zhi"]


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "the file is empty"),
    (b"\x00\x01\x02binary", "the file is binary"),
    ("caf\u00e9 na\u00efve".encode("latin-1"), "is not UTF-8"),
    (b"Just some words\nthat are no known format\n", "unrecognised source format"),
])
def test_bad_seed_gets_a_clear_error_and_others_still_convert(
        tmp_path: Path, content: bytes, expected: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "003_6c36276a20248a80.txt", seeds)
    (seeds / "bad.txt").write_bytes(content)
    result = CliRunner().invoke(main, ["convert", "--seeds", str(seeds), "--tei",
                                       str(tmp_path / "tei")])
    assert result.exit_code == 1
    assert "bad.txt:1:" in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "tei" / "wcda-114177.xml").exists()
    # the summary counts the refused file apart (it said "converted 2 sources")
    assert "summary: converted 1 source, 1 failed, skipped 0 unchanged" in result.output


@pytest.mark.parametrize("where", ["read_seed", "finish_document"])
def test_a_fault_of_the_program_fails_its_seed_not_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """An exception the readers or the annotators did not foresee (a reader once raised
    AttributeError on a stamp line and stopped the whole build): that seed's located
    error, the other seeds converted, exit status 1, no traceback."""
    import edition.convert as build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "003_6c36276a20248a80.txt", seeds)
    shutil.copy(SEEDS / "000_6a638e023e7f4305.txt", seeds)
    real = getattr(build, where)

    def faulty(*args: object, **kwargs: object) -> object:
        named = args[0] if where == "read_seed" else args[0].meta.seed
        if str(named).startswith("000_"):
            raise AttributeError("'Reader' object has no attribute 'doc_id'")
        return real(*args, **kwargs)

    monkeypatch.setattr(build, where, faulty)
    result = CliRunner().invoke(main, ["convert", "--jobs", "1", "--seeds", str(seeds),
                                       "--tei", str(tmp_path / "tei")])
    assert result.exit_code == 1, result.output
    assert "000_6a638e023e7f4305.txt:0:0: error: internal error while" in result.output
    assert "AttributeError" in result.output and "please report it" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "tei" / "wcda-114177.xml").exists()


def test_tei_is_valid_tei_all_via_shared(converted: Path) -> None:
    """Every converted file is valid against the official tei_all.rng (through jing)."""
    from edition.validate import Validator

    report = Validator(schema=shared("reference", "tei-p5", "tei_all.rng")).validate_paths(
        [converted])
    assert report.files_checked == 42
    assert report.errors == 0, [f"{p.path}:{p.line}: {p.message}" for p in report.problems][:10]


def test_an_unchanged_source_is_not_converted_again(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import edition.convert as build

    seeds, tei, registers = tmp_path / "seeds", tmp_path / "tei", tmp_path / "registers"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(ROOT / "registers", registers)
    convert(seeds, tei, registers=registers, say=lambda _: None)
    read: list[str] = []
    real = build.read_seed  # what the convert stage reads each seed with

    def spy(name: str, *args: object, **kwargs: object) -> object:
        read.append(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "read_seed", spy)
    seed = seeds / "003_6c36276a20248a80.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Ji Pengfei", b"Ji Peng-fei"))
    report = convert(seeds, tei, registers=registers, say=lambda _: None)
    assert read == ["003_6c36276a20248a80.txt"]
    assert report.outcomes["wcda-114177.xml"].value == "updated"
    assert len(report.documents["001_ecd8dfa2c3ac5ef4.txt"]) == 36
    assert b"Ji Peng-fei" in (tei / "wcda-114177.xml").read_bytes()
    # a change of a register that can touch no source (a blank line) converts none
    # (tests/test_register_changes.py: the changes that can)
    read.clear()
    places = registers / "places.yml"
    places.write_text(places.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert convert(seeds, tei, registers=registers, say=lambda _: None).converted == []
    assert read == []
    # a change to what every conversion depends on (the forms rejected as names)
    # converts all again
    (registers / "rejected.yml").write_text("- Xq Notaname\n", encoding="utf-8")
    convert(seeds, tei, registers=registers, say=lambda _: None)
    assert len(read) == 5


def test_an_original_language_beyond_the_seeds_has_its_code() -> None:
    """A page whose original language is Hungarian (or Polish, Vietnamese …) is encoded
    with that language's code (edition/data/languages.yml), not "und"."""
    from edition.convert import read_documents
    from edition.encode import encode, language_code
    from edition.manifest import SeedConfig

    assert [language_code(n) for n in ("Hungarian", "Polish", "Vietnamese", "Klingon")] == [
        "hu", "pl", "vi", "und"]
    page = (ROOT / "tests" / "files" / "variants" / "record" / "r05-month-date.txt").read_text(
        encoding="utf-8").replace("\nChinese\n", "\nHungarian\n")
    [doc] = read_documents("r05.txt", page.encode(), SeedConfig(), load_rules())
    root = etree.fromstring(encode(doc))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert root.xpath("//t:textLang/@mainLang", namespaces=ns) == ["hu"]
    assert "hu" in root.xpath("//t:langUsage/t:language/@ident", namespaces=ns)


def test_a_collection_s_documents_found_then_read_one_by_one_are_the_same() -> None:
    """A source of many documents is found (segments, ids, numbers) in one process and
    each document read where it is converted (``read_seed(defer=True)``): the documents
    are those read all at once, cross-references between them resolved too."""
    from edition import convert as stage
    from edition.encode import encode
    from edition.manifest import SeedConfig

    rules = load_rules()
    [seed] = sorted(SEEDS.glob("001_*.txt"))
    data = seed.read_bytes()
    whole = stage.read_seed(seed.name, data, SeedConfig(None, {}), rules)
    found = stage.read_seed(seed.name, data, SeedConfig(None, {}), rules, defer=True)
    assert len(found) == len(whole) > 30
    assert not any(isinstance(item, type(whole[0])) for item in found)  # none read yet
    assert [item.doc_id for item in found] == [doc.meta.doc_id for doc in whole]
    built = [stage.build_document(item, rules) for item in found]
    assert [encode(doc) for doc in built] == [encode(doc) for doc in whole]
    assert any(n.tag == "ref" and n.attrs.get("type") == "document"
               for doc in built for n in doc.nodes())  # "doc. 78": resolved
