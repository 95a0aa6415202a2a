"""The remote backend in Python: the same records as the local index, and one-line errors for every failure."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from search_fixtures import build_index
from served import serving

from searcher.errors import ArticleNotFound, QueryError, RemoteError
from searcher.remote import RemoteSearcher
from searcher.search import QuotesRequest, SearchRequest, open_searcher
from searcher.search.options import TermsRequest, TimelineRequest, TrailRequest

pytest.importorskip("starlette")
pytestmark = pytest.mark.loopback


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(local searcher, remote searcher) over the same index, the remote through a real server."""
    index = build_index(tmp_path_factory.mktemp("remote") / "ix")
    with serving(index) as url, open_searcher(index) as local, open_searcher(url) as remote:
        yield local, remote


SEARCHES = [
    SearchRequest.of("ferry", facets=("outlet", "year", "lang", "author")),
    SearchRequest.of("brannholm", sort="newest", limit=2, page=2),
    SearchRequest.of("kessel", outlet=("harbor ledger", "Elbwacht"), lang=("de", "en")),
    SearchRequest.of("kessel", outlet="nobody at all"),
    SearchRequest.of("regata"),
    SearchRequest.of("regata", fuzzy=True),
    SearchRequest.of("the point of the ferry council", any=True, feedback=True),
    SearchRequest.of("ferry", since="2015-12", until="2016"),
]


@pytest.mark.parametrize("request_", SEARCHES, ids=lambda r: r.query)
def test_a_search_gives_the_local_records(pair, request_):
    local, remote = pair
    assert remote.search(request_) == local.search(request_)


def test_notes_keep_the_parameters_they_name(pair):
    local, remote = pair
    asked = SearchRequest.of("kessel", outlet="nobody at all")
    note = remote.search(asked).notes[0]
    assert note.spelled(lambda name: "--" + name) == local.search(asked).notes[0].spelled(
        lambda name: "--" + name
    )
    assert note.startswith("outlet 'nobody at all' matches no outlet")


def test_cursors_page_on_through_the_server(pair):
    local, remote = pair
    first = remote.search("point OR ferry OR fuel OR regatta", limit=2)
    second = remote.search("point OR ferry OR fuel OR regatta", limit=2, after=first.next)
    assert second == local.search("point OR ferry OR fuel OR regatta", limit=2, after=first.next)
    assert [h.rank for h in second] == [3, 4] and second.next


def test_quotes_analyses_lookup_and_stats_give_the_local_records(pair):
    local, remote = pair
    for asked in (QuotesRequest.of("ferry"), QuotesRequest.of(speaker="Łucja Weißmann", limit=1)):
        got, want = remote.quotes(asked), local.quotes(asked)
        assert [h.to_dict() for h in got] == [h.to_dict() for h in want]
        assert (got.total, got.articles, got.notes) == (want.total, want.articles, want.notes)
    for method, asked in (
        ("timeline", TimelineRequest.of("ferry", by="year", split="outlet")),
        ("terms", TermsRequest.of("kessel", size=5)),
        ("trail", TrailRequest.of("the island empties out after dark")),
    ):
        assert getattr(remote, method)(asked) == getattr(local, method)(asked), method
    for key in ("storm", "https://harborledger.example/2016/12/storm/", "STORM"):
        assert remote.get(key) == local.get(key)
    remote_stats, local_stats = remote.stats(), local.stats()
    assert remote_stats.index == remote.url
    # the folder's size grows as searches cache columns beside the index: not compared
    where = {"index": None, "size_bytes": None}
    assert {**remote_stats.to_dict(), **where} == {**local_stats.to_dict(), **where}


def test_exports_stream_the_local_records_with_their_notes(pair):
    local, remote = pair
    for asked in (
        SearchRequest.of("ferry OR kessel", sort="oldest", outlet="harbor"),
        SearchRequest.of(lang="de"),
    ):
        notes: list = []
        assert list(remote.iter_articles(asked, notes=notes)) == list(local.iter_articles(asked))
    assert notes == [] and "harbor" in local.search("ferry", outlet="harbor").notes[0]
    notes = []
    rows = remote.iter_articles(SearchRequest.of("ferry", outlet="harbor"), notes=notes)
    assert notes and notes[0].startswith("outlet 'harbor' matched: Harbor Ledger")
    assert [a.id for a in rows] == [a.id for a in local.iter_articles("ferry", outlet="harbor")]
    got = [h.to_dict() for h in remote.iter_quotes(QuotesRequest.of("kessel"))]
    assert got == [h.to_dict() for h in local.iter_quotes(QuotesRequest.of("kessel"))]


def test_the_servers_refusals_are_query_errors(pair):
    _, remote = pair
    with pytest.raises(QueryError, match="^limit must be between 1 and 100, not 500$"):
        remote.search("ferry", limit=500)
    with pytest.raises(QueryError, match="bad cursor"):
        remote.search("ferry", after="nonsense")
    for key in ("nothing", "https://x.example/"):
        with pytest.raises(ArticleNotFound, match=f"^no article with id or URL '{key}' at http://"):
            remote.get(key)
    with pytest.raises(QueryError, match="give an article id or URL"):
        remote.get(" ")


class _Foreign(BaseHTTPRequestHandler):
    """Answers as other servers do: a web page, broken or strange JSON, a failure, a slow answer."""

    def do_GET(self):
        kind = self.path.strip("/").split("/")[0]
        if kind == "slow":
            time.sleep(2)
        body, status, type_ = {
            "page": (b"<html><body>hello</body></html>", 200, "text/html"),
            "broken": (b'{"hits": [', 200, "application/json"),
            "strange": (b'{"results": []}', 200, "application/json"),
            "failing": (b'{"error": "the disk is on fire"}', 500, "application/json"),
            "slow": (b"{}", 200, "application/json"),
        }.get(kind, (b"no", 404, "text/plain"))
        try:
            self.send_response(status)
            self.send_header("content-type", type_)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the slow answer)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def foreign():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Foreign)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "path, message",
    [
        ("page", r"/page is not a searcher server: GET /api/search answered 200 with text/html$"),
        ("broken", r"is not a searcher server: GET /api/search answered with broken JSON$"),
        ("strange", r"is not a searcher server: GET /api/search answered JSON of another shape$"),
        ("failing", r"/failing answered 500: the disk is on fire$"),
        ("slow", r"^the searcher server at http://.*/slow did not answer within 0.5 s$"),
    ],
)
def test_a_server_that_is_not_searcher_or_fails_is_a_one_line_remote_error(foreign, path, message):
    with RemoteSearcher(f"{foreign}/{path}", timeout=0.5) as remote:
        with pytest.raises(RemoteError, match=message):
            remote.search("ferry")


def test_an_unreachable_server_or_a_bad_url_is_a_remote_error():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        with pytest.raises(
            RemoteError, match=f"^cannot reach a searcher server at http://127.0.0.1:{port}: "
        ):
            RemoteSearcher(f"http://127.0.0.1:{port}").stats()
    with pytest.raises(RemoteError, match="not the URL of a searcher server"):
        RemoteSearcher("localhost:8000")


def test_open_searcher_opens_a_url_as_a_remote_searcher_with_the_servers_ranking():
    from searcher.search.ranking import RankingParams

    with open_searcher("http://127.0.0.1:9") as remote:
        assert isinstance(remote, RemoteSearcher) and remote.url == "http://127.0.0.1:9"
    with pytest.raises(TypeError, match="its own parameters"):
        open_searcher("http://127.0.0.1:9", params=RankingParams(k1=1.0))


def test_a_partial_answer_stays_partial_through_its_json():
    from searcher.search import QuoteResults, SearchResults
    from searcher.search.terms import TermsResult
    from searcher.search.timeline import Timeline

    for record in (
        SearchResults("ferry", missing_shards=(1, 3)),
        QuoteResults("ferry", missing_shards=(1, 3)),
        Timeline("ferry", "year", missing_shards=(1, 3)),
        TermsResult("ferry", missing_shards=(1, 3)),
    ):
        data = json.loads(json.dumps(record.to_dict()))
        assert data["partial"] == {"missing_shards": [1, 3]}
        assert type(record).from_dict(data) == record
        assert type(record).from_dict({**data, "partial": None}).missing_shards == ()
