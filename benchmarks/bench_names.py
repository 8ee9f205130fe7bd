"""How well names are found in documents the registers have never seen.

Run from the repository root (not a test)::

    PYTHONPATH=. python benchmarks/bench_names.py [--show] [--json]

Leave-one-document-out over every document of the edition: for each document, every
register entry and every form that only that document uses is taken out of the
registers; the document is annotated with what is left plus the evidence-based
detector (edition/detect.py), and compared with the markup the full registers give.
Matching follows ../shared/tools/score_entities.py: same type, one text containing
the other as whole words, greedy in document order. Linking: for the reference
entity of each matched mention, the share of its mentions that carry the same
predicted @ref (the majority one) within the document: consistent linking, whether
the id is a register's or a proposal's.

Dates do not depend on the registers, so leave-one-out says nothing of them; they are
scored against ../shared/gold/003.yml (hand annotation) with the shared scorer, as are
the names of 003 in its held-out annotation. The registers were written with these
documents in view: the held-out figures are the honest ones.

Also printed: the time annotation takes (registers only, registers + detector) over
the whole edition, as a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import collections
import copy
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.convert import read_documents
from edition.detect import Detector
from edition.encode import encode
from edition.manifest import SeedConfig, load_manifest
from edition.model import Document, Node
from edition.names import NameAnnotator, _diplomatic
from edition.paths import ROOT
from edition.register_kinds import KIND_OF_NAME_TAG, KINDS
from edition.registers import Entry, Registers, load_registers
from edition.rules import load_rules

SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_entities.py"
GOLD_003 = SHARED / "gold" / "003.yml"
TYPES = tuple(kind.entry for kind in KINDS)


@dataclass
class Mention:
    kind: str
    text: str
    ref: str


@dataclass
class Tally:
    tp: collections.Counter[str] = field(default_factory=collections.Counter)
    pred: collections.Counter[str] = field(default_factory=collections.Counter)
    gold: collections.Counter[str] = field(default_factory=collections.Counter)
    linked: int = 0
    link_total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    spurious: list[tuple[str, str, str]] = field(default_factory=list)


def _norm(text: str) -> str:
    text = re.sub(r"[\[\]*]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:()'\"’”“").casefold()


def mentions(doc: Document) -> list[Mention]:
    """Outermost names of the document's text, in document order."""
    found: list[Mention] = []

    def walk(node: Node) -> None:
        if node.tag in KIND_OF_NAME_TAG:
            found.append(Mention(KIND_OF_NAME_TAG[node.tag], _norm(_diplomatic(node)),
                                 node.attrs.get("ref", "")))
            return
        for child in node.children:
            if isinstance(child, Node):
                walk(child)

    for top in (*doc.body, *doc.back):
        walk(top)
    return found


def _contains(longer: str, shorter: str) -> bool:
    return bool(shorter) and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def match(gold: list[Mention], pred: list[Mention]) -> list[tuple[Mention, Mention]]:
    used = [False] * len(pred)
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and p.kind == g.kind and (_contains(p.text, g.text)
                                                     or _contains(g.text, p.text)):
                used[i] = True
                pairs.append((g, p))
                break
    return pairs


def read_all() -> list[Document]:
    """Every document of the edition, read and dated, no names marked."""
    rules = load_rules()
    manifest = load_manifest(SEEDS / "manifest.yml")
    docs: list[Document] = []
    for path in sorted(SEEDS.glob("*.txt")):
        docs.extend(read_documents(path.name, path.read_bytes(),
                                   manifest.get(path.name, SeedConfig()), rules))
    return docs


def _uses(doc: Document) -> set[tuple[str, str]]:
    """(entry id, form) of every name in the document."""
    used = set()
    for node in (n for top in (*doc.body, *doc.back) for n in top.iter()):
        if node.tag in KIND_OF_NAME_TAG and "ref" in node.attrs:
            used.add((node.attrs["ref"].split("#", 1)[1], _diplomatic(node)))
    return used


def held_out(registers: Registers, doc_id: str,
             uses: dict[str, set[tuple[str, str]]]) -> Registers:
    """The registers without every entry and form only ``doc_id`` uses."""
    elsewhere = set().union(*(u for d, u in uses.items() if d != doc_id))
    ids_elsewhere = {i for i, _ in elsewhere}
    mine = uses[doc_id]
    entries = []
    for e in registers.entries:
        if e.id not in ids_elsewhere and any(i == e.id for i, _ in mine):
            continue  # an entry only this document uses
        drop = {f for i, f in mine if i == e.id and (i, f) not in elsewhere}
        only_in = {d: [f for f in fs if not (d == doc_id and f in drop)]
                   for d, fs in e.only_in.items()}
        entries.append(Entry(e.kind, e.id, e.name, [f for f in e.forms if f not in drop],
                             e.note, e.type, e.gazetteer_key, only_in, e.gazetteer))
    return Registers(entries)


def _annotate_all(annotator: NameAnnotator, docs: list[Document]) -> None:
    for doc in docs:
        annotator.annotate(doc)


def _best(action: Any, plain: list[Document], repeat: int = 3) -> float:
    """The best time of ``action`` over fresh copies of the documents, in seconds."""
    times = []
    for _ in range(repeat):
        docs = copy.deepcopy(plain)
        t0 = time.perf_counter()
        action(docs)
        times.append(time.perf_counter() - t0)
    return min(times)


def leave_one_out(show: bool = False) -> dict[str, Any]:
    registers = load_registers()
    plain = read_all()
    full = NameAnnotator(registers)
    t_registers = _best(lambda docs: _annotate_all(NameAnnotator(registers), docs), plain)
    reference = copy.deepcopy(plain)
    for doc in reference:
        full.annotate(doc)
    uses = {d.meta.doc_id: _uses(d) for d in reference}
    t0 = time.perf_counter()
    detector = Detector()
    t_setup = time.perf_counter() - t0
    t_detect = _best(lambda docs: _annotate_all(NameAnnotator(registers, detector), docs),
                     plain)

    tally = Tally()
    held: dict[str, Document] = {}
    for ref_doc, doc in zip(reference, copy.deepcopy(plain), strict=True):
        doc_id = doc.meta.doc_id
        NameAnnotator(held_out(registers, doc_id, uses), detector).annotate(doc)
        held[doc_id] = doc
        gold, pred = mentions(ref_doc), mentions(doc)
        pairs = match(gold, pred)
        matched = {id(p) for _, p in pairs}
        matched_gold = {id(g) for g, _ in pairs}
        for kind in TYPES:
            tally.gold[kind] += sum(1 for g in gold if g.kind == kind)
            tally.pred[kind] += sum(1 for p in pred if p.kind == kind)
            tally.tp[kind] += sum(1 for g, _ in pairs if g.kind == kind)
        links: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for g, p in pairs:
            links[g.ref][p.ref or "(none)"] += 1
        tally.link_total += sum(sum(c.values()) for c in links.values())
        tally.linked += sum(max(c.values()) for c in links.values())
        tally.misses += [(doc_id, g.kind, g.text) for g in gold if id(g) not in matched_gold]
        tally.spurious += [(doc_id, p.kind, p.text) for p in pred if id(p) not in matched]

    result: dict[str, Any] = {"documents": len(reference), "types": {}}
    for kind in TYPES:
        tp, n_pred, n_gold = tally.tp[kind], tally.pred[kind], tally.gold[kind]
        p = tp / n_pred if n_pred else 1.0
        r = tp / n_gold if n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result["types"][kind] = {"precision": round(p, 3), "recall": round(r, 3),
                                 "f1": round(f, 3), "reference": n_gold, "marked": n_pred}
    result["linking"] = round(tally.linked / tally.link_total, 3) if tally.link_total else 1.0
    result["seconds"] = {"registers_only": round(t_registers, 3),
                         "registers_and_detector": round(t_detect, 3),
                         "detector_setup": round(t_setup, 3),
                         "ratio": round(t_detect / t_registers, 2) if t_registers else None}
    if show:
        result["missed"] = tally.misses
        result["spurious"] = tally.spurious
    result["gold_003"] = _score_003(held)
    return result


def _score_003(held: dict[str, Document]) -> str | None:
    """The held-out annotation of 003 against the hand annotation, by the shared scorer."""
    if not SCORER.exists() or not GOLD_003.exists():
        return None
    doc = next((d for d in held.values() if d.meta.seed.startswith("003_")), None)
    if doc is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"{doc.meta.doc_id}.xml").write_bytes(encode(doc))
        done = subprocess.run([sys.executable, str(SCORER), "--tei", tmp, str(GOLD_003)],
                              capture_output=True, text=True, check=False)
    return done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="list missed and spurious names")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    result = leave_one_out(show=args.show)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.show:
        for doc_id, kind, text in result["missed"]:
            print(f"missed   {doc_id:24} {kind:6} {text}")
        for doc_id, kind, text in result["spurious"]:
            print(f"spurious {doc_id:24} {kind:6} {text}")
    print(f"leave-one-document-out over {result['documents']} documents "
          "(reference: the markup the full registers give)")
    print(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'reference':>10} {'marked':>7}")
    for kind, t in result["types"].items():
        print(f"{kind:8} {t['precision']:6.3f} {t['recall']:6.3f} {t['f1']:6.3f} "
              f"{t['reference']:10} {t['marked']:7}")
    print(f"linking consistent (mentions carrying their entity's majority @ref): "
          f"{result['linking']:.3f}")
    s = result["seconds"]
    print(f"annotation of the edition: registers only {s['registers_only']:.2f} s, "
          f"registers + detector {s['registers_and_detector']:.2f} s (x{s['ratio']}); "
          f"detector set-up {s['detector_setup']:.2f} s")
    if result["gold_003"]:
        print("\n003 held out, against ../shared/gold/003.yml (shared scorer):")
        print(result["gold_003"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
