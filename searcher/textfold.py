"""Accent and case folding, so that Erdoğan = Erdogan, Łódź = Lodz and Straße = Strasse."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition does not reduce to ASCII (and that Whoosh's
# accent_map folds badly): map them the way their languages transliterate them.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŀ": "l",
        "Ŀ": "L",
        "ŋ": "n",
        "Ŋ": "N",
        "ſ": "s",
        "ĸ": "k",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word folded to lower-case ASCII-ish letters (cached: vocabularies repeat)."""
    return _fold(word)


def fold(text: str) -> str:
    """A string folded to lower case without accents."""
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_NOT_ALNUM = re.compile(r"[\W_]+")


def fold_key(text: str) -> str:
    """Folded letters and digits only: the key two spellings of a name or title compare by."""
    return _NOT_ALNUM.sub("", _fold(text))
