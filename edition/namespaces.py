"""The XML namespaces the edition reads and writes: one home for every module."""

from __future__ import annotations

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
NS = {"t": TEI_NS}  # the prefix the modules' XPath expressions use
