"""tei/registers.xml put together from pieces (edition/encode.py, encode_registers): the
file is what pretty-printing the whole tree gives, whatever the number of entries made
at once, and its entries, names, notes and mentions are all there."""

from __future__ import annotations

import pytest
from lxml import etree

from edition import encode
from edition.encode import encode_registers, pretty
from edition.namespaces import TEI_NS, XML_ID
from edition.registers import Entry, Gazetteer, Registers

T = f"{{{TEI_NS}}}"


def _registers() -> tuple[Registers, dict[str, list[tuple[str, str, int]]]]:
    """Persons, places and organisations, some named in many documents, one in none; a
    proposed entry, variants, a note, a place with coordinates and one without."""
    entries = [
        Entry("person", "ivanov", "Ivanov, Ivan", ["Ivanov, Ivan", "Ivanov", "I. Ivanov"],
              note="Ambassador <to> the DPRK & more"),
        Entry("person", "zhou-enlai", "Zhou Enlai", ["Zhou Enlai"]),
        Entry("person", "puzanov", "Puzanov", ["Puzanov"], status="proposed"),
        *(Entry("person", f"p{n:03d}", f"Person {n:03d}", [f"Person {n:03d}"])
          for n in range(30)),
        Entry("place", "pyongyang", "Pyongyang", ["Pyongyang"], type="city",
              gazetteer=Gazetteer("1871859", 39.03, 125.75)),
        Entry("place", "yalu", "Yalu River", ["Yalu River", "Yalu"],
              gazetteer=Gazetteer("2033")),
        Entry("org", "kwp", "Korean Workers' Party", ["Korean Workers' Party", "KWP"]),
    ]
    mentions = {
        "ivanov": [(f"doc-{n:03d}", f"Record of a talk no. {n} — «Ivanov»", n % 4 + 1)
                   for n in range(120)],
        "zhou-enlai": [("doc-001", "Telegram", 2)],
        "pyongyang": [(f"doc-{n:03d}", "Report", 1) for n in range(7)],
        "kwp": [("doc-002", "Minutes", 3)],
        **{f"p{n:03d}": [(f"doc-{m:03d}", f"Note {m}", 1) for m in range(n)]
           for n in range(30)},
    }
    return Registers(entries), mentions


def test_the_file_is_the_whole_tree_pretty_printed() -> None:
    registers, mentions = _registers()
    data = encode_registers(registers, mentions)
    root = etree.fromstring(data)
    assert pretty(root) == data  # indented as the whole tree is: nothing to move
    ids = [e.get(XML_ID) for e in root.iter(f"{T}person", f"{T}place", f"{T}org")]
    assert sorted(ids) == sorted(e.id for e in registers.entries)
    persons = root.find(f".//{T}listPerson")
    assert persons is not None
    assert [e.get(XML_ID) for e in persons][:3] == ["ivanov", "p000", "p001"]  # by name
    ivanov = root.find(f".//{T}person[@{XML_ID}='ivanov']")
    assert ivanov is not None
    assert [n.text for n in ivanov.iterfind(f"{T}persName")] == [
        "Ivanov, Ivan", "Ivanov", "I. Ivanov"]
    assert ivanov.findtext(f"{T}note") == "Ambassador <to> the DPRK & more"
    refs = ivanov.findall(f"{T}note[@type='mentions']/{T}ref")
    assert [(r.get("target"), r.text, r.get("n")) for r in refs] == [
        (f"doc-{n:03d}.xml", f"Record of a talk no. {n} — «Ivanov»", str(n % 4 + 1))
        for n in range(120)]
    assert root.find(f".//{T}person[@{XML_ID}='puzanov']").get("cert") == "low"
    assert root.findtext(f".//{T}place[@{XML_ID}='pyongyang']/{T}location/{T}geo") == (
        "39.03 125.75")
    assert root.find(f".//{T}place[@{XML_ID}='yalu']/{T}location") is None
    assert b"ed:entries" not in data  # no placeholder left


@pytest.mark.parametrize(("entries", "mentions"), [(1, 1), (2, 50), (7, 10_000)])
def test_the_file_does_not_depend_on_how_many_entries_are_made_at_once(
        monkeypatch: pytest.MonkeyPatch, entries: int, mentions: int) -> None:
    registers, named = _registers()
    whole = encode_registers(registers, named)
    monkeypatch.setattr(encode, "ENTRIES_AT_ONCE", entries)
    monkeypatch.setattr(encode, "MENTIONS_AT_ONCE", mentions)
    assert encode_registers(registers, named) == whole


def test_registers_without_entries_or_without_a_kind() -> None:
    empty = encode_registers(Registers([]), {})
    assert etree.fromstring(empty).findtext(f".//{T}body/{T}p") == (
        "The registers have no entries yet.")
    only_places = encode_registers(
        Registers([Entry("place", "seoul", "Seoul", ["Seoul"])]), {})
    root = etree.fromstring(only_places)
    assert [d.get("type") for d in root.iter(f"{T}div")] == ["places"]
    assert pretty(root) == only_places


def test_each_kind_stands_where_its_page_reads_it() -> None:
    """The file is written from register_kinds and the register pages read it from there:
    each register's division holds its kind's list, entries and names, and the page of
    the register finds those entries and no other kind's."""
    from edition.register_kinds import KINDS
    from edition.stages.register_pages import _entries

    registers, mentions = _registers()
    root = etree.fromstring(encode_registers(registers, mentions))
    body = root.find(f"{T}text/{T}body")
    assert body is not None
    assert [div.get("type") for div in body] == [kind.register for kind in KINDS]
    for kind, div in zip(KINDS, body, strict=True):
        assert div.findtext(f"{T}head") == kind.heading
        (listing,) = div.iterfind(f"{T}{kind.list_tag}")
        expected = sorted((e for e in registers.entries if e.kind == kind.entry),
                          key=lambda e: e.name.casefold())
        assert [e.get(XML_ID) for e in listing] == [e.id for e in expected]
        assert all(e.tag == f"{T}{kind.entry}" for e in listing)
        assert all(name.tag == f"{T}{kind.name_tag}" for e in listing
                   for name in e if name.tag.endswith("Name"))
        assert [e.get(XML_ID) for e in _entries(root, kind.register)] == [
            e.id for e in expected]
