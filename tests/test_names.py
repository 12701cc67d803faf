"""Name keys and name forms (pipeline.resolve.names) on Russian organisation and place names."""

from __future__ import annotations

import pytest

from pipeline.resolve.names import acronym, is_abbreviation, name_key, strip_quotes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Газпром", "газпром"),
        ("ГАЗПРОМ", "газпром"),
        ("газпром", "газпром"),
        ("Министерство Иностранных Дел", "министерство иностранных дел"),
    ],
)
def test_name_key_folds_case(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ёлкин", "елкин"), ("Объединённые Арабские Эмираты", "объединенные арабские эмираты"), ("ЁЖ", "еж")],
)
def test_name_key_folds_yo_into_ye(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("«Газпром»", "газпром"),
        ('"Роснефть"', "роснефть"),
        ("„Ромашка“", "ромашка"),
        ("“Ромашка”", "ромашка"),
        ("'Ростех'", "ростех"),
        ("Банк «Россия»", "банк россия"),
    ],
)
def test_name_key_drops_quotes(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ПАО «Газпром»", "газпром"),
        ("ООО «Ромашка»", "ромашка"),
        ("АО «Российские железные дороги»", "российские железные дороги"),
        ("ГК «Росатом»", "росатом"),
        ("Газпром, ПАО", "газпром"),
        ("Банк ВТБ (ПАО)", "банк втб"),
        ("ПАО НК Роснефть", "нк роснефть"),
        ("Apple Inc.", "apple"),
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
    ],
)
def test_name_key_drops_legal_forms_around_the_name(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(("name", "expected"), [("ПАО", "пао"), ("ООО", "ооо"), ("АО", "ао")])
def test_name_key_keeps_a_legal_form_that_is_the_whole_name(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  Газпром   нефть ", "газпром нефть"),
        ("Газпром\nнефть", "газпром нефть"),
        ("Газпром-нефть", "газпром-нефть"),
        ("-Газпром-", "газпром"),
        ("ВЭБ.РФ", "вэб рф"),
        ("Сбербанк!", "сбербанк"),
        ("Россия — Китай", "россия китай"),
    ],
)
def test_name_key_folds_spacing_and_punctuation(name, expected):
    assert name_key(name) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ПАО «Газпром»", "Газпром"),
        ("АО \"РЖД\"", "РЖД"),
        ("Ёлкин", "ЕЛКИН"),
        ("ООО  «Ромашка»", "ромашка, ООО"),
    ],
)
def test_names_of_one_entity_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Газпром", "Газпром нефть"), ("Россия", "Банк «Россия»")])
def test_names_of_different_entities_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("«Газпром»", "Газпром"),
        ('"Роснефть"', "Роснефть"),
        ("„Ромашка“", "Ромашка"),
        ("  «АСИ»  ", "АСИ"),
        ("«Газпром", "Газпром"),
        ("Газпром»", "Газпром"),
        ("ПАО «Газпром", "ПАО Газпром"),
        ("ПАО Газпром»", "ПАО Газпром"),
        ("Агентство  стратегических\nинициатив", "Агентство стратегических инициатив"),
        ("Газпром", "Газпром"),
    ],
)
def test_strip_quotes_removes_surrounding_and_unbalanced_quotes(name, expected):
    assert strip_quotes(name) == expected


@pytest.mark.parametrize(
    "name",
    ["ООО «Ромашка» и партнёры", 'ПАО "Газпром" и партнёры', "Банк «Россия» в Петербурге"],
)
def test_strip_quotes_keeps_balanced_inner_quotes(name):
    assert strip_quotes(name) == name


@pytest.mark.parametrize("name", ["ООО “Ромашка” и партнёры", "ООО „Ромашка“ и партнёры"])
def test_strip_quotes_keeps_balanced_inner_low_and_english_quotes(name):
    assert strip_quotes(name) == name


@pytest.mark.parametrize("name", ["ПАО «Газпром»", "ООО „Ромашка“"])
def test_strip_quotes_keeps_balanced_quotes_that_end_the_name(name):
    assert strip_quotes(name) == name


@pytest.mark.parametrize(("name", "expected"), [('Банк "Россия"', 'Банк "Россия"'), ('Банк "Россия', "Банк Россия")])
def test_strip_quotes_keeps_balanced_straight_quotes_and_drops_a_lone_one(name, expected):
    assert strip_quotes(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Агентство стратегических инициатив", "аси"),
        ("Российский фонд прямых инвестиций", "рфпи"),
        ("Министерство иностранных дел", "мид"),
        ("Шанхайская организация сотрудничества", "шос"),
        ("Организация Объединённых Наций", "оон"),
        ("Федеральная служба безопасности", "фсб"),
        ("Российские железные дороги", "ржд"),
    ],
)
def test_acronym_takes_the_first_letter_of_each_word(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Министерство по чрезвычайным ситуациям", "мчс"),
        ("Фонд развития Дальнего Востока и Арктики", "фрдва"),
        ("Банк для развития", "бр"),
    ],
)
def test_acronym_skips_prepositions_and_conjunctions(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize(("name", "expected"), [("«Агентство стратегических инициатив»", "аси"), ("", "")])
def test_acronym_ignores_punctuation(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize(
    "name",
    ["АСИ", "МИД", "РФПИ", "ВТБ", "ЦБ", "РФ", "США", "ООН", "КНР", "IMCO", "«АСИ»", "ВЭБ.РФ", "ГосНИИ"],
)
def test_is_abbreviation_accepts_short_upper_case_words(name):
    assert is_abbreviation(name)


@pytest.mark.parametrize(
    "name",
    [
        "Газпром",
        "Ростех",
        "АвтоВАЗ",
        "МинФин",
        "А",
        "Банк ВТБ",
        "РЖД США",
        "ГОСКОРПОРАЦИЯРОСТЕХ",
        "Агентство стратегических инициатив",
        "",
    ],
)
def test_is_abbreviation_rejects_words_and_phrases(name):
    assert not is_abbreviation(name)
