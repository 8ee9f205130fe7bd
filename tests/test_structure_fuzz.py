"""Web pages put together at random from the blocks the readers know and those they
must not mistake (stamps, addresses, headings of every kind, numbered points and
headings, signatures with dates, postscripts, the translator's notes, brackets): each
page's TEI is valid, and every word of the page reaches it in order. The structure rules
were each written for one form; this is where the forms meet in orders no seed shows
(it found a closer before a document's parts, and notes after a closer)."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import shared
from lxml import etree
from words import tei_words, words

from edition.convert import read_documents
from edition.encode import encode
from edition.manifest import SeedConfig
from edition.read.formats import BY_NAME
from edition.read.source import decode_seed
from edition.rules import load_rules

PAGES = 400
BLOCKS = [
    # paragraphs, with the phrase-level forms
    "The delegation arrived in Beijing on Monday and was met by Zhou Enlai.",
    "He said that [North] Korea would send 200 tons of grain (do not announce this "
    "figure) to the north.",
    "Kim Il Sung said that the Soviet comrades [illegible] the question of the border.",
    "[...] the talks continued until late in the evening.",
    "The Embassy asks for instructions. [Handwritten in the margin: agreed]",
    "The Chinese side has 36,274 workers [sic] in the province.",
    "The talks took place in Kaesong [sic - Beijing]. [Laughs] Nam Il agreed. [Pause]",
    "[Stormy and prolonged applause. All rise]",
    '"Events in China have seriously alarmed the Korean leadership."',
    "Translator's note: the word is unclear in the original.",
    # short lines: openers, closers, stamps
    "Moscow, Ministry of Foreign Affairs",
    "TOP SECRET",
    "SECRET\nCopy No. 2",
    "Dear Comrade Molotov!",
    "To the Central Committee:",
    "With deep respect,",
    "Kim Il Sung",
    "Ambassador of the USSR in the PRC\nV. Kuznetsov",
    "Chinese Embassy in the DPRK\n14 April 1961",
    "March 3, 1955",
    "(Signatures)",
    "P.S. The list of the delegation follows by courier.",
    # headings
    *(HEADINGS := [
        "Record of the Conversation with the Soviet Ambassador",
        "Article 3",
        "Appendix",
        "Letter from the Society to the Workers of the Plant",
        "I. On the Twentieth Congress",
        "II. On the Korean question",
        "RECORD OF CONVERSATION",
        "MEMORANDUM OF CONVERSATION\nwith the Chairman of the Cabinet of Ministers",
    ]),
    "with Minister of Foreign Affairs Nam Il",
    "on 3 April 1958",
    "V.V. IVANOV",
    # points set off by bullets, a line each or a paragraph each
    "• to send two specialists to the plant;\n• to pay them in roubles.",
    "- the first delegation arrives in May;",
    "- the second in June.",
    # tables as a text export prints them
    "Item | 1954 | 1955\n---|---|---\nCoal | 1,200 | 1,500",
    "Quarter\tCoal\nI\t350",
    # numbered points
    "1. To send two specialists to the plant.",
    "2. To pay them in roubles.",
    "a) the first item of the list;",
    "b) the second item of the list.",
    "IV. Conclusions of the Embassy on the talks.",
    "V. Kuznetsov said that the harvest was good.",
]
HEADER = ("Skip to content\n\nMarch 3, 1962\n\nRecord of a Conversation with Kim Il Sung\n\n"
          "This document was made possible with support from Leon Levy Foundation\n\n")
FOOTER = ("\n\nThe Soviet Ambassador reports on the conversation.\n\nDocument Information\n\n\n"
          "PRC FMA 106-01380-{n:02d}, 1-12. Translated by Stephen Mercado.\n\n\n"
          "The History and Public Policy Program welcomes reuse of Digital Archive "
          "materials for research and educational purposes.\n")


def _pages() -> list[tuple[str, bytes]]:
    chance = random.Random(20261205)  # the same pages in every run
    pages = []
    for n in range(PAGES):
        body = "\n\n".join(chance.choice(BLOCKS) for _ in range(chance.randint(1, 9)))
        # a paragraph first, so that the page's first block is never taken for its title
        text = HEADER + "The Ambassador met Kim Il Sung.\n\n" + body + FOOTER.format(n=n)
        pages.append((f"f{n:03d}.txt", text.encode("utf-8")))
    return pages


def test_pages_of_blocks_in_any_order_give_valid_tei_with_every_word(tmp_path: Path) -> None:
    from edition.validate import Validator

    rules = load_rules()
    fmt = BY_NAME["webpage"]
    for name, data in _pages():
        [doc] = read_documents(name, data, SeedConfig(), rules)
        tei = encode(doc)
        (tmp_path / f"{doc.meta.doc_id}.xml").write_bytes(tei)
        # nothing but a heading heads a part (a stamp, an address, a signature, a point
        # never does)
        heads = [" ".join("".join(h.itertext()).split()) for h in etree.fromstring(tei).iter(
            "{http://www.tei-c.org/ns/1.0}head") if h.getparent().tag.endswith("div")]
        # (a heading may go on in lines in lower case: "… with Minister … Nam Il")
        known = tuple(" ".join(h.split()) for h in HEADINGS)
        assert all(h.startswith(known) for h in heads), (name, heads)
        root = etree.fromstring(tei)
        signed = {" ".join("".join(e.itertext()).split())
                  for e in root.iter("{http://www.tei-c.org/ns/1.0}signed")}
        assert not signed & {"TOP SECRET", "SECRET", "Copy No. 2"}, (name, signed)
        items = ["".join(e.itertext()) for e in root.iter("{http://www.tei-c.org/ns/1.0}item")]
        assert not [i for i in items if i.startswith("V. Kuznetsov")], (name, items)
        kept = fmt.chrome(decode_seed(data, name), rules)
        source = words(" ".join(line.text for line in kept))
        assert tei_words(etree.ElementTree(etree.fromstring(tei))) == source, name
    report = Validator().validate_paths([tmp_path])
    errors = [f"{p.path}:{p.line}: {p.message} [{p.rule}]" for p in report.problems
              if p.severity == "error"]
    assert not errors, errors[:5]
    tei_all = Validator(schema=shared("reference", "tei-p5", "tei_all.rng")).validate_paths(
        [tmp_path])
    assert tei_all.errors == 0, [f"{p.path}:{p.line}: {p.message}"
                                 for p in tei_all.problems][:5]


RECORD = ("\n\n**March 3, 1962**\n\n**Record of a Conversation with Kim Il Sung**\n\n"
          "**Citation:**\n\n\"Record of a Conversation with Kim Il Sung\", March 3, 1962, "
          "Wilson Center Digital Archive, PRC FMA 106-01380-{n:02d}, 1-12. Translated by "
          "Stephen Mercado.\n\n<https://digitalarchive.wilsoncenter.org/document/9{n:05d}>\n\n"
          "**Summary:**\n\nThe Ambassador reports on the conversation.\n\n**Original "
          "Language:**\n\nChinese\n\n**Contents:**\n\nTranslation - English\n\n")


def test_records_with_endnotes_give_valid_tei_with_every_word(tmp_path: Path) -> None:
    """Archive records of random blocks, some with endnotes "[1] …" after the text and
    their anchors in it: valid TEI, every word, each note at an anchor or kept apart."""
    from edition.validate import Validator

    rules = load_rules()
    fmt = BY_NAME["record"]
    chance = random.Random(1205)
    for n in range(PAGES // 2):
        blocks = [chance.choice(BLOCKS) for _ in range(chance.randint(1, 8))]
        notes = chance.randint(0, 3)
        for k in range(1, notes + 1):  # an anchor in a paragraph, mostly
            if chance.random() < 0.8:
                at = chance.randrange(len(blocks))
                blocks[at] = blocks[at] + f"[{k}]"
        text = (RECORD.format(n=n) + "The Ambassador met Kim Il Sung.\n\n" + "\n\n".join(blocks)
                + "".join(f"\n\n[{k}] Note {k} on the conversation." for k in
                          range(1, notes + 1)) + "\n")
        name, data = f"r{n:03d}.txt", text.encode("utf-8")
        [doc] = read_documents(name, data, SeedConfig(), rules)
        tei = encode(doc)
        (tmp_path / f"{doc.meta.doc_id}.xml").write_bytes(tei)
        kept = fmt.chrome(decode_seed(data, name), rules)
        source = words(" ".join(line.text for line in kept))
        root = etree.fromstring(tei)
        ends = root.findall(".//{http://www.tei-c.org/ns/1.0}note[@place='end']")
        assert len(ends) == notes, name
        assert tei_words(etree.ElementTree(root)) == source, name
    report = Validator().validate_paths([tmp_path])
    errors = [f"{p.path}:{p.line}: {p.message} [{p.rule}]" for p in report.problems
              if p.severity == "error"]
    assert not errors, errors[:5]
