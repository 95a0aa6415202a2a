"""Request parameters: parse and check the query string of a search, quotes or page request."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..messages import Param

MAX_QUERY_LENGTH = 500
MAX_LIMIT = 100
MAX_PAGE = 1000
DEFAULT_LIMIT = 10

SORTS = ("relevance", "newest", "oldest")
FACETS = ("outlet", "author", "year", "month", "lang", "speaker", "tag", "source")
# Filters that take a name or value and are passed to the search API unchanged.
FILTERS = ("author", "outlet", "source", "speaker", "tag", "lang", "collection")
DATES = ("since", "until")

# Values the OpenAPI description gives an exact pattern: taken as given, so that what it calls
# valid is what the server accepts (a padded date is neither).
EXACT = (*DATES, "lang")

SEARCH_PARAMS = ("q", "any", *FILTERS, *DATES, "sort", "fuzzy", "facet", "limit", "page", "after")
QUOTES_PARAMS = ("q", "any", *FILTERS, *DATES, "fuzzy", "limit", "page")

_TRUE = {"1", "true", "yes", "on"}
_INTEGER = re.compile(r"-?[0-9]+")
_FALSE = {"", "0", "false", "no", "off"}


@dataclass
class SearchParams:
    """A checked search request: the query, its filters and paging."""

    q: str = ""
    any: bool = False
    filters: dict[str, str] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    sort: str = "relevance"
    fuzzy: bool = False
    facets: list[str] = field(default_factory=list)
    limit: int = DEFAULT_LIMIT
    page: int = 1
    after: str | None = None

    def options(self) -> dict[str, Any]:
        """Keyword options for the Python search API (without the query)."""
        options: dict[str, Any] = dict(self.filters)
        options.update(
            any=self.any,
            since=self.since,
            until=self.until,
            sort=self.sort,
            fuzzy=self.fuzzy,
            facets=list(self.facets),
            limit=self.limit,
            page=self.page,
            after=self.after,
        )
        return options


class _Reader:
    """Reads single values from a query string, checking length and rejecting repeats."""

    def __init__(self, query: Mapping[str, Any], allowed: tuple[str, ...], strict: bool):
        self.query = query
        if strict:
            for name in _keys(query):
                if name not in allowed:
                    raise QueryError(
                        f"unknown parameter {name!r}; expected one of: {', '.join(allowed)}"
                    )

    def all(self, name: str) -> list[str]:
        getlist = getattr(self.query, "getlist", None)
        values = (
            list(getlist(name)) if getlist else ([self.query[name]] if name in self.query else [])
        )
        for value in values:
            if len(value) > MAX_QUERY_LENGTH:
                raise QueryError(Param(name), f" is longer than {MAX_QUERY_LENGTH} characters")
            if "\x00" in value:
                raise QueryError(Param(name), " contains a NUL character")
        return values

    def single(self, name: str) -> str | None:
        """The parameter's one value as given, or None when it is absent."""
        values = self.all(name)
        if len(values) > 1:
            raise QueryError(Param(name), " is given more than once")
        return values[0] if values else None

    def text(self, name: str) -> str | None:
        """The value without surrounding spaces (EXACT ones as given); None when absent or empty."""
        value = self.single(name)
        return (value if name in EXACT else (value or "").strip()) or None

    def flag(self, name: str) -> bool:
        value = self.text(name)
        if value is None:
            return False
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise QueryError(Param(name), f" must be true or false, not {value!r}")

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        # int() also takes other scripts' digits and "1_000", which the OpenAPI integer refuses
        if not _INTEGER.fullmatch(value):
            raise QueryError(Param(name), f" must be a whole number, not {value!r}")
        number = int(value)
        if not low <= number <= high:
            raise QueryError(Param(name), f" must be between {low} and {high}, not {number}")
        return number

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(name)
        if value is None:
            return default
        if value not in choices:
            raise QueryError(Param(name), f" must be one of {', '.join(choices)}, not {value!r}")
        return value


def _keys(query: Mapping[str, Any]) -> list[str]:
    multi = getattr(query, "multi_items", None)
    return [k for k, _ in multi()] if multi else list(query)


def parse_search(query: Mapping[str, Any], *, strict: bool = True) -> SearchParams:
    """Check a search request's parameters; QueryError names the first bad one."""
    read = _Reader(query, SEARCH_PARAMS, strict)
    facets: list[str] = []
    for value in read.all("facet"):
        for name in value.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in FACETS:
                raise QueryError(f"unknown facet {name!r}; expected one of: {', '.join(FACETS)}")
            if name not in facets:
                facets.append(name)
    return SearchParams(
        q=read.text("q") or "",
        any=read.flag("any"),
        filters={name: value for name in FILTERS if (value := read.text(name))},
        since=read.text("since"),
        until=read.text("until"),
        sort=read.choice("sort", SORTS, "relevance"),
        fuzzy=read.flag("fuzzy"),
        facets=facets,
        limit=read.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        page=read.integer("page", 1, 1, MAX_PAGE),
        after=read.text("after"),
    )


def parse_quotes(query: Mapping[str, Any], *, strict: bool = True) -> SearchParams:
    """Check a quotes request's parameters (a subset of a search request's)."""
    read = _Reader(query, QUOTES_PARAMS, strict)
    return SearchParams(
        q=read.text("q") or "",
        any=read.flag("any"),
        filters={name: value for name in FILTERS if (value := read.text(name))},
        since=read.text("since"),
        until=read.text("until"),
        fuzzy=read.flag("fuzzy"),
        limit=read.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        page=read.integer("page", 1, 1, MAX_PAGE),
    )
