"""`searcher search|quotes|show|stats|timeline|terms|trail --remote URL` print what the local commands print."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from search_fixtures import build_index
from served import serving

from searcher.cli import main

pytest.importorskip("starlette")
pytestmark = pytest.mark.loopback


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(index folder, URL of a real `searcher serve` over it)."""
    index = build_index(tmp_path_factory.mktemp("remote-cli") / "ix")
    with serving(index) as url:
        yield index, url


def run(*args, env=None):
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    ("search", "ferry"),
    ("search", "ferry", "--facet", "outlet", "--facet", "year,lang", "--facet", "author"),
    ("search", "brannholm", "--sort", "newest", "--limit", "2", "--page", "2"),
    ("search", "brannholm", "--sort", "oldest", "--limit", "3", "--page", "9"),
    ("search", "kessel", "--outlet", "harbor", "--lang", "en", "--since", "2015"),
    ("search", "kessel", "--outlet", "nobody at all"),
    ("search", "kessel", "--speaker", "Łucja Weißmann", "--until", "2016-06"),
    ("search", "regata"),
    ("search", "regata", "--fuzzy"),
    ("search", "the point of the ferry council", "--any"),
    ("search", "the point of the ferry council", "--any", "--no-feedback"),
    ("search", "ferry", "--format", "jsonl"),
    ("search", "ferry OR kessel", "--sort", "newest", "--outlet", "harbor", "--format", "csv"),
    ("search", "nothingmatchesthis"),
    ("search", '"unclosed'),
    ("quotes", "ferry"),
    ("quotes", "--speaker", "Łucja Weißmann", "--limit", "1", "--page", "2"),
    ("quotes", "kessel", "--format", "csv"),
    ("quotes", "kessel", "--format", "jsonl"),
    ("show", "storm"),
    ("show", "https://harborledger.example/2016/12/storm/"),
    ("show", "nothing"),
    ("timeline", "ferry", "--by", "year", "--split", "outlet"),
    ("timeline", "kessel", "--outlet", "harbor", "--format", "csv"),
    ("terms", "kessel", "--size", "4"),
    ("trail", "the island empties out after dark"),
    ("trail", "after dark"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_remote_output_is_the_local_output(served, args, fmt):
    index, url = served
    if fmt == "json":
        if "--format" in args or args[0] == "quotes" and "csv" in args:
            pytest.skip("a format of its own")
        args = (*args, "--format", "json")
    code, out, err = run(*args, "--index", str(index))
    # where a missing article was looked for: the index, or the server
    local = code, out, err.replace(f"in {index}", "at " + url.rstrip("/"))
    assert run(*args, "--remote", url) == local
    assert run(*args, env={"SEARCHER_REMOTE": url, "SEARCHER_INDEX": "/nonexistent"}) == local


def test_stats_of_a_server_are_the_stats_of_its_index_but_for_where(served):
    index, url = served
    code, local, _ = run("stats", "--index", str(index))
    assert code == 0 and local.startswith(f"index       {index} (")
    code, remote, _ = run("stats", "--remote", url)

    def sized(text):  # the folder's size grows as searches cache columns beside the index
        return [line for line in text.splitlines() if not line.startswith("size ")]

    assert code == 0 and sized(remote) == sized(local.replace(str(index), url.rstrip("/"), 1))
    code, out, err = run("stats", "--remote", url, "--verify")
    assert code == 2 and "--verify checks a local index's files" in err


def test_a_request_the_server_refuses_is_its_one_line_message(served):
    _, url = served
    code, out, err = run("search", "ferry", "--limit", "500", "--remote", url)
    assert (code, out, err) == (2, "", "Error: limit must be between 1 and 100, not 500\n")


@pytest.mark.parametrize("command", [("search", "ferry"), ("show", "x"), ("stats",)])
def test_an_unreachable_or_bad_remote_is_one_line_and_exit_2(command):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        code, out, err = run(*command, "--remote", url)
    assert (code, out) == (2, "")
    assert (
        err == f"Error: cannot reach a searcher server at {url}: [Errno 111] Connection refused\n"
    )
    code, out, err = run(*command, "--remote", "localhost:8000")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "http://host:port" in err


def test_notes_name_the_flags_in_every_output(served):
    index, url = served
    for args in (
        ("search", "ferry", "--outlet", "harbor"),
        ("search", "ferry", "--outlet", "harbor", "--format", "csv"),
        ("timeline", "ferry", "--outlet", "harbor"),
    ):
        for where in (("--index", str(index)), ("--remote", url)):
            _, _, err = run(*args, *where)
            assert err.startswith("--outlet 'harbor' matched: Harbor Ledger\n"), (args, where)
