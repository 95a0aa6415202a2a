"""Sitemaps: sitemap indexes, URL sets (news sitemaps included), gzipped or not."""

from __future__ import annotations

from dataclasses import dataclass, field

from .urls import normalize_url, site_of
from .xmldoc import child_text, local_name, parse_xml


@dataclass
class SitemapEntry:
    """One <url> of a URL set."""

    url: str
    lastmod: str | None = None


@dataclass
class Sitemap:
    """A parsed sitemap: page entries, or child sitemaps for an index."""

    is_index: bool = False
    entries: list[SitemapEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    # <loc> values dropped: not http(s), or on another site than the sitemap.
    rejected: int = 0


def parse_sitemap(data: bytes, url: str) -> Sitemap | None:
    """Parse a sitemap (gzipped or not); None when the data is not one."""
    root = parse_xml(data)
    if root is None or local_name(root) not in ("urlset", "sitemapindex"):
        return None
    sitemap = Sitemap(is_index=local_name(root) == "sitemapindex")
    site = site_of(url)
    child_tag = "sitemap" if sitemap.is_index else "url"
    for node in root:
        if local_name(node) != child_tag:
            continue
        loc = normalize_url(child_text(node, "loc") or "")
        # sitemaps.org: a sitemap lists only its own site's URLs (http/https and www. vary in practice).
        if loc is None or site_of(loc) != site:
            sitemap.rejected += 1
            continue
        if sitemap.is_index:
            sitemap.sitemaps.append(loc)
        else:
            sitemap.entries.append(
                SitemapEntry(loc, child_text(node, "lastmod") or _news_date(node))
            )
    return sitemap


def _news_date(node) -> str | None:
    """The publication date of a Google News sitemap entry, if any."""
    for child in node:
        if local_name(child) == "news":
            return child_text(child, "publication_date")
    return None


def parse_text_sitemap(data: bytes, url: str) -> Sitemap | None:
    """A plain-text sitemap (one URL per line, sitemaps.org); None when a line is not a URL."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sitemap = Sitemap()
    site = site_of(url)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        loc = normalize_url(line)
        if loc is None or " " in line:
            return None
        if site_of(loc) != site:
            sitemap.rejected += 1
            continue
        sitemap.entries.append(SitemapEntry(loc))
    return sitemap if sitemap.entries else None
