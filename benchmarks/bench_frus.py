"""Rendering the FRUS volume: our two views against the TEI Stylesheets' html.xsl.

    python benchmarks/bench_frus.py [--rounds 5]

Issue 9's goal: rendering ../shared/reference/frus/ in both our views (reading and
diplomatic) takes ≤ 0.5× what the TEI Stylesheets' ``html/html.xsl`` takes for one view,
both through saxonche, each stylesheet compiled once beforehand, the two timed
alternately in the same run (best and median of ``--rounds``). Our side goes through
:class:`edition.render.Renderer` as ``edition render`` does: the safe parse, the hand-over
to Saxon, both transformations and the messages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from measure import ROOT, goal
from saxonche import PySaxonProcessor

from edition.render import Renderer

REFERENCE = ROOT.parent / "shared" / "reference"
FRUS = REFERENCE / "frus" / "frus1894Nicaragua.xml"
TEI_HTML = REFERENCE / "tei-stylesheets" / "html" / "html.xsl"


def clock(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    if not FRUS.is_file() or not TEI_HTML.is_file():
        print(f"{FRUS} or {TEI_HTML} is not there: no figures")
        return 0
    data = FRUS.read_bytes()
    print(f"FRUS volume {FRUS.name}: {len(data) / 1024:.0f} KB")

    start = time.perf_counter()
    ours = Renderer(stylesheets=("reading", "diplomatic"))
    print(f"  compile ours (reading + diplomatic)          {time.perf_counter() - start:7.2f} s")
    processor = PySaxonProcessor(license=False)
    start = time.perf_counter()
    theirs = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(TEI_HTML))
    print(f"  compile TEI Stylesheets html.xsl             {time.perf_counter() - start:7.2f} s")

    def render_ours() -> None:
        pages = ours.render_document(data, str(FRUS))
        assert all(len(page) > 1000 for page in pages.values())
        ours.take_warnings()

    def render_theirs() -> None:
        node = processor.parse_xml(xml_file_name=str(FRUS))
        html = theirs.transform_to_string(xdm_node=node)
        assert html and len(html) > 1000

    render_ours()  # warm both up once (Saxon's first run of a stylesheet is slower)
    render_theirs()
    our_times: list[float] = []
    their_times: list[float] = []
    for _ in range(options.rounds):  # alternately, so both see the same machine
        our_times.append(clock(render_ours))
        their_times.append(clock(render_theirs))
    for label, times in (("ours: both views", our_times), ("TEI html.xsl: one view", their_times)):
        print(f"  {label:<44} best {min(times):6.3f} s  median {statistics.median(times):6.3f} s")
    met = goal("ours (two views) / TEI Stylesheets (one view), median",
               statistics.median(our_times) / statistics.median(their_times), 0.5)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
