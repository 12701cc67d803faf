"""The cheap per-sentence tests and the anchored parser (pipeline.extractors.prefilter)."""

from __future__ import annotations

import pytest

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import Parser

from pipeline.extractors import dates as date_extractor
from pipeline.extractors import money as money_extractor
from pipeline.extractors.prefilter import may_hold_date, may_hold_money, may_hold_percent
from pipeline.grammars.dates import DATE
from pipeline.grammars.money import MONEY
from pipeline.grammars.numbers import get_tokenizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Сделка стоила $5 млн.", True),
        ("Бюджет составил 1,5 трлн руб.", True),
        ("пять миллионов рублей", True),
        ("10 млрд юаней", True),
        ("около 5 тыс. гривен", True),
        ("штраф 100 EUR", True),
        ("Стороны подписали соглашение о сотрудничестве.", False),
        ("В 2024 году открылся завод.", False),
    ],
)
def test_may_hold_money_needs_a_currency(text: str, expected: bool) -> None:
    assert may_hold_money(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Рост на 5%.", True), ("15 процентов акций", True), ("пять проц. голосов", True), ("В 2024 году", False)],
)
def test_may_hold_percent_needs_a_percent_sign_or_word(text: str, expected: bool) -> None:
    assert may_hold_percent(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Встреча прошла вчера.", True),
        ("в пятницу", True),
        ("В октябре начнется стройка.", True),
        ("на прошлой неделе", True),
        ("Соглашение подписано 12.03.2018.", True),
        ("Стороны подписали соглашение о сотрудничестве.", False),
        ("Министр заявил о поддержке проекта.", False),
    ],
)
def test_may_hold_date_needs_a_digit_month_weekday_or_relative_word(text: str, expected: bool) -> None:
    assert may_hold_date(text) is expected


SENTENCES = [
    "Во вторник, 23 июля 2019 года, в Москве с 1 по 3 декабря прошли переговоры, а в 2024–2025 годах "
    "стороны вложат от 3 до 5 млрд рублей и $5 млн; в начале 2000-х, в прошлую среду и два года назад.",
    "Министр заявил, что на прошлой неделе компания получила более 45 тысяч рублей, а 25.10.25 — €100 млн.",
    "В IV квартале и осенью 2016 года цены выросли до 40 млрд долл., вчера — полмиллиарда долларов.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(
    ("grammar", "anchored"),
    [(DATE, date_extractor.get_parser), (MONEY, money_extractor.get_parser)],
    ids=["dates", "money"],
)
def test_anchored_parser_finds_what_the_plain_parser_finds(sentence: str, grammar: object, anchored: object) -> None:
    plain = Parser(grammar, tokenizer=get_tokenizer())
    expected = [(m.span.start, m.span.stop, m.fact) for m in plain.findall(sentence)]
    got = [(m.span.start, m.span.stop, m.fact) for m in anchored().findall(sentence)]  # type: ignore[operator]
    assert got == expected
    assert got
