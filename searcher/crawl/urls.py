"""URL normalisation: one spelling per page, so a page is fetched and stored once."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that track the visitor rather than select the content.
TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_id", "wickedid", "ref_src", "ref_url", "cmpid", "s_cid",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_", "hsa_")

# Characters left as they are in paths and queries; everything else is percent-encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


def _clean_path(path: str) -> str:
    """Resolve dot segments and give the path one percent-encoding."""
    if not path:
        return "/"
    trailing = path.endswith("/") or path.endswith("/.") or path.endswith("/..")
    resolved = posixpath.normpath(path)
    if resolved.startswith("//"):  # normpath keeps a leading double slash
        resolved = "/" + resolved.lstrip("/")
    if resolved == ".":
        resolved = "/"
    if trailing and not resolved.endswith("/"):
        resolved += "/"
    return quote(unquote(resolved), safe=_PATH_SAFE.replace("%", ""))


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The normal form of an http(s) URL (resolved against base), or None when it is not one."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
        query = urlencode(pairs, quote_via=quote, safe="/:@!$'()*,;")
    return urlunsplit((scheme, netloc, _clean_path(parts.path), query, ""))


def host_of(url: str) -> str:
    """The host (with a non-default port) of a normalised URL: the unit of politeness."""
    return urlsplit(url).netloc


def site_of(url: str) -> str:
    """The site a URL belongs to: its host without a leading 'www.' and without port."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, where its robots.txt lives."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


_NON_PAGE_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|avif|mp[34]|m4[av]|mov|avi|webm|ogg|wav|flac|"
    r"pdf|zip|gz|tgz|bz2|xz|7z|rar|tar|exe|dmg|msi|apk|iso|docx?|xlsx?|pptx?|odt|ods|"
    r"css|js|json|woff2?|ttf|eot|otf)$",
    re.IGNORECASE,
)


def looks_like_non_page(url: str) -> bool:
    """True when the URL's path ends in an extension that is never an HTML or text page."""
    return bool(_NON_PAGE_EXTENSIONS.search(urlsplit(url).path))
