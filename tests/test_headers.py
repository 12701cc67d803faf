"""Headlines, agency header lines, datelines and date values."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.reading.headers import expand_year, is_headline, parse_date, parse_header_line, split_front

TODAY = dt.date(2025, 11, 1)


@pytest.mark.parametrize(
    ["line", "source", "published"],
    [
        ["ТАСС 25.10.25 Слов: 184", "ТАСС", dt.date(2025, 10, 25)],
        ["Интерфакс 05/08/2008 10:35", "Интерфакс", dt.date(2008, 8, 5)],
        ["05/08/2008 10:35", None, dt.date(2008, 8, 5)],
        ["РИА Новости, 12.03.2024", "РИА Новости", dt.date(2024, 3, 12)],
        ["ИНТЕРФАКС 01.02.2019 14:00 МСК", "Интерфакс", dt.date(2019, 2, 1)],
        ["ТАСС, 25 октября 2025 г.", "ТАСС", dt.date(2025, 10, 25)],
        ["Российская газета 2024-06-01", "Российская газета", dt.date(2024, 6, 1)],
        ["МОСКВА, 12.03.2024", None, dt.date(2024, 3, 12)],
        ["  ТАСС   25.10.25  ", "ТАСС", dt.date(2025, 10, 25)],
    ],
)
def test_agency_headers_and_datelines_give_source_and_date(line, source, published):
    header = parse_header_line(line, TODAY)
    assert header is not None and (header.source, header.published) == (source, published)


@pytest.mark.parametrize(
    "line",
    [
        "Агентство стратегических инициатив подписало соглашение 25.10.2025.",
        "сообщили 12.03.2024",
        "Стороны договорились о поставках газа",
        "ТАСС 31.02.25",
        "Слов: 184",
        "В 2024 году выручка выросла на 51% и достигла 38 млрд рублей, сообщили 12.03.2024 в пресс-службе",
    ],
)
def test_sentences_and_impossible_dates_are_not_headers(line):
    assert parse_header_line(line, TODAY) is None


@pytest.mark.parametrize(
    ["yy", "month", "day", "year"],
    [
        [25, 10, 25, 2025],  # not in the future of TODAY
        [25, 11, 1, 2025],  # TODAY itself
        [25, 11, 2, 1925],  # a day after TODAY: the previous century
        [99, 1, 1, 1999],
        [8, 8, 5, 2008],
        [2008, 8, 5, 2008],  # four digits stay
    ],
)
def test_two_digit_years_are_this_century_unless_that_is_in_the_future(yy, month, day, year):
    assert expand_year(yy, month, day, TODAY) == year


@pytest.mark.parametrize(
    ["value", "date"],
    [
        ["2025-10-25", dt.date(2025, 10, 25)],
        ["2025-10-25T01:30:00+03:00", dt.date(2025, 10, 25)],  # the date as written, not in UTC
        ["2025-10-25T10:00:00Z", dt.date(2025, 10, 25)],
        ["2025-10-25 14:30:00", dt.date(2025, 10, 25)],
        ["2025-10-25T14:30:00.123456+0300", dt.date(2025, 10, 25)],
        ["2025/10/25", dt.date(2025, 10, 25)],
        ["25.10.2025", dt.date(2025, 10, 25)],
        ["25.10.2025 14:30", dt.date(2025, 10, 25)],
        ["25.10.25", dt.date(2025, 10, 25)],
        ["25 октября 2025 года", dt.date(2025, 10, 25)],
        ["3 мая 2024 г.", dt.date(2024, 5, 3)],
        ["1 марта 2024", dt.date(2024, 3, 1)],
        ["Sat, 25 Oct 2025 10:00:00 +0300", dt.date(2025, 10, 25)],
        ["", None],
        ["вчера", None],
        ["2025-13-01", None],
        ["31.02.2024", None],
    ],
)
def test_date_values(value, date):
    assert parse_date(value, TODAY) == date


@pytest.mark.parametrize(
    ["paragraph", "headline"],
    [
        ["АСИ укрепит сотрудничество с Китаем в музыкальной индустрии", True],
        ["«Начнётся цепная реакция»: Сергей Лавров заявил о недопустимости раздела Сирии", True],
        ["Кто заплатит за газ?", True],
        ["5. 30 сентября 2015 года Россия вступила в войну", True],
        ["Стороны подписали соглашение о сотрудничестве.", False],  # a sentence ends with a full stop
        ["Новости", False],  # one word is a section, not a headline
        ["продолжение фразы без заглавной буквы", False],
        ["— Прямая речь в начале абзаца", False],
        ["Очень длинная строка " * 12, False],
    ],
)
def test_headlines(paragraph, headline):
    assert is_headline(paragraph) is headline


@pytest.mark.parametrize(
    ["paragraphs", "title", "source", "rest"],
    [
        [["Заголовок новости", "ТАСС 25.10.25 Слов: 184", "Текст."], "Заголовок новости", "ТАСС", ["Текст."]],
        [["Интерфакс 05/08/2008 10:35", "Заголовок новости", "Текст."], "Заголовок новости", "Интерфакс",
         ["Текст."]],
        [["Первое предложение статьи.", "Второе предложение."], None, None,
         ["Первое предложение статьи.", "Второе предложение."]],
        [["Только заголовок"], None, None, ["Только заголовок"]],  # nothing follows: it is the text
        [["Заголовок", "Текст.", "Текст.", "ТАСС 25.10.25"], None, None,
         ["Заголовок", "Текст.", "Текст.", "ТАСС 25.10.25"]],  # one word, and a header too deep
    ],
)  # fmt: skip
def test_split_front_takes_headline_and_header_off_the_top(paragraphs, title, source, rest):
    front = split_front(paragraphs, want_title=True, today=TODAY)
    assert (front.title, front.source, front.paragraphs) == (title, source, rest)


def test_split_front_keeps_a_headline_when_the_title_is_known():
    front = split_front(["Подзаголовок статьи", "ТАСС 25.10.25", "Текст."], want_title=False, today=TODAY)
    assert (front.title, front.published) == (None, dt.date(2025, 10, 25))
    assert front.paragraphs == ["Подзаголовок статьи", "Текст."]
