"""Where things live: the package's own resources, and the edition being worked on.

Two kinds of place, found in two ways:

- **resources** (stylesheets, schemas, default rules, site assets) belong to the
  installed package. A wheel holds ``xslt/`` and ``schema/`` inside the package
  (``edition/xslt``, ``edition/schema``: mapped there at build time by
  ``[tool.setuptools.package-dir]``); an editable install reads them from the source
  tree beside the package, where they are edited.
- **the edition** (seeds, registers, TEI, site) is the folder holding the marker file
  ``edition.yml``, found from the current directory upwards the way git finds its
  repository, never from the package's location. ``edition new DIR`` writes one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from edition.errors import EditionError

PACKAGE = Path(__file__).resolve().parent


def _resource(name: str) -> Path:
    """A resource folder: inside the installed package, else beside it (source tree)."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parent / name


XSLT_DIR = _resource("xslt")
SCHEMA_DIR = _resource("schema")
DATA_DIR = PACKAGE / "data"
ASSETS_DIR = PACKAGE / "assets"
EDITION_RNG = SCHEMA_DIR / "edition.rng"
EDITION_SCH = SCHEMA_DIR / "edition.sch"
EDITION_ODD = SCHEMA_DIR / "edition.odd"
# npm packages the site copies data from (package.json): in a source checkout, beside the
# package; an installed wheel has none, and the pages that use them say so.
NODE_MODULES = PACKAGE.parent / "node_modules"

# The marker file of an edition, and the folders it may rename (relative to it).
MARKER = "edition.yml"
FOLDERS = {"seeds": "seeds", "registers": "registers", "tei": "tei", "site": "site"}
# Set to a folder to use that edition wherever the command runs (like GIT_DIR).
ENV_VAR = "EDITION_ROOT"


def user_cache() -> Path:
    """The user's cache folder for what is made from the package alone, not from an
    edition (the gazetteers' indexes, the compiled regular expressions): kept between
    runs and editions, and safe to delete (made again when missing)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "edition"


@dataclass(frozen=True)
class Edition:
    """An edition's folders, all absolute."""

    root: Path
    seeds: Path
    registers: Path
    tei: Path
    site: Path
    # the address the site is published at, if the marker file gives one (site_url:)
    site_url: str | None = None

    @property
    def marker(self) -> Path:
        return self.root / MARKER


def _marker_in(folder: Path) -> Path | None:
    marker = folder / MARKER
    return marker if marker.is_file() else None


def load_edition(root: Path) -> Edition:
    """The edition whose marker file is in ``root``; folders named there are honoured."""
    marker = root / MARKER
    from edition import yamlio

    try:
        data = yamlio.read(marker) or {}
    except OSError as exc:
        raise EditionError(marker, 0, 0, f"cannot read the edition's marker file: {exc.strerror}"
                           ) from None
    if not isinstance(data, dict):
        raise EditionError(marker, 1, 1, "expected a mapping (folders: {seeds: …, tei: …})")
    folders = data.get("folders") or {}
    if not isinstance(folders, dict) or not all(
            key in FOLDERS and isinstance(value, str) for key, value in folders.items()):
        raise EditionError(marker, 1, 1, "folders: expected a mapping of "
                           f"{', '.join(FOLDERS)} to relative folder names")
    named = {key: root / str(folders.get(key, default)) for key, default in FOLDERS.items()}
    site_url = data.get("site_url")
    if site_url is not None and not (isinstance(site_url, str)
                                     and site_url.startswith(("https://", "http://"))):
        raise EditionError(marker, 1, 1, "site_url: expected an http(s) address")
    return Edition(root=root, site_url=site_url, **named)


def find_edition(start: Path | None = None) -> Edition:
    """The edition around ``start`` (default: the current directory).

    ``$EDITION_ROOT``, when set, names it; otherwise the nearest folder at or above
    ``start`` that holds ``edition.yml``. EditionError when there is none.
    """
    forced = os.environ.get(ENV_VAR)
    if forced:
        root = Path(forced).resolve()
        if _marker_in(root) is None:
            raise EditionError(root / MARKER, 0, 0, f"${ENV_VAR} names a folder without "
                               f"{MARKER}")
        return load_edition(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _marker_in(folder) is not None:
            return load_edition(folder)
    raise EditionError(here, 0, 0, f"not inside an edition: no {MARKER} here or in any folder "
                       "above; run `edition new DIR` to make one, or work inside one")


def __getattr__(name: str) -> Path:
    """``ROOT``, ``SEEDS``, ``TEI_DIR``, ``SITE_DIR``, ``REGISTERS_DIR``: the folders of
    the edition around the current directory, looked up when first asked for."""
    fields = {"ROOT": "root", "SEEDS": "seeds", "TEI_DIR": "tei", "SITE_DIR": "site",
              "REGISTERS_DIR": "registers"}
    if name in fields:
        value: Path = getattr(find_edition(), fields[name])
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def listing(folder: Path) -> dict[str, bool]:
    """The names in ``folder``, each with whether it is a symbolic link, from one listing
    of it ({} when it cannot be listed): a thousand files cost one call, not one each."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry.is_symlink() for entry in entries}
    except OSError:
        return {}


class Resolver:
    """``path.resolve()`` for the many files of a few folders: each folder is resolved
    once, and a file on its own only when it is itself a symbolic link (a resolve walks
    every component of the path: thousands of system calls for an edition). Each path
    is resolved once: a resolver lasts one pass of a stage, which asks for the same
    file several times. Which files of a folder are links is read from one listing of
    the folder, made when a second file of it is asked for (a thousand files: one
    listing, not a thousand calls)."""

    def __init__(self) -> None:
        self._files: dict[Path, Path] = {}
        self._texts: dict[str, str] = {}  # the same answers, for paths as strings (text)
        self._folders: dict[str, str] = {}  # each folder resolved
        self._links: dict[str, dict[str, bool] | None] = {}  # folder: {name: is a link}

    def __call__(self, path: Path) -> Path:
        done = self._files.get(path)
        if done is None:
            done = self._files[path] = Path(self._text(str(path), path))
        return done

    def text(self, path: str) -> str:
        """The resolved path of ``path``, both as strings: the same answer as calling
        the resolver with a Path, without making a Path for each file (a pass over an
        edition's thousands of files makes and hashes one per file, then another for
        its folder: most of the pass's time)."""
        return self._text(path, path)

    def _text(self, path: str, given: Path | str) -> str:
        """:meth:`text` of ``path``, ``given`` as the caller gave it."""
        done = self._texts.get(path)
        if done is None:
            folder, name = os.path.split(path)
            folder = folder or "."
            if name in ("", ".", "..") or self._is_link(folder, name, given):
                done = str(Path(path).resolve())
            else:
                base = self._folders.get(folder)
                if base is None:
                    base = self._folders[folder] = str(Path(folder).resolve())
                done = os.path.join(base, name)
            self._texts[path] = done
        return done

    def _is_link(self, folder: str, name: str, path: Path | str) -> bool:
        """Whether ``path`` (``name`` in ``folder``) is a symbolic link."""
        if folder not in self._links:  # the first file of this folder: asked on its own
            self._links[folder] = None
        elif self._links[folder] is None:  # the second: the folder listed once
            self._links[folder] = listing(Path(folder))
        known = self._links[folder]
        found = known.get(name) if known else None
        return os.path.islink(path) if found is None else found
