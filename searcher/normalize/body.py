"""The article body: the main text block's paragraphs, without page furniture, boilerplate lines or excerpts."""

from __future__ import annotations

import re

from ..textfold import fold_key
from .container import text_blocks, text_containers
from .dates import dates_in
from .furniture import drop_teaser_cards, prune
from .html import clean_text

_BOILER_TEXT = re.compile(
    r"^(?:read more|read also|also read|see also|related|more:|related:|watch:|listen:|advertisement|anzeige|werbung|"
    r"publicité|publicidad|pubblicità|share (?:this|on)|follow us|click here|sign up|subscribe|lesen sie auch|"
    r"mehr zum thema|auch interessant|das könnte sie auch interessieren|lire aussi|à lire aussi|lee también|"
    r"leer también|leggi anche|leia também|lees ook|copyright|©|\(c\)|all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados|photo:|foto:|image:|bild:|credit:|getty images|"
    r"disclaimer|this article was (?:produced|written)|sign up for|newsletter|join our|download (?:our|the) app|"
    r"follow (?:\S+\s+){1,4}on\s|folgen sie (?:\S+\s+){0,3}(?:auf|bei)\s|suivez[- ](?:nous|\S+) sur\s|síguenos en\s|"
    # Notes about the story rather than the story: contact pitches, "more to follow", translations.
    r"got a (?:story|news tip)|have a (?:story|news tip)|for more stories like this|"
    r"this is a (?:breaking|developing) (?:news? )?story|this story is developing|more to follow|"
    r"dies ist eine (?:maschinelle |automatische )?übersetzung|lest den originalartikel|lesen sie den originalartikel|"
    r"read the original (?:article|story)|this (?:article|story) (?:is|was) (?:machine[- ])?translated|"
    r"recommended (?:videos?|stories|articles|reading)$)",
    re.I,
)
# The attribution line of an embedded post: "— Jane Doe (@janedoe) May 5, 2024".
_POST_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s*[^.!?]{0,40}\d{4}$")
_END_MARKERS = re.compile(
    r"^(?:comments?|\d+ comments?|kommentare|commentaires|comentarios|commenti|reacties|leave a (?:comment|reply)|"
    r"related (?:articles|stories|posts|content)|more (?:from|stories|on this)|recommended|you may also like|"
    r"you might also like|weitere artikel|das könnte sie auch interessieren|mehr zum thema|à lire aussi|"
    r"te puede interesar|ti potrebbe interessare|top stories|most read|meistgelesen|most popular)$",
    re.I,
)


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
    for container in text_containers(root, title_key):
        drop_teaser_cards(container)
        blocks.extend(text_blocks(container))
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
        if len(text) < 200 and (_POST_ATTRIBUTION.match(text) or _mostly_a_date(text)):
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


def _mostly_a_date(text: str) -> bool:
    """A date label ("Wed, Oct 16, 2024 page1", "06.05.2019 | 14:05"): its date is most of it."""
    found = dates_in(text)
    if not found:
        return False
    start, end, _ = found[0]
    rest = re.sub(r"[\W\d_]+", " ", text[:start] + " " + text[end:]).split()
    return len(rest) <= 2 and sum(map(len, rest)) <= 12


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
