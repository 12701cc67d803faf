"""Deterministic ids (pipeline.ids): the same input gives the same id everywhere, any change another."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from pipeline.ids import ID_HEX_CHARS, content_id, doc_id, entity_id, mention_id

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEX_ID = re.compile(rf"[0-9a-f]{{{ID_HEX_CHARS}}}")


@pytest.mark.parametrize(
    ("make", "args"),
    [
        (doc_id, ("tass/2025/asi", "АСИ укрепит сотрудничество с Китаем.")),
        (mention_id, ("0123456789abcdef", 10, 25, "money")),
        (entity_id, ("ORG", "газпром")),
        (content_id, ("run", "2025-10-25T00:00:00+00:00", "{}")),
    ],
)
def test_id_is_the_same_for_the_same_input(make, args):
    assert make(*args) == make(*args)


@pytest.mark.parametrize(
    "value",
    [
        doc_id("a", "Текст."),
        doc_id("", ""),
        mention_id("d", 0, 0, "date"),
        entity_id("LOC", "москва"),
        content_id(),
        content_id("x" * 100_000),
    ],
)
def test_id_is_sixteen_lower_hex_characters(value):
    assert ID_HEX_CHARS == 16
    assert HEX_ID.fullmatch(value)


def test_id_is_the_same_in_another_process_with_another_hash_seed():
    code = (
        "from pipeline.ids import doc_id, entity_id, mention_id;"
        "print(doc_id('src', 'Москва и Пекин подписали соглашение.'),"
        " mention_id('d', 3, 9, 'mention'), entity_id('ORG', 'газпром'))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True)
        outputs.add(done.stdout.strip())
    expected = " ".join([doc_id("src", "Москва и Пекин подписали соглашение."),
                         mention_id("d", 3, 9, "mention"), entity_id("ORG", "газпром")])
    assert outputs == {expected}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("src", "Текст."), ("src2", "Текст.")),
        (("src", "Текст."), ("src", "Текст!")),
        (("src", "Ёж"), ("src", "Еж")),
    ],
    ids=["source_id", "text", "yo"],
)
def test_doc_id_changes_with_each_part(a, b):
    assert doc_id(*a) != doc_id(*b)


@pytest.mark.parametrize(
    "other",
    [("doc2", 10, 25, "money"), ("doc", 11, 25, "money"), ("doc", 10, 26, "money"), ("doc", 10, 25, "date")],
    ids=["doc", "start", "stop", "kind"],
)
def test_mention_id_changes_with_each_part(other):
    assert mention_id("doc", 10, 25, "money") != mention_id(*other)


@pytest.mark.parametrize("other", [("LOC", "россия"), ("ORG", "россия ао")], ids=["type", "key"])
def test_entity_id_changes_with_each_part(other):
    assert entity_id("ORG", "россия") != entity_id(*other)


@pytest.mark.parametrize(
    ("a", "b"),
    [(("ab", "c"), ("a", "bc")), (("a", ""), ("a",)), (("", "a"), ("a",)), ((1, 23), (12, 3))],
)
def test_content_id_keeps_parts_apart(a, b):
    assert content_id(*a) != content_id(*b)


def test_ids_of_different_record_kinds_never_coincide():
    ids = {doc_id("x", "y"), entity_id("x", "y"), content_id("x", "y")}
    assert len(ids) == 3
