"""Percentage mentions (pipeline.extractors.percentages)."""

from __future__ import annotations

import pytest

from pipeline import natasha_compat  # noqa: F401  (must precede natasha)
from pipeline.extractors.percentages import extract_percentages
from pipeline.extractors.plain_doc import plain_doc


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Компания получит 51% акций", "51%", (51.0, None, False)),
        ("явка составила 65\u00a0%", "65\u00a0%", (65.0, None, False)),
        ("выросли на 15 процентов", "15 процентов", (15.0, None, False)),
        ("снизился на пять процентов", "пять процентов", (5.0, None, False)),
        ("ставка 0,5%", "0,5%", (0.5, None, False)),
        ("ставка 12.5 %", "12.5 %", (12.5, None, False)),
        ("рост на 5–7%", "5–7%", (5.0, 7.0, False)),
        ("от 5 до 7 процентов", "от 5 до 7 процентов", (5.0, 7.0, False)),
        ("вырос более чем на 40\u00a0%", "более чем на 40\u00a0%", (40.0, None, True)),
        ("около 10% населения", "около 10%", (10.0, None, True)),
        ("почти на 3 проц.", "почти на 3 проц.", (3.0, None, True)),
        ("упал на полпроцента", "полпроцента", (0.5, None, False)),
        ("двадцать пять процентов голосов", "двадцать пять процентов", (25.0, None, False)),
    ],
)
def test_percentage_forms_are_extracted_with_values(text: str, span: str, expected: tuple) -> None:
    found = extract_percentages(plain_doc(text))
    assert [m.text for m in found] == [span]
    assert (found[0].value, found[0].value_max, found[0].approximate) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["В компании работает 51 сотрудник.", "ставка выросла на 2 процентных пункта", "процентные ставки", ""],
)
def test_no_percentage_without_a_percent_sign_or_word(text: str) -> None:
    assert extract_percentages(plain_doc(text)) == []


def test_percentage_offsets_are_document_offsets() -> None:
    doc = plain_doc("Заголовок\nДоля выросла до 49%, а затем до 51%.")
    found = extract_percentages(doc)
    assert [doc.text[m.start : m.stop] for m in found] == ["до 49%", "до 51%"]
