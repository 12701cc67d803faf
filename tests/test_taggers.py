"""The concatenated-sequence taggers give slovnet's own results."""

from __future__ import annotations

import pytest

from pipeline import taggers
from pipeline.segment import split_sentences

TEXT = """Президент России Владимир Путин и председатель КНР Си Цзиньпин подписали в Москве совместное заявление.
Стороны договорились о сотрудничестве в энергетике, сообщает ТАСС.
Ранее министр иностранных дел Сергей Лавров встретился с госсекретарем США Энтони Блинкеном в Женеве.
Да.
«Газпром» и CNPC заключили контракт на поставку 38 млрд кубометров газа в год (на 30 лет)."""


@pytest.fixture(scope="module")
def models():
    from pipeline.annotate import get_models

    return get_models()


def _sentences() -> list[list[str]]:
    return [[t[2] for t in toks] for _, _, toks in split_sentences(TEXT)]


def test_morphology_equals_slovnet(models) -> None:
    words = _sentences()
    ids = models.morph.tag_ids(words)
    for markup, sentence_ids in zip(models.morph_tagger.map(words), ids, strict=True):
        got = [models.morph.tags[i] for i in sentence_ids]
        assert got == [(t.pos, tuple(sorted(t.feats.items()))) for t in markup.tokens]


def test_morphology_does_not_depend_on_grouping(models, monkeypatch) -> None:
    words = _sentences()
    whole = models.morph.tag_ids(words)
    monkeypatch.setattr(taggers, "MAX_ROWS", 8)  # one sentence (or a long one alone) per pass
    assert models.morph.tag_ids(words) == whole
    assert models.morph.tag_ids([]) == []


def test_ner_equals_slovnet(models) -> None:
    lines = [*TEXT.split("\n"), "", "   "]
    got = models.ner.spans(lines)
    want = [[(s.start, s.stop, s.type) for s in m.spans] for m in models.ner_tagger.map(lines)]
    assert got == want
    assert ("Владимир Путин" in [lines[0][a:b] for a, b, _ in got[0]])


def test_ner_on_sentence_tokens_equals_ner_on_the_text(models) -> None:
    tokens = [(start, stop, word) for _, _, toks in split_sentences(TEXT) for start, stop, word in toks]
    assert models.ner.spans_of_tokens([tokens]) == models.ner.spans([TEXT])


def test_syntax_equals_slovnet(models) -> None:
    words = _sentences()
    got = models.syntax.parse(words)
    for markup, parse in zip(models.syntax_parser.map(words), got, strict=True):
        assert parse == [(int(t.head_id) - 1, t.rel) for t in markup.tokens]
    assert models.syntax.parse([]) == []


def test_a_full_word_memo_starts_again_with_the_same_results(models, monkeypatch) -> None:
    words = _sentences()
    monkeypatch.setattr(taggers, "WORD_ROWS", 16)  # fewer than the words of one sentence group
    small = taggers.MorphTagger(models.morph_tagger.infer)
    assert small.tag_ids(words) == models.morph.tag_ids(words)
    monkeypatch.setattr(taggers, "MAX_ROWS", 8)
    assert small.tag_ids(words) == models.morph.tag_ids(words)
