"""The output folder (pipeline.output): one run at a time, repair on resume, corpus-wide entities."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.output import ENTITIES_PART, LOCK_NAME, MAX_ALIASES, OutputFolder, OutputLockedError
from pipeline.tables import SCHEMAS, TMP_PREFIX, part_names, read_table, write_rows

ROOT = Path(__file__).resolve().parents[1]

HOLD_LOCK = """
import sys
from pathlib import Path
from pipeline.output import OutputFolder
with OutputFolder(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def locked_by_another_process(tmp_path):
    """``tmp_path`` held by a second Python process until the test ends."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield tmp_path, proc
    finally:
        if proc.poll() is None:
            proc.stdin.close()
            proc.wait(timeout=30)


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(timeout=30)


def test_a_second_output_folder_on_a_locked_path_raises(locked_by_another_process):
    path, _ = locked_by_another_process
    with pytest.raises(OutputLockedError, match="in use by another run"), OutputFolder(path):
        pass


def test_the_lock_is_free_again_when_the_other_run_ends(locked_by_another_process):
    path, proc = locked_by_another_process
    release(proc)
    with OutputFolder(path) as out:
        assert out.path == path


def test_the_lock_is_released_on_exit_within_one_process(tmp_path):
    with OutputFolder(tmp_path):
        pass
    with OutputFolder(tmp_path) as out:
        assert (out.path / LOCK_NAME).exists()


def test_a_second_output_folder_in_the_same_process_raises(tmp_path):
    with OutputFolder(tmp_path), pytest.raises(OutputLockedError), OutputFolder(tmp_path):
        pass


def test_the_output_folder_is_created(tmp_path):
    with OutputFolder(tmp_path / "new" / "out"):
        pass
    assert (tmp_path / "new" / "out" / LOCK_NAME).is_file()


# --- repair -------------------------------------------------------------------------------------


def chunk(out: Path, key: str, *, done: bool) -> None:
    """Parts of one chunk: sentences and mentions, and the documents part when ``done``."""
    write_rows(out, "sentences", key, [{"doc_id": key, "sent_id": 0, "start": 0, "stop": 1, "text": "Т"}])
    write_rows(out, "mentions", key, [{"mention_id": key, "doc_id": key}])
    if done:
        write_rows(out, "documents", key, [{"doc_id": key, "text": "Т"}])


def test_repair_removes_parts_of_chunks_without_a_documents_part(tmp_path):
    chunk(tmp_path, "done", done=True)
    chunk(tmp_path, "killed", done=False)
    with OutputFolder(tmp_path) as out:
        out.repair()
    assert (part_names(tmp_path, "sentences"), part_names(tmp_path, "mentions")) == ({"done"}, {"done"})


def test_repair_keeps_finished_chunks(tmp_path):
    chunk(tmp_path, "done", done=True)
    with OutputFolder(tmp_path) as out:
        removed = out.repair()
    assert (removed, part_names(tmp_path, "documents")) == (0, {"done"})


def test_repair_removes_temporary_files(tmp_path):
    chunk(tmp_path, "done", done=True)
    for name in ("documents", "mentions", "entities", "runs"):
        (tmp_path / name).mkdir(exist_ok=True)
        (tmp_path / name / f"{TMP_PREFIX}x-123.parquet").write_bytes(b"partial")
    with OutputFolder(tmp_path) as out:
        out.repair()
    assert list(tmp_path.glob(f"*/{TMP_PREFIX}*")) == []


def test_repair_counts_what_it_removed(tmp_path):
    chunk(tmp_path, "killed", done=False)
    (tmp_path / "sentences" / f"{TMP_PREFIX}y-1.parquet").write_bytes(b"partial")
    with OutputFolder(tmp_path) as out:
        assert out.repair() == 3


def test_repair_keeps_runs_and_entities_parts(tmp_path):
    write_rows(tmp_path, "runs", "r1", [{"run_id": "r1"}])
    write_rows(tmp_path, "entities", ENTITIES_PART, [{"entity_id": "e"}])
    with OutputFolder(tmp_path) as out:
        out.repair()
    assert (part_names(tmp_path, "runs"), part_names(tmp_path, "entities")) == ({"r1"}, {ENTITIES_PART})


def test_done_doc_ids_are_the_documents_in_the_output(tmp_path):
    write_rows(tmp_path, "documents", "a", [{"doc_id": "d1"}, {"doc_id": "d2"}])
    write_rows(tmp_path, "documents", "b", [{"doc_id": "d3"}])
    with OutputFolder(tmp_path) as out:
        assert out.done_doc_ids() == {"d1", "d2", "d3"}


def test_done_doc_ids_of_a_new_folder_is_empty(tmp_path):
    with OutputFolder(tmp_path) as out:
        assert out.done_doc_ids() == set()


# --- clear --------------------------------------------------------------------------------------


def test_clear_removes_every_table_folder(tmp_path):
    for name in SCHEMAS:
        write_rows(tmp_path, name, "p", [])
    with OutputFolder(tmp_path) as out:
        out.clear()
    assert [name for name in SCHEMAS if (tmp_path / name).exists()] == []


def test_clear_keeps_what_is_not_a_table(tmp_path):
    write_rows(tmp_path, "documents", "p", [])
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "analysis.md").write_text("мои заметки", encoding="utf-8")
    (tmp_path / "report.csv").write_text("a,b\n", encoding="utf-8")
    with OutputFolder(tmp_path) as out:
        out.clear()
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "notes", "report.csv"]


# --- rebuild_entities -----------------------------------------------------------------------------


def doc_entity(doc: str, eid: str, name: str, aliases: list[str], country: str | None, n: int,
               type_: str = "ORG", kind: str = "organisation") -> dict:
    return {"doc_id": doc, "entity_id": eid, "type": type_, "name": name, "aliases": aliases, "kind": kind,
            "country": country, "n_mentions": n}


def rebuilt(path: Path) -> tuple[int, dict[str, dict]]:
    with OutputFolder(path) as out:
        n = out.rebuild_entities()
    return n, {row["entity_id"]: row for row in read_table(path, "entities").to_pylist()}


@pytest.fixture
def entities(tmp_path):
    """doc_entities of three documents in two parts (rebuild with :func:`rebuilt`)."""
    write_rows(tmp_path, "doc_entities", "a", [
        doc_entity("d1", "gazprom", "Газпром", ["Газпром", "ПАО «Газпром»"], "RUS", 3),
        doc_entity("d1", "china", "Китай", ["Китай", "КНР"], "CHN", 2, "LOC", "country"),
        doc_entity("d2", "gazprom", "Газпром", ["Газпром", "концерн"], None, 2),
    ])
    write_rows(tmp_path, "doc_entities", "b", [
        doc_entity("d3", "gazprom", "ПАО Газпром", ["ПАО Газпром", "Газпром"], "RUS", 1),
        doc_entity("d3", "nobody", "Ромашка", ["Ромашка"], None, 1),
    ])
    return tmp_path


def test_rebuild_entities_has_one_row_per_entity(entities):
    n, rows = rebuilt(entities)
    assert (n, sorted(rows)) == (3, ["china", "gazprom", "nobody"])


def test_rebuild_entities_sums_mentions_over_documents(entities):
    _, rows = rebuilt(entities)
    assert {eid: row["n_mentions"] for eid, row in rows.items()} == {"gazprom": 6, "china": 2, "nobody": 1}


def test_rebuild_entities_counts_documents(entities):
    _, rows = rebuilt(entities)
    assert {eid: row["n_docs"] for eid, row in rows.items()} == {"gazprom": 3, "china": 1, "nobody": 1}


def test_rebuild_entities_names_an_entity_by_its_most_frequent_name(entities):
    _, rows = rebuilt(entities)
    assert rows["gazprom"]["name"] == "Газпром"


def test_rebuild_entities_unites_aliases_most_frequent_first(entities):
    _, rows = rebuilt(entities)
    aliases = rows["gazprom"]["aliases"]
    others = sorted(["ПАО «Газпром»", "концерн", "ПАО Газпром"])
    assert (aliases[0], sorted(aliases[1:])) == ("Газпром", others)


def test_rebuild_entities_takes_the_known_country(entities):
    _, rows = rebuilt(entities)
    countries = {eid: row["country"] for eid, row in rows.items()}
    assert countries == {"gazprom": "RUS", "china": "CHN", "nobody": None}


def test_rebuild_entities_keeps_type_and_kind(entities):
    _, rows = rebuilt(entities)
    assert (rows["china"]["type"], rows["china"]["kind"]) == ("LOC", "country")


def test_rebuild_entities_names_a_linked_entity_by_its_own_articles(tmp_path):
    # two articles name Владимир Мунтян by his surname alone (linked by pipeline.linking), one in full
    write_rows(tmp_path, "doc_entities", "a", [
        doc_entity("d1", "full", "Владимир Мунтян", ["Владимир Мунтян"], "MDA", 1, "PER", "person")])
    write_rows(tmp_path, "doc_entities", "b", [
        doc_entity("d2", "full", "Мунтян", ["Мунтян"], None, 2, "PER", "person") | {"linked_from": "surname"},
        doc_entity("d3", "full", "Мунтян", ["Мунтяна"], None, 1, "PER", "person") | {"linked_from": "surname"},
    ])
    _, rows = rebuilt(tmp_path)
    row = rows["full"]
    assert (row["name"], row["n_mentions"], row["n_docs"], row["country"]) == ("Владимир Мунтян", 4, 3, "MDA")
    assert sorted(row["aliases"]) == ["Владимир Мунтян", "Мунтян", "Мунтяна"]


def test_rebuild_entities_reads_parts_written_before_the_linking_column(tmp_path):
    write_rows(tmp_path, "doc_entities", "new", [doc_entity("d1", "g", "Газпром", ["Газпром"], None, 1)])
    old = read_table(tmp_path, "doc_entities").drop_columns(["linked_from"])
    (tmp_path / "doc_entities" / "part-new.parquet").unlink()
    pq.write_table(old.replace_schema_metadata(None), tmp_path / "doc_entities" / "part-old.parquet")
    n, rows = rebuilt(tmp_path)
    assert (n, rows["g"]["name"]) == (1, "Газпром")
    write_rows(tmp_path, "doc_entities", "new", [doc_entity("d2", "g", "ПАО Газпром", ["Газпром"], None, 1)])
    n, rows = rebuilt(tmp_path)
    assert (n, rows["g"]["n_docs"]) == (1, 2)


def test_rebuild_entities_caps_the_aliases(tmp_path):
    aliases = [f"Газпром-{chr(ord('а') + i)}" for i in range(MAX_ALIASES + 5)]
    write_rows(tmp_path, "doc_entities", "a", [doc_entity("d1", "g", "Газпром", aliases, None, 40)])
    with OutputFolder(tmp_path) as out:
        out.rebuild_entities()
    assert len(read_table(tmp_path, "entities").column("aliases")[0].as_py()) == MAX_ALIASES


def test_rebuild_entities_writes_the_entities_schema(tmp_path):
    write_rows(tmp_path, "doc_entities", "a", [doc_entity("d1", "g", "Газпром", ["Газпром"], "RUS", 1)])
    with OutputFolder(tmp_path) as out:
        out.rebuild_entities()
    assert read_table(tmp_path, "entities").schema == SCHEMAS["entities"]


def test_rebuild_entities_without_doc_entities_writes_an_empty_table(tmp_path):
    with OutputFolder(tmp_path) as out:
        n = out.rebuild_entities()
    assert (n, part_names(tmp_path, "entities"), read_table(tmp_path, "entities").num_rows) == (
        0, {ENTITIES_PART}, 0)


def test_rebuild_entities_replaces_older_entities_parts(tmp_path):
    write_rows(tmp_path, "entities", "old-run", [{"entity_id": "stale"}])
    write_rows(tmp_path, "doc_entities", "a", [doc_entity("d1", "g", "Газпром", ["Газпром"], None, 1)])
    with OutputFolder(tmp_path) as out:
        out.rebuild_entities()
    assert read_table(tmp_path, "entities").column("entity_id").to_pylist() == ["g"]


def test_rebuild_entities_works_in_a_folder_with_a_quote_in_its_name(tmp_path):
    path = tmp_path / "it's"
    write_rows(path, "doc_entities", "a", [doc_entity("d1", "g", "Газпром", ["Газпром"], None, 1)])
    with OutputFolder(path) as out:
        assert out.rebuild_entities() == 1


def test_lock_file_is_not_removed_by_a_second_locker(locked_by_another_process):
    path, _ = locked_by_another_process
    with pytest.raises(OutputLockedError), OutputFolder(path):
        pass
    assert os.path.exists(path / LOCK_NAME)
