"""Growth with size: a varied synthetic edition built from scratch and again unchanged.

    python benchmarks/bench_scale.py [--sizes 100,1000,10000]

For each size, a fresh synthetic edition (benchmarks/synthetic.py: its own ids, dates
and names per document) is built from scratch and then again with nothing changed, each
in a fresh ``python -m edition build`` (default ``--jobs``); printed: time, time per
document and peak memory (largest process). Issue 9's goal: growth linear, i.e. the time
per document and the memory do not grow with size (ratios to the smallest size printed;
linear growth means a time-per-document ratio near 1).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from measure import edition, goal, scratch_edition
from synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    figures: dict[int, tuple[float, float, float, float]] = {}
    print(f"{'documents':>10} {'scratch s':>10} {'ms/doc':>8} {'peak MB':>8} "
          f"{'no-op s':>8} {'no-op ms/doc':>12} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            work = scratch_edition(Path(tmp) / str(size))
            generate(work / "seeds", size)
            args = ("build", "--seeds", work / "seeds", "--tei", work / "tei",
                    "--out", work / "site")
            scratch, peak = edition(*args, home=work)
            noop, noop_peak = edition(*args, home=work)
            figures[size] = (scratch, peak, noop, noop_peak)
            print(f"{size:>10} {scratch:>10.1f} {1000 * scratch / size:>8.1f} {peak:>8.0f} "
                  f"{noop:>8.2f} {1000 * noop / size:>12.2f} {noop_peak:>8.0f}", flush=True)
            shutil.rmtree(work)
    small, large = sizes[0], sizes[-1]
    s, p, n, q = figures[small]
    S, P, N, Q = figures[large]
    print(f"growth from {small} to {large} documents ({large // small}× the documents):")
    goal("from scratch: time per document, ratio", (S / large) / (s / small), 1.25)
    goal("no change: time per document, ratio", (N / large) / (n / small), 1.25)
    print(f"  peak memory from scratch: {p:.0f} → {P:.0f} MB ({P / p:.2f}×); "
          f"no change: {q:.0f} → {Q:.0f} MB ({Q / q:.2f}×)")


if __name__ == "__main__":
    main()
