"""since / until: years, months and days turned into inclusive bounds."""

from __future__ import annotations

from datetime import datetime

import pytest

from searcher.errors import QueryError
from searcher.search.dates import date_bounds


def test_year_month_day():
    assert date_bounds("2015").start == datetime(2015, 1, 1)
    assert date_bounds(until="2015").end == datetime(2015, 12, 31, 23, 59, 59, 999999)
    assert date_bounds("2016-02").start == datetime(2016, 2, 1)
    assert date_bounds(until="2016-02").end.day == 29  # leap year
    assert date_bounds("2015-12-03", "2015-12-03").start == datetime(2015, 12, 3)
    assert date_bounds("2015-12-03", "2015-12-03").end == datetime(2015, 12, 3, 23, 59, 59, 999999)
    assert date_bounds("2015-1-5").start == datetime(2015, 1, 5)


def test_open_bounds():
    assert date_bounds().is_open
    assert date_bounds("2015").end is None
    assert date_bounds(until="2015").start is None


def test_to_query_is_built_in_code():
    from whoosh.query import DateRange

    q = date_bounds("2015", "2016").to_query()
    assert isinstance(q, DateRange)
    assert q.startdate == datetime(2015, 1, 1)


@pytest.mark.parametrize(
    "since, until, fragment",
    [
        ("2015-13", None, "no month 13"),
        ("2015-02-30", None, "not a day of 2015-02"),
        ("last week", None, "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (None, "15/12/2015", "until: expected"),
        ("2016", "2015", "is after"),
    ],
)
def test_bad_dates(since, until, fragment):
    with pytest.raises(QueryError) as info:
        date_bounds(since, until)
    assert fragment in str(info.value)


def test_each_front_end_names_the_parameter_its_own_way():
    """The library names parameters as Python keywords; the CLI spells them as flags, the HTTP API as parameters."""
    from searcher.cli.common import cli_flag
    from searcher.serve.errors import http_parameter

    with pytest.raises(QueryError) as info:
        date_bounds("2016", "2015")
    assert str(info.value) == "since (2016) is after until (2015)"
    assert info.value.spelled(cli_flag) == "--since (2016) is after --until (2015)"
    assert info.value.spelled(http_parameter) == "since (2016) is after until (2015)"


@pytest.mark.slow
def test_the_openapi_date_pattern_accepts_exactly_what_date_bounds_accepts():
    """The description and the server agree: a value matches the pattern if and only if it parses."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from searcher.search.dates import DATE_PATTERN

    pattern = re.compile(DATE_PATTERN)

    def parses(value):
        try:
            date_bounds(value)
        except QueryError:
            return False
        return True

    digits = st.text("0123456789", min_size=1, max_size=4)
    candidates = st.one_of(
        st.builds(
            lambda y, m, d, n: "-".join([y, m, d][:n]), digits, digits, digits, st.integers(1, 3)
        ),
        st.from_regex(DATE_PATTERN, fullmatch=True),
        st.text(max_size=12),
    )

    @given(candidates)
    @settings(max_examples=600, deadline=None, database=None)
    def agree(value):
        assert bool(pattern.fullmatch(value)) == parses(value), (
            value
        )  # fullmatch: ECMA-262 reads $ as the very end

    agree()
    for value in (
        "0000",
        "2024-02-29",
        "2023-02-29",
        "1900-02-29",
        "2000-02-29",
        "2015-4-31",
        "2015-12-31",
        "9999",
    ):
        assert bool(pattern.fullmatch(value)) == parses(value), (
            value
        )  # fullmatch: ECMA-262 reads $ as the very end


def test_the_date_pattern_and_the_parser_agree_on_what_python_and_ecma_read_apart():
    """Other scripts' digits and a final newline: Python's \\d and $ accept them, ECMA-262's do not."""
    import re

    from searcher.search.dates import DATE_PATTERN

    for value in ("\u0662\u0660\u0662\u0660", "2020\n", "2020-02-29\n", "\n"):
        assert not re.fullmatch(DATE_PATTERN, value), value
        with pytest.raises(QueryError):
            date_bounds(value)
