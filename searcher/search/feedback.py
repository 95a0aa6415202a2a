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
    query_terms = {token for g in groups for _f, token, _w in g.members}
    mass: defaultdict[str, float] = defaultdict(float)
    for article in articles:
        tokens = [t.text for t in analyzer(f"{article.title}\n{article.body}")]
        if not tokens:
            continue
        size = len(tokens)
        for token, n in Counter(tokens).items():
            mass[token] += n / size
    weighted = []
    for token, value in mass.items():
        if token in query_terms or len(token) < 3 or token.isdigit():
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
    return [
        ScoreGroup(
            [("title", token, title_weight), ("body", token, 1.0)], FEEDBACK_WEIGHT * value / best
        )
        for value, token in chosen
        if value > 0
    ]
