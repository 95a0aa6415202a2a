"""The headline: chosen among JSON-LD, OpenGraph, <h1> and <title>, without site-name suffixes."""

from __future__ import annotations

import re
from html import unescape

from ..textfold import fold_key
from .html import clean_text, short_text

_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|--|::|:|·|•|«|»|/|\\|~)\s+|\s*[|｜ㅣ]\s*|\s*[：]\s*")
# Where a <title> may be cut when looking for the headline the page shows: its separators and ": ".
_CUTS = re.compile(_SEPARATORS.pattern + r"|:\s+")
# Words that brand a site's web edition rather than name it ("Ridgeway Post Online").
_SITE_AFFIXES = re.compile(
    r"^(?:the|die|der|le|la|el)\s+|(?:\s+(?:online|digital|on the web|web edition|e-?edition)|\.(?:com|net|org))+$",
    re.I,
)


# A trailing part that is only a date or a number ("– DW – 13.06.2023").
_DATE_PART = re.compile(r"^[\d\s./:-]+$")


def site_key(name: str) -> str:
    """A site name folded for comparison, without "The" and "Online"-style affixes."""
    return fold_key(_SITE_AFFIXES.sub("", name.strip())) or fold_key(name)


def _is_site_segment(segment: str, site_keys: list[str]) -> bool:
    key = site_key(segment)
    if not key or _DATE_PART.match(segment.strip()):
        return True
    for site in site_keys:
        if site and (
            key == site
            or (
                len(site) >= 3
                and (key.startswith(site) or site.startswith(key) or site in key)
                and len(key) <= len(site) + 12
            )
        ):
            return True
    return False


def title_parts(title: str | None) -> list[str]:
    """A <title> split at its separators ("Site :: Section :: Headline")."""
    if not title:
        return []
    return [p for p in _SEPARATORS.split(clean_text(title)) if p.strip()]


def strip_site(title: str, site_names: list[str]) -> str:
    """The title without " | Site" / "Site: " style parts that name the outlet."""
    title = clean_text(unescape(title) if "&" in title else title)
    site_keys = [site_key(s) for s in site_names if s and fold_key(s)]
    parts = _SEPARATORS.split(title)
    if len(parts) > 1:
        kept = list(parts)
        while len(kept) > 1 and _is_site_segment(kept[-1], site_keys):
            kept.pop()
        while len(kept) > 1 and _is_site_segment(kept[0], site_keys):
            kept.pop(0)
        if len(kept) < len(parts):
            # Re-join with the original separators between the kept parts.
            start = title.find(kept[0])
            end = title.rfind(kept[-1]) + len(kept[-1])
            if start >= 0 and end > start:
                return title[start:end].strip()
            return " - ".join(kept)
        # No site name recognised: a short last segment after " | " is still almost always one.
        last = parts[-1]
        match = re.search(r"\s+\|\s+[^|]{1,40}$", title)
        if match and len(last.split()) <= 4 and len(parts[0]) > len(last):
            return title[: match.start()].strip()
    for site in site_names:
        if not site:
            continue
        for pattern in (rf"^{re.escape(site)}\s*[:|–—-]\s+", rf"\s+[:|–—-]\s*{re.escape(site)}$"):
            stripped = re.sub(pattern, "", title, flags=re.I)
            if stripped != title and stripped:
                return stripped.strip()
    return title


def _words(text: str) -> set[str]:
    return {fold_key(w) for w in re.findall(r"\w+", text)} - {""}


def headings(root) -> list[tuple[str, set[str]]]:
    """The page's <h1> texts, each with the keys of the elements inside it (a kicker in a <span>)."""
    out = []
    for h in root.iter("h1"):
        text = clean_text(h.text_content())
        if text:
            out.append(
                (
                    text,
                    {
                        fold_key(c.text_content())
                        for c in h.iterdescendants()
                        if isinstance(c.tag, str)
                    },
                )
            )
    if not out:
        # Old templates mark the headline with a class instead of <h1>.
        for h in root.xpath(
            "//*[contains(@class,'headline') or contains(@class,'contentheading')]"
        )[:2]:
            text = clean_text(h.text_content())
            if text:
                out.append((text, set()))
    return out


_SHOWN_TAGS = ("h2", "h3", "b", "strong", "font", "span", "p", "td", "div", "big", "center")


def shown_title_part(root, html_title: str | None) -> str | None:
    """The longest run of a <title>'s parts that the page shows as a text of its own (its headline)."""
    title = clean_text(html_title)
    if not title or root is None:
        return None
    cuts = list(_CUTS.finditer(title))
    if not cuts:
        return None
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(title)]
    wanted: dict[str, str] = {}
    for a in starts:
        for b in ends:
            part = title[a:b].strip()
            if b > a and len(part.split()) >= 3:
                wanted.setdefault(fold_key(part), part)
    if not wanted:
        return None
    longest = max(len(k) for k in wanted)
    body = root.find("body")
    found = []
    for el in (body if body is not None else root).iter(*_SHOWN_TAGS):
        text = short_text(el, longest * 2 + 40)
        if text is None:
            continue
        key = fold_key(text)
        if key in wanted:
            found.append(wanted[key])
    return max(found, key=len) if found else None


def _reader_version(visible: str, inner: set[str], meta: str, metas_agree: bool) -> bool:
    """True when the visible headline is the one readers get and the metadata one a social/SEO variant.

    The visible one either extends the metadata headline well beyond it (a kicker
    or a longer wording around all of its words, not a kicker element of its own),
    or, when the metadata offers a single headline, says something else entirely.
    """
    vk, mk = fold_key(visible), fold_key(meta)
    if not vk or not mk or vk == mk or mk in inner or len(visible.split()) < 4:
        return False
    vw, mw = _words(visible), _words(meta)
    if mw <= vw and len(mw) <= 0.6 * len(vw):
        return True
    return metas_agree and len(vw & mw) / max(1, len(vw | mw)) < 0.2


def choose_title(
    headline: str | None,
    og_title: str | None,
    h1s: list,
    html_title: str | None,
    site_names: list[str],
    shown_part=None,
) -> tuple[str, str]:
    """The best headline and where it came from.

    The headline readers see wins when the metadata only shortens it or replaces it
    with a search-engine wording.
    Otherwise the article's structured headline comes first, unless it merely
    repeats the <title> while the OpenGraph title differs; then the OpenGraph
    title; without either, the visible <h1> (unless it is the site's logo), then the
    part of the <title> the page shows, then the <title> without the site name.
    ``h1s`` holds texts or (text, keys of the elements inside) pairs; ``shown_part``
    is called only when the <title> is needed.
    """
    pairs = [(h, set()) if isinstance(h, str) else h for h in h1s]
    pairs = [(clean_text(h), inner) for h, inner in pairs if h and 3 <= len(clean_text(h)) <= 400]
    site_keys = [site_key(s) for s in site_names if s]
    pairs = [
        (h, inner) for h, inner in pairs if not _is_site_segment(h, site_keys) and len(h) <= 300
    ]
    metas = [
        strip_site(v, site_names) for v in (headline, og_title) if v and len(clean_text(v)) >= 3
    ]
    if len(pairs) == 1 and metas:
        visible, inner = pairs[0]
        keys = {fold_key(m) for m in metas}
        agree = len(keys) == 1
        if all(_reader_version(visible, inner, m, agree) for m in metas):
            return visible, "heading"
    if headline and og_title and html_title:
        ld_short, og_short = strip_site(headline, site_names), strip_site(og_title, site_names)
        title_short = strip_site(html_title, site_names)
        # A structured headline that only repeats the <title> is usually the search-engine
        # variant; the OpenGraph title is then the one the editors wrote for readers.
        if (
            fold_key(ld_short) != fold_key(og_short)
            and fold_key(ld_short) == fold_key(title_short)
            and len(og_short) >= 3
        ):
            return og_short, "meta"
    for value, src in ((headline, "json-ld"), (og_title, "meta")):
        if value and len(clean_text(value)) >= 3:
            return strip_site(value, site_names), src
    # Without metadata the visible <h1> is the headline, unless it is the site's logo.
    if pairs:
        return pairs[0][0], "heading"
    shown = shown_part() if callable(shown_part) else shown_part
    if shown:
        return strip_site(shown, site_names), "title"
    if html_title:
        short = strip_site(html_title, site_names)
        if short:
            return short, "title"
    if h1s:
        first = h1s[0] if isinstance(h1s[0], str) else h1s[0][0]
        return clean_text(first), "heading"
    return "", "none"
