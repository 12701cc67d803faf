"""Date mentions: ``extract_dates(doc) -> list[DateMention]``, resolved against publication.

The grammar (:mod:`pipeline.grammars.dates`) runs on sentences that pass
:func:`pipeline.extractors.prefilter.may_hold_date`. Each match is read into parts and resolved
with :mod:`pipeline.extractors.date_resolution` against ``doc.article.published``:

- ``date`` is the first day of the period at ``granularity`` (day, month or year), ``date_end``
  the last day of a range at the range's granularity ("в 2024–2025 годах" -> 2024-01-01 ..
  2025-12-31; a week, a quarter, a season and a decade are ranges too);
- ``kind`` is "absolute" (the text gives the year), "relative" (a word relative to publication:
  "вчера", "в прошлом году", "28 сентября с.г.") or "partial" (the year was inferred, or could not be);
- without a publication date relative expressions keep ``date`` None and the parts the text gave;
  vague or context-bound ones ("на днях", "на следующий день", "в том же году") always do;
- a day and month without a year take the year of an earlier full date in the same sentence
  ("Летом 2012 года ... в ноябре" -> November 2012), else the one the sentence's tense points to;
- invalid dates ("31 февраля") are logged as warnings and skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)
from pipeline.extractors import date_resolution as cal
from pipeline.extractors.prefilter import AnchoredParser, extract_from_sentences, may_hold_date
from pipeline.grammars import dates as lex
from pipeline.grammars.numbers import amount_value, get_tokenizer, lower
from pipeline.types import AnnotatedDoc, DateMention, Sentence, Token

log = logging.getLogger(__name__)

# Every date expression holds an anchor token (a number or one of these words) and starts at most
# ANCHOR_REACH tokens before it ("во второй половине 1950-х", "в минувшую среду").
ANCHOR_WORDS = re.compile(lex.TRIGGER_PATTERN, re.IGNORECASE)
ANCHOR_REACH = 3
TENSES = {"Past": "past", "Fut": "future", "Pres": "present"}
CLAUSE_BREAKS = re.compile(r"[,;:()«»]|\s[—–-]\s")
# Characters trimmed from the edges of a match ("(1994)" -> "1994").
EDGE_PUNCTUATION = "(),;:«»\"' "
WEEKDAY_MODIFIER_KINDS = {"прошл": "last", "минувш": "last", "эт": "this", "следующ": "next",
                          "ближайш": "next", "будущ": "next", "наступающ": "next"}  # fmt: skip


@lru_cache(maxsize=1)
def get_parser() -> Any:
    """The date parser, built once per process."""
    return AnchoredParser(lex.DATE, get_tokenizer(), _is_anchor, ANCHOR_REACH)


def _is_anchor(token: Any) -> bool:
    return token.type in ("INT", "NUM") or ANCHOR_WORDS.match(token.value) is not None


def extract_dates(doc: AnnotatedDoc) -> list[DateMention]:
    """Date mentions of ``doc`` in document order; never raises (failures are logged)."""
    published = doc.article.published
    return extract_from_sentences(doc, may_hold_date, lambda s: sentence_dates(s, published), "dates")


@dataclass
class _Context:
    """What a match needs besides its own parts."""

    sentence: Sentence
    start: int  # match offsets in the sentence
    stop: int
    published: dt.date | None
    tense: str | None
    year: int | None  # the year of an earlier full date in the same sentence


def sentence_dates(sentence: Sentence, published: dt.date | None) -> Iterator[DateMention]:
    """Date mentions of one sentence (offsets shifted to the document)."""
    text = sentence.text
    context_year: int | None = None
    for match in _matches(text):
        start, stop = _trim(text, match[0], match[1])
        context = _Context(sentence, start, stop, published, _tense(sentence, start, stop), context_year)
        try:
            mention = _resolve(match[2], context)
        except (ValueError, OverflowError) as exc:  # "31 февраля", "через 100000 лет"
            log.warning("dates: skipped %r in sentence %s: %s", text[start:stop], sentence.sent_id, exc)
            continue
        if mention is None:
            continue
        if mention.kind == "absolute" and mention.year is not None:
            context_year = mention.year
        yield mention


def _matches(text: str) -> Iterator[tuple[int, int, Any]]:
    """(start, stop, fact) of the grammar's matches in ``text``, parsing only the windows around
    date triggers (see :func:`pipeline.extractors.prefilter.windows`)."""
    for match in get_parser().findall(text):
        yield match.span.start, match.span.stop, match.fact


def _trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start] in EDGE_PUNCTUATION:
        start += 1
    while stop > start and text[stop - 1] in EDGE_PUNCTUATION:
        stop -= 1
    return start, stop


# ---------------------------------------------------------------------------------------------
# Tense: which side of the publication date a yearless date falls on


def _tense(sentence: Sentence, start: int, stop: int) -> str | None:
    """"past", "future", "present" or None: the tense of the verb nearest the match, a verb in the
    same clause (no comma, colon, bracket or dash between) before any other. Participles count:
    "соглашение, подписанное ... 12 марта, предусматривает" dates the signing, in the past."""
    best: tuple[tuple[int, int], str] | None = None
    doc_start = sentence.start + start
    for token in sentence.tokens:
        tense = token.feats.get("Tense")
        if token.pos not in ("VERB", "AUX") or not tense or token.feats.get("VerbForm", "Fin") not in ("Fin", "Part"):
            continue
        if token.stop <= doc_start:
            between = sentence.text[token.stop - sentence.start : start]
        else:
            between = sentence.text[stop : token.start - sentence.start]
        cost = (len(CLAUSE_BREAKS.findall(between)), len(between))
        if best is None or cost < best[0]:
            best = (cost, TENSES.get(tense, ""))
    return best[1] or None if best else None


def _direction(tense: str | None) -> cal.Direction:
    """Past tense: not after publication; future or present ("состоится", "проходит"): not before."""
    return {"past": cal.PAST, "future": cal.FUTURE, "present": cal.FUTURE}.get(tense or "", cal.NEAREST)


# ---------------------------------------------------------------------------------------------
# Reading a match


def _resolve(expr: Any, ctx: _Context) -> DateMention | None:
    """The mention for one grammar match (None when it is not a date after all)."""
    if expr.relative and not expr.start:
        return _relative_day(expr, ctx)
    if expr.weekday and not expr.start:
        return _weekday(expr, ctx)
    if expr.decade is not None:
        return _decade(expr, ctx)
    if expr.quarter is not None or expr.half is not None:
        return _quarter(expr, ctx)
    if expr.season is not None:
        return _season(expr, ctx)
    if expr.direction is not None:
        return _ago(expr, ctx)
    if expr.period_unit is not None and expr.start is None:
        return _period(expr, ctx)
    if expr.start is None:
        return None
    if expr.alt is not None:  # 25 октября (7 ноября) 1917 года: the bracketed date
        return _single(expr.alt, expr.end, ctx)
    if expr.end is not None:
        return _range(expr, ctx)
    if expr.period_mod is not None:  # в следующем мае
        _, offset = lex.period_offset(expr.period_mod)
        return _month_with_offset(expr.start, offset, ctx)
    if _is_bare_year(expr) and not _bare_year_ok(expr, ctx):
        return None
    mention = _single(expr.start, None, ctx)
    if mention and expr.part and _is_half(expr.part) and mention.granularity == "year" and mention.year:
        first = 1 if lex.ordinal_number(expr.part) == 1 else 7
        return _with_range(mention, *cal.month_range(mention.year, first, first + 5), "month")
    return mention


def _mention(ctx: _Context, granularity: str, date: dt.date | None = None, date_end: dt.date | None = None,
             year: int | None = None, month: int | None = None, day: int | None = None,
             kind: str = "absolute") -> DateMention:  # fmt: skip
    sentence = ctx.sentence
    return DateMention(
        sent_id=sentence.sent_id,
        start=sentence.start + ctx.start,
        stop=sentence.start + ctx.stop,
        text=sentence.text[ctx.start : ctx.stop],
        granularity=granularity,
        date=date,
        date_end=date_end,
        year=year,
        month=month,
        day=day,
        kind=kind,
    )


def _with_range(mention: DateMention, first: dt.date, last: dt.date, granularity: str) -> DateMention:
    return replace(mention, date=first, date_end=last, granularity=granularity)


@dataclass
class _Parts:
    year: int | None
    month: int | None
    day: int | None
    kind: str  # how the year was obtained: absolute, relative, partial
    resolvable: bool = True  # False: a context-bound year ("того же года")


def _parts(part: Any, ctx: _Context, inherit: _Parts | None = None) -> _Parts:
    """Year, month and day of a :data:`DatePart`, the year taken from ``inherit`` (the end of a
    range), the text, the sentence or the publication date, in that order."""
    day = int(part.day) if part.day else None
    month = lex.month_number(part.month) if part.month else None
    if part.year:
        return _Parts(int(part.year), month, day, "absolute")
    if part.year_short:
        return _Parts(cal.expand_two_digit_year(int(part.year_short), ctx.published), month, day, "absolute")
    if part.year_rel:
        first_word = re.findall(r"\w+", lower(part.year_rel))[0]
        if first_word in ("с", "т", "сего"):  # "с.г.", "т.г.", "сего года": of the current year
            offset: int | None = 0
        else:
            _, offset = lex.period_offset(first_word)
        if offset is None:
            return _Parts(None, month, day, "partial", resolvable=False)
        if ctx.published is None:
            return _Parts(None, month, day, "relative")
        return _Parts(ctx.published.year + offset, month, day, "relative")
    if inherit is not None:
        return _Parts(inherit.year, month if month is not None else inherit.month, day, inherit.kind,
                      inherit.resolvable)  # fmt: skip
    if month is not None and ctx.year is not None:
        return _Parts(ctx.year, month, day, "partial")
    if month is not None and ctx.published is not None:
        return _Parts(cal.infer_year(month, day, ctx.published, _direction(ctx.tense)), month, day, "partial")
    return _Parts(None, month, day, "partial")


def _granularity(parts: _Parts) -> str:
    return "day" if parts.day is not None else "month" if parts.month is not None else "year"


def _single(part: Any, year_part: Any, ctx: _Context) -> DateMention:
    # ``year_part`` holds the year of "25 октября (7 ноября) 1917 года", written after the brackets
    parts = _parts(part, ctx, inherit=_parts(year_part, ctx) if year_part is not None else None)
    granularity = _granularity(parts)
    if parts.year is None:
        if parts.day is not None and parts.month is not None:
            cal.make_date(2000, parts.month, parts.day)  # raises on "31 февраля" (2000 is leap)
        return _mention(ctx, granularity, month=parts.month, day=parts.day, kind=parts.kind)
    first, _ = cal.period_bounds(parts.year, parts.month, parts.day)
    return _mention(ctx, granularity, first, None, parts.year, parts.month, parts.day, parts.kind)


def _range(expr: Any, ctx: _Context) -> DateMention | None:
    if _is_bare_year(expr) and not _bare_year_ok(expr, ctx):
        return None
    end = _parts(expr.end, ctx)
    start = _parts(expr.start, ctx, inherit=end)
    if expr.start.month is None and end.month is not None:
        start.month = end.month
    if not _writes_year(expr.start) and not _writes_year(expr.end) and ctx.year is None and start.month:
        if ctx.published is not None:
            # no year given: the start takes the year the tense points to and the end follows it
            # ("прошли в ноябре-декабре" written in November: this November to December)
            day = start.day
            start.year = end.year = cal.infer_year(start.month, day, ctx.published, _direction(ctx.tense))
            if (end.month or 0, end.day or 0) < (start.month, start.day or 0):
                end.year += 1
    elif (
        start.year is not None
        and end.year is not None
        and not _writes_year(expr.start)
        and (start.month or 0, start.day or 0) > (end.month or 0, end.day or 0)
    ):
        start.year = end.year - 1  # "с 25 декабря по 5 января 2019": the start is in the year before
    granularity = _granularity(end) if _granularity(end) == _granularity(start) else "day"
    if start.year is None or end.year is None:
        return _mention(ctx, granularity, month=start.month, day=start.day, kind=start.kind)
    first, _ = cal.period_bounds(start.year, start.month, start.day)
    _, last = cal.period_bounds(end.year, end.month, end.day)
    if last < first:
        raise ValueError(f"range ends before it starts: {first} .. {last}")
    return _mention(ctx, granularity, first, last, start.year, start.month, start.day, end.kind)


def _writes_year(part: Any) -> bool:
    return bool(part.year or part.year_short or part.year_rel)


def _is_bare_year(expr: Any) -> bool:
    start = expr.start
    end = expr.end or start
    return all(p.year and not p.year_word and not p.month and not p.day for p in (start, end))


def _bare_year_ok(expr: Any, ctx: _Context) -> bool:
    """A year written without "год" is a year unless a noun follows ("в 1500 километрах",
    "1900–2000 человек") or it is not a plausible year of news (before 1800)."""
    if int(expr.start.year) < 1800:
        return False
    following = _token_after(ctx.sentence, ctx.sentence.start + ctx.stop)
    return not (following is not None and following.pos == "NOUN" and following.text[:1].islower())


def _token_after(sentence: Sentence, offset: int) -> Token | None:
    for token in sentence.tokens:
        if token.start >= offset:
            return token
    return None


def _token_at(sentence: Sentence, offset: int) -> Token | None:
    for token in sentence.tokens:
        if token.start <= offset < token.stop:
            return token
    return None


def _is_half(part: str) -> bool:
    return "половин" in lower(part)


# ---------------------------------------------------------------------------------------------
# Relative expressions


def _relative_day(expr: Any, ctx: _Context) -> DateMention:
    phrase = lower(" ".join(expr.relative.split()))
    offset = lex.RELATIVE_PHRASES.get(phrase) if " " in phrase else lex.RELATIVE_DAYS.get(phrase)
    if phrase == "накануне" and _is_preposition(ctx):
        offset = None  # "накануне выборов": the eve of an event, not of the publication
    if offset is None or ctx.published is None:
        return _mention(ctx, "day", kind="relative")
    date = ctx.published + dt.timedelta(days=offset)
    return _mention(ctx, "day", date, None, date.year, date.month, date.day, "relative")


def _is_preposition(ctx: _Context) -> bool:
    token = _token_at(ctx.sentence, ctx.sentence.start + ctx.start)
    if token is not None and token.pos == "ADP":
        return True
    following = _token_after(ctx.sentence, ctx.sentence.start + ctx.stop)
    return following is not None and following.text[:1].islower() and following.feats.get("Case") == "Gen"


def _weekday(expr: Any, ctx: _Context) -> DateMention | None:
    weekday = lex.weekday_number(expr.weekday)
    if weekday is None:
        return None
    if ctx.published is None:
        return _mention(ctx, "day", kind="relative")
    modifier = None
    if expr.weekday_mod:
        mod = lower(expr.weekday_mod)
        modifier = next((kind for stem, kind in WEEKDAY_MODIFIER_KINDS.items() if mod.startswith(stem)), None)
    direction = cal.FUTURE if ctx.tense in ("future", "present") else cal.PAST
    date = cal.weekday_date(weekday, ctx.published, direction, modifier)
    return _mention(ctx, "day", date, None, date.year, date.month, date.day, "relative")


def _period(expr: Any, ctx: _Context) -> DateMention:
    unit = lex.period_unit(expr.period_unit)
    known, offset = lex.period_offset(expr.period_mod) if expr.period_mod else (True, 0)
    granularity = {"year": "year", "month": "month"}.get(unit or "", "day" if unit == "week" else "month")
    if offset is None or ctx.published is None or not known:
        return _mention(ctx, granularity, kind="relative")
    pub = ctx.published
    if unit == "year":
        year = pub.year + offset
        return _mention(ctx, "year", dt.date(year, 1, 1), None, year, kind="relative")
    if unit == "month":
        year, month = cal.shift_month(pub.year, pub.month, offset)
        return _mention(ctx, "month", dt.date(year, month, 1), None, year, month, kind="relative")
    if unit == "week":
        first, last = cal.week_bounds(pub, offset)
        return _mention(ctx, "day", first, last, first.year, first.month, first.day, "relative")
    quarter = (pub.month - 1) // 3 + 1 + offset
    year = pub.year + (quarter - 1) // 4
    quarter = (quarter - 1) % 4 + 1
    first_month, last_month = cal.quarter_months(quarter)
    first, last = cal.month_range(year, first_month, last_month)
    return _mention(ctx, "month", first, last, year, first_month, kind="relative")


def _month_with_offset(part: Any, offset: int | None, ctx: _Context) -> DateMention:
    month = lex.month_number(part.month) if part.month else None
    if month is None or offset is None or ctx.published is None:
        return _mention(ctx, "month", month=month, kind="relative")
    year = ctx.published.year + offset
    return _mention(ctx, "month", dt.date(year, month, 1), None, year, month, kind="relative")


def _ago(expr: Any, ctx: _Context) -> DateMention:
    unit = lex.duration_unit(expr.unit) or "day"
    granularity = {"year": "year", "decade": "year", "month": "month", "halfyear": "month"}.get(unit, "day")
    if isinstance(expr.count, str):
        count: float | None = None  # "несколько дней назад": vague
    elif expr.count is not None:
        count = amount_value(expr.count)
    else:
        count = 1.0
    direction = lower(expr.direction)
    if direction == "назад":
        sign = -1
    elif direction == "через" and ctx.tense != "past":
        sign = 1
    else:  # "спустя", or "через" in a past narrative: relative to the story, not to publication
        sign = 0
    if count is None or sign == 0 or ctx.published is None or (count != int(count) and unit != "year"):
        return _mention(ctx, granularity, kind="relative")
    pub = ctx.published
    n = sign * count
    if unit in ("day", "week"):
        date = pub + dt.timedelta(days=n * (7 if unit == "week" else 1))
        return _mention(ctx, "day", date, None, date.year, date.month, date.day, "relative")
    if unit in ("month", "halfyear"):
        year, month = cal.shift_month(pub.year, pub.month, int(n * (6 if unit == "halfyear" else 1)))
        return _mention(ctx, "month", dt.date(year, month, 1), None, year, month, kind="relative")
    years = n * (10 if unit == "decade" else 1)
    if years != int(years):  # "полтора года назад": 18 months
        year, month = cal.shift_month(pub.year, pub.month, int(years * 12))
        return _mention(ctx, "month", dt.date(year, month, 1), None, year, month, kind="relative")
    year = pub.year + int(years)
    return _mention(ctx, "year", dt.date(year, 1, 1), None, year, kind="relative")


# ---------------------------------------------------------------------------------------------
# Quarters, seasons, decades


def _year_of(expr: Any, ctx: _Context) -> _Parts | None:
    """The explicit or relative year of a quarter/season/half-year, None when not given."""
    if expr.start is None:
        return None
    return _parts(expr.start, replace(ctx, year=None))


def _quarter(expr: Any, ctx: _Context) -> DateMention:
    number = lex.ordinal_number(expr.quarter or expr.half)
    if number is None:
        raise ValueError(f"no ordinal in {expr.quarter or expr.half!r}")
    if expr.quarter is not None:
        first_month, last_month = cal.quarter_months(number)
    elif number in (1, 2):
        first_month, last_month = (1, 6) if number == 1 else (7, 12)
    else:
        raise ValueError(f"no half-year {number}")
    given = _year_of(expr, ctx)
    if given is not None and given.year is not None:
        year, kind = given.year, given.kind
    elif given is None and ctx.year is not None:
        year, kind = ctx.year, "partial"
    elif given is None and ctx.published is not None:
        year = cal.infer_year(first_month, None, ctx.published, _quarter_direction(ctx, first_month, last_month))
        kind = "partial"
    else:
        return _mention(ctx, "month", month=first_month, kind="partial")
    first, last = cal.month_range(year, first_month, last_month)
    return _mention(ctx, "month", first, last, year, first_month, kind=kind)


def _quarter_direction(ctx: _Context, first_month: int, last_month: int) -> cal.Direction:
    # the quarter holding the publication date is this year's whatever the tense
    assert ctx.published is not None
    if first_month <= ctx.published.month <= last_month:
        return cal.NEAREST
    return _direction(ctx.tense)


def _season(expr: Any, ctx: _Context) -> DateMention:
    months = lex.season_months(expr.season)
    if months is None:
        raise ValueError(f"no season in {expr.season!r}")
    first_month, last_month = months
    given = _year_of(expr, ctx)
    if given is not None and given.year is not None:
        year, kind = given.year, given.kind
    elif given is None and ctx.year is not None:
        year, kind = ctx.year, "partial"
    elif given is None and ctx.published is not None:
        year = cal.season_year(first_month, last_month, ctx.published, _direction(ctx.tense))
        kind = "partial"
    else:
        return _mention(ctx, "month", month=first_month, kind="partial")
    first, last = cal.month_range(year, first_month, last_month)
    return _mention(ctx, "month", first, last, first.year, first.month, kind=kind)


def _decade(expr: Any, ctx: _Context) -> DateMention:
    century = lex.century_number(expr.century) if expr.century else None
    found = lex.decade_start(expr.decade, century)
    if found is None:
        raise ValueError(f"no decade in {expr.decade!r}")
    first_year, full = found
    if not full:
        first_year = cal.expand_decade(first_year, ctx.published)
    first, last = cal.decade_bounds(first_year)
    return _mention(ctx, "year", first, last, first_year, kind="absolute" if full else "partial")
