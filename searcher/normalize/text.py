"""Plain-text and Markdown articles: title, byline, outlet, date and source from the text."""

from __future__ import annotations

import re

from .authors import clean_authors
from .dates import parse_date
from .outlet import find_source

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+(.{2,120})$", re.I)
# "Outlet Name, December 03, 2015" / "Outlet Name | 3 May 2024"
_OUTLET_DATE = re.compile(r"^\s*([^\W\d][\w&.'’ -]{1,60}?)\s*[,|–—-]\s*(.{6,40})$")
_TRAILER = re.compile(
    r"^(?:the original source of this article is|copyright|©|\(c\)|disclaimer|comment on|become a member|"
    r"articles by:|for media inquiries|you are receiving|you received this|unsubscribe|manage your subscription|support|share this|related|read more|listen more|watch more|"
    r"[\w.]+\.(?:com|org|net|ca|de|co\.uk) contains copyrighted)",
    re.I,
)


_TAG_LINE = re.compile(
    r"^(?:tags?|topics?|themes?|trends|keywords|filed under|schlagw\w*|themen|mots-clés|etiquetas|temas)\s*[:\-–]?\s+(.+)$",
    re.I,
)


def _tag_list(line: str) -> list[str] | None:
    """The items of a "Tags: a, b, c" line, or None when the line is not one."""
    match = _TAG_LINE.match(line)
    if not match:
        return None
    items = [i.strip(" .") for i in re.split(r"\s*[,|;]\s*", match.group(1)) if i.strip(" .")]
    if not items or any(len(i) > 50 for i in items):
        return None
    return items


def _plain(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    line = _HEADING.sub("", line)
    line = _MD_EMPH.sub(r"\2", line)
    line = line.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
    return re.sub(r"[ \t]+", " ", line).strip()


def looks_like_markup(text: str) -> bool:
    """True when the text is an HTML page rather than plain text or Markdown."""
    head = text[:3000].lower()
    return bool(re.search(r"<(?:!doctype|html|head|body|meta|div|p|article|title|script|span|section|table|br)\b", head))


def normalize_text(text: str, url: str | None = None) -> tuple[dict, str]:
    """Field values and page kind for a plain-text or Markdown article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    paras = [_plain(" ".join(l.strip() for l in p.splitlines())) for p in raw_paras]
    paras = [p for p in paras if p]
    prov: dict[str, str] = {}
    if not paras:
        return {"title": "", "body": "", "provenance": {}}, "empty"
    title = paras[0]
    prov["title"] = "text"
    idx = 1
    authors: list[str] = []
    outlet = None
    published = None
    # The header: byline, "Outlet, date", dateline lines before the first real paragraph.
    while idx < len(paras) and idx < 6:
        line = paras[idx]
        if len(line) > 140:
            break
        match = _BYLINE.match(line)
        if match and not authors:
            authors = clean_authors([match.group(1)])
            if authors:
                prov["authors"] = "byline"
            idx += 1
            continue
        found = parse_date(line)
        if found:
            match = _OUTLET_DATE.match(line)
            if match and not outlet and not parse_date(match.group(1)):
                outlet = match.group(1).strip()
                prov["outlet"] = "text"
            if published is None:
                published = found
                prov["published"] = "text"
            idx += 1
            continue
        break
    body_paras: list[str] = []
    tags: list[str] = []
    for para in paras[idx:]:
        items = _tag_list(para)
        if items is not None:
            tags.extend(i for i in items if i not in tags)
            continue
        if _TRAILER.match(para):
            if re.match(r"^(?:the original source|copyright|©|disclaimer|comment on|articles by|you are receiving|you received this)", para, re.I):
                break
            continue
        body_paras.append(para)
    body = "\n\n".join(body_paras)
    tail = "\n".join(paras[-12:])
    source, src = find_source(tail, outlet)
    if source:
        prov["source"] = src
    elif authors and len(authors) == 1 and outlet and authors[0].casefold() != outlet.casefold():
        # A byline naming another outlet on a reposting site is that outlet's story.
        pass
    fields = dict(
        url=url, title=title, authors=authors, outlet=outlet, source=source,
        published=published[1] if published else None, body=body, tags=tags, provenance=prov,
    )
    return fields, ("article" if body else "empty")
