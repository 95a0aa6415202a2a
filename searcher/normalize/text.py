"""Plain-text and Markdown articles: title, byline, outlet, date and source from the text."""

from __future__ import annotations

import re

from .authors import clean_authors
from .dates import parse_date
from .outlet import find_source, without_source

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+(.{2,120})$", re.I)
# "Outlet Name, December 03, 2015" / "Outlet Name | 3 May 2024"
_OUTLET_DATE = re.compile(r"^\s*([^\W\d][\w&.'’ -]{1,60}?)\s*[,|–—-]\s*(.{6,40})$")
# Lines that end the article (everything after them is site furniture)...
_TRAILER_STOP = (
    r"the original source of this article is|disclaimer|comment on|articles by:?|"
    r"you are receiving|you received this"
)
# ...and lines that are furniture inside it. Whole words only: "Supporters said…" is text.
_TRAILER_SKIP = (
    r"become a member|for media inquiries|unsubscribe|manage your subscription|support|share this|"
    r"related|read more|listen more|watch more"
)
_STOP = re.compile(
    rf"^(?:(?:{_TRAILER_STOP})\b|copyright\s*(?:©|\(c\)|\d)|©|\(c\)|[\w.]+\.(?:com|org|net|ca|de|co\.uk) contains copyrighted)",
    re.I,
)
_SKIP = re.compile(rf"^(?:{_TRAILER_SKIP})\b", re.I)


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


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def front_matter(text: str) -> tuple[dict[str, object], str]:
    """Simple YAML front matter (key: value, lists as [a, b] or "- item" lines) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    data: dict[str, object] = {}
    key = None
    for line in match.group(1).splitlines():
        item = re.match(r"^\s*-\s+(.*)$", line)
        if item and key:
            value = data.get(key)
            data[key] = (value if isinstance(value, list) else []) + [
                item.group(1).strip().strip("'\"")
            ]
            continue
        found = _FM_LINE.match(line.strip())
        if not found:
            continue
        key, value = found.group(1).lower(), found.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            data[key] = [v.strip().strip("'\"") for v in value[1:-1].split(",") if v.strip()]
        else:
            data[key] = value.strip("'\"")
    return data, text[match.end() :]


def _fm_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    if isinstance(value, str) and value:
        return [v.strip() for v in re.split(r"\s*[,;]\s*", value) if v.strip()]
    return []


def looks_like_markup(text: str) -> bool:
    """True when the text is an HTML page rather than plain text or Markdown."""
    head = text[:3000].lower()
    return bool(
        re.search(
            r"<(?:!doctype|html|head|body|meta|div|p|article|title|script|span|section|table|br)\b",
            head,
        )
    )


def normalize_text(text: str, url: str | None = None) -> tuple[dict, str]:
    """Field values and page kind for a plain-text or Markdown article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fm, text = front_matter(text)
    # Setext headings ("Title" over "=====") become plain lines.
    text = re.sub(r"(?m)^[ \t]*(?:=+|-{3,})[ \t]*$", "", text)
    raw_paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    paras = [_plain(" ".join(line.strip() for line in p.splitlines())) for p in raw_paras]
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
        match = _OUTLET_DATE.match(line) if found else None
        # A dateline is a date alone or "Outlet, date": a short first paragraph that
        # merely mentions a date ("On 3 May the council voted…") is body text.
        if found and (match or len(line) <= 40):
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
            prov["tags"] = "text"
            continue
        if _STOP.match(para):
            break
        if _SKIP.match(para):
            continue
        body_paras.append(para)
    body = "\n\n".join(body_paras)
    tail = "\n".join(paras[-12:])
    source, src = find_source(tail, outlet)
    if source:
        prov["source"] = src
        authors = without_source(authors, source)
        if not authors:
            prov.pop("authors", None)
    fields = dict(
        url=url,
        title=title,
        authors=authors,
        outlet=outlet,
        source=source,
        published=published[1] if published else None,
        body=body,
        tags=tags,
        provenance=prov,
    )
    if fm:
        _apply_front_matter(fields, fm)
    return fields, ("article" if fields["body"] else "empty")


def _apply_front_matter(fields: dict, fm: dict[str, object]) -> None:
    """Values stated in the front matter win over those read from the text."""
    prov = fields["provenance"]
    title = fm.get("title")
    if isinstance(title, str) and title:
        first = fields["title"]
        if first and re.sub(r"\W+", "", first.casefold()) != re.sub(r"\W+", "", title.casefold()):
            # The first paragraph was read as the title; with a title in the front matter it is body text.
            fields["body"] = "\n\n".join(p for p in (first, fields["body"]) if p)
        fields["title"], prov["title"] = title, "front-matter"
    authors = _fm_list(fm.get("authors") or fm.get("author") or fm.get("byline"))
    if authors:
        fields["authors"], prov["authors"] = clean_authors(authors), "front-matter"
    for key in ("date", "published", "pubdate", "publishdate", "created"):
        value = fm.get(key)
        found = parse_date(value) if isinstance(value, str) else None
        if found:
            fields["published"], prov["published"] = found[1], "front-matter"
            break
    for key, field in (
        ("outlet", "outlet"),
        ("publisher", "outlet"),
        ("site", "outlet"),
        ("site_name", "outlet"),
        ("source", "source"),
        ("original_source", "source"),
        ("url", "url"),
        ("canonical", "url"),
    ):
        value = fm.get(key)
        if isinstance(value, str) and value and not fields.get(field):
            fields[field], prov[field] = value, "front-matter"
    tags = _fm_list(fm.get("tags") or fm.get("keywords") or fm.get("categories"))
    if tags:
        fields["tags"], prov["tags"] = tags, "front-matter"
    lang = fm.get("lang") or fm.get("language")
    if isinstance(lang, str) and re.fullmatch(r"[a-zA-Z]{2}(?:[-_]\w+)?", lang):
        fields["lang"] = lang[:2].lower()
