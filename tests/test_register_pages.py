"""The register pages made of kept pieces (edition/stages/register_pages.py): after each
edit, the page is byte for byte the page made whole, with the same warnings; an edit
makes again only the entries it touches; and where pieces could differ from the page
made whole (the page's own messages, a page its last check would change), the page is
made whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import TEI
from lxml import etree
from test_sitedata import VARIANT_A, VARIANT_C, VARIANT_REGISTERS

from edition.namespaces import TEI_NS
from edition.register_kinds import REGISTER_PAGES as REGISTERS
from edition.render import Renderer
from edition.sitedata import corpus, extract_document, file_id, named
from edition.stages import register_pages
from edition.stages.common import load_json

SOURCE = "tei/registers.xml"

# registers with more entries than the variants': names to sort, a note, a place with
# coordinates, and an entry whose mentions list a document that does not exist
REGISTERS_XML = VARIANT_REGISTERS.replace(
    '<person xml:id="stalin">',
    '<person xml:id="zhou"><persName type="preferred">Zhou Enlai</persName>'
    '<note>Premier.</note><note type="mentions"><ref target="var-c.xml">C</ref>'
    '<ref target="gone.xml">Gone</ref></note></person>'
    '<person xml:id="abe"><persName>Abe</persName></person>'
    '<person xml:id="stalin">')


class Counted:
    """A renderer whose entries made are counted (positions asked for, per call)."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.asked: list[list[int]] = []
        self.shells = 0
        self.wholes = 0  # pages made whole (the pages made whole to compare included)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.renderer, name)

    def render_register_items(self, node: Any, register: str, positions: Any,
                              edition: Any) -> Any:
        self.asked.append(list(positions))
        return self.renderer.render_register_items(node, register, positions, edition)

    def render_register_shell(self, node: Any, source_name: str, register: str) -> Any:
        self.shells += 1
        return self.renderer.render_register_shell(node, source_name, register)

    def render_registers(self, *args: Any, **kwargs: Any) -> Any:
        self.wholes += 1
        return self.renderer.render_registers(*args, **kwargs)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    made = Renderer(stylesheets=("registers",))
    made.set_context(build_date="2026-01-01", corpus=(TEI / "corpus.xml").read_bytes())
    return made


def _inputs(documents: dict[str, str]) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """The documents' mentions parts (by file name, as the render stage gives them), and
    their names."""
    parts = {name: extract_document(text.encode(), f"tei/{name}").get("mentions", b"")
             for name, text in documents.items()}
    return ([(file_id(name), part) for name, part in parts.items() if part],
            {name: named(part) for name, part in parts.items() if named(part)})


def _both(renderer: Renderer, registers: str, documents: dict[str, str], out: Path,
          register: str = "persons", code: str = "code"
          ) -> tuple[dict[str, bytes], list[str], bytes, list[str]]:
    """The page made of pieces (writing its state into ``out``) with its warnings, and
    the page made whole with its."""
    mentions, names = _inputs(documents)
    renderer.take_warnings()
    made = register_pages.pages(renderer, registers.encode(), SOURCE, "key", code, mentions,
                                names, out, register)
    said = renderer.take_warnings()
    state = register_pages.state_file(register)
    if state in made:
        (out / state).parent.mkdir(parents=True, exist_ok=True)
        (out / state).write_bytes(made[state])
    whole = renderer.render_registers(registers.encode(), SOURCE,
                                      corpus(part for _, part in mentions),
                                      names=(register,))[f"{register}.html"]
    return made, said, whole, renderer.take_warnings()


def _documents() -> dict[str, str]:
    return {"var-a.xml": VARIANT_A, "var-c.xml": VARIANT_C}


@pytest.mark.parametrize("register", REGISTERS)
def test_each_page_of_pieces_is_the_page_made_whole(renderer: Renderer, tmp_path: Path,
                                                     register: str) -> None:
    made, said, whole, whole_said = _both(renderer, REGISTERS_XML, _documents(), tmp_path,
                                          register)
    assert made[f"{register}.html"] == whole
    assert said == whole_said
    assert register_pages.state_file(register) in made


def test_an_edit_makes_again_the_entries_it_touches(renderer: Renderer,
                                                    tmp_path: Path) -> None:
    counted = Counted(renderer)
    documents = _documents()
    made, _, whole, _ = _both(counted, REGISTERS_XML, documents, tmp_path)  # type: ignore[arg-type]
    assert made["persons.html"] == whole
    assert counted.asked == [[1, 2, 3, 4]] and counted.shells == 1  # all, at first
    # nothing changed: nothing made again
    made, _, whole, _ = _both(counted, REGISTERS_XML, documents, tmp_path)  # type: ignore[arg-type]
    assert made["persons.html"] == whole and counted.asked[1:] == [] and counted.shells == 1
    # a document names Zhou once more, in a passage of its own: his entry alone
    documents["var-c.xml"] = VARIANT_C.replace(
        "spoke.</p>", 'spoke.</p><p>With <persName ref="registers.xml#zhou">Zhou</persName>.</p>')
    made, _, whole, _ = _both(counted, REGISTERS_XML, documents, tmp_path)  # type: ignore[arg-type]
    assert made["persons.html"] == whole and b"#p" in whole
    assert counted.asked[1:] == [[2]] and counted.shells == 1
    # the register changes Stalin's note: his entry alone, the page around it kept
    registers = REGISTERS_XML.replace("<persName>Stalin</persName>",
                                      "<persName>Stalin</persName><note>General secretary.</note>")
    made, _, whole, _ = _both(counted, registers, documents, tmp_path)  # type: ignore[arg-type]
    assert made["persons.html"] == whole and b"General secretary." in whole
    assert counted.asked[2:] == [[4]] and counted.shells == 1
    # a new entry first: the page around the entries, and the entries after it (their
    # places, which their messages name, moved)
    registers = registers.replace('<person xml:id="kim">',
                                  '<person xml:id="ann"><persName>Ann</persName></person>'
                                  '<person xml:id="kim">')
    made, _, whole, _ = _both(counted, registers, documents, tmp_path)  # type: ignore[arg-type]
    assert made["persons.html"] == whole
    assert counted.asked[3:] == [[1, 2, 3, 4, 5]] and counted.shells == 2
    # the state keeps the entries of the page as it is, not of every page made before
    state = load_json(tmp_path / register_pages.state_file("persons"))
    assert len(state["entries"]) == 5


def test_entries_made_a_few_at_a_time_give_the_page_made_whole(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two entries per call to Saxon (each call given only the documents its entries
    name): the same page, warnings and kept state as one call for all."""
    registers = REGISTERS_XML.replace("<persName>Abe</persName>",
                                      "<persName>Abe</persName><birth>1900</birth>")
    made_one, said_one, whole, whole_said = _both(renderer, registers, _documents(),
                                                  tmp_path / "one")
    monkeypatch.setattr(register_pages, "ENTRIES_PER_CALL", 2)
    counted = Counted(renderer)
    made, said, _, _ = _both(counted, registers, _documents(), tmp_path / "two")  # type: ignore[arg-type]
    # the call that said something made again entry by entry, that call's entries only
    assert counted.asked == [[1, 2], [3, 4], [3], [4]]
    assert made["persons.html"] == whole == made_one["persons.html"]
    assert said == whole_said == said_one and len(said) == 1 and "<birth>" in said[0]
    state = register_pages.state_file("persons")
    assert made[state] == made_one[state]


def test_a_call_holds_at_most_so_many_bytes_of_documents() -> None:
    """:func:`register_pages._calls`: entries in order, a call closed before the entry
    whose documents would take it past :data:`register_pages.BYTES_PER_CALL` (an entry
    alone past it is a call of its own), and before :data:`register_pages.
    ENTRIES_PER_CALL` entries; each call with the documents its entries name, once."""
    def person(*targets: str) -> str:
        refs = "".join(f'<ref target="{t}.xml">{t}</ref>' for t in targets)
        return f'<person><persName>X</persName><note type="mentions">{refs}</note></person>'

    root = etree.fromstring(f'<listPerson xmlns="{TEI_NS}">'
                            + person("a", "b") + person("b") + person("c") + person()
                            + person("d") + person("a", "d") + "</listPerson>")
    entries = list(root)
    mentions = [("a", b"x" * 40), ("b", b"x" * 30), ("c", b"x" * 50), ("d", b"x" * 120)]
    # a+b = 70; b again adds nothing; c would make 120 > 100: a new call; the entry that
    # names none adds nothing; d alone is past 100: a call of its own; a+d likewise
    assert register_pages.BYTES_PER_CALL >= 1_000_000
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(register_pages, "BYTES_PER_CALL", 100)
        calls = list(register_pages._calls([1, 2, 3, 4, 5, 6], entries, mentions))
        assert calls == [([1, 2], {"a", "b"}), ([3, 4], {"c"}), ([5], {"d"}),
                         ([6], {"a", "d"})]
        patch.setattr(register_pages, "ENTRIES_PER_CALL", 1)
        assert [batch for batch, _ in register_pages._calls([1, 2, 4], entries, mentions)] \
            == [[1], [2], [4]]


def test_entries_made_few_bytes_at_a_time_give_the_page_made_whole(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Calls bounded by the bytes of the documents they read, so small that each entry
    that names a document is a call of its own: the same page, warnings and kept state
    as one call for all."""
    made_one, said_one, whole, whole_said = _both(renderer, REGISTERS_XML, _documents(),
                                                  tmp_path / "one")
    monkeypatch.setattr(register_pages, "BYTES_PER_CALL", 1)
    counted = Counted(renderer)
    made, said, _, _ = _both(counted, REGISTERS_XML, _documents(), tmp_path / "few")  # type: ignore[arg-type]
    assert len(counted.asked) > 1
    assert made["persons.html"] == whole == made_one["persons.html"]
    assert said == whole_said == said_one
    state = register_pages.state_file("persons")
    assert made[state] == made_one[state]


def test_the_warnings_of_entries_are_those_of_the_page_made_whole(
        renderer: Renderer, tmp_path: Path) -> None:
    """Unknown elements in two entries, one of them twice: each located, the repeats
    counted on the first, in the order of the page."""
    registers = (REGISTERS_XML
                 .replace("<persName>Abe</persName>",
                          "<persName>Abe</persName><birth>1900</birth><birth>1901</birth>")
                 .replace("<note>Premier.</note>", "<note>Premier.</note><birth>1898</birth>"))
    made, said, whole, whole_said = _both(renderer, registers, _documents(), tmp_path)
    assert made["persons.html"] == whole and b"1898" in whole
    assert said == whole_said and len(said) == 1 and "(and 2 more <birth>" in said[0]
    # kept: the warnings come back with the entries, without making them again
    counted = Counted(renderer)
    made, said, whole, whole_said = _both(counted, registers, _documents(), tmp_path)  # type: ignore[arg-type]
    assert counted.asked == [] and said == whole_said and made["persons.html"] == whole


def test_what_pieces_could_change_is_made_whole(renderer: Renderer, tmp_path: Path) -> None:
    # a part of the register the page does not show: its message comes before the
    # entries' on the page made whole, so the page is made whole
    registers = REGISTERS_XML.replace("<listPerson>", "<p>A note on the list.</p><listPerson>", 1)
    counted = Counted(renderer)
    made, said, whole, whole_said = _both(counted, registers, _documents(), tmp_path)  # type: ignore[arg-type]
    assert made == {"persons.html": whole} and said == whole_said and said
    assert counted.asked == []
    assert counted.wholes == 2  # (the page made whole to compare, and this one)
    # words the page's last check cannot vouch for (they read like an event handler):
    # the page made whole, with the check
    registers = REGISTERS_XML.replace("<note>Premier.</note>",
                                      '<note>Premier; wrote onclick="x" in 1950.</note>')
    counted = Counted(renderer)
    made, said, whole, whole_said = _both(counted, registers, _documents(), tmp_path)  # type: ignore[arg-type]
    assert made == {"persons.html": whole} and counted.wholes == 2
    assert b'onclick="x"' in whole and said == whole_said
    # a name pointing at a script: dropped by the entry itself, as on the page made whole
    registers = REGISTERS_XML.replace(
        "<note>Premier.</note>", '<note>Premier. <persName ref="javascript:alert(1)">Z</persName>'
        "</note>")
    made, said, whole, whole_said = _both(renderer, registers, _documents(), tmp_path)
    assert made["persons.html"] == whole and b"javascript" not in whole.lower()
    assert said == whole_said


# the registers with names across them (a person's note names a place and an
# organisation, a place's note a person), and with parts the pages do not show in the
# places' and organisations' divisions (each page says so of its own division only)
CROSSED_XML = (REGISTERS_XML
               .replace("<note>Premier.</note>",
                        '<note>Premier; of the <orgName ref="registers.xml#kpa">KPA</orgName>'
                        ' in <placeName ref="registers.xml#pyongyang">Pyongyang</placeName>.'
                        "</note>")
               .replace("<placeName>Pyongyang</placeName>",
                        '<placeName>Pyongyang</placeName><note>Seat of <persName '
                        'ref="registers.xml#kim">Kim</persName>.</note><bibl>A map</bibl>')
               .replace("<listOrg>", "<p>Of the organisations.</p><listOrg>"))


@pytest.mark.parametrize("register", REGISTERS)
def test_each_page_is_made_from_its_own_register_alone(renderer: Renderer, tmp_path: Path,
                                                       register: str) -> None:
    """A register page made alone (a process of its own) reads the registers file
    without the other registers' entries (its tree, and Saxon's, grow with the file),
    and is the same page, with the same warnings, as the page made from the whole file;
    the names in the notes link across the registers as before."""
    from lxml import etree

    from edition.xmlio import parse_bytes

    whole_root = parse_bytes(CROSSED_XML.encode(), SOURCE).getroot()
    root, _ = renderer.registers_source(CROSSED_XML.encode(), SOURCE, register)
    tei = "{http://www.tei-c.org/ns/1.0}"
    kinds = {"persons": "person", "places": "place", "organisations": "org"}
    assert {e.tag for e in root.iter(f"{tei}person", f"{tei}place", f"{tei}org")} == {
        f"{tei}{kinds[register]}"}
    divisions = root.findall(f"{tei}text/{tei}body/{tei}div")
    assert [d.get("type") for d in divisions] == list(REGISTERS)  # each in its place
    assert [len(d) > 0 for d in divisions] == [r == register for r in REGISTERS]
    own = divisions[REGISTERS.index(register)]
    whole_own = whole_root.findall(f"{tei}text/{tei}body/{tei}div")[REGISTERS.index(register)]
    assert etree.tostring(own) == etree.tostring(whole_own)  # read as it is in the file
    assert [e.sourceline for e in own.iter()] == [e.sourceline for e in whole_own.iter()]
    made, said, whole, whole_said = _both(renderer, CROSSED_XML, _documents(), tmp_path,
                                          register)
    assert made[f"{register}.html"] == whole and said == whole_said
    links = {"persons": b'href="places.html#pyongyang"', "places": b'href="persons.html#kim"',
             "organisations": b"KPA"}
    assert links[register] in whole
    # what a page does not show is said of its own division only
    expected = {"persons": [], "places": ["<bibl> at /TEI/text[1]/body[1]/div[2]/"],
                "organisations": ["<p> at /TEI/text[1]/body[1]/div[3]/p[1]"]}[register]
    assert len(said) == len(expected)
    assert all(part in line for part, line in zip(expected, said, strict=True))
    other = next(r for r in REGISTERS if r != register)
    source = register_pages.Source(renderer, CROSSED_XML.encode(), SOURCE, [], {}, register)
    with pytest.raises(ValueError, match="read for the"):
        register_pages.page_of(renderer, source, "key", "code", tmp_path, other)


def test_a_lost_or_altered_state_is_made_again(renderer: Renderer, tmp_path: Path) -> None:
    documents = _documents()
    _both(renderer, REGISTERS_XML, documents, tmp_path)
    state = tmp_path / register_pages.state_file("persons")
    for broken in (b"{", b'{"code": "1 code", "entries": {"x": 3}, "shell": [1, 2]}', b"[]"):
        state.write_bytes(broken)
        made, said, whole, whole_said = _both(renderer, REGISTERS_XML, documents, tmp_path)
        assert made["persons.html"] == whole and said == whole_said
    # other stylesheets (another code): every entry made again
    counted = Counted(renderer)
    made, _, whole, _ = _both(counted, REGISTERS_XML, documents, tmp_path, code="other")  # type: ignore[arg-type]
    assert made["persons.html"] == whole and counted.asked == [[1, 2, 3, 4]]


def test_the_mentions_parts_are_taken_by_the_file_their_documents_name(
        tmp_path: Path) -> None:
    """The register pages take the documents they need from the parts by the file name
    the render stage gives each (Extracts.by_file), without parsing the whole: each
    name is the part's own @ed:file, and the parts in a teiCorpus are the tree the
    pages read whole (Extracts.tree)."""
    from lxml import etree

    from edition.sitedata import FILE
    from edition.stages.common import Digests
    from edition.stages.extracts import Extracts
    from edition.xmlio import safe_parser

    extracts = Extracts(TEI, tmp_path, Digests({}))
    parts = extracts.by_file("mentions")
    assert len(parts) > 10  # the edition's documents that name register entries
    for file, part in parts:
        assert etree.fromstring(part).get(FILE) == file
    assert corpus(part for _, part in parts) == extracts.tree("mentions")
    # the documents an entry's mentions list: those and only those, in the tree's order
    wanted = {parts[1][0], parts[-1][0], "no-such-document"}
    # (safely, as Saxon reads it: an xml:id is given in many documents)
    tree = etree.fromstring(register_pages._tree(parts, wanted), safe_parser())
    assert [document.get(FILE) for document in tree] == [parts[1][0], parts[-1][0]]


def test_a_large_registers_file_is_read_for_one_register_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that makes one register page reads the file without the other
    registers' entries only when the file is large: a small one is read whole (what it
    would save is less than a build's peak moves)."""
    monkeypatch.setattr(register_pages, "READ_ALONE_BYTES", 100)
    assert register_pages.read_alone(b"x" * 101, ["places"]) == "places"
    assert register_pages.read_alone(b"x" * 100, ["places"]) is None
    assert register_pages.read_alone(b"x" * 101, ["persons", "places"]) is None


def test_the_render_stage_reads_the_file_for_one_page_alone_when_it_is_large(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The register pages' product (edition/stages/render.py) made for one page reads the
    registers file for that register alone once the file is larger than
    READ_ALONE_BYTES, and whole for several pages; the page is the same bytes."""
    from edition.paths import XSLT_DIR
    from edition.stages.common import Digests
    from edition.stages.extracts import Extracts
    from edition.stages.render import make_product

    extracts = Extracts(TEI, tmp_path / "site", Digests({}))
    read: list[str | None] = []
    real = Renderer.registers_source

    def spy(self: Renderer, registers: bytes, source_name: str = SOURCE,
            only: str | None = None) -> Any:
        read.append(only)
        return real(self, registers, source_name, only)

    monkeypatch.setattr(Renderer, "registers_source", spy)
    pages = {}
    for limit, names in ((10**9, ("places",)), (0, ("places",)), (0, REGISTERS)):
        monkeypatch.setattr(register_pages, "READ_ALONE_BYTES", limit)
        out = tmp_path / f"out-{limit}-{len(names)}"
        out.mkdir()
        made = make_product("registers", str(XSLT_DIR), str(TEI), "key",
                            extracts.by_file("mentions"), extracts.named(), out, *names)
        assert not isinstance(made, Exception), made
        pages[(limit, len(names))] = made[0]["places.html"]
    assert read == [None, "places", None]
    assert pages[(10**9, 1)] == pages[(0, 1)] == pages[(0, 3)]
