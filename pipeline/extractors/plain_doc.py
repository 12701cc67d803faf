"""An :class:`AnnotatedDoc` built without Natasha's models, for tests and quick scripts.

Sentences and tokens come from :func:`pipeline.segment.split_sentences`, each token's lemma, part
of speech and features from its first pymorphy analysis (what the date extractor reads to tell
past from future). No NER, no syntax. The real pipeline uses :mod:`pipeline.annotate`.
"""

from __future__ import annotations

import datetime as dt

from pipeline import natasha_compat  # noqa: F401  (must precede natasha)
from pipeline.morph import get_morphology
from pipeline.segment import split_sentences
from pipeline.types import AnnotatedDoc, Article, Sentence, Token


def plain_doc(text: str, published: dt.date | None = None, doc_id: str = "doc") -> AnnotatedDoc:
    """``text`` as an annotated document with first-analysis morphology and no entities."""
    morph = get_morphology()
    sentences = []
    for sent_id, (start, stop, raw_tokens) in enumerate(split_sentences(text)):
        tokens = []
        for i, (t_start, t_stop, word) in enumerate(raw_tokens):
            parses = morph.parses(word) if word[:1].isalpha() else []
            if parses:
                pos, feats, lemma = parses[0].pos, dict(parses[0].feats), parses[0].normal
            else:
                pos, feats, lemma = ("NUM" if word.isdigit() else "PUNCT"), {}, word
            tokens.append(Token(t_start, t_stop, word, pos, feats, lemma.lower(), id=i))
        sentences.append(Sentence(sent_id, start, stop, text[start:stop], tuple(tokens)))
    article = Article(source_id=doc_id, path="", text=text, published=published)
    return AnnotatedDoc(doc_id, article, sentences, [])
