"""The validate stage's cache and the registers file: a document is checked again when
what its rules read from registers.xml changes (the id, kind or preferred name of an
entry it points at), and not when only the rest of it changes (notes, where each entry
is named, as whenever a converted document names an entry once more; entries it does not
point at, as whenever the annotator proposes a new one); and a new document checks again
the files that point at files by name, not every file."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import TEI

from edition.stages.validate import validate

DOCUMENTS = ("scr-089.xml", "scr-090.xml")  # small, and they name register entries
MENTION = '<ref target="scr-090.xml" n="1">'


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    tei = tmp_path / "tei"
    tei.mkdir()
    for name in (*DOCUMENTS, "registers.xml"):
        shutil.copy(TEI / name, tei)
    text = (tei / "registers.xml").read_text(encoding="utf-8")
    assert 'xml:id="mao-zedong"' in text and MENTION in text
    assert 'ref="registers.xml#mao-zedong"' in (tei / "scr-090.xml").read_text(encoding="utf-8")
    return tei


def _check(folder: Path) -> tuple[int, set[tuple[str, str]]]:
    report = validate([folder], cache=folder / ".cache" / "validate.json")
    return report.rechecked or 0, {(Path(p.path).name, p.rule) for p in report.problems
                                   if p.severity == "error"}


def _fresh(folder: Path) -> set[tuple[str, str]]:
    """What checking every file again finds (no cache)."""
    return {(Path(p.path).name, p.rule) for p in validate([folder]).problems
            if p.severity == "error"}


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "registers.xml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_where_entries_are_named_changes_no_document_result(folder: Path) -> None:
    checked, first = _check(folder)
    assert checked == 3
    _edit(folder, MENTION, '<ref target="scr-090.xml" n="2">')  # named once more
    _edit(folder, "First Deputy", "The First Deputy")  # a note's wording
    checked, again = _check(folder)
    assert checked == 1 and again == first  # the registers file alone


def test_an_entry_removed_checks_the_documents_again(folder: Path) -> None:
    _, first = _check(folder)
    assert ("scr-090.xml", "register.entry") not in first
    _edit(folder, 'xml:id="mao-zedong"', 'xml:id="mao-tse-tung"')
    checked, again = _check(folder)
    assert checked == 2  # the registers file, and scr-090 (scr-089 does not name Mao)
    assert ("scr-090.xml", "register.entry") in again


def test_an_entry_of_another_kind_checks_the_documents_again(folder: Path) -> None:
    _check(folder)
    path = folder / "registers.xml"
    text = path.read_text(encoding="utf-8")
    start = text.index('<person xml:id="mao-zedong">')
    end = text.index("</person>", start) + len("</person>")
    # the same entry as an organisation, in the list of persons
    entry = text[start:end].replace("<person ", "<org ").replace("</person>", "</org>")
    entry = entry.replace("persName", "orgName")
    path.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    checked, again = _check(folder)
    assert checked == 2
    assert ("scr-090.xml", "register.kind") in again


def test_a_preferred_name_changed_checks_the_documents_again(folder: Path) -> None:
    """The register.kind message quotes the entry's preferred name."""
    _check(folder)
    _edit(folder, '<persName type="preferred">Mao Zedong</persName>',
          '<persName type="preferred">Mao Tse-tung</persName>')
    checked, _ = _check(folder)
    assert checked == 2


def test_an_entry_added_checks_again_only_what_points_at_it(folder: Path) -> None:
    """An entry the annotator proposes checks no document that does not name it; one
    that named it before it existed is checked again, and its problem goes."""
    _check(folder)
    _edit(folder, '<person xml:id="mao-zedong">',
          '<person xml:id="ann-new" cert="low"><persName type="preferred">Ann New</persName>'
          '</person><person xml:id="mao-zedong">')
    checked, _ = _check(folder)
    assert checked == 1  # the registers file alone
    document = folder / "scr-089.xml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace('ref="registers.xml#beijing"',
                                     'ref="registers.xml#bob-new"', 1), encoding="utf-8")
    checked, found = _check(folder)
    assert checked == 1 and ("scr-089.xml", "register.entry") in found
    _edit(folder, '<person xml:id="mao-zedong">',
          '<place xml:id="bob-new"><placeName type="preferred">Bob</placeName></place>'
          '<person xml:id="mao-zedong">')
    checked, found = _check(folder)
    assert checked == 2  # the registers file, and scr-089 that names the new entry
    assert ("scr-089.xml", "register.entry") not in found
    assert found == _fresh(folder)


def test_a_new_document_checks_again_only_what_points_at_files(tmp_path: Path) -> None:
    """The registers file's lists of mentions point at the documents by name: it is
    checked again when the edition's files change; documents that point at none are
    not. A document that points at a missing file is, and its problem goes when the
    file comes."""
    folder = tmp_path / "tei"
    folder.mkdir()
    for name in ("scr-071.xml", "scr-073.xml", "registers.xml"):  # (no cross-references)
        shutil.copy(TEI / name, folder)
    checked, _ = _check(folder)
    assert checked == 3
    shutil.copy(TEI / "scr-076.xml", folder)
    checked, _ = _check(folder)
    assert checked == 2  # the new document and the registers file
    document = folder / "scr-071.xml"
    text = document.read_text(encoding="utf-8")
    assert not re.search(r'<(?:ref|ptr)\b[^>]*target="(?!#)', text) and "</p>" in text
    document.write_text(text.replace("</p>", ' <ref target="scr-077.xml">77</ref></p>', 1),
                        encoding="utf-8")
    checked, found = _check(folder)
    assert checked == 1 and ("scr-071.xml", "ref.file") in found
    shutil.copy(TEI / "scr-077.xml", folder)
    checked, found = _check(folder)
    assert checked == 3  # the new one, the registers file and scr-071 that points at it
    assert ("scr-071.xml", "ref.file") not in found
    assert found == _fresh(folder)


def test_a_registers_file_that_does_not_parse_checks_the_documents_again(
        folder: Path) -> None:
    _check(folder)
    _edit(folder, "</TEI>", "</TEI")
    checked, again = _check(folder)
    assert checked == 3
    assert ("scr-090.xml", "register.readable") in again


def test_a_document_checked_alone_gets_what_the_whole_registers_file_gives(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked again on its own, a document's rules read the registers' projection (its
    entries' ids, kinds and preferred names), not the whole file: the same problems, in
    the same words, as a check with the whole file."""
    from edition.validation.validator import Validator

    _check(folder)
    path = folder / "scr-090.xml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('<persName ref="registers.xml#nikita-khrushchev">',  # a place, as a person
                      '<persName ref="registers.xml#beijing">'),
                     ('ref="registers.xml#mao-zedong"', 'ref="registers.xml#no-such-entry"'),
                     ('<placeName ref="registers.xml#china">',  # a person, as a place
                      '<placeName ref="registers.xml#mao-zedong">')):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    from edition.validation import validator

    loaded: list[str] = []
    load = validator.load

    def spy(path: Path, display: str) -> object:
        loaded.append(Path(path).name)
        return load(path, display)

    monkeypatch.setattr(validator, "load", spy)
    report = validate([folder], cache=folder / ".cache" / "validate.json")
    monkeypatch.undo()
    assert report.rechecked == 1
    assert loaded == ["scr-090.xml"]  # the registers file unchanged: not even parsed
    alone = [p for p in report.problems if Path(p.path).name == "scr-090.xml"]
    whole = [p for p in Validator().validate_paths([folder]).problems
             if Path(p.path).name == "scr-090.xml"]
    assert {p.rule for p in alone} >= {"register.kind", "register.entry"}
    assert any("Peking" in p.message or "Beijing" in p.message for p in alone
               if p.rule == "register.kind")
    assert alone == whole


def test_the_resolver_gives_what_resolve_gives(tmp_path: Path) -> None:
    from edition.paths import Resolver

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.xml").write_text("<a/>", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)  # a folder reached through a link
    (real / "b.xml").symlink_to(real / "a.xml")  # a file that is a link
    resolve = Resolver()
    for path in (real / "a.xml", tmp_path / "linked" / "a.xml", real / "b.xml",
                 tmp_path / "linked" / "b.xml", real / "missing.xml",
                 tmp_path / "linked" / ".." / "real" / "a.xml", Path("relative.xml")):
        assert resolve(path) == path.resolve(), path


def test_the_resolver_lists_a_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """Many files of one folder: one listing tells which are links, not a call per file;
    a link made after the listing is still followed."""
    from edition.paths import Resolver

    folder, other = tmp_path / "tei", tmp_path / "other"
    folder.mkdir()
    other.mkdir()
    (other / "x.xml").write_text("<x/>", encoding="utf-8")
    for n in range(6):
        (folder / f"d{n}.xml").write_text("<d/>", encoding="utf-8")
    (folder / "link.xml").symlink_to(other / "x.xml")
    calls: list[Path | str] = []
    real = os.path.islink
    monkeypatch.setattr(os.path, "islink", lambda path: calls.append(path) or real(path))
    resolve = Resolver()
    paths = [folder / f"d{n}.xml" for n in range(6)] + [folder / "link.xml"]
    assert [resolve(p) for p in paths] == [p.resolve() for p in paths]
    assert calls == [paths[0]]  # the first file on its own, the others from the listing
    (folder / "late.xml").symlink_to(other / "x.xml")
    assert resolve(folder / "late.xml") == (other / "x.xml").resolve()
    # the same answers for paths given as strings (Resolver.text), a folder listed once
    calls.clear()
    texts = Resolver()
    assert [texts.text(str(p)) for p in paths] == [str(p.resolve()) for p in paths]
    assert calls == [str(paths[0])]
    (folder / "later.xml").symlink_to(other / "x.xml")
    assert texts.text(str(folder / "later.xml")) == str((other / "x.xml").resolve())


def test_collect_skips_hidden_folders_and_follows_no_folder_link(tmp_path: Path) -> None:
    from edition.validation.validator import collect

    for rel in ("b.xml", "a/z.xml", "a/c.xml", ".hidden/h.xml", "a/.h.xml", "note.txt",
                "a/deeper/d.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<x/>", encoding="utf-8")
    (tmp_path / "looped").symlink_to(tmp_path / "a")  # a folder link: not walked into
    (tmp_path / "a" / "linked.xml").symlink_to(tmp_path / "b.xml")  # a file link: a file
    found = [Path(name).relative_to(tmp_path).as_posix() for _, name in collect([tmp_path])]
    # each file once: b.xml was found first through its link
    assert found == ["a/c.xml", "a/deeper/d.xml", "a/linked.xml", "a/z.xml"]
