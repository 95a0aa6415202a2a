"""The main text's container: the element(s) holding most of the paragraph text, and their text blocks."""

from __future__ import annotations

from ..textfold import fold_key
from .html import clean_text, link_density

_BLOCK_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "th",
    "h1",
}

_CONTAINER_TAGS = {
    "div",
    "section",
    "article",
    "main",
    "span",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "tr",
    "center",
    "font",
    "body",
    "header",
}


def text_blocks(container) -> list[tuple[str, str, float]]:
    """(tag, text, link density) for each text block of the container, in document order."""
    out: list[tuple[str, str, float]] = []

    def walk(el, depth: int = 0) -> None:
        if depth > 200:
            return
        tag = el.tag if isinstance(el.tag, str) else ""
        has_block_child = any(
            isinstance(c.tag, str) and (c.tag in _BLOCK_TAGS or c.tag in _CONTAINER_TAGS)
            for c in el
        )
        # A <p> holding paragraphs is broken markup ("<p><font>A<p>B<p>C"): its paragraphs are read one by one.
        if (
            tag in _BLOCK_TAGS
            and not (tag in ("li", "td", "th", "dd", "blockquote") and has_block_child)
            and not (tag == "p" and has_block_child and el.find(".//p") is not None)
        ):
            text = clean_text(el.text_content())
            if text:
                out.append((tag, text, link_density(el, len(text))))
            return
        if not has_block_child:
            text = clean_text(el.text_content())
            if text:
                out.append(("div", text, link_density(el, len(text))))
            return
        own = clean_text(el.text)
        if own:
            out.append(("text", own, 0.0))
        for child in el:
            walk(child, depth + 1)
            tail = clean_text(child.tail)
            if tail and len(tail) > 1:
                out.append(("text", tail, 0.0))

    walk(container)
    return out


def _text_mass(root) -> dict:
    """Characters of paragraph-like text (low in links) below each element."""
    mass: dict = {}
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in ("p", "pre"):
            text = clean_text(el.text_content())
            n = len(text)
            if n < 25:
                continue
            n = int(n * (1 - min(1.0, link_density(el, n))))
        elif tag in _BLOCK_TAGS and tag not in ("td", "th"):
            continue
        else:
            # Text written straight into a container or a layout cell (<br>-separated lines) counts too.
            n = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
            if n < 80:
                continue
        if n <= 0:
            continue
        node = el if tag not in ("p", "pre") else el.getparent()
        mass[el] = mass.get(el, 0) + (n if tag not in ("p", "pre") else 0)
        while node is not None:
            mass[node] = mass.get(node, 0) + n
            node = node.getparent()
    return mass


def _own_article(articles: list, title_key: str):
    """In a feed of <article> elements (infinite scroll), the one this page is about."""
    if title_key:
        for article in articles:
            for heading in article.iter("h1", "h2", "h3"):
                if fold_key(heading.text_content()) == title_key:
                    return article
    return articles[0]


_SPLIT_LEVELS = 2


def text_containers(root, title_key: str = ""):
    """The element holding the main text: descend while one child holds most of it."""
    body = root.find("body")
    node = body if body is not None else root
    mass = _text_mass(root)
    if not mass.get(node):
        return [node]
    while True:
        children = [c for c in node if isinstance(c.tag, str) and mass.get(c)]
        if not children:
            break
        articles = [c for c in children if c.tag == "article" and mass[c] >= 0.2 * mass[node]]
        if len(articles) >= 2:
            node = _own_article(articles, title_key)
            continue
        best = max(children, key=lambda c: mass[c])
        # A table cell holding most of the text is the layout's story column: go into it.
        if mass[best] < 0.6 * mass[node] or (
            best.tag in _BLOCK_TAGS and best.tag not in ("td", "th")
        ):
            break
        node = best
    # Article text split over blocks beside the one found (an ad slot, a newsletter box or a
    # live-blog header between parts), up to a few levels up: the text-rich ones are kept, in order.
    floor = 0.1 * mass[node]
    chain = [node]
    while len(chain) <= _SPLIT_LEVELS:
        parent = chain[0].getparent()
        if parent is None or parent.tag == "html":
            break
        chain.insert(0, parent)

    def more_text(c, upper: bool) -> bool:
        # Cells beside the story's cell are the layout's columns (navigation, polls), never more of the story;
        # further up, only a block with a good share of text and not the page's header or footer is.
        if not isinstance(c.tag, str) or c.tag in _BLOCK_TAGS or c.tag in ("article", "td", "th"):
            return False
        if upper:
            return mass.get(c, 0) >= 2.5 * floor and c.tag not in (
                "header",
                "footer",
                "nav",
                "aside",
            )
        return mass.get(c, 0) >= floor

    def parts(level: int) -> list:
        if level == len(chain) - 1:
            return [chain[level]]
        out = []
        for c in chain[level]:
            if c is chain[level + 1]:
                out.extend(parts(level + 1))
            elif more_text(c, level < len(chain) - 2):
                out.append(c)
        return out

    return parts(0)
