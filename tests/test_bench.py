"""``make bench`` smoke test: scripts/bench.py --quick runs every measurement and prints every figure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, shared_path

BENCH = ROOT / "scripts" / "bench.py"

# One line of the printed table per figure the issue asks for.
FIGURES = (
    "naive Natasha (README Doc)",
    "pipeline, 1 worker",
    "pipeline 1 worker / naive Natasha:",
    "peak RSS per process:",
    "peak RSS of a worker process:",
    "memory flatness (1 worker):",
    "Dask (2 workers) vs local (1 worker)",
)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_quick_bench_prints_every_figure(tmp_path):
    shared_path("gold", "events_dev.jsonl")
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(BENCH), "--quick", "--workers", "2", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    for figure in (*FIGURES, "pipeline, 2 workers", "pipeline 2 workers / pipeline 1 worker:"):
        assert figure in done.stdout, f"{figure!r} missing from:\n{done.stdout}"
    assert "failed" not in done.stdout, done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert all(run["returncode"] == 0 for run in data["runs"].values()), data["runs"]
    assert data["rates"]["naive"]["docs_per_s"] > 0
    assert data["peak_rss_mb"]["worker_max"] > 0
    assert data["dask"]["equal"], data["dask"]["difference"]


def test_corpus_repeats_get_new_ids_and_texts(tmp_path):
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH.parent))
    records = [{"id": "a", "text": "Первый текст."}, {"id": "b", "text": "Второй текст."}]
    path = bench.build_corpus(records, 5, tmp_path / "c.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    assert len({r["id"] for r in rows}) == 5
    assert len({r["text"] for r in rows}) == 5
    assert bench.head_corpus(path, 2, tmp_path / "h.jsonl").read_text(encoding="utf-8").count("\n") == 2
