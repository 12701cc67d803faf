"""Find the predicates of cooperation in a sentence, on lemmas.

A trigger is a word (or a verb with its object noun) of the lexicon. Verbs that need an object
("подписать", "заключить") count only with an agreement noun near them: "подписал указ" is a
unilateral act, not an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.events import lexicon as lx
from pipeline.types import Sentence, Token

# How far (in tokens) a verb may stand from the noun it takes ("подписали в Шанхае декларацию").
OBJECT_WINDOW = 5
# Type preference when a sentence holds several triggers: the most specific act wins
# ("в ходе визита подписали соглашение о сотрудничестве" is an agreement).
WITH = frozenset({"с", "со"})
TYPE_PRIORITY = {lx.AGREEMENT: 0, lx.TALKS: 1, lx.JOINT: 2, lx.COOPERATION: 3}


@dataclass(frozen=True)
class Trigger:
    """A trigger in a sentence: its type, its head token and the tokens it spans."""

    type: str
    head: int
    first: int
    last: int

    def text(self, sentence: Sentence) -> str:
        """The trigger as written."""
        toks = sentence.tokens
        return sentence.text[toks[self.first].start - sentence.start : toks[self.last].stop - sentence.start]


def may_hold_trigger(tokens: Sequence[Token]) -> bool:
    """Cheap test: does a lemma of the lexicon occur? (decides which sentences get a syntax parse)."""
    return any(t.lemma in lx.ALL_TRIGGERS for t in tokens)


def _near(tokens: Sequence[Token], i: int, lemmas: frozenset[str], window: int = OBJECT_WINDOW) -> int | None:
    lo, hi = max(0, i - window), min(len(tokens), i + window + 1)
    for j in sorted(range(lo, hi), key=lambda j: abs(j - i)):
        if j != i and tokens[j].lemma in lemmas:
            return j
    # a syntactic link counts whatever the distance
    head = tokens[i].head_id
    if 0 <= head < len(tokens) and tokens[head].lemma in lemmas:
        return head
    return None


def _other_sense(tokens: Sequence[Token], i: int) -> bool:
    """Whether a verb of supply or allocation is used in another sense: a word of another sense
    follows it ("поставило под угрозу", "поставить задачу", "выделили ключевые направления"), or
    "выделить" comes without money or means ("выделили средства", "выделит $2 млн")."""
    after = {t.lemma for t in tokens[i + 1 : i + 1 + lx.SUPPORT_OBJECT_WINDOW]}
    if after & lx.OTHER_SENSE_WORDS:
        return True
    if tokens[i].lemma in ("выделить", "выделять"):
        near = {t.lemma for t in tokens[max(0, i - OBJECT_WINDOW) : i + OBJECT_WINDOW + 1]}
        return not (near & lx.RESOURCE_WORDS or any(t.text[:1] in "$€£¥" or t.text.isdigit()
                                                    for t in tokens[i + 1 : i + 1 + OBJECT_WINDOW]))
    return False


def _dependent(tokens: Sequence[Token], i: int, lemmas: frozenset[str]) -> int | None:
    """A word of ``lemmas`` that depends on token ``i``, directly or through a measure ("получала
    около 45 тыс. кубометров воды", "не поступит, к примеру, российский сланцевый газ")."""
    for j, t in enumerate(tokens):
        if t.lemma in lemmas and 0 <= t.head_id < len(tokens) and (
                t.head_id == i or tokens[t.head_id].head_id == i):
            return j
    return None


def _names_follow(tokens: Sequence[Token], i: int) -> bool:
    """Whether a name (a capitalised word) follows token ``i`` closely."""
    window = tokens[i + 1 : i + 1 + lx.SUPPORT_OBJECT_WINDOW]
    return any(t.text[:1].isupper() for t in window)


def _refers_back(tokens: Sequence[Token], i: int) -> bool:
    """A noun trigger with a demonstrative before it ("эти соглашения", "данной сделки")."""
    if tokens[i].pos != "NOUN":
        return False
    j = i - 1
    while j >= 0 and i - j <= 3 and tokens[j].pos == "ADJ" and tokens[j].lemma not in lx.ANAPHORIC_DETERMINERS:
        j -= 1  # "этого важного соглашения"; in "такой способ взаимодействия" the word is the method's
    return j >= 0 and i - j <= 3 and tokens[j].lemma in lx.ANAPHORIC_DETERMINERS


def _speaks_to_media(tokens: Sequence[Token], i: int) -> bool:
    """Whether "с"/"со" and a news medium follow token ``i`` ("в разговоре с RT")."""
    after = tokens[i + 1 : i + 4]
    return (len(after) >= 2 and after[0].lemma in WITH
            and any(t.text.lower().strip("«»\"") in lx.MEDIA for t in after[1:]))


def _span(head: int, other: int | None) -> tuple[int, int]:
    if other is None:
        return head, head
    return min(head, other), max(head, other)


def _classify(toks: Sequence[Token], i: int) -> tuple[str | None, int | None]:
    """The trigger type of token ``i`` and the index of the word it takes along, if any."""
    t = toks[i]
    lemma = t.lemma
    if lemma in lx.AGREEMENT_NOUNS:
        return lx.AGREEMENT, _near(toks, i, lx.AGREEMENT_VERBS_WITH_NOUN)
    if lemma in lx.AGREEMENT_VERBS:
        return lx.AGREEMENT, None
    if lemma in lx.TALKS_NOUNS or (lemma in lx.TALKS_VERBS and t.pos == "VERB"):
        return lx.TALKS, None
    if lemma in lx.TALK_WITH_VERBS and _near(toks, i, WITH, window=2) is not None:
        return lx.TALKS, None
    if lemma in lx.PARTICIPATION_NOUNS:
        meeting = _near(toks, i, lx.MEETING_NOUNS, window=4)
        return (lx.TALKS, meeting) if meeting is not None and meeting > i else (None, None)
    if lemma in lx.SUPPLY_VERBS:
        goods = _near(toks, i, lx.COMMODITIES, window=4)
        if goods is None:
            goods = _dependent(toks, i, lx.COMMODITIES)
        return (lx.JOINT, goods) if goods is not None else (None, None)
    if lemma in lx.JOINT_MARKERS:
        return lx.JOINT, (i + 1 if i + 1 < len(toks) and toks[i + 1].pos in ("NOUN", "VERB") else None)
    if lemma in lx.JOINT_NOUNS or (lemma in lx.JOINT_VERBS and t.pos == "VERB"):
        if lemma in lx.SENSE_VERBS and _other_sense(toks, i):
            return None, None
        return lx.JOINT, None
    if lemma in lx.COOPERATION_NOUNS or lemma in lx.COOPERATION_VERBS or lemma in lx.COOPERATION_ADJECTIVES:
        return lx.COOPERATION, _near(toks, i, lx.RELATION_VERBS, window=3)
    if lemma in lx.RELATION_NOUNS and t.pos == "NOUN":
        verb = _near(toks, i, lx.RELATION_VERBS, window=3)
        return (lx.COOPERATION, verb) if verb is not None else (None, None)
    return None, None


def find_triggers(sentence: Sentence) -> list[Trigger]:
    """Every trigger of ``sentence``, best first (by type priority, then position)."""
    toks = sentence.tokens
    lemmas = {t.lemma for t in toks}
    found: list[Trigger] = []
    for i, t in enumerate(toks):
        lemma = t.lemma
        if i and (toks[i - 1].lemma, lemma) in lx.IDIOMS:
            continue
        if lemmas & lx.MATCH_WORDS and (lemma in lx.TALKS_NOUNS or lemma in lx.TALKS_VERBS):
            continue  # sports: a "встреча" is a match, teams "приехали" to play
        if lemma in lx.SUPPORT_LEMMAS and not _names_follow(toks, i):
            continue
        if lemma in lx.INTERVIEW_NOUNS and _speaks_to_media(toks, i):
            continue  # "в беседе с RT": an interview, not talks
        type_, other = _classify(toks, i)
        if type_ is None or _refers_back(toks, i):
            continue
        first, last = _span(i, other)
        found.append(Trigger(type_, i, first, last))
    found.sort(key=lambda tr: (TYPE_PRIORITY[tr.type], tr.head))
    return found
