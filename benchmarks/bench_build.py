"""Figures for the build: convert, validate and render the edition, from scratch and again.

    python benchmarks/bench_build.py [--scale N]

Prints wall-clock seconds per stage for the real edition (40 documents) in a temporary
folder, then for a synthetic edition of N copies of the collection seed (36 × N
documents, each copy with its own ids) to show how the stages grow with size, and the
time of a second, no-change build (what re-running on an unchanged edition costs).
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from edition.build import convert, render
from edition.paths import SEEDS
from edition.validate import Validator

T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s")
    return result


def run(seeds: Path, work: Path, label: str) -> None:
    tei, site = work / "tei", work / "site"
    report = timed(f"{label}: convert", lambda: convert(seeds, tei, say=lambda _: None))
    n = sum(len(v) for v in report.documents.values())
    print(f"{label}: {n} documents, {len(report.problems)} problems")
    validator = timed(f"{label}: compile our schemas", Validator)
    checked = timed(f"{label}: validate all", lambda: validator.validate_paths([tei]))
    print(f"{label}: {checked.files_checked} files checked, {checked.errors} errors")
    timed(f"{label}: render (compile + all pages)", lambda: render(tei, site))
    timed(f"{label}: convert again (no change)", lambda: convert(seeds, tei, say=lambda _: None))
    again = timed(f"{label}: render again (no change)", lambda: render(tei, site))
    print(f"{label}: second render skipped {len(again.skipped)} unchanged documents")
    # one source changed: only its documents are converted and rendered again
    seed = sorted(seeds.glob("*.txt"))[-1]
    seed.write_bytes(seed.read_bytes().replace(b"the ", b"the  ", 1))
    timed(f"{label}: convert after one source changed", lambda: convert(seeds, tei,
                                                                         say=lambda _: None))
    one = timed(f"{label}: render after one source changed", lambda: render(tei, site))
    print(f"{label}: {len(one.rendered)} documents rendered again, {len(one.skipped)} skipped")


def synthetic(seeds: Path, copies: int) -> None:
    collection = (SEEDS / "001_ecd8dfa2c3ac5ef4.txt").read_text(encoding="utf-8")
    for k in range(copies):
        # shift the printed numbers and the year so that every copy has its own ids
        # (the page's own heading lines, site chrome, stay as they are)
        head, _, body = collection.partition("\nExchange of letters")
        body = "\nExchange of letters" + body.replace("1954", str(2000 + k))
        text = re.sub(r"(?m)^(\d{2,3})\.(\*?)$",
                      lambda m, k=k: f"{int(m.group(1)) + 100 * (k + 1)}.{m.group(2)}",
                      head + body)
        (seeds / f"copy{k:03d}_ecd8dfa2c3ac5ef4.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10, choices=range(1, 90),
                        help="copies of the collection in the synthetic edition")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = work / "real"
        shutil.copytree(SEEDS, real / "seeds")
        run(real / "seeds", real, "edition")
        big = work / "big"
        (big / "seeds").mkdir(parents=True)
        synthetic(big / "seeds", args.scale)
        run(big / "seeds", big, f"synthetic x{args.scale}")


if __name__ == "__main__":
    main()
