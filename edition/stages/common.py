"""What the stages share: the edition's fixed file names, hashing, the reporting callback."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from edition.errors import EditionError
from edition.xmlio import write_bytes_atomic

Say = Callable[[str], None]
MANIFEST = "manifest.yml"
CORPUS = "corpus.xml"
REGISTERS = "registers.xml"
# Files of tei/ that are not documents of the edition.
NOT_DOCUMENTS = frozenset({CORPUS, REGISTERS})


def document_files(tei: Path) -> list[Path]:
    """The TEI documents of a tei/ folder, in a stable order (not corpus or registers)."""
    return [p for p in sorted(tei.glob("*.xml")) if p.name not in NOT_DOCUMENTS]


def digest_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """SHA-256 over the names (relative to ``root`` if given) and bytes of files."""
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path.relative_to(root) if root else path.name).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def write_pages(out: Path, problems: list[EditionError],
                make: Callable[[], dict[str, bytes]]) -> None:
    """Write the pages a stage makes; a failure is reported, the other pages still come."""
    try:
        for rel, content in make().items():
            write_bytes_atomic(out / rel, content)
    except EditionError as exc:
        problems.append(exc)
