"""Date mentions found and resolved against publication (pipeline.extractors.dates)."""

from __future__ import annotations

import datetime as dt
import itertools
import logging

import pytest

from pipeline import natasha_compat  # noqa: F401  (must precede natasha)
from pipeline.extractors.dates import extract_dates
from pipeline.extractors.plain_doc import plain_doc
from pipeline.types import DateMention

PUBLISHED = dt.date(2025, 11, 12)  # a Wednesday


def dates(text: str, published: dt.date | None = PUBLISHED) -> list[DateMention]:
    return extract_dates(plain_doc(text, published))


def row(mention: DateMention) -> tuple[str, str | None, str | None, str, str]:
    return (
        mention.text,
        mention.date.isoformat() if mention.date else None,
        mention.date_end.isoformat() if mention.date_end else None,
        mention.granularity,
        mention.kind,
    )


# [sentence, (span, date, date_end, granularity, kind)], published on Wednesday 2025-11-12
FORMS = [
    # absolute dates in every notation
    ("Договор подписан 25.10.25.", ("25.10.25", "2025-10-25", None, "day", "absolute")),
    ("Закон от 29.12.2012 года вступил в силу.", ("29.12.2012 года", "2012-12-29", None, "day", "absolute")),
    ("газета от 29.03.62 писала", ("29.03.62", "1962-03-29", None, "day", "absolute")),
    ("Отчёт от 2024-10-25 опубликован.", ("2024-10-25", "2024-10-25", None, "day", "absolute")),
    ("Приказ от 25/10/2025 отменён.", ("25/10/2025", "2025-10-25", None, "day", "absolute")),
    ("Встреча прошла 25 окт. 2025", ("25 окт. 2025", "2025-10-25", None, "day", "absolute")),
    ("Встреча прошла 1 авг", ("1 авг", "2025-08-01", None, "day", "partial")),
    ("9 августа 2016 года президент внес соглашение.", ("9 августа 2016 года", "2016-08-09", None, "day", "absolute")),
    ("В 2024 году завод открылся.", ("В 2024 году", "2024-01-01", None, "year", "absolute")),
    ("К 2030 году доля вырастет.", ("К 2030 году", "2030-01-01", None, "year", "absolute")),
    ("Данные за 2017 год опубликованы.", ("за 2017 год", "2017-01-01", None, "year", "absolute")),
    ("Он работает с 2013 года.", ("с 2013 года", "2013-01-01", None, "year", "absolute")),
    ("В 1976 — поступил во ВГИК.", ("В 1976", "1976-01-01", None, "year", "absolute")),
    ("Альбом The Fat Of The Land (1997) вышел.", ("1997", "1997-01-01", None, "year", "absolute")),
    ("В декабре 2017-го позицию поддержал суд.", ("В декабре 2017-го", "2017-12-01", None, "month", "absolute")),
    ("в 1919г. он уехал", ("в 1919г.", "1919-01-01", None, "year", "absolute")),
    ("25 октября (7 ноября) 1917 года правительство свергнуто.",
     ("25 октября (7 ноября) 1917 года", "1917-11-07", None, "day", "absolute")),
    # partial dates: the year follows the tense
    ("В октябре был зафиксирован рекорд.", ("В октябре", "2025-10-01", None, "month", "partial")),
    ("В январе начнется стройка.", ("В январе", "2026-01-01", None, "month", "partial")),
    ("25 октября прошло заседание.", ("25 октября", "2025-10-25", None, "day", "partial")),
    # a month adjective is the month: "в ходе октябрьского визита"
    ("В ходе октябрьского визита подписано соглашение.",
     ("октябрьского", "2025-10-01", None, "month", "partial")),
    # a participle nearer than the finite verb sets the tense: the signing is past
    ("Соглашение, подписанное 12 октября, предусматривает поставки.",
     ("12 октября", "2025-10-12", None, "day", "partial")),
    ("5 февраля будут подведены итоги.", ("5 февраля", "2026-02-05", None, "day", "partial")),
    ("в конце января Минфин представил доклад", ("в конце января", "2025-01-01", None, "month", "partial")),
    ("Летом 2012 года премьер обещал распустить парламент и выполнил его в ноябре.",
     ("в ноябре", "2012-11-01", None, "month", "partial")),
    # relative expressions
    ("Вчера начались учения.", ("Вчера", "2025-11-11", None, "day", "relative")),
    ("Завтра исполняется 55 лет.", ("Завтра", "2025-11-13", None, "day", "relative")),
    ("Накануне министр говорил о встрече.", ("Накануне", "2025-11-11", None, "day", "relative")),
    ("В пятницу министр заявил о сделке.", ("В пятницу", "2025-11-07", None, "day", "relative")),
    ("В пятницу состоится встреча.", ("В пятницу", "2025-11-14", None, "day", "relative")),
    ("в прошлую среду законопроект был внесен", ("в прошлую среду", "2025-11-05", None, "day", "relative")),
    ("На прошлой неделе группировка была усилена.",
     ("На прошлой неделе", "2025-11-03", "2025-11-09", "day", "relative")),
    ("Голосование состоится на следующей неделе.",
     ("на следующей неделе", "2025-11-17", "2025-11-23", "day", "relative")),
    ("В прошлом году доходы выросли.", ("В прошлом году", "2024-01-01", None, "year", "relative")),
    ("в этом году фонд отмечает юбилей", ("в этом году", "2025-01-01", None, "year", "relative")),
    ("в прошлом месяце прошла беседа", ("в прошлом месяце", "2025-10-01", None, "month", "relative")),
    ("в сентябре прошлого года появились симптомы",
     ("в сентябре прошлого года", "2024-09-01", None, "month", "relative")),
    ("Заседание прошло 28 сентября с.г. в Минске.", ("28 сентября с.г.", "2025-09-28", None, "day", "relative")),
    ("в начале прошлого года власти приняли программу",
     ("в начале прошлого года", "2024-01-01", None, "year", "relative")),
    ("Два года назад телекомпания выпустила фильм.", ("Два года назад", "2023-01-01", None, "year", "relative")),
    ("Неделю назад он был задержан.", ("Неделю назад", "2025-11-05", None, "day", "relative")),
    ("Решение вступит в силу через месяц.", ("через месяц", "2025-12-01", None, "month", "relative")),
    ("На днях Вашингтон отказался от встречи.", ("На днях", None, None, "day", "relative")),
    ("На следующий день руководство отказалось.", ("На следующий день", None, None, "day", "relative")),
    # ranges
    ("Фестиваль пройдёт с 1 по 3 декабря.", ("с 1 по 3 декабря", "2025-12-01", "2025-12-03", "day", "partial")),
    ("Форум прошел 10–12 марта 2025 года.", ("10–12 марта 2025 года", "2025-03-10", "2025-03-12", "day", "absolute")),
    ("Тренировки прошли 3 и 4 сентября.", ("3 и 4 сентября", "2025-09-03", "2025-09-04", "day", "partial")),
    ("C 27 марта по 3 апреля в Москве пройдет фестиваль.",
     ("C 27 марта по 3 апреля", "2026-03-27", "2026-04-03", "day", "partial")),
    ("Прием работ идёт с 18 января 2018 года по 29 апреля 2018 года.",
     ("с 18 января 2018 года по 29 апреля 2018 года", "2018-01-18", "2018-04-29", "day", "absolute")),
    ("Кризис в 2024–2025 годах был умеренным.", ("в 2024–2025 годах", "2024-01-01", "2025-12-31", "year", "absolute")),
    ("Он был премьером с 2007 по 2011 годы.", ("с 2007 по 2011 годы", "2007-01-01", "2011-12-31", "year", "absolute")),
    ("Выборы прошли в ноябре-декабре.", ("в ноябре-декабре", "2025-11-01", "2025-12-31", "month", "partial")),
    ("с 25 декабря по 5 января 2019 года", ("с 25 декабря по 5 января 2019 года", "2018-12-25", "2019-01-05", "day",
                                           "absolute")),
    # quarters, seasons, decades
    ("В первом квартале 2017 года инвестиции выросли.",
     ("В первом квартале 2017 года", "2017-01-01", "2017-03-31", "month", "absolute")),
    ("в IV квартале цена может вырасти", ("в IV квартале", "2025-10-01", "2025-12-31", "month", "partial")),
    ("осенью 2016 года министр был назначен", ("осенью 2016 года", "2016-09-01", "2016-11-30", "month", "absolute")),
    ("летом прошлого года линия была заморожена",
     ("летом прошлого года", "2024-06-01", "2024-08-31", "month", "relative")),
    ("зимой 2018 года выпал снег", ("зимой 2018 года", "2017-12-01", "2018-02-28", "month", "absolute")),
    ("в 90-е культура была утрачена", ("90-е", "1990-01-01", "1999-12-31", "year", "partial")),
    ("в 1970-х годах город рос", ("1970-х годах", "1970-01-01", "1979-12-31", "year", "absolute")),
    ("в начале 2000-х он уехал", ("в начале 2000-х", "2000-01-01", "2009-12-31", "year", "absolute")),
    ("В девяностые годы двадцатого века он был министром.",
     ("В девяностые годы двадцатого века", "1990-01-01", "1999-12-31", "year", "absolute")),
    # a weekday with its date: the date wins
    ("Во вторник, 23 июля 2019 года, суд вынес решение.",
     ("Во вторник, 23 июля 2019 года", "2019-07-23", None, "day", "absolute")),
    ("Сегодня, 27 февраля, исполняется три года.", ("Сегодня, 27 февраля", "2026-02-27", None, "day", "partial")),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_date_forms_are_found_and_resolved(text: str, expected: tuple) -> None:
    found = dates(text)
    assert expected in [row(m) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Вчера начались учения.", ("Вчера", None, None, "day", "relative")),
        ("В пятницу министр заявил.", ("В пятницу", None, None, "day", "relative")),
        ("в прошлом году", ("в прошлом году", None, None, "year", "relative")),
    ],
)
def test_relative_dates_stay_unresolved_without_publication(text: str, expected: tuple) -> None:
    assert [row(m) for m in dates(text, None)] == [expected]


def test_partial_dates_keep_their_parts_without_publication() -> None:
    (mention,) = dates("25 октября прошло заседание.", None)
    assert (mention.date, mention.year, mention.month, mention.day, mention.kind) == (None, None, 10, 25, "partial")


def test_absolute_dates_need_no_publication() -> None:
    (mention,) = dates("Закон от 29.12.2012 вступил в силу.", None)
    assert mention.date == dt.date(2012, 12, 29)


@pytest.mark.parametrize("text", ["31 февраля 2024 года состоялось заседание.", "Приказ от 32.13.2020 отменён."])
def test_invalid_dates_are_skipped_and_logged(text: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pipeline.extractors.dates"):
        found = dates(text)
    assert [m for m in found if m.day is not None] == []


def test_invalid_date_warning_names_the_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pipeline.extractors.dates"):
        dates("31 февраля 2024 года состоялось заседание.")
    assert "31 февраля 2024 года" in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "Пострадали 2024 человека.",
        "Самолёт пролетел в 1500 километрах от границы.",
        "В компании работает 51 сотрудник.",
        "Рост на 1900–2000 человек.",
        "Стороны подписали соглашение о сотрудничестве.",
        "Марта Стюарт открыла магазин.",
        "Выбросы в окружающую среду сократились.",
        "",
    ],
)
def test_no_date_in_numbers_and_names(text: str) -> None:
    assert dates(text) == []


def test_offsets_are_document_offsets_and_spans_do_not_overlap() -> None:
    text = "Заголовок\nВстреча прошла 25 октября 2025 года, а в пятницу и на прошлой неделе были другие."
    doc = plain_doc(text, PUBLISHED)
    found = extract_dates(doc)
    assert [m.text for m in found] == ["25 октября 2025 года", "в пятницу", "на прошлой неделе"]
    assert all(doc.text[m.start : m.stop] == m.text for m in found)
    spans = sorted((m.start, m.stop) for m in found)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_dates_never_raise_on_odd_input() -> None:
    text = "99.99.99 " * 20 + "с 40 по 50 февраля " + "0" * 300 + " в XXXX квартале \x00\ufeff"
    assert isinstance(dates(text), list)
