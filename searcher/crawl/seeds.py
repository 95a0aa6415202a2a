"""What a seed is: a URL, a robots.txt, a local file or folder, or a WARC archive."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..corpus import PAGE_SUFFIXES
from ..errors import CrawlError
from .urls import normalize_url, site_of, url_problem

# A URL scheme; one letter is a Windows drive, not a scheme.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

# Seed kinds. A URL's own kind (page, feed or sitemap) is known only once it is fetched:
# the crawler reads the response's content, so no flag is needed.
URL = "url"
ROBOTS = "robots"
FILE = "file"
FOLDER = "folder"
WARC = "warc"


@dataclass
class Seed:
    """One recognised seed."""

    kind: str
    value: str  # a normalised URL, or an absolute path
    site: str | None = None

    @property
    def path(self) -> Path:
        """The seed as a local path (file, folder and WARC seeds)."""
        return Path(self.value)


def recognise(seed: str) -> Seed:
    """Recognise a seed's kind from its text and, for paths, from the file system."""
    text = seed.strip()
    if not text:
        raise CrawlError("empty seed")
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else ""
    if scheme == "file":
        return _local(Path(unquote(urlsplit(text).path)), seed)
    if scheme in ("http", "https"):
        url = normalize_url(text)
        if url is None:
            raise CrawlError(f"not a valid URL: {seed} ({url_problem(text)})")
        kind = ROBOTS if urlsplit(url).path == "/robots.txt" else URL
        return Seed(kind, url, site_of(url))
    if scheme:
        raise CrawlError(f"only http and https URLs can be crawled: {seed}")
    path = Path(text).expanduser()
    if path.exists():
        return _local(path, seed)
    if "." in text.split("/", 1)[0] and " " not in text and not text.startswith((".", "/")):
        raise CrawlError(
            f"no such file or folder: {seed} (for a web address, write https://{text})"
        )
    raise CrawlError(f"no such file or folder: {seed}")


def _local(path: Path, seed: str) -> Seed:
    if not path.exists():
        raise CrawlError(f"no such file or folder: {seed}")
    path = path.resolve()
    if path.is_dir():
        return Seed(FOLDER, str(path))
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return Seed(WARC, str(path))
    if name.endswith(PAGE_SUFFIXES):
        return Seed(FILE, str(path))
    raise CrawlError(
        f"cannot crawl {seed}: expected a folder, a page ({', '.join(PAGE_SUFFIXES)}) or a WARC file (.warc, .warc.gz)"
    )


def recognise_all(seeds: list[str] | tuple[str, ...]) -> list[Seed]:
    """Recognise every seed, failing on the first that cannot be used (before anything is fetched)."""
    if not seeds:
        raise CrawlError("nothing to crawl: give at least one URL, file, folder or WARC file")
    return [recognise(s) for s in seeds]
