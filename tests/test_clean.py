"""Cleaning: characters, page furniture, paragraphs, and the gold mentions that must survive."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.clean import (
    clean_text,
    continues,
    fold_spaces,
    is_hard_wrapped,
    join_paragraphs,
    normalise_chars,
    remove_boilerplate,
)
from pipeline.reading.headers import parse_header_line
from pipeline.types import Article

TODAY = dt.date(2025, 11, 1)
SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTS_DEV = SHARED / "gold" / "events_dev.jsonl"


@pytest.mark.parametrize(
    ["raw", "clean"],
    [
        ["строка\r\nстрока\rстрока", "строка\nстрока\nстрока"],
        ["12\u00a0млрд\u202fрублей\u2009в\u2007год", "12 млрд рублей в год"],
        ["со\u00adтруд\u00adни\u00adчество", "сотрудничество"],
        ["пред\u200bставлена \u200b\u200bпод брендом\u200f", "представлена под брендом"],
        ["„Газпром“ и „Нафтогаз“", "«Газпром» и «Нафтогаз»"],
        ["“Роснефть” подписала", "«Роснефть» подписала"],
        ["«Он сказал „да“»", "«Он сказал «да»»"],
        ["Д’Артаньян и ‘кавычки’", "Д'Артаньян и 'кавычки'"],
        ["таб\tи\x07звонок", "таб извонок"],
        ["и\u0306од", "йод"],  # decomposed й (macOS file names and exports) composed
        ['прямые "кавычки" остаются', 'прямые "кавычки" остаются'],
    ],
)
def test_normalise_chars(raw, clean):
    assert normalise_chars(raw) == clean


@pytest.mark.parametrize(
    ["previous", "line", "joined"],
    [
        ["Президент России Владимир Путин ", "подписал указ", True],  # lower case goes on
        ["подписал указ", " о призыве на военные сборы.", True],
        ["(специальное судно. — ", "RT", True],  # a dash asks for more
        ["RT", "), местных советников.", True],  # closing punctuation goes on
        ["В ходе визита в США ", "Назарбаев подписал соглашения", True],  # cut at a link
        ["Первый абзац закончен.", "Второй абзац.", False],
        [" Министр иностранных дел Сирии Валид Муаллем ", " Reuters ", False],  # a caption
        ["Кого коснётся", "Как поясняют эксперты, призыву подлежат.", False],
        ["", "строчная буква", False],
    ],
)
def test_continues_joins_lines_split_at_links(previous, line, joined):
    assert continues(previous, line) is joined


@pytest.mark.parametrize(
    ["lines", "paragraphs"],
    [
        [["Президент России Владимир Путин ", "подписал указ", " о призыве.", "Второй абзац."],
         ["Президент России Владимир Путин подписал указ о призыве.", "Второй абзац."]],
        [["земснаряд (судно для работ. — ", "RT", ") «Меотида» и ледокол."],
         ["земснаряд (судно для работ. — RT) «Меотида» и ледокол."]],
        [["Первый абзац.", "", "", "Второй   абзац."], ["Первый абзац.", "Второй абзац."]],
    ],
)  # fmt: skip
def test_join_paragraphs(lines, paragraphs):
    assert join_paragraphs(lines) == paragraphs


WRAPPED = """Заголовок новости

Агентство стратегических инициатив и китайская компания
заключили соглашение о сотрудничестве. Документ подписан
в Шанхае на Международном музыкальном сезоне.

Стороны договорились о совместных концертах и обмене
рыночной информацией. Первые мероприятия пройдут
весной.

- первый пункт соглашения;
- второй пункт соглашения.
"""


@pytest.mark.parametrize(
    "lines",
    [
        ["Заголовок", "", "Первый абзац.", "Второй абзац, подлиннее первого.", "Третий."],
        ["Длинный абзац без переносов. " * 10, "", "Ещё один. " * 20, "И ещё. " * 30, "Конец."],
        ["Строка", "без", "пустых", "строк"],
    ],
)
def test_one_line_paragraphs_are_not_taken_for_hard_wrapped_text(lines):
    assert not is_hard_wrapped(lines)


def test_hard_wrapped_text_is_joined_into_paragraphs_and_list_items_stay_apart():
    lines = WRAPPED.split("\n")
    assert is_hard_wrapped(lines)
    assert join_paragraphs(lines, wrapped=True) == [
        "Заголовок новости",
        "Агентство стратегических инициатив и китайская компания заключили соглашение о сотрудничестве. "
        "Документ подписан в Шанхае на Международном музыкальном сезоне.",
        "Стороны договорились о совместных концертах и обмене рыночной информацией. Первые мероприятия "
        "пройдут весной.",
        "- первый пункт соглашения;",
        "- второй пункт соглашения.",
    ]


BODY = "Стороны подписали соглашение о сотрудничестве."


@pytest.mark.parametrize(
    ["raw", "kept"],
    [
        # A ТАСС-style list of related headlines, with section lines around the marker.
        [f"{BODY}\n\nНовости\n\nЧитайте также\n\nНовости\n\nВ Омске открыли ТЭЦ\nМинэнерго оценило паводок",
         [BODY]],
        [f"{BODY}\nСмотрите также:\nКазань и Ташкент договорились о кино\n{BODY}", [BODY, BODY]],
        [f"{BODY}\nЧитайте также: В Казани открылся кинотеатр\n{BODY}", [BODY, BODY]],
        # Photo credits, standing alone.
        [f"{BODY}\n\nФото: пресс-служба Аппарата мэра Москвы.\n\n{BODY}", [BODY, BODY]],
        [f"{BODY}\n Ан-225 \n РИА Новости \n © Виталий Тимкив \n{BODY}", [BODY, "Ан-225", BODY]],
        [f"{BODY}\n globallookpress.com \n{BODY}", [BODY, BODY]],
        # ... but an agency name inside a sentence split at a link stays.
        ["Об этом сообщает \nРИА Новости\n.", ["Об этом сообщает РИА Новости."]],
        # Share, subscribe and navigation lines.
        [f"{BODY}\nПоделиться\nПодписывайтесь на наш канал в Telegram\nBack to top button", [BODY]],
        [f"{BODY}\nСледите за новостями региона в Telegram\nНа страницу галереи", [BODY]],
        # Embedded posts: the attribution and its date go, the post's words stay.
        [f"{BODY}\nХорошая новость!\n— Antonov Company (@AntonovCompany) \nDecember 7, 2016\n{BODY}",
         [BODY, "Хорошая новость!", BODY]],
        [f"{BODY}\npic.twitter.com/DSovHIdgA6\n— FIL Luge (@FIL_Luge) \n25 февраля 2017 г.", [BODY]],
        # A closing byline, and a byline with an author's bio.
        [f"{BODY}\nВладимир Зайвый", [BODY]],
        [f"{BODY}\n\nLudmila Shartunova\n\nНовостной редактор портала. Только проверенные новости.\nНаверх",
         [BODY]],
        # Section labels above the headline.
        [f"Новости Москвы\n\n{BODY}", [BODY]],
    ],
)  # fmt: skip
def test_page_furniture_is_removed(raw, kept):
    lines = remove_boilerplate(normalise_chars(raw).split("\n"))
    assert join_paragraphs(lines) == kept


def test_a_related_card_with_a_teaser_stays_as_text():
    raw = (
        f"{BODY}\n Также по теме \n Власти Мьянмы отвергли предложение о перемирии \n"
        f" Власти Мьянмы не станут поддерживать инициативу, которая... \nКризис в Мьянме\n{BODY}"
    )
    assert join_paragraphs(remove_boilerplate(raw.split("\n"))) == [
        BODY,
        "Власти Мьянмы отвергли предложение о перемирии",
        "Власти Мьянмы не станут поддерживать инициативу, которая...",
        "Кризис в Мьянме",
        BODY,
    ]


@pytest.mark.parametrize(
    ["raw", "title", "text"],
    [
        ["Заголовок статьи\n\nТАСС 25.10.25 Слов: 184\n\nПервый абзац.\nВторой абзац.", None,
         "Заголовок статьи\n\nПервый абзац.\n\nВторой абзац."],
        ["Первый абзац.\nВторой абзац.", None, "Первый абзац.\n\nВторой абзац."],
        ["Первый абзац.", "Известный заголовок", "Известный заголовок\n\nПервый абзац."],
        ["Известный  заголовок\nАбзац.", "Известный заголовок", "Известный заголовок\n\nАбзац."],
        ["", "Только заголовок", "Только заголовок"],
        ["  \n\n  ", None, ""],
    ],
)  # fmt: skip
def test_clean_text_puts_the_headline_first(raw, title, text):
    assert clean_text(raw, title=title, today=TODAY).text == text


def test_clean_text_reports_the_header_metadata():
    cleaned = clean_text("Заголовок статьи\n\nИнтерфакс 05/08/2008 10:35\n\nТекст.", today=TODAY)
    assert (cleaned.title, cleaned.source, cleaned.published) == ("Заголовок статьи", "Интерфакс",
                                                                  dt.date(2008, 8, 5))  # fmt: skip


def test_a_fifty_megabyte_line_is_cleaned(tmp_path):
    (tmp_path / "long.txt").write_bytes(("сотрудничество " * 1_750_000).encode())  # 29 bytes each: 50 MB
    [article] = read_inputs([tmp_path], ReadOptions(today=TODAY))
    assert isinstance(article, Article) and len(article.text) == len("сотрудничество ") * 1_750_000 - 1


# ---------------------------------------------------------------------------------------------
# The gold articles: cleaning loses no annotated event mention.


def fold(text: str) -> str:
    """Compare texts as the event scorer reads them: characters normalised, whitespace folded,
    no space before closing punctuation (lines split at links are joined without one)."""
    return re.sub(r" (?=[),.;:!?»…%])", "", fold_spaces(normalise_chars(text)))


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    if not EVENTS_DEV.exists():
        pytest.skip(f"{EVENTS_DEV} is absent (../shared is not beside the project)")
    return [json.loads(line) for line in EVENTS_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def cleaned(gold) -> dict[str, Article]:
    items = read_inputs([EVENTS_DEV], ReadOptions(today=TODAY))
    return {a.source_id: a for a in items if isinstance(a, Article)}


def without_header_fragment(mention: str, raw_text: str) -> str:
    """A mention that runs on into an agency header line ("…индустрии\\n\\nТАСС" in the ТАСС
    article) is cut there: the header is metadata and leaves the text on purpose."""
    headers = [line.strip() for line in raw_text.split("\n") if parse_header_line(line, TODAY)]
    kept = []
    for line in mention.split("\n"):
        if line.strip() and any(h.startswith(line.strip()) for h in headers):
            break
        kept.append(line)
    return "\n".join(kept)


def test_every_gold_article_is_read(gold, cleaned):
    assert sorted(cleaned) == sorted(g["doc_id"] for g in gold)


def test_every_gold_event_mention_survives_cleaning(gold, cleaned):
    missing = []
    for record in gold:
        text = fold(cleaned[record["doc_id"]].text)
        for event in record["events"]:
            for mention in event["mentions"]:
                if fold(without_header_fragment(mention, record["text"])) not in text:
                    missing.append((record["doc_id"], mention[:80]))
    assert missing == []


@pytest.mark.parametrize(
    "gone",
    [
        "Вице-мэр китайского мегаполиса Чунцина попал под следствие",
        "Китайская провинция Ляонин укрепит сотрудничество с портами Дальнего Востока",
        "Читайте также",
        "ТАСС 25.10.25",
    ],
)
def test_the_related_headlines_of_the_tass_article_are_gone(cleaned, gone):
    article = cleaned["seed-tass-asi-imco"]
    assert gone not in article.text
    headline = "АСИ укрепит сотрудничество с Китаем в музыкальной индустрии"
    assert (article.title, article.source, article.published) == (headline, "ТАСС", dt.date(2025, 10, 25))


@pytest.mark.parametrize(
    ["doc_id", "gone"],
    [
        ["seed-moscow-brics-fashion", "Фото: пресс-служба"],
        ["seed-moscow-brics-fashion", "Back to top button"],
        ["seed-moscow-brics-fashion", "Новостной редактор портала"],
        ["seed-moscow-brics-fashion", "Новости Москвы"],
        ["rt-91cb7ca90f", "Владимир Зайвый"],
        ["rt-63c0aec752", "Также по теме"],
        ["rt-7b685a050b", "(@AntonovCompany)"],
    ],
)
def test_gold_page_furniture_is_gone(cleaned, doc_id, gone):
    assert gone not in cleaned[doc_id].text


def test_the_moscow_article_takes_its_headline_from_the_text(cleaned):
    assert cleaned["seed-moscow-brics-fashion"].title == (
        "Сергунина: Москва развивает сотрудничество со странами БРИКС+ в индустрии моды")


def test_cleaned_gold_texts_have_no_stray_whitespace(cleaned):
    for article in cleaned.values():
        for paragraph in article.text.split("\n\n"):
            assert paragraph == fold_spaces(paragraph) and paragraph, article.source_id
