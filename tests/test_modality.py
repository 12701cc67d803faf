"""Modality from verb forms and markers."""

from __future__ import annotations

import pytest

from pipeline.events.modality import modality
from pipeline.events.triggers import find_triggers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Россия и Китай подписали соглашение о сотрудничестве.", "asserted"),
        ("Россия и Китай подпишут соглашение о сотрудничестве.", "planned"),
        ("Стороны планируют подписать соглашение в марте.", "planned"),
        ("Компании намерены создать совместное предприятие.", "planned"),
        ("Переговоры будут проходить в Женеве.", "planned"),
        ("Стороны не подписали соглашение.", "negated"),
        ("Газпром прекратил поставки газа на Украину.", "negated"),
        ("Стороны приостановили переговоры.", "negated"),
        ("Страны могут подписать соглашение уже в этом году.", "hypothetical"),
        ("Если стороны договорятся, поставки возобновятся.", "hypothetical"),
        ("Казахстан заинтересован в развитии отношений с Россией.", "hypothetical"),
        # the agreement itself is no plan; its name "о намерениях" neither
        ("Стороны договорились о поддержании давления в трубопроводах.", "asserted"),
        ("BASF и LetterOne подписали соглашение о намерениях.", "asserted"),
        # an obligation already fixed is a plan
        ("Китай и Украина должны запустить совместное производство самолётов.", "planned"),
    ],
)
def test_modality_follows_verb_form_and_markers(annotate, text: str, expected: str) -> None:
    sentence = annotate(text).sentences[0]
    assert modality(sentence, find_triggers(sentence)[0]) == expected
