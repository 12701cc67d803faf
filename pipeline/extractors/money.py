"""Money mentions: ``extract_money(doc) -> list[MoneyMention]``.

The grammar (:mod:`pipeline.grammars.money`) runs only on sentences that name a currency
(:func:`pipeline.extractors.prefilter.may_hold_money`); amounts are in units ("5 млн" -> 5e6),
currencies ISO 4217, ranges in ``amount_max`` and approximation words in ``approximate``.
Conventions (from ../shared/gold/money_dev.jsonl): "до 750 тысяч" is approximate with ``amount``
750 000 and no ``amount_max``; "увеличить до 40 млрд" is exact; a vague "сотни тысяч долларов" is
not extracted (it has no amount).
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
    may_hold_money,
)
from pipeline.grammars.money import MONEY, is_approximate, range_ends, resolve_currency
from pipeline.grammars.numbers import get_tokenizer
from pipeline.types import AnnotatedDoc, MoneyMention, Sentence


@lru_cache(maxsize=1)
def get_parser() -> Any:
    """The money parser, built once per process (yargy parsers cannot be pickled)."""
    return AnchoredParser(MONEY, get_tokenizer(), is_amount_anchor, ANCHOR_REACH)


def extract_money(doc: AnnotatedDoc) -> list[MoneyMention]:
    """Money mentions of ``doc`` in document order; never raises (a failing sentence is logged)."""
    return extract_from_sentences(doc, may_hold_money, sentence_money, "money")


def sentence_money(sentence: Sentence) -> Iterator[MoneyMention]:
    """Money mentions of one sentence (offsets shifted to the document)."""
    text = sentence.text
    for match in get_parser().findall(text):
        start, stop = match.span
        money = match.fact
        resolved = resolve_currency(money.currency or money.symbol or money.symbol_high or "", text)
        if resolved is None:
            continue
        code, scale = resolved
        low, high = range_ends(money)
        if low is None:
            continue
        yield MoneyMention(
            sent_id=sentence.sent_id,
            start=sentence.start + start,
            stop=sentence.start + stop,
            text=text[start:stop],
            amount=low * scale,
            currency=code,
            amount_max=high * scale if high is not None else None,
            approximate=is_approximate(money.qualifier, text[:start]),
        )
