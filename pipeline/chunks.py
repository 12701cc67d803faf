"""The unit of work: process a chunk of inputs and write its parts.

A worker (a local process or a Dask worker) gets a chunk of articles and read errors, runs the
per-document pipeline, and writes one part per table named by the chunk's content key. The
``documents`` part is written last: it marks the chunk as done (see pipeline.output).
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import THREAD_ENV
from pipeline.ids import content_id, doc_id
from pipeline.rows import ROW_BUILDERS, error_row
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, write_rows
from pipeline.types import Article, ReadError

log = logging.getLogger(__name__)


Item = Article | ReadError


@dataclass
class ChunkSummary:
    """What a chunk produced: row counts per table and the errors' one-line messages."""

    counts: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


_processor: Any = None

# Python's cyclic garbage collector by default runs a young collection every 700 container
# allocations, and its full collections walk every live object (models, lexicons, caches). The
# grammars' parsers allocate millions of short-lived states, so on the gold news the collector took
# 3.0 s of a 17 s pass (one worker, 246 articles). Freezing what is alive once the models are
# loaded (it lives as long as the process) and collecting every 10 000 allocations brought that to
# about 1.1 s (5 000: 1.1 s, 20 000: 0.9-1.3 s, 50 000: 1.8 s as each collection grows) with the
# same peak RSS (370 MB in that process).
GC_THRESHOLDS = (10_000, 10, 10)


def limit_threads() -> None:
    """Pin the numeric libraries of this process to one thread.

    Native math libraries would start one thread per core in every worker process: with N
    workers that is N*N threads fighting for N cores. The variables act only on libraries not
    loaded yet: the CLI and the process engine set them before workers start, and workers
    inherit them."""
    for name in THREAD_ENV:
        os.environ[name] = "1"


def init_worker() -> None:
    """Worker initialiser: one thread, models loaded once per process."""
    limit_threads()
    get_processor()


def get_processor() -> Any:
    """The process-wide DocumentProcessor (models cannot be pickled: built once per process)."""
    global _processor
    if _processor is None:
        from pipeline.process import DocumentProcessor

        _processor = DocumentProcessor()
        tune_gc()
    return _processor


def tune_gc() -> None:
    """Exempt the objects alive now (models, lexicons) from garbage collection and collect young
    objects less often (see ``GC_THRESHOLDS``)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    # Frozen objects are never collected, not even at exit, and DuckDB's bindings (nanobind) then
    # report them as leaks on stderr: give them back before the interpreter shuts down.
    atexit.register(gc.unfreeze)


def item_key(item: Item) -> str:
    """The identity of an input item: its document id, or its error's place."""
    if isinstance(item, Article):
        return doc_id(item.source_id, item.text)
    return content_id("error", item.path, item.source_id, item.stage)


def chunk_key(items: Sequence[Item]) -> str:
    """The part name of a chunk: a hash of its items' identities (deterministic, resumable)."""
    return content_id(*sorted(item_key(i) for i in items))


def process_chunk(items: Sequence[Item], output: str, run_id: str) -> ChunkSummary:
    """Process ``items`` and write their parts into ``output``; never raises for one bad document."""
    processor = get_processor()
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    summary = ChunkSummary()
    for item in items:
        if isinstance(item, ReadError):
            rows["errors"].append(error_row(item, run_id))
            summary.messages.append(f"{item.path}: {item.stage}: {item.error}")
            continue
        try:
            result = processor.process(item)
            built = {table: list(build(result)) for table, build in ROW_BUILDERS.items()}
        except Exception as exc:  # one bad document must not stop the others
            log.exception("processing %s failed", item.source_id)
            err = ReadError(item.path, item.source_id, "process", f"{type(exc).__name__}: {exc}")
            rows["errors"].append(error_row(err, run_id))
            summary.messages.append(f"{item.path}: process: {err.error}")
            continue
        for table, table_rows in built.items():
            rows[table].extend(table_rows)
    key = chunk_key(items)
    out = Path(output)
    for table in CHUNK_TABLES:
        if rows[table] or table == COMMIT_TABLE:
            try:
                write_rows(out, table, key, rows[table])
            except (UnicodeError, ValueError, TypeError) as exc:
                # a value no Parquet file can hold must not lose the chunk: write it scrubbed
                log.warning("writing %s of chunk %s: %s; retrying with values scrubbed", table, key, exc)
                write_rows(out, table, key, [_scrub_row(r) for r in rows[table]])
        summary.counts[table] = len(rows[table])
    return summary


def _scrub_row(row: dict[str, Any]) -> dict[str, Any]:
    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return value.encode("utf-8", "replace").decode("utf-8")
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return {k: fix(v) for k, v in row.items()}
