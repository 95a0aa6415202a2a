"""The publication date of an HTML page, layered: JSON-LD, meta tags, microdata, <title>, visible dateline, URL."""

from __future__ import annotations

import re
from datetime import date

from . import jsonld
from .dates import date_from_url, parse_date, parse_timestamp
from .html import clean_text, short_text, text_head, text_of
from .metadata import PageMeta
from .title import title_parts

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "publication-date", "article.published", "article_date_original", "original-publish-date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "og:pubdate",
    "article:post_date", "article.created", "created", "displaydate", "dateline", "citation_publication_date",
)
_DATE_CLASS = re.compile(r"date|time|publish|posted|datum|fecha|data|meta|byline|creat|article-?info", re.I)
_UPDATE_WORDS = re.compile(
    r"updated?|aktualisiert|modified|geändert|mis à jour|actualiz|aggiornat|atualizad|bijgewerkt|last edited", re.I
)


def meta_date(pm: PageMeta, lang: str | None):
    """The first publication date among the page's meta tags, and the tag it came from."""
    for key in _DATE_META_KEYS:
        for value in pm.meta.get(key, ()):
            found = parse_date(value, lang) or (parse_timestamp(value) if value.isdigit() else None)
            if found:
                return found, f"meta:{key}"
    return None, None


def visible_dates(root, lang: str | None):
    """Dates shown in the page: <time> elements and date-classed elements, published before updated."""
    for el in root.iter("time"):
        stamp = el.get("datetime") or el.get("content") or ""
        parent = el.getparent()
        context = f"{el.get('class') or ''} {text_head(parent, 200) if parent is not None else ''}"[:200]
        if _UPDATE_WORDS.search(el.get("class") or "") or (
            _UPDATE_WORDS.search(context) and not re.search(r"publi|veröffentlicht|erschienen|posted", context, re.I)
        ):
            continue
        found = parse_date(stamp, lang) or parse_date(text_of(el), lang)
        if found:
            return found, "time"
    for el in root.xpath("//*[@class or @id][not(self::script)][not(self::style)]"):
        ci = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(ci) or _UPDATE_WORDS.search(ci):
            continue
        # Read at most a few lines: the date line is short, whitespace aside.
        text = clean_text(short_text(el, 1000))
        if not text or len(text) > 200 or (_UPDATE_WORDS.search(text) and not re.search(r"publi|veröffentlicht|erschienen", text, re.I)):
            continue
        found = parse_date(text, lang)
        if found:
            return found, "byline"
    return None, None


def choose_published(
    art: dict, pm: PageMeta, root, locale: str | None, page_url: str | None, url: str | None
) -> tuple[tuple[date, str] | None, str]:
    """The publication date (date, ISO string) and where it came from; never an update date."""
    for value in (
        jsonld.text_value(art.get("datePublished")) if art else None,
        jsonld.text_value(art.get("dateCreated")) if art else None,
    ):
        if value:
            found = parse_date(value, locale)
            if found:
                return found, "json-ld"
    found, _ = meta_date(pm, locale)
    if found:
        return found, "meta"
    for value in pm.itemprops.get("datePublished", ()):
        found = parse_date(value, locale)
        if found:
            return found, "microdata"
    # Some outlets end the <title> with the date: "Headline | Site | 28.04.2023".
    for part in title_parts(pm.html_title) + title_parts(pm.first("og:title")):
        if _NUMERIC_DATE.fullmatch(part):
            found = parse_date(part, locale)
            if found:
                return found, "title"
    if root is not None:
        found, src = visible_dates(root, locale)
        if found:
            return found, src
    found = date_from_url(page_url) or date_from_url(url)
    if found:
        return found, "url"
    return None, "none"


_NUMERIC_DATE = re.compile(r"[\d./\s-]{8,12}")
