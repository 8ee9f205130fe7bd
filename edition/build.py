"""The file-touching side of the pipeline, used by the CLI: one module per stage in
:mod:`edition.stages` (convert, validate, render, search); this module gathers the
functions the CLI, the tests and the benchmarks call.

Each failure is reported as an EditionError and the other documents still get
built; the caller turns a non-empty problem list into a non-zero exit status.
"""

from __future__ import annotations

from edition.stages.common import CORPUS, MANIFEST, REGISTERS, Say
from edition.stages.convert import ConvertReport, Mentions, convert, scan_tei, seed_files
from edition.stages.render import RENDER_STATE, RenderReport, render
from edition.stages.validate import validate

__all__ = [
    "CORPUS",
    "MANIFEST",
    "REGISTERS",
    "RENDER_STATE",
    "ConvertReport",
    "Mentions",
    "RenderReport",
    "Say",
    "convert",
    "render",
    "scan_tei",
    "seed_files",
    "validate",
]
