"""Corrections of systematic Natasha NER errors on news, and the spans' nominative forms.

Each fix is a small rule measured on ../shared/gold/factru_dev (see scripts/score_ner.py):
- job titles read as people ("Вице-мэр", "Президент Путин" -> "Путин");
- a region adjective cut from its noun ("Калужская" of "Калужская и Свердловская области");
- "Full Name (ABBR)" organisation spans split into the name and the abbreviation;
- punctuation and quotes trimmed from span edges, spans without letters dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from pipeline.morph import Morphology
from pipeline.resolve.names import ORG_NOUNS
from pipeline.types import EntityMention, Sentence, Token

# Positions that Natasha tags as PER when they open a name or stand alone (lemmas).
JOB_TITLES = frozenset(
    """
    вице-мэр мэр вице-губернатор губернатор президент вице-президент премьер премьер-министр министр
    замминистра вице-премьер глава замглавы директор гендиректор генсек генеральный секретарь посол
    спикер председатель зампред сенатор депутат советник помощник пресс-секретарь канцлер король
    королева принц принцесса султан шейх эмир патриарх митрополит папа генерал полковник майор
    адмирал маршал лидер экс-президент экс-премьер экс-министр господин госпожа мистер миссис
    тренер капитан главком командующий атаман губернатор-элект президент-элект госсекретарь
    """.split()
)

# Nouns that complete a region adjective: "Калужская" + "область".
REGION_NOUNS = frozenset({"область", "край", "округ", "район", "республика", "автономия", "провинция", "штат"})

# "Борису Николаевичу Ельцину" is one name: a patronymic before the surname.
PATRONYMIC = re.compile(r"(ович|евич|ич|овн|евн|ичн)\w*$", re.IGNORECASE)
PUNCT_EDGES = " \t\"'«»„“”()[]{}.,;:!?—–-"
# «Name» of up to five words starting with a capital letter or digit, on one line.
QUOTED_NAME = re.compile(r"«(?P<name>[A-ZА-ЯЁ0-9][^«»\n]{0,60}?)»")
# What separates the places listed after an organisation's name: "России, Белоруссии и Казахстана".
LIST_GAPS = frozenset({", ", " и "})
# A Latin or digit prefix before a lowercase Russian noun is a kind of thing, not a name: "B2B-встреч",
# "IT-компаний", "VIP-гостей" (NER tags them as organisations).
PREFIXED_NOUN = re.compile(r"^[A-Za-z0-9]+-[а-яё]+$")
ABBR_IN_PARENS = re.compile(r"^(?P<full>.+?)\s*\((?P<abbr>[^()]{2,15})\)$")
FULL_IN_PARENS = re.compile(r"^(?P<abbr>[^\s()]{2,15})\s*\((?P<full>[^()]+)\)$")


def _tokens_in(sentence: Sentence, start: int, stop: int) -> list[Token]:
    return [t for t in sentence.tokens if t.start >= start and t.stop <= stop]


def _trim(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start] in PUNCT_EDGES:
        start += 1
    while stop > start and text[stop - 1] in PUNCT_EDGES:
        # keep a closing bracket or quote that has its opener inside the span
        ch = text[stop - 1]
        opener = {")": "(", "»": "«", "“": "„", "”": "“"}.get(ch)
        if opener and opener in text[start : stop - 1]:
            break
        stop -= 1
    return start, stop


def _bracket_parts(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The two names of "Full Name (ABBR)" or "ABBR (Full Name)" as (start, stop) spans, else []."""
    span = text[start:stop]
    m = ABBR_IN_PARENS.match(span) or FULL_IN_PARENS.match(span)
    if not m or not any(c.isupper() for c in m.group("abbr")) or len(m.group("full").split()) < 2:
        return []
    return [(start + m.start(g), start + m.end(g)) for g in ("full", "abbr")]


def _drop_job_title(tokens: list[Token]) -> list[Token]:
    i = 0
    while i < len(tokens) and tokens[i].lemma in JOB_TITLES:
        i += 1
    return tokens[i:]


def _region_completion(sentence: Sentence, tokens: list[Token]) -> str | None:
    """For a LOC span ending in an adjective, the region noun that follows it in the sentence."""
    last = tokens[-1]
    if last.pos != "ADJ":
        return None
    after = [t for t in sentence.tokens if t.start >= last.stop][:6]
    for t in after:
        if t.lemma in REGION_NOUNS:
            return t.lemma
        if t.pos not in ("ADJ", "CCONJ", "PUNCT") and t.text not in (",", "и"):
            return None
    return None


def _normal(morph: Morphology, text: str, tokens: list[Token], type_: str, noun: str | None) -> str:
    normal = morph.normal_phrase(tokens, text, head_only=type_ == "ORG")
    if noun:
        # Put the adjective in the noun's gender, singular: "Свердловская" + "область".
        noun_parses = [p for p in morph.parses(noun) if p.pos == "NOUN"]
        gender = noun_parses[0].feats.get("Gender") if noun_parses else None
        if gender and tokens[-1].pos == "ADJ":
            for p in morph.parses(tokens[-1].text.lower()):
                if p.pos == "ADJ":
                    form = p.inflect({"Nom", "Sing", gender})
                    if form:
                        adj = form.word
                        normal = normal[: len(normal) - len(tokens[-1].text)] + adj.capitalize()
                        break
        normal = f"{normal} {noun}"
    return normal


def _join_org_and_country(text: str, sentences: Sequence[Sentence],
                          out: list[EntityMention], morph: Morphology) -> list[EntityMention]:
    """"Министерство обороны" + "США" -> "Министерство обороны США" (the LOC stays as a nested mention).

    Natasha cuts a genitive place off the organisation it names; the organisation's name is the
    whole phrase (factRuEval annotates it so, with the place nested)."""
    result: list[EntityMention] = []
    for i, m in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (m.type == "ORG" and nxt is not None and nxt.type == "LOC" and nxt.sent_id == m.sent_id
                and text[m.stop : nxt.start] == " "):
            toks = _tokens_in(sentences[m.sent_id], nxt.start, nxt.stop)
            if toks and toks[0].feats.get("Case") == "Gen":
                stop = nxt.stop
                # and the places listed with it: "Таможенный союз России, Белоруссии и Казахстана"
                for more in out[i + 2 :]:
                    more_toks = _tokens_in(sentences[m.sent_id], more.start, more.stop)
                    if (more.type != "LOC" or more.sent_id != m.sent_id or text[stop : more.start] not in LIST_GAPS
                            or not more_toks or more_toks[0].feats.get("Case") != "Gen"):
                        break
                    stop = more.stop
                joined = _tokens_in(sentences[m.sent_id], m.start, stop)
                m = EntityMention(m.sent_id, m.start, stop, text[m.start : stop], "ORG",
                                  _normal(morph, text, joined, "ORG", None))
        result.append(m)
    return result


def _split_known_tail(text: str, sentences: Sequence[Sentence], out: list[EntityMention],
                      morph: Morphology) -> list[EntityMention]:
    """Split two names Natasha glued together when the article also names the tail alone.

    "IMX АСИ" -> "IMX" + "АСИ" (organisations in capitals side by side); "Валидом Муаллемом
    Лавров" -> "Валидом Муаллемом" + "Лавров" (a full name followed by another surname)."""
    alone = {(m.type, m.text) for m in out if " " not in m.text}
    result: list[EntityMention] = []
    for m in out:
        head, _, tail = m.text.rpartition(" ")
        glued_orgs = m.type == "ORG" and " " not in head and (head.isupper() or head.isascii())
        glued_people = m.type == "PER" and head.count(" ") == 1 and not PATRONYMIC.search(head)
        if head and (m.type, tail) in alone and (glued_orgs or glued_people):
            tail_start = m.stop - len(tail)
            for s, e in ((m.start, m.start + len(head)), (tail_start, m.stop)):
                toks = _tokens_in(sentences[m.sent_id], s, e)
                normal = _normal(morph, text, toks, m.type, None)
                result.append(EntityMention(m.sent_id, s, e, text[s:e], m.type, normal))
            continue
        result.append(m)
    return result


def _quoted_names(sentences: Sequence[Sentence], out: list[EntityMention]) -> list[EntityMention]:
    """A name in quotes after a word for an organisation, which NER missed: "ИТ-парк «Волга
    Диджитал»", "компания «Харбин Фуд Импорт»". Its nominative is the name as written (quoted
    names do not inflect)."""
    by_sentence: dict[int, list[EntityMention]] = defaultdict(list)
    for m in out:
        by_sentence[m.sent_id].append(m)
    added = []
    for sentence in sentences:
        for match in QUOTED_NAME.finditer(sentence.text):
            start, stop = sentence.start + match.start("name"), sentence.start + match.end("name")
            if any(m.start < stop and start < m.stop for m in by_sentence[sentence.sent_id]):
                continue
            opening = sentence.start + match.start()
            before = next((t for t in reversed(sentence.tokens) if t.stop <= opening), None)
            if before is None or before.lemma.split("-")[-1] not in ORG_NOUNS:
                continue
            name = match.group("name")
            added.append(EntityMention(sentence.sent_id, start, stop, name, "ORG", name))
    return sorted([*out, *added], key=lambda m: m.start) if added else out


def fix_entities(
    text: str,
    sentences: Sequence[Sentence],
    spans: Sequence[tuple[int, int, int, str]],
    morph: Morphology,
) -> list[EntityMention]:
    """Apply the fixes to raw NER ``spans`` (sent_id, start, stop, type) and normalise them."""
    out: list[EntityMention] = []
    for sent_id, start, stop, type_ in spans:
        sentence = sentences[sent_id]
        start, stop = _trim(text, start, stop)
        tokens = _tokens_in(sentence, start, stop)
        if type_ == "PER":
            tokens = _drop_job_title(tokens)
        if not tokens or not any(ch.isalpha() for t in tokens for ch in t.text):
            continue
        start, stop = tokens[0].start, tokens[-1].stop
        if type_ == "ORG" and PREFIXED_NOUN.match(text[start:stop]):
            continue
        if type_ == "ORG":
            parts = _bracket_parts(text, start, stop)
            if parts:
                for s, e in parts:
                    toks = _tokens_in(sentence, s, e)
                    if toks:
                        out.append(EntityMention(sent_id, s, e, text[s:e], type_,
                                                 _normal(morph, text, toks, type_, None)))
                continue
        noun = _region_completion(sentence, tokens) if type_ == "LOC" else None
        if (type_ == "LOC" and len(tokens) > 1 and tokens[-1].lemma in REGION_NOUNS
                and tokens[-1].feats.get("Number") == "Plur"):
            # "Свердловская области" (shared by coordinated adjectives): singular region noun.
            noun = tokens[-1].lemma
            tokens = tokens[:-1]
        # "Калужская область" written out: extend the span over the noun that directly follows.
        if noun and tokens[-1].stop == stop:
            nxt = [t for t in sentence.tokens if t.start >= stop][:1]
            if nxt and nxt[0].lemma == noun:
                tokens = [*tokens, nxt[0]]
                stop = nxt[0].stop
                noun = None
        out.append(EntityMention(sent_id, start, stop, text[start:stop], type_,
                                 _normal(morph, text, tokens, type_, noun)))
    out = _split_known_tail(text, sentences, out, morph)
    out = _join_org_and_country(text, sentences, out, morph)
    return _quoted_names(sentences, out)
