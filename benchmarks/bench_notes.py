"""A document of many notes: the views' time grows with the notes, not with their square.

    python benchmarks/bench_notes.py [--notes 1000] [--times 4] [--rounds 3]

A TEI file of another project with ``--notes`` footnotes in its text, and one with
``--times`` as many, are rendered in both views by :class:`edition.render.Renderer` as
``edition render FILE`` does (the stylesheets compiled once beforehand, not counted);
each the best of ``--rounds``. The figure is the larger file's time against the smaller's,
beside the number of notes' ratio: linear growth reads that ratio, quadratic its square.
Found by a probe of hostile TEI: before each note's number was looked up once for the
document (xslt/functions.xsl ed:note-numbers), 2,000 notes took 6.8 s and 4,000 46 s.
The goal: at most 1.5 times the notes' ratio.
"""

from __future__ import annotations

import argparse
import time

from measure import goal

from edition.render import Renderer


def document(notes: int) -> bytes:
    """A TEI document whose one division holds ``notes`` paragraphs, a note in each."""
    paragraphs = "".join(f"<p>Paragraph {k} of the text<note>Note {k}, with its own words."
                         f"</note> and after it.</p>" for k in range(notes))
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f"<title>{notes} notes</title></titleStmt><publicationStmt><p>none</p>"
            f"</publicationStmt><sourceDesc><p>made up</p></sourceDesc></fileDesc>"
            f"</teiHeader><text><body><div>{paragraphs}</div></body></text></TEI>").encode()


def best(renderer: Renderer, data: bytes, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        pages = renderer.render_document(data, "notes.xml")
        times.append(time.perf_counter() - start)
        assert pages, "nothing rendered"
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--times", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    renderer = Renderer(stylesheets=("reading", "diplomatic"))
    small, large = options.notes, options.notes * options.times
    best(renderer, document(50), 1)  # (Saxon warmed up)
    first = best(renderer, document(small), options.rounds)
    second = best(renderer, document(large), options.rounds)
    print(f"both views of {small:,} notes: {first:.3f} s; of {large:,}: {second:.3f} s")
    print(f"  {large:,} against {small:,} notes: {second / first:.2f}× the time for "
          f"{options.times}× the notes (quadratic would be {options.times ** 2}×)")
    goal(f"time ratio over notes ratio ({options.times}× the notes)",
         second / first / options.times, 1.5)


if __name__ == "__main__":
    main()
