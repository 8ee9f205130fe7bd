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


def validate_beside(paths: Sequence[Path], jobs: int, *, in_worker: bool = False
                    ) -> pool.Deferred[Report]:
    """:func:`edition.stages.validate.validate` of ``paths`` (with the cache ``edition
    validate`` keeps) begun now, its report taken when asked for: in a process of its
    own, or with ``in_worker`` as a task of the session's workers. When more than
    :data:`BESIDE_FILES` files are to be checked, they are checked then, by the
    session's workers (``jobs``).

    ``in_worker`` when the render keeps every worker busy (a first build, many sources
    changed: :func:`edition.stages.pool.every_worker_busy`): Saxon has started in the
    workers, and the one that takes the task compiles the Schematron rules in a heap
    grown already. A fresh process's Saxon starts with a small heap, which compiling
    and checking grow at some cost. Measured at 40 documents, from scratch, 2 cores:
    about 0.15 s less CPU in all; in four sets of alternating builds 0.89, 0.95, 0.95
    and 1.02 times the time before (the machine's noise is of that size). With a few
    documents to render, the process of its own checks them while the one worker
    renders them; in that worker it checked them first, before the views were ready
    (a change to one document: 1.03 s against 0.91 s, medians of eight). The task goes
    to the documents' workers (:data:`edition.stages.pool.DOCUMENTS`): one checks while
    the worker of the pages across documents makes them, and each compiles its own
    stylesheets once."""
    names = [str(p) for p in paths]
    early = (pool.submit(_validate_few, names, lane=pool.DOCUMENTS) if in_worker
             else pool.aside(_validate_few, names))

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
