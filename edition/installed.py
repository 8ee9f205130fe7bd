"""The version of an installed distribution, read from its metadata folder on ``sys.path``
as :func:`importlib.metadata.version` finds it, without importing that module: it takes
20-40 ms to import (it brings ``email``, ``zipfile``, ``csv``), in every process that asks
(the one rendering a changed document among them)."""

from __future__ import annotations

import os
import re
import sys

_RUNS = re.compile(r"[-_.]+")


def _normalized(name: str) -> str:
    """A distribution's name as its metadata folder spells it (PEP 503, then ``-`` as
    ``_``: "Foo.Bar-baz" and "foo_bar_baz" are one distribution)."""
    return _RUNS.sub("_", name).lower()


def version(name: str) -> str | None:
    """The ``Version`` of distribution ``name`` in the first ``*.dist-info`` or
    ``*.egg-info`` folder of it on ``sys.path`` (the order importlib.metadata searches
    in); None when it is not installed."""
    wanted = _normalized(name)
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # not a folder (a zip file, an editable install's path hook)
            continue
        # a folder's dist-info before its egg-info, as importlib.metadata looks
        for child in sorted(names, key=lambda child: not child.endswith(".dist-info")):
            stem, _, kind = child.rpartition(".")
            if kind not in ("dist-info", "egg-info") or _normalized(
                    stem.split("-")[0]) != wanted:
                continue
            found = _field(os.path.join(
                folder, child, "METADATA" if kind == "dist-info" else "PKG-INFO"))
            if found is not None:
                return found
    return None


def _field(path: str, field: str = "Version") -> str | None:
    """A header field of a metadata file (the headers end at the first empty line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    break
                key, colon, value = line.partition(":")
                if colon and key.strip().lower() == field.lower():
                    return value.strip()
    except (OSError, UnicodeDecodeError):
        return None
    return None
