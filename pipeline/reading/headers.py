"""The front of an article: its headline, agency header lines and datelines, and date values.

News exports put metadata into the text itself: a headline as the first line, then a line such as
"ТАСС 25.10.25 Слов: 184" or "Интерфакс 05/08/2008 10:35". These give ``title``, ``source`` and
``published``, and the header line is removed from the text (it is metadata, not prose).
:func:`parse_date` reads the date values of JSON fields and front matter with the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

__all__ = ["Front", "Header", "expand_year", "is_headline", "parse_date", "parse_header_line", "split_front"]

# A headline is one short line: the longest of the 28 titles in events_dev.jsonl has 127
# characters; body paragraphs that are short enough are rejected by their final full stop.
HEADLINE_MAX_CHARS = 200

# Header lines appear right at the top; three paragraphs cover "section, headline, header" and
# "header, headline" orders without letting a dated line deep in the body pass for a header.
_FRONT_PARAGRAPHS = 3

_MONTHS = {
    "январ": 1, "янв": 1, "феврал": 2, "фев": 2, "март": 3, "мар": 3, "апрел": 4, "апр": 4,
    "ма": 5, "июн": 6, "июл": 7, "август": 8, "авг": 8, "сентябр": 9, "сен": 9, "сент": 9,
    "октябр": 10, "окт": 10, "ноябр": 11, "ноя": 11, "декабр": 12, "дек": 12,
}  # fmt: skip
_MONTH_WORD = r"(?i:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|янв|фев|мар|апр|июн|июл|авг|сент?|окт|ноя|дек)\.?"  # noqa: E501

_DATE = (
    r"(?:(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    rf"|(?P<td>\d{{1,2}})\s+(?P<tm>{_MONTH_WORD})\s+(?P<ty>\d{{4}})(?:\s*(?:г\.|года?))?)"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:MSK|МСК|мск|GMT|UTC))?"

# The whole line must be: [agency][,] date [time] [Слов: N]. The agency is one to four words
# starting with a capital ("ТАСС", "РИА Новости", "Российская газета", "Lenta.ru").
_HEADER = re.compile(
    r"^(?:(?P<agency>[A-ZА-ЯЁ][\w.\-«»\"]*(?:\s+[\w.\-«»\"]+){0,3})\s*[,.:/|—–-]?\s+)?"
    + _DATE
    + rf"(?:[\s,]+{_TIME})?"
    + r"(?:[\s,.|]+(?:Слов|слов|СЛОВ|Words)[:\s]*\d+)?\s*$"
)

# Spellings of agencies in header lines (often upper case) and how the source column names them.
_AGENCIES = {
    "тасс": "ТАСС", "итар-тасс": "ИТАР-ТАСС", "интерфакс": "Интерфакс", "риа новости": "РИА Новости",
    "риа": "РИА Новости", "прайм": "Прайм", "рбк": "РБК", "regnum": "Regnum", "reuters": "Reuters",
}  # fmt: skip

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?$"
)
_SLASHED_ISO = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ].*)?$")
_DOTTED = re.compile(rf"^(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}|\d{{2}})(?:[,\s]+{_TIME})?$")
_TEXTUAL = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_WORD})\s+(\d{{4}})(?:\s*(?:г\.|года?))?(?:[,\s]+{_TIME})?$")


@dataclass(frozen=True)
class Header:
    """What an agency header or dateline line says."""

    source: str | None
    published: dt.date | None


@dataclass(frozen=True)
class Front:
    """The headline and header metadata found at the top of a text, and the paragraphs left."""

    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    paragraphs: list[str] = field(default_factory=list)


def expand_year(year: int, month: int, day: int, today: dt.date) -> int:
    """Turn a two-digit year into a full one: 20xx unless that date is after ``today``, then 19xx."""
    if year >= 100:
        return year
    try:
        return 2000 + year if dt.date(2000 + year, month, day) <= today else 1900 + year
    except ValueError:
        return 2000 + year  # an impossible day; the caller's date() will reject it anyway


def parse_date(value: str, today: dt.date) -> dt.date | None:
    """Read a date value: ISO dates and datetimes (the date as written, whatever the time zone),
    "2025/10/25", "25.10.2025", "25.10.25", "25 октября 2025 г.", RFC 2822. None if unreadable."""
    text = " ".join(value.split())
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_SLASHED_ISO, "ymd"), (_DOTTED, "dmy"), (_TEXTUAL, "dmy")):
        m = pattern.match(text)
        if m:
            parts = dict(zip(order, m.groups()[:3], strict=True))
            return _make_date(parts["y"], parts["m"], parts["d"], today)
    try:
        return parsedate_to_datetime(text).date()  # RSS feeds: "Sat, 25 Oct 2025 10:00:00 +0300"
    except (TypeError, ValueError, IndexError):
        return None


def parse_header_line(line: str, today: dt.date) -> Header | None:
    """Parse a whole line such as "ТАСС 25.10.25 Слов: 184", "Интерфакс 05/08/2008 10:35",
    "05/08/2008 10:35" or "РИА Новости, 12.03.2024"; None when the line is anything else."""
    text = " ".join(line.split())
    if len(text) > 80:  # the longest header form above is under 60 characters
        return None
    m = _HEADER.match(text)
    if not m:
        return None
    if m["d"]:
        published = _make_date(m["y"], m["m"], m["d"], today)
    elif m["iy"]:
        published = _make_date(m["iy"], m["im"], m["id"], today)
    else:
        published = _make_date(m["ty"], m["tm"], m["td"], today)
    if published is None:
        return None
    return Header(source=_source_name(m["agency"]), published=published)


def is_headline(paragraph: str) -> bool:
    """A first paragraph that reads as a headline: one short line, no final full stop, starting
    with a capital, a digit or a quote, and of at least two words."""
    text = paragraph.strip()
    if not text or len(text) > HEADLINE_MAX_CHARS or len(text.split()) < 2:
        return False
    if text[-1] in ".,;:…" or text[0].islower() or text[0] in "-—–•*(":
        return False
    return "\n" not in text


def split_front(paragraphs: Sequence[str], *, want_title: bool, today: dt.date) -> Front:
    """Take the agency header line (within the first paragraphs) and, when ``want_title``, the
    headline (the first paragraph when it reads as one and more text follows) off the top."""
    rest = list(paragraphs)
    header = None
    for k in range(min(_FRONT_PARAGRAPHS, len(rest))):
        header = parse_header_line(rest[k], today)
        if header:
            del rest[k]
            break
    title = None
    if want_title and len(rest) >= 2 and is_headline(rest[0]):
        title = rest.pop(0)
    return Front(
        title=title,
        source=header.source if header else None,
        published=header.published if header else None,
        paragraphs=rest,
    )


def _source_name(prefix: str | None) -> str | None:
    """The publisher named before the date; agency datelines name the place in capitals instead
    ("МОСКВА, 25.10.2025"), which is not a publisher. Acronyms of agencies are short (ТАСС, РБК)."""
    if not prefix:
        return None
    known = _AGENCIES.get(prefix.lower())
    if known:
        return known
    if prefix.isalpha() and prefix.isupper() and len(prefix) > 5:
        return None
    return prefix


def _make_date(year: str, month: str, day: str, today: dt.date) -> dt.date | None:
    try:
        m = int(month) if month.isdigit() else _month_number(month)
        d = int(day)
        y = expand_year(int(year), m, d, today) if len(year) == 2 else int(year)
        return dt.date(y, m, d)
    except (KeyError, ValueError):
        return None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    # Longest stem first: "мар" must not shadow "март", "ма" only matches May ("мая", "май").
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return _MONTHS[stem]
    raise KeyError(word)
