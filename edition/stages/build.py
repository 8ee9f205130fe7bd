"""``edition build``: its stages (convert, validate, render) share one pool of workers
(:func:`edition.stages.pool.session`), so that each worker starts once and keeps what it
set up; a worker that waits for the others meanwhile compiles the stylesheets the
render stage will need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from edition.paths import XSLT_DIR
from edition.stages import pool

# What the workers import to validate and render, and the processes aside import to make
# the search index, the published files and the extracts: imported once by the fork
# server, not by each process it starts (none of them loads Saxon or Java:
# tests/test_stages.py). The convert stage adds its own modules when its sources go to
# the workers (edition.stages.convert.WORKER_MODULES).
PRELOAD = ("edition.stages.validate", "edition.stages.render", "edition.stages.search",
           "edition.stages.publish", "edition.stages.extracts")


@contextmanager
def build_session(jobs: int) -> Iterator[None]:
    """The pool for a whole build with ``jobs`` processes (none with 1)."""
    from edition.stages.render import views

    with pool.session(jobs, PRELOAD):
        pool.warm(views, (str(XSLT_DIR),))
        yield
