"""The file-touching side of the pipeline, used by the CLI: convert seeds into ``tei/``,
render ``tei/`` into a site. The stages it calls take data and return data.

Each failure is reported as an EditionError and the other documents still get
built; the caller turns a non-empty problem list into a non-zero exit status.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from edition.convert import read_documents
from edition.encode import encode, encode_corpus, encode_registers
from edition.errors import EditionError
from edition.index import metadata_from_tei
from edition.manifest import SeedConfig, load_manifest
from edition.model import Metadata
from edition.names import NameAnnotator
from edition.paths import PACKAGE, XSLT_DIR
from edition.registers import REGISTERS_DIR, Registers, load_registers
from edition.render import Renderer, assets
from edition.rules import load_rules
from edition.search import SCRIPT_NAME as SEARCH_SCRIPT
from edition.search import document_entry, index_script, register_names
from edition.store import GeneratedStore, Outcome
from edition.xmlio import parse_file, write_bytes_atomic

Say = Callable[[str], None]
MANIFEST = "manifest.yml"
CORPUS = "corpus.xml"
REGISTERS = "registers.xml"


@dataclass
class ConvertReport:
    documents: dict[str, list[str]] = field(default_factory=dict)  # seed → document ids
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # file name → outcome
    problems: list[EditionError] = field(default_factory=list)


def seed_files(seeds: Path, only: Sequence[str] = ()) -> list[Path]:
    files = sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix == ".txt")
    if only:
        wanted = set(only)
        files = [p for p in files if p.name in wanted or str(p) in wanted]
    return files


def convert(seeds: Path, tei: Path, *, force: bool = False, only: Sequence[str] = (),
            registers: Path = REGISTERS_DIR, say: Say = print) -> ConvertReport:
    """Convert every seed (or those named) into TEI files in ``tei``."""
    report = ConvertReport()
    rules = load_rules()
    try:
        register_set = load_registers(registers)
    except EditionError as exc:
        report.problems.append(exc)
        register_set = Registers([])
    names = NameAnnotator(register_set)
    manifest = load_manifest(seeds / MANIFEST)
    store = GeneratedStore(tei)
    owners: dict[str, str] = {}
    inputs = _inputs_digest(registers)
    for path in seed_files(seeds, only):
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.problems.append(EditionError(path, 0, 0, f"cannot read: {exc.strerror}"))
            continue
        config = manifest.get(path.name, SeedConfig())
        fingerprint = hashlib.sha256(inputs.encode() + repr(config).encode() + data).hexdigest()
        done = None if force else store.unchanged_source(path.name, fingerprint)
        if done is not None and not any(name in owners for name in done):
            report.documents[path.name] = [Path(name).stem for name in done]
            for name in done:
                owners[name] = path.name
                report.outcomes[name] = Outcome.UNCHANGED
            continue
        try:
            docs = read_documents(path.name, data, config, rules, names)
        except EditionError as exc:
            exc.path = path
            report.problems.append(exc)
            continue
        report.documents[path.name] = [d.meta.doc_id for d in docs]
        for warning in (w for doc in docs for w in doc.warnings):
            say(warning)
        written: list[str] = []
        for doc in docs:
            name = f"{doc.meta.doc_id}.xml"
            if name in owners:
                report.problems.append(EditionError(
                    path, doc.meta.first_line, 1,
                    f"document id {doc.meta.doc_id} is already given to a document of "
                    f"{owners[name]}; ids come from the source (docs/encoding.md)"))
                continue
            owners[name] = path.name
            result = store.write(name, encode(doc), force=force)
            report.outcomes[name] = result.outcome
            written.append(name)
            if result.outcome is Outcome.KEPT_EDITED:
                say(f"{result.path}: edited by hand since it was generated: kept as it is "
                    "(use --force to regenerate it; a backup of the edited file is kept)")
            elif result.outcome is Outcome.REPLACED_EDITED:
                say(f"{result.path}: edited by hand: regenerated; the edited version is "
                    f"in {result.backup}")
        if len(written) == len(docs) and not any(
                report.outcomes[n] is Outcome.KEPT_EDITED for n in written):
            store.remember_source(path.name, fingerprint, written)
    # the corpus and the registers describe the TEI master copy as it now stands
    metas, mentions = scan_tei(tei)
    result = store.write(CORPUS, encode_corpus(metas), force=force)
    report.outcomes[CORPUS] = result.outcome
    result = store.write(REGISTERS, encode_registers(register_set, mentions), force=force)
    report.outcomes[REGISTERS] = result.outcome
    return report


@cache
def _code_digest() -> str:
    """The converter's own code and rules: a change to them converts every source again."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yml", ".yaml"):
            h.update(str(path.relative_to(PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _inputs_digest(registers: Path) -> str:
    """What every source's conversion depends on besides the source: code, rules, registers."""
    h = hashlib.sha256(_code_digest().encode())
    for path in sorted(registers.glob("*.yml")) if registers.is_dir() else []:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


Mentions = dict[str, list[tuple[str, str, int]]]


def scan_tei(tei: Path) -> tuple[list[Metadata], Mentions]:
    """One pass over the TEI master copy (hand edits included): each document's index
    entry, and where each register entry is named (document id, title, count)."""
    metas: list[Metadata] = []
    found: Mentions = {}
    for path in sorted(tei.glob("*.xml")):
        if path.name in (CORPUS, REGISTERS):
            continue
        try:
            tree = parse_file(path)
        except EditionError:
            continue  # reported by `edition validate`
        meta = metadata_from_tei(tree)
        metas.append(meta)
        counts: dict[str, int] = {}
        for named in tree.iterfind(".//*[@ref]"):
            target = named.get("ref", "")
            if target.startswith(f"{REGISTERS}#"):
                key = target.split("#", 1)[1]
                counts[key] = counts.get(key, 0) + 1
        for key, count in counts.items():
            found.setdefault(key, []).append((path.stem, meta.title, count))
    return metas, found


# -- rendering -------------------------------------------------------------------------

RENDER_STATE = ".render-state.json"


def _stylesheet_digest(xslt_dir: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(xslt_dir.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for name, data in sorted(assets().items()):
        h.update(name.encode())
        h.update(data)
    return h.hexdigest()


@dataclass
class RenderReport:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def render(tei: Path, out: Path, *, xslt_dir: Path | None = None) -> RenderReport:
    """Render every TEI file of ``tei`` into ``out``; unchanged documents are not redone."""
    xslt_dir = xslt_dir or XSLT_DIR
    report = RenderReport()
    renderer = Renderer(xslt_dir)
    state_path = out / RENDER_STATE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    style = _stylesheet_digest(xslt_dir)
    if state.get("stylesheets") != style:
        state = {"stylesheets": style, "files": {}}
    done: dict[str, list[str]] = state.setdefault("files", {})
    if out.is_dir():  # temporary files of a run that was killed before renaming them
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    for name, data in assets().items():
        write_bytes_atomic(out / name, data)
    for path in sorted(tei.glob("*.xml")):
        if path.name in (CORPUS, REGISTERS):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        previous = done.get(path.name)
        if previous and previous[0] == digest and all((out / p).exists() for p in previous[1:]):
            report.skipped.append(path.name)
            continue
        try:
            pages = renderer.render_document(data, str(path))
        except EditionError as exc:
            report.problems.append(exc)
            done.pop(path.name, None)
            continue
        for rel, content in pages.items():
            write_bytes_atomic(out / rel, content)
        done[path.name] = [digest, *sorted(pages)]
        report.rendered.append(path.name)
        report.warnings.extend(_drain_warnings(renderer, path))
    corpus_path = tei / CORPUS
    if corpus_path.exists():
        _write_pages(out, report, lambda: renderer.render_index(corpus_path.read_bytes()))
    else:
        report.problems.append(EditionError(corpus_path, 0, 0,
                                            "no corpus file: run `edition convert` first"))
    registers_path = tei / REGISTERS
    if registers_path.exists():
        _write_pages(out, report, lambda: renderer.render_registers(
            registers_path.read_bytes(), str(registers_path)))
    _render_search(renderer, tei, out, state, report)
    write_bytes_atomic(state_path, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode())
    return report


def _write_pages(out: Path, report: RenderReport,
                 make: Callable[[], dict[str, bytes]]) -> None:
    """Write the pages a stage makes; a failure is reported, the other pages still come."""
    try:
        for rel, content in make().items():
            write_bytes_atomic(out / rel, content)
    except EditionError as exc:
        report.problems.append(exc)


# -- the search page, the timeline and the search index ---------------------------------


@cache
def _search_code_digest() -> str:
    """The code that makes search records: a change to it makes them all again."""
    h = hashlib.sha256()
    for module in ("search.py", "index.py"):
        h.update((PACKAGE / module).read_bytes())
    return h.hexdigest()


def _render_search(renderer: Renderer, tei: Path, out: Path, state: dict[str, Any],
                   report: RenderReport) -> None:
    """search.html and timeline.html from the corpus file, and search-index.js.

    Each document's search record is kept in the render state under the hash of its
    TEI file (and of the registers file, which gives the names' preferred forms), so
    that only changed documents are read again. A document whose pages could not be
    rendered is left out of the index: its result would lead nowhere.
    """
    corpus_path = tei / CORPUS
    if corpus_path.exists():  # its absence is reported with the index
        first = len(renderer.warnings)
        _write_pages(out, report, lambda: renderer.render_site_pages(
            corpus_path.read_bytes(), str(corpus_path)))
        report.warnings.extend(renderer.warnings[first:])
        del renderer.warnings[first:]
    registers_path = tei / REGISTERS
    registers = registers_path.read_bytes() if registers_path.exists() else b""
    key = hashlib.sha256(_search_code_digest().encode() + registers).hexdigest()
    previous = state.get("search")
    cached: dict[str, Any] = {}
    if isinstance(previous, dict) and previous.get("key") == key:
        cached = previous.get("entries") or {}
    failed = {str(problem.path) for problem in report.problems}
    names: dict[str, str] | None = None
    kept: dict[str, list[Any]] = {}
    entries: list[dict[str, Any]] = []
    for path in sorted(tei.glob("*.xml")):
        if path.name in (CORPUS, REGISTERS) or str(path) in failed:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        hit = cached.get(path.name)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == digest:
            entry = hit[1]
        else:
            if names is None:
                names = {}
                if registers:
                    try:
                        names = register_names(registers, str(registers_path))
                    except EditionError as exc:
                        report.problems.append(exc)
            try:
                entry = document_entry(data, str(path), names)
            except EditionError as exc:
                report.problems.append(exc)
                continue
        kept[path.name] = [digest, entry]
        entries.append(entry)
    state["search"] = {"key": key, "entries": kept}
    script = index_script(entries)
    target = out / SEARCH_SCRIPT
    if not target.is_file() or target.read_bytes() != script:
        write_bytes_atomic(target, script)


def _drain_warnings(renderer: Renderer, path: Path) -> list[str]:
    """The stylesheets' warnings about one document (unhandled elements …)."""
    return [w if w.startswith(str(path)) else f"{path}:0:0: warning: {w}"
            for w in renderer.take_warnings()]
