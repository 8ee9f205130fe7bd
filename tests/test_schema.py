"""schema/edition.rng is a strict subset of TEI P5; schema/edition.sch compiles and runs.

tei_all.rng is compiled once per session: every file that must be checked against it
(the samples, the variants, random instances of our schema, tei/*.xml) is written
first and checked in one run of the RELAX NG engine (jing when Java is available).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from edition.errors import EditionError
from edition.paths import EDITION_RNG, EDITION_SCH, TEI_DIR
from edition.validate import Problem, Report, Validator, format_report
from edition.validation.relaxng import RelaxNGChecker
from edition.validation.schematron import Schematron, compile_schematron, context_targets
from edition.validation.source import SourceFile, load
from edition.xmlio import parse_file

FILES = Path(__file__).parent / "files"
SAMPLE = FILES / "sample.xml"
CORPUS = FILES / "valid" / "corpus.xml"
TEI_ALL = Path(__file__).resolve().parents[2] / "shared" / "reference" / "tei-p5" / "tei_all.rng"
RNG = "{http://relaxng.org/ns/structure/1.0}"
TEI_NS = "http://www.tei-c.org/ns/1.0"
RANDOM_INSTANCES = 50

# name -> (replacement in sample.xml, rule ours reports, whether TEI P5 allows it)
VARIANTS: dict[str, tuple[tuple[str, str], str, bool]] = {
    "unknown element": (("<supplied reason=\"translator\">North</supplied>",
                         '<hi rend="italic">North</hi>'), "schema.element", True),
    "foreign namespace": (("<gap reason=\"omitted\"/>", '<x:gap xmlns:x="urn:x"/>'),
                          "schema.element", False),
    "div type": (('<div type="letter">', '<div type="canto">'), "schema.value", True),
    "head type": (('<head type="document">Note', '<head type="main">Note'), "schema.value",
                  True),
    "gap reason": (('<gap reason="omitted"/>', '<gap reason="damage"/>'), "schema.value",
                   True),
    "gap unit": (('unit="chars"', 'unit="words"'), "schema.value", True),
    "note place": (('place="foot"', 'place="margin"'), "schema.value", True),
    "note type": (('type="restriction"', 'type="comment"'), "schema.value", True),
    "quote rend": (('<quote rend="quotes">', '<quote rend="italic">'), "schema.value", True),
    "supplied reason": (('reason="translator"', 'reason="editor"'), "schema.value", True),
    "date type": (('<date when="1953-12-15">', '<date when="1953-12-15" type="approx">'),
                  "schema.value", True),
    "attribute not ours": (("<p>The Embassy, in", '<p rend="indent">The Embassy, in'),
                           "schema.attribute", True),
    "foreign without language": (('<foreign xml:lang="ru-Latn" rend="brackets">',
                                  '<foreign rend="brackets">'), "schema.attribute", True),
    "corr outside choice": (("<sic rend=\"bracket-sic\">36,274</sic>", "<corr>36,274</corr>"),
                            "schema.element", True),
    "choice in reverse": (('<choice><orig>Truth</orig><reg resp="#editors">Pravda</reg>',
                           '<choice><reg resp="#editors">Pravda</reg><orig>Truth</orig>'),
                          "schema.element", True),
    "paragraph in body": (('<body>\n      <div type="document" n="71">',
                           '<body>\n      <p>Loose.</p><div type="document" n="71">'),
                          "schema.element", True),
    "block after division": (("</div>\n      </div>\n      <div type=\"document\">",
                              "</div>\n        <p>After.</p>\n      </div>\n      <div "
                              'type="document">'), "schema.element", False),
    "date not ISO": (('<date when="1953-12-15">', '<date when="15.12.1953">'), "date.iso",
                     False),
    "impossible date": (('<date when="1953-12-15">', '<date when="1953-02-29">'), "date.iso",
                        False),
}


# ------------------------------------------------------------------ random instances

class InstanceGenerator:
    """Random documents from a RELAX NG grammar in XML syntax (the constructs edition.rng
    uses: no interleave, no name classes), for testing what the grammar allows."""

    MAX_DEPTH = 9
    MAX_ELEMENTS = 300

    def __init__(self, grammar: Path, seed: int) -> None:
        root = etree.parse(str(grammar)).getroot()
        self.namespace = root.get("ns", "")
        self.defines = {node.get("name", ""): node for node in root.iter(f"{RNG}define")}
        start = root.find(f"{RNG}start")
        assert start is not None
        self.start = start
        self.random = random.Random(seed)
        self.ids = itertools.count(1)
        self.elements = 0
        self.costs = self._costs()

    def _costs(self) -> dict[str, float]:
        """The fewest elements each define needs (a fixed point over the grammar)."""
        costs = dict.fromkeys(self.defines, math.inf)
        changed = True
        while changed:
            changed = False
            for name, define in self.defines.items():
                cost = sum(self._cost(child, costs) for child in define)
                if cost < costs[name]:
                    costs[name] = cost
                    changed = True
        return costs

    def _cost(self, node: etree._Element, costs: dict[str, float]) -> float:
        kind = etree.QName(node).localname
        children = [child for child in node if isinstance(child.tag, str)]
        if kind == "element":
            return 1 + sum(self._cost(child, costs) for child in children)
        if kind == "ref":
            return costs[node.get("name", "")]
        if kind == "choice":
            return min(self._cost(child, costs) for child in children)
        if kind in ("group", "oneOrMore"):
            return sum(self._cost(child, costs) for child in children)
        return 0

    def document(self) -> etree._Element:
        holder = etree.Element("holder")
        for child in self.start:
            self._fill(child, holder, 0)
        return holder[0]

    def _cheap(self, depth: int) -> bool:
        return depth > self.MAX_DEPTH or self.elements > self.MAX_ELEMENTS

    def _fill(self, node: etree._Element, parent: etree._Element, depth: int) -> None:
        if not isinstance(node.tag, str):
            return
        kind = etree.QName(node).localname
        children = [child for child in node if isinstance(child.tag, str)]
        if kind == "element":
            self.elements += 1
            element = etree.SubElement(parent, f"{{{self.namespace}}}{node.get('name')}")
            for child in children:
                self._fill(child, element, depth + 1)
        elif kind == "attribute":
            name = node.get("name", "")
            key = f"{{http://www.w3.org/XML/1998/namespace}}{name[4:]}" if name.startswith(
                "xml:") else name
            parent.set(key, self._value(name, node))
        elif kind == "ref":
            for child in self.defines[node.get("name", "")]:
                self._fill(child, parent, depth)
        elif kind == "choice":
            if self._cheap(depth):
                chosen = min(children, key=lambda child: self._cost(child, self.costs))
            else:
                chosen = self.random.choice(children)
            self._fill(chosen, parent, depth)
        elif kind in ("group", "optional", "zeroOrMore", "oneOrMore"):
            low = 1 if kind in ("group", "oneOrMore") else 0
            high = {"group": 1, "optional": 1}.get(kind, 3)
            times = low if self._cheap(depth) else self.random.randint(low, high)
            for _ in range(times):
                for child in children:
                    self._fill(child, parent, depth)
        elif kind == "text":
            words = self.random.choice(["Pyongyang", "the expedition", "1954", "N.S."])
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + f" {words} "
            else:
                parent.text = (parent.text or "") + f" {words} "

    def _content(self, node: etree._Element) -> Iterator[etree._Element]:
        """The patterns inside ``node``, with references followed."""
        for child in node.iter():
            if child.tag == f"{RNG}ref":
                yield from self._content(self.defines[child.get("name", "")])
            elif child is not node:
                yield child

    def _value(self, name: str, attribute: etree._Element) -> str:
        content = list(self._content(attribute))
        values = [child.text or "" for child in content if child.tag == f"{RNG}value"]
        if values:
            return self.random.choice(values)
        data = next((child for child in content if child.tag == f"{RNG}data"), None)
        datatype = data.get("type") if data is not None else None
        if datatype == "positiveInteger":
            return str(self.random.randint(1, 99))
        if name in ("when", "from", "to", "notBefore", "notAfter"):  # edition.sch: ISO
            return self.random.choice(["1954", "1954-01", "1953-12-10", "-0044"])
        if datatype == "NCName":
            return f"g{next(self.ids)}"
        if datatype == "language":
            return self.random.choice(["en", "zh", "ru-Latn"])
        if datatype == "anyURI":
            return self.random.choice(["#g1", "scr-078.xml", "https://example.org/x"])
        if datatype == "nonNegativeInteger":
            return str(self.random.randint(0, 12))
        if datatype == "token":
            return self.random.choice(["162", "xii"])
        return self.random.choice(["1", "71", "a text"])


def random_instances(count: int) -> Iterator[bytes]:
    for seed in range(count):
        document = InstanceGenerator(EDITION_RNG, seed).document()
        yield etree.tostring(document, encoding="UTF-8", xml_declaration=True)


# ------------------------------------------------------------------ tei_all, once

def _variant(name: str) -> str:
    (old, new), _, _ = VARIANTS[name]
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text, name
    return text.replace(old, new, 1)


def _slug(name: str) -> str:
    return name.replace(" ", "-")


@pytest.fixture(scope="session")
def material(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file the tests check against tei_all, by name."""
    folder = tmp_path_factory.mktemp("tei-all")
    files = {"sample": SAMPLE, "corpus": CORPUS}
    for path in sorted((FILES / "valid").glob("*.xml")):
        files[f"valid/{path.name}"] = path
    for name in VARIANTS:
        path = folder / f"variant-{_slug(name)}.xml"
        path.write_text(_variant(name), encoding="utf-8")
        files[f"variant/{name}"] = path
    for number, data in enumerate(random_instances(RANDOM_INSTANCES)):
        path = folder / f"random-{number:03d}.xml"
        path.write_bytes(data)
        files[f"random/{number}"] = path
    for path in sorted(TEI_DIR.glob("*.xml")):
        files[f"tei/{path.name}"] = path
    return files


def _sources(paths: list[Path]) -> list[SourceFile]:
    sources = []
    for path in paths:
        loaded = load(path, str(path))
        assert isinstance(loaded, SourceFile), loaded
        sources.append(loaded)
    return sources


@pytest.fixture(scope="session")
def tei_all(material: dict[str, Path]) -> dict[str, list[Problem]]:
    """tei_all.rng's problems for every file of ``material``, by name: one engine run."""
    if not TEI_ALL.is_file():
        pytest.skip(f"the reference schema {TEI_ALL} is not there")
    checker = RelaxNGChecker(TEI_ALL)
    found = checker.check(_sources(list(material.values())))
    return {name: found.get(str(path), []) for name, path in material.items()}


@pytest.fixture(scope="session")
def ours() -> RelaxNGChecker:
    return RelaxNGChecker(EDITION_RNG, engine="lxml")


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator()


def _ours(checker: RelaxNGChecker, path: Path) -> list[Problem]:
    return checker.check(_sources([path])).get(str(path), [])


# ------------------------------------------------------------------ the subset claim

def test_sample_is_valid_against_both(ours: RelaxNGChecker,
                                      tei_all: dict[str, list[Problem]]) -> None:
    assert _ours(ours, SAMPLE) == []
    assert tei_all["sample"] == []


def test_corpus_listing_is_valid_against_both(ours: RelaxNGChecker,
                                              tei_all: dict[str, list[Problem]]) -> None:
    assert _ours(ours, CORPUS) == []
    assert tei_all["corpus"] == []


def test_valid_examples_are_valid_tei(tei_all: dict[str, list[Problem]]) -> None:
    valid = {name: problems for name, problems in tei_all.items() if name.startswith("valid/")}
    assert len(valid) == 3
    assert all(problems == [] for problems in valid.values()), valid


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_is_rejected_by_ours(name: str, validator: Validator,
                                     material: dict[str, Path],
                                     tei_all: dict[str, list[Problem]]) -> None:
    _, rule, tei_allows = VARIANTS[name]
    report = validator.validate_paths([material[f"variant/{name}"]])
    rules = {problem.rule for problem in report.problems if problem.severity == "error"}
    assert rule in rules, report.problems
    # what TEI allows and we do not shows the subset is strict; the rest is invalid TEI too
    assert (tei_all[f"variant/{name}"] == []) is tei_allows, tei_all[f"variant/{name}"]


def test_random_instances_of_ours_are_valid_tei(ours: RelaxNGChecker,
                                                material: dict[str, Path],
                                                tei_all: dict[str, list[Problem]]) -> None:
    names = [name for name in material if name.startswith("random/")]
    assert len(names) == RANDOM_INSTANCES
    elements: set[str] = set()
    for name in names:
        assert _ours(ours, material[name]) == [], name
        assert tei_all[name] == [], (name, tei_all[name][:3])
        elements |= {etree.QName(e).localname
                     for e in parse_file(material[name]).getroot().iter(tag=etree.Element)}
    defined = {node.get("name") for node in etree.parse(str(EDITION_RNG)).getroot()
               .iter(f"{RNG}element")}
    assert elements == defined  # the instances used every element of the schema


def test_edition_in_tei_folder_is_valid(validator: Validator, material: dict[str, Path],
                                        tei_all: dict[str, list[Problem]]) -> None:
    names = [name for name in material if name.startswith("tei/")]
    if not names:
        pytest.skip("tei/ holds no TEI files yet: the converter has not written the edition")
    report = validator.validate_paths([TEI_DIR])
    errors = [p for p in report.problems if p.severity == "error"]
    assert errors == [], "against ours:\n" + format_report(Report(errors[:30], len(names)))
    invalid = [p for name in names for p in tei_all[name]]
    assert invalid == [], "against tei_all:\n" + format_report(Report(invalid[:30], len(names)))


# ------------------------------------------------------------------ the Schematron compiler

def test_edition_schematron_compiles_to_xslt3() -> None:
    xslt, parameters = compile_schematron(parse_file(EDITION_SCH), str(EDITION_SCH))
    assert 'version="3.0"' in xslt
    assert {"document-uri", "edition-files"} <= set(parameters)


def test_context_targets() -> None:
    assert {(t.kind, t.name) for t in context_targets("tei:ref/@target | tei:ptr/@target")} == {
        ("attribute", "target")}
    assert {(t.kind, t.name) for t in context_targets(
        "tei:*[not(self::tei:biblScope)]/(@from | @to)")} == {
        ("attribute", "from"), ("attribute", "to")}
    assert {(t.kind, t.name) for t in context_targets("/ | *[@xml:id] | tei:note[@n = '|']")
            } == {("document", None), ("element", None), ("element", "tei:note")}
    # a predicate's axes do not widen the step: only its node test tells what it matches
    assert {(t.kind, t.name) for t in context_targets(
        "tei:text//tei:date[not(@type = 'later')][not(ancestor::tei:note | ancestor::tei:head)]"
    )} == {("element", "tei:date")}
    assert {(t.kind, t.name) for t in context_targets(
        "tei:*[@from and @to][not(self::tei:span | self::tei:app)]")} == {("element", None)}
    assert {(t.kind, t.name) for t in context_targets("tei:note[contains(@n, 'a::[b')]")
            } == {("element", "tei:note")}
    # anything unusual is offered every node
    assert {t.kind for t in context_targets("tei:p/self::node()")} == {
        "document", "element", "attribute", "other"}
    assert {t.kind for t in context_targets("tei:p/ancestor::*[1]")} == {
        "document", "element", "attribute", "other"}


def _schematron(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.sch"
    path.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>' + body + "</sch:schema>",
        encoding="utf-8")
    return path


def test_schematron_features(tmp_path: Path) -> None:
    rules = _schematron(tmp_path, """
      <sch:let name="limit" value="2"/>
      <sch:pattern id="p">
        <sch:rule abstract="true" id="has-words">
          <sch:assert test="normalize-space(.)" id="words">no words in <sch:name/></sch:assert>
        </sch:rule>
        <sch:rule context="tei:p" id="paragraph" role="warning">
          <sch:let name="n" value="count(tei:lb)"/>
          <sch:extends rule="has-words"/>
          <sch:report test="$n gt $limit" diagnostics="d">too many breaks: <sch:value-of
            select="$n"/></sch:report>
        </sch:rule>
        <sch:rule context="tei:p">
          <sch:assert test="false()" id="never">shadowed by the first rule</sch:assert>
        </sch:rule>
      </sch:pattern>
      <sch:diagnostics><sch:diagnostic id="d">(at most <sch:value-of select="$limit"/>)
      </sch:diagnostic></sch:diagnostics>""")
    tree = etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><p/><p>a<lb/>b<lb/>c<lb/>d</p></TEI>'))
    findings = Schematron(rules).check(tree, {})
    assert [(f.location, f.severity, f.rule, f.message) for f in findings] == [
        (f"/Q{{{TEI_NS}}}TEI[1]/Q{{{TEI_NS}}}p[1]", "warning", "words", "no words in p"),
        (f"/Q{{{TEI_NS}}}TEI[1]/Q{{{TEI_NS}}}p[2]", "warning", "paragraph",
         "too many breaks: 3 (at most 2)"),
    ]


@pytest.mark.parametrize("body, words", [
    ('<sch:include href="x.sch"/>', "not supported"),
    ('<sch:pattern abstract="true" id="a"/>', "abstract patterns"),
    ('<sch:pattern><sch:rule><sch:assert test="1">x</sch:assert></sch:rule></sch:pattern>',
     "needs @context"),
    ('<sch:pattern><sch:rule context="*"><sch:assert test="(">x</sch:assert></sch:rule>'
     "</sch:pattern>", "do not compile"),
])
def test_schematron_refuses_what_it_cannot_do(tmp_path: Path, body: str, words: str) -> None:
    with pytest.raises(EditionError, match=words):
        Schematron(_schematron(tmp_path, body))


def test_schematron_query_binding_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "old.sch"
    path.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xpath">'
                    "</schema>", encoding="utf-8")
    with pytest.raises(EditionError, match="queryBinding"):
        Schematron(path)
