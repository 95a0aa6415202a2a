"""Damaged indexes end in "index … is damaged: run `searcher rebuild`", never in a traceback or a wrong count."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from index_helpers import synthetic_articles

from searcher import open_searcher
from searcher.cli import main
from searcher.errors import IndexCorrupt, IndexOutdated
from searcher.index import index_articles, open_index, stats
from searcher.index.manifest import MANIFEST_NAME
from searcher.index.store import current_generation

DAMAGED = "is damaged"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "pristine"
    index_articles(synthetic_articles(120), path)
    return path


@pytest.fixture
def index(pristine, tmp_path) -> Path:
    path = tmp_path / "ix"
    shutil.copytree(pristine, path)
    return path


def one_file(index: Path, suffix: str) -> Path:
    (found,) = [p for p in current_generation(index).iterdir() if p.name.endswith(suffix)]
    return found


def truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garble(path: Path) -> None:
    """Same size, middle bytes changed."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 4, 3 * len(data) // 4):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


def cli(index: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--index", str(index)])


def assert_damaged_cli(result) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert DAMAGED in result.output and "run `searcher rebuild`" in result.output
    assert result.output.count("\n") == 1


def test_a_fresh_index_records_every_file(index):
    manifest = json.loads((current_generation(index) / MANIFEST_NAME).read_text())
    names = set(manifest["files"])
    assert manifest["toc"] in names and any(n.endswith(".pst") for n in names)
    assert any(n.endswith("_stored.col") for n in names)
    result = cli(index, "stats", "--verify")
    assert result.exit_code == 0 and "every file matches its checksum" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["search", "council", "--sort", "newest"],
        ["search", "councl", "--fuzzy"],
        ["quotes", "open"],
        ["stats"],
        ["show", "x"],
    ],
)
def test_half_truncated_stored_column(index, args):
    truncate_half(one_file(index, "_stored.col"))
    assert_damaged_cli(cli(index, *args))


def test_half_truncated_postings_is_not_a_wrong_count(index):
    truncate_half(one_file(index, ".pst"))
    assert_damaged_cli(cli(index, "search", "council"))
    with pytest.raises(IndexCorrupt, match="bytes, not"):
        open_index(index)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "council"],
        ["search", "councl", "--fuzzy"],
        ["quotes", "open"],
        ["search", "harbour", "--sort", "newest"],
    ],
)
def test_garbled_postings(index, args):
    garble(one_file(index, ".pst"))
    result = cli(index, *args)
    # A garbled block is found when it is read (or the search it spoils is short of nothing):
    # either way never a traceback, and --verify names the file.
    assert result.exit_code in (0, 1, 2), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert_damaged_cli(result)
    verified = cli(index, "stats", "--verify")
    assert_damaged_cli(verified)
    assert ".pst does not match its checksum" in verified.output


def test_garbled_postings_through_the_python_api(index):
    garble(one_file(index, ".pst"))
    with open_searcher(index) as searcher:
        with pytest.raises(IndexCorrupt, match="does not match its checksum"):
            for word in ("council", "harbour", "ferry", "budget", "winter"):
                searcher.search(word, sort="newest")
                searcher.quotes(word)
            raise AssertionError("garbled postings read without an error")


def test_a_plain_whoosh_optimize_is_a_foreign_commit(index):
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(current_generation(index)))
    ix.writer().commit(optimize=True)
    ix.close()
    with pytest.raises(IndexCorrupt, match="something other than searcher changed it"):
        open_index(index)
    assert_damaged_cli(cli(index, "search", "councl", "--fuzzy"))


def test_a_foreign_commit_after_opening_is_noticed(index):
    from whoosh import index as whoosh_index

    with open_searcher(index) as searcher:
        assert searcher.search("council").total > 0
        ix = whoosh_index.open_dir(str(current_generation(index)))
        ix.writer().commit(optimize=True)
        ix.close()
        with pytest.raises(IndexCorrupt, match="something other than searcher"):
            searcher.search("councl", fuzzy=True)


def test_missing_manifest(index):
    (current_generation(index) / MANIFEST_NAME).unlink()
    with pytest.raises(IndexOutdated, match="no manifest.json .* run `searcher rebuild`"):
        open_index(index)


def test_update_verifies_before_writing(index, tmp_path):
    from index_helpers import CountingNormalizer, write_json_page

    from searcher.index import update

    garble(one_file(index, ".trm"))
    corpus = tmp_path / "corpus"
    write_json_page(corpus, "a.json", synthetic_articles(1, seed=3)[0])
    before = sorted((p.name, p.stat().st_size) for p in current_generation(index).iterdir())
    with pytest.raises(IndexCorrupt, match=".trm does not match its checksum"):
        update(corpus, index, normalizer=CountingNormalizer())
    assert sorted((p.name, p.stat().st_size) for p in current_generation(index).iterdir()) == before


def test_updates_keep_the_manifest_true(index, tmp_path):
    more = synthetic_articles(5, seed=99)
    index_articles(more, index)
    stats(index, verify=True)
    with open_searcher(index) as searcher:
        assert searcher.get(more[0].id).id == more[0].id


def test_damaged_state_database(index):
    garble(current_generation(index) / "state.sqlite")
    with pytest.raises(IndexCorrupt, match="state.sqlite"):
        stats(index, verify=True)


def test_serve_answers_503_with_json(index):
    pytest.importorskip("starlette")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from searcher.serve import create_app

    truncate_half(one_file(index, "_stored.col"))
    with TestClient(create_app(index)) as client:
        r = client.get("/api/search", params={"q": "council", "sort": "newest"})
        assert r.status_code == 503 and DAMAGED in r.json()["error"]


def test_the_documented_message_is_the_one_given(index, repo_root):
    import re

    truncate_half(one_file(index, ".pst"))
    result = cli(index, "search", "council")
    documented = next(
        line
        for line in (repo_root / "docs" / "index-integrity.md").read_text().splitlines()
        if line.startswith("Error: index")
    )

    def shape(line: str) -> str:
        line = re.sub(r"index \S+ is", "index P is", line)
        line = re.sub(r"gen-[\w-]+/MAIN_\w+", "G/S", line)
        return re.sub(r"[\d,]+", "N", line)

    assert shape(result.output.strip()) == shape(documented)


def test_a_reader_waits_for_a_running_writers_manifest(index):
    """While another process holds the write lock, a new table of contents is its commit, not damage."""
    import subprocess
    import sys
    import time

    from whoosh import index as whoosh_index

    generation = current_generation(index)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from searcher.index.locks import WriteLock\n"
            "from searcher.index.manifest import write_manifest\n"
            f"lock = WriteLock({str(index)!r}, command='searcher index').acquire()\n"
            "print('held', flush=True)\n"
            "sys.stdin.readline()\n"  # the commit happened
            "time.sleep(0.5)\n"
            f"write_manifest(__import__('pathlib').Path({str(generation)!r}))\n"
            "time.sleep(30)\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    try:
        assert writer.stdout.readline().strip() == "held"
        ix = whoosh_index.open_dir(str(generation))
        ix.writer().commit(optimize=True)  # stands for the writer's own commit
        ix.close()
        writer.stdin.write("go\n")
        writer.stdin.flush()
        started = time.monotonic()
        open_index(index).close()  # waits for the manifest instead of calling the index damaged
        assert 0.3 < time.monotonic() - started < 8
    finally:
        writer.kill()
        writer.wait()
    # With no writer left, the same difference is damage at once.
    ix = whoosh_index.open_dir(str(generation))
    ix.writer().commit(optimize=True)
    ix.close()
    started = time.monotonic()
    with pytest.raises(IndexCorrupt, match="something other than searcher"):
        open_index(index)
    assert time.monotonic() - started < 1


def test_a_damaged_cached_record_is_normalized_again(tmp_path, bundled_corpus):
    """A rebuild reuses cached records only when they decode; a damaged one is made again, not a traceback."""
    import sqlite3

    from searcher.index import rebuild, update

    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus / "millbrook-courier", corpus / "millbrook-courier")
    first = update(corpus, tmp_path / "ix", workers=1)
    with sqlite3.connect(tmp_path / "ix" / "records.sqlite") as db:
        rows = db.execute("SELECT rowid, data FROM records ORDER BY rowid").fetchall()
        garbled = rows[0][1][:1] + bytes((b * 7 + 3) % 256 for b in rows[0][1][1:])
        db.execute("UPDATE records SET data = ? WHERE rowid = ?", (garbled, rows[0][0]))
        db.execute(
            "UPDATE records SET data = ? WHERE rowid = ?",
            (rows[1][1][: len(rows[1][1]) // 2], rows[1][0]),
        )
    report = rebuild(corpus, tmp_path / "ix", workers=1)
    assert report.failed == [] and report.normalized == 2
    assert report.added == first.added and report.not_articles == first.not_articles
    again = rebuild(corpus, tmp_path / "ix", workers=1)
    assert again.normalized == 0 and again.added == first.added


def test_a_sound_index_is_not_hashed_again_for_every_failing_read(index, monkeypatch):
    """A query that trips a bug (not damage) re-raises it, and the index is verified once, not per request."""
    from searcher.index.store import ArticleIndex
    from searcher.search import ranked

    calls = []
    verify = ArticleIndex.verify
    monkeypatch.setattr(ArticleIndex, "verify", lambda self: calls.append(1) or verify(self))
    monkeypatch.setattr(ranked, "story_count", lambda matched, groups: 1 / 0)
    with open_searcher(index) as searcher:
        for _ in range(3):
            with pytest.raises(ZeroDivisionError):
                searcher.search("council")
    assert calls == [1]
