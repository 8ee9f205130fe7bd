"""Archive references read by the archives' data (edition/read/reference.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition.paths import DATA_DIR
from edition.read.reference import read_reference, split_credits
from edition.read.vocabulary import load_vocabulary


@pytest.mark.parametrize(("text", "repository", "call", "pages", "doc_id"), [
    ("AVPRF f. 0102, op. 23, p. 112, d. 24, pp. 13-23", "AVPRF", "f. 0102, op. 23, p. 112, d. 24",
     "13-23", "avprf-0102-23-112-24"),
    ("AVP RF, fond 06, opis 9, papka 18, delo 232, list 5", "AVPRF",
     "fond 06, opis 9, papka 18, delo 232", "5", "avprf-06-9-18-232"),
    ("Archive of Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis 17, delo 6, "
     "listy 12-14", "AVPRF", "fond 0102, opis 17, delo 6", "12-14", "avprf-0102-17-6"),
    ("RGANI f. 5, op. 30, d. 3, l. 1", "RGANI", "f. 5, op. 30, d. 3", "1", "rgani-5-30-3"),
    ("TsAMO, f. 5, op. 918795, d. 122, ll. 7-9ob", "TsAMO", "f. 5, op. 918795, d. 122",
     "7-9ob", "tsamo-5-918795-122"),
    ("RGASPI f. 558, op. 11, d. 334, p. 12", "RGASPI", "f. 558, op. 11, d. 334", "12",
     "rgaspi-558-11-334"),
    ("PRC FMA 118-00777-01, 43-48", "PRC FMA", "118-00777-01", "43-48",
     "prcfma-118-00777-01"),
    ("Shanxi Provincial Archives C54-1005-15, 85-89", "Shanxi", "C54-1005-15", "85-89",
     "shanxi-c54-1005-15"),
    ("Jilin Provincial Archives 1-12-5, 3-4", "Jilin Provincial Archives", "1-12-5", "3-4",
     "jpa-1-12-5"),
    ("Polish Foreign Ministry Archive (AMSZ), z. 11, w. 44, t. 1188", "(AMSZ)",
     "z. 11, w. 44, t. 1188", None, "amsz-11-44-1188"),
])
def test_references(text: str, repository: str, call: str, pages: str | None,
                    doc_id: str) -> None:
    vocabulary = load_vocabulary()
    ref = read_reference(text, vocabulary)
    assert repository in (ref.repository or "")
    assert ref.call_number == call
    assert ref.pages == pages
    assert ref.id_from(vocabulary) == doc_id
    known = ref.archive is not None
    assert bool(ref.notes) is not known  # an unknown archive is named in a note


@pytest.mark.parametrize(("text", "ref", "credits"), [
    ("GARF, f. 5446, op. 98, d. 721, ll. 1-5. Translated by Gary Goldberg.",
     "GARF, f. 5446, op. 98, d. 721, ll. 1-5", "Translated by Gary Goldberg."),
    ("RGANI, f. 5, op. 49, d. 133, ll. 1-10.", "RGANI, f. 5, op. 49, d. 133, ll. 1-10", ""),
    ("PRC FMA 1-2-3. Obtained and translated by Sergey Radchenko.", "PRC FMA 1-2-3",
     "Obtained and translated by Sergey Radchenko."),
])
def test_credits_are_split_from_the_reference(text: str, ref: str, credits: str) -> None:
    assert split_credits(text, load_vocabulary()) == (ref, credits)


def test_an_archive_added_to_the_data_gets_its_scheme(tmp_path: Path) -> None:
    """The id scheme is data: an archive added to archives.yml is read by it."""
    for name in ("formats.yml", "archives.yml"):
        shutil.copy(DATA_DIR / name, tmp_path)
    archives = tmp_path / "archives.yml"
    archives.write_text(archives.read_text(encoding="utf-8").replace(
        "archives:\n", "archives:\n  - name: Hoover Institution Archives\n    forms: [Hoover "
        "Institution Archives, HIA]\n    prefix: hoover\n    id: numbers\n", 1),
        encoding="utf-8")
    vocabulary = load_vocabulary(tmp_path)
    ref = read_reference("HIA, Box 23, Folder 4, pp. 5-7", vocabulary)
    assert ref.repository == "Hoover Institution Archives" and not ref.notes
    assert ref.id_from(vocabulary) == "hoover-23-4"
