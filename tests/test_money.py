"""Money mentions: amounts, currencies, ranges and approximation (pipeline.extractors.money)."""

from __future__ import annotations

import pytest

from pipeline import natasha_compat  # noqa: F401  (must precede natasha)
from pipeline.extractors.money import extract_money, sentence_money
from pipeline.extractors.plain_doc import plain_doc
from pipeline.types import MoneyMention, Sentence


def money(text: str) -> list[MoneyMention]:
    return extract_money(plain_doc(text))


def values(mention: MoneyMention) -> tuple[float, str, float | None, bool]:
    return (mention.amount, mention.currency, mention.amount_max, mention.approximate)


# [text, expected span text, (amount, currency, amount_max, approximate)]
FORMS = [
    # symbols before and after, abbreviations with and without dots
    ("Сделка оценена в $5 млн", "$5 млн", (5e6, "USD", None, False)),
    ("Инвестиции составят €100 млн в год", "€100 млн", (1e8, "EUR", None, False)),
    ("Сделка закрыта за $5 млн.", "$5 млн.", (5e6, "USD", None, False)),
    ("за £22 млн", "£22 млн", (22e6, "GBP", None, False)),
    ("Цена — 5 млн $.", "5 млн $", (5e6, "USD", None, False)),
    ("Доходы составили 1,5 трлн руб.", "1,5 трлн руб.", (1.5e12, "RUB", None, False)),
    ("Контракт на 20 млн долл. подписан.", "20 млн долл.", (2e7, "USD", None, False)),
    ("Стоимость 60 дол. за баррель", "60 дол.", (60, "USD", None, False)),
    ("Заработок 10 тыс. руб. в месяц", "10 тыс. руб.", (1e4, "RUB", None, False)),
    ("Штраф 500 р. за нарушение", "500 р.", (500, "RUB", None, False)),
    ("Доходы 721,4 млрд грн. в год", "721,4 млрд грн.", (721.4e9, "UAH", None, False)),
    ("приобрела квоты на 10 339 479 427,5 руб.", "10 339 479 427,5 руб.", (10339479427.5, "RUB", None, False)),
    ("ВВП на душу составляет $14 200 в год", "$14 200", (14200, "USD", None, False)),
    ("платёж 1.500.000 рублей", "1.500.000 рублей", (1.5e6, "RUB", None, False)),
    ("стоимостью 8,1 миллиона долларов", "8,1 миллиона долларов", (8.1e6, "USD", None, False)),
    ("около $27.5 млн", "около $27.5 млн", (27.5e6, "USD", None, True)),
    ("оценивает в €80,85 миллионов", "€80,85 миллионов", (80.85e6, "EUR", None, False)),
    ("налог 100 млн USD", "100 млн USD", (1e8, "USD", None, False)),
    # amounts in words, lone and halved multipliers
    ("выплатить пять миллионов рублей", "пять миллионов рублей", (5e6, "RUB", None, False)),
    ("проект стоит полмиллиарда долларов", "полмиллиарда долларов", (5e8, "USD", None, False)),
    ("оценивается в полтриллиона долларов", "полтриллиона долларов", (5e11, "USD", None, False)),
    ("проиграл полмиллиона фунтов стерлингов", "полмиллиона фунтов стерлингов", (5e5, "GBP", None, False)),
    ("обошлась ему в миллиард долларов", "миллиард долларов", (1e9, "USD", None, False)),
    ("выплатить один миллиард иен", "один миллиард иен", (1e9, "JPY", None, False)),
    ("штраф в сто евро", "сто евро", (100, "EUR", None, False)),
    ("стоит около пяти долларов", "около пяти долларов", (5, "USD", None, True)),
    ("полтора миллиона рублей", "полтора миллиона рублей", (1.5e6, "RUB", None, False)),
    ("около трёх миллиардов рублей", "около трёх миллиардов рублей", (3e9, "RUB", None, True)),
    # currencies
    ("кредит на 10 млрд юаней", "10 млрд юаней", (1e10, "CNY", None, False)),
    ("50 миллионов тенге", "50 миллионов тенге", (5e7, "KZT", None, False)),
    ("заплатил 2 млн белорусских рублей", "2 млн белорусских рублей", (2e6, "BYN", None, False)),
    ("ущерб 5 тыс. бел. руб.", "5 тыс. бел. руб.", (5e3, "BYN", None, False)),
    ("курс 100 турецких лир", "100 турецких лир", (100, "TRY", None, False)),
    ("сделка на 300 млн рупий в Мумбаи", "300 млн рупий", (3e8, "INR", None, False)),
    ("4 млрд реалов", "4 млрд реалов", (4e9, "BRL", None, False)),
    ("500 млн батов", "500 млн батов", (5e8, "THB", None, False)),
    ("57,55 млн дирхамов", "57,55 млн дирхамов", (57.55e6, "AED", None, False)),
    ("около 43 млрд вон", "около 43 млрд вон", (43e9, "KRW", None, True)),
    ("около 70 млн франков", "около 70 млн франков", (70e6, "CHF", None, True)),
    ("свыше 14 млн гривен", "свыше 14 млн гривен", (14e6, "UAH", None, True)),
    ("100 млн гонконгских долларов", "100 млн гонконгских долларов", (1e8, "HKD", None, False)),
    ("3,04 млрд долларов США", "3,04 млрд долларов США", (3.04e9, "USD", None, False)),
    ("1 млн злотых", "1 млн злотых", (1e6, "PLN", None, False)),
    ("650 млн шекелей", "650 млн шекелей", (6.5e8, "ILS", None, False)),
    ("50 копеек", "50 копеек", (0.5, "RUB", None, False)),
    # ranges: the multiplier and the currency distribute over both ends
    ("от 3 до 5 млрд рублей", "от 3 до 5 млрд рублей", (3e9, "RUB", 5e9, False)),
    ("2–3 млрд долларов", "2–3 млрд долларов", (2e9, "USD", 3e9, False)),
    ("80–130 тысяч долларов", "80–130 тысяч долларов", (8e4, "USD", 1.3e5, False)),
    ("от 850 до 1700 грн", "от 850 до 1700 грн", (850, "UAH", 1700, False)),
    ("$31—62", "$31—62", (31, "USD", 62, False)),
    ("€11—12 млрд", "€11—12 млрд", (11e9, "EUR", 12e9, False)),
    ("около $48-52 млрд", "около $48-52 млрд", (48e9, "USD", 52e9, True)),
    ("от $20 до $100 тысяч", "от $20 до $100 тысяч", (2e4, "USD", 1e5, False)),
    ("от одной тысячи до трёх тысяч рублей", "от одной тысячи до трёх тысяч рублей", (1e3, "RUB", 3e3, False)),
    ("от двух до трёх триллионов риалов", "от двух до трёх триллионов риалов", (2e12, "SAR", 3e12, False)),
    ("порядка 340—680 тыс. рублей", "порядка 340—680 тыс. рублей", (3.4e5, "RUB", 6.8e5, True)),
    ("от 500 до 1 млн рублей", "от 500 до 1 млн рублей", (500, "RUB", 1e6, False)),
    # approximation words
    ("более 45 тысяч рублей", "более 45 тысяч рублей", (45e3, "RUB", None, True)),
    ("свыше €100 тыс.", "свыше €100 тыс.", (1e5, "EUR", None, True)),
    ("порядка 50 млрд долл.", "порядка 50 млрд долл.", (5e10, "USD", None, True)),
    ("почти 30 миллионов долларов", "почти 30 миллионов долларов", (3e7, "USD", None, True)),
    ("менее $50 млрд", "менее $50 млрд", (5e10, "USD", None, True)),
    ("не менее 2,2 млрд руб.", "не менее 2,2 млрд руб.", (2.2e9, "RUB", None, True)),
    ("не более 22,5 млн евро", "не более 22,5 млн евро", (22.5e6, "EUR", None, True)),
    ("более чем $5 млн", "более чем $5 млн", (5e6, "USD", None, True)),
]


@pytest.mark.parametrize(("text", "span", "expected"), FORMS)
def test_money_forms_are_extracted_with_values(text: str, span: str, expected: tuple) -> None:
    found = money(text)
    assert [m.text for m in found] == [span]
    assert values(found[0]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("она получала до 750 тысяч юаней", True),
        ("решение увеличить объем кредитования до 40 млрд долл.", False),
        ("Прибыль выросла до 1,6 млрд риалов", False),
        ("доход вырос с 374 млн до 1,6 млрд риалов", False),
    ],
)
def test_do_is_a_bound_unless_a_change_verb_precedes(text: str, approximate: bool) -> None:
    found = money(text)
    assert found[-1].approximate is approximate


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Прибыль Qatar Airways, подконтрольной правительству Катара, составила 1,6 млрд риалов", "QAR"),
        ("Иран выделит 5 трлн риалов", "IRR"),
        ("суд Коломбо назначил залог в 2 млн рупий", "LKR"),
        ("Пакистан получит 10 млрд рупий", "PKR"),
        ("штраф 100 тыс. шведских крон", "SEK"),
        ("штраф 100 тыс. норвежских крон", "NOK"),
        ("Власти Чехии выделили 5 млн крон", "CZK"),
        ("Курс ¥100 млн", "JPY"),
        ("Китай вложил ¥100 млн", "CNY"),
        ("квартира в Гонконге стоимостью 7 млн долларов", "USD"),
        ("Швейцария арестовала около 70 млн франков", "CHF"),
    ],
)
def test_ambiguous_currency_names_follow_the_sentence(text: str, currency: str) -> None:
    assert [m.currency for m in money(text)] == [currency]


@pytest.mark.parametrize(
    "text",
    [
        "В компании работает 51 сотрудник.",
        "Пострадали 2024 человека.",
        "Проект будет стоить сотни миллиардов долларов.",
        "Олигархи передавали сотни тысяч долларов.",
        "сдачи со 100-долларовой купюры",
        "«Реал» выиграл 3 матча подряд, а Лев Толстой написал 5 романов.",
        "Рост составил 5 млн тонн.",
        "Курс доллара вырос.",
        "",
        "млн млн тыс. руб.",
    ],
)
def test_no_money_where_there_is_no_amount_with_currency(text: str) -> None:
    assert money(text) == []


def test_currency_tail_after_an_abbreviation_is_kept() -> None:
    # razdel may end a sentence after "долл."; the grammar itself reads "долл. США" as one currency
    sentence = Sentence(0, 10, 37, "ВВП (30 трлн долл. США).", ())
    found = list(sentence_money(sentence))
    assert [(m.text, m.start, m.currency, m.amount) for m in found] == [("30 трлн долл. США", 15, "USD", 3e13)]


def test_offsets_are_document_offsets_across_sentences() -> None:
    text = "Первое предложение.\nВторое: инвестиции составят $5 млн, а затем 10 млрд юаней."
    doc = plain_doc(text)
    found = extract_money(doc)
    assert [m.text for m in found] == ["$5 млн", "10 млрд юаней"]
    assert all(doc.text[m.start : m.stop] == m.text for m in found)
    assert all(m.sent_id == 1 for m in found)


def test_money_never_raises_on_odd_input() -> None:
    text = "₽" * 50 + " 1,2,3,4 млн " + "9" * 400 + " руб. " + "\x00\ufeff долл."
    assert isinstance(money(text), list)


def test_an_amount_keeps_the_sentence_it_starts_in() -> None:
    doc = plain_doc("Корабли стоят 338 млн долл. На эти цели Япония выделит 1,05 млрд долл.")
    found = {m.text: m.sent_id for m in extract_money(doc)}
    owner = {m: next(s.sent_id for s in doc.sentences if s.start <= doc.text.index(m) < s.stop) for m in found}
    assert found == owner and len(set(found.values())) == 2
