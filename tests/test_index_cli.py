"""`searcher index`, `rebuild` and `stats` through the command line, and the stats record."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner
from index_helpers import make_article, write_html_corpus

from searcher.cli import main
from searcher.index import index_articles, stats


def test_stats_counts_outlets_authors_years(tmp_path):
    rng = random.Random(3)
    articles = [
        make_article(i, rng, outlet=o, year=y)
        for i, (o, y) in enumerate(
            [("Kessingen Daily", 2016), ("Kessingen Daily", 2018), ("Dunmere Post", 2018)]
        )
    ]
    index_articles(articles, tmp_path / "ix")
    result = stats(tmp_path / "ix")
    assert result.articles == 3 and result.outlets == 2
    assert result.per_outlet == {"Kessingen Daily": 2, "Dunmere Post": 1}
    assert result.per_year == {"2016": 1, "2018": 2}
    assert result.authors == len({a.authors[0] for a in articles})
    assert result.first_date.startswith("2016") and result.last_date.startswith("2018")
    assert result.size_bytes > 0 and result.per_lang == {"en": 3}


def test_stats_counts_a_name_spelled_with_and_without_accents_once(tmp_path):
    rng = random.Random(5)
    articles = [make_article(i, rng) for i in range(3)]
    for article, author in zip(
        articles, ["Jørn Ødegård", "Jorn Odegard", "Mette Lund"], strict=False
    ):
        article.authors = [author]
    index_articles(articles, tmp_path / "ix")
    assert stats(tmp_path / "ix").authors == 2


def test_index_rebuild_stats_commands(tmp_path):
    corpus = tmp_path / "corpus"
    articles = write_html_corpus(corpus, 5)
    runner = CliRunner()
    args = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    result = runner.invoke(main, ["index", *args])
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    result = runner.invoke(main, ["index", *args, "--format", "json"])
    report = json.loads(result.stdout)
    assert report["skipped"] == 5 and report["added"] == 0 and report["failed"] == []
    result = runner.invoke(main, ["rebuild", *args, "--workers", "1"])
    assert (
        result.exit_code == 0
        and "5 added" in result.output
        and "0 pages normalized" in result.output
    )
    result = runner.invoke(main, ["stats", "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0
    assert "articles    5" in result.output and "per outlet:" in result.output
    data = json.loads(
        runner.invoke(main, ["stats", "--index", str(tmp_path / "ix"), "--format", "json"]).output
    )
    assert data["articles"] == 5 and sum(data["per_outlet"].values()) == 5
    assert set(data["per_outlet"]) == {a.outlet for a in articles} or len(data["per_outlet"]) >= 1


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "file.bin").write_bytes(b"\0\1")
    for args in (
        ["stats", "--index", str(tmp_path / "junk")],
        ["stats", "--index", str(tmp_path / "none")],
        ["index", "--corpus", str(tmp_path / "no-corpus"), "--index", str(tmp_path / "ix")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output


def test_progress_line_shows_rate_and_eta_only_on_a_terminal(capsys, monkeypatch):
    from searcher.cli import index as cli_index
    from searcher.index import ProgressEvent

    clock = iter([0.0, 0.0, 2.0, 2.5, 3.0])
    monkeypatch.setattr(cli_index.time, "monotonic", lambda: next(clock))
    line = cli_index.ProgressLine(enabled=True)
    line(ProgressEvent("normalize", 0, 100))
    line(ProgressEvent("normalize", 50, 100))
    err = capsys.readouterr().err
    assert "normalize: 50/100  25 pages/s  ETA 0:02" in err
    quiet = cli_index.ProgressLine(enabled=False)
    quiet(ProgressEvent("normalize", 50, 100))
    assert capsys.readouterr().err == ""


def test_unwritable_index_folder_is_a_one_line_error(tmp_path):
    corpus = tmp_path / "corpus"
    write_html_corpus(corpus, 2)
    (tmp_path / "afile").write_text("not a folder")
    runner = CliRunner()
    for command in ("index", "rebuild"):
        result = runner.invoke(
            main, [command, "--corpus", str(corpus), "--index", str(tmp_path / "afile" / "ix")]
        )
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert result.output.strip().splitlines() == [
            f"Error: cannot write the index folder {tmp_path / 'afile' / 'ix'}: Not a directory"
        ]
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_index_on_a_damaged_index_says_rebuild_even_when_nothing_changed(tmp_path):
    corpus = tmp_path / "corpus"
    write_html_corpus(corpus, 4)
    runner = CliRunner()
    args = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert runner.invoke(main, ["index", *args]).exit_code == 0
    for postings in (tmp_path / "ix").glob("gen-*/*.pst"):
        postings.unlink()
    result = runner.invoke(main, ["index", *args])
    assert result.exit_code == 2, result.output
    assert "damaged" in result.output and "searcher rebuild" in result.output
    assert runner.invoke(main, ["rebuild", *args]).exit_code == 0
    assert runner.invoke(main, ["index", *args]).exit_code == 0
    assert not list((tmp_path / "ix").glob("gen-*/MAIN.tmp"))
