"""A change of the registers converts again only the sources it can touch, and what it
gives is what converting every source from scratch with the new registers gives: the
TEI files, corpus.xml, registers.xml and the proposals, byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from edition.build import convert
from edition.name_reach import Words, changes, record, snapshot, touches
from edition.names import Consulted, tables
from edition.registers import Entry, Registers

COLLECTION = "001_ecd8dfa2c3ac5ef4.txt"  # the printed collection: 35 documents


def _outputs(tei: Path, registers: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in tei.glob("*.xml")}
    files.update({f"proposed/{p.name}": p.read_bytes()
                  for p in (registers / "proposed").glob("*.yml")})
    return files


def _append(registers: Path, name: str, text: str) -> None:
    path = registers / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(registers: Path, name: str, old: str, new: str) -> None:
    path = registers / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (what the editor does to the registers, the sources it may convert again at most)
EDITS: list[tuple[str, Callable[[Path], None], set[str] | None]] = [
    ("a person no source names", lambda r: _append(
        r, "persons.yml", "- id: xq-testperson\n  name: Xq Testperson\n"
        "  forms: [Xq Testperson]\n"), set()),
    ("a note added to an entry", lambda r: _replace(
        r, "persons.yml", "  name: Kim Il Sung\n",
        "  name: Kim Il Sung\n  note: Leader of the DPRK.\n"), set()),
    ("a proposal accepted (moved to the register)", lambda r: _append(
        r, "persons.yml", "- id: denisova-a-p\n  name: Denisova A.P.\n"
        "  forms: [Denisova A.P.]\n"), {COLLECTION}),
    # its one form has no word of the text ("DenisovaA"): what ties it to the collection
    # is that it differs from a proposal's form only in spaces
    ("a form that differs from a proposal's only in spaces", lambda r: _append(
        r, "persons.yml", "- id: a-p-denisova\n  name: A. P. Denisova\n"
        "  forms: [DenisovaA.P.]\n"), {COLLECTION}),
    ("a new form of a known person", lambda r: _replace(
        r, "persons.yml", "  forms: [Mao Zedong,", "  forms: [Mao Zedong, Mao,"),
     None),
    ("an id renamed", lambda r: _replace(
        r, "persons.yml", "- id: zhou-enlai\n", "- id: zhou-en-lai\n"), None),
    ("an entry whose id is a proposal's key, with a form no source has", lambda r: _append(
        r, "persons.yml", "- id: gary-goldberg\n  name: G. Goldberg\n"
        "  forms: [Goldberg Gary Q.]\n"), None),
    ("an entry removed", lambda r: _replace(
        r, "persons.yml", "- id: zhu-de\n  name: Zhu De\n  forms: [Zhu De, ZhuDe, Chu Teh]\n", ""),
     None),
    ("a place and an organisation added", lambda r: (
        _append(r, "places.yml", "- id: xq-town\n  name: Xqtown\n  type: city\n  forms: [Xqtown]\n"),
        _append(r, "organisations.yml", "- id: xq-org\n  name: Xq Committee\n"
                "  forms: [Xq Committee, Politburo]\n")), None),
]


@pytest.mark.parametrize("what,edit,at_most", EDITS, ids=[e[0] for e in EDITS])
def test_a_change_of_the_registers_gives_what_a_conversion_from_scratch_gives(
        tmp_path: Path, what: str, edit: Callable[[Path], None],
        at_most: set[str] | None) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    registers, tei = tmp_path / "registers", tmp_path / "tei"
    shutil.copytree(ROOT / "registers", registers)
    convert(seeds, tei, registers=registers, say=lambda _: None)
    edit(registers)
    scratch_registers = tmp_path / "scratch-registers"
    shutil.copytree(registers, scratch_registers)
    report = convert(seeds, tei, registers=registers, say=lambda _: None)
    assert not report.problems
    every = sorted(p.name for p in seeds.glob("*.txt"))
    assert set(report.converted) < set(every), f"{what}: every source converted again"
    if at_most is not None:
        assert set(report.converted) <= at_most, what
    scratch = tmp_path / "scratch"
    fresh = convert(seeds, scratch, registers=scratch_registers, say=lambda _: None)
    assert sorted(fresh.converted) == every
    assert _outputs(tei, registers) == _outputs(scratch, scratch_registers), what
    # and the next run has nothing to do
    assert convert(seeds, tei, registers=registers, say=lambda _: None).converted == []


def test_a_register_change_is_told_again_after_a_run_that_converted_some_sources_only(
        tmp_path: Path) -> None:
    """A run of named sources (``edition convert SEED``) after a change of the registers
    leaves the other sources to be checked by the next full run."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    registers, tei = tmp_path / "registers", tmp_path / "tei"
    shutil.copytree(ROOT / "registers", registers)
    convert(seeds, tei, registers=registers, say=lambda _: None)
    _replace(registers, "persons.yml", "  forms: [Mao Zedong,", "  forms: [Mao Zedong, Mao,")
    named = convert(seeds, tei, registers=registers, only=["002_860bb7def60b56c2.txt"],
                    say=lambda _: None)
    assert named.converted == ["002_860bb7def60b56c2.txt"]  # it names "Mao"
    full = convert(seeds, tei, registers=registers, say=lambda _: None)
    scratch = tmp_path / "scratch"
    convert(seeds, scratch, registers=registers, say=lambda _: None)
    assert {p.name: p.read_bytes() for p in tei.glob("*.xml")} == {
        p.name: p.read_bytes() for p in scratch.glob("*.xml")}
    assert COLLECTION in full.converted  # it names "Mao" too
    assert "002_860bb7def60b56c2.txt" not in full.converted


def test_unreadable_registers_then_mended_convert_every_source_touched(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    registers, tei = tmp_path / "registers", tmp_path / "tei"
    shutil.copytree(ROOT / "registers", registers)
    convert(seeds, tei, registers=registers, say=lambda _: None)
    good = (registers / "persons.yml").read_text(encoding="utf-8")
    (registers / "persons.yml").write_text(good + "- id: [broken\n", encoding="utf-8")
    broken = convert(seeds, tei, registers=registers, say=lambda _: None)
    assert broken.problems
    (registers / "persons.yml").write_text(good, encoding="utf-8")
    convert(seeds, tei, registers=registers, say=lambda _: None)
    scratch = tmp_path / "scratch"
    convert(seeds, scratch, registers=registers, say=lambda _: None)
    assert {p.name: p.read_bytes() for p in tei.glob("*.xml")} == {
        p.name: p.read_bytes() for p in scratch.glob("*.xml")}


def _entry(entry_id: str, *forms: str) -> Entry:
    return Entry("person", entry_id, forms[0], list(forms))


def test_what_a_change_touches() -> None:
    before = snapshot(tables(Registers([_entry("kim-il-sung", "Kim Il Sung")])))
    after = snapshot(tables(Registers([_entry("kim-il-sung", "Kim Il Sung", "Kim"),
                                       _entry("pak-hon-yong", "Pak Hon Yong")])))
    change = changes(before, after)
    assert change is not None
    assert change.forms == {"Kim", "Pak Hon Yong"} and change.ids == {"pak-hon-yong"}

    def consulted(words: set[str], ids: tuple[str, ...] = (),
                  loose: tuple[str, ...] = ()) -> list[object]:
        return record(Consulted(set(words), set(ids), set(loose)))

    assert touches(consulted({"Kim", "said"}), change)  # "Kim" is there
    assert touches(consulted({"Pak", "Hon", "Yong"}), change)  # every word of the form
    assert not touches(consulted({"Pak", "Yong", "said"}), change)  # "Hon" is not
    assert touches(consulted(set(), ids=("pak-hon-yong",)), change)  # a proposal's key
    assert touches(consulted(set(), loose=("Kim",)), change)
    assert touches("not a record", change)
    assert changes({"general": 1}, after) is None


def test_the_words_filter_never_misses_a_word() -> None:
    words = {f"word{n}" for n in range(3000)}
    kept = Words.from_text(Words.of(words).text())
    assert all(kept.has(w) for w in words)
    others = [f"other{n}" for n in range(3000)]
    wrong = sum(kept.has(w) for w in others)
    assert wrong < 0.03 * len(others)  # about one in a hundred


def test_what_each_source_consulted_is_the_same_whether_its_documents_were_split(
        tmp_path: Path) -> None:
    """With two processes the collection's documents are converted one by one and
    joined (edition.stages.convert._join): what they consulted, joined, is what
    converting the collection whole in one process records."""
    import json

    from edition.stages.register_changes import STATE

    found = []
    for jobs in (1, 2):
        seeds, tei = tmp_path / f"seeds{jobs}", tmp_path / f"tei{jobs}"
        registers = tmp_path / f"registers{jobs}"
        shutil.copytree(SEEDS, seeds)
        shutil.copytree(ROOT / "registers", registers)
        convert(seeds, tei, registers=registers, jobs=jobs, say=lambda _: None)
        state = json.loads((tei / ".cache" / STATE).read_text(encoding="utf-8"))
        found.append({seed: kept[2] for seed, kept in state["sources"].items()})
    assert sorted(found[0]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert found[0] == found[1]
