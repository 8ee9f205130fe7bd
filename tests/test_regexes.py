"""Regular expressions compiled once per machine (edition/regexes.py): a pattern taken
from the kept file is the pattern re makes, a damaged file is passed over, and the name
detector's patterns are taken from the file by the next process."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from edition import regexes

# Patterns of every kind the engine's code has: named groups and back references,
# look-arounds, classes (of Unicode letters too), repeats lazy, greedy and possessive,
# atomic groups, conditionals, alternations, anchors, and the flags.
PATTERNS: list[tuple[str, int]] = [
    (r"(?P<day>\d{1,2})\s(?P<month>[A-Z][a-z]+)\s(?P<year>\d{4})", 0),
    (r"(?<![\w-])(?:Ministry|Minister|Mission)(?![\w-])", 0),
    (r"(\w+)\s+\1", 0),
    (r"(?P<q>['\"]).*?(?P=q)", 0),
    (r"^\s*\d+\.\s", re.MULTILINE),
    (r"[A-ZÀ-ÖØ-ÞĀĂĄ][a-zß-öø-ÿāăą]+(?:-[A-Z][a-z]+)*", 0),
    (r"moscow|PEKING|hanoi", re.IGNORECASE),
    (r"""(?x) \[ (?P<what> [^\]]+ ) \]   # a bracket""", 0),
    (r"(?>a+)b|c*+d|e{2,}?", 0),
    (r"(<)?\w+(?(1)>|)", 0),
    (r"(?s)start.*end", 0),
    (r"\bthe\b(?=\s[A-Z])|(?<=\.)\s", 0),
    (r"[^\W\d_]+", re.ASCII),
]
TEXTS = ["on 12 March 1965 the Ministry said", "the the Minister's Mission", "'quoted' \"too\"",
         "1. first\n 2. second", "Nguyễn Văn-Thiệu and Đặng Ā-Ăbc", "to MOSCOW via Hanoi",
         "[Kosygin] said", "aaab cccd eee", "<tag> plain", "start\nmiddle\nend",
         "by the Soviet side. Then", "Straße naïve"]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups,
                                                           b.groupindex)
    for text in TEXTS:
        assert [(m.span(), m.groups(), m.groupdict()) for m in a.finditer(text)] == [
            (m.span(), m.groups(), m.groupdict()) for m in b.finditer(text)], (a.pattern, text)


def _run(code: str, cache: Path, seed: str = "0", **env: str) -> str:
    """``code`` in a fresh Python with the cache folder ``cache`` (and hash seed
    ``seed``): what it prints."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": seed, **env}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=environment, check=True)
    return done.stdout


@pytest.mark.skipif(regexes._ENGINE is None, reason="re compiles the ordinary way here")
def test_a_pattern_taken_from_the_kept_file_is_the_pattern_re_makes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regexes, "_kept", None)
    monkeypatch.setattr(regexes, "_used", set())
    monkeypatch.setattr(regexes, "_new", False)
    for pattern, flags in PATTERNS:  # compiled here, and kept
        _same(regexes.compile(pattern, flags), re.compile(pattern, flags))
    regexes.keep()
    path = regexes.cache_path()
    assert path.is_file() and path.is_relative_to(tmp_path)
    monkeypatch.setattr(regexes, "_kept", None)  # as a new process: read from the file
    monkeypatch.setattr(regexes, "_used", set())
    made = [regexes.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert len(regexes._kept or {}) == len(PATTERNS) and not regexes._new  # none compiled
    for (pattern, flags), compiled in zip(PATTERNS, made, strict=True):
        _same(compiled, re.compile(pattern, flags))


@pytest.mark.skipif(regexes._ENGINE is None, reason="re compiles the ordinary way here")
def test_a_damaged_or_foreign_kept_file_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regexes, "_used", set())
    monkeypatch.setattr(regexes, "_new", False)
    pattern, flags = PATTERNS[0]
    key = regexes._key(pattern, flags)
    good = regexes._entry(pattern, flags)
    bad_code = bytes(len(good[1]))  # the engine's code all zeros: not valid code
    whole = regexes._dump({key: good})
    damaged = whole[:-40] + bytes(b ^ 0xFF for b in whole[-40:])  # its digest no longer fits
    for kept in (b"not marshal at all", whole[:len(whole) // 2], damaged,
                 marshal.dumps({key: good}),  # (no header: an older format)
                 None, {key: "a string"}, {key: (1, 2)},
                 {key: (good[0], bad_code, *good[2:])}):  # well kept, but no engine's code
        path = regexes.cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(kept if isinstance(kept, bytes) else regexes._dump(kept))
        monkeypatch.setattr(regexes, "_kept", None)
        _same(regexes.compile(pattern, flags), re.compile(pattern, flags))
        regexes.keep()  # the file made good again
        monkeypatch.setattr(regexes, "_kept", None)
        assert regexes._load()[key][1] == good[1]


def test_a_bad_pattern_is_re_s_error_and_the_switch_turns_the_file_off(tmp_path, monkeypatch):
    with pytest.raises(re.error):
        regexes.compile("(?P<unclosed>")
    out = _run("from edition import regexes; import re\n"
               "p = regexes.compile(r'a(b)c')\nregexes.keep()\n"
               "print(regexes._ENGINE is None, p.match('abc').group(1),"
               " regexes.cache_path().exists())", tmp_path, EDITION_REGEX_CACHE="0")
    assert out.split() == ["True", "b", "False"]


@pytest.mark.skipif(regexes._ENGINE is None, reason="re compiles the ordinary way here")
def test_the_name_detector_s_patterns_are_taken_from_the_file_by_the_next_process(tmp_path):
    """Its patterns are the same text in every process (the cue words in one order
    whatever the hash seed), so a second process compiles none of them; and the names
    found are those found with the file switched off."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(seeds.iterdir())[:3])[:60000]
    code = f"""
import json
from edition import regexes
from edition.detect import Detector, DocState
detector = Detector()
found = [(c.kind, c.start, c.end, c.key) for c in detector.find({text!r}, [], DocState())]
print(json.dumps({{"new": regexes._new, "used": len(regexes._used), "found": found}}))
"""
    first = json.loads(_run(code, tmp_path, seed="1"))
    assert first["used"] > 20  # the detector's patterns, kept by Detector() itself
    second = json.loads(_run(code, tmp_path, seed="2"))
    assert second["new"] is False and second["used"] == first["used"]
    plain = json.loads(_run(code, tmp_path / "off", seed="3", EDITION_REGEX_CACHE="0"))
    assert second["found"] == first["found"] == plain["found"]
    assert len(plain["found"]) > 50
