"""The site's static files (CSS, JavaScript), apart from the renderer: the command that
hands out a build's work keys the pages on them without loading Saxon."""

from __future__ import annotations

from edition.paths import ASSETS_DIR


def assets() -> dict[str, bytes]:
    """The site's static files, keyed by site path."""
    return {
        f"assets/{path.name}": path.read_bytes()
        for path in sorted(ASSETS_DIR.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }
