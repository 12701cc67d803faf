"""Name keys: the comparable forms of entity names.

A key folds what does not distinguish entities: case, ё/е, quotes, legal forms ("ПАО «Газпром»"
and "Газпром"), spacing and punctuation. Keys, never display names, decide identity.
"""

from __future__ import annotations

import re

# Russian legal-form abbreviations and words that precede a company's proper name.
LEGAL_FORMS = frozenset(
    "пао оао зао ооо ао нко ано фгуп гуп муп муп ип нао ук гк ск llc inc ltd corp plc gmbh ag sa co".split()
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


def strip_quotes(name: str) -> str:
    """``name`` without surrounding or unbalanced quote characters."""
    s = name.strip().strip(QUOTES).strip()
    for open_, close in (("«", "»"), ("„", "“"), ("“", "”")):
        if s.count(open_) != s.count(close):
            s = s.replace(open_, "").replace(close, "")
    return _WS.sub(" ", s)


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
