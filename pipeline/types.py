"""Typed records that pass between the stages of the pipeline.

Every offset (``start``, ``stop``) is a character offset into ``Article.text`` (the cleaned text
that the ``documents`` table stores), so ``text[start:stop]`` is always the mention itself.
Records are frozen dataclasses: a stage adds new records, it never mutates the ones it was given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Article:
    """One input article after reading and cleaning.

    ``source_id`` names the input record for people (see the table contract); ``path`` is the
    file it came from; ``text`` is the cleaned body every offset refers to (with the headline as
    its first paragraph when the input had one, so that events stated in headlines are found).
    """

    source_id: str
    path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ReadError:
    """An input (file or record) that could not be turned into an :class:`Article`."""

    path: str
    source_id: str | None
    stage: str
    error: str


# ---------------------------------------------------------------------------------------------
# Annotation (Natasha output, converted to plain records by pipeline.annotate)


@dataclass(frozen=True)
class Token:
    """A token with its morphology and, when syntax was parsed, its dependency head.

    ``id`` and ``head_id`` are indices of tokens within the same sentence (0-based); ``head_id``
    is -1 for the root and for sentences that were not parsed.
    """

    start: int
    stop: int
    text: str
    pos: str
    feats: dict[str, str]
    lemma: str
    id: int = 0
    head_id: int = -1
    rel: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article; ``tokens`` carry document offsets."""

    sent_id: int
    start: int
    stop: int
    text: str
    tokens: tuple[Token, ...]
    parsed: bool = False


@dataclass(frozen=True)
class EntityMention:
    """A named-entity span (PER, ORG or LOC) with its nominative ``normal`` form."""

    sent_id: int
    start: int
    stop: int
    text: str
    type: str
    normal: str


@dataclass
class AnnotatedDoc:
    """An article with its sentences, tokens and entity mentions.

    Built by :func:`pipeline.annotate.Annotator.annotate`; the extractors read it and the
    resolution stage fills ``entity_ids``/``entities``.
    """

    doc_id: str
    article: Article
    sentences: list[Sentence]
    mentions: list[EntityMention]

    @property
    def text(self) -> str:
        """The cleaned text all offsets refer to."""
        return self.article.text

    @property
    def n_tokens(self) -> int:
        """Number of tokens in the document."""
        return sum(len(s.tokens) for s in self.sentences)


# ---------------------------------------------------------------------------------------------
# Extraction: money, dates, percentages


@dataclass(frozen=True)
class MoneyMention:
    """An amount of money: ``amount`` in units of ``currency`` (ISO 4217), ranges in ``amount_max``."""

    sent_id: int
    start: int
    stop: int
    text: str
    amount: float
    currency: str
    amount_max: float | None = None
    approximate: bool = False


@dataclass(frozen=True)
class PercentMention:
    """A percentage: ``value`` in percent (51% -> 51.0)."""

    sent_id: int
    start: int
    stop: int
    text: str
    value: float
    value_max: float | None = None
    approximate: bool = False


@dataclass(frozen=True)
class DateMention:
    """A date expression, resolved as far as the text and the publication date allow.

    ``date`` is the first day of the period at ``granularity`` ("day", "month" or "year") and
    ``date_end`` the last day of a range; ``year``/``month``/``day`` keep the parts the text gave
    (or that resolution filled), so an unresolvable "25 октября" keeps month=10, day=25.
    """

    sent_id: int
    start: int
    stop: int
    text: str
    granularity: str
    date: dt.date | None = None
    date_end: dt.date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    kind: str = "absolute"  # absolute, relative, partial


# ---------------------------------------------------------------------------------------------
# Resolution: entities


@dataclass(frozen=True)
class DocEntity:
    """One real-world entity as seen in one document: its mentions grouped, a canonical name.

    ``entity_id`` is stable across documents and runs (a hash of the type and canonical key).
    ``kind`` is one of country, region, city, organisation, person, international, location.
    """

    entity_id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    n_mentions: int
    mention_indices: tuple[int, ...] = field(default=(), compare=False)


# ---------------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class EventParticipant:
    """A party to a cooperation event."""

    entity_id: str
    name: str
    type: str
    country: str | None
    role: str


@dataclass(frozen=True)
class EventMentionRecord:
    """One sentence (or headline) of the article that states the event."""

    sent_id: int
    start: int
    stop: int
    sentence: str


@dataclass(frozen=True)
class Event:
    """A cooperation event per ``spec/events.md``."""

    event_id: str
    type: str
    modality: str
    trigger: str
    sentence: str
    start: int
    stop: int
    participants: tuple[EventParticipant, ...]
    mentions: tuple[EventMentionRecord, ...]
    sector: str
    topic: str | None = None
    place: str | None = None
    place_entity_id: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_granularity: str | None = None
    amount: float | None = None
    currency: str | None = None
    money_id: str | None = None
    plover: str | None = None
    cameo: str | None = None
    confidence: float = 0.5


# ---------------------------------------------------------------------------------------------
# The result of processing one document


@dataclass
class DocResult:
    """Everything the pipeline computed for one document, ready for the table writer."""

    doc: AnnotatedDoc
    entities: list[DocEntity] = field(default_factory=list)
    mention_entity_ids: list[str] = field(default_factory=list)
    money: list[MoneyMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    percentages: list[PercentMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
