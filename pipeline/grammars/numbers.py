"""Numbers in figures and in words, multipliers, and the tokenizer all the grammars share.

Figures: "5", "1,5", "27.5", "1 500", "10 339 479 427,5", "1.500.000" (one ``NUM`` token each, see
:data:`NUMBER_PATTERN`; plain digit runs stay yargy ``INT`` tokens so that dates can test them).
Words: "пять", "двадцать три", "двухсот", "полтора", and the multipliers "тыс.", "млн", "млрд",
"трлн" with their full forms ("тысяч", "миллиона", ...), alone ("миллиард долларов") or halved
("полмиллиарда"). The grammar finds the span; :func:`amount_value` turns the interpreted
:data:`Amount` into a float.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import or_, rule
from yargy.interpretation import fact
from yargy.predicates import custom, eq, in_
from yargy.predicates import type as token_type
from yargy.tokenizer import Tokenizer, TokenRule

# ---------------------------------------------------------------------------------------------
# Tokens

# A number written with thousands groups or a decimal part is one token: yargy tokens do not keep
# whitespace, so "1 500" (1500) and "1, 500" (a list) would otherwise look the same. Not preceded by
# a digit (or digit + separator) and not followed by a separator + digit, so "29.12.2012" and
# "25.10.25" stay INT . INT . INT for the date grammar.
NUMBER_PATTERN = (
    r"(?<!\d)(?<!\d[.,])(?:"
    r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?"  # 1 500 / 10 339 479 427,5
    r"|\d{1,3}(?:\.\d{3}){2,}"  # 1.500.000 (two dotted groups at least: "1.500" is 1.5)
    r"|\d+[.,]\d+"  # 1,5 / 27.5
    r")(?![.,]?\d)"
)
NUM = "NUM"

DASHES = frozenset({"-", "–", "—", "‒", "−"})


@lru_cache(maxsize=1)
def get_tokenizer() -> Any:
    """The yargy tokenizer every grammar's parser uses, one per process.

    Without morphology: the grammars test word forms with regular expressions and lexicons of
    forms, so pymorphy's analysis of every token (a third of the parse time) is not needed.
    """
    return Tokenizer().add_rules(TokenRule(NUM, NUMBER_PATTERN))


def lower(word: str) -> str:
    """Lower case with ё folded to е, the key of every lexicon here."""
    return word.lower().replace("ё", "е")


def matcher(pattern: str) -> Any:
    """A yargy predicate: the token's lower-cased text fully matches ``pattern``."""
    compiled = re.compile(pattern)

    def match(value: str) -> bool:
        return compiled.fullmatch(lower(value)) is not None

    match.__name__ = f"matches_{pattern[:20]}"
    return custom(match)


# ---------------------------------------------------------------------------------------------
# Lexicons

# Cardinal numerals: every case form (ё written е) with its value (forms from pymorphy's lexemes).
NUMBER_WORD_FORMS: dict[str, float] = {
    "ноль нуль нуля нулю нулем": 0,
    "один одна одни одним одними одних одно одного одной одном одному одною одну": 1,
    "два две двум двумя двух": 2,
    "трем тремя трех три": 3,
    "четыре четырем четырех четырьмя": 4,
    "пяти пять пятью": 5,
    "шести шесть шестью": 6,
    "семи семь семью": 7,
    "восемь восемью восьми восьмью": 8,
    "девяти девять девятью": 9,
    "десяти десять десятью": 10,
    "одиннадцати одиннадцать одиннадцатью": 11,
    "двенадцати двенадцать двенадцатью": 12,
    "тринадцати тринадцать тринадцатью": 13,
    "четырнадцати четырнадцать четырнадцатью": 14,
    "пятнадцати пятнадцать пятнадцатью": 15,
    "шестнадцати шестнадцать шестнадцатью": 16,
    "семнадцати семнадцать семнадцатью": 17,
    "восемнадцати восемнадцать восемнадцатью": 18,
    "девятнадцати девятнадцать девятнадцатью": 19,
    "двадцати двадцать двадцатью": 20,
    "тридцати тридцать тридцатью": 30,
    "сорок сорока": 40,
    "пятидесяти пятьдесят пятьюдесятью": 50,
    "шестидесяти шестьдесят шестьюдесятью": 60,
    "семидесяти семьдесят семьюдесятью": 70,
    "восемьдесят восемьюдесятью восьмидесяти восьмьюдесятью": 80,
    "девяноста девяносто": 90,
    "ста сто": 100,
    "двести двумстам двумястами двухсот двухстах": 200,
    "тремстам тремястами трехсот трехстах триста": 300,
    "четыремстам четыреста четырехсот четырехстах четырьмястами": 400,
    "пятисот пятистам пятистах пятьсот пятьюстами": 500,
    "шестисот шестистам шестистах шестьсот шестьюстами": 600,
    "семисот семистам семистах семьсот семьюстами": 700,
    "восемьсот восемьюстами восьмисот восьмистам восьмистах": 800,
    "девятисот девятистам девятистах девятьсот девятьюстами": 900,
    "полтора полторы полутора": 1.5,
}  # fmt: skip

# Multipliers: abbreviations (optionally with a dot) and the word forms, by value.
MULTIPLIER_ABBREVIATIONS: dict[str, float] = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
MULTIPLIER_STEMS: dict[str, float] = {"тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}
# Word forms: "тысяч" + these endings, "миллион" + these endings.
THOUSAND_ENDINGS = r"(?:а|и|е|у|ей|ею|ам|ами|ах)?"
MILLION_ENDINGS = r"(?:а|у|ом|е|ы|ов|ам|ами|ах)?"
MULTIPLIER_WORD = rf"тысяч{THOUSAND_ENDINGS}|(?:милли(?:он|ард)|триллион){MILLION_ENDINGS}"
# Singular forms that stand alone for "one ..." ("миллион долларов", "за миллиард"); plural forms
# ("миллионы", "сотни тысяч") are vague quantities, not amounts.
SINGLE_MULTIPLIER_WORD = r"тысяч(?:а|у|ей|е)|(?:милли(?:он|ард)|триллион)(?:а|у|ом|е)?"
# Halves: "полмиллиона", "полумиллиарда", "полтысячи".
HALF_MULTIPLIER_WORD = r"полу?(?:тысяч[аиу]?|милли(?:он|ард)[аеу]?|триллион[аеу]?)"


@lru_cache(maxsize=1)
def number_word_forms() -> dict[str, float]:
    """Form -> value for every case form of the cardinal numerals ("пяти" -> 5, "полутора" -> 1.5)."""
    return {form: value for forms, value in NUMBER_WORD_FORMS.items() for form in forms.split()}


def is_number_word(word: str) -> bool:
    """``word`` is a form of a cardinal numeral ("пяти", "двухсот", "полтора")."""
    return lower(word) in number_word_forms()


# ---------------------------------------------------------------------------------------------
# Values


def figures_value(text: str) -> float:
    """The value of a number written in figures: "1 500" -> 1500, "1,5" -> 1.5, "1.500.000" -> 1.5e6."""
    text = re.sub(r"[\s\u00a0\u202f\u2009]", "", text)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def words_value(text: str) -> float | None:
    """The value of a numeral in words ("двести двадцать пять" -> 225), None if ill-formed ("пять два")."""
    forms = number_word_forms()
    values = [forms.get(lower(w)) for w in text.split()]
    if not values or any(v is None for v in values):
        return None
    total = 0.0
    limit = 1000.0  # each next word must be below the place the previous one filled
    for value in values:
        assert value is not None
        if value >= limit or (value == 1.5 and len(values) > 1):
            return None
        total += value
        limit = 100.0 if value >= 100 else 10.0 if value >= 20 and value % 10 == 0 else 0.0
    return total


def multiplier_value(text: str) -> float:
    """The value of a multiplier: "млн." -> 1e6, "тысяч" -> 1e3, "полмиллиарда" -> 5e8."""
    word = lower(text).strip(" .")
    if word in MULTIPLIER_ABBREVIATIONS:
        return MULTIPLIER_ABBREVIATIONS[word]
    half = word.startswith("пол")
    if half:
        word = word[3:].removeprefix("у")
    for stem, value in MULTIPLIER_STEMS.items():
        if word.startswith(stem):
            return value / 2 if half else value
    raise ValueError(f"not a multiplier: {text!r}")


# ---------------------------------------------------------------------------------------------
# Rules

Amount = fact("Amount", ["number", "words", "multiplier"])

DOT = eq(".")
DASH = in_(DASHES)
FIGURES = or_(token_type(NUM), token_type("INT"))
NUMBER_WORD = custom(is_number_word, types="RU")
NUMBER_IN_WORDS = rule(NUMBER_WORD.repeatable(max=4))

MULTIPLIER = or_(
    rule(matcher("|".join(MULTIPLIER_ABBREVIATIONS)), DOT.optional()),  # "млн", "тыс."
    rule(matcher(MULTIPLIER_WORD)),  # "миллиона", "тысяч"
)

# A number without multiplier: "1,5", "пяти".
NUMBER = or_(
    rule(FIGURES.interpretation(Amount.number)),
    NUMBER_IN_WORDS.interpretation(Amount.words),
).interpretation(Amount)

# An amount: a number with an optional multiplier, a lone singular multiplier ("миллион") or a
# halved one ("полмиллиарда").
AMOUNT = or_(
    rule(FIGURES.interpretation(Amount.number), MULTIPLIER.interpretation(Amount.multiplier).optional()),
    rule(NUMBER_IN_WORDS.interpretation(Amount.words), MULTIPLIER.interpretation(Amount.multiplier).optional()),
    rule(matcher(SINGLE_MULTIPLIER_WORD).interpretation(Amount.multiplier)),
    rule(matcher(HALF_MULTIPLIER_WORD).interpretation(Amount.multiplier)),
).interpretation(Amount)


def amount_value(amount: Any) -> float | None:
    """The value of an interpreted :data:`Amount` (None when its words are not a numeral)."""
    if amount is None:
        return None
    if amount.number is not None:
        value: float | None = figures_value(amount.number)
    elif amount.words is not None:
        value = words_value(amount.words)
    else:
        value = 1.0
    if value is None:
        return None
    if amount.multiplier is not None:
        value *= multiplier_value(amount.multiplier)
    return value


def has_multiplier(amount: Any) -> bool:
    """Whether the amount carries its own multiplier ("5 млн", "миллион"), not a bare number."""
    return amount is not None and amount.multiplier is not None
