"""The analyses through the Python API: timeline, top terms, quote trails, exports, cursors, collections."""

from __future__ import annotations

import csv
import io
import json

import pytest
from analysis_corpus import (
    OTHER_SPEAKER,
    QUOTE,
    QUOTE_CHANGED,
    QUOTE_TRIMMED,
    SPEAKER,
    articles,
    build_index,
)

from searcher.errors import QueryError
from searcher.search import open_searcher
from searcher.search.collections import (
    add_outlets,
    collections_file,
    load_collections,
    remove_collection,
)
from searcher.search.export import ARTICLE_COLUMNS, articles_csv


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("analysis") / "index")


@pytest.fixture(scope="module")
def searcher(index):
    with open_searcher(index) as s:
        yield s


# -- timeline ---------------------------------------------------------------------------


def test_timeline_counts_matches_and_all_articles_per_month(searcher):
    t = searcher.timeline("lake", by="month")
    assert t.periods == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    assert t.matches == [2, 1, 2, 0, 0, 1]
    assert t.totals == [4, 3, 3, 2, 2, 3]
    assert t.shares[0] == 0.5 and t.shares[3] == 0.0
    assert t.total_matches == 7 and t.undated == 1
    data = json.loads(json.dumps(t.to_dict()))
    assert data["periods"][1] == {
        "period": "2024-02",
        "start": "2024-02-01",
        "matches": 1,
        "total": 3,
        "share": 0.333333,
    }


def test_timeline_weeks_days_years(searcher):
    weeks = searcher.timeline("golf", by="week")
    assert weeks.periods[0] == "2024-W03" and weeks.starts[0].isoformat() == "2024-01-15"
    assert sum(weeks.matches) == 5 and weeks.undated == 1
    days = searcher.timeline("golf", by="day")
    assert days.periods[:2] == ["2024-01-15", "2024-01-16"]
    assert len(days.periods) == (days.starts[-1] - days.starts[0]).days + 1
    assert searcher.timeline("council", by="year").periods == ["2023", "2024"]


def test_timeline_totals_follow_the_filters(searcher):
    t = searcher.timeline("lake", by="month", outlet="Tarnby Post")
    assert t.periods == ["2024-01", "2024-02", "2024-03"]
    assert t.matches == [1, 0, 1]
    assert t.totals == [2, 0, 1]  # Tarnby Post's own articles of each month


def test_timeline_split_by_outlet(searcher):
    t = searcher.timeline("lake", by="month", split="outlet", top=2)
    values = [s.value for s in t.series]
    assert values == ["Kessel Herald", "Orrin Valley Echo"] or values == [
        "Kessel Herald",
        "Tarnby Post",
    ]
    kessel = t.series[0]
    assert kessel.matches == [1, 0, 1, 0, 0, 0]
    assert kessel.shares[0] == 0.25


def test_timeline_without_a_query_counts_everything(searcher):
    t = searcher.timeline(None, by="year")
    assert sum(t.matches) == sum(t.totals) == len(articles()) - 1  # one is undated


@pytest.mark.parametrize(
    "options, message",
    [
        # the request's messages: the Python API names its keyword, not the CLI flag
        ({"by": "fortnight"}, "^by must be one of day, week, month, year, not 'fortnight'$"),
        ({"split": "tag"}, "^split must be one of author, speaker, outlet, lang, not 'tag'$"),
        ({"top": 0}, "^top must be between 1 and 50, not 0$"),
    ],
)
def test_timeline_bad_options(searcher, options, message):
    with pytest.raises(QueryError, match=message):
        searcher.timeline("lake", **options)


def test_timeline_is_cached_per_generation(searcher):
    searcher.timeline("lake", by="week")
    reading, _ = searcher.matching(None)
    calls = []
    reading.cached("timeline:week", lambda: calls.append(1))
    assert calls == []


# -- terms ------------------------------------------------------------------------------


def test_terms_are_characteristic_of_the_matches(searcher):
    result = searcher.terms("golf", size=5)
    words = [t.text for t in result.words]
    assert "golf" not in words  # the query's own words say nothing new
    assert {"resort", "orrin"} <= set(words) or {"resort", "lake"} <= set(words)
    assert "council" not in words and "the" not in words
    names = {t.text: t for t in result.names}
    assert SPEAKER in names and names[SPEAKER].kind == "speaker"
    assert names[SPEAKER].matches == 3 and names[SPEAKER].background == 3
    top = result.words[0]
    assert top.matches_of == result.sampled == result.total == 6
    assert top.score > 0


def test_terms_sample_a_large_match_set(searcher):
    result = searcher.terms("council OR lake", sample=5)
    assert result.sampled == 5 and result.total > 5
    assert any("sample" in n for n in result.notes)


def test_terms_need_a_query_or_a_filter(searcher):
    with pytest.raises(QueryError, match="empty query"):
        searcher.terms("")
    assert searcher.terms(None, outlet="Marrow Weekly").total == 4


def test_every_analysis_says_why_a_query_of_only_common_words_matched_nothing(searcher):
    why = "the query has only very common words, which are not indexed"
    assert why in searcher.search("the of").notes
    assert why in searcher.timeline("the of").notes
    assert why in searcher.terms("the of").notes
    notes: list[str] = []
    assert list(searcher.iter_articles("the of", notes=notes)) == [] and why in notes
    notes = []
    assert list(searcher.iter_quotes("the of", notes=notes)) == [] and why in notes
    assert why not in searcher.timeline(None).notes and why not in searcher.timeline("lake").notes


# -- trail ------------------------------------------------------------------------------


def test_trail_finds_every_copy_groups_variants_and_flags_other_speakers(searcher):
    trail = searcher.trail(QUOTE)
    outlets = [(e.published, e.outlet) for e in trail.entries]
    assert outlets == [
        ("2024-01-15", "Tarnby Post"),
        ("2024-01-16", "Kessel Herald"),
        ("2024-02-03", "Orrin Valley Echo"),
        ("2024-03-20", "Tarnby Post"),
    ]
    assert trail.first.outlet == "Tarnby Post"
    # Other quotation marks and a missing full stop are the same wording; a changed word and a trimmed end are not.
    assert [len(v.entries) for v in trail.variants] == [2, 1, 1]
    assert trail.variants[1].text == QUOTE_CHANGED and trail.variants[2].text == QUOTE_TRIMMED
    assert trail.speakers == [(SPEAKER, 3), (OTHER_SPEAKER, 1)]
    assert trail.conflicting
    data = trail.to_dict()
    assert data["conflicting_speakers"] is True and data["articles"] == 4
    assert data["first"]["article"]["outlet"] == "Tarnby Post"


def test_trail_of_a_part_of_the_quotation(searcher):
    trail = searcher.trail("drained for a golf course")
    assert len(trail.entries) == 3  # the trimmed copy does not hold these words
    assert not trail.conflicting


def test_trail_similarity_threshold(searcher):
    assert len(searcher.trail(QUOTE, min_similarity=100).entries) == 3  # the changed word drops out


def test_trail_filters_and_errors(searcher):
    assert [e.outlet for e in searcher.trail(QUOTE, outlet="Kessel Herald").entries] == [
        "Kessel Herald"
    ]
    with pytest.raises(QueryError, match="at least 3 words"):
        searcher.trail("golf course")
    assert searcher.trail("nothing like this was ever said").entries == []


# -- exports ----------------------------------------------------------------------------


def test_iter_articles_streams_every_match_in_result_order(searcher):
    found = list(searcher.iter_articles("council OR lake"))
    assert len(found) == searcher.search("council OR lake").total == len(articles())
    ranked = [h.article.id for h in searcher.search("council OR lake", limit=50).hits]
    assert [a.id for a in found][:3] == ranked[:3]
    newest = [a.published for a in searcher.iter_articles("lake", sort="newest")]
    assert newest[0] == "2024-06-25" and newest[-1] is None


def test_iter_articles_checks_the_query_before_the_first_row(searcher):
    with pytest.raises(QueryError):
        searcher.iter_articles("title:")  # raises on the call, not on the first next()


def test_articles_csv_has_the_record_fields_and_defuses_formulas(searcher):
    rows = list(csv.reader(io.StringIO("".join(articles_csv(searcher.iter_articles("golf"))))))
    assert tuple(rows[0]) == ARTICLE_COLUMNS
    assert len(rows) == 7
    first = dict(zip(rows[0], rows[1], strict=False))
    assert first["outlet"] and first["published"].startswith("2024")
    assert json.loads(first["quotes"])[0]["speaker"] in (SPEAKER, OTHER_SPEAKER)
    from searcher.search.export import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_iter_quotes_streams_every_quotation(searcher):
    hits = list(searcher.iter_quotes("lake"))
    assert {h.quote.speaker for h in hits} == {SPEAKER, OTHER_SPEAKER}
    assert searcher.quotes("lake", limit=1).total == len(hits)


# -- cursors ----------------------------------------------------------------------------


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_cursor_pages_match_numbered_pages(searcher, sort):
    numbered, page = [], 1
    while True:
        hits = searcher.search("council OR lake OR golf", sort=sort, limit=3, page=page).hits
        if not hits:
            break
        numbered += [(h.rank, h.article.id) for h in hits]
        page += 1
    by_cursor, token = [], None
    while True:
        results = searcher.search("council OR lake OR golf", sort=sort, limit=3, after=token)
        by_cursor += [(h.rank, h.article.id) for h in results.hits]
        token = results.next
        if token is None:
            break
    assert by_cursor == numbered and len(numbered) == len(articles())


def test_cursor_is_refused_for_another_search_or_damaged(searcher):
    token = searcher.search("lake", limit=2).next
    assert token
    with pytest.raises(QueryError, match="another search"):
        searcher.search("golf", limit=2, after=token)
    with pytest.raises(QueryError, match="another search"):
        searcher.search("lake", limit=2, sort="newest", after=token)
    with pytest.raises(QueryError, match="bad cursor"):
        searcher.search("lake", limit=2, after=token[:-3] + "!!!")


def test_cursor_from_an_earlier_generation_is_refused(tmp_path):
    from searcher.index import index_articles

    index = build_index(tmp_path / "index")
    with open_searcher(index) as s:
        token = s.search("lake", limit=2).next
        extra = articles()[0]
        extra.id, extra.url = "0" * 16, "https://tarnby-post.example/another-lake-story"
        index_articles([extra], index)
        with pytest.raises(QueryError, match="earlier state of the index"):
            s.search("lake", limit=2, after=token)


# -- collections ------------------------------------------------------------------------


def test_collections_filter_every_analysis(tmp_path):
    index = build_index(tmp_path / "index")
    add_outlets(index, "valley", ["Orrin Valley Echo", "marrow weekly"])
    add_outlets(index, "valley", ["Marrow Weekly"])  # already there (case aside)
    assert load_collections(index) == {"valley": ["Orrin Valley Echo", "marrow weekly"]}
    assert json.loads(collections_file(index).read_text()) == {
        "valley": ["Orrin Valley Echo", "marrow weekly"]
    }
    with open_searcher(index) as s:
        outlets = {h.article.outlet for h in s.search("lake", collection="valley", limit=50).hits}
        assert outlets == {"Orrin Valley Echo", "Marrow Weekly"}
        assert s.timeline("lake", collection="valley").total_matches == 3
        assert [e.outlet for e in s.trail(QUOTE, collection="valley").entries] == [
            "Orrin Valley Echo"
        ]
        assert {h.article.outlet for h in s.iter_quotes("lake", collection="valley")} == {
            "Orrin Valley Echo"
        }
        assert s.terms("lake", collection="valley").total == 3
        add_outlets(index, "tarnby", ["Tarnby Post"])
        both = {
            h.article.outlet
            for h in s.search("lake", collection=["valley", "tarnby"], limit=50).hits
        }
        assert both == {"Orrin Valley Echo", "Marrow Weekly", "Tarnby Post"}
        remove_collection(index, "tarnby")
        with pytest.raises(QueryError, match="no collection named 'nope'.*known: valley"):
            s.search("lake", collection="nope")
    assert remove_collection(index, "valley", ["marrow weekly"]) == ["Orrin Valley Echo"]
    assert remove_collection(index, "valley") is None
    assert load_collections(index) == {}
    with pytest.raises(QueryError, match="bad collection name"):
        add_outlets(index, "../x", ["A"])


def test_removing_an_outlet_a_collection_lacks_is_refused_and_changes_nothing(tmp_path):
    add_outlets(tmp_path, "valley", ["Orrin Valley Echo", "Marrow Weekly"])
    with pytest.raises(
        QueryError, match="'Tarnby Post' is not in collection 'valley'.*Orrin Valley Echo"
    ):
        remove_collection(tmp_path, "valley", ["marrow weekly", "Tarnby Post"])
    with pytest.raises(QueryError, match="not in collection 'valley'"):
        remove_collection(tmp_path, "valley", ["  "])
    assert load_collections(tmp_path) == {"valley": ["Orrin Valley Echo", "Marrow Weekly"]}


def test_a_collections_file_does_not_make_a_folder_an_index(tmp_path):
    from searcher.errors import IndexNotFound

    folder = tmp_path / "fresh"
    add_outlets(folder, "wires", ["Some Wire"])
    with pytest.raises(IndexNotFound):
        open_searcher(folder)
    build_index(folder)  # an index can still be built there
    assert load_collections(folder) == {"wires": ["Some Wire"]}
