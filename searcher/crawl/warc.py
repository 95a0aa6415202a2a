"""WARC archives: read the response records of a WARC (gzipped or not); write what a crawl fetched."""

from __future__ import annotations

import gzip
import os
import re
import tempfile
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..errors import CrawlError
from .fetch import FetchResult, human_size, media_type, utc_now
from .urls import normalize_url

# Headers that describe the transfer, not the stored payload (which is decoded).
_TRANSFER_HEADERS = {
    "content-encoding",
    "transfer-encoding",
    "content-length",
    "connection",
    "keep-alive",
}


@dataclass
class WarcRecord:
    """A response record read from a WARC: the URL, when, and the HTTP response it holds."""

    url: str | None
    result: FetchResult | None  # body in a temporary file; None when the record was skipped
    reason: str | None = None  # why it was skipped
    damaged: int | None = None  # the byte offset of a damaged record in the file


class _Records(ArchiveIterator):
    """warcio's reader, counting a record not followed by its blank lines instead of printing it."""

    INC_RECORD = ""  # warcio writes this warning to stderr; err_count still says it happened


# Where a record may start: a WARC/ARC header at the start of a line, or a gzip member.
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n|filedesc://)")
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
_SCAN_CHUNK = 1 << 20


def read_warc(
    path: Path, tmp_dir: Path, accept: frozenset[str], max_size: int
) -> Iterator[WarcRecord]:
    """The response records of a WARC file, each with its payload (decoded) in a temporary file.

    A damaged record (a wrong Content-Length, a cut-off or corrupt gzip member, headers that
    do not parse) is reported as a WarcRecord with `damaged` set, and reading goes on at the
    next record start, so every good record of the file is still read.
    """
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise CrawlError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        if not _looks_like_warc(handle):
            raise CrawlError(
                f"{path} is not a readable WARC file: it does not start with a WARC or ARC record"
            )
        gzipped = handle.read(2) == b"\x1f\x8b"
        size = os.fstat(handle.fileno()).st_size
        offset: int | None = 0
        while offset is not None:
            handle.seek(offset)
            records = _Records(handle, arc2warc=True, check_digests=True)
            start = offset
            offset = None
            try:
                for record in records:
                    start = records.offset
                    found = _response(record, tmp_dir, accept, max_size)
                    records.read_to_end()
                    problem = _framing_problem(record, records)
                    if problem is None:
                        # A failure from here on (warcio reading the next header) is the
                        # next record's, which starts where this one ended.
                        start = records.offset
                        if found is not None:
                            yield found
                        continue
                    if found is not None and found.result is not None:
                        found.result.discard()
                    yield WarcRecord(found.url if found else None, None, problem, damaged=start)
                    offset = _next_start(handle, start + 1, gzipped)
                    break
                else:
                    if _unread_tail(handle, records.offset, size):
                        yield WarcRecord(
                            None,
                            None,
                            "the file ends inside a record (truncated)",
                            damaged=records.offset,
                        )
            except (
                Exception
            ) as exc:  # warcio fails in many ways on a damaged record; the next one may be fine
                yield WarcRecord(
                    None, None, f"unreadable record: {_first_line(exc)}", damaged=start
                )
                offset = _next_start(handle, start + 1, gzipped)


def _response(record, tmp_dir: Path, accept: frozenset[str], max_size: int) -> WarcRecord | None:
    """What a record gives the corpus: a page, a reason it is left out, or None (not a response)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    raw_url = record.rec_headers.get_header("WARC-Target-URI") or ""
    url = normalize_url(raw_url.strip("<>"))
    if url is None:
        return WarcRecord(raw_url or None, None, "not an http(s) URL")
    headers = record.http_headers
    try:
        status = int(headers.get_statuscode() or "0")
    except ValueError:
        status = 0
    content_type = headers.get_header("Content-Type")
    if status != 200:
        return WarcRecord(url, None, f"archived response is HTTP {status}")
    kind = media_type(content_type)
    if kind and kind not in accept:
        return WarcRecord(url, None, f"not a page: content type {kind}")
    body, size = _spool(record.content_stream(), tmp_dir, max_size)
    if body is None:
        return WarcRecord(url, None, f"too large: more than {human_size(max_size)}")
    result = FetchResult(
        url=url,
        final_url=url,
        status=status,
        fetched_at=record.rec_headers.get_header("WARC-Date") or utc_now(),
        content_type=content_type,
        etag=headers.get_header("ETag"),
        last_modified=headers.get_header("Last-Modified"),
        path=body,
        size=size,
    )
    return WarcRecord(url, result)


def _framing_problem(record, records: _Records) -> str | None:
    """Why a fully read record cannot be trusted, or None: its length, its ending, its digest."""
    missing = getattr(record.raw_stream, "limit", 0)
    declared = record.length
    if missing > 0:
        return f"damaged record: Content-Length says {declared} bytes, the record holds {declared - missing}"
    if records.err_count:
        return "damaged record: it does not end where its Content-Length says"
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        return "damaged record: its content does not match its digest"
    return None


def _next_start(handle, offset: int, gzipped: bool) -> int | None:
    """The offset of the next possible record start at or after `offset`, or None at the end."""
    pattern = _GZIP_MEMBER if gzipped else _RECORD_START
    while True:
        handle.seek(max(0, offset - 1))
        chunk = handle.read(_SCAN_CHUNK + 64)
        if len(chunk) <= 1:
            return None
        for match in pattern.finditer(chunk):
            found = max(0, offset - 1) + match.start(match.lastindex or 0)
            if found >= offset:
                return found
        if len(chunk) < _SCAN_CHUNK + 64:
            return None
        offset += _SCAN_CHUNK


def _unread_tail(handle, offset: int, size: int) -> bool:
    """True when something other than blank lines follows the last record read."""
    if offset >= size:
        return False
    handle.seek(offset)
    return bool(handle.read(4096).strip())


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip()


def _looks_like_warc(handle) -> bool:
    """True when the file starts like a WARC or ARC file (gzipped or not); rewinds the file."""
    head = handle.read(64)
    handle.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=handle) as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError, zlib.error):
            return False
        finally:
            handle.seek(0)
    return head.startswith((b"WARC/", b"filedesc://"))


def _spool(stream, tmp_dir: Path, max_size: int) -> tuple[Path | None, int]:
    """Copy a record's payload to a temporary file, giving up past max_size."""
    handle = tempfile.NamedTemporaryFile(dir=tmp_dir, prefix="warc-", suffix=".part", delete=False)
    path = Path(handle.name)
    size = 0
    with handle:
        while True:
            chunk = stream.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_size:
                break
            handle.write(chunk)
    if size > max_size:
        path.unlink(missing_ok=True)
        return None, size
    return path, size


class WarcWriter:
    """Appends the responses a crawl fetched to a gzipped WARC file; safe to share between threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "ab")
        except OSError as exc:
            raise CrawlError(
                f"cannot write the WARC file {self.path}: {exc.strerror or exc}"
            ) from None
        self._writer = WARCWriter(self._handle, gzip=not self.path.name.lower().endswith(".warc"))
        self._lock = threading.Lock()
        self.records = 0
        info = self._writer.create_warcinfo_record(
            self.path.name,
            {"software": f"searcher/{__version__}", "format": "WARC File Format 1.1"},
        )
        self._writer.write_record(info)

    def write(self, result: FetchResult) -> None:
        """Write one response record: the HTTP status line, headers and the (decoded) body."""
        if result.path is None:
            return
        headers = [(k, v) for k, v in result.headers if k.lower() not in _TRANSFER_HEADERS]
        headers.append(("Content-Length", str(result.size)))
        if not any(k.lower() == "content-type" for k, _ in headers) and result.content_type:
            headers.append(("Content-Type", result.content_type))
        status_line = f"{result.status} {result.reason_phrase or 'OK'}"
        http_headers = StatusAndHeaders(
            status_line, headers, protocol=result.http_version or "HTTP/1.1"
        )
        with self._lock, open(result.path, "rb") as payload:
            record = self._writer.create_warc_record(
                result.final_url,
                "response",
                payload=payload,
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": _warc_date(result.fetched_at)},
            )
            self._writer.write_record(record)
            self.records += 1

    def close(self) -> None:
        """Flush and close the file."""
        with self._lock:
            self._handle.close()


def _warc_date(fetched_at: str) -> str:
    """WARC-Date wants second precision with a Z."""
    return fetched_at.replace("+00:00", "Z")
