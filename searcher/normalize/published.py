"""The publication date of an HTML page, in layers from JSON-LD to htmldate (docs/dates.md lists them)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..textfold import fold_key
from . import jsonld
from .dates import (
    date_from_url,
    dates_in,
    day_months_in,
    parse_date,
    parse_iso,
    parse_timestamp,
    valid_date,
    year_month_from_url,
)
from .html import clean_text, short_text, text_head, text_of
from .metadata import PageMeta
from .title import title_parts

_DATE_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "article:post_date",
    "article.created",
    "created",
    "displaydate",
    "dateline",
    "citation_publication_date",
)
_DATE_CLASS = re.compile(
    r"date|time|publish|posted|datum|fecha|data|meta|byline|creat|article-?info", re.I
)
_UPDATE_WORDS = re.compile(
    r"updated?|aktualisiert|modified|geändert|mis à jour|actualiz|aggiornat|atualizad|bijgewerkt|last edited",
    re.I,
)


def meta_date(pm: PageMeta, lang: str | None):
    """The first publication date among the page's meta tags, and the tag it came from."""
    for key in _DATE_META_KEYS:
        for value in pm.meta.get(key, ()):
            found = parse_date(value, lang) or (parse_timestamp(value) if value.isdigit() else None)
            if found:
                return found, f"meta:{key}"
    return None, None


_COMMENTS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?(?:list|area|body|meta)|commentlist|disqus|discussion|responses|replies|"
    r"kommentare?|commentaires?|comentarios?|commenti|reacties)(?:$|[\s_-])",
    re.I,
)
_PUBLISHED_WORDS = re.compile(r"publi|veröffentlicht|erschienen|posted|erstellt", re.I)
# An update word this close before a date makes it the update date ("Aktualisiert am 7. Mai").
_UPDATE_REACH = 30


def _in_comments(el) -> bool:
    """Whether the element sits in a comment thread (its dates are the readers')."""
    node = el
    while node is not None:
        ci = f"{node.get('class') or ''} {node.get('id') or ''}"
        if ci.strip() and _COMMENTS.search(ci):
            return True
        node = node.getparent()
    return False


def first_published(text: str, lang: str | None) -> tuple[date, str] | None:
    """The first date of a line that is not an update date (a published date wins when both are named)."""
    for start, _, value in dates_in(text, lang):
        before = text[max(0, start - _UPDATE_REACH) : start]
        if _UPDATE_WORDS.search(before) and not _PUBLISHED_WORDS.search(before):
            continue
        return value, value.isoformat()
    return None


def _time_date(el, lang: str | None) -> tuple[date, str] | None:
    """A <time>'s date: its stamp, unless the text shows the page's own local day beside a UTC stamp."""
    stamp = parse_date(el.get("datetime") or el.get("content") or "", lang)
    shown = parse_date(text_of(el), lang)
    if stamp and shown and stamp[0] != shown[0] and abs((stamp[0] - shown[0]).days) == 1:
        # "2021-07-01T03:30Z" shown as "June 30, 2021 11:30 p.m. EDT": the day readers saw.
        return shown
    return stamp or shown


def visible_dates(root, lang: str | None):
    """Dates shown in the page: <time> elements and date-classed elements, published before updated."""
    for el in root.iter("time"):
        parent = el.getparent()
        context = f"{el.get('class') or ''} {text_head(parent, 200) if parent is not None else ''}"[
            :200
        ]
        if _UPDATE_WORDS.search(el.get("class") or "") or (
            _UPDATE_WORDS.search(context) and not _PUBLISHED_WORDS.search(context)
        ):
            continue
        found = _time_date(el, lang)
        if found and not _in_comments(el):
            return found, "time"
    for el in root.xpath("//*[@class or @id][not(self::script)][not(self::style)]"):
        ci = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(ci) or _UPDATE_WORDS.search(ci):
            continue
        # Read at most a few lines: the date line is short, whitespace aside.
        text = clean_text(short_text(el, 1000))
        found = first_published(text, lang) if text and len(text) <= 200 else None
        if found and not _in_comments(el):
            return found, "byline"
    return None, None


# The dateline is looked for in this much text after the headline.
_DATELINE_CHARS = 600
_LINK_OR_CODE = {"a", "script", "style", "option", "button"}


def dateline_date(root, title: str, lang: str | None, url: str | None):
    """A date written near the headline (dateline, byline line, first words of the story)."""
    body = root.find("body")
    texts = (body if body is not None else root).xpath(".//text()[normalize-space()]")
    key = fold_key(title) if title else ""
    start = 0
    if key:
        for i, node in enumerate(texts[:2000]):
            node_key = fold_key(node)
            if len(node_key) >= 8 and (node_key == key or (len(node_key) > 20 and node_key in key)):
                start = i + 1
                break
        else:
            return None
    window, size = [], 0
    for node in texts[start : start + 60]:
        parent = node.getparent()
        if parent is None or parent.tag in _LINK_OR_CODE or _in_comments(parent):
            continue
        text = clean_text(node)
        window.append(text)
        size += len(text)
        if size > _DATELINE_CHARS:
            break
    line = "\n".join(window)[: _DATELINE_CHARS + 200]
    found = first_published(line, lang)
    if found:
        return found
    # "le jeudi 3 décembre": the year (and the month, as a check) from an archive URL path.
    year_month = year_month_from_url(url)
    if year_month:
        for start_pos, _, month, day in day_months_in(line):
            before = line[max(0, start_pos - _UPDATE_REACH) : start_pos]
            if month != year_month[1] or (
                _UPDATE_WORDS.search(before) and not _PUBLISHED_WORDS.search(before)
            ):
                continue
            value = valid_date(year_month[0], month, day)
            if value:
                return value, value.isoformat()
    return None


def written_dates(root, lang: str | None, url: str | None) -> set[date]:
    """Every full date the page writes out (in its text, <time> stamps and URL), comment threads aside."""
    counts = Counter(value for _, _, value in dates_in(" ".join(root.itertext())[:2_000_000], lang))
    for el in root.xpath("//*[@class or @id]"):
        ci = f"{el.get('class') or ''} {el.get('id') or ''}"
        parent = el.getparent()
        if _COMMENTS.search(ci) and (parent is None or not _in_comments(parent)):
            counts.subtract(
                value for _, _, value in dates_in(" ".join(el.itertext())[:2_000_000], lang)
            )
    found = {value for value, n in counts.items() if n > 0}
    for el in root.iter("time"):
        stamp = parse_date(el.get("datetime") or "", lang)
        if stamp and not _in_comments(el):
            found.add(stamp[0])
    from_url = date_from_url(url)
    if from_url:
        found.add(from_url[0])
    return found


def htmldate_date(root, lang: str | None, url: str | None) -> tuple[date, str] | None:
    """htmldate's original publication date, kept only when the page writes that day out in full.

    htmldate falls back on guesses (a copyright year read as 1 January, a date pieced
    together from scattered numbers): the check turns those into "no date".
    """
    try:
        from htmldate import find_date
    except ImportError:
        return None
    try:
        found = find_date(root, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a failing layer means no date, never a lost article
        return None
    value = parse_iso(found) if found else None
    if value and value[0] in written_dates(root, lang, url):
        return value[0], value[0].isoformat()
    return None


def choose_published(
    art: dict,
    pm: PageMeta,
    root,
    locale: str | None,
    page_url: str | None,
    url: str | None,
    title: str = "",
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
    if root is not None:
        found = dateline_date(root, title, locale, page_url or url)
        if found:
            return found, "dateline"
        found = htmldate_date(root, locale, page_url or url)
        if found:
            return found, "htmldate"
    return None, "none"


_NUMERIC_DATE = re.compile(r"[\d./\s-]{8,12}")
