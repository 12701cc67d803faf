"""Corrections of Natasha's systematic NER errors, and nominative forms."""

from __future__ import annotations

import pytest


def _mentions(annotate, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.type, m.normal) for m in annotate(text).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Калужская и Свердловская области подписали соглашение.",
         [("Калужская", "LOC", "Калужская область"), ("Свердловская области", "LOC", "Свердловская область")]),
        ("Делегация посетила Калужскую область.", [("Калужскую область", "LOC", "Калужская область")]),
    ],
)
def test_region_adjectives_keep_their_noun(annotate, text: str, expected: list) -> None:
    assert _mentions(annotate, text) == expected


def test_a_job_title_alone_is_not_a_person(annotate) -> None:
    mentions = _mentions(annotate, "Вице-мэр китайского мегаполиса Чунцина попал под следствие.")
    assert all(type_ != "PER" for _, type_, _ in mentions)


def test_full_name_and_abbreviation_in_brackets_are_two_mentions(annotate) -> None:
    mentions = _mentions(annotate, "Агентство стратегических инициатив (АСИ) подписало декларацию.")
    assert mentions[:2] == [
        ("Агентство стратегических инициатив", "ORG", "Агентство стратегических инициатив"),
        ("АСИ", "ORG", "АСИ"),
    ]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Соглашение подписано с Агентством стратегических инициатив.", "Агентство стратегических инициатив"),
        ("Договор заключен с Российской академией наук.", "Российская академия наук"),
        ("Встреча с Натальей Сергуниной прошла в Москве.", "Наталья Сергунина"),
    ],
)
def test_normal_forms_are_nominative(annotate, text: str, normal: str) -> None:
    assert normal in [n for _, _, n in _mentions(annotate, text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Казанский ИТ-парк «Волга Диджитал» открыл офис в Минске.", "Волга Диджитал"),
        ("Соглашение подписала китайская торговая компания «Харбин Фуд Импорт».", "Харбин Фуд Импорт"),
    ],
)
def test_a_quoted_name_after_an_organisation_noun_is_an_organisation(annotate, text: str, name: str) -> None:
    assert (name, "ORG") in [(m.text, m.type) for m in annotate(text).mentions]


def test_a_quoted_title_after_another_word_is_not_an_organisation(annotate) -> None:
    doc = annotate("Режиссер снял фильм «Белое солнце пустыни» в Туркмении.")
    assert "Белое солнце пустыни" not in [m.text for m in doc.mentions]


def test_places_listed_after_an_organisation_are_part_of_its_name(annotate) -> None:
    doc = annotate("Жители проголосовали за вступление в Таможенный союз России, Белоруссии и Казахстана.")
    assert ("Таможенный союз России, Белоруссии и Казахстана", "ORG") in [(m.text, m.type) for m in doc.mentions]


@pytest.mark.parametrize("text", ["Это организация B2B-встреч и презентаций проектов.",
                                  "Форум собрал представителей IT-компаний из Москвы."])
def test_a_latin_prefix_before_a_common_noun_is_no_organisation(annotate, text: str) -> None:
    assert not [m for m in annotate(text).mentions if m.type == "ORG"]
