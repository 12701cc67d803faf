"""One typed options object for a run (trafilatura-style): the CLI fills it, the runner reads it."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Documents per chunk: a chunk is the unit of work sent to a worker and of parts written.
# 64 short news articles take ~3 s on one core: big enough to amortise a part's fixed cost
# (11 small Parquet files), small enough to lose little work on a crash.
DEFAULT_CHUNK_SIZE = 64
# Longest document text processed, in characters: ~2 minutes and ~1 GB on one core at the
# measured ~30k characters/s; longer texts (a 50 MB log line) are reported as errors.
DEFAULT_MAX_CHARS = 3_000_000


# Environment variables that set the thread count of the numeric libraries in a process.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know."""

    inputs: tuple[str, ...]
    output: Path = Path("output")
    workers: int = field(default_factory=default_workers)
    chunk_size: int = DEFAULT_CHUNK_SIZE
    max_chars: int = DEFAULT_MAX_CHARS
    engine: str = "local"  # "local" (processes on this machine) or "dask"
    scheduler: str | None = None  # Dask scheduler address, with engine="dask"
    overwrite: bool = False
    field_map: Mapping[str, str] = field(default_factory=dict)
    follow_external_links: bool = False
    progress: bool = True

    def to_json(self) -> str:
        """The config as a JSON string (stored in the ``runs`` table)."""
        data = dataclasses.asdict(self)
        data["output"] = str(self.output)
        data["field_map"] = dict(self.field_map)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)
