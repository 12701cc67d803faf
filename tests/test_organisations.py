"""The index of well-known organisations and office holders (pipeline.resolve.organisations, org_data)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pycountry
import pytest

from pipeline.resolve import org_data
from pipeline.resolve.geo import get_resolver
from pipeline.resolve.names import core_key, name_key
from pipeline.resolve.organisations import DOMINANT_MIN, dominant_country, get_index


def _all_names() -> list[tuple[str, str, str]]:
    """(written name, canonical name, country or "") of every organisation entry and alias."""
    rows = [(alias, name, country) for country, entries in org_data.ORGANISATIONS.items()
            for name, aliases in entries.items() for alias in (name, *aliases)]
    rows += [(alias, name, "") for name, aliases in org_data.MULTINATIONAL.items() for alias in (name, *aliases)]
    return rows


# --- the data ----------------------------------------------------------------------------------


def test_countries_are_iso_3166_alpha_3() -> None:
    codes = set(org_data.ORGANISATIONS) | set(org_data.OFFICE_HOLDERS)
    assert {c for c in codes if pycountry.countries.get(alpha_3=c) is None} == set()


def test_the_index_holds_a_few_hundred_organisations() -> None:
    assert sum(len(entries) for entries in org_data.ORGANISATIONS.values()) >= 300


def test_no_name_belongs_to_two_organisations() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for alias, name, _ in _all_names():
        for key in {core_key(alias), name_key(alias)}:
            owners[key].add(name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_organisation_name_is_a_country_name() -> None:
    geo = get_resolver()
    clashes = [alias for alias, _, _ in _all_names()
               if (place := geo.lookup(alias)) is not None and place.kind == "country"]
    assert clashes == []


def test_state_bodies_without_a_country_are_not_known_organisations() -> None:
    index = get_index()
    assert [n for n in org_data.STATE_BODIES if n.strip() and index.lookup(n) is not None] == []


def test_international_bodies_of_the_gazetteer_are_not_repeated() -> None:
    geo = get_resolver()
    assert [alias for alias, _, _ in _all_names() if geo.international(alias) is not None] == []


def test_no_office_holder_is_listed_for_two_countries() -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    for country, people in org_data.OFFICE_HOLDERS.items():
        for entry in people:
            countries[name_key(entry.split("|")[0])].add(country)
    assert {k: v for k, v in countries.items() if len(v) > 1} == {}


# --- lookups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "canonical", "country"),
    [
        ("ПАО «Газпром»", "Газпром", "RUS"),
        ("Газпром", "Газпром", "RUS"),
        ("Госдеп", "Государственный департамент США", "USA"),
        ("Госдепартамент США", "Государственный департамент США", "USA"),
        ("Министерство обороны США", "Пентагон", "USA"),
        ("НАК «Нафтогаз Украины»", "Нафтогаз Украины", "UKR"),
        ("Нафтогаз", "Нафтогаз Украины", "UKR"),
        ("Концерн «Антонов»", "Антонов", "UKR"),
        ("Государственное предприятие «Антонов»", "Антонов", "UKR"),
        ("Госдума", "Государственная дума", "RUS"),
        ("Верховная Рада", "Верховная рада", "UKR"),
        ("Бундестаг", "Бундестаг", "DEU"),
        ("МИД РФ", "Министерство иностранных дел России", "RUS"),
        ("ВС РФ", "Вооружённые силы России", "RUS"),
        ("Wintershall Dea", "Wintershall", "DEU"),
        ("Силы самообороны", "Силы самообороны Японии", "JPN"),
        ("Агентство стратегических инициатив", "Агентство стратегических инициатив", "RUS"),
        ("АСИ", "Агентство стратегических инициатив", "RUS"),
    ],
)
def test_known_organisations_are_found_in_any_written_form(name, canonical, country) -> None:
    org = get_index().lookup(name)
    assert org is not None
    assert (org.name, org.country, org.kind) == (canonical, country, "organisation")


def test_multinational_companies_have_no_country() -> None:
    org = get_index().lookup("Airbus")
    assert org is not None
    assert (org.country, org.kind) == (None, "international")


@pytest.mark.parametrize("name", ["МИД", "Минобороны", "Министерство обороны", "Правительство", "Генштаб", "ЦБ"])
def test_state_bodies_without_a_country_are_not_guessed(name) -> None:
    index = get_index()
    assert index.lookup(name) is None
    assert index.is_state_body(name)


@pytest.mark.parametrize("name", ["Банк «Россия»", "Ромашка", "Министерство обороны Франции", "Центр материалов"])
def test_other_names_are_unknown(name) -> None:
    assert get_index().lookup(name) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Сергей Лавров", "RUS"),
        ("Лавров", "RUS"),
        ("Лаврова", "RUS"),  # a case form
        ("С. Лавров", "RUS"),  # an initial
        ("Синдзо Абэ", "JPN"),
        ("Си", "CHN"),  # a listed short form: the family name comes first
        ("Клинтон", "USA"),  # two listed people, one country
        ("Кастро", "CUB"),
        ("Барак Обамы", "USA"),
        ("Иван Лавров", None),  # another first name: another person
        ("Иван Петров", None),
    ],
)
def test_office_holders_give_their_country(name, country) -> None:
    assert get_index().person_country(name) == country


def test_office_holders_give_their_listed_spelling() -> None:
    assert [p.name for p in get_index().office_holders("Петр Порошенко")] == ["Пётр Порошенко"]


# --- the article's dominant country ------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (Counter({"JPN": 5, "CHN": 2, "USA": 1}), "JPN"),
        (Counter({"JPN": 2, "CHN": 2, "USA": 2}), None),  # no country has the share
        (Counter({"RUS": DOMINANT_MIN - 1}), None),  # too few mentions
        (Counter(), None),
    ],
)
def test_dominant_country(counts, expected) -> None:
    assert dominant_country(counts) == expected


@pytest.mark.parametrize(
    ("name", "parent"),
    [("Газпромсбыт-Украина", "Газпром"), ("Газпромэкспорт-Украина", "Газпром"), ("Роснефть-Германия", "Роснефть"),
     ("Альфа-Групп", None), ("Газпром", None)],
)
def test_a_subsidiary_built_on_a_known_name_belongs_to_its_parent(name: str, parent: str | None) -> None:
    org = get_index().subsidiary_of(name)
    assert (org.name if org else None) == parent
