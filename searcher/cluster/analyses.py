"""The analyses over shards: each shard counts (periods, values, sampled words), the coordinator
sums the counts and words the result as one index does (timeline.fill, terms.name_terms/word_terms).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

import numpy as np

from ..search.columns import FacetColumn, doc_array
from ..search.facets import FACET_FIELDS, top_values, value_counts
from ..search.options import TermsRequest, TimelineRequest
from ..search.session import Reading
from ..search.stats import GlobalStats
from ..search.terms import (
    TERM_NAMES,
    WORD_SAMPLE,
    TermsResult,
    article_words,
    name_terms,
    sample_of,
    top_names,
    word_terms,
)
from ..search.timeline import PeriodColumn, Series, Timeline, fill, shares_of
from ..textfold import fold
from .gather import Call
from .positions import Positions
from .shardcall import note_json, note_of, request_json

_WORD = re.compile(r"\w+")


# -- on a shard ------------------------------------------------------------------------------


def shard_timeline(searcher: Any, reading: Reading, request: TimelineRequest) -> dict[str, Any]:
    """A shard's period counts: matches, all articles the filters allow, per value when split."""
    notes: list[Any] = []
    filters = request.filter_options()
    _r, matched = searcher.matching(
        request.query or None, any=request.any, fuzzy=request.fuzzy, notes=notes, **filters
    )
    by = request.by
    column: PeriodColumn = reading.cached(
        f"timeline:{by}", lambda: PeriodColumn.of(reading.days(), by)
    )
    if request.has_filter():
        _r, allowed = searcher.matching(None, notes=[], **filters)
    else:
        allowed = None
    codes = column.codes
    out: dict[str, Any] = {
        "notes": [note_json(n) for n in notes],
        "total": len(matched),
        "undated": sum(1 for d in matched if codes[d] < 0),
        "matches": _periods(codes, matched),
        "totals": _periods(codes, allowed)
        if allowed is not None
        else {str(column.first + i): int(n) for i, n in enumerate(column.totals) if n},
    }
    if request.split:
        values = reading.facet_column(FACET_FIELDS[request.split])
        docs = doc_array(matched)
        out["values"] = list(value_counts(docs, values).items())
        out["series"] = _value_periods(codes, values, docs)
    return out


def _value_periods(codes: np.ndarray, values: FacetColumn, docs: np.ndarray) -> dict[str, dict]:
    """Per value of a facet, its documents per period code (as text: JSON keys), undated left out."""
    held, ordinals = values.pairs_of(docs)
    periods = codes[held]
    dated = periods >= 0
    if not dated.any():
        return {}
    both = np.stack([ordinals[dated].astype(np.int64), periods[dated]])
    combos, counts = np.unique(both, axis=1, return_counts=True)
    out: dict[str, dict] = {}
    for (ordinal, code), n in zip(combos.T.tolist(), counts.tolist(), strict=True):
        out.setdefault(values.values[ordinal], {})[str(code)] = n
    return out


def _periods(codes: np.ndarray, docs: set[int]) -> dict[str, int]:
    """Documents per period code (as text: JSON keys), undated left out."""
    found = Counter(int(codes[d]) for d in docs)
    found.pop(-1, None)
    return {str(code): n for code, n in found.items()}


def shard_terms(
    searcher: Any, reading: Reading, positions: Positions, request: TermsRequest
) -> dict[str, Any]:
    """A shard's part of top terms: the matches' names and run positions (for the sample)."""
    notes: list[Any] = []
    _r, matched = searcher.matching(
        request.query or None,
        any=request.any,
        fuzzy=request.fuzzy,
        notes=notes,
        **request.filter_options(),
    )
    return {
        "notes": [note_json(n) for n in notes],
        "positions": sorted(positions.positions[d] for d in matched),
        "names": {
            kind: list(value_counts(matched, reading.facet_column(FACET_FIELDS[kind])).items())
            for kind in TERM_NAMES
        },
    }


def shard_term_counts(reading: Reading, positions: Positions, payload: dict) -> dict[str, Any]:
    """Words of the sampled articles (by run position) and names' counts among all articles."""
    words: Counter = Counter()
    read = 0
    for position in payload.get("sample", []):
        doc = bisect_left(positions.positions, position)
        article = reading.load(doc)
        if article is not None:
            read += 1
            words.update(article_words(article))
    backgrounds = {}
    for kind, values in payload.get("names", {}).items():
        counts = value_counts(
            np.arange(reading.doc_count), reading.facet_column(FACET_FIELDS[kind])
        )
        backgrounds[kind] = {v: counts[v] for v in values if v in counts}
    return {"read": read, "words": dict(words), "backgrounds": backgrounds}


# -- on the coordinator -----------------------------------------------------------------------


def merged_timeline(call: Call, request: TimelineRequest) -> Timeline:
    """The timeline of all shards' counts, worded as one index words it."""
    result = Timeline(query=request.query, by=request.by, split=request.split)
    answers = call.everywhere("timeline", {"request": request_json(request)})
    if answers:
        result.notes = [note_of(n) for n in answers[min(answers)]["notes"]]
    result.total_matches = sum(a["total"] for a in answers.values())
    result.undated = sum(a["undated"] for a in answers.values())
    matches: Counter[int] = Counter()
    totals: Counter[int] = Counter()
    for answer in answers.values():
        matches.update({int(c): n for c, n in answer["matches"].items()})
        totals.update({int(c): n for c, n in answer["totals"].items()})
    result.missing_shards = call.missing_shards()
    if not totals and not matches:
        return result
    first = min([*matches, *totals])
    size = max([*matches, *totals]) - first + 1
    counts = np.zeros(size, dtype=np.int64)
    alls = np.zeros(size, dtype=np.int64)
    for code, n in matches.items():
        counts[code - first] = n
    for code, n in totals.items():
        alls[code - first] = n

    def series(lo: int, hi: int, window_totals: list[int]) -> list[Series]:
        values: Counter = Counter()
        per_value: dict[str, Counter] = {}
        for answer in answers.values():
            values.update(dict(answer["values"]))
            for value, periods in answer["series"].items():
                per_value.setdefault(value, Counter()).update(
                    {int(c): n for c, n in periods.items()}
                )
        out = []
        for entry in top_values(request.split or "", values, request.top).counts:
            periods = per_value.get(entry.value, Counter())
            window = [periods.get(first + i, 0) for i in range(lo, hi + 1)]
            out.append(Series(entry.value, window, shares_of(window, window_totals)))
        return out

    return fill(result, first, counts, alls, series if request.split else None)


def merged_terms(call: Call, request: TermsRequest, stats: GlobalStats) -> TermsResult:
    """Top terms of all shards' matches: names counted exactly, words from one even sample."""
    from ..errors import QueryError

    if not request.query and not request.has_filter():
        raise QueryError(
            "empty query: give words (or a filter) whose matching articles to describe"
        )
    result = TermsResult(query=request.query)
    answers = call.everywhere("terms", {"request": request_json(request)})
    if answers:
        result.notes = [note_of(n) for n in answers[min(answers)]["notes"]]
    owner = {p: s for s, a in answers.items() for p in a["positions"]}
    result.total = len(owner)
    if not owner:
        result.missing_shards = call.missing_shards()
        return result
    everyone = stats.doc_count
    counts: dict[str, Counter] = {kind: Counter() for kind in TERM_NAMES}
    for answer in answers.values():
        for kind, pairs in answer["names"].items():
            counts[kind].update(dict(pairs))
    chosen = top_names(counts, request.size)
    sample = sample_of(owner, WORD_SAMPLE)
    wanted: dict[int, dict[str, Any]] = {
        s: {"sample": [], "names": {k: [e.value for e in v] for k, v in chosen.items()}}
        for s in answers
    }
    for position in sample:
        wanted[owner[position]]["sample"].append(position)
    parts = call.scatter("term_counts", wanted)
    words: Counter = Counter()
    backgrounds: dict[str, Counter] = {kind: Counter() for kind in chosen}
    read = 0
    for part in parts.values():
        read += part["read"]
        words.update(part["words"])
        for kind, found in part["backgrounds"].items():
            backgrounds[kind].update(found)
    result.names = name_terms(chosen, backgrounds, result.total, everyone, request.size)
    asked = {fold(w) for w in _WORD.findall(request.query)}
    frequency = lambda word: stats.doc_frequency("words", word)  # noqa: E731 - one lookup
    result.words = word_terms(words, read, frequency, everyone, asked, request.size)
    result.sampled = read
    if read < result.total:
        result.notes.append(
            f"word counts are from an even sample of {read:,} of the "
            f"{result.total:,} matching articles"
        )
    result.missing_shards = call.missing_shards()
    return result
