"""How a typed word becomes the index's terms, field by field (the index's own analyzers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..textfold import fold
from .languages import language_code
from .stopwords import QUERY_STOP_WORDS

# How a value typed for an exact-value field becomes the value the index stores.
EXACT_VALUES: dict[str, Callable[[str], str]] = {"lang": language_code}
# Analysed words kept between searches; past this many the memo starts again.
MAX_MEMO = 100_000
# The field whose analyzer says what a word's stem is and whether the index keeps it.
STEMMED_FIELD = "body"


def _exact_value(text: str) -> str:
    return fold(text).strip()


class FieldAnalyzers:
    """The terms each field of one schema makes of a word; `memo` may be shared between searches."""

    def __init__(self, schema: Any, memo: dict[tuple[str, str], tuple[str, ...]] | None = None):
        self.schema = schema
        self.names = frozenset(schema.names())
        # Analysing a word is the same for every query of the schema: callers share the memo.
        self._memo = memo if memo is not None else {}

    def terms(self, fieldname: str, text: str) -> tuple[str, ...]:
        """The index terms of `text` in a field (empty: the field drops it)."""
        key = (fieldname, text)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > MAX_MEMO:
                self._memo.clear()
            found = self._memo[key] = self._analyse(fieldname, text)
        return found

    def _analyse(self, fieldname: str, text: str) -> tuple[str, ...]:
        if self.is_exact(fieldname):
            return (EXACT_VALUES.get(fieldname, _exact_value)(text),)
        analyzer = getattr(self.schema[fieldname], "analyzer", None)
        if analyzer is None:
            return (text,)
        return tuple(t.text for t in analyzer(text))

    def is_exact(self, fieldname: str | None) -> bool:
        """True for a field holding whole values (no word positions): its value is one term, never a phrase."""
        if fieldname is None or fieldname not in self.names:
            return False
        field_format = self.schema[fieldname].format
        return field_format is None or not field_format.supports("positions")

    def stems(self, word: str) -> tuple[str, ...]:
        """The stemmed terms of a word in the text fields."""
        return self.terms(STEMMED_FIELD, word)

    def is_stop_word(self, word: str, keep_stop_words: bool = False) -> bool:
        """True for function words (what, which, the), unless kept, and words the text fields do not index."""
        if not keep_stop_words and fold(word) in QUERY_STOP_WORDS:
            return True
        return not self.stems(word) if STEMMED_FIELD in self.names else False
