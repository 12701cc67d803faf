"""The parties of an event: entities of the sentence, demonyms and adjectives that name a country.

Read from the sentence around the trigger:
- entity mentions, except a place where something happens ("в Шанхае") and a country that only
  describes a person's office ("министр иностранных дел Сирии Валид Муаллем");
- adjectives and demonyms that stand for a party ("турецкие коллеги" -> Турция, "с американцами"
  -> США), unless they describe a named entity ("китайский саунд-поставщик IMCO");
- roles from syntax: the subject of the trigger is its ``agent``, the rest ``partner``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.events import lexicon as lx
from pipeline.events.triggers import WITH, Trigger
from pipeline.resolve.entities import place_entity
from pipeline.resolve.geo import GeoResolver, Place
from pipeline.resolve.names import name_key
from pipeline.types import DocEntity, EntityMention, Sentence, Token

PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})
QUOTE_TOKENS = frozenset("«»\"„“”'")
SUBJECT_RELS = frozenset({"nsubj", "nsubj:pass"})
BETWEEN = frozenset({"между"})
AGAINST = frozenset({"против"})


@dataclass(frozen=True)
class Party:
    """A party found in a sentence."""

    entity: DocEntity
    start: int
    stop: int
    role: str


def token_index(sentence: Sentence, start: int) -> int:
    """The index of the first token of ``sentence`` at or after offset ``start``."""
    for i, t in enumerate(sentence.tokens):
        if t.start >= start:
            return i
    return len(sentence.tokens)


def is_place_phrase(sentence: Sentence, mention: EntityMention) -> bool:
    """Whether a LOC mention is where something happens: "в Шанхае", "на Украине", "на острове
    Хоккайдо", "в городе Алеппо"."""
    i = token_index(sentence, mention.start)
    toks = sentence.tokens
    if 1 < i < len(toks) and toks[i - 1].lemma in lx.PLACE_NOUNS and toks[i - 1].feats.get("Case") == "Loc":
        return toks[i - 2].lemma in PLACE_PREPOSITIONS
    if 1 < i < len(toks) and toks[i - 1].lemma in WITH and toks[i - 2].lemma in lx.NEIGHBOUR_VERBS:
        return True  # "на острове Хоккайдо, граничащем с Южными Курилами": geography
    if i >= len(toks) or toks[i].feats.get("Case") != "Loc":
        return False
    i = _first_conjunct(toks, i)  # "в Москве и Сеуле": Сеуле -> Москве
    return i > 0 and toks[i - 1].lemma in PLACE_PREPOSITIONS and toks[i].feats.get("Case") == "Loc"


def _describes_person(sentence: Sentence, mention: EntityMention, mentions: Sequence[EntityMention]) -> bool:
    """A country between a title and a name: "министр ... Сирии Валид Муаллем" (the case is not
    checked: the tagger often reads "Сирии" as dative or locative here)."""
    toks = sentence.tokens
    i = token_index(sentence, mention.start)
    if i >= len(toks):
        return False
    before = {t.lemma for t in toks[max(0, i - 4) : i]}
    if not before & lx.TITLE_NOUNS:
        return False
    return any(m.type == "PER" and 0 <= m.start - mention.stop <= 3 for m in mentions)


def _seat_of(sentence: Sentence, mention: EntityMention, mentions: Sequence[EntityMention]) -> bool:
    """A place in brackets right after an organisation is where it is: "Сибирский
    горно-технологический университет (Красноярск)"."""
    rel = mention.start - sentence.start
    if sentence.text[rel - 1 : rel] != "(" or sentence.text[mention.stop - sentence.start :][:1] != ")":
        return False
    return any(m.type == "ORG" and not sentence.text[m.stop - sentence.start : rel - 1].strip() for m in mentions)


def head_token(sentence: Sentence, start: int, stop: int) -> Token | None:
    """The token of ``start``-``stop`` that the others depend on (None when nothing is there)."""
    toks = sentence.tokens
    inside = [t for t in toks if start <= t.start and t.stop <= stop]
    ids = {t.id for t in inside}
    return next((t for t in inside if t.head_id not in ids), None)


def is_reporter(sentence: Sentence, trigger: Trigger, start: int, stop: int) -> bool:
    """Whether the mention is the one who says or reports, not a party: the subject of a verb of
    saying other than the trigger ("Лавров отметил, что ..."), or its addressee ("рассказал RT")."""
    if not sentence.parsed:
        return False
    head = head_token(sentence, start, stop)
    toks = sentence.tokens
    # a name in apposition to a title speaks through it: "премьер Тереза Мэй заявила"
    if head is not None and head.rel == "appos" and 0 <= head.head_id < len(toks) and head.head_id < head.id:
        head = toks[head.head_id]
    if head is None or not 0 <= head.head_id < len(toks) or head.head_id == trigger.head:
        return False
    governor = toks[head.head_id]
    if governor.lemma not in lx.SPEECH_VERBS:
        return False
    return head.rel in SUBJECT_RELS or (head.rel in ("iobj", "obl") and head.feats.get("Case") == "Dat")


def is_possessor(sentence: Sentence, trigger: Trigger, mention: EntityMention) -> bool:
    """A person named as the owner of another thing than the trigger: "Партия социалистов Игоря
    Додона", "администрация Обамы", "в период правления Абэ", "смерть Фиделя Кастро". The thing,
    not its owner, is what the sentence is about; "визит Путина" (the trigger's own) is kept."""
    if mention.type != "PER" or not sentence.parsed:
        return False
    head = head_token(sentence, mention.start, mention.stop)
    toks = sentence.tokens
    if head is None or head.rel != "nmod" or not 0 <= head.head_id < len(toks):
        return False
    if trigger.first <= head.head_id <= trigger.last or toks[head.head_id].lemma in lx.ALL_TRIGGERS:
        return False  # the trigger's own, or another trigger's ("визит Юлии Тимошенко")
    # Nom: the tagger's reading of indeclinable names in the genitive ("правления Абэ")
    return toks[head.head_id].pos == "NOUN" and head.feats.get("Case") in ("Gen", "Nom")


def names_gathering(sentence: Sentence, mention: EntityMention) -> bool:
    """Whether an organisation mention is the name of an exhibition, forum or summit written after
    the word for it ("выставки Texhibition", "форум BRICS+ Fashion Summit"). A genitive after the
    word names its organiser ("саммит ШОС") and is kept."""
    if mention.type != "ORG":
        return False
    i = token_index(sentence, mention.start)
    toks = sentence.tokens
    before = [t for t in toks[max(0, i - 2) : i] if t.text not in QUOTE_TOKENS]
    if not before or before[-1].lemma not in lx.GATHERING_NOUNS or i >= len(toks):
        return False
    return toks[i].feats.get("Case") != "Gen" or not toks[i].text[:1].isalpha() or toks[i].text.isascii()


def _parents(sentence: Sentence, mentions: Sequence[EntityMention]) -> set[tuple[int, int]]:
    """Organisations named right after a unit of theirs ("Центр развития креативной экономики
    АСИ", "Генеральная Ассамблея ООН"): the unit acts, its parent is not another party."""
    out = set()
    for a, b in itertools.pairwise(mentions):
        gap = sentence.text[a.stop - sentence.start : b.start - sentence.start]
        if a.type == "ORG" and b.type == "ORG" and not gap.strip():
            first = next((t for t in sentence.tokens if t.start >= b.start), None)
            if first is not None and first.feats.get("Case") in ("Gen", None):
                out.add((b.start, b.stop))
    return out


def is_creation(sentence: Sentence, mention: EntityMention) -> bool:
    """Whether an organisation is what the parties create: "создать «Европейскую армию»", "о
    запуске Европейского оборонного союза", "учредили LetterOne" (its founders are the parties)."""
    toks = sentence.tokens
    i = token_index(sentence, mention.start)
    j = i - 1
    while j >= 0 and i - j <= 4 and (toks[j].text in QUOTE_TOKENS or toks[j].pos == "ADJ"
                                     or toks[j].lemma in lx.PARTY_NOUNS):
        j -= 1  # "создать «военную Шенгенскую зону»", "учредили компанию «Ромашка»"
    return j >= 0 and toks[j].lemma in lx.CREATION_WORDS


def is_target(sentence: Sentence, mention: EntityMention) -> bool:
    """Whether the mention is what pressure, a conflict or a problem is about ("давление на
    Пхеньян", "конфронтация с КНР", "противники Пекина", "проблема Северной Кореи"): a target of
    the parties, not one of them."""
    head = head_token(sentence, mention.start, mention.stop)
    toks = sentence.tokens
    if head is None:
        return False
    i = _first_conjunct(toks, head.id)
    if _has_preposition(toks, i, AGAINST):
        return True  # "союз, направленный против Китая", "санкции против России"
    if not 0 <= toks[i].head_id < len(toks) or toks[toks[i].head_id].lemma not in lx.TARGET_NOUNS:
        return False
    # a nominative is a misparsed subject; "противостояние между X и Y" names its two sides
    between = _has_preposition(toks, i, BETWEEN)
    return toks[i].feats.get("Case") != "Nom" and not between


def _government_of(sentence: Sentence, mention: EntityMention, person: DocEntity,
                   geo: GeoResolver) -> DocEntity | None:
    """The state whose government a leader's name stands for: "администрация Обамы" -> США."""
    head = head_token(sentence, mention.start, mention.stop)
    toks = sentence.tokens
    if head is None or not 0 <= head.head_id < len(toks) or toks[head.head_id].lemma not in lx.GOVERNMENT_NOUNS:
        return None
    place = geo.country(person.country)
    if place is None:
        return None
    governor = toks[head.head_id]
    return place_entity(place, sentence.text[governor.start - sentence.start : mention.stop - sentence.start])


def is_interviewer(sentence: Sentence, mention: EntityMention) -> bool:
    """An organisation in "в беседе с RT", "в интервью ТАСС", "рассказал в разговоре с RT"."""
    if mention.type != "ORG":
        return False
    i = token_index(sentence, mention.start)
    before = [t.lemma for t in sentence.tokens[max(0, i - 2) : i]]
    return bool(before) and (before[-1] in lx.INTERVIEW_NOUNS or (
        len(before) == 2 and before[0] in lx.INTERVIEW_NOUNS and before[1] in WITH))


def _first_conjunct(toks: Sequence[Token], i: int) -> int:
    """The first of coordinated words ("в Пекин, Ханчжоу и Циндао": Ханчжоу -> Пекин)."""
    seen = set()
    while 0 <= i < len(toks) and toks[i].rel == "conj" and 0 <= toks[i].head_id < i and i not in seen:
        seen.add(i)
        i = toks[i].head_id
    return i


def _role(sentence: Sentence, trigger: Trigger, start: int, stop: int) -> str:
    toks = sentence.tokens
    # the subject of the trigger, or of the verb that governs a trigger noun ("X подписали соглашение")
    heads = set(range(trigger.first, trigger.last + 1))
    governor = toks[trigger.head].head_id
    if 0 <= governor < len(toks) and toks[governor].pos in ("VERB", "AUX"):
        heads.add(governor)
    for t in toks:
        if start <= t.start and t.stop <= stop and t.rel in SUBJECT_RELS and t.head_id in heads:
            return "agent"
    i = _first_conjunct(toks, token_index(sentence, start))
    if (trigger.type == lx.TALKS and 0 < i < len(toks) and toks[i - 1].lemma in PLACE_PREPOSITIONS
            and toks[i].feats.get("Case") == "Acc"):
        return "destination"  # "поездка в Бразилию", "миссия в Пекин и Ханчжоу": where visitors went
    if trigger.type == lx.JOINT and 0 < i < len(toks) and toks[i - 1].lemma == "из":
        return "origin"  # "поставки из Европы, Канады и США": where the goods come from
    return "partner"


def _compound_places(word: str, geo: GeoResolver) -> list[Place]:
    """The places of a compound adjective: "российско-вьетнамский" -> Россия, Вьетнам."""
    parts = word.lower().split("-")
    if len(parts) < 2:
        return []
    places = []
    for part in parts[:-1]:
        # "российско" -> "российский"; "франко" and other bound forms are in the gazetteer
        place = geo.lookup_adjective(part) or (geo.lookup_adjective(part[:-1] + "ий") if part.endswith("о") else None)
        if place is None:
            return []
        places.append(place)
    last = geo.lookup_adjective(parts[-1])
    found = [*places, last] if last is not None else []
    # states only: "крымско-татарский" names a people, not Крым and Татарстан
    return found if all(p.kind == "country" for p in found) else []


def _adjective_parties(sentence: Sentence, trigger: Trigger, mentions: Sequence[EntityMention],
                       geo: GeoResolver) -> list[tuple[Token, DocEntity]]:
    toks = sentence.tokens
    inside = [(m.start, m.stop) for m in mentions]
    # the goods of a deal carry its counterpart: "приобретение американских самолетов"
    goods = range(trigger.last + 1, min(len(toks), trigger.last + 4)) if trigger.type == lx.JOINT else range(0)
    found: list[tuple[Token, DocEntity]] = []
    for i, t in enumerate(toks):
        if any(s <= t.start < e for s, e in inside) or t.pos not in ("ADJ", "NOUN"):
            continue
        if t.pos == "ADJ" and "-" in t.text:
            found.extend((t, place_entity(p, t.text)) for p in _compound_places(t.text, geo))
            continue
        place = geo.lookup_adjective(t.text)
        if place is None:
            continue
        nxt = _next_noun(toks, i)
        noun = toks[nxt].lemma if nxt is not None else None
        if t.pos == "ADJ" and noun in lx.TARGET_NOUNS:
            continue  # "противостояние китайской угрозе": a target, as "угрозе Китая" would be
        # goods carry their origin wherever they stand: "Российский газ поступает в Приднестровье"
        on_goods = trigger.type == lx.JOINT and noun in lx.COMMODITIES
        # ... and so does a joint act itself: "украинский транзит", "китайские инвестиции"
        on_act = trigger.type == lx.JOINT and nxt == trigger.head
        if t.pos == "ADJ" and i not in goods and not on_goods and not on_act:
            # the adjective must qualify a party noun that is not itself followed by a name
            if nxt is None or noun not in lx.PARTY_NOUNS:
                continue
            # the name may stand in quotes: "Уральская энергетическая компания «Рифей-Энерго»"
            after = next((t.start for t in toks[nxt + 1 : nxt + 3] if t.text not in QUOTE_TOKENS), None)
            if after is not None and any(s <= after < e for s, e in inside):
                continue
        if t.pos == "ADJ" and place.kind == "country" and noun == "столица":
            capital = geo.lookup(lx.CAPITALS.get(place.country or "", ""))
            place = capital if capital is not None else place
        found.append((t, place_entity(place, t.text)))
    return found


def _next_noun(toks: Sequence[Token], i: int) -> int | None:
    return next((j for j in range(i + 1, min(len(toks), i + 4)) if toks[j].pos == "NOUN"), None)


def _has_preposition(toks: Sequence[Token], i: int, lemmas: frozenset[str]) -> bool:
    """Whether token ``i`` has a preposition of ``lemmas`` of its own ("между X", "против X", "с X")."""
    return any(t.lemma in lemmas and t.head_id == i for t in toks)


def find_parties(
    sentence: Sentence,
    trigger: Trigger,
    mentions: Sequence[EntityMention],
    entity_of: dict[tuple[int, int], DocEntity],
    geo: GeoResolver,
) -> list[Party]:
    """Parties of the event triggered by ``trigger``; ``mentions`` are the sentence's, ``entity_of``
    maps a mention's (start, stop) to its entity."""
    parties: dict[str, Party] = {}
    names: set[str] = set()
    parents = _parents(sentence, mentions)
    for m in mentions:
        if (m.start, m.stop) in parents:
            continue
        entity = entity_of.get((m.start, m.stop))
        if entity is None or any(o is not m and o.start <= m.start and m.stop <= o.stop for o in mentions):
            continue  # unknown, or nested in a larger name ("США" in "Министерство обороны США")
        invested_in = sentence.tokens[trigger.head].lemma in lx.INVESTMENT_LEMMAS and entity.kind == "country"
        if m.type == "LOC" and ((is_place_phrase(sentence, m) and not invested_in)
                                or _describes_person(sentence, m, mentions) or _seat_of(sentence, m, mentions)):
            continue
        if is_possessor(sentence, trigger, m):
            state = _government_of(sentence, m, entity, geo)
            if state is not None and state.entity_id not in parties:
                # "администрация Обамы": the government acts for its state
                parties[state.entity_id] = Party(state, m.start, m.stop, _role(sentence, trigger, m.start, m.stop))
            continue
        if is_reporter(sentence, trigger, m.start, m.stop) or is_interviewer(sentence, m):
            continue
        if name_key(entity.name) in lx.MEDIA or entity.kind == "location" or (
                entity.kind == "region" and geo.is_macroregion(entity.name)):
            # media quoted as sources; places that are neither countries, regions nor cities
            # ("Тихий океан", "Корейский полуостров") and world regions ("Ближний Восток") are
            # settings, not parties
            continue
        if m.type == "ORG" and is_creation(sentence, m):
            continue
        if is_target(sentence, m) or names_gathering(sentence, m) or (m.type == "ORG" and (
                entity.name.islower() or name_key(entity.name) in lx.GENERIC_ABBREVIATIONS)):
            continue  # "давление на Пхеньян"; "миды", "СП": common nouns read as names
        # one party per entity, and per name (the same name typed ORG and LOC is one party)
        if entity.entity_id not in parties and name_key(entity.name) not in names:
            parties[entity.entity_id] = Party(entity, m.start, m.stop, _role(sentence, trigger, m.start, m.stop))
            names.add(name_key(entity.name))
    for token, entity in _adjective_parties(sentence, trigger, mentions, geo):
        if entity.entity_id not in parties:
            parties[entity.entity_id] = Party(entity, token.start, token.stop, "partner")
    # a city beside its own country stands for it ("Анкара" and "Турция"): keep the country
    countries = {p.entity.country for p in parties.values() if p.entity.kind == "country"}
    kept = [p for p in parties.values() if not (p.entity.kind == "city" and p.entity.country in countries)]
    if sentence.tokens[trigger.head].lemma in lx.DISCUSS_VERBS and sentence.parsed:
        kept = [p for p in kept if _discusses(sentence, trigger, p)]
    return sorted(kept, key=lambda p: p.start)


def _discusses(sentence: Sentence, trigger: Trigger, party: Party) -> bool:
    """Whether a party of "обсуждать" is one who discusses, its subject or whom it is discussed
    with ("Лавров обсудил с Ван И ..."), not the topic ("будут обсуждать поощрение унионизма со
    стороны правительства Молдавии": Молдавия is what is discussed)."""
    toks = sentence.tokens
    head = head_token(sentence, party.start, party.stop)
    if head is None:
        return True
    i = head.id
    if head.pos == "ADJ" and head.rel == "amod" and 0 <= head.head_id < len(toks):
        i = head.head_id  # "с американскими коллегами": the noun the adjective qualifies
    i = _first_conjunct(toks, i)
    # a "с" phrase wherever the parser attached it (it often hangs it on the object)
    with_phrase = toks[i].feats.get("Case") == "Ins" and _has_preposition(toks, i, WITH)
    return with_phrase or (toks[i].head_id == trigger.head and toks[i].rel in SUBJECT_RELS)


def own_parties(sentence: Sentence, trigger: Trigger, parties: Sequence[Party]) -> list[Party] | None:
    """The parties a trigger noun names itself, when it names two or more and the sentence has
    others: "отношения Казахстана и США", "мирного договора между Израилем и Сирией",
    "российско-вьетнамское партнёрство". Such a noun says who its event is between; the other
    names of the sentence belong to the rest of it ("Назарбаев выразил надежду, что отношения
    Казахстана и США ..."). None when the noun names fewer than two or all of them."""
    own = [p for p in parties if _names_own_party(sentence, trigger, p)]
    return own if 2 <= len(own) < len(parties) else None


def _names_own_party(sentence: Sentence, trigger: Trigger, party: Party) -> bool:
    """Whether a party (or the first of its conjuncts) depends on the trigger noun as a genitive,
    an adjective, or through "между"."""
    toks = sentence.tokens
    head = head_token(sentence, party.start, party.stop) if sentence.parsed else None
    if head is None:
        return False
    noun = trigger.head
    if toks[noun].pos == "ADJ" and 0 <= toks[noun].head_id < len(toks):
        noun = toks[noun].head_id  # "совместная деятельность России и Японии"
    if toks[noun].pos != "NOUN":
        return False
    i = _first_conjunct(toks, head.id)
    if toks[i].head_id != noun:
        return False
    if toks[i].rel == "amod" or (toks[i].rel == "nmod" and toks[i].feats.get("Case") == "Gen"):
        return True
    return _has_preposition(toks, i, BETWEEN)
