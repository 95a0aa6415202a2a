"""Links between the pages: the current request with some parameters changed, a name as a field query."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request


def url_with(base: Any, /, **changes: str | None) -> str:
    """A link to `base` (a path, or the current request) with some parameters set or removed (None).

    Changing anything but the page goes back to page 1.
    """
    if isinstance(base, Request):
        path, items = base.url.path, list(base.query_params.multi_items())
    else:
        path, items = str(base), []
    if "page" not in changes:
        changes["page"] = None
    # Empty fields of a submitted form (since=&until=) are left out of links.
    kept = [(k, v) for k, v in items if k not in changes and v != ""]
    kept += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return path + ("?" + urlencode(kept) if kept else "")


def field_query(field: str, value: str) -> str:
    """A query matching a name in one field, e.g. author:"Ana Lima" (for links made outside a search)."""
    return f'{field}:"{value.replace(chr(34), " ").strip()}"'
