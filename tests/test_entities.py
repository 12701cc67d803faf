"""Grouping mentions into entities within an article (each rule has a test)."""

from __future__ import annotations

import pytest

from pipeline.resolve.entities import place_entity_id, resolve_entities
from pipeline.resolve.geo import get_resolver


def _entities(annotate, text: str) -> dict[str, tuple]:
    doc = annotate(text)
    entities, _ = resolve_entities(doc, get_resolver())
    return {e.name: (e.type, e.kind, e.country, e.n_mentions) for e in entities}


def _groups(annotate, text: str) -> list[set[str]]:
    doc = annotate(text)
    _, ids = resolve_entities(doc, get_resolver())
    groups: dict[str, set[str]] = {}
    for mention, eid in zip(doc.mentions, ids, strict=True):
        groups.setdefault(eid, set()).add(mention.text)
    return sorted(groups.values(), key=lambda g: sorted(g))


def test_full_name_and_abbreviation_in_brackets_are_one_entity(annotate) -> None:
    groups = _groups(annotate, "Агентство стратегических инициатив (АСИ) подписало декларацию. АСИ довольно.")
    assert {"Агентство стратегических инициатив", "АСИ"} in groups


def test_an_acronym_joins_the_name_whose_initials_it_spells(annotate) -> None:
    text = "Агентство стратегических инициатив провело форум. Позже АСИ подвело итоги."
    assert {"Агентство стратегических инициатив", "АСИ"} in _groups(annotate, text)


def test_a_surname_alone_joins_the_full_name(annotate) -> None:
    text = "Наталья Сергунина открыла форум. Сергунина отметила рост экспорта."
    assert {"Наталья Сергунина", "Сергунина"} in _groups(annotate, text)


def test_case_forms_are_one_entity_with_a_nominative_name(annotate) -> None:
    entities = _entities(annotate, "Китай и Россия договорились. Соглашение с Китаем подписано.")
    assert entities["Китай"][3] == 2


def test_places_resolve_through_the_gazetteer(annotate) -> None:
    entities = _entities(annotate, "Делегация КНР прибыла в Шанхай.")
    assert entities["Китай"][:3] == ("LOC", "country", "CHN")
    assert entities["Шанхай"][:3] == ("LOC", "city", "CHN")


def test_international_bodies_are_organisations_without_country(annotate) -> None:
    entities = _entities(annotate, "Россия направила письмо в ООН.")
    type_, kind, country, _ = next(v for k, v in entities.items() if "ООН" in k or "Организация" in k)
    assert (type_, kind, country) == ("ORG", "international", None)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("АСИ и китайский саунд-поставщик International Music Collaboration Organization (IMCO) "
         "заключили декларацию.", "International Music Collaboration Organization", "CHN"),
        ("Министерство обороны США опубликовало доклад.", "Министерство обороны США", "USA"),
    ],
)
def test_organisations_get_the_country_the_text_gives(annotate, text: str, name: str, country: str) -> None:
    entities = _entities(annotate, text)
    assert entities[name][2] == country


def test_entity_ids_are_the_same_in_different_articles(annotate) -> None:
    first = {e.name: e.entity_id for e in resolve_entities(annotate("Москва и Пекин."), get_resolver())[0]}
    second = {e.name: e.entity_id for e in resolve_entities(annotate("В Москве тепло."), get_resolver())[0]}
    assert first["Москва"] == second["Москва"]


def test_an_adjective_place_and_a_named_place_share_one_id() -> None:
    geo = get_resolver()
    assert place_entity_id(geo.lookup_adjective("турецкие")) == place_entity_id(geo.lookup("Турция"))
