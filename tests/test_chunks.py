"""The unit of work (pipeline.chunks): one chunk in, one part per table out, documents last."""

from __future__ import annotations

import pytest

from pipeline.chunks import chunk_key, item_key, process_chunk
from pipeline.ids import doc_id
from pipeline.tables import CHUNK_TABLES, COMMIT_TABLE, part_names, read_table
from pipeline.types import Article, ReadError

RUN = "run-1"

ASI = Article(
    "tass/asi", "tass/asi.txt",
    "АСИ укрепит сотрудничество с Китаем\n\nАгентство стратегических инициатив (АСИ) и китайская организация "
    "IMCO подписали в Шанхае 25 октября 2025 года декларацию о сотрудничестве. Объём инвестиций составит "
    "5 млрд рублей, 51% вложит АСИ.",
)
GAZPROM = Article(
    "rt/gazprom", "rt/gazprom.json",
    "«Газпром» и CNPC заключили контракт на поставку газа в Китай. Об этом сообщил Алексей Миллер.",
)
BROKEN_FILE = ReadError("bad/file.html", "bad/file", "decode", "UnicodeDecodeError: invalid start byte")
BROKEN_RECORD = ReadError("feed.jsonl", None, "parse", "JSONDecodeError: line 3")
# A JSON record may hold an escaped lone surrogate ("\\udc80" is valid JSON) and the reader passes it
# on. In an organisation's name it makes entity resolution raise: pipeline.resolve.geo looks the
# words up in pymorphy3's DAWG, which encodes them as UTF-8 (UnicodeEncodeError).
FAILING = Article("bad/name", "bad/name.jsonl", "ПАО «Газ\udc80пром» и CNPC заключили контракт.")
# Outside any entity the surrogate passes every stage, and only writing the documents row fails.
SURROGATE = Article("bad/surrogate", "bad/surrogate.jsonl", "Москва и Пекин подписали соглашение. \ud800")


@pytest.fixture
def written(tmp_path, processor):
    """A chunk of two articles and a read error processed into ``tmp_path``: (folder, summary)."""
    return tmp_path, process_chunk([ASI, GAZPROM, BROKEN_FILE], str(tmp_path), RUN)


def table_rows(out, name):
    return read_table(out, name).to_pylist()


def test_every_part_of_a_chunk_is_named_by_its_chunk_key(written):
    out, _ = written
    keys = {key for name in CHUNK_TABLES for key in part_names(out, name)}
    assert keys == {chunk_key([ASI, GAZPROM, BROKEN_FILE])}


def test_the_documents_part_is_written_after_every_other_part(written, tmp_path):
    _, summary = written
    items = [ASI, GAZPROM, BROKEN_FILE]
    key, out = chunk_key(items), tmp_path / "failing"
    # errors is the table written just before documents: a directory in place of its part makes
    # that write fail (a real OSError, as from a full disk), as a crash between the two would.
    (out / "errors" / f"part-{key}.parquet").mkdir(parents=True)
    with pytest.raises(OSError):
        process_chunk(items, str(out), RUN)
    written_parts = {name for name in CHUNK_TABLES if (out / name / f"part-{key}.parquet").is_file()}
    assert written_parts == {name for name, n in summary.counts.items() if n} - {"errors", COMMIT_TABLE}


def test_every_article_of_a_chunk_becomes_a_document(written):
    out, _ = written
    assert sorted(row["source_id"] for row in table_rows(out, "documents")) == ["rt/gazprom", "tass/asi"]


def test_document_ids_are_the_ids_of_their_source_and_text(written):
    out, _ = written
    ids = {row["source_id"]: row["doc_id"] for row in table_rows(out, "documents")}
    assert ids == {a.source_id: doc_id(a.source_id, a.text) for a in (ASI, GAZPROM)}


def test_a_read_error_becomes_an_errors_row(written):
    out, _ = written
    assert table_rows(out, "errors") == [{
        "run_id": RUN, "path": "bad/file.html", "source_id": "bad/file", "stage": "decode",
        "error": "UnicodeDecodeError: invalid start byte",
    }]


def test_a_read_error_is_reported_in_the_summary(written):
    _, summary = written
    assert summary.messages == ["bad/file.html: decode: UnicodeDecodeError: invalid start byte"]


def test_the_summary_counts_the_rows_written_per_table(written):
    out, summary = written
    assert summary.counts == {name: read_table(out, name).num_rows for name in CHUNK_TABLES}


def test_tables_without_rows_get_no_part(tmp_path, processor):
    process_chunk([GAZPROM], str(tmp_path), RUN)
    assert (part_names(tmp_path, "money"), part_names(tmp_path, "errors")) == (set(), set())


def test_a_chunk_of_read_errors_only_still_marks_itself_done(tmp_path, processor):
    process_chunk([BROKEN_FILE, BROKEN_RECORD], str(tmp_path), RUN)
    assert (part_names(tmp_path, COMMIT_TABLE), read_table(tmp_path, "documents").num_rows) == (
        {chunk_key([BROKEN_FILE, BROKEN_RECORD])}, 0)


def test_a_read_error_without_source_id_keeps_a_null_source_id(tmp_path, processor):
    process_chunk([BROKEN_RECORD], str(tmp_path), RUN)
    assert [row["source_id"] for row in table_rows(tmp_path, "errors")] == [None]


def test_the_failing_input_really_fails(processor):
    with pytest.raises(Exception):  # noqa: B017 (any exception: it is what process_chunk must catch)
        processor.process(FAILING)


def test_a_document_that_fails_becomes_an_errors_row_of_stage_process(tmp_path, processor):
    process_chunk([ASI, FAILING], str(tmp_path), RUN)
    rows = table_rows(tmp_path, "errors")
    assert [(r["run_id"], r["path"], r["source_id"], r["stage"]) for r in rows] == [
        (RUN, "bad/name.jsonl", "bad/name", "process")]


def test_a_document_that_fails_leaves_no_rows_in_other_tables(tmp_path, processor):
    process_chunk([FAILING], str(tmp_path), RUN)
    assert {name: read_table(tmp_path, name).num_rows for name in CHUNK_TABLES if name != "errors"} == {
        name: 0 for name in CHUNK_TABLES if name != "errors"}


def test_the_other_documents_of_a_chunk_with_a_failing_one_are_written(tmp_path, processor):
    process_chunk([ASI, FAILING, GAZPROM], str(tmp_path), RUN)
    assert sorted(row["source_id"] for row in table_rows(tmp_path, "documents")) == ["rt/gazprom", "tass/asi"]


def test_a_document_that_cannot_be_written_as_is_is_written_scrubbed_with_the_chunk(tmp_path, processor):
    process_chunk([ASI, SURROGATE, GAZPROM], str(tmp_path), RUN)
    rows = {row["source_id"]: row["text"] for row in table_rows(tmp_path, "documents")}
    assert sorted(rows) == ["bad/surrogate", "rt/gazprom", "tass/asi"] and rows["bad/surrogate"].endswith("?")


def test_a_chunk_processed_twice_gives_identical_tables(tmp_path, processor):
    process_chunk([ASI, GAZPROM], str(tmp_path / "a"), RUN)
    process_chunk([ASI, GAZPROM], str(tmp_path / "b"), RUN)
    assert all(read_table(tmp_path / "a", n).equals(read_table(tmp_path / "b", n)) for n in CHUNK_TABLES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([ASI, GAZPROM], [ASI, GAZPROM]),
        ([ASI, GAZPROM], [GAZPROM, ASI]),
        ([ASI, BROKEN_FILE], [BROKEN_FILE, ASI]),
    ],
)
def test_chunk_key_depends_only_on_the_items_not_their_order(a, b):
    assert chunk_key(a) == chunk_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([ASI], [GAZPROM]),
        ([ASI], [ASI, GAZPROM]),
        ([ASI], [ASI, BROKEN_FILE]),
        ([BROKEN_FILE], [BROKEN_RECORD]),
        ([ASI], [Article(ASI.source_id, ASI.path, ASI.text + " ")]),
        ([ASI], [Article("other", ASI.path, ASI.text)]),
    ],
)
def test_chunk_key_changes_with_the_items(a, b):
    assert chunk_key(a) != chunk_key(b)


def test_chunk_key_ignores_metadata_outside_the_document_id():
    retitled = Article(ASI.source_id, "elsewhere/asi.txt", ASI.text, title="Другой заголовок")
    assert chunk_key([ASI]) == chunk_key([retitled])


def test_item_key_of_an_article_is_its_document_id():
    assert item_key(ASI) == doc_id(ASI.source_id, ASI.text)


def test_item_key_of_a_read_error_depends_on_its_place_and_stage():
    other_stage = ReadError(BROKEN_FILE.path, BROKEN_FILE.source_id, "parse", BROKEN_FILE.error)
    assert item_key(BROKEN_FILE) != item_key(other_stage)
