"""The README's crawl examples are what the commands print against the fixture site (tests/crawlsite.py).

Run with SEARCHER_UPDATE_DOCS=1 to write the current output into the README instead of checking it.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest
from click.testing import CliRunner
from crawlsite import Site, SiteServer

from searcher.cli import main

README = os.path.join(os.path.dirname(__file__), "..", "README.md")
DOC_PORT, DOC_FOLDER = "8765", "/tmp/demo"
_BLOCK = re.compile(r"```\n(\$ searcher crawl [^\n]*)\n(.*?)```", re.S)
_ELAPSED = re.compile(r" in \d+\.\ds\)$")  # the only part of the output that depends on the machine


def crawl_section(text: str) -> tuple[int, int]:
    start = text.index("<!-- section:crawl -->")
    return start, text.index("<!-- /section:crawl -->", start)


def saved_articles(folder) -> None:
    """The folder the first example copies (invented pages)."""
    (folder / "saved-articles" / "2026").mkdir(parents=True)
    (folder / "saved-articles" / "council-notes.txt").write_text(
        "Council notes\n\nThe harbour committee agreed to repaint the fish market before the summer.\n"
    )
    (folder / "saved-articles" / "2026" / "harbour-fog.html").write_text(
        "<html><head><title>Fog closes the harbour mouth</title></head><body><article><h1>Fog closes the "
        "harbour mouth</h1><p>Pilots kept the ferries at the quay until noon.</p></article></body></html>"
    )


@pytest.mark.slow
def test_readme_crawl_examples(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("SEARCHER_CORPUS", "SEARCHER_INDEX"):
        monkeypatch.delenv(name, raising=False)
    saved_articles(tmp_path)
    with open(README, encoding="utf-8") as handle:
        text = handle.read()
    start, end = crawl_section(text)
    section = text[start:end]
    blocks = list(_BLOCK.finditer(section))
    assert len(blocks) >= 5
    new_section = section
    with SiteServer(Site()) as site:

        def here(doc: str) -> str:
            return (
                doc.replace(f"127.0.0.1:{DOC_PORT}", f"127.0.0.1:{site.port}")
                .replace(f"127.0.0.1_{DOC_PORT}", f"127.0.0.1_{site.port}")
                .replace(DOC_FOLDER, str(tmp_path))
            )

        def in_doc(out: str) -> str:
            return (
                out.replace(f"127.0.0.1:{site.port}", f"127.0.0.1:{DOC_PORT}")
                .replace(f"127.0.0.1_{site.port}", f"127.0.0.1_{DOC_PORT}")
                .replace(str(tmp_path), DOC_FOLDER)
            )

        for block in blocks:
            command, expected = block.group(1), block.group(2)
            args = shlex.split(here(command))[3:]
            result = CliRunner().invoke(main, ["crawl", *args])
            assert "Traceback" not in result.output, result.output
            printed = in_doc(result.stdout)
            if os.environ.get("SEARCHER_UPDATE_DOCS"):
                new_section = new_section.replace(
                    block.group(0), f"```\n{command}\n{printed}```", 1
                )
                continue
            assert [_ELAPSED.sub(")", line) for line in printed.splitlines()] == [
                _ELAPSED.sub(")", line) for line in expected.splitlines()
            ], (command, result.output)
    if os.environ.get("SEARCHER_UPDATE_DOCS"):
        with open(README, "w", encoding="utf-8") as handle:
            handle.write(text[:start] + new_section + text[end:])


def test_the_fixture_site_can_be_started_by_hand():
    """The README says how to start the site its examples ran against."""
    import subprocess
    import sys
    import urllib.request

    with open(README, encoding="utf-8") as handle:
        text = handle.read()
    start, end = crawl_section(text)
    assert "python tests/crawlsite.py --port 8765" in text[start:end]
    script = os.path.join(os.path.dirname(__file__), "crawlsite.py")
    process = subprocess.Popen(
        [sys.executable, script, "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "robots.txt", timeout=10) as response:
            assert b"Sitemap:" in response.read()
    finally:
        process.terminate()
        process.wait(10)
