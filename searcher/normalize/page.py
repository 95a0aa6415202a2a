"""An HTML page to an Article: metadata layered JSON-LD → meta tags → microdata → visible text → URL."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urljoin

from . import jsonld
from .authors import byline_text, clean_authors, fold_key, is_agency, is_organisation
from .body import extract_body
from .dates import date_from_url, parse_date, parse_timestamp
from .html import clean_text, parse, text_of
from .language import choose_language, declared_language
from .metadata import PageMeta, read_meta
from .outlet import acronym, choose_outlet, domain_name, find_source
from .pagekind import page_kind
from .tags import choose_tags
from .title import choose_title, title_parts

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "publication-date", "article.published", "article_date_original", "original-publish-date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "og:pubdate",
    "article:post_date", "article.created", "created", "displaydate", "dateline", "citation_publication_date",
)
_AUTHOR_META_KEYS = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "article.author", "cxenseparse:author", "citation_author", "authors",
)
_BYLINE_CLASS = re.compile(r"byline|author|autor|auteur|writer|reporter|verfasser|createdby|(?:^|[\s_-])by(?:$|[\s_-])", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|posted|datum|fecha|data|meta|byline|creat|article-?info", re.I)
_UPDATE_WORDS = re.compile(
    r"updated?|aktualisiert|modified|geändert|mis à jour|actualiz|aggiornat|atualizad|bijgewerkt|last edited", re.I
)


@dataclass
class Found:
    """Values gathered for one page, with where each came from."""

    provenance: dict[str, str] = field(default_factory=dict)


def _is_url(value: str) -> bool:
    return bool(re.match(r"\s*(?:https?:)?//|\s*www\.", value))


def _meta_date(pm: PageMeta, lang: str | None):
    for key in _DATE_META_KEYS:
        for value in pm.meta.get(key, ()):
            found = parse_date(value, lang) or (parse_timestamp(value) if value.isdigit() else None)
            if found:
                return found, f"meta:{key}"
    return None, None


def _visible_dates(root, lang: str | None):
    """Dates shown in the page: <time> elements and date-classed elements, published before updated."""
    for el in root.iter("time"):
        stamp = el.get("datetime") or el.get("content") or ""
        context = f"{el.get('class') or ''} {text_of(el.getparent()) if el.getparent() is not None else ''}"[:200]
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
        text = text_of(el)
        if not text or len(text) > 200 or (_UPDATE_WORDS.search(text) and not re.search(r"publi|veröffentlicht|erschienen", text, re.I)):
            continue
        found = parse_date(text, lang)
        if found:
            return found, "byline"
    return None, None


_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|autores|journalists?|redakteur\w*|profiles?|people|staff|reporters?)/[^/?#]+", re.I)
_AUTHOR_LABEL = re.compile(
    r"(?:autor(?:in)?(?:/autor(?:in)?)?|authors?|auteur(?:e)?s?|autore|text|texto|testo|written by|reporter|redakteur(?:in)?)\s*:?",
    re.I,
)
_CLOSING_NAME = re.compile(r"(?:[^\W\d_][\w'’.-]*\s){1,3}[^\W\d_][\w'’.-]*")
_NOT_BYLINE = re.compile(r"bio|avatar|image|img|photo|author-?info|about|box|more|social|twitter|email|comment|related|teaser", re.I)


def _visible_bylines(root) -> list[str]:
    """Texts of byline-like elements (class or author links), in document order."""
    out: list[str] = []
    for el in root.xpath("//*[@class or @id or @rel][not(self::meta)][not(self::script)][not(self::link)]"):
        ci = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('rel') or ''}"
        if not _BYLINE_CLASS.search(ci) or _NOT_BYLINE.search(ci):
            continue
        text = text_of(el)
        if 3 <= len(text) <= 120:
            out.append(text)
        if len(out) >= 6:
            break
    links = []
    for el in root.iter("a"):
        href = el.get("href") or ""
        if _AUTHOR_HREF.search(href):
            text = text_of(el)
            if 3 <= len(text) <= 60 and text not in links:
                links.append(text)
            if len(links) >= 4:
                break
    if links:
        out.append(", ".join(links))
    # "<strong>Author:</strong> Jane Doe" and a right-aligned name closing the article.
    for el in root.xpath("//strong|//b|//dt|//span[not(@class)]|//em"):
        label = text_of(el)
        if len(label) <= 25 and _AUTHOR_LABEL.fullmatch(label):
            rest = clean_text(el.tail) or (text_of(el.getnext()) if el.getnext() is not None else "")
            if 3 <= len(rest) <= 80:
                out.append(rest)
    for el in root.xpath("//p[contains(translate(@style,'RIGHT','right'),'right')]"):
        name = text_of(el)
        if _CLOSING_NAME.fullmatch(name):
            out.append(name)
    return out


_SOURCE_HINTS = ("original source", "originally", "first appeared", "first published", "republished", "reprinted", "reproduced")


def _has_source_hint(html: str) -> bool:
    """True when the page may carry a source statement (substring tests: a regex is slow on big pages)."""
    low = html.lower()
    return any(hint in low for hint in _SOURCE_HINTS)
_LEAF_SKIP = {"p", "div", "li", "section", "article", "table", "ul", "ol", "aside", "footer", "header"}


def _short_blocks(root) -> str:
    """Short text blocks of the whole page, one per line (source lines often sit outside the body)."""
    out: list[str] = []
    for el in root.iter("p", "div", "li", "td", "small", "footer", "section", "span"):
        if any(isinstance(c.tag, str) and c.tag in _LEAF_SKIP for c in el):
            continue
        text = text_of(el)
        if 12 <= len(text) <= 300:
            out.append(text)
    return "\n".join(out)


_HOME_HREF = re.compile(r"(?:https?:)?//[^/]+/?")
_LOGO_CLASS = re.compile(r"logo|brand|masthead|site-?name", re.I)


def _logo_names(root) -> list[str]:
    """Names the page gives its own home link: logo image alt text or the link's text."""
    out: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not (href == "/" or _HOME_HREF.fullmatch(href)):
            continue
        for img in a.iter("img"):
            alt = clean_text(img.get("alt"))
            if alt:
                out.append(alt)
        ci = f"{a.get('class') or ''} {a.getparent().get('class') if a.getparent() is not None else ''}"
        if _LOGO_CLASS.search(ci):
            text = text_of(a)
            if text:
                out.append(text)
        if len(out) >= 4:
            break
    return out


_TAG_HREF = re.compile(
    r"/(?:tags?|topics?|themes?|themen|thema|schlagw\w*|stichw\w*|keywords?|subjects?|etiquetas?|temas?|sujets?|mots-cles)/"
    r"|[?&](?:tag|topic|theme|keyword)=",
    re.I,
)
_TAG_CLASS = re.compile(r"tag|keyword|topic|theme|filed|schlagw|subject", re.I)


def _tag_links(root) -> list[str]:
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
        if (boxed or _TAG_HREF.search(href)) and not _in_navigation(a):
            out.append(text)
    return out


_NAV_CLASS = re.compile(r"(?:^|[\s_-])(?:nav|navigation|menu|navbar|masthead|site-header|footer)(?:$|[\s_-])", re.I)


def _in_navigation(el) -> bool:
    """True when the element sits in the site's navigation, header or footer."""
    node = el.getparent()
    while node is not None:
        if node.tag in ("nav", "header", "footer"):
            return True
        if _NAV_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False


def _site_keys(site_names: list[str]) -> list[str]:
    keys = set()
    for name in site_names:
        key = fold_key(name)
        if len(key) >= 2:
            keys.add(key)
        if "." in name:
            label = name.lower().split(".")[-2] if name.count(".") >= 1 else name
            label = fold_key(label)
            if len(label) >= 3:
                keys.add(label)
    return sorted(keys)


def _names_site(name: str, keys: list[str]) -> bool:
    key = fold_key(name)
    initials = acronym(name)
    return any(
        key == k or key.startswith(k) or (len(key) >= 3 and k.startswith(key)) or (initials and initials == k)
        for k in keys
    )


def _choose_authors(
    art: dict, index: dict, pm: PageMeta, root, site_names: list[str]
) -> tuple[list[str], str, list[str]]:
    """Authors, where they came from, and organisations named beside them in the byline.

    Layered JSON-LD → meta → microdata → visible byline. The publisher's own name
    and organisations next to a person ("By Ann Lee, Example Wire") are not authors;
    an organisation is the author only when nothing names a person.
    """
    keys = _site_keys(site_names)
    fallback: tuple[list[str], str] = ([], "none")
    orgs_seen: list[str] = []

    def people(names: list[str], src: str, one_word_ok: bool = True) -> list[str]:
        nonlocal fallback
        cleaned = clean_authors(names)
        persons, orgs = [], []
        for name in cleaned:
            if _names_site(name, keys):
                orgs.append(name)
            elif is_organisation(name) and not is_agency(name):
                orgs.append(name)
                if name not in orgs_seen:
                    orgs_seen.append(name)
            elif one_word_ok or " " in name or is_agency(name):
                persons.append(name)
        if not persons and orgs and not fallback[0]:
            fallback = (orgs, src)
        return persons

    if art and art.get("author"):
        entries = jsonld.author_entries(art.get("author"), index)
        found = people([n for n, _ in entries], "json-ld")
        if found:
            return found, "json-ld", orgs_seen
    values = [v for v in pm.all(*_AUTHOR_META_KEYS) if not _is_url(v)]
    found = people(values, "meta")
    if found:
        return found, "meta", orgs_seen
    if pm.itemprops.get("author"):
        # Later itemprop authors usually belong to teasers of other articles.
        found = people(pm.itemprops["author"][:1], "microdata")
        if found:
            return found, "microdata", orgs_seen
    if root is not None:
        for text in _visible_bylines(root):
            # A one-word "name" in the page chrome is a button label more often than a person.
            found = people([byline_text(text)], "byline", one_word_ok=False)
            if found:
                return found, "byline", orgs_seen
    if pm.rel_author:
        found = people(pm.rel_author[:3], "byline")
        if found:
            return found, "byline", orgs_seen
    return fallback[0], fallback[1], []


def _link_copy(root, art: dict, pm: PageMeta):
    """The <body> as it was before pruning, kept only for pages that may be listings."""
    if root is None or art or pm.first("article:published_time"):
        return None
    body = root.find("body")
    return deepcopy(body) if body is not None else None


def _link_stats(body_el) -> tuple[float, int]:
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


def _visible_lead(html: str, pm: PageMeta, art: dict) -> str | None:
    """The standfirst: the page's description when the page also shows it to readers."""
    desc = pm.first("og:description", "description", "twitter:description")
    if not desc and art:
        desc = jsonld.text_value(art.get("description"))
    desc = clean_text(desc)
    if not desc or len(desc) < 40 or desc.endswith(("...", "…")):
        return None
    head_end = html.find("</head>")
    probe = desc[:40]
    return desc if html.find(probe, max(head_end, 0)) >= 0 else None


def normalize_html(text: str, url: str | None, meta: dict) -> tuple[dict, str]:
    """Field values and page kind for an HTML page (an Article is assembled by the caller)."""
    prov: dict[str, str] = {}
    objs = jsonld.objects(text)
    index = jsonld.by_id(objs)
    art = jsonld.find_article(objs) or {}
    root = parse(text)
    pm = read_meta(root)
    publisher_names = jsonld.names(jsonld.resolve(art.get("publisher"), index), index) if art else []
    if not publisher_names:
        for obj in objs:
            if any(t in ("newsmediaorganization", "organization") for t in jsonld.types_of(obj)) and obj.get("name"):
                publisher_names = jsonld.names(obj, index)
                break

    # Canonical URL.
    canonical = pm.canonical or pm.first("og:url") or jsonld.text_value(art.get("url") if art else None)
    if canonical and not _is_url(canonical) and url:
        canonical = urljoin(url, canonical)
    if canonical and not _is_url(canonical):
        canonical = None
    page_url = canonical or url

    # Language first: numeric dates depend on it.
    declared = declared_language(
        jsonld.text_value(art.get("inLanguage")) if art else None,
        pm.html_lang, pm.first("og:locale", "content-language", "language", "dc.language"),
    )

    # Outlet.
    outlet, prov["outlet"] = choose_outlet(
        pm.first("og:site_name"), publisher_names[0] if publisher_names else None,
        pm.first("application-name", "al:android:app_name", "al:ios:app_name"), page_url,
        title_parts(pm.html_title), (lambda: _logo_names(root)) if root is not None else None,
    )
    site_names = [s for s in (outlet, pm.first("og:site_name"), *(publisher_names[:1]), pm.first("application-name"), domain_name(page_url)) if s]

    # Title.
    h1s = [text_of(h) for h in root.iter("h1")] if root is not None else []
    if root is not None and not h1s:
        # Old templates mark the headline with a class instead of <h1>.
        h1s = [text_of(h) for h in root.xpath("//*[contains(@class,'headline') or contains(@class,'contentheading')]")[:2]]
    title, prov["title"] = choose_title(
        jsonld.text_value(art.get("headline") or art.get("name")) if art else None,
        pm.first("og:title", "twitter:title", "dc.title", "headline"),
        h1s, pm.html_title, site_names,
    )

    # Authors: people first; an organisation only when nothing names a person.
    authors, prov["authors"], byline_orgs = _choose_authors(art, index, pm, root, site_names)

    # Date.
    published = None
    for value, src in (
        (jsonld.text_value(art.get("datePublished")) if art else None, "json-ld"),
        (jsonld.text_value(art.get("dateCreated")) if art else None, "json-ld"),
    ):
        if value:
            found = parse_date(value, declared)
            if found:
                published, prov["published"] = found, src
                break
    if published is None:
        found, src = _meta_date(pm, declared)
        if found:
            published, prov["published"] = found, "meta"
    if published is None and pm.itemprops.get("datePublished"):
        for value in pm.itemprops["datePublished"]:
            found = parse_date(value, declared)
            if found:
                published, prov["published"] = found, "microdata"
                break
    if published is None and root is not None:
        found, src = _visible_dates(root, declared)
        if found:
            published, prov["published"] = found, src
    if published is None:
        found = date_from_url(page_url) or date_from_url(url)
        if found:
            published, prov["published"] = found, "url"

    # Tags (before the body: pruning removes tag lists from the tree).
    kw = art.get("keywords") if art else None
    kw_list = kw if isinstance(kw, list) else ([kw] if isinstance(kw, str) else [])
    tags, prov["tags"] = choose_tags(
        pm.all("article:tag", "og:article:tag"),
        [k for k in kw_list if isinstance(k, str)],
        pm.all("news_keywords"),
        pm.all("keywords", "parsely-tags", "sailthru.tags"),
        lambda: pm.rel_tag or (_tag_links(root) if root is not None else []),
    )

    # Body.
    link_root = _link_copy(root, art, pm)
    # Source lines often sit outside the body; look for them only on pages that have one.
    page_text = _short_blocks(root) if root is not None and _has_source_hint(text) else ""
    body = extract_body(root, title)
    article_body = jsonld.text_value(art.get("articleBody")) if art else None
    if article_body and len(article_body) > 1.3 * len(body) and len(article_body) > 400:
        body = "\n\n".join(clean_text(p) for p in re.split(r"\n\s*\n|\n", article_body) if clean_text(p))
        prov["body"] = "json-ld"
    else:
        prov["body"] = "html"
    lead = _visible_lead(text, pm, art)
    if lead and body and lead[:60] not in body:
        body = f"{lead}\n\n{body}"

    # Syndication source.
    source, src = find_source(body, outlet, page_text, byline_orgs)
    if source:
        prov["source"] = src
    elif authors and len(authors) == 1 and is_agency(authors[0]) and outlet and authors[0].casefold() not in outlet.casefold():
        source, prov["source"] = authors[0], "byline"

    lang = choose_language(f"{title}\n{body}", declared)
    has_article_meta = bool(art) or bool(pm.first("article:published_time"))
    # Link statistics only matter for pages without article metadata (fronts, tag pages).
    link_ratio, headline_links = (0.0, 0) if has_article_meta else _link_stats(link_root)
    kind = page_kind(
        title=title, body=body, has_article_meta=has_article_meta,
        og_type=pm.first("og:type"), url=page_url, link_text_ratio=link_ratio, status=meta.get("status"),
        collection=any(t in ("collectionpage", "itemlist", "searchresultspage", "profilepage") for o in objs for t in jsonld.types_of(o)),
        headline_links=headline_links,
    )
    fields = dict(
        url=page_url, title=title, authors=authors, outlet=outlet, source=source,
        published=published[1] if published else None, lang=lang, tags=tags, body=body,
    )
    prov = {k: v for k, v in prov.items() if v and v != "none"}
    return fields | {"provenance": prov}, kind
