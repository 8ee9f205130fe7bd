"""The publish stage, after the pages: the TEI published whole, the DTS files and the
sitemap (made by :mod:`edition.publish`); a file whose bytes are already in the site is
not written again."""

from __future__ import annotations

from pathlib import Path

from edition.errors import EditionError
from edition.paths import find_edition
from edition.publish import published_files
from edition.stages.common import write_pages


def _changed(tei: Path, out: Path) -> dict[str, bytes]:
    try:
        site_url = find_edition(tei).site_url
    except EditionError:
        site_url = None  # TEI outside any edition: a sitemap of relative addresses
    sources = {path.name: path.read_bytes() for path in sorted(tei.glob("*.xml"))}
    pages = [path.relative_to(out).as_posix() for path in out.rglob("*.html")]
    files = published_files(sources, pages, site_url)
    return {rel: data for rel, data in files.items()
            if not (out / rel).is_file() or (out / rel).read_bytes() != data}


def publish(tei: Path, out: Path, problems: list[EditionError]) -> None:
    """Write the publication's files into ``out``; a failure is added to ``problems``."""
    write_pages(out, problems, lambda: _changed(tei, out))
