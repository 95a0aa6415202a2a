"""The OpenAPI pattern of lang agrees with what the search accepts as a language."""

from __future__ import annotations

import pytest

from searcher.errors import QueryError


@pytest.mark.slow
def test_the_openapi_language_pattern_accepts_exactly_what_the_search_accepts():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from searcher.search.languages import LANGUAGE_PATTERN, language_code

    pattern = re.compile(LANGUAGE_PATTERN)

    def accepted(value):
        if value == "":
            return True  # no filter
        try:
            language_code(value)
        except QueryError:
            return False
        return True

    candidates = st.one_of(
        st.from_regex(LANGUAGE_PATTERN, fullmatch=True),
        st.text(max_size=8),
        st.text("abcdeEfgnrsuDU-_ x0\x00é", max_size=6),
    )

    @given(candidates)
    @settings(max_examples=600, deadline=None, database=None)
    def agree(value):
        assert bool(pattern.fullmatch(value)) == accepted(value), (
            value
        )  # fullmatch: ECMA-262 reads $ as the very end

    agree()


def test_the_pattern_reads_the_same_in_python_and_in_ecma_262():
    """JSON Schema tools read patterns as ECMA-262, whose \\s lacks the separators \\x1c-\\x1f and \\x85."""
    import re

    from searcher.search.languages import LANGUAGE_PATTERN, language_code

    assert "\\s]" not in LANGUAGE_PATTERN.replace("\\s\\x1c", "")
    for separator in "\x1c\x1d\x1e\x1f\x85":
        value = "pt-" + separator
        assert not re.match(LANGUAGE_PATTERN, value)
        try:
            language_code(value)
        except QueryError:
            continue
        raise AssertionError(f"language_code accepted {value!r}")


def test_a_final_newline_is_no_language():
    """Python's $ allows a final newline where ECMA-262's does not: both readings refuse it."""
    import re

    import pytest

    from searcher.search.languages import LANGUAGE_PATTERN, language_code

    for value in ("\n", "pt\n"):
        assert not re.fullmatch(LANGUAGE_PATTERN, value)
        with pytest.raises(QueryError):
            language_code(value)
