"""Morphology helpers over pymorphy3."""

from __future__ import annotations

import pytest

from pipeline.morph import get_morphology


@pytest.mark.parametrize(
    ("word", "pos", "feats", "expected"),
    [
        ("Китаем", "PROPN", {"Case": "Ins", "Gender": "Masc", "Number": "Sing"}, "Китай"),
        ("Москвы", "PROPN", {"Case": "Gen", "Gender": "Fem", "Number": "Sing"}, "Москва"),
        ("Калужской", "ADJ", {"Case": "Gen", "Gender": "Fem", "Number": "Sing"}, "Калужская"),
        ("Москва", "PROPN", {"Case": "Nom", "Gender": "Fem", "Number": "Sing"}, "Москва"),
    ],
)
def test_nominative_keeps_gender_number_and_shape(word: str, pos: str, feats: dict, expected: str) -> None:
    assert get_morphology().nominative(word, pos, feats) == expected


def test_lemma_is_lower_case_with_e_for_yo() -> None:
    assert get_morphology().lemma("Партнёрства", "NOUN", {"Case": "Gen", "Number": "Sing"}) == "партнерство"


def test_morphology_is_one_per_process() -> None:
    assert get_morphology() is get_morphology()
