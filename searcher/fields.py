"""The article's fields: one row each, from which every other layer derives what it needs.

The index schema and documents (searcher.index), the analysis of each field, the names a
query may write before a colon, the BM25F weights, the filters, facets and sort orders,
the CLI options, the HTTP parameters and the OpenAPI description are all read from
`FIELDS`. Adding a field is one row here plus its extraction in the normalizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .article import Article

# text: words, folded and stemmed (ranked); name: words, folded, unstemmed (ranked);
# exact: whole values, one term each (filters, facets), several comma-separated ones
# when `several`; date: a sortable day;
# id: one stored, unanalysed value; vocabulary: the unstemmed words fuzzy search and
# "did you mean" read, not matched against; stored: kept with the document, not indexed.
Kind = Literal["text", "name", "exact", "date", "id", "vocabulary", "stored"]


@dataclass(frozen=True)
class Option:
    """A filter a user sets: `--name VALUE` on the command line, `?name=VALUE` over HTTP."""

    name: str
    help: str


@dataclass(frozen=True)
class Field:
    """One field of the index: what it holds, how it is analysed, and the roles it plays."""

    name: str
    kind: Kind
    holds: str
    # The value an article gives the field; None: the indexer sets it (cluster, record).
    value: Callable[[Article], Any] | None = None
    # BM25F weight of a bare word's match here; 0: bare words do not look in this field.
    weight: float = 0.0
    # BM25F length normalisation; None: the ranking's default b.
    length_b: float | None = None
    # Names a query may write before a colon (`speaker:quell`), the field's own name first.
    query_names: tuple[str, ...] = ()
    # The whole-value twin that filters and facets read (author -> author_exact).
    exact: str | None = None
    # The options that filter on this field.
    options: tuple[Option, ...] = ()
    facet: bool = False
    stored: bool = False
    unique: bool = False
    sortable: bool = False
    # An exact field holding several values, comma-separated (the names of an article).
    several: bool = False
    # The timeline may split its matches into one series per value of this facet.
    split: bool = False
    # Top terms weigh this facet's values as names characteristic of the matches.
    term_names: bool = False

    @property
    def ranked(self) -> bool:
        """True for fields whose words are scored (text and name fields)."""
        return self.kind in ("text", "name")

    @property
    def positions(self) -> bool:
        """True for fields that keep word positions (phrases match in them)."""
        return self.ranked


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_published(value: str | None) -> datetime | None:
    """The publication date as a naive datetime (the page's own local time), or None."""
    if not value:
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _DATE.match(text)
        if not match:
            return None
        year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
        try:
            moment = datetime(int(year), int(month), int(day))
        except ValueError:
            return None
    # Dates are filtered by calendar day as the page states it, not by UTC instant.
    return moment.replace(tzinfo=None)


def published_day(value: str | None) -> datetime | None:
    """The publication day (midnight) that the index filters and sorts on."""
    moment = parse_published(value)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0) if moment else None


def exact_values(values: Sequence[str | None]) -> str | None:
    """Distinct names for a comma-separated exact field (commas inside a name become spaces)."""
    seen: list[str] = []
    for value in values:
        if not value:
            continue
        clean = " ".join(value.replace(",", " ").split())
        if clean and clean not in seen:
            seen.append(clean)
    return ",".join(seen) if seen else None


def speakers_of(article: Article) -> list[str]:
    """The distinct speakers of an article's quotations, in order of first quote."""
    names: list[str] = []
    for quote in article.quotes:
        if quote.speaker and quote.speaker not in names:
            names.append(quote.speaker)
    return names


def quote_text(article: Article) -> str:
    """The article's quotations, one a line."""
    return "\n".join(q.text for q in article.quotes if q.text)


def _lines(values: list[str]) -> str | None:
    return "\n".join(values) or None


def _year(article: Article) -> str | None:
    day = published_day(article.published)
    return f"{day.year:04d}" if day else None


def _month(article: Article) -> str | None:
    day = published_day(article.published)
    return f"{day.year:04d}-{day.month:02d}" if day else None


def _words(article: Article) -> str | None:
    # The vocabulary holds the words of every text field (the bulk writer gathers them so).
    parts = (f.value(article) for f in FIELDS if f.kind == "text" and f.value is not None)
    return "\n".join(part for part in parts if part) or None


_DAY_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"

# The bulk writer keeps a document's stored fields in this order (the index's bytes
# follow it), the cluster last: it is known once the chunk is back in the parent.
FIELDS: tuple[Field, ...] = (
    Field("id", "id", "the article's id", lambda a: a.id, stored=True, unique=True),
    Field("record", "stored", "the whole Article record", stored=True),
    Field("url", "id", "the page's URL", lambda a: a.url or None, stored=True),
    Field("cluster", "id", "the id of the first copy of the story it belongs to", stored=True),
    Field(
        "title",
        "text",
        "the headline",
        lambda a: a.title or None,
        weight=3.0,
        length_b=0.9,
        query_names=("title",),
    ),
    Field(
        "body",
        "text",
        "the article's text",
        lambda a: a.body or None,
        weight=1.0,
        query_names=("body", "text"),
    ),
    Field(
        "quote",
        "text",
        "the words of its quotations",
        lambda a: quote_text(a) or None,
        weight=0.5,
        query_names=("quote",),
    ),
    Field(
        "author",
        "name",
        "its authors",
        lambda a: _lines(a.authors),
        weight=1.5,
        length_b=0.0,
        query_names=("author",),
        exact="author_exact",
        options=(
            Option(
                "author",
                "Only articles by this author (forgiving: 'antonov' finds Anatoly Antonov).",
            ),
        ),
        facet=True,
        split=True,
        term_names=True,
    ),
    Field(
        "speaker",
        "name",
        "the people its quotations are attributed to",
        lambda a: _lines(speakers_of(a)),
        weight=1.0,
        length_b=0.0,
        query_names=("speaker",),
        exact="speaker_exact",
        options=(Option("speaker", "Only articles quoting this person."),),
        facet=True,
        split=True,
        term_names=True,
    ),
    Field(
        "outlet",
        "name",
        "the outlet that published it",
        lambda a: a.outlet or None,
        weight=1.0,
        length_b=0.0,
        query_names=("outlet",),
        exact="outlet_exact",
        options=(Option("outlet", "Only articles from this outlet."),),
        facet=True,
        split=True,
    ),
    Field(
        "source",
        "name",
        "the original source of a syndicated copy",
        lambda a: a.source or None,
        weight=1.0,
        length_b=0.0,
        query_names=("source",),
        exact="source_exact",
        options=(Option("source", "Only copies of stories from this original source."),),
        facet=True,
    ),
    Field(
        "tag",
        "name",
        "its tags",
        lambda a: _lines(a.tags),
        weight=1.5,
        length_b=0.0,
        query_names=("tag",),
        exact="tag_exact",
        options=(Option("tag", "Only articles with this tag."),),
        facet=True,
        term_names=True,
    ),
    Field(
        "author_exact",
        "exact",
        "each author whole",
        lambda a: exact_values(a.authors),
        several=True,
    ),
    Field(
        "speaker_exact",
        "exact",
        "each speaker whole",
        lambda a: exact_values(speakers_of(a)),
        several=True,
    ),
    Field(
        "outlet_exact",
        "exact",
        "the outlet whole",
        lambda a: exact_values([a.outlet]),
        several=True,
    ),
    Field(
        "source_exact",
        "exact",
        "the original source whole",
        lambda a: exact_values([a.source]),
        several=True,
    ),
    Field("tag_exact", "exact", "each tag whole", lambda a: exact_values(a.tags), several=True),
    Field(
        "lang",
        "exact",
        "its language (ISO 639-1 code)",
        lambda a: (a.lang or "").lower() or None,
        query_names=("lang",),
        options=(Option("lang", "Only articles in this language (ISO 639-1 code, e.g. en)."),),
        facet=True,
        split=True,
    ),
    Field("year", "exact", "the year it was published (YYYY)", _year, facet=True),
    Field("month", "exact", "the month it was published (YYYY-MM)", _month, facet=True),
    Field(
        "published",
        "date",
        "the day it was published",
        lambda a: published_day(a.published),
        options=(
            Option("since", f"Published on or after: {_DAY_HELP}."),
            Option("until", f"Published on or before: {_DAY_HELP}."),
        ),
        sortable=True,
    ),
    Field("words", "vocabulary", "the unstemmed words of the text fields", _words),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


def field(name: str) -> Field:
    """The row of one field; KeyError for a name the table does not have."""
    return BY_NAME[name]


# What a query may write before a colon, and the field each name searches.
QUERY_FIELDS: dict[str, str] = {alias: f.name for f in FIELDS for alias in f.query_names}
# Bare words look in these fields, with these BM25F weights.
WEIGHTS: dict[str, float] = {f.name: f.weight for f in FIELDS if f.weight > 0}
# Per-field BM25F length normalisation, where it differs from the default.
LENGTH_B: dict[str, float] = {f.name: f.length_b for f in FIELDS if f.length_b is not None}
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "text")
NAME_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "name")
FACETS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.facet)
# The field each facet counts the values of: a name's exact twin, else the field itself.
FACET_FIELDS: dict[str, str] = {f.name: f.exact or f.name for f in FIELDS if f.facet}
# The facets a timeline may split by, and those top terms count as names.
SPLITS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.split and f.facet)
TERM_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS if f.term_names and f.facet)
# Every filter option and the field it filters.
FILTERS: dict[str, Field] = {o.name: f for f in FIELDS for o in f.options}
OPTIONS: dict[str, Option] = {o.name: o for f in FIELDS for o in f.options}
# The date every date filter and date order reads.
DATE_FIELD: str = next(f.name for f in FIELDS if f.sortable)
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest")


def document(article: Article, **indexer_values: Any) -> dict[str, Any]:
    """The index document of an article: each field's value, without the empty ones.

    The values only the indexer knows (cluster, record) are passed in by name.
    """
    doc: dict[str, Any] = {}
    for f in FIELDS:
        value = indexer_values.get(f.name) if f.value is None else f.value(article)
        if value is not None:
            doc[f.name] = value
    return doc
