"""Crawler overhead: crawl N generated pages from a local sitemap vs. plain sequential httpx GETs.

Usage: python benchmarks/crawl_speed.py [N]
Prints the ratio crawl time / plain-GET time (same server, same process) and peak memory.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from searcher.crawl import CrawlOptions, crawl

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
BODY = (
    "<html><head><title>Page {n}</title></head><body><h1>Page {n}</h1>"
    + "<p>Filler paragraph about the harbour and the tides.</p>" * 40
    + '<a href="/p/{m}">next</a></body></html>'
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # otherwise delayed ACKs add 40 ms to every response

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path == "/sitemap.xml":
            port = self.server.server_address[1]
            locs = "".join(f"<url><loc>http://127.0.0.1:{port}/p/{i}</loc></url>" for i in range(N))
            body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()
            ctype = "application/xml"
        else:
            n = int(self.path.rsplit("/", 1)[1])
            body, ctype = BODY.format(n=n, m=(n + 1) % N).encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        started = time.perf_counter()
        with httpx.Client() as client:
            for i in range(N):
                client.get(f"{base}/p/{i}").read()
        plain = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as corpus:
            started = time.perf_counter()
            report = crawl([base + "/sitemap.xml"], corpus, CrawlOptions(delay=0))
            crawled = time.perf_counter() - started
            again_started = time.perf_counter()
            again = crawl([base + "/sitemap.xml"], corpus, CrawlOptions(delay=0))
            second = time.perf_counter() - again_started
    finally:
        server.shutdown()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pages: {report.counts['fetched']} fetched (second run: {again.counts['fetched']} fetched)"
    )
    print(f"crawl / plain GET time ratio: {crawled / plain:.2f}")
    print(f"second run / first run time ratio: {second / crawled:.3f}")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
