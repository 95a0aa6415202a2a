"""An HTML page to an Article's fields: each concern in its own module, layered metadata first."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from . import jsonld
from .authors import is_agency
from .body import extract_body, visible_lead
from .bylines import choose_authors
from .html import clean_text, parse
from .language import choose_language, declared_language
from .metadata import looks_like_url, read_meta
from .outlet import (
    choose_outlet,
    copyright_holders,
    domain_name,
    find_source,
    has_source_hint,
    logo_names,
    short_blocks,
    without_source,
)
from .pagekind import link_copy, link_stats, page_kind
from .published import choose_published
from .tags import choose_tags, tag_links
from .title import choose_title, headings, shown_title_part, title_parts


def normalize_html(text: str, url: str | None, meta: dict) -> tuple[dict, str]:
    """Field values and page kind for an HTML page (an Article is assembled by the caller)."""
    prov: dict[str, str] = {}
    objs = jsonld.objects(text)
    index = jsonld.by_id(objs)
    art = jsonld.find_article(objs) or {}
    root = parse(text)
    pm = read_meta(root)
    publisher_names = (
        jsonld.names(jsonld.resolve(art.get("publisher"), index), index) if art else []
    )
    if not publisher_names:
        for obj in objs:
            if any(
                t in ("newsmediaorganization", "organization") for t in jsonld.types_of(obj)
            ) and obj.get("name"):
                publisher_names = jsonld.names(obj, index)
                break

    # Canonical URL.
    canonical = (
        pm.canonical or pm.first("og:url") or jsonld.text_value(art.get("url") if art else None)
    )
    if canonical and not looks_like_url(canonical) and url:
        canonical = urljoin(url, canonical)
    if canonical and not looks_like_url(canonical):
        canonical = None
    page_url = canonical or url

    # Language first: numeric dates depend on it.
    declared = declared_language(
        jsonld.text_value(art.get("inLanguage")) if art else None,
        pm.html_lang,
        pm.first("og:locale", "content-language", "language", "dc.language"),
    )
    # Numeric dates are read with the full locale: en-US writes month first, en-GB day first.
    locale = pm.html_lang or pm.first("og:locale") or declared

    # Outlet.
    outlet, prov["outlet"] = choose_outlet(
        pm.first("og:site_name"),
        publisher_names[0] if publisher_names else None,
        pm.first("application-name", "al:android:app_name", "al:ios:app_name"),
        page_url,
        title_parts(pm.html_title),
        (lambda: logo_names(root)) if root is not None else None,
        (lambda: copyright_holders(root)) if root is not None else None,
    )
    site_names = [
        s
        for s in (
            outlet,
            pm.first("og:site_name"),
            *(publisher_names[:1]),
            pm.first("application-name"),
            domain_name(page_url),
        )
        if s
    ]

    # Title.
    h1s = headings(root) if root is not None else []
    title, prov["title"] = choose_title(
        jsonld.text_value(art.get("headline") or art.get("name")) if art else None,
        pm.first("og:title", "twitter:title", "dc.title", "headline"),
        h1s,
        pm.html_title,
        site_names,
        lambda: shown_title_part(root, pm.html_title),
    )

    # Authors: people first; an organisation only when nothing names a person.
    authors, prov["authors"], byline_orgs = choose_authors(art, index, pm, root, site_names)

    # Date.
    published, prov["published"] = choose_published(art, pm, root, locale, page_url, url, title)

    # Tags (before the body: pruning removes tag lists from the tree).
    kw = art.get("keywords") if art else None
    kw_list = kw if isinstance(kw, list) else ([kw] if isinstance(kw, str) else [])
    tags, prov["tags"] = choose_tags(
        pm.all("article:tag", "og:article:tag"),
        [k for k in kw_list if isinstance(k, str)],
        pm.all("news_keywords"),
        pm.all("keywords", "parsely-tags", "sailthru.tags"),
        lambda: pm.rel_tag or (tag_links(root) if root is not None else []),
        site_names,
    )

    # Body.
    has_article_meta = bool(art) or bool(pm.first("article:published_time"))
    # The pre-pruning <body> is kept only for pages that may be listings (their links matter).
    link_root = link_copy(root, keep=not has_article_meta)
    # Source lines often sit outside the body; look for them only on pages that have one.
    page_text = short_blocks(root) if root is not None and has_source_hint(text) else ""
    body = extract_body(root, title)
    article_body = jsonld.text_value(art.get("articleBody")) if art else None
    if article_body and len(article_body) > 1.3 * len(body) and len(article_body) > 400:
        body = "\n\n".join(
            clean_text(p) for p in re.split(r"\n\s*\n|\n", article_body) if clean_text(p)
        )
        prov["body"] = "json-ld"
    else:
        prov["body"] = "html"
    description = pm.first("og:description", "description", "twitter:description")
    lead = visible_lead(
        text, description or (jsonld.text_value(art.get("description")) if art else None)
    )
    if lead and body and lead[:60] not in body:
        body = f"{lead}\n\n{body}"

    # Syndication source.
    source, src = find_source(body, outlet, page_text, byline_orgs)
    if source:
        prov["source"] = src
    elif (
        authors
        and len(authors) == 1
        and is_agency(authors[0])
        and outlet
        and authors[0].casefold() not in outlet.casefold()
    ):
        source, prov["source"] = authors[0], "byline"
    authors = without_source(authors, source)
    if not authors:
        prov["authors"] = "none"

    lang = choose_language(f"{title}\n{body}", declared)
    # Link statistics only matter for pages without article metadata (fronts, tag pages).
    link_ratio, headline_links = (0.0, 0) if has_article_meta else link_stats(link_root)
    kind = page_kind(
        title=title,
        body=body,
        has_article_meta=has_article_meta,
        og_type=pm.first("og:type"),
        url=page_url,
        link_text_ratio=link_ratio,
        status=meta.get("status"),
        collection=any(
            t in ("collectionpage", "itemlist", "searchresultspage", "profilepage")
            for o in objs
            for t in jsonld.types_of(o)
        ),
        headline_links=headline_links,
    )
    fields = dict(
        url=page_url,
        title=title,
        authors=authors,
        outlet=outlet,
        source=source,
        published=published[1] if published else None,
        lang=lang,
        tags=tags,
        body=body,
    )
    prov = {k: v for k, v in prov.items() if v and v != "none"}
    return fields | {"provenance": prov}, kind
