"""The edition's name, version and build date, as the pages and citations print them.

The version is the package's (pyproject.toml, read through the installed metadata).
The build date must not change when nothing changed, so that two builds of the same
sources are byte-identical: it is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), else the date of the last git commit that touched the TEI master copy,
else the newest modification time of its files.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

# The edition's name: the publisher of its TEI files and of its API's collection (kept
# here, apart from the encoder, so that what prints it does not import the converter).
PUBLISHER = "Cold War Documents Edition"


def edition_version() -> str:
    from edition.installed import version

    return version("edition") or "unknown"


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def build_date(tei: Path) -> str:
    """The build date (YYYY-MM-DD, UTC) of a site made from the TEI folder ``tei``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(int(epoch))
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=tei, capture_output=True,
            text=True, timeout=10, check=False)
        stamp = result.stdout.strip()
        if result.returncode == 0 and stamp.isdigit():
            return _day(int(stamp))
    except (OSError, subprocess.SubprocessError):
        pass
    times = [p.stat().st_mtime for p in tei.glob("*.xml")] if tei.is_dir() else []
    return _day(max(times)) if times else ""
