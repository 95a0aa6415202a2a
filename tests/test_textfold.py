"""Accent folding matches the plain-ASCII spellings users type."""

import pytest

from searcher.textfold import fold, fold_word


@pytest.mark.parametrize(
    "word, plain",
    [
        ("Erdoğan", "erdogan"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Søren", "soren"),
        ("Æbeltoft", "aebeltoft"),
        ("Ñandú", "nandu"),
        ("Citroën", "citroen"),
        ("Þórður", "thordur"),
        ("Œuvre", "oeuvre"),
        ("plain", "plain"),
    ],
)
def test_fold(word, plain):
    assert fold(word) == plain
    assert fold_word(word) == plain


def test_fold_keeps_spacing_and_punctuation():
    assert fold("Recep Tayyip Erdoğan’s") == "recep tayyip erdogan's"
