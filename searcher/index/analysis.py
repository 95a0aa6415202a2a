"""Whoosh analyzers: folded and stemmed for ranked text, folded and unstemmed for names and fuzzy."""

from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

from ..textfold import fold_word

# Words keep inner apostrophes and hyphens out: "Erdogan's" -> "erdogan", "s".
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"


class FoldFilter(Filter):
    """Folds accents and special letters (ß, ł, ø, æ) the way searcher.textfold does."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


def text_analyzer():
    """Stemmed, folded, stop-worded: for title, body and quotations."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | FoldFilter()
        | StopFilter()
        | StemFilter(cachesize=100000)
    )


def name_analyzer():
    """Folded, unstemmed, no stop words: for authors, speakers, outlets, tags."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


def vocabulary_analyzer():
    """Folded and unstemmed, stop words kept out: the vocabulary fuzzy search matches against."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter() | StopFilter()
