"""Crash safety: a run killed at any moment and run again gives the tables of one uninterrupted run,
and two runs on one output folder never both write to it.

The real CLI runs on a corpus of 26 articles and 3 bad inputs in chunks of 2. One output folder is
killed with SIGKILL five times in a row (after its first chunk, right after a restart, while a chunk
is half-written with two workers, after 3 and after 6 chunks), interrupted with Ctrl-C twice with
two workers (while the run loads its models, before any worker exists; then while the workers
process chunks), then run to completion and compared with a clean run in another folder. To kill
or interrupt at an exact state, the run's process group is frozen (SIGSTOP), the folder inspected,
and the run killed, interrupted or let go on (SIGCONT).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLES

from pipeline.reading.decode import decode_bytes
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, SCHEMAS, TMP_PREFIX, part_names, read_table

pytestmark = pytest.mark.slow

CHUNK_SIZE = 2
SUFFIX = "Материал дополнен редакцией для проверки возобновления работы."
ARTICLE = ("Казань и Ташкент договорились о сотрудничестве. Правительство Татарстана и хокимият Ташкента "
           "подписали соглашение о сотрудничестве в сфере культуры и туризма.")
N_DOCUMENTS = 26  # 12 samples, 12 changed copies, 2 good JSONL lines
N_ERRORS = 3  # an empty file, an image, a broken JSONL line
TIMEOUT = 600
# How much the run's process has grown since it took its output's lock when it is interrupted "while
# it loads its models", in MB. Measured with two workers: 95 MB at the lock, 120 MB once it has
# listed the done chunks, then 140-400 MB over the 1.5 s of imports and model loading, after which
# it forks its workers. By timing alone (0.2 s after the lock) the signal came before the models.
LOADING_GROWTH_MB = 100

T = TypeVar("T")


def build_corpus(root: Path) -> None:
    """The samples, a copy of them with a sentence added to every article, and bad inputs between."""
    shutil.copytree(SAMPLES, root / "1")
    changed = root / "3"
    for src in sorted(SAMPLES.rglob("*.*")):
        dst = changed / src.relative_to(SAMPLES)
        dst.parent.mkdir(parents=True, exist_ok=True)
        data = src.read_bytes()
        if src.suffix in (".txt", ".md"):
            dst.write_text(decode_bytes(data) + f"\n\n{SUFFIX}\n", encoding="utf-8")
        elif src.suffix == ".html":
            dst.write_text(data.decode("utf-8").replace("</p>", f"</p>\n<p>{SUFFIX}</p>", 1), encoding="utf-8")
        elif src.suffix == ".json":
            records = json.loads(data)
            dst.write_text(json.dumps([r | {"text": f"{r['text']} {SUFFIX}"} for r in records], ensure_ascii=False),
                           encoding="utf-8")
        elif src.suffix == ".jsonl":
            lines = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
            dst.write_text("".join(json.dumps(r | {"text": f"{r['text']} {SUFFIX}"}, ensure_ascii=False) + "\n"
                                   for r in lines), encoding="utf-8")
        else:
            dst.write_bytes(data)
    bad = root / "2-bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = [json.dumps({"text": text}, ensure_ascii=False) for text in (ARTICLE, ARTICLE.replace("Казань", "Уфа"))]
    (bad / "feed.jsonl").write_text(f'{good[0]}\n{{"text": "оборванная строка\n{good[1]}\n', encoding="utf-8")


# --- running and killing the CLI ----------------------------------------------------------------


def start(corpus: Path, out: Path, workers: int = 1) -> subprocess.Popen:
    """The CLI in a process group of its own (so that it and its workers can be frozen together)."""
    args = [sys.executable, "-m", "pipeline", "run", str(corpus), "--output", str(out), "--workers", str(workers),
            "--chunk-size", str(CHUNK_SIZE), "-q"]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def finish(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = proc.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def n_done(out: Path) -> int:
    return len(part_names(out, COMMIT_TABLE))


def half_written(out: Path) -> bool:
    """A chunk has some parts but not yet its documents part, or a part is being written."""
    done = part_names(out, COMMIT_TABLE)
    return any(part_names(out, t) - done for t in CHUNK_TABLES) or any(out.glob(f"*/{TMP_PREFIX}*"))


def rss_mb(proc: subprocess.Popen) -> int:
    """The resident memory of the run's main process, in MB (0 once it is gone)."""
    with contextlib.suppress(psutil.Error):
        return psutil.Process(proc.pid).memory_info().rss >> 20
    return 0


def holds_lock(proc: subprocess.Popen) -> bool:
    with contextlib.suppress(psutil.Error):
        return any(f.path.endswith("/.lock") for f in psutil.Process(proc.pid).open_files())
    return False


@dataclasses.dataclass
class Kill:
    """What the folder held when the run was killed, and what became of the run's workers."""

    done: int
    half_written: bool
    workers: list[int]
    workers_left: list[int]
    changed_after: list[str]


def listing(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*"))


def workers_of(proc: subprocess.Popen) -> list[psutil.Process]:
    """The run's worker processes (multiprocessing's resource tracker aside): forked ones have the
    run's command line, spawned ones "--multiprocessing-fork"."""
    with contextlib.suppress(psutil.Error):
        return [p for p in psutil.Process(proc.pid).children()
                if not any("resource_tracker" in arg for arg in p.cmdline())]
    return []


def _group(proc: subprocess.Popen) -> list[psutil.Process]:
    with contextlib.suppress(psutil.Error):
        main = psutil.Process(proc.pid)
        return [main, *main.children(recursive=True)]
    return []


def _stopped(group: list[psutil.Process]) -> bool:
    """Whether every process of ``group`` stopped within a moment. One may not: a process that is
    starting a worker waits in vfork() for a child that SIGSTOP froze before it could exec."""
    deadline = time.monotonic() + 0.5
    for p in group:
        with contextlib.suppress(psutil.Error):
            while p.status() not in (psutil.STATUS_STOPPED, psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD):
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.001)
    return True


def when_frozen(proc: subprocess.Popen, condition: Callable[[], bool], act: Callable[[list[psutil.Process]], T],
                what: str) -> tuple[T, list[psutil.Process]]:
    """Freeze the run every few milliseconds; the first time ``condition`` holds, ``act`` on its
    frozen processes, then let them go on (SIGCONT). Returns what ``act`` returned and the processes.
    Fails if the run ends first."""
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        group = _group(proc)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGSTOP)
        try:
            if _stopped(group) and condition():
                return act(group), group
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGCONT)  # lets an orphaned worker show what it would do
        time.sleep(0.01)
    stdout, stderr = proc.communicate(timeout=TIMEOUT)
    raise AssertionError(f"the run ended before {what}: {proc.returncode} {stdout[-500:]} {stderr[-2000:]}")


def kill_when(proc: subprocess.Popen, out: Path, condition: Callable[[], bool], what: str) -> Kill:
    """SIGKILL the run (the main process only, as a crash would) the first time ``condition`` holds."""

    def kill(group: list[psutil.Process]) -> tuple[int, bool, list[int]]:
        state = (n_done(out), half_written(out), [p.pid for p in group[1:]])
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(TIMEOUT)
        return state

    state, group = when_frozen(proc, condition, kill, what)
    return _after_kill(out, *state, group[1:])


def interrupt_when(proc: subprocess.Popen, condition: Callable[[], bool], what: str) -> subprocess.CompletedProcess:
    """Ctrl-C in a terminal (SIGINT to the run and its workers) the first time ``condition`` holds;
    the finished run."""
    when_frozen(proc, condition, lambda group: os.killpg(proc.pid, signal.SIGINT), what)
    return finish(proc)


def _after_kill(out: Path, done: int, half: bool, workers: list[int], group: list[psutil.Process]) -> Kill:
    before = listing(out)
    deadline = time.monotonic() + 10
    left = group
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in left if _alive(p)]
    time.sleep(1.0)  # an orphan would still be writing parts
    after = listing(out)
    for p in left:  # reported by the test; not left running
        with contextlib.suppress(psutil.Error):
            p.kill()
    return Kill(done, half, workers, [p.pid for p in left], sorted(set(after) ^ set(before)))


def _alive(p: psutil.Process) -> bool:
    with contextlib.suppress(psutil.Error):
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    return False


# --- comparing output folders -------------------------------------------------------------------


def comparable(out: Path, name: str) -> pd.DataFrame:
    """Table ``name`` without run ids, lists as tuples, sorted by every column."""
    frame = read_table(out, name).to_pandas().drop(columns=["run_id"], errors="ignore")
    frame = frame.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True) if len(frame) else frame


COMPARED = sorted((set(CHUNK_TABLES) | {"entities"}) - {"errors"})


def differences(a: Path, b: Path) -> dict[str, tuple[int, int]]:
    """The tables (chunk tables and entities) that differ: {name: (rows in a, rows in b)}."""
    return {name: (read_table(a, name).num_rows, read_table(b, name).num_rows) for name in COMPARED
            if not comparable(a, name).equals(comparable(b, name))}


def error_keys(out: Path) -> Counter[tuple[str, str, str]]:
    return Counter((e["path"], e["source_id"], e["stage"]) for e in read_table(out, "errors").to_pylist())


def unreadable_parts(out: Path) -> list[str]:
    """Parts that a reader sees but cannot read (a half-written file made visible)."""
    bad = []
    for part in out.glob("*/part-*.parquet"):
        try:
            pq.read_table(part)
        except Exception as exc:
            bad.append(f"{part.relative_to(out)}: {exc}")
    return bad


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("crash-corpus") / "corpus"
    build_corpus(root)
    return root


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


@pytest.fixture(scope="module")
def clean_start(corpus, tmp_path_factory) -> Iterator[tuple[Path, subprocess.Popen]]:
    """An uninterrupted run, started in the background (the killed runs go on meanwhile)."""
    out = tmp_path_factory.mktemp("crash-clean") / "out"
    proc = start(corpus, out)
    yield out, proc
    _stop([proc])


@pytest.fixture(scope="module")
def concurrent_start(corpus, tmp_path_factory) -> Iterator[tuple[Path, list[subprocess.Popen]]]:
    """Two runs on one output folder started at the same moment, in the background."""
    out = tmp_path_factory.mktemp("crash-concurrent") / "out"
    procs = [start(corpus, out), start(corpus, out)]
    yield out, procs
    _stop(procs)


@pytest.fixture(scope="module")
def clean(clean_start) -> Path:
    out, proc = clean_start
    done = finish(proc)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@dataclasses.dataclass
class Killed:
    """One output folder after its runs were killed and resumed."""

    out: Path
    kills: list[Kill]
    unreadable: list[list[str]]  # parts that could not be read, after each kill
    loading: subprocess.CompletedProcess  # the run stopped with Ctrl-C while it loaded its models
    working: subprocess.CompletedProcess  # the run stopped with Ctrl-C while its workers processed chunks
    done_before: dict[str, int]  # chunks done before each interrupted run, and when it was interrupted
    last: subprocess.CompletedProcess  # the run that finished


@pytest.fixture(scope="module")
def killed(corpus, clean_start, concurrent_start, tmp_path_factory) -> Killed:
    """One output folder killed five times and interrupted twice, each time resumed, then run to
    completion."""
    out = tmp_path_factory.mktemp("crash-killed") / "out"
    kills: list[Kill] = []
    unreadable: list[list[str]] = []

    def resume_and_kill(condition: Callable[[], bool], what: str, workers: int = 1) -> None:
        kills.append(kill_when(start(corpus, out, workers), out, condition, what))
        unreadable.append(unreadable_parts(out))

    resume_and_kill(lambda: n_done(out) >= 1, "the first chunk was written")
    proc = start(corpus, out)
    kills.append(kill_when(proc, out, lambda: holds_lock(proc), "the restarted run took the lock"))
    unreadable.append(unreadable_parts(out))
    resume_and_kill(lambda: n_done(out) >= 2 and half_written(out), "a chunk was half-written", workers=2)
    resume_and_kill(lambda: n_done(out) >= 3, "3 chunks were written")
    resume_and_kill(lambda: n_done(out) >= 6, "6 chunks were written")
    # Ctrl-C while the run loads its models: its workers (forked once the models are loaded, or
    # spawned) do not exist yet.
    proc, done = start(corpus, out, workers=2), {"loading": n_done(out)}
    at_lock: list[int] = []  # the run's RSS when it was first seen holding the lock

    def loading() -> bool:
        rss = rss_mb(proc)
        if not at_lock and holds_lock(proc):
            at_lock.append(rss)
        return bool(at_lock) and rss - at_lock[0] >= LOADING_GROWTH_MB and not workers_of(proc)

    stopped_loading = interrupt_when(proc, loading, "the run loaded its models")
    done["after loading"] = n_done(out)
    # Ctrl-C while both workers process chunks, once a chunk more is written.
    proc, done["working"] = start(corpus, out, workers=2), n_done(out)
    stopped_working = interrupt_when(proc, lambda: len(workers_of(proc)) == 2 and n_done(out) > done["working"],
                                     "both workers were at work")
    done["after working"] = n_done(out)
    return Killed(out, kills, unreadable, stopped_loading, stopped_working, done, finish(start(corpus, out)))


# --- killed and resumed -------------------------------------------------------------------------


def test_the_kills_happened_where_intended(killed):
    kills = killed.kills
    assert [k.done >= n for k, n in zip(kills, [1, 1, 2, 3, 6], strict=True)] == [True] * 5, kills
    assert (kills[1].done, kills[2].half_written) == (kills[0].done, True), kills  # killed before any work
    assert kills[-1].done < N_DOCUMENTS // CHUNK_SIZE  # work was left for the last run


def test_a_killed_run_never_leaves_a_half_written_part_visible(killed):
    unreadable = killed.unreadable
    assert unreadable == [[]] * len(unreadable)


def test_the_workers_of_a_killed_run_die_with_it_and_write_nothing_more(killed):
    kills = killed.kills
    with_workers = kills[2]
    assert with_workers.workers, "the run with two workers had no worker processes"
    assert (with_workers.workers_left, with_workers.changed_after) == ([], [])


def resume_message(out: Path) -> str:
    return f"interrupted: finished chunks are kept in {out}/; run the same command again to resume"


def test_ctrl_c_while_the_run_loads_its_models_stops_it_cleanly_and_says_how_to_resume(killed):
    stopped = killed.loading
    assert (stopped.returncode, stopped.stderr.strip()) == (130, resume_message(killed.out))


def test_ctrl_c_while_the_run_loads_its_models_writes_no_chunk(killed):
    assert killed.done_before["after loading"] == killed.done_before["loading"]


def test_ctrl_c_while_the_workers_process_chunks_stops_the_run_cleanly_and_says_how_to_resume(killed):
    stopped = killed.working
    assert (stopped.returncode, stopped.stderr.strip()) == (130, resume_message(killed.out))


def test_ctrl_c_while_the_workers_process_chunks_keeps_their_finished_chunks_and_leaves_work(killed):
    done = killed.done_before
    assert done["working"] < done["after working"] < (N_DOCUMENTS + N_ERRORS + CHUNK_SIZE - 1) // CHUNK_SIZE


def test_the_resumed_run_finishes(killed):
    last = killed.last
    assert (last.returncode, "Traceback" in last.stderr) == (0, False), last.stderr[-3000:]


def test_a_killed_and_resumed_output_has_the_tables_of_an_uninterrupted_run(killed, clean):
    out = killed.out
    assert read_table(clean, "documents").num_rows == N_DOCUMENTS
    assert differences(out, clean) == {}


def test_no_row_is_lost_or_duplicated_in_the_errors(killed, clean):
    out = killed.out
    resumed, uninterrupted = error_keys(out), error_keys(clean)
    assert (len(uninterrupted), max(resumed.values())) == (N_ERRORS, 1)
    assert resumed == uninterrupted


def test_the_resumed_run_accounts_for_every_input(killed):
    out = killed.out
    runs = read_table(out, "runs").to_pylist()
    assert len({r["run_id"] for r in runs}) == len(runs)
    # SIGKILL leaves no row
    assert sorted(r["status"] for r in runs) == ["finished", "interrupted", "interrupted"]
    [last] = [r for r in runs if r["status"] == "finished"]
    assert last["n_documents"] + last["n_skipped"] + last["n_errors"] == N_DOCUMENTS + N_ERRORS


def test_the_resumed_output_has_no_leftovers(killed):
    out = killed.out
    done = part_names(out, COMMIT_TABLE)
    assert ({t: sorted(part_names(out, t) - done) for t in CHUNK_TABLES if part_names(out, t) - done},
            list(out.glob(f"*/{TMP_PREFIX}*"))) == ({}, [])


def test_every_article_of_the_corpus_is_distinct(clean):
    texts = read_table(clean, "documents").column("text").to_pylist()
    assert len(set(texts)) == len(texts) == N_DOCUMENTS


# --- two runs at once ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def concurrent(concurrent_start) -> tuple[Path, list[subprocess.CompletedProcess]]:
    out, procs = concurrent_start
    return out, [finish(p) for p in procs]


def test_of_two_runs_on_one_output_the_second_refuses_with_the_lock_message(concurrent):
    out, done = concurrent
    assert sorted(d.returncode for d in done) == [0, 2]
    [refused] = [d for d in done if d.returncode == 2]
    assert refused.stderr.strip() == (f"error: {out} is in use by another run (lock {out / '.lock'}); "
                                      "wait for it to finish")


def test_two_runs_at_once_give_the_tables_of_one_run(concurrent, clean):
    out, _ = concurrent
    assert differences(out, clean) == {} and error_keys(out) == error_keys(clean)
    assert [r["status"] for r in read_table(out, "runs").to_pylist()] == ["finished"]


def test_every_table_is_compared():
    assert set(COMPARED) | {"errors", "runs"} == set(SCHEMAS)
