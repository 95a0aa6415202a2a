"""Random queries over the whole query grammar and every search option: only searcher's own errors come out.

Through the Python API, a search either returns results or raises a SearcherError;
through the command line (CliRunner) it exits 0, 1 or 2 without a traceback. The
grammar covers words, phrases, AND/OR/NOT, -/+, parentheses (balanced or not),
fields (the exact-value `lang` too, with tags and several tokens), wildcards, ranges,
unicode and very long words; the options cover filters, dates, sort, paging, facets,
fuzzy and feedback, with valid and invalid values alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_fixtures import build_index

from searcher import open_searcher
from searcher.cli import main
from searcher.errors import SearcherError
from searcher.search.query import FIELDS

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False
)

KNOWN = [
    "ferry",
    "Brannholm",
    "council",
    "harbour",
    "Weißmann",
    "Aydoğan",
    "lodz",
    "Łódź",
    "strasse",
    "vaccination",
    "regatta",
    "railways",
    "the",
    "what",
    "covid-19",
    "U.S.-led",
    "e-mail",
    "Straße",
]
LANGS = ["en", "de", "pt-br", "de-AT", "EN_gb", "zh-Hant-TW", "x", "12", "deu", "", "de en", "é"]

word = st.one_of(
    st.sampled_from(KNOWN),
    st.text(min_size=1, max_size=12),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8
    ),
    st.builds(
        lambda w, n: w * n, st.sampled_from(["a", "ab", "ß", "é", "ferry"]), st.integers(20, 3000)
    ),
    st.builds(
        lambda w, c: w + c,
        st.sampled_from(KNOWN),
        st.sampled_from(["*", "?", "~", "~2", "^2", "*?"]),
    ),
    st.builds(
        lambda a, b: f"[{a} TO {b}]",
        st.sampled_from(KNOWN + ["2015", ""]),
        st.sampled_from(KNOWN + ["2016"]),
    ),
    st.sampled_from(["AND", "OR", "NOT", "&&", "||", "-", "+", ":", "\\", "/", "'", "’", "..."]),
)
field = st.sampled_from(
    sorted(FIELDS) + ["published", "year", "id", "foo", "Title", "LANG", "http"]
)
atom = st.one_of(
    word,
    st.builds(lambda ws: '"' + " ".join(ws) + '"', st.lists(word, max_size=4)),
    st.builds(lambda f, w: f"{f}:{w}", field, word),
    st.builds(lambda v: f"lang:{v}", st.sampled_from(LANGS)),
    st.builds(lambda v: f'lang:"{v}"', st.sampled_from(LANGS)),
    st.builds(
        lambda f, ws: f"{f}:(" + " OR ".join(ws) + ")",
        field,
        st.lists(word, min_size=1, max_size=3),
    ),
)


def _combine(children):
    return st.one_of(
        st.builds(lambda a, b: f"{a} {b}", children, children),
        st.builds(
            lambda a, op, b: f"{a} {op} {b}",
            children,
            st.sampled_from(["AND", "OR", "NOT", "&&", "||"]),
            children,
        ),
        st.builds(lambda a: f"-{a}", children),
        st.builds(lambda a: f"+{a}", children),
        st.builds(lambda a: f"NOT {a}", children),
        st.builds(lambda a: f"({a})", children),
        st.builds(lambda a: f"({a}", children),
        st.builds(lambda a: f"{a})", children),
    )


query = st.recursive(atom, _combine, max_leaves=8)
name = st.one_of(
    st.none(),
    st.sampled_from(["kettunen", "Harbor Ledger", "hussmann", "weissmann", "", " "]),
    st.text(max_size=10),
    st.lists(st.sampled_from(["kettunen", "brekke", "x"]), max_size=3),
)
date = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "2015",
            "2016-01",
            "2016-02-30",
            "2016-13",
            "0000",
            "9999-12-31",
            "yesterday",
            "",
            "2015-12-03T10:00",
            "-1",
        ]
    ),
    st.text(max_size=6),
)
options = st.fixed_dictionaries(
    {},
    optional={
        "any": st.booleans(),
        "author": name,
        "outlet": name,
        "source": name,
        "speaker": name,
        "tag": name,
        "lang": st.one_of(st.none(), st.sampled_from(LANGS), st.text(max_size=5)),
        "since": date,
        "until": date,
        "sort": st.sampled_from(["relevance", "newest", "oldest", "NEWEST", "best", ""]),
        "fuzzy": st.booleans(),
        "facets": st.lists(
            st.sampled_from(
                ["outlet", "author", "year", "month", "lang", "speaker", "tag", "source", "colour"]
            ),
            max_size=3,
        ),
        "limit": st.one_of(st.integers(-2, 12), st.sampled_from([1000, 1001, "3", "x"])),
        "page": st.one_of(st.integers(-1, 4), st.sampled_from([10**9, "2", "y"])),
        "feedback": st.sampled_from([None, True, False]),
        "collection": st.one_of(
            st.none(), st.sampled_from(["wire", "", "no such"]), st.text(max_size=8)
        ),
        "after": st.one_of(
            st.none(),
            st.sampled_from(["", "x", "eyJ9", "a" * 300, "AAAA", "e30="]),
            st.text(max_size=30),
        ),
    },
)
QUOTE_OPTIONS = (
    "any",
    "author",
    "outlet",
    "source",
    "speaker",
    "tag",
    "lang",
    "since",
    "until",
    "collection",
    "fuzzy",
    "limit",
    "page",
)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("fuzz") / "ix")


@pytest.fixture(scope="module")
def searcher(index_dir):
    with open_searcher(index_dir) as s:
        yield s


@SETTINGS
@given(text=query, opts=options)
def test_api_search_raises_only_searcher_errors(searcher, text, opts):
    try:
        results = searcher.search(text, **opts)
    except SearcherError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert results.total >= len(results.hits)


@SETTINGS
@given(text=st.one_of(st.none(), query), opts=options)
def test_api_quotes_raise_only_searcher_errors(searcher, text, opts):
    try:
        results = searcher.quotes(text, **{k: v for k, v in opts.items() if k in QUOTE_OPTIONS})
    except SearcherError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert results.total >= len(results.hits)


def _cli_args(opts: dict) -> list[str]:
    args: list[str] = []
    for key, value in opts.items():
        if value is None or key in ("feedback", "collection"):
            continue
        if key in ("any", "fuzzy"):
            args += [f"--{key}"] if value else []
        elif key == "facets":
            for facet in value:
                args += ["--facet", facet]
        elif isinstance(value, list):
            args += [f"--{key}", ",".join(value)]
        else:
            args += [f"--{key}", str(value)]
    return args


@settings(SETTINGS, max_examples=60)
@given(command=st.sampled_from(["search", "quotes"]), text=query, opts=options)
def test_cli_exits_0_1_or_2_without_a_traceback(index_dir, command, text, opts):
    if command == "quotes":
        opts = {
            k: v
            for k, v in opts.items()
            if k in ("speaker", "outlet", "lang", "since", "until", "any", "fuzzy", "limit", "page")
        }
    result = CliRunner().invoke(
        main, [command, "--index", str(index_dir), *_cli_args(opts), "--", text]
    )
    assert result.exit_code in (0, 1, 2), (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        # One line from searcher; click's usage errors put their usage lines before it.
        assert result.output.strip().splitlines()[-1].startswith("Error: "), result.output


def test_found_by_the_fuzzer_quotes_take_a_list_of_speakers(searcher):
    """Name filters take a list of names (any of them) in quotes as in search."""
    both = searcher.quotes(None, speaker=["brekke", "morales"])
    assert {h.quote.speaker for h in both.hits} == {"Halvard Brekke", "Ines Morales"}
    assert ids_of(searcher.search("ferry OR railways", author=["kettunen", "nobody"])) == [
        "budget",
        "ferry-ledger",
    ]


def ids_of(results):
    return sorted(h.article.id for h in results.hits)
