"""The registers' projection (edition/validation/validator.py: what the other files'
rules read of a registers file) is read as the file streams: the same bytes as reading
the file whole gives, on odd layouts as on the edition's own file; None where the
validator cannot load the file; and a large file never stands whole in memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lxml import etree

from edition.namespaces import TEI_NS, XML_ID
from edition.register_kinds import ENTRY_TAGS
from edition.validation.source import SourceFile, load
from edition.validation.validator import registers_projection

ROOT = Path(__file__).resolve().parents[1]


def whole_read(path: Path) -> bytes | None:
    """The projection as reading the whole tree gives it (the oracle)."""
    loaded = load(path, str(path))
    if not isinstance(loaded, SourceFile):
        return None
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    for entry in loaded.tree.getroot().iter(*ENTRY_TAGS):
        ident = entry.get(XML_ID)
        if ident is None:
            continue
        cert = entry.get("cert")
        kept = etree.SubElement(root, entry.tag, {XML_ID: ident, **({"cert": cert} if cert else {})})
        preferred = next((child for child in entry if isinstance(child.tag, str)
                          and child.get("type") == "preferred"), None)
        if preferred is not None:
            name = etree.SubElement(kept, preferred.tag, type="preferred")
            name.text = "".join(str(t) for t in preferred.itertext())
    return bytes(etree.tostring(root, encoding="UTF-8"))


def registers(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            '<title>R</title></titleStmt></fileDesc></teiHeader><text><body>'
            + textwrap.dedent(body) + '</body></text></TEI>\n')


LAYOUTS = {
    "plain": """
        <listPerson><person xml:id="a"><persName type="preferred">Ann Lee</persName>
        <persName type="variant">Lee</persName>
        <note type="mentions"><ref target="d.xml">a passage</ref></note></person></listPerson>""",
    "a preferred name with markup and a comment": """
        <listPerson><person xml:id="b"><persName type="preferred"><forename>Bo</forename>
        <!-- checked --> <surname>Wen<hi>g</hi></surname></persName></person></listPerson>""",
    "the preferred name not first, and two of them": """
        <listPerson><person xml:id="c"><persName type="variant">C.</persName>
        <note>first</note><persName type="preferred">Cao</persName>
        <persName type="preferred">Second</persName></person></listPerson>""",
    "no preferred name, no id": """
        <listPerson><person xml:id="d"><persName>Dai</persName></person>
        <person><persName type="preferred">No id</persName>
        <person xml:id="e"><persName type="preferred">Inside one without id</persName>
        </person></person></listPerson>""",
    "places within places, the inner one first in the file's end order": """
        <listPlace><place xml:id="f"><place xml:id="g"><placeName type="preferred">G
        </placeName></place><placeName type="preferred">F</placeName>
        <location><geo>1 2</geo></location></place></listPlace>""",
    "an entry given as its parent's preferred child": """
        <listOrg><org xml:id="h"><org xml:id="i" type="preferred"><orgName
        type="preferred">I</orgName><note>inner</note></org><orgName type="preferred">H
        </orgName></org></listOrg>""",
    "entries of every kind, in divisions, with text between": """
        <div type="persons"><head>P</head><listPerson><person xml:id="j"><persName
        type="preferred">J</persName></person></listPerson></div>
        <div type="places"><p>text <placeName>not an entry</placeName></p><listPlace>
        <place xml:id="k"><placeName type="preferred">K</placeName></place></listPlace></div>
        <div type="organisations"><listOrg><org xml:id="l"><orgName type="preferred">L
        </orgName></org></listOrg></div>""",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_projection_read_as_it_streams_is_the_whole_reading(tmp_path: Path,
                                                                  layout: str) -> None:
    path = tmp_path / "registers.xml"
    path.write_text(registers(LAYOUTS[layout]), encoding="utf-8")
    streamed = registers_projection(path)
    assert streamed is not None
    assert streamed == whole_read(path)
    assert b"preferred" in streamed


def test_the_editions_own_registers_give_the_same_projection() -> None:
    path = ROOT / "tei" / "registers.xml"
    streamed = registers_projection(path)
    assert streamed is not None and streamed.count(b"xml:id=") > 50
    assert streamed == whole_read(path)


@pytest.mark.parametrize("text", [
    "",
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><listPerson>",
    "<!DOCTYPE TEI [<!ENTITY x 'y'>]><TEI xmlns='http://www.tei-c.org/ns/1.0'/>",
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'/><TEI/>",
    "\x00\x01binary",
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><person xml:id='a'>&undefined;</person></TEI>",
])
def test_a_file_the_validator_cannot_load_has_no_projection(tmp_path: Path, text: str) -> None:
    path = tmp_path / "registers.xml"
    path.write_bytes(text.encode("utf-8"))
    assert whole_read(path) is None
    assert registers_projection(path) is None


def test_a_missing_file_has_no_projection(tmp_path: Path) -> None:
    assert registers_projection(tmp_path / "registers.xml") is None


PEAK = """
import resource, sys
from pathlib import Path
from edition.validation.validator import registers_projection
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
projection = registers_projection(Path(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(after - before, len(projection))
"""


def test_a_large_registers_file_never_stands_whole_in_memory(tmp_path: Path) -> None:
    """4,000 entries each named in 40 passages (some 24 MB): read whole, the tree is
    several times the file; streamed, the peak grows by about the file's bytes."""
    passage = "<ref target='doc-{d}.xml' n='1'>A passage that names the entry, {d}</ref>"
    people = "".join(
        f"<person xml:id='p{i}'><persName type='preferred'>Person {i}</persName>"
        f"<note type='mentions'>{''.join(passage.format(d=d) for d in range(40))}</note>"
        "</person>" for i in range(4000))
    path = tmp_path / "registers.xml"
    path.write_text(registers(f"<listPerson>{people}</listPerson>"), encoding="utf-8")
    size_kb = path.stat().st_size // 1024
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    grown_kb, length = int(out[0]), int(out[1])
    assert length > 4000 * 40
    # the bytes read (once, for the safety checks) and the parser's pieces: well under
    # twice the file; the whole tree was some nine times it
    assert grown_kb < 2 * size_kb, (grown_kb, size_kb)
