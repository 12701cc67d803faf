"""Event assembly: types, merging of mentions, attributes, codes."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events.assemble import codes

TASS = (
    "АСИ укрепит сотрудничество с Китаем в музыкальной индустрии\n\n"
    "Агентство стратегических инициатив (АСИ) и китайский саунд-поставщик International Music "
    "Collaboration Organization (IMCO) заключили стратегическую декларацию о сотрудничестве.\n\n"
    "«В Шанхае на Международном музыкальном сезоне IMX АСИ и ведущий китайский саунд-поставщик "
    "International Music Collaboration Organization (IMCO) подписали декларацию о сотрудничестве», "
    "- сказано в сообщении."
)


def test_one_event_reported_three_times_is_one_event_with_three_mentions(process) -> None:
    result = process(TASS, title="АСИ укрепит сотрудничество с Китаем в музыкальной индустрии")
    agreements = [e for e in result.events if e.type == "agreement"]
    assert len(agreements) == 1 and len(agreements[0].mentions) == 3


def test_the_worked_example_has_its_parties_countries_and_place(process) -> None:
    result = process(TASS, title="АСИ укрепит сотрудничество с Китаем в музыкальной индустрии")
    event = next(e for e in result.events if e.type == "agreement")
    parties = {(p.name, p.country) for p in event.participants}
    assert ("Агентство стратегических инициатив", "RUS") in parties
    assert ("International Music Collaboration Organization", "CHN") in parties
    assert event.place == "Шанхай" and event.sector == "culture"


def test_a_sentence_with_one_party_and_no_context_is_no_event(process) -> None:
    assert process("Россия расширила сотрудничество более чем с 20 странами.").events == []


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Россия и Китай подписали контракт на поставки газа.", "energy"),
        ("Россия и Индия подписали соглашение о военно-техническом сотрудничестве.", "defense_security"),
        ("Москва и Пекин подписали соглашение о сотрудничестве в сфере образования.", "education"),
        ("Сергей Лавров и Ван И провели переговоры в Пекине.", "politics_diplomacy"),
    ],
)
def test_sector_comes_from_the_topic_words(process, text: str, sector: str) -> None:
    assert process(text).events[0].sector == sector


def test_money_and_date_of_the_sentence_are_tied_to_a_deal(process) -> None:
    text = "15 марта 2025 года Россия и Китай подписали контракт на поставку газа на $5 млрд."
    event = process(text, published=dt.date(2025, 3, 20)).events[0]
    assert (event.amount, event.currency) == (5e9, "USD")
    assert event.date == dt.date(2025, 3, 15)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("agreement", "asserted", "energy", False), ("SUPPORT", "057")),
        (("agreement", "planned", "energy", False), ("AGREE", "030")),
        (("talks", "asserted", "politics_diplomacy", False), ("CONSULT", "040")),
        (("joint_activity", "asserted", "defense_security", True), ("AID", "072")),
        (("cooperation", "asserted", "defense_security", False), ("COOPERATE", "062")),
    ],
)
def test_plover_and_cameo_codes_follow_the_spec_table(args: tuple, expected: tuple[str, str]) -> None:
    assert codes(*args) == expected


def test_confidence_is_within_unit_interval(process) -> None:
    events = process(TASS).events
    assert events and all(0.0 <= e.confidence <= 1.0 for e in events)


def test_two_clauses_with_their_own_parties_are_two_events(process) -> None:
    text = "Франция и Германия подписали соглашение о поставках газа, а Польша с Чехией провели переговоры."
    events = process(text).events
    assert sorted((e.type, sorted(p.name for p in e.participants)) for e in events) == [
        ("agreement", ["Германия", "Франция"]), ("talks", ["Польша", "Чехия"])]


def test_one_clause_with_two_triggers_is_one_event(process) -> None:
    text = "Россия и Китай провели переговоры и подписали соглашение о поставках газа."
    assert len(process(text).events) == 1


SPORTS_REPORT = (
    "Футбольный клуб «Урал» сменил тренера перед матчем чемпионата. Команда проиграла в последнем туре, "
    "нападающий и защитник пропустят игру, а болельщики ждут, что лига перенесет матч. Сезон для клуба "
    "складывается тяжело: игроки не забивают, и тренер ищет замену в трансферное окно.\n"
    "На протяжении полутора лет встречи «Терека» и «Урала» сопровождаются тренерскими отставками.\n"
    "По данным источников, Артем Дзюба подписал контракт с «Зенитом» до конца сезона.\n"
    "Его главный конкурент Феликс Лох заболел перед поездкой в Южную Корею."
)


def test_in_a_sports_report_matches_and_player_contracts_are_no_events(process) -> None:
    assert process(SPORTS_REPORT).events == []


def test_outside_sports_reports_a_meeting_of_two_organisations_is_talks(process) -> None:
    events = process("Представители «Газпрома» и «Нафтогаза» провели встречу в Москве.").events
    assert [e.type for e in events] == ["talks"]


def test_a_bare_document_signed_restates_the_agreement_just_reported(process) -> None:
    text = ("Казанский ИТ-парк «Волга Диджитал» и минский Парк цифровых технологий подписали соглашение о "
            "сотрудничестве. Документ подписали директор казанского парка Рустем Галиев и глава "
            "белорусского парка Ирина Жук.")
    events = process(text).events
    assert len(events) == 1 and events[0].type == "agreement" and len(events[0].mentions) == 2


def test_an_agreement_with_words_of_its_own_is_another_agreement(process) -> None:
    text = ("Россия и Китай подписали соглашение о поставках газа. Соглашение о свободной торговле "
            "Россия и Вьетнам подписали годом раньше.")
    assert len(process(text).events) == 2


def test_distinct_acts_between_the_same_parties_far_apart_are_two_events(process) -> None:
    filler = " ".join(f"В городе открылся новый парк номер {i}." for i in range(4))
    text = (f"Президент Казахстана прибыл в США.\n\n{filler}\n\nКазахстан и США провели переговоры о торговле. "
            f"{filler}\n\nКазахстан и США договорились о диалоге по энергетике.")
    events = process(text).events
    assert len([e for e in events if {p.name for p in e.participants} == {"Казахстан", "США"}]) >= 2


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Россия и Китай подписали соглашение в Шанхае.", "Шанхай"),
        ("Главное – это визит Юлии Тимошенко в Москву, где она проведет переговоры с Владимиром Путиным.", "Москва"),
        ("На Мюнхенской конференции Германия и Франция договорились о совместной обороне.", "Мюнхен"),
        ("Россия и Китай подписали соглашение о сотрудничестве.", None),
    ],
)
def test_the_place_is_where_it_happened_or_where_the_visit_went(process, text: str, place: str | None) -> None:
    events = process(text).events
    assert events and events[0].place == place


def test_a_place_named_only_by_an_adjective_is_an_entity(process) -> None:
    result = process("На Мюнхенской конференции Германия и Франция договорились о совместной обороне.")
    event = result.events[0]
    assert event.place_entity_id in {e.entity_id for e in result.entities}


def test_an_agreement_with_one_named_signatory_takes_none_from_the_article_topic(process) -> None:
    text = ("Москва развивает креативные индустрии. Москва открыла новый кластер. Москва провела форум.\n\n"
            "Соглашение с Таиландом подписано в прошлом году.")
    events = process(text).events
    assert not any(e.type == "agreement" and {p.name for p in e.participants} == {"Москва", "Таиланд"}
                   for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Ему вменяется преступный сговор с целью поставок оружия из США в Таиланд.",
        "Родители погибшей приехали на суд из Китая в Иллинойс.",
        "Из 10 млн иностранцев, посетивших Вьетнам в 2016 году, 2,7 млн приходится на китайцев.",
    ],
)
def test_crime_and_private_trips_are_no_events(process, text: str) -> None:
    assert process(text).events == []


def test_a_compound_adjective_of_a_people_names_no_places(process) -> None:
    text = "Будущее крымско-татарского населения обсуждалось на переговорах Турции и Украины."
    names = {p.name for e in process(text).events for p in e.participants}
    assert "Крым" not in names and "Республика Татарстан" not in names


def test_a_medium_interviewing_is_not_a_party(process) -> None:
    text = "В интервью «Голосу Америки» Александр Белов рассказал о переговорах с «Яблоком»."
    names = {p.name for e in process(text).events for p in e.participants}
    assert "Голос Америки" not in names


def test_partners_met_one_after_another_make_separate_meetings(process) -> None:
    text = ("Сергей Лавров провёл ряд встреч, в том числе с министром иностранных дел Сирии Валидом Муаллемом, "
            "а также с генеральным секретарём НАТО Йенсом Столтенбергом.")
    meetings = [{p.name for p in e.participants} for e in process(text).events if e.type == "talks"]
    assert {"Сергей Лавров", "Валид Муаллем"} in meetings
    assert any({"Сергей Лавров", "Йенс Столтенберг"} <= m and "Валид Муаллем" not in m for m in meetings)


@pytest.mark.parametrize(
    "text",
    [
        "Россия провела переговоры с Китаем, Индией и Бразилией.",
        "Мы регулярно говорим с американцами, с госдепартаментом и Пентагоном.",
    ],
)
def test_partners_of_one_with_phrase_or_an_apposition_make_one_meeting(process, text: str) -> None:
    assert len([e for e in process(text).events if e.type == "talks"]) == 1


def test_the_same_word_between_the_same_states_is_one_event(process) -> None:
    text = ("Лидеры Японии и Китая выступают за улучшение двусторонних отношений. "
            "Аналитики ждут новых встреч. Вместе с тем Синдзо Абэ намерен искать пути улучшения отношений с КНР.")
    events = [e for e in process(text).events if e.type == "cooperation"]
    assert len(events) == 1 and len(events[0].mentions) == 2


def test_agreements_with_different_sums_are_two_events(process) -> None:
    text = ("В ходе визита в США Нурсултан Назарбаев подписал соглашения о закупках на $2,5 млрд. "
            "Всего Казахстан и США подписали соглашения на $7 млрд.")
    agreements = [e for e in process(text).events if e.type == "agreement"]
    assert sorted(e.amount for e in agreements) == [2.5e9, 7e9]
