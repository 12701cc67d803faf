"""Natasha in, plain records out: sentences, tokens with morphology and syntax, NER spans.

This is the only module that calls Natasha's models; everything downstream works on the records
of :mod:`pipeline.types`. Models are loaded once per process (:func:`get_models`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

from pipeline.morph import Morphology, get_morphology
from pipeline.ner_fixes import fix_entities
from pipeline.segment import split_sentences
from pipeline.taggers import MorphTagger, NERTagger, SyntaxParser
from pipeline.types import AnnotatedDoc, Article, EntityMention, Sentence, Token

# Sentences per NER item: a paragraph's worth of context, bounded for the pathological long line.
LINE_SENTENCES = 12


@dataclass
class Models:
    """Natasha's news models, loaded once per process.

    ``morph``, ``ner`` and ``syntax`` run the weights of ``morph_tagger``, ``ner_tagger`` and
    ``syntax_parser`` through :mod:`pipeline.taggers` (same results, less than half the time);
    Natasha's own objects stay for the scripts and tests that compare with raw Natasha."""

    morph_tagger: NewsMorphTagger
    syntax_parser: NewsSyntaxParser
    ner_tagger: NewsNERTagger
    morphology: Morphology
    morph: MorphTagger
    ner: NERTagger
    syntax: SyntaxParser


@lru_cache(maxsize=1)
def get_models() -> Models:
    """Load (once per process) the embedding and the morphology, syntax and NER models."""
    emb = NewsEmbedding()
    morph = NewsMorphTagger(emb)
    syntax = NewsSyntaxParser(emb)
    ner = NewsNERTagger(emb)
    return Models(morph, syntax, ner, get_morphology(), MorphTagger(morph.infer), NERTagger(ner.infer),
                  SyntaxParser(syntax.infer))


# Decides which sentences get a syntax parse: (sentence tokens with lemmas) -> bool.
SyntaxPredicate = Callable[[Sequence[Token]], bool]


def parse_all(tokens: Sequence[Token]) -> bool:
    """Syntax predicate that parses every sentence."""
    return True


class Annotator:
    """Turns an :class:`Article` into an :class:`AnnotatedDoc`.

    ``needs_syntax`` chooses the sentences worth a dependency parse (the events stage needs it
    only where a cooperation trigger stands); the default parses all.
    """

    def __init__(self, models: Models | None = None, needs_syntax: SyntaxPredicate = parse_all) -> None:
        self.models = models or get_models()
        self.needs_syntax = needs_syntax

    def annotate(self, doc_id: str, article: Article) -> AnnotatedDoc:
        """Segment, tag, lemmatise, parse (where needed) and run NER on one article."""
        text = article.text
        raw = split_sentences(text)
        words = [[t[2] for t in toks] for _, _, toks in raw]
        morph = self.models.morphology
        tags = self.models.morph.tags
        lemma = morph.lemma_of_tag
        sentences: list[Sentence] = []
        for sent_id, ((start, stop, toks), tag_ids) in enumerate(
            zip(raw, self.models.morph.tag_ids(words), strict=True)
        ):
            tokens = tuple(
                Token(ts, te, tt, pos, dict(feats), lemma(tt, pos, feats), id=i)
                for i, ((ts, te, tt), (pos, feats)) in enumerate(zip(toks, map(tags.__getitem__, tag_ids), strict=True))
            )
            sentences.append(Sentence(sent_id, start, stop, text[start:stop], tokens))
        sentences = self._parse(sentences)
        mentions = self._ner(text, sentences)
        return AnnotatedDoc(doc_id, article, sentences, mentions)

    def _parse(self, sentences: list[Sentence]) -> list[Sentence]:
        chosen = [i for i, s in enumerate(sentences) if s.tokens and self.needs_syntax(s.tokens)]
        if not chosen:
            return sentences
        parses = self.models.syntax.parse([[t.text for t in sentences[i].tokens] for i in chosen])
        out = list(sentences)
        for i, parse in zip(chosen, parses, strict=True):
            sent = sentences[i]
            tokens = tuple(
                Token(t.start, t.stop, t.text, t.pos, t.feats, t.lemma, id=j, head_id=head, rel=rel)
                for j, (t, (head, rel)) in enumerate(zip(sent.tokens, parse, strict=True))
            )
            out[i] = Sentence(sent.sent_id, sent.start, sent.stop, sent.text, tokens, parsed=True)
        return out

    def _ner(self, text: str, sentences: list[Sentence]) -> list[EntityMention]:
        # NER runs per line (a paragraph or a headline), so no span crosses a line break while
        # each sentence keeps its neighbours as context (per-sentence NER lost 0.3 F1 points on
        # factRuEval).
        lines: list[tuple[int, int, list[int]]] = []
        for i, sent in enumerate(sentences):
            if lines and "\n" not in text[lines[-1][1] : sent.start] and len(lines[-1][2]) < LINE_SENTENCES:
                lines[-1] = (lines[-1][0], sent.stop, [*lines[-1][2], i])
            else:
                lines.append((sent.start, sent.stop, [i]))
        # A line's tokens are its sentences' tokens: razdel tokenizes a line as its sentences (the
        # same tokens on all 2 209 lines of the gold), so the line is not tokenized again.
        found = self.models.ner.spans_of_tokens(
            [[(t.start, t.stop, t.text) for j in sent_ids for t in sentences[j].tokens] for _, _, sent_ids in lines]
        )
        spans: list[tuple[int, int, int, str]] = []
        for (_, _, sent_ids), line_spans in zip(lines, found, strict=True):
            for start, stop, s_type in line_spans:
                sent = next(sentences[j] for j in sent_ids if sentences[j].stop > start)
                spans.append((sent.sent_id, start, min(stop, sent.stop), s_type))
        spans.sort(key=lambda s: (s[1], s[2]))
        return fix_entities(text, sentences, spans, self.models.morphology)
