"""Rendering the FRUS volume: our two views against the TEI Stylesheets' html.xsl.

    python benchmarks/bench_frus.py [--rounds 5]

Issue 9's goal: rendering ../shared/reference/frus/ in both our views (reading and
diplomatic) takes ≤ 0.5× what the TEI Stylesheets' ``html/html.xsl`` takes for one view,
both through saxonche, each stylesheet compiled once beforehand (compile times printed,
not counted), the two timed alternately in the same run after one warm-up run each
(best and median of ``--rounds``; the goal is on the medians). Both start from the
file and parse it (html.xsl with Saxon's parser, ours with lxml's safe parser, then
Saxon's). Our side goes through :class:`edition.render.Renderer` as ``edition render``
does: the safe parse, the anchors, the hand-over to Saxon, both transformations, the page
check, the messages and the published TEI copy.

Like for like, the goal figure renders the volume as one page per view, as html.xsl
does. ``edition render FILE`` splits a volume into a contents page and a page per
document (139 pages per view for this volume); that is timed too and printed with its
ratio, for information (no goal: many pages against html.xsl's one).
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

    sizes: dict[str, int] = {}

    def render_ours() -> None:
        pages = ours.render_document(data, str(FRUS))
        assert all(len(page) > 1000 for page in pages.values())
        sizes["ours"] = sum(len(page) for name, page in pages.items() if name.endswith(".html"))
        ours.take_warnings()

    def render_ours_split() -> None:
        pages = ours.render_document(data, str(FRUS), volumes=True)
        sizes["split"] = sum(1 for name in pages if name.endswith(".html"))
        ours.take_warnings()

    def render_theirs() -> None:
        node = processor.parse_xml(xml_file_name=str(FRUS))
        html = theirs.transform_to_string(xdm_node=node)
        assert html and len(html) > 1000
        sizes["theirs"] = len(html.encode("utf-8"))

    for action in (render_ours, render_ours_split, render_theirs):
        action()  # warm each up once (Saxon's first run of a stylesheet is slower)
    times: dict[str, list[float]] = {"ours": [], "split": [], "theirs": []}
    for _ in range(options.rounds):  # alternately, so all see the same machine
        times["ours"].append(clock(render_ours))
        times["theirs"].append(clock(render_theirs))
        times["split"].append(clock(render_ours_split))
    print(f"  pages: ours {sizes['ours'] / 1024:.0f} KB in 2 pages, html.xsl "
          f"{sizes['theirs'] / 1024:.0f} KB in 1; edition render FILE: {sizes['split']} pages")
    for key, label in (("ours", "ours: both views, one page each"),
                       ("theirs", "TEI html.xsl: one view"),
                       ("split", "ours as edition render FILE splits it")):
        print(f"  {label:<44} best {min(times[key]):6.3f} s  "
              f"median {statistics.median(times[key]):6.3f} s")
    theirs_median = statistics.median(times["theirs"])
    print(f"  {'edition render FILE (both views) / html.xsl (one view), median':<62}"
          f"{statistics.median(times['split']) / theirs_median:6.3f}×  (no goal)")
    met = goal("ours (two views) / TEI Stylesheets (one view), median",
               statistics.median(times["ours"]) / theirs_median, 0.5)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
