"""The three kinds of register entry and how TEI writes each: one home for every module
(the registers' YAML files, the registers file, the names found in documents, the
register pages, the search index). No imports beyond the namespaces: a command that only
needs these names loads nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from edition.namespaces import TEI_NS

_T = f"{{{TEI_NS}}}"


@dataclass(frozen=True)
class Kind:
    """One kind of register entry."""

    entry: str  # the entry's element in the registers file, and Entry.kind: "person"
    register: str  # its register: registers/NAME.yml, the division's type, NAME.html
    heading: str  # the register's heading in the registers file
    list_tag: str  # the list the registers file holds the entries in
    name_tag: str  # the element that names an entry, in a document and in its entry
    described: str  # how a sentence names one: "a person"


KINDS = (
    Kind("person", "persons", "Persons", "listPerson", "persName", "a person"),
    Kind("place", "places", "Places", "listPlace", "placeName", "a place"),
    Kind("org", "organisations", "Organisations", "listOrg", "orgName", "an organisation"),
)

# The registers in order ("persons", …): each a page of the site, rendered from the div of
# registers.xml with this @type.
REGISTER_PAGES = tuple(k.register for k in KINDS)
# By register ("persons"), the entry's kind ("person"): the registers' YAML files.
KIND_OF_REGISTER = {k.register: k.entry for k in KINDS}
REGISTER_OF_KIND = {k.entry: k.register for k in KINDS}
DESCRIBED = {k.entry: k.described for k in KINDS}
# By kind ("person"), the element that names such an entry ("persName"), and back.
NAME_TAG = {k.entry: k.name_tag for k in KINDS}
KIND_OF_NAME_TAG = {k.name_tag: k.entry for k in KINDS}
# The elements in the TEI namespace, as lxml names them ("{...}person").
ENTRY_TAGS = tuple(f"{_T}{k.entry}" for k in KINDS)
LIST_TAGS = tuple(f"{_T}{k.list_tag}" for k in KINDS)
NAME_TAGS = tuple(f"{_T}{k.name_tag}" for k in KINDS)
