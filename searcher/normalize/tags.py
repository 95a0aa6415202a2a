"""Topic tags: article:tag, JSON-LD keywords, keywords meta, rel=tag links."""

from __future__ import annotations

import re
from typing import Callable

from .html import text_of

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


_TAG_HREF = re.compile(
    r"/(?:tags?|topics?|themes?|themen|thema|schlagw\w*|stichw\w*|keywords?|subjects?|etiquetas?|temas?|sujets?|mots-cles)/"
    r"|[?&](?:tag|topic|theme|keyword)=",
    re.I,
)
_TAG_CLASS = re.compile(r"tag|keyword|topic|theme|filed|schlagw|subject", re.I)


def tag_links(root) -> list[str]:
    """Texts of the page's topic links: inside tag/topic boxes, or pointing to tag pages."""
    out: list[str] = []
    for a in root.iter("a"):
        text = text_of(a)
        if not text or len(text) > 60:
            continue
        href = a.get("href") or ""
        parent = a.getparent()
        boxed = False
        depth = 0
        while parent is not None and depth < 3:
            if _TAG_CLASS.search(f"{parent.get('class') or ''} {parent.get('id') or ''}"):
                boxed = True
                break
            parent = parent.getparent()
            depth += 1
        if (boxed or _TAG_HREF.search(href)) and not in_navigation(a):
            out.append(text)
    return out


_NAV_CLASS = re.compile(r"(?:^|[\s_-])(?:nav|navigation|menu|navbar|masthead|site-header|footer)(?:$|[\s_-])", re.I)


def in_navigation(el) -> bool:
    """True when the element sits in the site's navigation, header or footer."""
    node = el.getparent()
    while node is not None:
        if node.tag in ("nav", "header", "footer"):
            return True
        if _NAV_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False
