"""Exact-value fields (lang) given values of several tokens, and the API raising only searcher's errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from search_fixtures import build_index

from searcher import open_searcher
from searcher.cli import main
from searcher.errors import QueryError


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("exact-fields") / "ix")


@pytest.fixture(scope="module")
def searcher(index_dir):
    with open_searcher(index_dir) as s:
        yield s


def ids(results):
    return sorted(h.article.id for h in results.hits)


@pytest.mark.parametrize(
    "query", ["lang:de-at", "lang:DE_AT", "lang:de-AT-1996", 'lang:"de-at"', "lang:(de-at OR fr)"]
)
def test_a_language_tag_means_its_language(searcher, query):
    assert ids(searcher.search(query)) == ["hafenfest"]


def test_a_region_in_the_lang_filter_means_the_language(searcher):
    assert ids(searcher.search("Brannholm", lang="de-AT")) == ["hafenfest"]
    assert (
        searcher.search("ferry", lang="en-GB").total
        == searcher.search("ferry", lang="en").total
        > 0
    )


@pytest.mark.parametrize("query", ['lang:"de en"', "lang:12", "lang:x"])
def test_what_is_not_one_language_code_is_a_query_error(searcher, query):
    with pytest.raises(QueryError, match="lang"):
        searcher.search(query)
    with pytest.raises(QueryError, match="lang"):
        searcher.quotes(query)


def test_a_bad_lang_filter_is_a_query_error(searcher):
    with pytest.raises(QueryError, match="language"):
        searcher.search("ferry", lang="de en")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "lang:pt-br"],
        ["search", "lang:de-at"],
        ["search", 'lang:"de en"'],
        ["quotes", "lang:en-gb"],
        ["search", "ferry", "--lang", "de en"],
    ],
)
def test_cli_gives_a_one_line_answer(index_dir, args):
    result = CliRunner().invoke(main, [*args, "--index", str(index_dir)])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        # The query field is lang:, the option --lang (as the command line names its parameters).
        assert (
            result.output.startswith(("Error: lang", "Error: --lang"))
            and result.output.count("\n") == 1
        )


def test_cli_lang_region_finds_the_language(index_dir):
    result = CliRunner().invoke(
        main, ["search", "lang:de-at", "--index", str(index_dir), "--format", "jsonl"]
    )
    assert result.exit_code == 0 and '"hafenfest"' in result.output
    result = CliRunner().invoke(
        main, ["search", "Brannholm", "--lang", "de-AT", "--index", str(index_dir)]
    )
    assert result.exit_code == 0 and "Hafenfest" in result.output


def test_http_api_and_page_answer_lang_tags(index_dir):
    pytest.importorskip("starlette")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from searcher.serve import create_app

    with TestClient(create_app(index_dir)) as client:
        r = client.get("/api/search", params={"q": "lang:de-at"})
        assert r.status_code == 200 and [h["article"]["id"] for h in r.json()["hits"]] == [
            "hafenfest"
        ]
        r = client.get("/api/search", params={"q": 'lang:"de en"'})
        assert r.status_code == 400 and "lang" in r.json()["error"]
        assert client.get("/", params={"q": "lang:pt-br"}).status_code == 200
        assert client.get("/quotes", params={"q": "lang:en-gb"}).status_code == 200
