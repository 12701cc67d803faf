"""Triggers: the predicates of cooperation, found on lemmas."""

from __future__ import annotations

import pytest

from pipeline.events.triggers import find_triggers, may_hold_trigger


def _best(annotate, text: str) -> tuple[str, str] | None:
    doc = annotate(text)
    triggers = find_triggers(doc.sentences[0])
    if not triggers:
        return None
    return triggers[0].type, triggers[0].text(doc.sentences[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Россия и Китай подписали соглашение о сотрудничестве.", ("agreement", "подписали соглашение")),
        ("Стороны заключили стратегическую декларацию.", ("agreement", "заключили стратегическую декларацию")),
        ("Меморандум был подписан в Пекине.", ("agreement", "Меморандум был подписан")),
        ("Министры договорились о поставках газа.", ("agreement", "договорились")),
        ("Президенты провели переговоры в Москве.", ("talks", "переговоры")),
        ("Лавров встретился с Ваном.", ("talks", "встретился")),
        ("Делегация совершила визит в Пекин.", ("talks", "визит")),
        ("Компании создадут совместное предприятие.", ("joint_activity", "совместное предприятие")),
        ("Япония поставит Вьетнаму корабли.", ("joint_activity", "поставит")),
        ("Концерн намерен инвестировать в Бразилию.", ("joint_activity", "инвестировать")),
        ("Страны развивают сотрудничество в энергетике.", ("cooperation", "развивают сотрудничество")),
        ("Москва и Пекин укрепляют отношения.", ("cooperation", "укрепляют отношения")),
        ("Стороны сотрудничают в сфере образования.", ("cooperation", "сотрудничают")),
        ("Стороны установили деловые контакты.", ("cooperation", "установили деловые контакты")),
        ("Деньги также выделят Албании и Сербии.", ("joint_activity", "выделят")),
        # a noun of supply needs no goods; a verb of supply takes them near or as its dependent
        ("Россия может отказаться от украинского транзита.", ("joint_activity", "транзита")),
        ("Республика получала около 45 тысяч кубометров воды в сутки.",
         ("joint_activity", "получала около 45 тысяч кубометров воды")),
        # a demonstrative before another noun does not make the trigger refer back
        ("Такой способ взаимодействия с Шотландией полезен.", ("cooperation", "взаимодействия")),
    ],
)
def test_finds_the_most_specific_trigger(annotate, text: str, expected: tuple[str, str]) -> None:
    assert _best(annotate, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Президент подписал указ о призыве.",  # a verb that needs an agreement noun
        "До встречи коэффициент на победу «Урала» составлял 3,9.",  # a match, not a meeting
        "Проблему решили с помощью специалистов.",  # "с помощью" is an idiom
        "Депутаты поддержали идею реформы.",  # support of an idea, not of a party
        "В связи с этим рейс отменили.",
        "Эти важные соглашения носят антигерманский характер.",  # refers back to an event reported
        "Он подчеркнул, что это взаимодействие укрепилось за последний месяц.",
        "Республика получала письма от граждан.",  # a verb of supply without goods
        "Санкции поставили бы под угрозу проект компании.",  # "поставить" in another sense
        "Эксперты выделили три главных направления работы.",  # "выделить" without money
    ],
)
def test_ignores_words_that_are_not_cooperation_here(annotate, text: str) -> None:
    assert _best(annotate, text) is None


def test_agreement_outranks_talks_in_one_sentence(annotate) -> None:
    assert _best(annotate, "В ходе визита стороны подписали меморандум.") == ("agreement", "подписали меморандум")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Стороны подписали соглашение.", True), ("Погода была хорошей.", False)],
)
def test_may_hold_trigger_is_a_cheap_lemma_test(annotate, text: str, expected: bool) -> None:
    assert may_hold_trigger(annotate(text).sentences[0].tokens) is expected
