"""`edition render FILE|DIR…` (edition/foreign.py, xslt/volume.xsl, xslt/backmatter.xsl):
another project's TEI published with no corpus file.

The done-when figures of issue 11 are measured here: the FRUS volume and the Schnitzler
letters render with exit 0, one page per FRUS document, and at least 99 % of the words
of each file's TEI text reach the main of its diplomatic pages (the volume page and the
document pages together; a word counts as shown when it occurs in order in the page).
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree, html

from edition.cli import main
from edition.foreign import once_per_element, render_files
from edition.render import Renderer, volume_units

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).parent / "files"
REFERENCE = ROOT.parent / "shared" / "reference"
FRUS = REFERENCE / "frus" / "frus1894Nicaragua.xml"
SCHNITZLER = REFERENCE / "tei-samples" / "schnitzler"
HOSTILE = FILES / "hostile"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

needs_reference = pytest.mark.skipif(
    not FRUS.is_file() or not SCHNITZLER.is_dir(),
    reason=f"the reference TEI is not at {REFERENCE} (../shared/reference)")


# ----- words: the TEI text against the pages -----


def is_listed_note(note: etree._Element) -> bool:
    """A note the views gather in the list of notes (the rule of xslt/functions.xsl)."""
    return not (note.get("place") in ("inline", "top") or note.get("rend") == "inline"
                or note.get("type") in ("restriction", "source"))


def source_words(scope: etree._Element) -> list[str]:
    """The words of a part of the text in the order of its diplomatic page: the text
    without its listed notes and without the editors' side of a choice, then the notes."""
    notes = [n for n in scope.iter(TEI + "note") if is_listed_note(n)]
    skip = set(notes)

    def text(element: etree._Element) -> str:
        parts = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child not in skip and not (
                    element.tag == TEI + "choice" and child.tag in (TEI + "corr", TEI + "reg")):
                parts.append(text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    found = re.findall(r"\w+", text(scope))
    for note in notes:
        found += re.findall(r"\w+", text(note))
    return found


def page_words(page: bytes) -> str:
    """The word characters of a page's main without the apparatus, run together."""
    main_element = html.fromstring(page).find(".//main")
    assert main_element is not None
    for element in main_element.xpath(
            ".//*[contains(concat(' ', normalize-space(@class), ' '), ' apparatus ')]"):
        element.drop_tree()
    return "".join(re.findall(r"\w+", main_element.text_content()))


def shown(expected: list[str], flat: str) -> int:
    """How many of the words occur in ``flat`` in order (a missing word is skipped)."""
    position = count = 0
    for word in expected:
        found = flat.find(word, position)
        if found >= 0:
            count += 1
            position = found + len(word)
    return count


def coverage(path: Path, pages: dict[str, bytes]) -> tuple[int, int]:
    """(words shown, words in the TEI text) over the diplomatic pages of one file."""
    root = etree.parse(str(path)).getroot()
    doc_id = root.get(XML_ID) or path.stem
    text = root.find(TEI + "text")
    assert text is not None
    units = root.xpath("//t:text//t:div[@type='document'][not(ancestor::t:div[@type='document'])]",
                       namespaces={"t": TEI[1:-1]})
    names = volume_units(root, doc_id)
    scopes: list[tuple[etree._Element, str]] = []
    if names:
        outside = copy.deepcopy(text)
        for div in outside.xpath(".//t:div[@type='document'][not(ancestor::t:div[@type='document'])]",
                                 namespaces={"t": TEI[1:-1]}):
            div.getparent().remove(div)
        scopes.append((outside, doc_id))
        scopes.extend(zip(units, names, strict=True))
    else:
        scopes.append((text, doc_id))
    total = done = 0
    for scope, name in scopes:
        expected = source_words(scope)
        total += len(expected)
        done += shown(expected, page_words(pages[f"diplomatic/{name}.html"]))
    return done, total


# ----- the reference corpus, rendered once -----


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    if not FRUS.is_file() or not SCHNITZLER.is_dir():
        pytest.skip(f"the reference TEI is not at {REFERENCE}")
    out = tmp_path_factory.mktemp("foreign")
    result = CliRunner().invoke(main, ["render", str(FRUS), str(SCHNITZLER), "--out", str(out)])
    return out, result.output, result.exit_code


def read_pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


@needs_reference
def test_the_reference_tei_renders_with_exit_0(reference_site: tuple[Path, str, int]) -> None:
    site, output, status = reference_site
    assert status == 0, output
    assert "5 TEI files rendered" in output
    for name in ("index.html", "search.html", "timeline.html", "persons.html",
                 "search-index.js", "assets/edition.css", "tei/frus1894Nicaragua.xml"):
        assert (site / name).is_file(), name
    index = html.fromstring((site / "index.html").read_bytes())
    listed = {a.get("href") for a in index.xpath("//table//a[starts-with(@href, 'reading/')]")}
    assert {"reading/frus1894Nicaragua.html", "reading/L00001.html"} <= listed


@needs_reference
def test_one_page_per_frus_document_in_both_views(reference_site: tuple[Path, str, int]) -> None:
    site = reference_site[0]
    for view in ("reading", "diplomatic"):
        documents = sorted((site / view).glob("frus1894Nicaragua.*.html"))
        assert len(documents) == 138, view
        assert (site / view / "frus1894Nicaragua.html").is_file()


@needs_reference
def test_the_volume_page_has_a_table_of_contents(reference_site: tuple[Path, str, int]) -> None:
    page = html.fromstring((reference_site[0] / "reading" / "frus1894Nicaragua.html").read_bytes())
    entries = page.xpath("//p[contains(@class, 'toc-entry')]/a")
    assert len(entries) == 138
    assert entries[0].get("href") == "frus1894Nicaragua.d1.html"
    assert entries[0].text_content().startswith("No. 1. Mr. Seat to Mr. Gresham")
    assert page.get_element_by_id("contents") is not None
    # the volume's own front matter stays on the volume page
    assert "Message of the President" in page.text_content()


@needs_reference
def test_documents_lead_to_their_neighbours(reference_site: tuple[Path, str, int]) -> None:
    site = reference_site[0]
    for view in ("reading", "diplomatic"):
        first = html.fromstring((site / view / "frus1894Nicaragua.d1.html").read_bytes())
        middle = html.fromstring((site / view / "frus1894Nicaragua.d2.html").read_bytes())
        last = html.fromstring((site / view / "frus1894Nicaragua.d138.html").read_bytes())
        assert not first.xpath("//a[@rel='prev']")
        assert middle.xpath("//a[@rel='prev']/@href")[0] == "frus1894Nicaragua.d1.html"
        assert middle.xpath("//a[@rel='next']/@href")[0] == "frus1894Nicaragua.d3.html"
        assert not last.xpath("//a[@rel='next']")
        assert middle.findtext(".//h1").startswith("No. 2.")
        # the other view of the same document, and the volume's TEI file
        other = "diplomatic" if view == "reading" else "reading"
        assert middle.xpath(f"//a[@href='../{other}/frus1894Nicaragua.d2.html']")
        assert middle.xpath("//a[@href='../tei/frus1894Nicaragua.xml']")


@needs_reference
def test_every_link_between_the_pages_resolves(reference_site: tuple[Path, str, int]) -> None:
    site = reference_site[0]
    pages = read_pages(site)
    ids = {name: set(html.fromstring(data).xpath("//@id")) for name, data in pages.items()}
    broken = []
    for name, data in pages.items():
        folder = Path(name).parent
        for href in html.fromstring(data).xpath("//a/@href"):
            if re.match(r"^[a-z]+:", href):
                continue
            path, _, fragment = href.partition("#")
            target = os.path.normpath(folder / path) if path else name
            missing_id = bool(fragment) and fragment not in ids.get(target, {fragment})
            if not (site / target).exists() or missing_id:
                broken.append(f"{name}: {href}")
    assert not broken, broken[:10]


@needs_reference
@pytest.mark.parametrize("name", ["frus1894Nicaragua", "L00001", "L01205", "L02025", "L04110"])
def test_at_least_99_percent_of_the_words_are_shown(reference_site: tuple[Path, str, int],
                                                     name: str) -> None:
    path = FRUS if name.startswith("frus") else SCHNITZLER / f"{name}.xml"
    done, total = coverage(path, read_pages(reference_site[0]))
    assert total > 100
    assert done / total >= 0.99, f"{name}: {done} of {total} words shown"


@needs_reference
def test_unknown_elements_warn_once_per_name(reference_site: tuple[Path, str, int]) -> None:
    output = reference_site[1]
    lines = [line for line in output.splitlines() if "unhandled element" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{FRUS}:77:0: warning: unhandled element <frus:attachment>")
    assert "(and 139 more <frus:attachment> elements)" in lines[0]


@needs_reference
def test_empty_header_fields_are_left_out(reference_site: tuple[Path, str, int]) -> None:
    page = html.fromstring((reference_site[0] / "reading" / "frus1894Nicaragua.html").read_bytes())
    rows = {" ".join(row.findtext("dt").split()): " ".join(row.find("dd").text_content().split())
            for row in page.xpath("//dl[@class='metadata-list']/div")}
    assert "Editors" not in rows  # <editor role="primary"/>
    assert rows["Identifiers"] == "frus1894Nicaragua"  # four empty idno left out
    assert all(value.strip("; ,") for value in rows.values()), rows


@needs_reference
def test_back_matter_lists_are_readable_and_linked(reference_site: tuple[Path, str, int]) -> None:
    page = html.fromstring((reference_site[0] / "reading" / "L00001.html").read_bytes())
    persons = page.xpath("//section[contains(@class, 'backlist-listPerson')]")[0]
    entry = persons.get_element_by_id("pmb2121")
    assert entry.tag == "li"
    assert entry.findtext(".//strong") == "Schnitzler, Arthur"
    fields = {" ".join(div.findtext("dt").split()): " ".join(div.find("dd").text_content().split())
              for div in entry.xpath(".//div[contains(@class, 'backlist-field')]")}
    assert fields["Born"].startswith("15. 5. 1862, Wien")
    assert fields["Identifier (gnd)"] == "https://d-nb.info/gnd/118609807/"
    assert entry.xpath(".//a[@href='https://d-nb.info/gnd/118609807/']")
    for kind in ("listPlace", "listOrg", "listBibl"):
        assert page.xpath(f"//section[contains(@class, 'backlist-{kind}')]//li[@id]"), kind
    # names link to their entries: in the text, in the header (the sender), in the lists
    hrefs = set(page.xpath("//a[contains(@class, 'name-link')]/@href"))
    assert {"#pmb146", "#pmb4986", "#pmb2121", "#pmb30257", "#pmb50"} <= hrefs
    ids = set(page.xpath("//@id"))
    assert {h[1:] for h in hrefs} <= ids


# ----- small samples -----


def test_a_graphic_beside_the_tei_is_shown_and_copied(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(HOSTILE / "hostile-volume.xml"),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    copied = tmp_path / "media" / "hostile-volume" / "pixel.png"
    assert copied.read_bytes() == (HOSTILE / "pixel.png").read_bytes()
    page = html.fromstring((tmp_path / "reading" / "hostile-volume.html").read_bytes())
    images = page.xpath("//img[contains(@class, 'graphic')]")
    assert [i.get("src") for i in images] == ["../media/hostile-volume/pixel.png"]
    assert images[0].get("alt") == "A one-pixel image that lies beside this file"
    missing = [" ".join(s.text_content().split())
               for s in page.xpath("//span[contains(@class, 'graphic-missing')]")]
    assert any("missing.png" in m and "not available" in m for m in missing), missing


def test_only_raster_images_beside_the_tei_are_copied(tmp_path: Path) -> None:
    """A graphic naming an SVG, an HTML file, HTML under an image's name or the TEI file
    itself is not published (opened from the site, each would run its script): only
    files whose first bytes show a PNG, JPEG, GIF or WebP image are copied; the others
    are named in a warning and shown as not available."""
    source = tmp_path / "in"
    source.mkdir()
    script = "<script>alert(1)</script>"
    (source / "evil.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">{script}</svg>')
    (source / "evil.html").write_text(f"<html><body>{script}</body></html>")
    (source / "fake.png").write_text(f"<html>{script}</html>")
    # a polyglot: an image's first bytes, then a page's script, under a page's name
    (source / "pic.html").write_bytes((HOSTILE / "pixel.png").read_bytes()
                                      + f"<html>{script}</html>".encode())
    (source / "pixel.png").write_bytes((HOSTILE / "pixel.png").read_bytes())
    graphics = "".join(f'<figure><graphic url="{name}"/></figure>' for name in
                       ("evil.svg", "evil.html", "fake.png", "pic.html", "letter.xml",
                        "pixel.png"))
    (source / "letter.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>Letter</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>"
        f"<p>With figures.</p>{graphics}</body></text></TEI>", encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(source / "letter.xml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    media = out / "media" / "letter"
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == ["pixel.png"]
    for name in ("evil.svg", "evil.html", "fake.png", "pic.html", "letter.xml"):
        assert f"the graphic '{name}' is not a PNG, JPEG, GIF or WebP image" in result.output
    page = html.fromstring((out / "reading" / "letter.html").read_bytes())
    assert [i.get("src") for i in page.xpath("//img")] == ["../media/letter/pixel.png"]
    missing = [" ".join(s.text_content().split())
               for s in page.xpath("//span[contains(@class, 'graphic-missing')]")]
    for name in ("evil.svg", "evil.html", "fake.png"):
        # the placeholder gives the reason: the file is there, but no image to show
        label = next(m for m in missing if f"“{name}”" in m)
        assert "no PNG, JPEG, GIF or WebP image" in label and "not beside" not in label
    # a link beside the TEI to a file elsewhere is not copied, and is named
    (source / "link.png").symlink_to(HOSTILE / "pixel.png")
    (source / "letter.xml").write_text((source / "letter.xml").read_text(
        encoding="utf-8").replace("<p>With", '<figure><graphic url="link.png"/></figure><p>With'),
        encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source / "letter.xml"), "--out", str(out)])
    assert "the graphic 'link.png' is a link to a file outside the TEI file's folder" in (
        result.output)
    assert not (media / "link.png").exists()


def test_a_bad_file_fails_alone(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(FILES / "sample.xml"),
                                       str(FILES / "broken" / "not-well-formed.xml"),
                                       str(FILES / "broken" / "wrong-root.xml"),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "not-well-formed.xml:" in result.output and "wrong-root.xml:" in result.output
    assert (tmp_path / "reading" / "scr-071.html").is_file()
    assert (tmp_path / "index.html").is_file()


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nothing.xml"),
                                       "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "nothing.xml:0:0: error: no such file or folder" in result.output


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.xml").write_bytes((FILES / "sample.xml").read_bytes())
    pages, _, report = render_files([tmp_path / "a", tmp_path / "b"], Renderer())
    assert len(report.rendered) == 1
    assert [p.message for p in report.problems] == [
        f"the document id 'scr-071' is already used by {tmp_path / 'a' / 'x.xml'}: "
        "give one of them another xml:id"]
    assert "reading/scr-071.html" in pages


def test_unknown_elements_are_counted_over_files() -> None:
    lines = once_per_element([
        "a.xml:3:0: warning: unhandled element <x:y> at /TEI/text: its content is shown "
        "as it stands (and 2 more <x:y> elements)",
        "a.xml:9:0: warning: something else",
        "b.xml:5:0: warning: unhandled element <x:y> at /TEI/body: its content is shown "
        "as it stands",
    ])
    assert lines == [
        "a.xml:3:0: warning: unhandled element <x:y> at /TEI/text: its content is shown "
        "as it stands (and 3 more <x:y> elements, in 2 files)",
        "a.xml:9:0: warning: something else",
    ]


def test_the_edition_build_keeps_one_page_per_file() -> None:
    """Without `render FILE` (the edition's own TEI folder) a file is never split."""
    pages = Renderer().render_document((FILES / "sample.xml").read_bytes(), "sample.xml")
    assert sorted(pages) == ["diplomatic/scr-071.html", "reading/scr-071.html",
                             "tei/scr-071.xml"]


def _render_small(tmp_path: Path, doc_id: str, body: str, stand_off: str = ""
                  ) -> tuple[str, dict[str, Any]]:
    """A small TEI file of another edition (``body`` inside its text's body; a
    ``standOff`` of ``stand_off`` beside the text when given) rendered by `edition
    render`: the command's output, and each view's page parsed."""
    tei = tmp_path / f"{doc_id}.xml"
    tei.write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{doc_id}"><teiHeader><fileDesc>'
        "<titleStmt><title>Another edition</title></titleStmt><publicationStmt><p>Open"
        "</p></publicationStmt><sourceDesc><p>A source</p></sourceDesc></fileDesc>"
        "</teiHeader>" + (f"<standOff>{stand_off}</standOff>" if stand_off else "")
        + f"<text><body>{body}</body></text></TEI>", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(tei), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    return result.output, {view: html.fromstring(
        (tmp_path / "site" / view / f"{doc_id}.html").read_bytes())
        for view in ("reading", "diplomatic")}


def _main_text(page: Any) -> str:
    return " ".join(page.xpath("string(//main)").split())


def test_another_edition_s_speech_events_are_shown_as_it_describes_them(
        tmp_path: Path) -> None:
    """A parliamentary edition's laughter, applause and incidents (their descriptions in
    their own parentheses, no rend): both views show each description once, as given,
    in its place in the sentence; ours add the brackets the source printed."""
    _, pages = _render_small(
        tmp_path, "speech-1",
        "<div><u>We shall not give up. "
        '<vocal type="laughter"><desc>(Laughter)</desc></vocal> The question is closed. '
        '<kinesic type="applause"><desc>(Applause from the left)</desc></kinesic></u>'
        '<incident><desc>(The sitting is suspended)</desc></incident></div>')
    for page in pages.values():
        main_text = _main_text(page)
        assert ("We shall not give up. (Laughter) The question is closed. "
                "(Applause from the left)") in main_text, main_text
        assert main_text.count("(Laughter)") == 1
        events = [" ".join(e.text_content().split())
                  for e in page.xpath("//*[contains(@class, 'event')]")]
        assert events == ["(Laughter)", "(Applause from the left)",
                          "(The sitting is suspended)"], events


def test_another_edition_s_apparatus_speeches_and_substitutions(tmp_path: Path) -> None:
    """A critical apparatus: the lemma is the text; the reading view names the other
    readings in a tooltip, the diplomatic view prints them with their witnesses (an
    omission as "om."). A play's speech and a substitution are shown, with no warning."""
    output, pages = _render_small(
        tmp_path, "app-1",
        "<div><p>The <app><lem wit='#A'>quick</lem>"
        "<rdg wit='#B #C'>swift</rdg><rdg wit='#D'/></app> fox slept on the "
        "<subst><del>lazy</del><add>sleeping</add></subst> dog.</p>"
        "<sp><speaker>HAMLET</speaker><p>To be or not to be.</p></sp></div>")
    assert "unhandled" not in output, output
    reading, diplomatic = pages["reading"], pages["diplomatic"]
    text = _main_text(reading)
    assert "The quick fox slept" in text and "swift" not in text
    [app] = reading.xpath("//span[@class='app']")
    assert app.get("title") == "Other readings: B C: swift; D: om."
    assert "The quick [B C: swift] [D: om.] fox slept on the" in _main_text(diplomatic)
    for page in (reading, diplomatic):
        assert page.xpath("string(//*[@class='speaker'])") == "HAMLET"
        assert page.xpath("//del[.='lazy']") and page.xpath("//ins[.='sleeping']")


def test_a_lemma_in_a_group_of_readings_is_the_text(tmp_path: Path) -> None:
    """Readings grouped (rdgGrp), the lemma among them: the lemma is the text and the
    grouped readings the others (the lemma vanished from both views, and a reading of
    B was shown as the text without its witness: found by a probe of other projects'
    TEI); a nested apparatus's readings are its own."""
    output, pages = _render_small(
        tmp_path, "app-grp",
        "<div><p>The dog <app><rdgGrp><lem wit='#A'>jumped</lem><rdg wit='#B'>leaped</rdg>"
        "</rdgGrp><rdgGrp><rdg wit='#C'>vaulted <app><lem wit='#C'>high</lem>"
        "<rdg wit='#D'>low</rdg></app></rdg></rdgGrp></app> over.</p></div>")
    assert "unhandled" not in output, output
    reading, diplomatic = pages["reading"], pages["diplomatic"]
    assert "The dog jumped over." in _main_text(reading)
    outer = reading.xpath("//span[@class='app']")[0]
    assert outer.get("title") == "Other readings: B: leaped; C: vaulted high (D: low)"
    assert "The dog jumped [B: leaped] [C: vaulted high [D: low]] over." in _main_text(
        diplomatic)


def test_nested_choices_and_free_alternatives(tmp_path: Path) -> None:
    """A choice inside a choice's source form: the popover names the source's side of
    the inner one ("wch", not "wchwhich"). A choice of free alternatives (seg): no
    "Expanded", the others named as alternatives, and every one of them in the
    diplomatic view (the second was dropped). Found by a probe of other projects' TEI."""
    output, pages = _render_small(
        tmp_path, "choices",
        "<p>Nested: <choice><orig><choice><abbr>wch</abbr><expan>which</expan></choice>"
        "</orig><reg>which</reg></choice> and <choice><seg type='a'>colour</seg>"
        "<seg type='b'>color</seg></choice>.</p>")
    assert "unhandled" not in output, output
    reading, diplomatic = pages["reading"], pages["diplomatic"]
    pops = [" ".join(p.text_content().split()) for p in reading.xpath(
        "//span[@class='app-pop']")]
    assert pops == ["Regularised by the editors. The source reads “wch”.",
                    "Alternatively “color”."], pops
    assert "Nested: wch and colour [or: color]." in _main_text(diplomatic)


def test_a_manuscript_description_witnesses_and_a_facsimile(tmp_path: Path) -> None:
    """Another project's msDesc beyond its shelfmark (contents, physical description,
    history, other identifiers) and its list of witnesses are in "About this document";
    a facsimile, which no page shows, is warned about (all were dropped without a word:
    a probe of other projects' TEI)."""
    tei = tmp_path / "ms.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>'
        "MS Digby 23</title></titleStmt><publicationStmt><p>Open</p></publicationStmt>"
        "<sourceDesc><msDesc><msIdentifier><settlement>Oxford</settlement><repository>"
        "Bodleian Library</repository><idno>MS. Digby 23</idno><altIdentifier><idno>SC 1624"
        "</idno></altIdentifier></msIdentifier><msContents><msItem><title>Chanson de Roland"
        "</title><incipit>Carles li reis</incipit></msItem></msContents><physDesc>"
        "<objectDesc><supportDesc><support>Parchment</support><extent>60 leaves<dimensions>"
        "<height>195</height><width>135</width></dimensions></extent></supportDesc>"
        "</objectDesc><handDesc><handNote>One Anglo-Norman hand.</handNote></handDesc>"
        "</physDesc><history><provenance>Owned by Kenelm Digby.</provenance></history>"
        "</msDesc><listWit><witness xml:id='O'>Oxford copy</witness></listWit>"
        "</sourceDesc></fileDesc></teiHeader><facsimile><surface><graphic url='f1.jpg'/>"
        "</surface></facsimile><text><body><p>Words.</p></body></text></TEI>",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(tei), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert f"{tei}:1:0: warning: its <facsimile> (1 surfaces or images) is not shown" \
        in result.output
    page = html.fromstring((tmp_path / "site" / "reading" / "ms.html").read_bytes())
    rows = {" ".join(r.xpath("string(dt)").split()): " ".join(r.xpath("string(dd)").split())
            for r in page.xpath("//div[contains(@class, 'meta-row')]")}
    assert rows["Other identifiers"] == "SC 1624"
    assert rows["Contents"] == "Chanson de Roland; Incipit: Carles li reis"
    assert rows["Physical description"] == "Parchment 60 leaves 195 135; One Anglo-Norman hand."
    assert rows["History"] == "Provenance: Owned by Kenelm Digby."
    assert rows["Witnesses"] == "O: Oxford copy"


def test_page_furniture_abbreviation_marks_and_index_entries(tmp_path: Path) -> None:
    """A running head and a writer's mark are the document as it stands (diplomatic view
    only); an abbreviation's mark shows in the diplomatic view, the editor's expansion in
    the reading view; an index entry is no word of the text; a quotation with its source
    is shown. None warned about."""
    output, pages = _render_small(
        tmp_path, "fw-1",
        "<div><fw type='header'>RUNNING HEAD</fw><p>The Dn<am>̄</am><ex>omi"
        "</ex>nus spoke<metamark>✗</metamark> of peace<index><term>peace</term></index>, "
        "<cit><quote>pax vobis</quote> <bibl>Luke 24</bibl></cit>.</p></div>")
    assert "unhandled" not in output, output
    reading, diplomatic = _main_text(pages["reading"]), _main_text(pages["diplomatic"])
    assert "The Dnominus spoke of peace, pax vobis Luke 24." in reading
    assert "RUNNING HEAD" not in reading and "✗" not in reading
    assert "RUNNING HEAD" in diplomatic and "The Dn̄nus spoke✗ of peace, pax vobis" in diplomatic
    assert "omi" not in diplomatic.split("RUNNING HEAD", 1)[1]


def test_a_tei_corpus_gives_each_of_its_documents(tmp_path: Path) -> None:
    """A teiCorpus file (as other projects exchange a collection): each TEI document in it
    has its pages, by its own id or the file's name and its number; a message names the
    line in the corpus file."""
    header = ("<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt>"
              "<p>Open</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>"
              "</teiHeader>")
    corpus = tmp_path / "letters.xml"
    corpus.write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">' + header.format("Letters") + "\n"
        '<TEI xml:id="first">' + header.format("The first letter")
        + "<text><body><p>One.</p></body></text></TEI>\n"
        "<TEI>" + header.format("The second letter")
        + "<text><body><p>Two <blink>words</blink>.</p></body></text></TEI>\n"
        "</teiCorpus>", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(corpus), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    for doc_id, title, words in (("first", "The first letter", "One."),
                                 ("letters-2", "The second letter", "Two words.")):
        page = html.fromstring((tmp_path / "site" / "reading" / f"{doc_id}.html").read_bytes())
        assert page.xpath("string(//h1)").strip() == title
        assert words in _main_text(page)
    assert "letters.xml:3:" in result.output and "<blink>" in result.output, result.output


def _links_resolve(page: Any) -> None:
    """Every link of the page to a fragment of itself reaches an element there."""
    ids = set(page.xpath("//@id"))
    broken = [h for h in page.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids]
    assert not broken, broken


def test_a_stand_off_s_lists_are_shown_and_its_names_link_to_them(tmp_path: Path) -> None:
    """A standOff beside the text (its persons, places and annotations): each list shown
    after the text as the back matter's lists are, in both views, every word of it; the
    names that point at its entries and an annotation's passage are links that lead
    somewhere."""
    output, pages = _render_small(
        tmp_path, "standoff-1",
        '<p>We left <placeName ref="#aleppo">Aleppo</placeName> with our dragoman '
        '<persName ref="#dragoman">Yusuf</persName>. <seg xml:id="s-caravan">The caravan '
        "numbered some forty camels.</seg></p>",
        '<listPerson><person xml:id="dragoman"><persName>Yusuf</persName>'
        "<occupation>dragoman and guide</occupation></person></listPerson>"
        '<listPlace><place xml:id="aleppo"><placeName>Aleppo</placeName><location>'
        "<geo>36.2021 37.1343</geo></location></place></listPlace>"
        '<listAnnotation><note target="#s-caravan" type="commentary">Caravans of this size '
        "were common on the Aleppo road.</note></listAnnotation>")
    assert "unhandled" not in output, output
    for view, page in pages.items():
        text = _main_text(page)
        for words in ("dragoman and guide", "36.2021 37.1343",
                      "Caravans of this size were common on the Aleppo road."):
            assert words in text, (view, words, text)
        assert page.xpath("//section[contains(@class, 'backlist-listPerson')]//li[@id='dragoman']")
        assert page.xpath("//section[contains(@class, 'backlist-listPlace')]//li[@id='aleppo']")
        [annotation] = page.xpath("//section[contains(@class, 'backlist-listAnnotation')]//li")
        assert annotation.xpath(".//a[@href='#s-caravan']"), view
        _links_resolve(page)
    hrefs = pages["reading"].xpath("//a[contains(@class, 'name-link')]/@href")
    assert {"#aleppo", "#dragoman"} <= set(hrefs), hrefs


def test_witness_details_and_notes_of_an_apparatus_are_shown(tmp_path: Path) -> None:
    """What an apparatus says of a witness (witDetail) goes with the readings: in the
    reading view's tooltip, in brackets in the diplomatic view; a note inside an apparatus
    has its sign in the text; a reading holding an apparatus is not run together."""
    output, pages = _render_small(
        tmp_path, "witdetail-1",
        "<lg><l><app><lem wit='#El'>The tendre croppes</lem><rdg wit='#Hg'>The <del>yonge"
        "</del> tendre croppes</rdg><witDetail wit='#Hg' type='correction'>yonge struck "
        "through by the scribe</witDetail></app>, and the yonge sonne</l>"
        "<l>Whan <app><lem wit='#El'>Zephirus</lem><rdg wit='#Gg'>Zepherus <app><lem>eek"
        "</lem><rdg wit='#La'>ek</rdg></app></rdg><note>Hg is in a later hand.</note></app> "
        "eek</l></lg>")
    assert "unhandled" not in output, output
    reading, diplomatic = pages["reading"], pages["diplomatic"]
    titles = reading.xpath("//span[@class='app']/@title")
    assert titles[0] == ("Other readings: Hg: The yonge tendre croppes. "
                         "Hg (correction): yonge struck through by the scribe"), titles
    assert titles[1] == "Other readings: Gg: Zepherus eek (La: ek)", titles
    assert ("The tendre croppes [Hg: The yonge tendre croppes] "
            "[Hg (correction): yonge struck through by the scribe], and the yonge sonne"
            in _main_text(diplomatic))
    for page in (reading, diplomatic):
        assert "Hg is in a later hand." in _main_text(page)
        assert page.xpath("//a[starts-with(@id, 'fnref-')]")
        _links_resolve(page)


def test_fields_side_by_side_are_not_run_together(tmp_path: Path) -> None:
    """Elements that are fields of their own, put side by side with nothing between them
    (a place and its coordinates, a figure's heading and description, a dictionary
    entry's form, pronunciation and grammar, a cast list's roles), are set apart in both
    views; a phrase inside a word (hi) and a note's sign stay where they are."""
    output, pages = _render_small(
        tmp_path, "fields-1",
        "<div><p>We left <placeName>Aleppo<geo>36.2 37.1</geo></placeName> on W<hi "
        "rend='superscript'>th</hi>sday<note place='foot'>Wednesday.</note>.</p>"
        "<figure><head>Chart</head><figDesc>A chart of the harbour</figDesc></figure>"
        "<entry><form><orth>kitab</orth><pron>kiˈtaːb</pron></form><gramGrp><pos>noun</pos>"
        "<gen>masc.</gen></gramGrp><sense><def>a book</def></sense></entry>"
        "<castList><castItem><role>First Reaper</role></castItem><castItem><role>Second "
        "Reaper</role></castItem></castList></div>")
    assert "<entry>" not in output  # a dictionary's elements are known (no warning)
    for view, page in pages.items():
        text = _main_text(page)
        for words in ("Aleppo 36.2 37.1 on Wthsday", "Chart A chart of the harbour",
                      "kitab kiˈtaːb noun masc."):
            assert words in text, (view, words, text)
        # the sense and the cast's items are blocks of their own
        assert page.xpath("string(//div[@class='sense'])") == "a book"
        assert page.xpath("//li[@class='castitem']/span/text()") == [
            "First Reaper", "Second Reaper"]
        assert page.xpath("//figcaption")[0].text_content() == "Chart A chart of the harbour"


def test_a_reference_to_a_footnote_leads_to_the_note(tmp_path: Path) -> None:
    """A ref pointing at a footnote's xml:id (plain or type="footnote") links to that
    note in the list of notes, in both views; a ref to any other element keeps its id."""
    _, pages = _render_small(
        tmp_path, "note-ref-1",
        "<div><p xml:id='para'>Your letter<note place='foot' xml:id='n-brief'>Lost.</note> "
        "came. See <ref target='#n-brief'>the note</ref>, <ref type='footnote' "
        "target='#n-brief'>*</ref> and <ref target='#para'>the paragraph</ref>.</p></div>")
    for page in pages.values():
        hrefs = page.xpath("//main//a[contains(concat(' ', @class, ' '), ' ref ')]/@href")
        assert hrefs == ["#fn-n-brief", "#fn-n-brief", "#para"], hrefs
        assert page.xpath("//li[@id='fn-n-brief']")
        _links_resolve(page)


def test_verse_line_numbers_are_shown_apart_from_the_words(tmp_path: Path) -> None:
    """Each verse line's number (@n) is shown in both views, as apparatus set apart from
    the line's words; a line without one has none."""
    _, pages = _render_small(
        tmp_path, "verse-1",
        "<lg><l n='4'>And flat meads thatch'd with stover,</l><l n='5'>Thy banks with "
        "pioned and twilled brims,</l><l>Which spongy April</l></lg>")
    for page in pages.values():
        numbers = page.xpath("//span[@class='l']/span[contains(@class, 'line-number')]")
        assert [n.text for n in numbers] == ["4", "5"]
        assert all("apparatus" in n.get("class").split() for n in numbers)
        lines = [" ".join(line.text_content().split()) for line in page.xpath("//span[@class='l']")]
        assert lines == ["And flat meads thatch'd with stover, 4",
                         "Thy banks with pioned and twilled brims, 5", "Which spongy April"]


def test_a_line_break_inside_a_word_joins_it(tmp_path: Path) -> None:
    """lb break="no" (the word goes on in the next line): the reading view joins the
    word, the spaces of the file around the break dropped; the diplomatic view breaks the
    line and adds no space. A break="no" after a whitespace-only text keeps that space."""
    _, pages = _render_small(
        tmp_path, "lb-1",
        "<p>At Sal<lb break='no'/>isbury and Win\n    <lb break='no'/>\n    chester, "
        "<hi>then</hi>\n  <lb break='no'/>home.</p>")
    reading, diplomatic = pages["reading"], pages["diplomatic"]
    assert "At Salisbury and Winchester, then home." in _main_text(reading)
    assert not reading.xpath("//main//p//br")
    [paragraph] = diplomatic.xpath("//main//p[contains(., 'isbury')]")
    assert len(paragraph.xpath(".//br")) == 3
    assert "At Salisbury and Winchester, then home." in " ".join(
        paragraph.text_content().split())
    assert "Sal\n" not in paragraph.text_content() and "Win\n" not in paragraph.text_content()


def test_supplied_words_say_why_as_tei_s_reason_does(tmp_path: Path) -> None:
    """Another edition's supplied/@reason says why ("damage"), not who: the tooltip
    reads "supplied by the editors (damage)", not "supplied by the damage"."""
    _, pages = _render_small(tmp_path, "supplied-1",
                             "<p>The <supplied reason='damage'>ship</supplied> sailed.</p>")
    [span] = pages["reading"].xpath("//span[@class='supplied']")
    assert span.get("title") == "supplied by the editors (damage)"


def test_a_doctype_that_only_names_its_dtd_is_read(tmp_path: Path) -> None:
    """Many older TEI files carry <!DOCTYPE TEI SYSTEM "tei_all.dtd">: such a file is
    rendered (the DTD is never read); one that uses an entity only its DTD declares is
    refused where it does, as one declaring entities of its own still is."""
    head = ('<teiHeader><fileDesc><titleStmt><title>Old</title></titleStmt>'
            "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
            "</fileDesc></teiHeader>")
    good = tmp_path / "old.xml"
    good.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n'
                    f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{head}<text><body><p>An old '
                    "file &amp; its words.</p></body></text></TEI>", encoding="utf-8")
    entity = tmp_path / "entity.xml"
    entity.write_text('<!DOCTYPE TEI PUBLIC "-//TEI P4//DTD Main Document Type//EN" '
                      f'"tei2.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0">{head}<text>'
                      "<body><p>A&nbsp;space.</p></body></text></TEI>", encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(good), str(entity), "--out", str(out)])
    assert result.exit_code == 1  # the second file
    assert "An old file & its words." in _main_text(
        html.fromstring((out / "reading" / "old.html").read_bytes()))
    assert f"{entity}:2:" in result.output and "the entity &nbsp; is declared" in result.output


def test_a_rend_or_type_token_never_becomes_a_site_class(tmp_path: Path) -> None:
    """Every token of another project's @rend and @type becomes a prefixed class: "plain
    visually-hidden" gave the site's own class "visually-hidden" and hid the words."""
    _, pages = _render_small(
        tmp_path, "classes-1",
        "<div type='x visually-hidden'><p>The treaty was signed <seg rend='plain "
        "visually-hidden'>only after the minister withdrew</seg> on Tuesday.</p></div>")
    for page in pages.values():
        classes = {c for value in page.xpath("//main//@class") for c in value.split()}
        assert "visually-hidden" not in classes, classes
        assert {"rend-visually-hidden", "div-visually-hidden"} <= classes


def test_a_tei_id_never_takes_a_page_s_own_id(tmp_path: Path) -> None:
    """A TEI element with xml:id="cite-chicago" is "tei-cite-chicago" on the page: the
    citation box's Copy button took the TEI paragraph's words; its link follows it."""
    _, pages = _render_small(
        tmp_path, "ids-1",
        "<p xml:id='cite-chicago'>FAKE CITATION</p><p>See <ref target='#cite-chicago'>"
        "above</ref>.</p>")
    for page in pages.values():
        assert len(page.xpath("//*[@id='cite-chicago']")) <= 1
        assert page.xpath("//*[@id='tei-cite-chicago']")
        assert "FAKE" not in " ".join(page.xpath("string(//*[@id='cite-chicago'])").split())
    assert pages["reading"].xpath("//a[@href='#tei-cite-chicago']")
    # the paragraph's own link (¶) leads to it, not to the page's citation box
    for page in pages.values():
        assert page.xpath("//*[@id='tei-cite-chicago']/a[@class='anchor-link']/@href") == [
            "#tei-cite-chicago"]


def test_a_tei_id_in_the_pages_own_id_schemes_is_kept_apart(tmp_path: Path) -> None:
    """The page's own ids for notes, their signs and the apparatus are "fn-", "fnref-"
    and "app-" and a number, and "tei-" marks a TEI id moved aside: a TEI id that starts
    so is moved aside too; one that only looks alike ("fnx-1", "fn1") is kept."""
    moved = ("fn-1", "fnref-2", "app-3", "tei-4")
    kept = ("fnx-1", "fn1", "appendix-1")
    _, pages = _render_small(
        tmp_path, "ids-2", "".join(f"<p xml:id='{i}'>Paragraph {i}.</p>" for i in moved + kept))
    for page in pages.values():
        ids = set(page.xpath("//main//@id"))
        assert {f"tei-{i}" for i in moved} <= ids, ids
        assert set(kept) <= ids and not {f"tei-{i}" for i in kept} & ids


def test_a_source_doc_the_pages_do_not_show_is_named(tmp_path: Path) -> None:
    """A file whose transcription is in <sourceDoc> (which the views do not render)
    gets a warning naming it and its words' count: the words are on no page."""
    tei = tmp_path / "zones.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Z'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader>\n<sourceDoc><surface><line>Dear Sir, I write "
        "in haste.</line></surface></sourceDoc><text><body><p/></body></text></TEI>",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(tei), "--out", str(tmp_path / "site")])
    assert f"{tei}:2:0: warning: its <sourceDoc> (6 words) is not rendered" in result.output


def test_turns_and_quoted_speech_of_another_project(tmp_path: Path) -> None:
    """A transcript's turns (u who) are blocks with their speakers (they ran together as
    one paragraph, the speakers on no page); q and said stand in quotation marks, unless
    their words carry their own."""
    output, pages = _render_small(
        tmp_path, "debate-1",
        "<div><u who='#Novak'>I open the sitting.</u><u who='#Horvat'>I object.</u>"
        "<p>She said <q>we agree</q> and <q>“no more”</q>.</p></div>")
    assert "unhandled element <u>" not in output, output
    for view, page in pages.items():
        turns = page.xpath("//div[@class='u']")
        assert [" ".join(t.text_content().split()) for t in turns] == [
            "Novak: I open the sitting.", "Horvat: I object."], view
        quoted = [q.text_content() for q in page.xpath("//span[@class='q']")]
        assert quoted[1] == "“no more”" and quoted[0] in ('"we agree"', "“we agree”"), quoted


# ----- other projects' files in tests/files/foreign/, written in their styles -----

FOREIGN = FILES / "foreign"


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The four files of tests/files/foreign rendered as one site: its folder, the output."""
    out = tmp_path_factory.mktemp("foreign") / "site"
    result = CliRunner().invoke(main, ["render", str(FOREIGN), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def _page(site: Path, view: str, doc_id: str) -> Any:
    return html.fromstring((site / view / f"{doc_id}.html").read_bytes())


def test_another_project_s_pages_are_titled_and_cited_from_its_own_header(
        foreign_site: tuple[Path, str]) -> None:
    """Not as this edition: the title names the file's series (or its publisher or
    authority), the citation its authors, editors, publisher, identifier and licence."""
    site, _ = foreign_site
    for page in site.rglob("*.html"):
        assert "Cold War Documents Edition" not in page.read_text(encoding="utf-8"), page
    letter = _page(site, "reading", "brief-0417")
    assert letter.findtext(".//title").endswith(
        "· Reading view · Briefe aus dem Atelier: Korrespondenz der Malerin Hedwig Brandt")
    chicago = " ".join(letter.get_element_by_id("cite-chicago").text_content().split())
    assert chicago.startswith("Brandt, Hedwig. “Hedwig Brandt an Otto Keller")
    for part in ("12. März 1904.", "Edited by Lang, Theresa and Okafor, Daniel.",
                 "Institut für Briefforschung, Weimar, 2024.", "10.5555/brandt.0417.",
                 "creativecommons.org/licenses/by-sa/4.0/"):
        assert part in chicago
    assert "version" not in chicago
    bibtex = letter.get_element_by_id("cite-bibtex").text_content()
    assert "publisher = {Institut für Briefforschung}" in bibtex
    assert letter.xpath("//meta[@name='DC.publisher']/@content") == [
        "Institut für Briefforschung"]
    stone = _page(site, "diplomatic", "ins-tombstone-42")
    assert stone.findtext(".//title").endswith(
        "· Diplomatic view · Inscriptions of the Upper Danube Project")
    assert stone.xpath("string(//a[@class='site-name'])") == "TEI documents"


def test_our_own_file_rendered_alone_is_still_this_edition_s(tmp_path: Path) -> None:
    own = sorted((ROOT / "tei").glob("scr-*.xml"))[0]
    result = CliRunner().invoke(main, ["render", str(own), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    page = html.fromstring((tmp_path / "s" / "reading" / f"{own.stem}.html").read_bytes())
    assert page.findtext(".//title").endswith("· Cold War Documents Edition")
    assert "In Cold War Documents Edition, version" in page.get_element_by_id(
        "cite-chicago").text_content()


def _lines(page: Any) -> str:
    """The main text of a page as the browser lays it out, roughly: a line per <br>
    (the file's own line ends are spaces)."""
    for br in page.iter("br"):
        br.tail = "\u2028" + (br.tail or "")
    return " ".join(page.xpath("string(//main)").split(" ")).replace("\n", " ")


def test_an_inscription_s_leiden_conventions_in_the_diplomatic_view(
        foreign_site: tuple[Path, str]) -> None:
    """EpiDoc: numbered lines, gaps with their extent and reason, supplied words by
    their reason and certainty, erased words, words added above the line."""
    site, _ = foreign_site
    text = _lines(_page(site, "diplomatic", "ins-tombstone-42"))
    lines = [" ".join(line.split()) for line in text.split("\u2028")]
    for line in ("[--- an unknown number of lines lost]", "1 D M", "2 [Aure]liae Primae",
                 "3 vix⟨it⟩ annis XXXII", "4 [--- 3 characters lost]ius maritus",
                 "5 coniugi ⟦Getae⟧ `carissimae´", "6 f[ecit?] [--- 2 lines illegible]"):
        assert any(shown.startswith(line) or shown.endswith(line) for shown in lines), line
    reading = _main_text(_page(site, "reading", "ins-tombstone-42"))
    assert "Aureliae Primae" in reading and "[an unknown number of lines lost]" in reading
    assert "1 D" not in reading  # line numbers are the diplomatic view's


def test_a_transcription_s_hands_substitutions_and_restorations(
        foreign_site: tuple[Path, str]) -> None:
    site, output = foreign_site
    assert "<restore>" not in output
    diplomatic = _page(site, "diplomatic", "ms-diary-1867")
    text = " ".join(_main_text(diplomatic).split())
    for part in ("2 cottage`lease´ and stayed", "Sent two (restored) shillings",
                 "Mrs Dunn (in the left margin) for the children.",
                 "we walk[--- 4 characters damaged]", "[col. 2]",
                 "[hand: A later hand in pencil, perhaps her son] She died"):
        assert part in text, part
    reading = " ".join(_main_text(_page(site, "reading", "ms-diary-1867")).split())
    assert "Sent two shillings" in reading and "Mrs Dunn for the children." in reading
    assert "Margaret Ellis, brown ink; A later hand in pencil" in reading


def test_a_letter_with_its_correspondence_description(foreign_site: tuple[Path, str]) -> None:
    site, _ = foreign_site
    text = " ".join(_main_text(_page(site, "diplomatic", "brief-0417")).split())
    for part in ("Weimar, d. 12. März 1904", "Lieber Freund!", "gleich `zweimal´ gelesen",
                 "abgesagtverschoben", "Herzlich Ihre", "Hedwig Brandt",
                 "P.S. Grüßen Sie Ihre Schwester.", "[hand: Otto Keller, Bleistift",
                 "erh. 14/3 04", "Gemeint sind die Studien zum Ilmtal-Zyklus."):
        assert part in text, part


def test_a_series_title_names_no_document(tmp_path: Path) -> None:
    """A series' title (level="s") before the document's own title without a level:
    the page, the list of documents and the citation take the document's."""
    tei = tmp_path / "doc.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc"><teiHeader><fileDesc>'
        '<titleStmt><title level="s">Letters of the Harbour Board</title><title>Minutes of '
        "the meeting of 4 June</title></titleStmt><publicationStmt><p>x</p>"
        "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text>"
        "<body><p>Present: the board.</p></body></text></TEI>", encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(tei), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = html.fromstring((out / "reading" / "doc.html").read_bytes())
    assert page.findtext(".//title") == (
        "Minutes of the meeting of 4 June · Reading view · Letters of the Harbour Board")
    index = " ".join(html.fromstring((out / "index.html").read_bytes()).text_content().split())
    assert "Minutes of the meeting of 4 June" in index


def test_script_of_another_namespace_is_no_text(tmp_path: Path) -> None:
    output, pages = _render_small(
        tmp_path, "ns", '<p>Words <svg xmlns="http://www.w3.org/2000/svg"><script>'
        'document.title="x"</script><text>label</text></svg> and <style xmlns='
        '"http://www.w3.org/1999/xhtml">p {color: red}</style>more words.</p>')
    for page in pages.values():
        text = _main_text(page)
        assert "Words" in text and "label" in text and "more words." in text
        assert "document.title" not in text and "color: red" not in text
    assert "<svg:script> at" in output or "<script> at" in output
    assert "is code of another namespace, no text: not shown" in output


def test_nesting_past_the_parser_s_limit_gets_the_project_s_message(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
                    + "<hi>" * 300 + "x" + "</hi>" * 300 + "</p></body></text></TEI>")
    result = CliRunner().invoke(main, ["render", str(deep), "--out", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "elements are nested more than 100 deep here" in result.output
    assert "XML_PARSE_HUGE" not in result.output


def test_a_dictionary_s_entries_and_a_play_s_cast_keep_their_structure(
        foreign_site: tuple[Path, str], tmp_path: Path) -> None:
    """Entries and senses are blocks (they ran together into one paragraph), with no
    warning; a cast list is a list of its roles, a group of them a list inside it."""
    site, output = foreign_site
    for name in ("entry", "sense", "orth", "def", "gramGrp", "etym", "xr"):
        assert f"<{name}>" not in output
    page = _page(site, "reading", "gloss-a")
    entries = page.xpath("//div[@class='entry']")
    assert len(entries) == 2
    first = " ".join(entries[0].text_content().split())
    assert first.startswith("aber ˈɑːbər adj.")
    senses = entries[0].xpath("./div[@class='sense']")
    assert [" ".join(s.text_content().split()) for s in senses] == [
        "1. eager, keen to go to sea He was aber for the fishing.",
        "2. of a boat: quick in answering the helm"]
    assert entries[0].xpath("./span[@class='form']/b[@class='orth']/text()") == ["aber"]
    output, pages = _render_small(
        tmp_path, "play", '<div type="cast"><castList><head>Persons</head><castItem><role>'
        "ANNA</role><roleDesc>a ferrywoman</roleDesc></castItem><castGroup><head>Sailors"
        "</head><castItem><role>TOM</role></castItem><castItem><role>JEM</role></castItem>"
        '</castGroup></castList></div><div type="scene"><stage>A quay.</stage><sp><speaker>'
        "ANNA</speaker><p>Fair wind.</p></sp></div>")
    assert "unhandled" not in output
    cast = pages["reading"].xpath("//div[@class='castlist']")[0]
    items = cast.xpath("./ul/li")
    assert " ".join(items[0].text_content().split()) == "ANNA, a ferrywoman"
    assert items[1].xpath("string(span[@class='cast-head'])") == "Sailors"
    assert [li.text_content() for li in items[1].xpath("./ul/li")] == ["TOM", "JEM"]
    assert pages["reading"].xpath("//p[@class='stage']/text()") == ["A quay."]


def test_a_link_to_another_file_rendered_with_it_leads_to_its_page(tmp_path: Path) -> None:
    """A correspondence edition's letters point at each other by file ("L2.xml",
    "L2.xml#p2"): rendered together, the link leads to that page; a file not rendered
    (or any other relative path) stays text, with a warning (it was text, silently)."""
    header = ('<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt>'
              "<p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
              "</teiHeader>")
    (tmp_path / "L1.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1">{header.format("One")}<text>'
        '<body><p>See <ref target="L2.xml">the answer</ref>, <ref target="L2.xml#p2">its '
        'second paragraph</ref>, <ref target="notes.html">the notes</ref>.</p></body>'
        "</text></TEI>", encoding="utf-8")
    (tmp_path / "L2.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L2">{header.format("Two")}<text>'
        '<body><p>First.</p><p xml:id="p2">Second.</p></body></text></TEI>', encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(tmp_path / "L1.xml"),
                                       str(tmp_path / "L2.xml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for view in ("reading", "diplomatic"):
        page = html.fromstring((out / view / "L1.html").read_bytes())
        assert page.xpath("//a[@class='ref']/@href") == ["L2.html", "L2.html#p2"]
        assert page.xpath("//span[@class='ref']/text()") == ["the notes"]
        target = html.fromstring((out / view / "L2.html").read_bytes())
        assert target.xpath("//*[@id='p2']")
    assert 'a link to "notes.html", a file that is not among the files rendered' in (
        result.output)


def test_the_header_offers_no_empty_parts_of_the_site(foreign_site: tuple[Path, str]) -> None:
    """Other projects' files bring no registers of this edition, no restrictions and
    here no corrections: the header links to none of those pages (they are written,
    each saying it is empty)."""
    site, _ = foreign_site
    for name in ("index.html", "reading/brief-0417.html", "search.html"):
        page = html.fromstring((site / name).read_bytes())
        links = [" ".join(a.text_content().split())
                 for a in page.xpath("//ul[@class='site-links']//a")]
        assert "Persons" not in links and "Map" not in links and "Withheld" not in links
        assert "Timeline" in links and "Search" in links
    assert (site / "persons.html").is_file()


def test_a_file_without_header_or_text_or_namespace_is_named(tmp_path: Path) -> None:
    """No teiHeader, no text: rendered (exit 0) but warned about (it was silent); TEI in
    no namespace: refused with a hint at TEI P4."""
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    (tmp_path / "noheader.xml").write_text(f"<TEI {ns}><text><body><p>Words.</p></body>"
                                           "</text></TEI>")
    (tmp_path / "notext.xml").write_text(
        f"<TEI {ns}><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>"
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
        "</fileDesc></teiHeader></TEI>")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "noheader.xml"),
                                       str(tmp_path / "notext.xml"), "--out",
                                       str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "noheader.xml:1:0: warning: its <TEI> has no <teiHeader>" in result.output
    assert "notext.xml:1:0: warning: its <TEI> has no <text>" in result.output
    (tmp_path / "p4.xml").write_text("<TEI.2><teiHeader/><text><body><p>x</p></body>"
                                     "</text></TEI.2>")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "p4.xml"), "--out",
                                       str(tmp_path / "s4")])
    assert result.exit_code == 1
    assert "<TEI.2> in no namespace: a TEI P4 file" in result.output


def test_a_link_by_a_document_s_id_leads_to_it_when_rendered(tmp_path: Path) -> None:
    """FRUS points at another volume by its id ("frus1888p1#pg_759"): a link when that
    document is rendered too, else text, with no warning (it names no file)."""
    header = ('<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt>'
              "<p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
              "</teiHeader>")
    (tmp_path / "vol1.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol1">{header.format("One")}<text>'
        '<body><p>See <ref target="vol2#pg_7">vol. 2, p. 7</ref> and <ref target="vol9#pg_1">'
        "vol. 9</ref>.</p></body></text></TEI>", encoding="utf-8")
    (tmp_path / "vol2.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol2">{header.format("Two")}<text>'
        '<body><p>Text <pb n="7" xml:id="pg_7"/> more.</p></body></text></TEI>',
        encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = html.fromstring((out / "reading" / "vol1.html").read_bytes())
    assert page.xpath("//a[@class='ref']/@href") == ["vol2.html#pg_7"]
    assert page.xpath("//span[@class='ref']/text()") == ["vol. 9"]
    assert "vol9" not in result.output
