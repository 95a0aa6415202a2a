"""Calls from a coordinator to one shard: JSON-able dicts in and out, so they cross Ray and HTTP alike.

A `ShardClient` reaches one shard's `ShardService` (in this process, in a Ray actor, over
HTTP) and raises `ShardUnavailable` when it cannot get an answer; the coordinator then
answers from the other shards and says which are missing. A searcher error inside the
shard (a bad query, an article not found) is not a missing shard: the service answers
it as `{"error": {"type": ..., "message": ...}}` and the coordinator raises it again.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from .. import errors
from ..errors import SearcherError
from ..messages import Message, Param
from ..search.options import TermsRequest, TimelineRequest, TrailRequest
from ..search.request import QuotesRequest, Request, SearchRequest

REQUESTS: dict[str, type[Request]] = {
    kind.__name__: kind
    for kind in (SearchRequest, QuotesRequest, TimelineRequest, TermsRequest, TrailRequest)
}


class ShardUnavailable(SearcherError):
    """No answer from a shard (its replicas are down, or it timed out)."""

    def __init__(self, shard: int, reason: str = "no replica answered"):
        self.shard = shard
        super().__init__(f"shard {shard} is unavailable: {reason}")


@runtime_checkable
class ShardClient(Protocol):
    """One shard as a coordinator calls it."""

    shard: int

    def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The shard's answer to `method` (a ShardService method name); ShardUnavailable when none."""
        ...


def error_answer(error: SearcherError) -> dict[str, Any]:
    """A searcher error as a shard's answer (its class and message, parameter names kept)."""
    message = getattr(error, "message", None)
    return {
        "error": {
            "type": type(error).__name__,
            "message": str(error),
            "parts": note_json(message) if isinstance(message, Message) else None,
        }
    }


def raise_if_error(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer, or the searcher error it carries raised again as the same class."""
    error = answer.get("error")
    if not error:
        return answer
    kind = getattr(errors, str(error.get("type")), None)
    if not (isinstance(kind, type) and issubclass(kind, SearcherError)):
        kind = SearcherError
    if kind is errors.QueryError:
        parts = error.get("parts")
        raise errors.QueryError(*(_parts(parts) if parts else (error["message"],)))
    raise kind(error["message"])


def request_json(request: Request) -> dict[str, Any]:
    """A checked request as JSON: its kind, query and options (checked again where it lands)."""
    return {"kind": type(request).__name__, "query": request.query, **request.keywords()}


def request_of(data: dict[str, Any]) -> Any:
    """The request `request_json` gave."""
    options = dict(data)
    kind = REQUESTS[options.pop("kind")]
    return kind.of(options.pop("query"), **options)


def note_json(note: str) -> Any:
    """A note or message as JSON: a plain string, or its parts with the parameter names marked."""
    if isinstance(note, Message):
        return {"parts": [[part, isinstance(part, Param)] for part in note.parts]}
    return str(note)


def note_of(value: Any) -> str:
    """The note `note_json` gave."""
    if isinstance(value, dict):
        return Message(*_parts(value))
    return str(value)


def _parts(value: Any) -> tuple[str, ...]:
    parts = value["parts"] if isinstance(value, dict) else value
    return tuple(Param(text) if is_param else str(text) for text, is_param in parts)
