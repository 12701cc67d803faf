"""Places and countries: pipeline.resolve.geo on Russian place names, adjectives and org names."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from pipeline.resolve import geo_data
from pipeline.resolve.geo import DATA_FILE, GeoResolver, Place, get_resolver


@pytest.fixture(scope="module")
def geo() -> GeoResolver:
    return get_resolver()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Китай", ("Китай", "country", "CHN")),
        ("Китаем", ("Китай", "country", "CHN")),
        ("КНР", ("Китай", "country", "CHN")),
        ("Поднебесная", ("Китай", "country", "CHN")),
        ("Поднебесной", ("Китай", "country", "CHN")),
        ("«Китай»", ("Китай", "country", "CHN")),
        ("Шанхай", ("Шанхай", "city", "CHN")),
        ("Шанхае", ("Шанхай", "city", "CHN")),
        ("Стамбул", ("Стамбул", "city", "TUR")),
        ("Циндао", ("Циндао", "city", "CHN")),
        ("Ханчжоу", ("Ханчжоу", "city", "CHN")),
        ("Калужская область", ("Калужская область", "region", "RUS")),
        ("Калужской области", ("Калужская область", "region", "RUS")),
        ("Свердловская", ("Свердловская область", "region", "RUS")),
        ("Подмосковье", ("Московская область", "region", "RUS")),
        ("Москва", ("Москва", "city", "RUS")),
        ("Москве", ("Москва", "city", "RUS")),
        ("Санкт-Петербург", ("Санкт-Петербург", "city", "RUS")),
        ("Санкт-Петербурга", ("Санкт-Петербург", "city", "RUS")),
        ("Петербург", ("Санкт-Петербург", "city", "RUS")),
        ("РФ", ("Россия", "country", "RUS")),
        ("Россия", ("Россия", "country", "RUS")),
        ("России", ("Россия", "country", "RUS")),
        ("Российской Федерации", ("Россия", "country", "RUS")),
        ("США", ("США", "country", "USA")),
        ("Штаты", ("США", "country", "USA")),
        ("Штатах", ("США", "country", "USA")),
        ("Америка", ("США", "country", "USA")),
        ("Соединённые Штаты Америки", ("США", "country", "USA")),
        ("Соединенных Штатов Америки", ("США", "country", "USA")),
        ("Великобритания", ("Великобритания", "country", "GBR")),
        ("Британия", ("Великобритания", "country", "GBR")),
        ("Англия", ("Великобритания", "country", "GBR")),
        ("Соединённого Королевства Великобритании и Северной Ирландии", ("Великобритания", "country", "GBR")),
        ("ФРГ", ("Германия", "country", "DEU")),
        ("СССР", ("СССР", "country", "SUN")),
        ("Советского Союза", ("СССР", "country", "SUN")),
        ("Югославии", ("Югославия", "country", "YUG")),
        ("Чехословакия", ("Чехословакия", "country", "CSK")),
        ("Евросоюз", ("Европейский союз", "international", None)),
        ("ЕС", ("Европейский союз", "international", None)),
        ("Донбасс", ("Донбасс", "region", "UKR")),
        ("Крым", ("Крым", "region", None)),
        ("Приднестровье", ("Приднестровье", "region", "MDA")),
        ("Абхазия", ("Абхазия", "country", None)),
        ("Южная Осетия", ("Южная Осетия", "country", None)),
        ("Южной Осетией", ("Южная Осетия", "country", None)),
        ("Сухум", ("Сухум", "city", None)),
        ("Цхинвал", ("Цхинвал", "city", None)),
        ("ЛНР", ("Луганская Народная Республика", "region", None)),
        ("ДНР", ("Донецкая Народная Республика", "region", None)),
        ("Косово", ("Косово", "country", "XKX")),
        ("Палестина", ("Палестина", "country", "PSE")),
        ("Тайвань", ("Тайвань", "country", "TWN")),
        ("Гагаузия", ("Гагаузия", "region", "MDA")),
        ("Республики Саха (Якутия)", ("Республика Саха (Якутия)", "region", "RUS")),
        ("Якутия", ("Республика Саха (Якутия)", "region", "RUS")),
        ("Башкирия", ("Республика Башкортостан", "region", "RUS")),
        ("Башкортостан", ("Республика Башкортостан", "region", "RUS")),
        ("Приморский край", ("Приморский край", "region", "RUS")),
        ("Приморского края", ("Приморский край", "region", "RUS")),
        ("Приморье", ("Приморский край", "region", "RUS")),
        ("Кубань", ("Краснодарский край", "region", "RUS")),
        ("Урал", ("Урал", "region", "RUS")),
        ("Сибирь", ("Сибирь", "region", "RUS")),
        ("Дальнего Востока", ("Дальний Восток", "region", "RUS")),
        (
            "Ханты-Мансийского автономного округа — Югры",
            ("Ханты-Мансийский автономный округ — Югра", "region", "RUS"),
        ),
        ("Ляонин", ("Ляонин", "region", "CHN")),
        ("Синьцзян", ("Синьцзян-Уйгурский автономный район", "region", "CHN")),
        ("Гуандун", ("Гуандун", "region", "CHN")),
        ("Бавария", ("Бавария", "region", "DEU")),
        ("Калифорнии", ("Калифорния", "region", "USA")),
        ("Техас", ("Техас", "region", "USA")),
        ("Аляска", ("Аляска", "region", "USA")),
        ("Шотландия", ("Шотландия", "region", "GBR")),
        ("Каталония", ("Каталония", "region", "ESP")),
        ("Новосибирск", ("Новосибирск", "city", "RUS")),
        ("Казани", ("Казань", "city", "RUS")),
        ("Владивосток", ("Владивосток", "city", "RUS")),
        ("Благовещенск", ("Благовещенск", "city", "RUS")),
        ("Сочи", ("Сочи", "city", "RUS")),
        ("Калининград", ("Калининград", "city", "RUS")),
        ("Самаре", ("Самара", "city", "RUS")),
        ("Нижнем Новгороде", ("Нижний Новгород", "city", "RUS")),
        ("Ростове-на-Дону", ("Ростов-на-Дону", "city", "RUS")),
        ("Ставрополь", ("Ставрополь", "city", "RUS")),
        ("Орла", ("Орёл", "city", "RUS")),
        ("Орел", ("Орёл", "city", "RUS")),
        ("Китай,", ("Китай", "country", "CHN")),
        ("(Москва)", ("Москва", "city", "RUS")),
        ("„Шанхай“.", ("Шанхай", "city", "CHN")),
        ("Севастополь", ("Севастополь", "city", None)),
        ("Донецк", ("Донецк", "city", None)),
        ("Луганск", ("Луганск", "city", None)),
        ("Тирасполь", ("Тирасполь", "city", "MDA")),
        ("Киеве", ("Киев", "city", "UKR")),
        ("Нью-Йорке", ("Нью-Йорк", "city", "USA")),
        ("Вашингтоне", ("Вашингтон", "city", "USA")),
        ("Женеве", ("Женева", "city", "CHE")),
        ("Тайбэе", ("Тайбэй", "city", "TWN")),
        ("Ханое", ("Ханой", "city", "VNM")),
        ("Южные Курилы", ("Южные Курилы", "region", "RUS")),
        ("Европы", ("Европа", "region", None)),
        ("Молдавии", ("Молдавия", "country", "MDA")),
        ("Молдова", ("Молдавия", "country", "MDA")),
        ("Беларусь", ("Белоруссия", "country", "BLR")),
        ("Киргизии", ("Киргизия", "country", "KGZ")),
        ("Туркмения", ("Туркменистан", "country", "TKM")),
        ("Северной Кореи", ("Северная Корея", "country", "PRK")),
        ("Объединённых Арабских Эмиратов", ("ОАЭ", "country", "ARE")),
        ("Голландии", ("Нидерланды", "country", "NLD")),
        ("China", ("Китай", "country", "CHN")),
    ],
)
def test_lookup_resolves_place_names_in_any_case_form(geo, text, expected):
    assert geo.lookup(text) == Place(*expected)


@pytest.mark.parametrize(
    "text", ["Газпром", "Путин", "Мир", "Мира", "Победа", "Победы", "Запад", "", "   ", "«»"]
)
def test_lookup_returns_none_for_words_and_names_that_are_not_places(geo, text):
    assert geo.lookup(text) is None


def test_lookup_returns_none_for_non_strings(geo):
    assert geo.lookup(None) is None  # type: ignore[arg-type]
    assert geo.lookup_adjective(42) is None  # type: ignore[arg-type]
    assert geo.country_in_name(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("китайский", "Китай"), ("китайские", "Китай"), ("китайского", "Китай"), ("турецкие", "Турция"),
        ("российская", "Россия"), ("Российской", "Россия"), ("русские", "Россия"),
        ("американский", "США"), ("московские", "Москва"), ("петербургский", "Санкт-Петербург"),
        ("европейский", "Европейский союз"), ("советский", "СССР"), ("британские", "Великобритания"),
        ("немецких", "Германия"), ("французская", "Франция"), ("японский", "Япония"),
        ("корейские", "Южная Корея"), ("южнокорейские", "Южная Корея"), ("северокорейский", "Северная Корея"),
        ("казахстанская", "Казахстан"), ("казахский", "Казахстан"), ("узбекские", "Узбекистан"),
        ("саудовской", "Саудовская Аравия"), ("эмиратские", "ОАЭ"), ("грузинская", "Грузия"),
        ("армянский", "Армения"), ("украинской", "Украина"), ("белорусские", "Белоруссия"),
        ("молдавская", "Молдавия"), ("румынскую", "Румыния"), ("сирийская", "Сирия"),
        ("греческие", "Греция"), ("шведские", "Швеция"), ("вьетнамской", "Вьетнам"), ("иранской", "Иран"),
        ("приднестровские", "Приднестровье"), ("абхазские", "Абхазия"), ("киевский", "Киев"),
        ("шанхайский", "Шанхай"), ("новосибирских", "Новосибирск"), ("свердловской", "Свердловская область"),
        ("уральских", "Урал"), ("сибирские", "Сибирь"), ("баварский", "Бавария"),
        ("китаец", "Китай"), ("китайцы", "Китай"), ("турки", "Турция"), ("американцы", "США"),
        ("американцев", "США"), ("россияне", "Россия"), ("москвичи", "Москва"), ("немцы", "Германия"),
        ("британец", "Великобритания"), ("англичане", "Великобритания"), ("японцы", "Япония"),
        ("украинцы", "Украина"), ("Румыны", "Румыния"),
    ],
)
def test_lookup_adjective_maps_adjectives_and_demonyms_to_their_place(geo, word, expected):
    place = geo.lookup_adjective(word)
    assert place is not None and place.name == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("российско-американские", "RUS"), ("франко-британский", "FRA"), ("китайско-российского", "CHN"),
     ("американо-российские", "USA"), ("российско", "RUS")],
)
def test_lookup_adjective_gives_the_first_country_of_a_compound(geo, word, expected):
    place = geo.lookup_adjective(word)
    assert place is not None and place.country == expected


@pytest.mark.parametrize(
    "word",
    ["королевский", "штатский", "столичный", "грецкий", "братский", "арабский", "новый", "венец",
     "северо-западный", "хороший", "Газпром", ""],
)
def test_lookup_adjective_returns_none_for_ordinary_words(geo, word):
    assert geo.lookup_adjective(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ООН", "ООН"), ("БРИКС", "БРИКС"), ("БРИКС+", "БРИКС+"), ("ЕС", "Европейский союз"),
        ("Евросоюз", "Европейский союз"), ("Евросоюзом", "Европейский союз"),
        ("Европейский союз", "Европейский союз"), ("Европейского союза", "Европейский союз"),
        ("НАТО", "НАТО"), ("ШОС", "Шанхайская организация сотрудничества"),
        ("ОДКБ", "Организация Договора о коллективной безопасности"),
        ("ВТО", "Всемирная торговая организация"),
        ("МВФ", "Международный валютный фонд"), ("ЕАЭС", "Евразийский экономический союз"),
        ("СНГ", "Содружество Независимых Государств"), ("АСЕАН", "АСЕАН"), ("G20", "Большая двадцатка"),
        ("Большой двадцатки", "Большая двадцатка"), ("ОПЕК", "ОПЕК"), ("ОПЕК+", "ОПЕК+"),
        ("МАГАТЭ", "МАГАТЭ"),
        ("ВОЗ", "Всемирная организация здравоохранения"), ("ЮНЕСКО", "ЮНЕСКО"),
        ("ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"),
        ("ПАСЕ", "Парламентская ассамблея Совета Европы"), ("Совет Европы", "Совет Европы"),
        ("Всемирный банк", "Всемирный банк"), ("Всемирного банка", "Всемирный банк"),
        ("Еврокомиссия", "Европейская комиссия"), ("Европарламент", "Европейский парламент"),
        ("АТЭС", "Азиатско-Тихоокеанское экономическое сотрудничество"),
        ("Совет безопасности ООН", "Совет Безопасности ООН"),
    ],
)
def test_international_resolves_bodies_with_no_country(geo, text, expected):
    assert geo.international(text) == Place(expected, "international", None)


@pytest.mark.parametrize("text", ["Китай", "Москва", "Европа", "Газпром", "Путин", ""])
def test_international_returns_none_for_places_and_other_names(geo, text):
    assert geo.international(text) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("МИД России", "RUS"), ("Министерство обороны США", "USA"), ("ВВС США", "USA"),
        ("Национальный банк Украины", "UKR"), ("Администрация Санкт-Петербурга", "RUS"),
        ("российская компания Х", "RUS"), ("Правительство Молдавии", "MDA"),
        ("китайская корпорация CNPC", "CHN"), ("НАК «Нафтогаз Украины»", "UKR"),
        ("Федерация шахмат Новосибирской области", "RUS"), ("Мэрия Новосибирска", "RUS"),
        ("Партия социалистов Республики Молдова", "MDA"), ("Казахстанские пассажирские перевозки", "KAZ"),
        ("Вооружённые силы Российской Федерации", "RUS"), ("Либерально-демократическая партия Японии", "JPN"),
        ("Министр иностранных дел Бангладеша", "BGD"), ("Тираспольтрансгаз – Приднестровье", "MDA"),
        ("Aerospace Industry Corporation of China", "CHN"),
        ("Постоянное представительство России при ООН", "RUS"),
        ("Государственный департамент США", "USA"), ("Сирийская арабская армия", "SYR"),
    ],
)
def test_country_in_name_finds_the_country_an_organisation_name_states(geo, name, expected):
    assert geo.country_in_name(name) == expected


@pytest.mark.parametrize(
    "name",
    ["Газпром", "Совет безопасности ООН", "Европейский банк реконструкции и развития", "Пентагон",
     "Агентство стратегических инициатив", "Королевский военно-морской флот", "Народная милиция ДНР",
     "", "  "],
)
def test_country_in_name_returns_none_when_the_name_states_no_country(geo, name):
    assert geo.country_in_name(name) is None


def test_get_resolver_is_a_cached_singleton():
    assert get_resolver() is get_resolver()


def test_resolver_survives_pickling_for_process_pools(geo):
    copy = pickle.loads(pickle.dumps(geo))
    assert copy.lookup("Шанхае") == Place("Шанхай", "city", "CHN")
    assert copy.country_in_name("МИД России") == "RUS"


def test_place_is_frozen_and_hashable(geo):
    place = geo.lookup("Китай")
    assert place is not None and hash(place) == hash(Place("Китай", "country", "CHN"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Пекин"  # type: ignore[misc]


def test_every_hand_kept_adjective_and_alias_points_to_a_known_place(geo):
    names = {*geo_data.ADJECTIVES.values(), *geo_data.DEMONYMS.values(), *geo_data.CITY_ALIASES.values()}
    unknown = sorted(n for n in names if (p := geo.lookup(n)) is None or p.name != n)
    assert unknown == []


def test_all_russian_oblasts_and_krais_resolve_to_russia(geo):
    names = [f"{a} область" for a in geo_data.RU_OBLASTS] + [f"{a} край" for a in geo_data.RU_KRAIS]
    assert len(geo_data.RU_OBLASTS) + 2 == 48 and len(geo_data.RU_KRAIS) == 9  # + Запорожская, Херсонская
    assert {n: getattr(geo.lookup(n), "country", None) for n in names} == dict.fromkeys(names, "RUS")


def test_generated_city_data_is_shipped_and_loaded(geo):
    assert DATA_FILE.exists()
    assert geo.lookup("Улан-Удэ") == Place("Улан-Удэ", "city", "RUS")


def test_resolver_without_generated_data_still_knows_countries_regions_and_bodies():
    bare = GeoResolver(generated={})
    assert bare.lookup("Китаем") == Place("Китай", "country", "CHN")
    assert bare.lookup("Калужской области") == Place("Калужская область", "region", "RUS")
    assert bare.international("ООН") == Place("ООН", "international", None)
    assert bare.lookup("Шанхай") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ближний Восток", True), ("Юго-Восточная Азия", True), ("Индо-Тихоокеанский регион", True),
     ("Шотландия", False), ("Луганская Народная Республика", False), ("Франция", False)],
)
def test_world_regions_are_known_as_such(name: str, expected: bool) -> None:
    assert get_resolver().is_macroregion(name) is expected


@pytest.mark.parametrize(
    ("word", "city"),
    [("Бангкокский", "Бангкок"), ("Пусанский", "Пусан"), ("Харбинский", "Харбин"),
     ("Королевский", None), ("Братский", None), ("морской", None)],
)
def test_an_unknown_adjective_made_from_a_city_name_points_to_the_city(word: str, city: str | None) -> None:
    place = get_resolver().lookup_adjective(word)
    assert (place.name if place else None) == city


@pytest.mark.parametrize(("code", "name"), [("USA", "США"), ("RUS", "Россия"), ("XXX", None), (None, None)])
def test_a_country_is_found_by_its_code(code: str | None, name: str | None) -> None:
    place = get_resolver().country(code)
    assert (place.name if place else None) == name


@pytest.mark.parametrize(
    ("name", "place"),
    [("Молдовагаз", "Молдавия"), ("Тираспольтрансгаз", "Тирасполь"), ("Ташкентгаз", "Ташкент"),
     ("Ростелеком", None), ("Газпром", None), ("Мосэнерго", None), ("Молдова", None)],
)
def test_a_place_that_begins_a_company_name_is_found(name: str, place: str | None) -> None:
    found = get_resolver().place_prefix(name)
    assert (found.name if found else None) == place
