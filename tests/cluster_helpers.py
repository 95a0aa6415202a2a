"""Builders for the cluster tests: WARC files made from bundled pages, with a damaged record."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: list[tuple[str, bytes]], damage: int | None = None) -> None:
    """A gzipped WARC of HTML responses; record number `damage` has bytes inside it zeroed."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    spans = []
    for url, body in pages:
        start = buffer.tell()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        spans.append((start, buffer.tell()))
    data = bytearray(buffer.getvalue())
    if damage is not None:
        start, end = spans[damage]
        middle = (start + end) // 2
        data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
