"""The seed manifest (``seeds/manifest.yml``): per-file format and metadata overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition import yamlio
from edition.errors import EditionError
from edition.model import DateValue, Metadata

_FIELDS = {"id", "title", "original_language", "original_language_basis", "repository",
           "call_number", "pages", "summary", "rights", "url", "citation", "series", "date",
           "funders"}


@dataclass(frozen=True)
class SeedConfig:
    format: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def load_manifest(path: Path) -> dict[str, SeedConfig]:
    """Read the manifest; an absent file means no overrides."""
    if not path.exists():
        return {}
    try:
        data = yamlio.read(path, "the manifest is not valid YAML") or {}
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot read the manifest: {exc.strerror}") from None
    files = data.get("files") or {}
    if not isinstance(files, dict):
        raise EditionError(path, 0, 0, "the manifest's 'files' must map file names to settings")
    from edition.read.formats import NAMES  # the registry names the formats

    out: dict[str, SeedConfig] = {}
    for name, entry in files.items():
        entry = entry or {}
        fmt = entry.get("format")
        if fmt is not None and fmt not in NAMES:
            raise EditionError(path, 0, 0, f"{name}: unknown format {fmt!r}; "
                               f"expected one of {', '.join(NAMES)}")
        meta = entry.get("metadata") or {}
        unknown = set(meta) - _FIELDS
        if unknown:
            raise EditionError(path, 0, 0, f"{name}: unknown metadata field(s) "
                               f"{', '.join(sorted(unknown))}; expected {', '.join(sorted(_FIELDS))}")
        out[str(name)] = SeedConfig(fmt, dict(meta))
    return out


def manifest_date(value: Any) -> DateValue:
    """A manifest date ``{when: 1956-04-20, text: "April 20, 1956"}`` as a DateValue."""
    if not isinstance(value, dict):
        value = {"when": str(value), "text": str(value)}
    attrs = tuple((k, str(v)) for k, v in value.items() if k != "text")
    return DateValue(str(value.get("text", "")), attrs)


def apply_metadata(meta: Metadata, overrides: dict[str, Any]) -> None:
    """Apply the manifest's corrections to one document's metadata (the id is given
    to the reader's documents by the convert stage, which renames their inner ids)."""
    for key, value in overrides.items():
        if key == "id":
            continue
        if key == "date":
            meta.date = manifest_date(value)
        else:
            setattr(meta, key, value)
