"""The package as another project gets it: a wheel, installed (not editable) in a fresh
virtual environment, used in folders outside this repository.

The wheel is built once per session (``pip wheel``, with the build backend from the
package index or pip's cache) and installed with the dependencies from the index or
pip's cache: this test needs PyPI or a warm cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main
from edition.errors import EditionError
from edition.paths import MARKER, find_edition, load_edition
from tests.conftest import ROOT, SEEDS, TEI, shared


def _run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EDITION_ROOT", "PYTHONPATH")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out),
                 str(ROOT)], cwd=out)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("edition-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv")
    done = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    assert done.returncode == 0, done.stderr
    done = _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                 "install", "--quiet", str(wheel)], cwd=venv)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


def test_wheel_holds_stylesheets_schema_rules_and_skeleton(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for sheet in (ROOT / "xslt").glob("*.xsl"):
        assert f"edition/xslt/{sheet.name}" in names
    for schema in (ROOT / "schema").iterdir():
        assert f"edition/schema/{schema.name}" in names
    for rules in (ROOT / "edition" / "data").rglob("*.yml"):
        assert f"edition/{rules.relative_to(ROOT / 'edition').as_posix()}" in names
    assert "edition/skeleton/edition.yml" in names
    assert not any(n.startswith(("tei/", "seeds/", "registers/", "xslt/", "schema/"))
                   for n in names), "the edition's own folders are not part of the package"


def test_installed_package_reads_its_own_resources(installed: Path, tmp_path: Path) -> None:
    done = _run([str(installed / "python"), "-c",
                 "from edition import paths; print(paths.XSLT_DIR); print(paths.EDITION_RNG)"],
                cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    xslt, rng = (Path(line) for line in done.stdout.split())
    site_packages = installed.parent / "lib"
    assert site_packages in xslt.parents and site_packages in rng.parents
    assert rng.is_file() and (xslt / "reading.xsl").is_file()


def test_installed_validate_on_another_projects_files(installed: Path, tmp_path: Path) -> None:
    """Outside any edition: our TEI copied out validates clean; another project's letter
    gets the same located report as from the source tree."""
    ours = shutil.copytree(TEI, tmp_path / "ours")
    done = _run([str(installed / "edition"), "validate", str(ours)], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    count = len(list(TEI.glob("*.xml")))
    assert f"{count} files checked, 0 errors" in done.stdout
    letter = shared("reference", "tei-samples", "schnitzler", "L00001.xml")
    done = _run([str(installed / "edition"), "validate", str(letter)], cwd=tmp_path)
    here = CliRunner().invoke(main, ["validate", str(letter)])
    assert done.returncode == here.exit_code
    assert done.stdout == here.output


def test_installed_render_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    """The packaged stylesheets render our TEI folder and another project's file in a
    folder that is no edition."""
    tei = tmp_path / "tei"
    tei.mkdir()
    for name in ("scr-070.xml", "corpus.xml", "registers.xml"):
        shutil.copy(TEI / name, tei / name)
    done = _run([str(installed / "edition"), "render", "--tei", str(tei), "--out",
                 str(tmp_path / "site")], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "reading" / "scr-070.html").is_file()
    assert (tmp_path / "site" / "diplomatic" / "scr-070.html").is_file()
    letter = shared("reference", "tei-samples", "schnitzler", "L00001.xml")
    done = _run([str(installed / "edition"), "render", str(letter)], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = sorted(p.relative_to(tmp_path / "site").as_posix()
                   for p in (tmp_path / "site").rglob("*L00001*.html"))
    assert pages, "the letter's pages are in site/ of the current folder"


def test_installed_new_then_build(installed: Path, tmp_path: Path) -> None:
    """`edition new` lays out an edition; `edition build` in one of its folders builds it,
    and not this repository."""
    done = _run([str(installed / "edition"), "new", "mine"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    mine = tmp_path / "mine"
    for part in (MARKER, "seeds/manifest.yml", "registers/persons.yml", "registers/places.yml",
                 "registers/organisations.yml", "README.md", ".gitignore"):
        assert (mine / part).is_file(), part
    shutil.copy(SEEDS / "003_6c36276a20248a80.txt", mine / "seeds")
    done = _run([str(installed / "edition"), "build"], cwd=mine / "seeds")
    assert done.returncode == 0, done.stdout + done.stderr
    built = sorted(p.name for p in (mine / "tei").glob("*.xml"))
    assert len(built) == 3 and {"corpus.xml", "registers.xml"} < set(built), built
    assert (mine / "site" / "index.html").is_file()
    assert list((mine / "site" / "reading").glob("*.html"))
    # again: nothing to redo, still exit 0
    again = _run([str(installed / "edition"), "build"], cwd=mine)
    assert again.returncode == 0, again.stdout + again.stderr
    # a second `new` into the edition is refused
    refused = _run([str(installed / "edition"), "new", str(mine)], cwd=tmp_path)
    assert refused.returncode == 2 and "already an edition" in refused.stderr


def test_new_edition_with_no_sources_builds_clean(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["new", str(tmp_path / "empty")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "empty")
    monkeypatch.delenv("EDITION_ROOT", raising=False)  # found from the folder, as a user would
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "empty" / "site" / "index.html").is_file()
    assert "0 documents" in (tmp_path / "empty" / "site" / "index.html").read_text("utf-8")


def test_commands_outside_an_edition_say_so(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EDITION_ROOT", raising=False)
    for command in (["build"], ["convert"], ["validate"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, command
        assert "not inside an edition" in result.output


def test_edition_found_upwards_like_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITION_ROOT", raising=False)
    (tmp_path / MARKER).write_text("folders: {tei: master}\n", encoding="utf-8")
    deep = tmp_path / "seeds" / "a" / "b"
    deep.mkdir(parents=True)
    edition = find_edition(deep)
    assert edition.root == tmp_path.resolve()
    assert edition.tei == tmp_path.resolve() / "master"
    assert edition.seeds == tmp_path.resolve() / "seeds"
    # the repository is one too, found from its tests folder
    assert find_edition(ROOT / "tests" / "files").root == ROOT
    monkeypatch.setenv("EDITION_ROOT", str(ROOT))
    assert find_edition(deep).root == ROOT


def test_bad_marker_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / MARKER).write_text("folders:\n  tei: [a\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_edition(tmp_path)
    assert caught.value.line > 0 and "not valid YAML" in caught.value.message
    (tmp_path / MARKER).write_text("folders: {sources: x}\n", encoding="utf-8")
    with pytest.raises(EditionError, match="folders"):
        load_edition(tmp_path)
