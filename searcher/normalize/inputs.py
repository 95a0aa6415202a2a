"""Pages to extract from: local files (or folders of them) and URLs fetched with a timeout."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import content_type_for, is_page_file, read_meta
from ..errors import ExtractError

FETCH_TIMEOUT = 20.0
MAX_FETCH_BYTES = 20 * 1024 * 1024
USER_AGENT = "searcher/0.1 (news archive; extract)"


@dataclass
class PageInput:
    """The bytes of one page with what is known about where it came from."""

    name: str
    data: bytes
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def is_url(arg: str) -> bool:
    """True for an http(s) URL argument."""
    return arg.lower().startswith(("http://", "https://"))


def fetch_url(url: str, timeout: float | None = None) -> PageInput:
    """GET a URL with the crawler's client (redirects followed, size capped, the whole response
    within `timeout`); raises ExtractError with the reason."""
    import tempfile

    from ..crawl.fetch import MAX_REDIRECTS, Fetcher, FetchError

    with tempfile.TemporaryDirectory(prefix="searcher-extract-") as tmp:
        fetcher = Fetcher(
            Path(tmp),
            user_agent=USER_AGENT,
            timeout=timeout or FETCH_TIMEOUT,
            max_size=MAX_FETCH_BYTES,
            retries=0,
        )
        try:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                result = fetcher.fetch(current, accept=None)
                if not result.location:  # a redirect to another host comes back to be followed here
                    break
                current = result.location
            else:
                raise ExtractError(f"cannot fetch {url}: too many redirects")
            data = result.path.read_bytes() if result.path is not None else b""
        except FetchError as exc:
            raise ExtractError(f"cannot fetch {url}: {exc.reason}") from None
        finally:
            fetcher.close()
    meta = {
        "url": url,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "status": result.status,
    }
    return PageInput(name=url, data=data, url=result.final_url, meta=meta)


def read_file(path: Path) -> PageInput:
    """A local page with its sidecar metadata; raises ExtractError when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ExtractError(f"is a folder: {path}") from None
    except OSError as exc:
        raise ExtractError(f"cannot read {path}: {exc.strerror or exc}") from None
    meta = read_meta(path)
    meta.setdefault("content_type", content_type_for(path.name))
    return PageInput(
        name=str(path), data=data, url=meta.get("final_url") or meta.get("url"), meta=meta
    )


def expand(args: list[str]) -> Iterator[str]:
    """Each argument, with folders replaced by the pages below them (sorted)."""
    for arg in args:
        if not is_url(arg) and os.path.isdir(arg):
            for dirpath, dirnames, filenames in os.walk(arg):
                dirnames.sort()
                for name in sorted(filenames):
                    path = os.path.join(dirpath, name)
                    # Named pipes inside a folder would block; one named on purpose (/dev/stdin) is read.
                    if is_page_file(name) and os.path.isfile(path):
                        yield path
        else:
            yield arg


def load(arg: str) -> PageInput:
    """One page from a file path or an http(s) URL."""
    return fetch_url(arg) if is_url(arg) else read_file(Path(arg))
