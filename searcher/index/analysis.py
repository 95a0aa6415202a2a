"""The analyses of the fields' words, each defined once, and their Whoosh analyzers.

An analysis says what a word becomes: tokens of TOKEN_PATTERN, lowercased and folded,
then, as the analysis says, stop words and one-letter words dropped and the rest
stemmed. The schema's Whoosh analyzers are built here from the definitions, and the
plain functions of fastanalysis.py (bulk indexing) from the same ones; the tests
compare the two forms term for term.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem

from ..textfold import fold_word

# Words keep inner apostrophes and hyphens out: "Erdogan's" -> "erdogan", "s".
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
STOPS = frozenset(STOP_WORDS)
# Words shorter than this are stopped too (where stop words are).
MIN_WORD = 2
STEM = stem


@dataclass(frozen=True)
class Analysis:
    """What a field's words become: folded always; stop words out, and stemmed, if asked."""

    stop: bool
    stem: bool


# Ranked text (title, body, quotations): stemmed, stop words out.
TEXT = Analysis(stop=True, stem=True)
# Names (authors, speakers, outlets, tags): every word, unstemmed.
NAME = Analysis(stop=False, stem=False)
# The vocabulary fuzzy search and "did you mean" read: unstemmed, stop words out.
VOCABULARY = Analysis(stop=True, stem=False)
# The analysis of each kind of field (searcher.fields) whose words are indexed.
BY_KIND: dict[str, Analysis] = {"text": TEXT, "name": NAME, "vocabulary": VOCABULARY}


class FoldFilter(Filter):
    """Folds accents and special letters (ß, ł, ø, æ) the way searcher.textfold does."""

    # Indexes on disk name this class at this path in their pickled schema: it stays here.

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


def whoosh_analyzer(analysis: Analysis) -> Any:
    """The Whoosh analyzer of an analysis (the schema's form)."""
    chain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
    if analysis.stop:
        # renumber (the default): positions count kept words only, as phrases need.
        chain = chain | StopFilter(stoplist=STOPS, minsize=MIN_WORD)
    if analysis.stem:
        chain = chain | StemFilter(stemfn=STEM, cachesize=100000)
    return chain


def text_analyzer() -> Any:
    """Stemmed, folded, stop-worded: for title, body and quotations."""
    return whoosh_analyzer(TEXT)


def name_analyzer() -> Any:
    """Folded, unstemmed, no stop words: for authors, speakers, outlets, tags."""
    return whoosh_analyzer(NAME)


def vocabulary_analyzer() -> Any:
    """Folded and unstemmed, stop words kept out: the vocabulary fuzzy search matches against."""
    return whoosh_analyzer(VOCABULARY)
