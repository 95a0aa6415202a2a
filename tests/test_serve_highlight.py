"""Highlighted snippets and quoted bodies: our own tags around escaped text, nothing else."""

from __future__ import annotations

import pytest

pytest.importorskip("markupsafe")

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from markupsafe import Markup  # noqa: E402

from searcher.serve.highlight import mark_spans, merge_spans, paragraphs, quoted_body  # noqa: E402


def test_marks_are_ours_and_text_is_escaped():
    text = 'a <b>ferry</b> & "route"'
    html = mark_spans(text, [(5, 10)])
    assert isinstance(html, Markup)
    assert html == "a &lt;b&gt;<mark>ferry</mark>&lt;/b&gt; &amp; &#34;route&#34;"


def test_spans_are_clipped_sorted_and_merged():
    assert merge_spans([(8, 12), (0, 3), (2, 5), (40, 50), (5, 5)], 20) == [(0, 5), (8, 12)]
    assert mark_spans("ferry route", [(6, 99), (-3, 2)]) == "<mark>fe</mark>rry <mark>route</mark>"


def test_a_span_cannot_cut_an_entity_in_two():
    # Offsets count characters of the raw text, so a mark never lands inside "&amp;".
    assert mark_spans("a&b", [(1, 2)]) == "a<mark>&amp;</mark>b"


def test_paragraphs_keep_their_offsets():
    body = "First one.\n\n  Second one.\n\n\n\nThird."
    assert [(o, p, body[o : o + len(p)]) for o, p in paragraphs(body)] == [
        (0, "First one.", "First one."),
        (14, "Second one.", "Second one."),
        (29, "Third.", "Third."),
    ]


def test_quotes_are_marked_with_an_escaped_speaker():
    body = 'He said: "<script>x()</script> is fine."\n\nNext.'
    start = body.index("<script>")
    html = quoted_body(
        body, [(start, start + len("<script>x()</script>"), 'Eve "<svg onload=y()>"')]
    )
    assert html[0] == (
        'He said: &#34;<span class="quote" title="Eve &#34;&lt;svg onload=y()&gt;&#34;">'
        "&lt;script&gt;x()&lt;/script&gt;</span> is fine.&#34;"
    )
    assert html[1] == "Next."


@given(st.text(), st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=6))
def test_no_markup_but_ours_whatever_the_text(text, spans):
    html = str(mark_spans(text, spans))
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert Markup(stripped).unescape() == text
