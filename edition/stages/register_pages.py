"""The register pages (persons.html, places.html, organisations.html) of the render
stage, made again from what changed.

Each entry of a register page lists the documents that mention it, with the passages
that name it: a source that names a known person changes the registers file (its lists
of mentions) and that person's entry. Made whole, the entries are nearly all of the
page's work (at 1,000 synthetic documents the persons page, 1,007 entries, was 1.3 s of
CPU in a process of its own, beside the registers file's validation). So the page is
made of kept pieces, in ``site/.cache/registers-<register>.json``:

* each entry's item (xslt/registers-page.xsl's ed:entry-items: the ``<li>`` as the page
  writes it before its last check, and the messages it gave), kept under the hash of
  all it is made from: the entry as the registers file holds it, its place there (the
  messages locate by it) and its ancestors' attributes, the names in the documents'
  text that point at it with their passages (:func:`edition.sitedata.named`), and the
  stylesheets;
* the page without its entries (:meth:`edition.render.Renderer.render_register_shell`:
  each entry's place holds ``<!--ed:entry N-->``), kept under the render stage's key
  (stylesheets, build date, corpus), the registers file's header and what the page's
  order and headings read of the register (its division's other children, each
  entry's names and attributes).

The items take their places, and the page is given its last check whole (the page made
whole is written without it when :func:`edition.pagecheck.plainly_safe` vouches for it,
as here). The bytes are those of the page made whole (tests/test_register_pages.py).
Where the pieces could differ from the page made whole, the page is made whole instead:
when the page without its entries said something (a part of the register the page does
not show, an entry id the page uses itself: the order of the messages would differ), or
when the last check would change the page (a link it drops).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from edition.errors import EditionError
from edition.namespaces import TEI_NS, XML_ID
from edition.register_kinds import ENTRY_TAGS, LIST_TAGS, NAME_TAGS
from edition.sitedata import corpus, file_id, named_pairs
from edition.stages.common import CACHE_DIR, load_json, state_bytes
from edition.whitespace import normalize_space

if TYPE_CHECKING:  # (edition.render loads Saxon: the fork server does not import it)
    from edition.render import Renderer

# What is kept, and how: a change to either makes every page again.
FORMAT = "1"
_T = f"{{{TEI_NS}}}"
_PLACEHOLDER = re.compile(rb"<!--ed:entry (\d+)-->")
# Entries made in one call to Saxon, each call given only the documents its entries
# name: the largest process of a 1,000-document build is the one that makes the persons
# page (1,007 entries), and Saxon's heap grows with what one call holds. Made all in one
# call, that process peaked at 236-247 MB in three builds; 100 at a time, 219-220 MB (250
# at a time: 232 MB), for some 0.2-0.4 s more of its CPU (documents named in several
# calls are read again). An edition of up to this many entries per page is made as before.
ENTRIES_PER_CALL = 100
# And at most this many bytes of the documents' parts in one call (at least one entry).
# The more documents name each entry, the more a call of 100 entries reads: at 1,000
# synthetic documents 0.25-0.86 MB (persons), 1.2 MB (the 95 places, in one call); at
# 10,000, 4.3-9.2 MB (persons) and 12 MB (places, organisations). There the persons
# page's process peaked at 566-619 MB made from nothing, 509-523 MB with 25 entries a
# call; a call bounded by what it reads keeps that bound at any size of edition.
BYTES_PER_CALL = 2_000_000

# A process that makes one register's page reads the registers file without the other
# registers' entries when the file is larger than this (bytes). Their tree, with
# Saxon's, is some 13 times their size: at 10,000 synthetic documents (a registers file
# of 19 MB) each register page's process peaked 100-200 MB lower made alone, and the
# build's largest process 621 and 630 MB against 690 and 696 MB. At 1,000 documents
# (2.3 MB) they are some 15 MB, less than one build's peak moves from the next, and
# eight pairs of builds read medians of 233.7 MB against 224.1 MB with the whole file:
# Saxon's heap grew further in processes that began smaller.
READ_ALONE_BYTES = 8_000_000

# A kept entry: [its item, [message, ...]]; the kept page without its entries:
# [its key, the page, [message, ...]]
Item = list[Any]
Shell = list[Any]
# The documents' mentions parts, in order, each with the file name its ``@ed:file`` holds
# (edition.stages.extracts.Extracts.by_file): the edition tree the pages read is these
# in a teiCorpus (edition.sitedata.corpus)
Mentions = Sequence[tuple[str, bytes]]


def state_file(register: str) -> str:
    """Where the pieces of register page ``register`` are kept, in the site."""
    return f"{CACHE_DIR}/registers-{register}.json"


class Source:
    """What the register pages are made from, read once for the pages a process makes:
    the registers file (its TEI element, and the same given to Saxon), the documents'
    parts that name entries (``mentions``) and, from ``named`` (their names and
    passages, by document), the names pointing at each entry. ``only``: the one
    register whose page is made from it (the others' entries are not read:
    :func:`edition.render.other_registers`); None: any."""

    def __init__(self, renderer: Renderer, registers: bytes, source_name: str,
                 mentions: Mentions, named: Mapping[str, str],
                 only: str | None = None) -> None:
        self.registers = registers
        self.source_name = source_name
        self.mentions = mentions
        self.only = only
        self.root, self.node = renderer.registers_source(registers, source_name, only)
        self.by_entry = _names_by_entry(named)


def read_alone(registers: bytes, names: Sequence[str]) -> str | None:
    """The register whose page alone a process makes from the registers file
    ``registers``, when it is to be read without the others' entries
    (:data:`READ_ALONE_BYTES`); None: the file is read whole."""
    return names[0] if len(names) == 1 and len(registers) > READ_ALONE_BYTES else None


def pages(renderer: Renderer, registers: bytes, source_name: str, key: str, code: str,
          mentions: Mentions, named: Mapping[str, str], out: Path, register: str
          ) -> dict[str, bytes]:
    """Register page ``register`` and the state to keep (:func:`page_of`), from the
    registers file, the documents' ``mentions`` parts and their names ``named``. The
    file is read for that register alone whatever its size (the render stage does so
    only past :data:`READ_ALONE_BYTES`: :func:`read_alone`), so that a small file shows
    the page is the same either way."""
    return page_of(renderer, Source(renderer, registers, source_name, mentions, named,
                                    register), key, code, out, register)


def page_of(renderer: Renderer, source: Source, key: str, code: str, out: Path,
            register: str) -> dict[str, bytes]:
    """Register page ``register`` and the state to keep (by site path): the entries
    whose items are not kept made from ``source``, the others taken as kept; the page
    without its entries made again unless kept under ``key`` (what the render stage's
    pages are made from). ``code``: the digest of the stylesheets. The page's messages
    are added to the renderer's warnings."""
    if source.only not in (None, register):
        raise ValueError(f"the registers file was read for the {source.only} page alone, "
                         f"not the {register} page")
    root, node, source_name = source.root, source.node, source.source_name
    entries = _entries(root, register)
    state = load_json(out / state_file(register))
    code = f"{FORMAT} {code}"
    same = state.get("code") == code
    kept_items: dict[str, Any] = state.get("entries") or {} if same else {}
    keys = [_entry_key(code, entry, source.by_entry) for entry in entries]
    items: list[Item | None] = [kept_items.get(k) if _valid_item(kept_items.get(k)) else None
                                for k in keys]

    shell_key = _shell_key(key, code, root, register)
    shell: Any = state.get("shell") if same else None
    if not (_valid_shell(shell) and shell[0] == shell_key):
        html, said = renderer.render_register_shell(node, source_name, register)
        shell = [shell_key, html.decode("utf-8"), said]
    if shell[2]:  # the page's own messages come before and after its entries': whole
        return _whole(renderer, source, register)

    todo = [position for position, item in enumerate(items, 1) if item is None]
    for batch, documents in _calls(todo, entries, source.mentions):
        tree = _tree(source.mentions, documents)
        for position, item in _made(renderer, node, register, batch, tree).items():
            items[position - 1] = item

    html = shell[1].encode("utf-8")
    order = [int(found) for found in _PLACEHOLDER.findall(html)]
    if sorted(order) != list(range(1, len(entries) + 1)):
        raise EditionError(source_name, 0, 0, f"the {register} page has not one place for "
                           "each entry of the register")
    made = {position: item for position, item in enumerate(items, 1) if item is not None}
    page = _PLACEHOLDER.sub(lambda m: made[int(m.group(1))][0].encode("utf-8"), html)
    from edition.pagecheck import plainly_safe

    if not plainly_safe(page):  # the page's last check would change it: made whole
        return _whole(renderer, source, register)
    messages: list[str] = []  # (each once, as the page made whole reports them)
    for position in order:
        messages.extend(m for m in made[position][1] if m not in messages)
    renderer.add_warnings_of(messages, root, source_name)
    kept = {"code": code, "shell": shell,
            "entries": {k: made[position] for position, k in enumerate(keys, 1)}}
    return {f"{register}.html": page, state_file(register): state_bytes(kept) + b"\n"}


def _whole(renderer: Renderer, source: Source, register: str) -> dict[str, bytes]:
    """The page made whole (its state left as it was: what it keeps is still true)."""
    return renderer.render_registers(source.registers, source.source_name,
                                     corpus(part for _, part in source.mentions),
                                     names=(register,))


def _division(root: etree._Element, register: str) -> etree._Element | None:
    """The division a register page is made from, as registers-page.xsl selects it: the
    body's first division of the register's type (None: there is none)."""
    return next((div for div in root.iterfind(f"{_T}text/{_T}body/{_T}div")
                 if div.get("type") == register), None)


def _entries(root: etree._Element, register: str) -> list[etree._Element]:
    """The register's entries in document order, as registers-page.xsl selects them: in
    its division (:func:`_division`), its lists' entries."""
    div = _division(root, register)
    return [] if div is None else [entry for child in div if child.tag in LIST_TAGS
                                   for entry in child if entry.tag in ENTRY_TAGS]


def _names_by_entry(named: Mapping[str, str]) -> dict[str, list[str]]:
    """For each key a name points with, the documents' names so pointing with their
    passages, in order (more than the page reads: a name that is not the registers
    file's is kept too, and only makes its entry again when it changes)."""
    found: dict[str, list[str]] = {}
    for document, text in named.items():
        for name, passage in named_pairs(text):
            found.setdefault(name, []).append(f"{document}\x00{passage}")
    return found


def _entry_key(code: str, entry: etree._Element, by_entry: Mapping[str, list[str]]) -> str:
    """The hash of all an entry's item is made from."""
    h = hashlib.sha256(code.encode())
    for ancestor in reversed(list(entry.iterancestors())):  # (an inherited xml:lang, say)
        h.update(f"\x01{ancestor.tag}{sorted(ancestor.attrib.items())}".encode())
    h.update(f"\x01{_position_path(entry)}\x01".encode())  # where its messages point
    h.update(etree.tostring(entry, with_tail=False))
    for inner in entry.iter(*ENTRY_TAGS):  # (its own, and any entry written inside it)
        h.update(b"\x02" + "\x01".join(by_entry.get(inner.get(XML_ID) or "", [])).encode())
    return h.hexdigest()


def _position_path(element: etree._Element) -> str:
    """The element's positions among its parent's child elements, from the root's child
    down (the stylesheets' ed:position-path)."""
    steps: list[str] = []
    while (parent := element.getparent()) is not None:
        steps.append(str(1 + sum(1 for sibling in element.itersiblings(preceding=True)
                                 if isinstance(sibling.tag, str))))
        element = parent
    return "/".join(reversed(steps))


def _shell_key(key: str, code: str, root: etree._Element, register: str) -> str:
    """The hash of what the page without its entries reads: the render stage's key, the
    registers file's element and header, the register's division but for its entries,
    and of each entry its attributes and names (its order and its letter)."""
    h = hashlib.sha256(f"{key} {code} {register} {sorted(root.attrib.items())}".encode())
    for header in root.iterfind(f"{_T}teiHeader"):
        h.update(etree.tostring(header, with_tail=False))
    div = _division(root, register)
    if div is not None:  # (the page reads no other division)
        h.update(f"\x01{sorted(div.attrib.items())}".encode())
        for child in div:
            if child.tag not in LIST_TAGS:
                h.update(b"\x01" + etree.tostring(child, with_tail=False))
                continue
            h.update(f"\x02{child.tag}{sorted(child.attrib.items())}".encode())
            for entry in child:
                if entry.tag not in ENTRY_TAGS:
                    h.update(b"\x03" + etree.tostring(entry, with_tail=False))
                    continue
                h.update(f"\x04{entry.tag}{sorted(entry.attrib.items())}".encode())
                for name in entry:
                    if name.tag in NAME_TAGS:
                        h.update(b"\x05" + etree.tostring(name, with_tail=False))
    return h.hexdigest()


def _documents_of(entries: Iterable[etree._Element]) -> set[str]:
    """The documents the entries' lists of mentions name, as registers-page.xsl's ed:doc-id
    reads a target."""
    found: set[str] = set()
    for entry in entries:
        for note in entry.iterfind(f"{_T}note[@type='mentions']"):
            for ref in note.iterfind(f"{_T}ref[@target]"):
                found.add(file_id(normalize_space(ref.get("target") or "")))
    return found


def _calls(positions: list[int], entries: Sequence[etree._Element], mentions: Mentions
           ) -> Iterator[tuple[list[int], set[str]]]:
    """The entries at ``positions`` in calls to Saxon, in order, each with the documents
    its entries name: at most :data:`ENTRIES_PER_CALL` entries and, but for a call of one
    entry, :data:`BYTES_PER_CALL` bytes of those documents' parts."""
    sizes = {file: len(part) for file, part in mentions}
    batch: list[int] = []
    documents: set[str] = set()
    size = 0
    for position in positions:
        named = _documents_of([entries[position - 1]])
        added = sum(sizes.get(document, 0) for document in named - documents)
        if batch and (len(batch) >= ENTRIES_PER_CALL or size + added > BYTES_PER_CALL):
            yield batch, documents
            batch, documents, size = [], set(), 0
            added = sum(sizes.get(document, 0) for document in named)
        batch.append(position)
        documents |= named
        size += added
    if batch:
        yield batch, documents


def _tree(mentions: Mentions, documents: set[str]) -> bytes:
    """The edition tree of the ``mentions`` parts of the documents ``documents`` only (by
    their file names as ``@ed:file`` holds them), in order: what the entries made now
    look up, read by Saxon in a fraction of the time of the whole. The parts are taken
    as they are, not parsed (at 10,000 documents the whole tree, 12 MB, took some
    130 MB in each register page's process to parse and cut)."""
    return corpus(part for file, part in mentions if file in documents)


def _made(renderer: Renderer, node: Any, register: str, positions: list[int], tree: bytes
          ) -> dict[int, Item]:
    """The items of the entries at ``positions``, each with its own messages: all in one
    call, and when that said something, each said entry again alone."""
    made, said = renderer.render_register_items(node, register, positions, tree)
    items: dict[int, Item] = {position: [html, []] for position, html in made}
    if said:
        for position in positions:
            again, messages = renderer.render_register_items(node, register, [position],
                                                             tree)
            items[position] = [again[0][1], messages]
    if sorted(items) != positions:
        raise EditionError("the registers file", 0, 0, "the register's entries do not "
                           "match the entries asked for")
    return items


def _valid_item(item: Any) -> bool:
    return (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], list) and all(isinstance(m, str) for m in item[1]))


def _valid_shell(shell: Any) -> bool:
    return (isinstance(shell, list) and len(shell) == 3 and isinstance(shell[0], str)
            and isinstance(shell[1], str) and isinstance(shell[2], list)
            and all(isinstance(m, str) for m in shell[2]))
