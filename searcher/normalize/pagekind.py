"""Is a page an article at all: "article", "listing" (section fronts, tag pages), "error" or "empty"."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ERROR_TITLE = re.compile(
    r"\b(?:404|410|500|503)\b|page not found|not found|seite nicht gefunden|nicht gefunden|page introuvable|"
    r"página no encontrada|pagina non trovata|página não encontrada|pagina niet gevonden|access denied|"
    r"forbidden|error occurred|something went wrong|server error|service unavailable|"
    r"just a moment|attention required|are you a robot|enable javascript",
    re.I,
)
_LISTING_PATH = re.compile(r"/(?:tags?|topics?|themen?|thema|category|categories|kategorie|section|rubrik|ressort|archive|archiv|author|autor|search|suche)(?:/|$)", re.I)


def page_kind(
    *,
    title: str,
    body: str,
    has_article_meta: bool,
    og_type: str | None,
    url: str | None,
    link_text_ratio: float,
    status: int | None = None,
    collection: bool = False,
    headline_links: int = 0,
) -> str:
    """Classify the page from what the normalizer found on it."""
    if not title.strip() and not body.strip():
        return "empty"
    if status and status >= 400:
        return "error"
    words = len(body.split())
    if _ERROR_TITLE.search(title or "") and words < 150:
        return "error"
    path = urlsplit(url).path if url else ""
    og = (og_type or "").lower()
    if collection and not has_article_meta:
        return "listing"
    if not has_article_meta and og != "article" and headline_links >= 8:
        return "listing"
    if has_article_meta or og == "article":
        return "article" if words >= 20 or title else "empty"
    if og in ("website", "profile") or path in ("", "/") or _LISTING_PATH.search(path):
        if words < 250 or link_text_ratio > 0.5:
            return "listing"
    if words < 60 and link_text_ratio > 0.4:
        return "listing"
    if words == 0:
        return "empty"
    return "article"
