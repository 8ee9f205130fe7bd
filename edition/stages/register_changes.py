"""The convert stage after an editor changed the registers: only the sources the change
can touch are converted again (:mod:`edition.name_reach` tells which).

A source's fingerprint (:func:`edition.stages.convert.convert`) leaves out the three
register files (persons, places, organisations); their hash is the **registers key**.
``tei/.cache/names.json`` keeps, for each source, what its annotation consulted
(:func:`edition.name_reach.record`) under its fingerprint and the registers key it is
known to be right for, and the snapshot of the annotator's tables for one key. A
source converted under another key than today's is converted again unless its key is
the snapshot's and the change from the snapshot to today's tables cannot touch it;
then it is known right for today's key too.

``tei/.cache/convert.json`` keeps the key every source was last known right for
(``names-registers``), so that a build with the registers as they were reads neither
the registers nor ``names.json`` to tell that nothing is to be done. It is set only by
a run that went through every source with readable registers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.stages.common import CACHE_DIR, load_json, save_json

STATE = "names.json"
KEPT_KEY = "names-registers"  # in the convert stage's own state


def registers_key(files: Mapping[str, bytes]) -> str:
    """The hash of the register files the name annotator reads (``files``: the content
    of each there is, by kind)."""
    from edition.register_kinds import KIND_OF_REGISTER

    h = hashlib.sha256()
    for name in KIND_OF_REGISTER:
        h.update(name.encode())
        h.update(files.get(name, b"(none)"))
    return h.hexdigest()


class RegisterChanges:
    """For one run of the convert stage: which unchanged sources are to be converted
    again (:meth:`stale`), what the converted ones consulted (:meth:`add`), saved by
    :meth:`save`. ``key``: today's :func:`registers_key`. ``load``: the registers as the
    annotator reads them, and their error (called at most once, when a change is to be
    told)."""

    def __init__(self, tei: Path, key: str, cache: dict[str, Any], *,
                 load: Callable[[], tuple[Any, EditionError | None]], partial: bool) -> None:
        self.path = tei / CACHE_DIR / STATE
        self.load = load
        self.key = key
        self.cache = cache
        self.partial = partial
        self._state: dict[str, Any] | None = None
        self._sources: dict[str, Any] = {}
        self._change: Any = None  # edition.name_reach.Changes, False when untellable
        self._tables: dict[str, Any] | None = None
        self._error: EditionError | None = None
        self._dirty = False

    def _loaded(self) -> dict[str, Any]:
        if self._state is None:
            state = load_json(self.path)
            sources = state.get("sources")
            self._sources = sources if isinstance(sources, dict) else {}
            state["sources"] = self._sources
            self._state = state
        return self._state

    def _now(self) -> dict[str, Any] | None:
        """The snapshot of today's tables; None when the registers cannot be read."""
        if self._tables is None and self._error is None:
            from edition.name_reach import snapshot
            from edition.names import tables

            register_set, self._error = self.load()
            if self._error is None:
                self._tables = snapshot(tables(register_set))
        return self._tables

    def _changes(self) -> Any:
        if self._change is None:
            from edition.name_reach import changes

            state = self._loaded()
            now = self._now()
            old = state.get("tables")
            found = changes(old, now) if isinstance(old, dict) and now is not None else None
            self._change = found if found is not None else False
        return self._change

    def stale(self, seed: str, fingerprint: str) -> bool:
        """Whether an unchanged source (its TEI as its fingerprint made it) is to be
        converted again because the registers changed in a way that can touch it."""
        if self.cache.get(KEPT_KEY) == self.key:
            return False
        from edition.name_reach import touches

        state = self._loaded()
        kept = self._sources.get(seed)
        if not isinstance(kept, list) or len(kept) != 3 or kept[0] != fingerprint:
            return True
        if kept[1] == self.key:
            return False
        if kept[1] != state.get("key"):
            return True
        change = self._changes()
        if change is False or touches(kept[2], change):
            return True
        kept[1] = self.key  # the change cannot touch it: right for today's registers
        self._dirty = True
        return False

    def add(self, seed: str, fingerprint: str, consulted: Any) -> None:
        """A source converted now with today's registers, and the record of what it
        consulted (:func:`edition.name_reach.record`, made where it was converted)."""
        self._loaded()
        self._sources[seed] = [fingerprint, self.key, consulted]
        self._dirty = True

    def save(self, complete: bool) -> None:
        """Keep what was learnt. ``complete``: every source of the edition went through
        this run and none is left converted with unreadable registers: the state's key
        becomes today's."""
        if self._dirty or (self._state is not None and self._state.get("key") != self.key):
            state = self._loaded()
            if state.get("key") != self.key:
                now = self._now()
                if now is not None:
                    state["key"], state["tables"] = self.key, now
            save_json(self.path, state)
        if complete and not self.partial and self._now_readable():
            self.cache[KEPT_KEY] = self.key
        else:
            self.cache.pop(KEPT_KEY, None)

    def _now_readable(self) -> bool:
        if self.cache.get(KEPT_KEY) == self.key and self._state is None:
            return True  # nothing was asked of the registers: as they were when known right
        return self._now() is not None
