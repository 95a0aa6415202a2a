"""Typed search results, each with `to_dict()` giving the documented JSON shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..article import Article, Quote
from ..messages import message_of_parts

# The JSON of a result record (from_dict reads what to_dict wrote).
Data = dict[str, Any]


@dataclass
class Snippet:
    """A passage of text with the matched words' character spans (start, end) inside it."""

    text: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The text with each highlight wrapped in the given markers."""
        out, last = [], 0
        for start, end in self.highlights:
            out.append(self.text[last:start])
            out.append(before + self.text[start:end] + after)
            last = end
        out.append(self.text[last:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """{"text": ..., "highlights": [[start, end], ...]}."""
        return {"text": self.text, "highlights": [list(h) for h in self.highlights]}

    @classmethod
    def from_dict(cls, data: Data) -> Snippet:
        """The snippet of its JSON."""
        return cls(data["text"], _spans(data["highlights"]))


@dataclass
class MatchedQuote:
    """A quotation of a hit that contains query words, with the spans of those words."""

    quote: Quote
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The quote's fields plus "highlights"."""
        data: dict[str, Any] = {
            "text": self.quote.text,
            "speaker": self.quote.speaker,
            "start": self.quote.start,
            "end": self.quote.end,
        }
        data["highlights"] = [list(h) for h in self.highlights]
        return data

    @classmethod
    def from_dict(cls, data: Data) -> MatchedQuote:
        """The matched quotation of its JSON."""
        return cls(Quote.from_dict(data), _spans(data["highlights"]))


@dataclass
class AlsoIn:
    """Another copy of a syndicated story: where it ran and under which id and URL."""

    id: str
    outlet: str | None
    url: str | None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """{"id", "outlet", "url", "published"}."""
        return {"id": self.id, "outlet": self.outlet, "url": self.url, "published": self.published}

    @classmethod
    def from_dict(cls, data: Data) -> AlsoIn:
        """The copy of its JSON."""
        return cls(data["id"], data["outlet"], data["url"], data.get("published"))


@dataclass
class Hit:
    """One result: the article, its score, a snippet, its matched quotations and its copies."""

    article: Article
    score: float
    rank: int = 0
    snippet: Snippet = field(default_factory=Snippet)
    matched_quotes: list[MatchedQuote] = field(default_factory=list)
    cluster: str | None = None
    also_in: list[AlsoIn] = field(default_factory=list)
    # The document number in the index generation searched (for cursors; not part of the JSON).
    docnum: int | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The article record plus rank, score, snippet, matched_quotes, cluster and also_in."""
        return {
            "rank": self.rank,
            "score": self.score,
            "article": self.article.to_dict(),
            "snippet": self.snippet.to_dict(),
            "matched_quotes": [q.to_dict() for q in self.matched_quotes],
            "cluster": self.cluster,
            "also_in": [a.to_dict() for a in self.also_in],
        }

    @classmethod
    def from_dict(cls, data: Data) -> Hit:
        """The hit of its JSON."""
        return cls(
            article=Article.from_dict(data["article"]),
            score=float(data["score"]),
            rank=int(data["rank"]),
            snippet=Snippet.from_dict(data["snippet"]),
            matched_quotes=[MatchedQuote.from_dict(q) for q in data["matched_quotes"]],
            cluster=data["cluster"],
            also_in=[AlsoIn.from_dict(a) for a in data["also_in"]],
        )


@dataclass
class FacetCount:
    """One value of a facet and how many matching articles have it."""

    value: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        """{"value", "count"}."""
        return {"value": self.value, "count": self.count}


@dataclass
class Facet:
    """Counts of one field's values over all matches, most frequent first."""

    name: str
    counts: list[FacetCount] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """{"name", "counts": [{"value", "count"}, ...]}."""
        return {"name": self.name, "counts": [c.to_dict() for c in self.counts]}


@dataclass
class SearchResults:
    """A page of hits, the total number of matching articles, facets and notes for the user."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    limit: int = 10
    sort: str = "relevance"
    # Distinct stories among the `total` matches: syndicated copies are one hit, so pages hold stories.
    stories: int = 0
    facets: dict[str, Facet] = field(default_factory=dict)
    did_you_mean: str | None = None
    expanded: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Cursor of the page after this one (None on the last page): pass it as `after`.
    next: str | None = None
    # Shards of a sharded index that did not answer: the results are partial (empty: complete).
    missing_shards: tuple[int, ...] = ()

    @property
    def suggestion(self) -> str | None:
        """Alias of did_you_mean."""
        return self.did_you_mean

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a search (see README, section search)."""
        return {
            "query": self.query,
            "total": self.total,
            "stories": self.stories,
            "page": self.page,
            "limit": self.limit,
            "sort": self.sort,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {name: f.to_dict()["counts"] for name, f in self.facets.items()},
            "did_you_mean": self.did_you_mean,
            "expanded": self.expanded,
            "notes": list(self.notes),
            "next": self.next,
            **partial_json(self.missing_shards),
        }

    @classmethod
    def from_dict(cls, data: Data) -> SearchResults:
        """The results of their JSON (the notes' parameters kept when it gives "note_parts")."""
        return cls(
            query=data["query"],
            hits=[Hit.from_dict(h) for h in data["hits"]],
            total=int(data["total"]),
            page=int(data["page"]),
            limit=int(data["limit"]),
            sort=data["sort"],
            stories=int(data["stories"]),
            facets={
                name: Facet(name, [FacetCount(c["value"], int(c["count"])) for c in counts])
                for name, counts in data["facets"].items()
            },
            did_you_mean=data["did_you_mean"],
            expanded={word: list(alts) for word, alts in data["expanded"].items()},
            notes=notes_of(data),
            next=data.get("next"),
            missing_shards=missing_shards_of(data),
        )


@dataclass
class QuoteHit:
    """A quotation that matched: who said it, in which article, where and when."""

    quote: Quote
    article: Article
    score: float
    rank: int = 0
    highlights: list[tuple[int, int]] = field(default_factory=list)

    @property
    def speaker(self) -> str | None:
        """The quote's speaker (None when unattributed)."""
        return self.quote.speaker

    def to_dict(self) -> dict[str, Any]:
        """Quote fields, highlights, and the article's id, title, outlet, source, date and URL."""
        a = self.article
        return {
            "rank": self.rank,
            "score": self.score,
            "text": self.quote.text,
            "speaker": self.quote.speaker,
            "start": self.quote.start,
            "end": self.quote.end,
            "highlights": [list(h) for h in self.highlights],
            "article": {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "source": a.source,
                "published": a.published,
                "url": a.url,
                "authors": list(a.authors),
            },
        }

    @classmethod
    def from_dict(cls, data: Data) -> QuoteHit:
        """The quotation hit of its JSON (its article holds the fields the JSON gives: no body)."""
        return cls(
            quote=Quote.from_dict(data),
            article=Article.from_dict(data["article"]),
            score=float(data["score"]),
            rank=int(data["rank"]),
            highlights=_spans(data["highlights"]),
        )


@dataclass
class QuoteResults:
    """A page of matching quotations and how many there are in all."""

    query: str
    hits: list[QuoteHit] = field(default_factory=list)
    total: int = 0
    articles: int = 0
    page: int = 1
    limit: int = 10
    notes: list[str] = field(default_factory=list)
    # Shards of a sharded index that did not answer: the results are partial (empty: complete).
    missing_shards: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[QuoteHit]:
        return iter(self.hits)

    def to_dict(self) -> dict[str, Any]:
        """{"query", "total", "articles", "page", "limit", "hits": [...], "notes"}."""
        return {
            "query": self.query,
            "total": self.total,
            "articles": self.articles,
            "page": self.page,
            "limit": self.limit,
            "hits": [h.to_dict() for h in self.hits],
            "notes": list(self.notes),
            **partial_json(self.missing_shards),
        }

    @classmethod
    def from_dict(cls, data: Data) -> QuoteResults:
        """The quotation results of their JSON."""
        return cls(
            query=data["query"],
            hits=[QuoteHit.from_dict(h) for h in data["hits"]],
            total=int(data["total"]),
            articles=int(data["articles"]),
            page=int(data["page"]),
            limit=int(data["limit"]),
            notes=notes_of(data),
            missing_shards=missing_shards_of(data),
        )


def partial_json(missing_shards: tuple[int, ...]) -> dict[str, Any]:
    """The JSON of an answer some shards did not give: {"partial": {"missing_shards": [...]}}, or {}."""
    return {"partial": {"missing_shards": list(missing_shards)}} if missing_shards else {}


def missing_shards_of(data: Data) -> tuple[int, ...]:
    """The shards an answer's JSON says it lacks (partial_json's inverse)."""
    return tuple(int(n) for n in (data.get("partial") or {}).get("missing_shards", ()))


def notes_of(data: Data) -> list[str]:
    """A result's notes from its JSON: as messages naming their parameters when it gives their parts."""
    if "note_parts" in data:
        return [message_of_parts(parts) for parts in data["note_parts"]]
    return [str(note) for note in data["notes"]]


def _spans(data: list) -> list[tuple[int, int]]:
    return [(int(start), int(end)) for start, end in data]
