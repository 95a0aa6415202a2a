"""One bad input, one message: the command line, the HTTP API and the Python API build the same request.

They differ only in how a parameter is named (`--since`, `since`) and in the limits each
caller allows (a page of 1,000 on the command line, of 100 over HTTP).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from click.testing import CliRunner  # noqa: E402
from search_fixtures import build_index  # noqa: E402

from searcher.cli import main  # noqa: E402
from searcher.errors import QueryError  # noqa: E402
from searcher.search.request import CLI, HTTP, PYTHON, Limits, SearchRequest  # noqa: E402
from searcher.serve import create_app  # noqa: E402


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("messages") / "ix")


@pytest.fixture(scope="module")
def client(index_dir):
    with TestClient(create_app(index_dir)) as c:
        yield c


# (option, value, the message as the Python API words it)
BAD = [
    ("since", "last week", "since: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'last week'"),
    ("until", "2024-02-30", "until: '2024-02-30' is not a day of 2024-02"),
    ("limit", "0", "limit must be between 1 and 1000, not 0"),
    ("limit", "ten", "limit must be a whole number, not 'ten'"),
    ("page", "0", "page must be 1 or more, not 0"),
    ("sort", "random", "sort must be one of relevance, newest, oldest, not 'random'"),
    ("facet", "colour", "unknown facet 'colour'; expected one of: "),
    (
        "lang",
        "english",
        "lang: 'english' is not a language code (two letters such as en, or a tag such as pt-BR)",
    ),
]


def cli_message(index_dir: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["search", "ferry", *args, "--index", str(index_dir)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Error: ").strip()


def python_message(limits: Limits = PYTHON, **options: str) -> str:
    keywords = {
        ("facets" if k == "facet" else k): ([v] if k == "facet" else v) for k, v in options.items()
    }
    with pytest.raises(QueryError) as caught:
        SearchRequest.of("ferry", limits, **keywords)
    return str(caught.value)


def searcher_message(index_dir: Path, **options: str) -> str:
    """The message of the Python API's own call: Searcher.search with keyword options."""
    from searcher.search import open_searcher

    keywords = {
        ("facets" if k == "facet" else k): ([v] if k == "facet" else v) for k, v in options.items()
    }
    with open_searcher(index_dir) as searcher, pytest.raises(QueryError) as caught:
        searcher.search("ferry", **keywords)
    return str(caught.value)


@pytest.mark.parametrize("name, value, message", BAD, ids=[f"{n}={v}" for n, v, _ in BAD])
def test_the_same_bad_input_gets_the_same_message_everywhere(
    index_dir, client, name, value, message
):
    python = python_message(**{name: value})
    assert python.startswith(message)
    assert searcher_message(index_dir, **{name: value}) == python
    # HTTP names parameters as the Python API does, with its own limits (a page of 100 at most)
    http = client.get("/api/search", params={"q": "ferry", name: value})
    assert http.status_code == 400
    assert http.json()["error"] == python_message(HTTP, **{name: value})
    # the command line's only difference: a flag where the parameter is named
    flagged = python_message(CLI, **{name: value}).replace(f"{name}", f"--{name}", 1)
    if name == "facet":
        flagged = python  # "unknown facet 'colour'" names no parameter
    assert cli_message(index_dir, f"--{name}", value) == flagged


def test_two_parameters_are_each_named_as_the_caller_knows_them(index_dir, client):
    python = python_message(since="2024", until="2023")
    assert python == "since (2024) is after until (2023)"
    assert searcher_message(index_dir, since="2024", until="2023") == python
    http = client.get("/api/search", params={"q": "ferry", "since": "2024", "until": "2023"})
    assert http.json()["error"] == python
    cli = cli_message(index_dir, "--since", "2024", "--until", "2023")
    assert cli == "--since (2024) is after --until (2023)"


def test_only_the_limits_differ_and_each_caller_says_its_own(index_dir, client):
    assert SearchRequest.of("ferry", limit=1000).limit == 1000
    result = CliRunner().invoke(
        main, ["search", "ferry", "--limit", "1000", "--index", str(index_dir)]
    )
    assert result.exit_code == 0
    http = client.get("/api/search", params={"q": "ferry", "limit": "1000"})
    assert http.json()["error"] == "limit must be between 1 and 100, not 1000"
    assert (
        cli_message(index_dir, "--limit", "1001") == "--limit must be between 1 and 1000, not 1001"
    )


def test_every_search_option_is_an_http_parameter_too(index_dir, client):
    """feedback was the Python API's and the CLI's only: the web reads the same request now."""
    from searcher.search import open_searcher

    with open_searcher(index_dir) as searcher:
        wanted = searcher.search("ferry harbour route", any=True, feedback=False).to_dict()
    params = {"q": "ferry harbour route", "any": "true", "feedback": "false"}
    assert client.get("/api/search", params=params).json() == {**wanted, "note_parts": []}
    r = client.get("/api/search", params={"q": "ferry", "feedback": "maybe"})
    assert r.json()["error"] == "feedback must be true or false, not 'maybe'"


def test_quotes_take_every_filter_of_the_table(index_dir, repo_root):
    """`searcher quotes` had no --author, --source or --tag: its options are the request's now."""
    from searcher import fields

    result = CliRunner().invoke(main, ["quotes", "--help"])
    said = (repo_root / "docs" / "quotes.md").read_text()
    for name in [*fields.OPTIONS, "collection"]:
        assert f"--{name} " in result.output, name
        assert f"`--{name}`" in said, name


def test_the_serve_page_lists_every_search_parameter(repo_root):
    """docs/serve.md names the search endpoint's parameters by hand: each one the request takes."""
    from searcher.serve.params import parameter_names

    row = next(
        line
        for line in (repo_root / "docs" / "serve.md").read_text().splitlines()
        if line.startswith("| `GET /api/search")
    )
    assert [name for name in parameter_names(SearchRequest) if f"`{name}`" not in row] == []


# An analysis too: (option, value, the message as the Python API words it)
TIMELINE_BAD = [
    ("by", "fortnight", "by must be one of day, week, month, year, not 'fortnight'"),
    ("split", "tag", "split must be one of author, speaker, outlet, lang, not 'tag'"),
    ("top", "0", "top must be between 1 and 50, not 0"),
    ("since", "last week", "since: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'last week'"),
]


@pytest.mark.parametrize(
    "name, value, message", TIMELINE_BAD, ids=[f"{n}={v}" for n, v, _ in TIMELINE_BAD]
)
def test_an_analysis_says_the_same_bad_input_the_same_way_everywhere(
    index_dir, client, name, value, message
):
    """The timeline's options are checked by its request alone, whoever calls it."""
    from searcher.search import open_searcher

    with open_searcher(index_dir) as searcher, pytest.raises(QueryError) as caught:
        searcher.timeline("ferry", **{name: value})
    assert str(caught.value) == message
    http = client.get("/api/timeline", params={"q": "ferry", name: value})
    assert http.status_code == 400 and http.json()["error"] == message
    result = CliRunner().invoke(
        main, ["timeline", "ferry", f"--{name}", value, "--index", str(index_dir)]
    )
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message.replace(name, f'--{name}', 1)}\n"
