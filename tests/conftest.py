"""Shared fixtures: the repository layout, the reference material beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
TEI = ROOT / "tei"
FILES = Path(__file__).resolve().parent / "files"


def shared(*parts: str) -> Path:
    """A path in ../shared/, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material {path} is not present beside the checkout")
    return path


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition converted afresh from seeds/ into a temporary tei/ folder."""
    from edition.build import convert

    out = tmp_path_factory.mktemp("tei")
    report = convert(SEEDS, out, say=lambda _: None)
    assert not report.problems, report.problems
    return out
