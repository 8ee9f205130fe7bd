"""Reading and writing YAML: the one place the package parses it (registers, proposals,
rejected forms, the manifest, edition.yml, the readers' data files, the rules) and the
one place it writes it (the proposals, registers/proposed/).

PyYAML's C parser (libyaml's ``CSafeLoader``) builds the same data as its pure-Python
``SafeLoader`` some ten times faster, which matters for the proposals and registers of a
large edition (tests/test_yamlio.py compares the two on every YAML file of the package
and the registers). Where PyYAML was built without libyaml, ``SafeLoader`` is used.
PyYAML itself is imported on first use, so a command that reads no YAML does not load it.

Likewise libyaml's emitter (``CSafeDumper``) writes the proposals four to six times
faster than the pure-Python one (at 1,000 documents: 0.1 s instead of 0.5 s, on the
main process's path while the workers wait for the registers file). It writes the same
text for the names documents hold (tests/test_yamlio.py: every entry of the registers
and the proposals); in strings with control characters or line separators it may break
a quoted line elsewhere, which reads back as the same data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from edition.errors import EditionError


@cache
def loader() -> Any:
    """The safe loader class: libyaml's when PyYAML has it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def dumper() -> Any:
    """The safe dumper class: libyaml's when PyYAML has it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any, *, width: int = 100) -> str:
    """``data`` as YAML text, as ``yaml.safe_dump`` writes it with ``allow_unicode`` and
    the keys in their order (see the module's note on libyaml's emitter)."""
    import yaml

    return yaml.dump(data, Dumper=dumper(), allow_unicode=True, sort_keys=False,
                     width=width)


def error_type() -> type[Exception]:
    """PyYAML's error class (for callers that catch it among others)."""
    import yaml

    return yaml.YAMLError


def parse(text: str) -> Any:
    """The data of a YAML text, as ``yaml.safe_load`` gives it; raises ``yaml.YAMLError``."""
    import yaml

    return yaml.load(text, Loader=loader())


def strings(values: Any, path: Path, key: str) -> list[str]:
    """A list of words read from YAML, each as written. A bare ``On``, ``No``, ``Yes`` or
    ``Off`` (``NO``, Norway's code, too) is read by YAML as true or false, and turning it
    back into a string would give "True": such a value is an EditionError that names
    the key. Numbers are taken as written ("1956")."""
    out: list[str] = []
    for value in values or []:
        if isinstance(value, bool):
            raise EditionError(path, 0, 0, f"{key}: a bare word that YAML reads as "
                               f"{str(value).lower()} (On, Off, Yes, No and the like): put "
                               "it in quotes ('No')")
        out.append(str(value))
    return out


def string_map(mapping: Any, path: Path, key: str) -> dict[str, str]:
    """A mapping of words read from YAML, keys and values as written (:func:`strings`;
    a value's error names its key too)."""
    return {name: strings([value], path, f"{key} {name}")[0]
            for name, value in zip(strings(list(mapping or {}), path, key),
                                   (mapping or {}).values(), strict=True)}


def read(path: Path, problem: str = "not valid YAML") -> Any:
    """The data of a YAML file. A syntax error is an EditionError at its line and column
    (``problem: PyYAML's message``); an unreadable file raises OSError as it is."""
    text = path.read_text(encoding="utf-8")
    try:
        return parse(text)
    except error_type() as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise EditionError(path, line, col, f"{problem}: {exc}") from None
