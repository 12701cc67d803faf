"""The country of each entity of an article (ISO 3166-1 alpha-3, None when unknown or international).

Places: the gazetteer's country (a region or city gives its country). Organisations, first rule
that answers: a known organisation's country (pipeline.resolve.org_data); the parent's for a
subsidiary named on a known company ("Газпромсбыт-Украина"); a country in the name ("МИД России",
"Армия США"); a nationality adjective before the name or before the noun saying what it is
("китайский саунд-поставщик IMCO", "немецкого нефтегазового концерна «Wintershall»", "украинским
«Нафтогазом»"); a country or city that begins a one-word name ("Молдовагаз"); for a state body
named without a country ("Минобороны") the article's dominant country; else the organisation it is
a unit of ("Центр развития креативной экономики АСИ") or the place it is listed after ("с
Таиландом — с Агентством креативной экономики и Текстильным институтом"). Other organisations and
people never get the article's dominant country: measured on the gold, that gained one event in
150 and gave foreign guests of an article its country.

People: a well-known office holder's country (org_data.OFFICE_HOLDERS: "Лавров", "Синдзо Абэ");
else the place or organisation their office is written with,
before ("министр иностранных дел России Сергей Лавров", "глава МИД РФ Сергей Лавров", "президент
компании «Антонов» Александр Коцюба" -> the company's country) or after the name ("Юлия Тимошенко
(лидер партии «Батькивщина»)"); else a nationality adjective before a noun for a person
("британский премьер Тереза Мэй"). One mention that says it gives the whole entity its country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.resolve.geo import GeoResolver
from pipeline.resolve.grouping import Info, group_type
from pipeline.resolve.names import ORG_NOUNS
from pipeline.resolve.organisations import OrganisationIndex, dominant_country
from pipeline.types import AnnotatedDoc, EntityMention, Token

# Content words (quotes not counted) before a name that may carry its nationality adjective:
# "ведущий китайский саунд-поставщик IMCO" needs 3, "немецкого нефтегазового концерна" 3.
ADJECTIVE_WINDOW = 4
# Words between a person's name and the office written after it: ", глава МИД РФ", "(лидер партии".
APPOSITION_WINDOW = 6
QUOTES = "«»\"'„“”"
APPOSITION_POS = frozenset({"NOUN", "ADJ", "ADP", "CCONJ", "PROPN"})
# Between a place and the organisations listed after it, and between those organisations: a dash or
# "и"/comma, a preposition at most ("с Таиландом — с Агентством ... и Текстильным институтом").
DASH_LIST = re.compile(r"^\s*[—–-]\s*(?:[а-яё]{1,3}\s+)?[«\"]?$")
# Verbs that place an organisation: "В Украине действует деноминация «...»", "бригада,
# расквартированная в Гамбурге" (participles have the verb's lemma).
LOCATED_VERBS = frozenset({
    "действовать", "работать", "находиться", "базироваться", "располагаться", "расположить",
    "размещаться", "разместить", "зарегистрировать", "расквартировать", "дислоцироваться",
    "дислоцировать", "базировать",
})
# At most this many words from the place to the organisation through the verb ("В Украине с 1997
# года действует харизматическая деноминация «Духовный центр «Возрождение»" has 10).
LOCATED_WINDOW = 12
PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})
# Between people of one list: "Михаил Фридман, Герман Хан и Алексей Кузьмичев".
PERSON_LIST = re.compile(r"^\s*(?:,|,?\s*и)\s*$")
AND_LIST = re.compile(r"^\s*(?:,|и)\s*(?:[а-яё]{1,3}\s+)?[«\"]?$")


@dataclass
class _Context:
    doc: AnnotatedDoc
    infos: Sequence[Info]
    groups: Sequence[Sequence[int]]
    group_of: list[int]
    geo: GeoResolver
    orgs: OrganisationIndex
    countries: list[str | None]
    by_sentence: dict[int, list[int]] = field(default_factory=dict)

    def in_sentence(self, i: int) -> list[int]:
        """The indices of the mentions in mention ``i``'s sentence, in text order."""
        if not self.by_sentence:
            for j, m in enumerate(self.doc.mentions):
                self.by_sentence.setdefault(m.sent_id, []).append(j)
        return self.by_sentence[self.doc.mentions[i].sent_id]


def _sentence_tokens(ctx: _Context, mention: EntityMention) -> tuple[Token, ...]:
    return ctx.doc.sentences[mention.sent_id].tokens


def _agree(a: Token, b: Token) -> bool:
    """Case and number agreement; genitive and accusative are one form for animate masculines
    and the tagger confuses them ("российского коллеги")."""
    cases = {a.feats.get("Case"), b.feats.get("Case")}
    same_case = len(cases) == 1 or None in cases or cases == {"Gen", "Acc"}
    numbers = {a.feats.get("Number"), b.feats.get("Number")}
    return same_case and (len(numbers) == 1 or None in numbers)


def _is_descriptor(token: Token, person: bool) -> bool:
    if person:
        return token.feats.get("Animacy") == "Anim"
    return token.lemma.split("-")[-1] in ORG_NOUNS


def _adjective_country(ctx: _Context, i: int, person: bool) -> str | None:
    """A nationality adjective before the name, directly or before the noun that says what it is."""
    mention = ctx.doc.mentions[i]
    before = [t for t in _sentence_tokens(ctx, mention) if t.stop <= mention.start and t.text not in QUOTES]
    noun: Token | None = None
    of_phrase = False  # inside a genitive phrase between a person's noun and name
    for n, token in enumerate(reversed(before)):
        if n >= ADJECTIVE_WINDOW:
            break
        if token.pos in ("NOUN", "PROPN") and noun is None and _is_descriptor(token, person):
            noun = token
            of_phrase = False
            continue
        if person and noun is None and token.feats.get("Case") == "Gen" and (
                (token.pos == "NOUN" and n == 0) or (token.pos == "ADJ" and of_phrase)):
            # "канадского пастора арабского происхождения Бенни Хинна": the adjective of the
            # genitive phrase is an origin, the nationality qualifies the noun before it
            of_phrase = True
            continue
        # the tagger reads some nationality adjectives as verbs ("южнокорейскому пастору")
        place = ctx.geo.lookup_adjective(token.text) if token.pos not in ("NOUN", "PROPN") else None
        if place is not None and place.country:
            return place.country if noun is None or _agree(token, noun) else None
        if token.pos != "ADJ":
            break
    return None


def _mention_country(ctx: _Context, j: int) -> str | None:
    """The country of the entity mention ``j`` belongs to (places and organisations only)."""
    info = ctx.infos[j]
    if info.place is not None:
        return info.place.country
    group = ctx.group_of[j]
    if group_type(ctx.infos, ctx.groups[group]) == "PER":
        return None
    return ctx.countries[group]


def _governed(ctx: _Context, j: int) -> bool:
    """Whether mention ``j`` is a genitive complement of an office ("министр ... России", "глава МИД РФ")."""
    mention = ctx.doc.mentions[j]
    tokens = _sentence_tokens(ctx, mention)
    inside = [t for t in tokens if mention.start <= t.start < mention.stop]
    before = [t for t in tokens if t.stop <= mention.start and t.text not in QUOTES]
    return bool((inside and inside[0].feats.get("Case") == "Gen") or (before and before[-1].pos == "NOUN"))


def _office_before(ctx: _Context, i: int) -> str | None:
    """"Президент Казахстана Нурсултан Назарбаев", "президент компании «Антонов» Александр Коцюба";
    people listed after the first share an office in the plural ("Акционеры «Альфа-Групп» Михаил
    Фридман, Герман Хан и Алексей Кузьмичев"; in "президент России Владимир Путин и Иван Петров"
    the office is Путин's alone)."""
    first = _first_listed_person(ctx, i)
    listed = first != i
    i = first
    mention = ctx.doc.mentions[i]
    adjacent = [j for j in ctx.in_sentence(i) if j < i
                and ctx.doc.mentions[j].stop <= mention.start
                and not ctx.doc.text[ctx.doc.mentions[j].stop : mention.start].strip(QUOTES + " ")]
    if not adjacent:
        return None
    outer = min(adjacent, key=lambda j: ctx.doc.mentions[j].start)
    if ctx.infos[outer].type == "PER" or not _governed(ctx, outer):
        return None
    if listed:
        office = [t for t in _sentence_tokens(ctx, mention)
                  if t.stop <= ctx.doc.mentions[outer].start and t.text not in QUOTES][-1:]
        if not office or office[0].pos != "NOUN" or office[0].feats.get("Number") != "Plur":
            return None
    return next((c for j in sorted(adjacent, key=lambda j: ctx.doc.mentions[j].start)
                 if (c := _mention_country(ctx, j))), None)


def _first_listed_person(ctx: _Context, i: int) -> int:
    """The first of people listed with commas and "и" before mention ``i`` (``i`` itself if none)."""
    while True:
        mention = ctx.doc.mentions[i]
        before = [j for j in ctx.in_sentence(i) if j < i and ctx.doc.mentions[j].stop <= mention.start]
        if not before:
            return i
        j = max(before, key=lambda k: ctx.doc.mentions[k].stop)
        if ctx.infos[j].type != "PER" or not PERSON_LIST.match(ctx.doc.text[ctx.doc.mentions[j].stop : mention.start]):
            return i
        i = j


def _office_after(ctx: _Context, i: int) -> str | None:
    """"Сергей Лавров, глава МИД РФ,", "Юлия Тимошенко (лидер партии «Батькивщина»)"."""
    mention = ctx.doc.mentions[i]
    following = [j for j in ctx.in_sentence(i) if j > i
                 and ctx.doc.mentions[j].start >= mention.stop]
    if not following:
        return None
    first = ctx.doc.mentions[following[0]]
    gap = ctx.doc.text[mention.stop : first.start].strip()
    if not gap or gap[0] not in ",(":
        return None
    words = [t for t in _sentence_tokens(ctx, mention)
             if mention.stop < t.start and t.stop <= first.start and t.text not in QUOTES + ",("]
    if not words or len(words) > APPOSITION_WINDOW or any(t.pos not in APPOSITION_POS for t in words) \
            or not any(t.pos == "NOUN" for t in words) or words[-1].pos != "NOUN":
        return None
    same_start = [j for j in following if ctx.doc.mentions[j].start < first.stop]
    return next((c for j in same_start if (c := _mention_country(ctx, j))), None)


def _parent_country(ctx: _Context, i: int) -> str | None:
    """A unit named with its parent: "Центр развития креативной экономики АСИ" -> the agency's country."""
    mention = ctx.doc.mentions[i]
    for j in ctx.in_sentence(i):
        nxt = ctx.doc.mentions[j]
        if j <= i or nxt.start < mention.stop:
            continue
        if ctx.doc.text[mention.stop : nxt.start].strip(QUOTES + " ") or ctx.infos[j].type == "PER":
            return None
        inside = [t for t in _sentence_tokens(ctx, nxt) if nxt.start <= t.start < nxt.stop]
        return _mention_country(ctx, j) if inside and inside[0].feats.get("Case") in ("Gen", None) else None
    return None


def _listed_after_place(ctx: _Context, i: int) -> str | None:
    """Organisations listed after a dash that follows a place: "заключила с Таиландом — с Агентством
    креативной экономики и Текстильным институтом" -> both Thai."""
    mention = ctx.doc.mentions[i]
    previous = [j for j in ctx.in_sentence(i) if j < i
                and ctx.doc.mentions[j].stop <= mention.start]
    if not previous:
        return None
    j = max(previous, key=lambda k: ctx.doc.mentions[k].stop)
    gap = ctx.doc.text[ctx.doc.mentions[j].stop : mention.start]
    place = ctx.infos[j].place
    if DASH_LIST.match(gap) and place is not None:
        return place.country
    if AND_LIST.match(gap) and ctx.infos[j].type == "ORG":
        return _listed_after_place(ctx, j)
    return None


def _located_in(ctx: _Context, i: int) -> str | None:
    """The place a verb of location puts an organisation in: "В Украине с 1997 года действует
    деноминация «Духовный центр «Возрождение»", "бригада, расквартированная в Гамбурге". The place,
    the verb and the name stand together, with no other name or clause between them."""
    mention = ctx.doc.mentions[i]
    tokens = _sentence_tokens(ctx, mention)
    k = next((n for n, t in enumerate(tokens) if t.start >= mention.start), None)
    if k is None:
        return None
    for j in ctx.in_sentence(i):
        place = ctx.infos[j].place
        other = ctx.doc.mentions[j]
        if place is None or not place.country or j == i:
            continue
        p = next((n for n, t in enumerate(tokens) if t.start >= other.start), None)
        if p is None or p == 0 or tokens[p - 1].lemma not in PLACE_PREPOSITIONS or tokens[p].feats.get("Case") != "Loc":
            continue
        lo, hi = (p - 1, k) if p < k else (k, p)
        if p < k and lo > 0 and tokens[lo - 1].lemma in LOCATED_VERBS:
            lo -= 1  # "с расквартированной в Гамбурге компанией DEA"
        span = [t for t in tokens[lo:hi] if t.text not in QUOTES]
        if sum(t.pos != "PUNCT" for t in span) > LOCATED_WINDOW:
            continue
        verbs = [n for n, t in enumerate(span) if t.lemma in LOCATED_VERBS]
        if not verbs:
            continue
        commas = [n for n, t in enumerate(span) if t.pos == "PUNCT"]
        # after the name, a participle may follow its comma: "бригада, расквартированная в ..."
        if commas and not (p > k and commas == [1] and verbs[0] == 2):
            continue
        between = [m for m in ctx.in_sentence(i) if m not in (i, j)
                   and tokens[lo].start <= ctx.doc.mentions[m].start < tokens[hi - 1].stop]
        if not between:
            return place.country
    return None


def _organisation_country(ctx: _Context, members: Sequence[int], dominant: str | None) -> str | None:
    infos, mentions = ctx.infos, ctx.doc.mentions
    for i in members:
        if infos[i].place is not None:
            return infos[i].place.country  # type: ignore[union-attr]
        if infos[i].known is not None:
            return infos[i].known.country  # type: ignore[union-attr]
    if any(infos[i].unresolved_place for i in members) and group_type(infos, members) == "LOC":
        return None
    for i in members:
        parent = ctx.orgs.subsidiary_of(infos[i].name)
        if parent is not None:
            return parent.country  # "Газпромсбыт-Украина" is Gazprom's, not Ukraine's
    for i in members:
        country = ctx.geo.country_in_name(infos[i].name) or ctx.geo.country_in_name(mentions[i].text)
        if country:
            return country
    for i in members:
        country = _adjective_country(ctx, i, person=False)
        if country:
            return country
    for i in members:
        place = ctx.geo.place_prefix(infos[i].name)
        if place is not None and infos[i].type == "ORG":
            return place.country  # "Молдовагаз", "Тираспольтрансгаз"
    if any(ctx.orgs.is_state_body(infos[i].name) for i in members):
        return dominant
    return None


def _person_country(ctx: _Context, members: Sequence[int]) -> str | None:
    for i in members:
        country = ctx.orgs.person_country(ctx.infos[i].name)
        if country:
            return country
    for rule in (_office_before, _office_after):
        for i in members:
            country = rule(ctx, i)
            if country:
                return country
    for i in members:
        country = _adjective_country(ctx, i, person=True)
        if country:
            return country
    return None


def article_country(infos: Sequence[Info]) -> str | None:
    """The article's dominant country among its place mentions (pipeline.resolve.organisations)."""
    return dominant_country(Counter(info.place.country for info in infos if info.place is not None
                                    and info.place.country and info.place.kind in ("country", "region", "city")))


def entity_countries(doc: AnnotatedDoc, infos: Sequence[Info], groups: Sequence[Sequence[int]],
                     geo: GeoResolver, orgs: OrganisationIndex) -> list[str | None]:
    """The country of each group of ``groups`` (organisations first: people's offices use them)."""
    group_of = [0] * len(infos)
    for g, members in enumerate(groups):
        for i in members:
            group_of[i] = g
    ctx = _Context(doc, infos, groups, group_of, geo, orgs, [None] * len(groups))
    dominant = article_country(infos)
    people = []
    for g, members in enumerate(groups):
        if group_type(infos, members) == "PER":
            people.append(g)
        else:
            ctx.countries[g] = _organisation_country(ctx, members, dominant)
    unknown = {g for g, members in enumerate(groups) if group_type(infos, members) == "ORG"
               and not any(infos[i].place or infos[i].known for i in members)}
    for i in range(len(infos)):  # in text order: a coordinated organisation follows the first
        g = group_of[i]
        if g in unknown and ctx.countries[g] is None and infos[i].type == "ORG":
            ctx.countries[g] = _parent_country(ctx, i) or _listed_after_place(ctx, i) or _located_in(ctx, i)
    for g in people:
        ctx.countries[g] = _person_country(ctx, groups[g])
    return ctx.countries
