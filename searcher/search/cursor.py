"""Cursors for deep, stable paging: the index generation and the last result's sort key in a token."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from ..errors import QueryError

# 2: date orders' keys hold day ordinals (1 held timestamps): an older token is refused, not misread.
_VERSION = 2


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the index generation, the search it belongs to, the last sort key and rank."""

    generation: str
    search: str
    key: tuple
    rank: int

    def encode(self) -> str:
        """The opaque token handed to the user (URL-safe)."""
        data = [_VERSION, self.generation, self.search, list(self.key), self.rank]
        raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def search_fingerprint(**options) -> str:
    """A short digest of a search's query, filters and order: a cursor only continues the same search."""
    text = json.dumps(options, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def generation_key(generation: tuple) -> str:
    """The index generation as one short string."""
    return hashlib.sha1(repr(generation).encode("utf-8")).hexdigest()[:16]


def decode_cursor(token: str, generation: str, search: str) -> Cursor:
    """The cursor in a token, or QueryError when it is damaged, for another search or another index state."""
    cursor = read_cursor(token)
    if cursor.generation != generation:
        raise QueryError(
            "the cursor (after) is from an earlier state of the index (it changed since); "
            "start again from the first page"
        )
    if cursor.search != search:
        raise QueryError(
            "the cursor (after) belongs to another search: repeat the same query, filters and sort"
        )
    return cursor


def read_cursor(token: str) -> Cursor:
    """The cursor in a token, not yet checked against an index state; QueryError when damaged."""
    text = (token or "").strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        version, gen, fingerprint, key, rank = json.loads(raw.decode("utf-8"))
        if (
            version != _VERSION
            or not isinstance(key, list)
            or not isinstance(rank, int)
            or rank < 0
        ):
            raise ValueError
        if not all(isinstance(k, (int, float)) and not isinstance(k, bool) for k in key):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise QueryError(
            "bad cursor (after): pass the 'next' token of a previous page unchanged"
        ) from None
    return Cursor(gen, fingerprint, tuple(key), rank)
