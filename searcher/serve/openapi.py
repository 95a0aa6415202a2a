"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import __version__
from ..fields import SORTS
from ..search.dates import DATE_PATTERN
from ..search.languages import LANGUAGE_PATTERN
from ..search.request import HTTP, QuotesRequest, SearchRequest, Spec
from ..search.request import Request as SearcherRequest
from .openapi_analysis import SCHEMAS as ANALYSIS_SCHEMAS
from .openapi_analysis import analysis_paths
from .params import MAX_QUERY_LENGTH


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


_TEXT = {
    "type": "string",
    "maxLength": MAX_QUERY_LENGTH,
    "pattern": "^[^\\u0000]*$",
}  # no NUL, as params.py checks
_DATE = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "description": "A year (2015), month (2015-12) or day (2015-12-03); inclusive.",
}
_SPANS = {
    "type": "array",
    "description": "Matched words as [start, end) character offsets into the text.",
    "items": {
        "type": "array",
        "items": {"type": "integer", "minimum": 0},
        "minItems": 2,
        "maxItems": 2,
    },
}


def _query(name: str, description: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **extra,
    }


_Q = _query(
    "q",
    'The query: words (all must match), "phrases", AND/OR/NOT, -word, field:value.',
    {**_TEXT, "minLength": 1},
)


def parameter(spec: Spec) -> dict[str, Any]:
    """The OpenAPI parameter of one request option, with the web's limits."""
    extra: dict[str, Any] = {}
    schema: dict[str, Any]
    if spec.kind == "date":
        schema = dict(_DATE)
    elif spec.kind == "lang":
        schema = {"type": "string", "pattern": LANGUAGE_PATTERN}
    elif spec.kind == "flag":
        schema = {"type": "boolean"}
    elif spec.kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif spec.kind == "choices":
        schema = {"type": "array", "items": {"type": "string", "enum": list(spec.choices)}}
        extra = {"style": "form", "explode": True}
    elif spec.kind in ("whole", "number"):
        schema = {"type": "integer" if spec.kind == "whole" else "number"}
        if spec.low is not None:
            schema["minimum"] = spec.low
        if (high := HTTP.high(spec)) is not None:
            schema["maximum"] = high
    else:
        schema = dict(_TEXT)
    if spec.kind in ("names", "lang"):  # given more than once: any of them (outlet=A&outlet=B)
        schema = {"type": "array", "items": schema}
        extra = {"style": "form", "explode": True}
    if spec.default not in (None, ()):
        schema["default"] = spec.default
    return _query(spec.name, spec.help, schema, **extra)


def parameters(request: type[SearcherRequest], q: dict[str, Any] = _Q) -> list[dict[str, Any]]:
    """The parameters of an endpoint that reads `request`: the query, then each option."""
    return [q, *(parameter(spec) for spec in request.SPECS)]


def _json(schema_name: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


_ERRORS = {
    "400": _json("Error", "A bad query or parameter; the message says what is wrong."),
    "503": _json("Error", "The index is missing, locked or needs a rebuild."),
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "description": "One line saying what went wrong."}
        },
    },
    "MessageParts": {
        "type": "array",
        "description": "A message in parts, each parameter it names as {param: name} (so that a "
        "client names it its own way, e.g. --since), the rest as text.",
        "items": {
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "required": ["param"],
                    "properties": {"param": {"type": "string"}},
                },
            ]
        },
    },
    "NoteParts": {
        "type": "array",
        "items": _ref("MessageParts"),
        "description": "The notes in parts.",
    },
    "Quote": {
        "type": "object",
        "required": ["text", "speaker", "start", "end"],
        "properties": {
            "text": {"type": "string"},
            "speaker": _nullable("string"),
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
        },
    },
    "Article": {
        "type": "object",
        "description": "The normalized article record (the same object `searcher show --format json` prints).",
        "required": [
            "id",
            "url",
            "title",
            "authors",
            "outlet",
            "source",
            "published",
            "lang",
            "tags",
            "body",
            "quotes",
            "provenance",
            "kind",
        ],
        "properties": {
            "id": {"type": "string"},
            "url": _nullable("string"),
            "title": {"type": "string"},
            "authors": {"type": "array", "items": {"type": "string"}},
            "outlet": _nullable("string"),
            "source": {
                **_nullable("string"),
                "description": "The original outlet of a syndicated copy.",
            },
            "published": {**_nullable("string"), "description": "ISO 8601 date or timestamp."},
            "lang": _nullable("string"),
            "tags": {"type": "array", "items": {"type": "string"}},
            "body": {"type": "string", "description": "Paragraphs separated by a blank line."},
            "quotes": {"type": "array", "items": _ref("Quote")},
            "provenance": {"type": "object", "additionalProperties": {"type": "string"}},
            "kind": {"type": "string"},
        },
    },
    "Snippet": {
        "type": "object",
        "required": ["text", "highlights"],
        "properties": {"text": {"type": "string"}, "highlights": _SPANS},
    },
    "MatchedQuote": {
        "allOf": [
            _ref("Quote"),
            {"type": "object", "required": ["highlights"], "properties": {"highlights": _SPANS}},
        ],
    },
    "AlsoIn": {
        "type": "object",
        "description": "Another outlet's copy of a syndicated story.",
        "required": ["id", "outlet", "url", "published"],
        "properties": {
            "id": {"type": "string"},
            "outlet": _nullable("string"),
            "url": _nullable("string"),
            "published": _nullable("string"),
        },
    },
    "Hit": {
        "type": "object",
        "required": ["rank", "score", "article", "snippet", "matched_quotes", "cluster", "also_in"],
        "properties": {
            "rank": {"type": "integer", "minimum": 1},
            "score": {"type": "number"},
            "article": _ref("Article"),
            "snippet": _ref("Snippet"),
            "matched_quotes": {"type": "array", "items": _ref("MatchedQuote")},
            "cluster": {
                **_nullable("string"),
                "description": "Id shared by the copies of one syndicated story.",
            },
            "also_in": {"type": "array", "items": _ref("AlsoIn")},
        },
    },
    "FacetCount": {
        "type": "object",
        "required": ["value", "count"],
        "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 1}},
    },
    "SearchResults": {
        "type": "object",
        "required": [
            "query",
            "total",
            "stories",
            "page",
            "limit",
            "sort",
            "hits",
            "facets",
            "did_you_mean",
            "expanded",
            "notes",
        ],
        "properties": {
            "query": {"type": "string"},
            "total": {
                "type": "integer",
                "minimum": 0,
                "description": "Matching articles (copies counted apart).",
            },
            "stories": {
                "type": "integer",
                "minimum": 0,
                "description": "Distinct stories among them (a syndicated story's copies count once): "
                "what the pages of hits hold.",
            },
            "page": {"type": "integer", "minimum": 1},
            "limit": {"type": "integer", "minimum": 1},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": _ref("Hit")},
            "facets": {
                "type": "object",
                "description": "Requested facets: name -> most frequent values.",
                "additionalProperties": {"type": "array", "items": _ref("FacetCount")},
            },
            "did_you_mean": {
                **_nullable("string"),
                "description": "A corrected query when this one found little.",
            },
            "expanded": {
                "type": "object",
                "description": "With fuzzy: each misspelled word -> words searched instead.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "notes": {"type": "array", "items": {"type": "string"}},
            "note_parts": _ref("NoteParts"),
            "next": {
                **_nullable("string"),
                "description": "Cursor of the next page (pass it as after); null on the last page.",
            },
        },
    },
    "QuoteHit": {
        "type": "object",
        "required": ["rank", "score", "text", "speaker", "start", "end", "highlights", "article"],
        "properties": {
            "rank": {"type": "integer", "minimum": 1},
            "score": {"type": "number"},
            "text": {"type": "string"},
            "speaker": _nullable("string"),
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "highlights": _SPANS,
            "article": {
                "type": "object",
                "required": ["id", "title", "outlet", "source", "published", "url", "authors"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "outlet": _nullable("string"),
                    "source": _nullable("string"),
                    "published": _nullable("string"),
                    "url": _nullable("string"),
                    "authors": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
    "QuoteResults": {
        "type": "object",
        "required": ["query", "total", "articles", "page", "limit", "hits", "notes"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0, "description": "Matching quotations."},
            "articles": {
                "type": "integer",
                "minimum": 0,
                "description": "Articles searched for them.",
            },
            "page": {"type": "integer", "minimum": 1},
            "limit": {"type": "integer", "minimum": 1},
            "hits": {"type": "array", "items": _ref("QuoteHit")},
            "notes": {"type": "array", "items": {"type": "string"}},
            "note_parts": _ref("NoteParts"),
        },
    },
    "Stats": {
        "type": "object",
        "required": [
            "generation",
            "schema_version",
            "articles",
            "outlets",
            "authors",
            "speakers",
            "clusters_with_copies",
            "first_date",
            "last_date",
            "size_bytes",
            "per_outlet",
            "per_year",
            "per_lang",
        ],
        "properties": {
            "generation": {"type": "string"},
            "schema_version": {"type": "integer"},
            "articles": {"type": "integer", "minimum": 0},
            "outlets": {"type": "integer", "minimum": 0},
            "authors": {"type": "integer", "minimum": 0},
            "speakers": {"type": "integer", "minimum": 0},
            "clusters_with_copies": {"type": "integer", "minimum": 0},
            "first_date": _nullable("string"),
            "last_date": _nullable("string"),
            "size_bytes": {"type": "integer", "minimum": 0},
            "per_outlet": {"type": "object", "additionalProperties": {"type": "integer"}},
            "per_year": {"type": "object", "additionalProperties": {"type": "integer"}},
            "per_lang": {"type": "object", "additionalProperties": {"type": "integer"}},
            "partial": _ref("Partial"),
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "articles"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "articles": {"type": "integer", "minimum": 0},
            "partial": _ref("Partial"),
        },
    },
    "Partial": {
        "type": "object",
        "description": "Present when shards of a sharded index did not answer: the counts "
        "leave their articles out.",
        "required": ["missing_shards"],
        "properties": {
            "missing_shards": {"type": "array", "items": {"type": "integer", "minimum": 0}}
        },
    },
    "Unavailable": {
        "type": "object",
        "required": ["status", "error"],
        "properties": {
            "status": {"type": "string", "enum": ["unavailable"]},
            "error": {"type": "string"},
        },
    },
}


def build_spec() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the JSON API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "searcher",
            "version": __version__,
            "description": "Read-only search over an index of news articles: ranked and fuzzy search with "
            "filters and facets, quotation search, article records, index stats.",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Ranked search over the articles",
                    "parameters": parameters(SearchRequest, {**_Q, "required": True}),
                    "responses": {
                        "200": _json(
                            "SearchResults", "A page of hits, the total, facets, suggestions."
                        ),
                        **_ERRORS,
                    },
                }
            },
            "/api/quotes": {
                "get": {
                    "operationId": "quotes",
                    "summary": "Search inside quotations: who said what, where, when",
                    "description": "Give words to find (q), a speaker, or both.",
                    "parameters": parameters(QuotesRequest),
                    "responses": {
                        "200": _json("QuoteResults", "A page of matching quotations."),
                        **_ERRORS,
                    },
                }
            },
            "/api/articles/{id}": {
                "get": {
                    "operationId": "article",
                    "summary": "One article record by id",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": 64},
                        }
                    ],
                    "responses": {
                        "200": _json("Article", "The article."),
                        "404": _json("Error", "No article with this id."),
                        **_ERRORS,
                    },
                }
            },
            "/api/articles": {
                "get": {
                    "operationId": "article_by_url",
                    "summary": "One article record by URL (or id), as `searcher show` finds it",
                    "parameters": [
                        _query(
                            "url",
                            "The article's URL.",
                            {"type": "string", "pattern": "\\S"},  # not blank
                            required=True,
                        )
                    ],
                    "responses": {
                        "200": _json("Article", "The article."),
                        "404": _json("Error", "No article with this URL."),
                        **_ERRORS,
                    },
                }
            },
            **analysis_paths(parameters, _Q, _ERRORS, _json),
            "/api/stats": {
                "get": {
                    "operationId": "stats",
                    "summary": "What the index holds",
                    "responses": {
                        "200": _json("Stats", "Counts, date range, size."),
                        "503": _ERRORS["503"],
                    },
                }
            },
            "/api/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether the index can be searched",
                    "responses": {
                        "200": _json("Health", "Ready."),
                        "503": _json(
                            "Unavailable", "The index is missing, locked or needs a rebuild."
                        ),
                    },
                }
            },
        },
        "components": {"schemas": {**SCHEMAS, **ANALYSIS_SCHEMAS}},
    }


def endpoint(request: Request) -> JSONResponse:
    """GET /api/openapi.json."""
    return JSONResponse(build_spec())
