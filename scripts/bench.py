"""Speed and memory figures of the pipeline against a naive Natasha pipeline (``make bench``).

Usage::

    python scripts/bench.py [--docs N] [--workers N] [--dask-docs N] [--json PATH] [--quick]
    python scripts/bench.py --profile [--docs N]      # where one worker's time goes, by stage

In one go, on one corpus (the articles of ``../shared/gold``, repeated if ``--docs`` asks for more,
each repeat with its own id and a suffix line so that the pipeline does not skip it as seen):

1. the naive Natasha pipeline (scripts/bench_naive.py: the Doc pipeline of Natasha's README, one
   thread), timed after model loading;
2. this pipeline through its CLI with 1 worker and with all cores, each into a fresh folder;
3. peak RSS of every process of each run (sampled with psutil every 0.2 s; on Linux the workers
   are forked from the run's process once it has loaded the models, and the pages they share with
   it count in the RSS of each);
4. memory flatness: peak RSS of the 1-worker run on a tenth of the corpus and on all of it;
5. Dask (2 workers) against the local engine on a small slice, every table compared;

then a table of figures (and ``--json PATH``). It reports, it asserts nothing: exit status 0.

How the pipeline's speed is measured. A CLI run pays fixed costs whatever the corpus: interpreter
start, imports, model loading in every worker, pool start and stop, the final ``entities``
rebuild. The benchmark runs the same command on a 1-document corpus and reports the steady rate
``(D - 1) / (t(D) - t(1))`` with t the wall time of the whole command seen from outside (CPU
time likewise, from the ``RUSAGE_CHILDREN`` of this process, which covers the workers). The naive
pipeline is timed inside its process after its models are loaded, so both rates are the rate at
which articles go through once everything is loaded. End-to-end rates (D / t(D)) are shown too.

Wall-clock rates need idle cores. The table shows, per run, the cores its processes used and the
cores other processes used meanwhile ("other"); when "other" is well above 0 the wall figures are
low and noisy (and the N-worker scaling cannot show), and the CPU figures (articles per
CPU-second) are the ones to compare for one worker.

Threads: the naive baseline always runs with OMP_NUM_THREADS=1 etc. (the issue's "one core"). The
pipeline runs in the environment as it is, as a user runs it, so the benchmark shows whether the
pipeline pins its own numeric threads; ``--pin-threads`` sets them to 1 from outside instead.

Default size: ``--docs 246``, every gold article once (30 long NG/RT/TASS articles and 216
factRuEval / NEREL ones, 2.1k characters on average), so no run profits from a repeated article
hitting the caches. On 2 cores the whole run takes about 2 minutes with the pipeline's threads
pinned and 5-6 minutes without (measured on a shared, busy machine); a larger ``--docs`` gives
steadier figures and a stronger flatness check (``docs // 10`` against ``docs``: with 2460 the
1-worker runs alone take several minutes). ``--quick`` runs everything on a handful of articles
(a smoke test, tests/test_bench.py).

``--profile`` instead profiles one worker's processing stage by stage (see ``run_profile``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
NAIVE = ROOT / "scripts" / "bench_naive.py"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # pipeline.tables for the Dask comparison, the whole package for --profile

DEFAULT_DOCS = 246
DEFAULT_DASK_DOCS = 32
DASK_CHUNK = 8  # documents per chunk in the Dask comparison: several tasks on each worker
SAMPLE_SECONDS = 0.2
MB = 1024 * 1024
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
SUMMARY_RE = re.compile(r"finished in ([0-9.]+) s")
DOCUMENTS_RE = re.compile(r"^\s*documents\s+(\d+)", re.MULTILINE)

# The goals, printed beside the figures (never asserted).
GOAL_VS_NAIVE = 4.0
GOAL_SCALING = 1.8
GOAL_RSS_MB = 700


# ---------------------------------------------------------------------------------------------
# Corpus


def gold_records(gold: Path) -> list[dict[str, Any]]:
    """Every article of the gold folder as a JSONL record (id, text, and title/published/... if known)."""
    events, factru, nerel = gold / "events_dev.jsonl", gold / "factru_dev" / "texts", gold / "nerel_dev" / "texts"
    missing = [str(p) for p in (events, factru, nerel) if not p.exists()]
    if missing:
        sys.exit(f"bench: the gold corpus is missing ({', '.join(missing)}); "
                 f"../shared must sit beside the project ({ROOT})")
    records: list[dict[str, Any]] = []
    with events.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            rec = {"id": f"events/{raw['doc_id']}", "text": raw["text"]}
            rec.update({k: raw[k] for k in ("title", "published", "source", "url") if raw.get(k)})
            records.append(rec)
    for name, folder in (("factru", factru), ("nerel", nerel)):
        for path in sorted(folder.glob("*.txt")):
            records.append({"id": f"{name}/{path.stem}", "text": path.read_text(encoding="utf-8")})
    return records


def build_corpus(records: Sequence[dict[str, Any]], n: int, path: Path, seed: int = 0) -> Path:
    """Write ``n`` documents to ``path`` (JSONL): the records in a fixed shuffled order, repeated.

    Repeat k of an article gets the id ``<id>#k`` and the line ``(повтор k)`` at the end of its
    text: a new content hash, so the pipeline processes it again. The shuffle mixes long and short
    articles, so any prefix (the 1/10 corpus, the Dask slice) is a fair sample.
    """
    order = list(records)
    random.Random(seed).shuffle(order)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(order[i % len(order)])
            k = i // len(order)
            if k:
                rec["id"] = f"{rec['id']}#{k}"
                rec["text"] = f"{rec['text'].rstrip()}\n\n(повтор {k})"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def head_corpus(src: Path, n: int, path: Path) -> Path:
    """The first ``n`` lines of a JSONL corpus."""
    with src.open(encoding="utf-8") as fin, path.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)
    return path


# ---------------------------------------------------------------------------------------------
# Measured subprocesses


@dataclass
class ProcPeak:
    """The peak resident memory of one process of a run."""

    pid: int
    role: str
    peak_mb: float


@dataclass
class Measured:
    """One measured command: wall and CPU seconds (all its processes), peaks, output."""

    name: str
    docs: int
    wall: float
    cpu: float
    other_load: float  # cores used by other processes of the machine meanwhile (average)
    peaks: list[ProcPeak]
    returncode: int
    stdout: str = field(repr=False, default="")
    stderr: str = field(repr=False, default="")

    def max_mb(self, role: str | None = None) -> float:
        """The highest peak RSS among processes of ``role`` (all when None), in MB."""
        values = [p.peak_mb for p in self.peaks if role is None or p.role == role]
        return max(values, default=0.0)


def _role(proc: psutil.Process, root: psutil.Process) -> str:
    if proc.pid == root.pid:
        return "main"
    try:
        cmd = proc.cmdline()
        forked = proc.ppid() == root.pid and cmd == root.cmdline()  # a worker forked by the run
    except (psutil.Error, OSError):
        return "child"
    line = " ".join(cmd)
    if "resource_tracker" in line or "semaphore_tracker" in line:
        return "tracker"
    if forked or "spawn_main" in line or "forkserver" in line or "multiprocessing" in line:
        return "worker"
    return "child"


class RssSampler(threading.Thread):
    """Samples the RSS of a process and all its descendants; keeps the peak of each."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, ProcPeak] = {}
        self._done = threading.Event()

    def _sample(self) -> None:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for proc in procs:
            try:
                rss = proc.memory_info().rss / MB
            except psutil.Error:
                continue
            peak = self.peaks.get(proc.pid)
            if peak is None:
                self.peaks[proc.pid] = ProcPeak(proc.pid, _role(proc, root), rss)
            elif rss > peak.peak_mb:
                peak.peak_mb = rss

    def run(self) -> None:
        while not self._done.is_set():
            self._sample()
            self._done.wait(self.interval)

    def stop(self) -> list[ProcPeak]:
        """Stop sampling; the peaks, the main process first, then by pid."""
        self._done.set()
        self.join()
        return sorted(self.peaks.values(), key=lambda p: (p.role != "main", p.pid))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _busy_cpu() -> float:
    t = psutil.cpu_times()
    return sum(getattr(t, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))


def one_thread_env(pin: bool = True) -> dict[str, str]:
    """This environment with ROOT importable and (``pin``) the numeric libraries pinned to one thread."""
    env = dict(os.environ)
    if pin:
        env.update({name: "1" for name in THREAD_ENV})
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def measure(name: str, cmd: Sequence[str], docs: int, log: Any, pin: bool = True) -> Measured:
    """Run ``cmd`` from ROOT (``pin``: one thread per process), sampling the RSS of all its processes."""
    print(f"  {name} ...", end="", flush=True, file=log)
    cpu0, busy0 = _children_cpu(), _busy_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=ROOT, env=one_thread_env(pin), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = RssSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    peaks = sampler.stop()
    cpu = _children_cpu() - cpu0
    other = max(0.0, (_busy_cpu() - busy0 - cpu) / wall) if wall > 0 else 0.0
    print(f" {wall:.1f} s", file=log, flush=True)
    run = Measured(name, docs, wall, cpu, other, peaks, proc.returncode, stdout, stderr)
    done = DOCUMENTS_RE.search(stdout)
    if proc.returncode == 0 and done and int(done.group(1)) != docs:
        print(f"  {name}: processed {done.group(1)} articles, not {docs}: its figures are wrong", file=log)
        run.returncode = -1
    if proc.returncode != 0:
        print(f"  {name} failed (exit {proc.returncode}):\n{stderr[-3000:]}", file=log, flush=True)
    return run


def pipeline_cmd(corpus: Path, output: Path, workers: int, *extra: str) -> list[str]:
    """The CLI command of a run into ``output``, emptied first (the CLI would skip documents it holds)."""
    shutil.rmtree(output, ignore_errors=True)
    return [PYTHON, "-m", "pipeline", "run", str(corpus), "--output", str(output), "--workers", str(workers),
            "-q", *extra]


# ---------------------------------------------------------------------------------------------
# Figures


@dataclass
class Rate:
    """Articles per second once loaded, end to end, and per CPU-second."""

    docs_per_s: float
    docs_per_cpu_s: float
    end_to_end: float
    seconds: float  # the seconds the steady rate is computed over


def naive_rate(run: Measured) -> Rate | None:
    """The naive baseline's rate from its own JSON line (timed after model loading)."""
    try:
        data = json.loads(run.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return None
    docs, secs, cpu = data["docs"], data["seconds"], data["cpu_seconds"]
    return Rate(docs / secs if secs else 0.0, docs / cpu if cpu else 0.0, docs / run.wall if run.wall else 0.0, secs)


def steady_rate(full: Measured, one: Measured) -> Rate:
    """``(D - 1) / (t(D) - t(1))``: the rate once the fixed costs of a run are paid."""
    docs = full.docs - one.docs
    wall, cpu = full.wall - one.wall, full.cpu - one.cpu
    return Rate(docs / wall if wall > 0 else float("nan"), docs / cpu if cpu > 0 else float("nan"),
                full.docs / full.wall if full.wall else 0.0, wall)


def summary_seconds(run: Measured) -> float | None:
    """The seconds of the CLI's own summary line (model loading included)."""
    match = SUMMARY_RE.search(run.stdout)
    return float(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------
# Dask equality


def _normal(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_normal(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _normal(v)) for k, v in value.items()))
    if isinstance(value, float) and value != value:
        return "NaN"
    return value


# Columns that describe a run rather than its results (they differ between any two runs).
RUN_COLUMNS = {"errors": {"run_id"}, "runs": {"run_id", "started_at", "finished_at", "config", "inputs"}}


def compare_outputs(left: Path, right: Path) -> tuple[bool, str, int]:
    """Every table of two output folders as multisets of rows: (equal, first difference, tables)."""
    from pipeline.tables import SCHEMAS, read_table

    for name in SCHEMAS:
        a, b = read_table(left, name), read_table(right, name)
        if a.schema != b.schema:
            return False, f"{name}: schemas differ", len(SCHEMAS)
        cols = [c for c in a.column_names if c not in RUN_COLUMNS.get(name, set())]
        rows_a = Counter(tuple(_normal(r[c]) for c in cols) for r in a.select(cols).to_pylist())
        rows_b = Counter(tuple(_normal(r[c]) for c in cols) for r in b.select(cols).to_pylist())
        if rows_a != rows_b:
            only_a, only_b = rows_a - rows_b, rows_b - rows_a
            example = next(iter(only_a or only_b))
            side = "local only" if only_a else "dask only"
            shown = dict(zip(cols, example, strict=True))
            text = json.dumps(shown, ensure_ascii=False, default=str)
            return False, (f"{name}: {a.num_rows} local rows, {b.num_rows} dask rows; {sum(only_a.values())} "
                           f"only local, {sum(only_b.values())} only dask; e.g. {side}: {text[:300]}"), len(SCHEMAS)
    return True, "", len(SCHEMAS)


# ---------------------------------------------------------------------------------------------
# The benchmark


@dataclass
class Report:
    """Every figure of a benchmark run (also written as JSON)."""

    cores: int
    workers: int
    docs: int
    corpus_chars: int
    load_average_before: tuple[float, float, float]
    pinned: bool = False
    load_average_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    rates: dict[str, dict[str, float] | None] = field(default_factory=dict)
    ratios: dict[str, float | None] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    flatness: dict[str, float] = field(default_factory=dict)
    dask: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _ratio(a: Rate | None, b: Rate | None, attr: str = "docs_per_s") -> float | None:
    if a is None or b is None:
        return None
    x, y = getattr(a, attr), getattr(b, attr)
    return x / y if y and x == x and y == y else None


def _fmt(value: float | None, spec: str = ".2f", suffix: str = "") -> str:
    return "n/a" if value is None or value != value else f"{value:{spec}}{suffix}"


def articles(n: int) -> str:
    """``1 article``, ``5 articles``."""
    return f"{n} article" if n == 1 else f"{n} articles"


def run_benchmark(args: argparse.Namespace, work: Path, log: Any) -> Report:
    """All the runs; returns the report (printed by :func:`print_report`)."""
    t_start = time.perf_counter()
    records = gold_records(args.gold)
    corpus = build_corpus(records, args.docs, work / "corpus.jsonl")
    one = head_corpus(corpus, 1, work / "one.jsonl")
    tenth_docs = max(1, args.docs // 10)
    tenth = head_corpus(corpus, tenth_docs, work / "tenth.jsonl")
    dask_docs = min(args.dask_docs, args.docs)
    dask_slice = head_corpus(corpus, dask_docs, work / "dask.jsonl")
    chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
    report = Report(cores=psutil.cpu_count() or 1, workers=args.workers, docs=args.docs, corpus_chars=chars,
                    load_average_before=os.getloadavg(), pinned=args.pin_threads)
    print(f"corpus: {args.docs} articles ({len(records)} gold articles, shuffled, repeated as needed), "
          f"{chars / 1e6:.2f} M characters; runs:", file=log, flush=True)

    pin = args.pin_threads
    n = args.workers

    def pipe(key: str, label: str, src: Path, docs: int, workers: int, *extra: str) -> None:
        runs[key] = measure(label, pipeline_cmd(src, work / f"o-{key}", workers, *extra), docs, log, pin)

    runs: dict[str, Measured] = {}
    runs["naive"] = measure("naive Natasha", [PYTHON, str(NAIVE), str(corpus)], args.docs, log)
    pipe("p1_one", "pipeline 1 worker, 1 article", one, 1, 1)
    pipe("p1_tenth", f"pipeline 1 worker, {articles(tenth_docs)}", tenth, tenth_docs, 1)
    pipe("p1", f"pipeline 1 worker, {articles(args.docs)}", corpus, args.docs, 1)
    if n > 1:
        pipe("pn_one", f"pipeline {n} workers, 1 article", one, 1, n)
        pipe("pn", f"pipeline {n} workers, {articles(args.docs)}", corpus, args.docs, n)
    chunk = ("--chunk-size", str(DASK_CHUNK))
    pipe("local_slice", f"local 1 worker, {articles(dask_docs)}", dask_slice, dask_docs, 1, *chunk)
    pipe("dask_slice", f"dask 2 workers, {articles(dask_docs)}", dask_slice, dask_docs, 2, "--engine", "dask", *chunk)

    for key, run in runs.items():
        report.runs[key] = {"name": run.name, "docs": run.docs, "wall_s": run.wall, "cpu_s": run.cpu,
                            "other_load_cores": run.other_load, "returncode": run.returncode,
                            "summary_s": summary_seconds(run), "peaks": [asdict(p) for p in run.peaks]}
    ok = {key: run.returncode == 0 for key, run in runs.items()}

    naive = naive_rate(runs["naive"]) if ok["naive"] else None
    p1 = steady_rate(runs["p1"], runs["p1_one"]) if ok["p1"] and ok["p1_one"] else None
    pn = p1
    if args.workers > 1:
        pn = steady_rate(runs["pn"], runs["pn_one"]) if ok["pn"] and ok["pn_one"] else None
    report.rates = {"naive": asdict(naive) if naive else None, "pipeline_1": asdict(p1) if p1 else None,
                    "pipeline_n": asdict(pn) if pn else None}
    report.ratios = {"pipeline_1_vs_naive": _ratio(p1, naive),
                     "pipeline_1_vs_naive_cpu": _ratio(p1, naive, "docs_per_cpu_s"),
                     "pipeline_n_vs_pipeline_1": _ratio(pn, p1)}

    worker_peaks = [p.peak_mb for key in ("p1", "pn") if key in runs for p in runs[key].peaks
                    if (p.role == "worker") or (key == "p1" and p.role == "main")]
    report.peak_rss_mb = {"naive": runs["naive"].max_mb("main"), "pipeline_1_main": runs["p1"].max_mb("main"),
                          "pipeline_n_main": runs["pn"].max_mb("main") if "pn" in runs else 0.0,
                          "pipeline_n_worker": runs["pn"].max_mb("worker") if "pn" in runs else 0.0,
                          "worker_max": max(worker_peaks, default=0.0)}
    small, large = runs["p1_tenth"].max_mb("main"), runs["p1"].max_mb("main")
    report.flatness = {"docs_small": tenth_docs, "docs_large": args.docs, "peak_mb_small": small,
                       "peak_mb_large": large, "ratio": large / small if small else float("nan")}

    if ok["local_slice"] and ok["dask_slice"]:
        equal, diff, n_tables = compare_outputs(work / "o-local_slice", work / "o-dask_slice")
    else:
        equal, diff, n_tables = False, "a run failed (see above)", 0
    report.dask = {"docs": dask_docs, "chunk_size": DASK_CHUNK, "equal": equal, "difference": diff,
                   "tables": n_tables}
    report.load_average_after = os.getloadavg()
    report.seconds = time.perf_counter() - t_start
    return report


def print_report(report: Report, out: Any = sys.stdout) -> None:
    """The figures as a table."""
    r = report.rates
    runs = report.runs

    def rate_line(label: str, key: str, run_key: str) -> str:
        rate = r.get(key)
        run = runs.get(run_key, {})
        peaks = ", ".join(f"{p['role']} {p['peak_mb']:.0f}" for p in run.get("peaks", [])
                          if p["role"] in ("main", "worker")) or "n/a"
        if rate is None:
            return f"  {label:<30} {'failed':>8}"
        used = run["cpu_s"] / run["wall_s"] if run.get("wall_s") else 0.0
        return (f"  {label:<30} {rate['docs_per_s']:>8.2f} {rate['docs_per_cpu_s']:>10.2f} "
                f"{rate['end_to_end']:>11.2f} {used:>5.2f} {run.get('other_load_cores', 0.0):>6.2f}   {peaks}")

    n = report.workers
    print(file=out)
    print(f"coop-pipeline benchmark: {report.docs} articles ({report.corpus_chars / 1e6:.2f} M characters), "
          f"{report.cores} cores, load average {report.load_average_before[0]:.2f} before, "
          f"{report.load_average_after[0]:.2f} after; pipeline threads "
          f"{'pinned to 1 from outside (--pin-threads)' if report.pinned else 'as the pipeline sets them'}", file=out)
    print(f"  {'':<30} {'docs/s':>8} {'docs/CPU-s':>10} {'end-to-end':>11} {'cores':>5} {'other':>6}   "
          "peak RSS (MB)", file=out)
    print(rate_line("naive Natasha (README Doc)", "naive", "naive"), file=out)
    print(rate_line("pipeline, 1 worker", "pipeline_1", "p1"), file=out)
    if n > 1:
        print(rate_line(f"pipeline, {n} workers", "pipeline_n", "pn"), file=out)
    q = report.ratios
    print(f"  pipeline 1 worker / naive Natasha:     {_fmt(q['pipeline_1_vs_naive'], '.2f', 'x')} "
          f"(per CPU-second {_fmt(q['pipeline_1_vs_naive_cpu'], '.2f', 'x')})   goal >= {GOAL_VS_NAIVE:g}x", file=out)
    if n > 1:
        print(f"  pipeline {n} workers / pipeline 1 worker: {_fmt(q['pipeline_n_vs_pipeline_1'], '.2f', 'x')}"
              f"   goal >= {GOAL_SCALING:g}x (2 workers)", file=out)
    m = report.peak_rss_mb
    print(f"  peak RSS per process: naive {m['naive']:.0f} MB; pipeline 1 worker (all in one process) "
          f"{m['pipeline_1_main']:.0f} MB", file=out)
    if n > 1:
        print(f"                        pipeline {n} workers: main {m['pipeline_n_main']:.0f} MB, "
              f"each worker <= {m['pipeline_n_worker']:.0f} MB", file=out)
    print(f"  peak RSS of a worker process: {m['worker_max']:.0f} MB   goal < {GOAL_RSS_MB} MB", file=out)
    f = report.flatness
    print(f"  memory flatness (1 worker): {articles(int(f['docs_small']))} {f['peak_mb_small']:.0f} MB, "
          f"{articles(int(f['docs_large']))} {f['peak_mb_large']:.0f} MB: x{_fmt(f['ratio'], '.3f')}", file=out)
    d = report.dask
    verdict = "equal" if d["equal"] else f"DIFFERENT: {d['difference']}"
    print(f"  Dask (2 workers) vs local (1 worker), {articles(d['docs'])} in chunks of {d['chunk_size']}, "
          f"{d['tables']} tables: {verdict}", file=out)
    print(f"  benchmark time: {report.seconds:.0f} s", file=out)
    print("  docs/s: articles per second once loaded (pipeline: (D-1)/(t(D)-t(1)) of whole CLI runs; naive: "
          "timed after loading); end-to-end: D/t(D);", file=out)
    print("  cores: CPU-seconds of the run's processes per second; other: cores busy with other processes meanwhile",
          file=out)
    p1_run = runs.get("p1", {})
    p1_cores = p1_run["cpu_s"] / p1_run["wall_s"] if p1_run.get("wall_s") else 0.0
    if p1_cores > 1.2:
        print(f"  note: the 1-worker run used {p1_cores:.2f} cores: the numeric libraries of the pipeline are not "
              "pinned to one thread, so its docs/s is not one core's; the per-CPU-second ratio is the fair one",
              file=out)
    if max(run.get("other_load_cores", 0.0) for run in runs.values()) > 0.3:
        print("  note: other processes used the CPU during some runs: wall-clock figures are low and noisy; "
              "compare docs/CPU-s", file=out)


# ---------------------------------------------------------------------------------------------
# Profile (--profile): where one worker's time goes, by stage
#
# Two passes, each in a fresh process with one thread, over the same corpus:
# - "timed": every stage wrapped with a CPU timer (process_time; the stages' code untouched, their
#   functions replaced in memory only), the corpus processed twice: cold (caches empty, as at the
#   start of a worker) and warm (the same articles again: every word and name already cached);
# - "cprofile": cProfile over the cold pass, for the functions and packages inside each stage.
# cProfile's overhead grows with the number of calls, so it inflates the pure-Python stages (yargy,
# razdel) against the numpy ones: the timed pass gives the shares, cProfile says what is inside.

STAGES: tuple[tuple[int, str], ...] = (
    (0, "annotate"),
    (1, "sentences + tokens (razdel)"),
    (1, "morphology tagger (slovnet)"),
    (1, "lemmas (pymorphy3, cached)"),
    (1, "syntax predicate"),
    (1, "syntax parser (slovnet)"),
    (1, "NER tagger (slovnet)"),
    (1, "NER fixes"),
    (0, "entities"),
    (0, "extract money"),
    (0, "extract dates"),
    (0, "extract percentages"),
    (0, "events"),
    (0, "rows"),
    (0, "write Parquet parts"),
)


class StageTimer:
    """CPU seconds and calls per stage, from wrapped functions."""

    def __init__(self) -> None:
        self.cpu: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def reset(self) -> None:
        """Forget what was timed so far."""
        self.cpu.clear()
        self.calls.clear()

    def wrap(self, name: str, func: Any) -> Any:
        """``func`` timed under ``name``."""
        clock, cpu, calls = time.process_time, self.cpu, self.calls

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = clock()
            try:
                return func(*args, **kwargs)
            finally:
                cpu[name] += clock() - t
                calls[name] += 1

        return timed

    def wrap_iter(self, name: str, func: Any) -> Any:
        """``func`` returning an iterator (a model's lazy ``map``): each step timed under ``name``."""
        clock, cpu = time.process_time, self.cpu

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            self.calls[name] += 1
            t = clock()
            it = iter(func(*args, **kwargs))
            cpu[name] += clock() - t
            while True:
                t = clock()
                try:
                    item = next(it)
                except StopIteration:
                    cpu[name] += clock() - t
                    return
                cpu[name] += clock() - t
                yield item

        return timed


def instrument(processor: Any, timer: StageTimer) -> list[str]:
    """Wrap the stages of ``processor`` (in memory) with ``timer``; return the stages not found."""
    import pipeline.annotate as annotate_mod
    import pipeline.chunks as chunks_mod
    import pipeline.process as process_mod

    found: set[str] = set()

    def patch(owner: Any, attr: str, label: str, iterator: bool = False) -> None:
        func = getattr(owner, attr, None)
        if func is None:
            return
        setattr(owner, attr, (timer.wrap_iter if iterator else timer.wrap)(label, func))
        found.add(label)

    ann = getattr(processor, "annotator", None)
    models = getattr(ann, "models", None)
    patch(ann, "annotate", "annotate")
    patch(annotate_mod, "split_sentences", "sentences + tokens (razdel)")
    patch(getattr(models, "morph", None), "tag_ids", "morphology tagger (slovnet)")
    patch(getattr(models, "morphology", None), "lemma_of_tag", "lemmas (pymorphy3, cached)")
    patch(ann, "needs_syntax", "syntax predicate")
    patch(getattr(models, "syntax", None), "parse", "syntax parser (slovnet)")
    patch(getattr(models, "ner", None), "spans_of_tokens", "NER tagger (slovnet)")
    patch(annotate_mod, "fix_entities", "NER fixes")
    patch(process_mod, "resolve_entities", "entities")
    extractors = getattr(process_mod, "EXTRACTORS", {})
    for name in list(extractors):
        extractors[name] = timer.wrap(f"extract {name}", extractors[name])
        found.add(f"extract {name}")
    patch(getattr(processor, "events", None), "assemble", "events")
    builders = getattr(chunks_mod, "ROW_BUILDERS", {})
    for name in list(builders):
        build = builders[name]
        builders[name] = timer.wrap("rows", lambda result, build=build: list(build(result)))
        found.add("rows")
    patch(chunks_mod, "write_rows", "write Parquet parts")
    return [label for _, label in STAGES if label not in found]


def _code_key(func: Any) -> tuple[str, int, str] | None:
    func = getattr(func, "__func__", func)
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    code = getattr(func, "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code else None


def _stage_functions() -> dict[str, list[Any]]:
    """The functions whose cumulative time in cProfile is each stage's (missing ones left out)."""
    import pipeline.annotate as annotate_mod
    import pipeline.chunks as chunks_mod
    import pipeline.process as process_mod

    funcs: dict[str, list[Any]] = {
        "annotate": [getattr(getattr(annotate_mod, "Annotator", None), "annotate", None)],
        "sentences + tokens (razdel)": [getattr(annotate_mod, "split_sentences", None)],
        "lemmas (pymorphy3, cached)": [getattr(getattr(annotate_mod, "Morphology", None), "lemma_of_tag", None)],
        "syntax predicate": [getattr(process_mod, "may_hold_trigger", None)],
        "NER fixes": [getattr(annotate_mod, "fix_entities", None)],
        "entities": [getattr(process_mod, "resolve_entities", None)],
        "events": [getattr(getattr(process_mod, "EventAssembler", None), "assemble", None)],
        "rows": list(getattr(chunks_mod, "ROW_BUILDERS", {}).values()),
        "write Parquet parts": [getattr(chunks_mod, "write_rows", None)],
    }
    if funcs["lemmas (pymorphy3, cached)"] == [None]:
        from pipeline.morph import Morphology

        funcs["lemmas (pymorphy3, cached)"] = [Morphology.lemma_of_tag]
    for name, func in getattr(process_mod, "EXTRACTORS", {}).items():
        funcs[f"extract {name}"] = [func]
    try:
        from pipeline.taggers import MorphTagger, NERTagger, SyntaxParser

        funcs["morphology tagger (slovnet)"] = [MorphTagger.tag_ids]
        funcs["syntax parser (slovnet)"] = [SyntaxParser.parse]
        funcs["NER tagger (slovnet)"] = [NERTagger.spans_of_tokens]
    except ImportError:
        pass
    return {k: [f for f in v if f is not None] for k, v in funcs.items()}


PACKAGES = ("pipeline", "slovnet", "navec", "numpy", "pymorphy3", "dawg_python", "dawg", "yargy", "razdel",
            "natasha", "pyarrow", "duckdb")


def _package(filename: str) -> str:
    if filename.startswith(("~", "<")):
        return "builtins (C calls)"
    parts = Path(filename).parts
    for name in PACKAGES:
        if name in parts:
            return name
    return "other"


def profile_pass(mode: str, docs: int, gold: Path, work: Path, top: int = 25,
                 dump: Path | None = None) -> dict[str, Any]:
    """One profiling pass in this process (``mode`` "timed" or "cprofile"); the figures as a dict."""
    for name in THREAD_ENV:
        os.environ[name] = "1"
    import pipeline  # noqa: F401  (pymorphy3 alias before natasha)
    from pipeline.chunks import get_processor, process_chunk
    from pipeline.config import DEFAULT_CHUNK_SIZE
    from pipeline.output import OutputFolder
    from pipeline.reading import read_inputs

    corpus = build_corpus(gold_records(gold), docs, work / f"corpus-{mode}.jsonl")
    c0 = time.process_time()
    processor = get_processor()
    load_cpu = time.process_time() - c0
    c0 = time.process_time()
    items = list(read_inputs([str(corpus)]))
    reading_cpu = time.process_time() - c0
    chunks = [items[i : i + DEFAULT_CHUNK_SIZE] for i in range(0, len(items), DEFAULT_CHUNK_SIZE)]
    process_chunk(items[:1], str(work / f"warm-{mode}"), "warm")  # first-call costs outside the figures

    def one_pass(out: Path) -> float:
        shutil.rmtree(out, ignore_errors=True)
        c = time.process_time()
        for i, chunk in enumerate(chunks):
            process_chunk(chunk, str(out), f"{mode}-{i}")
        return time.process_time() - c

    result: dict[str, Any] = {"mode": mode, "articles": len(items), "load_cpu_s": load_cpu,
                              "reading_cpu_s": reading_cpu}
    if mode == "timed":
        timer = StageTimer()
        result["not_instrumented"] = instrument(processor, timer)
        result["cold_cpu_s"] = one_pass(work / "timed-cold")
        result["cold"], result["calls"] = dict(timer.cpu), dict(timer.calls)
        with OutputFolder(work / "timed-cold") as folder:
            c0 = time.process_time()
            folder.rebuild_entities()
            result["rebuild_cpu_s"] = time.process_time() - c0
        timer.reset()
        result["warm_cpu_s"] = one_pass(work / "timed-warm")
        result["warm"] = dict(timer.cpu)
        return result

    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    one_pass(work / "profiled")
    prof.disable()
    stats = pstats.Stats(prof)
    if dump:
        stats.dump_stats(dump)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    stages: dict[str, float | None] = {}
    for label, funcs in _stage_functions().items():
        keys = [_code_key(f) for f in funcs]
        values = [raw[k][3] for k in keys if k in raw]
        stages[label] = sum(values) if values else None
    packages: Counter[str] = Counter()
    for (filename, _, _), (_, _, tt, _, _) in raw.items():
        packages[_package(filename)] += tt
    hot = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    result.update({
        "total_s": total, "stages": stages, "packages": dict(packages.most_common()),
        "hotspots": [{"function": f"{'/'.join(Path(fn).parts[-2:]) if not fn.startswith('~') else '~'}:{ln}({name})",
                      "calls": calls, "own_s": tt, "cumulative_s": ct}
                     for (fn, ln, name), (_, calls, tt, ct, _) in hot],
    })
    return result


def run_profile(args: argparse.Namespace, work: Path, out: Any = sys.stdout) -> dict[str, Any]:
    """Both profiling passes, each in a fresh one-thread process; prints the breakdown."""
    passes: dict[str, dict[str, Any]] = {}
    for mode in ("timed", "cprofile"):
        result = work / f"profile-{mode}.json"
        cmd = [PYTHON, str(Path(__file__).resolve()), "--profile-pass", mode, "--docs", str(args.docs),
               "--gold", str(args.gold), "--keep", str(work), "--json", str(result), "--top", str(args.top)]
        if mode == "cprofile" and args.profile_out:
            cmd += ["--profile-out", str(args.profile_out)]
        print(f"  profile pass {mode} ...", end="", flush=True, file=out)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=one_thread_env(), text=True, capture_output=True)
        print(f" {time.perf_counter() - t0:.1f} s", file=out, flush=True)
        if done.returncode != 0:
            print(f"  profile pass {mode} failed:\n{done.stderr[-3000:]}", file=out)
            continue
        passes[mode] = json.loads(result.read_text(encoding="utf-8"))
    print_profile(passes, out)
    return passes


def _share(value: float | None, total: float, width: int) -> str:
    return _fmt(value / total * 100 if value is not None and total else None, f"{width}.1f", "%")


def print_profile(passes: dict[str, dict[str, Any]], out: Any = sys.stdout) -> None:
    """The stage breakdown of the profiling passes."""
    timed, prof = passes.get("timed"), passes.get("cprofile")
    if timed is None:
        print("profile: the timed pass failed", file=out)
        return
    n, cold, warm = timed["articles"], timed["cold_cpu_s"], timed["warm_cpu_s"]
    print(f"\nprofile of one worker (one process, one thread): {articles(n)}", file=out)
    print(f"  fixed costs: model loading {timed['load_cpu_s']:.2f} CPU-s, entities rebuild at the end "
          f"{timed['rebuild_cpu_s']:.2f} CPU-s; reading {timed['reading_cpu_s']:.2f} CPU-s "
          f"({n / max(timed['reading_cpu_s'], 1e-9):.0f} articles/CPU-s)", file=out)
    print(f"  processing: cold {cold:.2f} CPU-s ({n / cold:.2f} articles/CPU-s), warm (same articles again) "
          f"{warm:.2f} CPU-s ({n / warm:.2f} articles/CPU-s)", file=out)
    head = f"  {'stage':<34} {'cold CPU-s':>10} {'share':>6} {'warm CPU-s':>10} {'share':>6}"
    if prof:
        head += f" {'cProfile':>9}"
    print(head, file=out)
    ptotal = prof["total_s"] if prof else 0.0
    top_cold = top_warm = 0.0
    for depth, label in STAGES:
        c, w = timed["cold"].get(label), timed["warm"].get(label)
        if depth == 0:
            top_cold += c or 0.0
            top_warm += w or 0.0
        line = (f"  {'  ' * depth + label:<34} {_fmt(c, '10.2f')} {_share(c, cold, 5)}"
                f" {_fmt(w, '10.2f')} {_share(w, warm, 5)}")
        if prof:
            line += f" {_share(prof['stages'].get(label), ptotal, 8)}"
        print(line, file=out)
    print(f"  {'other (chunk glue, timers)':<34} {cold - top_cold:>10.2f} {(cold - top_cold) / cold * 100:>5.1f}%"
          f" {warm - top_warm:>10.2f} {(warm - top_warm) / warm * 100:>5.1f}%", file=out)
    if timed.get("not_instrumented"):
        print(f"  not found (renamed?): {', '.join(timed['not_instrumented'])}", file=out)
    if not prof:
        return
    print(f"  cProfile, cold pass ({ptotal:.1f} s under the profiler): own time by package", file=out)
    for name, tt in prof["packages"].items():
        print(f"    {name:<32} {tt:>7.2f} {tt / ptotal * 100:>6.1f}%", file=out)
    print("  hot spots (own time, calls, function):", file=out)
    for h in prof["hotspots"]:
        print(f"    {h['own_s']:>6.2f} {h['own_s'] / ptotal * 100:>5.1f}% {h['calls']:>9}  {h['function']}", file=out)


# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    parser = argparse.ArgumentParser(description="Speed and memory of the pipeline against a naive Natasha pipeline.")
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS,
                        help="articles in the corpus (the gold articles, repeated as needed; default %(default)s)")
    parser.add_argument("--workers", type=int, default=cores, help="workers of the all-cores run (default %(default)s)")
    parser.add_argument("--dask-docs", type=int, default=DEFAULT_DASK_DOCS,
                        help="articles of the Dask comparison (default %(default)s)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold folder (default ../shared/gold)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--pin-threads", action="store_true",
                        help="run the pipeline with OMP_NUM_THREADS=1 etc. set from outside (the naive baseline "
                             "always is); by default it runs in this environment, as a user runs it")
    parser.add_argument("--quick", action="store_true", help="a handful of articles: a smoke test of the script")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (corpora, outputs)")
    parser.add_argument("--profile", action="store_true",
                        help="instead of the benchmark, profile one worker's processing by stage (cProfile)")
    parser.add_argument("--profile-out", type=Path, help="with --profile: also dump the pstats file here")
    parser.add_argument("--top", type=int, default=25, help="with --profile: hot spots to list")
    parser.add_argument("--profile-pass", choices=("timed", "cprofile"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.dask_docs = min(args.docs, 6), min(args.dask_docs, 4)
    if args.docs < 2:
        parser.error("--docs must be at least 2")
    args.workers = max(1, args.workers)
    return args


def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="coop-bench-") as tmp:
        yield Path(tmp)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or the profile) and print the figures."""
    args = parse_args(argv)
    for work in _workdir(args.keep):
        if args.profile_pass:  # one pass of --profile, in its own process
            data: Any = profile_pass(args.profile_pass, args.docs, args.gold, work, args.top, args.profile_out)
        elif args.profile:
            data = run_profile(args, work)
        else:
            report = run_benchmark(args, work, sys.stdout)
            print_report(report)
            data = asdict(report)
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
