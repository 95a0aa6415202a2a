"""A fuzzer over the HTTP parameters of every API operation: no 5xx, and every error is JSON naming no CLI flag."""

from __future__ import annotations

import warnings
from urllib.parse import quote

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from serve_corpus import build_index  # noqa: E402

from searcher.serve import create_app  # noqa: E402
from searcher.serve.openapi import build_spec  # noqa: E402

SPEC = build_spec()
OPERATIONS = sorted(SPEC["paths"])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(build_index(tmp_path_factory.mktemp("fuzz") / "index"))) as c:
        yield c


def parameter_names(path: str) -> list[str]:
    return [
        p["name"] for p in SPEC["paths"][path]["get"].get("parameters", []) if p["in"] == "query"
    ]


# Values of every kind a caller may send: words and query syntax, numbers, dates, flags,
# control characters and NUL, very long strings, characters from other planes.
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e309",
            "NaN",
            "true",
            "maybe",
            "0000",
            "2024-02-30",
            "2015-13",
            "9999-12-31",
            "lang:pt-br",
            "AND",
            "OR NOT",
            '"',
            "(((",
            "*",
            "\x00",
            "pt-BR",
            "en_GB",
            "de at",
            "%",
            "a" * 600,
            "ferry",
            "csv",
            "month",
            "outlet",
            "newest",
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
)


def query_pairs(path: str):
    """Pairs of documented names (and some unknown ones), values of any kind, names repeated at times."""
    names = st.one_of(
        st.sampled_from(parameter_names(path) or ["q"]), st.text(min_size=1, max_size=8)
    )
    return st.lists(st.tuples(names, VALUES), max_size=8)


def check_answer(response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/json"), response.headers[
            "content-type"
        ]
        error = response.json()["error"]
        assert isinstance(error, str) and error and "\n" not in error
        assert " --" not in f" {error}", (
            error
        )  # the HTTP API names its parameters, not the CLI's flags


@pytest.mark.parametrize("path", OPERATIONS)
def test_any_parameters_get_an_answer_or_a_json_error(client, path):
    @given(query_pairs(path), st.text(max_size=70))
    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def fuzz(pairs, path_value):
        url = path.replace("{id}", quote(path_value, safe="") or "x")
        check_answer(client.get(url, params=pairs))

    fuzz()


@pytest.mark.parametrize("path", OPERATIONS)
def test_raw_query_strings_get_an_answer_or_a_json_error(client, path):
    """Query strings as bytes on the wire: bad percent escapes, invalid UTF-8, stray separators."""
    tokens = list("qa=&%;+0f9cZ") + [
        "%ff",
        "%00",
        "%C3%A9",
        "%E2%82",
        "q=",
        "&&",
        "since=",
        "lang=",
        "limit=",
    ]
    raw = st.lists(st.sampled_from(tokens), max_size=20).map("".join)

    @given(raw)
    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def fuzz(query):
        target = path.replace("{id}", "x")
        check_answer(client.get(f"{target}?{query}"))

    fuzz()


def test_any_host_header_gets_an_answer_or_a_json_error(tmp_path_factory):
    """With the Host check on (as `searcher serve` runs), a refused host is an error like the others."""
    app = create_app(
        build_index(tmp_path_factory.mktemp("hosts") / "index"),
        allowed_hosts=["127.0.0.1", "localhost"],
    )
    hosts = st.one_of(
        st.sampled_from(
            ["localhost:8000", "[::1]:80", "rebound.example", "127.0.0.1.evil", "", "--", "--q"]
        ),
        st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=20),
    )
    with TestClient(app, base_url="http://127.0.0.1") as c:

        @given(hosts, st.sampled_from(OPERATIONS))
        @settings(
            max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def fuzz(host, path):
            check_answer(
                c.get(path.replace("{id}", "x"), params={"q": "ferry"}, headers={"host": host})
            )

        fuzz()
