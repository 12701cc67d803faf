"""HTML pages: the article body and its metadata, never the navigation, related links or footer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.html import decode_html, looks_like_html
from pipeline.types import Article, ReadError

TODAY = dt.date(2025, 11, 1)
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "html" / "culture_kazan_tashkent_film.html"

PAGE = """<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="{charset}">
<title>Пермь и Бухара подписали соглашение — Городские вести</title>
<meta property="og:title" content="Пермь и Бухара подписали соглашение">
<meta property="og:site_name" content="Городские вести">
<meta property="og:url" content="https://vesti.example/news/perm-bukhara">
<meta property="article:published_time" content="2024-09-03T09:00:00+05:00">
</head><body>
<nav><a href="/">Главная</a> <a href="/politics">Политика</a> <a href="/sport">Спорт</a></nav>
<article><h1>Пермь и Бухара подписали соглашение</h1>
<p>Администрация Перми и хокимият Бухары подписали соглашение о побратимстве. Документ подписали глава
города Алексей Дёмкин и хоким Бухары Жахонгир Ахмедов.</p>
<p>Стороны проведут дни культуры и откроют в Бухаре центр русского языка, на который выделят
15 млн рублей.</p>
<div class="related"><h3>Читайте также</h3><ul><li><a href="/a">В Перми открыли новый мост</a></li></ul></div>
</article>
<footer>© 2024 Городские вести. Все права защищены. <a href="/ads">Реклама</a></footer>
</body></html>
"""


def read_page(tmp_path: Path, markup: str, encoding: str = "utf-8", name: str = "page.html"
              ) -> Article | ReadError:  # fmt: skip
    (tmp_path / name).write_bytes(markup.encode(encoding))
    [item] = read_inputs([tmp_path / name], ReadOptions(today=TODAY))
    return item


@pytest.mark.parametrize(["charset", "encoding"], [["utf-8", "utf-8"], ["windows-1251", "cp1251"]])
def test_a_page_gives_its_body_and_metadata(tmp_path, charset, encoding):
    article = read_page(tmp_path, PAGE.format(charset=charset), encoding)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.url, article.source) == (
        "Пермь и Бухара подписали соглашение", dt.date(2024, 9, 3), "https://vesti.example/news/perm-bukhara",
        "Городские вести")  # fmt: skip
    assert article.text.startswith("Пермь и Бухара подписали соглашение\n\nАдминистрация Перми и хокимият")
    assert "15 млн рублей" in article.text


@pytest.mark.parametrize(
    "furniture", ["Главная", "Политика", "Читайте также", "новый мост", "Все права", "Реклама"]
)
def test_navigation_related_links_and_footer_stay_out(tmp_path, furniture):
    article = read_page(tmp_path, PAGE.format(charset="utf-8"))
    assert isinstance(article, Article) and furniture not in article.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Пусто</title></head></html>",
        "<html><body><script>var news = 'Переговоры';</script></body></html>",
        "<html><body><nav><a href='/'>Главная</a></nav></body></html>",
    ],
)
def test_a_page_without_article_text_is_an_error(tmp_path, markup):
    item = read_page(tmp_path, markup)
    assert isinstance(item, ReadError) and (item.stage, item.error) == ("parse", "no article text")


def test_an_htm_fragment_is_read(tmp_path):
    item = read_page(tmp_path, "<p>Минпромторг и Росатом провели переговоры в Сарове.</p>", name="f.htm")
    assert isinstance(item, Article) and item.text == "Минпромторг и Росатом провели переговоры в Сарове."


def test_the_sample_page_keeps_its_five_paragraphs_and_drops_its_furniture():
    [article] = read_inputs([SAMPLE], ReadOptions(today=TODAY))
    assert isinstance(article, Article)
    assert len(article.text.split("\n\n")) == 6  # the headline and five paragraphs
    furniture = ("Главная", "Поделиться", "Подписывайтесь", "кинотеатр на тысячу")
    assert not any(w in article.text for w in furniture)


@pytest.mark.parametrize(
    ["data", "text"],
    [
        ['<meta charset="windows-1251"><p>Переговоры</p>'.encode("cp1251"), "Переговоры"],
        ['<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Переговоры</p>'
         .encode("koi8_r"), "Переговоры"],
        ['<meta charset="utf-8"><p>Переговоры</p>'.encode("cp1251"), "Переговоры"],  # a wrong declaration
        ["<p>Переговоры в Минске</p>".encode("cp1251"), "Переговоры в Минске"],  # none at all
    ],
)  # fmt: skip
def test_pages_are_decoded_by_their_declared_charset_or_by_detection(data, text):
    assert text in decode_html(data)


@pytest.mark.parametrize(
    ["text", "markup"],
    [
        ["<p>Абзац</p>", True],
        ["  <!DOCTYPE html><html>", True],
        ["<div class='x'>Текст</div>", True],
        ["Текст со знаком < и > внутри", False],
        ["<3 сотрудничество", False],
    ],
)
def test_looks_like_html(text, markup):
    assert looks_like_html(text) is markup
