"""URL normalisation: one spelling per page, so a page is fetched and stored once."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_plus, urljoin, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that track the visitor rather than select the content.
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "ref_src",
    "ref_url",
    "cmpid",
    "s_cid",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_", "hsa_")

# Characters left as they are in paths and queries; everything else is percent-encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _one_encoding(text: str, safe: str) -> str:
    """Escapes of unreserved characters decoded, the rest upper-cased, anything unsafe encoded.

    Only unreserved characters are decoded (RFC 3986 6.2.2.2): "%2F" is not "/" and must
    stay as it is, or the URL names another resource.
    """

    def unescape(match: re.Match) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return quote(_ESCAPE.sub(unescape, text), safe=safe)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: "." and ".." resolved; empty segments ("a//b") kept, they may matter."""
    segments = path.split("/")
    out: list[str] = []
    for segment in segments[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")
    return "/" + "/".join(out)


def _clean_path(path: str) -> str:
    """Dot segments resolved and one percent-encoding."""
    if not path:
        return "/"
    # Decode unreserved escapes first, so that "%2E%2E" is resolved like "..".
    return _remove_dot_segments(
        _one_encoding(path if path.startswith("/") else "/" + path, _PATH_SAFE)
    )


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The normal form of an http(s) URL (resolved against base), or None when it is not one."""
    return _normal(url, base)[0]


def url_problem(url: str, base: str | None = None) -> str | None:
    """Why normalize_url refuses a URL ('not an http(s) URL', 'invalid port 99999'...), or None."""
    return _normal(url, base)[1]


def _normal(url: str, base: str | None) -> tuple[str | None, str | None]:
    """(normal form, None), or (None, the reason there is none)."""
    url = (url or "").strip()
    if not url:
        return None, "empty URL"
    if base:
        try:
            url = urljoin(base, url)
        except ValueError as exc:
            return None, f"invalid URL ({exc})"
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, "invalid URL"
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return None, "not an http(s) URL"
    try:
        port = parts.port
    except ValueError:
        return None, f"invalid port {parts.netloc.rpartition(':')[2]}"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None, "no host name"
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        return None, f"invalid host name {host!r}"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # The query's own pairs are kept as written ("?x" is not "?x="), less the tracking ones.
    pairs = [
        p
        for p in parts.query.split("&")
        if p and not _is_tracking(unquote_plus(p.split("=", 1)[0]))
    ]
    query = "&".join(_one_encoding(p, _PATH_SAFE + "?") for p in pairs)
    return urlunsplit((scheme, netloc, _clean_path(parts.path), query, "")), None


def host_of(url: str) -> str:
    """The host (with a non-default port) of a normalised URL: the unit of politeness."""
    return urlsplit(url).netloc


def site_of(url: str) -> str:
    """The site a URL belongs to: its host without a leading 'www.', with its port if not the default.

    Another port of the same host is another server, often another site altogether.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    try:
        port = parts.port
    except ValueError:
        port = None
    return host if port in (None, DEFAULT_PORTS.get(parts.scheme.lower())) else f"{host}:{port}"


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
