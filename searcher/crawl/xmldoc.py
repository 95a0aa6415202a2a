"""Safe parsing of the XML documents a crawl reads (sitemaps, feeds), gzipped or not."""

from __future__ import annotations

import gzip
import io
import zlib

from lxml import etree

# A gzipped sitemap may hold up to 50 MB uncompressed (sitemaps.org); more is refused.
MAX_XML_BYTES = 64 * 1024 * 1024


def gunzip(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """The data, decompressed when it is gzip (by magic number), at most `limit` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        return b""
    return out[:limit]


def parse_xml(data: bytes) -> etree._Element | None:
    """The root element of an XML document, or None; never resolves entities or touches the network."""
    data = gunzip(data).lstrip()
    if not data.startswith(b"<"):
        return None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local_name(element: etree._Element) -> str:
    """The tag of an element without its namespace, lower-case ('' for comments and the like)."""
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname.lower()


def child_text(element: etree._Element, name: str) -> str | None:
    """The stripped text of the first child with this local name."""
    for child in element:
        if local_name(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def document_kind(data: bytes) -> str | None:
    """'sitemap' or 'feed' for those XML documents, else None."""
    root = parse_xml(data)
    if root is None:
        return None
    name = local_name(root)
    if name in ("urlset", "sitemapindex"):
        return "sitemap"
    if name in ("rss", "feed", "rdf"):
        return "feed"
    return None
