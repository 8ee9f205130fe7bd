"""The validator: every file well-formed, then RELAX NG, then Schematron.

Each file is parsed safely once; RELAX NG runs on all parsed files (in one jing run
when jing is the engine); Schematron runs on each parsed tree, told which TEI files
the edition has so that references to other files can be checked. Every problem found
is reported, sorted by file, line and column; nothing stops at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from edition.errors import EditionError
from edition.paths import EDITION_RNG, EDITION_SCH
from edition.validation.relaxng import EngineName, RelaxNGChecker
from edition.validation.report import Problem, ProblemList, Report
from edition.validation.schematron import Schematron, resolve_location, saxon_version
from edition.validation.source import TEI_NS, SourceFile, load
from edition.validation.wording import root_problem

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

    @property
    def description(self) -> str:
        """Which engines check the files, for a verbose or summary line."""
        return (f"{self._relaxng.description}; Schematron {self.schematron.name} via "
                f"{saxon_version()}")

    def validate_paths(self, paths: Sequence[Path]) -> Report:
        """Check files, and folders (their ``*.xml`` files, recursively)."""
        files = list(_collect(paths))
        problems = ProblemList()
        sources: list[SourceFile] = []
        for path, display in files:
            loaded = load(path, display)
            if isinstance(loaded, Problem):
                problems.add(loaded)
                continue
            wrong_root = root_problem(loaded, self._relaxng.model)
            if wrong_root is not None:  # not a file of this kind: nothing more to say
                problems.add(wrong_root)
                continue
            sources.append(loaded)
        for found in self._relaxng.check(sources).values():
            problems.extend(found)
        edition_files = "\n".join(sorted(_edition_files(sources)))
        # the registers file of each folder, parsed once for all the files beside it
        registers = {Path(s.path).resolve().parent: s.tree for s in sources
                     if Path(s.path).name == REGISTERS_FILE}
        for source in sources:
            beside = registers.get(Path(source.path).resolve().parent)
            problems.extend(self._schematron_problems(source, edition_files, beside))
        return Report(_without_repeats(problems.sorted()), len(files), self.description)

    def _schematron_problems(self, source: SourceFile, edition_files: str,
                             registers: etree._ElementTree | None) -> list[Problem]:
        parameters = {"document-uri": source.uri, "edition-files": edition_files}
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


def _collect(paths: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    """(path, name to print) of each file to check, once each, in a stable order."""
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found = sorted(
                path for path in given.rglob("*.xml")
                if path.is_file()
                and not any(part.startswith(".") for part in path.relative_to(given).parts)
            )
        elif given.exists():
            found = [given]
        else:
            raise EditionError(given, 0, 0, "no such file or folder")
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path, str(path)


def _is_tei_file(path: Path) -> bool:
    """Whether a file's first element is <TEI> in the TEI namespace (from its first bytes)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _FIRST_TAG.search(head)
    if match is None:
        return False
    return match.group(1).split(b":")[-1] == b"TEI" and TEI_NS.encode() in match.group(0)


def _edition_files(sources: Sequence[SourceFile]) -> set[str]:
    """URIs of the TEI files references may lead to: the files being checked that are
    TEI documents, and the TEI files beside each of them."""
    known: set[str] = set()
    checked: set[Path] = set()
    folders: set[Path] = set()
    for source in sources:
        path = Path(source.path).resolve()
        checked.add(path)
        folders.add(path.parent)
        if source.root.tag == f"{{{TEI_NS}}}TEI":
            known.add(source.uri)
    for folder in folders:
        for path in folder.glob("*.xml"):
            resolved = path.resolve()
            if resolved not in checked and _is_tei_file(resolved):
                known.add(resolved.as_uri())
    return known


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
