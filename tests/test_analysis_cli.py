"""The analysis commands through the CLI: timeline, trail, terms, collections, CSV exports and cursors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from analysis_corpus import OTHER_SPEAKER, QUOTE, SPEAKER, build_index
from click.testing import CliRunner

from searcher.cli import main


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return str(build_index(tmp_path_factory.mktemp("analysis-cli") / "index"))


def run(index, *args):
    return CliRunner().invoke(main, [*args, "--index", index])


def test_timeline_text_json_csv(index):
    result = run(index, "timeline", "lake")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["period", "matches", "total", "share"]
    assert lines[1].split() == [
        "2024-01",
        "2",
        "4",
        "50.0%",
    ]  # no bar: the output is not a terminal
    assert lines[-1] == "7 matching articles in 6 months; 1 undated not shown"
    data = json.loads(run(index, "timeline", "lake", "--format", "json", "--by", "year").output)
    assert data["periods"] == [
        {"period": "2024", "start": "2024-01-01", "matches": 6, "total": 17, "share": 0.352941}
    ]
    rows = list(csv.reader(io.StringIO(run(index, "timeline", "lake", "--format", "csv").output)))
    assert rows[0] == ["period", "start", "matches", "total", "share"]
    assert rows[4] == ["2024-04", "2024-04-01", "0", "2", "0.0"]


def test_timeline_split_csv_and_text(index):
    rows = list(
        csv.reader(
            io.StringIO(
                run(
                    index, "timeline", "lake", "--split", "outlet", "--top", "1", "--format", "csv"
                ).output
            )
        )
    )
    assert rows[0] == ["period", "outlet", "matches", "total", "share"]
    assert rows[1] == ["2024-01", "Kessel Herald", "1", "4", "0.25"]
    text = run(index, "timeline", "lake", "--split", "speaker").output
    assert SPEAKER in text and OTHER_SPEAKER in text


def test_timeline_split_csv_keeps_its_columns_without_a_dated_match(index):
    header = ["period,outlet,matches,total,share"]
    undated = run(
        index, "timeline", "upholds", "--split", "outlet", "--format", "csv"
    )  # its one match is undated
    assert undated.exit_code == 0 and undated.stdout.splitlines() == header
    nothing = run(index, "timeline", "zzznothing", "--split", "outlet", "--format", "csv")
    assert nothing.exit_code == 1 and nothing.stdout.splitlines() == header


def test_timeline_text_counts_matches_that_all_lack_a_date(index):
    result = run(index, "timeline", "upholds")  # its one match is undated
    assert result.exit_code == 0 and result.stdout == "1 matching article, none with a date\n"


def test_bars_and_colour_on_a_terminal(index, monkeypatch):
    from searcher.cli import analysis
    from searcher.search import open_searcher

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert (
        analysis.bar(1.0, 4) == "████" and analysis.bar(0.5, 4) == "██" and analysis.bar(0.0) == ""
    )
    assert analysis.sparkline([0, 1, 8]) == " ▂█"
    with open_searcher(index) as s:
        timeline = s.timeline("lake")
    terminal = Terminal()
    monkeypatch.setattr(analysis.sys, "stdout", terminal)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert analysis._colour()
    analysis._timeline_text(timeline)
    row = terminal.getvalue().splitlines()[1]
    assert (
        "\x1b[36m" in row and "█" in row
    )  # January: half of the largest share (March's two of three)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not analysis._colour()
    terminal.truncate(0)
    terminal.seek(0)
    analysis._timeline_text(timeline)
    row = terminal.getvalue().splitlines()[1]
    assert "\x1b[" not in row and row.endswith(analysis.bar(0.5 / (2 / 3)))


def test_timeline_errors_exit_2(index):
    assert run(index, "timeline", "lake", "--by", "fortnight").exit_code == 2
    result = run(index, "timeline", "lake", "--collection", "nope")
    assert result.exit_code == 2 and "no collection named 'nope'" in result.output
    assert "Traceback" not in result.output
    assert run(index, "timeline", "zzzunknownword").exit_code == 1


def test_trail_text_and_json(index):
    result = run(index, "trail", QUOTE)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("4 articles carry it; first: Tarnby Post, 2024-01-15")
    assert f"credited to: {SPEAKER} (3), {OTHER_SPEAKER} (1)" in out
    assert "warning: different articles credit it to different speakers" in out
    assert out.count("variant ") == 3
    data = json.loads(run(index, "trail", QUOTE, "--format", "json").output)
    assert data["conflicting_speakers"] and len(data["entries"]) == 4
    assert run(index, "trail", "golf course").exit_code == 2
    assert run(index, "trail", "nobody ever said these words").exit_code == 1


def test_terms_text_and_json(index):
    result = run(index, "terms", "golf", "--size", "3")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("6 matching articles")
    data = json.loads(run(index, "terms", "golf", "--format", "json").output)
    assert SPEAKER in [t["text"] for t in data["names"]]
    assert run(index, "terms", "golf", "--size", "0").exit_code == 2


def test_search_csv_streams_every_match_not_a_page(index):
    result = run(index, "search", "council OR lake", "--format", "csv", "--limit", "2")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["id", "url", "title"] and len(rows) == 21
    assert "wrote 20 articles" in result.stderr


def test_search_csv_refuses_a_cursor_rather_than_export_from_the_top(index):
    first = json.loads(
        run(index, "search", "council OR lake", "--limit", "3", "--format", "json").output
    )
    result = run(index, "search", "council OR lake", "--format", "csv", "--after", first["next"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--after" in result.stderr and "every match" in result.stderr


def test_quotes_csv(index):
    result = run(index, "quotes", "lake", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:2] == ["text", "speaker"]
    assert {r[1] for r in rows[1:]} == {SPEAKER, OTHER_SPEAKER}
    assert run(index, "quotes", "zzznothing", "--format", "csv").exit_code == 1


def test_after_pages_through_search(index):
    first = json.loads(
        run(index, "search", "council OR lake", "--limit", "3", "--format", "json").output
    )
    second = run(
        index,
        "search",
        "council OR lake",
        "--limit",
        "3",
        "--format",
        "json",
        "--after",
        first["next"],
    )
    assert second.exit_code == 0, second.output
    page2 = json.loads(
        run(
            index, "search", "council OR lake", "--limit", "3", "--page", "2", "--format", "json"
        ).output
    )
    assert [h["article"]["id"] for h in json.loads(second.output)["hits"]] == [
        h["article"]["id"] for h in page2["hits"]
    ]
    bad = run(index, "search", "golf", "--after", first["next"])
    assert bad.exit_code == 2 and "another search" in bad.output


def test_collections_commands(tmp_path):
    index = str(build_index(tmp_path / "index"))
    assert run(index, "collections", "list").stdout == ""
    added = run(index, "collections", "add", "valley", "Orrin Valley Echo", "Marrow Weekly")
    assert added.exit_code == 0 and added.output == "valley: Orrin Valley Echo, Marrow Weekly\n"
    assert run(index, "collections", "list").output == "valley: Orrin Valley Echo, Marrow Weekly\n"
    shown = run(index, "collections", "show", "valley")
    assert shown.output == "Orrin Valley Echo: 4 articles\nMarrow Weekly: 4 articles\n"
    rows = list(
        csv.reader(
            io.StringIO(
                run(index, "search", "lake", "--collection", "valley", "--format", "csv").stdout
            )
        )
    )
    assert {r[4] for r in rows[1:]} == {"Orrin Valley Echo", "Marrow Weekly"}
    assert (
        run(index, "collections", "remove", "valley", "Marrow Weekly").output
        == "valley: Orrin Valley Echo\n"
    )
    assert run(index, "collections", "remove", "valley").output == "removed collection valley\n"
    missing = run(index, "collections", "remove", "valley")
    assert missing.exit_code == 2 and "no collection named 'valley'" in missing.output
    assert run(index, "collections", "add", "x").exit_code == 2  # no outlet
