"""RSS (0.9x, 1.0, 2.0) and Atom feeds: the article URLs they list."""

from __future__ import annotations

from dataclasses import dataclass, field

from .urls import normalize_url
from .xmldoc import child_text, local_name, parse_xml

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass
class FeedEntry:
    """One item of a feed."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass
class Feed:
    """A parsed feed."""

    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)


def parse_feed(data: bytes, url: str) -> Feed | None:
    """Parse an RSS or Atom feed; None when the data is not one."""
    root = parse_xml(data)
    if root is None:
        return None
    kind = local_name(root)
    if kind == "feed":
        return _parse_atom(root, url)
    if kind in ("rss", "rdf"):
        return _parse_rss(root, url)
    return None


def _parse_rss(root, url: str) -> Feed:
    feed = Feed()
    seen: set[str] = set()
    for node in root.iter():
        name = local_name(node)
        if name == "channel" and feed.title is None:
            feed.title = child_text(node, "title")
        if name != "item":
            continue
        link = child_text(node, "link")
        if not link:
            # A guid is a permalink unless it says otherwise.
            for child in node:
                if (
                    local_name(child) == "guid"
                    and (child.get("isPermaLink") or "true").lower() == "true"
                ):
                    link = (child.text or "").strip()
        target = normalize_url(link or "", base=url)
        if target and target not in seen:
            seen.add(target)
            feed.entries.append(
                FeedEntry(
                    target,
                    child_text(node, "title"),
                    child_text(node, "pubdate") or child_text(node, "date"),
                )
            )
    return feed


def _parse_atom(root, url: str) -> Feed:
    feed = Feed(title=child_text(root, "title"))
    base = normalize_url(root.get(XML_BASE) or "", base=url) or url
    seen: set[str] = set()
    for entry in root:
        if local_name(entry) != "entry":
            continue
        entry_base = normalize_url(entry.get(XML_BASE) or "", base=base) or base
        href = None
        for child in entry:
            if (
                local_name(child) == "link"
                and (child.get("rel") or "alternate") == "alternate"
                and child.get("href")
            ):
                href = child.get("href")
                break
        target = normalize_url(href or "", base=entry_base)
        if target and target not in seen:
            seen.add(target)
            feed.entries.append(
                FeedEntry(
                    target,
                    child_text(entry, "title"),
                    child_text(entry, "published") or child_text(entry, "updated"),
                )
            )
    return feed
