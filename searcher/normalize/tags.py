"""Topic tags: article:tag, JSON-LD keywords, keywords meta, rel=tag links."""

from __future__ import annotations

import re
from typing import Callable

_SPLIT = re.compile(r"\s*[,;]\s*")


def _split(values: list[str], split: bool) -> list[str]:
    out: list[str] = []
    for value in values:
        parts = _SPLIT.split(value) if split else [value]
        for part in parts:
            part = re.sub(r"\s+", " ", part).strip(" #|·•")
            if part and len(part) <= 80 and not part.lower().startswith(("http", "www.")):
                out.append(part)
    return out


def _dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def choose_tags(
    article_tags: list[str],
    jsonld_keywords: list[str],
    news_keywords: list[str],
    keywords: list[str],
    link_tags: Callable[[], list[str]] | list[str],
) -> tuple[list[str], str]:
    """The page's topic tags and where they came from, most specific source first.

    ``link_tags`` may be a function: scanning the page's links is only done when
    no metadata names the tags.
    """
    for values, split, src in (
        (article_tags, len(article_tags) == 1, "meta"),
        (jsonld_keywords, True, "json-ld"),
        (news_keywords, True, "meta"),
        (keywords, True, "meta"),
        (link_tags, False, "links"),
    ):
        if callable(values):
            values = values()
        tags = _dedupe(_split(values, split))
        if tags:
            return tags[:50], src
    return [], "none"
