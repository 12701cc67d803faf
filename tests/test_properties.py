"""Property-based tests (hypothesis): no input crashes the readers, the decoder or the grammars.

- The readers turn any bytes in any supported file type into Articles (clean Unicode text) or
  ReadErrors (one-line reasons), never an exception.
- Decoding round-trips Russian text in UTF-8, cp1251 and koi8-r.
- The money, date and percentage extractors never fail on any text, and every span they emit is
  the document text at its offsets.
- Sentence splitting covers every non-space character exactly once and never crosses a line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.extractors.dates import extract_dates
from pipeline.extractors.money import extract_money
from pipeline.extractors.percentages import extract_percentages
from pipeline.extractors.plain_doc import plain_doc
from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.decode import DecodeError, decode_bytes, looks_like_text
from pipeline.segment import split_sentences
from pipeline.types import Article, ReadError

TODAY = dt.date(2025, 11, 1)
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
STAGES = {"read", "decode", "parse", "record"}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# --- strategies -----------------------------------------------------------------------------

WORDS = (
    "Россия Китай Москва Пекин Казахстан Минск правительство министерство компания соглашение "
    "сотрудничество подписали договорились стороны развитие торговли энергетики области сфере "
    "проекта году рублей долларов миллионов проект программа совместный российских китайских "
    "губернатор заявил встречи переговоров инвестиции строительство поставки региона между "
    "также будет который были этого после время работы делегации визита университет науки"
).split()
RUSSIAN_WORD = st.sampled_from(WORDS)
# Pieces that the money, date and percentage grammars look for, to build texts that reach deep
# into the grammars rather than being filtered out by the prefilters.
GRAMMAR_PIECES = st.sampled_from([
    "5", "20", "1,5", "2024", "15.03.2025", "25", "100", "0", "999999999999", "3/4", "½", "1.000",
    "млн", "млрд", "тыс.", "трлн", "рублей", "руб.", "долларов", "$", "€", "евро", "юаней", "тенге",
    "USD", "RUB", "%", "процентов", "проц.", "около", "более", "до", "от", "свыше", "почти", "порядка",
    "января", "марта", "декабре", "году", "г.", "годы", "века", "в", "с", "по", "–", "-", "—", "—",
    "прошлом", "следующем", "этом", "вчера", "сегодня", "завтра", "весной", "квартале", "половине",
    "сумму", "на", "и", "или", ",", ".", "(", ")", "«", "»", "пяти", "двадцати", "сто", "полтора",
])  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "  ", "\u00a0", ", ", ". "])
ANY_TEXT = st.text(max_size=300)


@st.composite
def grammar_texts(draw: st.DrawFn) -> str:
    """Texts made of grammar keywords, Russian words, numbers and any characters."""
    pieces = draw(st.lists(st.one_of(GRAMMAR_PIECES, GRAMMAR_PIECES, RUSSIAN_WORD, st.text(max_size=4)),
                           max_size=40))
    seps = draw(st.lists(SEPARATORS, min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


TEXTS = st.one_of(grammar_texts(), ANY_TEXT)


def _nameless_letter(c: str) -> bool:
    return c.isalpha() and not unicodedata.name(c, "")


# Letters that this Python's Unicode database cannot name (Tangut, U+17000-U+18D08) crash
# pymorphy3 (see test_a_letter_without_a_unicode_name_does_not_crash_place_lookup): the grammars
# are tested on texts without them, the crash on its own.
EXTRACTOR_TEXTS = TEXTS.map(lambda t: "".join(c for c in t if not _nameless_letter(c)))


@st.composite
def russian_texts(draw: st.DrawFn, punctuation: str = ".,:;!?-()\"'«»—") -> str:
    """Russian prose: sentences of real words, capitalised, with punctuation, numbers and lines."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.one_of(RUSSIAN_WORD, RUSSIAN_WORD, RUSSIAN_WORD, st.integers(0, 3000).map(str)),
                              min_size=4, max_size=14))
        marks = draw(st.lists(st.sampled_from(["", "", "", *punctuation]), min_size=len(words), max_size=len(words)))
        text = " ".join(w + m for w, m in zip(words, marks, strict=True))
        sentences.append(text[0].upper() + text[1:] + draw(st.sampled_from(".!?")))
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(sentences)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | russian_texts(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "doc_id", "text", "content", "body", "title", "url", "date", "published",
                         "source", "x"]), children, max_size=6),
    max_leaves=12,
)  # fmt: skip
HTML_PIECES = st.sampled_from([
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>", "<p>", "</p>",
    "<article>", "</article>", "<div>", "</div>", "<nav>", "</nav>", "<footer>", "</footer>", "<br>",
    "<script>alert(1)</script>", '<script src="http://127.0.0.1:9/x.js"></script>', "<style>p{}</style>",
    '<img src="http://127.0.0.1:9/a.png">', '<meta charset="utf-8">', '<meta charset="koi8-r">',
    '<meta charset="no-such-codec">', '<meta property="article:published_time" content="2024-05-08">',
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "<", ">", "&", "\x00",
])  # fmt: skip


@st.composite
def html_texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(HTML_PIECES, HTML_PIECES, russian_texts(), st.text(max_size=10)), max_size=30))
    return "".join(pieces)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16", "utf-16-le", "latin-1"])


@st.composite
def file_contents(draw: st.DrawFn, kind: str) -> bytes:
    """Bytes for a file of ``kind``: random bytes, or a plausible text of that kind in any encoding,
    possibly cut short or with bytes flipped."""
    if kind in (".json", ".jsonl"):
        values = draw(st.lists(JSON_VALUES, min_size=1, max_size=4))
        ensure_ascii = draw(st.booleans())
        if kind == ".json":
            text = json.dumps(values if len(values) > 1 else values[0], ensure_ascii=ensure_ascii)
        else:
            text = "\n".join(json.dumps(v, ensure_ascii=ensure_ascii) for v in values)
    elif kind in (".html", ".htm"):
        text = draw(html_texts())
    else:
        text = draw(st.one_of(russian_texts(), TEXTS))
    data = text.encode(draw(ENCODINGS), errors="replace")
    mutation = draw(st.sampled_from(["none", "none", "cut", "flip", "random"]))
    if mutation == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif mutation == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    elif mutation == "random":
        data = draw(st.binary(max_size=600))
    return data


# --- readers --------------------------------------------------------------------------------


def read_file(name: str, data: bytes) -> list[Article | ReadError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_inputs([folder], ReadOptions(today=TODAY)))


def check_items(items: list[Article | ReadError]) -> None:
    """Every item is an Article of clean text or a ReadError with a one-line reason."""
    for item in items:
        assert isinstance(item, (Article, ReadError))
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            for value in (item.text, item.title, item.source_id, item.path, item.url, item.source):
                assert value is None or (isinstance(value, str) and not LONE_SURROGATE.search(value))
            item.text.encode("utf-8")  # storable as Parquet strings
            assert "\x00" not in item.text
        else:
            assert item.stage in STAGES, item
            assert isinstance(item.error, str) and item.error.strip(), item
            assert not any(c in item.error for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), item
            assert not LONE_SURROGATE.search(item.error + item.path + (item.source_id or ""))


@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".htm", ".json", ".jsonl"])
@SETTINGS
@given(data=st.data())
def test_the_readers_never_raise_on_any_bytes(ext, data):
    content = data.draw(file_contents(ext), label="content")
    check_items(read_file(f"news{ext}", content))


@SETTINGS
@given(value=JSON_VALUES, broken=st.text(max_size=30))
def test_a_jsonl_file_keeps_its_good_lines_whatever_the_broken_one(value, broken):
    good = json.dumps({"text": "Казань и Минск подписали соглашение о сотрудничестве."}, ensure_ascii=False)
    lines = [good, json.dumps(value), broken.replace("\n", " ").replace("\r", " "), good]
    items = read_file("feed.jsonl", "\n".join(lines).encode("utf-8", errors="replace"))
    check_items(items)
    assert isinstance(items[0], Article) and isinstance(items[-1], Article)


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
@SETTINGS
@given(text=russian_texts())
@example(text="Россия и Китай подписали соглашение.")
def test_decoding_round_trips_russian_text(encoding, text):
    assert decode_bytes(text.encode(encoding)) == text


@SETTINGS
@given(text=russian_texts(punctuation=".,:;!?-()\"'"))  # koi8-r has no « » —
@example(text="Россия и Китай подписали соглашение.")
def test_decoding_round_trips_koi8r_text(text):
    assert decode_bytes(text.encode("koi8-r")) == text


@SETTINGS
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                                  whitelist_characters="\n\t"), max_size=300))  # fmt: skip
def test_decoding_round_trips_any_utf8_text(text):
    assume(not text.startswith(("\ufeff", "GIF8", "%PDF-", "RIFF")) and looks_like_text(text))
    assert decode_bytes(text.encode("utf-8")) == text


@SETTINGS
@given(text=russian_texts(), cut=st.integers(1, 4000))
def test_a_utf8_text_cut_anywhere_decodes_to_its_beginning(text, cut):
    data = text.encode("utf-8")[:cut]
    assume(re.search(rb"(?:[\xd0\xd1][\x80-\xbf]){3}", data))  # a Russian word shows it is UTF-8
    assert text.startswith(decode_bytes(data))


@SETTINGS
@given(text=russian_texts(), at=st.integers(1, 4000), junk=st.binary(min_size=1, max_size=3).map(
    lambda b: bytes(0x80 | c for c in b)))
def test_stray_bytes_in_a_utf8_text_are_a_decode_error_never_mojibake(text, at, junk):
    data = text.encode("utf-8")
    data = data[:at] + junk + data[at:]
    assume(re.search(rb"(?:[\xd0\xd1][\x80-\xbf]){3}", data))  # a Russian word shows it is UTF-8
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert "invalid UTF-8" in str(exc)
    else:  # still valid UTF-8, or only its last character cut: never read in another code page
        assert decoded == data.decode("utf-8", errors="ignore")


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decoding_gives_text_or_a_decode_error(data):
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and "\x00" not in text


# --- grammars -------------------------------------------------------------------------------

EXTRACTORS: dict[str, Callable[[Any], list[Any]]] = {
    "money": extract_money, "dates": extract_dates, "percentages": extract_percentages,
}


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
@SETTINGS
@given(text=EXTRACTOR_TEXTS, published=st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
@example(text="около 5 млн рублей в марте 2024 года, рост на 15–20 %", published=dt.date(9999, 12, 31))
@example(text="с 1 по 31 декабря 9999 года вырос на 100% до $1,5 млрд", published=dt.date(1, 1, 1))
def test_the_extractors_never_fail_and_their_spans_are_the_text(name, text, published, caplog):
    caplog.clear()
    doc = plain_doc(text, published=published)
    with caplog.at_level(logging.WARNING):
        found = EXTRACTORS[name](doc)
    # The extractors log a sentence they failed on instead of raising: that is a failure here.
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    n_sentences = len(doc.sentences)
    for m in found:
        assert 0 <= m.start < m.stop <= len(text) and doc.text[m.start : m.stop] == m.text, m
        assert 0 <= m.sent_id < n_sentences, m


def test_a_letter_without_a_unicode_name_does_not_crash_place_lookup():
    from pipeline.resolve.geo import get_resolver

    assert get_resolver().lookup("Министерства \U00017000финансов") is None


def test_a_letter_without_a_unicode_name_is_analysed_like_any_unknown_word():
    from pipeline.morph import get_morphology

    assert get_morphology().parses("Минист\U00017000ерства") != []


# --- sentences ------------------------------------------------------------------------------


@SETTINGS
@given(text=st.one_of(TEXTS, russian_texts(), st.text(st.sampled_from("аб. \n\t\r!?«»"), max_size=200)))
@example(text="Титов\nАмурская область")
@example(text="слово " * 4000)  # over MAX_LINE_CHARS: cut into windows
def test_sentences_cover_every_non_space_character_once_and_never_cross_a_line(text):
    sentences = split_sentences(text)
    covered = [False] * len(text)
    last_stop = 0
    for start, stop, tokens in sentences:
        assert last_stop <= start < stop <= len(text)
        assert "\n" not in text[start:stop]
        for t_start, t_stop, word in tokens:
            assert start <= t_start < t_stop <= stop and text[t_start:t_stop] == word
        for i in range(start, stop):
            covered[i] = True
        last_stop = stop
    missed = [i for i, c in enumerate(text) if not c.isspace() and not covered[i]]
    assert missed == []
