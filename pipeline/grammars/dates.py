"""Dates: absolute, partial and relative date expressions as a yargy grammar plus lexicons.

Forms covered (see tests/test_dates.py): "25 октября 2025 года", "25.10.2025", "25.10.25",
"2024-10-25", "25/10/2025", "25 окт. 2025", "в октябре 2017-го", "в 2024 году", "в 1976",
"в октябре", "25 октября", "с 1 по 3 декабря", "10–12 марта 2025", "3 и 4 сентября",
"с 27 марта по 3 апреля", "в 2024–2025 годах", "с 2007 по 2011 годы", "в ноябре-декабре",
"в 90-е", "в 1970-х годах", "в начале 2000-х", "в конце января", "в первом квартале 2017 года",
"в IV квартале", "осенью 2016 года", "летом прошлого года", "в пятницу", "в прошлую среду",
"во вторник, 23 июля 2019 года", "вчера", "накануне", "на прошлой неделе", "в прошлом году",
"в сентябре прошлого года", "28 сентября с.г.", "два года назад", "через неделю", "на днях".

The grammar only finds and labels the parts (:data:`DateExpr`, :data:`DatePart`, raw strings);
:mod:`pipeline.extractors.dates` reads them with the lookup helpers below and
:mod:`pipeline.extractors.date_resolution` does the calendar arithmetic.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import and_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import custom, eq, gte, in_, is_lower, length_eq, lte
from yargy.predicates import type as token_type

from pipeline.grammars.numbers import DASH, DOT, NUMBER, lower, matcher

# ---------------------------------------------------------------------------------------------
# Lexicons

# Month stems (checked in this order: "мар" before "ма") and the full word forms.
MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("ма", 5), ("июн", 6), ("июл", 7),
    ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
)  # fmt: skip
SOFT = r"(?:ь|я|е|ю|ем)"
MONTH_FORMS = (
    rf"январ{SOFT}|феврал{SOFT}|март(?:а|е|у|ом)?|апрел{SOFT}|ма(?:й|я|е|ю|ем)|июн{SOFT}|июл{SOFT}|"
    rf"август(?:а|е|у|ом)?|сентябр{SOFT}|октябр{SOFT}|ноябр{SOFT}|декабр{SOFT}"
)
# Month adjectives: "в ходе декабрьского визита", "на майских праздниках" (lower case: "Октябрьская
# революция" is a name).
MONTH_ADJECTIVE_FORMS = (
    r"(?:январск|февральск|мартовск|апрельск|майск|июньск|июльск|августовск|сентябрьск|октябрьск|"
    r"ноябрьск|декабрьск)\w*"
)
# Abbreviations after a day number: "25 окт. 2025", "1 авг".
MONTH_ABBREVIATIONS = r"янв|фев|февр|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек"

WEEKDAY_STEMS: tuple[tuple[str, int], ...] = (
    ("пон", 0), ("вто", 1), ("сре", 2), ("чет", 3), ("пят", 4), ("суб", 5), ("вос", 6),
)  # fmt: skip
MASC_DAY = r"(?:а|у|ом|е|и|ов|ам|ами|ах)?"
# "среда" is also "environment": only its accusative/genitive after a preposition counts.
WEEKDAY_FORMS = (
    rf"понедельник{MASC_DAY}|вторник{MASC_DAY}|четверг{MASC_DAY}|пятниц(?:а|у|ы|е|ей|ам|ами)|"
    r"суббот(?:а|у|ы|е|ой|ам|ами)|воскресень(?:е|я|ю|ем|ям)"
)
WEDNESDAY_FORMS = r"среду|среды|средам"
# "прошлую среду", "минувшую пятницу", "эту субботу", "следующий вторник", "ближайшее воскресенье".
WEEKDAY_MODIFIERS = r"(?:прошл|минувш|эт|следующ|ближайш|будущ|наступающ)\w*"

# Years: "года", "г.", "гг.", and the ordinal suffix of "2017-го"; decades "1970-х", "90-е".
YEAR_WORDS = r"год(?:а|у|ом|е|ы|ов|ам|ами|ах)?"
YEAR_ABBREVIATIONS = r"гг?"
YEAR_SUFFIXES = r"го|й|м|ом|ый|ого"
DECADE_SUFFIXES = r"е|х|ые|ых|ми"
DECADE_WORDS: dict[str, int] = {
    "двадцат": 20, "тридцат": 30, "сороков": 40, "пятидесят": 50, "шестидесят": 60,
    "семидесят": 70, "восьмидесят": 80, "девяност": 90, "нулев": 0, "двухтысячн": 0,
}  # fmt: skip
DECADE_FORMS = "(?:" + "|".join(DECADE_WORDS) + ")(?:ые|ых|ым|ыми)"
CENTURY_ORDINALS: dict[str, int] = {
    "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "xviii": 18, "xix": 19, "xx": 20, "xxi": 21,
}
CENTURY_WORDS = r"век(?:а|е|у|ом)?"

# Relative "this / last / next" modifiers of a year, month, week, quarter; None = from context.
PERIOD_MODIFIERS: dict[str, int | None] = {
    "эт": 0, "текущ": 0, "нынешн": 0, "уходящ": 0, "наступивш": 0, "сего": 0,
    "прошл": -1, "минувш": -1, "предыдущ": -1, "позапрошл": -2,
    "следующ": 1, "будущ": 1, "наступающ": 1, "предстоящ": 1, "т": None,
}  # fmt: skip
PERIOD_MODIFIER_FORMS = (
    r"(?:эт(?:от|ом|ого|ой|у|а)|текущ|нынешн|уходящ|наступивш|прошл|минувш|предыдущ|позапрошл|"
    r"следующ|будущ|наступающ|предстоящ)\w*|т(?:ом|от|ого|ой|у|а)"
)
PERIOD_UNITS: dict[str, str] = {"год": "year", "месяц": "month", "недел": "week", "квартал": "quarter"}
PERIOD_UNIT_FORMS = r"год(?:а|у)?|месяц(?:а|е)?|недел(?:я|и|е|ю)|квартал(?:а|е)?"

QUARTER_FORMS = r"квартал(?:а|е|у|ом)?|кв"
HALF_YEAR_FORMS = r"полугоди(?:е|я|и|ю|ем)"
ORDINALS: dict[str, int] = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
ORDINAL_FORMS = r"(?:перв|втор|трет|четв[её]рт)\w*"
ROMAN_QUARTERS = {"I", "II", "III", "IV"}

SEASONS: dict[str, tuple[int, int]] = {"весн": (3, 5), "лет": (6, 8), "осен": (9, 11), "зим": (12, 2)}
SEASON_ADVERBS = r"весной|летом|осенью|зимой"
SEASON_NOUNS = r"весн(?:а|у|ы|е|ой)|лет(?:о|а|у|е)|осен(?:ь|и|ью)|зим(?:а|у|ы|е)"

# Parts of a period: the value stays the period ("в конце января" -> January, month).
PART_FORMS = r"начал(?:о|а|е|у|ом)|конц(?:а|е|у|ом)|конец|середин(?:а|е|ы|у|ой)"
HALF_FORMS = r"половин(?:а|е|ы|у|ой)"

# Words for a day relative to publication, with their offset in days; None = vague or from
# context (kept as a date expression with no date). "в настоящее время", "на данный момент" and
# "в последнее время" are left out: "now" rather than a date, and unannotated in NEREL 7 times of 9.
RELATIVE_DAYS: dict[str, int | None] = {
    "позавчера": -2, "вчера": -1, "накануне": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
}
RELATIVE_DAY_FORMS = "|".join(RELATIVE_DAYS)
# Multi-word expressions: "на днях", "на сегодняшний день", "в тот же день" (value in days or None).
RELATIVE_PHRASES: dict[str, int | None] = {
    "на днях": None, "на сегодняшний день": 0, "с сегодняшнего дня": 0, "на сегодня": 0,
    "на следующий день": None, "в тот же день": None, "в тот день": None, "на другой день": None,
    "в этот день": None, "в выходные": None, "на выходных": None, "в те дни": None,
}  # fmt: skip

# Durations for "два года назад", "через неделю": unit stems and their granularity.
DURATION_UNITS: dict[str, str] = {
    "д": "day", "сут": "day", "недел": "week", "месяц": "month", "год": "year", "лет": "year",
    "десятилет": "decade", "полгода": "halfyear",
}  # fmt: skip
DURATION_FORMS = (
    r"день|дня|дней|сутки|суток|недел(?:я|и|ю|ь)|месяц(?:а|ев)?|год(?:а)?|лет|"
    r"десятилети(?:е|я|й)|полгода"
)
VAGUE_COUNTS = r"несколько|нескольких|пару|пара|много|многих"

# Words that let a sentence through the date prefilter (with any digit).
TRIGGER_PATTERN = (
    r"\b(?:янв|фев|мар|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек|понедельник|вторник|сред[уы]|"
    r"четверг|пятниц|суббот|воскресень|вчера|сегодн|завтра|накануне|позавчера|послезавтра|днях|"
    r"день|выходн|год|месяц|недел|квартал|полугоди|весн|"
    r"летом|лет[оа]|осен|зим|назад|через|спустя|десятилет|полгода|"
    + "|".join(DECADE_WORDS)
    + r")"
)

# ---------------------------------------------------------------------------------------------
# Lookups used when reading a match


def _stem_lookup(word: str, table: tuple[tuple[str, int], ...] | dict[str, int]) -> int | None:
    word = lower(word)
    items = table.items() if isinstance(table, dict) else table
    for stem, value in items:
        if word.startswith(stem):
            return value
    return None


def month_number(word: str) -> int | None:
    """1..12 for a month name, abbreviation or number ("октября", "окт", "10")."""
    word = word.strip(" .")
    if word.isdigit():
        return int(word)
    return _stem_lookup(word, MONTH_STEMS)


def weekday_number(word: str) -> int | None:
    """0 (Monday) .. 6 (Sunday) for a weekday name in any form."""
    return _stem_lookup(word, WEEKDAY_STEMS)


def ordinal_number(word: str) -> int | None:
    """1..4 for "первом", "третьего", "IV", "3-м"."""
    word = lower(word).split()[0].strip(" .-")
    if word.isdigit():
        return int(word)
    if word in ORDINALS:
        return ORDINALS[word]
    return _stem_lookup(word, ORDINALS)


def period_offset(word: str) -> tuple[bool, int | None]:
    """(known, offset) of a period modifier: "прошлом" -> (True, -1); "том же" -> (True, None)."""
    word = lower(word).split()[0]
    for stem, offset in sorted(PERIOD_MODIFIERS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return True, offset
    return False, None


def period_unit(word: str) -> str | None:
    """"year", "month", "week" or "quarter" for "году", "месяце", "неделе", "квартале"."""
    return _unit_lookup(word, PERIOD_UNITS)


def duration_unit(word: str) -> str | None:
    """The unit of a duration word: "дней" -> "day", "лет" -> "year", "полгода" -> "halfyear"."""
    return _unit_lookup(word, DURATION_UNITS)


def _unit_lookup(word: str, table: dict[str, str]) -> str | None:
    word = lower(word)
    for stem, unit in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return unit
    return None


def season_months(word: str) -> tuple[int, int] | None:
    """First and last month of a season word ("осенью" -> (9, 11); winter is (12, 2))."""
    word = lower(word)
    for stem, months in SEASONS.items():
        if word.startswith(stem):
            return months
    return None


def decade_start(text: str, century: int | None = None) -> tuple[int, bool] | None:
    """(first year, century given) of a decade: "1970" -> (1970, True), "90" -> (90, False),
    "девяностые" -> (90, False), or (1990, True) with ``century`` 20."""
    text = lower(text).strip()
    digits = re.match(r"\d+", text)
    if digits:
        value = int(digits.group(0))
        if len(digits.group(0)) == 4:
            return value, True
        return value, False
    for stem, offset in DECADE_WORDS.items():
        if text.startswith(stem):
            if century is not None:
                return (century - 1) * 100 + offset, True
            return offset, False
    return None


def century_number(text: str) -> int | None:
    """The century of "двадцатого века" / "XX века" (20)."""
    return _stem_lookup(lower(text).split()[0], CENTURY_ORDINALS)


# ---------------------------------------------------------------------------------------------
# Rules

DatePart = fact("DatePart", ["day", "month", "year", "year_word", "year_short", "year_rel"])
DateExpr = fact(
    "DateExpr",
    [
        "start", "end", "alt", "weekday", "weekday_mod", "relative", "period_mod", "period_unit",
        "count", "unit", "direction", "quarter", "half", "season", "decade", "century", "part",
        "bare", "prep",
    ],
)  # fmt: skip

INT = token_type("INT")
DAY = and_(INT, gte(1), lte(31), custom(lambda v: len(v) <= 2))
MONTH_NUMBER = and_(INT, gte(1), lte(12), custom(lambda v: len(v) <= 2))
YEAR = and_(INT, gte(1000), lte(2100), length_eq(4))
YEAR_SHORT = and_(INT, length_eq(2))
COMMA = eq(",")
SEPARATOR = in_({".", "/", "-"})


def word(pattern: str) -> Any:
    """A token whose lower-cased text fully matches ``pattern`` (shorthand for the rules below)."""
    return matcher(pattern)


FROM = custom(lambda v: v.lower() in {"с", "со", "c"})  # also a Latin "C" typed for "С"
PREP = word(r"в|во|к|ко|за|на|с|со|до|по|после|c")  # kept in the span of a single date
PREP_BARE_YEAR = word(r"в|во|с|со|до|к|ко|по|от|после|c")  # a bare "в 1976" needs one of these

# Parts of one date --------------------------------------------------------------------------

D = DAY.interpretation(DatePart.day)
M = or_(
    rule(word(MONTH_FORMS)),
    rule(word(MONTH_ABBREVIATIONS), DOT.optional()),
).interpretation(DatePart.month)
# A month without a day is written in lower case ("Марта" alone is a name).
M_FULL = and_(word(MONTH_FORMS), is_lower()).interpretation(DatePart.month)
Y = YEAR.interpretation(DatePart.year)
YEAR_WORD = or_(
    rule(word(YEAR_WORDS)),
    rule(word(YEAR_ABBREVIATIONS), DOT.optional()),
    rule(DASH, word(YEAR_SUFFIXES), word(YEAR_WORDS).optional()),  # 2017-го, 2019-м году
).interpretation(DatePart.year_word)
YEAR_REL = or_(
    rule(word(PERIOD_MODIFIER_FORMS), eq("же").optional(), word(r"года|году")),  # этого года
    rule(eq("с"), DOT, eq("г"), DOT.optional()),  # с.г. = of the current year
    rule(eq("т"), DOT, eq("г"), DOT.optional()),  # т.г.
    rule(eq("сего"), word(r"года")),
).interpretation(DatePart.year_rel)

# "2025 года" / "2017-го" / "этого года"; a bare year is allowed only after a day and month.
YEAR_TAIL = or_(rule(Y, YEAR_WORD), rule(YEAR_REL))
YEAR_TAIL_AFTER_MONTH = or_(rule(Y, YEAR_WORD.optional()), rule(YEAR_REL))

TEXT_DATE = rule(D, M, YEAR_TAIL_AFTER_MONTH.optional())  # 25 октября [2025 [года]]
NUMERIC_DATE = rule(  # 25.10.2025, 25/10/25, 25-10-2025 [г.]
    D, SEPARATOR, MONTH_NUMBER.interpretation(DatePart.month), SEPARATOR,
    or_(Y, YEAR_SHORT.interpretation(DatePart.year_short)), YEAR_WORD.optional(),
)  # fmt: skip
ISO_DATE = rule(Y, eq("-"), MONTH_NUMBER.interpretation(DatePart.month), eq("-"), D)  # 2024-10-25
MONTH_DATE = rule(M_FULL, YEAR_TAIL_AFTER_MONTH.optional())  # октябре [2017 года]
YEAR_DATE = rule(Y, YEAR_WORD)  # 2024 году, 1919г, 2017-го

DAY_DATE = or_(TEXT_DATE, NUMERIC_DATE, ISO_DATE).interpretation(DatePart)
ANY_DATE = or_(TEXT_DATE, NUMERIC_DATE, ISO_DATE, MONTH_DATE, YEAR_DATE).interpretation(DatePart)

START = ANY_DATE.interpretation(DateExpr.start)
PREP_START = PREP.interpretation(DateExpr.prep)

# 25 октября (7 ноября) 1917 года: the bracketed (Gregorian) date is the one given.
DUAL_DATE = rule(
    rule(D, M).interpretation(DatePart).interpretation(DateExpr.start),
    eq("("),
    rule(D, M).interpretation(DatePart).interpretation(DateExpr.alt),
    eq(")"),
    YEAR_TAIL_AFTER_MONTH.interpretation(DatePart).interpretation(DateExpr.end),
)

MONTH_ADJECTIVE_DATE = (
    and_(word(MONTH_ADJECTIVE_FORMS), is_lower()).interpretation(DatePart.month).interpretation(DatePart)
    .interpretation(DateExpr.start)
)

SINGLE = or_(
    rule(PREP_START.optional(), START),
    DUAL_DATE,
    rule(MONTH_ADJECTIVE_DATE),
)

# Bare years: "в 1976", "(1994)", "ЕГЭ-2013" (checked afterwards: not "в 1500 километрах").
BARE_YEAR = or_(
    rule(PREP_BARE_YEAR.interpretation(DateExpr.prep), Y.interpretation(DatePart).interpretation(DateExpr.start)),
    rule(eq("("), Y.interpretation(DatePart).interpretation(DateExpr.start), eq(")")),
    rule(
        token_type("RU").interpretation(DateExpr.bare),  # ЕГЭ-2013, Евро-2020
        eq("-"),
        Y.interpretation(DatePart).interpretation(DateExpr.start),
    ),
)

# Ranges ---------------------------------------------------------------------------------------

END = ANY_DATE.interpretation(DateExpr.end)
START_DAY = rule(D).interpretation(DatePart).interpretation(DateExpr.start)
START_MONTH = rule(M_FULL).interpretation(DatePart).interpretation(DateExpr.start)
START_YEAR = rule(Y, YEAR_WORD.optional()).interpretation(DatePart).interpretation(DateExpr.start)
START_DAY_MONTH = rule(D, M, YEAR_TAIL_AFTER_MONTH.optional()).interpretation(DatePart).interpretation(
    DateExpr.start
)
END_YEAR = rule(Y, YEAR_WORD.optional()).interpretation(DatePart).interpretation(DateExpr.end)
END_MONTH = rule(M_FULL, YEAR_TAIL_AFTER_MONTH.optional()).interpretation(DatePart).interpretation(
    DateExpr.end
)
END_DAY_MONTH = TEXT_DATE.interpretation(DatePart).interpretation(DateExpr.end)

RANGE = or_(
    rule(PREP_START.optional(), START_DAY, DASH, END_DAY_MONTH),  # 10–12 марта 2025
    rule(START_DAY, eq("и"), END_DAY_MONTH),  # 3 и 4 сентября
    rule(FROM, START_DAY, word("по|до"), END_DAY_MONTH),  # с 1 по 3 декабря
    rule(FROM, START_DAY, eq("на"), END_DAY_MONTH),  # в ночь с 3 на 4 июня
    rule(FROM, START_DAY_MONTH, word("по|до"), END_DAY_MONTH),  # с 27 марта по 3 апреля
    rule(START_DAY_MONTH, DASH, END_DAY_MONTH),  # 30 июня – 2 июля
    rule(FROM, START_MONTH, word("по|до"), END_MONTH),  # с марта по май 2018 года
    rule(PREP_START.optional(), START_MONTH, DASH, END_MONTH),  # в ноябре-декабре
    rule(FROM, START_YEAR, word("по|до"), END_YEAR),  # с 2007 по 2011 годы
    rule(PREP_BARE_YEAR.interpretation(DateExpr.prep).optional(), START_YEAR, DASH, END_YEAR),  # 2024–2025
    rule(eq("между"), START_YEAR, eq("и"), END_YEAR),  # между 2010 и 2015 годами
)

# Weekdays -------------------------------------------------------------------------------------

WEEKDAY_PREP = word(r"в|во|на|к|ко|до|с|со|по|от|после")
WEEKDAY_MOD = word(WEEKDAY_MODIFIERS).interpretation(DateExpr.weekday_mod)
WEEKDAY = or_(
    rule(WEEKDAY_PREP.optional(), WEEKDAY_MOD.optional(), word(WEEKDAY_FORMS).interpretation(DateExpr.weekday)),
    rule(WEEKDAY_PREP, WEEKDAY_MOD.optional(), word(WEDNESDAY_FORMS).interpretation(DateExpr.weekday)),
    rule(WEEKDAY_MOD, word(WEDNESDAY_FORMS).interpretation(DateExpr.weekday)),
)
# "во вторник, 23 июля 2019 года", "В среду 22 февраля", "25 июля, в четверг": the date wins.
WEEKDAY_DATE = or_(
    rule(WEEKDAY, COMMA.optional(), DAY_DATE.interpretation(DateExpr.start)),
    rule(DAY_DATE.interpretation(DateExpr.start), COMMA.optional(), WEEKDAY),
)

# Relative days and periods ---------------------------------------------------------------------

RELATIVE_DAY = rule(word(RELATIVE_DAY_FORMS).interpretation(DateExpr.relative))
RELATIVE_PHRASE = or_(
    *(rule(*(word(w) for w in phrase.split())) for phrase in RELATIVE_PHRASES)
).interpretation(DateExpr.relative)
# "вчера, 9 мая 2019 года", "Сегодня, 27 февраля": the explicit date wins.
RELATIVE_DATE = rule(
    word(RELATIVE_DAY_FORMS).interpretation(DateExpr.relative),
    COMMA.optional(),
    DAY_DATE.interpretation(DateExpr.start),
)

PERIOD = or_(
    # в прошлом году, на этой неделе, в следующем месяце, в том же году, в текущем квартале
    rule(
        word(r"в|во|на|за"),
        word(PERIOD_MODIFIER_FORMS).interpretation(DateExpr.period_mod),
        eq("же").optional(),
        word(PERIOD_UNIT_FORMS).interpretation(DateExpr.period_unit),
    ),
    # прошлого года, этой недели (alone: "премии этого года")
    rule(
        word(PERIOD_MODIFIER_FORMS).interpretation(DateExpr.period_mod),
        word(r"года|месяца|недели|квартала").interpretation(DateExpr.period_unit),
    ),
    # в следующем мае
    rule(
        word(r"в|во"),
        word(PERIOD_MODIFIER_FORMS).interpretation(DateExpr.period_mod),
        M_FULL.interpretation(DatePart).interpretation(DateExpr.start),
    ),
)

# "два года назад", "неделю назад", "несколько лет тому назад", "через неделю", "спустя два дня".
COUNT = or_(NUMBER, rule(word(VAGUE_COUNTS))).interpretation(DateExpr.count)
DURATION = word(DURATION_FORMS).interpretation(DateExpr.unit)
AGO = or_(
    rule(COUNT.optional(), DURATION, eq("тому").optional(), eq("назад").interpretation(DateExpr.direction)),
    rule(word("через|спустя").interpretation(DateExpr.direction), COUNT.optional(), DURATION),
    rule(COUNT.optional(), DURATION, eq("спустя").interpretation(DateExpr.direction)),
)

# Quarters, half-years, seasons, decades, parts ------------------------------------------------------

ORDINAL = or_(
    rule(word(ORDINAL_FORMS)),
    rule(custom(lambda v: v in ROMAN_QUARTERS, types="LATIN")),
    rule(and_(INT, gte(1), lte(4)), DASH, word(r"м|й|го|ом")),
    rule(and_(INT, gte(1), lte(4))),
)
QUARTER = rule(
    PREP_START.optional(),
    ORDINAL.interpretation(DateExpr.quarter),
    word(QUARTER_FORMS),
    DOT.optional(),
    or_(YEAR_TAIL, rule(Y)).interpretation(DatePart).interpretation(DateExpr.start).optional(),
)
HALF_YEAR = rule(
    PREP_START.optional(),
    word(ORDINAL_FORMS).interpretation(DateExpr.half),
    word(HALF_YEAR_FORMS),
    or_(YEAR_TAIL, rule(Y)).interpretation(DatePart).interpretation(DateExpr.start).optional(),
)
SEASON_YEAR = or_(YEAR_TAIL, rule(Y)).interpretation(DatePart).interpretation(DateExpr.start)
SEASON = or_(
    rule(word(SEASON_ADVERBS).interpretation(DateExpr.season), SEASON_YEAR.optional()),  # осенью 2016 года
    rule(PREP_START.optional(), word(SEASON_NOUNS).interpretation(DateExpr.season), SEASON_YEAR),  # весна 2018
)

DECADE_NUMBER = and_(INT, custom(lambda v: len(v) in (2, 4) and v.endswith("0")))
CENTURY = rule(
    or_(word(r"(?:восемнадцат|девятнадцат|двадцат)\w*"), custom(lambda v: lower(v) in CENTURY_ORDINALS)),
    word(CENTURY_WORDS),
).interpretation(DateExpr.century)
DECADE = or_(
    # в 1970-х годах, 90-е
    rule(DECADE_NUMBER.interpretation(DateExpr.decade), DASH, word(DECADE_SUFFIXES), word(YEAR_WORDS).optional()),
    # в девяностые годы [двадцатого века]
    rule(
        word(r"в|во").optional(),
        word(DECADE_FORMS).interpretation(DateExpr.decade),
        word(YEAR_WORDS),
        CENTURY.optional(),
    ),
    rule(word(r"в|во"), word(DECADE_FORMS).interpretation(DateExpr.decade)),  # в девяностые
)

PART = or_(
    rule(eq("самом").optional(), word(PART_FORMS)),
    rule(word(ORDINAL_FORMS), word(HALF_FORMS)),
).interpretation(DateExpr.part)
PART_OF = rule(
    word(r"в|во|к|ко|до|с|со|на|от|по").interpretation(DateExpr.prep).optional(),
    PART,
    or_(
        MONTH_DATE.interpretation(DatePart).interpretation(DateExpr.start),
        YEAR_DATE.interpretation(DatePart).interpretation(DateExpr.start),
        YEAR_REL.interpretation(DatePart).interpretation(DateExpr.start),
        DECADE,
        rule(word(r"года|месяца|недели")).interpretation(DateExpr.period_unit),  # "к концу года"
    ),
)

DATE = or_(
    SINGLE, BARE_YEAR, RANGE, WEEKDAY, WEEKDAY_DATE, RELATIVE_DAY, RELATIVE_PHRASE, RELATIVE_DATE,
    PERIOD, AGO, QUARTER, HALF_YEAR, SEASON, DECADE, PART_OF,
).interpretation(DateExpr)  # fmt: skip
