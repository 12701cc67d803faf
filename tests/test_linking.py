"""Corpus-level linking (pipeline.linking): a surname or an abbreviation alone is the one full name of the corpus.

The rules are tested on names (:func:`link_people`, :func:`link_organisations`); the pass on real
runs of the pipeline over small Russian articles, read back with pandas and DuckDB: it links, it
does not when the surname or abbreviation is ambiguous, the genders or countries differ or the
organisation is a known one, it links later when a later run brings the full name and undoes the
link when one brings a second full name, it is idempotent, it rewrites only the parts whose ids
change, and every entity id of every table is in ``entities``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.config import Config
from pipeline.ids import entity_id
from pipeline.linking import (
    PersonName,
    first_name_gender,
    known_organisation_ids,
    link_entities,
    link_organisations,
    link_people,
    person_name,
    relink_part,
    starts_with_abbreviation,
    surname_gender,
    written_keys,
)
from pipeline.output import OutputFolder
from pipeline.resolve.entities import place_entity_id
from pipeline.resolve.geo import get_resolver
from pipeline.resolve.names import core_key, name_key
from pipeline.resolve.organisations import get_index
from pipeline.tables import CHUNK_TABLES, LINKED_COLUMNS, SCHEMAS, part_names, read_table, write_rows

ARTICLES = {
    "full": "Министр экономики Молдавии Владимир Мунтян встретился с послом Японии в Кишинёве.",
    "surname": "Мунтян провёл переговоры с послом Японии в Кишинёве.",
    "surname_again": "Как сообщил Мунтян, Молдавия и Япония подпишут соглашение о сотрудничестве.",
    "other_full": "Ольга Мунтян возглавила делегацию Молдавии на переговорах в Киеве.",
    "other_initial": "Как сообщил О. Мунтян, Молдавия и Япония подпишут соглашение о сотрудничестве.",
    "her_full": "Заместитель мэра Москвы Наталья Сергунина открыла выставку в Пекине.",
    "her_surname": "Сергунина рассказала, что Москва и Пекин подписали соглашение о сотрудничестве.",
    "his_surname": "Как отметил Сергунин, Москва и Пекин подписали соглашение о сотрудничестве.",
    # organisations: an abbreviation alone, written with its full name, spelling a full name's initials
    "namv": "Как сообщили в НАМВ, Молдавия и Япония подпишут соглашение о сотрудничестве.",
    "namv_full": "Президент Национальной ассоциации молдавских виноделов (НАМВ) встретился с послом Японии в Кишинёве.",
    "namv_other": "Национальное агентство медицинских вакцин подписало соглашение с Японией.",
    "ratm": "Руководство РАТМ заключило соглашение о сотрудничестве с турецкими партнёрами.",
    "ratm_full": "Ассоциация туристических агентств Молдовы (РАТМ) провела выставку в Кишинёве.",
    "ratm_plain": "Ассоциация туристических агентств Молдовы провела выставку в Кишинёве.",
    "amp": "Представители АМП встретились с послом Японии в Кишинёве.",
    "amp_full": "Ассоциация молодых предпринимателей провела форум в Кишинёве.",
    "amp_other": "Агентство молдавских продуктов провело выставку в Кишинёве.",
    "amp_person": "Алексей Михайлович Петров встретился с послом Японии в Кишинёве.",
    "vvs_syria": "Сирийские ВВС нанесли удары по позициям террористов в окрестностях Алеппо.",
    "vvs_full": "Американские Военно-воздушные силы подписали соглашение о сотрудничестве с Японией.",
    # organisations the pipeline knows (pipeline.resolve.org_data) and a gazetteer body
    "gd": "Депутаты ГД встретились с послом Японии в Кишинёве.",
    "duma": "Государственная дума одобрила соглашение о сотрудничестве с Японией.",
    "asi": "Представители АСИ встретились с послом Японии в Кишинёве.",
    "asi_full": "Агентство стратегических инициатив подписало соглашение с Японией.",
    "ebr": "Представители ЕБР встретились с послом Японии в Кишинёве.",
    "eabr_full": "Евразийский банк развития выделил кредит Молдавии.",
}

NAMV = "Национальная ассоциация молдавских виноделов"
RATM = "Ассоциация туристических агентств Молдовы"
AMP = "Ассоциация молодых предпринимателей"

# Every entity-id column of the tables: (table, column).
ID_COLUMNS = [(table, id_column) for table, (id_column, _) in LINKED_COLUMNS.items()]


def pid(name: str) -> str:
    """The id an article gives a person of that name."""
    return entity_id("PER", name_key(name))


def oid(name: str) -> str:
    """The id an article gives an organisation of that name: a gazetteer body's, a known
    organisation's, else the hash of the name's key (pipeline.resolve.entities)."""
    place = get_resolver().international(name)
    if place is not None:
        return place_entity_id(place)
    known = get_index().lookup(name)
    return entity_id("ORG", core_key(known.name if known is not None else name))


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The articles, one file each, in one folder for the whole module (the same paths in every run)."""
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def run(articles: Path, out: Path, names: list[str], **changes) -> Path:
    """Run the pipeline on the articles ``names`` (files of ``articles``) into ``out``; return ``out``."""
    options = {"workers": 1, "chunk_size": 1, "progress": False} | changes
    pipeline.run(Config(inputs=tuple(str(articles / f"{name}.txt") for name in names), output=out, **options))
    return out


def people(out: Path) -> dict[str, int]:
    """The person entities of ``out``, read with pandas: name -> number of articles."""
    entities = pd.read_parquet(out / "entities")
    persons = entities[entities["type"] == "PER"]
    return dict(zip(persons["name"], persons["n_docs"], strict=True))


def organisations(out: Path) -> dict[str, int]:
    """The organisation entities of ``out``, read with pandas: name -> number of articles."""
    entities = pd.read_parquet(out / "entities")
    orgs = entities[entities["type"] == "ORG"]
    return dict(zip(orgs["name"], orgs["n_docs"], strict=True))


def linked_rows(out: Path) -> set[tuple[str, str]]:
    """(the article's name, the name in ``entities``) of every doc_entities row the pass relinked (DuckDB)."""
    return set(duckdb.sql(f"""
        SELECT d.name, e.name FROM '{out}/doc_entities/*.parquet' d
        JOIN '{out}/entities/*.parquet' e USING (entity_id) WHERE d.linked_from IS NOT NULL
    """).fetchall())


def comparable(out: Path, name: str) -> pd.DataFrame:
    """Table ``name`` sorted on every column, lists as tuples: equal frames mean equal tables."""
    frame = read_table(out, name).to_pandas()
    frame = frame.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True) if len(frame) else frame


def differing_tables(a: Path, b: Path) -> list[str]:
    """The tables (runs and errors aside) that differ between output folders ``a`` and ``b``."""
    return [name for name in SCHEMAS if name not in ("runs", "errors")
            and not comparable(a, name).equals(comparable(b, name))]


def dangling_ids(out: Path, table: str, column: str) -> list[str]:
    """The ids of ``table.column`` that are not in ``entities`` (DuckDB over the parts)."""
    return [row[0] for row in duckdb.sql(f"""
        SELECT DISTINCT t.{column} FROM '{out}/{table}/*.parquet' t
        WHERE t.{column} IS NOT NULL
          AND t.{column} NOT IN (SELECT entity_id FROM '{out}/entities/*.parquet')
    """).fetchall()]


def files(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every part of ``out`` but ``runs``: path -> (inode, bytes); a rewritten part has a new inode."""
    return {str(p.relative_to(out)): (p.stat().st_ino, p.read_bytes())
            for p in sorted(out.glob("*/part-*.parquet")) if p.parent.name != "runs"}


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Мунтян", ("мунтян", ())),
        ("В. Мунтян", ("мунтян", ("в",))),
        ("В. П. Мунтян", ("мунтян", ("в", "п"))),
        ("Мунтян В.", ("мунтян", ("в",))),
        ("Владимир Мунтян", ("мунтян", ("владимир",))),
        ("Владимир Петрович Мунтян", ("мунтян", ("владимир", "петрович"))),
    ],
)
def test_person_name_splits_surname_and_given_names(name, expected):
    person = person_name(pid(name), name)
    assert person is not None and (person.surname, person.given) == expected


@pytest.mark.parametrize(("name", "full"), [("Мунтян", False), ("В. Мунтян", False), ("Владимир Мунтян", True)])
def test_only_a_written_first_name_makes_a_full_name(name, full):
    assert person_name(pid(name), name).is_full is full  # type: ignore[union-attr]


def test_a_person_whose_id_is_not_its_names_is_left_out():
    # a person grouped with a gazetteer place or a known organisation has the place's id
    assert person_name(entity_id("LOC", "place:мунтян"), "Мунтян") is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [("сергунина", "femn"), ("захарова", "femn"), ("долгорукая", "femn"), ("сергунин", "masc"),
     ("лавров", "masc"), ("трубецкой", "masc"), ("мунтян", None), ("шевчук", None), ("саакашвили", None)],
)
def test_surname_gender_reads_the_ending(word, expected):
    assert surname_gender(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("наталья", "femn"), ("ольга", "femn"), ("владимир", "masc"), ("сергей", "masc"), ("саша", None),
     ("мунтян", None)],
)
def test_first_name_gender_comes_from_the_dictionary_of_names(word, expected):
    assert first_name_gender(word) == expected


def linked_names(names: list[str]) -> dict[str, str]:
    """link_people on person names (with the ids articles give them), as names."""
    by_id = {pid(n): n for n in names}
    return {by_id[a]: by_id[b] for a, b in link_people((pid(n), n) for n in names).items()}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Мунтян", "Владимир Мунтян"], {"Мунтян": "Владимир Мунтян"}),
        (["В. Мунтян", "Владимир Мунтян"], {"В. Мунтян": "Владимир Мунтян"}),
        (["Мунтян В.", "Владимир Мунтян"], {"Мунтян В.": "Владимир Мунтян"}),
        # two people with the surname: the surname alone stays, initials pick the one they fit
        (["Мунтян", "Владимир Мунтян", "Ольга Мунтян"], {}),
        (["Мунтян", "О. Мунтян", "Владимир Мунтян", "Ольга Мунтян"], {"О. Мунтян": "Ольга Мунтян"}),
        (["А. Мунтян", "Владимир Мунтян"], {}),
        (["В. П. Мунтян", "Владимир Мунтян"], {}),
        (["В. П. Мунтян", "Владимир Петрович Мунтян"], {"В. П. Мунтян": "Владимир Петрович Мунтян"}),
        # genders: the surname's ending against the first name's
        (["Сергунина", "Наталья Сергунина"], {"Сергунина": "Наталья Сергунина"}),
        (["Сергунин", "Наталья Сергунина"], {}),
        (["Сергунина", "Сергей Сергунин"], {}),
        (["Сергунина", "Наталья Сергунина", "Сергей Сергунин"], {}),
        # case forms the nominative guess missed, hyphenated surnames whole
        (["Нейбора", "Ральф Нейбор"], {"Нейбора": "Ральф Нейбор"}),
        (["Черкес-заде", "Ахмед Черкес-заде"], {"Черкес-заде": "Ахмед Черкес-заде"}),
        (["Заде", "Ахмед Черкес-заде"], {}),
        # a family name written first, as the article's own grouping reads it ("Си" of "Си Цзиньпин")
        (["Си", "Си Цзиньпин"], {"Си": "Си Цзиньпин"}),
        (["Ли", "Ли Цян", "Ли Кэцян"], {}),
        (["Ли", "Ли Цян", "Брюс Ли"], {}),
        # nothing to link to
        (["Мунтян"], {}),
        (["Мунтян", "В. Мунтян"], {}),
        (["Мунтян", "Владимир Лавров"], {}),
    ],
)
def test_link_people(names, expected):
    assert linked_names(names) == expected


def test_link_people_does_not_depend_on_the_order_of_its_input():
    names = ["Мунтян", "О. Мунтян", "Владимир Мунтян", "Ольга Мунтян", "Сергунина", "Наталья Сергунина"]
    pairs = [(pid(n), n) for n in names]
    assert link_people(pairs) == link_people(reversed(pairs)) == link_people(pairs + pairs)


def test_link_people_ignores_names_that_are_not_their_ids():
    assert link_people([(pid("Мунтян"), "Мунтян"), ("not-its-id", "Владимир Мунтян")]) == {}


def test_a_partial_name_is_never_a_target():
    assert PersonName("x", "мунтян", ("в",)).is_full is False


# --- organisation names ----------------------------------------------------------------------------


def org_rows(names: list[str]) -> list[tuple[str, str, list[str], str | None]]:
    """doc_entities rows of organisations written "Full Name (ABBR)/COUNTRY" (an article wrote the
    abbreviation with the full name, and gave that country; both optional), with the ids articles
    give them."""
    rows = []
    for written in names:
        name, _, country = written.partition("/")
        full, _, abbreviation = name.removesuffix(")").partition(" (")
        rows.append((oid(full), full, [full, abbreviation] if abbreviation else [full], country or None))
    return rows


def linked_orgs(names: list[str]) -> dict[str, str]:
    """link_organisations on organisation names (see :func:`org_rows`), as names."""
    rows = org_rows(names)
    by_id = {eid: name for eid, name, _, _ in rows}
    return {by_id[a]: by_id[b] for a, b in link_organisations(rows).items()}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # an article wrote the abbreviation with the full name, or it spells the full name's initials
        (["НАМВ", f"{NAMV} (НАМВ)"], {"НАМВ": NAMV}),
        (["НАМВ", NAMV], {"НАМВ": NAMV}),
        (["РАТМ", f"{RATM} (РАТМ)"], {"РАТМ": RATM}),
        (["АМП", AMP], {"АМП": AMP}),
        # the abbreviation keys of the article's own grouping: the last word written out, no hyphen
        (["МИД Молдавии", "Министерство иностранных дел Молдавии"],
         {"МИД Молдавии": "Министерство иностранных дел Молдавии"}),
        (["Н-АМВ", NAMV], {"Н-АМВ": NAMV}),
        # "РАТМ" is not the initials of the Russian name: only an article writing both tells
        (["РАТМ", RATM], {}),
        # two full names fit, by initials or by an article's "Full Name (ABBR)"
        (["АМП", AMP, "Агентство молдавских продуктов"], {}),
        (["НАМВ", f"{NAMV} (НАМВ)", "Национальное агентство медицинских вакцин"], {}),
        (["РАТМ", f"{RATM} (РАТМ)", "Румынская ассоциация торговли мебелью"], {}),
        # countries: the articles' ones must not disagree
        (["ВВС/SYR", "Военно-воздушные силы (ВВС)/USA"], {}),
        (["ВВС/SYR", "ВВС/TUR", "Военно-воздушные силы"], {}),
        (["ВВС/SYR", "ВВС", "Военно-воздушные силы"], {"ВВС": "Военно-воздушные силы"}),
        (["ВВС/USA", "Военно-воздушные силы (ВВС)/USA"], {"ВВС": "Военно-воздушные силы"}),
        (["ВВС", "Военно-воздушные силы (ВВС)/USA"], {"ВВС": "Военно-воздушные силы"}),
        # known organisations and gazetteer bodies are neither linked nor linked to, nor let another fit
        (["ГД", "Государственная дума"], {}),
        (["ЕБР", "Евразийский банк развития"], {}),
        (["АСИ", "Агентство стратегических инициатив"], {}),
        (["ГД", "Государственная дума", "Городская дирекция"], {}),
        # a name starting with an abbreviation is not a full name; one word is not either
        (["НАМВ", "НАМВ Молдовы"], {}),
        (["АМ", "Агромолдова (АМ)"], {}),
        # nothing to link to
        (["НАМВ"], {}),
        (["НАМВ", "Ассоциация молодых предпринимателей"], {}),
    ],
)
def test_link_organisations(names, expected):
    assert linked_orgs(names) == expected


def test_link_organisations_does_not_depend_on_the_order_of_its_input():
    rows = org_rows(["НАМВ", NAMV, "РАТМ", f"{RATM} (РАТМ)", "АМП/MDA", AMP])
    links = link_organisations(rows)
    assert len(links) == 3 and links == link_organisations(reversed(rows)) == link_organisations(rows + rows)


def test_link_organisations_ignores_names_that_are_not_their_ids():
    assert link_organisations([(oid("НАМВ"), "НАМВ", ["НАМВ"], None),
                               ("not-its-id", "Национальная ассоциация молдавских виноделов", [], None)]) == {}


def test_an_organisation_named_in_full_in_one_article_and_by_abbreviation_in_another_is_not_partial():
    # one id (the key of "Ассоциация «НАМВ»" is its quoted name) written both ways: not an abbreviation alone
    rows = [*org_rows(["НАМВ", NAMV]), (oid("НАМВ"), "Ассоциация «НАМВ»", ["Ассоциация «НАМВ»"], None)]
    assert link_organisations(rows) == {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("НАМВ", True), ("МИД Молдавии", True), ("«НАМВ»", True), ("Национальная ассоциация", False),
     ("Лукойл", False), ("", False)],
)
def test_starts_with_abbreviation(name, expected):
    assert starts_with_abbreviation(name) is expected


def test_written_keys_fold_spaces_and_hyphens():
    assert written_keys("МИД Молдавии") == {"мид молдавии", "мидмолдавии"}
    assert written_keys("Н-АМВ") == {"н-амв", "намв"}


def test_the_known_organisations_ids_are_the_ids_articles_give_them():
    assert {oid("АСИ"), oid("Агентство стратегических инициатив"), oid("Госдума")} <= known_organisation_ids()
    assert oid("НАМВ") not in known_organisation_ids()


# --- the pass on real runs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["full", "surname"], {"Владимир Мунтян": 2}),
        (["full", "surname", "surname_again"], {"Владимир Мунтян": 3}),
        # ambiguous: two full names with the surname
        (["full", "surname", "other_full"], {"Владимир Мунтян": 1, "Ольга Мунтян": 1, "Мунтян": 1}),
        # initials pick the one full name they fit
        (["full", "other_full", "other_initial"], {"Владимир Мунтян": 1, "Ольга Мунтян": 2}),
        # gender
        (["her_full", "her_surname"], {"Наталья Сергунина": 2}),
        (["her_full", "his_surname"], {"Наталья Сергунина": 1, "Сергунин": 1}),
        # nothing to link to
        (["surname"], {"Мунтян": 1}),
    ],
)
def test_a_run_links_surnames_to_the_one_full_name_of_the_corpus(tmp_path, articles, processor, names, expected):
    assert people(run(articles, tmp_path / "out", names)) == expected


@pytest.fixture(scope="module")
def linked(tmp_path_factory, articles, processor) -> Path:
    """Three articles on Владимир Мунтян, two naming him by his surname alone, in one run."""
    tmp = tmp_path_factory.mktemp("linked")
    return run(articles, tmp / "out", ["full", "surname", "surname_again"])


def test_the_surname_entity_is_gone_from_entities(linked):
    ids = set(pd.read_parquet(linked / "entities")["entity_id"])
    assert (pid("Мунтян") in ids, pid("Владимир Мунтян") in ids) == (False, True)


def test_the_full_name_counts_the_mentions_and_articles_of_the_surname(linked):
    doc_entities = pd.read_parquet(linked / "doc_entities")
    mine = doc_entities[doc_entities["entity_id"] == pid("Владимир Мунтян")]
    row = duckdb.sql(f"SELECT n_mentions, n_docs FROM '{linked}/entities/*.parquet' "
                     f"WHERE entity_id = '{pid('Владимир Мунтян')}'").fetchall()[0]
    assert row == (mine["n_mentions"].sum(), 3) and len(mine) == 3


def test_the_full_name_is_the_name_and_the_surname_an_alias(linked):
    row = duckdb.sql(f"SELECT name, aliases FROM '{linked}/entities/*.parquet' "
                     f"WHERE entity_id = '{pid('Владимир Мунтян')}'").fetchall()[0]
    assert row[0] == "Владимир Мунтян" and "Мунтян" in row[1]


@pytest.mark.parametrize("table", ["mentions", "doc_entities", "event_participants"])
def test_rows_of_the_surname_carry_the_full_names_id_and_keep_their_own(linked, table):
    frame = pd.read_parquet(linked / table)
    rows = frame[frame["linked_from"].notna()]
    assert len(rows) >= 1
    assert set(zip(rows["entity_id"], rows["linked_from"], strict=True)) == {(pid("Владимир Мунтян"), pid("Мунтян"))}


def test_other_rows_have_no_linked_from(linked):
    frame = pd.read_parquet(linked / "mentions")
    assert set(frame[frame["linked_from"].isna()]["entity_id"]) >= {pid("Владимир Мунтян")}
    assert pd.read_parquet(linked / "events")["place_linked_from"].isna().all()


def test_an_event_of_the_surname_article_has_the_full_names_id_and_the_articles_name(linked):
    parts = pd.read_parquet(linked / "event_participants")
    people_ = parts[parts["type"] == "PER"]
    assert set(zip(people_["name"], people_["entity_id"], strict=True)) == {
        ("Владимир Мунтян", pid("Владимир Мунтян")), ("Мунтян", pid("Владимир Мунтян"))}


@pytest.mark.parametrize(("table", "column"), ID_COLUMNS)
def test_every_entity_id_of_every_table_is_in_entities(linked, table, column):
    assert dangling_ids(linked, table, column) == []


@pytest.fixture(scope="module")
def incremental(tmp_path_factory, articles, processor) -> dict[str, Path]:
    """The surname article in a first run, the full name added by a second run into the same
    output, and a third run adding a second full name with the surname; and the one-run outputs
    of the same articles."""
    tmp = tmp_path_factory.mktemp("incremental")
    out = tmp / "out"
    run(articles, out, ["surname", "her_full"])
    first = tmp / "first"
    shutil.copytree(out, first)
    run(articles, out, ["full"])
    second = tmp / "second"
    shutil.copytree(out, second)
    run(articles, out, ["other_full"])
    return {
        "first": first, "second": second, "third": out,
        "one_run_second": run(articles, tmp / "one-second", ["surname", "her_full", "full"]),
        "one_run_third": run(articles, tmp / "one-third", ["surname", "her_full", "full", "other_full"]),
    }


def test_a_later_run_that_adds_the_full_name_links_the_earlier_surname(incremental):
    assert (people(incremental["first"])["Мунтян"], people(incremental["second"])) == (
        1, {"Владимир Мунтян": 2, "Наталья Сергунина": 1})


def test_an_incremental_run_gives_the_tables_of_one_run(incremental):
    assert differing_tables(incremental["second"], incremental["one_run_second"]) == []


def test_a_second_full_name_with_the_surname_undoes_the_link(incremental):
    assert people(incremental["third"]) == {
        "Владимир Мунтян": 1, "Ольга Мунтян": 1, "Мунтян": 1, "Наталья Сергунина": 1}


def test_the_undone_link_gives_the_tables_of_one_run(incremental):
    assert differing_tables(incremental["third"], incremental["one_run_third"]) == []


@pytest.mark.parametrize("stage", ["second", "third"])
@pytest.mark.parametrize(("table", "column"), ID_COLUMNS)
def test_every_entity_id_is_in_entities_after_each_incremental_run(incremental, stage, table, column):
    assert dangling_ids(incremental[stage], table, column) == []


def test_only_the_parts_holding_a_changed_id_are_rewritten(tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", ["surname", "her_full"])
    before = files(out)
    run(articles, out, ["full"])
    after = files(out)
    rewritten = {path.split("/")[0] for path in before if before[path][0] != after[path][0]}
    # the surname article's parts with ids (its event's place is Кишинёв: unchanged) and entities
    assert rewritten == {"mentions", "doc_entities", "event_participants", "entities"}
    surname_part = {p for p in before if p.startswith("mentions/") and before[p][0] != after[p][0]}
    assert len(surname_part) == 1 and len(part_names(out, "mentions")) == 3


@pytest.mark.parametrize(("output", "n_linked"), [("linked", 1), ("org_linked", 4)])
def test_the_pass_is_idempotent(request, tmp_path, output, n_linked):
    out = tmp_path / "copy"
    shutil.copytree(request.getfixturevalue(output), out, ignore=shutil.ignore_patterns(".lock"))
    before = files(out)
    with OutputFolder(out) as folder:
        report = folder.link_entities()
        folder.rebuild_entities()
    assert (report.n_linked, report.n_parts) == (n_linked, 0)
    assert {p: b for p, (_, b) in files(out).items()} == {p: b for p, (_, b) in before.items()}


def test_a_rerun_without_new_articles_changes_no_table(linked, tmp_path, articles, processor):
    out = tmp_path / "copy"
    shutil.copytree(linked, out, ignore=shutil.ignore_patterns(".lock"))
    run(articles, out, ["full", "surname", "surname_again"])
    assert differing_tables(out, linked) == []


def test_the_tables_do_not_depend_on_how_the_articles_were_chunked(linked, tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", ["surname_again", "full", "surname"], chunk_size=2)
    assert differing_tables(out, linked) == []


@pytest.mark.parametrize("done", [[], ["mentions"], ["mentions", "event_participants", "events"]])
def test_a_pass_killed_midway_is_completed_by_the_next(linked, tmp_path, done):
    # the state a kill leaves: the linked tables before the pass (every id the article's own), with
    # the chunk tables in ``done`` already rewritten by the killed pass
    out = tmp_path / "copy"
    shutil.copytree(linked, out, ignore=shutil.ignore_patterns(".lock"))
    links = {pid("Мунтян"): pid("Владимир Мунтян")}
    for table in LINKED_COLUMNS:
        for part in part_names(out, table):
            relink_part(out, table, part, {} if table not in done else links)
    with OutputFolder(out) as folder:
        folder.link_entities()
        folder.rebuild_entities()
    assert differing_tables(out, linked) == []


def test_relink_part_maps_an_events_place_and_undoes_it(tmp_path):
    write_rows(tmp_path, "events", "p", [{"event_id": "e1", "place_entity_id": "s"},
                                         {"event_id": "e2", "place_entity_id": "x"}])
    relink_part(tmp_path, "events", "p", {"s": "t"})
    linked = read_table(tmp_path, "events", ["place_entity_id", "place_linked_from"]).to_pylist()
    relink_part(tmp_path, "events", "p", {})
    undone = read_table(tmp_path, "events", ["place_entity_id", "place_linked_from"]).to_pylist()
    assert linked == [{"place_entity_id": "t", "place_linked_from": "s"},
                      {"place_entity_id": "x", "place_linked_from": None}]
    assert undone == [{"place_entity_id": "s", "place_linked_from": None},
                      {"place_entity_id": "x", "place_linked_from": None}]


def test_relink_part_leaves_an_unchanged_part_alone(tmp_path):
    path = write_rows(tmp_path, "mentions", "p", [{"mention_id": "m", "entity_id": "x"}])
    inode = path.stat().st_ino
    assert relink_part(tmp_path, "mentions", "p", {"s": "t"}) is False and path.stat().st_ino == inode


def test_parts_written_before_the_linking_columns_are_linked(tmp_path, articles, processor):
    # an output folder of an earlier version: its parts have no linked_from columns
    out = run(articles, tmp_path / "out", ["surname"])
    for table, (_, column) in LINKED_COLUMNS.items():
        for path in (out / table).glob("part-*.parquet"):
            pq.write_table(pq.read_table(path).drop_columns([column]), path)
    run(articles, out, ["full"])
    assert people(out) == {"Владимир Мунтян": 2}
    assert all(dangling_ids(out, table, column) == [] for table, column in ID_COLUMNS)


def test_an_empty_output_links_nothing(tmp_path):
    assert (link_entities(tmp_path).n_linked, link_entities(tmp_path).n_parts) == (0, 0)


@pytest.mark.slow
def test_a_dask_run_links_like_a_local_one(incremental, tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", ["surname", "her_full"], engine="dask")
    run(articles, out, ["full"], engine="dask")
    assert differing_tables(out, incremental["second"]) == []


def test_linking_columns_are_strings_in_the_chunk_tables():
    assert all(SCHEMAS[t].field(c).type == pa.string() and t in CHUNK_TABLES
               for t, (_, c) in LINKED_COLUMNS.items())


# --- organisations on real runs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # "Full Name (ABBR)" in one article (and initials), then by the initials alone
        (["namv", "namv_full"], {NAMV: 2}),
        (["ratm", "ratm_full"], {RATM: 2}),
        (["amp", "amp_full"], {AMP: 2}),
        # neither written together nor the initials of the Russian name
        (["ratm", "ratm_plain"], {"РАТМ": 1, RATM: 1}),
        # ambiguous: two full names fit
        (["amp", "amp_full", "amp_other"], {"АМП": 1, AMP: 1, "Агентство молдавских продуктов": 1}),
        (["namv", "namv_full", "namv_other"], {"НАМВ": 1, NAMV: 1, "Национальное агентство медицинских вакцин": 1}),
        # the Syrian air force is not the American one
        (["vvs_syria", "vvs_full"], {"ВВС": 1, "Военно-воздушные силы": 1}),
    ],
)
def test_a_run_links_abbreviations_to_the_one_full_name_of_the_corpus(tmp_path, articles, processor, names, expected):
    assert organisations(run(articles, tmp_path / "out", names)) == expected


def test_known_organisations_are_left_alone(tmp_path, articles, processor):
    # "ГД" spells "Государственная дума", "ЕБР" "Евразийский банк развития" (a gazetteer body):
    # known organisations keep their ids, and a known one that fits leaves the abbreviation alone
    out = run(articles, tmp_path / "out", ["gd", "duma", "asi", "asi_full", "ebr", "eabr_full"])
    assert organisations(out) == {"ГД": 1, "Государственная дума": 1, "Агентство стратегических инициатив": 2,
                                  "ЕБР": 1, "Евразийский банк развития": 1}
    assert linked_rows(out) == set()


def test_a_person_and_an_organisation_are_never_linked(tmp_path, articles, processor):
    # "Алексей Михайлович Петров" has the initials "АМП"
    out = run(articles, tmp_path / "out", ["amp", "amp_person"])
    assert (organisations(out), people(out), linked_rows(out)) == (
        {"АМП": 1}, {"Алексей Михайлович Петров": 1}, set())


ORG_LINKED = ["namv_full", "namv", "ratm", "ratm_full", "amp", "amp_full", "full", "surname"]


@pytest.fixture(scope="module")
def org_linked(tmp_path_factory, articles, processor) -> Path:
    """Three organisations each named in full in one article and by its abbreviation in another,
    and a person by his surname, in one run."""
    return run(articles, tmp_path_factory.mktemp("org_linked") / "out", ORG_LINKED)


def test_people_and_organisations_are_linked_in_one_pass(org_linked):
    assert linked_rows(org_linked) == {("НАМВ", NAMV), ("РАТМ", RATM), ("АМП", AMP), ("Мунтян", "Владимир Мунтян")}


@pytest.mark.parametrize(("full", "abbreviation"), [(NAMV, "НАМВ"), (RATM, "РАТМ"), (AMP, "АМП")])
def test_the_full_name_is_the_name_and_the_abbreviation_an_alias(org_linked, full, abbreviation):
    rows = duckdb.sql(f"SELECT entity_id, name, aliases, n_docs FROM '{org_linked}/entities/*.parquet' "
                      f"WHERE list_contains(aliases, '{abbreviation}')").fetchall()
    assert len(rows) == 1 and rows[0][:2] == (oid(full), full) and rows[0][3] == 2


@pytest.mark.parametrize("table", ["mentions", "doc_entities"])
def test_rows_of_the_abbreviation_carry_the_full_names_id_and_keep_their_own(org_linked, table):
    frame = pd.read_parquet(org_linked / table)
    rows = frame[frame["linked_from"].notna() & (frame["type"] == "ORG")]
    assert set(zip(rows["entity_id"], rows["linked_from"], strict=True)) == {
        (oid(NAMV), oid("НАМВ")), (oid(RATM), oid("РАТМ")), (oid(AMP), oid("АМП"))}


@pytest.mark.parametrize(("table", "column"), ID_COLUMNS)
def test_every_entity_id_is_in_entities_with_organisations_linked(org_linked, table, column):
    assert dangling_ids(org_linked, table, column) == []


def test_the_organisations_tables_do_not_depend_on_the_order_or_chunks(org_linked, tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", list(reversed(ORG_LINKED)), chunk_size=3)
    assert differing_tables(out, org_linked) == []


@pytest.fixture(scope="module")
def org_incremental(tmp_path_factory, articles, processor) -> dict[str, Path]:
    """Two abbreviations in a first run, their full names added by a second run into the same
    output, and a third run adding a second full name with one's initials; and the one-run outputs
    of the same articles."""
    tmp = tmp_path_factory.mktemp("org_incremental")
    out = tmp / "out"
    run(articles, out, ["namv", "amp", "her_full"])
    first = tmp / "first"
    shutil.copytree(out, first)
    run(articles, out, ["namv_full", "amp_full"])
    second = tmp / "second"
    shutil.copytree(out, second)
    run(articles, out, ["namv_other"])
    return {
        "first": first, "second": second, "third": out,
        "one_run_second": run(articles, tmp / "one-second", ["namv", "amp", "her_full", "namv_full", "amp_full"]),
        "one_run_third": run(articles, tmp / "one-third",
                             ["namv", "amp", "her_full", "namv_full", "amp_full", "namv_other"]),
    }


def test_a_later_run_that_adds_the_full_name_links_the_earlier_abbreviation(org_incremental):
    assert (organisations(org_incremental["first"]), organisations(org_incremental["second"])) == (
        {"НАМВ": 1, "АМП": 1}, {NAMV: 2, AMP: 2})


def test_a_second_full_name_with_the_initials_undoes_the_link(org_incremental):
    assert organisations(org_incremental["third"]) == {
        "НАМВ": 1, NAMV: 1, "Национальное агентство медицинских вакцин": 1, AMP: 2}


@pytest.mark.parametrize("stage", ["second", "third"])
def test_an_incremental_run_with_organisations_gives_the_tables_of_one_run(org_incremental, stage):
    assert differing_tables(org_incremental[stage], org_incremental[f"one_run_{stage}"]) == []


@pytest.mark.parametrize("stage", ["second", "third"])
@pytest.mark.parametrize(("table", "column"), ID_COLUMNS)
def test_every_entity_id_is_in_entities_after_each_organisation_run(org_incremental, stage, table, column):
    assert dangling_ids(org_incremental[stage], table, column) == []


def test_only_the_chunk_of_the_abbreviation_is_rewritten(tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", ["namv", "her_full", "amp"])
    before = files(out)
    run(articles, out, ["namv_full"])
    after = files(out)
    rewritten = {path for path in before if before[path][0] != after[path][0]}
    namv_part = duckdb.sql(f"SELECT filename FROM read_parquet('{out}/doc_entities/*.parquet', filename = true) "
                           f"WHERE name = 'НАМВ'").fetchall()[0][0]
    chunk = Path(namv_part).name
    assert {p for p in rewritten if not p.startswith("entities/")} >= {f"doc_entities/{chunk}", f"mentions/{chunk}"}
    assert all(Path(p).name == chunk for p in rewritten if not p.startswith("entities/"))


@pytest.mark.slow
def test_a_dask_run_links_organisations_like_a_local_one(org_incremental, tmp_path, articles, processor):
    out = run(articles, tmp_path / "out", ["namv", "amp", "her_full"], engine="dask")
    run(articles, out, ["namv_full", "amp_full"], engine="dask")
    assert differing_tables(out, org_incremental["second"]) == []
