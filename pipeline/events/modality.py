"""Modality of an event from verb forms and markers (asserted, planned, negated, hypothetical).

The clause around the trigger is read for markers; negation wins over hypothesis, hypothesis
over plan ("не планируют подписывать" is negated; "могут договориться" hypothetical).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.events.lexicon import AGREEMENT_NOUNS
from pipeline.events.triggers import Trigger
from pipeline.types import Sentence, Token

NEGATING = frozenset(
    """
    отказаться отказываться отменить отменять приостановить приостанавливать прекратить прекращать
    разорвать разрывать сорвать срываться отвергнуть отвергать отклонить отклонять заморозить
    расторгнуть расторгать денонсировать выйти выход разрыв отказ отмена приостановка прекращение
    расторжение провалиться свернуть сворачивать отсутствие сократить сокращать сокращение
    """.split()
)
HYPOTHETICAL = frozenset(
    """
    мочь возможно возможный возможность готовый готов предложить предлагать предложение призвать
    призывать если бы следует следовать надеяться рассчитывать изучить вероятно вероятный
    допускать исключать хотеть желать предполагать заинтересованный заинтересовать потребовать требовать
    поручить поручать мечтать пригласить приглашать надежда предсказывать предсказать вряд нужный нужно
    необходимо необходимый стремиться добиваться добиться нацеленный призыв
    """.split()
)
PLANNED = frozenset(
    """
    планировать запланировать план намереваться намерен намерение собираться предстоящий предстоять
    готовиться ожидаться ожидать будущий следующий договориться пообещать обещать намеренный
    предусматривать предусмотреть отправляться
    должный должен
    """.split()
)  # "должны запустить производство": an obligation already fixed is a plan (the gold's reading)
# Forms of "быть" that make a future tense (the tagger reads "будет" as present).
FUTURE_AUX = frozenset("буду будешь будет будем будете будут".split())
# Tokens on each side of the trigger that form its clause for marker search.
CLAUSE_WINDOW = 6


def _clause(sentence: Sentence, trigger: Trigger) -> range:
    toks = sentence.tokens
    lo, hi = max(0, trigger.first - CLAUSE_WINDOW), min(len(toks), trigger.last + CLAUSE_WINDOW + 1)
    # stop at clause boundaries: a semicolon, or a comma followed by a conjunction/relative word
    for j in range(trigger.first - 1, lo - 1, -1):
        if toks[j].text in (";", ":") or (toks[j].text == "," and j + 1 < len(toks)
                                           and toks[j + 1].lemma in ("который", "но", "однако", "а")):
            lo = j + 1
            break
    for j in range(trigger.last + 1, hi):
        if toks[j].text in (";", ":"):
            hi = j
            break
    return range(lo, hi)


def modality(sentence: Sentence, trigger: Trigger) -> str:
    """The modality of the event whose trigger is ``trigger``."""
    toks = sentence.tokens
    clause = _clause(sentence, trigger)
    lemmas = {toks[j].lemma for j in clause}
    before = [toks[j] for j in clause if j < trigger.head]
    if lemmas & NEGATING or (before and before[-1].lemma in ("не", "ни")) or {"не", "нет"} & {
        toks[j].lemma for j in clause if j < trigger.first and j >= trigger.first - 3
    }:
        return "negated"
    if lemmas & HYPOTHETICAL:
        return "hypothetical"
    head = toks[trigger.head]
    # the trigger's own words are not markers ("договорились" is the agreement itself), nor is the
    # name of a memorandum of intent ("соглашение о намерениях")
    markers = {toks[j].lemma for j in clause if not trigger.first <= j <= trigger.last
               and not _names_a_document(toks, j)}
    verbs = [toks[j] for j in clause if toks[j].pos in ("VERB", "AUX")]
    future = any(v.feats.get("Tense") == "Fut" for v in verbs) or head.feats.get("Tense") == "Fut"
    future = future or any(toks[j].text.lower() in FUTURE_AUX for j in clause)
    if markers & PLANNED or future:
        return "planned"
    return "asserted"


def _names_a_document(toks: Sequence[Token], j: int) -> bool:
    """"о намерениях" after an agreement noun: "протокол о намерениях"."""
    return (toks[j].lemma == "намерение" and j >= 2 and toks[j - 1].lemma in ("о", "об")
            and toks[j - 2].lemma in AGREEMENT_NOUNS)
