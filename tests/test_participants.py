"""Participants: who the parties of an event are."""

from __future__ import annotations

import pytest


def _parties(process, text: str) -> list[tuple[str, str | None]]:
    events = process(text).events
    assert events, f"no event in {text!r}"
    return sorted((p.name, p.country) for p in events[0].participants)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # subjects and their conjuncts, "с" + instrumental
        ("Россия и Китай подписали соглашение о сотрудничестве.", [("Китай", "CHN"), ("Россия", "RUS")]),
        ("Москва заключила соглашение с Таиландом.", [("Москва", "RUS"), ("Таиланд", "THA")]),
        # "между X и Y"
        ("Между Японией и Вьетнамом подписан меморандум.", [("Вьетнам", "VNM"), ("Япония", "JPN")]),
        # a demonym standing for a party
        ("Москва провела переговоры с турецкими коллегами.", [("Москва", "RUS"), ("Турция", "TUR")]),
        ("Москва провела переговоры с американскими конгрессменами.", [("Москва", "RUS"), ("США", "USA")]),
        # "российская столица" is the capital, not the country
        ("Сразу два соглашения российская столица заключила с Таиландом.", [("Москва", "RUS"), ("Таиланд", "THA")]),
        # a compound adjective names both parties
        ("Эксперты обсуждают российско-вьетнамское стратегическое партнерство.",
         [("Вьетнам", "VNM"), ("Россия", "RUS")]),
    ],
)
def test_parties_come_from_the_sentence(process, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _parties(process, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Назарбаев выразил надежду, что партнёрство Казахстана и США окрепнет.",
         [("Казахстан", "KAZ"), ("США", "USA")]),
        ("Хинн предсказывал подписание мирного договора между Израилем и Сирией в 2000 году.",
         [("Израиль", "ISR"), ("Сирия", "SYR")]),
    ],
)
def test_a_trigger_noun_that_names_two_parties_names_them_all(process, text: str,
                                                              expected: list[tuple[str, str | None]]) -> None:
    assert _parties(process, text) == expected


def test_the_parties_a_trigger_noun_leaves_out_make_a_second_event(process) -> None:
    text = ("Источники, близкие к украинско-российским переговорам, сообщили, что сохранится схема с "
            "компанией «УкрГазЭнерго» – СП «Газпрома», «Нафтогаза» и «РосУкрЭнерго».")
    events = process(text).events
    assert [e.type for e in events] == ["talks", "joint_activity"]
    assert sorted(p.name for p in events[0].participants) == ["Россия", "Украина"]
    assert {"Газпром", "РосУкрЭнерго"} <= {p.name for p in events[1].participants}


def test_the_place_of_an_event_is_not_a_party(process) -> None:
    text = "В Шанхае Агентство стратегических инициатив и компания IMCO подписали декларацию."
    names = [n for n, _ in _parties(process, text)]
    assert "Шанхай" not in names


def test_a_country_describing_an_office_is_not_a_party(process) -> None:
    text = "Сергей Лавров провел переговоры с министром иностранных дел Сирии Валидом Муаллемом."
    names = [n for n, _ in _parties(process, text)]
    assert "Сирия" not in names and "Валид Муаллем" in names


def test_a_monarchs_country_describes_the_title(process) -> None:
    text = "Император Японии Акихито отбывает во Вьетнам с официальным визитом."
    names = [n for n, _ in _parties(process, text)]
    assert "Япония" not in names and "Акихито" in names


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("На острове Хоккайдо Россия и Япония подписали соглашение о сотрудничестве.", "Хоккайдо"),
        ("В Саппоро, граничащем с Южными Курилами, Россия и Япония подписали соглашение.", "Южные Курилы"),
    ],
)
def test_places_named_after_a_kind_of_place_or_by_geography_are_not_parties(process, text: str,
                                                                          place: str) -> None:
    names = [n for n, _ in _parties(process, text)]
    assert place not in names and {"Россия", "Япония"} <= set(names)


def test_the_speaker_is_not_a_party(process) -> None:
    text = "Иван Петров отметил, что Россия и Индия подписали соглашение о поставках."
    names = [n for n, _ in _parties(process, text)]
    assert "Иван Петров" not in names


def test_a_person_gets_the_country_of_the_office_before_the_name(process) -> None:
    text = "Президент Казахстана Нурсултан Назарбаев и лидер США Дональд Трамп провели переговоры."
    assert ("Нурсултан Назарбаев", "KAZ") in _parties(process, text)


def test_a_one_party_clause_takes_the_other_party_from_context(process) -> None:
    text = ("Москва активно развивает связи с иностранными партнерами. Москва открыла новый центр. "
            "Москва провела выставку.\n\nА летом состоялась деловая поездка в Бразилию.")
    events = process(text).events
    brazil = [e for e in events if any(p.name == "Бразилия" for p in e.participants)]
    assert brazil and {p.name for p in brazil[0].participants} == {"Москва", "Бразилия"}


def test_a_body_of_the_main_entitys_own_country_acting_at_home_has_no_implied_counterpart(process) -> None:
    text = ("США наращивают военные расходы. США создают космические войска. США обновляют спутники. "
            "Американские Военно-воздушные силы намерены инвестировать 44 млрд долларов в космические системы.")
    assert process(text).events == []


def test_a_speaker_named_in_apposition_to_a_title_is_not_a_party(process) -> None:
    text = "Британский премьер Тереза Мэй заявила, что Лондон намерен обсуждать с ЕС договор по обороне."
    names = [n for n, _ in _parties(process, text)]
    assert "Тереза Мэй" not in names


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Администрация Обамы всемерно поддерживала Вьетнам и Филиппины.", "Барак Обама"),
        ("В период правления Абэ укрепляется альянс Японии с США.", "Абэ"),
    ],
)
def test_the_owner_of_another_thing_than_the_trigger_is_not_a_party(process, text: str, owner: str) -> None:
    assert owner not in [n for n, _ in _parties(process, text)]


def test_the_visitor_of_a_visit_is_a_party(process) -> None:
    assert _parties(process, "Визит Владимира Путина в Японию прошел успешно.") == [
        ("Владимир Путин", "RUS"), ("Япония", "JPN")]


@pytest.mark.parametrize(
    "text",
    [
        "Президент Японии Синдзо Абэ укрепляет сотрудничество Японии.",
        "Мариуполь ждет поставок газа от Украины.",
    ],
)
def test_a_state_with_its_own_leader_or_town_is_no_event(process, text: str) -> None:
    assert process(text).events == []


def test_a_capital_and_other_cities_of_its_country_stay_parties_of_a_mission(process) -> None:
    text = "Москва организовала бизнес-миссию в Пекин, Ханчжоу и Циндао."
    names = {p.name for e in process(text).events for p in e.participants}
    assert {"Москва", "Пекин", "Ханчжоу", "Циндао"} <= names


@pytest.mark.parametrize(
    "text",
    [
        "Следственный комитет призвал ВАДА и МОК к сотрудничеству со следствием.",
        "В РУСАДА заявили, что готовы сотрудничать с комиссиями ВАДА, которые занимались расследованием.",
    ],
)
def test_cooperation_with_an_investigation_is_no_event(process, text: str) -> None:
    assert process(text).events == []


def test_a_joint_investigation_is_a_joint_act(process) -> None:
    text = "Россия и Франция проведут совместное расследование катастрофы."
    assert [e.type for e in process(text).events] == ["joint_activity"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Сергей Лавров прибыл в Нью-Йорк. На полях саммита он провёл встречу с генсеком НАТО Йенсом Столтенбергом.",
         "Сергей Лавров"),
        ("Юрий Бойко выиграл выборы. Теперь он начнёт восстанавливать отношения с Россией.", "Юрий Бойко"),
        ("Министр Ирина Иванова прилетела в Пекин. Там она подписала соглашение с Китаем.", "Ирина Иванова"),
        ("«Я вчера встречался с министром иностранных дел Бангладеша», — сказал Сергей Лавров.", "Сергей Лавров"),
        # the doer of an intended act is the subject of the clause
        ("Однако Траян Бэсеску не оставляет попыток участвовать в политике. Так, в середине февраля он заявил "
         "о намерении посетить Гагаузию.", "Траян Бэсеску"),
    ],
)
def test_a_subject_pronoun_is_the_person_named_just_before(process, text: str, person: str) -> None:
    names = {p.name for e in process(text).events for p in e.participants}
    assert person in names


def test_a_pronoun_takes_a_person_of_its_gender(process) -> None:
    text = "Юлия Тимошенко выступила в Раде. Он провёл переговоры с Китаем."
    names = {p.name for e in process(text).events for p in e.participants}
    assert "Юлия Тимошенко" not in names


def test_the_owner_of_another_trigger_is_a_party(process) -> None:
    text = "Главное – это визит Юлии Тимошенко в Москву, где она проведет переговоры с Владимиром Путиным."
    names = {p.name for e in process(text).events for p in e.participants}
    assert "Юлия Тимошенко" in names


def test_an_adjective_on_the_goods_names_the_supplier(process) -> None:
    text = "Российский газ поступает в Приднестровье по трем веткам."
    assert ("Россия", "RUS") in _parties(process, text)


def test_an_adjective_on_the_joint_act_names_a_party(process) -> None:
    text = "Россия может отказаться использовать украинский транзит газа."
    assert _parties(process, text) == [("Россия", "RUS"), ("Украина", "UKR")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Япония и США обсудили на переговорах давление на Пхеньян.", "Пхеньян"),
        ("Япония поддерживает США в их конфронтации с КНР.", "Китай"),
        ("Япония и Индия расширяют сотрудничество, направленное против Китая.", "Китай"),
        ("Ханой и Вашингтон сблизятся под предлогом совместного противостояния китайской угрозе.", "Китай"),
        ("Трамп отметил, что Казахстан является ценным партнёром США в деле ядерного разоружения КНДР.",
         "Северная Корея"),
    ],
)
def test_the_target_of_pressure_or_conflict_is_not_a_party(process, text: str, target: str) -> None:
    assert target not in [n for n, _ in _parties(process, text)]


def test_the_sides_of_a_confrontation_between_them_are_parties(process) -> None:
    text = "Назарбаев призвал снизить накал противостояния между Вашингтоном и Москвой на переговорах."
    names = [n for n, _ in _parties(process, text)]
    assert "Вашингтон" in names and "Москва" in names


def test_a_world_region_is_a_setting_not_a_party(process) -> None:
    text = "Япония и США будут способствовать созданию Индо-Тихоокеанского региона и развивать сотрудничество."
    assert "Индо-Тихоокеанский регион" not in [n for n, _ in _parties(process, text)]


def test_a_common_noun_read_as_an_organisation_is_not_a_party(process) -> None:
    text = "«УкрГазЭнерго» – СП «Газпрома» и «Нафтогаза», созданное для совместных поставок газа."
    assert "СП" not in [n for n, _ in _parties(process, text)]


@pytest.mark.parametrize(
    ("text", "gathering"),
    [
        ("Московские компании провели переговоры с турецкими коллегами на выставке Texhibition.", "Texhibition"),
        ("В Москве на форуме BRICS+ Fashion Summit Россия и Индия подписали соглашение.", "BRICS+ Fashion Summit"),
    ],
)
def test_the_name_of_a_gathering_is_not_a_party(process, text: str, gathering: str) -> None:
    assert gathering not in [n for n, _ in _parties(process, text)]


def test_what_is_discussed_is_a_topic_not_a_party(process) -> None:
    text = "Сергей Лавров обсудил с американскими коллегами ситуацию в Сирии и поставки оружия Ирану."
    assert _parties(process, text) == [("США", "USA"), ("Сергей Лавров", "RUS")]
    text = ("Участники съезда будут обсуждать поощрение унионизма со стороны правительства Молдавии и "
            "деятельность бывшего румынского лидера.")
    assert process(text).events == []


@pytest.mark.parametrize(
    ("text", "created"),
    [
        ("Франция и Германия договорились создать «Европейскую армию».", "Европейская армия"),
        ("Акционеры Иван Петров и Петр Сидоров учредили компанию «Ромашка» и подписали соглашение с Китаем.",
         "Ромашка"),
    ],
)
def test_an_organisation_being_founded_is_not_a_party(process, text: str, created: str) -> None:
    names = [n for n, _ in _parties(process, text)]
    assert created not in names and len(names) >= 2


def test_the_parent_written_after_a_unit_is_not_another_party(process) -> None:
    text = "Сергей Лавров принял участие в сессии Генеральной Ассамблеи ООН."
    names = [n for n, _ in _parties(process, text)]
    assert "ООН" not in names and "Генеральная Ассамблея" in names


def test_an_adjective_before_a_quoted_company_name_describes_it(process) -> None:
    text = ("Уральская энергетическая компания «Рифей-Энерго» и казахстанская компания «Жарык Энерджи» "
            "подписали соглашение.")
    assert [n for n, _ in _parties(process, text)] == ["Жарык Энерджи", "Рифей-Энерго"]


def test_a_city_in_brackets_after_an_organisation_is_its_seat(process) -> None:
    text = ("Сибирский горно-технологический университет (Красноярск) и Монгольский университет науки и "
            "технологий подписали соглашение.")
    assert "Красноярск" not in [n for n, _ in _parties(process, text)]


def test_places_coordinated_after_a_preposition_are_all_places(process) -> None:
    text = "Россия и Южная Корея проведут совместные рекламные кампании в Москве и Сеуле."
    names = [n for n, _ in _parties(process, text)]
    assert "Москва" not in names and "Сеул" not in names


def test_a_government_named_by_its_leader_stands_for_its_state(process) -> None:
    names = [n for n, _ in _parties(process, "Администрация Обамы всемерно поддерживала Вьетнам и Филиппины.")]
    assert "США" in names and "Барак Обама" not in names


def test_we_of_an_official_is_the_state_they_speak_for(process) -> None:
    text = "«Мы регулярно говорим с американцами», — сказал Сергей Лавров."
    names = {p.name for e in process(text).events for p in e.participants}
    assert {"Россия", "США"} <= names


def test_where_goods_come_from_leaves_the_buyer_to_context(process) -> None:
    text = ("Концерн «Антонов» выпускает самолёты. «Антонов» строит Ан-148. «Антонов» ищет партнёров.\n\n"
            "Программа предусматривает поставки комплектующих из Канады и США.")
    events = [e for e in process(text).events if {"Канада", "США"} <= {p.name for p in e.participants}]
    assert events and "Антонов" in {p.name for p in events[0].participants}
    assert {p.role for p in events[0].participants if p.name != "Антонов"} == {"origin"}
