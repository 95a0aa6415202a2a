"""The `curl` examples of the README's serve section answer what the README shows, over the bundled corpus."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

with warnings.catch_warnings():
    # Starlette 1.x prefers the httpx2 package for its TestClient but still works with httpx.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from searcher.serve import create_app

_CURL = re.compile(r"^\$ curl -s '([^']+)'\n(.*)$", re.MULTILINE)


def curl_examples(readme: str) -> list[tuple[str, str]]:
    """(path with query, shown answer) of each `$ curl -s 'URL'` line of the serve section."""
    section = readme.split("<!-- section:serve -->", 1)[1].split("<!-- /section:serve -->", 1)[0]
    return [
        (urlsplit(url)._replace(scheme="", netloc="").geturl(), shown)
        for url, shown in _CURL.findall(section)
    ]


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory, bundled_corpus):
    from searcher.index import rebuild

    index = tmp_path_factory.mktemp("readme-serve") / "index"
    rebuild(bundled_corpus, index)
    return index


def test_readme_curl_examples_answer_what_is_shown(repo_root, bundled_index):
    examples = curl_examples((repo_root / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 2
    with TestClient(create_app(bundled_index)) as client:
        for path, shown in examples:
            assert client.get(path).text == shown, path
