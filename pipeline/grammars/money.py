"""Money: amounts with a currency, ranges and approximation words, as a yargy grammar plus data.

Forms covered (see tests/test_money.py): "5 млн долларов", "$5 млн", "€100 млн", "5 млн $",
"1,5 трлн руб.", "20 млн долл.", "100 млн гонконгских долларов", "3,04 млрд долларов США",
"пять миллионов рублей", "полмиллиарда долларов", "миллион долларов", "от 3 до 5 млрд рублей",
"2–3 млрд долларов", "$31—62", "от $20 до $100 тысяч", "около $48-52 млрд", "не менее 10 тыс. руб.".

The grammar keeps the currency as written (:data:`Money` ``.currency``/``.symbol``);
:func:`resolve_currency` turns it into an ISO 4217 code with the sentence as context, so
ambiguous names ("рупий", "риалов", "крон") can follow the country the sentence is about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import and_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import custom, eq, in_, is_lower

from pipeline.grammars.numbers import (
    AMOUNT,
    DASH,
    DOT,
    amount_value,
    has_multiplier,
    lower,
    matcher,
    multiplier_value,
)

# ---------------------------------------------------------------------------------------------
# Lexicon: currency names

# Endings of the declension classes the currency nouns follow.
MASC = r"(?:а|у|ом|е|ы|ов|ам|ами|ах)?"  # доллар, фунт, франк, риал ...
MASC_SOFT = r"(?:ь|я|ю|ем|е|и|ей|ям|ями|ях)"  # рубль, юань, шекель
FEM = r"(?:а|ы|е|у|ой|ою|ам|ами|ах)?"  # иена, гривна (bare stem = genitive plural "иен")
FEM_SOFT = r"(?:я|и|ю|ей|ям|ями|ях|й)"  # рупия
ADJ = r"(?:ий|ый|ого|ому|им|ым|ом|ие|ые|их|ых|ими|ыми|ая|ой|ую|ое)"  # гонконгских, шведской


@dataclass(frozen=True)
class CurrencyName:
    """A currency noun: its default ISO code and how an adjective, a following word or the
    sentence's countries change it. Keys of ``adjectives`` are adjective stems, keys of
    ``tails`` and ``context`` regular expressions (lower case) for the word after the noun and
    for any word of the sentence."""

    code: str
    forms: str
    adjectives: Mapping[str, str] = field(default_factory=dict)
    tails: Mapping[str, str] = field(default_factory=dict)
    context: Mapping[str, str] = field(default_factory=dict)
    scale: float = 1.0  # coins: 1 копейка = 0.01 RUB


CURRENCY_NAMES: tuple[CurrencyName, ...] = (
    CurrencyName(
        "RUB", r"рубл" + MASC_SOFT,
        adjectives={"российск": "RUB", "белорусск": "BYN"},
        tails={r"рф|россии": "RUB", r"белоруссии|беларуси": "BYN"},
    ),
    CurrencyName(
        "USD", r"доллар" + MASC,
        adjectives={
            "американск": "USD", "гонконгск": "HKD", "канадск": "CAD", "австралийск": "AUD",
            "сингапурск": "SGD", "новозеландск": "NZD", "тайваньск": "TWD", "зимбабвийск": "ZWL",
            "ямайск": "JMD", "багамск": "BSD", "брунейск": "BND", "намибийск": "NAD",
            "либерийск": "LRD", "фиджийск": "FJD", "восточнокарибск": "XCD",
        },
        tails={r"сша": "USD", r"гонконга": "HKD", r"канады": "CAD", r"австралии": "AUD",
               r"сингапура": "SGD", r"тайваня": "TWD"},
    ),
    CurrencyName("EUR", r"евро"),
    CurrencyName("CNY", r"юан" + MASC_SOFT + r"|жэньминьби", adjectives={"китайск": "CNY"}),
    CurrencyName(
        "GBP", r"фунт" + MASC,
        adjectives={"британск": "GBP", "английск": "GBP", "египетск": "EGP", "ливанск": "LBP",
                    "сирийск": "SYP", "суданск": "SDG"},
        tails={r"стерлинг" + MASC: "GBP"},
    ),
    CurrencyName("JPY", r"[ий]ен" + FEM, adjectives={"японск": "JPY"}),
    CurrencyName(
        "CHF", r"франк" + MASC,
        adjectives={"швейцарск": "CHF", "французск": "FRF", "бельгийск": "BEF", "конголезск": "CDF",
                    "гвинейск": "GNF", "руандийск": "RWF"},
    ),
    CurrencyName("UAH", r"гривн" + FEM + r"|гривен", adjectives={"украинск": "UAH"}),
    CurrencyName("KZT", r"тенге", adjectives={"казахстанск": "KZT"}),
    CurrencyName(
        "TRY", r"лир" + FEM,
        adjectives={"турецк": "TRY", "итальянск": "ITL"},
    ),
    CurrencyName(
        "INR", r"рупи" + FEM_SOFT,
        adjectives={"индийск": "INR", "пакистанск": "PKR", "индонезийск": "IDR", "непальск": "NPR",
                    "ланкийск": "LKR", "маврикийск": "MUR"},
        context={r"шри-ланк|коломбо": "LKR", r"пакистан|исламабад|карачи": "PKR",
                 r"индонези|джакарт": "IDR", r"непал|катманду": "NPR", r"маврики": "MUR"},
    ),
    CurrencyName("BRL", r"реал" + MASC, adjectives={"бразильск": "BRL"}),
    CurrencyName("THB", r"бат" + MASC, adjectives={"таиландск": "THB", "тайск": "THB"}),
    CurrencyName(
        "AED", r"дирхам" + MASC,
        adjectives={"эмиратск": "AED", "марокканск": "MAD"},
        context={r"марокк|рабат": "MAD"},
    ),
    CurrencyName(
        "KRW", r"вон" + FEM,
        adjectives={"южнокорейск": "KRW", "корейск": "KRW", "северокорейск": "KPW"},
        context={r"кндр|пхеньян": "KPW"},
    ),
    CurrencyName("PLN", r"злот(?:ый|ого|ому|ым|ом|ые|ых|ыми)", adjectives={"польск": "PLN"}),
    CurrencyName("ILS", r"шекел" + MASC_SOFT, adjectives={"израильск": "ILS"}),
    # "риал"/"риял": Saudi by default (the largest economy of the name); the country decides.
    CurrencyName(
        "SAR", r"ри[ая]л" + MASC,
        adjectives={"саудовск": "SAR", "катарск": "QAR", "иранск": "IRR", "оманск": "OMR",
                    "йеменск": "YER"},
        context={r"катар|доха|дохе": "QAR", r"иран|тегеран": "IRR", r"оман|маскат": "OMR",
                 r"йемен": "YER"},
    ),
    # "крона": Swedish by default; the adjective or the country decides.
    CurrencyName(
        "SEK", r"крон" + FEM,
        adjectives={"шведск": "SEK", "норвежск": "NOK", "датск": "DKK", "чешск": "CZK",
                    "исландск": "ISK", "эстонск": "EEK"},
        context={r"швеци|стокгольм": "SEK", r"норвеги|осло": "NOK", r"дани[ияюей]|копенгаген": "DKK",
                 r"чехи|праг[аеиу]": "CZK", r"исланди|рейкьявик": "ISK"},
    ),
    CurrencyName(
        "IQD", r"динар" + MASC,
        adjectives={"иракск": "IQD", "сербск": "RSD", "кувейтск": "KWD", "иорданск": "JOD",
                    "алжирск": "DZD", "тунисск": "TND", "бахрейнск": "BHD", "ливийск": "LYD"},
        context={r"ирак|багдад": "IQD", r"серби|белград": "RSD", r"кувейт": "KWD",
                 r"иордани|амман": "JOD", r"алжир": "DZD", r"тунис": "TND", r"бахрейн": "BHD",
                 r"ливи[яиюей]|триполи": "LYD"},
    ),
    CurrencyName(
        "MXN", r"песо",
        adjectives={"мексиканск": "MXN", "аргентинск": "ARS", "чилийск": "CLP", "колумбийск": "COP",
                    "филиппинск": "PHP", "кубинск": "CUP", "уругвайск": "UYU", "доминиканск": "DOP"},
        context={r"мексик|мехико": "MXN", r"аргентин|буэнос": "ARS", r"чили": "CLP",
                 r"колумби|богот": "COP", r"филиппин|манил": "PHP", r"куб[аеуы]\b": "CUP",
                 r"уругва": "UYU"},
    ),
    CurrencyName(
        "AZN", r"манат" + MASC,
        adjectives={"азербайджанск": "AZN", "туркменск": "TMT"},
        context={r"туркмен|ашхабад": "TMT"},
    ),
    CurrencyName(
        "MDL", r"ле(?:й|я|ю|ем|е|и|ев|ям|ями|ях)",
        adjectives={"молдавск": "MDL", "молдовск": "MDL", "румынск": "RON"},
        context={r"румыни|бухарест": "RON"},
    ),
    CurrencyName("KGS", r"сом" + MASC, adjectives={"киргизск": "KGS", "кыргызск": "KGS"}),
    CurrencyName("UZS", r"сум" + MASC, adjectives={"узбекск": "UZS", "узбекистанск": "UZS"}),
    CurrencyName("TJS", r"сомони", adjectives={"таджикск": "TJS"}),
    CurrencyName("AMD", r"драм" + MASC, adjectives={"армянск": "AMD"}),
    CurrencyName("GEL", r"лари", adjectives={"грузинск": "GEL"}),
    CurrencyName("BGN", r"лев(?:а|у|ом|е|ы|ов)?", adjectives={"болгарск": "BGN"}),
    CurrencyName("HUF", r"форинт" + MASC, adjectives={"венгерск": "HUF"}),
    CurrencyName("ZAR", r"ранд" + MASC, adjectives={"южноафриканск": "ZAR"}),
    CurrencyName("MYR", r"ринггит" + MASC, adjectives={"малайзийск": "MYR"}),
    CurrencyName("VND", r"донг" + MASC, adjectives={"вьетнамск": "VND"}),
    CurrencyName("MNT", r"тугрик" + MASC, adjectives={"монгольск": "MNT"}),
    CurrencyName("NGN", r"найр" + FEM, adjectives={"нигерийск": "NGN"}),
    CurrencyName("HRK", r"кун" + FEM, adjectives={"хорватск": "HRK"}),
    CurrencyName("AFN", r"афгани"),
    # Coins, valued in their currency.
    CurrencyName("RUB", r"копе(?:йк[аиуе]|йкой|ек|йкам|йками|йках)", scale=0.01),
    CurrencyName("USD", r"цент" + MASC, scale=0.01),
    CurrencyName("EUR", r"евроцент" + MASC, scale=0.01),
)  # fmt: skip

# Abbreviations: "руб.", "р.", "долл.", "дол.", "грн", "коп."; the ones marked True need the dot.
ABBREVIATIONS: dict[str, tuple[str, bool]] = {
    "руб": ("RUB", False),
    "р": ("RUB", True),
    "долл": ("USD", False),
    "дол": ("USD", True),
    "грн": ("UAH", False),
    "коп": ("RUB", True),
    "тнг": ("KZT", False),
}
ABBREVIATION_SCALE = {"коп": 0.01}

# Symbols before or after the amount. "¥" is the yen unless the sentence is about China.
SYMBOLS: dict[str, str] = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₸": "KZT", "₹": "INR",
    "₩": "KRW", "₺": "TRY", "₪": "ILS", "฿": "THB", "₣": "CHF", "₼": "AZN", "₾": "GEL", "₫": "VND",
}  # fmt: skip
SYMBOL_CONTEXT: dict[str, dict[str, str]] = {"¥": {r"кита|кнр|пекин|юан": "CNY"}}

# ISO codes written in Latin capitals ("5 млн USD", "EUR 100"), plus common aliases.
ISO_CODES: frozenset[str] = frozenset(
    """RUB USD EUR CNY GBP JPY CHF UAH KZT BYN TRY INR BRL THB AED KRW HKD CAD AUD SGD NZD SEK NOK
    DKK CZK PLN HUF ILS SAR QAR IRR KWD IQD MXN ARS ZAR MYR VND IDR PKR AZN AMD GEL MDL KGS UZS TJS
    TMT BGN RON RSD EGP NGN""".split()
)
CODE_ALIASES: dict[str, str] = {"RMB": "CNY", "BYR": "BYN"}

# Approximation words before the amount ("не" and "чем" are allowed around them: "не менее чем").
# "выше"/"ниже" are left out: mostly comparisons ("на 5% ниже"), and money_dev reads "ниже 7,6 млн
# иен" as exact.
APPROXIMATION_WORDS = (
    r"около|более|свыше|порядка|почти|до|менее|больше|меньше|примерно|приблизительно|"
    r"ориентировочно|максимум|минимум|от|ок|св"
)
# Words that may precede an approximation word: "не менее", "чуть больше", "немногим более".
APPROXIMATION_INTENSIFIERS = r"не|чуть|немногим|значительно|намного|гораздо|существенно"

# "до" after a verb or noun of change is the new level, not a bound ("увеличить до 40 млрд",
# "выросла до 1,6 млрд"), and so is "до" after "с <amount>" ("с 374 млн до 1,6 млрд").
CHANGE_BEFORE_DO = re.compile(
    r"(?:увелич|вырос|вырас|возрос|возраст|сократ|сокращ|сниз|сниж|повыс|повыш|довест|довел|довед|"
    r"довод|дорос|подн[яи]|подним|упа[лд]|опуст|уменьш|нараст|нарост|расшир|рост|подорож|подешев|"
    r"поднима|опуска)\w*|\bс\s+[$€£]?\d",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")

# ---------------------------------------------------------------------------------------------
# Rules


def _adjective_pattern() -> str:
    stems = sorted({stem for name in CURRENCY_NAMES for stem in name.adjectives}, key=len, reverse=True)
    return "(?:" + "|".join(stems) + ")" + ADJ


def _tail_pattern() -> str:
    return "|".join(sorted({tail for name in CURRENCY_NAMES for tail in name.tails}))


NOUN_PATTERN = "|".join(f"(?:{name.forms})" for name in CURRENCY_NAMES)

Money = fact(
    "Money",
    ["qualifier", "low", "high", "currency", "symbol", "symbol_high"],
)

# Currency nouns are written in lower case: "Реал" (the club) and "Лев" (the name) are not money.
CURRENCY_NOUN = and_(matcher(NOUN_PATTERN), is_lower())
CURRENCY_ADJECTIVE = matcher(_adjective_pattern())
CURRENCY_TAIL = matcher(_tail_pattern())

ABBREVIATION = or_(
    rule(matcher("|".join(k for k, (_, dot) in ABBREVIATIONS.items() if not dot)), DOT.optional()),
    rule(matcher("|".join(k for k, (_, dot) in ABBREVIATIONS.items() if dot)), DOT),
    rule(eq("бел"), DOT, eq("руб"), DOT.optional()),  # "бел. руб." = BYN
)

SYMBOL = in_(set(SYMBOLS))
CODE = custom(lambda value: value in ISO_CODES or value in CODE_ALIASES, types="LATIN")

# A currency written after the amount.
CURRENCY = or_(
    rule(CURRENCY_ADJECTIVE.optional(), CURRENCY_NOUN, CURRENCY_TAIL.optional()),
    rule(ABBREVIATION, CURRENCY_TAIL.optional()),  # "долл. США"
    rule(SYMBOL),
    rule(CODE),
)
# A currency written before the amount: "$5 млн", "USD 5 млн", "US$ 5".
PREFIX = or_(rule(eq("US").optional(), SYMBOL), rule(CODE))

QUALIFIER = or_(
    rule(
        matcher(APPROXIMATION_INTENSIFIERS).optional(),
        matcher(APPROXIMATION_WORDS),
        DOT.optional(),
        eq("чем").optional(),
    ),
    rule(eq("как"), matcher("минимум|максимум")),
    rule(eq("в"), eq("районе")),
)

LOW = AMOUNT.interpretation(Money.low)
HIGH = AMOUNT.interpretation(Money.high)
POST = CURRENCY.interpretation(Money.currency)
PRE = PREFIX.interpretation(Money.symbol)
PRE_HIGH = PREFIX.interpretation(Money.symbol_high)
FROM = eq("от")
TO = or_(eq("до"), DASH)

SINGLE = or_(
    rule(LOW, POST),  # 5 млн долларов
    rule(PRE, LOW),  # $5 млн
)
RANGE = or_(
    rule(FROM, LOW, TO, HIGH, POST),  # от 3 до 5 млрд рублей
    rule(FROM, PRE, LOW, TO, PRE_HIGH.optional(), HIGH),  # от $20 до $100 тысяч
    rule(LOW, DASH, HIGH, POST),  # 2–3 млрд долларов
    rule(PRE, LOW, DASH, PRE_HIGH.optional(), HIGH),  # $31—62, €11—12 млрд
    rule(FROM, LOW, CURRENCY, eq("до"), HIGH, POST),  # от 5 долларов до 10 долларов
)

MONEY = rule(
    QUALIFIER.interpretation(Money.qualifier).optional(),
    or_(SINGLE, RANGE),
).interpretation(Money)


# ---------------------------------------------------------------------------------------------
# Interpretation helpers


def _find_name(word: str) -> CurrencyName | None:
    for name in CURRENCY_NAMES:
        if re.fullmatch(name.forms, word):
            return name
    return None


def resolve_currency(written: str, sentence: str) -> tuple[str, float] | None:
    """The ISO code and scale (1, or 0.01 for coins) of a currency as written.

    ``written`` is the grammar's currency as yargy joins its tokens ("гонконгских долларов",
    "долл. США", "$", "USD"); ``sentence`` is searched for the country of an ambiguous name.
    """
    pieces = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?|[^\w\s]", written)
    words = [lower(w) for w in pieces if w not in (".", "US")]
    written = " ".join(w for w in pieces if w not in (".", "US"))
    text = lower(sentence)
    if not words:
        return None
    first = words[0]
    if first in SYMBOLS:
        for pattern, code in SYMBOL_CONTEXT.get(first, {}).items():
            if re.search(r"\b(?:" + pattern + ")", text):
                return code, 1.0
        return SYMBOLS[first], 1.0
    if written.strip() in ISO_CODES:
        return written.strip(), 1.0
    if written.strip() in CODE_ALIASES:
        return CODE_ALIASES[written.strip()], 1.0
    if first == "бел":
        return "BYN", 1.0
    if first in ABBREVIATIONS:
        code = ABBREVIATIONS[first][0]
        if len(words) > 1:
            name = _find_name("доллар" if code == "USD" else "рубль" if code == "RUB" else "")
            if name:
                code = _by_tail(name, words[1]) or code
        return code, ABBREVIATION_SCALE.get(first, 1.0)
    adjective = None
    if _find_name(first) is None and len(words) > 1:
        adjective, words = first, words[1:]
    name = _find_name(words[0])
    if name is None:
        return None
    if adjective:
        for stem, code in name.adjectives.items():
            if adjective.startswith(stem):
                return code, name.scale
    if len(words) > 1 and (tail_code := _by_tail(name, words[1])):
        return tail_code, name.scale
    for pattern, code in name.context.items():
        if re.search(r"\b(?:" + pattern + ")", text):
            return code, name.scale
    return name.code, name.scale


def _by_tail(name: CurrencyName, tail: str) -> str | None:
    for pattern, code in name.tails.items():
        if re.fullmatch(pattern, tail):
            return code
    return None


def is_approximate(qualifier: str | None, text_before: str) -> bool:
    """Whether an approximation word makes the amount approximate.

    "до" is a bound ("получала до 750 тысяч") unless a change verb or "с <amount>" precedes it in
    the same clause ("увеличить ... до 40 млрд").
    """
    if not qualifier:
        return False
    words = [lower(w) for w in qualifier.split() if w not in (".", "чем")]
    if not words:
        return False
    if words[-1] == "до":
        clause = CLAUSE_BREAK.split(text_before)[-1]
        return CHANGE_BEFORE_DO.search(clause) is None
    return True


def range_ends(money: Any) -> tuple[float | None, float | None]:
    """Low and high ends of a (possibly one-ended) amount, the high end's multiplier distributed
    to a bare low end when that keeps the range increasing ("от 3 до 5 млрд" -> 3e9, 5e9; "от 500
    до 1 млн" stays 500 .. 1e6)."""
    low = amount_value(money.low)
    high = amount_value(money.high) if money.high is not None else None
    if low is None or money.high is None:
        return low, None
    if high is None:
        return None, None
    if not has_multiplier(money.low) and has_multiplier(money.high):
        multiplier = multiplier_value(money.high.multiplier)
        if low * multiplier <= high:
            low *= multiplier
    return low, high
