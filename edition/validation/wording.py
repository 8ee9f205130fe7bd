"""RELAX NG messages from lxml and jing, rewritten in words an editor can act on.

Each message says what was found and what was expected, and carries a rule name:
``schema.element``, ``schema.attribute``, ``schema.value``, ``schema.text``,
``schema.missing``, ``schema.root``, ``schema.namespace``, ``schema.id`` or ``schema``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from edition.namespaces import TEI_NS
from edition.validation.model import ElementInfo, SchemaModel, datatype_problem
from edition.validation.report import Problem, Severity
from edition.validation.source import SourceFile, local_name, qname

MAX_LISTED = 24


def listing(names: Iterable[str], *, brackets: bool = True, attribute: bool = False) -> str:
    """``<a>, <b> or <c>``; long lists are cut: ``<a>, <b>, … (40 more)``."""
    items = sorted(set(names), key=lambda name: (name.lower(), name))
    shown = [f"@{n}" if attribute else f"<{n}>" if brackets else n for n in items]
    if not shown:
        return "nothing"
    if len(shown) > MAX_LISTED:
        return ", ".join(shown[:MAX_LISTED]) + f", … ({len(shown) - MAX_LISTED} more)"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _problem(source: SourceFile, position: tuple[int, int], message: str, rule: str,
             severity: Severity = "error") -> Problem:
    return Problem(source.path, position[0], position[1], severity, message, rule)


# ------------------------------------------------------------------ the root element

def root_problem(source: SourceFile, model: SchemaModel) -> Problem | None:
    """A wrong root element or namespace, said once (the engines would repeat it)."""
    allowed = model.start
    root = source.root
    found = etree.QName(root)
    if not allowed or (found.namespace or "", found.localname) in allowed:
        return None
    position = source.element_position(root)
    same_name = sorted(ns for ns, local in allowed if local == found.localname)
    if same_name:
        where = f"in namespace {found.namespace}" if found.namespace else "in no namespace"
        return _problem(
            source, position,
            f"the root element <{found.localname}> is {where}: expected it in the "
            f"namespace {same_name[0]} (write xmlns=\"{same_name[0]}\" on it)",
            "schema.namespace")
    expected = listing(local for _, local in allowed)
    return _problem(source, position,
                    f"the root element is <{found.localname}>: expected {expected} as the "
                    "root of the file", "schema.root")


# ------------------------------------------------------------------ attributes

def attribute_problems(source: SourceFile, element: etree._Element,
                       info: ElementInfo | None) -> list[Problem]:
    """Every attribute problem of ``element`` that the model can name."""
    name = local_name(element)
    if info is None:
        return []
    found: list[Problem] = []
    for key, raw_value in element.attrib.items():
        attribute, value = str(key), str(raw_value)
        shown = qname(attribute, element.nsmap)
        position = source.attribute_position(element, attribute)
        if attribute not in info.attributes:
            allowed = [qname(a) for a in info.attributes]
            tail = f"allowed: {listing(allowed, attribute=True)}" if allowed else (
                "it takes no attributes")
            found.append(_problem(source, position,
                                  f"attribute @{shown} is not allowed on <{name}>; {tail}",
                                  "schema.attribute"))
            continue
        values = info.attributes[attribute]
        if values and value.strip() not in values:
            found.append(_problem(
                source, position,
                f"the value '{value}' of @{shown} on <{name}> is not allowed; expected "
                f"{listing(values, brackets=False)}", "schema.value"))
            continue
        wanted = datatype_problem(info.datatypes.get(attribute, ""), value)
        if wanted:
            found.append(_problem(
                source, position,
                f"the value '{value}' of @{shown} on <{name}> is not valid: expected {wanted}",
                "schema.value"))
    for missing in sorted(info.required - set(element.attrib)):
        found.append(_problem(source, source.element_position(element),
                              f"element <{name}> lacks the required attribute "
                              f"@{qname(missing)}", "schema.attribute"))
    return found


# ------------------------------------------------------------------ lxml

@dataclass(frozen=True)
class LxmlEntry:
    """One entry of lxml's RELAX NG error log."""

    kind: str
    message: str
    line: int
    path: str | None


def _node(source: SourceFile, path: str | None) -> etree._Element | None:
    """The element an lxml error path names (``/*/*[2]``, or with the file's prefixes)."""
    if not path:
        return None
    try:
        found = source.tree.xpath(path, namespaces=source.prefixes)
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return None


def _children_expected(model: SchemaModel, parent: etree._Element) -> str:
    info = model.element(local_name(parent))
    if info is None:
        return ""
    if not info.children:
        return f"; <{local_name(parent)}> holds no elements" + (
            "" if info.text else " and no text")
    return f"; expected {listing(info.children)}"


def describe_lxml(entries: Sequence[LxmlEntry], source: SourceFile,
                  model: SchemaModel) -> list[Problem]:
    """lxml's log for one file, rewritten; repeats and follow-on messages dropped."""
    found: list[tuple[etree._Element | None, Problem]] = []
    done: set[tuple[str, etree._Element]] = set()
    unmatched_content: list[etree._Element] = []
    located = any(entry.path for entry in entries)

    def once(what: str, element: etree._Element) -> bool:
        if (what, element) in done:
            return False
        done.add((what, element))
        return True

    for entry in entries:
        element = _node(source, entry.path)
        if element is None:
            if entry.path is None and located:
                continue  # a follow-on of an entry that has a location
            found.append((None, Problem(
                source.path, max(entry.line, 0), 0, "error",
                f"the document does not match the schema: {entry.message}", "schema")))
            continue
        name = local_name(element)
        position = source.element_position(element)
        kind = entry.kind
        if kind == "RELAXNG_ERR_TEXTWRONG" or (
                kind == "RELAXNG_ERR_EXTRACONTENT" and entry.message.endswith(": text")):
            if once("text", element):
                found.append((element, _unexpected_text(source, model, element)))
        elif kind in ("RELAXNG_ERR_ATTRVALID", "RELAXNG_ERR_INVALIDATTR"):
            if once("attributes", element):
                problems = attribute_problems(source, element, model.element(name))
                found.extend((element, problem) for problem in problems or [_problem(
                    source, position, f"the attributes of <{name}> do not match the schema",
                    "schema.attribute")])
        elif kind in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_EXTRACONTENT",
                      "RELAXNG_ERR_ELEMNAME"):
            if once("element", element):
                found.append((element, _unexpected_element(source, model, element, position)))
        elif kind == "RELAXNG_ERR_NOELEM":
            found.append((element, _problem(
                source, position,
                f"element <{name}> is incomplete: a required element is missing"
                f"{_children_expected(model, element)}", "schema.missing")))
        elif kind == "RELAXNG_ERR_ELEMNOTEMPTY":
            found.append((element, _problem(
                source, position, f"element <{name}> must be empty: remove its content",
                "schema.text")))
        elif kind == "RELAXNG_ERR_CONTENTVALID":
            unmatched_content.append(element)
        elif kind == "RELAXNG_ERR_ELEMWRONGNS":
            found.append((element, _problem(
                source, position,
                f"element <{name}> is in the wrong namespace ({etree.QName(element).namespace})"
                ": expected the namespace of the schema", "schema.namespace")))
        else:
            found.append((element, _problem(
                source, position, f"<{name}> does not match the schema: {entry.message}",
                "schema")))
    for element in unmatched_content:
        # "failed to validate content" only when nothing inside it was reported
        inner = any(other is not None and (other is element or element in other.iterancestors())
                    for other, _ in found)
        if not inner and once("content", element):
            name = local_name(element)
            found.append((element, _problem(
                source, source.element_position(element),
                f"the content of <{name}> does not match the schema"
                f"{_children_expected(model, element)}", "schema.element")))
    return [problem for _, problem in found]


def _unexpected_element(source: SourceFile, model: SchemaModel, element: etree._Element,
                        position: tuple[int, int]) -> Problem:
    name = local_name(element)
    parent = element.getparent()
    if parent is None:
        return _problem(source, position, f"element <{name}> is not allowed as the root",
                        "schema.root")
    parent_name = local_name(parent)
    info = model.element(parent_name)
    if info is not None and name not in info.children:
        if not model.knows(name):
            return _problem(
                source, position,
                f"element <{name}> is not part of this schema; inside <{parent_name}> "
                f"expected {listing(info.children)}", "schema.element")
        return _problem(source, position,
                        f"element <{name}> is not allowed inside <{parent_name}>; expected "
                        f"{listing(info.children)}", "schema.element")
    return _problem(source, position,
                    f"element <{name}> is not allowed at this point inside <{parent_name}>: "
                    "check the order of its elements, and whether one is missing before it "
                    "or repeated", "schema.element")


def _unexpected_text(source: SourceFile, model: SchemaModel,
                     element: etree._Element) -> Problem:
    name = local_name(element)
    info = model.element(name)
    found = next((t.strip() for t in [element.text or "", *(c.tail or "" for c in element)]
                  if t.strip()), "")
    sample = f" ('{_shorten(found)}')" if found else ""
    if info is not None and info.empty:
        expected = f"<{name}> must be empty"
    elif info is not None:
        expected = f"<{name}> holds only elements ({listing(info.children)})"
    else:
        expected = "expected elements only"
    return _problem(source, source.element_position(element),
                    f"text{sample} is not allowed directly inside <{name}>: {expected}",
                    "schema.text")


# ------------------------------------------------------------------ jing

_QUOTED = re.compile(r'"([^"]*)"')


def _jing_expected(text: str, context: str) -> str:
    """jing's 'expected …' clause in our words."""
    text = re.sub(r'\s*\(with xmlns:\w+="[^"]*"\)', "", text)
    parts: list[str] = []
    if "the element end-tag" in text:
        parts.append(f"the end of <{context}>" if context else "the end of the element")
    if re.search(r"(?:^|,| or )\s*text\b", text):
        parts.append("text")
    names = _QUOTED.findall(text.split("element", 1)[1]) if "element" in text.replace(
        "element end-tag", "") else []
    names = [n.split(":", 1)[-1] for n in names]
    if names:
        parts.append(listing(names) if len(names) > 1 else f"<{names[0]}>")
    if not parts:
        return text
    return " or ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " or " + parts[-1]


def describe_jing(source: SourceFile, model: SchemaModel, line: int, col: int,
                  severity: Severity, message: str) -> Problem:
    """One jing message, located at the element's start tag and reworded."""
    element = source.element_at(line, col)
    named = re.match(r'element "(?:[^":]+:)?([^"]+)"', message)
    if element is not None and named and local_name(element) != named.group(1):
        # jing names an element it found unknown again at elements inside it
        element = next((e for e in element.iterancestors()
                        if local_name(e) == named.group(1)), element)
    position = source.element_position(element) if element is not None else (line, col)
    name = local_name(element) if element is not None else ""
    parent = element.getparent() if element is not None else None
    parent_name = local_name(parent) if parent is not None else ""

    def made(text: str, rule: str, where: tuple[int, int] | None = None) -> Problem:
        return Problem(source.path, *(where or position), severity, text, rule)

    match = re.match(r'element "([^"]+)" not allowed (anywhere|here|yet); (.*)$', message)
    if match:
        found, how, rest = match.groups()
        found = found.split(":", 1)[-1]
        if "(with xmlns:" in rest and found in rest:
            namespace = etree.QName(element).namespace if element is not None else None
            return made(f"element <{found}> is in the wrong namespace ({namespace or 'none'}):"
                        f" expected it in the schema's namespace "
                        f"{_ns_of(rest) or ''}".rstrip(), "schema.namespace")
        missing = re.match(r'missing required elements? (.*)$', rest)
        if how == "yet" and missing:
            needed = listing(n.split(":", 1)[-1] for n in _QUOTED.findall(missing.group(1)))
            return made(f"element <{found}> comes too early inside <{parent_name}>: "
                        f"{needed} must come before it", "schema.missing")
        expected = _jing_expected(rest.removeprefix("expected "), parent_name)
        inside = f"inside <{parent_name}>" if parent_name else "here"
        info = model.element(parent_name) if parent_name else None
        if how == "anywhere" or not model.knows(found):
            shown = f"<{found}>"
            namespace = etree.QName(element).namespace if element is not None else None
            if element is not None and namespace not in (None, TEI_NS):
                # another project's extension: name its namespace, not only the local name
                shown = f"<{element.prefix or 'ns'}:{found}> (namespace {namespace})"
            return made(f"element {shown} is not part of this schema; {inside} expected "
                        f"{expected}", "schema.element")
        if info is not None and found not in info.children:
            return made(f"element <{found}> is not allowed {inside}; expected {expected}",
                        "schema.element")
        return made(f"element <{found}> is not allowed at this point {inside}; expected "
                    f"{expected}", "schema.element")
    match = re.match(r'element "([^"]+)" incomplete; (?:missing required elements? (.*)'
                     r'|expected (.*))$', message)
    if match:
        found = match.group(1).split(":", 1)[-1]
        if match.group(2):
            needed = listing(n.split(":", 1)[-1] for n in _QUOTED.findall(match.group(2)))
            return made(f"element <{found}> is incomplete: the required {needed} is missing",
                        "schema.missing")
        return made(f"element <{found}> is incomplete; expected "
                    f"{_jing_expected(match.group(3), found)}", "schema.missing")
    match = re.match(r'element "([^"]+)" missing required attributes? (.*)$', message)
    if match:
        needed = listing(_QUOTED.findall(match.group(2)), attribute=True)
        return made(f"element <{match.group(1).split(':', 1)[-1]}> lacks the required "
                    f"attribute {needed}", "schema.attribute")
    match = re.match(r'attribute "([^"]+)" not allowed (?:here|at this point)'
                     r'(?:; expected (.*))?', message)
    if match:
        attribute, rest = match.groups()
        where = _attribute_where(source, element, attribute) or position
        allowed = _QUOTED.findall(rest or "")
        tail = f"; allowed: {listing(allowed, attribute=True)}" if allowed else ""
        if rest and "no attributes" in rest:
            tail = f"; <{name}> takes no attributes"
        return made(f"attribute @{attribute} is not allowed on <{name}>{tail}",
                    "schema.attribute", where)
    match = re.match(r'value of attribute "([^"]+)" is invalid; (?:must be equal to (.*)'
                     r'|(.*))$', message)
    if match:
        attribute, values, other = match.groups()
        where = _attribute_where(source, element, attribute) or position
        value = _attribute_value(element, attribute)
        shown = f"the value '{value}'" if value is not None else "the value"
        if values:
            return made(f"{shown} of @{attribute} on <{name}> is not allowed; expected "
                        f"{listing(_QUOTED.findall(values), brackets=False)}",
                        "schema.value", where)
        return made(f"{shown} of @{attribute} on <{name}> is not valid: it {other}",
                    "schema.value", where)
    match = re.match(r'text not allowed here; expected (.*)$', message)
    if match:
        container = source.parent_at(line, col)
        container_name = local_name(container) if container is not None else ""
        where, run = source.text_before(line, col)
        sample = f" ('{_shorten(run)}')" if run else ""
        directly = f" directly inside <{container_name}>" if container_name else " here"
        info = model.element(container_name) if container_name else None
        expected = (f"<{container_name}> must be empty" if info is not None and info.empty
                    else f"expected {_jing_expected(match.group(1), container_name)}")
        return made(f"text{sample} is not allowed{directly}: {expected}", "schema.text", where)
    match = re.match(r'character content of element "([^"]+)" invalid; (.*)$', message)
    if match:
        return made(f"the text of <{match.group(1)}> is not valid: it {match.group(2)}",
                    "schema.text")
    match = re.match(r'(?:duplicate ID|ID|first occurrence of ID) "([^"]+)"'
                     r'(?: has already been defined)?$', message)
    if match:
        return made(f"the identifier '{match.group(1)}' is used more than once: each xml:id "
                    "must be unique in the file", "schema.id",
                    _attribute_where(source, element, "xml:id"))
    return made(message, "schema", (line, col) if element is None else position)


def _ns_of(text: str) -> str | None:
    match = re.search(r'xmlns:\w+="([^"]*)"', text)
    return match.group(1) if match else None


def _clark(attribute: str) -> str:
    if attribute.startswith("xml:"):
        return "{http://www.w3.org/XML/1998/namespace}" + attribute[4:]
    return attribute


def _attribute_value(element: etree._Element | None, attribute: str) -> str | None:
    if element is None:
        return None
    return element.get(_clark(attribute))


def _attribute_where(source: SourceFile, element: etree._Element | None,
                     attribute: str) -> tuple[int, int] | None:
    if element is None:
        return None
    return source.attribute_position(element, _clark(attribute))
