"""Attention over time: matching articles per day, week, month or year, against all articles of the period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import QueryError
from ..messages import Param
from .facets import FACET_FIELDS, count
from .results import partial_json
from .session import Reading

if TYPE_CHECKING:
    from .options import TimelineRequest

# A timeline longer than this many periods is refused (a daily timeline of 30 years is 11,000 rows).
MAX_PERIODS = 20_000


def period_code(moment, by: str) -> int:
    """The period a date falls in, as an integer that counts periods (consecutive periods differ by one)."""
    if by == "day":
        return moment.toordinal()
    if by == "week":
        return (
            moment.toordinal() - 1
        ) // 7  # ordinal 1 (0001-01-01) is a Monday: weeks start on Mondays
    if by == "month":
        return moment.year * 12 + moment.month - 1
    return moment.year


def period_start(code: int, by: str) -> date:
    """The first day of a period."""
    if by == "day":
        return date.fromordinal(code)
    if by == "week":
        return date.fromordinal(code * 7 + 1)
    if by == "month":
        return date(code // 12, code % 12 + 1, 1)
    return date(code, 1, 1)


def period_label(code: int, by: str) -> str:
    """How a period is named: 2025-03-14, 2025-W11 (ISO week), 2025-03, 2025."""
    start = period_start(code, by)
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


@dataclass
class PeriodColumn:
    """Each document's period code (-1 when undated) and how many articles each period holds."""

    codes: np.ndarray
    first: int
    totals: np.ndarray

    @classmethod
    def of(cls, published: list, by: str) -> PeriodColumn:
        """The column of one period length, from the publication dates."""
        codes = np.fromiter(
            (-1 if m is None else period_code(m, by) for m in published),
            dtype=np.int64,
            count=len(published),
        )
        dated = codes[codes >= 0]
        first = int(dated.min()) if dated.size else 0
        totals = np.bincount(dated - first) if dated.size else np.zeros(0, dtype=np.int64)
        return cls(codes, first, totals)

    def histogram(self, docs: np.ndarray) -> tuple[np.ndarray, int]:
        """(articles per period from `first` on, undated articles) among the given document numbers."""
        codes = self.codes[docs]
        dated = codes[codes >= 0]
        counts = (
            np.bincount(dated - self.first, minlength=len(self.totals))
            if dated.size
            else np.zeros(len(self.totals), dtype=np.int64)
        )
        return counts, int(codes.size - dated.size)


@dataclass
class Series:
    """One value's matching articles per period (value None: all matches)."""

    value: str | None
    matches: list[int]
    shares: list[float]

    def to_dict(self) -> dict[str, Any]:
        """{"value", "matches": [...], "shares": [...]} aligned with the timeline's periods."""
        return {"value": self.value, "matches": self.matches, "shares": self.shares}


@dataclass
class Timeline:
    """Matching articles per period, all articles per period, and per-value series when split."""

    query: str
    by: str
    periods: list[str] = field(default_factory=list)
    starts: list[date] = field(default_factory=list)
    matches: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    split: str | None = None
    series: list[Series] = field(default_factory=list)
    total_matches: int = 0
    undated: int = 0
    notes: list[str] = field(default_factory=list)
    # Shards of a sharded index that did not answer: the counts are partial (empty: complete).
    missing_shards: tuple[int, ...] = ()

    @property
    def shares(self) -> list[float]:
        """Matching articles as a fraction of all articles, per period."""
        return shares_of(self.matches, self.totals)

    def rows(self) -> list[dict[str, Any]]:
        """One dict per period: period, start, matches, total, share."""
        return [
            {"period": p, "start": s.isoformat(), "matches": m, "total": t, "share": round(sh, 6)}
            for p, s, m, t, sh in zip(
                self.periods, self.starts, self.matches, self.totals, self.shares, strict=False
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/analysis.md)."""
        return {
            "query": self.query,
            "by": self.by,
            "split": self.split,
            "total_matches": self.total_matches,
            "undated": self.undated,
            "periods": self.rows(),
            "series": [s.to_dict() for s in self.series],
            "notes": list(self.notes),
            **partial_json(self.missing_shards),
        }


def shares_of(matches, totals) -> list[float]:
    return [round(m / t, 6) if t else 0.0 for m, t in zip(matches, totals, strict=False)]


def timeline(searcher, request: TimelineRequest) -> Timeline:
    """Matching articles per period of the query and filters, against all articles of the period.

    "All articles" are those the same filters allow (the whole index without filters), so the
    share says how much of that coverage the query's subject got. Counts come from the date and
    facet columns, cached per index generation; no stored record is read.
    """
    by, split, filters = request.by, request.split, request.filter_options()
    result = Timeline(query=request.query, by=by, split=split)
    reading, matched = searcher.matching(
        request.query or None, any=request.any, fuzzy=request.fuzzy, notes=result.notes, **filters
    )
    column: PeriodColumn = reading.cached(
        f"timeline:{by}", lambda: PeriodColumn.of(reading.published(), by)
    )
    docs = _array(matched)
    counts, result.undated = column.histogram(docs)
    result.total_matches = len(matched)
    if request.has_filter():
        _reading, allowed = searcher.matching(None, notes=[], **filters)
        totals, _ = column.histogram(_array(allowed))
    else:
        totals = column.totals

    def series(lo: int, hi: int, totals: list[int]) -> list[Series]:
        return _split(reading, column, split or "", matched, request.top, lo, hi, totals)

    return fill(result, column.first, counts, totals, series if split else None)


def fill(
    result: Timeline,
    first: int,
    counts: np.ndarray,
    totals: np.ndarray,
    series: Callable[[int, int, list[int]], list[Series]] | None,
) -> Timeline:
    """The timeline's periods from matches and all articles per period (from period `first` on),
    and its series (`series(lo, hi, totals)`: per value, the periods lo..hi of the counts)."""
    by = result.by
    nonzero = np.flatnonzero(counts)
    if not nonzero.size:
        return result
    lo, hi = int(nonzero[0]), int(nonzero[-1])
    if hi - lo + 1 > MAX_PERIODS:
        raise QueryError(
            f"the matches span {hi - lo + 1:,} {by}s; use a longer period (",
            Param("by"),
            ") or ",
            Param("since"),
            "/",
            Param("until"),
        )
    codes = range(first + lo, first + hi + 1)
    result.periods = [period_label(c, by) for c in codes]
    result.starts = [period_start(c, by) for c in codes]
    result.matches = counts[lo : hi + 1].tolist()
    result.totals = totals[lo : hi + 1].tolist()
    if series is not None:
        result.series = series(lo, hi, result.totals)
    return result


def _array(docs) -> np.ndarray:
    return np.fromiter(docs, dtype=np.int64, count=len(docs))


def _split(
    reading: Reading,
    column: PeriodColumn,
    split: str,
    matched: set[int],
    top: int,
    lo: int,
    hi: int,
    totals: list[int],
) -> list[Series]:
    """One series per most frequent value of the split field among the matches."""
    values = reading.facet_column(FACET_FIELDS[split])
    codes = reading.cached(f"value-codes:{split}", lambda: _value_codes(values))
    index, lookup = codes
    docs = _array(matched)
    doc_codes = index[docs]
    out = []
    for entry in count(split, matched, values, top).counts:
        code = lookup[entry.value]
        mine = docs[doc_codes == code]
        several = [d for d in values.multi if d in matched and entry.value in values.multi[d]]
        if several:
            mine = np.union1d(mine, np.array(several, dtype=np.int64))
        counts, _ = column.histogram(mine)
        window = counts[lo : hi + 1].tolist() if counts.size else [0] * (hi - lo + 1)
        out.append(Series(entry.value, window, shares_of(window, totals)))
    return out


def _value_codes(values) -> tuple[np.ndarray, dict[str, int]]:
    """Each document's single value as an integer code (-1: none or several), and each value's code."""
    names = sorted(
        {v for v in values.single if v is not None}
        | {v for vs in values.multi.values() for v in vs}
    )
    lookup = {v: i for i, v in enumerate(names)}
    index = np.fromiter(
        (-1 if v is None else lookup[v] for v in values.single),
        dtype=np.int64,
        count=len(values.single),
    )
    return index, lookup


__all__ = ["Timeline", "Series", "timeline"]
