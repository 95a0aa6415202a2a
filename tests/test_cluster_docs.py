"""docs/cluster.md says what the code does: the records' Parquet schema, the shard files."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pyarrow")


def table_after(text: str, marker: str) -> list[list[str]]:
    """The rows (cells) of the Markdown table that follows a marker line."""
    rows = []
    for line in text.split(marker, 1)[1].splitlines()[1:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[2:]


def test_records_schema_in_the_docs_is_the_schema(repo_root):
    from searcher.cluster.records import RECORD_SCHEMA, RECORDS_VERSION

    text = (repo_root / "docs" / "cluster.md").read_text(encoding="utf-8")
    documented = [(row[0], row[1]) for row in table_after(text, "<!-- records-schema")]
    actual = [
        (f.name, str(f.type).replace("item: ", "") + ("" if f.nullable else " (never null)"))
        for f in RECORD_SCHEMA
    ]
    assert documented == actual
    assert f"schema's version ({RECORDS_VERSION})" in text


def test_shard_files_in_the_docs_are_those_written(repo_root):
    from searcher.cluster import shards

    text = (repo_root / "docs" / "cluster.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z_.]+)` \|", text, re.M))
    assert named == {shards.MANIFEST, shards.TERMS, shards.CLUSTERS}
    assert "clusters.parquet` | `id`, `shard`, `cluster`, `position`" in text
    assert [f.name for f in shards.CLUSTERS_SCHEMA] == ["id", "shard", "cluster", "position"]


def test_readme_links_the_page(repo_root):
    assert "(docs/cluster.md)" in (repo_root / "README.md").read_text(encoding="utf-8")
