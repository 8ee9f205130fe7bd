"""Validate TEI files: well-formed, then RELAX NG, then Schematron.

The API the CLI calls::

    validator = Validator()                      # schema/edition.rng + schema/edition.sch
    report = validator.validate_paths([Path("tei")])
    print(format_report(report, "text"))         # or "json", "github"
    exit_status = 0 if report.valid else 1       # EditionError from Validator: status 2

The work is done in :mod:`edition.validation`.
"""

from __future__ import annotations

from edition.validation.relaxng import EngineName
from edition.validation.report import Problem, Report, ReportFormat, Severity, format_report
from edition.validation.validator import Validator

__all__ = [
    "EngineName",
    "Problem",
    "Report",
    "ReportFormat",
    "Severity",
    "Validator",
    "format_report",
]
