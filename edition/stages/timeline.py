"""The timeline page (timeline.html) of the render stage, made again from what changed.

Below its documents, the timeline lists every date the documents' texts name, each item
with the words of its passage: an edit to a dated passage of any document changes the
page. Made whole, the list is most of the page's work (at 1,000 synthetic documents,
3,461 dates: 0.7 s of a 1.0 s transform, and the product 0.85 s of CPU in a process of
its own). So the page is made of kept pieces, in ``site/.cache/timeline.json``:

* each document's items (xslt/events.xsl's ed:event-items: each item as the page writes
  it, after the page's last check, with the key the list is ordered by), kept under the
  hash of the document's part of the extracts (:mod:`edition.stages.extracts`) and the
  digest of the stylesheets;
* the page without its items (:meth:`edition.render.Renderer.render_timeline_shell`: the
  list holds :data:`edition.render.EVENT_ITEMS` only, and the transform reads the corpus
  file only), kept under the digest of what it is made from (the stylesheets, the build
  date, the corpus: the render stage's key) and whether it has any item (their number
  takes its place too: :data:`edition.render.EVENT_COUNT`).

The items of every document, in the order of the documents and of their dates, ordered
by key with that order kept among equal keys (as xsl:sort orders them: stable, by code
point), take the comment's place. The bytes are those of the page made whole
(tests/test_timeline.py). An edit to one dated passage, or a date added or taken away,
makes that document's items again, and nothing else.

The render stage's process plans (:class:`Plan`); the product (:func:`page`) is made
wherever the render stage's products are, and returns the state to keep with the page,
written with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.errors import EditionError
from edition.sitedata import corpus as corpus_of
from edition.stages.common import CACHE_DIR, load_json, state_bytes

if TYPE_CHECKING:  # (edition.render loads Saxon: the fork server does not import it)
    from edition.render import Renderer

STATE = f"{CACHE_DIR}/timeline.json"
PART = "events"

# A document's kept items: [hash of its part, [[key, item], ...], [message, ...]]
Kept = list[Any]
# The kept page without its items: [its key, the page, [message, ...]]
Shell = list[Any]
# Documents whose items are made in one call to Saxon: its heap grows with what one call
# holds, and at 1,000 documents the process that made every item in one call was among
# the build's largest (213-231 MB). An edition of up to this many dated documents is
# made in one call, as before.
DOCUMENTS_PER_CALL = 100


class Plan:
    """What the product needs (it pickles): the documents that have dated passages, in
    order, with the hashes of their parts; for each, what is kept of it (None: its items
    are to be made); the parts of those, in order; the kept page without its items."""

    def __init__(self, extracts: Any, out: Path, code: str) -> None:
        """``code``: the digest of what the items are made with (the stylesheets)."""
        state = load_json(out / STATE)
        same = state.get("code") == code
        known: dict[str, Any] = state.get("documents") or {} if same else {}
        hashes: dict[str, str] = extracts.hashes(PART)
        self.code = code
        self.names = list(hashes)
        self.hashes = list(hashes.values())
        self.kept: list[Kept | None] = []
        todo: list[str] = []
        for name, digest in hashes.items():
            entry: Any = known.get(name)
            if _valid_items(entry) and entry[0] == digest:
                self.kept.append(entry)
            else:
                self.kept.append(None)
                todo.append(name)
        self.parts: list[bytes] = extracts.parts(PART, todo)
        shell: Any = state.get("shell") if same else None
        self.shell: Shell | None = shell if _valid_shell(shell) else None

    def size(self) -> int:
        """The bytes of the parts to read."""
        return sum(map(len, self.parts))


def _valid_items(entry: Any) -> bool:
    return (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
            and isinstance(entry[1], list) and isinstance(entry[2], list)
            and all(isinstance(item, list) and len(item) == 2
                    and all(isinstance(s, str) for s in item) for item in entry[1])
            and all(isinstance(message, str) for message in entry[2]))


def _valid_shell(shell: Any) -> bool:
    return (isinstance(shell, list) and len(shell) == 3 and isinstance(shell[0], str)
            and isinstance(shell[1], str) and isinstance(shell[2], list)
            and all(isinstance(message, str) for message in shell[2]))


def page(renderer: Renderer, corpus: bytes, source_name: str, key: str, plan: Plan
         ) -> dict[str, bytes]:
    """timeline.html, and the state to keep (by its site path): the items of the
    documents ``plan`` left to make made from their parts, the others' taken as kept;
    the page without its items made again unless kept under ``key`` (what the render
    stage's pages are made from) and whether there is any item. The messages of the
    page are added to the renderer's warnings."""
    from edition.release import edition_version
    from edition.render import COUNT_MARK, EVENT_COUNT, EVENT_ITEMS, ITEMS_MARK

    fresh = [index for index, entry in enumerate(plan.kept) if entry is None]
    if len(fresh) != len(plan.parts):
        raise EditionError(source_name, 0, 0, "the timeline's dated events do not match "
                           "the documents they are made from")
    entries: list[Kept] = list(plan.kept)  # type: ignore[arg-type]

    def shell_key(any_items: bool) -> str:
        return hashlib.sha256(f"{key} {any_items} {edition_version()}".encode()).hexdigest()

    def shell_for(any_items: bool) -> Shell:
        wanted = shell_key(any_items)
        if plan.shell is not None and plan.shell[0] == wanted:
            return plan.shell
        html, said = renderer.render_timeline_shell(corpus, source_name, int(any_items))
        return [wanted, html.decode("utf-8"), said]

    # the page without its items first, as it is when any document has an item (every
    # document made now has one, nearly always): Saxon's heap, still small, takes what
    # that transform leaves, rather than growing for it once the items have grown it;
    # made again below if that was not so
    shell = shell_for(bool(plan.parts) or any(kept[1] for kept in plan.kept if kept))
    for index, (made, said) in zip(fresh, _items(renderer, plan.parts), strict=True):
        entries[index] = [plan.hashes[index], [[k, item] for k, item in made], said]
    items = [(k, item) for entry in entries for k, item in entry[1]]
    ordered = sorted(items, key=lambda pair: pair[0])  # stable, by code point: xsl:sort
    if shell[0] != shell_key(bool(items)):
        shell = shell_for(bool(items))
    messages: list[str] = []  # (each once, as the page made whole reports them)
    for message in [*shell[2], *(m for entry in entries for m in entry[2])]:
        if message not in messages:
            messages.append(message)
    renderer.add_warnings(messages, corpus, source_name)
    html = shell[1].encode("utf-8")
    if items:
        if html.count(EVENT_ITEMS) != 1 or html.count(EVENT_COUNT) != 1:
            raise EditionError(source_name, 0, 0, "the timeline page has no single place "
                               "for its dated events and their number")
        html = _put(html, EVENT_ITEMS, ITEMS_MARK,
                    "".join(item for _, item in ordered).encode("utf-8"))
        html = _put(html, EVENT_COUNT, COUNT_MARK, str(len(items)).encode())
    state = {"code": plan.code, "documents": dict(zip(plan.names, entries, strict=True)),
             "shell": shell}
    return {"timeline.html": html, STATE: state_bytes(state) + b"\n"}


def _put(page: bytes, place: bytes, mark: bytes, text: bytes) -> bytes:
    """``page`` with ``text`` in the place of ``mark`` within ``place`` (found once)."""
    return page.replace(place, place.replace(mark, text))


def _items(renderer: Renderer, parts: list[bytes]
           ) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """Each part's items (key, item) and the messages their check gave: the parts
    :data:`DOCUMENTS_PER_CALL` to a call; when a call's check said something (an unsafe
    link dropped: rare), each of its parts again alone, so that each document keeps its
    own messages."""
    found: list[tuple[list[tuple[str, str]], list[str]]] = []
    for start in range(0, len(parts), DOCUMENTS_PER_CALL):
        batch = parts[start:start + DOCUMENTS_PER_CALL]
        made, messages = renderer.render_event_items(corpus_of(batch))
        if messages:
            found.extend(_one(renderer, part) for part in batch)
            continue
        items: list[tuple[list[tuple[str, str]], list[str]]] = [([], []) for _ in batch]
        for document, k, item in made:
            items[document - 1][0].append((k, item))
        found.extend(items)
    return found


def _one(renderer: Renderer, part: bytes) -> tuple[list[tuple[str, str]], list[str]]:
    made, messages = renderer.render_event_items(corpus_of([part]))
    return [(k, item) for _, k, item in made], messages
