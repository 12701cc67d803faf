"""Walking the INPUT paths: order, source ids, skipped files, and every way a path can be bad."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pipeline.reading import ReadOptions, read_inputs
from pipeline.reading.walk import printable
from pipeline.types import Article, ReadError

TODAY = dt.date(2025, 11, 1)
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BODY = "Стороны подписали соглашение о сотрудничестве в сфере энергетики.\n"


def read(*paths: str | Path, **options: object) -> list[Article | ReadError]:
    return list(read_inputs(list(paths), ReadOptions(today=TODAY, **options)))  # type: ignore[arg-type]


def write(path: Path, text: str = BODY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(items: list[Article | ReadError]) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def test_a_folder_is_read_in_sorted_order_with_relative_source_ids(tmp_path):
    for rel in ["b.txt", "a/z.md", "a/b/c.txt", "a.json"]:
        write(tmp_path / rel, '{"text": "Текст о переговорах."}' if rel.endswith(".json") else BODY)
    ids = [a.source_id for a in read(tmp_path)]
    assert ids == ["a/b/c", "a/z", "a", "b"]


def test_a_single_path_may_be_given_bare(tmp_path):
    write(tmp_path / "a.txt")
    assert [a.source_id for a in read_inputs(str(tmp_path), ReadOptions(today=TODAY))] == ["a"]


def test_options_are_hashable_and_compare_by_value():
    assert hash(ReadOptions(field_map={"x": "text"})) == hash(ReadOptions(field_map={"x": "text"}))
    assert ReadOptions(field_map={"x": "text"}) != ReadOptions()


def test_a_file_given_directly_is_named_by_its_stem(tmp_path):
    path = write(tmp_path / "deep" / "статья.txt")
    [article] = read(path)
    assert (article.source_id, article.path) == ("статья", str(path))


@pytest.mark.parametrize(
    ["name", "read_as"],
    [
        ["news.txt", True],
        ["news.TXT", True],
        ["news.htm", True],
        ["news.pdf", False],
        ["news", False],
        [".hidden.txt", False],
        ["README.md", False],
    ],
)
def test_folders_skip_unsupported_hidden_and_readme_files_silently(tmp_path, name, read_as):
    write(tmp_path / name, "<p>Министры провели переговоры в Москве.</p>" if name.endswith("htm") else BODY)
    items = read(tmp_path)
    assert errors(items) == []
    assert len(items) == (1 if read_as else 0)


def test_hidden_folders_are_not_walked(tmp_path):
    write(tmp_path / ".git" / "notes.txt")
    assert read(tmp_path) == []


def test_an_explicit_file_with_an_unknown_extension_is_an_error(tmp_path):
    [item] = read(write(tmp_path / "news.pdf"))
    assert isinstance(item, ReadError) and "unsupported file type '.pdf'" in item.error


def test_an_explicit_readme_is_read_like_any_other_file(tmp_path):
    [item] = read(write(tmp_path / "README.md"))
    assert isinstance(item, Article)


def test_a_missing_input_is_an_error_and_the_other_inputs_are_still_read(tmp_path):
    good = write(tmp_path / "good.txt")
    items = read(tmp_path / "missing", good)
    assert isinstance(items[0], ReadError) and items[0].error == "no such file or directory"
    assert isinstance(items[1], Article)


def test_a_path_with_a_nul_character_is_an_error(tmp_path):
    [item] = read(str(tmp_path) + "/a\x00b.txt")
    assert isinstance(item, ReadError) and item.path.endswith("a\ufffdb.txt")


def test_a_folder_named_like_a_file_is_walked(tmp_path):
    write(tmp_path / "x.txt" / "inner.txt")
    assert [a.source_id for a in read(tmp_path)] == ["x.txt/inner"]


def test_a_file_named_by_two_inputs_is_read_once(tmp_path):
    write(tmp_path / "sub" / "a.txt")
    assert len(read(tmp_path, tmp_path / "sub", tmp_path / "sub" / "a.txt")) == 1


def test_a_broken_symbolic_link_is_an_error(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    [item] = read(tmp_path)
    assert isinstance(item, ReadError) and item.error == "broken symbolic link"


def test_looping_symbolic_links_are_an_error(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    items = read(tmp_path)
    assert [i.error for i in errors(items)] == ["symbolic link loop", "symbolic link loop"]


def test_a_link_to_a_parent_folder_is_reported_not_walked_forever(tmp_path):
    write(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "ReadError"]
    assert "loops" in errors(items)[0].error


@pytest.mark.parametrize(["follow", "expected"], [[False, ReadError], [True, Article]])
def test_links_leading_outside_the_inputs_need_follow_external_links(tmp_path, follow, expected):
    outside = write(tmp_path / "outside" / "secret.txt")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "link.txt").symlink_to(outside)
    [item] = read(tmp_path / "corpus", follow_external_links=follow)
    assert isinstance(item, expected)


def test_links_inside_the_inputs_are_followed(tmp_path):
    target = write(tmp_path / "real.txt")
    (tmp_path / "alias.txt").symlink_to(target)
    assert [a.source_id for a in read(tmp_path)] == ["alias"]  # the same file, read once


def test_a_fifo_with_a_text_extension_is_an_error_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [item] = read(tmp_path)
    assert isinstance(item, ReadError) and item.error == "not a regular file"


def test_files_over_the_size_limit_are_errors(tmp_path):
    write(tmp_path / "big.txt", "Сотрудничество. " * 100)
    [item] = read(tmp_path, max_file_bytes=1000)
    assert isinstance(item, ReadError) and item.error.startswith("too large")


def test_an_unreadable_file_is_an_error(tmp_path, monkeypatch):
    write(tmp_path / "locked.txt")

    def refuse(*args: object, **kwargs: object):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pipeline.reading.walk.open", refuse, raising=False)
    [item] = read(tmp_path)
    assert isinstance(item, ReadError) and (item.stage, item.error) == ("read", "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_an_error(tmp_path):
    path = write(tmp_path / "locked.txt")
    path.chmod(0)
    [item] = read(tmp_path)
    assert isinstance(item, ReadError)


def test_file_names_that_are_not_utf8_are_read_and_shown_printably(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xcf\xf0\xe8\xec\xe5\xf0.txt"  # "Пример" in cp1251
    with open(name, "wb") as handle:
        handle.write(BODY.encode())
    [article] = read(tmp_path)
    assert isinstance(article, Article)
    assert article.path.endswith("\ufffd" * 6 + ".txt") and article.path.isprintable()


@pytest.mark.parametrize(
    ["raw", "shown"],
    [
        ["новости/статья.txt", "новости/статья.txt"],
        [os.fsdecode(b"a\xffb.txt"), "a\ufffdb.txt"],
        ["line\nbreak.txt", "line\ufffdbreak.txt"],
    ],
)
def test_printable_paths(raw, shown):
    assert printable(raw) == shown


def test_the_bundled_samples_read_without_errors():
    items = read(SAMPLES)
    assert errors(items) == []
    assert len(items) == 12
    assert all(len(a.text.split()) >= 140 for a in items if isinstance(a, Article))


@pytest.mark.parametrize(
    ["source_id", "title", "published", "source"],
    [
        ["txt/energy_tass_solar_pavlodar",
         "«Рифей-Энерго» построит солнечную электростанцию в Павлодарской области", dt.date(2025, 3, 15),
         "ТАСС"],
        ["txt/health_kursk_minsk_cp1251",
         "Курские и белорусские кардиологи будут консультировать пациентов вместе", dt.date(2025, 4, 22),
         "Черноземье Медиа"],
        ["txt/transport_yekaterinburg_tashkent_koi8r", "Екатеринбург и Ташкент свяжет ежедневный авиарейс",
         dt.date(2025, 2, 11), "Урал-Пресс"],
        ["txt/science_novosibirsk_byurakan",
         "Новосибирские и армянские астрономы построят совместный телескоп", dt.date(2025, 5, 20),
         "Научный вестник Сибири"],
        ["html/culture_kazan_tashkent_film", "Казань и Ташкент договорились о совместном кинопроизводстве",
         dt.date(2025, 3, 15), "Вестник Поволжья"],
        ["sample-agro-altai-china", "Алтайский молочный комбинат начнет поставки сыра в Китай",
         dt.date(2024, 12, 25), "Агро Сибирь"],
        ["sample-tourism-primorye-busan", "Приморье и Пусан будут вместе привлекать туристов",
         dt.date(2025, 4, 10), "Восток Медиа"],
    ],
)  # fmt: skip
def test_sample_metadata(source_id, title, published, source):
    article = {a.source_id: a for a in read(SAMPLES) if isinstance(a, Article)}[source_id]
    assert (article.title, article.published, article.source) == (title, published, source)
    assert article.text.startswith(title + "\n\n")
