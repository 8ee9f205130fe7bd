"""``edition build``: its stages (convert, validate, render) share one pool of workers
(:func:`edition.stages.pool.session`), so that each worker starts once and keeps what it
set up; a worker that waits for the others meanwhile compiles the stylesheets the
render stage will need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from edition.paths import XSLT_DIR
from edition.stages import pool

# What the workers import to render: imported once by the fork server, not by each
# process it starts (it loads neither Saxon nor Java: tests/test_stages.py). Only that:
# the worker that renders a changed document is forked as soon as the fork server has
# imported it, and each process aside (the search index, the published files, the
# extracts) imports its own modules meanwhile. The convert stage adds its modules when
# its sources go to the workers (edition.stages.convert.WORKER_MODULES); a worker that
# validates imports the validator itself (a small share of that work).
PRELOAD = ("edition.stages.render",)
# What the workers make first: the two views compiled (edition.stages.render.views),
# then told the corpus and build date as they are before the conversion (what a
# corrected text leaves as it was: edition.stages.render.context_before).
VIEWS_SETUP = "edition.stages.render:views"
CONTEXT_SETUP = "edition.stages.render:context_before"
# What the worker that makes the pages across documents makes first (pool.EDITION): the
# pages' stylesheet compiled (edition.stages.render.pages).
PAGES_SETUP = "edition.stages.render:pages"


@contextmanager
def build_session(jobs: int, tei: Path) -> Iterator[None]:
    """The pool for a whole build of the TEI folder ``tei`` with ``jobs`` processes (none
    with 1). The render stage is not imported here: the workers start sooner (the
    conversion begins sooner)."""
    with pool.session(jobs, PRELOAD):
        pool.warm(VIEWS_SETUP, (str(XSLT_DIR),))
        pool.warm(CONTEXT_SETUP, (str(XSLT_DIR), str(tei)))
        pool.warm(PAGES_SETUP, (str(XSLT_DIR),), lane=pool.EDITION)
        yield
