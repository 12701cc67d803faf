"""Percentages: "51%", "65 %", "15 процентов", "пять процентов", "0,5%", "5–7%", "от 5 до 7 процентов",
"более чем на 40 %", "полпроцента".

Percentage points ("на 2 процентных пункта", "п.п.") are not percentages and are not matched.
"""

from __future__ import annotations

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import or_, rule
from yargy.interpretation import fact
from yargy.predicates import eq

from pipeline.grammars.money import QUALIFIER
from pipeline.grammars.numbers import DASH, DOT, NUMBER, matcher

# "процент" in any case form, and the abbreviation "проц." ("%" is a token of its own).
PERCENT_WORD = r"процент(?:а|у|ом|е|ы|ов|ам|ами|ах)?"
HALF_PERCENT_WORD = r"полу?процент(?:а|у|ом|е)?"  # "полпроцента" = 0.5 %

Percent = fact("Percent", ["qualifier", "low", "high", "half"])

SIGN = or_(rule(eq("%")), rule(matcher(PERCENT_WORD)), rule(eq("проц"), DOT))
LOW = NUMBER.interpretation(Percent.low)
HIGH = NUMBER.interpretation(Percent.high)

VALUE = or_(
    rule(LOW, SIGN),  # 51%, пятнадцать процентов
    rule(LOW, SIGN.optional(), DASH, HIGH, SIGN),  # 5–7%, 5%–7%
    rule(eq("от"), LOW, SIGN.optional(), eq("до"), HIGH, SIGN),  # от 5 до 7 процентов
    rule(matcher(HALF_PERCENT_WORD).interpretation(Percent.half)),  # полпроцента
)

PERCENT = rule(
    # "более чем на 40 %", "почти на 10%": the qualifier may stand before "на".
    rule(QUALIFIER.interpretation(Percent.qualifier), eq("на").optional()).optional(),
    VALUE,
).interpretation(Percent)
