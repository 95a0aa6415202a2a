"""Is a page an article at all: "article", "listing" (section fronts, tag pages), "error" or "empty"."""

from __future__ import annotations

import re
from copy import deepcopy
from urllib.parse import urlsplit

from .html import text_of

_ERROR_TITLE = re.compile(
    r"\b(?:404|410|500|503)\b|page not found|not found|seite nicht gefunden|nicht gefunden|page introuvable|"
    r"página no encontrada|pagina non trovata|página não encontrada|pagina niet gevonden|access denied|"
    r"forbidden|error occurred|something went wrong|server error|service unavailable|"
    r"just a moment|attention required|are you a robot|enable javascript",
    re.I,
)
_LISTING_PATH = re.compile(
    r"/(?:tags?|topics?|themen?|thema|category|categories|kategorie|section|rubrik|ressort|archive|archiv|author|autor|search|suche)(?:/|$)",
    re.I,
)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words in a text; scripts written without spaces count two characters as a word."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


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
    words = word_count(body)
    if _ERROR_TITLE.search(title or "") and words < 150:
        return "error"
    path = urlsplit(url).path if url else ""
    # Three real paragraphs in a row make an article, whatever the links around them say.
    substantial = sum(1 for para in body.split("\n\n") if word_count(para) >= 20)
    if substantial >= 3 and not collection:
        return "article"
    og = (og_type or "").lower()
    if collection and not has_article_meta:
        return "listing"
    if (
        not has_article_meta
        and og != "article"
        and headline_links >= 8
        and (words < 300 or link_text_ratio > 0.35)
    ):
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


def link_copy(root, keep: bool):
    """The <body> as it was before pruning, kept only for pages that may be listings."""
    if root is None or not keep:
        return None
    body = root.find("body")
    return deepcopy(body) if body is not None else None


def link_stats(body_el) -> tuple[float, int]:
    """Share of the text that is link text, and the number of links that read like headlines."""
    if body_el is None:
        return 0.0, 0
    all_text = len(text_of(body_el)) or 1
    link_chars = 0
    headline_links = 0
    for a in body_el.iter("a"):
        anchor = text_of(a)
        link_chars += len(anchor)
        # Links that read like headlines point to other articles: many of them make a front page.
        if len(anchor) >= 30 and len(anchor.split()) >= 5:
            headline_links += 1
    return link_chars / all_text, headline_links
