"""Corpus-level linking: a surname alone, or an abbreviation alone, is the one full name of the corpus.

Entities are resolved per article, in the workers, and an entity id hashes the canonical key the
article gives: an article that names only "Мунтян" (or "В. Мунтян") gives another id than one that
names "Владимир Мунтян", and one that names only "НАМВ" another id than one that names
"Национальная ассоциация молдавских виноделов (НАМВ)". This pass runs in the run's own process
after the workers (every engine, every resumed or incremental run), over the Parquet parts:

1. The people and organisations of the corpus come from ``doc_entities`` (one DuckDB scan of its
   PER and ORG rows: names, and the aliases of organisations).
2. :func:`link_people` maps each *partial* name (a surname alone, or initials and a surname) to
   the *full* name (a first name and a surname) it can be, when exactly one full name of the
   corpus has that surname (in any case form, :func:`pipeline.resolve.names.same_surname`) and
   agreeing first names or initials, and the genders do not disagree (the first name's gender in
   pymorphy3's dictionary, else the surname's ending; a surname such as "Мунтян" says none). Two
   full names with the surname ("Владимир Мунтян", "Ольга Мунтян"): no link. As in an article's
   own grouping, a short name alone may be a family name written first ("Си" of "Си Цзиньпин").
   :func:`link_organisations` maps each organisation named by an abbreviation ("НАМВ", "МИД
   Молдавии") to the full name of the corpus it abbreviates, when exactly one fits: one that an
   article wrote with it ("Full Name (ABBR)": the abbreviation is among its aliases there) or
   whose initials it spells (:func:`pipeline.resolve.names.abbreviation_keys`, as the article's
   own grouping reads them), and the articles of the two give no two countries ("сирийские ВВС"
   are not the "американские Военно-воздушные силы"), as genders tell people apart. Organisations
   the pipeline knows (pipeline.resolve.org_data) and gazetteer bodies already have one id in
   every article: they are neither linked nor linked to, and one that fits makes the abbreviation
   ambiguous. A person and an organisation never link (the type is part of an entity's id).
3. A link is dropped when an article names the partial and its full name (or two partials of that
   full name) as different entities: the article's own grouping kept them apart (a name NER glued,
   two people of one family, two organisations with those initials), and an article must not hold
   one entity twice.
4. Every chunk whose ``doc_entities`` part holds an id that changes is rewritten, table by table
   (:data:`pipeline.tables.LINKED_COLUMNS`), each part written whole to a temporary file and
   renamed into place; the chunk's ``doc_entities`` part goes last, so that a run killed midway
   leaves it stale and the next run's pass rewrites the chunk again. Other parts are not read.

The mapping is computed from scratch every time, from the ids the articles themselves gave: a row
whose id the pass replaced keeps that id in ``linked_from`` (``place_linked_from`` in ``events``;
null otherwise). The tables therefore depend only on the set of articles in the output, not on
the order or the runs that brought them: a later run that adds the full name links the earlier
articles' surname or abbreviation; one that adds a second fitting full name undoes the link (the
surname or abbreviation is ambiguous now), exactly as a single run over all the articles would
have done. Run twice, the pass changes nothing. Event ids are not recomputed: they were made from
the articles' own ids and stay stable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.ids import entity_id
from pipeline.resolve.grouping import FAMILY_NAME_FIRST_MAX
from pipeline.resolve.names import (
    SURNAME_STEM_MIN,
    abbreviation_keys,
    core_key,
    first_names_agree,
    is_abbreviation,
    name_key,
    same_surname,
    surname_stem,
)
from pipeline.resolve.organisations import get_index
from pipeline.tables import LINKED_COLUMNS, SCHEMAS, write_part

# Every id of a chunk's tables is one of its doc_entities: that part tells whether the chunk needs
# relinking, and it is rewritten last (pipeline.tables.LINKED_COLUMNS is in that order).
INDEX_TABLE = "doc_entities"

# Nominative surname endings that say a gender ("Сергунина", "Захарова", "Долгорукая" / "Сергунин",
# "Лавров", "Трубецкой"); other surnames ("Мунтян", "Шевчук", "Саакашвили") say none.
FEMININE_ENDINGS = ("ова", "ева", "ина", "ына", "ая")
MASCULINE_ENDINGS = ("ов", "ев", "ин", "ын", "ий", "ый", "ой")


@dataclass(frozen=True)
class PersonName:
    """A person entity's name as the linking sees it: its key's surname and given names or initials."""

    entity_id: str
    surname: str
    given: tuple[str, ...]

    @property
    def is_full(self) -> bool:
        """A first name written out ("владимир мунтян"), not a surname alone or initials."""
        return bool(self.given) and len(self.given[0]) > 1


def split_name(eid: str, words: list[str]) -> PersonName | None:
    """A person's key words split into surname and given names ("мунтян" -> surname only; "в в
    мунтян", "мунтян в" -> initials; "владимир мунтян" -> full); None when there is no surname."""
    long = [w for w in words if len(w) > 1]
    if len(words) == 1:
        return PersonName(eid, words[0], ())
    if len(long) == 1:  # initials, before or after the surname
        return PersonName(eid, long[0], tuple(w for w in words if len(w) == 1))
    if words and len(words[0]) > 1:
        return PersonName(eid, words[-1], tuple(words[:-1]))
    return None


def person_name(eid: str, name: str) -> PersonName | None:
    """``name`` of the person entity ``eid`` split (:func:`split_name`); None when ``eid`` is not
    the id of that name's key (a person grouped with a gazetteer place has the place's id)."""
    key = name_key(name)
    return split_name(eid, key.split()) if entity_id("PER", key) == eid else None


def surname_gender(surname: str) -> str | None:
    """"femn" or "masc" when a nominative surname's ending says it, else None."""
    if surname.endswith(FEMININE_ENDINGS):
        return "femn"
    if surname.endswith(MASCULINE_ENDINGS):
        return "masc"
    return None


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    # loaded only when a link is considered (0.1 s); the workers' models are not needed here
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=100_000)
def first_name_gender(word: str) -> str | None:
    """The gender of a first name in pymorphy3's dictionary of names ("наталья" -> "femn"); None
    when the word is not a known name or can be either ("саша")."""
    genders = {str(p.tag.gender) for p in _analyzer().parse(word)
               if "Name" in p.tag and "nomn" in p.tag and "sing" in p.tag}
    return genders.pop() if len(genders) == 1 and genders <= {"masc", "femn"} else None


def person_gender(person: PersonName) -> str | None:
    """A person's gender as far as the name says: the first name's, else the surname's ending."""
    if person.is_full:
        return first_name_gender(person.given[0]) or surname_gender(person.surname)
    return surname_gender(person.surname)


@lru_cache(maxsize=100_000)
def _surname_bucket(surname: str) -> str:
    # same_surname() compares hyphenated surnames whole and others by their stem
    return surname if "-" in surname else surname_stem(surname)


def compatible(partial: PersonName, full: PersonName) -> bool:
    """Whether the partial name can be written for the full one: the same surname in any case form
    and each initial agreeing with the given name in its place ("в п" fits "владимир петрович",
    not "владимир")."""
    return (same_surname(partial.surname, full.surname) and len(partial.given) <= len(full.given)
            and all(first_names_agree(p, f) for p, f in zip(partial.given, full.given, strict=False)))


def names_by_id(entities: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """From (entity id, name) pairs, each id's distinct names, least first: what the rules read of
    an entity depends only on the set of pairs, not on their order or repetitions."""
    found: dict[str, set[str]] = defaultdict(set)
    for eid, name in entities:
        found[eid].add(name)
    return {eid: sorted(names) for eid, names in found.items()}


def own_ids(type_: str, names: Mapping[str, Sequence[str]], key: Callable[[str], str]) -> Callable[[str], bool]:
    """A check whether an entity's id is the one a name of it gives (``entity_id(type_, key(name))``):
    a person grouped with a gazetteer place has the place's id, an organisation the pipeline knows
    the listed one, and those are not the pass's to relink. Each id is hashed once, and only when
    asked: most entities of a corpus have nothing to link."""
    checked: dict[str, bool] = {}

    def own(eid: str) -> bool:
        if eid not in checked:
            checked[eid] = any(entity_id(type_, key(name)) == eid for name in names[eid])
        return checked[eid]

    return own


def link_people(people: Iterable[tuple[str, str]]) -> dict[str, str]:
    """From (entity id, name) pairs of the corpus's person entities, the partial names to link:
    {partial's id: full name's id}, for each partial with exactly one compatible full name whose
    gender does not disagree. Depends only on the set of pairs, not on their order."""
    # one name per id (they all have its key): the least, for determinism
    names = {eid: found[:1] for eid, found in names_by_id(people).items()}
    keys = {eid: name_key(found[0]) for eid, found in names.items()}
    split = [p for eid, key in keys.items() if (p := split_name(eid, key.split())) is not None]
    own_id = own_ids("PER", names, name_key)

    def own(person: PersonName) -> bool:
        return own_id(person.entity_id)

    partials = [p for p in split if not p.is_full and own(p)]
    # full names matter only when a partial shares the beginning of their surname (same_surname
    # needs the first letters equal): a corpus's many other people cost no stemming here
    prefixes = {p.surname[:SURNAME_STEM_MIN] for p in partials}
    fulls: dict[str, list[PersonName]] = defaultdict(list)
    family_first: dict[str, list[PersonName]] = defaultdict(list)
    for person in split:
        if person.is_full and person.surname[:SURNAME_STEM_MIN] in prefixes:
            fulls[_surname_bucket(person.surname)].append(person)
        if person.is_full and len(person.given[0]) <= FAMILY_NAME_FIRST_MAX:
            family_first[person.given[0]].append(person)
    links: dict[str, str] = {}
    for person in partials:
        candidates = [f for f in fulls.get(_surname_bucket(person.surname), [])
                      if compatible(person, f) and own(f)]
        if not person.given and len(person.surname) <= FAMILY_NAME_FIRST_MAX:
            # "Си" of "Си Цзиньпин": a Chinese, Korean or Vietnamese family name comes first
            candidates += [f for f in family_first.get(person.surname, []) if own(f) and f not in candidates]
        if len(candidates) != 1:
            continue  # no full name, or two people with that surname: which one is not known
        full = candidates[0]
        mine, theirs = person_gender(person), person_gender(full)
        if mine is None or theirs is None or mine == theirs:
            links[person.entity_id] = full.entity_id
    return links


def starts_with_abbreviation(name: str) -> bool:
    """Whether an organisation's name starts with an abbreviation ("НАМВ", "МИД Молдавии"): how
    the article's own grouping tells the short names it may join to a full one."""
    words = name.split()
    # is_abbreviation wants two capitals: most names of a corpus fail that cheaper test
    return bool(words) and sum(c.isupper() for c in words[0]) >= 2 and is_abbreviation(words[0])


def written_keys(name: str) -> set[str]:
    """The keys an abbreviation is looked up by, as in the article's own grouping: its key, and the
    key without spaces and hyphens ("МИД-М" -> "мидм")."""
    key = name_key(name)
    return {key, key.replace(" ", "").replace("-", "")} - {""}


@lru_cache(maxsize=1)
def known_organisation_ids() -> frozenset[str]:
    """The ids of the organisations the pipeline knows (pipeline.resolve.org_data): each has one id
    in every article already, whatever form the article writes."""
    return frozenset(entity_id("ORG", core_key(org.name)) for org in get_index().keys().values())


def link_organisations(orgs: Iterable[tuple[str, str, Iterable[str], str | None]]) -> dict[str, str]:
    """From the (entity id, name, aliases, country) rows of the corpus's organisation entities in
    its articles, the abbreviations to link: {abbreviation's id: full name's id}, for each entity
    whose every name starts with an abbreviation and that exactly one full name of the corpus fits,
    by an article that wrote it among that full name's aliases or by the full name's initials, and
    whose articles and the full name's give no two countries. Known and gazetteer organisations
    are never linked nor linked to. Depends only on the set of rows, not on their order."""
    pairs: list[tuple[str, str]] = []
    aliases: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    for eid, name, written, country in orgs:
        pairs.append((eid, name))
        aliases[eid].update(written)
        if country:
            countries[eid].add(country)
    names = names_by_id(pairs)
    own = own_ids("ORG", names, core_key)
    known = known_organisation_ids()

    def linkable(eid: str) -> bool:
        return eid not in known and own(eid)

    partials = {eid: set().union(*map(written_keys, found)) for eid, found in names.items()
                if all(map(starts_with_abbreviation, found))}
    wanted = set().union(*partials.values())
    if not wanted:
        return {}
    # abbreviation key -> the full names it fits; only the keys some abbreviation of the corpus has
    fits: dict[str, set[str]] = defaultdict(set)
    for eid, found in names.items():
        full = [n for n in found if len(name_key(n).split()) > 1 and not starts_with_abbreviation(n)]
        if not full:
            continue
        keys = set().union(*map(abbreviation_keys, full))
        keys.update(name_key(a) for a in aliases[eid] if starts_with_abbreviation(a))
        for key in keys & wanted:
            fits[key].add(eid)
    links: dict[str, str] = {}
    for eid, keys in partials.items():
        candidates = set().union(*(fits.get(k, set()) for k in keys))
        # a known organisation that fits is a reading too: the abbreviation is ambiguous then
        if len(candidates) != 1 or not linkable(eid) or not linkable(target := min(candidates)):
            continue
        # "ВВС" of one country is not the "Военно-воздушные силы" of another, as the gender of a
        # surname tells people apart: the articles giving two countries are about two bodies
        if len(countries[eid] | countries[target]) <= 1:
            links[eid] = target
    return links


@dataclass
class LinkReport:
    """What a linking pass did: entities linked into another, parts rewritten."""

    n_linked: int = 0
    n_parts: int = 0


def _glob(output: Path, table: str) -> str:
    return str(output / table / "part-*.parquet").replace("'", "''")


def _has_column(con: duckdb.DuckDBPyConnection, source: str, column: str) -> bool:
    # an output folder written before the column existed has parts without it
    return column in {row[0] for row in con.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()}


def linked_source(con: duckdb.DuckDBPyConnection, output: Path, table: str = INDEX_TABLE) -> str:
    """A DuckDB relation of every part of ``table`` (with its file name) that has the linking
    column even when the parts predate it (then null)."""
    source = f"read_parquet('{_glob(output, table)}', union_by_name = true, filename = true)"
    column = LINKED_COLUMNS[table][1]
    if _has_column(con, source, column):
        return source
    return f"(SELECT *, NULL::VARCHAR AS {column} FROM {source})"


def _register_links(con: duckdb.DuckDBPyConnection, links: Mapping[str, str]) -> None:
    """``links`` as the relation ``links`` (local, target) of ``con``, replacing an earlier one."""
    con.register("links", pa.table({"local": pa.array(list(links), pa.string()),
                                    "target": pa.array(list(links.values()), pa.string())}))


def _links(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The links of the corpus in table ``rows``, without those an article contradicts (step 3)."""
    # one row per entity of the articles (its own id), with its names and, for organisations, aliases
    entities = con.sql("""
        SELECT local, type, name, country, list_distinct(flatten(list(aliases)))
        FROM rows WHERE type IN ('PER', 'ORG') GROUP BY local, type, name, country
    """).fetchall()
    people = [(local, name) for local, type_, name, _, _ in entities if type_ == "PER"]
    orgs = [(local, name, aliases or [], country) for local, type_, name, country, aliases in entities
            if type_ == "ORG"]
    # a person's and an organisation's ids differ (the type is hashed in): the two never meet
    links = link_people(people) | link_organisations(orgs)
    if not links:
        return links
    _register_links(con, links)
    clashes = con.sql("""
        WITH m AS (
            SELECT DISTINCT r.doc_id, r.local, coalesce(l.target, r.local) AS target
            FROM rows r LEFT JOIN links l USING (local)),
        clash AS (SELECT doc_id, target FROM m GROUP BY doc_id, target HAVING count(*) > 1)
        SELECT DISTINCT m.local FROM m JOIN clash USING (doc_id, target) WHERE m.local <> m.target
    """).fetchall()
    for (local,) in clashes:
        del links[local]
    return links


def _stale_parts(con: duckdb.DuckDBPyConnection, links: Mapping[str, str]) -> list[str]:
    """The chunks (part names) whose doc_entities hold an id that is not what ``links`` gives."""
    _register_links(con, links)
    files = con.sql("""
        SELECT DISTINCT filename FROM rows r LEFT JOIN links l USING (local)
        WHERE r.entity_id IS DISTINCT FROM coalesce(l.target, r.local)
    """).fetchall()
    return sorted(Path(f).name[len("part-") : -len(".parquet")] for (f,) in files)


def relink_part(output: Path, table: str, part: str, links: Mapping[str, str]) -> bool:
    """Rewrite one part of ``table`` with the ids ``links`` gives (see the module's notes);
    return whether it changed."""
    path = output / table / f"part-{part}.parquet"
    if not path.exists():
        return False
    id_column, from_column = LINKED_COLUMNS[table]
    schema = SCHEMAS[table]
    data = pq.read_table(path)
    ids = data.column(id_column).to_pylist()
    old_from = (data.column(from_column).to_pylist() if from_column in data.column_names
                else [None] * data.num_rows)
    locals_ = [f if f is not None else i for i, f in zip(ids, old_from, strict=True)]
    new_ids = [links.get(x, x) if x is not None else None for x in locals_]
    new_from = [x if x != n else None for x, n in zip(locals_, new_ids, strict=True)]
    if new_ids == ids and new_from == old_from and from_column in data.column_names:
        return False
    columns = {id_column: pa.array(new_ids, pa.string()), from_column: pa.array(new_from, pa.string())}
    arrays = [columns[f.name] if f.name in columns else data.column(f.name).cast(f.type) for f in schema]
    write_part(output, table, part, pa.Table.from_arrays(arrays, schema=schema))
    return True


def link_entities(output: Path) -> LinkReport:
    """Link the partial person names and the abbreviated organisations of the corpus in ``output``
    to their full names and rewrite the parts whose ids change (see the module's notes); return
    what was done."""
    report = LinkReport()
    if not any((output / INDEX_TABLE).glob("part-*.parquet")):
        return report
    con = duckdb.connect()
    try:
        source = linked_source(con, output)
        # the people and organisations (their aliases: "Full Name (ABBR)" written in an article),
        # and every row the pass may have to change: those, and rows linked before
        con.execute(f"""
            CREATE TEMP TABLE rows AS
            SELECT doc_id, entity_id, coalesce(linked_from, entity_id) AS local, type, name,
                   CASE WHEN type = 'ORG' THEN aliases END AS aliases, country, filename
            FROM {source} WHERE type IN ('PER', 'ORG') OR linked_from IS NOT NULL
        """)
        links = _links(con)
        stale = _stale_parts(con, links)
    finally:
        con.close()
    report.n_linked = len(links)
    for part in stale:
        for table in LINKED_COLUMNS:  # doc_entities last: the chunk counts as linked once it is
            report.n_parts += relink_part(output, table, part, links)
    return report
