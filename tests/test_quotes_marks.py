"""Quotation marks of every style: spans, multi-paragraph quotes, nesting, apostrophes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher.quotes import extract_quotes


def texts(body: str, lang: str | None = None) -> list[str]:
    return [q.text for q in extract_quotes(body, lang)]


@pytest.mark.parametrize(
    "body, expected",
    [
        ('"The bridge opens in May," said Mayor Ilse Varga.', "The bridge opens in May,"),
        ("“The bridge opens in May,” said Mayor Ilse Varga.", "The bridge opens in May,"),
        ("‘The bridge opens in May,’ said Mayor Ilse Varga.", "The bridge opens in May,"),
        ("``The bridge opens in May,'' said Mayor Ilse Varga.", "The bridge opens in May,"),
        ("''The bridge opens in May,'' said Mayor Ilse Varga.", "The bridge opens in May,"),
        (
            "„Die Brücke öffnet im Mai“, sagte Bürgermeisterin Ilse Varga.",
            "Die Brücke öffnet im Mai",
        ),
        (
            "»Die Brücke öffnet im Mai«, sagte Bürgermeisterin Ilse Varga.",
            "Die Brücke öffnet im Mai",
        ),
        ("« Le pont ouvrira en mai », a déclaré la maire Ilse Varga.", "Le pont ouvrira en mai"),
        ("«El puente abrirá en mayo», dijo la alcaldesa Ilse Varga.", "El puente abrirá en mayo"),
    ],
)
def test_every_mark_style_gives_the_text_between_the_marks(body, expected):
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == [expected]
    q = quotes[0]
    assert body[q.start : q.end] == q.text
    assert q.speaker == "Ilse Varga"


def test_offsets_point_into_the_text_and_quotes_come_in_order():
    body = (
        "Harbour master Tomas Brell spoke first.\n\n"
        "“We counted forty ships,” Brell said. “Next year there will be more.”\n\n"
        'Later, deputy Ona Kask added: "The quay needs repairs."'
    )
    quotes = extract_quotes(body)
    assert [body[q.start : q.end] for q in quotes] == [q.text for q in quotes]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert len(quotes) == 3


def test_apostrophes_are_not_quotation_marks():
    body = "The farmers’ market isn’t closing, and the Joneses' shop won't either, Pella Ruud said."
    assert texts(body) == []


def test_a_quote_over_several_paragraphs_gives_one_segment_per_paragraph_same_speaker():
    body = (
        "Inspector Marit Olsen described the night.\n\n"
        "“We heard the alarm at two. Nobody was inside the hall when we arrived.\n\n"
        "“By dawn the roof had gone, and the archive with it,” Olsen said."
    )
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == [
        "We heard the alarm at two. Nobody was inside the hall when we arrived.",
        "By dawn the roof had gone, and the archive with it,",
    ]
    assert {q.speaker for q in quotes} == {"Marit Olsen"}


def test_a_nested_quote_stays_inside_the_outer_quote():
    body = "“He told me ‘never again’ and walked out,” said the coach, Dario Fenn."
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == ["He told me ‘never again’ and walked out,"]
    assert quotes[0].speaker == "Dario Fenn"


def test_nyt_style_nested_single_inside_double_apostrophes():
    body = "''Voters will not accept 'wait and see,''' said Senator Gail Pruett of Vermont."
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == ["Voters will not accept 'wait and see,"]
    assert quotes[0].speaker == "Gail Pruett"


def test_a_pull_quote_repeating_a_body_quote_is_listed_once():
    body = (
        "“We will rebuild every school that the flood destroyed,” said Governor Hana Ilves.\n\n"
        "“We will rebuild every school that the flood destroyed”\n\n"
        "The work starts in spring."
    )
    quotes = extract_quotes(body)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Hana Ilves"


def test_empty_and_quote_free_text():
    assert extract_quotes("") == []
    assert extract_quotes("No one said anything at all.\n\nThe meeting ended.") == []


def test_html_entity_marks():
    body = "Mayor Ilse Varga spoke. &ldquo;The bridge opens in May,&rdquo; Varga said. She added: &quot;We are ready.&quot;"
    quotes = extract_quotes(body)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The bridge opens in May,", "Ilse Varga"),
        ("We are ready.", "Ilse Varga"),
    ]
    assert all(body[q.start : q.end] == q.text for q in quotes)


def test_a_scare_quote_nobody_said_is_left_out():
    body = "The so-called “experts” on the river board were replaced last spring by the county."
    assert texts(body) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ab CDE.,:;\n'\"“”‘’«»„`-—()?!&") + ["said ", "He ", "Mr. ", "Ann Lee ", "&quot;"]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_text_gives_valid_ordered_offsets(body):
    quotes = extract_quotes(body)
    assert all(
        0 <= q.start <= q.end <= len(body) and body[q.start : q.end] == q.text for q in quotes
    )
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
