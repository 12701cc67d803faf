"""Numbers in figures and words, multipliers and the shared tokenizer (pipeline.grammars.numbers)."""

from __future__ import annotations

import pytest

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import Parser

from pipeline.grammars.numbers import (
    AMOUNT,
    amount_value,
    figures_value,
    get_tokenizer,
    multiplier_value,
    words_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", 5.0),
        ("1,5", 1.5),
        ("27.5", 27.5),
        ("1 500", 1500.0),
        ("1\u00a0500", 1500.0),
        ("10 339 479 427,5", 10339479427.5),
        ("1.500.000", 1500000.0),
    ],
)
def test_figures_value_reads_separators(text: str, expected: float) -> None:
    assert figures_value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("пять", 5),
        ("пяти", 5),
        ("двадцать три", 23),
        ("двести двадцать пять", 225),
        ("трёх", 3),
        ("одной", 1),
        ("сорока", 40),
        ("полтора", 1.5),
        ("полутора", 1.5),
        ("пять два", None),
        ("двадцать двадцать", None),
        ("десять пять", None),
        ("сто полтора", None),
    ],
)
def test_words_value_composes_numerals_or_rejects(text: str, expected: float | None) -> None:
    assert words_value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("тыс.", 1e3),
        ("млн", 1e6),
        ("млрд.", 1e9),
        ("трлн", 1e12),
        ("тысяч", 1e3),
        ("миллиона", 1e6),
        ("миллиардов", 1e9),
        ("полмиллиарда", 5e8),
        ("полумиллиона", 5e5),
        ("полтриллиона", 5e11),
    ],
)
def test_multiplier_value_knows_abbreviations_words_and_halves(text: str, expected: float) -> None:
    assert multiplier_value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 млн", 5e6),
        ("1,5 трлн", 1.5e12),
        ("10 тыс.", 1e4),
        ("пять миллионов", 5e6),
        ("двести двадцать пять тысяч", 225e3),
        ("полтора миллиона", 1.5e6),
        ("полмиллиарда", 5e8),
        ("миллион", 1e6),
        ("трёх миллиардов", 3e9),
        ("1.500.000", 1.5e6),
    ],
)
def test_amount_grammar_values(text: str, expected: float) -> None:
    matches = list(Parser(AMOUNT, tokenizer=get_tokenizer()).findall(text))
    assert len(matches) == 1
    assert amount_value(matches[0].fact) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500 руб", ["1 500", "руб"]),
        ("29.12.2012", ["29", ".", "12", ".", "2012"]),
        ("25.10.25", ["25", ".", "10", ".", "25"]),
        ("1,5 млн", ["1,5", "млн"]),
        ("в 2019 году 500", ["в", "2019", "году", "500"]),
    ],
)
def test_tokenizer_joins_numbers_but_not_dates(text: str, expected: list[str]) -> None:
    assert [t.value for t in get_tokenizer()(text)] == expected
