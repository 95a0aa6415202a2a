"""What a user reads: colour rules, accurate help, counts and plurals, empty inputs, progress, install hints."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from search_fixtures import build_index

from searcher.cli import COMMANDS, main
from searcher.cli.common import plural, wants_color
from searcher.cli.index import ProgressLine
from searcher.index.report import ProgressEvent


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("messages") / "ix")


class Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, True),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": ""}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm-256color"}, True),
    ],
)
def test_colour_follows_no_color_and_term(monkeypatch, env, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert wants_color(Terminal()) is expected
    assert wants_color(object()) is False


@pytest.mark.parametrize(
    "env, coloured", [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)]
)
def test_search_on_a_terminal_colours_unless_told_not_to(monkeypatch, index_dir, env, coloured):
    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["search", "ferry", "--index", str(index_dir)], color=True)
    assert result.exit_code == 0
    assert ("\x1b[" in result.output) is coloured


def test_main_help_names_the_commands_that_take_corpus_and_index():
    text = CliRunner().invoke(main, ["--help"]).output
    listed = {}
    for option in ("--corpus", "--index"):
        match = re.search(rf"{option} \(or .*?\) is taken by:\n((?:    [a-z, ]+\n)+)", text)
        assert match, text
        listed[option] = {name.strip() for name in match.group(1).replace("\n", " ").split(",")}
    ctx = click.Context(main)
    for option in ("--corpus", "--index"):
        actual = {
            name
            for name in COMMANDS
            if any(
                option in p.opts and not getattr(p, "is_flag", False)
                for p in main.get_command(ctx, name).params
            )
        }
        assert listed[option] == actual, option


def test_counts_say_articles_and_stories_consistently(index_dir):
    # "ferry" matches the ferry story twice (the original and a syndicated copy).
    first = (
        CliRunner()
        .invoke(main, ["search", "ferry", "--limit", "2", "--index", str(index_dir)])
        .output
    )
    match = re.search(
        r"^(\d+) matching articles in (\d+) stories; page 1 \(results 1–2\)$", first, re.M
    )
    assert match, first
    total, stories = int(match.group(1)), int(match.group(2))
    assert stories < total
    last_page = -(-stories // 2)
    beyond = CliRunner().invoke(
        main,
        [
            "search",
            "ferry",
            "--limit",
            "2",
            "--page",
            str(last_page + 1),
            "--index",
            str(index_dir),
        ],
    )
    assert beyond.exit_code == 0
    assert beyond.output.strip() == (
        f"{total} matching articles in {stories} stories; nothing on page "
        f"{last_page + 1}: {stories} stories fill {last_page} pages of 2"
    )


def test_plurals(index_dir):
    out = CliRunner().invoke(main, ["quotes", "bread", "--index", str(index_dir)]).output
    assert out.strip().endswith("1 matching quotation in 1 article")
    out = CliRunner().invoke(main, ["search", "bread", "fuel", "--index", str(index_dir)]).output
    assert "1 matching article; page 1" in out
    assert [plural(n, "story", "stories") for n in (0, 1, 2)] == [
        "0 stories",
        "1 story",
        "2 stories",
    ]


def test_extract_on_a_folder_without_pages(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.pdf").write_bytes(b"%PDF")
    for folder in ("empty", "other"):
        result = CliRunner().invoke(main, ["extract", str(tmp_path / folder)])
        assert result.exit_code == 2
        assert result.output == (
            f"error: no pages in {tmp_path / folder}: it holds no .html, .htm, .xhtml, .txt "
            "or .md files\n"
        )


def test_search_during_the_first_build_says_it_is_being_built(tmp_path):
    index = tmp_path / "ix"
    index.mkdir()
    (index / "gen-20260101T000000-1").mkdir()  # the build's unfinished generation
    (index / "records.sqlite").write_bytes(b"")
    (index / "records.sqlite-wal").write_bytes(b"")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from searcher.index.locks import WriteLock\n"
            f"lock = WriteLock({str(index)!r}, command='searcher index').acquire()\n"
            "print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = CliRunner().invoke(main, ["search", "ferry", "--index", str(index)])
        assert result.exit_code == 2
        assert f"index {index} is being built by pid {holder.pid}" in result.output
        assert (
            "(searcher index)" in result.output
            and "try again when it has finished" in result.output
        )
        assert time.monotonic() - started < 3  # said at once, not after waiting for the lock
    finally:
        holder.kill()
        holder.wait()


def test_progress_shows_rate_and_eta_in_every_phase():
    line = ProgressLine(enabled=True).line
    assert line(ProgressEvent("scan", 500, 2000), 1.0) == "scan: 500/2000  500 pages/s  ETA 0:03"
    assert (
        line(ProgressEvent("normalize", 100, 400), 2.0)
        == "normalize: 100/400  50 pages/s  ETA 0:06"
    )
    assert (
        line(ProgressEvent("index", 3000, 9000), 1.5)
        == "index: 3000/9000  2,000 articles/s  ETA 0:03"
    )
    assert line(ProgressEvent("write", 1, 2), 20.0) == "writing the index: 50%  ETA 0:20"
    assert line(ProgressEvent("write", 0, 2), 0.0) == "writing the index: 0%"
    assert line(ProgressEvent("scan", 500, 2000), 0.01) == "scan: 500/2000"


def test_the_serve_install_hint_names_the_extra_and_the_serve_page_quotes_it(repo_root):
    import tomllib

    from searcher.cli.serve import INSTALL_HINT, SERVE_PACKAGES

    extra = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["serve"]
    assert sorted(re.match(r"[A-Za-z0-9_.-]+", req).group(0).lower() for req in extra) == sorted(
        SERVE_PACKAGES
    )
    assert "pip install -e '.[serve]'" in INSTALL_HINT
    assert f"(`{INSTALL_HINT}`)" in (repo_root / "docs" / "serve.md").read_text()


def test_the_search_page_says_both_numbers_and_pages_by_stories(index_dir):
    pytest.importorskip("starlette")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from searcher import open_searcher
    from searcher.serve import create_app

    with open_searcher(index_dir) as searcher:
        found = searcher.search("ferry", limit=1)
    assert found.stories < found.total
    with TestClient(create_app(index_dir)) as client:
        page = client.get("/", params={"q": "ferry", "limit": "1", "page": str(found.stories)}).text
        assert f"{found.total} articles in {found.stories} stories" in page
        assert 'rel="next"' not in page and "page=" + str(found.stories + 1) not in page


def test_version_is_printed_without_installed_metadata():
    """`searcher --version` from a checkout (no installed package metadata) prints the version, no traceback."""
    from searcher import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"searcher, version {__version__}\n"
