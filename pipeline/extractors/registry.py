"""The registry of span extractors: name -> ``AnnotatedDoc -> list[...]``.

The name is the DocResult field (and table) the extractor fills. Adding an extractor is one
module in this package and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pipeline.extractors.dates import extract_dates
from pipeline.extractors.money import extract_money
from pipeline.extractors.percentages import extract_percentages
from pipeline.types import AnnotatedDoc

Extractor = Callable[[AnnotatedDoc], Sequence[Any]]

EXTRACTORS: dict[str, Extractor] = {
    "money": extract_money,
    "dates": extract_dates,
    "percentages": extract_percentages,
}
