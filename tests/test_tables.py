"""The Parquet table contract (pipeline.tables, pipeline.rows) against ../shared/spec/tables.md."""

from __future__ import annotations

import datetime as dt
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import shared_path

from pipeline.rows import ROW_BUILDERS, error_row
from pipeline.tables import (
    CHUNK_TABLES,
    COMMIT_TABLE,
    LINKED_COLUMNS,
    METADATA,
    SCHEMA_VERSION,
    SCHEMAS,
    TMP_PREFIX,
    part_names,
    read_table,
    to_table,
    write_part,
    write_rows,
)
from pipeline.types import (
    AnnotatedDoc,
    Article,
    DateMention,
    DocEntity,
    DocResult,
    EntityMention,
    Event,
    EventMentionRecord,
    EventParticipant,
    MoneyMention,
    PercentMention,
    ReadError,
    Sentence,
    Token,
)

CONTRACT_ROW = re.compile(r"^\|\s*`(?P<table>\w+)`\s*\|(?P<key>[^|]*)\|(?P<columns>[^|]*)\|\s*$")


def contract() -> dict[str, tuple[list[str], list[str]]]:
    """The spec's table -> (key columns, required columns), parsed from its markdown table."""
    text = shared_path("spec", "tables.md").read_text(encoding="utf-8")
    tables = {}
    for line in text.splitlines():
        m = CONTRACT_ROW.match(line)
        if m:
            columns = re.sub(r"\([^)]*\)", "", m["columns"])
            required = [c.strip() for c in columns.split(",") if c.strip()]
            tables[m["table"]] = (re.findall(r"\w+", m["key"]), required)
    return tables


def comparable(schema: pa.Schema) -> list[tuple[str, str]]:
    """Column names and types; list types by their value type (Parquet renames a list's item field)."""
    return [(f.name, f"list<{f.type.value_type}>" if pa.types.is_list(f.type) else str(f.type))
            for f in schema]


def test_the_contract_parses_into_every_table_it_lists():
    assert set(contract()) >= {"documents", "sentences", "mentions", "entities", "events", "errors", "runs"}


def test_every_table_of_the_contract_has_a_schema():
    assert set(contract()) <= set(SCHEMAS)


def test_every_schema_has_the_contracts_required_columns():
    missing = {name: sorted(set(required) - set(SCHEMAS[name].names))
               for name, (_, required) in contract().items()}
    assert {name: cols for name, cols in missing.items() if cols} == {}


def test_every_schema_has_its_contract_key_columns():
    missing = {name: sorted(set(key) - set(SCHEMAS[name].names)) for name, (key, _) in contract().items()}
    assert {name: cols for name, cols in missing.items() if cols} == {}


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("documents", "published", pa.date32()),
        ("dates", "date", pa.date32()),
        ("dates", "date_end", pa.date32()),
        ("dates", "year", pa.int16()),
        ("dates", "month", pa.int16()),
        ("dates", "day", pa.int16()),
        ("events", "date", pa.date32()),
        ("events", "confidence", pa.float32()),
        ("money", "amount", pa.float64()),
        ("money", "amount_max", pa.float64()),
        ("money", "approximate", pa.bool_()),
        ("entities", "aliases", pa.list_(pa.string())),
        ("runs", "started_at", pa.timestamp("us", tz="UTC")),
        ("runs", "finished_at", pa.timestamp("us", tz="UTC")),
        ("runs", "config", pa.string()),
    ],
)
def test_column_types_follow_the_contract(table, column, expected):
    assert SCHEMAS[table].field(column).type == expected


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_no_schema_has_a_null_typed_column(name):
    assert [f.name for f in SCHEMAS[name] if pa.types.is_null(f.type)] == []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_carries_the_schema_version(name):
    assert SCHEMAS[name].metadata == METADATA


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_a_written_part_stores_the_schema_version_in_its_metadata(tmp_path, name):
    path = write_rows(tmp_path, name, "p1", [])
    metadata = pq.read_schema(path).metadata
    assert metadata[b"coop_pipeline.schema_version"] == SCHEMA_VERSION.encode()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_a_written_part_has_exactly_the_tables_schema(tmp_path, name):
    path = write_rows(tmp_path, name, "p1", [{}])
    assert comparable(pq.read_schema(path)) == comparable(SCHEMAS[name])


def test_write_part_puts_the_part_in_the_tables_folder(tmp_path):
    path = write_rows(tmp_path, "errors", "abc", [])
    assert path == tmp_path / "errors" / "part-abc.parquet"


def test_write_part_leaves_no_temporary_file(tmp_path):
    row = {"doc_id": "d", "sent_id": 0, "start": 0, "stop": 5, "text": "Титов"}
    write_rows(tmp_path, "sentences", "a", [row])
    write_rows(tmp_path, "sentences", "b", [])
    assert sorted(p.name for p in (tmp_path / "sentences").iterdir()) == ["part-a.parquet", "part-b.parquet"]


def test_write_part_replaces_a_part_of_the_same_name(tmp_path):
    write_rows(tmp_path, "errors", "a", [{"run_id": "r1"}])
    write_rows(tmp_path, "errors", "a", [{"run_id": "r2"}, {"run_id": "r3"}])
    assert read_table(tmp_path, "errors").column("run_id").to_pylist() == ["r2", "r3"]


def test_write_part_writes_a_given_arrow_table(tmp_path):
    row = {"run_id": "r", "path": "a.txt", "source_id": "a", "stage": "read", "error": "x"}
    table = to_table("errors", [row])
    path = write_part(tmp_path, "errors", "p", table)
    assert pq.read_table(path).equals(table)


def test_to_table_gives_nulls_for_missing_keys():
    table = to_table("money", [{"money_id": "m1", "amount": 5.0}])
    row = table.to_pylist()[0]
    assert {k for k, v in row.items() if v is not None} == {"money_id", "amount"}


def test_to_table_keeps_the_schema_when_a_column_is_all_null():
    table = to_table("documents", [{"doc_id": "d1"}, {"doc_id": "d2"}])
    assert table.schema.field("published").type == pa.date32()


def test_to_table_ignores_keys_that_are_not_columns():
    table = to_table("errors", [{"run_id": "r", "not_a_column": 1}])
    assert table.column_names == SCHEMAS["errors"].names


def test_to_table_of_no_rows_is_empty_with_the_schema():
    table = to_table("events", [])
    assert (table.num_rows, table.schema) == (0, SCHEMAS["events"])


def test_an_all_null_date_column_reads_back_as_date32(tmp_path):
    write_rows(tmp_path, "documents", "p", [{"doc_id": "d", "text": "Текст."}])
    assert pq.read_table(tmp_path / "documents").schema.field("published").type == pa.date32()


def test_dates_and_timestamps_round_trip(tmp_path):
    started = dt.datetime(2025, 10, 25, 12, 30, tzinfo=dt.UTC)
    write_rows(tmp_path, "runs", "r", [{"run_id": "r", "started_at": started, "inputs": ["samples"]}])
    row = read_table(tmp_path, "runs").to_pylist()[0]
    assert (row["started_at"], row["inputs"]) == (started, ["samples"])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_read_table_of_an_absent_table_is_empty_with_the_schema(tmp_path, name):
    table = read_table(tmp_path, name)
    assert (table.num_rows, table.schema) == (0, SCHEMAS[name])


def test_read_table_of_an_absent_table_selects_the_asked_columns(tmp_path):
    table = read_table(tmp_path, "documents", ["doc_id", "source_id"])
    assert (table.num_rows, table.column_names) == (0, ["doc_id", "source_id"])


def test_read_table_concatenates_every_part(tmp_path):
    write_rows(tmp_path, "errors", "a", [{"run_id": "r1"}])
    write_rows(tmp_path, "errors", "b", [{"run_id": "r2"}, {"run_id": "r3"}])
    assert sorted(read_table(tmp_path, "errors").column("run_id").to_pylist()) == ["r1", "r2", "r3"]


def test_read_table_ignores_temporary_files(tmp_path):
    write_rows(tmp_path, "errors", "a", [{"run_id": "r1"}])
    (tmp_path / "errors" / f"{TMP_PREFIX}b-1.parquet").write_bytes(b"half a parquet file")
    assert read_table(tmp_path, "errors").column("run_id").to_pylist() == ["r1"]


def test_read_table_selects_columns(tmp_path):
    write_rows(tmp_path, "documents", "a", [{"doc_id": "d1", "source_id": "s1", "text": "Т"}])
    assert read_table(tmp_path, "documents", ["source_id"]).to_pylist() == [{"source_id": "s1"}]


def test_part_names_lists_the_parts_of_a_table(tmp_path):
    write_rows(tmp_path, "errors", "a", [])
    write_rows(tmp_path, "errors", "b-c", [])
    (tmp_path / "errors" / f"{TMP_PREFIX}d-1.parquet").write_bytes(b"")
    assert (part_names(tmp_path, "errors"), part_names(tmp_path, "events")) == ({"a", "b-c"}, set())


def test_documents_are_the_last_chunk_table_written():
    assert CHUNK_TABLES[-1] == COMMIT_TABLE == "documents"


def test_every_chunk_table_has_a_row_builder_or_is_errors():
    assert set(CHUNK_TABLES) == set(ROW_BUILDERS) | {"errors"}


# --- rows: every builder fills exactly its table's columns --------------------------------------


def doc_result() -> DocResult:
    """A hand-built DocResult with one record of every kind (no models needed)."""
    text = "Россия и Китай подписали соглашение на 5 млрд рублей 25 октября 2025 года, 51%."
    tokens = tuple(Token(m.start(), m.end(), m.group(), "X", {}, m.group().lower(), i)
                   for i, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)))
    article = Article("src", "a.txt", text, title="Т", published=dt.date(2025, 10, 25), url="https://x",
                      source="ТАСС")
    mentions = [EntityMention(0, 0, 6, "Россия", "LOC", "Россия"),
                EntityMention(0, 9, 14, "Китай", "LOC", "Китай")]
    doc = AnnotatedDoc("d1", article, [Sentence(0, 0, len(text), text, tokens, parsed=True)], mentions)
    entities = [DocEntity("e1", "LOC", "Россия", ("Россия",), "country", "RUS", 1, (0,)),
                DocEntity("e2", "LOC", "Китай", ("Китай",), "country", "CHN", 1, (1,))]
    event = Event("ev1", "agreement", "asserted", "подписали", text, 0, len(text),
                  (EventParticipant("e1", "Россия", "LOC", "RUS", "party"),
                   EventParticipant("e2", "Китай", "LOC", "CHN", "party")),
                  (EventMentionRecord(0, 0, len(text), text),), "trade", amount=5e9, currency="RUB",
                  date=dt.date(2025, 10, 25), confidence=0.9)
    return DocResult(
        doc, entities, ["e1", "e2"],
        money=[MoneyMention(0, 39, 52, text[39:52], 5e9, "RUB")],
        dates=[DateMention(0, 53, 73, text[53:73], "day", dt.date(2025, 10, 25), year=2025, month=10,
                           day=25)],
        percentages=[PercentMention(0, 75, 78, text[75:78], 51.0)],
        events=[event],
    )


@pytest.mark.parametrize("name", sorted(ROW_BUILDERS))
def test_every_row_builder_fills_exactly_its_tables_columns(name):
    # the linking columns are the corpus-level pass's (pipeline.linking): the workers leave them null
    linking = {LINKED_COLUMNS[name][1]} if name in LINKED_COLUMNS else set()
    rows = list(ROW_BUILDERS[name](doc_result()))
    assert rows
    assert all(set(row) == set(SCHEMAS[name].names) - linking for row in rows)


@pytest.mark.parametrize("name", sorted(ROW_BUILDERS))
def test_every_row_builders_rows_convert_to_its_schema(name):
    table = to_table(name, list(ROW_BUILDERS[name](doc_result())))
    assert table.num_rows >= 1


def test_error_row_fills_exactly_the_errors_columns():
    row = error_row(ReadError("a/b.html", "b", "decode", "UnicodeDecodeError"), "run1")
    assert row == {"run_id": "run1", "path": "a/b.html", "source_id": "b", "stage": "decode",
                   "error": "UnicodeDecodeError"}


def test_span_rows_have_offsets_into_the_document_text():
    result = doc_result()
    text = result.doc.text
    names = ("mentions", "money", "dates", "percentages")
    spans = [row for name in names for row in ROW_BUILDERS[name](result)]
    assert all(text[row["start"] : row["stop"]] == row["text"] for row in spans)


def test_mention_rows_carry_their_entity_ids():
    rows = list(ROW_BUILDERS["mentions"](doc_result()))
    assert [row["entity_id"] for row in rows] == ["e1", "e2"]
