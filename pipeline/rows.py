"""Turn computed records into table rows (dicts keyed by the columns of pipeline.tables).

The stages compute records; this module alone knows how a record becomes a row, and the writer
alone knows schemas. Rows are produced as generators per table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.ids import mention_id
from pipeline.types import DocResult, ReadError

Row = dict[str, Any]


def document_rows(result: DocResult) -> Iterator[Row]:
    """The ``documents`` row of a processed document."""
    doc, art = result.doc, result.doc.article
    yield {
        "doc_id": doc.doc_id, "source_id": art.source_id, "path": art.path, "title": art.title,
        "published": art.published, "url": art.url, "source": art.source, "text": art.text,
        "n_chars": len(art.text), "n_tokens": doc.n_tokens, "n_sentences": len(doc.sentences),
    }


def sentence_rows(result: DocResult) -> Iterator[Row]:
    """One row per sentence."""
    for s in result.doc.sentences:
        yield {"doc_id": result.doc.doc_id, "sent_id": s.sent_id, "start": s.start, "stop": s.stop, "text": s.text}


def mention_rows(result: DocResult) -> Iterator[Row]:
    """Entity mentions with their resolved entity ids."""
    doc = result.doc
    ids: list[str | None] = [*result.mention_entity_ids] or [None] * len(doc.mentions)
    for m, eid in zip(doc.mentions, ids, strict=True):
        yield {
            "mention_id": mention_id(doc.doc_id, m.start, m.stop, "mention"), "doc_id": doc.doc_id,
            "sent_id": m.sent_id, "start": m.start, "stop": m.stop, "text": m.text, "type": m.type,
            "normal": m.normal, "entity_id": eid,
        }


def doc_entity_rows(result: DocResult) -> Iterator[Row]:
    """The entities of one document (aggregated into ``entities`` at the end of a run)."""
    for e in result.entities:
        yield {
            "doc_id": result.doc.doc_id, "entity_id": e.entity_id, "type": e.type, "name": e.name,
            "aliases": list(e.aliases), "kind": e.kind, "country": e.country, "n_mentions": e.n_mentions,
        }


def _span(result: DocResult, kind: str, m: Any) -> Row:
    doc_id = result.doc.doc_id
    return {f"{kind}_id": mention_id(doc_id, m.start, m.stop, kind), "doc_id": doc_id, "sent_id": m.sent_id,
            "start": m.start, "stop": m.stop, "text": m.text}


def money_rows(result: DocResult) -> Iterator[Row]:
    """Money amounts."""
    for m in result.money:
        yield _span(result, "money", m) | {"amount": m.amount, "amount_max": m.amount_max,
                                           "currency": m.currency, "approximate": m.approximate}


def date_rows(result: DocResult) -> Iterator[Row]:
    """Date expressions."""
    for d in result.dates:
        yield _span(result, "date", d) | {"date": d.date, "date_end": d.date_end, "year": d.year,
                                          "month": d.month, "day": d.day, "granularity": d.granularity,
                                          "kind": d.kind}


def percentage_rows(result: DocResult) -> Iterator[Row]:
    """Percentages."""
    for p in result.percentages:
        yield _span(result, "percent", p) | {"value": p.value, "value_max": p.value_max,
                                             "approximate": p.approximate}


def event_rows(result: DocResult) -> Iterator[Row]:
    """Cooperation events."""
    for e in result.events:
        yield {
            "event_id": e.event_id, "doc_id": result.doc.doc_id, "type": e.type, "modality": e.modality,
            "trigger": e.trigger, "sentence": e.sentence,
            "sent_id": e.mentions[0].sent_id if e.mentions else None, "start": e.start, "stop": e.stop,
            "sector": e.sector, "topic": e.topic, "place": e.place, "place_entity_id": e.place_entity_id,
            "date": e.date, "date_text": e.date_text, "date_granularity": e.date_granularity,
            "amount": e.amount, "currency": e.currency, "money_id": e.money_id,
            "plover": e.plover, "cameo": e.cameo, "confidence": e.confidence,
            "n_participants": len(e.participants), "n_mentions": len(e.mentions),
        }


def event_mention_rows(result: DocResult) -> Iterator[Row]:
    """The sentences that state each event."""
    for e in result.events:
        for m in e.mentions:
            yield {"event_id": e.event_id, "doc_id": result.doc.doc_id, "sent_id": m.sent_id,
                   "start": m.start, "stop": m.stop, "sentence": m.sentence}


def event_participant_rows(result: DocResult) -> Iterator[Row]:
    """The parties of each event."""
    kinds = {e.entity_id: e.kind for e in result.entities}
    for e in result.events:
        for p in e.participants:
            yield {"event_id": e.event_id, "doc_id": result.doc.doc_id, "entity_id": p.entity_id,
                   "name": p.name, "type": p.type, "kind": kinds.get(p.entity_id), "country": p.country,
                   "role": p.role}


ROW_BUILDERS = {
    "documents": document_rows,
    "sentences": sentence_rows,
    "mentions": mention_rows,
    "doc_entities": doc_entity_rows,
    "money": money_rows,
    "dates": date_rows,
    "percentages": percentage_rows,
    "events": event_rows,
    "event_mentions": event_mention_rows,
    "event_participants": event_participant_rows,
}


def error_row(error: ReadError, run_id: str) -> Row:
    """An ``errors`` row."""
    return {"run_id": run_id, "path": error.path, "source_id": error.source_id, "stage": error.stage,
            "error": error.error}
