"""A whole run in a screenful: read, skip what is done, process chunks, aggregate, report."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from tqdm import tqdm

from pipeline import __version__
from pipeline.chunks import Item, item_key
from pipeline.config import Config
from pipeline.engines import make_engine
from pipeline.ids import content_id
from pipeline.output import OutputFolder
from pipeline.reading import ReadOptions, read_inputs
from pipeline.tables import write_rows
from pipeline.types import Article, ReadError

# Error messages echoed in the summary (all of them are in the ``errors`` table).
MAX_SHOWN_ERRORS = 20


@dataclass
class RunReport:
    """What a run did."""

    run_id: str
    output: str
    n_documents: int = 0
    n_skipped: int = 0
    n_errors: int = 0
    n_entities: int = 0
    n_linked: int = 0  # entities named partly in some articles, linked to their full name
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "finished"


def _within_limits(items: Iterable[Item], max_chars: int) -> Iterator[Item]:
    """Documents longer than ``max_chars`` become errors (bounded time and memory per document)."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield ReadError(item.path, item.source_id, "read",
                            f"too long: {len(item.text):,} characters (limit {max_chars:,}; see --max-chars)")
        else:
            yield item


def _new_items(items: Iterable[Item], done: set[str], report: RunReport) -> Iterator[Item]:
    """The items not yet in the output: documents by content hash, read errors by their place and
    reason (a bad input is reported once, in the run that first met it)."""
    seen = set(done)
    for item in items:
        key = item_key(item)
        if key in seen:
            report.n_skipped += 1
            continue
        seen.add(key)
        yield item


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(config: Config) -> RunReport:
    """Run the pipeline over ``config.inputs`` into ``config.output``; return the report."""
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    report = RunReport(content_id("run", started.isoformat(), config.to_json()), str(config.output))
    with OutputFolder(config.output) as out:
        if config.overwrite:
            out.clear()
        out.repair()
        options = ReadOptions(field_map=dict(config.field_map), follow_external_links=config.follow_external_links)
        items = _new_items(_within_limits(read_inputs(config.inputs, options), config.max_chars),
                           out.done_keys(), report)
        engine = make_engine(config.engine, config.workers, config.scheduler)
        bar = tqdm(disable=not config.progress, unit="doc", desc="documents", leave=False)
        try:
            for summary in engine.map_chunks(_chunks(items, config.chunk_size), str(config.output), report.run_id):
                report.counts.update(summary.counts)
                report.errors.extend(summary.messages[: MAX_SHOWN_ERRORS - len(report.errors)])
                bar.update(summary.counts.get("documents", 0) + summary.counts.get("errors", 0))
        except KeyboardInterrupt:
            report.status = "interrupted"
            raise
        except BaseException:
            report.status = "failed"
            raise
        finally:
            bar.close()
            report.n_documents = report.counts["documents"]
            report.n_errors = report.counts["errors"]
            if report.status == "finished":
                # corpus-level: a surname alone is the one full name with it
                report.n_linked = out.link_entities().n_linked
                report.n_entities = out.rebuild_entities()
            report.seconds = time.perf_counter() - t0
            write_rows(config.output, "runs", report.run_id, [{
                "run_id": report.run_id, "started_at": started, "finished_at": dt.datetime.now(dt.UTC),
                "version": __version__, "inputs": list(config.inputs), "n_documents": report.n_documents,
                "n_skipped": report.n_skipped, "n_errors": report.n_errors, "status": report.status,
                "config": config.to_json(),
            }])
    return report


def format_report(report: RunReport) -> str:
    """The end-of-run summary for people."""
    c = report.counts
    rate = report.n_documents / report.seconds if report.seconds else 0.0
    lines = [
        f"run {report.run_id} {report.status} in {report.seconds:.1f} s ({rate:.1f} documents/s)",
        f"  documents  {report.n_documents:>8}   (skipped, already done: {report.n_skipped})",
        f"  sentences  {c['sentences']:>8}",
        f"  mentions   {c['mentions']:>8}   entities: {report.n_entities}"
        f" ({report.n_linked} partial names linked across articles)",
        f"  money      {c['money']:>8}   dates: {c['dates']}   percentages: {c['percentages']}",
        f"  events     {c['events']:>8}   participants: {c['event_participants']}",
        f"  errors     {report.n_errors:>8}",
    ]
    lines += [f"    {msg}" for msg in report.errors]
    if report.n_errors > len(report.errors):
        lines.append(f"    ... and {report.n_errors - len(report.errors)} more in the errors table")
    lines.append(f"tables in {report.output}/ (load with pipeline.load({report.output!r}))")
    return "\n".join(lines)
