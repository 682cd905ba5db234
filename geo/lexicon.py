"""Which English nouns name a person, from WordNet, so the claims reader can tell a source
("his surrogates said", "the docs warned") from a thing ("the numbers say") without a hand list.

WordNet sorts each noun's senses by how often they occur in its tagged texts; a noun whose
commonest sense is filed under ``noun.person`` is read as a person word. The list is compiled at
set-up (``python -m geo build-lexicon``) from Debian's ``wordnet-base`` data files into
``data/person_nouns.txt`` and never committed; without it the claims reader falls back to its
endings rule, and says so once in the log.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
PERSON_NOUNS_PATH = Path(__file__).resolve().parent.parent / "data" / "person_nouns.txt"
_PERSON_FILE = 18  # WordNet's lexicographer file number of noun.person

log = logging.getLogger(__name__)


def _lexicographer_files(data_noun: Path) -> dict[str, int]:
    """Synset offset -> lexicographer file number, from ``data.noun`` (its licence header lines
    start with two spaces)."""
    files: dict[str, int] = {}
    with data_noun.open(encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith("  "):
                offset, file_number, _ = line.split(" ", 2)
                files[offset] = int(file_number)
    return files


def compile_person_nouns(wordnet_dir: Path = WORDNET_DIR) -> list[str]:
    """Single-word nouns whose commonest WordNet sense is a person, sorted."""
    files = _lexicographer_files(wordnet_dir / "data.noun")
    found = []
    with (wordnet_dir / "index.noun").open(encoding="latin-1") as lines:
        for line in lines:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, pointer_count = fields[0], int(fields[3])
            senses = fields[6 + pointer_count:]  # after the pointer symbols, sense and tagged counts
            if "_" not in lemma and senses and files.get(senses[0]) == _PERSON_FILE:
                found.append(lemma)
    return sorted(found)


def build(out: Path = PERSON_NOUNS_PATH, wordnet_dir: Path = WORDNET_DIR) -> int:
    """Write the person nouns to ``out``; returns how many. A missing WordNet is a clear error."""
    if not (wordnet_dir / "index.noun").exists():
        raise FileNotFoundError(f"{wordnet_dir / 'index.noun'}: WordNet's data files are missing "
                                "(install Debian's wordnet-base, as `make` does)")
    words = compile_person_nouns(wordnet_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(words) + "\n", encoding="utf-8")
    tmp.replace(out)
    return len(words)


@lru_cache(maxsize=1)
def person_nouns(path: Path = PERSON_NOUNS_PATH) -> frozenset[str]:
    """The compiled person nouns (lower case, singular), or none when set-up has not built them."""
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except FileNotFoundError:
        log.warning("%s is missing (run `make` set-up): person nouns fall back to word endings", path)
        return frozenset()
