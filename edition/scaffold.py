"""``edition new DIR``: lay out the folders and files of a new edition.

The layout is the folder ``edition/skeleton/`` of the package, copied as it is (its
``gitignore`` becomes ``.gitignore``). An existing edition or a folder with files in
it is never written into.
"""

from __future__ import annotations

from pathlib import Path

from edition.errors import EditionError
from edition.paths import MARKER, PACKAGE

SKELETON = PACKAGE / "skeleton"
RENAMED = {"gitignore": ".gitignore"}


def skeleton_files() -> list[Path]:
    """The skeleton's files, relative to it."""
    return sorted(p.relative_to(SKELETON) for p in SKELETON.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def new_edition(folder: Path) -> list[Path]:
    """Write a new edition into ``folder`` (made if missing, else it must be empty);
    return the files written."""
    if (folder / MARKER).exists():
        raise EditionError(folder / MARKER, 0, 0, "there is already an edition here")
    if folder.exists() and not folder.is_dir():
        raise EditionError(folder, 0, 0, "not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise EditionError(folder, 0, 0, "the folder is not empty: a new edition is laid out "
                           "in a new or empty folder only")
    written: list[Path] = []
    for rel in skeleton_files():
        target = folder / rel.parent / RENAMED.get(rel.name, rel.name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((SKELETON / rel).read_bytes())
        except OSError as exc:
            raise EditionError(target, 0, 0, f"cannot write: {exc.strerror}") from None
        written.append(target)
    for empty in ("tei",):
        (folder / empty).mkdir(exist_ok=True)
    return written
