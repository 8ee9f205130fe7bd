"""The publish stage, after the pages: the TEI published whole, the DTS files and the
sitemap (made by :mod:`edition.publish` and :mod:`edition.dts`), each made again only
from what changed.

``site/.cache/publish.json`` remembers what each file was made from:

* each document's DTS files (collection, navigation, the whole and its passages) under
  the hash of its TEI file, with what the collections say of it (source group, the
  hash of its Resource; the Resources themselves in ``publish-resources.json``, read
  only when needed): a changed document's files are made again, a removed document's
  deleted;
* the entry point and the collections under the groups and Resources' hashes;
* the zip under the hashes of its members: a changed member is compressed again, the
  others carried over from the zip written before (:mod:`edition.ziparchive`);
* corpus.xml, registers.xml and the schema are compared with the site's copies.

The sitemap's key (the list of pages and the site's address) is kept apart, in
``site/.cache/sitemap.key``: the files above are made beside the pages' rendering, in a
process of their own that saves their state, and the sitemap after every page, by the
calling process, which then neither reads nor writes the state of the files.

All of it is made again when the code that makes it changed, or when a run stopped
before the end; but which files were written is not forgotten then
(:func:`_written_only`), so that a file the present code no longer makes (a passage a
document no longer divides into) is taken away as it would be after any change. A file
whose bytes are already in the site is not written again.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from edition import ziparchive
from edition.dts import API_DIR, collection_streams, document_files
from edition.errors import EditionError
from edition.publish import (
    ZIP_NAME,
    ZIP_README,
    corpus_zip,
    schema_files,
    sitemap,
    zip_entries,
)
from edition.stages.common import (
    CACHE_DIR,
    NOT_DOCUMENTS,
    Digests,
    by_name,
    code_digest,
    load_json,
    read_ascii,
    save_json,
)
from edition.stages.common import document_files as tei_documents
from edition.xmlio import atomic_open, flush_written, write_bytes_atomic

STATE = f"{CACHE_DIR}/publish.json"
SITEMAP_KEY = f"{CACHE_DIR}/sitemap.key"  # the sitemap's key: finish_publication
# The published files whose absence has them made again at the next build (looked for
# at each build; the DTS files of each document are not: thousands of them).
KEY_FILES = (ZIP_NAME, f"{API_DIR}/index.json", f"{API_DIR}/collection.json")
RESOURCES = f"{CACHE_DIR}/publish-resources.json"
PAGES = f"{CACHE_DIR}/pages.json"  # the pages of each document, for withdraw()
STAGING = f"{CACHE_DIR}/publish.new"  # a file written in pieces, before it is put in place
PUBLISH_CODE = ("publish.py", "dts.py", "inert.py", "index.py", "encode.py", "ziparchive.py",
         "xmlio.py", "namespaces.py", "stages/publish.py")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(value: Any) -> str:
    return _sha(json.dumps(value, sort_keys=True).encode())


class _Writer:
    """Writes files into the site when their bytes differ from what is there."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[str] = []

    def put(self, rel: str, data: bytes) -> None:
        target = self.out / rel
        if not target.is_file() or target.read_bytes() != data:
            write_bytes_atomic(target, data, sync=False)  # flushed with the site
            self.written.append(rel)

    def put_stream(self, rel: str, pieces: Iterable[bytes]) -> None:
        """:meth:`put` for a file given in pieces (never held whole): written beside the
        caches, then put in place if its bytes differ from what is there."""
        target = self.out / rel
        staging = self.out / STAGING
        with atomic_open(staging, sync=False) as handle:
            for piece in pieces:
                handle.write(piece)
        if target.is_file() and filecmp.cmp(staging, target, shallow=False):
            staging.unlink()
            return
        if target.is_file():  # the mode of the file it replaces, as a rewrite keeps
            os.chmod(staging, target.stat().st_mode & 0o777)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging, target)  # flushed with the site
        self.written.append(rel)

    def remove(self, rels: Iterable[str]) -> None:
        for rel in sorted(rels):
            (self.out / rel).unlink(missing_ok=True)


def publish(tei: Path, out: Path, digests: Digests, pages: list[str], site_url: str | None,
            problems: list[EditionError]) -> None:
    """Write the publication's files into ``out``, those whose sources changed;
    ``pages``: the site paths of the HTML pages. A failure is added to ``problems``
    (what it concerns is made again next time)."""
    finish_publication(out, publish_files(tei, out, digests), pages, site_url, problems)


def publish_files(tei: Path, out: Path, digests: Digests) -> EditionError | None:
    """The part of :func:`publish` made from ``tei`` alone (DTS, copies, zip), which
    may be made while the pages are rendered, in a process of its own: the files
    written, put on disk, and their state saved; the error that stopped it, if any
    (the state is then emptied: all of it is made again next time).
    :func:`finish_publication` ends it."""
    previous = load_json(out / STATE)
    code = code_digest(*PUBLISH_CODE)
    if previous.get("code") != code:
        previous = _written_only(previous)
    writer = _Writer(out)
    state: dict[str, Any] = {"code": code}
    error: EditionError | None = None
    try:
        state["api"] = _api(tei, digests, writer, previous.get("api"))
        state["copies"] = _copies(tei, digests, writer, previous.get("copies"))
        state["zip"] = _zip(tei, digests, writer, previous.get("zip"))
    except (EditionError, OSError) as exc:
        error = exc if isinstance(exc, EditionError) else EditionError(
            tei, 0, 0, f"publishing failed: {exc}")
        state = _written_only(previous)
    if state != previous:
        flush_written()  # the files on disk before the state that says they are made
        save_json(out / STATE, state)
    return error


def _written_only(state: Any) -> dict[str, Any]:
    """Of a state of the published files, which files were written, and nothing that would
    let a file be kept as it is: every document's digest emptied (all are made again),
    the collections' key and the copies' hashes gone. Given the state an older version of
    the code or a run that stopped left, the next run makes every file again and takes
    away those it does not make."""
    if not isinstance(state, dict):
        return {}
    written: dict[str, Any] = {}
    api = state.get("api")
    if isinstance(api, dict):
        documents = api.get("documents")
        written["api"] = {
            "documents": {name: ["", entry[1]] for name, entry in documents.items()
                          if isinstance(entry, list) and len(entry) == 2
                          and isinstance(entry[1], dict)} if isinstance(documents, dict) else {},
            "collections": [str(rel) for rel in api.get("collections") or ()]}
    copies = state.get("copies")
    if isinstance(copies, dict):
        written["copies"] = {str(rel): "" for rel in copies}
    return written


def finish_publication(out: Path, error: EditionError | None, pages: list[str],
                       site_url: str | None, problems: list[EditionError]) -> None:
    """The sitemap of ``pages``, once every page is written (``error``: what stopped
    :func:`publish_files`, reported here)."""
    if error is not None:
        problems.append(error)
    key = _key([sorted(set(pages)), site_url])
    if read_ascii(out / SITEMAP_KEY) == key and (out / "sitemap.xml").is_file():
        return
    (out / SITEMAP_KEY).unlink(missing_ok=True)
    try:
        _Writer(out).put("sitemap.xml", sitemap(pages, site_url))
    except (EditionError, OSError) as exc:
        problems.append(exc if isinstance(exc, EditionError) else EditionError(
            out, 0, 0, f"publishing failed: {exc}"))
        return
    flush_written()
    write_bytes_atomic(out / SITEMAP_KEY, key.encode("ascii"), sync=None)


def site_pages(out: Path) -> list[str]:
    """The site paths of the HTML pages in ``out``, sorted; the folders of the API and
    of the caches, which hold none, are not walked (the API's holds a file for every
    passage of every document)."""
    pages: list[str] = []
    for folder, subfolders, files in os.walk(out):
        here = Path(folder).relative_to(out)
        if here == Path("."):
            subfolders[:] = [f for f in subfolders if f not in (CACHE_DIR, API_DIR.split("/")[0])]
        pages.extend((here / name).as_posix() for name in files if name.endswith(".html"))
    return sorted(pages)


def withdraw(rendered: dict[str, Any], tei: Path, out: Path) -> None:
    """Take the pages of documents whose TEI file is gone from tei/ out of the site
    (their views and published TEI copy) and out of ``rendered`` (the render state's
    pages by file name). The pages are remembered in :data:`PAGES` too, because the
    render state starts afresh when the list of documents changes, as it does when a
    document is taken out. A page that a present document also gave stays."""
    path = out / PAGES
    known = load_json(path)
    record: dict[str, list[str]] = {name: [str(rel) for rel in pages]
                                    for name, pages in known.items() if isinstance(pages, list)}
    for name, entry in rendered.items():
        if isinstance(entry, list):
            record[name] = [str(rel) for rel in entry[1:]]
    present = {doc.name for doc in tei_documents(tei)}
    gone = [name for name in record if name not in present]
    kept = {rel for name in present for rel in record.get(name, ())}
    for name in gone:
        _Writer(out).remove(rel for rel in record.pop(name) if rel not in kept)
        rendered.pop(name, None)
    if record != known:
        save_json(path, record)


# -- DTS ---------------------------------------------------------------------------------

def _api(tei: Path, digests: Digests, writer: _Writer, previous: Any) -> dict[str, Any]:
    """The DTS files: each document's own, then the entry point and collections."""
    before: dict[str, Any] = previous if isinstance(previous, dict) else {}
    old: dict[str, Any] = before.get("documents") or {}
    paths = {path.name: path for path in tei_documents(tei)}
    documents: dict[str, list[Any]] = {}
    dirty: set[str] = set()
    for name, path in paths.items():
        digest = digests.digest(path)
        hit = old.get(name)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == digest:
            documents[name] = hit
        else:
            documents[name] = [digest, None]
            dirty.add(name)
    # documents that share an id share file names: the last by file name wins, as in a
    # build from scratch; when one of them comes, goes or changes, all are made again.
    # Each document's files are written as soon as they are made (not held: at ten
    # thousand documents they are gigabytes): the changed documents in file-name order,
    # so a later one overwrites an earlier one's file; then the unchanged documents that
    # share an id with them, each writing only the files it owns.
    fresh: dict[str, str] = {}
    touched = {_doc_id(old.get(name)) for name in dirty | (set(old) - set(paths))}
    for name in sorted(dirty):
        for rel, data in _document(name, paths[name], documents, fresh).items():
            writer.put(rel, data)
        touched.add(_doc_id(documents[name]))
    touched.discard(None)
    owner = _owners(documents)
    for name in sorted(paths):
        if name not in dirty and _doc_id(documents[name]) in touched:
            for rel, data in _document(name, paths[name], documents, fresh).items():
                if owner.get(rel) == name:
                    writer.put(rel, data)
    owner = _owners(documents)
    # the entry point and the collections: from the documents' Resources, in file order
    listed = [(name, info["group"], info["resource"]) for name, (_, info) in
              sorted(documents.items()) if info]
    key = _key([[group, resource] for _, group, resource in listed])
    store = _Resources(writer.out, fresh)
    if any(_resource_of(old.get(name)) != _resource_of(documents.get(name))
           for name in set(old) | set(documents)):
        store.keep(name for name, _, _ in listed)
    collections: list[str] = before.get("collections") or []
    if before.get("key") != key or not all((writer.out / rel).is_file() for rel in collections):
        grouped: dict[str, list[tuple[str, str]]] = {}
        for name, group, resource in listed:
            grouped.setdefault(group, []).append((name, resource))

        def members(group: str) -> Iterator[dict[str, Any]]:
            """A group's Resources, each read when its place in the file comes."""
            for name, resource in grouped[group]:
                text = store.get(name, resource)
                if text is None:  # not kept (a cache removed by hand): the document read
                    _document(name, paths[name], documents, fresh)  # again
                    text = fresh[name]
                    store.keep(n for n, _, _ in listed)
                yield json.loads(text)

        streams = collection_streams({group: len(names) for group, names in grouped.items()},
                                     members)
        collections = sorted(streams)
        for rel, make in streams.items():
            if rel not in owner:  # a document's file of the same name comes last
                writer.put_stream(rel, make())
    stale = {rel for _, info in old.values() if isinstance(info, dict)
             for rel in info.get("files") or ()}
    stale.update(before.get("collections") or ())
    writer.remove(stale - set(owner) - set(collections))
    return {"documents": documents, "key": key, "collections": collections}


def _owners(documents: dict[str, list[Any]]) -> dict[str, str]:
    """Each site path of the documents' DTS files: the document whose file it is (the
    last by file name of those that give it)."""
    owner: dict[str, str] = {}
    for name in sorted(documents):
        info = documents[name][1]
        for rel in info["files"] if info else ():
            owner[rel] = name
    return owner


class _Resources:
    """The documents' Resources as JSON text (:data:`RESOURCES`), apart from the state
    (which keeps their hashes): read only when the collections are made again or a
    Resource changed. ``fresh``: the Resources made in this run, by file name."""

    def __init__(self, out: Path, fresh: dict[str, str]) -> None:
        self.path = out / RESOURCES
        self.fresh = fresh
        self._stored: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = load_json(self.path)
        return self._stored

    def get(self, name: str, digest: str) -> str | None:
        text = self.fresh.get(name, self._load().get(name))
        return text if isinstance(text, str) and _sha(text.encode()) == digest else None

    def keep(self, names: Iterable[str]) -> None:
        """Save the Resources of these documents (the others are gone)."""
        stored = self._load()
        kept = {name: self.fresh.get(name, stored.get(name)) for name in names}
        self._stored = {name: text for name, text in kept.items() if isinstance(text, str)}
        save_json(self.path, self._stored)


def _resource_of(entry: Any) -> str | None:
    if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], dict):
        return str(entry[1].get("resource"))
    return None


def _document(name: str, path: Path, documents: dict[str, list[Any]],
              fresh: dict[str, str]) -> dict[str, bytes]:
    """Make one document's DTS files; note what the collections say of it (its
    Resource as JSON text in ``fresh``, its hash with the document)."""
    published = document_files(name, path.read_bytes())
    if published is None:
        documents[name] = [documents[name][0], None]
        return {}
    # as JSON text: the state file sorts the keys of its objects, the API does not
    fresh[name] = json.dumps(published.resource)
    documents[name] = [documents[name][0], {
        "id": published.doc_id, "group": published.group,
        "resource": _sha(fresh[name].encode()), "files": sorted(published.files)}]
    return published.files


def _given(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _doc_id(entry: Any) -> str | None:
    if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], dict):
        return str(entry[1].get("id"))
    return None


# -- the TEI beside the documents, the schema --------------------------------------------

def _copies(tei: Path, digests: Digests, writer: _Writer, previous: Any) -> dict[str, str]:
    """tei/corpus.xml, tei/registers.xml and schema/ in the site; a file gone from tei/
    is taken out of the site too."""
    before: dict[str, str] = previous if isinstance(previous, dict) else {}
    sources: dict[str, Callable[[], bytes]] = {}
    hashes: dict[str, str] = {}
    for name in sorted(NOT_DOCUMENTS):
        path = tei / name
        if path.is_file():
            sources[f"tei/{name}"] = path.read_bytes
            hashes[f"tei/{name}"] = digests.digest(path)
    for name, data in schema_files().items():
        sources[f"schema/{name}"] = _given(data)
        hashes[f"schema/{name}"] = _sha(data)
    for rel, load in sources.items():
        if before.get(rel) != hashes[rel] or not (writer.out / rel).is_file():
            writer.put(rel, load())
    writer.remove(set(before) - set(hashes))
    return hashes


# -- the zip -----------------------------------------------------------------------------

def _zip(tei: Path, digests: Digests, writer: _Writer, previous: Any) -> dict[str, Any]:
    """The zip of the TEI and the schema; unchanged members carried over."""
    before: dict[str, Any] = previous if isinstance(previous, dict) else {}
    tei_paths = {path.name: path for path in by_name(tei.glob("*.xml"))}
    schema = schema_files()
    entries = zip_entries(tei_paths, schema)
    hashes: dict[str, str] = {}
    loaders: dict[str, Callable[[], bytes]] = {}
    readme = ZIP_README.encode("utf-8")
    for member, source in entries:
        kind, _, name = source.partition("/")
        if kind == "tei":
            hashes[member] = digests.digest(tei_paths[name])
            loaders[member] = tei_paths[name].read_bytes
        else:
            data = schema[name] if kind == "schema" else readme
            hashes[member] = _sha(data)
            loaders[member] = _given(data)
    key = _key([[member, hashes[member]] for member, _ in entries])
    target = writer.out / ZIP_NAME
    if before.get("key") == key and target.is_file() and target.stat().st_size == before.get(
            "size"):
        return before
    old_members: dict[str, ziparchive.Member] = {}
    if target.is_file():
        old = target.read_bytes()
        if _sha(old) == before.get("sha"):  # the zip this stage wrote: its members are known
            old_members = ziparchive.read_members(old)
    kept: dict[str, str] = before.get("members") or {}
    members: list[ziparchive.Member] = []
    for member, _ in entries:
        carried = old_members.get(member)
        if carried is not None and kept.get(member) == hashes[member]:
            members.append(carried)
        else:
            members.append(ziparchive.deflate(member, loaders[member]()))
    if ziparchive.fits([m.size for m in members]):
        data = ziparchive.archive(members)
    else:  # beyond the classic limits: zipfile, every member compressed again
        data = corpus_zip({name: path.read_bytes() for name, path in tei_paths.items()}, schema)
    writer.put(ZIP_NAME, data)
    return {"key": key, "sha": _sha(data), "size": len(data), "members": hashes}
