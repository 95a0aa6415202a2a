"""Quote trails: every article carrying a quotation, exactly or nearly, oldest first, with who is credited.

Candidates are the articles whose quotations share words with the text (ranked on the quote
field); each of their quotations is compared with the text by rapidfuzz after folding case,
accents, punctuation and quotation marks, so a changed word, a trimmed end or other marks
still match. A text shorter than a quotation matches the part it is (partial ratio).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from ..textfold import fold
from .results import notes_of

if TYPE_CHECKING:
    from .options import TrailRequest

# Articles whose quotations are compared with the text (the best by BM25 on the quote field).
CANDIDATES = 1000
# A quotation shorter than the text must hold at least this share of it (a trimmed copy, not a stray phrase).
MIN_PART = 0.5
MIN_WORDS = 3
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def normal_text(text: str) -> str:
    """A quotation folded for comparison: lower-case ASCII-ish words separated by single spaces."""
    return " ".join(_WORD.findall(fold(text)))


def similarity(wanted: str, quote: str) -> float:
    """How closely a normalized quotation carries the normalized text (0-100)."""
    from rapidfuzz import fuzz

    if not wanted or not quote:
        return 0.0
    if len(quote) < MIN_PART * len(wanted):
        return 0.0
    # The shorter is looked for inside the longer: a part of a quotation, or a trimmed copy.
    return (
        fuzz.partial_ratio(wanted, quote)
        if len(wanted) <= len(quote)
        else fuzz.partial_ratio(quote, wanted)
    )


@dataclass
class TrailEntry:
    """One article carrying the quotation: the words it printed, who it credits, where and when."""

    text: str
    speaker: str | None
    similarity: float
    article_id: str
    title: str
    outlet: str | None
    source: str | None
    published: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        """{"text", "speaker", "similarity", "article": {"id", "title", "outlet", "source", "published", "url"}}."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "similarity": round(self.similarity, 1),
            "article": {
                "id": self.article_id,
                "title": self.title,
                "outlet": self.outlet,
                "source": self.source,
                "published": self.published,
                "url": self.url,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrailEntry:
        """The entry of its JSON."""
        a = data["article"]
        return cls(
            data["text"],
            data["speaker"],
            float(data["similarity"]),
            a["id"],
            a["title"],
            a["outlet"],
            a["source"],
            a["published"],
            a["url"],
        )


@dataclass
class Variant:
    """One wording of the quotation and the articles that printed it, oldest first."""

    text: str
    entries: list[TrailEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """{"text", "articles": n, "first_published"}."""
        return {
            "text": self.text,
            "articles": len(self.entries),
            "first_published": self.entries[0].published if self.entries else None,
        }


@dataclass
class Trail:
    """A quotation's trail through the index."""

    query: str
    entries: list[TrailEntry] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    speakers: list[tuple[str | None, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> TrailEntry | None:
        """The earliest dated article (the first undated one when none has a date)."""
        return self.entries[0] if self.entries else None

    @property
    def conflicting(self) -> bool:
        """True when different articles credit the quotation to different people."""
        return len({fold(name) for name, _ in self.speakers if name}) > 1

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/analysis.md)."""
        first = self.first
        return {
            "query": self.query,
            "articles": len(self.entries),
            "first": first.to_dict() if first else None,
            "speakers": [{"speaker": name, "articles": n} for name, n in self.speakers],
            "conflicting_speakers": self.conflicting,
            "variants": [v.to_dict() for v in self.variants],
            "entries": [e.to_dict() for e in self.entries],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trail:
        """The trail of its JSON (the variants regrouped from the entries, as quote_trail groups them)."""
        entries = [TrailEntry.from_dict(e) for e in data["entries"]]
        return cls(
            query=data["query"],
            entries=entries,
            variants=_variants(entries),
            speakers=[(s["speaker"], int(s["articles"])) for s in data["speakers"]],
            notes=notes_of(data),
        )


def quote_trail(searcher, request: TrailRequest, candidates: int = CANDIDATES) -> Trail:
    """The trail of a quotation (or part of it) through the articles the filters allow."""
    text, min_similarity = request.query, request.min_similarity
    wanted = normal_text(text)
    words = [w for w in _WORD.findall(text) if w not in _OPERATORS]
    if len(wanted.split()) < MIN_WORDS:
        raise QueryError(f"give at least {MIN_WORDS} words of the quotation to trace")
    trail = Trail(query=text)
    found: list[TrailEntry] = []
    query = " ".join(w.lower() for w in words)
    for article in _candidates(searcher, query, candidates, trail.notes, request.filter_options()):
        best = None
        for quote in article.quotes:
            score = similarity(wanted, normal_text(quote.text))
            if score >= min_similarity and (best is None or score > best[0]):
                best = (score, quote)
        if best is not None:
            score, quote = best
            found.append(
                TrailEntry(
                    quote.text,
                    quote.speaker,
                    score,
                    article.id,
                    article.title,
                    article.outlet,
                    article.source,
                    article.published,
                    article.url,
                )
            )
    # Oldest first, undated last; on one day an original before its reposts (a repost names its source).
    found.sort(
        key=lambda e: (
            e.published is None,
            (e.published or "")[:10],
            e.source is not None,
            e.published or "",
            e.outlet or "",
            e.article_id,
        )
    )
    trail.entries = found
    trail.variants = _variants(found)
    speakers = Counter(e.speaker for e in found)
    trail.speakers = sorted(speakers.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] or ""))
    return trail


def _candidates(searcher, query: str, limit: int, notes: list[str], filters: dict):
    """The stored articles whose quotations share the most words with the query, best first."""
    from itertools import islice

    try:
        yield from islice(
            searcher.iter_articles(
                query, any=True, default_fields=("quote",), notes=notes, **filters
            ),
            limit,
        )
    except QueryError:
        return  # a text of nothing but very common words: nothing to look up


def _variants(entries: list[TrailEntry]) -> list[Variant]:
    """The wordings (same words after folding) in order of first appearance, each with its articles."""
    groups: dict[str, Variant] = {}
    for entry in entries:
        key = normal_text(entry.text)
        variant = groups.get(key)
        if variant is None:
            variant = groups[key] = Variant(entry.text)
        variant.entries.append(entry)
    return list(groups.values())
