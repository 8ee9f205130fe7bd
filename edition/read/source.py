"""Loading a seed file as numbered lines, with clear errors for unusable input."""

from __future__ import annotations

from pathlib import Path

from edition.errors import EditionError
from edition.model import SourceLine


def decode_seed(data: bytes, path: str | Path) -> list[SourceLine]:
    """Decode a seed file's bytes into numbered lines (1-based), or raise EditionError."""
    if not data.strip():
        raise EditionError(path, 1, 1, "the file is empty: expected the text of a source document")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        raise EditionError(path, line, 1, "the file is binary (it holds NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EditionError(
            path, line, col,
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded "
            "(save it as UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [SourceLine(i, line) for i, line in enumerate(text.split("\n"), start=1)]


def read_seed(path: Path) -> list[SourceLine]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot read the file: {exc.strerror}") from None
    return decode_seed(data, path)
