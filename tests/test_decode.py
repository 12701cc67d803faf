"""Bytes to text: Unicode forms, the Russian code pages on short texts, and binary rejected."""

from __future__ import annotations

import codecs
import datetime as dt
import random

import pytest

from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.decode import DecodeError, decode_bytes, looks_like_text, russian_score
from pipeline.types import Article, ReadError

# One-sentence texts: the hard case for statistical detectors.
SHORT = [
    "Привет",
    "Я тебя люблю",
    "Стороны договорились о поставках газа.",
    "Министр подписал соглашение о сотрудничестве.",
    "ЕС ввёл санкции против «Газпрома» — 5 млрд $.",
    "Ёлки, ежи и объятия: «Щукинская» школа №1 в Подъячем",
]


@pytest.mark.parametrize("text", SHORT)
@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8_r", "utf-16", "utf-16-le", "utf-16-be"])
def test_short_russian_texts_decode_in_every_supported_encoding(text, encoding):
    if encoding == "koi8_r":
        text = text.replace("«", '"').replace("»", '"').replace("—", "-").replace("№", "N")  # not in KOI8-R
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ["data", "expected"],
    [
        [codecs.BOM_UTF8 + "Переговоры в Минске".encode(), "Переговоры в Минске"],
        [codecs.BOM_UTF16_LE + "Переговоры в Минске".encode("utf-16-le"), "Переговоры в Минске"],
        [codecs.BOM_UTF16_BE + "Переговоры в Минске".encode("utf-16-be"), "Переговоры в Минске"],
        ["Переговоры в Минске".encode("utf-32"), "Переговоры в Минске"],
        [b"", ""],
        [b"Plain ASCII news.", "Plain ASCII news."],
    ],
)
def test_byte_order_marks_are_honoured_and_dropped(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("text", SHORT[1:])
@pytest.mark.parametrize(["right", "wrong"], [["cp1251", "koi8_r"], ["koi8_r", "cp1251"]])
def test_the_right_code_page_reads_more_russian_than_the_wrong_one(text, right, wrong):
    data = text.replace("«", '"').replace("»", '"').replace("—", "-").replace("№", "N").encode(right)
    assert russian_score(data.decode(right)) > russian_score(data.decode(wrong))


@pytest.mark.parametrize(
    ["data", "message"],
    [
        [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"],
        [b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"],
        [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"],
        ["Текст с нулём\x00внутри".encode(), "NUL"],
        [b"abc\x00\x00\x00def\x00\x01\x02", "NUL"],
        [bytes(b % 255 + 1 for b in random.Random(7).randbytes(4000)), "binary content|unknown encoding"],
        ["Статья".encode() + bytes(range(1, 9)) * 50, "control characters"],
    ],
)
def test_binary_content_is_an_error_not_garbage_text(data, message):
    with pytest.raises(DecodeError, match=message):
        decode_bytes(data)


@pytest.mark.parametrize(
    ["text", "encoding"],
    [
        ["Współpraca energetyczna: Polska i Litwa podpisały porozumienie w Wilnie. Ministrowie "
         "energetyki obu krajów zapowiedzieli budowę wspólnej linii przesyłowej.", "cp1250"],
        ["Coopération franco-allemande : l'accord signé à Paris prévoit une garantie énergétique "
         "et un échange d'étudiants dès la rentrée.", "cp1252"],
    ],
)
def test_other_encodings_fall_back_to_charset_normalizer(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ["text", "is_text"],
    [
        ["Обычный текст новости, с цифрами 2025 и знаками «»—…", True],
        ["Мягкий\u00adперенос и\u200bневидимые знаки", True],
        ["\x01\x02\x03\x04 мусор \x05\x06\x07\x08", False],
    ],
)
def test_looks_like_text(text, is_text):
    assert looks_like_text(text) is is_text


def test_an_image_saved_as_txt_is_a_decode_error_of_that_file_only(tmp_path):
    (tmp_path / "a_photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "b_news.txt").write_bytes("Соглашение подписано в Казани.".encode("cp1251"))
    items = list(read_inputs([tmp_path], ReadOptions(today=dt.date(2025, 1, 1))))
    assert isinstance(items[0], ReadError) and (items[0].stage, items[0].source_id) == ("decode", "a_photo")
    assert isinstance(items[1], Article) and items[1].text == "Соглашение подписано в Казани."
