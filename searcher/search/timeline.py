"""Attention over time: matching articles per day, week, month or year, against all articles of the period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import QueryError
from ..messages import Param
from .columns import doc_array, period_codes
from .facets import FACET_FIELDS, count
from .results import missing_shards_of, notes_of, partial_json
from .session import Reading

if TYPE_CHECKING:
    from .options import TimelineRequest

# A timeline longer than this many periods is refused (a daily timeline of 30 years is 11,000 rows).
MAX_PERIODS = 20_000


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
    def of(cls, days: np.ndarray, by: str) -> PeriodColumn:
        """The column of one period length, from the publication days."""
        codes = period_codes(days, by)
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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timeline:
        """The timeline of its JSON."""
        rows = data["periods"]
        return cls(
            query=data["query"],
            by=data["by"],
            periods=[row["period"] for row in rows],
            starts=[date.fromisoformat(row["start"]) for row in rows],
            matches=[int(row["matches"]) for row in rows],
            totals=[int(row["total"]) for row in rows],
            split=data["split"],
            series=[
                Series(s["value"], list(s["matches"]), list(s["shares"])) for s in data["series"]
            ],
            total_matches=int(data["total_matches"]),
            undated=int(data["undated"]),
            notes=notes_of(data),
            missing_shards=missing_shards_of(data),
        )


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
        f"timeline:{by}", lambda: PeriodColumn.of(reading.days(), by)
    )
    docs = doc_array(matched)
    counts, result.undated = column.histogram(docs)
    result.total_matches = len(matched)
    if request.has_filter():
        _reading, allowed = searcher.matching(None, notes=[], **filters)
        totals, _ = column.histogram(doc_array(allowed))
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
    docs = np.sort(doc_array(matched))
    ordinal = {v: i for i, v in enumerate(values.values)}
    out = []
    for entry in count(split, docs, values, top).counts:
        counts, _ = column.histogram(values.docs_with(ordinal[entry.value], docs))
        window = counts[lo : hi + 1].tolist() if counts.size else [0] * (hi - lo + 1)
        out.append(Series(entry.value, window, shares_of(window, totals)))
    return out


__all__ = ["Timeline", "Series", "timeline"]
