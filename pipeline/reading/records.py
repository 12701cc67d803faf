"""JSON (.json: one object or an array of objects) and JSON Lines (.jsonl: one object a line).

Fields are found by their usual names (and ``field_map`` adds others); unknown fields such as
``events`` or ``notes`` are ignored. Each record that cannot be used becomes a ReadError of its
own and the others are still read. JSONL is streamed line by line, so an export of any size is
read in constant memory; the byte limit then applies to each line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from pipeline.types import Article, ReadError

from .clean import clean_text
from .decode import DecodeError, decode_bytes, sniff_utf16
from .headers import parse_date
from .html import extract_html, looks_like_html

__all__ = ["FIELDS", "read_json", "read_jsonl", "record_to_article"]

# Our fields and the names records use for them, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id"),
    "title": ("title", "headline"),
    "text": ("text", "content", "body"),
    "url": ("url", "link"),
    "published": ("published", "date", "pub_date", "datetime"),
    "source": ("source", "site"),
}

# How much of a JSONL file to look at to recognise UTF-16 (which cannot be split at b"\n").
_SNIFF_BYTES = 4096


def read_json(data: bytes, *, path: str, source_id: str, field_map: Mapping[str, str], today: dt.date
              ) -> Iterator[Article | ReadError]:  # fmt: skip
    """Read a .json file: one object, or an array of objects (each gets ``#N`` unless it has an id)."""
    if not data.strip():
        yield ReadError(path, source_id, "read", "empty file")
        return
    try:
        value = json.loads(decode_bytes(data))
    except DecodeError as exc:
        yield ReadError(path, source_id, "decode", str(exc))
        return
    except (ValueError, RecursionError) as exc:
        yield ReadError(path, source_id, "parse", f"malformed JSON: {_one_line(exc)}")
        return
    if isinstance(value, list):
        for n, item in enumerate(value, 1):
            rid = f"{source_id}#{n}"
            yield record_to_article(item, path=path, fallback_id=rid, field_map=field_map, today=today)
    else:
        yield record_to_article(value, path=path, fallback_id=source_id, field_map=field_map, today=today)


def read_jsonl(file_path: str, *, path: str, source_id: str, field_map: Mapping[str, str], today: dt.date,
               max_line_bytes: int) -> Iterator[Article | ReadError]:  # fmt: skip
    """Read a .jsonl file line by line; a broken line is a ReadError named ``file#N`` (the N-th
    record) and the other lines are still read. Blank lines are not records."""
    with open(file_path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(0)
        lines: Iterator[bytes | str | None]
        if _is_wide(head):
            # UTF-16/32 cannot be split at b"\n": decode the file whole (the limit applies to it).
            data = handle.read(max_line_bytes + 1)
            if len(data) > max_line_bytes:
                yield ReadError(path, source_id, "read", f"too large (over {max_line_bytes} bytes)")
                return
            try:
                lines = iter(decode_bytes(data).split("\n"))
            except DecodeError as exc:
                yield ReadError(path, source_id, "decode", str(exc))
                return
        else:
            lines = _lines(handle, max_line_bytes)
        n = 0
        for lineno, raw in enumerate(lines, 1):
            if raw is not None and not raw.strip():
                continue
            n += 1
            rid = f"{source_id}#{n}"
            if raw is None:
                yield ReadError(path, rid, "read", f"line {lineno}: too large (over {max_line_bytes} bytes)")
                continue
            # Without its line end: in a line cut short, json blamed the end as "Invalid control
            # character" instead of the string or object left open.
            line = raw.rstrip("\r\n") if isinstance(raw, str) else raw.rstrip(b"\r\n")
            try:
                value = json.loads(line if isinstance(line, str) else decode_bytes(line))
            except DecodeError as exc:
                yield ReadError(path, rid, "decode", f"line {lineno}: {exc}")
                continue
            except (ValueError, RecursionError) as exc:
                yield ReadError(path, rid, "parse", f"line {lineno}: malformed JSON: {_one_line(exc)}")
                continue
            yield record_to_article(value, path=path, fallback_id=rid, field_map=field_map, today=today)


def _is_wide(head: bytes) -> bool:
    """UTF-16 or UTF-32: a BOM, or the NUL pattern of BOM-less UTF-16."""
    return head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or sniff_utf16(head) is not None


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, without reading more than ``limit`` bytes of any of them: a longer line
    is skipped to its end and given as None."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
        else:
            yield line


def record_to_article(value: object, *, path: str, fallback_id: str, field_map: Mapping[str, str],
                      today: dt.date) -> Article | ReadError:  # fmt: skip
    """Turn one decoded JSON record into an :class:`Article`, or a ReadError naming the problem."""
    if not isinstance(value, dict):
        return ReadError(path, fallback_id, "record", f"record is {_kind(value)}, not an object")
    fields: dict[str, object] = {}
    for ours, usual in FIELDS.items():
        # A name that field_map gives to one of our fields is not read for any other.
        names = [n for n, target in field_map.items() if target == ours]
        names += [n for n in usual if n not in field_map]
        fields[ours] = next((value[n] for n in names if value.get(n) is not None), None)
    rid = fields["id"]
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        problem = f"field 'id' must be a string or a number, not {_kind(rid)}"
        return ReadError(path, fallback_id, "record", problem)
    source_id = str(rid).strip() if rid is not None and str(rid).strip() else fallback_id
    for name in ("title", "text", "url", "source"):
        if fields[name] is not None and not isinstance(fields[name], str):
            problem = f"field '{name}' must be a string, not {_kind(fields[name])}"
            return ReadError(path, source_id, "record", problem)
    raw = fields["text"]
    if not isinstance(raw, str) or not raw.strip():
        found = ", ".join(map(str, value)) or "none"
        return ReadError(path, source_id, "record", f"record has no text (fields: {found})")
    title = fields["title"] if isinstance(fields["title"], str) else None
    url = fields["url"] if isinstance(fields["url"], str) else None
    site = fields["source"] if isinstance(fields["source"], str) else None
    published = _date_field(fields["published"], today)
    if looks_like_html(raw):
        page = extract_html(raw, today=today)
        if page is None:
            return ReadError(path, source_id, "record", "HTML text has no article text")
        raw, title = page.text, title or page.title
        url, site, published = url or page.url, site or page.source, published or page.published
    cleaned = clean_text(raw, title=title, today=today)
    if not cleaned.text:
        return ReadError(path, source_id, "record", "no article text after cleaning")
    return Article(
        source_id=source_id,
        path=path,
        text=cleaned.text,
        title=cleaned.title,
        published=published or cleaned.published,
        url=(url.strip() if url else "") or None,
        source=(site.strip() if site else "") or cleaned.source,
    )


def _date_field(value: object, today: dt.date) -> dt.date | None:
    """A date field as a date; unreadable values give None (a bad date does not cost the article)."""
    if isinstance(value, str):
        return parse_date(value, today)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        try:  # Unix time in seconds, or in milliseconds as JavaScript writes it
            seconds = value / 1000 if value > 1e11 else value
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
