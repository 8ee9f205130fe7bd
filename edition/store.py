"""Writing generated files without ever losing an editor's work.

``tei/`` is the edition's master copy: editors correct its files by hand. The store
remembers, in ``tei/.generated.json``, the SHA-256 of what the converter wrote for
each file, and for each source the fingerprint of everything its files were made from
(its bytes, the rules, the registers, the code), so that an unchanged source is not
converted again. Before writing a file again it compares: a file whose content is not one
the converter wrote has been edited, and is left alone (and reported) unless
``force`` is given, in which case a backup of the edited file is kept in
``tei/.backup/`` first.

Order of writes, so that an interruption at any point loses nothing and misjudges
nothing: (1) the new hash is added to the record, (2) the file is written through a
temporary file and a rename. The record keeps the last few hashes of each file, so a
file left old or new by an interruption is still known as generated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from edition.errors import EditionError
from edition.xmlio import write_bytes_atomic, write_text_atomic

STATE_NAME = ".generated.json"
BACKUP_DIR = ".backup"
KEEP = 4


class Outcome(Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT_EDITED = "kept (edited by hand)"
    REPLACED_EDITED = "regenerated (edited version backed up)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class WriteResult:
    path: Path
    outcome: Outcome
    backup: Path | None = None


class GeneratedStore:
    """A folder of generated files that protects hand edits."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state_path = folder / STATE_NAME
        self.sources: dict[str, dict[str, object]] = {}
        self.state: dict[str, list[str]] = self._load()
        # temporary files of a run that was killed before it could rename them
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)

    def _load(self) -> dict[str, list[str]]:
        if not self.state_path.exists():
            return {}
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            files = data["files"]
            self.sources = {str(k): dict(v) for k, v in data.get("sources", {}).items()}
            return {str(k): [str(h) for h in v] for k, v in files.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EditionError(self.state_path, 0, 0,
                               f"the record of generated files is unreadable ({exc}); "
                               "delete it to treat every existing file as edited") from None

    def _save(self) -> None:
        text = json.dumps({"files": dict(sorted(self.state.items())),
                           "sources": dict(sorted(self.sources.items()))}, indent=1,
                          sort_keys=True)
        write_text_atomic(self.state_path, text + "\n")

    def is_edited(self, name: str) -> bool:
        """Whether the file on disk is not one the converter wrote."""
        path = self.folder / name
        if not path.exists():
            return False
        return sha256(path.read_bytes()) not in self.state.get(name, [])

    def write(self, name: str, data: bytes, force: bool = False) -> WriteResult:
        path = self.folder / name
        digest = sha256(data)
        existed = path.exists()
        if existed:
            current = path.read_bytes()
            current_digest = sha256(current)
            if current_digest == digest:
                if self.state.get(name, [])[-1:] != [digest]:  # the last one written
                    self._remember(name, digest)
                return WriteResult(path, Outcome.UNCHANGED)
            if current_digest not in self.state.get(name, []):
                if not force:
                    return WriteResult(path, Outcome.KEPT_EDITED)
                backup = self.folder / BACKUP_DIR / f"{path.stem}.{current_digest[:12]}{path.suffix}"
                write_bytes_atomic(backup, current)
                self._remember(name, digest)
                write_bytes_atomic(path, data)
                return WriteResult(path, Outcome.REPLACED_EDITED, backup)
        self._remember(name, digest)
        write_bytes_atomic(path, data)
        return WriteResult(path, Outcome.UPDATED if existed else Outcome.CREATED)

    def write_many(self, items: list[tuple[str, bytes]], force: bool = False,
                   sources: dict[str, tuple[str, list[str]]] | None = None
                   ) -> list[WriteResult]:
        """:meth:`write` for many files, with one save of the record (before any file is
        written, as :meth:`write` does): the record is not rewritten once per file.

        ``sources``: what each source gave (:meth:`remember_sources`), recorded in the
        same save. A file of theirs kept as edited by hand is recorded with the SHA-256
        of the edit it was compared with (``edited``): while the source, its inputs and
        that edit stay as they are, the source need not be converted again only to be
        told the same (:meth:`unchanged_source`); an editor who corrects one document of
        a collection by hand would otherwise have the whole collection converted again
        on every build. Saving the record before the files are written is safe:
        :meth:`unchanged_source` also asks each file to be the one last recorded, so a
        file an interruption left unwritten makes its source converted again."""
        plan: list[tuple[Path, bytes, Outcome, Path | None, bytes | None]] = []
        results: list[WriteResult] = []
        edits: dict[str, str] = {}  # the files kept as edited by hand: their SHA-256 now
        for name, data in items:
            path = self.folder / name
            digest = sha256(data)
            current = path.read_bytes() if path.exists() else None
            backup: Path | None = None
            if current is None:
                outcome = Outcome.CREATED
            elif sha256(current) == digest:
                outcome = Outcome.UNCHANGED
            elif sha256(current) not in self.state.get(name, []):
                if not force:
                    results.append(WriteResult(path, Outcome.KEPT_EDITED))
                    edits[name] = sha256(current)
                    continue
                outcome = Outcome.REPLACED_EDITED
                backup = self.folder / BACKUP_DIR / f"{path.stem}.{sha256(current)[:12]}{path.suffix}"
            else:
                outcome = Outcome.UPDATED
            # the last hash is what the file now is (unchanged_source asks it): one
            # written before (an edit undone) moves to the end
            if self.state.get(name, [])[-1:] != [digest]:
                hashes = [h for h in self.state.get(name, []) if h != digest]
                self.state[name] = [*hashes, digest][-KEEP:]
            if outcome is not Outcome.UNCHANGED:
                plan.append((path, data, outcome, backup, current))
            results.append(WriteResult(path, outcome, backup))
        for source, (fingerprint, files) in (sources or {}).items():
            record: dict[str, object] = {"fingerprint": fingerprint, "files": files}
            edited = {name: edits[name] for name in files if name in edits}
            if edited:
                record["edited"] = edited
            self.sources[source] = record
        self._save()
        for path, data, _, backup, current in plan:
            if backup is not None and current is not None:
                write_bytes_atomic(backup, current)
            write_bytes_atomic(path, data)
        return results

    def unchanged_source(self, source: str, fingerprint: str,
                         digest: Callable[[Path], str] | None = None) -> list[str] | None:
        """The files a source gave last time, if nothing it depends on has changed since
        and every one of them is still exactly what was generated, or, for one kept as
        edited by hand, still the edit it was then compared with (:meth:`edited`); else
        None. ``digest`` gives a file's SHA-256 (default: read and hash it)."""
        record = self.sources.get(source)
        if not record or record.get("fingerprint") != fingerprint:
            return None
        files = [str(f) for f in record.get("files", [])]  # type: ignore[attr-defined]
        edited = self.edited(source)
        for name in files:
            hashes = self.state.get(name)
            expected = edited.get(name) or (hashes[-1] if hashes else None)
            if expected is None:
                return None
            path = self.folder / name
            try:  # (a file gone cannot be read: no look whether it is there first)
                found = digest(path) if digest is not None else sha256(path.read_bytes())
            except OSError:
                return None
            if found != expected:
                return None
        return files

    def edited(self, source: str) -> dict[str, str]:
        """The files of a source that its last conversion kept as edited by hand, each
        with the SHA-256 it had then."""
        record = self.sources.get(source) or {}
        edited = record.get("edited")
        return ({str(k): str(v) for k, v in edited.items()}
                if isinstance(edited, dict) else {})

    def remember_source(self, source: str, fingerprint: str, files: list[str]) -> None:
        """Record what a source gave, so that an unchanged source is not read again."""
        self.remember_sources({source: (fingerprint, files)})

    def remember_sources(self, sources: dict[str, tuple[str, list[str]]]) -> None:
        """:meth:`remember_source` for many sources, with one save of the record."""
        for source, (fingerprint, files) in sources.items():
            self.sources[source] = {"fingerprint": fingerprint, "files": files}
        if sources:
            self._save()

    def forget_sources(self, sources: Iterable[str]) -> None:
        """Drop what is recorded of these sources, so that they are converted again
        (saved now: before any of their files is written)."""
        dropped = [self.sources.pop(source) for source in sources if source in self.sources]
        if dropped:
            self._save()

    def _remember(self, name: str, digest: str) -> None:
        hashes = [h for h in self.state.get(name, []) if h != digest]
        self.state[name] = [*hashes, digest][-KEEP:]
        self._save()
