"""The publication of the TEI itself, beside the HTML: what a reader downloads and what
machines read.

- ``tei/corpus.xml`` and ``tei/registers.xml`` beside the documents (render writes the
  documents), so every pointer of the published TEI resolves;
- ``schema/``: edition.rng, edition.sch and edition.odd, which each TEI file names in its
  ``<?xml-model?>`` lines (``../schema/…``);
- ``edition-tei.zip``: the TEI files and the schema folder, the same layout;
- ``api/dts/``: the static Distributed Text Services files (edition/dts.py);
- ``sitemap.xml``: every HTML page of the site.

Pure functions of bytes in, bytes keyed by site path out; :func:`published_files` makes
them all at once (a build from scratch), edition/stages/publish.py only those whose
sources changed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from html import escape  # not xml.sax.saxutils's: that module imports urllib.request (30 ms)

from edition import ziparchive
from edition.paths import EDITION_ODD, EDITION_RNG, EDITION_SCH

ZIP_NAME = "edition-tei.zip"
ZIP_FOLDER = "edition-tei"
SCHEMA_FILES = (EDITION_RNG, EDITION_SCH, EDITION_ODD)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# A fixed time stamp for the zip's entries: the same TEI gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

ZIP_README = """\
The TEI files of the edition (tei/) and the schema they name (schema/):

  tei/*.xml             one TEI P5 file per document
  tei/corpus.xml        the list of documents
  tei/registers.xml     the persons, places and organisations the documents point at
  schema/edition.rng    RELAX NG: our subset of TEI P5 (every file is valid TEI P5 too)
  schema/edition.sch    Schematron: the rules RELAX NG cannot state
  schema/edition.odd    ODD: our customisation of TEI, element by element

Each TEI file names both schemas in <?xml-model?> lines, so an XML editor that opens
it from this folder checks it as the edition does.
"""


def schema_files() -> dict[str, bytes]:
    """The schema files of the package, by name (those present)."""
    return {path.name: path.read_bytes() for path in SCHEMA_FILES if path.is_file()}


def zip_entries(tei: Iterable[str], schema: Iterable[str]) -> list[tuple[str, str]]:
    """The members of the zip in order, as (name in the archive, source): the source is
    ``README.txt``, ``tei/<file>`` or ``schema/<file>`` (``tei``, ``schema``: file names)."""
    sources = ["README.txt", *(f"tei/{name}" for name in sorted(tei)),
               *(f"schema/{name}" for name in sorted(schema))]
    return [(f"{ZIP_FOLDER}/{source}", source) for source in sources]


def corpus_zip(tei: Mapping[str, bytes], schema: Mapping[str, bytes]) -> bytes:
    """A zip of the TEI files and the schema: ``edition-tei/tei/…``, ``edition-tei/schema/…``."""
    content = {"README.txt": ZIP_README.encode("utf-8"),
               **{f"tei/{name}": data for name, data in tei.items()},
               **{f"schema/{name}": data for name, data in schema.items()}}
    entries = [(name, content[source]) for name, source in zip_entries(tei, schema)]
    if ziparchive.fits([len(data) for _, data in entries]):
        return ziparchive.archive([ziparchive.deflate(name, data) for name, data in entries])
    return _zip64(entries)


def _zip64(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip beyond the classic limits (:func:`edition.ziparchive.fits`), by zipfile."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def sitemap(pages: Iterable[str], base_url: str | None) -> bytes:
    """sitemap.xml listing ``pages`` (site paths). The protocol wants absolute URLs: with
    no ``base_url`` (``site_url`` in edition.yml) the locations are relative to the
    sitemap, and the file says so."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    if not base_url:
        lines.append("<!-- No site_url is set in edition.yml: these locations are relative to "
                     "this file; set site_url for absolute ones, as search engines expect. -->")
    lines.append(f'<urlset xmlns="{SITEMAP_NS}">')
    prefix = (base_url.rstrip("/") + "/") if base_url else ""
    for page in sorted(set(pages)):
        lines.append(f"  <url><loc>{escape(prefix + page, quote=False)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def published_files(tei: Mapping[str, bytes], pages: Iterable[str],
                    base_url: str | None = None) -> dict[str, bytes]:
    """Everything of the publication besides the HTML pages and the documents' TEI copies.

    ``tei``: the TEI files of the master copy by file name (documents, corpus.xml,
    registers.xml); ``pages``: the site paths of the HTML pages written.
    """
    from edition.dts import api_files

    files: dict[str, bytes] = {}
    for name in ("corpus.xml", "registers.xml"):
        if name in tei:
            files[f"tei/{name}"] = tei[name]
    schema = schema_files()
    for name, data in schema.items():
        files[f"schema/{name}"] = data
    files[ZIP_NAME] = corpus_zip(tei, schema)
    files.update(api_files(tei))
    files["sitemap.xml"] = sitemap(pages, base_url)
    return files
