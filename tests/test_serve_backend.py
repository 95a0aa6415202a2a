"""The web app over any SearchBackend (seam 3): it asks the backend only what the protocol
offers, in request objects, never opens the index folder itself, and shows a partial answer."""

from __future__ import annotations

import dataclasses
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from serve_corpus import build_index  # noqa: E402

from searcher.search import SearchBackend, open_searcher  # noqa: E402
from searcher.search.options import TermsRequest, TimelineRequest, TrailRequest  # noqa: E402
from searcher.search.request import QuotesRequest, SearchRequest  # noqa: E402
from searcher.serve import create_app  # noqa: E402

# The keywords a protocol method takes besides its request (the exports fill in notes).
KEYWORDS = {"iter_articles": {"notes"}, "iter_quotes": {"notes"}}
# Each protocol method and the request type it must be given (None: an id, or nothing).
PROTOCOL = {
    "search": SearchRequest,
    "quotes": QuotesRequest,
    "get": None,
    "stats": None,
    "iter_articles": SearchRequest,
    "iter_quotes": QuotesRequest,
    "timeline": TimelineRequest,
    "terms": TermsRequest,
    "trail": TrailRequest,
    "close": None,
}


class ProtocolOnly:
    """A backend offering the SearchBackend methods only, each taking its request object, over
    a local searcher; with `missing`, its search and quote answers say those shards are missing."""

    def __init__(self, inner, missing: tuple[int, ...] = ()):
        self._inner, self._missing = inner, missing

    def __getattr__(self, name):
        if name not in PROTOCOL:
            raise AttributeError(f"{name} is not part of the SearchBackend protocol")
        method = getattr(self._inner, name)

        def call(*args, **kwargs):
            unknown = set(kwargs) - KEYWORDS.get(name, set())
            assert not unknown, f"{name} called with keywords {sorted(unknown)}"
            if PROTOCOL[name] is not None:
                assert len(args) == 1 and isinstance(args[0], PROTOCOL[name]), (name, args)
            answer = method(*args, **kwargs)
            if self._missing and name in ("search", "quotes", "stats"):
                answer = dataclasses.replace(answer, missing_shards=self._missing)
            return answer

        return call


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("backend") / "index")


def app_over(index_path, tmp_path, missing=()):
    """The app given a folder that holds nothing: only the backend can answer."""
    backend = ProtocolOnly(open_searcher(index_path), missing)
    assert isinstance(backend, SearchBackend)
    return TestClient(create_app(tmp_path / "not-an-index", opener=lambda _: backend))


def test_every_page_and_endpoint_goes_through_the_backend(index_path, tmp_path):
    with app_over(index_path, tmp_path) as client:
        for path, params in [
            ("/", {}),
            ("/", {"q": "ferry"}),
            ("/quotes", {"q": "water"}),
            ("/trail", {"q": "Nobody should need a car to cross four hundred metres of water."}),
            ("/api/search", {"q": "ferry"}),
            ("/api/quotes", {"q": "water"}),
            ("/api/timeline", {"q": "ferry"}),
            ("/api/terms", {"q": "ferry"}),
            ("/api/export", {"q": "ferry"}),
            ("/api/stats", {}),
        ]:
            response = client.get(path, params=params)
            assert response.status_code == 200, (path, response.text[:300])
        hit = client.get("/api/search", params={"q": "ferry"}).json()["hits"][0]
        assert client.get(f"/articles/{hit['article']['id']}").status_code == 200
        assert client.get(f"/api/articles/{hit['article']['id']}").status_code == 200
        health = client.get("/api/health").json()
        assert health == {"status": "ok", "articles": client.get("/api/stats").json()["articles"]}
        assert "partial" not in client.get("/api/search", params={"q": "ferry"}).json()
        assert "Partial answer" not in client.get("/", params={"q": "ferry"}).text


def test_a_partial_answer_is_said_in_the_json_and_on_the_page(index_path, tmp_path):
    with app_over(index_path, tmp_path, missing=(1, 3)) as client:
        data = client.get("/api/search", params={"q": "ferry"}).json()
        assert data["partial"] == {"missing_shards": [1, 3]} and data["hits"]
        assert client.get("/api/quotes", params={"q": "water"}).json()["partial"] == {
            "missing_shards": [1, 3]
        }
        page = client.get("/", params={"q": "ferry"}).text
        assert (
            '<p class="partial" role="alert">Partial answer: shards 1, 3 did not answer; '
            "their articles are missing from these results and counts.</p>"
        ) in page
        quotes_page = client.get("/quotes", params={"q": "water"}).text
        assert "Partial answer: shards 1, 3 did not answer" in quotes_page
        stats = client.get("/api/stats").json()
        assert stats["partial"] == {"missing_shards": [1, 3]}
        assert client.get("/api/health").json() == {
            "status": "ok",
            "articles": stats["articles"],
            "partial": {"missing_shards": [1, 3]},
        }
