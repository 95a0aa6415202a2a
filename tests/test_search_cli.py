"""`searcher search`, `quotes` and `show` through click's CliRunner: output, formats, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from search_fixtures import build_index

from searcher.cli import main


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("search-cli") / "ix")


def run(index_dir, *args):
    result = CliRunner().invoke(main, [*args, "--index", str(index_dir)])
    return result


def test_text_output_shows_the_hit(index_dir):
    result = run(index_dir, "search", "bread", "fuel")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1. Draft budget cuts regional railways and taxes freight fuel" in out
    assert "Northfield Courier · 2016-01-15 · Anna Kettunen, Ola Brekke" in out
    assert "https://northfieldcourier.example/budget-draft" in out
    assert "score " in out and "id budget" in out
    assert "“A tax on freight fuel is a tax on every loaf of bread,” — Łucja Weißmann" in out
    assert "1 matching article; page 1" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_also_in_and_original_source(index_dir):
    out = run(index_dir, "search", '"night ferry"').output
    assert "also in: " in out
    out = run(index_dir, "search", "ferry", "--source", "harbor ledger").output
    assert "Global Dispatch Review (original source: Harbor Ledger)" in out


def test_options_filters_sort_and_facets(index_dir):
    result = run(
        index_dir, "search", "ferry", "--author", "kettunen", "--facet", "outlet", "--facet", "year"
    )
    assert result.exit_code == 0
    assert "matched: Anna Kettunen, Miroslav Kettunen" in result.stderr
    assert "outlet: " in result.stdout and "year: 2015 (" in result.stdout
    result = run(
        index_dir,
        "search",
        "Brannholm",
        "--any",
        "--sort",
        "oldest",
        "--limit",
        "1",
        "--format",
        "jsonl",
    )
    assert json.loads(result.stdout.splitlines()[0])["article"]["id"] == "ferry-ledger"
    result = run(
        index_dir,
        "search",
        "ferry",
        "--since",
        "2016",
        "--until",
        "2016-12",
        "--lang",
        "en",
        "--format",
        "json",
    )
    assert [h["article"]["id"] for h in json.loads(result.stdout)["hits"]] == ["storm"]
    result = run(
        index_dir,
        "search",
        "fuel",
        "--speaker",
        "weissmann",
        "--tag",
        "economy",
        "--outlet",
        "northfield",
    )
    assert result.exit_code == 0
    result = run(index_dir, "search", "ferry", "--page", "2", "--limit", "2", "--format", "json")
    assert json.loads(result.stdout)["page"] == 2


def test_json_is_the_documented_shape(index_dir):
    result = run(index_dir, "search", "bread", "--format", "json", "--facet", "speaker")
    data = json.loads(result.stdout)
    assert data["total"] == 1
    assert data["hits"][0]["article"]["quotes"][0]["speaker"] == "Łucja Weißmann"
    assert (
        data["facets"]["speaker"][0] == {"value": "Oskar Lindqvist", "count": 1}
        or data["facets"]["speaker"][0]["value"] == "Łucja Weißmann"
    )
    lines = run(index_dir, "search", "ferry", "--format", "jsonl").stdout.splitlines()
    assert all(json.loads(line)["article"]["id"] for line in lines)


def test_fuzzy_and_did_you_mean(index_dir):
    result = run(index_dir, "search", "vacination")
    assert result.exit_code == 1
    assert "did you mean: vaccination" in result.stderr
    result = run(index_dir, "search", "vacination", "--fuzzy")
    assert result.exit_code == 0
    assert "Vaccination campaign" in result.stdout
    assert "vacination → vaccination" in result.stderr


def test_no_results_exit_1(index_dir):
    result = run(index_dir, "search", "zeppelin")
    assert result.exit_code == 1
    assert "0 matching articles" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["search"], "empty query"),
        (["search", "(ferry"], "unclosed '('"),
        (["search", "colour:red"], "unknown field"),
        (["search", "ferry", "--since", "2015-13"], "no month 13"),
        (["search", "ferry", "--facet", "colour"], "unknown facet 'colour'"),  # as over HTTP
        (["quotes"], "empty query"),
        (["search", "(" * 300 + "ferry" + ")" * 300], "nests too deeply"),
        (["search", "ferry " + "NOT " * 2000 + "bread"], "nests too deeply"),
    ],
)
def test_bad_input_exit_2_one_line(index_dir, args, message):
    result = run(index_dir, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_corrupt_index_and_unreadable_corpus_exit_2(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage\n")
    result = CliRunner().invoke(main, ["search", "ferry", "--index", str(broken)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(
        main,
        [
            "search",
            "ferry",
            "--index",
            str(tmp_path / "none"),
            "--corpus",
            str(tmp_path / "no-corpus"),
        ],
    )
    assert result.exit_code == 2
    assert "building it" in result.stderr


@pytest.mark.slow
def test_missing_index_is_built_from_the_corpus(tmp_path, bundled_corpus):
    if not bundled_corpus.is_dir() or not any(bundled_corpus.iterdir()):
        pytest.skip("no bundled corpus")
    index = tmp_path / "ix"
    result = CliRunner().invoke(
        main,
        [
            "search",
            "the",
            "OR",
            "a",
            "OR",
            "said",
            "--any",
            "--index",
            str(index),
            "--corpus",
            str(bundled_corpus),
        ],
    )
    assert "building it from" in result.stderr
    assert result.exit_code in (0, 1)
    assert (index / "CURRENT").exists()


def test_quotes_command(index_dir):
    result = run(index_dir, "quotes", "bread")
    assert result.exit_code == 0
    assert "“A tax on freight fuel is a tax on every loaf of bread,”" in result.stdout
    assert "— Łucja Weißmann · Northfield Courier · 2016-01-15" in result.stdout
    result = run(index_dir, "quotes", "--speaker", "aydogan", "--format", "json")
    data = json.loads(result.stdout)
    assert {h["speaker"] for h in data["hits"]} == {"Zeynep Aydoğan"}
    assert run(index_dir, "quotes", "zeppelin").exit_code == 1


def test_show_command(index_dir):
    result = run(index_dir, "show", "budget")
    assert result.exit_code == 0
    assert result.stdout.startswith("Draft budget cuts regional railways")
    assert "outlet:    Northfield Courier" in result.stdout
    assert "Quotations:" in result.stdout
    data = json.loads(
        run(
            index_dir, "show", "https://northfieldcourier.example/budget-draft", "--format", "json"
        ).stdout
    )
    assert data["id"] == "budget"
    for key in ("https://northfieldcourier.example/budget-draft/", "BUDGET"):
        again = run(index_dir, "show", key, "--format", "json")
        assert again.exit_code == 0 and json.loads(again.stdout)["id"] == "budget", key
    missing = run(index_dir, "show", "nope")
    assert missing.exit_code == 1 and "no article" in missing.stderr


def test_feedback_flag(index_dir):
    on = run(index_dir, "search", "ferry", "--feedback")
    assert "ranked with words from the best first hits" in on.stderr
    off = run(
        index_dir, "search", "island", "ferry", "crossing", "winter", "--any", "--no-feedback"
    )
    assert "best first hits" not in off.stderr and off.exit_code == 0


def test_output_into_a_closed_pipe_stops_quietly(index_dir):
    import subprocess

    # `searcher search … | head -0`: the reader has left before the first line is written.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "searcher",
            "search",
            "ferry",
            "--any",
            "--format",
            "jsonl",
            "--index",
            str(index_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert proc.returncode in (0, 141), err
    assert "Traceback" not in err and "Broken pipe" not in err and "Exception ignored" not in err
