"""What validation found: located problems, a report, and its three printed forms."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
ReportFormat = Literal["text", "json", "github"]


@dataclass(frozen=True)
class Problem:
    """One problem in one file. ``line``/``col`` are 1-based; 0 means the whole file."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.col)


@dataclass
class Report:
    """The problems found in a run, sorted by file, line and column."""

    problems: list[Problem]
    files_checked: int
    engine: str = ""
    # how many of the files were checked in this run; the others' results were kept
    # from an earlier run because nothing they depend on changed (None: all checked)
    rechecked: int | None = None

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "warning")

    @property
    def valid(self) -> bool:
        """True when there are no errors (warnings do not make a file invalid)."""
        return self.errors == 0

    def summary(self) -> str:
        return (
            f"{_count(self.files_checked, 'file')} checked, "
            f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        )


@dataclass
class ProblemList:
    """Collects problems for one run, dropping exact repeats."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set)

    def add(self, problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def sorted(self) -> list[Problem]:
        # sorted() is stable: problems at one position keep the order of the checks
        return sorted(self.items, key=Problem.sort_key)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_report(report: Report, fmt: ReportFormat = "text", *, verbose: bool = False) -> str:
    """Render ``report`` as text, JSON or GitHub workflow commands.

    ``verbose`` adds a line saying which engines checked the files (text and github).
    """
    if fmt == "json":
        return _format_json(report)
    if fmt == "github":
        lines = [_github_line(problem) for problem in report.problems]
    elif fmt == "text":
        lines = [
            f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message} [{p.rule}]"
            for p in report.problems
        ]
    else:
        raise ValueError(f"unknown report format {fmt!r}: expected text, json or github")
    if verbose and report.engine:
        lines.append(f"checked with {report.engine}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _format_json(report: Report) -> str:
    data = {
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "message": p.message,
                "rule": p.rule,
            }
            for p in report.problems
        ],
        "summary": {
            "files_checked": report.files_checked,
            "errors": report.errors,
            "warnings": report.warnings,
            "engine": report.engine,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(problem: Problem) -> str:
    properties = [f"file={_escape_property(problem.path)}"]
    if problem.line > 0:
        properties.append(f"line={problem.line}")
        if problem.col > 0:
            properties.append(f"col={problem.col}")
    properties.append(f"title={_escape_property(problem.rule)}")
    return f"::{problem.severity} {','.join(properties)}::{_escape_data(problem.message)}"
