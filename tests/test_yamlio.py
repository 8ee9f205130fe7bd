"""edition/yamlio.py: libyaml's loader gives the same data as ``yaml.safe_load``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from edition import yamlio
from edition.errors import EditionError
from edition.names import Open, Proposal
from edition.proposals import serialise


def _yaml_files() -> list[Path]:
    """Every YAML file of the package, the registers (proposals included), the seeds'
    manifest, the edition marker, the skeleton of `edition new` and the test samples."""
    found = [p for p in ROOT.rglob("*.y*ml")
             if p.suffix in (".yml", ".yaml")
             and not any(part.startswith(".") or part in ("node_modules", "site", "build")
                         for part in p.relative_to(ROOT).parts)]
    return sorted(found)


def _same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0, a date not a str)."""
    return repr(a) == repr(b) and a == b


def test_uses_libyaml_when_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert yamlio.loader() is yaml.CSafeLoader
    else:  # pragma: no cover - a PyYAML built without libyaml
        assert yamlio.loader() is yaml.SafeLoader


def test_every_yaml_file_loads_as_safe_load_gives_it() -> None:
    files = _yaml_files()
    names = {str(p.relative_to(ROOT)) for p in files}
    # the files this must cover are there (a moved folder would silently shrink the test)
    assert {"edition/data/rules.yml", "registers/persons.yml", "registers/places.yml",
            "seeds/manifest.yml", "edition.yml"} <= names, sorted(names)
    assert any(n.startswith("registers/proposed/") for n in names)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _same(yamlio.parse(text), yaml.safe_load(text)), path
        assert _same(yamlio.read(path), yaml.safe_load(text)), path


TRICKY = """\
# scalars of every kind the safe loader resolves
- {when: 1956-04-20, stamp: 2001-12-14t21:59:43.10-05:00, text: "April 20, 1956"}
- [1, 1.0, 0x1F, 0o17, 1_000, .inf, -.inf, 1e3, +12]
- [yes, no, on, off, true, False, ~, null, "", '']
- "Pak [Yong-guk]": {forms: ["[North] Korea", North Korea, DPRK]}
  note: >-
    folded
    text
- key: |
    literal
      kept
  other: "esc\\u00e9 \\t tab \\x41"
- &anchor {a: 1}
- *anchor
- <<: {merged: yes}
  own: 2
- Kim Il-sŏng — Ким Ир Сен — 김일성 — "quoted: colon"
- !!str 123
- ? complex key
  : value
- 'it''s'
- plain: with # a comment
- 12:30:00
- 010
"""


def test_tricky_scalars_load_the_same() -> None:
    assert _same(yamlio.parse(TRICKY), yaml.safe_load(TRICKY))


def test_proposals_as_written_read_back_the_same() -> None:
    found = Open()
    found.proposals["kim-il-song"] = Proposal(
        "person", "kim-il-song", ["Kim Il-sŏng", "Ким", "O'Neil: \"Jr\""],
        {"doc-1": [3, 1], "doc-2": [10]}, ["title 'Marshal'", "yes", "1956-04-20"])
    found.merges[("dprk", "North Korea")] = {"doc-1": [1]}
    for name, data in serialise(found).items():
        text = data.decode("utf-8")
        assert _same(yamlio.parse(text), yaml.safe_load(text)), name


def test_the_proposals_are_written_as_safe_dump_writes_them() -> None:
    """libyaml's emitter (when PyYAML has it) writes every entry of the registers and of
    the proposals as the pure-Python one does, and names in every script and with YAML's
    own characters too; what it writes reads back as the same data."""
    if yaml.__with_libyaml__:
        assert yamlio.dumper() is yaml.CSafeDumper
    items = [item for path in _yaml_files() if path.parts[-2:-1] in (("registers",),
                                                                     ("proposed",))
             for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or [])]
    assert len(items) > 50, len(items)
    names = ["Kim Il-sŏng", "Ким Ир Сен", "김일성", "O'Neil: \"Jr\"", "yes", "1956-04-20",
             "- [North] Korea #1", "Zhou Enlai (周恩来)", "  leading", "a" * 150 + " b" * 40]
    items.append({"id": "odd", "forms": names, "documents": {"doc-1": [3, 10]}})
    for item in items:
        text = yamlio.dump([item])
        assert text == yaml.safe_dump([item], allow_unicode=True, sort_keys=False,
                                      width=100), item
        assert _same(yamlio.parse(text), [item])


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "persons.yml"
    path.write_text("- id: a\n  name: [unclosed\n- id: b\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        yamlio.read(path)
    assert caught.value.path == path
    assert caught.value.line > 1 and caught.value.col > 0
    assert caught.value.message.startswith("not valid YAML: ")


def test_an_unreadable_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        yamlio.read(tmp_path / "missing.yml")


def test_a_word_yaml_reads_as_true_or_false_is_a_located_error(tmp_path: Path) -> None:
    """YAML 1.1 reads a bare On, No, Yes, Off (and NO: Norway's code) as true or false:
    a list of words or a register's forms that held one lost the word without a sound."""
    path = tmp_path / "places.yml"
    path.write_text("- id: oslo\n  name: Oslo\n  type: city\n"
                    "  gazetteer: {city: Oslo, country: NO}\n", encoding="utf-8")
    from edition.registers import load_registers

    with pytest.raises(EditionError) as caught:
        load_registers(tmp_path, gazetteer=False)
    assert caught.value.path == path
    assert "country" in caught.value.message and "quotes" in caught.value.message
    assert yamlio.strings(["Han", "No"], path, "surnames") == ["Han", "No"]
    with pytest.raises(EditionError) as caught:
        yamlio.strings(["Han", False], path, "surnames")
    assert "surnames" in caught.value.message and "quotes" in caught.value.message


def test_the_name_cues_hold_the_words_as_written() -> None:
    from edition.detect import load_cues

    cues = load_cues()
    assert {"On", "No", "Yes"} <= cues.not_names and "No" in cues.surnames
    assert not {"True", "False"} & (cues.not_names | cues.surnames)
