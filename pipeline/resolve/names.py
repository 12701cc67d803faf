"""Name keys: the comparable forms of entity names.

A key folds what does not distinguish entities: case, ё/е, quotes, legal forms ("ПАО «Газпром»"
and "Газпром"), spacing and punctuation. Keys, never display names, decide identity.
:func:`core_key` also folds the organisational form written before a quoted name ("концерн
«Антонов»", "Духовный центр «Возрождение»" -> the quoted name); :func:`display_name` is the name
shown to users (legal forms and outer quotes dropped); :func:`same_surname` compares surnames
across case forms that the nominative guess missed ("Обамы", "Обамой").
"""

from __future__ import annotations

import re

# Russian legal-form abbreviations and words that precede a company's proper name.
LEGAL_FORMS = frozenset(
    """пао оао зао ооо ао нко ано фгуп гуп муп ип нао ук гк ск нак пат прат тоо чао
    llc inc ltd corp plc gmbh ag sa co""".split()
)
QUOTES = "«»„“”\"'‘’`"
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s\-]")


def name_key(name: str) -> str:
    """The comparable form of a name: lower case, ё->е, no quotes/punctuation/legal forms."""
    s = name.lower().replace("ё", "е")
    s = _PUNCT.sub(" ", s)
    words = [w.strip("-") for w in _WS.split(s) if w.strip("-")]
    while len(words) > 1 and words[0] in LEGAL_FORMS:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)


# Which quote closes which: „ is closed by “ or ”; “ closes an open „, else opens a pair of its own.
_CLOSERS = {"«": "»", "„": "“”", "“": "”", '"': '"', "'": "'"}


def _unmatched_quotes(s: str) -> set[int]:
    """Positions of quote characters that have no partner in ``s``."""
    stack: list[tuple[str, int]] = []
    unmatched: set[int] = set()
    for i, ch in enumerate(s):
        if ch not in QUOTES:
            continue
        if stack and ch in _CLOSERS.get(stack[-1][0], ""):
            stack.pop()
        elif ch in _CLOSERS:
            stack.append((ch, i))
        else:
            unmatched.add(i)
    return unmatched | {i for _, i in stack}


def strip_quotes(name: str) -> str:
    """``name`` without quotes around the whole of it or without a partner; balanced inner quotes
    stay ("«Газпром»" -> "Газпром", "ПАО «Газпром»" stays, "ООО «Ромашка" -> "ООО Ромашка")."""
    s = name.strip()
    while len(s) > 1 and s[0] in _CLOSERS and s[-1] in _CLOSERS[s[0]] and not _unmatched_quotes(s[1:-1]):
        s = s[1:-1].strip()
    drop = _unmatched_quotes(s)
    s = "".join(ch for i, ch in enumerate(s) if i not in drop)
    return _WS.sub(" ", s).strip()


STOP_WORDS = frozenset("и в во на по с со для о об от к при за из под над".split())


def acronym(name: str) -> str:
    """The acronym made of a name's words: "Агентство стратегических инициатив" -> "аси"."""
    # hyphenated words count each part: "Военно-воздушные силы" -> "ввс"
    words = [w for w in re.findall(r"\w+", name.lower()) if w not in STOP_WORDS]
    return "".join(w[0] for w in words)


def is_abbreviation(name: str) -> bool:
    """Whether ``name`` looks like an abbreviation: one short word, mostly upper case."""
    s = strip_quotes(name)
    if " " in s or not 2 <= len(s) <= 10:
        return False
    upper = sum(c.isupper() for c in s)
    return upper >= 2 and upper >= len([c for c in s if c.isalpha()]) - 2


# Nouns naming a kind of organisation, written before its (quoted) proper name: "концерн
# «Антонов»", "госкорпорация «Росатом»", "китайский саунд-поставщик IMCO". Lemmas; a hyphenated
# noun counts by its last part ("саунд-поставщик" -> "поставщик").
ORG_NOUNS = frozenset(
    """
    компания госкомпания корпорация госкорпорация концерн холдинг группа фирма предприятие госпредприятие
    завод комбинат фабрика верфь банк госбанк фонд агентство госагентство оператор поставщик производитель
    разработчик перевозчик авиаперевозчик авиакомпания дистрибьютор ритейлер сеть автопроизводитель
    автоконцерн нефтекомпания газокомпания монополия госмонополия энергокомпания гигант конгломерат
    стартап объединение ассоциация союз организация институт университет вуз центр академия
    телеканал издание газета агентство студия клуб партия движение министерство ведомство служба
    управление департамент комитет инспекция регулятор площадка платформа биржа порт аэропорт
    парк технопарк кластер
    """.split()
)

# Organisation nouns that are part of the name before a quoted word: "Банк «Россия»" is not "Россия".
NAMING_NOUNS = frozenset({"банк", "госбанк"})

# Words before a quoted name that only say what kind of company it is, dropped from display names
# ("Концерн «Антонов»" -> "Антонов"); words that are part of a name ("Банк «Россия»", "Духовный
# центр «Возрождение»") are not among them.
GENERIC_FORMS = frozenset(
    """
    компания госкомпания концерн корпорация госкорпорация холдинг фирма предприятие госпредприятие
    государственное государственная государственный акционерное акционерная общество гп нак пао оао
    """.split()
)

# Surname endings of Russian case forms, longest first: "Обамой" and "Обамы" share "обам".
_SURNAME_ENDINGS = ("ыми", "ими", "ому", "ему", "ого", "его", "ой", "ей", "ым", "им", "ом", "ем",
                    "ую", "ая", "а", "я", "у", "ю", "е", "ы", "и", "о")
SURNAME_STEM_MIN = 3


def core_key(name: str) -> str:
    """The key of an organisation's proper name: the quoted part when the words before it only
    say what kind of organisation it is ("Государственное предприятие «Антонов»" -> "антонов",
    "НАК «Нафтогаз Украины»" -> "нафтогаз украины"), otherwise :func:`name_key`."""
    s = name.strip()
    for open_, close in (("«", "»"), ('"', '"'), ("„", "“"), ("“", "”")):
        start = s.find(open_)
        if start <= 0:
            continue
        stop = s.find(close, start + 1)
        quoted = s[start + 1 : stop if stop > 0 else len(s)]
        prefix = name_key(s[:start]).split()
        rest = s[stop + 1 :].strip(QUOTES + " ") if stop > 0 else ""
        if quoted.strip() and not name_key(rest) and prefix and (
            prefix[-1].split("-")[-1] in ORG_NOUNS - NAMING_NOUNS or all(w in LEGAL_FORMS for w in prefix)
        ):
            return name_key(quoted)
    return name_key(s)


def _unwrap(s: str) -> str:
    """``s`` without quotes around all of it ("«Газпром»" -> "Газпром")."""
    while len(s) > 1 and s[0] in "«\"" and s[-1] == {"«": "»"}.get(s[0], s[0]):
        inner = s[1:-1]
        if inner.count("«") != inner.count("»") or inner.count('"') % 2:
            break
        s = inner.strip()
    return s


def display_name(name: str, forms: bool = True) -> str:
    """The name as shown: legal forms before the name and quotes around it dropped, inner quotes
    kept when balanced ("ПАО «Газпром»" -> "Газпром", "НАК «Нафтогаз Украины" -> "Нафтогаз
    Украины", "Духовный центр «Возрождение»" stays); with ``forms`` false only the quotes are
    put right ("ПАО «Газпром»" stays)."""
    s = _WS.sub(" ", name).strip(" ,.;:")
    for mark in "„“”":
        s = s.replace(mark, '"')
    if s.count("«") != s.count("»"):
        s = s.replace("«", "").replace("»", "")
    if s.count('"') % 2:
        s = s.replace('"', "")
    words = _unwrap(s.strip()).split()
    if not forms:  # only the quotes: the name as written
        return " ".join(words)
    while len(words) > 1 and name_key(words[0]) in LEGAL_FORMS:
        words = words[1:]
    quoted = [i for i, w in enumerate(words) if w.startswith(("«", '"'))]
    if quoted and quoted[0] > 0 and all(name_key(w) in GENERIC_FORMS for w in words[: quoted[0]]):
        words = words[quoted[0] :]  # "Концерн «Антонов»" -> "Антонов"
    return _unwrap(" ".join(words))


def surname_stem(word: str) -> str:
    """``word`` (a key) without a case ending, when enough of it is left: "обамой" -> "обам"."""
    for ending in _SURNAME_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SURNAME_STEM_MIN:
            return word[: -len(ending)]
    return word


def same_surname(a: str, b: str) -> bool:
    """Whether two surname keys are case forms of one surname ("нейбор"/"нейбора", "обамы"/"обамой");
    hyphenated surnames compare whole ("черкес-заде")."""
    if a == b:
        return True
    if "-" in a or "-" in b or not a or not b or a[0] != b[0]:
        return False
    return surname_stem(a) == surname_stem(b)


def first_names_agree(a: str, b: str) -> bool:
    """Whether two first-name keys can name one person: equal, case forms, or an initial ("в")."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return same_surname(a, b)


def abbreviation_keys(name: str) -> set[str]:
    """The abbreviations a full name can be written as: its acronym, and the acronym of all but the
    last one or two words followed by them ("Министерство иностранных дел России" -> "мидр",
    "мид россии")."""
    words = name_key(name).split()
    keys = {acronym(" ".join(words))}
    for k in (1, 2):
        if len(words) - k >= 2:
            keys.add(acronym(" ".join(words[:-k])) + " " + " ".join(words[-k:]))
    return {k for k in keys if k.strip()}
