"""Grouping mentions into entities within an article (each rule has a test)."""

from __future__ import annotations

import pytest

from pipeline.resolve.entities import place_entity_id, resolve_entities
from pipeline.resolve.geo import get_resolver
from pipeline.resolve.names import core_key, display_name
from pipeline.types import EntityMention


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


# --- grouping rules (pipeline.resolve.grouping), one parametrised test each -----------------------


def _with_mentions(annotate, text: str, spans: list[tuple[str, str, str]]):
    """An annotated ``text`` whose NER mentions are replaced by ``spans`` (fragment, type, normal):
    for rules about NER errors that real sentences do not reproduce reliably."""
    doc = annotate(text)
    mentions, pos = [], 0
    for fragment, type_, normal in spans:
        start = text.index(fragment, pos)
        stop = start + len(fragment)
        sent_id = next(s.sent_id for s in doc.sentences if s.start <= start < s.stop)
        mentions.append(EntityMention(sent_id, start, stop, fragment, type_, normal))
        pos = stop
    doc.mentions = mentions
    return doc


def _mention_groups(doc) -> list[set[str]]:
    _, ids = resolve_entities(doc, get_resolver())
    groups: dict[str, set[str]] = {}
    for mention, eid in zip(doc.mentions, ids, strict=True):
        groups.setdefault(eid, set()).add(mention.text)
    return list(groups.values())


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Китай и Россия договорились. Соглашение с Китаем подписано.", {"Китай", "Китаем"}),
        ("ПАО «Газпром» подписало контракт. Позже «Газпромом» был выпущен отчёт.", {"ПАО «Газпром»", "Газпромом"}),
        ("Концерн «Антонов» построил самолёт. Представители «Антонова» рассказали о планах.",
         {"Концерн «Антонов»", "Антонова"}),
        ("Духовный центр «Возрождение» провёл собрание. Лидер «Возрождения» выступил.",
         {"Духовный центр «Возрождение»", "Возрождения"}),
        ("Концерн «Ромашка» подписал контракт. ООО «Ромашка» сообщило об этом.",
         {"Концерн «Ромашка»", "ООО «Ромашка»"}),
    ],
)
def test_rule_1_case_forms_quotes_and_organisational_forms_are_one_entity(annotate, text, group) -> None:
    assert group in _groups(annotate, text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Делегация КНР прибыла в Москву. Соглашение с Китаем подписано.", {"КНР", "Китаем"}),
        ("Госдеп выступил с заявлением. Государственный департамент США уточнил позицию.",
         {"Госдеп", "Государственный департамент США"}),
    ],
)
def test_rule_2_places_and_known_organisations_are_one_entity_in_any_form(annotate, text, group) -> None:
    assert group in _groups(annotate, text)


@pytest.mark.parametrize(
    ("text", "spans", "group", "type_"),
    [
        ("Синдзо Абэ выиграл выборы. Сохранение власти Абэ обсуждают.",
         [("Синдзо Абэ", "PER", "Синдзо Абэ"), ("Абэ", "LOC", "Абэ")], {"Синдзо Абэ", "Абэ"}, "PER"),
        ("Пентагон опубликовал доклад. В Пентагоне его обсудили.",
         [("Пентагон", "ORG", "Пентагон"), ("Пентагоне", "LOC", "Пентагон")], {"Пентагон", "Пентагоне"}, "ORG"),
    ],
)
def test_rule_3_an_unknown_place_named_like_a_person_or_organisation_is_it(annotate, text, spans, group,
                                                                           type_) -> None:
    doc = _with_mentions(annotate, text, spans)
    entities, _ = resolve_entities(doc, get_resolver())
    assert group in _mention_groups(doc)
    assert [e.type for e in entities] == [type_]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Ассоциация молодых предпринимателей (АМП) провела форум. АМП довольна.",
         {"Ассоциация молодых предпринимателей", "АМП"}),
        ("Ассоциация молодых предпринимателей провела форум. Позже АМП подвела итоги.",
         {"Ассоциация молодых предпринимателей", "АМП"}),
        ("Министерство сельского хозяйства Казахстана провело совещание. МСХ Казахстана уточнило данные.",
         {"Министерство сельского хозяйства Казахстана", "МСХ Казахстана"}),
        # a known abbreviation spelled out in the text
        ("Коалиция в составе Либерально-демократической партии (ЛДП) и партии Комэйто победила.",
         {"Либерально-демократической партии", "ЛДП"}),
    ],
)
def test_rule_4_an_abbreviation_joins_its_full_name(annotate, text, group) -> None:
    assert group in _groups(annotate, text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Нафтогаз Украины подписал контракт. Позже «Нафтогаз» отказался от него.", {"Нафтогаз Украины", "Нафтогаз"}),
        ("Народное собрание Гагаузии приняло закон. Депутаты Народного собрания обсудили бюджет.",
         {"Народное собрание Гагаузии", "Народного собрания"}),
    ],
)
def test_rule_5_an_organisation_joins_its_name_with_a_place(annotate, text, group) -> None:
    assert group in _groups(annotate, text)


@pytest.mark.parametrize(
    ("text", "spans", "group"),
    [
        ("В Шанхае на сезоне IMX АСИ и IMCO подписали декларацию. АСИ довольно.",
         [("IMX АСИ", "ORG", "IMX АСИ"), ("IMCO", "ORG", "IMCO"), ("АСИ", "ORG", "АСИ")], {"IMX АСИ", "АСИ"}),
        ("Лавров провёл переговоры с Валидом Муаллемом Лавров заявил. Валид Муаллем доволен.",
         [("Лавров", "PER", "Лавров"), ("Валидом Муаллемом Лавров", "PER", "Валид Муаллем Лавров"),
          ("Валид Муаллем", "PER", "Валид Муаллем")], {"Валидом Муаллемом Лавров", "Валид Муаллем"}),
        ("Сергей Лавров провёл переговоры с Валидом Муаллемом Лавров заявил. Валид Муаллем и Лавров довольны.",
         [("Сергей Лавров", "PER", "Сергей Лавров"), ("Валидом Муаллемом Лавров", "PER", "Валид Муаллем Лавров"),
          ("Валид Муаллем", "PER", "Валид Муаллем"), ("Лавров", "PER", "Лавров")], {"Сергей Лавров", "Лавров"}),
        ("У Хинна Мунтян позаимствовал концепцию. Владимир Мунтян доволен. Бенни Хинн и Мунтян приехали.",
         [("Хинна Мунтян", "PER", "Хинна Мунтян"), ("Владимир Мунтян", "PER", "Владимир Мунтян"),
          ("Бенни Хинн", "PER", "Бенни Хинн"), ("Мунтян", "PER", "Мунтян")], {"Владимир Мунтян", "Мунтян"}),
    ],
)
def test_rule_6_glued_names_join_what_they_are_made_of(annotate, text, spans, group) -> None:
    assert group in _mention_groups(_with_mentions(annotate, text, spans))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Наталья Сергунина открыла форум. Сергунина отметила рост экспорта.", {"Наталья Сергунина", "Сергунина"}),
        ("Директор центра Екатерина Черкес-заде подчеркнула важность декларации. Черкес-заде отметила рост.",
         {"Екатерина Черкес-заде", "Черкес-заде"}),
        ("Пастор Ральф Нейбор приехал в Киев. Мунтян поблагодарил Нейбора за визит.", {"Ральф Нейбор", "Нейбора"}),
        ("В. Путин провёл совещание. Владимир Путин заявил о росте экономики.", {"В. Путин", "Владимир Путин"}),
        ("Переговоры провели председатель КНР Си Цзиньпин и премьер Японии. Си заявил о важности встречи.",
         {"Си Цзиньпин", "Си"}),
    ],
)
def test_rule_7_a_surname_alone_or_with_initials_joins_the_full_name(annotate, text, group) -> None:
    assert group in _groups(annotate, text)


def test_rule_7_a_hyphenated_surname_stays_whole(annotate) -> None:
    entities = _entities(annotate, "Директор центра Екатерина Черкес-заде выступила. Черкес-заде отметила рост.")
    assert "Екатерина Черкес-заде" in entities
    assert entities["Екатерина Черкес-заде"][3] == 2
    assert "Черкес" not in entities


def test_rule_7_surnames_alone_in_case_forms_are_one_person(annotate) -> None:
    doc = _with_mentions(annotate, "Нейбор приехал. Мунтян поблагодарил Нейбора.",
                         [("Нейбор", "PER", "Нейбор"), ("Мунтян", "PER", "Мунтян"), ("Нейбора", "PER", "Нейбора")])
    assert {"Нейбор", "Нейбора"} in _mention_groups(doc)


@pytest.mark.parametrize(
    ("text", "name", "group"),
    [
        ("12 июля президент Турции Реджеп Тайип Эрдоган заявил, что Евросоюз не прав. Эрдоган недоволен.",
         "Реджеп Тайип Эрдоган", {"Реджеп Тайип", "Эрдоган"}),
        ("Деньги также выделят Албании, Боснии и Герцеговине, Исландии и Сербии.", "Босния и Герцеговина",
         {"Боснии", "Герцеговине"}),
    ],
)
def test_rule_8_a_name_split_in_two_is_put_back_together(annotate, text, name, group) -> None:
    assert name in _entities(annotate, text)
    assert group in _groups(annotate, text)


# --- canonical names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ПАО «Газпром» подписало контракт. «Газпромом» был выпущен отчёт.", "Газпром"),
        ("Концерн «Антонов» построил самолёт.", "Антонов"),
        ("Сергей Лавров и Барак Обама встретились. Лавров поблагодарил Обаму.", "Барак Обама"),
        ("Агентство стратегических инициатив (АСИ) подписало декларацию. АСИ довольно.",
         "Агентство стратегических инициатив"),
    ],
)
def test_the_canonical_name_is_the_fullest_nominative_form(annotate, text, name) -> None:
    assert name in _entities(annotate, text)


def test_an_inflected_surname_takes_its_nominative_from_the_group(annotate) -> None:
    doc = _with_mentions(annotate, "Бенни Хинна пригласили. Хинн приехал.",
                         [("Бенни Хинна", "PER", "Бенни Хинна"), ("Хинн", "PER", "Хинн")])
    entities, _ = resolve_entities(doc, get_resolver())
    assert [e.name for e in entities] == ["Бенни Хинн"]


def test_known_organisations_keep_one_id_whatever_the_written_form(annotate) -> None:
    first = resolve_entities(annotate("ПАО «Газпром» подписало контракт."), get_resolver())[0]
    second = resolve_entities(annotate("Контракт с «Газпромом» продлён."), get_resolver())[0]
    assert {e.entity_id for e in first if e.name == "Газпром"} == {e.entity_id for e in second if e.name == "Газпром"}


# --- countries (pipeline.resolve.countries) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a known organisation
        ("Газпром и Нафтогаз подписали контракт.", "Газпром", "RUS"),
        ("Пентагон опубликовал доклад.", "Пентагон", "USA"),
        ("Годовое собрание концерна «Wintershall» прошло без сюрпризов.", "Wintershall", "DEU"),
        # the country in the name
        ("Министерство обороны США опубликовало доклад.", "Министерство обороны США", "USA"),
        # a nationality adjective before the name or before the noun saying what it is
        ("Российская компания «Ромашка» подписала контракт.", "Ромашка", "RUS"),
        ("Годовое собрание ведущего немецкого нефтегазового концерна «Винтерсхолл» прошло без сюрпризов.",
         "Винтерсхолл", "DEU"),
        ("Во время визита американских конгрессменов «Ромашка» предложила им начать работу.", "Ромашка", None),
        # a unit named with its parent
        ("Директор Центра развития креативной экономики АСИ выступила.", "Центр развития креативной экономики",
         "RUS"),
        # organisations listed after a place
        ("Два соглашения столица заключила с Таиландом — с Агентством креативной экономики и Текстильным "
         "институтом.", "Текстильный институт", "THA"),
        # a verb of location with the place
        ("В Украине с 1997 года действует харизматическая деноминация «Духовный центр «Ромашка».", "Ромашка",
         "UKR"),
        ("Бригада «Север», расквартированная в Гамбурге, провела учения.", "Север", "DEU"),
        ("Шаг обусловлен слиянием «Wintershall» с расквартированной в Гамбурге компанией «Ромашка».", "Ромашка",
         "DEU"),
        ("В Москве прошла встреча, на которой выступила компания «Ромашка».", "Ромашка", None),
        # a state body named without its country: the article's country
        ("Япония увеличивает расходы на оборону. Токио и Осака поддержали решение. Минобороны заявило о росте "
         "бюджета.", "Минобороны", "JPN"),
    ],
)
def test_organisation_countries(annotate, text, name, country) -> None:
    assert _entities(annotate, text)[name][2] == country


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a listed office holder
        ("Лавров заявил о переговорах.", "Лавров", "RUS"),
        # the place or organisation of the office, before the name
        ("Министр иностранных дел Бангладеш Абул Хасан Махмуд Али прибыл в Москву.", "Абул Хасан Махмуд Али",
         "BGD"),
        ("Глава МИД РФ Иван Петров заявил о переговорах.", "Иван Петров", "RUS"),
        # people listed after an office in the plural share it; a singular office is the first's
        ("Министры иностранных дел России Иван Петров и Петр Сидоров провели переговоры.", "Петр Сидоров", "RUS"),
        ("Премьер Японии Синдзо Абэ и Иван Петров провели переговоры.", "Иван Петров", None),
        ("Президент компании «Антонов» Александр Коцюба уточнил планы.", "Александр Коцюба", "UKR"),
        # ... or after it
        ("Иван Петров, глава МИД Белоруссии, заявил о переговорах.", "Иван Петров", "BLR"),
        ("Иван Петров (лидер партии «Батькивщина») выступил с заявлением.", "Иван Петров", "UKR"),
        # a nationality adjective before the noun for the person
        ("Во время встречи Ющенко и его российского коллеги Ивана Петрова речь шла о газе.", "Иван Петров", "RUS"),
        ("Британский премьер Тереза Мэй заявила о переговорах.", "Тереза Мэй", "GBR"),
        # ... past a genitive phrase of origin between the noun and the name
        ("Приехал канадский пастор арабского происхождения Иван Петров.", "Иван Петров", "CAN"),
        # the organisation of the office, placed by a verb of location
        ("В Украине действует центр «Ромашка». Основатель и лидер «Ромашки» Иван Петров выступил.",
         "Иван Петров", "UKR"),
        # a place that is not the person's office
        ("Тему спора с Россией Танака обыгрывал и в ходе предвыборной кампании.", "Танака", None),
    ],
)
def test_person_countries(annotate, text, name, country) -> None:
    assert _entities(annotate, text)[name][2] == country


def test_multinational_companies_are_international(annotate) -> None:
    entities = _entities(annotate, "Компания Airbus и концерн Boeing конкурируют.")
    assert entities["Airbus"][:3] == ("ORG", "international", None)
    assert entities["Boeing"][:3] == ("ORG", "organisation", "USA")


@pytest.mark.parametrize(
    ("name", "key", "shown"),
    [
        ("ПАО «Газпром»", "газпром", "Газпром"),
        ("НАК «Нафтогаз Украины", "нафтогаз украины", "Нафтогаз Украины"),
        ("Государственное предприятие «Антонов»", "антонов", "Антонов"),
        ("Духовный центр «Возрождение»", "возрождение", "Духовный центр «Возрождение»"),
        ("Банк «Россия»", "банк россия", "Банк «Россия»"),  # the noun is part of this name
    ],
)
def test_organisational_forms_fold_in_keys_and_leave_display_names(name, key, shown) -> None:
    assert (core_key(name), display_name(name)) == (key, shown)
