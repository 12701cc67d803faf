"""The output folder: its lock, its consistency on resume, and the corpus-level tables.

- One run at a time: an exclusive lock on ``<output>/.lock``; a second run refuses.
- Resume: a chunk is done when its ``documents`` part exists. Parts of other tables without
  one (a run killed mid-chunk) and temporary files are removed before a run starts, so a
  resumed run yields the same tables as an uninterrupted one.
- At the end of a run, :meth:`OutputFolder.link_entities` links people named only by a surname
  and organisations named only by an abbreviation to their full name across articles
  (pipeline.linking), then ``entities`` aggregates ``doc_entities`` over the whole corpus.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path
from types import TracebackType

import duckdb

from pipeline.chunks import item_key
from pipeline.linking import LinkReport, link_entities, linked_source
from pipeline.tables import (
    CHUNK_TABLES,
    COMMIT_TABLE,
    SCHEMAS,
    TMP_PREFIX,
    part_names,
    read_table,
    write_part,
)
from pipeline.types import ReadError

LOCK_NAME = ".lock"
ENTITIES_PART = "all"
# An entity keeps at most this many distinct written forms in ``aliases`` (the most frequent).
MAX_ALIASES = 30


class OutputLockedError(RuntimeError):
    """Another run holds the output folder."""


class OutputFolder:
    """An output folder held by this run (a context manager taking the lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock_fd: int | None = None

    def __enter__(self) -> OutputFolder:
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLockedError(
                f"{self.path} is in use by another run (lock {self.path / LOCK_NAME}); wait for it to finish"
            ) from None
        self._lock_fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def clear(self) -> None:
        """Remove every table of a previous run (``--overwrite``); only our own folders."""
        for name in SCHEMAS:
            shutil.rmtree(self.path / name, ignore_errors=True)

    def repair(self) -> int:
        """Remove temporary files and parts of unfinished chunks; return how many were removed."""
        done = part_names(self.path, COMMIT_TABLE)
        removed = 0
        for name in SCHEMAS:
            folder = self.path / name
            if not folder.is_dir():
                continue
            for tmp in folder.glob(f"{TMP_PREFIX}*"):
                tmp.unlink(missing_ok=True)
                removed += 1
            if name in CHUNK_TABLES:
                for part in part_names(self.path, name) - done:
                    (folder / f"part-{part}.parquet").unlink(missing_ok=True)
                    removed += 1
        return removed

    def done_doc_ids(self) -> set[str]:
        """The ids of documents already in the output."""
        return set(read_table(self.path, COMMIT_TABLE, ["doc_id"]).column("doc_id").to_pylist())

    def done_keys(self) -> set[str]:
        """The item keys (see pipeline.chunks.item_key) already in the output: its documents and
        its read errors. Processing errors are not among them: such documents are tried again."""
        errors = read_table(self.path, "errors", ["path", "source_id", "stage", "error"]).to_pylist()
        return self.done_doc_ids() | {
            item_key(ReadError(e["path"], e["source_id"], e["stage"], e["error"]))
            for e in errors if e["stage"] != "process"
        }

    def link_entities(self) -> LinkReport:
        """Link partial person names and abbreviated organisations to the corpus's full names and
        rewrite the parts whose entity ids change (see pipeline.linking); run it before
        :meth:`rebuild_entities`."""
        return link_entities(self.path)

    def rebuild_entities(self) -> int:
        """Aggregate ``doc_entities`` into the corpus-wide ``entities`` table; return its rows."""
        source = self.path / "doc_entities"
        if not any(source.glob("part-*.parquet")):
            table = SCHEMAS["entities"].empty_table()
        else:
            con = duckdb.connect()
            # Every choice is by majority over the articles, ties broken by value so that the
            # table is the same whatever order the parts were written in: the name most articles
            # use (then the longer), the kind and type most articles give, the country most
            # articles that state one give (articles that state none do not vote). The name is
            # one the entity's own articles give: those whose surname alone the linking pass
            # joined to it ("Мунтян") may be more, but the full name is "Владимир Мунтян".
            table = con.sql(f"""
                WITH d AS (SELECT * FROM {linked_source(con, self.path)}),
                names AS (
                    SELECT entity_id, name, count(*) AS n, bool_or(linked_from IS NULL) AS own
                    FROM d GROUP BY entity_id, name),
                best_name AS (
                    SELECT entity_id, name FROM (SELECT *, row_number() OVER (PARTITION BY entity_id
                        ORDER BY own DESC, n DESC, length(name) DESC, name) AS r FROM names)
                    WHERE r = 1),
                kinds AS (
                    SELECT entity_id, kind, type, count(*) AS n FROM d GROUP BY entity_id, kind, type),
                best_kind AS (
                    SELECT entity_id, kind, type FROM (SELECT *, row_number() OVER (
                        PARTITION BY entity_id ORDER BY n DESC, kind, type) AS r FROM kinds)
                    WHERE r = 1),
                aliases AS (
                    SELECT entity_id, alias, count(*) AS n FROM d, unnest(d.aliases) AS u(alias)
                    GROUP BY entity_id, alias),
                ranked AS (
                    SELECT entity_id, alias, row_number() OVER (
                        PARTITION BY entity_id ORDER BY n DESC, alias) AS r FROM aliases),
                alias_list AS (
                    SELECT entity_id, list(alias ORDER BY r) AS aliases FROM ranked
                    WHERE r <= {MAX_ALIASES} GROUP BY entity_id),
                country_votes AS (
                    SELECT entity_id, country, count(*) AS n FROM d WHERE country IS NOT NULL
                    GROUP BY entity_id, country),
                countries AS (
                    SELECT entity_id, country FROM (SELECT *, row_number() OVER (
                        PARTITION BY entity_id ORDER BY n DESC, country) AS r FROM country_votes)
                    WHERE r = 1),
                totals AS (
                    SELECT entity_id, sum(n_mentions)::BIGINT AS n_mentions,
                           count(DISTINCT doc_id)::BIGINT AS n_docs FROM d GROUP BY entity_id)
                SELECT t.entity_id, k.type, b.name, a.aliases, k.kind, c.country, t.n_mentions, t.n_docs
                FROM totals t JOIN best_name b USING (entity_id) JOIN best_kind k USING (entity_id)
                LEFT JOIN alias_list a USING (entity_id) LEFT JOIN countries c USING (entity_id)
                ORDER BY t.n_mentions DESC, t.entity_id
            """).to_arrow_table().cast(SCHEMAS["entities"])
        folder = self.path / "entities"
        for old in folder.glob("part-*.parquet") if folder.is_dir() else []:
            if old.name != f"part-{ENTITIES_PART}.parquet":
                old.unlink()
        write_part(self.path, "entities", ENTITIES_PART, table)
        return table.num_rows
