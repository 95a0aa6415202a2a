"""The authors of an HTML page, layered: JSON-LD, meta tags, microdata, then the visible byline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import jsonld
from .authors import byline_text, clean_authors, fold_key, is_agency, is_organisation
from .html import clean_text, text_of
from .metadata import PageMeta, looks_like_url
from .outlet import acronym, domain_label

_AUTHOR_META_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "article.author",
    "cxenseparse:author",
    "citation_author",
    "authors",
)
_BYLINE_CLASS = re.compile(
    r"byline|author|autor|auteur|writer|reporter|verfasser|createdby|(?:^|[\s_-])by(?:$|[\s_-])",
    re.I,
)
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:en)?|auteurs?|autores|journalists?|redakteur\w*|profiles?|people|staff|reporters?)/[^/?#]+",
    re.I,
)
_AUTHOR_LABEL = re.compile(
    r"(?:autor(?:in)?(?:/autor(?:in)?)?|authors?|auteur(?:e)?s?|autore|text|texto|testo|written by|reporter|redakteur(?:in)?)\s*:?",
    re.I,
)
_CLOSING_NAME = re.compile(r"(?:[^\W\d_][\w'’.-]*\s){1,3}[^\W\d_][\w'’.-]*")
_NOT_BYLINE = re.compile(
    r"bio|avatar|image|img|photo|author-?info|about|box|more|social|twitter|email|comment|related|teaser",
    re.I,
)


def visible_bylines(root) -> list[str]:
    """Texts of byline-like elements (class or author links), in document order."""
    out: list[str] = []
    for el in root.xpath(
        "//*[@class or @id or @rel][not(self::meta)][not(self::script)][not(self::link)]"
    ):
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
            rest = clean_text(el.tail) or (
                text_of(el.getnext()) if el.getnext() is not None else ""
            )
            if 3 <= len(rest) <= 80:
                out.append(rest)
    for el in root.xpath("//p[contains(translate(@style,'RIGHT','right'),'right')]"):
        name = text_of(el)
        if _CLOSING_NAME.fullmatch(name):
            out.append(name)
    return out


# "By X", "Story by X", "BY X AND Y": a byline written into the text, with no class to find it by.
_TEXT_BY = re.compile(
    r"^(?:(?:story|written|reported|words|text|article)\s+)?by\s*[:\-–]?\s*(?=[^\W\d_])", re.I
)
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "del",
    "della",
    "di",
    "du",
    "la",
    "le",
    "bin",
    "al",
    "el",
    "ter",
    "ten",
    "y",
}
_LINE_TAGS = (
    "p",
    "font",
    "td",
    "div",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "center",
    "small",
    "address",
    "li",
    "dd",
)


def _names_only(names: list[str]) -> bool:
    """True when every entry reads as a full name: two to four capitalised words (particles aside)."""
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4:
            return False
        if any(not (w[0].isupper() or w.lower() in _PARTICLES) for w in words):
            return False
    return bool(names)


def text_bylines(root, limit: int = 3000) -> list[str]:
    """Lines of the page (text runs between tags and <br>s) that are a "By …" byline of full names."""
    body = root.find("body")
    for count, el in enumerate((body if body is not None else root).iter(*_LINE_TAGS)):
        if count > limit:
            break
        runs = [el.text] + [c.tail for c in el]
        for i, run in enumerate(runs):
            line = clean_text(run)
            if not line or len(line) > 120:
                continue
            match = _TEXT_BY.match(line + " ")
            if not match:
                continue
            rest = line[match.end() :].strip()
            if not rest and i < len(el):
                # "By <a>Jane Doe</a>": the name is the next element's text.
                rest = text_of(el[i])
            names = clean_authors([rest])
            if _names_only(names) and not _CREDIT_WORDS.search(rest):
                return [rest]
    return []


_CREDIT_WORDS = re.compile(r"\b(?:photo|photos|image|illustration|graphic)s?\b", re.I)


def _site_keys(site_names: list[str]) -> list[str]:
    keys = set()
    for name in site_names:
        key = fold_key(name)
        if len(key) >= 2:
            keys.add(key)
        host = name.strip().lower()
        if "." in host and " " not in host:
            # A host name ("bbc.co.uk"), not a name with a dot in it ("St. Louis Post-Dispatch").
            label = domain_label(host)
            if label and len(label) >= 2:
                keys.add(label)
    return sorted(keys)


def _names_site(name: str, keys: list[str]) -> bool:
    key = fold_key(name)
    initials = acronym(name)
    return any(
        key == k
        or (len(k) >= 3 and key.startswith(k))
        or (len(key) >= 3 and k.startswith(key))
        or (initials and initials == k)
        for k in keys
    )


def choose_authors(
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

    def people(
        names: list[str], src: str, one_word_ok: bool = True, org_names: Sequence[str] = ()
    ) -> list[str]:
        nonlocal fallback
        cleaned = clean_authors(names)
        org_keys = {fold_key(n) for n in clean_authors(list(org_names))}
        persons, orgs = [], []
        for name in cleaned:
            if fold_key(name) in org_keys and not is_agency(name) and not _names_site(name, keys):
                # Typed as an Organization in JSON-LD: a partner outlet beside the people.
                orgs.append(name)
                if name not in orgs_seen:
                    orgs_seen.append(name)
            elif _names_site(name, keys):
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
        found = people(
            [n for n, _ in entries], "json-ld", org_names=[n for n, is_org in entries if is_org]
        )
        if found:
            return found, "json-ld", orgs_seen
    values = [v for v in pm.all(*_AUTHOR_META_KEYS) if not looks_like_url(v)]
    found = people(values, "meta")
    if found:
        return found, "meta", orgs_seen
    if pm.itemprops.get("author"):
        # Later itemprop authors usually belong to teasers of other articles.
        found = people(pm.itemprops["author"][:1], "microdata")
        if found:
            return found, "microdata", orgs_seen
    if root is not None:
        for text in visible_bylines(root):
            # A one-word "name" in the page chrome is a button label more often than a person.
            found = people([byline_text(text)], "byline", one_word_ok=False)
            if found:
                return found, "byline", orgs_seen
    if pm.rel_author:
        found = people(pm.rel_author[:3], "byline")
        if found:
            return found, "byline", orgs_seen
    if root is not None:
        found = people(text_bylines(root), "byline", one_word_ok=False)
        if found:
            return found, "byline", orgs_seen
    return fallback[0], fallback[1], []
