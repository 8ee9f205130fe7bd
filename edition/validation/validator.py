"""The validator: every file well-formed, then RELAX NG, then Schematron.

Each file is parsed safely once; RELAX NG runs on all parsed files (in one jing run
when jing is the engine); Schematron runs on each parsed tree, told which TEI files
the edition has so that references to other files can be checked. Every problem found
is reported, sorted by file, line and column; nothing stops at the first one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from lxml import etree

from edition.errors import EditionError
from edition.namespaces import TEI_NS, XML_ID
from edition.paths import EDITION_RNG, EDITION_SCH, Resolver, listing
from edition.register_kinds import ENTRY_TAGS, NAME_TAGS
from edition.validation.relaxng import EngineName, RelaxNGChecker
from edition.validation.report import Problem, ProblemList, Report
from edition.validation.schematron import Schematron, resolve_location, saxon_version
from edition.validation.source import SourceFile, load
from edition.validation.wording import root_problem
from edition.whitespace import tokens
from edition.xmlio import pull, safe_parser

SNIFF_BYTES = 8192
_FIRST_TAG = re.compile(rb"<(?![?!])([^\s/>]+)[^>]*>")


REGISTERS_FILE = "registers.xml"


class Validator:
    """Checks TEI files against a RELAX NG schema and a Schematron schema.

    ``schema`` and ``schematron`` default to the edition's own (schema/edition.rng and
    schema/edition.sch); each is compiled once, here. ``engine`` chooses the RELAX NG
    engine: "auto" (see :mod:`edition.validation.relaxng`), "lxml" or "jing".
    Raises EditionError when it cannot run: a schema missing or not compiling, or
    Java missing when jing is required.
    """

    def __init__(self, schema: Path | None = None, schematron: Path | None = None, *,
                 engine: EngineName = "auto") -> None:
        self.schema = Path(schema) if schema is not None else EDITION_RNG
        self.schematron = Path(schematron) if schematron is not None else EDITION_SCH
        self._relaxng = RelaxNGChecker(self.schema, engine)
        self._rules = Schematron(self.schematron)
        self._registers: dict[tuple[Path, str], tuple[etree._ElementTree | None]] = {}

    @property
    def description(self) -> str:
        """Which engines check the files, for a verbose or summary line."""
        return (f"{self._relaxng.description}; Schematron {self.schematron.name} via "
                f"{saxon_version()}")

    def validate_paths(self, paths: Sequence[Path]) -> Report:
        """Check files, and folders (their ``*.xml`` files, recursively)."""
        files = collect(paths)
        found = self.check_files(files, Context.of(files))
        problems = [problem for _, display in files for problem in found.get(display, [])]
        return Report(_without_repeats(sorted(problems, key=Problem.sort_key)), len(files),
                      self.description)

    def check_files(self, files: Sequence[tuple[Path, str]], context: Context,
                    dependencies: dict[str, Dependencies] | None = None
                    ) -> dict[str, list[Problem]]:
        """The problems of each file (by the name to print), in the order of the checks.

        What a file's problems depend on besides the file itself is all in ``context``
        (the edition's files and its registers files), so that files can be checked in
        any grouping, by several processes, or taken from a cache, with the same result.
        ``dependencies``: given, it receives what of the context each file read that
        could be read (:func:`file_dependencies`).
        """
        found: dict[str, ProblemList] = {display: ProblemList() for _, display in files}
        sources: list[SourceFile] = []
        for path, display in files:
            loaded = load(path, display)
            if isinstance(loaded, Problem):
                found[display].add(loaded)
                continue
            wrong_root = root_problem(loaded, self._relaxng.model)
            if wrong_root is not None:  # not a file of this kind: nothing more to say
                found[display].add(wrong_root)
                continue
            sources.append(loaded)
            if dependencies is not None:
                dependencies[display] = file_dependencies(loaded.tree)
        for display, problems in self._relaxng.check(sources).items():
            found[display].extend(problems)
        # each file's path resolved once: a group's files are the registers file the
        # others are checked against, when it is among them (before, every file of a
        # group resolved every other's path: at 200 files, a sixth of the check's time)
        resolved = {source.path: Path(source.path).resolve() for source in sources}
        trees: dict[Path, etree._ElementTree] = {}
        for source in sources:
            trees.setdefault(resolved[source.path], source.tree)
        for source in sources:
            folder = resolved[source.path].parent
            registers = self._registers_tree(context.registers.get(folder), trees,
                                             context.projections)
            found[source.path].extend(
                self._schematron_problems(source, context.edition_files, registers))
        return {display: problems.sorted() for display, problems in found.items()}

    def _registers_tree(self, path: Path | None, checked: dict[Path, etree._ElementTree],
                        projections: dict[Path, bytes | None]) -> etree._ElementTree | None:
        """The registers file beside the documents (checked with them, ``checked`` by
        resolved path: its tree; else its projection when the context has one: else the
        whole file), parsed once."""
        if path is None:
            return None
        if path in checked:
            return checked[path]
        projection = projections.get(path, b"")
        key = (path, hashlib.sha256(projection).hexdigest() if projection is not None else "")
        cached = self._registers.get(key)
        if cached is None:
            cached = (None,)
            if projection:
                try:
                    cached = (etree.ElementTree(etree.fromstring(projection, safe_parser())),)
                except etree.XMLSyntaxError:  # not one we made: read the whole file
                    projection = b""
            if projection is not None and not projection:
                loaded = load(path, str(path))
                cached = (loaded.tree if isinstance(loaded, SourceFile) else None,)
            self._registers[key] = cached
        return cached[0]

    def _schematron_problems(self, source: SourceFile, edition_files: str,
                             registers: etree._ElementTree | None) -> list[Problem]:
        parameters: dict[str, str | frozenset[str]] = {
            "document-uri": source.uri, "known-files": _file_set(edition_files)}
        documents = {"registers-document": registers} if registers is not None else {}
        problems = []
        for finding in self._rules.check(source.tree, parameters, documents):
            element, attribute = resolve_location(source.root, finding.location)
            if attribute is not None:
                line, col = source.attribute_position(element, attribute)
            else:
                line, col = source.element_position(element)
            problems.append(Problem(source.path, line, col, finding.severity, finding.message,
                                    finding.rule or "schematron"))
        return problems


# What a file's check reads of its context (schema/edition.sch), told from the file:
# [whether it points at other files by name (cross-references; a register file other
# than the registers.xml beside it): the edition's list of files then decides its
# result; whether its names point at a registers file; the ids of the entries they point
# at (what follows the first "#"), sorted]. More than the rules read, never less: a
# result kept under it is the result the file would get.
Dependencies = list[Any]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_REGISTER_POINTER = re.compile(r"(^|/)registers\.xml#")
_POINTING = tuple(f"{{{TEI_NS}}}{tag}" for tag in ("ref", "ptr"))
_NAMING = (*NAME_TAGS, f"{{{TEI_NS}}}name")


def file_dependencies(tree: etree._ElementTree) -> Dependencies:
    """What checking the file ``tree`` reads outside it (see :data:`Dependencies`): the
    rules cross-references (``ref``/``ptr`` ``@target`` naming a file) and
    register-references (a name's ``@ref`` into a registers.xml)."""
    files = registers = False
    ids: set[str] = set()
    for element in tree.iter(*_POINTING):
        for token in tokens(element.get("target") or ""):
            if not token.startswith("#") and not _SCHEME.match(token):
                files = True
    for element in tree.iter(*_NAMING):
        for token in tokens(element.get("ref") or ""):
            if _REGISTER_POINTER.search(token):
                registers = True
                file, _, ident = token.partition("#")
                files = files or file != REGISTERS_FILE
                ids.add(ident)
    return [files, registers, sorted(ids)]


@lru_cache(maxsize=4)
def _file_set(edition_files: str) -> frozenset[str]:
    """The edition's files (one URI a line) as a set, made once for every file checked
    in their context (the rules are given it as a map: see schema/edition.sch)."""
    return frozenset(line for line in edition_files.split("\n") if line.strip())


@dataclass(frozen=True)
class Context:
    """What checking a file depends on besides the file: the URIs of the edition's TEI
    files (for references between files, one per line) and, per folder, the registers
    file checked with the others (given to the Schematron already parsed)."""

    edition_files: str
    registers: dict[Path, Path]
    # per registers file (as in ``registers``), what the other files' rules read from
    # it (registers_projection); a file not here is read whole
    projections: dict[Path, bytes | None] = field(default_factory=dict)

    @classmethod
    def of(cls, files: Sequence[tuple[Path, str]],
           is_tei: Callable[[Path | str], bool] | None = None,
           resolve: Resolver | None = None) -> Context:
        """The context of checking ``files`` together: the TEI files among them and beside
        them (told by their first element: ``is_tei``, by default read from the file),
        the registers files among them."""
        is_tei = is_tei or is_tei_file
        text = (resolve or Resolver()).text
        # (paths as strings: a Path made for each of an edition's thousands of files,
        # and hashed, was most of the time this took)
        known: set[str] = set()
        folders: set[str] = set()
        registers: dict[Path, Path] = {}
        for path, _ in files:
            resolved = text(str(path))
            folder, name = os.path.split(resolved)
            folders.add(folder)
            if name == REGISTERS_FILE and is_tei(resolved):
                registers[Path(folder)] = Path(resolved)
        for folder in folders:
            for name in listing(Path(folder)):
                if name.endswith(".xml"):  # as glob("*.xml")
                    resolved = text(os.path.join(folder, name))
                    if is_tei(resolved):
                        known.add("file://" + quote_from_bytes(os.fsencode(resolved)))
        return cls("\n".join(sorted(known)), registers)


def registers_projection(path: Path) -> bytes | None:
    """What checking the other files reads from a registers file, as a small TEI file:
    each entry (``person``, ``place``, ``org`` with an ``xml:id``) with its kind, its id,
    its ``cert`` (a proposal's) and its first preferred name, in document order (the
    register rules of schema/edition.sch look up exactly these: a rule that read more
    would have to be given it here). None when the file cannot be loaded as the
    validator loads it (:func:`edition.validation.source.load`: the same safe parse).

    Its other content (notes, where each entry is named) changes no other file's result:
    the validate stage keys the other files' results on this, not on the file's bytes,
    and hands it to the rules in place of the whole file (a fraction of its size).

    Read as it streams (:func:`edition.xmlio.pull`): each element is let go of once
    read, but a preferred name until its text is taken. A registers file of 10,000
    documents (19 MB, mostly the passages that name each entry) stood whole in the
    command's memory: some 170 MB for a projection of 115 KB."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    entries = frozenset(ENTRY_TAGS)
    # each open entry of the file: its element in the projection (None: it has no id)
    open_entries: dict[etree._Element, etree._Element | None] = {}
    named: set[etree._Element] = set()  # entries of the projection given their name
    reading: dict[etree._Element, etree._Element] = {}  # preferred name → its entry's
    try:
        for event, element in pull(data, str(path)):
            if event == "start":
                kept = open_entries.get(element.getparent())  # type: ignore[arg-type]
                if (kept is not None and kept not in named
                        and element.get("type") == "preferred"):
                    named.add(kept)
                    reading[element] = kept
                if element.tag in entries:
                    ident = element.get(XML_ID)
                    cert = element.get("cert")  # "low": the annotator's proposal
                    open_entries[element] = (None if ident is None else etree.SubElement(
                        root, element.tag, {XML_ID: ident, **({"cert": cert} if cert else {})}))
                continue
            kept = reading.pop(element, None)
            if kept is not None:
                name = etree.SubElement(kept, element.tag, type="preferred")
                name.text = "".join(str(t) for t in element.itertext())
            open_entries.pop(element, None)
            parent = element.getparent()
            if parent is not None and not reading:  # (a preferred name is read whole)
                parent.remove(element)
    except EditionError:
        return None
    return bytes(etree.tostring(root, encoding="UTF-8"))


def collect(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """(path, name to print) of each file to check, once each, in a stable order; folders
    give their ``*.xml`` files, recursively, but not those in hidden folders."""
    return list(_collect(paths))


def _collect(paths: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    """(path, name to print) of each file to check, once each, in a stable order."""
    seen: set[str] = set()
    resolve = Resolver()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found = sorted(_xml_files(given), key=lambda path: path.parts)  # as Paths sort
        elif given.exists():
            found = [given]
        else:
            raise EditionError(given, 0, 0, "no such file or folder")
        for path in found:
            key = resolve.text(str(path))
            if key not in seen:
                seen.add(key)
                yield path, str(path)


def _xml_files(folder: Path) -> Iterator[Path]:
    """The ``*.xml`` files in ``folder`` and the folders below it, but not in hidden
    folders (one listing per folder: the file kinds come with it)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(".xml") and entry.is_file():
            yield folder / entry.name
        elif entry.is_dir() and not entry.is_symlink():  # as rglob: links not followed
            yield from _xml_files(folder / entry.name)


def is_tei_file(path: Path | str) -> bool:
    """Whether a file's first element is <TEI> in the TEI namespace (from its first bytes)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _FIRST_TAG.search(head)
    if match is None:
        return False
    return match.group(1).split(b":")[-1] == b"TEI" and TEI_NS.encode() in match.group(0)


def _without_repeats(problems: list[Problem]) -> list[Problem]:
    """Drop a schema's message where a Schematron rule says the same, in better words:
    jing's duplicate-ID messages (tei_all types xml:id as xsd:ID) where id.unique
    reported the file's repeated IDs, and a datatype message on a date attribute where
    date.iso reported that very attribute."""
    repeated_ids = {p.path for p in problems if p.rule == "id.unique"}
    bad_dates = {(p.path, p.line, p.col) for p in problems if p.rule == "date.iso"}
    return [
        p for p in problems
        if not (p.rule == "schema.id" and p.path in repeated_ids)
        and not (p.rule == "schema.value" and (p.path, p.line, p.col) in bad_dates)
    ]
