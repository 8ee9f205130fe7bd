"""edition/proposals.py: registers/proposed/ written entry by entry, each entry's YAML kept
between runs (by the hash of the entry) so that a conversion of one document does not
serialise the proposals of every other document again; the files are those one list of
all entries gives, and a kept YAML is used only while the code that wrote it is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from edition import proposals, yamlio
from edition.names import Open, Proposal
from edition.registers import PROPOSED_DIR


def _found(extra: str = "") -> Open:
    """Proposals of every kind with what YAML must quote or fold: quotes, colons, a
    hash, non-Latin letters, a long evidence line, a gazetteer key, lines out of order."""
    found = Open()
    long = "the title 'Comrade' before it; " * 8  # folded at the width of 100
    found.proposals["kim-il-song"] = Proposal(
        "person", "kim-il-song", ["Kim Il-sŏng", "Ким", "O'Neil: \"Jr\" # not a comment"],
        {"doc-2": [10], "doc-1": [3, 1]}, [long, "yes", "1956-04-20"])
    found.proposals["pyongan"] = Proposal("place", "pyongan", ["Pyongan"], {"doc-1": [4]},
                                          ["a province's name"], "province",
                                          {"country": "KP"})
    found.proposals["ministry-of-fisheries"] = Proposal(
        "org", "ministry-of-fisheries", ["Ministry of Fisheries"], {"doc-3": [7]},
        ["an organisation's head word"])
    if extra:
        found.proposals[extra] = Proposal("person", extra, [extra.title()], {"doc-9": [2]},
                                          ["a name's shape"])
    found.merges[("dprk", "North Korea")] = {"doc-1": [1], "doc-0": [5]}
    return found


def _one_list(found: Open) -> dict[str, bytes]:
    """The files as one YAML list of all entries gives them (the format before entries
    were written one by one)."""
    files = proposals.serialise(found)
    out: dict[str, bytes] = {}
    for name, data in files.items():
        text = data.decode("utf-8")
        header = "".join(line for line in text.splitlines(keepends=True)
                         if line.startswith("#"))
        items = yaml.safe_load(text[len(header):])
        body = (yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
                if items else "[]\n")
        out[name] = (header + body).encode("utf-8")
    return out


def test_entry_by_entry_is_what_one_list_of_them_gives() -> None:
    found = _found()
    assert proposals.serialise(found) == _one_list(found)
    assert proposals.serialise(Open())["persons.yml"].endswith(b"[]\n")


def test_kept_yaml_is_used_and_only_this_run_s_entries_are_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    memo: dict[str, str] = {}
    first = proposals.serialise(_found(), memo)
    assert len(memo) == 4  # three proposals and one new form

    dumped: list[Any] = []
    real = yamlio.dump

    def counting(data: Any, **kwargs: Any) -> str:
        dumped.append(data)
        return real(data, **kwargs)

    monkeypatch.setattr(yamlio, "dump", counting)
    again = proposals.serialise(_found("li-wei"), memo)
    assert [item[0]["id"] for item in dumped] == ["li-wei"]  # the new entry only
    assert {k: v for k, v in again.items() if k != "persons.yml"} == {
        k: v for k, v in first.items() if k != "persons.yml"}
    assert again == proposals.serialise(_found("li-wei"))  # the same bytes as afresh
    dumped.clear()
    proposals.serialise(_found(), memo)
    assert dumped == [] and len(memo) == 4  # li-wei's YAML is let go


def _state_after_update(registers: Path, found: Open) -> dict[str, Any]:
    state: dict[str, Any] = {}
    proposals.update(registers, found, {"doc-1", "doc-2", "doc-3", "doc-0"}, {"dprk"},
                     frozenset(), state)
    return state


def test_same_proposals_in_another_order_write_and_serialise_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One document converted again: its proposals come after the others' (the order of
    the documents differs), but they are the same: no file is serialised or written."""
    state = _state_after_update(tmp_path, _found())
    folder = tmp_path / PROPOSED_DIR
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
    again = Open()
    again.proposals["kim-il-song"] = Proposal(
        "person", "kim-il-song", ["Kim Il-sŏng"], {"doc-2": [10]}, ["yes"])

    def no_dump(*_: Any, **__: Any) -> str:
        raise AssertionError("serialised again")

    monkeypatch.setattr(yaml, "safe_dump", no_dump)
    proposals.update(tmp_path, again, {"doc-2"}, {"dprk"}, frozenset(), state)
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()} == before


def test_kept_yaml_of_other_code_is_not_used(tmp_path: Path) -> None:
    """The YAML kept under an entry's hash is used only while the code (and PyYAML) that
    wrote it is the same."""
    state = _state_after_update(tmp_path, _found())
    for key in state["yaml"]:
        state["yaml"][key] = "- id: forged\n"
    state["code"] = "other code"
    proposals.update(tmp_path, _found("li-wei"), {"doc-9"}, {"dprk"}, frozenset(), state)
    written = {p.name: p.read_bytes() for p in (tmp_path / PROPOSED_DIR).iterdir()}
    assert written == proposals.serialise(_found("li-wei"))
    assert "forged" not in "".join(state["yaml"].values())
    assert state["code"] == proposals._STATE_CODE


def test_a_state_file_of_an_older_version_is_rebuilt(tmp_path: Path) -> None:
    """A state with no kept YAML, or a broken one, is no error: the files are made."""
    state = _state_after_update(tmp_path, _found())
    for broken in (None, "not a mapping", {"key": 3}):
        state["yaml"] = broken
        proposals.update(tmp_path, _found(f"x-{len(str(broken))}"), {"doc-9"}, {"dprk"},
                         frozenset(), state)
        assert isinstance(state["yaml"], dict) and state["yaml"]
