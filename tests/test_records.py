"""JSON and JSON Lines: field names, ids, dates, wrong types, broken lines, HTML record texts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.reading import ReadOptions, read_inputs
from pipeline.types import Article, ReadError

TODAY = dt.date(2025, 11, 1)
TEXT = "Казань и Минск подписали соглашение о сотрудничестве в сфере ИТ."
EVENTS_DEV = Path(__file__).resolve().parents[2] / "shared" / "gold" / "events_dev.jsonl"


def read(path: Path, **options: object) -> list[Article | ReadError]:
    return list(read_inputs([path], ReadOptions(today=TODAY, **options)))  # type: ignore[arg-type]


def write_json(tmp_path: Path, value: object, name: str = "news.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def write_jsonl(tmp_path: Path, lines: list[str], name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_json_object_is_one_article_named_by_its_id(tmp_path):
    record = {"id": "x-1", "title": "ИТ-соглашение", "text": TEXT, "url": "https://e.org/1",
              "published": "2025-05-28", "source": "ИТ Поволжья", "events": [{"type": "talks"}], "notes": "?"}
    [article] = read(write_json(tmp_path, record))
    assert article == Article(
        source_id="x-1",
        path=str(tmp_path / "news.json"),
        text=f"ИТ-соглашение\n\n{TEXT}",
        title="ИТ-соглашение",
        published=dt.date(2025, 5, 28),
        url="https://e.org/1",
        source="ИТ Поволжья",
    )


def test_records_of_an_array_without_ids_are_numbered(tmp_path):
    items = read(write_json(tmp_path, [{"text": TEXT}, {"doc_id": 77, "text": TEXT}, {"text": TEXT}]))
    assert [i.source_id for i in items] == ["news#1", "77", "news#3"]


@pytest.mark.parametrize(
    ["record", "field", "value"],
    [
        [{"headline": "Заголовок", "content": TEXT}, "title", "Заголовок"],
        [{"body": TEXT, "link": "https://e.org/a"}, "url", "https://e.org/a"],
        [{"text": TEXT, "site": "ng.ru"}, "source", "ng.ru"],
        [{"text": TEXT, "date": "25.10.2025"}, "published", dt.date(2025, 10, 25)],
        [{"text": TEXT, "pub_date": "2025-10-25T01:30:00+03:00"}, "published", dt.date(2025, 10, 25)],
        [{"text": TEXT, "datetime": "2025-10-25T10:00:00Z"}, "published", dt.date(2025, 10, 25)],
        [{"text": TEXT, "published": 1761350400}, "published", dt.date(2025, 10, 25)],  # Unix seconds
        [{"text": TEXT, "published": "не дата"}, "published", None],  # a bad date does not cost the article
        [{"text": TEXT, "title": None, "url": None}, "title", None],
        [{"text": TEXT, "title": ""}, "title", None],
    ],
)
def test_fields_are_found_by_their_usual_names(tmp_path, record, field, value):
    [article] = read(write_json(tmp_path, record))
    assert getattr(article, field) == value


def test_field_map_names_other_fields(tmp_path):
    record = {"headline_ru": "Заголовок", "body_html": "<p>Переговоры в Минске.</p>", "text": "не то"}
    [article] = read(write_json(tmp_path, record), field_map={"body_html": "text", "headline_ru": "title"})
    assert isinstance(article, Article) and article.text == "Заголовок\n\nПереговоры в Минске."


def test_field_map_must_name_our_fields():
    with pytest.raises(ValueError, match="not fields"):
        ReadOptions(field_map={"body_html": "body"})


@pytest.mark.parametrize(
    ["record", "error"],
    [
        [{"text": 123}, "field 'text' must be a string, not a number"],
        [{"text": None}, "record has no text (fields: text)"],
        [{"text": "   "}, "record has no text (fields: text)"],
        [{"title": "Только заголовок"}, "record has no text (fields: title)"],
        [{"text": {"ru": TEXT}}, "field 'text' must be a string, not an object"],
        [{"text": TEXT, "title": ["a"]}, "field 'title' must be a string, not a list"],
        [{"text": TEXT, "id": {"a": 1}}, "field 'id' must be a string or a number, not an object"],
        [{"text": TEXT, "id": True}, "field 'id' must be a string or a number, not a boolean"],
        [[TEXT], "record is a list, not an object"],
        ["просто строка", "record is a string, not an object"],
        [None, "record is null, not an object"],
        [{"text": "<html><body><script>x()</script></body></html>"}, "HTML text has no article text"],
    ],
)
def test_records_of_the_wrong_shape_are_errors_and_the_others_are_read(tmp_path, record, error):
    items = read(write_json(tmp_path, [{"text": TEXT}, record, {"text": TEXT}]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert (items[1].source_id, items[1].stage, items[1].error) == ("news#2", "record", error)  # type: ignore[union-attr]


@pytest.mark.parametrize("data", ['{"text": "обрыв', "[{}, ", "", "{'text': 'одинарные кавычки'}"])
def test_a_malformed_json_file_is_one_error(tmp_path, data):
    (tmp_path / "bad.json").write_text(data, encoding="utf-8")
    [item] = read(tmp_path / "bad.json")
    assert isinstance(item, ReadError) and item.source_id == "bad" and item.stage in ("parse", "read")


def test_a_broken_jsonl_line_is_an_error_and_the_good_lines_are_read(tmp_path):
    good = json.dumps({"text": TEXT}, ensure_ascii=False)
    lines = [good] * 6 + ['{"text": "оборванная строка'] + [good, "", json.dumps({"id": "n9", "text": TEXT})]
    items = read(write_jsonl(tmp_path, lines))
    assert [i.source_id for i in items] == [f"feed#{n}" for n in range(1, 9)] + ["n9"]
    broken = items[6]
    assert isinstance(broken, ReadError) and broken.stage == "parse"
    assert broken.error.startswith("line 7: malformed JSON")


def test_a_jsonl_line_over_the_size_limit_is_skipped(tmp_path):
    lines = [json.dumps({"text": TEXT}), json.dumps({"text": "длинный " * 500}), json.dumps({"text": TEXT})]
    items = read(write_jsonl(tmp_path, lines), max_file_bytes=1000)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert "too large" in items[1].error  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1251"])
def test_json_lines_in_other_encodings(tmp_path, encoding):
    data = "\n".join(json.dumps({"text": TEXT}, ensure_ascii=False) for _ in range(2)).encode(encoding)
    (tmp_path / "feed.jsonl").write_bytes(data)
    assert [a.text for a in read(tmp_path / "feed.jsonl")] == [TEXT, TEXT]  # type: ignore[union-attr]


def test_an_html_record_text_goes_through_the_html_extractor(tmp_path):
    markup = "<div><p>Первый абзац.</p><nav>Меню</nav><p>Второй абзац.</p></div>"
    record = {"title": "Переговоры", "text": markup}
    [article] = read(write_json(tmp_path, record))
    assert isinstance(article, Article) and article.text == "Переговоры\n\nПервый абзац.\n\nВторой абзац."


def test_a_record_without_title_gets_its_headline_and_header_from_the_text(tmp_path):
    text = "АСИ укрепит сотрудничество с Китаем\n\nТАСС 25.10.25 Слов: 184\n\nАгентство подписало декларацию."
    record = {"doc_id": "t", "title": "", "text": text}
    [article] = read(write_json(tmp_path, record))
    assert isinstance(article, Article)
    assert (article.title, article.source, article.published, article.text) == (
        "АСИ укрепит сотрудничество с Китаем", "ТАСС", dt.date(2025, 10, 25),
        "АСИ укрепит сотрудничество с Китаем\n\nАгентство подписало декларацию.")  # fmt: skip


def test_events_dev_reads_as_pipeline_input_with_record_fields_first():
    if not EVENTS_DEV.exists():
        pytest.skip(f"{EVENTS_DEV} is absent (../shared is not beside the project)")
    items = {i.source_id: i for i in read(EVENTS_DEV)}
    assert len(items) == 30 and all(isinstance(i, Article) for i in items.values())
    ng = items["ng-3dec32e334"]
    assert isinstance(ng, Article)
    assert (ng.title, ng.published, ng.source) == (
        "В Москве подписано соглашение о шахматном партнерстве", dt.date(2017, 4, 7), "ng.ru")  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "title", "url", "date", "source", "x"]), children, max_size=5),
    max_leaves=12,
))  # fmt: skip
def test_any_json_value_gives_articles_or_errors_never_an_exception(tmp_path, value):
    path = write_json(tmp_path, value)
    (tmp_path / "feed.jsonl").write_text(json.dumps(value) + "\n{oops\n", encoding="utf-8")
    for item in read(path) + read(tmp_path / "feed.jsonl"):
        assert isinstance(item, (Article, ReadError))


def test_lone_surrogates_in_a_record_become_replacement_characters(tmp_path) -> None:
    from pipeline.reading import read_inputs

    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a\\ud800", "text": "Москва и Пекин подписали соглашение \\udc80."}\n', encoding="utf-8")
    (article,) = read_inputs([path])
    assert (article.source_id, article.text) == ("a\ufffd", "Москва и Пекин подписали соглашение \ufffd.")
