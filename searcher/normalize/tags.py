"""Topic tags: article:tag, JSON-LD keywords, keywords meta, rel=tag links."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..textfold import fold_key
from .html import text_of

_SPLIT = re.compile(r"\s*[,;]\s*")


# Values a CMS keeps for itself, never shown to readers: "editors_pick", "_Prio_3", "Page Type: Article".
_INTERNAL = re.compile(r"^[^\s]*_[^\s]*$")
_LABELLED = re.compile(r"^([\w ]{1,30}):\s*(.+)$")
# Other values no reader is shown as a topic: record ids ("cce15240-c52a-…"), the site's
# domain, layout names ("splitScreenImageLeftInset") and the labels of the tag box itself
# ("Themen bearbeiten", "Skip next section Related topics", "All articles on this topic").
# Written in lower case only: "theprovince.com" is a domain, "Node.js" is a topic.
_LAYOUT_NAME = re.compile(
    r"[a-z]+(?:[A-Z][a-z0-9]+){3,}$|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,10}$"
)
_NOT_A_TOPIC = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]{4,}|[0-9a-f]{16,})$|"
    r"\b(?:überspringen|bearbeiten|alle artikel|mehr zum thema|skip (?:next )?section|edit topics|"
    r"all articles|show more|mehr anzeigen|voir plus|ver más)\b",
    re.I,
)
_TOPIC_LABELS = {
    "category",
    "categories",
    "section",
    "tag",
    "tags",
    "topic",
    "topics",
    "subject",
    "keyword",
    "keywords",
}


def _split(values: list[str], split: bool) -> list[str]:
    out: list[str] = []
    for value in values:
        parts = _SPLIT.split(value) if split else [value]
        for part in parts:
            part = re.sub(r"\s+", " ", part).strip(" #|·•")
            labelled = _LABELLED.match(part)
            if labelled:
                # "Category: Wine" names a topic; "Day: Wednesday" is the CMS talking to itself.
                if labelled.group(1).strip().lower() not in _TOPIC_LABELS:
                    continue
                part = labelled.group(2).strip()
            if (
                part
                and len(part) <= 80
                and not part.lower().startswith(("http", "www."))
                and not _INTERNAL.match(part)
                and not _NOT_A_TOPIC.search(part)
                and not _LAYOUT_NAME.match(part)
            ):
                out.append(part)
    return out


def _dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _site_keys(site_names: list[str]) -> tuple[set[str], set[str]]:
    """Keys of the site's names, and of the words in them ("Dunmore Clarion" -> dunmore, clarion)."""
    # A long "name" (some pages put the headline in application-name) names no site.
    site_names = [
        n.split(".")[0] if " " not in n else n for n in site_names if n and len(n.split()) <= 4
    ]
    names = {fold_key(n) for n in site_names if len(fold_key(n)) >= 3}
    words = {fold_key(w) for n in site_names for w in re.findall(r"\w+", n)}
    return names, {w for w in words if len(w) >= 3 and w not in ("the", "news", "online", "daily")}


# Words of a site-wide keyword list: the site's sections, not an article's topics.
_SITE_SECTIONS = {
    "news",
    "newspaper",
    "localnews",
    "breakingnews",
    "sports",
    "obituaries",
    "classifieds",
    "weather",
    "nachrichten",
    "zeitung",
}


def _without_site(tags: list[str], site_names: list[str]) -> list[str]:
    """A keyword list without the entries naming the site; empty when the list describes the site itself.

    Site-wide keyword lists ("dunmore, clarion, news, sports, obituaries") name the
    site in full or word by word: they are about the site, not the article.
    """
    names, words = _site_keys(site_names)
    if not names:
        return tags
    # The whole name, or several of its words ("Evening Post"); one word alone ("Berlin") may be a topic.
    full = [
        t
        for t in tags
        if fold_key(t) in names or (len(t.split()) >= 2 and any(fold_key(t) in n for n in names))
    ]
    spelled = [t for t in tags if fold_key(t) in words and t not in full]
    spells_the_name = bool(spelled) and len(spelled) + len(full) >= 2
    names_it_among_sections = bool(full) and any(fold_key(t) in _SITE_SECTIONS for t in tags)
    if spells_the_name or names_it_among_sections:
        return []
    naming = full + spelled
    return [t for t in tags if t not in naming]


def choose_tags(
    article_tags: list[str],
    jsonld_keywords: list[str],
    news_keywords: list[str],
    keywords: list[str],
    link_tags: Callable[[], list[str]] | list[str],
    site_names: Sequence[str] = (),
) -> tuple[list[str], str]:
    """The page's topic tags and where they came from, most specific source first.

    ``link_tags`` may be a function: scanning the page's links is only done when
    no metadata names the tags. Keyword metadata loses the entries that name the
    site, and a keyword list that describes the whole site is no source at all.
    """
    for values, split, src in (
        (article_tags, len(article_tags) == 1, "meta"),
        (jsonld_keywords, True, "json-ld"),
        (news_keywords, True, "meta"),
        (keywords, True, "meta"),
        (link_tags, False, "links"),
    ):
        if callable(values):
            values = values()
        tags = _dedupe(_split(values, split))
        if src != "links":
            tags = _without_site(tags, list(site_names))
        if tags:
            return tags[:50], src
    return [], "none"


_TAG_HREF = re.compile(
    r"/(?:tags?|topics?|themes?|themen|thema|schlagw\w*|stichw\w*|keywords?|subjects?|etiquetas?|temas?|sujets?|mots-cles)/"
    r"|[?&](?:tag|topic|theme|keyword)=",
    re.I,
)
_TAG_CLASS = re.compile(r"tag|keyword|topic|theme|filed|schlagw|subject", re.I)


def tag_links(root) -> list[str]:
    """Texts of the page's topic links: inside tag/topic boxes, or pointing to tag pages.

    Links above the headline are section kickers and navigation, not the article's tags.
    """
    out: list[str] = []
    headline = next(root.iter("h1"), None)
    above: set = set()
    if headline is not None:
        for el in root.iter():
            if el is headline:
                break
            if el.tag == "a":
                above.add(el)
        if len(above) == sum(1 for _ in root.iter("a")):
            above = set()  # an <h1> after every link is the page's footer logo, not the headline
    for a in root.iter("a"):
        if a in above:
            continue
        text = text_of(a)
        if not text or len(text) > 60:
            continue
        href = a.get("href") or ""
        parent = a.getparent()
        boxed = False
        depth = 0
        while parent is not None and depth < 3:
            if _TAG_CLASS.search(f"{parent.get('class') or ''} {parent.get('id') or ''}"):
                boxed = True
                break
            parent = parent.getparent()
            depth += 1
        if (boxed or _TAG_HREF.search(href)) and not in_navigation(a):
            out.append(text)
    return out


_NAV_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navigation|menu|navbar|masthead|site-header|footer)(?:$|[\s_-])", re.I
)


def in_navigation(el) -> bool:
    """True when the element sits in the site's navigation, header or footer."""
    node = el.getparent()
    while node is not None:
        if node.tag in ("nav", "header", "footer"):
            return True
        if _NAV_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False
