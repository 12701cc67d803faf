"""Annotation: sentences, tokens, morphology, syntax and NER as plain records."""

from __future__ import annotations

from pipeline.annotate import Annotator


def test_offsets_of_tokens_and_mentions_point_into_the_text(annotate) -> None:
    doc = annotate("Агентство стратегических инициатив подписало соглашение с Москвой.\nВторая строка.")
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.stop] == sentence.text
        for token in sentence.tokens:
            assert doc.text[token.start : token.stop] == token.text
    for mention in doc.mentions:
        assert doc.text[mention.start : mention.stop] == mention.text


def test_no_entity_runs_across_a_line_break(annotate) -> None:
    doc = annotate("Поставки продукции АПК выросли - Титов\nАмурская область прорабатывает запуск авиарейса")
    assert all("\n" not in m.text for m in doc.mentions)
    assert "Амурская область" in [m.text for m in doc.mentions]


def test_tokens_carry_lemmas_and_a_parse(annotate) -> None:
    tokens = annotate("Стороны подписали соглашения.").sentences[0].tokens
    assert [t.lemma for t in tokens[:3]] == ["сторона", "подписать", "соглашение"]
    assert tokens[0].rel == "nsubj" and tokens[0].head_id == 1


def test_syntax_is_parsed_only_where_the_predicate_asks() -> None:
    annotator = Annotator(needs_syntax=lambda tokens: any(t.lemma == "соглашение" for t in tokens))
    from pipeline.types import Article

    doc = annotator.annotate("d", Article("d", "", "Погода хорошая. Стороны подписали соглашение."))
    assert [s.parsed for s in doc.sentences] == [False, True]


def test_empty_text_gives_an_empty_document(annotate) -> None:
    doc = annotate("")
    assert doc.sentences == [] and doc.mentions == []
