"""The parts of the documents the pages across documents read (edition/sitedata.py):
pages made from them are byte for byte the pages made from the whole documents, on the
real edition and on variant documents written to reach the corners of the stylesheets'
paths; each part changes when, and only when, what its page reads changes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import TEI

from edition.register_kinds import REGISTER_PAGES as REGISTERS
from edition.render import EditionTree, Renderer
from edition.sitedata import (
    PARTS,
    corpus,
    edition_tree,
    extract_document,
    named,
    named_pairs,
    places_digest,
    read_registers,
    register_keys,
)
from edition.stages.common import document_files


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    return Renderer(stylesheets=("registers", "timeline", "restrictions"))


def _pages(renderer: Renderer, registers: bytes, corpus_file: bytes,
           trees: Mapping[str, EditionTree]) -> dict[str, bytes]:
    pages = renderer.render_registers(registers, edition=trees["mentions"])
    pages.update(renderer.render_site_pages(corpus_file, edition=trees["events"],
                                            names=["timeline"]))
    pages.update(renderer.render_restrictions(trees["restrictions"]))
    return pages


def _both(renderer: Renderer, documents: list[tuple[str, bytes]], registers: bytes,
          corpus_file: bytes) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The pages from the whole documents and from their parts."""
    whole = edition_tree(documents)
    parts = [extract_document(data, name) for name, data in documents]
    cut = {part: corpus(p[part] for p in parts if p.get(part)) for part in PARTS}
    return (_pages(renderer, registers, corpus_file, dict.fromkeys(PARTS, whole)),
            _pages(renderer, registers, corpus_file, cut))


def _check(whole: dict[str, bytes], cut: dict[str, bytes], tmp_path: Path) -> None:
    for name, page in whole.items():
        if cut[name] != page:  # written beside each other to compare
            (tmp_path / f"{name}.whole").write_bytes(page)
            (tmp_path / f"{name}.parts").write_bytes(cut[name])
        assert cut[name] == page, f"{name} differs: see {tmp_path}"


def test_pages_from_the_parts_are_the_pages_from_the_whole_edition(
        renderer: Renderer, tmp_path: Path) -> None:
    documents = [(str(p), p.read_bytes()) for p in document_files(TEI)]
    assert len(documents) == 40
    whole, cut = _both(renderer, documents, (TEI / "registers.xml").read_bytes(),
                       (TEI / "corpus.xml").read_bytes())
    assert sorted(whole) == sorted([*(f"{r}.html" for r in REGISTERS), "timeline.html",
                                    "restrictions.html"])
    # the pages show what the parts must carry: passages, events, restrictions
    assert whole["persons.html"].count(b'class="mention-passage"') > 20
    assert whole["timeline.html"].count(b'<li class="event"') > 50
    assert b'class="restriction"' in whole["restrictions.html"]
    _check(whole, cut, tmp_path)


def test_the_parts_are_small(renderer: Renderer) -> None:
    documents = [(str(p), p.read_bytes()) for p in document_files(TEI)]
    whole = sum(len(data) for _, data in documents)
    parts = [extract_document(data, name) for name, data in documents]
    for part in PARTS:
        assert sum(len(p[part]) for p in parts) < whole / 2, part


TEI_NS = 'xmlns="http://www.tei-c.org/ns/1.0"'

HEADER = """<teiHeader><fileDesc><titleStmt><title type="sub">Sub</title>
  <title type="main">A <hi rend="italic">letter</hi>  about  things</title></titleStmt>
  <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
  <profileDesc><creation><date notBefore="1950-01" notAfter="1950-03">early 1950</date>
  <date when="1950-02-01">1 February 1950</date></creation></profileDesc></teiHeader>"""

# Written to reach every path the stylesheets follow: names and dates at every depth
# (list items in paragraphs, notes of every kind, a dateline in an opener, a division
# with no block), refs written oddly, restriction instructions pointing at one, two or
# no words, restricted words no instruction points at.
VARIANT_A = f"""<TEI {TEI_NS} xml:id="var-a"><text><body><div>
  <opener><dateline>Moscow, <date when="1950-02-01">1 February</date></dateline>
    <salute>Dear <persName ref="registers.xml#kim">Kim</persName>,</salute></opener>
  <p xml:id="given">Words <persName ref="  registers.xml#kim ">Kim Il Sung</persName> and
    <placeName ref="../tei/registers.xml#pyongyang">Pyongyang</placeName>, not
    <persName ref="other.xml#kim">this</persName> nor <persName ref="#kim">that</persName>.
    <date when="1949">In 1949</date> and <date when="c. 1950">about 1950</date> and
    <date>some day</date><note place="foot" n="1">A footnote naming
    <persName ref="registers.xml#stalin">Stalin</persName> on
    <date when="1948-05-01">1 May 1948</date>.</note> and
    <note type="source">inline <date notAfter="1951">by 1951</date></note>.</p>
  <list><item>An item <orgName ref="registers.xml#kpa">KPA</orgName></item></list>
  <p>A paragraph <seg type="restricted" xml:id="r1">withheld <choice><sic>wrods</sic>
    <corr>words</corr></choice><lb/>over a line<note>a note inside</note></seg>
    <note type="restriction" target="#r1  #r2">(do not   announce this)</note>
    <seg xml:id="r2">and more</seg> <seg type="restricted">unpointed</seg>
    <note type="restriction">(not for the press)</note>
    <note type="restriction" target="#r3&#160;#r1">(odd target)</note>
    <seg xml:id="r3&#160;#r1">odd</seg>
    <p>a nested paragraph <date from="1950" to="1952">1950-52</date> with
      <persName ref="registers.xml#kim">Kim</persName></p></p>
  <head ref="registers.xml#kim">A heading that is a name</head>
</div><div><persName ref="registers.xml#kim">unanchored</persName>
  <date when="1953-07-27">27 July 1953</date></div></body></text></TEI>"""

VARIANT_B = f"""<TEI {TEI_NS} xml:id="var-b">{HEADER}<text><body>
  <p>Plain text only, no names, no dates.</p></body></text></TEI>"""

VARIANT_C = f"""<TEI {TEI_NS} xml:id="var-c">{HEADER}<text><body>
  <p>On <date when="1951-01-04">4 January</date> <persName
    ref="registers.xml#kim">Kim</persName> spoke.</p>
  <p><note type="restriction" target="#x9">(secret)</note></p></body></text></TEI>"""

VARIANT_REGISTERS = f"""<TEI {TEI_NS} xml:id="registers"><teiHeader><fileDesc><titleStmt>
  <title>Registers</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc>
  <p/></sourceDesc></fileDesc></teiHeader><text><body>
  <div type="persons"><listPerson>
    <person xml:id="kim"><persName type="preferred">Kim Il Sung</persName><note
      type="mentions"><ref target="var-a.xml" n="6">A letter</ref><ref target="var-c.xml"
      n="1">A letter</ref><ref target="missing.xml">Gone</ref></note></person>
    <person xml:id="stalin"><persName>Stalin</persName><note type="mentions"><ref
      target="var-a.xml">A letter</ref></note></person></listPerson></div>
  <div type="places"><listPlace><place xml:id="pyongyang"><placeName>Pyongyang</placeName>
    <note type="mentions"><ref target="tei/var-a.xml">A</ref></note></place></listPlace></div>
  <div type="organisations"><listOrg><org xml:id="kpa"><orgName>KPA</orgName><note
    type="mentions"><ref target="var-a.xml">A</ref></note></org></listOrg></div>
</body></text></TEI>"""


def test_pages_from_the_parts_of_variant_documents(renderer: Renderer, tmp_path: Path) -> None:
    documents = [("tei/var-a.xml", VARIANT_A.encode()), ("tei/var-b.xml", VARIANT_B.encode()),
                 ("tei/var-c.xml", VARIANT_C.encode()), ("tei/broken.xml", b"<TEI"),
                 ("tei/other.xml", b"<notTEI/>")]
    whole, cut = _both(renderer, documents, VARIANT_REGISTERS.encode(),
                       (TEI / "corpus.xml").read_bytes())
    persons = whole["persons.html"].decode()
    assert "¶&nbsp;given" in persons and "#p8" in persons  # the variants reach
    assert b"1 May 1948" not in whole["timeline.html"]  # a footnote's date is not listed
    assert b"by 1951" in whole["timeline.html"]  # an inline note's is
    assert whole["restrictions.html"].count(b'class="restriction"') == 5
    _check(whole, cut, tmp_path)


def _parts(text: str) -> dict[str, bytes]:
    return extract_document(text.encode(), "tei/var-a.xml")


def test_an_edit_of_words_no_page_reads_changes_no_part() -> None:
    before = _parts(VARIANT_A)
    after = _parts(VARIANT_A.replace("An item", "A changed item"))
    assert after == before
    assert _parts(VARIANT_A.replace("<div><persName", "<div>New words. <persName")) == before


def test_each_part_changes_with_what_its_page_reads() -> None:
    before = _parts(VARIANT_A)

    def changed(edited: str) -> set[str]:
        after = _parts(edited)
        return {part for part in PARTS if after[part] != before[part]}

    # a new mention in an item (no date there): only the register pages' part
    assert changed(VARIANT_A.replace(
        "An item", 'An item <persName ref="registers.xml#stalin">Stalin</persName>')
    ) == {"mentions"}
    # a new dated event in a paragraph without names: only the timeline's part
    assert changed(VARIANT_A.replace(
        "An item", 'An item of <date when="1955-01-01">1955</date>')) == {"events"}
    # the words around a dated event: the timeline shows them
    assert changed(VARIANT_A.replace("Words ", "Other words ")) == {"events"}
    # a new restriction: only the restrictions page's part
    assert changed(VARIANT_A.replace(
        "An item", 'An item <note type="restriction">(secret)</note>')) == {"restrictions"}
    # a new paragraph before the others moves their anchors: every page that links them
    assert changed(VARIANT_A.replace("<list>", "<p>New.</p><list>")) == set(PARTS)


def test_a_document_with_nothing_for_a_page_gives_it_nothing() -> None:
    parts = extract_document(VARIANT_B.encode(), "tei/var-b.xml")
    assert parts == dict.fromkeys(PARTS, b"")
    assert extract_document(b"<TEI", "tei/broken.xml") == {}


def test_named_gives_the_keys_registers_xsl_looks_names_up_by_with_their_passages() -> None:
    """What follows the first "#" of a @ref, its white space normalised as XPath does
    (not Python's wider idea of white space), and the nearest anchored block's id; a
    value without "#" gives nothing."""
    part = (f'<TEI {TEI_NS} xmlns:ed="urn:edition:functions"><text><body>'
            '<p xml:id="p1" ed:anchor="yes"><persName ref=" registers.xml#kim&#10;"/>'
            '<hi><name ref="registers.xml#kpa"/></hi></p>'
            '<div><placeName ref="registers.xml#x&#160;y"/><persName ref="#local"/>'
            '<persName ref="nothing"/></div></body></text></TEI>').encode()
    assert named_pairs(named(part)) == [("kim", "p1"), ("kpa", "p1"), ("x\u00a0y", ""),
                                        ("local", "")]
    assert named(b"") == "" and named_pairs("") == []


def test_register_keys_change_only_for_the_page_whose_entries_or_names_changed(
        tmp_path: Path) -> None:
    """Each register page's key: a person's entry, or a document's name of a person,
    changes the persons' key only; the header changes every key; a file that cannot be
    read, or is no TEI file, gives None (as places_digest does)."""
    kinds = ("persons", "places", "organisations")
    registers = tmp_path / "registers.xml"
    registers.write_text(VARIANT_REGISTERS, encoding="utf-8")
    def names_of(*pairs: tuple[str, str]) -> str:  # as named() writes them
        return "\x01".join(f"{key}\x00{anchor}" for key, anchor in pairs)

    names = {"var-a.xml": names_of(("kim", "p1"), ("pyongyang", "p2"))}
    base = register_keys(registers, kinds, names)
    assert base is not None and len(set(base.values())) == 3

    def changed(text: str, found: dict[str, str]) -> set[str]:
        registers.write_text(text, encoding="utf-8")
        keys = register_keys(registers, kinds, found)
        assert keys is not None
        return {kind for kind in kinds if keys[kind] != base[kind]}

    assert changed(VARIANT_REGISTERS, names) == set()
    assert changed(VARIANT_REGISTERS.replace("<persName>Stalin", "<persName>J. Stalin"),
                   names) == {"persons"}
    assert changed(VARIANT_REGISTERS, {"var-a.xml": names_of(("kim", "p3"), ("pyongyang", "p2"))}
                   ) == {"persons"}
    assert changed(VARIANT_REGISTERS, {**names, "var-c.xml": names_of(("kpa", "p9"))}
                   ) == {"organisations"}
    assert changed(VARIANT_REGISTERS, {**names, "var-c.xml": names_of(("nobody", "p9"))}
                   ) == set()
    assert changed(VARIANT_REGISTERS.replace("<title>Registers", "<title>The registers"),
                   names) == set(kinds)
    registers.write_text("<TEI", encoding="utf-8")
    assert register_keys(registers, kinds, names) is None
    assert places_digest(registers) is None
    registers.write_text(f"<div {TEI_NS}/>", encoding="utf-8")
    assert register_keys(registers, kinds, names) is None
    assert register_keys(tmp_path / "absent.xml", kinds, names) is None


def test_the_registers_file_is_read_for_the_keys_without_its_entries_held(
        tmp_path: Path) -> None:
    """read_registers hashes each entry of a division as it is read and drops it: what is
    left of the tree is the header and the divisions' frames; the ids and places are all
    taken. A place outside any division's entries still counts for the map; a place that
    changes changes the map's key, a person does not; a DTD is refused."""
    registers = tmp_path / "registers.xml"
    registers.write_text(VARIANT_REGISTERS, encoding="utf-8")
    read = read_registers(registers)
    assert read is not None
    shells = b"".join(b"".join(kept) for kept in read.shells.values())
    assert b"<person" not in shells and b"<place" not in shells and b"<org" not in shells
    assert b"listPerson" in shells and b"Registers" in read.header
    assert read.ids["persons"] == {"kim", "stalin"} and read.ids["places"] == {"pyongyang"}
    base = places_digest(registers)

    def digest_after(old: str, new: str) -> str | None:
        registers.write_text(VARIANT_REGISTERS.replace(old, new), encoding="utf-8")
        return places_digest(registers)

    assert digest_after("<persName>Stalin", "<persName>J. Stalin") == base
    assert digest_after("<placeName>Pyongyang", "<placeName>Pjöngjang") != base
    assert digest_after("</body>", '<place xml:id="elsewhere"><placeName>Elsewhere'
                                   "</placeName></place></body>") != base
    registers.write_text('<!DOCTYPE TEI [<!ENTITY e "x">]>' + VARIANT_REGISTERS,
                         encoding="utf-8")
    assert read_registers(registers) is None
