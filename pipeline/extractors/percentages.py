"""Percentage mentions: ``extract_percentages(doc) -> list[PercentMention]``.

``value`` in percent ("51%" -> 51.0), ``value_max`` for ranges ("5–7%"), ``approximate`` for the
approximation words of the money grammar ("более чем на 40 %", "около 5%", "до 10%").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pipeline.extractors.prefilter import (
    ANCHOR_REACH,
    AnchoredParser,
    extract_from_sentences,
    is_amount_anchor,
    may_hold_percent,
)
from pipeline.grammars.money import is_approximate
from pipeline.grammars.numbers import amount_value, get_tokenizer
from pipeline.grammars.percentages import PERCENT
from pipeline.types import AnnotatedDoc, PercentMention, Sentence


@lru_cache(maxsize=1)
def get_parser() -> Any:
    """The percentage parser, built once per process."""
    return AnchoredParser(PERCENT, get_tokenizer(), is_amount_anchor, ANCHOR_REACH)


def extract_percentages(doc: AnnotatedDoc) -> list[PercentMention]:
    """Percentage mentions of ``doc`` in document order; never raises."""
    return extract_from_sentences(doc, may_hold_percent, sentence_percentages, "percent")


def sentence_percentages(sentence: Sentence) -> Iterator[PercentMention]:
    """Percentage mentions of one sentence (offsets shifted to the document)."""
    text = sentence.text
    for match in get_parser().findall(text):
        start, stop = match.span
        percent = match.fact
        value = 0.5 if percent.half else amount_value(percent.low)
        if value is None:
            continue
        high = amount_value(percent.high) if percent.high is not None else None
        if percent.high is not None and high is None:
            continue
        yield PercentMention(
            sent_id=sentence.sent_id,
            start=sentence.start + start,
            stop=sentence.start + stop,
            text=text[start:stop],
            value=value,
            value_max=high,
            approximate=is_approximate(percent.qualifier, text[:start]),
        )
