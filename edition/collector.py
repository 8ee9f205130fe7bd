"""How often Python's cyclic garbage collector runs in the edition's processes.

Its default (a young collection after every 700 new objects, an older one after every
ten of those) suits programs that make and drop small objects; a build reads and keeps
state files of a thousand documents (tens of thousands of lists and dicts each) and
parses documents whose objects all live until the page is written. With the default,
the collector walks the same live objects again and again: 0.06 s of a one-change
build's main process at 1,000 documents, 0.01 s in each process aside. The edition
makes few reference cycles (its trees are lxml's, freed by reference counting); young
collections less often still free the cycles it makes (an exception's frames, say)
within a few thousand objects of their making.
"""

from __future__ import annotations

import gc

# young objects before a collection; young collections before an older one; older
# before a full one (the full one also waits until the long-lived objects grew by 25 %)
THRESHOLDS = (10_000, 20, 20)


def tune() -> None:
    """Collect less often, and leave what the process holds so far (its modules,
    imported before any document is read) out of every later collection."""
    gc.set_threshold(*THRESHOLDS)
    gc.freeze()
