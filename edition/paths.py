"""Where the project's parts live: the repository layout, resolved once."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
SEEDS = ROOT / "seeds"
TEI_DIR = ROOT / "tei"
XSLT_DIR = ROOT / "xslt"
SCHEMA_DIR = ROOT / "schema"
DATA_DIR = PACKAGE / "data"
SITE_DIR = ROOT / "site"
EDITION_RNG = SCHEMA_DIR / "edition.rng"
EDITION_SCH = SCHEMA_DIR / "edition.sch"
