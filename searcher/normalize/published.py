"""The publication date of an HTML page, in layers from JSON-LD to htmldate (docs/dates.md lists them)."""

from __future__ import annotations

import re
from datetime import date

from ..textfold import fold_key
from . import jsonld
from .dateplaces import (
    UPDATE_REACH,
    class_id,
    foreign,
    foreign_text,
    label_before,
    labelled_update,
    time_is_update,
)
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


def meta_date(pm: PageMeta, lang: str | None):
    """The first publication date among the page's meta tags, and the tag it came from."""
    for key in _DATE_META_KEYS:
        for value in pm.meta.get(key, ()):
            found = parse_date(value, lang) or (parse_timestamp(value) if value.isdigit() else None)
            if found:
                return found, f"meta:{key}"
    return None, None


def first_published(text: str, lang: str | None) -> tuple[date, str] | None:
    """The first date of a line that is not an update date (a published date wins when both are named)."""
    for start, _, value in dates_in(text, lang):
        if labelled_update(text[max(0, start - UPDATE_REACH) : start]):
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
    """Dates shown for the article: <time> elements, then date-classed lines, never an update date.

    Dates of comments, of the site's chrome (today's date in a masthead) and of
    teaser lists (related links) belong to something else and are passed over.
    """
    for el in root.iter("time"):
        if time_is_update(el):
            continue
        found = _time_date(el, lang)
        if found and not foreign(el, lang):
            return found, "time"
    for el in root.xpath("//*[@class or @id][not(self::script)][not(self::style)]"):
        ci = class_id(el)
        if not _DATE_CLASS.search(ci) or labelled_update(ci):
            continue
        # Read at most a few lines: the date line is short, whitespace aside.
        text = clean_text(short_text(el, 1000))
        if not text or len(text) > 200:
            continue
        found = first_published(text, lang)
        if found:
            found = first_published(f"{label_before(el)} {text}", lang)
        if found and not foreign(el, lang):
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
        if parent is None or parent.tag in _LINK_OR_CODE or foreign_text(parent, lang):
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
            before = line[max(0, start_pos - UPDATE_REACH) : start_pos]
            if month != year_month[1] or labelled_update(before):
                continue
            value = valid_date(year_month[0], month, day)
            if value:
                return value, value.isoformat()
    return None


def written_for_article(root, value: date, lang: str | None, url: str | None) -> bool:
    """Whether the page writes this day out for the article: URL, page data, text or <time> not foreign to it."""
    from_url = date_from_url(url)
    if from_url and from_url[0] == value:
        return True
    for el in root.iter("time"):
        stamp = parse_date(el.get("datetime") or "", lang)
        if stamp and stamp[0] == value and not time_is_update(el) and not foreign(el, lang):
            return True
    years = (str(value.year), f"{value.year % 100:02d}")
    for node in root.xpath("//text()[not(ancestor::style)]"):
        if not any(year in node for year in years):
            continue
        parent = node.getparent()
        if parent is None:
            continue
        if parent.tag == "script":
            # The page's own data ("published_date": "Thursday, 2 May 2024").
            if any(found == value for _, _, found in dates_in(node[:2_000_000], lang)):
                return True
            continue
        # The parent's text: a date may be split over inline elements ("3 <b>May</b> 2019").
        if labelled_update(class_id(parent)):
            continue
        text = f"{label_before(parent)} {text_head(parent, 300)}"
        if any(
            found == value and not labelled_update(text[max(0, start - UPDATE_REACH) : start])
            for start, _, found in dates_in(text, lang)
        ) and not foreign_text(parent, lang):
            return True
    return False


def htmldate_date(root, lang: str | None, url: str | None) -> tuple[date, str] | None:
    """htmldate's original publication date, kept only when the page writes that day out for the article.

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
    if value and written_for_article(root, value[0], lang, url):
        return value[0], value[0].isoformat()
    return None


# "firstPublicationDate": "2023-10-07T05:53Z", "published_date":"Thursday, 2 May 2024": the
# publication date in the page's own data (a CMS's state object), not in its markup.
_SCRIPT_PUBLISHED = re.compile(
    r"""["']?(?:first_?)?(?:date_?)?publi(?:shed|cation|sh)?(?:_?(?:date|time|dt|at|on))?["']?\s*[:=]\s*\\?["']([^"'\\]{8,40})\\?["']""",
    re.I,
)


def script_date(root, lang: str | None) -> tuple[date, str] | None:
    """The publication date the page's scripts name (JSON-LD aside), when they name only one day.

    Several days mean a list of stories (related links, a feed): which one is the
    article's is unknown, so none is taken.
    """
    first, days = None, set()
    for el in root.iter("script"):
        if "ld+json" in (el.get("type") or ""):
            continue
        text = el.text or ""
        if "ubli" not in text:
            continue
        for match in _SCRIPT_PUBLISHED.finditer(text):
            found = parse_date(match.group(1), lang)
            if found:
                first = first or found
                days.add(found[0])
                if len(days) > 1:
                    return None
    return first


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
    if root is not None:
        found = script_date(root, locale)
        if found:
            return found, "script"
    # Some outlets end the <title> with the date: "Headline | Site | 28.04.2023".
    for part in title_parts(pm.html_title) + title_parts(pm.first("og:title")):
        if _NUMERIC_DATE.fullmatch(part):
            found = parse_date(part, locale)
            if found:
                return found, "title"
    from_url = date_from_url(page_url) or date_from_url(url)
    if root is not None:
        found, src = visible_dates(root, locale)
        # A day in the article's URL was set when the story was filed; a shown date that
        # disagrees is an update, or belongs to another story.
        if found and (from_url is None or found[0] == from_url[0]):
            return found, src
    if from_url:
        return from_url, "url"
    if root is not None:
        found = dateline_date(root, title, locale, page_url or url)
        if found:
            return found, "dateline"
        found = htmldate_date(root, locale, page_url or url)
        if found:
            return found, "htmldate"
    return None, "none"


_NUMERIC_DATE = re.compile(r"[\d./\s-]{8,12}")
