"""The outlet that published a page, and the original source of syndicated or reposted copies."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from ..textfold import fold_key
from .authors import is_agency, is_organisation
from .html import clean_text, text_of

_NAME = r"([A-Z0-9][\w&.'’\- ]{1,60}?)"
_SOURCE_PATTERNS = [
    re.compile(
        r"(?:the\s+)?original\s+source\s+of\s+this\s+(?:article|story|post)\s+is\s+"
        + _NAME
        + r"\s*(?:[.\n(]|$)",
        re.I,
    ),
    re.compile(
        r"this\s+(?:article|story|piece|post)\s+(?:was\s+)?(?:first|originally)\s+(?:appeared|published|ran)\s+(?:in|on|at|by)\s+"
        + _NAME
        + r"\s*(?:[.,\n(]|\s+on\b|$)",
        re.I,
    ),
    re.compile(
        r"(?:first|originally)\s+(?:published|appeared)\s+(?:in|on|at|by)\s+"
        + _NAME
        + r"\s*(?:[.,\n(]|\s+(?:on|and|under|through|as|with)\b|$)",
        re.I,
    ),
    re.compile(
        r"(?:republished|reprinted|reproduced)\s+(?:with\s+permission\s+)?(?:from|by)\s+"
        + _NAME
        + r"\s*(?:[.,\n(]|$)",
        re.I,
    ),
    re.compile(r"^(?:source|quelle|fuente|fonte|bron)\s*:\s*" + _NAME + r"\s*$", re.I | re.M),
]
_CONTRIBUTED = re.compile(
    r"(?:^|[.\n]\s*)(?:the\s+)?"
    + r"([A-Z][\w&.'’\- ]{1,40}?)"
    + r"\s+contributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article|reporting)",
    re.M,
)
# "WASHINGTON (AP) —", "BERLIN (dpa) -", "PARIS, March 3 (Reuters) -"
_DATELINE = re.compile(
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’/-]{1,40}(?:,\s*[^()\n]{1,40})?\s*\(([A-Za-z][\w .&-]{1,30})\)\s*[—–-]{1,2}\s",
    re.M,
)


def domain_name(url: str | None) -> str | None:
    """The site's host name without "www." (e.g. "example.com")."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in ("www.", "www1.", "www2.", "m.", "amp.", "edition."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def domain_label(url_or_host: str | None) -> str | None:
    """The distinctive label of a host: "fenwickgazette" for www.fenwickgazette.example."""
    host = domain_name(url_or_host) if url_or_host and "/" in url_or_host else url_or_host
    if not host:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "gov", "ac"):
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    return fold_key(labels[-1]) if labels else None


def matches_domain(name: str, url: str | None) -> bool:
    """True when a name is plausibly the site's name ("NY Times" / "The New York Times" for nytimes.com)."""
    label = domain_label(url)
    key = fold_key(name)
    if not label or not key or len(label) < 3:
        return False
    return (
        label in key
        or key in label
        or (len(label) >= 4 and _is_subsequence(label, key) and len(key) <= 3 * len(label))
    )


def acronym(name: str) -> str:
    """Initials of a multi-word name: "Continental Press Service" -> "cps"."""
    words = [
        w
        for w in re.findall(r"[^\W\d_]+", name)
        if w.lower() not in ("the", "of", "and", "de", "la", "el", "der", "die")
    ]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def same_outlet(a: str | None, b: str | None) -> bool:
    """True when two outlet names denote the same outlet (case, spacing, "The", initials)."""
    if not a or not b:
        return False
    ka, kb = fold_key(a), fold_key(b)
    if not ka or not kb:
        return False
    for x, y in ((ka, kb), (kb, ka)):
        if x == y or (len(x) >= 3 and x in y):
            return True
    return ka == acronym(b) or kb == acronym(a)


def without_source(authors: list[str], source: str | None) -> list[str]:
    """The authors of a reposted copy without the original outlet, which is its source, not a writer.

    News agencies stay: a wire story's byline names the agency as its author.
    """
    if not source:
        return authors
    return [a for a in authors if is_agency(a) or not same_outlet(a, source)]


def choose_outlet(
    site_name: str | None,
    publisher: str | None,
    app_name: str | None,
    url: str | None,
    title_parts: list[str] | None = None,
    logo_names: Callable[[], list[str]] | list[str] | None = None,
    copyright_holders: Callable[[], list[str]] | list[str] | None = None,
) -> tuple[str | None, str]:
    """The outlet's name and where it came from: metadata, then the page's own branding, then the domain."""
    for value, src in ((site_name, "meta"), (publisher, "json-ld"), (app_name, "meta")):
        if (
            value
            and value.strip()
            and len(value.strip()) <= 80
            and not value.strip().lower().startswith("http")
        ):
            return value.strip(), src
    parts = [p.strip() for p in (title_parts or []) if p and p.strip()]
    edge = parts[:1] + parts[-1:] if len(parts) > 1 else []
    # The home-page logo's name, when the <title> or the domain confirms it.
    if callable(logo_names):
        logo_names = logo_names()
    for name in logo_names or []:
        name = name.strip()
        if 2 <= len(name) <= 60 and (
            any(fold_key(name) == fold_key(p) for p in edge) or matches_domain(name, url)
        ):
            return name, "page"
    for part in edge:
        if 2 <= len(part) <= 60 and matches_domain(part, url):
            return part, "title"
    # The copyright holder, when the domain, the <title> or the logo confirms it is this site.
    if callable(copyright_holders):
        copyright_holders = copyright_holders()
    for name in copyright_holders or []:
        if (
            matches_domain(name, url)
            or any(same_outlet(name, p) for p in edge)
            or any(same_outlet(name, n) for n in logo_names or [])
        ):
            return name, "page"
    domain = domain_name(url)
    return (domain, "url") if domain else (None, "none")


def _clean_source(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .,:;'\"“”")
    if not name or len(name) > 60 or len(name.split()) > 7:
        return None
    return name


def find_source(
    text: str, outlet: str | None, page_text: str = "", byline_orgs: list[str] | tuple = ()
) -> tuple[str | None, str]:
    """The original outlet of a reposted or syndicated copy, and how it was found.

    In order: a statement ("The original source of this article is X", "first
    appeared in X") in the body or anywhere on the page; an organisation named in
    the byline beside the authors; an agency in the dateline ("CITY (Agency) —");
    "X contributed to this report".
    """
    text = text or ""
    head = text[:1500]

    def differs(name: str) -> bool:
        return not same_outlet(name, outlet)

    for pattern in _SOURCE_PATTERNS:
        for chunk in (text[-4000:], head, page_text):
            if not chunk:
                continue
            match = pattern.search(chunk)
            if match:
                name = _clean_source(match.group(1))
                if name and differs(name):
                    return name, "text"
    for org in byline_orgs:
        if differs(org):
            return org, "byline"
    match = _DATELINE.search(head)
    if match:
        name = _clean_source(match.group(1))
        if name and differs(name) and (is_agency(name) or any(c.isupper() for c in name)):
            return name, "dateline"
    match = _CONTRIBUTED.search(text[-4000:])
    if match:
        name = _clean_source(match.group(1))
        # "Jane Doe contributed to this report" credits a reporter, not an outlet.
        if name and differs(name) and len(name.split()) <= 4 and is_organisation(name):
            return name, "text"
    return None, "none"


_SOURCE_HINTS = (
    "original source",
    "originally",
    "first appeared",
    "first published",
    "republished",
    "reprinted",
    "reproduced",
)


def has_source_hint(html: str) -> bool:
    """True when the page may carry a source statement (substring tests: a regex is slow on big pages)."""
    low = html.lower()
    return any(hint in low for hint in _SOURCE_HINTS)


_LEAF_SKIP = {
    "p",
    "div",
    "li",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "aside",
    "footer",
    "header",
}


def short_blocks(root) -> str:
    """Short text blocks of the whole page, one per line (source lines often sit outside the body)."""
    out: list[str] = []
    for el in root.iter("p", "div", "li", "td", "small", "footer", "section", "span"):
        if any(isinstance(c.tag, str) and c.tag in _LEAF_SKIP for c in el):
            continue
        text = text_of(el)
        if 12 <= len(text) <= 300:
            out.append(text)
    return "\n".join(out)


_LOGO_WORDS = re.compile(
    r"(?:^(?:logo|home)\b\s*(?:of|von|de)?\s*[:|-]?\s*|\s*[:|-]?\s*\b(?:logo|home(?:page)?|startseite)$)",
    re.I,
)
_HOME_HREF = re.compile(r"(?:https?:)?//[^/]+/?")
_LOGO_CLASS = re.compile(r"logo|brand|masthead|site-?name", re.I)


def logo_names(root) -> list[str]:
    """Names the page gives its own home link: logo image alt text or the link's text."""
    out: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not (href == "/" or _HOME_HREF.fullmatch(href)):
            continue
        for img in a.iter("img"):
            alt = _LOGO_WORDS.sub("", clean_text(img.get("alt")))
            if alt:
                out.append(alt)
        ci = f"{a.get('class') or ''} {a.getparent().get('class') if a.getparent() is not None else ''}"
        if _LOGO_CLASS.search(ci):
            text = text_of(a)
            if text:
                out.append(text)
        if len(out) >= 4:
            break
    return out


# "Copyright © 2004 The Dunmore Clarion. All rights reserved." / "© 2003 Ridgeway Post Publishing Co."
_COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*,?\s*)?(?:by\s+)?"
    r"([A-Z][\w&'’.\- ]{1,60}?)\s*(?:[,.;|]\s|[,.;|]?$|\s+(?:all rights|alle rechte|tous droits|\d{4}\b))",
    re.I,
)
_COMPANY = re.compile(
    r"\s+(?:publishing|publications|newspapers?|media|group|company|co\.?|inc\.?|llc|ltd\.?|corp\.?|gmbh|ag)\b.*$",
    re.I,
)


def copyright_holders(root) -> list[str]:
    """Names in the page's copyright lines, last line first (the site's own footer closes the page)."""
    out: list[str] = []
    for node in reversed(
        root.xpath(
            "//body//text()[contains(., '©') or contains(translate(., 'COPYRIGHT', 'copyright'), 'copyright')]"
        )
    ):
        match = _COPYRIGHT.search(clean_text(str(node)))
        if not match or match.group(1)[:1].islower():
            continue
        name = _COMPANY.sub("", match.group(1)).strip(" .,")
        if 2 <= len(name) <= 60 and len(name.split()) <= 6 and name not in out:
            out.append(name)
        if len(out) >= 3:
            break
    return out
