"""A whole run through the library (pipeline.run, pipeline.load): report, reruns, resume, determinism."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

import pipeline
from pipeline.config import DEFAULT_CHUNK_SIZE, DEFAULT_MAX_CHARS, Config, default_workers
from pipeline.runner import RunReport, format_report
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, SCHEMAS, TMP_PREFIX, part_names, read_table

# Two documents a chunk: the samples make several chunks, so resuming has something to resume.
CHUNK_SIZE = 2


def config(out: Path, **changes) -> Config:
    return Config(inputs=(str(SAMPLES),), output=out, workers=1, chunk_size=CHUNK_SIZE, progress=False,
                  **changes)


def counts(out: Path) -> dict[str, int]:
    return {name: read_table(out, name).num_rows for name in SCHEMAS}


def comparable(out: Path, name: str) -> pd.DataFrame:
    """Table ``name`` without what differs between runs by design (run ids), sorted, lists as tuples."""
    frame = read_table(out, name).to_pandas().drop(columns=["run_id"], errors="ignore")
    frame = frame.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True) if len(frame) else frame


def differing_tables(a: Path, b: Path) -> list[str]:
    """The tables (runs aside) that differ between output folders ``a`` and ``b``."""
    return [name for name in SCHEMAS
            if name != "runs" and not comparable(a, name).equals(comparable(b, name))]


def copy(out: Path, tmp_path: Path) -> Path:
    shutil.copytree(out, tmp_path / "copy", ignore=shutil.ignore_patterns(".lock"))
    return tmp_path / "copy"


@pytest.fixture(scope="module")
def first(tmp_path_factory, processor) -> tuple[Path, RunReport]:
    """The samples run once in this process: (output folder, report)."""
    if not any(SAMPLES.rglob("*.*")):
        pytest.fail(f"{SAMPLES} is empty: the bundled sample corpus is missing")
    out = tmp_path_factory.mktemp("run") / "out"
    return out, pipeline.run(config(out))


@pytest.fixture(scope="module")
def again(first, tmp_path_factory) -> tuple[Path, RunReport]:
    """The same run again on a copy of the first output."""
    out = copy(first[0], tmp_path_factory.mktemp("again"))
    return out, pipeline.run(config(out))


@pytest.mark.slow
def test_the_report_counts_the_documents(first):
    out, report = first
    assert report.n_documents == read_table(out, "documents").num_rows > 0


@pytest.mark.slow
@pytest.mark.parametrize("table", CHUNK_TABLES)
def test_the_report_counts_the_rows_of_every_chunk_table(first, table):
    out, report = first
    assert report.counts[table] == read_table(out, table).num_rows


@pytest.mark.slow
def test_the_report_counts_the_entities(first):
    out, report = first
    assert report.n_entities == read_table(out, "entities").num_rows


@pytest.mark.slow
def test_the_report_counts_the_entities_linked_across_articles(first):
    out, report = first
    linked = {x for x in read_table(out, "doc_entities").column("linked_from").to_pylist() if x is not None}
    assert report.n_linked == len(linked)
    assert f"({report.n_linked} partial names linked across articles)" in pipeline.runner.format_report(report)


@pytest.mark.slow
def test_the_runs_row_records_the_run(first):
    out, report = first
    row = read_table(out, "runs").to_pylist()[0]
    keys = ("run_id", "version", "inputs", "n_documents", "n_skipped", "n_errors", "status")
    assert {k: row[k] for k in keys} == {
        "run_id": report.run_id, "version": pipeline.__version__, "inputs": [str(SAMPLES)],
        "n_documents": report.n_documents, "n_skipped": 0, "n_errors": report.n_errors, "status": "finished"}


@pytest.mark.slow
def test_the_runs_row_has_utc_times_in_order(first):
    out, _ = first
    row = read_table(out, "runs").to_pylist()[0]
    assert row["started_at"].utcoffset().total_seconds() == 0 and row["started_at"] <= row["finished_at"]


@pytest.mark.slow
def test_the_runs_row_stores_the_config(first):
    out, _ = first
    assert read_table(out, "runs").column("config")[0].as_py() == config(out).to_json()


@pytest.mark.slow
def test_a_second_run_skips_every_document(first, again):
    _, report = again
    assert (report.n_skipped, report.n_documents) == (first[1].n_documents, 0)


@pytest.mark.slow
def test_a_second_run_adds_no_rows_but_its_runs_row(first, again):
    before = counts(first[0])
    assert counts(again[0]) == before | {"runs": before["runs"] + 1}


@pytest.mark.slow
def test_a_second_run_records_its_skips(again):
    out, report = again
    runs = {row["run_id"]: row for row in read_table(out, "runs").to_pylist()}
    assert (runs[report.run_id]["n_skipped"], runs[report.run_id]["n_documents"]) == (report.n_skipped, 0)


@pytest.mark.slow
def test_runs_have_different_ids(first, again):
    assert first[1].run_id != again[1].run_id


@pytest.mark.slow
def test_a_run_into_another_folder_gives_identical_tables(first, tmp_path):
    out = tmp_path / "out"
    pipeline.run(config(out))
    assert differing_tables(first[0], out) == []


@pytest.mark.slow
def test_overwrite_gives_the_tables_of_a_fresh_run(first, tmp_path):
    out = copy(first[0], tmp_path)
    report = pipeline.run(config(out, overwrite=True))
    assert (report.n_skipped, differing_tables(first[0], out), counts(out)["runs"]) == (0, [], 1)


@pytest.mark.slow
def test_a_resumed_run_gives_the_tables_of_an_uninterrupted_one(first, tmp_path):
    out = copy(first[0], tmp_path)
    killed = sorted(part_names(out, COMMIT_TABLE))[0]  # a run killed before this chunk's documents part
    (out / COMMIT_TABLE / f"part-{killed}.parquet").unlink()
    (out / "mentions" / f"{TMP_PREFIX}{killed}-999.parquet").write_bytes(b"half written")
    pipeline.run(config(out))
    assert differing_tables(first[0], out) == []


@pytest.mark.slow
def test_a_resumed_run_processes_only_the_unfinished_chunk(first, tmp_path):
    out = copy(first[0], tmp_path)
    killed = sorted(part_names(out, COMMIT_TABLE))[0]
    part = out / COMMIT_TABLE / f"part-{killed}.parquet"
    n_killed = len(pd.read_parquet(part))
    part.unlink()
    report = pipeline.run(config(out))
    assert (report.n_documents, report.n_skipped) == (n_killed, first[1].n_documents - n_killed)


@pytest.mark.slow
def test_format_report_gives_the_counts(first):
    _, report = first
    lines = format_report(report).splitlines()
    assert (f"  documents  {report.n_documents:>8}   (skipped, already done: 0)" in lines,
            f"  events     {report.counts['events']:>8}   participants: {report.counts['event_participants']}"
            in lines) == (True, True)


@pytest.mark.slow
def test_format_report_says_where_the_tables_are(first):
    out, report = first
    assert format_report(report).endswith(f"tables in {out}/ (load with pipeline.load({str(out)!r}))")


def test_format_report_lists_errors_and_how_many_more():
    shown = [f"f{i}.txt: decode: bad" for i in range(20)]
    report = RunReport("r", "out", n_documents=1, n_errors=25, errors=shown, seconds=1.0)
    lines = format_report(report).splitlines()
    assert ("    f0.txt: decode: bad" in lines,
            "    ... and 5 more in the errors table" in lines) == (True, True)


# --- read errors across runs ---------------------------------------------------------------------


@pytest.fixture
def broken_corpus(tmp_path) -> tuple[str, ...]:
    """Inputs: a folder with a good and a malformed article, and a missing file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Россия и Китай подписали соглашение о сотрудничестве.", encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    return str(corpus), str(corpus / "missing.txt")


@pytest.mark.slow
def test_read_errors_are_rows_of_the_run_that_met_them(broken_corpus, tmp_path, processor):
    report = pipeline.run(Config(inputs=broken_corpus, output=tmp_path / "out", workers=1, progress=False))
    rows = read_table(tmp_path / "out", "errors").to_pylist()
    assert sorted((r["run_id"], r["stage"]) for r in rows) == [(report.run_id, "parse"), (report.run_id, "read")]


@pytest.mark.slow
def test_every_runs_errors_stay_in_the_errors_table(broken_corpus, tmp_path, processor):
    cfg = Config(inputs=broken_corpus, output=tmp_path / "out", workers=1, progress=False)
    reports = [pipeline.run(cfg) for _ in range(3)]
    errors = read_table(tmp_path / "out", "errors").to_pandas().groupby("run_id").size().to_dict()
    assert {r.run_id: errors.get(r.run_id, 0) for r in reports} == {r.run_id: r.n_errors for r in reports}


@pytest.mark.slow
def test_a_run_that_raises_is_not_recorded_as_finished(broken_corpus, tmp_path, processor):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentences").write_text("a file where the sentences folder goes", encoding="utf-8")
    with pytest.raises(OSError):  # every chunk's first write fails: a real error, as from a full disk
        pipeline.run(Config(inputs=broken_corpus, output=out, workers=1, progress=False))
    assert read_table(out, "runs").column("status").to_pylist() != ["finished"]


# --- pipeline.load -----------------------------------------------------------------------------


@pytest.mark.slow
def test_load_returns_a_dataframe_for_every_table(first):
    tables = pipeline.load(first[0])
    assert {name: list(frame.columns) for name, frame in tables.items()} == {
        name: schema.names for name, schema in SCHEMAS.items()}


@pytest.mark.slow
def test_load_returns_every_row(first):
    tables = pipeline.load(first[0])
    assert {name: len(frame) for name, frame in tables.items()} == counts(first[0])


@pytest.mark.slow
def test_load_returns_the_tables_asked_for(first):
    assert list(pipeline.load(first[0], ["events", "documents"])) == ["events", "documents"]


def test_load_of_a_folder_without_output_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="no pipeline output"):
        pipeline.load(tmp_path / "typo")


def test_load_of_a_run_without_documents_gives_empty_tables_with_their_columns(tmp_path):
    (tmp_path / "runs").mkdir()
    tables = pipeline.load(tmp_path)
    assert {name: (len(f), list(f.columns)) for name, f in tables.items()} == {
        name: (0, schema.names) for name, schema in SCHEMAS.items()}


@pytest.mark.slow
def test_load_keeps_integer_columns_with_nulls_integer(first):
    dates = pipeline.load(first[0], ["dates"])["dates"]
    assert str(dates["day"].dtype) == "Int16"


@pytest.mark.slow
def test_load_accepts_a_string_path(first):
    assert len(pipeline.load(str(first[0]), ["documents"])["documents"]) == first[1].n_documents


@pytest.mark.slow
def test_load_gives_dates_as_dates(first):
    published = pipeline.load(first[0], ["documents"])["documents"]["published"].dropna()
    assert len(published) and all(type(v).__name__ == "date" for v in published)


# --- Config -------------------------------------------------------------------------------------


def test_config_to_json_holds_every_field():
    cfg = Config(inputs=("a", "b"), output=Path("out"), field_map={"body": "text"})
    assert json.loads(cfg.to_json()) == {
        "inputs": ["a", "b"], "output": "out", "workers": cfg.workers, "chunk_size": DEFAULT_CHUNK_SIZE,
        "max_chars": DEFAULT_MAX_CHARS, "engine": "local", "scheduler": None, "overwrite": False,
        "field_map": {"body": "text"},
        "follow_external_links": False, "progress": True}


def test_config_to_json_keeps_cyrillic_readable():
    assert "Статьи" in Config(inputs=("Статьи",)).to_json()


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config(inputs=("a",)).workers = 3  # type: ignore[misc]


def test_default_workers_is_at_least_one():
    assert default_workers() >= 1


def test_the_package_exposes_config():
    assert pipeline.Config is Config


def test_a_document_over_the_length_limit_is_an_error_and_the_others_are_processed(tmp_path, processor):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "short.txt").write_text("Россия и Китай подписали соглашение о сотрудничестве.", encoding="utf-8")
    (corpus / "long.txt").write_text("Москва. " * 2000, encoding="utf-8")
    report = pipeline.run(Config(inputs=(str(corpus),), output=tmp_path / "out", workers=1, progress=False,
                                 max_chars=5000))
    errors = read_table(tmp_path / "out", "errors").to_pylist()
    assert (report.n_documents, [(e["source_id"], e["error"][:8]) for e in errors]) == (1, [("long", "too long")])
