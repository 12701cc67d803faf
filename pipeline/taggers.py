"""slovnet's CNN taggers (morphology and NER) run on many sentences at once, without its records.

slovnet runs its numpy models in batches of a few sentences padded to the longest, and wraps every
token of the result in records (``MorphToken``, ``TagToken``, markup objects): on the gold news
half of the morphology tagger's time went to those records, the tag strings' parsing and the
per-batch set-up, not to the arithmetic. :class:`CNNTagger` runs the same model, with the same
weights, on all the sequences of a call laid end to end in one array, a zero row between two
sequences: a convolution with kernel 3 and padding 1 then sees exactly what it sees in slovnet (a
sequence's neighbours, or zeros past its ends: slovnet's padding embeddings are zero too, checked
in :meth:`CNNTagger.__init__`), and the separator rows are zeroed after every layer as slovnet
zeroes its padding. The first layer's product with a word is memoised (``WORD_ROWS``). Results
are slovnet's up to float rounding (the same tags, spans and parses on every token of the gold
news; tests/test_taggers.py compares).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from razdel import tokenize
from slovnet.bio import parse_bio
from slovnet.conll import parse_conll_tag
from slovnet.const import B, I, O
from slovnet.shape import word_shape

# Tokens per forward pass: bounds the intermediates (tokens x 330 floats, about 2.7 MB at 2048) for
# a pathological document. Speed does not depend on it once a pass holds a few hundred tokens
# (gold news, morphology, one thread, one call per article: 512 -> 1.28 s, 2048 -> 1.30 s, 8192 ->
# 1.27 s; slovnet's batches of 8 sentences: 2.9 s).
MAX_ROWS = 2048
# Distinct words whose first-layer products are memoised, per model (3 x 256 floats each: 25 MB).
# The first convolution is linear in its input, so a word's product with its taps is computed once
# and added to its shape's. Measured on the gold news, one call per article, memo empty at the
# start: morphology 1.32 -> 1.04 s and NER 1.18 -> 0.86 s with 8192 words (4096: 1.15 / 0.93 s;
# 16384: 0.94 / 0.99 s, twice the memory; then a dict memo emptied early, the array memo since
# gained another 10% / 5%); tags, spans and parses the same.
WORD_ROWS = 8192
# Distinct words whose vocabulary and shape ids are memoised; a news archive's frequent words.
ID_CACHE_SIZE = 200_000
# Sequences per Viterbi batch of the NER CRF (sorted by length, so padding stays small).
CRF_BATCH = 32


class CNNTagger:
    """A slovnet CNN tagger (``Morph`` or ``NER`` model) run on concatenated sequences."""

    def __init__(self, infer: Any) -> None:
        model, encoder = infer.model, infer.encoder
        self.words_vocab, self.shapes_vocab = encoder.words_vocab, encoder.shapes_vocab
        emb = model.emb
        self.word_indexes = emb.word.indexes.array
        self.word_codes = emb.word.codes.array
        self.qdims = emb.word.qdims
        self.shape_weight = emb.shape.weight.array
        pad_word, pad_shape = self.words_vocab.pad_id, self.shapes_vocab.pad_id
        # the separator rows are the padding ids: their embeddings must be zero, as slovnet's are
        if np.any(emb.word(np.array([pad_word]))) or np.any(self.shape_weight[pad_shape]):
            raise ValueError("slovnet padding embeddings are not zero: concatenated sequences would differ")
        self.pad_word, self.pad_shape = pad_word, pad_shape
        self.layers: list[tuple[list[np.ndarray], np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for layer in model.encoder.layers:
            conv, norm = layer.conv, layer.norm
            if conv.padding != 1 or conv.weight.shape[2] != 3:
                raise ValueError("only kernel 3 with padding 1 is supported")
            weight = conv.weight.array  # filters x in x kernel
            taps = [np.ascontiguousarray(weight[:, :, k].T) for k in range(3)]  # in x filters each
            self.layers.append((taps, conv.bias.array, norm.mean.array, norm.std.array,
                                np.stack([norm.weight.array, norm.bias.array])))
        # the first layer's three taps side by side, split into the word and the shape inputs
        first = np.concatenate(self.layers[0][0], axis=1)  # in x (3 * filters)
        word_dim = self.word_codes.shape[0] * self.word_codes.shape[2]
        self.first_word = np.ascontiguousarray(first[:word_dim])
        self.first_shape = self.shape_weight @ first[word_dim:]  # shape id -> its part of the taps
        self._rows = np.empty((WORD_ROWS, first.shape[1]), dtype=first.dtype)
        self._row_of = np.full(len(self.words_vocab.items), -1, dtype=np.intp)  # word id -> row of _rows
        self._used = 0
        proj = getattr(model.head, "proj", None)  # the syntax model has its own heads (SyntaxParser)
        self.proj_weight = proj.weight.array if proj is not None else None
        self.proj_bias = proj.bias.array if proj is not None else None
        self._ids: dict[str, tuple[int, int]] = {}

    def _word_ids(self, word: str) -> tuple[int, int]:
        ids = self._ids.get(word)
        if ids is None:
            ids = (self.words_vocab.encode(word.lower()), self.shapes_vocab.encode(word_shape(word)))
            if len(self._ids) >= ID_CACHE_SIZE:
                self._ids.clear()
            self._ids[word] = ids
        return ids

    def scores(self, sequences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """The head's output (tokens x tags) of every sequence of words, in order."""
        assert self.proj_weight is not None, "a tagger with a projection head"
        out: list[np.ndarray] = []
        for x, bounds in self.encode(sequences):
            scores = x @ self.proj_weight + self.proj_bias
            out.extend(scores[start:stop] for start, stop in bounds)
        return out

    def encode(self, sequences: Sequence[Sequence[str]]) -> Iterator[tuple[np.ndarray, list[tuple[int, int]]]]:
        """The encoder's output for groups of the sequences, in order: per group, the rows of all
        its sequences laid end to end (separator rows between) and each sequence's (start, stop)."""
        for group in _groups(sequences, MAX_ROWS):
            yield self._encode(group)

    def _encode(self, sequences: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[tuple[int, int]]]:
        word_ids = [self.pad_word]
        shape_ids = [self.pad_shape]
        bounds = []
        for words in sequences:
            start = len(word_ids)
            for word in words:
                w, s = self._word_ids(word)
                word_ids.append(w)
                shape_ids.append(s)
            bounds.append((start, len(word_ids)))
            word_ids.append(self.pad_word)
            shape_ids.append(self.pad_shape)
        n = len(word_ids)
        words_arr = np.asarray(word_ids)
        separators = words_arr == self.pad_word
        # a real word can be out of vocabulary but never the padding id: separators are exactly these
        x = self._first_taps(words_arr, np.asarray(shape_ids))
        for layer, (taps, bias, mean, std, affine) in enumerate(self.layers):
            y = np.empty((n, bias.shape[0]), dtype=x.dtype)
            y[0] = y[-1] = 0
            if layer == 0:
                f = bias.shape[0]
                inner = x[:-2, :f] + x[1:-1, f : 2 * f]
                inner += x[2:, 2 * f :]
            else:
                inner = x[:-2] @ taps[0]
                inner += x[1:-1] @ taps[1]
                inner += x[2:] @ taps[2]
            inner += bias
            np.maximum(inner, 0, out=inner)
            inner -= mean
            inner /= std
            inner *= affine[0]
            inner += affine[1]
            y[1:-1] = inner
            y[separators] = 0
            x = y
        return x, bounds

    def _first_taps(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        """Every row's input times each of the first layer's three taps (rows x 3 * filters).

        A word's part is the same wherever it stands: it is computed once and kept (up to
        ``WORD_ROWS`` words, then the memo starts again), and a row is its word's part plus its
        shape's."""
        unique, inverse = np.unique(word_ids, return_inverse=True)
        if len(unique) > WORD_ROWS:  # a huge group: no memo
            return self._word_part(unique)[inverse] + self.first_shape[shape_ids]
        rows = self._row_of[unique]
        missing = rows < 0
        count = int(missing.sum())
        if count and self._used + count > WORD_ROWS:  # full: the memo starts again
            self._row_of.fill(-1)
            self._used = 0
            rows[:] = -1
            missing[:] = True
            count = len(unique)
        if count:
            new = unique[missing]
            slots = np.arange(self._used, self._used + count)
            self._rows[slots] = self._word_part(new)
            self._row_of[new] = slots
            rows[missing] = slots
            self._used += count
        return self._rows[rows][inverse] + self.first_shape[shape_ids]

    def _word_part(self, word_ids: np.ndarray) -> np.ndarray:
        indexes = self.word_indexes[word_ids]
        return self.word_codes[self.qdims, indexes].reshape(len(word_ids), -1) @ self.first_word


def _groups(sequences: Sequence[Sequence[str]], max_rows: int) -> Iterator[Sequence[Sequence[str]]]:
    start, rows = 0, 0
    for i, words in enumerate(sequences):
        if rows and rows + len(words) + 1 > max_rows:
            yield sequences[start:i]
            start, rows = i, 0
        rows += len(words) + 1
    if start < len(sequences):
        yield sequences[start:]


class MorphTagger:
    """Part of speech and features of every word of every sentence (slovnet's news morphology)."""

    def __init__(self, infer: Any) -> None:
        self.cnn = CNNTagger(infer)
        # every tag id parsed once: (pos, feats) with the feats as a sorted tuple of pairs
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        for tag in infer.decoder.tags_vocab.items:
            pos, feats = parse_conll_tag(tag)
            self.tags.append((pos, tuple(sorted(feats.items()))))

    def tag_ids(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """The tag id of every word (index into :attr:`tags`), sentence by sentence."""
        return [scores.argmax(-1).tolist() for scores in self.cnn.scores(sentences)]


class NERTagger:
    """Named entity spans (PER, LOC, ORG) of texts (slovnet's news NER)."""

    def __init__(self, infer: Any) -> None:
        self.cnn = CNNTagger(infer)
        self.crf = infer.model.head.crf
        # every tag id read once as (BIO part, entity type): "B-PER" -> ("B", "PER")
        self.parts = [parse_bio(tag) for tag in infer.decoder.tags_vocab.items]

    def spans(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """(start, stop, type) of the entities of every text, offsets into that text.

        Tokens are razdel's, as slovnet's NER tokenizes; the best tag path is slovnet's CRF
        Viterbi over batches of texts of similar length."""
        return self.spans_of_tokens([[(t.start, t.stop, t.text) for t in tokenize(text)] for text in texts])

    def spans_of_tokens(self, texts: Sequence[Sequence[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
        """:meth:`spans` of texts already tokenized by razdel: (start, stop, word) per token; the
        spans' offsets are the tokens'."""
        scores = self.cnn.scores([[t[2] for t in toks] for toks in texts])
        paths: list[list[int]] = [[] for _ in texts]
        order = sorted((i for i in range(len(texts)) if texts[i]), key=lambda i: len(texts[i]))
        for b in range(0, len(order), CRF_BATCH):
            batch = order[b : b + CRF_BATCH]
            width = max(len(texts[i]) for i in batch)
            emissions = np.zeros((len(batch), width, scores[batch[0]].shape[1]), dtype=scores[batch[0]].dtype)
            mask = np.zeros((len(batch), width), dtype=bool)
            for row, i in enumerate(batch):
                emissions[row, : len(texts[i])] = scores[i]
                mask[row, : len(texts[i])] = True
            for i, path in zip(batch, self.crf.decode(emissions, mask), strict=True):
                paths[i] = path.tolist()
        return [self._bio_spans(toks, path) for toks, path in zip(texts, paths, strict=True)]

    def _bio_spans(self, tokens: Sequence[tuple[int, int, str]], path: list[int]) -> list[tuple[int, int, str]]:
        """The spans of a BIO tag path, as slovnet's ``bio_spans`` reads it (on tuples: slovnet's
        token records cost 0.15 s per 246 gold articles)."""
        spans: list[tuple[int, int, str]] = []
        kind: str | None = None
        start = stop = 0
        for (t_start, t_stop, _), tag in zip(tokens, path, strict=True):
            part, type_ = self.parts[tag]
            if part == O:
                if kind:
                    spans.append((start, stop, kind))
                    kind = None
            elif part == B:
                if kind:
                    spans.append((start, stop, kind))
                kind, start, stop = type_, t_start, t_stop
            elif part == I:
                stop = t_stop
        if kind:
            spans.append((start, stop, kind))
        return spans


class SyntaxParser:
    """Dependency heads and relations of sentences (slovnet's news syntax model).

    The encoder runs on concatenated sentences like the taggers; the heads' feed-forward layers
    run on all rows at once; the arc scores (a bilinear form over the sentence's words and the
    root) are computed sentence by sentence, so no padding needs masking: slovnet's masked argmax
    over a padded batch picks the same heads and relations."""

    def __init__(self, infer: Any) -> None:
        self.cnn = CNNTagger(infer)
        head, rel = infer.model.head, infer.model.rel
        self.arc_head, self.arc_tail = _ff(head.head), _ff(head.tail)
        self.arc_root, self.arc_kernel = head.root.array, head.kernel.array
        self.rel_head, self.rel_tail = _ff(rel.head), _ff(rel.tail)
        self.rel_root, self.rel_kernel = rel.root.array, rel.kernel.array
        self.rels = list(infer.decoder.rels_vocab.items)

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        """For every word of every sentence: (the index of its head word in the sentence, -1 for
        the root; its relation)."""
        out: list[list[tuple[int, str]]] = []
        for x, bounds in self.cnn.encode(sentences):
            out.extend(self._parse(x, bounds))
        return out

    def _parse(self, x: np.ndarray, bounds: list[tuple[int, int]]) -> list[list[tuple[int, str]]]:
        arc_head = _apply(self.arc_head, x) @ self.arc_kernel
        arc_root = _apply(self.arc_head, self.arc_root[None]) @ self.arc_kernel
        arc_tail = _apply(self.arc_tail, x)
        tail_root = _apply(self.arc_tail, self.arc_root[None])
        # rows of the relation's head features: the sentence rows of x, then the root at index len(x)
        rel_head = np.concatenate((_apply(self.rel_head, x), _apply(self.rel_head, self.rel_root[None])))
        rel_tail = _apply(self.rel_tail, x)
        root_row = len(x)
        heads: list[np.ndarray] = []
        gather: list[np.ndarray] = []
        for start, stop in bounds:
            head_rows = np.concatenate((arc_root, arc_head[start:stop]))
            tail_rows = np.concatenate((tail_root, arc_tail[start:stop]))
            scores = head_rows @ tail_rows.T  # (words + root) x (root + words)
            best = scores[1:].argmax(-1)  # 0 is the root, j the j-th word
            heads.append(best)
            gather.append(np.where(best == 0, root_row, start + best - 1))
        if not heads:
            return []
        rows = np.concatenate(gather)
        tails = np.concatenate([rel_tail[start:stop] for start, stop in bounds])
        hidden = tails.shape[1]
        rel = (rel_head[rows] @ self.rel_kernel).reshape(len(rows), -1, hidden) @ tails.reshape(len(rows), hidden, 1)
        rel_ids = rel.reshape(len(rows), -1).argmax(-1).tolist()
        out: list[list[tuple[int, str]]] = []
        offset = 0
        for best in heads:
            n = len(best)
            rels = rel_ids[offset : offset + n]
            out.append([(h - 1, self.rels[r]) for h, r in zip(best.tolist(), rels, strict=True)])
            offset += n
        return out


def _ff(module: Any) -> tuple[np.ndarray, np.ndarray]:
    return module.proj.weight.array, module.proj.bias.array


def _apply(ff: tuple[np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    """slovnet's FF layer: a linear map and a ReLU."""
    return (x @ ff[0] + ff[1]).clip(0)
