"""Where chunks are processed: in this process, in local worker processes, or on Dask.

Every engine maps :func:`pipeline.chunks.process_chunk` over a stream of chunks with a bounded
number in flight, so memory stays flat however large the corpus, and yields the summaries in
completion order. Workers write their own parts; only small summaries come back.

Local workers are forked (Linux) from the run's process once it has loaded the models, so that
they share the models' pages; elsewhere they are spawned and load the models themselves (see
:func:`start_method`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

from pipeline.chunks import ChunkSummary, Item, get_processor, init_worker, process_chunk
from pipeline.config import THREAD_ENV

# Chunks in flight per worker: two keep every worker busy while the reader prepares the next.
IN_FLIGHT_PER_WORKER = 2
# prctl(2) option: the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
# How often a worker without PR_SET_PDEATHSIG checks that the run is still alive, in seconds.
PARENT_CHECK_SECONDS = 0.2


class Engine(Protocol):
    """Processes chunks and yields their summaries."""

    def map_chunks(self, chunks: Iterable[Sequence[Item]], output: str, run_id: str) -> Iterator[ChunkSummary]:
        """Process every chunk; yield summaries as chunks complete."""
        ...


class SerialEngine:
    """Everything in this process (one worker; also the simplest to debug)."""

    def map_chunks(self, chunks: Iterable[Sequence[Item]], output: str, run_id: str) -> Iterator[ChunkSummary]:
        """Process chunks one after another."""
        get_processor()
        for chunk in chunks:
            yield process_chunk(chunk, output, run_id)


def _bounded(submit: Any, chunks: Iterable[Sequence[Item]], limit: int, wait_any: Any) -> Iterator[Any]:
    """Submit chunks keeping at most ``limit`` futures pending; yield their results."""
    pending: set[Any] = set()
    for chunk in chunks:
        pending.add(submit(chunk))
        while len(pending) >= limit:
            done, pending = wait_any(pending)
            for fut in done:
                yield fut.result()
    while pending:
        done, pending = wait_any(pending)
        for fut in done:
            yield fut.result()


def _die_with_parent(parent: int) -> None:
    """Make this worker process end as soon as the run's process ``parent`` does.

    A run killed with SIGKILL cannot shut its pool down: its workers were left running, went on
    processing the chunks already queued to them and wrote their parts into an output folder
    whose lock was gone, while a resumed run repaired and wrote the same folder (rows lost or
    duplicated), and then hung forever. On Linux the kernel kills the worker with the parent
    (PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to go.

    Called in the worker's main thread (its only one when it starts). The kernel sends the signal
    when the parent *thread* that started the worker ends, not only the whole process: the pool
    starts its workers from the thread that iterates :meth:`ProcessEngine.map_chunks` (with
    fork, all of them at the first chunk), which outlives the pool.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the run died before the signal was armed
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                threading.Event().wait(PARENT_CHECK_SECONDS)
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _init_local_worker(parent: int) -> None:
    """Initialiser of a local worker process: tied to the run's process, deaf to Ctrl-C, then
    :func:`init_worker`."""
    _die_with_parent(parent)
    # Ctrl-C reaches every process of the run; the run stops its workers itself (see
    # ProcessEngine.map_chunks). Normally SIGINT is already blocked from birth (see _no_sigint).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker()


@contextlib.contextmanager
def _no_sigint() -> Iterator[None]:
    """SIGINT blocked in this thread meanwhile: a process started now inherits the blocked signal,
    and a Ctrl-C that comes meanwhile is delivered right after, not lost."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def start_method() -> str:
    """How local workers start here: "fork" on Linux, "spawn" elsewhere.

    Forked from the run's process once it has loaded the models, the workers share the models'
    pages (copy-on-write) instead of loading a copy each: a forked worker's own memory (USS) is a
    fifth to a quarter of its RSS after its first chunk, a spawned one's four fifths, and no worker
    spends 1.7 s of CPU loading models. Measured through the CLI on the 738 gold articles of
    ``scripts/bench.py`` (2-core shared VM, six interleaved runs each, best): two forked workers
    52.4 articles/s, two spawned ones 52.0, one worker 32.6; either way each of two busy workers
    spent about a fifth more CPU per article than a lone one. ``scripts/bench.py --docs 738`` in a
    quiet moment (other load under 0.1 core): forked 2.06x and 2.15x one worker (54.9 and 58.0
    articles/s, 28.7-29.9 per CPU-second), spawned 1.43x (41.1, 20.4 per CPU-second), so the
    figures depend on the moment; the gap is not understood yet. Fork is safe here because
    the run's process forks all its workers at once, from the thread that runs the pool, before
    the pool starts its own threads (CPython's ProcessPoolExecutor does so with "fork"), and the
    workers only process chunks: the run's other threads (tqdm's monitor, Arrow's allocator, which
    has its own fork handlers) hold no lock a worker takes. macOS has fork() but its system
    libraries do not survive it without exec, and Windows lacks it: there workers are spawned and
    load the models themselves.
    """
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class ProcessEngine:
    """Worker processes on this machine, forked from this process with its models loaded, or
    spawned (``start_method``) with the models loaded once per worker in its initialiser."""

    def __init__(self, workers: int, method: str | None = None) -> None:
        self.workers = workers
        self.method = method or start_method()

    def map_chunks(self, chunks: Iterable[Sequence[Item]], output: str, run_id: str) -> Iterator[ChunkSummary]:
        """Process chunks in ``workers`` processes."""
        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None:  # nothing to do: no models loaded, no workers started
            return
        # Workers inherit one-thread settings for their numeric libraries (see chunks.limit_threads).
        for name in THREAD_ENV:
            os.environ.setdefault(name, "1")
        if self.method == "fork":
            # The models are loaded here, once, as a worker would (one thread for the numeric
            # libraries, which the workers inherit loaded); Ctrl-C meanwhile simply stops the run, no
            # worker exists yet. The workers forked at the first submit share the models' pages.
            # Freezing what is alive now keeps the children's garbage collector off the inherited
            # objects, whose pages it would otherwise write to and so copy (see chunks.tune_gc).
            init_worker()
            gc.freeze()
        ctx = multiprocessing.get_context(self.method)
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_local_worker,
                                 initargs=(os.getpid(),)) as pool:

            def submit(chunk: Sequence[Item]) -> Future[ChunkSummary]:
                # submit() starts the workers (with fork: all of them, in this thread, at the first
                # submit): they must not see Ctrl-C, which the terminal sends to every process of
                # the run. An idle worker printed the traceback of its own KeyboardInterrupt, a busy
                # one abandoned its chunk.
                with _no_sigint():
                    return pool.submit(process_chunk, list(chunk), output, run_id)

            def wait_any(pending: set[Future[ChunkSummary]]) -> tuple[set[Any], set[Any]]:
                done, rest = wait(pending, return_when=FIRST_COMPLETED)
                return set(done), set(rest)

            try:
                yield from _bounded(submit, itertools.chain([first], chunks), self.workers * IN_FLIGHT_PER_WORKER,
                                    wait_any)
            except BaseException:
                # Ctrl-C, or the run stopped: the chunks being processed are finished and written
                # (whole chunks), the queued ones dropped, then the run goes.
                pool.shutdown(wait=True, cancel_futures=True)
                raise


class DaskEngine:
    """A Dask distributed cluster: each task processes one chunk and writes its own parts.

    Workers load the models once through a worker plugin. The output folder must be reachable
    by every worker under the same path (a shared file system).
    """

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler = scheduler
        self.workers = workers

    def map_chunks(self, chunks: Iterable[Sequence[Item]], output: str, run_id: str) -> Iterator[ChunkSummary]:
        """Process chunks as Dask tasks."""
        from distributed import Client, LocalCluster, WorkerPlugin
        from distributed import wait as dask_wait

        class LoadModels(WorkerPlugin):
            name = "coop-pipeline-models"

            def setup(self, worker: Any) -> None:
                init_worker()

        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True)
            client = Client(cluster)
        try:
            client.register_plugin(LoadModels())
            n = max(1, len(client.scheduler_info().get("workers", {})))

            def submit(chunk: Sequence[Item]) -> Any:
                return client.submit(process_chunk, list(chunk), output, run_id, pure=False)

            def wait_any(pending: set[Any]) -> tuple[set[Any], set[Any]]:
                res = dask_wait(list(pending), return_when="FIRST_COMPLETED")
                return set(res.done), set(res.not_done)

            yield from _bounded(submit, chunks, n * IN_FLIGHT_PER_WORKER, wait_any)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(engine: str, workers: int, scheduler: str | None) -> Engine:
    """The engine named ``engine`` ("local" or "dask")."""
    if engine == "dask":
        return DaskEngine(scheduler, workers)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    return SerialEngine() if workers <= 1 else ProcessEngine(workers)
