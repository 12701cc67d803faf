"""Engines (pipeline.engines): in this process, in worker processes (forked or spawned) and on Dask,
the same tables; workers tied to the run."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
import psutil
import pytest
from conftest import ROOT, SAMPLES

from pipeline.chunks import chunk_key, get_processor
from pipeline.engines import DaskEngine, ProcessEngine, SerialEngine, _init_local_worker, make_engine, start_method
from pipeline.reading import read_inputs
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, part_names, read_table

RUN = "engine-run"
# Two items a chunk: several chunks per worker, so chunks really run in parallel and out of order.
CHUNK_SIZE = 2
# prctl(2) option: read the parent-death signal of the calling thread (Linux).
PR_GET_PDEATHSIG = 2
# The highest share of a forked worker's memory (RSS) that may be its own (USS) after its first
# chunk. Measured on the samples: 0.19-0.27 (the pages it wrote to: objects whose reference counts
# changed, its own allocations); a spawned worker's is 0.82 (only shared libraries are shared).
MAX_UNIQUE_SHARE = 0.5


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
    "forked": lambda: ProcessEngine(2, "fork"),
    "spawned": lambda: ProcessEngine(2, "spawn"),
    "dask": lambda: DaskEngine(None, 2),
}
PARALLEL = ["forked", "spawned", "dask"]


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
@pytest.mark.parametrize("engine", PARALLEL)
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
@pytest.mark.parametrize("engine", PARALLEL)
def test_every_engine_returns_the_summaries_of_the_serial_engine(outputs, engine):
    def key(s):
        return sorted(s.counts.items()), sorted(s.messages)

    assert sorted(map(key, outputs[engine][1])) == sorted(map(key, outputs["serial"][1]))


@pytest.mark.slow
def test_the_samples_make_documents_in_several_chunks(outputs):
    out, _ = outputs["serial"]
    assert len(part_names(out, COMMIT_TABLE)) > 2 and read_table(out, COMMIT_TABLE).num_rows > 2


def test_local_workers_are_forked_on_linux():
    assert start_method() == ("fork" if sys.platform.startswith("linux") else "spawn")


def _worker_state() -> tuple[int, bool, int, int]:
    """In a worker: its parent-death signal, whether this is its main thread, its parent, and the
    address of its models."""
    sig = ctypes.c_int(0)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_GET_PDEATHSIG, ctypes.byref(sig), 0, 0, 0)
    return sig.value, threading.current_thread() is threading.main_thread(), os.getppid(), id(get_processor())


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_local_worker_is_killed_with_the_run_armed_in_its_own_main_thread(processor, method):
    with ProcessPoolExecutor(1, mp_context=get_context(method), initializer=_init_local_worker,
                             initargs=(os.getpid(),)) as pool:
        sig, main_thread, parent, _ = pool.submit(_worker_state).result()
    assert (sig, main_thread, parent) == (signal.SIGKILL, True, os.getpid())


@pytest.mark.slow
def test_forked_workers_use_the_models_of_the_run_not_a_copy_of_their_own(processor):
    # the same address in every worker as here: the objects were inherited, not loaded again
    with ProcessPoolExecutor(2, mp_context=get_context("fork"), initializer=_init_local_worker,
                             initargs=(os.getpid(),)) as pool:
        addresses = {pool.submit(_worker_state).result()[3] for _ in range(4)}
    assert addresses == {id(processor)}


@pytest.mark.slow
def test_forked_workers_share_most_of_their_memory_with_the_run(processor, tmp_path):
    before = {p.pid for p in psutil.Process().children()}
    summaries = ProcessEngine(2, "fork").map_chunks(iter(sample_chunks()), str(tmp_path), RUN)
    try:
        next(summaries)  # the workers are up and have processed a chunk
        workers = [p for p in psutil.Process().children() if p.pid not in before]
        memory = [p.memory_full_info() for p in workers]
    finally:
        summaries.close()
    # unique pages (USS) against all pages mapped in (RSS): the models' pages count once, in the run
    assert (len(workers), [m.uss < m.rss * MAX_UNIQUE_SHARE for m in memory]) == (2, [True, True]), memory


def test_no_chunk_loads_no_models_and_starts_no_worker(tmp_path):
    code = ("import sys, psutil; from pipeline import chunks; from pipeline.engines import ProcessEngine; "
            "done = list(ProcessEngine(2).map_chunks(iter([]), sys.argv[1], 'r')); "
            "print(done, chunks._processor is None, psutil.Process().children())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[] True []"


@pytest.mark.parametrize(
    ("engine", "workers", "expected"),
    [("local", 1, SerialEngine), ("local", 0, SerialEngine), ("local", 2, ProcessEngine),
     ("dask", 1, DaskEngine), ("dask", 4, DaskEngine)],
)
def test_make_engine_picks_the_engine(engine, workers, expected):
    assert isinstance(make_engine(engine, workers, None), expected)


def test_make_engine_starts_local_workers_the_way_of_this_platform():
    assert make_engine("local", 2, None).method == start_method()


def test_make_engine_keeps_the_worker_count():
    assert (make_engine("local", 3, None).workers, make_engine("dask", 3, "tcp://h:8786").workers) == (3, 3)


def test_make_engine_passes_the_scheduler_address():
    assert make_engine("dask", 2, "tcp://10.0.0.5:8786").scheduler == "tcp://10.0.0.5:8786"


def test_make_engine_refuses_an_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        make_engine("spark", 2, None)
