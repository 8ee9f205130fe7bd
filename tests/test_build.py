"""The whole edition end to end through the CLI: build, what it leaves, a second build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from words import html_words, tei_words

from edition.cli import main
from edition.xmlio import parse_file


def _tree(folder: Path) -> dict[str, str]:
    """Every file's hash, but the stages' caches (.cache/: what was last seen, and when)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str]:
    work = tmp_path_factory.mktemp("build")
    seeds, tei, site = work / "seeds", work / "tei", work / "site"
    shutil.copytree(SEEDS, seeds)
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--tei", str(tei),
                                       "--out", str(site)])
    return seeds, tei, site, result.output + f"\nexit {result.exit_code}"


def test_build_exits_0_with_40_documents_in_each_view(built: tuple[Path, Path, Path, str]) -> None:
    _, tei, site, output = built
    assert output.endswith("exit 0"), output
    assert len([p for p in tei.glob("*.xml")
                if p.name not in ("corpus.xml", "registers.xml")]) == 40
    assert len(list((site / "reading").glob("*.html"))) == 40
    assert len(list((site / "diplomatic").glob("*.html"))) == 40
    # the documents, and beside them the corpus and registers files they point at
    assert len(list((site / "tei").glob("*.xml"))) == 42
    assert (site / "index.html").exists()
    assert "0 errors" in output


def test_every_word_reaches_the_diplomatic_view_in_order(
        built: tuple[Path, Path, Path, str]) -> None:
    _, tei, site, _ = built
    for path in sorted(tei.glob("*.xml")):
        if path.name in ("corpus.xml", "registers.xml"):
            continue
        expected = tei_words(parse_file(path))
        shown = html_words((site / "diplomatic" / f"{path.stem}.html").read_bytes())
        assert shown == expected, path.name


def test_index_lists_every_document(built: tuple[Path, Path, Path, str]) -> None:
    _, tei, site, _ = built
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in tei.glob("*.xml"):
        if path.name not in ("corpus.xml", "registers.xml"):
            assert f"{path.stem}.html" in index, path.stem


def test_second_build_changes_no_file(built: tuple[Path, Path, Path, str]) -> None:
    seeds, tei, site, _ = built
    before = (_tree(tei), _tree(site))
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--tei", str(tei),
                                       "--out", str(site)])
    assert result.exit_code == 0, result.output
    assert "40 unchanged" in result.output
    assert (_tree(tei), _tree(site)) == before


def test_site_is_rendered_from_the_edited_tei(tmp_path: Path) -> None:
    seeds, tei, site = tmp_path / "seeds", tmp_path / "tei", tmp_path / "site"
    seeds.mkdir()
    shutil.copy(SEEDS / "003_6c36276a20248a80.txt", seeds)
    runner = CliRunner()
    args = ["build", "--seeds", str(seeds), "--tei", str(tei), "--out", str(site)]
    assert runner.invoke(main, args).exit_code == 0
    path = tei / "wcda-114177.xml"
    path.write_bytes(path.read_bytes().replace(b"approve the preceding opinions",
                                               b"approve the opinions edited by hand"))
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "edited by hand" in result.output
    page = (site / "reading" / "wcda-114177.html").read_text(encoding="utf-8")
    assert "approve the opinions edited by hand" in page


def test_a_bad_seed_fails_the_build_but_not_the_others(tmp_path: Path) -> None:
    seeds, tei, site = tmp_path / "seeds", tmp_path / "tei", tmp_path / "site"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_6a638e023e7f4305.txt", seeds)
    (seeds / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--tei", str(tei),
                                       "--out", str(site)])
    assert result.exit_code == 1
    assert "broken.txt:1:" in result.output
    assert (site / "reading" / "wcda-114169.html").exists()


_PAGE = """Soviet-Chinese relations. 1956-1959

  1957

{heading}

A source: Soviet-Chinese relations. 1956-1959: Collection of documents. 2018. p. {page}
Archive: AVPRF. F. 0100. Op. 50. P. 423. D. {page}. L. 1-2.
{number}.

{text}

P. Yudin
"""


def test_a_reference_to_a_document_of_another_source_links_to_it(tmp_path: Path) -> None:
    """"See doc. 502" in one page of a collection, doc. 502 on another page (another
    source): linked in both views (each source's conversion sees only its own documents,
    and the reference said "not in this edition": a probe of new collection pages)."""
    seeds, tei, site = tmp_path / "seeds", tmp_path / "tei", tmp_path / "site"
    seeds.mkdir()
    (seeds / "p1.txt").write_text(_PAGE.format(
        heading="Telegram of the Ambassador of the USSR in the PRC P.F. Yudin. May 3, 1957",
        page=150, number=501, text="Zhou Enlai accepted the proposals (see doc. 502) and "
        "asked for the dates of the talks."), encoding="utf-8")
    (seeds / "p2.txt").write_text(_PAGE.format(
        heading="Telegram of the Ambassador of the USSR in the PRC P.F. Yudin. May 9, 1957",
        page=151, number=502, text="The Chinese side named the dates of the talks on the "
        "joint survey of the Amur basin."), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--tei", str(tei),
                                       "--out", str(site), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for view in ("reading", "diplomatic"):
        page = (site / view / "scr-501.html").read_text(encoding="utf-8")
        assert '<a class="ref ref-document" href="scr-502.html">doc. 502</a>' in page, view
        assert "not in this edition" not in page
