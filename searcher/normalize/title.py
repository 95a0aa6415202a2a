"""The headline: chosen among JSON-LD, OpenGraph, <h1> and <title>, without site-name suffixes."""

from __future__ import annotations

import re
from html import unescape

from ..textfold import fold_key
from .html import clean_text

_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|«|»|/|\\|~)\s+|\s*[|｜ㅣ]\s*|\s*[：]\s*")


# A trailing part that is only a date or a number ("– DW – 13.06.2023").
_DATE_PART = re.compile(r"^[\d\s./:-]+$")


def _is_site_segment(segment: str, site_keys: list[str]) -> bool:
    key = fold_key(segment)
    if not key or _DATE_PART.match(segment.strip()):
        return True
    for site in site_keys:
        if site and (key == site or (len(site) >= 3 and (key.startswith(site) or site.startswith(key) or site in key) and len(key) <= len(site) + 12)):
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
    site_keys = [fold_key(s) for s in site_names if s and fold_key(s)]
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


def choose_title(
    headline: str | None,
    og_title: str | None,
    h1s: list[str],
    html_title: str | None,
    site_names: list[str],
) -> tuple[str, str]:
    """The best headline and where it came from.

    The article's structured headline comes first, unless it merely repeats the
    <title> while the OpenGraph title differs; then the OpenGraph title; without
    either, the visible <h1> (unless it is the site's logo), then the <title>
    without the site name.
    """
    h1s = [clean_text(h) for h in h1s if h and 3 <= len(clean_text(h)) <= 400]
    if headline and og_title and html_title:
        ld_short, og_short = strip_site(headline, site_names), strip_site(og_title, site_names)
        title_short = strip_site(html_title, site_names)
        # A structured headline that only repeats the <title> is usually the search-engine
        # variant; the OpenGraph title is then the one the editors wrote for readers.
        if fold_key(ld_short) != fold_key(og_short) and fold_key(ld_short) == fold_key(title_short) and len(og_short) >= 3:
            return og_short, "meta"
    for value, src in ((headline, "json-ld"), (og_title, "meta")):
        if value and len(clean_text(value)) >= 3:
            return strip_site(value, site_names), src
    # Without metadata the visible <h1> is the headline, unless it is the site's logo.
    site_keys = [fold_key(s) for s in site_names if s]
    for h1 in h1s:
        if not _is_site_segment(h1, site_keys) and len(h1) <= 300:
            return h1, "heading"
    if html_title:
        short = strip_site(html_title, site_names)
        if short:
            return short, "title"
    if h1s:
        return h1s[0], "heading"
    return "", "none"
