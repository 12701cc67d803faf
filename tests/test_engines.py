"""Engines (pipeline.engines): in this process, in worker processes and on Dask, the same tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from pipeline.chunks import chunk_key
from pipeline.engines import DaskEngine, ProcessEngine, SerialEngine, make_engine
from pipeline.reading import read_inputs
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, part_names, read_table

RUN = "engine-run"
# Two items a chunk: several chunks per worker, so chunks really run in parallel and out of order.
CHUNK_SIZE = 2


def sample_chunks() -> list[list]:
    if not any(SAMPLES.rglob("*.*")):
        pytest.fail(f"{SAMPLES} is empty: the bundled sample corpus is missing")
    items = list(read_inputs([SAMPLES]))
    return [items[i : i + CHUNK_SIZE] for i in range(0, len(items), CHUNK_SIZE)]


def frame(out: Path, name: str) -> pd.DataFrame:
    """Table ``name`` sorted on every column (lists as tuples): equal frames mean equal tables."""
    df = read_table(out, name).to_pandas()
    df = df.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return df.sort_values(list(df.columns)).reset_index(drop=True) if len(df) else df


ENGINES = {
    "serial": lambda: SerialEngine(),
    "processes": lambda: ProcessEngine(2),
    "dask": lambda: DaskEngine(None, 2),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, processor) -> dict[str, tuple[Path, list]]:
    """The sample chunks through every engine: engine -> (output folder, chunk summaries)."""
    chunks = sample_chunks()
    result = {}
    for name, make in ENGINES.items():
        out = tmp_path_factory.mktemp(name)
        result[name] = out, list(make().map_chunks(iter(chunks), str(out), RUN))
    return result


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
@pytest.mark.parametrize("table", CHUNK_TABLES)
def test_every_engine_writes_the_tables_of_the_serial_engine(outputs, engine, table):
    pd.testing.assert_frame_equal(frame(outputs[engine][0], table), frame(outputs["serial"][0], table))


@pytest.mark.slow
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_writes_one_documents_part_per_chunk(outputs, engine):
    assert part_names(outputs[engine][0], COMMIT_TABLE) == {chunk_key(c) for c in sample_chunks()}


@pytest.mark.slow
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_returns_one_summary_per_chunk(outputs, engine):
    _, summaries = outputs[engine]
    assert len(summaries) == len(sample_chunks())


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_every_engine_returns_the_summaries_of_the_serial_engine(outputs, engine):
    def key(s):
        return sorted(s.counts.items()), sorted(s.messages)

    assert sorted(map(key, outputs[engine][1])) == sorted(map(key, outputs["serial"][1]))


@pytest.mark.slow
def test_the_samples_make_documents_in_several_chunks(outputs):
    out, _ = outputs["serial"]
    assert len(part_names(out, COMMIT_TABLE)) > 2 and read_table(out, COMMIT_TABLE).num_rows > 2


@pytest.mark.parametrize(
    ("engine", "workers", "expected"),
    [("local", 1, SerialEngine), ("local", 0, SerialEngine), ("local", 2, ProcessEngine),
     ("dask", 1, DaskEngine), ("dask", 4, DaskEngine)],
)
def test_make_engine_picks_the_engine(engine, workers, expected):
    assert isinstance(make_engine(engine, workers, None), expected)


def test_make_engine_keeps_the_worker_count():
    assert (make_engine("local", 3, None).workers, make_engine("dask", 3, "tcp://h:8786").workers) == (3, 3)


def test_make_engine_passes_the_scheduler_address():
    assert make_engine("dask", 2, "tcp://10.0.0.5:8786").scheduler == "tcp://10.0.0.5:8786"


def test_make_engine_refuses_an_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        make_engine("spark", 2, None)
