"""The article body: the main text block's paragraphs, without page furniture."""

from __future__ import annotations

import re
from functools import lru_cache

from ..textfold import fold_key
from .html import clean_text, short_text

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
_BOILER_TEXT = re.compile(
    r"^(?:read more|read also|also read|see also|related|more:|related:|watch:|listen:|advertisement|anzeige|werbung|"
    r"publicité|publicidad|pubblicità|share (?:this|on)|follow us|click here|sign up|subscribe|lesen sie auch|"
    r"mehr zum thema|auch interessant|das könnte sie auch interessieren|lire aussi|à lire aussi|lee también|"
    r"leer también|leggi anche|leia também|lees ook|copyright|©|\(c\)|all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados|photo:|foto:|image:|bild:|credit:|getty images|"
    r"disclaimer|this article was (?:produced|written)|sign up for|newsletter|join our|download (?:our|the) app|"
    r"follow (?:\S+\s+){1,4}on\s|folgen sie (?:\S+\s+){0,3}(?:auf|bei)\s|suivez[- ](?:nous|\S+) sur\s|síguenos en\s)",
    re.I,
)
_END_MARKERS = re.compile(
    r"^(?:comments?|\d+ comments?|kommentare|commentaires|comentarios|commenti|reacties|leave a (?:comment|reply)|"
    r"related (?:articles|stories|posts|content)|more (?:from|stories|on this)|recommended|you may also like|"
    r"you might also like|weitere artikel|das könnte sie auch interessieren|mehr zum thema|à lire aussi|"
    r"te puede interesar|ti potrebbe interessare|top stories|most read|meistgelesen|most popular)$",
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
        if n < 80 or _link_density(p, len(clean_text(text))) > 0.5:
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


def _link_density(el, text_len: int) -> float:
    if not text_len:
        return 0.0
    links = 0
    for a in el.iter("a"):
        links += len(a.text_content().strip())
    return min(1.0, links / text_len)


def _blocks(container) -> list[tuple[str, str]]:
    """(tag, text) for each text block of the container, in document order."""
    out: list[tuple[str, str]] = []

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
                out.append((tag, text, _link_density(el, len(text))))
            return
        if not has_block_child:
            text = clean_text(el.text_content())
            if text:
                out.append(("div", text, _link_density(el, len(text))))
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
            n = int(n * (1 - min(1.0, _link_density(el, n))))
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


def _container(root, title_key: str = ""):
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


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = (".", "!", "?", "。", '"', "”", "“", "»", "«", "'", "’", ")", ":", "…")
# A caption's closing credit: "… Tennby. Photo: Ingrid Holm / Northwater Herald", "(Foto: dpa)".
_CREDIT_END = re.compile(
    r"(?:^|[.!?)]\s+|\(\s*)(?:photo|photograph|picture|image|illustration|foto|bild|credit)s?(?:\s+credit)?\s*(?::|by\s)\s*[^.!?]{2,80}\)?\s*$",
    re.I,
)


def extract_body(root, title: str = "") -> str:
    """The main text as paragraphs separated by blank lines."""
    if root is None:
        return ""
    prune(root)
    title_key = fold_key(title) if title else ""
    blocks = []
    for container in _container(root, title_key):
        blocks.extend(_blocks(container))
    paras: list[str] = []
    seen: set[str] = set()
    started = False
    for tag, text, ld in blocks:
        # Short list items are menus, tag lists and teasers far more often than article text.
        if tag == "li" and len(text) < 100 and not text.endswith((".", "!", "?", "。")):
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and _END_MARKERS.match(text.strip(" :")):
            break
        if ld > 0.6 and len(text) < 400:
            continue
        if ld > 0.35 and len(text) < 120:
            continue
        if _BOILER_TEXT.match(text):
            continue
        if tag == "text" and len(text) < 40:
            continue
        if (
            tag == "div"
            and len(text) < 40
            and not text.endswith((".", "!", "?", ":", '"', "”", "“"))
        ):
            continue
        if len(text) < 300 and _CREDIT_END.search(text):
            continue
        if not started:
            # Above the first sentence: kicker, headline, byline and date lines, not text.
            # (Scripts written without spaces are left alone: their 100 characters are a paragraph.)
            if (
                len(text) < 100
                and not text.endswith(_SENTENCE_END)
                and tag not in ("h2", "h3", "h4", "h5", "h6")
                and not _CJK.search(text)
            ):
                continue
            started = True
        key = fold_key(text)
        if not key or key in seen:
            continue
        if title_key and key == title_key:
            continue
        seen.add(key)
        paras.append(text)
    return "\n\n".join(_without_excerpts(paras))


# Excerpts are found through an index of sampled character grams of the longer keys, so
# the cost stays linear in the text (comparing every block with every other was quadratic).
_GRAM, _STEP = 10, 10  # every excerpt key (>= 20 chars) holds one gram at a sampled position
_PROBES = 200  # index entries looked at per excerpt: caps the cost on pages of near-copies


def _without_excerpts(paras: list[str]) -> list[str]:
    """Drop short blocks repeated inside a longer paragraph (pull quotes, highlighted excerpts)."""
    keys = [fold_key(p) for p in paras]
    excerpts = [i for i, para in enumerate(paras) if len(para) < 300 and len(keys[i]) >= 2 * _GRAM]
    if not excerpts:
        return paras
    shortest = min(len(keys[i]) for i in excerpts)
    grams: dict[str, list[tuple[int, int]]] = {}
    for j, key in enumerate(keys):
        if len(key) > shortest:
            for q in range(0, len(key) - _GRAM + 1, _STEP):
                grams.setdefault(key[q : q + _GRAM], []).append((j, q))
    drop = {i for i in excerpts if _inside_longer(i, keys, grams)}
    return [para for i, para in enumerate(paras) if i not in drop]


def _inside_longer(i: int, keys: list[str], grams: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether keys[i] occurs inside a longer key (looked up by its grams, rarest first)."""
    key = keys[i]
    # An occurrence at position p covers a sampled gram q in [p, p + _STEP): probe every offset.
    probes = sorted(
        ((grams.get(key[o : o + _GRAM], ()), o) for o in range(_STEP)),
        key=lambda probe: len(probe[0]),
    )
    budget = _PROBES
    for postings, offset in probes:
        for j, q in postings:
            budget -= 1
            if budget < 0:
                return False
            if (
                j != i
                and q >= offset
                and len(keys[j]) > len(key)
                and keys[j].startswith(key, q - offset)
            ):
                return True
    return False


def visible_lead(html: str, description: str | None) -> str | None:
    """The standfirst: the page's description when the page also shows it to readers."""
    desc = clean_text(description)
    if not desc or len(desc) < 40 or desc.endswith(("...", "…")):
        return None
    head_end = html.find("</head>")
    probe = desc[:40]
    return desc if html.find(probe, max(head_end, 0)) >= 0 else None
