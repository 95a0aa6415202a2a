"""Whether a re-fetched page may replace the stored one: never an article by a page that is not one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# A new copy whose text is less than this share of the stored article's is a cut-down page
# (a paywall stub, a consent wall, a truncated render), not a newer version of the article.
MIN_SHARE = 0.5

_KIND_NAMES = {
    "empty": "a page without article text",
    "error": "an error page",
    "listing": "a listing, not an article",
}


def _article(path: Path, meta: dict[str, Any]):
    from ..normalize import normalize

    try:
        data = path.read_bytes()
    except OSError:
        return None
    return normalize(data, url=meta.get("final_url") or meta.get("url"), meta=meta)


def replacement_refusal(
    stored: Path, stored_meta: dict[str, Any], new: Path, new_meta: dict[str, Any]
) -> str | None:
    """None when the new copy may replace the stored page, else why the stored article is kept."""
    old = _article(stored, stored_meta)
    if old is None or not old.is_article:
        return None  # nothing worth protecting
    fresh = _article(new, new_meta)
    size = new_meta.get("size")
    if fresh is None or not fresh.is_article:
        kind = fresh.kind if fresh is not None else "empty"
        return (
            f"kept the stored article: the new copy is {_KIND_NAMES.get(kind, kind)} ({size} bytes)"
        )
    old_words, new_words = len(old.body.split()), len(fresh.body.split())
    if new_words < old_words * MIN_SHARE:
        return f"kept the stored article: the new copy has {new_words} words of text, the stored one {old_words}"
    return None
