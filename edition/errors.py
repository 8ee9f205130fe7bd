"""The project's one error type: a problem located in a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class EditionError(Exception):
    """A problem with a file, printed as ``path:line:col: message``.

    ``line`` and ``col`` are 1-based; 0 means "not known" (the whole file).
    """

    path: str | Path
    line: int
    col: int
    message: str

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[EditionError], tuple[str | Path, int, int, str]]:
        """Copied and pickled by its fields: documents carry their warnings as errors, and a
        worker process of ``--jobs`` returns them."""
        return (type(self), (self.path, self.line, self.col, self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"
