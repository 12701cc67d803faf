"""Cheap per-sentence tests: can this sentence hold money, a date or a percentage?

The yargy grammars cost more than NER when run on every sentence (measured on news: dates 29 %
and money 25 % of a naive Natasha run), while most sentences hold none of them. These regular
expressions, built from the grammars' own lexicons, let through every sentence a grammar could
match (a currency word or sign; a percent sign or word; a digit, a month, a weekday or a relative
date word) and skip the rest.

Two more savings live here because all three extractors share them: :class:`AnchoredParser`
starts matches only near anchor tokens (and prunes predictions by their first token), and
:func:`glued_sentences` rejoins a sentence that razdel ended after an abbreviation ("25 окт." /
"2025", "30 трлн долл." / "США") so the grammar sees the whole expression.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from pipeline import natasha_compat  # noqa: F401  (must precede yargy)

# isort: split
from yargy import Parser
from yargy.parser import Chart, Column, State, prepare_resolved_matches, prepare_trees
from yargy.rule.bnf import BNFRule, is_rule
from yargy.token import Token as PlainToken
from yargy.tree import Leaf, Node

from pipeline.grammars.dates import TRIGGER_PATTERN
from pipeline.grammars.money import ABBREVIATIONS, CODE_ALIASES, ISO_CODES, NOUN_PATTERN, SYMBOLS
from pipeline.grammars.numbers import (
    HALF_MULTIPLIER_WORD,
    MULTIPLIER_WORD,
    SINGLE_MULTIPLIER_WORD,
    number_word_forms,
)
from pipeline.types import AnnotatedDoc, DateMention, MoneyMention, PercentMention, Sentence

MONEY_WORDS = re.compile(
    r"(?<!\w)(?:" + NOUN_PATTERN + "|" + "|".join(ABBREVIATIONS) + r")(?!\w)", re.IGNORECASE
)
MONEY_SIGNS = re.compile(
    "[" + re.escape("".join(SYMBOLS)) + r"]|\b(?:" + "|".join(sorted(ISO_CODES | set(CODE_ALIASES))) + r")\b"
)
PERCENT_SIGNS = re.compile(r"%|процент|проц\.", re.IGNORECASE)
DATE_TRIGGERS = re.compile(r"\d|" + TRIGGER_PATTERN, re.IGNORECASE)


def may_hold_money(text: str) -> bool:
    """A currency word, abbreviation, sign or ISO code occurs in ``text``."""
    return MONEY_SIGNS.search(text) is not None or MONEY_WORDS.search(text) is not None


def may_hold_percent(text: str) -> bool:
    """A percent sign or word occurs in ``text``."""
    return PERCENT_SIGNS.search(text) is not None


def may_hold_date(text: str) -> bool:
    """A digit, a month or weekday name, or a relative date word occurs in ``text``."""
    return DATE_TRIGGERS.search(text) is not None


# Entries of AnchoredParser's memo (rule, token type, token text) -> the rule's productions that can
# start with that token: the tokens near anchors repeat ("в", "году", "2019"), so most predictions
# skip the FIRST tests (the 1 709 gold date sentences, memo empty at the start: 2.22 -> 1.82 s).
# Emptied when full; 50 000 entries of short lists are a few MB.
VIABLE_MEMO = 50_000

# Money and percentages start at most this many tokens before their first number or sign:
# "немногим более чем на 40 %", "не менее чем $5".
ANCHOR_REACH = 4
AMOUNT_ANCHOR_WORDS = re.compile(
    "(?:" + "|".join(sorted(number_word_forms(), key=len, reverse=True)) + "|" + MULTIPLIER_WORD + "|"
    + SINGLE_MULTIPLIER_WORD + "|" + HALF_MULTIPLIER_WORD + r"|полу?процент\w*)$",
    re.IGNORECASE,
)


def is_amount_anchor(token: Any) -> bool:
    """A number in figures or words, a multiplier, a currency sign or code, or "%"."""
    return (
        token.type in ("INT", "NUM")
        or token.value in SYMBOLS
        or token.value == "%"
        or token.value in ISO_CODES
        or AMOUNT_ANCHOR_WORDS.match(token.value) is not None
    )


class AnchoredParser(Parser):
    """A yargy parser that starts matches only near anchor tokens.

    yargy's Earley parser predicts the whole grammar at every token, which is most of its cost.
    When every match holds an anchor token (a date holds a number, a month, a weekday or a
    relative word) and starts at most ``reach`` tokens before it ("во второй половине 1950-х"
    starts three tokens before "1950"), predicting only at those positions gives the same matches.
    Prediction also skips the productions whose FIRST tokens cannot be the next token (yargy
    predicts them all). Measured on 30 NEREL dev documents, the date grammar took 16.2 s with
    yargy's parser, 6.0 s with anchors and 1.4 s with anchors and FIRST sets, identical output
    (0.9 s once the tokenizer dropped pymorphy); tests/test_prefilter.py checks the parity.
    """

    def __init__(self, rule: Any, tokenizer: Any, is_anchor: Callable[[Any], bool], reach: int) -> None:
        super().__init__(rule, tokenizer=tokenizer)
        self.is_anchor = is_anchor
        self.reach = reach
        first = _first_sets(self.rule)
        # per rule (by id): its productions as (rank, production, FIRST predicates or None when the
        # production can start with anything: nullable, or not reached from the start rule)
        self._predictions: dict[int, list[tuple[int, Any, tuple[Any, ...] | None]]] = {}
        for key, rule_ in _rules(self.rule).items():
            table = []
            for index, production in enumerate(rule_.productions):
                found = first.get(id(production))
                table.append((index, production, None if found is None or found[1] else found[0]))
            self._predictions[key] = table
        self._viable: dict[tuple[int, str, str], list[tuple[int, Any]]] = {}

    def chart(self, text: str, all: bool = True) -> Any:
        """The Earley chart of ``text``, with the start rule predicted only near anchors.

        The loop is yargy's (predict, scan, complete, column by column), written out with the
        state tests inlined (the 1 709 gold sentences that may hold a date: 2.3-2.7 s -> 2.0-2.1 s),
        the productions a rule predicts before a token memoised (``VIABLE_MEMO``; -> 1.8-2.2 s) and
        a rule predicted once per column, so that no state needs yargy's duplicate test (see
        ``_LeanColumn``; -> 1.7 s). Same matches as yargy's loop on all 4 540 gold sentences, for
        the date, money and percentage grammars."""
        tokens = list(self.tagger(self.tokenizer(text)))
        starts: set[int] = set()
        for index, token in enumerate(tokens):
            if self.is_anchor(token):
                starts.update(range(max(0, index - self.reach), index + 1))
        chart = Chart([])
        columns = [_LeanColumn(0, None)] + [_LeanColumn(i, t) for i, t in enumerate(tokens, 1)]
        chart.tokens, chart.columns = tokens, columns
        predictions = self._predictions
        size = len(columns)

        viable = self._viable

        def viable_productions(rule: Any, token: Any) -> list[tuple[int, Any]]:
            return [(rank, production) for rank, production, first in predictions[id(rule)]
                    if first is None or any(test(token) for test in first)]

        def predict(column: Any, rule: Any, token: Any) -> None:
            # a rule predicted again in a column would only add states the column already holds
            if id(rule) in column.predicted:
                return
            column.predicted.add(id(rule))
            table: list[tuple[int, Any]] | None
            if token is None:
                table = [(rank, production) for rank, production, _ in predictions[id(rule)]]
            elif type(token) is not PlainToken:  # predicates may read a morphology: no memo
                table = viable_productions(rule, token)
            else:  # predicates of a plain token read only its type and text
                key = (id(rule), token.type, token.value)
                table = viable.get(key)
                if table is None:
                    table = viable_productions(rule, token)
                    if len(viable) >= VIABLE_MEMO:
                        viable.clear()
                    viable[key] = table
            for rank, production in table:
                node = Node(rule, production, rank=rank, children=[])
                column.append(State(rule, production, 0, column, column, node))

        for index in range(size):
            column = columns[index]
            next_column = columns[index + 1] if index + 1 < size else None
            token = next_column.token if next_column is not None else None
            if index in starts:
                predict(column, self.rule, token)
            states = column.states
            i = 0
            while i < len(states):  # states are appended while the column is read
                state = states[i]
                i += 1
                terms = state.production.terms
                dot = state.dot_index
                if dot >= len(terms):  # completed: advance the states that waited for its rule
                    for parent in state.start_column.states_index[id(state.rule)]:
                        column.append(State(parent.rule, parent.production, parent.dot_index + 1,
                                            parent.start_column, column, parent.node.attached(state.node)))
                    continue
                term = terms[dot]
                if isinstance(term, BNFRule):
                    predict(column, term, token)
                elif next_column is not None and term(token):
                    leaf = Leaf(term, term.constrain(token))
                    next_column.append(State(state.rule, state.production, dot + 1, state.start_column,
                                             next_column, state.node.attached(leaf)))
        return chart

    def findall(self, text: str) -> Any:
        """yargy's ``findall`` (the longest non-overlapping matches, in order), with the chart
        taken apart once read: its states and columns point at each other, so without this every
        chart waits for the cyclic garbage collector (see ``release_chart``)."""
        chart = self.chart(text)
        trees = sorted(prepare_trees(chart.matches(self.rule)))
        release_chart(chart)
        return prepare_resolved_matches(trees)


class _LeanColumn(Column):
    """A chart column that keeps every state appended to it, without yargy's duplicate test.

    yargy hashes every state (rule, production, dot, start, the ids of its node's children) to
    drop duplicates, and only predicted states can be duplicates: a scanned state holds a new
    leaf, and a completed one a parent's node with the completed state's own (new) node, so each
    (parent, child) pair gives one state. :meth:`AnchoredParser.chart` predicts a rule at most
    once per column, so no state here is ever a duplicate."""

    def __init__(self, index: int, token: Any) -> None:
        super().__init__(index, token)
        self.predicted: set[int] = set()  # ids of the rules predicted here

    def append(self, state: Any) -> None:
        """Add ``state`` (never a duplicate, see the class) and index it by the rule it waits for."""
        self.states.append(state)
        terms = state.production.terms
        if state.dot_index < len(terms) and isinstance(terms[state.dot_index], BNFRule):
            self.states_index[id(terms[state.dot_index])].append(state)


def _rules(start: Any) -> dict[int, Any]:
    """Every rule reachable from ``start``, by id."""
    rules: dict[int, Any] = {}
    stack = [start]
    while stack:
        rule = stack.pop()
        if id(rule) in rules:
            continue
        rules[id(rule)] = rule
        stack.extend(t for p in rule.productions for t in p.terms if is_rule(t))
    return rules


def release_chart(chart: Chart) -> None:
    """Break the reference cycles of an Earley chart (column -> state -> column) so that it is
    freed at once by reference counting. The parsers allocate hundreds of states per sentence;
    left to the cyclic collector they made it run every few sentences. Measured on the 246 gold
    articles, one process: the dates extractor's collections 4 400 -> 2 550 per pass (GC time 0.9
    -> 0.3 s) with Python's default thresholds; the whole pipeline's GC time 1.1 -> 0.2 s with
    those of pipeline.chunks.GC_THRESHOLDS."""
    for column in chart.columns:
        column.states = []
        column.states_index.clear()
        column.hashes.clear()
        if isinstance(column, _LeanColumn):
            column.predicted.clear()


def _first_sets(start: Any) -> dict[int, tuple[tuple[Any, ...], bool]]:
    """FIRST predicates and nullability of every production reachable from ``start`` (by id),
    computed to a fixpoint so that left-recursive rules are right too."""
    rules = _rules(start)
    first: dict[int, dict[int, Any]] = {key: {} for key in rules}
    nullable: dict[int, bool] = dict.fromkeys(rules, False)

    def sequence(terms: list[Any]) -> tuple[dict[int, Any], bool]:
        found: dict[int, Any] = {}
        for term in terms:
            if not is_rule(term):
                found[id(term)] = term
                return found, False
            found.update(first[id(term)])
            if not nullable[id(term)]:
                return found, False
        return found, True

    changed = True
    while changed:
        changed = False
        for key, rule in rules.items():
            for production in rule.productions:
                found, empty = sequence(production.terms)
                if not found.keys() <= first[key].keys() or (empty and not nullable[key]):
                    first[key].update(found)
                    nullable[key] = nullable[key] or empty
                    changed = True
    result: dict[int, tuple[tuple[Any, ...], bool]] = {}
    for rule in rules.values():
        for production in rule.productions:
            found, empty = sequence(production.terms)
            result[id(production)] = (tuple(found.values()), empty)
    return result


# razdel ends a sentence after these abbreviations when a number or a capital follows ("25 окт.
# 2025", "30 трлн долл. США"): such a sentence is glued to the next one on the same line.
ABBREVIATION_END = re.compile(
    r"(?<!\w)(?:янв|фев|февр|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек|руб|долл|дол|грн|млн|млрд|"
    r"трлн|тыс|коп|р|г|гг|бел|проц)\.$",
    re.IGNORECASE,
)


def _ends_in_abbreviation(text: str) -> bool:
    # Only the end can match: the longest abbreviation and its dot are 5 characters, so the last 7
    # hold it and the character its lookbehind reads (searching whole sentences, three times per
    # document, cost 0.1 s per 246 gold articles).
    return text.endswith(".") and ABBREVIATION_END.search(text[-7:]) is not None


def glued_sentences(doc: AnnotatedDoc) -> Iterator[Sentence]:
    """The sentences of ``doc``, with one that ends in an abbreviation joined to the next one on the
    same line (the result keeps the first sentence's ``sent_id``)."""
    pending: Sentence | None = None
    for sentence in doc.sentences:
        if pending is not None:
            gap = doc.text[pending.stop : sentence.start]
            if gap.strip() or "\n" in gap:
                yield pending
            else:
                sentence = Sentence(
                    pending.sent_id,
                    pending.start,
                    sentence.stop,
                    doc.text[pending.start : sentence.stop],
                    pending.tokens + sentence.tokens,
                    pending.parsed and sentence.parsed,
                )
        pending = None
        if _ends_in_abbreviation(sentence.text):
            pending = sentence
        else:
            yield sentence
    if pending is not None:
        yield pending


_log = logging.getLogger(__name__)
M = TypeVar("M", MoneyMention, DateMention, PercentMention)


def in_own_sentences(doc: AnnotatedDoc, mentions: list[M]) -> list[M]:
    """``mentions`` with ``sent_id`` set to the sentence their start falls in (a glued sentence
    keeps the first one's id, but "…338 млн долл. На эти цели…" holds two sentences)."""
    starts = [s.start for s in doc.sentences]
    out = []
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        sent_id = doc.sentences[i].sent_id if i >= 0 else m.sent_id
        out.append(m if sent_id == m.sent_id else replace(m, sent_id=sent_id))
    return out


def extract_from_sentences(
    doc: AnnotatedDoc,
    test: Callable[[str], bool],
    extract: Callable[[Sentence], Iterable[M]],
    label: str,
) -> list[M]:
    """``extract`` over the sentences of ``doc`` that pass ``test``, in document order, each
    mention in its own sentence; a sentence that fails is logged and skipped, never raised."""
    found: list[M] = []
    for sentence in candidate_sentences(doc, test):
        try:
            found.extend(extract(sentence))
        except Exception:
            _log.warning("%s: sentence %s of %s failed", label, sentence.sent_id, doc.doc_id, exc_info=True)
    return in_own_sentences(doc, found)


def candidate_sentences(doc: AnnotatedDoc, test: Callable[[str], bool]) -> Iterator[Sentence]:
    """The sentences of ``doc`` (glued after abbreviations, see :func:`glued_sentences`) that pass
    ``test``."""
    for sentence in glued_sentences(doc):
        if test(sentence.text):
            yield sentence
