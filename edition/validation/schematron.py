"""ISO Schematron, compiled to XSLT 3 and run with Saxon (saxonche).

Why our own compiler: the ``pyschematron`` package installed here (0.1.0) is an empty
placeholder, and the usual XSLT "skeleton" implementations are not packaged for
Python. The subset of ISO Schematron (ISO/IEC 19757-3) that an edition needs is small:

* ``schema`` with ``queryBinding`` ``xslt3`` (or ``xslt2``), ``ns``, ``title``, ``p``;
* ``let`` at schema level: compiled to ``xsl:param``, so the caller can give its value
  (ISO Schematron 2020 lets the environment set global variables); at pattern level:
  a global ``xsl:variable``; at rule level: a local one; ``@as`` is honoured;
* ``pattern`` / ``rule`` (``@context``; abstract rules and ``extends``) / ``assert`` /
  ``report``, with ``name``, ``value-of``, ``emph``, ``dir`` and ``span`` in messages;
* ``diagnostics`` / ``diagnostic``, referenced by ``assert/@diagnostics``;
* ``xsl:function`` and ``xsl:key`` children of ``schema``, copied to the stylesheet;
  ``xsl:include`` of a stylesheet module, its @href resolved from the schema's folder.

Anything else (``include``, ``phase``, abstract patterns) is refused with a located
error rather than ignored. Semantics follow the standard: within a pattern each node
is checked by the first rule whose context matches it.

The stylesheet writes SVRL (``failed-assert`` / ``successful-report``), each result
carrying ``@location`` (``fn:path()`` of the node), ``@role`` and ``@id``. A result's
rule name is the ``@id`` of its assert or report, else of its rule, else its pattern;
``@role`` (on the assert, report or rule) ``warning``, ``warn``, ``info`` or
``information`` makes a warning, anything else an error.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from edition.errors import EditionError
from edition.validation.report import Severity
from edition.xmlio import parse_file

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XS_NS = "http://www.w3.org/2001/XMLSchema"
_S = f"{{{SCH_NS}}}"
_X = f"{{{XSL_NS}}}"
_V = f"{{{SVRL_NS}}}"

WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})
_COPIED_XSL = frozenset({"function", "key"})
NodeKind = Literal["document", "element", "attribute", "other"]  # other: text, comment, PI


@dataclass(frozen=True)
class Finding:
    """One failed assert or successful report, located by an XPath from ``fn:path()``."""

    location: str
    severity: Severity
    message: str
    rule: str


# ------------------------------------------------------------------ compiling

def _outside_strings(expression: str) -> Iterator[tuple[int, str, int]]:
    """Each character of an XPath expression outside its string literals, with its index
    and the depth of brackets and parentheses it stands at."""
    depth = 0
    quote = ""
    for index, char in enumerate(expression):
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "'\"":
            quote = char
            continue
        yield index, char, depth
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1


def _top_level_split(expression: str, separator: str) -> list[str]:
    """Split an XPath expression at ``separator`` outside brackets, parentheses and strings."""
    parts: list[str] = []
    start = 0
    for index, char, depth in _outside_strings(expression):
        if char == separator and depth == 0:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return parts


@dataclass(frozen=True)
class Target:
    """A kind of node a rule context can match, and its name (None: any name)."""

    kind: NodeKind
    name: str | None = None


def _any_node() -> set[Target]:
    return {Target("document"), Target("element"), Target("attribute"), Target("other")}


def _step_name(step: str) -> str | None:
    name = step.split("[", 1)[0].strip()
    if not name or "*" in name or "(" in name or "::" in name:
        return None
    return name


def _node_test(step: str) -> str:
    """A step without its predicates: ``tei:date[not(ancestor::tei:note)]`` gives
    ``tei:date`` (what the step can match is told by its node test alone)."""
    for index, char, depth in _outside_strings(step):
        if char == "[" and depth == 0:
            return step[:index].strip()
    return step.strip()


def context_targets(context: str) -> set[Target]:
    """Which nodes a rule context (an XSLT pattern) can match, as far as its last step
    tells: used to offer each node only to the patterns that may have a rule for it."""
    targets: set[Target] = set()
    for branch in _top_level_split(context, "|"):
        branch = branch.strip()
        if branch.startswith("(") and branch.endswith(")"):
            targets |= context_targets(branch[1:-1])
            continue
        step = _top_level_split(branch, "/")[-1].strip()
        test = _node_test(step)  # a predicate's axes (self::, ancestor::) tell nothing
        if test.startswith("$") or ("::" in test and not test.startswith(
                ("child::", "attribute::"))):
            targets |= _any_node()  # not worth analysing: offer every node
        elif branch == "/" or branch.startswith("document-node("):
            targets.add(Target("document"))
        elif step.startswith("("):
            targets |= context_targets(step[1:step.rfind(")")])
        elif step.startswith("@"):
            targets.add(Target("attribute", _step_name(step[1:])))
        elif step.startswith(("attribute::", "attribute(")):
            targets.add(Target("attribute"))
        elif step.startswith(("text()", "comment()", "processing-instruction(")):
            targets.add(Target("other"))
        elif step.startswith("node()"):
            targets |= {Target("element"), Target("other")}
        else:
            targets.add(Target("element", _step_name(step)))
    return targets


class _Compiler:
    def __init__(self, schema: etree._Element, name: str) -> None:
        self.schema = schema
        self.name = name
        self.diagnostics = {node.get("id", ""): node for node in schema.iter(f"{_S}diagnostic")}
        self.abstract_rules = {
            node.get("id", ""): node
            for node in schema.iter(f"{_S}rule") if node.get("abstract") == "true"
        }
        self.global_names: set[str] = set()
        self.parameters: list[str] = []

    def fail(self, node: etree._Element, message: str) -> EditionError:
        line = node.sourceline
        return EditionError(self.name, line if isinstance(line, int) else 0, 0,
                            f"unsupported or wrong Schematron: {message}")

    def compile(self) -> etree._Element:
        schema = self.schema
        if schema.tag != f"{_S}schema":
            raise self.fail(schema, "the root element must be sch:schema in the ISO "
                                    f"Schematron namespace {SCH_NS}")
        binding = schema.get("queryBinding", "xslt")
        if binding not in ("xslt2", "xslt3"):
            raise self.fail(schema, f"queryBinding '{binding}': only xslt3 (and xslt2) "
                                    "are supported")
        namespaces: dict[str, str] = {
            prefix: uri for prefix, uri in schema.nsmap.items() if prefix and uri != SCH_NS
        }
        for node in schema.iter(f"{_S}ns"):
            namespaces[node.get("prefix", "")] = node.get("uri", "")
        namespaces.update({"xsl": XSL_NS, "svrl": SVRL_NS, "xs": XS_NS})
        sheet = etree.Element(f"{_X}stylesheet", nsmap=namespaces)
        sheet.set("version", "3.0")
        sheet.set("exclude-result-prefixes", "#all")
        output = etree.SubElement(sheet, f"{_X}output")
        output.set("method", "xml")
        output.set("indent", "no")
        output.set("encoding", "UTF-8")

        patterns: list[etree._Element] = []
        for node in schema:
            if not isinstance(node.tag, str):
                continue
            if node.tag == f"{_S}let":
                self.parameters.append(self._global(sheet, node, "param"))
            elif node.tag == f"{_S}pattern":
                patterns.append(node)
            elif node.tag in (f"{_S}include", f"{_S}phase", f"{_S}extends"):
                raise self.fail(node, f"<sch:{etree.QName(node).localname}> is not supported")
            elif node.tag == f"{_X}include":
                sheet.append(self._include(node))
            elif node.tag.startswith(_X):
                if etree.QName(node).localname not in _COPIED_XSL:
                    raise self.fail(node, f"<xsl:{etree.QName(node).localname}> is not "
                                          "supported at schema level (only xsl:function "
                                          "and xsl:key)")
                sheet.append(_copy(node))
        main = etree.SubElement(sheet, f"{_X}template")
        main.set("match", "/")
        output_root = etree.SubElement(main, f"{_V}schematron-output")
        title = schema.find(f"{_S}title")
        if title is not None:
            output_root.set("title", _avt_literal(_words(title)))
        for pattern in patterns:
            active = etree.SubElement(output_root, f"{_V}active-pattern")
            if pattern.get("id"):
                active.set("id", _avt_literal(pattern.get("id", "")))
        for number, pattern in enumerate(patterns, 1):
            mode, targets = self._pattern(sheet, pattern, f"pattern-{number}")
            _apply(output_root, _selection(targets), mode)
        return sheet

    def _include(self, node: etree._Element) -> etree._Element:
        """An xsl:include of a stylesheet module (the functions the rules share with the
        publication stage), its @href made absolute from the Schematron file's folder."""
        href = node.get("href", "")
        target = (Path(self.name).resolve().parent / href).resolve()
        if not href or not target.is_file():
            raise self.fail(node, f"the included stylesheet {href!r} does not exist "
                                  f"(looked for {target})")
        include = etree.Element(f"{_X}include")
        include.set("href", target.as_uri())
        return include

    def _global(self, sheet: etree._Element, let: etree._Element, kind: str) -> str:
        name = let.get("name", "")
        if not name or let.get("value") is None:
            raise self.fail(let, "a let needs @name and @value")
        if name in self.global_names:
            raise self.fail(let, f"the variable ${name} is defined twice at schema or "
                                 "pattern level")
        self.global_names.add(name)
        variable = etree.SubElement(sheet, f"{_X}{kind}")
        variable.set("name", name)
        variable.set("select", let.get("value", ""))
        if let.get("as"):
            variable.set("as", let.get("as", ""))
        return name

    def _pattern(self, sheet: etree._Element, pattern: etree._Element,
                 mode: str) -> tuple[str, set[Target]]:
        """Templates for one pattern's rules; returns its mode and the nodes they match."""
        if pattern.get("abstract") == "true" or pattern.get("is-a"):
            raise self.fail(pattern, "abstract patterns are not supported")
        rules = [node for node in pattern
                 if node.tag == f"{_S}rule" and node.get("abstract") != "true"]
        for node in pattern:
            if node.tag == f"{_S}let":
                self._global(sheet, node, "variable")
        declaration = etree.SubElement(sheet, f"{_X}mode")
        declaration.set("name", mode)
        declaration.set("on-no-match", "deep-skip")
        targets: set[Target] = set()
        for number, rule in enumerate(rules):
            context = rule.get("context")
            if not context:
                raise self.fail(rule, "a rule needs @context")
            targets |= context_targets(context)
            template = etree.SubElement(sheet, f"{_X}template")
            template.set("match", context)
            template.set("mode", mode)
            template.set("priority", str(len(rules) - number))
            self._rule_body(template, rule, pattern, rule, set())
        return mode, targets

    def _rule_body(self, template: etree._Element, rule: etree._Element,
                   pattern: etree._Element, outer: etree._Element, seen: set[str]) -> None:
        for node in rule:
            if not isinstance(node.tag, str):
                continue
            kind = etree.QName(node).localname if node.tag.startswith(_S) else ""
            if kind == "let":
                if node.get("name") is None or node.get("value") is None:
                    raise self.fail(node, "a let needs @name and @value")
                variable = etree.SubElement(template, f"{_X}variable")
                variable.set("name", node.get("name", ""))
                variable.set("select", node.get("value", ""))
                if node.get("as"):
                    variable.set("as", node.get("as", ""))
            elif kind in ("assert", "report"):
                self._check(template, node, kind, pattern, outer)
            elif kind == "extends":
                target = node.get("rule", "")
                if target not in self.abstract_rules or target in seen:
                    raise self.fail(node, f"extends names no abstract rule '{target}' "
                                          "(or extends itself)")
                self._rule_body(template, self.abstract_rules[target], pattern, outer,
                                seen | {target})
            elif kind in ("title", "p"):
                continue
            else:
                raise self.fail(node, f"<{node.tag}> is not supported inside a rule")

    def _check(self, template: etree._Element, check: etree._Element, kind: str,
               pattern: etree._Element, rule: etree._Element) -> None:
        test = check.get("test")
        if not test:
            raise self.fail(check, f"an {kind} needs @test")
        condition = etree.SubElement(template, f"{_X}if")
        condition.set("test", f"not(({test}))" if kind == "assert" else test)
        result = etree.SubElement(
            condition, f"{_V}failed-assert" if kind == "assert" else f"{_V}successful-report")
        result.set("location", "{path()}")
        name = check.get("id") or rule.get("id") or pattern.get("id") or "schematron"
        result.set("id", _avt_literal(name))
        role = check.get("role") or rule.get("role") or "error"
        result.set("role", _avt_literal(role))
        text = etree.SubElement(result, f"{_V}text")
        self._message(text, check)
        for reference in (check.get("diagnostics") or "").split():
            diagnostic = self.diagnostics.get(reference)
            if diagnostic is None:
                raise self.fail(check, f"no diagnostic with id '{reference}'")
            holder = etree.SubElement(result, f"{_V}diagnostic-reference")
            holder.set("diagnostic", _avt_literal(reference))
            self._message(holder, diagnostic)

    def _message(self, target: etree._Element, source: etree._Element) -> None:
        if source.text:
            _text(target, source.text)
        for node in source:
            if isinstance(node.tag, str):
                kind = etree.QName(node).localname if node.tag.startswith(_S) else ""
                if kind == "value-of":
                    value = etree.SubElement(target, f"{_X}value-of")
                    value.set("select", node.get("select", "."))
                elif kind == "name":
                    value = etree.SubElement(target, f"{_X}value-of")
                    value.set("select", f"name({node.get('path', '.')})")
                else:  # emph, dir, span and foreign markup: their text
                    self._message(target, node)
            if node.tail:
                _text(target, node.tail)


def _selection(targets: set[Target]) -> str:
    """An expression selecting, from the document node, every node a pattern's rules
    may match: ``//tei:note | //@target`` (Saxon answers ``//name`` from its name index)."""
    parts: list[str] = []
    for target in sorted(targets, key=lambda t: (t.kind, t.name or "")):
        if target.kind == "document":
            parts.append(".")
        elif target.kind == "element":
            parts.append(f"//{target.name or '*'}")
        elif target.kind == "attribute":
            parts.append(f"//@{target.name or '*'}")
        else:
            parts.append("//text() | //comment() | //processing-instruction()")
    return " | ".join(parts) if parts else "()"


def _words(node: etree._Element) -> str:
    """The text of ``node`` with its white space normalised."""
    return " ".join("".join(str(part) for part in node.itertext()).split())


def _copy(node: etree._Element) -> etree._Element:
    copied = etree.fromstring(etree.tostring(node))
    return copied


def _text(parent: etree._Element, value: str) -> None:
    text = etree.SubElement(parent, f"{_X}text")
    text.text = value


def _apply(parent: etree._Element, select: str, mode: str) -> None:
    apply = etree.SubElement(parent, f"{_X}apply-templates")
    apply.set("select", select)
    apply.set("mode", mode)


def _avt_literal(value: str) -> str:
    """A literal value for an attribute value template."""
    return value.replace("{", "{{").replace("}", "}}")


def compile_schematron(schema: etree._ElementTree, name: str = "schematron") -> tuple[str, list[str]]:
    """The XSLT 3 stylesheet for ``schema``, and the names of its parameters."""
    compiler = _Compiler(schema.getroot(), name)
    sheet = compiler.compile()
    text = etree.tostring(sheet, encoding="unicode", pretty_print=True)
    return text, compiler.parameters


# ------------------------------------------------------------------ running

@cache
def _processor() -> object:
    """One Saxon processor per process (saxonche does not like several)."""
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


def saxon_version() -> str:
    return str(getattr(_processor(), "version", "Saxon"))


class Schematron:
    """A Schematron schema compiled once; :meth:`check` runs it on one parsed tree."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise EditionError(path, 0, 0, "the Schematron file does not exist")
        self.path = path
        self.xslt, self.parameters = compile_schematron(parse_file(path), str(path))
        from saxonche import PySaxonApiError

        processor = _processor()
        compiler = processor.new_xslt30_processor()  # type: ignore[attr-defined]
        try:
            self._executable = compiler.compile_stylesheet(stylesheet_text=self.xslt)
        except PySaxonApiError as exc:
            raise EditionError(path, 0, 0,
                               f"the Schematron rules do not compile: {exc}") from None
        if self._executable is None:
            raise EditionError(path, 0, 0, "the Schematron rules do not compile")
        self._lock = threading.Lock()
        self._documents: dict[int, tuple[etree._ElementTree, Any]] = {}
        self._sets: dict[str, tuple[frozenset[str], Any]] = {}

    def _document(self, tree: etree._ElementTree) -> Any:
        """A tree parsed for Saxon once per run, however many files it serves."""
        cached = self._documents.get(id(tree))
        if cached is None or cached[0] is not tree:
            text = etree.tostring(tree, encoding="unicode")
            cached = (tree, _processor().parse_xml(xml_text=text))  # type: ignore[attr-defined]
            self._documents[id(tree)] = cached
        return cached[1]

    def _own(self, tree: etree._ElementTree, given: bool) -> Any:
        """The tree checked, parsed for Saxon: when it is also a document the rules are
        given (the registers file, checked with the documents that name its entries),
        the one parse of it that serves both (:meth:`_document`), so that Saxon holds
        one tree of it, not two (the registers file of 10,000 documents checked alone:
        619-620 MB at its peak with two, 478-479 MB with one)."""
        if given:
            return self._document(tree)
        text = etree.tostring(tree, encoding="unicode")
        return _processor().parse_xml(xml_text=text)  # type: ignore[attr-defined]

    def _set(self, name: str, strings: frozenset[str]) -> Any:
        """A set of strings as an XPath map (each string to true()), made once for as
        long as the parameter keeps that value: a lookup in it costs the same however
        many strings it holds, and it is not handed to Saxon again for every file."""
        cached = self._sets.get(name)
        if cached is None or (cached[0] is not strings and cached[0] != strings):
            processor = _processor()
            true = processor.make_boolean_value(True)  # type: ignore[attr-defined]
            cached = (strings, processor.make_map2(  # type: ignore[attr-defined]
                {text: true for text in sorted(strings)}))
            self._sets[name] = cached
        return cached[1]

    def check(self, tree: etree._ElementTree, parameters: Mapping[str, str | frozenset[str]],
              documents: dict[str, etree._ElementTree] | None = None) -> list[Finding]:
        """Run the rules on ``tree``; a failing run is itself reported as a finding.

        ``parameters``: a string, or a set of strings given as a map (each string to
        true()). ``documents`` are XML parameters (such as the registers file beside
        the document), handed to Saxon already parsed so that each is parsed once per
        run.
        """
        from saxonche import PySaxonApiError

        processor = _processor()
        documents = documents or {}
        with self._lock:  # parameters are set on the shared executable
            try:
                document = self._own(tree, any(documents.get(name) is tree
                                               for name in self.parameters))
                self._executable.set_global_context_item(xdm_item=document)
                self._executable.clear_parameters()  # those of the check before: gone
                for name in self.parameters:
                    if name in documents:
                        self._executable.set_parameter(name, self._document(documents[name]))
                    elif name in parameters:
                        value = parameters[name]
                        self._executable.set_parameter(name, self._set(name, value)
                                                       if isinstance(value, frozenset) else
                                                       processor.make_string_value(value))  # type: ignore[attr-defined]
                output = self._executable.transform_to_string(xdm_node=document)
            except PySaxonApiError as exc:
                message = " ".join(str(exc).split())
                return [Finding("/", "error",
                                f"the Schematron rules could not run on this file: {message}",
                                "schematron.run")]
        return _findings(output or "")


def _findings(svrl: str) -> list[Finding]:
    root = etree.fromstring(svrl.encode("utf-8"))
    found: list[Finding] = []
    for result in root.iter(f"{_V}failed-assert", f"{_V}successful-report"):
        text = result.find(f"{_V}text")
        parts = [_words(text) if text is not None else ""]
        parts.extend(_words(node) for node in result.iter(f"{_V}diagnostic-reference"))
        role = (result.get("role") or "error").strip().lower()
        severity: Severity = "warning" if role in WARNING_ROLES else "error"
        found.append(Finding(result.get("location", "/"), severity,
                             " ".join(part for part in parts if part), result.get("id", "")))
    return found


# ------------------------------------------------------------------ locations

_STEP = re.compile(
    r"/(?:(@)?Q\{([^}]*)\}([^/\[]+)(?:\[(\d+)\])?|(@)([^/\[]+)|([a-z-]+\([^)]*\))(?:\[\d+\])?"
    r"|([^/\[{]+)(?:\[(\d+)\])?)"
)


def resolve_location(root: etree._Element, location: str) -> tuple[etree._Element, str | None]:
    """The element an ``fn:path()`` location names (or its nearest element), and the
    Clark name of the attribute if it names one."""
    current: etree._Element | None = None
    for match in _STEP.finditer(location):
        (at_q, uri, local, index, at_plain, plain_attribute, kind_test, plain_name,
         plain_index) = match.groups()
        if at_q or at_plain:
            name = f"{{{uri}}}{local}" if at_q and uri else (local if at_q else plain_attribute)
            return (current if current is not None else root), name
        if kind_test:
            break
        tag = (f"{{{uri}}}{local}" if uri else local) if local else plain_name
        position = int(index or plain_index or 1)
        if current is None:
            if root.tag != tag:
                break
            current = root
            continue
        matching = [child for child in current if child.tag == tag]
        if len(matching) < position:
            break
        current = matching[position - 1]
    return (current if current is not None else root), None
