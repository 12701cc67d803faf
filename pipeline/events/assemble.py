"""Assemble cooperation events from a processed document.

For every sentence with a trigger and at least two parties one event candidate is made (the
sentence's most specific trigger); candidates that report the same event (same type and
parties, or a headline restating a body event) are merged into one event with several mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.events import lexicon as lx
from pipeline.events.attributes import date_of, money_of, place_of, sector_counts, sector_of, topic_of
from pipeline.events.modality import modality
from pipeline.events.participants import Party, find_parties, head_token, own_parties, token_index
from pipeline.events.triggers import Trigger, find_triggers
from pipeline.ids import content_id, mention_id
from pipeline.resolve.entities import place_entity
from pipeline.resolve.geo import GeoResolver
from pipeline.resolve.names import name_key
from pipeline.types import (
    DocEntity,
    DocResult,
    EntityMention,
    Event,
    EventMentionRecord,
    EventParticipant,
    Sentence,
    Token,
)

# Words of aid: joint acts coded AID (CAMEO 07x) rather than COOPERATE (06x).
AID_LEMMAS = frozenset(["помощь", "грант", "пожертвовать", "помочь", "помогать", "гуманитарный", "льготный"])
# Sentences beyond this many parties are lists (tables, rankings), rarely one event. Measured on the
# gold: 6 gave event F1 0.659, 12 gives 0.671 (agreements with ten signatories exist); more adds nothing.
MAX_PARTIES = 12
# Events one sentence may state: measured on the gold, 1 gives event F1 0.652, 2 gives 0.634
# (a second trigger in a sentence is more often a detail of the first event than an event). A
# second trigger in another clause with two parties of its own is a second event (see _split:
# event F1 0.694 -> 0.699).
MAX_EVENTS_PER_SENTENCE = 1
# Words that open a sentence restating the agreement just reported: "Документ подписали ...".
RESTATING_NOUNS = lx.AGREEMENT_NOUNS | {"документ"}
# Kinds of entity that are places.
PLACE_KINDS = frozenset({"country", "region", "city"})
# Sentences of the headline and lead, which announce what the body reports again.
LEAD_SENTENCES = 2
# A one-party clause takes its other party from an event at most this many sentences back.
CONTEXT_SENTENCES = 3
# A sports report: this many words of sport, and this share of its content words. The sports
# articles of the gold have 15-40 such words and 2-6 %; news on sports policy have few.
SPORT_MIN_WORDS = 10
SPORT_MIN_SHARE = 0.02
# "он" / "она" as the subject of a trigger is the last person of that gender named at most this many
# sentences back (the same sentence's earlier names count too).
PRONOUN_SENTENCES = 2
PRONOUN_GENDERS = {"он": "Masc", "она": "Fem"}
# Pronouns of the speaker of a quote: "я" is the person, "мы" the state the person speaks for.
SPEAKER_PRONOUNS = frozenset({"я", "мы"})
# Dependency relations that start a clause of their own (Universal Dependencies, as slovnet parses).
CLAUSE_RELS = frozenset({"ccomp", "parataxis", "acl:relcl", "advcl", "csubj"})
# ... or from the entity the article is about: seen this often, of these kinds.
FOCUS_MIN_MENTIONS = 3
FOCUS_KINDS = frozenset({"organisation", "country", "city", "region", "international"})
# Nouns that refer back to the article's main entity of a kind: "городом", "страна", "компания".
ANAPHORIC_NOUNS = {
    "город": frozenset({"city"}), "столица": frozenset({"city"}), "мегаполис": frozenset({"city"}),
    "страна": frozenset({"country"}), "государство": frozenset({"country"}),
    "регион": frozenset({"region"}), "компания": frozenset({"organisation"}),
    "концерн": frozenset({"organisation"}), "холдинг": frozenset({"organisation"}),
}


def codes(type_: str, mod: str, sector: str, aid: bool) -> tuple[str, str]:
    """PLOVER and CAMEO codes for an event (the table of spec/events.md)."""
    if type_ == lx.AGREEMENT:
        return ("AGREE", "030") if mod == "planned" else ("SUPPORT", "057")
    if type_ == lx.TALKS:
        return "CONSULT", "040"
    military = sector == "defense_security"
    if type_ == lx.JOINT and aid:
        return "AID", "072" if military else "070"
    return "COOPERATE", "062" if military else ("061" if sector in ("economy_trade", "finance", "energy") else "060")


@dataclass
class _Candidate:
    sentence: Sentence
    trigger: Trigger
    parties: list[Party]
    mentions: list[Sentence] = field(default_factory=list)

    @property
    def key(self) -> frozenset[str]:
        return frozenset(p.entity.entity_id for p in self.parties)

    @property
    def state_key(self) -> frozenset[str]:
        """The parties as states where a party stands for one: a country, a person of a country,
        its capital ("Абэ" and "Япония", "Вашингтон" and "США" are one side here)."""
        return frozenset(f"state:{p.entity.country}" if p.entity.country and (
            _is_state(p.entity) or p.entity.kind == "person") else p.entity.entity_id for p in self.parties)


@dataclass(frozen=True)
class _MentionIndex:
    """A document's entity mentions by sentence, its entities by id, and each mention's entity."""

    by_sentence: dict[int, list[EntityMention]]
    entity_by_id: dict[str, DocEntity]
    entity_of: dict[tuple[int, int], DocEntity]

    @classmethod
    def of(cls, result: DocResult) -> _MentionIndex:
        """The index of ``result``'s mentions and entities."""
        by_sentence: dict[int, list[EntityMention]] = defaultdict(list)
        for m in result.doc.mentions:
            by_sentence[m.sent_id].append(m)
        entity_by_id = {e.entity_id: e for e in result.entities}
        entity_of = {(m.start, m.stop): entity_by_id[eid] for m, eid in zip(
            result.doc.mentions, result.mention_entity_ids, strict=True) if eid in entity_by_id}
        return cls(by_sentence, entity_by_id, entity_of)


def _confidence(c: _Candidate) -> float:
    score = 0.45
    named = [p for p in c.parties if p.entity.n_mentions > 0]
    score += 0.1 * min(2, len(named))
    if any(p.role == "agent" for p in c.parties):
        score += 0.1
    if c.trigger.last > c.trigger.first:
        score += 0.1  # a verb with its object: "подписали соглашение"
    if len(c.parties) > 3:
        score -= 0.1
    score += 0.05 * min(2, len(c.mentions) - 1)
    return round(max(0.05, min(0.95, score)), 3)


class EventAssembler:
    """Builds the events of one document (holds the gazetteer; one per process)."""

    def __init__(self, geo: GeoResolver) -> None:
        self.geo = geo

    def _candidates(self, result: DocResult, index: _MentionIndex) -> list[_Candidate]:
        """One candidate per sentence that has a trigger and two or more parties."""
        doc = result.doc
        by_sentence, entity_by_id, entity_of = index.by_sentence, index.entity_by_id, index.entity_of
        out: list[_Candidate] = []
        seen: Counter[str] = Counter()
        persons: list[_Person] = []
        sport = _is_sports_report(doc.sentences)
        for sentence in doc.sentences:
            mentions = by_sentence[sentence.sent_id]
            found = find_triggers(sentence)
            triggers = _distinct_types(found)
            if triggers and sentence.tokens[triggers[0].head].lemma in lx.DISCUSS_VERBS:
                # "Эксперты обсуждают российско-вьетнамское партнерство": a discussion without
                # parties of its own leaves the event to what is discussed (the first trigger that
                # makes an event is kept)
                triggers = _distinct_types(found, limit=None)
            # the people a pronoun may stand for: named here or at most PRONOUN_SENTENCES back
            here = _persons(sentence, mentions, entity_of)
            persons = [p for p in persons if sentence.sent_id - p.sent_id <= PRONOUN_SENTENCES]
            last = out[-1] if out and sentence.sent_id - out[-1].sentence.sent_id <= CONTEXT_SENTENCES else None
            if last is not None and last.trigger.type == lx.AGREEMENT and _restates_agreement(sentence):
                # "Документ подписали директор ... и глава ...": the agreement just reported, again
                last.mentions.append(sentence)
                triggers = []
            for trigger in triggers:
                parties = find_parties(sentence, trigger, mentions, entity_of, self.geo)
                own = own_parties(sentence, trigger, parties)
                rest: list[Party] = []
                if own is not None:
                    rest = [p for p in parties if p not in own]
                    parties = own
                pronoun = _pronoun_party(sentence, trigger, [*persons, *here], self.geo)
                if pronoun is not None and all(p.entity.entity_id != pronoun.entity.entity_id for p in parties):
                    parties = sorted([*parties, pronoun], key=lambda p: p.start)
                if len(parties) < 2 and out and _names_both_parties(sentence):
                    # "стороны договорились": the two parties of the event just reported
                    known = {p.entity.entity_id for p in parties}
                    parties += [Party(p.entity, p.start, p.stop, "context") for p in out[-1].parties
                                if p.entity.entity_id not in known]
                if one_side(parties):
                    # a state with its own leader or towns is one party: the other comes from context
                    parties = [next(p for p in parties if _is_state(p.entity))]
                if len(parties) == 1 or (parties and all(p.role in ("destination", "origin") for p in parties)):
                    # one party named, or only where visitors went or goods come from: the other
                    # comes from context
                    context = self._context_party(sentence, trigger, parties[0], out, seen, entity_by_id)
                    if context is not None:
                        parties.append(context)
                if (sport and _sports_fixture(trigger, parties)) or _private_trip(sentence, trigger, parties):
                    continue
                if 2 <= len(parties) <= MAX_PARTIES and not one_side(parties) and not _investigation(sentence, trigger):
                    whole = _Candidate(sentence, trigger, parties, [sentence])
                    meetings = _separate_meetings(sentence, trigger, parties)
                    out.extend(meetings or _split(sentence, trigger, parties, found) or [whole])
                    second = self._rest_event(sentence, trigger, rest, found, mentions, entity_of)
                    if second is not None:
                        out.append(second)
                    break  # one trigger makes the sentence's event (more are tried after a discussion)
            seen.update(entity_of[(m.start, m.stop)].entity_id for m in mentions if (m.start, m.stop) in entity_of)
            persons.extend(here)
        return out

    def _rest_event(self, sentence: Sentence, first: Trigger, rest: Sequence[Party], found: Sequence[Trigger],
                    mentions: Sequence[EntityMention],
                    entity_of: dict[tuple[int, int], DocEntity]) -> _Candidate | None:
        """A second event of the sentence: the parties a trigger noun left out (see own_parties),
        two or more, with the sentence's next trigger of another type ("источники, близкие к
        украинско-российским переговорам, сообщили, что ... СП «Газпрома», «Нафтогаза» и ...")."""
        if len(rest) < 2:
            return None
        second = next((t for t in found if t.type != first.type), None)
        if second is None:
            return None
        left = {p.entity.entity_id for p in rest}
        parties = [p for p in find_parties(sentence, second, mentions, entity_of, self.geo)
                   if p.entity.entity_id in left]
        if len(parties) < 2 or one_side(parties):
            return None
        return _Candidate(sentence, second, parties, [sentence])

    @staticmethod
    def _context_party(sentence: Sentence, trigger: Trigger, found: Party, previous: Sequence[_Candidate],
                       seen: Counter[str], entities: dict[str, DocEntity]) -> Party | None:
        """The party a one-party clause leaves implicit: the actor of the last event nearby,
        else the entity the article is about so far ("организованная городом бизнес-миссия")."""
        if previous and sentence.sent_id - previous[-1].sentence.sent_id <= CONTEXT_SENTENCES:
            actor = next((p for p in previous[-1].parties if p.role == "agent"), None)
            if (actor is not None and actor.entity.entity_id != found.entity.entity_id
                    and name_key(actor.entity.name) not in lx.MEDIA and not one_side([found, actor])):
                return Party(actor.entity, actor.start, actor.stop, "context")
        if trigger.type == lx.AGREEMENT:
            # an agreement names its signatories: the article's main entity is rarely the unnamed one
            # (on the gold, 1 of 8 such agreements was right)
            return None
        # "организованная городом бизнес-миссия": the noun says which kind of entity is meant
        kinds = next((ANAPHORIC_NOUNS[t.lemma] for t in sentence.tokens
                      if t.lemma in ANAPHORIC_NOUNS and t.feats.get("Number") == "Sing"), FOCUS_KINDS)
        for eid, n in seen.most_common():
            entity = entities.get(eid)
            if n < FOCUS_MIN_MENTIONS or entity is None:
                break
            if (eid != found.entity.entity_id and entity.kind in kinds and name_key(entity.name) not in lx.MEDIA
                    and not one_side([found, Party(entity, 0, 0, "focus")])):
                home = found.entity.country
                if found.entity.kind in ("organisation", "person") and home and entity.country == home:
                    # a body or person of the main entity's own country acts at home ("ВВС намерены
                    # инвестировать в космические системы" in an article on the USA): no counterpart
                    # is implied (dev gold: event F1 0.713 -> 0.721, no event lost)
                    return None
                return Party(entity, sentence.start, sentence.start, "focus")
        return None

    def assemble(self, result: DocResult) -> list[Event]:
        """The events of ``result``; entities named only by adjectives are added to it."""
        index = _MentionIndex.of(result)
        merged = _merge(self._candidates(result, index), result)
        doc = result.doc
        doc_counts = sector_counts(t.lemma for s in doc.sentences for t in s.tokens)
        known = {e.entity_id for e in result.entities}
        by_sentence, entity_of = index.by_sentence, index.entity_of
        events = []
        for c in merged:
            for p in c.parties:
                if p.entity.entity_id not in known:
                    result.entities.append(p.entity)
                    known.add(p.entity.entity_id)
            s, tr = c.sentence, c.trigger
            mod = modality(s, tr)
            topic = topic_of(s, tr)
            sector = sector_of(s, topic, doc_counts, tr.type)
            place = next((pl for m in c.mentions
                          if (pl := place_of(m, by_sentence[m.sent_id], entity_of, self.geo))), None)
            if place is not None and place.entity_id not in known:
                result.entities.append(place)  # a place named only by an adjective
                known.add(place.entity_id)
            date = date_of(s, result.dates, s.tokens[tr.head].start) or next(
                (d for m in c.mentions[1:] if (d := date_of(m, result.dates))), None)
            money = (next((mo for m in c.mentions if (mo := money_of(m, result.money))), None)
                     if tr.type in (lx.JOINT, lx.AGREEMENT) else None)
            aid = any(t.lemma in AID_LEMMAS for t in s.tokens)
            plover, cameo = codes(tr.type, mod, sector, aid)
            start, stop = s.tokens[tr.first].start, s.tokens[tr.last].stop
            participants = tuple(
                EventParticipant(p.entity.entity_id, p.entity.name, p.entity.type, p.entity.country, p.role)
                for p in c.parties
            )
            event_id = content_id("event", doc.doc_id, tr.type, start, *sorted(c.key))
            events.append(Event(
                event_id=event_id, type=tr.type, modality=mod, trigger=tr.text(s), sentence=s.text,
                start=start, stop=stop, participants=participants,
                mentions=tuple(EventMentionRecord(m.sent_id, m.start, m.stop, m.text) for m in c.mentions),
                sector=sector, topic=topic, place=place.name if place else None,
                place_entity_id=place.entity_id if place else None,
                date=date.date if date else None, date_text=date.text if date else None,
                date_granularity=date.granularity if date else None,
                amount=money.amount if money else None, currency=money.currency if money else None,
                money_id=mention_id(doc.doc_id, money.start, money.stop, "money") if money else None,
                plover=plover, cameo=cameo, confidence=_confidence(c),
            ))
        return events


@dataclass(frozen=True)
class _Person:
    """A person mentioned earlier in the article: where, who, and the gender of the name."""

    sent_id: int
    start: int
    entity: DocEntity
    gender: str | None


def _persons(sentence: Sentence, mentions: Sequence[EntityMention],
             entity_of: dict[tuple[int, int], DocEntity]) -> list[_Person]:
    """The people named in ``sentence``, in text order."""
    return [_Person(sentence.sent_id, m.start, entity_of[(m.start, m.stop)], _gender(sentence, m))
            for m in mentions if m.type == "PER" and (m.start, m.stop) in entity_of]


def _gender(sentence: Sentence, mention: EntityMention) -> str | None:
    """The grammatical gender of a person's name ("Masc", "Fem"), from its first tagged word."""
    return next((t.feats["Gender"] for t in sentence.tokens
                 if mention.start <= t.start < mention.stop and "Gender" in t.feats), None)


def _pronoun_party(sentence: Sentence, trigger: Trigger, persons: Sequence[_Person],
                   geo: GeoResolver) -> Party | None:
    """The party a subject pronoun of the trigger (or of the verb governing a trigger noun) stands
    for: "он" / "она", the last person of that gender named in the sentences just before ("На полях
    саммита он провёл ряд встреч" after a paragraph about Лавров); "я", the speaker named in the
    sentence or just before; "мы", the state that speaker speaks for."""
    if not sentence.parsed:
        return None
    toks = sentence.tokens
    # the trigger and the words above it up to its clause's verb ("На полях саммита он провёл")
    heads, i = set(), trigger.head
    while 0 <= i < len(toks) and i not in heads:
        heads.add(i)
        # an infinitive goes on to the verb it depends on ("он начнёт восстанавливать отношения"),
        # or to the noun of intention it completes ("он заявил о намерении посетить Гагаузию")
        head = toks[i].head_id
        of_intent = (toks[i].feats.get("VerbForm") == "Inf" and 0 <= head < len(toks)
                     and toks[head].lemma in lx.INTENT_NOUNS)
        if ((toks[i].pos in ("VERB", "AUX") and toks[i].rel != "xcomp" and not of_intent)
                or toks[i].rel in CLAUSE_RELS):
            break
        i = head
    pronoun = next((t for t in toks if t.lemma in (*PRONOUN_GENDERS, *SPEAKER_PRONOUNS)
                    and t.rel in ("nsubj", "nsubj:pass") and t.head_id in heads), None)
    if pronoun is None:
        return None
    if pronoun.lemma in SPEAKER_PRONOUNS:
        # the speaker: named in the same sentence ("«Я ...», — сказал Лавров") or just before; the
        # verb's past tense tells the gender ("встречался")
        gender = toks[pronoun.head_id].feats.get("Gender") if 0 <= pronoun.head_id < len(toks) else None
        here = [p for p in persons if p.sent_id == sentence.sent_id]
        persons = [*[p for p in persons if p.sent_id < sentence.sent_id], *here]
    else:
        gender = PRONOUN_GENDERS[pronoun.lemma]
        persons = [p for p in persons if p.start < pronoun.start]
    for person in reversed(persons):
        if sentence.sent_id - person.sent_id > PRONOUN_SENTENCES:
            break
        if gender is None or person.gender in (gender, None):
            if pronoun.lemma == "мы":
                # "мы" of an official is the state they speak for ("Мы регулярно говорим с
                # американцами", — Лавров): without a known country, nobody
                state = geo.country(person.entity.country)
                return Party(place_entity(state, state.name), pronoun.start, pronoun.stop, "agent") if state else None
            return Party(person.entity, pronoun.start, pronoun.stop, "agent")
    return None


def _ancestors(toks: Sequence[Token], i: int) -> dict[int, int]:
    """Token ``i`` and the tokens above it, with their distance from it."""
    out: dict[int, int] = {}
    while 0 <= i < len(toks) and i not in out:
        out[i] = len(out)
        i = toks[i].head_id
    return out


def _tree_distance(toks: Sequence[Token], a: int, b: int) -> int:
    """The number of dependency arcs between tokens ``a`` and ``b``."""
    up = _ancestors(toks, a)
    for n, (j, _) in enumerate(_ancestors(toks, b).items()):
        if j in up:
            return up[j] + n
    return len(toks)


def _clause(toks: Sequence[Token], i: int) -> int:
    """The head of the clause token ``i`` stands in."""
    for j in _ancestors(toks, i):
        if toks[j].rel in CLAUSE_RELS or toks[j].head_id < 0:
            return j
    return i


def _split(sentence: Sentence, first: Trigger, parties: list[Party],
           triggers: Sequence[Trigger]) -> list[_Candidate] | None:
    """Two events in one sentence: a second trigger in another clause with two parties of its own
    nearer to it than to the first ("X и Y подписали соглашение, а Z и W договорились о ...")."""
    if not sentence.parsed:
        return None
    toks = sentence.tokens
    heads = {}
    for p in parties:
        head = head_token(sentence, p.start, p.stop)
        if head is None:
            return None  # a party from another sentence, or an adjective's place
        heads[p.entity.entity_id] = head.id
    for second in triggers:
        if second.head == first.head or _clause(toks, second.head) == _clause(toks, first.head):
            continue
        near_first = [p for p in parties if _tree_distance(toks, heads[p.entity.entity_id], first.head)
                      <= _tree_distance(toks, heads[p.entity.entity_id], second.head)]
        near_second = [p for p in parties if p not in near_first]
        if len(near_first) >= 2 and len(near_second) >= 2:
            return [_Candidate(sentence, first, near_first, [sentence]),
                    _Candidate(sentence, second, near_second, [sentence])]
    return None


def _separate_meetings(sentence: Sentence, trigger: Trigger, parties: list[Party]) -> list[_Candidate] | None:
    """Meetings with partners each in a "с" phrase of their own, coordinated ("провёл ряд встреч,
    в том числе со своим сирийским коллегой Валидом Муаллемом, а также с генсеком НАТО Йенсом
    Столтенбергом"): one meeting per partner, each with the parties outside those phrases. A list
    after one "с" ("переговоры с Китаем, Индией и Бразилией") is one meeting. Dev gold: event F1
    0.725 -> 0.728 (one meeting found), argument F1 0.602 -> 0.605."""
    if trigger.type != lx.TALKS:
        return None
    toks = sentence.tokens
    withs = [i for i, t in enumerate(toks) if t.lemma in ("с", "со") and t.pos == "ADP" and i > trigger.head]
    if len(withs) < 2:
        return None
    groups: dict[int, list[Party]] = defaultdict(list)
    shared: list[Party] = []
    for p in parties:
        i = token_index(sentence, p.start)
        opener = max((w for w in withs if w < i), default=None)
        if opener is None or any(toks[k].pos in ("VERB", "AUX") for k in range(opener + 1, i)):
            shared.append(p)
        else:
            groups[opener].append(p)
    openers = sorted(groups)
    # "..., а также с", "и с", "затем с"; a comma alone may add an apposition ("говорим с
    # американцами, с госдепартаментом и Пентагоном": one counterpart)
    coordinated = all(any(t.lemma in lx.MEETING_SEQUENCE for t in toks[max(0, w - 3) : w]) for w in openers[1:])
    if len(openers) < 2 or not shared or not coordinated:
        return None
    return [_Candidate(sentence, trigger, sorted([*shared, *groups[w]], key=lambda p: p.start), [sentence])
            for w in openers]


def _is_state(entity: DocEntity) -> bool:
    """A country, or its capital standing for it ("Тбилиси", "Москва")."""
    return entity.kind == "country" or (
        entity.kind == "city" and entity.country is not None and lx.CAPITALS.get(entity.country) == entity.name)


def one_side(parties: Sequence[Party]) -> bool:
    """Whether the parties are one state and its own people and cities: "Абэ" with "Япония",
    "Тбилиси" with "Грузия", "Мариуполь" with "Украина". A state does not cooperate with its own
    leader or towns; with its own regions and organisations it may ("Великобритания" and
    "Шотландия", a government and its opposition), so those are kept."""
    countries = {p.entity.country for p in parties}
    if len(countries) != 1 or None in countries or not any(_is_state(p.entity) for p in parties):
        return False
    # towns count as the state's own only beside the country itself: a capital and other cities
    # are where a mission went ("бизнес-миссия в Пекин, Ханчжоу и Циндао")
    own = ("person", "city") if any(p.entity.kind == "country" for p in parties) else ("person",)
    return all(_is_state(p.entity) or p.entity.kind in own for p in parties)


def _restates_agreement(sentence: Sentence) -> bool:
    """Whether a sentence opens with a bare "Документ" / "Соглашение" that refers to the agreement
    just reported ("Документ подписали ...", "Соглашение предусматривает ..."): no words of its own
    say which agreement it is."""
    toks = [t for t in sentence.tokens if t.pos != "PUNCT"]
    if not toks or toks[0].lemma not in RESTATING_NOUNS:
        return False
    if toks[0].lemma == "документ" and not any(t.lemma in lx.AGREEMENT_VERBS_WITH_NOUN for t in toks):
        return False
    # modifiers of its own ("Соглашение о свободной торговле", "Новое соглашение") make it another one
    head = toks[0].id
    if toks[0].feats.get("Number") == "Plur" or (len(toks) > 1 and toks[1].lemma in ("о", "об", "между", "с")):
        return False
    return not any(t.head_id == head and t.rel in ("amod", "nmod", "det") for t in sentence.tokens)


def _is_sports_report(sentences: Sequence[Sentence]) -> bool:
    """Whether an article is a sports report: at least SPORT_MIN_WORDS words of sport, and
    SPORT_MIN_SHARE of its words."""
    lemmas = [t.lemma for s in sentences for t in s.tokens if t.pos in ("NOUN", "VERB", "ADJ")]
    n = sum(lemma in lx.SPORT_WORDS for lemma in lemmas)
    return n >= SPORT_MIN_WORDS and n >= SPORT_MIN_SHARE * len(lemmas)


def _sports_fixture(trigger: Trigger, parties: Sequence[Party]) -> bool:
    """In a sports report: a meeting of clubs is a match, a trip of people to places is an
    athlete's to a competition ("Феликс Лох заболел перед поездкой в Южную Корею"), a club's deal
    with one person is a player's or a coach's employment (officials signing for their
    organisations are not)."""
    kinds = {p.entity.kind for p in parties}
    if trigger.type == lx.TALKS:
        return kinds <= {"organisation", "city"} or ("person" in kinds and kinds <= {"person", *PLACE_KINDS})
    return trigger.type in (lx.AGREEMENT, lx.JOINT) and len(parties) == 2 and kinds == {"person", "organisation"}


def _investigation(sentence: Sentence, trigger: Trigger) -> bool:
    """"Сотрудничество со следствием" and calls on bodies to help an investigation: legal
    prosecution; collusion and bribes: crime. Neither is cooperation (spec/events.md, "Not events").
    Readiness to cooperate with those who investigate ("готовы сотрудничать с комиссиями, которые
    занимались расследованием") is the same; a joint investigation of two states is a joint act."""
    lemmas = {t.lemma for t in sentence.tokens}
    if trigger.type == lx.COOPERATION and lemmas & lx.INQUIRY_LEMMAS:
        return True
    return bool(lemmas & (lx.INVESTIGATION_LEMMAS | lx.CRIME_LEMMAS))


def _private_trip(sentence: Sentence, trigger: Trigger, parties: Sequence[Party]) -> bool:
    """A trip whose travellers are people named by a common noun ("Родители погибшей приехали на суд
    из Китая в Иллинойс", "иностранцев, посетивших Вьетнам"): the places on the way are no parties."""
    toks = sentence.tokens
    if toks[trigger.head].lemma not in lx.TRAVEL_VERBS or any(p.entity.kind not in PLACE_KINDS for p in parties):
        return False
    subject = next((t for t in toks if t.head_id == trigger.head and t.rel in ("nsubj", "nsubj:pass")), None)
    head = toks[trigger.head]
    if subject is None and head.rel == "acl" and 0 <= head.head_id < len(toks):
        subject = toks[head.head_id]  # "иностранцев, посетивших Вьетнам"
    return subject is not None and subject.pos == "NOUN" and subject.lemma not in lx.PARTY_NOUNS and not any(
        p.start <= subject.start < p.stop for p in parties)


def _distinct_types(triggers: Sequence[Trigger], limit: int | None = MAX_EVENTS_PER_SENTENCE) -> list[Trigger]:
    """The best trigger of each type in a sentence (a visit and the agreement signed during it
    are two events), at most ``limit``."""
    seen: set[str] = set()
    out = []
    for trigger in triggers:
        if trigger.type not in seen:
            seen.add(trigger.type)
            out.append(trigger)
    return out[:limit]


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    """Two candidates report one event: the same type and parties, or the same trigger word
    with one party set inside the other ("подписали декларацию" restated without a party) or
    with the same states behind the parties ("улучшение отношений Японии и Китая", later "Абэ
    намерен искать пути улучшения отношений с КНР": event F1 0.741 -> 0.748 on the gold, no
    event lost).

    Measured on the gold: merging any overlapping party sets (Jaccard >= 0.5) joined different
    events between the same parties (event F1 0.649 against 0.655 for equal sets only); so did
    merging every pair of equal sets across a long article, and equal country sets without the
    same word (0.713 -> 0.658)."""
    if a.trigger.type != b.trigger.type:
        return False
    same_word = a.sentence.tokens[a.trigger.head].lemma == b.sentence.tokens[b.trigger.head].lemma
    if a.key == b.key:
        # the same parties again: a restatement when it follows at once, restates the headline or
        # lead, or uses the same word; otherwise another event between them (event F1 0.710 either
        # way on the gold, argument F1 0.578 -> 0.581, recall 0.724 -> 0.748)
        adjacent = b.sentence.sent_id - a.mentions[-1].sent_id <= 1
        return same_word or adjacent or a.sentence.sent_id <= LEAD_SENTENCES
    return same_word and (a.key <= b.key or b.key <= a.key or a.state_key == b.state_key)


def _names_both_parties(sentence: Sentence) -> bool:
    return any(t.lemma in lx.BOTH_PARTIES and t.feats.get("Number") == "Plur" for t in sentence.tokens)


def _is_headline(sentence: Sentence, result: DocResult) -> bool:
    title = result.doc.article.title
    return sentence.sent_id == 0 and (bool(title) or "\n" in result.doc.text[sentence.stop : sentence.stop + 2])


def _different_sums(a: _Candidate, b: _Candidate, result: DocResult) -> bool:
    """Whether two candidates state different sums of money ("подписал соглашения на $2,5 млрд",
    "всего подписано более 20 соглашений на $7 млрд"): a part and a total, or two deals, are two
    events."""
    def sums(c: _Candidate) -> set[tuple[float, str]]:
        return {(m.amount, m.currency) for s in c.mentions for m in result.money if s.start <= m.start < s.stop}
    mine, theirs = sums(a), sums(b)
    return bool(mine and theirs and not mine & theirs)


def _merge(cands: Sequence[_Candidate], result: DocResult) -> list[_Candidate]:
    """Merge candidates reporting the same event: same type and parties; a headline into the body."""
    merged: list[_Candidate] = []
    for c in cands:
        target = next((m for m in merged if _same_event(m, c) and not _different_sums(m, c, result)), None)
        if target is not None:
            target.mentions.append(c.sentence)
        else:
            merged.append(c)
    # a headline on its own restates a body event (one that the body restates too is already whole)
    if len(merged) > 1 and _is_headline(merged[0].sentence, result) and len(merged[0].mentions) == 1:
        head = merged[0]
        countries = {p.entity.country for p in head.parties}
        for body in merged[1:]:
            if head.key & body.key and countries <= {p.entity.country for p in body.parties}:
                body.mentions.append(head.sentence)
                merged.remove(head)
                break
    return merged
