"""Plain-text and Markdown files: headline, header, encodings, Markdown markup, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.text import markdown_to_text
from pipeline.types import Article, ReadError

TODAY = dt.date(2025, 11, 1)
NEWS = """АСИ укрепит сотрудничество с Китаем

ТАСС 25.10.25 Слов: 184

Агентство стратегических инициатив и китайская компания подписали декларацию о сотрудничестве.
"""


def read_one(path: Path, **options: object) -> Article | ReadError:
    [item] = read_inputs([path], ReadOptions(today=TODAY, **options))  # type: ignore[arg-type]
    return item


@pytest.mark.parametrize(
    "data",
    [
        NEWS.encode("utf-8"),
        b"\xef\xbb\xbf" + NEWS.encode("utf-8"),
        NEWS.replace("\n", "\r\n").encode("cp1251"),
        NEWS.encode("koi8_r"),
        NEWS.encode("utf-16"),
        NEWS.encode("utf-16-le"),
    ],
)
def test_a_news_file_in_any_supported_encoding_gives_the_same_article(tmp_path, data):
    (tmp_path / "news.txt").write_bytes(data)
    article = read_one(tmp_path / "news.txt")
    assert article == Article(
        source_id="news",
        path=str(tmp_path / "news.txt"),
        text="АСИ укрепит сотрудничество с Китаем\n\n"
        "Агентство стратегических инициатив и китайская компания подписали декларацию о сотрудничестве.",
        title="АСИ укрепит сотрудничество с Китаем",
        published=dt.date(2025, 10, 25),
        source="ТАСС",
    )


@pytest.mark.parametrize(
    ["data", "stage", "error"],
    [
        [b"", "read", "empty file"],
        [b"  \n\r\n\t ", "read", "empty file"],
        [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "decode", "binary content (a PNG image), not text"],
        ["Текст\x00с NUL".encode(), "decode", "binary content (NUL bytes), not text"],
        ["Новости\n\nЧитайте также\n\nНовости".encode(), "parse", "no article text"],
    ],
)
def test_unusable_text_files_are_errors(tmp_path, data, stage, error):
    (tmp_path / "bad.txt").write_bytes(data)
    item = read_one(tmp_path / "bad.txt")
    assert isinstance(item, ReadError) and (item.source_id, item.stage, item.error) == ("bad", stage, error)


@pytest.mark.parametrize(
    ["text", "title"],
    [
        ["Москва и Минск подписали соглашение\n\nТекст новости.", "Москва и Минск подписали соглашение"],
        ["Москва и Минск подписали соглашение\nТекст новости.", "Москва и Минск подписали соглашение"],
        ["Москва и Минск подписали соглашение.\n\nТекст новости.", None],
        ["Москва и Минск подписали\nсоглашение о торговле.", None],  # one sentence over two lines
        ["Москва и Минск подписали соглашение", None],  # nothing follows the line
    ],
)
def test_a_first_line_that_reads_as_a_headline_becomes_the_title(tmp_path, text, title):
    (tmp_path / "n.txt").write_text(text, encoding="utf-8")
    article = read_one(tmp_path / "n.txt")
    assert isinstance(article, Article) and article.title == title


MARKDOWN = """---
title: "Новосибирск и Ереван построят телескоп"
date: 2025-05-20
source: Научный вестник
url: https://example.org/telescope
---

# Новосибирск и Ереван построят телескоп

**Новосибирск, 19 мая.** Институт и *Бюраканская обсерватория* подписали [соглашение](https://example.org/doc).
![фото](https://example.org/a.jpg)

## Кто участвует

- институт — оптика;
- обсерватория — площадка.
"""


def test_markdown_front_matter_and_markup(tmp_path):
    (tmp_path / "science.md").write_text(MARKDOWN, encoding="utf-8")
    article = read_one(tmp_path / "science.md")
    assert isinstance(article, Article)
    assert (article.title, article.published, article.source, article.url) == (
        "Новосибирск и Ереван построят телескоп", dt.date(2025, 5, 20), "Научный вестник",
        "https://example.org/telescope")  # fmt: skip
    assert article.text == (
        "Новосибирск и Ереван построят телескоп\n\n"
        "Новосибирск, 19 мая. Институт и Бюраканская обсерватория подписали соглашение.\n\n"
        "Кто участвует\n\n- институт — оптика;\n\n- обсерватория — площадка."
    )


@pytest.mark.parametrize(
    ["markdown", "text"],
    [
        ["**жирный** и __тоже__", "жирный и тоже"],
        ["*курсив* и _курсив_, но snake_case_name и 2*3*4", "курсив и курсив, но snake_case_name и 2*3*4"],
        ["[ссылка](http://x.ru) и <https://y.ru>", "ссылка и https://y.ru"],
        ["> цитата\n> вторая строка", "цитата\nвторая строка"],
        ["`код` и \\*звёздочка\\*", "код и *звёздочка*"],
        ["Заголовок\n=========\n\nТекст", "Заголовок\n\n\nТекст"],
        ["<!-- комментарий -->Текст", "Текст"],
    ],
)
def test_markdown_to_text(markdown, text):
    assert markdown_to_text(markdown) == ({}, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_an_error_never_an_exception(tmp_path, data):
    (tmp_path / "any.txt").write_bytes(data)
    item = read_one(tmp_path / "any.txt")
    assert isinstance(item, (Article, ReadError))
    if isinstance(item, Article):
        assert item.text and item.text == item.text.strip() and "\x00" not in item.text
