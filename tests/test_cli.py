"""``python -m pipeline`` end to end on the bundled samples: tables every reader loads, reruns, help."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pytest
from conftest import ROOT, SAMPLES

import pipeline
from pipeline.cli import build_parser
from pipeline.output import OutputFolder
from pipeline.tables import SCHEMAS, read_table

Done = subprocess.CompletedProcess

# Every table but errors has rows from the samples (they read cleanly).
SAMPLE_TABLES = sorted(set(SCHEMAS) - {"errors"})


def duckdb_frame(relation: duckdb.DuckDBPyRelation) -> pd.DataFrame:
    return pd.DataFrame(relation.fetchall(), columns=relation.columns)


READERS = {
    "pandas": lambda d: pd.read_parquet(d),
    "pyarrow": lambda d: ds.dataset(d, format="parquet").to_table().to_pandas(),
    "duckdb": lambda d: duckdb_frame(duckdb.sql(f"select * from '{d}/*.parquet'")),
    "polars": lambda d: pl.read_parquet(f"{d}/*.parquet").to_pandas(),
}


def pipeline_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          check=check, timeout=600)


def counts(out: Path) -> dict[str, int]:
    return {name: read_table(out, name).num_rows for name in SCHEMAS}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The samples run through the CLI once: (output folder, finished process)."""
    if not any(SAMPLES.rglob("*.*")):
        pytest.fail(f"{SAMPLES} is empty: the bundled sample corpus is missing")
    out = tmp_path_factory.mktemp("cli") / "out"
    return out, pipeline_cli("run", str(SAMPLES), "--output", str(out), "--workers", "1", "-q")


def rerun(first_run, tmp_path_factory, *options: str) -> tuple[Path, dict[str, int], Done]:
    """The first run's command again on a copy of its output: (output, row counts before, process)."""
    out = tmp_path_factory.mktemp("cli-rerun") / "out"
    shutil.copytree(first_run[0], out)
    before = counts(out)
    done = pipeline_cli("run", str(SAMPLES), "--output", str(out), "--workers", "1", "-q", *options)
    return out, before, done


@pytest.fixture(scope="module")
def second_run(first_run, tmp_path_factory):
    """The same command again on the same output."""
    return rerun(first_run, tmp_path_factory)


@pytest.fixture(scope="module")
def overwritten(first_run, tmp_path_factory):
    """The same command again on the same output with --overwrite."""
    return rerun(first_run, tmp_path_factory, "--overwrite")


@pytest.fixture(scope="module")
def error_run(tmp_path_factory) -> tuple[Path, Done]:
    """The CLI on a folder with one good and one malformed article, and a missing file."""
    corpus = tmp_path_factory.mktemp("broken-corpus")
    (corpus / "ok.txt").write_text("Россия и Китай подписали соглашение о сотрудничестве.", encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    out = tmp_path_factory.mktemp("cli-errors") / "out"
    return out, pipeline_cli("run", str(corpus), str(corpus / "missing.txt"), "--output", str(out), "-w", "1",
                             "-q")


@pytest.fixture(scope="module")
def tables(first_run) -> dict[str, pd.DataFrame]:
    return pipeline.load(first_run[0])


@pytest.fixture(scope="module")
def run_help() -> str:
    return pipeline_cli("run", "--help").stdout


@pytest.mark.slow
@pytest.mark.parametrize("table", SAMPLE_TABLES)
def test_the_samples_fill_every_table_but_errors(first_run, table):
    out, _ = first_run
    assert read_table(out, table).num_rows > 0


def loads_with(reader: str, out: Path, table: str) -> tuple[list[str], int]:
    frame = READERS[reader](out / table)
    return list(frame.columns), len(frame)


@pytest.mark.slow
@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("table", SAMPLE_TABLES)
def test_every_table_of_the_samples_loads_with_every_reader(first_run, table, reader):
    out, _ = first_run
    assert loads_with(reader, out, table) == (SCHEMAS[table].names, read_table(out, table).num_rows)


@pytest.mark.slow
@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_errors_table_loads_with_every_reader(error_run, reader):
    out, _ = error_run
    assert loads_with(reader, out, "errors") == (SCHEMAS["errors"].names, 2)


@pytest.mark.slow
def test_unreadable_inputs_become_errors_rows(error_run):
    out, _ = error_run
    rows = read_table(out, "errors").to_pylist()
    assert sorted((Path(r["path"]).name, r["stage"]) for r in rows) == [("broken.json", "parse"),
                                                                         ("missing.txt", "read")]


@pytest.mark.slow
def test_the_summary_lists_the_errors(error_run):
    _, done = error_run
    assert "broken.json: parse: malformed JSON" in done.stdout and "missing.txt: read:" in done.stdout


@pytest.mark.slow
def test_the_summary_is_printed(first_run):
    out, done = first_run
    n_docs = read_table(out, "documents").num_rows
    assert f"documents  {n_docs:>8}" in done.stdout and f"tables in {out}/" in done.stdout


@pytest.mark.slow
def test_quiet_prints_no_progress_bar(first_run):
    _, done = first_run
    assert "documents:" not in done.stderr


@pytest.mark.slow
def test_a_second_run_exits_successfully(second_run):
    assert second_run[2].returncode == 0


@pytest.mark.slow
def test_a_second_run_skips_every_document(second_run):
    out, before, _ = second_run
    last = read_table(out, "runs").to_pandas().sort_values("started_at").iloc[-1]
    assert (last["n_skipped"], last["n_documents"]) == (before["documents"], 0)


@pytest.mark.slow
def test_a_second_run_adds_no_rows_but_its_runs_row(second_run):
    out, before, _ = second_run
    assert counts(out) == before | {"runs": before["runs"] + 1}


@pytest.mark.slow
def test_a_second_run_says_it_skipped_the_documents(second_run):
    _, before, done = second_run
    assert f"(skipped, already done: {before['documents']})" in done.stdout


@pytest.mark.slow
def test_overwrite_processes_every_document_again(overwritten):
    out, before, _ = overwritten
    last = read_table(out, "runs").to_pylist()[0]
    assert (last["n_documents"], last["n_skipped"]) == (before["documents"], 0)


@pytest.mark.slow
def test_overwrite_replaces_the_tables_instead_of_adding(overwritten):
    out, before, _ = overwritten
    assert counts(out) == before | {"runs": 1}


@pytest.mark.slow
def test_overwrite_gives_the_same_tables(first_run, overwritten):
    out, _, _ = overwritten
    assert all(read_table(out, n).equals(read_table(first_run[0], n)) for n in SCHEMAS if n != "runs")


def test_a_locked_output_is_refused_with_exit_code_2(tmp_path):
    with OutputFolder(tmp_path):
        done = pipeline_cli("run", str(SAMPLES), "--output", str(tmp_path), "-q", check=False)
    assert (done.returncode, "in use by another run" in done.stderr) == (2, True)


def test_a_malformed_field_mapping_is_a_usage_error(tmp_path):
    done = pipeline_cli("run", str(SAMPLES), "--output", str(tmp_path), "--field", "body", check=False)
    assert (done.returncode, "error: --field expects NAME=FIELD" in done.stderr, "Traceback" in done.stderr) == (
        2, True, False)


def test_a_field_mapping_to_an_unknown_field_is_a_usage_error(tmp_path):
    done = pipeline_cli("run", str(SAMPLES), "--output", str(tmp_path), "--field", "body=summary", check=False)
    assert (done.returncode, "summary" in done.stderr, "Traceback" in done.stderr) == (2, True, False)


@pytest.fixture(scope="module")
def interrupted(first_run, tmp_path_factory) -> tuple[Path, Done, int]:
    """A run stopped with Ctrl-C once its first chunk is written: (output, finished process, documents then)."""
    out = tmp_path_factory.mktemp("cli-interrupted") / "out"
    args = [sys.executable, "-m", "pipeline", "run", str(SAMPLES), "--output", str(out), "-w", "1",
            "--chunk-size", "1", "-q"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((out / "documents").glob("part-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    return out, subprocess.CompletedProcess(args, proc.returncode, stdout, stderr), read_table(
        out, "documents").num_rows


@pytest.mark.slow
def test_an_interrupted_run_exits_with_130_and_says_how_to_resume(interrupted):
    _, done, _ = interrupted
    assert (done.returncode, "run the same command again to resume" in done.stderr) == (130, True)


@pytest.mark.slow
def test_an_interrupted_run_records_itself_as_interrupted(first_run, interrupted):
    out, _, n_done = interrupted
    row = read_table(out, "runs").to_pylist()[0]
    assert (row["status"], row["n_documents"]) == ("interrupted", n_done)
    assert 0 < n_done < read_table(first_run[0], "documents").num_rows


@pytest.mark.slow
def test_rerunning_an_interrupted_run_gives_the_tables_of_an_uninterrupted_one(first_run, interrupted):
    out, _, _ = interrupted
    pipeline_cli("run", str(SAMPLES), "--output", str(out), "-w", "1", "--chunk-size", "1", "-q")
    differ = [n for n in SCHEMAS if n != "runs" and not sorted_frame(out, n).equals(sorted_frame(first_run[0], n))]
    assert differ == []


def sorted_frame(out: Path, name: str) -> pd.DataFrame:
    frame = read_table(out, name).to_pandas()
    frame = frame.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True) if len(frame) else frame


# --- the contract on the written tables -------------------------------------------------------------

SPAN_TABLES = ("sentences", "mentions", "money", "dates", "percentages")
KEYS = {
    "documents": ["doc_id"], "sentences": ["doc_id", "sent_id"], "mentions": ["mention_id"],
    "doc_entities": ["doc_id", "entity_id"], "entities": ["entity_id"], "money": ["money_id"],
    "dates": ["date_id"], "percentages": ["percent_id"], "events": ["event_id"],
    "event_mentions": ["event_id", "sent_id"], "event_participants": ["event_id", "entity_id"],
    "errors": ["run_id", "path", "source_id"], "runs": ["run_id"],
}


def spans_with_text(tables: dict[str, pd.DataFrame], table: str) -> pd.DataFrame:
    docs = tables["documents"][["doc_id", "text"]].rename(columns={"text": "doc_text"})
    return tables[table].merge(docs, on="doc_id", how="left", validate="many_to_one")


@pytest.mark.slow
def test_every_table_has_a_key(tables):
    assert set(KEYS) == set(SCHEMAS)


@pytest.mark.slow
@pytest.mark.parametrize("table", SPAN_TABLES)
def test_span_offsets_point_at_their_text_in_the_document(tables, table):
    spans = spans_with_text(tables, table)
    wrong = [(r.doc_id, r.start, r.stop, r.text) for r in spans.itertuples()
             if r.doc_text[r.start : r.stop] != r.text]
    assert wrong == []


@pytest.mark.slow
def test_event_mention_offsets_point_at_their_sentence(tables):
    spans = spans_with_text(tables, "event_mentions")
    wrong = [(r.event_id, r.start, r.stop) for r in spans.itertuples()
             if r.doc_text[r.start : r.stop] != r.sentence]
    assert wrong == []


@pytest.mark.slow
def test_event_offsets_lie_in_their_sentence(tables):
    events = spans_with_text(tables, "events")
    wrong = [(r.event_id, r.start, r.stop) for r in events.itertuples()
             if not (0 <= r.start < r.stop <= len(r.doc_text) and r.doc_text[r.start : r.stop] in r.sentence)]
    assert wrong == []


@pytest.mark.slow
@pytest.mark.parametrize("table", sorted(KEYS))
def test_keys_are_unique(tables, table):
    frame = tables[table]
    assert frame[frame.duplicated(KEYS[table], keep=False)].to_dict("records") == []


@pytest.mark.slow
@pytest.mark.parametrize("table", sorted(set(SCHEMAS) - {"documents", "entities", "runs", "errors"}))
def test_every_row_belongs_to_a_document(tables, table):
    assert set(tables[table]["doc_id"]) <= set(tables["documents"]["doc_id"])


@pytest.mark.slow
@pytest.mark.parametrize("table", ["mentions", "doc_entities", "event_participants"])
def test_every_entity_id_is_in_entities(tables, table):
    assert set(tables[table]["entity_id"].dropna()) <= set(tables["entities"]["entity_id"])


@pytest.mark.slow
def test_every_event_has_its_mentions_and_participants_rows(tables):
    events = tables["events"].set_index("event_id")
    n_mentions = tables["event_mentions"].groupby("event_id").size()
    n_participants = tables["event_participants"].groupby("event_id").size()
    assert (n_mentions.reindex(events.index, fill_value=0).tolist(),
            n_participants.reindex(events.index, fill_value=0).tolist()) == (
        events["n_mentions"].tolist(), events["n_participants"].tolist())


@pytest.mark.slow
def test_the_runs_row_stores_the_config_as_json(first_run):
    out, _ = first_run
    config = json.loads(read_table(out, "runs").column("config")[0].as_py())
    assert (config["inputs"], config["output"], config["workers"]) == ([str(SAMPLES)], str(out), 1)


def run_options() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [s for a in sub.choices["run"]._actions for s in a.option_strings]


@pytest.mark.parametrize("option", run_options())
def test_run_help_lists_every_option(run_help, option):
    assert option in run_help


@pytest.mark.parametrize("command", ["run", "evaluate"])
def test_help_lists_every_command(command):
    assert command in pipeline_cli("--help").stdout


def test_version_is_printed():
    from pipeline import __version__

    assert __version__ in pipeline_cli("--version").stdout


@pytest.mark.parametrize(("extra", "advice"), [([], "run the same command again to resume"),
                                               (["--overwrite"], "again without --overwrite to resume")])
def test_the_interruption_message_says_how_to_resume(monkeypatch, capsys, tmp_path, extra, advice) -> None:
    import pipeline.runner
    from pipeline.cli import main

    def interrupted(config):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.runner, "run", interrupted)
    assert main(["run", str(tmp_path), "--output", str(tmp_path / "out"), "-q", *extra]) == 130
    assert advice in capsys.readouterr().err
