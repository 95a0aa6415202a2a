"""Page furniture: the elements that never hold article text (menus, share bars, comments, forms), removed in place."""

from __future__ import annotations

import re
from functools import lru_cache

from .html import clean_text, link_density, short_text

# Elements that never hold article text.
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "dialog",
    "menu",
    "picture",
    "img",
    "map",
    "head",
    "link",
    "meta",
}

# Class/id words of page furniture. "Strong" ones name content that is never the article
# (comments, related links); "weak" ones often name layout wrappers around the article too.
_STRONG_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|recommend\w*|newsletter|subscri\w*|promo\w*|"
    r"comments?|disqus|breadcrumbs?|cookie\w*|consent|outbrain|taboola|caption|copyright|author-?bio|"
    r"more-?stories|read-?more|further-?reading|most-?read|popular|trending|next-?article|prev-?article|"
    r"pagination|pager|signup|donate|support-us|visually-hidden|sr-only|screen-reader-text|skip-?link|"
    r"video-?player|lightbox|poll|survey|rating)(?:$|[\s_-])",
    re.I,
)

_WEAK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sidebar|widget|ads?|advert\w*|sponsor\w*|paywall|tags?|tag-list|keywords|toolbar|popup|"
    r"modal|banner|teaser|footer|nav|navigation|menu|header|masthead|byline|dateline|meta|timestamp|print|"
    r"hidden|toc|infobox|gallery|slideshow|embed|credits?|bio)(?:$|[\s_-])",
    re.I,
)

_KEEP_CLASS = re.compile(
    r"(?:article|story|entry|post|main|content)[_-]*(?:body|text|content)|^body$|articlebody|storybody",
    re.I,
)


def _classid(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


@lru_cache(maxsize=20000)
def _class_kind(ci: str) -> str | None:
    # Pages repeat the same class strings many times: classify each string once.
    if _KEEP_CLASS.search(ci):
        return None
    if _STRONG_CLASS.search(ci):
        return "strong"
    if _WEAK_CLASS.search(ci):
        return "weak"
    return None


def _furniture(el) -> str | None:
    """ "strong" or "weak" when the element's attributes say it is page furniture, else None."""
    tag = el.tag
    if tag in ("body", "html", "main", "article"):
        return None
    attrib = el.attrib
    if not attrib:
        return None
    if "hidden" in attrib:
        return "strong"
    if attrib.get("aria-hidden") == "true":
        # Hidden from screen readers only: decorative, or text under a paywall blur.
        return "weak"
    style = attrib.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return "strong"
    names = (attrib.get("class") or "").split()
    if "hidden" in names and not any(":" in name for name in names):
        # Hidden by the stylesheet ("md:block" beside it would show it on wide screens).
        return "strong"
    role = attrib.get("role")
    if role and role.lower() in (
        "navigation",
        "complementary",
        "contentinfo",
        "banner",
        "dialog",
        "menu",
        "search",
    ):
        return "weak"
    ci = _classid(el)
    return _class_kind(ci) if ci else None


_NEVER_TEXT = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "dialog",
    "picture",
    "img",
    "map",
    "head",
    "link",
    "meta",
    "figure",
    "figcaption",
}


def _paragraph_mass(root) -> tuple[dict, int]:
    """Characters of substantial, link-poor paragraphs below each element, and in the whole page."""
    mass: dict = {}
    total = 0
    for p in root.iter("p"):
        text = p.text_content()
        n = len(text)
        if n < 80 or link_density(p, len(clean_text(text))) > 0.5:
            continue
        total += n
        mass[p] = n
        parent = p.getparent()
        while parent is not None:
            mass[parent] = mass.get(parent, 0) + n
            parent = parent.getparent()
    return mass, total


_INLINE_TAGS = {
    "a",
    "span",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "small",
    "abbr",
    "mark",
    "cite",
    "q",
    "sup",
    "sub",
    "font",
    "time",
}


def _inside_paragraph(el) -> bool:
    node = el.getparent()
    for _ in range(3):
        if node is None:
            return False
        if node.tag in ("p", "li", "blockquote", "h2", "h3", "h4", "dd"):
            return True
        if node.tag not in _INLINE_TAGS:
            return False
        node = node.getparent()
    return False


_COMMENT_CLASS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?list|commentlist|disqus|discussion|reader-?comments)(?:$|[\s_-])",
    re.I,
)


def _is_comment_thread(el) -> bool:
    """A comment section, however long: named so, and without the article's own <h1>."""
    ci = _classid(el)
    return bool(
        ci
        and _COMMENT_CLASS.search(ci)
        and not _KEEP_CLASS.search(ci)
        and el.find(".//h1") is None
        and "open" not in ci.lower()
    )


# A box this short around a form is a widget (newsletter sign-up, poll, search), not article text.
_FORM_BOX_CHARS = 600

_FORM_BOX_PITCH = 200


def _form_boxes(root, mass: dict) -> list:
    """The largest short element around each form or e-mail field, holding at most a sign-up pitch of text."""
    boxes = []
    for field in root.xpath("//form|//input[@type='email' or @type='radio']"):
        node, parent = None, field
        while (
            parent is not None
            and parent.tag not in ("body", "html")
            and mass.get(parent, 0) <= _FORM_BOX_PITCH
            and short_text(parent, _FORM_BOX_CHARS) is not None
        ):
            node, parent = parent, parent.getparent()
        if node is not None and node not in boxes:
            boxes.append(node)
    return boxes


# A story teaser inside the article ("Read also" cards): a linked headline and a line or two.
_CARD_CHARS = 400
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _linked_headings(root):
    """(heading, the element to climb from) for each sub-headline that is a link."""
    for heading in root.iter(*_HEADINGS):
        parent = heading.getparent()
        if parent is not None and parent.tag == "a" and parent.get("href"):
            yield heading, parent
            continue
        inner = heading.find(".//a[@href]")
        if inner is not None:
            own = len(clean_text(heading.text_content()))
            if own and len(clean_text(inner.text_content())) >= 0.8 * own:
                yield heading, heading


def drop_teaser_cards(container) -> None:
    """Remove, in place, the largest short element around each linked sub-headline inside the
    article's container: a card pointing to another story ("Read also", "More on this")."""
    cards: list = []
    for _, node in _linked_headings(container):
        up = node.getparent()
        while (
            up is not None
            and up is not container
            and short_text(up, _CARD_CHARS) is not None
            and len(up.xpath(".//h2|.//h3|.//h4|.//h5|.//h6")) == 1
        ):
            node, up = up, up.getparent()
        if node is not container and node not in cards:
            cards.append(node)
    for card in cards:
        if card.getparent() is not None:
            card.drop_tree()


def prune(root) -> None:
    """Remove elements that never hold article text, in place.

    A container whose class says "sidebar" or "ad" but that holds a fair share of the
    page's paragraphs is kept: class names describe layout as often as content.
    """
    for br in root.iter("br"):
        # A line break separates words ("By JANE DOE<br>STAFF WRITER").
        br.tail = " " + br.tail if br.tail else " "
    mass, total = _paragraph_mass(root)
    boxes = _form_boxes(root, mass)
    for box in boxes:
        if box.getparent() is not None:
            box.drop_tree()
    if boxes:
        mass, total = _paragraph_mass(root)
    strong_limit = max(400, 0.5 * total)
    weak_limit = max(150, 0.1 * total)
    doomed = list(root.iter(*_NEVER_TEXT))
    never = set(doomed)
    # Only elements with telling attributes can be furniture: let libxml2 find them.
    for el in root.xpath("//*[@class or @id or @style or @role or @hidden or @aria-hidden]"):
        if el in never:
            continue
        if el.tag in _INLINE_TAGS and _inside_paragraph(el):
            # A styled word or link inside a sentence is part of the sentence.
            continue
        kind = "weak" if el.tag in _DROP_TAGS else _furniture(el)
        if kind == "strong" and (mass.get(el, 0) < strong_limit or _is_comment_thread(el)):
            doomed.append(el)
        elif kind == "weak" and mass.get(el, 0) < (80 if el.tag == "p" else weak_limit):
            doomed.append(el)
    for el in root.iter(*(_DROP_TAGS - _NEVER_TEXT)):
        if el not in never and not el.attrib and mass.get(el, 0) < weak_limit:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            # drop_tree keeps the tail text that followed the element.
            el.drop_tree()
