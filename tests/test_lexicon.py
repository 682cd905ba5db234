"""The person-noun lexicon compiled from WordNet's data files (a tiny invented copy here)."""
from __future__ import annotations

from pathlib import Path

import pytest

from geo import lexicon

# Two lines in WordNet's formats: "index.noun" lists a lemma's synsets commonest first; "data.noun"
# files each synset under a lexicographer file (18 = noun.person, 06 = noun.artifact).
INDEX = """  1 this is the licence header, two spaces first
surrogate n 2 1 @ 2 0 10000001 10000002
hammer n 2 1 @ 2 0 10000003 10000001
court_jester n 1 1 @ 1 0 10000001
"""
DATA = """  1 licence header
10000001 18 n 01 surrogate 0 000 | someone who stands in for another
10000002 18 n 01 surrogate 1 000 | a second person sense
10000003 06 n 01 hammer 0 000 | a hand tool
"""


def fake_wordnet(tmp_path: Path) -> Path:
    (tmp_path / "index.noun").write_text(INDEX, encoding="latin-1")
    (tmp_path / "data.noun").write_text(DATA, encoding="latin-1")
    return tmp_path


def test_a_noun_whose_commonest_sense_is_a_person_is_kept(tmp_path):
    # "hammer" has a person sense too, but not first; multiword lemmas are left out
    assert lexicon.compile_person_nouns(fake_wordnet(tmp_path)) == ["surrogate"]


def test_build_writes_the_list_and_a_missing_wordnet_names_the_file(tmp_path):
    out = tmp_path / "out" / "person_nouns.txt"
    assert lexicon.build(out, fake_wordnet(tmp_path)) == 1
    assert lexicon.person_nouns.__wrapped__(out) == frozenset({"surrogate"})
    with pytest.raises(FileNotFoundError, match="index.noun"):
        lexicon.build(out, tmp_path / "nowhere")
    assert out.read_text(encoding="utf-8").split() == ["surrogate"]  # what was built is kept


def test_without_the_compiled_list_there_are_no_person_nouns(tmp_path):
    assert lexicon.person_nouns.__wrapped__(tmp_path / "missing.txt") == frozenset()
