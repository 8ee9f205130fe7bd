"""The scale benchmarks' synthetic edition (benchmarks/synthetic.py) is varied: every
seed is read by the edition's readers as one document with an id of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT


def test_every_synthetic_seed_is_read_with_its_own_id(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import check, generate

    found = check(generate(tmp_path, 120))
    assert found["seeds"] == found["ids"] == 120
    assert found["dates"] > 100 and found["titles"] > 100
    again = tmp_path / "again"
    assert [p.read_bytes() for p in generate(again, 3)] == [
        p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))[:3]], "the same every time"


def test_a_repeated_id_is_caught(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import check, generate

    paths = generate(tmp_path, 2)
    paths[1].write_bytes(paths[0].read_bytes())
    with pytest.raises(SystemExit, match="is also the id of"):
        check(paths)
