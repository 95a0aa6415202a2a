"""Head metadata: <meta> tags (OpenGraph, article:*, Dublin Core, Twitter…), links, microdata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .html import clean_text, text_of

_URLISH = re.compile(r"\s*(?:https?:)?//|\s*www\.")


def looks_like_url(value: str) -> bool:
    """True for a value that is a link rather than a name."""
    return bool(_URLISH.match(value))


@dataclass
class PageMeta:
    """Metadata found in a page's tags, keyed by lower-cased name or property."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    html_title: str = ""
    html_lang: str | None = None
    # itemprop name -> values (content/datetime attribute or text), in document order.
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    # rel=author / rel=tag link texts.
    rel_author: list[str] = field(default_factory=list)
    rel_tag: list[str] = field(default_factory=list)

    def first(self, *keys: str) -> str | None:
        """The first non-empty value among the given meta keys, in the order given."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every non-empty value of the given keys, in order."""
        out: list[str] = []
        for key in keys:
            out.extend(v for v in self.meta.get(key, ()) if v)
        return out


def read_meta(root) -> PageMeta:
    """Collect the page's metadata tags from the tree."""
    pm = PageMeta()
    if root is None:
        return pm
    pm.html_lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        value = el.get("content")
        if not key or value is None:
            continue
        value = clean_text(value)
        for k in key.lower().split():
            pm.meta.setdefault(k.strip(), []).append(value)
    for el in root.iter("title"):
        # <title> inside an <svg> is an icon label, not the page title.
        if el.getparent() is not None and el.getparent().tag in ("head", "html"):
            pm.html_title = text_of(el)
            break
    if not pm.html_title:
        for el in root.iter("title"):
            pm.html_title = text_of(el)
            if pm.html_title:
                break
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and not pm.canonical and el.get("href"):
            pm.canonical = el.get("href").strip()
    for el in root.xpath("//a[@rel]"):
        rel = el.get("rel").lower().split()
        if "author" in rel:
            pm.rel_author.append(text_of(el))
        if "tag" in rel:
            pm.rel_tag.append(text_of(el))
    for el in root.xpath("//*[@itemprop]"):
        if el.tag == "meta":
            value = el.get("content") or ""
        elif el.tag in ("time",) and el.get("datetime"):
            value = el.get("datetime")
        elif el.get("content"):
            value = el.get("content")
        elif el.tag == "link":
            value = el.get("href") or ""
        elif el.get("datetime"):
            value = el.get("datetime")
        else:
            value = text_of(el)
            if len(value) > 300:
                value = ""
        for k in el.get("itemprop").split():
            pm.itemprops.setdefault(k, []).append(clean_text(value))
    return pm
