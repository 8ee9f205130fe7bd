"""What the pages across documents read from each document, kept between runs.

The register pages, the timeline and the restrictions page read a few things from every
document (:mod:`edition.sitedata`: its *parts*). Each document's parts are kept in
``site/.cache/extracts/<file>.json`` under the hash of its TEI file (and of the code
that cuts them), and their hashes in ``site/.cache/extracts.json``: an unchanged
document is not parsed again, and a page is keyed on the hashes of the parts it reads
(:meth:`Extracts.digest`), so that an edit that changes none of them leaves it alone.
A page is made from the parts (:meth:`Extracts.tree`), never from the whole documents.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from edition.sitedata import PARTS, corpus, extract_document, file_id, named
from edition.stages.common import (
    CACHE_DIR,
    Digests,
    code_digest,
    document_files,
    load_json,
    save_json,
)
from edition.xmlio import write_bytes_atomic

EXTRACTS_DIR = f"{CACHE_DIR}/extracts"
EXTRACTS_STATE = f"{CACHE_DIR}/extracts.json"
# The code that cuts the parts: a change to it makes them all again.
_CODE = ("sitedata.py", "anchors.py", "xmlio.py", "namespaces.py")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest() if data else ""


class Extracts:
    """The parts of every document of ``tei``, brought up to date in ``out``'s cache
    when made: only documents whose TEI file changed (or whose cache file is missing)
    are read and cut again."""

    def __init__(self, tei: Path, out: Path, digests: Digests) -> None:
        self.folder = out / EXTRACTS_DIR
        self._state = out / EXTRACTS_STATE
        self.read = 0  # documents parsed in this run
        self._code = code = code_digest(*_CODE)
        state = load_json(self._state)
        known: dict[str, Any] = state.get("documents") or {} if state.get("code") == code else {}
        # name → [hash of the TEI file, hash of each part ("" for an empty one), the
        # names of its mentions part with their passages (edition.sitedata.named)]
        self.documents: dict[str, list[Any]] = {}
        self._paths: dict[str, Path] = {}
        for path in document_files(tei):
            key = digests.digest(path)
            entry = known.get(path.name)
            if not (isinstance(entry, list) and len(entry) == 2 + len(PARTS)
                    and entry[0] == key and isinstance(entry[-1], str)
                    and self._file(path.name).is_file()):
                entry = self._cut(path, key)
            self.documents[path.name] = entry
            self._paths[path.name] = path
        if self.folder.is_dir():  # the parts of documents no longer in the edition
            for stale in self.folder.glob("*.json"):
                if stale.name.removesuffix(".json") not in self.documents:
                    stale.unlink(missing_ok=True)
        if known != self.documents or state.get("code") != code:
            self._save()

    def _save(self) -> None:
        save_json(self._state, {"code": self._code, "documents": self.documents})

    def _file(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def _cut(self, path: Path, key: str) -> list[Any]:
        """Read and cut one document; write its cache file; its state entry."""
        self.read += 1
        parts = extract_document(path.read_bytes(), str(path))
        texts = {part: parts.get(part, b"").decode("utf-8") for part in PARTS}
        # not flushed one by one: the site is flushed before the render state is saved,
        # and a part whose bytes were lost is cut again (its hash is checked in tree())
        write_bytes_atomic(self._file(path.name), json.dumps(
            {"key": key, "parts": texts}, sort_keys=True).encode("utf-8"), sync=False)
        return [key, *(_sha(parts.get(part, b"")) for part in PARTS),
                named(parts.get("mentions", b""))]

    def digest(self, part: str) -> str:
        """The hash of what the page that reads ``part`` is made from: every document's
        part, in order (documents with nothing for the page are not in it)."""
        index = 1 + PARTS.index(part)
        h = hashlib.sha256(part.encode())
        for name, entry in self.documents.items():
            if entry[index]:
                h.update(f"\n{name} {entry[index]}".encode())
        return h.hexdigest()

    def tree(self, part: str) -> bytes:
        """The tree the page that reads ``part`` is made from (:func:`edition.sitedata.
        corpus`): the cached parts of every document that has one (:meth:`parts`)."""
        return corpus(self.parts(part, list(self.hashes(part))))

    def by_file(self, part: str) -> list[tuple[str, bytes]]:
        """:meth:`tree`'s parts, in its order, each with its document's file name without
        ``.xml`` (what the part's ``@ed:file`` holds: :func:`edition.sitedata.
        extract_document`), so that a page can take the documents it needs without
        parsing the whole (:func:`edition.stages.register_pages.Mentions`)."""
        return [(file_id(name), data)
                for name, data in self._parts(part, list(self.hashes(part)))]

    def named(self) -> dict[str, str]:
        """The names each document's ``mentions`` part points with, and their passages
        (:func:`edition.sitedata.named`), of the documents that have any, in order: what
        the register pages are keyed on, page by page (:func:`edition.sitedata.
        register_keys`)."""
        return {name: entry[-1] for name, entry in self.documents.items() if entry[-1]}

    def hashes(self, part: str) -> dict[str, str]:
        """The hash of ``part`` of each document that has one, in order."""
        index = 1 + PARTS.index(part)
        return {name: entry[index] for name, entry in self.documents.items() if entry[index]}

    def parts(self, part: str, names: list[str]) -> list[bytes]:
        """``part`` of each of the documents ``names`` (each has one: :meth:`hashes`),
        from the cache, each checked against its hash (a cache file that does not match
        is made again from its document)."""
        return [data for _, data in self._parts(part, names)]

    def _parts(self, part: str, names: list[str]) -> list[tuple[str, bytes]]:
        """:meth:`parts`, each with the name of its document."""
        index = 1 + PARTS.index(part)
        found: list[tuple[str, bytes]] = []
        for name in names:
            entry = self.documents[name]
            data = self._part(name, entry[0], part)
            if _sha(data) != entry[index]:  # the cache file was changed or lost
                self.documents[name] = entry = self._cut(self._paths[name], entry[0])
                self._save()
                data = self._part(name, entry[0], part)
            if data:
                found.append((name, data))
        return found

    def _part(self, name: str, key: str, part: str) -> bytes:
        try:
            kept = json.loads(self._file(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return b""
        if not isinstance(kept, dict) or kept.get("key") != key:
            return b""
        text = (kept.get("parts") or {}).get(part)
        return text.encode("utf-8") if isinstance(text, str) else b""
