"""Shared fixtures: the repository layout, the reference material beside it."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def registers_copy(tmp_path: Path) -> Path:
    """A copy of the edition's registers in ``tmp_path`` (made once): a conversion
    writes its proposals into them."""
    copy = tmp_path / "registers"
    if not copy.exists():
        shutil.copytree(ROOT / "registers", copy)
    return copy
TEI = ROOT / "tei"
FILES = Path(__file__).resolve().parent / "files"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, installed by `make test`


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (read from /proc): a build's fork server and workers."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(entry.name)] = int(stat[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, of in parents.items() if of == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def shared(*parts: str) -> Path:
    """A path in ../shared/, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference material {path} is not present beside the checkout")
    return path


def renderer_alone(names: tuple[str, ...], parameter: str,
                   stripped: tuple[str, ...] = ()) -> type[Any]:
    """A Renderer class that compiles each of ``names`` (views, pages) from its own
    stylesheet rather than from the one they share, and does not tell it which it is
    (edition.render's ``parameter`` hidden): the stylesheet alone must say. Those of
    ``stripped`` get their input stripped beforehand, as views.xsl's is (whitespace.py)."""
    from edition import render

    class Alone(render.Renderer):
        def _executable(self, name: str) -> object:
            if name not in names:
                return super()._executable(name)
            executable = self._executables.get(name)
            if executable is None:
                executable = self._executables[name] = self._compile(name)
            return executable

        def _run(self, name: str, *args: Any, **kwargs: Any) -> tuple[bytes, list[str]]:
            saved = getattr(render, parameter)
            setattr(render, parameter, "{urn:edition:functions}unused")  # (no such one)
            try:
                return super()._run(name, *args, **kwargs)
            finally:
                setattr(render, parameter, saved)

        def _compile(self, name: str) -> object:
            if name in stripped:
                self._xslt.set_parameter("{urn:edition:functions}strip-space",
                                         self._processor.make_boolean_value(False))
            return super()._compile(name)

    return Alone


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition converted afresh from seeds/ into a temporary tei/ folder."""
    from edition.build import convert

    out = tmp_path_factory.mktemp("tei")
    report = convert(SEEDS, out, say=lambda _: None)
    assert not report.problems, report.problems
    return out


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def edition_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every conversion writes its name proposals into the edition's registers/proposed/.
    The tests run in a copy of this edition (its registers copied, its seeds and TEI
    linked), named by $EDITION_ROOT, so that a test run never changes the checkout; the
    teardown checks that it did not."""
    work = tmp_path_factory.mktemp("edition")
    shutil.copy(ROOT / "edition.yml", work / "edition.yml")
    shutil.copytree(ROOT / "registers", work / "registers")
    for name in ("seeds", "tei"):
        (work / name).symlink_to(ROOT / name, target_is_directory=True)
    before = _digest(ROOT / "registers")
    previous = os.environ.get("EDITION_ROOT")
    os.environ["EDITION_ROOT"] = str(work)
    yield work
    if previous is None:
        os.environ.pop("EDITION_ROOT", None)
    else:
        os.environ["EDITION_ROOT"] = previous
    assert _digest(ROOT / "registers") == before, "a test changed the checkout's registers/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, one per test module (each module's
    Playwright session ends before the next one starts)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()
