"""Schema, analysis and stored records: folding, the fast analysis path, compact positions."""

from __future__ import annotations

import random

import pytest
from index_helpers import make_article
from whoosh.qparser import QueryParser

from searcher.article import Article, Quote
from searcher.index import (
    SCHEMA_VERSION,
    build_schema,
    decode_record,
    encode_record,
    index_articles,
    open_index,
)
from searcher.index.analysis import name_analyzer, text_analyzer, vocabulary_analyzer
from searcher.index.fastanalysis import name_positions, text_positions, vocabulary_terms
from searcher.index.postingformat import VarintPositions, decode_positions, encode_positions


def _terms(analyzer, text):
    return [t.text for t in analyzer(text)]


@pytest.mark.parametrize(
    "written, plain",
    [
        ("Erdoğan", "Erdogan"),
        ("Łódź", "Lodz"),
        ("Straße", "Strasse"),
        ("Søren", "Soren"),
        ("Æbeltoft", "AEbeltoft"),
    ],
)
def test_accented_names_fold_to_their_plain_spelling(written, plain):
    for analyzer in (text_analyzer(), name_analyzer(), vocabulary_analyzer()):
        assert _terms(analyzer, written) == _terms(analyzer, plain)


def test_folded_names_are_found_in_an_index(tmp_path):
    rng = random.Random(1)
    article = make_article(
        1, rng, body="Recep Tayyip Erdoğan visited Łódź and walked down the Straße."
    )
    index_articles([article], tmp_path / "ix")
    ix = open_index(tmp_path / "ix")
    with ix.searcher() as s:
        for field, query in [
            ("body", "erdogan"),
            ("body", "lodz"),
            ("body", "strasse"),
            ("title", "plan"),
        ]:
            assert len(s.search(QueryParser(field, ix.schema).parse(query))) == 1, (field, query)
        assert len(s.search(QueryParser("body", ix.schema).parse("lisbon"))) == 0
    ix.close()


SAMPLES = [
    "The Minister's plan: cut 3.5% of the budget, said Dr. Ines Morales on 12.03.2021!",
    "a an the of to it is be U.S. officials e.g. x y z state-of-the-art co-operation",
    "Erdoğan, Łódź, Straße, Ærøskøbing — naïve café façade; ÉCOLE publique",
    "   leading spaces and  double   spaces\n\nnew paragraph\tand tabs",
    "",
    "the the the of of",
    "Running runners ran; easily easier easiest; studies studying studied",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_analysis_matches_the_schema_analyzers(text):
    expected = {}
    for t in text_analyzer()(text, positions=True):
        expected.setdefault(t.text, []).append(t.pos)
    poses, length = text_positions(text)
    assert poses == expected
    assert length == sum(len(p) for p in expected.values())
    names = {}
    for t in name_analyzer()(text, positions=True):
        names.setdefault(t.text, []).append(t.pos)
    assert name_positions(text)[0] == names
    assert vocabulary_terms(text) == set(_terms(vocabulary_analyzer(), text))


def test_varint_positions_round_trip():
    fmt = VarintPositions()
    for positions in ([0], [5], [127, 128], [1, 2, 300, 70000, 70001], list(range(0, 5000, 7))):
        value = fmt.encode(positions)
        assert value == encode_positions(positions)
        assert fmt.decode_positions(value) == positions == decode_positions(value)
        assert fmt.decode_frequency(value) == len(positions)


def test_records_round_trip_losslessly():
    body = 'Intro.\n\n"We will win," said Ana. She added "never" later.'
    article = Article(
        id="abc",
        url="https://x.example/a",
        title="T",
        authors=["Ana Ruiz"],
        outlet="X",
        source="Y",
        published="2020-01-02",
        lang="es",
        tags=["a"],
        body=body,
        quotes=[Quote("We will win,", "Ana", 9, 21), Quote("not in the body", None, 0, 3)],
        provenance={"title": "meta"},
        kind="article",
    )
    stored = encode_record(article)
    assert isinstance(stored, bytes) and len(stored) < len(article.to_json())
    assert decode_record(stored) == article
    assert decode_record(article.to_json()) == article
    with pytest.raises(ValueError):
        decode_record(b"\x07garbage")


def test_schema_has_the_fields_search_uses():
    schema = build_schema()
    for name in (
        "id",
        "url",
        "cluster",
        "title",
        "body",
        "quote",
        "author",
        "speaker",
        "outlet",
        "source",
        "tag",
        "author_exact",
        "speaker_exact",
        "outlet_exact",
        "source_exact",
        "tag_exact",
        "lang",
        "year",
        "month",
        "published",
        "words",
        "record",
    ):
        assert name in schema.names(), name
    assert schema["published"].column_type is not None  # sortable
    assert SCHEMA_VERSION >= 3


def test_phrases_match_in_bulk_and_incremental_segments(tmp_path):
    rng = random.Random(6)
    first = make_article(
        1, rng, body="The night ferry to Brannholm will keep running through the winter."
    )
    other = make_article(2, rng, body="Running the winter ferry night to Brannholm will keep.")
    index_articles([first, other], tmp_path / "ix")
    later = make_article(3, rng, body="Officials said the night ferry to Brannholm was late again.")
    index_articles([later], tmp_path / "ix")  # an incremental segment written by Whoosh
    ix = open_index(tmp_path / "ix")
    with ix.searcher() as s:
        parser = QueryParser("body", ix.schema)
        hits = s.search(parser.parse('"night ferry to Brannholm"'))
        assert sorted(h["id"] for h in hits) == sorted([first.id, later.id])
        assert len(s.search(parser.parse('"ferry night"'))) == 1
    ix.close()
