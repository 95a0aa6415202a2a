"""Links out of an HTML page: which to follow, and the page's rel=canonical."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from .urls import normalize_url, site_of

# Only this much of a page is parsed for links; article pages are far smaller.
MAX_PARSE_BYTES = 8 * 1024 * 1024


@dataclass
class PageLinks:
    """What a page says about URLs: its canonical URL, its links, and whether to follow them."""

    canonical: str | None = None
    links: list[str] = field(default_factory=list)
    nofollow: bool = False


def parse_page(data: bytes, url: str, charset: str | None = None) -> PageLinks:
    """The canonical URL and the http(s) links of an HTML page, normalised, in page order."""
    if not data.strip():
        return PageLinks()
    try:
        parser = (
            lxml.html.HTMLParser(encoding=charset, recover=True)
            if charset
            else lxml.html.HTMLParser(recover=True)
        )
        root = lxml.html.document_fromstring(data[:MAX_PARSE_BYTES], parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        try:  # an unknown charset name: let lxml guess
            root = lxml.html.document_fromstring(data[:MAX_PARSE_BYTES])
        except (etree.ParserError, ValueError):
            return PageLinks()
    base = url
    for node in root.iter("base"):
        href = node.get("href")
        if href:
            base = normalize_url(href, base=url) or url
        break
    result = PageLinks()
    for node in root.iter("meta"):
        if (node.get("name") or "").lower() == "robots" and "nofollow" in (
            node.get("content") or ""
        ).lower():
            result.nofollow = True
    for node in root.iter("link"):
        rels = (node.get("rel") or "").lower().split()
        if "canonical" in rels and node.get("href") and result.canonical is None:
            result.canonical = normalize_url(node.get("href"), base=base)
    seen: set[str] = set()
    for node in root.iter("a", "area"):
        href = node.get("href")
        if not href or "nofollow" in (node.get("rel") or "").lower().split():
            continue
        # normalize_url returns None for javascript:, data:, file:, mailto: and the like.
        target = normalize_url(href, base=base)
        if target and target not in seen:
            seen.add(target)
            result.links.append(target)
    return result


def parse_page_file(path: Path, url: str, charset: str | None = None) -> PageLinks:
    """parse_page on a file, reading at most MAX_PARSE_BYTES."""
    with open(path, "rb") as handle:
        return parse_page(handle.read(MAX_PARSE_BYTES), url, charset)


@dataclass
class LinkFilter:
    """Which discovered URLs a crawl takes: same site as its seed unless told otherwise, and patterns."""

    include: list[re.Pattern] = field(default_factory=list)
    exclude: list[re.Pattern] = field(default_factory=list)
    any_site: bool = False

    @classmethod
    def from_patterns(
        cls,
        include: list[str] | tuple = (),
        exclude: list[str] | tuple = (),
        any_site: bool = False,
    ) -> LinkFilter:
        """Compile --include/--exclude regular expressions (re.error on a bad one)."""
        return cls([re.compile(p) for p in include], [re.compile(p) for p in exclude], any_site)

    def refusal(self, url: str, seed_site: str | None) -> str | None:
        """None when the URL is taken, else why not."""
        if not self.any_site and seed_site and site_of(url) != seed_site:
            return f"off site (not {seed_site})"
        return self.pattern_refusal(url)

    def pattern_refusal(self, url: str) -> str | None:
        """None when the URL passes --include/--exclude, else why not."""
        if self.include and not any(p.search(url) for p in self.include):
            return "not matched by --include"
        for pattern in self.exclude:
            if pattern.search(url):
                return f"matched by --exclude {pattern.pattern!r}"
        return None
