"""schema/edition.odd describes schema/edition.rng: the same elements, and for each the
same attributes and closed value lists; and it is a valid TEI ODD (valid TEI P5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.odd import Declared, Grammar, odd_declares
from edition.paths import EDITION_ODD, EDITION_RNG
from edition.validation.relaxng import RelaxNGChecker
from edition.validation.source import SourceFile, load
from tests.conftest import shared


@pytest.fixture(scope="module")
def tei_all() -> Path:
    return shared("reference", "tei-p5", "tei_all.rng")


def _rng(path: Path) -> dict[str, dict[str, set[str] | None]]:
    grammar = Grammar(path)
    return {name: grammar.declared(name).attributes for name in grammar.element_names()}


def _odd(odd: Path, tei_all: Path) -> dict[str, dict[str, set[str] | None]]:
    return {name: d.attributes for name, d in odd_declares(odd, tei_all).items()}


REGENERATE = ("schema/edition.odd no longer describes schema/edition.rng: after a change to "
              "the RNG, run `python -m edition.odd ../shared/reference/tei-p5/tei_all.rng > "
              "schema/edition.odd` (or edit the ODD)")


def test_odd_and_rng_declare_the_same_elements_attributes_and_values(tei_all: Path) -> None:
    rng, odd = _rng(EDITION_RNG), _odd(EDITION_ODD, tei_all)
    assert len(rng) > 60
    assert sorted(odd) == sorted(rng), f"{REGENERATE}: elements {set(odd) ^ set(rng)}"
    for name in sorted(rng):
        assert odd[name] == rng[name], f"{REGENERATE}: attributes of <{name}>"


def test_the_check_sees_a_change_to_the_rng(tei_all: Path, tmp_path: Path) -> None:
    """An attribute or element added to the RNG without the ODD is a difference."""
    text = EDITION_RNG.read_text(encoding="utf-8")
    marker = '<define name="ed.att.n">'
    assert marker in text
    changed = text.replace(marker, marker + '\n    <optional><attribute name="rend"><text/>'
                           '</attribute></optional>', 1)
    path = tmp_path / "edition.rng"
    path.write_text(changed, encoding="utf-8")
    odd, rng = _odd(EDITION_ODD, tei_all), _rng(path)
    assert any(odd[name] != rng[name] for name in rng)


def test_every_rng_element_is_a_tei_element(tei_all: Path) -> None:
    tei = Grammar(tei_all)
    assert Grammar(EDITION_RNG).element_names() <= tei.element_names()


def test_odd_is_valid_tei(tei_all: Path) -> None:
    source = load(EDITION_ODD, str(EDITION_ODD))
    assert isinstance(source, SourceFile)
    problems = RelaxNGChecker(tei_all).check([source]).get(str(EDITION_ODD), [])
    assert problems == [], problems[:5]


def test_declared_merges_value_lists() -> None:
    declared = Declared()
    declared.add("type", {"a"})
    declared.add("type", {"b"})
    declared.add("n", None)
    declared.add("n", {"x"})
    assert declared.attributes == {"type": {"a", "b"}, "n": None}
