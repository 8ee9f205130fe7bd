"""The convert stage: seeds → TEI files in ``tei/``, then the corpus and registers files.

A seed whose bytes, manifest settings, rules, registers and code are unchanged since it
was last converted is not read again (its fingerprint is kept by the store). Each
failure is reported as an EditionError and the other documents still get converted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from edition.convert import read_documents
from edition.detect import Detector
from edition.encode import encode, encode_corpus, encode_registers
from edition.errors import EditionError
from edition.index import metadata_from_tei
from edition.manifest import SeedConfig, load_manifest
from edition.model import Metadata
from edition.names import NameAnnotator
from edition.paths import PACKAGE, find_edition
from edition.proposals import load_rejected
from edition.proposals import update as update_proposals
from edition.registers import Registers, load_registers
from edition.rules import load_rules
from edition.stages.common import CORPUS, MANIFEST, REGISTERS, Say, document_files
from edition.store import GeneratedStore, Outcome
from edition.xmlio import parse_file


@dataclass
class ConvertReport:
    documents: dict[str, list[str]] = field(default_factory=dict)  # seed → document ids
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # file name → outcome
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[EditionError] = field(default_factory=list)  # what readers could not place


def seed_files(seeds: Path, only: Sequence[str] = ()) -> list[Path]:
    files = sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix == ".txt")
    if only:
        wanted = set(only)
        files = [p for p in files if p.name in wanted or str(p) in wanted]
    return files


def convert(seeds: Path, tei: Path, *, force: bool = False, only: Sequence[str] = (),
            registers: Path | None = None, say: Say = print) -> ConvertReport:
    """Convert every seed (or those named) into TEI files in ``tei``; ``registers``
    defaults to the registers of the edition around the current directory."""
    report = ConvertReport()
    registers = find_edition().registers if registers is None else registers
    rules = load_rules()
    try:
        register_set = load_registers(registers)
    except EditionError as exc:
        report.problems.append(exc)
        register_set = Registers([])
    try:
        rejected = load_rejected(registers)
    except EditionError as exc:
        report.problems.append(exc)
        rejected = frozenset()
    names = NameAnnotator(register_set, Detector(rejected=rejected))
    converted: set[str] = set()
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
        converted.update(d.meta.doc_id for d in docs)
        report.warnings.extend(EditionError(path, w.line, w.col, w.message)
                               for d in docs for w in d.warnings)
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
    proposed = update_proposals(registers, names.open, converted, register_set, rejected)
    result = store.write(REGISTERS, encode_registers(
        Registers([*register_set.entries, *proposed]), mentions), force=force)
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
    for path in document_files(tei):
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
