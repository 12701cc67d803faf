"""The Parquet table contract: explicit schemas and one atomic part writer.

Each table is a dataset folder ``<output>/<table>/`` of ``part-*.parquet`` files with identical
schemas (``../shared/spec/tables.md``). A part is written to a hidden temporary file, flushed and
renamed into place, so a crash never leaves a half-written part visible to readers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = "1"
METADATA = {b"coop_pipeline.schema_version": SCHEMA_VERSION.encode()}

_str = pa.string()
_i32 = pa.int32()
_i16 = pa.int16()


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, type_) for name, type_ in fields], metadata=METADATA)


_SPAN = (("doc_id", _str), ("sent_id", _i32), ("start", _i32), ("stop", _i32), ("text", _str))

SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        ("doc_id", _str), ("source_id", _str), ("path", _str), ("title", _str), ("published", pa.date32()),
        ("url", _str), ("source", _str), ("text", _str), ("n_chars", _i32), ("n_tokens", _i32),
        ("n_sentences", _i32),
    ),
    "sentences": _schema(("doc_id", _str), ("sent_id", _i32), ("start", _i32), ("stop", _i32), ("text", _str)),
    "mentions": _schema(
        ("mention_id", _str), *_SPAN, ("type", _str), ("normal", _str), ("entity_id", _str),
        ("linked_from", _str),
    ),
    "doc_entities": _schema(
        ("doc_id", _str), ("entity_id", _str), ("type", _str), ("name", _str), ("aliases", pa.list_(_str)),
        ("kind", _str), ("country", _str), ("n_mentions", _i32), ("linked_from", _str),
    ),
    "entities": _schema(
        ("entity_id", _str), ("type", _str), ("name", _str), ("aliases", pa.list_(_str)), ("kind", _str),
        ("country", _str), ("n_mentions", pa.int64()), ("n_docs", pa.int64()),
    ),
    "money": _schema(
        ("money_id", _str), *_SPAN, ("amount", pa.float64()), ("amount_max", pa.float64()),
        ("currency", _str), ("approximate", pa.bool_()),
    ),
    "dates": _schema(
        ("date_id", _str), *_SPAN, ("date", pa.date32()), ("date_end", pa.date32()), ("year", _i16),
        ("month", _i16), ("day", _i16), ("granularity", _str), ("kind", _str),
    ),
    "percentages": _schema(
        ("percent_id", _str), *_SPAN, ("value", pa.float64()), ("value_max", pa.float64()),
        ("approximate", pa.bool_()),
    ),
    "events": _schema(
        ("event_id", _str), ("doc_id", _str), ("type", _str), ("modality", _str), ("trigger", _str),
        ("sentence", _str), ("sent_id", _i32), ("start", _i32), ("stop", _i32), ("sector", _str),
        ("topic", _str), ("place", _str), ("place_entity_id", _str), ("date", pa.date32()),
        ("date_text", _str), ("date_granularity", _str), ("amount", pa.float64()), ("currency", _str),
        ("money_id", _str), ("plover", _str),
        ("cameo", _str), ("confidence", pa.float32()), ("n_participants", _i16), ("n_mentions", _i16),
        ("place_linked_from", _str),
    ),
    "event_mentions": _schema(
        ("event_id", _str), ("doc_id", _str), ("sent_id", _i32), ("start", _i32), ("stop", _i32),
        ("sentence", _str),
    ),
    "event_participants": _schema(
        ("event_id", _str), ("doc_id", _str), ("entity_id", _str), ("name", _str), ("type", _str),
        ("kind", _str), ("country", _str), ("role", _str), ("linked_from", _str),
    ),
    "errors": _schema(
        ("run_id", _str), ("path", _str), ("source_id", _str), ("stage", _str), ("error", _str),
    ),
    "runs": _schema(
        ("run_id", _str), ("started_at", pa.timestamp("us", tz="UTC")),
        ("finished_at", pa.timestamp("us", tz="UTC")), ("version", _str), ("inputs", pa.list_(_str)),
        ("n_documents", pa.int64()), ("n_skipped", pa.int64()), ("n_errors", pa.int64()),
        ("status", _str), ("config", _str),
    ),
}

# The entity-id columns of the chunk tables, each with the column the workers leave null and the
# corpus-level linking pass (pipeline.linking) fills with the id the article gave when it replaces
# that id with the corpus's. In the order the pass rewrites a chunk: ``doc_entities`` last.
LINKED_COLUMNS: dict[str, tuple[str, str]] = {
    "mentions": ("entity_id", "linked_from"),
    "event_participants": ("entity_id", "linked_from"),
    "events": ("place_entity_id", "place_linked_from"),
    "doc_entities": ("entity_id", "linked_from"),
}

# Tables written per chunk of documents; ``documents`` is written last and marks a chunk done.
CHUNK_TABLES = (
    "sentences", "mentions", "doc_entities", "money", "dates", "percentages",
    "events", "event_mentions", "event_participants", "errors", "documents",
)
COMMIT_TABLE = "documents"
TMP_PREFIX = ".tmp-"


def to_table(name: str, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts) as an Arrow table with the schema of table ``name``."""
    schema = SCHEMAS[name]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def write_part(output: Path, name: str, part: str, table: pa.Table) -> Path:
    """Write ``table`` as ``<output>/<name>/part-<part>.parquet`` atomically; return the path."""
    folder = output / name
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{part}.parquet"
    tmp = folder / f"{TMP_PREFIX}{part}-{os.getpid()}.parquet"
    with open(tmp, "wb") as fh:
        pq.write_table(table, fh, compression="zstd")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    return final


def write_rows(output: Path, name: str, part: str, rows: Sequence[Mapping[str, Any]]) -> Path:
    """Write dict ``rows`` as a part of table ``name`` (see :func:`write_part`)."""
    return write_part(output, name, part, to_table(name, rows))


def part_names(output: Path, name: str) -> set[str]:
    """The part keys of table ``name`` present in ``output``."""
    folder = output / name
    if not folder.is_dir():
        return set()
    return {p.name[len("part-") : -len(".parquet")] for p in folder.glob("part-*.parquet")}


def read_table(output: Path, name: str, columns: Iterable[str] | None = None) -> pa.Table:
    """Read every part of table ``name`` (an empty table with the schema when there is none)."""
    folder = output / name
    schema = SCHEMAS[name]
    files = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    cols = list(columns) if columns is not None else None
    if not files:
        empty = schema.empty_table()
        return empty.select(cols) if cols else empty
    tables = [pq.read_table(f, columns=cols, schema=schema) for f in files]
    return pa.concat_tables(tables)
