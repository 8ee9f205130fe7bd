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


def load_manifest(path: Path, *, check_formats: bool = True) -> dict[str, SeedConfig]:
    """Read the manifest; an absent file means no overrides. ``check_formats``: check
    the format names now (the readers' registry is loaded for it); a caller that knows
    the manifest unchanged since it was last checked may leave it to
    :func:`check_format_names`, called only when the file changed."""
    if not path.exists():
        return {}
    try:
        data = yamlio.read(path, "the manifest is not valid YAML") or {}
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot read the manifest: {exc.strerror}") from None
    files = data.get("files") or {}
    if not isinstance(files, dict):
        raise EditionError(path, 0, 0, "the manifest's 'files' must map file names to settings")
    out: dict[str, SeedConfig] = {}
    for name, entry in files.items():
        entry = entry or {}
        fmt = entry.get("format")
        if check_formats:
            _check_format(path, name, fmt)
        meta = entry.get("metadata") or {}
        unknown = set(meta) - _FIELDS
        if unknown:
            raise EditionError(path, 0, 0, f"{name}: unknown metadata field(s) "
                               f"{', '.join(sorted(unknown))}; expected {', '.join(sorted(_FIELDS))}")
        out[str(name)] = SeedConfig(fmt, dict(meta))
    return out


def check_format_names(path: Path, manifest: dict[str, SeedConfig]) -> None:
    """Every format the manifest names is one a reader has (else an EditionError)."""
    for name, config in manifest.items():
        _check_format(path, name, config.format)


def _check_format(path: Path, name: object, fmt: Any) -> None:
    if fmt is None:
        return
    from edition.read.formats import NAMES  # the registry names the formats

    if fmt not in NAMES:
        raise EditionError(path, 0, 0, f"{name}: unknown format {fmt!r}; "
                           f"expected one of {', '.join(NAMES)}")


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
