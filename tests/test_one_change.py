"""A build after one source changed gives, byte for byte, what a build from scratch of
the same sources gives: every TEI file and every file of the site (the caches aside),
whether the change names nothing new, names a new person, changes the title, or changes
or adds a date the timeline lists."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from edition.cli import main

SOURCES = ("000_6a638e023e7f4305.txt", "003_6c36276a20248a80.txt",
           "004_6ce8609d71d8dad1.txt")
EDITED = SOURCES[0]
MARK = b"Translation - English\n\n"
EDITS = {
    "sentence": (MARK, MARK + b"A sentence added. "),
    "new name": (MARK, MARK + b"Comrade Wenceslas Brzezinkowski arrived. "),
    "title": (b"Propaganda Instructions", b"Propaganda Directives"),
    # the timeline's list of dated events: a passage with a date changed (its item is
    # made again, the rest of the page kept), and a date added (the count changes)
    "dated passage": (b"10 December 1953", b"Beijing, 10 December 1953"),
    "new date": (MARK, MARK + b"On 5 May 1954 a sentence was added. "),
}


def _edition(folder: Path) -> Path:
    (folder / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "edition.yml", folder / "edition.yml")
    shutil.copytree(ROOT / "registers", folder / "registers")
    for name in SOURCES:
        shutil.copy(SEEDS / name, folder / "seeds")
    shutil.copy(SEEDS / "manifest.yml", folder / "seeds")
    return folder


def _build(folder: Path, jobs: int = 1) -> str:
    result = CliRunner(env={"EDITION_ROOT": str(folder)}).invoke(
        main, ["build", "--jobs", str(jobs), "--seeds", str(folder / "seeds"),
               "--tei", str(folder / "tei"), "--out", str(folder / "site")])
    assert result.exit_code == 0, result.output
    return result.output


def _tree(folder: Path) -> dict[str, str]:
    """What an edition's build leaves for readers and editors: tei/, site/ and the
    proposals, without the caches and the record of generated files."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for part in ("tei", "site", "registers/proposed")
            for p in sorted((folder / part).rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts
            and p.name != ".generated.json"}


def _edit(folder: Path, old: bytes, new: bytes) -> None:
    path = folder / "seeds" / EDITED
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _edition(tmp_path_factory.mktemp("base"))
    _build(folder)
    return folder


@pytest.mark.parametrize("edit", list(EDITS))
def test_one_changed_source_builds_what_a_build_from_scratch_gives(
        built_once: Path, tmp_path: Path, edit: str) -> None:
    again = tmp_path / "again"
    shutil.copytree(built_once, again)
    before = _tree(again)
    _edit(again, *EDITS[edit])
    output = _build(again)
    assert "converted 1 source," in output, output
    if edit != "title":  # a title is shown on its neighbours' pages: they are made again
        assert "rendered 1 document," in output, output

    scratch = _edition(tmp_path / "scratch")
    _edit(scratch, *EDITS[edit])
    _build(scratch)

    after, expected = _tree(again), _tree(scratch)
    assert sorted(after) == sorted(expected)
    different = [name for name in expected if after[name] != expected[name]]
    assert not different, different
    changed = {name for name in after if before.get(name) != after[name]}
    assert any(name.startswith("site/reading/") for name in changed), changed
    if edit in ("dated passage", "new date"):
        assert "site/timeline.html" in changed, changed


@pytest.mark.parametrize("edit", ["sentence", "title"])
def test_one_changed_source_built_by_workers_gives_what_a_build_from_scratch_gives(
        built_once: Path, tmp_path: Path, edit: str) -> None:
    """With workers (``--jobs 2``), the one that renders sets up while the conversion
    runs, from the corpus as it was (edition.stages.render.context_before): a sentence
    leaves the corpus as it was and that set-up is used; a title changes the corpus and
    the render sets up again. Either way the bytes of a build from scratch."""
    again = tmp_path / "again"
    shutil.copytree(built_once, again)
    _edit(again, *EDITS[edit])
    output = _build(again, jobs=2)
    assert "converted 1 source," in output, output

    scratch = _edition(tmp_path / "scratch")
    _edit(scratch, *EDITS[edit])
    _build(scratch)
    after, expected = _tree(again), _tree(scratch)
    assert after == expected, [n for n in expected if after.get(n) != expected[n]]


def test_a_name_a_changed_source_no_longer_has_leaves_the_proposals(tmp_path: Path) -> None:
    """A proposed person named in two sources, by a bare surname too in one of them: when
    that source drops the person, the proposal keeps the other source, and its forms are
    those of a build from scratch (not the bare surname the dropped mention gave)."""
    person = b"Comrade Wenceslas Brzezinkowski arrived. "
    both = (MARK, MARK + person + b"Brzezinkowski spoke at length. ")
    edition = _edition(tmp_path / "again")
    _edit(edition, *both)
    other = edition / "seeds" / SOURCES[1]
    other.write_bytes(other.read_bytes().replace(MARK, MARK + person, 1))
    _build(edition)
    proposed = (edition / "registers" / "proposed" / "persons.yml").read_text()
    assert "- Brzezinkowski\n" in proposed, proposed  # the bare surname, a form of it

    _edit(edition, MARK + both[1][len(MARK):], MARK)  # the first source drops him
    output = _build(edition)
    assert "converted 1 source," in output, output

    scratch = _edition(tmp_path / "scratch")
    (scratch / "seeds" / SOURCES[1]).write_bytes(other.read_bytes())
    _build(scratch)
    after, expected = _tree(edition), _tree(scratch)
    assert after == expected, [n for n in expected if after.get(n) != expected[n]]
    assert "- Brzezinkowski\n" not in (edition / "registers" / "proposed"
                                        / "persons.yml").read_text()


def test_proposals_are_joined_again_only_when_a_source_s_findings_changed(
        built_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that changes no name leaves each source's findings as they were: the
    proposals are not joined or written again. One that names someone new is joined
    again; so is any edit once a proposals file was changed by hand (it is written again
    as a build from scratch writes it)."""
    from edition import proposals

    calls: list[str] = []
    real = proposals.update
    monkeypatch.setattr(proposals, "update", lambda *a, **k: calls.append("update")
                        or real(*a, **k))
    edition = tmp_path / "again"
    shutil.copytree(built_once, edition)
    persons = edition / "registers" / "proposed" / "persons.yml"
    written = persons.read_bytes()

    _edit(edition, *EDITS["sentence"])
    _build(edition)
    assert calls == [] and persons.read_bytes() == written

    persons.write_bytes(written + b"# an editor's note\n")
    _edit(edition, b"A sentence added. ", b"Another sentence added. ")
    _build(edition)
    assert calls == ["update"] and persons.read_bytes() == written

    calls.clear()
    _edit(edition, b"Another sentence added. ", EDITS["new name"][1][len(MARK):])
    _build(edition)
    assert calls == ["update"] and b"Brzezinkowski" in persons.read_bytes()
