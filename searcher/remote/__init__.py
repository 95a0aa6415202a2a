"""The remote backend: a searcher HTTP API (`searcher serve`, `searcher cluster serve`) searched as an index.

`RemoteSearcher(url)` implements SearchBackend: it sends each checked request's parameters
and rebuilds the same result records from the JSON, so the CLI prints what a local search
prints. `open_searcher("http://host:port")` and `searcher search --remote URL` open one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .searcher import RemoteSearcher


def is_remote(location: Any) -> bool:
    """True for an http:// or https:// URL: a searcher HTTP API rather than an index folder."""
    return isinstance(location, str) and location.strip().lower().startswith(
        ("http://", "https://")
    )


__all__ = ["RemoteSearcher", "is_remote"]
# httpx (a tenth of a second to import) only when a server is searched.
__getattr__ = lazy_exports(__name__, {"RemoteSearcher": "searcher"})
