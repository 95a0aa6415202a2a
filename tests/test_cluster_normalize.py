"""`searcher cluster normalize` on a real local Ray cluster: records, dedup, re-runs, failures, bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cluster_fixtures import normalize_json, run

pytestmark = pytest.mark.slow
pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")


def record_ids(records: Path) -> list[str]:
    return pq.read_table(records)["id"].to_pylist()


def test_records_are_those_searcher_index_keeps(cluster_records, single_index, bundled_corpus):
    from searcher.index import open_index
    from searcher.normalize import normalize_page

    out, report = cluster_records
    index, single = single_index
    assert report["units"] > 2 and report["failed"] == []
    assert report["pages"] == report["normalized"] == single["normalized"]
    assert report["not_articles"] == single["not_articles"]
    assert report["records"] == single["added"]
    assert report["duplicates"] == single["duplicates"]
    # The Parquet parts read as one table (the _work folder is ignored), one row per id.
    ids = record_ids(out)
    assert len(ids) == len(set(ids)) == report["records"]
    with open_index(index) as ix, ix.searcher() as s:
        assert set(ids) == {fields["id"] for fields in s.all_stored_fields()}
    # A record is the Article the one-machine normalizer makes of its page.
    from searcher.cluster.records import iter_articles
    from searcher.corpus import iter_pages

    first = next(iter_articles(pq.read_table(out)))
    pages = {p.key: p for p in iter_pages(bundled_corpus)}
    origin = pq.read_table(out)["origin"][0].as_py()
    assert first.to_dict() == normalize_page(pages[origin]).to_dict()


def test_rerun_skips_what_is_done_and_redoes_a_changed_page(
    ray_cluster, bundled_corpus, tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus / "harborline-times", corpus / "harborline-times")
    shutil.copytree(bundled_corpus / "cps-wire", corpus / "cps-wire")
    out = tmp_path / "records"
    monkeypatch.chdir(tmp_path)  # relative paths: the workers run elsewhere
    first = normalize_json("corpus", "--out", "records", "--chunk-pages", "4")
    assert first["failed"] == [] and first["records"] > 10
    parts = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    again = normalize_json(str(corpus), "--out", str(out), "--chunk-pages", "4")
    assert again["normalized"] == 0 and again["units_skipped"] == again["units"] == first["units"]
    assert {k: again[k] for k in ("pages", "articles", "records")} == {
        k: first[k] for k in ("pages", "articles", "records")
    }
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")} == parts
    page = sorted((corpus / "cps-wire").glob("*.html"))[0]
    page.write_bytes(page.read_bytes().replace(b"</p>", b" Updated.</p>", 1))
    changed = normalize_json(str(corpus), "--out", str(out), "--chunk-pages", "4")
    assert changed["units_skipped"] == first["units"] - 1
    assert 0 < changed["normalized"] < first["pages"]
    assert changed["records"] == first["records"]
    assert len(list(out.glob("part-*.parquet"))) == len(parts)


def test_big_units_go_first_and_the_ids_come_back_with_them(
    ray_cluster, bundled_corpus, tmp_path, monkeypatch
):
    from searcher.cluster import normalize as normalize_module
    from searcher.cluster.runtime import RaySession

    submitted: list[list[int]] = []
    id_reads: list[object] = []
    real_run, real_read = RaySession.run, normalize_module.read_table

    def run_recorded(self, calls, on_result):
        submitted.append(
            [args[0].weight for fn, args in calls if fn is normalize_module.normalize_unit]
        )
        return real_run(self, calls, on_result)

    def read_recorded(where, columns=None):
        id_reads.append(where)
        return real_read(where, columns)

    monkeypatch.setattr(RaySession, "run", run_recorded)
    monkeypatch.setattr(normalize_module, "read_table", read_recorded)
    report = normalize_json(str(bundled_corpus), "--out", str(tmp_path / "r"), "--chunk-pages", "8")
    weights = submitted[0]
    # A big unit started last would keep one worker busy while the others wait.
    assert len(weights) == report["units"] > 3 and weights == sorted(weights, reverse=True)
    assert weights[0] > weights[-1]
    # The run's deduplication used the ids the tasks sent back: no unit file read again.
    assert id_reads == [] and report["duplicates"] > 0


def test_warcs_from_a_manifest_uri_with_a_damaged_record(ray_cluster, bundled_corpus, tmp_path):
    from cluster_helpers import write_warc

    bodies = [p.read_bytes() for p in sorted((bundled_corpus / "cps-wire").glob("*.html"))[:5]]
    pages = [(f"https://warc-gazette.example/story-{n}", b) for n, b in enumerate(bodies)]
    (tmp_path / "warcs").mkdir()
    write_warc(tmp_path / "warcs" / "a.warc.gz", pages[:3], damage=1)
    write_warc(tmp_path / "warcs" / "b.warc.gz", pages[3:])
    (tmp_path / "warcs" / "junk.warc").write_bytes(b"this is not a WARC file\n")
    manifest = tmp_path / "warc.paths"
    manifest.write_text("# made by the test\nwarcs/a.warc.gz\nwarcs/junk.warc\n\nwarcs/b.warc.gz\n")
    out = tmp_path / "records"
    code, stdout, err = run("cluster", "normalize", f"file://{manifest}", "--out", f"file://{out}")
    assert code == 0, err
    assert "failed: " in err and "junk.warc" in err and "a.warc.gz#" in err
    origins = pq.read_table(out)["origin"].to_pylist()
    # Every good record of the damaged file is read, and the file after the junk one.
    assert {o.split("#", 1)[1] for o in origins} == {u for n, (u, _) in enumerate(pages) if n != 1}


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x81 not text")
    (tmp_path / "list.txt").write_text("missing.warc.gz\n")
    cases = {
        str(tmp_path / "nowhere"): "source not found",
        str(tmp_path / "binary.txt"): "not a text file",
        str(tmp_path / "list.txt"): "listed in",
    }
    for source, message in cases.items():
        code, out, err = run("cluster", "normalize", source, "--out", str(tmp_path / "out"))
        assert code == 2, (source, err)
        assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_without_ray_installed_says_how_to_install_it(bundled_corpus, tmp_path, repo_root):
    # `ray` set to None in sys.modules makes `import ray` fail as when it is not installed.
    code = "import sys; sys.modules['ray'] = None; from searcher.cli import main; main()"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "cluster",
            "normalize",
            str(bundled_corpus),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        cwd=repo_root,
        env={"PYTHONPATH": str(repo_root), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "Error: Ray is not installed: pip install 'searcher[cluster]' (Ray and pyarrow)"
    )
    assert not (tmp_path / "o").exists()
