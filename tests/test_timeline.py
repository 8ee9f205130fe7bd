"""The timeline made of kept pieces (edition/stages/timeline.py): each document's list
items of dated events made once and kept, the page without them kept, the items put in
the page in the order of their keys. The page is, byte for byte, the one the whole
transform makes from every document (Renderer.render_site_pages, which other projects'
TEI still goes through), with the same warnings; after one document's dated passage
changed, only that document's items are made again."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import TEI

from edition.crosspages import prepare
from edition.render import EVENT_COUNT, EVENT_ITEMS, VIEWS, Renderer
from edition.sitedata import corpus as corpus_of
from edition.sitedata import extract_document
from edition.stages import timeline
from edition.stages.common import document_files

ED = 'xmlns="http://www.tei-c.org/ns/1.0" xmlns:ed="urn:edition:functions"'


def _part(file: str, title: str, doc_date: str, *passages: str) -> bytes:
    """The events part of a made-up document: its header and its dated passages."""
    body = "".join(f'<p xml:id="p{n}" ed:anchor="yes">{text}</p>'
                   for n, text in enumerate(passages, start=1))
    return (f'<TEI {ED} ed:file="{file}" xml:id="{file}"><teiHeader><fileDesc><titleStmt>'
            f'<title type="main">{title}</title></titleStmt></fileDesc><profileDesc>'
            f'<creation><date when="{doc_date}">{doc_date}</date></creation></profileDesc>'
            f'</teiHeader><text><body><div>{body}</div></body></text></TEI>').encode()


class _Extracts:
    """What the plan reads of the render stage's extracts: each document's part."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.by_name = parts
        self.asked: list[list[str]] = []

    def hashes(self, _part: str) -> dict[str, str]:
        return {name: hashlib.sha256(data).hexdigest() for name, data in self.by_name.items()}

    def parts(self, _part: str, names: list[str]) -> list[bytes]:
        self.asked.append(list(names))
        return [self.by_name[name] for name in names]


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    made = Renderer(stylesheets=())
    prepare(made, TEI)
    return made


@pytest.fixture(scope="module")
def views_renderer() -> Renderer:
    """A renderer as a process that renders documents has it: the views compiled."""
    made = Renderer(stylesheets=VIEWS)
    prepare(made, TEI)
    return made


def _whole(renderer: Renderer, parts: dict[str, bytes]) -> tuple[bytes, list[str]]:
    """The page the whole transform makes, and its warnings."""
    renderer.take_warnings()
    page = renderer.render_site_pages((TEI / "corpus.xml").read_bytes(), "corpus.xml",
                                      corpus_of(parts.values()), names=["timeline"])
    return page["timeline.html"], renderer.take_warnings()


def _pieces(renderer: Renderer, out: Path, parts: dict[str, bytes], key: str = "k"
            ) -> tuple[bytes, list[str]]:
    """The page made of pieces (the state kept in ``out``), and its warnings."""
    renderer.take_warnings()
    plan = timeline.Plan(_Extracts(parts), out, "code")
    made = timeline.page(renderer, (TEI / "corpus.xml").read_bytes(), "corpus.xml", key,
                         plan)
    (out / timeline.STATE).parent.mkdir(parents=True, exist_ok=True)
    (out / timeline.STATE).write_bytes(made[timeline.STATE])
    return made["timeline.html"], renderer.take_warnings()


def _edition_parts() -> dict[str, bytes]:
    found = {}
    for path in document_files(TEI):
        part = extract_document(path.read_bytes(), str(path)).get("events", b"")
        if part:
            found[path.name] = part
    return found


VARIANTS: dict[str, dict[str, bytes]] = {
    "no dates": {"a.xml": _part("a", "A", "1950-01-01", "No date here.")},
    # equal keys in two documents and in one: their order is that of the documents and
    # of the text; a later event, a span and a month
    "equal keys": {
        "b.xml": _part("b", "Second <hi>B</hi> &amp; co", "1950-02-01",
                       'On <date when="1950-01-02">2 Jan</date> and again on '
                       '<date when="1950-01-02">the same day</date>.',
                       'Later: <date when="1951-03">March 1951</date>.'),
        "a.xml": _part("a", "First", "1950-01-05",
                       'On <date when="1950-01-02">2 January 1950</date> we met.',
                       'From <date from="1949-05-01" to="1949-06-01">May to June</date>.')},
    # a file name that reads as a script link, markup no page may carry: kept inert
    "unsafe file name": {
        "x.xml": _part("javascript:alert(1)//", "Hostile", "1950-01-01",
                       'On <date when="1950-01-02">2 Jan</date> <b onclick="x()">y</b>.'),
        "z.xml": _part("z", "Plain", "1950-01-01",
                       'On <date when="1950-01-03">3 Jan</date>.')},
}


@pytest.mark.parametrize("variant", ["the edition", *VARIANTS])
def test_the_page_of_pieces_is_the_whole_page(renderer: Renderer, tmp_path: Path,
                                              variant: str) -> None:
    parts = _edition_parts() if variant == "the edition" else VARIANTS[variant]
    whole, said = _whole(renderer, parts)
    made, warned = _pieces(renderer, tmp_path, parts)
    assert made == whole
    assert sorted(warned) == sorted(said)
    if variant == "unsafe file name":
        assert 'href="javascript:' not in made.decode() and "onclick" not in made.decode()
    kept, warned_again = _pieces(renderer, tmp_path, parts)  # all pieces kept this time
    assert kept == whole and sorted(warned_again) == sorted(said)


class _Calls:
    """A renderer that records which of the timeline's transforms it ran, in order."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.renderer, name)

    def render_timeline_shell(self, *args: Any) -> Any:
        self.calls.append("shell")
        return self.renderer.render_timeline_shell(*args)

    def render_event_items(self, *args: Any) -> Any:
        self.calls.append("items")
        return self.renderer.render_event_items(*args)


@pytest.mark.parametrize("variant", ["equal keys", "no dates"])
def test_the_page_without_its_items_is_made_first(renderer: Renderer, tmp_path: Path,
                                                  variant: str) -> None:
    """The page without its items is made before them, as it is when any document has an
    item (Saxon's heap is then still small: the timeline's process of 10,000 documents
    peaked some 130 MB lower, medians of seven); where none has, it is made again, and
    either way the page is the page made whole."""
    parts = VARIANTS[variant]
    whole, _ = _whole(renderer, parts)
    calls = _Calls(renderer)
    made, _ = _pieces(calls, tmp_path, parts)  # type: ignore[arg-type]
    assert made == whole
    assert calls.calls == (["shell", "items"] if variant == "equal keys"
                           else ["shell", "items", "shell"])


def test_one_changed_passage_makes_only_its_document_s_items(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _edition_parts()
    assert len(parts) >= 3
    _pieces(renderer, tmp_path, parts)
    name = sorted(parts)[1]
    changed = dict(parts)
    changed[name] = changed[name].replace(b"<date ", b"Edited: <date ", 1)  # its passage
    assert changed[name] != parts[name]
    made_from: list[bytes] = []
    shells: list[int] = []
    real_items, real_shell = renderer.render_event_items, renderer.render_timeline_shell

    def items(tree: Any) -> Any:
        made_from.append(tree)
        return real_items(tree)

    def shell(*args: Any) -> Any:
        shells.append(args[2])
        return real_shell(*args)

    monkeypatch.setattr(renderer, "render_event_items", items)
    monkeypatch.setattr(renderer, "render_timeline_shell", shell)
    plan = timeline.Plan(_Extracts(changed), tmp_path, "code")
    assert [n for n, kept in zip(plan.names, plan.kept, strict=True) if kept is None] == [name]
    made, _ = _pieces(renderer, tmp_path, changed)
    assert made_from == [corpus_of([changed[name]])]
    assert shells == []  # the same number of dates: the page without its items is kept
    assert made == _whole(renderer, changed)[0]

    # a date added: the number on the page changes, the page around the items is kept
    added = dict(changed)
    added[name] = added[name].replace(
        b"</div>", b'<p xml:id="p99" ed:anchor="yes">On <date when="1961-04-12">12 April '
        b"1961</date>.</p></div>", 1)
    before = _number(made)
    made, _ = _pieces(renderer, tmp_path, added)
    assert shells == []
    assert made == _whole(renderer, added)[0]
    assert _number(made) == before + 1 and b"ed:event-count" not in made

    # every date gone: the page has no list, so it is made again; and again with dates
    undated = {n: p.replace(b"<date ", b"<name ").replace(b"</date>", b"</name>")
               for n, p in added.items()}
    made, _ = _pieces(renderer, tmp_path, undated)
    assert len(shells) == 1 and made == _whole(renderer, undated)[0]
    assert b"event-list" not in made
    made, _ = _pieces(renderer, tmp_path, added)
    assert len(shells) == 2 and made == _whole(renderer, added)[0]


def _number(page: bytes) -> int:
    """The number of dates the timeline page says it lists."""
    found = re.findall(rb'<p class="intro">(\d+) dates named', page)
    assert len(found) == 1
    return int(found[0])


@pytest.mark.parametrize("broken", [b"", b"{", b'{"code": "code", "documents": {"a.xml": 1},'
                                    b' "shell": ["k", 2, []]}', b"[]"])
def test_a_broken_state_is_made_again(renderer: Renderer, tmp_path: Path,
                                      broken: bytes) -> None:
    parts = VARIANTS["equal keys"]
    (tmp_path / timeline.STATE).parent.mkdir(parents=True)
    (tmp_path / timeline.STATE).write_bytes(broken)
    made, _ = _pieces(renderer, tmp_path, parts)
    assert made == _whole(renderer, parts)[0]


def test_another_key_or_other_stylesheets_make_the_pieces_again(
        renderer: Renderer, tmp_path: Path) -> None:
    """The page without its items is kept under the render stage's key (the build date,
    the corpus, the stylesheets); the items under the stylesheets' digest."""
    parts = VARIANTS["equal keys"]
    _pieces(renderer, tmp_path, parts, key="one")
    plan = timeline.Plan(_Extracts(parts), tmp_path, "code")
    assert all(kept is not None for kept in plan.kept) and plan.shell is not None
    assert plan.shell[0] != "one"  # (kept under a digest of the key and the count)
    other = timeline.Plan(_Extracts(parts), tmp_path, "other code")
    assert all(kept is None for kept in other.kept) and other.shell is None


def test_the_page_without_its_items_holds_one_place_for_them(renderer: Renderer) -> None:
    """One place for the items and one for their number; the same page for any number of
    them but none."""
    page, _ = renderer.render_timeline_shell((TEI / "corpus.xml").read_bytes(), "corpus.xml", 3)
    assert page.count(EVENT_ITEMS) == 1 and page.count(EVENT_COUNT) == 1
    assert b"<!--ed:event-count--> dates named in the text of the documents" in page
    other, _ = renderer.render_timeline_shell((TEI / "corpus.xml").read_bytes(),
                                              "corpus.xml", 4000)
    assert other == page
    empty, _ = renderer.render_timeline_shell((TEI / "corpus.xml").read_bytes(),
                                              "corpus.xml", 0)
    assert EVENT_ITEMS not in empty and b'id="event-list"' not in empty


def _saying_dropped(renderer: Renderer, calls: list[int] | None = None
                    ) -> Callable[[bytes], Any]:
    """The renderer's ed:event-items call, with the message the page's last check gives
    when it drops a link added to each call whose tree holds the hostile document (no
    item the stylesheets make today needs it); ``calls``: each call's number of
    documents."""
    real = renderer.render_event_items

    def items(tree: bytes) -> Any:
        made, messages = real(tree)
        if calls is not None:
            calls.append(tree.count(b"ed:file="))
        if b"Hostile" in tree:
            messages = [*messages, "unsafe link dropped from the page: @href"]
        return made, messages

    return items


def test_each_document_keeps_the_messages_its_items_gave(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's last check over an item says what it dropped (no item the stylesheets
    make today needs it: the messages are made here by wrapping the real call). With a
    message, each document's items are made again alone, so that the message is kept
    with its own document, said again while that document is unchanged, and gone once it
    changed."""
    parts = VARIANTS["unsafe file name"]
    monkeypatch.setattr(renderer, "render_event_items", _saying_dropped(renderer))
    _, warned = _pieces(renderer, tmp_path, parts)
    assert [w for w in warned if "unsafe link dropped" in w] == [
        "corpus.xml:0:0: warning: unsafe link dropped from the page: @href"]
    plan = timeline.Plan(_Extracts(parts), tmp_path, "code")
    assert [kept[2] for kept in plan.kept if kept is not None] == [
        ["unsafe link dropped from the page: @href"], []]
    changed = dict(parts)
    changed["z.xml"] = changed["z.xml"].replace(b"3 Jan", b"the third of January")
    _, warned = _pieces(renderer, tmp_path, changed)  # x.xml kept: said again
    assert any("unsafe link dropped" in w for w in warned)
    changed["x.xml"] = changed["x.xml"].replace(b"Hostile", b"Mended")
    _, warned = _pieces(renderer, tmp_path, changed)
    assert not any("unsafe link dropped" in w for w in warned)


def test_documents_made_a_few_at_a_time_give_the_page_made_whole(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two documents per call to Saxon: the same page, warnings and kept state as one
    call for all. A call whose check said something (here, a message added to the call
    with the hostile document) makes its own documents again, each alone, and only
    those; the message is kept with its document."""
    parts = {**_edition_parts(), **VARIANTS["equal keys"], **VARIANTS["unsafe file name"]}
    whole, said = _whole(renderer, parts)
    one, said_one = _pieces(renderer, tmp_path / "one", parts)
    calls: list[int] = []  # the documents given to each call
    monkeypatch.setattr(timeline, "DOCUMENTS_PER_CALL", 2)
    monkeypatch.setattr(renderer, "render_event_items", _saying_dropped(renderer, calls))
    made, warned = _pieces(renderer, tmp_path / "two", parts)
    names = list(parts)
    batches = [names[start:start + 2] for start in range(0, len(names), 2)]
    assert calls == [n for batch in batches
                     for n in [len(batch), *([1] * len(batch) if "x.xml" in batch else [])]]
    assert made == one == whole
    assert sorted(said_one) == sorted(said)
    assert sorted(warned) == sorted(
        [*said, "corpus.xml:0:0: warning: unsafe link dropped from the page: @href"])
    kept_two = json.loads((tmp_path / "two" / timeline.STATE).read_bytes())
    kept_one = json.loads((tmp_path / "one" / timeline.STATE).read_bytes())
    assert kept_two["shell"] == kept_one["shell"]
    assert list(kept_two["documents"]) == list(kept_one["documents"]) == names
    for name, entry in kept_one["documents"].items():
        assert kept_two["documents"][name][:2] == entry[:2]  # its hash and its items
        assert kept_two["documents"][name][2] == (
            ["unsafe link dropped from the page: @href"] if name == "x.xml" else entry[2])


@pytest.mark.parametrize("variant", ["the edition", *VARIANTS])
def test_items_made_with_the_views_are_those_of_the_timeline(
        renderer: Renderer, views_renderer: Renderer, tmp_path: Path, variant: str) -> None:
    """A process that has rendered documents makes the items with the views' stylesheet
    (it holds events.xsl too) and does not compile the timeline's for them; the page is
    the same."""
    parts = _edition_parts() if variant == "the edition" else VARIANTS[variant]
    edition = corpus_of(parts.values())
    assert views_renderer.render_event_items(edition) == renderer.render_event_items(edition)
    assert "timeline" not in views_renderer._executables
    whole, said = _whole(renderer, parts)
    (tmp_path / "shell").mkdir()
    _pieces(renderer, tmp_path / "shell", parts)  # the page without its items kept
    (tmp_path / "shell" / timeline.STATE).write_bytes(_without_items(
        (tmp_path / "shell" / timeline.STATE).read_bytes()))
    made, warned = _pieces(views_renderer, tmp_path / "shell", parts)
    assert "timeline" not in views_renderer._executables
    assert made == whole and sorted(warned) == sorted(said)


def _without_items(state: bytes) -> bytes:
    """A timeline state with the page without its items kept but no document's items."""
    kept = json.loads(state)
    kept["documents"] = {}
    return json.dumps(kept).encode()
