"""Parse HTML text into an lxml tree, tolerating any input."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PARSER = lxml_html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, huge_tree=False)
_SPACE = re.compile(r"\s+")
# libxml2 checks each new attribute against all earlier ones of the element: 100,000
# attributes cost 24 s. No real element has more than a few dozen; later ones are dropped.
MAX_ATTRIBUTES = 256
_ATTRIBUTE = r"""\s+[^\s"'<>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?"""
_MANY_ATTRIBUTES = re.compile(
    rf"(<[A-Za-z][^\s<>/]*(?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES}}})(?:{_ATTRIBUTE})*+"
)


def cap_attributes(text: str) -> str:
    """The markup with every start tag cut after MAX_ATTRIBUTES attributes."""
    # One regex pass: normal tags fail the match after their few attributes.
    return _MANY_ATTRIBUTES.sub(r"\1", text)


def parse(text: str):
    """The document's root element, or None when there is nothing to parse."""
    text = cap_attributes(_CONTROL.sub("", _XML_DECL.sub("", text, count=1)))
    if not text.strip():
        return None
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    return root


def clean_text(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces) into single spaces."""
    if not text:
        return ""
    if "\u00ad" in text or "\u200b" in text:
        text = text.replace("\u00ad", "").replace("\u200b", "")
    # str.split() treats every Unicode space (no-break spaces included) as a separator.
    return " ".join(text.split())


def text_of(element) -> str:
    """The element's text content with whitespace collapsed."""
    try:
        return clean_text(element.text_content())
    except (ValueError, AttributeError):
        return ""


def short_text(element, limit: int) -> str | None:
    """The element's text when it has at most `limit` characters, else None (without reading the rest)."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        size += len(piece)
        if size > limit:
            return None
        parts.append(piece)
    return "".join(parts)


def text_head(element, limit: int) -> str:
    """The start of the element's text (as text_of gives it), at most limit characters.

    Reads only about as much text as the limit: asking every element of a deep or
    repetitive page for its whole text would cost the square of the page's size.
    """
    pieces, size = [], 0
    try:
        for piece in element.itertext():
            pieces.append(piece)
            size += len(piece)
            if size > 8 * limit + 100:
                break
    except (ValueError, AttributeError):
        return ""
    return clean_text("".join(pieces))[:limit]


def link_density(el, text_len: int) -> float:
    """The share of an element's text (of `text_len` characters) that is link text, at most 1."""
    if not text_len:
        return 0.0
    links = 0
    for a in el.iter("a"):
        links += len(a.text_content().strip())
    return min(1.0, links / text_len)
