"""The editors' report on names: what the annotator leaves open for review.

Reads the seeds and annotates them in memory with the current registers (nothing is
written), as the next ``edition convert`` will, and lists per document and line:

* the proposed entries (names no register holds, with their evidence);
* new forms of register entries (a bare surname after the full name);
* short forms left unlinked because two persons of the document share them;
* register entries that no document names;
* the rejected forms (``registers/rejected.yml``) and where they still stand in the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edition.convert import read_documents
from edition.detect import Detector
from edition.errors import EditionError
from edition.manifest import SeedConfig, load_manifest
from edition.model import TEXT_CONTAINERS, Node
from edition.names import NameAnnotator
from edition.proposals import load_rejected
from edition.register_kinds import DESCRIBED, KIND_OF_NAME_TAG
from edition.registers import load_registers
from edition.rules import load_rules


def names_report(seeds: Path, registers: Path, only: Sequence[str] = ()) -> dict[str, Any]:
    """The report as data (the JSON form)."""
    register_set = load_registers(registers)
    rejected = load_rejected(registers)
    annotator = NameAnnotator(register_set, Detector(rejected=rejected))
    rules = load_rules()
    manifest = load_manifest(seeds / "manifest.yml")
    used: set[str] = set()
    texts: dict[str, list[tuple[int, str]]] = {}
    problems: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        if only and path.name not in only:
            continue
        try:
            docs = read_documents(path.name, path.read_bytes(),
                                  manifest.get(path.name, SeedConfig()), rules, annotator)
        except EditionError as exc:  # one bad seed does not stop the report
            problems.append(f"{path.name}: {exc}")
            continue
        for doc in docs:
            lines = texts.setdefault(doc.meta.doc_id, [])
            for top in (*doc.body, *doc.back):
                for node in top.iter():
                    ref = node.attrs.get("ref", "")
                    if node.tag in KIND_OF_NAME_TAG and ref.startswith("registers.xml#"):
                        used.add(ref.split("#", 1)[1])
                    if node.tag in TEXT_CONTAINERS or node.tag == "title":
                        lines.append((node.line, _plain(node)))
    found = annotator.open
    proposals = []
    for p in sorted(found.proposals.values(), key=lambda p: (p.kind, p.id)):
        proposals.append({"id": p.id, "type": p.kind, "forms": p.forms,
                          "documents": {d: sorted(n) for d, n in sorted(p.documents.items())},
                          "evidence": p.evidence,
                          "also_found_as": {kind: {d: sorted(n) for d, n in sorted(docs.items())}
                                            for kind, docs in sorted(p.also.items())}})
    forms = [{"entry": entry, "form": form,
              "documents": {d: sorted(n) for d, n in sorted(where.items())}}
             for (entry, form), where in sorted(found.merges.items())]
    ambiguous = [{"form": form, "document": doc, "line": line, "candidates": list(keys)}
                 for form, line, doc, keys in sorted(set(found.ambiguous),
                                                     key=lambda a: (a[2], a[1], a[0]))]
    unused = [{"id": e.id, "type": e.kind, "name": e.name}
              for e in sorted(register_set.entries, key=lambda e: (e.kind, e.id))
              if e.id not in used]
    rejections = []
    for form in sorted(rejected):
        # a line once, though the form is in a quote within its paragraph too
        places = dict.fromkeys((doc, line) for doc, lines in sorted(texts.items())
                               for line, text in lines
                               if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text))
        where = [{"document": doc, "line": line} for doc, line in places]
        rejections.append({"form": form, "occurs": where})
    return {"proposed": proposals, "new_forms": forms, "ambiguous": ambiguous,
            "unused_entries": unused, "rejected": rejections, "problems": problems,
            "summary": {"proposed": len(proposals), "new_forms": len(forms),
                        "ambiguous": len(ambiguous), "unused_entries": len(unused),
                        "rejected": len(rejections)}}


def _plain(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _plain(c) for c in node.children)


def as_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def as_text(report: dict[str, Any]) -> str:
    """Per document and line, then the register-wide lists."""
    rows: list[tuple[str, int, str]] = []
    for p in report["proposed"]:
        for doc, lines in p["documents"].items():
            for line in lines:
                rows.append((doc, line, f"proposed {p['type']} {p['id']}: "
                             f"{' | '.join(p['forms'])} ({p['evidence'][0]})"))
        for kind, docs in p["also_found_as"].items():
            for doc, lines in docs.items():
                for line in lines:
                    rows.append((doc, line, f"proposed {p['type']} {p['id']} marked here as "
                                 f"{DESCRIBED[kind]}: {' | '.join(p['forms'])}"))
    for f in report["new_forms"]:
        for doc, lines in f["documents"].items():
            for line in lines:
                rows.append((doc, line, f"new form of {f['entry']}: {f['form']}"))
    for a in report["ambiguous"]:
        rows.append((a["document"], a["line"], f"ambiguous, left unlinked: {a['form']} "
                     f"(could be {', '.join(a['candidates'])})"))
    out: list[str] = []
    current = None
    for doc, line, message in sorted(rows):
        if doc != current:
            out.append(f"{doc}:")
            current = doc
        out.append(f"  line {line}: {message}")
    if report["unused_entries"]:
        out.append("register entries no document names:")
        out.extend(f"  {e['type']} {e['id']} ({e['name']})" for e in report["unused_entries"])
    if report["rejected"]:
        out.append("rejected forms (registers/rejected.yml):")
        for r in report["rejected"]:
            where = ", ".join(f"{o['document']}:{o['line']}" for o in r["occurs"]) or "not found"
            out.append(f"  {r['form']}: {where}")
    out.extend(f"error: {p}" for p in report["problems"])
    s = report["summary"]
    out.append(f"{s['proposed']} proposed entries, {s['new_forms']} new forms of entries, "
               f"{s['ambiguous']} ambiguous short forms, {s['unused_entries']} unused entries, "
               f"{s['rejected']} rejected forms")
    return "\n".join(out) + "\n"
