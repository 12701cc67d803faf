"""Raw article text to the cleaned text every offset refers to.

Steps: normalise characters (spaces, invisible characters, quotes); drop the boilerplate that news
pages carry into their text (related-headline blocks, photo credits, share and subscribe lines,
embedded-post attributions, a closing byline or author bio); join the lines of a
paragraph; take the headline and agency header off the top (:mod:`.headers`); assemble
``title + "\\n\\n" + body`` with paragraphs separated by blank lines.

The rules were measured on the 30 texts of /work/shared/gold/events_dev.jsonl (Nezavisimaya
Gazeta, RT, ТАСС, a Moscow portal) and are written for the page furniture of Russian news in
general: no rule names an article. Everything not matched by a rule stays a faithful copy.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .headers import parse_date, parse_header_line, split_front

__all__ = ["KEEP_TEASER_CARDS", "Cleaned", "clean_text", "continues", "fold_spaces", "is_hard_wrapped",
           "join_paragraphs", "normalise_chars", "remove_boilerplate"]  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Characters

_CHAR_MAP: dict[int, str | None] = {
    **{c: None for c in range(32) if c not in (9, 10)},  # stray C0 controls carry no text
    **{c: None for c in range(0x7F, 0xA0)},  # DEL and C1 controls (NEL is handled below)
    0x85: "\n", 0x0B: "\n", 0x0C: "\n", 0x2028: "\n", 0x2029: "\n\n", 0x09: " ",
    # NBSP, figure, thin, hair, narrow and other fixed-width spaces: plain spaces.
    0xA0: " ", 0x1680: " ", 0x202F: " ", 0x205F: " ", 0x3000: " ", **{c: " " for c in range(0x2000, 0x200B)},
    # Soft hyphens, zero-width characters, BOMs and bidi marks are invisible and split words.
    0xAD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None,
    0x200E: None, 0x200F: None, **{c: None for c in range(0x202A, 0x202F)},
    **{c: None for c in range(0x2066, 0x206A)},
    # Quotes: the low-9 and reversed-9 openers and the right double quote become « and »; “ is
    # decided by context below. Single curly quotes are nearly always apostrophes ("Д’Артаньян").
    0x201E: "«", 0x201F: "«", 0x201D: "»", 0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'",
}  # fmt: skip
_CURLY = re.compile("[«»„“”]")


def normalise_chars(text: str) -> str:
    """Normalise characters without touching words: line ends to "\\n", NFC, every kind of space to
    a plain space, soft hyphens / zero-width / bidi marks removed, „…“ and “…” to «…»."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "“" in text:
        text = _pair_curly_quotes(text)
    return text.translate(_CHAR_MAP)


def _pair_curly_quotes(text: str) -> str:
    """“ closes a „ (Russian handwriting style „…“) and opens otherwise (English style “…”)."""
    stack: list[str] = []
    pieces: list[str] = []
    last = 0
    for m in _CURLY.finditer(text):
        ch = m.group()
        if ch == "“":
            if stack and stack[-1] == "„":
                stack.pop()
                ch = "»"
            else:
                stack.append("“")
                ch = "«"
        elif ch in "«„":
            stack.append(ch)
        elif stack:
            stack.pop()
        pieces.append(text[last : m.start()] + ch)
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def fold_spaces(text: str) -> str:
    """Collapse every whitespace run to one space and strip."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Boilerplate lines

# Page furniture is short; the length caps keep every rule away from real paragraphs.
_SHORT = 200
_CREDIT_MAX = 120

# A marker alone on its line, or followed by a colon and one linked headline.
_RELATED = re.compile(
    r"(?:читайте также|читайте по теме|также по теме|смотрите также|см\. также|новости по теме|"
    r"материалы по теме|по теме|ещё по теме|еще по теме|другие новости|похожие новости|"
    r"похожие материалы|related)(?:\s*[:.]?|\s*:\s*\S.*)",
    re.IGNORECASE,
)
# events_dev annotates events that only RT-style cards state (a related headline with a teaser
# that ends in "…"): 3 of its 210 events have mentions there, 2 of them nowhere else. So such a
# card stays as text and only its marker goes; bare lists of related headlines (the ТАСС
# "Читайте также" list) are navigation and go whole. Set to False to drop cards too.
KEEP_TEASER_CARDS = True
_SECTION = re.compile(
    r"(?:новости|главное|главные новости|последние новости|все новости|лента новостей)(?:\s+[\w-]+)?",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"поделиться|поделитесь\b.*|share|back to top(?: button)?|наверх|на страницу галереи|"
    r"версия для печати|распечатать|комментарии|подпи(?:сывайтесь|шитесь) на\b.*|"
    r"следите за (?:новостями|нами|событиями|главными новостями)\b.*|"
    r"читайте (?:нас|наши новости|новости) (?:в|на)\b.*|мы в (?:telegram|телеграм|vk|вконтакте|дзен)\b.*|"
    r"нашли ошибку\?.*|если вы нашли ошибку.*",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"©.*|(?:фото|фотография|фото и видео|иллюстрация|источник фото|инфографика|скриншот|photo)"
    r"\s*(?::|—|–|-|/)\s*\S.*|фото\s+(?:тасс|риа|reuters|ap|afp|epa|getty)\b.*",
    re.IGNORECASE,
)
# A photo agency or photo bank alone on a line is the credit of the picture above it.
_AGENCY_CREDIT = re.compile(
    r"(?:reuters|afp|ap|epa|associated press|риа новости|тасс|фотохроника тасс|global ?look ?press|"
    r"globallookpress\.com|getty images|sputnik|shutterstock|depositphotos|pixabay|unsplash|"
    r"legion-media|east news|коммерсантъ)(?:\s*/\s*.+)?",
    re.IGNORECASE,
)
# Embedded posts end with "— Author (@handle)" (Twitter) or "Публикация от Author (@handle)"
# (Instagram) and a date line; the picture link of a tweet stands alone.
_EMBED_BY = re.compile(r"(?:[—–-]\s*|публикация от\s+).{1,80}\(@[\w.]+\)", re.IGNORECASE)
_EMBED_DATE = re.compile(r"[A-Za-zА-Яа-яё]{3,9}\.? \d{1,2},? \d{4}(?: в \d{1,2}:\d{2} \w+)?")
_EMBED_LINK = re.compile(r"pic\.twitter\.com/\S+")
# A byline is a person's name alone (two or three capitalised words); a bio names a profession.
_NAME_WORD = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
_NAME_LINE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")
_BIO = re.compile(
    r"\b(?:редактор|корреспондент|журналист|обозревател|колумнист|фотограф|автор)\w*", re.IGNORECASE
)
_BIO_MAX = 400


def remove_boilerplate(lines: Sequence[str]) -> list[str]:
    """Drop page furniture from the lines of a text (blank lines are kept as separators)."""
    kept = _drop_furniture(list(lines))
    kept = _drop_related_blocks(kept)
    kept = _drop_leading_sections(kept)
    return _drop_closing_byline(kept)


def _is(pattern: re.Pattern[str], line: str, limit: int = _SHORT) -> bool:
    text = line.strip()
    return bool(text) and len(text) <= limit and pattern.fullmatch(text) is not None


def _is_credit(lines: Sequence[str], i: int) -> bool:
    """A credit line standing alone, not a piece of a sentence split at a link ("цитирует \\nРИА
    Новости\\n."): the line before does not run on into it and the line after does not continue it."""
    line = lines[i]
    if not (_is(_PHOTO_CREDIT, line, _CREDIT_MAX) or _is(_AGENCY_CREDIT, line, _CREDIT_MAX)):
        return False
    prev_line = lines[i - 1] if i else ""
    next_line = lines[i + 1] if i + 1 < len(lines) else ""
    return not _runs_on(prev_line) and not _continues_line(next_line)


def _drop_furniture(lines: list[str]) -> list[str]:
    """Share and subscribe lines, embedded-post attributions with their dates, photo credits.
    Picture captions stay: they describe the article's events (events_dev annotates some)."""
    drop = [False] * len(lines)
    for i, line in enumerate(lines):
        if _is(_SHARE, line) or _is(_EMBED_LINK, line) or _is_credit(lines, i):
            drop[i] = True
        elif _is(_EMBED_BY, line):
            drop[i] = True
            if i + 1 < len(lines) and _is_post_date(lines[i + 1]):
                drop[i + 1] = True
    return [line for line, gone in zip(lines, drop, strict=True) if not gone]


def _is_post_date(line: str) -> bool:
    text = line.strip()
    return _EMBED_DATE.fullmatch(text) is not None or parse_date(text, dt.date.max) is not None


def _drop_related_blocks(lines: list[str]) -> list[str]:
    """"Читайте также" and its kin with the short headline lines under them, and one-word section
    lines ("Новости") next to the block. A card with a teaser is kept (see KEEP_TEASER_CARDS)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _is(_RELATED, lines[i]):
            out.append(lines[i])
            i += 1
            continue
        while out and (not out[-1].strip() or _is(_SECTION, out[-1])):
            out.pop()  # blank and section lines just above the marker
        end, card = _related_block_end(lines, i + 1)
        out.append("")  # the block stood between paragraphs
        if card and KEEP_TEASER_CARDS:
            for line in lines[i + 1 : end]:
                if line.strip() and not _is(_SECTION, line):
                    out += [line, ""]
        i = end
    return out


def _related_block_end(lines: Sequence[str], start: int) -> tuple[int, bool]:
    """Where the block that starts at ``start`` ends, and whether it is a card closed by a teaser."""
    i = start
    while i < len(lines):
        text = lines[i].strip()
        if not text or _is(_SECTION, text) or _is_related_headline(text):
            i += 1
        elif _is_teaser(text):
            return i + 1, True  # a teaser ends its card; what follows is the article again
        else:
            break
    return i, False


def _is_teaser(text: str) -> bool:
    return len(text) <= 2 * _SHORT and text.endswith(("...", "…"))


def _is_related_headline(text: str) -> bool:
    """A linked headline: one short sentence with no final full stop."""
    return len(text) <= _SHORT and not text.endswith((".", ",", ":", ";")) and ". " not in text


def _drop_leading_sections(lines: list[str]) -> list[str]:
    """Section labels above the headline ("Новости Москвы") are navigation, not the headline."""
    i = 0
    while i < len(lines) and (not lines[i].strip() or _is(_SECTION, lines[i])):
        i += 1
    return lines[i:]


def _drop_closing_byline(lines: list[str]) -> list[str]:
    """A closing author name alone on its line, and the short bio paragraph after it."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if not end:
        return []
    last = lines[end - 1].strip()
    if len(last) <= _BIO_MAX and _BIO.search(last):
        before = end - 2
        while before >= 0 and not lines[before].strip():
            before -= 1
        if before >= 0 and _is(_NAME_LINE, lines[before]):
            return lines[:before]
    if _is(_NAME_LINE, last) and not (end > 1 and continues(lines[end - 2], lines[end - 1])):
        return lines[: end - 1]
    return lines[:end]


# ---------------------------------------------------------------------------------------------
# Paragraphs

# A line never ends a paragraph after these: a dash before an attribution, an open bracket or quote.
_OPEN_END = ("—", "–", "(", "«", ",")
# Lines starting with these continue the line before without a space ("RT" + "), местных").
_CLOSING_START = ")]},.;:!?»…%"
# Sentence-final characters: a line ending with one can end a paragraph.
_TERMINAL = ".!?…»\"'"
# Lines that stand alone even in hard-wrapped text: list items and dialogue dashes.
_LIST_ITEM = re.compile(r"\s*(?:[-*•–—]|\d{1,2}[.)])\s")
# Hard-wrapped plain text (a paragraph over several ~70-character lines) has short lines; pages
# put a paragraph on one line (events_dev paragraphs: median over 250 characters).
_WRAPPED_WIDTH = 120


def continues(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous`` inside one paragraph.

    Pages split sentences at links and inline markup ("Путин \\nподписал указ\\n о призыве"): the
    piece after the split starts in lower case or with closing punctuation, the piece before ends
    with a space, a dash, an open bracket or a comma."""
    return bool(previous.strip()) and (_continues_line(line) or _runs_on(previous))


def _continues_line(line: str) -> bool:
    """The line starts in lower case or with closing punctuation: it cannot start a paragraph."""
    head = line.lstrip()
    return bool(head) and (head[0].islower() or head[0] in _CLOSING_START)


def _runs_on(line: str) -> bool:
    """The line cannot end a paragraph: it ends with a dash, an open bracket, a quote or a comma,
    or it was cut at a link (a trailing space and no final punctuation). Captions around
    pictures carry spaces on both sides (" Ан-225 "), so a line starting with a space is not cut."""
    text = line.rstrip()
    if not text:
        return False
    if text.endswith(_OPEN_END):
        return True
    return line[-1].isspace() and not line[0].isspace() and text[-1] not in _TERMINAL


def _standalone(line: str) -> bool:
    return _LIST_ITEM.match(line) is not None or parse_header_line(line, dt.date.max) is not None


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """True for plain text wrapped at a fixed width, where single newlines are not paragraph ends:
    short lines (the 90th percentile under 120 characters), and the lines that another line
    follows nearly all fill the width (a paragraph of one-line sentences varies instead)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 4 or all(line.strip() for line in lines):
        return False
    width = lengths[int(len(lengths) * 0.9)]
    inner = [len(a.strip()) for a, b in pairwise(lines) if a.strip() and b.strip()]
    if width > _WRAPPED_WIDTH or len(inner) < 3:
        return False
    return sum(1 for n in inner if n >= 0.6 * width) >= 0.8 * len(inner)


def join_paragraphs(lines: Sequence[str], *, wrapped: bool = False) -> list[str]:
    """Group lines into paragraphs (a blank line always ends one) with single spaces inside.

    A line joins the one before when :func:`continues` says so, or, in hard-wrapped text, when
    neither is a list item or a header line."""
    groups: list[list[str]] = []
    after_blank = True
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        if groups and not after_blank:
            prev = groups[-1][-1]
            soft_wrap = wrapped and not _standalone(prev) and not _standalone(line)
            if soft_wrap or continues(prev, line):
                groups[-1].append(line)
                after_blank = False
                continue
        groups.append([line])
        after_blank = False
    return [_join_group(group) for group in groups]


def _join_group(group: list[str]) -> str:
    text = group[0].strip()
    for piece in group[1:]:
        piece = piece.strip()
        text += piece if piece[0] in _CLOSING_START else " " + piece
    return fold_spaces(text)


# ---------------------------------------------------------------------------------------------
# The whole text


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text with what its front told: the headline and the agency header's metadata."""

    text: str
    title: str | None
    source: str | None
    published: dt.date | None


def clean_text(raw: str, *, title: str | None = None, today: dt.date) -> Cleaned:
    """Clean an article's raw text. ``title`` is the headline known from metadata; without one the
    first line becomes the title when it reads as a headline. The result's text is
    ``title + "\\n\\n" + body`` (or the body alone), paragraphs separated by "\\n\\n"."""
    lines = remove_boilerplate(normalise_chars(raw).split("\n"))
    paragraphs = join_paragraphs(lines, wrapped=is_hard_wrapped(lines))
    known = fold_spaces(normalise_chars(title)) if title and title.strip() else None
    if known:
        # Pages and exports often repeat the headline as the first line of the text.
        while paragraphs and _same_heading(paragraphs[0], known):
            paragraphs.pop(0)
    front = split_front(paragraphs, want_title=known is None, today=today)
    head = known or front.title
    body = "\n\n".join(front.paragraphs)
    text = f"{head}\n\n{body}" if head and body else (head or body)
    return Cleaned(text=text, title=head, source=front.source, published=front.published)


def _same_heading(paragraph: str, title: str) -> bool:
    return paragraph.rstrip(" .").casefold() == title.rstrip(" .").casefold()
