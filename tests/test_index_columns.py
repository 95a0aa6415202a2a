"""Columns written at index time beside each segment: facet ordinals and publication days."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from searcher.index import index_articles, open_index
from searcher.index.columns import (
    FACET_COLUMNS,
    SUFFIX,
    compute_columns,
    open_columns,
)
from searcher.index.manifest import write_manifest
from searcher.index.store import current_generation
from searcher.search import open_searcher
from tests.search_fixtures import build_index, fixture_articles

REPO = Path(__file__).resolve().parents[1]
# Every article of the fixtures (a search needs words).
ALL = "lang:en OR lang:de"


def _column_files(index: Path) -> list[str]:
    generation = current_generation(index)
    assert generation is not None
    return sorted(p.name for p in generation.iterdir() if p.name.endswith(SUFFIX))


def _segment_ids(index: Path) -> list[str]:
    with open_index(index) as ix:
        reader = ix.reader()
        ids = sorted(leaf.segment().segment_id() for leaf, _ in reader.leaf_readers())
        reader.close()
        return ids


def _answers(index: Path) -> dict:
    """Everything the columns feed: facets, date filters, date orders, the timeline, top names."""
    with open_searcher(index) as s:
        out = {}
        facets = ("outlet", "author", "speaker", "tag", "lang", "source", "year", "month")
        found = s.search(ALL, facets=facets, limit=20, sort="newest")
        out["facets"] = {k: [(c.value, c.count) for c in f.counts] for k, f in found.facets.items()}
        out["newest"] = [h.article.id for h in found.hits]
        out["oldest"] = [h.article.id for h in s.search(ALL, sort="oldest", limit=20).hits]
        out["since"] = sorted(h.article.id for h in s.search(ALL, since="2016-02", limit=20).hits)
        out["window"] = sorted(
            h.article.id for h in s.search(ALL, since="2015", until="2016-01-15", limit=20).hits
        )
        timeline = s.timeline("", by="month", split="outlet", top=3)
        out["timeline"] = timeline.to_dict()
        out["terms"] = [t.to_dict() for t in s.terms("ferry").names]
        brannholm = s.search("Brannholm")
        out["stories"] = (brannholm.total, brannholm.stories)
    return out


def test_a_build_writes_columns_for_its_segment(tmp_path):
    index = build_index(tmp_path / "ix")
    assert _column_files(index) == [f"{sid}{SUFFIX}" for sid in _segment_ids(index)]


def test_stored_columns_equal_the_ones_computed_from_postings(tmp_path):
    index = build_index(tmp_path / "ix")
    with open_index(index) as ix:
        reader = ix.reader()
        for leaf, _offset in reader.leaf_readers():
            stored = open_columns(leaf)
            assert stored is not None
            days, stories, facets = compute_columns(leaf)
            assert np.array_equal(stored.days(), days)
            assert np.array_equal(stored.story_keys(), stories)
            for field in FACET_COLUMNS:
                mine, theirs = stored.facet(field), facets[field]
                assert mine is not None
                for name in ("single", "pair_docs", "pair_values"):
                    assert np.array_equal(getattr(mine, name), getattr(theirs, name)), (field, name)
                assert (mine.values, mine.keys) == (theirs.values, theirs.keys)
        reader.close()


def test_an_index_without_columns_answers_the_same(tmp_path):
    """Older indexes (no columns file): every reader computes the columns from the postings instead."""
    index = build_index(tmp_path / "ix")
    with_columns = _answers(index)
    generation = current_generation(index)
    assert generation is not None
    for name in _column_files(index):
        (generation / name).unlink()
    write_manifest(generation)
    assert _column_files(index) == []
    assert _answers(index) == with_columns


def test_the_first_facet_reads_no_postings(tmp_path, monkeypatch):
    """With columns on disk, facets, sorts and dates never invert postings or decode stored dates."""
    from searcher.search import columns as search_columns

    index = build_index(tmp_path / "ix")

    def refuse(*args, **kwargs):
        raise AssertionError("computed a column that is stored")

    monkeypatch.setattr(search_columns, "compute_facet", refuse)
    monkeypatch.setattr(search_columns, "compute_days", refuse)
    monkeypatch.setattr(search_columns, "compute_story_keys", refuse)
    assert _answers(index)["facets"]["outlet"][0] == ("Harbor Ledger", 3)


def _more(n: int) -> list:
    base = fixture_articles()[0]
    return [
        dataclasses.replace(
            base,
            id=f"more-{n}-{k}",
            url=f"https://more.example/{n}/{k}",
            title=f"Ferry timetable number {n} {k}",
            body=f"The ferry timetable {n} {k} changes in spring. " + base.body,
            authors=["Miroslav Kettunen" if k % 2 else "Miroslav Kettünen"],
            published=f"2017-0{1 + k % 9}-1{k % 10}",
            quotes=[],
        )
        for k in range(3)
    ]


def test_updates_write_columns_for_new_segments_and_keep_the_others(tmp_path):
    index = build_index(tmp_path / "ix")
    first = _column_files(index)
    index_articles(_more(1), index)
    index_articles(_more(2), index)
    files = _column_files(index)
    # Every live segment has its columns, the bulk segment's file is kept, dead ones are gone.
    assert files == [f"{sid}{SUFFIX}" for sid in _segment_ids(index)]
    assert set(first) <= set(files)
    assert len(files) >= 2
    with open_searcher(index) as s:
        found = s.search(ALL, facets=("author", "year"), limit=50)
        authors = dict((c.value, c.count) for c in found.facets["author"].counts)
        # Accents merge across segments as within one: 4 documents each, the accented one shows.
        assert authors["Miroslav Kettünen"] == 8 and "Miroslav Kettunen" not in authors
        years = dict((c.value, c.count) for c in found.facets["year"].counts)
        assert years["2017"] == 6
    assert _answers(index) == _answers_computed(index, tmp_path)


def _answers_computed(index: Path, tmp_path: Path) -> dict:
    """The answers of a copy of the index whose columns files were removed (computed on open)."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(index, copy)
    generation = current_generation(copy)
    assert generation is not None
    for name in _column_files(copy):
        (generation / name).unlink()
    write_manifest(generation)
    return _answers(copy)


def test_a_copy_in_a_later_segment_joins_its_story(tmp_path):
    index = build_index(tmp_path / "ix")
    total, stories = _answers(index)["stories"]
    assert stories == total - 1  # the syndicated pair is one story
    ferry = fixture_articles()[0]
    copy = dataclasses.replace(
        ferry, id="ferry-third", url="https://third.example/ferry", outlet="Third Outlet"
    )
    index_articles([copy], index)
    assert len(_segment_ids(index)) == 2
    assert _answers(index)["stories"] == (total + 1, stories)
    assert _answers_computed(index, tmp_path)["stories"] == (total + 1, stories)


def test_replaced_articles_count_once(tmp_path):
    """A replaced document is deleted in its old segment: it leaves the facets and the timeline's totals."""
    index = build_index(tmp_path / "ix")
    before = _answers(index)
    changed = dataclasses.replace(fixture_articles()[5], title="Varemoor eight wins again")
    index_articles([changed], index)
    after = _answers(index)
    assert after["facets"] == before["facets"]
    assert after["timeline"]["periods"] == before["timeline"]["periods"]


def test_a_rebuild_publishes_a_generation_with_columns_and_prunes_the_old(tmp_path):
    index = build_index(tmp_path / "ix")
    old = current_generation(index)
    index_articles(fixture_articles(), index, fresh=True)
    index_articles(fixture_articles(), index, fresh=True)
    new = current_generation(index)
    assert new != old and not (old is not None and old.exists())
    assert _column_files(index) == [f"{sid}{SUFFIX}" for sid in _segment_ids(index)]


def test_plain_whoosh_opens_the_index_with_columns(tmp_path):
    index = build_index(tmp_path / "ix")
    index_articles(_more(1), index)
    generation = current_generation(index)
    code = (
        "import sys; from whoosh import index; from whoosh.query import Term\n"
        "ix = index.open_dir(sys.argv[1])\n"
        "with ix.searcher() as s:\n"
        "    print(sorted(h['id'] for h in s.search(Term('outlet_exact', 'Harbor Ledger'), limit=None)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(generation)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    more = [f"more-1-{k}" for k in range(3)]
    assert done.stdout.strip() == str(sorted(["ferry-ledger", "regatta", "storm", *more]))


def test_a_damaged_columns_file_is_reported(tmp_path):
    """The manifest records the columns like any segment file: a truncated one is damage."""
    from searcher.errors import IndexCorrupt

    index = build_index(tmp_path / "ix")
    generation = current_generation(index)
    assert generation is not None
    name = _column_files(index)[0]
    path = generation / name
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(IndexCorrupt, match=name.replace(".", r"\.")):
        open_index(index)


def test_period_codes_count_days_weeks_months_and_years():
    from datetime import date

    from searcher.search.columns import NO_DAY, period_codes

    days = [date(2015, 12, 31), date(2016, 1, 1), date(2016, 2, 29), date(1999, 7, 4)]
    ordinals = np.array([d.toordinal() for d in days] + [NO_DAY], dtype=np.int32)
    assert period_codes(ordinals, "day").tolist() == [d.toordinal() for d in days] + [-1]
    assert period_codes(ordinals, "week").tolist() == [(d.toordinal() - 1) // 7 for d in days] + [
        -1
    ]
    assert period_codes(ordinals, "month").tolist() == [d.year * 12 + d.month - 1 for d in days] + [
        -1
    ]
    assert period_codes(ordinals, "year").tolist() == [d.year for d in days] + [-1]


def test_two_spellings_in_one_article_count_once(tmp_path):
    index = build_index(tmp_path / "ix")
    both = dataclasses.replace(
        _more(9)[0], authors=["Miroslav Kettünen", "Miroslav Kettunen", "Per Holm"]
    )
    index_articles([both], index)
    for answers in (_answers(index), _answers_computed(index, tmp_path)):
        authors = dict(answers["facets"]["author"])
        assert authors["Miroslav Kettunen"] == 3 and authors["Per Holm"] == 3
