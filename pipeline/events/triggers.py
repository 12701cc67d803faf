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


def _names_follow(tokens: Sequence[Token], i: int) -> bool:
    """Whether a name (a capitalised word) follows token ``i`` closely."""
    window = tokens[i + 1 : i + 1 + lx.SUPPORT_OBJECT_WINDOW]
    return any(t.text[:1].isupper() for t in window)


def _span(head: int, other: int | None) -> tuple[int, int]:
    if other is None:
        return head, head
    return min(head, other), max(head, other)


def find_triggers(sentence: Sentence) -> list[Trigger]:
    """Every trigger of ``sentence``, best first (by type priority, then position)."""
    toks = sentence.tokens
    lemmas = {t.lemma for t in toks}
    found: list[Trigger] = []
    for i, t in enumerate(toks):
        lemma = t.lemma
        if i and (toks[i - 1].lemma, lemma) in lx.IDIOMS:
            continue
        if lemma in lx.TALKS_NOUNS and lemmas & lx.MATCH_WORDS:
            continue
        if lemma in lx.SUPPORT_LEMMAS and not _names_follow(toks, i):
            continue
        type_: str | None = None
        other: int | None = None
        if lemma in lx.AGREEMENT_NOUNS:
            type_, other = lx.AGREEMENT, _near(toks, i, lx.AGREEMENT_VERBS_WITH_NOUN)
        elif lemma in lx.AGREEMENT_VERBS:
            type_ = lx.AGREEMENT
        elif lemma in lx.TALKS_NOUNS or (lemma in lx.TALKS_VERBS and t.pos == "VERB"):
            type_ = lx.TALKS
        elif lemma in lx.TALK_WITH_VERBS and _near(toks, i, frozenset({"с", "со"}), window=2) is not None:
            type_ = lx.TALKS
        elif lemma in lx.PARTICIPATION_NOUNS:
            other = _near(toks, i, lx.MEETING_NOUNS, window=4)
            if other is not None and other > i:
                type_ = lx.TALKS
        elif lemma in lx.SUPPLY_VERBS:
            other = _near(toks, i, lx.COMMODITIES, window=4)
            if other is not None:
                type_ = lx.JOINT
        elif lemma in lx.JOINT_MARKERS:
            type_ = lx.JOINT
            other = i + 1 if i + 1 < len(toks) and toks[i + 1].pos in ("NOUN", "VERB") else None
        elif lemma in lx.JOINT_NOUNS or (lemma in lx.JOINT_VERBS and t.pos == "VERB"):
            type_ = lx.JOINT
        elif lemma in lx.COOPERATION_NOUNS or lemma in lx.COOPERATION_VERBS or lemma in lx.COOPERATION_ADJECTIVES:
            type_ = lx.COOPERATION
            other = _near(toks, i, lx.RELATION_VERBS, window=3)
        elif lemma in lx.RELATION_NOUNS and t.pos == "NOUN":
            other = _near(toks, i, lx.RELATION_VERBS, window=3)
            if other is not None:
                type_ = lx.COOPERATION
        if type_ is None:
            continue
        first, last = _span(i, other)
        found.append(Trigger(type_, i, first, last))
    found.sort(key=lambda tr: (TYPE_PRIORITY[tr.type], tr.head))
    return found
