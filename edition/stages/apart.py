"""Whole-edition work too large for a worker: done in fresh processes of its own.

A worker of a session is recycled once it has grown past
:data:`edition.stages.pool.RECYCLE_MB`, but only after its task: one that starts a
large whole-edition task near that mark (the register pages over a registers file of
thousands of entries, say) ends far above it, for Saxon's heap grows with all a task
allocates. Such a task goes to a process of its own instead (:func:`edition.stages.pool.
aside`, started from the clean fork server), which begins small; a product of several
pages is made one page per process (:func:`in_pieces`), so that no one process holds
the allocations of them all. Small editions keep their tasks in the workers, whose
set-up (the stylesheets, the schemas) is made already: a process of its own sets up
again (half a second or more), which is worth it only where a worker would grow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.stages import pool

# A whole-edition task whose input files are together larger than this (bytes) is made
# apart. Saxon's heap grows by about 25 MB for each MB of a register page's input (the
# registers file and the mentions); a worker is recycled near 216 MB, a worker of a small
# edition peaks near 220-250 MB: a task of 1 MB keeps a worker within about 25 MB of
# that; a larger one goes apart.
APART_BYTES = 1_000_000


def large(*paths_or_sizes: Path | int) -> bool:
    """Whether the input (files, or sizes in bytes) is larger than :data:`APART_BYTES`,
    in an open session (without one, everything is made in this one process)."""
    if not pool.in_session():
        return False
    total = 0
    for item in paths_or_sizes:
        if isinstance(item, int):
            total += item
            continue
        try:
            total += item.stat().st_size
        except OSError:  # reported where it is read
            continue
    return total > APART_BYTES


# (pages by site path: their bytes, or what the process that wrote them tells of them;
# the warnings), or the error
Made = tuple[dict[str, Any], list[str]] | EditionError


def in_pieces(function: Callable[..., Made], args: tuple[Any, ...],
              pieces: Sequence[tuple[Any, ...]]) -> pool.Deferred[Made]:
    """``function(*args, *piece)`` for each piece, each in a process of its own started
    now (:func:`edition.stages.pool.aside`), taken together as one product: the pages
    of all, the warnings of all (:func:`merge_warnings`), or the first piece's error."""
    deferred = [pool.aside(function, *args, *piece) for piece in pieces]

    def take() -> Made:
        results = [d.result() for d in deferred]  # every process waited for
        pages: dict[str, bytes] = {}
        warnings: list[list[str]] = []
        for result in results:
            if isinstance(result, EditionError):
                return result
            pages.update(result[0])
            warnings.append(result[1])
        return pages, merge_warnings(warnings)

    return pool.Deferred(take)


_REPEATED = re.compile(r"^(?P<line>.*: warning: unhandled element <(?P<name>[^>]+)>.*?)"
                       r"(?: \(and (?P<more>\d+) more <(?P=name)> elements\))?$", re.DOTALL)


def merge_warnings(parts: Sequence[Sequence[str]]) -> list[str]:
    """The warnings of the pieces of one product, as the product made whole gives them:
    a line said by several pieces once, and an unhandled element's lines counted on the
    first (render.py's ``_warnings`` says "(and N more <x> elements)" per page made)."""
    lines: list[str] = []
    first_of: dict[str, int] = {}
    more: dict[str, int] = {}
    for part in parts:
        for warning in part:
            repeated = _REPEATED.match(warning)
            if repeated is None:
                if warning not in lines:
                    lines.append(warning)
                continue
            name = repeated.group("name")
            count = int(repeated.group("more") or 0)
            if name in first_of:
                more[name] += count + 1
                continue
            first_of[name] = len(lines)
            more[name] = count
            lines.append(repeated.group("line"))
    for name, index in first_of.items():
        if more[name]:
            lines[index] += f" (and {more[name]} more <{name}> elements)"
    return lines
