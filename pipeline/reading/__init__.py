"""Reading and cleaning: INPUT paths in, :class:`~pipeline.types.Article` records out.

>>> for item in read_inputs(["samples"]):          # doctest: +SKIP
...     print(item.source_id)

:func:`read_inputs` streams: one file at a time (JSON Lines one line at a time), in a
deterministic order, and it never raises for bad input: every file or record it cannot use is a
:class:`~pipeline.types.ReadError` with a one-line reason, and everything else is still read.

Modules: :mod:`.walk` (which files), :mod:`.decode` (bytes to text), :mod:`.text` (.txt/.md),
:mod:`.html` (.html/.htm), :mod:`.records` (.json/.jsonl), :mod:`.headers` (headline, agency
header, dates), :mod:`.clean` (boilerplate and normalisation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipeline.types import Article, ReadError

from .html import read_html
from .records import FIELDS, read_json, read_jsonl
from .text import read_text
from .walk import InputFile, read_bytes, walk_inputs

__all__ = ["ReadOptions", "read_inputs"]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read.

    ``field_map`` maps extra JSON field names to ours (``{"body_html": "text", "headline_ru":
    "title"}``; ours are id, title, text, url, published, source). ``follow_external_links``
    lets symbolic links lead outside the input folders. ``max_file_bytes`` caps a file (a line
    for JSON Lines). ``today`` decides two-digit years and is ``date.today()`` when None.
    """

    field_map: Mapping[str, str] = field(default_factory=dict)
    follow_external_links: bool = False
    max_file_bytes: int = 64 * 1024 * 1024
    today: dt.date | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.field_map.values()) - set(FIELDS))
        if unknown:
            raise ValueError(f"field_map targets {unknown} are not fields; use {sorted(FIELDS)}")
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")

    def __hash__(self) -> int:
        # The generated hash would fail on the dict; options may key caches or sit in a Config.
        fields = (self.follow_external_links, self.max_file_bytes, self.today)
        return hash((tuple(sorted(self.field_map.items())), *fields))


def read_inputs(
    inputs: Sequence[str | Path], options: ReadOptions = ReadOptions()
) -> Iterator[Article | ReadError]:
    """Yield an Article or a ReadError for every input file and record, in a deterministic order.

    ``inputs`` are files or folders (walked recursively); supported are .txt, .md, .html, .htm,
    .json and .jsonl. Never raises for bad input."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # one path given bare, not a sequence of its characters
    today = options.today or dt.date.today()
    for item in walk_inputs(inputs, follow_external_links=options.follow_external_links):
        if isinstance(item, ReadError):
            yield _scrubbed(item)
            continue
        try:
            for record in _read_file(item, options, today):
                yield _scrubbed(record)
        except Exception as exc:  # the contract: one bad file never stops the run
            yield ReadError(item.display, item.source_id, "read", f"unexpected {type(exc).__name__}: {_reason(exc)}")


def _scrubbed(record: Article | ReadError) -> Article | ReadError:
    """``record`` with lone surrogates ("\\ud800" in JSON, undecodable file names) replaced by U+FFFD:
    they are not Unicode text, no table can store them, and one character stays one character,
    so offsets are kept."""
    changes: dict[str, Any] = {
        f.name: scrub(value) for f in fields(record)
        if isinstance(value := getattr(record, f.name), str) and _SURROGATE.search(value)
    }
    return replace(record, **changes) if changes else record


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _read_file(item: InputFile, options: ReadOptions, today: dt.date) -> Iterator[Article | ReadError]:
    path, sid = item.display, item.source_id
    try:
        if item.kind == "jsonl":
            yield from read_jsonl(
                item.path,
                path=path,
                source_id=sid,
                field_map=options.field_map,
                today=today,
                max_line_bytes=options.max_file_bytes,
            )
            return
        data = read_bytes(item.path, options.max_file_bytes)
    except (OSError, ValueError) as exc:
        yield ReadError(path, sid, "read", _reason(exc))
        return
    if item.kind == "html":
        yield read_html(data, path=path, source_id=sid, today=today)
    elif item.kind == "json":
        yield from read_json(data, path=path, source_id=sid, field_map=options.field_map, today=today)
    else:
        yield read_text(data, path=path, source_id=sid, markdown=item.kind == "markdown", today=today)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return (exc.strerror or type(exc).__name__).lower()
    return " ".join(str(exc).split())
