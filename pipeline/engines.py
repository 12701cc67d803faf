"""Where chunks are processed: in this process, in local worker processes, or on Dask.

Every engine maps :func:`pipeline.chunks.process_chunk` over a stream of chunks with a bounded
number in flight, so memory stays flat however large the corpus, and yields the summaries in
completion order. Workers write their own parts; only small summaries come back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

from pipeline.chunks import ChunkSummary, Item, get_processor, init_worker, process_chunk

# Chunks in flight per worker: two keep every worker busy while the reader prepares the next.
IN_FLIGHT_PER_WORKER = 2


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


class ProcessEngine:
    """Worker processes on this machine, models loaded once per worker in its initialiser."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map_chunks(self, chunks: Iterable[Sequence[Item]], output: str, run_id: str) -> Iterator[ChunkSummary]:
        """Process chunks in ``workers`` processes."""
        # spawn: workers start clean (no inherited locks or threads), the same on every OS.
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=init_worker) as pool:

            def submit(chunk: Sequence[Item]) -> Future[ChunkSummary]:
                return pool.submit(process_chunk, list(chunk), output, run_id)

            def wait_any(pending: set[Future[ChunkSummary]]) -> tuple[set[Any], set[Any]]:
                done, rest = wait(pending, return_when=FIRST_COMPLETED)
                return set(done), set(rest)

            yield from _bounded(submit, chunks, self.workers * IN_FLIGHT_PER_WORKER, wait_any)


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
