"""Every example of the README and the docs/ pages prints what the page shows (tests/doc_examples.py
runs them; `python tests/doc_examples.py` rewrites the outputs)."""

from __future__ import annotations

import re

import pytest
from doc_examples import PAGES, REPO, examples, matches, misused_blocks, run_page, setups


def _run_marks(page):
    """slow for every page; loopback for a page whose examples crawl the fixture site or ask a server."""
    needs_site = {"fixture-site", "served"} & set(setups(page.read_text(encoding="utf-8")))
    return [pytest.mark.slow, *([pytest.mark.loopback] if needs_site else [])]


@pytest.mark.parametrize(
    "page", [pytest.param(page, marks=_run_marks(page), id=page.name) for page in PAGES]
)
def test_page_examples_print_what_the_page_shows(page):
    _, differences = run_page(page)
    assert not differences, (
        "\n\n".join(differences)
        + f"\n\nrewrite them with: python tests/doc_examples.py {page.relative_to(REPO)}"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_block_says_whether_it_runs_and_shows_only_what_runs(page):
    assert misused_blocks(page.read_text(encoding="utf-8")) == []


def test_the_readme_gives_the_commands_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install_and_search, install_and_test = re.findall(r"^```sh\n(.*?)\n```$", readme, re.M | re.S)[
        :2
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test.endswith("python -m pytest -q") and "python -m pytest -q\n" in ci
    assert "'.[test,serve" in install_and_test and "'.[test,serve" in ci
    first = next(e for e in examples(readme) if e.kind == "command")
    assert install_and_search.endswith(".venv/bin/" + first.code), (install_and_search, first.code)


def test_an_elided_line_stands_for_any_lines_and_durations_are_not_compared():
    assert matches("a\n   …\nz in 0.5s\n", "a\nb\nc\nz in 12.0s\n")
    assert not matches("a\n   …\nz\n", "a\nb\ny\n")
    assert not matches("built gen-20261125T001302-15532 in 0.5s\n", "built x in 0.5s\n")
    assert matches("built gen-20261125T001302-15532\n", "built gen-20270101T000000-1\n")


@pytest.mark.loopback
def test_the_fixture_site_the_crawl_page_names_can_be_started_by_hand():
    import subprocess
    import sys
    import urllib.request

    assert "python tests/crawlsite.py --port 8765" in (REPO / "docs" / "crawl.md").read_text()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "crawlsite.py"), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        with urllib.request.urlopen(url + "robots.txt", timeout=10) as response:
            assert b"Sitemap:" in response.read()
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_to_a_file_finds_it(page):
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
    missing = [t for t in targets if "://" not in t and not (page.parent / t).exists()]
    assert missing == []


def test_blocks_that_show_output_nothing_runs_are_refused():
    page = "```\nuntagged\n```\n```console\npasted\n```\n```output\nno script\n```\n"
    assert [problem.split(":")[0] for problem in misused_blocks(page)] == [
        "line 1",
        "line 4",
        "line 7",
    ]


def test_every_docs_page_is_linked_from_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pages = sorted(page.name for page in (REPO / "docs").glob("*.md"))
    assert [name for name in pages if f"](docs/{name})" not in readme] == []


def test_every_command_is_in_the_command_table():
    from searcher.cli import COMMANDS

    table = (REPO / "docs" / "cli.md").read_text(encoding="utf-8").split("\n\n", 2)[2]
    rows = "\n".join(line for line in table.splitlines() if line.startswith("|"))
    assert [name for name in COMMANDS if not re.search(rf"`(searcher )?{name}\b", rows)] == []
