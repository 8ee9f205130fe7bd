"""A name the annotator proposes as one kind in one document and as another elsewhere
("Comrade Kalinin" a person; "Kalinin said", after the gazetteer's old name of Tver, a
place): one proposal, of the kind most of its documents give it whatever order the
documents were converted in, with the other kind's documents listed for the editor; and
a mention of the other kind is a warning that sends the editor to the proposal, not an
error that fails the build (an entry an editor made still is)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from edition.names import Open, Proposal
from edition.proposals import combine, proposed_entries, serialise
from edition.stages.convert import _merge_open
from edition.validate import Validator, format_report


def _found(doc: str, kind: str, line: int = 3) -> Open:
    found = Open()
    place = kind == "place"
    found.proposals["kalinin"] = Proposal(
        kind, "kalinin", ["Kalinin"], {doc: [line]},
        ["gazetteer: city" if place else "title before the name: 'Comrade'"],
        "city" if place else None, {"city": "Kalinin", "country": "RU"} if place else {})
    return found


def test_two_kinds_join_to_one_proposal_whatever_the_order() -> None:
    person, place = _found("scr-045", "person"), _found("scr-046", "place", 14)
    one = combine(person, place, {"scr-046"}, set(), frozenset())
    two = combine(place, person, {"scr-045"}, set(), frozenset())
    three = Open()
    _merge_open(three, place)
    _merge_open(three, person)
    for found in (one, two, three):
        proposal = found.proposals["kalinin"]
        assert proposal.kind == "person"  # one document each: a person before a place
        assert proposal.documents == {"scr-045": [3]}
        assert proposal.also == {"place": {"scr-046": [14]}}
        assert sorted(proposal.evidence) == ["gazetteer: city",
                                             "title before the name: 'Comrade'"]


def test_the_kind_of_most_documents_is_the_proposal_s() -> None:
    found = Open()
    for doc, kind in (("a", "place"), ("b", "person"), ("c", "place")):
        _merge_open(found, _found(doc, kind))
    proposal = found.proposals["kalinin"]
    assert proposal.kind == "place" and proposal.documents == {"a": [3], "c": [3]}
    assert proposal.also == {"person": {"b": [3]}}
    assert proposal.place_type == "city" and proposal.gazetteer["country"] == "RU"
    # a document converted again without the name takes its kind away
    again = combine(found, Open(), {"a"}, set(), frozenset())
    assert again.proposals["kalinin"].kind == "person"  # b against c: a person first
    assert again.proposals["kalinin"].also == {"place": {"c": [3]}}


def test_the_editor_sees_the_other_kind_in_the_proposals_and_the_registers() -> None:
    found = combine(_found("scr-045", "person"), _found("scr-046", "place", 14), set(),
                    set(), frozenset())
    [entry] = yaml.safe_load(serialise(found)["persons.yml"])
    assert entry["also_found_as"] == {"places": {"scr-046": [14]}}
    assert not yaml.safe_load(serialise(found)["places.yml"])
    [registered] = proposed_entries(found)
    assert registered.kind == "person"
    assert "Also marked as a place in scr-046." in (registered.note or "")


REGISTERS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">
  <teiHeader><fileDesc><titleStmt><title>Registers</title></titleStmt>
    <publicationStmt><publisher>Cold War Documents Edition</publisher></publicationStmt>
    <sourceDesc><p>Made for a test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <listPerson>
      <person xml:id="kalinin" cert="low"><persName type="preferred">Kalinin</persName></person>
      <person xml:id="kim-il-sung"><persName type="preferred">Kim Il Sung</persName></person>
    </listPerson>
  </body></text>
</TEI>
"""

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc-a" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title type="main">A test document</title></titleStmt>
    <publicationStmt><publisher>Cold War Documents Edition</publisher></publicationStmt>
    <sourceDesc><p>Made for a test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div type="document">
    <p><placeName ref="registers.xml#kalinin" cert="low">Kalinin</placeName> said so.</p>
    <p><placeName ref="registers.xml#kim-il-sung" cert="low">Kim</placeName> said so.</p>
  </div></body></text>
</TEI>
"""


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def test_a_mention_of_another_kind_than_its_proposal_is_a_warning(
        validator: Validator, tmp_path: Path) -> None:
    (tmp_path / "registers.xml").write_text(REGISTERS, encoding="utf-8")
    document = tmp_path / "doc-a.xml"
    document.write_text(DOCUMENT, encoding="utf-8")
    report = validator.validate_paths([document])
    found = [(p.rule, p.line, p.severity) for p in report.problems]
    # the proposal: a warning; the entry an editor made (no cert): an error, as before
    assert found == [("register.kind.proposed", 7, "warning"),
                     ("register.kind", 8, "error")], format_report(report)
    proposed = report.problems[0].message
    assert 'The annotator marked "Kalinin" as <placeName> here' in proposed
    assert "registers/proposed/" in proposed


def test_the_edition_s_registers_projection_keeps_what_the_rule_reads(tmp_path: Path) -> None:
    from edition.validation.validator import registers_projection

    path = tmp_path / "registers.xml"
    path.write_text(REGISTERS, encoding="utf-8")
    projection = registers_projection(path) or b""
    assert b'<person xml:id="kalinin" cert="low">' in projection
    assert b'<person xml:id="kim-il-sung">' in projection


def test_a_build_with_a_name_of_two_kinds_succeeds_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from edition.cli import main

    edition = tmp_path / "ed"  # a new edition: its registers know no one
    assert CliRunner().invoke(main, ["new", str(edition)]).exit_code == 0
    monkeypatch.setenv("EDITION_ROOT", str(edition))
    shutil.copy(Path(__file__).parent / "files" / "proposals" / "two-kinds.txt",
                edition / "seeds")
    result = CliRunner().invoke(main, ["build", "--seeds", str(edition / "seeds"),
                                       "--tei", str(edition / "tei"),
                                       "--out", str(edition / "site"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "warning: The annotator marked \"Kalinin\" as <placeName> here" in result.output
    assert "[register.kind.proposed]" in result.output
    persons = yaml.safe_load((edition / "registers" / "proposed" / "persons.yml").read_text(
        encoding="utf-8"))
    [kalinin] = [p for p in persons if p["id"] == "kalinin"]
    assert kalinin["documents"] == {"scr-045": [10]}
    assert kalinin["also_found_as"] == {"places": {"scr-046": [17]}}
    # the editors' report says so too, per document and line
    report = CliRunner().invoke(main, ["report", "--seeds", str(edition / "seeds"),
                                       "--registers", str(edition / "registers")])
    assert report.exit_code == 0, report.output
    assert "proposed person kalinin marked here as a place: Kalinin" in report.output
