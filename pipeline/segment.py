"""Sentences and tokens that never cross a line break.

razdel on the whole text joins a headline or a list line with the next one ("Титов\\nАмурская
область" became one location in raw Natasha); splitting on lines first keeps every sentence,
and so every entity, inside one line. Over-long "sentences" (tables, run-on lists, a 50 MB line)
are cut into windows so the models' cost stays linear.
"""

from __future__ import annotations

from collections.abc import Iterator

from razdel import sentenize, tokenize

# slovnet's tag models were trained on sequences up to 512 tokens; 200 tokens covers 99.9% of
# news sentences in the gold corpora and keeps a batch of 8 within a few MB.
MAX_SENTENCE_TOKENS = 200
# Characters per razdel call on one line: razdel is linear but keeps the line in memory several
# times; cutting at whitespace near 20k characters bounds that for pathological lines.
MAX_LINE_CHARS = 20_000


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        stop = start + len(line)
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right > left:
            yield start + left, start + right
        start = stop + 1


def _windows(text: str, start: int, stop: int) -> Iterator[tuple[int, int]]:
    while stop - start > MAX_LINE_CHARS:
        cut = text.rfind(" ", start, start + MAX_LINE_CHARS)
        if cut <= start:
            cut = start + MAX_LINE_CHARS
        yield start, cut
        start = cut
        while start < stop and text[start].isspace():
            start += 1
    if stop > start:
        yield start, stop


def split_sentences(text: str) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """Split ``text`` into sentences with their tokens: ``[(start, stop, [(tstart, tstop, ttext)])]``.

    Offsets are into ``text``. Sentences stay within a line and hold at most
    ``MAX_SENTENCE_TOKENS`` tokens.
    """
    result: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for line_start, line_stop in _lines(text):
        for win_start, win_stop in _windows(text, line_start, line_stop):
            chunk = text[win_start:win_stop]
            for sent in sentenize(chunk):
                s_start = win_start + sent.start
                tokens = [(s_start + t.start, s_start + t.stop, t.text) for t in tokenize(sent.text)]
                for i in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                    piece = tokens[i : i + MAX_SENTENCE_TOKENS]
                    if piece:
                        result.append((piece[0][0], piece[-1][1], piece))
    return result
