"""Command line: ``python -m pipeline run|evaluate ...`` (thin wrappers over plain functions)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.config import DEFAULT_CHUNK_SIZE, DEFAULT_MAX_CHARS, THREAD_ENV, Config, default_workers


def _field_map(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        name, sep, target = item.partition("=")
        if not sep or not name or not target:
            raise argparse.ArgumentTypeError(f"--field expects NAME=FIELD, got {item!r}")
        mapping[name] = target
    return mapping


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Russian news in, cooperation events out: reads articles, writes Parquet tables.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run", help="process articles into Parquet tables",
        description="Read articles (.txt .md .html .htm .json .jsonl; folders are walked recursively), "
                    "extract entities, money, dates and cooperation events, and write Parquet tables. "
                    "Re-running on the same output adds only new documents.",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of articles")
    run.add_argument("-o", "--output", type=Path, default=Path("output"),
                     help="output folder for the tables (default: %(default)s)")
    run.add_argument("-w", "--workers", type=int, default=default_workers(),
                     help="worker processes (default: all cores, here %(default)s)")
    run.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE,
                     help="documents per unit of work and per written part (default: %(default)s)")
    run.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                     help="longest document processed, in characters; longer ones are reported as errors "
                          "(default: %(default)s)")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local processes or a Dask cluster (default: %(default)s)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask; "
                          "without it a local Dask cluster is started)")
    run.add_argument("--overwrite", action="store_true",
                     help="delete the tables in OUTPUT first instead of adding to them")
    run.add_argument("--field", action="append", default=[], metavar="NAME=FIELD",
                     help="map a JSON field NAME to one of id, title, text, url, published, source "
                          "(repeatable), e.g. --field body_html=text")
    run.add_argument("--follow-external-links", action="store_true",
                     help="follow symbolic links that lead outside the input folders")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    ev = sub.add_parser(
        "evaluate", help="score an output folder's events against a gold file",
        description="Score events against a gold JSONL (format of ../shared/gold/events_dev.jsonl) with the "
                    "matching of ../shared/eval/event_score.py.",
    )
    ev.add_argument("--gold", type=Path, required=True, help="gold JSONL file")
    ev.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: %(default)s)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list matches, misses and extras")
    return parser


def cmd_run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``run``: build a Config and run the pipeline."""
    from pipeline.output import OutputLockedError
    from pipeline.reading import ReadOptions
    from pipeline.runner import format_report, run

    try:
        field_map = _field_map(args.field)
        ReadOptions(field_map=field_map)  # checks the targets
    except (argparse.ArgumentTypeError, ValueError) as exc:
        parser.error(str(exc))
    config = Config(
        inputs=tuple(args.inputs), output=args.output, workers=max(1, args.workers),
        chunk_size=max(1, args.chunk_size), max_chars=max(1, args.max_chars), engine=args.engine,
        scheduler=args.scheduler, overwrite=args.overwrite, field_map=field_map,
        follow_external_links=args.follow_external_links, progress=not args.quiet,
    )
    try:
        report = run(config)
    except OutputLockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        again = "run the same command again without --overwrite" if args.overwrite else "run the same command again"
        print(f"\ninterrupted: finished chunks are kept in {args.output}/; {again} to resume", file=sys.stderr)
        return 130
    print(format_report(report))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``evaluate``: score an output folder against gold events."""
    from pipeline.evaluate import evaluate

    scores = evaluate(args.gold, args.output, verbose=args.verbose)
    for line in scores.lines:
        print(line)
    print(scores.summary())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m pipeline`` and the ``coop-pipeline`` script."""
    # One thread per process for the numeric libraries, set before numpy loads (the runner
    # imports it): parallelism comes from worker processes. Measured: 2-4x less CPU per
    # document than letting OpenBLAS start a thread per core in every process.
    for name in THREAD_ENV:
        os.environ.setdefault(name, "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "run":
        return cmd_run(args, parser)
    return cmd_evaluate(args)
