"""Where on a page a date sits: the article's own lines, or places whose dates belong to something else."""

from __future__ import annotations

import re
from itertools import islice

from .dates import dates_in
from .html import text_head

_COMMENTS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-?(?:list|area|body|meta)|commentlist|disqus|discussion|responses|replies|"
    r"kommentare?|commentaires?|comentarios?|commenti|reacties)(?:$|[\s_-])",
    re.I,
)
# The site's own chrome: a masthead showing today's date, menus, footers, sidebars. Class
# names are matched whole ("has-sidebar" on <body> is a layout, not a sidebar).
_CHROME_CLASS = re.compile(
    r"top-?(?:bar|nav)|navbar|masthead|site-?header|theme-header|sidebar|site-?footer|"
    r"(?:\w+[-_])??(?:head(?:er)?|top-?bar)[-_]?date(?:[-_]\w+)?",
    re.I,
)
# Quoted posts carry their own dates ("— Jane Doe (@jd) May 5, 2024"), and so do photo
# captions written as text ("Kundus, 6.12.2010"); a <time> stamp in a caption is the page's.
_QUOTED_TAGS = {"blockquote"}
_CAPTION_TAGS = {"blockquote", "figcaption"}
# A teaser is short; an article in a list of articles (infinite scroll) is not one.
_TEASER_CHARS = 400
_ANCESTORS_LOOKED_AT = 8
_LIST_ITEMS = {"li", "article", "tr", "dd"}
UPDATE_WORDS = re.compile(
    r"updated?|aktualisiert|modified|geändert|mis à jour|actualiz|aggiornat|atualizad|bijgewerkt|last edited",
    re.I,
)
PUBLISHED_WORDS = re.compile(r"publi|veröffentlicht|erschienen|posted|erstellt", re.I)
# An update word this close before a date makes it the update date ("Aktualisiert am 7. Mai").
UPDATE_REACH = 30


def class_id(el) -> str:
    """The names an element is given (class, id, test id), for matching."""
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('data-testid') or ''}".strip()


def in_comments(el) -> bool:
    """Whether the element sits in a comment thread (its dates are the readers')."""
    node = el
    while node is not None:
        ci = class_id(node)
        if ci and _COMMENTS.search(ci):
            return True
        node = node.getparent()
    return False


def in_chrome(el) -> bool:
    """Whether the element sits in the site's menus, masthead, footer or sidebar (today's date, archives)."""
    in_article = any(node.tag == "article" for node in el.iterancestors())
    for node in (el, *el.iterancestors()):
        if node.tag == "nav" or (node.tag == "footer" and not in_article):
            return True
        ci = class_id(node)
        if ci and any(_CHROME_CLASS.fullmatch(name) for name in ci.split()):
            return True
    return False


def _spaced_head(el, limit: int) -> str:
    """The start of the element's text with its pieces kept apart ("Headline" + "13 May 2024")."""
    pieces, size = [], 0
    for piece in el.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    return " ".join(pieces)[: limit * 2]


def _holds_date(el, lang: str | None) -> bool:
    if next(el.iter("time"), None) is not None:
        return True
    return bool(dates_in(_spaced_head(el, _TEASER_CHARS), lang))


def _alike(one, other) -> bool:
    """Items of one list: list items and articles by their tag, other elements by tag and class."""
    return one.tag == other.tag and (
        one.tag in _LIST_ITEMS or one.get("class") == other.get("class")
    )


def in_teaser(el, lang: str | None) -> bool:
    """Whether the element sits in one short item of a list of dated items (related links, "more news")."""
    node = el
    for _ in range(_ANCESTORS_LOOKED_AT):
        parent = node.getparent()
        if parent is None:
            return False
        if isinstance(node.tag, str):
            # The nearest items on each side: enough to see a list, linear on long ones.
            near = [*islice(node.itersiblings(preceding=True), 3), *islice(node.itersiblings(), 3)]
            like = [s for s in near if _alike(s, node)]
            if len(like) >= 2 and len(text_head(node, _TEASER_CHARS + 1)) <= _TEASER_CHARS:
                if sum(1 for s in like[:6] if _holds_date(s, lang)) >= 2:
                    return True
        node = parent
    return False


def _under(el, tags: set[str]) -> bool:
    return el.tag in tags or any(node.tag in tags for node in el.iterancestors())


def foreign(el, lang: str | None) -> bool:
    """Whether a date in this element belongs to something other than the article."""
    return in_comments(el) or _under(el, _QUOTED_TAGS) or in_chrome(el) or in_teaser(el, lang)


def foreign_text(el, lang: str | None) -> bool:
    """Whether a date written as text in this element belongs to something else (photo captions too)."""
    return _under(el, _CAPTION_TAGS) or foreign(el, lang)


def label_before(el, reach: int = UPDATE_REACH) -> str:
    """The text written just before the element inside its parent ("Updated" before a date span)."""
    parent = el.getparent()
    if parent is None:
        return ""
    # Walk back from the element only as far as the reach: a parent may hold thousands.
    pieces, size = [], 0
    for sibling in el.itersiblings(preceding=True):
        pieces.append(sibling.tail or "")
        pieces.append(text_head(sibling, reach))
        size += len(pieces[-1]) + len(pieces[-2])
        if size >= reach:
            break
    else:
        pieces.append(parent.text or "")
    return " ".join("".join(reversed(pieces)).split())[-reach:]


def labelled_update(text: str) -> bool:
    """Whether a label names an update and not the publication ("Updated", not "Published, updated")."""
    return bool(UPDATE_WORDS.search(text)) and not PUBLISHED_WORDS.search(text)


def time_is_update(el) -> bool:
    """Whether a <time> is labelled as an update, by its class or the words around it."""
    parent = el.getparent()
    context = text_head(parent, 200) if parent is not None else ""
    return labelled_update(el.get("class") or "") or labelled_update(context)
