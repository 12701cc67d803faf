"""Group the entity mentions of one document into entities with canonical names and countries.

Rules (each tested in tests/test_entities.py):
- the same type and name key (case forms, quotes, legal forms folded) is one entity;
- places resolve through the gazetteer ("КНР", "Китаем" -> Китай), international bodies
  become organisations of kind ``international``;
- an abbreviation joins the full name it is written beside ("Full Name (ABBR)") or whose
  initials it spells ("АСИ" <- "Агентство стратегических инициатив");
- a surname alone joins the one full name in the document that ends with it;
- the canonical name is the fullest nominative form; the id hashes type and canonical key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.ids import entity_id
from pipeline.resolve.geo import GeoResolver, Place
from pipeline.resolve.names import acronym, is_abbreviation, name_key, strip_quotes
from pipeline.types import AnnotatedDoc, DocEntity, EntityMention, Sentence

# How many tokens before an organisation mention may carry its nationality adjective:
# "китайский саунд-поставщик IMCO" needs 2, "ведущий китайский саунд-поставщик" 3.
ADJECTIVE_WINDOW = 3


@dataclass
class _Info:
    type: str
    name: str
    key: str
    place: Place | None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _info(mention: EntityMention, geo: GeoResolver) -> _Info:
    name = strip_quotes(mention.normal) or mention.text
    if mention.type in ("LOC", "ORG"):
        place = geo.international(name) or geo.international(mention.text)
        if place is None and mention.type == "LOC":
            place = geo.lookup(name) or geo.lookup(mention.text)
        if place is not None:
            type_ = "ORG" if place.kind == "international" else "LOC"
            return _Info(type_, place.name, "place:" + name_key(place.name), place)
    return _Info(mention.type, name, name_key(name), None)


def _link_abbreviations(doc: AnnotatedDoc, infos: Sequence[_Info], uf: _UnionFind) -> None:
    mentions = doc.mentions
    orgs = [i for i, info in enumerate(infos) if info.type == "ORG" and info.place is None]
    full_by_acronym: dict[str, set[int]] = defaultdict(set)
    for i in orgs:
        if len(infos[i].name.split()) > 1:
            full_by_acronym[acronym(infos[i].name)].add(uf.find(i))
    for i in orgs:
        if not is_abbreviation(infos[i].name):
            continue
        # "Full Name (ABBR)": the abbreviation directly follows its full name in brackets.
        prev = i - 1
        if prev >= 0 and infos[prev].type == "ORG" and len(infos[prev].name.split()) > 1:
            between = doc.text[mentions[prev].stop : mentions[i].start]
            if between.strip() == "(":
                uf.union(prev, i)
                continue
        groups = full_by_acronym.get(infos[i].key.replace(" ", "").replace("-", ""), set())
        if len({uf.find(g) for g in groups}) == 1:
            uf.union(i, next(iter(groups)))


def _link_surnames(infos: Sequence[_Info], uf: _UnionFind) -> None:
    people = [i for i, info in enumerate(infos) if info.type == "PER"]
    by_surname: dict[str, set[int]] = defaultdict(set)
    for i in people:
        words = infos[i].key.split()
        if len(words) > 1:
            by_surname[words[-1]].add(uf.find(i))
    for i in people:
        words = infos[i].key.split()
        if not words:
            continue
        roots = {uf.find(r) for r in by_surname.get(words[-1], set())}
        if len(words) == 1 and len(roots) == 1:
            uf.union(i, roots.pop())
        elif len(words) > 1:
            # "Владимир Путин" and "Владимир Владимирович Путин": same first and last word.
            for j in people:
                other = infos[j].key.split()
                if j != i and len(other) > 1 and other[0] == words[0] and other[-1] == words[-1]:
                    uf.union(i, j)


def _canonical(infos: Sequence[_Info], members: Sequence[int]) -> str:
    places = [infos[i].place for i in members if infos[i].place is not None]
    if places:
        return places[0].name  # type: ignore[union-attr]
    names = [infos[i].name for i in members]
    full = [n for n in names if not is_abbreviation(n)] or names
    # The fullest form: most words, then most frequent, then longest.
    return max(full, key=lambda n: (len(n.split()), names.count(n), len(n)))


def _adjective_country(sentence: Sentence, mention: EntityMention, geo: GeoResolver) -> str | None:
    before = [t for t in sentence.tokens if t.stop <= mention.start][-ADJECTIVE_WINDOW:]
    for token in reversed(before):
        if token.pos == "ADJ":
            place = geo.lookup_adjective(token.text)
            if place is not None and place.country:
                return place.country
        elif token.pos not in ("NOUN", "PROPN", "PUNCT"):
            break
    return None


def _office_country(doc: AnnotatedDoc, infos: Sequence[_Info], i: int) -> str | None:
    """A country written right before a name: "Президент Казахстана Нурсултан Назарбаев"."""
    if i == 0:
        return None
    prev, mention = doc.mentions[i - 1], doc.mentions[i]
    place = infos[i - 1].place
    if (place is None or place.kind != "country" or prev.sent_id != mention.sent_id
            or doc.text[prev.stop : mention.start].strip()):
        return None
    return place.country


def _country(doc: AnnotatedDoc, infos: Sequence[_Info], members: Sequence[int], geo: GeoResolver) -> str | None:
    for i in members:
        if infos[i].place is not None:
            return infos[i].place.country  # type: ignore[union-attr]
    type_ = infos[members[0]].type
    if type_ == "PER":
        for i in members:
            mention = doc.mentions[i]
            country = _office_country(doc, infos, i) or _adjective_country(
                doc.sentences[mention.sent_id], mention, geo)
            if country:
                return country
        return None
    if type_ != "ORG":
        return None
    for i in members:
        country = geo.country_in_name(infos[i].name)
        if country:
            return country
    for i in members:
        mention = doc.mentions[i]
        country = _adjective_country(doc.sentences[mention.sent_id], mention, geo)
        if country:
            return country
    return None


def _kind(info: _Info) -> str:
    if info.place is not None:
        return info.place.kind
    return {"PER": "person", "ORG": "organisation"}.get(info.type, "location")


def place_entity_id(place: Place) -> str:
    """The entity id of a gazetteer place (the same for a mention and an adjective of it)."""
    return entity_id("ORG" if place.kind == "international" else "LOC", "place:" + name_key(place.name))


def place_entity(place: Place, alias: str) -> DocEntity:
    """An entity for a place named only by an adjective or demonym ("турецкие" -> Турция)."""
    type_ = "ORG" if place.kind == "international" else "LOC"
    aliases = tuple(dict.fromkeys([place.name, alias]))
    return DocEntity(place_entity_id(place), type_, place.name, aliases, place.kind, place.country, 0)


def resolve_entities(doc: AnnotatedDoc, geo: GeoResolver) -> tuple[list[DocEntity], list[str]]:
    """Group ``doc.mentions`` into entities; return them and each mention's entity id."""
    infos = [_info(m, geo) for m in doc.mentions]
    uf = _UnionFind(len(infos))
    first_by_key: dict[tuple[str, str], int] = {}
    for i, info in enumerate(infos):
        first = first_by_key.setdefault((info.type, info.key), i)
        uf.union(first, i)
    _link_abbreviations(doc, infos, uf)
    _link_surnames(infos, uf)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(infos)):
        groups[uf.find(i)].append(i)
    entities: list[DocEntity] = []
    ids: list[str] = [""] * len(infos)
    for members in groups.values():
        type_ = infos[members[0]].type
        name = _canonical(infos, members)
        place = next((infos[i].place for i in members if infos[i].place is not None), None)
        eid = place_entity_id(place) if place is not None else entity_id(type_, name_key(name))
        aliases = tuple(dict.fromkeys([name, *(strip_quotes(doc.mentions[i].text) for i in members)]))
        entities.append(DocEntity(eid, type_, name, aliases, _kind(infos[members[0]]),
                                  _country(doc, infos, members, geo), len(members), tuple(members)))
        for i in members:
            ids[i] = eid
    return entities, ids
