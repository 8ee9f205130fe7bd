"""The archive web page (002): a document saved from the Digital Archive's site.

    Skip to content                      (chrome: a skip link, formats.yml)
    March 7, 1967                        the date: the first block that is a date
    Title                                the title: the block after the date
    This document was made possible …    the funder line (recognised by its words; optional)
    "…"  …                               the document, paragraph by paragraph
    The Soviet Embassy reports …         the summary (optional; taken only with evidence)
    Document Information                 the footer's tab label (optional: a page may be
                                         cut off before it)
    AVPRF f. 0102, … Obtained by …       the footer: a run-on source line and the rights,
      or Source / Rights / Record ID …   or labelled headings (formats.yml), some empty

Parts are found by their labels and words, never by their place alone. The last
paragraph before the footer is the summary only when it reads like one (one or two
sentences, no first person, not quoted, a reporting verb such as "reports" or
"describes" among its first words); a last paragraph that might be one but lacks the
verb stays in the text with a warning. A page without a footer ends in a
``gap reason="cut-off"``; every absence is a warning with file and line.

Chrome (dropped, each by a rule): the skip links; the footer's tab label; a footer
label with no value (the next line is another label or the end); a last line that
repeats the funder's name (the site's funder tag). A page with no credit line keeps
the tag: a funder's name alone under the Record ID is the page's funder (its
``titleStmt/funder``, and a ``div type="credits"`` in the back), not the Record ID.
"""

from __future__ import annotations

import re

from edition.errors import EditionError
from edition.model import Document, Metadata, Node, SourceLine, el
from edition.read import endnotes
from edition.read.common import (
    date_line,
    doc_date_attrs,
    drop_chrome,
    fallback_id,
    funder_tag,
    funders_of,
    parse_credits,
    parse_funder,
)
from edition.read.detection import Verdict
from edition.read.inline import InlineParser
from edition.read.reference import read_reference
from edition.read.structure import Block, build_text, parse_lines, split_blocks
from edition.read.turns import speeches
from edition.read.vocabulary import load_vocabulary
from edition.rules import Rules

FORMAT = "webpage"
_TERMINAL = re.compile(r"[.!?…\"”’)\]]$")
_RIGHTS_WORDS = re.compile(r"\b(?:reuse|copyright|rights|permission)\b", re.IGNORECASE)


def detect(text: str) -> Verdict:
    words = load_vocabulary().webpage
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    skip = bool(lines) and lines[0] in words.skip_links
    footer = words.footer in lines
    top = lines[1:5] if skip else lines[:4]
    series = next((line for line in top if load_vocabulary().edossier.series.match(line)), None)
    if series is not None:  # (an e-dossier's page may give its date under its title)
        return Verdict.decline(f"the series line of an e-dossier {series!r} at the top")
    date = next((line for line in top if date_line(line)), None)
    if (skip or footer) and date:
        mark = f"the link {lines[0]!r}" if skip else f"the footer {words.footer!r}"
        return Verdict.accept(f"{mark} and the date line {date!r} at the top")
    if not (skip or footer):
        return Verdict.decline(f"no {' / '.join(repr(s) for s in words.skip_links)} line at "
                               f"the top and no {words.footer!r} footer")
    return Verdict.decline("no date line among the first lines")


def chrome(lines: list[SourceLine], rules: Rules) -> list[SourceLine]:
    """The lines that are not site chrome (module docstring); dropped lines become blank."""
    words = load_vocabulary().webpage
    kept = drop_chrome(lines, FORMAT, rules)
    texts = [line.text.strip() for line in kept]
    nonblank = [i for i, t in enumerate(texts) if t]
    out = list(kept)

    def blank(i: int) -> None:
        out[i] = SourceLine(kept[i].number, "")

    for k, i in enumerate(nonblank):
        if texts[i] in words.skip_links and k == 0:
            blank(i)
    footer = next((i for i in nonblank if texts[i] == words.footer), None)
    if footer is not None:
        blank(footer)
        after = [i for i in nonblank if i > footer]
        # the site's funder tag: a funder the page's credit line names, printed with or
        # without "the" ("the MacArthur Foundation" above, "MacArthur Foundation" here)
        funders = {_without_article(name) for t in texts if (f := parse_funder(t))
                   for name in (f, *funders_of(f))}
        while after and texts[after[-1]] in words.fields:  # empty labels at the end
            blank(after.pop())
        if len(after) > 1 and _without_article(texts[after[-1]]) in funders:
            blank(after[-1])
            after.pop()
        elif after and kept[after[-1]].number == _funder_tag_line(kept):
            after.pop()  # the funder named by the tag alone: kept (see _Page.read)
        for k, i in enumerate(after):
            following = after[k + 1] if k + 1 < len(after) else None
            if texts[i] in words.fields and (following is None or texts[following] in
                                             words.fields):
                blank(i)
    return out


def _funder_tag_line(lines: list[SourceLine]) -> int | None:
    """The line of the site's funder tag, where a page's footer ends in one: a funder's
    name alone, the last line but for empty labels, under the value of a label the tag
    follows (formats.yml ``funder_tag_after``: "Record ID" / "121460" / "MacArthur
    Foundation"); None when it does not."""
    words = load_vocabulary().webpage
    texts = [(line.number, line.text.strip()) for line in lines if line.text.strip()]
    footer = next((k for k, (_, t) in enumerate(texts) if t == words.footer), None)
    if footer is None:
        return None
    after = texts[footer + 1:]
    while after and after[-1][1] in words.fields:
        after.pop()
    if len(after) < 2 or not funder_tag(after[-1][1]):
        return None
    label = next((t for _, t in reversed(after[:-1]) if t in words.fields), None)
    return after[-1][0] if label in words.funder_tag_after else None


def _without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _plain(block: Block) -> Node:
    """A paragraph kept as plain text (site prose: no editorial brackets in it)."""
    return el("p", " ".join(line.text.strip() for line in block.lines), line=block.line)


def _heading_like(text: str) -> bool:
    """A title: one short line that does not end a sentence (nor one that a quotation
    mark closes: '"… to the students of Peking University."' is the text's first
    paragraph, not its title)."""
    t = text.strip()
    return (0 < len(t) < 250 and "\n" not in t
            and not re.search(r"[.!?;:,][\"”’')\]]*$", t) and not t[:1].islower())


def _looks_like_summary(text: str, first_person: frozenset[str]) -> bool:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    tokens = re.findall(r"[A-Za-z]+", text)
    return (len(sentences) <= 2 and len(tokens) <= 60 and text[:1] not in "\"“'‘["
            and not any(t in first_person or (t.lower() in first_person and t.istitle())
                        for t in tokens))



def _last_part(div: Node) -> Node:
    """The part a text ends in: the last ``div`` of ``div``, and so on down, where the
    text is in parts (what follows their last one belongs to it: TEI has no text after
    a div's parts); ``div`` itself otherwise."""
    last = next((c for c in reversed(div.children) if isinstance(c, Node)), None)
    if last is not None and last.tag == "div":
        return _last_part(last)
    return div

class _Page:
    """Reads one page: the parts found, and what was missing, as warnings."""

    def __init__(self, lines: list[SourceLine], seed: str, rules: Rules) -> None:
        self.lines, self.seed, self.rules = lines, seed, rules
        self.vocabulary = load_vocabulary()
        self.words = self.vocabulary.webpage
        self.warnings: list[tuple[int, str]] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def read(self) -> Document:
        kept = chrome(self.lines, self.rules)
        footer_line = next((line.number for line in self.lines
                            if line.text.strip() == self.words.footer), None)
        stop = footer_line if footer_line is not None else self.lines[-1].number + 1
        blocks = split_blocks([line for line in kept if line.number < stop])
        if not blocks:
            raise EditionError(self.seed, footer_line or 1, 1,
                               "archive web page: no date, title or text before the footer")
        date_at = next((i for i, b in enumerate(blocks) if date_line(b.text.strip())), 0)
        stray = blocks[:date_at]
        date_block = blocks[date_at]
        date = date_line(date_block.text.strip())
        if date is not None and not date.attrs:  # "Undated": a date line of no date
            self.warn(date_block.line, f"the page dates the document "
                      f"{date_block.text.strip()!r}: it has no date (give one in "
                      "seeds/manifest.yml)")
            date = None
        rest = blocks[date_at + 1:]
        title_block = None
        titled = bool(rest) and not parse_funder(rest[0].text) and _heading_like(rest[0].text)
        if (len(stray) == 1 and len(stray[0].lines) == 1 and _heading_like(stray[0].text)
                and not titled):
            title_block, stray = stray[0], []  # the title printed above the date
        elif titled:
            title_block = rest.pop(0)
        if title_block is None:
            self.warn(date_block.line, "no title line after the date (the first block is "
                      "text, not a title: kept in the text); titled '[Untitled document, "
                      "…]': give the title in seeds/manifest.yml")
        funder_block = rest.pop(0) if rest and parse_funder(rest[0].text) else None
        for block in stray:
            self.warn(block.line, f"cannot tell what {block.text[:40]!r} before the date is: "
                      "kept as a paragraph of the front, before the date")
        # endnotes "[1] …" after the text, before or after the summary line (what stands
        # before the date is the page's, not the text's: a paragraph of the front)
        text_blocks, note_blocks = endnotes.split(rest, numbered=True)
        summary_blocks = self._summary(text_blocks, footer_line)
        if summary_blocks:
            text_blocks = text_blocks[:-len(summary_blocks)]
            if not note_blocks:
                text_blocks, note_blocks = endnotes.split(text_blocks, numbered=True)
        footer = split_blocks([line for line in kept if footer_line and
                               line.number > footer_line])
        tag_line = _funder_tag_line(drop_chrome(self.lines, FORMAT, self.rules))
        tag_block = footer.pop() if footer and footer[-1].line == tag_line else None
        source, rights, fields, back_footer = self._footer(footer, footer_line)
        # no title printed: one the editors give it, in brackets as every word the
        # source does not print ("[Untitled document, March 3, 1959]")
        title = (title_block.text.strip() if title_block
                 else f"[Untitled document, {date_block.text.strip()}]")
        ref = read_reference(source.text, self.vocabulary) if source else None
        if ref is not None:
            for note in ref.notes:
                self.warn(source.line if source else 0, note)
        doc_id = (ref.id_from(self.vocabulary) if ref else None) or fallback_id(date, title)
        funder = parse_funder(funder_block.text) if funder_block else None
        funders = funders_of(funder)
        if tag_block and _without_article(tag_block.text.strip()) not in {
                _without_article(f) for f in funders}:
            funders.append(tag_block.text.strip())
        meta = Metadata(
            doc_id=doc_id, title=title, seed=self.seed, seed_format=FORMAT, date=date,
            summary="\n\n".join(b.text.strip() for b in summary_blocks) or None,
            funders=funders,
            resps=parse_credits(ref.credits) if ref else [],
            repository=ref.repository if ref else None,
            call_number=ref.call_number if ref else None, pages=ref.pages if ref else None,
            periodical=ref.periodical if ref else None, issue=ref.issue if ref else None,
            source_group=self.vocabulary.publishers[0].name,
            rights="\n".join(b.text.strip() for b in rights) or None,
            fields=fields, first_line=blocks[0].line, last_line=self.lines[-1].number,
        )
        for label, value in fields:
            if self.words.fields.get(label) == "language":
                meta.original_language = value
        meta.fields = [(k, v) for k, v in fields if self.words.fields.get(k) != "language"]
        parser = InlineParser(self.rules, doc_id)
        notes = endnotes.Endnotes(note_blocks, parser, doc_id)
        text_blocks = [notes.anchor(b) for b in text_blocks]
        front = [el("docDate", date_block.text.strip(), line=date_block.line,
                    **doc_date_attrs(date))]
        if title_block:
            front.append(el("docTitle", el("titlePart", *parser.parse(
                title, title_block.line), type="main"), line=title_block.line))
        if funder_block:
            front.append(el("div", _plain(funder_block), type="credits",
                            line=funder_block.line))
        front.extend(_plain(b) for b in stray)  # the page's, before the date: not the text
        front.sort(key=lambda node: node.line)  # in the order printed
        body = el("div", type="document", line=text_blocks[0].line if text_blocks else 0)
        broken = (footer_line is None and bool(text_blocks)
                  and not _TERMINAL.search(text_blocks[-1].text.strip()))
        # a paragraph cut off mid-sentence is a paragraph, not a closing line
        body.extend(list(build_text(text_blocks[:-1] if broken else text_blocks, parser)))
        end = _last_part(body)  # where the text ends: in its last part, if it has parts
        if broken:
            end.append(el("p", *parse_lines(text_blocks[-1], parser),
                          line=text_blocks[-1].line))
        if footer_line is None:
            self._cut_off(end, text_blocks)
        speeches(body)
        back: list[Node] = []
        if summary_blocks:
            back.append(el("div", *[el("p", *parser.parse(b.text.strip(), b.line), line=b.line)
                                    for b in summary_blocks],
                           type="summary", line=summary_blocks[0].line))
        back.extend(back_footer)
        if tag_block:
            back.append(el("div", _plain(tag_block), type="credits", line=tag_block.line))
        unanchored, warnings = notes.unanchored("text")
        self.warnings.extend(warnings)
        if unanchored is not None:
            back.insert(0, unanchored)
        doc = Document(meta, front=front, body=[body], back=back)
        for line, message in self.warnings:
            doc.warn(line, message)
        return doc

    def _cut_off(self, end: Node, text_blocks: list[Block]) -> None:
        last = self.lines[-1].number
        for line in reversed(self.lines):
            if line.text.strip():
                last = line.number
                break
        if text_blocks and not _TERMINAL.search(text_blocks[-1].text.strip()):
            self.warn(last, "the page ends mid-sentence: its end is recorded as a cut-off gap")
        self.warn(last, f"no {self.words.footer!r} footer: the page was cut off; no summary, "
                  "source or rights are read, and the id is made from the date and title")
        end.append(el("gap", reason="cut-off", line=last))

    def _summary(self, blocks: list[Block], footer_line: int | None) -> list[Block]:
        """The page's summary: the last paragraph before the footer when it reads like
        one (module docstring), with the paragraph before it when that one does too (a
        summary of two paragraphs); none, with a warning, otherwise."""
        if footer_line is None or not blocks:
            return []
        last = blocks[-1]
        text = last.text.strip()
        if len(blocks) > 1 and _looks_like_summary(text, self.words.first_person):
            if self._summary_verb(text):
                before = blocks[-2].text.strip()
                if (len(blocks) > 2 and _looks_like_summary(before, self.words.first_person)
                        and self._summary_verb(before, told=False)):
                    self.warn(blocks[-2].line, "the two paragraphs before the footer both read "
                              "as the page's summary: both taken as the summary (set "
                              "'summary:' in seeds/manifest.yml if the first is the "
                              "document's own)")
                    return blocks[-2:]
                return [last]
            self.warn(last.line, "cannot tell whether the last paragraph before the footer is "
                      "the page's summary or the document's own: kept in the text (set "
                      "'summary:' in seeds/manifest.yml if it is the summary)")
            return []
        self.warn(last.line, "no summary line before the footer: the last paragraph is the "
                  "document's own (the header has no abstract)")
        return []

    def _summary_verb(self, text: str, told: bool = True) -> bool:
        """A reporting verb ("reports", "discuss") among the paragraph's first words; with
        ``told=False`` not one that tells what was said ("The specialists report that
        …": the document's own words, not a summary of it)."""
        words = re.findall(r"[A-Za-z]+", text)
        return any(w in self.words.summary_verbs and (
            told or (words[k + 1:k + 2] or [""])[0].lower() != "that")
            for k, w in enumerate(words[:12]))

    def _footer(self, blocks: list[Block], footer_line: int | None
                ) -> tuple[Block | None, list[Block], list[tuple[str, str]], list[Node]]:
        """(source block, rights blocks, other labelled facts, back divs) of the footer:
        its unlabelled paragraphs first (a run-on source line, the rights), then the
        labelled headings, each with its values."""
        if footer_line is None:
            return None, [], [], []
        labels = self.words.fields
        first_label = next((i for i, b in enumerate(blocks) if b.text.strip() in labels),
                           len(blocks))
        source, rights, back = self._unlabelled(blocks[:first_label])
        fields: list[tuple[str, str]] = []
        groups: list[tuple[str, Block, list[Block]]] = []
        for block in blocks[first_label:]:
            if block.text.strip() in labels:
                groups.append((block.text.strip(), block, []))
            else:
                groups[-1][2].append(block)
        for label, head, values in groups:
            kind = labels[label]
            div_type = kind if kind in ("source", "rights") else "field"
            div = el("div", el("head", label, line=head.line), type=div_type, line=head.line)
            div.extend([_plain(b) for b in values])
            back.append(div)
            if kind == "source" and values and source is None:
                source = values[0]
            elif kind == "rights":
                rights.extend(values)
            elif values:
                fields.append((label, " ".join(b.text.strip() for b in values)))
        if source is None:
            empty = next((ln.number for ln in self.lines if ln.number > footer_line
                          and labels.get(ln.text.strip()) == "source"), footer_line)
            self.warn(empty, "the footer gives no source: no repository, call number or "
                      "credits; the id is made from the date and title")
        return source, rights, fields, back

    def _unlabelled(self, blocks: list[Block]) -> tuple[Block | None, list[Block], list[Node]]:
        """A run-on footer: the source line (the first paragraph, with a number in it),
        the rights (paragraphs about reuse, rights, permission); any other paragraph is
        kept and named in a warning."""
        source: Block | None = None
        rights: list[Block] = []
        back: list[Node] = []
        for i, block in enumerate(blocks):
            text = block.text.strip()
            if i == 0 and any(ch.isdigit() for ch in text):
                source = block
                back.append(el("div", _plain(block), type="source", line=block.line))
            elif _RIGHTS_WORDS.search(text) or (rights and rights[-1] is blocks[i - 1]
                                                and i == len(blocks) - 1):
                rights.append(block)
            else:
                self.warn(block.line, f"cannot tell what the footer paragraph {text[:40]!r} "
                          "is: kept in the back matter")
                back.append(el("div", _plain(block), type="field", line=block.line))
        if rights:
            back.append(el("div", *[_plain(b) for b in rights], type="rights",
                           line=rights[0].line))
        return source, rights, back


def read(lines: list[SourceLine], seed: str, rules: Rules,
         _metadata: dict[str, object] | None = None) -> list[Document]:
    return [_Page(lines, seed, rules).read()]

