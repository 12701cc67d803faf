"""The per-document pipeline: annotate, resolve entities, extract, assemble events.

Stages run in a fixed order; each declares what it needs and what it adds (see ``STAGES``):
adding an extractor is one function and one entry in pipeline.extractors.registry.
"""

from __future__ import annotations

from pipeline import ids
from pipeline.annotate import Annotator
from pipeline.events.assemble import EventAssembler
from pipeline.events.triggers import may_hold_trigger
from pipeline.extractors.registry import EXTRACTORS
from pipeline.resolve.entities import resolve_entities
from pipeline.resolve.geo import get_resolver
from pipeline.types import Article, DocResult

# Stage contract, in order: name -> (needs, adds). Checked by tests/test_process.py.
STAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "annotate": (("article",), ("sentences", "tokens", "mentions")),
    "entities": (("mentions",), ("entities", "mention_entity_ids")),
    "extract": (("sentences",), ("money", "dates", "percentages")),
    "events": (("sentences", "entities", "money", "dates"), ("events",)),
}


class DocumentProcessor:
    """Runs every stage on one article; one instance per process (it holds the models)."""

    def __init__(self) -> None:
        # Syntax is parsed only for sentences that may state a cooperation event.
        self.annotator = Annotator(needs_syntax=may_hold_trigger)
        self.geo = get_resolver()
        self.events = EventAssembler(self.geo)

    def process(self, article: Article) -> DocResult:
        """All stages on ``article``; raises on failure (the caller records the error)."""
        doc = self.annotator.annotate(ids.doc_id(article.source_id, article.text), article)
        result = DocResult(doc)
        result.entities, result.mention_entity_ids = resolve_entities(doc, self.geo)
        for name, extract in EXTRACTORS.items():
            setattr(result, name, extract(doc))
        result.events = self.events.assemble(result)
        return result
