"""Sentences and tokens (pipeline.segment): within one line, offsets into the text, bounded size."""

from __future__ import annotations

import itertools

import pytest

from pipeline.segment import MAX_LINE_CHARS, MAX_SENTENCE_TOKENS, split_sentences


def letters(n: int) -> str:
    """A distinct word of Cyrillic letters for ``n`` (razdel splits letters from digits)."""
    alphabet = "абвгдежзиклмнопрстуфхцчшщэюя"
    word = ""
    while True:
        n, r = divmod(n, len(alphabet))
        word += alphabet[r]
        if not n:
            return word


def sentence_texts(text: str) -> list[str]:
    return [text[start:stop] for start, stop, _ in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Титов\nАмурская область", ["Титов", "Амурская область"]),
        ("Россия и Китай\nподписали соглашение", ["Россия и Китай", "подписали соглашение"]),
        ("Первая строка.\r\nВторая строка.", ["Первая строка.", "Вторая строка."]),
        ("Заголовок\n\n\nТекст статьи.", ["Заголовок", "Текст статьи."]),
        ("  Отступ слева.  \n\tТабуляция.", ["Отступ слева.", "Табуляция."]),
    ],
)
def test_no_sentence_crosses_a_line_break(text, expected):
    assert sentence_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Москва и Пекин подписали соглашение. Оно вступит в силу в 2026 году.",
         ["Москва и Пекин подписали соглашение.", "Оно вступит в силу в 2026 году."]),
        ("Т. е. сделка закрыта.", ["Т. е. сделка закрыта."]),
    ],
)
def test_sentences_within_a_line_follow_razdel(text, expected):
    assert sentence_texts(text) == expected


SAMPLE = (
    "АСИ укрепит сотрудничество с Китаем\n\n"
    "ТАСС 25.10.25\n"
    "  Агентство стратегических инициатив (АСИ) и «IMCO» заключили декларацию. Об этом сообщили в АСИ.\r\n"
    "\"В Шанхае АСИ и IMCO подписали декларацию\", - сказано в сообщении.\n"
)


def test_sentence_offsets_map_back_to_the_text():
    for start, stop, tokens in split_sentences(SAMPLE):
        assert tokens[0][0] == start
        assert tokens[-1][1] == stop
        assert SAMPLE[start:stop].strip() == SAMPLE[start:stop]


def test_token_offsets_map_back_to_the_text():
    tokens = [t for _, _, ts in split_sentences(SAMPLE) for t in ts]
    assert tokens
    assert all(SAMPLE[start:stop] == text for start, stop, text in tokens)


def test_tokens_are_in_text_order_without_overlap():
    tokens = [t for _, _, ts in split_sentences(SAMPLE) for t in ts]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(tokens))


def test_a_long_sentence_is_cut_into_windows_of_at_most_max_sentence_tokens():
    text = " ".join(["слово"] * (2 * MAX_SENTENCE_TOKENS + 50)) + "."
    sizes = [len(tokens) for _, _, tokens in split_sentences(text)]
    assert sizes == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 51]


def test_windows_of_a_long_sentence_keep_every_token_once():
    words = [letters(i) for i in range(3 * MAX_SENTENCE_TOKENS + 7)]
    text = " ".join(words)
    tokens = [t[2] for _, _, ts in split_sentences(text) for t in ts]
    assert tokens == words


def test_a_long_line_is_cut_into_pieces_of_at_most_max_line_chars():
    text = "слово " * (3 * MAX_LINE_CHARS // 6)
    spans = [(start, stop) for start, stop, _ in split_sentences(text)]
    assert max(stop - start for start, stop in spans) <= MAX_LINE_CHARS


def test_a_long_line_cut_at_spaces_keeps_every_word_whole_and_once():
    words = [letters(i) for i in range(3 * MAX_LINE_CHARS // 4)]
    text = " ".join(words)
    tokens = [t[2] for _, _, ts in split_sentences(text) for t in ts]
    assert tokens == words


def test_a_long_line_without_spaces_is_cut_every_max_line_chars():
    text = "а" * (2 * MAX_LINE_CHARS + 5)
    spans = [(start, stop) for start, stop, _ in split_sentences(text)]
    n = MAX_LINE_CHARS
    assert spans == [(0, n), (n, 2 * n), (2 * n, len(text))]


def test_every_sentence_of_long_lines_holds_at_most_max_sentence_tokens():
    text = ("один два три " * 3000 + "\n") * 2
    assert max(len(tokens) for _, _, tokens in split_sentences(text)) <= MAX_SENTENCE_TOKENS


@pytest.mark.parametrize("text", ["", " ", "\n", "\n\n\n", " \t\r\n \n", "\u00a0\n\u2003"])
def test_empty_or_whitespace_text_has_no_sentences(text):
    assert split_sentences(text) == []
