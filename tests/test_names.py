"""Registers and the names linked to them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared

from edition.errors import EditionError
from edition.model import Document, Metadata, el
from edition.names import NameAnnotator
from edition.registers import Entry, Registers, load_registers


def _doc(*children: str | object, doc_id: str = "d1") -> Document:
    p = el("p", *children)  # type: ignore[arg-type]
    return Document(Metadata(doc_id, "t", "s.txt", "record"), body=[el("div", p, type="document")])


def _registers(*entries: Entry) -> Registers:
    return Registers(list(entries))


DPRK = Entry("place", "dprk", "Democratic People's Republic of Korea",
             ["[North] Korea", "DPRK", "DRPK"], only_in={"d2": ["Korea"]})
KOREA = Entry("place", "korea", "Korea", ["Korea"])
KWP = Entry("org", "kwp", "Korean Workers' Party", ["Korean Workers' Party", "KWP"])


def _names(doc: Document) -> list[tuple[str, str, str]]:
    return [(n.tag, n.attrs["ref"], n.text()) for n in doc.nodes()
            if n.tag in ("persName", "placeName", "orgName")]


def test_a_name_may_hold_supplied_words_and_corrections() -> None:
    doc = _doc("China and ", el("supplied", "North", reason="translator"), " Korea; the ",
               el("choice", el("sic", "DRPK"), el("corr", "DPRK")), ".")
    NameAnnotator(_registers(DPRK, KOREA)).annotate(doc)
    assert _names(doc) == [("placeName", "registers.xml#dprk", "North Korea"),
                           ("placeName", "registers.xml#dprk", "DRPKDPRK")]


def test_longest_form_wins_and_forms_in_a_document_override() -> None:
    annotator = NameAnnotator(_registers(DPRK, KOREA, KWP))
    doc = _doc("the Korean Workers' Party and the KWP in Korea")
    annotator.annotate(doc)
    assert [(r, t) for _, r, t in _names(doc)] == [
        ("registers.xml#kwp", "Korean Workers' Party"), ("registers.xml#kwp", "KWP"),
        ("registers.xml#korea", "Korea")]
    local = _doc("aid to Korea", doc_id="d2")
    annotator.annotate(local)
    assert _names(local) == [("placeName", "registers.xml#dprk", "Korea")]


def test_a_name_never_cuts_an_element_or_runs_through_a_note() -> None:
    doc = _doc("Kor", el("note", "x", place="foot", n="*"), "ea and ",
               el("date", "Korea 1954", when="1954"))
    NameAnnotator(_registers(KOREA)).annotate(doc)
    assert _names(doc) == []


def test_headings_and_source_lines_are_not_annotated() -> None:
    head = el("head", "Letter to Korea", type="document")
    source = el("note", el("bibl", "Korea archive", type="archive"), type="source", place="top")
    doc = Document(Metadata("d1", "t", "s.txt", "collection"),
                   body=[el("div", head, source, el("p", "In Korea."), type="document")])
    NameAnnotator(_registers(KOREA)).annotate(doc)
    assert [t for _, _, t in _names(doc)] == ["Korea"]


def test_register_files_load_and_reject_bad_entries(tmp_path: Path) -> None:
    registers = load_registers()
    ids = [e.id for e in registers.entries]
    assert len(ids) == len(set(ids)) > 200
    pyongyang = registers.by_id()["pyongyang"]
    assert pyongyang.gazetteer is not None and pyongyang.gazetteer.lat is not None
    assert registers.by_id()["soviet-union"].gazetteer is None  # no present-day equivalent
    (tmp_path / "places.yml").write_text("- {id: x, name: X, type: planet}\n", encoding="utf-8")
    with pytest.raises(EditionError, match="type must be one of"):
        load_registers(tmp_path)
    (tmp_path / "places.yml").write_text("- {id: x, name: X, type: city}\n", encoding="utf-8")
    (tmp_path / "persons.yml").write_text("- {id: x, name: Y}\n", encoding="utf-8")
    with pytest.raises(EditionError, match="used twice"):
        load_registers(tmp_path)


def test_gold_annotation_of_003_still_scores(converted: Path) -> None:
    """Regression guard against the hand annotation of 003 (the registers were written
    with its keys in view, so this is not an independent measure of the annotator)."""
    scorer = shared("tools", "score_entities.py")
    done = subprocess.run([sys.executable, str(scorer), "--tei", str(converted),
                           str(shared("gold", "003.yml")), "--min-f1", "0.95"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("text", "name"), [
    ("He thanked Comrade N. S. Khrushchev for the help.", "N. S. Khrushchev"),
    ("He thanked Comrade N.S. Khrushchev for the help.", "N.S. Khrushchev"),
    ("Khrushchev N.S. spoke first.", "Khrushchev N.S."),
    ("The U.S. Khrushchev visit.", "Khrushchev"),  # no initials of his
    ("He met D.T. Shepilov.", "D.T. Shepilov"),     # the register's own form
])
def test_a_register_s_person_takes_the_initials_printed_beside_the_name(
        text: str, name: str) -> None:
    khrushchev = Entry("person", "nikita-khrushchev", "Nikita Khrushchev", ["Khrushchev"])
    shepilov = Entry("person", "dmitri-shepilov", "Dmitri Shepilov", ["D.T. Shepilov"])
    doc = _doc(text)
    NameAnnotator(_registers(khrushchev, shepilov)).annotate(doc)
    assert [t for _, _, t in _names(doc)] == [name]


def test_a_family_name_alone_that_one_registered_person_bears_is_that_person() -> None:
    from edition.detect import Detector

    mao = Entry("person", "mao-zedong", "Mao Zedong", ["Mao Zedong"])
    zhou = Entry("person", "zhou-enlai", "Zhou Enlai", ["Zhou Enlai"])
    zhou_mingwei = Entry("person", "zhou-mingwei", "Zhou Mingwei", ["Zhou Mingwei"])
    khrushchev = Entry("person", "nikita-khrushchev", "Nikita Khrushchev", ["N.S. Khrushchev"])
    doc = _doc("Chairman Mao and Premier Zhou met Comrade Khrushchev.")
    annotator = NameAnnotator(_registers(mao, zhou, zhou_mingwei, khrushchev), Detector())
    annotator.annotate(doc)
    refs = {n.text(): (n.attrs["ref"], n.attrs.get("cert")) for n in doc.nodes()
            if n.tag == "persName"}
    assert refs == {
        "Mao": ("registers.xml#mao-zedong", "medium"),            # the one Mao
        "Zhou": ("registers.xml#zhou", "low"),                    # two bear it: neither
        "Khrushchev": ("registers.xml#nikita-khrushchev", "medium"),
    }


def test_a_person_the_title_names_in_full_is_known_to_the_text() -> None:
    from edition.detect import Detector

    zhou = Entry("person", "zhou-enlai", "Zhou Enlai", ["Zhou Enlai"])
    zhou_mingwei = Entry("person", "zhou-mingwei", "Zhou Mingwei", ["Zhou Mingwei"])
    doc = _doc("Premier Zhou: Welcome, Ambassador.")
    doc.meta.title = "Record of Conversation between Premier Zhou Enlai and Ambassador Ri"
    NameAnnotator(_registers(zhou, zhou_mingwei), Detector()).annotate(doc)
    assert [(n.text(), n.attrs["ref"]) for n in doc.nodes() if n.tag == "persName"] == [
        ("Zhou", "registers.xml#zhou-enlai")]
