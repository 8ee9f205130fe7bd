"""The deterministic zip writer whose members carry over (edition/ziparchive.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from edition import ziparchive
from tests.conftest import TEI

FILES = {f"folder/{p.name}": p.read_bytes() for p in sorted(TEI.glob("scr-07*.xml"))}
FILES["folder/résumé – ünïcode.txt"] = "déjà vu\n".encode()
FILES["folder/empty.txt"] = b""


def _archive() -> bytes:
    return ziparchive.archive([ziparchive.deflate(n, d) for n, d in FILES.items()])


def test_zipfile_reads_every_member_back() -> None:
    with zipfile.ZipFile(io.BytesIO(_archive())) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(FILES)
        assert {n: archive.read(n) for n in FILES} == FILES
        info = archive.getinfo("folder/empty.txt")
        assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o100644


def test_unzip_reads_it_too(tmp_path: Path) -> None:
    if shutil.which("unzip") is None:
        pytest.skip("no unzip on this machine")
    (tmp_path / "a.zip").write_bytes(_archive())
    done = subprocess.run(["unzip", "-tq", "a.zip"], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_members_carried_over_give_the_same_bytes() -> None:
    first = _archive()
    kept = ziparchive.read_members(first)
    assert list(kept) == list(FILES)
    assert ziparchive.archive([kept[n] for n in FILES]) == first
    # one member changed: the others carried over, the archive as made from scratch
    changed = dict(FILES, **{"folder/empty.txt": b"now with words"})
    mixed = [kept[n] if n != "folder/empty.txt" else ziparchive.deflate(n, d)
             for n, d in changed.items()]
    assert ziparchive.archive(mixed) == ziparchive.archive(
        [ziparchive.deflate(n, d) for n, d in changed.items()])


def test_an_archive_not_ours_gives_no_member() -> None:
    assert ziparchive.read_members(b"not a zip") == {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as stored:  # stored, not deflated
        stored.writestr("a.txt", b"abc")
    assert ziparchive.read_members(buffer.getvalue()) == {}


def test_the_classic_limits() -> None:
    assert ziparchive.fits([1000] * 10)
    assert not ziparchive.fits([1] * 70_000)
    assert not ziparchive.fits([2**31, 2**31])
