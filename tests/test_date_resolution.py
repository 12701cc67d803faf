"""Calendar arithmetic of date expressions (pipeline.extractors.date_resolution)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extractors import date_resolution as cal

D = dt.date
WEDNESDAY = D(2025, 11, 12)


@pytest.mark.parametrize(
    ("year", "reference", "expected"),
    [
        (17, D(2018, 1, 30), 2017),
        (18, D(2018, 2, 27), 2018),
        (25, D(2025, 11, 12), 2025),
        (26, D(2025, 11, 12), 1926),
        (62, D(2016, 5, 18), 1962),
    ],
)
def test_two_digit_years_are_20xx_unless_after_the_reference(year: int, reference: dt.date, expected: int) -> None:
    assert cal.expand_two_digit_year(year, reference) == expected


@pytest.mark.parametrize(
    ("month", "day", "reference", "direction", "expected"),
    [
        (2, 5, D(2018, 1, 16), cal.NEAREST, 2018),  # 20 days ahead beats 345 days back
        (9, 3, D(2008, 3, 7), cal.PAST, 2007),
        (5, 16, D(2018, 3, 15), cal.FUTURE, 2018),
        (8, 7, D(2018, 3, 15), cal.PAST, 2017),
        (2, 26, D(2018, 2, 26), cal.FUTURE, 2018),  # the same day is not before
        (2, 26, D(2018, 2, 26), cal.PAST, 2018),
        (12, None, D(2018, 3, 12), cal.NEAREST, 2017),
        (10, None, D(2017, 12, 14), cal.PAST, 2017),
        (8, None, D(2017, 8, 10), cal.PAST, 2017),  # the current month is not after
        (1, None, D(2017, 12, 14), cal.FUTURE, 2018),
        (2, 29, D(2025, 3, 1), cal.PAST, 2024),  # only leap years have it
    ],
)
def test_infer_year_follows_the_tense(month: int, day: int | None, reference: dt.date, direction: int,
                                      expected: int) -> None:  # fmt: skip
    assert cal.infer_year(month, day, reference, direction) == expected


@pytest.mark.parametrize(
    ("weekday", "direction", "modifier", "expected"),
    [
        (4, cal.PAST, None, D(2025, 11, 7)),  # в пятницу (заявил)
        (4, cal.FUTURE, None, D(2025, 11, 14)),  # в пятницу (состоится)
        (2, cal.PAST, None, WEDNESDAY),  # в среду, written on Wednesday
        (2, cal.PAST, "last", D(2025, 11, 5)),  # в прошлую среду
        (2, cal.FUTURE, "next", D(2025, 11, 19)),  # в следующую среду
        (0, cal.PAST, "this", D(2025, 11, 10)),  # в этот понедельник
        (6, cal.PAST, "this", D(2025, 11, 16)),
    ],
)
def test_weekday_date(weekday: int, direction: int, modifier: str | None, expected: dt.date) -> None:
    assert cal.weekday_date(weekday, WEDNESDAY, direction, modifier) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1, (D(2025, 11, 3), D(2025, 11, 9))),
        (0, (D(2025, 11, 10), D(2025, 11, 16))),
        (1, (D(2025, 11, 17), D(2025, 11, 23))),
    ],
)
def test_week_bounds_run_monday_to_sunday(offset: int, expected: tuple[dt.date, dt.date]) -> None:
    assert cal.week_bounds(WEDNESDAY, offset) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2024,), (D(2024, 1, 1), D(2024, 12, 31))),
        ((2024, 2), (D(2024, 2, 1), D(2024, 2, 29))),
        ((2025, 2), (D(2025, 2, 1), D(2025, 2, 28))),
        ((2025, 10, 25), (D(2025, 10, 25), D(2025, 10, 25))),
    ],
)
def test_period_bounds(args: tuple[int, ...], expected: tuple[dt.date, dt.date]) -> None:
    assert cal.period_bounds(*args) == expected


@pytest.mark.parametrize(("year", "month", "day"), [(2024, 2, 31), (2025, 2, 29), (2025, 13, 1), (2025, 4, 31)])
def test_invalid_dates_raise_value_error(year: int, month: int, day: int) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        cal.make_date(year, month, day)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2016, 9, 11), (D(2016, 9, 1), D(2016, 11, 30))),  # осенью 2016 года
        ((2018, 12, 2), (D(2017, 12, 1), D(2018, 2, 28))),  # зимой 2018 года
        ((2017, 1, 3), (D(2017, 1, 1), D(2017, 3, 31))),  # первый квартал
    ],
)
def test_month_range_wraps_winter_into_the_year_before(args: tuple[int, int, int], expected: tuple) -> None:
    assert cal.month_range(*args) == expected


@pytest.mark.parametrize(("quarter", "expected"), [(1, (1, 3)), (2, (4, 6)), (3, (7, 9)), (4, (10, 12))])
def test_quarter_months(quarter: int, expected: tuple[int, int]) -> None:
    assert cal.quarter_months(quarter) == expected


def test_quarter_five_is_an_error() -> None:
    with pytest.raises(ValueError):
        cal.quarter_months(5)


@pytest.mark.parametrize(
    ("args", "expected"),
    [((2025, 1, -1), (2024, 12)), ((2025, 11, 2), (2026, 1)), ((2025, 3, -15), (2023, 12)), ((2025, 6, 0), (2025, 6))],
)
def test_shift_month(args: tuple[int, int, int], expected: tuple[int, int]) -> None:
    assert cal.shift_month(*args) == expected


@pytest.mark.parametrize(
    ("digits", "reference", "expected"),
    [(90, D(2018, 3, 19), 1990), (20, D(2018, 1, 1), 1920), (20, D(2025, 1, 1), 2020), (0, D(2018, 1, 1), 2000)],
)
def test_two_digit_decades_take_the_latest_begun_century(digits: int, reference: dt.date, expected: int) -> None:
    assert cal.expand_decade(digits, reference) == expected


def test_season_year_of_a_past_winter_is_the_year_of_its_february() -> None:
    assert cal.season_year(12, 2, D(2018, 3, 15), cal.PAST) == 2018
    assert cal.season_year(6, 8, D(2018, 3, 15), cal.PAST) == 2017
    assert cal.season_year(6, 8, D(2018, 3, 15), cal.FUTURE) == 2018
