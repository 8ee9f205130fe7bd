"""The validate stage: the validator over files and folders, as the CLI and build run it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from edition.validate import Report, Validator


def validate(paths: Sequence[Path], *, schema: Path | None = None) -> Report:
    """Check TEI files and folders with our Schematron and ``schema`` (default ours)."""
    return Validator(schema=schema).validate_paths(list(paths))
