"""The OpenAPI description of the analysis endpoints (timeline, terms, trail, export), merged into openapi.py's."""

from __future__ import annotations

from typing import Any

from ..fields import TERM_NAMES
from ..search.export import JSON_LINES, NOTES_HEADER
from ..search.options import (
    PERIODS,
    SPLITS,
    ExportRequest,
    TermsRequest,
    TimelineRequest,
    TrailRequest,
)

_COUNT = {"type": "integer", "minimum": 0}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_ARTICLE_REF = {
    "type": "object",
    "required": ["id", "title", "outlet", "source", "published", "url"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "outlet": _TEXT_OR_NULL,
        "source": _TEXT_OR_NULL,
        "published": _TEXT_OR_NULL,
        "url": _TEXT_OR_NULL,
    },
}
_TERM = {
    "type": "object",
    "required": ["text", "kind", "matches", "matches_of", "background", "background_of", "score"],
    "properties": {
        "text": {"type": "string"},
        "kind": {"type": "string", "enum": ["word", *TERM_NAMES]},
        "matches": {**_COUNT, "description": "Matching articles (of matches_of) holding the term."},
        "matches_of": _COUNT,
        "background": {
            **_COUNT,
            "description": "Articles of the whole index (of background_of) holding it.",
        },
        "background_of": _COUNT,
        "score": {"type": "number", "description": "JLH significance: (p - q) * p / q."},
    },
}
_TRAIL_ENTRY = {
    "type": "object",
    "required": ["text", "speaker", "similarity", "article"],
    "properties": {
        "text": {"type": "string"},
        "speaker": _TEXT_OR_NULL,
        "similarity": {"type": "number", "minimum": 0, "maximum": 100},
        "article": _ARTICLE_REF,
    },
}

SCHEMAS: dict[str, Any] = {
    "Timeline": {
        "type": "object",
        "required": [
            "query",
            "by",
            "split",
            "total_matches",
            "undated",
            "periods",
            "series",
            "notes",
        ],
        "properties": {
            "query": {"type": "string"},
            "by": {"type": "string", "enum": list(PERIODS)},
            "split": {"type": ["string", "null"], "enum": [*SPLITS, None]},
            "total_matches": _COUNT,
            "undated": {
                **_COUNT,
                "description": "Matching articles without a date (in no period).",
            },
            "periods": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["period", "start", "matches", "total", "share"],
                    "properties": {
                        "period": {"type": "string"},
                        "start": {"type": "string", "format": "date"},
                        "matches": _COUNT,
                        "total": {
                            **_COUNT,
                            "description": "All articles of the period "
                            "that the same filters allow.",
                        },
                        "share": {"type": "number", "minimum": 0, "maximum": 1},
                    },
                },
            },
            "series": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["value", "matches", "shares"],
                    "properties": {
                        "value": _TEXT_OR_NULL,
                        "matches": {"type": "array", "items": _COUNT},
                        "shares": {"type": "array", "items": {"type": "number"}},
                    },
                },
            },
            "notes": {"type": "array", "items": {"type": "string"}},
            "note_parts": {"$ref": "#/components/schemas/NoteParts"},
        },
    },
    "Terms": {
        "type": "object",
        "required": ["query", "total", "sampled", "words", "names", "notes"],
        "properties": {
            "query": {"type": "string"},
            "total": _COUNT,
            "sampled": {
                **_COUNT,
                "description": "Matching articles whose text was read for words.",
            },
            "words": {"type": "array", "items": _TERM},
            "names": {"type": "array", "items": _TERM},
            "notes": {"type": "array", "items": {"type": "string"}},
            "note_parts": {"$ref": "#/components/schemas/NoteParts"},
        },
    },
    "Trail": {
        "type": "object",
        "required": [
            "query",
            "articles",
            "first",
            "speakers",
            "conflicting_speakers",
            "variants",
            "entries",
            "notes",
        ],
        "properties": {
            "query": {"type": "string"},
            "articles": _COUNT,
            "first": {"oneOf": [_TRAIL_ENTRY, {"type": "null"}]},
            "speakers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["speaker", "articles"],
                    "properties": {"speaker": _TEXT_OR_NULL, "articles": _COUNT},
                },
            },
            "conflicting_speakers": {
                "type": "boolean",
                "description": "True when articles credit the quotation to different people.",
            },
            "variants": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "articles", "first_published"],
                    "properties": {
                        "text": {"type": "string"},
                        "articles": _COUNT,
                        "first_published": _TEXT_OR_NULL,
                    },
                },
            },
            "entries": {"type": "array", "items": _TRAIL_ENTRY},
            "notes": {"type": "array", "items": {"type": "string"}},
            "note_parts": {"$ref": "#/components/schemas/NoteParts"},
        },
    },
}


def analysis_paths(parameters, q: dict, errors: dict, json_response) -> dict[str, Any]:
    """The paths of the analysis endpoints, given openapi.py's parameter builder and shared parts.

    `parameters(request, q)` lists an endpoint's parameters from the request it reads.
    """
    trail_q = {**q, "required": True, "description": "The quotation, or a part of it (3+ words)."}
    return {
        "/api/timeline": {
            "get": {
                "operationId": "timeline",
                "summary": "Attention over time: matching articles per period against all articles of the period",
                "description": "Without q, every article the filters allow is counted.",
                "parameters": parameters(TimelineRequest, q),
                "responses": {
                    "200": json_response("Timeline", "Counts and shares per period."),
                    **errors,
                },
            }
        },
        "/api/terms": {
            "get": {
                "operationId": "terms",
                "summary": "Top terms: the words and names most characteristic of the matching articles",
                "parameters": parameters(TermsRequest, q),
                "responses": {
                    "200": json_response("Terms", "Significant words and names."),
                    **errors,
                },
            }
        },
        "/api/trail": {
            "get": {
                "operationId": "trail",
                "summary": "A quotation's trail: every article carrying it, oldest first, and who is credited",
                "parameters": parameters(TrailRequest, trail_q),
                "responses": {
                    "200": json_response("Trail", "The articles carrying the quotation."),
                    **errors,
                },
            }
        },
        "/api/export": {
            "get": {
                "operationId": "export",
                "summary": "Every match (streamed, not paged): one row per article or per quotation",
                "description": "Without q, every article the filters allow (a filter is needed). "
                f"The header {NOTES_HEADER} holds the notes on the filters, as NoteParts.",
                "parameters": parameters(ExportRequest, q),
                "responses": {
                    "200": {
                        "description": "format=csv: a header row, then one row per match; "
                        "format=jsonl: one JSON record per line (an Article, or a QuoteHit).",
                        "content": {
                            "text/csv": {"schema": {"type": "string"}},
                            JSON_LINES: {"schema": {"type": "string"}},
                        },
                    },
                    **errors,
                },
            }
        },
    }
