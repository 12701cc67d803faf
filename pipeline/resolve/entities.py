"""Group the entity mentions of one document into entities with canonical names and countries.

The grouping rules live in :mod:`pipeline.resolve.grouping`, the country rules in
:mod:`pipeline.resolve.countries`; each rule has a test in tests/test_entities.py. Here they are put
together into :class:`DocEntity` records. Entity ids are stable across articles and runs: a place
hashes its gazetteer name, a known organisation its canonical name in
:mod:`pipeline.resolve.org_data` (while ``name`` is the fullest form the article writes), any other
entity its type and the key of its canonical name.
"""

from __future__ import annotations

from pipeline.ids import entity_id
from pipeline.resolve.countries import entity_countries
from pipeline.resolve.geo import GeoResolver, Place
from pipeline.resolve.grouping import Info, canonical_name, group_mentions, group_type, mention_infos
from pipeline.resolve.names import core_key, display_name, name_key
from pipeline.resolve.organisations import get_index
from pipeline.types import AnnotatedDoc, DocEntity


def place_entity_id(place: Place) -> str:
    """The entity id of a gazetteer place (the same for a mention and an adjective of it)."""
    return entity_id("ORG" if place.kind == "international" else "LOC", "place:" + name_key(place.name))


def place_entity(place: Place, alias: str) -> DocEntity:
    """An entity for a place named only by an adjective or demonym ("турецкие" -> Турция)."""
    type_ = "ORG" if place.kind == "international" else "LOC"
    aliases = tuple(dict.fromkeys([place.name, alias]))
    return DocEntity(place_entity_id(place), type_, place.name, aliases, place.kind, place.country, 0)


def _kind(infos: list[Info], members: list[int], type_: str) -> str:
    for i in members:
        if infos[i].place is not None:
            return infos[i].place.kind  # type: ignore[union-attr]
        if infos[i].known is not None:
            return infos[i].known.kind  # type: ignore[union-attr]
    return {"PER": "person", "ORG": "organisation"}.get(type_, "location")


def _entity_id(infos: list[Info], members: list[int], type_: str, name: str) -> str:
    place = next((infos[i].place for i in members if infos[i].place is not None), None)
    if place is not None:
        return place_entity_id(place)
    known = next((infos[i].known for i in members if infos[i].known is not None), None)
    if known is not None:
        return entity_id("ORG", core_key(known.name))
    return entity_id(type_, core_key(name) if type_ == "ORG" else name_key(name))


def resolve_entities(doc: AnnotatedDoc, geo: GeoResolver) -> tuple[list[DocEntity], list[str]]:
    """Group ``doc.mentions`` into entities; return them and each mention's entity id."""
    infos = mention_infos(doc, geo, get_index())
    groups = group_mentions(doc, infos, geo, get_index())
    countries = entity_countries(doc, infos, groups, geo, get_index())
    entities: list[DocEntity] = []
    ids: list[str] = [""] * len(infos)
    for members, country in zip(groups, countries, strict=True):
        type_ = group_type(infos, members)
        name = canonical_name(infos, members, get_index())
        eid = _entity_id(infos, members, type_, name)
        aliases = tuple(dict.fromkeys([name, *(display_name(doc.mentions[i].text, forms=False) for i in members)]))
        entities.append(DocEntity(eid, type_, name, aliases, _kind(infos, members, type_), country,
                                  len(members), tuple(members)))
        for i in members:
            ids[i] = eid
    return entities, ids
