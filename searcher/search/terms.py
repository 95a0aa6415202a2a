"""Top terms: the words and names most characteristic of the matching articles against the whole index.

Significance is JLH (as Elasticsearch's significant_terms scores it): with p the share of
matching articles holding a term and q its share of all articles, score = (p - q) * p / q,
for terms more common among the matches than overall. Names (the facets of fields.TERM_NAMES) are
counted exactly from the facet columns; words from an even sample of the matching articles'
text, against the index's document frequencies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from whoosh.analysis import STOP_WORDS

from ..article import Article
from ..errors import QueryError
from ..fields import TERM_NAMES
from ..index.analysis import TOKEN_PATTERN
from ..textfold import fold, fold_word
from .columns import FacetColumn, doc_array
from .facets import FACET_FIELDS, top_values, value_counts
from .results import FacetCount, missing_shards_of, notes_of, partial_json
from .session import Reading

if TYPE_CHECKING:
    from .options import TermsRequest

# Matching articles whose text is read for words; more gives steadier counts, and costs linear time.
WORD_SAMPLE = 250
# A word must be in at least this many sampled articles (and this share of them) to be a candidate.
MIN_DOCS = 2
MIN_SHARE = 0.02
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(TOKEN_PATTERN)


@dataclass
class Term:
    """A term, where it was found (a word, or the facet of a name: fields.TERM_NAMES), its counts and its significance."""

    text: str
    kind: str
    matches: int
    matches_of: int
    background: int
    background_of: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """{"text", "kind", "matches", "matches_of", "background", "background_of", "score"}."""
        return {
            "text": self.text,
            "kind": self.kind,
            "matches": self.matches,
            "matches_of": self.matches_of,
            "background": self.background,
            "background_of": self.background_of,
            "score": self.score,
        }


@dataclass
class TermsResult:
    """The most significant words and names of the matches of a query."""

    query: str
    total: int = 0
    sampled: int = 0
    words: list[Term] = field(default_factory=list)
    names: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Shards of a sharded index that did not answer: the counts are partial (empty: complete).
    missing_shards: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/analysis.md)."""
        return {
            "query": self.query,
            "total": self.total,
            "sampled": self.sampled,
            "words": [t.to_dict() for t in self.words],
            "names": [t.to_dict() for t in self.names],
            "notes": list(self.notes),
            **partial_json(self.missing_shards),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermsResult:
        """The top terms of their JSON."""
        return cls(
            query=data["query"],
            total=int(data["total"]),
            sampled=int(data["sampled"]),
            words=[Term(**t) for t in data["words"]],
            names=[Term(**t) for t in data["names"]],
            notes=notes_of(data),
            missing_shards=missing_shards_of(data),
        )


def jlh(fg: int, fg_size: int, bg: int, bg_size: int) -> float:
    """JLH significance of a term in fg of fg_size foreground documents and bg of bg_size background ones."""
    if not fg or not fg_size or not bg or not bg_size:
        return 0.0
    p, q = fg / fg_size, bg / bg_size
    return (p - q) * (p / q) if p > q else 0.0


def significant_terms(searcher, request: TermsRequest, sample: int = WORD_SAMPLE) -> TermsResult:
    """The `size` most significant words and names of the articles matching the query and filters."""
    if not request.query and not request.has_filter():
        raise QueryError(
            "empty query: give words (or a filter) whose matching articles to describe"
        )
    query, size = request.query, request.size
    result = TermsResult(query=query)
    reading, matched = searcher.matching(
        query or None,
        any=request.any,
        fuzzy=request.fuzzy,
        notes=result.notes,
        **request.filter_options(),
    )
    result.total = len(matched)
    if not matched:
        return result
    everyone = reading.searcher.doc_count()
    asked = {fold(w) for w in _WORD.findall(query)}
    result.names = _names(reading, matched, everyone, size)
    result.words, result.sampled = _words(reading, matched, everyone, asked, size, sample)
    if result.sampled < len(matched):
        result.notes.append(
            f"word counts are from an even sample of {result.sampled:,} of the "
            f"{len(matched):,} matching articles"
        )
    return result


def _names(reading: Reading, matched: set[int], everyone: int, size: int) -> list[Term]:
    docs = doc_array(matched)
    counts = {
        kind: value_counts(docs, reading.facet_column(FACET_FIELDS[kind])) for kind in TERM_NAMES
    }
    chosen = top_names(counts, size)
    backgrounds = {
        kind: reading.cached(
            f"name-counts:{kind}", partial(_all_counts, reading.facet_column(FACET_FIELDS[kind]))
        )
        for kind in chosen
    }
    return name_terms(chosen, backgrounds, len(matched), everyone, size)


def top_names(counts: dict[str, Counter], size: int) -> dict[str, list[FacetCount]]:
    """Per name kind, the values most frequent among the matches (the candidates)."""
    return {kind: top_values(kind, counts[kind], 10 * size).counts for kind in counts}


def name_terms(
    chosen: dict[str, list[FacetCount]],
    backgrounds: Mapping[str, Mapping[str, int]],
    matched: int,
    everyone: int,
    size: int,
) -> list[Term]:
    """The most significant names, from their counts among the matches and among all articles."""
    terms = []
    for kind, entries in chosen.items():
        background = backgrounds[kind]
        for entry in entries:
            bg = background.get(entry.value, entry.count)
            score = jlh(entry.count, matched, bg, everyone)
            if score > 0 and entry.count >= min(MIN_DOCS, matched):
                terms.append(Term(entry.value, kind, entry.count, matched, bg, everyone, score))
    terms.sort(key=lambda t: (-t.score, t.text))
    return terms[:size]


def _all_counts(column: FacetColumn) -> dict[str, int]:
    """How many documents of the whole index hold each value of a facet column."""
    counts = column.counts().tolist()
    return {value: n for value, n in zip(column.values, counts, strict=True) if n}


def sample_of(matched: Iterable[int], n: int) -> list[int]:
    """An even, repeatable sample of the matches (every k-th in document order)."""
    docs = sorted(matched)
    if len(docs) <= n:
        return docs
    step = len(docs) / n
    return [docs[int(i * step)] for i in range(n)]


def document_words(text: str) -> set[str]:
    """The distinct words of a text as the vocabulary field holds them (folded, unstemmed, no stop words).

    The same tokens as the field's analyzer gives, with each distinct token folded once:
    Whoosh's filter chain costs a Python call per token and per filter.
    """
    words = {fold_word(token) for token in set(_TOKEN.findall(text))}
    return {w for w in words if len(w) >= 2 and w not in STOP_WORDS}


def _words(
    reading: Reading, matched: set[int], everyone: int, asked: set[str], size: int, sample: int
) -> tuple[list[Term], int]:
    # Document frequencies of the words looked up so far in this index generation.
    frequencies: dict[str, int] = reading.cached("word-frequencies", dict)
    fg: Counter = Counter()
    read = 0
    for docnum in sample_of(matched, sample):
        article = reading.load(docnum)
        if article is None:
            continue
        read += 1
        fg.update(article_words(article))

    def frequency(word: str) -> int:
        bg = frequencies.get(word)
        if bg is None:
            bg = frequencies[word] = reading.searcher.doc_frequency("words", word)
        return bg

    return word_terms(fg, read, frequency, everyone, asked, size), read


def article_words(article: Article) -> set[str]:
    """The distinct words of an article's title and body, as the vocabulary field holds them."""
    return document_words(" ".join([article.title or "", article.body or ""]))


def word_terms(
    fg: Counter,
    read: int,
    frequency: Callable[[str], int],
    everyone: int,
    asked: set[str],
    size: int,
) -> list[Term]:
    """The most significant words, from how many of `read` sampled matches hold each (`fg`) and
    each word's document frequency among all articles."""
    if not read:
        return []
    floor = max(min(MIN_DOCS, read), int(MIN_SHARE * read))
    terms = []
    for word, n in fg.items():
        if n < floor or word in asked or word.isdigit():
            continue
        bg = max(frequency(word), n)
        score = jlh(n, read, bg, everyone)
        if score > 0:
            terms.append(Term(word, "word", n, read, bg, everyone, score))
    terms.sort(key=lambda t: (-t.score, t.text))
    return terms[:size]
