"""The validate stage of ``edition build`` begun beside the render: in a process of its own
(:func:`edition.stages.pool.aside`), so that a build that changed a few documents checks
them there (Saxon and the schemas loaded there) while this process renders. Apart from
:mod:`edition.stages.validate` so that this process does not import the validator."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from edition.stages import pool

if TYPE_CHECKING:
    from edition.validation.report import Report

# At most this many files are checked in the process aside; more are checked by the
# session's workers, as ``edition validate`` checks them (when the result is asked for).
# The aside loads the schemas once, where two workers would each load them (a tenth of a
# second of CPU each), and begins as soon as the conversion ends; sixty-odd files take
# it well under a second, less than the render it runs beside.
BESIDE_FILES = 64


def validate_beside(paths: Sequence[Path], jobs: int) -> pool.Deferred[Report]:
    """:func:`edition.stages.validate.validate` of ``paths`` (with the cache ``edition
    validate`` keeps) begun in a process of its own, its report taken when asked for.
    When more than :data:`BESIDE_FILES` files are to be checked, they are checked then,
    by the session's workers (``jobs``)."""
    early = pool.aside(_validate_few, [str(p) for p in paths])

    def take() -> Report:
        report = early.result()
        if report is None:  # too many for one process
            from edition.stages.validate import default_cache, validate

            report = validate(paths, jobs=jobs, cache=default_cache(paths))
        return report

    return pool.Deferred(take, early.settle)


def _validate_few(names: list[str]) -> Report | None:
    """The validation of ``names`` in this process, or None when it would check more
    than :data:`BESIDE_FILES` files (nothing checked, nothing saved)."""
    from edition.stages.validate import TooMany, default_cache, validate

    paths = [Path(name) for name in names]
    try:
        return validate(paths, cache=default_cache(paths), limit=BESIDE_FILES)
    except TooMany:
        return None
