"""The HTTP client: timeouts, size cap streamed to disk, allowed content types, redirects, retries."""

from __future__ import annotations

import email.utils
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx

from .. import __version__
from ..errors import CrawlError
from .deadline import DeadlineTransport, deadline
from .politeness import Politeness
from .urls import host_of, normalize_url, url_problem

DEFAULT_USER_AGENT = f"searcher/{__version__} (news archive crawler)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_SIZE = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = (429, 503)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)

# Content types stored as pages; feeds and sitemaps add their XML types.
PAGE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
XML_TYPES = frozenset(
    {
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-gzip",
        "application/gzip",
        "application/octet-stream",
    }
)
DOCUMENT_TYPES = PAGE_TYPES | XML_TYPES
# Pages whose links are read ("" when the server names no type).
HTML_TYPES = ("text/html", "application/xhtml+xml", "")

STATUS_NAMES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    429: "Too Many Requests",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class FetchError(CrawlError):
    """A URL that was not fetched, with the reason; outcome is 'skipped' (by policy) or 'failed'."""

    def __init__(
        self,
        reason: str,
        outcome: str = "failed",
        status: int | None = None,
        final_url: str | None = None,
        permanent: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.outcome = outcome
        self.status = status
        self.final_url = final_url
        # True when asking again will not help (404, 410, not HTML, redirect loop): later runs skip it.
        self.permanent = permanent or status in (404, 410)


class Interrupted(Exception):
    """The crawl is stopping; the URL stays pending for the next run."""


@dataclass
class FetchResult:
    """A response: status, the headers worth keeping, and the body in a temporary file."""

    url: str
    final_url: str
    status: int
    fetched_at: str
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    path: Path | None = None  # body (content-encoding removed); None for 304 and redirects
    size: int = 0
    redirects: list[str] = field(default_factory=list)
    location: str | None = None  # a redirect to another host, left for the crawler to schedule
    http_version: str = "HTTP/1.1"
    reason_phrase: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request."""
        return self.status == 304

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower-case."""
        return media_type(self.content_type)

    def discard(self) -> None:
        """Remove the temporary body file."""
        if self.path is not None:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            self.path = None


def media_type(content_type: str | None) -> str:
    """'text/html; charset=utf-8' -> 'text/html'."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a content type, if any."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def human_size(size: int) -> str:
    """1536 -> '1.5 KB'."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return (
                f"{int(value)} {unit}"
                if unit == "bytes"
                else f"{value:.1f} {unit}".replace(".0 ", " ")
            )
        value /= 1024
    return f"{size} bytes"


class Fetcher:
    """Fetches URLs politely; one instance is shared by the crawl's worker threads."""

    def __init__(
        self,
        tmp_dir: Path,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = DEFAULT_TIMEOUT,
        max_size: int = DEFAULT_MAX_SIZE,
        max_redirects: int = MAX_REDIRECTS,
        retries: int = 3,
        retry_base: float = 1.0,
        max_retry_wait: float = 120.0,
        politeness: Politeness | None = None,
        allowed: Callable[[str], str | None] | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.tmp_dir = Path(tmp_dir)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self.max_size = max_size
        self.max_redirects = max_redirects
        self.retries = retries
        self.retry_base = retry_base
        self.max_retry_wait = max_retry_wait
        self.politeness = politeness or Politeness(0.0)
        # Returns None when robots.txt allows the URL, else the reason it does not.
        self.allowed = allowed
        self.stop = stop or threading.Event()
        self.requests = 0
        self._count_lock = threading.Lock()
        self.client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            },
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            event_hooks={"response": [_take_location]},
            # The default transport bounds the whole exchange, not only each wait, by the timeout.
            transport=transport if transport is not None else DeadlineTransport(),
        )

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def fetch(
        self,
        url: str,
        *,
        accept: Iterable[str] | None = PAGE_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
        max_size: int | None = None,
        check_robots: bool = True,
    ) -> FetchResult:
        """GET a URL, following same-host redirects; raises FetchError or Interrupted."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        accept_set = frozenset(accept) if accept is not None else None
        limit = max_size or self.max_size
        seen = [url]
        current = url
        for hop in range(self.max_redirects + 1):
            if hop and check_robots and self.allowed is not None:
                refusal = self.allowed(current)
                if refusal:
                    raise FetchError(
                        f"redirected to {current}, {refusal}", "skipped", final_url=current
                    )
            result = self._get_with_retries(current, headers, accept_set, limit)
            result.url = url
            result.redirects = seen[:-1]
            if result.status not in REDIRECT_STATUSES:
                return result
            target = normalize_url(result.location or "", base=current)
            if target is None:
                problem = url_problem(result.location or "", base=current)
                raise FetchError(
                    f"redirect to an unusable URL {result.location!r}: {problem}",
                    status=result.status,
                    permanent=True,
                )
            if target in seen:
                raise FetchError(
                    f"redirect loop: {' -> '.join(seen + [target])}",
                    status=result.status,
                    final_url=target,
                    permanent=True,
                )
            seen.append(target)
            if host_of(target) != host_of(current):
                result.location = target
                result.redirects = seen[:-1]
                return result
            # Conditional headers belong to the URL they were stored for.
            headers = {}
            current = target
        raise FetchError(
            f"too many redirects (more than {self.max_redirects})",
            final_url=current,
            permanent=True,
        )

    def _get_with_retries(
        self, url: str, headers: dict, accept: frozenset | None, limit: int
    ) -> FetchResult:
        host = host_of(url)
        attempt = 0
        while True:
            if self.stop.is_set():
                raise Interrupted(url)
            with self.politeness.request(host):
                if self.stop.is_set():
                    raise Interrupted(url)
                outcome = self._exchange(url, headers, accept, limit)
            if isinstance(outcome, FetchResult):
                return outcome
            status, retry_after = outcome
            if attempt >= self.retries:
                raise FetchError(
                    f"HTTP {status} {STATUS_NAMES.get(status, '')}, still after {attempt} retries".replace(
                        "  ", " "
                    ),
                    status=status,
                )
            wait = retry_after if retry_after is not None else self.retry_base * (2**attempt)
            if wait > self.max_retry_wait:
                raise FetchError(
                    f"HTTP {status}, asked to retry after {wait:.0f}s (longer than {self.max_retry_wait:.0f}s)",
                    status=status,
                )
            # The host's next slot waits out Retry-After, so no other request reaches it meanwhile.
            self.politeness.postpone(host, wait)
            attempt += 1

    def _exchange(
        self, url: str, headers: dict, accept: frozenset | None, limit: int
    ) -> FetchResult | tuple[int, float | None]:
        """One request and its body within the timeout; a (status, retry_after) tuple when it should be retried."""
        with self._count_lock:
            self.requests += 1
        fetched_at = utc_now()
        with deadline(self.timeout) as at:
            try:
                request = self.client.build_request("GET", url, headers=headers)
                response = self.client.send(request, stream=True)
            except httpx.ConnectTimeout:
                raise FetchError(f"timed out: no connection within {self.timeout:g}s") from None
            except httpx.TimeoutException:
                raise FetchError(
                    f"timed out: no complete response headers within {self.timeout:g}s"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"network error: {_describe(exc)}") from None
            try:
                return self._response(response, url, fetched_at, accept, limit, at)
            finally:
                response.close()

    def _response(
        self,
        response: httpx.Response,
        url: str,
        fetched_at: str,
        accept: frozenset | None,
        limit: int,
        at: float,
    ) -> FetchResult | tuple[int, float | None]:
        """What a response's status and headers call for: a result, a retry, or a FetchError."""
        status = response.status_code
        result = FetchResult(
            url=url,
            final_url=url,
            status=status,
            fetched_at=fetched_at,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            http_version=response.http_version or "HTTP/1.1",
            reason_phrase=response.reason_phrase or "",
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
        )
        if status in RETRY_STATUSES:
            return status, parse_retry_after(response.headers.get("retry-after"))
        if status in REDIRECT_STATUSES:
            result.location = response.extensions.get(_LOCATION)
            if not result.location:
                raise FetchError(f"HTTP {status} redirect without a Location", status=status)
            return result
        if status == 304:
            return result
        if status != 200:
            name = STATUS_NAMES.get(status) or response.reason_phrase or ""
            raise FetchError(f"HTTP {status} {name}".strip(), status=status)
        kind = result.media_type
        if accept is not None and kind and kind not in accept:
            raise FetchError(
                f"not a page: content type {kind}", "skipped", status=status, permanent=True
            )
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                f"too large: {human_size(int(declared))} (limit {human_size(limit)})",
                "skipped",
                status=status,
            )
        result.path, result.size = self._download(
            response, limit, at, first_check=accept is not None and not kind
        )
        return result

    def _download(
        self, response: httpx.Response, limit: int, at: float, first_check: bool
    ) -> tuple[Path, int]:
        """Stream the (decoded) body into a temporary file, stopping at the size limit or the deadline `at`."""
        handle = tempfile.NamedTemporaryFile(
            dir=self.tmp_dir, prefix="fetch-", suffix=".part", delete=False
        )
        path = Path(handle.name)
        size = 0
        try:
            with handle:
                try:
                    for chunk in response.iter_bytes(65536):
                        if first_check and size == 0 and b"\x00" in chunk[:1024]:
                            raise FetchError(
                                "not a page: binary content without a content type",
                                "skipped",
                                status=response.status_code,
                            )
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(
                                f"too large: more than {human_size(limit)}",
                                "skipped",
                                status=response.status_code,
                            )
                        if self.stop.is_set():
                            raise Interrupted(str(response.url))
                        if time.monotonic() > at:  # a transport that does not bound its own waits
                            raise httpx.ReadTimeout("deadline passed")
                        handle.write(chunk)
                except httpx.TimeoutException:
                    raise FetchError(
                        f"timed out: body not complete within {self.timeout:g}s "
                        f"({human_size(size)} received)",
                        status=response.status_code,
                    ) from None
                except httpx.HTTPError as exc:
                    raise FetchError(
                        f"network error while reading the body: {_describe(exc)}"
                    ) from None
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path, size


_LOCATION = "searcher.location"


def _take_location(response: httpx.Response) -> None:
    """Move a redirect's Location out of httpx's sight: it parses it even when not following redirects,
    and fails outside its HTTPError family on a Location such as 'javascript:'; the crawler checks it."""
    location = response.headers.get("location")
    if location is not None:
        response.extensions = {**response.extensions, _LOCATION: location}
        del response.headers["location"]


def _describe(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def cleanup_temp(tmp_dir: Path) -> None:
    """Remove partial downloads left by an interrupted run."""
    if not tmp_dir.is_dir():
        return
    for entry in tmp_dir.iterdir():
        if entry.name.endswith(".part"):
            try:
                os.unlink(entry)
            except OSError:
                pass
