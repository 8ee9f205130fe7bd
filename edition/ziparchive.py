"""A deterministic zip archive (deflated members, fixed time stamps) whose members can be
carried over from the archive written before without compressing them again.

The publication's zip holds every TEI file of the edition: compressing them all again
after one changed would cost more than everything else the build does for that change.
:func:`read_members` takes the compressed members out of an archive this module wrote
(as stored: deflated bytes, CRC-32, size), :func:`deflate` compresses a new one, and
:func:`archive` writes members into a zip file. The bytes of a member depend on its name
and content only, so an archive with members carried over is byte for byte the archive
made from scratch. Python's :mod:`zipfile` reads it (the tests check it does); archives
beyond the classic zip limits (65,535 members, 4 GiB) are not written here
(:func:`fits`: the caller uses :mod:`zipfile` then).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

# The entries' time stamp, 1980-01-01 00:00 in MS-DOS form (the earliest zip can hold).
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_LEVEL = 6  # zlib's default, as zipfile uses
_VERSION = 20  # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION  # Unix, as zipfile writes on Unix
_MODE = 0o100644 << 16  # a regular file, rw-r--r--
_UTF8 = 0x800  # general purpose flag: the name is UTF-8
_LIMIT = 0xFFFFFFFF
_MAX_MEMBERS = 0xFFFF


@dataclass(frozen=True)
class Member:
    """One file of the archive, compressed: its name, CRC-32, size and deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, data: bytes) -> Member:
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def fits(sizes: Sequence[int]) -> bool:
    """Whether files of these sizes fit an archive without the zip64 extensions (a
    member's deflated size is at most a little above its size)."""
    return len(sizes) < _MAX_MEMBERS and sum(s + s // 100 + 1024 for s in sizes) < _LIMIT


def read_members(data: bytes) -> dict[str, Member]:
    """The deflated members of an archive, by name; {} if it cannot be read."""
    found: dict[str, Member] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            for info in source.infolist():
                if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x9:
                    continue  # stored, encrypted or with a data descriptor: not ours
                offset = info.header_offset
                name_length, extra_length = struct.unpack("<HH", data[offset + 26:offset + 30])
                start = offset + 30 + name_length + extra_length
                deflated = data[start:start + info.compress_size]
                if len(deflated) == info.compress_size:
                    found[info.filename] = Member(info.filename, info.CRC, info.file_size,
                                                  deflated)
    except (zipfile.BadZipFile, struct.error, ValueError, OSError):
        return {}
    return found


def archive(members: Sequence[Member]) -> bytes:
    """The zip file of the members, in that order."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if member.name.isascii() else _UTF8
        common = struct.pack("<HHHHLLLH", flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                             member.crc, len(member.deflated), member.size, len(name))
        header = b"PK\x03\x04" + struct.pack("<H", _VERSION) + common + b"\x00\x00" + name
        central.append(b"PK\x01\x02" + struct.pack("<HH", _MADE_BY, _VERSION) + common
                       + struct.pack("<HHHHLL", 0, 0, 0, 0, _MODE, offset) + name)
        local.append(header)
        local.append(member.deflated)
        offset += len(header) + len(member.deflated)
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHLLH", 0, 0, len(members), len(members),
                                       len(directory), offset, 0)
    return b"".join(local) + directory + end
