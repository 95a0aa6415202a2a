"""Snippets and highlights: where the query words cluster, accent- and case-blind, offsets exact."""

from __future__ import annotations

from searcher.search.results import Snippet
from searcher.search.snippets import Highlighter, fold_same_length


def stem(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def test_fold_keeps_offsets():
    text = "Łódź and Straße, Erdoğan"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded.startswith("lodz")


def test_spans_are_offsets_into_the_original_text():
    text = "Mr. Erdoğan met the ERDOGAN family in Łódź."
    h = Highlighter({"erdogan", "lodz"})
    spans = h.spans(text)
    assert [text[s:e] for s, e in spans] == ["Erdoğan", "ERDOGAN", "Łódź"]


def test_stems_match_inflected_forms_only():
    h = Highlighter(
        {"ferries"},
        {"ferri"},
        stem=lambda w: "ferri" if w.startswith("ferr") and w != "ferrite" else w,
    )
    text = "Ferries and the ferry, not ferrite."
    assert [text[s:e] for s, e in h.spans(text)] == ["Ferries", "ferry"]


def test_snippet_picks_the_passage_with_most_query_words():
    filler = "Nothing to see here at all. " * 20
    text = filler + "The ferry crossed the harbour at dawn. " + filler
    snippet = Highlighter({"ferry", "harbour"}).snippet(text, size=120)
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    marked = [snippet.text[s:e] for s, e in snippet.highlights]
    assert marked == ["ferry", "harbour"]
    assert len(snippet.text) <= 125


def test_short_text_is_shown_whole_and_without_match_the_start():
    assert Highlighter({"ferry"}).snippet("A ferry.").text == "A ferry."
    long_text = "First words. " + "More text here. " * 40
    snippet = Highlighter({"absent"}).snippet(long_text, size=60)
    assert snippet.text.startswith("First words.") and snippet.highlights == []


def test_marked_and_dict():
    s = Snippet("a ferry b", [(2, 7)])
    assert s.marked() == "a [ferry] b"
    assert s.marked("<b>", "</b>") == "a <b>ferry</b> b"
    assert s.to_dict() == {"text": "a ferry b", "highlights": [[2, 7]]}
