"""The query language parser: words, phrases, boolean operators, exclusion, fields, and its errors."""

from __future__ import annotations

import pytest

from searcher.errors import QueryError
from searcher.search.query import (
    All,
    Any,
    Excluding,
    Phrase,
    Word,
    parse_query,
    plain_query,
    query_words,
)


def test_words_all_by_default_any_on_request():
    assert parse_query("ferry winter") == All((Word("ferry"), Word("winter")))
    assert parse_query("ferry winter", any=True) == Any((Word("ferry"), Word("winter")))


def test_phrases_and_hyphenated_words():
    assert parse_query('"night ferry"') == Phrase(("night", "ferry"), None, "night ferry")
    assert parse_query('"ferry"') == Word("ferry")
    assert parse_query("covid-19") == Phrase(("covid", "19"), None, "covid-19")


def test_boolean_operators_and_precedence():
    assert parse_query("a OR b c") == Any((Word("a"), All((Word("b"), Word("c")))))
    assert parse_query("a AND b", any=True) == All((Word("a"), Word("b")))
    assert parse_query("(a OR b) c") == All((Any((Word("a"), Word("b"))), Word("c")))
    assert parse_query("a && b || c") == Any((All((Word("a"), Word("b"))), Word("c")))
    # Lower-case operators are plain words.
    assert parse_query("war and peace") == All((Word("war"), Word("and"), Word("peace")))


def test_exclusion():
    assert parse_query("ferry -storm") == Excluding(Word("ferry"), (Word("storm"),))
    assert parse_query("ferry NOT storm") == Excluding(Word("ferry"), (Word("storm"),))
    assert parse_query('ferry -"winter storm"') == Excluding(
        Word("ferry"), (Phrase(("winter", "storm"), None, "winter storm"),)
    )
    assert parse_query("ferry AND NOT storm") == Excluding(Word("ferry"), (Word("storm"),))
    # A dash inside a word is not an exclusion.
    assert parse_query("re-elected") == Phrase(("re", "elected"), None, "re-elected")


def test_fields():
    assert parse_query("title:ferry") == Word("ferry", "title")
    assert parse_query("Author:antonov") == Word("antonov", "author")
    assert parse_query('speaker:"Zeynep Aydogan"') == Phrase(
        ("Zeynep", "Aydogan"), "speaker", "Zeynep Aydogan"
    )
    assert parse_query("title:(ferry OR boat)") == Any(
        (Word("ferry", "title"), Word("boat", "title"))
    )
    assert parse_query("text:bridge") == Word("bridge", "body")
    for name in ("title", "body", "quote", "author", "speaker", "outlet", "source", "tag", "lang"):
        assert parse_query(f"{name}:x").field == name
    # URLs are not field queries.
    assert isinstance(parse_query("https://example.org/a"), Phrase)


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"night ferry', "unclosed quotation mark"),
        ("(ferry", "unclosed '('"),
        ("ferry)", "unmatched ')'"),
        ("colour:red", "unknown field 'colour'"),
        ("title:", "needs a value"),
        ("ferry AND", "AND at character 7 needs something after it"),
        ("ferry OR", "OR at character 7 needs something after it"),
        ("-ferry", "not only exclusions"),
        ("AND ferry", "AND at character 1 needs a word before it"),
        ("()", "empty parentheses"),
        ('""', "empty phrase"),
        ("--- ...", "has no words"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query, fragment):
    with pytest.raises(QueryError) as info:
        parse_query(query)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message


def test_plain_query_neutralises_syntax():
    assert plain_query('what is "flutter"? (in wings): AND/or') == "what is flutter in wings or"
    parse_query(plain_query('a "b (c: d'))


def test_query_words_skip_exclusions():
    words = query_words(parse_query('ferry "night boat" -storm NOT title:rain'))
    assert [w.text for w in words] == ["ferry", "night", "boat"]


@pytest.mark.parametrize(
    "query",
    [
        "(" * 2500 + "strike" + ")" * 2500,
        "NOT " * 3000 + "strike",
        "port " + "NOT " * 3000 + "strike",
    ],
)
def test_deeply_nested_queries_are_an_error_not_a_crash(query):
    with pytest.raises(QueryError, match="nests too deeply"):
        parse_query(query)


def test_nesting_people_write_still_parses():
    assert parse_query("(" * 20 + "a OR b" + ")" * 20) == Any((Word("a"), Word("b")))
    assert parse_query("+" * 300 + "strike") == Word("strike")
