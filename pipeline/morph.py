"""Morphology helpers over Natasha's MorphVocab (pymorphy3 underneath), cached.

One :class:`Morphology` per process: lemmas and nominative forms of the same words recur across
an archive, so every lookup is memoised (measured on the gold news: >90% of lemma calls hit).
"""

from __future__ import annotations

from functools import lru_cache

from natasha import MorphVocab
from natasha.shape import recover_shape

from pipeline.types import Token

# Cache sizes: a 100k-article archive has ~300k distinct (word, tag) pairs; 200k entries keep the
# frequent ones at ~60 MB per process.
LEMMA_CACHE_SIZE = 200_000
INFLECT_CACHE_SIZE = 100_000

INFLECTABLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def _feats_key(feats: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(feats.items()))


class Morphology:
    """Lemmas, parses and nominative forms of Russian words (pymorphy3 via Natasha)."""

    def __init__(self) -> None:
        self.vocab = MorphVocab()
        self._lemma = lru_cache(LEMMA_CACHE_SIZE)(self._lemma_uncached)
        self._nominative = lru_cache(INFLECT_CACHE_SIZE)(self._nominative_uncached)

    def lemma(self, word: str, pos: str, feats: dict[str, str]) -> str:
        """The dictionary form of ``word`` read as ``pos``/``feats`` (lower case, ё kept as е)."""
        return self._lemma(word, pos, _feats_key(feats))

    def lemma_of_tag(self, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
        """:meth:`lemma` with the features given as a sorted tuple of pairs (a tagger's tag
        table holds them so; no sorting per token)."""
        return self._lemma(word, pos, feats)

    def _lemma_uncached(self, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
        try:
            lemma = self.vocab.lemmatize(word, pos, dict(feats))
        except Exception:  # pymorphy raises on odd unicode; the word itself is the best lemma then
            lemma = word
        return str(lemma).lower().replace("ё", "е")

    def parses(self, word: str) -> list:
        """All pymorphy3 analyses of ``word`` (Natasha MorphForm objects with .normal, .pos, .feats)."""
        return list(self.vocab.parse(word))

    def nominative(self, word: str, pos: str, feats: dict[str, str]) -> str:
        """``word`` put in the nominative, keeping its gender and number (Natasha's rule)."""
        return self._nominative(word, pos, _feats_key(feats))

    def _nominative_uncached(self, word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str:
        lower = word.lower().replace("ё", "е")
        fdict = dict(feats)
        if pos not in INFLECTABLE_POS or fdict.get("Case") == "Nom":
            return word
        ud_pos = "NOUN" if pos == "PROPN" else pos
        for form in self.vocab.parse(lower):
            form_pos = "NOUN" if form.pos == "PROPN" else form.pos
            if form_pos != ud_pos:
                continue
            if any(form.feats.get(k) != fdict.get(k) for k in ("Gender", "Number", "Case")):
                continue
            try:
                inflected = form.inflect({"Nom"})
            except Exception:
                inflected = None
            if inflected:
                return str(recover_shape(inflected.word.replace("ё", "е"), word))
            break
        return word

    def normal_phrase(self, tokens: list[Token], text: str, head_only: bool) -> str:
        """The nominative form of a name made of ``tokens`` (offsets into ``text``).

        ``head_only`` (organisations): only the leading adjectives and the first noun are put in
        the nominative, so "Агентством стратегических инициатив" -> "Агентство стратегических
        инициатив" keeps its genitive complement. Otherwise (people, places) every word is.
        """
        words: list[str] = []
        inflecting = True
        for token in tokens:
            if inflecting and (not head_only or token.pos in INFLECTABLE_POS):
                words.append(self.nominative(token.text, token.pos, token.feats))
                if head_only and token.pos in ("NOUN", "PROPN"):
                    inflecting = False
            else:
                words.append(token.text)
                if head_only and token.pos not in ("ADJ", "PUNCT"):
                    inflecting = False
        parts: list[str] = []
        for i, (token, word) in enumerate(zip(tokens, words, strict=True)):
            if i:
                parts.append(" " * (token.start - tokens[i - 1].stop))
            parts.append(word)
        return "".join(parts)


@lru_cache(maxsize=1)
def get_morphology() -> Morphology:
    """The process-wide :class:`Morphology` (MorphVocab cannot be pickled: one per process)."""
    return Morphology()
