"""The order of results: a sort key per document, pages from the top, and pages after a cursor's key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .columns import NO_DAY
from .docsets import Postings, term_docs
from .feedback import FEEDBACK_DOCS, feedback_groups, wants_feedback, word_groups
from .ranking import ScoreGroup
from .topk import RankedScores, top

if TYPE_CHECKING:
    from .session import Reading

# Document numbers turned into Python ints at a time when every match is walked.
EVERY_CHUNK = 4096


class ResultOrder:
    """Matches in result order (relevance, newest or oldest); a larger key comes first, ties never happen.

    The key of relevance order is (score, -docnum): best first, ties in document order, as
    `top` gives them. A cursor holds the last key shown; the next page is the best of the
    matches with a smaller key, so no earlier page is walked again.
    """

    def __init__(
        self,
        searcher,
        matched: set[int] | None,
        scores: RankedScores,
        sort: str,
        days: np.ndarray,
        ordered: np.ndarray | None = None,
    ):
        """`matched` may be None: `ordered` (default: the scorer's) holds them as a sorted array."""
        self.searcher = searcher
        self._matched = matched
        # The matches, sorted: pages are worked out on it, so no set of the matches is made.
        self.ordered = ordered if ordered is not None else scores.matched
        self.scores = scores
        self.sort = sort
        self.days = days

    @property
    def matched(self) -> set[int]:
        """The matched documents as a set (made on first use: every() does not need it)."""
        if self._matched is None:
            self._matched = set(self.ordered.tolist())
        return self._matched

    def key(self, doc: int, score: float | None = None) -> tuple:
        """The sort key of a document (results are in descending key order).

        score: the document's score as ranked() or after() gave it, when the caller has it
        (scoring a document again costs a posting-list lookup per word).
        """
        if self.sort == "relevance":
            return (self.scores.get(doc, 0.0) if score is None else score, -doc)
        newest = self.sort == "newest"
        day = int(self.days[doc])
        # Undated articles go last either way.
        if day == NO_DAY:
            return (0, 0, -doc if newest else doc)
        return (1, day if newest else -day, -doc if newest else doc)

    def _date_keys(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The key() of each document, as three arrays (for date orders)."""
        newest = self.sort == "newest"
        days = self.days[docs].astype(np.int64)
        dated = days != NO_DAY
        second = np.where(dated, days if newest else -days, 0)
        return dated.astype(np.int64), second, -docs if newest else docs

    def _by_date(self, docs: np.ndarray):
        """(docnum, score) pairs of the documents in descending key order."""
        first, second, third = self._date_keys(docs)
        order = np.lexsort((third, second, first))[::-1]
        scores = self.scores
        return ((d, scores.get(d, 0.0)) for d in docs[order].tolist())

    def ranked(self, need: int):
        """(docnum, score) pairs in result order, enough to fill `need` distinct clusters (then more on demand)."""
        if self.sort != "relevance":
            yield from self._by_date(self.ordered)
            return
        yield from self._best_first(need, None)

    def every(self):
        """(docnum, score) pairs of every match in result order, sorted once in arrays (exports).

        The order is ranked()'s, but kept as numbers in arrays (about 16 bytes a match) and
        turned into Python objects a chunk at a time, so an export's memory hardly grows
        with its matches.
        """
        docs = self.ordered
        # Nothing scored (no word of the query is in the index): each scores 0.0.
        values = self.scores.exact(docs) if len(self.scores) else np.zeros(len(docs))
        if self.sort != "relevance":
            first, second, third = self._date_keys(docs)
            order = np.lexsort((third, second, first))[::-1]
        else:
            order = np.lexsort((docs, -values))
        for start in range(0, len(order), EVERY_CHUNK):
            chunk = order[start : start + EVERY_CHUNK]
            yield from zip(docs[chunk].tolist(), values[chunk].tolist(), strict=True)

    def _best_first(self, need: int, below: tuple | None):
        """(docnum, score) pairs by relevance, below a key when given, fetched in growing batches."""
        want = need * 2 + 10
        seen = 0
        while True:
            best = (
                top(self.scores, self.ordered, want)
                if below is None
                else self.scores.best(want, below)
            )
            yield from best[seen:]
            seen = len(best)
            if seen >= len(self.ordered) or len(best) < want:
                return
            want *= 4

    def after(self, key, need: int):
        """(docnum, score) pairs in result order of the matches after the one with this key."""
        key = tuple(key)
        if self.sort == "relevance" and len(key) == 2:
            if len(self.scores):
                return self._best_first(need, key)
            # Nothing scored: every match has key (0.0, -docnum).
            score, neg_doc = key
            rest = self.ordered
            if score == 0.0:
                rest = rest[-rest < neg_doc]
            elif score < 0.0:
                rest = rest[:0]
            later = ResultOrder(self.searcher, None, self.scores, self.sort, self.days, rest)
        elif self.sort != "relevance" and len(key) == 3:
            candidates = self.ordered
            first, second, third = self._date_keys(candidates)
            a, b, c = key
            before = (first < a) | ((first == a) & ((second < b) | ((second == b) & (third < c))))
            return self._by_date(candidates[before])
        else:
            return iter(())
        return later.ranked(need)

    def cluster_shown_earlier(self, doc: int, cluster: str) -> bool:
        """True when another copy of the same story comes before this one (so the story was shown already)."""
        mine = self.key(doc)
        members = term_docs(self.searcher, "cluster", cluster)
        return any(self.key(m) > mine for m in members if m != doc and self._has(m))

    def _has(self, doc: int) -> bool:
        """True when the document is among the matches."""
        at = int(np.searchsorted(self.ordered, doc))
        return at < len(self.ordered) and int(self.ordered[at]) == doc


def result_order(
    reading: Reading,
    groups: tuple[ScoreGroup, ...],
    memo: Postings,
    matched: set[int] | None,
    sort: str,
    feedback: bool | None = False,
    notes: list[Any] | None = None,
    any_words: bool = False,
    chosen: list[tuple[str, float]] | None = None,
    ordered: np.ndarray | None = None,
) -> ResultOrder:
    """The matches' result order: BM25F scores (re-ranked with feedback words when asked) or dates.

    `chosen`: the feedback words, chosen already (a coordinator chooses them from the best
    hits of all shards); none are chosen here then. `ordered`: the matches as a sorted
    array, when the caller has it (`matched` may then be None).
    """
    words = list(groups)
    lengths, stats, params = reading.lengths(), reading.stats, reading.params
    if ordered is None:
        assert matched is not None, "the matches as a set or as a sorted array"
        ordered = np.array(sorted(matched), dtype=np.int64)
    if chosen is not None:
        extra = word_groups(chosen, params.weights.get("title", 1.0))
        scores = RankedScores(words + extra, memo, lengths, stats, params, ordered)
        return ResultOrder(reading.searcher, matched, scores, sort, _days(reading, sort))
    scores = RankedScores(words, memo, lengths, stats, params, ordered)
    if sort == "relevance" and wants_feedback(words, feedback, any_words) and scores:
        extra = _feedback_groups(reading, words, scores.best(FEEDBACK_DOCS))
        if extra:
            scores = RankedScores(words + extra, memo, lengths, stats, params, ordered)
            if notes is not None:
                notes.append(
                    "ranked with words from the best first hits: "
                    + ", ".join(g.members[0][1] for g in extra)
                )
    return ResultOrder(reading.searcher, matched, scores, sort, _days(reading, sort))


def _days(reading: Reading, sort: str) -> np.ndarray:
    return reading.days() if sort != "relevance" else np.zeros(0, dtype=np.int32)


def _feedback_groups(
    reading: Reading, groups: list[ScoreGroup], best: list[tuple[int, float]]
) -> list[ScoreGroup]:
    """Score groups for the telling words of the best first hits."""
    s = reading.searcher
    articles = [a for a in (reading.load(d) for d, _ in best) if a is not None]
    return feedback_groups(
        articles,
        s.schema["body"].analyzer,
        lambda t: reading.stats.doc_frequency("body", t),
        reading.stats.doc_count,
        groups,
        reading.params.weights.get("title", 1.0),
    )
