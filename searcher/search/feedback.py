"""Pseudo-relevance feedback: long queries re-ranked with the telling words of their best first hits."""

from __future__ import annotations

from collections import Counter, defaultdict
from math import log

from .ranking import ScoreGroup

# By default only "any word" searches of at least this many content words are expanded:
# descriptive, natural-language queries, where recall matters. An all-words search asked
# for exactly its words and stays as typed (and as fast).
MIN_QUERY_WORDS = 3
# How many top hits are read, how many of their words are added, and how much they count
# beside the query's own words (tuned with benchmarks/relevance.py).
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 10
FEEDBACK_WEIGHT = 0.4


def wants_feedback(groups: list[ScoreGroup], setting: bool | None, any_words: bool) -> bool:
    """True when feedback is asked for, or (setting None) for an any-word query of enough words."""
    if setting is not None:
        return bool(setting)
    return any_words and len(groups) >= MIN_QUERY_WORDS


def feedback_groups(
    articles, analyzer, doc_frequency, total: int, groups: list[ScoreGroup], title_weight: float
) -> list[ScoreGroup]:
    """Score groups for the words that best characterise the given top articles.

    Each word's weight is its length-normalised frequency in those articles times its
    idf, scaled so the best word counts FEEDBACK_WEIGHT of a query word.
    """
    counts = [article_tokens(article, analyzer) for article in articles]
    words = feedback_words(counts, doc_frequency, total, query_terms(groups))
    return word_groups(words, title_weight)


def query_terms(groups: list[ScoreGroup]) -> set[str]:
    """The tokens the query's own words look for (never feedback words)."""
    return {token for g in groups for _f, token, _w in g.members}


def article_tokens(article, analyzer) -> list[tuple[str, int]]:
    """How often each analysed token occurs in an article's title and body, in first-seen order."""
    return list(Counter(t.text for t in analyzer(f"{article.title}\n{article.body}")).items())


def feedback_words(
    counts: list[list[tuple[str, int]]], doc_frequency, total: int, asked: set[str]
) -> list[tuple[str, float]]:
    """(word, weight) of the telling words of the best hits, from each hit's token counts in
    rank order, leaving out the `asked` tokens; the best word weighs FEEDBACK_WEIGHT."""
    mass: defaultdict[str, float] = defaultdict(float)
    for tokens in counts:
        if not tokens:
            continue
        size = sum(n for _token, n in tokens)
        for token, n in tokens:
            mass[token] += n / size
    weighted = []
    for token, value in mass.items():
        if token in asked or len(token) < 3 or token.isdigit():
            continue
        df = doc_frequency(token)
        if df < 2:
            continue
        weighted.append((value * log(total / df), token))
    weighted.sort(reverse=True)
    chosen = weighted[:FEEDBACK_TERMS]
    if not chosen or chosen[0][0] <= 0:
        return []
    best = chosen[0][0]
    return [(token, FEEDBACK_WEIGHT * value / best) for value, token in chosen if value > 0]


def word_groups(words: list[tuple[str, float]], title_weight: float) -> list[ScoreGroup]:
    """Score groups of feedback words: each looked for in the title and the body."""
    return [
        ScoreGroup([("title", token, title_weight), ("body", token, 1.0)], weight)
        for token, weight in words
    ]
