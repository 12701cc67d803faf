"""Calendar arithmetic for date expressions: pure functions of dates and numbers, no grammar.

Conventions (from ../shared/gold/dates_dev.jsonl where it has them):
- a period is its first and last day: a month is 1st..last day, a year Jan 1..Dec 31, a week
  Monday..Sunday, a quarter or season its first month's 1st .. its last month's last day;
- a day and month without a year ("25 октября") take the year that puts them on the side of the
  publication date the sentence's tense points to (past: not after it, future: not before it),
  or the nearest one when the tense says nothing; months alone the same, by month;
- a weekday ("в пятницу") is the nearest such day not after publication for past or unknown
  tense, not before it for future or present tense; "прошлую/минувшую" is strictly before,
  "следующую/ближайшую" strictly after, "эту" the one in the publication's week;
- two-digit years are 20xx unless that is after the reference year, then 19xx;
- winter of year Y runs from December of Y-1 to February of Y.
"""

from __future__ import annotations

import calendar
import datetime as dt

Direction = int  # -1: not after the reference, +1: not before it, 0: nearest

PAST, NEAREST, FUTURE = -1, 0, 1


def make_date(year: int, month: int, day: int) -> dt.date:
    """``dt.date`` that raises ValueError with a readable message for "31 февраля"."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"invalid date {day:02d}.{month:02d}.{year}: {exc}") from None


def last_day(year: int, month: int) -> dt.date:
    """The last day of ``month``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(year: int, month: int | None = None, day: int | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of a year, a month or a day."""
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), last_day(year, month)
    date = make_date(year, month, day)
    return date, date


def expand_two_digit_year(year: int, reference: dt.date | None) -> int:
    """"17" -> 2017, "62" -> 1962: 20xx unless after the reference (publication date or today)."""
    reference = reference or dt.date.today()
    return 2000 + year if 2000 + year <= reference.year else 1900 + year


def infer_year(month: int, day: int | None, reference: dt.date, direction: Direction) -> int:
    """The year of a day-and-month or a month given without one (see the module conventions)."""
    candidates: list[tuple[int, int]] = []  # (signed distance from the reference, year)
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day is None:
            distance = (year - reference.year) * 12 + month - reference.month
        else:
            try:
                distance = (make_date(year, month, day) - reference).days
            except ValueError:
                continue  # 29 February of a common year
        candidates.append((distance, year))
    if not candidates:
        raise ValueError(f"invalid date {day}.{month}: no year has it")
    if direction == PAST:
        past = [c for c in candidates if c[0] <= 0]
        return max(past)[1]
    if direction == FUTURE:
        future = [c for c in candidates if c[0] >= 0]
        return min(future)[1]
    return min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))[1]


def weekday_date(weekday: int, reference: dt.date, direction: Direction, modifier: str | None = None) -> dt.date:
    """The date of a weekday (0 = Monday) around ``reference``.

    ``modifier`` is "last" (strictly before), "next" (strictly after), "this" (in the
    reference's Monday..Sunday week) or None (``direction`` decides, the same day counts).
    """
    delta_back = (reference.weekday() - weekday) % 7
    delta_forward = (weekday - reference.weekday()) % 7
    if modifier == "last":
        return reference - dt.timedelta(days=delta_back or 7)
    if modifier == "next":
        return reference + dt.timedelta(days=delta_forward or 7)
    if modifier == "this":
        return reference + dt.timedelta(days=weekday - reference.weekday())
    if direction == FUTURE:
        return reference + dt.timedelta(days=delta_forward)
    return reference - dt.timedelta(days=delta_back)


def week_bounds(reference: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week ``offset`` weeks from the reference's week."""
    monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) ``offset`` months away."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def shift_years(date: dt.date, years: int) -> dt.date:
    """``date`` moved by whole years (29 February becomes the 28th)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def month_range(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """First day of ``first_month`` to the last day of ``last_month`` (which may wrap into the next
    year: winter 12..2 of ``year`` means December of ``year - 1`` to February of ``year``)."""
    if last_month < first_month:
        return dt.date(year - 1, first_month, 1), last_day(year, last_month)
    return dt.date(year, first_month, 1), last_day(year, last_month)


def quarter_months(quarter: int) -> tuple[int, int]:
    """First and last month of quarter 1..4."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"no quarter {quarter}")
    return 3 * quarter - 2, 3 * quarter


def season_year(first_month: int, last_month: int, reference: dt.date, direction: Direction) -> int:
    """The year (of the season's last month) of a season named without one, like a month."""
    return infer_year(last_month if last_month < first_month else first_month, None, reference, direction)


def decade_bounds(first_year: int) -> tuple[dt.date, dt.date]:
    """Jan 1 of the decade's first year to Dec 31 of its tenth."""
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def expand_decade(two_digits: int, reference: dt.date | None) -> int:
    """"90-е" -> 1990, "20-е" -> 2020 once 2020 has begun, else 1920; "нулевые" -> 2000."""
    reference = reference or dt.date.today()
    return 2000 + two_digits if 2000 + two_digits <= reference.year else 1900 + two_digits
