"""An invented news site served on 127.0.0.1 for the crawler tests (the Larkport Ledger).

To try `searcher crawl` on it by hand (the crawl examples of docs/crawl.md run against it), from a checkout:

    python tests/crawlsite.py --port 8765
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article(title: str, body: str, extra_head: str = "", links: str = "") -> bytes:
    """A small article page."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} – Larkport Ledger</title>{extra_head}</head>
<body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1><p class="byline">By Oona Trevelyan</p>
<p>{body}</p>{links}</article></body></html>
""".encode()


ARTICLES = {
    "/news/harbour-bridge-reopens": article(
        "Harbour bridge reopens after winter repairs",
        '"We kept every rivet we could," said engineer Maren Kolbeck as the swing bridge opened to cyclists.',
    ),
    "/news/council-votes-on-tram": article(
        "Council votes to extend the tram to Saltmarsh",
        'Councillor Idris Penhallow called the vote "a line drawn toward the sea".',
    ),
    "/news/market-day-returns": article(
        "Market day returns to Wickham Square",
        "Stallholders set out crates of samphire and smoked eel before dawn.",
    ),
    "/news/ferry-timetable": article(
        "Ferry timetable changes for the spring",
        "The Larkport ferry will sail every forty minutes from March.",
    ),
    "/news/busy-weekend": article(
        "A busy weekend for the lifeboat crew",
        'Coxswain Tamsin Roe said: "Three call-outs in one night is a lot for volunteers."',
    ),
    "/culture/choir-festival": article(
        "Choir festival fills the old rope works",
        "Eleven choirs sang in the rope works, whose roof was mended last autumn.",
    ),
    "/archive/2023/lighthouse-keeper": article(
        "The last lighthouse keeper of Gull Point",
        "Ewart Laskey kept the Gull Point light for thirty-one years.",
    ),
    "/private/draft-budget": article("Draft budget (embargoed)", "Not for publication."),
    "/amp/news/harbour-bridge-reopens": article(
        "Harbour bridge reopens after winter repairs",
        "AMP copy.",
        extra_head='<link rel="canonical" href="/news/harbour-bridge-reopens">',
    ),
}

# A page in ISO-8859-1, served with that charset: bytes must be stored as they came.
LATIN_PAGE = (
    '<html><head><meta charset="iso-8859-1"><title>Café Gaëlle review</title></head>'
    "<body><h1>Café Gaëlle: crêpes by the quay</h1>"
    '<p>Crème brûlée and a view of the slipway. <a href="/news/market-day-returns">Market</a></p></body></html>'
).encode("iso-8859-1")

GZIP_PAGE = article(
    "River clean-up volunteers pull out forty tyres", "The river warden counted the tyres twice."
)

HOME_LINKS = [
    "/news/harbour-bridge-reopens",
    "/news/council-votes-on-tram?utm_campaign=home&utm_source=front",
    "/culture/choir-festival#top",
    "/amp/news/harbour-bridge-reopens",
    "/private/draft-budget",
    "/old/ferry",
    "/loop-a",
    "/missing",
    "/broken",
    "/news/busy-weekend",
    "/slow",
    "/huge",
    "/files/brochure",
    "/media/photo",
    "/media/harbour.jpg",
    "/news/river-cleanup",
    "/reviews/cafe-gaelle",
    "mailto:desk@larkport.invalid",
    "javascript:alert(1)",
    "data:text/html,<h1>x</h1>",
    "file:///etc/passwd",
    "http://elsewhere.invalid/story",
    "HTTP://127.0.0.1:{port}/news/harbour-bridge-reopens?fbclid=abc",
]

# The pages a crawl of the whole site must store (one file each).
EXPECTED_PATHS = {
    "/",
    "/news/harbour-bridge-reopens",
    "/news/council-votes-on-tram",
    "/news/market-day-returns",
    "/news/ferry-timetable",
    "/news/busy-weekend",
    "/news/river-cleanup",
    "/culture/choir-festival",
    "/archive/2023/lighthouse-keeper",
    "/reviews/cafe-gaelle",
}

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@dataclass
class Hit:
    """One request the site received."""

    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """The running fixture site and what it saw."""

    port: int = 0
    crawl_delay: float | None = None
    slow_seconds: float = 2.0
    huge_size: int = 300_000
    huge_sent: int = 0
    retry_after: str = "1"
    drip_interval: float = 0.1  # seconds between the bytes of /drip and /drip-headers
    drip_bytes: int = 40
    hits: list[Hit] = field(default_factory=list)
    busy_served: int = 0
    overrides: dict[str, Callable] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        """Paths requested, in order (query strings included)."""
        return [h.path for h in self.hits]

    def requests_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path.split("?")[0] == path]

    # Documents
    def robots(self) -> bytes:
        lines = ["User-agent: *", "Disallow: /private/"]
        if self.crawl_delay is not None:
            lines.append(f"Crawl-delay: {self.crawl_delay}")
        lines.append(f"Sitemap: {self.base}/sitemap_index.xml")
        return ("\n".join(lines) + "\n").encode()

    def sitemap_index(self) -> bytes:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{self.base}/sitemaps/news.xml</loc></sitemap>
  <sitemap><loc>{self.base}/sitemaps/archive.xml.gz</loc></sitemap>
</sitemapindex>""".encode()

    def news_sitemap(self) -> bytes:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{self.base}/news/harbour-bridge-reopens</loc>
    <news:news><news:publication><news:name>Larkport Ledger</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2026-03-02</news:publication_date><news:title>Harbour bridge reopens</news:title></news:news></url>
  <url><loc>{self.base}/news/council-votes-on-tram</loc></url>
  <url><loc>http://elsewhere.invalid/not-ours</loc></url>
</urlset>""".encode()

    def archive_sitemap(self) -> bytes:
        return gzip.compress(
            f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{self.base}/archive/2023/lighthouse-keeper</loc><lastmod>2023-08-14</lastmod></url>
  <url><loc>{self.base}/private/draft-budget</loc></url>
  <url><loc>{self.base}/news/harbour-bridge-reopens?utm_source=sitemap&amp;utm_medium=xml</loc></url>
</urlset>""".encode()
        )

    def rss(self) -> bytes:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Larkport Ledger</title><link>{self.base}/</link>
  <item><title>Harbour bridge reopens</title><link>{self.base}/news/harbour-bridge-reopens?utm_medium=rss&amp;fbclid=XYZ</link></item>
  <item><title>Market day</title><link>{self.base}/news/market-day-returns</link></item>
  <item><title>Guid only</title><guid isPermaLink="true">{self.base}/news/ferry-timetable</guid></item>
</channel></rss>""".encode()

    def atom(self) -> bytes:
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{self.base}/">
  <title>Larkport Ledger culture desk</title>
  <entry><title>Market day</title><link rel="alternate" href="news/market-day-returns#comments"/>
    <link rel="replies" href="/comments/1"/></entry>
  <entry><title>Choir festival</title><link href="/culture/choir-festival"/></entry>
</feed>""".encode()

    def home(self) -> bytes:
        links = "".join(
            f'<li><a href="{h.format(port=self.port)}">link</a></li>' for h in HOME_LINKS
        )
        return article(
            "Larkport Ledger", "Today's news from the harbour town.", links=f"<ul>{links}</ul>"
        )


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):  # keep test output quiet
            pass

        def do_GET(self):
            hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with site.lock:
                site.hits.append(hit)
            path = self.path.split("?")[0]
            try:
                if path in site.overrides:
                    site.overrides[path](self, site)
                else:
                    self.route(path)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def send(
            self,
            status: int,
            body: bytes,
            ctype: str = "text/html; charset=utf-8",
            headers: dict | None = None,
            etag: bool = False,
        ):
            if etag:
                tag = _etag(body)
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", _etag(body))
                self.send_header("Last-Modified", "Mon, 02 Mar 2026 08:00:00 GMT")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def drip(self, data: bytes):
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(site.drip_interval)

        def redirect(self, status: int, location: str):
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def route(self, path: str):
            if path == "/robots.txt":
                return self.send(200, site.robots(), "text/plain")
            if path == "/":
                return self.send(200, site.home(), etag=True)
            if path == "/sitemap_index.xml":
                return self.send(200, site.sitemap_index(), "application/xml", etag=True)
            if path == "/sitemaps/news.xml":
                return self.send(200, site.news_sitemap(), "application/xml", etag=True)
            if path == "/sitemaps/archive.xml.gz":
                return self.send(200, site.archive_sitemap(), "application/x-gzip", etag=True)
            if path == "/feeds/rss.xml":
                return self.send(200, site.rss(), "application/rss+xml", etag=True)
            if path == "/feeds/atom.xml":
                return self.send(200, site.atom(), "application/atom+xml", etag=True)
            if path in ARTICLES and path != "/news/busy-weekend":
                return self.send(200, ARTICLES[path], etag=True)
            if path == "/news/busy-weekend":
                with site.lock:
                    site.busy_served += 1
                    first = site.busy_served == 1
                if first:
                    return self.send(
                        429, b"slow down", "text/plain", {"Retry-After": site.retry_after}
                    )
                return self.send(200, ARTICLES[path], etag=True)
            if path == "/old/ferry":
                return self.redirect(301, "/moved/ferry")
            if path == "/moved/ferry":
                return self.redirect(302, f"{site.base}/news/ferry-timetable?utm_source=redirect")
            if path == "/loop-a":
                return self.redirect(302, "/loop-b")
            if path == "/loop-b":
                return self.redirect(302, "/loop-a")
            if path.startswith("/chain/"):
                step = int(path.rsplit("/", 1)[1])
                return self.redirect(302, f"/chain/{step + 1}")
            if path == "/broken":
                return self.send(500, b"<h1>Internal error</h1>")
            if path == "/unavailable":
                return self.send(503, b"down", "text/plain", {"Retry-After": "0"})
            if path == "/slow":
                time.sleep(site.slow_seconds)
                return self.send(200, article("Slow", "Too slow."))
            if path == "/huge":  # no Content-Length: the cap must hold while streaming
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 1000 + b"</p>\n"
                site.huge_sent = 0
                while site.huge_sent < site.huge_size:
                    self.wfile.write(chunk)
                    site.huge_sent += len(chunk)  # how far the reader let it get
                return
            if path == "/drip":  # quick headers, then the body one byte at a time
                body = article("Dripped", "Slow.")[: site.drip_bytes]
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.flush()
                return self.drip(body)
            if path == "/drip-headers":  # even the status line comes one byte at a time
                head = (
                    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Padding: "
                    + b"p" * site.drip_bytes
                    + b"\r\n\r\n"
                )
                return self.drip(head + b"User-agent: *\nDisallow:\n")
            if path == "/huge-declared":
                return self.send(200, b"<p>" + b"y" * site.huge_size + b"</p>")
            if path == "/files/brochure":
                return self.send(200, PDF, "application/pdf")
            if path in ("/media/photo", "/media/harbour.jpg"):
                return self.send(200, PNG, "image/png")
            if path == "/news/river-cleanup":
                body = gzip.compress(GZIP_PAGE)
                return self.send(200, body, headers={"Content-Encoding": "gzip"})
            if path == "/reviews/cafe-gaelle":
                return self.send(200, LATIN_PAGE, "text/html; charset=iso-8859-1", etag=True)
            return self.send(404, b"<h1>Not found</h1>")

    return Handler


class SiteServer:
    """The fixture site on a free port of 127.0.0.1, in a background thread."""

    def __init__(self, site: Site | None = None, port: int = 0):
        self.site = site or Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), make_handler(self.site))
        self.httpd.daemon_threads = True
        self.site.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def fast_options(**overrides):
    """Crawl options for tests: no delay, short timeouts, a small size cap."""
    from searcher.crawl import CrawlOptions

    values = dict(delay=0.0, timeout=1.0, retry_base=0.05, max_size=200_000, concurrency=4)
    values.update(overrides)
    return CrawlOptions(**values)


def site_seeds(site):
    """The seeds that reach every page of the site: its home page, sitemap index and feeds."""
    return [
        site.url("/"),
        site.url("/sitemap_index.xml"),
        site.url("/feeds/rss.xml"),
        site.url("/feeds/atom.xml"),
    ]


def stored_keys(corpus):
    """The keys of the pages in a corpus, sorted."""
    from searcher.corpus import iter_pages

    return sorted(p.key for p in iter_pages(corpus))


def by_url(report):
    """The report's results keyed by URL (the last result wins)."""
    return {r.url: r for r in report.results}


def main(argv: list[str] | None = None) -> None:
    """Serve the site on 127.0.0.1 until Ctrl-C."""
    import argparse

    parser = argparse.ArgumentParser(
        description="The Larkport Ledger: an invented news site on 127.0.0.1 "
        "for trying `searcher crawl` (the examples of docs/crawl.md)."
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help="port on 127.0.0.1 (default 8765; 0 picks a free one)",
    )
    args = parser.parse_args(argv)
    try:
        server = SiteServer(Site(), port=args.port)
    except OSError as exc:
        parser.exit(2, f"cannot serve on 127.0.0.1:{args.port}: {exc.strerror or exc}\n")
    with server as running:
        print(f"serving the Larkport Ledger at {running.base}/ (Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
